//! jixiao: a compiler for budget performance-target sheets (预算绩效目标表).
//!
//! Pipeline: `source` (bytes to text) → `syntax` (pest grammar, tree with
//! spans and comments) → `check` (names, units, categories, rules; builds the
//! model) → `model` (plain data) → `emit` (json, …). `diag` holds the one
//! diagnostic type every phase reports with.

pub mod check;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod fmt;
pub mod model;
pub mod source;
pub mod syntax;

use diag::Diagnostic;
use model::Sheet;
use source::SourceFile;

/// At most this many diagnostics are kept per file; the rest are counted.
pub const MAX_DIAGNOSTICS: usize = 200;

/// The result of compiling one file.
pub struct Compiled {
    pub sheet: Option<Sheet>,
    /// The diagnostics, in source order, at most `MAX_DIAGNOSTICS`.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts over all diagnostics, including those not kept.
    pub errors: usize,
    pub warnings: usize,
    /// How many diagnostics were dropped past the limit.
    pub hidden: usize,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
    /// The sheet, only when there are no errors.
    pub fn ok(&self) -> Option<&Sheet> {
        if self.has_errors() {
            None
        } else {
            self.sheet.as_ref()
        }
    }
}

/// Parse and check one file.
pub fn compile(file: &SourceFile) -> Compiled {
    let check::Outcome {
        sheet,
        mut diagnostics,
        ..
    } = check::check_source(&file.text);
    diag::sort(&mut diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let hidden = diagnostics.len().saturating_sub(MAX_DIAGNOSTICS);
    diagnostics.truncate(MAX_DIAGNOSTICS);
    Compiled {
        sheet,
        diagnostics,
        errors,
        warnings,
        hidden,
    }
}
