//! Shared helpers: copies of the bundled example built by the real binary,
//! and the poppler tools that read the PDFs back.
#![allow(dead_code)]

pub mod browser;
pub mod chinese;
pub mod office;
pub mod papers;
pub mod static_http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of the example site (gazette.yaml, content/, templates/ if any).
pub fn example_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    std::fs::copy(repo().join("gazette.yaml"), tmp.path().join("gazette.yaml"))
        .expect("copy config");
    tmp
}

/// The example with its 2024 year only: for tests about one year's files,
/// whose expected diagnostics name that year alone.
pub fn example_2024_site() -> tempfile::TempDir {
    let tmp = example_site();
    std::fs::remove_dir_all(tmp.path().join("content/2023")).expect("remove 2023");
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// The receipt key of test builds, so that no test touches the user's key file.
pub const TEST_KEY: &str = "5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6";

/// The real binary, with the test receipt key.
pub fn command() -> Command {
    let mut c = english(env!("CARGO_BIN_EXE_gazette"));
    c.env("GAZETTE_RECEIPT_KEY", TEST_KEY);
    c
}

/// A program speaking English whatever the machine's locale: the tests
/// read English messages (for tests that set up the key themselves).
pub fn english(program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("GAZETTE_LANG", "en");
    c
}

pub fn gazette(args: &[&str], cwd: &Path) -> Output {
    command()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gazette")
}

/// Build the site in `root` into `root/output`; panics with stderr on failure.
pub fn build(root: &Path) -> PathBuf {
    let out = gazette(&["build", "--root", "."], root);
    assert!(
        out.status.success(),
        "gazette build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    root.join("output")
}

pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("`{name}` is needed for this test (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

pub fn pdftotext(pdf: &Path) -> String {
    tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
}

/// Text with all whitespace removed, for searching across line breaks.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One line of `pdftotext -bbox-layout`: page number, box and text.
#[derive(Debug, Clone)]
pub struct BoxLine {
    pub page: usize,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub text: String,
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).expect("attribute") + key.len();
    let end = tag[start..].find('"').expect("quote") + start;
    tag[start..end].parse().expect("number")
}

/// Every text line of the PDF with its position.
pub fn bbox_lines(pdf: &Path) -> Vec<BoxLine> {
    let xml = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let mut out = Vec::new();
    let mut page = 0;
    for part in xml.split('<').skip(1) {
        if part.starts_with("page ") {
            page += 1;
        } else if part.starts_with("line ") {
            out.push(BoxLine {
                page,
                x_min: attr(part, "xMin"),
                y_min: attr(part, "yMin"),
                x_max: attr(part, "xMax"),
                text: String::new(),
            });
        } else if let Some(w) = part.strip_prefix("word ") {
            let text = &w[w.find('>').expect("tag end") + 1..];
            if let Some(l) = out.last_mut() {
                l.text.push_str(&html_unescape(text));
            }
        }
    }
    out
}

fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Every file under `dir`, by relative path.
pub fn files_under(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// `gazette serve` started on `site` (any free port), asked once for
/// `path`, then stopped: the reply's head (lower case) and its body.
#[allow(dead_code)]
pub fn serve_get(site: &Path, path: &str) -> (String, Vec<u8>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = command()
        .args(["serve", "--root", site.to_str().unwrap(), "--port", "0"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start gazette serve");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let url = stderr.lines().map_while(Result::ok).find_map(|l| {
        let rest = l.strip_prefix("serving ")?;
        rest.split_whitespace().next().map(str::to_string)
    });
    let reply = url.map(|url| {
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        s.write_all(req.as_bytes()).expect("send");
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        buf
    });
    let _ = child.kill();
    let _ = child.wait();
    let reply = reply.expect("gazette serve printed no URL");
    let split = reply
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers");
    let head = String::from_utf8_lossy(&reply[..split]).to_lowercase();
    (head, reply[split + 4..].to_vec())
}

/// A binary PGM (P5, grey) or PPM (P6, RGB) as poppler's `pdftoppm` writes
/// it: width, height, samples per pixel and the pixels.
pub fn read_pnm(bytes: &[u8]) -> (u32, u32, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let end = at
            + bytes[at..]
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap();
        if end > at {
            fields.push(String::from_utf8_lossy(&bytes[at..end]).to_string());
        }
        at = end + 1;
    }
    let channels = match fields[0].as_str() {
        "P5" => 1,
        "P6" => 3,
        other => panic!("not a binary PGM or PPM: {other}"),
    };
    let (w, h): (u32, u32) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let len = (w * h) as usize * channels;
    (w, h, channels, bytes[at..at + len].to_vec())
}
