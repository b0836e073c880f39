//! The `qrcode` crate's penalty of a masked code, with its u16 wrapping
//! arithmetic: runs (N1), 2×2 blocks (N2), finder-like patterns (N3) and
//! balance (N4). Codes up to 128 modules wide (version 28) are scored a
//! whole row or column at a time, on bits; wider ones module by module.

use std::ops::{BitAnd, BitOr, BitXor, Not, Shl, Shr};

use super::template::Both;

/// The penalty of `code` (by rows and by columns).
pub(super) fn penalty(code: &Both) -> u16 {
    let n = code.rows.width;
    if code.rows.stride > 1 {
        let dark: Vec<bool> = (0..n * n).map(|i| code.rows.get(i / n, i % n)).collect();
        return penalty_slow(&dark, n);
    }
    // A line in one machine word when it fits (a receipt's code is 61
    // modules wide): u128 arithmetic is two of everything.
    if n <= 64 {
        penalty_lines(code, |w| w as u64)
    } else {
        penalty_lines(code, |w| w)
    }
}

/// A code's line of modules as bits, in a word of one width or another.
trait Line:
    Copy
    + Eq
    + Not<Output = Self>
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitXor<Output = Self>
    + Shl<u32, Output = Self>
    + Shr<u32, Output = Self>
{
    const ZERO: Self;
    const ONE: Self;
    fn ones(self) -> u32;
}

impl Line for u64 {
    const ZERO: Self = 0;
    const ONE: Self = 1;
    fn ones(self) -> u32 {
        self.count_ones()
    }
}

impl Line for u128 {
    const ZERO: Self = 0;
    const ONE: Self = 1;
    fn ones(self) -> u32 {
        self.count_ones()
    }
}

/// [`penalty`] of a code whose lines fit an `L` each (`word` takes one).
fn penalty_lines<L: Line>(code: &Both, word: impl Fn(u128) -> L) -> u16 {
    let n = code.rows.width;
    // n ones, shifted in one at a time: 1 << n overflows when n is L's width.
    let full = (0..n).fold(L::ZERO, |f, _| (f << 1) | L::ONE);
    let mut runs = 0u32;
    let mut finder = [0u32; 2];
    for (k, grid) in [&code.rows, &code.cols].into_iter().enumerate() {
        for i in 0..n {
            let line = word(grid.line(i));
            runs += run_bits(line, full);
            finder[k] += finder_bits(line, n, full);
        }
    }
    let pairs = full >> 1;
    let mut blocks = 0u32;
    let mut dark = word(code.rows.line(0)).ones();
    for y in 1..n {
        let (a, b) = (word(code.rows.line(y - 1)), word(code.rows.line(y)));
        blocks += (!(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & pairs).ones();
        dark += b.ones();
    }
    let ratio = dark as usize * 200 / (n * n);
    let balance = ratio.abs_diff(100) as u32;
    // The crate adds in u16, wrapping; each finder score less 360.
    (runs
        .wrapping_add(blocks * 3)
        .wrapping_add(finder[0].wrapping_sub(360))
        .wrapping_add(finder[1].wrapping_sub(360))
        .wrapping_add(balance)) as u16
}

/// N1 of one line: every run of 5 + k modules of one colour costs 3 + k.
/// `same` marks each module equal to the next; a run of L modules is L − 1
/// marks, `four` marks each start of four marks in a row (L − 4 of them a
/// run of L ≥ 5), and each run's first adds the other 2.
fn run_bits<L: Line>(line: L, full: L) -> u32 {
    let same = !(line ^ (line >> 1)) & (full >> 1);
    let four = same & (same >> 1) & (same >> 2) & (same >> 3);
    four.ones() + 2 * (four & !(four << 1)).ones()
}

/// N3 of one line: `#.###.#` without four light modules on one side
/// costs 40 (outside the code counts as light).
fn finder_bits<L: Line>(line: L, n: usize, full: L) -> u32 {
    if n < 7 {
        return 0;
    }
    let l = line;
    let hits = l & !(l >> 1) & (l >> 2) & (l >> 3) & (l >> 4) & !(l >> 5) & (l >> 6) & (full >> 6);
    let dark_before = (l << 1) | (l << 2) | (l << 3) | (l << 4);
    let dark_after = (l >> 7) | (l >> 8) | (l >> 9) | (l >> 10);
    40 * (hits & !(dark_before & dark_after)).ones()
}

/// [`penalty`] module by module, for codes wider than 128 modules.
pub(super) fn penalty_slow(dark: &[bool], n: usize) -> u16 {
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
