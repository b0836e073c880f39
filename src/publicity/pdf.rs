//! The printable list: A4 tables with the header row repeated on every
//! page, the title and period on page 1, "第 N 页 共 M 页" at the foot, in
//! the same fonts as the notice. Pages go to the writer as they are
//! finished: a list of 100,000 names is never held laid out.

use rayon::prelude::*;

use super::Publicity;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::pdf::writer::{Meta, PdfWriter};
use crate::render::pdf::{subset_error, PdfRenderer};
use crate::render::{all_or_problems, OutputFile, RenderContext, Renderer};
use crate::typeset::fonts::{FontSet, Role};
use crate::typeset::lines::{break_lines, single_line, Frame, Line, MissingGlyph, Style};
use crate::typeset::page::{Colour, Page, PageSink, Stroke, A4_H, MM};

const LEFT: f32 = 20.0 * MM;
const WIDTH: f32 = 170.0 * MM;
const TOP: f32 = 20.0 * MM;
const BOTTOM: f32 = A4_H - 22.0 * MM;
/// 五号 (10.5 pt) cells.
const SIZE: f32 = 10.5;
const LEADING: f32 = 14.0;
const PAD: f32 = 3.0;
const RULE: f32 = 0.5;

fn style(role: Role, size: f32) -> Style {
    Style {
        role,
        size,
        cell: Some(size),
    }
}

struct Table<'s> {
    widths: Vec<f32>,
    sink: &'s mut dyn PageSink,
    /// The page being filled; those before it are in the sink.
    page: Page,
    done: usize,
    y: f32,
}

impl Table<'_> {
    fn next_page(&mut self) {
        let full = std::mem::replace(&mut self.page, Page::a4());
        self.sink.page(full);
        self.done += 1;
    }

    fn text(&mut self, line: &Line, x: f32, top: f32, size: f32, k: usize) {
        let baseline = top + PAD + k as f32 * LEADING + 0.88 * size + (LEADING - size) / 2.0;
        self.page.line(line, x, baseline, size, Colour::BLACK);
    }

    /// One row of cells; starts a new page (with the header) when it does not fit.
    fn row(&mut self, cells: &[Vec<Line>], header: &[Vec<Line>]) {
        let height = |cells: &[Vec<Line>]| {
            cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * LEADING + 2.0 * PAD
        };
        let h = height(cells);
        if self.y + h > BOTTOM {
            self.next_page();
            self.y = TOP;
            self.draw(header, height(header));
        }
        self.draw(cells, h);
    }

    fn draw(&mut self, cells: &[Vec<Line>], h: f32) {
        let top = self.y;
        let mut x = LEFT;
        for (i, lines) in cells.iter().enumerate() {
            let w = if cells.len() == 1 {
                WIDTH
            } else {
                self.widths[i]
            };
            for (k, l) in lines.iter().enumerate() {
                self.text(l, x + PAD, top, SIZE, k);
            }
            let black = Colour::BLACK;
            self.page.stroke(Stroke::down(x, top, top + h, RULE, black));
            x += w;
        }
        let black = Colour::BLACK;
        let page = &mut self.page;
        page.stroke(Stroke::down(LEFT + WIDTH, top, top + h, RULE, black));
        page.stroke(Stroke::across(LEFT, LEFT + WIDTH, top, RULE, black));
        page.stroke(Stroke::across(LEFT, LEFT + WIDTH, top + h, RULE, black));
        self.y = top + h;
    }
}

/// Share `room` among columns: narrow columns get all they want, the
/// widest ones split what is left (water filling), so short cells never wrap.
/// Columns marked `keep` (masked IDs: a number must not break) get their
/// full width first.
fn fit_widths(want: &[f32], keep: &[bool], room: f32) -> Vec<f32> {
    let mut out = vec![0.0; want.len()];
    let mut left = room;
    for i in (0..want.len()).filter(|&i| keep[i]) {
        out[i] = want[i].min(left.max(0.0));
        left -= out[i];
    }
    let mut order: Vec<usize> = (0..want.len()).filter(|&i| !keep[i]).collect();
    order.sort_by(|&a, &b| want[a].total_cmp(&want[b]));
    let n = order.len();
    for (k, &i) in order.iter().enumerate() {
        let share = left / (n - k) as f32;
        out[i] = want[i].min(share);
        left -= out[i];
    }
    // Spread what nobody needed over all columns.
    let extra = left / want.len().max(1) as f32;
    out.iter().map(|w| w + extra).collect()
}

/// `list.pdf` of every 公示 list, in the build's fonts (those of the notice).
pub struct ListPdfRenderer<'a> {
    pub pdf: &'a PdfRenderer,
}

impl Renderer for ListPdfRenderer<'_> {
    fn name(&self) -> &'static str {
        "publicity pdf"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics> {
        let results: Vec<Result<OutputFile, Diagnostic>> = ctx
            .publicity
            .par_iter()
            .map(|p| self.list(ctx, p))
            .collect();
        all_or_problems(results)
    }
}

impl ListPdfRenderer<'_> {
    fn list(&self, ctx: &RenderContext, p: &Publicity) -> Result<OutputFile, Diagnostic> {
        // Each page is written as the layout finishes it.
        let mut w = PdfWriter::new(&self.pdf.fonts, None);
        layout(p, &self.pdf.fonts, &mut w).map_err(|MissingGlyph(c)| {
            crate::diag!(
                Error,
                "glyph-missing-list",
                char = c,
                code = format!("{:04X}", c as u32),
                category = &p.category,
                year = p.year.to_string()
            )
        })?;
        let year = ctx.site.years.iter().find(|y| y.year == p.year);
        let meta = Meta {
            title: &p.title,
            author: &ctx.site.config.authority.name,
            subject: Some(&p.category),
            date: year.map(|y| y.meta.date.start_instant()),
        };
        Ok(OutputFile {
            path: p.folder().join("list.pdf"),
            bytes: w.finish(&meta).map_err(subset_error)?,
        })
    }
}

/// Column widths: 序号 fixed, the others by their longest content (sampled).
fn column_widths(p: &Publicity) -> Vec<f32> {
    let mut want: Vec<f32> = p
        .columns
        .iter()
        .map(|c| c.header.chars().count() as f32 * SIZE)
        .collect();
    for (_, row) in p.rows().take(2000) {
        for (i, c) in row.iter().enumerate() {
            let w = c
                .chars()
                .map(|ch| if (ch as u32) < 0x2000 { 0.55 } else { 1.0 })
                .sum::<f32>()
                * SIZE;
            want[i] = want[i].max(w);
        }
    }
    let serial_w = 3.0 * SIZE + 2.0 * PAD;
    let mut widths = vec![serial_w];
    let keep: Vec<bool> = p.columns.iter().map(|c| c.key == "id_masked").collect();
    let padded: Vec<f32> = want.iter().map(|w| w + 2.0 * PAD).collect();
    widths.extend(fit_widths(&padded, &keep, WIDTH - serial_w));
    widths
}

/// Page 1: title, period and count above the table; returns where the table starts.
fn first_page(p: &Publicity, fonts: &FontSet, page: &mut Page) -> Result<f32, MissingGlyph> {
    let title_size = 16.0;
    let title = single_line(&p.title, style(Role::Title, title_size), fonts)?;
    let tx = LEFT + ((WIDTH - title.width) / 2.0).max(0.0);
    page.line(&title, tx, TOP + title_size, title_size, Colour::BLACK);
    let info = format!(
        "公示期：{}至{}（{}）　共{}人",
        p.start, p.end, p.length, p.count
    );
    let body = style(Role::Body, SIZE);
    for (k, l) in break_lines(&info, Frame::justified(WIDTH), body, fonts)?
        .iter()
        .enumerate()
    {
        let baseline = TOP + title_size + 12.0 + (k + 1) as f32 * LEADING;
        page.line(l, LEFT, baseline, SIZE, Colour::BLACK);
    }
    Ok(TOP + title_size + 12.0 + 2.0 * LEADING + 6.0)
}

/// Lay out one category's list, handing each page to `sink` when it is full.
pub fn layout(p: &Publicity, fonts: &FontSet, sink: &mut dyn PageSink) -> Result<(), MissingGlyph> {
    let body = style(Role::Body, SIZE);
    let head = style(Role::Heading1, SIZE);
    let widths = column_widths(p);
    let cell = |text: &str, w: f32, st: Style| {
        break_lines(text, Frame::justified(w - 2.0 * PAD), st, fonts)
    };
    let mut header = vec![cell("序号", widths[0], head)?];
    for (i, c) in p.columns.iter().enumerate() {
        header.push(cell(&c.header, widths[i + 1], head)?);
    }

    let mut t = Table {
        widths: widths.clone(),
        sink,
        page: Page::a4(),
        done: 0,
        y: TOP,
    };
    t.y = first_page(p, fonts, &mut t.page)?;
    t.draw(
        &header,
        header.iter().map(Vec::len).max().unwrap_or(1) as f32 * LEADING + 2.0 * PAD,
    );

    let mut serial = 0;
    for g in &p.groups {
        let group = vec![cell(&g.college, WIDTH, head)?];
        t.row(&group, &header);
        for r in &g.rows {
            serial += 1;
            let mut cells = vec![cell(&serial.to_string(), widths[0], body)?];
            for (i, c) in r.iter().enumerate() {
                cells.push(cell(c, widths[i + 1], body)?);
            }
            t.row(&cells, &header);
        }
    }
    t.next_page();
    // Page numbers once the count is known.
    let n = t.done;
    for i in 0..n {
        let line = single_line(&format!("第 {} 页 共 {n} 页", i + 1), body, fonts)?;
        let x = LEFT + (WIDTH - line.width) / 2.0;
        let mut foot = Page::a4();
        foot.line(&line, x, BOTTOM + 12.0 * MM, SIZE, Colour::BLACK);
        t.sink.amend(i, foot.marks);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::fit_widths;

    #[test]
    fn narrow_columns_keep_their_width() {
        let w = fit_widths(&[30.0, 20.0, 300.0, 200.0], &[false; 4], 400.0);
        assert_eq!(&w[..2], &[30.0, 20.0]);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01);
        assert!((w[2] - 175.0).abs() < 0.01 && (w[3] - 175.0).abs() < 0.01);
        let roomy = fit_widths(&[10.0, 10.0], &[false; 2], 100.0);
        assert_eq!(roomy, vec![50.0, 50.0]);
        let kept = fit_widths(
            &[30.0, 120.0, 300.0, 200.0],
            &[false, true, false, false],
            400.0,
        );
        assert_eq!(kept[1], 120.0);
    }
}
