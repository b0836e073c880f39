//! `gazette verify` against a doctored paper: the code is genuine, but the
//! paper prints other facts; the verdict shows the registered facts so the
//! mismatch is visible. And the QR code carries the same facts.

use crate::common::papers::*;
use crate::common::*;
use std::path::{Path, PathBuf};

/// Every PDF under `dir` (the public output and any staff copy beside it).
fn pdfs(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect()
}

/// The text of the receipt that prints `registration`, found by reading every PDF.
fn receipt_text(site: &Path, registration: &str) -> (PathBuf, String) {
    pdfs(site)
        .into_iter()
        .filter(|p| !p.starts_with(site.join("content")))
        .map(|p| {
            let t = pdftotext(&p);
            (p, t)
        })
        .find(|(_, t)| t.contains("报名回执") && t.contains(registration))
        .unwrap_or_else(|| panic!("no receipt prints {registration}"))
}

fn code_in(text: &str) -> String {
    let re = regex::Regex::new(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}").unwrap();
    re.find(&squash(text)).expect("a code").as_str().to_string()
}

/// Set the review of the first 普通计划 candidate to 未通过; its row.
fn fail_one(site: &Path) -> Vec<String> {
    let path = site.join("content/2024/candidates.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let i = lines
        .iter()
        .position(|l| l.contains(",普通计划,通过,"))
        .unwrap();
    lines[i] = lines[i].replace(",普通计划,通过,", ",普通计划,未通过,");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    lines[i].split(',').map(String::from).collect()
}

#[test]
fn verify_shows_the_registered_facts_beside_a_genuine_code() {
    let site = example_2024_site();
    let row = fail_one(site.path());
    let (name, id, registration) = (&row[0], &row[2], &row[10]);
    // A template that prints 通过 whatever the review said, signed with the same key.
    let template = std::fs::read_to_string(repo().join("templates/receipt.yaml")).unwrap();
    assert!(template.contains("{{ c.review }}"));
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/receipt.yaml"),
        template.replace("{{ c.review }}", "通过"),
    )
    .unwrap();
    build(site.path());
    let (_, text) = receipt_text(site.path(), registration);
    assert!(squash(&text).contains("资格审核通过"), "{text}");
    let code = code_in(&text);

    let out = gazette(&["verify", &code, "--id", id], site.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.starts_with("genuine"), "{said}");
    let line = |label: &str| {
        said.lines()
            .find(|l| l.trim_start().starts_with(label))
            .map(|l| l.trim_start()[label.len()..].trim().to_string())
            .unwrap_or_else(|| panic!("no {label} line in\n{said}"))
    };
    // The registered result, not the printed one: the mismatch shows.
    assert_eq!(line("资格审核"), "未通过");
    assert_eq!(line("姓名"), *name);
    assert_eq!(line("报名号"), *registration);
    assert_eq!(
        line("身份证号"),
        format!("{}********{}", &id[..6], &id[14..])
    );
    assert_eq!(line("院校"), row[4]);
    assert_eq!(line("专业"), row[5]);
    assert_eq!(line("报考类别"), "普通计划");
    assert!(line("考生网上缴费").starts_with("2024年2月18日"), "{said}");
    assert!(line("考试").starts_with("2024年4月20日"), "{said}");
    assert!(!said.contains(id.as_str()), "the full ID is shown: {said}");
}

#[test]
fn the_qr_code_shows_the_registered_facts_and_the_code() {
    let site = example_2024_site();
    build(site.path());
    let csv = std::fs::read_to_string(site.path().join("content/2024/candidates.csv")).unwrap();
    let row: Vec<&str> = csv.lines().nth(3).unwrap().split(',').collect();
    let (pdf, text) = receipt_text(site.path(), row[10]);
    // Every receipt stays within 60 KB with the facts in its QR code.
    let parent = pdf.parent().unwrap();
    for p in pdfs(parent) {
        let size = std::fs::metadata(&p).unwrap().len();
        assert!(size <= 60 * 1024, "{} is {size} bytes", p.display());
    }
    let content = qr_text(&pdf);
    let lines: Vec<&str> = content.lines().collect();
    assert_eq!(lines[0], "2024年报名回执", "{content}");
    for want in [
        format!("报名号:{}", row[10]),
        format!("姓名:{}", row[0]),
        format!("身份证号:{}********{}", &row[2][..6], &row[2][14..]),
        format!("院校:{}", row[4]),
        format!("专业:{}", row[5]),
        format!("报考类别:{}", row[6]),
        "资格审核:通过".to_string(),
        format!("验证码:{}", code_in(&text)),
    ] {
        assert!(lines.contains(&want.as_str()), "no `{want}` in\n{content}");
    }
    assert!(!content.contains(row[2]), "the full ID is in the QR code");
    assert!(!content.contains(row[3]), "the phone is in the QR code");
}
