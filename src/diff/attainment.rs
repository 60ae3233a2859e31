//! A sheet against its self-evaluation or monitoring form: which targets
//! were met, and by how much (`jixiao diff SHEET EVALUATION`). Works on the
//! two models; the matching is the checker's (a project by code, else name;
//! an indicator by id, else category and name).

use crate::model::{
    Actual, Completion, Direction, EvalIndicator, EvalProject, Evaluation, Indicator, Sheet,
    TargetValue,
};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// The name and version of the JSON contract.
pub const ATTAINMENT_FORMAT: &str = "jixiao-attainment/1";

fn dec<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// What became of a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Reached (a number on the right side of the target, or 达成).
    Met,
    /// Missed (a number short of it, 部分达成 or 未达成).
    Short,
    /// Evaluated, but what was reached cannot be compared (text).
    Unknown,
    /// The form does not evaluate it.
    NotEvaluated,
}

/// Every target of the sheet's evaluated projects, with what it reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attainment {
    pub format: &'static str,
    pub year: i32,
    pub kind: crate::model::EvaluationKind,
    pub as_of: Option<u32>,
    pub counts: Counts,
    pub projects: Vec<ProjectAttainment>,
}

/// How many targets ended in each status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub met: usize,
    pub short: usize,
    pub unknown: usize,
    pub not_evaluated: usize,
}

/// One project of the sheet the form evaluates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectAttainment {
    pub code: Option<String>,
    pub name: String,
    /// The sheet's budget.
    #[serde(serialize_with = "dec")]
    pub budget: Option<Decimal>,
    /// The form's 全年预算数 (调整后, else 年初), which the rate divides.
    #[serde(serialize_with = "dec")]
    pub adjusted: Option<Decimal>,
    /// Spent, as the form says.
    #[serde(serialize_with = "dec")]
    pub spent: Option<Decimal>,
    /// The execution rate by the form's amounts (%), or as stated.
    #[serde(serialize_with = "dec")]
    pub rate: Option<Decimal>,
    pub indicators: Vec<IndicatorAttainment>,
}

/// One target and what it reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndicatorAttainment {
    pub level1: &'static str,
    pub level2: &'static str,
    pub name: String,
    /// The target as the sheet sets it.
    pub target: Option<String>,
    /// What was reached, as the form writes it.
    pub actual: Option<String>,
    pub status: Status,
    /// How far beyond (positive) or short of (negative) the target, in its
    /// unit: actual − target, or target − actual for a reverse target.
    #[serde(serialize_with = "dec")]
    pub margin: Option<Decimal>,
    /// The unit of the target and the margin.
    pub unit: Option<String>,
    /// The actual as a percentage of the target (2 decimals).
    #[serde(serialize_with = "dec")]
    pub percent_of_target: Option<Decimal>,
    #[serde(serialize_with = "dec")]
    pub weight: Option<Decimal>,
    #[serde(serialize_with = "dec")]
    pub points: Option<Decimal>,
}

/// The sheet's targets in the projects the form evaluates, each with what it
/// reached. Projects of the sheet the form does not cover are left out
/// (bodies file a table per project).
pub fn attainment(sheet: &Sheet, ev: &Evaluation) -> Attainment {
    let mut counts = Counts::default();
    let mut projects = Vec::new();
    // The body's own table (部门整体) against the sheet's `overall`.
    if let Some(whole) = &ev.overall {
        projects.push(table(
            &mut counts,
            (sheet.department.code.clone(), sheet.department.name.clone()),
            sheet.department.budget.as_ref().map(|b| b.total),
            &sheet.overall.indicators,
            whole,
        ));
    }
    for sp in &sheet.projects {
        let Some(ep) = ev.projects.iter().find(|e| match (&e.code, &sp.code) {
            (Some(a), Some(b)) => a == b,
            _ => e.name == sp.name,
        }) else {
            continue;
        };
        projects.push(table(
            &mut counts,
            (sp.code.clone(), sp.name.clone()),
            Some(sp.budget.total),
            &sp.indicators,
            ep,
        ));
    }
    Attainment {
        format: ATTAINMENT_FORMAT,
        year: ev.year,
        kind: ev.kind,
        as_of: ev.as_of,
        counts,
        projects,
    }
}

/// One table of the sheet (a project's or the body's) with what the form
/// says each of its targets reached.
fn table(
    counts: &mut Counts,
    (code, name): (Option<String>, String),
    budget: Option<Decimal>,
    set: &[Indicator],
    ep: &EvalProject,
) -> ProjectAttainment {
    let x = ep.execution.as_ref();
    let mut indicators = Vec::new();
    for si in set.iter().filter(|i| !i.is_listed_only()) {
        let found = ep.indicators.iter().find(|e| e.evaluates(si));
        let row = indicator(si, found);
        match row.status {
            Status::Met => counts.met += 1,
            Status::Short => counts.short += 1,
            Status::Unknown => counts.unknown += 1,
            Status::NotEvaluated => counts.not_evaluated += 1,
        }
        indicators.push(row);
    }
    ProjectAttainment {
        code,
        name,
        budget,
        adjusted: x.and_then(|x| x.amounts.adjusted.or(x.amounts.initial)),
        spent: x.and_then(|x| x.amounts.spent),
        rate: x.and_then(|x| x.computed_rate.or(x.amounts.rate)),
        indicators,
    }
}

/// Met, short, or not comparable (`None`).
fn status_of(met: Option<bool>) -> Status {
    match met {
        Some(true) => Status::Met,
        Some(false) => Status::Short,
        None => Status::Unknown,
    }
}

/// The budget, what the form spent and its rate: `budget 125.00, adjusted
/// 120, spent 110 (91.67%)`. The rate divides the form's budget, which is
/// said when it is not the sheet's.
fn budget_line(p: &ProjectAttainment, zh: bool) -> Option<String> {
    let s = p.spent?;
    let rate = p.rate.map(|r| format!(" ({r}%)")).unwrap_or_default();
    let adjusted = p.adjusted.filter(|a| Some(*a) != p.budget);
    let (budget, adjusted_word, spent_word, sep) = if zh {
        ("预算", "调整后", "执行", "，")
    } else {
        ("budget", "adjusted", "spent", ", ")
    };
    let mut parts = Vec::new();
    if let Some(b) = p.budget {
        parts.push(format!("{budget} {b}"));
    }
    if let Some(a) = adjusted {
        let word = if p.budget.is_some() {
            adjusted_word
        } else {
            budget
        };
        parts.push(format!("{word} {a}"));
    }
    parts.push(format!("{spent_word} {s}{rate}"));
    Some(parts.join(sep))
}

fn indicator(s: &Indicator, e: Option<&EvalIndicator>) -> IndicatorAttainment {
    let mut row = IndicatorAttainment {
        level1: s.level1,
        level2: s.level2,
        name: s.name.clone(),
        target: s.target.as_ref().map(|t| t.text.clone()),
        actual: None,
        status: Status::NotEvaluated,
        margin: None,
        unit: s
            .target
            .as_ref()
            .and_then(|t| t.unit_parts().0.map(String::from)),
        percent_of_target: None,
        weight: e.and_then(|e| e.weight).or(s.weight),
        points: e.and_then(|e| e.points),
    };
    let Some(actual) = e.and_then(|e| e.actual.as_ref()) else {
        return row;
    };
    row.actual = Some(actual.text().to_string());
    row.status = Status::Unknown;
    match actual {
        Actual::Completion { completion, .. } => {
            row.status = if *completion == Completion::Achieved {
                Status::Met
            } else {
                Status::Short
            };
        }
        Actual::Quantity { .. } => {
            let Some(value) = actual.scored_value() else {
                return row;
            };
            let Some(t) = &s.target else { return row };
            // A range: as the form's check found it.
            let TargetValue::Quantity { value: goal, .. } = t.value else {
                row.status = status_of(e.and_then(|e| e.met));
                return row;
            };
            let reverse = t.direction() == Some(Direction::Negative);
            let equal_zero = t.direction() == Some(Direction::Equal) && goal.is_zero();
            let margin = if reverse || equal_zero {
                goal - value
            } else {
                value - goal
            };
            row.status = if margin >= Decimal::ZERO {
                Status::Met
            } else {
                Status::Short
            };
            row.margin = Some(margin.normalize());
            if !goal.is_zero() {
                row.percent_of_target = (value * Decimal::ONE_HUNDRED)
                    .checked_div(goal)
                    .map(|p| p.round_dp(2));
            }
        }
        // A yes/no target answered 是/否, a date against a deadline: as the
        // form's check found it.
        Actual::Text { .. } => row.status = status_of(e.and_then(|e| e.met)),
    }
    row
}

/// The attainment as JSON (`jixiao-attainment/1`), with a final newline.
pub fn render_attainment_json(a: &Attainment) -> String {
    let mut s = serde_json::to_string_pretty(a).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

/// The attainment as text, one line a target, in Chinese or English.
pub fn render_attainment_text(a: &Attainment, zh: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let c = &a.counts;
    // A monitoring form's figures run to its month.
    let when = match (a.as_of, zh) {
        (Some(m), true) => format!("{}年1-{m}月", a.year),
        (Some(m), false) => format!("{} (to the end of month {m})", a.year),
        (None, true) => format!("{}年", a.year),
        (None, false) => a.year.to_string(),
    };
    let _ = if zh {
        writeln!(
            out,
            "{when}：达成 {} 项，未达成 {} 项，无法比较 {} 项，未评价 {} 项",
            c.met, c.short, c.unknown, c.not_evaluated
        )
    } else {
        writeln!(
            out,
            "{when}: {} met, {} short, {} not comparable, {} not evaluated",
            c.met, c.short, c.unknown, c.not_evaluated
        )
    };
    for p in &a.projects {
        let name = match &p.code {
            Some(code) => format!("{code} {}", p.name),
            None => p.name.clone(),
        };
        let _ = writeln!(out, "\n{name}");
        if let Some(line) = budget_line(p, zh) {
            let _ = writeln!(out, "  {line}");
        }
        for i in &p.indicators {
            let mark = match i.status {
                Status::Met => "✓",
                Status::Short => "✗",
                Status::Unknown => "?",
                Status::NotEvaluated => "-",
            };
            let target = i.target.as_deref().unwrap_or("");
            let actual =
                i.actual
                    .as_deref()
                    .unwrap_or(if zh { "未评价" } else { "not evaluated" });
            // A margin of a percentage is in percentage points.
            let unit = match (i.unit.as_deref(), zh) {
                (Some("%"), true) => "个百分点".to_string(),
                (Some("%"), false) => " points".to_string(),
                (Some(u), _) => u.to_string(),
                (None, _) => String::new(),
            };
            let by = match (i.margin, zh) {
                (Some(m), true) if m > Decimal::ZERO => format!("，超出 {m}{unit}"),
                (Some(m), true) if m < Decimal::ZERO => format!("，差 {}{unit}", -m),
                (Some(m), false) if m > Decimal::ZERO => format!(", beyond by {m}{unit}"),
                (Some(m), false) if m < Decimal::ZERO => format!(", short by {}{unit}", -m),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {mark} {} {target} → {actual}{by}", i.name);
        }
    }
    out
}

/// The attainment as one self-contained page: a table per project, the
/// targets met, short, not comparable or not evaluated, with the margins.
pub fn render_attainment_html(a: &Attainment) -> String {
    use crate::emit::html::esc;
    use std::fmt::Write;
    let mut o = String::new();
    let title = format!("{}年 绩效目标完成情况", a.year);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(&title),
        ATTAINMENT_CSS,
        esc(&title)
    );
    let c = &a.counts;
    let _ = writeln!(
        o,
        "<p class=\"counts\">达成 {} 项，未达成 {} 项，无法比较 {} 项，未评价 {} 项</p>",
        c.met, c.short, c.unknown, c.not_evaluated
    );
    for p in &a.projects {
        let name = match &p.code {
            Some(code) => format!("{code} {}", p.name),
            None => p.name.clone(),
        };
        let _ = writeln!(o, "<section>\n<h2>{}</h2>", esc(&name));
        if let Some(line) = budget_line(p, true) {
            let _ = writeln!(o, "<p>{}</p>", esc(&line));
        }
        o.push_str("<table>\n<tr><th>状态</th><th>三级指标</th><th>指标值</th><th>完成值</th><th>差额</th><th>完成比例</th></tr>\n");
        for i in &p.indicators {
            let (mark, class) = match i.status {
                Status::Met => ("✓ 达成", "met"),
                Status::Short => ("✗ 未达成", "short"),
                Status::Unknown => ("? 无法比较", "unknown"),
                Status::NotEvaluated => ("- 未评价", "none"),
            };
            let unit = match i.unit.as_deref() {
                Some("%") => "个百分点",
                Some(u) => u,
                None => "",
            };
            let margin = i.margin.map(|m| format!("{m}{unit}")).unwrap_or_default();
            let share = i
                .percent_of_target
                .map(|p| format!("{p}%"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "<tr class=\"{class}\"><td>{mark}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&i.name),
                esc(i.target.as_deref().unwrap_or("")),
                esc(i.actual.as_deref().unwrap_or("")),
                esc(&margin),
                esc(&share)
            );
        }
        o.push_str("</table>\n</section>\n");
    }
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

const ATTAINMENT_CSS: &str =
    "body { font-family: \"FangSong\", \"仿宋\", \"Noto Serif CJK SC\", serif; margin: 24px; }
main { max-width: 980px; margin: auto; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid #000; padding: 4px 6px; }
th { background: #f3f4f6; }
tr.met td:first-child { color: #1a7f37; }
tr.short td:first-child { color: #c62828; }
tr.unknown td:first-child, tr.none td:first-child { color: #666; }
";
