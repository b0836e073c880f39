//! The template engine: MiniJinja (Jinja2 syntax) over the built-in
//! templates, each overridable by the site's own `templates/<name>`. Values
//! print as they did under Tera, which gazette used before (none prints
//! nothing, a list prints as `[a, b]`, a float as Rust writes it), so pages
//! built before and after the change are byte-identical.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::value::{Kwargs, Serde, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};

/// The values a template sees, by name.
#[derive(Clone, Default)]
pub struct Context(BTreeMap<String, Value>);

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.0.insert(key.to_string(), Value::from(Serde(value)));
    }

    fn value(&self) -> Value {
        Value::from_object(self.0.clone())
    }
}

/// How printed values are escaped in the templates whose names end in `suffix`.
#[derive(Clone, Copy)]
pub struct Escape {
    pub suffix: &'static str,
    pub escape: fn(&str) -> String,
}

/// The templates in use, with their texts for locating errors.
pub struct Templates {
    env: Environment<'static>,
    sources: Vec<(&'static str, String)>,
}

/// Load `builtin`, each replaced by the site's `templates/<name>` when
/// there is one; printed strings are escaped as `escape` says.
pub fn load_set(
    root: &Path,
    builtin: &[(&'static str, &'static str)],
    escape: Escape,
) -> Result<Templates, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut sources = Vec::new();
    for &(name, builtin) in builtin {
        let rel = PathBuf::from("templates").join(name);
        let text = match std::fs::read_to_string(root.join(&rel)) {
            Ok(own) => own,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin.to_string(),
            Err(e) => {
                diags.push(
                    crate::diag!(Error, "template-read-failed", file = &rel)
                        .in_file(&rel)
                        .cause(e)
                        .io(),
                );
                continue;
            }
        };
        sources.push((name, text));
    }
    let mut t = Templates {
        env: environment(escape),
        sources,
    };
    for k in 0..t.sources.len() {
        let (name, text) = t.sources[k].clone();
        if let Err(e) = t.env.add_template_owned(name, text) {
            diags.push(t.error(e, name, None));
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(t)
    }
}

fn environment(escape: Escape) -> Environment<'static> {
    let mut env = Environment::new();
    // Errors keep their positions without the cost of copying the sources.
    env.set_debug(false);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
        .expect("the default delimiters are valid");
    env.set_syntax(syntax);
    // A misspelt name is an error, but `{% if name %}` may test an absent one.
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_auto_escape_callback(move |name| {
        if name.ends_with(escape.suffix) {
            AutoEscape::Custom("gazette".into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(move |out, state, value| format(out, state, value, escape.escape));
    env.add_filter("default", default);
    env
}

/// Print `value`; strings (not marked safe) are escaped where escaping is on.
fn format(
    out: &mut Output,
    state: &mut State,
    value: &Value,
    escape: fn(&str) -> String,
) -> Result<(), Error> {
    let text = match value.as_str() {
        Some(s) if !value.is_safe() && *state.auto_escape() != AutoEscape::None => escape(s),
        _ => plain(value),
    };
    out.write_str(&text).map_err(Error::from)
}

/// A value as text: none as nothing, a list as `[a, b]`, a map as
/// `[object]`, a float as Rust writes it (`3`, not `3.0`).
fn plain(value: &Value) -> String {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => String::new(),
        ValueKind::Seq | ValueKind::Iterable => {
            let items: Vec<String> = value
                .try_iter()
                .map(|it| it.map(|v| plain(&v)).collect())
                .unwrap_or_default();
            format!("[{}]", items.join(", "))
        }
        ValueKind::Map => "[object]".to_string(),
        ValueKind::Number if !value.is_integer() => {
            f64::try_from(value.clone()).map_or_else(|_| value.to_string(), |f| f.to_string())
        }
        _ => value.to_string(),
    }
}

/// `default`, also as Tera wrote it: `x | default(value='')`. An absent or
/// none value gives the default.
fn default(value: &Value, other: Option<Value>, kwargs: Kwargs) -> Result<Value, Error> {
    let named: Option<Value> = kwargs.get("value")?;
    kwargs.assert_all_used()?;
    if value.is_undefined() || value.is_none() {
        Ok(other.or(named).unwrap_or_else(|| Value::from("")))
    } else {
        Ok(value.clone())
    }
}

impl Templates {
    /// Render `template` to text; `what` names the output in errors (and
    /// is written out only for one).
    pub fn render_text(
        &self,
        template: &str,
        what: &dyn std::fmt::Display,
        ctx: &Context,
    ) -> Result<String, Diagnostic> {
        self.env
            .get_template(template)
            .and_then(|t| t.render(ctx.value()))
            .map_err(|e| self.error(e, template, Some(&what.to_string())))
    }

    /// Render `template` as if its text were `text` (positions in the
    /// output traced back to the template); none on any error.
    pub fn render_as(&self, template: &str, text: &str, ctx: &Context) -> Option<String> {
        let mut env = self.env.clone();
        env.add_template_owned(template.to_string(), text.to_string())
            .ok()?;
        env.get_template(template).ok()?.render(ctx.value()).ok()
    }

    /// The template's text as loaded (the site's own or the built-in).
    pub fn source(&self, template: &str) -> &str {
        self.sources
            .iter()
            .find(|(n, _)| *n == template)
            .map_or("", |(_, t)| t.as_str())
    }

    /// An engine error as a diagnostic: the template where it happened (the
    /// one rendered, or one it extends), the output being rendered, and the
    /// position of the failing tag or expression. `output` is the file
    /// being rendered; none while the templates are loaded.
    pub fn error(&self, e: Error, template: &str, output: Option<&str>) -> Diagnostic {
        let at = e
            .name()
            .and_then(|n| self.sources.iter().find(|(s, _)| *s == n))
            .map_or(template, |(n, _)| *n);
        let d = match output {
            Some(output) => crate::diag!(
                Error,
                "template-render-failed",
                template = template,
                output = output
            ),
            None => crate::diag!(Error, "template-load-failed", template = template),
        };
        let mut d = d.in_file(PathBuf::from("templates").join(at));
        let text = self.source(at);
        let mut undefined = None;
        if let Some(range) = e.range().filter(|r| r.end <= text.len()) {
            let mut start = range.start;
            if e.kind() == ErrorKind::UndefinedError {
                // The engine points at the lookup that failed; the whole
                // name (`notice.nope.x`) is what the writer looks for.
                let (from, name) = whole_name(text, range);
                (start, undefined) = (from, Some(name));
            }
            d = d.at_offset(text, start);
        } else if let Some(line) = e.line() {
            d = d.at(text, line, 1);
        }
        d = d.cause(e.kind().to_string());
        if let Some(detail) = e.detail() {
            d = d.cause(detail);
        }
        if let Some(name) = undefined.filter(|n| !n.is_empty()) {
            d = d.cause(crate::t!("template-unknown-value", name = name));
        }
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            d = d.cause(c.to_string());
            cause = c.source();
        }
        d
    }
}

/// The dotted name around `range` in `text`, and where it starts.
fn whole_name(text: &str, range: std::ops::Range<usize>) -> (usize, String) {
    let part = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| part(c))
        .last()
        .map_or(range.start, |(i, _)| i);
    let end = text[range.start..]
        .find(|c: char| !part(c))
        .map_or(text.len(), |i| range.start + i);
    (start, text[start..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, ctx: &Context) -> String {
        let escape = Escape {
            suffix: ".html",
            escape: |s| s.replace('<', "&lt;"),
        };
        let dir = std::env::temp_dir().join("gazette-template-no-templates");
        let t = load_set(&dir, &[("t.html", "")], escape).unwrap();
        t.render_as("t.html", template, ctx).unwrap()
    }

    #[test]
    fn values_print_as_they_did_under_tera() {
        let mut ctx = Context::new();
        ctx.insert("none", &None::<i32>);
        ctx.insert("list", &["a", "<b>"]);
        ctx.insert("half", &2.5f64);
        ctx.insert("whole", &3.0f64);
        ctx.insert("tag", "<i>");
        let out = render(
            "{{ none }}|{{ list }}|{{ half }}|{{ whole }}|{{ tag }}\n",
            &ctx,
        );
        assert_eq!(out, "|[a, <b>]|2.5|3|&lt;i>\n");
    }

    #[test]
    fn default_takes_its_value_by_position_or_by_name() {
        let mut ctx = Context::new();
        ctx.insert("m", &BTreeMap::from([("set", "x")]));
        ctx.insert("none", &None::<i32>);
        let out = render(
            "{{ m.set | default(value='-') }} {{ m.unset | default(value='-') }} {{ m.unset | default('+') }} {{ none | default(value='0') }}",
            &ctx,
        );
        assert_eq!(out, "x - + 0");
    }
}
