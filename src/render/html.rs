//! The web pages: the front page and one page per notice, from Tera
//! templates built into the binary and overridable by the site's own
//! `templates/` folder, file by file.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use super::{OutputFile, RenderContext, Renderer};
use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::Notice;

/// Built-in templates, in the order Tera needs them (base before children).
pub const BUILTIN: [(&str, &str); 9] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("notice.html", include_str!("../../templates/notice.html")),
    (
        "publicity_index.html",
        include_str!("../../templates/publicity_index.html"),
    ),
    (
        "publicity_list.html",
        include_str!("../../templates/publicity_list.html"),
    ),
    (
        "receipts.html",
        include_str!("../../templates/receipts.html"),
    ),
    ("receipts.js", include_str!("../../templates/receipts.js")),
    ("search.js", include_str!("../../templates/search.js")),
    ("style.css", include_str!("../../templates/style.css")),
];

/// Escape text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub struct HtmlRenderer;

/// The templates in use, with their texts for locating errors.
pub struct Templates {
    pub tera: Tera,
    sources: Vec<(&'static str, String)>,
}

/// Load the built-in templates, replacing each by the site's file of the same name.
pub fn load_templates(root: &Path) -> Result<Templates, Diagnostics> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    load_set(root, &BUILTIN, tera)
}

/// Load `builtin` into `tera`, each replaced by the site's
/// `templates/<name>` when there is one.
pub fn load_set(
    root: &Path,
    builtin: &[(&'static str, &'static str)],
    tera: Tera,
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
    let mut t = Templates { tera, sources };
    let added = t
        .tera
        .add_raw_templates(t.sources.iter().map(|(n, s)| (*n, s.as_str())));
    if let Err(e) = added {
        // Tera names the template it failed to parse in the message.
        let name = builtin
            .iter()
            .map(|(n, _)| *n)
            .find(|n| {
                e.to_string().contains(&format!("'{n}'"))
                    || e.to_string().contains(&format!("\"{n}\""))
            })
            .unwrap_or(builtin[0].0);
        diags.push(t.error(e, name, None));
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(t)
    }
}

impl Templates {
    /// Render `template` into the output file `path`.
    pub fn render(
        &self,
        template: &str,
        path: PathBuf,
        ctx: &Context,
    ) -> Result<OutputFile, Diagnostic> {
        let text = self.render_text(template, &path.display().to_string(), ctx)?;
        Ok(OutputFile {
            path,
            bytes: text.into_bytes(),
        })
    }

    /// Render `template` to text; `what` names the output in errors.
    pub fn render_text(
        &self,
        template: &str,
        what: &str,
        ctx: &Context,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| self.error(e, template, Some(what)))
    }

    /// The template's text as loaded (the site's own or the built-in).
    pub fn source(&self, template: &str) -> &str {
        self.sources
            .iter()
            .find(|(n, _)| *n == template)
            .map_or("", |(_, t)| t.as_str())
    }

    /// A Tera error as a diagnostic: the template, the output being rendered
    /// (None while loading), and a position where Tera gives one (syntax
    /// errors) or where the missing variable is written (render errors).
    fn error(&self, e: tera::Error, template: &str, output: Option<&str>) -> Diagnostic {
        let d = match output {
            None => crate::diag!(Error, "template-load-failed", template = template),
            Some(output) => crate::diag!(
                Error,
                "template-render-failed",
                template = template,
                output = output
            ),
        };
        let mut d = d.in_file(PathBuf::from("templates").join(template));
        let mut chain = Vec::new();
        let mut cause: Option<&dyn std::error::Error> = Some(&e);
        while let Some(c) = cause {
            chain.push(c.to_string());
            cause = c.source();
        }
        let text = self.source(template);
        let all = chain.join("\n");
        if let Some((line, col)) = syntax_position(&all) {
            d = d.at(text, line, col);
        } else if let Some(at) = missing_variable(&all).and_then(|v| text.find(&v)) {
            d = d.at_offset(text, at);
        }
        for c in chain {
            // The parser's own picture of the line repeats ours: keep its verdict.
            let verdict = c.lines().find_map(|l| l.trim().strip_prefix("= "));
            d = d.cause(verdict.unwrap_or(c.trim()));
        }
        d
    }
}

/// Tera's parser reports " --> 3:5" (line:column).
fn syntax_position(msg: &str) -> Option<(usize, usize)> {
    let rest = &msg[msg.find("--> ")? + 4..];
    let end = rest.find(|c: char| !c.is_ascii_digit() && c != ':')?;
    let (l, c) = rest[..end].split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

/// "Variable `notice.nope` not found in context …"
fn missing_variable(msg: &str) -> Option<String> {
    let rest = &msg[msg.find("Variable `")? + 10..];
    Some(rest[..rest.find('`')?].to_string())
}

#[derive(Serialize)]
struct YearLink<'a> {
    year: i32,
    title: &'a str,
    number: &'a str,
    date: &'a str,
    publicity: Vec<PublicityLink<'a>>,
    receipts: bool,
}

#[derive(Serialize)]
struct PublicityLink<'a> {
    id: &'a str,
    title: &'a str,
    count: usize,
}

fn has_receipts(ctx: &RenderContext, year: i32) -> bool {
    ctx.receipts.iter().any(|(y, _)| *y == year)
}

fn publicity_links<'a>(ctx: &'a RenderContext, year: i32) -> Vec<PublicityLink<'a>> {
    ctx.publicity
        .iter()
        .filter(|p| p.year == year)
        .map(|p| PublicityLink {
            id: &p.category_id,
            title: &p.title,
            count: p.count,
        })
        .collect()
}

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics> {
        let t = load_templates(&ctx.site.root)?;
        let cfg = &ctx.site.config;
        let mut base = Context::new();
        base.insert("site", &cfg.site);
        base.insert("authority", &cfg.authority);

        // Newest year first on the front page.
        let mut years: Vec<&Notice> = ctx.notices.iter().collect();
        years.sort_by_key(|n| std::cmp::Reverse(n.year));
        let links: Vec<YearLink> = years
            .iter()
            .map(|n| YearLink {
                year: n.year,
                title: &n.title,
                number: &n.number,
                date: &n.date,
                publicity: publicity_links(ctx, n.year),
                receipts: has_receipts(ctx, n.year),
            })
            .collect();
        let mut index = base.clone();
        index.insert("years", &links);
        index.insert("root", "");
        let mut css = Context::new();
        css.insert("red", &cfg.pdf.red);

        let mut results = vec![
            t.render("index.html", "index.html".into(), &index),
            t.render("style.css", "assets/gazette.css".into(), &css),
            t.render("search.js", "assets/search.js".into(), &Context::new()),
        ];
        if !ctx.receipts.is_empty() {
            results.push(t.render("receipts.js", "assets/receipts.js".into(), &Context::new()));
        }
        for (year, salt) in ctx.receipts {
            let mut c = base.clone();
            c.insert("year", year);
            c.insert("salt", salt);
            c.insert("iterations", &crate::papers::lookup::ITERATIONS);
            c.insert("root", "../../");
            let path = PathBuf::from(year.to_string()).join("receipts/index.html");
            results.push(t.render("receipts.html", path, &c));
        }
        for n in ctx.notices {
            let mut c = base.clone();
            c.insert("notice", n);
            c.insert("root", "../");
            c.insert("publicity", &publicity_links(ctx, n.year));
            c.insert("receipts", &has_receipts(ctx, n.year));
            let path = PathBuf::from(n.year.to_string()).join("notice.html");
            results.push(t.render("notice.html", path, &c));
        }
        let mut out = Vec::new();
        let mut diags = Diagnostics::new();
        for p in ctx.publicity {
            match crate::publicity::html::render(&t, &base, p) {
                Ok(files) => out.extend(files),
                Err(d) => diags.push(d),
            }
            out.push(crate::publicity::csv::render(p));
        }
        for r in results {
            match r {
                Ok(f) => out.push(f),
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(out)
        }
    }
}
