//! Font subsets as a PDF embeds them: the program cut to the glyphs used
//! (bare CFF as CIDFontType0C, TrueType as CIDFontType2), their widths and
//! a ToUnicode map, named with a tag derived from the glyphs they hold.

use std::collections::BTreeMap;

use pdf_writer::types::SystemInfo;
use pdf_writer::Str;
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

pub use super::shared::{cids_of, glyphs_in, SharedFonts};
use crate::render::flate::deflate;
use crate::typeset::fonts::FontSet;

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
    /// Face `face` of `fonts` could not be cut, for `reason`.
    pub fn new(fonts: &FontSet, face: usize, reason: impl Into<String>) -> SubsetError {
        SubsetError {
            face: fonts.faces[face].label.clone(),
            reason: reason.into(),
        }
    }

    pub fn diagnostic(&self) -> crate::diag::Diagnostic {
        crate::diag!(
            Error,
            "font-subset-failed",
            face = &self.face,
            reason = &self.reason
        )
    }
}

/// A glyph of a subset: its id in the face, its CID, its character and
/// its advance in em.
#[derive(Clone, Copy)]
pub struct Numbered {
    pub gid: u16,
    pub cid: u16,
    pub text: char,
    pub em: f32,
}

/// A subset of one face, ready to embed: program and ToUnicode compressed.
#[derive(Clone)]
pub struct FontPart {
    pub face: usize,
    pub base_name: String,
    /// (CID, advance in 1/1000 em), by CID.
    pub widths: Vec<(u16, f32)>,
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
        let (program, cff, bare) = embedded(fonts, face, remapper, cut)?;
        let mut numbered: Vec<Numbered> = glyphs
            .iter()
            .map(|(&gid, &(text, em))| Numbered {
                gid,
                cid: remapper.get(gid).unwrap_or(0),
                text,
                em,
            })
            .collect();
        numbered.sort_unstable_by_key(|g| g.cid);
        let text: Vec<(u16, char)> = numbered.iter().map(|g| (g.cid, g.text)).collect();
        let to_unicode = deflate(&super::cidmaps::to_unicode(&text));
        Ok(FontPart::new(
            fonts, face, &numbered, program, to_unicode, cff, bare,
        ))
    }

    /// The base font name of a subset of `glyphs` (by CID): its tag and the
    /// face's PostScript name.
    pub fn name(fonts: &FontSet, face: usize, glyphs: &[Numbered]) -> String {
        let ps = fonts.ps_name(face);
        format!("{}+{ps}", subset_tag(ps, glyphs.iter().map(|g| &g.gid)))
    }

    /// The part of `glyphs` (by CID) around its compressed `program` and
    /// ToUnicode map.
    pub fn new(
        fonts: &FontSet,
        face: usize,
        glyphs: &[Numbered],
        program: Vec<u8>,
        to_unicode: Vec<u8>,
        cff: bool,
        bare: bool,
    ) -> FontPart {
        FontPart {
            face,
            base_name: FontPart::name(fonts, face, glyphs),
            widths: glyphs.iter().map(|g| (g.cid, g.em * 1000.0)).collect(),
            cff,
            bare,
            program,
            to_unicode,
        }
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
) -> Result<(Vec<u8>, bool, bool), SubsetError> {
    if cut == Cut::Cached {
        let gids: Vec<u16> = remapper.remapped_gids().collect();
        if let Some(bare) = fonts.cff(face).and_then(|p| p.subset(&gids)) {
            return Ok((deflate(&bare), true, true));
        }
    }
    let otf = program(fonts, face, remapper)?;
    let cff = otf.starts_with(b"OTTO");
    Ok(match cff.then(|| cid_keyed_cff(&otf)).flatten() {
        Some(bare) => (deflate(bare), true, true),
        None => (deflate(&otf), cff, false),
    })
}

/// The font program of `face` cut to the glyphs of `remapper`, numbered
/// as it numbered them: an OpenType (CFF) or TrueType file without `cmap`.
pub fn program(
    fonts: &FontSet,
    face: usize,
    remapper: &GlyphRemapper,
) -> Result<Vec<u8>, SubsetError> {
    let err = |reason: String| SubsetError::new(fonts, face, reason);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_uppercase_letters_from_the_glyphs() {
        let a = subset_tag("FandolFang-Regular", [1u16, 2, 3].iter());
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag("FandolFang-Regular", [1u16, 2, 3].iter()));
        assert_ne!(a, subset_tag("FandolFang-Regular", [1u16, 2, 4].iter()));
    }
}
