//! The records of a CSV text, read in place: a row's cells are slices of
//! the decoded text wherever the file holds them as they are (no quotes),
//! so reading 100,000 rows copies and allocates next to nothing. The csv
//! crate still splits the records, so quoting, blank lines and line ends
//! are read exactly as it reads them.

use std::borrow::Cow;
use std::path::Path;

use crate::diag::Diagnostic;

/// A row: its 1-based line and its trimmed cells.
pub type Row<'t> = (usize, Vec<Cow<'t, str>>);

/// The non-blank records of `text` from byte `from` (a record's start).
pub struct Records<'t> {
    text: &'t str,
    from: usize,
    reader: csv::Reader<&'t [u8]>,
    record: csv::ByteRecord,
    lines: LineCounter,
    rel: &'t Path,
}

impl<'t> Records<'t> {
    pub fn new(text: &'t str, from: usize, rel: &'t Path) -> Records<'t> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            // Ragged rows are read as they are; missing cells count as empty.
            .flexible(true)
            .from_reader(&text.as_bytes()[from..]);
        Records {
            text,
            from,
            reader,
            record: csv::ByteRecord::new(),
            lines: LineCounter::default(),
            rel,
        }
    }

    /// Where the next record starts: after the last one read.
    pub fn offset(&self) -> usize {
        self.from + self.reader.position().byte() as usize
    }

    fn invalid(&self, e: &dyn std::fmt::Display, byte: Option<usize>) -> Diagnostic {
        let d = crate::diag!(Error, "csv-invalid", file = self.rel)
            .in_file(self.rel)
            .cause(e);
        match byte {
            Some(b) => d.at(self.text, record_line(self.text, b), 1),
            None => d,
        }
    }

    /// The cells of the record just read, and its line.
    fn cells(&mut self) -> Result<Row<'t>, Diagnostic> {
        let at = self.from + self.record.position().map_or(0, |p| p.byte() as usize);
        let (line, start) = self.lines.line_at(self.text, at);
        if let Some(cells) = in_place(self.text, start, &self.record) {
            return Ok((line, cells));
        }
        // Quoted cells are unquoted by the csv crate: copies of its cells.
        let mut cells = Vec::with_capacity(self.record.len());
        for field in &self.record {
            let cell = std::str::from_utf8(field).map_err(|e| self.invalid(&e, Some(at)))?;
            cells.push(Cow::Owned(cell.trim().to_string()));
        }
        Ok((line, cells))
    }
}

impl<'t> Iterator for Records<'t> {
    type Item = Result<Row<'t>, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    let byte = e.position().map(|p| self.from + p.byte() as usize);
                    return Some(Err(self.invalid(&e, byte)));
                }
            }
            match self.cells() {
                // Blank rows are skipped.
                Ok((_, cells)) if cells.iter().all(|c| c.is_empty()) => continue,
                row => return Some(row),
            }
        }
    }
}

/// The record's cells as slices of `text`, when each is there byte for
/// byte from `start` on, one comma apart; None when a cell was quoted.
fn in_place<'t>(
    text: &'t str,
    start: usize,
    record: &csv::ByteRecord,
) -> Option<Vec<Cow<'t, str>>> {
    let bytes = text.as_bytes();
    let mut cells = Vec::with_capacity(record.len());
    let mut at = start;
    for field in record {
        let end = at + field.len();
        if bytes.get(at..end) != Some(field) {
            return None;
        }
        // A slice that is not on character boundaries cannot hold the same bytes.
        cells.push(Cow::Borrowed(text.get(at..end)?.trim()));
        at = end + 1;
    }
    Some(cells)
}

/// Line numbers of increasing byte offsets, counted incrementally (counting
/// from the start for every record would be quadratic in the file).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: usize,
}

impl LineCounter {
    /// The line of the record at `byte`, and where its first cell starts.
    fn line_at(&mut self, text: &str, byte: usize) -> (usize, usize) {
        let start = content_start(text, byte);
        if start < self.byte {
            return (record_line(text, byte), start);
        }
        let bytes = text.as_bytes();
        self.line += bytes[self.byte..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.byte = start;
        (self.line + 1, start)
    }
}

/// The first byte at or after `byte` that is not a line end. The csv
/// crate's positions lag: a record's position is taken before the previous
/// `\n` of a `\r\n` and before skipped blank lines.
fn content_start(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = byte.min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    start
}

/// The line a record starts on, counted from the first byte of the record.
pub fn record_line(text: &str, byte: usize) -> usize {
    let start = content_start(text, byte);
    text.as_bytes()[..start]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>, bool)> {
        Records::new(text, 0, Path::new("x.csv"))
            .map(|r| {
                let (line, cells) = r.unwrap();
                let borrowed = cells.iter().all(|c| matches!(c, Cow::Borrowed(_)));
                (
                    line,
                    cells.into_iter().map(String::from).collect(),
                    borrowed,
                )
            })
            .collect()
    }

    #[test]
    fn plain_cells_are_slices_and_quoted_ones_copies() {
        let got = rows("a, b ,c\r\n\r\n\"x,1\",\"say \"\"hi\"\"\"\n张三,,男\rlast");
        assert_eq!(
            got,
            [
                (1, vec!["a".into(), "b".into(), "c".into()], true),
                (3, vec!["x,1".into(), "say \"hi\"".into()], false),
                (4, vec!["张三".into(), "".into(), "男".into()], true),
                (4, vec!["last".into()], true),
            ]
        );
    }

    #[test]
    fn a_quote_inside_a_cell_is_read_as_the_csv_crate_reads_it() {
        // Unquoted text with a quote in it stays as it is; text after a
        // closing quote is kept without the quotes.
        let got = rows("ab\"c,\"d\"e,f\n");
        assert_eq!(got[0].1, ["ab\"c", "de", "f"]);
        assert!(!got[0].2);
    }

    #[test]
    fn reading_on_from_an_offset_keeps_the_lines() {
        let text = "h1,h2\r\n\r\nx,1\r\n\"y\nz\",2\r\nw,3";
        let mut all = Records::new(text, 0, Path::new("x.csv"));
        all.next().unwrap().unwrap();
        let rest: Vec<usize> = Records::new(text, all.offset(), Path::new("x.csv"))
            .map(|r| r.unwrap().0)
            .collect();
        assert_eq!(rest, [3, 4, 6]);
    }
}
