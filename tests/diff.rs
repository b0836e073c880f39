//! `gazette diff`, driven through the real binary on copies of the example,
//! whose 2023 and 2024 notices differ in dates, categories, rules and body.

use crate::common::*;

/// stdout, stderr and the exit code of a run.
fn run(args: &[&str], cwd: &std::path::Path) -> (String, String, Option<i32>) {
    let out = gazette(args, cwd);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// The terminal report with its `[-…-]` and `{+…+}` marks taken out, so that
/// each side reads as its year's text.
fn unmarked(s: &str) -> String {
    s.replace("[-", "")
        .replace("-]", "")
        .replace("{+", "")
        .replace("+}", "")
}

const OLD_PHONE_RULE: &str = "注册须使用考生本人的手机号码，一个手机号码只能注册一个账号。";
const NEW_PHONE_RULE: &str =
    "注册须使用考生本人的手机号码，同一手机号码只能注册一次，不得重复注册。";

#[test]
fn example_2023_against_2024() {
    let site = example_site();
    let (out, err, code) = run(&["diff", "2023", "2024"], site.path());
    assert_eq!(code, Some(0), "{err}");

    // Registration moved, both dates written as the notice writes them.
    let reg = out
        .find("考生注册报名及信息完善 (registration)")
        .expect("registration listed");
    let after = &out[reg..];
    assert!(after.contains("- 2023年2月13日8时至17日18时"), "{out}");
    assert!(after.contains("+ 2024年1月20日8时至2月2日17时"), "{out}");
    // The exam too; a phase whose dates are the same is not listed.
    assert!(out.contains("- 2023年4月22日至23日"), "{out}");
    assert!(out.contains("+ 2024年4月20日至21日"), "{out}");

    // The craftsman category was added in 2024, with its fields.
    assert!(
        out.contains("“湖湘工匠燎原计划” (craftsman): added"),
        "{out}"
    );
    assert!(
        out.contains("+ 报考条件：面向入选“湖湘工匠燎原计划”"),
        "{out}"
    );

    // The reworded phone rule: the old and the new text, the change marked.
    let rules = &out[out.find("## Rules").expect("rules section")..];
    assert!(rules.contains("registration: changed"), "{rules}");
    let plain = unmarked(rules);
    assert!(plain.contains(&format!("- {OLD_PHONE_RULE}")), "{rules}");
    assert!(plain.contains(&format!("+ {NEW_PHONE_RULE}")), "{rules}");
    assert!(rules.contains("[-"), "{rules}");
    assert!(rules.contains("{+"), "{rules}");

    // The body is compared as composed: the registration paragraph changed
    // only through the date it takes from the schedule.
    let body = &out[out.find("## 正文").expect("body section")..];
    assert!(
        unmarked(body).contains("+ 考生注册报名时间为2024年1月20日8时至2月2日17时。"),
        "{body}"
    );
    // The section of the craftsman materials is new in 2024, under its heading.
    assert!(
        body.contains("@ 二、报名工作流程 › （三）信息完善 › 3.“湖湘工匠燎原计划”考生"),
        "{body}"
    );
    // Metadata: 文号 and 印发日期.
    let doc = &out[..out.find("## Schedule").expect("schedule section")];
    assert!(doc.contains("发文字号"), "{doc}");
    assert!(unmarked(doc).contains("- 湘教考成字〔2023〕2号"), "{doc}");
    assert!(unmarked(doc).contains("+ 湘教考成字〔2024〕1号"), "{doc}");
    assert!(unmarked(doc).contains("+ 2024年1月10日"), "{doc}");
    // Not a terminal: no colour codes.
    assert!(!out.contains('\x1b'));

    // The web page, in the current folder by default.
    assert!(err.contains("wrote diff-2023-2024.html"), "{err}");
    let html = std::fs::read_to_string(site.path().join("diff-2023-2024.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains("<th scope=\"col\">2023年</th>"), "{html}");
    assert!(
        html.contains("<td>2023年2月13日8时至17日18时</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>2024年1月20日8时至2月2日17时</td>"),
        "{html}"
    );
    assert!(html.contains("<ins>"));
    assert!(html.contains("<del>"));
    assert!(html.contains("“湖湘工匠燎原计划”（2024年新增）"), "{html}");
    assert!(!html.contains("<script"));
}

#[test]
fn a_year_against_itself_has_no_differences() {
    let site = example_site();
    let page = site.path().join("same.html");
    let (out, err, code) = run(
        &["diff", "2024", "2024", "--html", page.to_str().unwrap()],
        site.path(),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("no differences between 2024 and 2024"),
        "{out}"
    );
    assert!(!out.contains("##"), "{out}");
    assert!(err.contains("same.html"), "{err}");
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("没有差异"));
    assert!(!html.contains("<ins>"));
}

#[test]
fn an_unknown_year_names_the_years_present() {
    let site = example_site();
    let (out, err, code) = run(&["diff", "2023", "2030"], site.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("there is no year 2030"), "{err}");
    assert!(err.contains("2023, 2024"), "{err}");
    assert!(out.is_empty());
    assert!(!site.path().join("diff-2023-2030.html").exists());
}

#[test]
fn a_year_with_errors_is_reported_like_check() {
    let site = example_site();
    let sched = site.path().join("content/2023/schedule.yaml");
    let text = std::fs::read_to_string(&sched).unwrap();
    std::fs::write(&sched, text.replace("2023-02-17 18:00", "2023-02-12 18:00")).unwrap();
    let (out, err, code) = run(&["diff", "2023", "2024"], site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("error:"), "{err}");
    assert!(err.contains("content/2023/schedule.yaml"), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(!site.path().join("diff-2023-2024.html").exists());
}

#[test]
fn text_from_the_content_is_escaped_in_the_page() {
    let site = example_site();
    let cats = site.path().join("content/2024/categories.yaml");
    let text = std::fs::read_to_string(&cats).unwrap();
    let general = "qualifies: 面向符合报名条件且未申报其他类别的考生，";
    assert!(text.contains(general));
    // The general category's text is used in a paragraph of the body.
    std::fs::write(
        &cats,
        text.replace(
            general,
            "qualifies: \"<script>alert('x')</script>面向符合报名条件且未申报其他类别的考生，",
        )
        .replacen("考生。\n    reviewer", "考生。\"\n    reviewer", 1),
    )
    .unwrap();
    let (out, err, code) = run(&["diff", "2023", "2024"], site.path());
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("<script>alert('x')</script>"), "{out}");
    let html = std::fs::read_to_string(site.path().join("diff-2023-2024.html")).unwrap();
    assert!(!html.contains("<script"), "raw markup in the page");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "escaped text missing"
    );
}

#[test]
fn right_after_new_year_no_date_has_moved() {
    // The copy's old dates are warnings, not errors: the diff runs and says
    // that no phase moved, only what is computed from the year changed.
    let site = example_site();
    assert!(gazette(&["new-year", "2025"], site.path()).status.success());
    let (out, err, code) = run(&["diff", "2024", "2025"], site.path());
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("warning:"), "{err}");
    assert!(!out.contains("## Schedule"), "{out}");
    assert!(!out.contains("## Rules"), "{out}");
    assert!(unmarked(&out).contains("+ 湘教考成字〔2025〕1号"), "{out}");
}
