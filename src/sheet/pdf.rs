//! Laid-out pages to PDF bytes. Every face is embedded as subsets: one
//! subset shared by every paper of a run (the template's own text, made
//! and compressed once) and one per document for the rest (names,
//! colleges), which is a few glyphs and cheap to make. This is where the
//! speed of thousands of receipts comes from.

use std::collections::{BTreeMap, BTreeSet};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};

use super::fonts::{FaceData, Glyph, SheetFonts};
use super::layout::{Item, LaidPage};

/// A subset of one face, ready to embed: program and ToUnicode compressed.
pub struct FontPart {
    face: usize,
    base_name: String,
    /// Original glyph id → CID in the subset.
    cids: BTreeMap<u16, u16>,
    widths: Vec<f32>,
    cff: bool,
    /// The program is the bare CFF table (no name or metrics tables to carry).
    bare: bool,
    program: Vec<u8>,
    to_unicode: Vec<u8>,
}

impl FontPart {
    /// Subset `face` to `glyphs` (original id → character and advance).
    pub fn build(
        fonts: &SheetFonts,
        face: usize,
        glyphs: &BTreeMap<u16, (char, f32)>,
    ) -> Result<FontPart, String> {
        let data: &FaceData = &fonts.faces[face];
        let bytes = data
            .bytes()
            .ok_or_else(|| format!("cannot read the font `{}`", data.label))?;
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut cids = BTreeMap::new();
        for &gid in glyphs.keys() {
            cids.insert(gid, remapper.remap(gid));
        }
        let program = subsetter::subset(bytes, data.index(), &remapper)
            .map_err(|e| format!("cannot subset the font `{}`: {e}", data.label))?;
        let cff = program.starts_with(b"OTTO");
        let bare = if cff { cid_keyed_cff(&program) } else { None };
        let n = cids.values().max().copied().unwrap_or(0) as usize + 1;
        let mut widths = vec![0.0; n];
        let info = system_info();
        let mut cmap = UnicodeCmap::new(Name(b"Custom"), info);
        for (gid, cid) in &cids {
            let (ch, adv) = glyphs[gid];
            widths[*cid as usize] = adv * 1000.0;
            cmap.pair(*cid, ch);
        }
        let mut hash = Sha256::new();
        hash.update(data.label.as_bytes());
        for gid in cids.keys() {
            hash.update(gid.to_be_bytes());
        }
        let tag: String = hash.finalize()[..6]
            .iter()
            .map(|b| char::from(b'A' + b % 26))
            .collect();
        Ok(FontPart {
            face,
            base_name: format!("{tag}+{}", data.described().1),
            cids,
            widths,
            cff,
            bare: bare.is_some(),
            program: deflate(bare.unwrap_or(&program)),
            to_unicode: deflate(&cmap.finish()),
        })
    }
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

fn system_info() -> SystemInfo<'static> {
    SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    }
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// The subsets shared by every paper of a run, one per face.
#[derive(Default)]
pub struct SharedFonts {
    parts: BTreeMap<usize, FontPart>,
}

impl SharedFonts {
    /// Shared subsets of every glyph in `pages` (e.g. blank papers of
    /// every kind, holding the template text and no personal data).
    pub fn from_pages<'p>(
        fonts: &SheetFonts,
        pages: impl IntoIterator<Item = &'p LaidPage>,
    ) -> Result<SharedFonts, String> {
        let mut parts = BTreeMap::new();
        for (face, glyphs) in used_glyphs(pages) {
            parts.insert(face, FontPart::build(fonts, face, &glyphs)?);
        }
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
}

fn used_glyphs<'p>(
    pages: impl IntoIterator<Item = &'p LaidPage>,
) -> BTreeMap<usize, BTreeMap<u16, (char, f32)>> {
    let mut used: BTreeMap<usize, BTreeMap<u16, (char, f32)>> = BTreeMap::new();
    for page in pages {
        for item in &page.items {
            if let Item::Text { glyphs, .. } = item {
                for g in glyphs.iter().filter(|g| g.face != usize::MAX) {
                    used.entry(g.face)
                        .or_default()
                        .entry(g.gid)
                        .or_insert((g.ch, g.advance));
                }
            }
        }
    }
    used
}

/// A photo as the PDF embeds it: a baseline RGB JPEG.
pub struct Photo {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// One page and the photo its photo box shows, if any.
pub struct PageIn<'a> {
    pub page: LaidPage,
    pub photo: Option<&'a Photo>,
}

pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// Seeds the file's /ID: the same inputs give the same bytes.
    pub id_seed: &'a [u8],
}

/// Which font resource draws a glyph.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct FontKey {
    face: usize,
    shared: bool,
}

impl FontKey {
    fn name(self) -> String {
        format!("F{}{}", self.face, if self.shared { "s" } else { "d" })
    }
}

pub fn write(
    fonts: &SheetFonts,
    shared: &SharedFonts,
    pages: &[PageIn],
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    // Glyphs the shared subsets lack go into this document's own subsets.
    let mut own: BTreeMap<usize, BTreeMap<u16, (char, f32)>> = BTreeMap::new();
    for (face, glyphs) in used_glyphs(pages.iter().map(|p| &p.page)) {
        let rest: BTreeMap<u16, (char, f32)> = glyphs
            .into_iter()
            .filter(|(gid, _)| {
                !shared
                    .parts
                    .get(&face)
                    .is_some_and(|p| p.cids.contains_key(gid))
            })
            .collect();
        if !rest.is_empty() {
            own.insert(face, rest);
        }
    }
    let own_parts: BTreeMap<usize, FontPart> = own
        .iter()
        .map(|(face, glyphs)| Ok((*face, FontPart::build(fonts, *face, glyphs)?)))
        .collect::<Result<_, String>>()?;
    let part = |key: FontKey| -> Option<&FontPart> {
        if key.shared {
            shared.parts.get(&key.face)
        } else {
            own_parts.get(&key.face)
        }
    };
    let key_of = |g: &Glyph| FontKey {
        face: g.face,
        shared: shared
            .parts
            .get(&g.face)
            .is_some_and(|p| p.cids.contains_key(&g.gid)),
    };

    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let mut used_keys: BTreeSet<FontKey> = BTreeSet::new();
    let mut page_refs = Vec::new();
    let mut streams = Vec::new();
    for p in pages {
        let mut content = Content::new();
        draw_lines(&mut content, &p.page);
        draw_qr(&mut content, &p.page);
        let mut photo = false;
        for item in &p.page.items {
            if let Item::Photo { x, y, w, h } = item {
                if p.photo.is_some() {
                    content.save_state();
                    content.transform([*w, 0.0, 0.0, *h, *x, *y]);
                    content.x_object(Name(b"Im1"));
                    content.restore_state();
                    photo = true;
                }
            }
        }
        content.set_fill_gray(0.0);
        content.begin_text();
        for item in &p.page.items {
            let Item::Text { x, y, size, glyphs } = item else {
                continue;
            };
            let mut cx = *x;
            let mut run: Vec<u8> = Vec::new();
            let mut current: Option<FontKey> = None;
            let mut run_x = cx;
            let flush =
                |content: &mut Content, key: Option<FontKey>, run: &mut Vec<u8>, at: f32| {
                    if let (Some(k), false) = (key, run.is_empty()) {
                        content.set_font(Name(k.name().as_bytes()), *size);
                        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, at, *y]);
                        content.show(Str(run));
                        run.clear();
                    }
                };
            for g in glyphs {
                if g.face == usize::MAX {
                    flush(&mut content, current, &mut run, run_x);
                    cx += g.advance * size;
                    run_x = cx;
                    continue;
                }
                let key = key_of(g);
                if current != Some(key) {
                    flush(&mut content, current, &mut run, run_x);
                    current = Some(key);
                    run_x = cx;
                }
                let cid = part(key)
                    .and_then(|p| p.cids.get(&g.gid))
                    .copied()
                    .unwrap_or(0);
                run.extend_from_slice(&cid.to_be_bytes());
                used_keys.insert(key);
                cx += g.advance * size;
            }
            flush(&mut content, current, &mut run, run_x);
        }
        content.end_text();
        let page_ref = alloc();
        let content_ref = alloc();
        page_refs.push(page_ref);
        streams.push((page_ref, content_ref, deflate(&content.finish()), photo));
    }

    // Fonts: Type0 → CIDFont → descriptor → program, plus ToUnicode.
    let mut font_refs: BTreeMap<FontKey, Ref> = BTreeMap::new();
    for key in &used_keys {
        let Some(part) = part(*key) else { continue };
        let (type0, cid, desc, file, cmap) = (alloc(), alloc(), alloc(), alloc(), alloc());
        font_refs.insert(*key, type0);
        let base = Name(part.base_name.as_bytes());
        pdf.type0_font(type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        let mut c = pdf.cid_font(cid);
        c.subtype(if part.cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(base)
        .system_info(system_info())
        .font_descriptor(desc)
        .default_width(1000.0);
        c.widths().consecutive(0, part.widths.iter().copied());
        if !part.cff {
            c.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        c.finish();
        let (m, _) = fonts.faces[part.face].described();
        let mut d = pdf.font_descriptor(desc);
        d.name(base)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(m.bbox[0], m.bbox[1], m.bbox[2], m.bbox[3]))
            .italic_angle(0.0)
            .ascent(m.ascent)
            .descent(m.descent)
            .cap_height(m.cap_height)
            .stem_v(80.0);
        if part.cff {
            d.font_file3(file);
        } else {
            d.font_file2(file);
        }
        d.finish();
        let mut s = pdf.stream(file, &part.program);
        s.filter(Filter::FlateDecode);
        if part.bare {
            s.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        } else if part.cff {
            s.pair(Name(b"Subtype"), Name(b"OpenType"));
        }
        s.finish();
        pdf.stream(cmap, &part.to_unicode)
            .filter(Filter::FlateDecode);
    }

    let mut image_refs = Vec::new();
    for p in pages {
        let r = p.photo.map(|ph| {
            let r = alloc();
            let mut img = pdf.image_xobject(r, &ph.jpeg);
            img.width(ph.width as i32);
            img.height(ph.height as i32);
            img.bits_per_component(8);
            img.color_space().device_rgb();
            img.filter(Filter::DctDecode);
            img.finish();
            r
        });
        image_refs.push(r);
    }

    // One stream and one image slot per page, in page order.
    for (((page_ref, content_ref, bytes, photo), img), page_in) in
        streams.iter().zip(&image_refs).zip(pages)
    {
        let p = &page_in.page;
        let mut page = pdf.page(*page_ref);
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, p.width, p.height))
            .contents(*content_ref);
        let mut res = page.resources();
        let mut f = res.fonts();
        for (key, r) in &font_refs {
            f.pair(Name(key.name().as_bytes()), *r);
        }
        f.finish();
        if let (true, Some(r)) = (*photo, img) {
            res.x_objects().pair(Name(b"Im1"), *r);
        }
        res.finish();
        page.finish();
        pdf.stream(*content_ref, bytes).filter(Filter::FlateDecode);
    }
    pdf.pages(tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    pdf.catalog(catalog).pages(tree);
    pdf.document_info(info)
        .title(pdf_writer::TextStr(meta.title))
        .author(pdf_writer::TextStr(meta.author))
        .producer(pdf_writer::TextStr("gazette"));
    let id: Vec<u8> = Sha256::digest(meta.id_seed)[..16].to_vec();
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

/// Table rules, all in one path.
fn draw_lines(content: &mut Content, page: &LaidPage) {
    let mut any = false;
    for item in &page.items {
        if let Item::Line { x1, y1, x2, y2 } = item {
            if !any {
                content.set_line_width(0.6);
                content.set_stroke_gray(0.0);
                any = true;
            }
            content.move_to(*x1, *y1);
            content.line_to(*x2, *y2);
        }
    }
    if any {
        content.stroke();
    }
}

/// QR modules as filled rectangles, one per horizontal run of dark modules.
fn draw_qr(content: &mut Content, page: &LaidPage) {
    for item in &page.items {
        let Item::Qr {
            x,
            y,
            size,
            n,
            dark,
        } = item
        else {
            continue;
        };
        // A quiet zone of 2 modules inside the given square. Drawn in
        // module units (small integers): a QR code that carries a
        // receipt's facts stays a few kilobytes.
        let m = size / (*n as f32 + 4.0);
        content.save_state();
        content.transform([m, 0.0, 0.0, m, x + 2.0 * m, y + size - 2.0 * m]);
        content.set_fill_gray(0.0);
        for row in 0..*n {
            let mut col = 0;
            while col < *n {
                if !dark[row * n + col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < *n && dark[row * n + col] {
                    col += 1;
                }
                content.rect(start as f32, -(row as f32) - 1.0, (col - start) as f32, 1.0);
            }
        }
        content.fill_nonzero();
        content.restore_state();
    }
}
