//! The 公示 (audit publicity) as configured in `content/<year>/publicity.yaml`
//! and as composed for the renderers: one list per publicised category.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::cells::Cells;
use super::when::When;

/// `content/<year>/publicity.yaml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PublicitySpec {
    /// The schedule phase whose start opens the period…
    #[serde(default)]
    pub phase: Option<String>,
    /// …or an explicit first day.
    #[serde(default)]
    pub start: Option<When>,
    pub period: PeriodSpec,
    /// Legal basis sentence; `{category}` is replaced by the category's name.
    pub basis: String,
    pub objection: Objection,
    /// Published columns, in order: name, sex, college, major, category,
    /// id_masked, or a field of `extra` in candidates.yaml.
    pub columns: Vec<String>,
    #[serde(default = "default_page_size")]
    pub page_size: usize,
}

fn default_page_size() -> usize {
    100
}

/// `{days: 7}` or `{working_days: 5}`.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PeriodSpec {
    #[serde(default)]
    pub days: Option<u32>,
    #[serde(default)]
    pub working_days: Option<u32>,
}

impl PeriodSpec {
    pub fn period(&self) -> Option<Period> {
        match (self.days, self.working_days) {
            (Some(n), None) if n > 0 => Some(Period::Days(n)),
            (None, Some(n)) if n > 0 => Some(Period::WorkingDays(n)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Period {
    /// N calendar days, the first day included.
    Days(u32),
    /// N working days by the year's holiday calendar, the first day included.
    WorkingDays(u32),
}

/// Where objections go.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    pub unit: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Column {
    pub key: String,
    pub header: String,
}

/// One category's publicity list, ready to render.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Publicity {
    pub year: i32,
    pub category_id: String,
    pub category: String,
    pub title: String,
    pub basis: String,
    pub start: String,
    pub end: String,
    /// "N个工作日" or "N天".
    pub length: String,
    pub objection: Objection,
    pub columns: Vec<Column>,
    /// Rows grouped by college, colleges and rows in a stable order.
    pub groups: Vec<Group>,
    pub count: usize,
    pub page_size: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    pub college: String,
    /// Each row's published cells, in the order of the columns.
    pub rows: Vec<Cells>,
}

/// Everything of a list but its rows, for template contexts.
#[derive(Debug, Clone, Serialize)]
pub struct Head<'a> {
    pub year: i32,
    pub category_id: &'a str,
    pub category: &'a str,
    pub title: &'a str,
    pub basis: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub length: &'a str,
    pub objection: &'a Objection,
    pub columns: &'a [Column],
    pub count: usize,
}

impl Publicity {
    pub fn head(&self) -> Head<'_> {
        Head {
            year: self.year,
            category_id: &self.category_id,
            category: &self.category,
            title: &self.title,
            basis: &self.basis,
            start: &self.start,
            end: &self.end,
            length: &self.length,
            objection: &self.objection,
            columns: &self.columns,
            count: self.count,
        }
    }

    /// All rows in order, with their college.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &Cells)> {
        self.groups
            .iter()
            .flat_map(|g| g.rows.iter().map(move |r| (g.college.as_str(), r)))
    }

    /// Folder of this list's files, relative to the output.
    pub fn folder(&self) -> PathBuf {
        PathBuf::from(self.year.to_string())
            .join("publicity")
            .join(&self.category_id)
    }
}
