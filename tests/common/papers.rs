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
