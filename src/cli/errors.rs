//! Usage errors in the language in use (clap writes its own in English).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{self, Lang};

/// Print a usage error and exit: help and version as clap prints them,
/// the rest from the catalog when speaking Chinese.
pub fn exit_with(err: clap::Error) -> ! {
    if i18n::lang() == Lang::En {
        err.exit()
    }
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // clap ends each heading with an ASCII colon; Chinese text takes
        // the full-width one.
        let text = err.render().to_string();
        for line in text.lines() {
            match line.strip_suffix(':') {
                Some(heading) if !line.starts_with(' ') => println!("{heading}："),
                _ => println!("{line}"),
            }
        }
        std::process::exit(0)
    }
    match message(&err) {
        Some(text) => {
            eprintln!("{text}");
            eprintln!("{}", i18n::text("cli-error-more", &[]));
            std::process::exit(2)
        }
        None => err.exit(),
    }
}

fn context(err: &clap::Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn message(err: &clap::Error) -> Option<String> {
    let arg = context(err, ContextKind::InvalidArg);
    let value = context(err, ContextKind::InvalidValue);
    let text = |id: &str| {
        i18n::text(
            id,
            &[
                ("arg", arg.clone().into()),
                ("value", value.clone().into()),
                ("valid", context(err, ContextKind::ValidValue).into()),
                (
                    "subcommand",
                    context(err, ContextKind::InvalidSubcommand).into(),
                ),
                ("other", context(err, ContextKind::PriorArg).into()),
            ],
        )
    };
    let mut out = match err.kind() {
        ErrorKind::UnknownArgument => text("cli-error-unknown-argument"),
        ErrorKind::InvalidSubcommand => text("cli-error-unknown-command"),
        ErrorKind::InvalidValue if value.is_empty() => text("cli-error-missing-value"),
        ErrorKind::InvalidValue => text("cli-error-invalid-value"),
        ErrorKind::ValueValidation => text("cli-error-invalid-value"),
        ErrorKind::MissingRequiredArgument => text("cli-error-missing-argument"),
        ErrorKind::MissingSubcommand => text("cli-error-missing-command"),
        ErrorKind::ArgumentConflict => text("cli-error-conflict"),
        ErrorKind::TooManyValues | ErrorKind::NoEquals => text("cli-error-unexpected-value"),
        _ => return None,
    };
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(|k| context(err, k))
        .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        out.push('\n');
        out.push_str(&i18n::text(
            "cli-error-suggested",
            &[("suggestion", s.into())],
        ));
    }
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str("\n\n");
        out.push_str(&i18n::text("cli-usage", &[]));
        out.push_str(usage);
    }
    Some(out)
}
