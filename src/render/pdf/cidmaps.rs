//! What a subset's CIDs map to besides glyphs: text (the ToUnicode CMap)
//! and advances (the CIDFont's `W` array), both written as runs where the
//! CIDs allow: a subset's glyphs are numbered in Unicode order, so digits,
//! Latin letters and neighbouring ideographs come out as ranges.

use pdf_writer::writers::Widths;

/// The advance every CJK glyph has (the CIDFont's `DW`): left out of `W`.
pub const DEFAULT_WIDTH: f32 = 1000.0;

/// A ToUnicode CMap for `(cid, char)` pairs sorted by CID: consecutive
/// CIDs of consecutive BMP characters as `bfrange`s (within one block of
/// 256, as a range's last byte may not wrap), the rest as `bfchar`s.
pub fn to_unicode(pairs: &[(u16, char)]) -> Vec<u8> {
    let mut ranges: Vec<(u16, u16, u32)> = Vec::new();
    let mut chars: Vec<(u16, char)> = Vec::new();
    let mut k = 0;
    while k < pairs.len() {
        let (cid, ch) = pairs[k];
        let mut n = 1;
        while let Some(&(next, c)) = pairs.get(k + n) {
            let step = n as u32;
            let fits = u32::from(ch) + step <= 0xffff
                && (u32::from(ch) & 0xff) + step <= 0xff
                && (u32::from(cid) & 0xff) + step <= 0xff;
            if !fits
                || u32::from(next) != u32::from(cid) + step
                || u32::from(c) != u32::from(ch) + step
            {
                break;
            }
            n += 1;
        }
        if n > 1 {
            ranges.push((cid, cid + n as u16 - 1, u32::from(ch)));
        } else {
            chars.push((cid, ch));
        }
        k += n;
    }
    let mut out = Vec::with_capacity(300 + 14 * chars.len() + 20 * ranges.len());
    out.extend_from_slice(HEAD);
    // At most 100 entries a section (the CMap format's limit).
    for part in chars.chunks(100) {
        out.extend_from_slice(format!("{} beginbfchar\n", part.len()).as_bytes());
        for &(cid, ch) in part {
            hex(&mut out, &[cid]);
            let mut units = [0u16; 2];
            hex(&mut out, ch.encode_utf16(&mut units));
            out.push(b'\n');
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    for part in ranges.chunks(100) {
        out.extend_from_slice(format!("{} beginbfrange\n", part.len()).as_bytes());
        for &(lo, hi, ch) in part {
            hex(&mut out, &[lo]);
            hex(&mut out, &[hi]);
            hex(&mut out, &[ch as u16]);
            out.push(b'\n');
        }
        out.extend_from_slice(b"endbfrange\n");
    }
    out.extend_from_slice(TAIL);
    out
}

const HEAD: &[u8] = b"/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n";

const TAIL: &[u8] = b"endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n";

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
    fn consecutive_characters_become_ranges_within_a_block() {
        let pairs: Vec<(u16, char)> =
            [(1, '0'), (2, '1'), (3, '2'), (4, '湖'), (5, '𠮷'), (6, 'A')]
                .into_iter()
                .collect();
        let text = String::from_utf8(to_unicode(&pairs)).unwrap();
        assert!(
            text.contains("3 beginbfchar\n<0004><6E56>\n<0005><D842DFB7>\n<0006><0041>\n"),
            "{text}"
        );
        assert!(
            text.contains("1 beginbfrange\n<0001><0003><0030>\n"),
            "{text}"
        );
        // A range never wraps the last byte of its CID or character.
        let wrap = [(0xfe, '\u{4e00}'), (0xff, '\u{4e01}'), (0x100, '\u{4e02}')];
        let text = String::from_utf8(to_unicode(&wrap)).unwrap();
        assert!(text.contains("<00FE><00FF><4E00>"), "{text}");
        assert!(text.contains("<0100><4E02>"), "{text}");
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
