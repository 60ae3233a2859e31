//! One change described in words, as a line of styled pieces: the text rendering paints
//! the pieces with ANSI colours, the HTML page marks them up.

use super::changes::{Amount, AmountChange, Change, IndicatorRef, Item, ItemEdit, TextEdit};
use super::messages::{self as m, Text};
use super::target::TargetClass;
use super::text::Segment;
use crate::diag::Lang;
use crate::model::Target;

/// How a piece of a line is painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Added,
    Removed,
    Changed,
    Bold,
    /// Deleted text of an inline diff.
    Del,
    /// Inserted text of an inline diff.
    Ins,
    Tightened,
    Loosened,
}

/// A line under construction: styled pieces of text.
#[derive(Default)]
pub(super) struct Line(pub(super) Vec<(Style, String)>);

impl Line {
    pub(super) fn push(&mut self, style: Style, text: impl Into<String>) -> &mut Line {
        self.0.push((style, text.into()));
        self
    }
    pub(super) fn plain(&mut self, text: impl Into<String>) -> &mut Line {
        self.push(Style::Plain, text)
    }
    /// An inline character diff: deleted and inserted pieces.
    fn inline(&mut self, edit: &TextEdit) -> &mut Line {
        for seg in edit.segments() {
            match seg {
                Segment::Equal(t) => self.plain(t),
                Segment::Delete(t) => self.push(Style::Del, t),
                Segment::Insert(t) => self.push(Style::Ins, t),
            };
        }
        self
    }
}

fn signed(d: &Amount) -> String {
    if d.0.is_sign_negative() && !d.0.is_zero() {
        d.0.to_string()
    } else {
        format!("+{}", d.0)
    }
}

/// `78.00 → 80.00 万元（+2.00，+2.56%）`
pub(super) fn amount_change(c: &AmountChange, unit: &str, lang: Lang) -> String {
    let rel = match &c.relative {
        Some(r) => format!("{}{}%", m::COMMA.get(lang), signed(r)),
        None => String::new(),
    };
    format!(
        "{} → {} {}{}{}{}{}",
        c.old,
        c.new,
        unit,
        m::OPEN.get(lang),
        signed(&c.delta),
        rel,
        m::CLOSE.get(lang)
    )
}

fn cat(level1: &str, level2: &str) -> String {
    format!("{level1}/{level2}")
}

fn ind(r: &IndicatorRef) -> String {
    format!("{} 「{}」", cat(&r.level1, &r.level2), r.name)
}

fn kind_name(t: &Option<Target>) -> String {
    let Some(t) = t else {
        return "—".to_string();
    };
    serde_json::to_value(t.kind())
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A target as written; a dash for an indicator whose name is its statement.
fn text_of(t: &Option<Target>) -> &str {
    t.as_ref().map_or("—", |t| t.text.as_str())
}

fn opt_text(s: &Option<String>, lang: Lang) -> String {
    match s {
        Some(s) if s == "true" => m::YES.get(lang).to_string(),
        Some(s) if s == "false" => m::NO.get(lang).to_string(),
        Some(s) => s.clone(),
        None => m::ABSENT.get(lang).to_string(),
    }
}

/// Whether a change adds, removes or changes something.
pub(super) fn sign(c: &Change) -> char {
    use Change::*;
    match c {
        UnitAdded { .. }
        | ObjectiveAdded(_)
        | MeasureAdded(_)
        | ProjectAdded { .. }
        | SourceAdded { .. }
        | PlanAdded { .. }
        | GoalAdded(_)
        | PeriodGoalAdded(_)
        | IndicatorAdded { .. } => '+',
        UnitRemoved { .. }
        | ObjectiveRemoved(_)
        | MeasureRemoved(_)
        | ProjectRemoved { .. }
        | SourceRemoved { .. }
        | PlanRemoved { .. }
        | GoalRemoved(_)
        | PeriodGoalRemoved(_)
        | IndicatorRemoved { .. } => '-',
        _ => '~',
    }
}

/// Appends the description of one change to `l`; amounts are in `unit`.
pub(super) fn describe(c: &Change, unit: &str, lang: Lang, l: &mut Line) {
    use Change::*;
    let t = |text: Text| text.get(lang);
    let colon = t(m::COLON);
    match c {
        DepartmentChanged { field, old, new } => {
            l.plain(format!("{}{colon}{old} → {new}", t(m::field(field))));
        }
        UnitAdded { name, dimension } => {
            l.plain(format!("{}{colon}{name} ({dimension})", t(m::UNIT_ADDED)));
        }
        UnitRemoved { name, dimension } => {
            l.plain(format!("{}{colon}{name} ({dimension})", t(m::UNIT_REMOVED)));
        }
        UnitChanged { name, old, new } => {
            l.plain(format!("{} {name}{colon}{old} → {new}", t(m::UNIT_CHANGED)));
        }
        SummaryEdited(e) => {
            l.plain(format!("{}{colon}", t(m::SUMMARY_EDITED)))
                .inline(e);
        }
        ObjectiveAdded(o) | ObjectiveRemoved(o) => {
            let what = if matches!(c, ObjectiveAdded(_)) {
                t(m::OBJECTIVE_ADDED)
            } else {
                t(m::OBJECTIVE_REMOVED)
            };
            l.plain(format!(
                "{what} {}「{}」{colon}{}",
                o.index, o.title, o.text
            ));
        }
        ObjectiveEdited {
            old_index,
            new_index,
            title,
            text,
        } => {
            l.plain(format!(
                "{} {}{colon}「",
                t(m::OBJECTIVE_EDITED),
                index_pair(*old_index, *new_index)
            ))
            .inline(title)
            .plain("」");
            if text.old != text.new {
                l.plain(colon).inline(text);
            }
        }
        MeasureAdded(i) => list_item(l, t(m::MEASURE_ADDED), i, colon),
        MeasureRemoved(i) => list_item(l, t(m::MEASURE_REMOVED), i, colon),
        MeasureEdited(e) => list_edit(l, t(m::MEASURE_EDITED), e, colon),
        ProjectAdded {
            budget,
            goals,
            indicators,
        }
        | ProjectRemoved {
            budget,
            goals,
            indicators,
        } => {
            let what = if matches!(c, ProjectAdded { .. }) {
                t(m::PROJECT_ADDED)
            } else {
                t(m::PROJECT_REMOVED)
            };
            let size = m::project_size(lang, &budget.to_string(), unit, *goals, *indicators);
            l.plain(format!("{what}{colon}{size}"));
        }
        ProjectRenamed(e) => {
            l.plain(format!(
                "{}{colon}{} → {}",
                t(m::PROJECT_RENAMED),
                e.old.as_deref().unwrap_or(""),
                e.new.as_deref().unwrap_or("")
            ));
        }
        CodeChanged { old, new } => {
            let (old, new) = (old.as_deref().unwrap_or("—"), new.as_deref().unwrap_or("—"));
            l.plain(format!(
                "{}{colon}{old} → {new}{}",
                t(m::CODE_CHANGED),
                t(m::MATCHED_BY_NAME)
            ));
        }
        AgencyChanged(e) => {
            l.plain(format!("{}{colon}", t(m::AGENCY_CHANGED)))
                .inline(e);
        }
        FieldChanged { name, edit } => {
            l.plain(format!("{} {name}{colon}", t(m::FIELD_CHANGED)))
                .inline(edit);
        }
        BudgetChanged(a) => {
            l.plain(format!(
                "{}{colon}{}",
                t(m::BUDGET),
                amount_change(a, unit, lang)
            ));
        }
        SourceAdded { source, amount } => {
            l.plain(format!(
                "{} {source}{colon}{amount} {unit}",
                t(m::SOURCE_ADDED)
            ));
        }
        SourceRemoved { source, amount } => {
            l.plain(format!(
                "{} {source}{colon}{amount} {unit}",
                t(m::SOURCE_REMOVED)
            ));
        }
        SourceChanged { source, amount } => {
            l.plain(format!(
                "{} {source}{colon}{}",
                t(m::SOURCE),
                amount_change(amount, unit, lang)
            ));
        }
        PurposeEdited(e) => {
            l.plain(format!("{}{colon}", t(m::PURPOSE_EDITED)))
                .inline(e);
        }
        PlanAdded { month, percent } => {
            l.plain(format!(
                "{}{colon}{} {percent}%",
                t(m::PLAN_ADDED),
                m::month(lang, *month)
            ));
        }
        PlanRemoved { month, percent } => {
            l.plain(format!(
                "{}{colon}{} {percent}%",
                t(m::PLAN_REMOVED),
                m::month(lang, *month)
            ));
        }
        PlanChanged { month, old, new } => {
            l.plain(format!(
                "{} {}{colon}{old}% → {new}%",
                t(m::PLAN),
                m::month(lang, *month)
            ));
        }
        GoalAdded(i) => list_item(l, t(m::GOAL_ADDED), i, colon),
        GoalRemoved(i) => list_item(l, t(m::GOAL_REMOVED), i, colon),
        GoalEdited(e) => list_edit(l, t(m::GOAL_EDITED), e, colon),
        PeriodEdited(e) => {
            l.plain(format!("{}{colon}", t(m::PERIOD_EDITED))).inline(e);
        }
        PeriodGoalAdded(i) => list_item(l, t(m::PERIOD_GOAL_ADDED), i, colon),
        PeriodGoalRemoved(i) => list_item(l, t(m::PERIOD_GOAL_REMOVED), i, colon),
        PeriodGoalEdited(e) => list_edit(l, t(m::PERIOD_GOAL_EDITED), e, colon),
        IndicatorAdded { indicator, target } | IndicatorRemoved { indicator, target } => {
            let label = if matches!(c, IndicatorAdded { .. }) {
                t(m::INDICATOR_ADDED)
            } else {
                t(m::INDICATOR_REMOVED)
            };
            l.plain(format!(
                "{label}{colon}{} {}",
                ind(indicator),
                text_of(target)
            ));
        }
        IndicatorMoved { indicator, from } => {
            l.plain(format!(
                "{}{colon}「{}」 {} → {}",
                t(m::INDICATOR_MOVED),
                indicator.name,
                cat(&from.level1, &from.level2),
                cat(&indicator.level1, &indicator.level2)
            ));
        }
        IndicatorRenamed { indicator, name } => {
            l.plain(format!(
                "{}{colon}{} 「{}」 → 「{}」",
                t(m::INDICATOR_RENAMED),
                cat(&indicator.level1, &indicator.level2),
                name.old.as_deref().unwrap_or(""),
                name.new.as_deref().unwrap_or("")
            ));
        }
        DescriptionEdited {
            indicator,
            description,
        } => {
            l.plain(format!(
                "{} {}{colon}",
                t(m::DESCRIPTION_EDITED),
                ind(indicator)
            ))
            .inline(description);
        }
        TargetChanged {
            indicator,
            class,
            old,
            new,
        } => {
            let style = match class {
                TargetClass::Tightened => Style::Tightened,
                TargetClass::Loosened => Style::Loosened,
                _ => Style::Changed,
            };
            l.push(style, t(m::class(*class)));
            l.plain(format!(
                " {}{colon}{} → {}",
                ind(indicator),
                text_of(old),
                text_of(new)
            ));
            if *class == TargetClass::KindChanged {
                l.plain(format!(" ({} → {})", kind_name(old), kind_name(new)));
            }
        }
        IndicatorFieldChanged {
            indicator,
            field,
            old,
            new,
        } => {
            l.plain(format!(
                "{} {}{colon}{} → {}",
                t(m::field(field)),
                ind(indicator),
                opt_text(old, lang),
                opt_text(new, lang)
            ));
        }
    }
}

fn index_pair(old: usize, new: usize) -> String {
    if old == new {
        old.to_string()
    } else {
        format!("{old}→{new}")
    }
}

fn list_item(l: &mut Line, what: &str, i: &Item, colon: &str) {
    l.plain(format!("{what} {}{colon}{}", i.index, i.text));
}

fn list_edit(l: &mut Line, what: &str, e: &ItemEdit, colon: &str) {
    l.plain(format!(
        "{what} {}{colon}",
        index_pair(e.old_index, e.new_index)
    ))
    .inline(&e.edit);
}
