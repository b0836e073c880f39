//! The publicity web pages: a heading page, list pages of `page_size` rows
//! grouped by college, and the data file the offline search reads.

use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;

use super::Publicity;
use crate::diag::Diagnostic;
use crate::render::html::{Context, Templates};
use crate::render::OutputFile;

#[derive(Serialize)]
struct GroupView<'a> {
    college: &'a str,
    /// The college began on an earlier page.
    continued: bool,
    /// (serial number, cells)
    rows: Vec<(usize, &'a [String])>,
}

#[derive(Serialize)]
struct PageView<'a> {
    number: usize,
    first_college: &'a str,
    last_college: &'a str,
    groups: Vec<GroupView<'a>>,
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

/// Folder of one category's publicity, relative to the output.
pub fn folder(p: &Publicity) -> PathBuf {
    PathBuf::from(p.year.to_string())
        .join("publicity")
        .join(&p.category_id)
}

pub fn render(t: &Templates, base: &Context, p: &Publicity) -> Result<Vec<OutputFile>, Diagnostic> {
    let dir = folder(p);
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
    index.insert("pages", &views);
    let mut files = vec![t.render("publicity_index.html", dir.join("index.html"), &index)?];
    // List pages render in parallel; order is restored by collecting.
    let rendered: Vec<Result<OutputFile, Diagnostic>> = views
        .par_iter()
        .map(|v| {
            let mut c = ctx.clone();
            c.insert("page", v);
            t.render(
                "publicity_list.html",
                dir.join(format!("page-{}.html", v.number)),
                &c,
            )
        })
        .collect();
    for r in rendered {
        files.push(r?);
    }
    files.push(OutputFile {
        path: dir.join("list-data.js"),
        bytes: search_data(p).into_bytes(),
    });
    Ok(files)
}

/// `window.GAZETTE_LIST = [[serial, page, college, cells…], …];` with only
/// the published columns.
fn search_data(p: &Publicity) -> String {
    let mut s = String::with_capacity(p.count * 64 + 32);
    s.push_str("window.GAZETTE_LIST=[");
    for (i, (college, row)) in p.rows().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let mut item: Vec<serde_json::Value> =
            vec![(i + 1).into(), (i / p.page_size + 1).into(), college.into()];
        item.extend(row.iter().map(|c| serde_json::Value::from(c.as_str())));
        s.push_str(&serde_json::Value::Array(item).to_string());
    }
    s.push_str("];\n");
    s
}
