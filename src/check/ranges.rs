//! Every number a user writes has a range (listed in README.md); a number
//! outside it is reported at its key.

use std::fmt::Display;

use crate::diag::Diagnostics;
use crate::load::files::find_key_value;
use crate::load::{Source, Year};
use crate::model::config::SiteConfig;

/// 发文字号 serials restart every year; no authority issues ten thousand.
pub const SERIAL: (u32, u32) = (1, 9999);
/// Candidates per publicity page.
pub const PAGE_SIZE: (usize, usize) = (1, 1000);
/// A publicity period, in days or working days.
pub const PERIOD_DAYS: (u32, u32) = (1, 90);
/// Thickness of the red rule, pt (GB/T 9704 practice is 1.5 to 2.25).
pub const RED_RULE_PT: (f32, f32) = (0.5, 3.0);
/// Face index in a font collection (.ttc).
pub const FONT_INDEX: (u32, u32) = (0, 63);

/// Report `key` (searched from byte `from` of `src`) when `value` is outside `range`.
pub fn check<T: PartialOrd + Display + Copy>(
    value: T,
    range: (T, T),
    key: &str,
    src: &Source,
    from: usize,
    diags: &mut Diagnostics,
) {
    let (lo, hi) = range;
    if value >= lo && value <= hi {
        return;
    }
    let mut d = crate::diag!(
        Error,
        "number-out-of-range",
        key = key,
        value = value.to_string(),
        min = lo.to_string(),
        max = hi.to_string()
    )
    .in_file(&src.path);
    // A key of its own line, else inside a flow mapping (`period: {days: 400}`).
    let rest = &src.text[from.min(src.text.len())..];
    let at = find_key_value(rest, key).or_else(|| {
        rest.find(&format!("{key}: {value}"))
            .map(|i| i + key.len() + 2)
    });
    if let Some(at) = at {
        d = d.at_offset(&src.text, at + from);
    }
    diags.push(d);
}

/// The numbers of one year's files (the schedule's are checked with the schedule).
pub fn year(year: &Year, diags: &mut Diagnostics) {
    check(
        year.meta.serial,
        SERIAL,
        "serial",
        &year.sources["notice.yaml"],
        0,
        diags,
    );
    if let Some((spec, src)) = &year.publicity {
        check(spec.page_size, PAGE_SIZE, "page_size", src, 0, diags);
        // Zero is reported with the period itself.
        if let Some(n) = spec.period.days.filter(|n| *n > 0) {
            check(n, PERIOD_DAYS, "days", src, 0, diags);
        }
        if let Some(n) = spec.period.working_days.filter(|n| *n > 0) {
            check(n, PERIOD_DAYS, "working_days", src, 0, diags);
        }
    }
}

/// The numbers of gazette.yaml.
pub fn config(config: &SiteConfig, src: &Source, diags: &mut Diagnostics) {
    let pdf = src.text.find("pdf:").unwrap_or(0);
    check(
        config.pdf.red_rule_pt,
        RED_RULE_PT,
        "red_rule_pt",
        src,
        pdf,
        diags,
    );
    let fonts = src.text.find("fonts:").unwrap_or(0);
    let f = &config.fonts;
    let chains = [&f.title, &f.body, &f.heading1, &f.heading2, &f.page_number];
    let mut from = fonts;
    for spec in chains.into_iter().flatten() {
        if let crate::model::config::FontSpec::File { index, .. } = spec {
            let at = src.text[from..].find("index:").map_or(from, |i| i + from);
            check(*index, FONT_INDEX, "index", src, from, diags);
            from = at + 1;
        }
    }
}
