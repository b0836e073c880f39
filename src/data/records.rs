//! The records of a CSV text, read in place: a row's cells are slices of
//! the decoded text wherever the file holds them as they are (no quotes),
//! so reading 100,000 rows copies and allocates next to nothing. The csv
//! crate still splits the records, so quoting, blank lines and line ends
//! are read exactly as it reads them.

use std::borrow::Cow;
use std::path::Path;

use rayon::prelude::*;

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

/// A part of the rows of a CSV text without any quote: from byte `from`
/// (a line's start, on line `line`) to `to` (after a line end, or the end).
/// Without quotes a record is a line and a cell what lies between commas,
/// so the parts are read on their own, each on a core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: usize,
    pub to: usize,
    pub line: usize,
    /// Its `\r` and `\n` bytes: a record but the last ends at one of
    /// them, so it has at most one record more.
    pub line_ends: usize,
}

/// `text` from `from` to its end cut into spans of about `size` bytes,
/// each ending after a `\n`. `line` is the line `from` is on.
pub fn spans(text: &str, from: usize, line: usize, size: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut cuts = vec![from];
    let mut at = from;
    while at + size < bytes.len() {
        let Some(nl) = bytes[at + size..].iter().position(|&b| b == b'\n') else {
            break;
        };
        at += size + nl + 1;
        cuts.push(at);
    }
    cuts.push(bytes.len());
    // Each span's first line: the `\n`s before it, counted on every core.
    let ends: Vec<(usize, usize)> = cuts
        .par_windows(2)
        .map(|w| line_counts(&bytes[w[0]..w[1]]))
        .collect();
    let mut line = line;
    cuts.windows(2)
        .zip(ends)
        .map(|(w, (n, e))| {
            let span = Span {
                from: w[0],
                to: w[1],
                line,
                line_ends: e,
            };
            line += n;
            span
        })
        .filter(|s| s.from < s.to)
        .collect()
}

/// The `\n` bytes (lines) and the `\r` and `\n` bytes: a record but the
/// last ends at one of the latter, quoted or not, so there is at most one
/// record more. Counted in bytes a block at a time, which the compiler
/// turns into vector code.
pub fn line_counts(bytes: &[u8]) -> (usize, usize) {
    let (mut lines, mut ends) = (0, 0);
    for block in bytes.chunks(255) {
        let (n, e) = block.iter().fold((0u8, 0u8), |(n, e), &b| {
            (
                n + u8::from(b == b'\n'),
                e + u8::from(b == b'\n' || b == b'\r'),
            )
        });
        lines += usize::from(n);
        ends += usize::from(e);
    }
    (lines, ends)
}

/// Call `each` with the line and the trimmed cells of every non-blank
/// record of `span`, as the csv crate reads a text without quotes: a
/// record ends at `\r`, `\n` or `\r\n`, empty records are skipped, and
/// ragged rows are read as they are. The cells are slices of `text`.
pub fn plain_rows<'t>(text: &'t str, span: Span, mut each: impl FnMut(usize, &[Cow<'t, str>])) {
    let bytes = text.as_bytes();
    let mut cells: Vec<Cow<'t, str>> = Vec::new();
    let (mut at, mut line) = (span.from, span.line);
    loop {
        while at < span.to && matches!(bytes[at], b'\r' | b'\n') {
            line += usize::from(bytes[at] == b'\n');
            at += 1;
        }
        if at >= span.to {
            return;
        }
        cells.clear();
        let mut start = at;
        loop {
            at = next_stop(&bytes[..span.to], at);
            // Commas and line ends are ASCII: cells start and end on characters.
            cells.push(Cow::Borrowed(trim(&text[start..at])));
            if at == span.to || bytes[at] != b',' {
                break;
            }
            at += 1;
            start = at;
        }
        if cells.iter().any(|c| !c.is_empty()) {
            each(line, &cells);
        }
    }
}

/// The first comma or line end in `bytes` from `at` on, or the end. Eight
/// bytes are looked at together: commas and line ends are below 0x2D, as
/// are few other bytes of a list (a space, some ASCII punctuation; no byte
/// of a Chinese character), so most words are passed over whole.
fn next_stop(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    loop {
        while let Some(word) = bytes.get(at..at + 8) {
            let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            // Some byte of `w` is below 0x2D (the bit trick of "has less").
            if w.wrapping_sub(ONES * 0x2D) & !w & HIGH != 0 {
                break;
            }
            at += 8;
        }
        let end = (at + 8).min(bytes.len());
        while at < end {
            if matches!(bytes[at], b',' | b'\r' | b'\n') {
                return at;
            }
            at += 1;
        }
        if at == bytes.len() {
            return at;
        }
    }
}

/// `cell.trim()`, without looking for white space when the first and the
/// last character cannot be any: printable ASCII, or a character from
/// U+4000 on (3-byte ones from `E4`, and 4-byte ones), as most cells are.
fn trim(cell: &str) -> &str {
    let b = cell.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return cell;
    };
    let printable = |x: u8| (0x21..0x7F).contains(&x);
    let start_clear = printable(first) || first >= 0xE4;
    // A 3-byte lead three from the end starts the last character.
    let end_clear = printable(last) || (b.len() >= 3 && (0xE4..0xF0).contains(&b[b.len() - 3]));
    if start_clear && end_clear {
        cell
    } else {
        cell.trim()
    }
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

    /// Every row of a quote-free `text` after its first record, read in
    /// spans of `size` bytes: (line, cells).
    fn plain(text: &str, size: usize) -> Vec<(usize, Vec<String>)> {
        let mut header = Records::new(text, 0, Path::new("x.csv"));
        header.next();
        let from = header.offset();
        let line = line_counts(&text.as_bytes()[..from]).0 + 1;
        let mut out = Vec::new();
        for span in spans(text, from, line, size) {
            plain_rows(text, span, |line, cells| {
                out.push((line, cells.iter().map(|c| c.to_string()).collect()));
            });
        }
        out
    }

    proptest::proptest! {
        /// Without quotes, the spans read what the csv crate reads, in any size.
        #[test]
        fn spans_read_as_the_csv_crate(
            text in "[a张 ,\r\n]{0,60}",
            size in 1usize..20,
        ) {
            let mut all: Vec<(usize, Vec<String>)> = rows(&text)
                .into_iter()
                .map(|(line, cells, _)| (line, cells))
                .collect();
            if !all.is_empty() {
                all.remove(0);
            }
            proptest::prop_assert_eq!(plain(&text, size), all.clone());
            proptest::prop_assert_eq!(plain(&text, usize::MAX / 2), all);
        }
    }

    proptest::proptest! {
        /// The quick trim is `str::trim`, whatever the white space.
        #[test]
        fn trim_is_str_trim(cell in "[ \t\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{202f}\u{205f}\u{3000}a张\u{4000}\u{3fff}é😀]{0,6}") {
            proptest::prop_assert_eq!(trim(&cell), cell.trim());
        }

        /// Stops are found wherever they are among the eight bytes of a word.
        #[test]
        fn stops_are_found_in_every_place(text in "[a张 ,\r\n!+]{0,40}", at in 0usize..40) {
            let at = at.min(text.len());
            let expected = text.as_bytes()[at..]
                .iter()
                .position(|b| matches!(b, b',' | b'\r' | b'\n'))
                .map_or(text.len(), |n| at + n);
            proptest::prop_assert_eq!(next_stop(text.as_bytes(), at), expected);
        }
    }

    #[test]
    fn line_ends_are_counted_past_a_block() {
        let text = "a\r\nb\rc\n".repeat(100);
        assert_eq!(line_counts(text.as_bytes()), (200, 400));
        assert_eq!(line_counts(b""), (0, 0));
    }

    #[test]
    fn spans_end_after_line_ends() {
        let text = "h\nab,c\r\n\r\nd\rlast";
        let got = spans(text, 2, 2, 3);
        let cuts: Vec<(usize, usize, usize)> = got.iter().map(|s| (s.from, s.to, s.line)).collect();
        assert_eq!(cuts, [(2, 8, 2), (8, text.len(), 3)]);
        assert_eq!(
            plain(text, 1),
            [
                (2, vec!["ab".to_string(), "c".to_string()]),
                (4, vec!["d".to_string()]),
                (4, vec!["last".to_string()]),
            ]
        );
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
