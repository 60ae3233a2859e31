//! The sheet's header, read before any project: the department block and
//! the unit definitions. They build the sheet context the projects are
//! checked against.

use super::args::Args;
use super::checker::{Checker, Seen};
use super::context::SheetContext;
use crate::diag::catalogue as cat;
use crate::lang::category::Framework;
use crate::lang::choices::FORM_KINDS;
use crate::lang::keywords::{at_most_once, schema, spelt, Kw, Place};
use crate::lang::units::Dimension;
use crate::model::{Department, UnitDef};
use crate::source::Span;
use crate::syntax::Stmt;
use std::collections::HashMap;

/// The units a sheet declares, in order, and where each name was first
/// declared (a map, so that a sheet of many units is checked in linear time).
#[derive(Default)]
pub struct DeclaredUnits {
    pub units: Vec<UnitDef>,
    first: HashMap<String, Span>,
}

impl Checker<'_> {
    pub fn department(&mut self, stmt: &Stmt<'_>, ctx: &mut SheetContext) -> Option<Department> {
        let (code, name) = self.code_and_name(stmt, Kw::Department);
        let mut year = None;
        let mut unit_seen = false;
        let mut seen = Seen::default();
        let mut fields = Vec::new();
        let mut form = None;
        let mut title = None;
        let mut supervisor = None;
        let mut budget_stmt = None;
        let mut filer = None;
        let mut date = None;
        let mut review = None;
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, Place::Department) else {
                continue;
            };
            if at_most_once(kw) && !self.once(&mut seen, kw, child) {
                continue;
            }
            if kw != Kw::Budget {
                self.no_block(child);
            }
            match kw {
                Kw::Form => form = self.choice_stmt(child, kw, FORM_KINDS).map(|f| f.0),
                Kw::Title => title = self.text_stmt(child, kw),
                Kw::Supervisor => supervisor = self.party(child, kw),
                // Read once the money unit is known, wherever `unit` stands.
                Kw::Budget => budget_stmt = Some(child),
                Kw::Filer => filer = self.text_stmt(child, kw),
                Kw::Date => date = self.code_stmt(child, kw),
                Kw::Review => review = self.text_stmt(child, kw),
                Kw::Year => {
                    year = self.year(child);
                    ctx.year = year;
                    if year.is_none() {
                        year = Some(0); // reported; avoid a second "missing" error
                    }
                }
                Kw::Unit => {
                    unit_seen = true;
                    self.money_unit_stmt(child, ctx);
                }
                Kw::Framework => self.framework_stmt(child, ctx),
                Kw::Field => fields.extend(self.field(child)),
                _ => {}
            }
        }
        let example_span = Span::new(stmt.head.span.start, stmt.head.span.end);
        // `year 2020 unit 万元`: the glued statement was reported (E104); its
        // absence would be noise.
        let glued = |kw: Kw| {
            stmt.children().any(|c| {
                c.args
                    .iter()
                    .any(|t| t.is_word() && Kw::lookup(t.raw) == Some(kw))
            })
        };
        // Keywords named as the sheet spells `department`.
        let chinese = !stmt.head.raw.is_ascii();
        let place = spelt("department ", chinese);
        if year.is_none() && !glued(Kw::Year) {
            self.diags.push(cat::missing_stmt(
                example_span,
                &spelt("year", chinese),
                &place,
                "department",
                &spelt(schema(Kw::Year).example, chinese),
            ));
        }
        if !unit_seen && !glued(Kw::Unit) {
            self.diags.push(cat::missing_stmt(
                example_span,
                &spelt("unit", chinese),
                &place,
                "department",
                &spelt(schema(Kw::Unit).example, chinese),
            ));
        }
        let budget = budget_stmt.and_then(|b| self.budget(b)).map(|b| b.0);
        Some(Department {
            code: code.ok()?.map(|c| c.0),
            name: name?.0,
            year: year.filter(|y| *y != 0)?,
            unit: ctx.money_unit.to_string(),
            framework: ctx.framework.name().to_string(),
            form,
            title,
            supervisor,
            budget,
            filer,
            date,
            review,
            fields,
        })
    }

    pub(super) fn year(&mut self, stmt: &Stmt<'_>) -> Option<i32> {
        self.no_more_args(&Args::of(stmt), 1);
        let Some(tok) = stmt.args.first() else {
            self.missing_arg(stmt, Kw::Year, 0);
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

    pub(super) fn money_unit_stmt(&mut self, stmt: &Stmt<'_>, ctx: &mut SheetContext) {
        self.no_more_args(&Args::of(stmt), 1);
        let Some(tok) = stmt.args.first() else {
            self.missing_arg(stmt, Kw::Unit, 0);
            return;
        };
        let value = crate::syntax::text::value(tok).unwrap_or_default();
        match value.as_str() {
            "万元" => ctx.money_unit = "万元",
            "元" => ctx.money_unit = "元",
            _ => self.diags.push(cat::unknown_money_unit(tok.span, tok.raw)),
        }
    }

    pub(super) fn framework_stmt(&mut self, stmt: &Stmt<'_>, ctx: &mut SheetContext) {
        self.no_more_args(&Args::of(stmt), 1);
        let Some(tok) = stmt.args.first() else {
            self.missing_arg(stmt, Kw::Framework, 0);
            return;
        };
        let value = crate::syntax::text::value(tok).unwrap_or_default();
        match value.trim_end_matches('版').trim_end_matches('年') {
            "2015" => ctx.framework = Framework::F2015,
            "2021" => ctx.framework = Framework::F2021,
            _ => self.diags.push(cat::unknown_framework(tok.span, tok.raw)),
        }
    }

    /// `define-unit 校次 count`: the unit joins the context's table and the
    /// sheet's list of declared units (with where it was declared).
    pub fn define_unit(
        &mut self,
        stmt: &Stmt<'_>,
        ctx: &mut SheetContext,
        declared: &mut DeclaredUnits,
    ) {
        self.no_block(stmt);
        let Some(name_tok) = stmt.args.first() else {
            self.missing_arg(stmt, Kw::DefineUnit, 0);
            return;
        };
        let name = crate::syntax::text::value(name_tok).unwrap_or_default();
        let Some(dim_tok) = stmt.args.get(1) else {
            self.missing_arg(stmt, Kw::DefineUnit, 1);
            return;
        };
        self.no_more_args(&Args::of(stmt), 2);
        if let Some(first) = declared.first.get(&name).copied() {
            self.diags
                .push(cat::unit_redefined(name_tok.span, &name, Some(first)));
            return;
        }
        if ctx.units.lookup(&name).is_some() {
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
                ctx.units.declare(&name, dim.clone());
                declared.first.insert(name.clone(), name_tok.span);
                declared.units.push(UnitDef {
                    name,
                    dimension: dim.name(),
                });
            }
            None => self
                .diags
                .push(cat::unknown_dimension(dim_tok.span, dim_tok.raw)),
        }
    }
}
