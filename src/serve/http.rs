//! Routing: requests answered from the current snapshot only. A request
//! path is decoded strictly ([`page::site_path`]) and looked up in the map
//! of built files; there is no path from a request to the disk.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::page;
use super::State;

/// How long a long-poll is held before the page asks again.
const LONG_POLL: Duration = Duration::from_secs(25);
/// How often a held long-poll checks that its client is still there.
const POLL_CHECK: Duration = Duration::from_millis(500);

/// An answer, before it is written to the connection.
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

    pub(super) fn text(status: u16, body: &str) -> Reply {
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
        "ofd" => "application/ofd",
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
        return Reply::text(405, &format!("{}\n", crate::t!("serve-http-method")));
    }
    let (raw, query) = url.split_once('?').unwrap_or((url, ""));
    if let Some(endpoint) = raw.strip_prefix("/__gazette/") {
        return internal(endpoint, query, state);
    }
    let Some(path) = page::site_path(raw) else {
        return Reply::text(400, &format!("{}\n", crate::t!("serve-http-bad-path")));
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
    let escape = crate::render::html::escape;
    let body = format!(
        "<main><h1>404</h1><p>{}</p><p><a href=\"/\">{}</a></p></main>",
        escape(&crate::t!("serve-not-in-site", path = format!("/{path}"))),
        escape(&crate::t!("serve-index-link"))
    );
    Reply::new(404, HTML, page::standalone("404", &body, &path, &snap))
}

/// The reload script's long-poll, which holds its connection.
pub fn is_long_poll(target: &str) -> bool {
    target.split('?').next() == Some("/__gazette/wait")
}

/// Answer a long-poll when what the page shows changes, or after
/// [`LONG_POLL`]; `None` as soon as `gone()` says the client left, which
/// frees its slot.
pub fn long_poll(target: &str, state: &State, gone: impl Fn() -> bool) -> Option<Reply> {
    let query = target.split_once('?').map_or("", |(_, q)| q);
    let path = page::query_param(query, "path").unwrap_or_default();
    let tag = page::query_param(query, "tag").unwrap_or_default();
    let deadline = Instant::now() + LONG_POLL;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let now = state.wait_change(&path, &tag, left.min(POLL_CHECK));
        if now != tag || Instant::now() >= deadline {
            return Some(Reply::text(200, &now));
        }
        if gone() {
            return None;
        }
    }
}

fn internal(endpoint: &str, query: &str, state: &State) -> Reply {
    match endpoint {
        "wait" => long_poll(&format!("/__gazette/wait?{query}"), state, || false)
            .unwrap_or_else(|| Reply::text(503, "gone\n")),
        "pdf" => {
            let snap = state.snapshot();
            match page::query_param(query, "path") {
                Some(p) if p.ends_with(".pdf") && snap.files.contains_key(&p) => {
                    Reply::new(200, HTML, page::pdf_viewer(&p, &snap))
                }
                _ => Reply::text(404, &format!("{}\n", crate::t!("serve-http-no-pdf"))),
            }
        }
        _ => Reply::text(404, &format!("{}\n", crate::t!("serve-http-not-found"))),
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
