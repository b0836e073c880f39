//! Which language to speak: `--lang`, else `GAZETTE_LANG`, else the site's
//! `language:` in gazette.yaml, else the locale; English when none says.
//!
//! Chosen before the arguments are parsed, so that `--help` and usage
//! errors already speak it.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::i18n::{self, Lang};

pub fn language(args: &[OsString]) -> Lang {
    flag(args, "--lang")
        .and_then(|v| i18n::parse_tag(&v))
        .or_else(i18n::explicit)
        .or_else(|| site_language(args))
        .or_else(i18n::locale)
        .unwrap_or(Lang::En)
}

/// The value of `--name VALUE` or `--name=VALUE` among raw arguments.
fn flag(args: &[OsString], name: &str) -> Option<String> {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == name {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = a.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            return Some(v.to_string());
        }
    }
    None
}

/// `language:` of the site's gazette.yaml (the `--root` folder, else the
/// current one). A file that does not read is left to `gazette check`.
fn site_language(args: &[OsString]) -> Option<Lang> {
    let root = flag(args, "--root").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let text = std::fs::read_to_string(root.join("gazette.yaml")).ok()?;
    let value: serde_yaml::Value = serde_yaml::from_str(&text).ok()?;
    i18n::parse_tag(value.get("language")?.as_str()?)
}
