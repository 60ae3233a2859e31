//! `jixiao fmt`: in place, `--check`, or standard input.

use super::args::KeywordsArg;
use super::input::{read, read_stdin_to};
use super::messages;
use super::output::{errln, out, print_diags, usage_error, Out, EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use jixiao::emit;
use jixiao::source::Encoding;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Format every file; the exit code is the worst of theirs.
pub(super) fn fmt(
    files: &[PathBuf],
    check: bool,
    keywords: Option<KeywordsArg>,
    encoding: Encoding,
    out: &Out,
) -> i32 {
    let opts = jixiao::fmt::Options {
        keywords: match keywords {
            None => jixiao::fmt::Keywords::Keep,
            Some(KeywordsArg::En) => jixiao::fmt::Keywords::English,
            Some(KeywordsArg::Zh) => jixiao::fmt::Keywords::Chinese,
        },
    };
    files
        .iter()
        .map(|f| fmt_one(f, check, &opts, encoding, out))
        .max()
        .unwrap_or(EXIT_OK)
}

fn fmt_one(
    path: &Path,
    check: bool,
    opts: &jixiao::fmt::Options,
    encoding: Encoding,
    out: &Out,
) -> i32 {
    let stdin = path == Path::new("-");
    // What the file was before it was read: an edit saved meanwhile is not
    // lost.
    let read_stamp = if stdin { None } else { stamp(path) };
    let file = if stdin {
        let err = &mut std::io::stderr().lock();
        match read_stdin_to(messages::STDIN_NAME, encoding, out, err) {
            Ok(f) => f,
            Err(code) => return code,
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
    let formatted = match jixiao::fmt::format(&original, opts) {
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
        errln!("{}", messages::not_formatted(out.lang, path.display()));
        let name = path.display().to_string();
        let diff = similar::TextDiff::from_lines(&original, &formatted);
        out!(
            "{}",
            diff.unified_diff()
                .context_radius(2)
                .header(&name, &messages::formatted_name(out.lang, &name))
        );
        return EXIT_ERRORS;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return usage_error(messages::read_only(out.lang, path.display()));
    }
    if stamp(path) != read_stamp {
        return usage_error(messages::changed_while_formatting(out.lang, path.display()));
    }
    match emit::write_atomic(path, &encode(&formatted, encoding)) {
        Ok(()) => EXIT_OK,
        Err(e) => usage_error(messages::cannot_write(out.lang, path.display(), &e)),
    }
}

/// The length and modification time of a file, to tell whether it changed.
fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// Text back to bytes in the encoding it was read with.
fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}
