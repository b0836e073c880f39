//! Bounded fuzzing of loading, checking and composing: random edits of the
//! example's YAML and random Markdown must give diagnostics, never a panic.
//! `GAZETTE_FUZZ_CASES` sets the number of cases per target (default 256).

mod common;

use proptest::prelude::*;
use std::path::Path;

fn cases() -> u32 {
    std::env::var("GAZETTE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Load, check and compose; an error must come with diagnostics that name a file.
fn run(root: &Path) {
    match gazette::prepare(root) {
        Ok(_) => {}
        Err(diags) => {
            assert!(diags.has_errors());
            for d in diags.iter() {
                let _ = d.to_string();
            }
        }
    }
}

/// Pieces that make random text likely to hit the parsers' interesting paths.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{".to_string()),
        Just("}}".to_string()),
        Just("{{ schedule.registration }}".to_string()),
        Just("{{ schedule.review.start | weekday }}".to_string()),
        Just("{{ rules.eligibility }}".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("# ".to_string()),
        Just("#### ".to_string()),
        Just("1. ".to_string()),
        Just("- ".to_string()),
        Just(" | ".to_string()),
        Just("2月30日（周四）".to_string()),
        Just("<b>".to_string()),
        Just("`".to_string()),
        "[一-龥，。（）“”、0-9a-z.|{}#*_ ]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    DuplicateLine(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (
            any::<usize>(),
            prop_oneof![
                Just(": ".to_string()),
                Just("\n  - ".to_string()),
                Just("&a [*a, *a]".to_string()),
                Just("*b".to_string()),
                Just("{".to_string()),
                Just("\t".to_string()),
                Just("2024-13-45 99:99".to_string()),
                Just("~".to_string()),
                Just("!!binary".to_string()),
                "[a-z_:\\-\\[\\]{}, \\n]{0,10}",
            ]
        )
            .prop_map(|(a, s)| Edit::Insert(a, s)),
        any::<usize>().prop_map(Edit::DuplicateLine),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let len = chars.len().max(1);
        match e {
            Edit::Delete(at, n) => {
                let a = at % len;
                let b = (a + n).min(chars.len());
                chars.drain(a.min(chars.len())..b);
            }
            Edit::Insert(at, s) => {
                let a = (at % len).min(chars.len());
                chars.splice(a..a, s.chars());
            }
            Edit::DuplicateLine(at) => {
                let s: String = chars.iter().collect();
                let lines: Vec<&str> = s.lines().collect();
                if !lines.is_empty() {
                    let k = at % lines.len();
                    let mut out: Vec<&str> = lines.clone();
                    out.insert(k, lines[k]);
                    chars = out.join("\n").chars().collect();
                }
            }
        }
    }
    chars.into_iter().collect()
}

const YAML_FILES: [&str; 6] = [
    "gazette.yaml",
    "content/2024/notice.yaml",
    "content/2024/schedule.yaml",
    "content/2024/categories.yaml",
    "content/2024/rules.yaml",
    "content/2024/calendar.yaml",
];

#[test]
fn random_edits_of_the_yaml_never_panic() {
    let site = common::example_2024_site();
    let originals: Vec<String> = YAML_FILES
        .iter()
        .map(|f| std::fs::read_to_string(site.path().join(f)).unwrap())
        .collect();
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(file in 0..YAML_FILES.len(), edits in prop::collection::vec(edit(), 1..6))| {
        let path = site.path().join(YAML_FILES[file]);
        std::fs::write(&path, apply(&originals[file], &edits)).unwrap();
        run(site.path());
        std::fs::write(&path, &originals[file]).unwrap();
    });
}

#[test]
fn random_markdown_never_panics() {
    let site = common::example_2024_site();
    let body = site.path().join("content/2024/notice.md");
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(pieces in prop::collection::vec(markdown_piece(), 0..40))| {
        std::fs::write(&body, pieces.concat()).unwrap();
        run(site.path());
    });
}
