//! The publicity web pages: a heading page, list pages of `page_size` rows
//! grouped by college, and the data file the offline search reads.

use rayon::prelude::*;
use serde::Serialize;

use super::Publicity;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::cells::Cells;
use crate::render::html::{Context, HtmlRenderer, Templates};
use crate::render::{OutputFile, RenderContext, Renderer};

/// The web pages of every 公示 list, from the same templates as the other
/// pages (`publicity_index.html`, `publicity_list.html`).
pub struct PagesRenderer<'a> {
    pub html: &'a HtmlRenderer,
}

impl Renderer for PagesRenderer<'_> {
    fn name(&self) -> &'static str {
        "publicity pages"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics> {
        let base = self.html.base(ctx);
        let mut files = Vec::new();
        let mut diags = Diagnostics::new();
        let lists: Vec<_> = ctx
            .publicity
            .par_iter()
            .map(|p| render(&self.html.templates, &base, p))
            .collect();
        for list in lists {
            match list {
                Ok(f) => files.extend(f),
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(files)
        }
    }
}

#[derive(Serialize)]
struct GroupView<'a> {
    college: &'a str,
    /// The college began on an earlier page.
    continued: bool,
    /// (serial number, cells)
    rows: Vec<(usize, &'a Cells)>,
}

#[derive(Serialize)]
struct PageView<'a> {
    number: usize,
    first_college: &'a str,
    last_college: &'a str,
    groups: Vec<GroupView<'a>>,
}

/// A page as the index links it.
#[derive(Serialize)]
struct PageLink<'a> {
    number: usize,
    first_college: &'a str,
    last_college: &'a str,
}

fn pages(p: &Publicity) -> Vec<PageView<'_>> {
    let mut out: Vec<PageView> = Vec::new();
    let mut prev: Option<&str> = None;
    for (i, (college, row)) in p.rows().enumerate() {
        if i % p.page_size == 0 {
            out.push(PageView {
                number: out.len() + 1,
                first_college: college,
                last_college: college,
                groups: Vec::new(),
            });
        }
        let page = out.last_mut().expect("a page was just pushed");
        page.last_college = college;
        match page.groups.last_mut() {
            Some(g) if g.college == college => g.rows.push((i + 1, row)),
            _ => page.groups.push(GroupView {
                college,
                continued: prev == Some(college),
                rows: vec![(i + 1, row)],
            }),
        }
        prev = Some(college);
    }
    out
}

/// One list's pages.
fn render(t: &Templates, base: &Context, p: &Publicity) -> Result<Vec<OutputFile>, Diagnostic> {
    let dir = p.folder();
    let views = pages(p);
    let name_col = p
        .columns
        .iter()
        .position(|c| c.key == "name")
        .map_or(-1, |i| i as i64);
    let mut ctx = base.clone();
    // Only the head: the rows reach each page through its own view, never the
    // whole list into every page's context (which would be quadratic).
    ctx.insert("p", &p.head());
    ctx.insert("root", "../../../");
    ctx.insert("page_count", &views.len());
    ctx.insert("name_col", &name_col);
    let mut index = ctx.clone();
    // The index links every page by its colleges; the rows stay out of its
    // context (serializing 100,000 rows for it was a fifth of the pages' time).
    let links: Vec<PageLink> = views
        .iter()
        .map(|v| PageLink {
            number: v.number,
            first_college: v.first_college,
            last_college: v.last_college,
        })
        .collect();
    index.insert("pages", &links);
    // The pages render in parallel, beside the search data; order is
    // restored by collecting.
    let (pages, data) = rayon::join(
        || {
            let first = t.render("publicity_index.html", dir.join("index.html"), &index);
            let pages = views.par_iter().map(|v| {
                let mut c = ctx.clone();
                c.insert("page", v);
                let path = dir.join(format!("page-{}.html", v.number));
                t.render("publicity_list.html", path, &c)
            });
            let mut rendered: Vec<Result<OutputFile, Diagnostic>> = vec![first];
            rendered.par_extend(pages);
            rendered
        },
        || OutputFile {
            path: dir.join("list-data.js"),
            bytes: search_data(p),
        },
    );
    let mut rendered = pages;
    rendered.push(Ok(data));
    // A template's mistake shows on every page: its first is reported.
    rendered.into_iter().collect()
}

/// `window.GAZETTE_LIST = [[serial, page, college, cells…], …];` with only
/// the published columns.
/// Written straight into the buffer, strings escaped as JSON.
fn search_data(p: &Publicity) -> Vec<u8> {
    use std::io::Write;
    // Room for each row as it is written (escapes are few): its cells,
    // their quotes and commas, its serial and page numbers.
    let each = 3 * (p.columns.len() + 1) + 16;
    let size: usize = p.rows().map(|(c, r)| c.len() + r.text_len() + each).sum();
    let mut s: Vec<u8> = Vec::with_capacity(size + 32);
    s.extend_from_slice(b"window.GAZETTE_LIST=[");
    for (i, (college, row)) in p.rows().enumerate() {
        if i > 0 {
            s.push(b',');
        }
        // Writing into a Vec cannot fail.
        let _ = write!(s, "[{},{},", i + 1, i / p.page_size + 1);
        let _ = serde_json::to_writer(&mut s, college);
        for c in row.iter() {
            s.push(b',');
            let _ = serde_json::to_writer(&mut s, c);
        }
        s.push(b']');
    }
    s.extend_from_slice(b"];\n");
    s
}
