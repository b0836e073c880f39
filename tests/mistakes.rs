//! One test per class of mistake that used to build without a word: each is
//! made in a copy of the example, and the real binary must report it at the
//! right file, line and column, with a hint, through `check` (human and
//! JSON) and, for errors, `build` (which then writes nothing). In Chinese
//! the same mistake is reported at the same place with the same code and
//! exit status, in Chinese.

use crate::common::chinese;
use crate::common::*;
use std::path::Path;

/// One expected diagnostic.
struct Want {
    error: bool,
    file: &'static str,
    line: u64,
    column: u64,
    message: &'static str,
    hint: &'static str,
}

const fn error(
    file: &'static str,
    line: u64,
    column: u64,
    message: &'static str,
    hint: &'static str,
) -> Want {
    Want {
        error: true,
        file,
        line,
        column,
        message,
        hint,
    }
}

const fn warning(
    file: &'static str,
    line: u64,
    column: u64,
    message: &'static str,
    hint: &'static str,
) -> Want {
    Want {
        error: false,
        ..error(file, line, column, message, hint)
    }
}

fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let p = site.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "`{from}` is not in {rel}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// The mistake made by `mutate` is reported exactly as `want`, and nothing else is.
fn reported(mutate: impl Fn(&Path), want: Want) {
    let site = example_2024_site();
    mutate(site.path());
    let root = site.path();

    let json = gazette(&["check", "--format", "json"], root);
    let d = &only_diagnostic(&json);
    assert_eq!(
        d["severity"],
        if want.error { "error" } else { "warning" },
        "{d}"
    );
    assert_eq!(d["file"], want.file, "{d}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(want.line), Some(want.column)),
        "{d}"
    );
    assert_eq!(d["message"], want.message, "{d}");
    assert_eq!(d["hint"], want.hint, "{d}");
    assert_eq!(json.status.code(), Some(if want.error { 1 } else { 0 }));
    let code = d["code"].as_str().unwrap_or("");
    assert!(!code.is_empty(), "no code: {d}");

    // The same mistake in Chinese: same place, code and exit status.
    let zh_json = gazette(&["check", "--format", "json", "--lang", "zh"], root);
    let z = &only_diagnostic(&zh_json);
    for key in ["severity", "file", "line", "column", "code"] {
        assert_eq!(z[key], d[key], "{key}: {z} against {d}");
    }
    assert_eq!(zh_json.status.code(), json.status.code());
    for key in ["message", "hint"] {
        let zh = z[key].as_str().unwrap_or("");
        let en = d[key].as_str().unwrap_or("");
        if let Some(why) = chinese::not_chinese(zh, en) {
            panic!("Chinese {key} {why}: {z}");
        }
    }
    let zh_label = if want.error { "错误：" } else { "警告：" };
    let zh_head = format!(
        "{zh_label}{}\n  --> {}:{}:{}\n",
        z["message"].as_str().unwrap(),
        want.file,
        want.line,
        want.column
    );
    let zh_human = gazette(&["check", "--lang", "zh"], root);
    let zh_text = String::from_utf8_lossy(&zh_human.stderr);
    assert!(zh_text.contains(&zh_head), "{zh_head}\nnot in:\n{zh_text}");
    let zh_hint = format!("  提示：{}\n", z["hint"].as_str().unwrap());
    assert!(zh_text.contains(&zh_hint), "{zh_text}");
    assert_eq!(zh_human.status.code(), json.status.code());

    let label = if want.error { "error" } else { "warning" };
    let head = format!(
        "{label}: {}\n  --> {}:{}:{}\n",
        want.message, want.file, want.line, want.column
    );
    let human = gazette(&["check"], root);
    let text = String::from_utf8_lossy(&human.stderr);
    assert!(text.contains(&head), "{head}\nnot in:\n{text}");
    assert!(text.contains(&format!("  hint: {}\n", want.hint)), "{text}");
    if want.error {
        let build = gazette(&["build", "--root", "."], root);
        let text = String::from_utf8_lossy(&build.stderr);
        assert_eq!(build.status.code(), Some(1), "{text}");
        assert!(text.contains(&head), "{head}\nnot in:\n{text}");
        assert!(!root.join("output").exists(), "build wrote output");
    }
}

/// The one diagnostic of a `check --format json` run (the machine's font
/// fallback, in gazette.yaml without a line, left out).
fn only_diagnostic(out: &std::process::Output) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json: {e}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let diags: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] != "gazette.yaml" || !d["line"].is_null())
        .collect();
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(diags.len(), 1, "{shown:#?}");
    diags[0].clone()
}

const Y: &str = "content/2024";

#[test]
fn control_character_in_yaml() {
    reported(
        |s| edit(s, &format!("{Y}/notice.yaml"), "serial: 1", "serial: 1 \u{1}"),
        error(
            "content/2024/notice.yaml",
            3,
            11,
            "invisible control character U+0001 in the text",
            "delete it (it often comes from copying out of a PDF or another program); only tabs and line breaks may be typed",
        ),
    );
}

#[test]
fn control_character_in_markdown() {
    reported(
        |s| edit(s, &format!("{Y}/attachment-1.md"), "报名工作", "报名\u{0}工作"),
        error(
            "content/2024/attachment-1.md",
            1,
            3,
            "invisible control character U+0000 in the text",
            "delete it (it often comes from copying out of a PDF or another program); only tabs and line breaks may be typed",
        ),
    );
}

#[test]
fn template_tag_in_the_body() {
    reported(
        |s| edit(s, &format!("{Y}/attachment-1.md"), "报名工作", "{% if x %}报名工作"),
        error(
            "content/2024/attachment-1.md",
            1,
            1,
            "a template tag `{% … %}` in the body would be printed as it stands",
            "the body takes only fact references like `{{ schedule.registration }}`; delete it, or write the text out",
        ),
    );
}

#[test]
fn template_comment_in_the_body() {
    reported(
        |s| edit(s, &format!("{Y}/attachment-1.md"), "报名工作", "{# 待定 #}报名工作"),
        error(
            "content/2024/attachment-1.md",
            1,
            1,
            "a template comment `{# … #}` in the body would be printed as it stands",
            "the body takes only fact references like `{{ schedule.registration }}`; delete it, or write the text out",
        ),
    );
}

#[test]
fn empty_title() {
    reported(
        |s| {
            edit(
                s,
                &format!("{Y}/notice.yaml"),
                "title: 关于做好2024年湖南省普通高等学校“专升本”考试招生报名工作的通知",
                "title: \"\"",
            )
        },
        error(
            "content/2024/notice.yaml",
            2,
            1,
            "`title` is empty",
            "write the text, or remove the entry if it is not wanted",
        ),
    );
}

#[test]
fn imprint_date_before_the_date_of_the_document() {
    reported(
        |s| edit(s, &format!("{Y}/notice.yaml"), "  date: 2024-01-10", "  date: 2024-01-04"),
        error(
            "content/2024/notice.yaml",
            17,
            9,
            "印发日期 2024-01-04 is before the 成文日期 2024-01-05",
            "a document is printed and issued on or after the day it is signed: correct one of the dates",
        ),
    );
}

#[test]
fn skipped_heading_level() {
    reported(
        |s| {
            edit(
                s,
                &format!("{Y}/attachment-1.md"),
                "报名工作各阶段",
                "# 日程\n\n#### 说明\n\n报名工作各阶段",
            )
        },
        error(
            "content/2024/attachment-1.md",
            3,
            1,
            "a level-4 heading follows a level-1 heading: levels must not be skipped",
            "write ## here; numbering goes 一、 （一） 1. （1） one level at a time",
        ),
    );
}

#[test]
fn part_of_an_unknown_category() {
    reported(
        |s| {
            edit(
                s,
                &format!("{Y}/categories.yaml"),
                "part_of: general",
                "part_of: generel",
            )
        },
        error(
            "content/2024/categories.yaml",
            12,
            14,
            "category `poverty` is `part_of` `generel`, which is not a category",
            "did you mean `general`?",
        ),
    );
}

#[test]
fn id_that_cannot_be_referenced() {
    reported(
        |s| edit(s, &format!("{Y}/rules.yaml"), "  exclusions:", "  other rules:\n    - 甲。\n  exclusions:"),
        error(
            "content/2024/rules.yaml",
            11,
            3,
            "rule list id `other rules` cannot be referenced: a reference cannot hold spaces or punctuation",
            "use letters, digits, `_` and `-` only, e.g. `other_rules`",
        ),
    );
}

#[test]
fn empty_rule_list_that_is_referenced() {
    reported(
        |s| {
            let p = s.join(format!("{Y}/rules.yaml"));
            let text = std::fs::read_to_string(&p).unwrap();
            let start = text.find("  eligibility:\n").unwrap() + "  eligibility:".len();
            let end = text[start..].find("\n\n").unwrap() + start;
            std::fs::write(&p, format!("{} []{}", &text[..start], &text[end..])).unwrap();
        },
        error(
            "content/2024/notice.md",
            9,
            4,
            "rule list `eligibility` in rules.yaml is empty, so nothing would be printed here",
            "references are written `{{ schedule.<phase> }}`, `{{ categories.<id> }}`, `{{ rules.<id> }}`; filters: weekday, noyear, date, and `{{ schedule | table }}`",
        ),
    );
}

#[test]
fn holiday_outside_the_year() {
    reported(
        |s| {
            edit(
                s,
                &format!("{Y}/calendar.yaml"),
                "{name: 端午节, from: 2024-06-10}",
                "{name: 端午节, from: 2023-06-22}",
            )
        },
        warning(
            "content/2024/calendar.yaml",
            8,
            23,
            "holiday `端午节` (2023-06-22 to 2023-06-22) is not in 2024",
            "calendar.yaml holds the holidays of 2024; correct the year",
        ),
    );
}

#[test]
fn make_up_workday_on_a_weekday() {
    reported(
        |s| {
            edit(
                s,
                &format!("{Y}/calendar.yaml"),
                "  - 2024-10-12",
                "  - 2024-10-11",
            )
        },
        error(
            "content/2024/calendar.yaml",
            20,
            5,
            "make-up workday 2024-10-11 is a 星期五, already a working day",
            "`workdays` lists the Saturdays and Sundays worked (调休上班); check the date",
        ),
    );
}

#[test]
fn overlapping_holidays() {
    reported(
        |s| {
            edit(
                s,
                &format!("{Y}/calendar.yaml"),
                "{name: 端午节, from: 2024-06-10}",
                "{name: 端午节, from: 2024-05-05}",
            )
        },
        error(
            "content/2024/calendar.yaml",
            8,
            6,
            "holidays `劳动节` and `端午节` overlap",
            "each day off belongs to one holiday: correct the dates",
        ),
    );
}

#[test]
fn number_out_of_range() {
    reported(
        |s| edit(s, &format!("{Y}/notice.yaml"), "serial: 1", "serial: 0"),
        error(
            "content/2024/notice.yaml",
            3,
            9,
            "`serial: 0` is out of range: it must be between 1 and 9999",
            "write a number from 1 to 9999; README.md lists the range of every number",
        ),
    );
}

#[test]
fn number_out_of_range_in_gazette_yaml() {
    reported(
        |s| {
            let p = s.join("gazette.yaml");
            let mut text = std::fs::read_to_string(&p).unwrap();
            text.push_str("\npdf:\n  red_rule_pt: 40\n");
            std::fs::write(&p, text).unwrap();
        },
        error(
            "gazette.yaml",
            35,
            16,
            "`red_rule_pt: 40` is out of range: it must be between 0.5 and 3",
            "write a number from 0.5 to 3; README.md lists the range of every number",
        ),
    );
}

#[test]
fn missing_file_named_in_yaml() {
    reported(
        |s| {
            edit(
                s,
                &format!("{Y}/notice.yaml"),
                "body: attachment-1.md",
                "body: attachmnet-1.md",
            )
        },
        error(
            "content/2024/notice.yaml",
            11,
            11,
            "no file `content/2024/attachmnet-1.md`",
            "did you mean `attachment-1.md`?",
        ),
    );
}

#[test]
fn word_doubled_across_a_reference() {
    reported(
        |s| {
            edit(
                s,
                &format!("{Y}/notice.md"),
                "{{ schedule.registration.end }}前",
                "{{ schedule.import }}前",
            )
        },
        error(
            "content/2024/notice.md",
            49,
            13,
            "`schedule.import` gives “2024年1月19日17时前”, so the notice reads “前前” here",
            "delete the 前 typed next to the reference; the reference already has it",
        ),
    );
}

/// CRC-32 of PNG chunks (bitwise; the header is all there is to hash).
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for b in bytes {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A valid PNG header declaring `w`×`h` pixels, with almost no pixel data.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    // A few bytes of image data: a decoder reads the header up to here.
    let idat = b"IDAT\x78\x9c\x03\x00";
    png.extend(4u32.to_be_bytes());
    png.extend(idat);
    png.extend(crc32(idat).to_be_bytes());
    png.extend(0u32.to_be_bytes());
    png.extend(b"IEND");
    png.extend(crc32(b"IEND").to_be_bytes());
    png
}

#[test]
fn photo_declaring_absurd_dimensions_is_refused_before_decoding() {
    let site = example_2024_site();
    let photo = site
        .path()
        .join(format!("{Y}/photos/430111200202072805.png"));
    assert!(photo.exists());
    std::fs::write(&photo, png_header(60_000, 60_000)).unwrap();
    let started = std::time::Instant::now();
    let out = gazette(&["build", "--root", "."], site.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("  caused by: it declares 60000×60000 pixels; at most 10000 pixels a side and 50 megapixels are accepted\n"),
        "{err}"
    );
    assert!(
        err.contains("error: the photo `430111********2805.png` of "),
        "{err}"
    );
    // Refused from the header: nothing of 3.6 gigapixels was allocated or decoded.
    assert!(started.elapsed() < std::time::Duration::from_secs(120));
    assert!(!site.path().join("output").exists());
}
