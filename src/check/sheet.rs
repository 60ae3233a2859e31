//! The sheet's structure: top level, department, overall part and projects.

use super::args::FULL_WIDTH;
use super::indicator::Checked;
use crate::diag::{catalogue as cat, Diagnostic};
use crate::lang::category::Framework;
use crate::lang::keywords::Kw;
use crate::lang::suggest::closest;
use crate::lang::units::{Dimension, UnitTable};
use crate::model::*;
use crate::source::Span;
use crate::syntax::{Item, Stmt, SyntaxTree};
use rust_decimal::Decimal;

pub struct Checker<'s> {
    pub src: &'s str,
    pub diags: Vec<Diagnostic>,
    /// Arguments of the current statement already consumed by a recovery.
    pub consumed_until: usize,
    pub units: UnitTable,
    pub framework: Framework,
    /// 万元 or 元.
    pub money_unit: &'static str,
    /// Units declared with define-unit, in order, and where.
    pub declared: Vec<UnitDef>,
    pub declared_at: Vec<(String, Span)>,
    /// The sheet's year, once read: completes dates written without one.
    pub year: Option<i32>,
}

/// Where a keyword belongs, for "misplaced" help texts.
pub fn home_of(kw: Kw) -> (&'static str, &'static str) {
    match kw {
        Kw::Department | Kw::Overall | Kw::Project | Kw::DefineUnit => {
            ("顶层（不在任何块内）", "at the top level")
        }
        Kw::Year | Kw::Unit | Kw::Framework => ("department 块内", "inside department"),
        Kw::Summary | Kw::Objective | Kw::Measure => ("overall 块内", "inside overall"),
        Kw::Agency | Kw::Budget | Kw::Purpose | Kw::Plan | Kw::Period => {
            ("project 块内", "inside a project")
        }
        Kw::Goal => ("project 或 period 块内", "inside a project or a period"),
        Kw::Indicator => ("project 或 overall 块内", "inside a project or overall"),
        Kw::Desc | Kw::Basis | Kw::Weight | Kw::Last | Kw::Explain | Kw::Scoring | Kw::Core => {
            ("indicator 块内", "inside an indicator")
        }
    }
}

/// What the checker gathers over the top-level items.
#[derive(Default)]
pub struct Top {
    pub department: Option<Department>,
    pub dept_span: Option<Span>,
    overall: Option<Overall>,
    overall_span: Option<Span>,
    projects: Vec<Project>,
    /// First use of each code; a map keeps the check linear in projects.
    codes: std::collections::HashMap<String, Span>,
}

/// Statements seen once per block, to report repeats.
#[derive(Default)]
pub struct Seen(Vec<(Kw, Span)>);

impl Seen {
    fn first(&self, kw: Kw) -> Option<Span> {
        self.0.iter().find(|(k, _)| *k == kw).map(|(_, s)| *s)
    }
}

impl<'s> Checker<'s> {
    pub fn new(src: &'s str) -> Checker<'s> {
        Checker {
            src,
            diags: Vec::new(),
            consumed_until: 0,
            units: UnitTable::builtin(),
            framework: Framework::F2015,
            money_unit: "万元",
            declared: Vec::new(),
            declared_at: Vec::new(),
            year: None,
        }
    }

    pub fn slice(&self, span: Span) -> &'s str {
        self.src.get(span.range()).unwrap_or("")
    }

    /// Resolve a statement's keyword among those allowed in this place.
    pub fn keyword(&mut self, stmt: &Stmt<'_>, allowed: &[Kw], place: (&str, &str)) -> Option<Kw> {
        self.consumed_until = 0;
        let head = &stmt.head;
        if head.is_word() {
            if let Some(kw) = Kw::lookup(head.raw) {
                if allowed.contains(&kw) {
                    return Some(kw);
                }
                let (hz, he) = home_of(kw);
                self.diags.push(cat::misplaced(
                    head.span,
                    head.raw,
                    place.0,
                    place.1,
                    Some((hz, he)),
                ));
                return None;
            }
            // `year：2020` — a keyword glued to full-width punctuation.
            for (fw, ascii) in FULL_WIDTH {
                if let Some(pos) = head.raw.find(*fw) {
                    if Kw::lookup(&head.raw[..pos]).is_some() || pos == 0 {
                        let span = head.span.part(pos..pos + fw.len_utf8());
                        let ascii = if *ascii == ':' { ' ' } else { *ascii };
                        self.diags.push(cat::full_width(span, *fw, ascii));
                        return None;
                    }
                }
            }
        }
        let spellings = Kw::spellings(allowed);
        let suggestion = closest(head.raw, spellings.iter().copied());
        self.diags
            .push(cat::unknown_keyword(head.span, head.raw, suggestion));
        None
    }

    /// True the first time; reports a duplicate otherwise.
    pub fn once(&mut self, seen: &mut Seen, kw: Kw, stmt: &Stmt<'_>) -> bool {
        if let Some(first) = seen.first(kw) {
            self.diags
                .push(cat::duplicate_stmt(stmt.head.span, first, stmt.head.raw));
            return false;
        }
        seen.0.push((kw, stmt.head.span));
        true
    }

    /// Check the whole tree. It is taken by value: each project's subtree is
    /// dropped once checked.
    pub fn sheet(&mut self, tree: SyntaxTree<'_>) -> Option<Sheet> {
        // First pass: what the rest depends on (money unit, framework, units).
        let mut top = Top::default();
        let rest: Vec<Option<Kw>> = tree
            .items
            .iter()
            .map(|i| self.top_first(&mut top, i))
            .map(|kw| kw.filter(|k| matches!(k, Kw::Overall | Kw::Project)))
            .collect();
        self.top_department_known(&top);
        for (item, kw) in tree.items.into_iter().zip(rest) {
            if let (Item::Stmt(stmt), Some(kw)) = (item, kw) {
                self.top_second(&mut top, &stmt, kw);
            }
        }
        self.top_finish(top)
    }

    /// The first pass over one top-level item: its keyword resolved, and a
    /// department or a unit definition read. Returns the keyword (an overall
    /// part or a project is checked in the second pass).
    pub fn top_first(&mut self, top: &mut Top, item: &Item<'_>) -> Option<Kw> {
        const TOP: &[Kw] = &[Kw::Department, Kw::DefineUnit, Kw::Overall, Kw::Project];
        const TOP_PLACE: (&str, &str) = ("顶层", "at the top level");
        let Item::Stmt(stmt) = item else {
            return None;
        };
        let kw = self.keyword(stmt, TOP, TOP_PLACE);
        match kw {
            Some(Kw::Department) => match top.dept_span {
                Some(first) => {
                    self.diags
                        .push(cat::duplicate_stmt(stmt.head.span, first, stmt.head.raw))
                }
                None => {
                    top.dept_span = Some(stmt.head.span);
                    top.department = self.department(stmt);
                }
            },
            Some(Kw::DefineUnit) => self.define_unit(stmt),
            _ => {}
        }
        kw
    }

    /// Between the passes: a sheet without a department is reported once.
    pub fn top_department_known(&mut self, top: &Top) {
        if top.dept_span.is_none() {
            self.diags.push(cat::missing_stmt(
                Span::new(0, 0),
                "department",
                "表",
                "the sheet",
                "department \"430002\" \"单位名称\" { year 2020; unit 万元 }",
            ));
        }
    }

    /// The second pass over an overall part or a project.
    pub fn top_second(&mut self, top: &mut Top, stmt: &Stmt<'_>, kw: Kw) {
        match kw {
            Kw::Overall => {
                if let Some(first) = top.overall_span {
                    self.diags
                        .push(cat::duplicate_stmt(stmt.head.span, first, stmt.head.raw));
                    return;
                }
                top.overall_span = Some(stmt.head.span);
                top.overall = Some(self.overall(stmt));
            }
            Kw::Project => {
                if let Some((p, code_span)) = self.project(stmt) {
                    if let Some(first) = top.codes.get(&p.code) {
                        self.diags
                            .push(cat::duplicate_code(code_span, *first, &p.code));
                    } else {
                        top.codes.insert(p.code.clone(), code_span);
                    }
                    top.projects.push(p);
                }
            }
            _ => {}
        }
    }

    /// The sheet, once every top-level item went through both passes.
    pub fn top_finish(&mut self, top: Top) -> Option<Sheet> {
        let Top {
            department,
            overall,
            projects,
            ..
        } = top;
        let department = department?;
        let overall = overall.unwrap_or_default();
        let budget = projects.iter().map(|p| p.budget.total).sum::<Decimal>();
        let indicators =
            overall.indicators.len() + projects.iter().map(|p| p.indicators.len()).sum::<usize>();
        Some(Sheet {
            format: FORMAT,
            department,
            totals: Totals {
                budget,
                projects: projects.len(),
                indicators,
            },
            overall,
            projects,
            units: std::mem::take(&mut self.declared),
        })
    }

    fn department(&mut self, stmt: &Stmt<'_>) -> Option<Department> {
        let code = self.string_arg(
            stmt,
            0,
            "单位编码",
            "a code",
            "department \"430002\" \"单位名称\"",
        );
        let name = self.string_arg(
            stmt,
            1,
            "单位名称",
            "a name",
            "department \"430002\" \"单位名称\"",
        );
        self.no_more_args(stmt, 2);
        let mut year = None;
        let mut unit_seen = false;
        let mut seen = Seen::default();
        const ALLOWED: &[Kw] = &[Kw::Year, Kw::Unit, Kw::Framework];
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, ALLOWED, ("department 块内", "inside department"))
            else {
                continue;
            };
            if !self.once(&mut seen, kw, child) {
                continue;
            }
            self.no_block(child);
            match kw {
                Kw::Year => {
                    year = self.year(child);
                    self.year = year;
                    if year.is_none() {
                        year = Some(0); // reported; avoid a second "missing" error
                    }
                }
                Kw::Unit => {
                    unit_seen = true;
                    self.money_unit_stmt(child);
                }
                Kw::Framework => self.framework_stmt(child),
                _ => {}
            }
        }
        let example_span = Span::new(stmt.head.span.start, stmt.head.span.end);
        if year.is_none() {
            self.diags.push(cat::missing_stmt(
                example_span,
                "year",
                "department ",
                "department",
                "year 2020",
            ));
        }
        if !unit_seen {
            self.diags.push(cat::missing_stmt(
                example_span,
                "unit",
                "department ",
                "department",
                "unit 万元",
            ));
        }
        Some(Department {
            code: code?.0,
            name: name?.0,
            year: year.filter(|y| *y != 0)?,
            unit: self.money_unit.to_string(),
            framework: self.framework.name().to_string(),
        })
    }

    fn year(&mut self, stmt: &Stmt<'_>) -> Option<i32> {
        self.no_more_args(stmt, 1);
        let Some(tok) = stmt.args.first() else {
            self.diags.push(cat::missing_arg(
                Span::new(stmt.head.span.end, stmt.head.span.end),
                stmt.head.raw,
                "年度",
                "a year",
                "year 2020",
            ));
            return None;
        };
        let raw = tok.raw.trim_end_matches('年');
        match raw.parse::<i32>() {
            Ok(y) if tok.is_word() && raw.len() == 4 && (1949..=2100).contains(&y) => Some(y),
            _ => {
                self.diags.push(cat::invalid_year(tok.span, tok.raw));
                None
            }
        }
    }

    fn money_unit_stmt(&mut self, stmt: &Stmt<'_>) {
        self.no_more_args(stmt, 1);
        let Some(tok) = stmt.args.first() else {
            self.diags.push(cat::missing_arg(
                Span::new(stmt.head.span.end, stmt.head.span.end),
                stmt.head.raw,
                "金额单位",
                "a money unit",
                "unit 万元",
            ));
            return;
        };
        let value = crate::syntax::text::value(tok).unwrap_or_default();
        match value.as_str() {
            "万元" => self.money_unit = "万元",
            "元" => self.money_unit = "元",
            _ => self.diags.push(cat::unknown_money_unit(tok.span, tok.raw)),
        }
    }

    fn framework_stmt(&mut self, stmt: &Stmt<'_>) {
        self.no_more_args(stmt, 1);
        let Some(tok) = stmt.args.first() else {
            self.diags.push(cat::missing_arg(
                Span::new(stmt.head.span.end, stmt.head.span.end),
                stmt.head.raw,
                "指标体系",
                "a framework",
                "framework 2015",
            ));
            return;
        };
        let value = crate::syntax::text::value(tok).unwrap_or_default();
        match value.trim_end_matches('版').trim_end_matches('年') {
            "2015" => self.framework = Framework::F2015,
            "2021" => self.framework = Framework::F2021,
            _ => self.diags.push(cat::unknown_framework(tok.span, tok.raw)),
        }
    }

    fn define_unit(&mut self, stmt: &Stmt<'_>) {
        self.no_block(stmt);
        let Some(name_tok) = stmt.args.first() else {
            self.diags.push(cat::missing_arg(
                Span::new(stmt.head.span.end, stmt.head.span.end),
                stmt.head.raw,
                "单位名称",
                "a unit name",
                "define-unit 校次 count",
            ));
            return;
        };
        let name = crate::syntax::text::value(name_tok).unwrap_or_default();
        let Some(dim_tok) = stmt.args.get(1) else {
            self.diags.push(cat::missing_arg(
                Span::new(name_tok.span.end, name_tok.span.end),
                stmt.head.raw,
                "量纲",
                "a dimension",
                "define-unit 校次 count",
            ));
            return;
        };
        self.no_more_args(stmt, 2);
        if let Some(first) = self
            .declared_at
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
        {
            self.diags
                .push(cat::unit_redefined(name_tok.span, &name, Some(first)));
            return;
        }
        if self.units.lookup(&name).is_some() {
            self.diags
                .push(cat::unit_redefined(name_tok.span, &name, None));
            return;
        }
        // `money/count` for a compound unit such as 元/人年.
        let dim = match dim_tok.raw.split_once('/') {
            Some((a, b)) => Dimension::parse(a)
                .zip(Dimension::parse(b))
                .map(|(a, b)| Dimension::Per(Box::new(a), Box::new(b))),
            None => Dimension::parse(dim_tok.raw),
        };
        match dim {
            Some(dim) => {
                self.declared.push(UnitDef {
                    name: name.clone(),
                    dimension: dim.name(),
                });
                self.declared_at.push((name.clone(), name_tok.span));
                self.units.declare(&name, dim);
            }
            None => self
                .diags
                .push(cat::unknown_dimension(dim_tok.span, dim_tok.raw)),
        }
    }

    fn overall(&mut self, stmt: &Stmt<'_>) -> Overall {
        self.no_more_args(stmt, 0);
        let mut out = Overall::default();
        let mut seen = Seen::default();
        let mut checked: Vec<Checked> = Vec::new();
        let mut failed = Vec::new();
        const ALLOWED: &[Kw] = &[Kw::Summary, Kw::Objective, Kw::Measure, Kw::Indicator];
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, ALLOWED, ("overall 块内", "inside overall"))
            else {
                continue;
            };
            if kw != Kw::Indicator {
                self.no_block(child);
            }
            match kw {
                Kw::Summary if self.once(&mut seen, kw, child) => {
                    out.summary = self
                        .string_arg(child, 0, "总体目标文字", "a text", "summary \"……\"")
                        .map(|s| s.0);
                    self.no_more_args(child, 1);
                }
                Kw::Objective => {
                    let ex = "objective \"规章制度\" \"组织制定……\"";
                    let title = self.string_arg(child, 0, "标题", "a title", ex);
                    let text = self.string_arg(child, 1, "内容", "a text", ex);
                    self.no_more_args(child, 2);
                    if let (Some(title), Some(text)) = (title, text) {
                        out.objectives.push(Objective {
                            title: title.0,
                            text: text.0,
                        });
                    }
                }
                Kw::Measure => {
                    if let Some(m) =
                        self.string_arg(child, 0, "措施内容", "a text", "measure \"……\"")
                    {
                        out.measures.push(m.0);
                    }
                    self.no_more_args(child, 1);
                }
                Kw::Indicator => match self.indicator(child) {
                    Ok(c) => checked.push(c),
                    Err(l1) => failed.push(l1),
                },
                _ => {}
            }
        }
        self.indicator_set(&checked, &failed, None);
        out.indicators = checked.into_iter().map(|c| c.indicator).collect();
        out
    }

    fn project(&mut self, stmt: &Stmt<'_>) -> Option<(Project, Span)> {
        let ex = "project \"430-0502-JBN-GG1U\" \"项目名称\" { … }";
        let code = self.string_arg(stmt, 0, "项目编码", "a project code", ex);
        let name = self.string_arg(stmt, 1, "项目名称", "a project name", ex);
        self.no_more_args(stmt, 2);
        let mut seen = Seen::default();
        let mut agency = None;
        let mut budget = None;
        let mut purpose = None;
        let mut plan = Vec::new();
        let mut goals = Vec::new();
        let mut period = None;
        let mut checked: Vec<Checked> = Vec::new();
        let mut failed = Vec::new();
        const ALLOWED: &[Kw] = &[
            Kw::Agency,
            Kw::Budget,
            Kw::Purpose,
            Kw::Plan,
            Kw::Goal,
            Kw::Period,
            Kw::Indicator,
        ];
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, ALLOWED, ("project 块内", "inside a project"))
            else {
                continue;
            };
            if matches!(
                kw,
                Kw::Agency | Kw::Budget | Kw::Purpose | Kw::Plan | Kw::Period
            ) && !self.once(&mut seen, kw, child)
            {
                continue;
            }
            if !matches!(kw, Kw::Budget | Kw::Period | Kw::Indicator) {
                self.no_block(child);
            }
            match kw {
                Kw::Agency => {
                    agency = self
                        .string_arg(child, 0, "单位名称", "an agency name", "agency \"……\"")
                        .map(|s| s.0);
                    self.no_more_args(child, 1);
                }
                Kw::Budget => budget = Some(self.budget(child)),
                Kw::Purpose => {
                    purpose = self
                        .string_arg(child, 0, "资金用途", "a text", "purpose \"……\"")
                        .map(|s| s.0);
                    self.no_more_args(child, 1);
                }
                Kw::Plan => plan = self.plan(child),
                Kw::Goal => {
                    if let Some(g) = self.string_arg(child, 0, "目标内容", "a text", "goal \"……\"")
                    {
                        goals.push(g.0);
                    }
                    self.no_more_args(child, 1);
                }
                Kw::Period => period = self.period(child),
                Kw::Indicator => match self.indicator(child) {
                    Ok(c) => checked.push(c),
                    Err(l1) => failed.push(l1),
                },
                _ => {}
            }
        }
        let (code, code_span) = code?;
        if seen.first(Kw::Budget).is_none() {
            self.diags.push(cat::missing_stmt(
                stmt.head.span,
                "budget",
                "项目",
                "the project",
                "budget 78.00 { 财政资金 78.00 }",
            ));
        }
        let project_text = ProjectText {
            name: name.as_ref().map(|n| n.0.as_str()).unwrap_or(""),
            purpose: purpose.as_deref().unwrap_or(""),
            goals: &goals,
        };
        self.indicator_set(
            &checked,
            &failed,
            Some((stmt.head.span.join(code_span), &code, &project_text)),
        );
        let budget = budget.flatten()?;
        Some((
            Project {
                code,
                name: name?.0,
                agency,
                budget,
                purpose,
                plan,
                goals,
                period,
                indicators: checked.into_iter().map(|c| c.indicator).collect(),
            },
            code_span,
        ))
    }

    fn period(&mut self, stmt: &Stmt<'_>) -> Option<Period> {
        let text = self.string_arg(
            stmt,
            0,
            "实施期",
            "a period",
            "period \"2021-2023年\" { goal \"……\" }",
        );
        self.no_more_args(stmt, 1);
        let mut goals = Vec::new();
        for child in stmt.children() {
            if self
                .keyword(child, &[Kw::Goal], ("period 块内", "inside a period"))
                .is_some()
            {
                self.no_block(child);
                if let Some(g) = self.string_arg(child, 0, "目标内容", "a text", "goal \"……\"")
                {
                    goals.push(g.0);
                }
                self.no_more_args(child, 1);
            }
        }
        Some(Period {
            text: text?.0,
            goals,
        })
    }
}

/// The texts of a project an indicator name is compared with (W509).
pub struct ProjectText<'a> {
    pub name: &'a str,
    pub purpose: &'a str,
    pub goals: &'a [String],
}
