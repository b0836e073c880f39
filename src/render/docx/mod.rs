//! `notice.docx`: the notice as a Word document staff can edit and sign
//! off, laid out to GB/T 9704-2012 with Word's own structures (styles per
//! role, a document grid, bordered paragraphs, a table for the 版记, PAGE
//! fields in odd and even footers), from the same composed notice as the PDF.
//!
//! The OOXML parts are written directly: every element the layout needs
//! (w:docGrid, odd/even footers, East Asian font names, paragraph borders,
//! floating tables) is a few lines of XML, and the output is byte-for-byte
//! reproducible.

pub mod body;
pub mod cells;
pub mod package;
pub mod page;
pub mod styles;
pub mod table;
pub mod xml;

use std::path::PathBuf;

use super::{OutputFile, RenderContext, Renderer};
use crate::diag::Diagnostics;
use crate::doc::Notice;
use crate::load::Site;

pub struct DocxRenderer;

/// `#RRGGBB` as Word writes a colour (RRGGBB), or `None`.
fn word_colour(hex: &str) -> Option<String> {
    let h = hex.strip_prefix('#')?;
    (h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit())).then(|| h.to_ascii_uppercase())
}

/// The document's date, as the PDF's: `pdf.created`, else the 印发日期,
/// else the 成文日期.
pub(crate) fn date(site: &Site, n: &Notice) -> String {
    let year = site.years.iter().find(|y| y.year == n.year);
    site.config
        .pdf
        .created
        .or_else(|| year.and_then(|y| y.meta.imprint.as_ref().map(|i| i.date)))
        .or_else(|| year.map(|y| y.meta.date))
        .map_or_else(|| n.date_iso.clone(), |w| w.date().to_string())
}

/// The `.docx` bytes of one notice.
pub fn notice_docx(site: &Site, n: &Notice, red: &str) -> std::io::Result<Vec<u8>> {
    let faces = styles::Faces::new(&site.config.fonts);
    let header_pt = body::header_size(&n.header);
    let look = styles::Look {
        faces: &faces,
        red,
        header_pt,
        rule_pt: site.config.pdf.red_rule_pt,
    };
    let parts = package::Parts {
        document: body::document(n, header_pt),
        styles: styles::styles(&look),
        settings: page::settings(),
        font_table: styles::font_table(&faces),
        footer_odd: page::footer(true),
        footer_even: page::footer(false),
    };
    let date = date(site, n);
    let props = package::Props {
        title: &n.title,
        subject: &n.number,
        author: &site.config.authority.name,
        date: &date,
    };
    package::package(&parts, &props)
}

impl Renderer for DocxRenderer {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Diagnostics> {
        let site = ctx.site;
        let Some(red) = word_colour(&site.config.pdf.red) else {
            let d = crate::diag!(Error, "red-not-colour", value = &site.config.pdf.red)
                .in_file(&site.config_src.path);
            return Err(d.into());
        };
        let mut files = Vec::new();
        for n in ctx.notices {
            let path = PathBuf::from(n.year.to_string()).join("notice.docx");
            let bytes = notice_docx(site, n, &red)
                .map_err(|e| crate::diag!(Error, "package-failed", file = &path).cause(e))?;
            files.push(OutputFile { path, bytes });
        }
        Ok(files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_as_word_writes_them() {
        assert_eq!(word_colour("#ff3333").as_deref(), Some("FF3333"));
        assert_eq!(word_colour("red"), None);
        assert_eq!(word_colour("#FF33"), None);
    }
}
