//! The official holiday calendar of one year: days off and make-up workdays.
//! It is data (content/<year>/calendar.yaml), so a new year needs no release.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::BTreeSet;

use super::when::When;

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    /// Public holidays: each a named run of days off.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Weekend days that are worked to make up for a holiday (调休上班).
    #[serde(default)]
    pub workdays: Vec<When>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    pub from: When,
    /// Last day off; omit for a single day.
    #[serde(default)]
    pub to: Option<When>,
}

/// The calendar resolved into sets of dates, for working-day arithmetic.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    days_off: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    pub fn from_file(file: &CalendarFile) -> Calendar {
        let mut cal = Calendar::default();
        for h in &file.holidays {
            let from = h.from.date();
            let to = h.to.map_or(from, |t| t.date());
            let mut d = from;
            while d <= to {
                cal.days_off.insert(d);
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        cal.workdays = file.workdays.iter().map(When::date).collect();
        cal
    }

    /// Dates listed both as a day off and as a make-up workday.
    pub fn conflicts(&self) -> Vec<NaiveDate> {
        self.days_off
            .intersection(&self.workdays)
            .copied()
            .collect()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        if self.days_off.contains(&d) {
            return false;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The `n`th working day counting `start` itself as day 1 when it is a
    /// working day (a period "of 5 working days starting on" a date).
    /// Counts stop after ten years of days, whatever `n` asks.
    pub fn working_days_from(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut left = n.max(1);
        let mut d = start;
        for _ in 0..3660 {
            if self.is_working_day(d) {
                left -= 1;
                if left == 0 {
                    return d;
                }
            }
            d = d.succ_opt().unwrap_or(d);
        }
        d
    }

    /// The `n`th working day strictly after `day` ("within n working days after").
    pub fn working_days_after(&self, day: NaiveDate, n: u32) -> NaiveDate {
        self.working_days_from(day.succ_opt().unwrap_or(day), n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal2024() -> Calendar {
        let file: CalendarFile = serde_yaml::from_str(
            "holidays:\n  - {name: 春节, from: 2024-02-10, to: 2024-02-17}\nworkdays: [2024-02-04, 2024-02-18]\n",
        )
        .unwrap();
        Calendar::from_file(&file)
    }

    #[test]
    fn five_working_days_across_spring_festival() {
        // DOMAIN.md: 2/7, 2/8, 2/9, 2/18, 2/19.
        assert_eq!(
            cal2024().working_days_from(d("2024-02-07"), 5),
            d("2024-02-19")
        );
    }

    #[test]
    fn make_up_sunday_is_a_working_day() {
        let c = cal2024();
        assert!(c.is_working_day(d("2024-02-04")));
        assert!(!c.is_working_day(d("2024-02-12")));
        assert!(!c.is_working_day(d("2024-02-03")));
        assert_eq!(c.working_days_after(d("2024-02-02"), 2), d("2024-02-05"));
    }

    #[test]
    fn finds_days_both_off_and_worked() {
        let file: CalendarFile = serde_yaml::from_str(
            "holidays:\n  - {name: x, from: 2024-02-10, to: 2024-02-12}\nworkdays: [2024-02-11]\n",
        )
        .unwrap();
        assert_eq!(
            Calendar::from_file(&file).conflicts(),
            vec![d("2024-02-11")]
        );
    }
}
