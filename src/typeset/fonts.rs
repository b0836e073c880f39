//! The font set of a build: the faces of every role (title 小标宋, body
//! 仿宋, heading 黑体 and 楷体, page numbers 宋体), found by family name
//! through a fallback chain, with a per-character fallback: a glyph missing
//! from one face is taken from the next face of the chain, never drawn as
//! an empty box. Each font file is mapped once, on first use, and shared by
//! every document of the build (notice, lists, receipts, forms).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use super::discover::Catalog;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::config::{FontConfig, FontSpec};

/// What to install when no CJK font is found at all (the Debian/Ubuntu
/// packages by name, in every language).
pub fn install_hint() -> String {
    crate::t!("font-role-missing.hint")
}

/// Folders searched besides the system's: TeX Live ships the Fandol faces
/// (the only free simplified FangSong) outside the fontconfig paths.
const EXTRA_DIRS: [&str; 2] = [
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
    "/usr/share/texmf/fonts/opentype/public/fandol",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Title,
    Body,
    Heading1,
    Heading2,
    PageNumber,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Title,
        Role::Body,
        Role::Heading1,
        Role::Heading2,
        Role::PageNumber,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Body => "body",
            Role::Heading1 => "heading1",
            Role::Heading2 => "heading2",
            Role::PageNumber => "page_number",
        }
    }

    fn chain(self, cfg: &FontConfig) -> &[FontSpec] {
        match self {
            Role::Title => &cfg.title,
            Role::Body => &cfg.body,
            Role::Heading1 => &cfg.heading1,
            Role::Heading2 => &cfg.heading2,
            Role::PageNumber => &cfg.page_number,
        }
    }

    /// The title face is a heavy Song (小标宋): prefer a bold weight where a family has one.
    fn weight(self) -> u16 {
        match self {
            Role::Title => 700,
            _ => 400,
        }
    }
}

/// One font file, mapped on first use and counted: a build maps each file once.
struct FontFile {
    path: PathBuf,
    map: OnceLock<Option<Arc<memmap2::Mmap>>>,
    opens: AtomicUsize,
}

impl FontFile {
    fn bytes(&self) -> Option<Arc<memmap2::Mmap>> {
        self.map
            .get_or_init(|| {
                self.opens.fetch_add(1, Ordering::Relaxed);
                let file = std::fs::File::open(&self.path).ok()?;
                // SAFETY: font files are not written while a build runs; a font
                // replaced mid-build (a package upgrade) renames a new file in
                // place, leaving this mapping on the old one.
                unsafe { memmap2::Mmap::map(&file) }.ok().map(Arc::new)
            })
            .clone()
    }
}

/// Metrics a font descriptor needs, in 1000-unit em.
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub bbox: [f32; 4],
}

/// A parsed face. `face` borrows the mapping `_map` keeps alive: it is
/// declared first, so it is dropped first.
struct Parsed {
    face: ttf_parser::Face<'static>,
    /// The CFF glyph programs, read on first use and shared by every
    /// document's subsets.
    cff: OnceLock<Option<super::cff::Program<'static>>>,
    upem: f32,
    ps_name: String,
    metrics: Metrics,
    _map: Arc<memmap2::Mmap>,
}

/// One face of a font file, parsed on first use.
pub struct Face {
    /// The family name or file it was asked for by.
    pub label: String,
    pub index: u32,
    file: usize,
    parsed: OnceLock<Option<Parsed>>,
}

/// The faces of every role, in chain order.
pub struct FontSet {
    files: Vec<FontFile>,
    pub faces: Vec<Face>,
    chains: BTreeMap<Role, Vec<usize>>,
}

impl FontSet {
    /// Find every role's chain. A role with no face at all is an error; a
    /// missing preferred face is a warning. `config` is the text of
    /// gazette.yaml, where errors are placed.
    pub fn load(
        cfg: &FontConfig,
        root: &Path,
        config: &str,
    ) -> Result<(FontSet, Diagnostics), Diagnostics> {
        let extra: Vec<PathBuf> = EXTRA_DIRS
            .iter()
            .map(PathBuf::from)
            .chain(cfg.dirs.iter().map(|d| root.join(d)))
            .collect();
        let catalog = Catalog::scan(&extra);
        let mut set = FontSet {
            files: Vec::new(),
            faces: Vec::new(),
            chains: BTreeMap::new(),
        };
        let mut diags = Diagnostics::new();
        let mut fallbacks = Vec::new();
        for role in Role::ALL {
            let mut chain = Vec::new();
            let mut missing = Vec::new();
            for spec in role.chain(cfg) {
                match find(&catalog, spec, role, root) {
                    Some((label, path, index)) => {
                        let mapped = catalog.mapped(&path);
                        let i = set.add(label, path, index, mapped);
                        if !chain.contains(&i) {
                            chain.push(i);
                        }
                    }
                    None => missing.push(spec_label(spec)),
                }
            }
            let preferred = role.chain(cfg).first().map(spec_label);
            match chain.first() {
                None => diags.push(placed(
                    crate::diag!(
                        Error,
                        "font-role-missing",
                        role = role.key(),
                        tried = missing.join(", ")
                    )
                    .in_file(crate::load::CONFIG_FILE)
                    .io(),
                    config,
                    crate::load::files::find_key_value(config, role.key()),
                )),
                Some(&first) if preferred.as_ref().is_some_and(|p| missing.contains(p)) => {
                    fallbacks.push(format!(
                        "{} `{}` → `{}`",
                        role.key(),
                        preferred.unwrap_or_default(),
                        set.faces[first].label
                    ));
                }
                _ => {}
            }
            set.chains.insert(role, chain);
        }
        if !fallbacks.is_empty() {
            diags.push(
                crate::diag!(
                    Warning,
                    "font-fallback",
                    fallbacks = fallbacks.join(&crate::t!("font-fallback-separator"))
                )
                .in_file(crate::load::CONFIG_FILE),
            );
        }
        if !diags.has_errors() {
            set.check_first_faces(&mut diags, config);
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok((set, diags))
    }

    /// A face, with its file's mapping when the font folders' scan made it.
    fn add(
        &mut self,
        label: String,
        path: PathBuf,
        index: u32,
        mapped: Option<Arc<memmap2::Mmap>>,
    ) -> usize {
        let file = match self.files.iter().position(|f| f.path == path) {
            Some(f) => f,
            None => {
                let opens = AtomicUsize::new(usize::from(mapped.is_some()));
                let map = OnceLock::new();
                if let Some(m) = mapped {
                    let _ = map.set(Some(m));
                }
                self.files.push(FontFile { path, map, opens });
                self.files.len() - 1
            }
        };
        let known = self
            .faces
            .iter()
            .position(|f| f.file == file && f.index == index);
        known.unwrap_or_else(|| {
            self.faces.push(Face {
                label,
                index,
                file,
                parsed: OnceLock::new(),
            });
            self.faces.len() - 1
        })
    }

    /// The first face of every role must be readable: it sets most text.
    fn check_first_faces(&self, diags: &mut Diagnostics, config: &str) {
        let mut firsts: Vec<usize> = self
            .chains
            .values()
            .filter_map(|c| c.first().copied())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        for i in firsts {
            if self.parsed(i).is_none() {
                let d = crate::diag!(Error, "font-unreadable", file = self.path(i))
                    .in_file(crate::load::CONFIG_FILE);
                // Where gazette.yaml names it (a file, or a family).
                diags.push(placed(d, config, config.find(&self.faces[i].label)));
            }
        }
    }

    fn parsed(&self, i: usize) -> Option<&Parsed> {
        let face = &self.faces[i];
        face.parsed
            .get_or_init(|| {
                let map = self.files[face.file].bytes()?;
                // SAFETY: the bytes live in the mapping `map`, which `Parsed`
                // keeps alive for as long as the parsed face exists; a mapping
                // does not move when the `Arc` holding it does.
                let bytes: &'static [u8] =
                    unsafe { std::slice::from_raw_parts(map.as_ptr(), map.len()) };
                let f = ttf_parser::Face::parse(bytes, face.index).ok()?;
                Some(Parsed {
                    upem: f.units_per_em().max(1) as f32,
                    ps_name: ps_name(&f, &face.label),
                    metrics: metrics(&f),
                    cff: OnceLock::new(),
                    face: f,
                    _map: map,
                })
            })
            .as_ref()
    }

    /// The file face `i` is in.
    pub fn path(&self, i: usize) -> &Path {
        &self.files[self.faces[i].file].path
    }

    /// The whole font file of face `i` (its face index is `faces[i].index`).
    pub fn data(&self, i: usize) -> Option<&[u8]> {
        self.parsed(i).map(|p| &p._map[..])
    }

    /// The CFF glyph programs of face `i`, when its outlines are CFF of a
    /// kind the cache reads.
    pub fn cff(&self, i: usize) -> Option<&super::cff::Program<'static>> {
        let p = self.parsed(i)?;
        p.cff
            .get_or_init(|| {
                let table = p
                    .face
                    .raw_face()
                    .table(ttf_parser::Tag::from_bytes(b"CFF "))?;
                super::cff::Program::parse(table)
            })
            .as_ref()
    }

    /// Glyph id of `c` in face `i`, when it has one.
    pub fn glyph(&self, i: usize, c: char) -> Option<u16> {
        let p = self.parsed(i)?;
        p.face.glyph_index(c).map(|g| g.0).filter(|g| *g != 0)
    }

    /// Advance of glyph `gid` of face `i`, in em.
    pub fn advance(&self, i: usize, gid: u16) -> f32 {
        match self.parsed(i) {
            Some(p) => {
                let adv = p.face.glyph_hor_advance(ttf_parser::GlyphId(gid));
                adv.map_or(1.0, |a| a as f32 / p.upem)
            }
            None => 1.0,
        }
    }

    /// The PostScript name of face `i` (printable ASCII only).
    pub fn ps_name(&self, i: usize) -> &str {
        self.parsed(i).map_or("Font", |p| p.ps_name.as_str())
    }

    pub fn metrics(&self, i: usize) -> Metrics {
        self.parsed(i).map_or(
            Metrics {
                ascent: 880.0,
                descent: -120.0,
                cap_height: 700.0,
                bbox: [0.0, -120.0, 1000.0, 880.0],
            },
            |p| p.metrics,
        )
    }

    /// The faces of `role`'s chain, most preferred first.
    pub fn chain(&self, role: Role) -> &[usize] {
        self.chains.get(&role).map_or(&[], |c| c.as_slice())
    }

    /// The first face of `role`'s chain that has `c`, and its glyph id.
    pub fn pick(&self, role: Role, c: char) -> Option<(usize, u16)> {
        self.chain(role)
            .iter()
            .find_map(|&i| self.glyph(i, c).map(|g| (i, g)))
    }

    /// The font files this build mapped: path, how often it was opened,
    /// and the faces used from it with the roles they serve.
    pub fn listing(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (k, file) in self.files.iter().enumerate() {
            let opens = file.opens.load(Ordering::Relaxed);
            if opens == 0 {
                continue;
            }
            let faces: Vec<String> = (0..self.faces.len())
                .filter(|&i| self.faces[i].file == k && self.faces[i].parsed.get().is_some())
                .map(|i| {
                    let roles: Vec<&str> = Role::ALL
                        .iter()
                        .filter(|r| self.chain(**r).contains(&i))
                        .map(|r| r.key())
                        .collect();
                    crate::t!(
                        "font-listing-face",
                        name = self.ps_name(i),
                        index = self.faces[i].index.to_string(),
                        label = &self.faces[i].label,
                        roles = roles.join(", ")
                    )
                })
                .collect();
            let faces = if faces.is_empty() {
                crate::t!("font-listing-unused")
            } else {
                faces.join("; ")
            };
            out.push(crate::t!(
                "font-listing",
                file = &file.path,
                opens = opens,
                faces = faces
            ));
        }
        out
    }
}

fn find(
    catalog: &Catalog,
    spec: &FontSpec,
    role: Role,
    root: &Path,
) -> Option<(String, PathBuf, u32)> {
    match spec {
        FontSpec::Family(name) => {
            let (file, index) = catalog.query(name, role.weight())?;
            Some((name.clone(), catalog.path(file).to_path_buf(), index))
        }
        FontSpec::File { path, index } => {
            let full = root.join(path);
            full.is_file()
                .then(|| (path.display().to_string(), full, *index))
        }
    }
}

fn placed(d: Diagnostic, config: &str, at: Option<usize>) -> Diagnostic {
    match at {
        Some(at) => d.at_offset(config, at),
        None => d,
    }
}

fn spec_label(spec: &FontSpec) -> String {
    match spec {
        FontSpec::Family(n) => n.clone(),
        FontSpec::File { path, .. } => path.display().to_string(),
    }
}

fn metrics(f: &ttf_parser::Face) -> Metrics {
    let k = 1000.0 / f.units_per_em().max(1) as f32;
    let b = f.global_bounding_box();
    Metrics {
        ascent: f.ascender() as f32 * k,
        descent: f.descender() as f32 * k,
        cap_height: f.capital_height().unwrap_or(f.ascender()) as f32 * k,
        bbox: [
            b.x_min as f32 * k,
            b.y_min as f32 * k,
            b.x_max as f32 * k,
            b.y_max as f32 * k,
        ],
    }
}

/// The PostScript name, for a PDF's BaseFont (spaces and delimiters removed).
fn ps_name(f: &ttf_parser::Face, label: &str) -> String {
    let name = f
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string());
    name.unwrap_or_else(|| label.to_string())
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .collect()
}
