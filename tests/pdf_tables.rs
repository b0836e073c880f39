//! Tables in the GB/T 9704 PDF through the real binary: the example's
//! schedule table ruled and read in order, a long table's header repeated
//! with no row split, body text after a table back on the 22-line grid, and
//! a wide table on a landscape page with its page number where §10.1 puts
//! it, in the PDF and in the Word file.

use crate::common::*;
use std::fs;
use std::path::{Path, PathBuf};

const ATTACHMENT: &str = "content/2024/attachment-1.md";
const PITCH: f32 = 225.0 / 22.0 * 72.0 / 25.4;
const MM: f32 = 72.0 / 25.4;
/// Resolution the ruled lines are looked for at.
const DPI: f32 = 100.0;

fn build_print(site: &Path) -> PathBuf {
    let out = gazette(&["build", "--root", ".", "--only", "pdf"], site);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site.join("output/2024")
}

/// Page `n`'s text in the order the PDF draws it, without whitespace.
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    let args = ["-raw", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"];
    squash(&tool("pdftotext", &args))
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("page count")
}

/// The first page whose text holds `s`.
fn page_with(pdf: &Path, s: &str) -> usize {
    (1..=page_count(pdf))
        .find(|&p| page_text(pdf, p).contains(&squash(s)))
        .unwrap_or_else(|| panic!("no page holds {s}"))
}

/// Rules drawn on a page, found in its pixels: (y of each horizontal
/// rule, x of each vertical rule, length of the longest horizontal), in pt.
struct Rules {
    across: Vec<f32>,
    down: Vec<f32>,
    longest: f32,
}

/// Page `n` rendered in grey at [`DPI`]: width, height, pixels.
fn grey(pdf: &Path, n: usize) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("p");
    let n = n.to_string();
    let args = ["-r", "100", "-gray", "-f", &n, "-l", &n, "-singlefile"];
    let mut all: Vec<&str> = args.to_vec();
    all.extend([pdf.to_str().unwrap(), stem.to_str().unwrap()]);
    tool("pdftoppm", &all);
    let bytes = fs::read(dir.path().join("p.pgm")).expect("pdftoppm wrote a PGM");
    let (w, h, _, px) = read_pnm(&bytes);
    (w as usize, h as usize, px)
}

/// Runs of dark pixels longer than `min` px along each line of pixels,
/// adjacent lines merged into one rule at their centre, in pt.
fn rules(pdf: &Path, n: usize) -> Rules {
    let (w, h, px) = grey(pdf, n);
    let dark = |x: usize, y: usize| px[y * w + x] < 160;
    let longest_run = |len: usize, at: &dyn Fn(usize) -> bool| {
        let (mut best, mut run) = (0, 0);
        for i in 0..len {
            run = if at(i) { run + 1 } else { 0 };
            best = best.max(run);
        }
        best
    };
    let across: Vec<usize> = (0..h).map(|y| longest_run(w, &|x| dark(x, y))).collect();
    let down: Vec<usize> = (0..w).map(|x| longest_run(h, &|y| dark(x, y))).collect();
    let pt = 72.0 / DPI;
    let centres = |runs: &[usize], min: usize| {
        let mut out: Vec<f32> = Vec::new();
        let mut start = None;
        for (i, r) in runs.iter().chain([&0]).enumerate() {
            match (*r >= min, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s + i - 1) as f32 / 2.0 * pt);
                    start = None;
                }
                _ => {}
            }
        }
        out
    };
    Rules {
        across: centres(&across, (60.0 * MM / pt) as usize),
        down: centres(&down, (15.0 * MM / pt) as usize),
        longest: across.iter().copied().max().unwrap_or(0) as f32 * pt,
    }
}

#[test]
fn the_schedule_table_is_ruled_and_reads_row_by_row() {
    let site = example_2024_site();
    let out = build_print(site.path());
    let pdf = out.join("notice.pdf");
    let first = page_with(&pdf, "序号时间安排工作内容责任单位");
    let text = page_text(&pdf, first);
    let rows = [
        "1 2024年1月19日17时前 生源高校导入考生学籍信息 各生源高校",
        "2 2024年1月20日8时至2月2日17时 考生注册报名及信息完善 考生",
        "6 2024年2月23日前 脱贫家庭毕业生初审名单报省教育厅民族教育处复核 各生源高校、省教育厅民族教育处",
    ];
    let mut at = text.find("序号时间安排工作内容责任单位").unwrap();
    for r in rows {
        let found = text[at..].find(&squash(r));
        at += found.unwrap_or_else(|| panic!("row `{r}` not after the previous in {text}"));
    }
    // The page holds 7 rows whole below the header: 9 rules across, 5 down.
    let r = rules(&pdf, first);
    assert_eq!(r.across.len(), 9, "{:?}", r.across);
    assert_eq!(r.down.len(), 5, "{:?}", r.down);
    // The table is as wide as the text area, 156 mm.
    assert!((r.longest - 156.0 * MM).abs() < 2.0, "{}", r.longest);
    // The rest of the table on the next page, under the header again.
    let next = page_text(&pdf, first + 1);
    assert!(
        next.starts_with(&squash(
            "序号 时间安排 工作内容 责任单位 8 2024年3月22日8时至25日17时"
        )),
        "{next}"
    );
    assert!(next.contains(&squash(
        "11 2024年4月20日至21日 考试 省教育考试院、各招生学校"
    )));
}

/// An attachment with a caption and a table of `rows` rows whose middle
/// cell wraps over three lines, then a paragraph.
fn long_table(rows: usize) -> String {
    let mut s = String::from(
        "各单位联系方式如下。\n\n: 各单位联系人一览\n\n| 序号 | 工作内容 | 单位 |\n|:-:|---|---|\n",
    );
    for k in 1..=rows {
        let long = "负责本单位考生报名资格审核和材料收集汇总报送工作".repeat(2);
        s.push_str(&format!("| {k} | 第{k}项：{long} | 单位{k} |\n"));
    }
    s.push_str("\n表后的段落文字，回到每页二十二行的版心网格上。\n");
    s
}

#[test]
fn a_long_table_repeats_its_header_and_keeps_rows_whole() {
    let site = example_2024_site();
    let rows = 30;
    fs::write(site.path().join(ATTACHMENT), long_table(rows)).unwrap();
    let out = build_print(site.path());
    let pdf = out.join("notice.pdf");
    let first = page_with(&pdf, "各单位联系人一览");
    let text = page_text(&pdf, first);
    // The caption above the header.
    let caption = text.find("各单位联系人一览").unwrap();
    assert!(caption < text.find("序号工作内容单位").unwrap(), "{text}");
    let lines = bbox_lines(&pdf);
    let cap = lines
        .iter()
        .find(|l| l.page == first && l.text == "各单位联系人一览")
        .expect("caption line");
    let centre = 28.0 * MM + 78.0 * MM;
    assert!(
        ((cap.x_min + cap.x_max) / 2.0 - centre).abs() < 1.0,
        "{cap:?}"
    );
    let last = page_with(&pdf, "表后的段落文字");
    assert!(last >= first + 2, "30 rows of 3 lines span three pages");
    for p in first + 1..=last {
        let t = page_text(&pdf, p);
        assert!(t.starts_with("序号工作内容单位"), "page {p} starts: {t}");
    }
    // Every row whole on one page: its cells read together, never parted by a page break.
    for k in 1..=rows {
        let whole = format!("{k}第{k}项：");
        let end = format!("单位{k}");
        let on: Vec<usize> = (first..=last)
            .filter(|&p| {
                let t = page_text(&pdf, p);
                t.find(&whole)
                    .is_some_and(|i| t[i..].contains(&format!("工作{end}")))
            })
            .collect();
        assert_eq!(on.len(), 1, "row {k} is not whole on one page: {on:?}");
    }
}

#[test]
fn body_text_after_a_table_is_back_on_the_grid() {
    let site = example_2024_site();
    let md = "表前的段落。\n\n| 甲 | 乙 |\n|---|---|\n| 一行两行三行的较长单元格内容，需要折行显示在单元格里面再折一行 | 2 |\n| 3 | 4 |\n\n表后的段落。\n";
    fs::write(site.path().join(ATTACHMENT), md).unwrap();
    let out = build_print(site.path());
    let pdf = out.join("notice.pdf");
    let lines = bbox_lines(&pdf);
    let find = |t: &str| {
        lines
            .iter()
            .find(|l| l.text.contains(t))
            .unwrap_or_else(|| panic!("no line {t}"))
    };
    let (before, after) = (find("表前的段落"), find("表后的段落"));
    assert_eq!(before.page, after.page);
    let steps = (after.y_min - before.y_min) / PITCH;
    assert!(
        (steps - steps.round()).abs() < 0.02 && steps >= 3.0,
        "the paragraph after the table is {steps:.3} lines below the one before it"
    );
    // Between them the table's 4 rules across (its top, below the header,
    // below each row), and the paragraph on the grid line after the last.
    let r = rules(&pdf, after.page);
    let between: Vec<f32> = r
        .across
        .iter()
        .copied()
        .filter(|y| *y > before.y_min && *y < after.y_min)
        .collect();
    assert_eq!(between.len(), 4, "{between:?}");
    let bottom = between[3];
    assert!(after.y_min - bottom < PITCH, "{bottom} {after:?}");
}

/// Two tables of four columns of 18-digit numbers (never broken): too wide
/// for 156 mm, not for 225 mm; one after the other, then a paragraph.
const WIDE: &str = "宽表如下。\n\n: 宽表\n\n| 甲 | 乙 | 丙 | 丁 |\n|---|---|---|---|\n| 123456789012345678 | 223456789012345678 | 323456789012345678 | 423456789012345678 |\n\n| 戊 | 己 | 庚 | 辛 |\n|---|---|---|---|\n| 523456789012345678 | 623456789012345678 | 723456789012345678 | 823456789012345678 |\n\n表后的段落。\n";

#[test]
fn a_wide_table_goes_on_a_landscape_page_with_the_page_number_where_the_sheet_has_it() {
    let site = example_2024_site();
    fs::write(site.path().join(ATTACHMENT), WIDE).unwrap();
    let out = build_print(site.path());
    let pdf = out.join("notice.pdf");
    let before = page_with(&pdf, "宽表如下");
    let land = page_with(&pdf, "123456789012345678");
    assert_eq!(land, before + 1, "the table turns on a page of its own");
    assert_eq!(page_with(&pdf, "523456789012345678"), land + 1);
    assert_eq!(page_with(&pdf, "表后的段落"), land + 2);
    let size = |p: usize| {
        let p = p.to_string();
        let info = tool("pdfinfo", &["-f", &p, "-l", &p, pdf.to_str().unwrap()]);
        info.lines()
            .find(|l| l.contains(" size:"))
            .map(|l| l.split(": ").nth(1).unwrap().trim().to_string())
            .unwrap()
    };
    for p in [land, land + 1] {
        assert!(size(p).starts_with("841.89 x 595.276"), "{}", size(p));
    }
    assert!(
        size(before).starts_with("595.276 x 841.89"),
        "{}",
        size(before)
    );
    assert!(
        size(land + 2).starts_with("595.276 x 841.89"),
        "{}",
        size(land + 2)
    );
    // Header, then the row, under the caption; the table spans more than 156 mm.
    let text = page_text(&pdf, land);
    assert!(
        text.starts_with("宽表甲乙丙丁123456789012345678223456789012345678"),
        "{text}"
    );
    let r = rules(&pdf, land);
    assert!(
        r.longest > 170.0 * MM && r.longest < 226.0 * MM,
        "{}",
        r.longest
    );
    // The header at the top of the turned text area (28 mm from the sheet's binding edge).
    let lines = bbox_lines(&pdf);
    let head = lines
        .iter()
        .find(|l| l.page == land && l.text.contains('甲'))
        .unwrap();
    assert!(
        head.y_min > 28.0 * MM && head.y_min < 28.0 * MM + 2.0 * PITCH,
        "{head:?}"
    );
    // The page number stands 7 mm below the sheet's text area, so on the
    // landscape page 23-28 mm from its left edge, turned: near the foot of
    // that edge on an odd page (the sheet's right), near its head on an even one.
    for p in [land, land + 1] {
        let number = format!("—{p}—");
        let n = lines
            .iter()
            .find(|l| l.page == p && squash(&l.text) == number)
            .unwrap_or_else(|| panic!("no page number on page {p}"));
        // (pdftotext's box is the face's whole height, a little more than the glyphs.)
        assert!(n.x_min > 20.0 * MM && n.x_max < 30.0 * MM, "{n:?}");
        if p % 2 == 1 {
            assert!(n.y_min > 595.0 / 2.0, "{n:?}");
        } else {
            assert!(n.y_min < 595.0 / 2.0, "{n:?}");
        }
    }
}

#[test]
fn the_word_file_turns_the_same_wide_table_in_a_landscape_section() {
    let site = example_2024_site();
    fs::write(site.path().join(ATTACHMENT), WIDE).unwrap();
    let out = build_print(site.path());
    let docx = out.join("notice.docx");
    let xml = office::part(&docx, "word/document.xml");
    // Each table in a landscape section of its own (each starts a page, as
    // in the PDF), with no empty upright section between them.
    let turned: Vec<bool> = xml
        .split("<w:sectPr>")
        .skip(1)
        .map(|s| s[..s.find("</w:sectPr>").unwrap()].contains(r#"w:orient="landscape""#))
        .collect();
    assert_eq!(turned, [false, true, true, false]);
    assert!(xml.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    let dir = office::scratch("pdf-tables-wide");
    let converted = office::soffice(&docx, "pdf", &dir);
    let pdf = out.join("notice.pdf");
    assert_eq!(page_count(&converted), page_count(&pdf));
    let land = page_with(&pdf, "123456789012345678");
    let (p, q) = (land.to_string(), (land + 1).to_string());
    let info = tool(
        "pdfinfo",
        &["-f", &p, "-l", &q, converted.to_str().unwrap()],
    );
    assert_eq!(info.matches("size:  841.89 x 595.").count(), 2, "{info}");
    office::assert_same_text(
        ("docx", &office::text_without_page_numbers(&converted)),
        ("pdf", &office::text_without_page_numbers(&pdf)),
    );
}

#[test]
fn a_row_taller_than_a_page_is_split_and_nothing_is_lost() {
    let site = example_2024_site();
    let sentences: String = (1..=300).map(|k| format!("第{k}句。")).collect();
    let md = format!("| 序号 | 内容 |\n|:-:|---|\n| 1 | {sentences} |\n\n表后的段落。\n");
    fs::write(site.path().join(ATTACHMENT), md).unwrap();
    let out = build_print(site.path());
    let pdf = out.join("notice.pdf");
    let (first, last) = (page_with(&pdf, "第1句。"), page_with(&pdf, "第300句。"));
    assert!(last > first, "the row runs over onto the next page");
    // It starts right under the attachment's title, not on a page of its own.
    let t = page_text(&pdf, first);
    assert!(t.contains("工作日程安排序号内容1第1句。"), "{t}");
    assert!(page_text(&pdf, last).starts_with("序号内容"));
    // The pages' text without the repeated header and the page numbers.
    let text: String = (first..=last)
        .map(|p| {
            let t = page_text(&pdf, p).replace(&format!("—{p}—"), "");
            t.strip_prefix("序号内容").map(str::to_string).unwrap_or(t)
        })
        .collect();
    let mut at = 0;
    for k in 1..=300 {
        let s = format!("第{k}句。");
        assert_eq!(text.matches(&s).count(), 1, "{s}");
        let i = text.find(&s).unwrap();
        assert!(i >= at, "{s} out of order");
        at = i;
    }
}
