//! The receipts' key derivations (the slow part of a build), once per
//! candidate on all cores, and kept in the private folder so that the
//! next build derives again only where a candidate's ID number, name or
//! phone, the year's salt or the work factor changed. An entry is filed
//! under an HMAC of all of those under the authority's key: the file
//! gives no fast way to test guesses of a candidate's secret.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rayon::prelude::*;

use super::key::{push_hex, unhex, Key};
use super::lookup::{self, Master, ITERATIONS};
use super::run::Progress;
use crate::diag::Diagnostic;
use crate::write::Sink;

/// Its name in the private folder.
pub const FILE: &str = "derivations.txt";

/// One candidate's secret, as registered, and the year's salt.
pub struct Secret<'a> {
    pub salt: &'a str,
    pub id: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
}

/// What an entry is filed under (see the module's text).
type Entry = [u8; 16];

impl Secret<'_> {
    fn entry(&self, key: &Key) -> Entry {
        let text = format!(
            "{ITERATIONS}\n{}\n{}\n{}\n{}",
            self.salt,
            lookup::normalise_id(self.id),
            lookup::normalise_name(self.name),
            lookup::normalise_phone(self.phone)
        );
        let mac = key.mac("gazette derivation cache", text.as_bytes());
        let mut e = [0u8; 16];
        e.copy_from_slice(&mac[..16]);
        e
    }
}

/// What the derivations of a run cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cost {
    pub derived: usize,
    pub reused: usize,
    /// Summed over the threads: what the derivations cost in CPU time.
    pub cpu: Duration,
}

/// The previous build's derivations; a missing or damaged file derives afresh.
fn read(private: Option<&Path>) -> HashMap<Entry, [u8; 32]> {
    let Some(text) = private.and_then(|d| std::fs::read_to_string(d.join(FILE)).ok()) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|line| {
            let (id, master) = line.split_once(' ')?;
            Some((unhex(id)?, unhex(master)?))
        })
        .collect()
}

/// The file's text: one `entry master` line each, sorted, no repeats.
fn text(entries: &[Entry], masters: &[Master]) -> Vec<u8> {
    let mut lines: Vec<(&Entry, &[u8; 32])> =
        entries.iter().zip(masters.iter().map(|m| &m.0)).collect();
    // Hex keeps the order of the bytes.
    lines.sort_unstable();
    lines.dedup();
    let mut s = String::with_capacity(lines.len() * 98);
    for (e, m) in lines {
        push_hex(&mut s, e);
        s.push(' ');
        push_hex(&mut s, m);
        s.push('\n');
    }
    s.into_bytes()
}

/// The master secret of every candidate in `secrets` (in order), reused
/// from `previous` (a private folder) where possible; the set is written
/// into `stage` (the new private folder).
pub fn derive_all(
    key: &Key,
    secrets: &[Secret],
    previous: Option<&Path>,
    stage: &dyn Sink,
    progress: &dyn Progress,
    papers: usize,
) -> Result<(Vec<Master>, Cost), Diagnostic> {
    let old = read(previous);
    let entries: Vec<Entry> = secrets.par_iter().map(|s| s.entry(key)).collect();
    let missing = entries.iter().filter(|e| !old.contains_key(*e)).count();
    progress.start((missing + papers) as u64);
    let nanos = AtomicU64::new(0);
    let masters: Vec<Master> = secrets
        .par_iter()
        .zip(&entries)
        .map(|(s, e)| match old.get(e) {
            Some(m) => Master(*m),
            None => {
                let t = thread_cpu();
                let m = lookup::derive(s.salt, s.id, s.name, s.phone, ITERATIONS);
                let spent = thread_cpu().saturating_sub(t);
                nanos.fetch_add(spent.as_nanos() as u64, Ordering::Relaxed);
                progress.advance();
                m
            }
        })
        .collect();
    drop(old);
    stage.put(Path::new(FILE), &text(&entries, &masters))?;
    Ok((
        masters,
        Cost {
            derived: missing,
            reused: secrets.len() - missing,
            cpu: Duration::from_nanos(nanos.into_inner()),
        },
    ))
}

/// CPU time of this thread: on a busy machine, wall time would count the waiting.
#[cfg(target_os = "linux")]
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}
