//! The ZIP archives of the Word and OFD packages, written deterministically:
//! entries in the order given, deflated, dated 1980-01-01 (the ZIP epoch),
//! readable by all, so nothing of the build's clock or machine gets in.
//!
//! An entry may end with bytes that are deflated already (an OFD font's
//! `CFF ` table, which the PDF embeds compressed; a page compressed while
//! the fonts were cut): the bytes before them are compressed up to a byte
//! boundary without closing the stream, and the given stream, which
//! closes it, follows. Deflate allows it: a stream is a sequence of
//! blocks, and that stream refers to nothing before it.

use std::io::{Error, ErrorKind, Result};

use super::flate::{raw_at, Crc};

/// One file of an archive.
pub struct Entry<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// The entry's last bytes and their raw deflate stream.
    pub tail: Option<(&'a [u8], &'a [u8])>,
}

impl<'a> Entry<'a> {
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Entry<'a> {
        Entry {
            name,
            bytes,
            tail: None,
        }
    }
}

/// Flate level of the entries' own bytes, XML text. The 2024 notice's OFD
/// pages (108 KB): level 6 takes them to 11.1 KB in 1 ms, level 2 to
/// 12.5 KB in 0.4 ms, level 1 to 15.4 KB in 0.15 ms.
const LEVEL: u8 = 2;

/// The archive of `entries`. Fails only where ZIP without its 64-bit
/// extension ends: 65,535 entries, 4 GB.
pub fn archive<'a>(entries: impl IntoIterator<Item = Entry<'a>>) -> Result<Vec<u8>> {
    let too_big = || Error::new(ErrorKind::InvalidInput, "over the 4 GB of a ZIP archive");
    // Compressed first, so the archive is written once into its full size.
    let mut packed = Vec::new();
    for e in entries {
        if e.name.len() > usize::from(u16::MAX) {
            let long = "a ZIP entry's name over 64 KB";
            return Err(Error::new(ErrorKind::InvalidInput, long));
        }
        let mut crc = Crc::new();
        crc.update(e.bytes);
        let head = match e.tail {
            Some((plain, _)) => {
                crc.update(plain);
                match e.bytes {
                    [] => Vec::new(),
                    bytes => raw_at(bytes, LEVEL, true),
                }
            }
            None => deflate(e.bytes),
        };
        let tail = e.tail.map_or(&[][..], |(_, deflated)| deflated);
        let size = e.bytes.len() + e.tail.map_or(0, |(plain, _)| plain.len());
        let fixed = Fixed {
            crc: crc.sum(),
            packed: u32::try_from(head.len() + tail.len()).map_err(|_| too_big())?,
            size: u32::try_from(size).map_err(|_| too_big())?,
            name: e.name,
        };
        packed.push((fixed, head, tail));
    }
    let count = u16::try_from(packed.len()).map_err(|_| too_big())?;
    let local: usize = (packed.iter())
        .map(|(f, head, tail)| 30 + f.name.len() + head.len() + tail.len())
        .sum();
    let listed: usize = packed.iter().map(|(f, _, _)| 46 + f.name.len()).sum();
    let mut out = Vec::with_capacity(local + listed + 22);
    let mut central = Vec::with_capacity(listed);
    for (fixed, head, tail) in &packed {
        let at = u32::try_from(out.len()).map_err(|_| too_big())?;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        fixed.write(&mut out);
        out.extend_from_slice(fixed.name.as_bytes());
        out.extend_from_slice(head);
        out.extend_from_slice(tail);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        // Made by: Unix (its permissions below), ZIP 2.0.
        central.extend_from_slice(&(3u16 << 8 | 20).to_le_bytes());
        fixed.write(&mut central);
        // No comment, disk 0, no internal attributes; a regular file, rw-r--r--.
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes());
        central.extend_from_slice(&at.to_le_bytes());
        central.extend_from_slice(fixed.name.as_bytes());
    }
    let at = u32::try_from(out.len()).map_err(|_| too_big())?;
    let len = u32::try_from(central.len()).map_err(|_| too_big())?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&[0; 2]);
    u32::try_from(out.len()).map_err(|_| too_big())?;
    Ok(out)
}

/// What the local and the central header of an entry share, from the
/// version needed on.
struct Fixed<'a> {
    crc: u32,
    packed: u32,
    size: u32,
    name: &'a str,
}

impl Fixed<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        // Bit 11: the name is UTF-8 (only said when it is not ASCII).
        let flags: u16 = if self.name.is_ascii() { 0 } else { 1 << 11 };
        // Version 2.0, deflated, 00:00:00 on 1980-01-01.
        for v in [20u16, flags, 8, 0, (1 << 5) | 1] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [self.crc, self.packed, self.size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        // No extra field.
        out.extend_from_slice(&(self.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0; 2]);
    }
}

/// `data` as a raw deflate stream at [`LEVEL`], for an entry's tail.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    raw_at(data, LEVEL, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries of an archive, in order, read by the `zip` crate (which
    /// checks each entry's size and CRC as it inflates it).
    fn read(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut archive =
            ::zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a ZIP the zip crate reads");
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).expect("an entry");
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut entry, &mut bytes).expect("its size and CRC");
                (entry.name().expect("a name").to_string(), bytes)
            })
            .collect()
    }

    #[test]
    fn an_entry_may_end_with_bytes_deflated_before() {
        let text: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let glyphs: Vec<u8> = (0..90_000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
            .collect();
        let zlib = miniz_oxide::deflate::compress_to_vec_zlib(&glyphs, 1);
        let deflated = &zlib[2..zlib.len() - 4];
        for head in [&text[..], b"", b"OTTO"] {
            let zip = archive([
                Entry::new("a.xml", b"<a/>"),
                Entry {
                    name: "Res/font.otf",
                    bytes: head,
                    tail: Some((&glyphs, deflated)),
                },
                Entry::new("empty", b""),
            ])
            .unwrap();
            let whole: Vec<u8> = [head, &glyphs[..]].concat();
            let read = read(&zip);
            let names: Vec<&str> = read.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, ["a.xml", "Res/font.otf", "empty"]);
            assert_eq!(read[0].1, b"<a/>");
            assert_eq!(read[1].1, whole);
            assert!(read[2].1.is_empty());
        }
    }
}
