//! The command line: argument parsing and the commands, over the library.
//!
//! This module only reads the arguments and hands each command to its file
//! (`check`, `build`, `explain`, `diff`, `fmt`, `import`). What the commands share is
//! in `output` (exit codes, the output options, printing diagnostics and
//! messages) and `input` (reading and compiling a file); none of them
//! imports this module.

mod args;
mod batch;
mod build;
mod check;
mod diff;
mod explain;
mod fmt;
mod import;
mod input;
mod messages;
mod output;

use args::{ColorArg, Command, Parsed};
use jixiao::diag::{ColorChoice, Lang};
use output::{errln, out, outln, Out, EXIT_OK, EXIT_USAGE};
use std::io::IsTerminal;

/// Run the CLI on the program's arguments (its name first); returns the
/// process exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let args: Vec<std::ffi::OsString> = args.into_iter().skip(1).collect();
    // `jixiao lsp`: the language server on standard input and output
    // (`--stdio`, which some clients add, says the same).
    if args.first().is_some_and(|a| a == "lsp") && args[1..].iter().all(|a| a == "--stdio") {
        return crate::lsp::run();
    }
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
    };
    let encoding = cli.encoding;
    match cli.command {
        Command::Check {
            files,
            deny_warnings,
        } => check::check(&files, encoding, &out, deny_warnings),
        Command::Build {
            files,
            format,
            output,
            deny_warnings,
        } => build::build(&files, format, &output, encoding, &out, deny_warnings),
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
    }
}
