//! The content of one year: document metadata, categories and rules as
//! they are written in `content/<year>/*.yaml`.

use serde::Deserialize;
use std::collections::BTreeMap;

use super::when::When;

/// `notice.yaml`: the metadata of the official document.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    pub title: String,
    /// Serial of the 发文字号 (restarts every year, no leading zeros).
    pub serial: u32,
    /// 主送机关, joined with 、 and followed by ：.
    pub addressees: Vec<String>,
    /// 署名; defaults to the authority's name.
    #[serde(default)]
    pub signature: Option<String>,
    /// 成文日期.
    pub date: When,
    /// 附注, printed in （） after the date.
    #[serde(default)]
    pub note: Option<String>,
    /// Markdown file of the body, relative to the year folder.
    #[serde(default = "default_body")]
    pub body: String,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default)]
    pub imprint: Option<Imprint>,
    /// 份号, 密级 and 紧急程度 (all optional).
    #[serde(default)]
    pub copy_number: Option<String>,
    #[serde(default)]
    pub classification: Option<String>,
    #[serde(default)]
    pub urgency: Option<String>,
}

fn default_body() -> String {
    "notice.md".to_string()
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub title: String,
    /// Markdown file of the attachment's content, relative to the year folder.
    #[serde(default)]
    pub body: Option<String>,
}

/// 版记: 抄送 line and the 印发机关 with 印发日期.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Imprint {
    #[serde(default)]
    pub copy_to: Vec<String>,
    pub issuer: String,
    pub date: When,
}

/// `categories.yaml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CategoriesFile {
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// Exam-exempt (免试) category.
    #[serde(default)]
    pub exempt: bool,
    /// The plan this category is part of (e.g. the poverty-family plan is part of the general plan).
    #[serde(default)]
    pub part_of: Option<String>,
    /// Who qualifies, one sentence.
    pub qualifies: String,
    /// Materials the candidate uploads.
    #[serde(default)]
    pub materials: Vec<String>,
    /// The body that reviews applications in this category.
    #[serde(default)]
    pub reviewer: Option<String>,
    /// Whether the list of candidates who passed the review is publicised (公示).
    #[serde(default)]
    pub publicised: bool,
}

/// `rules.yaml`: named lists of rules, e.g. eligibility and exclusions.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub rules: BTreeMap<String, Vec<String>>,
}
