use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::{exit_code, report, Verbosity};
use crate::cli::{Format, Only};

pub fn run(
    root: &Path,
    output: Option<PathBuf>,
    only: Option<Only>,
    deny_warnings: bool,
    verbosity: Verbosity,
) -> ExitCode {
    let started = Instant::now();
    let output = output.unwrap_or_else(|| root.join("output"));
    let fail = |diags: gazette::diag::Diagnostics| {
        report(&diags, Format::Human);
        eprintln!("nothing was written; {} is unchanged", output.display());
        exit_code(&diags)
    };
    let outputs = gazette::Outputs {
        html: only != Some(Only::Pdf),
        pdf: only != Some(Only::Html),
    };
    let rendered = match gazette::render_selected(root, outputs) {
        Ok(r) => r,
        Err(diags) => return fail(diags),
    };
    let mut warnings = rendered.warnings;
    if deny_warnings && !warnings.is_empty() {
        warnings.deny_warnings();
        return fail(warnings);
    }
    report(&warnings, Format::Human);
    if let Err(d) = gazette::write::write_atomically(&output, &rendered.files) {
        return fail(d.into());
    }
    if verbosity == Verbosity::Quiet {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "built {} files into {} in {:.2}s",
        rendered.files.len(),
        output.display(),
        started.elapsed().as_secs_f64()
    );
    let shown = |p: &Path| {
        verbosity == Verbosity::Verbose
            || p.ends_with("index.html") && p.parent().is_some_and(|d| d.as_os_str().is_empty())
            || p.ends_with("notice.html")
            || p.ends_with("notice.pdf")
            || p.ends_with("list.pdf")
    };
    for f in rendered.files.iter().filter(|f| shown(&f.path)) {
        eprintln!("  {}", output.join(&f.path).display());
    }
    ExitCode::SUCCESS
}
