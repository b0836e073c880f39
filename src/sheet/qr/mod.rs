//! QR codes for the papers: the same modules the `qrcode` crate makes
//! (error correction M, the mask of lowest penalty). The data is drawn
//! once as bit rows and columns; each of the eight masks is then a few
//! word operations a line (function patterns, data and mask are bits of
//! a per-version [`template`]), and the masked codes are scored on those
//! bits. The crate clones its canvas for each mask and walks it module by
//! module, which was a fifth of a receipt's CPU time in a profile.

mod score;
mod template;

use qrcode::types::QrError;
use qrcode::{bits, ec, EcLevel, Version};

use template::{format_places, format_word, template, Both, Grid};

/// A QR code's side in modules and its dark modules, row by row.
pub struct Modules {
    pub width: usize,
    rows: Grid,
}

impl Modules {
    pub fn is_dark(&self, row: usize, col: usize) -> bool {
        self.rows.get(row, col)
    }

    /// The modules as 1-bit rows (1: dark) of `width.div_ceil(8)` bytes,
    /// the first module of a byte in its high bit: an image mask's samples.
    pub fn rows(&self) -> Vec<u8> {
        let g = &self.rows;
        let stride = self.width.div_ceil(8);
        let mut out = Vec::with_capacity(stride * self.width);
        for line in g.words.chunks(g.stride) {
            // Eight modules a byte, taken from the words (lowest bit first).
            out.extend((0..stride).map(|b| {
                let col = b * 8;
                ((line[col / 128] >> (col % 128)) as u8).reverse_bits()
            }));
        }
        out
    }
}

/// Encode `data` as `qrcode::QrCode::with_error_correction_level(data, M)` does.
pub fn encode(data: &[u8]) -> Result<Modules, QrError> {
    let level = EcLevel::M;
    let bits = bits::encode_auto(data, level)?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level)?;
    let Version::Normal(v) = version else {
        // encode_auto makes normal codes only.
        return Err(QrError::InvalidVersion);
    };
    let t = template(v);
    let drawn = draw(t, &data, &ec);
    let (mut code, mut best) = (Both::new(t.width), Both::new(t.width));
    let mut lowest = None;
    for m in 0..8 {
        masked(t, &drawn, m, &mut code);
        let score = score::penalty(&code);
        // The first of equal scores wins, as in the crate.
        if lowest.is_none_or(|l| score < l) {
            lowest = Some(score);
            std::mem::swap(&mut best, &mut code);
        }
    }
    Ok(Modules {
        width: t.width,
        rows: best.rows,
    })
}

/// The data and error correction bits in the data modules, most
/// significant bit of each codeword first; modules left over stay light.
/// Every module's bit is ORed in, light ones too: the bits are as good as
/// random, and a branch on each mispredicted half the time.
fn draw(t: &template::Template, data: &[u8], ec: &[u8]) -> Both {
    let mut out = Both::new(t.width);
    let bits = data
        .iter()
        .chain(ec)
        .flat_map(|b| (0..8).rev().map(move |j| b >> j & 1 == 1));
    for (&(x, y), bit) in t.order.iter().zip(bits) {
        out.put(x as usize, y as usize, bit);
    }
    out
}

/// The code with mask `m`: function patterns as they are, data modules
/// inverted where the mask says, the format information of `m` drawn.
fn masked(t: &template::Template, drawn: &Both, m: usize, out: &mut Both) {
    let mask = &t.masks[m];
    let apply = |out: &mut Grid, function: &Grid, dark: &Grid, data: &Grid, mask: &Grid| {
        let words = out.words.iter_mut().zip(&function.words).zip(&dark.words);
        for (((o, f), d), (a, k)) in words.zip(data.words.iter().zip(&mask.words)) {
            *o = d | ((a ^ k) & !f);
        }
    };
    let f = &t.function;
    apply(
        &mut out.rows,
        &f.rows,
        &t.dark.rows,
        &drawn.rows,
        &mask.rows,
    );
    apply(
        &mut out.cols,
        &f.cols,
        &t.dark.cols,
        &drawn.cols,
        &mask.cols,
    );
    let word = format_word(m);
    for places in format_places(t.width) {
        for (i, (x, y)) in places.into_iter().enumerate() {
            if word >> (14 - i) & 1 == 1 {
                out.set(x, y);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::Color;

    /// Payloads of every kind the crate's segmenter tells apart (numeric,
    /// alphanumeric, bytes, Shift-JIS kanji, mixed), and receipt-like
    /// texts, at lengths that reach every version from 1 to 40.
    fn payloads() -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = vec![b"a".to_vec(), b"HELLO 123".to_vec()];
        for i in 0..60 {
            let t = format!(
                "2024年报名回执\n报名号:2443{i:08}\n姓名:钟明{}\n身份证号:430405********{i:04}\n验证码:QVDJ-TXQT-{i:04}",
                "张".repeat(i % 7)
            );
            out.push(t.into_bytes());
        }
        let kanji = [0x93u8, 0x5f, 0x88, 0xea];
        for len in (1..2300).step_by(37) {
            out.push((0..len).map(|i| b'0' + (i * 7 % 10) as u8).collect());
            out.push((0..len).map(|i| b"ABC $%*+-./:0123"[i * 5 % 16]).collect());
            out.push((0..len).map(|i| (i * 131 % 251) as u8).collect());
            let mixed: Vec<u8> = (0..len / 4)
                .flat_map(|i| match i % 3 {
                    0 => kanji.to_vec(),
                    1 => b"0123".to_vec(),
                    _ => b"ab\n".to_vec(),
                })
                .collect();
            out.push(mixed);
        }
        out
    }

    #[test]
    fn same_modules_as_the_qrcode_crate() {
        let mut versions = std::collections::BTreeSet::new();
        for t in payloads() {
            let Ok(theirs) = qrcode::QrCode::with_error_correction_level(&t, EcLevel::M) else {
                assert!(encode(&t).is_err());
                continue;
            };
            let shown = String::from_utf8_lossy(&t[..t.len().min(40)]).to_string();
            versions.insert(theirs.width());
            let ours = encode(&t).unwrap();
            assert_eq!(ours.width, theirs.width(), "{shown}");
            let dark: Vec<bool> = theirs
                .to_colors()
                .iter()
                .map(|c| *c == Color::Dark)
                .collect();
            let n = ours.width;
            let mine: Vec<bool> = (0..n * n).map(|i| ours.is_dark(i / n, i % n)).collect();
            assert_eq!(mine, dark, "{shown}");
            // The image rows hold exactly the dark modules, the padding light.
            let stride = n.div_ceil(8);
            let rows = ours.rows();
            assert_eq!(rows.len(), stride * n, "{shown}");
            let bit = |i: usize| {
                rows[i / (stride * 8) * stride + i % (stride * 8) / 8] >> (7 - i % 8) & 1 == 1
            };
            let drawn: Vec<bool> = (0..n * stride * 8)
                .filter(|i| i % (stride * 8) < n)
                .map(bit)
                .collect();
            assert_eq!(drawn, dark, "{shown}");
            let mut padding = (0..n * stride * 8).filter(|i| i % (stride * 8) >= n);
            assert!(padding.all(|i| !bit(i)), "{shown}");
        }
        let all: std::collections::BTreeSet<_> = (1..=40).map(|v| 17 + 4 * v).collect();
        assert_eq!(versions, all, "every version is compared");
    }

    /// The scores on bits are the module-by-module scores, on codes and
    /// on noise (where runs, blocks and finder-like patterns abound).
    #[test]
    fn bit_scores_are_the_module_scores() {
        let mut seed = 7u64;
        for n in [21usize, 57, 101, 127, 128] {
            for density in [2u64, 5, 8] {
                let mut code = Both::new(n);
                let mut dark = vec![false; n * n];
                for y in 0..n {
                    for x in 0..n {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        if (seed >> 33) % 10 < density {
                            code.set(x, y);
                            dark[y * n + x] = true;
                        }
                    }
                }
                assert_eq!(score::penalty(&code), score::penalty_slow(&dark, n), "{n}");
            }
        }
    }

    /// The format words are the standard's table for level M.
    #[test]
    fn format_words_of_level_m() {
        let want = [
            0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0,
        ];
        let ours: Vec<u16> = (0..8).map(format_word).collect();
        assert_eq!(ours, want);
    }
}
