//! Starting points for staff: a new site from the bundled example, and a
//! new year copied from the last one with every old date listed (nothing is
//! shifted silently: dates are decisions, not arithmetic).

use regex::Regex;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{self, Lang};

/// The bundled example, compiled in: (path in the new site, content).
/// `gazette.yaml` and the READMEs are written apart, in the language in use.
const EXAMPLE: [(&str, &str); 11] = [
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
];

/// The README for the staff who keep the site, in each language.
fn staff_readme(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => include_str!("../templates/site-README.zh-CN.md"),
        Lang::En => include_str!("../templates/site-README.md"),
    }
}

/// The example's gazette.yaml. The Chinese one has Chinese comments and
/// says `language: zh`, so the site keeps speaking Chinese whatever the
/// locale of the next terminal.
fn site_config(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => include_str!("../templates/site-gazette.zh-CN.yaml"),
        Lang::En => include_str!("../gazette.yaml"),
    }
}

/// The files of a new site: (path in the site, content).
fn site_files() -> Vec<(&'static str, String)> {
    let lang = i18n::lang();
    let mut files = vec![("gazette.yaml", site_config(lang).to_string())];
    files.extend(EXAMPLE.iter().map(|&(rel, text)| (rel, text.to_string())));
    // Fluent trims a message's last line break; a text file ends with one.
    files.extend([
        (
            "content/2024/photos/README.txt",
            crate::t!("scaffold-photos-readme") + "\n",
        ),
        ("README.md", staff_readme(lang).to_string()),
        (
            "templates/README.md",
            crate::t!("scaffold-templates-readme") + "\n",
        ),
    ]);
    files
}

fn create_dir(dir: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(dir).map_err(|e| {
        crate::diag!(Error, "scaffold-create-failed", path = dir)
            .cause(e)
            .io()
    })
}

fn write(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(dir) = path.parent() {
        create_dir(dir)?;
    }
    std::fs::write(path, text).map_err(|e| {
        crate::diag!(Error, "scaffold-write-failed", path = path)
            .cause(e)
            .io()
    })
}

/// Create a working site in `dir` (which must not exist or be empty).
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if occupied {
        return Err(crate::diag!(Error, "scaffold-folder-not-empty", folder = dir).io());
    }
    let mut written = Vec::new();
    for (rel, text) in site_files() {
        write(&dir.join(rel), &text)?;
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
        return Err(crate::diag!(Error, "scaffold-no-source-year", year = from.to_string()).into());
    }
    if dst.exists() {
        return Err(crate::diag!(Error, "scaffold-year-exists", year = to.to_string()).into());
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
        .map_err(|e| crate::diag!(Error, "scaffold-internal-pattern").cause(e))?;
    let mut found = Diagnostics::new();
    for path in entries {
        let rel = path.strip_prefix(&src).unwrap_or(&path);
        let target = dst.join(rel);
        if let Some(dir) = target.parent() {
            create_dir(dir)?;
        }
        std::fs::copy(&path, &target).map_err(|e| {
            crate::diag!(Error, "scaffold-copy-failed", path = &path)
                .cause(e)
                .io()
        })?;
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
                crate::diag!(
                    Warning,
                    "scaffold-old-year",
                    text = m.as_str(),
                    old = from.to_string(),
                    new = to.to_string()
                )
                .in_file(&shown)
                .at_offset(&text, m.start()),
            );
        }
    }
    Ok(found)
}
