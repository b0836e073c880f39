//! The privacy guard, through the real binary: a build whose template or
//! body prints a candidate's full ID or phone number fails with the
//! guard's error and leaves the previous output as it was; and the guard's
//! PDF text extractor reads what poppler's pdftotext reads.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Characters of a text without whitespace, counted.
fn chars(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Runs of 4 or more digits, as pdftotext shows them.
fn digit_runs(s: &str) -> Vec<String> {
    let re = regex::Regex::new(r"[0-9]{4,}").unwrap();
    re.find_iter(&squash(s))
        .map(|m| m.as_str().to_string())
        .collect()
}

fn assert_reads_like_pdftotext(pdf: &Path) {
    let ours = gazette::privacy::pdf::text(
        &std::fs::read(pdf).unwrap(),
        &gazette::privacy::pdf::CMapCache::default(),
    );
    let theirs = pdftotext(pdf);
    // The page text comes first; the dictionaries' strings follow it.
    let pages: String = ours.rsplitn(2, '\x0c').last().unwrap_or("").to_string();
    assert_eq!(
        chars(&pages),
        chars(&theirs),
        "{}: other characters than pdftotext's",
        pdf.display()
    );
    let flat = squash(&ours);
    for run in digit_runs(&theirs) {
        assert!(flat.contains(&run), "{}: `{run}` not read", pdf.display());
    }
}

#[test]
fn the_guards_pdf_text_is_what_pdftotext_reads() {
    let site = example_2024_site();
    let out = build(site.path());
    // The public PDFs, and the papers' plain PDFs from the private folder
    // (the published receipts are encrypted).
    let private = site.path().join("private");
    let mut pdfs: Vec<_> = [&out, &private]
        .into_iter()
        .flat_map(|dir| files_under(dir).into_keys().map(move |p| dir.join(p)))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(pdfs.len() > 60, "{pdfs:?}");
    // The notice, every publicity list, the forms, and some receipts.
    pdfs.retain(|p| {
        let s = p.to_string_lossy();
        !s.contains("/receipts/") || s.ends_with("0.pdf") || s.ends_with("1.pdf")
    });
    for p in &pdfs {
        assert_reads_like_pdftotext(p);
    }
    for p in ["2024/notice.pdf", "2024/forms/blank.pdf"] {
        assert!(pdfs.iter().any(|x| x.ends_with(p)), "{p} not checked");
    }
}

/// A row of the example's candidates.csv: (ID number, phone).
fn candidate(site: &Path, n: usize) -> (String, String) {
    let csv = std::fs::read_to_string(site.join("content/2024/candidates.csv")).unwrap();
    let row: Vec<String> = csv
        .lines()
        .nth(n)
        .unwrap()
        .split(',')
        .map(String::from)
        .collect();
    (row[2].clone(), row[3].clone())
}

fn failed_build(site: &Path) -> String {
    let out = gazette(&["build", "--root", "."], site);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    err
}

#[test]
fn a_build_that_prints_a_full_id_or_phone_publishes_nothing() {
    let site = example_2024_site();
    let out = build(site.path());
    let before = files_under(&out);
    let (id, _) = candidate(site.path(), 5);
    let (_, phone) = candidate(site.path(), 9);
    let masked = format!("{}********{}", &id[..6], &id[14..]);

    // The body types a candidate's ID number (with a lower-case x it would be the same).
    let body = site.path().join("content/2024/notice.md");
    let good = std::fs::read_to_string(&body).unwrap();
    std::fs::write(
        &body,
        format!("{good}\n请联系考生{}核实。\n", id.to_lowercase()),
    )
    .unwrap();
    let err = failed_build(site.path());
    assert!(!err.contains(&id), "the error shows the full ID: {err}");
    for file in ["output/2024/notice.html", "output/2024/notice.pdf"] {
        assert!(
            err.lines().any(|l| l.contains(&format!(
                "{file}` would publish the full ID number of candidate {masked} (column `身份证号`"
            ))),
            "{file} not named:\n{err}"
        );
    }
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(files_under(&out), before, "the output changed");

    // A template prints a phone number.
    std::fs::write(&body, &good).unwrap();
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let base = std::fs::read_to_string(repo().join("templates/base.html")).unwrap();
    let own = base.replace(
        "<main id=\"main\">",
        &format!("<main id=\"main\"><p>热线 {phone}</p>"),
    );
    assert_ne!(own, base);
    std::fs::write(templates.join("base.html"), own).unwrap();
    let err = failed_build(site.path());
    assert!(!err.contains(&phone), "the error shows the phone: {err}");
    assert!(
        err.contains("would publish the phone number of candidate")
            && err.contains("(column `手机号`, row 10 of content/2024/candidates.csv)")
            && err.contains("output/index.html` would publish"),
        "{err}"
    );
    assert_eq!(files_under(&out), before, "the output changed");
}

/// A guard hit in Chinese names the same file, the same place in it and the
/// same column of the candidate list, with the number masked, and fails
/// the build the same way.
#[test]
fn a_guard_hit_speaks_chinese_at_the_same_place() {
    let site = example_2024_site();
    let (id, _) = candidate(site.path(), 5);
    let masked = format!("{}********{}", &id[..6], &id[14..]);
    let body = site.path().join("content/2024/notice.md");
    let good = std::fs::read_to_string(&body).unwrap();
    std::fs::write(&body, format!("{good}\n请联系考生{id}核实。\n")).unwrap();
    let run = |lang: &str| {
        let out = gazette(&["build", "--root", ".", "--lang", lang], site.path());
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (en_status, en) = run("en");
    let (zh_status, zh) = run("zh");
    assert_eq!(en_status, Some(1), "{en}");
    assert_eq!(zh_status, en_status);
    assert!(!zh.contains(&id), "the error shows the full ID: {zh}");
    let file = "output/2024/notice.html";
    let hit = en
        .lines()
        .find(|l| l.contains(&format!("{file}` would publish")))
        .unwrap_or_else(|| panic!("{file} not named:\n{en}"));
    let (line, column) = hit
        .split(" at line ")
        .nth(1)
        .and_then(|r| r.split_once(", column "))
        .map(|(l, c)| (l.to_string(), c.trim_end().to_string()))
        .unwrap_or_else(|| panic!("no place in {hit}"));
    let expected = format!(
        "{file}`第 {line} 行第 {column} 列含有考生 {masked} 的完整身份证号码（来自 content/2024/candidates.csv 第 6 行 `身份证号` 列），会被公开"
    );
    assert!(zh.contains(&expected), "{expected}\nnot in:\n{zh}");
    assert!(
        zh.contains("提示：是模板、正文或公示的某一列印出了该号码"),
        "{zh}"
    );
    // As many hits in both languages.
    let count = |s: &str, w: &str| s.lines().filter(|l| l.contains(w)).count();
    assert_eq!(count(&zh, "会被公开"), count(&en, "would publish"));
}
