//! An attacker who has everything public: the whole published folder (as
//! a crawler or a directory listing gives it), every 公示 page, and the
//! masked ID numbers printed on papers. They try to find receipts, and
//! with them full ID numbers, by guessing ID numbers (names × birth
//! dates × sequence numbers) over a real HTTP server, with the old
//! scheme (a hash of salt, ID and name) and with the page's own
//! derivation. Nothing is found without the phone; the candidate's own
//! secret finds and decrypts their receipt. Also: nothing published lists
//! receipt names, the manifest is private, forms are not published, and
//! the private folder is the owner's alone.

use crate::common::papers::*;
use crate::common::static_http::StaticServer;
use crate::common::*;
use gazette::papers::lookup;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

fn check_char(first17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// Every valid ID number with this area code and sequence number (and
/// check character, when known) born in `years`.
fn ids(
    area: &str,
    seq: &str,
    check: Option<char>,
    years: std::ops::RangeInclusive<i32>,
) -> Vec<String> {
    let mut out = Vec::new();
    for y in years {
        for m in 1..=12u32 {
            for d in 1..=31u32 {
                if chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() {
                    continue;
                }
                let first = format!("{area}{y:04}{m:02}{d:02}{seq}");
                let c = check_char(&first);
                if check.is_none_or(|k| k == c) {
                    out.push(format!("{first}{c}"));
                }
            }
        }
    }
    out
}

/// The scheme before this one: SHA-256 over salt, ID number and name.
fn old_token(salt: &str, id: &str, name: &str) -> String {
    let h = Sha256::digest(format!("{salt}\n{id}\n{name}").as_bytes());
    h[..16].iter().map(|b| format!("{b:02x}")).collect()
}

fn salt(out: &Path) -> String {
    let page = std::fs::read_to_string(out.join("2024/receipts/index.html")).unwrap();
    let at = page
        .find("data-salt=\"")
        .expect("the page carries the salt")
        + 11;
    page[at..at + 32].to_string()
}

#[test]
fn nothing_public_finds_a_receipt_or_a_full_id_but_the_candidates_secret_does() {
    let site = example_2024_site();
    let out = build(site.path());
    let server = StaticServer::start(out.clone());
    let all = rows(site.path());
    let public = files_under(&out);
    let names: BTreeSet<String> = public
        .keys()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
        .collect();
    let salt = salt(&out);

    // The attacker's sample: names on the 公示 pages, with their masked IDs.
    let publicity: String = public
        .iter()
        .filter(|(p, _)| p.starts_with("2024/publicity"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .collect();
    let sample: Vec<&Row> = all
        .iter()
        .filter(|r| publicity.contains(&r["姓名"]))
        .take(3)
        .collect();
    assert_eq!(sample.len(), 3, "the example publicises names");

    let mut guesses = 0;
    for r in &sample {
        let (id, name) = (&r["身份证号"], &r["姓名"]);
        let (area, seq, check) = (&id[..6], &id[14..17], id.chars().last());
        let born: i32 = id[6..10].parse().unwrap();
        // Masked ID known: only the birth date is missing.
        let mut tries = ids(area, seq, check, 1990..=2008);
        // Name, county and sex known: birth dates × sequence numbers.
        let sex_digit = id[16..17].parse::<u32>().unwrap() % 2;
        for s in (0..1000u32).filter(|s| s % 2 == sex_digit) {
            tries.extend(ids(area, &format!("{s:03}"), None, born..=born));
        }
        assert!(tries.contains(id));
        for guess in &tries {
            let t = old_token(&salt, guess, name);
            for ext in ["pdf", "bin"] {
                let file = format!("{t}.{ext}");
                assert!(
                    !names.contains(&file),
                    "found {name}'s receipt by guessing {guess}"
                );
            }
        }
        guesses += tries.len();
        // Over HTTP too, for the masked-ID guesses.
        for guess in tries.iter().take(400) {
            let t = old_token(&salt, guess, name);
            assert_eq!(server.get(&format!("/2024/receipts/{t}.pdf")).0, 404);
        }
    }
    eprintln!("old scheme: {guesses} guesses, nothing found");

    // The page's derivation: without the phone, an ID guess (even the
    // right one) finds nothing; with the candidate's whole secret it does.
    let phones = ["", "13800000000", "13912345678", "15000000001"];
    let t = Instant::now();
    let mut derived = 0;
    for r in &sample[..2] {
        let (id, name) = (&r["身份证号"], &r["姓名"]);
        let wrong_dates = ids(&id[..6], &id[14..17], id.chars().last(), 2001..=2001);
        let mut tries: Vec<&String> = wrong_dates.iter().take(2).collect();
        tries.push(id);
        for guess in tries {
            for phone in phones {
                let m = lookup::derive(&salt, guess, name, phone, lookup::ITERATIONS);
                derived += 1;
                let file = format!("{}.bin", m.name());
                assert!(
                    !names.contains(&file),
                    "found {name}'s receipt without the phone"
                );
                assert_eq!(server.get(&format!("/2024/receipts/{file}")).0, 404);
            }
        }
    }
    let each = t.elapsed().as_secs_f64() * 1000.0 / derived as f64;
    eprintln!("page's derivation: {derived} guesses, {each:.1} ms each (this test's build), nothing found");

    // What the page derives from the candidate's own secret.
    let own_master = |r: &Row| {
        lookup::derive(
            &salt,
            &r["身份证号"],
            &r["姓名"],
            &r["手机号"],
            lookup::ITERATIONS,
        )
    };
    for r in &sample {
        let m = own_master(r);
        let (status, body) = server.get(&format!("/2024/receipts/{}.bin", m.name()));
        assert_eq!(status, 200, "the candidate's own secret finds nothing");
        let pdf = m
            .open(&body)
            .expect("the candidate's key opens their receipt");
        let staff = site
            .path()
            .join(format!("private/2024/receipts/{}.pdf", r["报名号"]));
        assert!(pdf == std::fs::read(staff).unwrap(), "not the staff copy");
        assert!(
            !body.windows(4).any(|w| w == b"%PDF"),
            "published in the clear"
        );
    }

    // No published file names another receipt or holds a full ID, a phone
    // or a staff paper; every candidate's receipt name appears only as a
    // file name.
    let secrets: Vec<String> = all
        .iter()
        .flat_map(|r| {
            let m = own_master(r);
            [
                m.name(),
                old_token(&salt, &r["身份证号"], &r["姓名"]),
                r["身份证号"].clone(),
                r["手机号"].clone(),
            ]
        })
        .collect();
    for (path, bytes) in &public {
        let text = String::from_utf8_lossy(bytes);
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{} lists `{s}`", path.display());
        }
    }
}

#[test]
fn forms_manifest_and_staff_copies_stay_private_and_owner_only() {
    let site = example_2024_site();
    // A manifest left beside the output by an older build lists guessable names.
    std::fs::write(site.path().join(".output.manifest.json"), "{}").unwrap();
    let out = build(site.path());
    let private = site.path().join("private");
    assert!(!site.path().join(".output.manifest.json").exists());
    for dir in [&out, &out.parent().unwrap().to_path_buf()] {
        for e in std::fs::read_dir(dir).unwrap() {
            let n = e.unwrap().file_name().to_string_lossy().to_string();
            assert!(!n.contains("manifest"), "{n} in {}", dir.display());
        }
    }
    let published = files_under(&out);
    assert!(!published
        .keys()
        .any(|p| p.to_string_lossy().contains("manifest")));
    let staff = files_under(&private);
    assert!(staff.contains_key(Path::new("manifest.json")));
    let forms: Vec<_> = staff
        .keys()
        .filter(|p| p.starts_with("2024/forms"))
        .collect();
    assert!(forms.len() >= 4, "{forms:?}");
    // Not by name, not by content.
    let bytes: BTreeSet<&Vec<u8>> = published.values().collect();
    for (p, b) in &staff {
        assert!(
            !published.contains_key(p) || p.ends_with("blank.pdf"),
            "{}",
            p.display()
        );
        assert!(!bytes.contains(b), "{} is published", p.display());
    }
    assert!(std::fs::read_dir(out.join("2024/forms"))
        .unwrap()
        .all(|e| e.unwrap().file_name() == "blank.pdf"));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for e in walkdir::WalkDir::new(&private) {
            let e = e.unwrap();
            let mode = e.metadata().unwrap().permissions().mode() & 0o777;
            let want = if e.file_type().is_dir() { 0o700 } else { 0o600 };
            assert_eq!(mode, want, "{} is {mode:o}", e.path().display());
        }
    }
}

#[test]
fn the_private_folder_is_never_inside_the_output_nor_the_output_inside_it() {
    let site = example_2024_site();
    for (args, said) in [
        (
            vec!["build", "--private", "output/private"],
            "is inside the output folder",
        ),
        (
            vec!["build", "--private", "output"],
            "is inside the output folder",
        ),
        (
            vec!["build", "--output", "private/www"],
            "is inside the private folder",
        ),
    ] {
        let run = gazette(&args, site.path());
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(err.contains("nothing was written"), "{err}");
        assert!(!site.path().join("output").exists());
        assert!(!site.path().join("private").exists());
    }
    // Beside each other, anywhere: fine.
    let run = gazette(
        &["build", "--output", "www/site", "--private", "staff/papers"],
        site.path(),
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(site.path().join("staff/papers/manifest.json").is_file());
}
