//! Every PDF gazette writes: the print-ready notice laid out to GB/T
//! 9704-2012 ([`gongwen`]) here, the 公示 lists (`publicity::pdf`),
//! receipts and forms from the papers; all serialized by [`writer`] with
//! font [`subset`]s. This is the only module that knows PDF syntax.

pub mod cidmaps;
mod content;
mod file;
mod font_objects;
pub mod gongwen;
mod shared;
pub mod subset;
pub mod table;
pub mod writer;

use std::path::PathBuf;
use std::sync::Arc;

use super::OutputFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::Notice;
use crate::load::Site;
use crate::typeset::fonts::FontSet;
use crate::typeset::page::{Colour, Page};
use writer::{Meta, PdfWriter};

pub struct PdfRenderer {
    /// The build's font set, shared with the papers.
    pub fonts: Arc<FontSet>,
    red: Colour,
    red_rule: f32,
    /// Font fallbacks found while the fonts were looked up.
    pub warnings: Diagnostics,
}

impl PdfRenderer {
    /// Find the fonts once per build; every document shares them.
    pub fn new(site: &Site) -> Result<Self, Diagnostics> {
        let (fonts, warnings) =
            FontSet::load(&site.config.fonts, &site.root, &site.config_src.text)?;
        let red = Colour::from_hex(&site.config.pdf.red).ok_or_else(|| {
            let src = &site.config_src;
            let d = crate::diag!(Error, "red-not-colour", value = &site.config.pdf.red)
                .in_file(&src.path);
            match crate::load::files::find_key_value(&src.text, "red") {
                Some(at) => d.at_offset(&src.text, at),
                None => d,
            }
        })?;
        Ok(PdfRenderer {
            fonts: Arc::new(fonts),
            red,
            red_rule: site.config.pdf.red_rule_pt,
            warnings,
        })
    }

    /// The notice's pages as the layout makes them (the OFD serializes them too).
    pub fn notice_pages(&self, site: &Site, n: &Notice) -> Result<Vec<Page>, Diagnostic> {
        let year = site.years.iter().find(|y| y.year == n.year);
        if let Some(d) = table::too_wide(n, &self.fonts) {
            return Err(d);
        }
        gongwen::compose(n, &self.fonts, self.red_rule, self.red).map_err(|e| {
            let d = crate::diag!(
                Error,
                "glyph-missing-notice",
                char = e.c,
                code = format!("{:04X}", e.c as u32),
                where = &e.context,
                year = n.year,
                role = e.role.key()
            );
            // Point at the character where it was typed.
            let sources = year.into_iter().flat_map(|y| {
                std::iter::once(&y.body)
                    .chain(y.attachment_bodies.iter().flatten())
                    .chain(y.sources.values())
            });
            let typed = sources
                .into_iter()
                .find_map(|s| s.text.find(e.c).map(|at| (s, at)));
            match typed {
                Some((src, at)) => d.in_file(&src.path).at_offset(&src.text, at),
                None => d.in_file(PathBuf::from("content").join(n.year.to_string())),
            }
        })
    }

    /// `notice.pdf` of `pages` (the notice `n` laid out), drawn with the
    /// subsets of `shared`.
    pub fn notice(
        &self,
        site: &Site,
        n: &Notice,
        pages: &[Page],
        shared: &subset::SharedFonts,
    ) -> Result<OutputFile, Diagnostic> {
        let year = site.years.iter().find(|y| y.year == n.year);
        let date = site
            .config
            .pdf
            .created
            .or_else(|| year.and_then(|y| y.meta.imprint.as_ref().map(|i| i.date)))
            .or_else(|| year.map(|y| y.meta.date));
        let meta = Meta {
            title: &n.title,
            author: &site.config.authority.name,
            subject: Some(&n.number),
            date: date.map(|d| d.start_instant()),
        };
        // Compressed as the papers are: the 2024 notice's PDF 568 B (0.2 %)
        // larger than at level 6.
        let mut w = PdfWriter::new(&self.fonts, Some(shared)).quick();
        for p in pages {
            w.add(p, None);
        }
        Ok(OutputFile {
            path: PathBuf::from(n.year.to_string()).join("notice.pdf"),
            bytes: w.finish(&meta).map_err(subset_error)?,
        })
    }
}

pub fn subset_error(e: subset::SubsetError) -> Diagnostic {
    e.diagnostic()
}
