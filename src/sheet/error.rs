//! Why a paper's layout cannot be placed, by block.

/// Why a layout cannot be placed; `block` is the 0-based index of the
/// block under `blocks:`.
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    /// No face of the font's chain has the character.
    NoGlyph { block: usize, c: char, text: String },
    /// A table with no `widths:`.
    NoColumns { block: usize },
    /// A row with more cells than the table has columns.
    TooManyCells {
        block: usize,
        row: usize,
        columns: usize,
        cell: String,
    },
    /// Text too long for a QR code.
    Qr {
        block: usize,
        data: String,
        reason: String,
    },
}

impl LayoutError {
    pub fn block(&self) -> usize {
        match self {
            LayoutError::NoGlyph { block, .. }
            | LayoutError::NoColumns { block }
            | LayoutError::TooManyCells { block, .. }
            | LayoutError::Qr { block, .. } => *block,
        }
    }

    /// A character no font has: the input can be fixed by a font, not by the template.
    pub fn is_font(&self) -> bool {
        matches!(self, LayoutError::NoGlyph { .. })
    }
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutError::NoGlyph { c, text, .. } => f.write_str(&crate::t!(
                "layout-no-glyph",
                char = *c,
                code = format!("{:04X}", *c as u32),
                text = text
            )),
            LayoutError::NoColumns { .. } => f.write_str(&crate::t!("layout-no-columns")),
            LayoutError::TooManyCells {
                row, columns, cell, ..
            } => f.write_str(&crate::t!(
                "layout-too-many-cells",
                row = row + 1,
                columns = *columns,
                cell = cell
            )),
            LayoutError::Qr { data, reason, .. } => {
                f.write_str(&crate::t!("layout-qr", data = data, reason = reason))
            }
        }
    }
}
