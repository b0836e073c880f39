//! Fonts as an OFD embeds them: the same subset programs the PDF embeds
//! (cut by the same subsetter, numbered in glyph id order), made whole
//! OpenType files again by adding the `cmap` table subsetting drops, so a
//! reader finds each character's glyph in the font itself. A glyph the
//! `cmap` cannot name (a second glyph for one character) is named by a
//! `CGTransform` in the page content instead.

use std::collections::BTreeMap;

use subsetter::GlyphRemapper;

use crate::render::pdf::subset::{program, SubsetError};
use crate::typeset::fonts::FontSet;
use crate::typeset::page::{Mark, Page};

/// The glyphs of one face a document uses, with its subset.
pub struct EmbeddedFont {
    pub face: usize,
    /// Original glyph id → glyph id in the subset.
    pub gids: BTreeMap<u16, u16>,
    /// Character → glyph id in the subset, as the added `cmap` maps it.
    pub cmap: BTreeMap<char, u16>,
    /// The font file: OpenType with CFF outlines, or TrueType.
    pub file: Vec<u8>,
    pub cff: bool,
}

impl EmbeddedFont {
    /// The subset glyph id of `gid`, and whether the `cmap` gives it for `c`.
    pub fn glyph(&self, gid: u16, c: char) -> (u16, bool) {
        let new = self.gids.get(&gid).copied().unwrap_or(0);
        (new, self.cmap.get(&c) == Some(&new))
    }
}

/// One embedded font per face the pages draw with, in face order.
pub fn embed(fonts: &FontSet, pages: &[Page]) -> Result<Vec<EmbeddedFont>, SubsetError> {
    let mut used: BTreeMap<usize, BTreeMap<u16, char>> = BTreeMap::new();
    for mark in pages.iter().flat_map(|p| &p.marks) {
        if let Mark::Text(run) = mark {
            let set = used.entry(run.face).or_default();
            for g in &run.glyphs {
                set.entry(g.id).or_insert(g.text);
            }
        }
    }
    let mut out = Vec::new();
    for (face, glyphs) in used {
        let mut remapper = GlyphRemapper::new();
        let gids: BTreeMap<u16, u16> = glyphs.keys().map(|&g| (g, remapper.remap(g))).collect();
        let mut cmap = BTreeMap::new();
        // The lowest original glyph of a character is the one the cmap names.
        for (gid, c) in &glyphs {
            cmap.entry(*c).or_insert(gids[gid]);
        }
        let subset = program(fonts, face, &remapper)?;
        let cff = subset.starts_with(b"OTTO");
        let file =
            with_table(&subset, *b"cmap", &cmap_table(&cmap)).ok_or_else(|| SubsetError {
                face: fonts.faces[face].label.clone(),
                reason: crate::t!("font-subset-not-opentype"),
            })?;
        out.push(EmbeddedFont {
            face,
            gids,
            cmap,
            file,
            cff,
        });
    }
    Ok(out)
}

/// A `cmap` with a format 4 subtable (characters of the BMP, which every
/// reader reads) and a format 12 subtable (all characters).
fn cmap_table(map: &BTreeMap<char, u16>) -> Vec<u8> {
    let bmp: Vec<(u16, u16)> = map
        .iter()
        .filter_map(|(c, g)| {
            u16::try_from(*c as u32)
                .ok()
                .filter(|&c| c != 0xFFFF)
                .map(|c| (c, *g))
        })
        .collect();
    let mut f4 = Vec::new();
    let seg = bmp.len() + 1;
    let mut search = 1usize;
    let mut selector = 0u16;
    while search * 2 <= seg {
        search *= 2;
        selector += 1;
    }
    let ends = bmp.iter().map(|b| b.0).chain([0xFFFF]);
    let starts = bmp.iter().map(|b| b.0).chain([0xFFFF]);
    let deltas = bmp.iter().map(|(c, g)| g.wrapping_sub(*c)).chain([1]);
    let len = 16 + 8 * seg;
    for v in [
        4,
        len as u16,
        0,
        (seg * 2) as u16,
        (search * 2) as u16,
        selector,
    ] {
        f4.extend_from_slice(&v.to_be_bytes());
    }
    f4.extend_from_slice(&((seg - search) as u16 * 2).to_be_bytes());
    ends.for_each(|v| f4.extend_from_slice(&v.to_be_bytes()));
    f4.extend_from_slice(&[0, 0]);
    starts.for_each(|v| f4.extend_from_slice(&v.to_be_bytes()));
    deltas.for_each(|v| f4.extend_from_slice(&v.to_be_bytes()));
    (0..seg).for_each(|_| f4.extend_from_slice(&[0, 0]));

    let mut f12 = Vec::new();
    f12.extend_from_slice(&[0, 12, 0, 0]);
    f12.extend_from_slice(&((16 + 12 * map.len()) as u32).to_be_bytes());
    f12.extend_from_slice(&0u32.to_be_bytes());
    f12.extend_from_slice(&(map.len() as u32).to_be_bytes());
    for (c, g) in map {
        for v in [*c as u32, *c as u32, *g as u32] {
            f12.extend_from_slice(&v.to_be_bytes());
        }
    }

    let mut t = Vec::new();
    let header = 4 + 8 * 2;
    for v in [0u16, 2, 3, 1] {
        t.extend_from_slice(&v.to_be_bytes());
    }
    t.extend_from_slice(&(header as u32).to_be_bytes());
    for v in [3u16, 10] {
        t.extend_from_slice(&v.to_be_bytes());
    }
    t.extend_from_slice(&((header + f4.len()) as u32).to_be_bytes());
    t.extend(f4);
    t.extend(f12);
    t
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// The sfnt `font` with table `tag` added (or replaced): tables sorted by
/// tag, 4-byte aligned, checksums and `head.checkSumAdjustment` recomputed.
fn with_table(font: &[u8], tag: [u8; 4], data: &[u8]) -> Option<Vec<u8>> {
    let be16 = |at: usize| Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?));
    let be32 = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let mut tables: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
    for i in 0..be16(4)? as usize {
        let rec = 12 + 16 * i;
        let t: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let (off, len) = (be32(rec + 8)? as usize, be32(rec + 12)? as usize);
        tables.insert(t, font.get(off..off.checked_add(len)?)?.to_vec());
    }
    tables.insert(tag, data.to_vec());
    if let Some(head) = tables.get_mut(b"head") {
        head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    }
    let n = tables.len();
    let mut search = 1usize;
    let mut selector = 0u16;
    while search * 2 <= n {
        search *= 2;
        selector += 1;
    }
    let mut out = font.get(0..4)?.to_vec();
    for v in [
        n as u16,
        (search * 16) as u16,
        selector,
        ((n - search) * 16) as u16,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * n;
    let mut head_at = None;
    for (t, d) in &tables {
        if t == b"head" {
            head_at = Some(offset);
        }
        out.extend_from_slice(t);
        out.extend_from_slice(&checksum(d).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(d.len() as u32).to_be_bytes());
        offset += d.len().div_ceil(4) * 4;
    }
    for d in tables.values() {
        out.extend_from_slice(d);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out.get_mut(at + 8..at + 12)?
            .copy_from_slice(&adjust.to_be_bytes());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_added_cmap_maps_each_character_to_its_glyph() {
        let map: BTreeMap<char, u16> = [('一', 3), ('A', 1), ('𠀀', 2)].into_iter().collect();
        let t = cmap_table(&map);
        // A minimal sfnt of one table, then the cmap added beside it.
        let mut font = b"OTTO\x00\x01\x00\x10\x00\x00\x00\x00".to_vec();
        font.extend_from_slice(b"name\0\0\0\0\0\0\0\x1c\0\0\0\x04\0\0\0\0");
        let whole = with_table(&font, *b"cmap", &t).unwrap();
        let face = ttf_parser::RawFace::parse(&whole, 0).unwrap();
        let cmap = ttf_parser::cmap::Table::parse(
            face.table(ttf_parser::Tag::from_bytes(b"cmap")).unwrap(),
        )
        .unwrap();
        let lookup = |c: char| {
            cmap.subtables
                .into_iter()
                .find_map(|s| s.glyph_index(c as u32))
        };
        assert_eq!(lookup('一'), Some(ttf_parser::GlyphId(3)));
        assert_eq!(lookup('A'), Some(ttf_parser::GlyphId(1)));
        assert_eq!(lookup('𠀀'), Some(ttf_parser::GlyphId(2)));
        assert_eq!(lookup('B'), None);
    }
}
