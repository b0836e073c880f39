//! File reading that always names the path, and YAML parsing that reports
//! file, line and column.

use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

use crate::diag::{did_you_mean, Diagnostic};
use crate::model::when::MARK;

/// A text file of the site: the path as shown to users, and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Path relative to the site root (how diagnostics name it).
    pub path: PathBuf,
    pub text: String,
}

/// The bytes of `rel` below `root`; a link leading out of the site is refused.
pub fn read_bytes(root: &Path, rel: &Path) -> Result<Vec<u8>, Diagnostic> {
    let mut file = open(root, rel)?;
    let mut bytes = Vec::with_capacity(file.metadata().map_or(0, |m| m.len() as usize));
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| read_failed(rel, &e))?;
    Ok(bytes)
}

/// `rel` below `root` opened for reading; a link leading out of the site is refused.
pub fn open(root: &Path, rel: &Path) -> Result<std::fs::File, Diagnostic> {
    let full = root.join(rel);
    // A symbolic link must not lead out of the site (e.g. to /etc/passwd).
    if let (Ok(real), Ok(base)) = (full.canonicalize(), root.canonicalize()) {
        if !real.starts_with(&base) {
            return Err(
                crate::diag!(Error, "link-outside-site", path = rel, target = &real).in_file(rel),
            );
        }
    }
    std::fs::File::open(&full).map_err(|e| read_failed(rel, &e))
}

/// `rel` could not be read.
pub fn read_failed(rel: &Path, e: &std::io::Error) -> Diagnostic {
    let d = crate::diag!(Error, "read-failed", path = rel)
        .in_file(rel)
        .cause(e);
    // A missing file is the content's problem; anything else the machine's.
    if e.kind() == std::io::ErrorKind::NotFound {
        d
    } else {
        d.io()
    }
}

/// Read `rel` below `root` as UTF-8 text (a leading BOM is dropped).
pub fn read_source(root: &Path, rel: &Path) -> Result<Source, Diagnostic> {
    let bytes = read_bytes(root, rel)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&bytes[..offset]).into_owned();
        crate::diag!(Error, "not-utf8", path = rel)
            .in_file(rel)
            .at_offset(&good, offset)
    })?;
    Ok(Source {
        path: rel.to_path_buf(),
        text,
    })
}

/// A file named at byte `at` of `named_in` that does not exist: reported
/// there, with the nearest file of its folder suggested.
pub fn missing_file(root: &Path, rel: &Path, named_in: &Source, at: Option<usize>) -> Diagnostic {
    let mut d = crate::diag!(Error, "no-such-file", path = rel).in_file(&named_in.path);
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
    match did_you_mean(&wanted, alike.iter().copied()) {
        Some(m) => d.hint(m),
        None if alike.is_empty() => d,
        None => {
            let files = listed(alike.iter().take(8).copied());
            d.hint(crate::t!("no-such-file.hint-choose", files = files))
        }
    }
}

/// Parse YAML into a typed value; errors carry the position and a hint.
pub fn parse_yaml<T: DeserializeOwned>(src: &Source) -> Result<T, Diagnostic> {
    if src.text.trim().is_empty() {
        return Err(crate::diag!(Error, "empty-file", path = &src.path).in_file(&src.path));
    }
    serde_yaml::from_str(&src.text).map_err(|e| yaml_diagnostic(src, &e))
}

fn yaml_diagnostic(src: &Source, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml writes positions into the text ("… at line 3 column 8"); they
    // are shown separately, so take them out of the message.
    let positions = positions_in(&full);
    let text = strip_positions(&full);
    let file = src
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (d, value) = classify(&text, &file);
    let mut d = d.in_file(&src.path);
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
    // A bad value (`2024-02-30`) is found again in the text, at or after
    // where the parser stood: serde reports custom errors at the start of the
    // enclosing mapping.
    if let (None, Some(v)) = (began, value) {
        if let Some(at) = find_from(&src.text, &v, d.line.unwrap_or(1)) {
            d = d.at_offset(&src.text, at);
        }
    }
    d
}

/// The diagnostic of serde_yaml's text `text` (positions taken out), and the
/// value to point at when it is about one. The library's words follow as the
/// cause; a date of ours is told in our words.
fn classify(text: &str, file: &str) -> (Diagnostic, Option<String>) {
    // The path serde puts before its message ("phases[1].windows[0]: …").
    let place_before = |i: usize| -> String {
        let p = text[..i].trim_end().trim_end_matches(':').trim();
        if p.is_empty() {
            file.to_string()
        } else {
            p.to_string()
        }
    };
    if let Some(found) = bad_date(text) {
        return found;
    }
    let kinds = [
        "unknown field `",
        "missing field `",
        "duplicate field `",
        "duplicate entry with key ",
        "invalid type: ",
        "unknown variant `",
        "invalid value: ",
        "invalid length ",
        "recursion limit exceeded",
        "repetition limit exceeded",
    ];
    let found = kinds.iter().find_map(|k| text.find(k).map(|i| (*k, i)));
    let Some((kind, i)) = found else {
        return (
            crate::diag!(Error, "yaml-syntax", file = file).cause(clip(text)),
            None,
        );
    };
    let place = place_before(i);
    let rest = &text[i + kind.len()..];
    // The first backticked or quoted word after the kind, and the
    // backticked words after "expected".
    let word = rest
        .split(['`', '"'])
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_string();
    let known: Vec<&str> = rest
        .split_once("expected")
        .map(|(_, e)| e.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    let d = kind_diagnostic(kind, &word, &place, &known, file);
    (d.cause(clip(text)), None)
}

/// A date of ours that did not parse, marked in serde's text: its own
/// diagnostic and the value to point at.
fn bad_date(text: &str) -> Option<(Diagnostic, Option<String>)> {
    let i = text.find(MARK)?;
    let value = text[i + 1..].split(MARK).next().unwrap_or("");
    let e = crate::model::when::When::parse(value).err()?;
    let mut d = e.diagnostic();
    let place = text[..i].trim_end().trim_end_matches(':').trim();
    if !place.is_empty() {
        d.message = crate::t!("yaml-value-error", place = place, text = &d.message);
    }
    Some((d, Some(e.value().to_string())))
}

/// Our message for one of serde's kinds of error, about `word` at `place`.
fn kind_diagnostic(kind: &str, word: &str, place: &str, known: &[&str], file: &str) -> Diagnostic {
    match kind {
        "unknown field `" => {
            let d = crate::diag!(
                Error,
                "yaml-unknown-key",
                key = word,
                place = place,
                known = listed(known.iter().copied())
            );
            match did_you_mean(word, known.iter().copied()) {
                Some(m) => d.hint(m),
                None => d,
            }
        }
        "missing field `" => crate::diag!(Error, "yaml-missing-key", key = word, place = place),
        "duplicate field `" | "duplicate entry with key " => {
            crate::diag!(Error, "yaml-duplicate-key", key = word, place = place)
        }
        "invalid type: " => crate::diag!(Error, "yaml-wrong-type", place = place),
        "unknown variant `" => crate::diag!(
            Error,
            "yaml-unknown-option",
            value = word,
            place = place,
            known = listed(known.iter().copied())
        ),
        "recursion limit exceeded" | "repetition limit exceeded" => {
            crate::diag!(Error, "yaml-too-deep", file = file)
        }
        _ => crate::diag!(Error, "yaml-invalid-value", place = place),
    }
}

/// The library's text, cut when it quotes a huge value.
fn clip(text: &str) -> String {
    const MAX: usize = 300;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Names as a message lists them: each in backticks, as typed.
pub fn listed<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
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

/// The first control character of `text` other than tab, line feed and
/// carriage return (C0, DEL and C1), with its byte offset.
pub fn control_char(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// A located error for the first control character of `text` in `path`.
pub fn control_diagnostic(path: &std::path::Path, text: &str) -> Option<Diagnostic> {
    let (at, c) = control_char(text)?;
    Some(
        crate::diag!(
            Error,
            "control-character",
            char = format!("U+{:04X}", c as u32)
        )
        .in_file(path)
        .at_offset(text, at),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn control_characters_are_found_but_not_tabs() {
        assert_eq!(control_char("a\tb\r\nc"), None);
        assert_eq!(control_char("ab\u{0}c"), Some((2, '\u{0}')));
        assert_eq!(control_char("名\u{85}"), Some((3, '\u{85}')));
        assert_eq!(control_char("x\u{7f}"), Some((1, '\u{7f}')));
    }

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
        assert_eq!(d.code, "yaml-unknown-key");
        assert_eq!(d.hint, did_you_mean("nmae", ["name"]));
        assert!(d.causes[0].starts_with("unknown field `nmae`"), "{d}");
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
        assert_eq!(d.code, "date-impossible");
    }

    #[test]
    fn syntax_errors_keep_the_library_words_as_cause() {
        let d = parse_yaml::<T>(&src("id: a
 name: b
"))
        .unwrap_err();
        assert_eq!(d.code, "yaml-syntax");
        assert_eq!(
            d.causes,
            ["mapping values are not allowed in this context"],
            "{d}"
        );
    }

    #[test]
    fn empty_file_is_an_error() {
        let d = parse_yaml::<T>(&src("  \n")).unwrap_err();
        assert_eq!(d.code, "empty-file");
    }
}
