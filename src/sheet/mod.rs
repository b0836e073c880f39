//! Fixed-layout documents (receipts, forms): a layout written by a
//! template ([`spec`]), laid out on pages ([`layout`]) with the site's
//! fonts ([`fonts`]) and written as PDF ([`pdf`]) with font subsets
//! shared across thousands of documents.

pub mod fonts;
pub mod layout;
pub mod pdf;
pub mod spec;
