//! A table's rules: the edges of its cells, each drawn once, and edges on
//! one line that meet drawn as one stroke (not each cell's four; a
//! receipt's tables went from 104 strokes to 26).

use crate::typeset::page::{Area, Colour, Page, Stroke};

/// The edges of `boxes` as black rules `width` pt wide on `page`.
pub fn draw(page: &mut Page, boxes: &[Area], width: f32) {
    let (mut across, mut down) = (Vec::new(), Vec::new());
    for b in boxes {
        across.extend([(b.y, b.x, b.x + b.w), (b.y + b.h, b.x, b.x + b.w)]);
        down.extend([(b.x, b.y, b.y + b.h), (b.x + b.w, b.y, b.y + b.h)]);
    }
    let k = Colour::BLACK;
    for (y, x1, x2) in joined(across) {
        page.stroke(Stroke::across(x1, x2, y, width, k));
    }
    for (x, y1, y2) in joined(down) {
        page.stroke(Stroke::down(x, y1, y2, width, k));
    }
}

/// Segments `(line, from, to)` sorted, those on one line that meet or
/// overlap made one. The coordinates come from the same column and row
/// edges, so an edge two cells share is the same numbers in both.
fn joined(mut segments: Vec<(f32, f32, f32)>) -> Vec<(f32, f32, f32)> {
    segments.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<(f32, f32, f32)> = Vec::with_capacity(segments.len());
    for (line, from, to) in segments {
        match out.last_mut() {
            Some(last) if last.0 == line && from <= last.2 => last.2 = last.2.max(to),
            _ => out.push((line, from, to)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(x: f32, y: f32, w: f32, h: f32) -> Area {
        Area { x, y, w, h }
    }

    #[test]
    fn shared_edges_are_drawn_once_and_meeting_edges_as_one_rule() {
        // Two rows of two cells, the second row one cell spanning both.
        let mut page = Page::new(100.0, 100.0);
        let boxes = [
            cell(0.0, 0.0, 10.0, 5.0),
            cell(10.0, 0.0, 20.0, 5.0),
            cell(0.0, 5.0, 30.0, 5.0),
        ];
        draw(&mut page, &boxes, 0.5);
        let strokes: Vec<(f32, f32, f32, f32)> = page
            .marks
            .iter()
            .map(|m| match m {
                crate::typeset::page::Mark::Stroke(s) => (s.x1, s.y1, s.x2, s.y2),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            strokes,
            [
                (0.0, 0.0, 30.0, 0.0),
                (0.0, 5.0, 30.0, 5.0),
                (0.0, 10.0, 30.0, 10.0),
                (0.0, 0.0, 0.0, 10.0),
                (10.0, 0.0, 10.0, 5.0),
                (30.0, 0.0, 30.0, 10.0),
            ]
        );
    }

    #[test]
    fn edges_apart_on_one_line_stay_apart() {
        let got = joined(vec![(1.0, 5.0, 6.0), (1.0, 0.0, 2.0), (2.0, 0.0, 9.0)]);
        assert_eq!(got, [(1.0, 0.0, 2.0), (1.0, 5.0, 6.0), (2.0, 0.0, 9.0)]);
    }
}
