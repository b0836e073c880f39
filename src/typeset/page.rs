//! What a layout produces and a serializer writes: pages of positioned
//! marks, independent of the file format. Coordinates are pt from the top
//! left of the page (as in OFD, GB/T 33190), text by baseline; glyphs
//! carry their face, glyph id and the character they show, so a writer
//! can embed subsets and make the text extractable.

use super::lines::Line;

pub const MM: f32 = 72.0 / 25.4;
pub const A4_W: f32 = 210.0 * MM;
pub const A4_H: f32 = 297.0 * MM;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Colour {
    pub const BLACK: Colour = Colour {
        r: 0.0,
        g: 0.0,
        b: 0.0,
    };

    /// `#RRGGBB`.
    pub fn from_hex(s: &str) -> Option<Colour> {
        let h = s.strip_prefix('#')?;
        if h.len() != 6 || !h.is_ascii() {
            return None;
        }
        let v = |i: usize| {
            u8::from_str_radix(&h[i..i + 2], 16)
                .ok()
                .map(|x| x as f32 / 255.0)
        };
        Some(Colour {
            r: v(0)?,
            g: v(2)?,
            b: v(4)?,
        })
    }
}

/// One glyph of a run: `x` in pt from the run's origin, `em` the face's
/// own advance (a writer corrects it to `x` of the next glyph).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub text: char,
    pub x: f32,
    pub em: f32,
}

/// Glyphs of one face at one size, on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: usize,
    pub size: f32,
    pub x: f32,
    pub baseline: f32,
    pub colour: Colour,
    pub glyphs: Vec<Glyph>,
    /// Turned a quarter clockwise (a page number on a landscape page, read
    /// with the sheet upright): the run starts at (`x`, `baseline`) and goes
    /// down the page, glyph `x` measured downwards, glyph tops to the right.
    pub turned: bool,
}

/// A straight stroke between two points (its centre line).
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
    pub colour: Colour,
}

impl Stroke {
    /// A horizontal rule from `x1` to `x2` at `y`.
    pub fn across(x1: f32, x2: f32, y: f32, width: f32, colour: Colour) -> Stroke {
        Stroke {
            x1,
            y1: y,
            x2,
            y2: y,
            width,
            colour,
        }
    }

    /// A vertical rule at `x` from `y1` down to `y2`.
    pub fn down(x: f32, y1: f32, y2: f32, width: f32, colour: Colour) -> Stroke {
        Stroke {
            x1: x,
            y1,
            x2: x,
            y2,
            width,
            colour,
        }
    }
}

/// A box on the page: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text(Run),
    Stroke(Stroke),
    /// A square grid of modules (a QR code's), the dark ones filled:
    /// `side` rows of `side.div_ceil(8)` bytes, the first module of a byte
    /// in its high bit. `origin` is the grid's top left corner, `unit` a
    /// module's side.
    Modules {
        origin: (f32, f32),
        unit: f32,
        side: usize,
        rows: Vec<u8>,
        colour: Colour,
    },
    /// The picture that comes with the page (a candidate's photo), fitted here.
    Picture(Area),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Page {
        Page {
            width,
            height,
            marks: Vec::new(),
        }
    }

    pub fn a4() -> Page {
        Page::new(A4_W, A4_H)
    }

    /// A laid-out line with its left edge at `x`: one run per face.
    pub fn line(&mut self, line: &Line, x: f32, baseline: f32, size: f32, colour: Colour) {
        self.marks
            .extend(runs(line, x, baseline, size, colour).map(Mark::Text));
    }

    /// A laid-out line turned a quarter clockwise, starting at (`x`, `y`).
    pub fn turned_line(&mut self, line: &Line, x: f32, y: f32, size: f32, colour: Colour) {
        let turned = runs(line, 0.0, 0.0, size, colour).map(|r| Run {
            x,
            baseline: y + r.x,
            turned: true,
            ..r
        });
        self.marks.extend(turned.map(Mark::Text));
    }

    pub fn stroke(&mut self, s: Stroke) {
        self.marks.push(Mark::Stroke(s));
    }
}

fn runs(
    line: &Line,
    x: f32,
    baseline: f32,
    size: f32,
    colour: Colour,
) -> impl Iterator<Item = Run> + '_ {
    let glyphs = &line.glyphs;
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= glyphs.len() {
            return None;
        }
        let face = glyphs[i].face;
        let origin = glyphs[i].x;
        let mut j = i;
        let mut out = Vec::new();
        while j < glyphs.len() && glyphs[j].face == face {
            let g = &glyphs[j];
            out.push(Glyph {
                id: g.id,
                text: g.c,
                x: g.x - origin,
                em: g.em,
            });
            j += 1;
        }
        i = j;
        Some(Run {
            face,
            size,
            x: x + origin,
            baseline,
            colour,
            glyphs: out,
            turned: false,
        })
    })
}

/// A picture as pages carry it, in a form a PDF holds as it is.
pub struct Photo {
    pub data: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub encoding: PhotoEncoding,
}

pub enum PhotoEncoding {
    /// A JPEG file's bytes, grey or colour.
    Jpeg { grey: bool },
    /// 8-bit RGB pixels, zlib-compressed.
    DeflatedRgb,
}

/// Where a layout hands its pages as it finishes them, so a writer can
/// serialize each at once and a long document is never held whole.
pub trait PageSink {
    fn page(&mut self, page: Page);
    /// More marks on the `index`-th page given (e.g. "page N of M", known at the end).
    fn amend(&mut self, index: usize, marks: Vec<Mark>);
}

impl PageSink for Vec<Page> {
    fn page(&mut self, page: Page) {
        self.push(page);
    }
    fn amend(&mut self, index: usize, marks: Vec<Mark>) {
        if let Some(p) = self.get_mut(index) {
            p.marks.extend(marks);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        let c = Colour::from_hex("#FF3333").unwrap();
        assert!((c.r - 1.0).abs() < 1e-6 && (c.g - 0.2).abs() < 1e-6 && (c.b - 0.2).abs() < 1e-6);
        assert!(Colour::from_hex("red").is_none());
        assert!(Colour::from_hex("#FF33é").is_none());
    }
}
