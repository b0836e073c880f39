//! Fact references in Markdown: `{{ schedule.registration }}`,
//! `{{ schedule.review.start | weekday }}`, `{{ rules.eligibility }}`.
//! The body names facts instead of retyping them, so a date changed in
//! YAML changes every place that shows it.

use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::{Site, Source, Year};
use crate::model::format::{when_text, DateStyle, Show};
use crate::model::schedule::Resolved;
use crate::model::when::When;

/// What a path names, before filters are applied.
enum Fact {
    Phase(Resolved),
    When(When),
    Text(String),
    List(Vec<String>),
}

/// The facts of one year, looked up by path.
pub struct Facts<'a> {
    pub site: &'a Site,
    pub year: &'a Year,
    pub schedule: &'a [Resolved],
}

pub const FILTERS: [&str; 4] = ["weekday", "noyear", "date", "table"];

/// Characters that end a date or a deadline and are easily typed again
/// after the reference: `须于{{ schedule.confirm }}前` → 前前.
const DOUBLED: &str = "前至日年月时起止后";

impl Facts<'_> {
    pub fn style(&self) -> DateStyle {
        self.site.config.dates
    }

    /// 湘教考成字〔2024〕1号
    pub fn document_number(&self) -> String {
        format!(
            "{}〔{}〕{}号",
            self.site.config.authority.code, self.year.year, self.year.meta.serial
        )
    }

    /// The fact at `path`, or the diagnostic (not yet placed) of a bad path.
    fn lookup(&self, path: &str) -> Result<Fact, Diagnostic> {
        let parts: Vec<&str> = path.split('.').collect();
        let y = self.year;
        let cat = |id: &str| y.categories.iter().find(|c| c.id == id);
        match parts[..] {
            ["year"] => Ok(Fact::Text(y.year.to_string())),
            ["authority", "name"] => Ok(Fact::Text(self.site.config.authority.name.clone())),
            ["document", "number"] => Ok(Fact::Text(self.document_number())),
            ["document", "title"] => Ok(Fact::Text(y.meta.title.clone())),
            ["schedule"] => Ok(Fact::List(
                self.schedule
                    .iter()
                    .map(|p| format!("{}：{}", p.name, p.text(self.style(), Show::default())))
                    .collect(),
            )),
            ["schedule", id, ref rest @ ..] => {
                let phase =
                    self.schedule.iter().find(|p| p.id == id).ok_or_else(|| {
                        unknown("phase", id, self.schedule.iter().map(|p| &p.id[..]))
                    })?;
                match rest {
                    [] => Ok(Fact::Phase(phase.clone())),
                    ["name"] => Ok(Fact::Text(phase.name.clone())),
                    ["start"] => phase
                        .start()
                        .map(Fact::When)
                        .ok_or_else(|| crate::diag!(Error, "reference-phase-no-start", phase = id)),
                    ["end"] => phase
                        .end()
                        .map(Fact::When)
                        .ok_or_else(|| crate::diag!(Error, "reference-phase-no-end", phase = id)),
                    _ => Err(crate::diag!(
                        Error,
                        "reference-phase-field",
                        reference = path,
                        phase = id
                    )),
                }
            }
            ["categories", id, ref rest @ ..] => {
                let c = cat(id).ok_or_else(|| {
                    unknown("category", id, y.categories.iter().map(|c| &c.id[..]))
                })?;
                match rest {
                    [] | ["name"] => Ok(Fact::Text(c.name.clone())),
                    ["qualifies"] => Ok(Fact::Text(c.qualifies.clone())),
                    ["reviewer"] => {
                        c.reviewer.clone().map(Fact::Text).ok_or_else(|| {
                            crate::diag!(Error, "reference-no-reviewer", category = id)
                        })
                    }
                    ["materials"] => Ok(Fact::List(c.materials.clone())),
                    _ => Err(crate::diag!(
                        Error,
                        "reference-category-field",
                        reference = path
                    )),
                }
            }
            ["rules", id] => match y.rules.get(id) {
                Some(r) if r.is_empty() => {
                    Err(crate::diag!(Error, "reference-empty-rule-list", id = id))
                }
                Some(r) => Ok(Fact::List(r.clone())),
                None => Err(unknown("rules", id, y.rules.keys().map(|k| &k[..]))),
            },
            _ => Err(crate::diag!(
                Error,
                "reference-not-a-fact",
                reference = path
            )),
        }
    }
}

/// No `what` (phase, category or rules: it selects the noun) named `id`.
fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str> + Clone) -> Diagnostic {
    let list: Vec<&str> = known.clone().collect();
    let suggestion = did_you_mean(id, known).unwrap_or_else(|| {
        crate::t!(
            "reference-known-ids",
            known = crate::load::files::listed(list)
        )
    });
    crate::diag!(
        Error,
        "reference-unknown-id",
        what = what,
        id = id,
        suggestion = suggestion
    )
}

/// Backslash-escape ASCII punctuation so substituted text stays literal in Markdown.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Replace every reference in `src` by its text. Problems are pushed to `diags`
/// with the position of the reference; the reference is then left as typed.
pub fn expand(src: &Source, facts: &Facts, diags: &mut Diagnostics) -> String {
    let text = &src.text;
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{{").map(|i| i + rest) {
        out.push_str(&text[rest..open]);
        let line_end = text[open..].find('\n').map_or(text.len(), |i| i + open);
        let Some(close) = text[open..line_end].find("}}").map(|i| i + open) else {
            diags.push(
                crate::diag!(Error, "reference-not-closed")
                    .in_file(&src.path)
                    .at_offset(text, open),
            );
            out.push_str(&text[open..line_end]);
            rest = line_end;
            continue;
        };
        expand_one(src, facts, open, close, &mut out, diags);
        rest = close + 2;
    }
    out.push_str(&text[rest..]);
    out
}

/// The reference between `open` (its `{{`) and `close` (its `}}`), written
/// to `out`; on an error it is left as typed.
fn expand_one(
    src: &Source,
    facts: &Facts,
    open: usize,
    close: usize,
    out: &mut String,
    diags: &mut Diagnostics,
) {
    let text = &src.text;
    let inner = &text[open + 2..close];
    let path_at = open + 2 + (inner.len() - inner.trim_start().len());
    match resolve_one(inner, facts) {
        Ok(value @ (Value::List(_) | Value::Table(_))) => {
            block_value(src, value, open, close, out, diags);
        }
        Ok(Value::Text(s)) => {
            if let Some(d) = doubled(&s, &text[..open], &text[close + 2..]) {
                diags.push(
                    crate::diag!(
                        Error,
                        "reference-doubled",
                        reference = inner.trim(),
                        value = &s,
                        char = d
                    )
                    .in_file(&src.path)
                    .at_offset(text, path_at),
                );
            }
            out.push_str(&escape_markdown(&s))
        }
        Err(d) => {
            diags.push(
                d.in_file(&src.path)
                    .at_offset(text, path_at)
                    .hint(crate::t!("reference-syntax")),
            );
            out.push_str(&text[open..close + 2]);
        }
    }
}

/// A list or a table is a block of its own: it may only stand alone on its line.
fn block_value(
    src: &Source,
    value: Value,
    open: usize,
    close: usize,
    out: &mut String,
    diags: &mut Diagnostics,
) {
    let text = &src.text;
    if !stands_alone(text, open, close + 2) {
        // Selects the noun of the message.
        let what = if matches!(value, Value::Table(_)) {
            "table"
        } else {
            "list"
        };
        let inner = &text[open + 2..close];
        diags.push(
            crate::diag!(
                Error,
                "reference-not-inline",
                reference = inner.trim(),
                what = what
            )
            .in_file(&src.path)
            .at_offset(text, open),
        );
        return;
    }
    match value {
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", i + 1, escape_markdown(item)));
            }
        }
        Value::Table(md) | Value::Text(md) => out.push_str(&md),
    }
    // Drop the newline that followed the reference.
    if out.ends_with('\n') && text[close + 2..].starts_with('\n') {
        out.pop();
    }
}

/// The character doubled across a reference: the text's last character typed
/// again right after it, or its first typed right before it.
fn doubled(value: &str, before: &str, after: &str) -> Option<char> {
    let hit = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) if a == b && DOUBLED.contains(a) => Some(a),
        _ => None,
    };
    hit(value.chars().last(), after.chars().next())
        .or_else(|| hit(before.chars().last(), value.chars().next()))
}

/// A resolved reference: text for a sentence, or a list or a table (as
/// Markdown) for a paragraph of its own.
enum Value {
    Text(String),
    List(Vec<String>),
    Table(String),
}

/// `{{ schedule | table }}`: the 日程安排 as a pipe table, columns as configured.
fn schedule_table(facts: &Facts) -> String {
    use crate::model::schedule::Column;
    let y = facts.year;
    let cfg = &y.schedule_table;
    let by = |id: &str| {
        y.phases
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.by.clone())
            .unwrap_or_default()
    };
    let columns = cfg.shown(y.phases.iter().any(|p| p.by.is_some()));
    let cell = |s: &str| escape_markdown(&s.replace('\n', ""));
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut md = String::new();
    if let Some(c) = &cfg.caption {
        md.push_str(&format!(": {}\n\n", cell(c)));
    }
    md.push_str(&row(columns
        .iter()
        .map(|c| cell(&cfg.header(*c)))
        .collect()));
    md.push_str(&row(columns
        .iter()
        .map(|c| {
            if *c == Column::Number {
                ":-:".into()
            } else {
                "---".into()
            }
        })
        .collect()));
    for (i, p) in facts.schedule.iter().enumerate() {
        md.push_str(&row(columns
            .iter()
            .map(|c| match c {
                Column::Number => (i + 1).to_string(),
                Column::Time => cell(&p.text(facts.style(), Show::default())),
                Column::Name => cell(&p.name),
                Column::By => cell(&by(&p.id)),
            })
            .collect()));
    }
    md
}

fn resolve_one(inner: &str, facts: &Facts) -> Result<Value, Diagnostic> {
    let mut parts = inner.split('|').map(str::trim);
    let path = parts.next().unwrap_or("");
    if path.is_empty() {
        return Err(crate::diag!(Error, "reference-empty"));
    }
    let filters: Vec<&str> = parts.clone().collect();
    if filters.contains(&"table") {
        return if path == "schedule" && filters == ["table"] {
            Ok(Value::Table(schedule_table(facts)))
        } else {
            Err(crate::diag!(
                Error,
                "reference-table-filter",
                reference = inner.trim()
            ))
        };
    }
    let fact = facts.lookup(path)?;
    let mut show = Show::default();
    for f in parts {
        match f {
            "weekday" => show.weekday = true,
            "noyear" => show.no_year = true,
            "date" => show.no_time = true,
            other => {
                return Err(match did_you_mean(other, FILTERS) {
                    Some(m) => crate::diag!(
                        Error,
                        "reference-unknown-filter-suggested",
                        filter = other,
                        suggestion = m
                    ),
                    None => crate::diag!(Error, "reference-unknown-filter", filter = other),
                });
            }
        }
    }
    if show != Show::default() && !matches!(fact, Fact::Phase(_) | Fact::When(_)) {
        return Err(crate::diag!(
            Error,
            "reference-filter-not-date",
            reference = path
        ));
    }
    Ok(match fact {
        Fact::Phase(p) => Value::Text(p.text(facts.style(), show)),
        Fact::When(w) => Value::Text(when_text(w, facts.style(), show)),
        Fact::Text(s) => Value::Text(s),
        Fact::List(items) => Value::List(items),
    })
}

/// The reference is the only thing in its paragraph.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| i + end);
    let own_line =
        text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty();
    let prev_line = text[..line_start]
        .strip_suffix('\n')
        .map(|b| b.rsplit('\n').next().unwrap_or(""));
    let next_line = text[line_end..]
        .strip_prefix('\n')
        .map(|a| a.split('\n').next().unwrap_or(""));
    let blank = |l: Option<&str>| l.is_none_or(|l| l.trim().is_empty());
    own_line && blank(prev_line) && blank(next_line)
}
