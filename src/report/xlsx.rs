//! The report as an Excel workbook: one worksheet a table (overview,
//! bodies, projects, indicators, findings, most frequent defects, loosened
//! targets), headers in Chinese and English. The creation date is fixed,
//! so the same report gives the same bytes.

use super::{code_title, Report};
use crate::diag::{Lang, Severity};
use crate::emit::xlsx::{excel_number, CREATED};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// A cell of a table.
enum Cell {
    Text(String),
    Count(usize),
    Amount(Decimal),
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The workbook's bytes.
pub fn to_bytes(r: &Report) -> std::io::Result<Vec<u8>> {
    workbook(r)
        .and_then(|mut b| b.save_to_buffer())
        .map_err(|e| match e {
            XlsxError::IoError(e) => e,
            e => std::io::Error::other(e),
        })
}

fn workbook(r: &Report) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let (y, m, d) = CREATED;
    book.set_properties(
        &DocProperties::new()
            .set_title("绩效目标表审核报告 Review of performance-target sheets")
            .set_author("jixiao")
            .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?),
    );
    let n = r.files.len();
    let overview = vec![
        vec![t("表 Sheets"), Cell::Count(n)],
        vec![
            t("无错误的表 Sheets without errors"),
            Cell::Count(r.clean()),
        ],
        vec![
            t("无错误的比例 % Share without errors"),
            Cell::Amount(Report::percent(r.clean(), n)),
        ],
        vec![
            t("无任何问题的表 Sheets without any finding"),
            Cell::Count(r.spotless()),
        ],
        vec![t("错误 Errors"), Cell::Count(r.errors())],
        vec![t("警告 Warnings"), Cell::Count(r.warnings())],
    ];
    table(
        &mut book,
        "总览 Overview",
        &["项目 Item", "值 Value"],
        overview,
    )?;

    let bodies = r.bodies();
    let mut body_rows = Vec::new();
    let mut indicator_rows = Vec::new();
    for b in &bodies {
        let (code, name, year) = match b.body {
            Some(x) => (
                x.code.clone().unwrap_or_default(),
                x.name.clone(),
                x.year.to_string(),
            ),
            None => (
                String::new(),
                "无法识别单位 no known body".to_string(),
                String::new(),
            ),
        };
        let projects = b.files.iter().map(|&f| r.files[f].projects.len()).sum();
        if b.budget.is_empty() {
            body_rows.push(vec![
                t(&code),
                t(&name),
                t(&year),
                Cell::Count(b.files.len()),
                Cell::Count(projects),
                t(""),
                t(""),
                t(""),
                t(""),
                Cell::Count(b.errors),
                Cell::Count(b.warnings),
            ]);
        }
        for (unit, [total, fiscal, other, _]) in &b.budget {
            body_rows.push(vec![
                t(&code),
                t(&name),
                t(&year),
                Cell::Count(b.files.len()),
                Cell::Count(projects),
                t(unit),
                Cell::Amount(*total),
                Cell::Amount(*fiscal),
                Cell::Amount(*other),
                Cell::Count(b.errors),
                Cell::Count(b.warnings),
            ]);
        }
        for (category, count) in &b.indicators {
            indicator_rows.push(vec![t(&code), t(&name), t(category), Cell::Count(*count)]);
        }
    }
    table(
        &mut book,
        "单位 Bodies",
        &[
            "单位编码 Code",
            "单位 Body",
            "年度 Year",
            "表数 Sheets",
            "项目数 Projects",
            "金额单位 Unit",
            "预算合计 Budget",
            "财政资金 Fiscal",
            "其他资金 Other",
            "错误 Errors",
            "警告 Warnings",
        ],
        body_rows,
    )?;

    let project_rows = r
        .files
        .iter()
        .flat_map(|f| {
            let (body, unit) = f.body.as_ref().map_or((String::new(), String::new()), |b| {
                (b.name.clone(), b.unit.clone())
            });
            f.projects.iter().map(move |p| {
                vec![
                    t(&body),
                    t(&f.name),
                    t(p.code.clone().unwrap_or_default()),
                    t(&p.name),
                    Cell::Amount(p.total),
                    Cell::Amount(p.fiscal),
                    Cell::Amount(p.other),
                    t(&unit),
                    Cell::Count(p.indicators),
                ]
            })
        })
        .collect();
    table(
        &mut book,
        "项目 Projects",
        &[
            "单位 Body",
            "文件 File",
            "项目编码 Code",
            "项目 Project",
            "预算 Budget",
            "财政资金 Fiscal",
            "其他资金 Other",
            "金额单位 Unit",
            "指标数 Indicators",
        ],
        project_rows,
    )?;
    table(
        &mut book,
        "指标 Indicators",
        &[
            "单位编码 Code",
            "单位 Body",
            "一级指标 Category",
            "个数 Count",
        ],
        indicator_rows,
    )?;

    let findings = r
        .files
        .iter()
        .flat_map(|f| {
            f.findings.iter().map(move |d| {
                vec![
                    t(&f.name),
                    Cell::Count(d.line),
                    Cell::Count(d.column),
                    t(match d.severity {
                        Severity::Error => "错误 error",
                        Severity::Warning => "警告 warning",
                    }),
                    t(&d.code),
                    t(&d.message.zh),
                    t(&d.message.en),
                    t(&d.excerpt),
                ]
            })
        })
        .collect();
    table(
        &mut book,
        "问题 Findings",
        &[
            "文件 File",
            "行 Line",
            "列 Column",
            "级别 Severity",
            "代码 Code",
            "问题",
            "Message",
            "原文 Line as written",
        ],
        findings,
    )?;

    let frequent = r
        .code_counts()
        .into_iter()
        .map(|c| {
            vec![
                t(&c.code),
                t(code_title(&c.code, Lang::Zh)),
                t(code_title(&c.code, Lang::En)),
                Cell::Count(c.count),
                Cell::Count(c.files),
            ]
        })
        .collect();
    table(
        &mut book,
        "最常见 Frequent",
        &["代码 Code", "问题", "Defect", "次数 Count", "表数 Sheets"],
        frequent,
    )?;

    if r.with_previous {
        let rows = r
            .loosened()
            .flat_map(|(_, f)| {
                let body = f.body.as_ref().map_or(String::new(), |b| b.name.clone());
                f.loosened.iter().map(move |l| {
                    vec![
                        t(&body),
                        t(&f.name),
                        t(&l.project),
                        t(&l.indicator),
                        t(&l.old),
                        t(&l.new),
                    ]
                })
            })
            .collect();
        table(
            &mut book,
            "放宽 Loosened",
            &[
                "单位 Body",
                "文件 File",
                "项目 Project",
                "指标 Indicator",
                "上年 Last year",
                "今年 This year",
            ],
            rows,
        )?;
    }
    Ok(book)
}

/// One worksheet: the header row in bold, frozen, then the rows.
fn table(
    book: &mut Workbook,
    name: &str,
    header: &[&str],
    rows: Vec<Vec<Cell>>,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, 16)?;
    }
    ws.set_freeze_panes(1, 0)?;
    // Excel's last row; a report of more findings is cut there.
    for (i, row) in rows.into_iter().take(1_048_575).enumerate() {
        let r = i as u32 + 1;
        for (c, cell) in row.into_iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    let s: String = s.chars().take(32_000).collect();
                    ws.write_string(r, c, s)?;
                }
                Cell::Count(n) => {
                    ws.write_number(r, c, n as f64)?;
                }
                Cell::Amount(d) => match excel_number(&d) {
                    Some(x) => {
                        ws.write_number(r, c, x)?;
                    }
                    None => {
                        ws.write_string(r, c, d.to_string())?;
                    }
                },
            }
        }
    }
    Ok(())
}
