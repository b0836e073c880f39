//! A page's marks as content-stream operators, written compactly: a text
//! run is placed with `Td` (after `BT` the same as a translation `Tm`),
//! its glyph codes are a literal string of their two bytes each (only a
//! parenthesis, a backslash and a carriage return escaped), colours and
//! line widths are set only when they change, and strokes share paths.

use pdf_writer::{Buf, Content, Name, Primitive};

use crate::typeset::page::{Colour, Run, Stroke};

/// Which font resource draws a glyph: the shared font of a face (which
/// also holds the document's own glyphs where the face allows) or the
/// document's own font of the face.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FontKey {
    pub face: usize,
    pub shared: bool,
}

impl FontKey {
    pub fn name(self) -> String {
        format!("{}{}", if self.shared { "F" } else { "G" }, self.face)
    }
}

/// The colours set in a content stream, so each is set only when it changes.
#[derive(Default)]
pub struct Ink {
    fill: Option<Colour>,
    stroke: Option<Colour>,
    width: Option<f32>,
}

impl Ink {
    pub fn fill(&mut self, c: &mut Content, colour: Colour) {
        if self.fill != Some(colour) {
            c.set_fill_rgb(colour.r, colour.g, colour.b);
            self.fill = Some(colour);
        }
    }
}

/// Strokes in as few paths as their widths and colours allow.
pub fn strokes(c: &mut Content, ink: &mut Ink, strokes: &[&Stroke], height: f32) {
    let mut open = false;
    for s in strokes {
        if ink.stroke != Some(s.colour) || ink.width != Some(s.width) {
            if open {
                c.stroke();
            }
            if ink.stroke != Some(s.colour) {
                c.set_stroke_rgb(s.colour.r, s.colour.g, s.colour.b);
                ink.stroke = Some(s.colour);
            }
            if ink.width != Some(s.width) {
                c.set_line_width(s.width);
                ink.width = Some(s.width);
            }
        }
        c.move_to(pt(s.x1), pt(height - s.y1));
        c.line_to(pt(s.x2), pt(height - s.y2));
        open = true;
    }
    if open {
        c.stroke();
    }
}

/// A run as one text object, its glyphs `keyed` (font and code); each
/// glyph placed exactly: a TJ adjustment corrects the face's advance to
/// the next glyph's `x`.
pub fn text(c: &mut Content, ink: &mut Ink, run: &Run, height: f32, keyed: &[(FontKey, u16)]) {
    if run.glyphs.is_empty() {
        return;
    }
    ink.fill(c, run.colour);
    c.begin_text();
    // Where the last `Td` put the line, in text space.
    let mut line = (0.0, 0.0);
    let mut i = 0;
    while i < keyed.len() {
        let key = keyed[i].0;
        let j = (i..keyed.len())
            .find(|&j| keyed[j].0 != key)
            .unwrap_or(keyed.len());
        c.set_font(Name(key.name().as_bytes()), run.size);
        let along = run.glyphs[i].x;
        if run.turned {
            c.set_text_matrix([
                0.0,
                -1.0,
                1.0,
                0.0,
                pt(run.x),
                pt(height - run.baseline - along),
            ]);
        } else {
            let at = (pt(run.x + along), pt(height - run.baseline));
            let by = (pt(at.0 - line.0), pt(at.1 - line.1));
            c.next_line(by.0, by.1);
            line = (line.0 + by.0, line.1 + by.1);
        }
        let mut shown = Shown::default();
        for (k, (_, cid)) in keyed.iter().enumerate().take(j).skip(i) {
            shown.codes.extend_from_slice(&cid.to_be_bytes());
            if k + 1 < j {
                let g = &run.glyphs[k];
                let wanted = run.glyphs[k + 1].x - g.x;
                let delta = wanted - g.em * run.size;
                if delta.abs() > 0.001 {
                    shown
                        .cuts
                        .push((shown.codes.len(), tenth(-delta / run.size * 1000.0)));
                }
            }
        }
        c.op("TJ").operand(shown);
        i = j;
    }
    c.end_text();
}

/// A position rounded to 0.01 pt (3.5 µm), written in its shortest form
/// (`249.64`, not `249.6378`): 91 B less a receipt (5,000 receipts).
fn pt(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// A TJ adjustment (thousandths of the size) to a tenth: 0.001 pt at 10 pt.
fn tenth(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

/// A TJ array: glyph codes, cut where an adjustment follows.
#[derive(Default)]
struct Shown {
    codes: Vec<u8>,
    /// (end of a string in `codes`, the adjustment after it)
    cuts: Vec<(usize, f32)>,
}

impl Primitive for Shown {
    fn write(self, buf: &mut Buf) {
        buf.extend(b"[".iter());
        let mut from = 0;
        for &(end, adjust) in &self.cuts {
            literal(buf, &self.codes[from..end]);
            adjust.write(buf);
            from = end;
        }
        literal(buf, &self.codes[from..]);
        buf.extend(b"]".iter());
    }
}

/// Bytes as a literal string, raw but for what the syntax needs escaped.
fn literal(buf: &mut Buf, bytes: &[u8]) {
    buf.extend(b"(".iter());
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => buf.extend([b'\\', b]),
            // A raw carriage return would be read as a line feed.
            b'\r' => buf.extend(b"\\r".iter()),
            _ => buf.extend([b]),
        }
    }
    buf.extend(b")".iter());
}
