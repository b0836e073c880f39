//! A CSV file's bytes as text: UTF-8 (a BOM dropped) or GB18030, which
//! covers GBK as Excel saves it on Chinese Windows. A list of 100,000 rows
//! is 21 MB: the UTF-8 check and the search for control characters run on
//! every core, in pieces cut between characters.

use std::path::Path;

use rayon::prelude::*;

use crate::diag::Diagnostic;

/// Pieces of about this many bytes are checked on their own.
const PIECE: usize = 1 << 20;

/// Decode CSV bytes: UTF-8 (BOM dropped), else GB18030.
pub fn decode(bytes: Vec<u8>, rel: &Path) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(crate::diag!(Error, "csv-is-xlsx", file = rel).in_file(rel));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(crate::diag!(Error, "csv-is-xls", file = rel).in_file(rel));
    }
    let neither = || crate::diag!(Error, "csv-not-text", file = rel).in_file(rel);
    // UTF-16 ("Unicode text") has NUL bytes; it is not what we read.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(neither());
    }
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // UTF-8 is taken as it is, without a copy: lists run to 100,000 rows.
    let (text, controls) = match utf8(bytes) {
        Ok(ok) => ok,
        Err(bytes) => {
            let text = encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .ok_or_else(neither)?
                .into_owned();
            let controls = pieces(text.as_bytes())
                .par_iter()
                .map(|p| count_controls(p))
                .sum();
            (text, controls)
        }
    };
    // GB18030 decodes much binary junk; control characters give it away.
    // A stray one in a text is reported where it is.
    if controls > 0 && controls * 100 < text.len() && controls <= 16 {
        if let Some(d) = crate::load::files::control_diagnostic(rel, &text) {
            return Err(d);
        }
    }
    if controls > 0 {
        return Err(crate::diag!(Error, "csv-binary", file = rel).in_file(rel));
    }
    Ok(text)
}

/// The bytes as a string and its count of control characters, or the
/// bytes back when they are not UTF-8.
fn utf8(bytes: Vec<u8>) -> Result<(String, usize), Vec<u8>> {
    let controls: Option<usize> = pieces(&bytes)
        .par_iter()
        .map(|p| std::str::from_utf8(p).ok().map(|_| count_controls(p)))
        .sum();
    let Some(controls) = controls else {
        return Err(bytes);
    };
    // SAFETY: every piece is valid UTF-8 (checked just above), and valid
    // UTF-8 pieces one after the other are valid UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok((text, controls))
}

/// `bytes` cut into pieces of about [`PIECE`] bytes, each cut before a
/// byte that does not continue a UTF-8 character: in valid UTF-8, between
/// two characters. (A run of continuation bytes that goes on past a cut
/// is invalid UTF-8, which the pieces around it then fail as the whole would.)
fn pieces(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(bytes.len() / PIECE + 1);
    let mut rest = bytes;
    while rest.len() > PIECE {
        let cut = rest[PIECE..]
            .iter()
            .position(|&b| !(0x80..0xC0).contains(&b))
            .map_or(rest.len(), |n| PIECE + n);
        let (piece, after) = rest.split_at(cut);
        out.push(piece);
        rest = after;
    }
    out.push(rest);
    out
}

/// The control characters of UTF-8 `bytes` but tab and line ends: C0 and
/// DEL are single bytes, C1 (U+0080–U+009F) is `C2 80`–`C2 9F`. Counted a
/// block at a time in bytes, which the compiler turns into vector code.
fn count_controls(bytes: &[u8]) -> usize {
    let c0 = |x: u8| (x < 0x20 && !matches!(x, b'\t' | b'\r' | b'\n')) || x == 0x7F;
    let c1 = |(&a, &b): (&u8, &u8)| a == 0xC2 && b & 0xE0 == 0x80;
    let mut n = 0;
    for block in bytes.chunks(255) {
        n += usize::from(block.iter().fold(0u8, |s, &x| s + u8::from(c0(x))));
    }
    let next = bytes.get(1..).unwrap_or_default();
    for (a, b) in bytes.chunks(255).zip(next.chunks(255)) {
        n += usize::from(a.iter().zip(b).fold(0u8, |s, p| s + u8::from(c1(p))));
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_counted_as_chars_count_them() {
        let text: String = (0..0x3000u32)
            .filter_map(char::from_u32)
            .chain("表\u{85}\u{9f}\u{7f}\t\r\n".chars())
            .collect();
        let by_char = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
            .count();
        assert_eq!(count_controls(text.as_bytes()), by_char);
        assert_eq!(count_controls("张三,男\r\n".as_bytes()), 0);
        assert_eq!(count_controls(b""), 0);
    }

    #[test]
    fn pieces_are_cut_between_characters() {
        let text = "张三,男\u{85}\n".repeat(PIECE / 5);
        let pieces = pieces(text.as_bytes());
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| std::str::from_utf8(p).is_ok()));
        assert_eq!(pieces.concat(), text.as_bytes());
        let (back, controls) = utf8(text.clone().into_bytes()).unwrap();
        assert_eq!(back, text);
        assert_eq!(controls, PIECE / 5);
        // Invalid UTF-8 anywhere fails the whole, as String::from_utf8 does.
        let mut bad = text.into_bytes();
        let at = bad.len() - 7;
        bad[at] = 0xFF;
        assert!(utf8(bad).is_err());
    }
}
