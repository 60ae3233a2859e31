//! `jixiao report`: a review of many sheets.

use super::output::{Out, EXIT_USAGE};
use jixiao::source::Encoding;
use std::path::{Path, PathBuf};

pub(super) fn report(
    _inputs: &[PathBuf],
    _output: &Path,
    _previous: Option<&Path>,
    _jobs: Option<usize>,
    _encoding: Encoding,
    _out: &Out,
) -> i32 {
    EXIT_USAGE
}
