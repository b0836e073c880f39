//! A paper template that writes an invalid layout is reported where the
//! template says it, through the real binary.

use crate::common::*;

/// The example with its own `templates/receipt.yaml`, line `line` (1-based)
/// of the built-in one replaced by `with`.
fn site_with_receipt_line(line: usize, with: &str) -> tempfile::TempDir {
    let site = example_2024_site();
    let builtin = std::fs::read_to_string(repo().join("templates/receipt.yaml")).unwrap();
    let mut lines: Vec<&str> = builtin.lines().collect();
    lines[line - 1] = with;
    let dir = site.path().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("receipt.yaml"), lines.join("\n") + "\n").unwrap();
    site
}

fn line_of(needle: &str) -> usize {
    let builtin = std::fs::read_to_string(repo().join("templates/receipt.yaml")).unwrap();
    builtin
        .lines()
        .position(|l| l.contains(needle))
        .expect("the line is in the template")
        + 1
}

#[test]
fn an_invalid_layout_is_reported_at_the_template_line_and_column() {
    // A literal line of the template, below a multi-line comment and lines
    // with {{ values }}: the rendered layout's lines do not match the template's.
    let at = line_of("size: 18");
    let site = site_with_receipt_line(at, "    size: 18: big");
    let out = gazette(&["build", "--root", "."], site.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error: template `receipt.yaml` wrote a layout that is not valid for the blank receipt of 2024"
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!("--> templates/receipt.yaml:{at}:13\n")),
        "{err}"
    );
    assert!(
        err.contains("caused by: mapping values are not allowed in this context"),
        "{err}"
    );
    assert!(!site.path().join("output").exists());
}

#[test]
fn an_error_in_a_written_value_points_at_the_expression() {
    // The value is written without quotes: its `: ` breaks the YAML, and the
    // position is the `{{` that wrote it.
    let at = line_of("text: \"{{ authority }}\"");
    let site = site_with_receipt_line(at, "  - text: x{{ authority }}: y");
    let out = gazette(&["build", "--root", "."], site.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("--> templates/receipt.yaml:{at}:12\n")),
        "{err}"
    );
}
