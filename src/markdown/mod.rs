//! Markdown to blocks. The options are set here and nowhere else:
//! CommonMark with GFM pipe tables, since an official document has
//! headings, paragraphs, lists and tables but no links or inline styling.

mod table;

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::{circled_number, Block, HeadingCounter};
use crate::load::Source;
use table::{caption_text, origin, push_table, TableBuf};

/// The Markdown options of every body and attachment.
pub fn options() -> Options {
    Options::ENABLE_TABLES
}

/// Convert expanded Markdown (references already replaced) to numbered blocks.
/// `original` is the file as written, for positions in diagnostics.
/// Heading anchors get `id_prefix` so that attachments do not clash with the body.
pub fn to_blocks(
    expanded: &str,
    original: &Source,
    id_prefix: &str,
    diags: &mut Diagnostics,
) -> Vec<Block> {
    let mut walk = Walk {
        expanded,
        original,
        id_prefix,
        blocks: Vec::new(),
        counter: HeadingCounter::default(),
        text: String::new(),
        heading: None,
        lists: Vec::new(),
        in_item: 0,
        table: None,
        last_level: 0,
    };
    for (event, range) in Parser::new_ext(expanded, options()).into_offset_iter() {
        if let Some(t) = &mut walk.table {
            if t.cell_event(&event, &mut walk.text) {
                continue;
            }
        }
        walk.event(event, range, diags);
    }
    walk.blocks
}

/// What is known at one point of the walk over the parser's events.
struct Walk<'a> {
    expanded: &'a str,
    original: &'a Source,
    id_prefix: &'a str,
    blocks: Vec<Block>,
    counter: HeadingCounter,
    /// The text of the heading, paragraph or item being read.
    text: String,
    heading: Option<u8>,
    /// Item numbers of the open lists (None for bullet lists).
    lists: Vec<Option<u32>>,
    in_item: usize,
    table: Option<TableBuf>,
    last_level: u8,
}

impl Walk<'_> {
    fn event(&mut self, event: Event, range: Range<usize>, diags: &mut Diagnostics) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.start_heading(level, range, diags),
            Event::Start(Tag::Table(aligns)) => {
                let origin = origin(self.original, &self.expanded[range]);
                self.table = Some(TableBuf::new(&aligns, origin));
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = self.table.take() {
                    push_table(&mut self.blocks, t);
                }
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            // Paragraphs inside a list item belong to the item.
            Event::Start(Tag::Paragraph) if self.in_item == 0 => self.text.clear(),
            Event::End(TagEnd::Paragraph) if self.in_item == 0 => {
                push_paragraph(&mut self.blocks, self.text.trim().to_string());
                self.text.clear();
            }
            Event::Start(Tag::List(start)) => self.lists.push(start.map(|s| s as u32)),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.in_item += 1;
                self.text.clear();
            }
            Event::End(TagEnd::Item) => {
                self.in_item -= 1;
                let marker = next_marker(&mut self.lists);
                self.blocks.push(Block::Item {
                    marker,
                    text: self.text.trim().to_string(),
                });
                self.text.clear();
            }
            Event::Text(t) | Event::Code(t) => self.text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => self.line_break(range.end),
            Event::Html(html) | Event::InlineHtml(html) => {
                let d = crate::diag!(Warning, "html-in-body");
                diags.push(locate(d, self.original, html.trim()));
            }
            _ => {}
        }
    }

    /// Numbered headings go four levels deep: a deeper one is read as the fourth.
    fn start_heading(&mut self, level: HeadingLevel, range: Range<usize>, diags: &mut Diagnostics) {
        let n = heading_level(level);
        let snippet = &self.expanded[range];
        if n > 4 {
            let d = crate::diag!(Warning, "heading-too-deep");
            diags.push(locate(d, self.original, snippet));
        } else if let Some(d) = skipped_level(n, self.last_level) {
            diags.push(locate(d, self.original, snippet));
        }
        self.last_level = n.min(4);
        self.heading = Some(n.min(4));
        self.text.clear();
    }

    fn end_heading(&mut self) {
        let level = self.heading.take().unwrap_or(1);
        let (number, id) = self.counter.next(level);
        self.blocks.push(Block::Heading {
            level,
            number,
            text: strip_typed_number(self.text.trim()).to_string(),
            id: format!("{}{id}", self.id_prefix),
        });
        self.text.clear();
    }

    /// Chinese lines join without a space; Latin words keep one.
    fn line_break(&mut self, end: usize) {
        let next_ascii = self.expanded[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if self
            .text
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && next_ascii
        {
            self.text.push(' ');
        }
    }
}

/// Point at `snippet` (a piece of the expanded text) in the file as written;
/// references change offsets, so the text is searched for.
fn locate(d: Diagnostic, original: &Source, snippet: &str) -> Diagnostic {
    let d = d.in_file(&original.path);
    let first_line = snippet.lines().next().unwrap_or("").trim();
    match original
        .text
        .find(first_line)
        .filter(|_| !first_line.is_empty())
    {
        Some(at) => d.at_offset(&original.text, at),
        None => d,
    }
}

/// A heading more than one level below the one before it (or a first
/// heading below level 1) would be numbered under nothing.
fn skipped_level(n: u8, last: u8) -> Option<Diagnostic> {
    if n <= last + 1 {
        return None;
    }
    Some(crate::diag!(
        Error,
        "heading-level-skipped",
        level = n,
        previous = last,
        marks = "#".repeat(usize::from(last) + 1)
    ))
}

/// ① ② … for an item of a numbered list, ● for a bullet.
fn next_marker(lists: &mut [Option<u32>]) -> String {
    match lists.last_mut() {
        Some(Some(n)) => {
            let m = circled_number(*n);
            *n += 1;
            m
        }
        _ => "●".to_string(),
    }
}

/// A paragraph, or the caption of the table right before it when it is one.
fn push_paragraph(blocks: &mut Vec<Block>, para: String) {
    if let (Some(c), Some(Block::Table { caption, .. })) = (caption_text(&para), blocks.last_mut())
    {
        if caption.is_none() {
            *caption = Some(c.to_string());
            return;
        }
    }
    blocks.push(Block::Paragraph { text: para });
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Authors sometimes type "一、报名条件" although numbering is automatic;
/// drop such a typed number so it is not printed twice.
fn strip_typed_number(s: &str) -> &str {
    let cut = |s: &str, open: &str, close: &str| -> Option<usize> {
        let rest = s.strip_prefix(open)?;
        let end = rest.find(close)?;
        let num = &rest[..end];
        let numeric = !num.is_empty()
            && num
                .chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十〇".contains(c));
        numeric.then_some(open.len() + end + close.len())
    };
    let n = cut(s, "", "、")
        .or_else(|| cut(s, "（", "）"))
        .or_else(|| cut(s, "", "."));
    match n {
        Some(n) if n < s.len() => s[n..].trim_start(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Align;

    fn blocks(md: &str) -> Vec<Block> {
        let src = Source {
            path: "t.md".into(),
            text: md.into(),
        };
        to_blocks(md, &src, "", &mut Diagnostics::new())
    }

    #[test]
    fn headings_are_numbered() {
        let b = blocks("# 报名条件\n\n## 免试\n\n正文\n第二行\n\n# 二、流程\n");
        let heads: Vec<String> = b
            .iter()
            .filter_map(|b| match b {
                Block::Heading { number, text, .. } => Some(format!("{number}{text}")),
                _ => None,
            })
            .collect();
        assert_eq!(heads, ["一、报名条件", "（一）免试", "二、流程"]);
        assert!(b.contains(&Block::Paragraph {
            text: "正文第二行".into()
        }));
    }

    #[test]
    fn lists_become_circled_items() {
        let b = blocks("1. 甲\n2. 乙\n");
        assert_eq!(
            b,
            vec![
                Block::Item {
                    marker: "①".into(),
                    text: "甲".into()
                },
                Block::Item {
                    marker: "②".into(),
                    text: "乙".into()
                }
            ]
        );
    }

    #[test]
    fn typed_numbers_are_dropped() {
        assert_eq!(strip_typed_number("一、报名条件"), "报名条件");
        assert_eq!(strip_typed_number("（三）审核"), "审核");
        assert_eq!(strip_typed_number("2. 注册"), "注册");
        assert_eq!(strip_typed_number("2024年安排"), "2024年安排");
    }

    #[test]
    fn pipe_tables_become_table_blocks_with_captions() {
        let b = blocks(": 日程\n\n| 序号 | 时间 |\n|:-:|--:|\n| 1 | 1月 |\n| 2 |\n\n正文\n");
        assert_eq!(b.len(), 2, "{b:?}");
        let Block::Table {
            caption,
            align,
            head,
            rows,
            origin,
        } = &b[0]
        else {
            panic!("not a table: {b:?}");
        };
        assert_eq!(caption.as_deref(), Some("日程"));
        assert_eq!(align, &[Align::Center, Align::Right]);
        assert_eq!(head, &[vec!["序号".to_string(), "时间".to_string()]]);
        // A short row is padded to the table's width.
        assert_eq!(rows[1], ["2", ""]);
        assert_eq!(origin.as_ref().map(|o| (o.line, o.column)), Some((3, 1)));
    }

    #[test]
    fn a_caption_after_a_table_and_a_colon_paragraph_elsewhere() {
        let b = blocks("| a |\n|---|\n| 1 |\n\n：表后\n\n: 不是表题\n");
        assert!(matches!(&b[0], Block::Table { caption: Some(c), .. } if c == "表后"));
        assert_eq!(
            b[1],
            Block::Paragraph {
                text: ": 不是表题".into()
            }
        );
    }

    #[test]
    fn skipped_heading_levels_are_errors() {
        let src = Source {
            path: "t.md".into(),
            text: "# 一\n\n### 三\n\n## 二\n\n#### 四\n".into(),
        };
        let mut diags = Diagnostics::new();
        to_blocks(&src.text, &src, "", &mut diags);
        let lines: Vec<_> = diags.iter().map(|d| (d.line, d.code)).collect();
        assert_eq!(
            lines,
            [
                (Some(3), "heading-level-skipped"),
                (Some(7), "heading-level-skipped")
            ]
        );
        let en = crate::i18n::text_in(
            crate::i18n::Lang::En,
            "heading-level-skipped",
            &[("level", 3u8.into()), ("previous", 1u8.into())],
        );
        assert_eq!(
            en,
            "a level-3 heading follows a level-1 heading: levels must not be skipped"
        );
        let first = crate::i18n::text_in(
            crate::i18n::Lang::En,
            "heading-level-skipped",
            &[("level", 2u8.into()), ("previous", 0u8.into())],
        );
        assert_eq!(
            first,
            "a level-2 heading follows no heading: levels must not be skipped"
        );
    }
}
