//! The layout a paper template renders to: a page, default font and size,
//! and a column of blocks (text, tables, QR codes, gaps). Lengths are in
//! millimetres, font sizes in points.

use serde::Deserialize;

use crate::typeset::fonts::Role;

/// The template's font names and the roles whose chains they use.
pub const FONT_NAMES: [(&str, Role); 5] = [
    ("title", Role::Title),
    ("fang", Role::Body),
    ("hei", Role::Heading1),
    ("kai", Role::Heading2),
    ("song", Role::PageNumber),
];

pub fn role_of(name: &str) -> Option<Role> {
    FONT_NAMES.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
}

/// A layout text that is not a valid layout, with where (1-based line and
/// column of the layout text; 0 when the YAML parser gives no place).
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl Sheet {
    /// Read a layout text.
    pub fn parse(text: &str) -> Result<Sheet, SpecError> {
        serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            // serde_yaml appends " at line L column C": the position is kept apart.
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(at) => message[..at].to_string(),
                None => message,
            };
            SpecError {
                message,
                line,
                column,
            }
        })
    }
}

impl Sheet {
    /// Every text the paper shows, in order: paragraphs, cells and their
    /// feet, QR codes' data and captions (not font names).
    pub fn each_text(&mut self, f: &mut impl FnMut(&mut String)) {
        for block in &mut self.blocks {
            match block {
                Block::Text(t) => f(&mut t.text),
                Block::Table(t) => {
                    for cell in t.rows.iter_mut().flat_map(|r| &mut r.cells) {
                        f(&mut cell.text);
                        cell.foot.iter_mut().for_each(&mut *f);
                        cell.qr.iter_mut().for_each(&mut *f);
                    }
                }
                Block::Qr(q) => {
                    f(&mut q.data);
                    q.caption.iter_mut().for_each(&mut *f);
                }
                Block::Gap(_) | Block::Break => {}
            }
        }
    }

    /// Every font name it gives.
    pub fn font_names(&self) -> Vec<&str> {
        let mut out = vec![self.font.as_str()];
        for block in &self.blocks {
            let styles: Vec<&Style> = match block {
                Block::Text(t) => vec![&t.style],
                Block::Table(t) => std::iter::once(&t.style)
                    .chain(t.rows.iter().flat_map(|r| &r.cells).map(|c| &c.style))
                    .collect(),
                Block::Qr(_) | Block::Gap(_) | Block::Break => Vec::new(),
            };
            out.extend(styles.into_iter().filter_map(|s| s.font.as_deref()));
        }
        out
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    #[serde(default)]
    pub page: PageSpec,
    /// Default font: title, fang, hei, kai or song.
    #[serde(default = "default_font")]
    pub font: String,
    /// Default size in points.
    #[serde(default = "default_size")]
    pub size: f32,
    pub blocks: Vec<Block>,
}

fn default_font() -> String {
    "song".into()
}

fn default_size() -> f32 {
    11.0
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    #[serde(default = "a4_width")]
    pub width: f32,
    #[serde(default = "a4_height")]
    pub height: f32,
    /// top, right, bottom, left.
    #[serde(default = "default_margin")]
    pub margin: [f32; 4],
}

fn a4_width() -> f32 {
    210.0
}

fn a4_height() -> f32 {
    297.0
}

fn default_margin() -> [f32; 4] {
    [20.0, 20.0, 20.0, 20.0]
}

impl Default for PageSpec {
    fn default() -> Self {
        PageSpec {
            width: a4_width(),
            height: a4_height(),
            margin: default_margin(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum VAlign {
    Top,
    #[default]
    Middle,
    Bottom,
}

/// Text styling shared by paragraphs and cells.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    #[serde(default)]
    pub font: Option<String>,
    #[serde(default)]
    pub size: Option<f32>,
    #[serde(default)]
    pub align: Option<Align>,
    /// Line height as a multiple of the size.
    #[serde(default)]
    pub leading: Option<f32>,
}

/// One block of the page, told apart by its key: `text:` (with its style
/// beside it), `table:`, `qr:`, `gap:` or `break:`.
#[derive(Debug, Clone)]
pub enum Block {
    Text(TextBlock),
    Table(Table),
    Qr(QrBlock),
    /// Vertical space in mm.
    Gap(f32),
    /// A page break.
    Break,
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let map = serde_yaml::Mapping::deserialize(d)?;
        let has = |k: &str| map.contains_key(k);
        let only = |k: &str| -> Result<serde_yaml::Value, D::Error> {
            if map.len() > 1 {
                return Err(D::Error::custom(crate::t!("layout-block-alone", key = k)));
            }
            Ok(map[k].clone())
        };
        let conv = |e: serde_yaml::Error| D::Error::custom(e.to_string());
        if has("text") {
            serde_yaml::from_value(serde_yaml::Value::Mapping(map.clone()))
                .map(Block::Text)
                .map_err(conv)
        } else if has("table") {
            serde_yaml::from_value(only("table")?)
                .map(Block::Table)
                .map_err(conv)
        } else if has("qr") {
            serde_yaml::from_value(only("qr")?)
                .map(Block::Qr)
                .map_err(conv)
        } else if has("gap") {
            serde_yaml::from_value(only("gap")?)
                .map(Block::Gap)
                .map_err(conv)
        } else if has("break") {
            only("break").map(|_| Block::Break)
        } else {
            Err(D::Error::custom(crate::t!("layout-block-kind")))
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextBlock {
    pub text: String,
    #[serde(flatten)]
    pub style: Style,
    /// Extra indent of the first line, in characters (2 for a Chinese paragraph).
    #[serde(default)]
    pub indent: f32,
    #[serde(default)]
    pub space_after: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Column widths in mm; scaled to the text width when their sum differs.
    pub widths: Vec<f32>,
    #[serde(flatten)]
    pub style: Style,
    pub rows: Vec<Row>,
    #[serde(default)]
    pub space_after: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Minimum height in mm.
    #[serde(default = "default_row_height")]
    pub height: f32,
    pub cells: Vec<Cell>,
}

fn default_row_height() -> f32 {
    9.0
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    #[serde(default)]
    pub text: String,
    #[serde(flatten)]
    pub style: Style,
    #[serde(default)]
    pub valign: Option<VAlign>,
    #[serde(default = "one")]
    pub colspan: usize,
    #[serde(default = "one")]
    pub rowspan: usize,
    /// Text at the bottom right of the cell (seal, signature and date lines).
    #[serde(default)]
    pub foot: Option<String>,
    /// The candidate's photo goes here; `text` shows when there is none.
    #[serde(default)]
    pub photo: bool,
    /// A QR code of this text fills the cell.
    #[serde(default)]
    pub qr: Option<String>,
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrBlock {
    pub data: String,
    /// Side in mm.
    #[serde(default = "default_qr_size")]
    pub size: f32,
    #[serde(default)]
    pub align: Align,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub space_after: f32,
}

fn default_qr_size() -> f32 {
    28.0
}
