//! `gazette.yaml`: the site's configuration.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use crate::model::format::DateStyle;
use crate::model::when::When;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub site: SiteInfo,
    pub authority: Authority,
    /// How dates, weekdays and times are written.
    #[serde(default)]
    pub dates: DateStyle,
    #[serde(default)]
    pub fonts: FontConfig,
    #[serde(default)]
    pub pdf: PdfConfig,
    #[serde(default)]
    pub receipts: ReceiptsConfig,
    /// The language gazette speaks for this site (`zh` or `en`), unless
    /// `--lang` or GAZETTE_LANG say otherwise. Read before the rest, by the
    /// command line (`cli/language.rs`).
    #[serde(default)]
    pub language: Option<Language>,
}

/// The languages gazette speaks.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum Language {
    #[serde(rename = "zh", alias = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

/// Where the secret key that signs receipts is kept.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReceiptsConfig {
    /// A file outside the site; default `~/.config/gazette/receipt-key`.
    /// The environment variable GAZETTE_RECEIPT_KEY takes precedence.
    #[serde(default)]
    pub key_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteInfo {
    /// Title of the front page.
    pub title: String,
    /// Absolute URL the site is published under (used for canonical links).
    #[serde(default)]
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// 发文机关 full name, e.g. 湖南省教育考试院.
    pub name: String,
    /// Text of the red header (发文机关标志), e.g. 湖南省教育考试院文件.
    pub header: String,
    /// 发文字号 prefix (代字), e.g. 湘教考成字.
    pub code: String,
}

/// A font is named by family (searched in the system's and the configured
/// folders) or given as a file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum FontSpec {
    Family(String),
    File {
        path: PathBuf,
        #[serde(default)]
        index: u32,
    },
}

/// Fallback chains per role, most preferred first.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct FontConfig {
    /// 小标宋: red header and title.
    pub title: Vec<FontSpec>,
    /// 仿宋: body text.
    pub body: Vec<FontSpec>,
    /// 黑体: level-1 headings, 附件 labels.
    pub heading1: Vec<FontSpec>,
    /// 楷体: level-2 headings.
    pub heading2: Vec<FontSpec>,
    /// 宋体: page numbers.
    pub page_number: Vec<FontSpec>,
    /// Extra folders searched for fonts, relative to the site root.
    pub dirs: Vec<PathBuf>,
}

fn families(names: &[&str]) -> Vec<FontSpec> {
    names
        .iter()
        .map(|n| FontSpec::Family(n.to_string()))
        .collect()
}

impl Default for FontConfig {
    fn default() -> Self {
        FontConfig {
            title: families(&[
                "方正小标宋简体",
                "FZXiaoBiaoSong-B05S",
                "FZXiaoBiaoSong-B05",
                "Source Han Serif SC",
                "Noto Serif CJK SC",
                "SimSun",
                "FandolSong",
            ]),
            body: families(&[
                "仿宋_GB2312",
                "FangSong_GB2312",
                "FangSong",
                "仿宋",
                "FandolFang",
                "Noto Serif CJK SC",
                "SimSun",
            ]),
            heading1: families(&[
                "黑体",
                "SimHei",
                "Source Han Sans SC",
                "Noto Sans CJK SC",
                "FandolHei",
            ]),
            heading2: families(&[
                "楷体_GB2312",
                "KaiTi_GB2312",
                "KaiTi",
                "楷体",
                "FandolKai",
                "LXGW WenKai",
                "AR PL UKai CN",
                "AR PL KaitiM GB",
                "Noto Serif CJK SC",
            ]),
            page_number: families(&["宋体", "SimSun", "Noto Serif CJK SC", "FandolSong"]),
            dirs: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PdfConfig {
    /// Red of the header and the red rule, as #RRGGBB.
    pub red: String,
    /// Thickness of the red rule, in pt (practice 1.5 to 2.25).
    pub red_rule_pt: f32,
    /// Date written as the PDF's creation date. Default: the 印发日期, or the
    /// 成文日期; never the clock, so builds are reproducible.
    pub created: Option<When>,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            red: "#FF3333".to_string(),
            red_rule_pt: 2.0,
            created: None,
        }
    }
}
