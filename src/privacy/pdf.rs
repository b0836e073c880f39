//! The text of a PDF as an attacker's `pdftotext` reads it, from the PDF's
//! structure (not from knowing who wrote it): every object is indexed (also
//! those packed in object streams), each page's content streams are
//! inflated and their shown strings mapped to text through the fonts of the
//! page's resources (Type0/Identity-H fonts and simple fonts, by their
//! ToUnicode CMaps), form XObjects included; the strings of every
//! dictionary (document info, annotations, outlines) and metadata streams
//! are added. Font programs and images are never inflated.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use super::lex::{parse_cmap, text_string, Lexer, ToUnicode, Val};

/// Parsed ToUnicode CMaps by the hash of their stream bytes: the shared
/// fonts of thousands of receipts are parsed once.
#[derive(Default)]
pub struct CMapCache(Mutex<HashMap<u64, Arc<ToUnicode>>>);

/// One object: its value's bytes and its stream data (still encoded).
struct Obj<'a> {
    body: Cow<'a, [u8]>,
    stream: Option<&'a [u8]>,
}

struct Doc<'a> {
    objs: HashMap<u32, Obj<'a>>,
}

fn header_re() -> &'static regex::bytes::Regex {
    static RE: std::sync::OnceLock<regex::bytes::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::bytes::Regex::new(r"(\d+)\s+\d+\s+obj\b").expect("valid regex"))
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

impl<'a> Doc<'a> {
    /// Index the objects by walking the file: each stream's data is
    /// skipped by its `/Length`, so binary data is never read as syntax.
    fn index(bytes: &'a [u8]) -> Doc<'a> {
        let mut objs = HashMap::new();
        let mut pos = 0;
        while let Some(m) = header_re().captures_at(bytes, pos) {
            let whole = m.get(0).expect("match");
            let num: u32 = std::str::from_utf8(&m[1])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(u32::MAX);
            let mut lx = Lexer::new(bytes);
            lx.pos = whole.end();
            let value = lx.value(0);
            let body = &bytes[whole.end()..lx.pos];
            lx.skip_white();
            let mut stream = None;
            if bytes[lx.pos..].starts_with(b"stream") {
                let mut start = lx.pos + 6;
                if bytes.get(start) == Some(&b'\r') {
                    start += 1;
                }
                if bytes.get(start) == Some(&b'\n') {
                    start += 1;
                }
                let len = value
                    .as_ref()
                    .and_then(|v| v.get(b"Length"))
                    .and_then(Val::num)
                    .map(|n| n as usize);
                let end = match len {
                    Some(n) if start + n <= bytes.len() => start + n,
                    _ => find(bytes, b"endstream", start).unwrap_or(bytes.len()),
                };
                stream = Some(&bytes[start..end]);
                lx.pos = end;
            }
            objs.insert(
                num,
                Obj {
                    body: Cow::Borrowed(body),
                    stream,
                },
            );
            pos = lx.pos.max(whole.end());
        }
        let mut doc = Doc { objs };
        doc.unpack_object_streams();
        doc
    }

    /// Objects packed in `/Type /ObjStm` streams join the index.
    fn unpack_object_streams(&mut self) {
        let mut found = Vec::new();
        for obj in self.objs.values() {
            let dict = parse(&obj.body);
            if dict
                .as_ref()
                .and_then(|d| d.get(b"Type"))
                .and_then(Val::name)
                != Some(b"ObjStm")
            {
                continue;
            }
            let (Some(d), Some(data)) = (dict, decode(obj)) else {
                continue;
            };
            let first = d.get(b"First").and_then(Val::num).unwrap_or(0.0) as usize;
            let n = d.get(b"N").and_then(Val::num).unwrap_or(0.0) as usize;
            let mut lx = Lexer::new(&data[..first.min(data.len())]);
            let mut heads = Vec::new();
            for _ in 0..n {
                match (lx.value(0), lx.value(0)) {
                    (Some(Val::Num(num)), Some(Val::Num(off))) => {
                        heads.push((num as u32, off as usize))
                    }
                    _ => break,
                }
            }
            for (i, (num, off)) in heads.iter().enumerate() {
                let end = heads.get(i + 1).map_or(data.len(), |h| first + h.1);
                let start = (first + off).min(end);
                found.push((*num, data[start..end.min(data.len())].to_vec()));
            }
        }
        for (num, body) in found {
            self.objs.entry(num).or_insert(Obj {
                body: Cow::Owned(body),
                stream: None,
            });
        }
    }

    fn get<'s>(&'s self, v: &Val<'s>) -> Option<Val<'s>> {
        match v {
            Val::Ref(n) => parse(&self.objs.get(n)?.body),
            other => Some(other.clone()),
        }
    }

    fn stream<'s>(&'s self, v: &Val) -> Option<(Val<'s>, Vec<u8>)> {
        let Val::Ref(n) = v else { return None };
        let obj = self.objs.get(n)?;
        Some((parse(&obj.body)?, decode(obj)?))
    }
}

fn parse(body: &[u8]) -> Option<Val<'_>> {
    Lexer::new(body).value(0)
}

/// A stream's data, inflated when it is FlateDecode; `None` for filters
/// that hold no text (images) or data that does not inflate.
fn decode(obj: &Obj) -> Option<Vec<u8>> {
    let data = obj.stream?;
    let dict = parse(&obj.body)?;
    let filters: Vec<&[u8]> = match dict.get(b"Filter") {
        None => Vec::new(),
        Some(Val::Name(n)) => vec![n],
        Some(Val::Arr(a)) => a.iter().filter_map(Val::name).collect(),
        Some(_) => return None,
    };
    match filters.as_slice() {
        [] => Some(data.to_vec()),
        [b"FlateDecode"] => miniz_oxide::inflate::decompress_to_vec_zlib(data).ok(),
        _ => None,
    }
}

/// A font as the content stream uses it.
struct Font {
    map: Option<Arc<ToUnicode>>,
    width: usize,
}

impl Font {
    fn show(&self, s: &[u8], out: &mut String) {
        let width = self.width.max(1);
        for chunk in s.chunks(width) {
            let code = chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b));
            match self.map.as_ref().and_then(|m| m.map.get(&code)) {
                Some(t) => out.push_str(t),
                None if width == 1 => out.push(char::from(chunk[0])),
                None => out.push('\u{FFFD}'),
            }
        }
    }
}

struct Reader<'d, 'a> {
    doc: &'d Doc<'a>,
    cache: &'d CMapCache,
    out: String,
}

impl<'d> Reader<'d, '_> {
    fn font(&self, v: &Val) -> Font {
        let dict = self.doc.get(v);
        let d = dict.as_ref();
        let type0 = d.and_then(|d| d.get(b"Subtype")).and_then(Val::name) == Some(b"Type0");
        let map = d
            .and_then(|d| d.get(b"ToUnicode"))
            .and_then(|r| match r {
                Val::Ref(n) => self.doc.objs.get(n),
                _ => None,
            })
            .and_then(|obj| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                obj.stream?.hash(&mut h);
                let key = h.finish();
                let mut cache = self.cache.0.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(m) = cache.get(&key) {
                    return Some(m.clone());
                }
                let m = Arc::new(parse_cmap(&decode(obj)?));
                cache.insert(key, m.clone());
                Some(m)
            });
        let width = match &map {
            Some(m) if !type0 => m.width.min(2),
            _ if type0 => 2,
            _ => 1,
        };
        Font { map, width }
    }

    /// Show the text of one content stream with its resources.
    fn content(&mut self, data: &[u8], res: Option<&Val<'d>>, depth: usize) {
        let doc = self.doc;
        let fonts: HashMap<Vec<u8>, Font> = resource(doc, res, b"Font")
            .into_iter()
            .map(|(k, v)| (k, self.font(&v)))
            .collect();
        let xobjects: HashMap<Vec<u8>, Val> = resource(doc, res, b"XObject").into_iter().collect();
        let mut lx = Lexer::new(data);
        let mut operands: Vec<Val> = Vec::new();
        let mut font: Option<&Font> = None;
        let mut text = String::new();
        while let Some(v) = lx.value(0) {
            let Val::Op(op) = v else {
                operands.push(v);
                continue;
            };
            match op {
                b"Tf" => {
                    font = operands
                        .first()
                        .and_then(Val::name)
                        .and_then(|n| fonts.get(n))
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    let shown: Vec<&Val> = match operands.last() {
                        Some(Val::Arr(a)) => a.iter().collect(),
                        Some(v) => vec![v],
                        None => Vec::new(),
                    };
                    for s in shown {
                        if let (Val::Str(s), Some(f)) = (s, font) {
                            f.show(s, &mut text);
                        }
                    }
                }
                b"ET" => text.push('\n'),
                b"Do" if depth < 8 => {
                    if let Some(x) = operands
                        .first()
                        .and_then(Val::name)
                        .and_then(|n| xobjects.get(n))
                    {
                        self.form(x, res, depth + 1);
                    }
                }
                b"ID" => skip_inline_image(&mut lx),
                _ => {}
            }
            operands.clear();
        }
        self.out.push_str(&text);
    }

    fn form(&mut self, x: &Val<'d>, parent_res: Option<&Val<'d>>, depth: usize) {
        let doc = self.doc;
        let Some((dict, data)) = doc.stream(x) else {
            return;
        };
        if dict.get(b"Subtype").and_then(Val::name) != Some(b"Form") {
            return;
        }
        let own = dict.get(b"Resources").cloned();
        let res = own.as_ref().or(parent_res);
        self.content(&data, res, depth);
    }
}

/// The `/Font` or `/XObject` entries of a resources dictionary.
fn resource<'d>(doc: &'d Doc, res: Option<&Val<'d>>, kind: &[u8]) -> Vec<(Vec<u8>, Val<'d>)> {
    let Some(res) = res.and_then(|r| doc.get(r)) else {
        return Vec::new();
    };
    let Some(entries) = res.get(kind).and_then(|e| doc.get(e)) else {
        return Vec::new();
    };
    match entries {
        Val::Dict(d) => d.into_iter().map(|(k, v)| (k.to_vec(), v)).collect(),
        _ => Vec::new(),
    }
}

/// Inline image data is binary: skip to its `EI`.
fn skip_inline_image(lx: &mut Lexer) {
    let at = find(lx.bytes, b"EI", lx.pos + 1);
    lx.pos = at.map_or(lx.bytes.len(), |i| i + 2);
}

/// The pages in the page tree's order, each with its inherited resources.
fn pages<'d, 'a>(doc: &'d Doc<'a>) -> Vec<(Val<'d>, Option<Val<'d>>)> {
    let mut out = Vec::new();
    let mut nums: Vec<&u32> = doc.objs.keys().collect();
    nums.sort();
    for n in nums {
        let Some(v) = parse(&doc.objs[n].body) else {
            continue;
        };
        if v.get(b"Type").and_then(Val::name) != Some(b"Page") {
            continue;
        }
        // Resources may be inherited from the page tree.
        let mut res = v.get(b"Resources").cloned();
        let mut parent = v.get(b"Parent").cloned();
        let mut hops = 0;
        while res.is_none() && hops < 32 {
            let Some(p) = parent.as_ref().and_then(|p| doc.get(p)) else {
                break;
            };
            res = p.get(b"Resources").cloned();
            parent = p.get(b"Parent").cloned();
            hops += 1;
        }
        out.push((v, res));
    }
    out
}

/// Every string of a value, decoded as a PDF text string.
fn strings(v: &Val, out: &mut String) {
    match v {
        Val::Str(s) => {
            out.push_str(&text_string(s));
            out.push('\n');
        }
        Val::Arr(a) => a.iter().for_each(|x| strings(x, out)),
        Val::Dict(d) => d.iter().for_each(|(_, x)| strings(x, out)),
        _ => {}
    }
}

/// The text a reader gets out of `bytes`: the pages' text, then the strings
/// of every object and the metadata streams.
pub fn text(bytes: &[u8], cache: &CMapCache) -> String {
    let doc = Doc::index(bytes);
    let mut r = Reader {
        doc: &doc,
        cache,
        out: String::new(),
    };
    for (page, res) in pages(&doc) {
        let contents = match page.get(b"Contents") {
            Some(Val::Arr(a)) => a.clone(),
            Some(v) => vec![v.clone()],
            None => Vec::new(),
        };
        // A page's content streams are one stream split anywhere.
        let mut data = Vec::new();
        for c in &contents {
            if let Some((_, d)) = doc.stream(c) {
                data.extend_from_slice(&d);
                data.push(b'\n');
            }
        }
        r.content(&data, res.as_ref(), 0);
        r.out.push('\x0c');
    }
    for obj in doc.objs.values() {
        let Some(v) = parse(&obj.body) else { continue };
        // A cross-reference stream's dictionary is the trailer: its /ID is bytes, not text.
        if v.get(b"Type").and_then(Val::name) == Some(b"XRef") {
            continue;
        }
        strings(&v, &mut r.out);
        if v.get(b"Type").and_then(Val::name) == Some(b"Metadata") {
            if let Some(d) = decode(obj) {
                r.out.push_str(&String::from_utf8_lossy(&d));
            }
        }
    }
    r.out
}
