//! `gazette serve`, end to end: the real binary serving a copy of the
//! example, headless Chromium watching a page change by itself as the YAML
//! is edited, broken and fixed; the PDF viewer following the PDF; raw
//! requests trying to step out of the site; and `gazette build` output free
//! of anything serve mode adds.

use crate::common::browser::Browser;
use crate::common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// Web pages rebuild in a fraction of a second; the allowance is for a
/// loaded 2-core machine running the other tests.
const PAGE_MS: u64 = 20_000;
/// A PDF build takes seconds in a debug build.
const PDF_MS: u64 = 60_000;

/// A running `gazette serve`, killed when dropped (also when a test fails).
struct Serve {
    child: Child,
    url: String,
    log: Arc<Mutex<String>>,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        Serve::start_with(root, crate::common::command())
    }

    /// Start with `command` (e.g. with its own environment).
    fn start_with(root: &Path, mut command: std::process::Command) -> Serve {
        let mut child = command
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gazette serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let writer = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("serving ") {
                    let _ = tx.send(rest.split_whitespace().next().unwrap_or("").to_string());
                }
                let mut l = writer.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let mut s = Serve {
            child,
            url: String::new(),
            log,
        };
        // The first build includes the PDFs.
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(url) => s.url = url,
            Err(_) => panic!("gazette serve printed no URL:\n{}", s.log()),
        }
        assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);
        s
    }

    fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    fn assert_alive(&mut self) {
        let status = self.child.try_wait().expect("try_wait");
        assert!(
            status.is_none(),
            "gazette serve exited ({status:?}):\n{}",
            self.log()
        );
    }

    fn addr(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    }

    /// One request exactly as written (a client would normalise `..`).
    fn raw(&self, target: &str) -> (String, Vec<u8>) {
        let mut s = TcpStream::connect(self.addr()).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let req = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        s.write_all(req.as_bytes()).expect("send");
        let mut buf = Vec::new();
        // A server may close early on a bad request; what came is what counts.
        let _ = s.read_to_end(&mut buf);
        let status = String::from_utf8_lossy(&buf)
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        (status, buf)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Poll `cond` until it is true. Unlike `Browser::wait_for`, a failed call
/// is "not yet": the page reloads by itself, and an evaluation may meet it
/// mid-navigation ("Inspected target navigated or closed").
fn wait_page(b: &mut Browser, cond: &str, timeout_ms: u64) -> Result<(), String> {
    let deadline = std::time::Instant::now() + Duration::from_millis(timeout_ms);
    loop {
        let last = match b.eval(&format!("Boolean({cond})")) {
            Ok(serde_json::Value::Bool(true)) => return Ok(()),
            Ok(v) => format!("was {v}"),
            Err(e) => e,
        };
        if std::time::Instant::now() >= deadline {
            return Err(format!("timed out waiting for `{cond}` ({last})"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// [`wait_page`] polled every 5 ms, for timing: the figure is then the
/// server's and the browser's, not the test's polling.
fn poll_page(b: &mut Browser, cond: &str, timeout_ms: u64) -> Result<(), String> {
    let deadline = std::time::Instant::now() + Duration::from_millis(timeout_ms);
    while std::time::Instant::now() < deadline {
        if let Ok(serde_json::Value::Bool(true)) = b.eval(&format!("Boolean({cond})")) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Err(format!("timed out waiting for `{cond}`"))
}

/// What a page shows, for the wait conditions.
const TEXT: &str = "document.body.textContent";
const OVERLAY: &str = "document.getElementById('gazette-serve-error')";

#[test]
fn edits_show_in_the_open_page_without_a_reload() {
    let site = example_site();
    let schedule = site.path().join("content/2024/schedule.yaml");
    let mut server = Serve::start(site.path());
    let mut b = Browser::launch().expect("launch chromium");
    b.goto(&server.url).unwrap();
    let notice = b
        .eval("document.querySelector('a[href$=\"notice.html\"]').href")
        .unwrap();
    let notice = notice.as_str().expect("a link to the notice").to_string();
    b.goto(&notice).unwrap();
    // The poverty_review deadline is written in the body.
    let text = b.eval(TEXT).unwrap().to_string();
    assert!(text.contains("2024年2月23日前"), "{text}");
    assert!(!text.contains("2024年2月26日"));

    // 1. A new date appears by itself: the test does not navigate. How long
    // after the save, three times (the median is in the README).
    // The server's part is timed apart: when it serves the new page.
    // The notice runs no script of its own, so its new body is swapped in:
    // the page is not reloaded, and what this script sets survives.
    b.eval("window.notReloaded = true").unwrap();
    let path = notice.trim_start_matches(server.url.as_str());
    let (mut took, mut served) = (Vec::new(), Vec::new());
    for (from, to) in [("23", "26"), ("26", "27"), ("27", "26")] {
        let started = std::time::Instant::now();
        edit(
            &schedule,
            &format!("deadline: 2024-02-{from}"),
            &format!("deadline: 2024-02-{to}"),
        );
        let date = format!("2024年2月{to}日前");
        while !String::from_utf8_lossy(&server.raw(&format!("/{path}")).1).contains(&date) {
            assert!(
                started.elapsed() < Duration::from_millis(PAGE_MS),
                "not rebuilt"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        served.push(started.elapsed());
        poll_page(&mut b, &format!("{TEXT}.includes('{date}')"), PAGE_MS)
            .unwrap_or_else(|e| panic!("{e}\nserver log:\n{}", server.log()));
        took.push(started.elapsed());
    }
    let ms = |d: &Vec<Duration>| d.iter().map(Duration::as_millis).collect::<Vec<_>>();
    println!(
        "serve: an edited date is served {:?} ms and shown in the open page {:?} ms after the save",
        ms(&served),
        ms(&took)
    );
    took.sort();
    println!("serve: median {} ms from save to page", took[1].as_millis());
    // The server's own account: how long each rebuild of the pages took.
    for l in server
        .log()
        .lines()
        .filter(|l| l.contains("built web pages:"))
    {
        println!("serve: {l}");
    }
    assert_eq!(b.eval("location.href").unwrap(), notice.as_str());
    assert_eq!(b.eval("window.notReloaded === true").unwrap(), true);
    server.assert_alive();

    // 2. Broken YAML: the page shows what `gazette check` prints.
    let good = std::fs::read_to_string(&schedule).unwrap();
    edit(&schedule, "name: 考生网上缴费", "name: [考生网上缴费");
    wait_page(
        &mut b,
        &format!("{OVERLAY} && {OVERLAY}.textContent.includes('content/2024/schedule.yaml:')"),
        PAGE_MS,
    )
    .unwrap_or_else(|e| panic!("{e}\nserver log:\n{}", server.log()));
    server.assert_alive();
    let shown = b
        .eval(&format!("{OVERLAY}.querySelector('pre').textContent"))
        .unwrap();
    let check = gazette(&["check", "--root", "."], site.path());
    assert_eq!(check.status.code(), Some(1));
    let check = String::from_utf8(check.stderr).unwrap();
    assert_eq!(shown.as_str().unwrap().trim(), check.trim());
    let line = good
        .lines()
        .position(|l| l.contains("考生网上缴费"))
        .unwrap()
        + 1;
    assert!(
        check.contains(&format!("content/2024/schedule.yaml:{line}:")),
        "{check}"
    );

    // 3. Fixed: the overlay goes away by itself.
    std::fs::write(&schedule, &good).unwrap();
    wait_page(
        &mut b,
        &format!("!{OVERLAY} && {TEXT}.includes('2024年2月26日前')"),
        PAGE_MS,
    )
    .unwrap_or_else(|e| panic!("{e}\nserver log:\n{}", server.log()));
    server.assert_alive();
}

#[test]
fn the_pdf_view_follows_the_pdf() {
    let site = example_site();
    let schedule = site.path().join("content/2024/schedule.yaml");
    let mut server = Serve::start(site.path());
    let mut b = Browser::launch().expect("launch chromium");
    b.goto(&format!("{}2024/notice.html", server.url)).unwrap();
    let viewer = b
        .eval("document.querySelector('a[href*=\"notice.pdf\"]').href")
        .unwrap();
    let viewer = viewer.as_str().unwrap().to_string();
    assert!(
        viewer.contains("/__gazette/pdf?path=2024/notice.pdf"),
        "{viewer}"
    );
    b.goto(&viewer).unwrap();
    let src = b
        .eval("document.getElementById('gazette-pdf').getAttribute('src')")
        .unwrap();
    let src = src.as_str().unwrap().to_string();
    assert!(src.starts_with("/2024/notice.pdf?v="), "{src}");

    edit(&schedule, "deadline: 2024-02-23", "deadline: 2024-02-26");
    wait_page(
        &mut b,
        &format!("document.getElementById('gazette-pdf').getAttribute('src') !== {src:?}"),
        PDF_MS,
    )
    .unwrap_or_else(|e| panic!("{e}\nserver log:\n{}", server.log()));
    assert_eq!(b.eval("location.href").unwrap(), viewer.as_str());
    let src = b
        .eval("document.getElementById('gazette-pdf').getAttribute('src')")
        .unwrap();
    let (status, bytes) = server.raw(src.as_str().unwrap());
    assert!(status.contains(" 200 "), "{status}");
    let head = String::from_utf8_lossy(&bytes[..200.min(bytes.len())]).to_string();
    assert!(head.contains("Content-Type: application/pdf"), "{head}");
    assert!(!head.contains("Transfer-Encoding"), "{head}");
    let body_at = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let pdf = site.path().join("served.pdf");
    std::fs::write(&pdf, &bytes[body_at..]).unwrap();
    assert!(squash(&pdftotext(&pdf)).contains("2024年2月26日前"));
    server.assert_alive();
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = example_site();
    let mut server = Serve::start(site.path());
    let (ok, page) = server.raw("/2024/notice.html");
    assert!(ok.contains(" 200 "), "{ok}");
    assert!(String::from_utf8_lossy(&page).contains("Cache-Control: no-store"));
    assert!(server.raw("/").0.contains(" 200 "));
    let secrets = [
        "# gazette.yaml: configuration",
        "base_url:",
        "addressees:",
        "root:x:0:0",
    ];
    for target in [
        "/gazette.yaml",
        "/content/2024/notice.yaml",
        "/../gazette.yaml",
        "/../content/2024/notice.yaml",
        "/2024/../../gazette.yaml",
        "/../../../../../../etc/passwd",
        "/%2e%2e/gazette.yaml",
        "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/.%2e/gazette.yaml",
        "/..%2fgazette.yaml",
        "/%2e%2e%2fgazette.yaml",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/2024/..%5c..%5cgazette.yaml",
        "/..\\gazette.yaml",
        "/%252e%252e/gazette.yaml",
        "/%252e%252e%252fgazette.yaml",
        "/%c0%ae%c0%ae/gazette.yaml",
        "/2024/notice.html%00/../../gazette.yaml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/etc/passwd",
        "http://127.0.0.1/../gazette.yaml",
        "/__gazette/pdf?path=../gazette.yaml",
        "/__gazette/pdf?path=%2e%2e%2fgazette.yaml",
        "/__gazette/pdf?path=/etc/passwd",
        "/__gazette/pdf?path=../../../../etc/passwd%00.pdf",
        "/__gazette/../gazette.yaml",
    ] {
        let (status, body) = server.raw(target);
        let body = String::from_utf8_lossy(&body);
        assert!(
            status.contains(" 400 ") || status.contains(" 404 ") || status.is_empty(),
            "{target}: {status}"
        );
        for s in secrets {
            assert!(!body.contains(s), "{target} served `{s}`");
        }
    }
    // The long-poll answers with a tag, never with a file.
    let (status, body) = server.raw("/__gazette/wait?path=../gazette.yaml&tag=x");
    assert!(status.contains(" 200 "));
    for s in secrets {
        assert!(!String::from_utf8_lossy(&body).contains(s));
    }
    server.assert_alive();
}

#[test]
fn templates_and_config_changes_rebuild_too() {
    let site = example_site();
    let server = Serve::start(site.path());
    let wait_for = |needle: &str| {
        for _ in 0..(PAGE_MS / 100) {
            let (_, body) = server.raw("/");
            if String::from_utf8_lossy(&body).contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the front page never showed `{needle}`:\n{}", server.log());
    };
    edit(
        &site.path().join("gazette.yaml"),
        "title: 湖南省教育考试院 · 通知公告",
        "title: 预览站点标题",
    );
    wait_for("预览站点标题");
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let base = std::fs::read_to_string(repo().join("templates/base.html")).unwrap();
    let own = base.replace("<main id=\"main\">", "<main id=\"main\"><p>自定义模板</p>");
    std::fs::write(templates.join("base.html"), own).unwrap();
    wait_for("自定义模板");
}

#[test]
fn build_output_has_nothing_of_serve_mode() {
    let site = example_site();
    let out = build(site.path());
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for mark in ["__gazette", "gazette-serve"] {
            assert!(!text.contains(mark), "{} has {mark}", e.path().display());
        }
        pages += usize::from(e.path().extension().is_some_and(|x| x == "html"));
    }
    assert!(pages > 3);
}

// ---------------------------------------------------------------------------
// Protections: the Host header, the size of a request head, long-polls, the key.

impl Serve {
    /// Send `head` as written; the status line and the whole answer.
    fn send(&self, head: &str) -> (String, String) {
        let mut s = TcpStream::connect(self.addr()).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(head.as_bytes()).expect("send");
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        let text = String::from_utf8_lossy(&buf).to_string();
        (text.lines().next().unwrap_or("").to_string(), text)
    }

    fn get_with_host(&self, path: &str, host: &str) -> (String, String) {
        self.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    fn port(&self) -> String {
        let addr = self.addr();
        addr.rsplit_once(':').unwrap().1.to_string()
    }

    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

#[test]
fn only_its_own_host_is_answered() {
    let site = example_2024_site();
    let server = Serve::start(site.path());
    let port = server.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, _) = server.get_with_host("/2024/notice.html", &host);
        assert!(status.contains(" 200 "), "{host}: {status}");
    }
    // A DNS-rebinding page: its own name, re-pointed at 127.0.0.1.
    for host in [
        format!("rebind.attacker.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.attacker.example:{port}"),
    ] {
        let (status, text) = server.get_with_host("/2024/notice.html", &host);
        assert!(status.contains(" 421 "), "{host}: {status}");
        assert!(!text.contains("专升本"), "{host} read the page");
        let (status, _) = server.get_with_host("/__gazette/wait?path=index.html&tag=x", &host);
        assert!(status.contains(" 421 "), "{host}: {status}");
    }
    let (status, _) = server.send("GET /2024/notice.html HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(status.contains(" 421 "), "no Host: {status}");
}

#[test]
fn a_huge_request_head_is_cut_off_early() {
    let site = example_2024_site();
    let mut server = Serve::start(site.path());
    let before = server.rss_kb();
    let mut s = TcpStream::connect(server.addr()).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let line = format!("X-Pad: {}\r\n", "a".repeat(1 << 16));
    let (mut sent, total) = (0usize, 200usize << 20);
    while sent < total {
        match s.write_all(line.as_bytes()) {
            Ok(()) => sent += line.len(),
            Err(_) => break,
        }
    }
    assert!(
        sent < 16 << 20,
        "the server took {} MB of headers",
        sent >> 20
    );
    std::thread::sleep(Duration::from_millis(300));
    let after = server.rss_kb();
    assert!(
        after < before + 16 * 1024,
        "the server grew from {before} kB to {after} kB"
    );
    // Just over the cap: 431, and the server goes on.
    let big = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: {}\r\n\r\n",
        "a".repeat(17 * 1024)
    );
    let (status, _) = server.send(&big);
    assert!(status.contains(" 431 ") || status.is_empty(), "{status}");
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a".repeat(9 * 1024)
    );
    let (status, _) = server.send(&long);
    assert!(status.contains(" 414 ") || status.is_empty(), "{status}");
    assert!(server.raw("/").0.contains(" 200 "));
    server.assert_alive();
}

/// The reload script's tag for `path`, from the page as served.
fn tag_of(server: &Serve, path: &str) -> String {
    let (_, body) = server.raw(&format!("/{path}"));
    let body = String::from_utf8_lossy(&body);
    let at = body.find("tag = \"").expect("the reload script") + 7;
    body[at..at + 16].to_string()
}

#[test]
fn held_long_polls_do_not_block_pages_and_free_their_slots() {
    let site = example_2024_site();
    let mut server = Serve::start(site.path());
    let tag = tag_of(&server, "index.html");
    let poll = || {
        let mut s = TcpStream::connect(server.addr()).unwrap();
        let req = format!(
            "GET /__gazette/wait?path=index.html&tag={tag} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        );
        s.write_all(req.as_bytes()).unwrap();
        s
    };
    let mut held: Vec<TcpStream> = (0..64).map(|_| poll()).collect();
    std::thread::sleep(Duration::from_millis(500));
    // Pages are served at once while 64 polls are held.
    let started = std::time::Instant::now();
    let (status, _) = server.raw("/2024/notice.html");
    assert!(status.contains(" 200 "), "{status}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // The 65th poll is refused quickly.
    let mut extra = poll();
    extra
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    let mut buf = String::new();
    let _ = extra.read_to_string(&mut buf);
    assert!(buf.starts_with("HTTP/1.1 503"), "65th poll: {buf:?}");
    // Clients that go away free their slots.
    held.truncate(50);
    std::thread::sleep(Duration::from_millis(1500));
    let mut again = poll();
    again
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let mut buf = [0u8; 64];
    let n = again.read(&mut buf).unwrap_or(0);
    assert_eq!(
        n,
        0,
        "a freed slot was not reused: {:?}",
        String::from_utf8_lossy(&buf[..n])
    );
    server.assert_alive();
}

#[test]
fn serve_uses_the_preview_key_never_the_authoritys() {
    let site = example_2024_site();
    let home = tempfile::tempdir().unwrap();
    // The authority's key file, and the key in the environment: both ignored.
    let real = "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988";
    std::fs::create_dir_all(home.path().join("gazette")).unwrap();
    std::fs::write(home.path().join("gazette/receipt-key"), real).unwrap();
    let mut cmd = crate::common::command();
    cmd.env("XDG_CONFIG_HOME", home.path());
    let server = Serve::start_with(site.path(), cmd);
    let (status, page) = server.raw("/2024/receipts/index.html");
    assert!(status.contains(" 200 "), "{status}");
    let page = String::from_utf8_lossy(&page);
    let preview = gazette::papers::key::Key::preview().salt(2024);
    assert!(page.contains(&preview), "not the preview key's salt");
    drop(server);

    // Without any key, serve makes none.
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = crate::common::english(env!("CARGO_BIN_EXE_gazette"));
    cmd.env_remove("GAZETTE_RECEIPT_KEY")
        .env("XDG_CONFIG_HOME", empty.path());
    let server = Serve::start_with(site.path(), cmd);
    assert!(server.raw("/2024/receipts/index.html").0.contains(" 200 "));
    drop(server);
    assert!(
        std::fs::read_dir(empty.path()).unwrap().next().is_none(),
        "serve created files under XDG_CONFIG_HOME"
    );
}

#[test]
fn the_error_overlay_masks_id_and_phone_numbers() {
    let site = example_2024_site();
    let server = Serve::start(site.path());
    // A reference mistyped as someone's ID number, and a phone in the same line.
    edit(
        &site.path().join("content/2024/notice.md"),
        "\n\n",
        "\n\n咨询 13800000001 {{ schedule.x430102200412120100 }}\n\n",
    );
    for _ in 0..(PAGE_MS / 100) {
        let (_, body) = server.raw("/2024/notice.html");
        let body = String::from_utf8_lossy(&body).to_string();
        if body.contains("gazette-serve-error") {
            assert!(!body.contains("430102200412120100"), "full ID shown");
            assert!(!body.contains("13800000001"), "phone shown");
            assert!(body.contains("430102********0100"), "{body}");
            assert!(body.contains("138****0001"), "{body}");
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no error overlay:\n{}", server.log());
}
