//! Finding installed faces by family name: every font file in the system's
//! font folders (and the site's) is opened once and only the tables that
//! name a face are read from it (a few kilobytes of files of megabytes);
//! the files of the faces a build uses are mapped from the same handle,
//! so no font file is opened twice.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

use memmap2::Mmap;

/// One face on disk and the names it answers to.
struct Entry {
    families: Vec<String>,
    weight: u16,
    italic: bool,
    file: usize,
    index: u32,
}

/// One font file, open, and mapped when a build uses a face of it.
struct FontFile {
    path: PathBuf,
    file: File,
    map: OnceLock<Option<Arc<Mmap>>>,
}

/// The faces of the font folders.
pub struct Catalog {
    files: Vec<FontFile>,
    entries: Vec<Entry>,
}

/// The system's font folders.
fn system_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "windows") {
        let win = std::env::var_os("WINDIR").map_or(PathBuf::from("C:\\Windows"), PathBuf::from);
        dirs.push(win.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        dirs.extend(["/System/Library/Fonts", "/Library/Fonts"].map(PathBuf::from));
        dirs.extend(home.iter().map(|h| h.join("Library/Fonts")));
    } else {
        dirs.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        dirs.extend(
            home.iter()
                .flat_map(|h| [h.join(".local/share/fonts"), h.join(".fonts")]),
        );
    }
    dirs
}

fn is_font(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str()))
}

/// A font file opened, with the faces read from it (their `file` not yet set).
type Found = (PathBuf, File, Vec<Entry>);

/// Every font file in `dirs`, opened and its faces' names read, by path.
fn read_dirs(dirs: &[PathBuf]) -> Vec<Found> {
    let paths = dirs
        .iter()
        .filter(|d| d.is_dir())
        .flat_map(|d| walkdir::WalkDir::new(d).follow_links(true))
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| is_font(p) && p.is_file());
    let mut found = Vec::new();
    for path in paths {
        let Ok(file) = File::open(&path) else {
            continue;
        };
        let mut entries = Vec::new();
        for (index, face) in faces(&file).into_iter().enumerate() {
            let Some(sfnt) = face else { continue };
            if let Ok(face) = ttf_parser::Face::parse(&sfnt, 0) {
                entries.push(entry(&face, 0, index as u32));
            }
        }
        found.push((path, file, entries));
    }
    found
}

/// The system's font folders being read on another thread, for the next
/// scan to take.
static EARLY: Mutex<Option<JoinHandle<Vec<Found>>>> = Mutex::new(None);

/// Reads the system's font folders on another thread while the site is
/// loaded: the build's scan then takes what was read instead of reading it.
/// What is not taken while this lives is forgotten when it is dropped.
pub struct Prefetch(());

impl Prefetch {
    pub fn start() -> Prefetch {
        let reading = std::thread::Builder::new()
            .name("fonts".into())
            .spawn(|| read_dirs(&system_dirs()));
        if let (Ok(handle), Ok(mut early)) = (reading, EARLY.lock()) {
            *early = Some(handle);
        }
        Prefetch(())
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        if let Ok(mut early) = EARLY.lock() {
            early.take();
        }
    }
}

impl Catalog {
    /// Read the names of every face in the system's folders and `extra`
    /// (the system's as a [`Prefetch`] read them, when one did).
    pub fn scan(extra: &[PathBuf]) -> Catalog {
        let early = EARLY.lock().ok().and_then(|mut e| e.take());
        let mut found = match early.and_then(|h| h.join().ok()) {
            Some(found) => found,
            None => read_dirs(&system_dirs()),
        };
        found.extend(read_dirs(extra));
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.dedup_by(|a, b| a.0 == b.0);
        let mut cat = Catalog {
            files: Vec::new(),
            entries: Vec::new(),
        };
        for (path, file, entries) in found {
            let at = cat.files.len();
            cat.entries
                .extend(entries.into_iter().map(|e| Entry { file: at, ..e }));
            let map = OnceLock::new();
            cat.files.push(FontFile { path, file, map });
        }
        cat
    }

    /// The path of file `file` (as [`Catalog::query`] gives it).
    pub fn path(&self, file: usize) -> &Path {
        &self.files[file].path
    }

    /// The font file at `path` mapped, from the handle the scan opened.
    pub fn mapped(&self, path: &Path) -> Option<Arc<Mmap>> {
        let f = self.files.iter().find(|f| f.path == path)?;
        f.map.get_or_init(|| map(&f.file).map(Arc::new)).clone()
    }

    /// The face of family `name` nearest to `weight` (upright preferred):
    /// its file and index in it.
    pub fn query(&self, name: &str, weight: u16) -> Option<(usize, u32)> {
        let distance = |e: &Entry| {
            // CSS font matching: for bold, heavier first; for normal, lighter first.
            let w = e.weight as i32 - weight as i32;
            let off = if (weight >= 500) == (w >= 0) { 0 } else { 1000 };
            (e.italic, off + w.abs())
        };
        self.entries
            .iter()
            .filter(|e| e.families.iter().any(|f| f.eq_ignore_ascii_case(name)))
            .min_by_key(|e| distance(e))
            .map(|e| (e.file, e.index))
    }
}

fn map(file: &File) -> Option<Mmap> {
    // SAFETY: font files are not written while a build runs; a font
    // replaced mid-build (a package upgrade) renames a new file in place,
    // leaving this mapping on the old one.
    unsafe { Mmap::map(file) }.ok()
}

/// The tables a face's names and style are read from, and those
/// ttf-parser requires of every face.
const NAMING: [&[u8; 4]; 6] = [b"head", b"hhea", b"maxp", b"OS/2", b"name", b"post"];

/// Each face of a font file (one, or each of a collection) as a small
/// sfnt of its [`NAMING`] tables, byte for byte as in the file: what
/// ttf-parser reads of those tables is then what it reads of the whole
/// file, without the file being read or mapped. `None` for a face whose
/// header cannot be read.
fn faces(file: &File) -> Vec<Option<Vec<u8>>> {
    let mut head = [0u8; 12];
    if read_at(file, &mut head, 0).is_none() {
        return Vec::new();
    }
    if &head[..4] != b"ttcf" {
        return vec![naming_sfnt(file, 0)];
    }
    let count = u32::from_be_bytes([head[8], head[9], head[10], head[11]]) as usize;
    let mut offsets = vec![0u8; 4 * count.min(1 << 16)];
    if read_at(file, &mut offsets, 12).is_none() {
        // No face of a collection whose offsets are cut off parses.
        return Vec::new();
    }
    let offsets = offsets.chunks(4);
    offsets
        .map(|o| naming_sfnt(file, u32::from_be_bytes([o[0], o[1], o[2], o[3]]) as u64))
        .collect()
}

/// The face whose table directory is at `at`, cut to its [`NAMING`] tables.
fn naming_sfnt(file: &File, at: u64) -> Option<Vec<u8>> {
    let size = file.metadata().ok()?.len();
    let mut head = [0u8; 12];
    read_at(file, &mut head, at)?;
    let count = u16::from_be_bytes([head[4], head[5]]) as usize;
    let mut records = vec![0u8; 16 * count];
    read_at(file, &mut records, at + 12)?;
    let be32 = |r: &[u8], i: usize| u32::from_be_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for r in records.chunks(16) {
        let tag: [u8; 4] = [r[0], r[1], r[2], r[3]];
        if !NAMING.contains(&&tag) {
            continue;
        }
        // A table past the end of the file is missing, as ttf-parser has it.
        let (offset, len) = (be32(r, 8) as u64, be32(r, 12) as u64);
        if offset + len > size {
            continue;
        }
        let whole = if &tag == b"post" { len.min(34) } else { len };
        let mut data = vec![0u8; whole as usize];
        if read_at(file, &mut data, offset).is_none() {
            continue;
        }
        if &tag == b"post" && !post_header(&mut data, len) {
            continue;
        }
        tables.push((tag, data));
    }
    let mut out = head[..4].to_vec();
    out.extend_from_slice(&(tables.len() as u16).to_be_bytes());
    out.extend_from_slice(&[0; 6]);
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len();
    }
    tables.iter().for_each(|(_, d)| out.extend_from_slice(d));
    Some(out)
}

/// A `post` table's glyph names (tens of kilobytes in a TrueType CJK
/// face) say nothing of the face: keep its header, and of a version 2.0
/// table an empty name list, when ttf-parser would accept the whole table
/// (`len` bytes, of which `data` holds the first 34); false when it would not.
fn post_header(data: &mut Vec<u8>, len: u64) -> bool {
    if data.len() < 32 {
        return false;
    }
    if data[..4] != [0, 2, 0, 0] {
        data.truncate(32);
        return true;
    }
    let names = match data.get(32..34) {
        Some(n) => u16::from_be_bytes([n[0], n[1]]) as u64,
        None => return false,
    };
    data.truncate(32);
    data.extend_from_slice(&[0, 0]);
    34 + 2 * names <= len
}

fn read_at(file: &File, buf: &mut [u8], at: u64) -> Option<()> {
    #[cfg(unix)]
    use std::os::unix::fs::FileExt;
    #[cfg(unix)]
    return file.read_exact_at(buf, at).ok();
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            match file.seek_read(&mut buf[done..], at + done as u64) {
                Ok(0) | Err(_) => return None,
                Ok(n) => done += n,
            }
        }
        Some(())
    }
}

fn entry(face: &ttf_parser::Face, file: usize, index: u32) -> Entry {
    let mut families: Vec<String> = Vec::new();
    for id in [
        ttf_parser::name_id::TYPOGRAPHIC_FAMILY,
        ttf_parser::name_id::FAMILY,
    ] {
        for n in face.names().into_iter().filter(|n| n.name_id == id) {
            if let Some(s) = n.to_string().filter(|s| !families.contains(s)) {
                families.push(s);
            }
        }
    }
    Entry {
        families,
        weight: face.weight().to_number(),
        italic: face.is_italic(),
        file,
        index,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a scan learns of each face: families, weight, italic, index.
    fn summary(e: &Entry) -> (Vec<String>, u16, bool, u32) {
        (e.families.clone(), e.weight, e.italic, e.index)
    }

    #[test]
    fn the_naming_tables_give_the_faces_the_whole_files_give() {
        let cat = Catalog::scan(&[]);
        assert!(
            cat.files.len() >= 3,
            "the tests need the CJK fonts installed (see the README)"
        );
        for (k, f) in cat.files.iter().enumerate() {
            let whole = map(&File::open(&f.path).unwrap()).unwrap();
            let count = ttf_parser::fonts_in_collection(&whole).unwrap_or(1);
            let want: Vec<_> = (0..count)
                .filter_map(|i| {
                    ttf_parser::Face::parse(&whole, i)
                        .ok()
                        .map(|face| (face, i))
                })
                .map(|(face, i)| summary(&entry(&face, k, i)))
                .collect();
            let got: Vec<_> = cat
                .entries
                .iter()
                .filter(|e| e.file == k)
                .map(summary)
                .collect();
            assert_eq!(got, want, "{}", f.path.display());
        }
    }

    #[test]
    fn a_cut_off_or_foreign_file_has_no_face() {
        let tmp = tempfile::tempdir().unwrap();
        let noto = Catalog::scan(&[])
            .files
            .iter()
            .map(|f| f.path.clone())
            .find(|p| p.to_string_lossy().contains("NotoSerifCJK"))
            .expect("Noto Serif CJK installed");
        let bytes = std::fs::read(noto).unwrap();
        std::fs::write(tmp.path().join("cut.ttc"), &bytes[..4096]).unwrap();
        std::fs::write(tmp.path().join("text.otf"), b"not a font").unwrap();
        for name in ["cut.ttc", "text.otf"] {
            let file = File::open(tmp.path().join(name)).unwrap();
            let parsed = faces(&file)
                .into_iter()
                .flatten()
                .filter(|s| ttf_parser::Face::parse(s, 0).is_ok())
                .count();
            assert_eq!(parsed, 0, "{name}");
        }
    }
}
