//! `gazette verify`: does a verification code belong to a candidate's
//! registered facts?

use super::input::YearInput;
use super::key::{self, Key};
use crate::diag::Diagnostics;

/// What `gazette verify` found: the verdict, with the registered facts
/// (label, value) for staff to compare with the paper line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Genuine {
        year: i32,
        name: String,
        registration: String,
        facts: Vec<(String, String)>,
    },
    /// The candidate exists, but the code is not the one of their facts.
    Altered {
        year: i32,
        name: String,
        facts: Vec<(String, String)>,
    },
    /// No candidate with receipts has this ID number.
    Unknown,
}

/// Does `code` belong to the receipt of the candidate with this ID number?
/// Needs the authority's key; reads the site's current candidate lists.
pub fn verify_receipt(
    root: &std::path::Path,
    code: &str,
    id_number: &str,
    year: Option<i32>,
) -> Result<(Verdict, Diagnostics), Diagnostics> {
    let prepared = crate::prepare(root)?;
    let years: Vec<&YearInput> = prepared
        .papers
        .iter()
        .filter(|y| y.spec.receipts.is_some() && year.is_none_or(|w| w == y.year))
        .collect();
    if years.is_empty() {
        return Err(Diagnostics::from(
            match year {
                Some(y) => crate::diag!(Error, "verify-year-no-receipts", year = y.to_string()),
                None => crate::diag!(Error, "verify-no-receipts"),
            }
            .io(),
        ));
    }
    let (key, origin) = Key::load(
        &prepared.site.config.receipts,
        &prepared.site.root,
        key::Missing::Fail,
    )?;
    let mut warnings = Diagnostics::new();
    if let Some(w) = origin.warning() {
        warnings.push(w);
    }
    let id = id_number.trim().to_uppercase();
    let wanted = key::normalise_code(code);
    for y in years {
        if let Some(c) = y.list.candidates.iter().find(|c| c.id_number() == id) {
            let v = y.view(c);
            let genuine = y.code(&key, c, &v) == wanted;
            let facts = y.facts(&v);
            let verdict = if genuine {
                Verdict::Genuine {
                    year: y.year,
                    name: c.name().to_string(),
                    registration: v.registration_number.to_string(),
                    facts,
                }
            } else {
                Verdict::Altered {
                    year: y.year,
                    name: c.name().to_string(),
                    facts,
                }
            };
            return Ok((verdict, warnings));
        }
    }
    Ok((Verdict::Unknown, warnings))
}
