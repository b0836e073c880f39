//! `notice.docx` opened by LibreOffice: converted to PDF and compared with
//! notice.pdf (text in order, A4, the 22-line grid of 28 characters, red
//! header and rule, page numbers on alternating sides, the 版记 at the foot,
//! fonts); see tests/docx_package.rs for the package itself.

use crate::common::office::*;
use crate::common::*;
use std::path::Path;

#[test]
fn libreoffice_converts_it_to_a4_with_the_pdf_text_in_order() {
    let b = built();
    let info = tool("pdfinfo", &[b.converted.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("page count");
    let pdf = b.out.join("2024/notice.pdf");
    let pdf_info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        pdf_info.contains(&format!("Pages:           {pages}\n")),
        "{pdf_info}\nLibreOffice: {pages} pages"
    );
    let word = text_without_page_numbers(&b.converted);
    let print = text_without_page_numbers(&pdf);
    assert!(word.len() > 3000, "{word}");
    assert_same_text(("docx", &word), ("pdf", &print));
}

#[test]
fn body_is_16pt_on_a_22_line_grid_of_28_characters() {
    let b = built();
    let page2 = body_lines(&b.converted, 2);
    assert_eq!(page2.len(), 22, "{page2:#?}");
    let top = 37.0 * MM;
    for (i, l) in page2.iter().enumerate() {
        let row = (l.y_min - top) / PITCH;
        assert!(
            (row - i as f32) >= 0.0 && (row - i as f32) < 1.0,
            "page 2 line {i} `{}` lies in row {row:.2}",
            l.text
        );
        let step = l.y_min - page2[0].y_min;
        let off = step / DOCX_PITCH - i as f32;
        assert!(
            off.abs() < 0.01,
            "line {i} `{}` off the grid by {off:.3}",
            l.text
        );
    }
    // Full lines of Chinese text hold 28 characters, none more.
    let full: Vec<&BoxLine> = page2
        .iter()
        .filter(|l| l.text.chars().count() == 28 && !l.text.is_ascii())
        .collect();
    assert!(full.len() >= 3, "few lines of 28 characters: {page2:#?}");
    // A closing mark may hang past the end, as in Word.
    for l in &page2 {
        let text = l
            .text
            .trim_end_matches(['，', '。', '、', '；', '：', '”', '）']);
        let cells: f32 = text
            .chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum();
        assert!(cells <= 28.5, "line `{}` holds {cells} characters", l.text);
    }
    // A full line spans the 156 mm text area from the 28 mm margin, its
    // characters 16 pt tall.
    let l = full[0];
    assert!((l.x_min - 28.0 * MM).abs() < 2.0, "{l:?}");
    assert!((l.x_max - 184.0 * MM).abs() < 2.0, "{l:?}");
    let xml = part(&b.out.join("2024/notice.docx"), "word/styles.xml");
    assert!(xml.contains(r#"<w:sz w:val="32"/>"#), "body not 3号");
}

/// Rows (at 72 dpi: one pixel per point) holding red pixels on page 1 of `pdf`.
fn red_rows(pdf: &Path, dir: &Path) -> Vec<(u32, u32)> {
    let prefix = dir.join("page");
    tool(
        "pdftoppm",
        &[
            "-r",
            "72",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let page = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ppm"))
        .expect("page image");
    let (w, h, _, rgb) = read_pnm(&std::fs::read(&page).expect("ppm"));
    (0..h)
        .map(|y| {
            let red = (0..w)
                .filter(|&x| {
                    let p = &rgb[((y * w + x) * 3) as usize..];
                    p[0] > 200 && p[1] < 140 && p[2] < 140
                })
                .count() as u32;
            (y, red)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[test]
fn red_header_and_rule_stand_where_the_pdf_has_them() {
    let b = built();
    let word = red_rows(&b.converted, &scratch("docx-red-word"));
    let print = red_rows(&b.out.join("2024/notice.pdf"), &scratch("docx-red-pdf"));
    // The rule: a red row across most of the 156 mm (442 pt) text area.
    let rule = |rows: &[(u32, u32)]| {
        rows.iter()
            .find(|(_, n)| *n > 400)
            .map(|(y, _)| *y as f32)
            .expect("a red rule across the text area")
    };
    let (wr, pr) = (rule(&word), rule(&print));
    assert!(
        (wr - pr).abs() <= 3.0 * MM,
        "rule at {wr} pt in Word, {pr} pt in the PDF"
    );
    // The header: red text above the rule, its top about 35 mm below the text area.
    let header_top = word.first().expect("red pixels").0 as f32;
    let pdf_top = print.first().expect("red pixels").0 as f32;
    assert!(header_top < wr - 20.0, "no red header above the rule");
    assert!(
        (header_top - pdf_top).abs() <= 4.0 * MM,
        "header top {header_top} vs {pdf_top}"
    );
    assert!(
        header_top > (37.0 + 30.0) * MM && header_top < (37.0 + 42.0) * MM,
        "{header_top}"
    );
}

#[test]
fn page_numbers_alternate_sides_in_the_footers() {
    let b = built();
    let lines = bbox_lines(&b.converted);
    let numbers: Vec<&BoxLine> = lines.iter().filter(|l| l.text.starts_with('—')).collect();
    let pages = lines.iter().map(|l| l.page).max().unwrap();
    assert!(numbers.len() + 1 >= pages && pages >= 3, "{numbers:#?}");
    let edge = 14.0; // one 4号 character
    for l in numbers {
        assert_eq!(l.text, format!("—{}—", l.page), "{l:?}");
        assert!(
            l.y_min > (37.0 + 225.0) * MM,
            "number above the foot: {l:?}"
        );
        if l.page % 2 == 1 {
            assert!(
                (l.x_max - (184.0 * MM - edge)).abs() < 3.0,
                "odd page number not right: {l:?}"
            );
        } else {
            assert!(
                (l.x_min - (28.0 * MM + edge)).abs() < 3.0,
                "even page number not left: {l:?}"
            );
        }
    }
    let even = part(&b.out.join("2024/notice.docx"), "word/footer2.xml");
    assert!(
        even.contains(" PAGE ") && even.contains(r#"w:val="left""#),
        "{even}"
    );
    let settings = part(&b.out.join("2024/notice.docx"), "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders/>"));
}

#[test]
fn fonts_are_named_in_the_xml_and_cjk_faces_embedded() {
    let b = built();
    let docx = b.out.join("2024/notice.docx");
    let styles = part(&docx, "word/styles.xml");
    let table = part(&docx, "word/fontTable.xml");
    for face in [
        "仿宋_GB2312",
        "黑体",
        "楷体_GB2312",
        "方正小标宋简体",
        "宋体",
    ] {
        assert!(
            styles.contains(&format!(r#"w:eastAsia="{face}""#)),
            "{face} not used"
        );
        assert!(
            table.contains(&format!(r#"<w:font w:name="{face}">"#)),
            "{face} not declared"
        );
    }
    assert!(table.contains("FangSong_GB2312,FangSong,仿宋"), "{table}");
    let fonts = tool("pdffonts", &[b.converted.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    assert!(
        rows.iter()
            .any(|r| ["CJK", "Fandol", "Kai", "Song", "Hei", "Fang"]
                .iter()
                .any(|f| r.contains(f))),
        "no CJK face in the converted PDF:\n{fonts}"
    );
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {row}");
    }
}

/// The 版记 stands at the foot of the last page: its 印发 line in the text
/// area's last grid row, the 抄送 line in the row above.
#[test]
fn imprint_sits_at_the_foot_of_the_last_page() {
    let b = built();
    let lines = bbox_lines(&b.converted);
    let last = lines.iter().map(|l| l.page).max().unwrap();
    let row = |l: &BoxLine| ((l.y_min - 37.0 * MM) / PITCH).floor() as i32;
    let issued = lines
        .iter()
        .find(|l| l.page == last && l.text.starts_with("湖南省教育考试院办公室"))
        .expect("印发 line on the last page");
    assert_eq!(row(issued), 21, "{issued:?}");
    let date = lines
        .iter()
        .find(|l| l.page == last && l.text.ends_with("印发"))
        .expect("印发日期 on the last page");
    assert_eq!(row(date), 21, "{date:?}");
    // One 4号 character in from the text area's right edge.
    assert!((date.x_max - (184.0 * MM - 14.0)).abs() < 2.0, "{date:?}");
    let copy = lines
        .iter()
        .find(|l| l.page == last && l.text.starts_with("抄送："))
        .expect("抄送 line on the last page");
    assert_eq!(row(copy), 20, "{copy:?}");
    // One 4号 character in from the text area's left edge.
    assert!((copy.x_min - (28.0 * MM + 14.0)).abs() < 2.0, "{copy:?}");
}

/// 份号, 密级 and 紧急程度 take the first three grid lines, top left; the
/// red header keeps its place below them.
#[test]
fn copy_number_classification_and_urgency_top_left() {
    let site = example_2024_site();
    let meta = site.path().join("content/2024/notice.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    let marks = "copy_number: \"000001\"\nclassification: 秘密\nurgency: 特急\n";
    std::fs::write(&meta, format!("{text}{marks}")).unwrap();
    let out = build(site.path());
    let dir = site.path().join("converted");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = soffice(&out.join("2024/notice.docx"), "pdf", &dir);
    let page1 = body_lines(&pdf, 1);
    for (row, mark) in ["000001", "秘密", "特急"].iter().enumerate() {
        let l = page1.iter().find(|l| l.text == *mark).expect(mark);
        let at = (l.y_min - 37.0 * MM) / PITCH;
        assert!(
            at >= row as f32 && at < row as f32 + 1.0,
            "{mark} in row {at:.2}"
        );
        assert!(
            (l.x_min - 28.0 * MM).abs() < 2.0,
            "{mark} not flush left: {l:?}"
        );
    }
    let header = page1
        .iter()
        .find(|l| l.text.ends_with("文件"))
        .expect("header");
    let below = header.y_min - 37.0 * MM;
    assert!(
        below > 28.0 * MM && below < 38.0 * MM,
        "header {below} pt below the text area's top"
    );
    let xml = part(&out.join("2024/notice.docx"), "word/document.xml");
    assert!(xml.contains(r#"<w:pStyle w:val="GwMark"/>"#));
}
