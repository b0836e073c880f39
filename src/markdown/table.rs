//! GFM pipe tables: the cells as they are read, the caption paragraph
//! next to a table, and where the table was written.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use crate::doc::{Align, Block, Origin};
use crate::load::Source;

/// A table being read: its rows so far and the cell being filled.
#[derive(Default)]
pub(super) struct TableBuf {
    align: Vec<Align>,
    head: Vec<Vec<String>>,
    rows: Vec<Vec<String>>,
    in_head: bool,
    origin: Option<Origin>,
}

/// A paragraph `: 标题` (or `：标题`) right before or after a table is its caption.
pub(super) fn caption_text(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix(": ")
        .or_else(|| text.strip_prefix('：'))?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

fn align(a: &Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

impl TableBuf {
    pub(super) fn new(aligns: &[Alignment], origin: Option<Origin>) -> TableBuf {
        TableBuf {
            align: aligns.iter().map(align).collect(),
            origin,
            ..TableBuf::default()
        }
    }

    /// Take a head, row or cell event of this table; false for any other event.
    pub(super) fn cell_event(&mut self, event: &Event, text: &mut String) -> bool {
        match event {
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.head.push(Vec::new());
            }
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableRow) => self.rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => text.clear(),
            Event::End(TagEnd::TableCell) => {
                let row = if self.in_head {
                    self.head.last_mut()
                } else {
                    self.rows.last_mut()
                };
                if let Some(row) = row {
                    row.push(text.trim().to_string());
                }
                text.clear();
            }
            _ => return false,
        }
        true
    }

    fn into_block(self, caption: Option<String>) -> Block {
        // GFM pads short rows and drops extra cells; every row is as wide as the head.
        let width = self.align.len();
        let fit = |mut r: Vec<String>| {
            r.resize(width, String::new());
            r
        };
        Block::Table {
            caption,
            align: self.align,
            head: self.head.into_iter().map(fit).collect(),
            rows: self.rows.into_iter().map(fit).collect(),
            origin: self.origin,
        }
    }
}

/// A table, taking the caption paragraph right before it.
pub(super) fn push_table(blocks: &mut Vec<Block>, t: TableBuf) {
    let before = match blocks.last() {
        Some(Block::Paragraph { text }) => caption_text(text).map(str::to_string),
        _ => None,
    };
    if before.is_some() {
        blocks.pop();
    }
    blocks.push(t.into_block(before));
}

/// The position of `snippet` (a table's text) in the file as written, for
/// blocks reported on later: the first of its lines found there (a header
/// with a reference is found by its delimiter row), else the
/// `{{ schedule | table }}` that made it.
pub(super) fn origin(original: &Source, snippet: &str) -> Option<Origin> {
    let text = &original.text;
    let found = snippet.lines().enumerate().find_map(|(i, l)| {
        let l = l.trim();
        (!l.is_empty())
            .then(|| text.find(l))
            .flatten()
            .map(|at| (i, at))
    });
    let at = match found {
        Some((i, at)) => {
            // Back up to the table's first line.
            let mut start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            for _ in 0..i {
                start = text[..start.saturating_sub(1)]
                    .rfind('\n')
                    .map_or(0, |n| n + 1);
            }
            start
        }
        None => {
            let filter = text.find("| table")?;
            text[..filter].rfind("{{")?
        }
    };
    let (line, column) = crate::diag::line_col(text, at);
    Some(Origin {
        file: original.path.clone(),
        line,
        column,
        source_line: text
            .lines()
            .nth(line - 1)
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string(),
    })
}
