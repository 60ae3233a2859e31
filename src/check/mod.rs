//! The checker: resolves the syntax tree into the typed model and runs every
//! semantic rule, collecting all diagnostics of the file in one pass.

mod args;
pub mod budget;
pub mod category;
mod indicator;
pub mod keywords;
mod plan;
mod sheet;
pub mod suggest;
pub mod target;
pub mod units;

use crate::diag::Diagnostic;
use crate::model::Sheet;
use crate::syntax::SyntaxTree;

/// Check a parsed file. The model is returned when the sheet is complete
/// enough to build one, even if it drew errors (the caller decides what to do
/// with errors); `None` when essential parts are missing.
pub fn check(tree: SyntaxTree<'_>, src: &str) -> (Option<Sheet>, Vec<Diagnostic>) {
    let mut cx = sheet::Checker::new(src);
    let sheet = cx.sheet(tree);
    (sheet, cx.diags)
}
