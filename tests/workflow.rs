//! The staff's yearly loop, driven through the real binary: start a site,
//! start a new year from the last one.

use crate::common::*;

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("notices");
    let out = gazette(&["init", dir.to_str().unwrap()], tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "gazette.yaml",
        "README.md",
        "templates/README.md",
        "content/2024/notice.md",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let built = build(&dir);
    assert!(built.join("2024/notice.pdf").is_file());
    assert!(built.join("2024/publicity/veteran/index.html").is_file());
    // Never over an existing site.
    let again = gazette(&["init", dir.to_str().unwrap()], tmp.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
}

#[test]
fn new_year_copies_and_lists_every_old_date() {
    let site = example_site();
    let out = gazette(&["new-year", "2025"], site.path());
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    // The registration window is named with its place in the copy.
    assert!(
        err.contains("warning: `2024-01-20` still belongs to 2024"),
        "{err}"
    );
    assert!(err.contains("--> content/2025/schedule.yaml:"), "{err}");
    assert!(err.contains("still name 2024; change them"), "{err}");
    // Nothing was shifted: the copy is byte-identical.
    let a = std::fs::read(site.path().join("content/2024/schedule.yaml")).unwrap();
    let b = std::fs::read(site.path().join("content/2025/schedule.yaml")).unwrap();
    assert_eq!(a, b);
    // check keeps failing (with --deny-warnings) while old dates remain.
    let check = gazette(&["check", "--deny-warnings"], site.path());
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("is not in 2025"));
    // A second new-year over the same year is refused.
    let again = gazette(&["new-year", "2025"], site.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("`content/2025` exists already"));
}
