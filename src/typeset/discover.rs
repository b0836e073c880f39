//! Finding installed faces by family name: every font file in the system's
//! font folders (and the site's) is mapped once and its names read; the
//! files of the faces a build uses stay mapped for it, so no font file is
//! opened twice.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use memmap2::Mmap;

/// One face on disk and the names it answers to.
struct Entry {
    families: Vec<String>,
    weight: u16,
    italic: bool,
    file: usize,
    index: u32,
}

/// The faces of the font folders.
pub struct Catalog {
    pub files: Vec<(PathBuf, Arc<Mmap>)>,
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

impl Catalog {
    /// Read the names of every face in the system's folders and `extra`.
    pub fn scan(extra: &[PathBuf]) -> Catalog {
        let mut paths: Vec<PathBuf> = system_dirs()
            .iter()
            .chain(extra)
            .filter(|d| d.is_dir())
            .flat_map(|d| walkdir::WalkDir::new(d).follow_links(true))
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| is_font(p) && p.is_file())
            .collect();
        paths.sort();
        paths.dedup();
        let mut cat = Catalog {
            files: Vec::new(),
            entries: Vec::new(),
        };
        for path in paths {
            let Some(map) = map(&path) else { continue };
            let file = cat.files.len();
            let count = ttf_parser::fonts_in_collection(&map).unwrap_or(1);
            for index in 0..count {
                if let Ok(face) = ttf_parser::Face::parse(&map, index) {
                    cat.entries.push(entry(&face, file, index));
                }
            }
            cat.files.push((path, Arc::new(map)));
        }
        cat
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

fn map(path: &Path) -> Option<Mmap> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: font files are not written while a build runs; a font
    // replaced mid-build (a package upgrade) renames a new file in place,
    // leaving this mapping on the old one.
    unsafe { Mmap::map(&file) }.ok()
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
