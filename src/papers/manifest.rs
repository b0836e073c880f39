//! What the last build made of each paper: its path in the private folder
//! → hash of everything that decides its bytes (for a receipt, also its
//! published name). Kept in the private folder, never near the output:
//! from it, every published receipt's name could be matched to a candidate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::write::{write_file, Access};

pub type Manifest = BTreeMap<String, String>;

/// Its name in the private folder.
pub const FILE: &str = "manifest.json";

/// The previous manifest; a missing or unreadable one just means everything is rendered.
pub fn read(private: &Path) -> Manifest {
    std::fs::read(private.join(FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Written once both folders are in place: should the build die between
/// the two swaps, the next finds no manifest and renders everything.
pub fn write(private: &Path, m: &Manifest) -> Result<(), crate::diag::Diagnostic> {
    let tmp = private.join(format!("{FILE}.tmp"));
    write_file(
        &tmp,
        &serde_json::to_vec(m).unwrap_or_default(),
        Access::Private,
    )?;
    std::fs::rename(&tmp, private.join(FILE)).map_err(|e| {
        crate::diag!(Error, "output-write-failed", file = &tmp)
            .cause(e)
            .io()
    })
}

/// Where builds before the private folder kept the manifest: beside the
/// output, where a web root would publish it. It lists the old, guessable
/// receipt names, so it is removed.
pub fn remove_legacy(output: &Path) {
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().to_string());
    let legacy: PathBuf = output.with_file_name(format!(".{name}.manifest.json"));
    let _ = std::fs::remove_file(legacy);
}
