//! Which language the environment asks for.

use super::Lang;

/// `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en_US`, … as a language gazette
/// speaks; None for a tag of another language.
pub fn parse_tag(tag: &str) -> Option<Lang> {
    let tag = tag.trim().to_ascii_lowercase();
    let primary = tag.split(['-', '_', '.', '@']).next().unwrap_or("");
    match primary {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language of `GAZETTE_LANG`, else of the locale: Chinese for a `zh*`
/// locale, English for any other. None when neither says anything, so that
/// the site's `language:` can decide.
pub fn from_environment() -> Option<Lang> {
    explicit().or_else(locale)
}

/// `GAZETTE_LANG` alone (it outranks the site's setting, the locale does not).
pub fn explicit() -> Option<Lang> {
    std::env::var("GAZETTE_LANG")
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| parse_tag(&v).unwrap_or(Lang::En))
}

/// The locale, in POSIX precedence (LC_ALL, LC_MESSAGES, LANG), or the
/// user's interface language on Windows.
pub fn locale() -> Option<Lang> {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if !v.is_empty() {
                return Some(parse_tag(&v).unwrap_or(Lang::En));
            }
        }
    }
    windows_ui_language()
}

#[cfg(windows)]
fn windows_ui_language() -> Option<Lang> {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetUserDefaultUILanguage() -> u16;
    }
    // SAFETY: takes no arguments and only reads the user's settings.
    let langid = unsafe { GetUserDefaultUILanguage() };
    // The primary language is the low 10 bits; 0x04 is Chinese.
    Some(if langid & 0x3ff == 0x04 {
        Lang::Zh
    } else {
        Lang::En
    })
}

#[cfg(not(windows))]
fn windows_ui_language() -> Option<Lang> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_of_both_languages() {
        assert_eq!(parse_tag("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(parse_tag("zh-TW"), Some(Lang::Zh));
        assert_eq!(parse_tag("ZH"), Some(Lang::Zh));
        assert_eq!(parse_tag("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(parse_tag("C"), None);
        assert_eq!(parse_tag("de_DE"), None);
    }
}
