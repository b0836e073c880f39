//! The styles staff restyle by (公文正文, 一级标题, 发文机关标志, …) and the
//! font table naming the faces their machines have, with the site's
//! fallback chain as each face's alternative names.

use std::fmt::Write;

use super::page::{cell, condense, line_pitch, BODY_PT, SMALL_PT};
use super::xml::{Border, Line, ParaProps, RunProps, W_NS, XML_DECL};
use crate::model::config::{FontConfig, FontSpec};
use crate::render::html::escape;

// Style ids (ASCII, as Word writes them); the names staff see are Chinese.
pub const BODY: &str = "GwBody";
pub const ITEM: &str = "GwItem";
pub const HEADINGS: [&str; 4] = ["GwHeading1", "GwHeading2", "GwHeading3", "GwHeading4"];
pub const COPY_NUMBER: &str = "GwCopyNumber";
pub const MARK: &str = "GwMark";
pub const HEADER: &str = "GwHeader";
pub const NUMBER: &str = "GwNumber";
pub const TITLE: &str = "GwTitle";
pub const ADDRESSEE: &str = "GwAddressee";
pub const ATTACH_LIST: &str = "GwAttachList";
pub const SIGNATURE: &str = "GwSignature";
pub const DATE: &str = "GwDate";
pub const NOTE: &str = "GwNote";
pub const ATTACH_LABEL: &str = "GwAttachLabel";
pub const ATTACH_TITLE: &str = "GwAttachTitle";
pub const IMPRINT: &str = "GwImprint";
pub const PAGE_NUMBER: &str = "GwPageNumber";
pub const TABLE_CAPTION: &str = "GwTableCaption";
pub const TABLE_CELL: &str = "GwTableCell";
pub const TABLE_HEAD: &str = "GwTableHead";
/// 4号, the size of table cells (as in the PDF).
pub const TABLE_PT: f32 = 14.0;

/// Latin letters and digits of the 仿宋, 黑体 and 楷体 text.
const LATIN: &str = "Times New Roman";

/// A face as Word names it, with the names to try when it is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Face {
    pub name: String,
    pub alt: Vec<String>,
}

impl Face {
    /// The first family of a configured chain; a chain of font files only
    /// names the face Word documents of this kind use.
    fn from_chain(chain: &[FontSpec], default: &str) -> Face {
        let mut names = chain.iter().filter_map(|f| match f {
            FontSpec::Family(n) => Some(n.clone()),
            FontSpec::File { .. } => None,
        });
        let name = names.next().unwrap_or_else(|| default.to_string());
        Face {
            name,
            alt: names.collect(),
        }
    }
}

/// The five faces of GB/T 9704, by role.
#[derive(Debug, Clone, PartialEq)]
pub struct Faces {
    pub title: Face,
    pub fang: Face,
    pub hei: Face,
    pub kai: Face,
    pub song: Face,
}

impl Faces {
    pub fn new(cfg: &FontConfig) -> Faces {
        Faces {
            title: Face::from_chain(&cfg.title, "方正小标宋简体"),
            fang: Face::from_chain(&cfg.body, "仿宋_GB2312"),
            hei: Face::from_chain(&cfg.heading1, "黑体"),
            kai: Face::from_chain(&cfg.heading2, "楷体_GB2312"),
            song: Face::from_chain(&cfg.page_number, "宋体"),
        }
    }

    fn all(&self) -> [&Face; 5] {
        [&self.title, &self.fang, &self.hei, &self.kai, &self.song]
    }
}

fn fonts(latin: &str, cjk: &Face) -> Option<(String, String)> {
    Some((latin.to_string(), cjk.name.clone()))
}

/// What the styles need beyond the faces: the red and the header's size.
pub struct Look<'a> {
    pub faces: &'a Faces,
    pub red: &'a str,
    pub header_pt: f32,
    /// Thickness of the red rule in points (`pdf.red_rule_pt`).
    pub rule_pt: f32,
}

struct Style {
    id: &'static str,
    name: &'static str,
    based_on: &'static str,
    para: ParaProps,
    run: RunProps,
}

fn style(id: &'static str, name: &'static str, based_on: &'static str) -> Style {
    Style {
        id,
        name,
        based_on,
        para: ParaProps::default(),
        run: RunProps::default(),
    }
}

/// A paragraph set apart from the grid, on lines of exactly one pitch.
fn off_grid() -> ParaProps {
    ParaProps {
        snap_to_grid: Some(false),
        line: Some(Line::Exact(line_pitch())),
        ..Default::default()
    }
}

fn paragraph_styles(look: &Look) -> Vec<Style> {
    let mut v = body_styles(look.faces);
    v.extend(head_styles(look));
    v.extend(close_styles(look.faces));
    v.extend(table_styles(look.faces));
    v
}

/// 表格标题 (黑体, centred, kept with its table), 表格文字 (4号 仿宋 on
/// lines of 1.5 times its size, off the page grid) and 表格表头 (the same in 黑体).
fn table_styles(f: &Faces) -> Vec<Style> {
    let cell_lines = ParaProps {
        snap_to_grid: Some(false),
        line: Some(Line::Exact((TABLE_PT * 1.5 * 20.0) as i32)),
        ..Default::default()
    };
    vec![
        Style {
            para: ParaProps {
                keep_next: true,
                jc: Some("center"),
                ..Default::default()
            },
            run: RunProps {
                fonts: fonts(LATIN, &f.hei),
                ..Default::default()
            },
            ..style(TABLE_CAPTION, "表格标题", "Normal")
        },
        Style {
            para: cell_lines.clone(),
            run: RunProps {
                spacing: Some(0),
                size: Some(TABLE_PT),
                ..Default::default()
            },
            ..style(TABLE_CELL, "表格文字", "Normal")
        },
        Style {
            para: ParaProps {
                jc: Some("center"),
                ..cell_lines
            },
            run: RunProps {
                fonts: fonts(LATIN, &f.hei),
                ..Default::default()
            },
            ..style(TABLE_HEAD, "表格表头", TABLE_CELL)
        },
    ]
}

/// 公文正文, 列项 and the four heading levels.
fn body_styles(f: &Faces) -> Vec<Style> {
    let two_chars = ParaProps {
        first_line: Some((2.0 * cell()).round() as i32),
        first_line_chars: Some(200),
        jc: Some("both"),
        ..Default::default()
    };
    let mut v = Vec::new();
    v.push(Style {
        para: two_chars,
        ..style(BODY, "公文正文", "Normal")
    });
    v.push(style(ITEM, "列项", BODY));
    let heading_faces = [&f.hei, &f.kai, &f.fang, &f.fang];
    let heading_names = ["一级标题", "二级标题", "三级标题", "四级标题"];
    for (i, id) in HEADINGS.into_iter().enumerate() {
        v.push(Style {
            para: ParaProps {
                keep_next: true,
                outline: Some(i as u8),
                ..Default::default()
            },
            run: RunProps {
                fonts: fonts(LATIN, heading_faces[i]),
                ..Default::default()
            },
            ..style(id, heading_names[i], BODY)
        });
    }
    v
}

/// 份号, 密级 and 紧急程度, the red header, 发文字号 with the red rule,
/// the title and 主送.
fn head_styles(look: &Look) -> Vec<Style> {
    let f = look.faces;
    let pitch = line_pitch();
    let mut v = vec![style(COPY_NUMBER, "份号", "Normal")];
    v.push(Style {
        run: RunProps {
            fonts: fonts(LATIN, &f.hei),
            ..Default::default()
        },
        ..style(MARK, "密级和紧急程度", "Normal")
    });
    v.push(Style {
        para: ParaProps {
            snap_to_grid: Some(false),
            jc: Some("center"),
            ..Default::default()
        },
        run: RunProps {
            fonts: fonts(&f.title.name, &f.title),
            color: Some(look.red.to_string()),
            spacing: Some(0),
            size: Some(look.header_pt),
            ..Default::default()
        },
        ..style(HEADER, "发文机关标志", "Normal")
    });
    // The red rule: 4 mm under the number's text, which sits mid-line.
    let below_text = (4.0 * 72.0 / 25.4 - (f64::from(pitch) / 20.0 - BODY_PT) / 2.0).round();
    // Word draws borders in eighths of a point.
    let rule_eighths = (look.rule_pt * 8.0).round().clamp(2.0, 96.0) as u32;
    v.push(Style {
        para: ParaProps {
            before: Some(2 * pitch),
            jc: Some("center"),
            border_bottom: Some(Border {
                sz: rule_eighths,
                space: below_text as u32,
                color: look.red.to_string(),
            }),
            ..Default::default()
        },
        ..style(NUMBER, "发文字号", "Normal")
    });
    // Two blank lines below the rule: the rule and its gap take part of the
    // number's second line, the rest of it and two more come before the title.
    let rule_twips = below_text as i32 * 20 + (rule_eighths * 5 / 2) as i32;
    v.push(Style {
        para: ParaProps {
            before: Some(3 * pitch - rule_twips),
            after: Some(pitch),
            jc: Some("center"),
            ..off_grid()
        },
        run: RunProps {
            fonts: fonts(&f.title.name, &f.title),
            spacing: Some(0),
            size: Some(22.0),
            ..Default::default()
        },
        ..style(TITLE, "公文标题", "Normal")
    });
    v.push(style(ADDRESSEE, "主送机关", "Normal"));
    v
}

/// 附件说明, 署名, 成文日期, 附注, the attachments' label and title, 版记
/// and 页码.
fn close_styles(f: &Faces) -> Vec<Style> {
    let pitch = line_pitch();
    let mut v = vec![style(ATTACH_LIST, "附件说明", "Normal")];
    v.push(Style {
        para: ParaProps {
            keep_next: true,
            before: Some(pitch),
            jc: Some("right"),
            ..Default::default()
        },
        ..style(SIGNATURE, "署名", "Normal")
    });
    v.push(Style {
        para: ParaProps {
            jc: Some("right"),
            ..Default::default()
        },
        ..style(DATE, "成文日期", "Normal")
    });
    v.push(style(NOTE, "附注", BODY));
    v.push(Style {
        para: ParaProps {
            page_break_before: true,
            ..Default::default()
        },
        run: RunProps {
            fonts: fonts(LATIN, &f.hei),
            ..Default::default()
        },
        ..style(ATTACH_LABEL, "附件标识", "Normal")
    });
    v.push(Style {
        para: ParaProps {
            before: Some(pitch),
            ..Default::default()
        },
        ..style(ATTACH_TITLE, "附件标题", TITLE)
    });
    v.push(Style {
        para: ParaProps {
            jc: Some("left"),
            ..off_grid()
        },
        run: RunProps {
            spacing: Some(0),
            size: Some(SMALL_PT as f32),
            ..Default::default()
        },
        ..style(IMPRINT, "版记", "Normal")
    });
    v.push(Style {
        para: ParaProps {
            snap_to_grid: Some(false),
            line: Some(Line::Exact((SMALL_PT * 20.0) as i32)),
            ..Default::default()
        },
        run: RunProps {
            fonts: fonts(&f.song.name, &f.song),
            spacing: Some(0),
            size: Some(SMALL_PT as f32),
            ..Default::default()
        },
        ..style(PAGE_NUMBER, "页码", "Normal")
    });
    v
}

/// `word/styles.xml`.
pub fn styles(look: &Look) -> String {
    // The body's characters are condensed to the 28-character grid.
    let body = RunProps {
        fonts: fonts(LATIN, &look.faces.fang),
        spacing: Some(condense()),
        size: Some(BODY_PT as f32),
        ..Default::default()
    }
    .xml();
    // The language goes last in rPr, so it is spliced in before the end tag.
    let default_run = body.replace(
        "</w:rPr>",
        r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>"#,
    );
    // Every grid line is filled, as in the PDF: no widow or orphan control
    // (LibreOffice assumes it unless told). Punctuation may hang past the
    // line's end as Word's does by default: with hanging off, LibreOffice
    // 7.4 squeezes a full-width mark at a line's end out of sight.
    let normal = ParaProps {
        widow_control: Some(false),
        plain_cjk: true,
        line: Some(Line::Grid),
        jc: Some("both"),
        ..Default::default()
    };
    // Said again in Normal, where readers look for the body's size.
    let normal_run = RunProps {
        fonts: fonts(LATIN, &look.faces.fang),
        spacing: Some(condense()),
        size: Some(BODY_PT as f32),
        ..Default::default()
    };
    let mut s = format!(
        concat!(
            r#"{}<w:styles xmlns:w="{}"><w:docDefaults><w:rPrDefault>{}</w:rPrDefault>"#,
            r#"<w:pPrDefault>{}</w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>{}{}</w:style>"#,
            r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>"#,
            r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        ),
        XML_DECL,
        W_NS,
        default_run,
        ParaProps::default().xml(),
        normal.xml(),
        normal_run.xml(),
    );
    for st in paragraph_styles(look) {
        let _ = write!(
            s,
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{}"><w:name w:val="{}"/><w:basedOn w:val="{}"/><w:qFormat/>{}{}</w:style>"#,
            st.id,
            st.name,
            st.based_on,
            st.para.xml(),
            st.run.xml()
        );
    }
    s.push_str("</w:styles>");
    s
}

/// `word/fontTable.xml`: each face with its fallbacks as alternative names.
pub fn font_table(faces: &Faces) -> String {
    let mut s = format!(r#"{XML_DECL}<w:fonts xmlns:w="{W_NS}">"#);
    let mut seen: Vec<&str> = Vec::new();
    for face in faces.all() {
        if seen.contains(&face.name.as_str()) {
            continue;
        }
        seen.push(&face.name);
        let alt = if face.alt.is_empty() {
            String::new()
        } else {
            format!(r#"<w:altName w:val="{}"/>"#, escape(&face.alt.join(",")))
        };
        let _ = write!(
            s,
            r#"<w:font w:name="{}">{alt}<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="variable"/></w:font>"#,
            escape(&face.name)
        );
    }
    let _ = write!(
        s,
        r#"<w:font w:name="{LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_come_from_the_configured_chains() {
        let faces = Faces::new(&FontConfig::default());
        assert_eq!(faces.fang.name, "仿宋_GB2312");
        assert_eq!(faces.fang.alt[..3], ["FangSong_GB2312", "FangSong", "仿宋"]);
        assert_eq!(faces.title.name, "方正小标宋简体");
        assert_eq!(faces.kai.name, "楷体_GB2312");
        let files_only = [FontSpec::File {
            path: "x.ttf".into(),
            index: 0,
        }];
        assert_eq!(Face::from_chain(&files_only, "黑体").name, "黑体");
    }

    #[test]
    fn styles_are_named_for_their_role() {
        let faces = Faces::new(&FontConfig::default());
        let look = Look {
            faces: &faces,
            red: "FF3333",
            header_pt: 44.0,
            rule_pt: 2.0,
        };
        let xml = styles(&look);
        for name in [
            "公文正文",
            "一级标题",
            "发文机关标志",
            "发文字号",
            "版记",
            "页码",
        ] {
            assert!(
                xml.contains(&format!(r#"<w:name w:val="{name}"/>"#)),
                "{name}"
            );
        }
        assert!(xml.contains(r#"w:eastAsia="黑体""#));
        assert!(xml.contains(r#"w:styleId="GwHeading2"><w:name w:val="二级标题"/>"#));
    }
}
