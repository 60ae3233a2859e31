//! The checker: resolves the syntax tree into the typed model and runs every
//! semantic rule, collecting all diagnostics of the file in one pass.
//!
//! A sheet is read in two passes over its top-level statements. The first
//! reads the header (the department block, the unit definitions) into a
//! [`SheetContext`]; the second checks the overall part and each project
//! against that context alone ([`check_project`]), so a changed project can
//! be re-checked without the rest. Whole trees and streamed files go through
//! the same [`SheetReader`].
//!
//! Files, each importing only those above it: `context` → `checker` → `args`
//! → `header`, `budget`, `plan`, `indicator` → `project` → this file;
//! `evaluation` (self-evaluations and monitoring forms) reads with all of
//! them and checks against a whole sheet.

mod args;
mod budget;
mod checker;
mod context;
pub mod evaluation;
mod header;
mod indicator;
mod plan;
mod project;

pub use context::SheetContext;

use crate::diag::{catalogue as cat, Code, Diagnostic};
use crate::lang::keywords::{schema, Kw, Place};
use crate::model::*;
use crate::source::Span;
use crate::syntax::{self, Item, Stmt, SyntaxTree, TopLevel};
use checker::Checker;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A project checked against its sheet's context.
#[derive(Clone, Debug)]
pub struct ProjectCheck {
    /// `None` when too little of the project could be read (reported).
    pub project: Option<Project>,
    /// Where the project's facts stand; meaningful when `project` is `Some`.
    pub spans: ProjectSpans,
    /// The project's own diagnostics (a duplicate code across projects is the
    /// sheet's business).
    pub diagnostics: Vec<Diagnostic>,
}

/// Check one `project` statement against the sheet's context. Pure: the
/// result depends on the context and the statement only.
pub fn check_project(ctx: &SheetContext, src: &str, stmt: &Stmt<'_>) -> ProjectCheck {
    let mut cx = Checker::new(src, ctx);
    let checked = cx.project(stmt);
    let (project, spans) = match checked {
        Some((p, s)) => (Some(p), s),
        None => (None, ProjectSpans::default()),
    };
    ProjectCheck {
        project,
        spans,
        diagnostics: cx.diags,
    }
}

/// Top-level items checked as a whole check of their sheet checks them,
/// for an editor that re-reads a few items of a sheet ([`check_items`]).
#[derive(Clone, Debug)]
pub struct ItemsCheck {
    /// The items' own diagnostics: a top-level keyword unknown or
    /// misplaced, then the projects' (their `diagnostics` are moved here).
    pub diagnostics: Vec<Diagnostic>,
    /// The check of each `project` statement, in order.
    pub projects: Vec<ProjectCheck>,
}

/// Check top-level items that hold no header statement against the sheet's
/// context: each statement's keyword, as the first pass reads it, then each
/// project, as the second pass checks it. `None` when one of them is a
/// department, a unit definition or an overall part (which the context or
/// the sheet-wide checks read): the caller must then check the whole sheet.
/// The sheet-wide checks across projects are [`sheet_checks`].
pub fn check_items(ctx: &SheetContext, src: &str, items: &[Item<'_>]) -> Option<ItemsCheck> {
    let base = SheetContext::default();
    let mut diagnostics = Vec::new();
    let mut stmts = Vec::new();
    for item in items {
        let Item::Stmt(stmt) = item else {
            continue;
        };
        if matches!(
            Kw::lookup(stmt.head.raw),
            Some(Kw::Department | Kw::DefineUnit | Kw::Overall)
        ) {
            return None;
        }
        let mut cx = Checker::new(src, &base);
        let kw = cx.keyword(stmt, Place::Top);
        diagnostics.append(&mut cx.diags);
        if kw == Some(Kw::Project) {
            stmts.push(stmt);
        }
    }
    let projects = stmts
        .into_iter()
        .map(|stmt| {
            let mut check = check_project(ctx, src, stmt);
            diagnostics.append(&mut check.diagnostics);
            check
        })
        .collect();
    Some(ItemsCheck {
        diagnostics,
        projects,
    })
}

/// The codes of the checks across a sheet's projects ([`sheet_checks`]).
pub const SHEET_CODES: &[Code] = &[Code::E302, Code::W305];

/// The checks across a sheet's projects, from the model and its source map
/// alone, as a whole check makes them: a project code (or, for a project
/// without one, its name) used twice (E302), and the projects' budgets over
/// the body's (W305). The sheet's totals are computed again.
pub fn sheet_checks(sheet: &mut Sheet, map: &SourceMap) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut codes: HashMap<(bool, &str), Span> = HashMap::with_capacity(sheet.projects.len());
    for (p, spans) in sheet.projects.iter().zip(&map.projects) {
        let (key, span) = match (&p.code, spans.code) {
            (Some(code), Some(span)) => ((true, code.as_str()), span),
            _ => ((false, p.name.as_str()), spans.name),
        };
        if let Some(first) = codes.get(&key) {
            diagnostics.push(match key.0 {
                true => cat::duplicate_code(span, *first, key.1),
                false => cat::duplicate_project_name(span, *first, key.1),
            });
        } else {
            codes.insert(key, span);
        }
    }
    sheet.totals = totals(
        &sheet.department,
        &sheet.overall,
        &sheet.projects,
        map.department.as_ref(),
        &mut diagnostics,
    );
    diagnostics
}

/// The sheet's totals, and the projects' budgets over the body's (W305),
/// as a whole check and the checks across projects both make them.
fn totals(
    department: &Department,
    overall: &Overall,
    projects: &[Project],
    spans: Option<&DepartmentSpans>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Totals {
    let budget = projects.iter().map(|p| p.budget.total).sum::<Decimal>();
    let body = department.budget.as_ref().map(|b| b.total);
    if let (Some(total), Some(at)) = (body, spans.and_then(|d| d.budget)) {
        if budget > total {
            diagnostics.push(cat::projects_exceed_body(
                at,
                &total.to_string(),
                &budget.to_string(),
            ));
        }
    }
    // Rows that only list a category are no indicators.
    let counted = |list: &[Indicator]| list.iter().filter(|i| !i.is_listed_only()).count();
    Totals {
        budget,
        projects: projects.len(),
        indicators: counted(&overall.indicators)
            + projects
                .iter()
                .map(|p| counted(&p.indicators))
                .sum::<usize>(),
    }
}

/// A file checked: the model (when the sheet is complete enough to build
/// one, even with errors), where its facts stand, and every diagnostic.
pub struct Outcome {
    pub sheet: Option<Sheet>,
    pub source_map: SourceMap,
    /// The syntax diagnostics, then the checker's, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// The sheet context the projects were checked against.
    pub context: SheetContext,
}

impl Outcome {
    /// The input was refused outright (too large, nested too deeply).
    fn refused(diagnostics: Vec<Diagnostic>) -> Outcome {
        Outcome {
            sheet: None,
            source_map: SourceMap::default(),
            diagnostics,
            context: SheetContext::default(),
        }
    }
}

/// What the two passes gather over the top-level statements.
pub struct SheetReader<'a> {
    src: &'a str,
    /// A context for reading the header itself (its keyword and argument
    /// rules need no sheet facts).
    base: SheetContext,
    /// Built by the first pass, read by the second.
    ctx: SheetContext,
    declared: header::DeclaredUnits,
    diags: Vec<Diagnostic>,
    department: Option<Department>,
    department_spans: Option<DepartmentSpans>,
    overall: Option<(Overall, OverallSpans)>,
    overall_head: Option<Span>,
    projects: Vec<Project>,
    project_spans: Vec<ProjectSpans>,
    /// First use of each project's code (`true`) or, for a project without
    /// one, name (`false`); a map keeps the check linear in projects.
    codes: HashMap<(bool, String), Span>,
    /// Diagnostics past [`crate::diag::MAX_KEPT`], counted, not kept.
    dropped: usize,
}

impl<'a> SheetReader<'a> {
    pub fn new(src: &'a str) -> SheetReader<'a> {
        SheetReader {
            src,
            base: SheetContext::default(),
            ctx: SheetContext::default(),
            declared: header::DeclaredUnits::default(),
            diags: Vec::new(),
            department: None,
            department_spans: None,
            overall: None,
            overall_head: None,
            projects: Vec::new(),
            project_spans: Vec::new(),
            codes: HashMap::new(),
            dropped: 0,
        }
    }

    /// The first pass over one top-level item: its keyword resolved, and a
    /// department or a unit definition read. Returns the keyword of an
    /// overall part or a project, which the second pass checks.
    pub fn first(&mut self, item: &Item<'_>) -> Option<Kw> {
        let Item::Stmt(stmt) = item else {
            return None;
        };
        let mut cx = Checker::new(self.src, &self.base);
        let kw = cx.keyword(stmt, Place::Top);
        match kw {
            Some(Kw::Department) => match &self.department_spans {
                Some(first) => cx.diags.push(cat::duplicate_stmt(
                    stmt.head.span,
                    first.head,
                    stmt.head.raw,
                )),
                None => {
                    let arg = |i: usize| stmt.args.get(i).map(|t| t.span).unwrap_or_default();
                    // `department "NAME"`: no code.
                    let named_only = args::names_only(stmt);
                    let budget = stmt
                        .children()
                        .find(|c| Kw::lookup(c.head.raw) == Some(Kw::Budget))
                        .and_then(|c| c.args.first())
                        .map(|t| t.span);
                    self.department_spans = Some(DepartmentSpans {
                        head: stmt.head.span,
                        code: (!named_only).then(|| arg(0)),
                        name: arg(usize::from(!named_only)),
                        budget,
                    });
                    self.department = cx.department(stmt, &mut self.ctx);
                }
            },
            Some(Kw::DefineUnit) => cx.define_unit(stmt, &mut self.ctx, &mut self.declared),
            _ => {}
        }
        self.diags.append(&mut cx.diags);
        crate::diag::keep_at_most(&mut self.diags, &mut self.dropped);
        kw.filter(|k| matches!(k, Kw::Overall | Kw::Project))
    }

    /// Whether the first pass has met the department block.
    pub fn has_department(&self) -> bool {
        self.department_spans.is_some()
    }

    /// Between the passes: a sheet without a department is reported once.
    pub fn header_done(&mut self) {
        if !self.has_department() {
            self.diags.push(cat::missing_stmt(
                Span::new(0, 0),
                "department",
                "表",
                "the sheet",
                schema(Kw::Department).complete,
            ));
        }
    }

    /// The second pass over an overall part or a project.
    pub fn second(&mut self, stmt: &Stmt<'_>, kw: Kw) {
        match kw {
            Kw::Overall => {
                if let Some(first) = self.overall_head {
                    self.diags
                        .push(cat::duplicate_stmt(stmt.head.span, first, stmt.head.raw));
                    return;
                }
                self.overall_head = Some(stmt.head.span);
                let mut cx = Checker::new(self.src, &self.ctx);
                self.overall = Some(cx.overall(stmt));
                self.diags.append(&mut cx.diags);
            }
            Kw::Project => {
                let mut check = check_project(&self.ctx, self.src, stmt);
                self.diags.append(&mut check.diagnostics);
                if let Some(p) = check.project {
                    // A project is known by its code, else by its name.
                    let (key, span) = match (&p.code, check.spans.code) {
                        (Some(code), Some(span)) => ((true, code.clone()), span),
                        _ => ((false, p.name.clone()), check.spans.name),
                    };
                    if let Some(first) = self.codes.get(&key) {
                        self.diags.push(match key.0 {
                            true => cat::duplicate_code(span, *first, &key.1),
                            false => cat::duplicate_project_name(span, *first, &key.1),
                        });
                    } else {
                        self.codes.insert(key, span);
                    }
                    self.projects.push(p);
                    self.project_spans.push(check.spans);
                }
            }
            _ => {}
        }
        crate::diag::keep_at_most(&mut self.diags, &mut self.dropped);
    }

    /// The sheet, once every top-level item went through both passes.
    pub fn finish(self) -> Outcome {
        let (overall, overall_spans) = match self.overall {
            Some((o, s)) => (o, Some(s)),
            None => (Overall::default(), None),
        };
        let source_map = SourceMap {
            department: self.department_spans,
            overall: overall_spans,
            projects: self.project_spans,
        };
        let projects = self.projects;
        let mut diagnostics = self.diags;
        if self.dropped > 0 {
            diagnostics.push(cat::too_many_diagnostics(
                Span::new(0, 0),
                self.dropped,
                crate::diag::MAX_KEPT,
            ));
        }
        let sheet = self.department.map(|department| {
            let totals = totals(
                &department,
                &overall,
                &projects,
                source_map.department.as_ref(),
                &mut diagnostics,
            );
            Sheet {
                format: FORMAT,
                department,
                totals,
                overall,
                projects,
                units: self.declared.units,
            }
        });
        Outcome {
            sheet,
            source_map,
            diagnostics,
            context: self.ctx,
        }
    }
}

/// Check a parsed tree (kept by the caller, as an editor keeps it).
pub fn check_tree(tree: &SyntaxTree<'_>, src: &str) -> Outcome {
    let mut reader = SheetReader::new(src);
    let second: Vec<Option<Kw>> = tree.items.iter().map(|i| reader.first(i)).collect();
    reader.header_done();
    for (item, kw) in tree.items.iter().zip(second) {
        if let (Item::Stmt(stmt), Some(kw)) = (item, kw) {
            reader.second(stmt, kw);
        }
    }
    reader.finish()
}

/// Parse and check a file, holding no tree. A sheet whose department and
/// unit definitions come before its projects (as they do) is checked one
/// top-level item at a time as it is read, each item's tree dropped once
/// checked: a large sheet never holds its whole tree. Other files (and any
/// file with a lost brace, which the parser repairs over the whole tree) are
/// parsed whole first. Both ways give the same outcome.
pub fn check_source(src: &str) -> Outcome {
    let mut outcome = streaming(src).unwrap_or_else(|| whole(src));
    if writes_chinese_keywords(src) {
        // The Chinese texts name keywords as this sheet spells them.
        for d in &mut outcome.diagnostics {
            respell(d);
        }
    }
    outcome
}

/// Whether most statements of `src` start with a Chinese keyword (looked
/// at line by line: the first word of each line).
fn writes_chinese_keywords(src: &str) -> bool {
    let (mut zh, mut en) = (0usize, 0usize);
    for line in src.lines() {
        // Keywords are short: only the start of a line is looked at (a
        // file may be one line of megabytes).
        let line = line.trim_start();
        let head = &line[..line.char_indices().nth(40).map_or(line.len(), |(i, _)| i)];
        let word = head
            .split(|c: char| c.is_whitespace() || c == '{' || c == '"')
            .next()
            .unwrap_or("");
        if crate::lang::keywords::Kw::lookup(word).is_some() {
            if word.is_ascii() {
                en += 1;
            } else {
                zh += 1;
            }
        }
    }
    zh > en
}

/// The keywords named in English in a diagnostic's Chinese texts, in their
/// Chinese spelling.
fn respell(d: &mut crate::diag::Diagnostic) {
    use crate::lang::keywords::spelt;
    let fix = |t: &mut crate::diag::Text| t.zh = spelt(&t.zh, true);
    fix(&mut d.message);
    if let Some(l) = &mut d.label {
        fix(l);
    }
    if let Some(h) = &mut d.help {
        fix(h);
    }
    for l in &mut d.secondary {
        fix(&mut l.text);
    }
    for f in &mut d.fixes {
        fix(&mut f.message);
    }
}

/// Parse the whole tree, then check it.
pub fn whole(src: &str) -> Outcome {
    let (tree, mut diagnostics, refused) = syntax::parse_or_refuse(src);
    if refused {
        return Outcome::refused(diagnostics);
    }
    let mut outcome = check_tree(&tree, src);
    drop(tree);
    diagnostics.append(&mut outcome.diagnostics);
    outcome.diagnostics = diagnostics;
    outcome
}

/// Check item by item as the file is read; `None` when the file needs to be
/// parsed whole (see `check_source`).
pub fn streaming(src: &str) -> Option<Outcome> {
    if src.len() > syntax::MAX_INPUT_BYTES {
        return None;
    }
    let mut syntax_diags = Vec::new();
    let mut syntax_dropped = 0;
    let mut reader = SheetReader::new(src);
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
                return Some(Outcome::refused(vec![cat::nesting_too_deep(
                    open,
                    syntax::MAX_DEPTH,
                )]))
            }
        };
        // A lost brace: the repairs need the whole tree.
        if matches!(item, Item::StrayClose(_))
            || syntax_diags[seen..].iter().any(|d| d.code == Code::E003)
        {
            return None;
        }
        if in_second_pass {
            // Read in the first pass: after a project, the file must be
            // checked whole.
            if let Item::Stmt(stmt) = &item {
                if matches!(
                    Kw::lookup(stmt.head.raw),
                    Some(Kw::Department | Kw::DefineUnit)
                ) {
                    return None;
                }
            }
        }
        crate::diag::keep_at_most(&mut syntax_diags, &mut syntax_dropped);
        let kw = reader.first(&item);
        let (Item::Stmt(stmt), Some(kw)) = (item, kw) else {
            continue;
        };
        if !in_second_pass {
            // Everything the second pass needs must be known by now.
            if !reader.has_department() {
                return None;
            }
            reader.header_done();
            in_second_pass = true;
        }
        reader.second(&stmt, kw);
    }
    if !in_second_pass {
        reader.header_done();
    }
    if syntax_dropped > 0 {
        syntax_diags.push(cat::too_many_diagnostics(
            Span::new(0, 0),
            syntax_dropped,
            crate::diag::MAX_KEPT,
        ));
    }
    let mut outcome = reader.finish();
    syntax_diags.append(&mut outcome.diagnostics);
    outcome.diagnostics = syntax_diags;
    Some(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> String {
        let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn assert_same(a: &Outcome, b: &Outcome, what: &str) {
        let sorted = |d: &[Diagnostic]| {
            let mut d = d.to_vec();
            crate::diag::sort(&mut d);
            d
        };
        assert_eq!(a.sheet, b.sheet, "{what}");
        assert_eq!(a.source_map, b.source_map, "{what}");
        assert_eq!(sorted(&a.diagnostics), sorted(&b.diagnostics), "{what}");
    }

    #[test]
    fn examples_are_checked_as_they_are_read() {
        for name in [
            "beidaihe-2020.jx",
            "beidaihe-2021.jx",
            "county-school-2021.jx",
        ] {
            let text = example(name);
            let streamed = streaming(&text).unwrap_or_else(|| panic!("{name} not streamed"));
            assert_same(&streamed, &whole(&text), name);
            assert!(streamed.sheet.is_some());
        }
    }

    #[test]
    fn sheets_that_must_be_read_whole_are_recognised() {
        let ex = example("beidaihe-2020.jx");
        let dept_end = ex.find("\n}\n").unwrap() + 3;
        let (dept, rest) = ex.split_at(dept_end);
        // A department after the projects, a unit defined after a project, a
        // lost `}`, a stray `}`: each needs the whole tree, and gets it.
        for (what, text) in [
            ("late department", format!("{rest}\n{dept}")),
            ("late unit", format!("{ex}\ndefine-unit 校次 count\n")),
            ("lost }", ex.replacen("  }\n", "", 1)),
            ("stray }", ex.replacen("\n}\n", "\n}\n}\n", 2)),
        ] {
            assert!(streaming(&text).is_none(), "{what}: must be read whole");
            assert_same(&check_source(&text), &whole(&text), what);
        }
    }

    #[test]
    fn satisfaction_of_people_named_by_place_is_no_copied_template() {
        let sheet = |subject: &str| {
            format!(
                "department \"1\" \"某镇\" {{ year 2023; unit 万元 }}\n\
                 project \"P\" \"村级事务管理\" {{\n budget 5\n purpose \"保障村务运转\"\n\
                 indicator 产出.数量 \"会议次数\" ≥12次\n indicator 效益.社会效益 \"村务公开\" 良好\n\
                 indicator 满意度.服务对象满意度 \"{subject}满意度\" ≥90%\n}}\n"
            )
        };
        let codes = |text: String| -> Vec<Code> {
            whole(&text).diagnostics.iter().map(|d| d.code).collect()
        };
        assert!(codes(sheet("辖区内群众")).is_empty());
        assert!(codes(sheet("项目区农户")).is_empty());
        assert_eq!(codes(sheet("参培住院医师")), [Code::W509]);
    }

    #[test]
    fn a_project_is_rechecked_alone_against_the_context() {
        let text = example("county-school-2021.jx");
        let outcome = whole(&text);
        let sheet = outcome.sheet.as_ref().unwrap();
        let (tree, _) = crate::syntax::parse(&text);
        let projects: Vec<&Stmt<'_>> = tree
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Stmt(s) if Kw::lookup(s.head.raw) == Some(Kw::Project) => Some(&**s),
                _ => None,
            })
            .collect();
        assert_eq!(projects.len(), sheet.projects.len());
        for (i, stmt) in projects.iter().enumerate() {
            let again = check_project(&outcome.context, &text, stmt);
            assert_eq!(again.project.as_ref(), Some(&sheet.projects[i]));
            assert_eq!(again.spans, outcome.source_map.projects[i]);
        }
        // The context carries what the header said: a 2021 sheet's units.
        assert_eq!(outcome.context.year(), Some(2021));
        let alone = "project \"X\" \"x\" { budget 1\n indicator 产出.数量 \"培训\" =3校次 }";
        let (tree, _) = crate::syntax::parse(alone);
        let Some(Item::Stmt(stmt)) = tree.items.first() else {
            panic!("a project statement")
        };
        let declared = check_project(&outcome.context, alone, stmt);
        assert!(
            !declared.diagnostics.iter().any(|d| d.code == Code::E603),
            "a unit the sheet declares is known to a project checked alone"
        );
    }
}
