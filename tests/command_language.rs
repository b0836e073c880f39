//! The commands' terminal output in the user's language: `build`, `verify`,
//! `new-year` and the candidate list's diagnostics with `--lang zh` speak
//! Chinese; with `LANG=C` (and no GAZETTE_LANG) they speak English. The
//! codes, positions and exit statuses are the same in both.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

/// `gazette --lang zh ARGS` in `cwd`.
fn zh(args: &[&str], cwd: &Path) -> Output {
    command()
        .arg("--lang")
        .arg("zh")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gazette")
}

/// `gazette ARGS` with the C locale and no language asked for.
fn c_locale(args: &[&str], cwd: &Path) -> Output {
    command()
        .env_remove("GAZETTE_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gazette")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A receipt's verification code and the ID number of its candidate: the
/// first receipt PDF under the private folder, read back with poppler.
fn a_receipt(site: &Path) -> (String, String) {
    let csv = std::fs::read_to_string(site.join("content/2024/candidates.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let code = regex::Regex::new(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}").unwrap();
    let pdfs: Vec<PathBuf> = walkdir::WalkDir::new(site.join("private"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    for pdf in pdfs {
        let text = squash(&pdftotext(&pdf));
        if !text.contains("报名回执") {
            continue;
        }
        let Some(found) = code.find(&text) else {
            continue;
        };
        // The receipt prints the 报名号 (column 11) in full.
        if let Some(row) = rows.iter().find(|r| text.contains(r[10])) {
            return (found.as_str().to_string(), row[2].to_string());
        }
    }
    panic!(
        "no receipt with a code under {}",
        site.join("private").display()
    );
}

#[test]
fn build_and_verify_speak_chinese_or_english() {
    let site = example_2024_site();
    let root = site.path();

    let out = zh(&["build"], root);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for said in [
        "已生成 ",
        " 个文件，写入 ",
        "考生回执 60 份、院校推荐登记表 10 份：新生成 70 份，0 份与上次相同",
        "回执密钥（PBKDF2-SHA256，",
        "仅供考试院工作人员和院校使用（不得公开）：",
    ] {
        assert!(err.contains(said), "no {said:?} in\n{err}");
    }
    assert!(!err.contains("built "), "{err}");

    let out = c_locale(&["build"], root);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for said in [
        "built ",
        "60 receipts and 10 college forms: 0 made, 70 unchanged since the last build",
        "for staff and colleges only (not to be published): ",
    ] {
        assert!(err.contains(said), "no {said:?} in\n{err}");
    }
    assert!(!err.contains("已生成"), "{err}");

    // A genuine code: the verdict and the registered facts, line by line.
    let (code, id) = a_receipt(root);
    let out = zh(&["verify", &code, "--id", &id], root);
    let said = stdout(&out);
    assert!(out.status.success(), "{said}{}", stderr(&out));
    assert!(said.starts_with("核验通过：验证码与"), "{said}");
    assert!(said.contains("的 2024 年回执（报名号 "), "{said}");
    assert!(said.contains("请逐行核对："), "{said}");
    assert!(
        said.lines().any(|l| l.trim_start().starts_with("姓名")),
        "{said}"
    );
    let out = c_locale(&["verify", &code, "--id", &id], root);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("genuine: the 2024 receipt of "));

    // The code of another receipt: not genuine, in both languages alike.
    let other = if code.starts_with('2') { "3" } else { "2" };
    let altered = format!("{other}{}", &code[1..]);
    let zh_out = zh(&["verify", &altered, "--id", &id], root);
    let en_out = c_locale(&["verify", &altered, "--id", &id], root);
    assert_eq!(zh_out.status.code(), Some(1));
    assert_eq!(en_out.status.code(), Some(1));
    let said = stdout(&zh_out);
    assert!(said.starts_with("核验未通过：验证码与"), "{said}");
    assert!(said.contains("的登记信息："), "{said}");
    assert!(stdout(&en_out).starts_with("NOT genuine: this code does not match"));

    // No such candidate.
    let nobody = "110105194912310021";
    let out = zh(&["verify", &code, "--id", nobody], root);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out).trim(),
        "核验未通过：没有该身份证号码考生的回执"
    );
}

#[test]
fn a_failed_build_says_so_in_either_language_at_the_same_place() {
    let site = example_2024_site();
    let root = site.path();
    let config = root.join("gazette.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text + "pdf:\n  red: zzz\n").unwrap();

    let zh_out = zh(&["build"], root);
    let en_out = c_locale(&["build"], root);
    assert_eq!(zh_out.status.code(), Some(1));
    assert_eq!(zh_out.status.code(), en_out.status.code());
    let (zh_err, en_err) = (stderr(&zh_out), stderr(&en_out));
    assert!(zh_err.contains("错误：`zzz` 不是颜色值"), "{zh_err}");
    assert!(
        zh_err.contains("提示：请把红色写成 #RRGGBB 形式"),
        "{zh_err}"
    );
    assert!(zh_err.contains("没有写出任何文件；"), "{zh_err}");
    assert!(en_err.contains("error: `zzz` is not a colour"), "{en_err}");
    assert!(en_err.contains("nothing was written; "), "{en_err}");
    // The `-->` line under the message about `zzz`.
    let place = |s: &str| {
        s.lines()
            .skip_while(|l| !l.contains("zzz"))
            .find(|l| l.contains("-->"))
            .map(str::to_string)
    };
    assert!(place(&zh_err).is_some(), "{zh_err}");
    assert_eq!(place(&zh_err), place(&en_err));
    assert!(!root.join("output").exists());
}

#[test]
fn new_year_speaks_chinese_or_english() {
    let site = example_site();
    let out = zh(&["new-year", "2025"], site.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("已将 content/2024 复制为 content/2025：仍有 "),
        "{err}"
    );
    assert!(
        last.ends_with(" 处写的是 2024 年；请逐一修改，然后运行 gazette check"),
        "{err}"
    );
    assert!(err.contains(" 个警告"), "{err}");

    let out = c_locale(&["new-year", "2026", "--from", "2024"], site.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("copied content/2024 to content/2026: "),
        "{err}"
    );
    assert!(
        last.ends_with(" places still name 2024; change them, then run gazette check"),
        "{err}"
    );
}

/// (code, line, column) of each diagnostic of `gazette check --format json`.
fn located(out: &Output) -> Vec<(String, u64, u64)> {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn the_candidate_list_is_checked_in_either_language_alike() {
    let site = example_2024_site();
    let root = site.path();
    let path = root.join("content/2024/candidates.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut cells: Vec<String> = lines[1].split(',').map(String::from).collect();
    // A wrong check character, a phone number too short, sex 'F'.
    let last = cells[2].pop().unwrap();
    cells[2].push(if last == '1' { '2' } else { '1' });
    cells[3] = "1380000".into();
    cells[1] = "F".into();
    lines[1] = cells.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();

    let args = ["check", "--format", "json"];
    let zh_out = zh(&args, root);
    let en_out = c_locale(&args, root);
    assert_eq!(zh_out.status.code(), Some(1));
    assert_eq!(zh_out.status.code(), en_out.status.code());
    let expected = [
        ("sex-invalid".to_string(), 2, 2),
        ("id-check-char".to_string(), 2, 3),
        ("phone-invalid".to_string(), 2, 4),
    ];
    assert_eq!(located(&zh_out), expected);
    assert_eq!(located(&en_out), expected);

    let human = zh(&["check"], root);
    let err = stderr(&human);
    assert!(err.contains("错误：列 `性别`：`F` 不是“男”或“女”"), "{err}");
    assert!(err.contains("的校验码应为 "), "{err}");
    assert!(
        err.contains("不是手机号码（11 位数字，以 13 至 19 开头）"),
        "{err}"
    );
    assert!(
        err.contains("提示：只写 11 位数字，不加 +86、空格或短横线"),
        "{err}"
    );
    assert!(err.contains("3 个错误，0 个警告"), "{err}");
    let human = c_locale(&["check"], root);
    let err = stderr(&human);
    assert!(
        err.contains("error: column `性别`: `F` is neither 男 nor 女"),
        "{err}"
    );
    assert!(err.contains("3 errors, 0 warnings"), "{err}");
}
