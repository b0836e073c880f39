//! `content/<year>/papers.yaml`: which dates and notes a receipt carries
//! and where the forms' photos are. Read by `load`, used by `papers`.

use serde::Deserialize;

/// `content/<year>/papers.yaml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PapersSpec {
    /// The examination's name as the papers print it after the year.
    #[serde(default = "default_exam")]
    pub exam: String,
    #[serde(default)]
    pub receipts: Option<ReceiptSpec>,
    #[serde(default)]
    pub forms: Option<FormSpec>,
}

fn default_exam() -> String {
    "普通高等教育专升本考试".into()
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReceiptSpec {
    /// Phases of schedule.yaml a receipt lists, in order.
    pub dates: Vec<DateSpec>,
    #[serde(default)]
    pub instructions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DateSpec {
    pub phase: String,
    /// Only candidates of these categories (ids); all when absent.
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    /// The label; the phase's name when absent.
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FormSpec {
    /// Folder of photos named by ID number (`<ID>.jpg`, `.jpeg` or `.png`),
    /// relative to the year folder.
    #[serde(default)]
    pub photos: Option<String>,
}

/// PBKDF2 iterations of a candidate's receipt key (the page derives the
/// same); see the README's threat model for how it was chosen.
pub const ITERATIONS: u32 = 100_000;
