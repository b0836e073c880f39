//! Diagnostics: every problem found is collected and reported together, each
//! with its file, line, column, the offending source line and a hint.

use serde::Serialize;

use crate::i18n::{self, Arg};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable name of the kind of problem (`weekday-mismatch`), the same in
    /// every language: the message's id in the catalogs.
    pub code: &'static str,
    pub severity: Severity,
    /// A problem of the machine (unreadable file, no site here), not of the content.
    #[serde(skip)]
    pub io: bool,
    pub file: Option<PathBuf>,
    /// 1-based line and column (column counted in characters).
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub causes: Vec<String>,
    pub hint: Option<String>,
    /// The source line the position points into, for the caret display.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// Character column of the caret when `column` counts something else
    /// (the field number of a CSV row).
    #[serde(skip)]
    pub caret: Option<usize>,
}

impl Diagnostic {
    /// A diagnostic of kind `code`: its message is the catalog's text of
    /// `code`, its hint the catalog's `code.hint` when there is one. Use
    /// through `diag!(Error, "code", name = value)`: the only way to make
    /// a diagnostic, so every one has a code and a text in each language.
    pub fn coded(severity: Severity, code: &'static str, args: &[(&str, Arg)]) -> Self {
        let hint_id = format!("{code}.hint");
        let hint = i18n::has(&hint_id).then(|| i18n::text(&hint_id, args));
        Diagnostic {
            hint,
            ..Diagnostic::bare(severity, code, i18n::text(code, args))
        }
    }

    /// The fields before any position, cause or hint is attached. Private:
    /// a diagnostic with a message of its own would have no code and no
    /// translation.
    fn bare(severity: Severity, code: &'static str, message: String) -> Self {
        Diagnostic {
            code,
            severity,
            io: false,
            file: None,
            line: None,
            column: None,
            message,
            causes: Vec::new(),
            hint: None,
            source_line: None,
            caret: None,
        }
    }

    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Attach a position and pick the source line out of `text`.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| visible(l.trim_end_matches('\r')));
        self
    }

    /// Attach the position of byte `offset` within `text`.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, column) = line_col(text, offset);
        self.at(text, line, column)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn cause(mut self, cause: impl fmt::Display) -> Self {
        self.causes.push(cause.to_string());
        self
    }

    pub fn io(mut self) -> Self {
        self.io = true;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The line as shown under a diagnostic: control characters drawn as their
/// Unicode pictures (␀), so the terminal shows where they are.
fn visible(line: &str) -> String {
    line.chars()
        .map(|c| match c as u32 {
            0..=0x1F if c != '\t' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
            0x7F => '␡',
            0x80..=0x9F => '�',
            _ => c,
        })
        .collect()
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => i18n::text("diag-error", &[]),
            Severity::Warning => i18n::text("diag-warning", &[]),
        };
        // A message quoting a huge value is cut; ordinary ones never are.
        let message = match self.message.chars().count() {
            n if n > 600 => format!("{}…", self.message.chars().take(600).collect::<String>()),
            _ => self.message.clone(),
        };
        writeln!(f, "{label}{message}")?;
        if let Some(file) = &self.file {
            match (self.line, self.column) {
                (Some(l), Some(c)) => writeln!(f, "  --> {}:{l}:{c}", file.display())?,
                (Some(l), None) => writeln!(f, "  --> {}:{l}", file.display())?,
                _ => writeln!(f, "  --> {}", file.display())?,
            }
        }
        if let (Some(src), Some(line)) = (&self.source_line, self.line) {
            let (src, col) = clip(src, self.caret.or(self.column));
            let src = &src;
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {src}")?;
            if let Some(col) = col {
                // Wide (CJK) characters take two terminal cells.
                let width: usize = src
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
                    .sum();
                writeln!(f, "{pad} | {}^", " ".repeat(width))?;
            }
        }
        for cause in &self.causes {
            writeln!(f, "  {}{cause}", i18n::text("diag-caused-by", &[]))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  {}{hint}", i18n::text("diag-hint", &[]))?;
        }
        Ok(())
    }
}

/// Show at most 100 characters of a long line, around the column.
fn clip(src: &str, column: Option<usize>) -> (String, Option<usize>) {
    const MAX: usize = 200;
    let n = src.chars().count();
    if n <= MAX {
        return (src.to_string(), column);
    }
    let col = column.unwrap_or(1);
    let start = col.saturating_sub(MAX / 2).min(n - MAX);
    let shown: String = src.chars().skip(start).take(MAX).collect();
    let prefix = if start > 0 { "…" } else { "" };
    (
        format!("{prefix}{shown}…"),
        column.map(|c| c - start + prefix.chars().count()),
    )
}

/// A list of diagnostics; a stage that fails returns all it found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    /// Only machine problems (no content error): exit code 2 rather than 1.
    pub fn is_io(&self) -> bool {
        self.has_errors() && self.0.iter().filter(|d| d.is_error()).all(|d| d.io)
    }

    /// Turn every warning into an error (`--deny-warnings`).
    pub fn deny_warnings(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
    }

    /// The diagnostics as JSON for machines: the same fields as the text form.
    pub fn to_json(&self) -> String {
        let doc = serde_json::json!({
            "diagnostics": self.0,
            "errors": self.errors(),
            "warnings": self.warnings(),
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sort by file, then position; errors before warnings at the same spot.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
    }

    /// Ok when no error is among them (warnings are returned to the caller).
    pub fn into_result<T>(self, value: T) -> Result<(T, Diagnostics), Diagnostics> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok((value, self))
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let (e, w) = (self.errors(), self.warnings());
        let summary = i18n::text(
            "diag-summary",
            &[("errors", e.into()), ("warnings", w.into())],
        );
        f.write_str(&summary)
    }
}

/// Suggest the closest known name for a misspelt one.
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| crate::t!("did-you-mean", name = k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(message: &str) -> Diagnostic {
        Diagnostic::bare(Severity::Error, "test", message.to_string())
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "一二\n三四五x";
        assert_eq!(line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 4));
    }

    #[test]
    fn display_has_caret_under_the_spot() {
        let d = plain("bad")
            .in_file("a.yaml")
            .at("key: 值x", 1, 7)
            .hint("fix it");
        let s = d.to_string();
        assert!(s.contains("  --> a.yaml:1:7"), "{s}");
        assert!(s.contains("1 | key: 值x\n  |        ^"), "{s}");
        assert!(s.contains(&format!("{}fix it", i18n::text("diag-hint", &[]))));
    }

    #[test]
    fn long_lines_are_clipped_around_the_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let d = plain("bad").in_file("f").at(&line, 1, 501);
        let s = d.to_string();
        let shown = s.lines().find(|l| l.starts_with("1 | ")).unwrap();
        assert!(shown.chars().count() < 220, "{shown}");
        let caret = s.lines().find(|l| l.trim_end().ends_with('^')).unwrap();
        let x = shown.chars().position(|c| c == 'X').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^'), Some(x));
    }

    #[test]
    fn json_has_positions_and_counts() {
        let d: Diagnostics = plain("bad")
            .in_file("a.yaml")
            .at("x", 1, 1)
            .hint("h")
            .into();
        let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(v["errors"], 1);
        assert_eq!(v["diagnostics"][0]["file"], "a.yaml");
        assert_eq!(v["diagnostics"][0]["line"], 1);
        assert_eq!(v["diagnostics"][0]["severity"], "error");
        assert_eq!(v["diagnostics"][0]["hint"], "h");
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            did_you_mean("registation", ["registration", "review"]),
            Some(i18n::text(
                "did-you-mean",
                &[("name", "registration".into())]
            ))
        );
        assert_eq!(did_you_mean("zzz", ["registration"]), None);
    }
}
