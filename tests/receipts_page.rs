//! The candidates' receipt page in headless Chromium, over HTTP from a
//! plain static server (as a real web server would publish `output/`):
//! the right ID number and name download the receipt, a wrong pair is
//! refused plainly, and a mistyped ID number is caught before any request.

mod common;

#[path = "common/browser.rs"]
mod browser;

use browser::Browser;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Serves files under `root`, 404 for anything else (no listings); records
/// the paths asked for.
fn serve(root: PathBuf) -> (String, Arc<Mutex<Vec<String>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind");
    let port = server.server_addr().to_ip().expect("ip").port();
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let path = req.url().split('?').next().unwrap_or("").to_string();
            log.lock().unwrap().push(path.clone());
            let rel = path.trim_start_matches('/');
            let file = root.join(rel);
            let safe = !rel.split('/').any(|p| p == ".." || p.is_empty());
            let _ = match std::fs::read(&file) {
                Ok(bytes) if safe && file.is_file() => {
                    let kind = match file.extension().and_then(|e| e.to_str()) {
                        Some("html") => "text/html; charset=utf-8",
                        Some("js") => "text/javascript",
                        Some("css") => "text/css",
                        Some("pdf") => "application/pdf",
                        _ => "application/octet-stream",
                    };
                    let header =
                        tiny_http::Header::from_bytes(&b"Content-Type"[..], kind.as_bytes())
                            .expect("header");
                    req.respond(tiny_http::Response::from_data(bytes).with_header(header))
                }
                _ => {
                    req.respond(tiny_http::Response::from_string("not found").with_status_code(404))
                }
            };
        }
    });
    (format!("http://127.0.0.1:{port}"), asked)
}

fn candidate(site: &Path, n: usize) -> (String, String) {
    let mut r = csv::Reader::from_path(site.join("content/2024/candidates.csv")).unwrap();
    let rec = r.records().nth(n).unwrap().unwrap();
    (rec[2].to_string(), rec[0].to_string())
}

fn status(b: &mut Browser) -> String {
    b.eval("document.getElementById('receipt-status').textContent")
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn ask(b: &mut Browser, id: &str, name: &str) {
    b.clear("#receipt-id").unwrap();
    b.type_into("#receipt-id", id).unwrap();
    b.clear("#receipt-name").unwrap();
    b.type_into("#receipt-name", name).unwrap();
    b.click("#receipt-form button").unwrap();
}

#[test]
fn the_receipt_page_downloads_the_right_receipt_and_refuses_a_wrong_pair() {
    let site = example_2024_site();
    let out = build(site.path());
    let (base, asked) = serve(out.clone());
    let (id, name) = candidate(site.path(), 3);

    let mut b = Browser::launch().expect("launch chromium");
    let downloads = tempfile::tempdir().unwrap();
    b.set_download_dir(downloads.path()).unwrap();
    b.goto(&format!("{base}/2024/receipts/index.html")).unwrap();

    // The right pair, typed as candidates do: lower-case x, spaces around.
    ask(
        &mut b,
        &format!(" {} ", id.to_lowercase()),
        &format!("{name} "),
    );
    let file = match b.wait_for_download(10_000) {
        Ok(f) => f,
        Err(e) => panic!("no download ({e}); the page says: {}", status(&mut b)),
    };
    let got = std::fs::read(&file).unwrap();
    let mut want = None;
    for e in std::fs::read_dir(out.join("2024/receipts")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "pdf") && std::fs::read(&p).unwrap() == got {
            want = Some(p);
        }
    }
    let want = want.expect("the download is one of the receipts");
    assert!(
        squash(&pdftotext(&want)).contains(&squash(&name)),
        "another candidate's receipt"
    );
    assert!(status(&mut b).contains("已找到"), "{}", status(&mut b));

    // The right ID with another name: refused, nothing downloaded.
    let before = std::fs::read_dir(downloads.path()).unwrap().count();
    ask(&mut b, &id, "张三");
    b.wait_for(
        "document.getElementById('receipt-status').textContent.includes('没有找到')",
        5_000,
    )
    .unwrap_or_else(|e| panic!("{e}: {}", status(&mut b)));
    assert!(b
        .eval("document.getElementById('receipt-link').hidden")
        .unwrap()
        .as_bool()
        .unwrap());
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(std::fs::read_dir(downloads.path()).unwrap().count(), before);

    // A wrong check digit is caught in the page, without a request.
    let n = asked.lock().unwrap().len();
    let last = id.chars().last().unwrap();
    let wrong = format!("{}{}", &id[..17], if last == '0' { '1' } else { '0' });
    ask(&mut b, &wrong, &name);
    b.wait_for(
        "document.getElementById('receipt-status').textContent.includes('校验位')",
        5_000,
    )
    .unwrap_or_else(|e| panic!("{e}: {}", status(&mut b)));
    assert_eq!(
        asked.lock().unwrap().len(),
        n,
        "a request for a mistyped ID"
    );
    // The ID number and name never travel: only token file names are asked for.
    for p in asked.lock().unwrap().iter() {
        assert!(!p.contains(&id[..14]) && !p.contains(&name), "{p}");
    }
}
