//! What every QR code of one version shares, computed once per version:
//! which modules are function patterns and their colours (taken from the
//! `qrcode` crate's own canvas, so they are the crate's), the order data
//! modules are filled in, and the eight mask patterns, all as bit rows
//! and bit columns.

use std::sync::OnceLock;

use qrcode::canvas::{Canvas, Module};
use qrcode::{Color, EcLevel, Version};

/// Modules as bits, one line (row or column) after another, `stride`
/// words a line; bit `i` of a line is module `i` along it.
#[derive(Clone)]
pub(super) struct Grid {
    pub(super) width: usize,
    pub(super) stride: usize,
    pub(super) words: Vec<u128>,
}

impl Grid {
    pub(super) fn new(width: usize) -> Grid {
        let stride = width.div_ceil(128);
        Grid {
            width,
            stride,
            words: vec![0; width * stride],
        }
    }

    /// Module `i` of `line` dark when `dark` (else left as it was).
    pub(super) fn put(&mut self, line: usize, i: usize, dark: bool) {
        self.words[line * self.stride + i / 128] |= u128::from(dark) << (i % 128);
    }

    pub(super) fn get(&self, line: usize, i: usize) -> bool {
        self.words[line * self.stride + i / 128] >> (i % 128) & 1 == 1
    }

    /// The line `line`, when a line fits one word.
    pub(super) fn line(&self, line: usize) -> u128 {
        self.words[line]
    }
}

/// A grid by rows and the same grid by columns.
#[derive(Clone)]
pub(super) struct Both {
    pub(super) rows: Grid,
    pub(super) cols: Grid,
}

impl Both {
    pub(super) fn new(width: usize) -> Both {
        Both {
            rows: Grid::new(width),
            cols: Grid::new(width),
        }
    }

    /// Module (`x`, `y`) dark.
    pub(super) fn set(&mut self, x: usize, y: usize) {
        self.put(x, y, true);
    }

    /// Module (`x`, `y`) dark when `dark`.
    pub(super) fn put(&mut self, x: usize, y: usize, dark: bool) {
        self.rows.put(y, x, dark);
        self.cols.put(x, y, dark);
    }
}

pub(super) struct Template {
    pub(super) width: usize,
    /// The function-pattern modules, and those of them that are dark
    /// (the format information left light, as the crate reserves it).
    pub(super) function: Both,
    pub(super) dark: Both,
    /// The data modules, (x, y), in the order bits are put in them.
    pub(super) order: Vec<(u8, u8)>,
    /// Per mask pattern (in the crate's numbering): the modules it inverts.
    pub(super) masks: Vec<Both>,
}

/// The template of a normal QR code's version (1 to 40).
pub(super) fn template(version: i16) -> &'static Template {
    static ALL: [OnceLock<Template>; 40] = [const { OnceLock::new() }; 40];
    ALL[(version - 1) as usize].get_or_init(|| make(version))
}

fn make(version: i16) -> Template {
    let mut canvas = Canvas::new(Version::Normal(version), EcLevel::M);
    canvas.draw_all_functional_patterns();
    let width = Version::Normal(version).width() as usize;
    let mut function = Both::new(width);
    let mut dark = Both::new(width);
    let mut free = vec![false; width * width];
    for y in 0..width {
        for x in 0..width {
            match canvas.get(x as i16, y as i16) {
                Module::Empty => free[y * width + x] = true,
                Module::Masked(c) | Module::Unmasked(c) => {
                    function.set(x, y);
                    if c == Color::Dark {
                        dark.set(x, y);
                    }
                }
            }
        }
    }
    let masks = (0..8)
        .map(|m| {
            let mut g = Both::new(width);
            for y in 0..width {
                for x in 0..width {
                    if inverts(m, x, y) {
                        g.set(x, y);
                    }
                }
            }
            g
        })
        .collect();
    Template {
        width,
        function,
        dark,
        order: order(width, &free),
        masks,
    }
}

/// The data modules in placement order: two columns at a time from the
/// right, upwards then downwards, skipping the vertical timing column.
fn order(width: usize, free: &[bool]) -> Vec<(u8, u8)> {
    let mut out = Vec::with_capacity(free.iter().filter(|f| **f).count());
    let mut right = width as isize - 1;
    let mut upwards = true;
    while right > 0 {
        if right == 6 {
            right = 5;
        }
        for i in 0..width {
            let y = if upwards { width - 1 - i } else { i };
            for x in [right as usize, right as usize - 1] {
                if free[y * width + x] {
                    out.push((x as u8, y as u8));
                }
            }
        }
        upwards = !upwards;
        right -= 2;
    }
    out
}

/// Whether mask pattern `m` inverts module (`x`, `y`).
fn inverts(m: usize, x: usize, y: usize) -> bool {
    let (sum, product) = (x + y, x * y);
    match m {
        0 => sum.is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => sum.is_multiple_of(3),
        4 => (y / 2 + x / 3).is_multiple_of(2),
        5 => product % 2 + product % 3 == 0,
        6 => (product % 2 + product % 3).is_multiple_of(2),
        _ => (sum % 2 + product % 3).is_multiple_of(2),
    }
}

/// The 15-bit format information of error correction level M with mask
/// `m`: the five data bits, their BCH(15,5) remainder, XOR 0x5412.
pub(super) fn format_word(m: usize) -> u16 {
    // Level M is 00.
    let data = m as u32;
    let mut rem = data << 10;
    for bit in (10..15).rev() {
        if rem >> bit & 1 == 1 {
            rem ^= 0x537 << (bit - 10);
        }
    }
    ((data << 10 | rem) ^ 0x5412) as u16
}

/// Where the format information's bits go, most significant first: once
/// around the top-left finder, once split between the other two.
pub(super) fn format_places(width: usize) -> [[(usize, usize); 15]; 2] {
    let w = width;
    let main = [
        (0, 8),
        (1, 8),
        (2, 8),
        (3, 8),
        (4, 8),
        (5, 8),
        (7, 8),
        (8, 8),
        (8, 7),
        (8, 5),
        (8, 4),
        (8, 3),
        (8, 2),
        (8, 1),
        (8, 0),
    ];
    let mut side = [(0, 0); 15];
    for (i, slot) in side.iter_mut().enumerate() {
        *slot = if i < 7 {
            (8, w - 1 - i)
        } else {
            (w - 15 + i, 8)
        };
    }
    [main, side]
}
