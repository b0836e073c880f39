//! Bounded fuzzing of loading, checking and composing: random edits of the
//! example's YAML and random Markdown must give diagnostics, never a panic.
//! `GAZETTE_FUZZ_CASES` sets the number of cases per target (default 256).

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
    let site = crate::common::example_2024_site();
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
    let site = crate::common::example_2024_site();
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

/// A cell: text, references, escaped pipes, or nothing.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("{{ schedule.registration }}".to_string()),
        Just("{{ schedule | table }}".to_string()),
        Just("{{ rules.eligibility }}".to_string()),
        Just("\\|".to_string()),
        Just("**粗**".to_string()),
        "[一-龥，。0-9a-z{}|:\\-]{0,8}",
    ]
}

/// A pipe table, often malformed: ragged rows, odd delimiter rows, captions.
fn table() -> impl Strategy<Value = String> {
    let delim = prop_oneof![
        Just("---".to_string()),
        Just(":---:".to_string()),
        Just("--:".to_string()),
        Just(":-".to_string()),
        Just("x".to_string()),
    ];
    (
        prop::collection::vec(cell(), 0..5),
        prop::collection::vec(delim, 0..5),
        prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..6),
        prop_oneof![Just(""), Just(": 表题\n\n"), Just("：\n\n"), Just(": \n\n")],
        prop_oneof![Just(""), Just("\n\n: 表后题\n"), Just("\n# 标题\n")],
    )
        .prop_map(|(head, delims, rows, before, after)| {
            let row = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
            let mut t = String::from(before);
            t.push_str(&row(&head));
            t.push_str(&row(&delims));
            for r in &rows {
                t.push_str(&row(r));
            }
            t.push_str(after);
            t
        })
}

#[test]
fn random_tables_never_panic() {
    let site = crate::common::example_2024_site();
    let attachment = site.path().join("content/2024/attachment-1.md");
    let original = gazette::prepare(site.path()).unwrap().notices;
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let html_only = gazette::Outputs {
        html: true,
        pdf: false,
    };
    proptest!(config, |(tables in prop::collection::vec(table(), 1..4), sep in prop_oneof![Just("\n"), Just("\n\n")])| {
        std::fs::write(&attachment, tables.join(sep)).unwrap();
        run(site.path());
        // The web page renders, and the diff against the original compares, whatever the tables.
        if let Ok(r) = gazette::render_selected(site.path(), html_only) {
            assert!(r.files.iter().any(|f| f.path.ends_with("2024/notice.html")));
        }
        if let Ok(p) = gazette::prepare(site.path()) {
            let (a, b) = (&original[0].attachments[0].body, &p.notices[0].attachments[0].body);
            let _ = gazette::diff::compare_blocks("附件", a, b);
            let _ = gazette::diff::compare_blocks("附件", b, a);
        }
    });
}

#[test]
fn random_schedule_table_settings_never_panic() {
    let site = crate::common::example_2024_site();
    std::fs::write(
        site.path().join("content/2024/attachment-1.md"),
        "{{ schedule | table }}\n",
    )
    .unwrap();
    let sched = site.path().join("content/2024/schedule.yaml");
    let original = std::fs::read_to_string(&sched).unwrap();
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let column = prop_oneof![
        Just("number"),
        Just("time"),
        Just("name"),
        Just("by"),
        Just("x"),
        Just("")
    ];
    proptest!(config, |(cols in prop::collection::vec(column, 0..6), header in "[一-龥|{}:\\-\\\\ ]{0,6}", caption in prop::option::of("[一-龥|: ]{0,6}"))| {
        let mut yaml = format!("{original}\ntable:\n  columns: [{}]\n  headers: {{time: \"{}\"}}\n", cols.join(", "), header.replace('\\', "\\\\").replace('"', "\\\""));
        if let Some(c) = caption {
            yaml.push_str(&format!("  caption: \"{c}\"\n"));
        }
        std::fs::write(&sched, yaml).unwrap();
        run(site.path());
    });
}
