//! Every integration test in one binary: each file of `tests/` is a module
//! here, so the crate is linked into one test program instead of one per
//! file. Run one file's tests with `cargo test --test suite papers::`, one
//! test with its full name (`cargo test --test suite
//! papers::photos_fill_the_box_and_a_broken_photo_is_a_clear_error`).
//!
//! The tests share one process: none may change its environment or current
//! folder (they pass both to the `gazette` they run instead).

mod common;

mod atomic;
mod bad_inputs;
mod browser_smoke;
mod candidates;
mod catalogs;
mod command_language;
mod diff;
mod docx;
mod docx_package;
mod font_subsets;
mod fuzz;
mod guard;
mod keyfile;
mod language;
mod mistakes;
mod notice_pdf;
mod ofd;
mod paper_templates;
mod papers;
mod pdf_file;
mod pdf_tables;
mod phone;
mod publicity;
mod receipt_attack;
mod receipts_page;
mod seed_literal;
mod serve;
mod site;
mod source_layout;
mod tables;
mod verify;
mod workflow;
