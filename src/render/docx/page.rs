//! GB/T 9704 page setup in Word's units: A4, the margins that leave the
//! 156 × 225 mm text area, the 22 × 28 document grid, the settings part,
//! and the footers that carry "— N —" on the outside edge.

use super::styles;
use super::xml::{para, run, ParaProps, RunProps, W_NS, XML_DECL};

/// Twips (1/20 pt) in a millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

pub fn mm(x: f64) -> i32 {
    (x * TWIPS_PER_MM).round() as i32
}

pub const PAGE_W: i32 = 11906;
pub const PAGE_H: i32 = 16838;
pub const LINES: i32 = 22;
pub const CHARS: i32 = 28;
/// 3号, the body size the character grid is measured against.
pub const BODY_PT: f64 = 16.0;
/// 4号, the page numbers and 版记.
pub const SMALL_PT: f64 = 14.0;

pub fn top() -> i32 {
    mm(37.0)
}
pub fn bottom() -> i32 {
    mm(35.0)
}
pub fn left() -> i32 {
    mm(28.0)
}
pub fn right() -> i32 {
    mm(26.0)
}
/// Width of the text area in twips (156 mm).
pub fn text_w() -> i32 {
    PAGE_W - left() - right()
}
fn text_h() -> i32 {
    PAGE_H - top() - bottom()
}

/// The grid's line pitch in twips. Word fits floor(text height / pitch)
/// lines on a page, so the pitch is rounded down: 580 would give 21 lines.
pub fn line_pitch() -> i32 {
    text_h() / LINES
}

/// The character grid, as condensed spacing in twentieths of a point: 28
/// characters of 16 pt must fit 156 mm (442.25 pt), so each gives up a
/// little over 0.2 pt, rounded down to the unit.
///
/// Word's own character grid (`linesAndChars` with `w:charSpace` -842)
/// squeezes each character into its 15.79 pt cell, but LibreOffice gives a
/// character larger than its cell two cells (14 to a line). A line grid
/// with condensed characters lays out 28 to a line in both.
pub fn condense() -> i32 {
    let pitch_pt = f64::from(text_w()) / 20.0 / f64::from(CHARS);
    ((pitch_pt - BODY_PT) * 20.0).floor() as i32
}

/// One character of the grid in twips.
pub fn cell() -> f64 {
    BODY_PT * 20.0 + f64::from(condense())
}

/// Distance from the page's bottom edge to the footer's last line: the
/// number's line (4号, exact height) starts 7 mm below the text area.
fn footer_distance() -> i32 {
    bottom() - mm(7.0) - (SMALL_PT * 20.0) as i32
}

/// The last section's properties: every page A4 upright.
pub fn section() -> String {
    section_props(false)
}

/// A section's properties: A4 upright, or turned for a wide table with the
/// text area turned with it (its top on the sheet's binding edge).
pub fn section_props(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (PAGE_H, PAGE_W, r#" w:orient="landscape""#)
    } else {
        (PAGE_W, PAGE_H, "")
    };
    let (t, r, b, l) = if landscape {
        (left(), top(), right(), PAGE_H - top() - mm(225.0))
    } else {
        (top(), right(), bottom(), left())
    };
    format!(
        concat!(
            r#"<w:sectPr><w:footerReference w:type="even" r:id="{even}"/>"#,
            r#"<w:footerReference w:type="default" r:id="{odd}"/>"#,
            r#"<w:pgSz w:w="{w}" w:h="{h}"{orient}/>"#,
            r#"<w:pgMar w:top="{t}" w:right="{r}" w:bottom="{b}" w:left="{l}" w:header="851" w:footer="{f}" w:gutter="0"/>"#,
            r#"<w:cols w:space="425"/>"#,
            r#"<w:docGrid w:type="lines" w:linePitch="{lp}"/></w:sectPr>"#
        ),
        even = super::package::REL_FOOTER_EVEN,
        odd = super::package::REL_FOOTER_ODD,
        w = w,
        h = h,
        orient = orient,
        t = t,
        r = r,
        b = b,
        l = l,
        f = footer_distance(),
        lp = line_pitch(),
    )
}

/// `word/settings.xml`: separate even-page footers, no compression of
/// full-width punctuation (公文 sets every character in its full cell).
pub fn settings() -> String {
    format!(
        concat!(
            r#"{decl}<w:settings xmlns:w="{w}"><w:zoom w:percent="100"/>"#,
            r#"<w:defaultTabStop w:val="{tab}"/><w:evenAndOddHeaders/>"#,
            r#"<w:characterSpacingControl w:val="doNotCompress"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            r#"<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#
        ),
        decl = XML_DECL,
        w = W_NS,
        tab = cell().round() as i32 * 2,
    )
}

/// A footer holding "— PAGE —", on the right for odd pages (`odd`) and on
/// the left for even ones, one 4号 character in from the text area's edge.
pub fn footer(odd: bool) -> String {
    let one_char = (SMALL_PT * 20.0) as i32;
    let props = ParaProps {
        right: odd.then_some(one_char),
        left: (!odd).then_some(one_char),
        jc: Some(if odd { "right" } else { "left" }),
        ..ParaProps::style(styles::PAGE_NUMBER)
    };
    let plain = RunProps::default();
    let field = concat!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:t>1</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    );
    let runs = format!("{}{field}{}", run("— ", &plain), run(" —", &plain));
    format!(
        r#"{XML_DECL}<w:ftr xmlns:w="{W_NS}">{}</w:ftr>"#,
        para(&props, &runs)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_give_the_gbt9704_text_area() {
        assert_eq!((top(), bottom(), left(), right()), (2098, 1984, 1587, 1474));
        // 156 mm and 225 mm, to the twip (A4's 210 mm is 11905.5 twips).
        assert!((text_w() - mm(156.0)).abs() <= 1);
        assert_eq!(text_h(), mm(225.0));
    }

    #[test]
    fn grid_fits_22_lines_of_28_characters() {
        let (lp, c) = (line_pitch(), condense());
        assert_eq!((lp, c), (579, -5));
        assert!(lp * LINES <= text_h() && (lp + 1) * LINES > text_h());
        assert!(cell() * f64::from(CHARS) <= f64::from(text_w()));
        assert!(cell() * f64::from(CHARS + 1) > f64::from(text_w()));
    }
}
