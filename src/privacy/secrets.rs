//! The numbers the guard looks for, and the search for them in a text.
//!
//! Every full ID number and phone number is made of digits and the ID's
//! check `X`, so any place a text shows one lies inside a run of digits and
//! `X`/`x`. The search walks the text once, and for each such run looks up
//! every window of a secret's length (11 for phones, 18 for IDs) in a
//! sorted table of the numbers read as base-11 integers (`X` and `x` both
//! count 10, which is how a lower-case check `x` is caught). A window
//! anywhere in a longer run is looked up too, so an ID inside a longer
//! string of digits is found, as a substring search finds it.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::data::idcard::mask;
use crate::data::CandidateList;

/// Which column of the candidate list a number came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Id,
    Phone,
}

/// One candidate, to name in an error (its ID number is in the tables).
struct Owner {
    list: u32,
    row: usize,
}

/// A number read in base 11 (`0`–`9`, `X`/`x` = 10) with its length; any
/// secret of up to 18 characters fits (11^18 < 2^64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key(u64);

const MAX_LEN: usize = 18;
const NONE: u8 = 0xFF;

/// The base-11 value of each byte, or [`NONE`].
static VALUE: [u8; 256] = {
    let mut t = [NONE; 256];
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = d as u8;
        d += 1;
    }
    t[b'X' as usize] = 10;
    t[b'x' as usize] = 10;
    t
};

fn key(bytes: &[u8]) -> Option<Key> {
    if bytes.is_empty() || bytes.len() > MAX_LEN {
        return None;
    }
    bytes
        .iter()
        .try_fold(Key(0), |Key(n), &b| match VALUE[b as usize] {
            NONE => None,
            v => Some(Key(n * 11 + u64::from(v))),
        })
}

fn decode(Key(mut n): Key, len: usize) -> String {
    let mut out = vec![b'0'; len];
    for b in out.iter_mut().rev() {
        let d = (n % 11) as u8;
        *b = if d == 10 { b'X' } else { b'0' + d };
        n /= 11;
    }
    String::from_utf8(out).expect("ASCII")
}

/// The secrets of one length, sorted by key; among equal keys the one
/// added first comes first (the owner named when a number is listed twice).
#[derive(Default)]
struct Table {
    len: usize,
    entries: Vec<(Key, u32, Kind)>,
}

/// Every full ID and phone number of the candidate lists.
#[derive(Default)]
pub struct Secrets {
    /// (list file, ID column header, phone column header)
    lists: Vec<(PathBuf, String, String)>,
    owners: Vec<Owner>,
    /// By length, longest first (a longer number ending where a shorter one
    /// does is reported, as a substring search reports it).
    tables: Vec<Table>,
    /// Numbers that are not digits and `X` (none once a list is checked),
    /// searched byte by byte so that nothing is left out.
    odd: Vec<(Vec<u8>, u32, Kind)>,
}

/// A number found: where it ends in the text, and whose it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    owner: u32,
    kind: Kind,
}

impl Secrets {
    /// Add a list; `id_header` and `phone_header` name its columns.
    pub fn add(&mut self, list: &CandidateList, id_header: &str, phone_header: &str) {
        let l = self.lists.len() as u32;
        self.lists
            .push((list.file.clone(), id_header.into(), phone_header.into()));
        // Grown once: pushing 200,000 entries one by one copies them over and over.
        let n = list.candidates.len();
        self.owners.reserve(n);
        if let Some(c) = list.candidates.first() {
            for number in [&c.id_number(), &c.phone()] {
                if key(number.as_bytes()).is_some() {
                    self.table(number.len()).entries.reserve(n);
                }
            }
        }
        for c in &list.candidates {
            let owner = self.owners.len() as u32;
            self.owners.push(Owner {
                list: l,
                row: c.row,
            });
            self.insert(c.id_number(), owner, Kind::Id);
            self.insert(c.phone(), owner, Kind::Phone);
        }
        for t in &mut self.tables {
            // Equal keys keep the order they were added in: owners in
            // order, each one's ID before its phone.
            t.entries.par_sort_unstable();
        }
    }

    fn insert(&mut self, number: &str, owner: u32, kind: Kind) {
        let Some(k) = key(number.as_bytes()) else {
            self.odd.push((number.as_bytes().to_vec(), owner, kind));
            return;
        };
        self.table(number.len()).entries.push((k, owner, kind));
    }

    /// The table of numbers of `len` characters, made when there is none.
    fn table(&mut self, len: usize) -> &mut Table {
        let at = match self.tables.iter().position(|t| t.len <= len) {
            Some(i) if self.tables[i].len == len => i,
            Some(i) => {
                self.tables.insert(
                    i,
                    Table {
                        len,
                        ..Table::default()
                    },
                );
                i
            }
            None => {
                self.tables.push(Table {
                    len,
                    ..Table::default()
                });
                self.tables.len() - 1
            }
        };
        &mut self.tables[at]
    }

    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.odd.is_empty()
    }

    /// The first number in `text`: the one that ends first, the longest of
    /// those ending at the same place.
    pub fn find(&self, text: &[u8]) -> Option<Found> {
        let runs = self.find_in_runs(text);
        let odd = self.find_odd(text);
        match (runs, odd) {
            (Some((a_end, a)), Some((b_end, b))) => Some(if b_end < a_end { b } else { a }),
            (a, b) => a.or(b).map(|(_, f)| f),
        }
    }

    /// The first run of digits and `X`s as long as the shortest number
    /// that holds one. Such a run covers every `shortest`-th byte, so only
    /// those are looked at until one is a digit (or `X`): then the run
    /// around it is measured. Most of a page is passed over ten bytes at a time.
    fn find_in_runs(&self, text: &[u8]) -> Option<(usize, Found)> {
        let shortest = self.tables.last()?.len;
        let digit = |b: u8| VALUE[b as usize] != NONE;
        // Nothing before `i` is in a run not looked at yet, and text[i - 1]
        // is not a digit.
        let mut i = 0;
        while i + shortest <= text.len() {
            let probe = i + shortest - 1;
            if !digit(text[probe]) {
                i = probe + 1;
                continue;
            }
            let mut start = probe;
            while start > i && digit(text[start - 1]) {
                start -= 1;
            }
            let mut end = probe + 1;
            while end < text.len() && digit(text[end]) {
                end += 1;
            }
            if end - start >= shortest {
                for e in start + shortest..=end {
                    if let Some(f) = self.ending_at(text, start, e) {
                        return Some((e, f));
                    }
                }
            }
            i = end + 1;
        }
        None
    }

    /// A number that is `text[end - len..end]` for one of the lengths, not
    /// reaching before `start`.
    fn ending_at(&self, text: &[u8], start: usize, end: usize) -> Option<Found> {
        for t in &self.tables {
            if end - start < t.len {
                continue;
            }
            let Some(k) = key(&text[end - t.len..end]) else {
                continue;
            };
            let first = t.entries.partition_point(|e| e.0 < k);
            if let Some(&(found, owner, kind)) = t.entries.get(first) {
                if found == k {
                    let start = end - t.len;
                    return Some(Found { start, owner, kind });
                }
            }
        }
        None
    }

    fn find_odd(&self, text: &[u8]) -> Option<(usize, Found)> {
        let mut best: Option<(usize, Found)> = None;
        for (number, owner, kind) in &self.odd {
            let Some(start) = text.windows(number.len()).position(|w| w == number) else {
                continue;
            };
            let end = start + number.len();
            if best.is_none_or(|(e, _)| end < e) {
                let (owner, kind) = (*owner, *kind);
                best = Some((end, Found { start, owner, kind }));
            }
        }
        best
    }

    /// The candidate and column of a number found, for the error:
    /// ("the full ID number", masked ID, column, row, list file).
    pub fn describe(&self, f: &Found) -> (String, String, &str, usize, &PathBuf) {
        let o = &self.owners[f.owner as usize];
        let (list, id_col, phone_col) = &self.lists[o.list as usize];
        let (what, col) = match f.kind {
            Kind::Id => (crate::t!("privacy-what-id"), id_col),
            Kind::Phone => (crate::t!("privacy-what-phone"), phone_col),
        };
        (what, mask(&self.id_of(f.owner)), col, o.row, list)
    }

    /// The ID number of `owner`, read back from the tables (errors only).
    fn id_of(&self, owner: u32) -> String {
        let mine = |&(_, o, kind): &(Key, u32, Kind)| o == owner && kind == Kind::Id;
        let keyed = self.tables.iter().find_map(|t| {
            let &(k, ..) = t.entries.iter().find(|e| mine(e))?;
            Some(decode(k, t.len))
        });
        keyed
            .or_else(|| {
                let (number, ..) = self
                    .odd
                    .iter()
                    .find(|(_, o, k)| *o == owner && *k == Kind::Id)?;
                Some(String::from_utf8_lossy(number).into_owned())
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
impl Secrets {
    /// The numbers of a list `list.csv`, one a row from row 2 on.
    pub(crate) fn of(numbers: &[(&str, Kind)]) -> Secrets {
        let mut s = Secrets::default();
        s.lists
            .push(("list.csv".into(), "id".into(), "phone".into()));
        for (i, (n, kind)) in numbers.iter().enumerate() {
            s.owners.push(Owner {
                list: 0,
                row: i + 2,
            });
            s.insert(n, i as u32, *kind);
        }
        for t in &mut s.tables {
            t.entries.sort_by_key(|e| e.0);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets(numbers: &[(&str, Kind)]) -> Secrets {
        Secrets::of(numbers)
    }

    const ID: &str = "43010219900307123X";
    const PHONE: &str = "13812345678";

    fn found(s: &Secrets, text: &str) -> Option<(usize, u32)> {
        s.find(text.as_bytes()).map(|f| (f.start, f.owner))
    }

    #[test]
    fn ids_in_either_case_and_inside_longer_runs() {
        let s = secrets(&[(ID, Kind::Id), (PHONE, Kind::Phone)]);
        assert_eq!(found(&s, ID), Some((0, 0)));
        assert_eq!(
            found(&s, &format!("号码：{}。", ID.to_lowercase())),
            Some((9, 0))
        );
        // Inside a longer run of digits, on either side.
        assert_eq!(found(&s, &format!("99{ID}77")), Some((2, 0)));
        assert_eq!(found(&s, &format!("x{PHONE}x")), Some((1, 1)));
        // One character off is no hit; a masked one neither.
        assert_eq!(found(&s, "43010219900307124X"), None);
        assert_eq!(found(&s, "430102********123X"), None);
        assert_eq!(found(&s, "1381234567"), None);
        // Split by anything but a digit or x is no longer the number.
        assert_eq!(found(&s, "138 1234 5678"), None);
        // Full-width digits are other characters, as for a substring search.
        assert_eq!(found(&s, "１３８１２３４５６７８"), None);
    }

    #[test]
    fn the_first_to_end_is_reported_and_the_first_added_of_equals() {
        let s = secrets(&[(ID, Kind::Id), (PHONE, Kind::Phone), (PHONE, Kind::Phone)]);
        assert_eq!(found(&s, &format!("{ID} {PHONE}")), Some((0, 0)));
        assert_eq!(found(&s, &format!("{PHONE} {ID}")), Some((0, 1)));
        let id_with_phone = "13812345678000011";
        assert_eq!(id_with_phone.len(), 17);
        assert_eq!(found(&s, id_with_phone), Some((0, 1)));
    }

    #[test]
    fn keys_round_trip_and_odd_numbers_are_still_searched() {
        assert_eq!(decode(key(ID.as_bytes()).unwrap(), 18), ID);
        assert_eq!(key(b"43010219900307123x"), key(ID.as_bytes()));
        assert_eq!(key(b"1234567890123456789"), None);
        let s = secrets(&[("+8613812345678", Kind::Phone), (ID, Kind::Id)]);
        assert_eq!(found(&s, "电话+8613812345678"), Some((6, 0)));
        assert_eq!(found(&s, &format!("{ID}+8613812345678")), Some((0, 1)));
    }

    /// Every run looked at, byte by byte: what the probing search must find.
    fn find_every_run(s: &Secrets, text: &[u8]) -> Option<(usize, Found)> {
        let shortest = s.tables.last()?.len;
        let mut i = 0;
        while i < text.len() {
            if VALUE[text[i] as usize] == NONE {
                i += 1;
                continue;
            }
            let start = i;
            while i < text.len() && VALUE[text[i] as usize] != NONE {
                i += 1;
            }
            for end in (start + shortest..=i).filter(|_| i - start >= shortest) {
                if let Some(f) = s.ending_at(text, start, end) {
                    return Some((end, f));
                }
            }
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn probing_finds_what_every_run_finds(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(ID.to_string()),
                    proptest::strategy::Just(PHONE.to_string()),
                    proptest::strategy::Just("86".to_string()),
                    "[0-9xX]{1,14}",
                    "[a张 <>,]{1,12}",
                ],
                0..8,
            )
        ) {
            let s = secrets(&[(ID, Kind::Id), (PHONE, Kind::Phone), ("+8613900000000", Kind::Phone)]);
            let text = pieces.concat();
            proptest::prop_assert_eq!(s.find_in_runs(text.as_bytes()), find_every_run(&s, text.as_bytes()));
        }
    }

    #[test]
    fn an_owners_id_is_read_back_for_the_error() {
        let s = secrets(&[(PHONE, Kind::Phone), (ID, Kind::Id), ("4301-X", Kind::Id)]);
        assert_eq!(s.id_of(1), ID);
        assert_eq!(s.id_of(2), "4301-X");
        let f = s.find(format!("…{ID}").as_bytes()).unwrap();
        assert_eq!(s.describe(&f).1, "430102********123X");
    }
}
