//! Fonts as an OFD embeds them: the very subsets the notice's PDF embeds
//! (cut once, numbered as the PDF's shared subsets are), made whole OpenType files again
//! with the tables a PDF does without: the `cmap`, so a reader finds each
//! character's glyph in the font itself, and the metrics and names of the
//! face. A glyph the `cmap` cannot name (a second glyph for one character)
//! is named by a `CGTransform` in the page content instead.
//!
//! A CFF subset's `CFF ` table is the end of its file, so the package
//! stores it as the PDF's compressed program continuing the compressed
//! tables before it: the glyphs are compressed once for both files.

use std::collections::BTreeMap;

use subsetter::GlyphRemapper;

use crate::render::pdf::subset::{cids_of, glyphs_in, program};
use crate::render::pdf::subset::{FontPart, SharedFonts, SubsetError};
use crate::typeset::fonts::FontSet;
use crate::typeset::page::Page;

/// How the glyphs of one face a document uses are numbered in its subset.
pub struct Numbering {
    /// Original glyph id → glyph id in the subset.
    pub gids: BTreeMap<u16, u16>,
    /// Character → glyph id in the subset, as the added `cmap` maps it.
    pub cmap: BTreeMap<char, u16>,
}

impl Numbering {
    /// The subset glyph id of `gid`, and whether the `cmap` gives it for `c`.
    pub fn glyph(&self, gid: u16, c: char) -> (u16, bool) {
        let new = self.gids.get(&gid).copied().unwrap_or(0);
        (new, self.cmap.get(&c) == Some(&new))
    }
}

/// The numbering of each face `pages` draw with, known before any font is
/// cut (the pages' content is written meanwhile), as the PDF's shared
/// subsets number them.
pub fn numbering(pages: &[Page]) -> BTreeMap<usize, Numbering> {
    let mut out = BTreeMap::new();
    for (face, glyphs) in glyphs_in(pages) {
        let gids = cids_of(&glyphs);
        let mut cmap = BTreeMap::new();
        // The lowest original glyph of a character is the one the cmap names.
        for (gid, (c, _)) in &glyphs {
            cmap.entry(*c).or_insert(gids[gid]);
        }
        out.insert(face, Numbering { gids, cmap });
    }
    out
}

/// The font file of one face a document uses.
pub struct EmbeddedFont<'a> {
    pub face: usize,
    /// OpenType with CFF outlines, or TrueType; without its last table when
    /// `tail` holds that.
    pub file: Vec<u8>,
    pub tail: Option<Tail<'a>>,
    pub cff: bool,
}

/// The `CFF ` table that ends a font file, and the raw deflate stream of
/// it the PDF's subset holds.
pub struct Tail<'a> {
    pub bytes: Vec<u8>,
    pub deflated: &'a [u8],
}

/// One embedded font per face of `numbering`, in face order, made from
/// `shared`: the PDF's subsets of the same glyphs.
pub fn embed<'a>(
    fonts: &FontSet,
    numbering: &BTreeMap<usize, Numbering>,
    shared: &'a SharedFonts,
) -> Result<Vec<EmbeddedFont<'a>>, SubsetError> {
    let mut out = Vec::new();
    for (&face, number) in numbering {
        let fail = |reason: &str| SubsetError::new(fonts, face, reason);
        // The pages' content names glyphs as `number` does: so must the font.
        let same = |gid: &u16, cid: &u16| shared.cid(face, *gid) == Some(*cid);
        let part = (shared.whole_part(face))
            .filter(|_| number.gids.iter().all(|(g, c)| same(g, c)))
            .ok_or_else(|| fail("the PDF's subset numbers its glyphs otherwise"))?;
        let (file, tail) = match spliced(fonts, part, number) {
            Some((file, tail)) => (file, Some(tail)),
            None => (whole(fonts, face, &number.gids, &number.cmap)?, None),
        };
        let cff = tail.is_some() || file.starts_with(b"OTTO");
        out.push(EmbeddedFont {
            face,
            file,
            tail,
            cff,
        });
    }
    Ok(out)
}

/// A CFF subset as the PDF's compressed `CFF ` table after the tables made
/// here from the face's own; `None` unless the PDF's program is the bare
/// CFF the build's glyph cache cuts (cut again here, which costs a copy of
/// the cached glyphs, and checked against the PDF's by its Adler-32).
fn spliced<'a>(
    fonts: &FontSet,
    part: &'a FontPart,
    number: &Numbering,
) -> Option<(Vec<u8>, Tail<'a>)> {
    // The face's glyph of each subset glyph; 0 is .notdef in both.
    let mut old = vec![0u16; usize::from(number.gids.values().max().copied().unwrap_or(0)) + 1];
    for (gid, cid) in &number.gids {
        old[usize::from(*cid)] = *gid;
    }
    let bytes = fonts.cff(part.face)?.subset(&old)?;
    // zlib: a two-byte header (no preset dictionary), the raw stream, the
    // Adler-32 of the data.
    let (head, rest) = part.program.split_at_checked(2)?;
    let (raw, adler) = rest.split_at_checked(rest.len().checked_sub(4)?)?;
    let same = u32::from_be_bytes(adler.try_into().ok()?) == crate::render::flate::adler32(&bytes);
    if !part.bare || head[0] & 0x0F != 8 || head[1] & 0x20 != 0 || !same {
        return None;
    }
    let face =
        ttf_parser::RawFace::parse(fonts.data(part.face)?, fonts.faces[part.face].index).ok()?;
    let table = |tag: &[u8; 4]| face.table(ttf_parser::Tag::from_bytes(tag));
    let (hhea, hmtx) = metrics(table(b"hhea")?, table(b"hmtx")?, &old)?;
    let mut maxp = 0x5000u32.to_be_bytes().to_vec();
    maxp.extend_from_slice(&u16::try_from(old.len()).ok()?.to_be_bytes());
    let mut post = table(b"post")?.get(..32)?.to_vec();
    // Version 3: no glyph names (the CFF has none to match).
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    let tables: BTreeMap<[u8; 4], Vec<u8>> = [
        (*b"cmap", cmap_table(&number.cmap)),
        (*b"head", table(b"head")?.get(..54)?.to_vec()),
        (*b"hhea", hhea),
        (*b"hmtx", hmtx),
        (*b"maxp", maxp),
        (*b"name", names(table(b"name")?)?),
        (*b"post", post),
    ]
    .into_iter()
    .collect();
    let file = assemble(b"OTTO", tables, Some((*b"CFF ", &bytes)))?;
    Some((
        file,
        Tail {
            bytes,
            deflated: raw,
        },
    ))
}

/// A TrueType subset (or a CFF one the PDF embeds whole): cut by the
/// subsetter crate, with the `cmap` added.
fn whole(
    fonts: &FontSet,
    face: usize,
    gids: &BTreeMap<u16, u16>,
    cmap: &BTreeMap<char, u16>,
) -> Result<Vec<u8>, SubsetError> {
    let mut order: Vec<(u16, u16)> = gids.iter().map(|(g, c)| (*c, *g)).collect();
    order.sort_unstable();
    let mut remapper = GlyphRemapper::new();
    for (_, gid) in order {
        remapper.remap(gid);
    }
    let subset = program(fonts, face, &remapper)?;
    with_table(&subset, *b"cmap", &cmap_table(cmap))
        .ok_or_else(|| SubsetError::new(fonts, face, crate::t!("font-subset-not-opentype")))
}

/// `hhea` and `hmtx` for the glyphs `old` (by their ids in the face), in
/// that order: the run of equal advances at the end written once.
fn metrics(hhea: &[u8], hmtx: &[u8], old: &[u16]) -> Option<(Vec<u8>, Vec<u8>)> {
    let be16 = |d: &[u8], at: usize| Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?));
    let long = usize::from(be16(hhea, 34)?);
    let last = be16(hmtx, 4 * long.checked_sub(1)?)?;
    let mut m = Vec::with_capacity(old.len());
    for &gid in old {
        let g = usize::from(gid);
        m.push(if g < long {
            (be16(hmtx, 4 * g)?, be16(hmtx, 4 * g + 2)?)
        } else {
            (last, be16(hmtx, 4 * long + 2 * (g - long))?)
        });
    }
    let tail = m.last()?.0;
    let same = m.iter().rev().take_while(|(adv, _)| *adv == tail).count();
    let n_long = m.len() - same + 1;
    let mut out = Vec::with_capacity(4 * m.len());
    for (k, (adv, lsb)) in m.iter().enumerate() {
        if k < n_long {
            out.extend_from_slice(&adv.to_be_bytes());
        }
        out.extend_from_slice(&lsb.to_be_bytes());
    }
    let mut head = hhea.get(..34)?.to_vec();
    head.extend_from_slice(&u16::try_from(n_long).ok()?.to_be_bytes());
    Some((head, out))
}

/// The face's `name` records that name it (ids 0 to 6) in Unicode, as
/// PDF subsetters keep them: the copyright, family, style, full and
/// PostScript names.
fn names(data: &[u8]) -> Option<Vec<u8>> {
    let table = ttf_parser::name::Table::parse(data)?;
    let mut records = Vec::new();
    let mut storage: Vec<u8> = Vec::new();
    for n in table.names.into_iter() {
        if n.name_id > 6 || !n.is_unicode() {
            continue;
        }
        let at = match storage
            .windows(n.name.len().max(1))
            .position(|w| w == n.name)
        {
            Some(at) if !n.name.is_empty() => at,
            _ => {
                storage.extend_from_slice(n.name);
                storage.len() - n.name.len()
            }
        };
        let platform = match n.platform_id {
            ttf_parser::PlatformId::Unicode => 0u16,
            ttf_parser::PlatformId::Macintosh => 1,
            ttf_parser::PlatformId::Iso => 2,
            ttf_parser::PlatformId::Windows => 3,
            ttf_parser::PlatformId::Custom => 4,
        };
        for v in [
            platform,
            n.encoding_id,
            n.language_id,
            n.name_id,
            u16::try_from(n.name.len()).ok()?,
            u16::try_from(at).ok()?,
        ] {
            records.extend_from_slice(&v.to_be_bytes());
        }
    }
    let count = records.len() / 12;
    let mut out = Vec::with_capacity(6 + records.len() + storage.len());
    for v in [0, count, 6 + 12 * count] {
        out.extend_from_slice(&u16::try_from(v).ok()?.to_be_bytes());
    }
    out.extend(records);
    out.extend(storage);
    Some(out)
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

/// The sfnt `font` with table `tag` added (or replaced).
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
    assemble(font.get(0..4)?.try_into().ok()?, tables, None)
}

/// An sfnt of `tables` and `last`: the directory sorted by tag, the tables
/// 4-byte aligned, `last` after them all, checksums and
/// `head.checkSumAdjustment` computed. The bytes of `last` are not
/// included: they follow the returned ones.
fn assemble(
    version: &[u8; 4],
    mut tables: BTreeMap<[u8; 4], Vec<u8>>,
    last: Option<([u8; 4], &[u8])>,
) -> Option<Vec<u8>> {
    if let Some(head) = tables.get_mut(b"head") {
        head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    }
    let n = tables.len() + usize::from(last.is_some());
    let mut search = 1usize;
    let mut selector = 0u16;
    while search * 2 <= n {
        search *= 2;
        selector += 1;
    }
    let mut out = version.to_vec();
    for v in [
        n as u16,
        (search * 16) as u16,
        selector,
        ((n - search) * 16) as u16,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * n;
    let mut records: Vec<([u8; 4], u32, usize, usize)> = Vec::with_capacity(n);
    for (t, d) in &tables {
        records.push((*t, checksum(d), offset, d.len()));
        offset += d.len().div_ceil(4) * 4;
    }
    let last_sum = last.map_or(0, |(_, d)| checksum(d));
    if let Some((t, d)) = last {
        records.push((t, last_sum, offset, d.len()));
    }
    records.sort_unstable_by_key(|r| r.0);
    let mut head_at = None;
    for (t, sum, at, len) in &records {
        if t == b"head" {
            head_at = Some(*at);
        }
        out.extend_from_slice(t);
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&(*at as u32).to_be_bytes());
        out.extend_from_slice(&(*len as u32).to_be_bytes());
    }
    for d in tables.values() {
        out.extend_from_slice(d);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        // `out` is whole words long: the file's sum is its sum and `last`'s.
        let sum = checksum(&out).wrapping_add(last_sum);
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(sum);
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
