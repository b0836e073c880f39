//! Subsets shared by many documents: the text every paper of a kind has,
//! cut and compressed once per run and embedded in each paper as bytes.
//!
//! The shared glyphs of a face are numbered once (CIDs in Unicode order).
//! Besides the subset of them all, the glyphs of each blank page (the
//! blank receipt of one category) are cut under the same numbers. A paper
//! draws a face with one font: the cut that costs it least, plus the
//! shared glyphs the cut lacks and the paper's own glyphs (numbered after
//! the shared ones). Its program is joined from Deflate pieces: the cut's
//! charstrings, compressed once, between the paper's small header and its
//! own glyphs, compressed as it is made.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use subsetter::GlyphRemapper;

use super::subset::{deflate, deflate_piece, Cut, FontPart, GlyphSet, SubsetError};
use crate::typeset::fonts::FontSet;
use crate::typeset::page::{Mark, Page};

/// The shared subsets of every face, by face.
#[derive(Default)]
pub struct SharedFonts {
    faces: BTreeMap<usize, SharedFace>,
}

struct SharedFace {
    /// Glyph id → CID, for every shared glyph.
    cids: BTreeMap<u16, u16>,
    /// Character and advance of every shared glyph.
    glyphs: GlyphSet,
    /// The cuts to choose from, smallest first; the first that holds
    /// every glyph is the whole.
    cuts: Vec<Piece>,
    /// Papers draw their own glyphs in the same font (the face is cut from
    /// the glyph cache); else in a font of their own beside the cut.
    merges: bool,
}

/// One cut of a face's shared glyphs.
struct Piece {
    /// A bit a CID it holds.
    has: Vec<u64>,
    /// The cut on its own, for a paper drawing nothing else of the face.
    part: FontPart,
    /// Its glyph ids by CID, .notdef left out.
    gids: Vec<u16>,
    /// Their charstrings as one Deflate piece, and their length.
    charstrings: Vec<u8>,
    raw: usize,
}

/// The glyphs of each face in `page`.
fn glyphs_of(page: &Page) -> BTreeMap<usize, GlyphSet> {
    let mut used: BTreeMap<usize, GlyphSet> = BTreeMap::new();
    for mark in &page.marks {
        if let Mark::Text(run) = mark {
            let set = used.entry(run.face).or_default();
            for g in &run.glyphs {
                set.entry(g.id).or_insert((g.text, g.em));
            }
        }
    }
    used
}

/// Set the bit of `cid` in `bits`.
pub fn mark(bits: &mut Vec<u64>, cid: u16) {
    let (word, bit) = (usize::from(cid) / 64, cid % 64);
    if bits.len() <= word {
        bits.resize(word + 1, 0);
    }
    bits[word] |= 1 << bit;
}

fn bits<'c>(cids: impl Iterator<Item = &'c u16>) -> Vec<u64> {
    let mut b = Vec::new();
    for &c in cids {
        mark(&mut b, c);
    }
    b
}

fn has(bits: &[u64], cid: u16) -> bool {
    bits.get(usize::from(cid) / 64)
        .is_some_and(|w| w >> (cid % 64) & 1 == 1)
}

/// The set bits of `bits`, as CIDs.
fn cids_of(bits: &[u64]) -> impl Iterator<Item = u16> + '_ {
    (0..bits.len() * 64)
        .map(|c| c as u16)
        .filter(|&c| has(bits, c))
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
            for (face, glyphs) in glyphs_of(page) {
                each.entry(face)
                    .or_default()
                    .insert(glyphs.keys().copied().collect());
                all.entry(face).or_default().extend(glyphs);
            }
        }
        let mut faces = BTreeMap::new();
        for (face, glyphs) in all {
            // CIDs in Unicode order: the ToUnicode map and widths come out as runs.
            let mut order: Vec<(char, u16)> = glyphs.iter().map(|(&g, &(c, _))| (c, g)).collect();
            order.sort_unstable();
            let mut remapper = GlyphRemapper::new();
            for (_, gid) in order {
                remapper.remap(gid);
            }
            let cids: BTreeMap<u16, u16> = glyphs
                .keys()
                .map(|&g| (g, remapper.get(g).unwrap_or(0)))
                .collect();
            let mut sets = each.remove(&face).unwrap_or_default();
            sets.insert(cids.keys().copied().collect());
            let cuts: Option<Vec<Piece>> = sets
                .iter()
                .map(|gids| piece(fonts, face, &glyphs, &cids, gids))
                .collect();
            let merges = cuts.is_some();
            let mut cuts = match cuts {
                Some(cuts) => cuts,
                // Not from the glyph cache: the whole alone, as subsetter cuts it.
                None => vec![Piece {
                    has: bits(cids.values()),
                    part: FontPart::build(fonts, face, &remapper, &glyphs, Cut::Cached)?,
                    gids: Vec::new(),
                    charstrings: Vec::new(),
                    raw: 0,
                }],
            };
            cuts.sort_by_key(|p| p.charstrings.len() + p.part.program.len());
            faces.insert(
                face,
                SharedFace {
                    cids,
                    glyphs,
                    cuts,
                    merges,
                },
            );
        }
        Ok(SharedFonts { faces })
    }

    /// A fingerprint of the shared subsets and of how files are written
    /// (together they decide every paper's bytes).
    pub fn fingerprint(&self) -> String {
        let mut names = vec![format!("layout {}", super::writer::LAYOUT)];
        for face in self.faces.values() {
            names.extend(face.cuts.iter().map(|p| p.part.base_name.clone()));
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
        let f = self.faces.get(&face).filter(|f| f.merges)?;
        f.cids.values().max().copied()
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
        let extra = |p: &Piece| {
            cids_of(drawn)
                .filter(|&c| !has(&p.has, c))
                .collect::<Vec<_>>()
        };
        if !f.merges {
            let cut = f.cuts.iter().find(|p| extra(p).is_empty());
            return Ok(cut.map(|p| Cow::Borrowed(&p.part)));
        }
        let by_cid: BTreeMap<u16, u16> = f.cids.iter().map(|(&g, &c)| (c, g)).collect();
        let program = fonts.cff(face);
        // A glyph the cut lacks costs about its charstring.
        let cost = |p: &Piece| {
            let lacking: usize = extra(p)
                .iter()
                .map(|c| {
                    program
                        .and_then(|pr| pr.glyph_len(by_cid[c]))
                        .unwrap_or(256)
                })
                .sum();
            p.charstrings.len() + lacking * 7 / 8
        };
        let Some(cut) = f.cuts.iter().min_by_key(|p| cost(p)) else {
            return Ok(None);
        };
        let own = own.filter(|(_, g)| !g.is_empty());
        let lacking = extra(cut);
        if lacking.is_empty() && own.is_none() {
            return Ok(Some(Cow::Borrowed(&cut.part)));
        }
        let base = self.own_base(face).unwrap_or(0);
        let mut glyphs: Vec<(u16, u16)> = vec![(0, 0)];
        glyphs.extend(cut.gids.iter().map(|g| (*g, f.cids[g])));
        glyphs.extend(lacking.iter().map(|c| (by_cid[c], *c)));
        let mut set = f.glyphs.clone();
        if let Some((remapper, own)) = own {
            glyphs.extend(
                own.keys()
                    .map(|&g| (g, base + remapper.get(g).unwrap_or(0))),
            );
            set.extend(own.iter().map(|(&g, &v)| (g, v)));
        }
        let err = |reason: &str| SubsetError {
            face: fonts.faces[face].label.clone(),
            reason: reason.to_string(),
        };
        let joined = join(fonts, face, cut, &glyphs).ok_or_else(|| err("a glyph program"))?;
        let cids = glyphs[1..].iter().copied().collect();
        Ok(Some(Cow::Owned(FontPart::assemble(
            fonts, face, cids, &set, joined, true, true,
        ))))
    }
}

/// The subset of `gids` under their CIDs of the whole, with its
/// charstrings compressed apart; `None` when the face is not cut from the
/// glyph cache.
fn piece(
    fonts: &FontSet,
    face: usize,
    glyphs: &GlyphSet,
    cids: &BTreeMap<u16, u16>,
    gids: &BTreeSet<u16>,
) -> Option<Piece> {
    let mut order: Vec<(u16, u16)> = gids.iter().map(|g| (cids[g], *g)).collect();
    order.sort_unstable();
    let program = fonts.cff(face)?;
    let (numbers, ids): (Vec<u16>, Vec<u16>) = std::iter::once((0, 0)).chain(order).unzip();
    let (bare, at) = program.subset_as(&ids, &numbers)?;
    let raw: usize = ids[1..]
        .iter()
        .map(|&g| program.glyph_len(g))
        .sum::<Option<usize>>()?;
    let own: BTreeMap<u16, u16> = gids.iter().map(|g| (*g, cids[g])).collect();
    Some(Piece {
        has: bits(own.values()),
        part: FontPart::assemble(fonts, face, own, glyphs, deflate(&bare), true, true),
        gids: ids[1..].to_vec(),
        charstrings: deflate_piece(bare.get(at..at + raw)?, false),
        raw,
    })
}

/// The zlib stream of the CFF of `glyphs` ((glyph id, CID), .notdef first,
/// then `cut`'s glyphs in its order), joined from its header compressed
/// now, the cut's charstrings compressed before, and the rest now.
fn join(fonts: &FontSet, face: usize, cut: &Piece, glyphs: &[(u16, u16)]) -> Option<Vec<u8>> {
    let (gids, cids): (Vec<u16>, Vec<u16>) = glyphs.iter().copied().unzip();
    let (bare, at) = fonts.cff(face)?.subset_as(&gids, &cids)?;
    let head = deflate_piece(&bare[..at], false);
    let tail = deflate_piece(bare.get(at + cut.raw..)?, true);
    let mut out = Vec::with_capacity(head.len() + cut.charstrings.len() + tail.len() + 6);
    // The header miniz writes at level 6 (32 KB window, default level).
    out.extend_from_slice(&[0x78, 0x9c]);
    out.extend_from_slice(&head);
    out.extend_from_slice(&cut.charstrings);
    out.extend_from_slice(&tail);
    out.extend_from_slice(&adler2::adler32_slice(&bare).to_be_bytes());
    Some(out)
}
