//! The seed notice typed literally, contradictions and all
//! (tests/fixtures/seed-literal): `gazette check` finds exactly the three
//! errors a careful editor finds, and `gazette build` writes nothing.

use crate::common::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Output;

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/seed-literal")
}

/// A copy of the fixture, so that no run can leave anything in the repository.
fn fixture_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(), tmp.path());
    tmp
}

fn run(args: &[&str]) -> Output {
    crate::common::command()
        .args(args)
        .output()
        .expect("run gazette")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const WEEKDAY_HINT: &str =
    "write 周日, or better: reference the date from schedule.yaml with `| weekday` so it is computed";

/// The three contradictions of the seed, in the order printed.
fn expected() -> Value {
    json!([
        {
            // notice.md: "2月4日（周四）起，各报考院校登录…": 4 February 2024 was a Sunday.
            "severity": "error",
            "file": "content/2024/notice.md",
            "line": 15,
            "column": 6,
            "message": "2024年2月4日 was a 周日, not a 周四",
            "causes": [],
            "code": "weekday-mismatch",
            "hint": WEEKDAY_HINT,
        },
        {
            // The colleges import on 2月19日, after registration opened on 1月20日.
            "severity": "error",
            "file": "content/2024/schedule.yaml",
            "line": 9,
            "column": 5,
            "message": "phase `registration` (2024-01-20 08:00) comes before `import` (2024-02-19), which is declared ahead of it",
            "causes": [],
            "code": "phase-out-of-order",
            "hint": "phases are declared in the order they happen: correct the date, or move the phase",
        },
        {
            // The preview (2月22日–24日) lies a month before the choice window (3月22日–25日).
            "severity": "error",
            "file": "content/2024/schedule.yaml",
            "line": 27,
            "column": 5,
            "message": "phase `choices_preview` (2024-02-22 08:00 to 2024-02-24 17:00) lies outside `choices`, which it is within",
            "causes": [],
            "code": "outside-parent-phase",
            "hint": "`choices` runs 2024年3月22日8时至25日17时; move the window inside it",
        },
    ])
}

#[test]
fn check_finds_exactly_the_three_contradictions() {
    let root = fixture();
    let out = run(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    assert_eq!(
        report["diagnostics"],
        expected(),
        "got:\n{}",
        serde_json::to_string_pretty(&report["diagnostics"]).unwrap()
    );
    assert_eq!(report["errors"], 3);
    assert_eq!(report["warnings"], 0);
}

#[test]
fn the_human_report_puts_a_caret_under_each_spot() {
    let root = fixture();
    let out = run(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // The source line and the caret under the spot; CJK characters take two
    // terminal cells, so 周 (column 6) is 8 cells in.
    let spots = [
        "  --> content/2024/notice.md:15:6\n   |\n\
         15 | 2月4日（周四）起，各报考院校登录专升本信息管理平台对本校报考考生的报名信息及证明材料进行审核，审核通过后进行网上缴费。\n   \
         |         ^\n  hint: write 周日",
        "  --> content/2024/schedule.yaml:9:5\n  |\n9 |   - id: registration\n  |     ^\n",
        "  --> content/2024/schedule.yaml:27:5\n   |\n27 |   - id: choices_preview\n   |     ^\n",
    ];
    for spot in spots {
        assert!(err.contains(spot), "missing\n{spot}\nin\n{err}");
    }
    assert!(err.trim_end().ends_with("3 errors, 0 warnings"), "{err}");
}

#[test]
fn build_writes_nothing() {
    let site = fixture_copy();
    let out = run(&["build", "--root", site.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("3 errors, 0 warnings"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(
        !site.path().join("output").exists(),
        "an output folder was written"
    );
    // Nothing else either: no temporary folder beside the output.
    let mut entries: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["content", "gazette.yaml"]);
}

/// With the three facts repaired as the bundled example repairs them, the
/// fixture checks clean: the three errors are the only problems in it.
#[test]
fn repairing_the_three_facts_leaves_no_error() {
    let site = fixture_copy();
    let year = site.path().join("content/2024");
    let fix = |file: &str, from: &str, to: &str| {
        let p = year.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "`{from}` is not in {file}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    fix("notice.md", "2月4日（周四）", "2月4日（周日）");
    fix(
        "schedule.yaml",
        "deadline: 2024-02-19",
        "deadline: 2024-01-19 17:00",
    );
    fix(
        "schedule.yaml",
        "{from: 2024-02-22 08:00, to: 2024-02-24 17:00}",
        "{from: 2024-03-22 08:00, to: 2024-03-24 17:00}",
    );
    let out = run(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert_eq!(report["errors"], 0, "{report:#}");
    // Warnings may only be about the machine's fonts.
    for d in report["diagnostics"].as_array().unwrap() {
        assert!(
            d["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("preferred fonts not found")),
            "{d:#}"
        );
    }
    assert!(!site.path().join("output").exists());
}
