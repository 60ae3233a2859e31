//! Self-evaluations (绩效自评) and monitoring forms (运行监控): their own
//! files, read with the sheet's statement machinery, scored by the rules of
//! `scoring`, and compared with the target sheet they name (`against`).
//!
//! Files, each importing only those above it: `scoring` → `read` →
//! `against` → this file.

mod against;
mod read;
pub mod scoring;

use super::checker::Checker;
use super::context::SheetContext;
use crate::diag::{catalogue as cat, Diagnostic};
use crate::lang::keywords::{schema, Kw, Place};
use crate::model::{Evaluation, EvaluationKind, Party, Project, Sheet, EVALUATION_FORMAT};
use crate::source::Span;
use crate::syntax::{self, Stmt};
use read::Header;

/// Where an evaluation finds the target sheet it names.
pub trait SheetLoader {
    /// The text of the sheet at `path`, as the evaluation writes it
    /// (relative to the evaluation's own file); `Err` says why not, in
    /// Chinese and English.
    fn load(&self, path: &str) -> Result<String, (String, String)>;

    /// False when sheets are not to be read at all: the form is then
    /// checked as if it stood alone, and its `sheet` is not reported.
    fn reads_sheets(&self) -> bool {
        true
    }
}

/// A loader for checking a form on its own (an editor without the file
/// system): the sheet it names is neither read nor reported.
pub struct Standalone;

impl SheetLoader for Standalone {
    fn load(&self, _path: &str) -> Result<String, (String, String)> {
        Err((String::new(), String::new()))
    }

    fn reads_sheets(&self) -> bool {
        false
    }
}

/// A loader that finds nothing: every `sheet` is reported unreadable.
pub struct NoSheets;

impl SheetLoader for NoSheets {
    fn load(&self, _path: &str) -> Result<String, (String, String)> {
        Err((
            "没有可读取的文件".to_string(),
            "no files can be read here".to_string(),
        ))
    }
}

/// Which document a file is, by its first statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// A target sheet (the default).
    Sheet,
    /// A self-evaluation (`evaluation`, `自评`).
    Evaluation,
    /// A monitoring form (`monitoring`, `监控`).
    Monitoring,
}

/// The kind of a document: the keyword of its first statement, read
/// without parsing the file (comments, blank lines and a BOM skipped).
pub fn document_kind(src: &str) -> DocumentKind {
    let mut rest = src.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
            continue;
        }
        // A keyword is a short word: look no further than its longest
        // spelling (a file of one huge word is read once, by the parser).
        // A word ends where the lexer ends it: a space, `{ } " , ;` or
        // `//` (`monitoring// …` is one word, as the parser reads it).
        let word = rest
            .char_indices()
            .take(16)
            .take_while(|(i, c)| {
                !(c.is_whitespace()
                    || matches!(c, '{' | '｛' | '}' | '"' | ';' | ',')
                    || rest[*i..].starts_with("//"))
            })
            .last()
            .map_or("", |(i, c)| &rest[..i + c.len_utf8()]);
        return match Kw::lookup(word) {
            Some(Kw::Evaluation) => DocumentKind::Evaluation,
            Some(Kw::Monitoring) => DocumentKind::Monitoring,
            // Units may be declared before the header: the statement ends
            // at its line's end or a `;`.
            Some(Kw::DefineUnit) => {
                let end = rest.find(['\n', ';']).map_or(rest.len(), |i| i + 1);
                rest = &rest[end..];
                continue;
            }
            _ => DocumentKind::Sheet,
        };
    }
}

/// An evaluation checked: the model (when the header could be read) and
/// every diagnostic, syntax ones first.
pub struct EvalOutcome {
    pub evaluation: Option<Evaluation>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse and check an evaluation or monitoring file, reading the sheet it
/// names through `loader`.
pub fn check_evaluation(src: &str, loader: &dyn SheetLoader) -> EvalOutcome {
    let (tree, mut diagnostics, refused) = syntax::parse_or_refuse(src);
    if refused {
        return EvalOutcome {
            evaluation: None,
            diagnostics,
        };
    }
    let mut outcome = check_evaluation_tree(&tree, src, loader);
    diagnostics.append(&mut outcome.diagnostics);
    outcome.diagnostics = diagnostics;
    outcome
}

/// Check a parsed evaluation or monitoring form (kept by the caller, as an
/// editor keeps it); the diagnostics are the checker's only.
pub fn check_evaluation_tree(
    tree: &syntax::SyntaxTree<'_>,
    src: &str,
    loader: &dyn SheetLoader,
) -> EvalOutcome {
    let mut diagnostics = Vec::new();
    let base = SheetContext::default();
    let mut cx = Checker::new(src, &base);
    let mut header: Option<Header> = None;
    let mut units: Vec<&Stmt<'_>> = Vec::new();
    let mut projects: Vec<&Stmt<'_>> = Vec::new();
    let mut overall: Option<&Stmt<'_>> = None;
    for stmt in tree.stmts() {
        match cx.keyword(stmt, Place::EvalTop) {
            Some(kw @ (Kw::Evaluation | Kw::Monitoring)) => match &header {
                Some(h) => {
                    cx.diags
                        .push(cat::duplicate_stmt(stmt.head.span, h.head, stmt.head.raw))
                }
                None => header = Some(cx.eval_header(stmt, kw)),
            },
            Some(Kw::DefineUnit) => units.push(stmt),
            Some(Kw::Project) => projects.push(stmt),
            Some(Kw::Overall) => match overall {
                Some(first) => cx.diags.push(cat::duplicate_stmt(
                    stmt.head.span,
                    first.head.span,
                    stmt.head.raw,
                )),
                None => overall = Some(stmt),
            },
            _ => {}
        }
    }
    let Some(header) = header else {
        cx.diags.push(cat::missing_stmt(
            Span::new(0, 0),
            "evaluation",
            "自评表",
            "the evaluation",
            schema(Kw::Evaluation).complete,
        ));
        diagnostics.append(&mut cx.diags);
        return EvalOutcome {
            evaluation: None,
            diagnostics,
        };
    };
    diagnostics.append(&mut cx.diags);

    // The target sheet, when named and readable.
    let mut sheet: Option<Sheet> = None;
    let mut ctx = SheetContext::default();
    if let Some((path, span)) = header.sheet.as_ref().filter(|_| loader.reads_sheets()) {
        match load_sheet(path, loader) {
            Ok((s, sheet_ctx)) => {
                if let (Some(year), Some(at)) = (header.year, header.year_span) {
                    if year != s.department.year {
                        diagnostics.push(cat::year_differs(at, year, s.department.year));
                    }
                }
                ctx = sheet_ctx;
                sheet = Some(s);
            }
            Err((zh, en)) => diagnostics.push(cat::sheet_unreadable(*span, path, &zh, &en)),
        }
    }
    if let Some(unit) = header.money_unit {
        ctx.money_unit = unit;
    }
    if let Some(fw) = header.framework {
        ctx.framework = fw;
    }
    if header.year.is_some() {
        ctx.year = header.year;
    }
    let mut cx = Checker::new(src, &base);
    let mut declared = super::header::DeclaredUnits::default();
    for stmt in units {
        cx.define_unit(stmt, &mut ctx, &mut declared);
    }
    diagnostics.append(&mut cx.diags);

    let department = header.department.clone().or_else(|| {
        sheet.as_ref().map(|s| Party {
            code: s.department.code.clone(),
            name: s.department.name.clone(),
        })
    });
    // The body's own table (部门整体), named after the body.
    let overall = overall.and_then(|stmt| {
        let mut cx = Checker::new(src, &ctx);
        let set = sheet
            .as_ref()
            .map_or(&[][..], |s| &s.overall.indicators[..]);
        let evaluated = cx.eval_project(stmt, &header, true, set);
        if let (Some((whole, spans)), Some(sheet)) = (&evaluated, &sheet) {
            cx.against_overall(whole, spans, sheet);
        }
        diagnostics.append(&mut cx.diags);
        evaluated.map(|(mut whole, _)| {
            if let Some(d) = &department {
                whole.code = d.code.clone();
                whole.name = d.name.clone();
            }
            whole
        })
    });
    let mut out = Vec::new();
    let mut seen: Vec<((bool, String), Span)> = Vec::new();
    for stmt in projects {
        let mut cx = Checker::new(src, &ctx);
        let of_sheet = sheet.as_ref().and_then(|s| sheet_project(stmt, s));
        let set = of_sheet.map_or(&[][..], |p| &p.indicators[..]);
        if let Some((mut project, spans)) = cx.eval_project(stmt, &header, false, set) {
            // 主管部门 and 实施单位 as the sheet names them, unless the form does.
            if let Some(sp) = of_sheet {
                if project.supervisor.is_none() {
                    project.supervisor = sp.supervisor.clone();
                }
                if project.agency.is_none() {
                    project.agency = sp.agency.clone().map(|name| Party {
                        code: sp.agency_code.clone(),
                        name,
                    });
                }
            }
            let key = match &project.code {
                Some(c) => (true, c.clone()),
                None => (false, project.name.clone()),
            };
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                cx.diags.push(match key.0 {
                    true => cat::duplicate_code(spans.name, *first, &key.1),
                    false => cat::duplicate_project_name(spans.name, *first, &key.1),
                });
            } else {
                seen.push((key, spans.name));
            }
            if let Some(sheet) = &sheet {
                cx.against_sheet(&project, &spans, sheet);
            }
            out.push(project);
        }
        diagnostics.append(&mut cx.diags);
    }
    let evaluation = header.year.map(|year| Evaluation {
        format: EVALUATION_FORMAT,
        kind: header.kind,
        year,
        as_of: header.as_of,
        sheet: header.sheet.as_ref().map(|s| s.0.clone()),
        sheet_checked: sheet.is_some(),
        department,
        unit: ctx.money_unit.to_string(),
        framework: ctx.framework.name().to_string(),
        reverse_rule: header.reverse_rule,
        title: header.title.clone(),
        filer: header.filer.clone(),
        date: header.date.clone(),
        fields: header.fields.clone(),
        overall,
        projects: out,
    });
    EvalOutcome {
        evaluation,
        diagnostics,
    }
}

/// The sheet's project a project statement evaluates, by the code and name
/// it writes (as `against_sheet` matches them), read before it is checked.
fn sheet_project<'s>(stmt: &Stmt<'_>, sheet: &'s Sheet) -> Option<&'s Project> {
    let strings: Vec<String> = stmt
        .args
        .iter()
        .filter(|t| t.is_string())
        .filter_map(|t| syntax::text::value(t).ok())
        .collect();
    let (code, name) = match &strings[..] {
        [name] => (None, name),
        [code, name, ..] => (Some(code), name),
        [] => return None,
    };
    sheet.projects.iter().find(|s| match (code, &s.code) {
        (Some(a), Some(b)) => a == b,
        _ => &s.name == name,
    })
}

/// The sheet at `path` with its context; `Err` says why it cannot serve.
fn load_sheet(
    path: &str,
    loader: &dyn SheetLoader,
) -> Result<(Sheet, SheetContext), (String, String)> {
    let text = loader.load(path)?;
    if document_kind(&text) != DocumentKind::Sheet {
        return Err((
            "它不是目标表，而是自评表或监控表".to_string(),
            "it is an evaluation, not a target sheet".to_string(),
        ));
    }
    let outcome = super::check_source(&text);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    match outcome.sheet {
        Some(sheet) if errors == 0 => Ok((sheet, outcome.context)),
        _ => Err((
            format!("目标表有 {errors} 个错误"),
            format!("the sheet has {errors} error(s)"),
        )),
    }
}

impl EvaluationKind {
    fn of(kw: Kw) -> EvaluationKind {
        if kw == Kw::Monitoring {
            EvaluationKind::Monitoring
        } else {
            EvaluationKind::Evaluation
        }
    }
}
