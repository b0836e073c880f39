//! The inline diff of two texts, token by token.

use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::Seg;

/// Tokens for the inline diff: a run of ASCII letters and digits is one
/// token (2023 against 2024 is one change, not "202[3→4]"), any other
/// character is a token of its own, since Chinese has no spaces.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_alphanumeric() {
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_ascii_alphanumeric() {
                    break;
                }
                chars.next();
            }
        }
        let end = chars.peek().map_or(s.len(), |&(j, _)| j);
        out.push(&s[i..end]);
    }
    out
}

/// The inline diff of two texts, as runs of kept, deleted and inserted text.
/// A single kept token between two changes is folded into them, so that
/// "1月20日" against "2月13日" reads as whole words changed, not a patchwork.
pub fn inline(old: &str, new: &str) -> Vec<Seg> {
    let (a, b) = (tokens(old), tokens(new));
    let mut raw: Vec<Seg> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, o, n) = op.as_tag_tuple();
        let old_text = a[o].concat();
        let new_text = b[n].concat();
        match tag {
            DiffTag::Equal => raw.push(Seg::Same(old_text)),
            DiffTag::Delete => raw.push(Seg::Del(old_text)),
            DiffTag::Insert => raw.push(Seg::Ins(new_text)),
            DiffTag::Replace => {
                raw.push(Seg::Del(old_text));
                raw.push(Seg::Ins(new_text));
            }
        }
    }
    group(raw)
}

/// Merge runs into: kept text, then at most one deletion and one insertion.
fn group(raw: Vec<Seg>) -> Vec<Seg> {
    let changed = |s: &Seg| !matches!(s, Seg::Same(_));
    let mut out: Vec<Seg> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<Seg>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Seg::Del(std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(Seg::Ins(std::mem::take(ins)));
        }
    };
    for (i, s) in raw.iter().enumerate() {
        match s {
            Seg::Del(t) => del.push_str(t),
            Seg::Ins(t) => ins.push_str(t),
            Seg::Same(t) => {
                let between = i > 0
                    && raw.get(i - 1).is_some_and(changed)
                    && raw.get(i + 1).is_some_and(changed);
                if between && t.chars().count() == 1 {
                    del.push_str(t);
                    ins.push_str(t);
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    out.push(Seg::Same(t.clone()));
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_groups_numbers_and_single_characters() {
        // 2023 → 2024 is one token, and the lone 年 and 月 kept between
        // changes fold in: the date reads as one change.
        let segs = inline("2023年2月13日8时", "2024年1月20日8时");
        assert_eq!(
            segs,
            vec![
                Seg::Del("2023年2月13".into()),
                Seg::Ins("2024年1月20".into()),
                Seg::Same("日8时".into()),
            ]
        );
        // Two kept characters are kept.
        assert_eq!(
            inline("2023年考试", "2024年考试"),
            vec![
                Seg::Del("2023".into()),
                Seg::Ins("2024".into()),
                Seg::Same("年考试".into()),
            ]
        );
    }

    #[test]
    fn inline_chinese_insertion() {
        let segs = inline("自行下载并打印准考证", "自行下载并用A4纸打印准考证");
        assert_eq!(
            segs,
            vec![
                Seg::Same("自行下载并".into()),
                Seg::Ins("用A4纸".into()),
                Seg::Same("打印准考证".into()),
            ]
        );
    }
}
