use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use gazette::papers::key::Origin;
use gazette::papers::{RunReport, Shard};
use gazette::typeset::fonts::FontSet;

use super::progress::Bar;
use super::{exit_code, report, Verbosity};
use gazette::cli::{Format, Only};

pub struct Options {
    pub output: Option<PathBuf>,
    pub private: Option<PathBuf>,
    pub only: Option<Only>,
    pub deny_warnings: bool,
    pub shard: Option<Shard>,
}

pub fn run(root: &Path, opts: Options, verbosity: Verbosity) -> ExitCode {
    let started = Instant::now();
    let output = opts.output.unwrap_or_else(|| root.join("output"));
    let fail = |diags: gazette::diag::Diagnostics| {
        report(&diags, Format::Human);
        eprintln!("{}", gazette::t!("build-nothing-written", output = &output));
        exit_code(&diags)
    };
    // Refused before the long part: the output is published whole.
    let private = gazette::private_folder(root, opts.private.as_deref());
    if let Err(d) = gazette::write::check_apart(&output, &private) {
        return fail(d.into());
    }
    let outputs = gazette::Outputs {
        html: opts.only != Some(Only::Pdf),
        pdf: opts.only != Some(Only::Html),
    };
    let rendered = match gazette::render_for_build(root, outputs) {
        Ok(r) => r,
        Err(diags) => return fail(diags),
    };
    if opts.deny_warnings && !rendered.warnings.is_empty() {
        let mut w = rendered.warnings.clone();
        w.deny_warnings();
        return fail(w);
    }
    report(&rendered.warnings, Format::Human);
    if let Some(Origin::Created(path)) = rendered.papers.as_ref().map(|p| &p.key_origin) {
        eprintln!("{}", gazette::t!("build-key-created", path = path));
    }
    let fonts = rendered.fonts.clone();
    let bar = Bar::new(verbosity, gazette::t!("build-progress-papers"));
    let build_opts = gazette::BuildOptions {
        shard: opts.shard,
        private: Some(&private),
        progress: &bar,
    };
    let built = match gazette::write_build(rendered, &output, &build_opts) {
        Ok(b) => b,
        Err(d) => return fail(d),
    };
    if verbosity != Verbosity::Quiet {
        summary(
            &built,
            &output,
            started,
            verbosity,
            fonts.as_deref(),
            opts.shard,
        );
    }
    // The process ends here, and its end takes the font files' mappings
    // back at once; unmapping them one by one, while the worker threads
    // still run, cost a notice-only build a millisecond.
    std::mem::forget(fonts);
    ExitCode::SUCCESS
}

/// What was written, on stderr: the count and time, the files a reader opens
/// first (all of them with `--verbose`), then the papers and the private folder.
fn summary(
    built: &gazette::BuildReport,
    output: &Path,
    started: Instant,
    verbosity: Verbosity,
    fonts: Option<&FontSet>,
    shard: Option<Shard>,
) {
    let papers = built.papers.as_ref().map_or(0, |p| p.receipts + p.forms);
    let summary = gazette::t!(
        "build-summary",
        files = built.files.len() + papers,
        output = output,
        seconds = format!("{:.2}", started.elapsed().as_secs_f64())
    );
    eprintln!("{summary}");
    let shown = |p: &Path| {
        verbosity == Verbosity::Verbose
            || p.ends_with("index.html") && p.parent().is_some_and(|d| d.as_os_str().is_empty())
            || p.ends_with("notice.html")
            || p.ends_with("notice.pdf")
            || p.ends_with("list.pdf")
            || p.ends_with("receipts/index.html")
    };
    for f in built.files.iter().filter(|f| shown(f)) {
        eprintln!("  {}", output.join(f).display());
    }
    if verbosity == Verbosity::Verbose {
        for line in fonts.iter().flat_map(|f| f.listing()) {
            eprintln!("  {line}");
        }
    }
    if let Some(p) = &built.papers {
        papers_summary(p, shard);
    }
    if let Some(dir) = &built.private {
        eprintln!("  {}", gazette::t!("build-private", folder = dir));
    }
}

/// The papers made and reused, and what deriving their keys cost: the
/// derivations are deliberately slow, so their time is worth showing.
fn papers_summary(p: &RunReport, shard: Option<Shard>) {
    let part = shard
        .map(|s| gazette::t!("build-shard", index = s.index, count = s.count))
        .unwrap_or_default();
    let line = gazette::t!(
        "build-papers",
        receipts = p.receipts,
        forms = p.forms,
        part = part,
        made = p.rendered,
        reused = p.reused
    );
    eprintln!("  {line}");
    if p.receipts > 0 {
        let each = p.derive_cpu.as_secs_f64() * 1000.0 / p.derived.max(1) as f64;
        let line = gazette::t!(
            "build-key-derivations",
            iterations = gazette::papers::lookup::ITERATIONS,
            derived = p.derived,
            cpu = format!("{:.1}", p.derive_cpu.as_secs_f64()),
            each = format!("{each:.0}"),
            reused = p.derivations_reused
        );
        eprintln!("  {line}");
    }
}
