use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// gazette: official notices, publicity lists, forms and receipts from YAML.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: web pages and PDFs of every year into the output folder.
    ///
    /// Example: gazette build --root examples/site --output public
    Build {
        /// The site folder (holding gazette.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write; replaced as a whole when the build succeeds. Default: <root>/output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}
