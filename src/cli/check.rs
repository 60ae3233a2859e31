//! `jixiao check`: many files, one worker per core, each file's
//! diagnostics together; `-` is standard input.

use super::batch;
use super::input::compile_reported;
use super::messages;
use super::output::{finish_batch, Out, EXIT_ERRORS, EXIT_OK};
use jixiao::source::Encoding;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How `check` runs, besides its files.
pub(super) struct CheckOptions<'a> {
    pub encoding: Encoding,
    pub deny_warnings: bool,
    pub jobs: Option<usize>,
    /// The name standard input goes by.
    pub stdin_filename: Option<&'a str>,
}

/// Check every file; the exit code is the worst of theirs.
pub(super) fn check(files: &[PathBuf], opts: &CheckOptions, out: &Out) -> i32 {
    let stdin = opts.stdin_filename.unwrap_or(messages::STDIN_NAME);
    let results = batch::run_ordered(files.len(), batch::jobs(opts.jobs), |i, sink| {
        check_one(&files[i], stdin, opts, out, sink)
    });
    finish_batch(out, &results)
}

/// Check one file; returns its exit code, errors and warnings.
fn check_one(
    path: &Path,
    stdin: &str,
    opts: &CheckOptions,
    out: &Out,
    sink: &mut dyn Write,
) -> (i32, usize, usize) {
    let compiled = match compile_reported(path, Some(stdin), opts.encoding, out, sink) {
        Ok(c) => c,
        Err(result) => return result,
    };
    let (errors, warnings) = (compiled.errors, compiled.warnings);
    let code = if errors > 0 || (opts.deny_warnings && warnings > 0) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    };
    (code, errors, warnings)
}
