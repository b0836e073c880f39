//! The `gazette` command: a thin layer over the library, one function per subcommand.

mod cli;
mod cmd;

use clap::Parser;

// The candidate lists allocate millions of small strings; glibc's malloc
// spends more time on them than the rest of the build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    cmd::run(cli)
}
