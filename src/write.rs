//! Stage 5, write: the new output is written into a fresh folder beside
//! the target and swapped in only when complete, so a build either fully
//! replaces the output folder or leaves it as it was.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::OutputFile;

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("failed to {what} `{}`", path.display()))
        .cause(e)
        .hint("check that the output folder's parent exists and is writable")
        .io()
}

/// Sibling folder names used while building; leftovers of killed builds are removed.
fn staging_name(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().to_string());
    target.with_file_name(format!(".{name}.gazette-{tag}-{}", std::process::id()))
}

/// Clean up after builds that were killed: a killed swap may have left the
/// previous output under its temporary name, which is put back first.
fn remove_leftovers(target: &Path) {
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

/// Write `files` as the complete content of `target`.
pub fn write_atomically(target: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    write_atomically_with(target, files, |_| Ok(())).map_err(|d| {
        d.0.into_iter()
            .next()
            .unwrap_or_else(|| Diagnostic::error("write failed"))
    })
}

/// [`write_atomically`], with `more` writing further files into the new
/// folder before it is swapped in; should it fail, nothing changes.
pub fn write_atomically_with<T>(
    target: &Path,
    files: &[OutputFile],
    more: impl FnOnce(&Path) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    remove_leftovers(target);
    let stage = staging_name(target, "new");
    fs::create_dir_all(&stage).map_err(|e| io_error("create", &stage, e))?;
    let result = (|| {
        for f in files {
            let path = stage.join(&f.path);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| io_error("create", dir, e))?;
            }
            fs::write(&path, &f.bytes).map_err(|e| io_error("write", &path, e))?;
        }
        let value = more(&stage)?;
        swap_in(&stage, target)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&stage);
    }
    result
}

/// Replace `target` by `stage`. On Linux the two folders are exchanged in
/// one step (renameat2 RENAME_EXCHANGE), so there is no moment without an
/// output folder. Elsewhere the old one is renamed away first; should the
/// process die between the two renames, the next build puts it back.
fn swap_in(stage: &Path, target: &Path) -> Result<(), Diagnostic> {
    if !target.exists() {
        return fs::rename(stage, target).map_err(|e| io_error("create", target, e));
    }
    if exchange(stage, target) {
        // `stage` now holds the previous output.
        let _ = fs::remove_dir_all(stage);
        return Ok(());
    }
    let old = staging_name(target, "old");
    fs::rename(target, &old).map_err(|e| io_error("move away", target, e))?;
    if let Err(e) = fs::rename(stage, target) {
        let _ = fs::rename(&old, target);
        return Err(io_error("replace", target, e));
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
