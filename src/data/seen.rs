//! Numbers registered twice. The list is checked in parts on every core,
//! so no part knows the rows of the others: each records the numbers its
//! rows reached the duplicate check with ([`Keys`]), the numbers of all
//! parts are sorted to find the rows that repeat an earlier one
//! ([`Keys::repeats`]), and only the parts holding such a row are checked
//! again, knowing the answers ([`Seen`]).

use rayon::prelude::*;

/// A row's value: its ordinal among the rows read (the order of the
/// file), and its line, which a repeat names.
type Entry<K> = (K, usize, usize);

/// The values one column held in the rows read, with where they were.
/// IDs and phones are kept as integers: sorting 100,000 strings costs
/// several times the memory and the time.
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

    /// Room for the keys of all these parts at once.
    pub fn reserve<'k>(&mut self, parts: impl Iterator<Item = &'k Keys> + Clone) {
        self.numbers
            .reserve(parts.clone().map(|k| k.numbers.len()).sum());
        self.others.reserve(parts.map(|k| k.others.len()).sum());
    }

    fn push(&mut self, v: &str, ord: usize, line: usize) {
        match number_key(v) {
            Some(k) => self.numbers.push((k, ord, line)),
            None => self.others.push((v.into(), ord, line)),
        }
    }

    /// Add the keys of the next part, whose rows' ordinals start at `base`.
    pub fn append(&mut self, mut part: Keys, base: usize) {
        for e in &mut part.numbers {
            e.1 += base;
        }
        for e in &mut part.others {
            e.1 += base;
        }
        self.numbers.append(&mut part.numbers);
        self.others.append(&mut part.others);
    }

    /// Each row whose value a row before it had, with the line of the first
    /// row that had it, in the order of the rows.
    pub fn repeats(mut self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        repeats_of(&mut self.numbers, &mut out);
        repeats_of(&mut self.others, &mut out);
        out.sort_unstable();
        out
    }
}

fn repeats_of<K: Ord + Send>(entries: &mut [Entry<K>], out: &mut Vec<(usize, usize)>) {
    // Ordinals are unique, so an unstable sort is deterministic.
    entries.par_sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    for group in entries.chunk_by(|a, b| a.0 == b.0) {
        let first = group[0].2;
        out.extend(group[1..].iter().map(|e| (e.1, first)));
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
        // Two parts; the second's rows come after the first's.
        let rows = [
            ("13812345678", 2),
            ("AB-1", 3),
            ("013812345678", 4),
            ("13812345678", 5),
        ];
        let later = [("AB-1", 6), ("ab-1", 7), ("13812345678", 9)];
        let mut all = Keys::default();
        for (part, base) in [(&rows[..], 0), (&later[..], rows.len())] {
            let mut seen = Seen::new(&[], 0);
            for (ord, (v, line)) in part.iter().enumerate() {
                assert_eq!(seen.first(v, ord, *line), None);
            }
            all.append(seen.keys, base);
        }
        let repeats = all.repeats();
        assert_eq!(repeats, [(3, 2), (4, 3), (6, 2)]);
        // Checked again, the second part is told of its repeats.
        let mine: Vec<(usize, usize)> = repeats
            .iter()
            .filter(|r| r.0 >= rows.len())
            .map(|&(ord, first)| (ord - rows.len(), first))
            .collect();
        let mut seen = Seen::new(&mine, 0);
        let told: Vec<Option<usize>> = later
            .iter()
            .enumerate()
            .map(|(ord, (v, line))| seen.first(v, ord, *line))
            .collect();
        assert_eq!(told, [Some(3), None, Some(2)]);
    }
}
