//! `notice.ofd` read back by independent readers from PyPI: ofdkit
//! extracts the text of every page in the order of the PDF's, ofd2img
//! draws every page like the PDF (pixel difference below a threshold),
//! the package's structure holds, its fonts are the PDF's font programs;
//! rebuilds are byte-identical, `--only html` skips it, the notice page
//! links it and `gazette serve` serves it.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const READER: &str = "tests/common/ofd_read.py";

fn built() -> &'static PathBuf {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let site = scratch("ofd-site");
        copy_dir(&repo().join("content"), &site.join("content"));
        std::fs::copy(repo().join("gazette.yaml"), site.join("gazette.yaml")).expect("config");
        build(&site)
    })
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The Python reader helper; stdout, or a panic naming what to install.
fn reader(args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(repo().join(READER))
        .args(args)
        .output()
        .expect("python3 is needed for this test");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the OFD reader failed (pip install ofdkit ofd2img):\n{stderr}"
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn ofdkit_reads_the_text_of_every_page_as_the_pdf_has_it() {
    let out = built();
    let ofd = out.join("2024/notice.ofd");
    let read: serde_json::Value =
        serde_json::from_str(&reader(&["text", ofd.to_str().unwrap()])).expect("json");
    assert_eq!(read["warnings"], serde_json::json!([]));
    // In the order the PDF draws its text (both files are written from the
    // same pages): gazette's own PDF text reader, which reads the content
    // streams in order and is itself checked against pdftotext
    // (tests/guard.rs). pdftotext, even with -raw, joins the lines of
    // neighbouring table cells that share a baseline.
    let pdf = gazette::privacy::pdf::text(
        &std::fs::read(out.join("2024/notice.pdf")).unwrap(),
        &gazette::privacy::pdf::CMapCache::default(),
    );
    // The pages' text comes first, each ended by a form feed; the strings
    // of the PDF's dictionaries follow the last one.
    let pages = pdf.rsplit_once('\u{c}').map_or("", |(pages, _)| pages);
    let pdf_pages: Vec<&str> = pages
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let ofd_pages = read["pages"].as_array().expect("pages");
    assert_eq!(ofd_pages.len(), pdf_pages.len(), "page count");
    for (i, (o, p)) in ofd_pages.iter().zip(&pdf_pages).enumerate() {
        assert_eq!(squash(o.as_str().unwrap()), squash(p), "page {}", i + 1);
    }
    let info = &read["info"];
    assert_eq!(info["author"], "湖南省教育考试院");
    assert_eq!(info["subject"], "湘教考成字〔2024〕1号");
    assert!(info["title"].as_str().unwrap().contains("专升本"));
    // The date the PDF carries, without a clock time.
    let pdf_path = out.join("2024/notice.pdf");
    let pdfinfo = tool("pdfinfo", &["-isodates", pdf_path.to_str().unwrap()]);
    let created = pdfinfo
        .lines()
        .find_map(|l| l.strip_prefix("CreationDate:"))
        .expect("the PDF has a creation date")
        .trim();
    assert_eq!(info["creation_date"].as_str().unwrap(), &created[..10]);
    assert_eq!(info["doc_id"].as_str().unwrap().len(), 32);
}

#[test]
fn the_package_structure_holds() {
    for year in ["2023", "2024"] {
        let ofd = built().join(year).join("notice.ofd");
        let ok = reader(&["check", ofd.to_str().unwrap()]);
        assert!(ok.starts_with("ok "), "{ok}");
    }
}

/// The OFD embeds the very font programs the PDF does (the subsets are cut
/// and compressed once, for both files), made whole font files whose
/// checksums fontTools verifies.
#[test]
fn the_fonts_are_the_pdfs_font_programs() {
    let out = built();
    let ofd = out.join("2024/notice.ofd");
    let pdf = out.join("2024/notice.pdf");
    let ok = reader(&["fonts", ofd.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert_eq!(ok.trim(), "ok 5", "the 2024 notice draws with five faces");
}

/// A page rendered to grey pixels at 100 dpi, blurred 3 × 3.
fn pixels(pdf: &Path, page: usize, dir: &Path) -> (u32, u32, Vec<f32>) {
    let n = page.to_string();
    std::fs::create_dir_all(dir).expect("dir");
    let prefix = dir.join(format!("p{page}"));
    tool(
        "pdftoppm",
        &[
            "-gray",
            "-scale-to-x",
            "827",
            "-scale-to-y",
            "1169",
            "-f",
            &n,
            "-l",
            &n,
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let (w, h, _, grey) = read_pnm(&std::fs::read(prefix.with_extension("pgm")).expect("pgm"));
    let at = |x: i64, y: i64| {
        let (x, y) = (
            x.clamp(0, w as i64 - 1) as u32,
            y.clamp(0, h as i64 - 1) as u32,
        );
        grey[(y * w + x) as usize] as f32
    };
    let mut out = Vec::with_capacity((w * h) as usize);
    for y in 0..h as i64 {
        for x in 0..w as i64 {
            let sum: f32 = (-1..=1)
                .flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)))
                .map(|(dx, dy)| at(x + dx, y + dy))
                .sum();
            out.push(sum / 9.0);
        }
    }
    (w, h, out)
}

/// The share of pixels whose grey differs by more than a quarter of the range.
fn differing(a: &[f32], b: &[f32]) -> f64 {
    let n = a
        .iter()
        .zip(b)
        .filter(|(x, y)| (*x - *y).abs() > 64.0)
        .count();
    n as f64 / a.len() as f64
}

/// Every page as ofd2img draws it against the same page of the PDF, both
/// rasterised by pdftoppm at 100 dpi and blurred 3 × 3 (a one-pixel shift
/// of an edge then moves grey by a third, not all of it). Below 0.2% of a
/// page's pixels may differ by more than a quarter of the grey range. The
/// two draw the same outlines at the same positions; what is left is
/// antialiasing of the quadratic outlines ofd2img needs and reportlab's
/// rounding of positions: 0.03% on the worst page of the example.
/// Neighbouring pages of the notice (same layout, other text) differ in
/// 6.4-8.7% of their pixels, and the test checks the measure sees that.
#[test]
fn ofd2img_draws_every_page_as_the_pdf() {
    let out = built();
    let dir = scratch("ofd-render");
    let drawn = dir.join("ofd2img.pdf");
    reader(&[
        "render",
        out.join("2024/notice.ofd").to_str().unwrap(),
        drawn.to_str().unwrap(),
    ]);
    let pdf = out.join("2024/notice.pdf");
    let count = |p: &Path| {
        let info = tool("pdfinfo", &[p.to_str().unwrap()]);
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .expect("page count")
    };
    let pages = count(&pdf);
    assert_eq!(count(&drawn), pages);
    let mut previous: Option<Vec<f32>> = None;
    for page in 1..=pages {
        let (w, h, ours) = pixels(&drawn, page, &dir.join("ofd"));
        let (w2, h2, theirs) = pixels(&pdf, page, &dir.join("pdf"));
        assert_eq!((w, h), (w2, h2));
        let d = differing(&ours, &theirs);
        eprintln!("page {page}: {:.4}% of pixels differ", d * 100.0);
        assert!(d < 0.002, "page {page}: {:.3}% of pixels differ", d * 100.0);
        if let Some(prev) = &previous {
            let other = differing(prev, &theirs);
            eprintln!(
                "page {page} against page {}: {:.2}%",
                page - 1,
                other * 100.0
            );
            assert!(
                other > 0.01,
                "page {page} barely differs from the one before: {other}"
            );
        }
        previous = Some(ours);
    }
}

#[test]
fn rebuilds_are_byte_identical_only_html_skips_it_and_the_page_links_it() {
    let first = std::fs::read(built().join("2024/notice.ofd")).unwrap();
    let site = example_site();
    let again = build(site.path());
    assert!(
        std::fs::read(again.join("2024/notice.ofd")).unwrap() == first,
        "rebuild differs"
    );
    let html = std::fs::read_to_string(again.join("2024/notice.html")).unwrap();
    assert!(
        html.contains(r#"href="notice.ofd""#),
        "notice page has no OFD link"
    );
    let out = gazette(
        &["build", "--root", ".", "--only", "html", "--output", "web"],
        site.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site.path().join("web/2024/notice.ofd").exists());
    assert!(site.path().join("web/2024/notice.html").exists());
}

/// `gazette serve` serves the OFD its first build made, typed as OFD.
#[test]
fn serve_serves_the_ofd() {
    let out = built();
    let site = out.parent().unwrap();
    let (head, body) = serve_get(site, "/2024/notice.ofd");
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-type: application/ofd"), "{head}");
    let built = std::fs::read(out.join("2024/notice.ofd")).unwrap();
    assert!(body == built, "served file differs from the build's");
}
