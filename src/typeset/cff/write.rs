//! A subset written as a bare CID-keyed CFF (what a PDF embeds as
//! CIDFontType0C): each glyph asked for under the CID given (by default
//! the `k`-th glyph is CID `k`), the charstrings flattened (no
//! subroutines), and only the font DICTs those glyphs use kept.

use super::read::Entry;
use super::{Program, Text};

impl<'a> Program<'a> {
    /// A CFF holding `gids` (the first `.notdef`) as CIDs 0, 1, …; `None`
    /// when a glyph cannot be flattened.
    pub fn subset(&self, gids: &[u16]) -> Option<Vec<u8>> {
        let cids: Vec<u16> = (0..gids.len()).map(|k| k as u16).collect();
        let (mut head, tail) = self.subset_around(gids, &cids, 0)?;
        head.extend_from_slice(&tail);
        Some(head)
    }

    /// A CFF holding `gids` (the first `.notdef`) as CIDs `cids` (the
    /// first 0, all different), in two parts around the charstrings of
    /// the glyphs 1 to `skip`, which are left out: the caller has them
    /// (the charstrings follow one another in the order of `gids`), so a
    /// part of a larger subset can keep its numbers and its bytes.
    pub fn subset_around(
        &self,
        gids: &[u16],
        cids: &[u16],
        skip: usize,
    ) -> Option<(Vec<u8>, Vec<u8>)> {
        let mut sorted = cids.to_vec();
        sorted.sort_unstable();
        let distinct = sorted.windows(2).all(|w| w[0] < w[1]);
        if cids.len() != gids.len() || cids.first() != Some(&0) || !distinct || skip >= gids.len() {
            return None;
        }
        let mut glyphs = Vec::with_capacity(gids.len());
        let mut fds = [u8::MAX; 256];
        for &gid in gids {
            let (cs, fd) = self.glyph(gid)?;
            fds[usize::from(fd)] = 0;
            glyphs.push((cs, fd));
        }
        let used: Vec<u8> = (0..=255u8)
            .filter(|&fd| fds[usize::from(fd)] == 0)
            .collect();
        for (new, &fd) in used.iter().enumerate() {
            fds[usize::from(fd)] = new as u8;
        }
        let (strings, copyright, notice) = self.strings();

        // Every offset is written in five bytes, so sizes are known first.
        // What need not come first (charset, FDSelect, font DICTs) follows
        // the charstrings: the head before the left-out ones is then short
        // (papers store it as it is).
        let count = usize::from(*sorted.last()?) + 1;
        let top_dict = |offsets| self.top_dict(copyright, notice, count, offsets);
        let mut out = vec![1, 0, 4, 4];
        out.extend_from_slice(self.names);
        let top_len = {
            let mut t = Vec::new();
            index(&mut t, [&top_dict([0; 4])[..]].into_iter());
            t.len()
        };
        let mut middle = Vec::new();
        index(&mut middle, strings.iter().copied());
        middle.extend_from_slice(&[0, 0]);
        let charstrings_at = out.len() + top_len + middle.len();
        let programs: Vec<&[u8]> = glyphs.iter().map(|(cs, _)| *cs).collect();
        let split = charstrings(&mut middle, &programs, skip);
        let skipped: usize = programs[1..=skip].iter().map(|p| p.len()).sum();
        let mut after = middle.split_off(split);
        // Where the next byte of `after` lands in the whole font.
        let base = out.len() + top_len + split + skipped;
        let charset_at = base + after.len();
        charset(&mut after, &cids[1..]);
        let fd_select_at = base + after.len();
        fd_select(
            &mut after,
            glyphs.iter().map(|(_, fd)| fds[usize::from(*fd)]),
        );
        let fd_array_at = base + after.len();
        let fd_array_len = {
            let mut t = Vec::new();
            let dicts = self.font_dicts(&used, 0);
            index(&mut t, dicts.iter().map(|d| &d[..]));
            t.len()
        };
        let dicts = self.font_dicts(&used, fd_array_at + fd_array_len);
        index(&mut after, dicts.iter().map(|d| &d[..]));
        for &fd in &used {
            after.extend_from_slice(&self.fds[usize::from(fd)].private);
        }
        let top = top_dict([charset_at, charstrings_at, fd_array_at, fd_select_at]);
        index(&mut out, [&top[..]].into_iter());
        out.extend_from_slice(&middle);
        Some((out, after))
    }

    /// The String INDEX's strings, and the SIDs of the copyright and the
    /// notice. The font DICTs' names (`…-Ideographs`) are left out: they
    /// are optional and name nothing a reader uses.
    fn strings(&self) -> (Vec<&'a [u8]>, Option<i32>, Option<i32>) {
        let mut strings: Vec<&'a [u8]> = vec![b"Adobe", b"Identity"];
        let mut sid = |t: Option<Text<'a>>| -> Option<i32> {
            match t? {
                Text::Standard(s) => Some(i32::from(s)),
                Text::Own(bytes) => {
                    strings.push(bytes);
                    Some(390 + strings.len() as i32)
                }
            }
        };
        let copyright = sid(self.copyright);
        let notice = sid(self.notice);
        (strings, copyright, notice)
    }

    /// The Top DICT; `offsets`: charset, CharStrings, FDArray, FDSelect.
    fn top_dict(
        &self,
        copyright: Option<i32>,
        notice: Option<i32>,
        count: usize,
        offsets: [usize; 4],
    ) -> Vec<u8> {
        let mut d = Vec::new();
        for v in [391, 392, 0] {
            int(&mut d, v);
        }
        op(&mut d, 1230);
        if let Some(s) = copyright {
            int(&mut d, s);
            op(&mut d, 1200);
        }
        if let Some(s) = notice {
            int(&mut d, s);
            op(&mut d, 1);
        }
        match &self.matrix {
            Some(m) => d.extend_from_slice(m.bytes),
            None => {
                for v in [0.001, 0.0, 0.0, 0.001, 0.0, 0.0] {
                    number(&mut d, v);
                }
                op(&mut d, 1207);
            }
        }
        match &self.bbox {
            Some(b) => d.extend_from_slice(b.bytes),
            None => d.extend_from_slice(&[139, 139, 139, 139, 5]),
        }
        let [charset, charstrings, fd_array, fd_select] = offsets;
        for (at, code) in [(charset, 15), (charstrings, 17)] {
            offset(&mut d, at);
            op(&mut d, code);
        }
        int(&mut d, count as i32);
        op(&mut d, 1234);
        for (at, code) in [(fd_array, 1236), (fd_select, 1237)] {
            offset(&mut d, at);
            op(&mut d, code);
        }
        d
    }

    /// The font DICTs of the FDs `used`, their Private DICTs from `at` on.
    fn font_dicts(&self, used: &[u8], mut at: usize) -> Vec<Vec<u8>> {
        let mut dicts = Vec::new();
        for &fd in used {
            let fd = &self.fds[usize::from(fd)];
            let mut d = Vec::new();
            self.font_matrix(&mut d, fd.matrix.as_ref());
            offset(&mut d, fd.private.len());
            offset(&mut d, at);
            op(&mut d, 18);
            at += fd.private.len();
            dicts.push(d);
        }
        dicts
    }

    /// A font DICT's FontMatrix: the face's, or, where the Top DICT has
    /// none (and gets the 1/1000 one), the font DICT's scaled by 1000.
    fn font_matrix(&self, d: &mut Vec<u8>, own: Option<&Entry>) {
        match (own, &self.matrix) {
            (Some(m), Some(_)) => d.extend_from_slice(m.bytes),
            (Some(m), None) => {
                for (k, v) in m.numbers.iter().enumerate() {
                    number(d, if k < 4 { v * 1000.0 } else { *v });
                }
                op(d, 1207);
            }
            (None, _) => {
                for v in [1, 0, 0, 1, 0, 0] {
                    int(d, v);
                }
                op(d, 1207);
            }
        }
    }
}

/// The charset: the CIDs of the glyphs after .notdef, in the shortest of
/// the three formats (a list; ranges of up to 256; ranges of any length).
fn charset(out: &mut Vec<u8>, cids: &[u16]) {
    let mut ranges: Vec<(u16, u16)> = Vec::new();
    for &cid in cids {
        match ranges.last_mut() {
            Some((first, left)) if u32::from(*first) + u32::from(*left) + 1 == u32::from(cid) => {
                *left += 1
            }
            _ => ranges.push((cid, 0)),
        }
    }
    let short: usize = ranges.iter().map(|r| usize::from(r.1) / 256 + 1).sum();
    let sizes = [2 * cids.len(), 3 * short, 4 * ranges.len()];
    let format = (0..3).min_by_key(|&f| sizes[f]).unwrap_or(0);
    out.push(format as u8);
    match format {
        0 => cids
            .iter()
            .for_each(|c| out.extend_from_slice(&c.to_be_bytes())),
        1 => {
            for &(first, left) in &ranges {
                let mut at = u32::from(first);
                let end = at + u32::from(left);
                while at <= end {
                    let n = (end - at).min(255);
                    out.extend_from_slice(&(at as u16).to_be_bytes());
                    out.push(n as u8);
                    at += n + 1;
                }
            }
        }
        _ => {
            for (first, left) in ranges {
                out.extend_from_slice(&first.to_be_bytes());
                out.extend_from_slice(&left.to_be_bytes());
            }
        }
    }
}

/// The FDSelect of glyphs in these FDs, in the shorter of its two
/// formats (an FD a glyph; ranges of glyphs in one FD).
fn fd_select(out: &mut Vec<u8>, fds: impl ExactSizeIterator<Item = u8>) {
    let glyphs = fds.len();
    let mut ranges: Vec<(u16, u8)> = Vec::new();
    let mut each = Vec::with_capacity(glyphs);
    for (gid, fd) in fds.enumerate() {
        each.push(fd);
        if ranges.last().is_none_or(|r| r.1 != fd) {
            ranges.push((gid as u16, fd));
        }
    }
    let (listed, ranged) = (1 + glyphs, 5 + 3 * ranges.len());
    if listed <= ranged {
        out.push(0);
        out.extend_from_slice(&each);
        return;
    }
    out.push(3);
    out.extend_from_slice(&(ranges.len() as u16).to_be_bytes());
    for (first, fd) in ranges {
        out.extend_from_slice(&first.to_be_bytes());
        out.push(fd);
    }
    out.extend_from_slice(&(glyphs as u16).to_be_bytes());
}

/// The CharStrings INDEX of `programs` without the data of programs 1 to
/// `skip` (their offsets count them); where in `out` that data belongs.
fn charstrings(out: &mut Vec<u8>, programs: &[&[u8]], skip: usize) -> usize {
    index_offsets(out, programs.iter().copied());
    out.extend_from_slice(programs[0]);
    let split = out.len();
    for p in &programs[skip + 1..] {
        out.extend_from_slice(p);
    }
    split
}

/// An INDEX of `items`.
fn index<'i>(out: &mut Vec<u8>, items: impl Iterator<Item = &'i [u8]> + Clone) {
    index_offsets(out, items.clone());
    for item in items {
        out.extend_from_slice(item);
    }
}

/// An INDEX's count and offsets, without the data.
fn index_offsets<'i>(out: &mut Vec<u8>, items: impl Iterator<Item = &'i [u8]> + Clone) {
    let count = items.clone().count();
    out.extend_from_slice(&(count as u16).to_be_bytes());
    if count == 0 {
        return;
    }
    let total: usize = items.clone().map(<[u8]>::len).sum();
    let size = match total + 1 {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xff_ffff => 3,
        _ => 4,
    };
    out.push(size as u8);
    let mut at = 1usize;
    out.extend_from_slice(&(at as u32).to_be_bytes()[4 - size..]);
    for item in items {
        at += item.len();
        out.extend_from_slice(&(at as u32).to_be_bytes()[4 - size..]);
    }
}

fn op(d: &mut Vec<u8>, code: u16) {
    if code >= 1200 {
        d.extend_from_slice(&[12, (code - 1200) as u8]);
    } else {
        d.push(code as u8);
    }
}

/// A DICT integer in its shortest form.
fn int(d: &mut Vec<u8>, v: i32) {
    match v {
        -107..=107 => d.push((v + 139) as u8),
        108..=1131 => {
            d.extend_from_slice(&[((v - 108) / 256 + 247) as u8, ((v - 108) % 256) as u8])
        }
        -1131..=-108 => {
            d.extend_from_slice(&[((-v - 108) / 256 + 251) as u8, ((-v - 108) % 256) as u8])
        }
        -32768..=32767 => {
            d.push(28);
            d.extend_from_slice(&(v as i16).to_be_bytes());
        }
        _ => {
            d.push(29);
            d.extend_from_slice(&v.to_be_bytes());
        }
    }
}

/// An offset, always five bytes: a DICT's size does not depend on it.
fn offset(d: &mut Vec<u8>, v: usize) {
    d.push(29);
    d.extend_from_slice(&(v as i32).to_be_bytes());
}

/// A DICT number: an integer when it is one, else a real.
fn number(d: &mut Vec<u8>, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        return int(d, v as i32);
    }
    let mut nibbles: Vec<u8> = format!("{v}")
        .bytes()
        .map(|c| match c {
            b'.' => 0xa,
            b'-' => 0xe,
            _ => c - b'0',
        })
        .collect();
    nibbles.push(0xf);
    if nibbles.len() % 2 == 1 {
        nibbles.push(0xf);
    }
    d.push(30);
    d.extend(nibbles.chunks(2).map(|p| p[0] << 4 | p[1]));
}
