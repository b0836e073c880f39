//! Line breaking for every layout: full-width characters take one cell
//! each (the GB/T 9704 grid pitch, or their own advance), Latin words and
//! numbers keep together at their natural width, and no line starts with
//! closing punctuation or ends with an opening one (避头尾).

use super::fonts::{FontSet, Role};
use crate::kinsoku::{no_end, no_start};

/// One character set on a line: its face and glyph, `x` in pt from the
/// line's left edge, `em` the face's own advance in em.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub c: char,
    pub face: usize,
    pub id: u16,
    pub x: f32,
    pub em: f32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    /// Width actually used, in pt.
    pub width: f32,
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub role: Role,
    pub size: f32,
    /// Width of a full-width character (the grid's character pitch), or
    /// `None` to set every character at its own advance.
    pub cell: Option<f32>,
}

/// Where lines go: `width` pt wide, the first line starting `first` pt in,
/// the others `rest` pt in; lines but the last stretched to the width when
/// `justify`.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: f32,
    pub first: f32,
    pub rest: f32,
    pub justify: bool,
}

impl Frame {
    /// Flush left, no indents, justified.
    pub fn justified(width: f32) -> Frame {
        Frame {
            width,
            first: 0.0,
            rest: 0.0,
            justify: true,
        }
    }
}

/// A character no face of the role's chain can draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingGlyph(pub char);

/// Latin, Greek and Cyrillic are set at their own advance; CJK and the
/// general punctuation Chinese uses (“” — … ·) take a full cell.
fn is_half_width(c: char) -> bool {
    (c as u32) < 0x2000 && c != '·'
}

/// A piece that is never split: one CJK character, a Latin word, a number,
/// a space, or a doubled dash or ellipsis.
#[derive(Debug)]
struct Unit {
    glyphs: Vec<Glyph>,
    width: f32,
    space: bool,
}

fn unit_end(chars: &[char], i: usize) -> usize {
    let c = chars[i];
    let mut j = i + 1;
    if c.is_ascii_alphanumeric() {
        while j < chars.len()
            && (chars[j].is_ascii_alphanumeric()
                || "./-:@%_".contains(chars[j])
                    && chars.get(j + 1).is_some_and(|n| n.is_ascii_alphanumeric()))
        {
            j += 1;
        }
    } else if (c == '—' || c == '…') && chars.get(i + 1) == Some(&c) {
        j = i + 2;
    }
    j
}

fn units(text: &str, style: Style, fonts: &FontSet) -> Result<Vec<Unit>, MissingGlyph> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let j = unit_end(&chars, i);
        let mut glyphs = Vec::with_capacity(j - i);
        let mut width = 0.0;
        for &c in &chars[i..j] {
            let (face, id) = fonts.pick(style.role, c).ok_or(MissingGlyph(c))?;
            let em = fonts.advance(face, id);
            let advance = match style.cell {
                Some(cell) if !is_half_width(c) => cell,
                _ => em * style.size,
            };
            glyphs.push(Glyph {
                c,
                face,
                id,
                x: width,
                em,
            });
            width += advance;
        }
        out.push(Unit {
            glyphs,
            width,
            space: chars[i] == ' ',
        });
        i = j;
    }
    Ok(out)
}

fn first_char(u: &Unit) -> char {
    u.glyphs.first().map_or(' ', |g| g.c)
}

fn last_char(u: &Unit) -> char {
    u.glyphs.last().map_or(' ', |g| g.c)
}

/// Break `text` into lines in `frame`; `x` of each glyph includes the indent.
pub fn break_lines(
    text: &str,
    frame: Frame,
    style: Style,
    fonts: &FontSet,
) -> Result<Vec<Line>, MissingGlyph> {
    let units = units(text, style, fonts)?;
    let mut lines = Vec::new();
    let mut start = 0;
    while start < units.len() {
        // Spaces do not start a line.
        while start < units.len() && units[start].space {
            start += 1;
        }
        if start >= units.len() {
            break;
        }
        let lead = if lines.is_empty() {
            frame.first
        } else {
            frame.rest
        };
        let room = frame.width - lead;
        let mut end = start;
        let mut used = 0.0;
        while end < units.len() && used + units[end].width <= room + 0.01 {
            used += units[end].width;
            end += 1;
        }
        if end == start {
            end = start + 1; // a word wider than the line: let it overflow
        }
        if end < units.len() {
            end = kinsoku_break(&units, start, end);
        }
        let justify = frame.justify && end < units.len();
        lines.push(place(&units[start..end], lead, room, justify));
        start = end;
    }
    Ok(lines)
}

/// Move the break back until the next line does not start with a no-start
/// character and this line does not end with a no-end one (push-out).
fn kinsoku_break(units: &[Unit], start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start + 1 {
        let bad_start = no_start(first_char(&units[e]));
        let bad_end = no_end(last_char(&units[e - 1]));
        if !bad_start && !bad_end {
            return e;
        }
        e -= 1;
    }
    end
}

fn place(units: &[Unit], lead: f32, room: f32, justify: bool) -> Line {
    // Trailing spaces take no room.
    let mut n = units.len();
    while n > 0 && units[n - 1].space {
        n -= 1;
    }
    let units = &units[..n];
    let natural: f32 = units.iter().map(|u| u.width).sum();
    let gaps = units.len().saturating_sub(1) as f32;
    let extra = if justify && gaps > 0.0 && natural < room {
        (room - natural) / gaps
    } else {
        0.0
    };
    let mut glyphs = Vec::with_capacity(units.iter().map(|u| u.glyphs.len()).sum());
    let mut x = lead;
    for u in units {
        for g in &u.glyphs {
            glyphs.push(Glyph {
                x: x + g.x,
                ..g.clone()
            });
        }
        x += u.width + extra;
    }
    Line {
        glyphs,
        width: x - extra - lead,
    }
}

/// Width of a single line of text (no breaking), in pt.
pub fn measure(text: &str, style: Style, fonts: &FontSet) -> Result<f32, MissingGlyph> {
    Ok(units(text, style, fonts)?.iter().map(|u| u.width).sum())
}

/// Set text on one line without breaking, starting at x = 0.
pub fn single_line(text: &str, style: Style, fonts: &FontSet) -> Result<Line, MissingGlyph> {
    let units = units(text, style, fonts)?;
    Ok(place(&units, 0.0, f32::MAX, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_detection() {
        assert!(is_half_width('a') && is_half_width('7'));
        assert!(!is_half_width('中') && !is_half_width('，') && !is_half_width('“'));
    }

    #[test]
    fn latin_words_and_doubled_dashes_keep_together() {
        let chars: Vec<char> = "ab-12 ——中".chars().collect();
        assert_eq!(unit_end(&chars, 0), 5);
        assert_eq!(unit_end(&chars, 6), 8);
        assert_eq!(unit_end(&chars, 8), 9);
    }
}
