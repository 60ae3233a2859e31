//! Rows of tables: labels followed by their values (or with the value in
//! the cell below), the budget's totals and sources, the use of funds, the
//! spending plan, and the rows the indicator block reads.

use super::super::draft::{Indicator, Party, Project, Why};
use super::super::grid::{Cell, Placed, Table};
use super::super::indicators;
use super::super::labels::{
    label, normalise, source_is_annual, source_label, BudgetKind, Group, Label,
};
use super::super::values::{self, amount, convert, numbered, party};
use super::{Recognizer, Stage};

impl Recognizer {
    pub(super) fn indicator_row(&mut self, read: indicators::Row) {
        let whole_body = self.d.department.form == Some(crate::lang::choices::FormKind::WholeBody);
        let in_overall =
            (matches!(self.stage, Stage::PartOne(_)) || whole_body) && self.project.is_none();
        if in_overall {
            self.d.overall.indicators.extend(read.annual);
            self.d.overall.indicators.extend(read.long);
        } else {
            let long_term = self.long_term;
            let pending = std::mem::take(&mut self.pending_scores);
            let p = self.project();
            p.scores.extend(pending);
            let (annual, long): (Vec<Indicator>, Vec<Indicator>) = if long_term {
                (
                    Vec::new(),
                    read.annual.into_iter().chain(read.long).collect(),
                )
            } else {
                (read.annual, read.long)
            };
            p.indicators.extend(annual);
            if !long.is_empty() {
                p.period
                    .get_or_insert_with(Default::default)
                    .indicators
                    .extend(long);
            }
            for s in read.scores {
                if !p.scores.contains(&s) {
                    p.scores.push(s);
                }
            }
        }
        for n in read.notes {
            let text = n.text.clone();
            self.note(n.origin, &text, n.why);
        }
    }

    /// A row of labels and values.
    pub(super) fn pairs(
        &mut self,
        t: &Table,
        r: usize,
        placed: &[Placed<'_>],
        starting: &[&Placed<'_>],
    ) {
        // `项目资金(万元)`: the unit of the amounts beside it.
        for p in starting {
            if let Some(u) = normalise(&p.cell.text).unit {
                self.unit.get_or_insert(u);
            }
        }
        let group = placed
            .iter()
            .find_map(|p| match label(&normalise(&p.cell.text).text) {
                Some(Label::Group(g)) => Some(g),
                _ => None,
            });
        let cells: Vec<&Cell> = starting
            .iter()
            .map(|p| p.cell)
            .filter(|c| !matches!(label(&normalise(&c.text).text), Some(Label::Group(_))))
            .collect();
        let is_label = |c: &Cell| label(&normalise(&c.text).text).is_some();
        // A row of no label of the form before any project is no part of
        // it: a web page's table of metadata, a letterhead.
        let names_project = cells.iter().any(|c| {
            matches!(
                label(&normalise(&c.text).text),
                Some(Label::ProjectName | Label::ProjectCode)
            )
        });
        let before = self.stage == Stage::BeforeTitle && !names_project;
        if before || self.project.is_none() && !cells.iter().any(|c| is_label(c)) {
            let why = if self.stage == Stage::BeforeTitle {
                Why::BeforeForm
            } else {
                Why::UnknownRow
            };
            self.row_note(t, &cells, why);
            return;
        }
        // Our purpose row: one value under the budget's label.
        if group == Some(Group::Budget) && cells.len() == 1 && !is_label(cells[0]) {
            self.purpose_cell(cells[0]);
            return;
        }
        let mut i = 0;
        while i < cells.len() {
            let c = cells[i];
            let n = normalise(&c.text);
            let mut j = i + 1;
            // A name beside a label of text is its value even when it reads
            // like a fund source (项目名称 | 快乐健身暖民心建设资金).
            if label(&n.text).is_some_and(takes_text)
                && cells
                    .get(j)
                    .is_some_and(|v| label(&normalise(&v.text).text) == Some(Label::Source))
            {
                j += 1;
            }
            while j < cells.len() && !is_label(cells[j]) {
                j += 1;
            }
            let values: Vec<&Cell> = cells[i + 1..j].to_vec();
            match label(&n.text) {
                Some(l) => {
                    let values = if values.is_empty() {
                        self.below(t, r, c).into_iter().collect()
                    } else {
                        values
                    };
                    self.apply(t, r, l, c, &values);
                }
                None if c.text.trim().is_empty() => {
                    for v in &values {
                        if !v.text.trim().is_empty() {
                            self.note(Some(t.origin(v)), &v.text, Why::UnknownCell);
                        }
                    }
                }
                None if i == 0 && !values.is_empty() && is_field_name(&n.text) => {
                    self.unknown_label(t, r, c, &values, group);
                }
                None => {
                    let mut all = vec![c];
                    all.extend(values.iter().copied());
                    let why = if i == 0 {
                        Why::UnknownRow
                    } else {
                        Why::UnknownCell
                    };
                    self.row_note(t, &all, why);
                }
            }
            i = j;
        }
    }

    /// One note for cells read together: where the first stands, and their
    /// texts joined by ` | `.
    fn row_note(&mut self, t: &Table, cells: &[&Cell], why: Why) {
        let texts: Vec<&Cell> = cells
            .iter()
            .copied()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        let Some(first) = texts.first() else {
            return;
        };
        let text = texts
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        self.note(Some(t.origin(first)), &text, why);
    }

    /// The value of a label printed above it: the cell starting below in
    /// the same column, when it is no label.
    fn below<'t>(&mut self, t: &'t Table, r: usize, c: &Cell) -> Option<&'t Cell> {
        let below = t
            .row(r + 1)
            .into_iter()
            .find(|p| p.first && p.cell.col == c.col)?;
        if label(&normalise(&below.cell.text).text).is_some() || self.used.contains(&below.index) {
            return None;
        }
        self.used.insert(below.index);
        Some(below.cell)
    }

    /// A label the form does not know, followed by values: a source in the
    /// budget's rows when it holds an amount, else a field of the project.
    fn unknown_label(
        &mut self,
        t: &Table,
        r: usize,
        c: &Cell,
        values: &[&Cell],
        group: Option<Group>,
    ) {
        let name: String = c.text.chars().filter(|ch| !ch.is_whitespace()).collect();
        let value = join(values);
        if group == Some(Group::Budget) && amount(&value).is_ok() {
            let name = name.trim_end_matches([':', '：']).to_string();
            self.source(t, r, c, &name, values);
            return;
        }
        let name = name.trim_end_matches([':', '：']).to_string();
        if value.is_empty() {
            return;
        }
        self.project().fields.push((name, value));
    }

    fn apply(&mut self, t: &Table, r: usize, l: Label, c: &Cell, values: &[&Cell]) {
        use Label::*;
        if !matches!(
            l,
            ProjectName
                | ProjectCode
                | Filer
                | FilingDate
                | DeptName
                | DeptCode
                | OverallGoals
                | Group(_)
        ) {
            self.touch();
        }
        let text = join(values);
        let line = values::one_line(&text);
        let set = |slot: &mut Option<String>, v: &str| {
            if !v.is_empty() {
                *slot = Some(v.to_string());
            }
        };
        match l {
            Label::ProjectName => {
                // The table of a project described in words before it.
                let described = self.described.iter().map(|d| d.0).find(|i| {
                    Some(*i) != self.project && self.d.projects[*i].name.as_deref() == Some(&line)
                });
                if let Some(i) = described {
                    self.close_project();
                    self.project = Some(i);
                    self.narrative = None;
                    self.name_from_heading = false;
                    self.stage = Stage::Body;
                    return;
                }
                let heading = self.name_from_heading;
                self.boundary(|p| p.name.is_some() && !heading);
                self.name_from_heading = false;
                set(&mut self.project().name, &line);
            }
            Label::ProjectCode => {
                self.boundary(|p| p.code.is_some());
                set(&mut self.project().code, &line);
            }
            Label::Supervisor if !line.is_empty() => self.project().supervisor = Some(party(&line)),
            Label::SupervisorCode if !line.is_empty() => {
                self.project()
                    .supervisor
                    .get_or_insert_with(Party::default)
                    .code = Some(line)
            }
            Label::SupervisorName if !line.is_empty() => {
                self.project()
                    .supervisor
                    .get_or_insert_with(Party::default)
                    .name = line
            }
            Label::Agency if !line.is_empty() => self.project().agency = Some(party(&line)),
            Label::AgencyCode if !line.is_empty() => {
                self.project()
                    .agency
                    .get_or_insert_with(Party::default)
                    .code = Some(line)
            }
            Label::ProjectType => set(&mut self.project().project_type, &line),
            Label::Attribute => set(&mut self.project().attribute, &line),
            Label::Term => set(&mut self.project().term, &line),
            Label::Leader if !line.is_empty() => {
                let (name, phone) = values::leader(&line);
                let p = self.project();
                p.leader = Some(name);
                if phone.is_some() {
                    p.phone = phone;
                }
            }
            Label::Phone => set(&mut self.project().phone, &line),
            Label::Function => set(&mut self.project().function, &line),
            Label::Documents if !line.is_empty() => {
                let docs = text
                    .split(['；', '\n'])
                    .map(str::trim)
                    .filter(|d| !d.is_empty());
                let docs: Vec<String> = docs.map(str::to_string).collect();
                self.project().documents.extend(docs);
            }
            Label::Total(kind) => {
                // `预算数 | 合计 | 1,234.00`: the word of the sum is no part
                // of the amount.
                let values: Vec<&Cell> = values
                    .iter()
                    .copied()
                    .filter(|v| {
                        !matches!(normalise(&v.text).text.as_str(), "合计" | "小计" | "总计")
                    })
                    .collect();
                if let Ok(a) = self.amount_of(t, &values) {
                    self.budgets.total(kind, r, c.col, a);
                }
            }
            Label::Source => {
                let name = normalise(&c.text).text;
                self.source(t, r, c, &name, values);
            }
            Label::Purpose if !text.is_empty() => self.purpose_cell(values[0]),
            Label::Plan => self.plan(t, r, values),
            Label::Goals => {
                let goals = numbered(&text);
                self.project().goals.extend(goals);
            }
            Label::PeriodGoals => {
                let goals = numbered(&text);
                if !goals.is_empty() {
                    let p = self.project();
                    p.period
                        .get_or_insert_with(Default::default)
                        .goals
                        .extend(goals);
                }
            }
            Label::PeriodText if !line.is_empty() => {
                self.project()
                    .period
                    .get_or_insert_with(Default::default)
                    .text = Some(line)
            }
            Label::Review => set(&mut self.project().review, &text),
            Label::Execution => {
                if let Some(p) = values::points(&line) {
                    self.project().scores.push(("预算执行率".into(), p));
                }
            }
            Label::Filer => set(&mut self.dept().filer, &line),
            Label::DeptName if !line.is_empty() => {
                let p = party(&line);
                let dept = self.dept();
                if dept.code.is_none() {
                    dept.code = p.code;
                }
                dept.name = Some(p.name);
            }
            Label::DeptCode => set(&mut self.dept().code, &line),
            Label::OverallGoals if !text.is_empty() => self.d.overall.summary.push(text),
            Label::FilingDate => set(&mut self.dept().date, &line),
            _ => {}
        }
    }

    /// A row of the project's table was read: there is a project.
    fn touch(&mut self) {
        if self.project.is_none() {
            self.new_project();
        }
    }

    /// Start a new project at a name or code label when the current one
    /// already has what the label gives (`taken`).
    fn boundary(&mut self, taken: impl Fn(&Project) -> bool) {
        let open = match self.project {
            Some(i) => taken(&self.d.projects[i]),
            None => true,
        };
        if open {
            let scores = std::mem::take(&mut self.pending_scores);
            self.new_project();
            self.project().scores.extend(scores);
        }
    }

    /// The amount of a total or source cell, in the sheet's unit: `Ok(None)`
    /// when blank; an amount that is no number is a note.
    fn amount_of(&mut self, t: &Table, values: &[&Cell]) -> Result<Option<String>, ()> {
        let text = join(values);
        match amount(&text) {
            Ok(Some(a)) => {
                if self.unit.is_none() {
                    self.unit = a.unit;
                }
                Ok(Some(match (a.unit, self.unit) {
                    (Some(from), Some(to)) if from != to => convert(&a.number, from, to),
                    _ => a.number,
                }))
            }
            Ok(None) => Ok(None),
            Err(()) => {
                if let Some(c) = values.first() {
                    self.note(Some(t.origin(c)), &text, Why::NotAnAmount);
                }
                Err(())
            }
        }
    }

    fn source(&mut self, t: &Table, r: usize, c: &Cell, label_text: &str, values: &[&Cell]) {
        let name = source_label(label_text).unwrap_or_else(|| label_text.to_string());
        let annual = source_is_annual(label_text);
        self.touch();
        if let Ok(a) = self.amount_of(t, values) {
            self.budgets.source(&name, annual, r, c.col, a);
        }
    }

    /// The use of funds, with the detailed source lines our tables print
    /// under it.
    fn purpose_cell(&mut self, c: &Cell) {
        self.touch();
        let mut purpose: Vec<&str> = Vec::new();
        for line in c.text.lines() {
            if let Some(rest) = line.strip_prefix("项目总预算") {
                if let Some((partial, s)) = values::source_detail(rest) {
                    self.budgets.detail(BudgetKind::Total, partial, s);
                    continue;
                }
            }
            if let Some((partial, s)) = values::source_detail(line) {
                self.budgets.detail(BudgetKind::Annual, partial, s);
                continue;
            }
            purpose.push(line);
        }
        let text = purpose.join("\n").trim().to_string();
        if !text.is_empty() {
            self.project().purpose = Some(text);
        }
    }

    /// `资金支出计划（%）| 3月底 | 6月底 …` over the percentages below.
    fn plan(&mut self, t: &Table, r: usize, months: &[&Cell]) {
        self.touch();
        let below = t.row(r + 1);
        let mut read_below = false;
        for m in months {
            let Some(month) = values::month(&m.text) else {
                if !m.text.trim().is_empty() {
                    self.note(Some(t.origin(m)), &m.text, Why::NotAMonth);
                }
                continue;
            };
            let cell = below.iter().find(|p| p.first && p.cell.col == m.col);
            let Some(cell) = cell else { continue };
            read_below = true;
            self.used.insert(cell.index);
            let text = cell.cell.text.trim();
            if text.is_empty() {
                continue;
            }
            match values::percent(text) {
                Some(pct) => self.project().plan.push((month, pct)),
                None => self.note(Some(t.origin(cell.cell)), text, Why::NotAnAmount),
            }
        }
        if read_below {
            self.used_rows.insert(r + 1);
        }
    }
}

/// Whether a label's value is a text (a name, a party, a term, goals),
/// not an amount.
fn takes_text(l: Label) -> bool {
    use Label::*;
    matches!(
        l,
        ProjectName
            | ProjectCode
            | Supervisor
            | SupervisorName
            | Agency
            | ProjectType
            | Attribute
            | Term
            | Leader
            | Function
            | Documents
            | Purpose
            | Goals
            | PeriodGoals
            | PeriodText
            | Review
            | Filer
    )
}

/// A name a form gives a field: short, no sentence punctuation, no digits
/// leading.
pub(super) fn is_field_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=20).contains(&n)
        && !name.contains(['，', '。', '；', ',', ';', '|', '“', '"'])
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// The texts of value cells, joined (one value in most forms; `2025-01-01 |
/// 到 | 2025-12-31` joins to one term).
fn join(values: &[&Cell]) -> String {
    values
        .iter()
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("")
}
