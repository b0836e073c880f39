use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{exit_code, report, Verbosity};
use gazette::cli::Format;
use gazette::diag::Diagnostics;
use gazette::diff;

pub fn run(
    root: &Path,
    old: i32,
    new: i32,
    html: Option<PathBuf>,
    verbosity: Verbosity,
) -> ExitCode {
    let (site, mut diags) = match diff::load_pair(root, old, new) {
        Ok(x) => x,
        Err(d) => {
            report(&d, Format::Human);
            return exit_code(&d);
        }
    };
    let a = diff::side(&site, old, &mut diags);
    let b = diff::side(&site, new, &mut diags);
    diags.sort();
    let (Some(a), Some(b)) = (a, b) else {
        report(&diags, Format::Human);
        return exit_code(&diags);
    };
    if diags.has_errors() {
        report(&diags, Format::Human);
        return exit_code(&diags);
    }
    // Warnings (dates outside the year, …) are shown but do not stop the diff.
    report(&diags, Format::Human);
    let changes = diff::compare(&site, &a, &b);

    let path = html.unwrap_or_else(|| PathBuf::from(format!("diff-{old}-{new}.html")));
    if let Err(e) = std::fs::write(&path, diff::html::render(&changes)) {
        let d: Diagnostics = gazette::diag!(Error, "diff-write-failed", file = &path)
            .cause(e)
            .io()
            .into();
        report(&d, Format::Human);
        return exit_code(&d);
    }

    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(diff::text::render(&changes, colour).as_bytes());
    if verbosity != Verbosity::Quiet {
        eprintln!("{}", gazette::t!("diff-wrote", file = &path));
    }
    ExitCode::SUCCESS
}
