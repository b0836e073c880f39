//! Each year checked and composed on its own, so that the two are compared
//! as their notices read.

use std::path::Path;

use crate::diag::Diagnostics;
use crate::doc::Notice;
use crate::load::{Site, Year};
use crate::model::schedule::Resolved;

/// One year checked and composed.
pub struct Side<'a> {
    pub year: &'a Year,
    pub schedule: Vec<Resolved>,
    pub notice: Notice,
}

/// Load the site and check and compose the two years only (another year
/// being drafted does not stand in the way). Unknown years are a usage
/// error; content errors are returned as `gazette check` would print them.
pub fn load_pair(root: &Path, old: i32, new: i32) -> Result<(Site, Diagnostics), Diagnostics> {
    let site = crate::load::load(root)?;
    let present: Vec<String> = site.years.iter().map(|y| y.year.to_string()).collect();
    for y in [old, new] {
        if !site.years.iter().any(|s| s.year == y) {
            return Err(crate::diag!(
                Error,
                "diff-no-year",
                year = y,
                present = present.join(&crate::t!("data-list-separator")),
                example = example_pair(&present)
            )
            .io()
            .into());
        }
    }
    let mut warnings = site.warnings.clone();
    crate::check::site(&site, &mut warnings);
    Ok((site, warnings))
}

fn example_pair(present: &[String]) -> String {
    match present {
        [.., a, b] => format!("{a} {b}"),
        [a] => format!("{a} {a}"),
        [] => "2023 2024".to_string(),
    }
}

/// Check and compose one year of a loaded site.
pub fn side<'a>(site: &'a Site, year: i32, diags: &mut Diagnostics) -> Option<Side<'a>> {
    let y = site.years.iter().find(|y| y.year == year)?;
    let schedule = crate::check::check_year(y, diags)?;
    let notice = crate::compose::compose(site, y, &schedule, diags);
    Some(Side {
        year: y,
        schedule,
        notice,
    })
}
