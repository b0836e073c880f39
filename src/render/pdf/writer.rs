//! Draw laid-out pages with printpdf, then fix what printpdf leaves to
//! chance: font ids (fixed by us), the trailer /ID (a hash of the bytes),
//! the document info (set deliberately) and the PDF version.

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Color, Line as PdfLine, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

use super::fonts::FontSet;
use super::page::{Ink, Page, PAGE_H};

/// Document information written into the PDF.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    /// PDF date string, e.g. D:20240110000000+08'00'.
    pub date: String,
}

pub fn parse_hex_colour(s: &str) -> Option<(f32, f32, f32)> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let v = |i: usize| {
        u8::from_str_radix(&h[i..i + 2], 16)
            .ok()
            .map(|x| x as f32 / 255.0)
    };
    Some((v(0)?, v(2)?, v(4)?))
}

fn colour(ink: Ink, red: (f32, f32, f32)) -> Color {
    match ink {
        Ink::Black => Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
        Ink::Red => Color::Rgb(Rgb::new(red.0, red.1, red.2, None)),
    }
}

fn page_ops(page: &Page, fonts: &FontSet, red: (f32, f32, f32)) -> Vec<Op> {
    let mut ops = Vec::new();
    for r in &page.rules {
        let (y1, y2) = (PAGE_H - r.y1, PAGE_H - r.y2);
        ops.push(Op::SetOutlineColor {
            col: colour(r.ink, red),
        });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(r.thickness),
        });
        ops.push(Op::DrawLine {
            line: PdfLine {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(r.x1),
                            y: Pt(y1),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(r.x2),
                            y: Pt(y2),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }
    for l in &page.lines {
        if l.line.glyphs.is_empty() {
            continue;
        }
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFillColor {
            col: colour(l.ink, red),
        });
        let glyphs = &l.line.glyphs;
        let mut i = 0;
        while i < glyphs.len() {
            let face = glyphs[i].face;
            let mut j = i + 1;
            while j < glyphs.len() && glyphs[j].face == face {
                j += 1;
            }
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(fonts.faces[face].id.clone()),
                size: Pt(l.size),
            });
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(l.x + glyphs[i].x), Pt(PAGE_H - l.baseline)),
            });
            // Each glyph is placed exactly: the TJ offset corrects the font's own
            // advance to the grid position of the next glyph.
            let mut items = Vec::new();
            let mut run = String::new();
            for k in i..j {
                let g = &glyphs[k];
                run.push(g.c);
                if k + 1 < j {
                    let natural = fonts.faces[face].advance(g.c) * l.size;
                    let wanted = glyphs[k + 1].x - g.x;
                    let delta = wanted - natural;
                    if delta.abs() > 0.001 {
                        items.push(TextItem::Text(std::mem::take(&mut run)));
                        items.push(TextItem::Offset(-delta / l.size * 1000.0));
                    }
                }
            }
            if !run.is_empty() {
                items.push(TextItem::Text(run));
            }
            ops.push(Op::ShowText { items });
            i = j;
        }
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Serialise pages to PDF bytes, reproducibly.
pub fn write_pdf(pages: &[Page], fonts: &FontSet, meta: &Meta, red: (f32, f32, f32)) -> Vec<u8> {
    let mut doc = PdfDocument::new(meta.title);
    let used: BTreeSet<usize> = pages
        .iter()
        .flat_map(|p| {
            p.lines
                .iter()
                .flat_map(|l| l.line.glyphs.iter().map(|g| g.face))
        })
        .collect();
    for &i in &used {
        if let Some(parsed) = fonts.faces[i].parsed() {
            doc.resources.fonts.map.insert(
                fonts.faces[i].id.clone(),
                printpdf::PdfFont::new(parsed.clone()),
            );
        }
    }
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|p| PdfPage::new(Mm(210.0), Mm(297.0), page_ops(p, fonts, red)))
        .collect();
    doc.with_pages(pdf_pages);
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions::default();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    lo.version = "1.7".to_string();
    let info = info_dict(meta);
    let info_id = lo.add_object(info);
    lo.trailer.set("Info", Object::Reference(info_id));
    let placeholder = "0".repeat(32);
    let id = Object::String(placeholder.clone().into_bytes(), StringFormat::Literal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    lo.prune_objects();
    lo.renumber_objects();
    lo.compress();
    let mut bytes = Vec::new();
    let _ = lo.save_to(&mut bytes);
    // The /ID is a hash of the document itself: same input, same bytes.
    let digest = Sha256::digest(&bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let needle = format!("({placeholder})");
    if let Some(at) = find(&bytes, needle.as_bytes()) {
        let tail = &mut bytes[at..];
        for _ in 0..2 {
            if let Some(k) = find(tail, needle.as_bytes()) {
                tail[k + 1..k + 33].copy_from_slice(hex.as_bytes());
            }
        }
    }
    bytes
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn text_string(s: &str) -> Object {
    // UTF-16BE with BOM: the PDF text string form for non-Latin text.
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

fn info_dict(meta: &Meta) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Title", text_string(meta.title));
    d.set("Author", text_string(meta.author));
    d.set("Subject", text_string(meta.subject));
    d.set("Creator", text_string("gazette"));
    d.set(
        "Producer",
        text_string(concat!("gazette ", env!("CARGO_PKG_VERSION"))),
    );
    let date = Object::String(meta.date.clone().into_bytes(), StringFormat::Literal);
    d.set("CreationDate", date.clone());
    d.set("ModDate", date);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        let (r, g, b) = parse_hex_colour("#FF3333").unwrap();
        assert!((r - 1.0).abs() < 1e-6 && (g - 0.2).abs() < 1e-6 && (b - 0.2).abs() < 1e-6);
        assert!(parse_hex_colour("red").is_none());
    }
}
