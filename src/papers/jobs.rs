//! The papers of a plan as jobs: one per receipt, one per college's
//! forms, in a fixed order, optionally one shard of them.

use std::collections::HashSet;

use rayon::prelude::*;

use super::{Plan, YearInput};
use crate::data::Candidate;

/// The I-th (1-based) of N disjoint parts of the papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not I/N, e.g. 2/4"))?;
        let index: usize = i
            .trim()
            .parse()
            .map_err(|_| crate::t!("papers-shard-not-number", value = i))?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| crate::t!("papers-shard-not-number", value = n))?;
        if count == 0 || index == 0 || index > count {
            return Err(crate::t!(
                "papers-shard-out-of-range",
                index = index,
                count = count
            ));
        }
        Ok(Shard { index, count })
    }
}

pub(super) enum Job<'a> {
    Receipt {
        year: usize,
        c: &'a Candidate,
    },
    Form {
        year: usize,
        college: &'a str,
        list: Vec<&'a Candidate>,
    },
}

impl Job<'_> {
    pub(super) fn year(&self) -> usize {
        match self {
            Job::Receipt { year, .. } | Job::Form { year, .. } => *year,
        }
    }

    /// The folder of the private folder it goes in, e.g. `2024/receipts`.
    pub(super) fn dir(&self, plan: &Plan) -> String {
        let year = plan.years[self.year()].year;
        match self {
            Job::Receipt { .. } => format!("{year}/receipts"),
            Job::Form { .. } => format!("{year}/forms"),
        }
    }

    /// Its file name there: receipts (the staff copy) by registration
    /// number, forms by college.
    pub(super) fn name(&self) -> String {
        match self {
            Job::Receipt { c, .. } => format!(
                "{}.pdf",
                file_name(c.registration_number().unwrap_or(c.name()))
            ),
            Job::Form { college, .. } => format!("{}.pdf", file_name(college)),
        }
    }
}

/// A name as a file name: path separators and reserved characters replaced.
fn file_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

impl Plan {
    /// Every job of the plan, or of one shard of it.
    pub(super) fn jobs(&self, shard: Option<Shard>) -> Vec<Job<'_>> {
        // Sized once: grown by doubling, 100,000 jobs would hold room for 130,000.
        let receipts: usize = self
            .years
            .iter()
            .filter(|y| y.spec.receipts.is_some())
            .map(|y| y.list.candidates.len())
            .sum();
        let mut jobs = Vec::with_capacity(receipts + self.years.len() * 64);
        for (i, y) in self.years.iter().enumerate() {
            if y.spec.receipts.is_some() {
                let receipts = y
                    .list
                    .candidates
                    .iter()
                    .map(|c| Job::Receipt { year: i, c });
                match shard {
                    // By a keyed hash: shards then hold no recognisable slice of the list.
                    Some(_) => jobs.extend(self.ranked(y, receipts.collect())),
                    None => jobs.extend(receipts),
                }
            }
            for (college, list) in y.form_groups() {
                jobs.push(Job::Form {
                    year: i,
                    college,
                    list,
                });
            }
        }
        match shard {
            Some(s) => jobs
                .into_iter()
                .enumerate()
                .filter(|(i, _)| i % s.count == s.index - 1)
                .map(|(_, j)| j)
                .collect(),
            None => jobs,
        }
    }
}

impl Plan {
    /// Receipts in the shard order: by an HMAC of the year and ID number.
    fn ranked<'a>(&self, y: &YearInput, receipts: Vec<Job<'a>>) -> Vec<Job<'a>> {
        let mut ranked: Vec<([u8; 32], Job)> = receipts
            .into_par_iter()
            .map(|j| {
                let id = match &j {
                    Job::Receipt { c, .. } => c.id_number(),
                    Job::Form { college, .. } => college,
                };
                let text = format!("{}\n{id}", y.year);
                (self.key.mac("gazette shard", text.as_bytes()), j)
            })
            .collect();
        ranked.sort_by_key(|(rank, _)| *rank);
        ranked.into_iter().map(|(_, j)| j).collect()
    }
}

/// Every ID number of the exempt candidates, for matching photo names.
pub(super) fn exempt_ids(y: &YearInput) -> HashSet<&str> {
    y.form_groups()
        .values()
        .flatten()
        .map(|c| c.id_number())
        .collect()
}
