//! What the last build made of each paper: output path → hash of
//! everything that decides its bytes. Kept beside the output folder, never
//! in it: it lists every receipt's file name, which must stay unlisted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub type Manifest = BTreeMap<String, String>;

/// `<parent>/.<output name>.manifest.json`.
pub fn path_for(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().to_string());
    output.with_file_name(format!(".{name}.manifest.json"))
}

/// The previous manifest; an unreadable one just means everything is rendered.
pub fn read(path: &Path) -> Manifest {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

pub fn write(path: &Path, m: &Manifest) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec(m).unwrap_or_default())?;
    std::fs::rename(tmp, path)
}
