//! Line breaking on the GB/T 9704 grid: full-width characters take one
//! grid cell each, Latin words and numbers keep together at their natural
//! width, and no line starts with closing punctuation or ends with an
//! opening one (避头尾).

use super::fonts::{FontSet, Role};

use crate::kinsoku::{no_end, no_start};

/// One glyph placed on a line, `x` in pt from the line's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub c: char,
    pub face: usize,
    pub x: f32,
    pub advance: f32,
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
    /// Width of a full-width character: the grid's character pitch.
    pub cell: f32,
}

/// A character the role's fonts cannot draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingGlyph(pub char);

/// Latin, Greek and Cyrillic are set at their own advance; CJK and the
/// general punctuation Chinese uses (“” — … ·) take a full grid cell.
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

fn units(text: &str, style: Style, fonts: &FontSet) -> Result<Vec<Unit>, MissingGlyph> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
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
        let mut glyphs = Vec::new();
        let mut width = 0.0;
        for &ch in &chars[i..j] {
            let face = fonts.pick(style.role, ch).ok_or(MissingGlyph(ch))?;
            let advance = if is_half_width(ch) {
                fonts.faces[face].advance(ch) * style.size
            } else {
                style.cell
            };
            glyphs.push(Glyph {
                c: ch,
                face,
                x: width,
                advance,
            });
            width += advance;
        }
        out.push(Unit {
            glyphs,
            width,
            space: c == ' ',
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

/// Break `text` into lines of at most `width` pt. The first line starts
/// `first_indent` pt in, the others `indent` pt in; `x` of each glyph
/// includes the indent. Lines but the last are justified to `width`.
pub fn break_lines(
    text: &str,
    width: f32,
    first_indent: f32,
    indent: f32,
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
            first_indent
        } else {
            indent
        };
        let room = width - lead;
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
        let last = end >= units.len();
        lines.push(place(&units[start..end], lead, room, !last));
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
    let mut glyphs = Vec::new();
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
}
