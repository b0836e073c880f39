//! File reading that always names the path, and YAML parsing that reports
//! file, line and column.

use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

use crate::diag::{did_you_mean, Diagnostic};

/// A text file of the site: the path as shown to users, and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Path relative to the site root (how diagnostics name it).
    pub path: PathBuf,
    pub text: String,
}

/// Read `rel` below `root` as UTF-8 text (a leading BOM is dropped).
pub fn read_source(root: &Path, rel: &Path) -> Result<Source, Diagnostic> {
    let full = root.join(rel);
    // A symbolic link must not lead out of the site (e.g. to /etc/passwd).
    if let (Ok(real), Ok(base)) = (full.canonicalize(), root.canonicalize()) {
        if !real.starts_with(&base) {
            return Err(Diagnostic::error(format!(
                "`{}` leads outside the site folder (to `{}`)",
                rel.display(),
                real.display()
            ))
            .in_file(rel)
            .hint("copy the file into the site instead of linking to it"));
        }
    }
    let bytes = std::fs::read(&full).map_err(|e| {
        let d = Diagnostic::error(format!("failed to read `{}`", rel.display()))
            .in_file(rel)
            .cause(&e);
        // A missing file is the content's problem; anything else the machine's.
        if e.kind() == std::io::ErrorKind::NotFound {
            d
        } else {
            d.io()
        }
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&bytes[..offset]).into_owned();
        Diagnostic::error(format!("`{}` is not UTF-8 text", rel.display()))
            .in_file(rel)
            .at_offset(&good, offset)
            .hint("save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)")
    })?;
    Ok(Source {
        path: rel.to_path_buf(),
        text,
    })
}

/// Parse YAML into a typed value; errors carry the position and a hint.
pub fn parse_yaml<T: DeserializeOwned>(src: &Source) -> Result<T, Diagnostic> {
    if src.text.trim().is_empty() {
        return Err(
            Diagnostic::error(format!("`{}` is empty", src.path.display()))
                .in_file(&src.path)
                .hint("see the content reference in README.md for what this file holds"),
        );
    }
    serde_yaml::from_str(&src.text).map_err(|e| yaml_diagnostic(src, &e))
}

fn yaml_diagnostic(src: &Source, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; the position is shown separately.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let mut d = Diagnostic::error(message.clone()).in_file(&src.path);
    if let Some(loc) = e.location() {
        d = d.at(&src.text, loc.line(), loc.column());
    }
    if let Some(hint) = unknown_field_hint(&message) {
        d = d.hint(hint);
    } else if message.contains("missing field") {
        d = d.hint("add the key; the content reference in README.md lists every key");
    }
    d
}

/// "unknown field `nmae`, expected one of `id`, `name`" → "did you mean `name`?"
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    did_you_mean(field, known.iter().copied()).or_else(|| {
        Some(format!(
            "remove `{field}`; the keys allowed here are {}",
            known.join(", ")
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        name: String,
        id: String,
    }

    fn src(text: &str) -> Source {
        Source {
            path: "x.yaml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn unknown_key_gets_position_and_suggestion() {
        let d = parse_yaml::<T>(&src("id: a\nnmae: b\n")).unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(1)));
        assert!(
            d.message.starts_with("unknown field `nmae`"),
            "{}",
            d.message
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn empty_file_is_an_error() {
        let d = parse_yaml::<T>(&src("  \n")).unwrap_err();
        assert_eq!(d.message, "`x.yaml` is empty");
    }
}
