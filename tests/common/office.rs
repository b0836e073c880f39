//! Shared by the `notice.docx` tests: the example built once per test
//! binary, LibreOffice headless conversions, and reading the package back.
#![allow(dead_code)]

use crate::common::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Grid pitch of GB/T 9704: 225 mm / 22 lines, in pt.
pub const PITCH: f32 = 225.0 / 22.0 * 72.0 / 25.4;
pub const MM: f32 = 72.0 / 25.4;
/// The DOCX's line pitch: 579 twips, the whole-twip pitch that fits 22 lines.
pub const DOCX_PITCH: f32 = 579.0 / 20.0;

/// The example built once for a test binary, and LibreOffice's PDF of
/// its 2024 notice.docx.
pub struct Built {
    pub out: PathBuf,
    pub converted: PathBuf,
}

pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

pub fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = scratch("docx-site");
        copy_dir(&repo().join("content"), &site.join("content"));
        std::fs::copy(repo().join("gazette.yaml"), site.join("gazette.yaml")).expect("config");
        let out = build(&site);
        let converted = soffice(&out.join("2024/notice.docx"), "pdf", &scratch("docx-pdf"));
        Built { out, converted }
    })
}

/// LibreOffice headless with a fresh profile converts `file` into `dir`;
/// it must exit cleanly and say nothing of errors or repairs.
pub fn soffice(file: &Path, to: &str, dir: &Path) -> PathBuf {
    let profile = dir.join("profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("`soffice` is needed for this test (libreoffice-writer-nogui)");
    let stderr = String::from_utf8_lossy(&out.stderr).to_lowercase();
    assert!(out.status.success(), "soffice failed: {stderr}");
    for word in ["error", "repair", "corrupt"] {
        assert!(!stderr.contains(word), "soffice reported: {stderr}");
    }
    let stem = file.file_stem().unwrap().to_str().unwrap();
    let result = dir.join(format!("{stem}.{to}"));
    assert!(result.is_file(), "soffice wrote no {to}");
    result
}

/// The text of a PDF without whitespace and without its page numbers,
/// which sit wherever that PDF's pages break. Read in the order the PDF
/// draws it (`pdftotext -raw`): both writers draw a table row by row, cell
/// by cell, while pdftotext's default reading guesses columns from where
/// the lines of a cell fall, which depends on each writer's column widths.
pub fn text_without_page_numbers(pdf: &Path) -> String {
    let text = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i];
        // A page number turned on a landscape page reads as —, N, — lines.
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if t == "—" && lines.get(i + 1).is_some_and(|n| digits(n)) && lines.get(i + 2) == Some(&"—")
        {
            i += 3;
            continue;
        }
        if !(t.starts_with('—') && t.ends_with('—')) {
            kept.push(t);
        }
        i += 1;
    }
    squash(&kept.join("\n"))
}

/// Equal texts, or a panic showing where they part.
pub fn assert_same_text(a: (&str, &str), b: (&str, &str)) {
    if a.1 == b.1 {
        return;
    }
    let at =
        a.1.chars()
            .zip(b.1.chars())
            .take_while(|(x, y)| x == y)
            .count();
    let show = |s: &str| {
        s.chars()
            .skip(at.saturating_sub(20))
            .take(60)
            .collect::<String>()
    };
    panic!(
        "texts differ at character {at}:\n {}: {}\n {}: {}",
        a.0,
        show(a.1),
        b.0,
        show(b.1)
    );
}

pub fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).expect("open docx");
    let mut zip = zip::ZipArchive::new(file).expect("docx is a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut s)
        .expect("utf-8 part");
    s
}

pub fn body_lines(pdf: &Path, page: usize) -> Vec<BoxLine> {
    bbox_lines(pdf)
        .into_iter()
        .filter(|l| l.page == page && !l.text.starts_with('—'))
        .collect()
}

/// The text of a document part, in order, without whitespace.
pub fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        // Only text elements, not <w:tbl>, <w:tc>, <w:tab/>…
        let Some(body) = piece.strip_prefix('>').or_else(|| {
            piece
                .strip_prefix(' ')
                .and_then(|p| p.split_once('>').map(|(_, b)| b))
        }) else {
            continue;
        };
        let text = body.split("</w:t>").next().unwrap_or("");
        out.push_str(
            &text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
        );
    }
    squash(&out)
}
