//! Pages to PDF bytes with pdf-writer, page by page: each page's content
//! stream is written and compressed as it comes (a list of 100,000 names
//! is never held laid out), glyphs are numbered into per-document subsets
//! on the fly, and fonts, page tree and trailer follow at the end. The
//! output depends on the pages only: subset tags and the /ID are hashes
//! of what the file holds.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDateTime, Timelike};
use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Content, Date, Finish, Name, Rect, Ref, TextStr};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use super::content::{self, FontKey, Ink};
use super::file::Objects;
use super::shared;
use super::subset::{Cut, FontPart, GlyphSet, SharedFonts, SubsetError};
use crate::render::flate::{deflate_at, LEVEL, QUICK};
use crate::typeset::fonts::FontSet;
use crate::typeset::page::{Mark, Page, PageSink, Photo, PhotoEncoding, Run, Stroke};

/// How this writer lays out a file: raised whenever the same pages give
/// other bytes, so incremental builds remake the papers (1: the original
/// layout; 2: object and cross-reference streams, CID maps as runs, the
/// shared subset of a paper's blank; 3: QR codes as image masks; 4:
/// libdeflate, and a font program's charset and FDSelect after its
/// charstrings; 5: the shared cuts at level 12, a paper's own streams at
/// level 1).
pub const LAYOUT: u32 = 5;

/// Document information written into the PDF.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: Option<&'a str>,
    /// Creation date, Beijing time.
    pub date: Option<NaiveDateTime>,
}

struct PageEntry {
    page: Ref,
    contents: Vec<Ref>,
    width: f32,
    height: f32,
    picture: Option<Ref>,
    /// The image masks its content streams draw, named `M0`, `M1`, ….
    masks: Vec<Ref>,
}

#[derive(Default)]
struct Own {
    remapper: GlyphRemapper,
    glyphs: GlyphSet,
}

pub struct PdfWriter<'a> {
    fonts: &'a FontSet,
    shared: Option<&'a SharedFonts>,
    file: Objects,
    next: i32,
    pages: Vec<PageEntry>,
    own: BTreeMap<usize, Own>,
    used: BTreeSet<FontKey>,
    /// The shared CIDs drawn, a bit each, by face.
    drawn: BTreeMap<usize, Vec<u64>>,
    hash: Sha256,
    /// The Flate level of what the document compresses for itself (not
    /// pictures or shared fonts).
    level: u8,
    cut: Cut,
}

impl<'a> PdfWriter<'a> {
    /// A document drawing with `fonts`; glyphs found in `shared` use its subsets.
    pub fn new(fonts: &'a FontSet, shared: Option<&'a SharedFonts>) -> Self {
        PdfWriter {
            fonts,
            shared,
            file: Objects::default(),
            // 1-3: catalog, page tree, info.
            next: 4,
            pages: Vec::new(),
            own: BTreeMap::new(),
            used: BTreeSet::new(),
            drawn: BTreeMap::new(),
            hash: Sha256::new(),
            level: LEVEL,
            cut: Cut::Cached,
        }
    }

    /// The document's own subsets cut as `cut` says (the reference PDF of
    /// tests/font_subsets.rs uses subsetter's).
    pub fn cut(mut self, cut: Cut) -> Self {
        self.cut = cut;
        self
    }

    /// Content and object streams at Flate level [`QUICK`]: for papers
    /// made by the 100,000.
    pub fn quick(mut self) -> Self {
        self.level = QUICK;
        self
    }

    fn alloc(&mut self) -> Ref {
        self.next += 1;
        Ref::new(self.next - 1)
    }

    /// Add a page; a `Picture` mark on it shows `photo`.
    pub fn add(&mut self, page: &Page, photo: Option<&Photo>) {
        let picture = photo.filter(|_| page.marks.iter().any(|m| matches!(m, Mark::Picture(_))));
        let picture = picture.map(|ph| {
            let r = self.alloc();
            self.hash.update(&ph.data);
            let (space, filter) = match ph.encoding {
                PhotoEncoding::Jpeg { grey: true } => ("DeviceGray", "DCTDecode"),
                PhotoEncoding::Jpeg { grey: false } => ("DeviceRGB", "DCTDecode"),
                PhotoEncoding::DeflatedRgb => ("DeviceRGB", "FlateDecode"),
            };
            let dict = format!(
                "/Type/XObject/Subtype/Image/Width {}/Height {}/BitsPerComponent 8/ColorSpace/{space}/Filter/{filter}",
                ph.width, ph.height
            );
            self.file.stream(r, dict.as_bytes(), &ph.data);
            r
        });
        let mut masks = Vec::new();
        let contents = self.stream(page, page.height, picture.is_some(), &mut masks);
        let page_ref = self.alloc();
        self.pages.push(PageEntry {
            page: page_ref,
            contents: vec![contents],
            width: page.width,
            height: page.height,
            picture,
            masks,
        });
    }

    /// Draw more marks on page `index` (an extra content stream).
    pub fn amend(&mut self, index: usize, marks: Vec<Mark>) {
        let Some(entry) = self.pages.get(index) else {
            return;
        };
        let page = Page {
            width: entry.width,
            height: entry.height,
            marks,
        };
        let mut masks = std::mem::take(&mut self.pages[index].masks);
        let r = self.stream(&page, page.height, false, &mut masks);
        self.pages[index].masks = masks;
        self.pages[index].contents.push(r);
    }

    /// A content stream of `page`'s marks; the image masks it draws are
    /// added to `masks`, the page's.
    fn stream(&mut self, page: &Page, height: f32, picture: bool, masks: &mut Vec<Ref>) -> Ref {
        let mut c = Content::new();
        let mut ink = Ink::default();
        let mut k = 0;
        while k < page.marks.len() {
            match &page.marks[k] {
                Mark::Stroke(_) => {
                    let strokes: Vec<&Stroke> = page.marks[k..]
                        .iter()
                        .map_while(|m| match m {
                            Mark::Stroke(s) => Some(s),
                            _ => None,
                        })
                        .collect();
                    k += strokes.len();
                    content::strokes(&mut c, &mut ink, &strokes, height);
                    continue;
                }
                Mark::Text(run) => self.text(&mut c, &mut ink, run, height),
                Mark::Modules {
                    origin: (x, y),
                    unit,
                    side,
                    rows,
                    colour,
                } => {
                    // An image mask, a sample a module: a viewer paints
                    // each as a square of ink in the fill colour, in a
                    // tenth of the bytes of a rectangle a run (a receipt's
                    // code: 855 rectangles, 2.5 KB compressed; 488 B).
                    ink.fill(&mut c, *colour);
                    let w = *side as f32 * unit;
                    c.save_state();
                    c.transform([w, 0.0, 0.0, w, *x, height - *y - w]);
                    c.x_object(Name(format!("M{}", masks.len()).as_bytes()));
                    c.restore_state();
                    masks.push(self.mask(*side, rows));
                }
                Mark::Picture(a) if picture => {
                    c.save_state();
                    c.transform([a.w, 0.0, 0.0, a.h, a.x, height - a.y - a.h]);
                    c.x_object(Name(b"Im1"));
                    c.restore_state();
                }
                Mark::Picture(_) => {}
            }
            k += 1;
        }
        let bytes = c.finish();
        // The compressed bytes name the page as well, in a quarter the hashing.
        let data = deflate_at(&bytes, self.level);
        self.hash.update(&data);
        let r = self.alloc();
        self.file.stream(r, b"/Filter/FlateDecode", &data);
        r
    }

    /// An image mask XObject of a `side` × `side` grid of 1-bit `rows`
    /// (1: ink), painted in the fill colour. Not compressed: a QR code's
    /// modules are as good as random, and Flate made a receipt's 488 bytes
    /// 499.
    fn mask(&mut self, side: usize, rows: &[u8]) -> Ref {
        self.hash.update(rows);
        let r = self.alloc();
        let dict = format!(
            "/Type/XObject/Subtype/Image/Width {side}/Height {side}/ImageMask true/BitsPerComponent 1/Decode[1 0]"
        );
        self.file.stream(r, dict.as_bytes(), rows);
        r
    }

    /// The font and CID drawing `gid` of `face`: the shared font's when it
    /// has the glyph or takes the document's own glyphs of the face.
    fn key(&mut self, face: usize, gid: u16, text: char, em: f32) -> (FontKey, u16) {
        if let Some(cid) = self.shared.and_then(|s| s.cid(face, gid)) {
            shared::mark(self.drawn.entry(face).or_default(), cid);
            return (FontKey { face, shared: true }, cid);
        }
        let base = self.shared.and_then(|s| s.own_base(face));
        let own = self.own.entry(face).or_default();
        own.glyphs.entry(gid).or_insert((text, em));
        let cid = own.remapper.remap(gid);
        match base {
            Some(base) => (FontKey { face, shared: true }, base + cid),
            None => (
                FontKey {
                    face,
                    shared: false,
                },
                cid,
            ),
        }
    }

    /// A run as one text object, its glyphs numbered in their fonts.
    fn text(&mut self, c: &mut Content, ink: &mut Ink, run: &Run, height: f32) {
        let keyed: Vec<(FontKey, u16)> = run
            .glyphs
            .iter()
            .map(|g| self.key(run.face, g.id, g.text, g.em))
            .collect();
        self.used.extend(keyed.iter().map(|k| k.0));
        content::text(c, ink, run, height, &keyed);
    }

    /// Fonts, pages, catalog and information; the /ID hashes it all.
    pub fn finish(mut self, meta: &Meta) -> Result<Vec<u8>, SubsetError> {
        let own = std::mem::take(&mut self.own);
        let mut font_refs: Vec<(FontKey, Ref)> = Vec::new();
        for key in self.used.clone() {
            let mine = own.get(&key.face);
            let part = match (key.shared, self.shared, mine) {
                (true, Some(shared), _) => {
                    let drawn = self.drawn.get(&key.face).map_or(&[][..], |d| &d[..]);
                    let mine = mine.map(|o| (&o.remapper, &o.glyphs));
                    shared.embed(self.fonts, key.face, drawn, mine)?
                }
                (false, _, Some(o)) => Some(Cow::Owned(FontPart::build(
                    self.fonts,
                    key.face,
                    &o.remapper,
                    &o.glyphs,
                    self.cut,
                )?)),
                _ => None,
            };
            if let Some(part) = part {
                self.hash.update(part.base_name.as_bytes());
                let r = self.font(&part);
                font_refs.push((key, r));
            }
        }
        let tree = Ref::new(2);
        for p in &self.pages {
            let mut page = self.file.packed(p.page).page(p.page);
            page.parent(tree)
                .media_box(Rect::new(0.0, 0.0, p.width, p.height))
                .contents_array(p.contents.iter().copied());
            let mut res = page.resources();
            let mut f = res.fonts();
            for (key, r) in &font_refs {
                f.pair(Name(key.name().as_bytes()), *r);
            }
            f.finish();
            if p.picture.is_some() || !p.masks.is_empty() {
                let mut x = res.x_objects();
                if let Some(r) = p.picture {
                    x.pair(Name(b"Im1"), r);
                }
                for (i, r) in p.masks.iter().enumerate() {
                    x.pair(Name(format!("M{i}").as_bytes()), *r);
                }
            }
        }
        let kids: Vec<Ref> = self.pages.iter().map(|p| p.page).collect();
        self.file
            .packed(tree)
            .pages(tree)
            .kids(kids.iter().copied())
            .count(kids.len() as i32);
        let root = Ref::new(1);
        self.file
            .packed(root)
            .indirect(root)
            .start::<Catalog>()
            .pages(tree);
        self.info(meta);
        let id = self.hash.finalize();
        Ok(self.file.finish(root, Ref::new(3), &id[..16], self.level))
    }

    fn info(&mut self, meta: &Meta) {
        for s in [meta.title, meta.author, meta.subject.unwrap_or("")] {
            self.hash.update(s.as_bytes());
        }
        let r = Ref::new(3);
        let mut info = self.file.packed(r).indirect(r).start::<DocumentInfo>();
        info.title(TextStr(meta.title))
            .author(TextStr(meta.author))
            .creator(TextStr("gazette"))
            .producer(TextStr(concat!("gazette ", env!("CARGO_PKG_VERSION"))));
        if let Some(s) = meta.subject {
            info.subject(TextStr(s));
        }
        if let Some(d) = meta.date {
            let date = Date::new(d.year() as u16)
                .month(d.month() as u8)
                .day(d.day() as u8)
                .hour(d.hour() as u8)
                .minute(d.minute() as u8)
                .second(d.second() as u8)
                .utc_offset_hour(8)
                .utc_offset_minute(0);
            info.creation_date(date).modified_date(date);
        }
    }

    /// The objects of a font: Type0 → CIDFont → descriptor → program, plus ToUnicode.
    fn font(&mut self, part: &FontPart) -> Ref {
        let refs = [(); 5].map(|_| self.alloc());
        self.file.font(self.fonts, part, refs);
        refs[0]
    }
}

impl PageSink for PdfWriter<'_> {
    fn page(&mut self, page: Page) {
        self.add(&page, None);
    }
    fn amend(&mut self, index: usize, marks: Vec<Mark>) {
        PdfWriter::amend(self, index, marks);
    }
}
