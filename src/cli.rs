//! The command line: argument parsing and the commands, over the library.

use crate::diag::{self, catalogue, ColorChoice, Diagnostic, Lang};
use crate::source::{DecodeError, Encoding, SourceFile};
use crate::{compile, emit};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

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
    fn render(self, sheet: &crate::model::Sheet) -> Vec<u8> {
        match self {
            Format::Json => emit::json::to_string(sheet).into_bytes(),
            Format::Html => emit::html::to_string(sheet).into_bytes(),
            Format::Docx => emit::docx::to_bytes(sheet),
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
            let mut code = EXIT_OK;
            let mut totals = (0, 0);
            for f in &files {
                let c = check_one(f, encoding, &out, deny_warnings, &mut totals);
                code = code.max(c);
            }
            summary(&out, totals);
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
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let msg = match out.lang {
                Lang::Zh => format!("错误：无法读取 {name}：{e}"),
                Lang::En => format!("error: cannot read {name}: {e}"),
            };
            eprintln!("{msg}");
            return Err(EXIT_USAGE);
        }
    };
    match SourceFile::decode(name.clone(), &bytes, encoding) {
        Ok(f) => Ok(f),
        Err(err) => {
            let d = decode_diagnostic(err, &bytes);
            // The text cannot be shown; report against an empty file of the same name.
            let empty = SourceFile::new(name, "");
            print_diags(&[d], &empty, out);
            Err(EXIT_ERRORS)
        }
    }
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
        .then(|| diag::HumanRenderer::new(file, out.lang, out.color));
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
fn print_hidden(hidden: usize, file: &SourceFile, out: &Out) {
    if hidden == 0 || out.format == MessageFormat::Json {
        return;
    }
    let msg = match out.lang {
        Lang::Zh => format!("{}：另有 {hidden} 条诊断未显示", file.name),
        Lang::En => format!("{}: {hidden} more diagnostics not shown", file.name),
    };
    eprintln!("{msg}");
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
    eprintln!("{msg}");
}

fn check_one(
    path: &Path,
    encoding: Encoding,
    out: &Out,
    deny_warnings: bool,
    totals: &mut (usize, usize),
) -> i32 {
    let file = match read(path, encoding, out) {
        Ok(f) => f,
        Err(code) => {
            if code == EXIT_ERRORS {
                totals.0 += 1;
            }
            return code;
        }
    };
    let compiled = compile(&file);
    print_diags(&compiled.diagnostics, &file, out);
    print_hidden(compiled.hidden, &file, out);
    let (errors, warnings) = (compiled.errors, compiled.warnings);
    totals.0 += errors;
    totals.1 += warnings;
    if errors > 0 || (deny_warnings && warnings > 0) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

fn usage_error(out: &Out, zh: String, en: String) -> i32 {
    eprintln!(
        "{}",
        match out.lang {
            Lang::Zh => format!("错误：{zh}"),
            Lang::En => format!("error: {en}"),
        }
    );
    EXIT_USAGE
}

/// `build FILE -o PATH` writes one format to one file (or stdout);
/// `build FILE... -o DIR` writes every format (or the one asked) of each file
/// into DIR. A file with errors writes nothing; the others are still built.
fn build(
    paths: &[PathBuf],
    format: Option<Format>,
    output: &Path,
    encoding: Encoding,
    out: &Out,
    deny_warnings: bool,
) -> i32 {
    let to_stdout = output == Path::new("-");
    let to_dir = !to_stdout && (paths.len() > 1 || output.is_dir());
    if !to_dir && format.is_none() && paths.len() == 1 {
        // One file to one path: the format from the extension, else JSON.
        let guessed = Format::ALL
            .into_iter()
            .find(|f| output.extension().is_some_and(|e| e == f.extension()));
        return build(
            paths,
            Some(guessed.unwrap_or(Format::Json)),
            output,
            encoding,
            out,
            deny_warnings,
        );
    }
    if to_stdout && paths.len() > 1 {
        return usage_error(
            out,
            "多个文件只能输出到目录（-o 目录）".into(),
            "several files need an output folder (-o DIR)".into(),
        );
    }
    if to_stdout && format == Some(Format::Docx) {
        return usage_error(
            out,
            "docx 不能写到标准输出，请用 -o 文件名.docx".into(),
            "docx cannot go to standard output; use -o NAME.docx".into(),
        );
    }
    // Every output path, decided before anything is written.
    let formats: Vec<Format> = match format {
        Some(f) => vec![f],
        None => Format::ALL.to_vec(),
    };
    let mut plan: Vec<(&PathBuf, Vec<(Format, PathBuf)>)> = Vec::new();
    for path in paths {
        let targets = if to_dir {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            formats
                .iter()
                .map(|f| (*f, output.join(format!("{stem}.{}", f.extension()))))
                .collect()
        } else {
            vec![(formats[0], output.to_path_buf())]
        };
        plan.push((path, targets));
    }
    let mut seen: Vec<&PathBuf> = Vec::new();
    for (_, targets) in &plan {
        for (_, t) in targets {
            if paths.iter().any(|p| same_file(p, t)) {
                return usage_error(
                    out,
                    format!("输出路径 {} 就是输入文件", t.display()),
                    format!("the output path {} is an input file", t.display()),
                );
            }
            if seen.contains(&t) {
                return usage_error(
                    out,
                    format!("两个输入会写到同一个输出 {}", t.display()),
                    format!("two inputs would write the same output {}", t.display()),
                );
            }
            seen.push(t);
        }
    }
    if to_dir && !output.is_dir() {
        if let Err(e) = std::fs::create_dir_all(output) {
            return usage_error(
                out,
                format!("无法创建目录 {}：{e}", output.display()),
                format!("cannot create folder {}: {e}", output.display()),
            );
        }
    }
    let mut totals = (0, 0);
    let mut code = EXIT_OK;
    for (path, targets) in &plan {
        let file = match read(path, encoding, out) {
            Ok(f) => f,
            Err(c) => {
                code = code.max(c);
                continue;
            }
        };
        let compiled = compile(&file);
        print_diags(&compiled.diagnostics, &file, out);
        print_hidden(compiled.hidden, &file, out);
        totals.0 += compiled.errors;
        totals.1 += compiled.warnings;
        let failed = compiled.errors > 0 || (deny_warnings && compiled.warnings > 0);
        let sheet = match (&compiled.sheet, failed) {
            (Some(s), false) => s,
            _ => {
                code = code.max(EXIT_ERRORS);
                continue;
            }
        };
        for (format, target) in targets {
            let bytes = format.render(sheet);
            let written = if to_stdout {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(&bytes).and_then(|_| stdout.flush())
            } else {
                emit::write_atomic(target, &bytes)
            };
            if let Err(e) = written {
                code = code.max(usage_error(
                    out,
                    format!("无法写入 {}：{e}", target.display()),
                    format!("cannot write {}: {e}", target.display()),
                ));
            }
        }
    }
    summary(out, totals);
    code
}

/// The same file, even when spelt differently (`a.jx` and `./a.jx`).
fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn explain(code: &str, lang: Lang) -> i32 {
    match catalogue::entry(code) {
        Some(e) => {
            let (title, text) = match lang {
                Lang::Zh => (e.title.0, e.explain.0),
                Lang::En => (e.title.1, e.explain.1),
            };
            println!("{}: {}\n\n{}", e.code, title, text);
            EXIT_OK
        }
        None => {
            let msg = match lang {
                Lang::Zh => format!("错误：没有诊断代码 {code}"),
                Lang::En => format!("error: no diagnostic code {code}"),
            };
            eprintln!("{msg}");
            EXIT_USAGE
        }
    }
}

fn fmt_one(
    path: &Path,
    check: bool,
    opts: &crate::fmt::Options,
    encoding: Encoding,
    out: &Out,
) -> i32 {
    let stdin = path == Path::new("-");
    let file = if stdin {
        let mut bytes = Vec::new();
        if std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).is_err() {
            return EXIT_USAGE;
        }
        match SourceFile::decode("<stdin>", &bytes, encoding) {
            Ok(f) => f,
            Err(err) => {
                let d = decode_diagnostic(err, &bytes);
                print_diags(&[d], &SourceFile::new("<stdin>", ""), out);
                return EXIT_ERRORS;
            }
        }
    } else {
        match read(path, encoding, out) {
            Ok(f) => f,
            Err(code) => return code,
        }
    };
    // The formatter sees the text as decoded, BOM included, so it can keep it.
    let original = if file.had_bom {
        format!("\u{FEFF}{}", file.text)
    } else {
        file.text.clone()
    };
    let formatted = match crate::fmt::format(&original, opts) {
        Ok(f) => f,
        Err(diags) => {
            print_diags(&diags, &file, out);
            return EXIT_ERRORS;
        }
    };
    if stdin {
        let mut stdout = std::io::stdout().lock();
        let bytes = encode(&formatted, encoding);
        return match stdout.write_all(&bytes).and_then(|_| stdout.flush()) {
            Ok(()) if check && formatted != original => EXIT_ERRORS,
            Ok(()) => EXIT_OK,
            Err(_) => EXIT_USAGE,
        };
    }
    if formatted == original {
        return EXIT_OK;
    }
    if check {
        let msg = match out.lang {
            Lang::Zh => format!("{} 未按规范格式排版", path.display()),
            Lang::En => format!("{} is not formatted", path.display()),
        };
        eprintln!("{msg}");
        let name = path.display().to_string();
        let diff = similar::TextDiff::from_lines(&original, &formatted);
        print!(
            "{}",
            diff.unified_diff()
                .context_radius(2)
                .header(&name, &format!("{name} (formatted)"))
        );
        return EXIT_ERRORS;
    }
    match emit::write_atomic(path, &encode(&formatted, encoding)) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let msg = match out.lang {
                Lang::Zh => format!("错误：无法写入 {}：{e}", path.display()),
                Lang::En => format!("error: cannot write {}: {e}", path.display()),
            };
            eprintln!("{msg}");
            EXIT_USAGE
        }
    }
}

/// Text back to bytes in the encoding it was read with.
fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}

/// One side of a diff: a path to read and the name to show for it.
struct Side<'a> {
    path: &'a str,
    name: String,
}

fn diff_cmd(
    args: &[String],
    format: DiffFormat,
    output: Option<&Path>,
    color: ColorArg,
    encoding: Encoding,
    out: &Out,
) -> i32 {
    let (git, old, new, header) = match args {
        [old, new] => (
            false,
            Side {
                path: old,
                name: old.clone(),
            },
            Side {
                path: new,
                name: new.clone(),
            },
            None,
        ),
        [path, old_file, _, _, new_file, _, _] => (
            true,
            Side {
                path: old_file,
                name: format!("a/{path}"),
            },
            Side {
                path: new_file,
                name: format!("b/{path}"),
            },
            Some(format!("diff --jixiao a/{path} b/{path}\n")),
        ),
        [path, old_file, _, _, new_file, _, _, new_path, message] => (
            true,
            Side {
                path: old_file,
                name: format!("a/{path}"),
            },
            Side {
                path: new_file,
                name: format!("b/{new_path}"),
            },
            Some(format!(
                "diff --jixiao a/{path} b/{new_path}\n{}\n",
                message.trim_end()
            )),
        ),
        [path] => {
            println!("{path}: unmerged");
            return EXIT_OK;
        }
        _ => {
            let msg = match out.lang {
                Lang::Zh => "错误：diff 需要两个文件 OLD NEW（或 git 传入的 7 个参数）",
                Lang::En => "error: diff takes two files OLD NEW (or the 7 arguments git passes)",
            };
            eprintln!("{msg}");
            return EXIT_USAGE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    if let Some(h) = &header {
        let _ = stdout.write_all(h.as_bytes());
        // Files that are not sheets: git's own diff, or a note.
        let path = args[0].as_str();
        if !path.ends_with(".jx") {
            drop(stdout);
            return git_text_diff(old.path, new.path, path);
        }
    }
    // In git mode diagnostics go to standard output: git shows it in the pager.
    let load = |side: &Side<'_>, sink: &mut dyn Write| {
        if side.path == "/dev/null" {
            return Ok(None);
        }
        load_sheet(side, encoding, out, sink)
    };
    let mut sink: Box<dyn Write> = if git {
        Box::new(std::io::stdout())
    } else {
        Box::new(std::io::stderr())
    };
    let old_sheet = load(&old, &mut *sink);
    let new_sheet = load(&new, &mut *sink);
    let (old_sheet, new_sheet) = match (old_sheet, new_sheet) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(a), Err(b)) => {
            return if git {
                git_status(a.max(b))
            } else {
                a.max(b).max(EXIT_USAGE)
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            return if git {
                git_status(e)
            } else {
                e.max(EXIT_USAGE)
            }
        }
    };
    let (old_sheet, new_sheet) = match (old_sheet, new_sheet) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) => {
            let b = crate::diff::empty_like(&a);
            (a, b)
        }
        (None, Some(b)) => (crate::diff::empty_like(&b), b),
        (None, None) => return EXIT_OK,
    };
    let d = crate::diff::diff(&old_sheet, &new_sheet);
    let color = match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            output.is_none()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let text = match format {
        DiffFormat::Text => crate::diff::render_text(&d, color, out.lang),
        DiffFormat::Json => crate::diff::render_json(&d),
        DiffFormat::Html => crate::diff::render_html(&d, &old_sheet, &new_sheet),
    };
    let written = match output {
        Some(path) if path != Path::new("-") => emit::write_atomic(path, text.as_bytes()),
        _ => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
        }
    };
    if written.is_err() {
        return EXIT_USAGE;
    }
    match (git, d.is_empty()) {
        (true, _) => EXIT_OK,
        (false, true) => EXIT_OK,
        (false, false) => EXIT_ERRORS,
    }
}

/// git treats any non-zero status of a diff driver as a crash: report only
/// unreadable files as trouble.
fn git_status(code: i32) -> i32 {
    if code == EXIT_USAGE {
        EXIT_USAGE
    } else {
        EXIT_OK
    }
}

/// Read and check one side; errors are printed to `sink`.
fn load_sheet(
    side: &Side<'_>,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<Option<crate::model::Sheet>, i32> {
    let bytes = match std::fs::read(side.path) {
        Ok(b) => b,
        Err(e) => {
            let msg = match out.lang {
                Lang::Zh => format!("错误：无法读取 {}：{e}", side.name),
                Lang::En => format!("error: cannot read {}: {e}", side.name),
            };
            eprintln!("{msg}");
            return Err(EXIT_USAGE);
        }
    };
    let file = match SourceFile::decode(side.name.clone(), &bytes, encoding) {
        Ok(f) => f,
        Err(err) => {
            let empty = SourceFile::new(side.name.clone(), "");
            print_diags_to(&[decode_diagnostic(err, &bytes)], &empty, out, sink);
            return Err(EXIT_ERRORS);
        }
    };
    let compiled = compile(&file);
    if compiled.has_errors() {
        print_diags_to(&compiled.diagnostics, &file, out, sink);
        return Err(EXIT_ERRORS);
    }
    Ok(compiled.sheet)
}

/// The plain text diff of two files that are not sheets, through git.
fn git_text_diff(old: &str, new: &str, path: &str) -> i32 {
    let status = std::process::Command::new("git")
        .args(["diff", "--no-index", "--no-ext-diff", "--", old, new])
        .status();
    if status.is_err() {
        println!("{path}: not a jixiao sheet");
    }
    EXIT_OK
}
