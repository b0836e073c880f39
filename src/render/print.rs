//! The notice's fixed-layout files, `notice.pdf` and `notice.ofd`, made
//! together: the notice is laid out once, each face is cut and compressed
//! once into a subset both files embed, and the two files are written
//! side by side.

use rayon::prelude::*;

use super::pdf::subset::SharedFonts;
use super::pdf::PdfRenderer;
use super::{OutputFile, RenderContext, Renderer};
use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::Notice;

/// Flate level of the notice's font programs. CJK glyph programs barely
/// compress (the 2024 notice's five subsets: 331 KB to 266 KB at level 6,
/// 277 KB at level 1), and level 1 takes a fifth of level 6's time.
const FONT_LEVEL: u8 = 1;

/// Writes each notice's `notice.pdf` and `notice.ofd`.
pub struct PrintRenderer<'a> {
    pub pdf: &'a PdfRenderer,
}

impl PrintRenderer<'_> {
    fn notice(&self, ctx: &RenderContext, n: &Notice) -> Vec<Result<OutputFile, Diagnostic>> {
        let fonts = &self.pdf.fonts;
        let pages = match self.pdf.notice_pages(ctx.site, n) {
            Ok(p) => p,
            Err(d) => return vec![Err(d)],
        };
        // The OFD's pages need only the glyphs' numbering, not the fonts.
        let (shared, contents) = rayon::join(
            || SharedFonts::whole(fonts, &pages, FONT_LEVEL),
            || super::ofd::contents(n, &pages),
        );
        let shared = match shared {
            Ok(s) => s,
            Err(e) => return vec![Err(e.diagnostic())],
        };
        let (pdf, ofd) = rayon::join(
            || self.pdf.notice(ctx.site, n, &pages, &shared),
            || super::ofd::notice(ctx, n, fonts, &contents?, &shared),
        );
        vec![pdf, ofd]
    }
}

impl Renderer for PrintRenderer<'_> {
    fn name(&self) -> &'static str {
        "print"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics> {
        let results: Vec<Vec<Result<OutputFile, Diagnostic>>> = ctx
            .notices
            .par_iter()
            .map(|n| self.notice(ctx, n))
            .collect();
        super::all_or_problems(results.into_iter().flatten())
    }
}
