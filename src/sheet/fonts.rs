//! The faces papers are set in: the site's font chains (found once for the
//! notice), read as raw font files for subsetting, with a per-character
//! fallback along each chain.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::render::pdf::fonts::{FontSet, Role};

/// The template's font names and the notice roles whose chains they use.
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

/// One font file face, read whole once (it is subset for every paper).
pub struct FaceData {
    pub label: String,
    path: std::path::PathBuf,
    index: u32,
    bytes: OnceLock<Option<memmap2::Mmap>>,
    described: OnceLock<(Metrics, String)>,
}

/// Metrics a PDF font descriptor needs, in 1000-unit em.
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub bbox: [f32; 4],
}

/// A font file mapped, not read: a CJK collection is 20 to 30 MB, of
/// which a run touches the tables and the few hundred glyphs it uses.
fn map(path: &std::path::Path) -> Option<memmap2::Mmap> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: font files are not written while a build runs; a font
    // replaced mid-build (a package upgrade) renames a new file in place,
    // leaving this mapping on the old one.
    unsafe { memmap2::Mmap::map(&file) }.ok()
}

impl FaceData {
    pub fn bytes(&self) -> Option<&[u8]> {
        self.bytes.get_or_init(|| map(&self.path)).as_deref()
    }

    pub fn index(&self) -> u32 {
        self.index
    }

    pub fn parse(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(self.bytes()?, self.index).ok()
    }

    /// Metrics and PostScript name, worked out once.
    pub fn described(&self) -> &(Metrics, String) {
        self.described
            .get_or_init(|| (self.metrics(), self.ps_name()))
    }

    fn metrics(&self) -> Metrics {
        let Some(f) = self.parse() else {
            return Metrics {
                ascent: 880.0,
                descent: -120.0,
                cap_height: 700.0,
                bbox: [0.0, -120.0, 1000.0, 880.0],
            };
        };
        let k = 1000.0 / f.units_per_em().max(1) as f32;
        let b = f.global_bounding_box();
        Metrics {
            ascent: f.ascender() as f32 * k,
            descent: f.descender() as f32 * k,
            cap_height: f.capital_height().unwrap_or(f.ascender()) as f32 * k,
            bbox: [
                b.x_min as f32 * k,
                b.y_min as f32 * k,
                b.x_max as f32 * k,
                b.y_max as f32 * k,
            ],
        }
    }

    /// The PostScript name, for the PDF's BaseFont (spaces removed).
    fn ps_name(&self) -> String {
        let name = self.parse().and_then(|f| {
            f.names()
                .into_iter()
                .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
                .and_then(|n| n.to_string())
        });
        name.unwrap_or_else(|| self.label.clone())
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
            .collect()
    }
}

/// The faces of every chain.
pub struct SheetFonts {
    pub faces: Vec<FaceData>,
    chains: BTreeMap<Role, Vec<usize>>,
}

/// One placed character: its face, glyph id and advance in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub face: usize,
    pub gid: u16,
    pub ch: char,
    pub advance: f32,
}

impl SheetFonts {
    pub fn new(set: &FontSet) -> SheetFonts {
        let faces = set
            .faces
            .iter()
            .map(|f| FaceData {
                label: f.label.clone(),
                path: f.path.clone(),
                index: f.index,
                bytes: OnceLock::new(),
                described: OnceLock::new(),
            })
            .collect();
        let chains = FONT_NAMES
            .iter()
            .map(|(_, r)| (*r, set.chain(*r).to_vec()))
            .collect();
        SheetFonts { faces, chains }
    }

    /// A shaper for one paper: each face parsed once, on first use.
    pub fn shaper(&self) -> Shaper<'_> {
        Shaper {
            fonts: self,
            parsed: (0..self.faces.len()).map(|_| OnceLock::new()).collect(),
        }
    }
}

pub struct Shaper<'a> {
    fonts: &'a SheetFonts,
    parsed: Vec<OnceLock<Option<(ttf_parser::Face<'a>, f32)>>>,
}

impl<'a> Shaper<'a> {
    fn face(&self, i: usize) -> Option<&(ttf_parser::Face<'a>, f32)> {
        self.parsed[i]
            .get_or_init(|| {
                let f = self.fonts.faces[i].parse()?;
                let upem = f.units_per_em().max(1) as f32;
                Some((f, upem))
            })
            .as_ref()
    }

    /// The glyph for `c` in the first face of `role`'s chain that has one.
    pub fn glyph(&self, role: Role, c: char) -> Option<Glyph> {
        let c = if c == '\t' { ' ' } else { c };
        for &i in self.fonts.chains.get(&role)? {
            let Some((f, upem)) = self.face(i) else {
                continue;
            };
            if let Some(g) = f.glyph_index(c).filter(|g| g.0 != 0) {
                let advance = f.glyph_hor_advance(g).unwrap_or(0) as f32 / upem;
                return Some(Glyph {
                    face: i,
                    gid: g.0,
                    ch: c,
                    advance,
                });
            }
        }
        None
    }
}
