//! A row's cells in one allocation, as read from a workbook and as the
//! 公示 lists publish them.

use serde::ser::{Serialize, SerializeSeq, Serializer};

/// A row's cells in one allocation: a national list is 100,000 rows of 20
/// cells or more, which as separate strings would take several times the
/// file's size in memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cells {
    text: Box<str>,
    /// Where each cell ends in `text`.
    ends: Box<[u32]>,
}

impl Cells {
    /// Cell `i`; short (ragged) rows read as empty.
    pub fn get(&self, i: usize) -> &str {
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start as usize..end as usize]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The bytes of all the cells together.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// No cell holds any text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Cells {
    /// The text is allocated once, at its length.
    fn from_iter<I: IntoIterator<Item = S>>(cells: I) -> Cells {
        let cells: Vec<S> = cells.into_iter().collect();
        let mut text = String::with_capacity(cells.iter().map(|c| c.as_ref().len()).sum());
        let ends = cells
            .iter()
            .map(|c| {
                text.push_str(c.as_ref());
                u32::try_from(text.len()).unwrap_or(u32::MAX)
            })
            .collect();
        Cells {
            text: text.into_boxed_str(),
            ends,
        }
    }
}

/// A sequence of strings, as a `Vec<String>` of the same cells serializes.
impl Serialize for Cells {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for c in self.iter() {
            seq.serialize_element(c)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_and_serialize_as_strings() {
        let cells: Cells = ["张三", "", "a,b"].into_iter().collect();
        assert_eq!(cells.len(), 3);
        assert_eq!(cells.get(1), "");
        assert_eq!(cells.get(7), "");
        assert!(!cells.is_blank());
        let json = serde_json::to_string(&cells).unwrap();
        assert_eq!(json, serde_json::to_string(&["张三", "", "a,b"]).unwrap());
        assert!(["", ""].into_iter().collect::<Cells>().is_blank());
    }
}
