//! What changed between two years' notices: moved dates, categories and
//! rules added, removed or reworded, and the body compared as composed (after
//! fact expansion, so a date coming from the schedule shows where it is used).
//!
//! Blocks are aligned with a Myers diff over their texts; inside a changed
//! pair the text is diffed token by token (one CJK character, or one run of
//! Latin letters and digits, so that 2023 → 2024 reads as one change).

pub mod html;
pub mod text;

use std::collections::BTreeSet;
use std::path::Path;

use similar::{capture_diff_slices, Algorithm, DiffTag, TextDiff};

use crate::diag::Diagnostics;
use crate::doc::{Block, Notice};
use crate::load::{Site, Year};
use crate::model::format::Show;
use crate::model::schedule::Resolved;
use crate::model::year::Category;

/// One run of an inline diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Same(String),
    Del(String),
    Ins(String),
}

/// A text present in one year, the other, or both (then with its inline diff).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextChange {
    Added(String),
    Removed(String),
    Changed {
        old: String,
        new: String,
        segs: Vec<Seg>,
    },
}

impl TextChange {
    /// None when both sides are the same (or both absent).
    pub fn between(old: Option<&str>, new: Option<&str>) -> Option<TextChange> {
        match (old, new) {
            (Some(o), Some(n)) if o == n => None,
            (Some(o), Some(n)) => Some(TextChange::Changed {
                old: o.to_string(),
                new: n.to_string(),
                segs: inline(o, n),
            }),
            (Some(o), None) => Some(TextChange::Removed(o.to_string())),
            (None, Some(n)) => Some(TextChange::Added(n.to_string())),
            (None, None) => None,
        }
    }
}

/// A labelled change, e.g. the 发文字号 or a category's `qualifies`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub label: String,
    pub change: TextChange,
}

/// A phase whose dates or name changed, or that exists in one year only.
/// The dates are written as the notice writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseChange {
    pub id: String,
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Set when the phase was renamed.
    pub renamed: Option<TextChange>,
}

/// A category or rule list added, removed, or changed field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    pub id: String,
    /// The category's name (or the rule list's id).
    pub name: String,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// With the item's texts, one line each.
    Added(Vec<String>),
    Removed(Vec<String>),
    Changed(Vec<Labelled>),
}

/// A change in the body or an attachment, under the heading it sits in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockChange {
    /// The nearest heading above, e.g. "二、报名工作流程 › （二）考生注册报名".
    pub section: String,
    pub change: TextChange,
}

/// The body or one attachment, compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPart {
    pub title: String,
    pub changes: Vec<BlockChange>,
    /// Blocks the same in both years.
    pub unchanged: usize,
}

/// Everything that differs between two years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    pub old_year: i32,
    pub new_year: i32,
    pub metadata: Vec<Labelled>,
    pub phases: Vec<PhaseChange>,
    pub categories: Vec<ItemChange>,
    pub rules: Vec<ItemChange>,
    pub parts: Vec<DocPart>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.metadata.is_empty()
            && self.phases.is_empty()
            && self.categories.is_empty()
            && self.rules.is_empty()
            && self.parts.iter().all(|p| p.changes.is_empty())
    }

    /// Phases present in both years whose dates differ.
    pub fn moved(&self) -> impl Iterator<Item = &PhaseChange> {
        self.phases
            .iter()
            .filter(|p| p.old.is_some() && p.new.is_some() && p.old != p.new)
    }
}

/// One year checked and composed.
pub struct Side<'a> {
    pub year: &'a Year,
    pub schedule: Vec<Resolved>,
    pub notice: Notice,
}

/// Load the site and check and compose the two years only (another year
/// being drafted does not stand in the way). Unknown years are a usage
/// error; content errors are returned as `gazette check` would print them.
pub fn load_pair(root: &Path, old: i32, new: i32) -> Result<(Site, Diagnostics), Diagnostics> {
    let site = crate::load::load(root)?;
    let present: Vec<String> = site.years.iter().map(|y| y.year.to_string()).collect();
    for y in [old, new] {
        if !site.years.iter().any(|s| s.year == y) {
            return Err(crate::diag!(
                Error,
                "diff-no-year",
                year = y,
                present = present.join(&crate::t!("data-list-separator")),
                example = example_pair(&present)
            )
            .io()
            .into());
        }
    }
    let mut warnings = site.warnings.clone();
    crate::check::site(&site, &mut warnings);
    Ok((site, warnings))
}

fn example_pair(present: &[String]) -> String {
    match present {
        [.., a, b] => format!("{a} {b}"),
        [a] => format!("{a} {a}"),
        [] => "2023 2024".to_string(),
    }
}

/// Check and compose one year of a loaded site.
pub fn side<'a>(site: &'a Site, year: i32, diags: &mut Diagnostics) -> Option<Side<'a>> {
    let y = site.years.iter().find(|y| y.year == year)?;
    let schedule = crate::check::check_year(y, diags)?;
    let notice = crate::compose::compose(site, y, &schedule, diags);
    Some(Side {
        year: y,
        schedule,
        notice,
    })
}

/// Compare two composed years.
pub fn compare(site: &Site, old: &Side, new: &Side) -> Changes {
    let style = site.config.dates;
    let phase_text = |r: &Resolved| r.text(style, Show::default());
    let mut phases = Vec::new();
    for p in &new.schedule {
        match old.schedule.iter().find(|o| o.id == p.id) {
            Some(o) => {
                let (a, b) = (phase_text(o), phase_text(p));
                let renamed = TextChange::between(Some(&o.name), Some(&p.name));
                if a != b || renamed.is_some() {
                    phases.push(PhaseChange {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        old: Some(a),
                        new: Some(b),
                        renamed,
                    });
                }
            }
            None => phases.push(PhaseChange {
                id: p.id.clone(),
                name: p.name.clone(),
                old: None,
                new: Some(phase_text(p)),
                renamed: None,
            }),
        }
    }
    for o in &old.schedule {
        if !new.schedule.iter().any(|p| p.id == o.id) {
            phases.push(PhaseChange {
                id: o.id.clone(),
                name: o.name.clone(),
                old: Some(phase_text(o)),
                new: None,
                renamed: None,
            });
        }
    }
    Changes {
        old_year: old.year.year,
        new_year: new.year.year,
        metadata: metadata(&old.notice, &new.notice),
        phases,
        categories: categories(&old.year.categories, &new.year.categories),
        rules: rules(old.year, new.year),
        parts: parts(&old.notice, &new.notice),
    }
}

fn metadata(a: &Notice, b: &Notice) -> Vec<Labelled> {
    let imprint = |n: &Notice, f: fn(&crate::doc::ImprintDoc) -> Option<String>| {
        n.imprint.as_ref().and_then(f)
    };
    let fields: Vec<(&str, Option<String>, Option<String>)> = vec![
        ("发文字号", Some(a.number.clone()), Some(b.number.clone())),
        ("标题", Some(a.title.clone()), Some(b.title.clone())),
        (
            "主送机关",
            Some(a.addressee.clone()),
            Some(b.addressee.clone()),
        ),
        ("署名", Some(a.signature.clone()), Some(b.signature.clone())),
        ("成文日期", Some(a.date.clone()), Some(b.date.clone())),
        ("附注", a.note.clone(), b.note.clone()),
        ("份号", a.copy_number.clone(), b.copy_number.clone()),
        ("密级", a.classification.clone(), b.classification.clone()),
        ("紧急程度", a.urgency.clone(), b.urgency.clone()),
        (
            "抄送",
            imprint(a, |i| i.copy_to.clone()),
            imprint(b, |i| i.copy_to.clone()),
        ),
        (
            "印发机关",
            imprint(a, |i| Some(i.issuer.clone())),
            imprint(b, |i| Some(i.issuer.clone())),
        ),
        (
            "印发日期",
            imprint(a, |i| Some(i.date.clone())),
            imprint(b, |i| Some(i.date.clone())),
        ),
    ];
    let mut out: Vec<Labelled> = fields
        .into_iter()
        .filter_map(|(label, o, n)| {
            TextChange::between(o.as_deref(), n.as_deref()).map(|change| Labelled {
                label: label.to_string(),
                change,
            })
        })
        .collect();
    // Attachments by position: 附件1 of one year against 附件1 of the other.
    for i in 0..a.attachments.len().max(b.attachments.len()) {
        let title = |n: &Notice| n.attachments.get(i).map(|x| x.title.clone());
        if let Some(change) = TextChange::between(title(a).as_deref(), title(b).as_deref()) {
            out.push(Labelled {
                label: format!("附件{}标题", i + 1),
                change,
            });
        }
    }
    out
}

fn category_fields(c: &Category) -> Vec<(String, String)> {
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    let mut f = vec![
        ("名称".to_string(), c.name.clone()),
        ("免试类别".to_string(), yes(c.exempt)),
        ("报考条件".to_string(), c.qualifies.clone()),
    ];
    if let Some(p) = &c.part_of {
        f.push(("所属计划".to_string(), p.clone()));
    }
    for (i, m) in c.materials.iter().enumerate() {
        f.push((format!("材料{}", i + 1), m.clone()));
    }
    if let Some(r) = &c.reviewer {
        f.push(("审核分工".to_string(), r.clone()));
    }
    f.push(("公示".to_string(), yes(c.publicised)));
    f
}

/// Field by field, matched by label; a field missing on one side is added or removed.
fn field_changes(old: &[(String, String)], new: &[(String, String)]) -> Vec<Labelled> {
    let get =
        |v: &[(String, String)], k: &str| v.iter().find(|(l, _)| l == k).map(|(_, t)| t.clone());
    let mut labels: Vec<&String> = new.iter().map(|(l, _)| l).collect();
    labels.extend(old.iter().map(|(l, _)| l).filter(|l| get(new, l).is_none()));
    labels
        .into_iter()
        .filter_map(|l| {
            TextChange::between(get(old, l).as_deref(), get(new, l).as_deref()).map(|change| {
                Labelled {
                    label: l.clone(),
                    change,
                }
            })
        })
        .collect()
}

fn categories(old: &[Category], new: &[Category]) -> Vec<ItemChange> {
    let texts = |c: &Category| {
        category_fields(c)
            .into_iter()
            .map(|(l, t)| format!("{l}：{t}"))
            .collect()
    };
    let mut out = Vec::new();
    for c in new {
        let kind = match old.iter().find(|o| o.id == c.id) {
            None => ItemKind::Added(texts(c)),
            Some(o) => {
                let f = field_changes(&category_fields(o), &category_fields(c));
                if f.is_empty() {
                    continue;
                }
                ItemKind::Changed(f)
            }
        };
        out.push(ItemChange {
            id: c.id.clone(),
            name: c.name.clone(),
            kind,
        });
    }
    for o in old.iter().filter(|o| !new.iter().any(|c| c.id == o.id)) {
        out.push(ItemChange {
            id: o.id.clone(),
            name: o.name.clone(),
            kind: ItemKind::Removed(texts(o)),
        });
    }
    out
}

fn rules(old: &Year, new: &Year) -> Vec<ItemChange> {
    let ids: BTreeSet<&String> = old.rules.keys().chain(new.rules.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let kind = match (old.rules.get(id), new.rules.get(id)) {
            (None, Some(n)) => ItemKind::Added(n.clone()),
            (Some(o), None) => ItemKind::Removed(o.clone()),
            (Some(o), Some(n)) => {
                let changes: Vec<Labelled> = align(o, n, |s| s.as_str())
                    .into_iter()
                    .map(|(i, change)| Labelled {
                        label: format!("第{}条", i + 1),
                        change,
                    })
                    .collect();
                if changes.is_empty() {
                    continue;
                }
                ItemKind::Changed(changes)
            }
            (None, None) => continue,
        };
        out.push(ItemChange {
            id: id.clone(),
            name: id.clone(),
            kind,
        });
    }
    out
}

/// How alike two texts are, from 0 to 1, by characters.
fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::from_chars(a, b).ratio()
}

/// Texts this alike are taken as one text reworded, not one removed and another added.
const REWORDED: f32 = 0.5;

/// Align two sequences by their keys (Myers), then pair the replaced runs
/// in order where they are alike enough. Each change carries the index of
/// the item in its own year (the new one, or the old one when removed).
pub fn align<T>(old: &[T], new: &[T], key: impl Fn(&T) -> &str) -> Vec<(usize, TextChange)> {
    let ok: Vec<&str> = old.iter().map(&key).collect();
    let nk: Vec<&str> = new.iter().map(&key).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {}
            DiffTag::Delete => out.extend(o.map(|i| (i, TextChange::Removed(ok[i].into())))),
            DiffTag::Insert => out.extend(n.map(|j| (j, TextChange::Added(nk[j].into())))),
            DiffTag::Replace => {
                let mut j = n.start;
                for i in o {
                    // The next new text alike enough; those skipped are additions.
                    let hit = (j..n.end).find(|&k| similarity(ok[i], nk[k]) >= REWORDED);
                    match hit {
                        Some(k) => {
                            out.extend((j..k).map(|x| (x, TextChange::Added(nk[x].into()))));
                            out.push((
                                k,
                                TextChange::Changed {
                                    old: ok[i].into(),
                                    new: nk[k].into(),
                                    segs: inline(ok[i], nk[k]),
                                },
                            ));
                            j = k + 1;
                        }
                        None => out.push((i, TextChange::Removed(ok[i].into()))),
                    }
                }
                out.extend((j..n.end).map(|x| (x, TextChange::Added(nk[x].into()))));
            }
        }
    }
    out
}

/// The text a block is aligned by: headings and items without their
/// numbers, so that one section added does not mark every later one changed.
fn block_key(b: &Block) -> &str {
    match b {
        Block::Heading { text, .. } | Block::Paragraph { text } | Block::Item { text, .. } => text,
        Block::Table { caption, .. } => caption.as_deref().unwrap_or(""),
    }
}

/// Between the cells of a table row as the diff shows it.
pub const CELL_SEP: &str = " ｜ ";

/// A block, or one row of a table, as the diff aligns it.
struct Unit {
    key: String,
    /// The text shown when the unit is added or removed.
    shown: String,
    section: String,
    /// The column headers, for a table row: its changes are shown cell by cell.
    headers: Option<Vec<String>>,
}

/// The heading path above each block, e.g. "二、报名工作流程 › （二）考生注册报名".
fn sections(blocks: &[Block]) -> Vec<String> {
    let mut path: Vec<(u8, String)> = Vec::new();
    blocks
        .iter()
        .map(|b| {
            if let Block::Heading {
                level,
                number,
                text,
                ..
            } = b
            {
                path.retain(|(l, _)| l < level);
                path.push((*level, format!("{number}{text}")));
            }
            path.iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join(" › ")
        })
        .collect()
}

/// Blocks as units: a table becomes one unit per row, so that a row added
/// or a cell changed is shown as itself.
fn units(blocks: &[Block]) -> Vec<Unit> {
    let mut out = Vec::new();
    for (b, section) in blocks.iter().zip(sections(blocks)) {
        let Block::Table {
            caption,
            head,
            rows,
            ..
        } = b
        else {
            let shown = match b {
                Block::Heading { number, text, .. } => format!("{number}{text}"),
                other => block_key(other).to_string(),
            };
            out.push(Unit {
                key: block_key(b).to_string(),
                shown,
                section,
                headers: None,
            });
            continue;
        };
        let name = caption.as_deref().unwrap_or("表格");
        let within = |what: String| match section.as_str() {
            "" => format!("{name} › {what}"),
            s => format!("{s} › {name} › {what}"),
        };
        let headers = head.last().cloned().unwrap_or_default();
        for r in head {
            out.push(Unit {
                key: r.join(CELL_SEP),
                shown: r.join(CELL_SEP),
                section: within("表头".into()),
                headers: Some(vec!["表头".into(); r.len()]),
            });
        }
        for (i, r) in rows.iter().enumerate() {
            out.push(Unit {
                key: r.join(CELL_SEP),
                shown: r.join(CELL_SEP),
                section: within(format!("第{}行", i + 1)),
                headers: Some(headers.clone()),
            });
        }
    }
    out
}

/// A changed table row, cell by cell (when both years have as many cells).
fn cell_changes(
    section: &str,
    headers: &[String],
    old: &str,
    new: &str,
) -> Option<Vec<BlockChange>> {
    let (o, n): (Vec<&str>, Vec<&str>) =
        (old.split(CELL_SEP).collect(), new.split(CELL_SEP).collect());
    if o.len() != n.len() || n.len() != headers.len() {
        return None;
    }
    Some(
        o.iter()
            .zip(&n)
            .zip(headers)
            .filter_map(|((a, b), h)| {
                TextChange::between(Some(a), Some(b)).map(|change| BlockChange {
                    section: format!("{section} · {h}"),
                    change,
                })
            })
            .collect(),
    )
}

/// The body or an attachment, block by block (a table row by row, cell by cell).
pub fn compare_blocks(title: &str, old: &[Block], new: &[Block]) -> DocPart {
    let (old, new) = (units(old), units(new));
    let aligned = align(&old, &new, |u| u.key.as_str());
    let changed_new: BTreeSet<usize> = aligned
        .iter()
        .filter(|(_, c)| !matches!(c, TextChange::Removed(_)))
        .map(|(i, _)| *i)
        .collect();
    let mut changes = Vec::new();
    for (i, change) in aligned {
        let (unit, change) = match change {
            TextChange::Removed(_) => (&old[i], TextChange::Removed(old[i].shown.clone())),
            TextChange::Added(_) => (&new[i], TextChange::Added(new[i].shown.clone())),
            c => (&new[i], c),
        };
        if let (Some(h), TextChange::Changed { old: o, new: n, .. }) = (&unit.headers, &change) {
            if let Some(cells) = cell_changes(&unit.section, h, o, n) {
                changes.extend(cells);
                continue;
            }
        }
        changes.push(BlockChange {
            section: unit.section.clone(),
            change,
        });
    }
    DocPart {
        title: title.to_string(),
        changes,
        unchanged: new.len() - changed_new.len(),
    }
}

fn parts(a: &Notice, b: &Notice) -> Vec<DocPart> {
    let mut out = vec![compare_blocks("正文", &a.body, &b.body)];
    for i in 0..a.attachments.len().max(b.attachments.len()) {
        fn blocks(n: &Notice, i: usize) -> &[Block] {
            n.attachments.get(i).map_or(&[][..], |x| &x.body[..])
        }
        out.push(compare_blocks(
            &format!("附件{}", i + 1),
            blocks(a, i),
            blocks(b, i),
        ));
    }
    out
}

/// Tokens for the inline diff: a run of ASCII letters and digits is one
/// token (2023 against 2024 is one change, not "202[3→4]"), any other
/// character is a token of its own, since Chinese has no spaces.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_alphanumeric() {
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_ascii_alphanumeric() {
                    break;
                }
                chars.next();
            }
        }
        let end = chars.peek().map_or(s.len(), |&(j, _)| j);
        out.push(&s[i..end]);
    }
    out
}

/// The inline diff of two texts, as runs of kept, deleted and inserted text.
/// A single kept token between two changes is folded into them, so that
/// "1月20日" against "2月13日" reads as whole words changed, not a patchwork.
pub fn inline(old: &str, new: &str) -> Vec<Seg> {
    let (a, b) = (tokens(old), tokens(new));
    let mut raw: Vec<Seg> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, o, n) = op.as_tag_tuple();
        let old_text = a[o].concat();
        let new_text = b[n].concat();
        match tag {
            DiffTag::Equal => raw.push(Seg::Same(old_text)),
            DiffTag::Delete => raw.push(Seg::Del(old_text)),
            DiffTag::Insert => raw.push(Seg::Ins(new_text)),
            DiffTag::Replace => {
                raw.push(Seg::Del(old_text));
                raw.push(Seg::Ins(new_text));
            }
        }
    }
    group(raw)
}

/// Merge runs into: kept text, then at most one deletion and one insertion.
fn group(raw: Vec<Seg>) -> Vec<Seg> {
    let changed = |s: &Seg| !matches!(s, Seg::Same(_));
    let mut out: Vec<Seg> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<Seg>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Seg::Del(std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(Seg::Ins(std::mem::take(ins)));
        }
    };
    for (i, s) in raw.iter().enumerate() {
        match s {
            Seg::Del(t) => del.push_str(t),
            Seg::Ins(t) => ins.push_str(t),
            Seg::Same(t) => {
                let between = i > 0
                    && raw.get(i - 1).is_some_and(changed)
                    && raw.get(i + 1).is_some_and(changed);
                if between && t.chars().count() == 1 {
                    del.push_str(t);
                    ins.push_str(t);
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    out.push(Seg::Same(t.clone()));
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block::Paragraph { text: t.into() }
    }

    fn heading(n: &str, t: &str) -> Block {
        Block::Heading {
            level: 1,
            number: n.into(),
            text: t.into(),
            id: String::new(),
        }
    }

    #[test]
    fn inline_groups_numbers_and_single_characters() {
        // 2023 → 2024 is one token, and the lone 年 and 月 kept between
        // changes fold in: the date reads as one change.
        let segs = inline("2023年2月13日8时", "2024年1月20日8时");
        assert_eq!(
            segs,
            vec![
                Seg::Del("2023年2月13".into()),
                Seg::Ins("2024年1月20".into()),
                Seg::Same("日8时".into()),
            ]
        );
        // Two kept characters are kept.
        assert_eq!(
            inline("2023年考试", "2024年考试"),
            vec![
                Seg::Del("2023".into()),
                Seg::Ins("2024".into()),
                Seg::Same("年考试".into()),
            ]
        );
    }

    #[test]
    fn inline_chinese_insertion() {
        let segs = inline("自行下载并打印准考证", "自行下载并用A4纸打印准考证");
        assert_eq!(
            segs,
            vec![
                Seg::Same("自行下载并".into()),
                Seg::Ins("用A4纸".into()),
                Seg::Same("打印准考证".into()),
            ]
        );
    }

    #[test]
    fn an_inserted_block_keeps_the_rest_aligned() {
        let old = [para("甲乙丙"), para("丁戊己"), para("庚辛壬")];
        let new = [
            para("甲乙丙"),
            para("新的一段"),
            para("丁戊己"),
            para("庚辛壬"),
        ];
        let part = compare_blocks("正文", &old, &new);
        assert_eq!(part.unchanged, 3);
        assert_eq!(part.changes.len(), 1);
        assert_eq!(part.changes[0].change, TextChange::Added("新的一段".into()));
    }

    #[test]
    fn a_reworded_block_is_paired_and_an_unlike_one_is_not() {
        let old = [
            para("考生须妥善保管准考证。"),
            para("完全不同的旧内容"),
            para("结尾"),
        ];
        let new = [
            para("考生须妥善保管准考证，不得涂改。"),
            para("另有一段新写的话"),
            para("结尾"),
        ];
        let part = compare_blocks("正文", &old, &new);
        let kinds: Vec<&str> = part
            .changes
            .iter()
            .map(|c| match c.change {
                TextChange::Added(_) => "added",
                TextChange::Removed(_) => "removed",
                TextChange::Changed { .. } => "changed",
            })
            .collect();
        assert_eq!(kinds, ["changed", "removed", "added"]);
        assert_eq!(part.unchanged, 1);
    }

    #[test]
    fn renumbered_headings_are_not_changes_and_sections_are_named() {
        let old = [
            heading("一、", "报名"),
            para("甲"),
            heading("二、", "考试"),
            para("乙"),
        ];
        let new = [
            heading("一、", "新增"),
            heading("二、", "报名"),
            para("甲"),
            heading("三、", "考试"),
            para("乙丙丁"),
        ];
        let part = compare_blocks("正文", &old, &new);
        assert_eq!(part.changes.len(), 2, "{:?}", part.changes);
        assert_eq!(part.changes[0].change, TextChange::Added("一、新增".into()));
        assert_eq!(part.changes[1].section, "三、考试");
        assert!(matches!(part.changes[1].change, TextChange::Changed { .. }));
    }

    fn table(rows: &[[&str; 2]]) -> Block {
        Block::Table {
            caption: Some("日程".into()),
            align: vec![crate::doc::Align::None; 2],
            head: vec![vec!["时间".into(), "工作内容".into()]],
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            origin: None,
        }
    }

    #[test]
    fn table_changes_are_shown_cell_by_cell() {
        let old = [table(&[["1月5日", "报名"], ["2月1日", "审核"]])];
        let new = [table(&[
            ["1月6日", "报名"],
            ["2月1日", "审核"],
            ["3月1日", "缴费"],
        ])];
        let part = compare_blocks("附件", &old, &new);
        assert_eq!(part.changes.len(), 2, "{:?}", part.changes);
        assert_eq!(part.changes[0].section, "日程 › 第1行 · 时间");
        assert!(matches!(part.changes[0].change, TextChange::Changed { .. }));
        assert_eq!(part.changes[1].section, "日程 › 第3行");
        assert_eq!(
            part.changes[1].change,
            TextChange::Added("3月1日 ｜ 缴费".into())
        );
        assert_eq!(part.unchanged, 2);
    }

    #[test]
    fn identical_sequences_have_no_changes() {
        let blocks = [heading("一、", "报名"), para("甲")];
        let part = compare_blocks("正文", &blocks, &blocks);
        assert!(part.changes.is_empty());
        assert_eq!(part.unchanged, 2);
    }
}
