mod build;
mod check;
mod diff;
mod progress;
mod serve;
mod verify;

use std::path::Path;
use std::process::ExitCode;

use gazette::cli::{Cli, Command, Format};
use gazette::diag::Diagnostics;

/// How much to say on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Small pages only: the kernel zeroes a transparent huge page whole (2 MB)
/// at its first touch, which cost a notice-only build a sixth of its CPU
/// time and took its peak from 38 MB to 70 MB (large builds: 19 MB more).
/// The allocator no longer asks for huge pages (mimalloc's `no_thp`, from
/// its first allocation on); this keeps a system that gives them to every
/// process (`enabled` set to `always`) from doing so.
pub fn small_pages() {
    // SAFETY: sets a flag of this process; no memory is touched.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build {
            root,
            output,
            private,
            only,
            deny_warnings,
            shard,
        } => build::run(
            &root,
            build::Options {
                output,
                private,
                only,
                deny_warnings,
                shard,
            },
            verbosity,
        ),
        Command::Verify {
            code,
            id_number,
            year,
            root,
        } => verify::run(&root, &code, &id_number, year),
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => serve::run(
            &root,
            std::net::SocketAddr::new(bind, port),
            open,
            verbosity,
        ),
        Command::Init { dir } => init(&dir, verbosity),
        Command::NewYear { year, from, root } => {
            new_year(&root, from.unwrap_or(year - 1), year, verbosity)
        }
        Command::Diff {
            old,
            new,
            root,
            html,
        } => diff::run(&root, old, new, html, verbosity),
        Command::Completions { shell } => completions(shell),
        Command::Check {
            root,
            format,
            deny_warnings,
        } => check::run(&root, format, deny_warnings),
        Command::SampleData {
            count,
            seed,
            output,
        } => sample_data(count, seed, &output),
    }
}

fn init(dir: &Path, verbosity: Verbosity) -> ExitCode {
    match gazette::scaffold::init(dir) {
        Ok(files) => {
            if verbosity != Verbosity::Quiet {
                let n = files.len();
                eprintln!("{}", gazette::t!("init-created", files = n, dir = dir));
                eprintln!("  {}", gazette::t!("init-next", dir = dir));
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            let d: Diagnostics = d.into();
            report(&d, Format::Human);
            exit_code(&d)
        }
    }
}

fn new_year(root: &Path, from: i32, year: i32, verbosity: Verbosity) -> ExitCode {
    match gazette::scaffold::new_year(root, from, year) {
        Ok(old) => {
            report(&old, Format::Human);
            if verbosity != Verbosity::Quiet {
                let copied = gazette::t!(
                    "new-year-copied",
                    from = from,
                    year = year,
                    count = old.0.len()
                );
                eprintln!("{copied}");
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&d, Format::Human);
            exit_code(&d)
        }
    }
}

fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut cmd = gazette::cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "gazette", &mut script);
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), &script);
    ExitCode::SUCCESS
}

fn sample_data(count: usize, seed: u64, output: &Path) -> ExitCode {
    let rows = gazette::data::generate::candidates(count, seed);
    match std::fs::write(output, gazette::data::generate::to_csv(&rows)) {
        Ok(()) => {
            let said = gazette::t!("sample-data-written", count = count, file = output);
            eprintln!("{said}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let d: Diagnostics = gazette::diag!(Error, "sample-data-write-failed", file = output)
                .cause(e)
                .io()
                .into();
            report(&d, Format::Human);
            exit_code(&d)
        }
    }
}

/// Print diagnostics on stderr (human, coloured on a terminal) or stdout (json).
pub fn report(diags: &Diagnostics, format: Format) {
    match format {
        Format::Human => {
            if !diags.is_empty() {
                eprintln!("{}", colour(&diags.to_string()));
            }
        }
        Format::Json => println!("{}", diags.to_json()),
    }
}

/// Red `error:` and yellow `warning:` labels (in the language in use), only when stderr is a terminal
/// (and NO_COLOR is not set).
fn colour(text: &str) -> String {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || std::env::var_os("NO_COLOR").is_some() {
        return text.to_string();
    }
    let error = gazette::t!("diag-error");
    let warning = gazette::t!("diag-warning");
    let (error, warning) = (error.trim_end(), warning.trim_end());
    text.lines()
        .map(|l| {
            if let Some(rest) = l.strip_prefix(error) {
                format!("\x1b[1;31m{error}\x1b[0m{rest}")
            } else if let Some(rest) = l.strip_prefix(warning) {
                format!("\x1b[1;33m{warning}\x1b[0m{rest}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
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
