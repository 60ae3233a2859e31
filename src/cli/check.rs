//! `jixiao check`: many files, one worker per core, each file's
//! diagnostics together.

use super::batch;
use super::input::compile_reported;
use super::output::{finish_batch, Out, EXIT_ERRORS, EXIT_OK};
use jixiao::source::Encoding;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Check every file; the exit code is the worst of theirs.
pub(super) fn check(files: &[PathBuf], encoding: Encoding, out: &Out, deny_warnings: bool) -> i32 {
    let results = batch::run_ordered(files.len(), batch::jobs(), |i, sink| {
        check_one(&files[i], encoding, out, deny_warnings, sink)
    });
    finish_batch(out, &results)
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
