//! The `gazette` command: a thin layer over the library, one function per subcommand.

mod cmd;

use clap::{CommandFactory, FromArgMatches};
use gazette::cli::{self, Cli};

// The candidate lists allocate millions of small strings; glibc's malloc
// spends more time on them than the rest of the build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cmd::small_pages();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    gazette::i18n::set_lang(cli::language(&args));
    // The catalog's help texts are written into the command only to be
    // shown (help, version, a usage error): a command line that parses is
    // parsed without them, the others again with them.
    let plain = Cli::command().disable_help_subcommand(true);
    let parsed = (plain.try_get_matches_from(&args))
        .or_else(|_| cli::command().try_get_matches_from(&args))
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cmd::run(cli),
        Err(e) => cli::exit_with(e),
    }
}
