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

/// `notice.ofd` of the notice `n`: its `pages` as the PDF has them, with
/// the PDF's subsets (`shared`).
pub fn notice(
    ctx: &RenderContext,
    n: &Notice,
    fonts: &FontSet,
    pages: &[Page],
    shared: &SharedFonts,
) -> Result<OutputFile, Diagnostic> {
    let path = PathBuf::from(n.year.to_string()).join("notice.ofd");
    let embedded = font::embed(fonts, pages, shared).map_err(|e| e.diagnostic())?;
    let date = super::docx::date(ctx.site, n);
    let info = package::Info {
        title: &n.title,
        author: &ctx.site.config.authority.name,
        subject: &n.number,
        date: &date,
    };
    let bytes = package::package(fonts, &embedded, pages, &info)
        .map_err(|e| crate::diag!(Error, "package-failed", file = &path).cause(e))?;
    Ok(OutputFile { path, bytes })
}
