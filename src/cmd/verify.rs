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
            let said = gazette::t!(
                "verify-genuine",
                year = year,
                name = &name,
                registration = &registration
            );
            println!("{said}");
            println!("{}", gazette::t!("verify-compare"));
            print_facts(&facts);
            ExitCode::SUCCESS
        }
        Verdict::Altered { year, name, facts } => {
            println!(
                "{}",
                gazette::t!("verify-altered", year = year, name = &name)
            );
            println!("{}", gazette::t!("verify-registered", name = &name));
            print_facts(&facts);
            ExitCode::from(1)
        }
        Verdict::Unknown => {
            println!("{}", gazette::t!("verify-unknown"));
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
