//! Stage 2, check: the year's facts must agree with each other and with
//! the calendar before anything is rendered.

pub mod calendar;
pub mod ids;
pub mod ranges;
mod schedule;
pub mod text;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::diag::Diagnostics;
use crate::load::{Site, Source, Year};
use crate::model::format::{parse_weekday, weekday_name, WeekdayStyle};
use crate::model::schedule::Resolved;

/// Check the site's configuration: numbers in their ranges, no text left empty.
pub fn site(site: &Site, diags: &mut Diagnostics) {
    ranges::config(&site.config, &site.config_src, diags);
    text::empty_config(&site.config, &site.config_src, diags);
}

/// Check one year; returns the resolved schedule (when it can be resolved).
pub fn check_year(year: &Year, diags: &mut Diagnostics) -> Option<Vec<Resolved>> {
    let sched_src = &year.sources["schedule.yaml"];
    let cat_src = &year.sources["categories.yaml"];

    // `what` selects the noun in the message; it is not shown.
    duplicates(
        year.phases.iter().map(|p| p.id.as_str()),
        "phase",
        sched_src,
        diags,
    );
    duplicates(
        year.categories.iter().map(|c| c.id.as_str()),
        "category",
        cat_src,
        diags,
    );

    text::empty_texts(year, diags);
    ids::unreferable(year, diags);
    ids::unknown_part_of(year, diags);
    calendar::calendar(year, diags);
    calendar::imprint_date(year, diags);
    ranges::year(year, diags);
    for src in std::iter::once(&year.body).chain(year.attachment_bodies.iter().flatten()) {
        text::template_syntax(src, diags);
    }

    calendar::contradictions(year, diags);
    schedule::phase_dates(year, diags);
    let resolved = schedule::resolve_or_report(year, diags)?;
    schedule::order(year, &resolved, diags);
    schedule::outside_year(year, &resolved, diags);
    literal_dates(&year.body, year.year, diags);
    for src in year.attachment_bodies.iter().flatten() {
        literal_dates(src, year.year, diags);
    }
    Some(resolved)
}

fn duplicates<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
    src: &Source,
    diags: &mut Diagnostics,
) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            let needle = format!("id: {id}");
            let second = src.text.match_indices(&needle).nth(1).map(|(i, _)| i);
            let mut d =
                crate::diag!(Error, "duplicate-id", what = what, id = id).in_file(&src.path);
            if let Some(at) = second {
                d = d.at_offset(&src.text, at);
            }
            diags.push(d);
        }
    }
}

fn weekday_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:\s*[（(]\s*((?:星期|周|礼拜)[一二三四五六日天])\s*[)）])?")
            .expect("static pattern")
    })
}

/// Dates typed in the body must exist, and a weekday typed next to one must
/// match the calendar ("2月4日（周四）").
pub fn literal_dates(src: &Source, year: i32, diags: &mut Diagnostics) {
    for cap in weekday_pattern().captures_iter(&src.text) {
        let whole = cap.get(0).expect("match");
        let y = cap
            .get(1)
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(year);
        let (Some(m), Some(d)) = (cap[2].parse().ok(), cap[3].parse().ok()) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            diags.push(
                crate::diag!(
                    Error,
                    "literal-date-impossible",
                    date = format!("{y}年{m}月{d}日")
                )
                .in_file(&src.path)
                .at_offset(&src.text, whole.start()),
            );
            continue;
        };
        if date.year() != year {
            diags.push(
                crate::diag!(
                    Warning,
                    "literal-date-outside-year",
                    date = format!("{y}年{m}月{d}日"),
                    year = year
                )
                .in_file(&src.path)
                .at_offset(&src.text, whole.start()),
            );
        }
        let Some(typed) = cap.get(4).map(|m| m.as_str()) else {
            continue;
        };
        if parse_weekday(typed) != Some(date.weekday()) {
            let style = if typed.starts_with('周') {
                WeekdayStyle::Short
            } else {
                WeekdayStyle::Long
            };
            let right = weekday_name(date.weekday(), style);
            diags.push(
                crate::diag!(
                    Error,
                    "weekday-mismatch",
                    date = format!("{y}年{m}月{d}日"),
                    actual = right,
                    written = typed
                )
                .in_file(&src.path)
                .at_offset(&src.text, cap.get(4).expect("group").start()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_literal_weekday_is_found() {
        let src = Source {
            path: "n.md".into(),
            text: "自2月4日（周四）起，3月22日(星期五)截止。".into(),
        };
        let mut diags = Diagnostics::new();
        literal_dates(&src, 2024, &mut diags);
        assert_eq!(diags.errors(), 1, "{diags}");
        let d = &diags.0[0];
        assert_eq!(d.code, "weekday-mismatch");
        let en = crate::i18n::text_in(
            crate::i18n::Lang::En,
            "weekday-mismatch",
            &[
                ("date", "2024年2月4日".into()),
                ("actual", "周日".into()),
                ("written", "周四".into()),
            ],
        );
        assert_eq!(en, "2024年2月4日 was a 周日, not a 周四");
        assert_eq!((d.line, d.column), (Some(1), Some(7)));
    }

    #[test]
    fn impossible_and_foreign_dates_in_the_body() {
        let src = Source {
            path: "n.md".into(),
            text: "截止2月30日。\n2023年3月1日起。".into(),
        };
        let mut diags = Diagnostics::new();
        literal_dates(&src, 2024, &mut diags);
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["literal-date-impossible", "literal-date-outside-year"]
        );
        let en = crate::i18n::text_in(
            crate::i18n::Lang::En,
            "literal-date-outside-year",
            &[("date", "2023年3月1日".into()), ("year", 2024.into())],
        );
        assert_eq!(en, "2023年3月1日 is not in 2024");
        assert_eq!(diags.0[1].line, Some(2));
    }
}
