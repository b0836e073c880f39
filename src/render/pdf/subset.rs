//! Font subsets as a PDF embeds them: the program cut to the glyphs used
//! (bare CFF as CIDFontType0C, TrueType as CIDFontType2), their widths and
//! a ToUnicode map, named with a tag derived from the glyphs they hold.

use std::collections::BTreeMap;

use pdf_writer::types::SystemInfo;
use pdf_writer::Str;
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

pub use super::shared::SharedFonts;
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
        let ps = fonts.ps_name(face);
        FontPart {
            face,
            base_name: format!("{}+{ps}", subset_tag(ps, glyphs.iter().map(|g| &g.gid))),
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
    use miniz_oxide::deflate::core::TDEFLFlush;
    use miniz_oxide::DataFormat;
    compress(data, level, DataFormat::Zlib, TDEFLFlush::Finish)
        .unwrap_or_else(|| miniz_oxide::deflate::compress_to_vec_zlib(data, level))
}

/// Data compressed on its own as raw Deflate blocks ending on a byte
/// boundary: pieces compressed apart (one once for many documents, one
/// for each) join into one zlib stream ([`join`]).
#[derive(Clone)]
pub struct Deflated {
    bytes: Vec<u8>,
    len: usize,
    adler: u32,
}

impl Deflated {
    pub fn new(data: &[u8]) -> Deflated {
        use miniz_oxide::deflate::core::TDEFLFlush;
        use miniz_oxide::DataFormat;
        Deflated {
            bytes: compress(data, 6, DataFormat::Raw, TDEFLFlush::Sync).unwrap_or_default(),
            len: data.len(),
            adler: adler2::adler32_slice(data),
        }
    }

    /// Its size compressed.
    pub fn size(&self) -> usize {
        self.bytes.len()
    }
}

/// One zlib stream of what `pieces` hold, then `last` (compressed now).
pub fn join(pieces: &[&Deflated], last: &[u8]) -> Vec<u8> {
    use miniz_oxide::deflate::core::TDEFLFlush;
    use miniz_oxide::DataFormat;
    let end = compress(last, 6, DataFormat::Raw, TDEFLFlush::Finish).unwrap_or_default();
    let size: usize = pieces.iter().map(|p| p.bytes.len()).sum();
    let mut out = Vec::with_capacity(2 + size + end.len() + 4);
    // The header miniz writes at level 6 (32 KB window, default level).
    out.extend_from_slice(&[0x78, 0x9c]);
    let mut adler = 1;
    for p in pieces {
        out.extend_from_slice(&p.bytes);
        adler = adler_combine(adler, p.adler, p.len);
    }
    out.extend_from_slice(&end);
    adler = adler_combine(adler, adler2::adler32_slice(last), last.len());
    out.extend_from_slice(&adler.to_be_bytes());
    out
}

/// The Adler-32 of two strings joined, from theirs and the second's length.
fn adler_combine(first: u32, second: u32, len: usize) -> u32 {
    const MOD: u64 = 65521;
    let rem = len as u64 % MOD;
    let (a1, b1) = (u64::from(first & 0xffff), u64::from(first >> 16));
    let (a2, b2) = (u64::from(second & 0xffff), u64::from(second >> 16));
    let a = (a1 + a2 + MOD - 1) % MOD;
    let b = (rem * a1 + b1 + b2 + MOD - rem) % MOD;
    (b << 16 | a) as u32
}

/// `data` through this thread's compressor; `None` only for a bad
/// parameter, and these are fixed.
fn compress(
    data: &[u8],
    level: u8,
    format: miniz_oxide::DataFormat,
    flush: miniz_oxide::deflate::core::TDEFLFlush,
) -> Option<Vec<u8>> {
    use miniz_oxide::deflate::core::{compress, CompressorOxide, TDEFLFlush, TDEFLStatus};
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Option<Box<CompressorOxide>>> =
            const { std::cell::RefCell::new(None) };
    }
    COMPRESSOR.with_borrow_mut(|slot| {
        let c = slot.get_or_insert_with(Box::default);
        c.reset();
        c.set_format_and_level(format, level);
        let mut out = vec![0; (data.len() / 2).max(64)];
        let (mut input, mut at) = (data, 0);
        loop {
            let (status, read, written) = compress(c, input, &mut out[at..], flush);
            at += written;
            input = &input[read..];
            let room = out.len() - at >= 64;
            match status {
                TDEFLStatus::Done => break,
                // A sync flush is done when all is read and the output had room.
                TDEFLStatus::Okay if flush == TDEFLFlush::Sync && input.is_empty() && room => break,
                TDEFLStatus::Okay if !room => out.resize(out.len() * 2, 0),
                TDEFLStatus::Okay => {}
                _ => return None,
            }
        }
        out.truncate(at);
        Some(out)
    })
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
    fn pieces_compressed_apart_join_into_one_zlib_stream() {
        let text: Vec<u8> = (0..100_000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 % 11 + b'a')
            .collect();
        let (a, b, c) = (
            &text[..40_000],
            &text[40_000..40_000],
            &text[40_000..90_000],
        );
        let joined = join(
            &[&Deflated::new(a), &Deflated::new(b), &Deflated::new(c)],
            &text[90_000..],
        );
        let back = miniz_oxide::inflate::decompress_to_vec_zlib(&joined).expect("a zlib stream");
        assert!(back == text);
        assert_eq!(
            join(&[], b""),
            miniz_oxide::deflate::compress_to_vec_zlib(b"", 6)
        );
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
