//! The facts of a notice as typed values: dates, the holiday calendar,
//! the schedule, categories and rules.

pub mod calendar;
pub mod candidates;
pub mod cells;
pub mod config;
pub mod format;
pub mod papers;
pub mod publicity;
pub mod schedule;
pub mod when;
pub mod year;
