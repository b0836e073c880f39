//! One year's papers' inputs, checked against its schedule and
//! categories, and what a template sees of a candidate.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::key::Key;
use super::{photo, PapersSpec};
use crate::data::{Candidate, CandidateList, Review, Sex};
use crate::diag::Diagnostics;
use crate::load::files::locate;
use crate::load::{Site, Year};
use crate::model::format::Show;
use crate::model::schedule::Resolved;

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
    /// The year's public salt of the receipt lookup, once the key is known.
    pub salt: Option<String>,
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
    let mut dates = BTreeMap::new();
    if let Some(r) = &spec.receipts {
        dates = receipt_dates(site, r, schedule, &categories, src, diags);
        if list
            .candidates
            .iter()
            .any(|c| c.registration_number().is_none())
        {
            diags.push(
                crate::diag!(Error, "papers-registration-missing")
                    .in_file(year.dir.join("candidates.yaml")),
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
        salt: None,
    })
}

/// Category id → the dates its receipts list, from `papers.yaml`'s
/// `dates:`; a phase or category the year does not have is an error.
fn receipt_dates(
    site: &Site,
    r: &super::ReceiptSpec,
    schedule: &[Resolved],
    categories: &BTreeMap<String, (String, bool)>,
    src: &crate::load::Source,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Vec<DateView>> {
    let mut dates: BTreeMap<String, Vec<DateView>> = BTreeMap::new();
    for d in &r.dates {
        let Some(phase) = schedule.iter().find(|p| p.id == d.phase) else {
            let known = schedule.iter().map(|p| p.id.as_str());
            let mut e = locate(
                crate::diag!(Error, "papers-no-phase", phase = &d.phase),
                src,
                &format!("phase: {}", d.phase),
            );
            if let Some(m) = crate::diag::did_you_mean(&d.phase, known) {
                e = e.hint(m);
            }
            diags.push(e);
            continue;
        };
        for id in d.categories.iter().flatten() {
            if !categories.contains_key(id) {
                diags.push(locate(
                    crate::diag!(Error, "papers-no-category", category = id),
                    src,
                    id,
                ));
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
    dates
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
    /// The year and its salt, when it makes receipts.
    pub fn salted(&self) -> Option<(i32, String)> {
        Some((self.year, self.salt.clone()?))
    }

    pub(super) fn view<'a>(&'a self, c: &'a Candidate) -> CandidateView<'a> {
        let (category, exempt) = self
            .categories
            .get(c.category())
            .map_or(("", false), |(n, e)| (n.as_str(), *e));
        let choice = c
            .choice()
            .and_then(|id| self.categories.get(id))
            .map_or("", |(n, _)| n.as_str());
        CandidateView {
            name: c.name(),
            sex: match c.sex {
                Sex::Male => "男",
                Sex::Female => "女",
            },
            id_masked: crate::data::idcard::mask(c.id_number()),
            college: c.college(),
            major: c.major(),
            category,
            category_id: c.category(),
            exempt,
            choice,
            review: match c.review {
                Review::Passed => "通过",
                Review::Failed => "未通过",
                Review::Pending => "待审核",
            },
            registration_number: c.registration_number().unwrap_or(""),
            // Every field of candidates.yaml, so templates may name any of them.
            extra: self
                .list
                .extra_keys
                .iter()
                .map(|k| (&**k, c.extra(k)))
                .collect(),
        }
    }

    /// A blank candidate of one category: what every receipt or form of it shares.
    pub(super) fn blank_view<'a>(&'a self, category_id: &'a str) -> CandidateView<'a> {
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

    pub(super) fn dates(&self, category: &str) -> &[DateView] {
        self.dates.get(category).map_or(&[], |d| d.as_slice())
    }

    /// The verification code of `c`'s receipt: the key's HMAC of its facts.
    pub(super) fn code(&self, key: &Key, c: &Candidate, v: &CandidateView) -> String {
        key.code(&self.canonical(c, v))
    }

    /// The facts a receipt's code signs, one per line, the full ID among them.
    pub(super) fn canonical(&self, c: &Candidate, v: &CandidateView) -> String {
        let mut s = format!(
            "gazette-receipt/1\nyear={}\nregistration={}\nname={}\nid={}\nsex={}\ncollege={}\nmajor={}\ncategory={}\nchoice={}\nreview={}\n",
            self.year, v.registration_number, v.name, c.id_number(), v.sex, v.college, v.major, v.category, v.choice, v.review
        );
        for d in self.dates(c.category()) {
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
    pub(super) fn personal_facts(&self, v: &CandidateView) -> Vec<(String, String)> {
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
            let exempt = self.categories.get(c.category()).is_some_and(|(_, e)| *e);
            if exempt && c.review != Review::Failed {
                groups.entry(c.college()).or_default().push(c);
            }
        }
        for list in groups.values_mut() {
            list.sort_by(|a, b| {
                (&a.registration_number(), &a.id_number())
                    .cmp(&(&b.registration_number(), &b.id_number()))
            });
        }
        groups
    }

    pub(super) fn exempt_categories(&self) -> Vec<&str> {
        self.categories
            .iter()
            .filter(|(_, (_, e))| *e)
            .map(|(id, _)| id.as_str())
            .collect()
    }
}
