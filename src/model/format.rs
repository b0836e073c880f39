//! Chinese date formatting as official documents write it: full year, no
//! leading zeros, weekdays computed, repeated year and month dropped in ranges.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;

use super::when::{hm, When};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekdayStyle {
    /// （星期日）
    #[default]
    Long,
    /// （周日）
    Short,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeStyle {
    /// 8时, 8时30分
    #[default]
    Hour,
    /// 08:00
    Clock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateStyle {
    #[serde(default)]
    pub weekday: WeekdayStyle,
    #[serde(default)]
    pub time: TimeStyle,
}

/// Options of one rendering of a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Show {
    pub weekday: bool,
    pub no_year: bool,
    pub no_time: bool,
}

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

pub fn weekday_name(w: Weekday, style: WeekdayStyle) -> String {
    let n = WEEKDAYS[w.num_days_from_monday() as usize];
    match style {
        WeekdayStyle::Long => format!("星期{n}"),
        WeekdayStyle::Short => format!("周{n}"),
    }
}

/// Parse 星期日 / 周日 / 礼拜天 back into a weekday (used to check literal text).
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    let rest = s
        .strip_prefix("星期")
        .or_else(|| s.strip_prefix("周"))
        .or_else(|| s.strip_prefix("礼拜"))?;
    let idx = match rest {
        "天" => 6,
        _ => WEEKDAYS.iter().position(|w| *w == rest)?,
    };
    Weekday::try_from(idx as u8).ok()
}

pub fn time_text(t: NaiveTime, style: TimeStyle) -> String {
    let (h, m) = hm(t);
    match (style, m) {
        (TimeStyle::Hour, 0) => format!("{h}时"),
        (TimeStyle::Hour, m) => format!("{h}时{m}分"),
        (TimeStyle::Clock, m) => format!("{h:02}:{m:02}"),
    }
}

pub fn weekday_text(d: NaiveDate, style: WeekdayStyle) -> String {
    format!("（{}）", weekday_name(d.weekday(), style))
}

fn date_part(d: NaiveDate, year: bool, month: bool) -> String {
    match (year, month) {
        (true, _) => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        (false, true) => format!("{}月{}日", d.month(), d.day()),
        (false, false) => format!("{}日", d.day()),
    }
}

/// One date or date-time: "2024年2月4日（星期日）8时".
pub fn when_text(w: When, style: DateStyle, show: Show) -> String {
    let mut s = date_part(w.date(), !show.no_year, true);
    if show.weekday {
        s.push_str(&weekday_text(w.date(), style.weekday));
    }
    if let (Some(t), false) = (w.time(), show.no_time) {
        s.push_str(&time_text(t, style.time));
    }
    s
}

/// A range: "2024年1月20日8时至2月2日17时", "2024年4月18日至20日".
pub fn range_text(from: When, to: When, style: DateStyle, show: Show) -> String {
    let (a, b) = (from.date(), to.date());
    let first = when_text(from, style, show);
    let same_year = a.year() == b.year();
    let same_month = same_year && a.month() == b.month();
    let same_day = a == b;
    let mut second = if same_day && !show.weekday && to.time().is_some() && !show.no_time {
        String::new()
    } else {
        date_part(b, !same_year, !same_month)
    };
    if show.weekday && !(same_day && to.time().is_some()) {
        second.push_str(&weekday_text(b, style.weekday));
    }
    if let (Some(t), false) = (to.time(), show.no_time) {
        second.push_str(&time_text(t, style.time));
    }
    if same_day && second.is_empty() {
        return first;
    }
    format!("{first}至{second}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> When {
        When::parse(s).unwrap()
    }
    const ST: DateStyle = DateStyle {
        weekday: WeekdayStyle::Long,
        time: TimeStyle::Hour,
    };
    const PLAIN: Show = Show {
        weekday: false,
        no_year: false,
        no_time: false,
    };

    #[test]
    fn single_dates() {
        assert_eq!(when_text(w("2024-01-05"), ST, PLAIN), "2024年1月5日");
        assert_eq!(
            when_text(w("2024-01-20 08:00"), ST, PLAIN),
            "2024年1月20日8时"
        );
        assert_eq!(
            when_text(w("2024-01-20 08:30"), ST, PLAIN),
            "2024年1月20日8时30分"
        );
        let clock = DateStyle {
            time: TimeStyle::Clock,
            ..ST
        };
        assert_eq!(
            when_text(w("2024-01-20 08:00"), clock, PLAIN),
            "2024年1月20日08:00"
        );
    }

    #[test]
    fn weekdays_are_computed() {
        let wd = Show {
            weekday: true,
            ..PLAIN
        };
        // The seed printed 2月4日 as 周四; it was a Sunday.
        assert_eq!(when_text(w("2024-02-04"), ST, wd), "2024年2月4日（星期日）");
        let short = DateStyle {
            weekday: WeekdayStyle::Short,
            ..ST
        };
        assert_eq!(
            when_text(w("2024-02-04 08:00"), short, wd),
            "2024年2月4日（周日）8时"
        );
        assert_eq!(
            when_text(w("2000-02-29"), short, wd),
            "2000年2月29日（周二）"
        );
    }

    #[test]
    fn ranges_drop_repeated_year_and_month() {
        assert_eq!(
            range_text(w("2024-01-20 08:00"), w("2024-02-02 17:00"), ST, PLAIN),
            "2024年1月20日8时至2月2日17时"
        );
        assert_eq!(
            range_text(w("2024-03-23 08:00"), w("2024-03-25 17:00"), ST, PLAIN),
            "2024年3月23日8时至25日17时"
        );
        assert_eq!(
            range_text(w("2024-04-18"), w("2024-04-20"), ST, PLAIN),
            "2024年4月18日至20日"
        );
        assert_eq!(
            range_text(w("2024-04-22 09:00"), w("2024-04-22 11:30"), ST, PLAIN),
            "2024年4月22日9时至11时30分"
        );
    }

    #[test]
    fn ranges_across_years_keep_both_years() {
        assert_eq!(
            range_text(w("2023-12-30"), w("2024-01-02"), ST, PLAIN),
            "2023年12月30日至2024年1月2日"
        );
        let wd = Show {
            weekday: true,
            ..PLAIN
        };
        assert_eq!(
            range_text(w("2023-12-30"), w("2024-01-02"), ST, wd),
            "2023年12月30日（星期六）至2024年1月2日（星期二）"
        );
    }

    #[test]
    fn ranges_without_year() {
        let ny = Show {
            no_year: true,
            ..PLAIN
        };
        assert_eq!(
            range_text(w("2024-02-22 08:00"), w("2024-02-24 17:00"), ST, ny),
            "2月22日8时至24日17时"
        );
    }

    #[test]
    fn reads_weekday_names_back() {
        assert_eq!(parse_weekday("周四"), Some(Weekday::Thu));
        assert_eq!(parse_weekday("星期日"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("礼拜天"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("周八"), None);
    }
}
