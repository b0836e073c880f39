//! The privacy guard's cost on a built output folder (see benches/guard.sh):
//! `cargo bench --bench guard -- SITE OUTPUT` loads the site's candidate
//! lists and times one guard pass over OUTPUT, as a build runs it.

use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [site, output] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench guard -- SITE OUTPUT");
        std::process::exit(2);
    };
    let prepared = match gazette::prepare(Path::new(site)) {
        Ok(p) => p,
        Err(d) => {
            eprintln!("{d}");
            std::process::exit(1);
        }
    };
    let files = walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    let started = Instant::now();
    let result = gazette::privacy::guard(Path::new(output), Path::new(output), &prepared.secrets);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "privacy guard: {files} files in {secs:.2} s ({:?})",
        result.map(|_| "clean")
    );
}
