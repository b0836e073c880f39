//! The web pages: the front page and one page per notice, from
//! templates built into the binary and overridable by the site's own
//! `templates/` folder, file by file.

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use super::template::{load_set, Context, Escape, Templates};
use super::{OutputFile, RenderContext, Renderer};
use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::Notice;

/// Built-in templates.
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

/// The front page, the notices' pages and the receipt download page. The
/// templates are loaded once per build and shared with the 公示 pages.
pub struct HtmlRenderer {
    pub templates: Templates,
}

impl HtmlRenderer {
    pub fn new(root: &Path) -> Result<HtmlRenderer, Diagnostics> {
        Ok(HtmlRenderer {
            templates: load_templates(root)?,
        })
    }

    /// What every page's context starts from.
    pub fn base(&self, ctx: &RenderContext) -> Context {
        let mut base = Context::new();
        base.insert("site", &ctx.site.config.site);
        base.insert("authority", &ctx.site.config.authority);
        base
    }
}

/// Tera's HTML escaping (`'` and `/` as hexadecimal references), kept so
/// pages are byte-identical to those built before MiniJinja replaced it.
/// One pass, copying the runs between the characters it replaces (the
/// 公示 pages print 200,000 cells).
fn escape_page(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let by = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            b'/' => "&#x2F;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(by);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

/// Load the built-in templates, replacing each by the site's file of the same name.
pub fn load_templates(root: &Path) -> Result<Templates, Diagnostics> {
    let escape = Escape {
        suffix: ".html",
        escape: escape_page,
    };
    load_set(root, &BUILTIN, escape)
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
        let t = &self.templates;
        let cfg = &ctx.site.config;
        let base = self.base(ctx);

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
            c.insert("iterations", &crate::model::papers::ITERATIONS);
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
        super::all_or_problems(results)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pages_escape_as_tera_did() {
        for s in ["", "张三", "<a href='/x'>&amp;\"</a>", "&#39;/", "a/b'c"] {
            let tera = super::escape(s)
                .replace("&#39;", "&#x27;")
                .replace('/', "&#x2F;");
            assert_eq!(super::escape_page(s), tera, "{s}");
        }
    }
}
