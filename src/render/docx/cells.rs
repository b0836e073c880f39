//! The notice's own tables in Word: a ruled `w:tbl` with the header rows
//! repeated on every page (`w:tblHeader`), rows never split, column widths
//! from the cells' content by the same rule as the PDF, the caption above
//! in 表格标题, and a landscape section for a table too wide for the
//! upright text area, as the PDF turns it.

use super::page::{mm, section_props, text_w};
use super::styles::{TABLE_CAPTION, TABLE_CELL, TABLE_HEAD, TABLE_PT};
use super::table::{Cell, Rules, Table};
use super::xml::{para, run, Border, ParaProps, RunProps};
use crate::doc::Align;
use crate::typeset::table::fit_columns;

/// Cell padding left and right: 1.5 mm, as in the PDF.
fn padding() -> i32 {
    mm(1.5)
}

/// Estimated width in twips of a character in a cell: a CJK character a
/// full 4号 em, a Latin letter or digit half of one.
fn char_w(c: char) -> f32 {
    TABLE_PT * 20.0 * if (c as u32) < 0x2000 { 0.5 } else { 1.0 }
}

/// Narrowest width (its widest word or number, or two characters) and
/// natural width of a cell's text, in twips.
fn extent(text: &str) -> (f32, f32) {
    let (mut word, mut natural) = (0.0f32, 0.0f32);
    for line in text.split('\n') {
        let mut run = 0.0f32;
        for c in line.chars() {
            if c.is_ascii_alphanumeric() {
                run += char_w(c);
            } else {
                word = word.max(run).max(char_w(c));
                run = 0.0;
            }
        }
        word = word.max(run);
        natural = natural.max(line.chars().map(char_w).sum());
    }
    // Slack for the rules and rounding: a column exactly as wide as its
    // text breaks its last character off in LibreOffice.
    let slack = 40.0;
    (
        word.max((2.0 * TABLE_PT * 20.0).min(natural)) + slack,
        natural + slack,
    )
}

/// Content widths of the columns, and whether the table goes on a
/// landscape page: only when its narrowest columns overflow 156 mm.
fn columns(head: &[Vec<String>], rows: &[Vec<String>], n: usize) -> (Vec<f32>, bool) {
    let (mut min, mut max) = (vec![0.0f32; n], vec![0.0f32; n]);
    for row in head.iter().chain(rows) {
        for (i, text) in row.iter().enumerate().take(n) {
            let (a, b) = extent(text);
            min[i] = min[i].max(a);
            max[i] = max[i].max(b);
        }
    }
    let pads = (n as i32 * 2 * padding()) as f32;
    if let Some(c) = fit_columns(&min, &max, text_w() as f32 - pads) {
        return (c, false);
    }
    let c = fit_columns(&min, &max, mm(225.0) as f32 - pads).unwrap_or(min);
    (c, true)
}

fn cell(text: &str, style: &'static str, jc: &'static str) -> Cell {
    let props = ParaProps {
        jc: Some(jc),
        ..ParaProps::style(style)
    };
    Cell {
        paragraphs: para(&props, &run(text, &RunProps::default())),
        span: 1,
    }
}

/// A table of the notice as the composed document holds it.
pub struct Cells<'a> {
    pub caption: Option<&'a str>,
    pub align: &'a [Align],
    pub head: &'a [Vec<String>],
    pub rows: &'a [Vec<String>],
}

/// The table (with its caption) as body XML, and whether it is in a
/// landscape section; `after_landscape` when the block before was one, so
/// that two turned tables share no empty upright section between them.
pub fn table(t: &Cells, after_landscape: bool) -> (String, bool) {
    let Cells {
        caption,
        align,
        head,
        rows,
    } = *t;
    let n = align.len();
    let (widths, landscape) = columns(head, rows, n);
    let line = |sz| {
        Some(Border {
            sz,
            space: 0,
            color: "000000".into(),
        })
    };
    let mut grid = Vec::with_capacity(head.len() + rows.len());
    for r in head {
        grid.push(r.iter().map(|t| cell(t, TABLE_HEAD, "center")).collect());
    }
    for r in rows {
        let cells = r.iter().zip(align).map(|(t, a)| {
            let jc = match a {
                Align::Center => "center",
                Align::Right => "right",
                Align::None | Align::Left => "left",
            };
            cell(t, TABLE_CELL, jc)
        });
        grid.push(cells.collect());
    }
    let table = Table {
        columns: widths
            .iter()
            .map(|w| w.round() as i32 + 2 * padding())
            .collect(),
        rules: Rules {
            top: line(6),
            inside: line(4),
            bottom: line(6),
            vertical: line(4),
        },
        at_foot: None,
        padding: padding(),
        header_rows: head.len(),
        v_centre: true,
        rows: grid,
    };
    let mut s = String::new();
    // A section ends at the paragraph carrying its properties: the upright
    // one before the table, the landscape one holding it.
    let section_end = |landscape| format!("<w:p><w:pPr>{}</w:pPr></w:p>", section_props(landscape));
    if landscape && !after_landscape {
        s.push_str(&section_end(false));
    }
    if let Some(c) = caption {
        s.push_str(&para(
            &ParaProps::style(TABLE_CAPTION),
            &run(c, &RunProps::default()),
        ));
    }
    s.push_str(&table.xml());
    if landscape {
        s.push_str(&section_end(true));
    }
    (s, landscape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_together_and_wide_tables_turn() {
        assert_eq!(extent("ab12，中"), (600.0, 1160.0));
        let wide = vec![vec!["1234567890123456789012345".to_string(); 5]];
        assert!(columns(&[], &wide, 5).1);
        let narrow = vec![vec!["报名".to_string(); 5]];
        assert!(!columns(&[], &narrow, 5).1);
    }
}
