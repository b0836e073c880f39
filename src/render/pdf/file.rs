//! The file around a document's objects, in the compact form of PDF 1.5:
//! streams (pages' content, font programs, CMaps, pictures) stay indirect
//! objects, every other object (fonts' dictionaries and widths, pages,
//! catalog, information) is packed into one compressed object stream, and
//! a cross-reference stream indexes them all. A receipt's dozen small
//! dictionaries then cost a few hundred bytes instead of 3.4 KB, and its
//! cross-reference table 60 bytes instead of 400.

use pdf_writer::{Chunk, Ref};

use crate::render::flate::deflate_at;

/// Objects of one document as they are written.
pub struct Objects {
    /// The file so far: its header and the stream objects.
    file: Vec<u8>,
    /// Where each stream object starts in `file`.
    stream_at: Vec<(Ref, usize)>,
    /// The objects to pack, written by pdf-writer as indirect objects.
    packed: Chunk,
    /// Where each of those starts in `packed`.
    packed_at: Vec<(Ref, usize)>,
}

/// The file's header: version and a comment of bytes above 127, which
/// says the file is binary.
const HEADER: &[u8] = b"%PDF-1.7\n%\x80\x80\x80\x80\n";

impl Default for Objects {
    fn default() -> Self {
        let mut file = Vec::with_capacity(64 * 1024);
        file.extend_from_slice(HEADER);
        Objects {
            file,
            stream_at: Vec::new(),
            packed: Chunk::new(),
            packed_at: Vec::new(),
        }
    }
}

impl Objects {
    /// Write stream object `id` of `data`, its dictionary `dict` (entries
    /// besides `/Length`, as PDF syntax).
    pub fn stream(&mut self, id: Ref, dict: &[u8], data: &[u8]) {
        self.stream_at.push((id, self.file.len()));
        let f = &mut self.file;
        f.extend_from_slice(format!("{} 0 obj\n<<", id.get()).as_bytes());
        f.extend_from_slice(dict);
        f.extend_from_slice(format!("/Length {}>>\nstream\n", data.len()).as_bytes());
        f.extend_from_slice(data);
        f.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Where the dictionary or array object `id` is written; it goes into
    /// the object stream.
    pub fn packed(&mut self, id: Ref) -> &mut Chunk {
        self.packed_at.push((id, self.packed.len()));
        &mut self.packed
    }

    /// The file: header, streams, the object stream, the cross-reference
    /// stream naming `root`, `info` and the file `id`; what is compressed
    /// now at Flate `level`.
    pub fn finish(self, root: Ref, info: Ref, id: &[u8], level: u8) -> Vec<u8> {
        let bodies = bodies(self.packed.as_bytes(), &self.packed_at);
        let last = self
            .stream_at
            .iter()
            .chain(&self.packed_at)
            .map(|(r, _)| r.get())
            .max()
            .unwrap_or(0);
        let (objstm, xref) = (last + 1, last + 2);
        let mut out = self.file;
        // Type 1 entries (an offset) and type 2 (an index in the object stream).
        let mut entries: Vec<(i32, u8, usize, usize)> = self
            .stream_at
            .iter()
            .map(|&(r, at)| (r.get(), 1, at, 0))
            .collect();
        entries.extend(
            bodies
                .iter()
                .enumerate()
                .map(|(k, (r, _))| (*r, 2, objstm as usize, k)),
        );
        entries.push((objstm, 1, out.len(), 0));
        object_stream(&mut out, objstm, &bodies, level);
        let xref_at = out.len();
        entries.push((xref, 1, xref_at, 0));
        entries.sort_unstable();
        xref_stream(&mut out, &entries, xref, root, info, id, level);
        out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF").as_bytes());
        out
    }
}

/// The object stream `num` of `bodies`.
fn object_stream(out: &mut Vec<u8>, num: i32, bodies: &[(i32, &[u8])], level: u8) {
    let mut head = Vec::new();
    let mut data = Vec::new();
    for (r, body) in bodies {
        head.extend_from_slice(format!("{r} {} ", data.len()).as_bytes());
        minify(body, &mut data);
        data.push(b'\n');
    }
    head.pop();
    head.push(b'\n');
    let first = head.len();
    head.extend_from_slice(&data);
    let packed = deflate_at(&head, level);
    out.extend_from_slice(
        format!(
            "{num} 0 obj\n<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
            bodies.len(),
            packed.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&packed);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

/// PDF objects without the whitespace pdf-writer indents them with: a
/// space stays only between two regular characters (as in `0 R` or
/// `0 0 595 842`); strings are copied as they are.
fn minify(src: &[u8], out: &mut Vec<u8>) {
    let delimiter = |b: u8| b"()<>[]{}/%".contains(&b);
    let start = out.len();
    let mut space = false;
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if space && out.len() > start && !delimiter(out[out.len() - 1]) && !delimiter(b) {
            out.push(b' ');
        }
        space = false;
        let end = match b {
            b'(' => literal_end(src, i),
            b'<' | b'>' if src.get(i + 1) == Some(&b) => i + 2,
            b'<' => src[i..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(src.len(), |p| i + p + 1),
            _ => i + 1,
        };
        out.extend_from_slice(&src[i..end]);
        i = end;
    }
}

/// Where the literal string opening at `src[at]` ends (after its `)`).
fn literal_end(src: &[u8], at: usize) -> usize {
    let mut depth = 0;
    let mut i = at;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    src.len()
}

/// Each packed object's value, without pdf-writer's `N 0 obj` and `endobj`.
fn bodies<'a>(bytes: &'a [u8], starts: &[(Ref, usize)]) -> Vec<(i32, &'a [u8])> {
    let mut out: Vec<(i32, &[u8])> = starts
        .iter()
        .enumerate()
        .map(|(k, &(r, at))| {
            let end = starts.get(k + 1).map_or(bytes.len(), |s| s.1);
            let whole = &bytes[at..end];
            let open = whole.iter().position(|&b| b == b'\n').map_or(0, |p| p + 1);
            let body = whole[open..]
                .strip_suffix(b"\nendobj\n\n")
                .unwrap_or(&whole[open..]);
            (r.get(), body)
        })
        .collect();
    out.sort_unstable_by_key(|(r, _)| *r);
    out
}

/// The cross-reference stream `xref` of `entries` (object, type, field 2,
/// field 3) sorted by object; object 0 is the free list's head.
fn xref_stream(
    out: &mut Vec<u8>,
    entries: &[(i32, u8, usize, usize)],
    xref: i32,
    root: Ref,
    info: Ref,
    id: &[u8],
    level: u8,
) {
    let bytes_for = |v: usize| (usize::BITS - v.leading_zeros()).div_ceil(8).max(1) as usize;
    let w2 = bytes_for(entries.iter().map(|e| e.2).max().unwrap_or(0));
    let mut rows = Vec::with_capacity((entries.len() + 1) * (3 + w2));
    rows.push(0);
    rows.extend(std::iter::repeat_n(0, w2));
    rows.extend_from_slice(&[0xff, 0xff]);
    let mut next = 1;
    for &(r, kind, f2, f3) in entries {
        // A number never written (none is, today) is a free entry.
        for _ in next..r {
            rows.extend(std::iter::repeat_n(0, 3 + w2));
        }
        next = r + 1;
        rows.push(kind);
        rows.extend_from_slice(&f2.to_be_bytes()[8 - w2..]);
        rows.extend_from_slice(&(f3 as u16).to_be_bytes());
    }
    // A paper's table (about 20 entries, 100 bytes) is kept as it is:
    // Flate saves a few bytes of it and costs a compressor's start.
    let (data, filter) = if rows.len() > 1024 {
        (deflate_at(&rows, level), "/Filter/FlateDecode")
    } else {
        (rows, "")
    };
    let hex: String = id.iter().map(|b| format!("{b:02X}")).collect();
    out.extend_from_slice(
        format!(
            "{xref} 0 obj\n<</Type/XRef/Size {}/W[1 {w2} 2]/Root {} 0 R/Info {} 0 R/ID[<{hex}><{hex}>]{filter}/Length {}>>\nstream\n",
            xref + 1,
            root.get(),
            info.get(),
            data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn minified_objects_keep_their_tokens_and_strings() {
        let pretty = b"<<\n  /Type /Page\n  /MediaBox [0 0 595.2 841.9]\n  /Contents 4 0 R\n  \
            /Title (a  (b) \\) c)\n  /ID <0A 0B>\n  /Kids [5 0 R]\n>>";
        let mut out = Vec::new();
        minify(pretty, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<</Type/Page/MediaBox[0 0 595.2 841.9]/Contents 4 0 R/Title(a  (b) \\) c)/ID<0A 0B>/Kids[5 0 R]>>"
        );
    }
}
