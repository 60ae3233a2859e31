//! A checked self-evaluation (绩效自评) or monitoring form (运行监控): plain
//! data, no spans. Amounts, rates and points are exact decimals, serialised
//! as strings. What `jixiao-evaluation/1` JSON prints, field for field
//! (docs/evaluation.md).

use super::sheet::{dec, opt_dec, Field, Indicator, Party, Score, Target};
pub use crate::lang::choices::{Cause, Completion, Likelihood, ReverseRule};
use rust_decimal::Decimal;
use serde::Serialize;

/// The name and version of the JSON contract.
pub const EVALUATION_FORMAT: &str = "jixiao-evaluation/1";

/// Which form the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvaluationKind {
    /// 绩效自评: after the year.
    Evaluation,
    /// 运行监控: during the year, as of a month.
    Monitoring,
}

/// One self-evaluation or monitoring form, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// Always [`EVALUATION_FORMAT`].
    pub format: &'static str,
    pub kind: EvaluationKind,
    /// The year evaluated.
    pub year: i32,
    /// The monitoring month (1–12): figures are up to its end.
    pub as_of: Option<u32>,
    /// The target sheet as written (relative to the evaluation's file).
    pub sheet: Option<String>,
    /// Whether the sheet was read and the evaluation compared with it.
    pub sheet_checked: bool,
    /// The body (from the header, else from the sheet).
    pub department: Option<Party>,
    /// 万元 or 元.
    pub unit: String,
    /// 2015 or 2021.
    pub framework: String,
    /// How reverse indicators are scored unless one says otherwise.
    pub reverse_rule: ReverseRule,
    pub title: Option<String>,
    pub filer: Option<String>,
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// The body's own table (部门整体自评 / 部门整体监控), when the form has
    /// one: the body's code and name, its budget, goals and the indicators
    /// of the sheet's `overall`.
    pub overall: Option<EvalProject>,
    pub projects: Vec<EvalProject>,
}

/// One project's table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EvalProject {
    pub code: Option<String>,
    pub name: String,
    pub supervisor: Option<Party>,
    pub agency: Option<Party>,
    /// The transcription is of an incomplete copy (why): facts it lacks are
    /// not reported missing.
    pub truncated: Option<String>,
    /// 预算执行情况.
    pub execution: Option<Execution>,
    /// 预期目标 and 实际完成情况.
    pub goals: Vec<GoalResult>,
    /// 项目实施内容及过程概述.
    pub overview: Option<String>,
    /// Points of parts of the score as the form prints them (产出指标 50分).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    pub indicators: Vec<EvalIndicator>,
    /// 合计 as stated.
    pub total: Option<StatedTotal>,
    /// The project's score by the rules: execution plus every indicator,
    /// when every part could be scored.
    #[serde(serialize_with = "opt_dec")]
    pub computed_total: Option<Decimal>,
    /// 评价结论.
    pub conclusion: Option<String>,
    /// 存在问题.
    pub problems: Option<String>,
    /// 改进措施.
    pub improvement: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// The 合计 row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatedTotal {
    #[serde(serialize_with = "opt_dec")]
    pub weight: Option<Decimal>,
    #[serde(serialize_with = "opt_dec")]
    pub points: Option<Decimal>,
}

/// 预算执行情况: the total row, its fund-source rows and its score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Execution {
    #[serde(flatten)]
    pub amounts: Amounts,
    /// The rate by the amounts (spent ÷ adjusted, else ÷ initial), in %,
    /// to 2 decimals; none when the budget is zero or missing.
    #[serde(serialize_with = "opt_dec")]
    pub computed_rate: Option<Decimal>,
    /// 分值 (10 unless stated).
    #[serde(serialize_with = "dec")]
    pub weight: Decimal,
    /// 得分 as stated.
    #[serde(serialize_with = "opt_dec")]
    pub points: Option<Decimal>,
    /// 得分 by the rule (weight × rate, to 2 decimals).
    #[serde(serialize_with = "opt_dec")]
    pub computed_points: Option<Decimal>,
    pub reason: Option<String>,
    pub sources: Vec<ExecutionSource>,
}

/// The amounts of one row: 年初预算数, 全年预算数 (调整后), 执行数, 全年预计
/// (monitoring), 执行率 as stated (in %).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Amounts {
    #[serde(serialize_with = "opt_dec")]
    pub initial: Option<Decimal>,
    #[serde(serialize_with = "opt_dec")]
    pub adjusted: Option<Decimal>,
    #[serde(serialize_with = "opt_dec")]
    pub spent: Option<Decimal>,
    #[serde(serialize_with = "opt_dec")]
    pub expected: Option<Decimal>,
    #[serde(serialize_with = "opt_dec")]
    pub rate: Option<Decimal>,
}

/// A fund-source row (其中：财政资金 …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExecutionSource {
    pub name: String,
    #[serde(flatten)]
    pub amounts: Amounts,
}

/// A goal and what became of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GoalResult {
    /// 预期目标.
    pub goal: String,
    /// 实际完成情况.
    pub actual: Option<String>,
}

/// What an indicator reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actual {
    /// A number, in the target's unit when none is written.
    Quantity {
        #[serde(serialize_with = "dec")]
        value: Decimal,
        unit: Option<String>,
        text: String,
        /// The value in the target's unit when it is written in another
        /// money unit (`300000元` for `≤30万元`: 30): what the rules score.
        #[serde(serialize_with = "opt_dec", skip_serializing_if = "Option::is_none")]
        in_target_unit: Option<Decimal>,
    },
    /// 达成 / 部分达成 / 未达成.
    Completion {
        completion: Completion,
        text: String,
    },
    /// Anything else, as written.
    Text { text: String },
}

impl Evaluation {
    /// 绩效自评 or 运行监控.
    pub fn kind_word(&self) -> &'static str {
        match self.kind {
            EvaluationKind::Evaluation => "绩效自评",
            EvaluationKind::Monitoring => "运行监控",
        }
    }
}

impl EvalIndicator {
    /// Whether this row evaluates the sheet's indicator `s`: by id when
    /// both give one, else by category and name.
    pub fn evaluates(&self, s: &Indicator) -> bool {
        match (&self.id, &s.id) {
            (Some(a), Some(b)) => a == b,
            _ => self.level1 == s.level1 && self.level2 == s.level2 && self.name == s.name,
        }
    }
}

impl Actual {
    /// The number the rules score, in the target's unit.
    pub fn scored_value(&self) -> Option<Decimal> {
        match self {
            Actual::Quantity {
                value,
                in_target_unit,
                ..
            } => Some(in_target_unit.unwrap_or(*value)),
            _ => None,
        }
    }

    /// `不适用`, `不涉及`: the indicator did not apply this year.
    pub fn not_applicable(&self) -> bool {
        matches!(self, Actual::Text { text } if matches!(text.trim(), "不适用" | "不涉及" | "无需评价"))
    }

    /// The value as written.
    pub fn text(&self) -> &str {
        match self {
            Actual::Quantity { text, .. }
            | Actual::Completion { text, .. }
            | Actual::Text { text } => text,
        }
    }
}

/// Which rule scored an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// ≥ ＞, and ＝ with a target above 0.
    Positive,
    /// ＝ 0.
    EqualZero,
    /// ≤ ＜ by the 一体化 formula.
    ReverseFasp,
    /// ≤ ＜ by T / A × W.
    ReverseRatio,
    /// 定性: a band of the weight.
    Qualitative,
}

/// One indicator row of the evaluation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvalIndicator {
    pub level1: &'static str,
    pub level2: &'static str,
    pub level1_written: String,
    pub level2_written: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The target as quoted.
    pub target: Option<Target>,
    /// 实际完成值 (monitoring: the value so far).
    pub actual: Option<Actual>,
    /// Monitoring: 全年预计完成情况.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// 分值 / 权重.
    #[serde(serialize_with = "opt_dec")]
    pub weight: Option<Decimal>,
    /// 得分 as stated (before deductions).
    #[serde(serialize_with = "opt_dec")]
    pub points: Option<Decimal>,
    /// 扣减分数.
    #[serde(serialize_with = "opt_dec")]
    pub deduction: Option<Decimal>,
    /// The rule that scores it, when one applies.
    pub rule: Option<Rule>,
    /// Points by the rule (quantitative), before deductions.
    #[serde(serialize_with = "opt_dec")]
    pub computed_points: Option<Decimal>,
    /// The band stated points must fall in (qualitative): [low, high], high
    /// included only for 达成.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
    /// Whether the target was met, when that can be told.
    pub met: Option<bool>,
    /// 完成情况简要描述.
    pub note: Option<String>,
    /// 偏差原因及改进措施.
    pub reason: Option<String>,
    /// Monitoring: 偏差原因 classes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<Cause>,
    /// Monitoring: 完成可能性.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Likelihood>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// A band of points: `low` ≤ points < `high` (≤ `high` when `closed`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    #[serde(serialize_with = "dec")]
    pub low: Decimal,
    #[serde(serialize_with = "dec")]
    pub high: Decimal,
    pub closed: bool,
}
