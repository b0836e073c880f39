//! Page composition to GB/T 9704-2012: A4, 37/28/26/35 mm margins, body on
//! a grid of 22 lines × 28 characters in 3号 FangSong, red header and rule,
//! 发文字号, balanced title, numbered headings, signature and date, 附注,
//! attachments on new pages, 版记 at the foot of the last page, and page
//! numbers "— N —" alternating sides.

use crate::doc::{Block, Notice};
use crate::typeset::fonts::{FontSet, Role};
use crate::typeset::lines::{break_lines, measure, single_line, Frame, Line, MissingGlyph, Style};
use crate::typeset::page::{Colour, Page, Stroke, MM};
use crate::typeset::table::Cells;

use super::table::Placement;

pub const TOP: f32 = 37.0 * MM;
pub const LEFT: f32 = 28.0 * MM;
pub const TEXT_W: f32 = 156.0 * MM;
pub const TEXT_H: f32 = 225.0 * MM;
pub const LINES: usize = 22;
pub const CHARS: usize = 28;
pub const PITCH: f32 = TEXT_H / LINES as f32;
pub const CELL: f32 = TEXT_W / CHARS as f32;
/// 3号, 2号 and 4号 in pt.
pub const SIZE_3: f32 = 16.0;
pub const SIZE_2: f32 = 22.0;
pub const SIZE_4: f32 = 14.0;
/// Share of the em above the baseline in CJK faces (ideographic em box).
const ASCENT: f32 = 0.88;

/// A character no font of its role has, with where it occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutError {
    pub c: char,
    pub role: Role,
    pub context: String,
}

/// Baseline of grid line `k` (0-based) for text of `size`: centred in the row.
pub fn grid_baseline(k: usize, size: f32) -> f32 {
    TOP + k as f32 * PITCH + (PITCH - size) / 2.0 + ASCENT * size
}

pub struct Composer<'a> {
    fonts: &'a FontSet,
    pages: Vec<Page>,
    /// Next free grid line on the current page.
    line: usize,
    /// Pages that carry no page number (a 版记 page standing alone).
    unnumbered: Vec<usize>,
    context: String,
    red: Colour,
}

fn style(role: Role, size: f32) -> Style {
    Style {
        role,
        size,
        cell: Some(if (size - SIZE_3).abs() < 0.01 {
            CELL
        } else {
            size
        }),
    }
}

impl<'a> Composer<'a> {
    fn new(fonts: &'a FontSet, red: Colour) -> Self {
        Composer {
            fonts,
            red,
            pages: vec![Page::a4()],
            line: 0,
            unnumbered: Vec::new(),
            context: String::new(),
        }
    }

    fn err(&self, role: Role) -> impl Fn(MissingGlyph) -> LayoutError + '_ {
        move |MissingGlyph(c)| LayoutError {
            c,
            role,
            context: self.context.clone(),
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::a4());
        self.line = 0;
    }

    /// Pages of a landscape table (after the current page), and body text
    /// going on from a new portrait page.
    fn landscape_pages(&mut self, pages: Vec<Page>) {
        self.pages.extend(pages);
        self.line = LINES;
    }

    /// Start a new page unless `n` lines still fit on this one.
    fn keep(&mut self, n: usize) {
        if self.line + n > LINES {
            self.new_page();
        }
    }

    fn put(&mut self, line: Line, x: f32, baseline: f32, size: f32, ink: Colour) {
        self.page().line(&line, x, baseline, size, ink);
    }

    /// Place lines on consecutive grid lines, breaking pages as needed.
    fn put_grid(&mut self, lines: Vec<Line>, size: f32) {
        for l in lines {
            if self.line >= LINES {
                self.new_page();
            }
            let baseline = grid_baseline(self.line, size);
            self.put(l, LEFT, baseline, size, Colour::BLACK);
            self.line += 1;
        }
    }

    /// A paragraph on the grid: first line indented `first` cells, the rest `rest` cells.
    fn text(&mut self, text: &str, role: Role, first: f32, rest: f32) -> Result<(), LayoutError> {
        let frame = Frame {
            width: TEXT_W,
            first: first * CELL,
            rest: rest * CELL,
            justify: true,
        };
        let lines =
            break_lines(text, frame, style(role, SIZE_3), self.fonts).map_err(self.err(role))?;
        self.put_grid(lines, SIZE_3);
        Ok(())
    }

    /// A single line centred in the text area at `baseline`.
    fn centred(
        &mut self,
        text: &str,
        role: Role,
        size: f32,
        baseline: f32,
        ink: Colour,
    ) -> Result<(), LayoutError> {
        let st = style(role, size);
        let line = single_line(text, st, self.fonts).map_err(self.err(role))?;
        let x = LEFT + (TEXT_W - line.width) / 2.0;
        self.put(line, x, baseline, size, ink);
        Ok(())
    }

    fn blocks(&mut self, blocks: &[Block]) -> Result<(), LayoutError> {
        for b in blocks {
            match b {
                Block::Heading {
                    level,
                    number,
                    text,
                    ..
                } => {
                    self.context = crate::t!("where-heading", text = format!("{number}{text}"));
                    let role = match level {
                        1 => Role::Heading1,
                        2 => Role::Heading2,
                        _ => Role::Body,
                    };
                    // A heading never stands alone at the foot of a page.
                    self.keep(2);
                    self.text(&format!("{number}{text}"), role, 2.0, 0.0)?;
                }
                Block::Paragraph { text } => {
                    self.context = crate::t!("where-paragraph", text = excerpt(text));
                    self.text(text, Role::Body, 2.0, 0.0)?;
                }
                Block::Item { marker, text } => {
                    self.context = crate::t!("where-item", text = excerpt(text));
                    self.text(&format!("{marker}{text}"), Role::Body, 2.0, 0.0)?;
                }
                Block::Table {
                    caption,
                    align,
                    head,
                    rows,
                    ..
                } => {
                    let cells = Cells { align, head, rows };
                    self.table(caption.as_deref(), &cells)?;
                }
            }
        }
        Ok(())
    }

    /// A table: its caption centred on the grid above it, kept with the
    /// header and first row; after it, text goes on at the next grid line.
    fn table(&mut self, caption: Option<&str>, cells: &Cells) -> Result<(), LayoutError> {
        self.context = match caption {
            Some(c) => crate::t!("where-table", text = excerpt(c)),
            None => crate::t!("where-a-table"),
        };
        let placed =
            super::table::plan(cells, self.fonts).map_err(|(e, role)| self.err(role)(e))?;
        let caption =
            super::table::caption(caption, self.fonts).map_err(self.err(Role::Heading1))?;
        let rows = caption.len();
        match placed {
            Placement::Portrait(t) => {
                let start = |line: usize| TOP + (line + rows) as f32 * PITCH;
                if self.line > 0 && start(self.line) + t.opening(TEXT_H) > TOP + TEXT_H {
                    self.new_page();
                }
                let caption_top = TOP + self.line as f32 * PITCH;
                super::table::put_caption(self.page(), caption, LEFT, TEXT_W, caption_top);
                let x = LEFT + (TEXT_W - t.width()) / 2.0;
                let (pages, end) = t.paginate(x, start(self.line), TOP, TOP + TEXT_H);
                for (i, marks) in pages.into_iter().enumerate() {
                    if i > 0 {
                        self.new_page();
                    }
                    self.page().marks.extend(marks);
                }
                self.line = ((end - TOP) / PITCH - 0.01).ceil().max(0.0) as usize;
            }
            Placement::Landscape(t) => {
                let pages = super::table::landscape(&t, caption);
                self.landscape_pages(pages);
            }
        }
        Ok(())
    }

    /// 份号, 密级, 紧急程度, red header, 发文字号, red rule, title, addressee.
    fn head(&mut self, n: &Notice, red_rule: f32) -> Result<(), LayoutError> {
        self.context = crate::t!("where-head");
        let marks = [&n.copy_number, &n.classification, &n.urgency];
        for (k, m) in marks.iter().enumerate() {
            if let Some(m) = m {
                let role = if k == 0 { Role::Body } else { Role::Heading1 };
                let l = single_line(m, style(role, SIZE_3), self.fonts).map_err(self.err(role))?;
                self.put(l, LEFT, grid_baseline(k, SIZE_3), SIZE_3, Colour::BLACK);
            }
        }
        // Red header: top edge 35 mm below the text area, as large as fits (22-52 pt).
        let probe = measure(&n.header, style(Role::Title, 10.0), self.fonts)
            .map_err(self.err(Role::Title))?;
        let size = (TEXT_W / probe.max(1.0) * 10.0 * 0.98).clamp(22.0, 52.0);
        let header_top = TOP + 35.0 * MM;
        self.centred(
            &n.header,
            Role::Title,
            size,
            header_top + ASCENT * size,
            self.red,
        )?;
        // 发文字号 two blank lines below the header, on the grid.
        let header_line = ((header_top + size - TOP) / PITCH).ceil() as usize;
        let number_line = header_line + 2;
        self.centred(
            &n.number,
            Role::Body,
            SIZE_3,
            grid_baseline(number_line, SIZE_3),
            Colour::BLACK,
        )?;
        // Red rule 4 mm below the 发文字号.
        let rule_y = grid_baseline(number_line, SIZE_3) + (1.0 - ASCENT) * SIZE_3 + 4.0 * MM;
        let red = self.red;
        self.page()
            .stroke(Stroke::across(LEFT, LEFT + TEXT_W, rule_y, red_rule, red));
        // Title two blank lines below the rule, in a balanced shape.
        self.line = ((rule_y - TOP) / PITCH).ceil() as usize + 2;
        self.context = crate::t!("where-title");
        for l in &n.title_lines {
            let b = grid_baseline(self.line, SIZE_2);
            self.centred(l, Role::Title, SIZE_2, b, Colour::BLACK)?;
            self.line += 1;
        }
        self.line += 1;
        self.context = crate::t!("where-addressee");
        self.text(&n.addressee, Role::Body, 0.0, 0.0)
    }

    /// 附件说明, signature, date and 附注.
    fn close(&mut self, n: &Notice) -> Result<(), LayoutError> {
        if !n.attachment_list.is_empty() {
            self.context = crate::t!("where-attachment-list");
            self.line += 1;
            let label = "附件：";
            let label_w = measure(label, style(Role::Body, SIZE_3), self.fonts)
                .map_err(self.err(Role::Body))?;
            for (i, item) in n.attachment_list.iter().enumerate() {
                let num_w = match item.split_once('.') {
                    Some((num, _)) if n.attachment_list.len() > 1 => {
                        measure(&format!("{num}."), style(Role::Body, SIZE_3), self.fonts)
                            .map_err(self.err(Role::Body))?
                    }
                    _ => 0.0,
                };
                let lead = 2.0 * CELL + label_w;
                let text = if i == 0 {
                    format!("{label}{item}")
                } else {
                    item.clone()
                };
                let first = if i == 0 { 2.0 * CELL } else { lead };
                let frame = Frame {
                    width: TEXT_W,
                    first,
                    rest: lead + num_w,
                    justify: true,
                };
                let lines = break_lines(&text, frame, style(Role::Body, SIZE_3), self.fonts)
                    .map_err(self.err(Role::Body))?;
                self.put_grid(lines, SIZE_3);
            }
        }
        // Signature one blank line below, two cells from the right; the date on the
        // next line starts two cells right of the signature's start, and keeps four
        // cells from the right edge when it is the longer of the two.
        self.context = crate::t!("where-signature");
        self.line += 1;
        self.keep(2 + usize::from(n.note.is_some()));
        let st = style(Role::Body, SIZE_3);
        let sig = single_line(&n.signature, st, self.fonts).map_err(self.err(Role::Body))?;
        let date = single_line(&n.date, st, self.fonts).map_err(self.err(Role::Body))?;
        let right = LEFT + TEXT_W;
        let (sig_x, date_x) = if date.width > sig.width + 0.01 {
            let date_x = right - 4.0 * CELL - date.width;
            (date_x - 2.0 * CELL, date_x)
        } else {
            let sig_x = right - 2.0 * CELL - sig.width;
            (sig_x, sig_x + 2.0 * CELL)
        };
        let b = grid_baseline(self.line, SIZE_3);
        self.put(sig, sig_x, b, SIZE_3, Colour::BLACK);
        let b = grid_baseline(self.line + 1, SIZE_3);
        self.put(date, date_x, b, SIZE_3, Colour::BLACK);
        self.line += 2;
        if let Some(note) = &n.note {
            self.context = crate::t!("where-note");
            self.text(&format!("（{note}）"), Role::Body, 2.0, 0.0)?;
        }
        Ok(())
    }

    /// Each attachment on a new page: 附件N top left in 黑体, title on line 3.
    fn attachments(&mut self, n: &Notice) -> Result<(), LayoutError> {
        for a in &n.attachments {
            self.new_page();
            self.context = crate::t!("where-attachment-label", label = &a.label);
            self.text(&a.label, Role::Heading1, 0.0, 0.0)?;
            self.line = 2;
            self.context = crate::t!("where-attachment-title", label = &a.label);
            for l in &a.title_lines {
                let b = grid_baseline(self.line, SIZE_2);
                self.centred(l, Role::Title, SIZE_2, b, Colour::BLACK)?;
                self.line += 1;
            }
            self.line += 1;
            self.blocks(&a.body)?;
        }
        Ok(())
    }

    /// 版记 at the foot of the last page: rules 0.35/0.25/0.35 mm, 4号 FangSong,
    /// its last rule on the bottom edge of the text area.
    fn imprint(&mut self, n: &Notice) -> Result<(), LayoutError> {
        let Some(im) = &n.imprint else { return Ok(()) };
        self.context = crate::t!("where-imprint");
        let st = style(Role::Body, SIZE_4);
        let inner = TEXT_W - 2.0 * SIZE_4;
        let copy_lines = match &im.copy_to {
            Some(c) => {
                let label_w = measure("抄送：", st, self.fonts).map_err(self.err(Role::Body))?;
                let frame = Frame {
                    width: inner,
                    first: 0.0,
                    rest: label_w,
                    justify: true,
                };
                break_lines(c, frame, st, self.fonts).map_err(self.err(Role::Body))?
            }
            None => Vec::new(),
        };
        let rows = copy_lines.len() + 1;
        if self.line + rows + 1 > LINES {
            self.new_page();
            self.unnumbered.push(self.pages.len() - 1);
        }
        let first_row = LINES - rows;
        let row_top = |k: usize| TOP + k as f32 * PITCH;
        let thick = 0.35 * MM;
        let thin = 0.25 * MM;
        let mut rules: Vec<Stroke> = vec![Stroke::across(
            LEFT,
            LEFT + TEXT_W,
            row_top(first_row),
            thick,
            Colour::BLACK,
        )];
        for (k, l) in copy_lines.into_iter().enumerate() {
            self.put(
                l,
                LEFT + SIZE_4,
                grid_baseline(first_row + k, SIZE_4),
                SIZE_4,
                Colour::BLACK,
            );
        }
        if im.copy_to.is_some() {
            rules.push(Stroke::across(
                LEFT,
                LEFT + TEXT_W,
                row_top(LINES - 1),
                thin,
                Colour::BLACK,
            ));
        }
        let issuer = single_line(&im.issuer, st, self.fonts).map_err(self.err(Role::Body))?;
        let date = single_line(&im.date, st, self.fonts).map_err(self.err(Role::Body))?;
        let b = grid_baseline(LINES - 1, SIZE_4);
        self.put(issuer, LEFT + SIZE_4, b, SIZE_4, Colour::BLACK);
        let dx = LEFT + TEXT_W - SIZE_4 - date.width;
        self.put(date, dx, b, SIZE_4, Colour::BLACK);
        rules.push(Stroke::across(
            LEFT,
            LEFT + TEXT_W,
            TOP + TEXT_H,
            thick,
            Colour::BLACK,
        ));
        for r in rules {
            self.page().stroke(r);
        }
        self.line = LINES;
        Ok(())
    }

    /// "— N —" in 4号 宋体 7 mm below the text area: odd pages one character from
    /// the right edge, even pages one character from the left.
    fn page_numbers(&mut self) -> Result<(), LayoutError> {
        self.context = crate::t!("where-page-numbers");
        let st = style(Role::PageNumber, SIZE_4);
        let baseline = TOP + TEXT_H + 7.0 * MM + ASCENT * SIZE_4;
        for i in 0..self.pages.len() {
            if self.unnumbered.contains(&i) {
                continue;
            }
            let n = i + 1;
            let line = single_line(&format!("— {n} —"), st, self.fonts)
                .map_err(self.err(Role::PageNumber))?;
            let x = if n % 2 == 1 {
                LEFT + TEXT_W - SIZE_4 - line.width
            } else {
                LEFT + SIZE_4
            };
            let page = &mut self.pages[i];
            if page.width > page.height {
                // Where it is on the sheet held upright, like every other page's.
                let (px, py) = super::table::upright(x, baseline, page.width);
                page.turned_line(&line, px, py, SIZE_4, Colour::BLACK);
            } else {
                page.line(&line, x, baseline, SIZE_4, Colour::BLACK);
            }
        }
        Ok(())
    }
}

fn excerpt(text: &str) -> String {
    let mut s: String = text.chars().take(16).collect();
    if text.chars().count() > 16 {
        s.push('…');
    }
    s
}

/// Lay out a whole notice into pages.
pub fn compose(
    n: &Notice,
    fonts: &FontSet,
    red_rule: f32,
    red: Colour,
) -> Result<Vec<Page>, LayoutError> {
    let mut c = Composer::new(fonts, red);
    c.head(n, red_rule)?;
    c.blocks(&n.body)?;
    c.close(n)?;
    c.attachments(n)?;
    c.imprint(n)?;
    c.page_numbers()?;
    Ok(c.pages)
}
