//! What every paper of a run shares: the templates, the fonts and the
//! subsets of their fixed text, the key; and how a template becomes pages.

use std::path::PathBuf;

use sha2::Digest;

use super::input::{CandidateView, YearInput};
use super::key::{self, Key};
use super::stencil::{self, Stencils};
use super::{jobs, load_templates, photo, qr_payload};
use crate::data::{Candidate, CandidateList};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Site;
use crate::render::html::{Context, Templates};
use crate::render::pdf::subset::SharedFonts;
use crate::render::pdf::writer::{Meta, PdfWriter};
use crate::sheet::layout::{layout, Inputs};
use crate::sheet::memo::{Memo, Recorder};
use crate::sheet::spec::Sheet;
use crate::typeset::fonts::FontSet;
use crate::typeset::page::Page;

/// What the papers of one kind share: subsets of their template text
/// (so a receipt does not carry the form's glyphs), and a fingerprint.
#[derive(Default)]
pub(super) struct Kind {
    pub(super) shared: SharedFonts,
    /// Changes whenever anything but the candidate's own facts would change a paper.
    pub(super) fingerprint: String,
}

/// Everything shared by one run's papers: templates, fonts, the key, and
/// the subsets of the text every paper has.
pub struct Plan {
    pub years: Vec<YearInput>,
    pub(super) templates: Templates,
    pub(super) fonts: std::sync::Arc<FontSet>,
    pub(super) receipt: Kind,
    pub(super) form: Kind,
    pub(super) key: Key,
    pub key_origin: key::Origin,
    pub(super) authority: String,
    /// Blank forms of every year, written with the site.
    pub blanks: Vec<(PathBuf, Vec<u8>)>,
    pub(super) site_root: PathBuf,
    /// Per year: what its papers share besides their kind (see [`Plan::year_fingerprint`]).
    pub(super) year_fingerprints: Vec<String>,
    pub warnings: Diagnostics,
    /// The template text's lines, broken once for the blank papers.
    lines: Memo,
    recording: Option<Recorder>,
    /// Per year: its photo folder's names (see [`photo::Listing`]).
    pub(super) photo_lists: Vec<photo::Listing>,
    /// Each year, kind and category's layout with holes for the values.
    pub(super) stencils: Stencils,
}

/// Which paper a template renders, for error messages: written out only
/// for one (it costs a message's formatting).
struct What<'a> {
    kind: &'a str,
    year: i32,
    c: Option<&'a Candidate>,
    list: &'a CandidateList,
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&paper_what(self.kind, self.year, self.c, self.list))
    }
}

fn paper_what(kind: &str, year: i32, c: Option<&Candidate>, list: &CandidateList) -> String {
    let kind = match kind {
        "receipt" => crate::t!("paper-kind-receipt"),
        _ => crate::t!("paper-kind-form"),
    };
    match c {
        Some(c) => crate::t!(
            "paper-of-candidate",
            kind = &kind,
            name = c.name(),
            row = c.row,
            file = &list.file
        ),
        None => crate::t!("paper-blank", kind = &kind, year = year.to_string()),
    }
}

impl Plan {
    /// Check the templates by laying out the blank papers of every
    /// category, and subset the fonts for the text they share.
    pub fn new(
        site: &Site,
        font_set: &std::sync::Arc<FontSet>,
        years: Vec<YearInput>,
        key: Key,
        key_origin: key::Origin,
    ) -> Result<Plan, Diagnostics> {
        let templates = load_templates(&site.root)?;
        let fonts = font_set.clone();
        let authority = site.config.authority.name.clone();
        let mut plan = Plan {
            years,
            templates,
            fonts,
            receipt: Kind::default(),
            form: Kind::default(),
            key,
            key_origin,
            authority,
            blanks: Vec::new(),
            site_root: site.root.clone(),
            year_fingerprints: Vec::new(),
            warnings: Diagnostics::new(),
            lines: Memo::default(),
            recording: Some(Recorder::default()),
            photo_lists: Vec::new(),
            stencils: Stencils::default(),
        };
        for y in &plan.years {
            let mut listing = photo::Listing::default();
            if let Some(dir) = y.spec.forms.as_ref().and_then(|f| f.photos.as_ref()) {
                let ids = jobs::exempt_ids(y);
                photo::unmatched(&site.root, &y.dir.join(dir), &ids, &mut plan.warnings);
                listing = photo::list(&site.root, &y.dir.join(dir));
            }
            plan.photo_lists.push(listing);
        }
        let (blank_receipts, blank_forms) = plan.blank_pages()?;
        plan.lines = plan.recording.take().unwrap_or_default().into_memo();
        plan.stencils = plan.stencils();
        plan.receipt = plan.kind("receipt", &blank_receipts)?;
        plan.form = plan.kind("form", blank_forms.iter().flat_map(|(_, p)| p))?;
        plan.year_fingerprints = plan
            .years
            .iter()
            .map(|y| plan.year_fingerprint(y))
            .collect();
        for (i, pages) in blank_forms {
            let y = &plan.years[i];
            let title = format!("{}年免试推荐登记表（空白）", y.year);
            let pages: Vec<_> = pages.into_iter().map(|page| (page, None)).collect();
            let bytes = plan.assemble(&plan.form, &pages, &title)?;
            plan.blanks
                .push((PathBuf::from(format!("{}/forms/blank.pdf", y.year)), bytes));
        }
        Ok(plan)
    }

    /// The blank receipt of every category and the blank forms of every
    /// exempt category, by year: they check the templates and hold the
    /// text every paper of their kind shares.
    #[allow(clippy::type_complexity)]
    fn blank_pages(&self) -> Result<(Vec<Page>, Vec<(usize, Vec<Page>)>), Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut lay_out = |y: &YearInput, kind: &str, cat: &str, into: &mut Vec<Page>| {
            match self.lay_out(y, kind, None, &y.blank_view(cat), "", None) {
                Ok(p) => into.extend(p),
                // Every category's blank would repeat a template's error.
                Err(d) if !diags.iter().any(|e| *e == d) => diags.push(d),
                Err(_) => {}
            }
        };
        let mut receipts = Vec::new();
        let mut forms = Vec::new();
        for (i, y) in self.years.iter().enumerate() {
            if y.spec.receipts.is_some() {
                for cat in y.categories.keys() {
                    lay_out(y, "receipt", cat, &mut receipts);
                }
            }
            if y.spec.forms.is_some() {
                let mut pages = Vec::new();
                for cat in y.exempt_categories() {
                    lay_out(y, "form", cat, &mut pages);
                }
                forms.push((i, pages));
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok((receipts, forms))
    }

    /// The one place papers become PDF: pages of one kind, with its shared subsets.
    pub(super) fn assemble(
        &self,
        kind: &Kind,
        pages: &[(Page, Option<&crate::typeset::page::Photo>)],
        title: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut w = self.writer(kind);
        for (p, photo) in pages {
            w.add(p, *photo);
        }
        self.finish(w, title)
    }

    /// A PDF of `kind`, its pages added one at a time: a college's forms
    /// are written as they are laid out, not held as pages first.
    pub(super) fn writer<'a>(&'a self, kind: &'a Kind) -> PdfWriter<'a> {
        PdfWriter::new(&self.fonts, Some(&kind.shared)).quick()
    }

    pub(super) fn finish(&self, w: PdfWriter, title: &str) -> Result<Vec<u8>, Diagnostic> {
        let meta = Meta {
            title,
            author: &self.authority,
            subject: None,
            date: None,
        };
        w.finish(&meta).map_err(crate::render::pdf::subset_error)
    }

    /// What every paper of `y` shares besides its kind: the values of the
    /// template context that are not the candidate's.
    fn year_fingerprint(&self, y: &YearInput) -> String {
        let notes = y.spec.receipts.as_ref().map(|r| &r.instructions);
        let shared = serde_json::json!({
            "year": y.year,
            "authority": self.authority,
            "exam": y.spec.exam,
            "instructions": notes,
            "dates": y.dates,
        });
        key::hex(&sha2::Sha256::digest(
            serde_json::to_vec(&shared).unwrap_or_default(),
        ))
    }

    fn kind<'p>(
        &self,
        name: &str,
        blanks: impl IntoIterator<Item = &'p Page>,
    ) -> Result<Kind, Diagnostics> {
        let shared = SharedFonts::from_pages(&self.fonts, blanks).map_err(|e| {
            Diagnostics::from(e.diagnostic().hint(crate::typeset::fonts::install_hint()))
        })?;
        let mut fp = format!(
            "gazette {} {name}\n{}\n",
            env!("CARGO_PKG_VERSION"),
            shared.fingerprint()
        );
        fp.push_str(self.templates.source(&format!("{name}.yaml")));
        for f in &self.fonts.faces {
            fp.push_str(&f.label);
        }
        let fingerprint = key::hex(&sha2::Sha256::digest(fp.as_bytes()));
        Ok(Kind {
            shared,
            fingerprint,
        })
    }

    /// Render a template to its layout text.
    pub(super) fn layout_text(
        &self,
        y: &YearInput,
        kind: &str,
        c: Option<&Candidate>,
        v: &CandidateView,
        code: &str,
    ) -> Result<String, Diagnostic> {
        let ctx = self.context(y, c.is_none(), v, code, &self.qr(y, c, v, code));
        self.templates.render_text(
            &format!("{kind}.yaml"),
            &paper_what(kind, y.year, c, &y.list),
            &ctx,
        )
    }

    /// The text of a receipt's QR code (none on a blank paper).
    pub(super) fn qr(
        &self,
        y: &YearInput,
        c: Option<&Candidate>,
        v: &CandidateView,
        code: &str,
    ) -> String {
        match c {
            Some(_) => qr_payload(y.year, &y.personal_facts(v), code),
            None => String::new(),
        }
    }

    /// What a paper template gets.
    pub(super) fn context(
        &self,
        y: &YearInput,
        blank: bool,
        v: &CandidateView,
        code: &str,
        qr: &str,
    ) -> Context {
        let mut ctx = Context::new();
        ctx.insert("year", &y.year);
        ctx.insert("authority", &self.authority);
        ctx.insert("exam", &y.spec.exam);
        ctx.insert("c", v);
        ctx.insert("dates", y.dates(v.category_id));
        let notes: &[String] = y
            .spec
            .receipts
            .as_ref()
            .map_or(&[], |r| r.instructions.as_slice());
        ctx.insert("instructions", notes);
        ctx.insert("code", code);
        ctx.insert("qr", qr);
        ctx.insert("blank", &blank);
        ctx
    }

    /// Read a layout text; with the context it was rendered from, an error
    /// is placed at the line and column of the template that wrote it.
    pub(super) fn parse(
        &self,
        kind: &str,
        text: &str,
        what: &dyn std::fmt::Display,
        ctx: Option<&Context>,
    ) -> Result<Sheet, Diagnostic> {
        Sheet::parse(text).map_err(|e| {
            let shown = text
                .lines()
                .nth(e.line.saturating_sub(1))
                .unwrap_or("")
                .trim();
            let name = format!("{kind}.yaml");
            let d = crate::diag!(
                Error,
                "paper-template-invalid",
                template = &name,
                what = what.to_string()
            )
            .in_file(PathBuf::from("templates").join(&name))
            .cause(&e.message)
            .cause(crate::t!("paper-template-written-line", line = shown));
            let source = self.templates.source(&name);
            match ctx.and_then(|ctx| self.template_position(&name, ctx, e.line, e.column)) {
                Some((line, column)) => d.at(source, line, column),
                None => d,
            }
        })
    }

    /// Where in template `name` the layout text's `line` and `column` were written.
    fn template_position(
        &self,
        name: &str,
        ctx: &Context,
        line: usize,
        column: usize,
    ) -> Option<(usize, usize)> {
        let source = self.templates.source(name);
        let marked = self
            .templates
            .render_as(name, &crate::sheet::origin::mark(source), ctx)?;
        crate::sheet::origin::locate(&marked, source, line, column)
    }

    /// Render, read and lay out one paper.
    pub(super) fn lay_out(
        &self,
        y: &YearInput,
        kind: &str,
        c: Option<&Candidate>,
        v: &CandidateView,
        code: &str,
        photo_aspect: Option<f32>,
    ) -> Result<Vec<Page>, Diagnostic> {
        self.pages(y, kind, c, (v, code), photo_aspect, true)
    }

    /// The pages of one paper; `locate` places an invalid layout's error
    /// in the template.
    pub(super) fn pages(
        &self,
        y: &YearInput,
        kind: &str,
        c: Option<&Candidate>,
        (v, code): (&CandidateView, &str),
        photo_aspect: Option<f32>,
        locate: bool,
    ) -> Result<Vec<Page>, Diagnostic> {
        let what = What {
            kind,
            year: y.year,
            c,
            list: &y.list,
        };
        let qr = self.qr(y, c, v, code);
        let ctx = self.context(y, c.is_none(), v, code, &qr);
        let text = self
            .templates
            .render_text(&format!("{kind}.yaml"), &what, &ctx)?;
        let filled = c
            .and_then(|_| stencil::find(&self.stencils, y.year, kind, v.category_id))
            .and_then(|s| s.fill(&text, &stencil::values(v, code, &qr)));
        let sheet = match filled {
            Some(sheet) => sheet,
            None => self.parse(kind, &text, &what, locate.then_some(&ctx))?,
        };
        self.lay_out_sheet(y, kind, c, &what, &sheet, photo_aspect)
    }

    fn lay_out_sheet(
        &self,
        y: &YearInput,
        kind: &str,
        c: Option<&Candidate>,
        what: &dyn std::fmt::Display,
        sheet: &Sheet,
        photo_aspect: Option<f32>,
    ) -> Result<Vec<Page>, Diagnostic> {
        layout(
            sheet,
            &Inputs {
                fonts: &self.fonts,
                photo_aspect,
                memo: Some(&self.lines),
                record: self.recording.as_ref(),
            },
        )
        .map_err(|e| {
            let d = crate::diag!(Error, "paper-layout-failed", what = what.to_string())
                .cause(e.to_string());
            match c {
                Some(_) => d
                    .in_file(&y.list.file)
                    .hint(crate::t!("paper-layout-font-hint")),
                None => d.in_file(PathBuf::from("templates").join(format!("{kind}.yaml"))),
            }
        })
    }
}
