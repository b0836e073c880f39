//! Tables in the notice, through the real binary: GFM pipe tables with
//! captions and fact references in cells, `{{ schedule | table }}` with the
//! columns configured in schedule.yaml, the web page's markup (checked by
//! the Nu HTML Checker), a table too wide for any page refused at the table, and
//! `gazette diff` cell by cell.

use crate::common::*;
use std::fs;
use std::path::{Path, PathBuf};

const ATTACHMENT: &str = "content/2024/attachment-1.md";
const SCHEDULE: &str = "content/2024/schedule.yaml";

/// A table with a caption before it, alignment, and references in cells.
const PIPE_TABLE: &str = "报名工作各阶段时间安排如下。

: 各阶段日程一览

| 序号 | 时间 | 工作内容 |
|:---:|---|--:|
| 1 | {{ schedule.registration }} | {{ schedule.registration.name }} |
| 2 | {{ schedule.review.start | weekday }} | 资格审核 \\| 初审 |
";

fn write(site: &Path, rel: &str, text: &str) {
    fs::write(site.join(rel), text).unwrap();
}

/// The example's schedule.yaml without its `by:` fields and `table:`
/// settings: the schedule as a year written before tables.
fn plain_schedule(site: &Path) -> String {
    let sched = site.join(SCHEDULE);
    let text = fs::read_to_string(&sched).unwrap();
    assert!(text.contains("\ntable: {"), "the table settings");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("    by: ") && !l.starts_with("table: "))
        .collect();
    let plain = kept.join("\n") + "\n";
    fs::write(&sched, &plain).unwrap();
    plain
}

fn build_html(site: &Path) -> PathBuf {
    let out = gazette(&["build", "--root", ".", "--only", "html"], site);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site.join("output")
}

/// The `<table>` … `</table>` of a page (the first one).
fn table_of(html: &str) -> &str {
    let start = html
        .find("<table class=\"doc-table\">")
        .expect("a table in the page");
    let end = html[start..].find("</table>").unwrap() + start + 8;
    &html[start..end]
}

fn squeeze(s: &str) -> String {
    s.lines().map(str::trim).collect()
}

#[test]
fn a_pipe_table_with_caption_and_references_in_cells() {
    let site = example_2024_site();
    write(site.path(), ATTACHMENT, PIPE_TABLE);
    let out = build_html(site.path());
    let html = fs::read_to_string(out.join("2024/notice.html")).unwrap();
    let t = squeeze(table_of(&html));
    assert_eq!(
        t,
        "<table class=\"doc-table\">\
         <caption>各阶段日程一览</caption>\
         <thead>\
         <tr><th scope=\"col\" class=\"al-center\">序号</th><th scope=\"col\">时间</th><th scope=\"col\" class=\"al-right\">工作内容</th></tr>\
         </thead>\
         <tbody>\
         <tr><td class=\"al-center\">1</td><td>2024年1月20日8时至2月2日17时</td><td class=\"al-right\">考生注册报名及信息完善</td></tr>\
         <tr><td class=\"al-center\">2</td><td>2024年2月4日（星期日）8时</td><td class=\"al-right\">资格审核 | 初审</td></tr>\
         </tbody>\
         </table>"
    );
    // The caption paragraph is not printed a second time.
    assert_eq!(
        html.matches("各阶段日程一览").count(),
        2,
        "caption and aria-label"
    );
    // It scrolls inside its own box, which a keyboard can reach.
    assert!(html.contains(
        "<div class=\"table-box\" role=\"region\" tabindex=\"0\" aria-label=\"各阶段日程一览（可左右滑动）\">"
    ));
    let css = fs::read_to_string(out.join("assets/gazette.css")).unwrap();
    assert!(css.contains(".table-box { max-width: 100%; overflow-x: auto;"));
    assert!(css.contains("table.doc-table thead { display: table-header-group; }"));
}

#[test]
fn a_caption_after_the_table_and_a_table_without_one() {
    let site = example_2024_site();
    write(
        site.path(),
        ATTACHMENT,
        "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n：附表说明\n\n| 丙 |\n|---|\n| 3 |\n",
    );
    let out = build_html(site.path());
    let html = fs::read_to_string(out.join("2024/notice.html")).unwrap();
    let first = squeeze(table_of(&html));
    assert!(first.contains("<caption>附表说明</caption>"), "{first}");
    let second = &html[html
        .find("<th scope=\"col\">丙</th>")
        .expect("second table")..];
    assert!(!second[..second.find("</table>").unwrap()].contains("<caption>"));
    assert!(html.contains("aria-label=\"表格（可左右滑动）\""));
}

#[test]
fn schedule_table_with_default_columns() {
    let site = example_2024_site();
    plain_schedule(site.path());
    write(
        site.path(),
        ATTACHMENT,
        "日程如下。\n\n{{ schedule | table }}\n",
    );
    let out = build_html(site.path());
    let html = fs::read_to_string(out.join("2024/notice.html")).unwrap();
    let t = squeeze(table_of(&html));
    // No phase names who is responsible: 序号 · 时间 · 工作内容.
    assert!(t.contains("<thead><tr><th scope=\"col\" class=\"al-center\">序号</th><th scope=\"col\">时间</th><th scope=\"col\">工作内容</th></tr></thead>"), "{t}");
    assert!(t.contains("<tr><td class=\"al-center\">1</td><td>2024年1月19日17时前</td><td>生源高校导入考生学籍信息</td></tr>"), "{t}");
    assert_eq!(t.matches("<tr>").count(), 12, "a header and 11 phases: {t}");
}

#[test]
fn schedule_table_with_configured_columns_and_headers() {
    let site = example_2024_site();
    write(site.path(), ATTACHMENT, "{{ schedule | table }}\n");
    let sched = site.path().join(SCHEDULE);
    let text = plain_schedule(site.path());
    let text = text.replacen(
        "    name: 生源高校导入考生学籍信息\n",
        "    name: 生源高校导入考生学籍信息\n    by: 各生源高校\n",
        1,
    );
    fs::write(
        &sched,
        format!("{text}\ntable:\n  columns: [name, time, by]\n  headers: {{time: 时间安排, by: 责任单位（部门）}}\n  caption: 日程安排表\n"),
    )
    .unwrap();
    let out = build_html(site.path());
    let html = fs::read_to_string(out.join("2024/notice.html")).unwrap();
    let t = squeeze(table_of(&html));
    assert!(t.contains("<caption>日程安排表</caption>"), "{t}");
    assert!(t.contains("<tr><th scope=\"col\">工作内容</th><th scope=\"col\">时间安排</th><th scope=\"col\">责任单位（部门）</th></tr>"), "{t}");
    assert!(t.contains("<tr><td>生源高校导入考生学籍信息</td><td>2024年1月19日17时前</td><td>各生源高校</td></tr>"), "{t}");
    assert!(t.contains("<tr><td>考生注册报名及信息完善</td><td>2024年1月20日8时至2月2日17时</td><td></td></tr>"), "{t}");
}

#[test]
fn an_unknown_column_is_reported_where_it_is_written() {
    let site = example_2024_site();
    let sched = site.path().join(SCHEDULE);
    let text = plain_schedule(site.path());
    let lines = text.lines().count();
    fs::write(&sched, format!("{text}table:\n  columns: [number, tme]\n")).unwrap();
    let out = gazette(&["check"], site.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "error: `tme` is not an option of `table.columns[1]`\n  --> content/2024/schedule.yaml:{}:21",
            lines + 2
        )),
        "{err}"
    );
    assert!(
        err.contains("hint: write one of: `number`, `time`, `name`, `by`"),
        "{err}"
    );
}

/// Three columns of 40-digit numbers, never broken inside a cell: wider
/// than a landscape page's 225 mm.
fn too_wide(header: &str) -> String {
    let n = "1234567890".repeat(4);
    format!("甲\n\n{header}\n|---|---|---|\n| {n} | {n} | {n} |\n")
}

#[test]
fn a_table_too_wide_even_for_a_landscape_page_is_refused_at_the_table() {
    let site = example_2024_site();
    write(site.path(), ATTACHMENT, &too_wide("| 甲 | 乙 | 丙 |"));
    let out = gazette(&["build", "--root", "."], site.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let at = err
        .find("error: this table needs ")
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        err[at..].contains(" mm across but a landscape page of the 2024 notice has 225 mm\n  --> content/2024/attachment-1.md:3:1\n"),
        "{err}"
    );
    assert!(err.contains("split the table into two"), "{err}");
    assert!(!site.path().join("output").exists());

    // A header holding a reference is found by its delimiter row.
    write(
        site.path(),
        ATTACHMENT,
        &too_wide("| {{ year }}年 | 乙 | 丙 |"),
    );
    let out = gazette(&["check"], site.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("  --> content/2024/attachment-1.md:3:1\n"),
        "{err}"
    );
    // The schedule as a table builds.
    write(
        site.path(),
        ATTACHMENT,
        "日程如下。\n\n{{ schedule | table }}\n",
    );
    let out = gazette(&["check"], site.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The Nu HTML Checker's jar: `$GAZETTE_VNU_JAR` (CI sets it), else npm's
/// vnu-jar installed once under target/.
fn vnu_jar() -> PathBuf {
    if let Some(j) = std::env::var_os("GAZETTE_VNU_JAR") {
        return PathBuf::from(j);
    }
    let dir = repo().join("target/vnu");
    let jar = dir.join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.exists() {
        let st = std::process::Command::new("npm")
            .args(["install", "--silent", "--prefix"])
            .arg(&dir)
            .arg("vnu-jar")
            .status()
            .expect("npm is needed for the Nu HTML Checker (see .ci/run)");
        assert!(st.success(), "npm install vnu-jar failed");
    }
    jar
}

#[test]
fn a_page_with_tables_passes_the_nu_html_checker() {
    let site = example_2024_site();
    write(
        site.path(),
        ATTACHMENT,
        &format!("{PIPE_TABLE}\n{{{{ schedule | table }}}}\n\n| 无标题 |\n|---|\n| 甲 |\n"),
    );
    let out = build_html(site.path());
    let page = out.join("2024/notice.html");
    assert_eq!(
        fs::read_to_string(&page)
            .unwrap()
            .matches("<table class=\"doc-table\">")
            .count(),
        3
    );
    let res = std::process::Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "text"])
        .arg(&page)
        .output()
        .expect("java is needed for the Nu HTML Checker");
    assert!(
        res.status.success(),
        "{}{}",
        String::from_utf8_lossy(&res.stdout),
        String::from_utf8_lossy(&res.stderr)
    );
}

#[test]
fn diff_shows_table_changes_cell_by_cell() {
    let site = example_site();
    plain_schedule(site.path());
    for y in ["2023", "2024"] {
        write(
            site.path(),
            &format!("content/{y}/attachment-1.md"),
            "{{ schedule | table }}\n",
        );
    }
    let out = gazette(&["diff", "2023", "2024"], site.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The registration window moved: its 时间 cell, not the whole row.
    let cell = text
        .lines()
        .position(|l| l.contains("第2行 · 时间"))
        .unwrap_or_else(|| panic!("no cell change of row 2 in:\n{text}"));
    let lines: Vec<&str> = text.lines().skip(cell + 1).take(2).collect();
    assert_eq!(
        lines,
        [
            "    - [-2023年2月13-]日8时至[-17日18-]时",
            "    + {+2024年1月20+}日8时至{+2月2日17+}时"
        ],
        "{text}"
    );
    assert!(!text.contains("第2行 · 工作内容"), "{text}");
    let html = fs::read_to_string(site.path().join("diff-2023-2024.html")).unwrap();
    assert!(html.contains("第2行 · 时间"), "{html}");
    assert!(html.contains("<del>") && html.contains("<ins>"));
}
