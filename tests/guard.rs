//! The privacy guard, through the real binary: a build whose template or
//! body prints a candidate's full ID or phone number fails with the
//! guard's error and leaves the previous output as it was; and the guard's
//! PDF text extractor reads what poppler's pdftotext reads.

mod common;

use common::*;
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
    let mut pdfs: Vec<_> = files_under(&out)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(pdfs.len() > 60, "{pdfs:?}");
    // The notice, every publicity list, the forms, and some receipts.
    pdfs.retain(|p| {
        let s = p.to_string_lossy();
        !s.contains("/receipts/") || s.ends_with("0.pdf") || s.ends_with("a.pdf")
    });
    for p in &pdfs {
        assert_reads_like_pdftotext(&out.join(p));
    }
    for p in ["2024/notice.pdf", "2024/forms/blank.pdf"] {
        assert!(pdfs.iter().any(|x| x.ends_with(p)), "{p} not checked");
    }
}
