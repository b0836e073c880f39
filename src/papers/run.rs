//! Making every paper of a plan into a folder: in parallel on all cores,
//! reusing the previous build's file wherever nothing that decides its
//! bytes changed, and optionally only one shard of the whole.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::manifest::{self, Manifest};
use super::{photo, Plan};
use crate::data::Candidate;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::pdf::writer::Meta;

/// The I-th (1-based) of N disjoint parts of the papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not I/N, e.g. 2/4"))?;
        let index: usize = i
            .trim()
            .parse()
            .map_err(|_| format!("`{i}` is not a number"))?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {index}/{count}: I must be between 1 and N"));
        }
        Ok(Shard { index, count })
    }
}

/// Told of the total once, then of each paper done (a progress bar).
pub trait Progress: Sync {
    fn start(&self, _total: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

impl Progress for () {}

pub struct RunOptions<'a> {
    pub shard: Option<Shard>,
    /// The output folder being replaced, whose unchanged papers are reused.
    pub previous: Option<&'a Path>,
    /// Where the hashes of the previous build are, and this one's go.
    pub manifest: &'a Path,
    pub progress: &'a dyn Progress,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub receipts: usize,
    pub forms: usize,
    pub rendered: usize,
    pub reused: usize,
    pub manifest: Manifest,
}

enum Job<'a> {
    Receipt {
        year: usize,
        c: &'a Candidate,
        token: String,
    },
    Form {
        year: usize,
        college: &'a str,
        list: Vec<&'a Candidate>,
    },
}

impl Job<'_> {
    fn path(&self, plan: &Plan) -> String {
        match self {
            Job::Receipt { year, token, .. } => {
                format!("{}/receipts/{token}.pdf", plan.years[*year].year)
            }
            Job::Form { year, college, .. } => {
                format!(
                    "{}/forms/{}.pdf",
                    plan.years[*year].year,
                    file_name(college)
                )
            }
        }
    }
}

/// A college name as a file name: path separators and reserved characters replaced.
fn file_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

impl Plan {
    fn jobs(&self) -> Vec<Job<'_>> {
        let mut jobs = Vec::new();
        for (i, y) in self.years.iter().enumerate() {
            if y.spec.receipts.is_some() {
                let salt = self.key.salt(y.year);
                let mut receipts: Vec<Job> = y
                    .list
                    .candidates
                    .iter()
                    .map(|c| Job::Receipt {
                        year: i,
                        c,
                        token: super::key::token(&salt, &c.id_number, &c.name),
                    })
                    .collect();
                // By token: shards then hold no recognisable slice of the list.
                receipts.sort_by_key(|j| j.path(self));
                jobs.extend(receipts);
            }
            for (college, list) in y.form_groups() {
                jobs.push(Job::Form {
                    year: i,
                    college,
                    list,
                });
            }
        }
        jobs
    }

    /// Make the papers of this shard into `stage`.
    pub fn run(&self, stage: &Path, opts: &RunOptions) -> Result<RunReport, Diagnostics> {
        let all = self.jobs();
        let jobs: Vec<&Job> = match opts.shard {
            Some(s) => all
                .iter()
                .enumerate()
                .filter(|(i, _)| i % s.count == s.index - 1)
                .map(|(_, j)| j)
                .collect(),
            None => all.iter().collect(),
        };
        for y in &self.years {
            for sub in ["receipts", "forms"] {
                let dir = stage.join(y.year.to_string()).join(sub);
                std::fs::create_dir_all(&dir).map_err(|e| {
                    Diagnostic::error(format!("failed to create `{}`", dir.display()))
                        .cause(e)
                        .io()
                })?;
            }
        }
        let old = match opts.previous {
            Some(_) => manifest::read(opts.manifest),
            None => Manifest::new(),
        };
        opts.progress.start(jobs.len() as u64);
        let reused = AtomicUsize::new(0);
        let results: Vec<Result<(String, String), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let r = self.make(job, stage, &old, opts.previous, &reused);
                opts.progress.advance();
                r
            })
            .collect();
        opts.progress.finish();
        let mut diags = Diagnostics::new();
        let mut manifest = Manifest::new();
        for r in results {
            match r {
                Ok((path, hash)) => {
                    manifest.insert(path, hash);
                }
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            diags.sort();
            return Err(diags);
        }
        let receipts = jobs
            .iter()
            .filter(|j| matches!(j, Job::Receipt { .. }))
            .count();
        let reused = reused.into_inner();
        Ok(RunReport {
            receipts,
            forms: jobs.len() - receipts,
            rendered: jobs.len() - reused,
            reused,
            manifest,
        })
    }

    /// One paper: reuse the previous file when its hash is unchanged, else render it.
    fn make(
        &self,
        job: &Job,
        stage: &Path,
        old: &Manifest,
        previous: Option<&Path>,
        reused: &AtomicUsize,
    ) -> Result<(String, String), Diagnostic> {
        let rel = job.path(self);
        let mut hash = Sha256::new();
        let render: Box<dyn FnOnce() -> Result<Vec<u8>, Diagnostic> + '_> = match job {
            Job::Receipt { year, c, .. } => {
                let y = &self.years[*year];
                let text = self.receipt_text(y, c)?;
                hash.update(self.receipt.fingerprint.as_bytes());
                hash.update(text.as_bytes());
                Box::new(move || self.receipt_pdf(y, c, &text))
            }
            Job::Form {
                year,
                college,
                list,
            } => {
                let y = &self.years[*year];
                hash.update(self.form.fingerprint.as_bytes());
                let mut pages = Vec::with_capacity(list.len());
                for c in list {
                    let v = y.view(c);
                    let text = self.layout_text(y, "form", Some(c), &v, "")?;
                    hash.update(text.as_bytes());
                    let photo = match y.spec.forms.as_ref().and_then(|f| f.photos.as_ref()) {
                        Some(dir) => photo::find(&self.site_root, &y.dir.join(dir), &c.id_number)
                            .map(|p| {
                                let whose =
                                    format!("{} (row {} of the candidate list)", c.name, c.row);
                                photo::read(&p, &c.id_number, &whose)
                            })
                            .transpose()?,
                        None => None,
                    };
                    if let Some(p) = &photo {
                        hash.update(p.hash.as_bytes());
                    }
                    pages.push((*c, text, photo));
                }
                let title = format!("{}年免试推荐登记表 {college}", y.year);
                Box::new(move || {
                    let photos = pages
                        .iter()
                        .map(|(_, _, p)| p.as_ref().map(photo::PhotoFile::decode).transpose())
                        .collect::<Result<Vec<_>, _>>()?;
                    let mut laid = Vec::new();
                    for ((c, text, _), photo) in pages.iter().zip(&photos) {
                        let aspect = photo
                            .as_ref()
                            .map(|p| p.width as f32 / p.height.max(1) as f32);
                        for page in self.lay_out_text(y, "form", Some(c), text, aspect)? {
                            laid.push((page, photo.as_ref()));
                        }
                    }
                    let meta = Meta {
                        title: &title,
                        author: &self.authority,
                        subject: None,
                        date: None,
                    };
                    crate::render::pdf::document(&self.fonts, Some(&self.form.shared), &laid, &meta)
                        .map_err(|e| Diagnostic::error(e.to_string()).in_file(&y.list.file))
                })
            }
        };
        let hash = super::key::hex(&hash.finalize());
        let dest = stage.join(&rel);
        if let (Some(prev), Some(h)) = (previous, old.get(&rel)) {
            let from = prev.join(&rel);
            if *h == hash
                && from.is_file()
                && (std::fs::hard_link(&from, &dest).is_ok() || std::fs::copy(&from, &dest).is_ok())
            {
                reused.fetch_add(1, Ordering::Relaxed);
                return Ok((rel, hash));
            }
        }
        let bytes = render()?;
        std::fs::write(&dest, bytes).map_err(|e| {
            Diagnostic::error(format!("failed to write `{}`", dest.display()))
                .cause(e)
                .io()
        })?;
        Ok((rel, hash))
    }
}

/// Every ID number of the exempt candidates, for matching photo names.
pub(super) fn exempt_ids(y: &super::YearInput) -> HashSet<&str> {
    y.form_groups()
        .values()
        .flatten()
        .map(|c| c.id_number.as_str())
        .collect()
}
