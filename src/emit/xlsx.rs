//! XLSX output: a workbook for the import of the 预算管理一体化 system.
//!
//! Four worksheets, each a plain table under one frozen, bold header row
//! (no merged cells, so that an importer reads it row by row):
//! - `绩效指标`: one row per indicator of every project, long-term then
//!   annual, in the column order of the system's goal-setting grid
//!   (一级指标 二级指标 三级指标名称 计算符号 指标值 计量单位 …) after the
//!   project's code, name and agency;
//! - `项目`: one row per project: budget and sources, use of funds, goals,
//!   the period and its goals, the spending plan by month, the form's facts;
//! - `部门整体`: the body's facts and 第一部分 (总体绩效目标, 分项绩效目标,
//!   工作保障措施), one row per item;
//! - `部门整体指标`: the body-level indicators, in the indicator columns.
//!
//! Numbers are number cells displayed with the decimals as written
//! (`78.00` shows `78.00`); codes and texts are text cells. The workbook's
//! creation date is fixed and the zip entries carry a fixed date, so the
//! same sheet always gives the same bytes.

use super::layout::{self, split_sources};
use crate::model::{Budget, Indicator, Sheet, Sign, Source, SourceClass, Target, TargetValue};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};
use std::io::Write;

/// The worksheet of project indicators, the one the system imports.
pub const INDICATOR_SHEET: &str = "绩效指标";
/// One row per project.
pub const PROJECT_SHEET: &str = "项目";
/// The body's facts and 第一部分.
pub const BODY_SHEET: &str = "部门整体";
/// The body-level indicators (部门整体绩效指标).
pub const BODY_INDICATOR_SHEET: &str = "部门整体指标";

/// Columns of one indicator, shared by both indicator sheets. The first
/// eleven are the system's names (its goal-setting grid and its indicator
/// tables); the rest are facts the sheet states that the system keeps in
/// columns of its own or not at all.
const INDICATOR_COLUMNS: [Column; 20] = [
    Column::short("一级指标"),
    Column::short("二级指标"),
    Column::long("三级指标名称"),
    Column::short("计算符号"),
    Column::short("指标值"),
    Column::short("计量单位"),
    Column::short("权重"),
    Column::long("指标内容"),
    Column::long("指标解释"),
    Column::long("评（扣）分标准"),
    Column::long("指标值设定依据"),
    Column::long("备注"),
    Column::short("上年实际值"),
    Column::short("指标方向"),
    Column::short("核心指标"),
    Column::code("指标编码"),
    Column::short("指标值（原文）"),
    Column::short("一级指标（原文）"),
    Column::short("二级指标（原文）"),
    Column::short("定量/定性"),
];

/// The project columns before an indicator's on `绩效指标`, and whether the
/// indicator is annual (年度) or of the implementation period (实施期).
const INDICATOR_LEAD: [Column; 4] = [
    Column::code("项目编码"),
    Column::long("项目名称"),
    Column::long("实施单位"),
    Column::short("年度/实施期"),
];

/// The body's columns before an indicator's on `部门整体指标`.
const BODY_INDICATOR_LEAD: [Column; 2] = [Column::code("单位编码"), Column::long("单位名称")];

const PROJECT_COLUMNS: [Column; 38] = [
    Column::code("项目编码"),
    Column::long("项目名称"),
    Column::long("实施单位"),
    Column::code("实施单位编码"),
    Column::long("主管部门"),
    Column::short("预算数"),
    Column::short("财政资金"),
    Column::short("其他资金"),
    Column::short("金额单位"),
    Column::long("资金来源明细"),
    Column::short("项目总预算"),
    Column::long("项目总预算资金来源明细"),
    Column::long("资金用途"),
    Column::long("年度绩效目标"),
    Column::short("实施期"),
    Column::long("实施期绩效目标"),
    Column::short("1月（%）"),
    Column::short("2月（%）"),
    Column::short("3月（%）"),
    Column::short("4月（%）"),
    Column::short("5月（%）"),
    Column::short("6月（%）"),
    Column::short("7月（%）"),
    Column::short("8月（%）"),
    Column::short("9月（%）"),
    Column::short("10月（%）"),
    Column::short("11月（%）"),
    Column::short("12月（%）"),
    Column::short("项目类型"),
    Column::short("项目属性"),
    Column::short("项目起止时间"),
    Column::short("项目负责人"),
    Column::short("联系电话"),
    Column::long("功能科目"),
    Column::long("文件文号"),
    Column::long("分值"),
    Column::long("审核意见"),
    Column::long("其他栏目"),
];

const BODY_COLUMNS: [Column; 4] = [
    Column::short("类别"),
    Column::short("序号"),
    Column::long("标题"),
    Column::wide("内容"),
];

/// The header row of each worksheet, in order: `(sheet, columns)`.
pub fn headers() -> Vec<(&'static str, Vec<&'static str>)> {
    let names = |cols: &[Column]| cols.iter().map(|c| c.header).collect::<Vec<_>>();
    vec![
        (
            INDICATOR_SHEET,
            names(&[&INDICATOR_LEAD[..], &INDICATOR_COLUMNS[..]].concat()),
        ),
        (PROJECT_SHEET, names(&PROJECT_COLUMNS)),
        (BODY_SHEET, names(&BODY_COLUMNS)),
        (
            BODY_INDICATOR_SHEET,
            names(&[&BODY_INDICATOR_LEAD[..], &INDICATOR_COLUMNS[..]].concat()),
        ),
    ]
}

/// The self-evaluation indicator sheet: the 一体化 import template
/// `selfprogram` "自评指标（项目支出）", its twelve columns in order (FASP.md
/// §2.8, headers as the template prints them), after the project's code and
/// name.
pub const SELF_INDICATOR_SHEET: &str = "自评指标（项目支出）";
/// The monitoring indicator sheet: the template `traceprogram`
/// "监控指标（项目支出）" (FASP.md §2.8).
pub const TRACE_INDICATOR_SHEET: &str = "监控指标（项目支出）";
/// The budget rows of an evaluation: the 安徽 position map's budget part
/// (`name, amt1, amt3, amt4, actualweight, bgtget, score`, FASP.md §2.8).
pub const EXECUTION_SHEET: &str = "预算执行";

const PROJECT_LEAD: [Column; 2] = [Column::code("项目编码"), Column::long("项目名称")];

/// The body's own table (部门整体): its indicator rows and budget rows, in
/// the projects' column orders after the body's code and name.
pub const OVERALL_SELF_SHEET: &str = "部门整体自评指标";
pub const OVERALL_TRACE_SHEET: &str = "部门整体监控指标";
pub const OVERALL_EXECUTION_SHEET: &str = "部门整体预算执行";

const BODY_LEAD: [Column; 2] = [Column::code("单位编码"), Column::long("单位名称")];

/// The indicator sheet of the body's table and its columns.
fn overall_sheet(kind: crate::model::EvaluationKind) -> (&'static str, &'static [Column]) {
    match kind {
        crate::model::EvaluationKind::Evaluation => (OVERALL_SELF_SHEET, &SELF_COLUMNS),
        crate::model::EvaluationKind::Monitoring => (OVERALL_TRACE_SHEET, &TRACE_COLUMNS),
    }
}

const SELF_COLUMNS: [Column; 12] = [
    Column::short("一级指标"),
    Column::short("二级指标"),
    Column::long("三级指标名称"),
    Column::short("计算符号"),
    Column::short("指标值"),
    Column::short("*实际完成值（定量填数字，定性填达成、部分达成、未达成）"),
    Column::short("计量单位"),
    Column::short("*分值"),
    Column::short("*指标得分"),
    Column::short("扣减分数"),
    Column::long("完成情况简要描述"),
    Column::long("偏差原因及改进措施"),
];

const TRACE_COLUMNS: [Column; 9] = [
    Column::short("一级指标"),
    Column::short("二级指标"),
    Column::long("三级指标名称"),
    Column::short("计算符号"),
    Column::short("年度指标值"),
    Column::short("计量单位"),
    Column::short("*当前完成值（定量填数字，定性填达成、部分达成、未达成）"),
    Column::short("*完成可能性分析"),
    Column::long("偏差原因说明"),
];

const EXECUTION_COLUMNS: [Column; 9] = [
    Column::code("项目编码"),
    Column::long("项目名称"),
    Column::short("资金来源"),
    Column::short("年初预算数"),
    Column::short("调整后预算数"),
    Column::short("执行数"),
    Column::short("分值"),
    Column::short("执行率（%）"),
    Column::short("得分"),
];

/// The project rows of a monitoring form: the ordinary monitoring import
/// template `traceordprogram` "一般监控导入模板" (FASP.md §2.8).
pub const TRACE_PROJECT_SHEET: &str = "一般监控导入模板";

const TRACE_PROJECT_COLUMNS: [Column; 19] = [
    Column::short("序号"),
    Column::short("处室名称"),
    Column::long("单位名称"),
    Column::short("项目类别"),
    Column::code("项目编码"),
    Column::long("支出项目名称"),
    Column::short("年初预算数"),
    Column::short("追加数"),
    Column::short("追减数"),
    Column::short("调整预算数"),
    Column::long("绩效目标"),
    Column::short("截止X月底支出数"),
    Column::short("预算执行率"),
    Column::long("截止X月底绩效目标执行情况"),
    Column::short("是否达到序时支出进度"),
    Column::short("是否达到阶段性绩效目标"),
    Column::short("原因类型"),
    Column::long("情况分析"),
    Column::long("绩效目标调整情况"),
];

/// The header rows of an evaluation's workbook: `(sheet, columns)`.
pub fn evaluation_headers(
    kind: crate::model::EvaluationKind,
) -> Vec<(&'static str, Vec<&'static str>)> {
    let names = |cols: &[Column]| cols.iter().map(|c| c.header).collect::<Vec<_>>();
    let (sheet, cols): (&str, &[Column]) = match kind {
        crate::model::EvaluationKind::Evaluation => (SELF_INDICATOR_SHEET, &SELF_COLUMNS),
        crate::model::EvaluationKind::Monitoring => (TRACE_INDICATOR_SHEET, &TRACE_COLUMNS),
    };
    let mut out = vec![
        (sheet, names(&[&PROJECT_LEAD[..], cols].concat())),
        (EXECUTION_SHEET, names(&EXECUTION_COLUMNS)),
    ];
    if kind == crate::model::EvaluationKind::Monitoring {
        out.push((TRACE_PROJECT_SHEET, names(&TRACE_PROJECT_COLUMNS)));
    }
    out
}

/// A self-evaluation or monitoring form as the bytes of a .xlsx file: the
/// indicator rows in the column order of the import template, then the
/// budget rows.
pub fn evaluation_to_bytes(ev: &crate::model::Evaluation) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_evaluation(ev, &mut bytes)?;
    Ok(bytes)
}

/// The same bytes as `evaluation_to_bytes`, written into `w`.
pub fn write_evaluation<W: Write + Send>(
    ev: &crate::model::Evaluation,
    w: W,
) -> std::io::Result<()> {
    contained(|| save(evaluation_workbook(ev).map_err(io_error)?, w))
}

fn evaluation_workbook(ev: &crate::model::Evaluation) -> Result<Workbook, XlsxError> {
    use crate::model::EvaluationKind;
    let mut book = Workbook::new();
    let (y, m, d) = CREATED;
    let department = ev.department.as_ref().map(|p| p.text()).unwrap_or_default();
    let properties = DocProperties::new()
        .set_title(format!("{department} {}年度 {}", ev.year, ev.kind_word()))
        .set_author("jixiao")
        .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?);
    book.set_properties(&properties);
    let styles = Styles::new();
    let monitoring = ev.kind == EvaluationKind::Monitoring;
    let (name, cols): (&str, &[Column]) = if monitoring {
        (TRACE_INDICATOR_SHEET, &TRACE_COLUMNS)
    } else {
        (SELF_INDICATOR_SHEET, &SELF_COLUMNS)
    };
    let lead: Vec<Column> = [&PROJECT_LEAD[..], cols].concat();
    table(
        &mut book,
        &styles,
        name,
        &lead,
        ev.projects
            .iter()
            .flat_map(|p| indicator_rows(p, monitoring)),
        ROWS,
    )?;
    table(
        &mut book,
        &styles,
        EXECUTION_SHEET,
        &EXECUTION_COLUMNS,
        ev.projects.iter().flat_map(execution_rows),
        ROWS,
    )?;
    // The body's own table (部门整体) in sheets of its own: the system
    // imports it apart from the projects.
    if let Some(whole) = &ev.overall {
        let (name, cols) = overall_sheet(ev.kind);
        let lead: Vec<Column> = [&BODY_LEAD[..], cols].concat();
        table(
            &mut book,
            &styles,
            name,
            &lead,
            indicator_rows(whole, monitoring),
            ROWS,
        )?;
        let cols: Vec<Column> = [&BODY_LEAD[..], &EXECUTION_COLUMNS[2..]].concat();
        table(
            &mut book,
            &styles,
            OVERALL_EXECUTION_SHEET,
            &cols,
            execution_rows(whole),
            ROWS,
        )?;
    }
    if monitoring {
        table(
            &mut book,
            &styles,
            TRACE_PROJECT_SHEET,
            &TRACE_PROJECT_COLUMNS,
            trace_project_rows(ev).into_iter(),
            ROWS,
        )?;
    }
    Ok(book)
}

/// The indicator rows of one table (a project's or the body's) in the
/// template's column order, after its code and name.
fn indicator_rows(
    p: &crate::model::EvalProject,
    monitoring: bool,
) -> impl Iterator<Item = Vec<Cell>> + '_ {
    use crate::model::{Actual, Likelihood};
    p.indicators
        .iter()
        .filter(|i| !i.name.is_empty())
        .map(move |i| {
            let level = |canonical: &'static str, written: &str| {
                if canonical.is_empty() {
                    Cell::text(written)
                } else {
                    Cell::text(canonical)
                }
            };
            let t = i.target.as_ref();
            let actual = match &i.actual {
                // In the target's unit, as the template's 计量单位 column says.
                Some(a @ Actual::Quantity { .. }) => {
                    a.scored_value().map_or(Cell::Empty, Cell::Number)
                }
                Some(Actual::Completion { completion, .. }) => Cell::text(completion.word()),
                Some(Actual::Text { text }) => Cell::text(text),
                None => Cell::Empty,
            };
            let mut row = vec![
                text_opt(p.code.as_deref()),
                Cell::text(&p.name),
                level(i.level1, &i.level1_written),
                level(i.level2, &i.level2_written),
                Cell::text(&i.name),
                t.and_then(Target::sign)
                    .map_or(Cell::Empty, |s: Sign| Cell::text(s.symbol())),
                t.map_or(Cell::Empty, value_cell),
            ];
            let unit = text_opt(t.and_then(|t| t.unit_parts().0));
            if monitoring {
                let reason = match (&i.causes[..], &i.reason) {
                    ([], r) => text_opt(r.as_deref()),
                    (cs, r) => {
                        let words: Vec<&str> = cs.iter().map(|c| c.word()).collect();
                        let mut text = words.join("、");
                        if let Some(r) = r {
                            text.push('：');
                            text.push_str(r);
                        }
                        Cell::Text(text)
                    }
                };
                row.extend([
                    unit,
                    actual,
                    text_opt(i.likelihood.map(|l: Likelihood| l.word())),
                    reason,
                ]);
            } else {
                row.extend([
                    actual,
                    unit,
                    i.weight.map_or(Cell::Empty, Cell::Number),
                    i.points.map_or(Cell::Empty, Cell::Number),
                    i.deduction.map_or(Cell::Empty, Cell::Number),
                    text_opt(i.note.as_deref()),
                    text_opt(i.reason.as_deref()),
                ]);
            }
            row
        })
}

/// The budget rows of one table: the total row, then each fund source.
fn execution_rows(p: &crate::model::EvalProject) -> impl Iterator<Item = Vec<Cell>> + '_ {
    let num = |d: Option<Decimal>| d.map_or(Cell::Empty, Cell::Number);
    let x = p.execution.as_ref();
    let total = x.map(|x| {
        vec![
            text_opt(p.code.as_deref()),
            Cell::text(&p.name),
            Cell::text("年度资金总额"),
            num(x.amounts.initial),
            num(x.amounts.adjusted),
            num(x.amounts.spent),
            Cell::Number(x.weight),
            num(x.amounts.rate.or(x.computed_rate)),
            num(x.points),
        ]
    });
    let sources = x.into_iter().flat_map(|x| x.sources.iter()).map(move |s| {
        vec![
            text_opt(p.code.as_deref()),
            Cell::text(&p.name),
            Cell::text(&s.name),
            num(s.amounts.initial),
            num(s.amounts.adjusted),
            num(s.amounts.spent),
            Cell::Empty,
            num(s.amounts.rate),
            Cell::Empty,
        ]
    });
    total.into_iter().chain(sources)
}

/// A project's `field "NAME" "VALUE"` (the template columns no statement
/// holds: 处室名称, 项目类别, 绩效目标调整情况), else the form header's.
fn field<'a>(
    ev: &'a crate::model::Evaluation,
    p: &'a crate::model::EvalProject,
    name: &str,
) -> Option<&'a str> {
    p.fields
        .iter()
        .chain(&ev.fields)
        .find(|f| f.name == name)
        .map(|f| f.value.as_str())
}

/// One row of `一般监控导入模板` per project: the budget with its additions
/// and cuts, spending to the month, the indicators' state, and whether the
/// spending keeps pace with the months (序时进度: month ÷ 12 of the year).
fn trace_project_rows(ev: &crate::model::Evaluation) -> Vec<Vec<Cell>> {
    use crate::model::Likelihood;
    let num = |d: Option<Decimal>| d.map_or(Cell::Empty, Cell::Number);
    let yes_no = |b: bool| Cell::text(if b { "是" } else { "否" });
    let body = ev.department.as_ref().map(|d| d.name.clone());
    ev.projects
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let x = p.execution.as_ref();
            let initial = x.and_then(|x| x.amounts.initial);
            let adjusted = x.and_then(|x| x.amounts.adjusted);
            let change = initial.zip(adjusted).map(|(i, a)| a - i);
            let rate = x.and_then(|x| x.computed_rate.or(x.amounts.rate));
            let pace = ev
                .as_of
                .zip(rate)
                .map(|(m, r)| r * Decimal::from(12) >= Decimal::from(m) * Decimal::ONE_HUNDRED);
            let state: Vec<String> = p
                .indicators
                .iter()
                .filter(|i| !i.name.is_empty())
                .map(|i| {
                    let actual = i.actual.as_ref().map_or("", |a| a.text());
                    format!("{}：{}", i.name, actual)
                })
                .collect();
            let stage = p
                .indicators
                .iter()
                .any(|i| i.likelihood.is_some())
                .then(|| {
                    !p.indicators.iter().any(|i| {
                        matches!(
                            i.likelihood,
                            Some(Likelihood::Possible | Likelihood::Impossible)
                        )
                    })
                });
            let mut causes: Vec<&str> = Vec::new();
            for i in &p.indicators {
                for c in &i.causes {
                    if !causes.contains(&c.word()) {
                        causes.push(c.word());
                    }
                }
            }
            vec![
                Cell::Number(Decimal::from(n + 1)),
                text_opt(field(ev, p, "处室名称")),
                text_opt(
                    p.agency
                        .as_ref()
                        .map(|a| a.name.as_str())
                        .or(body.as_deref()),
                ),
                text_opt(field(ev, p, "项目类别")),
                text_opt(p.code.as_deref()),
                Cell::text(&p.name),
                num(initial),
                num(change.filter(|c| *c > Decimal::ZERO)),
                num(change.filter(|c| *c < Decimal::ZERO).map(|c| -c)),
                num(adjusted),
                joined(p.goals.iter().map(|g| g.goal.clone()), "；"),
                num(x.and_then(|x| x.amounts.spent)),
                num(rate),
                joined(state.into_iter(), "；"),
                pace.map_or(Cell::Empty, yes_no),
                stage.map_or(Cell::Empty, yes_no),
                joined(causes.into_iter().map(String::from), "、"),
                text_opt(x.and_then(|x| x.reason.as_deref())),
                text_opt(field(ev, p, "绩效目标调整情况")),
            ]
        })
        .collect()
}

/// The workbook's creation date, fixed (the date of the zip entries too):
/// a date of the build would change the bytes from one build to the next.
pub(crate) const CREATED: (u16, u8, u8) = (1980, 1, 1);

/// Excel's limits: rows of data under the header in a worksheet (of
/// 1,048,576), UTF-16 units in a cell.
const ROWS: u32 = 1_048_575;
const MAX_CELL_TEXT: usize = 32_767;
/// Significant digits Excel keeps and shows of a number.
const EXCEL_DIGITS: u32 = 15;

/// The whole workbook as the bytes of a .xlsx file.
pub fn to_bytes(sheet: &Sheet) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write(sheet, &mut bytes)?;
    Ok(bytes)
}

/// The same bytes as `to_bytes`, written into `w` (which should buffer).
/// Each worksheet's finished rows wait in an unnamed temporary file until
/// the archive is written.
pub fn write<W: Write + Send>(sheet: &Sheet, w: W) -> std::io::Result<()> {
    contained(|| save(workbook(sheet).map_err(io_error)?, w))
}

/// Save a workbook into `w`, reporting the writer's own error (which the
/// zip writer would otherwise replace by its own) when there was one.
fn save<W: Write + Send>(mut book: Workbook, w: W) -> std::io::Result<()> {
    let mut latch = Latch {
        inner: w,
        failed: None,
    };
    let saved = book.save_to_writer(&mut latch).map_err(io_error);
    match latch.failed {
        Some(e) => Err(e),
        None => saved,
    }
}

thread_local! {
    /// This thread is writing a workbook: a panic is the writer's and is
    /// turned into an error (see `contained`).
    static WRITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, a workbook being written, turning a panic into an error.
///
/// The worksheets go row by row to temporary files, and the XLSX writer
/// panics when such a write fails (a full disk, a file size limit) instead
/// of returning the error. The panic is caught here and reported as the I/O
/// error it stands for; the message the panic would print is kept quiet
/// only on a thread inside this function, every other panic is reported by
/// the hook that was there before.
fn contained(f: impl FnOnce() -> std::io::Result<()>) -> std::io::Result<()> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !WRITING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = WRITING.with(|w| w.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    WRITING.with(|w| w.set(was));
    result.unwrap_or_else(|_| {
        Err(std::io::Error::other(
            "the rows of a worksheet could not be written to a temporary file \
             (is the disk full, or a file size limit reached?)",
        ))
    })
}

/// The writer under the zip archive: the first error is returned, and from
/// then on writes only pretend to succeed. After a failure the XLSX writer
/// drops its archive unfinished, which then finishes itself into this writer;
/// were that to fail too, it would print its own message on stderr.
struct Latch<W> {
    inner: W,
    /// The first failure, kept to be returned (the archive's error may only
    /// describe it).
    failed: Option<std::io::Error>,
}

impl<W: Write> Write for Latch<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed.is_some() {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            // An interruption is retried by the caller, not a failure.
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                let returned = std::io::Error::new(e.kind(), e.to_string());
                self.failed = Some(e);
                Err(returned)
            }
            ok => ok,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed.is_some() {
            return Ok(());
        }
        self.inner.flush()
    }
}

/// An XLSX error as the I/O error it wraps, when it is one (the message then
/// reads as for the other formats).
fn io_error(e: XlsxError) -> std::io::Error {
    match e {
        XlsxError::IoError(e) => e,
        XlsxError::ZipError(zip::result::ZipError::Io(e)) => e,
        e => std::io::Error::other(e),
    }
}

fn workbook(sheet: &Sheet) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let head = layout::head(sheet);
    let (y, m, d) = CREATED;
    let properties = DocProperties::new()
        .set_title(format!("{} {}", head.department, head.title))
        .set_author("jixiao")
        .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?);
    book.set_properties(&properties);
    let styles = Styles::new();

    let lead: Vec<Column> = [&INDICATOR_LEAD[..], &INDICATOR_COLUMNS[..]].concat();
    let rows = sheet.projects.iter().flat_map(|p| {
        // Long-term first, as the official table and the system's tabs
        // (总体绩效指标, 年度绩效指标) order them.
        let period = p.period.iter().flat_map(|t| t.indicators.iter());
        let annual = p.indicators.iter().map(|i| (i, "年度"));
        period
            .map(|i| (i, "实施期"))
            .chain(annual)
            .map(move |(i, term)| {
                let mut row = vec![
                    text_opt(p.code.as_deref()),
                    Cell::text(&p.name),
                    text_opt(p.agency.as_deref()),
                    Cell::text(term),
                ];
                indicator_cells(i, &mut row);
                row
            })
    });
    table(&mut book, &styles, INDICATOR_SHEET, &lead, rows, ROWS)?;

    let unit = &sheet.department.unit;
    let rows = sheet.projects.iter().map(|p| {
        let (fiscal, other) = split_sources(&p.budget.sources);
        let mut plan = vec![Cell::Empty; 12];
        for c in &p.plan {
            if let Some(slot) = (c.month as usize)
                .checked_sub(1)
                .and_then(|m| plan.get_mut(m))
            {
                *slot = Cell::Number(c.percent);
            }
        }
        let mut row = vec![
            text_opt(p.code.as_deref()),
            Cell::text(&p.name),
            text_opt(p.agency.as_deref()),
            text_opt(p.agency_code.as_deref()),
            p.supervisor
                .as_ref()
                .map_or(Cell::Empty, |s| Cell::Text(s.text())),
            Cell::Number(p.budget.total),
            fiscal.map_or(Cell::Empty, Cell::Number),
            other.map_or(Cell::Empty, Cell::Number),
            Cell::text(unit),
            sources(&p.budget),
            p.total_budget
                .as_ref()
                .map_or(Cell::Empty, |b: &Budget| Cell::Number(b.total)),
            p.total_budget.as_ref().map_or(Cell::Empty, sources),
            text_opt(p.purpose.as_deref()),
            numbered(&p.goals),
            text_opt(p.period.as_ref().and_then(|t| t.text.as_deref())),
            p.period
                .as_ref()
                .map_or(Cell::Empty, |t| numbered(&t.goals)),
        ];
        row.extend(plan);
        row.extend([
            text_opt(p.project_type.as_deref()),
            text_opt(p.attribute.as_deref()),
            text_opt(p.term.as_deref()),
            text_opt(p.leader.as_ref().map(|l| l.name.as_str())),
            text_opt(p.leader.as_ref().and_then(|l| l.phone.as_deref())),
            text_opt(p.function.as_deref()),
            joined(p.documents.iter().map(String::as_str), "\n"),
            joined(
                p.scores
                    .iter()
                    .map(|s| format!("{} {}", s.item, s.points())),
                "\n",
            ),
            text_opt(p.review.as_deref()),
            joined(
                p.fields.iter().map(|f| format!("{}：{}", f.name, f.value)),
                "\n",
            ),
        ]);
        row
    });
    table(
        &mut book,
        &styles,
        PROJECT_SHEET,
        &PROJECT_COLUMNS,
        rows,
        ROWS,
    )?;

    table(
        &mut book,
        &styles,
        BODY_SHEET,
        &BODY_COLUMNS,
        body_rows(sheet).into_iter(),
        ROWS,
    )?;

    let dept = &sheet.department;
    let lead: Vec<Column> = [&BODY_INDICATOR_LEAD[..], &INDICATOR_COLUMNS[..]].concat();
    let rows = sheet.overall.indicators.iter().map(|i| {
        let mut row = vec![text_opt(dept.code.as_deref()), Cell::text(&dept.name)];
        indicator_cells(i, &mut row);
        row
    });
    table(&mut book, &styles, BODY_INDICATOR_SHEET, &lead, rows, ROWS)?;
    Ok(book)
}

/// `部门整体`: the body's facts (类别 基本信息), then 第一部分 item by item.
fn body_rows(sheet: &Sheet) -> Vec<Vec<Cell>> {
    let dept = &sheet.department;
    let mut rows = Vec::new();
    let mut fact = |title: &str, value: Cell| {
        if !matches!(value, Cell::Empty) {
            rows.push(vec![
                Cell::text("基本信息"),
                Cell::Empty,
                Cell::text(title),
                value,
            ]);
        }
    };
    fact("单位编码", text_opt(dept.code.as_deref()));
    fact("单位名称", Cell::text(&dept.name));
    fact("年度", Cell::Number(Decimal::from(dept.year)));
    fact("金额单位", Cell::text(&dept.unit));
    fact("指标体系", Cell::text(&dept.framework));
    for f in dept.stated_facts().into_iter().chain(dept.fields.clone()) {
        // The body's budget as the projects' are: the amount a number,
        // its sources in a row of their own.
        match (f.name.as_str(), &dept.budget) {
            ("部门预算总额", Some(b)) => {
                fact(&f.name, Cell::Number(b.total));
                fact("部门预算资金来源明细", sources(b));
            }
            _ => fact(&f.name, Cell::Text(f.value)),
        }
    }
    let overall = &sheet.overall;
    let mut item = |kind: &str, n: usize, title: Option<&str>, text: &str| {
        rows.push(vec![
            Cell::text(kind),
            Cell::Number(Decimal::from(n)),
            text_opt(title),
            Cell::text(text),
        ]);
    };
    if let Some(s) = &overall.summary {
        item("总体绩效目标", 1, None, s);
    }
    for (n, o) in overall.objectives.iter().enumerate() {
        item("分项绩效目标", n + 1, Some(&o.title), &o.text);
    }
    for (n, m) in overall.measures.iter().enumerate() {
        item("工作保障措施", n + 1, None, m);
    }
    rows
}

/// The cells of `INDICATOR_COLUMNS` for one indicator.
fn indicator_cells(i: &Indicator, row: &mut Vec<Cell>) {
    // An open level 2 (under 投入/过程) has no canonical name.
    let level = |canonical: &'static str, written: &str| {
        if canonical.is_empty() {
            Cell::text(written)
        } else {
            Cell::text(canonical)
        }
    };
    row.push(level(i.level1, &i.level1_written));
    row.push(level(i.level2, &i.level2_written));
    row.push(Cell::text(&i.name));
    let t = i.target.as_ref();
    row.push(
        t.and_then(Target::sign)
            .map_or(Cell::Empty, |s: Sign| Cell::text(s.symbol())),
    );
    row.push(t.map_or(Cell::Empty, value_cell));
    row.push(text_opt(t.and_then(|t| t.unit_parts().0)));
    row.push(i.weight.map_or(Cell::Empty, Cell::Number));
    row.push(text_opt(i.description.as_deref()));
    row.push(text_opt(i.explanation.as_deref()));
    row.push(text_opt(i.scoring.as_deref()));
    row.push(text_opt(i.basis.as_deref()));
    row.push(joined(
        i.fields.iter().map(|f| format!("{}：{}", f.name, f.value)),
        "\n",
    ));
    row.push(text_opt(i.last_year.as_ref().map(|t| t.text.as_str())));
    row.push(text_opt(t.and_then(Target::direction).map(|d| d.word())));
    // 是 for a core indicator, its ★ when the sheet grades it.
    row.push(match (i.core, i.core_level) {
        (true, Some(n)) => Cell::Text("★".repeat(usize::from(n))),
        (true, None) => Cell::text("是"),
        (false, _) => Cell::Empty,
    });
    row.push(text_opt(i.id.as_deref()));
    row.push(t.map_or(Cell::Empty, |t| Cell::text(&t.text)));
    // The levels as the sheet wrote them, where that is not the system's
    // name (效果 for 效益, output for 产出).
    let written = |canonical: &str, written: &str| {
        if canonical.is_empty() || canonical == written {
            Cell::Empty
        } else {
            Cell::text(written)
        }
    };
    row.push(written(i.level1, &i.level1_written));
    row.push(written(i.level2, &i.level2_written));
    // Only a nature the sheet states: the sign tells the rest.
    row.push(text_opt(t.and_then(|t| t.nature).map(|n| n.word())));
}

/// 资金来源明细: every source with its amount, nested ones in brackets
/// (`财政资金 60，其他资金 40`, `其中：上年结转 20`); the two columns before it
/// hold only the sums of the top-level sources by class.
fn sources(budget: &Budget) -> Cell {
    fn list(out: &mut String, sources: &[Source]) {
        for (n, s) in sources.iter().enumerate() {
            if n > 0 {
                out.push('，');
            }
            out.push_str(&format!("{} {}", s.name, s.amount));
            // The class, where the name would file it under the other.
            let fiscal = s.class == SourceClass::Fiscal;
            if fiscal != layout::is_fiscal(&s.name) {
                out.push_str(if fiscal {
                    " 财政资金"
                } else {
                    " 其他资金"
                });
            }
            if !s.sources.is_empty() {
                out.push_str(if s.partial { "（其中：" } else { "（" });
                list(out, &s.sources);
                out.push('）');
            }
        }
    }
    if budget.sources.is_empty() {
        return Cell::Empty;
    }
    let mut out = String::from(if budget.partial { "其中：" } else { "" });
    list(&mut out, &budget.sources);
    Cell::Text(out)
}

/// 指标值: the number alone for a quantity (its unit goes to 计量单位),
/// `90-95` for a range, the ISO date, `2023-07~2024-01` for a period, the
/// word or text of a qualitative value.
fn value_cell(t: &Target) -> Cell {
    match &t.value {
        TargetValue::Quantity { value, .. } => Cell::Number(*value),
        TargetValue::Range { min, max, .. } => Cell::Text(format!("{min}-{max}")),
        TargetValue::Date { date } => Cell::Text(date.to_string()),
        TargetValue::Period { from, to } => Cell::Text(format!("{from}~{to}")),
        TargetValue::Grade { grade } => Cell::text(grade),
        // 有/无 as written, else 是/否.
        TargetValue::YesNo { yes } => {
            let shown = t.shown();
            let word = shown.trim().trim_start_matches("定性").trim();
            match word {
                "是" | "否" | "有" | "无" => Cell::text(word),
                _ => Cell::text(if *yes { "是" } else { "否" }),
            }
        }
        TargetValue::Text { text } => Cell::text(text),
        TargetValue::Marker { marker } => Cell::text(marker.word()),
    }
}

/// A value of a cell.
#[derive(Clone, Debug)]
enum Cell {
    Empty,
    Text(String),
    /// Written as a number displayed with its decimals as written.
    Number(Decimal),
}

impl Cell {
    fn text(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }
}

fn text_opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, Cell::text)
}

/// Goals in one cell as the official table prints them: one goal alone,
/// several numbered (`1、…`), so that a goal of two lines stays one.
fn numbered(items: &[String]) -> Cell {
    match items {
        [one] => Cell::text(one),
        _ => joined(
            items
                .iter()
                .enumerate()
                .map(|(n, g)| format!("{}、{g}", n + 1)),
            "\n",
        ),
    }
}

fn joined<S: AsRef<str>>(items: impl Iterator<Item = S>, sep: &str) -> Cell {
    let mut out = String::new();
    for (n, s) in items.enumerate() {
        if n > 0 {
            out.push_str(sep);
        }
        out.push_str(s.as_ref());
    }
    Cell::text(&out)
}

/// How a column is laid out.
#[derive(Clone, Copy, Debug)]
struct Column {
    header: &'static str,
    /// The widest the column gets, in characters of the default font; a
    /// longer text wraps.
    max_width: f64,
    /// A code: a text cell that stays text when edited (leading zeros).
    code: bool,
}

impl Column {
    const fn short(header: &'static str) -> Column {
        Column {
            header,
            max_width: 24.0,
            code: false,
        }
    }
    const fn long(header: &'static str) -> Column {
        Column {
            header,
            max_width: 50.0,
            code: false,
        }
    }
    const fn wide(header: &'static str) -> Column {
        Column {
            header,
            max_width: 80.0,
            code: false,
        }
    }
    const fn code(header: &'static str) -> Column {
        Column {
            header,
            max_width: 30.0,
            code: true,
        }
    }
}

/// The cell formats, made once.
struct Styles {
    header: Format,
    text: Format,
    code: Format,
    /// `0`, `0.0`, `0.00` … by the number of decimals (a decimal has at most 28).
    numbers: Vec<Format>,
}

impl Styles {
    fn new() -> Styles {
        let top = Format::new().set_align(FormatAlign::Top);
        Styles {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: top.clone().set_text_wrap(),
            code: top.clone().set_num_format("@"),
            numbers: (0..=28)
                .map(|scale| top.clone().set_num_format(number_format(scale)))
                .collect(),
        }
    }
}

/// `0` for whole numbers, `0.00` for two decimals: the number shows as it
/// is written.
fn number_format(scale: usize) -> String {
    if scale == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(scale))
    }
}

/// A decimal as the number Excel stores, when Excel holds and shows it
/// exactly: at most 15 significant digits. Converted from its decimal text,
/// which Rust parses to the nearest double.
pub(crate) fn excel_number(d: &Decimal) -> Option<f64> {
    let mut digits = d.mantissa().unsigned_abs();
    while digits != 0 && digits.is_multiple_of(10) {
        digits /= 10;
    }
    if digits.checked_ilog10().unwrap_or(0) + 1 > EXCEL_DIGITS {
        return None;
    }
    d.to_string().parse::<f64>().ok()
}

/// Write one table: the header row frozen with a filter, then the rows,
/// each column as wide as its widest text (CJK characters counted twice),
/// up to its maximum. Past `per_sheet` rows (Excel's last row), the rows
/// go on in a worksheet `NAME (2)`, and so on.
fn table(
    book: &mut Workbook,
    styles: &Styles,
    name: &str,
    columns: &[Column],
    rows: impl Iterator<Item = Vec<Cell>>,
    per_sheet: u32,
) -> Result<(), XlsxError> {
    let mut rows = rows.peekable();
    let mut part = 1;
    loop {
        let ws = book.add_worksheet_with_low_memory()?;
        if part == 1 {
            ws.set_name(name)?;
        } else {
            ws.set_name(format!("{name} ({part})"))?;
        }
        let mut widths: Vec<usize> = columns.iter().map(|c| width(c.header)).collect();
        for (col, c) in columns.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, c.header, &styles.header)?;
        }
        let mut r: u32 = 0;
        while r < per_sheet {
            let Some(row) = rows.next() else { break };
            r += 1;
            for (col, (cell, c)) in row.iter().zip(columns).enumerate() {
                let w = put(ws, styles, r, col as u16, cell, c)?;
                widths[col] = widths[col].max(w);
            }
        }
        finish(ws, columns, &widths, r)?;
        if rows.peek().is_none() {
            return Ok(());
        }
        part += 1;
    }
}

fn finish(
    ws: &mut Worksheet,
    columns: &[Column],
    widths: &[usize],
    last_row: u32,
) -> Result<(), XlsxError> {
    for (col, (c, w)) in columns.iter().zip(widths).enumerate() {
        // Two characters of margin; never narrower than six.
        let w = (*w as f64 + 2.0).clamp(6.0, c.max_width);
        ws.set_column_width(col as u16, w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = columns.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// Write a cell; returns the width of what it shows.
fn put(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    cell: &Cell,
    column: &Column,
) -> Result<usize, XlsxError> {
    match cell {
        Cell::Empty => Ok(0),
        Cell::Text(s) => {
            let s = fit(s);
            let format = if column.code {
                &styles.code
            } else {
                &styles.text
            };
            ws.write_string_with_format(row, col, s.as_ref(), format)?;
            Ok(width(&s))
        }
        Cell::Number(d) => {
            let shown = d.to_string();
            match (excel_number(d), styles.numbers.get(d.scale() as usize)) {
                (Some(n), Some(format)) => {
                    ws.write_number_with_format(row, col, n, format)?;
                }
                // More digits than Excel keeps: as text, exact.
                _ => {
                    ws.write_string_with_format(row, col, &shown, &styles.text)?;
                }
            }
            Ok(width(&shown))
        }
    }
}

/// A text cut to what an Excel cell holds (32,767 UTF-16 units), ending
/// with `…` when cut; the JSON keeps it whole.
fn fit(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CELL_TEXT {
        // No more bytes than the limit: no more UTF-16 units either.
        return s.into();
    }
    let mut units = 0;
    // Where `…` goes if the text is too long: the characters before it
    // leave one unit for it.
    let mut cut = 0;
    for (at, c) in s.char_indices() {
        units += c.len_utf16();
        if units < MAX_CELL_TEXT {
            cut = at + c.len_utf8();
        }
        if units > MAX_CELL_TEXT {
            return format!("{}…", &s[..cut]).into();
        }
    }
    s.into()
}

/// The width of a text in characters of the default font: a CJK or
/// full-width character takes two; the widest line counts.
fn width(s: &str) -> usize {
    s.lines()
        .map(|l| l.chars().map(|c| if wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

/// East Asian wide and full-width characters (the common blocks).
fn wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_excel_cannot_hold_exactly_are_refused() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(excel_number(&d("78.00")), Some(78.0));
        assert_eq!(excel_number(&d("0.1")), Some(0.1));
        assert_eq!(excel_number(&d("555.740000")), Some(555.74));
        assert_eq!(excel_number(&d("100000000000000000000")), Some(1e20));
        assert_eq!(excel_number(&d("123456789012345")), Some(123456789012345.0));
        assert_eq!(excel_number(&d("1234567890.123456")), None);
        assert_eq!(excel_number(&d("1234567890123456")), None);
        assert_eq!(number_format(0), "0");
        assert_eq!(number_format(2), "0.00");
    }

    #[test]
    fn long_texts_are_cut_to_a_cell_on_a_character() {
        // Compared with assert! so that a failure does not print 32,767 characters.
        let short = "好".repeat(MAX_CELL_TEXT);
        assert!(fit(&short) == short);
        let long = "好".repeat(MAX_CELL_TEXT + 1);
        let cut = fit(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_TEXT);
        assert!(cut.ends_with("好…"));
        // A character outside the BMP is two units: never split.
        let astral = "𠀀".repeat(MAX_CELL_TEXT);
        let cut = fit(&astral);
        assert!(cut.encode_utf16().count() <= MAX_CELL_TEXT);
        assert!(cut.ends_with("𠀀…"));
    }

    #[test]
    fn rows_past_a_worksheet_go_on_in_the_next() {
        let mut book = Workbook::new();
        let columns = [Column::short("序号"), Column::long("内容")];
        let rows = (1..=5).map(|n| vec![Cell::Number(Decimal::from(n)), Cell::text("文字")]);
        table(&mut book, &Styles::new(), "表", &columns, rows, 2).unwrap();
        let names: Vec<String> = book.worksheets().iter().map(|w| w.name()).collect();
        assert_eq!(names, ["表", "表 (2)", "表 (3)"]);
        // Exactly full: no empty worksheet after it.
        let mut book = Workbook::new();
        let rows = (1..=4).map(|n| vec![Cell::Number(Decimal::from(n)), Cell::Empty]);
        table(&mut book, &Styles::new(), "表", &columns, rows, 2).unwrap();
        assert_eq!(book.worksheets().len(), 2);
        assert!(book.save_to_buffer().is_ok());
    }

    #[test]
    fn widths_count_cjk_twice() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("项目编码"), 8);
        assert_eq!(width("≥90%"), 4);
        assert_eq!(width("短\n长一些的行"), 10);
    }
}
