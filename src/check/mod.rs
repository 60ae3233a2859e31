//! The checker: resolves the syntax tree into the typed model and runs every
//! semantic rule, collecting all diagnostics of the file in one pass.

mod args;
mod budget;
mod indicator;
mod plan;
mod sheet;

use crate::diag::{catalogue as cat, Diagnostic};
use crate::lang::keywords::Kw;
use crate::model::Sheet;
use crate::syntax::{self, Item, SyntaxTree, TopLevel};

/// Check a parsed file. The model is returned when the sheet is complete
/// enough to build one, even if it drew errors (the caller decides what to do
/// with errors); `None` when essential parts are missing.
pub fn check(tree: SyntaxTree<'_>, src: &str) -> (Option<Sheet>, Vec<Diagnostic>) {
    let mut cx = sheet::Checker::new(src);
    let sheet = cx.sheet(tree);
    (sheet, cx.diags)
}

/// A file parsed and checked.
pub struct Outcome {
    pub sheet: Option<Sheet>,
    /// The syntax diagnostics, then the checker's.
    pub diagnostics: Vec<Diagnostic>,
    /// The input was refused outright (too large, nested too deeply).
    pub refused: bool,
}

/// Parse and check a file. A sheet whose department and unit definitions
/// come before its projects (as they do) is checked one top-level item at a
/// time as it is read, each item's tree dropped once checked: a large sheet
/// never holds its whole tree. Other files (and any file with a lost brace,
/// which the parser repairs over the whole tree) are parsed whole first. Both
/// ways give the same outcome.
pub fn check_source(src: &str) -> Outcome {
    streaming(src).unwrap_or_else(|| whole(src))
}

/// Parse the whole tree, then check it.
pub fn whole(src: &str) -> Outcome {
    let (tree, mut diagnostics, refused) = syntax::parse_or_refuse(src);
    let mut sheet = None;
    if !refused {
        let (s, more) = check(tree, src);
        sheet = s;
        diagnostics.extend(more);
    }
    Outcome {
        sheet,
        diagnostics,
        refused,
    }
}

/// Check item by item as the file is read; `None` when the file needs to be
/// parsed whole (see `check_source`).
pub fn streaming(src: &str) -> Option<Outcome> {
    if src.len() > syntax::MAX_INPUT_BYTES {
        return None;
    }
    let mut syntax_diags = Vec::new();
    let mut cx = sheet::Checker::new(src);
    let mut top = sheet::Top::default();
    let mut top_level = TopLevel::new(src);
    let mut in_second_pass = false;
    loop {
        let seen = syntax_diags.len();
        let Some(item) = top_level.next_item(&mut syntax_diags) else {
            break;
        };
        let item = match item {
            Ok(item) => item,
            Err(open) => {
                return Some(Outcome {
                    sheet: None,
                    diagnostics: vec![cat::nesting_too_deep(open, syntax::MAX_DEPTH)],
                    refused: true,
                })
            }
        };
        // A lost brace: the repairs need the whole tree.
        if matches!(item, Item::StrayClose(_))
            || syntax_diags[seen..]
                .iter()
                .any(|d| d.code == crate::diag::Code::E003)
        {
            return None;
        }
        let kw = cx.top_first(&mut top, &item);
        let Item::Stmt(stmt) = item else {
            continue;
        };
        match kw {
            Some(kw @ (Kw::Overall | Kw::Project)) => {
                if !in_second_pass {
                    // Everything the second pass needs must be known by now.
                    top.dept_span?;
                    cx.top_department_known(&top);
                    in_second_pass = true;
                }
                cx.top_second(&mut top, &stmt, kw);
            }
            // Read in the first pass: after a project, the file must be
            // checked whole.
            Some(Kw::Department | Kw::DefineUnit) if in_second_pass => return None,
            _ => {}
        }
    }
    if !in_second_pass {
        cx.top_department_known(&top);
    }
    let sheet = cx.top_finish(top);
    syntax_diags.append(&mut cx.diags);
    Some(Outcome {
        sheet,
        diagnostics: syntax_diags,
        refused: false,
    })
}
