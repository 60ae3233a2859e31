//! The overall part and the projects: each statement of their blocks, and
//! the checks over a project's whole set of indicators.

use super::args::Args;
use super::checker::{Checker, Seen};
use super::indicator::{Checked, ProjectText};
use crate::diag::catalogue as cat;
use crate::lang::category;
use crate::lang::keywords::{at_most_once, schema, spelt, takes_block, Kw, Place};
use crate::lang::suggest::closest;
use crate::model::{
    Leader, Objective, Overall, OverallSpans, Period, Project, ProjectSpans, Score,
};
use crate::source::Span;
use crate::syntax::text;

/// The spellings of the budget-execution item of `score`.
const EXECUTION_WORDS: &[&str] = &["预算执行率", "预算执行", "execution"];
/// The spellings of the section of all annual indicators.
const ANNUAL_WORDS: &[&str] = &["年度绩效指标", "年度绩效目标", "年度指标", "annual"];
use crate::syntax::Stmt;

impl Checker<'_> {
    /// The overall part (第一部分) and the spans of its indicators.
    pub fn overall(&mut self, stmt: &Stmt<'_>) -> (Overall, OverallSpans) {
        self.no_more_args(&Args::of(stmt), 0);
        let mut out = Overall::default();
        let mut seen = Seen::default();
        let mut checked: Vec<Checked> = Vec::new();
        let mut failed = Vec::new();
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, Place::Overall) else {
                continue;
            };
            if kw != Kw::Indicator {
                self.no_block(child);
            }
            match kw {
                Kw::Summary if self.once(&mut seen, kw, child) => {
                    out.summary = self.text_stmt(child, kw);
                }
                Kw::Objective => {
                    let mut args = Args::of(child);
                    let title = self.string_arg(&mut args, kw, 0);
                    let text = self.string_arg(&mut args, kw, 1);
                    self.no_more_args(&args, 2);
                    if let (Some(title), Some(text)) = (title, text) {
                        out.objectives.push(Objective {
                            title: title.0,
                            text: text.0,
                        });
                    }
                }
                Kw::Measure => {
                    if let Some(m) = self.text_stmt(child, kw) {
                        out.measures.push(m);
                    }
                }
                Kw::Indicator => match self.indicator(child) {
                    Ok(c) => checked.push(c),
                    Err(l1) => failed.push(l1),
                },
                _ => {}
            }
        }
        self.indicator_set(&checked, &failed, None);
        let (indicators, spans) = checked.into_iter().map(|c| (c.indicator, c.spans)).unzip();
        out.indicators = indicators;
        (
            out,
            OverallSpans {
                head: stmt.head.span,
                indicators: spans,
            },
        )
    }

    /// A project and where its facts stand; `None` when too little of it
    /// could be read (reported).
    pub fn project(&mut self, stmt: &Stmt<'_>) -> Option<(Project, ProjectSpans)> {
        let (code, name) = self.code_and_name(stmt, Kw::Project);
        let mut seen = Seen::default();
        let mut agency = None;
        let mut supervisor = None;
        let mut project_type = None;
        let mut attribute = None;
        let mut term = None;
        let mut leader = None;
        let mut function = None;
        let mut documents = Vec::new();
        let mut total_budget = None;
        let mut review = None;
        let mut scores: Vec<(Score, Span)> = Vec::new();
        let mut budget = None;
        let mut purpose = None;
        let mut plan = Vec::new();
        let mut goals = Vec::new();
        let mut period = None;
        let mut fields = Vec::new();
        let mut checked: Vec<Checked> = Vec::new();
        let mut failed = Vec::new();
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, Place::Project) else {
                continue;
            };
            if at_most_once(kw) && !self.once(&mut seen, kw, child) {
                continue;
            }
            if !takes_block(kw) {
                self.no_block(child);
            }
            match kw {
                Kw::Agency => agency = self.party(child, kw),
                Kw::Supervisor => supervisor = self.party(child, kw),
                Kw::ProjectType => project_type = self.text_stmt(child, kw),
                Kw::Attribute => attribute = self.text_stmt(child, kw),
                Kw::Term => term = self.text_stmt(child, kw),
                Kw::Leader => leader = self.leader(child),
                Kw::Function => function = self.text_stmt(child, kw),
                Kw::Document => documents.extend(self.text_stmt(child, kw)),
                Kw::TotalBudget => total_budget = self.budget(child),
                Kw::Review => review = self.text_stmt(child, kw),
                Kw::Score => scores.extend(self.score(child, &scores)),
                Kw::Budget => budget = Some(self.budget(child)),
                Kw::Purpose => {
                    purpose = self.text_stmt(child, kw);
                }
                Kw::Plan => plan = self.plan(child),
                Kw::Goal => {
                    if let Some(g) = self.text_stmt(child, Kw::Goal) {
                        goals.push(g);
                    }
                }
                Kw::Period => period = self.period(child),
                Kw::Field => fields.extend(self.field(child)),
                Kw::Indicator => match self.indicator(child) {
                    Ok(c) => checked.push(c),
                    Err(l1) => failed.push(l1),
                },
                _ => {}
            }
        }
        let code = code.ok()?;
        if seen.first(Kw::Budget).is_none() {
            let chinese = !stmt.head.raw.is_ascii();
            self.diags.push(cat::missing_stmt(
                stmt.head.span,
                &spelt("budget", chinese),
                "项目",
                "the project",
                &spelt(schema(Kw::Budget).complete, chinese),
            ));
        }
        let project_text = ProjectText {
            name: name.as_ref().map(|n| n.0.as_str()).unwrap_or(""),
            purpose: purpose.as_deref().unwrap_or(""),
            goals: &goals,
            scores: &scores,
        };
        // Messages name the project by its code, else by its name.
        let (label, label_span) = match (&code, &name) {
            (Some((c, s)), _) | (None, Some((c, s))) => (c.as_str(), *s),
            (None, None) => ("", stmt.head.span),
        };
        self.indicator_set(
            &checked,
            &failed,
            Some((stmt.head.span.join(label_span), label, &project_text)),
        );
        let (budget, budget_spans) = budget.flatten()?;
        if let Some((total, spans)) = &total_budget {
            if budget.total > total.total {
                self.diags.push(cat::year_exceeds_project_total(
                    budget_spans.total,
                    spans.total,
                    &budget.total.to_string(),
                    &total.total.to_string(),
                ));
            }
        }
        let total_budget = total_budget.map(|t| t.0);
        let (name, name_span) = name?;
        let (indicators, indicator_spans) =
            checked.into_iter().map(|c| (c.indicator, c.spans)).unzip();
        Some((
            Project {
                code: code.as_ref().map(|c| c.0.clone()),
                name,
                agency_code: agency.as_ref().and_then(|a| a.code.clone()),
                agency: agency.map(|a| a.name),
                supervisor,
                project_type,
                attribute,
                term,
                leader,
                function,
                documents,
                total_budget,
                budget,
                purpose,
                plan,
                goals,
                period,
                indicators,
                scores: scores.into_iter().map(|s| s.0).collect(),
                review,
                fields,
            },
            ProjectSpans {
                stmt: stmt.span,
                head: stmt.head.span,
                code: code.map(|c| c.1),
                name: name_span,
                budget: budget_spans,
                indicators: indicator_spans,
            },
        ))
    }

    /// `period "2021-2023年" { goal "……"; indicator … }`: the period's
    /// goals and its own (长期) indicators.
    fn period(&mut self, stmt: &Stmt<'_>) -> Option<Period> {
        // `period { goal "……" }`: the years are optional.
        let text = if stmt.args.is_empty() {
            None
        } else {
            Some(self.text_stmt(stmt, Kw::Period)?)
        };
        let mut goals = Vec::new();
        let mut checked: Vec<Checked> = Vec::new();
        let mut failed = Vec::new();
        for child in stmt.children() {
            match self.keyword(child, Place::Period) {
                Some(Kw::Indicator) => match self.indicator(child) {
                    Ok(c) => checked.push(c),
                    Err(l1) => failed.push(l1),
                },
                Some(_) => {
                    self.no_block(child);
                    if let Some(g) = self.text_stmt(child, Kw::Goal) {
                        goals.push(g);
                    }
                }
                None => {}
            }
        }
        self.indicator_set(&checked, &failed, None);
        Some(Period {
            text,
            goals,
            indicators: checked.into_iter().map(|c| c.indicator).collect(),
        })
    }

    /// `score 成本 0-20`, `score 预算执行率 10`: points of a level-1
    /// category or of the budget execution rate.
    pub(super) fn score(
        &mut self,
        stmt: &Stmt<'_>,
        earlier: &[(Score, Span)],
    ) -> Option<(Score, Span)> {
        self.no_more_args(&Args::of(stmt), 2);
        let Some(item_tok) = stmt.args.first() else {
            self.missing_arg(stmt, Kw::Score, 0);
            return None;
        };
        let Some(points_tok) = stmt.args.get(1) else {
            self.missing_arg(stmt, Kw::Score, 1);
            return None;
        };
        let word = text::value(item_tok).unwrap_or_else(|_| item_tok.raw.to_string());
        let item = match category::level1(&word) {
            Some(d) if d.in_framework(self.ctx.framework) => d.canonical.to_string(),
            _ if EXECUTION_WORDS.contains(&word.as_str()) => Score::EXECUTION.to_string(),
            _ if ANNUAL_WORDS.contains(&word.as_str()) => Score::ANNUAL.to_string(),
            _ => {
                let mut choices: Vec<&str> = category::LEVEL1
                    .iter()
                    .filter(|d| d.in_framework(self.ctx.framework))
                    .map(|d| d.canonical)
                    .collect();
                choices.push(Score::EXECUTION);
                choices.push(Score::ANNUAL);
                let near = closest(&word, choices.iter().copied()).filter(|_| item_tok.is_word());
                self.diags.push(cat::not_a_choice(
                    item_tok.span,
                    stmt.head.raw,
                    &word,
                    &choices,
                    near,
                ));
                return None;
            }
        };
        if let Some((_, first)) = earlier.iter().find(|s| s.0.item == item) {
            self.diags
                .push(cat::duplicate_stmt(stmt.head.span, *first, stmt.head.raw));
            return None;
        }
        // `10`, `10分`, `0-20`, `0-20分`.
        let raw = points_tok.raw.trim_end_matches('分');
        let (min, max) = match raw.split_once(['-', '~', '～', '—']) {
            Some((a, b)) => {
                let a = self.number(a, points_tok.span)?.0;
                let b = self.number(b, points_tok.span)?.0;
                if a > b {
                    self.diags.push(cat::range_reversed(points_tok.span));
                    return None;
                }
                (a, b)
            }
            None => {
                let v = self.number(raw, points_tok.span)?.0;
                (v, v)
            }
        };
        Some((Score { item, min, max }, item_tok.span))
    }

    /// `leader "张三" "0564-1234567"`: the name and, when given, a phone.
    fn leader(&mut self, stmt: &Stmt<'_>) -> Option<Leader> {
        let mut args = Args::of(stmt);
        let name = self.string_arg(&mut args, Kw::Leader, 0);
        let phone = if stmt.args.len() > 1 {
            self.string_arg(&mut args, Kw::Leader, 1)
        } else {
            None
        };
        self.no_more_args(&args, 2);
        Some(Leader {
            name: name?.0,
            phone: phone.map(|p| p.0),
        })
    }
}
