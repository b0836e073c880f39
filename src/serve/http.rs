//! Requests: a thread each (the long-poll holds one per open page), answered
//! from the current snapshot only. A request path is decoded strictly
//! ([`page::site_path`]) and looked up in the map of built files; there is
//! no path from a request to the disk.

use std::io::Cursor;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::page;
use super::State;

/// Requests handled at once; beyond it the server answers 503 at once
/// rather than piling up threads.
const MAX_IN_FLIGHT: usize = 64;
/// How long a long-poll is held before the page asks again.
const LONG_POLL: Duration = Duration::from_secs(25);

/// An answer, before it becomes a tiny_http response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Arc<[u8]>,
    pub location: Option<String>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Arc<[u8]>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            location: None,
        }
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body.as_bytes())
    }
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// Answer one request. `get` is false for methods other than GET and HEAD.
pub fn route(get: bool, url: &str, state: &State) -> Reply {
    if !get {
        return Reply::text(405, "only GET and HEAD are served\n");
    }
    let (raw, query) = url.split_once('?').unwrap_or((url, ""));
    if let Some(endpoint) = raw.strip_prefix("/__gazette/") {
        return internal(endpoint, query, state);
    }
    let Some(path) = page::site_path(raw) else {
        return Reply::text(400, "bad request path\n");
    };
    let snap = state.snapshot();
    if let Some(entry) = snap.files.get(&path) {
        let ty = content_type(&path);
        if ty == HTML {
            return Reply::new(200, ty, page::decorate(&entry.bytes, &path, &snap));
        }
        return Reply::new(200, ty, entry.bytes.clone());
    }
    let index = format!("{path}/index.html");
    if !path.is_empty() && snap.files.contains_key(&index) {
        let mut r = Reply::text(301, "moved\n");
        r.location = Some(format!("/{}/", page::percent_encode(&path)));
        return r;
    }
    // A page that does not exist (yet): it appears by itself once built.
    let body = format!(
        "<main><h1>404</h1><p>/{} is not part of the site.</p><p><a href=\"/\">index</a></p></main>",
        crate::render::html::escape(&path)
    );
    Reply::new(404, HTML, page::standalone("404", &body, &path, &snap))
}

fn internal(endpoint: &str, query: &str, state: &State) -> Reply {
    match endpoint {
        "wait" => {
            let path = page::query_param(query, "path").unwrap_or_default();
            let tag = page::query_param(query, "tag").unwrap_or_default();
            Reply::text(200, &state.wait_change(&path, &tag, LONG_POLL))
        }
        "pdf" => {
            let snap = state.snapshot();
            match page::query_param(query, "path") {
                Some(p) if p.ends_with(".pdf") && snap.files.contains_key(&p) => {
                    Reply::new(200, HTML, page::pdf_viewer(&p, &snap))
                }
                _ => Reply::text(404, "no such PDF in the site\n"),
            }
        }
        _ => Reply::text(404, "not found\n"),
    }
}

fn respond(req: tiny_http::Request, state: &State) {
    use tiny_http::Method;
    let get = matches!(req.method(), Method::Get | Method::Head);
    let reply = route(get, req.url(), state);
    let mut headers = Vec::new();
    let mut add = |k: &str, v: &str| {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            headers.push(h);
        }
    };
    add("Content-Type", reply.content_type);
    // A preview must never show a stale version.
    add("Cache-Control", "no-store");
    add("X-Content-Type-Options", "nosniff");
    if let Some(l) = &reply.location {
        add("Location", l);
    }
    if reply.status == 405 {
        add("Allow", "GET, HEAD");
    }
    let len = reply.body.len();
    let response = tiny_http::Response::new(
        tiny_http::StatusCode(reply.status),
        headers,
        Cursor::new(reply.body),
        Some(len),
        None,
    )
    // The body is in memory: always a Content-Length, never chunks.
    .with_chunked_threshold(usize::MAX);
    // The client may have gone away (a page reloaded mid-poll): nothing to do.
    let _ = req.respond(response);
}

/// Counts a request thread in and out, even if it panics.
struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

pub(super) fn serve(http: &tiny_http::Server, state: &Arc<State>) {
    let busy = Arc::new(AtomicUsize::new(0));
    for req in http.incoming_requests() {
        if busy.fetch_add(1, Ordering::SeqCst) >= MAX_IN_FLIGHT {
            busy.fetch_sub(1, Ordering::SeqCst);
            let _ = req.respond(tiny_http::Response::from_string("busy\n").with_status_code(503));
            continue;
        }
        let guard = InFlight(busy.clone());
        let state = state.clone();
        // A failed spawn drops the request (tiny_http closes it) and the guard.
        let _ = std::thread::Builder::new()
            .name("gazette-http".into())
            .spawn(move || {
                let _guard = guard;
                respond(req, &state);
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::{Entry, Snapshot};

    fn state() -> State {
        let st = State::default();
        let mut s = Snapshot::default();
        for (p, b) in [
            ("index.html", "<body>home</body>"),
            (
                "2024/notice.html",
                "<body><a href=\"notice.pdf\">pdf</a></body>",
            ),
            ("2024/notice.pdf", "%PDF"),
            ("assets/gazette.css", "body{}"),
            ("2024/publicity/a/index.html", "<body>list</body>"),
        ] {
            s.files.insert(
                p.into(),
                Arc::new(Entry {
                    bytes: Arc::from(b.as_bytes()),
                    hash: 0,
                }),
            );
        }
        st.publish(s);
        st
    }

    fn body(r: &Reply) -> String {
        String::from_utf8_lossy(&r.body).into_owned()
    }

    #[test]
    fn serves_the_map_with_types_and_scripts() {
        let st = state();
        let r = route(true, "/", &st);
        assert_eq!((r.status, r.content_type), (200, HTML));
        assert!(body(&r).contains("home") && body(&r).contains("gazette-serve-reload"));
        let r = route(true, "/2024/notice.html", &st);
        assert!(body(&r).contains("/__gazette/pdf?path=2024/notice.pdf"));
        let r = route(true, "/assets/gazette.css", &st);
        assert_eq!((r.status, r.content_type), (200, "text/css; charset=utf-8"));
        assert_eq!(body(&r), "body{}");
        let r = route(true, "/2024/notice.pdf?v=1", &st);
        assert_eq!((r.status, r.content_type), (200, "application/pdf"));
        let r = route(true, "/2024/publicity/a", &st);
        assert_eq!(r.status, 301);
        assert_eq!(r.location.as_deref(), Some("/2024/publicity/a/"));
        assert_eq!(route(true, "/2024/publicity/a/", &st).status, 200);
        assert_eq!(route(true, "/nope.html", &st).status, 404);
        assert_eq!(route(false, "/", &st).status, 405);
    }

    #[test]
    fn refuses_traversal_and_unknown_pdfs() {
        let st = state();
        for url in [
            "/../gazette.yaml",
            "/%2e%2e/gazette.yaml",
            "/..%2f..%2fetc/passwd",
            "/%252e%252e/gazette.yaml",
        ] {
            assert_eq!(route(true, url, &st).status, 400, "{url}");
        }
        for url in [
            "/__gazette/pdf?path=../gazette.yaml",
            "/__gazette/pdf?path=2024/notice.html",
            "/__gazette/pdf",
            "/__gazette/nope",
        ] {
            assert_eq!(route(true, url, &st).status, 404, "{url}");
        }
        let r = route(true, "/__gazette/pdf?path=2024%2Fnotice.pdf", &st);
        assert_eq!(r.status, 200);
        assert!(body(&r).contains("src=\"/2024/notice.pdf?v="));
    }
}
