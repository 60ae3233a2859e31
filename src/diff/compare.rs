//! Building the diff: matching projects, indicators and list items of two sheets and
//! listing what changed.

use super::changes::{
    Amount, AmountChange, Category, Change, ChangeCounts, DiffTotals, IndicatorRef, Item, ItemEdit,
    MatchedBy, ObjectiveItem, ProjectBudget, ProjectDiff, ProjectStatus, SheetDiff, SheetRef,
    TextEdit, FORMAT,
};
use super::target::{classify, TargetClass};
use super::text::{self, similarity_permille};
use crate::lang::units::money_factor;
use crate::model::{Checkpoint, Field, Indicator, Project, Sheet, Source, Target};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// Two list items (goals, measures, …) with at least this similarity (per mille) that sit
/// at the same place are one edited item rather than a removal and an addition.
pub(super) const EDIT_SIMILARITY: u32 = 500;

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

/// Compares two sheets.
pub fn diff(old: &Sheet, new: &Sheet) -> SheetDiff {
    let ctx = Ctx {
        // Old amounts are brought to the new sheet's unit.
        factor: unit_factor(old, new),
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

/// What multiplies an amount of the old sheet into the new sheet's money unit (1 when
/// either unit is unknown).
pub(super) fn unit_factor(old: &Sheet, new: &Sheet) -> Decimal {
    match (
        money_factor(&old.department.unit),
        money_factor(&new.department.unit),
    ) {
        (Some(a), Some(b)) => a.checked_div(b).unwrap_or(Decimal::ONE),
        _ => Decimal::ONE,
    }
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
        (
            "code",
            a.code.clone().unwrap_or_default(),
            b.code.clone().unwrap_or_default(),
        ),
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
    diff_fields(&a.stated_facts(), &b.stated_facts(), &mut out);
    diff_fields(&a.fields, &b.fields, &mut out);
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

/// The positions of the old projects under each key, in order, with how far
/// each list has been used.
struct OldIndex<K> {
    lists: HashMap<K, (Vec<usize>, usize)>,
}

impl<K: std::hash::Hash + Eq> OldIndex<K> {
    fn of(keys: impl Iterator<Item = Option<K>>) -> OldIndex<K> {
        let mut lists: HashMap<K, (Vec<usize>, usize)> = HashMap::new();
        for (i, k) in keys.enumerate() {
            if let Some(k) = k {
                lists.entry(k).or_default().0.push(i);
            }
        }
        OldIndex { lists }
    }

    /// The first old item under `key` not used yet, now used. Each list is
    /// walked once over all calls.
    fn take(&mut self, key: &K, used: &mut [bool]) -> Option<usize> {
        let (list, next) = self.lists.get_mut(key)?;
        while let Some(&i) = list.get(*next) {
            *next += 1;
            if !used[i] {
                used[i] = true;
                return Some(i);
            }
        }
        None
    }
}

fn diff_projects(old: &[Project], new: &[Project], ctx: &Ctx) -> Vec<ProjectDiff> {
    // match_of_new[j] = (old index, how)
    let mut old_used = vec![false; old.len()];
    let mut match_of_new: Vec<Option<(usize, MatchedBy)>> = vec![None; new.len()];
    // The old projects of each code, then of each name, in order: each new
    // project takes the first unused one, so that a sheet of many projects
    // whose codes all changed is still matched in linear time.
    let mut by_code = OldIndex::of(old.iter().map(|p| p.code.as_deref()));
    for (j, p) in new.iter().enumerate() {
        // Projects without codes are matched by name below.
        let Some(code) = p.code.as_deref() else {
            continue;
        };
        if let Some(i) = by_code.take(&code, &mut old_used) {
            match_of_new[j] = Some((i, MatchedBy::Code));
        }
    }
    let mut by_name = OldIndex::of(old.iter().map(|p| Some(p.name.as_str())));
    for (j, p) in new.iter().enumerate() {
        if match_of_new[j].is_some() {
            continue;
        }
        if let Some(i) = by_name.take(&p.name.as_str(), &mut old_used) {
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
                            old_code: old[i].code.clone(),
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
        old_code: p.code.clone(),
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

/// The fields of two years by name, in the new sheet's order, then those
/// the old sheet had alone. A name written twice pairs by its occurrence
/// (the second 立项依据 with the second), so a sheet against itself is
/// unchanged.
fn diff_fields(old: &[Field], new: &[Field], out: &mut Vec<Change>) {
    use std::collections::BTreeMap;
    let keyed = |list: &[Field]| -> Vec<(String, usize)> {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        list.iter()
            .map(|f| {
                let n = seen.entry(f.name.as_str()).or_insert(0);
                *n += 1;
                (f.name.clone(), *n)
            })
            .collect()
    };
    let (old_keys, new_keys) = (keyed(old), keyed(new));
    let was: BTreeMap<&(String, usize), &str> = old_keys
        .iter()
        .zip(old)
        .map(|(k, f)| (k, f.value.as_str()))
        .collect();
    let now: BTreeMap<&(String, usize), &str> = new_keys
        .iter()
        .zip(new)
        .map(|(k, f)| (k, f.value.as_str()))
        .collect();
    for (k, f) in new_keys.iter().zip(new) {
        let before = was.get(k).copied();
        if before != Some(f.value.as_str()) {
            out.push(Change::FieldChanged {
                name: f.name.clone(),
                edit: TextEdit::new(before, Some(&f.value)),
            });
        }
    }
    for (k, f) in old_keys.iter().zip(old) {
        if !now.contains_key(k) {
            out.push(Change::FieldChanged {
                name: f.name.clone(),
                edit: TextEdit::new(Some(&f.value), None),
            });
        }
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
    diff_fields(&a.stated_facts(), &b.stated_facts(), &mut out);
    diff_fields(&a.fields, &b.fields, &mut out);
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
    let pt = |p: &Option<crate::model::Period>| p.as_ref().and_then(|p| p.text.clone());
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
pub(super) fn flatten_sources(sources: &[Source], prefix: &str, out: &mut Vec<(String, Decimal)>) {
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
pub(super) enum Step {
    Same(usize, usize),
    Paired(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Aligns two lists: a longest common subsequence of equal items anchors; between anchors,
/// each old item pairs with the best-scoring later new item (`score` gives `None` for "no
/// pair"), keeping order. Steps come in reading order.
pub(super) fn align<T: PartialEq>(
    old: &[T],
    new: &[T],
    score: impl Fn(&T, &T) -> Option<u32>,
) -> Vec<Step> {
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
pub(super) enum How {
    Exact,
    Moved,
    Renamed,
}

/// For each new indicator, the old one it matches and how: same category and name, then
/// same name in another category (moved), then by position among the unmatched ones of
/// the same category (renamed).
pub(super) fn match_indicators(old: &[Indicator], new: &[Indicator]) -> Vec<Option<(usize, How)>> {
    let mut used = vec![false; old.len()];
    let mut m: Vec<Option<(usize, How)>> = vec![None; new.len()];
    // An open level 2 (under 投入/过程) has no canonical name: compare it as written.
    let cat = |a: &'_ Indicator| -> (&'static str, &'static str, String) {
        let written = if a.level2.is_empty() {
            a.level2_written.clone()
        } else {
            String::new()
        };
        (a.level1, a.level2, written)
    };
    let same_cat = |a: &Indicator, b: &Indicator| cat(a) == cat(b);
    // An indicator library code (`id gx010401`) names the same indicator
    // whatever its name or place.
    let mut by_id = OldIndex::of(old.iter().map(|a| a.id.as_deref()));
    for (j, b) in new.iter().enumerate() {
        let Some(id) = b.id.as_deref() else { continue };
        if let Some(i) = by_id.take(&id, &mut used) {
            let a = &old[i];
            let how = match (a.name == b.name, same_cat(a, b)) {
                (true, true) => How::Exact,
                (true, false) => How::Moved,
                (false, _) => How::Renamed,
            };
            m[j] = Some((i, how));
        }
    }
    // Then, each pass over the ones left, through maps so that a project of
    // many indicators is matched in linear time: same category and name,
    // same name (moved), same category in order (renamed).
    let mut exact = OldIndex::of(old.iter().map(|a| Some((cat(a), a.name.as_str()))));
    for (j, b) in new.iter().enumerate() {
        if m[j].is_none() {
            if let Some(i) = exact.take(&(cat(b), b.name.as_str()), &mut used) {
                m[j] = Some((i, How::Exact));
            }
        }
    }
    let mut moved = OldIndex::of(old.iter().map(|a| Some(a.name.as_str())));
    for (j, b) in new.iter().enumerate() {
        if m[j].is_none() {
            if let Some(i) = moved.take(&b.name.as_str(), &mut used) {
                m[j] = Some((i, How::Moved));
            }
        }
    }
    let mut renamed = OldIndex::of(old.iter().map(|a| Some(cat(a))));
    for (j, b) in new.iter().enumerate() {
        if m[j].is_none() {
            if let Some(i) = renamed.take(&cat(b), &mut used) {
                m[j] = Some((i, How::Renamed));
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
        let class = match (&a.target, &b.target) {
            (Some(x), Some(y)) => classify(x, y, ctx.years),
            (None, None) => None,
            // A target given or dropped: the statement changed kind.
            _ => Some(TargetClass::KindChanged),
        };
        if let Some(class) = class {
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

    fn ind(l2: &'static str, name: &str, id: Option<&str>) -> Indicator {
        Indicator {
            level1: "产出指标",
            level2: l2,
            name: name.to_string(),
            id: id.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn a_library_code_matches_an_indicator_whatever_its_name() {
        let old = [
            ind("数量指标", "培训人数", Some("gx010401")),
            ind("数量指标", "培训场次", None),
        ];
        // Renamed and moved down: the code still finds it; the other one
        // is matched by name as before.
        let new = [
            ind("数量指标", "培训场次", None),
            ind("数量指标", "参训人员数量", Some("gx010401")),
        ];
        let m = match_indicators(&old, &new);
        assert_eq!(m, vec![Some((1, How::Exact)), Some((0, How::Renamed))]);
        // Different codes never match by code.
        let new = [ind("数量指标", "培训人数", Some("gx999999"))];
        assert_eq!(match_indicators(&old, &new), vec![Some((0, How::Exact))]);
    }
}
