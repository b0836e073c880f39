//! Starting points for staff: a new site from the bundled example, and a
//! new year copied from the last one with every old date listed (nothing is
//! shifted silently: dates are decisions, not arithmetic).

use regex::Regex;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};

/// The bundled example, compiled in: (path in the new site, content).
const EXAMPLE: [(&str, &str); 13] = [
    ("gazette.yaml", include_str!("../gazette.yaml")),
    (
        "content/2024/notice.yaml",
        include_str!("../content/2024/notice.yaml"),
    ),
    (
        "content/2024/notice.md",
        include_str!("../content/2024/notice.md"),
    ),
    (
        "content/2024/attachment-1.md",
        include_str!("../content/2024/attachment-1.md"),
    ),
    (
        "content/2024/schedule.yaml",
        include_str!("../content/2024/schedule.yaml"),
    ),
    (
        "content/2024/categories.yaml",
        include_str!("../content/2024/categories.yaml"),
    ),
    (
        "content/2024/rules.yaml",
        include_str!("../content/2024/rules.yaml"),
    ),
    (
        "content/2024/calendar.yaml",
        include_str!("../content/2024/calendar.yaml"),
    ),
    (
        "content/2024/candidates.yaml",
        include_str!("../content/2024/candidates.yaml"),
    ),
    (
        "content/2024/candidates.csv",
        include_str!("../content/2024/candidates.csv"),
    ),
    (
        "content/2024/publicity.yaml",
        include_str!("../content/2024/publicity.yaml"),
    ),
    (
        "content/2024/papers.yaml",
        include_str!("../content/2024/papers.yaml"),
    ),
    (
        "content/2024/photos/README.txt",
        "Photos for the recommendation forms, named by the candidate's ID number:\n<ID number>.jpg, .jpeg or .png. A candidate without one gets an empty photo box.\n",
    ),
];

const STAFF_README: &str = include_str!("../templates/site-README.md");
const TEMPLATES_README: &str = "Put a file here named like a built-in template (base.html, index.html, notice.html,\npublicity_index.html, publicity_list.html, receipts.html, receipts.js, search.js, style.css,\nreceipt.yaml, form.yaml) to replace it.\nCopies of the built-in ones are in gazette's repository under templates/.\n";

fn io(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("failed to {what} `{}`", path.display()))
        .cause(e)
        .io()
}

fn write(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io("create", dir, e))?;
    }
    std::fs::write(path, text).map_err(|e| io("write", path, e))
}

/// Create a working site in `dir` (which must not exist or be empty).
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if occupied {
        return Err(
            Diagnostic::error(format!("`{}` is not empty", dir.display()))
                .hint("name a new folder; gazette init never overwrites files")
                .io(),
        );
    }
    let mut written = Vec::new();
    let files = EXAMPLE.iter().copied().chain([
        ("README.md", STAFF_README),
        ("templates/README.md", TEMPLATES_README),
    ]);
    for (rel, text) in files {
        write(&dir.join(rel), text)?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// Copy `content/<from>` to `content/<to>` and report, as warnings, every
/// place in the copy that still names the old year.
pub fn new_year(root: &Path, from: i32, to: i32) -> Result<Diagnostics, Diagnostics> {
    let src = root.join("content").join(from.to_string());
    let dst = root.join("content").join(to.to_string());
    if !src.is_dir() {
        return Err(
            Diagnostic::error(format!("there is no `content/{from}` to start from"))
                .hint("name an existing year with --from")
                .into(),
        );
    }
    if dst.exists() {
        return Err(Diagnostic::error(format!("`content/{to}` exists already"))
            .hint(
                "gazette new-year never overwrites a year; remove it first if it is a false start",
            )
            .into());
    }
    let mut entries: Vec<PathBuf> = walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    entries.sort();
    let old = Regex::new(&format!(r"{from}(?:-\d{{1,2}}-\d{{1,2}}|年)"))
        .map_err(|e| Diagnostic::error("internal pattern error").cause(e))?;
    let mut found = Diagnostics::new();
    for path in entries {
        let rel = path.strip_prefix(&src).unwrap_or(&path);
        let target = dst.join(rel);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io("create", dir, e))?;
        }
        std::fs::copy(&path, &target).map_err(|e| io("copy", &path, e))?;
        let Ok(text) = std::fs::read_to_string(&target) else {
            continue;
        };
        let shown = PathBuf::from("content").join(to.to_string()).join(rel);
        for m in old.find_iter(&text) {
            let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start
                ..text[m.start()..]
                    .find('\n')
                    .map_or(text.len(), |i| i + m.start())];
            if line.trim_start().starts_with('#') && shown.extension().is_some_and(|e| e == "yaml")
            {
                continue; // a YAML comment is not a date in use
            }
            found.push(
                Diagnostic::warning(format!("`{}` still belongs to {from}", m.as_str()))
                    .in_file(&shown)
                    .at_offset(&text, m.start())
                    .hint(format!("set the {to} date (or text) here")),
            );
        }
    }
    Ok(found)
}
