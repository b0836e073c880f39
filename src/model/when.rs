//! A point in time as notices write it: an all-day date or a date with a time.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum When {
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl When {
    pub fn date(&self) -> NaiveDate {
        match self {
            When::Date(d) => *d,
            When::DateTime(dt) => dt.date(),
        }
    }

    pub fn time(&self) -> Option<NaiveTime> {
        match self {
            When::Date(_) => None,
            When::DateTime(dt) => Some(dt.time()),
        }
    }

    /// The first instant this covers (an all-day date starts at 00:00).
    pub fn start_instant(&self) -> NaiveDateTime {
        match self {
            When::Date(d) => d.and_time(NaiveTime::MIN),
            When::DateTime(dt) => *dt,
        }
    }

    /// The last instant this covers (an all-day date ends at 24:00).
    pub fn end_instant(&self) -> NaiveDateTime {
        match self {
            When::Date(d) => d.and_time(NaiveTime::MIN) + chrono::Duration::days(1),
            When::DateTime(dt) => *dt,
        }
    }

    pub fn parse(s: &str) -> Result<When, DateError> {
        let s = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(When::Date(d));
        }
        for fmt in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
                return Ok(When::DateTime(dt));
            }
        }
        Err(explain_bad_date(s))
    }
}

/// What exactly is wrong with a date string, e.g. that February 2024 has 29 days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// `2024-02-30`: the month has fewer days.
    Impossible {
        value: String,
        month: String,
        days: u32,
    },
    NoSuchMonth {
        value: String,
        month: u32,
    },
    /// The date is fine, the time (`25:00`) is not.
    BadTime {
        value: String,
    },
    NotADate {
        value: String,
    },
}

impl DateError {
    /// The text at fault, as typed.
    pub fn value(&self) -> &str {
        match self {
            DateError::Impossible { value, .. }
            | DateError::NoSuchMonth { value, .. }
            | DateError::BadTime { value }
            | DateError::NotADate { value } => value,
        }
    }

    /// The error, not yet placed in a file.
    pub fn diagnostic(&self) -> crate::diag::Diagnostic {
        match self {
            DateError::Impossible { value, month, days } => crate::diag!(
                Error,
                "date-impossible",
                value = value,
                month = month,
                days = *days
            ),
            DateError::NoSuchMonth { value, month } => {
                crate::diag!(Error, "date-no-such-month", value = value, month = *month)
            }
            DateError::BadTime { value } => crate::diag!(Error, "time-invalid", value = value),
            DateError::NotADate { value } => crate::diag!(Error, "date-invalid", value = value),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic().message)
    }
}

fn explain_bad_date(s: &str) -> DateError {
    let mut parts = s.splitn(2, [' ', 'T']);
    let date = parts.next().unwrap_or("");
    let nums: Vec<Option<u32>> = date.split('-').map(|p| p.parse().ok()).collect();
    if let [Some(y), Some(m), Some(d)] = nums[..] {
        if !(1..=12).contains(&m) {
            return DateError::NoSuchMonth {
                value: s.to_string(),
                month: m,
            };
        }
        if NaiveDate::from_ymd_opt(y as i32, m, d).is_none() {
            return DateError::Impossible {
                value: s.to_string(),
                month: format!("{y}-{m:02}"),
                days: days_in_month(y as i32, m),
            };
        }
        if let Some(time) = parts.next() {
            return DateError::BadTime {
                value: time.to_string(),
            };
        }
    }
    DateError::NotADate {
        value: s.to_string(),
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day())
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let s = String::deserialize(de)?;
        When::parse(&s).map_err(|e| date_error(&s, &e))
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            When::DateTime(dt) => write!(f, "{}", dt.format("%Y-%m-%d %H:%M")),
        }
    }
}

/// Hour and minute of a time, used by the formatters.
pub fn hm(t: NaiveTime) -> (u32, u32) {
    (t.hour(), t.minute())
}

/// Marks a date or time that failed to parse inside serde's error text, so
/// that the diagnostic is made from the value itself: `MARK value MARK text`.
pub const MARK: char = '\u{1F}';

/// The error a deserializer raises for a bad date or time `value`.
pub fn date_error<E: serde::de::Error>(value: &str, e: &DateError) -> E {
    E::custom(format_args!(
        "{MARK}{value}{MARK}{}",
        e.diagnostic().message
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_times() {
        assert_eq!(
            When::parse("2024-01-20").unwrap(),
            When::Date(NaiveDate::from_ymd_opt(2024, 1, 20).unwrap())
        );
        assert!(matches!(
            When::parse("2024-01-20 08:00").unwrap(),
            When::DateTime(_)
        ));
        assert!(matches!(
            When::parse("2024-01-20T17:30").unwrap(),
            When::DateTime(_)
        ));
    }

    #[test]
    fn explains_impossible_dates() {
        let e = When::parse("2024-02-30").unwrap_err();
        assert_eq!(e.diagnostic().code, "date-impossible");
        let en = crate::i18n::text_in(
            crate::i18n::Lang::En,
            "date-impossible",
            &[
                ("value", "2024-02-30".into()),
                ("month", "2024-02".into()),
                ("days", 29u32.into()),
            ],
        );
        assert_eq!(en, "`2024-02-30` is not a real date: 2024-02 has 29 days");
        assert_eq!(
            e,
            DateError::Impossible {
                value: "2024-02-30".into(),
                month: "2024-02".into(),
                days: 29
            }
        );
        let e = When::parse("2023-13-01").unwrap_err();
        assert_eq!(e.diagnostic().code, "date-no-such-month");
        let e = When::parse("2024-01-20 25:00").unwrap_err();
        assert_eq!(e.diagnostic().code, "time-invalid");
        assert_eq!(e.value(), "25:00");
        let e = When::parse("next week").unwrap_err();
        assert_eq!(e.diagnostic().code, "date-invalid");
    }

    #[test]
    fn all_day_covers_the_whole_day() {
        let w = When::parse("2024-04-18").unwrap();
        assert_eq!(w.end_instant().to_string(), "2024-04-19 00:00:00");
    }
}
