//! Reading a table of candidates from CSV (UTF-8 or GBK, as Excel saves it)
//! or from an XLSX workbook into trimmed text cells with their row numbers.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::Path;

use super::decode::Text;
use super::records::{self, Records, Row};
use crate::diag::{did_you_mean, Diagnostic};
pub use crate::model::cells::Cells;

/// A table as read: the header row, and the non-blank rows after it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    body: Body,
    /// 1-based line or row of the header.
    pub header_row: usize,
    /// The decoded CSV text, so diagnostics can show the line; None for XLSX.
    pub text: Option<Text>,
    /// (row, 0-based column) of XLSX cells that held numbers, not text.
    pub numeric: BTreeSet<(usize, usize)>,
}

/// Where the rows after the header are.
#[derive(Debug, Clone, PartialEq)]
enum Body {
    /// In the CSV text from this byte on, read when asked for: a list of
    /// 100,000 rows is never held as cells.
    Csv { from: usize },
    /// 1-based row of each XLSX row, and its cells.
    Cells(Vec<(usize, Cells)>),
}

impl Default for Body {
    fn default() -> Body {
        Body::Cells(Vec::new())
    }
}

impl Table {
    /// Every non-blank row after the header, with its 1-based line (CSV)
    /// or row (XLSX). `rel` names the file in a diagnostic.
    pub fn rows<'t>(
        &'t self,
        rel: &'t Path,
    ) -> Box<dyn Iterator<Item = Result<Row<'t>, Diagnostic>> + 't> {
        match (&self.body, &self.text) {
            (Body::Csv { from }, Some(text)) => Box::new(Records::new(text, *from, rel)),
            (Body::Csv { .. }, None) => Box::new(std::iter::empty()),
            (Body::Cells(rows), _) => Box::new(
                rows.iter()
                    .map(|(line, cells)| Ok((*line, cells.iter().map(Cow::Borrowed).collect()))),
            ),
        }
    }

    /// The rows after the header in parts to check on their own: spans of
    /// about `size` bytes of a CSV text without quotes, else all the rows
    /// as one part (a quoted cell may hold a line end, so only a reading
    /// from the start knows where a record begins).
    pub fn parts(&self, size: usize) -> Vec<Part> {
        match (&self.body, &self.text) {
            (Body::Csv { from }, Some(text)) if !text.as_bytes()[*from..].contains(&b'"') => {
                let line = records::line_counts(&text.as_bytes()[..*from]).0 + 1;
                let spans = records::spans(text, *from, line, size);
                spans.into_iter().map(Part::Span).collect()
            }
            _ => vec![Part::All],
        }
    }

    /// No more rows than this are in `part` (see [`records::line_counts`]).
    pub fn rows_at_most(&self, part: Part) -> usize {
        match (part, &self.body, &self.text) {
            (Part::Span(span), _, _) => span.line_ends + 1,
            (Part::All, Body::Csv { from }, Some(text)) => {
                records::line_counts(&text.as_bytes()[*from..]).1 + 1
            }
            (Part::All, Body::Cells(rows), _) => rows.len(),
            (Part::All, Body::Csv { .. }, None) => 0,
        }
    }

    /// Call `each` with the line and cells of every non-blank row of
    /// `part`; a record the csv crate cannot read ends them with its error.
    pub fn part_rows<'t>(
        &'t self,
        part: Part,
        rel: &'t Path,
        mut each: impl FnMut(usize, &[Cow<'t, str>]),
    ) -> Result<(), Diagnostic> {
        match (part, &self.text) {
            (Part::Span(span), Some(text)) => records::plain_rows(text, span, each),
            _ => {
                for row in self.rows(rel) {
                    let (line, cells) = row?;
                    each(line, &cells);
                }
            }
        }
        Ok(())
    }

    /// Attach a row and 1-based column number to `d`; CSV also shows the line.
    pub fn at(&self, d: Diagnostic, row: usize, column: Option<usize>) -> Diagnostic {
        match (&self.text, column) {
            (Some(text), Some(col)) => {
                // `col` is the field number; the caret goes under the field.
                let mut d = d.at(text, row, col);
                d.caret = d.source_line.as_deref().map(|l| field_start(l, col));
                d
            }
            (Some(text), None) => {
                let mut d = d.at(text, row, 1);
                d.column = None;
                d
            }
            (None, _) => Diagnostic {
                line: Some(row),
                column,
                ..d
            },
        }
    }
}

/// A part of a table's rows (see [`Table::parts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Span(records::Span),
    All,
}

/// 1-based character column where field `n` (1-based) of a CSV line starts.
fn field_start(line: &str, n: usize) -> usize {
    let mut field = 1;
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        if field == n {
            return i + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

/// Read `rel` (below `root`) as CSV or XLSX, chosen by its extension.
pub fn read_table(root: &Path, rel: &Path, sheet: Option<&str>) -> Result<Table, Diagnostic> {
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx") => read_xlsx(&crate::load::files::read_bytes(root, rel)?, rel, sheet),
        _ => read_csv(super::decode::read(root, rel)?, rel),
    }
}

fn empty(rel: &Path) -> Diagnostic {
    crate::diag!(Error, "candidates-empty", file = rel).in_file(rel)
}

impl Table {
    /// Blank rows are skipped; the first other row is the header (rows are 1-based).
    fn push_row(&mut self, line: usize, cells: Cells) {
        if cells.is_blank() {
            return;
        }
        if self.header_row == 0 {
            self.headers = cells.iter().map(String::from).collect();
            self.header_row = line.max(1);
        } else if let Body::Cells(rows) = &mut self.body {
            rows.push((line, cells));
        }
    }
}

fn read_csv(text: Text, rel: &Path) -> Result<Table, Diagnostic> {
    let mut table = Table::default();
    // Only the header is read here; the rows are read in place when checked.
    let mut records = Records::new(&text, 0, rel);
    if let Some(header) = records.next() {
        let (line, cells) = header?;
        table.headers = cells.into_iter().map(String::from).collect();
        table.header_row = line.max(1);
    }
    if table.header_row == 0 {
        return Err(empty(rel));
    }
    table.body = Body::Csv {
        from: records.offset(),
    };
    table.text = Some(text);
    Ok(table)
}

fn read_xlsx(bytes: &[u8], rel: &Path, sheet: Option<&str>) -> Result<Table, Diagnostic> {
    let unreadable = |e: &dyn std::fmt::Display| {
        crate::diag!(Error, "xlsx-unreadable", file = rel)
            .in_file(rel)
            .cause(e)
    };
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => {
            let d = crate::diag!(
                Error,
                "xlsx-no-sheet",
                file = rel,
                sheet = s,
                sheets = names.join(&crate::t!("data-list-separator"))
            )
            .in_file(rel);
            return Err(match did_you_mean(s, names.iter().map(String::as_str)) {
                Some(hint) => d.hint(hint),
                None => d,
            });
        }
        None => names.first().cloned().ok_or_else(|| empty(rel))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    let Some((row0, col0)) = range.start() else {
        return Err(empty(rel));
    };
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let line = row0 as usize + i + 1;
        // Pad to the sheet's column A, so column numbers are the sheet's.
        let mut cells = vec![String::new(); col0 as usize];
        for (j, c) in row.iter().enumerate() {
            if matches!(c, Data::Int(_) | Data::Float(_)) {
                table.numeric.insert((line, col0 as usize + j));
            }
            cells.push(cell_text(c).trim().to_string());
        }
        table.push_row(line, cells.into_iter().collect());
    }
    if table.header_row == 0 {
        return Err(empty(rel));
    }
    Ok(table)
}

/// Any cell as the text a person sees: integral numbers without `.0`,
/// dates as YYYY-MM-DD.
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn p() -> PathBuf {
        PathBuf::from("c/candidates.csv")
    }

    fn csv(bytes: &[u8]) -> Result<Table, Diagnostic> {
        read_csv(super::super::decode::decode_bytes(bytes, &p())?, &p())
    }

    /// Every row after the header: its line and cells.
    fn rows(t: &Table) -> Vec<(usize, Vec<String>)> {
        let rel = p();
        t.rows(&rel)
            .map(|r| {
                let (line, cells) = r.unwrap();
                (line, cells.into_iter().map(String::from).collect())
            })
            .collect()
    }

    #[test]
    fn utf8_with_bom_and_blank_rows() {
        let t = csv("\u{feff}姓名, 性别\n\n张三,男\n,\n李四 ,女\n".as_bytes()).unwrap();
        assert_eq!(t.headers, ["姓名", "性别"]);
        assert_eq!(t.header_row, 1);
        let rows: Vec<_> = rows(&t)
            .into_iter()
            .map(|(l, c)| (l, c[0].clone()))
            .collect();
        assert_eq!(rows, [(3, "张三".to_string()), (5, "李四".to_string())]);
    }

    #[test]
    fn gbk_bytes_are_decoded() {
        let (bytes, _, bad) = encoding_rs::GBK.encode("姓名,性别\n张三,男\n");
        assert!(!bad);
        let t = csv(&bytes).unwrap();
        assert_eq!(t.headers, ["姓名", "性别"]);
        assert_eq!(rows(&t)[0].1, ["张三", "男"]);
    }

    #[test]
    fn crlf_lines_are_counted_right() {
        let t = csv(b"a,b\r\n\r\nx,1\r\ny,2\r\n").unwrap();
        let lines: Vec<usize> = rows(&t).iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 4]);
    }

    #[test]
    fn quoted_fields_keep_their_line() {
        let t = csv("a,b\n\"x\ny\",1\nz,2\n".as_bytes()).unwrap();
        let rows = rows(&t);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1, ["x\ny", "1"]);
        assert_eq!(rows[1].0, 4);
    }

    #[test]
    fn junk_is_refused() {
        let d = csv(b"\x81\x20\xff\xfe\x80abc").unwrap_err();
        assert_eq!(d.code, "csv-not-text");
        assert!(d.hint.is_some());
        let d = csv(b"\x01\x02\x03\x04abc").unwrap_err();
        assert_eq!(d.code, "csv-binary");
        let d = csv(b"PK\x03\x04\x14\x00").unwrap_err();
        assert_eq!(d.code, "csv-is-xlsx");
    }

    #[test]
    fn empty_file_is_an_error() {
        for bytes in [&b""[..], b"\xEF\xBB\xBF", b" \n,,\n"] {
            let d = csv(bytes).unwrap_err();
            assert_eq!(d.code, "candidates-empty");
        }
    }

    #[test]
    fn positions_show_the_csv_line() {
        let t = csv("a,b\nx,y\n".as_bytes()).unwrap();
        let d = t.at(crate::diag!(Error, "cell-empty", column = "b"), 2, Some(2));
        assert_eq!((d.line, d.column), (Some(2), Some(2)));
        assert_eq!(d.source_line.as_deref(), Some("x,y"));
    }

    #[test]
    fn cells_print_as_people_see_them() {
        assert_eq!(cell_text(&Data::Float(13812345678.0)), "13812345678");
        assert_eq!(cell_text(&Data::Float(1.5)), "1.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        let d = calamine::ExcelDateTime::new(44440.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(d)), "2021-09-01");
    }

    #[test]
    fn xlsx_fixture_is_read() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data");
        let t = read_table(&root, Path::new("content/2024/candidates.xlsx"), None).unwrap();
        assert_eq!(t.header_row, 1);
        assert_eq!(t.headers[..3], ["序号", "姓名", "性别"]);
        assert_eq!(rows(&t)[0].0, 2);
        assert!(t.text.is_none());
        // The ID column is text in the fixture, so no cell is flagged.
        let id = t.headers.iter().position(|h| h == "身份证号").unwrap();
        assert!(t.numeric.iter().all(|&(_, c)| c != id));
    }

    #[test]
    fn xlsx_sheet_must_exist() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data");
        let d = read_table(
            &root,
            Path::new("content/2024/candidates.xlsx"),
            Some("报名表"),
        )
        .unwrap_err();
        assert_eq!(d.code, "xlsx-no-sheet");
    }

    #[test]
    fn a_broken_workbook_is_reported() {
        let d = read_xlsx(b"PK\x03\x04junk", Path::new("c/x.xlsx"), None).unwrap_err();
        assert_eq!(d.code, "xlsx-unreadable");
    }

    #[test]
    fn the_caret_goes_under_the_field() {
        assert_eq!(super::field_start("张三,男,\"a,b\",x", 1), 1);
        assert_eq!(super::field_start("张三,男,\"a,b\",x", 3), 6);
        assert_eq!(super::field_start("张三,男,\"a,b\",x", 4), 12);
    }
}
