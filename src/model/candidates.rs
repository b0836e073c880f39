//! Where a year's candidate list is and which header holds which field:
//! `content/<year>/candidates.yaml`, as loaded (the list itself is read
//! and checked by `data`).

use serde::Deserialize;
use std::collections::BTreeMap;

/// `content/<year>/candidates.yaml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CandidateSpec {
    /// `candidates.csv` or `candidates.xlsx`, relative to the year folder.
    pub file: String,
    /// XLSX sheet name; the first sheet when absent.
    #[serde(default)]
    pub sheet: Option<String>,
    pub columns: Columns,
    #[serde(default)]
    pub review_values: ReviewValues,
}

/// Field → the header text in the file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub name: String,
    pub sex: String,
    pub id_number: String,
    pub phone: String,
    pub college: String,
    pub major: String,
    pub category: String,
    pub review: String,
    /// 志愿类别: the category the candidate fills choices under.
    #[serde(default)]
    pub choice: Option<String>,
    /// 报名号 from the registration system; receipts need it.
    #[serde(default)]
    pub registration_number: Option<String>,
    /// Further fields kept as text (e.g. `enlisted: 入伍时间`).
    #[serde(default)]
    pub extra: BTreeMap<String, String>,
}

/// The words the registration system writes for each review result.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReviewValues {
    #[serde(default = "default_passed")]
    pub passed: Vec<String>,
    #[serde(default = "default_failed")]
    pub failed: Vec<String>,
    #[serde(default = "default_pending")]
    pub pending: Vec<String>,
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn default_passed() -> Vec<String> {
    strings(&["通过", "审核通过", "合格"])
}

fn default_failed() -> Vec<String> {
    strings(&["不通过", "审核不通过", "未通过", "不合格"])
}

fn default_pending() -> Vec<String> {
    strings(&["待审核", "审核中", ""])
}

impl Default for ReviewValues {
    fn default() -> Self {
        ReviewValues {
            passed: default_passed(),
            failed: default_failed(),
            pending: default_pending(),
        }
    }
}
