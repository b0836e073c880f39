//! The catalogs, compiled into the binary and parsed once per language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;

use super::Lang;

/// The catalog files, the same names in every language's folder.
pub const SOURCES: &[&str] = &[
    "cli",
    "common",
    "load",
    "check",
    "data",
    "build",
    "papers",
    "publicity",
    "render",
    "serve",
    "diff",
    "scaffold",
];

macro_rules! sources {
    ($lang:literal) => {
        [
            include_str!(concat!("../../locales/", $lang, "/cli.ftl")),
            include_str!(concat!("../../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../../locales/", $lang, "/load.ftl")),
            include_str!(concat!("../../locales/", $lang, "/check.ftl")),
            include_str!(concat!("../../locales/", $lang, "/data.ftl")),
            include_str!(concat!("../../locales/", $lang, "/build.ftl")),
            include_str!(concat!("../../locales/", $lang, "/papers.ftl")),
            include_str!(concat!("../../locales/", $lang, "/publicity.ftl")),
            include_str!(concat!("../../locales/", $lang, "/render.ftl")),
            include_str!(concat!("../../locales/", $lang, "/serve.ftl")),
            include_str!(concat!("../../locales/", $lang, "/diff.ftl")),
            include_str!(concat!("../../locales/", $lang, "/scaffold.ftl")),
        ]
    };
}

fn texts(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Zh => sources!("zh-CN"),
        Lang::En => sources!("en"),
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static ZH: OnceLock<Bundle> = OnceLock::new();
    static EN: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    cell.get_or_init(|| build(lang))
}

fn build(lang: Lang) -> Bundle {
    let id = lang.tag().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Terminals and logs show the isolation marks Fluent puts around
    // arguments as stray characters.
    bundle.set_use_isolating(false);
    for text in texts(lang) {
        // The catalog test parses every file without errors; a broken entry
        // is skipped here rather than losing the whole file.
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// Whether `lang`'s catalog has `id` or `id.attribute`.
pub(super) fn contains(lang: Lang, id: &str) -> bool {
    let (message, attribute) = split(id);
    let Some(message) = bundle(lang).get_message(message) else {
        return false;
    };
    match attribute {
        Some(a) => message.get_attribute(a).is_some(),
        None => message.value().is_some(),
    }
}

/// `id.attribute` as (`id`, `attribute`).
fn split(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    }
}

/// Format `id` or `id.attribute`; None when the catalog lacks it.
pub(super) fn format(lang: Lang, id: &str, args: &FluentArgs) -> Option<String> {
    let bundle = bundle(lang);
    let (message, attribute) = split(id);
    let message = bundle.get_message(message)?;
    let pattern = match attribute {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned(),
    )
}
