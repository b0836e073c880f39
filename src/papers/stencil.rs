//! A paper's layout with holes for the candidate's values. Reading the
//! YAML a template writes was the largest part of laying out a receipt,
//! so each year, kind and category has its template rendered and read
//! once with a marker in place of each of the candidate's values; a
//! paper's layout is then that one with the candidate's values put in.
//!
//! The template is still rendered for every paper, and the stencil is
//! used only when that text is the marker text with each marker replaced
//! by its value (escaped): a template that looks at a value, such as
//! `{% if c.major == "护理" %}`, or changes it, has its text read afresh
//! wherever it wrote something else. When the texts agree, the filled
//! layout is the one read from the text: every marker was written inside
//! a double-quoted YAML string (its `\"` reads as `"` there and nowhere
//! else), away from line breaks (where YAML trims spaces and folds), and
//! there an escaped value reads back as itself, whatever surrounds it.
//! Values holding a character YAML reads as a line break or refuses are
//! read afresh too.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::input::CandidateView;
use super::{push_yaml_escaped, Plan};
use crate::sheet::spec::Sheet;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';
/// The fixed values before `c.extra`'s (see [`values`]).
const FIXED: usize = 10;

/// Each year and kind's stencils, by category.
pub(super) type Stencils = Vec<((i32, &'static str), BTreeMap<String, Stencil>)>;

/// The stencil of `year`'s papers of `kind` for `category`, when it has one.
pub(super) fn find<'s>(
    stencils: &'s Stencils,
    year: i32,
    kind: &str,
    category: &str,
) -> Option<&'s Stencil> {
    let (_, of_kind) = stencils
        .iter()
        .find(|((y, k), _)| *y == year && *k == kind)?;
    of_kind.get(category)
}

impl Plan {
    /// The stencil of every category of each year's receipts and of each
    /// exempt category's forms; none where the template's marker text is
    /// not a layout, or its markers could not be filled in.
    pub(super) fn stencils(&self) -> Stencils {
        let mut out = Stencils::new();
        for y in &self.years {
            let markers = Markers::new(y.list.extra_keys.len());
            let mut kinds: Vec<(&'static str, Vec<&str>)> = Vec::new();
            if y.spec.receipts.is_some() {
                kinds.push(("receipt", y.categories.keys().map(String::as_str).collect()));
            }
            if y.spec.forms.is_some() {
                kinds.push(("form", y.exempt_categories()));
            }
            for (kind, categories) in kinds {
                let mut of_kind = BTreeMap::new();
                for category in categories {
                    let keys = y.list.extra_keys.iter().map(|k| &**k);
                    let v = markers.view(y.blank_view(category), keys);
                    let ctx = self.context(y, false, &v, markers.code(), markers.qr());
                    let Ok(text) = self
                        .templates
                        .render_text(&format!("{kind}.yaml"), &"", &ctx)
                    else {
                        continue;
                    };
                    let Ok(sheet) = Sheet::parse(&text) else {
                        continue;
                    };
                    if let Some(s) = Stencil::new(text, sheet, markers.len()) {
                        of_kind.insert(category.to_string(), s);
                    }
                }
                out.push(((y.year, kind), of_kind));
            }
        }
        out
    }
}

/// One year, kind and category's layout with holes.
pub(super) struct Stencil {
    /// The marker text the template wrote.
    text: String,
    /// Its markers: start, end, value.
    holes: Vec<(usize, usize, usize)>,
    /// That text read, its markers read as `OPEN " value CLOSE`.
    sheet: Sheet,
    /// How many values the markers number.
    count: usize,
}

/// The markers a template gets instead of a candidate's values.
pub(super) struct Markers(Vec<String>);

impl Markers {
    /// Markers for the fixed values and `extra` fields of `c.extra`.
    pub(super) fn new(extra: usize) -> Markers {
        Markers(
            (0..FIXED + extra)
                .map(|i| format!("{OPEN}\"{i}{CLOSE}"))
                .collect(),
        )
    }

    /// `blank` (a category's blank view) with markers for the candidate's
    /// values; `keys` are the fields of `c.extra`.
    pub(super) fn view<'a>(
        &'a self,
        blank: CandidateView<'a>,
        keys: impl Iterator<Item = &'a str>,
    ) -> CandidateView<'a> {
        let m = |i: usize| self.0[i].as_str();
        let mut keys: Vec<&str> = keys.collect();
        keys.sort_unstable();
        CandidateView {
            name: m(0),
            sex: m(1),
            id_masked: m(2).to_string(),
            college: m(3),
            major: m(4),
            choice: m(5),
            review: m(6),
            registration_number: m(7),
            extra: keys
                .into_iter()
                .zip(&self.0[FIXED..])
                .map(|(k, v)| (k, v.as_str()))
                .collect(),
            ..blank
        }
    }

    pub(super) fn code(&self) -> &str {
        &self.0[8]
    }

    pub(super) fn qr(&self) -> &str {
        &self.0[9]
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }
}

/// A candidate's values in the order of the markers.
pub(super) fn values<'a>(v: &'a CandidateView, code: &'a str, qr: &'a str) -> Vec<&'a str> {
    let fixed = [
        v.name,
        v.sex,
        &v.id_masked,
        v.college,
        v.major,
        v.choice,
        v.review,
        v.registration_number,
        code,
        qr,
    ];
    fixed.into_iter().chain(v.extra.values().copied()).collect()
}

impl Stencil {
    /// The stencil of a marker text of `count` values and its layout; none
    /// when a marker stands where a value would not read back as itself.
    pub(super) fn new(text: String, sheet: Sheet, count: usize) -> Option<Stencil> {
        let holes = holes(&text, count)?;
        if (0..holes.len()).any(|k| at_line_edge(&text, &holes, k)) {
            return None;
        }
        if sheet.font_names().iter().any(|f| f.contains(OPEN)) {
            return None;
        }
        // Every marker written is read once, in a text, as read in a
        // double-quoted string: none fell in a comment, a key, another kind
        // of string, or was repeated by an alias.
        let mut read = Vec::new();
        let mut sheet = sheet;
        let mut whole = true;
        sheet.each_text(&mut |s| whole &= decoded(s, &mut |i| read.push(i)));
        let mut written: Vec<usize> = holes.iter().map(|h| h.2).collect();
        written.sort_unstable();
        read.sort_unstable();
        (whole && read == written).then_some(Stencil {
            text,
            holes,
            sheet,
            count,
        })
    }

    /// The layout of the text `real` the template wrote with `values`,
    /// when it is the marker text with the values in place.
    /// None too, and the paper is laid out afresh, for values of another
    /// count or a marker that does not read (neither happens today).
    pub(super) fn fill(&self, real: &str, values: &[&str]) -> Option<Sheet> {
        if values.len() != self.count || !self.matches(real, values) {
            return None;
        }
        let read: Vec<Cow<str>> = values.iter().map(|v| read_back(v)).collect::<Option<_>>()?;
        let mut sheet = self.sheet.clone();
        let mut whole = true;
        sheet.each_text(&mut |s| {
            if s.contains(OPEN) {
                match filled(s, &read) {
                    Some(t) => *s = t,
                    None => whole = false,
                }
            }
        });
        whole.then_some(sheet)
    }

    fn matches(&self, real: &str, values: &[&str]) -> bool {
        let (real, text) = (real.as_bytes(), self.text.as_bytes());
        let mut buf = String::new();
        let (mut at, mut from) = (0, 0);
        for &(start, end, i) in &self.holes {
            buf.clear();
            push_yaml_escaped(&mut buf, values[i]);
            for piece in [&text[from..start], buf.as_bytes()] {
                if !real[at..].starts_with(piece) {
                    return false;
                }
                at += piece.len();
            }
            from = end;
        }
        real[at..] == text[from..]
    }
}

/// The markers of a marker text, as the template wrote them (`OPEN \" i
/// CLOSE`); none when an `OPEN` is something else.
fn holes(text: &str, count: usize) -> Option<Vec<(usize, usize, usize)>> {
    let mut out = Vec::new();
    for (start, _) in text.match_indices(OPEN) {
        let rest = text[start + OPEN.len_utf8()..].strip_prefix("\\\"")?;
        let (i, len) = index(rest)?;
        let end = text.len() - rest.len() + len;
        if i >= count {
            return None;
        }
        out.push((start, end, i));
    }
    Some(out)
}

/// The value number at the start of `rest` and the length up to and with
/// the closing `CLOSE`.
fn index(rest: &str) -> Option<(usize, usize)> {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let i = rest[..digits].parse().ok()?;
    rest[digits..]
        .starts_with(CLOSE)
        .then_some((i, digits + CLOSE.len_utf8()))
}

/// Each marker of a text read from the YAML (`OPEN " i CLOSE`); false when
/// an `OPEN` is something else.
fn decoded(s: &str, each: &mut impl FnMut(usize)) -> bool {
    for (start, _) in s.match_indices(OPEN) {
        let rest = &s[start + OPEN.len_utf8()..];
        match rest.strip_prefix('"').and_then(index) {
            Some((i, _)) => each(i),
            None => return false,
        }
    }
    true
}

/// A text of the stencil's layout with its markers replaced by values;
/// none if a marker does not read or names no value.
fn filled(s: &str, values: &[Cow<str>]) -> Option<String> {
    let mut out = String::with_capacity(s.len() + 32);
    let mut rest = s;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = rest[at + OPEN.len_utf8()..].strip_prefix('"')?;
        let (i, len) = index(after)?;
        out.push_str(values.get(i)?);
        rest = &after[len..];
    }
    out.push_str(rest);
    Some(out)
}

/// What YAML reads back from a value escaped into a double-quoted string
/// (its characters [`super::kept`]); none for a value with a character
/// YAML reads as a line break or refuses.
fn read_back(v: &str) -> Option<Cow<'_, str>> {
    if v.contains(['\u{2028}', '\u{2029}', '\u{FEFF}', '\u{FFFE}', '\u{FFFF}']) {
        return None;
    }
    if v.chars().all(super::kept) {
        return Some(Cow::Borrowed(v));
    }
    Some(v.chars().filter(|&c| super::kept(c)).collect())
}

/// Whether hole `k` is separated from a line break of the text only by
/// spaces, tabs and other holes (which may be empty): there YAML would
/// trim a value's spaces, or fold an empty value's line.
fn at_line_edge(text: &str, holes: &[(usize, usize, usize)], k: usize) -> bool {
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let (mut at, mut j) = (holes[k].0, k);
    let before = loop {
        match text[..at].chars().next_back() {
            Some(' ' | '\t') => at -= 1,
            Some(CLOSE) if j > 0 && holes[j - 1].1 == at => {
                j -= 1;
                at = holes[j].0;
            }
            c => break c,
        }
    };
    let (mut at, mut j) = (holes[k].1, k);
    let after = loop {
        let mut chars = text[at..].chars();
        match chars.next() {
            Some(' ' | '\t') => at += 1,
            Some(OPEN) if j + 1 < holes.len() && holes[j + 1].0 == at => {
                j += 1;
                at = holes[j].1;
            }
            // An escaped line break.
            Some('\\') if chars.next().is_some_and(is_break) => break Some('\n'),
            c => break c,
        }
    };
    before.is_some_and(is_break) || after.is_some_and(is_break)
}

#[cfg(test)]
#[path = "stencil_tests.rs"]
mod tests;
