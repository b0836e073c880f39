//! Stage 4, render: each output backend turns the composed notices into
//! files in memory; nothing touches the disk until the write stage.

pub mod docx;
pub mod html;
pub mod pdf;

use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::doc::Notice;
use crate::load::Site;
use crate::publicity::Publicity;

/// What every backend gets: the site and the composed notice of each year.
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

pub trait Renderer {
    fn name(&self) -> &'static str;
    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics>;
}
