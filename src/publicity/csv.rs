//! The CSV download: exactly the published columns, UTF-8 with a BOM so
//! that Excel opens the Chinese text correctly.

use super::Publicity;
use crate::render::OutputFile;

pub fn render(p: &Publicity) -> OutputFile {
    let mut w = ::csv::Writer::from_writer(Vec::with_capacity(p.count * 64 + 64));
    let mut out = Vec::new();
    let header: Vec<&str> = p.columns.iter().map(|c| c.header.as_str()).collect();
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for (_, row) in p.rows() {
        let _ = w.write_record(row);
    }
    out.extend_from_slice(b"\xEF\xBB\xBF");
    out.extend(w.into_inner().unwrap_or_default());
    OutputFile {
        path: super::html::folder(p).join("list.csv"),
        bytes: out,
    }
}
