//! jixiao: a compiler for budget performance-target sheets (预算绩效目标表).
//!
//! Pipeline: `source` (bytes to text) → `syntax` (pest grammar, tree with
//! spans and comments) → `check` (names, units, categories, rules; builds the
//! model) → `model` (plain data) → `emit` (json, …). `diag` holds the one
//! diagnostic type every phase reports with.

pub mod check;
pub mod cli;
pub mod diag;
pub mod emit;
pub mod model;
pub mod source;
pub mod syntax;

use diag::Diagnostic;
use model::Sheet;
use source::SourceFile;

/// The result of compiling one file.
pub struct Compiled {
    pub sheet: Option<Sheet>,
    /// Every diagnostic, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
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
    let (tree, mut diagnostics) = syntax::parse(&file.text);
    let (sheet, more) = check::check(&tree, &file.text);
    diagnostics.extend(more);
    diag::sort(&mut diagnostics);
    Compiled { sheet, diagnostics }
}
