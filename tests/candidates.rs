//! The candidate list: loading the fixtures under tests/fixtures/data
//! (written by make_fixtures.py there) and the exact diagnostics.

use gazette::data::{load_candidates, CandidateList, CandidateSpec, Review, Sex};
use gazette::diag::{Diagnostic, Diagnostics, Severity};
use gazette::load::files::{parse_yaml, read_source, Source};
use gazette::model::year::{CategoriesFile, Category};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data")
}

fn categories() -> Vec<Category> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2024/categories.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str::<CategoriesFile>(&text)
        .unwrap()
        .categories
}

/// Load with the fixture's candidates.yaml, `file` replaced and `more` appended.
fn load_with(file: &str, more: &str) -> (Option<CandidateList>, Diagnostics) {
    load_in(&root(), file, more)
}

/// [`load_with`] from the site folder `root`.
fn load_in(root: &Path, file: &str, more: &str) -> (Option<CandidateList>, Diagnostics) {
    // The assertions read English, whatever the machine's locale.
    gazette::i18n::set_lang(gazette::i18n::Lang::En);
    let src = read_source(root, Path::new("content/2024/candidates.yaml")).unwrap();
    let text = src
        .text
        .replace("file: candidates.csv", &format!("file: {file}"))
        + more;
    let src = Source { text, ..src };
    let spec: CandidateSpec = parse_yaml(&src).unwrap();
    let mut diags = Diagnostics::new();
    let list = load_candidates(
        root,
        Path::new("content/2024"),
        &spec,
        &src,
        &categories(),
        &[],
        &mut diags,
    );
    (list, diags)
}

fn load(file: &str) -> (Option<CandidateList>, Diagnostics) {
    load_with(file, "")
}

/// (file:line:column, message) of each diagnostic, as a person reads them.
fn located(diags: &Diagnostics) -> Vec<(String, String)> {
    diags
        .iter()
        .map(|d| {
            let file = d
                .file
                .as_ref()
                .map_or(String::new(), |f| f.display().to_string());
            let mut at = file;
            for n in [d.line, d.column].into_iter().flatten() {
                at.push_str(&format!(":{n}"));
            }
            (at, d.message.clone())
        })
        .collect()
}

fn only(diags: &Diagnostics) -> &Diagnostic {
    assert_eq!(diags.0.len(), 1, "{diags}");
    &diags.0[0]
}

#[test]
fn the_valid_list_loads_without_a_word() {
    let (list, diags) = load("candidates.csv");
    assert!(diags.is_empty(), "{diags}");
    let list = list.unwrap();
    assert_eq!(list.file, Path::new("content/2024/candidates.csv"));
    let c = &list.candidates;
    assert_eq!(c.len(), 12);
    assert_eq!(
        c.iter().map(|c| c.row).collect::<Vec<_>>(),
        (2..=13).collect::<Vec<_>>()
    );
    assert_eq!(c[0].name(), "刘子轩");
    assert_eq!(c[0].sex, Sex::Male);
    assert_eq!(c[0].id_number(), "430102200305120316");
    assert_eq!(c[0].phone(), "13807311234");
    assert_eq!(c[0].college(), "湖南工业职业技术学院");
    assert_eq!(c[0].major(), "机械制造及自动化");
    assert_eq!(
        c.iter().map(|c| c.category()).collect::<Vec<_>>(),
        [
            "general",
            "poverty",
            "veteran",
            "competition",
            "craftsman",
            "general",
            "veteran",
            "poverty",
            "general",
            "competition",
            "general",
            "general"
        ]
    );
    let reviews: Vec<Review> = c.iter().map(|c| c.review).collect();
    use Review::*;
    assert_eq!(
        reviews,
        [
            Passed, Passed, Passed, Passed, Pending, Failed, Failed, Failed, Pending, Pending,
            Passed, Passed
        ]
    );
    // A failed veteran chose the general plan: allowed.
    assert_eq!(c[6].choice(), Some("general"));
    assert_eq!(c[4].choice(), None);
    assert_eq!(c[2].extra("enlisted"), "2021-09-10");
    assert_eq!(c[0].extra("enlisted"), "");
    assert_eq!(c[4].id_number(), "43040220030302081X");
}

#[test]
fn gbk_csv_and_xlsx_give_the_same_list() {
    let (csv, _) = load("candidates.csv");
    let csv = csv.unwrap().candidates;
    for file in ["candidates-gbk.csv", "candidates.xlsx"] {
        let (list, diags) = load(file);
        assert!(diags.is_empty(), "{file}: {diags}");
        assert_eq!(list.unwrap().candidates, csv, "{file}");
    }
    let (list, diags) = load_with("candidates.xlsx", "sheet: 考生名单\n");
    assert!(diags.is_empty(), "{diags}");
    assert_eq!(list.unwrap().candidates, csv);
}

#[test]
fn every_problem_of_the_bad_list_is_reported() {
    let (list, diags) = load("bad.csv");
    let f = "content/2024/bad.csv";
    let expected: Vec<(String, &str)> = vec![
        (format!("{f}:4:4"), "column `身份证号`: ID number 430102*******1051: has 17 characters, an ID number has 18"),
        (format!("{f}:5:4"), "column `身份证号`: ID number 430102********0522: character 11 is `O`, not a digit"),
        (format!("{f}:6:4"), "column `身份证号`: ID number 990102********0071: region code 99 is not a province"),
        (format!("{f}:7:4"), "column `身份证号`: birth date 20030230 is not a real date"),
        (format!("{f}:8:4"), "column `身份证号`: ID number 430103********0713: check character should be 4, not 3"),
        (format!("{f}:9:4"), "column `身份证号`: ID number 430103********0929 gives a birth year of 2025, after the notice year 2024"),
        (format!("{f}:10:3"), "column `性别`: 女, but ID number 430103********1116 is a man's (17th digit odd)"),
        (format!("{f}:11:3"), "column `性别`: `F` is neither 男 nor 女"),
        (format!("{f}:12:5"), "column `手机号码`: 129****0009 is not a mobile number (11 digits, starting 13 to 19)"),
        (format!("{f}:13:4"), "column `身份证号`: ID number 430104********1120 is already on row 3"),
        (format!("{f}:14:5"), "column `手机号码`: phone 138****1234 is already on row 2"),
        (format!("{f}:15:8"), "column `报考类别`: unknown category `退役士兵免试`"),
        (format!("{f}:16:10"), "column `志愿类别`: unknown category `专升本计划`"),
        (format!("{f}:17:10"), "column `志愿类别`: failed the 退役大学生士兵免试 review, so may only fill choices under 普通计划, not 退役大学生士兵免试"),
        (format!("{f}:18:10"), "column `志愿类别`: failed the 脱贫家庭毕业生计划 review, so may only fill choices under 普通计划, not 脱贫家庭毕业生计划"),
        (format!("{f}:19:9"), "column `审核结果`: `已通过` is not a review result"),
        (format!("{f}:20:2"), "column `姓名`: empty cell"),
        (format!("{f}:21:4"), "column `身份证号`: ID number stored as a number in Excel; format the column as text"),
    ];
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .map(|(a, m)| (a, m.to_string()))
        .collect();
    assert_eq!(located(&diags), expected);
    assert!(diags.iter().all(|d| d.severity == Severity::Error));

    let hints: Vec<(usize, &str)> = diags
        .iter()
        .filter_map(|d| Some((d.line?, d.hint.as_deref()?)))
        .collect();
    assert_eq!(
        hints,
        [
            (12, "write the 11 digits only, without +86, spaces or dashes"),
            (13, "each candidate registers once"),
            (14, "one mobile number per registration"),
            (15, "did you mean `退役大学生士兵免试`?"),
            (16, "the categories are 普通计划, 脱贫家庭毕业生计划, 退役大学生士兵免试, 竞赛获奖免试, “湖湘工匠燎原计划”"),
            (19, "passed: 通过, 审核通过, 合格; failed: 不通过, 审核不通过, 未通过, 不合格; pending: 待审核, 审核中, (empty); other words go in `review_values` of candidates.yaml"),
            (21, "a number loses the X and the last digits; retype them after formatting the column as 文本"),
        ]
    );

    // The good rows come back; a lowercase check x is made upper-case.
    let list = list.unwrap();
    let rows: Vec<(usize, &str)> = list
        .candidates
        .iter()
        .map(|c| (c.row, c.id_number()))
        .collect();
    assert_eq!(
        rows,
        [
            (2, "430102200305120316"),
            (3, "430104200308271120"),
            (22, "43010320031212352X")
        ]
    );
}

#[test]
fn diagnostics_show_the_line_with_numbers_masked() {
    let (_, diags) = load("bad.csv");
    let shown = |line: usize| {
        diags
            .iter()
            .find(|d| d.line == Some(line))
            .and_then(|d| d.source_line.clone())
            .unwrap()
    };
    assert_eq!(
        shown(10),
        ",唐宇,女,430103********1116,139****0007,湖南工业职业技术学院,机械制造及自动化,普通计划,通过,普通计划,,"
    );
    // The birth date is in the message, so none of the number is shown.
    assert!(shown(7).starts_with(",胡敏,女,******************,139****0004,"));

    // No full ID number or phone number appears anywhere in the output.
    let text = std::fs::read_to_string(root().join("content/2024/bad.csv")).unwrap();
    let printed = diags.to_string();
    for cells in text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
    {
        for secret in [cells[3], cells[4]] {
            if secret.len() >= 11 {
                assert!(!printed.contains(secret), "{secret} in\n{printed}");
            }
        }
    }
}

#[test]
fn an_id_typed_as_a_number_in_excel_is_named() {
    let (list, diags) = load("numeric-id.xlsx");
    let f = "content/2024/numeric-id.xlsx";
    let msg = "column `身份证号`: ID number stored as a number in Excel; format the column as text";
    let expected: Vec<(String, String)> = (2..=4)
        .map(|row| (format!("{f}:{row}:4"), msg.to_string()))
        .collect();
    assert_eq!(located(&diags), expected);
    // A workbook has no text line to show.
    assert!(diags.iter().all(|d| d.source_line.is_none()));
    assert!(list.unwrap().candidates.is_empty());
}

#[test]
fn a_header_only_list_is_a_warning() {
    let (list, diags) = load("header-only.csv");
    assert!(list.unwrap().candidates.is_empty());
    let d = only(&diags);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        located(&diags),
        [(
            "content/2024/header-only.csv:1".to_string(),
            "`content/2024/header-only.csv` has no candidates, only the header row".to_string()
        )]
    );
}

#[test]
fn missing_headers_are_all_named() {
    let (list, diags) = load("missing-header.csv");
    assert!(list.is_none());
    let found = "序号, 姓名, 性别, 身份证, 手机号码, 毕业院校, 专业, 报考类别, 状态, 志愿类别, 入伍时间, 备注";
    assert_eq!(
        located(&diags),
        [
            (
                "content/2024/missing-header.csv:1".to_string(),
                format!("no column `身份证号` (named by `columns.id_number`); the header row has {found}")
            ),
            (
                "content/2024/missing-header.csv:1".to_string(),
                format!("no column `审核结果` (named by `columns.review`); the header row has {found}")
            ),
        ]
    );
    let hints: Vec<_> = diags.iter().map(|d| d.hint.clone().unwrap()).collect();
    assert_eq!(
        hints,
        [
            "did you mean `身份证`?",
            "rename the column in the file, or change `columns.review` in `content/2024/candidates.yaml`"
        ]
    );
}

#[test]
fn unreadable_files_stop_with_one_error() {
    let cases = [
        (
            "empty.csv",
            "content/2024/empty.csv",
            "`content/2024/empty.csv` is empty",
        ),
        (
            "junk.csv",
            "content/2024/junk.csv",
            "`content/2024/junk.csv` is neither UTF-8 nor GBK text",
        ),
        (
            "nowhere.csv",
            "content/2024/candidates.yaml:2:7",
            "no file `content/2024/nowhere.csv`",
        ),
        (
            "../2023/candidates.csv",
            "content/2024/candidates.yaml:2:7",
            "`file: ../2023/candidates.csv` leads out of the year folder `content/2024`",
        ),
        (
            "/etc/candidates.csv",
            "content/2024/candidates.yaml:2:7",
            "`file: /etc/candidates.csv` is an absolute path",
        ),
        (
            "candidates.yaml",
            "content/2024/candidates.yaml:2:7",
            "`file: candidates.yaml` is neither .csv nor .xlsx",
        ),
    ];
    for (file, at, message) in cases {
        let (list, diags) = load(file);
        assert!(list.is_none(), "{file}");
        only(&diags);
        assert_eq!(
            located(&diags),
            [(at.to_string(), message.to_string())],
            "{file}"
        );
    }
    let (_, diags) = load("junk.csv");
    assert_eq!(
        only(&diags).hint.as_deref(),
        Some("in Excel: Save As → CSV UTF-8 (逗号分隔)")
    );
}

#[test]
fn an_unknown_sheet_is_named() {
    let (list, diags) = load_with("candidates.xlsx", "sheet: 报名表\n");
    assert!(list.is_none());
    let d = only(&diags);
    assert_eq!(
        d.message,
        "`content/2024/candidates.xlsx` has no sheet `报名表`"
    );
    assert_eq!(d.hint.as_deref(), Some("its sheets are 考生名单, 说明"));
}

/// Cells the csv crate unquotes are copied, the others read in place: the
/// bad list with every cell quoted gives the same candidates and the same
/// diagnostics, at the same lines and columns.
#[test]
fn quoted_cells_read_as_plain_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let year = tmp.path().join("content/2024");
    std::fs::create_dir_all(&year).unwrap();
    let fixture = root().join("content/2024");
    std::fs::copy(
        fixture.join("candidates.yaml"),
        year.join("candidates.yaml"),
    )
    .unwrap();
    let text = std::fs::read_to_string(fixture.join("bad.csv")).unwrap();
    assert!(!text.contains('"'));
    let quoted: String = text
        .lines()
        .map(|l| {
            let cells: Vec<String> = l.split(',').map(|c| format!("\"{c}\"")).collect();
            cells.join(",") + "\r\n"
        })
        .collect();
    std::fs::write(year.join("bad.csv"), quoted).unwrap();
    let shown = |d: &Diagnostics| -> Vec<_> {
        d.iter()
            .map(|d| (d.code, d.line, d.column, d.message.clone(), d.hint.clone()))
            .collect()
    };
    let (plain, plain_diags) = load("bad.csv");
    let (copied, copied_diags) = load_in(tmp.path(), "bad.csv", "");
    assert!(!plain_diags.is_empty());
    assert_eq!(shown(&copied_diags), shown(&plain_diags));
    assert_eq!(copied.unwrap().candidates, plain.unwrap().candidates);
}
