use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(root: &Path, output: Option<PathBuf>) -> ExitCode {
    let started = Instant::now();
    let output = output.unwrap_or_else(|| root.join("output"));
    match gazette::build(root, &output) {
        Ok(report) => {
            if !report.warnings.is_empty() {
                eprintln!("{}", report.warnings);
            }
            eprintln!(
                "built {} files into {} in {:.2}s",
                report.files.len(),
                report.output.display(),
                started.elapsed().as_secs_f64()
            );
            eprintln!(
                "  front page: {}",
                report.output.join("index.html").display()
            );
            let notices = report
                .files
                .iter()
                .filter(|f| f.ends_with("notice.html") || f.ends_with("notice.pdf"));
            for f in notices {
                eprintln!("  {}", report.output.join(f).display());
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprintln!("{diags}");
            eprintln!("nothing was written; {} is unchanged", output.display());
            ExitCode::from(1)
        }
    }
}
