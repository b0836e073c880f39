//! The OPC package around the parts: content types, relationships, core
//! and app properties, and a deterministic ZIP (fixed part order, fixed
//! timestamps, fixed permissions), so a rebuild is byte-identical.

use super::xml::XML_DECL;
use crate::render::html::escape;
use crate::render::zip::{archive, Entry};

pub const REL_STYLES: &str = "rId1";
pub const REL_SETTINGS: &str = "rId2";
pub const REL_FONTS: &str = "rId3";
pub const REL_FOOTER_ODD: &str = "rId4";
pub const REL_FOOTER_EVEN: &str = "rId5";

const MAIN: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of `word/` besides the document, with relationship id and type.
const WORD_PARTS: [(&str, &str, &str, &str); 5] = [
    (REL_STYLES, "styles", "styles.xml", "styles+xml"),
    (REL_SETTINGS, "settings", "settings.xml", "settings+xml"),
    (REL_FONTS, "fontTable", "fontTable.xml", "fontTable+xml"),
    (REL_FOOTER_ODD, "footer", "footer1.xml", "footer+xml"),
    (REL_FOOTER_EVEN, "footer", "footer2.xml", "footer+xml"),
];

/// The written parts of one document.
pub struct Parts {
    pub document: String,
    pub styles: String,
    pub settings: String,
    pub font_table: String,
    pub footer_odd: String,
    pub footer_even: String,
}

/// Document properties: title, subject (发文字号), author, and a date
/// without a clock time.
pub struct Props<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub author: &'a str,
    /// YYYY-MM-DD.
    pub date: &'a str,
}

fn content_types() -> String {
    let mut s = format!(
        concat!(
            r#"{}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/word/document.xml" ContentType="{}.document.main+xml"/>"#
        ),
        XML_DECL, MAIN
    );
    for (_, _, file, ty) in WORD_PARTS {
        s.push_str(&format!(
            r#"<Override PartName="/word/{file}" ContentType="{MAIN}.{ty}"/>"#
        ));
    }
    s.push_str(concat!(
        r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
        r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
        "</Types>"
    ));
    s
}

fn package_rels() -> String {
    format!(
        concat!(
            r#"{}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rId1" Type="{}/officeDocument" Target="word/document.xml"/>"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{}/extended-properties" Target="docProps/app.xml"/>"#,
            "</Relationships>"
        ),
        XML_DECL, REL_NS, REL_NS
    )
}

fn document_rels() -> String {
    let mut s = format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (id, ty, file, _) in WORD_PARTS {
        s.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL_NS}/{ty}" Target="{file}"/>"#
        ));
    }
    s.push_str("</Relationships>");
    s
}

fn core(p: &Props) -> String {
    format!(
        concat!(
            r#"{}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>",
            "<cp:lastModifiedBy>{}</cp:lastModifiedBy><dc:language>zh-CN</dc:language>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        XML_DECL,
        escape(p.title),
        escape(p.subject),
        escape(p.author),
        escape(p.author),
        p.date,
        p.date
    )
}

fn app(p: &Props) -> String {
    format!(
        concat!(
            r#"{}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#,
            "<Application>gazette {}</Application><Company>{}</Company></Properties>"
        ),
        XML_DECL,
        env!("CARGO_PKG_VERSION"),
        escape(p.author)
    )
}

/// The `.docx` bytes: every part, in a fixed order.
pub fn package(parts: &Parts, props: &Props) -> std::io::Result<Vec<u8>> {
    let made = [
        content_types(),
        package_rels(),
        core(props),
        app(props),
        document_rels(),
    ];
    let entries: [(&str, &str); 11] = [
        ("[Content_Types].xml", &made[0]),
        ("_rels/.rels", &made[1]),
        ("docProps/core.xml", &made[2]),
        ("docProps/app.xml", &made[3]),
        ("word/document.xml", &parts.document),
        ("word/_rels/document.xml.rels", &made[4]),
        ("word/styles.xml", &parts.styles),
        ("word/settings.xml", &parts.settings),
        ("word/fontTable.xml", &parts.font_table),
        ("word/footer1.xml", &parts.footer_odd),
        ("word/footer2.xml", &parts.footer_even),
    ];
    archive(entries.map(|(n, s)| Entry::new(n, s.as_bytes())))
}
