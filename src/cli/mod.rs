//! The command line: argument parsing and the commands, over the library.
//!
//! This module only reads the arguments and hands each command to its file
//! (`check`, `build`, `explain`, `diff`, `fmt`, `import`, `report`; `command`
//! for `completions` and `man`; `watch` runs check or build again on each
//! save; `lsp` is handed to the language server, `crate::lsp`). The command line itself is described once, in `args`. What the commands share is
//! in `output` (exit codes, the output options, printing diagnostics and
//! messages) and `input` (reading and compiling a file); none of them
//! imports this module.

mod args;
mod batch;
mod build;
mod check;
mod command;
mod diff;
mod explain;
mod fmt;
mod import;
mod input;
mod messages;
mod output;
mod report;
mod watch;

use args::{ColorArg, Command, Parsed};
use jixiao::diag::{ColorChoice, Lang};
use output::{errln, out, outln, Out, EXIT_OK, EXIT_USAGE};
use std::io::IsTerminal;

/// Run the CLI on the program's arguments (its name first); returns the
/// process exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let args: Vec<std::ffi::OsString> = args.into_iter().skip(1).collect();
    // Usage errors and help speak the language asked for, wherever `--lang`
    // stands on the line.
    let asked = args::lang_hint(&args).unwrap_or_else(Lang::from_env);
    let cli = match args::parse(args) {
        Ok(Parsed::Run(cli)) => cli,
        Ok(Parsed::Help(sub)) => {
            out!("{}", messages::help(asked, sub));
            return EXIT_OK;
        }
        Ok(Parsed::Version) => {
            outln!("{}", messages::version());
            return EXIT_OK;
        }
        Err(e) => {
            errln!("{}", messages::usage(asked, &e));
            return EXIT_USAGE;
        }
    };
    let lang = cli.lang.unwrap_or(asked);
    let color = match cli.color {
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
        ColorArg::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if !no_color && std::io::stderr().is_terminal() {
                ColorChoice::Always
            } else {
                ColorChoice::Never
            }
        }
    };
    let out = Out {
        lang,
        color,
        format: cli.message_format,
        quiet: cli.quiet,
    };
    let encoding = cli.encoding;
    match cli.command {
        Command::Check {
            files,
            deny_warnings,
            jobs,
            watch,
            stdin_filename,
        } => {
            let opts = check::CheckOptions {
                encoding,
                deny_warnings,
                jobs,
                stdin_filename: stdin_filename.as_deref(),
            };
            match watch {
                None => check::check(&files, &opts, &out),
                Some(w) => watch::watch(&files, w.poll, &out, || check::check(&files, &opts, &out)),
            }
        }
        Command::Build {
            files,
            format,
            output,
            deny_warnings,
            jobs,
            watch,
        } => {
            let build =
                || build::build(&files, format, &output, encoding, &out, deny_warnings, jobs);
            match watch {
                None => build(),
                Some(w) => watch::watch(&files, w.poll, &out, build),
            }
        }
        Command::Explain { code } => explain::explain(&code, lang),
        Command::Diff {
            args,
            format,
            output,
        } => diff::diff_cmd(&args, format, output.as_deref(), cli.color, encoding, &out),
        Command::Fmt {
            files,
            check,
            keywords,
        } => fmt::fmt(&files, check, keywords, encoding, &out),
        Command::Import { file, output } => import::import(&file, output.as_deref(), &out),
        Command::Report {
            inputs,
            output,
            previous,
            jobs,
        } => report::report(&inputs, &output, previous.as_deref(), jobs, encoding, &out),
        Command::Completions { shell } => command::completions(shell, lang),
        Command::Man { sub } => command::man(sub, lang),
        // The one meeting point of the command line and the language server.
        Command::Lsp => crate::lsp::run(),
    }
}
