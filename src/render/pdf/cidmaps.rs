//! What a subset's CIDs map to besides glyphs: text (the ToUnicode CMap)
//! and advances (the CIDFont's `W` array), both written as runs where the
//! CIDs allow: a subset's glyphs are numbered in Unicode order, so digits,
//! Latin letters and neighbouring ideographs come out as ranges.

use pdf_writer::writers::Widths;

/// The advance every CJK glyph has (the CIDFont's `DW`): left out of `W`.
pub const DEFAULT_WIDTH: f32 = 1000.0;

/// A ToUnicode CMap for `(cid, char)` pairs sorted by CID. Consecutive
/// CIDs (within one block of 256: a range may not wrap its last byte) are
/// one `bfrange`: with one starting character when their characters are
/// consecutive too (digits, letters), else with an array of characters
/// (the CIDs are then written twice, not once a character); a CID alone
/// is a `bfchar`.
pub fn to_unicode(pairs: &[(u16, char)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(300 + 14 * pairs.len());
    out.extend_from_slice(HEAD);
    sections(pairs, &mut out);
    out.extend_from_slice(TAIL);
    out
}

/// The `bfchar` and `bfrange` sections of a ToUnicode CMap (between
/// [`HEAD`] and [`TAIL`]; a CMap may have any number of them).
pub fn sections(pairs: &[(u16, char)], out: &mut Vec<u8>) {
    let mut single: Vec<(u16, char)> = Vec::new();
    let mut runs: Vec<&[(u16, char)]> = Vec::new();
    let mut k = 0;
    while k < pairs.len() {
        let mut n = 1;
        while pairs.get(k + n).is_some_and(|&(c, _)| {
            u32::from(c) == u32::from(pairs[k].0) + n as u32 && c >> 8 == pairs[k].0 >> 8
        }) {
            n += 1;
        }
        match n {
            1 => single.push(pairs[k]),
            _ => runs.push(&pairs[k..k + n]),
        }
        k += n;
    }
    // At most 100 entries a section (the CMap format's limit).
    for part in single.chunks(100) {
        out.extend_from_slice(format!("{} beginbfchar\n", part.len()).as_bytes());
        for &(cid, ch) in part {
            hex(out, &[cid]);
            text(out, ch);
            out.push(b'\n');
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    for part in runs.chunks(100) {
        out.extend_from_slice(format!("{} beginbfrange\n", part.len()).as_bytes());
        for run in part {
            let (first, last) = (run[0], run[run.len() - 1]);
            hex(out, &[first.0]);
            hex(out, &[last.0]);
            let counted = run
                .windows(2)
                .all(|w| u32::from(w[1].1) == u32::from(w[0].1) + 1);
            // The last byte of the first character counts up to the last's.
            let (lo, hi) = (u32::from(first.1), u32::from(last.1));
            if counted && hi <= 0xffff && lo >> 8 == hi >> 8 {
                text(out, first.1);
            } else {
                out.push(b'[');
                for &(_, ch) in *run {
                    text(out, ch);
                }
                out.push(b']');
            }
            out.push(b'\n');
        }
        out.extend_from_slice(b"endbfrange\n");
    }
}

/// A character as a hex string of UTF-16 (a surrogate pair beyond the BMP).
fn text(out: &mut Vec<u8>, ch: char) {
    let mut units = [0u16; 2];
    hex(out, ch.encode_utf16(&mut units));
}

/// The start of a ToUnicode CMap, up to its mappings.
pub const HEAD: &[u8] = b"/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n";

/// The end of a ToUnicode CMap.
pub const TAIL: &[u8] = b"endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n";

/// A hex string of 16-bit values.
fn hex(out: &mut Vec<u8>, units: &[u16]) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'<');
    for v in units {
        for shift in [12, 8, 4, 0] {
            out.push(DIGITS[usize::from(v >> shift & 0xf)]);
        }
    }
    out.push(b'>');
}

/// The `W` array of `(cid, width)` pairs sorted by CID, widths other than
/// [`DEFAULT_WIDTH`] only: three or more equal widths in a row as one
/// `first last width` range, other neighbours as `first [w w …]`.
pub fn widths(w: &mut Widths, pairs: &[(u16, f32)]) {
    let own: Vec<(u16, f32)> = pairs
        .iter()
        .copied()
        .filter(|&(_, v)| v != DEFAULT_WIDTH)
        .collect();
    let mut k = 0;
    while k < own.len() {
        // The run of consecutive CIDs starting at k.
        let mut end = k + 1;
        while end < own.len() && own[end].0 == own[end - 1].0 + 1 {
            end += 1;
        }
        let mut i = k;
        while i < end {
            let same = own[i..end].iter().take_while(|p| p.1 == own[i].1).count();
            if same >= 3 {
                w.same(own[i].0, own[i + same - 1].0, own[i].1);
                i += same;
                continue;
            }
            // A list up to the next run of three equal widths.
            let mut j = i + 1;
            while j < end && own[j..end].iter().take_while(|p| p.1 == own[j].1).count() < 3 {
                j += 1;
            }
            w.consecutive(own[i].0, own[i..j].iter().map(|p| p.1));
            i = j;
        }
        k = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_cids_become_ranges_within_a_block() {
        let pairs = [
            (1, '0'),
            (2, '1'),
            (3, '2'),
            (4, '湖'),
            (5, '𠮷'),
            (6, 'A'),
            (8, '南'),
            (0xfe, '\u{4e00}'),
            (0xff, '\u{4e01}'),
            (0x100, '\u{4e02}'),
        ];
        let text = String::from_utf8(to_unicode(&pairs)).unwrap();
        let body = &text[text.find("endcodespacerange").unwrap()..];
        assert_eq!(
            body,
            "endcodespacerange\n2 beginbfchar\n<0008><5357>\n<0100><4E02>\n\
             endbfchar\n2 beginbfrange\n\
             <0001><0006>[<0030><0031><0032><6E56><D842DFB7><0041>]\n\
             <00FE><00FF><4E00>\nendbfrange\n\
             endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n"
        );
    }

    #[test]
    fn widths_leave_out_the_default_and_group_runs() {
        let mut pdf = pdf_writer::Chunk::new();
        let mut font = pdf.cid_font(pdf_writer::Ref::new(1));
        let pairs = [
            (1, 500.0),
            (2, 500.0),
            (3, 500.0),
            (4, 300.0),
            (5, 1000.0),
            (6, 250.0),
            (7, 260.0),
            (9, 600.0),
        ];
        widths(&mut font.widths(), &pairs);
        drop(font);
        let text = String::from_utf8(pdf.as_bytes().to_vec()).unwrap();
        let w: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            w.contains("/W [1 3 500 4 [300] 6 [250 260] 9 [600]]"),
            "{w}"
        );
    }
}
