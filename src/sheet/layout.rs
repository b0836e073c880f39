//! Blocks to positioned marks: text lines broken to width (避头尾 kept),
//! tables with column and row spans, photo and QR cells, page breaks
//! between blocks and between table rows. Coordinates are PDF points,
//! y upwards from the bottom of the page.

use super::fonts::{role_of, Glyph, Shaper};
use super::spec::{Align, Block, Cell, Sheet, Style, Table, VAlign};
use crate::kinsoku;
use crate::render::pdf::fonts::Role;

pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// One mark on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        glyphs: Vec<Glyph>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// The paper's photo, fitted into the box.
    Photo {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// A QR code: `n`×`n` dark/light modules, lower-left corner at x, y.
    Qr {
        x: f32,
        y: f32,
        size: f32,
        n: usize,
        dark: Vec<bool>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidPage {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// What the layout needs to know about the paper's photo: its aspect
/// ratio (width / height), when there is one.
pub struct Inputs<'s, 'f> {
    pub shaper: &'s Shaper<'f>,
    pub photo_aspect: Option<f32>,
}

const PAD: f32 = 1.6 * PT_PER_MM;

struct Cursor<'a, 's, 'f> {
    sheet: &'a Sheet,
    inp: &'a Inputs<'s, 'f>,
    pages: Vec<LaidPage>,
    /// Distance from the top of the page, in pt.
    y: f32,
}

/// Lay out `sheet`. Errors name the character no font has, or the block
/// that cannot be placed.
pub fn layout(sheet: &Sheet, inp: &Inputs) -> Result<Vec<LaidPage>, String> {
    let mut c = Cursor {
        sheet,
        inp,
        pages: Vec::new(),
        y: 0.0,
    };
    c.new_page();
    for block in &sheet.blocks {
        match block {
            Block::Gap(mm) => c.y += mm * PT_PER_MM,
            Block::Break => c.new_page(),
            Block::Text(t) => {
                let style = c.style(&t.style);
                let lines = wrap(
                    &c.shape(&t.text, style.role)?,
                    c.text_width(),
                    style.size,
                    t.indent,
                );
                let lh = style.size * style.leading;
                for line in lines {
                    if c.y + lh > c.bottom() {
                        c.new_page();
                    }
                    let x = c.left() + aligned(style.align, c.text_width(), &line, style.size);
                    let baseline = c.y + lh * 0.5 + style.size * 0.35;
                    c.text(x, baseline, style.size, line);
                    c.y += lh;
                }
                c.y += t.space_after * PT_PER_MM;
            }
            Block::Qr(q) => {
                let size = q.size * PT_PER_MM;
                let caption = c.style(&Style {
                    size: Some(c.sheet.size * 0.8),
                    ..Style::default()
                });
                let cap_h = if q.caption.is_some() {
                    caption.size * 1.6
                } else {
                    0.0
                };
                if c.y + size + cap_h > c.bottom() {
                    c.new_page();
                }
                let x = match q.align {
                    Align::Left => c.left(),
                    Align::Center => c.left() + (c.text_width() - size) / 2.0,
                    Align::Right => c.left() + c.text_width() - size,
                };
                c.qr(&q.data, x, c.y, size)?;
                c.y += size;
                if let Some(text) = &q.caption {
                    let glyphs = c.shape(text, caption.role)?;
                    let w = width(&glyphs, caption.size);
                    let cx = x + (size - w) / 2.0;
                    c.text(cx, c.y + caption.size * 1.2, caption.size, glyphs);
                    c.y += cap_h;
                }
                c.y += q.space_after * PT_PER_MM;
            }
            Block::Table(t) => c.table(t)?,
        }
    }
    Ok(c.pages)
}

#[derive(Clone, Copy)]
struct Resolved {
    role: Role,
    size: f32,
    align: Align,
    leading: f32,
}

impl Cursor<'_, '_, '_> {
    fn page(&mut self) -> &mut LaidPage {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        let p = &self.sheet.page;
        self.pages.push(LaidPage {
            width: p.width * PT_PER_MM,
            height: p.height * PT_PER_MM,
            items: Vec::new(),
        });
        self.y = p.margin[0] * PT_PER_MM;
    }

    fn left(&self) -> f32 {
        self.sheet.page.margin[3] * PT_PER_MM
    }

    fn text_width(&self) -> f32 {
        let p = &self.sheet.page;
        (p.width - p.margin[1] - p.margin[3]) * PT_PER_MM
    }

    fn bottom(&self) -> f32 {
        let p = &self.sheet.page;
        (p.height - p.margin[2]) * PT_PER_MM
    }

    fn height(&self) -> f32 {
        self.sheet.page.height * PT_PER_MM
    }

    fn style(&self, s: &Style) -> Resolved {
        let font = s.font.as_deref().unwrap_or(&self.sheet.font);
        Resolved {
            role: role_of(font).unwrap_or(Role::PageNumber),
            size: s.size.unwrap_or(self.sheet.size),
            align: s.align.unwrap_or_default(),
            leading: s.leading.unwrap_or(1.5),
        }
    }

    fn shape(&self, text: &str, role: Role) -> Result<Vec<Glyph>, String> {
        text.chars()
            .filter(|c| *c != '\r')
            .map(|ch| {
                if ch == '\n' {
                    return Ok(Glyph {
                        face: usize::MAX,
                        gid: 0,
                        ch,
                        advance: 0.0,
                    });
                }
                self.inp.shaper.glyph(role, ch).ok_or_else(|| {
                    format!(
                        "no installed font has the character `{ch}` (U+{:04X}) in “{text}”",
                        ch as u32
                    )
                })
            })
            .collect()
    }

    /// A text line with its baseline `top` pt below the top of the page.
    fn text(&mut self, x: f32, top: f32, size: f32, glyphs: Vec<Glyph>) {
        if glyphs.is_empty() {
            return;
        }
        let y = self.height() - top;
        self.page().items.push(Item::Text { x, y, size, glyphs });
    }

    fn rect(&mut self, x: f32, top: f32, w: f32, h: f32) {
        let (y0, y1) = (self.height() - top, self.height() - top - h);
        let page = self.page();
        for (x1, y1a, x2, y2) in [
            (x, y0, x + w, y0),
            (x, y1, x + w, y1),
            (x, y0, x, y1),
            (x + w, y0, x + w, y1),
        ] {
            page.items.push(Item::Line {
                x1,
                y1: y1a,
                x2,
                y2,
            });
        }
    }

    fn qr(&mut self, data: &str, x: f32, top: f32, size: f32) -> Result<(), String> {
        let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
            .map_err(|e| format!("cannot make a QR code of “{data}”: {e}"))?;
        let n = code.width();
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        let y = self.height() - top - size;
        self.page().items.push(Item::Qr {
            x,
            y,
            size,
            n,
            dark,
        });
        Ok(())
    }

    fn table(&mut self, t: &Table) -> Result<(), String> {
        let ncols = t.widths.len();
        if ncols == 0 {
            return Err("a table needs at least one column width".into());
        }
        let total: f32 = t.widths.iter().sum();
        let scale = if total > 0.0 {
            self.text_width() / (total * PT_PER_MM)
        } else {
            1.0
        };
        let widths: Vec<f32> = t.widths.iter().map(|w| w * PT_PER_MM * scale).collect();
        let xs: Vec<f32> = std::iter::once(0.0)
            .chain(widths.iter().scan(0.0, |acc, w| {
                *acc += w;
                Some(*acc)
            }))
            .map(|x| x + self.left())
            .collect();
        let placed = place_cells(t, ncols)?;
        let base = self.style(&t.style);
        // Heights: each row's minimum, raised to fit its one-row cells,
        // then the last row of a span raised to fit the spanning cell.
        let mut heights: Vec<f32> = t.rows.iter().map(|r| r.height * PT_PER_MM).collect();
        let mut contents = Vec::with_capacity(placed.len());
        for p in &placed {
            let style = self.cell_style(&p.cell.style, base);
            let w = xs[p.col + p.colspan] - xs[p.col] - 2.0 * PAD;
            let lines = if p.cell.photo && self.inp.photo_aspect.is_some() || p.cell.qr.is_some() {
                Vec::new()
            } else {
                wrap(&self.shape(&p.cell.text, style.role)?, w, style.size, 0.0)
            };
            let foot = match &p.cell.foot {
                Some(f) => wrap(&self.shape(f, style.role)?, w, style.size, 0.0),
                None => Vec::new(),
            };
            let lh = style.size * style.leading;
            let need = (lines.len() + foot.len()) as f32 * lh + 2.0 * PAD;
            contents.push((style, lines, foot, need));
        }
        for span in [false, true] {
            for (p, c) in placed.iter().zip(&contents) {
                if (p.rowspan > 1) != span {
                    continue;
                }
                let have: f32 = heights[p.row..p.row + p.rowspan].iter().sum();
                if c.3 > have {
                    heights[p.row + p.rowspan - 1] += c.3 - have;
                }
            }
        }
        // Rows joined by a span stay on one page.
        let mut group_end: Vec<usize> = (0..t.rows.len()).collect();
        for p in &placed {
            for end in &mut group_end[p.row..p.row + p.rowspan] {
                *end = (*end).max(p.row + p.rowspan - 1);
            }
        }
        let mut tops = vec![0.0; t.rows.len()];
        let mut r = 0;
        while r < t.rows.len() {
            let mut end = r;
            let mut i = r;
            while i <= end {
                end = end.max(group_end[i]);
                i += 1;
            }
            let h: f32 = heights[r..=end].iter().sum();
            if self.y + h > self.bottom() && self.y > self.sheet.page.margin[0] * PT_PER_MM + 1.0 {
                self.new_page();
            }
            for row in r..=end {
                tops[row] = self.y;
                self.y += heights[row];
            }
            // Draw the cells that start in this group.
            for (p, (style, lines, foot, _)) in placed.iter().zip(contents.iter()) {
                if p.row < r || p.row > end {
                    continue;
                }
                let x = xs[p.col];
                let w = xs[p.col + p.colspan] - x;
                let top = tops[p.row];
                let h: f32 = heights[p.row..p.row + p.rowspan].iter().sum();
                self.rect(x, top, w, h);
                self.cell(p.cell, *style, lines, foot, x, top, w, h)?;
            }
            r = end + 1;
        }
        self.y += t.space_after * PT_PER_MM;
        Ok(())
    }

    fn cell_style(&self, s: &Style, base: Resolved) -> Resolved {
        Resolved {
            role: s.font.as_deref().and_then(role_of).unwrap_or(base.role),
            size: s.size.unwrap_or(base.size),
            align: s.align.unwrap_or(base.align),
            leading: s.leading.unwrap_or(base.leading.min(1.35)),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cell(
        &mut self,
        cell: &Cell,
        style: Resolved,
        lines: &[Vec<Glyph>],
        foot: &[Vec<Glyph>],
        x: f32,
        top: f32,
        w: f32,
        h: f32,
    ) -> Result<(), String> {
        if let Some(data) = &cell.qr {
            let side = (w.min(h) - 2.0 * PAD).max(1.0);
            return self.qr(data, x + (w - side) / 2.0, top + (h - side) / 2.0, side);
        }
        if cell.photo {
            if let Some(aspect) = self.inp.photo_aspect {
                let (bw, bh) = (w - 2.0 * PAD, h - 2.0 * PAD);
                let (pw, ph) = if bw / bh > aspect {
                    (bh * aspect, bh)
                } else {
                    (bw, bw / aspect)
                };
                let y = self.height() - top - (h + ph) / 2.0;
                self.page().items.push(Item::Photo {
                    x: x + (w - pw) / 2.0,
                    y,
                    w: pw,
                    h: ph,
                });
                return Ok(());
            }
        }
        let lh = style.size * style.leading;
        let block = lines.len() as f32 * lh;
        let start = match cell.valign.unwrap_or_default() {
            VAlign::Top => top + PAD,
            VAlign::Middle => top + (h - block) / 2.0,
            VAlign::Bottom => top + h - PAD - block - foot.len() as f32 * lh,
        };
        for (i, line) in lines.iter().enumerate() {
            let lx = x + PAD + aligned(style.align, w - 2.0 * PAD, line, style.size);
            let baseline = start + i as f32 * lh + lh * 0.5 + style.size * 0.35;
            self.text(lx, baseline, style.size, line.clone());
        }
        let foot_top = top + h - PAD - foot.len() as f32 * lh;
        for (i, line) in foot.iter().enumerate() {
            let lx = x + PAD + aligned(Align::Right, w - 2.0 * PAD, line, style.size);
            let baseline = foot_top + i as f32 * lh + lh * 0.5 + style.size * 0.35;
            self.text(lx, baseline, style.size, line.clone());
        }
        Ok(())
    }
}

struct Placed<'a> {
    cell: &'a Cell,
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
}

/// Put each cell in the first free column of its row, skipping columns
/// taken by row spans from above.
fn place_cells(t: &Table, ncols: usize) -> Result<Vec<Placed<'_>>, String> {
    let nrows = t.rows.len();
    let mut taken = vec![vec![false; ncols]; nrows];
    let mut out = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        let mut col = 0;
        for cell in &row.cells {
            while col < ncols && taken[r][col] {
                col += 1;
            }
            let colspan = cell.colspan.max(1);
            let rowspan = cell.rowspan.clamp(1, nrows - r);
            if col + colspan > ncols {
                return Err(format!(
                    "row {} of a table has more cells than its {ncols} columns (at “{}”)",
                    r + 1,
                    cell.text
                ));
            }
            for row_taken in taken.iter_mut().skip(r).take(rowspan) {
                for slot in row_taken.iter_mut().skip(col).take(colspan) {
                    *slot = true;
                }
            }
            out.push(Placed {
                cell,
                row: r,
                col,
                colspan,
                rowspan,
            });
            col += colspan;
        }
    }
    Ok(out)
}

fn width(glyphs: &[Glyph], size: f32) -> f32 {
    glyphs.iter().map(|g| g.advance).sum::<f32>() * size
}

fn aligned(align: Align, avail: f32, line: &[Glyph], size: f32) -> f32 {
    match align {
        Align::Left => 0.0,
        Align::Center => ((avail - width(line, size)) / 2.0).max(0.0),
        Align::Right => (avail - width(line, size)).max(0.0),
    }
}

/// Break at newlines and at the width; a character that may not start a
/// line takes the one before it along (避头尾). `indent` is in characters.
fn wrap(glyphs: &[Glyph], avail: f32, size: f32, indent: f32) -> Vec<Vec<Glyph>> {
    let mut out = Vec::new();
    for (n, para) in glyphs.split(|g| g.ch == '\n').enumerate() {
        let mut start = 0;
        let mut first = n == 0 || indent > 0.0;
        while start < para.len() {
            let mut x = if first { indent * size } else { 0.0 };
            let mut end = start;
            while end < para.len() && (end == start || x + para[end].advance * size <= avail + 0.01)
            {
                x += para[end].advance * size;
                end += 1;
            }
            if end < para.len() {
                let mut e = end;
                while e > start + 1
                    && (kinsoku::no_start(para[e].ch) || kinsoku::no_end(para[e - 1].ch))
                {
                    e -= 1;
                }
                end = e;
            }
            let line: Vec<Glyph> = para[start..end].to_vec();
            out.push(if first && indent > 0.0 {
                indented(line, indent)
            } else {
                line
            });
            first = false;
            start = end;
        }
        if para.is_empty() {
            out.push(Vec::new());
        }
    }
    out
}

/// An indent is an advance on an invisible first glyph: no gid is drawn.
fn indented(mut line: Vec<Glyph>, indent: f32) -> Vec<Glyph> {
    line.insert(
        0,
        Glyph {
            face: usize::MAX,
            gid: 0,
            ch: ' ',
            advance: indent,
        },
    );
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(ch: char) -> Glyph {
        Glyph {
            face: 0,
            gid: 1,
            ch,
            advance: 1.0,
        }
    }

    #[test]
    fn wraps_at_width_and_keeps_closing_punctuation_off_the_line_start() {
        let text: Vec<Glyph> = "一二三四，五".chars().map(g).collect();
        let lines = wrap(&text, 4.0, 1.0, 0.0);
        let s: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|g| g.ch).collect())
            .collect();
        assert_eq!(s, ["一二三", "四，五"]);
    }

    #[test]
    fn newlines_start_new_lines() {
        let text: Vec<Glyph> = "一\n二".chars().map(g).collect();
        let lines = wrap(&text, 10.0, 1.0, 0.0);
        assert_eq!(lines.len(), 2);
    }
}
