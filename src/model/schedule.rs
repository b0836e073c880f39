//! The year's schedule: named phases, each with date windows, a fixed
//! deadline, or a deadline counted in working days after another phase.

use serde::Deserialize;

use super::calendar::Calendar;
use super::format::{range_text, when_text, DateStyle, Show};
use super::when::When;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScheduleFile {
    pub phases: Vec<Phase>,
    /// How `{{ schedule | table }}` lays the phases out.
    #[serde(default)]
    pub table: ScheduleTable,
}

/// A column of the schedule table (日程安排).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Column {
    /// 序号: 1, 2, 3 …
    Number,
    /// 时间: the phase's dates as the notice writes them.
    Time,
    /// 工作内容: the phase's name.
    Name,
    /// 责任单位: the phase's `by`.
    By,
}

impl Column {
    pub fn default_header(self) -> &'static str {
        match self {
            Column::Number => "序号",
            Column::Time => "时间",
            Column::Name => "工作内容",
            Column::By => "责任单位",
        }
    }
}

/// `table:` in schedule.yaml: which columns appear, in order, and their headers.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScheduleTable {
    /// Default: number, time, name, and by when a phase has `by`.
    #[serde(default)]
    pub columns: Option<Vec<Column>>,
    /// Headers replacing the defaults (序号, 时间, 工作内容, 责任单位).
    #[serde(default)]
    pub headers: std::collections::BTreeMap<Column, String>,
    /// Caption shown with the table; none by default.
    #[serde(default)]
    pub caption: Option<String>,
}

impl ScheduleTable {
    /// The columns shown, given whether any phase names who is responsible.
    pub fn shown(&self, any_by: bool) -> Vec<Column> {
        match &self.columns {
            Some(c) => c.clone(),
            None if any_by => vec![Column::Number, Column::Time, Column::Name, Column::By],
            None => vec![Column::Number, Column::Time, Column::Name],
        }
    }

    pub fn header(&self, c: Column) -> String {
        self.headers
            .get(&c)
            .cloned()
            .unwrap_or_else(|| c.default_header().to_string())
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Name used in references: `{{ schedule.<id> }}`.
    pub id: String,
    pub name: String,
    /// One or several windows; a phase may instead (or also) have a deadline.
    #[serde(default)]
    pub windows: Vec<Window>,
    #[serde(default)]
    pub deadline: Option<Deadline>,
    /// This phase lies inside another phase's windows (e.g. a preview period
    /// inside the choice period) instead of after the phase before it.
    #[serde(default)]
    pub within: Option<String>,
    /// Days of this phase must be working days (checked against the calendar).
    #[serde(default)]
    pub working_days_only: bool,
    /// 责任单位: who does the work of this phase (the schedule table's last column).
    #[serde(default)]
    pub by: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub from: When,
    pub to: When,
}

/// A date (`2024-01-19 17:00`) or `{after: <phase>, working_days: N}`.
#[derive(Debug, Clone, PartialEq)]
pub enum Deadline {
    At(When),
    Relative(RelativeDeadline),
}

// By hand rather than `untagged`, so that a bad date or a bad count is
// reported as itself instead of "did not match any variant".
impl<'de> Deserialize<'de> for Deadline {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Deadline;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::t!("deadline-expected"))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Deadline, E> {
                When::parse(s)
                    .map(Deadline::At)
                    .map_err(|e| crate::model::when::date_error(s, &e))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Deadline, A::Error> {
                let de = serde::de::value::MapAccessDeserializer::new(map);
                RelativeDeadline::deserialize(de).map(Deadline::Relative)
            }
        }
        de.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RelativeDeadline {
    /// Id of the phase whose end the count starts from.
    pub after: String,
    pub working_days: u32,
}

/// A phase with its deadline computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub id: String,
    pub name: String,
    pub windows: Vec<Window>,
    pub deadline: Option<When>,
}

impl Resolved {
    pub fn start(&self) -> Option<When> {
        self.windows.first().map(|w| w.from)
    }

    /// End of the phase: its last window's end, or its deadline.
    pub fn end(&self) -> Option<When> {
        self.deadline.or_else(|| self.windows.last().map(|w| w.to))
    }

    /// The phase as a notice writes it: windows joined by 、, a deadline as "…前".
    pub fn text(&self, style: DateStyle, show: Show) -> String {
        let mut parts: Vec<String> = self
            .windows
            .iter()
            .map(|w| range_text(w.from, w.to, style, show))
            .collect();
        if let Some(d) = self.deadline {
            parts.push(format!("{}前", when_text(d, style, show)));
        }
        parts.join("、")
    }
}

/// Resolve every phase; relative deadlines may refer to phases declared
/// earlier or later. Returns the phases in declared order, or the ids of
/// references that could not be resolved (unknown or circular).
pub fn resolve(phases: &[Phase], calendar: &Calendar) -> Result<Vec<Resolved>, Vec<String>> {
    let mut out: Vec<Option<Resolved>> = vec![None; phases.len()];
    let mut unresolved = Vec::new();
    // Each pass resolves at least one phase or stops: at most n passes.
    for _ in 0..=phases.len() {
        let mut progress = false;
        for (i, p) in phases.iter().enumerate() {
            if out[i].is_some() {
                continue;
            }
            let deadline = match &p.deadline {
                None => None,
                Some(Deadline::At(w)) => Some(*w),
                Some(Deadline::Relative(r)) => {
                    let base = phases.iter().position(|q| q.id == r.after);
                    match base.and_then(|b| out[b].as_ref()).and_then(Resolved::end) {
                        Some(end) => Some(When::Date(
                            calendar.working_days_after(end.date(), r.working_days),
                        )),
                        None => continue,
                    }
                }
            };
            out[i] = Some(Resolved {
                id: p.id.clone(),
                name: p.name.clone(),
                windows: p.windows.clone(),
                deadline,
            });
            progress = true;
        }
        if !progress {
            break;
        }
    }
    for (i, p) in phases.iter().enumerate() {
        if out[i].is_none() {
            if let Some(Deadline::Relative(r)) = &p.deadline {
                unresolved.push(r.after.clone());
            }
        }
    }
    if unresolved.is_empty() {
        Ok(out.into_iter().flatten().collect())
    } else {
        Err(unresolved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::CalendarFile;

    #[test]
    fn relative_deadline_counts_working_days() {
        let sched: ScheduleFile = serde_yaml::from_str(
            "phases:\n  - id: reg\n    name: 报名\n    windows: [{from: 2024-01-20 08:00, to: 2024-02-02 17:00}]\n  - id: rev\n    name: 审核\n    deadline: {after: reg, working_days: 2}\n",
        )
        .unwrap();
        let cal: CalendarFile =
            serde_yaml::from_str("workdays: [2024-02-04]\nholidays: []\n").unwrap();
        let r = resolve(&sched.phases, &Calendar::from_file(&cal)).unwrap();
        // 2/3 Sat off, 2/4 Sun worked, 2/5 Mon.
        assert_eq!(r[1].deadline, Some(When::parse("2024-02-05").unwrap()));
        assert_eq!(
            r[1].text(DateStyle::default(), Show::default()),
            "2024年2月5日前"
        );
    }

    #[test]
    fn several_windows_and_unknown_references() {
        let sched: ScheduleFile = serde_yaml::from_str(
            "phases:\n  - id: a\n    name: A\n    windows:\n      - {from: 2024-03-01, to: 2024-03-02}\n      - {from: 2024-03-10, to: 2024-03-11}\n  - id: b\n    name: B\n    deadline: {after: nope, working_days: 1}\n",
        )
        .unwrap();
        let cal = Calendar::default();
        assert_eq!(
            resolve(&sched.phases, &cal).unwrap_err(),
            vec!["nope".to_string()]
        );
        let r = resolve(&sched.phases[..1], &cal).unwrap();
        assert_eq!(
            r[0].text(DateStyle::default(), Show::default()),
            "2024年3月1日至2日、2024年3月10日至11日"
        );
    }
}
