//! Calendar sanity: holidays and make-up workdays belong to the year, a
//! make-up workday is a weekend day, holidays do not overlap; and the
//! 印发日期 is not before the 成文日期.

use chrono::{Datelike, Weekday};

use crate::diag::Diagnostics;
use crate::load::files::locate;
use crate::load::Year;
use crate::model::format::{weekday_name, WeekdayStyle};

pub fn calendar(year: &Year, diags: &mut Diagnostics) {
    let src = &year.sources["calendar.yaml"];
    let file = &year.calendar_file;
    let y = year.year;
    for h in &file.holidays {
        let (from, to) = (h.from.date(), h.to.map_or(h.from.date(), |t| t.date()));
        // 元旦 may begin in the December before: only a holiday wholly outside is suspect.
        if to.year() < y || from.year() > y {
            diags.push(locate(
                crate::diag!(
                    Warning,
                    "holiday-outside-year",
                    name = &h.name,
                    from = from.to_string(),
                    to = to.to_string(),
                    year = y
                ),
                src,
                &h.from.to_string(),
            ));
        }
    }
    for (i, a) in file.holidays.iter().enumerate() {
        let a_to = a.to.map_or(a.from.date(), |t| t.date());
        for b in &file.holidays[i + 1..] {
            let b_to = b.to.map_or(b.from.date(), |t| t.date());
            if a.from.date() <= b_to && b.from.date() <= a_to {
                diags.push(locate(
                    crate::diag!(Error, "holidays-overlap", first = &a.name, second = &b.name),
                    src,
                    &format!("name: {}", b.name),
                ));
            }
        }
    }
    for w in &file.workdays {
        let d = w.date();
        let text = d.format("%Y-%m-%d").to_string();
        if d.year() != y {
            diags.push(locate(
                crate::diag!(Warning, "workday-outside-year", date = &text, year = y),
                src,
                &text,
            ));
        } else if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            // A day both off and worked is reported as that.
            && !year.calendar.conflicts().contains(&d)
        {
            let name = weekday_name(d.weekday(), WeekdayStyle::Long);
            diags.push(locate(
                crate::diag!(Error, "workday-on-weekday", date = &text, weekday = name),
                src,
                &text,
            ));
        }
    }
}

/// 版记's 印发日期 cannot come before the 成文日期.
pub fn imprint_date(year: &Year, diags: &mut Diagnostics) {
    let src = &year.sources["notice.yaml"];
    let Some(im) = &year.meta.imprint else { return };
    if im.date.date() >= year.meta.date.date() {
        return;
    }
    let from = src.text.find("imprint:").unwrap_or(0);
    let at = crate::load::files::find_key_value(&src.text[from..], "date").map(|i| i + from);
    let mut d = crate::diag!(
        Error,
        "imprint-before-date",
        imprint = im.date.to_string(),
        date = year.meta.date.to_string()
    )
    .in_file(&src.path);
    if let Some(at) = at {
        d = d.at_offset(&src.text, at);
    }
    diags.push(d);
}

/// Days the calendar contradicts itself on: a holiday ending before it
/// starts, a day both off and a make-up workday.
pub fn contradictions(year: &Year, diags: &mut Diagnostics) {
    let src = &year.sources["calendar.yaml"];
    for h in &year.calendar_file.holidays {
        if let Some(to) = h.to.filter(|to| to.date() < h.from.date()) {
            diags.push(locate(
                crate::diag!(
                    Error,
                    "holiday-ends-before-start",
                    name = &h.name,
                    from = h.from.to_string(),
                    to = to.to_string()
                ),
                src,
                &to.to_string(),
            ));
        }
    }
    for day in year.calendar.conflicts() {
        let text = day.format("%Y-%m-%d").to_string();
        diags.push(locate(
            crate::diag!(Error, "day-off-and-workday", date = &text),
            src,
            &text,
        ));
    }
}
