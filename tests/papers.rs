//! Receipts and recommendation forms, end to end through the real binary:
//! what the PDFs say (read back with poppler), the QR code (decoded with
//! rqrr), verification, privacy, determinism, incremental and sharded builds.

use crate::common::papers::*;
use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Columns in file order (BTreeMap would sort them): rewrite by header order.
fn write_rows_ordered(site: &Path, headers: &[String], rows: &[Row]) {
    let mut w = csv::Writer::from_path(site.join("content/2024/candidates.csv")).unwrap();
    w.write_record(headers).unwrap();
    for r in rows {
        w.write_record(headers.iter().map(|h| r[h].as_str()))
            .unwrap();
    }
    w.flush().unwrap();
}

fn headers(site: &Path) -> Vec<String> {
    let mut r = csv::Reader::from_path(site.join("content/2024/candidates.csv")).unwrap();
    r.headers().unwrap().iter().map(String::from).collect()
}

const EXEMPT: [&str; 3] = ["退役大学生士兵免试", "竞赛获奖免试", "“湖湘工匠燎原计划”"];

fn salt(out: &Path) -> String {
    let page = std::fs::read_to_string(out.join("2024/receipts/index.html")).unwrap();
    let at = page
        .find("data-salt=\"")
        .expect("the receipts page carries the salt")
        + 11;
    page[at..at + 32].to_string()
}

/// The staff copy of a candidate's receipt: the plain PDF, in the private folder.
fn receipt_of(site: &Path, r: &Row) -> PathBuf {
    site.join(format!("private/2024/receipts/{}.pdf", r["报名号"]))
}

/// The published receipt, found and decrypted as the page does: the
/// candidate's ID number, name and phone with the page's salt.
fn published(out: &Path, r: &Row) -> (PathBuf, Option<Vec<u8>>) {
    use gazette::papers::lookup;
    let master = lookup::derive(
        &salt(out),
        &r["身份证号"],
        &r["姓名"],
        &r["手机号"],
        lookup::ITERATIONS,
    );
    let path = out.join(format!("2024/receipts/{}.bin", master.name()));
    let plain = std::fs::read(&path).ok().and_then(|b| master.open(&b));
    (path, plain)
}

/// The verification code printed on a receipt: five groups of four.
fn code_in(text: &str) -> String {
    let flat: Vec<char> = text
        .split_whitespace()
        .collect::<String>()
        .chars()
        .collect();
    let is_code = |w: &[char]| {
        w.iter().enumerate().all(|(i, c)| {
            if i % 5 == 4 {
                *c == '-'
            } else {
                c.is_ascii_digit() || c.is_ascii_uppercase()
            }
        })
    };
    flat.windows(24)
        .find(|w| is_code(w))
        .map(|w| w.iter().collect())
        .expect("a verification code on the receipt")
}

fn masked(id: &str) -> String {
    format!("{}********{}", &id[..6], &id[14..])
}

fn papers(files: &BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<PathBuf, Vec<u8>> {
    files
        .iter()
        .filter(|(p, _)| {
            let s = p.to_string_lossy();
            (s.contains("/receipts/") || s.contains("/forms/"))
                && (s.ends_with(".pdf") || s.ends_with(".bin"))
        })
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

#[test]
fn a_receipt_holds_the_candidates_facts_and_dates_but_never_the_full_id() {
    let site = example_2024_site();
    let out = build(site.path());
    let all = rows(site.path());
    let receipts: Vec<_> = std::fs::read_dir(out.join("2024/receipts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        receipts.iter().filter(|n| n.ends_with(".bin")).count(),
        all.len(),
        "one published receipt per candidate"
    );
    // Only the page and the encrypted receipts: nothing lists them, no plain PDF.
    assert!(receipts
        .iter()
        .all(|n| n == "index.html" || (n.len() == 36 && n.ends_with(".bin"))));
    let staff = std::fs::read_dir(site.path().join("private/2024/receipts")).unwrap();
    assert_eq!(staff.count(), all.len(), "one staff copy per candidate");

    let general = all.iter().find(|r| r["报考类别"] == "普通计划").unwrap();
    let veteran = all
        .iter()
        .find(|r| r["报考类别"] == "退役大学生士兵免试")
        .unwrap();
    for r in [general, veteran] {
        let pdf = receipt_of(site.path(), r);
        let (file, plain) = published(&out, r);
        assert!(file.is_file(), "no published receipt for {}", r["姓名"]);
        assert_eq!(
            plain.as_deref(),
            Some(&std::fs::read(&pdf).unwrap()[..]),
            "the published receipt is not the staff copy encrypted"
        );
        let text = squash(&pdftotext(&pdf));
        for fact in [
            &r["姓名"],
            &r["报名号"],
            &masked(&r["身份证号"]),
            &r["报考类别"],
            &r["院校"],
            &r["专业"],
        ] {
            assert!(text.contains(&squash(fact)), "{fact} missing from {text}");
        }
        assert!(
            !text.contains(&r["身份证号"]),
            "the full ID is on the receipt"
        );
        assert!(!text.contains(&r["手机号"]), "the phone is on the receipt");
        // Payment and choices apply to all; the exam only to those who sit it.
        assert!(text.contains("考生网上缴费2024年2月18日（星期日）8时至21日（星期三）17时"));
        assert!(text.contains("考生网上填报志愿2024年3月22日（星期五）8时至25日（星期一）17时"));
        let sits_exam = text.contains("考试2024年4月20日（星期六）至21日（星期日）");
        assert_eq!(sits_exam, r["报考类别"] == "普通计划", "{text}");
        let publicised = text.contains("资格审核结果公示2024年3月4日");
        assert_eq!(publicised, r["报考类别"] != "普通计划");
        // The notes of papers.yaml.
        assert!(text.contains("请妥善保管本回执"));
        assert!(tool("pdfinfo", &[pdf.to_str().unwrap()]).contains("Pages:           1\n"));
    }

    // No full ID or phone number anywhere in the public output.
    for (path, bytes) in files_under(&out) {
        let shown = path.to_string_lossy();
        assert!(
            !(shown.contains("/receipts/") || shown.contains("/forms/"))
                || shown.ends_with(".bin")
                || shown.ends_with("index.html")
                || shown.ends_with("forms/blank.pdf"),
            "a plain paper {shown} in the public output"
        );
        let text = if path.extension().is_some_and(|e| e == "pdf") {
            pdftotext(&out.join(&path))
        } else {
            String::from_utf8_lossy(&bytes).to_string()
        };
        for r in &all {
            assert!(
                !text.contains(&r["身份证号"]),
                "full ID in {}",
                path.display()
            );
            assert!(!text.contains(&r["手机号"]), "phone in {}", path.display());
        }
        assert!(!text.contains(TEST_KEY), "the key is in {}", path.display());
    }
}

#[test]
fn the_qr_code_carries_the_verification_code_and_verify_accepts_only_the_genuine() {
    let site = example_2024_site();
    let out = build(site.path());
    let mut all = rows(site.path());
    let r = all[5].clone();
    let pdf = receipt_of(site.path(), &r);
    assert!(published(&out, &r).1.is_some());
    let code = code_in(&pdftotext(&pdf));
    assert_eq!(code.len(), 24, "{code}");

    let content = qr_text(&pdf);
    assert!(content.ends_with(&format!("\n验证码:{code}")), "{content}");
    // The code is an image mask: a phone's viewer reads it as poppler does.
    for texts in qr_texts_in_pdfium(&pdf) {
        assert_eq!(texts, std::slice::from_ref(&content));
    }

    let verify = |code: &str, id: &str| gazette(&["verify", code, "--id", id], site.path());
    let ok = verify(&code, &r["身份证号"]);
    let said = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        said.starts_with("genuine") && said.contains(&r["姓名"]),
        "{said}"
    );
    // Typed loosely: lower case, no dashes.
    assert!(
        verify(&code.replace('-', "").to_lowercase(), &r["身份证号"])
            .status
            .success()
    );

    // A changed code, another candidate's ID, an unknown ID.
    let mut forged = code.clone().into_bytes();
    forged[0] = if forged[0] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();
    let bad = verify(&forged, &r["身份证号"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).starts_with("NOT genuine"));
    assert_eq!(verify(&code, &all[6]["身份证号"]).status.code(), Some(1));
    let unknown = verify(&code, "11010519491231002X");
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stdout).contains("no candidate"));

    // A changed fact: the receipt no longer matches the registered facts.
    let headers = headers(site.path());
    all[5].insert("专业".into(), "护理".into());
    write_rows_ordered(site.path(), &headers, &all);
    let changed = verify(&code, &r["身份证号"]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&changed.stdout).starts_with("NOT genuine"));

    // Without the key there is no verdict, and no key file is made.
    let home = tempfile::tempdir().unwrap();
    let nokey = crate::common::english(env!("CARGO_BIN_EXE_gazette"))
        .args(["verify", &code, "--id", &r["身份证号"]])
        .current_dir(site.path())
        .env_remove("GAZETTE_RECEIPT_KEY")
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(nokey.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nokey.stderr).contains("no receipt key"));
    assert!(!home.path().join("gazette").exists());
}

#[test]
fn each_college_form_has_one_page_per_exempt_candidate_in_registration_order() {
    let site = example_2024_site();
    let out = build(site.path());
    let private = site.path().join("private");
    let mut expected: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in rows(site.path()) {
        if EXEMPT.contains(&r["报考类别"].as_str()) && r["审核结果"] != "不通过" {
            expected
                .entry(r["院校"].clone())
                .or_default()
                .push((r["报名号"].clone(), r["姓名"].clone()));
        }
    }
    assert!(
        expected.len() > 3,
        "the example has exempt candidates in several colleges"
    );
    // The colleges' forms in the private folder, one file each; only the
    // blank form is published.
    let listed = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect()
    };
    let want: BTreeSet<String> = expected.keys().map(|c| format!("{c}.pdf")).collect();
    assert_eq!(listed(&private.join("2024/forms")), want);
    assert_eq!(
        listed(&out.join("2024/forms")),
        BTreeSet::from(["blank.pdf".to_string()])
    );
    for (college, mut people) in expected {
        people.sort();
        let pdf = private.join(format!("2024/forms/{college}.pdf"));
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(
            info.contains(&format!("Pages:           {}\n", people.len())),
            "{college}: {info}"
        );
        for (i, (number, name)) in people.iter().enumerate() {
            let p = (i + 1).to_string();
            let page = squash(&tool(
                "pdftotext",
                &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
            ));
            assert!(
                page.contains(&squash(name)) && page.contains(number),
                "{college} p{p}: {page}"
            );
            assert!(page.contains("推荐学校意见") && page.contains("省级审核意见"));
        }
    }
    // The blank form: one page per exempt category, each with its own section.
    let blank = out.join("2024/forms/blank.pdf");
    assert!(tool("pdfinfo", &[blank.to_str().unwrap()]).contains("Pages:           3\n"));
    let text = squash(&pdftotext(&blank));
    for field in ["入伍时间", "退役证编号", "竞赛名称", "获奖等级", "入选年度"]
    {
        assert!(text.contains(field), "{field} not on the blank form");
    }
}

#[test]
fn photos_fill_the_box_and_a_broken_photo_is_a_clear_error() {
    let site = example_2024_site();
    let out = build(site.path());
    let private = site.path().join("private");
    // The example has a photo for 陶雅 (湖南机电职业技术学院, JPEG).
    let pdf = private.join("2024/forms/湖南机电职业技术学院.pdf");
    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert_eq!(images.lines().skip(2).count(), 1, "{images}");
    assert!(images.contains("jpeg"), "{images}");
    // That JPEG fits the photo box (413 × 295 px): it goes in byte for byte.
    let jpeg = std::fs::read(
        site.path()
            .join("content/2024/photos/43090220010109819X.jpg"),
    )
    .unwrap();
    let form = std::fs::read(&pdf).unwrap();
    assert!(
        form.windows(jpeg.len()).any(|w| w == jpeg),
        "the small JPEG was re-encoded"
    );

    let before = (files_under(&out), files_under(&private));
    let id = rows(site.path())
        .into_iter()
        .find(|r| r["姓名"] == "吕浩")
        .unwrap()["身份证号"]
        .clone();
    let bad = site.path().join(format!("content/2024/photos/{id}.jpg"));
    std::fs::write(&bad, b"not a picture").unwrap();
    let run = gazette(&["build"], site.path());
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("content/2024/photos"), "{err}");
    assert!(
        err.contains(&format!("{}********{}.jpg` of 吕浩", &id[..6], &id[14..])),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(
        (files_under(&out), files_under(&private)) == before,
        "a failed build leaves the output and the private folder as they were"
    );
}

/// A camera-sized JPEG (3000 × 4000 px, several megabytes): smooth
/// gradients with fine stripes, so it neither compresses to nothing nor
/// averages to one grey.
fn camera_photo() -> Vec<u8> {
    let (w, h) = (3000u32, 4000u32);
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let stripe = if (x / 7 + y / 5) % 2 == 0 { 40 } else { 0 };
            rgb.extend([
                (x * 200 / w + stripe) as u8,
                (y * 200 / h + stripe) as u8,
                ((x ^ y) % 256) as u8,
            ]);
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 95)
        .encode(&rgb, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

#[test]
fn a_camera_photo_is_shrunk_to_the_box_and_the_form_stays_small() {
    let site = example_2024_site();
    // 陶雅's photo (湖南机电职业技术学院) becomes a 12-megapixel one.
    let big = camera_photo();
    assert!(big.len() > 2_000_000, "{}", big.len());
    let photo = site
        .path()
        .join("content/2024/photos/43090220010109819X.jpg");
    std::fs::write(&photo, &big).unwrap();
    let form = |dir: &str| {
        let private = format!("{dir}-private");
        let run = gazette(
            &["build", "--output", dir, "--private", &private],
            site.path(),
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        site.path()
            .join(private)
            .join("2024/forms/湖南机电职业技术学院.pdf")
    };
    let (a, b) = (form("a"), form("b"));
    let images = tool("pdfimages", &["-list", a.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = images
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 1, "{images}");
    // page num type width height color comp bpc enc ...
    let (w, h): (u32, u32) = (rows[0][3].parse().unwrap(), rows[0][4].parse().unwrap());
    // 3000 × 4000 scaled by 531/4000 to fit 413 × 531.
    assert_eq!((w, h), (398, 531), "{images}");
    assert_eq!((rows[0][5], rows[0][8]), ("rgb", "jpeg"), "{images}");
    let (pa, pb) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(pa.len() < 300_000, "the form is {} bytes", pa.len());
    assert!(pa == pb, "two builds of the form differ");
}

#[test]
fn a_name_outside_the_body_font_falls_back_and_extracts() {
    let site = example_2024_site();
    // FandolSong first: it lacks 喆 and 堃, which Noto Serif CJK has.
    let cfg = std::fs::read_to_string(site.path().join("gazette.yaml")).unwrap();
    std::fs::write(
        site.path().join("gazette.yaml"),
        format!("{cfg}\nfonts:\n  page_number: [FandolSong, Noto Serif CJK SC]\n"),
    )
    .unwrap();
    let headers = headers(site.path());
    let mut all = rows(site.path());
    all[0].insert("姓名".into(), "王喆堃".into());
    write_rows_ordered(site.path(), &headers, &all);
    build(site.path());
    let pdf = receipt_of(site.path(), &all[0]);
    assert!(squash(&pdftotext(&pdf)).contains("王喆堃"));
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(
        fonts.contains("FandolSong") && fonts.contains("NotoSerifCJK"),
        "{fonts}"
    );
}

#[test]
fn builds_are_byte_identical_and_shards_make_up_the_whole() {
    let site = example_2024_site();
    // Published papers under `pub/`, private ones under `staff/`.
    let full = |dir: &str, extra: &[&str]| {
        let private = format!("{dir}-private");
        let mut args = vec!["build", "--output", dir, "--private", &private];
        args.extend_from_slice(extra);
        let out = gazette(&args, site.path());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut all = BTreeMap::new();
        for (side, folder) in [("pub", dir), ("staff", private.as_str())] {
            for (p, b) in papers(&files_under(&site.path().join(folder))) {
                all.insert(PathBuf::from(side).join(p), b);
            }
        }
        all
    };
    let a = full("a", &[]);
    let b = full("b", &[]);
    assert!(a.len() > 130, "{}", a.len());
    assert!(a == b, "two builds differ");

    let one = full("s1", &["--shard", "1/2"]);
    let two = full("s2", &["--shard", "2/2"]);
    assert!(!one.is_empty() && !two.is_empty());
    // Both shards carry the blank form; everything else is in exactly one.
    let blank = PathBuf::from("pub/2024/forms/blank.pdf");
    for p in one.keys() {
        assert!(
            p == &blank || !two.contains_key(p),
            "{} in both shards",
            p.display()
        );
    }
    let mut union = one.clone();
    union.extend(two);
    assert!(union == a, "the shards together are not the whole build");

    let bad = gazette(&["build", "--shard", "3/2"], site.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("I must be between 1 and N"));
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).unwrap().ino()
}

#[cfg(unix)]
#[test]
fn a_rebuild_after_one_change_makes_only_that_receipt_and_form() {
    let site = example_2024_site();
    let out = build(site.path());
    let private = site.path().join("private");
    let headers = headers(site.path());
    let mut all = rows(site.path());
    let who = all.iter().position(|r| r["姓名"] == "吕浩").unwrap();
    let other = all.iter().position(|r| r["姓名"] == "刘轩").unwrap();
    let (changed, untouched) = (
        receipt_of(site.path(), &all[who]),
        receipt_of(site.path(), &all[other]),
    );
    let (changed_pub, untouched_pub) =
        (published(&out, &all[who]).0, published(&out, &all[other]).0);
    let college = private.join(format!("2024/forms/{}.pdf", all[who]["院校"]));
    let inodes = |paths: &[&Path]| paths.iter().map(|p| inode(p)).collect::<Vec<_>>();
    let before = inodes(&[&changed, &changed_pub, &untouched, &untouched_pub, &college]);

    // Nothing changed: nothing is made or derived again.
    let again = gazette(&["build"], site.path());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("0 made, 70 unchanged"), "{err}");
    assert!(err.contains("0 derived in 0.0 CPU s"), "{err}");
    assert!(err.contains("60 reused"), "{err}");

    all[who].insert("专业".into(), "汽车检测与维修技术".into());
    write_rows_ordered(site.path(), &headers, &all);
    let run = gazette(&["build"], site.path());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("60 receipts and 10 college forms: 2 made, 68 unchanged"),
        "{err}"
    );
    assert!(
        err.contains("0 derived"),
        "a new major needs no new key: {err}"
    );
    let after = inodes(&[&changed, &changed_pub, &untouched, &untouched_pub, &college]);
    for i in [0, 1, 4] {
        assert_ne!(after[i], before[i], "paper {i} was not made again");
    }
    assert_eq!(
        after[2..4],
        before[2..4],
        "an unchanged receipt was rewritten"
    );
    assert!(squash(&pdftotext(&changed)).contains("汽车检测与维修技术"));
    assert_eq!(
        published(&out, &all[who]).1.unwrap(),
        std::fs::read(&changed).unwrap()
    );

    // A new phone number: a new key and name; the old name is gone.
    all[who].insert("手机号".into(), "13912345678".into());
    write_rows_ordered(site.path(), &headers, &all);
    let run = gazette(&["build"], site.path());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("1 derived"), "{err}");
    assert!(err.contains("59 reused"), "{err}");
    assert!(!changed_pub.exists());
    assert!(published(&out, &all[who]).1.is_some());

    // The manifest lists receipt names: it is in the private folder only.
    assert!(private.join("manifest.json").is_file());
    assert!(!site.path().join(".output.manifest.json").exists());
    assert!(!files_under(&out)
        .keys()
        .any(|p| p.to_string_lossy().contains("manifest")));
}

#[test]
fn the_key_is_made_on_first_use_outside_the_site_and_refused_inside_it() {
    let site = example_2024_site();
    let home = tempfile::tempdir().unwrap();
    let run = |site: &Path| {
        crate::common::english(env!("CARGO_BIN_EXE_gazette"))
            .args(["build"])
            .current_dir(site)
            .env_remove("GAZETTE_RECEIPT_KEY")
            .env("XDG_CONFIG_HOME", home.path())
            .output()
            .unwrap()
    };
    let first = run(site.path());
    let err = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{err}");
    let key = home.path().join("gazette/receipt-key");
    assert!(
        err.contains(&format!("created the receipt key {}", key.display())),
        "{err}"
    );
    let hex = std::fs::read_to_string(&key).unwrap();
    assert_eq!(hex.trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the key file is readable by others");
    }
    let out = site.path().join("output");
    let mut written = files_under(&out);
    written.extend(files_under(&site.path().join("private")));
    for (path, bytes) in written {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(hex.trim()),
            "the key is in {}",
            path.display()
        );
    }
    // The second build uses it and says nothing of it.
    let second = run(site.path());
    assert!(!String::from_utf8_lossy(&second.stderr).contains("created the receipt key"));
    assert_eq!(std::fs::read_to_string(&key).unwrap(), hex);

    let cfg = std::fs::read_to_string(site.path().join("gazette.yaml")).unwrap();
    std::fs::write(
        site.path().join("gazette.yaml"),
        format!("{cfg}\nreceipts:\n  key_file: secret/receipt.key\n"),
    )
    .unwrap();
    let inside = run(site.path());
    let err = String::from_utf8_lossy(&inside.stderr);
    assert_ne!(inside.status.code(), Some(0));
    assert!(err.contains("inside the site"), "{err}");
    assert!(!site.path().join("secret/receipt.key").exists());
}

#[test]
fn staff_templates_change_the_wording_without_recompiling() {
    let site = example_2024_site();
    let builtin = std::fs::read_to_string(repo().join("templates/receipt.yaml")).unwrap();
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/receipt.yaml"),
        builtin.replace("}}报名回执\"", "}}报名确认单\""),
    )
    .unwrap();
    build(site.path());
    let r = &rows(site.path())[0];
    assert!(squash(&pdftotext(&receipt_of(site.path(), r))).contains("考试报名确认单"));

    // A template that writes a broken layout names itself.
    std::fs::write(
        site.path().join("templates/receipt.yaml"),
        builtin.replace("widths: [26, 61, 26, 61]", "widths: twenty"),
    )
    .unwrap();
    let run = gazette(&["build"], site.path());
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("templates/receipt.yaml"), "{err}");
    assert_eq!(
        err.matches("wrote a layout that is not valid").count(),
        1,
        "{err}"
    );
}

/// A papers problem read in Chinese: the same code, file, position and exit
/// status as in English; the text is the Chinese catalog's.
#[test]
fn a_papers_error_speaks_chinese_with_the_same_code_and_place() {
    use gazette::i18n::{text_in, Lang};
    let site = example_2024_site();
    let list = site.path().join("content/2024/candidates.yaml");
    let text = std::fs::read_to_string(&list).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.contains("registration_number"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, text);
    std::fs::write(&list, without).unwrap();
    let run = |args: &[&str], lang: &str| {
        let mut all = args.to_vec();
        all.extend(["--root", ".", "--lang", lang]);
        gazette(&all, site.path())
    };
    let json = |lang: &str| {
        let out = run(&["check", "--format", "json"], lang);
        assert_eq!(out.status.code(), Some(1), "check --lang {lang}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"][0].clone()
    };
    let (en, zh) = (json("en"), json("zh"));
    for field in ["code", "file", "line", "column", "severity"] {
        assert_eq!(en[field], zh[field], "{field} differs");
    }
    assert_eq!(zh["code"], "papers-registration-missing");
    assert_eq!(
        zh["message"],
        text_in(Lang::Zh, "papers-registration-missing", &[])
    );
    assert!(zh["message"].as_str().unwrap().contains("报名号"));
    assert_eq!(
        en["message"],
        text_in(Lang::En, "papers-registration-missing", &[])
    );
    // The build stops the same way in both languages, with the Chinese text.
    let (b_en, b_zh) = (run(&["build"], "en"), run(&["build"], "zh"));
    assert_eq!(b_en.status.code(), Some(1));
    assert_eq!(b_zh.status.code(), b_en.status.code());
    let err = String::from_utf8_lossy(&b_zh.stderr);
    assert!(
        err.contains("生成回执需要每名考生的报名号\n  --> content/2024/candidates.yaml\n"),
        "{err}"
    );
    assert!(!site.path().join("output").exists());
}
