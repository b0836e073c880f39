//! Balanced title lines, shared by the PDF and the web page: a long title
//! is broken into lines of similar length (a trapezoid, never a long line
//! over a stub), never inside quotes, brackets or a Latin word, preferring
//! breaks after the ends of common words.

use crate::kinsoku::{no_end, no_start};

/// Characters after which a title may break without splitting a word.
const BREAK_AFTER: &str = "的于省市县区校年和与及作";

/// Width of a character in cells: half for Latin letters and digits.
fn cells(c: char) -> f32 {
    if (c as u32) < 0x2000 {
        0.5
    } else {
        1.0
    }
}

/// Split `title` into lines of at most `max_cells`. Explicit line breaks win.
pub fn balance(title: &str, max_cells: f32) -> Vec<String> {
    if title.contains('\n') {
        return title
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
    }
    let chars: Vec<char> = title.chars().collect();
    let widths: Vec<f32> = chars.iter().map(|c| cells(*c)).collect();
    if widths.iter().sum::<f32>() <= max_cells || chars.len() < 2 {
        return vec![title.to_string()];
    }
    // Nesting depth of quotes and brackets before each index.
    let mut depth = vec![0i32; chars.len() + 1];
    for (i, c) in chars.iter().enumerate() {
        let d = match c {
            '“' | '《' | '（' | '「' | '〔' => 1,
            '”' | '》' | '）' | '」' | '〕' => -1,
            _ => 0,
        };
        depth[i + 1] = depth[i] + d;
    }
    let cost = |i: usize| -> Option<f32> {
        let (a, b) = (chars[i - 1], chars[i]);
        let splits_word = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
        if no_start(b) || no_end(a) || splits_word {
            return None;
        }
        // Inside a quoted name only when the name is longer than a line.
        let inside = if depth[i] > 0 { 8.0 } else { 0.0 };
        let word_end = BREAK_AFTER.contains(a) || matches!(a, '”' | '》');
        Some(inside + if word_end { 0.0 } else { 4.0 })
    };
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        let remaining: f32 = widths[start..].iter().sum();
        if remaining <= max_cells {
            lines.push(chars[start..].iter().collect());
            return lines;
        }
        let lines_left = (remaining / max_cells).ceil().max(2.0);
        let target = remaining / lines_left;
        let mut best: Option<(f32, usize)> = None;
        let mut w = 0.0;
        for i in start + 1..chars.len() {
            w += widths[i - 1];
            if w > max_cells {
                break;
            }
            if let Some(c) = cost(i) {
                let score = (w - target).abs() + c;
                if best.is_none_or(|(s, _)| score < s) {
                    best = Some((score, i));
                }
            }
        }
        // No allowed break fits: cut at the width limit.
        let cut = best.map_or_else(|| fill(&widths, start, max_cells), |(_, i)| i);
        lines.push(chars[start..cut].iter().collect::<String>());
        start = cut;
    }
}

fn fill(widths: &[f32], start: usize, max: f32) -> usize {
    let mut w = 0.0;
    let mut i = start;
    while i < widths.len() && w + widths[i] <= max {
        w += widths[i];
        i += 1;
    }
    i.max(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_title_breaks_after_a_word() {
        let t = "关于做好2024年湖南省普通高等学校“专升本”考试招生报名工作的通知";
        assert_eq!(
            balance(t, 20.0),
            [
                "关于做好2024年湖南省普通高等学校",
                "“专升本”考试招生报名工作的通知"
            ]
        );
    }

    #[test]
    fn short_titles_and_explicit_breaks() {
        assert_eq!(balance("关于开展工作的通知", 20.0), ["关于开展工作的通知"]);
        assert_eq!(balance("甲乙\n丙丁", 20.0), ["甲乙", "丙丁"]);
    }

    #[test]
    fn never_breaks_inside_quotes_and_keeps_every_character() {
        let t = "关于印发《湖南省普通高等学校专升本考试招生录取工作实施细则（试行）》的通知";
        let lines = balance(t, 20.0);
        assert_eq!(lines.concat(), t);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.len(), 3, "{lines:?}");
        for l in &lines[1..] {
            assert!(!l.starts_with('》') && !l.starts_with('）'));
        }
    }
}
