//! Column workbooks: one record a row under one header row, one fact a
//! column, as `jixiao build --format xlsx` writes them and as the 一体化
//! system exports its indicator lists (项目编码 / 项目名称 beside 一级指标 …
//! 指标值). Three kinds of table are read by their headers:
//! - indicators: the indicator columns (`labels::column`) after the columns
//!   naming their project (项目编码, 项目名称, 实施单位, 年度/实施期) or their
//!   body (单位编码, 单位名称, for 部门整体 indicators);
//! - projects: 项目名称 beside at least three other project columns
//!   (预算数, 资金用途, 年度绩效目标, the months of the plan …);
//! - the body: 类别 · 序号 · 标题 · 内容 (基本信息 facts, then 第一部分).
//!
//! The evaluation workbook (`jixiao build FORM.jx --format xlsx`, the
//! 一体化 import templates) is read by `recognise_form`: the indicator sheet
//! (`自评指标（项目支出）`, `监控指标（项目支出）`: the indicator columns with
//! 实际完成值 / 当前完成值 …), the sheet `预算执行` (资金来源 · 年初预算数 · 调整后预算数 ·
//! 执行数 …) and the monitoring summary `一般监控导入模板` (its 单位名称).
//!
//! A workbook with none of these is a printed form, read by `form`. Any
//! other table of a column workbook, and any column whose header is not
//! known, is kept: a table as a note, a column as a `field`.

use super::budget::Budgets;
use super::draft::{Budget, Draft, Indicator, Note, Party, Period, Project, Target, Why};
use super::eval::draft::{self as ev, EvalDraft};
use super::eval::labels::{exec_col, ind_col, ExecCol, IndCol};
use super::grid::{Block, Grid, Table};
use super::indicators::{short, target};
use super::labels::{column, normalise, BudgetKind, Column};
use super::values::{self, core_mark, month, percent, points, source_detail};
use crate::lang::choices::FORM_KINDS;

/// The kinds of table a column workbook holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Indicators,
    Projects,
    Body,
}

/// Headers naming an indicator's project or body, not the indicator.
const LEAD: [&str; 6] = [
    "项目编码",
    "项目名称",
    "实施单位",
    "年度/实施期",
    "单位编码",
    "单位名称",
];

/// Project columns, for telling a table of projects.
const PROJECT: [&str; 16] = [
    "项目编码",
    "预算数",
    "财政资金",
    "其他资金",
    "资金来源明细",
    "项目总预算",
    "资金用途",
    "年度绩效目标",
    "实施期绩效目标",
    "项目类型",
    "项目属性",
    "项目起止时间",
    "项目负责人",
    "主管部门",
    "实施单位",
    "功能科目",
];

/// How many rows under a table's top a header row may stand (titles and
/// notes above it).
const HEADER_DEPTH: usize = 6;

/// The texts of the cells starting in a row, by column.
fn row_texts(t: &Table, r: usize) -> Vec<(usize, String)> {
    t.row(r)
        .iter()
        .filter(|p| p.first)
        .map(|p| (p.cell.col, p.cell.text.trim().to_string()))
        .collect()
}

/// The header row of a column table and its kind.
/// The texts of row `r`, normalised as labels are compared.
fn normalised_row(t: &Table, r: usize) -> Vec<String> {
    row_texts(t, r)
        .into_iter()
        .map(|(_, h)| normalise(&h).text)
        .collect()
}

fn header(t: &Table) -> Option<(usize, Kind)> {
    for r in 0..t.rows().min(HEADER_DEPTH) {
        let heads = normalised_row(t, r);
        let has = |h: &str| heads.iter().any(|x| x == h);
        let levels = has("一级指标")
            && heads
                .iter()
                .any(|h| column(h).is_some_and(|c| c.0 == Column::Name));
        if levels && LEAD.iter().any(|l| has(l)) {
            return Some((r, Kind::Indicators));
        }
        if has("项目名称") && PROJECT.iter().filter(|p| has(p)).count() >= 3 {
            return Some((r, Kind::Projects));
        }
        if has("类别") && has("标题") && has("内容") {
            return Some((r, Kind::Body));
        }
    }
    None
}

/// Read a grid as a column workbook; `None` when no table of it is one.
pub fn recognise(grid: &Grid) -> Option<Draft> {
    let tables: Vec<(&Table, Option<(usize, Kind)>)> = grid
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some((t, header(t))),
            Block::Para(_) => None,
        })
        .collect();
    if tables.iter().all(|(_, h)| h.is_none()) {
        return None;
    }
    let mut r = Reader::default();
    // Projects first, so that indicators find the projects' order; the
    // body's facts before the body's indicators.
    for kind in [Kind::Body, Kind::Projects, Kind::Indicators] {
        for (t, h) in &tables {
            if let Some((row, k)) = h {
                if *k == kind {
                    match kind {
                        Kind::Body => r.body(t, *row),
                        Kind::Projects => r.projects(t, *row),
                        Kind::Indicators => r.indicators(t, *row),
                    }
                }
            }
        }
    }
    for (t, h) in &tables {
        if h.is_none() {
            let first = t.cells.iter().find(|c| !c.text.trim().is_empty());
            if let Some(c) = first {
                r.d.head_notes.push(Note {
                    origin: Some(t.origin(c)),
                    text: c.text.clone(),
                    why: Why::UnknownTable,
                });
            }
        }
    }
    Some(r.finish())
}

/// The tables of an evaluation workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FormTable {
    Indicators,
    Execution,
    Summary,
}

fn form_table(t: &Table) -> Option<(usize, FormTable)> {
    for r in 0..t.rows().min(HEADER_DEPTH) {
        let heads = normalised_row(t, r);
        let has = |h: &str| heads.iter().any(|x| x == h);
        if has("资金来源")
            && heads
                .iter()
                .any(|h| exec_col(h).is_some_and(|c| c.0 == ExecCol::Spent))
        {
            return Some((r, FormTable::Execution));
        }
        if has("支出项目名称") && has("单位名称") {
            return Some((r, FormTable::Summary));
        }
    }
    let (r, kind) = header(t)?;
    let evaluated = headers(t, r)
        .iter()
        .any(|(_, h)| ind_col(&normalise(h).text) == Some(IndCol::Actual));
    (kind == Kind::Indicators && evaluated).then_some((r, FormTable::Indicators))
}

/// Read a grid as an evaluation workbook; `None` when no table of it is
/// one of an evaluation.
pub fn recognise_form(grid: &Grid) -> Option<EvalDraft> {
    let tables: Vec<(&Table, (usize, FormTable))> = grid
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => form_table(t).map(|h| (t, h)),
            Block::Para(_) => None,
        })
        .collect();
    if tables.is_empty() {
        return None;
    }
    let monitoring = tables.iter().any(|(t, (row, kind))| {
        *kind == FormTable::Summary
            || headers(t, *row).iter().any(|(_, h)| {
                matches!(
                    ind_col(&normalise(h).text),
                    Some(IndCol::Likelihood | IndCol::Expected)
                )
            })
    });
    let kind = if monitoring {
        ev::Kind::Monitoring
    } else {
        ev::Kind::Evaluation
    };
    // The indicators as a sheet's, their evaluation columns as fields.
    let mut r = Reader::default();
    for (t, (row, k)) in &tables {
        if *k == FormTable::Indicators {
            r.indicators(t, *row);
        }
    }
    let mut d = EvalDraft {
        kind,
        ..EvalDraft::default()
    };
    // Rows naming the body, not a project: its own table (部门整体).
    if !r.d.overall.indicators.is_empty() {
        d.projects.push(ev::Project {
            whole: true,
            indicators: std::mem::take(&mut r.d.overall.indicators)
                .into_iter()
                .map(|i| super::eval::evaluated(i, Some(kind)))
                .collect(),
            notes: std::mem::take(&mut r.d.overall_notes),
            ..ev::Project::default()
        });
    }
    if d.department.is_none() {
        if let Some(name) = r.d.department.name.clone() {
            d.department = Some(super::draft::Party {
                code: r.d.department.code.clone(),
                name,
            });
        }
    }
    for p in r.d.projects {
        d.projects.push(ev::Project {
            code: p.code,
            name: p.name,
            agency: p.agency,
            indicators: p
                .indicators
                .into_iter()
                .map(|i| super::eval::evaluated(i, Some(kind)))
                .collect(),
            notes: p.notes,
            ..ev::Project::default()
        });
    }
    for (t, (row, k)) in &tables {
        match k {
            FormTable::Execution => execution(&mut d, t, *row),
            FormTable::Summary => {
                for (_, cells) in records(t, *row) {
                    let get = |h: &str| cells.iter().find(|(k, _)| k == h).map(|(_, v)| v);
                    if let (None, Some(name)) = (&d.department, get("单位名称")) {
                        d.department = Some(values::party(name));
                    }
                }
            }
            FormTable::Indicators => {}
        }
    }
    for (t, h) in grid.blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some((t, form_table(t))),
        Block::Para(_) => None,
    }) {
        let first = t.cells.iter().find(|c| !c.text.trim().is_empty());
        if let (None, Some(c)) = (h, first) {
            d.head_notes.push(Note {
                origin: Some(t.origin(c)),
                text: c.text.clone(),
                why: Why::UnknownTable,
            });
        }
    }
    // The workbook states neither the year nor the money unit.
    for why in [Why::NoYear, Why::UnitAssumed] {
        d.head_notes.push(Note {
            origin: None,
            text: String::new(),
            why,
        });
    }
    Some(d)
}

/// The rows of `预算执行`: per project its total (`年度资金总额`) and sources.
fn execution(d: &mut EvalDraft, t: &Table, row: usize) {
    for (r, cells) in records(t, row) {
        let get = |h: &str| cells.iter().find(|(k, _)| k == h).map(|(_, v)| v.as_str());
        let (code, name) = (get("项目编码"), get("项目名称"));
        // A row naming the body (单位编码, 单位名称): its own table.
        let whole = code.is_none() && name.is_none();
        let at = d
            .projects
            .iter()
            .position(|p| {
                if whole {
                    p.whole
                } else {
                    !p.whole && p.code.as_deref() == code && p.name.as_deref() == name
                }
            })
            .unwrap_or_else(|| {
                d.projects.push(ev::Project {
                    whole,
                    code: code.map(String::from),
                    name: name.map(String::from),
                    ..ev::Project::default()
                });
                d.projects.len() - 1
            });
        let mut a = ev::Amounts::default();
        let (mut weight, mut points, mut reason) = (None, None, None);
        for (h, v) in &cells {
            let Some((c, _)) = exec_col(&normalise(h).text) else {
                if !matches!(
                    h.as_str(),
                    "项目编码" | "项目名称" | "单位编码" | "单位名称" | "资金来源"
                ) {
                    d.projects[at].notes.push(Note {
                        origin: t.at(r, 0).map(|c| t.origin(c)),
                        text: format!("{h}：{v}"),
                        why: Why::UnknownCell,
                    });
                }
                continue;
            };
            let n = amount(v);
            match c {
                ExecCol::Initial => a.initial = n,
                ExecCol::Adjusted => a.adjusted = n,
                ExecCol::Spent => a.spent = n,
                ExecCol::Expected => a.expected = n,
                ExecCol::Rate => a.rate = percent(v).map(|p| format!("{p}%")),
                ExecCol::Weight => weight = n,
                ExecCol::Points => points = n,
                ExecCol::Reason => reason = Some(v.clone()),
            }
        }
        let x = d.projects[at]
            .execution
            .get_or_insert_with(ev::Execution::default);
        match get("资金来源").unwrap_or("年度资金总额") {
            "年度资金总额" | "总额" | "合计" => {
                x.total = a;
                x.weight = weight;
                x.points = points;
            }
            source => x.sources.push((source.to_string(), a)),
        }
        if reason.is_some() {
            x.reason = reason;
        }
    }
}

#[derive(Default)]
struct Reader {
    d: Draft,
}

/// The header of each column of a table, from its header row, as written
/// (`指标值（原文）` is not `指标值`).
fn headers(t: &Table, row: usize) -> Vec<(usize, String)> {
    row_texts(t, row)
        .into_iter()
        .filter(|(_, h)| !h.is_empty())
        .collect()
}

/// The records under a header row: (row, [(header, text)]) for each row
/// with a non-empty cell.
fn records(t: &Table, row: usize) -> Vec<(usize, Vec<(String, String)>)> {
    let heads = headers(t, row);
    let mut out = Vec::new();
    for r in row + 1..t.rows() {
        let cells: Vec<(String, String)> = heads
            .iter()
            .filter_map(|(c, h)| {
                let cell = t.at(r, *c)?;
                // A cell merged down from the row above is the same value.
                let text = cell.text.trim();
                (!text.is_empty()).then(|| (h.clone(), text.to_string()))
            })
            .collect();
        if !cells.is_empty() {
            out.push((r, cells));
        }
    }
    out
}

/// Lines of a cell, trimmed, empty ones dropped.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// `名称：值` lines as fields; a line without `：` continues the field above.
fn fields(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        match line.split_once('：') {
            Some((k, v)) if !k.trim().is_empty() => {
                out.push((k.trim().to_string(), v.trim().to_string()))
            }
            _ => match out.last_mut() {
                Some((_, v)) => {
                    v.push('\n');
                    v.push_str(line);
                }
                None => out.push(("备注".to_string(), line.to_string())),
            },
        }
    }
    out
}

/// A detailed source line of our tables (`其中：财政资金 60（…）`).
fn detail(text: &str) -> Option<(bool, Vec<super::draft::Source>)> {
    let text = match text.strip_prefix("其中：") {
        Some(rest) => format!("其中{rest}"),
        None => text.to_string(),
    };
    source_detail(&format!("资金来源：{text}"))
}

fn amount(text: &str) -> Option<String> {
    values::amount(text).ok().flatten().map(|a| a.number)
}

impl Reader {
    fn unit(&mut self, text: &str) {
        if self.d.department.unit.is_none() {
            self.d.department.unit = match text.trim() {
                "元" => Some("元"),
                "万元" => Some("万元"),
                _ => None,
            };
        }
    }

    /// The project of a code and name: the one read before, else a new one.
    fn project(&mut self, code: Option<&str>, name: Option<&str>) -> usize {
        let found = self.d.projects.iter().position(|p| {
            p.code.as_deref() == code && (name.is_none() || p.name.as_deref() == name)
        });
        found.unwrap_or_else(|| {
            self.d.projects.push(Project {
                code: code.map(String::from),
                name: name.map(String::from),
                ..Project::default()
            });
            self.d.projects.len() - 1
        })
    }

    fn body(&mut self, t: &Table, row: usize) {
        for (r, cells) in records(t, row) {
            let get = |h: &str| cells.iter().find(|(k, _)| k == h).map(|(_, v)| v.as_str());
            let (kind, title, text) = (get("类别"), get("标题"), get("内容").unwrap_or(""));
            let dept = &mut self.d.department;
            match (kind, title) {
                (Some("基本信息"), Some(title)) => match title {
                    "单位编码" => dept.code = Some(text.to_string()),
                    "单位名称" => dept.name = Some(text.to_string()),
                    "年度" => {
                        dept.year = text
                            .trim()
                            .parse::<i32>()
                            .ok()
                            .or_else(|| values::year_in(text))
                    }
                    "金额单位" => self.unit(text),
                    "指标体系" => dept.framework = Some(text.to_string()),
                    "表样" => {
                        dept.form = FORM_KINDS
                            .iter()
                            .map(|(_, k)| *k)
                            .find(|k| k.title() == text)
                    }
                    "表名" => dept.title = Some(text.to_string()),
                    "主管部门" => dept.supervisor = Some(values::party(text)),
                    "部门预算总额" => {
                        let b = dept.budget.get_or_insert_with(Budget::default);
                        b.total = amount(text);
                    }
                    "部门预算资金来源明细" => {
                        if let Some((partial, sources)) = detail(text) {
                            let b = dept.budget.get_or_insert_with(Budget::default);
                            b.partial = partial;
                            b.sources = sources;
                        }
                    }
                    "填报单位" => dept.filer = Some(text.to_string()),
                    "填报日期" => dept.date = Some(text.to_string()),
                    "审核意见" => dept.review = Some(text.to_string()),
                    other => dept.fields.push((other.to_string(), text.to_string())),
                },
                (Some("总体绩效目标"), _) => self.d.overall.summary.push(text.to_string()),
                (Some("分项绩效目标"), title) => self
                    .d
                    .overall
                    .objectives
                    .push((title.unwrap_or("").to_string(), text.to_string())),
                (Some("工作保障措施"), _) => self.d.overall.measures.push(text.to_string()),
                _ => self.d.overall_notes.push(Note {
                    origin: t.at(r, 0).map(|c| t.origin(c)),
                    text: cells
                        .iter()
                        .map(|(_, v)| v.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                    why: Why::UnknownRow,
                }),
            }
        }
    }

    fn projects(&mut self, t: &Table, row: usize) {
        let heads = headers(t, row);
        let col_of = |h: &str| heads.iter().find(|(_, x)| x == h).map(|(c, _)| *c);
        for (r, cells) in records(t, row) {
            let get = |h: &str| cells.iter().find(|(k, _)| k == h).map(|(_, v)| v.as_str());
            let at = self.project(get("项目编码"), get("项目名称"));
            let mut budgets = Budgets::default();
            let mut total = Budget::default();
            let mut period = Period::default();
            let mut unit = None;
            let p = &mut self.d.projects[at];
            for (h, v) in &cells {
                let col = col_of(h).unwrap_or(0);
                match h.as_str() {
                    "项目编码" | "项目名称" => {}
                    "实施单位" => p.agency.get_or_insert_with(Party::default).name = v.clone(),
                    "实施单位编码" => {
                        p.agency.get_or_insert_with(Party::default).code = Some(v.clone())
                    }
                    "主管部门" => p.supervisor = Some(values::party(v)),
                    "预算数" => budgets.total(BudgetKind::Annual, r, col, amount(v)),
                    "财政资金" | "其他资金" => budgets.source(h, true, r, col, amount(v)),
                    "金额单位" => unit = Some(v.clone()),
                    "资金来源明细" => {
                        if let Some((partial, sources)) = detail(v) {
                            budgets.detail(BudgetKind::Annual, partial, sources);
                        }
                    }
                    // No class columns: the detail is the whole of it.
                    "项目总预算" => total.total = amount(v),
                    "项目总预算资金来源明细" => {
                        if let Some((partial, sources)) = detail(v) {
                            (total.partial, total.sources) = (partial, sources);
                        }
                    }
                    "资金用途" => p.purpose = Some(v.clone()),
                    "年度绩效目标" => p.goals = values::numbered(v),
                    "实施期" => period.text = Some(v.clone()),
                    "实施期绩效目标" => period.goals = values::numbered(v),
                    "项目类型" => p.project_type = Some(v.clone()),
                    "项目属性" => p.attribute = Some(v.clone()),
                    "项目起止时间" => p.term = Some(v.clone()),
                    "项目负责人" => p.leader = Some(v.clone()),
                    "联系电话" => p.phone = Some(v.clone()),
                    "功能科目" => p.function = Some(v.clone()),
                    "文件文号" => p.documents = lines(v),
                    "分值" => {
                        for line in lines(v) {
                            match line
                                .rsplit_once(' ')
                                .and_then(|(i, n)| Some((i, points(n)?)))
                            {
                                Some((item, n)) => p.scores.push((item.to_string(), n)),
                                None => p.fields.push(("分值".to_string(), line)),
                            }
                        }
                    }
                    "审核意见" => p.review = Some(v.clone()),
                    "其他栏目" => p.fields.extend(fields(v)),
                    _ => match month(&normalise(h).text).zip(percent(v)) {
                        Some((m, pct)) if h.contains('月') => p.plan.push((m, pct)),
                        _ => p.fields.push((h.clone(), v.clone())),
                    },
                }
            }
            let (annual, _, why) = budgets.finish();
            p.budget = annual;
            if total.total.is_some() {
                p.total_budget = Some(total);
            }
            if p.budget.is_none() {
                p.notes.push(Note {
                    origin: t.at(r, 0).map(|c| t.origin(c)),
                    text: String::new(),
                    why: Why::NoBudget,
                });
            }
            for w in why {
                p.notes.push(Note {
                    origin: col_of("资金来源明细")
                        .and_then(|c| t.at(r, c))
                        .map(|c| t.origin(c)),
                    text: get("资金来源明细").unwrap_or("").to_string(),
                    why: w,
                });
            }
            if period.text.is_some() || !period.goals.is_empty() {
                let x = p.period.get_or_insert_with(Period::default);
                (x.text, x.goals) = (period.text, period.goals);
            }
            if let Some(u) = unit {
                self.unit(&u);
            }
        }
    }

    fn indicators(&mut self, t: &Table, row: usize) {
        let ours = headers(t, row).iter().any(|(_, h)| h == "一级指标（原文）");
        for (r, cells) in records(t, row) {
            let get = |h: &str| cells.iter().find(|(k, _)| k == h).map(|(_, v)| v.as_str());
            let body = get("项目编码").is_none() && get("项目名称").is_none();
            if body {
                if let (None, Some(name)) = (&self.d.department.name, get("单位名称")) {
                    self.d.department.name = Some(name.to_string());
                }
                if let (None, Some(code)) = (&self.d.department.code, get("单位编码")) {
                    self.d.department.code = Some(code.to_string());
                }
            }
            let long = get("年度/实施期") == Some("实施期");
            let mut ind = Indicator::default();
            let (mut sign, mut value, mut unit, mut written) = (None, None, None, None);
            let (mut level1_written, mut level2_written) = (None, None);
            for (h, v) in &cells {
                match h.as_str() {
                    h if LEAD.contains(&h) => {}
                    "核心指标" => {
                        let stars = v.chars().filter(|c| *c == '★').count();
                        match (stars, v.as_str()) {
                            (0, "否" | "×") => {}
                            (0, _) => ind.core = Some(1),
                            (n, _) => (ind.core, ind.graded) = (Some(n), true),
                        }
                    }
                    "指标编码" => ind.id = Some(v.clone()),
                    "指标值（原文）" | "指标值(原文)" => written = Some(v.clone()),
                    "一级指标（原文）" | "一级指标(原文)" => {
                        level1_written = Some(v.clone())
                    }
                    "二级指标（原文）" | "二级指标(原文)" => {
                        level2_written = Some(v.clone())
                    }
                    "备注" => ind.fields.extend(fields(v)),
                    h => match column(&normalise(h).text).map(|c| c.0) {
                        Some(Column::Level1) => ind.level1 = normalise(v).text,
                        Some(Column::Level2) => ind.level2 = normalise(v).text,
                        Some(Column::Name) => ind.name = v.clone(),
                        Some(Column::Target) => value = Some(v.clone()),
                        Some(Column::Sign) => sign = Some(v.clone()),
                        Some(Column::Unit) => unit = Some(v.clone()),
                        Some(Column::Description) => ind.description = Some(v.clone()),
                        Some(Column::Basis) => ind.basis = Some(v.clone()),
                        Some(Column::Weight) => match points(v) {
                            Some(p) => ind.weight = Some(p),
                            None => ind.fields.push((h.to_string(), v.clone())),
                        },
                        Some(Column::LastYear) => {
                            ind.last = Some(Target {
                                sign: None,
                                value: v.clone(),
                            })
                        }
                        Some(Column::Direction) => ind.direction = Some(v.clone()),
                        Some(Column::Nature) => ind.nature = Some(v.clone()),
                        Some(Column::Explanation) => ind.explanation = Some(v.clone()),
                        Some(Column::Scoring) => ind.scoring = Some(v.clone()),
                        Some(Column::Field(f)) => ind.fields.push((f, v.clone())),
                        None => {}
                    },
                }
            }
            let (stars, name) = core_mark(&ind.name);
            if stars > 0 {
                ind.core = Some(stars);
                ind.name = name.to_string();
            }
            // 指标方向 as the sign implies it is no fact of its own.
            let implied = match sign.as_deref().map(str::trim) {
                Some("≥" | "＞" | ">" | ">=") => Some("正向"),
                Some("≤" | "＜" | "<" | "<=") => Some("反向"),
                Some("＝" | "=") => Some("等于"),
                _ => None,
            };
            ind.target = match written {
                Some(w) => target(None, Some(w), None),
                None => target(sign, value, unit),
            };
            if ind.level1.is_empty() {
                let note = Note {
                    origin: t.at(r, 0).map(|c| t.origin(c)),
                    text: ind.name.clone(),
                    why: Why::NoCategory,
                };
                self.push_note(body, get("项目编码"), get("项目名称"), note);
                continue;
            }
            // Our own workbook states the written levels beside the
            // system's names; the system's exports get the short names the
            // examples write (产出, not 产出指标).
            let shorten = |l: &str| if ours { l.to_string() } else { short(l) };
            ind.level1 = level1_written.unwrap_or_else(|| shorten(&ind.level1));
            ind.level2 = match level2_written {
                Some(w) => w,
                None if ind.level2.is_empty() => String::new(),
                None => shorten(&ind.level2),
            };
            if ind.direction.is_some() && ind.direction.as_deref() == implied {
                ind.direction = None;
            }
            if body {
                self.d.overall.indicators.push(ind);
                continue;
            }
            let at = self.project(get("项目编码"), get("项目名称"));
            let p = &mut self.d.projects[at];
            if p.agency.is_none() {
                if let Some(a) = get("实施单位") {
                    p.agency = Some(Party {
                        code: None,
                        name: a.to_string(),
                    });
                }
            }
            if long {
                p.period
                    .get_or_insert_with(Period::default)
                    .indicators
                    .push(ind);
            } else {
                p.indicators.push(ind);
            }
        }
    }

    fn push_note(&mut self, body: bool, code: Option<&str>, name: Option<&str>, note: Note) {
        if body {
            self.d.overall_notes.push(note);
        } else {
            let at = self.project(code, name);
            self.d.projects[at].notes.push(note);
        }
    }

    fn finish(mut self) -> Draft {
        let d = &mut self.d;
        if d.department.name.is_none() {
            d.head_notes.push(Note {
                origin: None,
                text: String::new(),
                why: Why::NoDepartment,
            });
        }
        if d.department.year.is_none() {
            d.head_notes.push(Note {
                origin: None,
                text: String::new(),
                why: Why::NoYear,
            });
        }
        if d.department.unit.is_none() {
            d.head_notes.push(Note {
                origin: None,
                text: String::new(),
                why: Why::UnitAssumed,
            });
        }
        self.d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_and_continuations() {
        assert_eq!(
            fields("数据来源：统计局\n说明：第一行\n第二行"),
            vec![
                ("数据来源".to_string(), "统计局".to_string()),
                ("说明".to_string(), "第一行\n第二行".to_string())
            ]
        );
        assert_eq!(
            fields("无冒号"),
            vec![("备注".to_string(), "无冒号".to_string())]
        );
    }

    #[test]
    fn details_with_and_without_其中() {
        let (partial, s) =
            detail("其中：财政资金 60（一般公共预算 50，政府性基金预算 10）").unwrap();
        assert!(partial);
        assert_eq!(s[0].name, "财政资金");
        assert_eq!(s[0].sources.len(), 2);
        let (partial, s) = detail("财政资金 60，单位资金 40").unwrap();
        assert!(!partial);
        assert_eq!(s.len(), 2);
    }
}
