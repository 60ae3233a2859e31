//! `jixiao build`: one file to one output, or many files into a folder.

use super::args::Format;
use super::batch;
use super::input::compile_reported;
use super::messages;
use super::output::{finish_batch, usage_error, Out, EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use jixiao::emit;
use jixiao::source::Encoding;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `build FILE -o PATH` writes one format to one file (or stdout);
/// `build FILE... -o DIR` writes every format (or the one asked) of each file
/// into DIR. A file with errors writes nothing; the others are still built.
pub(super) fn build(
    paths: &[PathBuf],
    format: Option<Format>,
    output: &Path,
    encoding: Encoding,
    out: &Out,
    deny_warnings: bool,
    jobs: Option<usize>,
) -> i32 {
    let to_stdout = output == Path::new("-");
    // A folder: several inputs, an existing folder, or a path ending in `/`.
    let to_dir = !to_stdout
        && (paths.len() > 1
            || output.is_dir()
            || output
                .as_os_str()
                .to_string_lossy()
                .ends_with(std::path::MAIN_SEPARATOR));
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
            jobs,
        );
    }
    if to_stdout && paths.len() > 1 {
        return usage_error(messages::several_files_need_folder(out.lang));
    }
    if let Some(f) = format.filter(|f| to_stdout && f.is_binary()) {
        return usage_error(messages::binary_not_to_stdout(out.lang, f.extension()));
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
    // Each path resolved once (a batch of 300 files compared every output
    // with every input: 2 million system calls).
    let inputs = InputSet::new(paths.iter().map(PathBuf::as_path));
    let mut seen: std::collections::BTreeSet<&PathBuf> = std::collections::BTreeSet::new();
    for (_, targets) in &plan {
        for (_, t) in targets {
            if inputs.holds(t) {
                return usage_error(messages::output_is_input(out.lang, t.display()));
            }
            if !seen.insert(t) {
                return usage_error(messages::same_output_twice(out.lang, t.display()));
            }
        }
    }
    if to_dir && !output.is_dir() {
        if let Err(e) = std::fs::create_dir_all(output) {
            return usage_error(messages::cannot_create_folder(
                out.lang,
                output.display(),
                &e,
            ));
        }
    }
    // One worker per core, each file whole: its diagnostics, then its outputs.
    let jobs = if to_stdout { 1 } else { batch::jobs(jobs) };
    let results = batch::run_ordered(plan.len(), jobs, |i, sink| {
        let (path, targets) = &plan[i];
        build_one(path, targets, to_stdout, encoding, out, deny_warnings, sink)
    });
    finish_batch(out, &results)
}

/// Compile one file and write its outputs; nothing is written when it has
/// errors. Returns the exit code, errors and warnings.
fn build_one(
    path: &Path,
    targets: &[(Format, PathBuf)],
    to_stdout: bool,
    encoding: Encoding,
    out: &Out,
    deny_warnings: bool,
    sink: &mut dyn Write,
) -> (i32, usize, usize) {
    let compiled = match compile_reported(path, None, encoding, out, sink) {
        Ok(c) => c,
        Err(result) => return result,
    };
    let counts = (compiled.errors, compiled.warnings);
    let failed = compiled.errors > 0 || (deny_warnings && compiled.warnings > 0);
    if let Some(evaluation) = &compiled.evaluation {
        if failed {
            return (EXIT_ERRORS, counts.0, counts.1);
        }
        return build_evaluation(evaluation, targets, to_stdout, out, sink, counts);
    }
    let sheet = match (&compiled.sheet, failed) {
        (Some(s), false) => s,
        _ => return (EXIT_ERRORS, counts.0, counts.1),
    };
    let mut code = EXIT_OK;
    for (format, target) in targets {
        let written = match (to_stdout, format) {
            (true, _) => {
                let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
                let r = match format {
                    Format::Json => emit::json::write(sheet, &mut stdout),
                    Format::Html => emit::html::write(sheet, &mut stdout),
                    // Not reached: docx and xlsx to stdout are refused up front.
                    Format::Docx => stdout.write_all(&emit::docx::to_bytes(sheet)),
                    Format::Xlsx => emit::xlsx::to_bytes(sheet).and_then(|b| stdout.write_all(&b)),
                };
                r.and_then(|_| stdout.flush())
            }
            (false, Format::Json) => {
                emit::write_atomic_with(target, |w| emit::json::write(sheet, w))
            }
            (false, Format::Html) => {
                emit::write_atomic_with(target, |w| emit::html::write(sheet, w))
            }
            (false, Format::Docx) => emit::write_atomic_file(target, |f| {
                emit::docx::write(sheet, std::io::BufWriter::new(f))
            }),
            (false, Format::Xlsx) => emit::write_atomic_file(target, |f| {
                let mut w = std::io::BufWriter::new(f);
                emit::xlsx::write(sheet, &mut w)?;
                w.flush()
            }),
        };
        if let Err(e) = written {
            let msg = messages::cannot_write(out.lang, target.display(), &e);
            let _ = writeln!(sink, "{msg}");
            code = EXIT_USAGE;
        }
    }
    (code, counts.0, counts.1)
}

/// Write a self-evaluation or monitoring form: JSON, the official tables as
/// HTML and Word, the 一体化 import rows as Excel (docs/evaluation.md).
fn build_evaluation(
    evaluation: &jixiao::model::Evaluation,
    targets: &[(Format, PathBuf)],
    to_stdout: bool,
    out: &Out,
    sink: &mut dyn Write,
    counts: (usize, usize),
) -> (i32, usize, usize) {
    let mut code = EXIT_OK;
    for (format, target) in targets {
        let written = if to_stdout {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            let r = match format {
                Format::Json => emit::json::write_evaluation(evaluation, &mut stdout),
                Format::Html => emit::html::write_evaluation(evaluation, &mut stdout),
                // Not reached: docx and xlsx to stdout are refused up front.
                Format::Docx => stdout.write_all(&emit::docx::evaluation_to_bytes(evaluation)),
                Format::Xlsx => {
                    emit::xlsx::evaluation_to_bytes(evaluation).and_then(|b| stdout.write_all(&b))
                }
            };
            r.and_then(|_| stdout.flush())
        } else {
            match format {
                Format::Json => {
                    emit::write_atomic_with(target, |w| emit::json::write_evaluation(evaluation, w))
                }
                Format::Html => {
                    emit::write_atomic_with(target, |w| emit::html::write_evaluation(evaluation, w))
                }
                Format::Docx => emit::write_atomic_file(target, |f| {
                    emit::docx::write_evaluation(evaluation, std::io::BufWriter::new(f))
                }),
                Format::Xlsx => emit::write_atomic_file(target, |f| {
                    let mut w = std::io::BufWriter::new(f);
                    emit::xlsx::write_evaluation(evaluation, &mut w)?;
                    w.flush()
                }),
            }
        };
        if let Err(e) = written {
            let msg = messages::cannot_write(out.lang, target.display(), &e);
            let _ = writeln!(sink, "{msg}");
            code = EXIT_USAGE;
        }
    }
    (code, counts.0, counts.1)
}

/// The input files, as given and resolved, to tell whether a path is one of
/// them, even spelt differently (`a.jx` and `./a.jx`), without resolving
/// them again for each path asked about.
pub(super) struct InputSet<'p> {
    given: std::collections::BTreeSet<&'p Path>,
    resolved: std::collections::BTreeSet<PathBuf>,
}

impl<'p> InputSet<'p> {
    pub(super) fn new(paths: impl IntoIterator<Item = &'p Path>) -> Self {
        let given: std::collections::BTreeSet<&Path> = paths.into_iter().collect();
        let resolved = given
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        InputSet { given, resolved }
    }

    pub(super) fn holds(&self, path: &Path) -> bool {
        self.given.contains(path)
            || std::fs::canonicalize(path).is_ok_and(|c| self.resolved.contains(&c))
    }
}
