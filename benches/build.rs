//! `cargo bench --bench build`: time `gazette::build` on the bundled example.
//! Prints the cold (first) run and the median and best of the warm runs.

use std::time::Instant;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("output");
    let runs: usize = std::env::var("GAZETTE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let mut times = Vec::new();
    for _ in 0..=runs {
        let t = Instant::now();
        gazette::build(root, &target).expect("example builds");
        times.push(t.elapsed().as_secs_f64());
    }
    let cold = times.remove(0);
    times.sort_by(f64::total_cmp);
    println!(
        "gazette build (example, {} warm runs): cold {:.3} s, warm median {:.3} s, best {:.3} s",
        times.len(),
        cold,
        times[times.len() / 2],
        times[0]
    );
}
