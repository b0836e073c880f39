//! Is a text Chinese? Technical tokens (paths, YAML keys, `{{ schedule.x }}`)
//! stay as typed in both languages, so a text counts as translated when it
//! has Chinese characters and no English sentence outside backticks.
#![allow(dead_code)]

/// A CJK ideograph (the unified block and extension A).
pub fn has_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF))
}

/// The text with every `backticked` span taken out.
fn outside_backticks(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Small words no Chinese sentence holds on their own, but nearly every
/// English one does.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "is", "are", "was", "be", "not", "no", "of", "to", "in", "on", "and", "or",
    "with", "from", "for", "it", "this", "that", "has", "have",
];

/// An English sentence outside backticks: three or more words of ASCII
/// letters in a row, separated by spaces alone (so `a.b/c` and `x、y` are
/// not one), or an English function word standing on its own.
pub fn english_run(text: &str) -> Option<String> {
    let plain = outside_backticks(text);
    let mut run: Vec<&str> = Vec::new();
    for token in plain.split_whitespace() {
        let word = token.trim_end_matches([',', ';', ':', '.', '?', '!', ')']);
        let word = word.trim_start_matches('(');
        if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            run.clear();
            continue;
        }
        if FUNCTION_WORDS.contains(&word.to_ascii_lowercase().as_str()) {
            return Some(word.to_string());
        }
        run.push(word);
        if run.len() >= 3 {
            return Some(run.join(" "));
        }
    }
    None
}

/// Why `zh` is not an acceptable Chinese version of `en`, if it is not.
pub fn not_chinese(zh: &str, en: &str) -> Option<String> {
    if zh.trim().is_empty() {
        return Some("is empty".into());
    }
    if zh == en {
        return Some("is the English text".into());
    }
    if !has_chinese(zh) {
        return Some("has no Chinese character".into());
    }
    english_run(zh).map(|run| format!("has an English sentence: “{run}”"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_messages_are_caught() {
        let en = "unknown key `titel` in `site`";
        assert!(english_run(en).is_some());
        assert!(not_chinese(en, "").is_some());
        assert!(english_run("failed to list files").is_some());
        // Half translated: Chinese words do not hide an English sentence.
        assert!(not_chinese("阶段 `review` includes 2024-02-10, a day off", "x").is_some());
        assert!(not_chinese("2024年2月4日 was a 周日, not a 周四", "x").is_some());
        assert!(not_chinese("文件 Not Found Error", "x").is_some());
    }

    #[test]
    fn chinese_messages_with_technical_tokens_pass() {
        for zh in [
            "`site` 中有未知的键 `titel`",
            "phases[1].windows[0]：`2024-02-30 17:00` 不是真实的日期：2024-02 只有 29 天",
            "引用的写法是 `{{ schedule.<阶段> }}`；可用的过滤器有 weekday、noyear、date",
            "请在站点文件夹中运行 gazette，或用 --root 指定站点文件夹",
            "各项数值的范围见 README.md",
        ] {
            assert_eq!(not_chinese(zh, "English"), None, "{zh}");
        }
    }
}
