//! What the receipt tests share: the example's candidate rows and the QR
//! code read back from a receipt as a phone's scanner would.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::tool;

/// One row of the example's candidates.csv, by column header.
pub type Row = BTreeMap<String, String>;

pub fn rows(site: &Path) -> Vec<Row> {
    let mut r = csv::Reader::from_path(site.join("content/2024/candidates.csv")).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The text of the one QR code on the PDF's first page, drawn by poppler
/// at print (200 dpi) and screen (96 dpi) resolutions and decoded with
/// rqrr: both must give the same text.
pub fn qr_text(pdf: &Path) -> String {
    let print = qr_text_at(pdf, 200);
    assert_eq!(
        qr_text_at(pdf, 96),
        print,
        "the code read at 96 and 200 dpi"
    );
    print
}

/// The texts of the QR codes on the PDF's first page as a phone's viewer
/// draws them: pdfium (Chrome's and Android's PDF renderer, through
/// pypdfium2) at 72, 96 and 300 dpi, read by zxing-cpp; one list a
/// resolution.
pub fn qr_texts_in_pdfium(pdf: &Path) -> Vec<Vec<String>> {
    let script = r#"
import json, sys
import pypdfium2, zxingcpp
page = pypdfium2.PdfDocument(sys.argv[1])[0]
# The bytes: with no ECI in the code, zxing reads them as ISO 8859-1.
print(json.dumps([[r.bytes.decode() for r in zxingcpp.read_barcodes(page.render(scale=d / 72).to_pil())]
                  for d in (72, 96, 300)]))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, pdf.to_str().unwrap()])
        .output()
        .expect("python3 is needed for this test");
    assert!(
        out.status.success(),
        "pypdfium2 and zxing-cpp are needed (pip install pypdfium2 zxing-cpp): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON list")
}

fn qr_text_at(pdf: &Path, dpi: u32) -> String {
    let png = tempfile::tempdir().unwrap();
    let prefix = png.path().join("page");
    tool(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            &dpi.to_string(),
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let (w, h, _, px) = super::read_pnm(&std::fs::read(png.path().join("page.pgm")).unwrap());
    let (w, h) = (w as usize, h as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| px[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the receipt at {dpi} dpi");
    grids[0]
        .decode()
        .unwrap_or_else(|e| panic!("the QR code decodes at {dpi} dpi: {e}"))
        .1
}
