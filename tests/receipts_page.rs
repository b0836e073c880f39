//! The candidates' receipt page in headless Chromium, over HTTP from a
//! plain static server (as a real web server would publish `output/`):
//! the right ID number, name and phone find the encrypted receipt and
//! decrypt it to the staff copy, byte for byte; a wrong phone or name is
//! refused plainly with nothing decrypted; a mistyped ID number is caught
//! before any request; and nothing typed ever reaches the server.

use crate::common::browser::Browser;
use crate::common::static_http::StaticServer;
use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

fn candidate(site: &Path, n: usize) -> BTreeMap<String, String> {
    let mut r = csv::Reader::from_path(site.join("content/2024/candidates.csv")).unwrap();
    let headers = r.headers().unwrap().clone();
    let rec = r.records().nth(n).unwrap().unwrap();
    headers
        .iter()
        .zip(rec.iter())
        .map(|(h, v)| (h.to_string(), v.to_string()))
        .collect()
}

fn status(b: &mut Browser) -> String {
    b.eval("document.getElementById('receipt-status').textContent")
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn ask(b: &mut Browser, id: &str, name: &str, phone: &str) {
    for (field, value) in [
        ("#receipt-id", id),
        ("#receipt-name", name),
        ("#receipt-phone", phone),
    ] {
        b.clear(field).unwrap();
        b.type_into(field, value).unwrap();
    }
    b.click("#receipt-form button").unwrap();
}

fn refused(b: &mut Browser, downloads: &Path) {
    let before = std::fs::read_dir(downloads).unwrap().count();
    b.wait_for(
        "document.getElementById('receipt-status').textContent.includes('没有找到')",
        20_000,
    )
    .unwrap_or_else(|e| panic!("{e}: {}", status(b)));
    assert!(b
        .eval("document.getElementById('receipt-link').hidden")
        .unwrap()
        .as_bool()
        .unwrap());
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(std::fs::read_dir(downloads).unwrap().count(), before);
}

/// Full-width digits and letters, as a Chinese input method types them.
fn wide(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                char::from_u32(c as u32 + 0xfee0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

/// Percent-encoded UTF-8, as a name would travel in a URL.
fn percent(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[test]
fn the_receipt_page_decrypts_the_right_receipt_and_refuses_a_wrong_secret() {
    let site = example_2024_site();
    let out = build(site.path());
    let server = StaticServer::start(out.clone());
    let c = candidate(site.path(), 3);
    let (id, name, phone) = (&c["身份证号"], &c["姓名"], &c["手机号"]);
    let staff = site
        .path()
        .join(format!("private/2024/receipts/{}.pdf", c["报名号"]));

    let mut b = Browser::launch().expect("launch chromium");
    let downloads = tempfile::tempdir().unwrap();
    b.set_download_dir(downloads.path()).unwrap();
    b.goto(&format!("{}/2024/receipts/index.html", server.base))
        .unwrap();

    // What one derivation costs this browser, with the page's work factor.
    let ms = b
        .eval(
            "(async () => { const f = document.getElementById('receipt-form'); const e = new TextEncoder();
               const k = await crypto.subtle.importKey('raw', e.encode('x'), 'PBKDF2', false, ['deriveBits']);
               const t = performance.now();
               await crypto.subtle.deriveBits({name: 'PBKDF2', hash: 'SHA-256', salt: e.encode(f.dataset.salt),
                 iterations: +f.dataset.iterations}, k, 256);
               return performance.now() - t; })()",
        )
        .unwrap();
    eprintln!("Web Crypto PBKDF2 in Chromium: {ms} ms per derivation");

    // The right secret, typed as candidates do: full-width digits, a
    // lower-case x, spaces around, the phone with +86 and spaces.
    let typed_id = format!(" {} ", wide(&id.to_lowercase()));
    let typed_phone = format!("+86 {} {} {}", &phone[..3], &phone[3..7], &phone[7..]);
    ask(&mut b, &typed_id, &format!("{name} "), &typed_phone);
    let file = match b.wait_for_download(30_000) {
        Ok(f) => f,
        Err(e) => panic!("no download ({e}); the page says: {}", status(&mut b)),
    };
    let got = std::fs::read(&file).unwrap();
    assert!(
        got == std::fs::read(&staff).unwrap(),
        "the download is not the staff copy of the receipt"
    );
    assert!(squash(&pdftotext(&file)).contains(&squash(name)));
    assert!(status(&mut b).contains("已找到"), "{}", status(&mut b));

    // The right ID and name with another phone, then another name: refused.
    let last = phone.chars().last().unwrap();
    let other_phone = format!("{}{}", &phone[..10], if last == '0' { '1' } else { '0' });
    ask(&mut b, id, name, &other_phone);
    refused(&mut b, downloads.path());
    ask(&mut b, id, "张三", phone);
    refused(&mut b, downloads.path());

    // A wrong check digit is caught in the page, without a request.
    let n = server.seen.lock().unwrap().len();
    let last = id.chars().last().unwrap();
    let wrong = format!("{}{}", &id[..17], if last == '0' { '1' } else { '0' });
    ask(&mut b, &wrong, name, phone);
    b.wait_for(
        "document.getElementById('receipt-status').textContent.includes('校验位')",
        5_000,
    )
    .unwrap_or_else(|e| panic!("{e}: {}", status(&mut b)));
    assert_eq!(
        server.seen.lock().unwrap().len(),
        n,
        "a request for a mistyped ID"
    );

    // Nothing typed travels: not the ID (nor its hidden birth date), the
    // name or the phone, in any URL or header.
    let seen = server.seen.lock().unwrap();
    let asked_bins = seen.iter().filter(|s| s.url.ends_with(".bin")).count();
    assert_eq!(asked_bins, 3, "one look-up per search: {seen:?}");
    for s in seen.iter() {
        let all = format!("{} {}", s.url, s.headers.join(" "));
        for secret in [
            id.as_str(),
            &id[6..14],
            name.as_str(),
            &percent(name),
            phone.as_str(),
            &phone[3..],
        ] {
            assert!(
                !all.contains(secret),
                "`{secret}` reached the server: {all}"
            );
        }
    }
}
