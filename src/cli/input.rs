//! Reading the input files: decoding, the size limit, and compiling a file
//! with its diagnostics printed.

use super::messages;
use super::output::{print_diags_to, print_hidden_to, Out, EXIT_ERRORS, EXIT_USAGE};
use jixiao::diag::{catalogue, Diagnostic};
use jixiao::source::{DecodeError, Encoding, SourceFile};
use std::io::Write;
use std::path::Path;

pub(super) fn read(path: &Path, encoding: Encoding, out: &Out) -> Result<SourceFile, i32> {
    read_to(path, encoding, out, &mut std::io::stderr().lock())
}

/// Read and decode a file; problems are written to `sink`.
pub(super) fn read_to(
    path: &Path,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<SourceFile, i32> {
    let name = path.display().to_string();
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let _ = writeln!(sink, "{}", messages::not_a_regular_file(out.lang, &name));
        return Err(EXIT_USAGE);
    }
    if let Some(d) = too_large(Path::new(path)) {
        print_diags_to(&[d], &SourceFile::new(name, ""), out, sink);
        return Err(EXIT_ERRORS);
    }
    // A file grown past the limit since its size was looked at is refused too.
    let read = std::fs::File::open(path).and_then(read_bounded);
    let bytes = bytes_or_report(read, &name, out, sink)?;
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

/// The bytes read through [`read_bounded`], or the reason they are not, said
/// on `sink`: past the size limit (E010, exit 1), or unreadable (exit 2).
fn bytes_or_report(
    read: std::io::Result<Result<Vec<u8>, usize>>,
    name: &str,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<Vec<u8>, i32> {
    match read {
        Ok(Ok(b)) => Ok(b),
        Ok(Err(len)) => {
            let d = catalogue::input_too_large(len, jixiao::syntax::MAX_INPUT_BYTES);
            print_diags_to(&[d], &SourceFile::new(name, ""), out, sink);
            Err(EXIT_ERRORS)
        }
        Err(e) => {
            let _ = writeln!(sink, "{}", messages::cannot_read(out.lang, name, &e));
            Err(EXIT_USAGE)
        }
    }
}

/// Everything `from` holds up to one byte past the size limit: `Err` with
/// the length read when it holds more (it is then not read further, so
/// `/dev/zero` or an endless pipe cannot exhaust memory).
pub(super) fn read_bounded(from: impl std::io::Read) -> std::io::Result<Result<Vec<u8>, usize>> {
    let max = jixiao::syntax::MAX_INPUT_BYTES;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut from.take(max as u64 + 1), &mut bytes)?;
    Ok(if bytes.len() > max {
        Err(bytes.len())
    } else {
        Ok(bytes)
    })
}

/// A file past the size limit is refused before it is read.
pub(super) fn too_large(path: &Path) -> Option<Diagnostic> {
    let len = std::fs::metadata(path).ok()?.len();
    let max = jixiao::syntax::MAX_INPUT_BYTES;
    (len > max as u64).then(|| catalogue::input_too_large(len as usize, max))
}

pub(super) fn decode_diagnostic(err: DecodeError, bytes: &[u8]) -> Diagnostic {
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

/// Standard input, read whole (up to the size limit) and decoded; it goes by
/// `name` in messages.
pub(super) fn read_stdin_to(
    name: &str,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<SourceFile, i32> {
    let bytes = bytes_or_report(read_bounded(std::io::stdin()), name, out, sink)?;
    match SourceFile::decode(name, &bytes, encoding) {
        Ok(f) => Ok(f),
        Err(err) => {
            let d = decode_diagnostic(err, &bytes);
            print_diags_to(&[d], &SourceFile::new(name, ""), out, sink);
            Err(EXIT_ERRORS)
        }
    }
}

/// Read and compile one file, printing its diagnostics to `sink`. A file
/// that cannot be read gives its (exit code, errors, warnings) instead.
/// With `stdin` (the name it goes by), the path `-` is standard input.
pub(super) fn compile_reported(
    path: &Path,
    stdin: Option<&str>,
    encoding: Encoding,
    out: &Out,
    sink: &mut dyn Write,
) -> Result<jixiao::Compiled, (i32, usize, usize)> {
    let from_stdin = stdin.filter(|_| path == Path::new("-"));
    let file = match from_stdin {
        Some(name) => read_stdin_to(name, encoding, out, sink),
        None => read_to(path, encoding, out, sink),
    };
    let file = file.map_err(|c| (c, usize::from(c == EXIT_ERRORS), 0))?;
    // A self-evaluation or monitoring form reads the sheet it names beside
    // it (beside the name given for standard input).
    let beside = from_stdin.map_or(path, |name| Path::new(name));
    let compiled = jixiao::compile_document(&file, &jixiao::FsLoader::beside(beside));
    let shown = compiled.diagnostics.len().min(out.max_shown());
    print_diags_to(&compiled.diagnostics[..shown], &file, out, sink);
    print_hidden_to(compiled.diagnostics.len() - shown, &file, out, sink);
    Ok(compiled)
}
