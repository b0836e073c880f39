//! Audit publicity (公示), end to end: copies of the example site built by the
//! real binary, the published lists read back from every form they take
//! (list.csv, the page-N.html tables, list-data.js, the count on index.html
//! and the text of list.pdf) and compared with what candidates.csv says;
//! the period, the objection channel, privacy, the three input formats,
//! escaping, the offline search in headless Chromium, and the links to the
//! lists.

use crate::common::browser::{file_url, Browser};
use crate::common::*;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The published column headers of the example, in order.
const PUBLISHED: [&str; 5] = ["姓名", "性别", "院校", "专业", "资格依据"];
/// The header row of the example's candidates.csv.
const CSV_HEADER: &str = "姓名,性别,身份证号,手机号,院校,专业,报考类别,审核结果,志愿类别,资格依据";
/// The categories the example publicises.
const PUBLICISED: [&str; 4] = ["poverty", "veteran", "competition", "craftsman"];
/// The example's review word for "passed".
const PASSED: &str = "通过";

// ---------------------------------------------------------------------------
// The input side: candidates and categories as the content holds them.

/// One row of candidates.csv, by header.
type Record = BTreeMap<String, String>;

fn field<'a>(r: &'a Record, header: &str) -> &'a str {
    r.get(header)
        .unwrap_or_else(|| panic!("candidates.csv has no column {header}"))
}

fn read_candidates(path: &Path) -> Vec<Record> {
    let text = fs::read_to_string(path).expect("read candidates.csv");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("header row")
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    reader
        .records()
        .map(|rec| {
            let rec = rec.expect("a CSV record");
            headers
                .iter()
                .enumerate()
                .map(|(i, h)| (h.clone(), rec.get(i).unwrap_or("").trim().to_string()))
                .collect()
        })
        .filter(|r: &Record| r.values().any(|v| !v.is_empty()))
        .collect()
}

#[derive(Debug, Clone)]
struct Category {
    id: String,
    name: String,
    publicised: bool,
}

fn categories(root: &Path) -> Vec<Category> {
    let text = fs::read_to_string(root.join("content/2024/categories.yaml")).unwrap();
    let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    v["categories"]
        .as_sequence()
        .expect("categories")
        .iter()
        .map(|c| Category {
            id: c["id"].as_str().unwrap().to_string(),
            name: c["name"].as_str().unwrap().to_string(),
            publicised: c["publicised"].as_bool().unwrap_or(false),
        })
        .collect()
}

fn publicised(root: &Path) -> Vec<Category> {
    let cats: Vec<Category> = categories(root)
        .into_iter()
        .filter(|c| c.publicised)
        .collect();
    let ids: BTreeSet<&str> = cats.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, BTreeSet::from(PUBLICISED), "publicised categories");
    cats
}

fn in_category(r: &Record, c: &Category) -> bool {
    let v = field(r, "报考类别");
    v == c.name || v == c.id
}

/// The published cells of every candidate who passed in `c`, in file order.
fn passed_rows(records: &[Record], c: &Category) -> Vec<Vec<String>> {
    records
        .iter()
        .filter(|r| in_category(r, c) && field(r, "审核结果") == PASSED)
        .map(|r| PUBLISHED.iter().map(|h| field(r, h).to_string()).collect())
        .collect()
}

fn sorted<T: Ord + Clone>(v: &[T]) -> Vec<T> {
    let mut v = v.to_vec();
    v.sort();
    v
}

// ---------------------------------------------------------------------------
// ID numbers with correct check characters, and masking as published.

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

fn check_char(body17: &str) -> char {
    let sum: u32 = body17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).expect("digit") * w)
        .sum();
    CHECK[(sum % 11) as usize] as char
}

/// region (6 digits) + birth (8) + sequence (3; its last digit odd for men).
fn id_number(region: &str, birth: &str, seq: &str) -> String {
    let body = format!("{region}{birth}{seq}");
    assert_eq!(body.len(), 17);
    format!("{body}{}", check_char(&body))
}

/// `430102********1234`.
fn mask(id: &str) -> String {
    format!(
        "{}{}{}",
        &id[..6],
        "*".repeat(id.len() - 10),
        &id[id.len() - 4..]
    )
}

fn sex_of(id: &str) -> &'static str {
    if id.as_bytes()[16] % 2 == 1 {
        "男"
    } else {
        "女"
    }
}

// ---------------------------------------------------------------------------
// Sites: copies of the example with edits, built by the real binary.

fn site(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let s = example_site();
    edit(s.path());
    s
}

/// Build only the web pages (fast: no fonts, no PDF).
fn build_html(root: &Path) -> PathBuf {
    let out = gazette(&["build", "--root", ".", "--only", "html"], root);
    assert!(
        out.status.success(),
        "gazette build --only html failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    root.join("output")
}

fn edit_file(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fs::write(path, f(text)).unwrap();
}

/// Replace the top-level `key:` line of a YAML text (comments included).
fn set_line(text: &str, key: &str, line: &str) -> String {
    let re = Regex::new(&format!(r"(?m)^{key}:.*$")).unwrap();
    assert!(re.is_match(text), "no `{key}:` line in\n{text}");
    re.replace(text, regex::NoExpand(line)).into_owned()
}

fn edit_publicity(root: &Path, f: impl FnOnce(String) -> String) {
    edit_file(&root.join("content/2024/publicity.yaml"), f);
}

/// Append rows (in the order of `CSV_HEADER`) to the site's candidates.csv;
/// the later columns get a fresh registration number and empty cells.
fn append_candidates(root: &Path, rows: &[[&str; 10]]) {
    let path = root.join("content/2024/candidates.csv");
    let mut text = fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(CSV_HEADER),
        "unexpected header in {text:.80}"
    );
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let columns = text.lines().next().unwrap().split(',').count();
    for (i, r) in rows.iter().enumerate() {
        let mut cells: Vec<String> = r.iter().map(|c| c.to_string()).collect();
        cells.push(format!("24439900{i:04}"));
        cells.resize(columns, String::new());
        w.write_record(&cells).unwrap();
    }
    text.push_str(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    fs::write(&path, text).unwrap();
}

// ---------------------------------------------------------------------------
// The output side: the published lists read back.

fn list_dir(out: &Path, id: &str) -> PathBuf {
    out.join("2024/publicity").join(id)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// list.csv: UTF-8 with a BOM; the header row and the data rows.
fn list_csv(dir: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = fs::read(dir.join("list.csv")).expect("list.csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{}/list.csv has no UTF-8 BOM",
        dir.display()
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("list.csv is UTF-8");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert!(!rows.is_empty(), "list.csv has no header row");
    let header = rows.remove(0);
    (header, rows)
}

/// Text of an HTML fragment: tags dropped, entities decoded.
fn html_text(s: &str) -> String {
    let tags = Regex::new(r"<[^>]*>").unwrap();
    unescape(&tags.replace_all(s, ""))
}

fn unescape(s: &str) -> String {
    let ent = Regex::new(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);").unwrap();
    ent.replace_all(s, |c: &regex::Captures| {
        let e = &c[1];
        let ch = if let Some(h) = e.strip_prefix("#x") {
            char::from_u32(u32::from_str_radix(h, 16).unwrap())
        } else if let Some(d) = e.strip_prefix('#') {
            char::from_u32(d.parse().unwrap())
        } else {
            match e {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => None,
            }
        };
        ch.map_or_else(|| c[0].to_string(), |ch| ch.to_string())
    })
    .into_owned()
}

/// One row of a list page's table body.
#[derive(Debug, Clone, PartialEq)]
enum Tr {
    /// A college heading, as shown (with （续） when continued).
    Group(String),
    /// Serial number and cells.
    Row(usize, Vec<String>),
}

fn tbody_rows(html: &str) -> Vec<Tr> {
    let start = html.find("<tbody>").expect("a <tbody>");
    let end = html[start..].find("</tbody>").expect("</tbody>") + start;
    let body = &html[start..end];
    let tr = Regex::new(r#"(?s)<tr( class="group")?>(.*?)</tr>"#).unwrap();
    let td = Regex::new(r"(?s)<td[^>]*>(.*?)</td>").unwrap();
    tr.captures_iter(body)
        .map(|c| {
            if c.get(1).is_some() {
                Tr::Group(html_text(&c[2]).trim().to_string())
            } else {
                let mut cells: Vec<String> =
                    td.captures_iter(&c[2]).map(|d| html_text(&d[1])).collect();
                assert!(!cells.is_empty(), "a row without cells: {}", &c[0]);
                let serial = cells.remove(0).parse().expect("serial number");
                Tr::Row(serial, cells)
            }
        })
        .collect()
}

fn thead_cells(html: &str) -> Vec<String> {
    let start = html.find("<thead>").expect("a <thead>");
    let end = html[start..].find("</thead>").expect("</thead>") + start;
    let th = Regex::new(r"(?s)<th[^>]*>(.*?)</th>").unwrap();
    th.captures_iter(&html[start..end])
        .map(|c| html_text(&c[1]))
        .collect()
}

/// page-1.html, page-2.html, … as long as they exist.
fn pages(dir: &Path) -> Vec<String> {
    (1..)
        .map(|n| dir.join(format!("page-{n}.html")))
        .take_while(|p| p.exists())
        .map(|p| read(&p))
        .collect()
}

/// The data rows of all pages, with their serial numbers.
fn page_rows(dir: &Path) -> Vec<(usize, Vec<String>)> {
    pages(dir)
        .iter()
        .flat_map(|html| tbody_rows(html))
        .filter_map(|t| match t {
            Tr::Row(n, cells) => Some((n, cells)),
            Tr::Group(_) => None,
        })
        .collect()
}

/// One entry of list-data.js.
#[derive(Debug, Clone, PartialEq)]
struct DataRow {
    serial: u64,
    page: u64,
    college: String,
    cells: Vec<String>,
}

fn list_data(dir: &Path) -> Vec<DataRow> {
    let js = read(&dir.join("list-data.js"));
    let body = js
        .trim()
        .strip_prefix("window.GAZETTE_LIST=")
        .and_then(|s| s.strip_suffix(';'))
        .unwrap_or_else(|| panic!("unexpected list-data.js: {js:.120}"));
    let v: Vec<Vec<serde_json::Value>> = serde_json::from_str(body).expect("JSON list");
    v.into_iter()
        .map(|r| {
            assert!(r.len() >= 3, "short entry {r:?}");
            let s = |x: &serde_json::Value| {
                x.as_str()
                    .unwrap_or_else(|| panic!("not a string: {x}"))
                    .to_string()
            };
            DataRow {
                serial: r[0].as_u64().expect("serial"),
                page: r[1].as_u64().expect("page"),
                college: s(&r[2]),
                cells: r[3..].iter().map(s).collect(),
            }
        })
        .collect()
}

/// The count index.html shows: 公示人数 … N人.
fn shown_count(index: &str) -> usize {
    let re = Regex::new(r"公示人数(?:</dt>)?\s*(?:<dd>)?\s*(\d+)\s*人").unwrap();
    re.captures(index)
        .unwrap_or_else(|| panic!("no 公示人数 on index.html"))[1]
        .parse()
        .unwrap()
}

fn assert_same_files(what: &str, a: &Path, b: &Path) {
    let (fa, fb) = (files_under(a), files_under(b));
    assert!(!fa.is_empty(), "{what}: nothing under {}", a.display());
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "{what}: not the same files"
    );
    for (path, bytes) in &fa {
        assert!(
            bytes == &fb[path],
            "{what}: {} differs ({} vs {} bytes)",
            path.display(),
            bytes.len(),
            fb[path].len()
        );
    }
}

/// Text of every file of one list, for "is X anywhere" questions; the PDF
/// as pdftotext reads it, with whitespace removed.
fn list_texts(dir: &Path) -> Vec<(PathBuf, String)> {
    files_under(dir)
        .into_iter()
        .map(|(rel, bytes)| {
            let text = if rel.extension().is_some_and(|e| e == "pdf") {
                squash(&pdftotext(&dir.join(&rel)))
            } else {
                String::from_utf8(bytes).expect("UTF-8 text")
            };
            (rel, text)
        })
        .collect()
}

/// A word of `pdftotext -bbox`: page, left, top, right and text.
struct Word {
    page: usize,
    x0: f32,
    y0: f32,
    x1: f32,
    text: String,
}

fn pdf_words(pdf: &Path) -> Vec<Word> {
    let xml = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let re = Regex::new(
        r#"<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>"#,
    )
    .unwrap();
    let mut page = 0;
    let mut out = Vec::new();
    for c in re.captures_iter(&xml) {
        if c.get(1).is_none() {
            page += 1;
            continue;
        }
        let f = |i: usize| c[i].parse::<f32>().unwrap();
        out.push(Word {
            page,
            x0: f(1),
            y0: f(2),
            x1: f(3),
            text: unescape(&c[4]),
        });
    }
    out
}

/// The text of one table column of a list PDF, on every page, read top to
/// bottom: pdftotext cropped to the column under the header cell `header`.
/// A cell whose text wraps reads as consecutive lines.
fn pdf_column(pdf: &Path, header: &str) -> String {
    let words = pdf_words(pdf);
    let h = words
        .iter()
        .find(|w| w.page == 1 && w.text == header)
        .unwrap_or_else(|| panic!("{}: no header cell {header}", pdf.display()));
    let right = words
        .iter()
        .filter(|w| w.page == 1 && (w.y0 - h.y0).abs() < 2.0 && w.x0 > h.x1)
        .map(|w| w.x0)
        .fold(f32::INFINITY, f32::min);
    let x = (h.x0 - 2.0).floor();
    let width = if right.is_finite() {
        (right - 2.0).floor() - x
    } else {
        600.0 - x
    };
    tool(
        "pdftotext",
        &[
            "-x",
            &x.to_string(),
            "-y",
            "0",
            "-W",
            &width.to_string(),
            "-H",
            "1000",
            pdf.to_str().unwrap(),
            "-",
        ],
    )
}

// ---------------------------------------------------------------------------
// 1. Membership.

#[test]
fn each_list_holds_exactly_the_candidates_who_passed_in_its_category() {
    // The example has failed candidates; add pending ones (待审核, 审核中,
    // and an empty review cell) in publicised categories.
    let pending: Vec<[String; 10]> = vec![
        [
            "程待审",
            "湖南交通职业技术学院",
            "退役大学生士兵免试",
            "待审核",
            "2023年9月入伍，2024年退役",
        ],
        [
            "殷审中",
            "湖南信息职业技术学院",
            "竞赛获奖免试",
            "审核中",
            "获2022年湖南省职业院校技能竞赛二等奖",
        ],
        [
            "詹空审",
            "长沙航空职业技术学院",
            "脱贫家庭毕业生计划",
            "",
            "原建档立卡贫困家庭学生",
        ],
    ]
    .into_iter()
    .enumerate()
    .map(|(i, [name, college, cat, review, reason])| {
        let id = id_number("430104", "20030601", &format!("0{i}1"));
        [
            name.to_string(),
            sex_of(&id).to_string(),
            id,
            format!("1660000000{i}"),
            college.to_string(),
            "软件技术".to_string(),
            cat.to_string(),
            review.to_string(),
            cat.to_string(),
            reason.to_string(),
        ]
    })
    .collect();
    let s = site(|root| {
        let rows: Vec<[&str; 10]> = pending
            .iter()
            .map(|r| std::array::from_fn(|i| r[i].as_str()))
            .collect();
        append_candidates(root, &rows);
    });
    let out = build(s.path());
    let records = read_candidates(&s.path().join("content/2024/candidates.csv"));
    let cats = publicised(s.path());

    // One folder per publicised category, and no other.
    let folders: BTreeSet<String> = fs::read_dir(out.join("2024/publicity"))
        .expect("output/2024/publicity")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        folders,
        PUBLICISED.iter().map(|s| s.to_string()).collect(),
        "publicity folders"
    );

    let mut excluded_checked = BTreeSet::new();
    for c in &cats {
        let dir = list_dir(&out, &c.id);
        let want = passed_rows(&records, c);
        assert!(
            !want.is_empty(),
            "{}: the example has passed candidates",
            c.id
        );
        let want_sorted = sorted(&want);
        for f in [
            "index.html",
            "page-1.html",
            "list-data.js",
            "list.csv",
            "list.pdf",
        ] {
            assert!(dir.join(f).is_file(), "{}/{f} missing", c.id);
        }

        // (a) list.csv: the published headers, then exactly these people.
        let (header, rows) = list_csv(&dir);
        assert_eq!(header, PUBLISHED, "{}: list.csv header", c.id);
        assert_eq!(sorted(&rows), want_sorted, "{}: list.csv rows", c.id);

        // (b) the tables of all list pages.
        for html in pages(&dir) {
            let mut head = vec!["序号".to_string()];
            head.extend(PUBLISHED.iter().map(|s| s.to_string()));
            assert_eq!(thead_cells(&html), head, "{}: table header", c.id);
        }
        let shown: Vec<Vec<String>> = page_rows(&dir).into_iter().map(|(_, r)| r).collect();
        assert_eq!(sorted(&shown), want_sorted, "{}: page rows", c.id);

        // (c) list-data.js: the same people, their college alongside.
        let data = list_data(&dir);
        let cells: Vec<Vec<String>> = data.iter().map(|d| d.cells.clone()).collect();
        assert_eq!(sorted(&cells), want_sorted, "{}: list-data.js", c.id);
        for d in &data {
            assert_eq!(d.college, d.cells[2], "{}: college of {d:?}", c.id);
        }

        // (d) the count on index.html.
        let index = read(&dir.join("index.html"));
        assert_eq!(shown_count(&index), want.len(), "{}: count", c.id);

        // (e) list.pdf: every name and college, the count, nobody else.
        let pdf = squash(&pdftotext(&dir.join("list.pdf")));
        assert!(
            pdf.contains(&format!("共{}人", want.len())),
            "{}: list.pdf count",
            c.id
        );
        let (names, colleges) = (
            squash(&pdf_column(&dir.join("list.pdf"), "姓名")),
            squash(&pdf_column(&dir.join("list.pdf"), "院校")),
        );
        for r in &want {
            assert!(names.contains(&r[0]), "{}: {} not in list.pdf", c.id, r[0]);
            assert!(
                colleges.contains(&r[2]),
                "{}: {} not in list.pdf",
                c.id,
                r[2]
            );
        }
        let listed_text: String = want.iter().flatten().cloned().collect();
        for r in &records {
            let name = field(r, "姓名");
            let listed = want.iter().any(|w| w[0] == name);
            if !listed && !listed_text.contains(name) && !c.name.contains(name) {
                assert!(
                    !pdf.contains(name),
                    "{}: list.pdf names {name}, who is not on the list",
                    c.id
                );
            }
        }

        // Failed and pending candidates of this category: nowhere in its output.
        let texts = list_texts(&dir);
        for r in records
            .iter()
            .filter(|r| in_category(r, c) && field(r, "审核结果") != PASSED)
        {
            let name = field(r, "姓名");
            assert!(
                !want.iter().any(|w| w[0] == name),
                "test data: {name} both passed and not"
            );
            for (file, text) in &texts {
                assert!(
                    !text.contains(name),
                    "{}/{}: names {name}, whose review is `{}`",
                    c.id,
                    file.display(),
                    field(r, "审核结果")
                );
            }
            excluded_checked.insert(field(r, "审核结果").to_string());
        }
    }
    // The test saw failed and every kind of pending candidate.
    assert_eq!(
        excluded_checked,
        BTreeSet::from(["不通过", "待审核", "审核中", ""].map(String::from))
    );
    // The general plan is not publicised: none of its people are listed.
    let general: Vec<&Record> = records
        .iter()
        .filter(|r| field(r, "报考类别") == "普通计划")
        .collect();
    assert!(!general.is_empty());
    for c in &cats {
        let (_, rows) = list_csv(&list_dir(&out, &c.id));
        for g in &general {
            assert!(
                !rows.iter().any(|r| r[0] == field(g, "姓名")),
                "{}: lists {} of the general plan",
                c.id,
                field(g, "姓名")
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 2. Order.

#[test]
fn lists_are_grouped_by_college_in_sorted_order_and_builds_are_reproducible() {
    let a = example_site();
    let b = example_site();
    let out_a = build(a.path());
    let out_b = build(b.path());

    for c in publicised(a.path()) {
        let dir = list_dir(&out_a, &c.id);
        let (_, rows) = list_csv(&dir);
        // Colleges in sorted order (so each is one block), names sorted within.
        let keys: Vec<(&str, &str)> = rows.iter().map(|r| (&*r[2], &*r[0])).collect();
        assert_eq!(keys, sorted(&keys), "{}: list.csv order", c.id);

        // The pages show the same order, one heading per college, serials 1..n.
        let mut headings = Vec::new();
        let mut shown = Vec::new();
        for html in pages(&dir) {
            for t in tbody_rows(&html) {
                match t {
                    Tr::Group(g) => headings.push(g.trim_end_matches("（续）").to_string()),
                    Tr::Row(n, cells) => shown.push((n, cells)),
                }
            }
        }
        let serials: Vec<usize> = shown.iter().map(|(n, _)| *n).collect();
        assert_eq!(serials, (1..=rows.len()).collect::<Vec<_>>(), "{}", c.id);
        let shown: Vec<Vec<String>> = shown.into_iter().map(|(_, r)| r).collect();
        assert_eq!(shown, rows, "{}: pages and list.csv disagree", c.id);
        let mut colleges: Vec<String> = rows.iter().map(|r| r[2].clone()).collect();
        colleges.dedup();
        assert_eq!(headings, colleges, "{}: college headings", c.id);
        // Each row sits under the heading of its own college.
        let mut current = None;
        for html in pages(&dir) {
            for t in tbody_rows(&html) {
                match t {
                    Tr::Group(g) => current = Some(g.trim_end_matches("（续）").to_string()),
                    Tr::Row(n, cells) => assert_eq!(
                        current.as_deref(),
                        Some(cells[2].as_str()),
                        "{}: row {n} under another college",
                        c.id
                    ),
                }
            }
        }

        // list-data.js in the same order.
        let data = list_data(&dir);
        let cells: Vec<Vec<String>> = data.iter().map(|d| d.cells.clone()).collect();
        assert_eq!(cells, rows, "{}: list-data.js order", c.id);
        let serials: Vec<u64> = data.iter().map(|d| d.serial).collect();
        assert_eq!(serials, (1..=rows.len() as u64).collect::<Vec<_>>());
    }

    // Two builds of the same input: byte-identical publicity files.
    assert_same_files(
        "two builds",
        &out_a.join("2024/publicity"),
        &out_b.join("2024/publicity"),
    );
    assert_eq!(
        fs::read(out_a.join("assets/search.js")).unwrap(),
        fs::read(out_b.join("assets/search.js")).unwrap()
    );
}

#[test]
fn the_order_does_not_depend_on_the_order_of_the_input_rows() {
    let a = example_site();
    let reversed = site(|root| {
        edit_file(&root.join("content/2024/candidates.csv"), |text| {
            let mut lines: Vec<&str> = text.lines().collect();
            let header = lines.remove(0);
            lines.reverse();
            format!("{header}\n{}\n", lines.join("\n"))
        })
    });
    let out_a = build(a.path());
    let out_r = build(reversed.path());
    assert_same_files(
        "input rows reversed",
        &out_a.join("2024/publicity"),
        &out_r.join("2024/publicity"),
    );
}

// ---------------------------------------------------------------------------
// 3. Pagination.

#[test]
fn lists_are_split_into_pages_of_page_size_rows() {
    let s = site(|root| edit_publicity(root, |t| set_line(&t, "page_size", "page_size: 3")));
    let out = build_html(s.path());
    let mut continued_seen = 0;
    let mut multi_page = 0;
    for c in publicised(s.path()) {
        let dir = list_dir(&out, &c.id);
        let (_, all) = list_csv(&dir);
        let n = all.len();
        let want_pages = n.div_ceil(3);
        let pages = pages(&dir);
        assert_eq!(pages.len(), want_pages, "{}: {n} rows, pages", c.id);
        assert!(!dir.join(format!("page-{}.html", want_pages + 1)).exists());
        if want_pages > 1 {
            multi_page += 1;
        }

        let mut prev_college: Option<String> = None;
        let mut all_shown = Vec::new();
        for (i, html) in pages.iter().enumerate() {
            let number = i + 1;
            let trs = tbody_rows(html);
            let rows: Vec<&Vec<String>> = trs
                .iter()
                .filter_map(|t| match t {
                    Tr::Row(_, r) => Some(r),
                    Tr::Group(_) => None,
                })
                .collect();
            assert!(
                !rows.is_empty() && rows.len() <= 3,
                "{} page {number}: {} rows",
                c.id,
                rows.len()
            );
            if number < want_pages {
                assert_eq!(rows.len(), 3, "{} page {number} is not full", c.id);
            }
            // Headings: （续） exactly when the college began on an earlier page.
            let mut first = true;
            for t in &trs {
                match t {
                    Tr::Group(g) => {
                        let college = g.trim_end_matches("（续）");
                        let should = first && prev_college.as_deref() == Some(college);
                        assert_eq!(
                            g.ends_with("（续）"),
                            should,
                            "{} page {number}: heading `{g}`",
                            c.id
                        );
                        if should {
                            continued_seen += 1;
                        }
                        first = false;
                    }
                    Tr::Row(_, r) => {
                        first = false;
                        prev_college = Some(r[2].clone());
                    }
                }
            }
            assert!(
                matches!(trs.first(), Some(Tr::Group(_))),
                "{} page {number} does not start with a college heading",
                c.id
            );
            all_shown.extend(rows.into_iter().cloned());

            // Prev/next links.
            let prev = format!(r#"href="page-{}.html" rel="prev""#, number.wrapping_sub(1));
            let next = format!(r#"href="page-{}.html" rel="next""#, number + 1);
            assert_eq!(
                html.contains(&prev),
                number > 1,
                "{} page {number}: prev link",
                c.id
            );
            assert_eq!(
                html.contains(&next),
                number < want_pages,
                "{} page {number}: next link",
                c.id
            );
            assert_eq!(
                html.matches("rel=\"prev\"").count(),
                usize::from(number > 1)
            );
            assert_eq!(
                html.matches("rel=\"next\"").count(),
                usize::from(number < want_pages)
            );
            assert!(
                html.contains(&format!("第{number}页，共{want_pages}页")),
                "{} page {number}: caption",
                c.id
            );
        }
        assert_eq!(all_shown, all, "{}: pages together are the list", c.id);

        // The search data knows each row's page.
        for (k, d) in list_data(&dir).iter().enumerate() {
            assert_eq!(d.page as usize, k / 3 + 1, "{}: page of {d:?}", c.id);
        }
        // index.html links to every page.
        let index = read(&dir.join("index.html"));
        for number in 1..=want_pages {
            assert!(
                index.contains(&format!("href=\"page-{number}.html\"")),
                "{}: index.html lacks page {number}",
                c.id
            );
        }
    }
    assert!(multi_page >= 2, "the example should need several pages");
    assert!(continued_seen >= 1, "no college continued across pages");
}

// ---------------------------------------------------------------------------
// 4. The period.

fn assert_period(out: &Path, root: &Path, text: &str, length: &str) {
    for c in publicised(root) {
        let dir = list_dir(out, &c.id);
        let index = read(&dir.join("index.html"));
        let full = format!("{text}（{length}）");
        assert!(
            html_text(&index).contains(&full),
            "{}: index.html lacks {full}",
            c.id
        );
        let page = html_text(&read(&dir.join("page-1.html")));
        assert!(
            page.contains(&format!("公示期：{text}")),
            "{}: page-1.html lacks {text}",
            c.id
        );
    }
}

#[test]
fn the_period_starts_with_the_publicity_phase_and_counts_working_days() {
    let s = example_site();
    let out = build(s.path());
    let text = "2024年3月4日（星期一）至2024年3月8日（星期五）";
    assert_period(&out, s.path(), text, "5个工作日");
    for c in publicised(s.path()) {
        let pdf = squash(&pdftotext(&list_dir(&out, &c.id).join("list.pdf")));
        assert!(
            pdf.contains(&format!("公示期：{text}（5个工作日）")),
            "{}: list.pdf lacks the period",
            c.id
        );
    }
}

fn period_site(period: &str) -> tempfile::TempDir {
    site(|root| {
        edit_publicity(root, |t| {
            let t = set_line(&t, "phase", "start: 2024-02-07");
            set_line(&t, "period", &format!("period: {period}"))
        })
    })
}

#[test]
fn working_days_skip_the_spring_festival() {
    let s = period_site("{working_days: 5}");
    let out = build_html(s.path());
    assert_period(
        &out,
        s.path(),
        "2024年2月7日（星期三）至2024年2月19日（星期一）",
        "5个工作日",
    );
}

#[test]
fn calendar_days_count_every_day() {
    let s = period_site("{days: 7}");
    let out = build_html(s.path());
    assert_period(
        &out,
        s.path(),
        "2024年2月7日（星期三）至2024年2月13日（星期二）",
        "7天",
    );
}

// ---------------------------------------------------------------------------
// 5. Objection channel and basis.

fn assert_objection_and_basis(root: &Path, out: &Path) {
    let text = read(&root.join("content/2024/publicity.yaml"));
    let spec: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let basis = spec["basis"].as_str().unwrap();
    assert!(basis.contains("{category}"));
    for c in publicised(root) {
        let index = html_text(&read(&list_dir(out, &c.id).join("index.html")));
        for key in ["unit", "phone", "email", "address"] {
            let v = spec["objection"][key].as_str().unwrap();
            assert!(index.contains(v), "{}: index.html lacks {key} {v}", c.id);
        }
        let want = basis.replace("{category}", &c.name);
        assert!(
            index.contains(&want),
            "{}: index.html lacks the basis\n{want}",
            c.id
        );
        assert!(!index.contains("{category}"), "{}", c.id);
    }
}

#[test]
fn the_objection_channel_and_the_basis_are_on_the_index_page() {
    let s = example_site();
    let out = build_html(s.path());
    assert_objection_and_basis(s.path(), &out);

    // Other values in publicity.yaml give other pages: nothing is built in.
    let s = site(|root| {
        edit_publicity(root, |t| {
            let re = Regex::new(r"(?ms)^objection:.*?^columns:").unwrap();
            assert!(re.is_match(&t));
            let t = re
                .replace(
                    &t,
                    regex::NoExpand(
                        "objection:\n  unit: 测试异议受理处 & 监督室\n  phone: 0731-12345678\n  email: objection@test.example\n  address: 测试市测试路1号<2号楼>\ncolumns:",
                    ),
                )
                .into_owned();
            set_line(
                &t,
                "basis",
                "basis: 依据测试文件，现将{category}名单公示，{category}考生请核对。",
            )
        })
    });
    let out = build_html(s.path());
    assert_objection_and_basis(s.path(), &out);
    let index = read(&list_dir(&out, "veteran").join("index.html"));
    assert!(index.contains("测试异议受理处 &amp; 监督室"));
    assert!(index.contains("测试市测试路1号&lt;2号楼&gt;"));
}

// ---------------------------------------------------------------------------
// 6. Privacy.

/// No full ID or phone number of `records` in any file under `out`: raw
/// bytes of every file, and the text of every PDF.
fn assert_no_full_numbers(out: &Path, records: &[Record]) {
    let mut numbers: Vec<(String, String)> = Vec::new();
    for r in records {
        let id = field(r, "身份证号");
        numbers.push((id.to_string(), mask(id)));
        numbers.push((id.to_ascii_lowercase(), mask(id)));
        let phone = field(r, "手机号");
        numbers.push((
            phone.to_string(),
            format!("{}****{}", &phone[..3], &phone[7..]),
        ));
    }
    let (mut files, mut pdfs) = (0, 0);
    for (rel, bytes) in files_under(out) {
        files += 1;
        let mut texts = vec![("bytes", String::from_utf8_lossy(&bytes).into_owned())];
        if rel.extension().is_some_and(|e| e == "pdf") {
            pdfs += 1;
            let t = pdftotext(&out.join(&rel));
            texts.push(("pdftotext", squash(&t)));
            texts.push(("pdftotext", t));
        }
        for (how, text) in &texts {
            for (n, masked) in &numbers {
                assert!(
                    !text.contains(n.as_str()),
                    "{} ({how}) holds the full number {masked}",
                    rel.display()
                );
            }
        }
    }
    assert!(files >= 25, "only {files} files scanned");
    assert!(pdfs >= 5, "only {pdfs} PDFs scanned");
}

#[test]
fn no_full_id_or_phone_number_is_published_anywhere() {
    let s = example_site();
    let out = build(s.path());
    let records = read_candidates(&s.path().join("content/2024/candidates.csv"));
    assert_eq!(records.len(), 60);
    assert_no_full_numbers(&out, &records);
}

#[test]
fn masked_id_numbers_are_published_when_asked_for() {
    // A passed veteran whose ID number is 430102********1234.
    let id = (1..=12)
        .flat_map(|m| (1..=28).map(move |d| format!("4301022003{m:02}{d:02}123")))
        .find(|body| check_char(body) == '4')
        .map(|body| format!("{body}4"))
        .expect("an ID ending in 1234");
    assert_eq!(mask(&id), "430102********1234");
    let sex = sex_of(&id);
    let s = site(|root| {
        append_candidates(
            root,
            &[[
                "符掩码",
                sex,
                &id,
                "16612340000",
                "湖南交通职业技术学院",
                "软件技术",
                "退役大学生士兵免试",
                PASSED,
                "退役大学生士兵免试",
                "2023年9月入伍，2024年退役",
            ]],
        );
        edit_publicity(root, |t| {
            set_line(
                &t,
                "columns",
                "columns: [name, sex, college, id_masked, major, reason]",
            )
        })
    });
    let out = build(s.path());
    let records = read_candidates(&s.path().join("content/2024/candidates.csv"));
    for c in publicised(s.path()) {
        let dir = list_dir(&out, &c.id);
        let (header, rows) = list_csv(&dir);
        assert_eq!(
            header,
            ["姓名", "性别", "院校", "身份证号", "专业", "资格依据"]
        );
        let want: BTreeSet<(String, String)> = records
            .iter()
            .filter(|r| in_category(r, &c) && field(r, "审核结果") == PASSED)
            .map(|r| (field(r, "姓名").to_string(), mask(field(r, "身份证号"))))
            .collect();
        let got: BTreeSet<(String, String)> =
            rows.iter().map(|r| (r[0].clone(), r[3].clone())).collect();
        assert_eq!(got, want, "{}: masked ID numbers in list.csv", c.id);
        let shown: BTreeSet<(String, String)> = page_rows(&dir)
            .into_iter()
            .map(|(_, r)| (r[0].clone(), r[3].clone()))
            .collect();
        assert_eq!(shown, want, "{}: masked ID numbers on the pages", c.id);
        let data: BTreeSet<(String, String)> = list_data(&dir)
            .into_iter()
            .map(|d| (d.cells[0].clone(), d.cells[3].clone()))
            .collect();
        assert_eq!(data, want, "{}: masked ID numbers in list-data.js", c.id);
    }
    let veteran = list_dir(&out, "veteran");
    for (file, text) in list_texts(&veteran) {
        if file.extension().is_some_and(|e| e != "pdf" && e != "html") {
            assert!(
                text.contains("430102********1234"),
                "veteran/{} lacks 430102********1234",
                file.display()
            );
        }
    }
    assert!(read(&veteran.join("page-1.html")).contains("430102********1234"));
    let column = squash(&pdf_column(&veteran.join("list.pdf"), "身份证号"));
    assert!(
        column.contains("430102********1234"),
        "list.pdf: the ID column holds {column}"
    );
    assert_no_full_numbers(&out, &records);
}

#[test]
fn masked_id_numbers_are_printed_on_one_line() {
    let s = site(|root| {
        edit_publicity(root, |t| {
            set_line(
                &t,
                "columns",
                "columns: [name, sex, college, id_masked, major, reason]",
            )
        })
    });
    let out = build(s.path());
    let records = read_candidates(&s.path().join("content/2024/candidates.csv"));
    for c in publicised(s.path()) {
        let pdf = list_dir(&out, &c.id).join("list.pdf");
        let lines: Vec<String> = pdf_column(&pdf, "身份证号").lines().map(squash).collect();
        for r in records
            .iter()
            .filter(|r| in_category(r, &c) && field(r, "审核结果") == PASSED)
        {
            let masked = mask(field(r, "身份证号"));
            assert!(
                lines.iter().any(|l| l == &masked),
                "{}: {masked} is not printed on one line of list.pdf: {lines:?}",
                c.id
            );
        }
    }
}

#[test]
fn full_id_and_phone_numbers_cannot_be_asked_for_as_columns() {
    for (key, columns) in [
        ("id_number", "columns: [name, college, id_number]"),
        ("phone", "columns: [name, phone, college]"),
    ] {
        let s = site(|root| edit_publicity(root, |t| set_line(&t, "columns", columns)));
        let check = gazette(&["check", "--root", "."], s.path());
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        assert_eq!(check.status.code(), Some(1), "{key}: check\n{said}");
        assert!(
            said.contains(&format!("column `{key}` cannot be published")),
            "{key}: {said}"
        );
        assert!(said.contains("publicity.yaml"), "{key}: {said}");
        // And a build writes nothing.
        let b = gazette(&["build", "--root", ".", "--only", "html"], s.path());
        assert!(!b.status.success(), "{key}: build succeeded");
        assert!(!s.path().join("output").exists(), "{key}: output written");
    }
}

// ---------------------------------------------------------------------------
// 7. CSV, GBK CSV and XLSX input.

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/publicity").join(name)
}

#[test]
fn the_fixtures_hold_the_rows_of_the_example() {
    let want: Vec<Vec<String>> = {
        let text = read(&repo().join("content/2024/candidates.csv"));
        text.lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    };
    let gbk = fs::read(fixture("candidates-gbk.csv")).unwrap();
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the GBK fixture is UTF-8"
    );
    let (text, _, bad) = encoding_rs::GBK.decode(&gbk);
    assert!(!bad);
    let got: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(
        got, want,
        "candidates-gbk.csv is stale: run tests/fixtures/publicity/make.py"
    );

    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(fixture("candidates.xlsx")).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let got: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("candidates.xlsx: a cell that is not text: {other:?}"),
                })
                .collect()
        })
        .collect();
    assert_eq!(
        got, want,
        "candidates.xlsx is stale: run tests/fixtures/publicity/make.py"
    );
}

#[test]
fn csv_gbk_csv_and_xlsx_input_give_byte_identical_lists() {
    let utf8 = example_site();
    let out_utf8 = build(utf8.path());
    for name in ["candidates-gbk.csv", "candidates.xlsx"] {
        let s = site(|root| {
            fs::copy(fixture(name), root.join("content/2024").join(name)).unwrap();
            fs::remove_file(root.join("content/2024/candidates.csv")).unwrap();
            edit_file(&root.join("content/2024/candidates.yaml"), |t| {
                set_line(&t, "file", &format!("file: {name}"))
            });
        });
        let out = build(s.path());
        assert_same_files(
            name,
            &out_utf8.join("2024/publicity"),
            &out.join("2024/publicity"),
        );
    }
}

// ---------------------------------------------------------------------------
// 8. Escaping.

const EVIL_NAME: &str = "<script>alert(1)</script>";
const EVIL_COLLEGE: &str = r#"A&B "学院" {{ year }}"#;

#[test]
fn names_and_colleges_are_published_literally() {
    let id = id_number("430103", "20030315", "051");
    let sex = sex_of(&id);
    let s = site(|root| {
        append_candidates(
            root,
            &[[
                EVIL_NAME,
                sex,
                &id,
                "16600000099",
                EVIL_COLLEGE,
                "软件技术",
                "退役大学生士兵免试",
                PASSED,
                "退役大学生士兵免试",
                "2023年9月入伍，2024年退役",
            ]],
        );
    });
    let out = build(s.path());
    let dir = list_dir(&out, "veteran");

    // HTML: escaped, shown as typed, never run, never a template.
    let page = read(&dir.join("page-1.html"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;"), "{page}");
    assert!(page.contains("A&amp;B"), "{page}");
    let rows = tbody_rows(&page);
    assert!(
        rows.iter()
            .any(|t| matches!(t, Tr::Row(_, r) if r[0] == EVIL_NAME && r[2] == EVIL_COLLEGE)),
        "page-1.html does not show the row literally: {rows:?}"
    );
    assert!(
        rows.contains(&Tr::Group(EVIL_COLLEGE.to_string())),
        "no literal college heading: {rows:?}"
    );
    let index = read(&dir.join("index.html"));
    assert!(html_text(&index).contains(EVIL_COLLEGE), "index.html");
    for (rel, bytes) in files_under(&out) {
        if rel.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            let p = rel.display();
            assert!(!html.contains("<script>alert"), "{p}: unescaped script");
            assert!(!html.contains("A&B"), "{p}: unescaped ampersand");
            assert!(!html.contains("\"学院\""), "{p}: unescaped quotes");
            assert!(
                !html_text(&html).contains("学院\" 2024"),
                "{p}: ran {{{{ year }}}}"
            );
            if html.contains("学院") && html.contains("A&amp;B") {
                assert!(html_text(&html).contains("{{ year }}"), "{p}");
            }
        }
    }

    // list-data.js: JSON strings holding the text as typed.
    let data = list_data(&dir);
    assert!(
        data.iter().any(|d| d.cells[0] == EVIL_NAME
            && d.college == EVIL_COLLEGE
            && d.cells[2] == EVIL_COLLEGE),
        "list-data.js: {data:?}"
    );

    // list.csv: exactly the text, the quotes doubled inside a quoted field.
    let (_, rows) = list_csv(&dir);
    assert!(
        rows.iter()
            .any(|r| r[0] == EVIL_NAME && r[2] == EVIL_COLLEGE),
        "list.csv: {rows:?}"
    );
    let raw = read(&dir.join("list.csv"));
    assert!(raw.contains(r#""A&B ""学院"" {{ year }}""#), "{raw}");

    // list.pdf: the literal text (in its cells, which may wrap).
    let pdf = dir.join("list.pdf");
    let names = squash(&pdf_column(&pdf, "姓名"));
    assert!(
        names.contains(&squash(EVIL_NAME)),
        "list.pdf names: {names}"
    );
    let colleges = squash(&pdf_column(&pdf, "院校"));
    assert!(
        colleges.contains(&squash(EVIL_COLLEGE)),
        "list.pdf colleges: {colleges}"
    );
    // The college heading spans the table, so it reads whole.
    assert!(
        squash(&pdftotext(&pdf)).contains(&squash(EVIL_COLLEGE)),
        "list.pdf heading"
    );
}

// ---------------------------------------------------------------------------
// 9. The offline search, in headless Chromium.

const ROWS: &str = "table.list tbody tr:not(.group)";

/// Wait until the visible rows satisfy `cond` (a JS function of their
/// texts), then return them; on a timeout return them anyway, so the
/// assertion that follows says what was shown.
fn rows_when(b: &mut Browser, cond: &str) -> Vec<String> {
    let js = format!(
        "({cond})(Array.from(document.querySelectorAll('{ROWS}')).filter(el => el.getClientRects().length > 0).map(el => el.innerText))"
    );
    let _ = b.wait_for(&js, 5_000);
    b.visible_texts(ROWS).expect("visible rows")
}

#[test]
fn the_search_finds_names_and_colleges_on_every_page() {
    let s = site(|root| edit_publicity(root, |t| set_line(&t, "page_size", "page_size: 3")));
    let out = build_html(s.path());
    let dir = list_dir(&out, "veteran");
    let data = list_data(&dir);
    assert!(data.iter().any(|d| d.page > 1), "the list has one page");

    // A name listed on the last page, searched from page 1.
    let target = data.last().unwrap();
    let name = target.cells[0].clone();
    assert!(target.page > 1);
    let hits = |q: &str| {
        data.iter()
            .filter(|d| d.cells[0].contains(q) || d.college.contains(q))
            .count()
    };
    // A college with a row beyond page 1.
    let college = data
        .iter()
        .find(|d| d.page > 1)
        .map(|d| d.college.clone())
        .unwrap();

    let mut b = Browser::launch().expect("launch chromium");
    b.goto(&file_url(&dir.join("page-1.html")).unwrap())
        .expect("open page-1.html");
    b.wait_for(
        "window.GAZETTE_LIST && window.GAZETTE_LIST.length > 0",
        5_000,
    )
    .expect("list-data.js loaded");
    let original = b.visible_texts(ROWS).unwrap();
    assert_eq!(original.len(), 3, "page 1 shows: {original:?}");
    assert!(!original.iter().any(|r| r.contains(&name)));

    b.type_into("#q", &name).unwrap();
    let shown = rows_when(
        &mut b,
        &format!(
            "rows => rows.length > 0 && rows.every(r => r.includes({}))",
            serde_json::to_string(&name).unwrap()
        ),
    );
    assert!(!shown.is_empty(), "searching {name} shows nothing");
    assert!(
        shown.iter().all(|r| r.contains(&name)),
        "searching {name} shows {shown:?}"
    );
    assert_eq!(shown.len(), hits(&name), "searching {name}: {shown:?}");

    b.clear("#q").unwrap();
    let back = rows_when(
        &mut b,
        &format!(
            "rows => rows.join('\\n') === {}",
            serde_json::to_string(&original.join("\n")).unwrap()
        ),
    );
    assert_eq!(back, original, "clearing the search");

    b.type_into("#q", &college).unwrap();
    let shown = rows_when(
        &mut b,
        &format!(
            "rows => rows.length > 0 && rows.every(r => r.includes({}))",
            serde_json::to_string(&college).unwrap()
        ),
    );
    assert!(
        !shown.is_empty() && shown.iter().all(|r| r.contains(&college)),
        "searching {college} shows {shown:?}"
    );
    assert_eq!(
        shown.len(),
        hits(&college),
        "searching {college}: {shown:?}"
    );
    let status = b
        .eval("document.getElementById('q-status').textContent")
        .unwrap();
    assert!(
        status
            .as_str()
            .unwrap_or("")
            .contains(&hits(&college).to_string()),
        "status: {status}"
    );

    b.clear("#q").unwrap();
    let back = rows_when(
        &mut b,
        &format!(
            "rows => rows.join('\\n') === {}",
            serde_json::to_string(&original.join("\n")).unwrap()
        ),
    );
    assert_eq!(back, original, "clearing the search again");

    let nobody = "查无此人";
    assert_eq!(hits(nobody), 0);
    b.type_into("#q", nobody).unwrap();
    let _ = b.wait_for(
        "document.getElementById('q-status').textContent.includes('没有找到')",
        5_000,
    );
    let shown = b.visible_texts(ROWS).unwrap();
    assert!(shown.is_empty(), "searching {nobody} shows {shown:?}");
    let status = b.visible_texts("#q-status").unwrap();
    assert!(
        status.len() == 1 && status[0].contains("没有找到"),
        "status: {status:?}"
    );
}

// ---------------------------------------------------------------------------
// 10. Links.

/// Every href of a page, resolved against its folder, `..` folded.
fn links(page: &Path) -> BTreeSet<PathBuf> {
    let html = read(page);
    let re = Regex::new(r#"href="([^"]*)""#).unwrap();
    re.captures_iter(&html)
        .map(|c| {
            let href = unescape(&c[1]);
            let href = href.split(['#', '?']).next().unwrap_or_default();
            let mut path = page.parent().unwrap().to_path_buf();
            for part in href.split('/') {
                match part {
                    "" | "." => {}
                    ".." => {
                        path.pop();
                    }
                    p => path.push(p),
                }
            }
            path
        })
        .collect()
}

#[test]
fn the_front_page_and_the_notice_link_to_every_list() {
    let s = example_site();
    let out = build_html(s.path());
    for page in ["index.html", "2024/notice.html"] {
        let found = links(&out.join(page));
        for id in PUBLICISED {
            let target = list_dir(&out, id).join("index.html");
            assert!(target.is_file());
            assert!(found.contains(&target), "{page} does not link to {id}");
        }
        let to_lists = found
            .iter()
            .filter(|p| p.starts_with(out.join("2024/publicity")))
            .count();
        assert_eq!(to_lists, PUBLICISED.len(), "{page}: links to lists");
    }
    // Each list's index links to its pages, downloads and back to the notice.
    for id in PUBLICISED {
        let dir = list_dir(&out, id);
        let found = links(&dir.join("index.html"));
        for f in ["page-1.html", "list.csv", "list.pdf"] {
            assert!(found.contains(&dir.join(f)), "{id}: no link to {f}");
        }
        assert!(found.contains(&out.join("2024/notice.html")), "{id}");
        for l in &found {
            if l.starts_with(&dir) && !l.ends_with("list.pdf") {
                assert!(l.exists(), "{id}: dead link {}", l.display());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 10. Formula injection: list.csv opened by a real spreadsheet engine.

/// Cells a spreadsheet would read as formulas, and a plain negative number.
const FORMULAS: [&str; 4] = [
    "=1+1",
    "=HYPERLINK(\"http://evil.example/\",\"点我\")",
    "@SUM(1,1)",
    "+1+1",
];

/// `file` converted by headless LibreOffice to xlsx, read back with calamine:
/// every cell of the first sheet as shown, and the formulas found.
fn libreoffice_cells(file: &Path) -> (Vec<Vec<String>>, usize) {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let profile = format!("file://{}", dir.path().join("profile").display());
    let out = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        // UTF-8 named, as Excel reads it from the BOM; the other options
        // are LibreOffice's defaults, which evaluate formulas.
        .args([
            "--headless",
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(file)
        .output()
        .expect("LibreOffice (soffice) is installed");
    let xlsx = dir.path().join("list.xlsx");
    assert!(xlsx.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let cells = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    other => format!("<not text: {other:?}>"),
                })
                .collect()
        })
        .collect();
    let formulas = wb
        .worksheet_formula(&name)
        .unwrap()
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .count();
    (cells, formulas)
}

#[test]
fn formulas_in_list_csv_open_as_text_in_libreoffice() {
    let ids: Vec<String> = (0..FORMULAS.len())
        .map(|i| id_number("430103", "20030315", &format!("{:03}", 61 + 2 * i)))
        .collect();
    let s = site(|root| {
        let rows: Vec<[&str; 10]> = FORMULAS
            .iter()
            .zip(&ids)
            .enumerate()
            .map(|(i, (f, id))| {
                [
                    *f,
                    "男",
                    id.as_str(),
                    ["16600000091", "16600000092", "16600000093", "16600000094"][i],
                    "长沙民政职业技术学院",
                    "软件技术",
                    "退役大学生士兵免试",
                    PASSED,
                    "退役大学生士兵免试",
                    "-5",
                ]
            })
            .collect();
        append_candidates(root, &rows);
    });
    let out = build_html(s.path());
    let dir = list_dir(&out, "veteran");
    let (cells, formulas) = libreoffice_cells(&dir.join("list.csv"));
    assert_eq!(formulas, 0, "LibreOffice found formulas: {cells:?}");
    for f in FORMULAS {
        let row = cells
            .iter()
            .find(|r| r[0] == format!("'{f}"))
            .unwrap_or_else(|| panic!("`{f}` is not shown as typed text: {cells:?}"));
        assert_eq!(row[4], "'-5", "a negative number in a free-text column");
    }
    // Cells that are no formula are written as before, unquoted.
    let raw = read(&dir.join("list.csv"));
    assert!(
        raw.contains("\"'=1+1\",男,长沙民政职业技术学院,软件技术,\"'-5\""),
        "{raw}"
    );
}

// ---------------------------------------------------------------------------
// 11. A full ID or phone number typed into a published column.

#[test]
fn an_id_or_phone_in_a_published_column_is_an_error_at_its_cell() {
    let id = id_number("430103", "20030315", "071");
    let typed_id = id_number("430104", "19700101", "002");
    let s = site(|root| {
        append_candidates(
            root,
            &[[
                "王五",
                sex_of(&id),
                &id,
                "16600000095",
                "长沙民政职业技术学院",
                "软件技术",
                "退役大学生士兵免试",
                PASSED,
                "退役大学生士兵免试",
                &format!("退役证持有人{typed_id}，电话13912345678"),
            ]],
        );
    });
    let lines = read(&s.path().join("content/2024/candidates.csv"))
        .lines()
        .count();
    let out = gazette(&["check", "--root", "."], s.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let at = format!("--> content/2024/candidates.csv:{lines}:10");
    assert!(err.contains(&at), "no {at} in\n{err}");
    let masked = format!("{}********{}", &typed_id[..6], &typed_id[14..]);
    assert!(
        err.contains(&format!(
            "column `资格依据`: holds a full ID number ({masked}), and this column is published"
        )),
        "{err}"
    );
    assert!(err.contains("holds a mobile number (139****5678)"), "{err}");
    assert!(
        err.contains("hint: remove the number from the cell"),
        "{err}"
    );
    assert!(
        !err.contains(&typed_id) && !err.contains("13912345678"),
        "{err}"
    );
    // An unpublished column may hold them (the forms' certificate number, say).
    edit_publicity(s.path(), |t| {
        set_line(&t, "columns", "columns: [name, sex, college, major]")
    });
    let out = gazette(&["check", "--root", "."], s.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
