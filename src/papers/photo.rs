//! Candidates' photos for the recommendation forms: `<ID number>.jpg`,
//! `.jpeg` or `.png` in the year's photos folder. A JPEG that fits the photo
//! box (about 300 dpi at 35 × 45 mm) goes into the form as it is; a larger
//! one (a camera photo of several megabytes) and a PNG are shrunk to it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::picture;

use crate::data::idcard::mask;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::files::{locate, Source};
use crate::render::flate::deflate;
use crate::typeset::page::{Photo, PhotoEncoding};

const EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "JPG", "PNG"];
const MAX_W: u32 = 413;
const MAX_H: u32 = 531;
/// Largest photo accepted, per side and in pixels (a 48-megapixel camera
/// photo fits); read from the file's header before anything is decoded, so
/// a small file declaring a huge image (a decompression bomb) is refused.
pub const MAX_SIDE: u32 = 10_000;
pub const MAX_PIXELS: u64 = 50_000_000;

/// The photos folder named in papers.yaml must exist inside the site.
pub fn check_dir(root: &Path, year_dir: &Path, dir: &str, src: &Source) -> Result<(), Diagnostic> {
    let rel = year_dir.join(dir);
    let bad = Path::new(dir)
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if bad || !root.join(&rel).is_dir() {
        return Err(locate(
            crate::diag!(Error, "photos-folder-missing", folder = &rel),
            src,
            dir,
        ));
    }
    Ok(())
}

/// Photos whose name is no candidate's ID number would be silently unused: warn.
pub fn unmatched(root: &Path, rel: &Path, ids: &HashSet<&str>, diags: &mut Diagnostics) {
    let Ok(entries) = std::fs::read_dir(root.join(rel)) else {
        return;
    };
    let mut stray: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let (stem, ext) = name.rsplit_once('.')?;
            if !EXTENSIONS.contains(&ext) {
                return None;
            }
            let id = stem.to_uppercase();
            (!ids.contains(id.as_str())).then(|| format!("{}.{ext}", mask(&id)))
        })
        .collect();
    if stray.is_empty() {
        return;
    }
    stray.sort();
    let n = stray.len();
    stray.truncate(5);
    diags.push(
        crate::diag!(
            Warning,
            "photos-unmatched",
            count = n,
            folder = rel,
            names = stray.join(", ")
        )
        .in_file(rel),
    );
}

/// The names in a photo folder, lowercased, listed once: most exempt
/// candidates have no photo, and each would otherwise cost ten lookups of
/// names that are not there. A name listed is still asked for as before
/// (the folder may ignore case); unlisted, it is not there.
#[derive(Default)]
pub struct Listing(Option<HashSet<String>>);

pub fn list(root: &Path, rel: &Path) -> Listing {
    let Ok(entries) = std::fs::read_dir(root.join(rel)) else {
        return Listing(None);
    };
    let names = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_lowercase())
        .collect();
    Listing(Some(names))
}

/// The photo file of `id`, if there is one.
pub fn find(root: &Path, rel: &Path, id: &str, listing: &Listing) -> Option<PathBuf> {
    let lower = id.to_lowercase();
    EXTENSIONS
        .iter()
        .flat_map(|ext| [format!("{id}.{ext}"), format!("{lower}.{ext}")])
        .filter(|name| {
            listing
                .0
                .as_ref()
                .is_none_or(|names| names.contains(&name.to_lowercase()))
        })
        .map(|name| root.join(rel).join(name))
        .find(|p| p.is_file())
}

/// A photo file read and hashed; decoded only when its form is rendered,
/// so a rebuild that reuses the form does not decode it again.
pub struct PhotoFile {
    bytes: Vec<u8>,
    pub hash: String,
    /// The file name with the ID masked, and whose it is, for errors.
    shown: String,
    whose: String,
    dir: PathBuf,
}

/// Read `path`, the photo of the candidate `whose` with ID number `id`.
pub fn read(path: &Path, id: &str, whose: &str) -> Result<PhotoFile, Diagnostic> {
    let mut file = PhotoFile {
        bytes: Vec::new(),
        hash: String::new(),
        shown: path
            .file_name()
            .map(|n| n.to_string_lossy().replace(id, &mask(id)))
            .unwrap_or_default(),
        whose: whose.to_string(),
        dir: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
    };
    file.bytes = std::fs::read(path).map_err(|e| file.fail(e.to_string()))?;
    file.hash = crate::papers::key::hex(&Sha256::digest(&file.bytes));
    Ok(file)
}

impl PhotoFile {
    fn fail(&self, why: String) -> Diagnostic {
        crate::diag!(
            Error,
            "photo-unusable",
            file = &self.shown,
            whose = &self.whose
        )
        .in_file(&self.dir)
        .cause(why)
    }

    /// The photo for the PDF: a JPEG that fits the photo box as it is (its
    /// header checked); a larger JPEG decoded, shrunk and encoded again, so a
    /// college's form stays small; a PNG decoded, put on white and shrunk.
    pub fn decode(&self) -> Result<Photo, Diagnostic> {
        let jpeg = self.bytes.starts_with(&[0xFF, 0xD8]);
        let frame = if jpeg {
            Some(picture::jpeg_frame(&self.bytes).map_err(|e| self.fail(e))?)
        } else {
            None
        };
        let (w, h) = match &frame {
            Some(f) => (f.width, f.height),
            None if self.bytes.starts_with(b"\x89PNG") => {
                picture::png_size(&self.bytes).map_err(|e| self.fail(e))?
            }
            None => return Err(self.fail(crate::t!("photo-not-image"))),
        };
        if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
            return Err(self.fail(crate::t!(
                "photo-too-large",
                width = w,
                height = h,
                side = MAX_SIDE,
                megapixels = MAX_PIXELS / 1_000_000
            )));
        }
        if w < 16 || h < 16 {
            return Err(self.fail(crate::t!("photo-too-small", width = w, height = h)));
        }
        match frame {
            Some(f) if w <= MAX_W && h <= MAX_H => {
                return Ok(Photo {
                    data: self.bytes.clone(),
                    width: w,
                    height: h,
                    encoding: PhotoEncoding::Jpeg {
                        grey: f.components == 1,
                    },
                })
            }
            Some(f) => return self.shrunk_jpeg(&f),
            None => {}
        }
        let (rgb, w, h) =
            picture::png_rgb(&self.bytes, (MAX_PIXELS * 4) as usize).map_err(|e| self.fail(e))?;
        let (rgb, width, height) = picture::fit(rgb, w, h, MAX_W, MAX_H);
        Ok(Photo {
            data: deflate(&rgb),
            width,
            height,
            encoding: PhotoEncoding::DeflatedRgb,
        })
    }

    /// A JPEG larger than the photo box (a camera photo of several
    /// megabytes, which would go into the form whole otherwise), shrunk to
    /// the box and encoded again: tens of kilobytes.
    fn shrunk_jpeg(&self, frame: &picture::JpegFrame) -> Result<Photo, Diagnostic> {
        let rgb = picture::jpeg_rgb(&self.bytes, frame).map_err(|e| self.fail(e))?;
        let (rgb, width, height) = picture::fit(rgb, frame.width, frame.height, MAX_W, MAX_H);
        // `fit` made the sides at most MAX_W × MAX_H, well within u16.
        let data =
            picture::jpeg_encode(&rgb, width as u16, height as u16).map_err(|e| self.fail(e))?;
        Ok(Photo {
            data,
            width,
            height,
            encoding: PhotoEncoding::Jpeg { grey: false },
        })
    }
}
