//! The command line: its shape here, its words in the catalogs (`cli.ftl`).

mod errors;
mod help;
mod language;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "gazette", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

pub use errors::exit_with;
pub use help::{command, help_keys};
pub use language::language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    Html,
    Pdf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        private: Option<PathBuf>,
        #[arg(long, value_enum)]
        only: Option<Only>,
        #[arg(long)]
        deny_warnings: bool,
        #[arg(long, value_name = "I/N")]
        shard: Option<crate::papers::Shard>,
    },
    Verify {
        code: String,
        #[arg(long = "id", value_name = "ID_NUMBER")]
        id_number: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[arg(long)]
        deny_warnings: bool,
    },
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 8024)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long)]
        open: bool,
    },
    Init {
        dir: PathBuf,
    },
    NewYear {
        year: i32,
        #[arg(long)]
        from: Option<i32>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Diff {
        old: i32,
        new: i32,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    SampleData {
        #[arg(long, default_value_t = 100)]
        count: usize,
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        #[arg(long)]
        output: PathBuf,
    },
}
