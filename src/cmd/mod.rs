mod build;
mod check;

use std::process::ExitCode;

use crate::cli::{Cli, Command, Format};
use gazette::diag::Diagnostics;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            root,
            output,
            only,
            deny_warnings,
        } => build::run(&root, output, only, deny_warnings),
        Command::Check {
            root,
            format,
            deny_warnings,
        } => check::run(&root, format, deny_warnings),
        Command::SampleData {
            count,
            seed,
            output,
        } => {
            let rows = gazette::data::generate::candidates(count, seed);
            match std::fs::write(&output, gazette::data::generate::to_csv(&rows)) {
                Ok(()) => {
                    eprintln!("wrote {count} candidates to {}", output.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!(
                        "error: failed to write `{}`\n  caused by: {e}",
                        output.display()
                    );
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Print diagnostics on stderr (human) or stdout (json).
pub fn report(diags: &Diagnostics, format: Format) {
    match format {
        Format::Human => {
            if !diags.is_empty() {
                eprintln!("{diags}");
            }
        }
        Format::Json => println!("{}", diags.to_json()),
    }
}

/// 0 clean, 1 content errors, 2 problems of the machine or the invocation.
pub fn exit_code(diags: &Diagnostics) -> ExitCode {
    if diags.is_io() {
        ExitCode::from(2)
    } else if diags.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
