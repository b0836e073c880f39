//! A build killed at any moment (SIGKILL) leaves the previous output whole,
//! and the next build cleans up after it.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn killed_builds_leave_the_previous_output_intact() {
    let site = example_site();
    let old = snapshot(&build(site.path()));

    // Change the content so a finished build would be recognisably different.
    let meta = site.path().join("content/2024/notice.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, text.replace("date: 2024-01-05", "date: 2024-01-08")).unwrap();
    let other = example_site();
    std::fs::copy(&meta, other.path().join("content/2024/notice.yaml")).unwrap();
    let new = snapshot(&build(other.path()));
    assert_ne!(old, new);

    // Time one whole build, then kill builds at points spread across it.
    let t = Instant::now();
    let out = gazette(&["build", "--output", "probe"], site.path());
    assert!(out.status.success());
    let full = t.elapsed();
    std::fs::remove_dir_all(site.path().join("probe")).unwrap();

    let mut finished = 0;
    for i in 0..10u32 {
        let delay = full.mul_f64(f64::from(i) / 9.0);
        let mut child = crate::common::command()
            .args(["build"])
            .current_dir(site.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        finished += usize::from(status.success());
        let now = snapshot(&site.path().join("output"));
        if status.success() || now == new {
            assert_eq!(
                now, new,
                "kill {i} after {delay:?}: output is neither old nor new"
            );
            // Put the old output back for the next round.
            std::fs::remove_dir_all(site.path().join("output")).unwrap();
            copy_snapshot(&old, &site.path().join("output"));
        } else {
            assert_eq!(
                now, old,
                "kill {i} after {delay:?}: previous output damaged"
            );
        }
    }
    assert!(finished < 10, "no build was interrupted");

    // The next build succeeds and leaves no staging folders behind.
    build(site.path());
    let stray: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".output.gazette-") || n.starts_with(".private.gazette-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    assert_eq!(snapshot(&site.path().join("output")), new);
}

fn copy_snapshot(files: &BTreeMap<String, Vec<u8>>, dir: &Path) {
    for (rel, bytes) in files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

#[test]
fn staging_folders_of_killed_builds_are_removed_without_touching_output() {
    let site = example_site();
    let out = build(site.path());
    let before = snapshot(&out);
    // A killed build leaves a half-written staging folder.
    let stale = site.path().join(".output.gazette-new-99999");
    std::fs::create_dir_all(stale.join("2024")).unwrap();
    std::fs::write(stale.join("2024/notice.pdf"), b"half").unwrap();
    let res = gazette(&["check"], site.path());
    assert!(res.status.success());
    assert!(stale.exists(), "check must write (and delete) nothing");
    build(site.path());
    assert!(!stale.exists());
    assert_eq!(snapshot(&out), before);
}
