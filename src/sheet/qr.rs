//! QR codes for the papers: the same modules the `qrcode` crate makes
//! (error correction M, the mask of lowest penalty), with the eight masks
//! scored on plain booleans. The crate scores them through boxed closures
//! per module, which was a third of a receipt's CPU time in a profile of
//! a 10,000-receipt build.

use qrcode::canvas::{Canvas, MaskPattern};

use crate::typeset::page::Area;
use qrcode::types::QrError;
use qrcode::{bits, ec, Color, EcLevel};

/// The masks in the order the crate tries them; the first of equal scores wins.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// A QR code's side in modules and its dark modules, row by row.
pub struct Modules {
    pub width: usize,
    pub dark: Vec<bool>,
}

impl Modules {
    pub fn is_dark(&self, row: usize, col: usize) -> bool {
        self.dark[row * self.width + col]
    }

    /// The dark modules as rectangles in module units: each horizontal run,
    /// taken down over the rows below that have the same run. The same
    /// pixels as one rectangle a run, in about a tenth fewer rectangles.
    pub fn areas(&self) -> Vec<Area> {
        let n = self.width;
        let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        for (row, list) in runs.iter_mut().enumerate() {
            let mut col = 0;
            while col < n {
                let start = col;
                while col < n && self.is_dark(row, col) {
                    col += 1;
                }
                if col > start {
                    list.push((start, col));
                }
                col += 1;
            }
        }
        let mut areas = Vec::new();
        for row in 0..n {
            for i in 0..runs[row].len() {
                let run = runs[row][i];
                if run.1 == 0 {
                    continue; // taken by a rectangle from above
                }
                let mut h = 1;
                while let Some(j) = runs
                    .get(row + h)
                    .and_then(|r| r.iter().position(|x| *x == run))
                {
                    runs[row + h][j] = (0, 0);
                    h += 1;
                }
                areas.push(Area {
                    x: run.0 as f32,
                    y: row as f32,
                    w: (run.1 - run.0) as f32,
                    h: h as f32,
                });
            }
        }
        areas
    }
}

/// Encode `data` as `qrcode::QrCode::with_error_correction_level(data, M)` does.
pub fn encode(data: &[u8]) -> Result<Modules, QrError> {
    let level = EcLevel::M;
    let bits = bits::encode_auto(data, level)?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level)?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = version.width() as usize;
    let mut best: Option<(u16, Vec<bool>)> = None;
    for mask in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(mask);
        let dark: Vec<bool> = c
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, dark));
        }
    }
    let (_, dark) = best.unwrap_or_default();
    Ok(Modules { width, dark })
}

/// The crate's total penalty of a masked code, with its u16 arithmetic:
/// runs (N1), 2×2 blocks (N2), finder-like patterns (N3) and balance (N4),
/// each row and column a bit mask (sides up to 128 modules, version 28;
/// larger codes are scored module by module).
fn penalty(dark: &[bool], n: usize) -> u16 {
    if n > 128 {
        return penalty_slow(dark, n);
    }
    let mut rows = vec![0u128; n];
    let mut cols = vec![0u128; n];
    for y in 0..n {
        for x in 0..n {
            if dark[y * n + x] {
                rows[y] |= 1 << x;
                cols[x] |= 1 << y;
            }
        }
    }
    let full: u128 = if n == 128 { !0 } else { (1 << n) - 1 };
    let mut runs = 0u16;
    let mut finder = [0u16; 2];
    for (k, lines) in [&rows, &cols].into_iter().enumerate() {
        for &line in lines.iter() {
            runs = runs.wrapping_add(run_bits(line, n));
            finder[k] = finder[k].wrapping_add(finder_bits(line, n, full));
        }
    }
    let pairs = full >> 1;
    let blocks: u32 = rows
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            (!(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & pairs).count_ones()
        })
        .sum();
    let blocks = (blocks as u16).wrapping_mul(3);
    let dark_count: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let ratio = dark_count as usize * 200 / (n * n);
    let balance = ratio.abs_diff(100) as u16;
    runs.wrapping_add(blocks)
        .wrapping_add(finder[0].wrapping_sub(360))
        .wrapping_add(finder[1].wrapping_sub(360))
        .wrapping_add(balance)
}

/// N1 of one line: every run of 5 + k modules of one colour costs 3 + k.
fn run_bits(line: u128, n: usize) -> u16 {
    let mut score = 0u16;
    let mut start = 0;
    let bit = |i: usize| line >> i & 1;
    for i in 1..=n {
        if i == n || bit(i) != bit(start) {
            let len = (i - start) as u16;
            if len >= 5 {
                score = score.wrapping_add(len - 2);
            }
            start = i;
        }
    }
    score
}

/// N3 of one line: `#.###.#` without four light modules on one side costs 40.
fn finder_bits(line: u128, n: usize, full: u128) -> u16 {
    if n < 7 {
        return 0;
    }
    let l = line;
    let mut hits = l & !(l >> 1) & (l >> 2) & (l >> 3) & (l >> 4) & !(l >> 5) & (l >> 6);
    hits &= full >> 6;
    let mut score = 0u16;
    while hits != 0 {
        let j = hits.trailing_zeros() as usize;
        hits &= hits - 1;
        let before = (j.saturating_sub(4)..j).any(|k| l >> k & 1 == 1);
        let after = (j + 7..(j + 11).min(n)).any(|k| l >> k & 1 == 1);
        if !before || !after {
            score = score.wrapping_add(40);
        }
    }
    score
}

/// [`penalty`] module by module, for codes wider than 128 modules.
fn penalty_slow(dark: &[bool], n: usize) -> u16 {
    let at = |x: usize, y: usize| dark[y * n + x];
    let mut runs = 0u16;
    let mut finder = [0u16; 2];
    let mut line = vec![false; n];
    for (horizontal, k) in [(true, 0), (false, 1)] {
        for i in 0..n {
            for (j, m) in line.iter_mut().enumerate() {
                *m = if horizontal { at(j, i) } else { at(i, j) };
            }
            runs = runs.wrapping_add(run_penalty(&line));
            finder[k] = finder[k].wrapping_add(finder_penalty(&line));
        }
    }
    let mut blocks = 0u16;
    for y in 0..n - 1 {
        for x in 0..n - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                blocks = blocks.wrapping_add(3);
            }
        }
    }
    let ratio = dark.iter().filter(|d| **d).count() * 200 / dark.len();
    let balance = ratio.abs_diff(100) as u16;
    runs.wrapping_add(blocks)
        .wrapping_add(finder[0].wrapping_sub(360))
        .wrapping_add(finder[1].wrapping_sub(360))
        .wrapping_add(balance)
}

/// Every run of 5 + k modules of one colour costs 3 + k.
fn run_penalty(line: &[bool]) -> u16 {
    let mut score = 0u16;
    let mut start = 0;
    for i in 1..=line.len() {
        if i == line.len() || line[i] != line[start] {
            let len = (i - start) as u16;
            if len >= 5 {
                score = score.wrapping_add(len - 2);
            }
            start = i;
        }
    }
    score
}

/// `#.###.#` without four light modules on one side costs 40 (the crate's test).
fn finder_penalty(line: &[bool]) -> u16 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let n = line.len();
    let mut score = 0u16;
    for j in 0..n.saturating_sub(6) {
        if line[j..j + 7] != PATTERN {
            continue;
        }
        let before = line[j.saturating_sub(4)..j].iter().any(|d| *d);
        let after = line[(j + 7).min(n)..(j + 11).min(n)].iter().any(|d| *d);
        if !before || !after {
            score = score.wrapping_add(40);
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_modules_as_the_qrcode_crate() {
        let mut texts: Vec<String> = vec!["a".into(), "HELLO 123".into()];
        for i in 0..60 {
            texts.push(format!(
                "2024年报名回执\n报名号:2443{i:08}\n姓名:钟明{}\n身份证号:430405********{i:04}\n验证码:QVDJ-TXQT-{i:04}",
                "张".repeat(i % 7)
            ));
        }
        for t in &texts {
            let theirs =
                qrcode::QrCode::with_error_correction_level(t.as_bytes(), EcLevel::M).unwrap();
            let ours = encode(t.as_bytes()).unwrap();
            assert_eq!(ours.width, theirs.width(), "{t}");
            let dark: Vec<bool> = theirs
                .to_colors()
                .iter()
                .map(|c| *c == Color::Dark)
                .collect();
            assert_eq!(ours.dark, dark, "{t}");
            assert_eq!(penalty(&dark, ours.width), penalty_slow(&dark, ours.width));
            // The rectangles cover exactly the dark modules, once each.
            let mut covered = vec![0u8; ours.width * ours.width];
            for a in ours.areas() {
                for y in a.y as usize..(a.y + a.h) as usize {
                    for x in a.x as usize..(a.x + a.w) as usize {
                        covered[y * ours.width + x] += 1;
                    }
                }
            }
            let want: Vec<u8> = dark.iter().map(|d| u8::from(*d)).collect();
            assert_eq!(covered, want, "{t}");
        }
    }
}
