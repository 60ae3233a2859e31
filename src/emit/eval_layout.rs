//! The official tables of a self-evaluation (项目支出绩效自评表, the layout of
//! 财预〔2020〕10号's 附件 as bodies publish it: real/01, real/03) and of a
//! monitoring form (项目支出绩效运行监控表), computed once from the checked
//! model. The HTML and Word emitters draw them with the grid of `layout`,
//! as they draw a sheet's tables.

use super::layout::{level_label, Align, Cell, Role, Row, Table};
use crate::model::{Actual, Amounts, EvalIndicator, EvalProject, Evaluation, EvaluationKind};
use rust_decimal::Decimal;

/// The document: its title, the body's line, one table per project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalDoc {
    pub title: String,
    pub department: String,
    /// The form's own fields, `名称：值`, printed under the body's line.
    pub fields: Vec<String>,
    pub tables: Vec<EvalTable>,
}

/// One project's table with its heading and the line above it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalTable {
    pub heading: String,
    pub body_line: String,
    pub unit_line: String,
    pub table: Table,
}

/// Column widths (thousandths): 一级 · 二级 · 三级 · 指标值 · 实际完成值 ·
/// 分值 · 得分 · 偏差原因.
const COLUMNS: [u32; 8] = [85, 100, 165, 135, 135, 70, 85, 225];

fn cell(text: impl Into<String>, col: usize, col_span: usize, role: Role) -> Cell {
    let text = text.into();
    Cell {
        lines: if text.is_empty() {
            Vec::new()
        } else {
            text.lines().map(str::to_string).collect()
        },
        col,
        col_span,
        row_span: 1,
        role,
        align: if role == Role::Value {
            Align::Left
        } else {
            Align::Center
        },
    }
}

fn label(text: &str, col: usize, span: usize) -> Cell {
    cell(text, col, span, Role::Label)
}

fn header(text: &str, col: usize, span: usize) -> Cell {
    cell(text, col, span, Role::Header)
}

fn value(text: impl Into<String>, col: usize, span: usize) -> Cell {
    cell(text, col, span, Role::Value)
}

fn number(text: impl Into<String>, col: usize) -> Cell {
    Cell {
        align: Align::Center,
        ..cell(text, col, 1, Role::Value)
    }
}

fn opt(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn percent(d: Option<Decimal>) -> String {
    d.map(|d| format!("{d}%")).unwrap_or_default()
}

/// The document of an evaluation or monitoring form.
pub fn eval_layout(ev: &Evaluation) -> EvalDoc {
    // What the tables are: the projects', the body's own (部门整体), or both.
    let what = match (ev.overall.is_some(), ev.projects.is_empty()) {
        (false, _) => "项目支出",
        (true, true) => "部门整体支出",
        (true, false) => "部门整体及项目支出",
    };
    let title = ev.title.clone().unwrap_or_else(|| match ev.kind {
        EvaluationKind::Evaluation => format!("{what}绩效自评表（{}年度）", ev.year),
        EvaluationKind::Monitoring => match ev.as_of {
            Some(m) => format!("{}年{what}绩效运行监控表（截至{}月底）", ev.year, m),
            None => format!("{}年{what}绩效运行监控表", ev.year),
        },
    });
    let department = ev
        .department
        .as_ref()
        .map(|d| d.text())
        .or_else(|| ev.filer.clone())
        .unwrap_or_default();
    let tables = ev
        .overall
        .iter()
        .map(|whole| project_table(ev, None, whole))
        .chain(
            ev.projects
                .iter()
                .enumerate()
                .map(|(i, p)| project_table(ev, Some(i + 1), p)),
        )
        .collect();
    EvalDoc {
        title,
        department,
        fields: ev
            .fields
            .iter()
            .map(|f| format!("{}：{}", f.name, f.value))
            .collect(),
        tables,
    }
}

/// One table: a project's, numbered, or the body's own (部门整体, `None`).
fn project_table(ev: &Evaluation, number_: Option<usize>, p: &EvalProject) -> EvalTable {
    let monitoring = ev.kind == EvaluationKind::Monitoring;
    let whole = number_.is_none();
    let mut rows: Vec<Row> = Vec::new();
    let name = match &p.code {
        Some(c) => format!("{c} {}", p.name),
        None => p.name.clone(),
    };
    let name_label = if whole {
        "部门（单位）名称"
    } else {
        "项目名称"
    };
    rows.push(Row {
        cells: vec![label(name_label, 0, 2), value(name.clone(), 2, 6)],
    });
    if !whole || p.supervisor.is_some() || p.agency.is_some() {
        rows.push(Row {
            cells: vec![
                label("主管部门", 0, 2),
                value(
                    p.supervisor.as_ref().map(|s| s.text()).unwrap_or_default(),
                    2,
                    2,
                ),
                label("实施单位", 4, 1),
                value(
                    p.agency.as_ref().map(|s| s.text()).unwrap_or_default(),
                    5,
                    3,
                ),
            ],
        });
    }
    // 项目资金.
    if let Some(x) = &p.execution {
        let month = ev.as_of.map(|m| format!("1-{m}月")).unwrap_or_default();
        let heads: [String; 6] = if monitoring {
            [
                "年初预算数".into(),
                "全年预算数".into(),
                format!("{month}执行数"),
                format!("{month}执行率"),
                "全年预计执行数".into(),
                String::new(),
            ]
        } else {
            [
                "年初预算数".into(),
                "全年预算数".into(),
                "全年执行数".into(),
                "分值".into(),
                "执行率".into(),
                "得分".into(),
            ]
        };
        let row_of = |a: &Amounts, total: bool| -> Vec<Cell> {
            let rate = percent(a.rate.or(if total { x.computed_rate } else { None }));
            if monitoring {
                vec![
                    number(opt(a.initial), 2),
                    number(opt(a.adjusted), 3),
                    number(opt(a.spent), 4),
                    number(rate, 5),
                    number(opt(a.expected), 6),
                    number("", 7),
                ]
            } else {
                vec![
                    number(opt(a.initial), 2),
                    number(opt(a.adjusted), 3),
                    number(opt(a.spent), 4),
                    number(
                        if total {
                            x.weight.to_string()
                        } else {
                            String::new()
                        },
                        5,
                    ),
                    number(rate, 6),
                    number(if total { opt(x.points) } else { String::new() }, 7),
                ]
            }
        };
        let span = 2 + x.sources.len() + usize::from(x.reason.is_some());
        let mut first = vec![Cell {
            row_span: span,
            ..label(
                &if whole {
                    format!("年度预算执行情况（{}）", ev.unit)
                } else {
                    format!("项目资金（{}）", ev.unit)
                },
                0,
                1,
            )
        }];
        first.push(header("", 1, 1));
        for (i, h) in heads.iter().enumerate() {
            first.push(header(h, 2 + i, 1));
        }
        rows.push(Row { cells: first });
        let mut total = vec![label("年度资金总额", 1, 1)];
        total.extend(row_of(&x.amounts, true));
        rows.push(Row { cells: total });
        for s in &x.sources {
            let mut cells = vec![label(&format!("其中：{}", s.name), 1, 1)];
            cells.extend(row_of(&s.amounts, false));
            rows.push(Row { cells });
        }
        if let Some(r) = &x.reason {
            rows.push(Row {
                cells: vec![label("原因", 1, 1), value(r.clone(), 2, 6)],
            });
        }
    }
    // 年度总体目标.
    if !p.goals.is_empty() || p.overview.is_some() {
        let span = 1 + p.goals.len() + usize::from(p.overview.is_some());
        rows.push(Row {
            cells: vec![
                Cell {
                    row_span: span,
                    ..label("年度总体目标", 0, 2)
                },
                header("预期目标", 2, 3),
                header("实际完成情况", 5, 3),
            ],
        });
        for g in &p.goals {
            rows.push(Row {
                cells: vec![
                    value(g.goal.clone(), 2, 3),
                    value(g.actual.clone().unwrap_or_default(), 5, 3),
                ],
            });
        }
        if let Some(o) = &p.overview {
            rows.push(Row {
                cells: vec![label("实施内容及过程概述", 2, 1), value(o.clone(), 3, 5)],
            });
        }
    }
    // 绩效指标.
    let heads: [&str; 8] = if monitoring {
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "当前完成值",
            "全年预计完成",
            "完成可能性",
            "偏差原因分析",
        ]
    } else {
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    };
    rows.push(Row {
        cells: heads
            .iter()
            .enumerate()
            .map(|(i, h)| header(h, i, 1))
            .collect(),
    });
    let inds = &p.indicators;
    let mut i = 0;
    while i < inds.len() {
        let l1_end = (i..inds.len())
            .find(|&k| inds[k].level1 != inds[i].level1)
            .unwrap_or(inds.len());
        let mut j = i;
        while j < l1_end {
            let l2_end = (j..l1_end)
                .find(|&k| inds[k].level2 != inds[j].level2)
                .unwrap_or(l1_end);
            for k in j..l2_end {
                let mut cells = Vec::new();
                if k == i {
                    cells.push(Cell {
                        row_span: l1_end - i,
                        ..value(level_label(&inds[i].level1_written, inds[i].level1), 0, 1)
                    });
                }
                if k == j {
                    cells.push(Cell {
                        row_span: l2_end - j,
                        ..value(level_label(&inds[j].level2_written, inds[j].level2), 1, 1)
                    });
                }
                cells.extend(indicator_cells(&inds[k], monitoring));
                rows.push(Row { cells });
            }
            j = l2_end;
        }
        i = l1_end;
    }
    if !monitoring {
        let t = p.total.clone().unwrap_or_default();
        rows.push(Row {
            cells: vec![
                label("总分", 0, 5),
                number(opt(t.weight), 5),
                number(opt(t.points), 6),
                number("", 7),
            ],
        });
    }
    for (what, text) in [
        ("评价结论", &p.conclusion),
        ("存在问题", &p.problems),
        ("改进措施", &p.improvement),
    ] {
        if let Some(t) = text {
            rows.push(Row {
                cells: vec![label(what, 0, 2), value(t.clone(), 2, 6)],
            });
        }
    }
    for f in &p.fields {
        rows.push(Row {
            cells: vec![label(&f.name, 0, 2), value(f.value.clone(), 2, 6)],
        });
    }
    let what = if monitoring {
        "绩效运行监控表"
    } else {
        "绩效自评表"
    };
    let heading = match number_ {
        Some(n) => format!("{n}、{}{what}", p.name),
        None => format!("部门整体支出{what}"),
    };
    EvalTable {
        heading,
        body_line: ev
            .department
            .as_ref()
            .map(|d| format!("填报单位：{}", d.text()))
            .unwrap_or_default(),
        unit_line: format!("单位：{}", ev.unit),
        table: Table {
            columns: COLUMNS.to_vec(),
            rows,
        },
    }
}

/// The cells of an indicator from its name on.
fn indicator_cells(ind: &EvalIndicator, monitoring: bool) -> Vec<Cell> {
    let target = ind.target.as_ref().map(|t| t.shown()).unwrap_or_default();
    let actual = ind
        .actual
        .as_ref()
        .map(Actual::text)
        .unwrap_or("")
        .to_string();
    let mut reason = ind.reason.clone().unwrap_or_default();
    if let Some(n) = &ind.note {
        reason = if reason.is_empty() {
            n.clone()
        } else {
            format!("{n}\n{reason}")
        };
    }
    if monitoring {
        if !ind.causes.is_empty() {
            let causes: Vec<&str> = ind.causes.iter().map(|c| c.word()).collect();
            reason = if reason.is_empty() {
                causes.join("、")
            } else {
                format!("{}：{reason}", causes.join("、"))
            };
        }
        vec![
            value(ind.name.clone(), 2, 1),
            number(target, 3),
            number(actual, 4),
            number(ind.expected.clone().unwrap_or_default(), 5),
            number(ind.likelihood.map(|l| l.word()).unwrap_or(""), 6),
            value(reason, 7, 1),
        ]
    } else {
        let points = match (ind.points, ind.deduction) {
            (Some(p), Some(d)) => format!("{p}（扣{d}）"),
            (p, _) => opt(p),
        };
        vec![
            value(ind.name.clone(), 2, 1),
            number(target, 3),
            number(actual, 4),
            number(opt(ind.weight), 5),
            number(points, 6),
            value(reason, 7, 1),
        ]
    }
}
