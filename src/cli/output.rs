//! What every command shares to speak to the user: the exit codes, the
//! output options, printing diagnostics and messages, and the macros that
//! write to standard output and error without panicking.

use super::args::MessageFormat;
use super::messages;
use jixiao::diag::{self, ColorChoice, Diagnostic, Lang};
use jixiao::source::SourceFile;
use std::io::Write;

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

// The commands import the macros by path, as any other item.
pub(super) use {errln, out, outln};

/// Exit codes: part of the interface.
pub const EXIT_OK: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// How diagnostics and messages are shown: the options every command shares.
pub(super) struct Out {
    pub(super) lang: Lang,
    pub(super) color: ColorChoice,
    pub(super) format: MessageFormat,
    /// `-q`: no summary or progress lines.
    pub(super) quiet: bool,
}

/// Print at most [`MAX_SHOWN`] diagnostics and count the rest, as `check`
/// does: rendering is per diagnostic, so a file of a million errors would
/// otherwise take minutes to print.
pub(super) fn print_diags(diags: &[Diagnostic], file: &SourceFile, out: &Out) {
    let err = &mut std::io::stderr().lock();
    let shown = diags.len().min(out.max_shown());
    print_diags_to(&diags[..shown], file, out, err);
    print_hidden_to(diags.len() - shown, file, out, err);
}

pub(super) fn print_diags_to(
    diags: &[Diagnostic],
    file: &SourceFile,
    out: &Out,
    err: &mut dyn Write,
) {
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

impl Out {
    /// How many diagnostics of a file are printed: [`MAX_SHOWN`] for people;
    /// every one the library kept for `--message-format json`, which tools
    /// read whole (and which costs little to write).
    pub(super) fn max_shown(&self) -> usize {
        match self.format {
            MessageFormat::Json => usize::MAX,
            _ => MAX_SHOWN,
        }
    }
}

/// Say how many diagnostics were left out past the limit.
pub(super) fn print_hidden_to(hidden: usize, file: &SourceFile, out: &Out, sink: &mut dyn Write) {
    if hidden == 0 || out.format == MessageFormat::Json {
        return;
    }
    let _ = writeln!(sink, "{}", messages::hidden(out.lang, &file.name, hidden));
}

/// After a batch of files: the summary line, and the exit code, the worst of
/// the files' (each result is a file's exit code, errors and warnings).
pub(super) fn finish_batch(out: &Out, results: &[(i32, usize, usize)]) -> i32 {
    let code = results.iter().map(|r| r.0).max().unwrap_or(EXIT_OK);
    let errors = results.iter().map(|r| r.1).sum();
    let warnings = results.iter().map(|r| r.2).sum();
    summary(out, (errors, warnings));
    code
}

pub(super) fn summary(out: &Out, (errors, warnings): (usize, usize)) {
    if out.quiet || out.format != MessageFormat::Human || (errors == 0 && warnings == 0) {
        return;
    }
    errln!("{}", messages::summary(out.lang, errors, warnings));
}

/// Print a usage or I/O error (from `messages`); the exit code for it.
pub(super) fn usage_error(message: String) -> i32 {
    errln!("{message}");
    EXIT_USAGE
}
