//! The recommendation form (免试推荐登记表): one file per college, a page
//! per exam-exempt candidate, with their photo when there is one.

use sha2::{Digest, Sha256};

use super::{photo, Plan};
use crate::data::Candidate;
use crate::diag::Diagnostic;

impl Plan {
    /// The hash of everything that decides a college's forms: the kind's
    /// and the year's fingerprints, each candidate's values and photo.
    pub(super) fn form_hash(
        &self,
        year: usize,
        list: &[&Candidate],
    ) -> Result<[u8; 32], Diagnostic> {
        let y = &self.years[year];
        let mut h = Sha256::new();
        h.update(self.form.fingerprint.as_bytes());
        h.update(self.year_fingerprints[year].as_bytes());
        for c in list {
            h.update(serde_json::to_vec(&y.view(c)).unwrap_or_default());
            if let Some(p) = self.photo_file(year, c)? {
                h.update(p.hash.as_bytes());
            }
        }
        Ok(h.finalize().into())
    }

    fn photo_file(
        &self,
        year: usize,
        c: &Candidate,
    ) -> Result<Option<photo::PhotoFile>, Diagnostic> {
        let y = &self.years[year];
        let Some(dir) = y.spec.forms.as_ref().and_then(|f| f.photos.as_ref()) else {
            return Ok(None);
        };
        let listing = &self.photo_lists[year];
        photo::find(&self.site_root, &y.dir.join(dir), c.id_number(), listing)
            .map(|p| {
                let whose = format!("{} (row {} of the candidate list)", c.name(), c.row);
                photo::read(&p, c.id_number(), &whose)
            })
            .transpose()
    }

    /// A college's forms as one PDF.
    pub(super) fn form_pdf(
        &self,
        year: usize,
        college: &str,
        list: &[&Candidate],
    ) -> Result<Vec<u8>, Diagnostic> {
        let y = &self.years[year];
        // Each candidate's photo and pages go into the file at once: a
        // college of thousands would otherwise hold every page and photo.
        let mut w = self.writer(&self.form);
        for c in list {
            let photo = self.photo_file(year, c)?.map(|p| p.decode()).transpose()?;
            let v = y.view(c);
            let aspect = photo
                .as_ref()
                .map(|p| p.width as f32 / p.height.max(1) as f32);
            for page in self.lay_out(y, "form", Some(c), &v, "", aspect)? {
                w.add(&page, photo.as_ref());
            }
        }
        let title = format!("{}年免试推荐登记表 {college}", y.year);
        self.finish(w, &title).map_err(|d| d.in_file(&y.list.file))
    }
}
