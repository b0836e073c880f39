//! `word/document.xml`: the composed notice as styled paragraphs, top to
//! bottom as GB/T 9704 orders them. Vertical places match the PDF's grid
//! lines: spacing set off the grid always adds up to whole grid lines.

use super::page::{cell, left, line_pitch, mm, section, text_w, SMALL_PT};
use super::styles;
use super::table::{Cell, Rules, Table};
use super::xml::{para, run, tab, Border, Line, ParaProps, RunProps, R_NS, W_NS, XML_DECL};
use crate::doc::{AttachmentDoc, Block, ImprintDoc, Notice};

/// The red header's size: as large as fits the width (22–52 pt, like the
/// PDF), counting a Latin letter or digit as half a character.
pub fn header_size(header: &str) -> f32 {
    let ems: f32 = header
        .chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum();
    let pt = text_w() as f32 / 20.0 / ems.max(1.0) * 0.98;
    // Word sizes run in half-points.
    ((pt * 2.0).floor() / 2.0).clamp(22.0, 52.0)
}

/// Estimated width in twips of a line of 3号 text on the grid: a grid
/// character per CJK character, half a 16 pt em per Latin letter or digit.
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 160.0 } else { cell() })
        .sum()
}

fn text_para(style: &'static str, text: &str) -> String {
    para(&ParaProps::style(style), &run(text, &RunProps::default()))
}

/// 份号, 密级 and 紧急程度 on the first three grid lines, then the red
/// header with its top 35 mm below the text area, as tall as whole grid lines.
fn head(n: &Notice, header_pt: f32) -> String {
    let pitch = line_pitch();
    let mut s = String::new();
    let mut line = 0;
    let marks = [
        (&n.copy_number, styles::COPY_NUMBER),
        (&n.classification, styles::MARK),
        (&n.urgency, styles::MARK),
    ];
    for (k, (mark, style)) in marks.into_iter().enumerate() {
        if let Some(m) = mark {
            let props = ParaProps {
                before: (k > line).then(|| (k - line) as i32 * pitch),
                ..ParaProps::style(style)
            };
            s.push_str(&para(&props, &run(m, &RunProps::default())));
            line = k + 1;
        }
    }
    let top = mm(35.0);
    let header_twips = (header_pt * 20.0).ceil() as i32;
    let lines = (top + header_twips + pitch - 1) / pitch;
    let props = ParaProps {
        before: Some(top - line as i32 * pitch),
        line: Some(Line::Exact(lines * pitch - top)),
        ..ParaProps::style(styles::HEADER)
    };
    s.push_str(&para(&props, &run(&n.header, &RunProps::default())));
    s.push_str(&text_para(styles::NUMBER, &n.number));
    s.push_str(&text_para(styles::TITLE, &n.title_lines.join("\n")));
    s.push_str(&text_para(styles::ADDRESSEE, &n.addressee));
    s
}

fn blocks(list: &[Block]) -> String {
    let mut s = String::new();
    // Whether the block before was a table in a landscape section.
    let mut turned = false;
    for b in list {
        let was_turned = std::mem::take(&mut turned);
        match b {
            Block::Heading {
                level,
                number,
                text,
                ..
            } => {
                let i = usize::from(level.clamp(&1, &4) - 1);
                s.push_str(&text_para(styles::HEADINGS[i], &format!("{number}{text}")));
            }
            Block::Paragraph { text } => s.push_str(&text_para(styles::BODY, text)),
            Block::Item { marker, text } => {
                s.push_str(&text_para(styles::ITEM, &format!("{marker}{text}")));
            }
            Block::Table {
                caption,
                align,
                head,
                rows,
                ..
            } => {
                let cells = super::cells::Cells {
                    caption: caption.as_deref(),
                    align,
                    head,
                    rows,
                };
                let (xml, landscape) = super::cells::table(&cells, was_turned);
                s.push_str(&xml);
                turned = landscape;
            }
        }
    }
    s
}

/// 附件说明 one line below the body, each name's continuation aligned
/// under the name; then 署名, 成文日期 and 附注.
fn close(n: &Notice) -> String {
    let mut s = String::new();
    let label = "附件：";
    let lead = 2.0 * cell() + width(label);
    for (i, item) in n.attachment_list.iter().enumerate() {
        let num = match item.split_once('.') {
            Some((num, _)) if n.attachment_list.len() > 1 => width(&format!("{num}.")),
            _ => 0.0,
        };
        let left = (lead + num).round() as i32;
        let (text, start) = if i == 0 {
            (format!("{label}{item}"), 2.0 * cell())
        } else {
            (item.clone(), lead)
        };
        let props = ParaProps {
            before: (i == 0).then(line_pitch),
            left: Some(left),
            hanging: Some(left - start.round() as i32),
            ..ParaProps::style(styles::ATTACH_LIST)
        };
        s.push_str(&para(&props, &run(&text, &RunProps::default())));
    }
    // The signature ends 2 characters from the right and the date starts 2
    // characters right of the signature's start; when the date is the longer,
    // it ends 4 characters from the right and the signature moves left.
    let (sig_w, date_w) = (width(&n.signature), width(&n.date));
    let c = cell();
    let (sig_right, date_right) = if date_w > sig_w {
        (6.0 * c + date_w - sig_w, 4.0 * c)
    } else {
        (2.0 * c, sig_w - date_w)
    };
    let sig = ParaProps {
        right: Some(sig_right.round() as i32),
        ..ParaProps::style(styles::SIGNATURE)
    };
    s.push_str(&para(&sig, &run(&n.signature, &RunProps::default())));
    let date = ParaProps {
        right: Some(date_right.round() as i32),
        keep_next: n.note.is_some(),
        ..ParaProps::style(styles::DATE)
    };
    s.push_str(&para(&date, &run(&n.date, &RunProps::default())));
    if let Some(note) = &n.note {
        s.push_str(&text_para(styles::NOTE, &format!("（{note}）")));
    }
    s
}

/// Each attachment from a new page: 附件N on line 1, its title on line 3.
fn attachment(a: &AttachmentDoc) -> String {
    let mut s = text_para(styles::ATTACH_LABEL, &a.label);
    s.push_str(&text_para(styles::ATTACH_TITLE, &a.title_lines.join("\n")));
    s.push_str(&blocks(&a.body));
    s
}

/// 版记: a table anchored to the foot of the last page, 0.35 mm rules above
/// and below and a 0.25 mm rule between 抄送 and the 印发 line.
fn imprint(im: &ImprintDoc) -> String {
    let one_char = (SMALL_PT * 20.0) as i32;
    let w = text_w();
    let rule = |sz| Border {
        sz,
        space: 0,
        color: "000000".into(),
    };
    let mut rows = Vec::new();
    if let Some(copy) = &im.copy_to {
        let label = "抄送：".chars().count() as i32 * one_char;
        let props = ParaProps {
            left: Some(one_char + label),
            hanging: Some(label),
            ..ParaProps::style(styles::IMPRINT)
        };
        rows.push(vec![Cell {
            paragraphs: para(&props, &run(copy, &RunProps::default())),
            span: 1,
        }]);
    }
    let issued = ParaProps {
        left: Some(one_char),
        right: Some(one_char),
        right_tabs: vec![w - one_char],
        ..ParaProps::style(styles::IMPRINT)
    };
    let plain = RunProps::default();
    let runs = format!(
        "{}{}{}",
        run(&im.issuer, &plain),
        tab(),
        run(&im.date, &plain)
    );
    rows.push(vec![Cell {
        paragraphs: para(&issued, &runs),
        span: 1,
    }]);
    Table {
        columns: vec![w],
        rules: Rules {
            top: Some(rule(8)),
            inside: Some(rule(6)),
            bottom: Some(rule(8)),
            vertical: None,
        },
        at_foot: Some(left()),
        padding: 0,
        header_rows: 0,
        v_centre: false,
        rows,
    }
    .xml()
}

/// The whole `word/document.xml`.
pub fn document(n: &Notice, header_pt: f32) -> String {
    let mut s = format!(r#"{XML_DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>"#);
    s.push_str(&head(n, header_pt));
    s.push_str(&blocks(&n.body));
    s.push_str(&close(n));
    for a in &n.attachments {
        s.push_str(&attachment(a));
    }
    if let Some(im) = &n.imprint {
        s.push_str(&imprint(im));
        // The floating table is anchored to the paragraph after it: a
        // hairline one, so it never pushes the 版记 onto a page of its own.
        let anchor = ParaProps {
            snap_to_grid: Some(false),
            line: Some(Line::Exact(20)),
            ..ParaProps::style(styles::IMPRINT)
        };
        s.push_str(&para(&anchor, ""));
    }
    s.push_str(&section());
    s.push_str("</w:body></w:document>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_fills_the_width() {
        // 10 characters across 156 mm: 43 pt.
        assert_eq!(header_size("湖南省教育考试院文件"), 43.0);
        assert_eq!(header_size("文件"), 52.0);
        assert_eq!(header_size(&"长".repeat(30)), 22.0);
    }
}
