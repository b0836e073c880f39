//! The PDF files themselves, as a strict reader sees them: every PDF a
//! build writes (the notice, the 公示 lists, receipts, blank and filled
//! forms) passes `qpdf --check`, and keeps its dictionaries in a compressed
//! object stream indexed by a cross-reference stream (PDF 1.5), which is
//! what keeps a receipt small.

use crate::common::*;

#[test]
fn every_pdf_passes_qpdf_and_packs_its_dictionaries() {
    let site = example_2024_site();
    let out = build(site.path());
    let private = site.path().join("private");
    let pdfs: Vec<_> = [&out, &private]
        .into_iter()
        .flat_map(|dir| files_under(dir).into_keys().map(move |p| dir.join(p)))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    for kind in ["notice.pdf", "receipts", "forms", "publicity"] {
        assert!(
            pdfs.iter().any(|p| p.to_string_lossy().contains(kind)),
            "no {kind} among {pdfs:?}"
        );
    }
    for pdf in &pdfs {
        let name = pdf.to_str().unwrap();
        let check = tool("qpdf", &["--check", name]);
        assert!(
            check.contains("No syntax or stream encoding errors found"),
            "{name}: {check}"
        );
        let bytes = std::fs::read(pdf).unwrap();
        let has = |s: &[u8]| bytes.windows(s.len()).any(|w| w == s);
        assert!(has(b"/Type/ObjStm") && has(b"/Type/XRef"), "{name}");
        // No dictionary outside the object stream but the streams' own.
        assert!(!has(b"/Type /Font") && !has(b"\nxref\n"), "{name}");
        let info = tool("pdfinfo", &[name]);
        assert!(info.contains("PDF version:     1.7"), "{name}: {info}");
    }
}
