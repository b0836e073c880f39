//! Resident identity card numbers (GB 11643-1999) and masking of personal
//! numbers, so that no diagnostic ever prints a full ID or phone number.

use chrono::NaiveDate;

/// A valid ID number and what it tells about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber {
    /// The 18 characters with a lowercase check `x` made upper-case.
    pub normalised: String,
    pub birth: NaiveDate,
    /// The 17th digit is odd for men and even for women.
    pub male: bool,
}

/// What is wrong with an ID number (the candidate list's checks word it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Length(usize),
    /// 1-based position and the character found there.
    NotDigit(usize, char),
    Region(String),
    BirthDate(String),
    Check {
        expected: char,
        found: char,
    },
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Province-level codes (first two digits). Prefectures and counties are
/// not checked: retired codes stay valid on cards already issued.
fn is_province(code: u32) -> bool {
    matches!(code, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83)
}

/// The ISO 7064 MOD 11-2 check character of the first 17 digits.
pub fn check_char(digits: &[u32]) -> char {
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    CHECK[(sum % 11) as usize]
}

/// Validate an 18-character ID number (already trimmed).
pub fn validate(s: &str) -> Result<IdNumber, IdError> {
    // Characters, not bytes: a full-width digit is one character.
    let mut chars = ['\0'; 18];
    let mut n = 0;
    for c in s.chars() {
        if n < 18 {
            chars[n] = c;
        }
        n += 1;
    }
    if n != 18 {
        return Err(IdError::Length(n));
    }
    let mut digits = [0u32; 17];
    for (i, c) in chars[..17].iter().enumerate() {
        // `to_digit` takes ASCII digits only, so full-width ２ is refused too.
        match c.to_digit(10) {
            Some(d) => digits[i] = d,
            None => return Err(IdError::NotDigit(i + 1, *c)),
        }
    }
    let last = chars[17].to_ascii_uppercase();
    if !(last.is_ascii_digit() || last == 'X') {
        return Err(IdError::NotDigit(18, chars[17]));
    }
    let region = digits[0] * 10 + digits[1];
    if !is_province(region) {
        return Err(IdError::Region(format!("{region:02}")));
    }
    let num = |r: std::ops::Range<usize>| digits[r].iter().fold(0u32, |n, d| n * 10 + d);
    let birth = NaiveDate::from_ymd_opt(num(6..10) as i32, num(10..12), num(12..14))
        .ok_or_else(|| IdError::BirthDate(chars[6..14].iter().collect()))?;
    let expected = check_char(&digits);
    if last != expected {
        return Err(IdError::Check {
            expected,
            found: chars[17],
        });
    }
    // All 18 are ASCII now: the text itself, its check character upper-cased.
    let mut normalised = String::with_capacity(18);
    normalised.push_str(&s[..17]);
    normalised.push(last);
    Ok(IdNumber {
        normalised,
        birth,
        male: digits[16] % 2 == 1,
    })
}

/// First 6 and last 4 characters with the middle starred:
/// `430102********1234`. Anything of 10 characters or fewer has every digit
/// starred, since no part of it can be shown safely.
pub fn mask(id: &str) -> String {
    mask_middle(id, 6, 4)
}

/// Phone numbers keep their first 3 and last 4 digits: `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone, 3, 4)
}

/// A personal number found inside a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A valid ID number (region, birth date and check character), normalised.
    Id(String),
    /// A mobile number, its 11 digits.
    Phone(String),
}

impl Found {
    pub fn masked(&self) -> String {
        match self {
            Found::Id(id) => mask(id),
            Found::Phone(p) => mask_phone(p),
        }
    }
}

/// Every valid ID number and mobile number inside `text`, with its byte
/// range: a run of digits (an ID's check X included) standing alone, so
/// `电话13812345678` is found and a 20-digit account number is not. A mobile
/// number may carry the country code (`+86`, `86`).
pub fn find_numbers(text: &str) -> Vec<(std::ops::Range<usize>, Found)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let mut end = i;
        if end - start == 17 && matches!(b.get(end), Some(b'X' | b'x')) {
            end += 1;
        }
        let run = &text[start..end];
        if end - start == 18 {
            if let Ok(id) = validate(run) {
                out.push((start..end, Found::Id(id.normalised)));
            }
        } else {
            let phone = match run.len() {
                11 => Some(start),
                13 if run.starts_with("86") => Some(start + 2),
                _ => None,
            };
            if let Some(at) = phone.filter(|&at| is_mobile(&text[at..end])) {
                out.push((at..end, Found::Phone(text[at..end].to_string())));
            }
        }
        i = end;
    }
    out
}

/// `^1[3-9]\d{9}$`: the second digit only, no prefix lists (they change).
pub fn is_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// `text` with every ID and mobile number in it masked: what a diagnostic
/// may show of a cell, whoever's number was typed there.
pub fn mask_numbers(text: &str) -> std::borrow::Cow<'_, str> {
    let found = find_numbers(text);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, f) in found {
        out.push_str(&text[at..range.start]);
        out.push_str(&f.masked());
        at = range.end;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

fn mask_middle(s: &str, front: usize, back: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n <= front + back {
        return chars
            .iter()
            .map(|c| if c.is_ascii_digit() { '*' } else { *c })
            .collect();
    }
    let mut out: String = chars[..front].iter().collect();
    out.extend(std::iter::repeat_n('*', n - front - back));
    out.extend(&chars[n - back..]);
    out
}

/// What is wrong with an ID number, quoting no more of it than the masked
/// form; an impossible birth date is quoted alone, since the masked number
/// would complete it.
pub(crate) fn id_error(column: &str, raw: &str, e: IdError) -> crate::diag::Diagnostic {
    let id = mask(raw);
    match e {
        IdError::Length(n) => {
            crate::diag!(Error, "id-length", column = column, id = id, length = n)
        }
        IdError::NotDigit(18, c) => {
            crate::diag!(Error, "id-last-char", column = column, id = id, char = c)
        }
        IdError::NotDigit(i, c) => crate::diag!(
            Error,
            "id-not-digit",
            column = column,
            id = id,
            position = i,
            char = c
        ),
        IdError::Region(code) => {
            crate::diag!(Error, "id-region", column = column, id = id, region = code)
        }
        IdError::BirthDate(date) => {
            crate::diag!(Error, "id-birth-date", column = column, date = date)
        }
        IdError::Check { expected, found } => crate::diag!(
            Error,
            "id-check-char",
            column = column,
            id = id,
            expected = expected,
            found = found
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> IdError {
        validate(s).unwrap_err()
    }

    #[test]
    fn mobile_numbers() {
        assert!(is_mobile("13812345678"));
        assert!(is_mobile("19912345678"));
        assert!(!is_mobile("12812345678"));
        assert!(!is_mobile("1381234567"));
        assert!(!is_mobile("138-1234-567"));
        assert!(!is_mobile("１3812345678"));
    }

    #[test]
    fn domain_examples_are_valid() {
        let id = validate("11010519491231002X").unwrap();
        assert_eq!(id.normalised, "11010519491231002X");
        assert_eq!(id.birth, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert!(!id.male);
        let id = validate("440524188001010014").unwrap();
        assert_eq!(id.birth, NaiveDate::from_ymd_opt(1880, 1, 1).unwrap());
        assert!(id.male);
    }

    #[test]
    fn lowercase_x_is_normalised() {
        let id = validate("11010519491231002x").unwrap();
        assert_eq!(id.normalised, "11010519491231002X");
    }

    #[test]
    fn hong_kong_macau_taiwan_codes_pass() {
        // Same checksum for residence permits (810000/820000/830000).
        for prefix in ["810000", "820000", "830000"] {
            let body = format!("{prefix}19900101001");
            let digits: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
            let id = format!("{body}{}", check_char(&digits));
            assert!(validate(&id).is_ok(), "{id}");
        }
    }

    #[test]
    fn each_error_says_what_is_wrong() {
        assert_eq!(err("11010519491231002"), IdError::Length(17));
        assert_eq!(err("1101051949123100２X"), IdError::NotDigit(17, '２'));
        assert_eq!(err("11010a19491231002X"), IdError::NotDigit(6, 'a'));
        assert_eq!(err("11010519491231002Y"), IdError::NotDigit(18, 'Y'));
        assert_eq!(err("99010519491231002X"), IdError::Region("99".into()));
        assert_eq!(
            err("11010519490230002X"),
            IdError::BirthDate("19490230".into())
        );
        assert_eq!(
            err("110105194912310023"),
            IdError::Check {
                expected: 'X',
                found: '3'
            }
        );
    }

    #[test]
    fn numbers_are_found_inside_text_and_masked() {
        let t = "依据:11010519491231002x，电话13812345678；+8613912345678 编号12345678901234567890 1381234567";
        let found: Vec<Found> = find_numbers(t).into_iter().map(|(_, f)| f).collect();
        assert_eq!(
            found,
            [
                Found::Id("11010519491231002X".into()),
                Found::Phone("13812345678".into()),
                Found::Phone("13912345678".into()),
            ]
        );
        assert_eq!(
            mask_numbers(t),
            "依据:110105********002X，电话138****5678；+86139****5678 编号12345678901234567890 1381234567"
        );
        // A wrong check character is no ID number.
        assert!(find_numbers("110105194912310023").is_empty());
        assert!(find_numbers("12812345678").is_empty());
    }

    #[test]
    fn masks_keep_only_the_ends() {
        assert_eq!(mask("430102199001011234"), "430102********1234");
        assert_eq!(mask("43010219900101123"), "430102*******1123");
        assert_eq!(mask("12345"), "*****");
        assert_eq!(mask("无"), "无");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("1381234567"), "138***4567");
        assert_eq!(mask_phone("12345"), "*****");
    }
}
