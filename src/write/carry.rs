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

use super::{io_error, Access, Op};
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
        let file = fs::File::create(&journal).map_err(|e| io_error(Op::Write, &journal, e))?;
        Ok(Moves {
            journal,
            file,
            done: Vec::new(),
        })
    }

    pub fn rename(&mut self, from: &Path, to: &Path) -> Result<(), Diagnostic> {
        // Absolute: the next build may run from another folder.
        let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let line = format!("{}\t{}\n", abs(from).display(), abs(to).display());
        self.file
            .write_all(line.as_bytes())
            .map_err(|e| io_error(Op::Write, &self.journal, e))?;
        fs::rename(from, to).map_err(|e| io_error(Op::Move, from, e))?;
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
    for e in fs::read_dir(dir).map_err(|e| io_error(Op::Read, dir, e))? {
        let e = e.map_err(|e| io_error(Op::Read, dir, e))?;
        out.push(e.file_name().to_string_lossy().into_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{Sink, Stage};

    fn tree(root: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = walkdir::WalkDir::new(root)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    fn previous(tmp: &Path) -> PathBuf {
        let out = tmp.join("output");
        fs::create_dir_all(out.join("2024/receipts")).unwrap();
        for (name, text) in [("a.bin", "a"), ("b.bin", "b"), ("index.html", "old page")] {
            fs::write(out.join("2024/receipts").join(name), text).unwrap();
        }
        fs::write(out.join("index.html"), "old front").unwrap();
        out
    }

    fn carry_keeping(names: &[&str]) -> Vec<Carry> {
        vec![Carry {
            dir: "2024/receipts".into(),
            keep: names.iter().map(|n| n.to_string()).collect(),
        }]
    }

    #[test]
    fn keeps_the_carried_files_and_takes_the_new_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let out = previous(tmp.path());
        let stage = Stage::new(&out, Access::Public).unwrap();
        stage.dir(Path::new("2024/receipts")).unwrap();
        stage.put(Path::new("2024/receipts/c.bin"), b"c").unwrap();
        stage
            .put(Path::new("2024/receipts/index.html"), b"new page")
            .unwrap();
        stage.put(Path::new("index.html"), b"new front").unwrap();
        stage.commit_carrying(&carry_keeping(&["a.bin"])).unwrap();
        let want = [
            ("2024/receipts/a.bin", "a"),
            ("2024/receipts/c.bin", "c"),
            ("2024/receipts/index.html", "new page"),
            ("index.html", "new front"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(tree(&out), want);
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no staging, work folder or journal is left");
    }

    #[test]
    fn a_failed_swap_leaves_the_previous_output_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let out = previous(tmp.path());
        let before = tree(&out);
        let stage = Stage::new(&out, Access::Public).unwrap();
        stage.put(Path::new("index.html"), b"new front").unwrap();
        // A folder the previous output does not have: the move fails
        // after the receipts were carried.
        let mut carry = carry_keeping(&["a.bin"]);
        carry.push(Carry {
            dir: "2023/receipts".into(),
            keep: HashSet::new(),
        });
        assert!(stage.commit_carrying(&carry).is_err());
        assert_eq!(tree(&out), before);
    }

    #[test]
    fn the_next_build_undoes_a_killed_one() {
        let tmp = tempfile::tempdir().unwrap();
        let out = previous(tmp.path());
        let before = tree(&out);
        let stage = tmp.path().join(".output.gazette-new-1");
        let work = tmp.path().join(".output.gazette-work-1");
        fs::create_dir_all(stage.join("2024/receipts")).unwrap();
        fs::write(stage.join("2024/receipts/c.bin"), "c").unwrap();
        let mut moves = Moves::begin(&out).unwrap();
        apply(
            &mut moves,
            &carry_keeping(&["a.bin"]),
            &out,
            &stage,
            &work,
            Access::Public,
        )
        .unwrap();
        // Killed here: the journal stays.
        std::mem::forget(moves);
        assert!(!out.join("2024/receipts").exists());
        let next = Stage::new(&out, Access::Public).unwrap();
        assert_eq!(tree(&out), before);
        assert!(!stage.exists() && !work.exists() && !journal_path(&out).exists());
        drop(next);
    }
}
