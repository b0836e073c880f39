//! Font subsets as a PDF embeds them: the program cut to the glyphs used
//! (bare CFF as CIDFontType0C, TrueType as CIDFontType2), their widths and
//! a ToUnicode map, named with a tag derived from the glyphs they hold.

use std::collections::BTreeMap;

use pdf_writer::types::{SystemInfo, UnicodeCmap};
use pdf_writer::{Name, Str};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use crate::typeset::fonts::FontSet;
use crate::typeset::page::{Mark, Page};

/// Glyphs of one face a document uses: glyph id → character and advance in em.
pub type GlyphSet = BTreeMap<u16, (char, f32)>;

/// A font that cannot be subset (an unreadable or unsupported file).
#[derive(Debug, Clone, PartialEq)]
pub struct SubsetError {
    pub face: String,
    pub reason: String,
}

impl std::fmt::Display for SubsetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.diagnostic().message)
    }
}

impl SubsetError {
    pub fn diagnostic(&self) -> crate::diag::Diagnostic {
        crate::diag!(
            Error,
            "font-subset-failed",
            face = &self.face,
            reason = &self.reason
        )
    }
}

/// A subset of one face, ready to embed: program and ToUnicode compressed.
pub struct FontPart {
    pub face: usize,
    pub base_name: String,
    /// Original glyph id → CID in the subset.
    pub cids: BTreeMap<u16, u16>,
    pub widths: Vec<f32>,
    pub cff: bool,
    /// The program is the bare CFF table (no name or metrics tables to carry).
    pub bare: bool,
    pub program: Vec<u8>,
    pub to_unicode: Vec<u8>,
}

impl FontPart {
    /// Subset `face` to `glyphs`, numbered as `remapper` numbered them;
    /// `cut` says how a CFF face is cut.
    pub fn build(
        fonts: &FontSet,
        face: usize,
        remapper: &GlyphRemapper,
        glyphs: &GlyphSet,
        cut: Cut,
    ) -> Result<FontPart, SubsetError> {
        Self::build_at(fonts, face, remapper, glyphs, cut, 6)
    }

    /// [`FontPart::build`] with the program compressed at Flate `level`.
    pub fn build_at(
        fonts: &FontSet,
        face: usize,
        remapper: &GlyphRemapper,
        glyphs: &GlyphSet,
        cut: Cut,
        level: u8,
    ) -> Result<FontPart, SubsetError> {
        let (program, cff, bare) = embedded(fonts, face, remapper, cut, level)?;
        let cids: BTreeMap<u16, u16> = glyphs
            .keys()
            .map(|&gid| (gid, remapper.get(gid).unwrap_or(0)))
            .collect();
        let n = cids.values().max().copied().unwrap_or(0) as usize + 1;
        let mut widths = vec![0.0; n];
        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info());
        for (gid, cid) in &cids {
            let (ch, em) = glyphs[gid];
            widths[*cid as usize] = em * 1000.0;
            cmap.pair(*cid, ch);
        }
        Ok(FontPart {
            face,
            base_name: format!(
                "{}+{}",
                subset_tag(fonts.ps_name(face), cids.keys()),
                fonts.ps_name(face)
            ),
            cids,
            widths,
            cff,
            bare,
            program,
            to_unicode: deflate(&cmap.finish()),
        })
    }
}

/// How a CFF face is cut to a subset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Cut {
    /// From the build's cache of flattened glyph programs.
    #[default]
    Cached,
    /// By subsetter from the whole face: the reference the cached cut is
    /// checked against (tests/font_subsets.rs).
    Subsetter,
}

/// The compressed program a PDF embeds for `face` cut to `remapper`'s
/// glyphs, whether its outlines are CFF, and whether it is a bare CFF. A
/// CFF face is cut from the build's cache of its glyph programs; TrueType
/// (and a CFF the cache cannot read) by subsetter.
fn embedded(
    fonts: &FontSet,
    face: usize,
    remapper: &GlyphRemapper,
    cut: Cut,
    level: u8,
) -> Result<(Vec<u8>, bool, bool), SubsetError> {
    if cut == Cut::Cached {
        let gids: Vec<u16> = remapper.remapped_gids().collect();
        if let Some(bare) = fonts.cff(face).and_then(|p| p.subset(&gids)) {
            return Ok((deflate_at(&bare, level), true, true));
        }
    }
    let otf = program(fonts, face, remapper)?;
    let cff = otf.starts_with(b"OTTO");
    Ok(match cff.then(|| cid_keyed_cff(&otf)).flatten() {
        Some(bare) => (deflate_at(bare, level), true, true),
        None => (deflate_at(&otf, level), cff, false),
    })
}

/// The font program of `face` cut to the glyphs of `remapper`, numbered
/// as it numbered them: an OpenType (CFF) or TrueType file without `cmap`.
pub fn program(
    fonts: &FontSet,
    face: usize,
    remapper: &GlyphRemapper,
) -> Result<Vec<u8>, SubsetError> {
    let err = |reason: String| SubsetError {
        face: fonts.faces[face].label.clone(),
        reason,
    };
    let bytes = fonts
        .data(face)
        .ok_or_else(|| err(crate::t!("font-file-unreadable")))?;
    subsetter::subset(bytes, fonts.faces[face].index, remapper).map_err(|e| err(e.to_string()))
}

/// Six uppercase letters derived from the face and the glyphs of a subset:
/// the same subset gets the same tag in every build, different subsets of
/// one face get different tags.
pub fn subset_tag<'a>(face: &str, gids: impl Iterator<Item = &'a u16>) -> String {
    let mut hash = Sha256::new();
    hash.update(face.as_bytes());
    for gid in gids {
        hash.update(gid.to_be_bytes());
    }
    hash.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// The `CFF ` table of a subset OpenType font, which a PDF embeds as
/// CIDFontType0C: subsetter writes every CFF font CID-keyed.
fn cid_keyed_cff(otf: &[u8]) -> Option<&[u8]> {
    let be16 = |at: usize| Some(u16::from_be_bytes(otf.get(at..at + 2)?.try_into().ok()?));
    let be32 = |at: usize| Some(u32::from_be_bytes(otf.get(at..at + 4)?.try_into().ok()?));
    let tables = be16(4)? as usize;
    for i in 0..tables {
        let rec = 12 + 16 * i;
        if otf.get(rec..rec + 4)? == b"CFF " {
            let (off, len) = (be32(rec + 8)? as usize, be32(rec + 12)? as usize);
            return otf.get(off..off.checked_add(len)?);
        }
    }
    None
}

pub fn system_info() -> SystemInfo<'static> {
    SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    }
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    deflate_at(data, 6)
}

/// Flate at `level` (0–10): see [`super::writer::PdfWriter::quick_pages`].
/// The same bytes as `miniz_oxide::deflate::compress_to_vec_zlib`, with
/// one compressor a thread, reset between calls: a fresh one allocates and
/// zeroes some 300 KB, more than compressing a receipt's stream costs.
pub fn deflate_at(data: &[u8], level: u8) -> Vec<u8> {
    use miniz_oxide::deflate::core::{compress, CompressorOxide, TDEFLFlush, TDEFLStatus};
    use miniz_oxide::DataFormat;
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Option<Box<CompressorOxide>>> =
            const { std::cell::RefCell::new(None) };
    }
    COMPRESSOR.with_borrow_mut(|slot| {
        let c = slot.get_or_insert_with(Box::default);
        c.reset();
        c.set_format_and_level(DataFormat::Zlib, level);
        let mut out = vec![0; (data.len() / 2).max(64)];
        let (mut input, mut at) = (data, 0);
        loop {
            let (status, read, written) = compress(c, input, &mut out[at..], TDEFLFlush::Finish);
            at += written;
            input = &input[read..];
            match status {
                TDEFLStatus::Done => break,
                TDEFLStatus::Okay if out.len() - at < 64 => out.resize(out.len() * 2, 0),
                TDEFLStatus::Okay => {}
                // Only a bad parameter fails, and these are fixed.
                _ => return miniz_oxide::deflate::compress_to_vec_zlib(data, level),
            }
        }
        out.truncate(at);
        out
    })
}

/// Subsets shared by many documents, one per face: the text every paper
/// of a kind has (made and compressed once, embedded in each).
#[derive(Default)]
pub struct SharedFonts {
    pub parts: BTreeMap<usize, FontPart>,
}

impl SharedFonts {
    /// Subsets of every glyph in `pages` (e.g. blank papers of every kind,
    /// holding the template text and no personal data).
    pub fn from_pages<'p>(
        fonts: &FontSet,
        pages: impl IntoIterator<Item = &'p Page>,
    ) -> Result<SharedFonts, SubsetError> {
        Self::from_pages_at(fonts, pages, 6)
    }

    /// [`SharedFonts::from_pages`] with the programs compressed at Flate
    /// `level`, the faces cut side by side.
    pub fn from_pages_at<'p>(
        fonts: &FontSet,
        pages: impl IntoIterator<Item = &'p Page>,
        level: u8,
    ) -> Result<SharedFonts, SubsetError> {
        let mut used: BTreeMap<usize, GlyphSet> = BTreeMap::new();
        for page in pages {
            for mark in &page.marks {
                if let Mark::Text(run) = mark {
                    let set = used.entry(run.face).or_default();
                    for g in &run.glyphs {
                        set.entry(g.id).or_insert((g.text, g.em));
                    }
                }
            }
        }
        let used: Vec<(usize, GlyphSet)> = used.into_iter().collect();
        let parts = used
            .into_par_iter()
            .map(|(face, glyphs)| {
                let mut remapper = GlyphRemapper::new();
                for &gid in glyphs.keys() {
                    remapper.remap(gid);
                }
                FontPart::build_at(fonts, face, &remapper, &glyphs, Cut::Cached, level)
                    .map(|part| (face, part))
            })
            .collect::<Result<BTreeMap<_, _>, _>>()?;
        Ok(SharedFonts { parts })
    }

    /// A fingerprint of the shared glyph sets (they decide every paper's bytes).
    pub fn fingerprint(&self) -> String {
        self.parts
            .values()
            .map(|p| p.base_name.clone())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The CID of `gid` of `face` in the shared subset, when it has it.
    pub fn cid(&self, face: usize, gid: u16) -> Option<u16> {
        self.parts.get(&face)?.cids.get(&gid).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deflate_gives_the_bytes_of_a_fresh_compressor_at_every_level() {
        let text: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 % 7 + b'a')
            .collect();
        for level in [0, 1, 2, 6, 9, 10] {
            for data in [&text[..], &text[..10], b"", &text[..70_000]] {
                let want = miniz_oxide::deflate::compress_to_vec_zlib(data, level);
                assert_eq!(
                    deflate_at(data, level),
                    want,
                    "level {level}, {} bytes",
                    data.len()
                );
            }
        }
    }

    #[test]
    fn subset_tags_are_six_uppercase_letters_from_the_glyphs() {
        let a = subset_tag("FandolFang-Regular", [1u16, 2, 3].iter());
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag("FandolFang-Regular", [1u16, 2, 3].iter()));
        assert_ne!(a, subset_tag("FandolFang-Regular", [1u16, 2, 4].iter()));
    }
}
