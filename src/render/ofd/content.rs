//! One page's `Content.xml`: a layer of text, path and nothing else, the
//! marks of the page description in their order, in millimetres from the
//! top left (the page description's pt converted, nothing re-laid out).
//! Each object's coordinates are relative to its `Boundary`.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::font::Numbering;
use super::xml::{Mm, OFD_NS, XML_DECL};
use crate::render::html::escape;
use crate::typeset::page::{Area, Colour, Mark, Page, Run, Stroke};

/// Unit ids: unique integers across the document, handed out in order.
pub struct Ids(pub u32);

impl Ids {
    pub fn take(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// How page content refers to resources.
pub struct Refs<'a> {
    /// Face → (font id, embedded font).
    pub fonts: BTreeMap<usize, (u32, &'a Numbering)>,
    pub colour_space: u32,
}

/// `Content.xml` of `page`.
pub fn page(page: &Page, refs: &Refs, ids: &mut Ids) -> String {
    let mut s = format!(
        "{XML_DECL}<ofd:Page xmlns:ofd=\"{OFD_NS}\"><ofd:Area><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID=\"{}\">",
        Mm(page.width),
        Mm(page.height),
        ids.take()
    );
    for mark in &page.marks {
        match mark {
            Mark::Text(run) => text(&mut s, run, refs, ids),
            Mark::Stroke(st) => stroke(&mut s, st, refs, ids),
            Mark::Modules {
                origin: (x, y),
                unit,
                side,
                rows,
                colour,
            } => {
                // One rectangle a run of dark modules along a row.
                let mut on_page = Vec::new();
                let stride = side.div_ceil(8);
                for (row, bytes) in rows.chunks(stride.max(1)).enumerate() {
                    let dark = |col: usize| bytes[col / 8] & 0x80 >> (col % 8) != 0;
                    let mut col = 0;
                    while col < *side {
                        let start = col;
                        while col < *side && dark(col) {
                            col += 1;
                        }
                        if col > start {
                            on_page.push(Area {
                                x: x + start as f32 * unit,
                                y: y + row as f32 * unit,
                                w: (col - start) as f32 * unit,
                                h: *unit,
                            });
                        }
                        col += 1;
                    }
                }
                fill(&mut s, &on_page, *colour, refs, ids)
            }
            // The notice has no photo; the PDF draws none without one either.
            Mark::Picture(_) => {}
        }
    }
    s.push_str("</ofd:Layer></ofd:Content></ofd:Page>");
    s
}

fn colour(kind: &str, c: Colour, refs: &Refs) -> String {
    let v = |x: f32| (x * 255.0).round() as u8;
    format!(
        "<ofd:{kind} Value=\"{} {} {}\" ColorSpace=\"{}\"/>",
        v(c.r),
        v(c.g),
        v(c.b),
        refs.colour_space
    )
}

fn boundary(x: f32, y: f32, w: f32, h: f32) -> String {
    format!("{} {} {} {}", Mm(x), Mm(y), Mm(w), Mm(h))
}

/// A run as one text object with one `TextCode`: X/Y the first glyph's
/// baseline origin, `DeltaX` each glyph's distance to the next (the exact
/// positions of the page description, as the PDF places them).
fn text(s: &mut String, run: &Run, refs: &Refs, ids: &mut Ids) {
    let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
        return;
    };
    let Some(&(font_id, font)) = refs.fonts.get(&run.face) else {
        return;
    };
    // The box: from the first glyph's origin to the last glyph's advance,
    // an em above the baseline to half an em below it. A turned run's box
    // stands on end, and its CTM turns the text a quarter clockwise about
    // the run's origin (OFD's y goes down: (X, Y) becomes (-Y, X)).
    let along = last.x - first.x + last.em.max(1.0) * run.size;
    let (bounds, ctm, origin_y) = if run.turned {
        let b = boundary(
            run.x - run.size / 2.0,
            run.baseline + first.x,
            run.size * 1.5,
            along,
        );
        let ctm = format!(" CTM=\"0 1 -1 0 {} 0\"", Mm(run.size / 2.0));
        (b, ctm, 0.0)
    } else {
        let b = boundary(
            run.x + first.x,
            run.baseline - run.size,
            along,
            run.size * 1.5,
        );
        (b, String::new(), run.size)
    };
    let _ = write!(
        s,
        "<ofd:TextObject ID=\"{}\" Boundary=\"{bounds}\"{ctm} Font=\"{font_id}\" Size=\"{}\">{}",
        ids.take(),
        Mm(run.size),
        colour("FillColor", run.colour, refs)
    );
    for (k, g) in run.glyphs.iter().enumerate() {
        let (gid, by_cmap) = font.glyph(g.id, g.text);
        if !by_cmap {
            let _ = write!(
                s,
                "<ofd:CGTransform CodePosition=\"{k}\" CodeCount=\"1\" GlyphCount=\"1\"><ofd:Glyphs>{gid}</ofd:Glyphs></ofd:CGTransform>"
            );
        }
    }
    let _ = write!(s, "<ofd:TextCode X=\"0\" Y=\"{}\"", Mm(origin_y));
    for (k, w) in run.glyphs.windows(2).enumerate() {
        let _ = write!(
            s,
            "{}{}",
            if k == 0 { " DeltaX=\"" } else { " " },
            Mm(w[1].x - w[0].x)
        );
    }
    if run.glyphs.len() > 1 {
        s.push('"');
    }
    let chars: String = run.glyphs.iter().map(|g| g.text).collect();
    let _ = write!(s, ">{}</ofd:TextCode></ofd:TextObject>", escape(&chars));
}

/// A rule as a stroked path; its box takes in the line's width.
fn stroke(s: &mut String, st: &Stroke, refs: &Refs, ids: &mut Ids) {
    let half = st.width / 2.0;
    let (x0, y0) = (st.x1.min(st.x2) - half, st.y1.min(st.y2) - half);
    let (w, h) = (
        (st.x1 - st.x2).abs() + st.width,
        (st.y1 - st.y2).abs() + st.width,
    );
    let _ = write!(
        s,
        "<ofd:PathObject ID=\"{}\" Boundary=\"{}\" LineWidth=\"{}\">{}<ofd:AbbreviatedData>M {} {} L {} {}</ofd:AbbreviatedData></ofd:PathObject>",
        ids.take(),
        boundary(x0, y0, w, h),
        Mm(st.width),
        colour("StrokeColor", st.colour, refs),
        Mm(st.x1 - x0),
        Mm(st.y1 - y0),
        Mm(st.x2 - x0),
        Mm(st.y2 - y0)
    );
}

/// Filled rectangles as one filled path of closed subpaths.
fn fill(s: &mut String, areas: &[Area], c: Colour, refs: &Refs, ids: &mut Ids) {
    if areas.is_empty() {
        return;
    }
    let x0 = areas.iter().map(|a| a.x).fold(f32::MAX, f32::min);
    let y0 = areas.iter().map(|a| a.y).fold(f32::MAX, f32::min);
    let x1 = areas.iter().map(|a| a.x + a.w).fold(f32::MIN, f32::max);
    let y1 = areas.iter().map(|a| a.y + a.h).fold(f32::MIN, f32::max);
    let mut data = Vec::new();
    for a in areas {
        let (l, t, r, b) = (a.x - x0, a.y - y0, a.x + a.w - x0, a.y + a.h - y0);
        data.push(format!(
            "M {} {} L {} {} L {} {} L {} {} C",
            Mm(l),
            Mm(t),
            Mm(r),
            Mm(t),
            Mm(r),
            Mm(b),
            Mm(l),
            Mm(b)
        ));
    }
    let _ = write!(
        s,
        "<ofd:PathObject ID=\"{}\" Boundary=\"{}\" Stroke=\"false\" Fill=\"true\">{}<ofd:AbbreviatedData>{}</ofd:AbbreviatedData></ofd:PathObject>",
        ids.take(),
        boundary(x0, y0, x1 - x0, y1 - y0),
        colour("FillColor", c, refs),
        data.join(" ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::page::{Glyph, MM};

    /// Two glyphs of one character: the cmap names the first, a
    /// CGTransform the second; positions are the run's, in mm.
    #[test]
    fn a_glyph_the_cmap_cannot_name_gets_a_cgtransform() {
        let font = Numbering {
            gids: [(10, 1), (11, 2)].into_iter().collect(),
            cmap: [('一', 1)].into_iter().collect(),
        };
        let refs = Refs {
            fonts: [(0, (2, &font))].into_iter().collect(),
            colour_space: 1,
        };
        let glyph = |id, x| Glyph {
            id,
            text: '一',
            x,
            em: 1.0,
        };
        let run = Run {
            face: 0,
            size: 16.0,
            x: MM * 10.0,
            baseline: MM * 20.0,
            colour: Colour::BLACK,
            glyphs: vec![glyph(10, 0.0), glyph(11, 16.0)],
            turned: false,
        };
        let mut s = String::new();
        text(&mut s, &run, &refs, &mut Ids(2));
        assert!(s.contains(r#"<ofd:CGTransform CodePosition="1" CodeCount="1" GlyphCount="1"><ofd:Glyphs>2</ofd:Glyphs>"#), "{s}");
        assert_eq!(s.matches("CGTransform CodePosition").count(), 1);
        assert!(s.contains(r#"ID="3" Boundary="10 14.356"#), "{s}");
        assert!(
            s.contains(r#"<ofd:TextCode X="0" Y="5.644" DeltaX="5.644">一一</ofd:TextCode>"#),
            "{s}"
        );

        // Turned a quarter clockwise (a landscape page's number): the box
        // stands on end at the origin, and the CTM turns the text.
        let turned = Run {
            turned: true,
            ..run
        };
        let mut s = String::new();
        text(&mut s, &turned, &refs, &mut Ids(2));
        assert!(
            s.contains(r#"Boundary="7.178 20 8.467 11.289" CTM="0 1 -1 0 2.822 0""#),
            "{s}"
        );
        assert!(
            s.contains(r#"<ofd:TextCode X="0" Y="0" DeltaX="5.644">"#),
            "{s}"
        );
    }
}
