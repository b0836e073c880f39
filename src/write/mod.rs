//! Stage 5, write: the new output is written into a fresh folder beside
//! the target and swapped in only when complete, so a build either fully
//! replaces the output folder or leaves it as it was.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::render::OutputFile;

pub mod carry;
pub use carry::Carry;

/// What the write stage was doing to a file when the system refused.
#[derive(Clone, Copy)]
enum Op {
    Create,
    Write,
    Read,
    Move,
    MoveAway,
    Replace,
}

fn io_error(op: Op, path: &Path, e: std::io::Error) -> Diagnostic {
    let d = match op {
        Op::Create => crate::diag!(Error, "output-create-failed", file = path),
        Op::Write => crate::diag!(Error, "output-write-failed", file = path),
        Op::Read => crate::diag!(Error, "output-read-failed", file = path),
        Op::Move => crate::diag!(Error, "output-move-failed", file = path),
        Op::MoveAway => crate::diag!(Error, "output-move-away-failed", file = path),
        Op::Replace => crate::diag!(Error, "output-replace-failed", file = path),
    };
    d.cause(e).hint(crate::t!("output-io-hint")).io()
}

/// Sibling folder names used while building; leftovers of killed builds are removed.
fn staging_name(target: &Path, tag: &str) -> PathBuf {
    staging_name_fixed(target, &format!("{tag}-{}", std::process::id()))
}

/// A sibling name that the next build finds whatever its process id.
fn staging_name_fixed(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().to_string());
    target.with_file_name(format!(".{name}.gazette-{tag}"))
}

/// Clean up after builds that were killed: a killed swap may have left the
/// previous output under its temporary name, which is put back first.
fn remove_leftovers(target: &Path) {
    // Folders a killed build carried into its staging folder go back first.
    carry::recover(target);
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let prefix = format!(".{name}.gazette-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut leftovers: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    leftovers.sort();
    for path in leftovers {
        let is_old = path.to_string_lossy().contains(".gazette-old-");
        if is_old && !target.exists() && fs::rename(&path, target).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(&path);
    }
}

/// Who may read a written folder. Private folders (forms with photos,
/// staff copies of receipts, anything listing candidates or receipt
/// names) are made readable by their owner only: 0700 and 0600 on Unix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    Private,
}

/// Create a folder and its parents.
pub fn create_dir(path: &Path, access: Access) -> Result<(), Diagnostic> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    if access == Access::Private {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(path).map_err(|e| io_error(Op::Create, path, e))
}

/// Write a file afresh: an existing one (perhaps a hard link into the
/// previous output) is unlinked first, never written through.
pub fn write_file(path: &Path, bytes: &[u8], access: Access) -> Result<(), Diagnostic> {
    let _ = fs::remove_file(path);
    create_file(path, bytes, access)
}

/// Write a new file in one call (open, write, close): a staging folder
/// holds nothing to replace.
fn create_file(path: &Path, bytes: &[u8], access: Access) -> Result<(), Diagnostic> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    if access == Access::Private {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| io_error(Op::Write, path, e))?;
    std::io::Write::write_all(&mut f, bytes).map_err(|e| io_error(Op::Write, path, e))
}

/// Where a renderer streams the files it makes, by path relative to the
/// output: the staging folder for `build`.
pub trait Sink: Sync {
    /// Make a folder (and its parents) before files are put in it.
    fn dir(&self, rel: &Path) -> Result<(), Diagnostic>;
    /// A file, written whole in one call.
    fn put(&self, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic>;
}

impl Sink for Stage {
    fn dir(&self, rel: &Path) -> Result<(), Diagnostic> {
        create_dir(&self.path.join(rel), self.access)
    }

    fn put(&self, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        create_file(&self.path.join(rel), bytes, self.access)
    }
}

/// A new folder being written beside `target`, swapped in by
/// [`Stage::commit`]; dropped uncommitted, it is removed.
pub struct Stage {
    target: PathBuf,
    path: PathBuf,
    access: Access,
    committed: bool,
}

impl Stage {
    pub fn new(target: &Path, access: Access) -> Result<Stage, Diagnostic> {
        remove_leftovers(target);
        let path = staging_name(target, "new");
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| io_error(Op::Create, parent, e))?;
        }
        create_dir(&path, access)?;
        Ok(Stage {
            target: target.to_path_buf(),
            path,
            access,
            committed: false,
        })
    }

    /// The folder to write into.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn write_files(&self, files: &[OutputFile]) -> Result<(), Diagnostic> {
        for f in files {
            let path = self.path.join(&f.path);
            if let Some(dir) = path.parent() {
                create_dir(dir, self.access)?;
            }
            write_file(&path, &f.bytes, self.access)?;
        }
        Ok(())
    }

    /// Swap the new folder in for the target.
    pub fn commit(self) -> Result<(), Diagnostic> {
        self.commit_carrying(&[])
    }

    /// Swap the new folder in, with `carry`'s folders taken from the
    /// target being replaced (see [`carry`]); on failure the target is as
    /// it was.
    pub fn commit_carrying(mut self, carry: &[Carry]) -> Result<(), Diagnostic> {
        if carry.is_empty() {
            swap_in(&self.path, &self.target)?;
            self.committed = true;
            return Ok(());
        }
        let work = staging_name(&self.target, "work");
        let mut moves = carry::Moves::begin(&self.target)?;
        let done = carry::apply(
            &mut moves,
            carry,
            &self.target,
            &self.path,
            &work,
            self.access,
        )
        .and_then(|()| swap_in(&self.path, &self.target));
        match done {
            Ok(()) => {
                moves.finish();
                self.committed = true;
            }
            Err(_) => moves.undo(),
        }
        let _ = fs::remove_dir_all(&work);
        done
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Write `files` as the complete content of `target`.
pub fn write_atomically(target: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let stage = Stage::new(target, Access::Public)?;
    stage.write_files(files)?;
    stage.commit()
}

/// An absolute path with its longest existing ancestor's symbolic links
/// resolved; what does not exist yet has none, so `..` is lexical there.
fn resolved(p: &Path) -> PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let parts: Vec<Component> = abs.components().collect();
    for n in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..n].iter().collect();
        if let Ok(mut real) = head.canonicalize() {
            for part in &parts[n..] {
                match part {
                    Component::ParentDir => {
                        real.pop();
                    }
                    Component::CurDir => {}
                    other => real.push(other),
                }
            }
            return real;
        }
    }
    abs
}

/// The public output and the private folder must not contain each other:
/// everything in the output is published, and a swap of one would take
/// the other with it.
pub fn check_apart(output: &Path, private: &Path) -> Result<(), Diagnostic> {
    let (o, p) = (resolved(output), resolved(private));
    if p.starts_with(&o) {
        return Err(crate::diag!(
            Error,
            "private-inside-output",
            private = private,
            output = output
        )
        .io());
    }
    if o.starts_with(&p) {
        return Err(crate::diag!(
            Error,
            "output-inside-private",
            output = output,
            private = private
        )
        .io());
    }
    Ok(())
}

/// Replace `target` by `stage`. On Linux the two folders are exchanged in
/// one step (renameat2 RENAME_EXCHANGE), so there is no moment without an
/// output folder. Elsewhere the old one is renamed away first; should the
/// process die between the two renames, the next build puts it back.
fn swap_in(stage: &Path, target: &Path) -> Result<(), Diagnostic> {
    if !target.exists() {
        return fs::rename(stage, target).map_err(|e| io_error(Op::Create, target, e));
    }
    if exchange(stage, target) {
        // `stage` now holds the previous output.
        let _ = fs::remove_dir_all(stage);
        return Ok(());
    }
    let old = staging_name(target, "old");
    fs::rename(target, &old).map_err(|e| io_error(Op::MoveAway, target, e))?;
    if let Err(e) = fs::rename(stage, target) {
        let _ = fs::rename(&old, target);
        return Err(io_error(Op::Replace, target, e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(ca), Ok(cb)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_folder_and_leaves_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        let file = |p: &str, b: &str| OutputFile {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        write_atomically(&target, &[file("a.txt", "1"), file("d/b.txt", "2")]).unwrap();
        write_atomically(&target, &[file("c.txt", "3")]).unwrap();
        assert!(!target.join("a.txt").exists());
        assert_eq!(fs::read_to_string(target.join("c.txt")).unwrap(), "3");
        let names: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, ["output"]);
    }

    #[cfg(unix)]
    #[test]
    fn private_folders_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("private");
        let stage = Stage::new(&target, Access::Private).unwrap();
        stage
            .write_files(&[OutputFile {
                path: "2024/forms/a.pdf".into(),
                bytes: b"%PDF".to_vec(),
            }])
            .unwrap();
        stage.commit().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), 0o700);
        assert_eq!(mode(&target.join("2024/forms")), 0o700);
        assert_eq!(mode(&target.join("2024/forms/a.pdf")), 0o600);
    }

    #[test]
    fn output_and_private_folders_stay_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, private) = (tmp.path().join("output"), tmp.path().join("private"));
        assert!(check_apart(&out, &private).is_ok());
        assert!(check_apart(&out, &out.join("private")).is_err());
        assert!(check_apart(&private.join("www"), &private).is_err());
        assert!(check_apart(&out, &out).is_err());
        // Through `..` and a symbolic link too.
        assert!(check_apart(&out, &tmp.path().join("x/../output/p")).is_err());
        #[cfg(unix)]
        {
            fs::create_dir_all(&out).unwrap();
            std::os::unix::fs::symlink(&out, tmp.path().join("link")).unwrap();
            assert!(check_apart(&out, &tmp.path().join("link/private")).is_err());
        }
    }

    #[test]
    fn restores_output_left_aside_by_a_killed_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        let old = tmp.path().join(".output.gazette-old-1");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "old").unwrap();
        remove_leftovers(&target);
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert!(!old.exists());
    }
}
