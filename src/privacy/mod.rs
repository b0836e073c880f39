//! The privacy guard of every build: before the new output is swapped in,
//! every file written is searched for every full ID number and phone
//! number of the candidate lists ([`Secrets`]: runs of digits looked up in
//! a sorted table, IDs also with a lower-case check `x`). Text files are
//! searched as they are; PDFs by the text a reader extracts ([`pdf::text`]);
//! any other file by its bytes. A hit is an error naming the file and the
//! column of the candidate list the number came from, and the build
//! publishes nothing.

mod lex;
pub mod pdf;
mod secrets;

use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use secrets::Found;
pub use secrets::Secrets;

/// Hits reported in full; the rest are counted.
const SHOWN: usize = 20;

fn describe(secrets: &Secrets, found: &Found, file: &str, place: &str) -> Diagnostic {
    let (what, masked, col, row, list) = secrets.describe(found);
    crate::diag!(
        Error,
        "privacy-would-publish",
        file = file,
        what = what,
        masked = masked,
        column = col,
        row = row,
        list = list,
        place = place
    )
}

/// What one file gives away: the first hit, and where.
struct Hit {
    file: String,
    found: Found,
    place: String,
}

/// Search every file under `stage` (the new output, not yet swapped in);
/// `shown` is how the output folder is named in errors.
pub fn guard(stage: &Path, shown: &Path, secrets: &Secrets) -> Result<(), Diagnostics> {
    guard_except(stage, shown, secrets, &|_| false)
}

/// [`guard`], but the files `clean` names (by their path in `stage`) are
/// not read again: their bytes were searched as they were written, by
/// [`Secrets::find`] as the guard searches a file that is not a PDF, and
/// held nothing. (A receipt read back was most of the guard's time when
/// 100,000 of them no longer fitted in the page cache.)
pub fn guard_except(
    stage: &Path,
    shown: &Path,
    secrets: &Secrets,
    clean: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<(), Diagnostics> {
    if secrets.is_empty() {
        return Ok(());
    }
    // Relative and boxed: 200,000 absolute `PathBuf`s of a large run would
    // hold 30 MB at the build's peak.
    let mut files: Vec<Box<Path>> = walkdir::WalkDir::new(stage)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !clean(e.path().strip_prefix(stage).unwrap_or(e.path())))
        .map(|e| e.path().strip_prefix(stage).unwrap_or(e.path()).into())
        .collect();
    files.sort();
    let cache = pdf::CMapCache::default();
    // Only what is to be reported is kept, in the files' order.
    let hits: Vec<Result<Hit, Diagnostic>> = files
        .par_iter()
        .filter_map(|rel| {
            let name = shown.join(rel).display().to_string();
            scan(&stage.join(rel), &name, secrets, &cache).transpose()
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut found = 0;
    for h in hits {
        match h {
            Ok(hit) => {
                found += 1;
                if found <= SHOWN {
                    diags.push(describe(secrets, &hit.found, &hit.file, &hit.place));
                }
            }
            Err(d) => diags.push(d),
        }
    }
    if found > SHOWN {
        diags.push(crate::diag!(
            Error,
            "privacy-more-files",
            count = found - SHOWN
        ));
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
    secrets: &Secrets,
    cache: &pdf::CMapCache,
) -> Result<Option<Hit>, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        crate::diag!(Error, "privacy-unreadable", file = name)
            .cause(e)
            .io()
    })?;
    let is_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        let text = pdf::text(&bytes, cache);
        return Ok(secrets.find(text.as_bytes()).map(|found| Hit {
            file: name.to_string(),
            found,
            place: crate::t!(
                "privacy-place-page",
                page = text[..found.start].matches('\x0c').count() + 1
            ),
        }));
    }
    Ok(secrets.find(&bytes).map(|found| {
        let text = String::from_utf8_lossy(&bytes[..found.start]);
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Hit {
            file: name.to_string(),
            found,
            place: crate::t!("privacy-place-line", line = line, column = column),
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::secrets::Kind;
    use super::*;

    #[test]
    fn files_searched_as_they_were_written_are_not_read_again() {
        let stage = tempfile::tempdir().unwrap();
        let dir = stage.path().join("2024/receipts");
        std::fs::create_dir_all(&dir).unwrap();
        let id = "43010219900307123X";
        std::fs::write(dir.join("a.bin"), format!("x {id} y")).unwrap();
        std::fs::write(dir.join("b.bin"), "nothing").unwrap();
        let secrets = Secrets::of(&[(id, Kind::Id)]);
        let shown = Path::new("out");
        assert!(guard(stage.path(), shown, &secrets).is_err());
        // Said to be searched already, a.bin is not read: only b.bin is.
        let a = Path::new("2024/receipts/a.bin");
        assert!(guard_except(stage.path(), shown, &secrets, &|p| p == a).is_ok());
        // Any other file said to be searched leaves a.bin to the guard.
        let b = Path::new("2024/receipts/b.bin");
        let found = guard_except(stage.path(), shown, &secrets, &|p| p == b).unwrap_err();
        assert!(format!("{found:?}").contains("a.bin"), "{found:?}");
    }
}
