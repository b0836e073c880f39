//! `notice.docx`, opened by real readers: LibreOffice converts it to PDF
//! (compared with notice.pdf: text, grid, red header and rule, page
//! numbers, fonts) and re-saves it; python-docx opens the package; the
//! parts, relationships and styles resolve; rebuilds are byte-identical.

mod common;

use common::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Grid pitch of GB/T 9704: 225 mm / 22 lines, in pt.
const PITCH: f32 = 225.0 / 22.0 * 72.0 / 25.4;
const MM: f32 = 72.0 / 25.4;
/// The DOCX's line pitch: 579 twips, the whole-twip pitch that fits 22 lines.
const DOCX_PITCH: f32 = 579.0 / 20.0;

/// The example built once for this file's tests, and LibreOffice's PDF of
/// its 2024 notice.docx.
struct Built {
    out: PathBuf,
    converted: PathBuf,
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = scratch("docx-site");
        copy_dir(&repo().join("content"), &site.join("content"));
        std::fs::copy(repo().join("gazette.yaml"), site.join("gazette.yaml")).expect("config");
        let out = build(&site);
        let converted = soffice(&out.join("2024/notice.docx"), "pdf", &scratch("docx-pdf"));
        Built { out, converted }
    })
}

/// LibreOffice headless with a fresh profile converts `file` into `dir`;
/// it must exit cleanly and say nothing of errors or repairs.
fn soffice(file: &Path, to: &str, dir: &Path) -> PathBuf {
    let profile = dir.join("profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("`soffice` is needed for this test (libreoffice-writer-nogui)");
    let stderr = String::from_utf8_lossy(&out.stderr).to_lowercase();
    assert!(out.status.success(), "soffice failed: {stderr}");
    for word in ["error", "repair", "corrupt"] {
        assert!(!stderr.contains(word), "soffice reported: {stderr}");
    }
    let stem = file.file_stem().unwrap().to_str().unwrap();
    let result = dir.join(format!("{stem}.{to}"));
    assert!(result.is_file(), "soffice wrote no {to}");
    result
}

/// The text of a PDF without whitespace and without its page numbers,
/// which sit wherever that PDF's pages break.
fn text_without_page_numbers(pdf: &Path) -> String {
    let text = pdftotext(pdf);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            let t = l.trim();
            !(t.starts_with('—') && t.ends_with('—'))
        })
        .collect();
    squash(&kept.join("\n"))
}

/// Equal texts, or a panic showing where they part.
fn assert_same_text(a: (&str, &str), b: (&str, &str)) {
    if a.1 == b.1 {
        return;
    }
    let at =
        a.1.chars()
            .zip(b.1.chars())
            .take_while(|(x, y)| x == y)
            .count();
    let show = |s: &str| {
        s.chars()
            .skip(at.saturating_sub(20))
            .take(60)
            .collect::<String>()
    };
    panic!(
        "texts differ at character {at}:\n {}: {}\n {}: {}",
        a.0,
        show(a.1),
        b.0,
        show(b.1)
    );
}

fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).expect("open docx");
    let mut zip = zip::ZipArchive::new(file).expect("docx is a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut s)
        .expect("utf-8 part");
    s
}

#[test]
fn libreoffice_converts_it_to_a4_with_the_pdf_text_in_order() {
    let b = built();
    let info = tool("pdfinfo", &[b.converted.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("page count");
    let pdf = b.out.join("2024/notice.pdf");
    let pdf_info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        pdf_info.contains(&format!("Pages:           {pages}\n")),
        "{pdf_info}\nLibreOffice: {pages} pages"
    );
    let word = text_without_page_numbers(&b.converted);
    let print = text_without_page_numbers(&pdf);
    assert!(word.len() > 3000, "{word}");
    assert_same_text(("docx", &word), ("pdf", &print));
}

fn body_lines(pdf: &Path, page: usize) -> Vec<BoxLine> {
    bbox_lines(pdf)
        .into_iter()
        .filter(|l| l.page == page && !l.text.starts_with('—'))
        .collect()
}

#[test]
fn body_is_16pt_on_a_22_line_grid_of_28_characters() {
    let b = built();
    let page2 = body_lines(&b.converted, 2);
    assert_eq!(page2.len(), 22, "{page2:#?}");
    let top = 37.0 * MM;
    for (i, l) in page2.iter().enumerate() {
        let row = (l.y_min - top) / PITCH;
        assert!(
            (row - i as f32) >= 0.0 && (row - i as f32) < 1.0,
            "page 2 line {i} `{}` lies in row {row:.2}",
            l.text
        );
        let step = l.y_min - page2[0].y_min;
        let off = step / DOCX_PITCH - i as f32;
        assert!(
            off.abs() < 0.01,
            "line {i} `{}` off the grid by {off:.3}",
            l.text
        );
    }
    // Full lines of Chinese text hold 28 characters, none more.
    let full: Vec<&BoxLine> = page2
        .iter()
        .filter(|l| l.text.chars().count() == 28 && !l.text.is_ascii())
        .collect();
    assert!(full.len() >= 3, "few lines of 28 characters: {page2:#?}");
    // A closing mark may hang past the end, as in Word.
    for l in &page2 {
        let text = l
            .text
            .trim_end_matches(['，', '。', '、', '；', '：', '”', '）']);
        let cells: f32 = text
            .chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum();
        assert!(cells <= 28.5, "line `{}` holds {cells} characters", l.text);
    }
    // A full line spans the 156 mm text area from the 28 mm margin, its
    // characters 16 pt tall.
    let l = full[0];
    assert!((l.x_min - 28.0 * MM).abs() < 2.0, "{l:?}");
    assert!((l.x_max - 184.0 * MM).abs() < 2.0, "{l:?}");
    let xml = part(&b.out.join("2024/notice.docx"), "word/styles.xml");
    assert!(xml.contains(r#"<w:sz w:val="32"/>"#), "body not 3号");
}

/// Rows (at 72 dpi: one pixel per point) holding red pixels on page 1 of `pdf`.
fn red_rows(pdf: &Path, dir: &Path) -> Vec<(u32, u32)> {
    let prefix = dir.join("page");
    tool(
        "pdftoppm",
        &[
            "-r",
            "72",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("page image");
    let img = image::open(&png).expect("png").to_rgb8();
    (0..img.height())
        .map(|y| {
            let red = (0..img.width())
                .filter(|&x| {
                    let p = img.get_pixel(x, y);
                    p[0] > 200 && p[1] < 140 && p[2] < 140
                })
                .count() as u32;
            (y, red)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[test]
fn red_header_and_rule_stand_where_the_pdf_has_them() {
    let b = built();
    let word = red_rows(&b.converted, &scratch("docx-red-word"));
    let print = red_rows(&b.out.join("2024/notice.pdf"), &scratch("docx-red-pdf"));
    // The rule: a red row across most of the 156 mm (442 pt) text area.
    let rule = |rows: &[(u32, u32)]| {
        rows.iter()
            .find(|(_, n)| *n > 400)
            .map(|(y, _)| *y as f32)
            .expect("a red rule across the text area")
    };
    let (wr, pr) = (rule(&word), rule(&print));
    assert!(
        (wr - pr).abs() <= 3.0 * MM,
        "rule at {wr} pt in Word, {pr} pt in the PDF"
    );
    // The header: red text above the rule, its top about 35 mm below the text area.
    let header_top = word.first().expect("red pixels").0 as f32;
    let pdf_top = print.first().expect("red pixels").0 as f32;
    assert!(header_top < wr - 20.0, "no red header above the rule");
    assert!(
        (header_top - pdf_top).abs() <= 4.0 * MM,
        "header top {header_top} vs {pdf_top}"
    );
    assert!(
        header_top > (37.0 + 30.0) * MM && header_top < (37.0 + 42.0) * MM,
        "{header_top}"
    );
}

#[test]
fn page_numbers_alternate_sides_in_the_footers() {
    let b = built();
    let lines = bbox_lines(&b.converted);
    let numbers: Vec<&BoxLine> = lines.iter().filter(|l| l.text.starts_with('—')).collect();
    let pages = lines.iter().map(|l| l.page).max().unwrap();
    assert!(numbers.len() + 1 >= pages && pages >= 3, "{numbers:#?}");
    let edge = 14.0; // one 4号 character
    for l in numbers {
        assert_eq!(l.text, format!("—{}—", l.page), "{l:?}");
        assert!(
            l.y_min > (37.0 + 225.0) * MM,
            "number above the foot: {l:?}"
        );
        if l.page % 2 == 1 {
            assert!(
                (l.x_max - (184.0 * MM - edge)).abs() < 3.0,
                "odd page number not right: {l:?}"
            );
        } else {
            assert!(
                (l.x_min - (28.0 * MM + edge)).abs() < 3.0,
                "even page number not left: {l:?}"
            );
        }
    }
    let even = part(&b.out.join("2024/notice.docx"), "word/footer2.xml");
    assert!(
        even.contains(" PAGE ") && even.contains(r#"w:val="left""#),
        "{even}"
    );
    let settings = part(&b.out.join("2024/notice.docx"), "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders/>"));
}

#[test]
fn fonts_are_named_in_the_xml_and_cjk_faces_embedded() {
    let b = built();
    let docx = b.out.join("2024/notice.docx");
    let styles = part(&docx, "word/styles.xml");
    let table = part(&docx, "word/fontTable.xml");
    for face in [
        "仿宋_GB2312",
        "黑体",
        "楷体_GB2312",
        "方正小标宋简体",
        "宋体",
    ] {
        assert!(
            styles.contains(&format!(r#"w:eastAsia="{face}""#)),
            "{face} not used"
        );
        assert!(
            table.contains(&format!(r#"<w:font w:name="{face}">"#)),
            "{face} not declared"
        );
    }
    assert!(table.contains("FangSong_GB2312,FangSong,仿宋"), "{table}");
    let fonts = tool("pdffonts", &[b.converted.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    assert!(
        rows.iter()
            .any(|r| ["CJK", "Fandol", "Kai", "Song", "Hei", "Fang"]
                .iter()
                .any(|f| r.contains(f))),
        "no CJK face in the converted PDF:\n{fonts}"
    );
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {row}");
    }
}

/// The text of a document part, in order, without whitespace.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        // Only text elements, not <w:tbl>, <w:tc>, <w:tab/>…
        let Some(body) = piece.strip_prefix('>').or_else(|| {
            piece
                .strip_prefix(' ')
                .and_then(|p| p.split_once('>').map(|(_, b)| b))
        }) else {
            continue;
        };
        let text = body.split("</w:t>").next().unwrap_or("");
        out.push_str(
            &text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
        );
    }
    squash(&out)
}

/// Saved again by LibreOffice, the document keeps its text, its styles by
/// name, and its page setup. (Its PDF is not compared: LibreOffice 7.4
/// writes `w:overflowPunct` inverted, so the copy's punctuation at line
/// ends changes from hanging to squeezed.)
#[test]
fn libreoffice_resaves_it_with_text_styles_and_page_setup() {
    let b = built();
    let docx = b.out.join("2024/notice.docx");
    let resaved = soffice(&docx, "docx", &scratch("docx-resave"));
    let (ours, theirs) = (
        part(&docx, "word/document.xml"),
        part(&resaved, "word/document.xml"),
    );
    assert_same_text(("re-saved", &xml_text(&theirs)), ("docx", &xml_text(&ours)));
    assert!(xml_text(&ours).contains("网上缴费、志愿填报"));
    let styles = part(&resaved, "word/styles.xml");
    for name in [
        "公文正文",
        "一级标题",
        "发文机关标志",
        "发文字号",
        "公文标题",
        "版记",
    ] {
        assert!(
            styles.contains(&format!(r#"<w:name w:val="{name}"/>"#)),
            "{name} lost"
        );
    }
    for setup in [
        r#"w:linePitch="579""#,
        r#"w:top="2098""#,
        r#"w:left="1587""#,
    ] {
        assert!(theirs.contains(setup), "{setup} lost");
    }
}

/// python-docx opens the package; every part is typed and reachable, every
/// relationship target exists, every used style is defined.
const PYTHON_CHECK: &str = r#"
import sys, zipfile, posixpath
import xml.etree.ElementTree as ET
import docx
path = sys.argv[1]
d = docx.Document(path)
s = d.sections[0]
assert (s.page_width.mm, s.page_height.mm) == (210.0, 297.0) or abs(s.page_width.mm - 210) < 0.1, s.page_width.mm
assert abs(s.top_margin.mm - 37) < 0.1 and abs(s.left_margin.mm - 28) < 0.1
assert d.settings.odd_and_even_pages_header_footer
assert 'PAGE' in s.even_page_footer._element.xml and 'PAGE' in s.footer._element.xml
styles = {st.style_id for st in d.styles}
used = set()
for p in d.paragraphs:
    used.add(p.style.style_id)
for t in d.tables:
    for row in t.rows:
        for c in row.cells:
            for p in c.paragraphs:
                used.add(p.style.style_id)
missing = used - styles
assert not missing, missing
names = {p.style.name for p in d.paragraphs}
for role in ['发文机关标志', '发文字号', '公文标题', '主送机关', '公文正文', '一级标题', '二级标题', '附件说明', '署名', '成文日期', '附件标识', '附件标题']:
    assert role in names, role
assert d.core_properties.title.startswith('关于做好2024年'), d.core_properties.title
assert len(d.tables) == 1, 'the 版记 table'
z = zipfile.ZipFile(path)
files = set(z.namelist())
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
doc = ET.fromstring(z.read('word/document.xml'))
for p in doc.iter(W + 'pStyle'):
    assert p.get(W + 'val') in styles, p.get(W + 'val')
ct = ET.fromstring(z.read('[Content_Types].xml'))
N = '{http://schemas.openxmlformats.org/package/2006/content-types}'
overrides = {o.get('PartName').lstrip('/') for o in ct.iter(N + 'Override')}
defaults = {o.get('Extension') for o in ct.iter(N + 'Default')}
for f in files - {'[Content_Types].xml'}:
    assert f in overrides or f.rsplit('.', 1)[-1] in defaults, 'untyped ' + f
for o in overrides:
    assert o in files, 'typed but absent ' + o
R = '{http://schemas.openxmlformats.org/package/2006/relationships}'
reached = set()
for rels in [f for f in files if f.endswith('.rels')]:
    base = posixpath.dirname(posixpath.dirname(rels))
    for r in ET.fromstring(z.read(rels)).iter(R + 'Relationship'):
        target = posixpath.normpath(posixpath.join(base, r.get('Target')))
        assert target in files, rels + ' -> missing ' + target
        reached.add(target)
        rels_of_target = posixpath.join(posixpath.dirname(target), '_rels', posixpath.basename(target) + '.rels')
        if rels_of_target in files:
            reached.add(rels_of_target)
unreached = files - reached - {'[Content_Types].xml', '_rels/.rels'}
assert not unreached, unreached
print('ok', len(files), 'parts', len(used), 'styles used')
"#;

#[test]
fn python_docx_opens_it_and_every_part_and_style_resolves() {
    let b = built();
    let out = Command::new("python3")
        .args(["-c", PYTHON_CHECK])
        .arg(b.out.join("2024/notice.docx"))
        .output()
        .expect("python3 is needed for this test");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("No module named 'docx'"),
        "install python-docx (pip install python-docx): {stderr}"
    );
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok"));
}

#[test]
fn rebuilds_are_byte_identical_and_only_html_skips_it() {
    let b = built();
    let first = std::fs::read(b.out.join("2024/notice.docx")).unwrap();
    let site = example_site();
    let again = build(site.path());
    assert!(
        std::fs::read(again.join("2024/notice.docx")).unwrap() == first,
        "rebuild differs"
    );
    assert!(again.join("2023/notice.docx").is_file());
    let html = std::fs::read_to_string(again.join("2024/notice.html")).unwrap();
    assert!(
        html.contains(r#"href="notice.docx""#),
        "notice page has no Word link"
    );
    let out = gazette(
        &["build", "--root", ".", "--only", "html", "--output", "web"],
        site.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site.path().join("web/2024/notice.docx").exists());
}

/// The 版记 stands at the foot of the last page: its 印发 line in the text
/// area's last grid row, the 抄送 line in the row above.
#[test]
fn imprint_sits_at_the_foot_of_the_last_page() {
    let b = built();
    let lines = bbox_lines(&b.converted);
    let last = lines.iter().map(|l| l.page).max().unwrap();
    let row = |l: &BoxLine| ((l.y_min - 37.0 * MM) / PITCH).floor() as i32;
    let issued = lines
        .iter()
        .find(|l| l.page == last && l.text.starts_with("湖南省教育考试院办公室"))
        .expect("印发 line on the last page");
    assert_eq!(row(issued), 21, "{issued:?}");
    let date = lines
        .iter()
        .find(|l| l.page == last && l.text.ends_with("印发"))
        .expect("印发日期 on the last page");
    assert_eq!(row(date), 21, "{date:?}");
    // One 4号 character in from the text area's right edge.
    assert!((date.x_max - (184.0 * MM - 14.0)).abs() < 2.0, "{date:?}");
    let copy = lines
        .iter()
        .find(|l| l.page == last && l.text.starts_with("抄送："))
        .expect("抄送 line on the last page");
    assert_eq!(row(copy), 20, "{copy:?}");
    // One 4号 character in from the text area's left edge.
    assert!((copy.x_min - (28.0 * MM + 14.0)).abs() < 2.0, "{copy:?}");
}

/// `gazette serve` serves the Word file its first build made, as a Word file.
#[test]
fn serve_serves_the_word_file() {
    use std::io::{BufRead, BufReader, Write};
    let b = built();
    let site = b.out.parent().unwrap();
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
        let req = "GET /2024/notice.docx HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
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
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("wordprocessingml.document"), "{head}");
    let built = std::fs::read(b.out.join("2024/notice.docx")).unwrap();
    assert!(
        reply[split + 4..] == built[..],
        "served file differs from the build's"
    );
}

/// 份号, 密级 and 紧急程度 take the first three grid lines, top left; the
/// red header keeps its place below them.
#[test]
fn copy_number_classification_and_urgency_top_left() {
    let site = example_2024_site();
    let meta = site.path().join("content/2024/notice.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    let marks = "copy_number: \"000001\"\nclassification: 秘密\nurgency: 特急\n";
    std::fs::write(&meta, format!("{text}{marks}")).unwrap();
    let out = build(site.path());
    let dir = site.path().join("converted");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = soffice(&out.join("2024/notice.docx"), "pdf", &dir);
    let page1 = body_lines(&pdf, 1);
    for (row, mark) in ["000001", "秘密", "特急"].iter().enumerate() {
        let l = page1.iter().find(|l| l.text == *mark).expect(mark);
        let at = (l.y_min - 37.0 * MM) / PITCH;
        assert!(
            at >= row as f32 && at < row as f32 + 1.0,
            "{mark} in row {at:.2}"
        );
        assert!(
            (l.x_min - 28.0 * MM).abs() < 2.0,
            "{mark} not flush left: {l:?}"
        );
    }
    let header = page1
        .iter()
        .find(|l| l.text.ends_with("文件"))
        .expect("header");
    let below = header.y_min - 37.0 * MM;
    assert!(
        below > 28.0 * MM && below < 38.0 * MM,
        "header {below} pt below the text area's top"
    );
    let xml = part(&out.join("2024/notice.docx"), "word/document.xml");
    assert!(xml.contains(r#"<w:pStyle w:val="GwMark"/>"#));
}
