//! The typesetting core every layout shares (the GB/T 9704 notice, the
//! 公示 lists, receipts and forms): the build's font set with per-character
//! fallback ([`fonts`]), line breaking with 避头尾 ([`lines`]), and the
//! page description layouts produce and writers serialize ([`page`]).

pub mod cff;
pub mod discover;
pub mod fonts;
pub mod lines;
pub mod page;
pub mod table;
