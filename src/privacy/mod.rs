//! The privacy guard of every build: before the new output is swapped in,
//! every file written is searched for every full ID number and phone
//! number of the candidate lists, with one Aho-Corasick automaton over all
//! of them (IDs also with a lower-case check `x`). Text files are searched
//! as they are; PDFs by the text a reader extracts ([`pdf::text`]); any
//! other file by its bytes. A hit is an error naming the file and the
//! column of the candidate list the number came from, and the build
//! publishes nothing.

mod lex;
pub mod pdf;

use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::data::idcard::mask;
use crate::data::CandidateList;
use crate::diag::{Diagnostic, Diagnostics};

/// Hits reported in full; the rest are counted.
const SHOWN: usize = 20;

/// Which column of the candidate list a number came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Id,
    Phone,
}

/// One candidate's numbers: where they are kept, to name in an error.
struct Owner {
    list: usize,
    row: usize,
    masked_id: String,
}

/// Every full ID and phone number of the candidate lists.
#[derive(Default)]
pub struct Secrets {
    /// (list file, ID column header, phone column header)
    lists: Vec<(PathBuf, String, String)>,
    owners: Vec<Owner>,
    patterns: Vec<String>,
    /// Per pattern: its owner and kind.
    of: Vec<(usize, Kind)>,
}

impl Secrets {
    /// Add a list; `id_header` and `phone_header` name its columns.
    pub fn add(&mut self, list: &CandidateList, id_header: &str, phone_header: &str) {
        let l = self.lists.len();
        self.lists
            .push((list.file.clone(), id_header.into(), phone_header.into()));
        for c in &list.candidates {
            let owner = self.owners.len();
            self.owners.push(Owner {
                list: l,
                row: c.row,
                masked_id: mask(&c.id_number),
            });
            self.patterns.push(c.id_number.clone());
            self.of.push((owner, Kind::Id));
            if let Some(body) = c.id_number.strip_suffix('X') {
                self.patterns.push(format!("{body}x"));
                self.of.push((owner, Kind::Id));
            }
            self.patterns.push(c.phone.clone());
            self.of.push((owner, Kind::Phone));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    fn describe(&self, pattern: usize, file: &str, place: &str) -> Diagnostic {
        let (owner, kind) = self.of[pattern];
        let o = &self.owners[owner];
        let (list, id_col, phone_col) = &self.lists[o.list];
        let (what, col) = match kind {
            Kind::Id => ("the full ID number", id_col),
            Kind::Phone => ("the phone number", phone_col),
        };
        Diagnostic::error(format!(
            "`{file}` would publish {what} of candidate {} (column `{col}`, row {} of {}){place}",
            o.masked_id,
            o.row,
            list.display()
        ))
        .hint("a template, the body or a published column prints it: remove it; nothing was published")
    }
}

/// What one file gives away: the first hit, and where.
struct Hit {
    file: String,
    pattern: usize,
    place: String,
}

/// Search every file under `stage` (the new output, not yet swapped in);
/// `shown` is how the output folder is named in errors.
pub fn guard(stage: &Path, shown: &Path, secrets: &Secrets) -> Result<(), Diagnostics> {
    if secrets.is_empty() {
        return Ok(());
    }
    let ac = AhoCorasick::new(&secrets.patterns).map_err(|e| {
        Diagnostics::from(Diagnostic::error("cannot build the privacy guard's matcher").cause(e))
    })?;
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(stage)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let cache = pdf::CMapCache::default();
    let hits: Vec<Result<Option<Hit>, Diagnostic>> = files
        .par_iter()
        .map(|path| {
            let rel = path.strip_prefix(stage).unwrap_or(path);
            let name = shown.join(rel).display().to_string();
            scan(path, &name, &ac, &cache)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut found = 0;
    for h in hits {
        match h {
            Ok(Some(hit)) => {
                found += 1;
                if found <= SHOWN {
                    diags.push(secrets.describe(hit.pattern, &hit.file, &hit.place));
                }
            }
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    if found > SHOWN {
        diags.push(Diagnostic::error(format!(
            "{} more files would publish full ID or phone numbers",
            found - SHOWN
        )));
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags)
    }
}

/// The first candidate number in one file.
fn scan(
    path: &Path,
    name: &str,
    ac: &AhoCorasick,
    cache: &pdf::CMapCache,
) -> Result<Option<Hit>, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("the privacy guard cannot read `{name}`"))
            .cause(e)
            .io()
    })?;
    let is_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        let text = pdf::text(&bytes, cache);
        return Ok(ac.find(&text).map(|m| Hit {
            file: name.to_string(),
            pattern: m.pattern().as_usize(),
            place: format!(
                " on page {} of its text",
                text[..m.start()].matches('\x0c').count() + 1
            ),
        }));
    }
    Ok(ac.find(&bytes).map(|m| {
        let text = String::from_utf8_lossy(&bytes[..m.start()]);
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Hit {
            file: name.to_string(),
            pattern: m.pattern().as_usize(),
            place: format!(" at line {line}, column {column}"),
        }
    }))
}
