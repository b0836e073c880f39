//! Audit publicity (公示): for every category whose review result is
//! publicised, the candidates who passed, grouped by college, with the
//! period computed from the calendar and only the columns the content lists.

pub mod csv;
pub mod html;
pub mod pdf;

use std::borrow::Cow;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::data::{idcard, Candidate, CandidateList, Review, Sex};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::{Source, Year};
use crate::model::calendar::Calendar;
use crate::model::cells::Cells;
use crate::model::format::{when_text, DateStyle, Show};
use crate::model::schedule::Resolved;
use crate::model::when::When;
use crate::model::year::Category;

pub use crate::model::publicity::{
    Column, Group, Head, Objection, Period, PeriodSpec, Publicity, PublicitySpec,
};

/// Built-in columns; `extra` fields use their header from candidates.yaml.
const BUILTIN_COLUMNS: [(&str, &str); 6] = [
    ("name", "姓名"),
    ("sex", "性别"),
    ("college", "院校"),
    ("major", "专业"),
    ("category", "报考类别"),
    ("id_masked", "身份证号"),
];

/// Fields that are never published, whatever the content asks.
const NEVER: [&str; 2] = ["id_number", "phone"];

/// Why a column of `NEVER` is not published.
fn never_why(key: &str) -> String {
    match key {
        "id_number" => crate::t!("publicity-never-id-number"),
        _ => crate::t!("publicity-never-phone"),
    }
}

/// First and last day of the period.
pub fn period_dates(start: NaiveDate, period: Period, cal: &Calendar) -> (NaiveDate, NaiveDate) {
    match period {
        Period::Days(n) => (
            start,
            start + chrono::Duration::days(i64::from(n.max(1)) - 1),
        ),
        Period::WorkingDays(n) => {
            let first = cal.working_days_from(start, 1);
            (first, cal.working_days_from(first, n))
        }
    }
}

/// What the lists are built from.
pub struct Inputs<'a> {
    pub year: &'a Year,
    pub schedule: &'a [Resolved],
    pub list: &'a CandidateList,
    /// (field, header) of the extra columns of candidates.yaml.
    pub extra_headers: &'a [(String, String)],
    pub style: DateStyle,
}

/// Check the spec against the year and build every publicised category's list.
pub fn build(
    inp: &Inputs,
    spec: &PublicitySpec,
    src: &Source,
    diags: &mut Diagnostics,
) -> Vec<Publicity> {
    let columns = columns(spec, inp.extra_headers, src, diags);
    let start = start(spec, inp.schedule, src, diags);
    let period = spec.period.period();
    if period.is_none() {
        diags.push(crate::load::files::locate(
            crate::diag!(Error, "publicity-period-invalid"),
            src,
            "period",
        ));
    }
    let (Some(start), Some(period)) = (start, period) else {
        return Vec::new();
    };
    if diags.has_errors() {
        return Vec::new();
    }
    let year = inp.year;
    let (first, last) = period_dates(start, period, &year.calendar);
    let show = Show {
        weekday: true,
        no_time: true,
        ..Show::default()
    };
    let length = match period {
        Period::Days(n) => format!("{n}天"),
        Period::WorkingDays(n) => format!("{n}个工作日"),
    };
    let publicised: Vec<&Category> = year.categories.iter().filter(|c| c.publicised).collect();
    publicised
        .par_iter()
        .map(|c| Publicity {
            year: year.year,
            category_id: c.id.clone(),
            category: c.name.clone(),
            title: format!("{}年{}资格审核通过名单公示", year.year, c.name),
            basis: spec.basis.replace("{category}", &c.name),
            start: when_text(When::Date(first), inp.style, show),
            end: when_text(When::Date(last), inp.style, show),
            length: length.clone(),
            objection: spec.objection.clone(),
            columns: columns.clone(),
            count: 0,
            groups: Vec::new(),
            page_size: spec.page_size.max(1),
        })
        .map(|mut p| {
            (p.groups, p.count) = groups(inp, &p.category_id, &p.columns);
            p
        })
        .collect()
}

/// The published columns; one never published or unknown is an error.
fn columns(
    spec: &PublicitySpec,
    extra_headers: &[(String, String)],
    src: &Source,
    diags: &mut Diagnostics,
) -> Vec<Column> {
    let locate = |d: Diagnostic, needle: &str| crate::load::files::locate(d, src, needle);
    let mut columns = Vec::new();
    for key in &spec.columns {
        if NEVER.contains(&key.as_str()) {
            diags.push(
                locate(
                    crate::diag!(Error, "publicity-column-never", column = key),
                    key,
                )
                .hint(never_why(key)),
            );
            continue;
        }
        let header = BUILTIN_COLUMNS
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, h)| h.to_string())
            .or_else(|| {
                extra_headers
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, h)| h.clone())
            });
        match header {
            Some(header) => columns.push(Column {
                key: key.clone(),
                header,
            }),
            None => {
                let known = BUILTIN_COLUMNS
                    .iter()
                    .map(|(k, _)| *k)
                    .chain(extra_headers.iter().map(|(k, _)| k.as_str()));
                let hint = did_you_mean(key, known.clone()).unwrap_or_else(|| {
                    let columns = known.collect::<Vec<_>>().join(", ");
                    crate::t!("publicity-columns-are", columns = columns)
                });
                diags.push(
                    locate(
                        crate::diag!(Error, "publicity-column-unknown", column = key),
                        key,
                    )
                    .hint(hint),
                );
            }
        }
    }
    columns
}

/// The first day of the period: `start`, or the start of the phase named.
fn start(
    spec: &PublicitySpec,
    schedule: &[Resolved],
    src: &Source,
    diags: &mut Diagnostics,
) -> Option<NaiveDate> {
    match (&spec.phase, spec.start) {
        (_, Some(s)) => Some(s.date()),
        (Some(p), None) => match schedule.iter().find(|r| &r.id == p) {
            Some(r) => r.start().or(r.deadline).map(|w| w.date()),
            None => {
                let ids = schedule.iter().map(|r| r.id.as_str());
                let hint =
                    did_you_mean(p, ids).unwrap_or_else(|| crate::t!("publicity-name-a-phase"));
                let d = crate::diag!(Error, "publicity-no-phase", phase = p);
                diags.push(crate::load::files::locate(d, src, &format!("phase: {p}")).hint(hint));
                None
            }
        },
        (None, None) => {
            diags.push(crate::diag!(Error, "publicity-no-start").in_file(&src.path));
            None
        }
    }
}

/// The category's candidates who passed, grouped by college; and how many.
fn groups(inp: &Inputs, category: &str, columns: &[Column]) -> (Vec<Group>, usize) {
    // Stable order: college, then name, then the row in the file (then the
    // place in the list, for two records on one line of a file that ends
    // lines with a bare `\r`): every key differs, so any sort gives it.
    let all = &inp.list.candidates;
    let mut passed: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].category() == category && all[i].review == Review::Passed)
        .collect();
    passed.par_sort_unstable_by(|&a, &b| {
        let (x, y) = (&all[a], &all[b]);
        (x.college(), x.name(), x.row, a).cmp(&(y.college(), y.name(), y.row, b))
    });
    let cats = &inp.year.categories;
    let rows: Vec<Cells> = passed
        .par_iter()
        .map(|&i| {
            columns
                .iter()
                .map(|col| cell(&all[i], &col.key, cats))
                .collect()
        })
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    for (&i, row) in passed.iter().zip(rows) {
        let college = all[i].college();
        match groups.last_mut() {
            Some(g) if g.college == college => g.rows.push(row),
            _ => groups.push(Group {
                college: college.to_string(),
                rows: vec![row],
            }),
        }
    }
    (groups, passed.len())
}

fn cell<'a>(x: &'a Candidate, key: &str, categories: &'a [Category]) -> Cow<'a, str> {
    match key {
        "name" => x.name().into(),
        "sex" => match x.sex {
            Sex::Male => "男".into(),
            Sex::Female => "女".into(),
        },
        "college" => x.college().into(),
        "major" => x.major().into(),
        "category" => categories
            .iter()
            .find(|c| c.id == x.category())
            .map_or_else(|| x.category(), |c| &c.name)
            .into(),
        "id_masked" => idcard::mask(x.id_number()).into(),
        other => x.extra(other).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::CalendarFile;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn working_day_period_across_spring_festival() {
        let cal: CalendarFile = serde_yaml::from_str(
            "holidays:\n  - {name: 春节, from: 2024-02-10, to: 2024-02-17}\nworkdays: [2024-02-04, 2024-02-18]\n",
        )
        .unwrap();
        let cal = Calendar::from_file(&cal);
        assert_eq!(
            period_dates(d("2024-02-07"), Period::WorkingDays(5), &cal),
            (d("2024-02-07"), d("2024-02-19"))
        );
        // A period that would start on a day off starts on the next working day.
        assert_eq!(
            period_dates(d("2024-02-10"), Period::WorkingDays(1), &cal),
            (d("2024-02-18"), d("2024-02-18"))
        );
        assert_eq!(
            period_dates(d("2024-02-07"), Period::Days(7), &cal),
            (d("2024-02-07"), d("2024-02-13"))
        );
    }
}
