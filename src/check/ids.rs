//! Ids: each must be writable in a reference (`{{ schedule.<id> }}`), and
//! an id named in another entry must exist.

use crate::diag::{did_you_mean, Diagnostics};
use crate::load::files::{find_key_value, locate};
use crate::load::{Source, Year};

/// Letters (any script), digits, `_` and `-`: what a reference path can hold.
pub fn referable(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn suggestion(id: &str) -> String {
    let s: String = id
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    s.trim_matches('_').to_string()
}

/// `what` (phase, category or rules) selects the noun of the message.
fn bad_id(what: &str, id: &str, src: &Source, key: &str, diags: &mut Diagnostics) {
    let example = suggestion(id);
    let mut d = crate::diag!(
        Error,
        "unreferable-id",
        what = what,
        id = id,
        example = &example
    );
    if example.is_empty() {
        d = d.hint(crate::t!("unreferable-id.hint-plain"));
    }
    // Where it is defined: the value of `id:`, or the rule list's key.
    let defined = match key {
        "" => src
            .text
            .find(&format!("{id}:"))
            .or_else(|| src.text.find(id)),
        k => src
            .text
            .match_indices(&format!("{k}: "))
            .map(|(i, m)| i + m.len())
            .find(|&i| {
                src.text[i..]
                    .trim_start_matches(['"', '\''])
                    .starts_with(id)
            }),
    };
    let d = match defined {
        Some(at) => d.in_file(&src.path).at_offset(&src.text, at),
        None => locate(d, src, id),
    };
    diags.push(d);
}

/// Every phase, category and rule-list id must be referable where it is defined.
pub fn unreferable(year: &Year, diags: &mut Diagnostics) {
    let sched = &year.sources["schedule.yaml"];
    let cats = &year.sources["categories.yaml"];
    let rules = &year.sources["rules.yaml"];
    for p in year.phases.iter().filter(|p| !referable(&p.id)) {
        bad_id("phase", &p.id, sched, "id", diags);
    }
    for c in year.categories.iter().filter(|c| !referable(&c.id)) {
        bad_id("category", &c.id, cats, "id", diags);
    }
    for k in year.rules.keys().filter(|k| !referable(k)) {
        bad_id("rules", k, rules, "", diags);
    }
}

/// `part_of:` names another category.
pub fn unknown_part_of(year: &Year, diags: &mut Diagnostics) {
    let src = &year.sources["categories.yaml"];
    let ids = || year.categories.iter().map(|c| c.id.as_str());
    for c in &year.categories {
        let Some(parent) = &c.part_of else { continue };
        if ids().any(|i| i == parent) {
            continue;
        }
        // The `part_of:` of this category, after its id.
        let from = src.text.find(&format!("id: {}", c.id)).unwrap_or(0);
        let at = find_key_value(&src.text[from..], "part_of").map(|i| i + from);
        let known = crate::load::files::listed(ids());
        let mut d = crate::diag!(
            Error,
            "part-of-unknown-category",
            category = &c.id,
            parent = parent,
            known = known
        )
        .in_file(&src.path);
        if let Some(at) = at {
            d = d.at_offset(&src.text, at);
        }
        if let Some(m) = did_you_mean(parent, ids()) {
            d = d.hint(m);
        }
        diags.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referable_ids() {
        assert!(referable("exempt_review"));
        assert!(referable("报名"));
        assert!(!referable("exempt review"));
        assert!(!referable("a.b"));
        assert!(!referable(""));
        assert_eq!(suggestion("exempt review"), "exempt_review");
    }
}
