//! The changes as one self-contained web page (inline CSS, no scripts, no
//! network), for reading on screen or on paper before the notice is signed.
//! Every text from the content is escaped.

use crate::render::html::escape;
use std::fmt::Write;

use super::{Changes, DocPart, ItemChange, ItemKind, Labelled, Seg, TextChange};

const STYLE: &str = r#"
:root { color: #1a1a1a; background: #fff; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif; line-height: 1.7; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #444; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
.summary { color: #333; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #777; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tbody th { font-weight: normal; }
.id { color: #444; font-size: .85em; }
ins { background: #d7f5dd; color: #0a4a1a; text-decoration: underline; }
del { background: #fde2e1; color: #7a0c0c; text-decoration: line-through; }
.change { margin: .4rem 0 .9rem; padding: .3rem .7rem; border-left: 4px solid #888; }
.change.added { border-left-color: #1d7a35; }
.change.removed { border-left-color: #b3261e; }
.tag { font-size: .8em; font-weight: bold; border: 1px solid currentColor; border-radius: 3px; padding: 0 .3em; margin-right: .4em; }
.added .tag { color: #14592a; }
.removed .tag { color: #8c1d18; }
.changed .tag { color: #333; }
.section { color: #444; font-size: .9em; margin: 1rem 0 .2rem; }
.label { font-weight: bold; }
p { margin: .2rem 0; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  .change, tr { break-inside: avoid; }
  ins, del { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

struct Page {
    html: String,
    old: i32,
    new: i32,
}

impl Page {
    fn push(&mut self, s: &str) {
        self.html.push_str(s);
    }

    /// Both texts in one paragraph: deletions struck, insertions underlined.
    fn inline(&mut self, segs: &[Seg]) {
        let mut p = String::from("<p>");
        for s in segs {
            match s {
                Seg::Same(t) => p.push_str(&escape(t)),
                Seg::Del(t) => {
                    let _ = write!(p, "<del>{}</del>", escape(t));
                }
                Seg::Ins(t) => {
                    let _ = write!(p, "<ins>{}</ins>", escape(t));
                }
            }
        }
        p.push_str("</p>");
        self.push(&p);
    }

    /// One change in a box saying what it is in words (not by colour only).
    fn change(&mut self, label: Option<&str>, c: &TextChange) {
        let (class, tag) = match c {
            TextChange::Added(_) => ("added", format!("{}年新增", self.new)),
            TextChange::Removed(_) => ("removed", format!("{}年删除", self.new)),
            TextChange::Changed { .. } => ("changed", "修改".to_string()),
        };
        let _ = write!(
            self.html,
            "<div class=\"change {class}\"><p><span class=\"tag\">{}</span>{}</p>",
            escape(&tag),
            label
                .map(|l| format!("<span class=\"label\">{}</span>", escape(l)))
                .unwrap_or_default()
        );
        match c {
            TextChange::Added(t) => {
                let _ = write!(self.html, "<p><ins>{}</ins></p>", escape(t));
            }
            TextChange::Removed(t) => {
                let _ = write!(self.html, "<p><del>{}</del></p>", escape(t));
            }
            TextChange::Changed { segs, .. } => self.inline(segs),
        }
        self.push("</div>\n");
    }

    fn labelled(&mut self, l: &Labelled) {
        self.change(Some(&l.label), &l.change);
    }

    fn item(&mut self, it: &ItemChange) {
        let what = match it.kind {
            ItemKind::Added(_) => format!("（{}年新增）", self.new),
            ItemKind::Removed(_) => format!("（{}年删除）", self.new),
            ItemKind::Changed(_) => "（修改）".to_string(),
        };
        let _ = writeln!(
            self.html,
            "<h3>{}{} <span class=\"id\">{}</span></h3>",
            escape(&it.name),
            escape(&what),
            escape(&it.id)
        );
        match &it.kind {
            ItemKind::Added(lines) => {
                for l in lines {
                    self.change(None, &TextChange::Added(l.clone()));
                }
            }
            ItemKind::Removed(lines) => {
                for l in lines {
                    self.change(None, &TextChange::Removed(l.clone()));
                }
            }
            ItemKind::Changed(fields) => {
                for f in fields {
                    self.labelled(f);
                }
            }
        }
    }

    fn schedule(&mut self, c: &Changes) {
        let dash = "—";
        let _ = write!(
            self.html,
            "<table>\n<caption>{old}年与{new}年各阶段时间</caption>\n<thead><tr><th scope=\"col\">阶段</th><th scope=\"col\">{old}年</th><th scope=\"col\">{new}年</th></tr></thead>\n<tbody>\n",
            old = self.old,
            new = self.new
        );
        for p in &c.phases {
            let name = match &p.renamed {
                Some(TextChange::Changed { segs, .. }) => {
                    let mut s = String::new();
                    for g in segs {
                        match g {
                            Seg::Same(t) => s.push_str(&escape(t)),
                            Seg::Del(t) => s.push_str(&format!("<del>{}</del>", escape(t))),
                            Seg::Ins(t) => s.push_str(&format!("<ins>{}</ins>", escape(t))),
                        }
                    }
                    s
                }
                _ => escape(&p.name),
            };
            let cell = |t: &Option<String>, mark: &str| match t {
                Some(t) if mark.is_empty() => escape(t),
                Some(t) => format!("<{mark}>{}</{mark}>", escape(t)),
                None => dash.to_string(),
            };
            // A phase of one year only is marked as added or removed.
            let (old_mark, new_mark) = match (&p.old, &p.new) {
                (Some(_), None) => ("del", ""),
                (None, Some(_)) => ("", "ins"),
                _ => ("", ""),
            };
            let _ = writeln!(
                self.html,
                "<tr><th scope=\"row\">{name} <span class=\"id\">{}</span></th><td>{}</td><td>{}</td></tr>",
                escape(&p.id),
                cell(&p.old, old_mark),
                cell(&p.new, new_mark)
            );
        }
        self.push("</tbody>\n</table>\n");
    }

    /// One line counting each kind of change, so the reader knows what to look for.
    fn summary(&mut self, c: &Changes) {
        if c.is_empty() {
            let _ = writeln!(
                self.html,
                "<p class=\"summary\">{}年与{}年的通知没有差异。</p>",
                c.old_year, c.new_year
            );
            return;
        }
        let body: usize = c.parts.iter().map(|x| x.changes.len()).sum();
        let _ = writeln!(
            self.html,
            "<p class=\"summary\">以{}年为准，列出{}年的变化：文件信息{}项，日程{}项（时间变动{}项），报考类别{}项，规则{}项，正文及附件{}处。<del>删除线</del>为{}年文字，<ins>下划线</ins>为{}年文字。</p>",
            c.old_year,
            c.new_year,
            c.metadata.len(),
            c.phases.len(),
            c.moved().count(),
            c.categories.len(),
            c.rules.len(),
            body,
            c.old_year,
            c.new_year
        );
    }

    /// Categories or rule lists, under their heading; nothing when none changed.
    fn items(&mut self, heading: &str, items: &[ItemChange]) {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(self.html, "<section>\n<h2>{heading}</h2>");
        for it in items {
            self.item(it);
        }
        self.push("</section>\n");
    }

    /// The body or an attachment, its changes grouped under the heading they sit in.
    fn part(&mut self, part: &DocPart) {
        let _ = writeln!(
            self.html,
            "<section>\n<h2>{}</h2>\n<p class=\"summary\">{}处变化，{}段未变。</p>",
            escape(&part.title),
            part.changes.len(),
            part.unchanged
        );
        let mut section = None;
        for b in &part.changes {
            if section != Some(&b.section) {
                let shown = if b.section.is_empty() {
                    "（开头）"
                } else {
                    &b.section
                };
                let _ = writeln!(self.html, "<p class=\"section\">{}</p>", escape(shown));
                section = Some(&b.section);
            }
            self.change(None, &b.change);
        }
        self.push("</section>\n");
    }
}

/// The whole page.
pub fn render(c: &Changes) -> String {
    let title = format!("{}年与{}年通知的差异", c.old_year, c.new_year);
    let mut p = Page {
        html: String::new(),
        old: c.old_year,
        new: c.new_year,
    };
    let _ = write!(
        p.html,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{t}</h1>\n",
        t = escape(&title)
    );
    p.summary(c);
    if !c.phases.is_empty() {
        p.push("<section>\n<h2>日程安排</h2>\n");
        p.schedule(c);
        p.push("</section>\n");
    }
    if !c.metadata.is_empty() {
        p.push("<section>\n<h2>文件信息</h2>\n");
        for l in &c.metadata {
            p.labelled(l);
        }
        p.push("</section>\n");
    }
    p.items("报考类别", &c.categories);
    p.items("规则", &c.rules);
    for part in c.parts.iter().filter(|x| !x.changes.is_empty()) {
        p.part(part);
    }
    p.push("</main>\n</body>\n</html>\n");
    p.html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x&y')</script>"),
            "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;"
        );
    }
}
