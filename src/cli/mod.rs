//! The command line: argument parsing and the commands, over the library.

use crate::diag::{self, catalogue, ColorChoice, Diagnostic, Lang};
use crate::source::{DecodeError, Encoding, SourceFile};
use crate::{compile, emit};
use clap::{Parser, Subcommand, ValueEnum};
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

mod batch;
mod build;
mod diff;
mod fmt;

use build::build;
use diff::diff_cmd;
use fmt::fmt_one;

/// Exit codes: part of the interface.
pub const EXIT_OK: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "jixiao",
    version,
    about = "Compiler for budget performance-target sheets (预算绩效目标表编译器)",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour diagnostics (NO_COLOR is honoured by `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// How diagnostics are printed
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// Language of messages (default: from the locale)
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Encoding of input files
    #[arg(long, global = true, value_enum, default_value_t = EncodingArg::Utf8)]
    encoding: EncodingArg,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check sheets and print diagnostics (检查)
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Treat warnings as errors
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Compile a sheet to an output format (编译输出)
    Build {
        /// One sheet, or several with `-o DIR`
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format; with `-o DIR` and no format, every format is written
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Output file (`-`: standard output, for json and html), or a folder
        #[arg(short, long)]
        output: PathBuf,
        /// Treat warnings as errors
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Format sheets in the canonical layout, in place (格式化)
    Fmt {
        /// Files to format; `-` reads standard input and writes standard output
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 and show a diff if a file is not formatted
        #[arg(long)]
        check: bool,
        /// Write keywords in English or Chinese (default: as written)
        #[arg(long, value_enum)]
        keywords: Option<KeywordsArg>,
    },
    /// Compare two years' sheets by meaning (比较两年的表)
    ///
    /// `jixiao diff OLD NEW`, or as a git diff driver with the 7 (or 9, for a
    /// rename) arguments git passes. Exit 0 same, 1 different, 2 trouble; as a
    /// git driver always 0 unless a file cannot be read.
    Diff {
        #[arg(num_args = 1..=9, required = true)]
        args: Vec<String>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Write the diff to this file instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Explain a diagnostic code (解释诊断代码)
    Explain { code: String },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum DiffFormat {
    Text,
    Json,
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum KeywordsArg {
    En,
    Zh,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum MessageFormat {
    Human,
    Short,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "gb18030", alias = "gbk")]
    Gb18030,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    Json,
    Html,
    Docx,
}

impl Format {
    const ALL: [Format; 3] = [Format::Json, Format::Html, Format::Docx];
    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

struct Out {
    lang: Lang,
    color: ColorChoice,
    format: MessageFormat,
}

/// Run the CLI; returns the process exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
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
    let encoding = match cli.encoding {
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Gb18030 => Encoding::Gb18030,
    };
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
            let opts = crate::fmt::Options {
                keywords: match keywords {
                    None => crate::fmt::Keywords::Keep,
                    Some(KeywordsArg::En) => crate::fmt::Keywords::English,
                    Some(KeywordsArg::Zh) => crate::fmt::Keywords::Chinese,
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
            let msg = match out.lang {
                Lang::Zh => format!("错误：无法读取 {name}：{e}"),
                Lang::En => format!("error: cannot read {name}: {e}"),
            };
            let _ = writeln!(sink, "{msg}");
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
    (len > crate::syntax::MAX_INPUT_BYTES as u64)
        .then(|| catalogue::input_too_large(len as usize, crate::syntax::MAX_INPUT_BYTES))
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

/// Say how many diagnostics were left out past the limit.
fn print_hidden_to(hidden: usize, file: &SourceFile, out: &Out, sink: &mut dyn Write) {
    if hidden == 0 || out.format == MessageFormat::Json {
        return;
    }
    let msg = match out.lang {
        Lang::Zh => format!("{}：另有 {hidden} 条诊断未显示", file.name),
        Lang::En => format!("{}: {hidden} more diagnostics not shown", file.name),
    };
    let _ = writeln!(sink, "{msg}");
}

fn summary(out: &Out, (errors, warnings): (usize, usize)) {
    if out.format != MessageFormat::Human || (errors == 0 && warnings == 0) {
        return;
    }
    let msg = match out.lang {
        Lang::Zh => format!("共 {errors} 个错误，{warnings} 个警告"),
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    };
    errln!("{msg}");
}

/// Read and compile one file, printing its diagnostics to `sink`. A file
/// that cannot be read gives its (exit code, errors, warnings) instead.
fn compile_reported(
    path: &Path,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<crate::Compiled, (i32, usize, usize)> {
    let file =
        read_to(path, encoding, out, sink).map_err(|c| (c, usize::from(c == EXIT_ERRORS), 0))?;
    let compiled = compile(&file);
    print_diags_to(&compiled.diagnostics, &file, out, sink);
    print_hidden_to(compiled.hidden, &file, out, sink);
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

fn usage_error(out: &Out, zh: String, en: String) -> i32 {
    errln!(
        "{}",
        match out.lang {
            Lang::Zh => format!("错误：{zh}"),
            Lang::En => format!("error: {en}"),
        }
    );
    EXIT_USAGE
}

fn explain(code: &str, lang: Lang) -> i32 {
    match catalogue::entry(code) {
        Some(e) => {
            let (title, text) = match lang {
                Lang::Zh => (e.title.0, e.explain.0),
                Lang::En => (e.title.1, e.explain.1),
            };
            outln!("{}: {}\n\n{}", e.code, title, text);
            EXIT_OK
        }
        None => {
            let msg = match lang {
                Lang::Zh => format!("错误：没有诊断代码 {code}"),
                Lang::En => format!("error: no diagnostic code {code}"),
            };
            errln!("{msg}");
            EXIT_USAGE
        }
    }
}
