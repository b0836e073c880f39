//! Numbers registered twice. The list is checked in parts on every core,
//! so no part knows the rows of the others: each records the numbers its
//! rows reached the duplicate check with, sorted ([`Keys`]); the parts'
//! numbers are merged in order to find the rows that repeat an earlier
//! one ([`repeats`]), and only the parts holding such a row are checked
//! again, knowing the answers ([`Seen`]).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A row's value: its ordinal among the rows of its part, and its line,
/// which a repeat names.
type Entry<K> = (K, usize, usize);

/// The values one column held in the rows of a part, with where they
/// were. IDs and phones are kept as integers: sorting 100,000 strings
/// costs several times the memory and the time.
#[derive(Default)]
pub(crate) struct Keys {
    numbers: Vec<Entry<u64>>,
    others: Vec<Entry<Box<str>>>,
}

impl Keys {
    fn with_capacity(n: usize) -> Keys {
        Keys {
            numbers: Vec::with_capacity(n),
            others: Vec::new(),
        }
    }

    fn push(&mut self, v: &str, ord: usize, line: usize) {
        match number_key(v) {
            Some(k) => self.numbers.push((k, ord, line)),
            None => self.others.push((v.into(), ord, line)),
        }
    }

    /// Sorted by value, then by row, as [`repeats`] reads them.
    pub fn sort(&mut self) {
        // Ordinals differ, so the order is the same whatever the sort.
        self.numbers.sort_unstable_by_key(|e| (e.0, e.1));
        self.others
            .sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    }
}

/// For each part (its sorted [`Keys`], in the order of the file), the rows
/// whose value a row before them had, by ordinal in the part, with the
/// line of the first row that had it.
pub(crate) fn repeats(parts: &[&Keys]) -> Vec<Vec<(usize, usize)>> {
    let mut out = vec![Vec::new(); parts.len()];
    let numbers: Vec<&[Entry<u64>]> = parts.iter().map(|k| &k.numbers[..]).collect();
    merge(&numbers, &mut out);
    let others: Vec<&[Entry<Box<str>>]> = parts.iter().map(|k| &k.others[..]).collect();
    merge(&others, &mut out);
    for part in &mut out {
        part.sort_unstable();
    }
    out
}

/// Walk the parts' sorted entries merged, by value, then part, then row:
/// the first of each value is where it was first, the others repeat it.
/// The parts are already sorted, so this holds only a cursor for each.
fn merge<K: Ord>(parts: &[&[Entry<K>]], out: &mut [Vec<(usize, usize)>]) {
    let mut heads: BinaryHeap<Reverse<(&K, usize, usize)>> = parts
        .iter()
        .enumerate()
        .filter_map(|(p, e)| Some(Reverse((&e.first()?.0, p, 0))))
        .collect();
    let mut first: Option<(&K, usize)> = None;
    while let Some(Reverse((key, p, i))) = heads.pop() {
        let (_, ord, line) = &parts[p][i];
        match first {
            Some((k, at)) if k == key => out[p].push((*ord, at)),
            _ => first = Some((key, *line)),
        }
        if let Some(next) = parts[p].get(i + 1) {
            heads.push(Reverse((&next.0, p, i + 1)));
        }
    }
}

/// One column's duplicate check while a part of the list is checked: the
/// values met are recorded, and a row named in `repeats` (by its ordinal
/// in the part) is answered with the line its value was first on.
pub(crate) struct Seen<'r> {
    pub keys: Keys,
    repeats: &'r [(usize, usize)],
}

impl<'r> Seen<'r> {
    /// `rows` is how many rows the part may have.
    pub fn new(repeats: &'r [(usize, usize)], rows: usize) -> Seen<'r> {
        Seen {
            keys: Keys::with_capacity(rows),
            repeats,
        }
    }

    /// The line `v` was first seen on, if before the row `ord` (on `line`).
    pub fn first(&mut self, v: &str, ord: usize, line: usize) -> Option<usize> {
        self.keys.push(v, ord, line);
        let i = self.repeats.binary_search_by_key(&ord, |r| r.0).ok()?;
        Some(self.repeats[i].1)
    }
}

/// A text of 1 to 18 digits and `X`s, one to one as an integer: its digits
/// read in base 11 (`X` = 10), offset by the count of shorter such texts.
fn number_key(v: &str) -> Option<u64> {
    let b = v.as_bytes();
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    let mut n: u64 = 0;
    for &c in b {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'X' => 10,
            _ => return None,
        };
        n = n * 11 + u64::from(d);
    }
    Some(n + SHORTER[b.len()])
}

/// How many texts of digits and `X`s are shorter than each length: 11 +
/// 11² + … + 11^17 come before those of 18, < 2^64.
const SHORTER: [u64; 19] = {
    let mut t = [0u64; 19];
    let mut len = 2;
    while len < 19 {
        t[len] = t[len - 1] + 11u64.pow(len as u32 - 1);
        len += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_keys_are_one_to_one() {
        let texts = [
            "0",
            "00",
            "000",
            "X",
            "0X",
            "10",
            "9",
            "99",
            "X0",
            "XXXXXXXXXXXXXXXXXX",
            "999999999999999999",
            "000000000000000000",
            "11010519491231002X",
            "110105194912310020",
            "13812345678",
            "013812345678",
        ];
        let keys: std::collections::BTreeSet<u64> =
            texts.iter().map(|t| number_key(t).unwrap()).collect();
        assert_eq!(keys.len(), texts.len());
        for t in ["", "1234567890123456789", "12x", "１２", "12 3"] {
            assert_eq!(number_key(t), None, "{t}");
        }
    }

    #[test]
    fn repeats_name_the_first_line_of_numbers_and_other_texts() {
        // Three parts, in the order of the file: (value, line) of each row.
        let parts: [&[(&str, usize)]; 3] = [
            &[
                ("13812345678", 2),
                ("AB-1", 3),
                ("013812345678", 4),
                ("13812345678", 5),
            ],
            &[],
            &[("AB-1", 6), ("ab-1", 7), ("13812345678", 9), ("AB-1", 9)],
        ];
        let keys: Vec<Keys> = parts
            .iter()
            .map(|rows| {
                let mut seen = Seen::new(&[], 0);
                for (ord, (v, line)) in rows.iter().enumerate() {
                    assert_eq!(seen.first(v, ord, *line), None);
                }
                seen.keys.sort();
                seen.keys
            })
            .collect();
        let refs: Vec<&Keys> = keys.iter().collect();
        let repeats = repeats(&refs);
        assert_eq!(
            repeats,
            [vec![(3, 2)], vec![], vec![(0, 3), (2, 2), (3, 3)]]
        );
        // Checked again, the last part is told of its repeats.
        let mut seen = Seen::new(&repeats[2], 0);
        let told: Vec<Option<usize>> = parts[2]
            .iter()
            .enumerate()
            .map(|(ord, (v, line))| seen.first(v, ord, *line))
            .collect();
        assert_eq!(told, [Some(3), None, Some(2), Some(3)]);
    }
}
