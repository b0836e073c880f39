//! Subsets of a CFF face made from a cache of its glyph programs: each
//! glyph's charstring is flattened (its subroutines inlined) once per
//! build, and a subset is a small CID-keyed CFF written around the cached
//! charstrings. A document's subset then costs what its glyphs cost, not
//! what the face's tens of thousands of subroutines cost (the whole face
//! is what a general subsetter reads on every call).
//!
//! A glyph's flattened bytes depend on the glyph alone, so a subset's bytes
//! do not depend on which documents filled the cache, or in what order.

mod charstring;
mod read;
mod write;

use std::sync::OnceLock;

use charstring::Subrs;
use read::{dict, Entry, FdSelect, Index};

/// A string of the face: standard strings keep their SID.
#[derive(Clone, Copy)]
enum Text<'a> {
    Standard(u16),
    Own(&'a [u8]),
}

/// A font DICT: the private DICT without its `Subrs`, and the subroutines.
struct Fd<'a> {
    matrix: Option<Entry<'a>>,
    private: Vec<u8>,
    subrs: Index<'a>,
}

/// The parts of a CFF face its subsets are made of, and the cache of its
/// flattened glyphs.
pub struct Program<'a> {
    names: &'a [u8],
    copyright: Option<Text<'a>>,
    notice: Option<Text<'a>>,
    matrix: Option<Entry<'a>>,
    bbox: Option<Entry<'a>>,
    fds: Vec<Fd<'a>>,
    fd_select: FdSelect<'a>,
    charstrings: Index<'a>,
    global: Index<'a>,
    /// The flattened glyphs, in chunks of [`CHUNK`] made on first use: a
    /// face of 65,000 glyphs costs a few KB until a document asks for
    /// its glyphs, not 1.5 MB of empty slots written out for every build.
    glyphs: Box<[OnceLock<Chunk>]>,
    count: usize,
}

const CHUNK: usize = 256;

type Chunk = Box<[OnceLock<Option<Box<[u8]>>>]>;

impl<'a> Program<'a> {
    /// Read the `CFF ` table of a face; `None` for what this does not
    /// handle (CFF2, Type 1 charstrings, a malformed table).
    pub fn parse(cff: &'a [u8]) -> Option<Program<'a>> {
        let header = usize::from(*cff.get(2)?);
        let (_, names_end) = Index::parse(cff, header)?;
        let (tops, tops_end) = Index::parse(cff, names_end)?;
        let (strings, strings_end) = Index::parse(cff, tops_end)?;
        let (global, _) = Index::parse(cff, strings_end)?;
        let text = |e: &Entry| -> Option<Text<'a>> {
            let sid = e.int(0)?;
            Some(match sid.checked_sub(391) {
                None => Text::Standard(sid as u16),
                Some(k) => Text::Own(strings.get(k)?),
            })
        };
        let top = dict(tops.get(0)?)?;
        let find = |op: u16| top.iter().find(|e| e.op == op);
        if find(read::CHARSTRING_TYPE).is_some_and(|e| e.int(0) != Some(2)) {
            return None;
        }
        let (charstrings, _) = Index::parse(cff, find(read::CHAR_STRINGS)?.int(0)?)?;
        let n = charstrings.len();
        if n == 0 || n > usize::from(u16::MAX) {
            return None;
        }
        let (fds, fd_select) = if find(read::ROS).is_some() {
            let (array, _) = Index::parse(cff, find(read::FD_ARRAY)?.int(0)?)?;
            let mut fds = Vec::new();
            for k in 0..array.len() {
                let d = dict(array.get(k)?)?;
                let private = d.iter().find(|e| e.op == read::PRIVATE)?;
                let mut fd = private_dict(cff, private)?;
                fd.matrix = d.into_iter().find(|e| e.op == read::FONT_MATRIX);
                fds.push(fd);
            }
            let select = FdSelect::parse(cff, find(read::FD_SELECT)?.int(0)?, n)?;
            (fds, select)
        } else {
            (
                vec![private_dict(cff, find(read::PRIVATE)?)?],
                FdSelect::One,
            )
        };
        let copyright = find(read::COPYRIGHT).map(text).unwrap_or(None);
        let notice = find(read::NOTICE).map(text).unwrap_or(None);
        let names = cff.get(header..names_end)?;
        let mut top = top;
        let mut take = |op: u16| top.iter().position(|e| e.op == op).map(|k| top.remove(k));
        Some(Program {
            names,
            copyright,
            notice,
            matrix: take(read::FONT_MATRIX),
            bbox: take(read::FONT_BBOX),
            fds,
            fd_select,
            charstrings,
            global,
            glyphs: (0..n.div_ceil(CHUNK)).map(|_| OnceLock::new()).collect(),
            count: n,
        })
    }

    /// The flattened charstring of `gid` and the font DICT it uses, made
    /// on first use.
    fn glyph(&self, gid: u16) -> Option<(&[u8], u8)> {
        let fd = self.fd_select.fd(gid)?;
        let g = usize::from(gid);
        if g >= self.count {
            return None;
        }
        let chunk =
            self.glyphs[g / CHUNK].get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        let cached = chunk[g % CHUNK].get_or_init(|| {
            let subrs = Subrs {
                global: self.global,
                local: self.fds.get(usize::from(fd))?.subrs,
            };
            let cs = self.charstrings.get(usize::from(gid))?;
            charstring::flatten(cs, &subrs).map(Vec::into_boxed_slice)
        });
        Some((cached.as_deref()?, fd))
    }

    /// The flattened charstring of `gid` (as a subset holds it), made on
    /// first use.
    pub fn charstring(&self, gid: u16) -> Option<&[u8]> {
        self.glyph(gid).map(|(cs, _)| cs)
    }

    /// How many glyphs the face has.
    pub fn glyph_count(&self) -> usize {
        self.count
    }
}

/// The font DICT a `Private` entry points at, with only what the glyphs'
/// advances need: the subroutines are inlined and the hints left out, so
/// `Subrs` and the hint zones and stems (`BlueValues`, `StdHW`, …) go.
fn private_dict<'a>(cff: &'a [u8], entry: &Entry) -> Option<Fd<'a>> {
    let (len, at) = (entry.int(0)?, entry.int(1)?);
    let bytes = cff.get(at..at.checked_add(len)?)?;
    let mut private = Vec::with_capacity(bytes.len());
    let mut subrs = Index::default();
    for e in dict(bytes)? {
        match e.op {
            read::SUBRS => subrs = Index::parse(cff, at.checked_add(e.int(0)?)?)?.0,
            read::DEFAULT_WIDTH_X | read::NOMINAL_WIDTH_X => private.extend_from_slice(e.bytes),
            _ => {}
        }
    }
    Some(Fd {
        matrix: None,
        private,
        subrs,
    })
}

#[cfg(test)]
mod tests;
