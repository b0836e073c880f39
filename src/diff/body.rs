//! The body and attachments compared block by block, a table row by row.

use std::collections::BTreeSet;

use crate::doc::{Block, Notice};

use super::{align, BlockChange, DocPart, TextChange};

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

pub(super) fn parts(a: &Notice, b: &Notice) -> Vec<DocPart> {
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
