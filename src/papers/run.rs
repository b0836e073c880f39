//! Making every paper of a plan: in parallel on all cores, reusing the
//! previous build's files wherever nothing that decides their bytes
//! changed, and optionally only one shard of the whole. Receipts are
//! published encrypted under their candidate's key; the staff copy (the
//! plain PDF) and the colleges' forms go to the private folder.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::derivations::{self, Cost, Secret};
use super::lookup::{Master, SUFFIX};
use super::manifest::{self, Manifest};
use super::{photo, Plan};
use crate::data::Candidate;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::pdf::writer::Meta;
use crate::write::{create_dir, write_file, Access};

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

/// A pair of folders: the public output and the private one.
#[derive(Debug, Clone, Copy)]
pub struct Folders<'a> {
    pub public: &'a Path,
    pub private: &'a Path,
}

pub struct RunOptions<'a> {
    pub shard: Option<Shard>,
    /// The folders being replaced, whose unchanged papers and derivations are reused.
    pub previous_public: Option<&'a Path>,
    pub previous_private: Option<&'a Path>,
    pub progress: &'a dyn Progress,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub receipts: usize,
    pub forms: usize,
    pub rendered: usize,
    pub reused: usize,
    pub manifest: Manifest,
    /// The receipts' key derivations: made, reused, and their CPU time.
    pub derived: usize,
    pub derivations_reused: usize,
    pub derive_cpu: Duration,
}

enum Job<'a> {
    Receipt {
        year: usize,
        c: &'a Candidate,
        /// Its place in the shard order: an HMAC of the ID number.
        rank: [u8; 32],
    },
    Form {
        year: usize,
        college: &'a str,
        list: Vec<&'a Candidate>,
    },
}

impl Job<'_> {
    /// Where the paper goes in the private folder: receipts (the staff copy)
    /// by registration number, forms by college.
    fn path(&self, plan: &Plan) -> String {
        match self {
            Job::Receipt { year, c, .. } => format!(
                "{}/receipts/{}.pdf",
                plan.years[*year].year,
                file_name(c.registration_number.as_deref().unwrap_or(&c.name))
            ),
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

/// A job with its candidate's master secret, for receipts.
type Keyed<'j> = (&'j Job<'j>, Option<Master>);

/// Renders a paper whose hash did not match the previous build's.
type Render<'a> = Box<dyn FnOnce() -> Result<Vec<u8>, Diagnostic> + 'a>;

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
                let mut receipts: Vec<Job> = y
                    .list
                    .candidates
                    .par_iter()
                    .map(|c| Job::Receipt {
                        year: i,
                        c,
                        rank: self.key.mac(
                            "gazette shard",
                            format!("{}\n{}", y.year, c.id_number).as_bytes(),
                        ),
                    })
                    .collect();
                // By a keyed hash: shards then hold no recognisable slice of the list.
                receipts.sort_by_key(|j| match j {
                    Job::Receipt { rank, .. } => *rank,
                    Job::Form { .. } => [0; 32],
                });
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

    /// Make the papers of this shard into the new folders `to`.
    pub fn run(&self, to: Folders, opts: &RunOptions) -> Result<RunReport, Diagnostics> {
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
        self.create_folders(to)?;
        let old = opts
            .previous_private
            .map(manifest::read)
            .unwrap_or_default();
        let (work, cost) = self.keys(&jobs, to, opts)?;
        let reused = AtomicUsize::new(0);
        let results: Vec<Result<(String, String), Diagnostic>> = work
            .par_iter()
            .map(|(job, master)| {
                let r = self.make(job, master.as_ref(), to, &old, opts, &reused);
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
        let receipts = cost.derived + cost.reused;
        let reused = reused.into_inner();
        Ok(RunReport {
            receipts,
            forms: jobs.len() - receipts,
            rendered: jobs.len() - reused,
            reused,
            manifest,
            derived: cost.derived,
            derivations_reused: cost.reused,
            derive_cpu: cost.cpu,
        })
    }

    /// Each job with its candidate's master secret (receipts only),
    /// derived or reused from the previous private folder.
    fn keys<'j>(
        &self,
        jobs: &[&'j Job<'j>],
        to: Folders,
        opts: &RunOptions,
    ) -> Result<(Vec<Keyed<'j>>, Cost), Diagnostic> {
        let salts: Vec<String> = self.years.iter().map(|y| self.key.salt(y.year)).collect();
        let secrets: Vec<Secret> = jobs
            .iter()
            .filter_map(|j| match j {
                Job::Receipt { year, c, .. } => Some(Secret {
                    salt: &salts[*year],
                    id: &c.id_number,
                    name: &c.name,
                    phone: &c.phone,
                }),
                Job::Form { .. } => None,
            })
            .collect();
        let (masters, cost) = derivations::derive_all(
            &self.key,
            &secrets,
            opts.previous_private,
            to.private,
            opts.progress,
            jobs.len(),
        )?;
        // `masters` follow the receipt jobs in order.
        let mut next = masters.into_iter();
        let work = jobs
            .iter()
            .map(|j| match j {
                Job::Receipt { .. } => (*j, next.next()),
                Job::Form { .. } => (*j, None),
            })
            .collect();
        Ok((work, cost))
    }

    /// One paper: reuse the previous files when its hash is unchanged, else render it.
    fn make(
        &self,
        job: &Job,
        master: Option<&Master>,
        to: Folders,
        old: &Manifest,
        opts: &RunOptions,
        reused: &AtomicUsize,
    ) -> Result<(String, String), Diagnostic> {
        let rel = job.path(self);
        let mut hash = Sha256::new();
        // The receipt's published (encrypted) copy, beside the staff copy.
        let mut published = None;
        let render: Render = match job {
            Job::Receipt { year, c, .. } => {
                let y = &self.years[*year];
                let text = self.receipt_text(y, c)?;
                let master =
                    master.ok_or_else(|| Diagnostic::error("a receipt without its key"))?;
                let public = format!("{}/receipts/{}.{SUFFIX}", y.year, master.name());
                hash.update(self.receipt.fingerprint.as_bytes());
                hash.update(public.as_bytes());
                hash.update(text.as_bytes());
                published = Some((public, master));
                Box::new(move || self.receipt_pdf(y, c, &text))
            }
            Job::Form {
                year,
                college,
                list,
            } => self.form_paper(&self.years[*year], college, list, &mut hash)?,
        };
        let hash = super::key::hex(&hash.finalize());
        let linked = |from: Option<&Path>, into: &Path, rel: &str| {
            from.is_some_and(|prev| {
                let (src, dest) = (prev.join(rel), into.join(rel));
                src.is_file()
                    && (std::fs::hard_link(&src, &dest).is_ok()
                        || std::fs::copy(&src, &dest).is_ok())
            })
        };
        if old.get(&rel) == Some(&hash)
            && linked(opts.previous_private, to.private, &rel)
            && published
                .as_ref()
                .is_none_or(|(p, _)| linked(opts.previous_public, to.public, p))
        {
            reused.fetch_add(1, Ordering::Relaxed);
            return Ok((rel, hash));
        }
        let bytes = render()?;
        if let Some((public, master)) = &published {
            write_file(
                &to.public.join(public),
                &master.seal(&bytes),
                Access::Public,
            )?;
        }
        write_file(&to.private.join(&rel), &bytes, Access::Private)?;
        Ok((rel, hash))
    }

    fn create_folders(&self, to: Folders) -> Result<(), Diagnostic> {
        for y in &self.years {
            let year = y.year.to_string();
            if y.spec.forms.is_some() {
                create_dir(&to.private.join(&year).join("forms"), Access::Private)?;
            }
            if y.spec.receipts.is_some() {
                create_dir(&to.private.join(&year).join("receipts"), Access::Private)?;
                create_dir(&to.public.join(&year).join("receipts"), Access::Public)?;
            }
        }
        Ok(())
    }

    /// A college's form: its hash fed with what decides it, and how to render it.
    fn form_paper<'a>(
        &'a self,
        y: &'a super::YearInput,
        college: &str,
        list: &[&'a Candidate],
        hash: &mut Sha256,
    ) -> Result<Render<'a>, Diagnostic> {
        hash.update(self.form.fingerprint.as_bytes());
        let mut pages = Vec::with_capacity(list.len());
        for c in list {
            let v = y.view(c);
            let text = self.layout_text(y, "form", Some(c), &v, "")?;
            hash.update(text.as_bytes());
            let photo = match y.spec.forms.as_ref().and_then(|f| f.photos.as_ref()) {
                Some(dir) => photo::find(&self.site_root, &y.dir.join(dir), &c.id_number)
                    .map(|p| {
                        let whose = format!("{} (row {} of the candidate list)", c.name, c.row);
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
        Ok(Box::new(move || {
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
        }))
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
