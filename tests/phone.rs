//! The pages at phone width (390 CSS pixels) in headless Chromium: nothing
//! overflows the screen, no text touches its edge, a wide table scrolls in
//! its own box, and the 公示 list is one card per candidate with names on
//! one line. Each page's screenshot is saved under target/phone/ to look at.

use crate::common::browser::{file_url, Browser};
use crate::common::*;
use std::path::{Path, PathBuf};

const WIDTH: u32 = 390;
/// Text nearer the screen's edge than this (CSS px) "touches" it.
const MARGIN: f64 = 8.0;

/// Measures the page in the browser; returns JSON.
const MEASURE: &str = r#"(() => {
  const W = document.documentElement.clientWidth;
  const out = { width: W, scroll: document.documentElement.scrollWidth, overflow: [], edge: [], names: [], boxes: [] };
  const boxed = el => el.closest('.table-box') && !el.classList.contains('table-box');
  const shown = el => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden'; };
  for (const el of document.querySelectorAll('body *')) {
    if (boxed(el) || el.closest('.skip') || !shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    if (r.left < -0.5 || r.right > W + 0.5)
      out.overflow.push(`${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const n = walk.currentNode, p = n.parentElement;
    if (!n.textContent.trim() || boxed(p) || p.closest('.skip') || !shown(p)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && (r.left < MARGIN || r.right > W - MARGIN))
        out.edge.push(`${n.textContent.trim().slice(0, 12)} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  for (const td of document.querySelectorAll('table.list td[data-label="姓名"]')) {
    const range = document.createRange();
    range.selectNodeContents(td);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    out.names.push([td.textContent.trim(), lines.size, getComputedStyle(td.parentElement).display]);
  }
  out.cells = [];
  for (const td of document.querySelectorAll('table.doc-table td, table.doc-table th')) {
    const text = td.textContent.trim();
    const range = document.createRange();
    range.selectNodeContents(td);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
    if ([...text].length >= 3 && lines >= [...text].length - 1) out.cells.push(`${text.slice(0, 12)}: ${lines} lines`);
  }
  for (const b of document.querySelectorAll('.table-box')) {
    out.boxes.push([b.clientWidth, b.scrollWidth, getComputedStyle(b).overflowX]);
  }
  return JSON.stringify(out);
})()"#;

fn measure(b: &mut Browser, page: &Path, shot: &Path) -> serde_json::Value {
    b.goto(&file_url(page).unwrap()).unwrap();
    b.screenshot(shot).unwrap();
    let js = MEASURE.replace("MARGIN", &MARGIN.to_string());
    let v = b.eval(&js).unwrap();
    serde_json::from_str(v.as_str().expect("a JSON string")).unwrap()
}

fn shots() -> PathBuf {
    let dir = repo().join("target/phone");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A wide table in the attachment, so the notice shows how tables behave.
const WIDE: &str = "报名工作各阶段时间安排如下。

{{ schedule | table }}

| 院校 | 联系部门 | 电话 | 地址 | 邮编 | 电子邮箱 |
|---|---|---|---|---|---|
| 湖南工业职业技术学院 | 招生就业处 | 0731-00000000 | 长沙市开福区某某路一百二十三号 | 410000 | zsb-office@example.edu.cn |
";

#[test]
fn pages_fit_a_phone_screen() {
    let site = example_2024_site();
    std::fs::write(site.path().join("content/2024/attachment-1.md"), WIDE).unwrap();
    let out = gazette(&["build", "--root", ".", "--only", "html"], site.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = site.path().join("output");
    let pages = [
        ("notice", "2024/notice.html"),
        ("publicity-index", "2024/publicity/veteran/index.html"),
        ("publicity-list", "2024/publicity/veteran/page-1.html"),
        ("receipts", "2024/receipts/index.html"),
        ("front", "index.html"),
    ];
    let mut b = Browser::launch().expect("launch chromium");
    b.set_viewport(WIDTH, 844).unwrap();
    let dir = shots();
    let mut problems = Vec::new();
    for (name, rel) in pages {
        let page = root.join(rel);
        assert!(page.exists(), "{rel} was not built");
        let m = measure(&mut b, &page, &dir.join(format!("{name}.png")));
        assert_eq!(m["width"], WIDTH, "{rel}: viewport");
        if m["scroll"].as_u64() != Some(u64::from(WIDTH)) {
            problems.push(format!(
                "{rel}: the page scrolls sideways ({} px wide)",
                m["scroll"]
            ));
        }
        // No table cell squeezed to a character or two a line.
        for key in ["overflow", "edge", "cells"] {
            for item in m[key].as_array().unwrap() {
                problems.push(format!("{rel}: {key}: {item}"));
            }
        }
        for n in m["names"].as_array().unwrap() {
            if n[1] != 1 || n[2] != "block" {
                problems.push(format!("{rel}: name not a one-line card field: {n}"));
            }
        }
        if name == "publicity-list" {
            assert!(m["names"].as_array().unwrap().len() >= 5, "{rel}: {m}");
        }
        if name == "notice" {
            // The wide table scrolls inside its box; the page does not.
            let boxes = m["boxes"].as_array().unwrap();
            assert_eq!(boxes.len(), 2, "{m}");
            let wide = &boxes[1];
            assert!(
                wide[1].as_u64() > wide[0].as_u64(),
                "the wide table fits? {wide}"
            );
            assert_eq!(wide[2], "auto");
            b.screenshot_of(".attachment", &dir.join("notice-attachment.png"))
                .unwrap();
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn desktop_and_print_keep_the_list_a_table() {
    let site = example_2024_site();
    let out = gazette(&["build", "--root", ".", "--only", "html"], site.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = site
        .path()
        .join("output/2024/publicity/veteran/page-1.html");
    let mut b = Browser::launch().expect("launch chromium");
    b.goto(&file_url(&page).unwrap()).unwrap();
    let display =
        "getComputedStyle(document.querySelector('table.list tbody tr:not(.group)')).display";
    assert_eq!(b.eval(display).unwrap(), "table-row");
    assert_eq!(
        b.eval("getComputedStyle(document.querySelector('table.list thead')).position")
            .unwrap(),
        "static"
    );
}
