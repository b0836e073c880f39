//! What changed between two years' notices: moved dates, categories and
//! rules added, removed or reworded, and the body compared as composed (after
//! fact expansion, so a date coming from the schedule shows where it is used).
//!
//! Blocks are aligned with a Myers diff over their texts; inside a changed
//! pair the text is diffed token by token (one CJK character, or one run of
//! Latin letters and digits, so that 2023 → 2024 reads as one change).

mod align;
mod body;
mod categories;
mod changes;
mod dates;
pub mod html;
mod inline;
mod metadata;
mod rules;
mod side;
pub mod text;

pub use align::align;
pub use body::{compare_blocks, CELL_SEP};
pub use changes::{
    BlockChange, Changes, DocPart, ItemChange, ItemKind, Labelled, PhaseChange, Seg, TextChange,
};
pub use inline::inline;
pub use side::{load_pair, side, Side};

use crate::load::Site;

/// Compare two composed years.
pub fn compare(site: &Site, old: &Side, new: &Side) -> Changes {
    Changes {
        old_year: old.year.year,
        new_year: new.year.year,
        metadata: metadata::metadata(&old.notice, &new.notice),
        phases: dates::phases(site.config.dates, &old.schedule, &new.schedule),
        categories: categories::categories(&old.year.categories, &new.year.categories),
        rules: rules::rules(old.year, new.year),
        parts: body::parts(&old.notice, &new.notice),
    }
}
