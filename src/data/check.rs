//! The checks of each row: ID number, sex, phone, category, review result,
//! choice category, and numbers registered twice.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use super::idcard::{self, is_mobile, mask, mask_numbers, mask_phone, IdError};
use super::read::Table;
use super::seen::Seen;
use super::{Candidate, Col, ColumnMap, Review, ReviewValues, Sex, Values};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::year::Category;

/// How Excel writes a long number into CSV: `4.30102E+17`.
fn is_excel_number(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let Some((mantissa, exp)) = s.split_once(['E', 'e']) else {
        return false;
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    digits(int) && digits(frac) && exp.strip_prefix('+').is_some_and(digits)
}

pub(crate) struct Ctx<'a> {
    pub table: &'a Table,
    pub file: &'a Path,
    pub cols: &'a ColumnMap,
    pub review_values: &'a ReviewValues,
    pub categories: &'a [Category],
    /// The notice year; no one may be born after it.
    pub year: Option<i32>,
    /// The free-text columns the 公示 publishes, which may hold no ID or
    /// phone number.
    pub published: Vec<&'a Col>,
}

/// One row being checked: its problems go to `diags`, and `ok` turns false
/// at the first one so the row is left out of the list.
struct Row<'a, 'b> {
    ctx: &'a Ctx<'a>,
    line: usize,
    /// The row's place in its part, for the duplicate checks.
    ord: usize,
    cells: &'a [Cow<'a, str>],
    diags: &'b mut Diagnostics,
    ok: bool,
}

impl<'a> Row<'a, '_> {
    /// The cell; short (ragged) rows read as empty.
    fn get(&self, col: &Col) -> &'a str {
        self.cells.get(col.index).map_or("", |c| c)
    }

    /// Report `d` (made with the column's header as `column`) at the cell.
    fn error(&mut self, col: &Col, mut d: Diagnostic) {
        // Messages quote cells: whatever number was typed there stays masked.
        if let Cow::Owned(m) = mask_numbers(&d.message) {
            d.message = m;
        }
        let d = d.in_file(self.ctx.file);
        let mut d = self.ctx.table.at(d, self.line, Some(col.index + 1));
        if d.source_line.is_some() {
            // Masked only when shown: finding the line is linear in the file.
            d.source_line = masked_line(self);
        }
        self.diags.push(d);
        self.ok = false;
    }

    /// A required cell: empty is an error.
    fn required(&mut self, col: &Col) -> Option<&'a str> {
        let v = self.get(col);
        if v.is_empty() {
            self.error(col, crate::diag!(Error, "cell-empty", column = &col.header));
            return None;
        }
        Some(v)
    }
}

/// The duplicate checks of the rows of a part (see [`Seen`]).
pub(crate) struct Registry<'r> {
    pub ids: Seen<'r>,
    pub phones: Seen<'r>,
    pub regs: Seen<'r>,
}

/// Check the row on `line` (the `ord`-th of its part) with these cells:
/// its problems go to `diags`, and it comes back as a candidate when every
/// check passed.
pub(crate) fn check_cells(
    ctx: &Ctx,
    (line, ord): (usize, usize),
    cells: &[Cow<str>],
    extra_keys: &[Arc<str>],
    reg: &mut Registry,
    diags: &mut Diagnostics,
) -> Option<Candidate> {
    let mut row = Row {
        ctx,
        line,
        ord,
        cells,
        diags,
        ok: true,
    };
    check_row(&mut row, extra_keys, reg)
}

/// The CSV line with the row's ID number and phone masked: a diagnostic
/// never shows them in full.
fn masked_line(row: &Row) -> Option<String> {
    let text = row.ctx.table.text.as_ref()?;
    let mut line = text
        .lines()
        .nth(row.line.saturating_sub(1))?
        .trim_end_matches('\r')
        .to_string();
    let id = row.get(&row.ctx.cols.id_number);
    // An impossible birth date is quoted in its message, so hide the whole cell.
    let id_mask = match idcard::validate(id) {
        Err(IdError::BirthDate(_)) => "*".repeat(id.chars().count()),
        _ => mask(id),
    };
    for (raw, masked) in [(id.to_string(), id_mask), {
        let p = row.get(&row.ctx.cols.phone);
        (p.to_string(), mask_phone(p))
    }] {
        // Short junk is not a number to hide, and would match too much.
        if raw.chars().count() >= 7 {
            line = line.replace(&raw, &masked);
        }
    }
    Some(mask_numbers(&line).into_owned())
}

/// The row's candidate, made only when every check passed.
fn check_row(row: &mut Row, extra_keys: &[Arc<str>], reg: &mut Registry) -> Option<Candidate> {
    let cols = row.ctx.cols;
    let name = row.required(&cols.name);
    let sex = check_sex(row);
    let id = check_id(row, &mut reg.ids);
    if let (Some(sex), Some(id)) = (sex, &id) {
        check_sex_matches_id(row, sex, id);
    }
    let phone = check_phone(row, &mut reg.phones);
    let college = row.required(&cols.college);
    let major = row.required(&cols.major);
    let category = check_category(row, &cols.category, true);
    let review = check_review(row);
    let choice = match &cols.choice {
        Some(col) => check_category(row, col, false),
        None => None,
    };
    if let (Some(cat), Some(Review::Failed), Some(choice), Some(col)) =
        (category, review, choice, &cols.choice)
    {
        check_failed_choice(row, col, cat, choice);
    }
    let registration_number = match &cols.registration {
        Some(col) => Some(check_registration(row, col, &mut reg.regs)?),
        None => None,
    };
    for col in &row.ctx.published {
        check_published(row, col);
    }
    if !row.ok {
        return None;
    }
    let id = id?;
    let values = Values {
        name: name?,
        id_number: &id.normalised,
        phone: phone?,
        college: college?,
        major: major?,
        category: &category?.id,
        choice: choice.map(|c| c.id.as_str()),
        registration_number,
    };
    let extra = extra_keys
        .iter()
        .zip(&cols.extra)
        .map(|(k, (_, col))| (k, row.get(col)));
    Some(Candidate::new(row.line, sex?, review?, &values, extra))
}

/// The ID number encodes the sex: the sex column must agree with it.
fn check_sex_matches_id(row: &mut Row, sex: Sex, id: &idcard::IdNumber) {
    if (sex == Sex::Male) == id.male {
        return;
    }
    let col = &row.ctx.cols.sex;
    let d = crate::diag!(
        Error,
        "sex-id-mismatch",
        column = &col.header,
        written = if id.male { "女" } else { "男" },
        id = mask(&id.normalised),
        id_sex = if id.male { "male" } else { "female" }
    );
    row.error(col, d);
}

/// A registration number names one candidate: a second row with it is an error.
fn check_registration<'a>(row: &mut Row<'a, '_>, col: &Col, regs: &mut Seen) -> Option<&'a str> {
    let v = row.required(col)?;
    if let Some(first) = regs.first(v, row.ord, row.line) {
        let d = crate::diag!(
            Error,
            "registration-twice",
            column = &col.header,
            number = v,
            first = first
        );
        row.error(col, d);
        return None;
    }
    Some(v)
}

/// A published cell holding someone's full ID or mobile number, typed in
/// by mistake, would be put on the public web: an error, masked.
fn check_published(row: &mut Row, col: &Col) {
    let found = idcard::find_numbers(row.get(col));
    for (_, f) in found {
        let kind = match f {
            idcard::Found::Id(_) => "id",
            idcard::Found::Phone(_) => "phone",
        };
        let d = crate::diag!(
            Error,
            "published-personal-number",
            column = &col.header,
            kind = kind,
            number = f.masked()
        );
        row.error(col, d);
    }
}

fn check_sex(row: &mut Row) -> Option<Sex> {
    let col = &row.ctx.cols.sex;
    match row.get(col) {
        "男" => Some(Sex::Male),
        "女" => Some(Sex::Female),
        "" => {
            row.error(col, crate::diag!(Error, "cell-empty", column = &col.header));
            None
        }
        v => {
            let d = crate::diag!(Error, "sex-invalid", column = &col.header, value = v);
            row.error(col, d);
            None
        }
    }
}

fn check_id(row: &mut Row, seen: &mut Seen) -> Option<idcard::IdNumber> {
    let col = &row.ctx.cols.id_number;
    let raw = row.get(col);
    let numeric = row.ctx.table.numeric.contains(&(row.line, col.index));
    if numeric || is_excel_number(raw) {
        let d = crate::diag!(Error, "id-stored-as-number", column = &col.header);
        row.error(col, d);
        return None;
    }
    let raw = row.required(col)?;
    let id = match idcard::validate(raw) {
        Ok(id) => id,
        Err(e) => {
            row.error(col, idcard::id_error(&col.header, raw, e));
            return None;
        }
    };
    if let Some(year) = row.ctx.year {
        use chrono::Datelike;
        if id.birth.year() > year {
            let d = crate::diag!(
                Error,
                "id-born-after",
                column = &col.header,
                id = mask(&id.normalised),
                born = id.birth.year(),
                year = year
            );
            row.error(col, d);
            return None;
        }
    }
    if let Some(first) = seen.first(&id.normalised, row.ord, row.line) {
        let d = crate::diag!(
            Error,
            "id-twice",
            column = &col.header,
            id = mask(&id.normalised),
            first = first
        );
        row.error(col, d);
        return None;
    }
    Some(id)
}

fn check_phone<'a>(row: &mut Row<'a, '_>, seen: &mut Seen) -> Option<&'a str> {
    let col = &row.ctx.cols.phone;
    let phone = row.required(col)?;
    if !is_mobile(phone) {
        let d = crate::diag!(
            Error,
            "phone-invalid",
            column = &col.header,
            phone = mask_phone(phone)
        );
        row.error(col, d);
        return None;
    }
    if let Some(first) = seen.first(phone, row.ord, row.line) {
        let d = crate::diag!(
            Error,
            "phone-twice",
            column = &col.header,
            phone = mask_phone(phone),
            first = first
        );
        row.error(col, d);
        return None;
    }
    Some(phone)
}

/// A category cell: its name or id. The choice column may be empty.
fn check_category<'a>(row: &mut Row<'a, '_>, col: &Col, required: bool) -> Option<&'a Category> {
    let v = row.get(col);
    if v.is_empty() {
        if required {
            row.error(col, crate::diag!(Error, "cell-empty", column = &col.header));
        }
        return None;
    }
    let cats = row.ctx.categories;
    if let Some(c) = cats.iter().find(|c| c.name == v || c.id == v) {
        return Some(c);
    }
    let known = cats.iter().flat_map(|c| [c.name.as_str(), c.id.as_str()]);
    let names: Vec<&str> = cats.iter().map(|c| c.name.as_str()).collect();
    let d = crate::diag!(
        Error,
        "category-unknown",
        column = &col.header,
        value = v,
        categories = names.join(&crate::t!("data-list-separator"))
    );
    row.error(col, with_guess(d, did_you_mean(v, known)));
    None
}

fn check_review(row: &mut Row) -> Option<Review> {
    let col = &row.ctx.cols.review;
    let v = row.get(col);
    let rv = row.ctx.review_values;
    let has = |list: &[String]| list.iter().any(|x| x.trim() == v);
    if has(&rv.passed) {
        return Some(Review::Passed);
    }
    if has(&rv.failed) {
        return Some(Review::Failed);
    }
    if has(&rv.pending) {
        return Some(Review::Pending);
    }
    let all = rv.passed.iter().chain(&rv.failed).chain(&rv.pending);
    let empty = crate::t!("review-empty-word");
    let separator = crate::t!("data-list-separator");
    let show = |l: &[String]| {
        let words: Vec<&str> = l
            .iter()
            .map(|s| {
                if s.is_empty() {
                    empty.as_str()
                } else {
                    s.as_str()
                }
            })
            .collect();
        words.join(&separator)
    };
    let d = crate::diag!(
        Error,
        "review-unknown",
        column = &col.header,
        value = v,
        passed = show(&rv.passed),
        failed = show(&rv.failed),
        pending = show(&rv.pending)
    );
    row.error(col, with_guess(d, did_you_mean(v, all.map(String::as_str))));
    None
}

/// Whoever failed the review of an exempt category or of a plan inside the
/// general plan may only fill choices under the general plan.
fn check_failed_choice(row: &mut Row, col: &Col, category: &Category, choice: &Category) {
    if !(category.exempt || category.part_of.is_some()) {
        return;
    }
    let Some(general) = row
        .ctx
        .categories
        .iter()
        .find(|c| !c.exempt && c.part_of.is_none())
    else {
        return;
    };
    if choice.id != general.id {
        let d = crate::diag!(
            Error,
            "choice-after-failed-review",
            column = &col.header,
            category = &category.name,
            general = &general.name,
            choice = &choice.name
        );
        row.error(col, d);
    }
}

/// A close match of a misspelt value replaces the catalog's general hint.
fn with_guess(d: Diagnostic, guess: Option<String>) -> Diagnostic {
    match guess {
        Some(hint) => d.hint(hint),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_numbers() {
        assert!(is_excel_number("4.30102E+17"));
        assert!(is_excel_number("4e+17"));
        assert!(!is_excel_number("430102199001011234"));
        assert!(!is_excel_number("E+17"));
    }
}
