//! The `gazette` command: a thin layer over the library, one function per subcommand.

mod cli;
mod cmd;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    cmd::run(cli)
}
