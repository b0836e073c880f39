//! The command's help texts, from the catalog in the language in use.
//!
//! Each command's about text is `cli-<command>` (with `.long` for `--help`),
//! each argument's help `cli-<command>-<argument>`, or `cli-arg-<argument>`
//! for one that means the same under every command (`--root`).

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::i18n;

/// The command line, with every text in the language in use.
pub fn command() -> Command {
    let mut cmd = localize(Cli::command(), "cli-gazette", true);
    for name in subcommand_names(&cmd) {
        let key = format!("cli-{name}");
        cmd = cmd.mut_subcommand(name.as_str(), |sub| localize(sub, &key, false));
    }
    cmd.disable_help_subcommand(true)
}

/// Every catalog id the command line uses, for the catalog test.
pub fn help_keys() -> Vec<String> {
    let cmd = Cli::command();
    let mut keys = vec!["cli-gazette".to_string(), "cli-gazette.long".to_string()];
    keys.extend(FIXED.iter().map(|k| k.to_string()));
    for arg in cmd.get_arguments() {
        keys.push(arg_key("cli-gazette", arg.get_id().as_str()));
    }
    for sub in cmd.get_subcommands() {
        let key = format!("cli-{}", sub.get_name());
        keys.push(key.clone());
        keys.push(format!("{key}.long"));
        for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
            keys.push(arg_key(&key, arg.get_id().as_str()));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The texts clap itself would print in English.
const FIXED: &[&str] = &[
    "cli-usage",
    "cli-options",
    "cli-arguments",
    "cli-commands",
    "cli-help",
    "cli-version",
    "cli-default",
    "cli-values",
];

fn subcommand_names(cmd: &Command) -> Vec<String> {
    cmd.get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect()
}

/// The id of an argument's help: the command's own, else the shared one.
fn arg_key(command_key: &str, arg: &str) -> String {
    let arg = arg.replace('_', "-");
    let own = format!("{command_key}-{arg}");
    if i18n::has(&own) {
        own
    } else {
        format!("cli-arg-{arg}")
    }
}

fn localize(mut cmd: Command, key: &str, root: bool) -> Command {
    let template = format!(
        "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        i18n::text("cli-usage", &[])
    );
    cmd = cmd
        .about(i18n::text(key, &[]))
        .long_about(i18n::text(&format!("{key}.long"), &[]))
        .help_template(template)
        .subcommand_help_heading(i18n::text("cli-commands", &[]))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(i18n::text("cli-help", &[]))
                .help_heading(i18n::text("cli-options", &[])),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(i18n::text("cli-version", &[]))
                .help_heading(i18n::text("cli-options", &[])),
        );
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .filter(|a| root || !a.is_global_set())
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        let help = i18n::text(&arg_key(key, &id), &[]);
        cmd = cmd.mut_arg(id.as_str(), |arg| describe(arg, help));
    }
    cmd
}

/// The help text with the default and the accepted values in the
/// catalog's words (clap would print them in English).
fn describe(arg: Arg, help: String) -> Arg {
    let mut help = help;
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && arg.get_action().takes_values() {
        let values = values.join(", ");
        help = format!(
            "{help} {}",
            i18n::text("cli-values", &[("values", values.into())])
        );
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        let value = defaults.join(", ");
        help = format!(
            "{help} {}",
            i18n::text("cli-default", &[("value", value.into())])
        );
    }
    let heading = if arg.is_positional() {
        "cli-arguments"
    } else {
        "cli-options"
    };
    let takes_values = arg.get_action().takes_values();
    let arg = arg.help(help).help_heading(i18n::text(heading, &[]));
    if takes_values {
        arg.hide_default_value(true).hide_possible_values(true)
    } else {
        arg
    }
}
