use std::path::Path;
use std::process::ExitCode;

use super::{exit_code, report};
use gazette::cli::Format;

pub fn run(root: &Path, format: Format, deny_warnings: bool) -> ExitCode {
    let mut diags = match gazette::render(root) {
        Ok(r) => r.warnings,
        Err(d) => d,
    };
    if deny_warnings {
        diags.deny_warnings();
    }
    report(&diags, format);
    if format == Format::Human && diags.is_empty() {
        eprintln!("{}", gazette::t!("check-clean"));
    }
    exit_code(&diags)
}
