//! Papers made per candidate from the same facts as the notice: the
//! receipt (报名回执) every candidate downloads, and the recommendation
//! form (免试推荐登记表) colleges print for each exam-exempt candidate.
//!
//! `papers.yaml` says which dates and notes a receipt carries; the
//! wording and layout are the templates `receipt.yaml` and `form.yaml`
//! (Tera writing a layout, see [`crate::sheet`]).

mod derivations;
pub mod key;
pub mod lookup;
pub mod manifest;
mod photo;
pub mod run;

pub use run::{Folders, RunOptions, RunReport, Shard};

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::data::{Candidate, CandidateList, Review, Sex};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::files::locate;
use crate::load::{Site, Year};
use crate::model::format::Show;
use crate::model::schedule::Resolved;
use crate::render::html::{load_set, Templates};
use crate::render::pdf::subset::SharedFonts;
use crate::render::pdf::writer::Meta;
use crate::sheet::layout::{layout, Inputs};
use crate::sheet::spec::Sheet;
use crate::typeset::fonts::FontSet;
use crate::typeset::page::Page;
use key::Key;

/// `content/<year>/papers.yaml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PapersSpec {
    /// The examination's name as the papers print it after the year.
    #[serde(default = "default_exam")]
    pub exam: String,
    #[serde(default)]
    pub receipts: Option<ReceiptSpec>,
    #[serde(default)]
    pub forms: Option<FormSpec>,
}

fn default_exam() -> String {
    "普通高等教育专升本考试".into()
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReceiptSpec {
    /// Phases of schedule.yaml a receipt lists, in order.
    pub dates: Vec<DateSpec>,
    #[serde(default)]
    pub instructions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DateSpec {
    pub phase: String,
    /// Only candidates of these categories (ids); all when absent.
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    /// The label; the phase's name when absent.
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FormSpec {
    /// Folder of photos named by ID number (`<ID>.jpg`, `.jpeg` or `.png`),
    /// relative to the year folder.
    #[serde(default)]
    pub photos: Option<String>,
}

/// The built-in paper templates; a site's `templates/` overrides them by name.
pub const BUILTIN: [(&str, &str); 2] = [
    ("receipt.yaml", include_str!("../../templates/receipt.yaml")),
    ("form.yaml", include_str!("../../templates/form.yaml")),
];

/// Values go into double-quoted YAML strings.
fn yaml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

pub fn load_templates(root: &std::path::Path) -> Result<Templates, Diagnostics> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".yaml"]);
    tera.set_escape_fn(yaml_escape);
    load_set(root, &BUILTIN, tera)
}

/// One year's inputs, checked: the candidates and the resolved schedule.
pub struct YearInput {
    pub year: i32,
    pub dir: PathBuf,
    pub spec: PapersSpec,
    pub list: CandidateList,
    /// Category id → (name, exempt).
    pub categories: BTreeMap<String, (String, bool)>,
    /// Category id → the receipt's dates for it.
    pub dates: BTreeMap<String, Vec<DateView>>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DateView {
    pub name: String,
    pub text: String,
}

/// Check `papers.yaml` against the year; None (with diagnostics) when it
/// names phases or categories the year does not have.
pub fn input(
    site: &Site,
    year: &Year,
    schedule: &[Resolved],
    list: CandidateList,
    diags: &mut Diagnostics,
) -> Option<YearInput> {
    let (spec, src) = year.papers.as_ref()?;
    let before = diags.errors();
    let categories: BTreeMap<String, (String, bool)> = year
        .categories
        .iter()
        .map(|c| (c.id.clone(), (c.name.clone(), c.exempt)))
        .collect();
    let mut dates: BTreeMap<String, Vec<DateView>> = BTreeMap::new();
    if let Some(r) = &spec.receipts {
        for d in &r.dates {
            let Some(phase) = schedule.iter().find(|p| p.id == d.phase) else {
                let known = schedule.iter().map(|p| p.id.as_str());
                let mut e = locate(
                    Diagnostic::error(format!("no phase `{}` in schedule.yaml", d.phase)),
                    src,
                    &format!("phase: {}", d.phase),
                );
                if let Some(m) = crate::diag::did_you_mean(&d.phase, known) {
                    e = e.hint(format!("did you mean `{m}`?"));
                }
                diags.push(e);
                continue;
            };
            for id in d.categories.iter().flatten() {
                if !categories.contains_key(id) {
                    diags.push(
                        locate(
                            Diagnostic::error(format!("no category `{id}` in categories.yaml")),
                            src,
                            id,
                        )
                        .hint("list category ids, e.g. general or veteran"),
                    );
                }
            }
            let show = Show {
                weekday: true,
                ..Show::default()
            };
            let view = DateView {
                name: d.label.clone().unwrap_or_else(|| phase.name.clone()),
                text: phase.text(site.config.dates, show),
            };
            for id in categories.keys() {
                if d.categories.as_ref().is_none_or(|c| c.contains(id)) {
                    dates.entry(id.clone()).or_default().push(view.clone());
                }
            }
        }
        if list
            .candidates
            .iter()
            .any(|c| c.registration_number.is_none())
        {
            diags.push(
                Diagnostic::error("receipts need each candidate's registration number (报名号)")
                    .in_file(year.dir.join("candidates.yaml"))
                    .hint("add `registration_number: <its column header>` under `columns:` in candidates.yaml"),
            );
        }
    }
    if let Some(f) = &spec.forms {
        if let Some(dir) = &f.photos {
            if let Err(d) = photo::check_dir(&site.root, &year.dir, dir, src) {
                diags.push(d);
            }
        }
    }
    if diags.errors() > before {
        return None;
    }
    Some(YearInput {
        year: year.year,
        dir: year.dir.clone(),
        spec: spec.clone(),
        list,
        categories,
        dates,
    })
}

/// What a template sees of a candidate: the ID number masked, no phone.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CandidateView<'a> {
    pub name: &'a str,
    pub sex: &'a str,
    pub id_masked: String,
    pub college: &'a str,
    pub major: &'a str,
    pub category: &'a str,
    pub category_id: &'a str,
    pub exempt: bool,
    pub choice: &'a str,
    pub review: &'a str,
    pub registration_number: &'a str,
    pub extra: BTreeMap<&'a str, &'a str>,
}

impl YearInput {
    fn view<'a>(&'a self, c: &'a Candidate) -> CandidateView<'a> {
        let (category, exempt) = self
            .categories
            .get(&c.category)
            .map_or(("", false), |(n, e)| (n.as_str(), *e));
        let choice = c
            .choice
            .as_ref()
            .and_then(|id| self.categories.get(id))
            .map_or("", |(n, _)| n.as_str());
        CandidateView {
            name: &c.name,
            sex: match c.sex {
                Sex::Male => "男",
                Sex::Female => "女",
            },
            id_masked: crate::data::idcard::mask(&c.id_number),
            college: &c.college,
            major: &c.major,
            category,
            category_id: &c.category,
            exempt,
            choice,
            review: match c.review {
                Review::Passed => "通过",
                Review::Failed => "未通过",
                Review::Pending => "待审核",
            },
            registration_number: c.registration_number.as_deref().unwrap_or(""),
            // Every field of candidates.yaml, so templates may name any of them.
            extra: self
                .list
                .extra_keys
                .iter()
                .map(|k| (&**k, c.extra.get(k)))
                .collect(),
        }
    }

    /// A blank candidate of one category: what every receipt or form of it shares.
    fn blank_view<'a>(&'a self, category_id: &'a str) -> CandidateView<'a> {
        let (category, exempt) = self
            .categories
            .get(category_id)
            .map_or(("", false), |(n, e)| (n.as_str(), *e));
        CandidateView {
            category,
            category_id,
            exempt,
            ..CandidateView::default()
        }
    }

    fn dates(&self, category: &str) -> &[DateView] {
        self.dates.get(category).map_or(&[], |d| d.as_slice())
    }

    /// The verification code of `c`'s receipt: the key's HMAC of its facts.
    fn code(&self, key: &Key, c: &Candidate, v: &CandidateView) -> String {
        key.code(&self.canonical(c, v))
    }

    /// The facts a receipt's code signs, one per line, the full ID among them.
    fn canonical(&self, c: &Candidate, v: &CandidateView) -> String {
        let mut s = format!(
            "gazette-receipt/1\nyear={}\nregistration={}\nname={}\nid={}\nsex={}\ncollege={}\nmajor={}\ncategory={}\nchoice={}\nreview={}\n",
            self.year, v.registration_number, v.name, c.id_number, v.sex, v.college, v.major, v.category, v.choice, v.review
        );
        for d in self.dates(&c.category) {
            s.push_str(&format!("date={}:{}\n", d.name, d.text));
        }
        s
    }

    /// The registered facts a receipt prints, label and value, in the
    /// order of the built-in receipt, then its dates: what `gazette verify`
    /// shows staff. The ID number is masked.
    pub fn facts(&self, v: &CandidateView) -> Vec<(String, String)> {
        let mut f = self.personal_facts(v);
        for d in self.dates(v.category_id) {
            f.push((d.name.clone(), d.text.clone()));
        }
        f
    }

    /// The candidate's own facts, without the dates (which are those of
    /// everyone in the category): what the QR code carries.
    fn personal_facts(&self, v: &CandidateView) -> Vec<(String, String)> {
        [
            ("报名号", v.registration_number),
            ("姓名", v.name),
            ("性别", v.sex),
            ("身份证号", &v.id_masked),
            ("院校", v.college),
            ("专业", v.major),
            ("报考类别", v.category),
            ("志愿类别", v.choice),
            ("资格审核", v.review),
        ]
        .into_iter()
        .filter(|(k, val)| !val.is_empty() || *k != "志愿类别")
        .map(|(k, val)| (k.to_string(), val.to_string()))
        .collect()
    }

    /// Exam-exempt candidates a college recommends: every exempt one but
    /// those its review turned down, by college, in registration order.
    pub fn form_groups(&self) -> BTreeMap<&str, Vec<&Candidate>> {
        let mut groups: BTreeMap<&str, Vec<&Candidate>> = BTreeMap::new();
        if self.spec.forms.is_none() {
            return groups;
        }
        for c in &self.list.candidates {
            let exempt = self.categories.get(&c.category).is_some_and(|(_, e)| *e);
            if exempt && c.review != Review::Failed {
                groups.entry(&c.college).or_default().push(c);
            }
        }
        for list in groups.values_mut() {
            list.sort_by(|a, b| {
                (&a.registration_number, &a.id_number).cmp(&(&b.registration_number, &b.id_number))
            });
        }
        groups
    }

    fn exempt_categories(&self) -> Vec<&str> {
        self.categories
            .iter()
            .filter(|(_, (_, e))| *e)
            .map(|(id, _)| id.as_str())
            .collect()
    }
}

/// What the papers of one kind share: subsets of their template text
/// (so a receipt does not carry the form's glyphs), and a fingerprint.
#[derive(Default)]
struct Kind {
    shared: SharedFonts,
    /// Changes whenever anything but the candidate's own facts would change a paper.
    fingerprint: String,
}

/// Everything shared by one run's papers: templates, fonts, the key, and
/// the subsets of the text every paper has.
pub struct Plan {
    pub years: Vec<YearInput>,
    templates: Templates,
    fonts: std::sync::Arc<FontSet>,
    receipt: Kind,
    form: Kind,
    key: Key,
    pub key_origin: key::Origin,
    authority: String,
    /// Blank forms of every year, written with the site.
    pub blanks: Vec<(PathBuf, Vec<u8>)>,
    site_root: PathBuf,
    pub warnings: Diagnostics,
}

/// Which paper a template renders, for error messages.
fn paper_what(kind: &str, year: i32, c: Option<&Candidate>, list: &CandidateList) -> String {
    match c {
        Some(c) => format!(
            "the {kind} of {} (row {} of `{}`)",
            c.name,
            c.row,
            list.file.display()
        ),
        None => format!("the blank {kind} of {year}"),
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
            warnings: Diagnostics::new(),
        };
        for y in &plan.years {
            if let Some(dir) = y.spec.forms.as_ref().and_then(|f| f.photos.as_ref()) {
                let ids = run::exempt_ids(y);
                photo::unmatched(&site.root, &y.dir.join(dir), &ids, &mut plan.warnings);
            }
        }
        let mut diags = Diagnostics::new();
        let mut blank_receipts: Vec<Page> = Vec::new();
        let mut blank_forms: Vec<(usize, Vec<Page>)> = Vec::new();
        for (i, y) in plan.years.iter().enumerate() {
            let cats: Vec<&str> = y.categories.keys().map(|s| s.as_str()).collect();
            if y.spec.receipts.is_some() {
                for cat in &cats {
                    let v = y.blank_view(cat);
                    match plan.lay_out(y, "receipt", None, &v, "", None) {
                        Ok(p) => blank_receipts.extend(p),
                        // Every category's blank would repeat a template's error.
                        Err(d) if !diags.iter().any(|e| *e == d) => diags.push(d),
                        Err(_) => {}
                    }
                }
            }
            if y.spec.forms.is_some() {
                let mut pages = Vec::new();
                for cat in y.exempt_categories() {
                    let v = y.blank_view(cat);
                    match plan.lay_out(y, "form", None, &v, "", None) {
                        Ok(p) => pages.extend(p),
                        // Every category's blank would repeat a template's error.
                        Err(d) if !diags.iter().any(|e| *e == d) => diags.push(d),
                        Err(_) => {}
                    }
                }
                blank_forms.push((i, pages));
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        plan.receipt = plan.kind("receipt", &blank_receipts)?;
        plan.form = plan.kind("form", blank_forms.iter().flat_map(|(_, p)| p))?;
        for (i, pages) in blank_forms {
            let y = &plan.years[i];
            let title = format!("{}年免试推荐登记表（空白）", y.year);
            let pages: Vec<_> = pages.into_iter().map(|page| (page, None)).collect();
            let meta = Meta {
                title: &title,
                author: &plan.authority,
                subject: None,
                date: None,
            };
            let bytes =
                crate::render::pdf::document(&plan.fonts, Some(&plan.form.shared), &pages, &meta)
                    .map_err(|e| Diagnostics::from(Diagnostic::error(e.to_string())))?;
            plan.blanks
                .push((PathBuf::from(format!("{}/forms/blank.pdf", y.year)), bytes));
        }
        Ok(plan)
    }

    fn kind<'p>(
        &self,
        name: &str,
        blanks: impl IntoIterator<Item = &'p Page>,
    ) -> Result<Kind, Diagnostics> {
        let shared = SharedFonts::from_pages(&self.fonts, blanks).map_err(|e| {
            Diagnostics::from(
                Diagnostic::error(e.to_string()).hint(crate::typeset::fonts::install_hint()),
            )
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
    fn layout_text(
        &self,
        y: &YearInput,
        kind: &str,
        c: Option<&Candidate>,
        v: &CandidateView,
        code: &str,
    ) -> Result<String, Diagnostic> {
        let ctx = self.context(y, c, v, code);
        self.templates.render_text(
            &format!("{kind}.yaml"),
            &paper_what(kind, y.year, c, &y.list),
            &ctx,
        )
    }

    /// What a paper template gets.
    fn context(
        &self,
        y: &YearInput,
        c: Option<&Candidate>,
        v: &CandidateView,
        code: &str,
    ) -> tera::Context {
        let mut ctx = tera::Context::new();
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
        let qr = match c {
            Some(_) => qr_payload(y.year, &y.personal_facts(v), code),
            None => String::new(),
        };
        ctx.insert("qr", &qr);
        ctx.insert("blank", &c.is_none());
        ctx
    }

    /// Read a layout text; with the context it was rendered from, an error
    /// is placed at the line and column of the template that wrote it.
    fn parse(
        &self,
        kind: &str,
        text: &str,
        what: &str,
        ctx: Option<&tera::Context>,
    ) -> Result<Sheet, Diagnostic> {
        Sheet::parse(text).map_err(|e| {
            let shown = text
                .lines()
                .nth(e.line.saturating_sub(1))
                .unwrap_or("")
                .trim();
            let name = format!("{kind}.yaml");
            let d = Diagnostic::error(format!(
                "template `{name}` wrote a layout that is not valid for {what}"
            ))
            .in_file(PathBuf::from("templates").join(&name))
            .cause(&e.message)
            .cause(format!("at the written line `{shown}`"))
            .hint("check the template's YAML: keep every {{ value }} inside double quotes");
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
        ctx: &tera::Context,
        line: usize,
        column: usize,
    ) -> Option<(usize, usize)> {
        let source = self.templates.source(name);
        let mut tera = self.templates.tera.clone();
        tera.add_raw_template(name, &crate::sheet::origin::mark(source))
            .ok()?;
        let marked = tera.render(name, ctx).ok()?;
        crate::sheet::origin::locate(&marked, source, line, column)
    }

    /// Render, parse and lay out one paper.
    fn lay_out(
        &self,
        y: &YearInput,
        kind: &str,
        c: Option<&Candidate>,
        v: &CandidateView,
        code: &str,
        photo_aspect: Option<f32>,
    ) -> Result<Vec<Page>, Diagnostic> {
        let ctx = self.context(y, c, v, code);
        let what = paper_what(kind, y.year, c, &y.list);
        let text = self
            .templates
            .render_text(&format!("{kind}.yaml"), &what, &ctx)?;
        let sheet = self.parse(kind, &text, &what, Some(&ctx))?;
        self.lay_out_sheet(y, kind, c, &sheet, photo_aspect)
    }

    fn lay_out_text(
        &self,
        y: &YearInput,
        kind: &str,
        c: Option<&Candidate>,
        text: &str,
        photo_aspect: Option<f32>,
    ) -> Result<Vec<Page>, Diagnostic> {
        let what = paper_what(kind, y.year, c, &y.list);
        let sheet = self.parse(kind, text, &what, None)?;
        self.lay_out_sheet(y, kind, c, &sheet, photo_aspect)
    }

    fn lay_out_sheet(
        &self,
        y: &YearInput,
        kind: &str,
        c: Option<&Candidate>,
        sheet: &Sheet,
        photo_aspect: Option<f32>,
    ) -> Result<Vec<Page>, Diagnostic> {
        let what = paper_what(kind, y.year, c, &y.list);
        layout(
            sheet,
            &Inputs {
                fonts: &self.fonts,
                photo_aspect,
            },
        )
        .map_err(|e| {
            let d = Diagnostic::error(format!("cannot lay out {what}")).cause(e.to_string());
            match c {
                Some(_) => d.in_file(&y.list.file).hint(
                    "install a font that has the character (e.g. fonts-noto-cjk), or name one under `fonts:` in gazette.yaml",
                ),
                None => d.in_file(PathBuf::from("templates").join(format!("{kind}.yaml"))),
            }
        })
    }

    /// The layout text of `c`'s receipt, its verification code filled in.
    pub fn receipt_text(&self, y: &YearInput, c: &Candidate) -> Result<String, Diagnostic> {
        let v = y.view(c);
        let code = y.code(&self.key, c, &v);
        self.layout_text(y, "receipt", Some(c), &v, &code)
    }

    /// The receipt PDF from its layout text.
    pub fn receipt_pdf(
        &self,
        y: &YearInput,
        c: &Candidate,
        text: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        let pages = self.lay_out_text(y, "receipt", Some(c), text, None)?;
        let title = format!(
            "{}年报名回执 {}",
            y.year,
            c.registration_number.as_deref().unwrap_or("")
        );
        let pages: Vec<_> = pages.into_iter().map(|page| (page, None)).collect();
        let meta = Meta {
            title: &title,
            author: &self.authority,
            subject: None,
            date: None,
        };
        crate::render::pdf::document(&self.fonts, Some(&self.receipt.shared), &pages, &meta)
            .map_err(|e| Diagnostic::error(e.to_string()).in_file(&y.list.file))
    }
}

/// The text of a receipt's QR code: what a phone's scanner shows. A title
/// line, then one fact a line, `label:value`: the candidate's own facts,
/// the ID masked, 志愿类别 only when it differs from 报考类别; the dates,
/// the same for a whole category, are left out to keep the code small
/// enough to scan from paper. The verification code comes last:
///
/// ```text
/// 2024年报名回执
/// 报名号:244300000004
/// 姓名:钟明
/// 性别:男
/// 身份证号:430405********1672
/// 院校:湖南化工职业技术学院
/// 专业:大数据技术
/// 报考类别:普通计划
/// 资格审核:通过
/// 验证码:QVDJ-TXQT-JM67-KGWM-BPBA
/// ```
pub fn qr_payload(year: i32, facts: &[(String, String)], code: &str) -> String {
    let mut s = format!("{year}年报名回执\n");
    let category = facts.iter().find(|(k, _)| k == "报考类别").map(|(_, v)| v);
    for (k, v) in facts {
        if k == "志愿类别" && Some(v) == category {
            continue;
        }
        s.push_str(&format!("{k}:{v}\n"));
    }
    s.push_str(&format!("验证码:{code}"));
    s
}

/// What `gazette verify` found: the verdict, with the registered facts
/// (label, value) for staff to compare with the paper line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Genuine {
        year: i32,
        name: String,
        registration: String,
        facts: Vec<(String, String)>,
    },
    /// The candidate exists, but the code is not the one of their facts.
    Altered {
        year: i32,
        name: String,
        facts: Vec<(String, String)>,
    },
    /// No candidate with receipts has this ID number.
    Unknown,
}

/// Does `code` belong to the receipt of the candidate with this ID number?
/// Needs the authority's key; reads the site's current candidate lists.
pub fn verify_receipt(
    root: &std::path::Path,
    code: &str,
    id_number: &str,
    year: Option<i32>,
) -> Result<(Verdict, Diagnostics), Diagnostics> {
    let prepared = crate::prepare(root)?;
    let years: Vec<&YearInput> = prepared
        .papers
        .iter()
        .filter(|y| y.spec.receipts.is_some() && year.is_none_or(|w| w == y.year))
        .collect();
    if years.is_empty() {
        return Err(Diagnostics::from(
            Diagnostic::error(match year {
                Some(y) => {
                    format!("{y} has no receipts (no `receipts:` in content/{y}/papers.yaml)")
                }
                None => "no year of this site has receipts".to_string(),
            })
            .hint("run this in the site the receipts were built from, or pass --root")
            .io(),
        ));
    }
    let (key, origin) = Key::load(
        &prepared.site.config.receipts,
        &prepared.site.root,
        key::Missing::Fail,
    )?;
    let mut warnings = Diagnostics::new();
    if let Some(w) = origin.warning() {
        warnings.push(w);
    }
    let id = id_number.trim().to_uppercase();
    let wanted = key::normalise_code(code);
    for y in years {
        if let Some(c) = y.list.candidates.iter().find(|c| c.id_number == id) {
            let v = y.view(c);
            let genuine = y.code(&key, c, &v) == wanted;
            let facts = y.facts(&v);
            let verdict = if genuine {
                Verdict::Genuine {
                    year: y.year,
                    name: c.name.clone(),
                    registration: v.registration_number.to_string(),
                    facts,
                }
            } else {
                Verdict::Altered {
                    year: y.year,
                    name: c.name.clone(),
                    facts,
                }
            };
            return Ok((verdict, warnings));
        }
    }
    Ok((Verdict::Unknown, warnings))
}
