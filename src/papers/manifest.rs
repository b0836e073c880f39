//! What the last build made of each paper: its path in the private folder
//! → hash of everything that decides its bytes (for a receipt, also its
//! published name). Kept in the private folder, never near the output:
//! from it, every published receipt's name could be matched to a candidate.
//!
//! A JSON object, keys sorted. 100,000 receipts make 10 MB of it, so the
//! hashes are held as bytes, not as hex strings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::key::{push_hex, unhex};
use crate::write::{write_file, Access};

/// Path in the private folder → hash, sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest(Vec<(String, [u8; 32])>);

/// The previous build's manifest, for looking papers up by path.
#[derive(Debug, Default)]
pub struct Previous(HashMap<String, [u8; 32]>);

/// Its name in the private folder.
pub const FILE: &str = "manifest.json";

impl Manifest {
    /// From papers in any order; of two with the same path the last is kept.
    pub fn new(mut entries: Vec<(String, [u8; 32])>) -> Manifest {
        entries.reverse();
        // Stable: of equal paths the one listed last comes first, and is kept.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        Manifest(entries)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, path: &str) -> Option<&[u8; 32]> {
        let i = self
            .0
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()?;
        Some(&self.0[i].1)
    }

    /// The JSON text: `{"path":"hex hash",…}`. Paths are file names made
    /// safe (see `jobs::file_name`), so only `"` and `\` could need escaping.
    fn json(&self) -> Vec<u8> {
        let mut s = String::with_capacity(self.0.len() * 100 + 2);
        s.push('{');
        for (i, (path, hash)) in self.0.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&serde_json::to_string(path).unwrap_or_default());
            s.push_str(":\"");
            push_hex(&mut s, hash);
            s.push('"');
        }
        s.push('}');
        s.into_bytes()
    }
}

impl Previous {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, path: &str) -> Option<&[u8; 32]> {
        self.0.get(path)
    }
}

/// The previous manifest; a missing or unreadable one just means everything is rendered.
pub fn read(private: &Path) -> Previous {
    let Ok(bytes) = std::fs::read(private.join(FILE)) else {
        return Previous::default();
    };
    // The hashes are borrowed from the file's bytes while read.
    let Ok(map) = serde_json::from_slice::<HashMap<String, &str>>(&bytes) else {
        return Previous::default();
    };
    let mut out = HashMap::with_capacity(map.len());
    for (path, hash) in map {
        let Some(hash) = unhex::<32>(hash) else {
            return Previous::default();
        };
        out.insert(path, hash);
    }
    Previous(out)
}

/// Written once both folders are in place: should the build die between
/// the two swaps, the next finds no manifest and renders everything.
pub fn write(private: &Path, m: &Manifest) -> Result<(), crate::diag::Diagnostic> {
    let tmp = private.join(format!("{FILE}.tmp"));
    write_file(&tmp, &m.json(), Access::Private)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_a_sorted_json_object_and_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let h = |b: u8| [b; 32];
        let m = Manifest::new(vec![
            ("2024/receipts/b.pdf".into(), h(1)),
            ("2024/forms/学院\"x\".pdf".into(), h(2)),
            ("2024/receipts/b.pdf".into(), h(3)),
        ]);
        assert_eq!(m.len(), 2);
        assert_eq!(
            m.get("2024/receipts/b.pdf"),
            Some(&h(3)),
            "the last is kept"
        );
        write(tmp.path(), &m).unwrap();
        let text = std::fs::read_to_string(tmp.path().join(FILE)).unwrap();
        let want: std::collections::BTreeMap<String, String> = [
            ("2024/receipts/b.pdf", h(3)),
            ("2024/forms/学院\"x\".pdf", h(2)),
        ]
        .into_iter()
        .map(|(p, h)| (p.to_string(), crate::papers::key::hex(&h)))
        .collect();
        assert_eq!(text, serde_json::to_string(&want).unwrap());
        let back = read(tmp.path());
        assert_eq!(back.get("2024/forms/学院\"x\".pdf"), Some(&h(2)));
        assert_eq!(back.get("2024/receipts/b.pdf"), Some(&h(3)));
        std::fs::write(tmp.path().join(FILE), "{\"a\":\"zz\"}").unwrap();
        assert!(read(tmp.path()).is_empty());
    }
}
