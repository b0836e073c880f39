//! Word tables (`w:tbl`): columns of fixed widths, rows of cells holding
//! paragraphs, horizontal rules, and optionally anchored to the foot of
//! the text area (the 版记). The notice's own tables are the same structure.

use std::fmt::Write;

use super::xml::Border;

/// Rules between and around rows; the sides stay open, as in 公文 tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub top: Option<Border>,
    pub inside: Option<Border>,
    pub bottom: Option<Border>,
    /// Vertical rules between and beside cells.
    pub vertical: Option<Border>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Written paragraphs (a cell holds at least one).
    pub paragraphs: String,
    /// Columns spanned.
    pub span: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column widths in twips.
    pub columns: Vec<i32>,
    pub rules: Rules,
    /// Anchored with its bottom on the text area's bottom edge, this far
    /// from the page's left edge, on the page of the paragraph that follows
    /// it (a floating table, not a text box). Placed from the page edge:
    /// LibreOffice 7.4 floats a table as wide as the text area only then.
    pub at_foot: Option<i32>,
    /// Cell padding left and right, in twips.
    pub padding: i32,
    /// Leading rows that Word repeats at the top of each page the table spans.
    pub header_rows: usize,
    /// Cell text centred in the row's height.
    pub v_centre: bool,
    pub rows: Vec<Vec<Cell>>,
}

fn borders(r: &Rules) -> String {
    let side = |name: &str, b: &Option<Border>| match b {
        Some(b) => b.xml(name),
        None => format!(r#"<w:{name} w:val="nil"/>"#),
    };
    format!(
        "<w:tblBorders>{}{}{}{}{}{}</w:tblBorders>",
        side("top", &r.top),
        side("left", &r.vertical),
        side("bottom", &r.bottom),
        side("right", &r.vertical),
        side("insideH", &r.inside),
        side("insideV", &r.vertical),
    )
}

impl Table {
    pub fn xml(&self) -> String {
        let width: i32 = self.columns.iter().sum();
        let mut s = String::from("<w:tbl><w:tblPr>");
        if let Some(x) = self.at_foot {
            let _ = write!(
                s,
                concat!(
                    r#"<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" "#,
                    r#"w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{}" w:tblpYSpec="bottom"/>"#,
                    r#"<w:tblOverlap w:val="never"/>"#
                ),
                x
            );
        }
        let _ = write!(
            s,
            r#"<w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>{}<w:tblLayout w:type="fixed"/>"#,
            borders(&self.rules)
        );
        let p = self.padding;
        let _ = write!(
            s,
            r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{p}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{p}" w:type="dxa"/></w:tblCellMar>"#
        );
        s.push_str(r#"<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#);
        for c in &self.columns {
            let _ = write!(s, r#"<w:gridCol w:w="{c}"/>"#);
        }
        s.push_str("</w:tblGrid>");
        let v_align = if self.v_centre {
            r#"<w:vAlign w:val="center"/>"#
        } else {
            ""
        };
        for (r, row) in self.rows.iter().enumerate() {
            let repeat = if r < self.header_rows {
                "<w:tblHeader/>"
            } else {
                ""
            };
            let _ = write!(s, "<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>");
            let mut col = 0usize;
            for cell in row {
                let span = cell.span.max(1) as usize;
                let w: i32 = self.columns.iter().skip(col).take(span).sum();
                col += span;
                let grid_span = if span > 1 {
                    format!(r#"<w:gridSpan w:val="{span}"/>"#)
                } else {
                    String::new()
                };
                let _ = write!(
                    s,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{grid_span}{v_align}</w:tcPr>{}</w:tc>"#,
                    cell.paragraphs
                );
            }
            s.push_str("</w:tr>");
        }
        s.push_str("</w:tbl>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_sum_their_columns_and_open_sides_are_nil() {
        let t = Table {
            columns: vec![100, 200, 300],
            rows: vec![vec![
                Cell {
                    paragraphs: "<w:p/>".into(),
                    span: 2,
                },
                Cell {
                    paragraphs: "<w:p/>".into(),
                    span: 1,
                },
            ]],
            ..Default::default()
        };
        let x = t.xml();
        assert!(x.contains(r#"<w:tcW w:w="300" w:type="dxa"/><w:gridSpan w:val="2"/>"#));
        assert!(x.contains(r#"<w:left w:val="nil"/>"#));
        assert!(!x.contains("tblpPr"));
    }
}
