//! WordprocessingML fragments: paragraph and run properties written in the
//! element order the schema prescribes (Word refuses or "repairs" a file
//! whose property elements are out of order), paragraphs and runs.

use std::fmt::Write;

use crate::render::html::escape;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// One border line: `sz` in eighths of a point, `space` in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Border {
    pub sz: u32,
    pub space: u32,
    /// RRGGBB.
    pub color: String,
}

impl Border {
    pub fn xml(&self, side: &str) -> String {
        format!(
            r#"<w:{side} w:val="single" w:sz="{}" w:space="{}" w:color="{}"/>"#,
            self.sz, self.space, self.color
        )
    }
}

/// Line spacing: `Exact(twips)` or one grid line (`Grid`, Word's single
/// spacing, which snaps to the document grid).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Line {
    Grid,
    Exact(i32),
}

/// Paragraph properties, all optional; lengths in twips.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaProps {
    pub style: Option<&'static str>,
    pub keep_next: bool,
    pub page_break_before: bool,
    pub widow_control: Option<bool>,
    pub border_bottom: Option<Border>,
    /// Right-aligned tab stops.
    pub right_tabs: Vec<i32>,
    /// Punctuation may hang past the line's end (said, since LibreOffice
    /// otherwise assumes it may not), and no extra space between Chinese and
    /// Latin text (GB/T 9704 sets none).
    pub plain_cjk: bool,
    pub snap_to_grid: Option<bool>,
    pub before: Option<i32>,
    pub after: Option<i32>,
    pub line: Option<Line>,
    pub left: Option<i32>,
    pub right: Option<i32>,
    pub first_line: Option<i32>,
    pub hanging: Option<i32>,
    /// First-line indent in hundredths of a grid character (Word's 首行缩进 2 字符).
    pub first_line_chars: Option<i32>,
    pub jc: Option<&'static str>,
    pub outline: Option<u8>,
}

impl ParaProps {
    pub fn style(style: &'static str) -> Self {
        ParaProps {
            style: Some(style),
            ..Default::default()
        }
    }

    /// `<w:pPr>…</w:pPr>`, or nothing when every property is unset.
    pub fn xml(&self) -> String {
        let mut s = String::new();
        if let Some(st) = self.style {
            let _ = write!(s, r#"<w:pStyle w:val="{st}"/>"#);
        }
        if self.keep_next {
            s.push_str("<w:keepNext/>");
        }
        if self.page_break_before {
            s.push_str("<w:pageBreakBefore/>");
        }
        if let Some(w) = self.widow_control {
            let _ = write!(s, r#"<w:widowControl w:val="{}"/>"#, u8::from(w));
        }
        if let Some(b) = &self.border_bottom {
            let _ = write!(s, "<w:pBdr>{}</w:pBdr>", b.xml("bottom"));
        }
        if !self.right_tabs.is_empty() {
            s.push_str("<w:tabs>");
            for t in &self.right_tabs {
                let _ = write!(s, r#"<w:tab w:val="right" w:pos="{t}"/>"#);
            }
            s.push_str("</w:tabs>");
        }
        if self.plain_cjk {
            s.push_str(concat!(
                r#"<w:overflowPunct w:val="1"/>"#,
                r#"<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>"#
            ));
        }
        if let Some(snap) = self.snap_to_grid {
            let _ = write!(s, r#"<w:snapToGrid w:val="{}"/>"#, u8::from(snap));
        }
        s.push_str(&self.spacing());
        s.push_str(&self.indent());
        if let Some(jc) = self.jc {
            let _ = write!(s, r#"<w:jc w:val="{jc}"/>"#);
        }
        if let Some(l) = self.outline {
            let _ = write!(s, r#"<w:outlineLvl w:val="{l}"/>"#);
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:pPr>{s}</w:pPr>")
        }
    }

    fn spacing(&self) -> String {
        let mut a = String::new();
        if let Some(b) = self.before {
            let _ = write!(a, r#" w:before="{b}""#);
        }
        if let Some(x) = self.after {
            let _ = write!(a, r#" w:after="{x}""#);
        }
        match self.line {
            Some(Line::Grid) => a.push_str(r#" w:line="240" w:lineRule="auto""#),
            Some(Line::Exact(t)) => {
                let _ = write!(a, r#" w:line="{t}" w:lineRule="exact""#);
            }
            None => {}
        }
        if a.is_empty() {
            a
        } else {
            format!("<w:spacing{a}/>")
        }
    }

    fn indent(&self) -> String {
        let mut a = String::new();
        let attrs = [
            ("left", self.left),
            ("right", self.right),
            ("hanging", self.hanging),
            ("firstLine", self.first_line),
            ("firstLineChars", self.first_line_chars),
        ];
        for (k, v) in attrs {
            if let Some(v) = v {
                let _ = write!(a, r#" w:{k}="{v}""#);
            }
        }
        if a.is_empty() {
            a
        } else {
            format!("<w:ind{a}/>")
        }
    }
}

/// Run properties; sizes in points (written as Word's half-points).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunProps {
    /// (Latin face, East Asian face).
    pub fonts: Option<(String, String)>,
    pub bold: bool,
    pub color: Option<String>,
    /// Added to each character's advance, in twentieths of a point.
    pub spacing: Option<i32>,
    pub size: Option<f32>,
}

impl RunProps {
    pub fn xml(&self) -> String {
        let mut s = String::new();
        if let Some((latin, cjk)) = &self.fonts {
            let (latin, cjk) = (escape(latin), escape(cjk));
            let _ = write!(
                s,
                r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{cjk}" w:cs="{latin}"/>"#
            );
        }
        if self.bold {
            s.push_str("<w:b/><w:bCs/>");
        }
        if let Some(c) = &self.color {
            let _ = write!(s, r#"<w:color w:val="{c}"/>"#);
        }
        if let Some(sp) = self.spacing {
            let _ = write!(s, r#"<w:spacing w:val="{sp}"/>"#);
        }
        if let Some(pt) = self.size {
            let half = (pt * 2.0).round() as u32;
            let _ = write!(s, r#"<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>"#);
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:rPr>{s}</w:rPr>")
        }
    }
}

/// A run of text; each `\n` becomes a line break inside the paragraph.
pub fn run(text: &str, props: &RunProps) -> String {
    let mut s = format!("<w:r>{}", props.xml());
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            s.push_str("<w:br/>");
        }
        if !part.is_empty() {
            let _ = write!(s, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(part));
        }
    }
    s.push_str("</w:r>");
    s
}

/// A tab character inside a run.
pub fn tab() -> &'static str {
    "<w:r><w:tab/></w:r>"
}

/// A paragraph from its properties and already written runs.
pub fn para(props: &ParaProps, runs: &str) -> String {
    format!("<w:p>{}{runs}</w:p>", props.xml())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_follow_schema_order() {
        let p = ParaProps {
            style: Some("GwBody"),
            keep_next: true,
            snap_to_grid: Some(false),
            line: Some(Line::Exact(579)),
            first_line_chars: Some(200),
            jc: Some("both"),
            ..Default::default()
        };
        assert_eq!(
            p.xml(),
            r#"<w:pPr><w:pStyle w:val="GwBody"/><w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200"/><w:jc w:val="both"/></w:pPr>"#
        );
        assert_eq!(ParaProps::default().xml(), "");
    }

    #[test]
    fn runs_escape_and_break_lines() {
        let r = run("A&B\n<C>", &RunProps::default());
        assert_eq!(
            r,
            r#"<w:r><w:t xml:space="preserve">A&amp;B</w:t><w:br/><w:t xml:space="preserve">&lt;C&gt;</w:t></w:r>"#
        );
    }
}
