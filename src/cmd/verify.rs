use std::path::Path;
use std::process::ExitCode;

use gazette::papers::Verdict;

use super::{exit_code, report};
use gazette::cli::Format;

/// 0 genuine, 1 not genuine (or no such candidate), 2 no key or unreadable site.
pub fn run(root: &Path, code: &str, id_number: &str, year: Option<i32>) -> ExitCode {
    let verdict = match gazette::papers::verify_receipt(root, code, id_number, year) {
        Ok((v, warnings)) => {
            report(&warnings, Format::Human);
            v
        }
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
            facts,
        } => {
            println!("genuine: the {year} receipt of {name} (报名号 {registration}) matches the registered facts");
            println!("the code is genuine only if the paper prints exactly these registered facts; compare them line by line:");
            print_facts(&facts);
            ExitCode::SUCCESS
        }
        Verdict::Altered { year, name, facts } => {
            println!("NOT genuine: this code does not match the {year} receipt of {name}; the receipt was altered, or its facts changed after it was issued");
            println!("the registered facts of {name}:");
            print_facts(&facts);
            ExitCode::from(1)
        }
        Verdict::Unknown => {
            println!("NOT genuine: no candidate with this ID number has a receipt");
            ExitCode::from(1)
        }
    }
}

/// Labels padded to one column, so each line reads against the paper's.
fn print_facts(facts: &[(String, String)]) {
    let width = facts
        .iter()
        .map(|(k, _)| display_width(k))
        .max()
        .unwrap_or(0);
    for (k, v) in facts {
        let pad = " ".repeat(width - display_width(k));
        println!("  {k}{pad}  {v}");
    }
}

/// Terminal columns: CJK characters take two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}
