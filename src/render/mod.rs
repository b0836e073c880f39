//! Stage 4, render: each output backend turns the composed notices into
//! files in memory; nothing touches the disk until the write stage.

pub mod docx;
pub mod flate;
pub mod html;
pub mod ofd;
pub mod pdf;
pub mod print;
pub mod template;
pub mod zip;

use std::path::PathBuf;

use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::Notice;
use crate::load::Site;
use crate::model::publicity::Publicity;

/// What every backend gets: the site, the composed notice of each year and
/// the 公示 lists.
pub struct RenderContext<'a> {
    pub site: &'a Site,
    pub notices: &'a [Notice],
    pub publicity: &'a [Publicity],
    /// (year, public salt) of the years whose candidates download receipts.
    pub receipts: &'a [(i32, String)],
}

/// One output file, path relative to the output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The files of a renderer's documents, or every problem found among them
/// (one failed document does not hide another's problems).
pub fn all_or_problems(
    results: impl IntoIterator<Item = Result<OutputFile, Diagnostic>>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = Vec::new();
    let mut diags = Diagnostics::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

pub trait Renderer {
    fn name(&self) -> &'static str;
    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics>;
}
