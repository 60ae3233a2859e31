//! An evaluation against the target sheet it names: the project must be
//! the sheet's, every indicator of the sheet evaluated, none added, and
//! every target quoted as the sheet sets it.

use super::super::checker::Checker;
use super::read::ProjectSpans;
use crate::diag::catalogue as cat;
use crate::lang::choices::FormKind;
use crate::lang::units::money_factor;
use crate::model::{EvalProject, Indicator, Sheet, Target};
use rust_decimal::Decimal;

/// Two targets say the same: the same comparison, value and nature,
/// whatever the spelling (`≥90%` and `>= 90%`; `定性 巩固提高` and `巩固提高`).
fn same_target(a: &Target, b: &Target) -> bool {
    a.op == b.op && a.value == b.value && a.nature() == b.nature()
}

impl Checker<'_> {
    /// A project's table against its project of the sheet.
    pub fn against_sheet(&mut self, p: &EvalProject, spans: &ProjectSpans, sheet: &Sheet) {
        let found = sheet.projects.iter().find(|s| match (&p.code, &s.code) {
            (Some(a), Some(b)) => a == b,
            _ => s.name == p.name,
        });
        let Some(sp) = found else {
            // The name is the sheet's, the code another: say so.
            let same_name = p
                .code
                .as_ref()
                .and_then(|_| sheet.projects.iter().find(|s| s.name == p.name))
                .and_then(|s| s.code.as_deref());
            self.diags
                .push(cat::project_not_in_sheet(spans.name, &p.name, same_name));
            return;
        };
        self.against_indicators(p, spans, &sp.indicators, false);
        self.against_budget(p, spans, sheet, Some(sp.budget.total));
    }

    /// 年初预算数 is the budget approved at the start of the year: the
    /// sheet's, unless the sheet is the request (申报表, 审批表).
    fn against_budget(
        &mut self,
        p: &EvalProject,
        spans: &ProjectSpans,
        sheet: &Sheet,
        budget: Option<Decimal>,
    ) {
        if matches!(
            sheet.department.form,
            Some(FormKind::Application | FormKind::Approval)
        ) {
            return;
        }
        let (Some(initial), Some(at), Some(budget)) = (
            p.execution.as_ref().and_then(|x| x.amounts.initial),
            spans.initial,
            budget,
        ) else {
            return;
        };
        // The form may keep its amounts in another money unit.
        let (Some(f), Some(g)) = (
            money_factor(self.ctx.money_unit()),
            money_factor(&sheet.department.unit),
        ) else {
            return;
        };
        if initial * f != budget * g {
            self.diags.push(cat::initial_differs(
                at,
                &initial.to_string(),
                &budget.to_string(),
                &sheet.department.unit,
            ));
        }
    }

    /// The body's table (部门整体) against the sheet's `overall` indicators.
    pub fn against_overall(&mut self, p: &EvalProject, spans: &ProjectSpans, sheet: &Sheet) {
        self.against_indicators(p, spans, &sheet.overall.indicators, true);
        let total = sheet.department.budget.as_ref().map(|b| b.total);
        self.against_budget(p, spans, sheet, total);
    }

    /// Every evaluated indicator is one of `set`, quoted as set; every one of
    /// `set` is evaluated (unless the copy is incomplete).
    fn against_indicators(
        &mut self,
        p: &EvalProject,
        spans: &ProjectSpans,
        set: &[Indicator],
        whole: bool,
    ) {
        for (e, at) in p.indicators.iter().zip(&spans.indicators) {
            match set.iter().find(|s| e.evaluates(s)) {
                None => self
                    .diags
                    .push(cat::indicator_not_in_sheet(at.name, &e.name, whole)),
                Some(s) => {
                    if let (Some(quoted), Some(set)) = (&e.target, &s.target) {
                        if !same_target(quoted, set) {
                            self.diags.push(cat::target_differs(
                                at.target,
                                &quoted.text,
                                &set.text,
                            ));
                        }
                    }
                }
            }
        }
        if p.truncated.is_some() {
            return;
        }
        for s in set.iter().filter(|s| !s.is_listed_only()) {
            // A row the form writes but that could not be read is reported
            // as such, not as missing.
            if !p.indicators.iter().any(|e| e.evaluates(s)) && !spans.unread.contains(&s.name) {
                let target = s.target.as_ref().map_or("", |t| t.text.as_str());
                self.diags
                    .push(cat::sheet_indicator_missing(spans.name, &s.name, target));
            }
        }
    }
}
