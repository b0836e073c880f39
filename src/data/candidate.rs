//! One valid row of the list, its text fields kept in one allocation: as a
//! dozen `String`s each, 100,000 candidates were 1.2 million allocations
//! and ~75 MB; like this they are ~25 MB.

use std::sync::Arc;

/// The fields every list has (or may have: choice, registration number),
/// in the order they are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    IdNumber,
    Phone,
    College,
    Major,
    /// Category id.
    Category,
    /// Category id of the choices (志愿类别), when the list has that column.
    Choice,
    /// 报名号, when the list has that column.
    Registration,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Name,
        Field::IdNumber,
        Field::Phone,
        Field::College,
        Field::Major,
        Field::Category,
        Field::Choice,
        Field::Registration,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    Passed,
    Failed,
    Pending,
}

/// One valid row of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// 1-based line (CSV) or row (XLSX) in the file; the header is 1.
    pub row: usize,
    pub sex: Sex,
    pub review: Review,
    /// Whether the list has a choice and a registration-number column:
    /// `Some("")` and `None` differ for them.
    has_choice: bool,
    has_registration: bool,
    /// Every field's text, one after the other: the `Field`s, then the
    /// non-empty extra fields.
    text: Box<str>,
    /// Where each `Field` ends in `text`.
    ends: [u32; 8],
    /// The non-empty extra fields: their key (shared by the whole list)
    /// and where their text ends, in the list's key order.
    extra: Box<[(Arc<str>, u32)]>,
}

/// The values a candidate is made of, borrowed from the row.
pub struct Values<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub phone: &'a str,
    pub college: &'a str,
    pub major: &'a str,
    pub category: &'a str,
    pub choice: Option<&'a str>,
    pub registration_number: Option<&'a str>,
}

impl Candidate {
    /// `extra` lists every extra field of the row; the empty ones are left out.
    pub fn new<'a>(
        row: usize,
        sex: Sex,
        review: Review,
        v: &Values<'a>,
        extra: impl IntoIterator<Item = (&'a Arc<str>, &'a str)>,
    ) -> Candidate {
        let fixed = [
            v.name,
            v.id_number,
            v.phone,
            v.college,
            v.major,
            v.category,
            v.choice.unwrap_or(""),
            v.registration_number.unwrap_or(""),
        ];
        let extra: Vec<_> = extra.into_iter().filter(|(_, t)| !t.is_empty()).collect();
        let len = fixed
            .iter()
            .chain(extra.iter().map(|(_, t)| t))
            .map(|t| t.len())
            .sum();
        let mut text = String::with_capacity(len);
        let mut end = |t: &str| {
            text.push_str(t);
            // A cell is at most a line of a list; 4 GB rows are refused
            // long before this by the reader's limits.
            u32::try_from(text.len()).unwrap_or(u32::MAX)
        };
        let ends = fixed.map(&mut end);
        let extra = extra
            .into_iter()
            .map(|(k, t)| (k.clone(), end(t)))
            .collect();
        Candidate {
            row,
            sex,
            review,
            has_choice: v.choice.is_some(),
            has_registration: v.registration_number.is_some(),
            text: text.into_boxed_str(),
            ends,
            extra,
        }
    }

    /// The text of `field`; "" for a column the list does not have.
    pub fn get(&self, field: Field) -> &str {
        let i = field as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start as usize..self.ends[i] as usize]
    }

    pub fn name(&self) -> &str {
        self.get(Field::Name)
    }

    /// Normalised: a check `x` is upper-case.
    pub fn id_number(&self) -> &str {
        self.get(Field::IdNumber)
    }

    pub fn phone(&self) -> &str {
        self.get(Field::Phone)
    }

    pub fn college(&self) -> &str {
        self.get(Field::College)
    }

    pub fn major(&self) -> &str {
        self.get(Field::Major)
    }

    /// Category id.
    pub fn category(&self) -> &str {
        self.get(Field::Category)
    }

    /// Category id of the choices (志愿类别), when the list has that column.
    pub fn choice(&self) -> Option<&str> {
        self.has_choice.then(|| self.get(Field::Choice))
    }

    /// 报名号, when the list has that column.
    pub fn registration_number(&self) -> Option<&str> {
        self.has_registration.then(|| self.get(Field::Registration))
    }

    /// The extra field `key`'s text; "" when it is empty or not a field.
    pub fn extra(&self, key: &str) -> &str {
        let mut start = self.ends[7];
        for (k, end) in &self.extra {
            if &**k == key {
                return &self.text[start as usize..*end as usize];
            }
            start = *end;
        }
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_back_as_given() {
        let keys: Vec<Arc<str>> = ["enlisted", "merits", "award"]
            .iter()
            .map(|k| Arc::from(*k))
            .collect();
        let v = Values {
            name: "戴强艳",
            id_number: "43060220030712760X",
            phone: "13800000001",
            college: "长沙民政职业技术学院",
            major: "",
            category: "general",
            choice: Some(""),
            registration_number: None,
        };
        let extra = [
            (&keys[0], "2021年9月"),
            (&keys[1], ""),
            (&keys[2], "一等奖"),
        ];
        let c = Candidate::new(7, Sex::Female, Review::Passed, &v, extra);
        assert_eq!(c.name(), "戴强艳");
        assert_eq!(c.id_number(), "43060220030712760X");
        assert_eq!(c.phone(), "13800000001");
        assert_eq!(c.college(), "长沙民政职业技术学院");
        assert_eq!(c.major(), "");
        assert_eq!(c.category(), "general");
        assert_eq!(c.choice(), Some(""));
        assert_eq!(c.registration_number(), None);
        assert_eq!(c.extra("enlisted"), "2021年9月");
        assert_eq!(c.extra("merits"), "");
        assert_eq!(c.extra("award"), "一等奖");
        assert_eq!(c.extra("nothing"), "");
        assert_eq!(c.extra.len(), 2, "empty extra fields are not kept");
        assert_eq!(c.row, 7);
    }
}
