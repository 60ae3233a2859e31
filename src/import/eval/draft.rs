//! What the recognizer of a self-evaluation or monitoring form reads, before
//! it is written as `.jx`: figures and texts as printed, the indicators as
//! the sheet's recognizer reads them plus the evaluation's columns, and the
//! notes of what could not be placed.

use crate::import::draft::{Indicator, Note, Party};

/// 自评 or 监控.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Evaluation,
    Monitoring,
}

/// One row of the budget execution (the total or a source): the figures as
/// printed, `None` for a blank cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Amounts {
    pub initial: Option<String>,
    pub adjusted: Option<String>,
    pub spent: Option<String>,
    pub expected: Option<String>,
    /// The rate as printed, `%` kept (`100.00%`).
    pub rate: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Execution {
    pub total: Amounts,
    pub weight: Option<String>,
    pub points: Option<String>,
    pub reason: Option<String>,
    pub sources: Vec<(String, Amounts)>,
}

/// An indicator of the form: as a sheet quotes it, and what it reached.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvalIndicator {
    pub base: Indicator,
    pub actual: Option<String>,
    pub points: Option<String>,
    pub deduction: Option<String>,
    pub note: Option<String>,
    pub reason: Option<String>,
    pub expected: Option<String>,
    pub likelihood: Option<String>,
    /// Cause words (人员, 其他 …) printed before the reason.
    pub causes: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    /// The body's own table (部门整体), written as `overall`.
    pub whole: bool,
    pub code: Option<String>,
    pub name: Option<String>,
    pub supervisor: Option<Party>,
    pub agency: Option<Party>,
    pub execution: Option<Execution>,
    /// (预期目标, 实际完成情况).
    pub goals: Vec<(String, Option<String>)>,
    pub overview: Option<String>,
    /// `score ITEM POINTS`: `预算执行情况(10分)`, `绩效指标(90分)`,
    /// `产出指标(50分)`.
    pub scores: Vec<(String, String)>,
    pub indicators: Vec<EvalIndicator>,
    /// 合计 / 总分: weight and points.
    pub total: Option<(Option<String>, Option<String>)>,
    pub conclusion: Option<String>,
    pub problem: Option<String>,
    pub improvement: Option<String>,
    pub fields: Vec<(String, String)>,
    /// The copy is incomplete (`truncated`): how it was seen.
    pub truncated: Option<Cut>,
    pub notes: Vec<Note>,
}

/// How an incomplete copy shows itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cut {
    /// The table starts without its head (no 项目名称).
    Head,
    /// The table's last row stops short (row `n`, 1-based).
    Row(usize),
}

/// The whole form as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvalDraft {
    pub kind: Kind,
    pub year: Option<i32>,
    pub as_of: Option<u32>,
    pub title: Option<String>,
    pub department: Option<Party>,
    pub unit: Option<&'static str>,
    pub fields: Vec<(String, String)>,
    pub projects: Vec<Project>,
    pub head_notes: Vec<Note>,
}

impl EvalDraft {
    pub fn notes(&self) -> Vec<&Note> {
        self.head_notes
            .iter()
            .chain(self.projects.iter().flat_map(|p| &p.notes))
            .collect()
    }

    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.projects
            .iter()
            .flat_map(|p| p.indicators.iter().map(|i| &i.base))
    }
}
