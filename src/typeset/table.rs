//! Ruled tables for page layouts: column widths from the cells' content
//! (each column between its narrowest and its natural width), cell text
//! broken with 避头尾, and rows paged whole with the header rows repeated
//! at the top of every page the table spans.

use super::fonts::{FontSet, Role};
use super::lines::{break_lines, measure, Frame, Line, MissingGlyph, Style};
use super::page::{Colour, Mark, Page, Stroke, MM};
use crate::doc::Align;

/// 4号, the size of cell text.
pub const SIZE: f32 = 14.0;
const LEADING: f32 = 1.5 * SIZE;
const PAD_X: f32 = 1.5 * MM;
const PAD_Y: f32 = 0.25 * SIZE;
const OUTER_RULE: f32 = 0.75;
const INNER_RULE: f32 = 0.5;
/// Share of the em above the baseline in CJK faces.
const ASCENT: f32 = 0.88;
/// A column is at least two characters wide, so that 避头尾 can push a
/// character over to the next line instead of starting one with a comma.
const MIN_CHARS: f32 = 2.0;

fn style(role: Role) -> Style {
    Style {
        role,
        size: SIZE,
        cell: Some(SIZE),
    }
}

/// A cell's narrowest width (its widest word or number, never broken, or
/// two characters) and its natural width (each of its lines unbroken).
fn extent(text: &str, role: Role, fonts: &FontSet) -> Result<(f32, f32), MissingGlyph> {
    let (mut word, mut natural) = (0.0f32, 0.0f32);
    for part in text.split('\n') {
        natural = natural.max(measure(part, style(role), fonts)?);
        let one_word_each = break_lines(part, Frame::justified(0.01), style(role), fonts)?;
        word = one_word_each.iter().fold(word, |w, l| w.max(l.width));
    }
    Ok((word.max((MIN_CHARS * SIZE).min(natural)), natural))
}

/// Content widths of the columns in `avail` pt: the natural widths grown in
/// proportion when they fit, else each column between its narrowest and its
/// natural width by the same share of the difference; `None` when even the
/// narrowest widths do not fit.
pub fn fit_columns(min: &[f32], max: &[f32], avail: f32) -> Option<Vec<f32>> {
    let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if min.is_empty() {
        return Some(Vec::new());
    }
    if smin > avail + 0.01 {
        return None;
    }
    if smax <= avail {
        let n = max.len() as f32;
        return Some(
            max.iter()
                .map(|m| {
                    if smax > 0.0 {
                        m + (avail - smax) * m / smax
                    } else {
                        avail / n
                    }
                })
                .collect(),
        );
    }
    Some(narrow_first(min, max, avail).unwrap_or_else(|| between(min, max, avail)))
}

/// Each column at the same share of the way from its narrowest to its natural width.
fn between(min: &[f32], max: &[f32], avail: f32) -> Vec<f32> {
    let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
    let t = (avail - smin) / (smax - smin);
    min.iter().zip(max).map(|(a, b)| a + (b - a) * t).collect()
}

/// Columns whose natural width is within an even share of the room (序号,
/// a short 单位) keep it, so that only the long texts wrap; `None` when
/// the others would then not fit.
fn narrow_first(min: &[f32], max: &[f32], avail: f32) -> Option<Vec<f32>> {
    let mut fixed = vec![false; max.len()];
    loop {
        let taken: f32 = (0..max.len()).filter(|&i| fixed[i]).map(|i| max[i]).sum();
        let open: Vec<usize> = (0..max.len()).filter(|&i| !fixed[i]).collect();
        if open.is_empty() {
            return None;
        }
        let share = (avail - taken) / open.len() as f32;
        let narrow: Vec<usize> = open.iter().copied().filter(|&i| max[i] <= share).collect();
        if narrow.is_empty() {
            let pick = |v: &[f32]| open.iter().map(|&i| v[i]).collect::<Vec<f32>>();
            let (omin, omax) = (pick(min), pick(max));
            if omin.iter().sum::<f32>() > avail - taken + 0.01 {
                return None;
            }
            let widths = between(&omin, &omax, avail - taken);
            let mut out = max.to_vec();
            for (k, &i) in open.iter().enumerate() {
                out[i] = widths[k];
            }
            return Some(out);
        }
        for i in narrow {
            fixed[i] = true;
        }
    }
}

/// A row with each cell's lines broken to its column.
#[derive(Debug, Clone)]
struct Row {
    cells: Vec<Vec<Line>>,
    header: bool,
}

impl Row {
    fn lines(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0).max(1)
    }
    fn height(&self) -> f32 {
        self.lines() as f32 * LEADING + 2.0 * PAD_Y
    }
    /// Lines `from..to` of every cell, for a row taller than a page.
    fn slice(&self, from: usize, to: usize) -> Row {
        let cells = self.cells.iter();
        Row {
            cells: cells
                .map(|c| c[from.min(c.len())..to.min(c.len())].to_vec())
                .collect(),
            header: self.header,
        }
    }
}

/// The table's text as the notice holds it.
pub struct Cells<'a> {
    pub align: &'a [Align],
    pub head: &'a [Vec<String>],
    pub rows: &'a [Vec<String>],
}

/// A table laid out to a width, ready to be paged.
#[derive(Debug, Clone)]
pub struct Table {
    columns: Vec<f32>,
    align: Vec<Align>,
    head: Vec<Row>,
    rows: Vec<Row>,
}

/// A missing glyph with the role of the text it is in.
pub type CellError = (MissingGlyph, Role);

/// What each column needs: narrowest and natural content widths.
pub fn extents(t: &Cells, fonts: &FontSet) -> Result<(Vec<f32>, Vec<f32>), CellError> {
    let n = t.align.len();
    let (mut min, mut max) = (vec![0.0f32; n], vec![0.0f32; n]);
    let all = t.head.iter().map(|r| (r, Role::Heading1));
    for (row, role) in all.chain(t.rows.iter().map(|r| (r, Role::Body))) {
        for (i, text) in row.iter().enumerate().take(n) {
            let (a, b) = extent(text, role, fonts).map_err(|e| (e, role))?;
            min[i] = min[i].max(a);
            max[i] = max[i].max(b);
        }
    }
    Ok((min, max))
}

/// Total width of columns of these content widths, rules and padding included.
pub fn outer_width(columns: &[f32]) -> f32 {
    columns.iter().map(|c| c + 2.0 * PAD_X).sum()
}

/// The content room of `width` pt for `n` columns.
pub fn room(width: f32, n: usize) -> f32 {
    width - n as f32 * 2.0 * PAD_X
}

impl Table {
    /// Break every cell to `columns` (content widths from [`fit_columns`]).
    pub fn new(t: &Cells, columns: Vec<f32>, fonts: &FontSet) -> Result<Table, CellError> {
        let row = |cells: &Vec<String>, header: bool| -> Result<Row, CellError> {
            let role = if header { Role::Heading1 } else { Role::Body };
            let mut out = Vec::with_capacity(columns.len());
            for (i, w) in columns.iter().enumerate() {
                let text = cells.get(i).map_or("", String::as_str);
                // Ragged: a cell's few characters spread out read as spaced words.
                let frame = Frame {
                    justify: false,
                    ..Frame::justified(*w)
                };
                let mut lines = Vec::new();
                for part in text.split('\n') {
                    let broken = break_lines(part, frame, style(role), fonts);
                    lines.extend(broken.map_err(|e| (e, role))?);
                }
                out.push(lines);
            }
            Ok(Row { cells: out, header })
        };
        Ok(Table {
            head: t
                .head
                .iter()
                .map(|r| row(r, true))
                .collect::<Result<_, _>>()?,
            rows: t
                .rows
                .iter()
                .map(|r| row(r, false))
                .collect::<Result<_, _>>()?,
            align: t.align.to_vec(),
            columns,
        })
    }

    pub fn width(&self) -> f32 {
        outer_width(&self.columns)
    }

    /// Height of the header rows plus the first body row (or, when that row
    /// is taller than a `page` and is split anyway, two of its lines): what
    /// must fit below a caption for the table to start on this page.
    pub fn opening(&self, page: f32) -> f32 {
        let head: f32 = self.head.iter().map(Row::height).sum();
        let first = self.rows.first().map_or(0.0, Row::height);
        if first > page - head {
            head + 2.0 * LEADING + 2.0 * PAD_Y
        } else {
            head + first
        }
    }

    /// Draw from `y` down to `bottom` on the current page, each further page
    /// from `top`, the left edge at `x`. Returns the marks of each page (the
    /// first for the current one) and where the table ends on the last.
    pub fn paginate(&self, x: f32, y: f32, top: f32, bottom: f32) -> (Vec<Vec<Mark>>, f32) {
        let mut out = Vec::new();
        let mut seg = Segment::start(self, x, y);
        for row in &self.rows {
            let mut row = row.clone();
            loop {
                let room = bottom - seg.y;
                let fit = ((room - 2.0 * PAD_Y) / LEADING).floor().max(0.0) as usize;
                // A header taller than the page leaves no room: overflow rather than loop.
                if row.height() <= room + 0.01 || (seg.body == 0 && fit == 0) {
                    seg.row(self, &row);
                    break;
                }
                let fresh = bottom - top - self.head.iter().map(Row::height).sum::<f32>();
                // Split only a row taller than a whole page, and only when part of it fits.
                if row.height() > fresh && fit > 0 {
                    seg.row(self, &row.slice(0, fit));
                    row = row.slice(fit, row.lines());
                }
                out.push(seg.finish(self));
                seg = Segment::start(self, x, top);
            }
        }
        let end = seg.y;
        out.push(seg.finish(self));
        (out, end)
    }
}

/// The part of a table on one page: its marks and the y of each rule across.
struct Segment {
    page: Page,
    x: f32,
    y: f32,
    rules: Vec<f32>,
    /// Body rows (or parts of one) drawn so far.
    body: usize,
}

impl Segment {
    fn start(t: &Table, x: f32, y: f32) -> Segment {
        let mut s = Segment {
            page: Page::new(0.0, 0.0),
            x,
            y,
            rules: vec![y],
            body: 0,
        };
        for h in &t.head {
            s.row(t, h);
        }
        s.body = 0;
        s
    }

    /// Each cell's lines centred in the row's height, aligned in the column.
    fn row(&mut self, t: &Table, row: &Row) {
        let h = row.height();
        let mut cx = self.x;
        for (i, lines) in row.cells.iter().enumerate() {
            let w = t.columns[i];
            let align = if row.header {
                Align::Center
            } else {
                t.align.get(i).copied().unwrap_or(Align::None)
            };
            let y0 = self.y + (h - lines.len() as f32 * LEADING) / 2.0;
            for (k, line) in lines.iter().enumerate() {
                let shift = match align {
                    Align::Center => (w - line.width) / 2.0,
                    Align::Right => w - line.width,
                    Align::None | Align::Left => 0.0,
                };
                let baseline = y0 + k as f32 * LEADING + (LEADING - SIZE) / 2.0 + ASCENT * SIZE;
                self.page
                    .line(line, cx + PAD_X + shift, baseline, SIZE, Colour::BLACK);
            }
            cx += w + 2.0 * PAD_X;
        }
        self.y += h;
        self.rules.push(self.y);
        self.body += 1;
    }

    /// The rules: across at every row's edge, down at every column's edge;
    /// the frame a little heavier than the lines inside.
    fn finish(mut self, t: &Table) -> Vec<Mark> {
        let (x1, x2) = (self.x, self.x + t.width());
        let (top, bottom) = (self.rules[0], self.y);
        let last = self.rules.len() - 1;
        for (k, y) in self.rules.iter().enumerate() {
            let w = if k == 0 || k == last {
                OUTER_RULE
            } else {
                INNER_RULE
            };
            self.page
                .stroke(Stroke::across(x1, x2, *y, w, Colour::BLACK));
        }
        let mut cx = x1;
        for (i, c) in t.columns.iter().enumerate() {
            let w = if i == 0 { OUTER_RULE } else { INNER_RULE };
            self.page
                .stroke(Stroke::down(cx, top, bottom, w, Colour::BLACK));
            cx += c + 2.0 * PAD_X;
        }
        self.page
            .stroke(Stroke::down(x2, top, bottom, OUTER_RULE, Colour::BLACK));
        self.page.marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_grow_to_the_width_or_shrink_towards_their_minimum() {
        let w = fit_columns(&[10.0, 10.0], &[20.0, 60.0], 160.0).unwrap();
        assert!((w[0] - 40.0).abs() < 1e-3 && (w[1] - 120.0).abs() < 1e-3);
        // The narrow column keeps its natural width; the long one wraps.
        let w = fit_columns(&[10.0, 10.0], &[20.0, 60.0], 50.0).unwrap();
        assert!((w[0] - 20.0).abs() < 1e-3 && (w[1] - 30.0).abs() < 1e-3);
        // Two long columns share the room between their narrowest and natural widths.
        let w = fit_columns(&[10.0, 10.0], &[60.0, 100.0], 70.0).unwrap();
        assert!(
            (w[0] - 27.857).abs() < 1e-2 && (w[1] - 42.143).abs() < 1e-2,
            "{w:?}"
        );
        assert!(fit_columns(&[30.0, 30.0], &[40.0, 40.0], 50.0).is_none());
    }
}
