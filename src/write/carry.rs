//! Folders carried whole from the previous generation into the new one:
//! the 100,000 receipts of a year stay where they are and move with one
//! rename, and only the files this build made or dropped move one by one.
//!
//! Every rename is written to a journal beside the target before it is
//! made. A failure undoes the renames in reverse order; a build killed
//! halfway leaves the journal, and the next build undoes what it lists
//! before anything else (see [`recover`]). The journal is not synced to
//! the disk: it covers a killed process, not a power cut.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{io_error, Access};
use crate::diag::Diagnostic;

/// A folder of the previous output (relative to it) to keep, with the
/// names in it that this build keeps; any other file in it is set aside,
/// and the new output's files in that folder go in instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carry {
    pub dir: PathBuf,
    pub keep: HashSet<String>,
}

/// Where the renames of a swap into `target` are listed.
pub fn journal_path(target: &Path) -> PathBuf {
    super::staging_name_fixed(target, "journal")
}

/// Renames made so far, each listed in the journal before it was made.
pub struct Moves {
    journal: PathBuf,
    file: fs::File,
    done: Vec<(PathBuf, PathBuf)>,
}

impl Moves {
    pub fn begin(target: &Path) -> Result<Moves, Diagnostic> {
        let journal = journal_path(target);
        let file = fs::File::create(&journal).map_err(|e| io_error("write", &journal, e))?;
        Ok(Moves {
            journal,
            file,
            done: Vec::new(),
        })
    }

    pub fn rename(&mut self, from: &Path, to: &Path) -> Result<(), Diagnostic> {
        let line = format!("{}\t{}\n", from.display(), to.display());
        self.file
            .write_all(line.as_bytes())
            .map_err(|e| io_error("write", &self.journal, e))?;
        fs::rename(from, to).map_err(|e| io_error("move", from, e))?;
        self.done.push((from.to_path_buf(), to.to_path_buf()));
        Ok(())
    }

    /// Put everything back where it was, newest first.
    pub fn undo(mut self) {
        for (from, to) in self.done.drain(..).rev() {
            let _ = fs::rename(&to, &from);
        }
        let _ = fs::remove_file(&self.journal);
    }

    /// The swap is done: the renames stay.
    pub fn finish(self) {
        let _ = fs::remove_file(&self.journal);
    }
}

/// Undo the renames a killed build listed in the journal of `target`: a
/// rename whose destination exists and whose source does not is reversed,
/// newest first. After the swap, the moved folders are in the new output
/// and their staging paths are gone, so nothing is reversed.
pub fn recover(target: &Path) {
    let journal = journal_path(target);
    let Ok(text) = fs::read_to_string(&journal) else {
        return;
    };
    let moves: Vec<(&str, &str)> = text.lines().filter_map(|l| l.split_once('\t')).collect();
    for (from, to) in moves.into_iter().rev() {
        let (from, to) = (Path::new(from), Path::new(to));
        if to.exists() && !from.exists() {
            let _ = fs::rename(to, from);
        }
    }
    let _ = fs::remove_file(&journal);
}

/// Move `carry`'s folders from `previous` into `stage`, set aside (into
/// `work`) what the new build does not keep, and put the stage's own files
/// of those folders in. On failure everything is moved back.
pub fn apply(
    moves: &mut Moves,
    carry: &[Carry],
    previous: &Path,
    stage: &Path,
    work: &Path,
    access: Access,
) -> Result<(), Diagnostic> {
    super::create_dir(work, access)?;
    for (i, c) in carry.iter().enumerate() {
        let old = previous.join(&c.dir);
        let new = stage.join(&c.dir);
        let fresh = work.join(format!("fresh-{i}"));
        let aside = work.join(format!("aside-{i}"));
        if new.exists() {
            moves.rename(&new, &fresh)?;
        }
        if let Some(parent) = new.parent() {
            super::create_dir(parent, access)?;
        }
        moves.rename(&old, &new)?;
        super::create_dir(&aside, access)?;
        for name in names(&new)? {
            if !c.keep.contains(&name) {
                moves.rename(&new.join(&name), &aside.join(&name))?;
            }
        }
        if fresh.exists() {
            for name in names(&fresh)? {
                moves.rename(&fresh.join(&name), &new.join(&name))?;
            }
        }
    }
    Ok(())
}

fn names(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).map_err(|e| io_error("read", dir, e))? {
        let e = e.map_err(|e| io_error("read", dir, e))?;
        out.push(e.file_name().to_string_lossy().into_owned());
    }
    Ok(out)
}
