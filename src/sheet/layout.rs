//! Blocks to pages: text lines broken to width by the shared line breaker
//! (避头尾 kept), tables with column and row spans, photo and QR cells,
//! page breaks between blocks and between table rows. Coordinates are pt
//! from the top left of the page, as in every page description.

pub use super::error::LayoutError;
use super::memo::{setting, Memo, Recorder};
use super::spec::{role_of, Align, Block, Cell, Sheet, Style, Table, VAlign};
use crate::typeset::fonts::{FontSet, Role};
use crate::typeset::lines::{break_lines, Frame, Line, MissingGlyph, Style as LineStyle};
use crate::typeset::page::{Area, Colour, Mark, Page, MM};

/// What the layout needs to know about the paper's photo: its aspect
/// ratio (width / height), when there is one.
pub struct Inputs<'f> {
    pub fonts: &'f FontSet,
    pub photo_aspect: Option<f32>,
    /// Lines broken before (see [`super::memo`]), or where to keep them.
    pub memo: Option<&'f Memo>,
    pub record: Option<&'f Recorder>,
}

const PAD: f32 = 1.6 * MM;
/// Table rules.
const RULE: f32 = 0.6;

struct Cursor<'a, 'f> {
    sheet: &'a Sheet,
    inp: &'a Inputs<'f>,
    pages: Vec<Page>,
    /// Distance from the top of the page, in pt.
    y: f32,
    /// The block being laid out, for errors.
    block: usize,
}

/// Lay out `sheet`.
pub fn layout(sheet: &Sheet, inp: &Inputs) -> Result<Vec<Page>, LayoutError> {
    let mut c = Cursor {
        sheet,
        inp,
        pages: Vec::new(),
        y: 0.0,
        block: 0,
    };
    c.new_page();
    for (i, block) in sheet.blocks.iter().enumerate() {
        c.block = i;
        match block {
            Block::Gap(mm) => c.y += mm * MM,
            Block::Break => c.new_page(),
            Block::Text(t) => {
                let style = c.style(&t.style);
                let lines = c.wrap(&t.text, style, c.text_width(), t.indent)?;
                let lh = style.size * style.leading;
                for line in &lines {
                    if c.y + lh > c.bottom() {
                        c.new_page();
                    }
                    let x = c.left() + aligned(style.align, c.text_width(), line);
                    let baseline = c.y + lh * 0.5 + style.size * 0.35;
                    c.text(line, x, baseline, style.size);
                    c.y += lh;
                }
                c.y += t.space_after * MM;
            }
            Block::Qr(q) => c.qr_block(q)?,
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

impl Cursor<'_, '_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        let p = &self.sheet.page;
        self.pages.push(Page::new(p.width * MM, p.height * MM));
        self.y = p.margin[0] * MM;
    }

    fn left(&self) -> f32 {
        self.sheet.page.margin[3] * MM
    }

    fn text_width(&self) -> f32 {
        let p = &self.sheet.page;
        (p.width - p.margin[1] - p.margin[3]) * MM
    }

    fn bottom(&self) -> f32 {
        let p = &self.sheet.page;
        (p.height - p.margin[2]) * MM
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

    /// Break at newlines and at `avail`; the first line of each paragraph
    /// is indented `indent` characters. Paragraphs are broken apart, so a
    /// fixed paragraph after a candidate's value is taken from the memo.
    fn wrap(
        &self,
        text: &str,
        style: Resolved,
        avail: f32,
        indent: f32,
    ) -> Result<Vec<Line>, LayoutError> {
        let key = setting(style.role, style.size, avail, indent);
        let st = LineStyle {
            role: style.role,
            size: style.size,
            cell: None,
        };
        let frame = Frame {
            width: avail,
            first: indent * style.size,
            rest: 0.0,
            justify: false,
        };
        let mut out = Vec::new();
        for para in text.split('\n') {
            if let Some(lines) = self.inp.memo.and_then(|m| m.get(para, key)) {
                out.extend_from_slice(lines);
                continue;
            }
            let set = para.replace('\t', " ").replace('\r', "");
            let mut lines =
                break_lines(&set, frame, st, self.inp.fonts).map_err(|MissingGlyph(c)| {
                    LayoutError::NoGlyph {
                        block: self.block,
                        c,
                        text: text.to_string(),
                    }
                })?;
            if lines.is_empty() {
                lines.push(Line::default());
            }
            if let Some(r) = self.inp.record {
                r.put(para, key, &lines);
            }
            out.extend(lines);
        }
        Ok(out)
    }

    /// A text line with its baseline `baseline` pt below the top of the page.
    fn text(&mut self, line: &Line, x: f32, baseline: f32, size: f32) {
        self.page().line(line, x, baseline, size, Colour::BLACK);
    }

    /// The edges of `boxes` as rules on the current page.
    fn rules(&mut self, boxes: &[Area]) {
        super::rules::draw(self.page(), boxes, RULE);
    }

    fn qr_block(&mut self, q: &super::spec::QrBlock) -> Result<(), LayoutError> {
        let size = q.size * MM;
        let caption = self.style(&Style {
            size: Some(self.sheet.size * 0.8),
            ..Style::default()
        });
        let cap_h = if q.caption.is_some() {
            caption.size * 1.6
        } else {
            0.0
        };
        if self.y + size + cap_h > self.bottom() {
            self.new_page();
        }
        let x = match q.align {
            Align::Left => self.left(),
            Align::Center => self.left() + (self.text_width() - size) / 2.0,
            Align::Right => self.left() + self.text_width() - size,
        };
        self.qr(&q.data, x, self.y, size)?;
        self.y += size;
        if let Some(text) = &q.caption {
            for line in self.wrap(text, caption, f32::MAX, 0.0)? {
                let cx = x + (size - line.width) / 2.0;
                self.text(&line, cx, self.y + caption.size * 1.2, caption.size);
            }
            self.y += cap_h;
        }
        self.y += q.space_after * MM;
        Ok(())
    }

    /// A QR code with a quiet zone of 2 modules inside the square.
    fn qr(&mut self, data: &str, x: f32, top: f32, size: f32) -> Result<(), LayoutError> {
        let code = super::qr::encode(data.as_bytes()).map_err(|e| LayoutError::Qr {
            block: self.block,
            data: data.to_string(),
            reason: e.to_string(),
        })?;
        let m = size / (code.width as f32 + 4.0);
        self.page().marks.push(Mark::Modules {
            origin: (x + 2.0 * m, top + 2.0 * m),
            unit: m,
            side: code.width,
            rows: code.rows(),
            colour: Colour::BLACK,
        });
        Ok(())
    }

    fn table(&mut self, t: &Table) -> Result<(), LayoutError> {
        let ncols = t.widths.len();
        if ncols == 0 {
            return Err(LayoutError::NoColumns { block: self.block });
        }
        let total: f32 = t.widths.iter().sum();
        let scale = if total > 0.0 {
            self.text_width() / (total * MM)
        } else {
            1.0
        };
        let widths: Vec<f32> = t.widths.iter().map(|w| w * MM * scale).collect();
        let xs: Vec<f32> = std::iter::once(0.0)
            .chain(widths.iter().scan(0.0, |acc, w| {
                *acc += w;
                Some(*acc)
            }))
            .map(|x| x + self.left())
            .collect();
        let placed = place_cells(t, ncols).map_err(|e| e.in_block(self.block))?;
        let (contents, heights) = self.measure(t, &placed, &xs)?;
        // Rows joined by a span stay on one page.
        let mut group_end: Vec<usize> = (0..t.rows.len()).collect();
        for p in &placed {
            for end in &mut group_end[p.row..p.row + p.rowspan] {
                *end = (*end).max(p.row + p.rowspan - 1);
            }
        }
        let mut tops = vec![0.0; t.rows.len()];
        // The cells drawn on this page, ruled when the page is done.
        let mut boxes = Vec::new();
        let mut r = 0;
        while r < t.rows.len() {
            let mut end = r;
            let mut i = r;
            while i <= end {
                end = end.max(group_end[i]);
                i += 1;
            }
            let h: f32 = heights[r..=end].iter().sum();
            if self.y + h > self.bottom() && self.y > self.sheet.page.margin[0] * MM + 1.0 {
                self.rules(&std::mem::take(&mut boxes));
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
                boxes.push(Area { x, y: top, w, h });
                self.cell(p.cell, *style, lines, foot, x, top, w, h)?;
            }
            r = end + 1;
        }
        self.rules(&boxes);
        self.y += t.space_after * MM;
        Ok(())
    }

    /// Each cell's style and lines, and each row's height: its minimum,
    /// raised to fit its one-row cells, then the last row of a span raised
    /// to fit the spanning cell.
    fn measure(
        &self,
        t: &Table,
        placed: &[Placed],
        xs: &[f32],
    ) -> Result<(Vec<Measured>, Vec<f32>), LayoutError> {
        let base = self.style(&t.style);
        let mut heights: Vec<f32> = t.rows.iter().map(|r| r.height * MM).collect();
        let mut contents = Vec::with_capacity(placed.len());
        for p in placed {
            let style = self.cell_style(&p.cell.style, base);
            let w = xs[p.col + p.colspan] - xs[p.col] - 2.0 * PAD;
            let lines = if p.cell.photo && self.inp.photo_aspect.is_some() || p.cell.qr.is_some() {
                Vec::new()
            } else {
                self.wrap(&p.cell.text, style, w, 0.0)?
            };
            let foot = match &p.cell.foot {
                Some(f) => self.wrap(f, style, w, 0.0)?,
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
        Ok((contents, heights))
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
        lines: &[Line],
        foot: &[Line],
        x: f32,
        top: f32,
        w: f32,
        h: f32,
    ) -> Result<(), LayoutError> {
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
                let area = Area {
                    x: x + (w - pw) / 2.0,
                    y: top + (h - ph) / 2.0,
                    w: pw,
                    h: ph,
                };
                self.page().marks.push(Mark::Picture(area));
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
            let lx = x + PAD + aligned(style.align, w - 2.0 * PAD, line);
            let baseline = start + i as f32 * lh + lh * 0.5 + style.size * 0.35;
            self.text(line, lx, baseline, style.size);
        }
        let foot_top = top + h - PAD - foot.len() as f32 * lh;
        for (i, line) in foot.iter().enumerate() {
            let lx = x + PAD + aligned(Align::Right, w - 2.0 * PAD, line);
            let baseline = foot_top + i as f32 * lh + lh * 0.5 + style.size * 0.35;
            self.text(line, lx, baseline, style.size);
        }
        Ok(())
    }
}

/// A cell measured: its style, its lines, its foot lines, the height it needs.
type Measured = (Resolved, Vec<Line>, Vec<Line>, f32);

struct Placed<'a> {
    cell: &'a Cell,
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
}

/// Put each cell in the first free column of its row, skipping columns
/// taken by row spans from above.
fn place_cells(t: &Table, ncols: usize) -> Result<Vec<Placed<'_>>, LayoutError> {
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
                return Err(LayoutError::TooManyCells {
                    block: 0,
                    row: r,
                    columns: ncols,
                    cell: cell.text.clone(),
                });
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

impl LayoutError {
    fn in_block(mut self, at: usize) -> LayoutError {
        if let LayoutError::TooManyCells { block, .. } = &mut self {
            *block = at;
        }
        self
    }
}

/// Where a line starts in `avail` pt, aligned.
fn aligned(align: Align, avail: f32, line: &Line) -> f32 {
    match align {
        Align::Left => 0.0,
        Align::Center => ((avail - line.width) / 2.0).max(0.0),
        Align::Right => (avail - line.width).max(0.0),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_cells_name_the_row_and_the_block() {
        let sheet: Sheet = serde_yaml::from_str(
            "blocks:\n  - gap: 1\n  - table:\n      widths: [10]\n      rows:\n        - cells: [{text: a}, {text: b}]\n",
        )
        .unwrap();
        let Block::Table(t) = &sheet.blocks[1] else {
            panic!("a table")
        };
        let e = place_cells(t, 1).map(|_| ()).unwrap_err().in_block(1);
        assert_eq!(
            e,
            LayoutError::TooManyCells {
                block: 1,
                row: 0,
                columns: 1,
                cell: "b".into()
            }
        );
        assert_eq!(e.block(), 1);
        let expected = crate::t!("layout-too-many-cells", row = 1, columns = 1, cell = "b");
        assert_eq!(e.to_string(), expected);
    }
}
