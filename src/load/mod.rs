//! Stage 1, load: read `gazette.yaml` and every `content/<year>/` folder
//! into typed values. All problems are collected, not just the first.

pub mod files;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostics;
use crate::model::calendar::{Calendar, CalendarFile};
use crate::model::candidates::CandidateSpec;
use crate::model::config::SiteConfig;
use crate::model::papers::PapersSpec;
use crate::model::publicity::PublicitySpec;
use crate::model::schedule::{Phase, ScheduleFile, ScheduleTable};
use crate::model::year::{CategoriesFile, Category, DocumentMeta, RulesFile};
pub use files::Source;
use files::{parse_yaml, read_source};

pub const CONFIG_FILE: &str = "gazette.yaml";

#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// `gazette.yaml` as written, for positions in later checks.
    pub config_src: Source,
    pub years: Vec<Year>,
    /// Warnings found while loading (skipped folders and links).
    pub warnings: Diagnostics,
}

/// Everything in one `content/<year>/` folder, parsed but not yet checked.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    /// The folder, relative to the site root.
    pub dir: PathBuf,
    pub meta: DocumentMeta,
    pub phases: Vec<Phase>,
    /// How `{{ schedule | table }}` lays the phases out.
    pub schedule_table: ScheduleTable,
    pub categories: Vec<Category>,
    pub rules: BTreeMap<String, Vec<String>>,
    pub calendar_file: CalendarFile,
    pub calendar: Calendar,
    /// The YAML sources, kept for positions in later checks.
    pub sources: BTreeMap<&'static str, Source>,
    pub body: Source,
    /// One source per attachment (None when the attachment has no body file).
    pub attachment_bodies: Vec<Option<Source>>,
    /// `candidates.yaml`, when the year has a candidate list.
    pub candidates: Option<(CandidateSpec, Source)>,
    /// `publicity.yaml`, when the year publishes review results.
    pub publicity: Option<(PublicitySpec, Source)>,
    /// `papers.yaml`, when the year makes receipts and recommendation forms.
    pub papers: Option<(PapersSpec, Source)>,
}

pub fn load(root: &Path) -> Result<Site, Diagnostics> {
    let config_src = read_source(root, Path::new(CONFIG_FILE)).map_err(|d| {
        if root.join(CONFIG_FILE).exists() {
            d
        } else {
            crate::diag!(Error, "no-site", file = CONFIG_FILE, folder = root).io()
        }
    })?;
    let mut diags = Diagnostics::new();
    let config: Option<SiteConfig> =
        match files::control_diagnostic(&config_src.path, &config_src.text) {
            Some(d) => {
                diags.push(d);
                None
            }
            None => parse_yaml(&config_src).map_err(|d| diags.push(d)).ok(),
        };

    let mut years = Vec::new();
    for (year, dir) in year_dirs(root, &mut diags) {
        match load_year(root, year, &dir) {
            Ok(y) => years.push(y),
            Err(d) => diags.extend(d),
        }
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    if years.is_empty() {
        return Err(crate::diag!(Error, "no-year-folder")
            .in_file("content")
            .into());
    }
    let Some(config) = config else {
        return Err(diags);
    };
    Ok(Site {
        root: root.to_path_buf(),
        config,
        config_src,
        years,
        warnings: diags,
    })
}

/// `content/<four digits>/` folders, sorted; other entries are warned about.
fn year_dirs(root: &Path, diags: &mut Diagnostics) -> Vec<(i32, PathBuf)> {
    let content = root.join("content");
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(
                    crate::diag!(Error, "content-unlistable")
                        .in_file("content")
                        .cause(e),
                );
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.path_is_symlink() {
            diags.push(
                crate::diag!(Warning, "year-folder-is-link", name = &name)
                    .in_file(PathBuf::from("content").join(&name)),
            );
            continue;
        }
        let year = name.parse::<i32>().ok().filter(|_| name.len() == 4);
        match (year, entry.file_type().is_dir()) {
            (Some(y), true) => out.push((y, PathBuf::from("content").join(&name))),
            _ if name.starts_with('.') || !entry.file_type().is_dir() => {}
            _ => diags.push(
                crate::diag!(Warning, "not-a-year-folder", name = &name)
                    .in_file(PathBuf::from("content").join(&name)),
            ),
        }
    }
    out
}

fn load_year(root: &Path, year: i32, dir: &Path) -> Result<Year, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut sources = BTreeMap::new();
    let mut read = |name: &'static str| -> Option<Source> {
        match read_source(root, &dir.join(name)) {
            // A control character is reported once, as itself, not again by the parser.
            Ok(s) => match files::control_diagnostic(&s.path, &s.text) {
                Some(d) => {
                    diags.push(d);
                    None
                }
                None => {
                    sources.insert(name, s.clone());
                    Some(s)
                }
            },
            Err(d) => {
                diags.push(d);
                None
            }
        }
    };
    let meta_src = read("notice.yaml");
    let sched_src = read("schedule.yaml");
    let cat_src = read("categories.yaml");
    let rules_src = read("rules.yaml");
    let cal_src = read("calendar.yaml");

    fn parse<T: serde::de::DeserializeOwned>(
        src: Option<&Source>,
        diags: &mut Diagnostics,
    ) -> Option<T> {
        src.and_then(|s| parse_yaml(s).map_err(|d| diags.push(d)).ok())
    }
    let meta: Option<DocumentMeta> = parse(meta_src.as_ref(), &mut diags);
    let sched: Option<ScheduleFile> = parse(sched_src.as_ref(), &mut diags);
    let cats: Option<CategoriesFile> = parse(cat_src.as_ref(), &mut diags);
    let rules: Option<RulesFile> = parse(rules_src.as_ref(), &mut diags);
    let cal: Option<CalendarFile> = parse(cal_src.as_ref(), &mut diags);

    let candidates = optional::<CandidateSpec>(root, &dir.join("candidates.yaml"), &mut diags);
    let publicity = optional::<PublicitySpec>(root, &dir.join("publicity.yaml"), &mut diags);
    let papers = optional::<PapersSpec>(root, &dir.join("papers.yaml"), &mut diags);
    let mut body = None;
    let mut attachment_bodies = Vec::new();
    if let (Some(meta), Some(meta_src)) = (&meta, &meta_src) {
        body = content_file(root, dir, &meta.body, meta_src, &mut diags);
        for a in &meta.attachments {
            attachment_bodies.push(
                a.body
                    .as_ref()
                    .and_then(|b| content_file(root, dir, b, meta_src, &mut diags)),
            );
        }
    }
    match (meta, sched, cats, rules, cal, body) {
        (Some(meta), Some(sched), Some(cats), Some(rules), Some(cal), Some(body))
            if !diags.has_errors() =>
        {
            Ok(Year {
                year,
                dir: dir.to_path_buf(),
                meta,
                phases: sched.phases,
                schedule_table: sched.table,
                categories: cats.categories,
                rules: rules.rules,
                calendar: Calendar::from_file(&cal),
                calendar_file: cal,
                sources,
                body,
                attachment_bodies,
                candidates,
                publicity,
                papers,
            })
        }
        _ => Err(diags),
    }
}

/// A YAML file a year may have; absent is fine.
fn optional<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<(T, Source)> {
    if !root.join(rel).exists() {
        return None;
    }
    let src = read_source(root, rel).map_err(|d| diags.push(d)).ok()?;
    if let Some(d) = files::control_diagnostic(&src.path, &src.text) {
        diags.push(d);
        return None;
    }
    let value = parse_yaml(&src).map_err(|d| diags.push(d)).ok()?;
    Some((value, src))
}

/// Read a Markdown file named in notice.yaml; it must stay inside the year folder.
fn content_file(
    root: &Path,
    dir: &Path,
    name: &str,
    named_in: &Source,
    diags: &mut Diagnostics,
) -> Option<Source> {
    let rel = Path::new(name);
    let escapes = rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    let at = named_in.text.find(name).unwrap_or(0);
    if escapes {
        diags.push(
            crate::diag!(Error, "named-file-outside-year", name = name)
                .in_file(&named_in.path)
                .at_offset(&named_in.text, at),
        );
        return None;
    }
    if !root.join(dir).join(rel).exists() {
        let from = named_in.text.find(&format!(": {name}")).map(|i| i + 2);
        diags.push(files::missing_file(
            root,
            &dir.join(rel),
            named_in,
            from.or(Some(at)),
        ));
        return None;
    }
    match read_source(root, &dir.join(rel)) {
        Ok(s) => match files::control_diagnostic(&s.path, &s.text) {
            Some(d) => {
                diags.push(d);
                None
            }
            None => Some(s),
        },
        Err(d) => {
            let path = dir.join(rel);
            let mut named = crate::diag!(Error, "named-file-unreadable", name = name, path = &path)
                .in_file(&named_in.path)
                .at_offset(&named_in.text, at)
                .cause(&d.message);
            if let Some(h) = d.hint {
                named = named.hint(h);
            }
            diags.push(named);
            None
        }
    }
}
