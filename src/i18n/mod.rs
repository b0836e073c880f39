//! The words gazette says to its users, in Simplified Chinese and English.
//!
//! Every user-facing text lives in the Fluent catalogs under `locales/`
//! (one file per area, the same files in each language); code names a
//! message by its id and passes its arguments. A diagnostic's id is also its
//! stable `code` in JSON output, so tools never depend on the wording.

mod catalog;
mod locale;

use fluent_bundle::{FluentArgs, FluentValue};
use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

pub use catalog::SOURCES;
pub use locale::{explicit, from_environment, locale, parse_tag};

/// A language gazette speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The folder of its catalog under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

// 0: not chosen yet (the environment decides on first use).
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// Choose the language for the rest of the process.
pub fn set_lang(lang: Lang) {
    CHOSEN.store(
        match lang {
            Lang::Zh => 1,
            Lang::En => 2,
        },
        Ordering::Relaxed,
    );
}

/// The language in use: the one chosen, else the environment's.
pub fn lang() -> Lang {
    match CHOSEN.load(Ordering::Relaxed) {
        1 => Lang::Zh,
        2 => Lang::En,
        _ => {
            let lang = from_environment().unwrap_or(Lang::En);
            set_lang(lang);
            lang
        }
    }
}

/// An argument of a message: text or a number (numbers choose plural forms).
pub struct Arg(FluentValue<'static>);

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg(FluentValue::from(s.to_string()))
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg(FluentValue::from(s))
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg(FluentValue::from(s.clone()))
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Self {
        Arg(FluentValue::from(s.into_owned()))
    }
}
impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg(FluentValue::from(c.to_string()))
    }
}
impl From<&Path> for Arg {
    fn from(p: &Path) -> Self {
        Arg(FluentValue::from(p.display().to_string()))
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Self {
        Arg::from(p.as_path())
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg(FluentValue::from(n))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f64);

/// The text of message `id` (or `id.attribute`) in the language in use.
pub fn text(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(lang(), id, args)
}

/// The text of message `id` in `lang`. An id missing from the catalog
/// (a defect the catalog test catches) shows as the id itself.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    catalog::format(lang, id, &fluent_args(args)).unwrap_or_else(|| id.to_string())
}

/// Whether the catalog has `id` (or `id.attribute`).
pub fn has(id: &str) -> bool {
    catalog::contains(lang(), id)
}

fn fluent_args(args: &[(&str, Arg)]) -> FluentArgs<'static> {
    let mut out = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        out.set(k.to_string(), v.0.clone());
    }
    out
}

/// `t!("id", name = value, ...)`: the text of a message in the language in use.
#[macro_export]
macro_rules! t {
    ($id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::i18n::text($id, &[$((stringify!($k), $crate::i18n::Arg::from($v))),*])
    };
}

/// `diag!(Error, "code", name = value, ...)`: a diagnostic whose message is
/// the catalog's `code`, with the hint from its `.hint` attribute when the
/// catalog has one.
#[macro_export]
macro_rules! diag {
    ($severity:ident, $id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::diag::Diagnostic::coded(
            $crate::diag::Severity::$severity,
            $id,
            &[$((stringify!($k), $crate::i18n::Arg::from($v))),*],
        )
    };
}
