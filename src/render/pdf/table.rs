//! Where a table of the GB/T 9704 notice goes: inside the 156 mm text area
//! when its columns' narrowest widths fit there, else on landscape pages
//! (横排表格, GB/T 9704-2012 §10.1). A landscape page is A4 turned: the
//! sheet's text area seen sideways, 225 mm wide and 156 mm high, its top
//! edge on the sheet's binding edge (the header toward the binding on odd
//! pages, toward the fore-edge on even ones, as the standard says), and
//! the page number where it is on every other sheet, so turned.

use crate::diag::Diagnostic;
use crate::doc::{Block, Notice};
use crate::typeset::fonts::{FontSet, Role};
use crate::typeset::lines::{break_lines, Frame, Line, MissingGlyph, Style};
use crate::typeset::page::{Colour, Page, A4_H, A4_W, MM};
use crate::typeset::table::{extents, fit_columns, outer_width, room, CellError, Cells, Table};

use super::gongwen::{grid_baseline, CELL, LEFT, PITCH, SIZE_3, TEXT_H, TEXT_W, TOP};

/// The landscape text area: the portrait one seen with the sheet turned a
/// quarter clockwise (the sheet's left edge on top).
pub const LAND_LEFT: f32 = A4_H - TOP - TEXT_H;
pub const LAND_TOP: f32 = LEFT;
pub const LAND_W: f32 = TEXT_H;
pub const LAND_H: f32 = TEXT_W;

/// A point of the sheet held upright as it is on the landscape page.
pub fn upright(x: f32, y: f32, landscape_width: f32) -> (f32, f32) {
    (landscape_width - y, x)
}

/// A caption in 3号 黑体, broken to the text area's width.
pub fn caption(text: Option<&str>, fonts: &FontSet) -> Result<Vec<Line>, MissingGlyph> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    let style = Style {
        role: Role::Heading1,
        size: SIZE_3,
        cell: Some(CELL),
    };
    let frame = Frame {
        justify: false,
        ..Frame::justified(TEXT_W)
    };
    break_lines(text, frame, style, fonts)
}

/// Caption lines centred across `w` from `x`, on grid lines from `top`.
pub fn put_caption(page: &mut Page, lines: Vec<Line>, x: f32, w: f32, top: f32) {
    for (k, l) in lines.into_iter().enumerate() {
        let baseline = grid_baseline(k, SIZE_3) - TOP + top;
        page.line(&l, x + (w - l.width) / 2.0, baseline, SIZE_3, Colour::BLACK);
    }
}

/// The landscape pages of a table, its caption at the head of the first.
pub fn landscape(t: &Table, caption: Vec<Line>) -> Vec<Page> {
    let x = LAND_LEFT + (LAND_W - t.width()) / 2.0;
    let y = LAND_TOP + caption.len() as f32 * PITCH;
    let (parts, _) = t.paginate(x, y, LAND_TOP, LAND_TOP + LAND_H);
    let mut pages: Vec<Page> = parts
        .into_iter()
        .map(|marks| Page {
            marks,
            ..Page::new(A4_H, A4_W)
        })
        .collect();
    // The caption is drawn first: text is read in the order it is drawn.
    if let Some(first) = pages.first_mut() {
        let mut head = Page::new(A4_H, A4_W);
        put_caption(&mut head, caption, LAND_LEFT, LAND_W, LAND_TOP);
        head.marks.append(&mut first.marks);
        *first = head;
    }
    pages
}

pub enum Placement {
    Portrait(Table),
    Landscape(Table),
}

/// Portrait when the narrowest columns fit 156 mm, landscape when they fit
/// 225 mm; wider tables are refused before layout (see [`too_wide`]) and
/// set at their narrowest here.
pub fn plan(cells: &Cells, fonts: &FontSet) -> Result<Placement, CellError> {
    let (min, max) = extents(cells, fonts)?;
    let n = min.len();
    if let Some(cols) = fit_columns(&min, &max, room(TEXT_W, n)) {
        return Ok(Placement::Portrait(Table::new(cells, cols, fonts)?));
    }
    let cols = fit_columns(&min, &max, room(LAND_W, n)).unwrap_or(min);
    Ok(Placement::Landscape(Table::new(cells, cols, fonts)?))
}

/// The first table of a notice too wide even for a landscape page, at the
/// place it is written.
pub fn too_wide(n: &Notice, fonts: &FontSet) -> Option<Diagnostic> {
    let blocks = n
        .body
        .iter()
        .chain(n.attachments.iter().flat_map(|a| &a.body));
    blocks.into_iter().find_map(|b| {
        let Block::Table {
            align,
            head,
            rows,
            origin,
            ..
        } = b
        else {
            return None;
        };
        // A missing glyph is reported by the layout, with its role.
        let (min, _) = extents(&Cells { align, head, rows }, fonts).ok()?;
        let need = outer_width(&min);
        if need <= LAND_W + 0.01 {
            return None;
        }
        let d = crate::diag!(
            Error,
            "table-too-wide",
            need = format!("{:.0}", need / MM),
            year = n.year,
            page = format!("{:.0}", LAND_W / MM)
        );
        Some(match origin {
            Some(o) => o.locate(d),
            None => d,
        })
    })
}
