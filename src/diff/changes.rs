//! The diff's data: what changed, as the renderers and the JSON contract
//! (`jixiao-diff/1`) see it. Built by `compare`; every amount an exact decimal.

use super::target::TargetClass;
use super::text::{char_diff, inline, Segment};
use crate::model::{Indicator, Target};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

/// The version of the JSON contract.
pub const FORMAT: &str = "jixiao-diff/1";

/// An exact decimal, serialised as a string (`"78.00"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// An amount before and after: the difference and the relative change in percent, rounded
/// half away from zero to 2 decimals (`None` when the old amount is zero).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AmountChange {
    pub old: Amount,
    pub new: Amount,
    pub delta: Amount,
    pub relative: Option<Amount>,
}

impl AmountChange {
    pub fn new(old: Decimal, new: Decimal) -> AmountChange {
        let delta = new - old;
        let relative = if old.is_zero() {
            None
        } else {
            delta
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(old))
                .map(|r| {
                    let mut r = r.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                    r.rescale(2);
                    // -0.00 reads badly.
                    if r.is_zero() {
                        r.set_sign_positive(true);
                    }
                    Amount(r)
                })
        };
        AmountChange {
            old: Amount(old),
            new: Amount(new),
            delta: Amount(delta),
            relative,
        }
    }
}

/// Which sheet: body code and name, year and money unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SheetRef {
    pub code: Option<String>,
    pub name: String,
    pub year: i32,
    pub unit: String,
}

/// An edited text. `old` or `new` is null when the text was added or removed; `inline` is
/// the character diff written `能够[-按时-]{+及时+}支付`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub old: Option<String>,
    pub new: Option<String>,
    pub inline: String,
}

impl TextEdit {
    pub(super) fn new(old: Option<&str>, new: Option<&str>) -> TextEdit {
        TextEdit {
            old: old.map(str::to_string),
            new: new.map(str::to_string),
            inline: inline(&char_diff(old.unwrap_or(""), new.unwrap_or(""))),
        }
    }
    /// The character diff as segments (for renderers that mark it up).
    pub fn segments(&self) -> Vec<Segment> {
        char_diff(
            self.old.as_deref().unwrap_or(""),
            self.new.as_deref().unwrap_or(""),
        )
    }
}

/// An item of an ordered list (goal, measure), numbered from 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    pub index: usize,
    pub text: String,
}

/// An edited item of an ordered list: its number in each sheet and the text change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemEdit {
    pub old_index: usize,
    pub new_index: usize,
    #[serde(flatten)]
    pub edit: TextEdit,
}

/// A 分项目标 (title and text), numbered from 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ObjectiveItem {
    pub index: usize,
    pub title: String,
    pub text: String,
}

/// An indicator's place: canonical categories and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndicatorRef {
    pub level1: String,
    pub level2: String,
    pub name: String,
}

impl IndicatorRef {
    pub(super) fn of(i: &Indicator) -> IndicatorRef {
        IndicatorRef {
            level1: i.level1.to_string(),
            level2: i.level2.to_string(),
            name: i.name.clone(),
        }
    }
}

/// A category: canonical level-1 and level-2 names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    pub level1: String,
    pub level2: String,
}

/// One change. Serialised with a `"change"` tag in kebab-case (`"target-changed"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    // ---- the body (department block, define-unit)
    /// `field` is one of code, name, year, unit, framework.
    DepartmentChanged {
        field: &'static str,
        old: String,
        new: String,
    },
    UnitAdded {
        name: String,
        dimension: String,
    },
    UnitRemoved {
        name: String,
        dimension: String,
    },
    UnitChanged {
        name: String,
        old: String,
        new: String,
    },

    // ---- part 1 (overall)
    SummaryEdited(TextEdit),
    ObjectiveAdded(ObjectiveItem),
    ObjectiveRemoved(ObjectiveItem),
    ObjectiveEdited {
        old_index: usize,
        new_index: usize,
        title: TextEdit,
        text: TextEdit,
    },
    MeasureAdded(Item),
    MeasureRemoved(Item),
    MeasureEdited(ItemEdit),

    // ---- projects
    /// A new project: its budget (in the new sheet's unit) and size.
    ProjectAdded {
        budget: Amount,
        goals: usize,
        indicators: usize,
    },
    /// A dropped project: its budget (in the new sheet's unit) and size.
    ProjectRemoved {
        budget: Amount,
        goals: usize,
        indicators: usize,
    },
    /// Same code, new name.
    ProjectRenamed(TextEdit),
    /// Same name, new code.
    CodeChanged {
        old: Option<String>,
        new: Option<String>,
    },
    AgencyChanged(TextEdit),
    /// A field a local form adds (`field "项目负责人" "张三"`): given, dropped
    /// or edited, matched by its name.
    FieldChanged {
        name: String,
        edit: TextEdit,
    },
    BudgetChanged(AmountChange),
    /// A fund source; nested sources are written `财政资金/一般公共预算`.
    SourceAdded {
        source: String,
        amount: Amount,
    },
    SourceRemoved {
        source: String,
        amount: Amount,
    },
    SourceChanged {
        source: String,
        #[serde(flatten)]
        amount: AmountChange,
    },
    PurposeEdited(TextEdit),
    /// A spending plan checkpoint (cumulative percent at the end of `month`).
    PlanAdded {
        month: u32,
        percent: Amount,
    },
    PlanRemoved {
        month: u32,
        percent: Amount,
    },
    PlanChanged {
        month: u32,
        old: Amount,
        new: Amount,
    },
    GoalAdded(Item),
    GoalRemoved(Item),
    GoalEdited(ItemEdit),
    /// The 实施期 text (null when there is none).
    PeriodEdited(TextEdit),
    PeriodGoalAdded(Item),
    PeriodGoalRemoved(Item),
    PeriodGoalEdited(ItemEdit),

    // ---- indicators (of a project or of the body)
    IndicatorAdded {
        indicator: IndicatorRef,
        target: Option<Target>,
    },
    IndicatorRemoved {
        indicator: IndicatorRef,
        target: Option<Target>,
    },
    /// Same name, another category; `indicator` is the new place.
    IndicatorMoved {
        indicator: IndicatorRef,
        from: Category,
    },
    /// Same category and position, new name; `indicator` has the new name.
    IndicatorRenamed {
        indicator: IndicatorRef,
        #[serde(flatten)]
        name: TextEdit,
    },
    DescriptionEdited {
        indicator: IndicatorRef,
        #[serde(flatten)]
        description: TextEdit,
    },
    TargetChanged {
        indicator: IndicatorRef,
        class: TargetClass,
        old: Option<Target>,
        new: Option<Target>,
    },
    /// `field` is one of basis, weight, last, explain, scoring, core (`"true"`/`"false"`).
    IndicatorFieldChanged {
        indicator: IndicatorRef,
        field: &'static str,
        old: Option<String>,
        new: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectStatus {
    Added,
    Removed,
    Changed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    Code,
    Name,
}

/// Budget of a project before and after (null on the side where it does not exist).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectBudget {
    pub old: Option<Amount>,
    pub new: Option<Amount>,
    pub delta: Amount,
    pub relative: Option<Amount>,
}

/// A project that was added, removed or changed, with its changes in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectDiff {
    pub status: ProjectStatus,
    /// The code (null when the sheet gives none) and name in the new sheet
    /// (the old sheet for a removed project).
    pub code: Option<String>,
    pub name: String,
    /// The code and name in the old sheet (null for an added project).
    pub old_code: Option<String>,
    pub old_name: Option<String>,
    /// How the project was matched (null unless changed).
    pub matched_by: Option<MatchedBy>,
    /// Index of the project in the old and the new sheet, from 0.
    pub old_position: Option<usize>,
    pub new_position: Option<usize>,
    pub budget: ProjectBudget,
    pub changes: Vec<Change>,
}

/// Counts over the whole diff.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChangeCounts {
    pub changes: usize,
    pub indicators_added: usize,
    pub indicators_removed: usize,
    pub targets_tightened: usize,
    pub targets_loosened: usize,
    pub targets_changed: usize,
    pub targets_kind_changed: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffTotals {
    pub projects_added: usize,
    pub projects_removed: usize,
    pub projects_changed: usize,
    pub projects_unchanged: usize,
    /// Sum of the project budgets, in the new sheet's unit.
    pub budget: AmountChange,
    #[serde(flatten)]
    pub counts: ChangeCounts,
}

/// The semantic difference of two sheets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SheetDiff {
    pub format: &'static str,
    pub old: SheetRef,
    pub new: SheetRef,
    /// True when the two sheets mean the same.
    pub same: bool,
    /// Department block and unit definitions.
    pub body: Vec<Change>,
    /// Part 1: summary, objectives, measures, body-level indicators.
    pub overall: Vec<Change>,
    /// Projects added, removed or changed: the new sheet's order, each removed project
    /// after the project that preceded it in the old sheet.
    pub projects: Vec<ProjectDiff>,
    pub totals: DiffTotals,
}

impl SheetDiff {
    /// True when the two sheets mean the same.
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.overall.is_empty() && self.projects.is_empty()
    }

    /// Every change with the project it belongs to (None for body and part 1).
    pub fn all_changes(&self) -> impl Iterator<Item = (Option<&ProjectDiff>, &Change)> {
        self.body
            .iter()
            .chain(&self.overall)
            .map(|c| (None, c))
            .chain(
                self.projects
                    .iter()
                    .flat_map(|p| p.changes.iter().map(move |c| (Some(p), c))),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_change_is_exact() {
        let c = AmountChange::new(Decimal::new(7800, 2), Decimal::new(8000, 2));
        assert_eq!(c.delta.to_string(), "2.00");
        assert_eq!(c.relative.unwrap().to_string(), "2.56");
        let c = AmountChange::new(Decimal::new(3000, 2), Decimal::new(2000, 2));
        assert_eq!(c.relative.unwrap().to_string(), "-33.33");
        let c = AmountChange::new(Decimal::new(3, 0), Decimal::new(6, 0));
        assert_eq!(c.relative.unwrap().to_string(), "100.00");
        // 1/8 = 0.125% → 0.13 (half away from zero)
        let c = AmountChange::new(Decimal::new(800, 0), Decimal::new(801, 0));
        assert_eq!(c.relative.unwrap().to_string(), "0.13");
        assert_eq!(
            AmountChange::new(Decimal::ZERO, Decimal::ONE).relative,
            None
        );
    }
}
