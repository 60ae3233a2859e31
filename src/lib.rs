//! jixiao: a compiler for budget performance-target sheets (预算绩效目标表).
//!
//! One `.jx` file is one body's sheet for one year. The library reads it,
//! checks it and gives the typed model; the `jixiao` binary is a thin command
//! line over it, and an editor can use it the same way.
//!
//! # Entry points
//!
//! - [`analyze`]: parse and check a file, keeping the syntax tree, every
//!   diagnostic, the model and a source map from each fact to its span (what
//!   an editor needs).
//! - [`compile`]: the same outcome without the tree, reading a large sheet
//!   item by item (what the command line uses).
//! - [`compile_document`]: a sheet, or a self-evaluation or monitoring form
//!   checked against the sheet it names (read through a [`SheetLoader`]).
//! - [`check_project`]: re-check one project against a [`SheetContext`]
//!   (department, units, framework) taken from an earlier analysis;
//!   [`check_items`] and [`sheet_checks`]: re-check some top-level items
//!   and the checks across projects, for an editor.
//! - [`fmt::format`], [`emit`] (JSON, HTML, Word), [`diff::diff`],
//!   [`report`] (many sheets reviewed at once).
//!
//! # Layers
//!
//! Each module imports only those before it: `source`, `diag` → `syntax` →
//! `lang` (the vocabulary) → `fmt` (needs only the tree and the keywords) →
//! `vocabulary` (the words an editor offers, a view of `lang`) → `target` (the target reader) → `model` (the typed sheet: plain types the
//! checker fills, so the checker imports it and not the reverse) → `check` →
//! `emit` → `diff`, `import` (existing Word, Excel and HTML sheets to `.jx`,
//! which reads the vocabulary, the target reader, the syntax and the
//! formatter) → `report` (a review of many sheets, which reads the diff for
//! loosened targets). No two files import each other. The test
//! `tests/suite/layers.rs` reads the `use` paths and holds the code to this.

pub mod diag;
pub mod diff;
pub mod emit;
pub mod fmt;
pub mod import;
pub mod model;
pub mod report;
pub mod source;
pub mod syntax;
pub mod vocabulary;

mod check;
mod lang;
mod target;

pub use check::evaluation::{document_kind, DocumentKind, NoSheets, SheetLoader, Standalone};
pub use check::{
    check_items, check_project, sheet_checks, ItemsCheck, ProjectCheck, SheetContext, SHEET_CODES,
};

use diag::Diagnostic;
use model::{Evaluation, Sheet, SourceMap};
use source::SourceFile;
use syntax::SyntaxTree;

/// A file analysed: its tree, every diagnostic, the model and where the
/// model's facts stand.
pub struct Analysis<'s> {
    /// The syntax tree, comments included (empty when the input was refused).
    pub tree: SyntaxTree<'s>,
    /// Every diagnostic, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The model, when the sheet is complete enough to build one (it may
    /// still have errors: see [`Analysis::ok`]).
    pub sheet: Option<Sheet>,
    /// Spans of the model's facts, parallel to it.
    pub source_map: SourceMap,
    /// The sheet-wide facts projects are checked against, for
    /// [`check_project`].
    pub context: SheetContext,
}

impl Analysis<'_> {
    /// The sheet, only when there are no errors.
    pub fn ok(&self) -> Option<&Sheet> {
        if self.diagnostics.iter().any(Diagnostic::is_error) {
            None
        } else {
            self.sheet.as_ref()
        }
    }
}

/// Parse and check one file, keeping its tree. A self-evaluation or
/// monitoring form gets its own checks, standalone (no sheet read), and no
/// sheet model.
pub fn analyze(file: &SourceFile) -> Analysis<'_> {
    let src = file.text.as_str();
    let (tree, mut diagnostics, refused) = syntax::parse_or_refuse(src);
    // A self-evaluation or monitoring form: its own checks, standalone (an
    // editor wanting the comparison with the sheet calls compile_document).
    if !refused && document_kind(src) != DocumentKind::Sheet {
        let mut o = check::evaluation::check_evaluation_tree(&tree, src, &Standalone);
        diagnostics.append(&mut o.diagnostics);
        diag::sort(&mut diagnostics);
        return Analysis {
            tree,
            diagnostics,
            sheet: None,
            source_map: SourceMap::default(),
            context: SheetContext::default(),
        };
    }
    let outcome = if refused {
        None
    } else {
        Some(check::check_tree(&tree, src))
    };
    let (sheet, source_map, context) = match outcome {
        Some(mut o) => {
            diagnostics.append(&mut o.diagnostics);
            (o.sheet, o.source_map, o.context)
        }
        None => (None, SourceMap::default(), SheetContext::default()),
    };
    diag::sort(&mut diagnostics);
    Analysis {
        tree,
        diagnostics,
        sheet,
        source_map,
        context,
    }
}

/// The result of compiling one file.
pub struct Compiled {
    /// The model, when the sheet is complete enough to build one (it may
    /// still have errors: see [`Compiled::ok`]).
    pub sheet: Option<Sheet>,
    /// The model of a self-evaluation or monitoring form, when the file is
    /// one ([`compile_document`]); `sheet` is then `None`.
    pub evaluation: Option<Evaluation>,
    /// Spans of the model's facts, parallel to it.
    pub source_map: SourceMap,
    /// Every diagnostic, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many of the diagnostics are errors.
    pub errors: usize,
    /// How many are warnings.
    pub warnings: usize,
}

impl Compiled {
    /// Whether any diagnostic is an error.
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

/// Parse and check one file without holding its tree: a sheet whose header
/// comes first is checked one top-level item at a time as it is read.
/// Gives the same model and diagnostics as [`analyze`] (a self-evaluation or
/// monitoring form is checked standalone, as there; [`compile_document`]
/// compares it with its sheet).
pub fn compile(file: &SourceFile) -> Compiled {
    // A self-evaluation or monitoring form, standalone: as `analyze` checks it.
    if document_kind(&file.text) != DocumentKind::Sheet {
        return compile_document(file, &Standalone);
    }
    let check::Outcome {
        sheet,
        source_map,
        mut diagnostics,
        ..
    } = check::check_source(&file.text);
    diag::sort(&mut diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    Compiled {
        sheet,
        evaluation: None,
        source_map,
        diagnostics,
        errors,
        warnings,
    }
}

/// Compile a file of any kind: a target sheet as [`compile`] does, or a
/// self-evaluation or monitoring form (its first statement `evaluation` /
/// `自评` or `monitoring` / `监控`), which reads the sheet it names through
/// `loader` (docs/evaluation.md).
pub fn compile_document(file: &SourceFile, loader: &dyn SheetLoader) -> Compiled {
    if document_kind(&file.text) == DocumentKind::Sheet {
        return compile(file);
    }
    let check::evaluation::EvalOutcome {
        evaluation,
        mut diagnostics,
    } = check::evaluation::check_evaluation(&file.text, loader);
    diag::sort(&mut diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    Compiled {
        sheet: None,
        evaluation,
        source_map: SourceMap::default(),
        diagnostics,
        errors,
        warnings,
    }
}

/// Reads the sheets an evaluation names from the file system, relative to
/// a folder (the evaluation's own).
pub struct FsLoader {
    base: std::path::PathBuf,
}

impl FsLoader {
    /// Sheets relative to `folder`.
    pub fn new(folder: impl Into<std::path::PathBuf>) -> FsLoader {
        FsLoader {
            base: folder.into(),
        }
    }

    /// Sheets relative to the folder of the file at `path`.
    pub fn beside(path: &std::path::Path) -> FsLoader {
        FsLoader::new(path.parent().map(|p| p.to_path_buf()).unwrap_or_default())
    }
}

impl SheetLoader for FsLoader {
    fn load(&self, path: &str) -> Result<String, (String, String)> {
        let full = self.base.join(path);
        let meta = std::fs::metadata(&full).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ("文件不存在".to_string(), "no such file".to_string()),
            _ => (
                format!("文件无法打开（{e}）"),
                format!("the file cannot be opened ({e})"),
            ),
        })?;
        if !meta.is_file() {
            return Err(("不是普通文件".to_string(), "not a regular file".to_string()));
        }
        if meta.len() > syntax::MAX_INPUT_BYTES as u64 {
            return Err(("文件过大".to_string(), "the file is too large".to_string()));
        }
        let bytes = std::fs::read(&full).map_err(|e| {
            (
                format!("文件无法读取（{e}）"),
                format!("the file cannot be read ({e})"),
            )
        })?;
        String::from_utf8(bytes).map_err(|_| {
            (
                "文件不是 UTF-8 编码".to_string(),
                "the file is not UTF-8".to_string(),
            )
        })
    }
}
