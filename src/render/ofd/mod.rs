//! `notice.ofd`: the notice as OFD (GB/T 33190-2016), the format the
//! e-document archive takes. A second serializer of the very pages the
//! PDF is made from: the same positions (converted to millimetres), the
//! same font subsets (made whole OpenType files with a `cmap`), the same
//! text in reading order, so the archived copy and the published copy
//! agree page for page.

pub mod content;
pub mod font;
pub mod package;
pub mod xml;

use std::path::PathBuf;

use super::pdf::subset::SharedFonts;
use super::{OutputFile, RenderContext};
use crate::diag::Diagnostic;
use crate::doc::Notice;
use crate::typeset::fonts::FontSet;
use crate::typeset::page::Page;

/// Where the OFD of notice `n` is written.
pub fn path(n: &Notice) -> PathBuf {
    PathBuf::from(n.year.to_string()).join("notice.ofd")
}

/// The content of the notice's `pages`, made while the fonts are cut.
pub fn contents(n: &Notice, pages: &[Page]) -> Result<package::Contents, Diagnostic> {
    package::contents(pages)
        .map_err(|e| crate::diag!(Error, "package-failed", file = &path(n)).cause(e))
}

/// `notice.ofd` of the notice `n`: the pages of `contents` as the PDF has
/// them, with the PDF's subsets (`shared`).
pub fn notice(
    ctx: &RenderContext,
    n: &Notice,
    fonts: &FontSet,
    contents: &package::Contents,
    shared: &SharedFonts,
) -> Result<OutputFile, Diagnostic> {
    let path = path(n);
    let embedded = font::embed(fonts, &contents.numbering, shared).map_err(|e| e.diagnostic())?;
    let date = super::docx::date(ctx.site, n);
    let info = package::Info {
        title: &n.title,
        author: &ctx.site.config.authority.name,
        subject: &n.number,
        date: &date,
    };
    let bytes = package::package(fonts, &embedded, contents, &info)
        .map_err(|e| crate::diag!(Error, "package-failed", file = &path).cause(e))?;
    Ok(OutputFile { path, bytes })
}
