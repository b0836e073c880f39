//! Fonts per role (title 小标宋, body 仿宋, heading 黑体 and 楷体, page
//! numbers 宋体), found by family name through a fallback chain, with a
//! per-character fallback: a glyph missing from one face is taken from the
//! next face of the chain, never drawn as an empty box.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::config::{FontConfig, FontSpec};

/// What to install when no CJK font is found at all.
pub const INSTALL_HINT: &str = "install CJK fonts: on Debian/Ubuntu `sudo apt-get install --no-install-recommends fonts-noto-cjk texlive-lang-chinese`; Windows and macOS have them already";

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
    fn weight(self) -> fontdb::Weight {
        match self {
            Role::Title => fontdb::Weight::BOLD,
            _ => fontdb::Weight::NORMAL,
        }
    }
}

/// One face on disk, parsed on first use.
pub struct Face {
    pub label: String,
    pub path: PathBuf,
    pub index: u32,
    /// Stable id; its first six letters become the PDF subset tag.
    pub id: FontId,
    parsed: OnceLock<Option<ParsedFont>>,
}

impl Face {
    pub fn parsed(&self) -> Option<&ParsedFont> {
        self.parsed
            .get_or_init(|| {
                let bytes = std::fs::read(&self.path).ok()?;
                let mut warnings = Vec::new();
                ParsedFont::from_bytes(&bytes, self.index as usize, &mut warnings)
            })
            .as_ref()
    }

    pub fn glyph(&self, c: char) -> Option<u16> {
        self.parsed()?
            .lookup_glyph_index(c as u32)
            .filter(|g| *g != 0)
    }

    /// Advance of `c` in em.
    pub fn advance(&self, c: char) -> f32 {
        let Some(font) = self.parsed() else {
            return 1.0;
        };
        let upem = font.pdf_font_metrics.units_per_em.max(1) as f32;
        match self.glyph(c) {
            Some(g) => font.get_horizontal_advance(g) as f32 / upem,
            None => 1.0,
        }
    }
}

/// The faces of every role, in chain order.
pub struct FontSet {
    pub faces: Vec<Face>,
    chains: BTreeMap<Role, Vec<usize>>,
}

impl FontSet {
    /// Find every role's chain. A role with no face at all is an error; a
    /// missing preferred face is a warning.
    pub fn load(cfg: &FontConfig, root: &Path) -> Result<(FontSet, Diagnostics), Diagnostics> {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        for dir in EXTRA_DIRS {
            if Path::new(dir).is_dir() {
                db.load_fonts_dir(dir);
            }
        }
        for dir in &cfg.dirs {
            db.load_fonts_dir(root.join(dir));
        }
        let mut faces: Vec<Face> = Vec::new();
        let mut chains = BTreeMap::new();
        let mut diags = Diagnostics::new();
        let mut fallbacks = Vec::new();
        for role in Role::ALL {
            let mut chain = Vec::new();
            let mut missing = Vec::new();
            for spec in role.chain(cfg) {
                let found = match spec {
                    FontSpec::Family(name) => {
                        find_family(&db, name, role.weight()).map(|(p, i)| (name.clone(), p, i))
                    }
                    FontSpec::File { path, index } => {
                        let full = root.join(path);
                        full.is_file()
                            .then(|| (path.display().to_string(), full, *index))
                    }
                };
                let Some((label, path, index)) = found else {
                    missing.push(spec_label(spec));
                    continue;
                };
                let at = faces
                    .iter()
                    .position(|f| f.path == path && f.index == index);
                let i = at.unwrap_or_else(|| {
                    faces.push(Face {
                        label,
                        path,
                        index,
                        id: FontId(subset_tag(faces.len())),
                        parsed: OnceLock::new(),
                    });
                    faces.len() - 1
                });
                if !chain.contains(&i) {
                    chain.push(i);
                }
            }
            let preferred = role.chain(cfg).first().map(spec_label);
            match chain.first() {
                None => diags.push(
                    Diagnostic::error(format!(
                        "no font found for the {} role (tried {})",
                        role.key(),
                        missing.join(", ")
                    ))
                    .in_file(crate::load::CONFIG_FILE)
                    .hint(INSTALL_HINT)
                    .io(),
                ),
                Some(&first) if preferred.as_ref().is_some_and(|p| missing.contains(p)) => {
                    fallbacks.push(format!(
                        "{} `{}` → `{}`",
                        role.key(),
                        preferred.unwrap_or_default(),
                        faces[first].label
                    ));
                }
                _ => {}
            }
            chains.insert(role, chain);
        }
        if !fallbacks.is_empty() {
            diags.push(
                Diagnostic::warning(format!(
                    "preferred fonts not found, using the next of each chain: {}",
                    fallbacks.join("; ")
                ))
                .in_file(crate::load::CONFIG_FILE)
                .hint("install the preferred fonts, or name the ones you have under `fonts:` in gazette.yaml"),
            );
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let set = FontSet { faces, chains };
        // Parse the first face of each role now, in parallel (65-100 ms each).
        let firsts: Vec<usize> = set
            .chains
            .values()
            .filter_map(|c| c.first().copied())
            .collect();
        firsts.par_iter().for_each(|&i| {
            set.faces[i].parsed();
        });
        for &i in &firsts {
            if set.faces[i].parsed().is_none() {
                diags.push(
                    Diagnostic::error(format!(
                        "font file `{}` cannot be read as a font",
                        set.faces[i].path.display()
                    ))
                    .in_file(crate::load::CONFIG_FILE)
                    .hint("name another font in gazette.yaml, or reinstall this one"),
                );
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok((set, diags))
    }

    /// Drop the parsed faces (tens of megabytes each) once the documents
    /// that need them are made; they are parsed again if needed.
    pub fn release(&mut self) {
        for f in &mut self.faces {
            f.parsed = OnceLock::new();
        }
    }

    /// The faces of `role`'s chain, most preferred first.
    pub fn chain(&self, role: Role) -> &[usize] {
        self.chains.get(&role).map_or(&[], |c| c.as_slice())
    }

    /// The face of `role`'s chain that has a glyph for `c`.
    pub fn pick(&self, role: Role, c: char) -> Option<usize> {
        self.chains[&role]
            .iter()
            .copied()
            .find(|&i| self.faces[i].glyph(c).is_some())
    }
}

fn spec_label(spec: &FontSpec) -> String {
    match spec {
        FontSpec::Family(n) => n.clone(),
        FontSpec::File { path, .. } => path.display().to_string(),
    }
}

/// Six uppercase letters per face: GZAAAA, GZAAAB, … (deterministic subset tags).
fn subset_tag(n: usize) -> String {
    let mut tag = String::from("GZ");
    let mut rest = n;
    let mut letters = [b'A'; 4];
    for slot in letters.iter_mut().rev() {
        *slot = b'A' + (rest % 26) as u8;
        rest /= 26;
    }
    tag.push_str(std::str::from_utf8(&letters).unwrap_or("AAAA"));
    tag
}

fn find_family(
    db: &fontdb::Database,
    name: &str,
    weight: fontdb::Weight,
) -> Option<(PathBuf, u32)> {
    let families = [fontdb::Family::Name(name)];
    let query = fontdb::Query {
        families: &families,
        weight,
        ..Default::default()
    };
    let id = db.query(&query)?;
    match db.face_source(id)? {
        (fontdb::Source::File(path), index) => Some((path, index)),
        (fontdb::Source::SharedFile(path, _), index) => Some((path, index)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_uppercase_letters() {
        assert_eq!(subset_tag(0), "GZAAAA");
        assert_eq!(subset_tag(27), "GZAABB");
        assert!(subset_tag(5).chars().all(|c| c.is_ascii_uppercase()));
    }
}
