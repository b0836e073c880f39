//! Subsets shared by many documents: the text every paper of a kind has,
//! cut and compressed once per run and embedded in each paper as bytes.
//!
//! The shared glyphs of a face are numbered once (CIDs in Unicode order).
//! Besides the subset of them all, the glyphs of each blank page (the
//! blank receipt of one category) are cut under the same numbers. A paper
//! draws a face with one font: the cut that costs it least, plus the
//! shared glyphs the cut lacks and the paper's own glyphs (numbered after
//! the shared ones). Its program is joined from Deflate pieces: the cut's
//! charstrings, compressed once, between the paper's header, stored as it
//! is, and its other glyphs, compressed as they are made.
//!
//! The notice shares its subsets too, between its two fixed-layout files:
//! one cut of each face, holding all of its glyphs ([`SharedFonts::whole`]),
//! which the PDF and the OFD both embed.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rayon::prelude::*;
use subsetter::GlyphRemapper;

use super::cidmaps;
use super::subset::{Cut, FontPart, GlyphSet, Numbered, SubsetError};
use crate::render::flate::{deflate_at, join, Deflated, LEVEL, QUICK};
use crate::typeset::fonts::FontSet;
use crate::typeset::page::{Mark, Page};

/// The Flate level of what papers share: made once a run, libdeflate's
/// hardest search costs milliseconds and saved 222 B a receipt (0.6 %)
/// over level 6.
const ONCE_LEVEL: u8 = 12;

/// The shared subsets of every face, by face.
#[derive(Default)]
pub struct SharedFonts {
    faces: BTreeMap<usize, SharedFace>,
}

struct SharedFace {
    /// Glyph id → CID, for every shared glyph.
    cids: BTreeMap<u16, u16>,
    /// Every shared glyph by CID (index 0 unused), with its charstring's size.
    glyphs: Vec<(Numbered, usize)>,
    /// The cuts to choose from, smallest first; one holds every glyph.
    cuts: Vec<Piece>,
    /// Papers draw their own glyphs in the same font, from this CID on
    /// (the face is cut from the glyph cache); else in a font of their own.
    own_from: Option<u16>,
    /// The Flate level of the cuts' programs.
    level: u8,
}

/// One cut of a face's shared glyphs. Its bytes are made on first use: a
/// build that makes no paper (a rebuild with nothing changed) makes none.
struct Piece {
    /// A bit a CID it holds.
    has: Vec<u64>,
    /// Its glyphs by CID, .notdef left out.
    glyphs: Vec<Numbered>,
    /// The size of their charstrings.
    raw: usize,
    /// Its font name (which the fingerprint lists).
    name: String,
    /// Their charstrings compressed.
    charstrings: OnceLock<Option<Deflated>>,
    /// The cut on its own, for a paper drawing nothing else of the face.
    part: OnceLock<Option<FontPart>>,
}

impl Piece {
    fn charstrings(&self, fonts: &FontSet, face: usize, level: u8) -> Option<&Deflated> {
        let made = self.charstrings.get_or_init(|| {
            let program = fonts.cff(face)?;
            let mut data = Vec::with_capacity(self.raw);
            for g in &self.glyphs {
                data.extend_from_slice(program.charstring(g.gid)?);
            }
            Some(Deflated::at(&data, level))
        });
        made.as_ref()
    }

    fn part(&self, fonts: &FontSet, face: usize, level: u8) -> Option<&FontPart> {
        let made = self.part.get_or_init(|| {
            // Compressed whole: made once a run, it need not be joined.
            let (gids, cids): (Vec<u16>, Vec<u16>) = std::iter::once((0, 0))
                .chain(self.glyphs.iter().map(|g| (g.gid, g.cid)))
                .unzip();
            let (mut bare, tail) = fonts.cff(face)?.subset_around(&gids, &cids, 0)?;
            bare.extend_from_slice(&tail);
            let text: Vec<(u16, char)> = self.glyphs.iter().map(|g| (g.cid, g.text)).collect();
            // The notice's programs are at level 1 for speed; its maps are
            // small, and stay at the default or above.
            let to_unicode = deflate_at(&cidmaps::to_unicode(&text), level.max(LEVEL));
            let program = deflate_at(&bare, level);
            Some(FontPart::new(
                fonts,
                face,
                &self.glyphs,
                program,
                to_unicode,
                true,
                true,
            ))
        });
        made.as_ref()
    }
}

/// The glyphs of each face `pages` draw, each with the character and
/// advance it first has.
pub fn glyphs_in<'p>(pages: impl IntoIterator<Item = &'p Page>) -> BTreeMap<usize, GlyphSet> {
    let mut used: BTreeMap<usize, GlyphSet> = BTreeMap::new();
    for mark in pages.into_iter().flat_map(|p| &p.marks) {
        if let Mark::Text(run) = mark {
            let set = used.entry(run.face).or_default();
            for g in &run.glyphs {
                set.entry(g.id).or_insert((g.text, g.em));
            }
        }
    }
    used
}

/// How shared subsets number `glyphs` of a face: glyph id → CID, the CIDs
/// after .notdef's in the order of the glyphs' characters (the ToUnicode map and
/// widths come out as runs).
pub fn cids_of(glyphs: &GlyphSet) -> BTreeMap<u16, u16> {
    let mut order: Vec<(char, u16)> = glyphs.iter().map(|(&g, &(c, _))| (c, g)).collect();
    order.sort_unstable();
    let mut remapper = GlyphRemapper::new();
    (order.into_iter())
        .map(|(_, gid)| (gid, remapper.remap(gid)))
        .collect()
}

/// Set the bit of `cid` in `bits`.
pub fn mark(bits: &mut Vec<u64>, cid: u16) {
    let (word, bit) = (usize::from(cid) / 64, cid % 64);
    if bits.len() <= word {
        bits.resize(word + 1, 0);
    }
    bits[word] |= 1 << bit;
}

/// A bit each of `cids`.
fn bits<'c>(cids: impl Iterator<Item = &'c u16>) -> Vec<u64> {
    let mut b = Vec::new();
    for &c in cids {
        mark(&mut b, c);
    }
    b
}

/// The CIDs of `drawn` that `has` lacks.
fn lacking<'b>(drawn: &'b [u64], has: &'b [u64]) -> impl Iterator<Item = u16> + 'b {
    drawn.iter().enumerate().flat_map(move |(k, &d)| {
        let mut left = d & !has.get(k).copied().unwrap_or(0);
        std::iter::from_fn(move || {
            (left != 0).then(|| {
                let bit = left.trailing_zeros();
                left &= left - 1;
                (k * 64) as u16 + bit as u16
            })
        })
    })
}

impl SharedFonts {
    /// Subsets of the glyphs in `pages` (blank papers of one kind, holding
    /// the template text and no personal data): of them all, and of each
    /// page's.
    pub fn from_pages<'p>(
        fonts: &FontSet,
        pages: impl IntoIterator<Item = &'p Page>,
    ) -> Result<SharedFonts, SubsetError> {
        let mut all: BTreeMap<usize, GlyphSet> = BTreeMap::new();
        let mut each: BTreeMap<usize, BTreeSet<BTreeSet<u16>>> = BTreeMap::new();
        for page in pages {
            for (face, glyphs) in glyphs_in([page]) {
                each.entry(face)
                    .or_default()
                    .insert(glyphs.keys().copied().collect());
                all.entry(face).or_default().extend(glyphs);
            }
        }
        let mut faces = BTreeMap::new();
        for (face, glyphs) in all {
            let mut sets = each.remove(&face).unwrap_or_default();
            sets.insert(glyphs.keys().copied().collect());
            // And none: a paper drawing a few shared glyphs takes just those.
            sets.insert(BTreeSet::new());
            faces.insert(
                face,
                SharedFace::new(fonts, face, &glyphs, &sets, ONCE_LEVEL)?,
            );
        }
        Ok(SharedFonts { faces })
    }

    /// One subset of each face `pages` draw, holding all its glyphs there,
    /// made now (the faces side by side) with the program compressed at
    /// Flate `level`: a document's fonts cut before it is written, so that
    /// another serializer of the same pages can embed the same programs.
    pub fn whole<'p>(
        fonts: &FontSet,
        pages: impl IntoIterator<Item = &'p Page>,
        level: u8,
    ) -> Result<SharedFonts, SubsetError> {
        let mut used: Vec<(usize, GlyphSet)> = glyphs_in(pages).into_iter().collect();
        // The largest first: one face (the body's) can be most of the work.
        used.sort_by_key(|(_, glyphs)| std::cmp::Reverse(glyphs.len()));
        let faces = (used.into_par_iter())
            .map(|(face, glyphs)| {
                let all = BTreeSet::from([glyphs.keys().copied().collect()]);
                let f = SharedFace::new(fonts, face, &glyphs, &all, level)?;
                f.whole()
                    .and_then(|p| p.part(fonts, face, level))
                    .ok_or_else(|| SubsetError::new(fonts, face, "a glyph program"))?;
                Ok((face, f))
            })
            .collect::<Result<BTreeMap<_, _>, SubsetError>>()?;
        Ok(SharedFonts { faces })
    }

    /// The subset of `face` holding every shared glyph, when it was made
    /// (always, by [`Self::whole`]).
    pub fn whole_part(&self, face: usize) -> Option<&FontPart> {
        self.faces.get(&face)?.whole()?.part.get()?.as_ref()
    }

    /// A fingerprint of the shared subsets and of how files are written
    /// (together they decide every paper's bytes).
    pub fn fingerprint(&self) -> String {
        let mut names = vec![format!("layout {}", super::writer::LAYOUT)];
        for face in self.faces.values() {
            names.extend(face.cuts.iter().map(|p| p.name.clone()));
        }
        names.join(",")
    }

    /// The CID of `gid` of `face` in the shared subsets, when they have it.
    pub fn cid(&self, face: usize, gid: u16) -> Option<u16> {
        self.faces.get(&face)?.cids.get(&gid).copied()
    }

    /// Where a paper's own glyphs of `face` are numbered from (after the
    /// shared ones), when it draws them in the shared font.
    pub fn own_base(&self, face: usize) -> Option<u16> {
        self.faces.get(&face)?.own_from
    }

    /// The font a paper embeds for `face`: it drew the shared CIDs `drawn`
    /// and, when the face merges, the glyphs `own` (numbered by the
    /// remapper from [`Self::own_base`] on).
    pub fn embed(
        &self,
        fonts: &FontSet,
        face: usize,
        drawn: &[u64],
        own: Option<(&GlyphRemapper, &GlyphSet)>,
    ) -> Result<Option<Cow<'_, FontPart>>, SubsetError> {
        let Some(f) = self.faces.get(&face) else {
            return Ok(None);
        };
        let fail = || SubsetError::new(fonts, face, "a glyph program");
        let Some(base) = f.own_from else {
            let cut = f
                .cuts
                .iter()
                .find(|p| lacking(drawn, &p.has).next().is_none());
            return Ok(cut.and_then(|p| p.part.get()?.as_ref()).map(Cow::Borrowed));
        };
        // A glyph the cut lacks costs its charstring, compressed for each
        // paper; one of the cut's about 7/8 of it, compressed already (a
        // cut the paper draws whole wins over the same glyphs one by one).
        let cost = |p: &Piece| {
            let more: usize = lacking(drawn, &p.has)
                .map(|c| f.glyphs[usize::from(c)].1)
                .sum();
            p.raw * 7 / 8 + more
        };
        let Some(cut) = f.cuts.iter().min_by_key(|p| cost(p)) else {
            return Ok(None);
        };
        let mut more: Vec<Numbered> = lacking(drawn, &cut.has)
            .map(|c| f.glyphs[usize::from(c)].0)
            .collect();
        if let Some((remapper, own)) = own {
            more.extend(own.iter().map(|(&gid, &(text, em))| Numbered {
                gid,
                cid: base + remapper.get(gid).unwrap_or(0),
                text,
                em,
            }));
        }
        if more.is_empty() {
            let part = cut.part(fonts, face, f.level).ok_or_else(fail)?;
            return Ok(Some(Cow::Borrowed(part)));
        }
        let part = joined(fonts, face, cut, &more, f.level).ok_or_else(fail)?;
        Ok(Some(Cow::Owned(part)))
    }
}

impl SharedFace {
    /// The glyphs of a face numbered as [`cids_of`] does, cut as each
    /// of `sets` (one of them every glyph), compressed at Flate `level`.
    fn new(
        fonts: &FontSet,
        face: usize,
        glyphs: &GlyphSet,
        sets: &BTreeSet<BTreeSet<u16>>,
        level: u8,
    ) -> Result<SharedFace, SubsetError> {
        let cids = cids_of(glyphs);
        let program = fonts.cff(face);
        let notdef = Numbered {
            gid: 0,
            cid: 0,
            text: '\0',
            em: 0.0,
        };
        let mut by_cid = vec![(notdef, 0); glyphs.len() + 1];
        for (&gid, &(text, em)) in glyphs {
            let cid = cids[&gid];
            let size = program
                .and_then(|p| p.charstring(gid))
                .map_or(256, <[u8]>::len);
            by_cid[usize::from(cid)] = (Numbered { gid, cid, text, em }, size);
        }
        let (mut cuts, own_from) = match program {
            Some(_) => {
                let cuts = sets.iter().map(|gids| {
                    let mut set: Vec<Numbered> = gids
                        .iter()
                        .map(|g| by_cid[usize::from(cids[g])].0)
                        .collect();
                    set.sort_unstable_by_key(|g| g.cid);
                    piece(fonts, face, set, |c| by_cid[usize::from(c)].1)
                });
                (cuts.collect(), Some(glyphs.len() as u16))
            }
            // Not from the glyph cache: the whole alone, as subsetter cuts it.
            None => {
                let mut in_order: Vec<(u16, u16)> = cids.iter().map(|(&g, &c)| (c, g)).collect();
                in_order.sort_unstable();
                let mut remapper = GlyphRemapper::new();
                for &(_, gid) in &in_order {
                    remapper.remap(gid);
                }
                let part = FontPart::build(fonts, face, &remapper, glyphs, Cut::Cached)?;
                let mut whole = piece(fonts, face, Vec::new(), |_| 0);
                whole.has = bits(cids.values());
                whole.name = part.base_name.clone();
                whole.part = OnceLock::from(Some(part));
                (vec![whole], None)
            }
        };
        cuts.sort_by_key(|p| p.raw);
        Ok(SharedFace {
            cids,
            glyphs: by_cid,
            cuts,
            own_from,
            level,
        })
    }

    /// The cut of every glyph: the largest.
    fn whole(&self) -> Option<&Piece> {
        self.cuts.last()
    }
}

/// The cut of `glyphs` (by CID) under their CIDs, whose charstrings are
/// `size` each.
fn piece(
    fonts: &FontSet,
    face: usize,
    glyphs: Vec<Numbered>,
    size: impl Fn(u16) -> usize,
) -> Piece {
    Piece {
        has: bits(glyphs.iter().map(|g| &g.cid)),
        raw: glyphs.iter().map(|g| size(g.cid)).sum(),
        name: FontPart::name(fonts, face, &glyphs),
        glyphs,
        charstrings: OnceLock::new(),
        part: OnceLock::new(),
    }
}

/// The font of `cut` and `more` glyphs: its CFF joined from the paper's
/// header, the cut's charstrings and the rest.
fn joined(
    fonts: &FontSet,
    face: usize,
    cut: &Piece,
    more: &[Numbered],
    level: u8,
) -> Option<FontPart> {
    let all: Vec<Numbered> = cut.glyphs.iter().chain(more).copied().collect();
    let (gids, cids): (Vec<u16>, Vec<u16>) = std::iter::once((0, 0))
        .chain(all.iter().map(|g| (g.gid, g.cid)))
        .unzip();
    let (head, tail) = fonts
        .cff(face)?
        .subset_around(&gids, &cids, cut.glyphs.len())?;
    let charstrings = cut.charstrings(fonts, face, level)?;
    // The header (a receipt's: 550 and 300 B, mostly the charstrings'
    // offsets) stored: compressing it saved 17 B a receipt and cost 7 %
    // of the build's CPU (libdeflate, and the walk that opens its stream).
    let program = join(&[&Deflated::stored(&head), charstrings], &tail, QUICK);
    let mut sorted = all;
    sorted.sort_unstable_by_key(|g| g.cid);
    // Compressed whole: a tenth smaller than joined from pieces.
    let text: Vec<(u16, char)> = sorted.iter().map(|g| (g.cid, g.text)).collect();
    let to_unicode = deflate_at(&cidmaps::to_unicode(&text), QUICK);
    Some(FontPart::new(
        fonts, face, &sorted, program, to_unicode, true, true,
    ))
}
