//! The source stays readable by a stranger: no file over 500 lines, no
//! function over 80, and the top-level modules depend on each other without
//! a cycle (a stage never imports a later one).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 80;

fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

fn relative(path: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    path.strip_prefix(&src)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn no_file_is_over_500_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_FILE_LINES)
        .map(|(p, text)| format!("{} ({} lines)", relative(p), text.lines().count()))
        .collect();
    assert!(long.is_empty(), "split these files: {long:#?}");
}

/// A function runs from its `fn` line to the first line closing it at the
/// same indentation (rustfmt's layout).
fn long_functions(text: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let words = trimmed.split_whitespace();
        let mut is_fn = false;
        for w in words {
            match w {
                "pub" | "const" | "async" | "unsafe" | "extern" | "\"C\"" | "\"system\"" => {}
                w if w.starts_with("pub(") => {}
                "fn" => {
                    is_fn = true;
                    break;
                }
                _ => break,
            }
        }
        // A declaration, or a body opened and closed on its own line.
        let end = line.trim_end();
        if !is_fn || end.ends_with(';') || (end.ends_with('}') && end.contains('{')) {
            continue;
        }
        let name: String = trimmed
            .split("fn ")
            .nth(1)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        if let Some(end) = lines[i..].iter().position(|l| *l == close) {
            if end + 1 > MAX_FN_LINES {
                out.push((i + 1, name, end + 1));
            }
        }
    }
    out
}

#[test]
fn no_function_is_over_80_lines() {
    let mut long = Vec::new();
    for (path, text) in sources() {
        for (line, name, n) in long_functions(&text) {
            long.push(format!("{}:{line} {name} ({n} lines)", relative(&path)));
        }
    }
    assert!(long.is_empty(), "shorten these functions: {long:#?}");
}

#[test]
fn the_length_check_sees_a_long_function() {
    let body = "    let x = 1;\n".repeat(MAX_FN_LINES);
    let text = format!("pub fn long() {{\n{body}}}\n\nfn short() {{\n}}\n\n    fn empty(&self) {{}}\n{body}    }}\n");
    let found = long_functions(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "long");
}

/// The top-level module a `crate::x::…` path names, for each module's file.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let files = sources();
    let top = |p: &Path| -> String {
        let rel = relative(p);
        let first = rel
            .split('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_string();
        first
    };
    let modules: BTreeSet<String> = files.iter().map(|(p, _)| top(p)).collect();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let from = top(path);
        if from == "main" || from == "lib" {
            continue;
        }
        // Tests inside a module may reach anywhere.
        let text = text.split("#[cfg(test)]").next().unwrap_or(text);
        for (at, _) in text.match_indices("crate::") {
            // `$crate::` inside a macro is the caller's path, not an import.
            if text[..at].ends_with('$') {
                continue;
            }
            let rest = &text[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let names: Vec<String> = if name.is_empty() && rest.starts_with('{') {
                let group = &rest[1..rest.find('}').unwrap_or(rest.len())];
                group
                    .split(',')
                    .map(|s| s.trim().split("::").next().unwrap_or("").to_string())
                    .collect()
            } else {
                vec![name]
            };
            for n in names {
                if n != from && modules.contains(&n) && n != "lib" {
                    deps.entry(from.clone()).or_default().insert(n);
                }
            }
        }
    }
    deps
}

#[test]
fn modules_import_each_other_without_a_cycle() {
    let deps = dependencies();
    // Depth-first search for a back edge; report the cycle it closes.
    fn visit(
        m: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut cycle = path[i..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for d in deps.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, deps, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for m in deps.keys() {
        if let Some(cycle) = visit(m, &deps, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}
