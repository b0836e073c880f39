//! gazette: official notices (通知) and everything around them, rendered
//! from facts kept once in YAML.
//!
//! The pipeline, one module per stage:
//! 1. [`load`]: read `gazette.yaml` and `content/<year>/` into typed values;
//! 2. [`check`]: the facts must agree with each other and the calendar;
//! 3. [`compose`]: expand fact references and number headings into a [`doc::Notice`];
//! 4. [`render`]: HTML pages and GB/T 9704 PDFs, in memory;
//! 5. [`write`]: swap the new output folder in atomically.

// Diagnostics are large but only ever built on the cold, failing path.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod compose;
pub mod data;
pub mod diag;
pub mod diff;
pub mod doc;
pub mod facts;
pub mod kinsoku;
pub mod load;
pub mod markdown;
pub mod model;
pub mod publicity;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod title;
pub mod write;

use std::path::{Path, PathBuf};

use diag::Diagnostics;
use doc::Notice;
use load::Site;
use render::{OutputFile, RenderContext, Renderer};

/// A checked and composed site: what the renderers need.
pub struct Prepared {
    pub site: Site,
    pub notices: Vec<Notice>,
    pub publicity: Vec<publicity::Publicity>,
    pub warnings: Diagnostics,
}

/// Load, check and compose every year, with its candidate data and publicity
/// lists. Data problems are reported beside the notice's, never instead of them.
pub fn prepare(root: &Path) -> Result<Prepared, Diagnostics> {
    let site = load::load(root)?;
    let mut diags = site.warnings.clone();
    let mut notices = Vec::new();
    let mut lists = Vec::new();
    for year in &site.years {
        let Some(schedule) = check::check_year(year, &mut diags) else {
            continue;
        };
        notices.push(compose::compose(&site, year, &schedule, &mut diags));
        let Some((spec, spec_src)) = &year.candidates else {
            continue;
        };
        let list = data::load_candidates(
            &site.root,
            &year.dir,
            spec,
            spec_src,
            &year.categories,
            &mut diags,
        );
        if let (Some(list), Some((pspec, psrc))) = (list, &year.publicity) {
            let extra: Vec<(String, String)> = spec
                .columns
                .extra
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let ctx = publicity::Inputs {
                year,
                schedule: &schedule,
                list: &list,
                extra_headers: &extra,
                style: site.config.dates,
            };
            lists.extend(publicity::build(&ctx, pspec, psrc, &mut diags));
        }
    }
    diags.sort();
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Prepared {
        site,
        notices,
        publicity: lists,
        warnings: diags,
    })
}

/// Everything a build produces, in memory: the site, its files and the warnings.
pub struct Rendered {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
}

/// Which backends run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    pub html: bool,
    pub pdf: bool,
}

impl Outputs {
    pub const ALL: Outputs = Outputs {
        html: true,
        pdf: true,
    };
}

/// Load, check, compose and render every output in memory; nothing is written.
/// `gazette check` stops here, `gazette build` writes the result.
pub fn render(root: &Path) -> Result<Rendered, Diagnostics> {
    render_selected(root, Outputs::ALL)
}

/// [`render`] with only some backends (e.g. web pages for a quick preview).
pub fn render_selected(root: &Path, outputs: Outputs) -> Result<Rendered, Diagnostics> {
    let Prepared {
        site,
        notices,
        publicity,
        mut warnings,
    } = prepare(root)?;
    let ctx = RenderContext {
        site: &site,
        notices: &notices,
        publicity: &publicity,
    };
    let pdf = if outputs.pdf {
        let r = render::pdf::PdfRenderer::new(&site).map_err(|mut d| {
            d.extend(warnings.clone());
            d
        })?;
        Some(r)
    } else {
        None
    };
    let mut renderers: Vec<&dyn Renderer> = Vec::new();
    if outputs.html {
        renderers.push(&render::html::HtmlRenderer);
    }
    if let Some(p) = &pdf {
        renderers.push(p);
    }
    let mut files: Vec<OutputFile> = Vec::new();
    let mut diags = Diagnostics::new();
    for r in renderers {
        match r.render(&ctx) {
            Ok(f) => files.extend(f),
            Err(d) => diags.extend(d),
        }
    }
    if let Some(p) = &pdf {
        warnings.extend(p.warnings.clone());
    }
    if diags.has_errors() {
        diags.extend(warnings);
        diags.sort();
        return Err(diags);
    }
    warnings.sort();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered {
        site,
        files,
        warnings,
    })
}

/// What a successful build wrote.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub files: Vec<PathBuf>,
    pub warnings: Diagnostics,
}

/// Build the whole site into `output`, replacing it only when everything succeeded.
pub fn build(root: &Path, output: &Path) -> Result<BuildReport, Diagnostics> {
    let r = render(root)?;
    write::write_atomically(output, &r.files)?;
    Ok(BuildReport {
        output: output.to_path_buf(),
        files: r.files.into_iter().map(|f| f.path).collect(),
        warnings: r.warnings,
    })
}
