//! gazette: official notices (通知) and everything around them, rendered
//! from facts kept once in YAML.
//!
//! The pipeline, one module per stage:
//! 1. [`load`]: read `gazette.yaml` and `content/<year>/` into typed values;
//! 2. [`check`]: the facts must agree with each other and the calendar;
//! 3. [`compose`]: expand fact references and number headings into a [`doc::Notice`];
//! 4. [`render`]: HTML pages, GB/T 9704 PDFs and Word documents, in memory;
//! 5. [`write`]: swap the new output folder in atomically.

// Diagnostics are large but only ever built on the cold, failing path.
#![allow(clippy::result_large_err)]

pub mod allocator;
pub mod check;
pub mod cli;
pub mod compose;
pub mod data;
pub mod diag;
pub mod diff;
pub mod doc;
pub mod facts;
pub mod i18n;
pub mod kinsoku;
pub mod load;
pub mod markdown;
pub mod model;
pub mod papers;
pub mod privacy;
pub mod publicity;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod sheet;
pub mod title;
pub mod typeset;
pub mod write;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use diag::Diagnostics;
use doc::Notice;
use load::Site;
use render::{OutputFile, RenderContext, Renderer};

/// A checked and composed site: what the renderers need.
pub struct Prepared {
    pub site: Site,
    pub notices: Vec<Notice>,
    pub publicity: Vec<publicity::Publicity>,
    /// The years that make receipts or forms, with their candidates.
    pub papers: Vec<papers::YearInput>,
    /// Every full ID and phone number of the candidate lists, for the privacy guard.
    pub secrets: privacy::Secrets,
    pub warnings: Diagnostics,
}

/// Load, check and compose every year, with its candidate data and publicity
/// lists. Data problems are reported beside the notice's, never instead of them.
pub fn prepare(root: &Path) -> Result<Prepared, Diagnostics> {
    let site = load::load(root)?;
    let mut diags = site.warnings.clone();
    check::site(&site, &mut diags);
    let mut notices = Vec::new();
    let mut lists = Vec::new();
    let mut papers_in = Vec::new();
    let mut secrets = privacy::Secrets::default();
    for year in &site.years {
        let Some(schedule) = check::check_year(year, &mut diags) else {
            continue;
        };
        notices.push(compose::compose(&site, year, &schedule, &mut diags));
        let Some((spec, spec_src)) = &year.candidates else {
            continue;
        };
        let published = year.publicity.as_ref().map_or(&[][..], |(p, _)| &p.columns);
        let list = data::load_candidates(
            &site.root,
            &year.dir,
            spec,
            spec_src,
            &year.categories,
            published,
            &mut diags,
        );
        // The guard's numbers are sorted while the 公示 lists are made.
        let add = || {
            if let Some(list) = &list {
                secrets.add(list, &spec.columns.id_number, &spec.columns.phone);
            }
        };
        let build = || match (&list, &year.publicity) {
            (Some(list), Some((pspec, psrc))) => {
                let extra: Vec<(String, String)> = spec
                    .columns
                    .extra
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let ctx = publicity::Inputs {
                    year,
                    schedule: &schedule,
                    list,
                    extra_headers: &extra,
                    style: site.config.dates,
                };
                publicity::build(&ctx, pspec, psrc, &mut diags)
            }
            _ => Vec::new(),
        };
        lists.extend(rayon::join(add, build).1);
        if let Some(list) = list {
            papers_in.extend(papers::input(&site, year, &schedule, list, &mut diags));
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
        papers: papers_in,
        secrets,
        warnings: diags,
    })
}

/// Everything a build produces, in memory: the site, its files and the warnings.
pub struct Rendered {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
    /// Receipts and forms to make, when the PDFs are built and a year has `papers.yaml`.
    pub papers: Option<papers::Plan>,
    pub secrets: privacy::Secrets,
    /// The build's font set (when PDFs are built), shared by every PDF.
    pub fonts: Option<std::sync::Arc<typeset::fonts::FontSet>>,
}

/// Which backends run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    pub html: bool,
    /// The print documents: the PDFs, notice.docx, notice.ofd, receipts and forms.
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
/// Receipts are planned with the fixed preview key: the authority's key is
/// neither read nor created.
pub fn render_selected(root: &Path, outputs: Outputs) -> Result<Rendered, Diagnostics> {
    render_with(root, outputs, papers::key::Missing::Preview)
}

fn render_with(
    root: &Path,
    outputs: Outputs,
    missing_key: papers::key::Missing,
) -> Result<Rendered, Diagnostics> {
    // The font folders are read while the site is loaded and checked.
    let _fonts = outputs.pdf.then(typeset::discover::Prefetch::start);
    let Prepared {
        site,
        notices,
        publicity,
        papers: mut papers_in,
        secrets,
        mut warnings,
    } = prepare(root)?;
    let key = receipt_key(&site, &mut papers_in, missing_key, &mut warnings)?;
    let salts: Vec<(i32, String)> = papers_in.iter().filter_map(|p| p.salted()).collect();
    let ctx = RenderContext {
        site: &site,
        notices: &notices,
        publicity: &publicity,
        receipts: &salts,
    };
    let made = run_renderers(&ctx, outputs).map_err(|d| with_warnings(d, &warnings))?;
    let (mut files, mut diags, pdf) = (made.files, made.problems, made.pdf);
    if let Some(p) = &pdf {
        warnings.extend(p.warnings.clone());
    }
    let made = plan_papers(
        &site,
        pdf.as_ref(),
        papers_in,
        key,
        &mut files,
        &mut warnings,
    );
    let plan = made.unwrap_or_else(|d| {
        diags.extend(d);
        None
    });
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
        papers: plan,
        secrets,
        fonts: pdf.map(|p| p.fonts),
    })
}

/// What the renderers made, every problem they found, and the PDF
/// renderer (its fonts serve the papers).
struct Made {
    files: Vec<OutputFile>,
    problems: Diagnostics,
    pdf: Option<render::pdf::PdfRenderer>,
}

/// Run the renderers `outputs` asks for, each into its own files. `--only
/// html`: the web pages, the 公示 pages and CSV; `--only pdf`: the notice's
/// PDF, Word and OFD files, the 公示 PDF lists and CSV. A renderer that fails
/// does not stop the others, so every problem is reported at once.
fn run_renderers(ctx: &RenderContext, outputs: Outputs) -> Result<Made, Diagnostics> {
    use publicity::{csv::CsvRenderer, html::PagesRenderer, pdf::ListPdfRenderer};
    let mut problems = Diagnostics::new();
    // The templates are read while the fonts are found.
    let (html, pdf) = rayon::join(
        || (outputs.html).then(|| render::html::HtmlRenderer::new(&ctx.site.root)),
        || (outputs.pdf).then(|| render::pdf::PdfRenderer::new(ctx.site)),
    );
    let html = match html {
        Some(Err(d)) => {
            problems.extend(d);
            None
        }
        Some(Ok(h)) => Some(h),
        None => None,
    };
    let pdf = pdf.transpose()?;
    let pages = html.as_ref().map(|html| PagesRenderer { html });
    let lists = pdf.as_ref().map(|pdf| ListPdfRenderer { pdf });
    // The notice's PDF and its archive copy (OFD) from one layout.
    let print = pdf.as_ref().map(|pdf| render::print::PrintRenderer { pdf });
    let mut renderers: Vec<&(dyn Renderer + Sync)> = Vec::new();
    if let (Some(h), Some(p)) = (&html, &pages) {
        renderers.extend([h as &(dyn Renderer + Sync), p]);
    }
    if let (Some(p), Some(l)) = (&print, &lists) {
        // The Word version goes with the print documents.
        renderers.extend([p as &(dyn Renderer + Sync), &render::docx::DocxRenderer, l]);
    }
    if outputs.html || outputs.pdf {
        renderers.push(&CsvRenderer);
    }
    // The renderers are independent: on two cores a notice's PDF and OFD
    // are made side by side. Their results are taken in the list's order.
    let results: Vec<_> = renderers.par_iter().map(|r| r.render(ctx)).collect();
    let mut files = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.extend(f),
            Err(d) => problems.extend(d),
        }
    }
    Ok(Made {
        files,
        problems,
        pdf,
    })
}

/// The receipt key, when a year makes receipts; each such year gets its
/// salt from it here, the one place it is computed.
fn receipt_key(
    site: &Site,
    years: &mut [papers::YearInput],
    missing: papers::key::Missing,
    warnings: &mut Diagnostics,
) -> Result<Option<(papers::key::Key, papers::key::Origin)>, Diagnostics> {
    if !years.iter().any(|p| p.spec.receipts.is_some()) {
        return Ok(None);
    }
    let (key, origin) = papers::key::Key::load(&site.config.receipts, &site.root, missing)
        .map_err(|d| with_warnings(d.into(), warnings))?;
    if let Some(w) = origin.warning() {
        warnings.push(w);
    }
    for y in years.iter_mut().filter(|y| y.spec.receipts.is_some()) {
        y.salt = Some(key.salt(y.year));
    }
    Ok(Some((key, origin)))
}

/// The papers' plan (receipts and forms) when PDFs are made and a year
/// has papers, with the blank forms published among the site's files.
fn plan_papers(
    site: &Site,
    pdf: Option<&render::pdf::PdfRenderer>,
    years: Vec<papers::YearInput>,
    key: Option<(papers::key::Key, papers::key::Origin)>,
    files: &mut Vec<OutputFile>,
    warnings: &mut Diagnostics,
) -> Result<Option<papers::Plan>, Diagnostics> {
    let Some(pdf) = pdf.filter(|_| !years.is_empty()) else {
        return Ok(None);
    };
    let (k, origin) = key.unwrap_or((papers::key::Key::preview(), papers::key::Origin::Preview));
    let mut made = papers::Plan::new(site, &pdf.fonts, years, k, origin)?;
    files.extend(
        made.blanks
            .drain(..)
            .map(|(path, bytes)| OutputFile { path, bytes }),
    );
    warnings.extend(std::mem::take(&mut made.warnings));
    Ok(Some(made))
}

fn with_warnings(mut d: Diagnostics, warnings: &Diagnostics) -> Diagnostics {
    d.extend(warnings.clone());
    d.sort();
    d
}

/// How a build writes its papers.
pub struct BuildOptions<'a> {
    /// Make only the I-th of N parts of the receipts and forms.
    pub shard: Option<papers::Shard>,
    /// Where papers for staff and colleges go. Default: `<root>/private`.
    pub private: Option<&'a Path>,
    pub progress: &'a dyn papers::run::Progress,
}

impl Default for BuildOptions<'_> {
    fn default() -> Self {
        BuildOptions {
            shard: None,
            private: None,
            progress: &(),
        }
    }
}

/// What a successful build wrote.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub files: Vec<PathBuf>,
    pub warnings: Diagnostics,
    /// Receipts and forms made (or reused from the previous build).
    pub papers: Option<papers::RunReport>,
    /// The private folder, when papers were made.
    pub private: Option<PathBuf>,
    pub key: Option<papers::key::Origin>,
}

/// The private folder of a site: `<root>/private` unless told otherwise.
pub fn private_folder(root: &Path, given: Option<&Path>) -> PathBuf {
    given.map_or_else(|| root.join("private"), Path::to_path_buf)
}

/// Build the whole site into `output`, replacing it only when everything succeeded.
pub fn build(root: &Path, output: &Path) -> Result<BuildReport, Diagnostics> {
    let r = render_for_build(root, Outputs::ALL)?;
    write_build(r, output, &BuildOptions::default())
}

/// [`render_selected`] for a build: a missing receipt key is created (and
/// reported in [`BuildReport::key`]) instead of previewed.
pub fn render_for_build(root: &Path, outputs: Outputs) -> Result<Rendered, Diagnostics> {
    render_with(root, outputs, papers::key::Missing::Create)
}

/// Write a rendered site: the web pages into a new public output folder,
/// receipts (encrypted) beside them, and the papers for staff and colleges
/// into a new private folder, in parallel; both are swapped in only when
/// everything succeeded.
pub fn write_build(
    r: Rendered,
    output: &Path,
    opts: &BuildOptions,
) -> Result<BuildReport, Diagnostics> {
    let fail = |d: Diagnostics| with_warnings(d, &r.warnings);
    let private = private_folder(&r.site.root, opts.private);
    write::check_apart(output, &private).map_err(|d| fail(d.into()))?;
    let public = write::Stage::new(output, write::Access::Public).map_err(|d| fail(d.into()))?;
    public.write_files(&r.files).map_err(|d| fail(d.into()))?;
    // The papers stream into both staging folders; what the previous build
    // made and nothing changed is carried over whole at the swap.
    let mut report = None;
    let mut staff = None;
    if let Some(plan) = &r.papers {
        let stage =
            write::Stage::new(&private, write::Access::Private).map_err(|d| fail(d.into()))?;
        let made = plan
            .render(
                papers::Sinks {
                    public: &public,
                    private: &stage,
                },
                &papers::RunOptions {
                    shard: opts.shard,
                    previous_public: output.is_dir().then_some(output),
                    previous_private: private.is_dir().then_some(private.as_path()),
                    progress: opts.progress,
                    secrets: Some(&r.secrets),
                },
            )
            .map_err(fail)?;
        report = Some(made);
        staff = Some(stage);
    }
    // Everything made by this build is in the staging folder: nothing is
    // swapped in unless it holds no candidate's full ID or phone number.
    // Carried receipts were searched by the build that made them.
    // Receipts searched as they were written are not read back.
    let searched = |rel: &Path| report.as_ref().is_some_and(|p| p.searched(rel));
    privacy::guard_except(public.path(), output, &r.secrets, &searched).map_err(fail)?;
    // Taken, not copied: a rebuild's lists name every receipt.
    let carried = report
        .as_mut()
        .map(|r| std::mem::take(&mut r.carried))
        .unwrap_or_default();
    if let Some(stage) = staff {
        stage
            .commit_carrying(&carried.private)
            .map_err(|d| fail(d.into()))?;
    }
    public
        .commit_carrying(&carried.public)
        .map_err(|d| fail(d.into()))?;
    papers::manifest::remove_legacy(output);
    if let Some(rep) = &report {
        // A lost manifest only costs a full rebuild next time.
        let _ = papers::manifest::write(&private, &rep.manifest);
    }
    Ok(BuildReport {
        output: output.to_path_buf(),
        files: r.files.iter().map(|f| f.path.clone()).collect(),
        key: r.papers.as_ref().map(|p| p.key_origin.clone()),
        private: report.is_some().then_some(private),
        papers: report,
        warnings: r.warnings,
    })
}
