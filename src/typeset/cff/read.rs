//! Reading the parts of a CFF table a subset is made from: INDEXes,
//! DICTs (their entries kept as the bytes they are written in), the
//! FDSelect and the strings.

/// A CFF INDEX: `count` objects, found through their offsets.
#[derive(Clone, Copy, Default)]
pub struct Index<'a> {
    offsets: &'a [u8],
    off_size: usize,
    data: &'a [u8],
    count: usize,
}

impl<'a> Index<'a> {
    /// The INDEX at `at` in `cff`, and where it ends.
    pub fn parse(cff: &'a [u8], at: usize) -> Option<(Index<'a>, usize)> {
        let count = usize::from(be16(cff, at)?);
        if count == 0 {
            return Some((Index::default(), at + 2));
        }
        let off_size = usize::from(*cff.get(at + 2)?);
        if !(1..=4).contains(&off_size) {
            return None;
        }
        let offsets = cff.get(at + 3..at + 3 + (count + 1) * off_size)?;
        // Offsets count from the byte before the data.
        let base = at + 2 + (count + 1) * off_size;
        let mut index = Index {
            offsets,
            off_size,
            data: &[],
            count,
        };
        let end = base + index.offset(count)?;
        index.data = cff.get(base + 1..end)?;
        Some((index, end))
    }

    fn offset(&self, i: usize) -> Option<usize> {
        let b = self
            .offsets
            .get(i * self.off_size..(i + 1) * self.off_size)?;
        Some(b.iter().fold(0usize, |n, &x| n << 8 | usize::from(x)))
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.count {
            return None;
        }
        let (start, end) = (self.offset(i)?, self.offset(i + 1)?);
        self.data.get(start.checked_sub(1)?..end.checked_sub(1)?)
    }
}

pub fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// One DICT entry: its operator (escaped ones as `1200 + n`), the bytes of
/// the whole entry, and its operands read as numbers.
pub struct Entry<'a> {
    pub op: u16,
    pub bytes: &'a [u8],
    pub numbers: Vec<f64>,
}

impl Entry<'_> {
    pub fn int(&self, i: usize) -> Option<usize> {
        let n = *self.numbers.get(i)?;
        (n >= 0.0 && n.fract() == 0.0).then_some(n as usize)
    }
}

pub const ROS: u16 = 1230;
pub const COPYRIGHT: u16 = 1200;
pub const NOTICE: u16 = 1;
pub const FONT_BBOX: u16 = 5;
pub const FONT_MATRIX: u16 = 1207;
pub const CHARSTRING_TYPE: u16 = 1206;
pub const CHAR_STRINGS: u16 = 17;
pub const PRIVATE: u16 = 18;
pub const SUBRS: u16 = 19;
pub const DEFAULT_WIDTH_X: u16 = 20;
pub const NOMINAL_WIDTH_X: u16 = 21;
pub const FD_ARRAY: u16 = 1236;
pub const FD_SELECT: u16 = 1237;
pub const FONT_NAME: u16 = 1238;

/// The entries of a DICT, in order.
pub fn dict(d: &[u8]) -> Option<Vec<Entry<'_>>> {
    let mut out = Vec::new();
    let (mut i, mut start) = (0, 0);
    let mut numbers = Vec::new();
    while i < d.len() {
        let b = d[i];
        let (len, value) = match b {
            28 => (3, f64::from(be16(d, i + 1)? as i16)),
            29 => (
                5,
                f64::from(i32::from_be_bytes(d.get(i + 1..i + 5)?.try_into().ok()?)),
            ),
            30 => real(d, i + 1)?,
            32..=246 => (1, f64::from(b) - 139.0),
            247..=250 => (
                2,
                (f64::from(b) - 247.0) * 256.0 + f64::from(*d.get(i + 1)?) + 108.0,
            ),
            251..=254 => (
                2,
                -(f64::from(b) - 251.0) * 256.0 - f64::from(*d.get(i + 1)?) - 108.0,
            ),
            _ => {
                let (op, len) = match b {
                    12 => (1200 + u16::from(*d.get(i + 1)?), 2),
                    _ => (u16::from(b), 1),
                };
                out.push(Entry {
                    op,
                    bytes: &d[start..i + len],
                    numbers: std::mem::take(&mut numbers),
                });
                i += len;
                start = i;
                continue;
            }
        };
        numbers.push(value);
        i += len;
    }
    Some(out)
}

/// A DICT real (nibbles after byte 30): its length and value.
fn real(d: &[u8], at: usize) -> Option<(usize, f64)> {
    let mut s = String::new();
    let mut i = at;
    'bytes: loop {
        let b = *d.get(i)?;
        i += 1;
        for nib in [b >> 4, b & 15] {
            match nib {
                0..=9 => s.push(char::from(b'0' + nib)),
                0xa => s.push('.'),
                0xb => s.push('E'),
                0xc => s.push_str("E-"),
                0xe => s.push('-'),
                0xf => break 'bytes,
                _ => return None,
            }
        }
    }
    Some((i - at + 1, s.parse().ok()?))
}

/// The font DICT each glyph uses.
#[derive(Clone, Copy)]
pub enum FdSelect<'a> {
    /// A SID-keyed font: one private DICT for all.
    One,
    Format0(&'a [u8]),
    /// Ranges (first glyph, FD) and the sentinel glyph after them.
    Format3(&'a [u8], u16),
}

impl<'a> FdSelect<'a> {
    pub fn parse(cff: &'a [u8], at: usize, glyphs: usize) -> Option<FdSelect<'a>> {
        match cff.get(at)? {
            0 => Some(FdSelect::Format0(cff.get(at + 1..at + 1 + glyphs)?)),
            3 => {
                let n = usize::from(be16(cff, at + 1)?);
                let ranges = cff.get(at + 3..at + 3 + 3 * n)?;
                Some(FdSelect::Format3(ranges, be16(cff, at + 3 + 3 * n)?))
            }
            _ => None,
        }
    }

    pub fn fd(&self, gid: u16) -> Option<u8> {
        match *self {
            FdSelect::One => Some(0),
            FdSelect::Format0(fds) => fds.get(usize::from(gid)).copied(),
            FdSelect::Format3(ranges, sentinel) => {
                if gid >= sentinel {
                    return None;
                }
                let first = |k: usize| be16(ranges, 3 * k).unwrap_or(u16::MAX);
                // The last range starting at or before `gid`.
                let (mut lo, mut hi) = (0, ranges.len() / 3);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if first(mid) <= gid {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                ranges.get(3 * lo.checked_sub(1)? + 2).copied()
            }
        }
    }
}
