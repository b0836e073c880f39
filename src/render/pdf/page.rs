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
    pub x1: f32,
    pub x2: f32,
    /// Centre of the stroke, from the top of the page.
    pub y: f32,
    pub thickness: f32,
    pub ink: Ink,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub lines: Vec<PlacedLine>,
    pub rules: Vec<Rule>,
}
