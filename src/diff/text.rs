//! The changes as terminal text: sections with headings, `-` and `+`
//! lines; inline changes in red and green on a terminal, otherwise marked
//! `[-deleted-]` and `{+inserted+}` so that a pipe or a file keeps them.

use super::{BlockChange, Changes, DocPart, ItemChange, ItemKind, Labelled, Seg, TextChange};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const RED_MARK: &str = "\x1b[1;97;41m";
const GREEN_MARK: &str = "\x1b[1;97;42m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

struct Out {
    colour: bool,
    text: String,
}

impl Out {
    fn line(&mut self, indent: usize, s: &str) {
        self.text.push_str(&" ".repeat(indent));
        self.text.push_str(s);
        self.text.push('\n');
    }

    fn heading(&mut self, s: &str) {
        self.text.push('\n');
        if self.colour {
            self.line(0, &format!("{BOLD}## {s}{RESET}"));
        } else {
            self.line(0, &format!("## {s}"));
        }
    }

    fn paint(&self, colour: &str, s: &str) -> String {
        if self.colour {
            format!("{colour}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    fn removed(&mut self, indent: usize, s: &str) {
        let l = self.paint(RED, &format!("- {s}"));
        self.line(indent, &l);
    }

    fn added(&mut self, indent: usize, s: &str) {
        let l = self.paint(GREEN, &format!("+ {s}"));
        self.line(indent, &l);
    }

    /// The old text with its deletions marked, then the new with its insertions.
    fn changed(&mut self, indent: usize, segs: &[Seg]) {
        let (mut old, mut new) = (String::new(), String::new());
        for s in segs {
            match s {
                Seg::Same(t) => {
                    old.push_str(&self.paint(RED, t));
                    new.push_str(&self.paint(GREEN, t));
                }
                Seg::Del(t) if self.colour => old.push_str(&format!("{RED_MARK}{t}{RESET}")),
                Seg::Del(t) => old.push_str(&format!("[-{t}-]")),
                Seg::Ins(t) if self.colour => new.push_str(&format!("{GREEN_MARK}{t}{RESET}")),
                Seg::Ins(t) => new.push_str(&format!("{{+{t}+}}")),
            }
        }
        let (minus, plus) = (self.paint(RED, "- "), self.paint(GREEN, "+ "));
        self.line(indent, &format!("{minus}{old}"));
        self.line(indent, &format!("{plus}{new}"));
    }

    fn change(&mut self, indent: usize, c: &TextChange) {
        match c {
            TextChange::Added(t) => self.added(indent, t),
            TextChange::Removed(t) => self.removed(indent, t),
            TextChange::Changed { segs, .. } => self.changed(indent, segs),
        }
    }

    fn labelled(&mut self, indent: usize, l: &Labelled) {
        self.line(indent, &l.label);
        self.change(indent + 2, &l.change);
    }

    fn item(&mut self, it: &ItemChange) {
        let title = if it.name == it.id {
            it.id.clone()
        } else {
            crate::t!("diff-named", name = &it.name, id = &it.id)
        };
        match &it.kind {
            ItemKind::Added(lines) => {
                self.line(2, &crate::t!("diff-item-added", item = &title));
                for l in lines {
                    self.added(4, l);
                }
            }
            ItemKind::Removed(lines) => {
                self.line(2, &crate::t!("diff-item-removed", item = &title));
                for l in lines {
                    self.removed(4, l);
                }
            }
            ItemKind::Changed(fields) => {
                self.line(2, &crate::t!("diff-item-changed", item = &title));
                for f in fields {
                    self.labelled(4, f);
                }
            }
        }
    }

    /// The phases, each with its old and new dates; a renaming is shown too,
    /// since the same id under a new name is easy to miss.
    fn schedule(&mut self, c: &Changes) {
        self.heading(&crate::t!(
            "diff-schedule",
            moved = c.moved().count(),
            added = c.phases.iter().filter(|p| p.old.is_none()).count(),
            removed = c.phases.iter().filter(|p| p.new.is_none()).count(),
        ));
        for p in &c.phases {
            let item = crate::t!("diff-named", name = &p.name, id = &p.id);
            let line = match (&p.old, &p.new) {
                (None, _) => crate::t!("diff-item-added", item = &item),
                (_, None) => crate::t!("diff-item-removed", item = &item),
                _ => item,
            };
            self.line(2, &line);
            if let Some(r) = &p.renamed {
                self.line(4, &crate::t!("diff-renamed"));
                self.change(6, r);
            }
            match (&p.old, &p.new) {
                (Some(a), Some(b)) if a == b => {}
                (a, b) => {
                    if let Some(a) = a {
                        self.removed(4, a);
                    }
                    if let Some(b) = b {
                        self.added(4, b);
                    }
                }
            }
        }
    }

    /// Categories or rule lists, under their heading; nothing when none changed.
    fn items(&mut self, heading: &str, items: &[ItemChange]) {
        if items.is_empty() {
            return;
        }
        self.heading(heading);
        for it in items {
            self.item(it);
        }
    }

    /// The body or an attachment, its changes grouped under the heading they sit in.
    fn part(&mut self, part: &DocPart) {
        self.heading(&crate::t!(
            "diff-part",
            title = &part.title,
            changed = part.changes.len(),
            unchanged = part.unchanged
        ));
        let top = crate::t!("diff-top");
        let mut section = None;
        for BlockChange { section: s, change } in &part.changes {
            if section != Some(s) {
                self.line(2, &format!("@ {}", if s.is_empty() { &top } else { s }));
                section = Some(s);
            }
            self.change(4, change);
        }
    }
}

/// The whole report; `colour` for a terminal.
pub fn render(c: &Changes, colour: bool) -> String {
    let mut o = Out {
        colour,
        text: String::new(),
    };
    o.line(0, &format!("gazette diff {} {}", c.old_year, c.new_year));
    if c.is_empty() {
        let none = crate::t!("diff-none", old = c.old_year, new = c.new_year);
        o.line(0, &none);
        return o.text;
    }
    if !c.metadata.is_empty() {
        o.heading(&crate::t!("diff-document"));
        for l in &c.metadata {
            o.labelled(2, l);
        }
    }
    if !c.phases.is_empty() {
        o.schedule(c);
    }
    o.items(&crate::t!("diff-categories"), &c.categories);
    o.items(&crate::t!("diff-rules"), &c.rules);
    for part in c.parts.iter().filter(|p| !p.changes.is_empty()) {
        o.part(part);
    }
    o.text
}
