//! `jixiao report`: a review of many sheets, as one HTML page or an Excel
//! workbook. The sheets are checked on the batch path (one worker per core,
//! one file at a time), each reduced to what the report needs as soon as it
//! is checked; last year's sheets (`--previous`) first, the same way, to
//! find loosened targets.

use super::batch;
use super::build::InputSet;
use super::input::read_to;
use super::messages;
use super::output::{errln, usage_error, Out, EXIT_OK, EXIT_USAGE};
use jixiao::model::Sheet;
use jixiao::report::{self, FileEntry, Report};
use jixiao::source::Encoding;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(super) fn report(
    inputs: &[PathBuf],
    output: &Path,
    previous: Option<&Path>,
    jobs: Option<usize>,
    encoding: Encoding,
    out: &Out,
) -> i32 {
    let files = match sheets_in(inputs, out) {
        Ok(f) => f,
        Err(code) => return code,
    };
    if InputSet::new(files.iter().map(PathBuf::as_path)).holds(output) {
        return usage_error(messages::output_is_input(out.lang, output.display()));
    }
    let jobs = batch::jobs(jobs);
    // Last year's sheets, by body.
    let mut last_year: BTreeMap<String, Sheet> = BTreeMap::new();
    if let Some(dir) = previous {
        let old = match sheets_in(&[dir.to_path_buf()], out) {
            Ok(f) => f,
            Err(code) => return code,
        };
        let sheets = batch::run_ordered(old.len(), jobs, |i, sink| {
            let file = read_to(&old[i], encoding, out, sink).ok()?;
            jixiao::compile(&file).sheet
        });
        for sheet in sheets.into_iter().flatten() {
            let key = body_key(&sheet);
            last_year.entry(key).or_insert(sheet);
        }
    }
    let from = report_folder(output);
    let entries: Vec<(FileEntry, bool)> = batch::run_ordered(files.len(), jobs, |i, sink| {
        let path = &files[i];
        let name = path.display().to_string();
        let href = href(from.as_deref(), path);
        let file = match read_to(path, encoding, out, sink) {
            Ok(f) => f,
            Err(code) => {
                // Unreadable, or not text: the reason was printed; a
                // diagnostic of decoding is one finding.
                return (
                    report::unreadable_entry(&name, &href, Vec::new()),
                    code == EXIT_USAGE,
                );
            }
        };
        // A form is checked against the sheet it names, and filed under its body.
        let compiled = jixiao::compile_document(&file, &jixiao::FsLoader::beside(path));
        let previous = compiled
            .sheet
            .as_ref()
            .and_then(|s| last_year.get(&body_key(s)));
        let entry = report::file_entry(
            &name,
            &href,
            &file,
            compiled.sheet.as_ref(),
            &compiled.diagnostics,
            previous,
        );
        let mut entry = entry;
        if entry.body.is_none() {
            entry.body = compiled.evaluation.as_ref().and_then(report::Body::of_form);
        }
        (entry, false)
    });
    let io_trouble = entries.iter().any(|e| e.1);
    let report = Report::new(
        entries.into_iter().map(|e| e.0).collect(),
        previous.is_some(),
    );
    let xlsx = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let written = if xlsx {
        report::xlsx::to_bytes(&report).and_then(|b| jixiao::emit::write_atomic(output, &b))
    } else {
        jixiao::emit::write_atomic(output, report::html::render(&report).as_bytes())
    };
    if let Err(e) = written {
        return usage_error(messages::cannot_write(out.lang, output.display(), &e));
    }
    if !out.quiet {
        errln!(
            "{}",
            messages::report_written(
                out.lang,
                output.display(),
                report.files.len(),
                report.clean()
            )
        );
    }
    if io_trouble {
        EXIT_USAGE
    } else {
        EXIT_OK
    }
}

/// What a body's sheets share from year to year.
fn body_key(sheet: &Sheet) -> String {
    report::Body::of(sheet).key()
}

/// The sheets named: files as given, folders searched for `.jx` files at
/// every depth (symbolic links to folders are not followed), each sorted by
/// path; a folder without any is a usage error.
fn sheets_in(inputs: &[PathBuf], out: &Out) -> Result<Vec<PathBuf>, i32> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found);
            found.sort();
            if found.is_empty() {
                return Err(usage_error(messages::no_sheets_found(
                    out.lang,
                    input.display(),
                )));
            }
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, found),
            Ok(_) if path.extension().is_some_and(|e| e == "jx") => found.push(path),
            _ => {}
        }
    }
}

/// The folder the report is written into, resolved.
fn report_folder(output: &Path) -> Option<PathBuf> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).ok()
}

/// A link from the report's folder to `file`: a relative URL when both
/// resolve, else the path as given; each byte outside the unreserved set
/// percent-encoded.
fn href(from: Option<&Path>, file: &Path) -> String {
    let relative = from
        .zip(std::fs::canonicalize(file).ok())
        .map(|(from, to)| relative_path(from, &to));
    let path = relative.unwrap_or_else(|| file.to_path_buf());
    let parts: Vec<String> = path
        .components()
        .map(|c| encode(&c.as_os_str().to_string_lossy()))
        .collect();
    let joined = parts.join("/");
    // A root component encodes as `%2F`; an absolute path is a file URL.
    match joined.strip_prefix("%2F/") {
        Some(rest) => format!("file:///{rest}"),
        None => joined,
    }
}

/// `to` as seen from the folder `from` (both resolved): `..` up to what
/// they share, then down.
fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let (a, b): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let shared = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut path = PathBuf::new();
    for _ in shared..a.len() {
        path.push("..");
    }
    for c in &b[shared..] {
        path.push(c);
    }
    path
}

/// Percent-encoding of a path segment (RFC 3986 unreserved characters
/// kept).
fn encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_and_encoded() {
        assert_eq!(
            relative_path(Path::new("/a/b/out"), Path::new("/a/b/in/x.jx")),
            PathBuf::from("../in/x.jx")
        );
        assert_eq!(
            relative_path(Path::new("/a"), Path::new("/a/x.jx")),
            PathBuf::from("x.jx")
        );
        assert_eq!(encode("单位 1#.jx"), "%E5%8D%95%E4%BD%8D%201%23.jx");
        assert_eq!(href(None, Path::new("/tmp/a b.jx")), "file:///tmp/a%20b.jx");
        assert_eq!(href(None, Path::new("d/a.jx")), "d/a.jx");
    }
}
