//! The command line as a clap `Command`, made from the tables of `args`
//! (commands, options, arguments, the values an option takes) and the
//! English help of `messages` (each command's first line, each option's
//! description): nothing here describes the command line a second time.
//! It is used for what clap does well and the hand parser does not do:
//! shell completions (`jixiao completions`) and the man page (`jixiao man`).

use super::args::{self, Choice, Hint, Key, Spec, Sub};
use super::messages;
use super::output::{usage_error, EXIT_OK};
use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, Command, ValueHint};
use jixiao::diag::Lang;

/// `jixiao completions SHELL`: the script on standard output.
pub(super) fn completions(shell: args::Shell, lang: Lang) -> i32 {
    use clap_complete::Shell as S;
    let shell = match shell {
        args::Shell::Bash => S::Bash,
        args::Shell::Zsh => S::Zsh,
        args::Shell::Fish => S::Fish,
        args::Shell::Powershell => S::PowerShell,
        args::Shell::Elvish => S::Elvish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command(), "jixiao", &mut script);
    to_stdout(&script, lang)
}

/// `jixiao man [COMMAND]`: the manual page of the tool (jixiao(1)) or of
/// one command (jixiao-check(1) …), in roff, on standard output.
pub(super) fn man(sub: Option<Sub>, lang: Lang) -> i32 {
    let top = command();
    let page_of = match sub {
        None => top,
        Some(s) => match top.find_subcommand(s.name()) {
            Some(c) => c
                .clone()
                .name(format!("jixiao-{}", s.name()))
                .version(env!("CARGO_PKG_VERSION")),
            None => top,
        },
    };
    let mut page = Vec::new();
    match clap_mangen::Man::new(page_of).render(&mut page) {
        Ok(()) => to_stdout(&page, lang),
        Err(e) => usage_error(messages::cannot_write(lang, "-", &e)),
    }
}

fn to_stdout(bytes: &[u8], lang: Lang) -> i32 {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) => usage_error(messages::cannot_write(lang, "-", &e)),
    }
}

/// The whole command line.
pub(super) fn command() -> Command {
    let top = messages::help(Lang::En, None);
    let mut cmd = Command::new("jixiao")
        .version(env!("CARGO_PKG_VERSION"))
        .about(
            first_line(&top)
                .split_once(": ")
                .map_or("", |(_, a)| a)
                .to_string(),
        )
        .after_long_help(
            top.lines()
                .filter(|l| l.starts_with("Exit codes"))
                .collect::<String>(),
        )
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true);
    for spec in args::GLOBAL.iter().chain(args::ALWAYS) {
        cmd = cmd.arg(option(spec, None, &top).global(true));
    }
    for sub in Sub::ALL {
        cmd = cmd.subcommand(subcommand(sub));
    }
    cmd
}

fn subcommand(sub: Sub) -> Command {
    let help = messages::help(Lang::En, Some(sub));
    let mut cmd = Command::new(sub.name())
        .about(first_line(&help))
        .disable_help_flag(true);
    for spec in sub.options() {
        cmd = cmd.arg(option(spec, Some(sub), &help));
    }
    for (i, a) in sub.arguments().iter().enumerate() {
        let mut arg = Arg::new(a.name)
            .value_name(a.name)
            .index(i + 1)
            .required(a.required)
            .action(if a.many {
                ArgAction::Append
            } else {
                ArgAction::Set
            });
        arg = match a.hint {
            Hint::Shell => arg.value_parser(PossibleValuesParser::new(args::Shell::shown())),
            Hint::Command => {
                arg.value_parser(PossibleValuesParser::new(Sub::ALL.map(Sub::name).to_vec()))
            }
            hint => arg.value_hint(value_hint(hint)),
        };
        cmd = cmd.arg(arg);
    }
    cmd
}

/// One option, its values and its help line.
fn option(spec: &Spec, sub: Option<Sub>, help: &str) -> Arg {
    let mut arg = Arg::new(spec.long).long(spec.long);
    if let Some(c) = spec.short {
        arg = arg.short(c);
    }
    if let Some(text) = option_help(help, spec.long) {
        arg = arg.help(text);
    }
    if !spec.takes_value {
        return arg.action(ArgAction::SetTrue);
    }
    let possible = args::possible(sub, spec.key);
    arg = arg.action(ArgAction::Set).value_name(value_name(spec.key));
    if possible.is_empty() {
        arg.value_hint(value_hint(option_hint(spec.key)))
    } else {
        arg.value_parser(PossibleValuesParser::new(possible))
    }
}

fn option_hint(key: Key) -> Hint {
    match key {
        Key::Output | Key::StdinFilename => Hint::File,
        Key::Previous => Hint::Path,
        Key::Jobs => Hint::Number,
        _ => Hint::Text,
    }
}

fn value_name(key: Key) -> &'static str {
    match key {
        Key::Output => "PATH",
        Key::Previous => "DIR",
        Key::Jobs => "N",
        Key::StdinFilename => "NAME",
        _ => "VALUE",
    }
}

fn value_hint(hint: Hint) -> ValueHint {
    match hint {
        Hint::File => ValueHint::FilePath,
        Hint::Path => ValueHint::AnyPath,
        Hint::Text | Hint::Number | Hint::Shell | Hint::Command => ValueHint::Other,
    }
}

fn first_line(help: &str) -> String {
    help.lines().next().unwrap_or("").to_string()
}

/// The description of `--long` in a help text: the words after the option
/// column on its line, with the lines that continue it.
fn option_help(help: &str, long: &str) -> Option<String> {
    let flag = format!("--{long}");
    let mut lines = help.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with('-') {
            continue;
        }
        // The option column: up to the first run of two spaces.
        let Some(column_end) = trimmed.find("  ") else {
            continue;
        };
        let names = &trimmed[..column_end];
        let named = names
            .split([',', ' '])
            .any(|w| w == flag || w.strip_prefix(&flag).is_some_and(|r| r.starts_with('=')));
        if !named {
            continue;
        }
        let indent = line.len() - trimmed.len() + column_end;
        let mut text = trimmed[column_end..].trim().to_string();
        for more in lines.by_ref() {
            let t = more.trim_start();
            if t.is_empty() || t.starts_with('-') || more.len() - t.len() < indent {
                break;
            }
            text.push(' ');
            text.push_str(t.trim_end());
        }
        return Some(text);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_valid_and_every_option_has_help() {
        let cmd = command();
        cmd.clone().debug_assert();
        for sub in cmd.get_subcommands() {
            for arg in sub.get_arguments().filter(|a| a.get_long().is_some()) {
                assert!(
                    arg.get_help().is_some(),
                    "{} --{:?} has no help",
                    sub.get_name(),
                    arg.get_long()
                );
            }
        }
        let check = cmd.find_subcommand("check").unwrap();
        let jobs = check.get_arguments().find(|a| a.get_id() == "jobs");
        assert_eq!(jobs.and_then(|a| a.get_short()), Some('j'));
    }

    #[test]
    fn option_help_reads_the_column() {
        let help = "Options:\n  -o, --output PATH   out file;\n                      or a folder\n  --check  no\n";
        assert_eq!(
            option_help(help, "output").as_deref(),
            Some("out file; or a folder")
        );
        assert_eq!(option_help(help, "check").as_deref(), Some("no"));
        assert_eq!(option_help(help, "format"), None);
    }
}
