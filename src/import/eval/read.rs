//! The recognizer's walk: paragraphs and one-cell rows are titles, project
//! headings and the body's line; table rows are read by their labels, with
//! three blocks read apart: the budget execution (a header row of 年初预算数
//! · 全年预算数 · 全年执行数 …, then the total and source rows), the goals
//! (预期目标 over 实际完成情况) and the indicator table (the sheet's block).

use super::draft::{Amounts, Cut, EvalDraft, EvalIndicator, Execution, Kind, Project};
use super::labels::{exec_col, form_kind, ind_col, is_group, is_title, months_head, row_label};
use super::labels::{is_mark, mark_col, ExecCol, IndCol, MarkCol, RowLabel};
use crate::import::draft::{Indicator, Note, Target, Why};
use crate::import::grid::{Block, Grid, Origin, Placed, Slot, Table};
use crate::import::indicators;
use crate::import::labels::{column, label, normalise, source_label, Column, Label};
use crate::import::values;

/// Read a grid holding a self-evaluation or monitoring form.
pub fn recognise(grid: &Grid) -> EvalDraft {
    let mut r = Reader::default();
    for block in &grid.blocks {
        match block {
            Block::Para(p) => r.line(&p.text, p.origin.clone()),
            Block::Table(t) => {
                r.table(t);
                r.exec = None;
                r.goals = None;
                r.block = None;
            }
        }
    }
    r.finish()
}

/// The open budget execution block: the grid column of each head.
struct ExecBlock {
    cols: Vec<(usize, ExecCol)>,
    /// The first column of figures: labels stand left of it.
    first: usize,
}

#[derive(Default)]
struct Reader {
    d: EvalDraft,
    project: Option<usize>,
    name_from_heading: bool,
    exec: Option<ExecBlock>,
    goals: Option<(usize, usize)>,
    /// The open indicator block (the sheet's reader).
    block: Option<indicators::Block>,
    /// The grid columns of 分值 and 得分 of the last indicator header, for
    /// the 合计 row after the block.
    total_cols: (Option<usize>, Option<usize>),
    kind_seen: Option<Kind>,
    /// The row of the last indicator row read in this table, and how many
    /// indicators its project had before it.
    last_indicators: Option<(usize, usize)>,
    /// Check-mark columns of the open indicator block (the second header
    /// row under 偏差原因分析 and 完成目标可能性), and the header's row.
    marks: Vec<(usize, MarkCol)>,
    header_row: Option<usize>,
}

/// A figure as printed: separators out, a trailing 分 or 万元 dropped.
fn figure(text: &str) -> Result<Option<String>, ()> {
    let t = text.trim();
    let t = t.strip_suffix('分').unwrap_or(t);
    values::amount(t).map(|a| a.map(|a| a.number))
}

/// A rate as printed, with its `%` (`100.00%`; `0` is `0%`).
fn rate(text: &str) -> Result<Option<String>, ()> {
    let bare = text.trim().trim_end_matches(['%', '％']);
    match values::amount(bare)? {
        None => Ok(None),
        Some(a) if a.unit.is_none() => Ok(Some(format!("{}%", a.number))),
        Some(_) => Err(()),
    }
}

/// `30（扣1）`: the points and the deduction our tables print beside them.
fn points_and_deduction(text: &str) -> (String, Option<String>) {
    let t = text.trim();
    for (open, close) in [("（扣", '）'), ("(扣", ')')] {
        if let Some(body) = t.strip_suffix(close) {
            if let Some((p, d)) = body.split_once(open) {
                let d = d.trim().trim_end_matches('分');
                if values::is_decimal(d) {
                    return (p.trim().to_string(), Some(d.to_string()));
                }
            }
        }
    }
    (t.to_string(), None)
}

/// `其他原因：…` or `人员、经费：…`: the cause words before the reason.
fn causes_and_reason(text: &str) -> (Vec<String>, Option<String>) {
    use crate::lang::choices::{choose, CAUSES};
    let t = text.trim();
    let (head, rest) = match t.split_once(['：', ':']) {
        Some((h, r)) => (h, Some(r.trim())),
        None => (t, None),
    };
    let words: Vec<&str> = head.split(['、', ',', '，']).map(str::trim).collect();
    if !words.is_empty() && words.iter().all(|w| choose(CAUSES, w).is_some()) {
        let causes = words
            .iter()
            .map(|w| w.trim_end_matches("原因").to_string())
            .collect();
        return (causes, rest.filter(|r| !r.is_empty()).map(str::to_string));
    }
    (Vec::new(), (!t.is_empty()).then(|| t.to_string()))
}

/// `CODE NAME` (our tables), `CODE-NAME` (一体化 exports), or a name.
fn code_and_name(text: &str) -> (Option<String>, String) {
    let p = values::party(&values::one_line(text));
    (p.code, p.name)
}

/// A label without the `(盖章)` a 实施单位 cell may carry.
fn bare_label(text: &str) -> String {
    let n = normalise(text).text;
    n.trim_end_matches("(盖章)")
        .trim_end_matches("（盖章）")
        .to_string()
}

impl Reader {
    fn project(&mut self) -> &mut Project {
        if self.project.is_none() {
            self.new_project();
        }
        let i = self.project.unwrap_or(0);
        &mut self.d.projects[i]
    }

    fn new_project(&mut self) {
        self.d.projects.push(Project::default());
        self.project = Some(self.d.projects.len() - 1);
        self.name_from_heading = false;
    }

    fn note(&mut self, origin: Option<Origin>, text: &str, why: Why) {
        let n = Note {
            origin,
            text: text.to_string(),
            why,
        };
        match self.project {
            Some(i) => self.d.projects[i].notes.push(n),
            None => self.d.head_notes.push(n),
        }
    }

    fn set_kind(&mut self, k: Kind) {
        if self.kind_seen.is_none() {
            self.kind_seen = Some(k);
        }
    }

    fn set_as_of(&mut self, m: u32) {
        self.set_kind(Kind::Monitoring);
        self.d.as_of.get_or_insert(m);
    }

    // -----------------------------------------------------------------
    // Lines

    fn line(&mut self, text: &str, origin: Origin) {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if flat.is_empty() {
            return;
        }
        if let Some(name) = heading(&flat) {
            self.new_project();
            self.project().name = Some(name);
            self.name_from_heading = true;
            return;
        }
        if let Some(kind) = form_kind(&flat).filter(|_| is_title(text)) {
            self.set_kind(kind);
            if self.d.title.is_none() {
                let t = text.trim();
                let t = t
                    .strip_prefix("附件")
                    .map(|r| r.trim_start_matches([':', '：', ' ']).trim())
                    .filter(|r| !r.is_empty())
                    .unwrap_or(t);
                self.d.title = Some(values::one_line(t));
            }
            if self.d.year.is_none() {
                self.d.year = values::year_in(&flat);
            }
            if let Some(at) = flat.find("截至").or_else(|| flat.find("截止")) {
                if let Some((m, _)) = months_head(&flat[at..]) {
                    self.set_as_of(m);
                }
            }
            return;
        }
        if self.body_line(&flat) {
            return;
        }
        // The body's line under our title: `[430002]名称`.
        if self.project.is_none() && self.d.department.is_none() {
            let p = values::party(text);
            if p.code.is_some() {
                self.d.department = Some(p);
                return;
            }
        }
        // `报表编号:510000_0013zp` above the form: a field of the form.
        if self.project.is_none() {
            if let Some((k, v)) = text.trim().split_once([':', '：']) {
                let (k, v) = (k.trim(), v.trim());
                if !k.is_empty() && !v.is_empty() && k.chars().count() <= 12 {
                    self.d.fields.push((k.to_string(), v.to_string()));
                    return;
                }
            }
        }
        let why = if self.d.title.is_none() && self.project.is_none() {
            Why::BeforeForm
        } else {
            Why::UnknownParagraph
        };
        self.note(Some(origin), text.trim(), why);
    }

    /// `填报单位：[430002]名称单位：万元`, `单位：万元`, `金额单位：元`.
    fn body_line(&mut self, flat: &str) -> bool {
        let mut rest = flat.to_string();
        let mut found = false;
        for (tail, unit) in [
            ("单位：万元", "万元"),
            ("单位:万元", "万元"),
            ("单位：元", "元"),
            ("单位:元", "元"),
        ] {
            if let Some(r) = rest.strip_suffix(tail) {
                self.d.unit.get_or_insert(unit);
                rest = r.trim_end_matches("金额").to_string();
                found = true;
                break;
            }
        }
        let filer = rest
            .strip_prefix("填报单位：")
            .or_else(|| rest.strip_prefix("填报单位:"));
        if let Some(f) = filer {
            if !f.is_empty() && self.d.department.is_none() {
                self.d.department = Some(values::party(f));
            }
            return true;
        }
        found && rest.is_empty()
    }

    // -----------------------------------------------------------------
    // Tables

    fn table(&mut self, t: &Table) {
        self.last_indicators = None;
        for r in 0..t.rows() {
            self.row(t, r);
        }
        self.cut_off(t);
    }

    /// A last row that stops short (a ragged end) is where the copy was
    /// cut: the project is `truncated`, and an indicator of that row
    /// without its target is kept as a note, not as an indicator.
    fn cut_off(&mut self, t: &Table) {
        let Some(last) = t.rows().checked_sub(1) else {
            return;
        };
        let Some(slots) = t.slots.get(last) else {
            return;
        };
        let ragged =
            slots.contains(&Slot::Empty) && slots.first().is_some_and(|s| *s != Slot::Empty);
        let Some(i) = self.project.filter(|_| ragged) else {
            return;
        };
        let from = self.last_indicators.filter(|(row, _)| *row == last);
        let p = &mut self.d.projects[i];
        p.truncated = Some(Cut::Row(last + 1));
        let origin = t
            .row(last)
            .iter()
            .find(|p| p.first)
            .map(|p| t.origin(p.cell));
        let mut text: Vec<String> = Vec::new();
        if let Some((_, before)) = from {
            while p.indicators.len() > before
                && p.indicators.last().is_some_and(|x| x.base.target.is_none())
            {
                if let Some(x) = p.indicators.pop() {
                    text.insert(0, x.base.name.clone());
                }
            }
        }
        p.notes.push(Note {
            origin,
            text: text.join(" | "),
            why: Why::CutOff,
        });
    }

    fn row(&mut self, t: &Table, r: usize) {
        let placed = t.row(r);
        let starting: Vec<Placed<'_>> = placed.iter().copied().filter(|p| p.first).collect();
        if starting.is_empty() {
            return;
        }
        // A row of one cell across the table is a line.
        if placed.len() == 1 && starting.len() == 1 && t.width > 1 {
            let c = starting[0].cell;
            if c.col_span >= t.width.saturating_sub(1) && c.col_span > 1 {
                let text = c.text.clone();
                self.line(&text, t.origin(c));
                return;
            }
        }
        let first_label = starting
            .iter()
            .map(|p| bare_label(&p.cell.text))
            .find(|n| !n.is_empty() && !is_group(n))
            .unwrap_or_default();
        let ends_block = row_label(&first_label).is_some()
            || matches!(
                label(&first_label),
                Some(Label::ProjectName | Label::ProjectCode)
            );
        if self.block.is_some() && self.mark_header(r, &starting) {
            return;
        }
        if self.block.is_some() && !ends_block && self.indicator_row(t, r) {
            return;
        }
        self.block = None;
        if self.indicator_header(t, r, &starting) {
            return;
        }
        if self.exec_header(&starting) {
            return;
        }
        if self.exec.is_some() {
            if self.exec_row(t, r, &starting) {
                return;
            }
            self.exec = None;
        }
        if self.goal_header(&starting) {
            return;
        }
        if let Some((g, a)) = self.goals {
            if self.goal_row(&starting, g, a) {
                return;
            }
            self.goals = None;
        }
        self.labelled(t, r, &starting);
    }

    // --- indicators

    fn indicator_header(&mut self, t: &Table, r: usize, starting: &[Placed<'_>]) -> bool {
        let Some(mut block) = indicators::header(t, r) else {
            return false;
        };
        block.keep_listed = true;
        let mut weight = None;
        let mut points = None;
        for p in starting {
            let n = normalise(&p.cell.text).text;
            if let Some((item, score)) = section_score(&n) {
                self.add_score(item, score);
            }
            if let Some((m, _)) = months_head(&n) {
                self.set_as_of(m);
            }
            match ind_col(&n) {
                Some(IndCol::Points) => points = Some(p.cell.col),
                Some(IndCol::Likelihood | IndCol::Expected) => self.set_kind(Kind::Monitoring),
                _ => {}
            }
            if matches!(column(&n), Some((Column::Weight, _))) {
                weight = Some(p.cell.col);
            }
        }
        self.total_cols = (weight, points);
        self.block = Some(block);
        self.marks.clear();
        self.header_row = Some(r);
        self.exec = None;
        self.goals = None;
        true
    }

    fn add_score(&mut self, item: String, score: String) {
        let p = self.project();
        if !p.scores.iter().any(|s| s.0 == item) {
            p.scores.push((item, score));
        }
    }

    /// The row right under the indicator header naming the check-mark
    /// columns (经费保障 · 制度保障 · … · 确定能 · 有可能 · 完全不可能).
    fn mark_header(&mut self, r: usize, starting: &[Placed<'_>]) -> bool {
        if self.header_row.is_none_or(|h| h + 1 != r) {
            return false;
        }
        let marks: Option<Vec<(usize, MarkCol)>> = starting
            .iter()
            .map(|p| mark_col(&normalise(&p.cell.text).text).map(|m| (p.cell.col, m)))
            .collect();
        match marks.filter(|m| !m.is_empty()) {
            Some(m) => {
                self.marks = m;
                true
            }
            None => false,
        }
    }

    fn indicator_row(&mut self, t: &Table, r: usize) -> bool {
        let Some(b) = self.block.as_mut() else {
            return false;
        };
        let Some(row) = b.row(t, r) else {
            return false;
        };
        for (item, score) in row.scores {
            self.add_score(item, score);
        }
        let kind = self.kind_seen;
        let before = self.project().indicators.len();
        self.last_indicators = Some((r, before));
        let ticked: Vec<MarkCol> = self
            .marks
            .iter()
            .filter(|(col, _)| {
                t.at(r, *col)
                    .is_some_and(|c| c.row == r && is_mark(&c.text))
            })
            .map(|(_, m)| m.clone())
            .collect();
        let marked = !self.marks.is_empty();
        let p = self.project();
        p.notes.extend(row.notes);
        for ind in row.annual.into_iter().chain(row.long) {
            p.indicators.push(evaluated(ind, kind));
        }
        if marked && p.indicators.len() > before {
            if let Some(last) = p.indicators.last_mut() {
                ticks(last, &ticked);
            }
        }
        true
    }

    // --- budget execution

    fn exec_header(&mut self, starting: &[Placed<'_>]) -> bool {
        let mut cols = Vec::new();
        for p in starting {
            let n = normalise(&p.cell.text).text;
            if let Some((c, m)) = exec_col(&n) {
                cols.push((p.cell.col, c));
                if let Some(m) = m {
                    self.set_as_of(m);
                }
                if c == ExecCol::Expected {
                    self.set_kind(Kind::Monitoring);
                }
            }
        }
        let figures = cols
            .iter()
            .filter(|(_, c)| matches!(c, ExecCol::Initial | ExecCol::Adjusted | ExecCol::Spent))
            .count();
        if figures < 2 {
            return false;
        }
        // The labels left of the heads: `预算执行情况(10分)`, `项目资金（万元）`.
        let first = cols.iter().map(|c| c.0).min().unwrap_or(0);
        for p in starting.iter().filter(|p| p.cell.col < first) {
            let n = normalise(&p.cell.text);
            if let Some(u) = n.unit {
                self.d.unit.get_or_insert(u);
            }
            if let Some((item, score)) = section_score(&n.text) {
                self.add_score(item, score);
            }
        }
        self.project()
            .execution
            .get_or_insert_with(Execution::default);
        self.exec = Some(ExecBlock { cols, first });
        self.goals = None;
        true
    }

    fn exec_row(&mut self, t: &Table, r: usize, starting: &[Placed<'_>]) -> bool {
        let Some(block) = self.exec.as_ref() else {
            return false;
        };
        let first = block.first;
        let cols = block.cols.clone();
        let lab = starting
            .iter()
            .find(|p| p.cell.col < first && !is_group(&normalise(&p.cell.text).text));
        // A form with one row of figures under its heads and no label
        // beside them (the group label merged down): the total.
        let unlabelled = lab.is_none()
            && starting.iter().any(|p| p.cell.col >= first)
            && self
                .d
                .projects
                .get(self.project.unwrap_or(usize::MAX))
                .is_some_and(|p| {
                    p.execution
                        .as_ref()
                        .is_some_and(|x| x.total == Amounts::default())
                });
        let (raw, lab_index) = match lab {
            Some(l) => (normalise(&l.cell.text).text, l.index),
            None if unlabelled => ("总额".to_string(), usize::MAX),
            None => return false,
        };
        enum What {
            Total,
            Source(String),
            Reason,
        }
        let what = if matches!(
            raw.as_str(),
            "总额" | "合计" | "总计" | "年度资金总额" | "资金总额"
        ) || matches!(label(&raw), Some(Label::Total(_)))
        {
            What::Total
        } else if matches!(raw.as_str(), "原因" | "偏差原因" | "原因分析") {
            What::Reason
        } else if let Some(s) = source_label(&raw) {
            What::Source(s)
        } else {
            return false;
        };
        if let What::Reason = what {
            let text = starting
                .iter()
                .filter(|p| p.index != lab_index)
                .map(|p| p.cell.text.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            if !text.is_empty() {
                self.project()
                    .execution
                    .get_or_insert_with(Execution::default)
                    .reason = Some(text);
            }
            return true;
        }
        let mut a = Amounts::default();
        let mut weight = None;
        let mut points = None;
        let mut reason = None;
        let mut notes = Vec::new();
        for (col, c) in cols {
            let Some(cell) = t.at(r, col) else { continue };
            if cell.row != r {
                continue;
            }
            let text = cell.text.trim();
            let read = |f: fn(&str) -> Result<Option<String>, ()>,
                        notes: &mut Vec<Note>|
             -> Option<String> {
                match f(text) {
                    Ok(v) => v,
                    Err(()) => {
                        notes.push(Note {
                            origin: Some(t.origin(cell)),
                            text: text.to_string(),
                            why: Why::NotAnAmount,
                        });
                        None
                    }
                }
            };
            match c {
                ExecCol::Initial => a.initial = read(figure, &mut notes),
                ExecCol::Adjusted => a.adjusted = read(figure, &mut notes),
                ExecCol::Spent => a.spent = read(figure, &mut notes),
                ExecCol::Expected => a.expected = read(figure, &mut notes),
                ExecCol::Rate => a.rate = read(rate, &mut notes),
                ExecCol::Weight => weight = read(figure, &mut notes),
                ExecCol::Points => points = read(figure, &mut notes),
                ExecCol::Reason => {
                    reason = Some(text.to_string()).filter(|s| !s.is_empty());
                }
            }
        }
        let p = self.project();
        p.notes.extend(notes);
        let x = p.execution.get_or_insert_with(Execution::default);
        match what {
            What::Total => {
                x.total = a;
                x.weight = weight.or(x.weight.take());
                x.points = points.or(x.points.take());
            }
            What::Source(name) => x.sources.push((name, a)),
            What::Reason => {}
        }
        if reason.is_some() {
            x.reason = reason;
        }
        true
    }

    // --- goals

    fn goal_header(&mut self, starting: &[Placed<'_>]) -> bool {
        let find = |want: RowLabel| {
            starting
                .iter()
                .find(|p| row_label(&normalise(&p.cell.text).text) == Some(want))
                .map(|p| p.cell.col)
        };
        match (find(RowLabel::GoalHead), find(RowLabel::ActualHead)) {
            (Some(g), Some(a)) => {
                self.goals = Some((g, a));
                self.exec = None;
                true
            }
            _ => false,
        }
    }

    fn goal_row(&mut self, starting: &[Placed<'_>], g: usize, a: usize) -> bool {
        // A row with a label of its own (`2.项目实施内容及过程概述`) is no goal.
        if starting
            .iter()
            .any(|p| is_label(&bare_label(&p.cell.text)) || is_group(&bare_label(&p.cell.text)))
        {
            return false;
        }
        let goal = starting.iter().find(|p| p.cell.col == g);
        let actual = starting.iter().find(|p| p.cell.col == a);
        let Some(goal) = goal else {
            return false;
        };
        let n = normalise(&goal.cell.text).text;
        if row_label(&n).is_some() || label(&n).is_some() {
            return false;
        }
        let goal = goal.cell.text.trim().to_string();
        let actual = actual
            .map(|p| p.cell.text.trim().to_string())
            .filter(|s| !s.is_empty());
        if !goal.is_empty() || actual.is_some() {
            self.project().goals.push((goal, actual));
        }
        true
    }

    // --- labels and their values

    fn labelled(&mut self, t: &Table, r: usize, starting: &[Placed<'_>]) {
        let mut i = 0;
        while i < starting.len() {
            let cell = starting[i].cell;
            let text = cell.text.trim();
            let n = bare_label(text);
            let next = starting.get(i + 1).map(|p| p.cell);
            let value_of = |c: Option<&crate::import::grid::Cell>| {
                c.map(|c| c.text.trim().to_string())
                    .filter(|v| !is_label(&bare_label(v)))
            };
            if n.is_empty() {
                i += 1;
                continue;
            }
            if let Some(l) = row_label(&n) {
                if l == RowLabel::Total {
                    self.total_row(t, r, starting[i].index);
                    return;
                }
                let v = value_of(next);
                let taken = usize::from(v.is_some());
                let v = v.filter(|v| !v.is_empty());
                let p = self.project();
                match l {
                    RowLabel::Conclusion => p.conclusion = v,
                    RowLabel::Problem => p.problem = v,
                    RowLabel::Improvement => p.improvement = v,
                    RowLabel::Overview => p.overview = v,
                    _ => {}
                }
                i += 1 + taken;
                continue;
            }
            match label(&n) {
                Some(Label::ProjectName) => {
                    let v = value_of(next).unwrap_or_default();
                    let head_only = self.project.is_some_and(|i| {
                        let p = &self.d.projects[i];
                        self.name_from_heading && p.execution.is_none() && p.indicators.is_empty()
                    });
                    if !head_only {
                        self.new_project();
                    }
                    self.name_from_heading = false;
                    let (code, name) = code_and_name(&v);
                    let p = self.project();
                    if code.is_some() {
                        p.code = code;
                    }
                    if !name.is_empty() {
                        p.name = Some(name);
                    }
                    i += 2;
                    continue;
                }
                // 部门（单位）名称: the body's own table (部门整体), written
                // `overall`; the body is the form's.
                Some(Label::DeptName) => {
                    let v = value_of(next).unwrap_or_default();
                    self.new_project();
                    self.name_from_heading = false;
                    let party = values::party(&values::one_line(v.trim()));
                    if self.d.department.is_none() && !party.name.is_empty() {
                        self.d.department = Some(party);
                    }
                    self.project().whole = true;
                    i += 2;
                    continue;
                }
                Some(Label::ProjectCode) => {
                    let v = value_of(next).unwrap_or_default();
                    self.project().code = Some(values::one_line(&v)).filter(|s| !s.is_empty());
                    i += 2;
                    continue;
                }
                Some(l @ (Label::Supervisor | Label::Agency)) => {
                    let v = value_of(next).unwrap_or_default();
                    let v = v.trim();
                    if !v.is_empty() {
                        let party = values::party(&values::one_line(v));
                        let p = self.project();
                        if l == Label::Supervisor {
                            p.supervisor = Some(party);
                        } else {
                            p.agency = Some(party);
                        }
                    }
                    i += 2;
                    continue;
                }
                _ => {}
            }
            if is_group(&n) {
                if let Some((item, score)) = section_score(&n) {
                    self.add_score(item, score);
                }
                i += 1;
                continue;
            }
            // `项目负责人：张三`, `财务负责人：` — a field of the form.
            if let Some((k, v)) = text.split_once(['：', ':']) {
                let k = k.trim();
                if !k.is_empty() && k.chars().count() <= 12 {
                    self.project()
                        .fields
                        .push((k.to_string(), v.trim().to_string()));
                    i += 1;
                    continue;
                }
            }
            // A label of our own tables' fields: `name | value`.
            if starting.len() == 2 && i == 0 && n.chars().count() <= 12 && !n.contains(['，', '。'])
            {
                let v = next.map(|c| c.text.trim().to_string()).unwrap_or_default();
                self.project().fields.push((text.to_string(), v));
                return;
            }
            self.note(Some(t.origin(cell)), text, Why::UnknownCell);
            i += 1;
        }
    }

    /// `总分 | 100 | 97.73`, `合计 | 100 | |`.
    fn total_row(&mut self, t: &Table, r: usize, label_index: usize) {
        let at = |col: Option<usize>| -> Option<String> {
            let c = col?;
            let cell = t.at(r, c)?;
            let placed = t.row(r);
            let here = placed.iter().find(|p| std::ptr::eq(p.cell, cell))?;
            if here.index == label_index || cell.row != r {
                return None;
            }
            figure(&cell.text).ok().flatten()
        };
        let (w, p) = match self.total_cols {
            (None, None) => {
                // No header seen: the figures in order.
                let figs: Vec<Option<String>> = t
                    .row(r)
                    .iter()
                    .filter(|p| p.first && p.index != label_index)
                    .map(|p| figure(&p.cell.text).ok().flatten())
                    .collect();
                (
                    figs.first().cloned().flatten(),
                    figs.get(1).cloned().flatten(),
                )
            }
            (wc, pc) => (at(wc), at(pc)),
        };
        // Our tables print the row when the form states no total.
        if w.is_some() || p.is_some() {
            self.project().total = Some((w, p));
        }
    }

    fn finish(mut self) -> EvalDraft {
        for p in &mut self.d.projects {
            if p.name.is_none() && !p.whole {
                p.truncated.get_or_insert(Cut::Head);
                p.notes.insert(
                    0,
                    Note {
                        origin: None,
                        text: String::new(),
                        why: Why::NoProjectName,
                    },
                );
            }
        }
        self.d.kind = self.kind_seen.unwrap_or_default();
        if self.d.year.is_none() {
            self.d.head_notes.push(Note {
                origin: None,
                text: String::new(),
                why: Why::NoYear,
            });
        }
        if self.d.unit.is_none() {
            self.d.head_notes.push(Note {
                origin: None,
                text: String::new(),
                why: Why::UnitAssumed,
            });
        }
        self.d
    }
}

fn is_label(n: &str) -> bool {
    row_label(n).is_some() || label(n).is_some_and(|l| !matches!(l, Label::Source))
}

/// `1、后勤管理经费绩效自评表`: our heading of a project's table.
fn heading(flat: &str) -> Option<String> {
    let digits = flat.find(|c: char| !c.is_ascii_digit())?;
    let rest = flat[digits..].strip_prefix('、')?;
    if digits == 0 {
        return None;
    }
    let name = rest
        .strip_suffix("绩效自评表")
        .or_else(|| rest.strip_suffix("绩效运行监控表"))
        .or_else(|| rest.strip_suffix("绩效监控表"))?;
    (!name.is_empty()).then(|| name.to_string())
}

/// `预算执行情况(10分)` → (预算执行率, 10); `绩效指标(90分)` → (年度绩效指标,
/// 90): the points a section of the form is worth, as the language names
/// the items.
fn section_score(n: &str) -> Option<(String, String)> {
    let (name, points) = values::level_points(n);
    let points = points?;
    let item = match name.as_str() {
        "预算执行情况" | "预算执行率" | "预算执行" => "预算执行率",
        "绩效指标" | "年度绩效指标" => "年度绩效指标",
        _ => return None,
    };
    Some((item.to_string(), points))
}

/// An indicator read by the sheet's block, its evaluation columns placed.
pub fn evaluated(mut base: Indicator, kind: Option<Kind>) -> EvalIndicator {
    let mut e = EvalIndicator::default();
    // `= | 100 | %` as one target, as a form prints it in one cell.
    if let Some(t) = &base.target {
        if let Some(s) = t.sign.as_deref().filter(|s| is_comparison(s)) {
            let value: String = t.value.split_whitespace().collect();
            if value.starts_with(|c: char| c.is_ascii_digit()) {
                base.target = Some(Target {
                    sign: None,
                    value: format!("{s}{value}"),
                });
            }
        }
    }
    let mut kept = Vec::new();
    for (k, v) in std::mem::take(&mut base.fields) {
        let v = v.trim().to_string();
        let Some(c) = ind_col(&k) else {
            kept.push((k, v));
            continue;
        };
        if v.is_empty() {
            continue;
        }
        match c {
            IndCol::Actual => e.actual = Some(values::one_line(&v)),
            IndCol::Points => {
                let (p, d) = points_and_deduction(&v);
                e.points = Some(p);
                if d.is_some() {
                    e.deduction = d;
                }
            }
            IndCol::Deduction => e.deduction = Some(v.trim_end_matches('分').to_string()),
            IndCol::Note => e.note = Some(v),
            IndCol::Reason => {
                if kind == Some(Kind::Monitoring) {
                    let (causes, reason) = causes_and_reason(&v);
                    e.causes.extend(causes);
                    e.reason = reason;
                } else {
                    e.reason = Some(v);
                }
            }
            IndCol::Expected => e.expected = Some(v),
            IndCol::Likelihood => e.likelihood = Some(v),
            IndCol::Causes => {
                let (causes, _) = causes_and_reason(&v);
                e.causes.extend(causes);
            }
        }
    }
    base.fields = kept;
    e.base = base;
    e
}

/// The ticked check-mark columns as the indicator's causes and
/// likelihood; the marks the block read as the group's text go.
fn ticks(e: &mut EvalIndicator, ticked: &[MarkCol]) {
    if e.reason.as_deref().is_some_and(is_mark) {
        e.reason = None;
    }
    if e.likelihood.as_deref().is_some_and(is_mark) {
        e.likelihood = None;
    }
    e.base.fields.retain(|(_, v)| !is_mark(v));
    for m in ticked {
        match m {
            MarkCol::Cause(c) => {
                if !e.causes.iter().any(|x| x == c) {
                    e.causes.push((*c).to_string());
                }
            }
            MarkCol::Likelihood(l) => e.likelihood = Some((*l).to_string()),
        }
    }
}

fn is_comparison(s: &str) -> bool {
    matches!(
        s,
        "≥" | "≤" | ">" | "<" | "=" | "＝" | "＞" | "＜" | ">=" | "<=" | "≧" | "≦"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_of_the_form() {
        assert_eq!(
            points_and_deduction("30（扣1）"),
            ("30".into(), Some("1".into()))
        );
        assert_eq!(points_and_deduction("9.4"), ("9.4".into(), None));
        assert_eq!(
            causes_and_reason("其他原因：推迟。"),
            (vec!["其他".to_string()], Some("推迟。".to_string()))
        );
        assert_eq!(
            causes_and_reason("年末：离岗"),
            (vec![], Some("年末：离岗".into()))
        );
        assert_eq!(rate("0").unwrap().as_deref(), Some("0%"));
        assert_eq!(rate("100.00%").unwrap().as_deref(), Some("100.00%"));
        assert_eq!(figure("10分").unwrap().as_deref(), Some("10"));
        assert_eq!(
            heading("1、后勤管理经费绩效自评表").as_deref(),
            Some("后勤管理经费")
        );
        assert_eq!(
            section_score("预算执行情况(10分)"),
            Some(("预算执行率".into(), "10".into()))
        );
    }
}
