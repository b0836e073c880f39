//! What serve mode adds to the pages: the reload script, the error overlay,
//! PDF links turned into a viewer that reloads, and the strict decoding of
//! request paths.

use super::Snapshot;
use crate::render::html::escape;

/// Decode `%XX` escapes once. `None` for a malformed escape.
pub fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Escape everything but unreserved characters and `/`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || b"-._~/".contains(&c) {
            out.push(char::from(c));
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// The site path a request path names (`/2024/` → `2024/index.html`), or
/// `None` when it is refused. Every segment is decoded on its own and must not
/// decode to a separator, a `%` (double encoding), a control character or a
/// dot segment: such a request is never a link of the site.
pub fn site_path(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let mut segs = Vec::new();
    for seg in rest.split('/') {
        let bytes = percent_decode(seg)?;
        let seg = String::from_utf8(bytes).ok()?;
        let bad = |c: char| c == '/' || c == '\\' || c == '%' || c.is_control();
        if seg == "." || seg == ".." || seg.chars().any(bad) {
            return None;
        }
        if !seg.is_empty() {
            segs.push(seg);
        }
    }
    if raw.ends_with('/') {
        segs.push("index.html".into());
    }
    Some(segs.join("/"))
}

/// A query parameter, decoded (`+` is a space); `None` when absent or malformed.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k != name {
            return None;
        }
        String::from_utf8(percent_decode(&v.replace('+', " "))?).ok()
    })
}

/// A JavaScript string literal safe inside a `<script>` element.
fn js_string(s: &str) -> String {
    serde_json::Value::from(s)
        .to_string()
        .replace('<', "\\u003c")
}

/// The long-poll loop: ask the server to answer when what this page shows
/// changes, then show the new version. A page whose head is unchanged and
/// that runs no script of its own gets its new body swapped in (what a
/// reload would show, without re-reading the stylesheet and laying out the
/// page twice); any other page reloads. While the server is down it
/// retries each second.
pub fn reload_script(path: &str, tag: &str) -> String {
    format!(
        r##"<script id="gazette-serve-reload" data-tag="{attr}">
(function () {{
  var path = {path}, tag = {tag};
  var own = "script:not(#gazette-serve-reload)";
  function swap(html) {{
    var doc = new DOMParser().parseFromString(html, "text/html");
    var mine = doc.getElementById("gazette-serve-reload");
    if (!mine || doc.head.innerHTML !== document.head.innerHTML
        || doc.documentElement.lang !== document.documentElement.lang
        || doc.querySelector(own) || document.querySelector(own)) {{
      location.reload();
      return;
    }}
    document.body.replaceWith(doc.body);
    tag = mine.getAttribute("data-tag");
    poll(0);
  }}
  function poll(delay) {{
    setTimeout(function () {{
      fetch("/__gazette/wait?path=" + encodeURIComponent(path) + "&tag=" + tag, {{cache: "no-store"}})
        .then(function (r) {{ if (!r.ok) throw new Error(r.status); return r.text(); }})
        .then(function (t) {{
          if (t.trim() === tag) return poll(0);
          return fetch(location.href.split("#")[0], {{cache: "no-store"}})
            .then(function (r) {{ return r.text(); }})
            .then(swap, function () {{ location.reload(); }});
        }})
        .catch(function () {{ poll(1000); }});
    }}, delay);
  }}
  poll(0);
}})();
</script>
"##,
        path = js_string(path),
        tag = js_string(tag),
        attr = escape(tag),
    )
}

/// The failed build's diagnostics, over the whole page. Any ID or mobile
/// number in them is masked: the page may be open on a shared screen, and
/// a diagnostic may quote a cell or a template line holding one.
pub fn error_overlay(error: &str) -> String {
    format!(
        r#"<div id="gazette-serve-error" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5em 2em;background:#fff;color:#111;border-top:6px solid #c00;font:15px/1.5 system-ui,sans-serif;text-align:left">
<p style="margin:0 0 1em"><strong>{}</strong> {}</p>
<pre style="white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;margin:0">{}</pre>
</div>
"#,
        escape(&crate::t!("serve-overlay-title")),
        escape(&crate::t!("serve-overlay-text")),
        escape(&crate::data::idcard::mask_numbers(error))
    )
}

/// Insert `extra` before the last `</body>`, or at the end.
fn insert_before_body_end(html: &str, extra: &str) -> String {
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

/// Resolve `href` found on the page at `page` to a site path, if it is a
/// link within the site.
fn resolve(page: &str, href: &str) -> Option<String> {
    let href = href.split(['#', '?']).next()?;
    if href.is_empty() || href.contains(':') || href.starts_with("//") {
        return None;
    }
    let mut segs: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        let mut s: Vec<&str> = page.split('/').collect();
        s.pop();
        s
    };
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop()?;
            }
            s => segs.push(s),
        }
    }
    Some(segs.join("/"))
}

/// Point links to PDFs of the site at the viewer, which can reload.
fn rewrite_pdf_links(html: &str, page: &str, snap: &Snapshot) -> String {
    const ATTR: &str = "href=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(ATTR) {
        let start = at + ATTR.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let Some(end) = rest.find('"') else { break };
        let href = &rest[..end];
        // The pages escape `/` in values (`{{ root }}` gives `..&#x2F;`).
        let plain = href
            .replace("&#x2F;", "/")
            .replace("&#47;", "/")
            .replace("&amp;", "&");
        match resolve(page, &plain) {
            Some(target) if target.ends_with(".pdf") && snap.files.contains_key(&target) => {
                out.push_str("/__gazette/pdf?path=");
                out.push_str(&percent_encode(&target));
            }
            _ => out.push_str(href),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A built HTML page as served: PDF links to the viewer, the error overlay
/// when the last build failed, and the reload script.
pub fn decorate(html: &[u8], page: &str, snap: &Snapshot) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let text = rewrite_pdf_links(&text, page, snap);
    let mut extra = String::new();
    if let Some(e) = &snap.error {
        extra.push_str(&error_overlay(e));
    }
    extra.push_str(&reload_script(page, &snap.tag(page)));
    insert_before_body_end(&text, &extra).into_bytes()
}

/// A page of its own: the viewer of a PDF, a missing page, the failed first build.
pub fn standalone(title: &str, body: &str, watch_path: &str, snap: &Snapshot) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(e) = &snap.error {
        extra.push_str(&error_overlay(e));
    }
    extra.push_str(&reload_script(watch_path, &snap.tag(watch_path)));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · gazette serve</title>\n\
         <style>html,body{{margin:0;height:100%}}iframe{{display:block;border:0;width:100%;height:100%}}\
         main{{padding:2em;font:16px/1.5 system-ui,sans-serif}}</style>\n\
         </head>\n<body>\n{body}\n{extra}</body>\n</html>\n",
        crate::i18n::lang().tag(),
        escape(title)
    )
    .into_bytes()
}

/// The viewer of the PDF at `path` (known to be in the snapshot): the
/// query with the PDF's tag makes every new version a new URL.
pub fn pdf_viewer(path: &str, snap: &Snapshot) -> Vec<u8> {
    let src = format!("/{}?v={}", percent_encode(path), snap.tag(path));
    let body = format!(
        "<iframe id=\"gazette-pdf\" src=\"{}\" title=\"{}\"></iframe>",
        escape(&src),
        escape(path)
    );
    standalone(path, &body, path, snap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn site_paths_are_decoded_once_and_dot_segments_refused() {
        assert_eq!(site_path("/").unwrap(), "index.html");
        assert_eq!(site_path("/2024/").unwrap(), "2024/index.html");
        assert_eq!(site_path("/2024/notice.html").unwrap(), "2024/notice.html");
        assert_eq!(
            site_path("//2024//notice.html").unwrap(),
            "2024/notice.html"
        );
        assert_eq!(site_path("/%E5%85%AC/a.html").unwrap(), "公/a.html");
        for bad in [
            "",
            "2024/notice.html",
            "/../gazette.yaml",
            "/2024/../../gazette.yaml",
            "/%2e%2e/gazette.yaml",
            "/%2E%2E/gazette.yaml",
            "/.%2e/gazette.yaml",
            "/..%2fgazette.yaml",
            "/%2e%2e%2fgazette.yaml",
            "/..%5cgazette.yaml",
            "/..\\gazette.yaml",
            "/%252e%252e/gazette.yaml",
            "/a%00.html",
            "/a%0a.html",
            "/./index.html",
            "/%zz",
            "/%2",
            "/%ff.html",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn query_params_decode() {
        assert_eq!(
            query_param("path=2024%2Fnotice.pdf&x=1", "path").unwrap(),
            "2024/notice.pdf"
        );
        assert_eq!(query_param("a=1", "path"), None);
        assert_eq!(query_param("path=%zz", "path"), None);
    }

    fn snap_with(paths: &[&str]) -> Snapshot {
        let mut s = Snapshot::default();
        for p in paths {
            s.files.insert(
                p.to_string(),
                Arc::new(super::super::Entry {
                    bytes: Arc::from(&b""[..]),
                    hash: 0,
                }),
            );
        }
        s
    }

    #[test]
    fn pdf_links_of_the_site_go_to_the_viewer() {
        let snap = snap_with(&["2024/notice.pdf", "2024/publicity/a/list.pdf"]);
        let html = r#"<a href="notice.pdf">x</a><a href="publicity/a/list.pdf#p2">y</a><a href="other.pdf">z</a><a href="https://e.org/a.pdf">w</a><a href="../index.html">i</a><a href="..&#x2F;2024/notice.pdf">e</a>"#;
        let out = rewrite_pdf_links(html, "2024/notice.html", &snap);
        assert!(out.contains(r#"href="/__gazette/pdf?path=2024/notice.pdf""#));
        assert!(out.contains(r#"href="/__gazette/pdf?path=2024/publicity/a/list.pdf""#));
        assert!(out.contains(r#"href="other.pdf""#));
        assert!(out.contains(r#"href="https://e.org/a.pdf""#));
        assert!(out.contains(r#"href="../index.html""#));
        assert_eq!(
            out.matches("/__gazette/pdf?path=2024/notice.pdf\"").count(),
            2
        );
        let index = rewrite_pdf_links(r#"<a href="2024/notice.pdf">"#, "index.html", &snap);
        assert!(index.contains("/__gazette/pdf?path=2024/notice.pdf"));
    }

    #[test]
    fn decorated_pages_escape_the_error_and_carry_the_script() {
        let mut snap = snap_with(&["index.html"]);
        snap.error = Some("error: <b>&</b>\n  --> content/2024/schedule.yaml:3:1".into());
        let out =
            String::from_utf8(decorate(b"<body><p>x</p></body>", "index.html", &snap)).unwrap();
        assert!(out.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
        assert!(out.contains("content/2024/schedule.yaml:3:1"));
        let script = out.find("gazette-serve-reload").unwrap();
        assert!(script < out.find("</body>").unwrap());
        assert!(out.contains(&snap.tag("index.html")));
    }

    #[test]
    fn script_strings_cannot_close_the_script() {
        assert!(!reload_script("</script><b>", "t").contains("</script><b>"));
    }
}
