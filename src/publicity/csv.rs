//! The CSV download: exactly the published columns, UTF-8 with a BOM so
//! that Excel opens the Chinese text correctly.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! would be read as a formula by Excel, WPS and LibreOffice (a name typed
//! `=HYPERLINK(…)` becomes a link): such a cell is written the way OWASP
//! recommends, quoted with a single quote before its text, so it opens as
//! the text typed.

use rayon::prelude::*;

use super::Publicity;
use crate::diag::Diagnostics;
use crate::render::{OutputFile, RenderContext, Renderer};

/// `list.csv` of every 公示 list. The CSV is the data of both the pages and
/// the PDF list, so it is made with either (`--only html` or `--only pdf`).
pub struct CsvRenderer;

impl Renderer for CsvRenderer {
    fn name(&self) -> &'static str {
        "publicity csv"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics> {
        Ok(ctx.publicity.par_iter().map(render).collect())
    }
}

fn render(p: &Publicity) -> OutputFile {
    // Room for every cell and its comma once (quoted cells are few).
    let cells = p.columns.len() + 2;
    let size: usize = p.rows().map(|(_, r)| r.text_len() + cells).sum();
    let mut out = Vec::with_capacity(size + 256);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    record(&mut out, p.columns.iter().map(|c| c.header.as_str()));
    for (_, row) in p.rows() {
        record(&mut out, row.iter());
    }
    OutputFile {
        path: p.folder().join("list.csv"),
        bytes: out,
    }
}

/// One CSV line (RFC 4180, `\r\n` endings as the csv crate wrote before).
fn record<'a>(out: &mut Vec<u8>, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        cell_into(out, cell);
    }
    out.extend_from_slice(b"\r\n");
}

/// Starts a formula in a spreadsheet.
pub fn is_formula_like(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

fn cell_into(out: &mut Vec<u8>, cell: &str) {
    let formula = is_formula_like(cell);
    let quote = formula
        || cell
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if !quote {
        out.extend_from_slice(cell.as_bytes());
        return;
    }
    out.push(b'"');
    if formula {
        out.push(b'\'');
    }
    for b in cell.bytes() {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[&str]) -> String {
        let mut v = Vec::new();
        record(&mut v, cells.iter().copied());
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn formulas_are_quoted_text_and_other_cells_as_before() {
        assert_eq!(
            line(&["=1+1", "+86", "-5", "@SUM(A1)", "\tx", "\rx"]),
            "\"'=1+1\",\"'+86\",\"'-5\",\"'@SUM(A1)\",\"'\tx\",\"'\rx\"\r\n"
        );
        assert_eq!(
            line(&["张三", "a,b", "say \"hi\"", "", "x-1"]),
            "张三,\"a,b\",\"say \"\"hi\"\"\",,x-1\r\n"
        );
        assert_eq!(line(&["=\"a\""]), "\"'=\"\"a\"\"\"\r\n");
    }
}
