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
pub const BUILTIN: [(&str, &str); 4] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("notice.html", include_str!("../../templates/notice.html")),
    ("style.css", include_str!("../../templates/style.css")),
];

pub struct HtmlRenderer;

/// Load the built-in templates, replacing each by the site's file of the same name.
pub fn load_templates(root: &Path) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let mut diags = Diagnostics::new();
    let mut sources = Vec::new();
    for (name, builtin) in BUILTIN {
        let rel = PathBuf::from("templates").join(name);
        let text = match std::fs::read_to_string(root.join(&rel)) {
            Ok(own) => own,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin.to_string(),
            Err(e) => {
                diags.push(
                    Diagnostic::error(format!("failed to read `{}`", rel.display()))
                        .in_file(&rel)
                        .cause(e),
                );
                continue;
            }
        };
        sources.push((name, text));
    }
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (*n, t.as_str()))) {
        diags.push(tera_error(e, "templates", "loading the templates"));
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(tera)
    }
}

/// Tera 1.x errors carry no position: name the template and the output.
fn tera_error(e: tera::Error, template: &str, doing: &str) -> Diagnostic {
    let mut d = Diagnostic::error(format!("template `{template}` failed while {doing}"))
        .in_file(PathBuf::from("templates").join(template));
    let mut cause: Option<&dyn std::error::Error> = Some(&e);
    while let Some(c) = cause {
        d = d.cause(c);
        cause = c.source();
    }
    d.hint("fix the template, or delete it from templates/ to use the built-in one")
}

#[derive(Serialize)]
struct YearLink<'a> {
    year: i32,
    title: &'a str,
    number: &'a str,
    date: &'a str,
}

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics> {
        let tera = load_templates(&ctx.site.root)?;
        let cfg = &ctx.site.config;
        let mut out = Vec::new();
        let mut render = |template: &str, path: PathBuf, c: &Context| -> Result<(), Diagnostic> {
            let text = tera
                .render(template, c)
                .map_err(|e| tera_error(e, template, &format!("rendering `{}`", path.display())))?;
            out.push(OutputFile {
                path,
                bytes: text.into_bytes(),
            });
            Ok(())
        };

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
            })
            .collect();
        let mut index = base.clone();
        index.insert("years", &links);
        index.insert("root", "");
        let mut diags = Diagnostics::new();
        let mut run = |r: Result<(), Diagnostic>| {
            if let Err(d) = r {
                diags.push(d)
            }
        };
        run(render("index.html", "index.html".into(), &index));
        let mut css = Context::new();
        css.insert("red", &cfg.pdf.red);
        run(render("style.css", "assets/gazette.css".into(), &css));
        for n in ctx.notices {
            let mut c = base.clone();
            c.insert("notice", n);
            c.insert("root", "../");
            run(render(
                "notice.html",
                PathBuf::from(n.year.to_string()).join("notice.html"),
                &c,
            ));
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(out)
        }
    }
}
