//! The notice PDF of the bundled example, read back with poppler.

use crate::common::*;
use gazette::doc::Block;
use std::path::Path;

/// Grid pitch of GB/T 9704: 225 mm / 22 lines, in pt.
const PITCH: f32 = 225.0 / 22.0 * 72.0 / 25.4;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = example_site();
    let out = build(site.path());
    (site, out)
}

#[test]
fn pdf_is_a4_with_every_font_embedded_and_subset() {
    let (_site, out) = built();
    let pdf = out.join("2024/notice.pdf");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        info.contains("Title:           关于做好2024年湖南省普通高等学校"),
        "{info}"
    );
    assert!(info.contains("Author:          湖南省教育考试院"), "{info}");
    assert!(
        info.contains("CreationDate:    Tue Jan  9 16:00:00 2024 UTC"),
        "{info}"
    );

    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "expected several faces:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // name … emb sub uni objnum gen
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "not embedded+subset: {row}"
        );
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "no subset tag: {row}"
        );
    }
}

#[test]
fn pdf_text_holds_number_title_headings_and_every_phase() {
    let site = example_site();
    let notices = gazette::prepare(site.path())
        .expect("example is valid")
        .notices;
    let n = notices
        .iter()
        .find(|n| n.year == 2024)
        .expect("2024 notice");
    let out = build(site.path());
    // In the order the PDF draws it: the schedule table's cells wrap, and
    // pdftotext's default reading interleaves the lines of neighbouring cells.
    let pdf = out.join("2024/notice.pdf");
    let text = squash(&tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]));

    assert!(text.contains("湘教考成字〔2024〕1号"));
    assert!(text.contains(&squash(&n.title)));
    let mut headings = 0;
    for b in n
        .body
        .iter()
        .chain(n.attachments.iter().flat_map(|a| a.body.iter()))
    {
        if let Block::Heading {
            number, text: t, ..
        } = b
        {
            assert!(
                text.contains(&squash(&format!("{number}{t}"))),
                "heading {number}{t} missing"
            );
            headings += 1;
        }
    }
    assert!(headings >= 10, "only {headings} headings");

    let site_data = gazette::load::load(site.path()).unwrap();
    let year = site_data
        .years
        .iter()
        .find(|y| y.year == 2024)
        .expect("2024 year");
    let schedule = gazette::model::schedule::resolve(&year.phases, &year.calendar).unwrap();
    for p in &schedule {
        let when = p.text(Default::default(), Default::default());
        assert!(
            text.contains(&squash(&when)),
            "phase {} date `{when}` missing",
            p.id
        );
    }
    // Weekdays are computed: 2 February 2024 4th was a Sunday.
    assert!(text.contains("2024年2月4日（星期日）"));
    assert!(!text.contains("周四"));
}

fn body_lines_of_page(out: &Path, page: usize) -> Vec<BoxLine> {
    bbox_lines(&out.join("2024/notice.pdf"))
        .into_iter()
        .filter(|l| l.page == page && !l.text.starts_with('—'))
        .collect()
}

fn is_heading12(text: &str) -> bool {
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = text.chars();
    match chars.next() {
        Some('（') => chars.next().is_some_and(cn),
        Some(c) if cn(c) => text.contains('、'),
        _ => false,
    }
}

#[test]
fn body_lines_sit_on_the_22_line_grid() {
    let (_site, out) = built();
    let page1 = body_lines_of_page(&out, 1);
    let addressee = page1
        .iter()
        .position(|l| l.text.ends_with('：'))
        .expect("addressee line");
    // Level-1 and level-2 headings are set in other faces, whose boxes differ;
    // the body face's lines are compared.
    let body: Vec<BoxLine> = page1[addressee..]
        .iter()
        .filter(|l| !is_heading12(&l.text))
        .cloned()
        .collect();
    assert!(body.len() >= 5, "too few body lines on page 1: {body:?}");
    for l in &body {
        let steps = (l.y_min - body[0].y_min) / PITCH;
        assert!(
            (steps - steps.round()).abs() < 0.02,
            "line `{}` is off the grid by {:.3} lines",
            l.text,
            steps - steps.round()
        );
    }
    // A full page of body text holds exactly 22 lines, one pitch apart.
    let page2 = body_lines_of_page(&out, 2);
    assert_eq!(page2.len(), 22, "{page2:?}");
    // Line i of a full page lies exactly i pitches below line 0.
    let body: Vec<(usize, &BoxLine)> = page2
        .iter()
        .enumerate()
        .filter(|(_, l)| !is_heading12(&l.text))
        .collect();
    let (i0, l0) = body[0];
    for (i, l) in &body {
        let steps = (l.y_min - l0.y_min) / PITCH;
        assert!(
            (steps - (*i - i0) as f32).abs() < 0.02,
            "page 2 line {i} `{}` is off the grid",
            l.text
        );
    }
    // The text area starts 37 mm from the top: the first line lies inside the first row.
    let top = 37.0 * 72.0 / 25.4;
    assert!(
        l0.y_min - i0 as f32 * PITCH > top && l0.y_min - (i0 as f32) * PITCH < top + PITCH,
        "{}",
        l0.y_min
    );
}

#[test]
fn no_line_starts_with_closing_punctuation() {
    let (_site, out) = built();
    let text = pdftotext(&out.join("2024/notice.pdf"));
    for line in text.lines() {
        let first = line.trim_start().chars().next();
        if let Some(c) = first {
            assert!(
                !"，。、；：？！）》」』〕".contains(c),
                "line starts with `{c}`: {line}"
            );
        }
        let last = line.trim_end().chars().last();
        if let Some(c) = last {
            assert!(!"（《「『〔".contains(c), "line ends with `{c}`: {line}");
        }
    }
}

#[test]
fn page_numbers_alternate_sides() {
    let (_site, out) = built();
    let lines = bbox_lines(&out.join("2024/notice.pdf"));
    let centre = 595.276 / 2.0;
    let numbers: Vec<&BoxLine> = lines.iter().filter(|l| l.text.starts_with('—')).collect();
    assert!(numbers.len() >= 4, "{numbers:?}");
    for l in numbers {
        let n: usize = l
            .text
            .trim_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .expect("number");
        assert_eq!(n, l.page, "page {} shows {n}", l.page);
        if n % 2 == 1 {
            assert!(l.x_min > centre, "odd page {n} number is not on the right");
        } else {
            assert!(l.x_max < centre, "even page {n} number is not on the left");
        }
        // 7 mm below the text area (which ends 37 + 225 mm from the top).
        assert!(
            l.y_min > (262.0 + 5.0) * 72.0 / 25.4,
            "page number too high: {}",
            l.y_min
        );
    }
}

#[test]
fn signature_date_and_imprint_are_in_place() {
    let (_site, out) = built();
    let lines = bbox_lines(&out.join("2024/notice.pdf"));
    let sig = lines
        .iter()
        .find(|l| l.text == "湖南省教育考试院")
        .expect("signature");
    let date = lines
        .iter()
        .find(|l| l.text == "2024年1月5日")
        .expect("date");
    let cell = 156.0 / 28.0 * 72.0 / 25.4;
    assert!(
        (date.x_min - sig.x_min - 2.0 * cell).abs() < 1.0,
        "date not 2 cells right of the signature"
    );
    assert!(date.y_min > sig.y_min);
    let right = (28.0 + 156.0) * 72.0 / 25.4;
    assert!(
        (right - sig.x_max - 2.0 * cell).abs() < 2.0,
        "signature not 2 cells from the right"
    );

    let last_page = lines.iter().map(|l| l.page).max().unwrap();
    let issued = lines
        .iter()
        .find(|l| l.page == last_page && l.text.contains("2024年1月10日印发"))
        .expect("imprint on the last page");
    let bottom = (37.0 + 225.0) * 72.0 / 25.4;
    assert!(
        bottom - issued.y_min < 28.0,
        "imprint not at the foot of the text area"
    );
}

#[test]
fn attachment_starts_on_a_new_page() {
    let (_site, out) = built();
    let lines = bbox_lines(&out.join("2024/notice.pdf"));
    let label = lines
        .iter()
        .find(|l| l.text == "附件")
        .expect("attachment label");
    let before: Vec<&BoxLine> = lines
        .iter()
        .filter(|l| l.page == label.page && l.y_min < label.y_min)
        .collect();
    assert!(
        before.is_empty(),
        "attachment label is not the first line: {before:?}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let (site, out) = built();
    let first: Vec<(std::path::PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&out)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(&out).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    let out2 = build(site.path());
    for (rel, bytes) in &first {
        assert_eq!(
            &std::fs::read(out2.join(rel)).unwrap(),
            bytes,
            "{} differs",
            rel.display()
        );
    }
    assert!(first.iter().any(|(p, _)| p.ends_with("notice.pdf")));
}

/// Base font names (subset tag removed) that `pdffonts` lists for `pdf`.
fn embedded_faces(pdf: &Path) -> Vec<String> {
    tool("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .filter_map(|row| row.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, n)| n).to_string())
        .collect()
}

#[test]
fn one_font_set_per_build_opens_each_font_file_once() {
    let site = example_site();
    let out = gazette(&["build", "--root", ".", "--verbose"], site.path());
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    let files: Vec<&str> = log
        .lines()
        .filter_map(|l| l.trim().strip_prefix("font file "))
        .collect();
    assert!(files.len() >= 3, "too few font files listed:\n{log}");
    for f in &files {
        let (path, rest) = f.split_once(" opened ").expect("path and count");
        assert!(Path::new(path).is_file(), "{path} is not a file");
        assert!(
            rest.starts_with("1×: "),
            "{path} opened more than once: {f}"
        );
    }
    // The system agrees: strace sees one open of each file a face is used from.
    let trace = site.path().join("opens.txt");
    let traced = std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=open,openat", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--root", ".", "--output", "traced", "-q"])
        .env("GAZETTE_RECEIPT_KEY", TEST_KEY)
        .env("GAZETTE_LANG", "en")
        .current_dir(site.path())
        .status()
        .expect("strace is needed for this test (Debian: strace)");
    assert!(traced.success());
    let opens = std::fs::read_to_string(&trace).unwrap();
    for f in files.iter().filter(|f| !f.ends_with("no face needed")) {
        let path = f.split_once(" opened ").unwrap().0;
        let n = opens
            .lines()
            .filter(|l| l.contains(&format!("\"{path}\"")))
            .count();
        assert_eq!(n, 1, "{path} opened {n} times:\n{opens}");
    }
    // Every face of every kind of PDF comes from that one listing.
    let out_dir = site.path().join("output/2024");
    // The plain receipts are the staff copies in the private folder.
    let receipt = std::fs::read_dir(site.path().join("private/2024/receipts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("a receipt");
    let list = std::fs::read_dir(out_dir.join("publicity"))
        .unwrap()
        .map(|e| e.unwrap().path().join("list.pdf"))
        .find(|p| p.is_file())
        .expect("a list");
    let pdfs = [
        out_dir.join("notice.pdf"),
        list,
        receipt,
        out_dir.join("forms/blank.pdf"),
    ];
    for pdf in &pdfs {
        let faces = embedded_faces(pdf);
        assert!(!faces.is_empty(), "{} has no fonts", pdf.display());
        for face in faces {
            assert!(
                files
                    .iter()
                    .any(|f| f.contains(&format!(": {face} #"))
                        || f.contains(&format!("; {face} #"))),
                "{face} of {} is not among the listed faces:\n{log}",
                pdf.display()
            );
        }
    }
}
