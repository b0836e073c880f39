//! The list checked in parts, on every core. Reading and checking 100,000
//! rows on one core took about as long as the whole 公示 build may, so the
//! rows are cut into parts (a CSV without quotes, at line ends) and each
//! part is checked on its own. Numbers registered twice need the rows
//! before: they are found after, from every part's numbers (`seen.rs`),
//! and a part holding such a row is checked again, now knowing. The
//! candidates and diagnostics come out as one pass from the top would give
//! them, in the same order.

use std::sync::Arc;

use rayon::prelude::*;

use super::check::{check_cells, Ctx, Registry};
use super::read::Part;
use super::seen::{self, Keys, Seen};
use super::Candidate;
use crate::diag::{Diagnostic, Diagnostics};

/// Parts of about this many bytes: a few dozen for a national list, so a
/// core that another program slows down leaves its share to the others.
const PART: usize = 1 << 20;

/// What checking one part gave; its candidates are in its slots.
#[derive(Default)]
struct Checked {
    rows: usize,
    /// Candidates beyond the part's slots (none: a part has no more rows
    /// than slots, see `Table::rows_at_most`).
    over: Vec<Candidate>,
    diags: Diagnostics,
    /// The ID numbers, phones and registration numbers that reached the
    /// duplicate checks, by the rows' ordinals in the part.
    keys: [Keys; 3],
    /// The record that could not be read, which ends the list.
    error: Option<Diagnostic>,
}

/// Check every row; the rows without any error come back as candidates,
/// with the count of rows read. None when the rows could not be read.
pub(crate) fn check_rows(
    ctx: &Ctx,
    extra_keys: &[Arc<str>],
    diags: &mut Diagnostics,
) -> Option<(Vec<Candidate>, usize)> {
    check_in_parts(ctx, extra_keys, PART, diags)
}

fn check_in_parts(
    ctx: &Ctx,
    extra_keys: &[Arc<str>],
    size: usize,
    diags: &mut Diagnostics,
) -> Option<(Vec<Candidate>, usize)> {
    let parts = ctx.table.parts(size);
    let sizes: Vec<usize> = parts.iter().map(|&p| ctx.table.rows_at_most(p)).collect();
    // Each part's candidates go straight to their place in the list: a
    // slot for every row it may have, the empty ones dropped at the end.
    let mut slots: Vec<Option<Candidate>> = Vec::new();
    slots.resize_with(sizes.iter().sum(), || None);
    let mut regions = regions(&mut slots, &sizes);
    let mut checked: Vec<Checked> = parts
        .par_iter()
        .zip(regions.par_iter_mut())
        .map(|(&part, slots)| check_part(ctx, extra_keys, part, [&[], &[], &[]], slots))
        .collect();
    // Nothing after a record that cannot be read is read.
    if let Some(i) = checked.iter().position(|c| c.error.is_some()) {
        checked.truncate(i + 1);
        regions[i + 1..]
            .iter_mut()
            .for_each(|r| r.fill_with(|| None));
    }
    let repeats = repeats(&checked);
    let again: Vec<(usize, Checked)> = regions[..checked.len()]
        .par_iter_mut()
        .enumerate()
        .filter_map(|(i, slots)| {
            let [ids, phones, regs] = repeats.each_ref().map(|r| &r[i][..]);
            if ids.is_empty() && phones.is_empty() && regs.is_empty() {
                return None;
            }
            slots.fill_with(|| None);
            let answers = [ids, phones, regs];
            Some((i, check_part(ctx, extra_keys, parts[i], answers, slots)))
        })
        .collect();
    for (i, c) in again {
        checked[i] = c;
    }
    let count = checked.iter().map(|c| c.rows).sum();
    let mut over = Vec::with_capacity(checked.len());
    for c in checked {
        diags.extend(c.diags);
        if let Some(e) = c.error {
            diags.push(e);
            return None;
        }
        over.push(c.over);
    }
    Some((gather(slots, &sizes, over), count))
}

/// `slots` cut into consecutive regions of `sizes`.
fn regions<'s, T>(mut slots: &'s mut [T], sizes: &[usize]) -> Vec<&'s mut [T]> {
    sizes
        .iter()
        .map(|&n| {
            let n = n.min(slots.len());
            let (region, rest) = std::mem::take(&mut slots).split_at_mut(n);
            slots = rest;
            region
        })
        .collect()
}

/// The candidates in the order of the parts: each part's slots (`sizes`
/// of them), then any it had no slot for.
fn gather(
    slots: Vec<Option<Candidate>>,
    sizes: &[usize],
    over: Vec<Vec<Candidate>>,
) -> Vec<Candidate> {
    if over.iter().all(Vec::is_empty) {
        // In place, in the slots' memory (`flatten` would copy them).
        #[allow(clippy::filter_map_identity)]
        let mut out: Vec<Candidate> = slots.into_iter().filter_map(|c| c).collect();
        out.shrink_to_fit();
        return out;
    }
    let mut out = Vec::new();
    let mut slots = slots.into_iter();
    for (&n, over) in sizes.iter().zip(over) {
        out.extend(slots.by_ref().take(n).flatten());
        out.extend(over);
    }
    out
}

/// Check the rows of one part into its `slots`; `repeats` holds, for the
/// ID numbers, the phones and the registration numbers, the rows of the
/// part (by ordinal) whose number an earlier row had, with that row's line.
fn check_part(
    ctx: &Ctx,
    extra_keys: &[Arc<str>],
    part: Part,
    repeats: [&[(usize, usize)]; 3],
    slots: &mut [Option<Candidate>],
) -> Checked {
    // The part's own copies of the keys every candidate holds: cores that
    // counted references on the same ones would take turns with the memory.
    let extra_keys: Vec<Arc<str>> = extra_keys.iter().map(|k| Arc::from(&**k)).collect();
    let rows = slots.len();
    let regs = if ctx.cols.registration.is_some() {
        rows
    } else {
        0
    };
    let mut reg = Registry {
        ids: Seen::new(repeats[0], rows),
        phones: Seen::new(repeats[1], rows),
        regs: Seen::new(repeats[2], regs),
    };
    let mut out = Checked::default();
    let mut diags = Diagnostics::new();
    let mut made = 0;
    let read = ctx.table.part_rows(part, ctx.file, |line, cells| {
        let at = (line, out.rows);
        out.rows += 1;
        let Some(c) = check_cells(ctx, at, cells, &extra_keys, &mut reg, &mut diags) else {
            return;
        };
        match slots.get_mut(made) {
            Some(slot) => *slot = Some(c),
            None => out.over.push(c),
        }
        made += 1;
    });
    out.error = read.err();
    out.diags = diags;
    out.keys = [reg.ids.keys, reg.phones.keys, reg.regs.keys];
    for keys in &mut out.keys {
        keys.sort();
    }
    out
}

/// For the ID numbers, the phones and the registration numbers, the rows
/// of each part that repeat an earlier row's number (see [`seen::repeats`]).
fn repeats(checked: &[Checked]) -> [Vec<Vec<(usize, usize)>>; 3] {
    let of = |k: usize| {
        let keys: Vec<&Keys> = checked.iter().map(|c| &c.keys[k]).collect();
        seen::repeats(&keys)
    };
    let (ids, (phones, regs)) = rayon::join(|| of(0), || rayon::join(|| of(1), || of(2)));
    [ids, phones, regs]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{generate, map_columns, read, CandidateSpec};
    use crate::load::files::{parse_yaml, Source};
    use std::path::Path;

    /// The example's list of `rows`, with numbers registered twice far
    /// apart, other mistakes in some of those rows, and blank lines.
    fn list(rows: usize) -> String {
        let mut rows = generate::candidates(rows, 7);
        // (from row, to row, column): 2 ID, 3 phone, 10 registration number.
        for (from, to, col) in [
            (5, 250, 2),
            (5, 251, 2),
            (10, 200, 3),
            (10, 290, 3),
            (3, 150, 10),
            (250, 260, 10),
            (40, 41, 2),
        ] {
            rows[to][col] = rows[from][col].clone();
        }
        rows[251][3] = "12900000000".into(); // and a phone that is no phone
        rows[290][0] = String::new(); // and no name
        rows[120][2] = "430102200305120317".into(); // a wrong check digit
        let text = String::from_utf8(generate::to_csv(&rows)).unwrap();
        let lines = text.lines().enumerate().map(|(i, l)| match i % 50 {
            7 => format!("{l}\r\n\r\n"),
            9 => format!("{l}\n ,, \n"),
            _ => format!("{l}\n"),
        });
        lines.collect()
    }

    /// (candidates, diagnostics) of `text` checked in parts of `size` bytes.
    fn check(text: &str, size: usize) -> (Vec<Candidate>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("list.csv"), text).unwrap();
        let rel = Path::new("list.csv");
        let table = read::read_table(dir.path(), rel, None).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let src = crate::load::files::read_source(root, Path::new("content/2024/candidates.yaml"))
            .unwrap();
        let spec: CandidateSpec = parse_yaml(&src).unwrap();
        let cats = std::fs::read_to_string(root.join("content/2024/categories.yaml")).unwrap();
        let cats: crate::model::year::CategoriesFile = serde_yaml::from_str(&cats).unwrap();
        let mut diags = Diagnostics::new();
        let cols = map_columns(&table, rel, &spec, &Source { ..src }, &mut diags).unwrap();
        let ctx = Ctx {
            table: &table,
            file: rel,
            cols: &cols,
            review_values: &spec.review_values,
            categories: &cats.categories,
            year: Some(2024),
            published: vec![&cols.name, &cols.college],
        };
        let keys: Vec<Arc<str>> = cols.extra.iter().map(|(k, _)| k.as_str().into()).collect();
        let (candidates, _) = check_in_parts(&ctx, &keys, size, &mut diags).unwrap();
        let shown = diags.iter().map(|d| format!("{d:?}")).collect();
        (candidates, shown)
    }

    #[test]
    fn candidates_are_gathered_in_the_order_of_the_parts() {
        let keys: Vec<Arc<str>> = Vec::new();
        let c = |row: usize| {
            let v = crate::data::Values {
                name: "张三",
                id_number: "430102200305120316",
                phone: "13807311234",
                college: "",
                major: "",
                category: "general",
                choice: None,
                registration_number: None,
            };
            let sex = crate::data::Sex::Male;
            Candidate::new(
                row,
                sex,
                crate::data::Review::Passed,
                &v,
                keys.iter().map(|k| (k, "")),
            )
        };
        let rows = |v: &[Candidate]| v.iter().map(|c| c.row).collect::<Vec<_>>();
        let slots = || vec![Some(c(2)), None, Some(c(4)), Some(c(5)), None];
        let sizes = [3, 2];
        assert_eq!(
            rows(&gather(slots(), &sizes, vec![vec![], vec![]])),
            [2, 4, 5]
        );
        // A part with more candidates than slots keeps their place.
        let over = vec![vec![c(9)], vec![c(10)]];
        assert_eq!(rows(&gather(slots(), &sizes, over)), [2, 4, 9, 5, 10]);
        let mut all = [1, 2, 3, 4, 5, 6];
        let cut: Vec<Vec<i32>> = regions(&mut all, &[2, 0, 3, 9])
            .iter()
            .map(|r| r.to_vec())
            .collect();
        assert_eq!(cut, [vec![1, 2], vec![], vec![3, 4, 5], vec![6]]);
    }

    #[test]
    fn parts_give_what_one_pass_gives() {
        crate::i18n::set_lang(crate::i18n::Lang::En);
        let text = list(300);
        let (whole, said) = check(&text, usize::MAX / 2);
        assert_eq!(whole.len(), 300 - 8, "{said:#?}");
        let twice: Vec<&String> = said.iter().filter(|d| d.contains("already on")).collect();
        assert_eq!(twice.len(), 7, "{said:#?}");
        for size in [1, 700, 5000] {
            let (parts, in_parts) = check(&text, size);
            assert_eq!(in_parts, said, "parts of {size} bytes");
            assert!(parts == whole, "parts of {size} bytes");
        }
        // With quotes the rows are read from the top in one part.
        let quoted = text.replacen("湖南", "\"湖南\"", 5);
        let (one, in_one) = check(&quoted, 1);
        assert_eq!(in_one, said);
        assert!(one == whole, "the quoted list's candidates");
    }
}
