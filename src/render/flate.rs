//! Flate, the one compression gazette writes (PDF streams, photos, the
//! Word and OFD packages' entries), with miniz_oxide: one compressor a
//! thread, reset between streams (a fresh one allocates and zeroes some
//! 300 KB, more than compressing a receipt's stream costs). zlib-rs (in
//! the build through flate2, for reading PNG photos) was measured in its
//! place: a fresh compressor a stream took 1.5 to 2 times the CPU; one
//! reused took 13 to 43 % less time a stream, but its font programs came
//! out 0.7 % larger, a receipt 266 B (see the README's benchmarks).
//!
//! Pieces compressed apart ([`Deflated`], ending on a byte boundary) join
//! into one zlib stream ([`join`]): a font program's shared part is
//! compressed once per run and each paper compresses only its own part.

use miniz_oxide::deflate::core::{compress as run, CompressorOxide, TDEFLFlush, TDEFLStatus};
use miniz_oxide::DataFormat;

/// The level of every stream but a page's content (see
/// [`super::pdf::writer::PdfWriter::quick_pages`]).
pub const LEVEL: u8 = 6;

/// `data` as a zlib stream at the default [`LEVEL`].
pub fn deflate(data: &[u8]) -> Vec<u8> {
    deflate_at(data, LEVEL)
}

/// `data` as a zlib stream at `level` (0–10); the same bytes as
/// `miniz_oxide::deflate::compress_to_vec_zlib`.
pub fn deflate_at(data: &[u8], level: u8) -> Vec<u8> {
    compress(data, level, DataFormat::Zlib, TDEFLFlush::Finish)
        .unwrap_or_else(|| miniz_oxide::deflate::compress_to_vec_zlib(data, level))
}

/// `data` as raw Deflate blocks at `level`; `open` leaves the stream on a
/// byte boundary for more blocks to follow (a ZIP entry's own bytes before
/// a stream compressed apart, `render::zip`). `None` only for a bad level.
pub fn raw_at(data: &[u8], level: u8, open: bool) -> Option<Vec<u8>> {
    let flush = if open {
        TDEFLFlush::Sync
    } else {
        TDEFLFlush::Finish
    };
    compress(data, level, DataFormat::Raw, flush)
}

/// `data` through this thread's compressor; `None` only for a bad
/// parameter, and these are fixed.
fn compress(data: &[u8], level: u8, format: DataFormat, flush: TDEFLFlush) -> Option<Vec<u8>> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Option<Box<CompressorOxide>>> =
            const { std::cell::RefCell::new(None) };
    }
    COMPRESSOR.with_borrow_mut(|slot| {
        let c = slot.get_or_insert_with(Box::default);
        c.reset();
        c.set_format_and_level(format, level);
        let mut out = vec![0; (data.len() / 2).max(64)];
        let (mut input, mut at) = (data, 0);
        loop {
            let (status, read, written) = run(c, input, &mut out[at..], flush);
            at += written;
            input = &input[read..];
            let room = out.len() - at >= 64;
            match status {
                TDEFLStatus::Done => break,
                // A sync flush is done when all is read and the output had room.
                TDEFLStatus::Okay if flush == TDEFLFlush::Sync && input.is_empty() && room => break,
                TDEFLStatus::Okay if !room => out.resize(out.len() * 2, 0),
                TDEFLStatus::Okay => {}
                _ => return None,
            }
        }
        out.truncate(at);
        Some(out)
    })
}

/// Data compressed on its own as raw Deflate blocks ending on a byte
/// boundary: pieces compressed apart join into one zlib stream ([`join`]).
#[derive(Clone)]
pub struct Deflated {
    bytes: Vec<u8>,
    len: usize,
    adler: u32,
}

impl Deflated {
    pub fn new(data: &[u8]) -> Deflated {
        Deflated {
            bytes: compress(data, LEVEL, DataFormat::Raw, TDEFLFlush::Sync).unwrap_or_default(),
            len: data.len(),
            adler: adler2::adler32_slice(data),
        }
    }
}

/// One zlib stream of what `pieces` hold, then `last` (compressed now).
pub fn join(pieces: &[&Deflated], last: &[u8]) -> Vec<u8> {
    let end = compress(last, LEVEL, DataFormat::Raw, TDEFLFlush::Finish).unwrap_or_default();
    let size: usize = pieces.iter().map(|p| p.bytes.len()).sum();
    let mut out = Vec::with_capacity(2 + size + end.len() + 4);
    // The header miniz writes at level 6 (32 KB window, default level).
    out.extend_from_slice(&[0x78, 0x9c]);
    let mut adler = 1;
    for p in pieces {
        out.extend_from_slice(&p.bytes);
        adler = adler_combine(adler, p.adler, p.len);
    }
    out.extend_from_slice(&end);
    adler = adler_combine(adler, adler2::adler32_slice(last), last.len());
    out.extend_from_slice(&adler.to_be_bytes());
    out
}

/// The Adler-32 of two strings joined, from theirs and the second's length.
fn adler_combine(first: u32, second: u32, len: usize) -> u32 {
    const MOD: u64 = 65521;
    let rem = len as u64 % MOD;
    let (a1, b1) = (u64::from(first & 0xffff), u64::from(first >> 16));
    let (a2, b2) = (u64::from(second & 0xffff), u64::from(second >> 16));
    let a = (a1 + a2 + MOD - 1) % MOD;
    let b = (rem * a1 + b1 + b2 + MOD - rem) % MOD;
    (b << 16 | a) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: u32) -> Vec<u8> {
        (0..n)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 % 11 + b'a')
            .collect()
    }

    #[test]
    fn a_reused_compressor_gives_the_bytes_of_a_fresh_one() {
        let text = text(200_000);
        for level in [0, 1, 2, 4, 6, 9, 10] {
            for data in [&text[..], &text[..10], b"", &text[..70_000]] {
                let want = miniz_oxide::deflate::compress_to_vec_zlib(data, level);
                assert!(
                    deflate_at(data, level) == want,
                    "level {level}, {} bytes",
                    data.len()
                );
            }
        }
    }

    #[test]
    fn pieces_compressed_apart_join_into_one_zlib_stream() {
        let text = text(100_000);
        let (a, b, c) = (
            &text[..40_000],
            &text[40_000..40_000],
            &text[40_000..90_000],
        );
        let joined = join(
            &[&Deflated::new(a), &Deflated::new(b), &Deflated::new(c)],
            &text[90_000..],
        );
        let back = miniz_oxide::inflate::decompress_to_vec_zlib(&joined).expect("a zlib stream");
        assert!(back == text);
        let empty = miniz_oxide::inflate::decompress_to_vec_zlib(&join(&[], b"")).unwrap();
        assert!(empty.is_empty());
    }
}
