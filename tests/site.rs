//! The whole site built by the real binary: pages, templates, fonts, failures.

use crate::common::*;
use gazette::doc::Block;
use std::fs;

#[test]
fn html_pages_hold_every_section_with_the_pdf_numbering() {
    let site = example_site();
    let notices = gazette::prepare(site.path()).unwrap().notices;
    let n = notices
        .iter()
        .find(|n| n.year == 2024)
        .expect("2024 notice");
    let out = build(site.path());
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"2024/notice.html\""));
    // Both years of the example, newest first.
    let (new, old) = (
        index.find("href=\"2024/notice.html\"").unwrap(),
        index
            .find("href=\"2023/notice.html\"")
            .expect("2023 listed"),
    );
    assert!(new < old, "2024 should come first");
    assert!(index.contains("湘教考成字〔2023〕2号"));
    assert!(index.contains("<html lang=\"zh-CN\">"));

    let html = fs::read_to_string(out.join("2024/notice.html")).unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("class=\"red-header\""));
    assert!(html.contains("湘教考成字〔2024〕1号"));
    for b in n
        .body
        .iter()
        .chain(n.attachments.iter().flat_map(|a| &a.body))
    {
        if let Block::Heading { number, text, .. } = b {
            let tag = format!("<span class=\"num\">{number}</span>{text}");
            assert!(html.contains(&tag), "missing heading {tag}");
        }
    }
    // No network resource: every src and href is relative or a fragment.
    for attr in ["src=\"", "href=\""] {
        for part in html.split(attr).skip(1) {
            assert!(
                !part.starts_with("http") && !part.starts_with("//"),
                "external {attr}{part:.40}"
            );
        }
    }
    let css = fs::read_to_string(out.join("assets/gazette.css")).unwrap();
    assert!(css.contains("@media print") && css.contains("@page"));
    assert!(css.contains("--red: #FF3333"));
}

#[test]
fn a_sites_own_template_replaces_the_builtin_one() {
    let site = example_site();
    fs::create_dir_all(site.path().join("templates")).unwrap();
    fs::write(
        site.path().join("templates/index.html"),
        "<!DOCTYPE html><html lang=\"zh-CN\"><title>t</title><p>OWN INDEX {{ years | length }}</p></html>",
    )
    .unwrap();
    let out = build(site.path());
    assert!(fs::read_to_string(out.join("index.html"))
        .unwrap()
        .contains("OWN INDEX 2"));
    // The other templates are still the built-in ones.
    assert!(fs::read_to_string(out.join("2024/notice.html"))
        .unwrap()
        .contains("class=\"red-header\""));
}

#[test]
fn a_broken_template_is_reported_with_its_name() {
    let site = example_site();
    fs::create_dir_all(site.path().join("templates")).unwrap();
    fs::write(
        site.path().join("templates/notice.html"),
        "{% extends \"base.html\" %}{% block main %}{{ notice.nope.x }}{% endblock main %}",
    )
    .unwrap();
    let out = gazette(&["build"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: template `notice.html` failed while rendering `2024/notice.html`"),
        "{err}"
    );
    assert!(err.contains("--> templates/notice.html"), "{err}");
    assert!(!site.path().join("output").exists());
}

#[test]
fn a_character_missing_from_the_body_face_falls_back_and_extracts() {
    let site = example_site();
    let body = site.path().join("content/2024/notice.md");
    let text = fs::read_to_string(&body).unwrap();
    // FandolFang has no 堃 or 喆; the chain's next face draws them.
    fs::write(&body, text.replacen("根据", "王堃、李喆根据", 1)).unwrap();
    let out = build(site.path());
    let pdf = out.join("2024/notice.pdf");
    assert!(squash(&pdftotext(&pdf)).contains("王堃、李喆根据"));
}

#[test]
fn a_character_no_font_has_is_an_error_naming_where() {
    let site = example_site();
    let cfg = site.path().join("gazette.yaml");
    let mut yaml = fs::read_to_string(&cfg).unwrap();
    yaml.push_str("fonts:\n  body:\n    - path: /usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf\n");
    fs::write(&cfg, yaml).unwrap();
    let body = site.path().join("content/2024/notice.md");
    let text = fs::read_to_string(&body).unwrap();
    fs::write(&body, text.replacen("根据", "王堃根据", 1)).unwrap();
    let out = gazette(&["build"], site.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: no font has the character `堃` (U+5803) in paragraph “王堃根据湖南省教育厅《关于做好2…” of the 2024 notice"),
        "{err}"
    );
    assert!(err.contains("--> content/2024/notice.md:1:2"), "{err}");
    assert!(err.contains("add it to the `body` chain"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = example_site();
    let out = build(site.path());
    let before = fs::read(out.join("2024/notice.pdf")).unwrap();
    let sched = site.path().join("content/2024/schedule.yaml");
    let text = fs::read_to_string(&sched).unwrap();
    fs::write(&sched, text.replace("2024-03-22 08:00", "2024-02-30 08:00")).unwrap();
    let res = gazette(&["build"], site.path());
    assert_eq!(res.status.code(), Some(1));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(
        err.contains("`2024-02-30 08:00` is not a real date: 2024-02 has 29 days"),
        "{err}"
    );
    assert!(err.contains("--> content/2024/schedule.yaml:"), "{err}");
    assert_eq!(fs::read(out.join("2024/notice.pdf")).unwrap(), before);
    let stray: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("gazette-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn not_a_site_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let out = gazette(&["build"], tmp.path());
    assert_eq!(out.status.code(), Some(2), "not a site is a usage problem");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no `gazette.yaml` in `.`: this is not a gazette site"),
        "{err}"
    );
    assert!(
        err.contains("hint: run gazette in the site folder, or pass --root DIR"),
        "{err}"
    );
}

#[test]
fn changing_one_date_in_yaml_changes_every_place_that_shows_it() {
    let site = example_site();
    let sched = site.path().join("content/2024/schedule.yaml");
    let text = fs::read_to_string(&sched).unwrap();
    fs::write(
        &sched,
        text.replace("to: 2024-02-02 17:00", "to: 2024-02-03 17:00"),
    )
    .unwrap();
    let out = build(site.path());
    let html = fs::read_to_string(out.join("2024/notice.html")).unwrap();
    let pdf = squash(&pdftotext(&out.join("2024/notice.pdf")));
    assert!(!html.contains("2月2日17时") && !pdf.contains("2月2日17时"));
    // In the body and in the schedule attachment.
    assert!(html.matches("2024年1月20日8时至2月3日17时").count() >= 2);
    assert!(pdf.matches("2024年1月20日8时至2月3日17时").count() >= 2);
}

#[test]
fn completions_quiet_and_verbose() {
    let tmp = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_gazette()"),
        ("zsh", "#compdef gazette"),
        ("fish", "complete -c gazette"),
    ] {
        let out = gazette(&["completions", shell], tmp.path());
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(marker),
            "{shell}"
        );
    }
    let site = example_site();
    let quiet = gazette(&["build", "--quiet"], site.path());
    assert!(quiet.status.success());
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("built "));
    let verbose = gazette(&["build", "--verbose"], site.path());
    let err = String::from_utf8_lossy(&verbose.stderr);
    assert!(
        err.contains("built ") && err.contains("assets/search.js"),
        "{err}"
    );
    // Not a terminal here: no colour codes.
    assert!(!err.contains('\u{1b}'));
}
