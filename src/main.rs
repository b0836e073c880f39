//! The `gazette` command: a thin layer over the library, one function per subcommand.

mod cmd;

use clap::FromArgMatches;
use gazette::cli::{self, Cli};

// The candidate lists allocate millions of small strings; glibc's malloc
// spends more time on them than the rest of the build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cmd::small_pages();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    gazette::i18n::set_lang(cli::language(&args));
    let parsed = cli::command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cmd::run(cli),
        Err(e) => cli::exit_with(e),
    }
}
