//! The list of candidates (考生名单) exported from the registration system:
//! where it is and which header holds which field (`candidates.yaml`), and
//! loading it with every row checked.

mod candidate;
mod check;
mod decode;
pub mod generate;
pub mod idcard;
mod parts;
pub mod read;
mod records;
mod seen;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::files::Source;
use crate::model::year::Category;
use read::Table;

pub use crate::model::candidates::{CandidateSpec, Columns, ReviewValues};
pub use candidate::{Candidate, Field, Review, Sex, Values};

#[derive(Debug, Clone, PartialEq)]
pub struct CandidateList {
    /// Relative to the site root, as diagnostics show it.
    pub file: PathBuf,
    pub candidates: Vec<Candidate>,
    /// The names of the extra fields of `candidates.yaml`.
    pub extra_keys: Vec<Arc<str>>,
}

/// Read the list named by `spec`, check every row and push every problem to
/// `diags`. `published` names the fields the 公示 publishes (publicity.yaml
/// `columns`): their cells may hold no ID or phone number. Returns the
/// valid rows; None only when the file cannot be read or a header named in
/// `columns` is missing.
pub fn load_candidates(
    root: &Path,
    year_dir: &Path,
    spec: &CandidateSpec,
    spec_src: &Source,
    categories: &[Category],
    published: &[String],
    diags: &mut Diagnostics,
) -> Option<CandidateList> {
    crate::allocator::give_back_at_once();
    let rel = match resolve_file(year_dir, spec, spec_src) {
        Ok(rel) => rel,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if !root.join(&rel).exists() {
        let at = crate::load::files::find_key_value(&spec_src.text, "file");
        diags.push(crate::load::files::missing_file(root, &rel, spec_src, at));
        return None;
    }
    let table = match read::read_table(root, &rel, spec.sheet.as_deref()) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let cols = map_columns(&table, &rel, spec, spec_src, diags)?;
    // The notice year is the year folder's name (content/2024).
    let year = year_dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse().ok());
    let ctx = check::Ctx {
        table: &table,
        file: &rel,
        cols: &cols,
        review_values: &spec.review_values,
        categories,
        year,
        published: published
            .iter()
            .filter_map(|key| match key.as_str() {
                "name" => Some(&cols.name),
                "college" => Some(&cols.college),
                "major" => Some(&cols.major),
                k => cols.extra.iter().find(|(e, _)| e == k).map(|(_, c)| c),
            })
            .collect(),
    };
    let extra_keys: Vec<Arc<str>> = cols
        .extra
        .iter()
        .map(|(k, _)| Arc::from(k.as_str()))
        .collect();
    let (candidates, rows) = parts::check_rows(&ctx, &extra_keys, diags)?;
    if rows == 0 {
        diags.push(table.at(
            crate::diag!(Warning, "candidates-header-only", file = &rel).in_file(&rel),
            table.header_row,
            None,
        ));
    }
    Some(CandidateList {
        file: rel,
        candidates,
        extra_keys,
    })
}

/// The list's path relative to the root; `file` must stay in the year folder.
fn resolve_file(
    year_dir: &Path,
    spec: &CandidateSpec,
    spec_src: &Source,
) -> Result<PathBuf, Diagnostic> {
    let f = spec.file.trim();
    let at_key = |d: Diagnostic| {
        let d = d.in_file(&spec_src.path);
        match key_position(&spec_src.text, "file") {
            Some((line, col)) => d.at(&spec_src.text, line, col),
            None => d,
        }
    };
    let folder = year_dir;
    let path = Path::new(f);
    // Backslashes and drive letters are refused on every system alike.
    let absolute =
        path.has_root() || f.starts_with(['/', '\\']) || f.as_bytes().get(1) == Some(&b':');
    if f.is_empty() {
        return Err(at_key(crate::diag!(
            Error,
            "candidates-file-empty",
            folder = folder
        )));
    }
    if absolute {
        return Err(at_key(crate::diag!(
            Error,
            "candidates-file-absolute",
            file = f,
            folder = folder
        )));
    }
    let parent = f.split(['/', '\\']).any(|s| s == "..")
        || path.components().any(|c| c == Component::ParentDir);
    if parent {
        return Err(at_key(crate::diag!(
            Error,
            "candidates-file-outside",
            file = f,
            folder = folder
        )));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv" | "xlsx") => Ok(year_dir.join(path)),
        _ => Err(at_key(crate::diag!(
            Error,
            "candidates-file-type",
            file = f
        ))),
    }
}

/// Line and column of the value of the first `key:` in a YAML text.
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.trim_start().strip_prefix(key)?;
        let value = rest.trim_start().strip_prefix(':')?;
        let indent = line.chars().count() - line.trim_start().chars().count();
        let col = indent + key.chars().count() + (rest.chars().count() - value.chars().count());
        let pad = value.chars().count() - value.trim_start().chars().count();
        Some((i + 1, col + pad + 1))
    })
}

/// A field's column: 0-based index and the header text.
#[derive(Debug, Clone)]
pub(crate) struct Col {
    pub index: usize,
    pub header: String,
}

/// Where each field of `columns` is in the table.
#[derive(Debug, Clone)]
pub(crate) struct ColumnMap {
    pub name: Col,
    pub sex: Col,
    pub id_number: Col,
    pub phone: Col,
    pub college: Col,
    pub major: Col,
    pub category: Col,
    pub review: Col,
    pub choice: Option<Col>,
    pub registration: Option<Col>,
    pub extra: Vec<(String, Col)>,
}

/// Find every header named in `columns`; all missing ones are reported.
fn map_columns(
    table: &Table,
    rel: &Path,
    spec: &CandidateSpec,
    spec_src: &Source,
    diags: &mut Diagnostics,
) -> Option<ColumnMap> {
    let mut found: BTreeMap<String, Col> = BTreeMap::new();
    let mut missing = false;
    for (key, header) in wanted(&spec.columns) {
        let header = header.trim();
        match find_column(table, rel, header, diags) {
            None => {
                missing = true;
                diags.push(missing_header(table, rel, &key, header, spec_src));
            }
            Some(index) => {
                let col = Col {
                    index,
                    header: header.to_string(),
                };
                found.insert(key, col);
            }
        }
    }
    if missing {
        return None;
    }
    let mut take = |k: &str| found.remove(k);
    Some(ColumnMap {
        name: take("name")?,
        sex: take("sex")?,
        id_number: take("id_number")?,
        phone: take("phone")?,
        college: take("college")?,
        major: take("major")?,
        category: take("category")?,
        review: take("review")?,
        choice: take("choice"),
        registration: take("registration_number"),
        extra: found
            .into_iter()
            .filter_map(|(k, col)| Some((k.strip_prefix("extra.")?.to_string(), col)))
            .collect(),
    })
}

/// Each field's key (as `columns` names it) and the header it is under.
fn wanted(c: &Columns) -> Vec<(String, &str)> {
    let mut wanted: Vec<(String, &str)> = vec![
        ("name".into(), &c.name),
        ("sex".into(), &c.sex),
        ("id_number".into(), &c.id_number),
        ("phone".into(), &c.phone),
        ("college".into(), &c.college),
        ("major".into(), &c.major),
        ("category".into(), &c.category),
        ("review".into(), &c.review),
    ];
    if let Some(choice) = &c.choice {
        wanted.push(("choice".into(), choice));
    }
    if let Some(reg) = &c.registration_number {
        wanted.push(("registration_number".into(), reg));
    }
    for (k, h) in &c.extra {
        wanted.push((format!("extra.{k}"), h));
    }
    wanted
}

/// The first column headed `header`. A second one is an error, since which
/// of them is meant would be a guess.
fn find_column(table: &Table, rel: &Path, header: &str, diags: &mut Diagnostics) -> Option<usize> {
    let at: Vec<usize> = (0..table.headers.len())
        .filter(|&i| table.headers[i] == header)
        .collect();
    let (first, rest) = at.split_first()?;
    for i in rest {
        diags.push(
            table.at(
                crate::diag!(
                    Error,
                    "column-twice",
                    header = header,
                    first = first + 1,
                    second = i + 1
                )
                .in_file(rel),
                table.header_row,
                Some(i + 1),
            ),
        );
    }
    Some(*first)
}

fn missing_header(
    table: &Table,
    rel: &Path,
    key: &str,
    header: &str,
    spec_src: &Source,
) -> Diagnostic {
    let present: Vec<&str> = table
        .headers
        .iter()
        .map(String::as_str)
        .filter(|h| !h.is_empty())
        .collect();
    let d = crate::diag!(
        Error,
        "column-missing",
        header = header,
        key = key,
        present = present.join(&crate::t!("data-list-separator")),
        spec = &spec_src.path
    );
    let d = match did_you_mean(header, present.iter().copied()) {
        Some(hint) => d.hint(hint),
        None => d,
    };
    table.at(d.in_file(rel), table.header_row, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(file: &str) -> (CandidateSpec, Source) {
        let text = format!(
            "file: {file}\ncolumns:\n  name: 姓名\n  sex: 性别\n  id_number: 身份证号\n  phone: 手机号\n  college: 学校\n  major: 专业\n  category: 类别\n  review: 审核\n"
        );
        let src = Source {
            path: "content/2024/candidates.yaml".into(),
            text,
        };
        let spec = crate::load::files::parse_yaml(&src).unwrap();
        (spec, src)
    }

    #[test]
    fn review_values_default() {
        let (s, _) = spec("a.csv");
        assert_eq!(s.review_values, ReviewValues::default());
        assert!(s.review_values.pending.contains(&String::new()));
    }

    #[test]
    fn file_must_stay_in_the_year_folder() {
        let year = Path::new("content/2024");
        for (file, code) in [
            ("/etc/passwd.csv", "candidates-file-absolute"),
            ("C:\\x.csv", "candidates-file-absolute"),
            ("../2023/a.csv", "candidates-file-outside"),
            ("a\\..\\..\\b.csv", "candidates-file-outside"),
            ("a.txt", "candidates-file-type"),
        ] {
            let (s, src) = spec(&format!("'{file}'"));
            let d = resolve_file(year, &s, &src).unwrap_err();
            assert_eq!(d.code, code, "{file}");
            assert_eq!((d.line, d.column), (Some(1), Some(7)), "{file}");
        }
        let (s, src) = spec("lists/a.XLSX");
        assert_eq!(
            resolve_file(year, &s, &src).unwrap(),
            Path::new("content/2024/lists/a.XLSX")
        );
    }

    #[test]
    fn key_position_points_at_the_value() {
        assert_eq!(key_position("a: 1\n  file :  x\n", "file"), Some((2, 11)));
        assert_eq!(key_position("files: x\n", "file"), None);
    }
}
