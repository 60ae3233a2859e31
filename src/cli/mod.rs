//! The command line: argument parsing and the commands, over the library.

use jixiao::diag::{self, catalogue, ColorChoice, Diagnostic, Lang};
use jixiao::source::{DecodeError, Encoding, SourceFile};
use jixiao::{compile, emit};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

// Writing to a closed stream (`jixiao check x.jx 2>&1 | head`) must not
// panic as `println!` does: these write and ignore failures.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod args;
mod batch;
mod build;
mod diff;
mod fmt;
mod messages;

use args::{ColorArg, Command, DiffFormat, Format, KeywordsArg, MessageFormat, Parsed};

use build::build;
use diff::diff_cmd;
use fmt::fmt_one;

/// Exit codes: part of the interface.
pub const EXIT_OK: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

struct Out {
    lang: Lang,
    color: ColorChoice,
    format: MessageFormat,
}

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
    };
    let encoding = cli.encoding;
    match cli.command {
        Command::Check {
            files,
            deny_warnings,
        } => {
            let results = batch::run_ordered(files.len(), batch::jobs(), |i, sink| {
                check_one(&files[i], encoding, &out, deny_warnings, sink)
            });
            let code = results.iter().map(|r| r.0).max().unwrap_or(EXIT_OK);
            let errors = results.iter().map(|r| r.1).sum();
            let warnings = results.iter().map(|r| r.2).sum();
            summary(&out, (errors, warnings));
            code
        }
        Command::Build {
            files,
            format,
            output,
            deny_warnings,
        } => build(&files, format, &output, encoding, &out, deny_warnings),
        Command::Explain { code } => explain(&code, lang),
        Command::Diff {
            args,
            format,
            output,
        } => diff_cmd(&args, format, output.as_deref(), cli.color, encoding, &out),
        Command::Fmt {
            files,
            check,
            keywords,
        } => {
            let opts = jixiao::fmt::Options {
                keywords: match keywords {
                    None => jixiao::fmt::Keywords::Keep,
                    Some(KeywordsArg::En) => jixiao::fmt::Keywords::English,
                    Some(KeywordsArg::Zh) => jixiao::fmt::Keywords::Chinese,
                },
            };
            files
                .iter()
                .map(|f| fmt_one(f, check, &opts, encoding, &out))
                .max()
                .unwrap_or(EXIT_OK)
        }
    }
}

fn read(path: &Path, encoding: Encoding, out: &Out) -> Result<SourceFile, i32> {
    read_to(path, encoding, out, &mut std::io::stderr().lock())
}

/// Read and decode a file; problems are written to `sink`.
fn read_to(
    path: &Path,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<SourceFile, i32> {
    let name = path.display().to_string();
    if let Some(d) = too_large(Path::new(path)) {
        print_diags_to(&[d], &SourceFile::new(name, ""), out, sink);
        return Err(EXIT_ERRORS);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(sink, "{}", messages::cannot_read(out.lang, &name, &e));
            return Err(EXIT_USAGE);
        }
    };
    match SourceFile::decode_owned(name.clone(), bytes, encoding) {
        Ok(f) => Ok(f),
        Err((err, bytes)) => {
            let d = decode_diagnostic(err, &bytes);
            // The text cannot be shown; report against an empty file of the same name.
            let empty = SourceFile::new(name, "");
            print_diags_to(&[d], &empty, out, sink);
            Err(EXIT_ERRORS)
        }
    }
}

/// A file past the size limit is refused before it is read.
fn too_large(path: &Path) -> Option<Diagnostic> {
    let len = std::fs::metadata(path).ok()?.len();
    let max = jixiao::syntax::MAX_INPUT_BYTES;
    (len > max as u64).then(|| catalogue::input_too_large(len as usize, max))
}

fn decode_diagnostic(err: DecodeError, bytes: &[u8]) -> Diagnostic {
    match err {
        DecodeError::LooksLikeGb18030 { offset } => {
            catalogue::not_utf8(true, line_at(bytes, offset))
        }
        DecodeError::NotUtf8 { offset } => catalogue::not_utf8(false, line_at(bytes, offset)),
        DecodeError::NotGb18030 => catalogue::not_gb18030(),
        DecodeError::Utf16 => catalogue::utf16(),
    }
}

fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn print_diags(diags: &[Diagnostic], file: &SourceFile, out: &Out) {
    print_diags_to(diags, file, out, &mut std::io::stderr().lock());
}

fn print_diags_to(diags: &[Diagnostic], file: &SourceFile, out: &Out, err: &mut dyn Write) {
    let human = (out.format == MessageFormat::Human)
        .then(|| diag::HumanRenderer::new(file, diags, out.lang, out.color));
    for d in diags {
        let text = match (&human, out.format) {
            (Some(h), _) => h.render(d),
            (None, MessageFormat::Human) => String::new(),
            (None, MessageFormat::Short) => diag::render_short(d, file, out.lang) + "\n",
            (None, MessageFormat::Json) => diag::render_json(d, file, out.lang).to_string() + "\n",
        };
        let _ = err.write_all(text.as_bytes());
    }
}

/// At most this many diagnostics are printed per file; the rest are counted
/// (a file of garbage would otherwise bury the terminal).
pub const MAX_SHOWN: usize = 200;

/// Say how many diagnostics were left out past the limit.
fn print_hidden_to(hidden: usize, file: &SourceFile, out: &Out, sink: &mut dyn Write) {
    if hidden == 0 || out.format == MessageFormat::Json {
        return;
    }
    let _ = writeln!(sink, "{}", messages::hidden(out.lang, &file.name, hidden));
}

fn summary(out: &Out, (errors, warnings): (usize, usize)) {
    if out.format != MessageFormat::Human || (errors == 0 && warnings == 0) {
        return;
    }
    errln!("{}", messages::summary(out.lang, errors, warnings));
}

/// Read and compile one file, printing its diagnostics to `sink`. A file
/// that cannot be read gives its (exit code, errors, warnings) instead.
fn compile_reported(
    path: &Path,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<jixiao::Compiled, (i32, usize, usize)> {
    let file =
        read_to(path, encoding, out, sink).map_err(|c| (c, usize::from(c == EXIT_ERRORS), 0))?;
    let compiled = compile(&file);
    let shown = compiled.diagnostics.len().min(MAX_SHOWN);
    print_diags_to(&compiled.diagnostics[..shown], &file, out, sink);
    print_hidden_to(compiled.diagnostics.len() - shown, &file, out, sink);
    Ok(compiled)
}

/// Check one file; returns its exit code, errors and warnings.
fn check_one(
    path: &Path,
    encoding: Encoding,
    out: &Out,
    deny_warnings: bool,
    sink: &mut dyn Write,
) -> (i32, usize, usize) {
    let compiled = match compile_reported(path, encoding, out, sink) {
        Ok(c) => c,
        Err(result) => return result,
    };
    let (errors, warnings) = (compiled.errors, compiled.warnings);
    let code = if errors > 0 || (deny_warnings && warnings > 0) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    };
    (code, errors, warnings)
}

/// Print a usage or I/O error (from `messages`); the exit code for it.
fn usage_error(message: String) -> i32 {
    errln!("{message}");
    EXIT_USAGE
}

fn explain(code: &str, lang: Lang) -> i32 {
    match catalogue::entry(code) {
        Some(e) => {
            let (title, text) = match lang {
                Lang::Zh => (e.title.0, e.explain.0),
                Lang::En => (e.title.1, e.explain.1),
            };
            outln!("{}", messages::explanation(e.code.as_str(), title, text));
            EXIT_OK
        }
        None => usage_error(messages::no_such_code(lang, code)),
    }
}
