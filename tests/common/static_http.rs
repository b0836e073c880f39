//! A plain static web server over a folder, as a real one would publish
//! `output/`: files by path, 404 for anything else (no listings), and a
//! log of every request line and header it received.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What one request carried: the URL and every header, as received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub url: String,
    pub headers: Vec<String>,
}

pub struct StaticServer {
    pub base: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl StaticServer {
    /// Serve `root` on a free port of 127.0.0.1 until the test ends.
    pub fn start(root: PathBuf) -> StaticServer {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind");
        let port = server.server_addr().to_ip().expect("ip").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for req in server.incoming_requests() {
                log.lock().unwrap().push(Seen {
                    url: req.url().to_string(),
                    headers: req.headers().iter().map(|h| h.to_string()).collect(),
                });
                let path = req.url().split('?').next().unwrap_or("").to_string();
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
                    _ => req.respond(
                        tiny_http::Response::from_string("not found").with_status_code(404),
                    ),
                };
            }
        });
        StaticServer {
            base: format!("http://127.0.0.1:{port}"),
            seen,
        }
    }

    /// GET a path; the status and the body.
    pub fn get(&self, path: &str) -> (u16, Vec<u8>) {
        use std::io::{Read, Write};
        let mut s =
            std::net::TcpStream::connect(self.base.trim_start_matches("http://")).expect("connect");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read");
        let head_end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        let head = String::from_utf8_lossy(&raw[..head_end]);
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        let mut body = raw[head_end + 4..].to_vec();
        if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            body = unchunk(&body);
        }
        (status, body)
    }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}
