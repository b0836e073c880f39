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

use super::pdf::PdfRenderer;
use super::{OutputFile, RenderContext, Renderer};
use crate::diag::{Diagnostic, Diagnostics};

/// Writes `notice.ofd` beside `notice.pdf`, from the PDF's pages and fonts.
pub struct OfdRenderer<'a> {
    pub pdf: &'a PdfRenderer,
}

impl OfdRenderer<'_> {
    fn notice(
        &self,
        ctx: &RenderContext,
        n: &crate::doc::Notice,
    ) -> Result<OutputFile, Diagnostic> {
        let path = PathBuf::from(n.year.to_string()).join("notice.ofd");
        let pages = self.pdf.notice_pages(ctx.site, n)?;
        let fonts = &self.pdf.fonts;
        let embedded = font::embed(fonts, &pages).map_err(|e| e.diagnostic())?;
        let date = super::docx::date(ctx.site, n);
        let info = package::Info {
            title: &n.title,
            author: &ctx.site.config.authority.name,
            subject: &n.number,
            date: &date,
        };
        let bytes = package::package(fonts, &embedded, &pages, &info)
            .map_err(|e| crate::diag!(Error, "package-failed", file = &path).cause(e))?;
        Ok(OutputFile { path, bytes })
    }
}

impl Renderer for OfdRenderer<'_> {
    fn name(&self) -> &'static str {
        "ofd"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics> {
        super::all_or_problems(ctx.notices.iter().map(|n| self.notice(ctx, n)))
    }
}
