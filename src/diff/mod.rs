//! Semantic diff of two checked sheets: what changed from one year to the next.
//!
//! The diff works on the model, never on the text, so layout and comments do not count.
//! Projects are matched by code, then by name (a changed code); indicators by
//! (level 1, level 2, name), then by name across categories (moved), then by position
//! within the same level 2 (renamed). Amounts are exact decimals throughout.
//!
//! [`diff`] builds a [`SheetDiff`]; [`render_text`], [`render_json`] and [`render_html`]
//! print it. The JSON contract (`jixiao-diff/1`) is documented in `docs/diff.md`.

mod html;
mod target;
mod text;
mod textual;

pub use html::render_html;
pub use target::{classify, TargetClass};
pub use text::{char_diff, inline, similarity_permille, Segment};
pub use textual::render_text;

use crate::lang::units::money_factor;
use crate::model::{Checkpoint, Indicator, Project, Sheet, Source, Target};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// The version of the JSON contract.
pub const FORMAT: &str = "jixiao-diff/1";

/// Two list items (goals, measures, …) with at least this similarity (per mille) that sit
/// at the same place are one edited item rather than a removal and an addition.
const EDIT_SIMILARITY: u32 = 500;

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
    pub code: String,
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
    fn new(old: Option<&str>, new: Option<&str>) -> TextEdit {
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
    fn of(i: &Indicator) -> IndicatorRef {
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
        old: String,
        new: String,
    },
    AgencyChanged(TextEdit),
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
        target: Target,
    },
    IndicatorRemoved {
        indicator: IndicatorRef,
        target: Target,
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
        old: Target,
        new: Target,
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
    /// The code and name in the new sheet (the old sheet for a removed project).
    pub code: String,
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

/// The diff as JSON (`jixiao-diff/1`), pretty-printed, with a final newline.
/// Deterministic: the same two sheets always give the same bytes.
pub fn render_json(d: &SheetDiff) -> String {
    let mut s = serde_json::to_string_pretty(d).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

/// A sheet with the department of `s` and nothing else: the missing side when a file was
/// added or deleted (git passes `/dev/null`), so that every project shows as added or
/// removed.
pub fn empty_like(s: &Sheet) -> Sheet {
    Sheet {
        format: s.format,
        department: s.department.clone(),
        overall: Default::default(),
        projects: Vec::new(),
        units: Vec::new(),
        totals: crate::model::Totals {
            budget: Decimal::ZERO,
            projects: 0,
            indicators: 0,
        },
    }
}

// ---------------------------------------------------------------------------------------
// Building the diff

/// Compares two sheets.
pub fn diff(old: &Sheet, new: &Sheet) -> SheetDiff {
    let ctx = Ctx {
        // Old amounts are brought to the new sheet's unit.
        factor: match (
            money_factor(&old.department.unit),
            money_factor(&new.department.unit),
        ) {
            (Some(a), Some(b)) => a.checked_div(b).unwrap_or(Decimal::ONE),
            _ => Decimal::ONE,
        },
        years: new.department.year.saturating_sub(old.department.year),
    };

    let body = diff_body(old, new);
    let overall = diff_overall(old, new, &ctx);
    let projects = diff_projects(&old.projects, &new.projects, &ctx);

    let count = |s: ProjectStatus| projects.iter().filter(|p| p.status == s).count();
    let (added, removed, changed) = (
        count(ProjectStatus::Added),
        count(ProjectStatus::Removed),
        count(ProjectStatus::Changed),
    );
    let mut d = SheetDiff {
        format: FORMAT,
        old: sheet_ref(old),
        new: sheet_ref(new),
        same: false,
        body,
        overall,
        projects,
        totals: DiffTotals {
            projects_added: added,
            projects_removed: removed,
            projects_changed: changed,
            projects_unchanged: new.projects.len() - added - changed,
            budget: AmountChange::new(ctx.conv(old.totals.budget), new.totals.budget),
            counts: ChangeCounts::default(),
        },
    };
    let mut counts = ChangeCounts::default();
    for (_, c) in d.all_changes() {
        counts.changes += 1;
        match c {
            Change::IndicatorAdded { .. } => counts.indicators_added += 1,
            Change::IndicatorRemoved { .. } => counts.indicators_removed += 1,
            Change::TargetChanged { class, .. } => match class {
                TargetClass::Tightened => counts.targets_tightened += 1,
                TargetClass::Loosened => counts.targets_loosened += 1,
                TargetClass::Changed => counts.targets_changed += 1,
                TargetClass::KindChanged => counts.targets_kind_changed += 1,
            },
            _ => {}
        }
    }
    d.totals.counts = counts;
    d.same = d.is_empty();
    d
}

struct Ctx {
    /// Multiplies old amounts into the new sheet's money unit.
    factor: Decimal,
    /// New year minus old year.
    years: i32,
}

impl Ctx {
    fn conv(&self, d: Decimal) -> Decimal {
        d.checked_mul(self.factor).unwrap_or(d)
    }
}

fn sheet_ref(s: &Sheet) -> SheetRef {
    SheetRef {
        code: s.department.code.clone(),
        name: s.department.name.clone(),
        year: s.department.year,
        unit: s.department.unit.clone(),
    }
}

fn diff_body(old: &Sheet, new: &Sheet) -> Vec<Change> {
    let (a, b) = (&old.department, &new.department);
    let mut out = Vec::new();
    let fields: [(&'static str, String, String); 5] = [
        ("code", a.code.clone(), b.code.clone()),
        ("name", a.name.clone(), b.name.clone()),
        ("year", a.year.to_string(), b.year.to_string()),
        ("unit", a.unit.clone(), b.unit.clone()),
        ("framework", a.framework.clone(), b.framework.clone()),
    ];
    for (field, o, n) in fields {
        if o != n {
            out.push(Change::DepartmentChanged {
                field,
                old: o,
                new: n,
            });
        }
    }
    let ou: BTreeMap<&str, &str> = old
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.dimension.as_str()))
        .collect();
    let nu: BTreeMap<&str, &str> = new
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.dimension.as_str()))
        .collect();
    for u in &old.units {
        match nu.get(u.name.as_str()) {
            None => out.push(Change::UnitRemoved {
                name: u.name.clone(),
                dimension: u.dimension.clone(),
            }),
            Some(d) if *d != u.dimension => out.push(Change::UnitChanged {
                name: u.name.clone(),
                old: u.dimension.clone(),
                new: d.to_string(),
            }),
            _ => {}
        }
    }
    for u in &new.units {
        if !ou.contains_key(u.name.as_str()) {
            out.push(Change::UnitAdded {
                name: u.name.clone(),
                dimension: u.dimension.clone(),
            });
        }
    }
    out
}

fn diff_overall(old: &Sheet, new: &Sheet, ctx: &Ctx) -> Vec<Change> {
    let (a, b) = (&old.overall, &new.overall);
    let mut out = Vec::new();
    if a.summary != b.summary {
        out.push(Change::SummaryEdited(TextEdit::new(
            a.summary.as_deref(),
            b.summary.as_deref(),
        )));
    }
    // Objectives: anchored on identical ones, paired by title, then by similar text.
    let steps = align(&a.objectives, &b.objectives, |x, y| {
        if x.title == y.title {
            Some(1000)
        } else {
            let s = similarity_permille(&x.text, &y.text);
            (s >= EDIT_SIMILARITY).then_some(s)
        }
    });
    let obj = |i: usize, o: &crate::model::Objective| ObjectiveItem {
        index: i + 1,
        title: o.title.clone(),
        text: o.text.clone(),
    };
    for step in steps {
        match step {
            Step::Same(..) => {}
            Step::Removed(i) => out.push(Change::ObjectiveRemoved(obj(i, &a.objectives[i]))),
            Step::Added(j) => out.push(Change::ObjectiveAdded(obj(j, &b.objectives[j]))),
            Step::Paired(i, j) => {
                let (x, y) = (&a.objectives[i], &b.objectives[j]);
                out.push(Change::ObjectiveEdited {
                    old_index: i + 1,
                    new_index: j + 1,
                    title: TextEdit::new(Some(&x.title), Some(&y.title)),
                    text: TextEdit::new(Some(&x.text), Some(&y.text)),
                });
            }
        }
    }
    diff_list(
        &a.measures,
        &b.measures,
        &mut out,
        Change::MeasureAdded,
        Change::MeasureRemoved,
        Change::MeasureEdited,
    );
    diff_indicators(&a.indicators, &b.indicators, ctx, &mut out);
    out
}

fn diff_projects(old: &[Project], new: &[Project], ctx: &Ctx) -> Vec<ProjectDiff> {
    // match_of_new[j] = (old index, how)
    let mut old_used = vec![false; old.len()];
    let mut match_of_new: Vec<Option<(usize, MatchedBy)>> = vec![None; new.len()];
    for (j, p) in new.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| !old_used[i] && old[i].code == p.code) {
            old_used[i] = true;
            match_of_new[j] = Some((i, MatchedBy::Code));
        }
    }
    for (j, p) in new.iter().enumerate() {
        if match_of_new[j].is_some() {
            continue;
        }
        if let Some(i) = (0..old.len()).find(|&i| !old_used[i] && old[i].name == p.name) {
            old_used[i] = true;
            match_of_new[j] = Some((i, MatchedBy::Name));
        }
    }
    let mut new_of_old: Vec<Option<usize>> = vec![None; old.len()];
    for (j, m) in match_of_new.iter().enumerate() {
        if let Some((i, _)) = m {
            new_of_old[*i] = Some(j);
        }
    }

    // Entries with a sort key: (slot, rank). New projects take slot j + 1; a removed
    // project goes after the new place of the nearest matched project before it.
    let mut entries: Vec<((usize, usize), ProjectDiff)> = Vec::new();
    for (j, p) in new.iter().enumerate() {
        let key = (j + 1, 0);
        match match_of_new[j] {
            None => entries.push((key, added_project(p, j, ctx))),
            Some((i, how)) => {
                let changes = diff_project(&old[i], p, ctx);
                if !changes.is_empty() {
                    let (o, n) = (ctx.conv(old[i].budget.total), p.budget.total);
                    let ch = AmountChange::new(o, n);
                    entries.push((
                        key,
                        ProjectDiff {
                            status: ProjectStatus::Changed,
                            code: p.code.clone(),
                            name: p.name.clone(),
                            old_code: Some(old[i].code.clone()),
                            old_name: Some(old[i].name.clone()),
                            matched_by: Some(how),
                            old_position: Some(i),
                            new_position: Some(j),
                            budget: ProjectBudget {
                                old: Some(ch.old),
                                new: Some(ch.new),
                                delta: ch.delta,
                                relative: ch.relative,
                            },
                            changes,
                        },
                    ));
                }
            }
        }
    }
    for (i, p) in old.iter().enumerate() {
        if old_used[i] {
            continue;
        }
        let slot = (0..i)
            .rev()
            .find_map(|k| new_of_old[k].map(|j| j + 1))
            .unwrap_or(0);
        entries.push(((slot, i + 1), removed_project(p, i, ctx)));
    }
    entries.sort_by_key(|(k, _)| *k);
    entries.into_iter().map(|(_, e)| e).collect()
}

fn added_project(p: &Project, j: usize, _ctx: &Ctx) -> ProjectDiff {
    let b = p.budget.total;
    ProjectDiff {
        status: ProjectStatus::Added,
        code: p.code.clone(),
        name: p.name.clone(),
        old_code: None,
        old_name: None,
        matched_by: None,
        old_position: None,
        new_position: Some(j),
        budget: ProjectBudget {
            old: None,
            new: Some(Amount(b)),
            delta: Amount(b),
            relative: None,
        },
        changes: vec![Change::ProjectAdded {
            budget: Amount(b),
            goals: p.goals.len(),
            indicators: p.indicators.len(),
        }],
    }
}

fn removed_project(p: &Project, i: usize, ctx: &Ctx) -> ProjectDiff {
    let b = ctx.conv(p.budget.total);
    ProjectDiff {
        status: ProjectStatus::Removed,
        code: p.code.clone(),
        name: p.name.clone(),
        old_code: Some(p.code.clone()),
        old_name: Some(p.name.clone()),
        matched_by: None,
        old_position: Some(i),
        new_position: None,
        budget: ProjectBudget {
            old: Some(Amount(b)),
            new: None,
            delta: Amount(-b),
            relative: Some(Amount(Decimal::new(-10000, 2))),
        },
        changes: vec![Change::ProjectRemoved {
            budget: Amount(b),
            goals: p.goals.len(),
            indicators: p.indicators.len(),
        }],
    }
}

fn diff_project(a: &Project, b: &Project, ctx: &Ctx) -> Vec<Change> {
    let mut out = Vec::new();
    if a.code != b.code {
        out.push(Change::CodeChanged {
            old: a.code.clone(),
            new: b.code.clone(),
        });
    }
    if a.name != b.name {
        out.push(Change::ProjectRenamed(TextEdit::new(
            Some(&a.name),
            Some(&b.name),
        )));
    }
    if a.agency != b.agency {
        out.push(Change::AgencyChanged(TextEdit::new(
            a.agency.as_deref(),
            b.agency.as_deref(),
        )));
    }
    let (ot, nt) = (ctx.conv(a.budget.total), b.budget.total);
    if ot != nt {
        out.push(Change::BudgetChanged(AmountChange::new(ot, nt)));
    }
    diff_sources(&a.budget.sources, &b.budget.sources, ctx, &mut out);
    if a.purpose != b.purpose {
        out.push(Change::PurposeEdited(TextEdit::new(
            a.purpose.as_deref(),
            b.purpose.as_deref(),
        )));
    }
    diff_plan(&a.plan, &b.plan, &mut out);
    diff_list(
        &a.goals,
        &b.goals,
        &mut out,
        Change::GoalAdded,
        Change::GoalRemoved,
        Change::GoalEdited,
    );
    let pt = |p: &Option<crate::model::Period>| p.as_ref().map(|p| p.text.clone());
    if pt(&a.period) != pt(&b.period) {
        out.push(Change::PeriodEdited(TextEdit::new(
            pt(&a.period).as_deref(),
            pt(&b.period).as_deref(),
        )));
    }
    let empty = Vec::new();
    let pg = |p: &Option<crate::model::Period>| -> Vec<String> {
        p.as_ref().map(|p| p.goals.clone()).unwrap_or_default()
    };
    let (ag, bg) = (pg(&a.period), pg(&b.period));
    diff_list(
        if a.period.is_some() { &ag } else { &empty },
        &bg,
        &mut out,
        Change::PeriodGoalAdded,
        Change::PeriodGoalRemoved,
        Change::PeriodGoalEdited,
    );
    diff_indicators(&a.indicators, &b.indicators, ctx, &mut out);
    out
}

/// Fund sources flattened to paths (`财政资金/一般公共预算`) with their summed amounts, in
/// order of first appearance.
fn flatten_sources(sources: &[Source], prefix: &str, out: &mut Vec<(String, Decimal)>) {
    for s in sources {
        let path = if prefix.is_empty() {
            s.name.clone()
        } else {
            format!("{prefix}/{}", s.name)
        };
        match out.iter_mut().find(|(p, _)| *p == path) {
            Some((_, amount)) => *amount += s.amount,
            None => out.push((path.clone(), s.amount)),
        }
        flatten_sources(&s.sources, &path, out);
    }
}

fn diff_sources(old: &[Source], new: &[Source], ctx: &Ctx, out: &mut Vec<Change>) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten_sources(old, "", &mut a);
    flatten_sources(new, "", &mut b);
    for (path, amount) in &a {
        let o = ctx.conv(*amount);
        match b.iter().find(|(p, _)| p == path) {
            // A source of zero is the same as no source.
            None if o.is_zero() => {}
            None => out.push(Change::SourceRemoved {
                source: path.clone(),
                amount: Amount(o),
            }),
            Some((_, n)) if *n != o => out.push(Change::SourceChanged {
                source: path.clone(),
                amount: AmountChange::new(o, *n),
            }),
            Some(_) => {}
        }
    }
    for (path, amount) in &b {
        if !amount.is_zero() && !a.iter().any(|(p, _)| p == path) {
            out.push(Change::SourceAdded {
                source: path.clone(),
                amount: Amount(*amount),
            });
        }
    }
}

fn diff_plan(old: &[Checkpoint], new: &[Checkpoint], out: &mut Vec<Change>) {
    let a: BTreeMap<u32, Decimal> = old.iter().map(|c| (c.month, c.percent)).collect();
    let b: BTreeMap<u32, Decimal> = new.iter().map(|c| (c.month, c.percent)).collect();
    let mut months: Vec<u32> = a.keys().chain(b.keys()).copied().collect();
    months.sort_unstable();
    months.dedup();
    for m in months {
        match (a.get(&m), b.get(&m)) {
            (Some(&o), None) => out.push(Change::PlanRemoved {
                month: m,
                percent: Amount(o),
            }),
            (None, Some(&n)) => out.push(Change::PlanAdded {
                month: m,
                percent: Amount(n),
            }),
            (Some(&o), Some(&n)) if o != n => out.push(Change::PlanChanged {
                month: m,
                old: Amount(o),
                new: Amount(n),
            }),
            _ => {}
        }
    }
}

/// An ordered list of texts: identical items anchor, items in between pair up when
/// similar enough (edited), the rest are added or removed.
fn diff_list(
    old: &[String],
    new: &[String],
    out: &mut Vec<Change>,
    added: fn(Item) -> Change,
    removed: fn(Item) -> Change,
    edited: fn(ItemEdit) -> Change,
) {
    let steps = align(old, new, |x, y| {
        let s = similarity_permille(x, y);
        (s >= EDIT_SIMILARITY).then_some(s)
    });
    for step in steps {
        match step {
            Step::Same(..) => {}
            Step::Removed(i) => out.push(removed(Item {
                index: i + 1,
                text: old[i].clone(),
            })),
            Step::Added(j) => out.push(added(Item {
                index: j + 1,
                text: new[j].clone(),
            })),
            Step::Paired(i, j) => out.push(edited(ItemEdit {
                old_index: i + 1,
                new_index: j + 1,
                edit: TextEdit::new(Some(&old[i]), Some(&new[j])),
            })),
        }
    }
}

/// One step of the alignment of two lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Same(usize, usize),
    Paired(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Aligns two lists: a longest common subsequence of equal items anchors; between anchors,
/// each old item pairs with the best-scoring later new item (`score` gives `None` for "no
/// pair"), keeping order. Steps come in reading order.
fn align<T: PartialEq>(old: &[T], new: &[T], score: impl Fn(&T, &T) -> Option<u32>) -> Vec<Step> {
    let (n, m) = (old.len(), new.len());
    let mut anchors = Vec::new();
    for op in text::lcs(old, new) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            anchors.extend((0..len).map(|k| (old_index + k, new_index + k)));
        }
    }
    anchors.push((n, m));
    let mut steps = Vec::new();
    let (mut i0, mut j0) = (0, 0);
    for (ai, aj) in anchors {
        // The gap old[i0..ai] × new[j0..aj].
        let mut next_new = j0;
        for (i, item) in old.iter().enumerate().take(ai).skip(i0) {
            let best = (next_new..aj)
                .filter_map(|j| score(item, &new[j]).map(|s| (s, j)))
                .max_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
            match best {
                Some((_, j)) => {
                    steps.extend((next_new..j).map(Step::Added));
                    steps.push(Step::Paired(i, j));
                    next_new = j + 1;
                }
                None => steps.push(Step::Removed(i)),
            }
        }
        steps.extend((next_new..aj).map(Step::Added));
        if ai < n {
            steps.push(Step::Same(ai, aj));
        }
        (i0, j0) = (ai + 1, aj + 1);
    }
    steps
}

/// How an indicator of the new sheet was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    Exact,
    Moved,
    Renamed,
}

/// For each new indicator, the old one it matches and how: same category and name, then
/// same name in another category (moved), then by position among the unmatched ones of
/// the same category (renamed).
fn match_indicators(old: &[Indicator], new: &[Indicator]) -> Vec<Option<(usize, How)>> {
    let mut used = vec![false; old.len()];
    let mut m: Vec<Option<(usize, How)>> = vec![None; new.len()];
    let same_cat = |a: &Indicator, b: &Indicator| a.level1 == b.level1 && a.level2 == b.level2;
    type Fits<'a> = &'a dyn Fn(&Indicator, &Indicator) -> bool;
    let passes: [(How, Fits); 3] = [
        (How::Exact, &|a, b| same_cat(a, b) && a.name == b.name),
        (How::Moved, &|a, b| a.name == b.name),
        (How::Renamed, &|a, b| same_cat(a, b)),
    ];
    for (how, fits) in passes {
        for (j, b) in new.iter().enumerate() {
            if m[j].is_some() {
                continue;
            }
            if let Some(i) = (0..old.len()).find(|&i| !used[i] && fits(&old[i], b)) {
                used[i] = true;
                m[j] = Some((i, how));
            }
        }
    }
    m
}

fn diff_indicators(old: &[Indicator], new: &[Indicator], ctx: &Ctx, out: &mut Vec<Change>) {
    let m = match_indicators(old, new);
    let mut used = vec![false; old.len()];
    for (i, _) in m.iter().flatten() {
        used[*i] = true;
    }
    for (j, b) in new.iter().enumerate() {
        let r = IndicatorRef::of(b);
        let Some((i, how)) = m[j] else {
            out.push(Change::IndicatorAdded {
                indicator: r,
                target: b.target.clone(),
            });
            continue;
        };
        let a = &old[i];
        match how {
            How::Exact => {}
            How::Moved => out.push(Change::IndicatorMoved {
                indicator: r.clone(),
                from: Category {
                    level1: a.level1.to_string(),
                    level2: a.level2.to_string(),
                },
            }),
            How::Renamed => out.push(Change::IndicatorRenamed {
                indicator: r.clone(),
                name: TextEdit::new(Some(&a.name), Some(&b.name)),
            }),
        }
        if a.description != b.description {
            out.push(Change::DescriptionEdited {
                indicator: r.clone(),
                description: TextEdit::new(a.description.as_deref(), b.description.as_deref()),
            });
        }
        if let Some(class) = classify(&a.target, &b.target, ctx.years) {
            out.push(Change::TargetChanged {
                indicator: r.clone(),
                class,
                old: a.target.clone(),
                new: b.target.clone(),
            });
        }
        let last_differs = match (&a.last_year, &b.last_year) {
            (None, None) => false,
            (Some(x), Some(y)) => classify(x, y, 0).is_some(),
            _ => true,
        };
        let text = |t: &Option<Box<Target>>| t.as_ref().map(|t| t.text.clone());
        let fields: [(&'static str, bool, Option<String>, Option<String>); 6] = [
            (
                "basis",
                a.basis != b.basis,
                a.basis.clone(),
                b.basis.clone(),
            ),
            (
                "weight",
                a.weight != b.weight,
                a.weight.map(|w| w.to_string()),
                b.weight.map(|w| w.to_string()),
            ),
            ("last", last_differs, text(&a.last_year), text(&b.last_year)),
            (
                "explain",
                a.explanation != b.explanation,
                a.explanation.clone(),
                b.explanation.clone(),
            ),
            (
                "scoring",
                a.scoring != b.scoring,
                a.scoring.clone(),
                b.scoring.clone(),
            ),
            (
                "core",
                a.core != b.core,
                Some(a.core.to_string()),
                Some(b.core.to_string()),
            ),
        ];
        for (field, differs, o, n) in fields {
            if differs {
                out.push(Change::IndicatorFieldChanged {
                    indicator: r.clone(),
                    field,
                    old: o,
                    new: n,
                });
            }
        }
    }
    for (i, a) in old.iter().enumerate() {
        if !used[i] {
            out.push(Change::IndicatorRemoved {
                indicator: IndicatorRef::of(a),
                target: a.target.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn steps(a: &[&str], b: &[&str]) -> Vec<Step> {
        align(&s(a), &s(b), |x, y| {
            let s = similarity_permille(x, y);
            (s >= EDIT_SIMILARITY).then_some(s)
        })
    }

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

    #[test]
    fn lists_align() {
        use Step::*;
        assert_eq!(
            steps(&["甲", "乙"], &["甲", "乙"]),
            vec![Same(0, 0), Same(1, 1)]
        );
        assert_eq!(
            steps(
                &["资金到位及时，能够按时支付。", "乙"],
                &["资金到位及时，能够及时支付。", "乙"]
            ),
            vec![Paired(0, 0), Same(1, 1)]
        );
        assert_eq!(
            steps(&["甲", "乙"], &["甲", "丙丙丙", "乙"]),
            vec![Same(0, 0), Added(1), Same(1, 2)]
        );
        assert_eq!(
            steps(&["甲", "完全不同的一句话"], &["甲", "另外一条目标"]),
            vec![Same(0, 0), Removed(1), Added(1)]
        );
    }
}
