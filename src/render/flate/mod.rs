//! Flate, the one compression gazette writes (PDF streams, photos, the
//! Word and OFD packages' entries), with libdeflate: one compressor a
//! level and thread. Measured on a receipt's streams (0.6 to 7 KB), it
//! took 40 to 60 % of miniz_oxide's time at the same level, for the same
//! size or a few bytes less; zlib-rs with its compressor reused saved 13
//! to 43 % and made font programs 0.7 % larger (see the README's
//! benchmarks).
//!
//! Pieces compressed apart ([`Deflated`], ending on a byte boundary) join
//! into one zlib stream ([`join`]): a font program's shared part is
//! compressed once per run and each paper compresses only its own part.
//! libdeflate writes whole streams only; [`open`] makes a piece of one.

mod open;

pub use libdeflater::{adler32, Crc};
use libdeflater::{CompressionLvl, Compressor};

/// The level of every stream but what each paper compresses for itself
/// ([`QUICK`]) and the font cuts papers share, which are made once a run
/// at libdeflate's hardest.
pub const LEVEL: u8 = 6;

/// The level of what each of 100,000 papers compresses for itself: its
/// pages' content, object stream, own glyphs and ToUnicode map. On 5,000
/// receipts, level 1 for all four instead of 6 made them 73 B larger
/// (39,878 to 39,951 B mean) and took 11 % less user CPU (2.15 against
/// 2.42 s, medians of four); a receipt's page alone (3.4 KB) took 11 µs
/// for 1,185 B at level 1, 27 µs for 1,192 B at level 6.
pub const QUICK: u8 = 1;

/// `data` as a zlib stream at the default [`LEVEL`].
pub fn deflate(data: &[u8]) -> Vec<u8> {
    deflate_at(data, LEVEL)
}

/// `data` as a zlib stream at `level` (1–12, libdeflate's; 6 is zlib's
/// default, and above 9 it searches harder than zlib can).
pub fn deflate_at(data: &[u8], level: u8) -> Vec<u8> {
    compress(data, level, true)
}

/// `data` as raw Deflate blocks at `level`; `open` leaves the stream on a
/// byte boundary for more blocks to follow (a ZIP entry's own bytes before
/// a stream compressed apart, `render::zip`).
pub fn raw_at(data: &[u8], level: u8, open: bool) -> Vec<u8> {
    let whole = compress(data, level, false);
    if !open {
        return whole;
    }
    // libdeflate's own output is a whole stream: failing to walk it is a
    // bug here, and the bytes stored as they are open it just as well.
    open::open(&whole).unwrap_or_else(|| stored(data))
}

/// `data` in stored blocks, the last not marked last.
fn stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 65535 * 5 + 5);
    let mut chunks = data.chunks(65535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[0, 0, 0, 0xff, 0xff]);
    }
    for chunk in chunks {
        let len = chunk.len() as u16;
        out.push(0);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// `data` through this thread's compressor of `level` (clamped to 1–12),
/// as a zlib stream or raw Deflate.
fn compress(data: &[u8], level: u8, zlib: bool) -> Vec<u8> {
    thread_local! {
        static COMPRESSORS: std::cell::RefCell<[Option<Compressor>; 12]> =
            const { std::cell::RefCell::new([const { None }; 12]) };
    }
    let level = level.clamp(1, 12);
    COMPRESSORS.with_borrow_mut(|slots| {
        let c = slots[usize::from(level - 1)].get_or_insert_with(|| {
            Compressor::new(CompressionLvl::new(i32::from(level)).unwrap_or_default())
        });
        let bound = if zlib {
            c.zlib_compress_bound(data.len())
        } else {
            c.deflate_compress_bound(data.len())
        };
        let mut out = vec![0; bound];
        let written = if zlib {
            c.zlib_compress(data, &mut out)
        } else {
            c.deflate_compress(data, &mut out)
        };
        // The bound is libdeflate's own for this input: it always fits.
        out.truncate(written.unwrap_or(0));
        out
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
    /// `data` stored, not compressed: nothing to walk.
    pub fn stored(data: &[u8]) -> Deflated {
        Deflated {
            bytes: stored(data),
            len: data.len(),
            adler: adler32(data),
        }
    }

    pub fn new(data: &[u8]) -> Deflated {
        Deflated::at(data, LEVEL)
    }

    /// `data` compressed at `level`.
    pub fn at(data: &[u8], level: u8) -> Deflated {
        Deflated {
            bytes: raw_at(data, level, true),
            len: data.len(),
            adler: adler32(data),
        }
    }
}

/// One zlib stream of what `pieces` hold, then `last` (compressed now at
/// `level`).
pub fn join(pieces: &[&Deflated], last: &[u8], level: u8) -> Vec<u8> {
    let end = raw_at(last, level, false);
    let size: usize = pieces.iter().map(|p| p.bytes.len()).sum();
    let mut out = Vec::with_capacity(2 + size + end.len() + 4);
    // The header zlib writes at level 6 (32 KB window, default level).
    out.extend_from_slice(&[0x78, 0x9c]);
    let mut adler = 1;
    for p in pieces {
        out.extend_from_slice(&p.bytes);
        adler = adler_combine(adler, p.adler, p.len);
    }
    out.extend_from_slice(&end);
    adler = adler_combine(adler, adler32(last), last.len());
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

    /// Inflated by another implementation (miniz_oxide's).
    fn inflate_raw(data: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec(data).expect("a raw Deflate stream")
    }

    /// Bytes from a seeded generator: `noise` of them random, the rest text.
    fn mixed(n: usize, noise: u32, seed: u32) -> Vec<u8> {
        let mut x = seed.wrapping_mul(2654435761) | 1;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                if x % 100 < noise {
                    (x >> 8) as u8
                } else {
                    b"the quick brown fox "[i % 20]
                }
            })
            .collect()
    }

    #[test]
    fn a_reused_compressor_gives_the_bytes_of_a_fresh_one() {
        let text = text(200_000);
        for level in [1, 2, 6, 9, 12] {
            for data in [&text[..], &text[..10], b"", &text[..70_000]] {
                let mut fresh = Compressor::new(CompressionLvl::new(level).unwrap());
                let mut want = vec![0; fresh.zlib_compress_bound(data.len())];
                let n = fresh.zlib_compress(data, &mut want).unwrap();
                let got = deflate_at(data, level as u8);
                assert!(got == want[..n], "level {level}, {} bytes", data.len());
                let back = miniz_oxide::inflate::decompress_to_vec_zlib(&got).unwrap();
                assert!(back == data);
            }
        }
    }

    #[test]
    fn an_opened_stream_takes_more_blocks_after_it() {
        // Noise from none (long matches, fixed or dynamic codes) to all
        // (stored blocks), sizes from nothing to several blocks, so the
        // last code ends at every bit of a byte.
        let mut ends = std::collections::BTreeSet::new();
        for level in [1, 2, 6, 12] {
            for (k, noise) in [0, 3, 30, 100].into_iter().enumerate() {
                for n in [0, 1, 7, 100, 1000, 5000, 70_000, 300_000] {
                    let first = mixed(n, noise, (n as u32) ^ k as u32);
                    let whole = raw_at(&first, level, false);
                    let opened = raw_at(&first, level, true);
                    ends.insert(open::walk(&whole).expect("a whole stream").1 % 8);
                    let more = mixed(3000, 30, 7);
                    let joined = [opened, raw_at(&more, level, false)].concat();
                    let back = inflate_raw(&joined);
                    assert!(
                        back == [&first[..], &more].concat(),
                        "level {level}, {n} bytes"
                    );
                }
            }
        }
        assert_eq!(
            ends.len(),
            8,
            "the last code ended at bits {ends:?} of a byte"
        );
    }

    #[test]
    fn what_is_not_a_whole_stream_is_not_opened() {
        let whole = raw_at(&mixed(5000, 30, 1), 6, false);
        for cut in [1, whole.len() / 2, whole.len() - 1] {
            assert!(open::open(&whole[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = whole.clone();
        longer.push(0);
        assert!(open::open(&longer).is_none());
        assert!(open::open(&[0b111]).is_none(), "block type 3");
    }

    #[test]
    fn stored_blocks_take_more_blocks_after_them() {
        for n in [0, 10, 65535, 65536, 200_000] {
            let first = mixed(n, 50, 3);
            let joined = [stored(&first), raw_at(b"end", 6, false)].concat();
            assert!(
                inflate_raw(&joined) == [&first[..], b"end"].concat(),
                "{n} bytes"
            );
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
            1,
        );
        let back = miniz_oxide::inflate::decompress_to_vec_zlib(&joined).expect("a zlib stream");
        assert!(back == text);
        let empty = miniz_oxide::inflate::decompress_to_vec_zlib(&join(&[], b"", 6)).unwrap();
        assert!(empty.is_empty());
    }
}
