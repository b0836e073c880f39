use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// gazette: official notices, publicity lists, forms and receipts from YAML.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors and warnings.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also list every file written.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

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
    /// Build the site: web pages and PDFs of every year into the output folder.
    ///
    /// Checks everything first and writes nothing when an error is found; the
    /// output folder is replaced as a whole or left as it was.
    ///
    /// Example: gazette build --root mysite --output public
    Build {
        /// The site folder (holding gazette.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write. Default: <root>/output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Build only the web pages, or only the print documents: the PDFs and
        /// notice.docx (the output folder then holds only those).
        #[arg(long, value_enum)]
        only: Option<Only>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// Make only the I-th of N disjoint parts of the receipts and forms
        /// (the web pages and notices are built whole), so that N machines
        /// can share a large run; copy the N output folders together.
        #[arg(long, value_name = "I/N")]
        shard: Option<gazette::papers::Shard>,
    },
    /// Check a candidate's receipt: is this verification code the one the
    /// authority's key gives for the candidate's registered facts?
    ///
    /// Needs the receipt key the receipts were built with (the key file or
    /// GAZETTE_RECEIPT_KEY). Exit status: 0 genuine, 1 not genuine or no such
    /// candidate, 2 usage or I/O problems.
    ///
    /// Example: gazette verify 7KQ2-M9XD-4HPA-3TWC-V8RJ --id 430102200001011234
    Verify {
        /// The verification code printed on the receipt (case, spaces and dashes do not matter).
        code: String,
        /// The candidate's full ID number (as on the ID card).
        #[arg(long = "id", value_name = "ID_NUMBER")]
        id_number: String,
        /// Only this year's candidates. Default: every year with receipts.
        #[arg(long)]
        year: Option<i32>,
        /// The site folder (holding gazette.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Check the content, data and templates without writing anything.
    ///
    /// Exit status: 0 clean (warnings allowed), 1 content errors, 2 usage or I/O problems.
    ///
    /// Example: gazette check --root mysite --format json
    Check {
        /// The site folder (holding gazette.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Preview the site in a browser while editing it.
    ///
    /// Builds in memory and serves on 127.0.0.1 (a preview, not for
    /// publishing); rebuilds on every change to content/, templates/ or
    /// gazette.yaml, and the open pages reload by themselves. A build error
    /// is shown in the page with the diagnostics of `gazette check`. Ctrl-C stops.
    ///
    /// Example: gazette serve --root mysite --port 8024 --open
    Serve {
        /// The site folder (holding gazette.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 8024)]
        port: u16,
        /// The address to listen on. Anything but a loopback address shows
        /// the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the front page in the system's browser.
        #[arg(long)]
        open: bool,
    },
    /// Create a new site, with the bundled example as its first year.
    ///
    /// Example: gazette init notices && cd notices && gazette build
    Init {
        /// The folder to create (it must not exist or be empty).
        dir: PathBuf,
    },
    /// Start a year from another: copy its folder and list every date that
    /// still belongs to the old year (nothing is shifted silently).
    ///
    /// Example: gazette new-year 2025 --from 2024
    NewYear {
        /// The new year.
        year: i32,
        /// The year to copy. Default: the year before.
        #[arg(long)]
        from: Option<i32>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Compare two years' notices: moved dates, categories and rules added,
    /// removed or reworded, and the body paragraph by paragraph.
    ///
    /// Both years must pass the checks. The report goes to stdout; a web page
    /// of it (for reading or printing before the notice is signed) is written
    /// too. Exit status 0 whether or not anything differs.
    ///
    /// Example: gazette diff 2023 2024
    Diff {
        /// The earlier year (the one compared against).
        old: i32,
        /// The later year.
        new: i32,
        /// The site folder (holding gazette.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the web page. Default: diff-OLD-NEW.html in the current folder.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Print a shell completion script.
    ///
    /// Example: gazette completions bash > /etc/bash_completion.d/gazette
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write a generated candidate list (valid, fictitious) for trying things out.
    ///
    /// The same seed always gives the same file.
    ///
    /// Example: gazette sample-data --count 1000 --seed 7 --output content/2024/candidates.csv
    SampleData {
        /// Number of candidates.
        #[arg(long, default_value_t = 100)]
        count: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// The CSV file to write.
        #[arg(long)]
        output: PathBuf,
    },
}
