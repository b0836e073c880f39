//! Pairing two sequences of texts, so that a reworded text reads as changed
//! and not as one removed and another added.

use similar::{capture_diff_slices, Algorithm, DiffTag, TextDiff};

use super::{inline, TextChange};

/// How alike two texts are, from 0 to 1, by characters.
fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::from_chars(a, b).ratio()
}

/// Texts this alike are taken as one text reworded, not one removed and another added.
const REWORDED: f32 = 0.5;

/// Align two sequences by their keys (Myers), then pair the replaced runs
/// in order where they are alike enough. Each change carries the index of
/// the item in its own year (the new one, or the old one when removed).
pub fn align<T>(old: &[T], new: &[T], key: impl Fn(&T) -> &str) -> Vec<(usize, TextChange)> {
    let ok: Vec<&str> = old.iter().map(&key).collect();
    let nk: Vec<&str> = new.iter().map(&key).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {}
            DiffTag::Delete => out.extend(o.map(|i| (i, TextChange::Removed(ok[i].into())))),
            DiffTag::Insert => out.extend(n.map(|j| (j, TextChange::Added(nk[j].into())))),
            DiffTag::Replace => {
                let mut j = n.start;
                for i in o {
                    // The next new text alike enough; those skipped are additions.
                    let hit = (j..n.end).find(|&k| similarity(ok[i], nk[k]) >= REWORDED);
                    match hit {
                        Some(k) => {
                            out.extend((j..k).map(|x| (x, TextChange::Added(nk[x].into()))));
                            out.push((
                                k,
                                TextChange::Changed {
                                    old: ok[i].into(),
                                    new: nk[k].into(),
                                    segs: inline(ok[i], nk[k]),
                                },
                            ));
                            j = k + 1;
                        }
                        None => out.push((i, TextChange::Removed(ok[i].into()))),
                    }
                }
                out.extend((j..n.end).map(|x| (x, TextChange::Added(nk[x].into()))));
            }
        }
    }
    out
}
