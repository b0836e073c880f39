//! `notice.docx` as a package: python-docx opens it, every part and
//! style resolves, LibreOffice re-saves it, rebuilds are byte-identical,
//! `--only html` skips it, the notice page links it and `gazette serve`
//! serves it.

use crate::common::office::*;
use crate::common::*;
use std::process::Command;

/// Saved again by LibreOffice, the document keeps its text, its styles by
/// name, and its page setup. (Its PDF is not compared: LibreOffice 7.4
/// writes `w:overflowPunct` inverted, so the copy's punctuation at line
/// ends changes from hanging to squeezed.)
#[test]
fn libreoffice_resaves_it_with_text_styles_and_page_setup() {
    let b = built();
    let docx = b.out.join("2024/notice.docx");
    let resaved = soffice(&docx, "docx", &scratch("docx-resave"));
    let (ours, theirs) = (
        part(&docx, "word/document.xml"),
        part(&resaved, "word/document.xml"),
    );
    assert_same_text(("re-saved", &xml_text(&theirs)), ("docx", &xml_text(&ours)));
    assert!(xml_text(&ours).contains("网上缴费、志愿填报"));
    let styles = part(&resaved, "word/styles.xml");
    for name in [
        "公文正文",
        "一级标题",
        "发文机关标志",
        "发文字号",
        "公文标题",
        "版记",
    ] {
        assert!(
            styles.contains(&format!(r#"<w:name w:val="{name}"/>"#)),
            "{name} lost"
        );
    }
    for setup in [
        r#"w:linePitch="579""#,
        r#"w:top="2098""#,
        r#"w:left="1587""#,
    ] {
        assert!(theirs.contains(setup), "{setup} lost");
    }
}

/// python-docx opens the package; every part is typed and reachable, every
/// relationship target exists, every used style is defined.
const PYTHON_CHECK: &str = include_str!("fixtures/docx/check_package.py");

#[test]
fn python_docx_opens_it_and_every_part_and_style_resolves() {
    let b = built();
    let out = Command::new("python3")
        .args(["-c", PYTHON_CHECK])
        .arg(b.out.join("2024/notice.docx"))
        .output()
        .expect("python3 is needed for this test");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("No module named 'docx'"),
        "install python-docx (pip install python-docx): {stderr}"
    );
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok"));
}

#[test]
fn rebuilds_are_byte_identical_and_only_html_skips_it() {
    let b = built();
    let first = std::fs::read(b.out.join("2024/notice.docx")).unwrap();
    let site = example_site();
    let again = build(site.path());
    assert!(
        std::fs::read(again.join("2024/notice.docx")).unwrap() == first,
        "rebuild differs"
    );
    assert!(again.join("2023/notice.docx").is_file());
    let html = std::fs::read_to_string(again.join("2024/notice.html")).unwrap();
    assert!(
        html.contains(r#"href="notice.docx""#),
        "notice page has no Word link"
    );
    let out = gazette(
        &["build", "--root", ".", "--only", "html", "--output", "web"],
        site.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site.path().join("web/2024/notice.docx").exists());
}

/// `gazette serve` serves the Word file its first build made, as a Word file.
#[test]
fn serve_serves_the_word_file() {
    let b = built();
    let site = b.out.parent().unwrap();
    let (head, body) = serve_get(site, "/2024/notice.docx");
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("wordprocessingml.document"), "{head}");
    let built = std::fs::read(b.out.join("2024/notice.docx")).unwrap();
    assert!(body == built, "served file differs from the build's");
}
