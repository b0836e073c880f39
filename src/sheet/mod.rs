//! Fixed-layout documents (receipts, forms): a layout written by a
//! template ([`spec`]), laid out on pages ([`layout`]) with the build's
//! font set; the pages are written as PDF by [`crate::render::pdf`].

mod error;
pub mod layout;
pub mod memo;
pub mod origin;
pub mod qr;
mod rules;
pub mod spec;
