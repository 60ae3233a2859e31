//! The overall part and the projects: each statement of their blocks, and
//! the checks over a project's whole set of indicators.

use super::args::Args;
use super::checker::{Checker, Seen};
use super::indicator::{Checked, ProjectText};
use crate::diag::catalogue as cat;
use crate::lang::keywords::{at_most_once, schema, takes_block, Kw, Place};
use crate::model::{Objective, Overall, OverallSpans, Period, Project, ProjectSpans};
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
                Kw::Agency => {
                    agency = self.text_stmt(child, kw);
                }
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
            self.diags.push(cat::missing_stmt(
                stmt.head.span,
                "budget",
                "项目",
                "the project",
                schema(Kw::Budget).complete,
            ));
        }
        let project_text = ProjectText {
            name: name.as_ref().map(|n| n.0.as_str()).unwrap_or(""),
            purpose: purpose.as_deref().unwrap_or(""),
            goals: &goals,
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
        let (name, name_span) = name?;
        let (indicators, indicator_spans) =
            checked.into_iter().map(|c| (c.indicator, c.spans)).unzip();
        Some((
            Project {
                code: code.as_ref().map(|c| c.0.clone()),
                name,
                agency,
                budget,
                purpose,
                plan,
                goals,
                period,
                indicators,
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

    fn period(&mut self, stmt: &Stmt<'_>) -> Option<Period> {
        let text = self.text_stmt(stmt, Kw::Period);
        let mut goals = Vec::new();
        for child in stmt.children() {
            if self.keyword(child, Place::Period).is_some() {
                self.no_block(child);
                if let Some(g) = self.text_stmt(child, Kw::Goal) {
                    goals.push(g);
                }
            }
        }
        Some(Period { text: text?, goals })
    }
}
