//! The notice as a document: the typed blocks that both the HTML and the
//! PDF renderers lay out. Heading numbers are assigned here, once, so the
//! two outputs always agree.

use serde::Serialize;

/// One rendered official document (通知) with everything resolved to text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Notice {
    pub year: i32,
    /// 份号 / 密级 / 紧急程度, when given.
    pub copy_number: Option<String>,
    pub classification: Option<String>,
    pub urgency: Option<String>,
    /// Red header text (发文机关标志).
    pub header: String,
    /// 发文字号, e.g. 湘教考成字〔2024〕1号.
    pub number: String,
    pub title: String,
    /// The title broken into balanced lines (the same on the page and in the PDF).
    pub title_lines: Vec<String>,
    /// 主送机关 line, ending with ：.
    pub addressee: String,
    pub body: Vec<Block>,
    /// 附件说明 lines: "1.title" (or just the title when there is one attachment).
    pub attachment_list: Vec<String>,
    pub signature: String,
    /// 成文日期 written out, e.g. 2024年1月5日.
    pub date: String,
    /// 成文日期 as 2024-01-05, for machines.
    pub date_iso: String,
    /// 附注 without its parentheses.
    pub note: Option<String>,
    pub attachments: Vec<AttachmentDoc>,
    pub imprint: Option<ImprintDoc>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AttachmentDoc {
    /// "附件1", or "附件" when there is only one.
    pub label: String,
    pub title: String,
    pub title_lines: Vec<String>,
    pub body: Vec<Block>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ImprintDoc {
    /// "抄送：A，B。" or None.
    pub copy_to: Option<String>,
    pub issuer: String,
    /// "2024年1月10日印发".
    pub date: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// Level 1 to 4; `number` is 一、 / （一） / 1. / （1）.
    Heading {
        level: u8,
        number: String,
        text: String,
        /// Anchor id for the web page, e.g. "s2-1".
        id: String,
    },
    Paragraph {
        text: String,
    },
    /// A list item; `marker` is ① ② … for lists, or empty.
    Item {
        marker: String,
        text: String,
    },
    /// A table: header rows, body rows (every row as wide as the widest),
    /// each column's alignment, and a caption when one is written.
    Table {
        caption: Option<String>,
        align: Vec<Align>,
        head: Vec<Vec<String>>,
        rows: Vec<Vec<String>>,
        /// Where the table is written, for diagnostics of later stages.
        #[serde(skip)]
        origin: Option<Origin>,
    },
}

/// A column's alignment as the Markdown delimiter row gives it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// A position in a content file, kept on blocks that later stages report on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: std::path::PathBuf,
    pub line: usize,
    pub column: usize,
    pub source_line: String,
}

impl Origin {
    /// Point `d` at this position.
    pub fn locate(&self, d: crate::diag::Diagnostic) -> crate::diag::Diagnostic {
        let mut d = d.in_file(&self.file);
        d.line = Some(self.line);
        d.column = Some(self.column);
        d.source_line = Some(self.source_line.clone());
        d
    }
}

const CN_DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九.
pub fn chinese_number(n: u32) -> String {
    match n {
        0..=9 => CN_DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                CN_DIGITS[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            CN_DIGITS[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                CN_DIGITS[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// ①…⑳, then (21) and so on.
pub fn circled_number(n: u32) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from),
        _ => format!("({n})"),
    }
}

/// Sequential numbering per level, reset under each parent heading.
#[derive(Debug, Default)]
pub struct HeadingCounter {
    counts: [u32; 4],
}

impl HeadingCounter {
    /// The number text for the next heading of `level` (1 to 4).
    pub fn next(&mut self, level: u8) -> (String, String) {
        let i = (level.clamp(1, 4) - 1) as usize;
        self.counts[i] += 1;
        for c in &mut self.counts[i + 1..] {
            *c = 0;
        }
        let n = self.counts[i];
        let number = match i {
            0 => format!("{}、", chinese_number(n)),
            1 => format!("（{}）", chinese_number(n)),
            2 => format!("{n}."),
            _ => format!("（{n}）"),
        };
        let id = self.counts[..=i]
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join("-");
        (number, format!("s{id}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99].map(chinese_number).to_vec();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十一", "九十九"]);
    }

    #[test]
    fn numbering_resets_under_parent() {
        let mut c = HeadingCounter::default();
        let seq: Vec<String> = [1, 2, 2, 3, 4, 3, 1, 2, 3]
            .iter()
            .map(|l| c.next(*l).0)
            .collect();
        assert_eq!(
            seq,
            [
                "一、",
                "（一）",
                "（二）",
                "1.",
                "（1）",
                "2.",
                "二、",
                "（一）",
                "1."
            ]
        );
    }

    #[test]
    fn circled() {
        assert_eq!(circled_number(1), "①");
        assert_eq!(circled_number(20), "⑳");
        assert_eq!(circled_number(21), "(21)");
    }
}
