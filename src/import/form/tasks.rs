//! The 年度主要任务 block of a 部门整体 form: a header row (任务名称 | 主要内容
//! | 预算金额 with its 总额 and sources, on one row or on a second one
//! under it), then one row per task, and a 合计 row. A task is an
//! objective of the body (its name and content); its amounts, which the
//! language holds nowhere else, a field of the body; the 合计 row the
//! body's budget.

use super::super::draft::{Budget, Source, Why};
use super::super::grid::{Cell, Table};
use super::super::labels::{label, normalise, source_label, Group, Label};
use super::super::values::{amount, convert, one_line};
use super::{Recognizer, TaskCol as Col, Tasks};

fn is_sum(text: &str) -> bool {
    matches!(text, "合计" | "金额合计" | "小计" | "总计" | "预算金额合计")
}

/// A header cell: what it holds.
fn column(text: &str) -> Option<Col> {
    let n = normalise(text).text;
    Some(match n.as_str() {
        "任务名称" | "主要任务" | "任务" | "重点任务" => Col::Name,
        "主要内容" | "任务内容" | "工作内容" | "主要工作内容" => Col::Content,
        "总额" | "合计" | "小计" | "预算金额" | "预算金额总额" | "预算数" | "金额"
        | "预算金额合计" => Col::Total,
        _ => match label(&n) {
            Some(Label::Total(_)) => Col::Total,
            _ => Col::Source(source_label(&n)?),
        },
    })
}

/// Whether a cell is a group label (年度主要任务) that spans the rows.
fn is_group(c: &Cell) -> bool {
    matches!(label(&normalise(&c.text).text), Some(Label::Group(_)))
}

impl Recognizer {
    /// Open the block at a header row naming 任务名称; true when it did.
    pub(super) fn task_header(&mut self, t: &Table, r: usize) -> bool {
        let starting: Vec<&Cell> = t
            .row(r)
            .into_iter()
            .filter(|p| p.first && !p.cell.text.trim().is_empty() && !is_group(p.cell))
            .map(|p| p.cell)
            .collect();
        if !starting
            .first()
            .is_some_and(|c| column(&c.text) == Some(Col::Name))
        {
            return false;
        }
        let mut columns = Vec::new();
        for c in &starting {
            if let Some(u) = normalise(&c.text).unit {
                self.unit.get_or_insert(u);
            }
            if let Some(col) = column(&c.text) {
                columns.push((c.col, c.col_span, col));
            } else if c.col_span > 1 || normalise(&c.text).text.contains("金额") {
                // `预算金额（万元）` over the amounts' own headings below.
                columns.push((c.col, c.col_span, Col::Total));
            } else {
                self.note(Some(t.origin(c)), &c.text, Why::UnknownCell);
            }
        }
        // A second header row under it: 总额 | 财政拨款 | 其他资金.
        let below: Vec<&Cell> = t
            .row(r + 1)
            .into_iter()
            .filter(|p| p.first && !p.cell.text.trim().is_empty())
            .map(|p| p.cell)
            .collect();
        let subheads: Option<Vec<(usize, usize, Col)>> = below
            .iter()
            .map(|c| match column(&c.text) {
                Some(col @ (Col::Total | Col::Source(_))) => Some((c.col, c.col_span, col)),
                _ => None,
            })
            .collect();
        if let Some(sub) = subheads.filter(|s| !s.is_empty()) {
            for s in sub {
                columns.retain(|(col, span, _)| !(s.0 >= *col && s.0 < col + span && *span > 1));
                columns.push(s);
            }
            columns.sort_by_key(|c| c.0);
            self.used_rows.insert(r + 1);
        }
        self.tasks = Some(Tasks { columns });
        true
    }

    /// A row of the open block; false when the row is none (a label of
    /// the form starts it), which closes the block.
    pub(super) fn task_row(&mut self, t: &Table, r: usize) -> bool {
        let Some(tasks) = self.tasks.clone() else {
            return false;
        };
        let starting: Vec<&Cell> = t
            .row(r)
            .into_iter()
            .filter(|p| p.first && !is_group(p.cell))
            .map(|p| p.cell)
            .collect();
        let first = starting.iter().find(|c| !c.text.trim().is_empty());
        if first.is_some_and(|c| {
            let n = normalise(&c.text).text;
            !is_sum(&n) && label(&n).is_some_and(|l| !matches!(l, Label::Group(Group::Other)))
        }) {
            self.tasks = None;
            return false;
        }
        let mut name = None;
        let mut content = None;
        let mut total = None;
        let mut sources: Vec<(String, String)> = Vec::new();
        for c in &starting {
            let text = c.text.trim();
            if text.is_empty() {
                continue;
            }
            let col = tasks
                .columns
                .iter()
                .find(|(col, span, _)| c.col >= *col && c.col < col + span)
                .map(|x| x.2.clone());
            match col {
                Some(Col::Name) => name = Some(one_line(text)),
                Some(Col::Content) => content = Some(text.to_string()),
                Some(Col::Total) => total = self.task_amount(t, c),
                Some(Col::Source(s)) => {
                    if let Some(a) = self.task_amount(t, c) {
                        sources.push((s, a));
                    }
                }
                None => self.note(Some(t.origin(c)), text, Why::UnknownCell),
            }
        }
        let sum = name.as_deref().is_some_and(|n| is_sum(&normalise(n).text));
        if sum {
            if total.is_some() || !sources.is_empty() {
                self.d.department.budget = Some(Budget {
                    total: total.clone(),
                    sources: sources
                        .iter()
                        .map(|(n, a)| Source {
                            name: n.clone(),
                            amount: a.clone(),
                            ..Source::default()
                        })
                        .collect(),
                    partial: false,
                });
            }
            return true;
        }
        match name {
            Some(n) => {
                self.d
                    .overall
                    .objectives
                    .push((n.clone(), content.unwrap_or_default()));
                if total.is_some() || !sources.is_empty() {
                    let mut parts: Vec<String> = total.into_iter().collect();
                    let detail: Vec<String> =
                        sources.iter().map(|(s, a)| format!("{s} {a}")).collect();
                    if !detail.is_empty() {
                        parts.push(format!("（{}）", detail.join("，")));
                    }
                    self.d
                        .department
                        .fields
                        .push((format!("{n}（预算金额）"), parts.join("")));
                }
            }
            None => {
                // Content or amounts without the task's name.
                let texts: Vec<&str> = starting
                    .iter()
                    .map(|c| c.text.trim())
                    .filter(|x| !x.is_empty())
                    .collect();
                if let Some(c) = first {
                    self.note(Some(t.origin(c)), &texts.join(" | "), Why::UnknownRow);
                }
            }
        }
        true
    }

    /// An amount of a task, in the sheet's unit; a note when it is no
    /// number.
    fn task_amount(&mut self, t: &Table, c: &Cell) -> Option<String> {
        match amount(&c.text) {
            Ok(Some(a)) => {
                if self.unit.is_none() {
                    self.unit = a.unit;
                }
                Some(match (a.unit, self.unit) {
                    (Some(from), Some(to)) if from != to => convert(&a.number, from, to),
                    _ => a.number,
                })
            }
            Ok(None) => None,
            Err(()) => {
                self.note(Some(t.origin(c)), &c.text, Why::NotAnAmount);
                None
            }
        }
    }
}
