//! Proves the CDP driver in `common/browser.rs` works against real headless
//! Chromium: typing filters a table like a user would, clearing restores it,
//! clicks reach handlers, and a JavaScript-generated download lands on disk.

use crate::common::browser::{file_url, Browser};
use std::path::Path;

const PAGE: &str = r#"<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>smoke</title></head>
<body>
<input id="q" type="search" placeholder="搜索">
<table id="people"><tbody>
<tr><td>Alice</td><td>Beijing</td></tr>
<tr><td>Bob</td><td>Shanghai</td></tr>
<tr><td>Alicia</td><td>Guangzhou</td></tr>
<tr><td>张三</td><td>深圳</td></tr>
</tbody></table>
<button id="dl">Download</button>
<p id="clicked" hidden>clicked</p>
<script>
window.inputEvents = 0;
const q = document.getElementById('q');
q.addEventListener('input', () => {
  window.inputEvents++;
  const needle = q.value.trim().toLowerCase();
  for (const tr of document.querySelectorAll('#people tr')) {
    tr.style.display = tr.textContent.toLowerCase().includes(needle) ? '' : 'none';
  }
});
document.getElementById('dl').addEventListener('click', () => {
  document.getElementById('clicked').hidden = false;
  const blob = new Blob(['hello from a blob\n你好\n'], {type: 'text/plain'});
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'x.txt';
  document.body.appendChild(a);
  a.click();
  a.remove();
});
</script>
</body>
</html>
"#;

fn write_page(dir: &Path) -> String {
    let path = dir.join("index.html");
    std::fs::write(&path, PAGE).expect("write test page");
    file_url(&path).expect("file url")
}

fn open() -> (Browser, tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let url = write_page(tmp.path());
    let mut b = Browser::launch().expect("launch chromium");
    b.goto(&url).expect("open test page");
    (b, tmp, url)
}

const NAMES: &str = "#people tr td:first-child";

#[test]
fn typing_filters_rows_and_clearing_restores_them() {
    let (mut b, _tmp, _) = open();
    let all = ["Alice", "Bob", "Alicia", "张三"];
    assert_eq!(b.visible_texts(NAMES).unwrap(), all);

    b.type_into("#q", "ali").unwrap();
    assert_eq!(b.visible_texts(NAMES).unwrap(), ["Alice", "Alicia"]);
    // One input event per typed character, as with a real keyboard.
    assert_eq!(b.eval("window.inputEvents").unwrap(), 3);
    assert_eq!(b.eval("document.getElementById('q').value").unwrap(), "ali");

    b.type_into("#q", "ce").unwrap();
    assert_eq!(b.visible_texts(NAMES).unwrap(), ["Alice"]);

    b.clear("#q").unwrap();
    assert_eq!(b.eval("document.getElementById('q').value").unwrap(), "");
    assert_eq!(b.visible_texts(NAMES).unwrap(), all);
    assert_eq!(b.eval("window.inputEvents").unwrap(), 6);

    // CJK text goes through the same path.
    b.type_into("#q", "张三").unwrap();
    assert_eq!(b.visible_texts(NAMES).unwrap(), ["张三"]);
    b.clear("#q").unwrap();
    assert_eq!(b.visible_texts(NAMES).unwrap(), all);

    // Whole rows: innerText of visible <tr>s.
    b.type_into("#q", "shanghai").unwrap();
    let rows = b.visible_texts("#people tr").unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].starts_with("Bob") && rows[0].ends_with("Shanghai"));

    // Waiting, and errors that say what went wrong.
    b.eval("setTimeout(() => { window.later = 42; }, 100)")
        .unwrap();
    b.wait_for("window.later === 42", 5_000).unwrap();
    let err = b.wait_for("window.never === 1", 200).unwrap_err();
    assert!(err.contains("timed out"), "{err}");
    let err = b.eval("null.x").unwrap_err();
    assert!(err.contains("TypeError"), "{err}");
    let err = b.eval("Promise.reject(new Error('nope'))").unwrap_err();
    assert!(err.contains("nope"), "{err}");
    let err = b.type_into("#missing", "x").unwrap_err();
    assert!(
        err.contains("no element matches selector #missing"),
        "{err}"
    );
    let err = b.click("#clicked").unwrap_err();
    assert!(err.contains("not visible"), "{err}");
    let err = b.goto("https://example.com/").unwrap_err();
    assert!(err.contains("refusing"), "{err}");
    let err = b.goto("file:///nonexistent/gazette/page.html").unwrap_err();
    assert!(err.contains("ERR_FILE_NOT_FOUND"), "{err}");
}

#[test]
fn click_triggers_a_blob_download() {
    let (mut b, tmp, url) = open();
    let downloads = tmp.path().join("downloads");
    b.set_download_dir(&downloads).unwrap();

    b.click("#dl").unwrap();
    assert_eq!(b.visible_texts("#clicked").unwrap(), ["clicked"]);
    let file = b.wait_for_download(20_000).unwrap();
    assert_eq!(file.file_name().unwrap(), "x.txt");
    assert!(file.starts_with(downloads.canonicalize().unwrap()));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "hello from a blob\n你好\n"
    );

    // A second download in the same session, after navigating again, is
    // seen as a new event (not the first one's leftovers) and re-creates the
    // file.
    std::fs::remove_file(&file).unwrap();
    b.goto(&url).unwrap();
    b.click("#dl").unwrap();
    let second = b.wait_for_download(20_000).unwrap();
    assert_eq!(second, file);
    assert_eq!(
        std::fs::read_to_string(&second).unwrap(),
        "hello from a blob\n你好\n"
    );
}
