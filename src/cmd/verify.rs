use std::path::Path;
use std::process::ExitCode;

use gazette::papers::Verdict;

use super::{exit_code, report};
use crate::cli::Format;

/// 0 genuine, 1 not genuine (or no such candidate), 2 no key or unreadable site.
pub fn run(root: &Path, code: &str, id_number: &str, year: Option<i32>) -> ExitCode {
    let verdict = match gazette::papers::verify_receipt(root, code, id_number, year) {
        Ok(v) => v,
        Err(d) => {
            report(&d, Format::Human);
            return exit_code(&d);
        }
    };
    match verdict {
        Verdict::Genuine {
            year,
            name,
            registration,
        } => {
            println!("genuine: the {year} receipt of {name} (报名号 {registration}) matches the registered facts");
            ExitCode::SUCCESS
        }
        Verdict::Altered { year, name } => {
            println!("NOT genuine: this code does not match the {year} receipt of {name}; the receipt was altered, or its facts changed after it was issued");
            ExitCode::from(1)
        }
        Verdict::Unknown => {
            println!("NOT genuine: no candidate with this ID number has a receipt");
            ExitCode::from(1)
        }
    }
}
