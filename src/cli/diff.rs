//! `jixiao diff`: two sheets, or the arguments git passes to a diff driver.

use super::args::{ColorArg, DiffFormat};
use super::build;
use super::input::{decode_diagnostic, read_bounded, too_large};
use super::messages;
use super::output::{
    errln, outln, print_diags_to, usage_error, Out, EXIT_ERRORS, EXIT_OK, EXIT_USAGE,
};
use jixiao::diag::Lang;
use jixiao::emit;
use jixiao::source::{Encoding, SourceFile};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// One side of a diff: a path to read and the name to show for it.
struct Side<'a> {
    path: &'a str,
    name: String,
}

pub(super) fn diff_cmd(
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
        [path, old_file, _, _, new_file, _, _] => git_sides(path, old_file, new_file, path, None),
        [path, old_file, _, _, new_file, _, _, new_path, message] => {
            git_sides(path, old_file, new_file, new_path, Some(message))
        }
        // git calls its external diff with one path for an unmerged file,
        // and sets GIT_DIFF_PATH_TOTAL; typed by hand, one file is a
        // usage error.
        [path] if std::env::var_os("GIT_DIFF_PATH_TOTAL").is_some() => {
            outln!("{}", messages::unmerged(path));
            return EXIT_OK;
        }
        _ => {
            return usage_error(messages::diff_arity(out.lang));
        }
    };
    // A sheet against its self-evaluation or monitoring form: which
    // targets were met (docs/evaluation.md).
    if !git && is_evaluation(old.path) {
        return usage_error(messages::diff_form_first(out.lang, old.path));
    }
    if !git && is_evaluation(new.path) {
        return attainment_cmd(&old, &new, format, output, encoding, out);
    }
    let mut stdout = std::io::stdout().lock();
    if let Some(h) = &header {
        let _ = stdout.write_all(h.as_bytes());
        // Files that are not sheets: git's own diff, or a note.
        let path = args[0].as_str();
        if !path.ends_with(".jx") {
            drop(stdout);
            return git_text_diff(old.path, new.path, path, out.lang);
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
            let b = jixiao::diff::empty_like(&a);
            (a, b)
        }
        (None, Some(b)) => (jixiao::diff::empty_like(&b), b),
        (None, None) => return EXIT_OK,
    };
    let d = jixiao::diff::diff(&old_sheet, &new_sheet);
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
        DiffFormat::Text => jixiao::diff::render_text(&d, color, out.lang),
        DiffFormat::Json => jixiao::diff::render_json(&d),
        DiffFormat::Html => jixiao::diff::render_html(&d, &old_sheet, &new_sheet),
    };
    let written = write_text(&text, output, [old.path, new.path], out);
    if let Err(code) = written {
        return code;
    }
    match (git, d.is_empty()) {
        (true, _) => EXIT_OK,
        (false, true) => EXIT_OK,
        (false, false) => EXIT_ERRORS,
    }
}

/// Write a diff's text to `output` (never onto one of the two inputs), or
/// to standard output for none or `-`; the exit code of a failure.
fn write_text(text: &str, output: Option<&Path>, inputs: [&str; 2], out: &Out) -> Result<(), i32> {
    match output.filter(|o| *o != Path::new("-")) {
        Some(path) => {
            if build::InputSet::new(inputs.map(Path::new)).holds(path) {
                return Err(usage_error(messages::output_is_input(
                    out.lang,
                    path.display(),
                )));
            }
            emit::write_atomic(path, text.as_bytes())
                .map_err(|e| usage_error(messages::cannot_write(out.lang, path.display(), &e)))
        }
        // A closed standard output (a pager quit) is no news to the user.
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
                .map_err(|_| EXIT_USAGE)
        }
    }
}

/// The two sides git passes to a diff driver, named by their repository
/// paths, and the header line (with the rename message, if any).
fn git_sides<'a>(
    path: &str,
    old_file: &'a str,
    new_file: &'a str,
    new_path: &str,
    message: Option<&str>,
) -> (bool, Side<'a>, Side<'a>, Option<String>) {
    let mut header = format!("diff --jixiao a/{path} b/{new_path}\n");
    if let Some(m) = message {
        header.push_str(m.trim_end());
        header.push('\n');
    }
    (
        true,
        Side {
            path: old_file,
            name: format!("a/{path}"),
        },
        Side {
            path: new_file,
            name: format!("b/{new_path}"),
        },
        Some(header),
    )
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

/// Whether the file at `path` is a self-evaluation or monitoring form.
fn is_evaluation(path: &str) -> bool {
    std::fs::File::open(path)
        .and_then(read_bounded)
        .ok()
        .and_then(Result::ok)
        .and_then(|b| String::from_utf8(b).ok())
        .is_some_and(|t| jixiao::document_kind(&t) != jixiao::DocumentKind::Sheet)
}

/// `jixiao diff SHEET FORM`: the sheet's targets with what the form says
/// they reached. Exit 0 when every evaluated target was met, 1 otherwise.
fn attainment_cmd(
    old: &Side<'_>,
    new: &Side<'_>,
    format: DiffFormat,
    output: Option<&Path>,
    encoding: Encoding,
    out: &Out,
) -> i32 {
    let mut sink = std::io::stderr();
    let sheet = match load(old, encoding, out, &mut sink) {
        Ok(c) => c.sheet,
        Err(e) => return e.max(EXIT_USAGE),
    };
    let form = match load(new, encoding, out, &mut sink) {
        Ok(c) => c.evaluation,
        Err(e) => return e.max(EXIT_USAGE),
    };
    let (Some(sheet), Some(form)) = (sheet, form) else {
        return usage_error(messages::diff_arity(out.lang));
    };
    // A form compared with another year's sheet: said, then compared.
    if sheet.department.year != form.year {
        errln!(
            "{}",
            messages::diff_years_differ(out.lang, form.year, sheet.department.year)
        );
    }
    let a = jixiao::diff::attainment(&sheet, &form);
    let text = match format {
        DiffFormat::Json => jixiao::diff::render_attainment_json(&a),
        DiffFormat::Html => jixiao::diff::render_attainment_html(&a),
        DiffFormat::Text => jixiao::diff::render_attainment_text(&a, out.lang == Lang::Zh),
    };
    let written = write_text(&text, output, [old.path, new.path], out);
    match written {
        Err(code) => code,
        Ok(()) if a.counts.short == 0 => EXIT_OK,
        Ok(()) => EXIT_ERRORS,
    }
}

/// Read and check one side; errors are printed to `sink`.
fn load_sheet(
    side: &Side<'_>,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<Option<jixiao::model::Sheet>, i32> {
    load(side, encoding, out, sink).map(|c| c.sheet)
}

/// Read and check one side of any kind (a form reads the sheet it names
/// beside it); errors are printed to `sink`.
fn load(
    side: &Side<'_>,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<jixiao::Compiled, i32> {
    if std::fs::metadata(side.path).is_ok_and(|m| !m.is_file()) {
        errln!("{}", messages::not_a_regular_file(out.lang, &side.name));
        return Err(EXIT_USAGE);
    }
    if let Some(d) = too_large(Path::new(side.path)) {
        print_diags_to(&[d], &SourceFile::new(side.name.clone(), ""), out, sink);
        return Err(EXIT_ERRORS);
    }
    let bytes = match std::fs::File::open(side.path).and_then(read_bounded) {
        Ok(Ok(b)) => b,
        Ok(Err(len)) => {
            let d = jixiao::diag::catalogue::input_too_large(len, jixiao::syntax::MAX_INPUT_BYTES);
            print_diags_to(&[d], &SourceFile::new(side.name.clone(), ""), out, sink);
            return Err(EXIT_ERRORS);
        }
        Err(e) => {
            errln!("{}", messages::cannot_read(out.lang, &side.name, &e));
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
    let loader = jixiao::FsLoader::beside(Path::new(side.path));
    let compiled = jixiao::compile_document(&file, &loader);
    if compiled.has_errors() {
        print_diags_to(&compiled.diagnostics, &file, out, sink);
        return Err(EXIT_ERRORS);
    }
    Ok(compiled)
}

/// The plain text diff of two files that are not sheets, through git.
fn git_text_diff(old: &str, new: &str, path: &str, lang: Lang) -> i32 {
    let status = std::process::Command::new("git")
        .args(["diff", "--no-index", "--no-ext-diff", "--", old, new])
        .status();
    if status.is_err() {
        outln!("{}", messages::not_a_sheet(lang, path));
    }
    EXIT_OK
}
