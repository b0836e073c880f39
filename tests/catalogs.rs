//! The two catalogs say the same things: the same messages, the same
//! placeholders, every message the code asks for present, none unused.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LANGS: [&str; 2] = ["en", "zh-CN"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each message id and attribute (`id.attr`) of a language, with the
/// variables it uses.
fn catalog(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for file in gazette::i18n::SOURCES {
        let path = root()
            .join("locales")
            .join(lang)
            .join(format!("{file}.ftl"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let resource = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
        for entry in resource.body {
            let Entry::Message(m) = entry else { continue };
            let id = m.id.name.to_string();
            if let Some(v) = &m.value {
                let fresh = out.insert(id.clone(), variables(v)).is_none();
                assert!(fresh, "{}: `{id}` twice", path.display());
            }
            for a in &m.attributes {
                out.insert(format!("{id}.{}", a.id.name), variables(&a.value));
            }
        }
    }
    out
}

fn variables(p: &Pattern<&str>) -> BTreeSet<String> {
    fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            InlineExpression::Placeable { expression } => expression_vars(expression, out),
            InlineExpression::FunctionReference { arguments, .. } => {
                arguments.positional.iter().for_each(|a| inline(a, out))
            }
            _ => {}
        }
    }
    fn expression_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern(&v.value, out);
                }
            }
        }
    }
    fn pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                expression_vars(expression, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    pattern(p, &mut out);
    out
}

fn rust_sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The ids the code names: the first string literal after `t!(`,
/// `diag!(<Severity>, ` and `text(`/`text_in(<lang>, `.
fn ids_in_code() -> BTreeMap<String, PathBuf> {
    let mut sources = Vec::new();
    rust_sources(&root().join("src"), &mut sources);
    let mut out = BTreeMap::new();
    for (path, text) in &sources {
        for opener in ["t!(", "diag!(", "text(", "text_in("] {
            for (at, _) in text.match_indices(opener) {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..at].trim_start().starts_with("//") {
                    continue;
                }
                let rest = &text[at + opener.len()..];
                let Some(q) = rest.find('"') else { continue };
                // Only a literal that comes before the call's first `)`.
                if rest[..q].contains(')') || rest[..q].contains('(') {
                    continue;
                }
                let literal = &rest[q + 1..];
                let Some(end) = literal.find('"') else {
                    continue;
                };
                let id = &literal[..end];
                if !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
                {
                    out.insert(id.to_string(), path.clone());
                }
            }
        }
    }
    for key in gazette::cli::help_keys() {
        out.insert(key, root().join("src/cli/help.rs"));
    }
    out
}

#[test]
fn both_languages_have_the_same_messages_and_placeholders() {
    let en = catalog("en");
    let zh = catalog("zh-CN");
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "missing from zh-CN: {only_en:?}");
    assert!(only_zh.is_empty(), "missing from en: {only_zh:?}");
    for (id, vars) in &en {
        assert_eq!(
            vars, &zh[id],
            "placeholders of `{id}` differ between en and zh-CN"
        );
    }
}

#[test]
fn every_message_the_code_names_exists() {
    let en = catalog("en");
    let missing: Vec<_> = ids_in_code()
        .into_iter()
        .filter(|(id, _)| !en.contains_key(id))
        .map(|(id, path)| format!("{id} ({})", path.display()))
        .collect();
    assert!(
        missing.is_empty(),
        "named in code but in no catalog: {missing:#?}"
    );
}

#[test]
fn no_catalog_message_is_unused() {
    let used = ids_in_code();
    let unused: Vec<_> = catalog("en")
        .into_keys()
        .filter(|id| {
            let message = id.split('.').next().unwrap_or(id);
            !used.contains_key(id) && !used.contains_key(message)
        })
        .collect();
    assert!(
        unused.is_empty(),
        "in the catalogs but never used: {unused:#?}"
    );
}

#[test]
fn catalog_files_are_the_same_in_every_language() {
    for lang in LANGS {
        let mut files: Vec<String> = std::fs::read_dir(root().join("locales").join(lang))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut expected: Vec<String> = gazette::i18n::SOURCES
            .iter()
            .map(|s| format!("{s}.ftl"))
            .collect();
        expected.sort();
        assert_eq!(
            files, expected,
            "locales/{lang}/ holds other files than the catalog list"
        );
    }
}

/// Every diagnostic has a code and a text in each language: none is made
/// from a message of its own outside `src/diag.rs` (no plain-string
/// constructor, no struct literal, no empty code).
#[test]
fn every_diagnostic_is_made_with_a_code() {
    let mut sources = Vec::new();
    rust_sources(&root().join("src"), &mut sources);
    let mut plain = Vec::new();
    for (path, text) in &sources {
        if path.ends_with("src/diag.rs") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let called = [
                "Diagnostic::error(",
                "Diagnostic::warning(",
                "Diagnostic::bare(",
                "code: \"\"",
            ]
            .iter()
            .any(|p| code.contains(p));
            // `Diagnostic::coded` outside the `diag!` macro could take an id
            // made at run time, which the catalog test cannot see.
            let coded = code.contains("Diagnostic::coded(") && !path.ends_with("src/i18n/mod.rs");
            // A struct literal: plain unless it updates another diagnostic
            // (`..d`, which keeps that one's code) without naming a code.
            let literal = code.trim_end().ends_with("Diagnostic {")
                && !code.contains("->")
                && !code.contains(" for ")
                && {
                    let body: Vec<&str> = text
                        .lines()
                        .skip(n + 1)
                        .map(str::trim_start)
                        .take_while(|l| !l.starts_with('}'))
                        .collect();
                    let fields = body.iter().any(|l| {
                        l.starts_with("..")
                            || l.split_once(':').is_some_and(|(f, _)| {
                                f.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                            })
                    });
                    let updates = body.iter().any(|l| l.starts_with(".."));
                    let names_code = body.iter().any(|l| l.starts_with("code:"));
                    fields && (!updates || names_code)
                };
            if called || coded || literal {
                plain.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        plain.is_empty(),
        "diagnostics made without a catalog code (use `diag!`): {plain:#?}"
    );
}
