//! A CSV file's bytes as text: UTF-8 (a BOM dropped) or GB18030, which
//! covers GBK as Excel saves it on Chinese Windows. A list of 100,000 rows
//! is 21 MB: it is read on every core into a mapping of its own, which is
//! given back to the system when the list has been checked (the
//! allocator would keep those pages, and the build after the check has no
//! use for them); the UTF-8 check and the search for control characters
//! run on every core too, in pieces cut between characters.

use std::ops::Deref;
use std::path::Path;

use memmap2::{Mmap, MmapMut};
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::load::files;

/// Pieces of about this many bytes are read and checked on their own.
const PIECE: usize = 1 << 20;

/// A list's decoded text.
pub struct Text(Held);

enum Held {
    /// The file's bytes as read, UTF-8 from `from` on (after a BOM), in a
    /// mapping made read-only once checked.
    Mapped { map: Mmap, from: usize },
    /// Decoded from GB18030 (or empty).
    Owned(String),
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            // SAFETY: checked to be UTF-8 when made (`utf8`: every piece
            // `pieces` cuts before a byte that starts a character is valid,
            // so the whole is), and read-only since: the mapping is this
            // value's own and its pages cannot be written.
            Held::Mapped { map, from } => unsafe { std::str::from_utf8_unchecked(&map[*from..]) },
            Held::Owned(s) => s,
        }
    }
}

impl Clone for Text {
    fn clone(&self) -> Text {
        Text(Held::Owned(self.to_string()))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// Read `rel` below `root` and decode it.
pub fn read(root: &Path, rel: &Path) -> Result<Text, Diagnostic> {
    let file = files::open(root, rel)?;
    let len = file.metadata().map_or(0, |m| m.len() as usize);
    match read_mapped(&file, len) {
        Ok(Some(map)) => decode(map, rel),
        // A file that is empty, changed its length while read, or could
        // not be read in pieces is read from the start as a whole.
        _ => decode_bytes(&files::read_bytes(root, rel)?, rel),
    }
}

/// The `len` bytes of `file` in a mapping of their own, read on every
/// core; None when the file does not have `len` bytes.
#[cfg(unix)]
fn read_mapped(file: &std::fs::File, len: usize) -> std::io::Result<Option<MmapMut>> {
    use std::os::unix::fs::FileExt;
    if len == 0 {
        return Ok(None);
    }
    let mut map = MmapMut::map_anon(len)?;
    map.par_chunks_mut(PIECE)
        .enumerate()
        .try_for_each(|(i, piece)| file.read_exact_at(piece, (i * PIECE) as u64))?;
    let more = file.read_at(&mut [0], len as u64)?;
    Ok((more == 0).then_some(map))
}

/// Elsewhere the file is read as a whole.
#[cfg(not(unix))]
fn read_mapped(_: &std::fs::File, _: usize) -> std::io::Result<Option<MmapMut>> {
    Ok(None)
}

/// Decode bytes read some other way.
pub fn decode_bytes(bytes: &[u8], rel: &Path) -> Result<Text, Diagnostic> {
    if bytes.is_empty() {
        return Ok(Text(Held::Owned(String::new())));
    }
    let mut map = MmapMut::map_anon(bytes.len()).map_err(|e| files::read_failed(rel, &e))?;
    map.copy_from_slice(bytes);
    decode(map, rel)
}

/// Decode CSV bytes: UTF-8 (BOM dropped), else GB18030.
fn decode(map: MmapMut, rel: &Path) -> Result<Text, Diagnostic> {
    let bytes = &map[..];
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
    let from = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    // UTF-8 is taken as it is, without a copy: lists run to 100,000 rows.
    let (text, controls) = match utf8(&bytes[from..]) {
        Some(controls) => {
            let map = map
                .make_read_only()
                .map_err(|e| files::read_failed(rel, &e))?;
            (Text(Held::Mapped { map, from }), controls)
        }
        None => {
            let text = encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes[from..])
                .ok_or_else(neither)?
                .into_owned();
            let controls = pieces(text.as_bytes())
                .par_iter()
                .map(|p| count_controls(p))
                .sum();
            (Text(Held::Owned(text)), controls)
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

/// The count of control characters of `bytes`, when they are UTF-8.
fn utf8(bytes: &[u8]) -> Option<usize> {
    pieces(bytes)
        .par_iter()
        .map(|p| std::str::from_utf8(p).ok().map(|_| count_controls(p)))
        .sum()
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
        assert_eq!(utf8(text.as_bytes()), Some(PIECE / 5));
        // Read back in pieces, the BOM dropped.
        let plain = text.replace('\u{85}', "·");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.csv"), format!("\u{feff}{plain}")).unwrap();
        let back = read(dir.path(), Path::new("x.csv")).unwrap();
        assert!(matches!(back.0, Held::Mapped { from: 3, .. }));
        assert_eq!(&*back, plain);
        assert_eq!(
            &*decode_bytes(plain.as_bytes(), Path::new("x.csv")).unwrap(),
            plain
        );
        // Invalid UTF-8 anywhere fails the whole, as String::from_utf8 does.
        let mut bad = text.into_bytes();
        let at = bad.len() - 7;
        bad[at] = 0xFF;
        assert_eq!(utf8(&bad), None);
    }
}
