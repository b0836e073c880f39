//! Every glyph of the system's CJK faces drawn from an assembled subset
//! has the outline the face draws, command for command.

use std::path::Path;

use super::Program;

#[derive(Default)]
struct Path2(Vec<(char, [f32; 6])>);

impl ttf_parser::OutlineBuilder for Path2 {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(('M', [x, y, 0.0, 0.0, 0.0, 0.0]));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(('L', [x, y, 0.0, 0.0, 0.0, 0.0]));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.push(('Q', [x1, y1, x, y, 0.0, 0.0]));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.push(('C', [x1, y1, x2, y2, x, y]));
    }
    fn close(&mut self) {
        self.0.push(('Z', [0.0; 6]));
    }
}

fn outline(t: &ttf_parser::cff::Table, gid: u16) -> Option<Vec<(char, [f32; 6])>> {
    let mut p = Path2::default();
    t.outline(ttf_parser::GlyphId(gid), &mut p).ok()?;
    Some(p.0)
}

/// The `CFF ` table of face 0 of `path`, when the file is installed.
fn cff_table(path: &str) -> Option<Vec<u8>> {
    let data = std::fs::read(Path::new(path)).ok()?;
    let face = ttf_parser::Face::parse(&data, 0).ok()?;
    Some(
        face.raw_face()
            .table(ttf_parser::Tag::from_bytes(b"CFF "))?
            .to_vec(),
    )
}

/// Subsets of `step` glyphs at a time, through the whole face.
fn check_every_glyph(path: &str, step: usize) {
    let Some(table) = cff_table(path) else {
        eprintln!("skipped: {path} is not installed");
        return;
    };
    let program = Program::parse(&table).expect("the face's CFF is read");
    let original = ttf_parser::cff::Table::parse(&table).expect("ttf-parser reads the face");
    let n = program.glyph_count();
    let mut drawn = 0;
    for start in (1..n).step_by(step) {
        let gids: Vec<u16> = std::iter::once(0)
            .chain((start..(start + step).min(n)).map(|g| g as u16))
            .collect();
        let bytes = program.subset(&gids).expect("every glyph flattens");
        let subset = ttf_parser::cff::Table::parse(&bytes).expect("the subset parses");
        assert_eq!(usize::from(subset.number_of_glyphs()), gids.len());
        // Read back here too: each glyph keeps its font DICT's Private DICT
        // (the FDSelect, in whichever format, points at the right one).
        let back = Program::parse(&bytes).expect("the subset is read back");
        for (cid, &gid) in gids.iter().enumerate() {
            let want = outline(&original, gid);
            assert_eq!(outline(&subset, cid as u16), want, "{path} glyph {gid}");
            let fd = |p: &Program, g: u16| {
                p.glyph(g)
                    .map(|(_, fd)| p.fds[usize::from(fd)].private.clone())
            };
            assert_eq!(
                fd(&back, cid as u16),
                fd(&program, gid),
                "{path} glyph {gid}"
            );
            drawn += usize::from(want.is_some_and(|o| !o.is_empty()));
        }
    }
    assert!(drawn > n / 2, "{path}: only {drawn} of {n} glyphs drawn");
}

#[test]
fn noto_serif_cjk_glyphs_keep_their_outlines() {
    check_every_glyph(
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        5000,
    );
}

#[test]
fn noto_sans_cjk_glyphs_keep_their_outlines() {
    check_every_glyph(
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        5000,
    );
}

#[test]
fn fandol_glyphs_keep_their_outlines() {
    let dir = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol";
    for face in [
        "FandolFang-Regular.otf",
        "FandolSong-Bold.otf",
        "FandolKai-Regular.otf",
    ] {
        check_every_glyph(&format!("{dir}/{face}"), 3000);
    }
}

#[test]
fn a_subset_does_not_depend_on_what_was_cached_before() {
    let Some(table) = cff_table("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc") else {
        return;
    };
    let gids = [0u16, 30000, 12, 40000, 22000, 5];
    let fresh = Program::parse(&table).unwrap().subset(&gids).unwrap();
    let warmed = Program::parse(&table).unwrap();
    warmed.subset(&[0, 5, 22000, 17, 61000]).unwrap();
    warmed.subset(&[0, 40000]).unwrap();
    assert_eq!(warmed.subset(&gids).unwrap(), fresh);
}
