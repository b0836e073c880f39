//! The papers as a renderer: every paper of a plan (or of one shard)
//! made on all cores and streamed into the sinks (the build's staging
//! folders). A paper whose inputs hash as in the previous build's
//! manifest is not made, read or linked: its folder is carried whole
//! from the previous output when the build is swapped in (see
//! [`crate::write::carry`]). Receipts are published encrypted under their
//! candidate's key; the staff copy (the plain PDF) and the colleges' forms
//! go to the private folder.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rayon::prelude::*;

use super::derivations::{self, Cost, Secret};
use super::jobs::{Job, Shard};
use super::key;
use super::lookup::{Master, SUFFIX};
use super::manifest::{self, Manifest};
use super::Plan;
use crate::diag::{Diagnostic, Diagnostics};
use crate::privacy::Secrets;
use crate::write::{Carry, Sink};

thread_local! {
    /// Each thread's sealed receipt, its room kept for the next one.
    static SEALED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Told of the total once, then of each paper done (a progress bar).
pub trait Progress: Sync {
    fn start(&self, _total: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

impl Progress for () {}

/// Where the papers go: the public output and the private folder.
#[derive(Clone, Copy)]
pub struct Sinks<'a> {
    pub public: &'a dyn Sink,
    pub private: &'a dyn Sink,
}

pub struct RunOptions<'a> {
    pub shard: Option<Shard>,
    /// The folders being replaced, whose unchanged papers and derivations are reused.
    pub previous_public: Option<&'a Path>,
    pub previous_private: Option<&'a Path>,
    pub progress: &'a dyn Progress,
    /// The privacy guard's numbers: each published receipt is searched as
    /// it is written (see [`RunReport::searched`]).
    pub secrets: Option<&'a Secrets>,
}

/// The folders of the previous output and private folder that the new
/// ones take over whole, with what they keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    pub public: Vec<Carry>,
    pub private: Vec<Carry>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub receipts: usize,
    pub forms: usize,
    pub rendered: usize,
    pub reused: usize,
    pub manifest: Manifest,
    pub carried: Carried,
    /// The receipts' key derivations: made, reused, and their CPU time.
    pub derived: usize,
    pub derivations_reused: usize,
    pub derive_cpu: Duration,
    /// By folder, the published receipts searched as they were written
    /// that held no candidate's number: their names, sorted.
    pub clean: BTreeMap<PathBuf, Vec<[u8; 16]>>,
}

impl RunReport {
    /// Whether the file at `rel` in the public output is a receipt this
    /// run searched as it wrote it and found clean: the guard need not
    /// read it back.
    pub fn searched(&self, rel: &Path) -> bool {
        let name = rel
            .file_name()
            .and_then(|f| f.to_str()?.strip_suffix(SUFFIX)?.strip_suffix('.'))
            .and_then(key::unhex);
        match (rel.parent().and_then(|dir| self.clean.get(dir)), name) {
            (Some(names), Some(n)) => names.binary_search(&n).is_ok(),
            _ => false,
        }
    }
}

/// A job with its candidate's master secret, for receipts.
type Keyed<'j> = (&'j Job<'j>, Option<Master>);

/// One paper's outcome, in the order of the jobs: the hash of its inputs
/// and whether the previous build's paper is kept. Its path and published
/// name follow from the job: 100,000 of these are 3 MB.
#[derive(Clone, Copy, Default)]
struct Made {
    hash: [u8; 32],
    reused: bool,
    /// A receipt's published name (see [`Master::name`]).
    public: Option<[u8; 16]>,
    /// Made, and searched for the guard's numbers as written: none found.
    clean: bool,
}

/// Which folders of the previous build can be carried: those holding
/// papers the manifest lists, when it and the folder are there.
struct Previous {
    manifest: manifest::Previous,
    /// Each folder of papers (e.g. `2024/receipts`): whether the previous
    /// public output and private folder have it, looked at once a build.
    found: HashMap<String, (bool, bool)>,
}

impl Previous {
    fn new(jobs: &[Job], plan: &Plan, opts: &RunOptions) -> Previous {
        let manifest = opts
            .previous_private
            .map(manifest::read)
            .unwrap_or_default();
        let mut found = HashMap::new();
        if !manifest.is_empty() {
            let there =
                |folder: Option<&Path>, dir: &str| folder.is_some_and(|f| f.join(dir).is_dir());
            for job in jobs {
                found.entry(job.dir(plan)).or_insert_with_key(|dir| {
                    (
                        there(opts.previous_public, dir),
                        there(opts.previous_private, dir),
                    )
                });
            }
        }
        Previous { manifest, found }
    }

    fn has(&self, public: bool, dir: &str) -> bool {
        self.found
            .get(dir)
            .is_some_and(|&(p, private)| if public { p } else { private })
    }
}

impl Plan {
    /// Make the papers of this shard into `to`.
    pub fn render(&self, to: Sinks, opts: &RunOptions) -> Result<RunReport, Diagnostics> {
        let jobs = self.jobs(opts.shard);
        self.create_folders(to)?;
        let prev = Previous::new(&jobs, self, opts);
        let (work, cost) = self.keys(&jobs, to, opts)?;
        // Problems are rare: they are gathered aside, not held per paper.
        let problems = Mutex::new(Diagnostics::new());
        // Last job first: the colleges' forms, each as long as hundreds of
        // receipts, come first, so that no core is left alone at the end.
        let mut made: Vec<Made> = work
            .par_iter()
            .rev()
            .map(|(job, master)| {
                let r = self.make(job, master.as_ref(), to, &prev, opts.secrets);
                opts.progress.advance();
                r.unwrap_or_else(|d| {
                    problems.lock().unwrap_or_else(|e| e.into_inner()).push(d);
                    Made::default()
                })
            })
            .collect();
        made.reverse();
        opts.progress.finish();
        let mut diags = problems.into_inner().unwrap_or_else(|e| e.into_inner());
        if diags.has_errors() {
            diags.sort();
            return Err(diags);
        }
        let reused = made.iter().filter(|m| m.reused).count();
        let receipts = cost.derived + cost.reused;
        Ok(RunReport {
            receipts,
            forms: jobs.len() - receipts,
            rendered: jobs.len() - reused,
            reused,
            carried: self.carried(&jobs, &made, &prev),
            manifest: Manifest::new(
                jobs.iter()
                    .zip(&made)
                    .map(|(j, m)| (format!("{}/{}", j.dir(self), j.name()), m.hash))
                    .collect(),
            ),
            derived: cost.derived,
            derivations_reused: cost.reused,
            derive_cpu: cost.cpu,
            clean: self.clean(&jobs, &made),
        })
    }

    /// Each job with its candidate's master secret (receipts only),
    /// derived or reused from the previous private folder.
    fn keys<'j>(
        &self,
        jobs: &'j [Job<'j>],
        to: Sinks,
        opts: &RunOptions,
    ) -> Result<(Vec<Keyed<'j>>, Cost), Diagnostic> {
        let secrets: Vec<Secret> = jobs
            .iter()
            .filter_map(|j| match j {
                Job::Receipt { year, c } => Some(Secret {
                    salt: self.years[*year].salt.as_deref().unwrap_or_default(),
                    id: c.id_number(),
                    name: c.name(),
                    phone: c.phone(),
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
                Job::Receipt { .. } => (j, next.next()),
                Job::Form { .. } => (j, None),
            })
            .collect();
        Ok((work, cost))
    }

    /// One paper: nothing to do when its hash is the previous build's and
    /// its folders are carried, else made and put into the sinks.
    fn make(
        &self,
        job: &Job,
        master: Option<&Master>,
        to: Sinks,
        prev: &Previous,
        secrets: Option<&Secrets>,
    ) -> Result<Made, Diagnostic> {
        let dir = job.dir(self);
        let rel = format!("{dir}/{}", job.name());
        match job {
            Job::Receipt { year, c } => {
                let master = master.ok_or_else(|| crate::diag!(Error, "receipt-without-key"))?;
                let name = master.name_bytes();
                let public_name = format!("{}.{SUFFIX}", key::hex(&name));
                let hash = self.receipt_hash(*year, c, &public_name);
                let reused = prev.manifest.get(&rel) == Some(&hash)
                    && prev.has(false, &dir)
                    && prev.has(true, &dir);
                let mut clean = false;
                if !reused {
                    let y = &self.years[*year];
                    let v = y.view(c);
                    let code = y.code(&self.key, c, &v);
                    let bytes = self.receipt_pdf(y, c, &v, &code)?;
                    let public = Path::new(&dir).join(&public_name);
                    clean = SEALED.with_borrow_mut(|sealed| {
                        master.seal_into(&bytes, sealed);
                        let clean = secrets.is_some_and(|s| s.find(sealed).is_none());
                        to.public.put(&public, sealed).map(|()| clean)
                    })?;
                    to.private.put(Path::new(&rel), &bytes)?;
                }
                Ok(Made {
                    hash,
                    reused,
                    public: Some(name),
                    clean,
                })
            }
            Job::Form {
                year,
                college,
                list,
            } => {
                let hash = self.form_hash(*year, list)?;
                let reused = prev.manifest.get(&rel) == Some(&hash) && prev.has(false, &dir);
                if !reused {
                    let bytes = self.form_pdf(*year, college, list)?;
                    to.private.put(Path::new(&rel), &bytes)?;
                }
                Ok(Made {
                    hash,
                    reused,
                    public: None,
                    clean: false,
                })
            }
        }
    }

    /// The folders to carry from the previous build, with the papers they
    /// keep: every folder of papers the previous build made.
    fn carried(&self, jobs: &[Job], made: &[Made], prev: &Previous) -> Carried {
        let mut public: BTreeMap<String, HashSet<String>> = BTreeMap::new();
        let mut private: BTreeMap<String, HashSet<String>> = BTreeMap::new();
        for (job, m) in jobs.iter().zip(made) {
            let dir = job.dir(self);
            if !prev.has(false, &dir) {
                continue;
            }
            let keep = private.entry(dir.clone()).or_default();
            if m.reused {
                keep.insert(job.name());
            }
            if let Some(name) = m.public.filter(|_| prev.has(true, &dir)) {
                let keep = public.entry(dir).or_default();
                if m.reused {
                    keep.insert(format!("{}.{SUFFIX}", key::hex(&name)));
                }
            }
        }
        // A folder keeping nothing is not carried: its files go with the old folder.
        let list = |m: BTreeMap<String, HashSet<String>>| {
            m.into_iter()
                .filter(|(_, keep)| !keep.is_empty())
                .map(|(dir, keep)| Carry {
                    dir: PathBuf::from(dir),
                    keep,
                })
                .collect()
        };
        Carried {
            public: list(public),
            private: list(private),
        }
    }

    /// The published receipts made and found clean, by folder.
    fn clean(&self, jobs: &[Job], made: &[Made]) -> BTreeMap<PathBuf, Vec<[u8; 16]>> {
        let mut out: BTreeMap<PathBuf, Vec<[u8; 16]>> = BTreeMap::new();
        for (job, m) in jobs.iter().zip(made) {
            if let Some(name) = m.public.filter(|_| m.clean) {
                out.entry(PathBuf::from(job.dir(self)))
                    .or_default()
                    .push(name);
            }
        }
        out.values_mut().for_each(|v| v.sort_unstable());
        out
    }

    fn create_folders(&self, to: Sinks) -> Result<(), Diagnostic> {
        for y in &self.years {
            let year = Path::new(&y.year.to_string()).to_path_buf();
            if y.spec.forms.is_some() {
                to.private.dir(&year.join("forms"))?;
            }
            if y.spec.receipts.is_some() {
                to.private.dir(&year.join("receipts"))?;
                to.public.dir(&year.join("receipts"))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_receipts_searched_as_written_count_as_searched() {
        let name = [0xab; 16];
        let mut report = RunReport::default();
        report
            .clean
            .insert(Path::new("2024").join("receipts"), vec![name]);
        let file = format!("2024/receipts/{}.{SUFFIX}", key::hex(&name));
        assert!(report.searched(Path::new(&file)));
        let other = format!("2024/receipts/{}.{SUFFIX}", key::hex(&[0xac; 16]));
        assert!(!report.searched(Path::new(&other)));
        // The same name elsewhere, or with another ending, is read again.
        let moved = format!("2023/receipts/{}.{SUFFIX}", key::hex(&name));
        assert!(!report.searched(Path::new(&moved)));
        let pdf = format!("2024/receipts/{}.pdf", key::hex(&name));
        assert!(!report.searched(Path::new(&pdf)));
    }
}
