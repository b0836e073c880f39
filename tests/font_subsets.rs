//! The CFF subsets gazette assembles from its glyph-program cache draw
//! exactly what subsetter's subsets of the same glyphs draw: the same PDF
//! made both ways renders to the same pixels, embeds subsets with
//! ToUnicode, gives its text back, and its fonts parse with fontTools.

use std::path::Path;
use std::process::Command;

use gazette::model::config::{FontConfig, FontSpec};
use gazette::render::pdf::subset::{Cut, SharedFonts};
use gazette::render::pdf::writer::{Meta, PdfWriter};
use gazette::typeset::fonts::{FontSet, Role};
use gazette::typeset::page::{Colour, Glyph, Mark, Page, Run};

use crate::common::{pdftotext, squash, tool};

/// CJK from several blocks, Latin, digits, full-width punctuation.
const TEXT: [&str; 6] = [
    "湖南省教育考试院二〇二四年专升本报名回执考生姓名身份证号码",
    "毕业学校推荐专业类别免试资格审核确认签字盖章日期备注说明",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz",
    "0123456789 ０１２３４５６７８９ Ｑ：ｑ",
    "，。、；：？！“”‘’（）【】《》——……·～￥％＃＠",
    "龘齉鬱爨彝鑫淼焱垚犇骉麤灥馫厵纛鱻",
];

fn fonts() -> FontSet {
    let family = |name: &str| vec![FontSpec::Family(name.into())];
    let fandol = FontSpec::File {
        path: "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"
            .into(),
        index: 0,
    };
    let cfg = FontConfig {
        title: family("Noto Serif CJK SC"),
        body: family("Noto Sans CJK SC"),
        heading1: vec![fandol, FontSpec::Family("Noto Sans CJK SC".into())],
        heading2: family("Noto Serif CJK SC"),
        page_number: family("Noto Serif CJK SC"),
        ..FontConfig::default()
    };
    FontSet::load(&cfg, Path::new("/"), "")
        .expect("the CJK fonts are installed")
        .0
}

/// One page: every line of `TEXT` in each role's first face.
fn page(fonts: &FontSet) -> Page {
    page_of(fonts, &TEXT)
}

/// One page: every line of `lines` in each role's first face.
fn page_of(fonts: &FontSet, lines: &[&str]) -> Page {
    let mut marks = Vec::new();
    let mut baseline = 40.0;
    for role in [Role::Title, Role::Body, Role::Heading1] {
        let face = fonts.chain(role)[0];
        for line in lines {
            let size = 14.0;
            let mut x = 0.0;
            let glyphs = line
                .chars()
                .filter_map(|c| {
                    let id = fonts.glyph(face, c)?;
                    let em = fonts.advance(face, id);
                    let g = Glyph { id, text: c, x, em };
                    x += em * size;
                    Some(g)
                })
                .collect();
            marks.push(Mark::Text(Run {
                face,
                size,
                x: 30.0,
                baseline,
                colour: Colour {
                    r: 0.0,
                    g: 0.0,
                    b: 0.0,
                },
                glyphs,
                turned: false,
            }));
            baseline += 22.0;
        }
    }
    Page {
        width: 595.0,
        height: 842.0,
        marks,
    }
}

fn pdf(fonts: &FontSet, cut: Cut, path: &Path) -> Vec<u8> {
    write(PdfWriter::new(fonts, None).cut(cut), &page(fonts), path)
}

fn write(mut w: PdfWriter, page: &Page, path: &Path) -> Vec<u8> {
    w.add(page, None);
    let meta = Meta {
        title: "subsets",
        author: "gazette",
        subject: None,
        date: None,
    };
    let bytes = w.finish(&meta).expect("the faces subset");
    std::fs::write(path, &bytes).unwrap();
    bytes
}

/// The page at 150 dpi, grey.
fn pixels(pdf: &Path) -> Vec<u8> {
    let prefix = pdf.with_extension("");
    let p = prefix.to_str().unwrap();
    tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-gray",
            "-singlefile",
            pdf.to_str().unwrap(),
            p,
        ],
    );
    std::fs::read(prefix.with_extension("pgm")).unwrap()
}

#[test]
fn assembled_subsets_render_as_subsetters_do() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = fonts();
    let (ours, theirs) = (
        dir.path().join("cached.pdf"),
        dir.path().join("subsetter.pdf"),
    );
    let a = pdf(&fonts, Cut::Cached, &ours);
    let b = pdf(&fonts, Cut::Subsetter, &theirs);
    assert_ne!(a, b, "the two cuts embed different programs");
    let (pa, pb) = (pixels(&ours), pixels(&theirs));
    let (_, _, _, grey) = crate::common::read_pnm(&pa);
    let inked = grey.iter().filter(|&&v| v < 128).count();
    assert!(
        inked > 20_000,
        "the page shows the text ({inked} dark pixels)"
    );
    assert!(
        pa == pb,
        "the assembled subsets render differently from subsetter's"
    );

    let listing = tool("pdffonts", &[ours.to_str().unwrap()]);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "{listing}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].chars().take(7).last() == Some('+'), "{row}");
        assert!(row.contains("CID Type 0C"), "{row}");
        // emb sub uni
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "{row}"
        );
    }
    // Every glyph drawn, in order (FandolFang lacks some rare ideographs).
    let drawn = drawn(&page(&fonts));
    assert!(drawn.chars().count() > 500, "{drawn}");
    assert_eq!(squash(&pdftotext(&ours)), squash(&drawn));
}

/// The characters of a page's glyphs, in order.
fn drawn(page: &Page) -> String {
    page.marks
        .iter()
        .flat_map(|m| match m {
            Mark::Text(run) => run.glyphs.iter().map(|g| g.text).collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn assembled_subsets_parse_with_fonttools_with_their_widths() {
    let fonts = fonts();
    let dir = tempfile::tempdir().unwrap();
    for role in [Role::Title, Role::Body, Role::Heading1] {
        let face = fonts.chain(role)[0];
        let mut gids = vec![0u16];
        for c in TEXT.concat().chars() {
            if let Some(g) = fonts.glyph(face, c).filter(|g| !gids.contains(g)) {
                gids.push(g);
            }
        }
        let program = fonts.cff(face).expect("a CFF face");
        let cff = program.subset(&gids).expect("the glyphs flatten");
        let file = dir.path().join(format!("{face}.cff"));
        std::fs::write(&file, &cff).unwrap();
        let widths: Vec<String> = gids
            .iter()
            .map(|&g| format!("{}", (fonts.advance(face, g) * 1000.0).round()))
            .collect();
        let out = Command::new("python3")
            .args(["-c", FONTTOOLS, file.to_str().unwrap()])
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).unwrap();
        let mut lines = got.lines();
        assert_eq!(lines.next(), Some(&*format!("glyphs {}", gids.len())));
        assert_eq!(lines.next(), Some("ros Adobe Identity 0"));
        // The advance each charstring carries is the face's (per 1000 em).
        assert_eq!(lines.next().unwrap().split(' ').collect::<Vec<_>>(), widths);
        // Hints are left out (README: the same pixels without them).
        assert_eq!(lines.next(), Some("hints 0"));
    }
}

/// Reads a bare CFF; prints its glyph count, ROS, every glyph's width and
/// how many hint operators the charstrings hold.
const FONTTOOLS: &str = r#"
import sys
from fontTools.cffLib import CFFFontSet
from fontTools.pens.basePen import NullPen
HINTS = {"hstem", "vstem", "hstemhm", "vstemhm", "hintmask", "cntrmask"}
cff = CFFFontSet()
cff.decompile(open(sys.argv[1], "rb"), None)
top = cff[cff.fontNames[0]]
order = top.charset
print("glyphs", len(order))
print("ros", *top.ROS)
upem = round(1 / top.FontMatrix[0]) if hasattr(top, "FontMatrix") else 1000
widths = []
hints = 0
for name in order:
    cs = top.CharStrings[name]
    cs.draw(NullPen())
    widths.append(str(round(cs.width * 1000 / upem)))
    hints += sum(op in HINTS for op in cs.program if isinstance(op, str))
print(" ".join(widths))
print("hints", hints)
"#;

#[test]
fn a_document_is_the_same_whatever_filled_the_cache_before() {
    let dir = tempfile::tempdir().unwrap();
    let cold = fonts();
    let first = pdf(&cold, Cut::Cached, &dir.path().join("cold.pdf"));
    // Another set warmed by other documents, in another order and batches.
    let warm = fonts();
    for role in [Role::Heading1, Role::Body, Role::Title] {
        let face = warm.chain(role)[0];
        let p = warm.cff(face).unwrap();
        for line in TEXT.iter().rev() {
            let gids: Vec<u16> = std::iter::once(0)
                .chain(line.chars().rev().filter_map(|c| warm.glyph(face, c)))
                .collect();
            p.subset(&gids).unwrap();
        }
    }
    assert_eq!(pdf(&warm, Cut::Cached, &dir.path().join("warm.pdf")), first);
}

/// Blank pages of two kinds, and a paper of the first kind that also
/// draws a character only the second has (湘) and its own (龘, Ｑ).
const BLANK_A: [&str; 2] = ["湖南省教育考试院报名回执", "普通计划 0123"];
const BLANK_B: [&str; 2] = ["湖南省教育考试院报名回执", "湖湘工匠燎原计划 4567"];
const PAPER: [&str; 3] = ["湖南省教育考试院报名回执", "普通计划 0123", "湘龘Ｑ 2024"];

#[test]
fn a_paper_draws_each_face_with_one_font_of_shared_and_own_glyphs() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = fonts();
    let (a, b) = (page_of(&fonts, &BLANK_A), page_of(&fonts, &BLANK_B));
    let shared = SharedFonts::from_pages(&fonts, [&a, &b]).expect("the faces subset");
    let paper = page_of(&fonts, &PAPER);
    let joined = dir.path().join("joined.pdf");
    let alone = dir.path().join("alone.pdf");
    write(PdfWriter::new(&fonts, Some(&shared)), &paper, &joined);
    write(PdfWriter::new(&fonts, None), &paper, &alone);
    assert!(
        pixels(&joined) == pixels(&alone),
        "the joined fonts draw otherwise"
    );
    assert_eq!(squash(&pdftotext(&joined)), squash(&drawn(&paper)));
    let listing = tool("pdffonts", &[joined.to_str().unwrap()]);
    assert_eq!(
        listing.lines().count(),
        2 + 3,
        "one font a face:\n{listing}"
    );
    let check = tool("qpdf", &["--check", joined.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    // Each program is a zlib stream joined from pieces: fontTools reads
    // them, each holding the glyphs its face drew.
    assert_eq!(program_glyphs(&joined), faces_glyphs(&paper));
}

#[test]
fn a_paper_of_one_kind_embeds_that_kinds_glyphs_only() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = fonts();
    let (a, b) = (page_of(&fonts, &BLANK_A), page_of(&fonts, &BLANK_B));
    let both = page_of(&fonts, &[&BLANK_A[..], &BLANK_B[..]].concat());
    let (cut, whole) = (dir.path().join("cut.pdf"), dir.path().join("whole.pdf"));
    // Blanks of two kinds, and one blank holding both kinds' text.
    let shared = SharedFonts::from_pages(&fonts, [&a, &b]).unwrap();
    write(PdfWriter::new(&fonts, Some(&shared)), &a, &cut);
    let shared = SharedFonts::from_pages(&fonts, [&both]).unwrap();
    write(PdfWriter::new(&fonts, Some(&shared)), &a, &whole);
    // Each face's program holds the glyphs drawn and .notdef, not the
    // other kind's 湘工匠燎原 4567.
    for pdf in [&cut, &whole] {
        let counts = program_glyphs(pdf);
        assert_eq!(counts, faces_glyphs(&a), "{}", pdf.display());
    }
    assert!(pixels(&cut) == pixels(&whole));
}

/// The glyph count of each embedded program of `pdf`, in font order.
fn program_glyphs(pdf: &Path) -> Vec<usize> {
    let out = Command::new("python3")
        .args(["-c", PROGRAMS, pdf.to_str().unwrap()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().map(|l| l.parse().unwrap()).collect()
}

/// The distinct glyphs of each face of `page`, .notdef counted, by face.
fn faces_glyphs(page: &Page) -> Vec<usize> {
    let mut faces: std::collections::BTreeMap<usize, std::collections::BTreeSet<u16>> =
        std::collections::BTreeMap::new();
    for mark in &page.marks {
        if let Mark::Text(run) = mark {
            faces
                .entry(run.face)
                .or_default()
                .extend(run.glyphs.iter().map(|g| g.id));
        }
    }
    faces.values().map(|ids| ids.len() + 1).collect()
}

/// Inflates every CIDFontType0C program of a PDF (through qpdf) and
/// prints each one's glyph count, after drawing every glyph.
const PROGRAMS: &str = r#"
import io, re, subprocess, sys, zlib
from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
data = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", sys.argv[1], "-"],
                      capture_output=True, check=True).stdout
for m in re.finditer(rb"/Subtype /CIDFontType0C", data):
    start = data.index(b"stream\n", m.end()) + 7
    end = data.index(b"endstream", start)
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data[start:end]), None)
    top = cff[cff.fontNames[0]]
    for name in top.charset:
        top.CharStrings[name].draw(BoundsPen(None))
    print(len(top.charset))
"#;
