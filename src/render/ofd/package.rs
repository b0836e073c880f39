//! The OFD package: `OFD.xml` (document information and the root),
//! `Doc_0/Document.xml` (common data and the page list),
//! `Doc_0/PublicRes.xml` (colour space and fonts, with the font files in
//! `Doc_0/Res/`) and one `Content.xml` per page, zipped in that order
//! with fixed timestamps. The `DocID` is a hash of everything else.
//!
//! The pages' content is written and compressed first ([`contents`]),
//! while the fonts are still being cut; the package is put together when
//! they are ([`package`]).

use std::collections::BTreeMap;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::content::{self, Ids, Refs};
use super::font::{self, EmbeddedFont, Numbering};
use super::xml::{Mm, OFD_NS, XML_DECL};
use crate::render::html::escape;
use crate::render::zip::{archive, deflate, Entry};
use crate::typeset::fonts::FontSet;
use crate::typeset::page::Page;

/// Document information (`DocInfo`).
pub struct Info<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// The 发文字号.
    pub subject: &'a str,
    /// YYYY-MM-DD, the PDF's creation date without its clock time.
    pub date: &'a str,
}

const DOC: &str = "Doc_0";

fn font_path(i: usize, f: &EmbeddedFont) -> String {
    format!("font_{i}.{}", if f.cff { "otf" } else { "ttf" })
}

fn public_res(fonts: &FontSet, embedded: &[EmbeddedFont], c: &Contents) -> String {
    let mut s = format!(
        "{XML_DECL}<ofd:Res xmlns:ofd=\"{OFD_NS}\" BaseLoc=\"Res\"><ofd:ColorSpaces><ofd:ColorSpace ID=\"{}\" Type=\"RGB\" BitsPerComponent=\"8\"/></ofd:ColorSpaces><ofd:Fonts>",
        c.colour_space
    );
    for (i, f) in embedded.iter().enumerate() {
        // The pages' fonts and the embedded ones are numbered from the same
        // glyphs: an ID of 0 would be an OFD no reader opens.
        let id = c.font_ids[&f.face];
        let name = escape(fonts.ps_name(f.face));
        s.push_str(&format!(
            "<ofd:Font ID=\"{id}\" FontName=\"{name}\" FamilyName=\"{}\"><ofd:FontFile>{}</ofd:FontFile></ofd:Font>",
            escape(&fonts.faces[f.face].label),
            font_path(i, f)
        ));
    }
    s.push_str("</ofd:Fonts></ofd:Res>");
    s
}

fn document((width, height): (f32, f32), page_ids: &[u32], max_id: u32) -> String {
    let mut s = format!(
        "{XML_DECL}<ofd:Document xmlns:ofd=\"{OFD_NS}\"><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>",
        Mm(width),
        Mm(height)
    );
    for (i, id) in page_ids.iter().enumerate() {
        s.push_str(&format!(
            "<ofd:Page ID=\"{id}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>"
        ));
    }
    s.push_str("</ofd:Pages></ofd:Document>");
    s
}

fn ofd_xml(info: &Info, doc_id: &str) -> String {
    format!(
        concat!(
            "{}<ofd:OFD xmlns:ofd=\"{}\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo>",
            "<ofd:DocID>{}</ofd:DocID><ofd:Title>{}</ofd:Title><ofd:Author>{}</ofd:Author>",
            "<ofd:Subject>{}</ofd:Subject><ofd:CreationDate>{}</ofd:CreationDate>",
            "<ofd:Creator>gazette</ofd:Creator><ofd:CreatorVersion>{}</ofd:CreatorVersion>",
            "</ofd:DocInfo><ofd:DocRoot>{}/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ),
        XML_DECL,
        OFD_NS,
        doc_id,
        escape(info.title),
        escape(info.author),
        escape(info.subject),
        info.date,
        env!("CARGO_PKG_VERSION"),
        DOC
    )
}

/// The pages of a package, made before its fonts: how their glyphs are
/// numbered, the unit ids, and each page's `Content.xml` with its raw
/// deflate stream.
pub struct Contents {
    pub numbering: BTreeMap<usize, Numbering>,
    colour_space: u32,
    font_ids: BTreeMap<usize, u32>,
    page_ids: Vec<u32>,
    max_id: u32,
    /// The first page's size, the document's page area.
    size: Option<(f32, f32)>,
    pages: Vec<(String, Vec<u8>)>,
}

/// The content of `pages`, written and compressed (the pages side by side).
pub fn contents(pages: &[Page]) -> std::io::Result<Contents> {
    let numbering = font::numbering(pages);
    let mut ids = Ids(0);
    let colour_space = ids.take();
    let font_ids: BTreeMap<usize, u32> = numbering.keys().map(|&f| (f, ids.take())).collect();
    let refs = Refs {
        fonts: (numbering.iter())
            .map(|(f, n)| (*f, (font_ids[f], n)))
            .collect(),
        colour_space,
    };
    let page_ids: Vec<u32> = pages.iter().map(|_| ids.take()).collect();
    let xml: Vec<String> = pages
        .iter()
        .map(|p| content::page(p, &refs, &mut ids))
        .collect();
    let pages_out = xml
        .into_par_iter()
        .map(|x| {
            let d = deflate(x.as_bytes());
            (x, d)
        })
        .collect();
    Ok(Contents {
        numbering,
        colour_space,
        font_ids,
        page_ids,
        max_id: ids.0,
        size: pages.first().map(|p| (p.width, p.height)),
        pages: pages_out,
    })
}

/// The `.ofd` bytes of the pages of `c` drawn with `embedded` fonts of `fonts`.
pub fn package(
    fonts: &FontSet,
    embedded: &[EmbeddedFont],
    c: &Contents,
    info: &Info,
) -> std::io::Result<Vec<u8>> {
    let doc = c.size.map(|size| document(size, &c.page_ids, c.max_id));
    let res = public_res(fonts, embedded, c);
    let (doc_name, res_name) = (
        format!("{DOC}/Document.xml"),
        format!("{DOC}/PublicRes.xml"),
    );
    let font_names: Vec<String> = (embedded.iter().enumerate())
        .map(|(i, f)| format!("{DOC}/Res/{}", font_path(i, f)))
        .collect();
    let page_names: Vec<String> = (0..c.pages.len())
        .map(|i| format!("{DOC}/Pages/Page_{i}/Content.xml"))
        .collect();
    let mut entries: Vec<Entry> = Vec::new();
    if let Some(doc) = &doc {
        entries.push(Entry::new(&doc_name, doc.as_bytes()));
    }
    entries.push(Entry::new(&res_name, res.as_bytes()));
    for (f, name) in embedded.iter().zip(&font_names) {
        entries.push(Entry {
            name,
            bytes: &f.file,
            tail: f.tail.as_ref().map(|t| (&t.bytes[..], t.deflated)),
        });
    }
    for ((xml, packed), name) in c.pages.iter().zip(&page_names) {
        entries.push(Entry {
            name,
            bytes: b"",
            tail: Some((xml.as_bytes(), packed)),
        });
    }
    let mut hash = Sha256::new();
    for e in &entries {
        hash.update(e.name.as_bytes());
        hash.update(e.bytes);
        if let Some((plain, _)) = e.tail {
            hash.update(plain);
        }
    }
    let doc_id: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let root = ofd_xml(info, &doc_id);
    entries.insert(0, Entry::new("OFD.xml", root.as_bytes()));
    archive(entries)
}
