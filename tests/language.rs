//! Which language gazette speaks, through the real binary: help, usage
//! errors, diagnostics and `init` follow `--lang`, GAZETTE_LANG, the site's
//! `language:` and the locale, in that order. Every case starts from an
//! environment with no language setting at all, so the results do not
//! depend on the machine's locale.

use crate::common::*;
use gazette::i18n::{text_in, Arg, Lang};
use std::path::Path;
use std::process::{Command, Output};

/// Every variable that could choose a language.
const LANGUAGE_VARS: [&str; 5] = ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "GAZETTE_LANG"];

/// The real binary, with only the language settings of `env`.
fn run(args: &[&str], env: &[(&str, &str)], cwd: &Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gazette"));
    for var in LANGUAGE_VARS {
        c.env_remove(var);
    }
    c.env("GAZETTE_RECEIPT_KEY", TEST_KEY)
        .envs(env.iter().copied())
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gazette")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const ZH: (&str, &str) = ("LANG", "zh_CN.UTF-8");
const C: (&str, &str) = ("LANG", "C");

/// The weekday error every broken site below carries, in `lang`.
fn weekday_error(lang: Lang) -> String {
    let args = [
        ("date", Arg::from("2024年2月4日")),
        ("actual", Arg::from("周日")),
        ("written", Arg::from("周四")),
    ];
    let label = text_in(lang, "diag-error", &[]);
    format!("{label}{}", text_in(lang, "weekday-mismatch", &args))
}

/// The 2024 example with a weekday typed wrong in the body, and
/// `language: <language>` in gazette.yaml when given.
fn broken_site(language: Option<&str>) -> tempfile::TempDir {
    let site = example_2024_site();
    let body = site.path().join("content/2024/notice.md");
    let mut text = std::fs::read_to_string(&body).unwrap();
    text.push_str("\n考生须于2月4日（周四）前完成。\n");
    std::fs::write(&body, text).unwrap();
    if let Some(language) = language {
        let config = site.path().join("gazette.yaml");
        let mut text = std::fs::read_to_string(&config).unwrap();
        text.push_str(&format!("\nlanguage: {language}\n"));
        std::fs::write(&config, text).unwrap();
    }
    site
}

/// The language `gazette check` reported the broken site's error in.
fn spoken(out: &Output) -> Lang {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    let err = stderr(out);
    let zh = err.contains(&weekday_error(Lang::Zh));
    let en = err.contains(&weekday_error(Lang::En));
    match (zh, en) {
        (true, false) => Lang::Zh,
        (false, true) => Lang::En,
        _ => panic!("neither language alone:\n{err}"),
    }
}

#[test]
fn help_follows_the_locale() {
    let tmp = tempfile::tempdir().unwrap();
    let zh = run(&["--help"], &[ZH], tmp.path());
    assert!(zh.status.success());
    let text = stdout(&zh);
    assert!(
        text.starts_with(&text_in(Lang::Zh, "cli-gazette", &[])),
        "{text}"
    );
    assert!(text.contains("用法：gazette"), "{text}");
    assert!(text.contains("命令："), "{text}");

    let sub = stdout(&run(&["check", "--help"], &[ZH], tmp.path()));
    assert!(
        sub.starts_with(&text_in(Lang::Zh, "cli-check", &[])),
        "{sub}"
    );
    assert!(
        sub.contains(&text_in(Lang::Zh, "cli-check-format", &[])),
        "{sub}"
    );

    let en = stdout(&run(&["--help"], &[C], tmp.path()));
    assert!(
        en.starts_with(&text_in(Lang::En, "cli-gazette", &[])),
        "{en}"
    );
    assert!(en.contains("Usage: gazette"), "{en}");
    assert!(!en.contains("用法"), "{en}");
}

#[test]
fn usage_errors_are_chinese_under_a_chinese_locale_with_status_2() {
    let tmp = tempfile::tempdir().unwrap();
    let typo = run(&["chek"], &[ZH], tmp.path());
    assert_eq!(typo.status.code(), Some(2));
    let err = stderr(&typo);
    assert!(err.starts_with("错误："), "{err}");
    assert!(err.contains("chek") && err.contains("“check”"), "{err}");

    let value = run(&["check", "--format", "xml"], &[ZH], tmp.path());
    assert_eq!(value.status.code(), Some(2));
    let err = stderr(&value);
    assert!(err.starts_with("错误："), "{err}");
    assert!(
        err.contains("“xml”") && err.contains("human, json"),
        "{err}"
    );

    let en = run(&["check", "--format", "xml"], &[C], tmp.path());
    assert_eq!(en.status.code(), Some(2));
    assert!(stderr(&en).starts_with("error: invalid value 'xml'"));
}

#[test]
fn check_speaks_chinese_in_the_same_place_with_the_same_code() {
    let site = broken_site(None);
    let root = site.path().to_str().unwrap();
    let zh = run(&["check", "--root", root], &[ZH], site.path());
    assert_eq!(spoken(&zh), Lang::Zh);
    let err = stderr(&zh);
    assert!(err.contains("  提示：改为“周日”"), "{err}");
    assert!(err.contains("1 个错误，"), "{err}");
    let en = run(&["check", "--root", root], &[C], site.path());
    assert_eq!(spoken(&en), Lang::En);

    // The JSON of both: the same problems at the same places under the same
    // codes; only the words differ.
    let json = |env| {
        let out = run(
            &["check", "--root", root, "--format", "json"],
            &[env],
            site.path(),
        );
        assert_eq!(out.status.code(), Some(1));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")
    };
    let (zh, en) = (json(ZH), json(C));
    let where_what = |doc: &serde_json::Value| -> Vec<String> {
        let list = doc["diagnostics"].as_array().expect("diagnostics");
        list.iter()
            .map(|d| {
                format!(
                    "{} {} {} {}:{}:{}",
                    d["code"], d["severity"], d["file"], d["line"], d["column"], d["causes"]
                )
            })
            .collect()
    };
    assert_eq!(where_what(&zh), where_what(&en));
    let weekday = |doc: &serde_json::Value| {
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "weekday-mismatch")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .expect("weekday-mismatch")
    };
    assert_eq!(weekday(&zh), "2024年2月4日是周日，不是周四");
    assert_eq!(weekday(&en), "2024年2月4日 was a 周日, not a 周四");
}

/// (description, arguments after `check --root SITE`, environment, the
/// site's `language:`, the language expected).
type Case = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    Option<&'static str>,
    Lang,
);

#[rustfmt::skip]
const PRECEDENCE: &[Case] = &[
    ("nothing set", &[], &[], None, Lang::En),
    ("LANG=zh", &[], &[ZH], None, Lang::Zh),
    ("LANG=C", &[], &[C], None, Lang::En),
    ("LANG=en_US", &[], &[("LANG", "en_US.UTF-8")], None, Lang::En),
    ("LANG of another language", &[], &[("LANG", "de_DE.UTF-8")], None, Lang::En),
    ("LC_ALL beats LANG", &[], &[("LC_ALL", "C"), ZH], None, Lang::En),
    ("LC_ALL beats LANG", &[], &[("LC_ALL", "zh_CN.UTF-8"), C], None, Lang::Zh),
    ("LC_MESSAGES beats LANG", &[], &[("LC_MESSAGES", "zh_CN.UTF-8"), C], None, Lang::Zh),
    ("language: beats LANG", &[], &[C], Some("zh"), Lang::Zh),
    ("language: beats LANG", &[], &[ZH], Some("en"), Lang::En),
    ("language: beats LC_ALL", &[], &[("LC_ALL", "C")], Some("zh-CN"), Lang::Zh),
    ("GAZETTE_LANG beats language:", &[], &[("GAZETTE_LANG", "en")], Some("zh"), Lang::En),
    ("GAZETTE_LANG beats language:", &[], &[("GAZETTE_LANG", "zh"), C], Some("en"), Lang::Zh),
    ("--lang beats GAZETTE_LANG", &["--lang", "en"], &[("GAZETTE_LANG", "zh"), ZH], Some("zh"), Lang::En),
    ("--lang beats GAZETTE_LANG", &["--lang=zh"], &[("GAZETTE_LANG", "en"), C], Some("en"), Lang::Zh),
];

#[test]
fn the_language_is_chosen_in_order() {
    let sites: Vec<(Option<&str>, tempfile::TempDir)> =
        [None, Some("zh"), Some("zh-CN"), Some("en")]
            .into_iter()
            .map(|language| (language, broken_site(language)))
            .collect();
    let mut wrong = Vec::new();
    for &(what, extra, env, language, expected) in PRECEDENCE {
        let site = &sites.iter().find(|(l, _)| *l == language).unwrap().1;
        let root = site.path().to_str().unwrap();
        let mut args = vec!["check", "--root", root];
        args.extend_from_slice(extra);
        let got = spoken(&run(&args, env, site.path()));
        if got != expected {
            wrong.push(format!(
                "{what} {env:?} language: {language:?}: {got:?}, not {expected:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_site_language_is_read_from_the_current_folder_too() {
    let site = broken_site(Some("zh"));
    assert_eq!(spoken(&run(&["check"], &[C], site.path())), Lang::Zh);
}

#[test]
fn a_language_gazette_does_not_speak_is_an_error_at_the_value() {
    let site = example_2024_site();
    let config = site.path().join("gazette.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("language: fr\n{text}")).unwrap();
    let root = site.path().to_str().unwrap();
    for env in [ZH, C] {
        let out = run(&["check", "--root", root], &[env], site.path());
        assert_eq!(out.status.code(), Some(1), "{env:?}");
        let err = stderr(&out);
        assert!(err.contains("--> gazette.yaml:1:11"), "{err}");
        assert!(
            err.contains("`fr`") && err.contains("`zh`") && err.contains("`en`"),
            "{err}"
        );
    }
    // An unknown value does not choose a language: the locale does.
    let zh = stderr(&run(&["check", "--root", root], &[ZH], site.path()));
    assert!(
        zh.starts_with(&text_in(Lang::Zh, "diag-error", &[])),
        "{zh}"
    );
}

#[test]
fn init_in_chinese_writes_a_chinese_site_that_keeps_speaking_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["init", "notices"], &[ZH], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let site = tmp.path().join("notices");
    let readme = std::fs::read_to_string(site.join("README.md")).unwrap();
    let expected = std::fs::read_to_string(repo().join("templates/site-README.zh-CN.md")).unwrap();
    assert_eq!(readme, expected);
    assert!(readme.starts_with("# 本站点使用说明"));
    let config = std::fs::read_to_string(site.join("gazette.yaml")).unwrap();
    assert!(config.ends_with("\nlanguage: zh\n"), "{config}");
    assert!(config.starts_with("# gazette.yaml：站点配置"), "{config}");
    let templates = std::fs::read_to_string(site.join("templates/README.md")).unwrap();
    assert!(
        templates.starts_with("在此放入与内置模板同名的文件"),
        "{templates}"
    );

    // Refused over an existing site, in Chinese, with status 2.
    let again = run(&["init", "notices"], &[ZH], tmp.path());
    assert_eq!(again.status.code(), Some(2));
    let err = stderr(&again);
    assert!(err.starts_with("错误：`notices` 不是空文件夹"), "{err}");
    assert!(err.contains("提示：请指定一个新文件夹"), "{err}");

    // The new site speaks Chinese in a terminal whose locale is C.
    let body = site.join("content/2024/notice.md");
    let mut text = std::fs::read_to_string(&body).unwrap();
    text.push_str("\n考生须于2月4日（周四）前完成。\n");
    std::fs::write(&body, text).unwrap();
    assert_eq!(spoken(&run(&["check"], &[C], &site)), Lang::Zh);
}

#[test]
fn init_in_english_writes_the_english_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["init", "notices"], &[C], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let site = tmp.path().join("notices");
    let readme = std::fs::read_to_string(site.join("README.md")).unwrap();
    let expected = std::fs::read_to_string(repo().join("templates/site-README.md")).unwrap();
    assert_eq!(readme, expected);
    // No `language:`: the locale of whoever runs it decides.
    let config = std::fs::read_to_string(site.join("gazette.yaml")).unwrap();
    assert_eq!(
        config,
        std::fs::read_to_string(repo().join("gazette.yaml")).unwrap()
    );
    let again = run(&["init", "notices"], &[C], tmp.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).starts_with("error: `notices` is not empty"));
}

#[test]
fn new_year_lists_old_dates_in_chinese_at_the_same_places() {
    let places = |env| {
        let site = example_2024_site();
        let out = run(&["new-year", "2025"], &[env], site.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        let at: Vec<String> = err
            .lines()
            .filter(|l| l.trim_start().starts_with("--> "))
            .map(str::to_string)
            .collect();
        (err, at)
    };
    let (zh, zh_at) = places(ZH);
    let (en, en_at) = places(C);
    assert!(zh.contains("警告：`2024-01-20` 仍属于2024年"), "{zh}");
    assert!(
        zh.contains("提示：请在此处改为2025年的日期（或文字）"),
        "{zh}"
    );
    assert!(
        en.contains("warning: `2024-01-20` still belongs to 2024"),
        "{en}"
    );
    assert!(!zh_at.is_empty());
    assert_eq!(zh_at, en_at);
}

#[test]
fn the_chinese_site_config_says_what_the_english_one_says() {
    let read = |path: &str| -> serde_yaml::Value {
        let text = std::fs::read_to_string(repo().join(path)).unwrap();
        serde_yaml::from_str(&text).unwrap()
    };
    let mut zh = read("templates/site-gazette.zh-CN.yaml");
    let language = zh.as_mapping_mut().unwrap().remove("language");
    assert_eq!(language, Some(serde_yaml::Value::from("zh")));
    assert_eq!(zh, read("gazette.yaml"));
}

/// The lines of a document's ```sh blocks, without their comments.
fn commands(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            inside = !inside && line == "```sh";
            continue;
        }
        if inside {
            let command = line.split(" #").next().unwrap_or(line).trim();
            out.push(command.to_string());
        }
    }
    out
}

/// The headings' levels and step numbers (`### 4.`), without their words.
fn outline(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            let (level, title) = l.split_once(' ').unwrap_or((l, ""));
            let number: String = title.chars().take_while(|c| c.is_ascii_digit()).collect();
            format!("{level} {number}")
        })
        .collect()
}

#[test]
fn the_two_site_readmes_stay_in_step() {
    let en = std::fs::read_to_string(repo().join("templates/site-README.md")).unwrap();
    let zh = std::fs::read_to_string(repo().join("templates/site-README.zh-CN.md")).unwrap();
    assert_eq!(outline(&en), outline(&zh));
    assert_eq!(commands(&en), commands(&zh));
    assert!(commands(&en)
        .contains(&"gazette verify QVDJ-TXQT-JM67-KGWM-BPBA --id 430405200003051672".to_string()));
}

#[test]
fn the_chinese_project_readme_keeps_the_quick_start() {
    let en = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let zh = std::fs::read_to_string(repo().join("README.zh-CN.md")).unwrap();
    assert!(en.lines().take(5).any(|l| l.contains("(README.zh-CN.md)")));
    assert!(zh.lines().take(5).any(|l| l.contains("(README.md)")));
    let (en, zh) = (commands(&en), commands(&zh));
    for command in [
        "cargo run --release -- build",
        "cargo test",
        "sudo apt-get install --no-install-recommends fonts-noto-cjk texlive-lang-chinese",
    ] {
        assert!(en.iter().any(|c| c == command), "README.md lacks {command}");
        assert!(
            zh.iter().any(|c| c == command),
            "README.zh-CN.md lacks {command}"
        );
    }
}
