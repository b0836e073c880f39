//! A small reader of PDF syntax: the values of dictionaries and content
//! streams (numbers, names, strings, arrays, dictionaries, references,
//! operators), and the ToUnicode CMaps that turn shown codes into text.

use std::collections::HashMap;

/// One PDF value; names and operators borrow the bytes they were read from.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    Num(f64),
    Ref(u32),
    Name(&'a [u8]),
    Str(Vec<u8>),
    Arr(Vec<Val<'a>>),
    Dict(Dict<'a>),
    /// An operator of a content stream, or a keyword (`true`, `null`, `R`).
    Op(&'a [u8]),
}

pub type Dict<'a> = Vec<(&'a [u8], Val<'a>)>;

impl<'a> Val<'a> {
    pub fn get(&self, key: &[u8]) -> Option<&Val<'a>> {
        match self {
            Val::Dict(d) => d.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&'a [u8]> {
        match self {
            Val::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn num(&self) -> Option<f64> {
        match self {
            Val::Num(n) => Some(*n),
            _ => None,
        }
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A cursor over PDF bytes.
pub struct Lexer<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(bytes: &'a [u8]) -> Lexer<'a> {
        Lexer { bytes, pos: 0 }
    }

    pub fn skip_white(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self
                    .bytes
                    .get(self.pos)
                    .is_some_and(|&b| b != b'\n' && b != b'\r')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|&b| !is_white(b) && !is_delim(b))
        {
            self.pos += 1;
        }
        &self.bytes[start..self.pos]
    }

    /// The next value, `None` at the end or on bytes that are no value.
    /// `n g R` is read as a reference.
    pub fn value(&mut self, depth: usize) -> Option<Val<'a>> {
        self.skip_white();
        let b = *self.bytes.get(self.pos)?;
        if depth > 64 {
            return None;
        }
        match b {
            b'/' => {
                self.pos += 1;
                Some(Val::Name(self.word()))
            }
            b'(' => Some(Val::Str(self.literal())),
            b'<' if self.bytes.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut dict = Vec::new();
                loop {
                    self.skip_white();
                    match self.bytes.get(self.pos) {
                        Some(b'>') => {
                            self.pos += 2;
                            return Some(Val::Dict(dict));
                        }
                        Some(b'/') => {
                            self.pos += 1;
                            let key = self.word();
                            let v = self.value(depth + 1)?;
                            dict.push((key, v));
                        }
                        _ => return Some(Val::Dict(dict)),
                    }
                }
            }
            b'<' => Some(Val::Str(self.hex())),
            b'[' => {
                self.pos += 1;
                let mut arr = Vec::new();
                loop {
                    self.skip_white();
                    match self.bytes.get(self.pos) {
                        Some(b']') => {
                            self.pos += 1;
                            return Some(Val::Arr(arr));
                        }
                        None => return Some(Val::Arr(arr)),
                        _ => arr.push(self.value(depth + 1)?),
                    }
                }
            }
            b')' | b'>' | b']' | b'{' | b'}' => {
                self.pos += 1;
                Some(Val::Op(&self.bytes[self.pos - 1..self.pos]))
            }
            _ => {
                let w = self.word();
                match parse_num(w) {
                    Some(n) => Some(self.maybe_ref(n)),
                    None => Some(Val::Op(w)),
                }
            }
        }
    }

    /// After a number: `n g R` is a reference, otherwise the number.
    fn maybe_ref(&mut self, n: f64) -> Val<'a> {
        let save = self.pos;
        self.skip_white();
        let g = self.word();
        if !g.is_empty() && g.iter().all(u8::is_ascii_digit) {
            self.skip_white();
            if self.word() == b"R" {
                return Val::Ref(n as u32);
            }
        }
        self.pos = save;
        Val::Num(n)
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0;
        self.pos += 1;
        while let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => {
                    let Some(&e) = self.bytes.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.bytes.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.bytes.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut digits = Vec::new();
        while let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = (b as char).to_digit(16) {
                digits.push(d as u8);
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect()
    }
}

fn parse_num(w: &[u8]) -> Option<f64> {
    let first = *w.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    std::str::from_utf8(w).ok()?.parse().ok()
}

/// A PDF text string (document info, annotations): UTF-16BE after a byte
/// order mark, else PDFDocEncoding (taken as Latin-1).
pub fn text_string(b: &[u8]) -> String {
    match b.strip_prefix(&[0xFE, 0xFF]) {
        Some(u) => utf16be(u),
        None => b.iter().map(|&c| char::from(c)).collect(),
    }
}

pub fn utf16be(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// A ToUnicode CMap: code → text, and the bytes per code (1 or 2).
#[derive(Debug, Default)]
pub struct ToUnicode {
    pub map: HashMap<u32, String>,
    pub width: usize,
}

fn code(b: &[u8]) -> u32 {
    b.iter().fold(0, |n, &x| n << 8 | u32::from(x))
}

/// Read the `bfchar` and `bfrange` sections of a CMap.
pub fn parse_cmap(bytes: &[u8]) -> ToUnicode {
    let mut lx = Lexer::new(bytes);
    let mut out = ToUnicode::default();
    let mut stack: Vec<Val> = Vec::new();
    let mut section: &[u8] = b"";
    while let Some(v) = lx.value(0) {
        match v {
            Val::Op(op @ (b"beginbfchar" | b"beginbfrange")) => {
                section = op;
                stack.clear();
            }
            Val::Op(b"endbfchar") => {
                for pair in stack.chunks(2) {
                    if let [Val::Str(src), Val::Str(dst)] = pair {
                        out.width = out.width.max(src.len());
                        out.map.insert(code(src), utf16be(dst));
                    }
                }
                stack.clear();
            }
            Val::Op(b"endbfrange") => {
                for triple in stack.chunks(3) {
                    bfrange(triple, &mut out);
                }
                stack.clear();
            }
            v if !section.is_empty() => stack.push(v),
            _ => {}
        }
    }
    if out.width == 0 {
        out.width = 2;
    }
    out
}

fn bfrange(triple: &[Val], out: &mut ToUnicode) {
    let [Val::Str(lo), Val::Str(hi), dst] = triple else {
        return;
    };
    out.width = out.width.max(lo.len());
    let (lo, hi) = (code(lo), code(hi));
    // A range is at most one byte's worth of codes in a well-formed CMap.
    for (i, c) in (lo..=hi.min(lo + 0xFFFF)).enumerate() {
        let text = match dst {
            Val::Str(d) => {
                let mut units: Vec<u16> = d
                    .chunks(2)
                    .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
                    .collect();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(i as u16);
                }
                String::from_utf16_lossy(&units)
            }
            Val::Arr(a) => match a.get(i) {
                Some(Val::Str(d)) => utf16be(d),
                _ => continue,
            },
            _ => return,
        };
        out.map.insert(c, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_references() {
        let mut lx = Lexer::new(b"<< /Type /Page /Parent 3 0 R /Kids [4 0 R 5 0 R] /T (a\\(b\\)\\101) /H <FEFF0041> /N -1.5 >>");
        let v = lx.value(0).unwrap();
        assert_eq!(v.get(b"Type").and_then(Val::name), Some(&b"Page"[..]));
        assert_eq!(v.get(b"Parent"), Some(&Val::Ref(3)));
        assert_eq!(
            v.get(b"Kids"),
            Some(&Val::Arr(vec![Val::Ref(4), Val::Ref(5)]))
        );
        assert_eq!(v.get(b"T"), Some(&Val::Str(b"a(b)A".to_vec())));
        let Some(Val::Str(h)) = v.get(b"H") else {
            panic!()
        };
        assert_eq!(text_string(h), "A");
        assert_eq!(v.get(b"N").and_then(Val::num), Some(-1.5));
    }

    #[test]
    fn cmaps_map_chars_and_ranges() {
        let cm = parse_cmap(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar\n<0003> <0031>\n<0004> <5F20>\nendbfchar\n1 beginbfrange\n<0010> <0012> <0041>\nendbfrange\n1 beginbfrange <0020> <0021> [<0078> <0079>] endbfrange",
        );
        assert_eq!(cm.width, 2);
        assert_eq!(cm.map[&3], "1");
        assert_eq!(cm.map[&4], "张");
        assert_eq!(cm.map[&0x12], "C");
        assert_eq!(cm.map[&0x21], "y");
    }
}
