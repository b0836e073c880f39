//! Positioned page content, independent of the PDF library: what the
//! layout produces and the writer draws. Coordinates in pt from the top left.

use super::typeset::Line;

pub const MM: f32 = 72.0 / 25.4;
pub const PAGE_W: f32 = 210.0 * MM;
pub const PAGE_H: f32 = 297.0 * MM;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ink {
    Black,
    Red,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// Left edge of the line (glyph x values are added to it).
    pub x: f32,
    /// Baseline, from the top of the page.
    pub baseline: f32,
    pub size: f32,
    pub ink: Ink,
    pub line: Line,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Ends of the stroke's centre line, from the top left of the page.
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness: f32,
    pub ink: Ink,
}

impl Rule {
    /// A horizontal rule from `x1` to `x2` at `y`.
    pub fn across(x1: f32, x2: f32, y: f32, thickness: f32, ink: Ink) -> Rule {
        Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            thickness,
            ink,
        }
    }

    /// A vertical rule at `x` from `y1` down to `y2`.
    pub fn down(x: f32, y1: f32, y2: f32, thickness: f32) -> Rule {
        Rule {
            x1: x,
            y1,
            x2: x,
            y2,
            thickness,
            ink: Ink::Black,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub lines: Vec<PlacedLine>,
    pub rules: Vec<Rule>,
}
