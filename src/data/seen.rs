//! Which numbers a column of the list has held so far, for the checks of
//! numbers registered twice.

use std::collections::hash_map::{Entry, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// The numbers seen so far in a column, and the line each was first on.
/// IDs and phones are kept as integers: a map of 100,000 strings costs
/// ten times the memory and most of the time of checking a list.
#[derive(Default)]
pub(crate) struct Seen {
    numbers: HashMap<u64, usize, BuildHasherDefault<Mix>>,
    others: HashMap<String, usize>,
}

impl Seen {
    pub fn with_capacity(n: usize) -> Seen {
        Seen {
            numbers: HashMap::with_capacity_and_hasher(n, Default::default()),
            others: HashMap::new(),
        }
    }

    /// The line `v` was first seen on; else `v` is recorded as on `line`.
    pub fn first(&mut self, v: &str, line: usize) -> Option<usize> {
        match number_key(v) {
            Some(k) => match self.numbers.entry(k) {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(line);
                    None
                }
            },
            None => match self.others.get(v) {
                Some(&first) => Some(first),
                None => {
                    self.others.insert(v.to_string(), line);
                    None
                }
            },
        }
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
    // 11 + 11² + … + 11^17 shorter texts come before those of 18: < 2^64.
    let shorter: u64 = (1..b.len() as u32).map(|k| 11u64.pow(k)).sum();
    Some(n + shorter)
}

/// The mixing step of a hash of integer keys (SplitMix64's finaliser):
/// cheap, and every bit of the key reaches the bits the table uses.
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

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
    fn seen_names_the_first_line_of_numbers_and_other_texts() {
        let mut seen = Seen::with_capacity(4);
        for (v, line, first) in [
            ("13812345678", 2, None),
            ("AB-1", 3, None),
            ("013812345678", 4, None),
            ("13812345678", 5, Some(2)),
            ("AB-1", 6, Some(3)),
            ("ab-1", 7, None),
        ] {
            assert_eq!(seen.first(v, line), first, "{v}");
        }
    }
}
