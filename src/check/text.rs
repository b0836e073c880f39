//! Text that would print wrongly: invisible control characters, template
//! syntax in the body, and texts left empty.

use crate::diag::Diagnostics;
use crate::load::{Source, Year};

/// `{% … %}` and `{# … #}` in a body are not references: they would be
/// printed as they stand in the official notice.
pub fn template_syntax(src: &Source, diags: &mut Diagnostics) {
    for open in ["{%", "{#"] {
        for (at, _) in src.text.match_indices(open) {
            let d = if open == "{%" {
                crate::diag!(Error, "template-tag-in-body")
            } else {
                crate::diag!(Error, "template-comment-in-body")
            };
            diags.push(d.in_file(&src.path).at_offset(&src.text, at));
        }
    }
}

/// Lines whose `key:` (or list item, when `key` is None) holds an empty
/// text: `title: ""`, `- ''`. Byte offsets of the key or the dash.
fn empty_values(text: &str, key: Option<&str>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.split(" #").next().unwrap_or("").trim_end();
        let trimmed = body.trim_start();
        let indent = body.len() - trimmed.len();
        let (item, rest) = match trimmed.strip_prefix("- ") {
            Some(r) => (true, r.trim_start()),
            None => (false, trimmed),
        };
        let value = match key {
            Some(k) => rest.strip_prefix(k).and_then(|r| r.strip_prefix(':')),
            None if item => Some(rest),
            None => None,
        };
        if let Some(v) = value.map(str::trim) {
            if matches!(v, "\"\"" | "''") || (key.is_none() && v.is_empty()) {
                let lead = if key.is_some() && item {
                    trimmed.len() - rest.len()
                } else {
                    0
                };
                out.push(offset + indent + lead);
            }
        }
        offset += line.len();
    }
    out
}

/// Required texts must not be empty: each is reported at its key.
pub fn empty_texts(year: &Year, diags: &mut Diagnostics) {
    let m = &year.meta;
    let mut found: Vec<(&'static str, &'static str, &str)> =
        vec![("notice.yaml", "title", &m.title)];
    found.extend(m.addressees.iter().map(|a| ("notice.yaml", "", a.as_str())));
    found.extend(
        m.signature
            .iter()
            .map(|s| ("notice.yaml", "signature", s.as_str())),
    );
    found.extend(m.note.iter().map(|s| ("notice.yaml", "note", s.as_str())));
    found.extend(
        m.attachments
            .iter()
            .map(|a| ("notice.yaml", "title", a.title.as_str())),
    );
    if let Some(im) = &m.imprint {
        found.push(("notice.yaml", "issuer", &im.issuer));
        found.extend(im.copy_to.iter().map(|c| ("notice.yaml", "", c.as_str())));
    }
    for p in &year.phases {
        found.push(("schedule.yaml", "name", &p.name));
        found.extend(p.by.iter().map(|b| ("schedule.yaml", "by", b.as_str())));
    }
    for c in &year.categories {
        found.push(("categories.yaml", "name", &c.name));
        found.push(("categories.yaml", "qualifies", &c.qualifies));
        found.extend(
            c.reviewer
                .iter()
                .map(|r| ("categories.yaml", "reviewer", r.as_str())),
        );
        found.extend(
            c.materials
                .iter()
                .map(|r| ("categories.yaml", "", r.as_str())),
        );
    }
    for items in year.rules.values() {
        found.extend(items.iter().map(|r| ("rules.yaml", "", r.as_str())));
    }
    // Each empty one is matched, in order, to the next empty line of its key.
    let mut used: Vec<(&str, &str, usize)> = Vec::new();
    for (file, key, value) in found {
        if !value.trim().is_empty() {
            continue;
        }
        let Some(src) = year.sources.get(file) else {
            continue;
        };
        let n = used
            .iter()
            .filter(|(f, k, _)| *f == file && *k == key)
            .count();
        let spots = empty_values(&src.text, (!key.is_empty()).then_some(key));
        used.push((file, key, 0));
        let d = if key.is_empty() {
            crate::diag!(Error, "empty-list-item")
        } else {
            crate::diag!(Error, "empty-value", key = key)
        };
        let mut d = d.in_file(&src.path);
        if let Some(at) = spots.get(n).or(spots.last()) {
            d = d.at_offset(&src.text, *at);
        }
        diags.push(d);
    }
}

/// gazette.yaml's texts: the site title and the authority's name, header and code.
pub fn empty_config(
    config: &crate::model::config::SiteConfig,
    src: &Source,
    diags: &mut Diagnostics,
) {
    let a = &config.authority;
    let texts = [
        ("title", &config.site.title),
        ("name", &a.name),
        ("header", &a.header),
        ("code", &a.code),
    ];
    for (key, value) in texts {
        if !value.trim().is_empty() {
            continue;
        }
        let mut d = crate::diag!(Error, "empty-value", key = key).in_file(&src.path);
        if let Some(at) = empty_values(&src.text, Some(key)).first() {
            d = d.at_offset(&src.text, *at);
        }
        diags.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_are_found_at_their_key() {
        let t = "title: \"\"\nlist:\n  - ''\n  - x\nphases:\n  - name: ''\n";
        assert_eq!(empty_values(t, Some("title")), [0]);
        assert_eq!(empty_values(t, None), [18]);
        assert_eq!(empty_values(t, Some("name")), [41]);
    }
}
