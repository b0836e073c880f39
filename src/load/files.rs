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

/// The bytes of `rel` below `root`; a link leading out of the site is refused.
pub fn read_bytes(root: &Path, rel: &Path) -> Result<Vec<u8>, Diagnostic> {
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
    std::fs::read(&full).map_err(|e| {
        let d = Diagnostic::error(format!("failed to read `{}`", rel.display()))
            .in_file(rel)
            .cause(&e);
        // A missing file is the content's problem; anything else the machine's.
        if e.kind() == std::io::ErrorKind::NotFound {
            d
        } else {
            d.io()
        }
    })
}

/// Read `rel` below `root` as UTF-8 text (a leading BOM is dropped).
pub fn read_source(root: &Path, rel: &Path) -> Result<Source, Diagnostic> {
    let bytes = read_bytes(root, rel)?;
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

/// A file named at byte `at` of `named_in` that does not exist: reported
/// there, with the nearest file of its folder suggested.
pub fn missing_file(root: &Path, rel: &Path, named_in: &Source, at: Option<usize>) -> Diagnostic {
    let mut d = Diagnostic::error(format!("no file `{}`", rel.display())).in_file(&named_in.path);
    if let Some(at) = at {
        d = d.at_offset(&named_in.text, at);
    }
    let dir = rel.parent().unwrap_or(Path::new(""));
    let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let wanted = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = rel.extension().map(|e| format!(".{}", e.to_string_lossy()));
    // Only files of the same kind are suggested: notice.md is not notice.yaml.
    let alike: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| ext.as_deref().is_none_or(|e| n.ends_with(e)))
        .collect();
    let hint = did_you_mean(&wanted, alike.iter().copied()).unwrap_or_else(|| match alike.len() {
        0 => format!("create `{}`", rel.display()),
        _ => format!(
            "create it, or name one of the files there: {}",
            alike.iter().take(8).copied().collect::<Vec<_>>().join(", ")
        ),
    });
    d.hint(hint)
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
    // serde_yaml writes positions into the text ("… at line 3 column 8"); they
    // are shown separately, so take them out of the message.
    let positions = positions_in(&full);
    let message = strip_positions(&full);
    let mut d = Diagnostic::error(message.clone()).in_file(&src.path);
    let reported = e.location().map(|l| (l.line(), l.column()));
    // A scanner error names where the broken construct began ("while scanning
    // a quoted scalar at line 3 column 8"): that is the mistake.
    let began = [
        "while scanning a quoted scalar",
        "while parsing a flow",
        "while scanning a simple key",
    ]
    .iter()
    .find_map(|w| full.find(w))
    .and_then(|i| positions_in(&full[i..]).into_iter().next());
    if let Some((line, col)) = began.or(reported).or(positions.first().copied()) {
        d = d.at(&src.text, line, col);
    }
    // A value the message quotes (`2024-02-30`) is found again in the text,
    // at or after where the parser stood: serde reports custom errors at
    // the start of the enclosing mapping.
    let about_a_value = message.contains("` is not") || message.contains("` has no");
    if began.is_none() && about_a_value {
        if let Some(at) =
            quoted_value(&message).and_then(|v| find_from(&src.text, &v, d.line.unwrap_or(1)))
        {
            d = d.at_offset(&src.text, at);
        }
    }
    if let Some(hint) = unknown_field_hint(&message) {
        d = d.hint(hint);
    } else if message.contains("missing field") {
        d = d.hint("add the key; the content reference in README.md lists every key");
    } else if message.contains("repetition limit") || message.contains("recursion limit") {
        d = d.hint(
            "the file nests or repeats too deeply (an alias bomb?); write the values out plainly",
        );
    }
    d
}

/// Every "line L column C" in a message.
fn positions_in(msg: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut rest = msg;
    while let Some(i) = rest.find("line ") {
        rest = &rest[i + 5..];
        let num = |s: &str| -> Option<(usize, usize)> {
            let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            Some((s[..end].parse().ok()?, end))
        };
        let Some((line, n)) = num(rest) else { continue };
        let Some(after) = rest[n..].strip_prefix(" column ") else {
            continue;
        };
        if let Some((col, _)) = num(after) {
            out.push((line, col));
        }
    }
    out
}

fn strip_positions(msg: &str) -> String {
    let mut out = msg.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + 9..];
        let end = rest.find(" column ").map(|j| j + 8).map(|j| {
            j + rest[j..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len() - j)
        });
        match end {
            Some(end) => out.replace_range(i..i + 9 + end, ""),
            None => break,
        }
    }
    out
}

/// The first `backticked` value of a message, when it looks like a value.
fn quoted_value(msg: &str) -> Option<String> {
    let rest = &msg[msg.find('`')? + 1..];
    let v = &rest[..rest.find('`')?];
    (!v.is_empty() && !v.contains(' ')).then(|| v.to_string())
}

/// Point at the first occurrence of `needle` in `src` (YAML values lose
/// their spans once deserialized; ids are unique enough to find again).
pub fn locate(d: Diagnostic, src: &Source, needle: &str) -> Diagnostic {
    let d = d.in_file(&src.path);
    match src.text.find(needle) {
        Some(at) => d.at_offset(&src.text, at),
        None => d,
    }
}

/// Byte offset of the value of `key:` on a line that is not a comment.
pub fn find_key_value(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let lead = line.len() - trimmed.len() + key.len() + 1;
            return Some(offset + lead + (rest.len() - rest.trim_start().len()));
        }
        offset += line.len();
    }
    None
}

/// Byte offset of `needle` at or after the start of 1-based `line`.
fn find_from(text: &str, needle: &str, line: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    text[start..].find(needle).map(|i| i + start)
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
    fn positions_are_taken_out_of_messages() {
        let m = "found unexpected end of stream while scanning a quoted scalar at line 3 column 8";
        assert_eq!(positions_in(m), vec![(3, 8)]);
        assert_eq!(
            strip_positions(m),
            "found unexpected end of stream while scanning a quoted scalar"
        );
    }

    #[test]
    fn a_bad_value_is_pointed_at() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct D {
            title: String,
            date: crate::model::when::When,
        }
        let d = parse_yaml::<D>(&src("title: x\n\ndate: 2024-02-30\n")).unwrap_err();
        assert_eq!((d.line, d.column), (Some(3), Some(7)), "{d}");
    }

    #[test]
    fn empty_file_is_an_error() {
        let d = parse_yaml::<T>(&src("  \n")).unwrap_err();
        assert_eq!(d.message, "`x.yaml` is empty");
    }
}
