//! The official layout of the document (部门预算绩效信息), computed once from
//! a checked sheet. The HTML and DOCX emitters render only from this model,
//! so the page and the Word document cannot drift apart.
//!
//! A table is a grid of columns (widths in thousandths of the table width)
//! and rows of cells; each cell knows its first column, its column and row
//! span, its role (label, header, value) and its lines of text. The grid is
//! the union of the column boundaries the rows need: the indicator columns
//! are the base, and the other rows (budget, spending plan, …) snap their
//! boundaries to it where they are close, so that the tables stay simple.

use crate::model::{
    Budget, Department, FormKind, Indicator, Party, Project, Score, Sheet, Source, SourceClass,
};
use rust_decimal::Decimal;

/// What a cell holds, which decides how it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A fixed label of the form (项目编码, 预算数, 绩效目标, …).
    Label,
    /// A column header (一级指标 …, the months of the plan).
    Header,
    /// Data from the sheet.
    Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The text, one entry per printed line (paragraph); empty when blank.
    pub lines: Vec<String>,
    /// The first grid column the cell covers.
    pub col: usize,
    pub col_span: usize,
    pub row_span: usize,
    pub role: Role,
    pub align: Align,
}

impl Cell {
    /// The text with its lines joined by newlines.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The cells that start in this row, left to right. Cells of rows above
    /// that span down into this one are not repeated here (see `Table::grid`).
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Column widths in thousandths of the table width; they add up to 1000.
    pub columns: Vec<u32>,
    pub rows: Vec<Row>,
}

/// One cell as it occupies one row: where a vertically merged cell starts
/// (`first`), or one of the rows below that it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed<'a> {
    pub cell: &'a Cell,
    pub first: bool,
}

impl Table {
    /// For each row, every cell occupying it, in column order: the cells
    /// starting there and the cells continuing from a row above. Word needs
    /// the continuations (a `w:vMerge` cell in every covered row); HTML skips
    /// them.
    pub fn grid(&self) -> Vec<Vec<Placed<'_>>> {
        let mut out: Vec<Vec<Placed<'_>>> = vec![Vec::new(); self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            for cell in &row.cells {
                for (k, slot) in out.iter_mut().skip(r).take(cell.row_span).enumerate() {
                    slot.push(Placed {
                        cell,
                        first: k == 0,
                    });
                }
            }
        }
        for row in &mut out {
            row.sort_by_key(|p| p.cell.col);
        }
        out
    }

    /// Every grid position is covered by exactly one cell.
    pub fn is_consistent(&self) -> bool {
        let n = self.columns.len();
        let grid = self.grid();
        grid.iter().all(|row| {
            let mut next = 0;
            for p in row {
                if p.cell.col != next || p.cell.col_span == 0 {
                    return false;
                }
                next += p.cell.col_span;
            }
            next == n
        }) && self
            .rows
            .iter()
            .enumerate()
            .all(|(r, row)| row.cells.iter().all(|c| r + c.row_span <= self.rows.len()))
            && self.columns.iter().sum::<u32>() == 1000
    }
}

/// A heading with its paragraphs, and a table when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// e.g. "（一）总体绩效目标："
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub table: Option<Table>,
}

/// 第一部分 部门整体绩效目标.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartOne {
    pub heading: String,
    pub sections: Vec<Section>,
}

/// One cumulative checkpoint of the spending plan, for the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanPoint {
    pub month: u32,
    pub percent: Decimal,
}

/// One project's 绩效目标表 with what is printed around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectTable {
    /// 1-based, as in the heading.
    pub number: usize,
    /// A stable anchor for links: "project-1".
    pub anchor: String,
    pub code: String,
    pub name: String,
    /// "1、“创意之家”租赁费绩效目标表"
    pub heading: String,
    /// "430002秦皇岛市北戴河区机关事务管理局"
    pub body_line: String,
    /// "单位：万元"
    pub unit_line: String,
    pub table: Table,
    /// The spending plan as given, in month order.
    pub plan: Vec<PlanPoint>,
    pub total: Decimal,
}

/// Everything printed besides the project tables. The emitters write one
/// project table at a time (`project_table`), so that a large sheet's tables
/// are never all in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// "2020年部门预算绩效信息"
    pub title: String,
    /// The body's name, printed under the title.
    pub department: String,
    /// The money unit: 万元 or 元.
    pub unit: String,
    /// Facts of the body the sheet states (主管部门, 填报单位, 部门预算总额 …),
    /// as `label：value` lines under its name.
    pub facts: Vec<String>,
    pub part_one: Option<PartOne>,
    /// "第二部分 预算项目绩效目标", only when there is a first part.
    pub part_two_heading: Option<String>,
}

/// The whole document at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub head: Head,
    pub projects: Vec<ProjectTable>,
}

/// The months the sample prints in every spending plan.
pub const PLAN_MONTHS: [u32; 4] = [3, 6, 10, 12];

/// Width of the label column (一级指标, 预算规模及资金用途, …), in thousandths.
const LABEL: u32 = 135;
/// How far a boundary may move to meet an existing one, in thousandths.
const SNAP: u32 = 25;

const CN_NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Compute the layout of a whole sheet.
pub fn layout(sheet: &Sheet) -> Layout {
    Layout {
        head: head(sheet),
        projects: project_tables(sheet).collect(),
    }
}

/// Compute everything but the project tables.
pub fn head(sheet: &Sheet) -> Head {
    let dept = &sheet.department;
    let part_one = part_one(sheet);
    Head {
        title: title(dept),
        department: dept.name.clone(),
        unit: dept.unit.clone(),
        facts: department_facts(dept),
        part_two_heading: part_one
            .as_ref()
            .map(|_| "第二部分 预算项目绩效目标".to_string()),
        part_one,
    }
}

/// The title the sheet states, else the one of its form: a disclosure reads
/// "2020年部门预算绩效信息", a form "项目支出绩效目标申报表（2021年度）".
fn title(dept: &Department) -> String {
    if let Some(t) = &dept.title {
        return t.clone();
    }
    match dept.form.unwrap_or(FormKind::Disclosure) {
        FormKind::Disclosure => format!("{}年部门预算绩效信息", dept.year),
        form => format!("{}（{}年度）", form.title(), dept.year),
    }
}

/// `[015001]武汉市青山区教育局`: a body with its code as forms print it.
pub fn party(code: Option<&str>, name: &str) -> String {
    Party {
        code: code.map(str::to_string),
        name: name.to_string(),
    }
    .text()
}

fn department_facts(dept: &Department) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = &dept.supervisor {
        out.push(format!("主管部门：{}", s.text()));
    }
    if let Some(b) = &dept.budget {
        out.push(format!(
            "部门预算总额：{}{}{}",
            b.total,
            dept.unit,
            source_detail(b)
                .map(|d| format!("（{}）", d.trim_start_matches("资金来源：")))
                .unwrap_or_default()
        ));
    }
    if let Some(f) = &dept.filer {
        out.push(format!("填报单位：{f}"));
    }
    if let Some(d) = &dept.date {
        out.push(format!("填报日期：{d}"));
    }
    for f in &dept.fields {
        out.push(format!("{}：{}", f.name, f.value));
    }
    if let Some(r) = &dept.review {
        out.push(format!("审核意见：{r}"));
    }
    out
}

/// The project tables in order, each computed when it is asked for.
pub fn project_tables(sheet: &Sheet) -> impl Iterator<Item = ProjectTable> + '_ {
    let dept = &sheet.department;
    sheet
        .projects
        .iter()
        .enumerate()
        .map(move |(i, p)| project_table(dept, i + 1, p))
}

/// A row of two labelled facts, or one across the row when only one is
/// stated, or none.
fn pair_row(
    d: &mut Draft,
    mid: u32,
    end: u32,
    left: (&str, Option<String>),
    right: (&str, Option<String>),
) {
    match (left, right) {
        ((l, Some(a)), (r, Some(b))) => {
            let row = d.row();
            row.push(label(0, LABEL, l));
            row.push(value(LABEL, mid, &a));
            row.push(label(mid, end, r));
            row.push(value(end, 1000, &b));
        }
        ((l, Some(a)), (_, None)) | ((_, None), (l, Some(a))) => {
            let row = d.row();
            row.push(label(0, LABEL, l));
            row.push(value(LABEL, 1000, &a));
        }
        _ => {}
    }
}

/// The link anchor of the project numbered `number` (1-based).
pub fn project_anchor(number: usize) -> String {
    format!("project-{number}")
}

/// The heading of the project numbered `number` (1-based).
pub fn project_heading(number: usize, p: &Project) -> String {
    format!("{number}、{}绩效目标表", p.name)
}

fn part_one(sheet: &Sheet) -> Option<PartOne> {
    let o = &sheet.overall;
    let mut parts: Vec<(&str, Vec<String>, Option<Table>)> = Vec::new();
    if let Some(s) = &o.summary {
        parts.push(("总体绩效目标", lines(s), None));
    }
    if !o.objectives.is_empty() {
        let paras = o
            .objectives
            .iter()
            .enumerate()
            .map(|(i, ob)| format!("{}.{}：{}", i + 1, ob.title, ob.text))
            .collect();
        parts.push(("分项绩效目标", paras, None));
    }
    if !o.measures.is_empty() {
        let paras = o
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| format!("{}、{}", i + 1, m))
            .collect();
        parts.push(("工作保障措施", paras, None));
    }
    if !o.indicators.is_empty() {
        let mut d = Draft::default();
        let cols = indicator_columns(&o.indicators, sheet.department.form);
        indicator_rows(&mut d, &cols, &o.indicators, &[]);
        parts.push(("部门整体绩效指标", Vec::new(), Some(d.finish(&cols))));
    }
    if parts.is_empty() {
        return None;
    }
    let sections = parts
        .into_iter()
        .enumerate()
        .map(|(i, (title, paragraphs, table))| Section {
            heading: format!("（{}）{}：", cn_number(i + 1), title),
            paragraphs,
            table,
        })
        .collect();
    Some(PartOne {
        heading: "第一部分 部门整体绩效目标".to_string(),
        sections,
    })
}

fn cn_number(n: usize) -> String {
    match n {
        1..=10 => CN_NUMBERS[n - 1].to_string(),
        11..=19 => format!("十{}", CN_NUMBERS[n - 11]),
        _ => n.to_string(),
    }
}

/// Split a text into printed lines (a text may hold line breaks).
fn lines(text: &str) -> Vec<String> {
    text.lines().map(|l| l.to_string()).collect()
}

pub use crate::lang::sources::is_fiscal;

/// The 财政资金 and 其他资金 amounts of a budget: the sums of its top-level
/// sources by class, `None` when the class has no source.
pub fn split_sources(sources: &[Source]) -> (Option<Decimal>, Option<Decimal>) {
    let mut fiscal: Option<Decimal> = None;
    let mut other: Option<Decimal> = None;
    for s in sources {
        let slot = if s.class == SourceClass::Fiscal {
            &mut fiscal
        } else {
            &mut other
        };
        *slot = Some(slot.map_or(s.amount, |a| a + s.amount));
    }
    (fiscal, other)
}

/// The detailed source line printed under the use of funds when the two
/// columns of the table do not tell everything: nested sources, top-level
/// names other than 财政资金 and 其他资金, or a partial breakdown (其中).
pub fn source_detail(budget: &Budget) -> Option<String> {
    let sources = &budget.sources;
    let plain = sources.iter().all(|s| {
        let usual = match s.class {
            SourceClass::Fiscal => s.name == "财政资金",
            SourceClass::Other => s.name == "其他资金",
        };
        usual && s.sources.is_empty()
    });
    if plain && !budget.partial {
        return None;
    }
    fn list(sources: &[Source]) -> String {
        sources
            .iter()
            .map(|s| {
                let mut t = format!("{} {}", s.name, s.amount);
                if !s.sources.is_empty() {
                    t.push_str(if s.partial { "（其中：" } else { "（" });
                    t.push_str(&list(&s.sources));
                    t.push('）');
                }
                t
            })
            .collect::<Vec<_>>()
            .join("，")
    }
    if sources.is_empty() {
        return None;
    }
    let lead = if budget.partial {
        "资金来源：其中"
    } else {
        "资金来源："
    };
    Some(format!("{lead}{}", list(sources)))
}

/// The printed form of a level name: the author's spelling, completed to
/// its full form (`效果` → `效果指标`). English spellings print as the
/// canonical Chinese name.
pub fn level_label(written: &str, canonical: &str) -> String {
    // An open level 2 (under 投入/过程) prints as written.
    if canonical.is_empty() {
        return written.to_string();
    }
    if written.is_empty() || !written.chars().any(is_han) {
        canonical.to_string()
    } else if written.ends_with("指标") {
        written.to_string()
    } else {
        format!("{written}指标")
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// A cell while the table is drafted: its ideal boundaries in thousandths.
struct DraftCell {
    from: u32,
    to: u32,
    row_span: usize,
    role: Role,
    align: Align,
    lines: Vec<String>,
}

#[derive(Default)]
struct Draft {
    /// Each row with its snapping tolerance.
    rows: Vec<(u32, Vec<DraftCell>)>,
}

impl Draft {
    fn row(&mut self) -> &mut Vec<DraftCell> {
        self.row_with(SNAP)
    }

    fn row_with(&mut self, tolerance: u32) -> &mut Vec<DraftCell> {
        self.rows.push((tolerance, Vec::new()));
        &mut self.rows.last_mut().expect("just pushed").1
    }

    /// Turn the ideal boundaries into one grid: the base boundaries (those
    /// of the indicator columns) are kept; every other boundary snaps to an
    /// existing one within `SNAP`, or becomes a boundary of its own.
    fn finish(self, base: &[IndicatorColumn]) -> Table {
        let mut bounds: Vec<u32> = vec![0];
        let mut x = 0;
        for c in base {
            x += c.width;
            bounds.push(x);
        }
        let mut rows: Vec<Vec<(usize, usize, DraftCell)>> = Vec::new();
        // Snap each row's distinct boundaries once, left to right, so that
        // neighbouring cells share their boundary and widths stay positive.
        let mut snapped_rows: Vec<Vec<(u32, u32, DraftCell)>> = Vec::new();
        for (tolerance, row) in self.rows {
            let mut raw: Vec<u32> = row.iter().flat_map(|c| [c.from, c.to]).collect();
            raw.sort_unstable();
            raw.dedup();
            let mut map: Vec<(u32, u32)> = Vec::new();
            let mut prev = None;
            for x in raw {
                let s = snap(&mut bounds, x, prev, tolerance);
                map.push((x, s));
                prev = Some(s);
            }
            let at = |x: u32| map.iter().find(|m| m.0 == x).map_or(x, |m| m.1);
            snapped_rows.push(row.into_iter().map(|c| (at(c.from), at(c.to), c)).collect());
        }
        bounds.sort_unstable();
        bounds.dedup();
        let index = |b: u32| bounds.iter().position(|&x| x == b).unwrap_or(0);
        for row in snapped_rows {
            rows.push(
                row.into_iter()
                    .map(|(f, t, c)| (index(f), index(t), c))
                    .collect(),
            );
        }
        let columns = bounds.windows(2).map(|w| w[1] - w[0]).collect();
        Table {
            columns,
            rows: rows
                .into_iter()
                .map(|cells| Row {
                    cells: cells
                        .into_iter()
                        .map(|(f, t, c)| Cell {
                            lines: c.lines,
                            col: f,
                            col_span: t - f,
                            row_span: c.row_span,
                            role: c.role,
                            align: c.align,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Snap `x` to the nearest existing boundary within `tolerance` (strictly
/// after `after`), or add it as a new boundary.
fn snap(bounds: &mut Vec<u32>, x: u32, after: Option<u32>, tolerance: u32) -> u32 {
    let best = bounds
        .iter()
        .copied()
        .filter(|&b| after.is_none_or(|a| b > a))
        .min_by_key(|&b| (b.abs_diff(x), b));
    match best {
        Some(b) if b.abs_diff(x) <= tolerance => b,
        _ => {
            let x = after.map_or(x, |a| x.max(a + 1));
            if !bounds.contains(&x) {
                bounds.push(x);
                bounds.sort_unstable();
            }
            x
        }
    }
}

fn cell(from: u32, to: u32, role: Role, text: Vec<String>) -> DraftCell {
    let align = match role {
        Role::Label | Role::Header => Align::Center,
        Role::Value => Align::Left,
    };
    DraftCell {
        from,
        to,
        row_span: 1,
        role,
        align,
        lines: text,
    }
}

fn label(from: u32, to: u32, text: &str) -> DraftCell {
    cell(from, to, Role::Label, vec![text.to_string()])
}

fn value(from: u32, to: u32, text: &str) -> DraftCell {
    cell(from, to, Role::Value, lines(text))
}

/// A value printed centred (amounts, percentages, codes).
fn centred(from: u32, to: u32, text: String) -> DraftCell {
    let mut c = cell(from, to, Role::Value, vec![text]);
    c.lines.retain(|l| !l.is_empty());
    c.align = Align::Center;
    c
}

fn spanning(mut c: DraftCell, rows: usize) -> DraftCell {
    c.row_span = rows;
    c
}

/// One column of the indicator part of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Column {
    Level1,
    Level2,
    Name,
    Description,
    Target,
    Basis,
    Weight,
    LastYear,
    Direction,
    Explanation,
    Scoring,
    /// The field of that name an indicator adds.
    Field(String),
}

struct IndicatorColumn {
    column: Column,
    header: String,
    width: u32,
}

/// The indicator columns: the six of the sample, and 权重 / 上年实际值 when
/// any indicator of the table has one.
fn indicator_columns(indicators: &[Indicator], form: Option<FormKind>) -> Vec<IndicatorColumn> {
    // The disclosure form always prints 绩效指标描述 and 指标值确定依据;
    // other forms only when an indicator fills them.
    let fixed = form.unwrap_or(FormKind::Disclosure) == FormKind::Disclosure;
    let any = |f: &dyn Fn(&Indicator) -> bool| indicators.iter().any(f);
    let mut spec: Vec<(Column, String, u32)> = vec![
        (Column::Level2, "二级指标".into(), 12),
        (Column::Name, "三级指标".into(), 17),
    ];
    if fixed || any(&|i| i.description.is_some()) {
        spec.push((Column::Description, "绩效指标描述".into(), 28));
    }
    if any(&|i| i.target.as_ref().is_some_and(|t| t.direction.is_some())) {
        spec.push((Column::Direction, "指标方向".into(), 8));
    }
    spec.push((Column::Target, "指标值".into(), 12));
    if any(&|i| i.last_year.is_some()) {
        spec.push((Column::LastYear, "上年实际值".into(), 12));
    }
    if fixed || any(&|i| i.basis.is_some()) {
        spec.push((Column::Basis, "指标值确定依据".into(), 16));
    }
    if any(&|i| i.explanation.is_some()) {
        spec.push((Column::Explanation, "指标解释".into(), 20));
    }
    if any(&|i| i.scoring.is_some()) {
        spec.push((Column::Scoring, "评（扣）分标准".into(), 20));
    }
    if any(&|i| i.weight.is_some()) {
        spec.push((Column::Weight, "权重".into(), 8));
    }
    let mut names: Vec<&str> = Vec::new();
    for f in indicators.iter().flat_map(|i| &i.fields) {
        if !names.contains(&f.name.as_str()) {
            names.push(&f.name);
        }
    }
    for n in names {
        spec.push((Column::Field(n.to_string()), n.to_string(), 12));
    }
    let total: u32 = spec.iter().map(|s| s.2).sum();
    let rest = 1000 - LABEL;
    let mut out = vec![IndicatorColumn {
        column: Column::Level1,
        header: "一级指标".to_string(),
        width: LABEL,
    }];
    let mut used = 0;
    let n = spec.len();
    for (i, (column, header, w)) in spec.into_iter().enumerate() {
        let width = if i + 1 == n {
            rest - used
        } else {
            rest * w / total
        };
        used += width;
        out.push(IndicatorColumn {
            column,
            header,
            width,
        });
    }
    out
}

/// The boundary after the first `n` indicator columns.
fn boundary(cols: &[IndicatorColumn], n: usize) -> u32 {
    cols.iter().take(n).map(|c| c.width).sum()
}

/// The header row and one row per indicator; the level-1 cell spans the
/// consecutive indicators of the same level 1, the level-2 cell the
/// consecutive ones of the same level 2 within it.
fn indicator_rows(
    d: &mut Draft,
    cols: &[IndicatorColumn],
    indicators: &[Indicator],
    scores: &[Score],
) {
    let mut x = 0;
    let row = d.row();
    for c in cols {
        row.push(cell(x, x + c.width, Role::Header, vec![c.header.clone()]));
        x += c.width;
    }
    let key1 = |i: &Indicator| (i.level1, level_label(&i.level1_written, i.level1));
    let key2 = |i: &Indicator| (i.level2, level_label(&i.level2_written, i.level2));
    let run = |from: usize, same: &dyn Fn(&Indicator) -> bool| {
        indicators[from..].iter().take_while(|i| same(i)).count()
    };
    for (k, ind) in indicators.iter().enumerate() {
        let starts1 = k == 0 || key1(&indicators[k - 1]) != key1(ind);
        let starts2 = starts1 || key2(&indicators[k - 1]) != key2(ind);
        let row = d.row();
        let mut x = 0;
        for c in cols {
            let (from, to) = (x, x + c.width);
            x = to;
            let made = match &c.column {
                Column::Level1 if starts1 => {
                    let k1 = key1(ind);
                    let n = run(k, &|i| key1(i) == k1);
                    // `成本指标（0-20分）` when the form gives its points.
                    let text = match scores.iter().find(|s| s.item == ind.level1) {
                        Some(s) => format!("{}（{}）", k1.1, s.points()),
                        None => k1.1.clone(),
                    };
                    spanning(label(from, to, &text), n)
                }
                Column::Level2 if starts2 => {
                    let (k1, k2) = (key1(ind), key2(ind));
                    let n = run(k, &|i| key1(i) == k1 && key2(i) == k2);
                    spanning(label(from, to, &k2.1), n)
                }
                Column::Level1 | Column::Level2 => continue,
                Column::Name => {
                    let stars = if ind.core {
                        "★".repeat(usize::from(ind.core_level.unwrap_or(1)))
                    } else {
                        String::new()
                    };
                    value(from, to, &format!("{stars}{}", ind.name))
                }
                Column::Direction => centred(
                    from,
                    to,
                    ind.target
                        .as_ref()
                        .and_then(|t| t.direction)
                        .map(|d| d.word().to_string())
                        .unwrap_or_default(),
                ),
                Column::Explanation => value(from, to, ind.explanation.as_deref().unwrap_or("")),
                Column::Scoring => value(from, to, ind.scoring.as_deref().unwrap_or("")),
                Column::Field(name) => value(
                    from,
                    to,
                    ind.fields
                        .iter()
                        .find(|f| &f.name == name)
                        .map_or("", |f| f.value.as_str()),
                ),
                Column::Description => value(from, to, ind.description.as_deref().unwrap_or("")),
                Column::Target => centred(
                    from,
                    to,
                    ind.target.as_ref().map(|t| t.shown()).unwrap_or_default(),
                ),
                Column::Basis => value(from, to, ind.basis.as_deref().unwrap_or("")),
                Column::Weight => centred(
                    from,
                    to,
                    ind.weight.map(|w| w.to_string()).unwrap_or_default(),
                ),
                Column::LastYear => centred(
                    from,
                    to,
                    ind.last_year
                        .as_ref()
                        .map(|t| t.shown())
                        .unwrap_or_default(),
                ),
            };
            row.push(made);
        }
    }
}

/// The months of the plan's columns: the sample's four checkpoints and any
/// other month the sheet gives, in month order.
pub fn plan_months(project: &Project) -> Vec<u32> {
    let mut months: Vec<u32> = PLAN_MONTHS.to_vec();
    months.extend(project.plan.iter().map(|c| c.month));
    months.sort_unstable();
    months.dedup();
    months
}

/// The table of the project numbered `number` (1-based) with what is printed
/// around it.
pub fn project_table(dept: &Department, number: usize, p: &Project) -> ProjectTable {
    let long_term: &[Indicator] = p.period.as_ref().map_or(&[], |x| &x.indicators);
    let cols = if long_term.is_empty() {
        indicator_columns(&p.indicators, dept.form)
    } else {
        let all: Vec<Indicator> = long_term.iter().chain(&p.indicators).cloned().collect();
        indicator_columns(&all, dept.form)
    };
    // The middle of the table: where 项目名称 and 其中：财政资金 end, and
    // where the sample's four plan columns divide.
    let name_label_end = LABEL + (1000 - LABEL) / 2;
    // The header rows meet the indicator grid where it allows: after the
    // first two and three indicator columns. A table with few columns has
    // them too far right; the rows then divide the left half by themselves.
    let (mut b2, mut b3) = (boundary(&cols, 2), boundary(&cols, 3));
    if b3 + 60 > name_label_end {
        b3 = LABEL + (name_label_end - LABEL) / 2;
    }
    // 其中：财政资金 needs room for its words beside the total's amount.
    if b2 + 118 + 110 > name_label_end {
        b2 = name_label_end - 118 - 110;
    }
    let mut d = Draft::default();

    // 项目编码 | code | 项目名称 | name; 项目名称 alone without a code.
    let row = d.row();
    if let Some(code) = &p.code {
        row.push(label(0, LABEL, "项目编码"));
        row.push(centred(LABEL, b3, code.clone()));
        row.push(label(b3, name_label_end, "项目名称"));
        row.push(value(name_label_end, 1000, &p.name));
    } else {
        row.push(label(0, LABEL, "项目名称"));
        row.push(value(LABEL, 1000, &p.name));
    }

    // 主管部门 | supervisor | 实施单位 | agency, each only as the sheet
    // states it (the body's own name is not its 主管部门).
    let supervisor = p.supervisor.as_ref().or(dept.supervisor.as_ref());
    let agency = p
        .agency
        .as_ref()
        .map(|a| party(p.agency_code.as_deref(), a));
    pair_row(
        &mut d,
        b3,
        name_label_end,
        ("主管部门", supervisor.map(Party::text)),
        ("实施单位", agency),
    );
    pair_row(
        &mut d,
        b3,
        name_label_end,
        ("项目类型", p.project_type.clone()),
        ("项目属性", p.attribute.clone()),
    );
    pair_row(
        &mut d,
        b3,
        name_label_end,
        ("项目起止时间", p.term.clone()),
        (
            "项目负责人",
            p.leader.as_ref().map(|l| match &l.phone {
                Some(phone) => format!("{}（{}）", l.name, phone),
                None => l.name.clone(),
            }),
        ),
    );
    pair_row(
        &mut d,
        b3,
        name_label_end,
        ("功能科目", p.function.clone()),
        (
            "文件文号",
            (!p.documents.is_empty()).then(|| p.documents.join("；")),
        ),
    );

    // Fields a local form adds: a row each, as the form prints them.
    for f in &p.fields {
        let row = d.row();
        row.push(label(0, LABEL, &f.name));
        row.push(value(LABEL, 1000, &f.value));
    }

    // 预算规模及资金用途 | 预算数 | total | 其中：财政资金 | amount | 其他资金 | amount;
    // 项目总预算 the same way above it when the sheet gives one.
    let show = |a: Option<Decimal>| a.map(|a| a.to_string()).unwrap_or_default();
    // Fixed shares of the right half, so that optional indicator columns
    // cannot squeeze the amounts; they snap to the indicator grid nearby.
    let (a1, a2) = (name_label_end + 145, name_label_end + 275);
    let lines_of_budget = 2 + usize::from(p.total_budget.is_some());
    let mut lead = Some(spanning(
        label(0, LABEL, "预算规模及资金用途"),
        lines_of_budget,
    ));
    let budgets = [
        ("项目总预算", p.total_budget.as_ref()),
        ("预算数", Some(&p.budget)),
    ];
    for (what, b) in budgets {
        let Some(b) = b else { continue };
        let (fiscal, other) = split_sources(&b.sources);
        let row = d.row();
        row.extend(lead.take());
        row.push(label(LABEL, b2, what));
        row.push(centred(b2, b2 + 118, b.total.to_string()));
        row.push(label(b2 + 118, name_label_end, "其中：财政资金"));
        row.push(centred(name_label_end, a1, show(fiscal)));
        row.push(label(a1, a2, "其他资金"));
        row.push(centred(a2, 1000, show(other)));
    }
    // The use of funds, with the detailed sources when the two columns
    // above do not tell everything.
    let mut purpose = p.purpose.as_deref().map(lines).unwrap_or_default();
    if let Some(t) = &p.total_budget {
        purpose.extend(source_detail(t).map(|l| format!("项目总预算{l}")));
    }
    purpose.extend(source_detail(&p.budget));
    d.row().push(cell(LABEL, 1000, Role::Value, purpose));

    // 资金支出计划（%） | months, then the values row; no empty grid for a
    // project that gives no plan.
    if !p.plan.is_empty() {
        let months = plan_months(p);
        let n = months.len() as u32;
        let at = |i: u32| LABEL + (1000 - LABEL) * i / n;
        // Equal columns may bend by a quarter of their width to meet the grid.
        let loose = (1000 - LABEL) / n / 4;
        let row = d.row_with(loose);
        row.push(spanning(label(0, LABEL, "资金支出计划（%）"), 2));
        for (i, m) in months.iter().enumerate() {
            let i = i as u32;
            row.push(cell(
                at(i),
                at(i + 1),
                Role::Header,
                vec![format!("{m}月底")],
            ));
        }
        let row = d.row_with(loose);
        for (i, m) in months.iter().enumerate() {
            let i = i as u32;
            let given = p.plan.iter().find(|c| c.month == *m);
            row.push(centred(
                at(i),
                at(i + 1),
                given.map(|c| c.percent.to_string()).unwrap_or_default(),
            ));
        }
    }

    // 绩效目标, and the multi-year period when there is one.
    let numbered = |goals: &[String]| -> Vec<String> {
        goals
            .iter()
            .enumerate()
            .flat_map(|(i, g)| {
                let mut ls = lines(g);
                if ls.is_empty() {
                    ls.push(String::new());
                }
                ls[0] = format!("{}、{}", i + 1, ls[0]);
                ls
            })
            .collect()
    };
    let row = d.row();
    row.push(label(0, LABEL, "绩效目标"));
    row.push(cell(LABEL, 1000, Role::Value, numbered(&p.goals)));
    if let Some(period) = &p.period {
        if let Some(text) = &period.text {
            let row = d.row();
            row.push(label(0, LABEL, "实施期"));
            row.push(value(LABEL, 1000, text));
        }
        if !period.goals.is_empty() {
            let row = d.row();
            row.push(label(0, LABEL, "实施期绩效目标"));
            row.push(cell(LABEL, 1000, Role::Value, numbered(&period.goals)));
        }
    }

    // 长期 (实施期) indicators apart from the annual ones, as forms with
    // both print them.
    let annual = p.scores.iter().find(|s| s.item == Score::ANNUAL);
    if !long_term.is_empty() {
        let heading = vec!["实施期绩效指标".to_string()];
        d.row().push(cell(0, 1000, Role::Header, heading));
        indicator_rows(&mut d, &cols, long_term, &[]);
    }
    // 年度绩效指标 heads the annual rows when there are long-term ones or
    // the form gives the section its points.
    if !long_term.is_empty() || annual.is_some() {
        let heading = match annual {
            Some(s) => format!("{}（{}）", Score::ANNUAL, s.points()),
            None => Score::ANNUAL.to_string(),
        };
        d.row().push(cell(0, 1000, Role::Header, vec![heading]));
    }
    indicator_rows(&mut d, &cols, &p.indicators, &p.scores);
    if let Some(e) = p.scores.iter().find(|s| s.item == Score::EXECUTION) {
        let row = d.row();
        row.push(label(0, LABEL, Score::EXECUTION));
        row.push(value(LABEL, 1000, &e.points()));
    }

    if let Some(r) = &p.review {
        let row = d.row();
        row.push(label(0, LABEL, "审核意见"));
        row.push(value(LABEL, 1000, r));
    }

    let mut plan: Vec<PlanPoint> = p
        .plan
        .iter()
        .map(|c| PlanPoint {
            month: c.month,
            percent: c.percent,
        })
        .collect();
    plan.sort_by_key(|c| c.month);
    ProjectTable {
        number,
        anchor: project_anchor(number),
        code: p.code.clone().unwrap_or_default(),
        name: p.name.clone(),
        heading: project_heading(number, p),
        body_line: format!("{}{}", dept.code.as_deref().unwrap_or(""), dept.name),
        unit_line: format!("单位：{}", dept.unit),
        table: d.finish(&cols),
        plan,
        total: p.budget.total,
    }
}

pub use crate::source::is_forbidden_char;

/// Replace the forbidden characters with U+FFFD.
pub fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_forbidden_char) {
        text.chars()
            .map(|c| if is_forbidden_char(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Budget, Checkpoint, Overall, Target, TargetValue, Totals};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn target(text: &str) -> Target {
        Target::new(
            None,
            TargetValue::Text {
                text: text.to_string(),
            },
            text.to_string(),
        )
    }

    fn ind(l1: &'static str, l1w: &str, l2: &'static str, l2w: &str, name: &str) -> Indicator {
        Indicator {
            level1: l1,
            level2: l2,
            level1_written: l1w.into(),
            level2_written: l2w.into(),
            name: name.into(),
            description: Some(format!("{name}的描述")),
            target: Some(target("≥90%")),
            basis: None,
            weight: None,
            last_year: None,
            explanation: None,
            scoring: None,
            ..Default::default()
        }
    }

    fn source(name: &str, amount: &str, sources: Vec<Source>) -> Source {
        Source {
            name: name.into(),
            amount: d(amount),
            sources,
            partial: false,
            class: if is_fiscal(name) {
                crate::model::SourceClass::Fiscal
            } else {
                crate::model::SourceClass::Other
            },
        }
    }

    fn project(indicators: Vec<Indicator>) -> Project {
        Project {
            code: Some("430-0502-JBN-GG1U".into()),
            name: "“创意之家”租赁费".into(),
            agency: None,
            budget: Budget {
                total: d("78.00"),
                sources: vec![source("财政资金", "78.00", vec![])],
                partial: false,
            },
            purpose: Some("根据合同支付".into()),
            plan: vec![
                Checkpoint {
                    month: 3,
                    percent: d("25.00"),
                },
                Checkpoint {
                    month: 12,
                    percent: d("100.00"),
                },
            ],
            goals: vec!["资金到位及时。".into(), "资金全部使用。".into()],
            period: None,
            indicators,
            ..Default::default()
        }
    }

    fn sheet(projects: Vec<Project>) -> Sheet {
        Sheet {
            format: crate::model::FORMAT,
            department: Department {
                code: Some("430002".into()),
                name: "秦皇岛市北戴河区机关事务管理局".into(),
                year: 2020,
                unit: "万元".into(),
                framework: "2015".into(),
                ..Default::default()
            },
            overall: Overall::default(),
            projects,
            units: vec![],
            totals: Totals {
                budget: d("78.00"),
                projects: 1,
                indicators: 0,
            },
        }
    }

    fn sample_indicators() -> Vec<Indicator> {
        vec![
            ind("产出指标", "产出", "时效指标", "时效", "到位率"),
            ind(
                "效益指标",
                "效果",
                "可持续影响指标",
                "可持续影响",
                "长期使用性",
            ),
            ind(
                "满意度指标",
                "满意度",
                "服务对象满意度指标",
                "服务对象满意度",
                "满意度",
            ),
        ]
    }

    fn texts(row: &Row) -> Vec<String> {
        row.cells.iter().map(|c| c.text()).collect()
    }

    #[test]
    fn sample_table_has_the_official_rows() {
        let l = layout(&sheet(vec![project(sample_indicators())]));
        assert_eq!(l.head.title, "2020年部门预算绩效信息");
        let p = &l.projects[0];
        assert_eq!(p.heading, "1、“创意之家”租赁费绩效目标表");
        assert_eq!(p.body_line, "430002秦皇岛市北戴河区机关事务管理局");
        assert_eq!(p.unit_line, "单位：万元");
        let t = &p.table;
        assert!(t.is_consistent(), "{t:#?}");
        let rows: Vec<Vec<String>> = t.rows.iter().map(texts).collect();
        assert_eq!(
            rows[0],
            [
                "项目编码",
                "430-0502-JBN-GG1U",
                "项目名称",
                "“创意之家”租赁费"
            ]
        );
        assert_eq!(
            rows[1],
            [
                "预算规模及资金用途",
                "预算数",
                "78.00",
                "其中：财政资金",
                "78.00",
                "其他资金",
                ""
            ]
        );
        assert_eq!(rows[2], ["根据合同支付"]);
        assert_eq!(
            rows[3],
            ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"]
        );
        assert_eq!(rows[4], ["25.00", "", "", "100.00"]);
        assert_eq!(
            rows[5],
            ["绩效目标", "1、资金到位及时。\n2、资金全部使用。"]
        );
        assert_eq!(
            rows[6],
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "绩效指标描述",
                "指标值",
                "指标值确定依据"
            ]
        );
        assert_eq!(
            rows[8],
            [
                "效果指标",
                "可持续影响指标",
                "长期使用性",
                "长期使用性的描述",
                "≥90%",
                ""
            ]
        );
        assert_eq!(t.rows.len(), 10);
        // The two label cells span their two rows.
        assert_eq!(t.rows[1].cells[0].row_span, 2);
        assert_eq!(t.rows[3].cells[0].row_span, 2);
        // Every row spans the whole grid.
        let grid = t.grid();
        assert_eq!(grid[2].len(), 2);
        assert!(!grid[2][0].first);
        assert_eq!(grid[2][0].cell.text(), "预算规模及资金用途");
    }

    #[test]
    fn level_cells_span_consecutive_indicators() {
        let inds = vec![
            ind("产出指标", "产出", "数量指标", "数量", "a"),
            ind("产出指标", "产出", "数量指标", "数量", "b"),
            ind("产出指标", "产出", "时效指标", "时效", "c"),
            ind("效益指标", "效益指标", "社会效益指标", "社会效益", "d"),
            ind("产出指标", "产出", "时效指标", "时效", "e"),
        ];
        let l = layout(&sheet(vec![project(inds)]));
        let t = &l.projects[0].table;
        assert!(t.is_consistent());
        let first = 7; // the header row is row 6
        assert_eq!(t.rows[first].cells[0].text(), "产出指标");
        assert_eq!(t.rows[first].cells[0].row_span, 3);
        assert_eq!(t.rows[first].cells[1].text(), "数量指标");
        assert_eq!(t.rows[first].cells[1].row_span, 2);
        assert_eq!(texts(&t.rows[first + 1])[0], "b");
        assert_eq!(t.rows[first + 2].cells[0].text(), "时效指标");
        assert_eq!(t.rows[first + 2].cells[0].row_span, 1);
        assert_eq!(t.rows[first + 3].cells[0].text(), "效益指标");
        // Not consecutive: a new level-1 cell.
        assert_eq!(t.rows[first + 4].cells[0].text(), "产出指标");
        assert_eq!(t.rows[first + 4].cells[0].row_span, 1);
    }

    #[test]
    fn level_labels_are_completed() {
        assert_eq!(level_label("效果", "效益指标"), "效果指标");
        assert_eq!(level_label("效果指标", "效益指标"), "效果指标");
        assert_eq!(level_label("output", "产出指标"), "产出指标");
        assert_eq!(
            level_label("服务对象满意度", "服务对象满意度指标"),
            "服务对象满意度指标"
        );
    }

    #[test]
    fn other_months_get_their_own_columns() {
        let mut p = project(sample_indicators());
        p.plan.insert(
            1,
            Checkpoint {
                month: 9,
                percent: d("60"),
            },
        );
        let l = layout(&sheet(vec![p]));
        let t = &l.projects[0].table;
        assert!(t.is_consistent());
        assert_eq!(
            texts(&t.rows[3]),
            [
                "资金支出计划（%）",
                "3月底",
                "6月底",
                "9月底",
                "10月底",
                "12月底"
            ]
        );
        assert_eq!(texts(&t.rows[4]), ["25.00", "", "60", "", "100.00"]);
    }

    #[test]
    fn nested_sources_are_summed_and_detailed() {
        let mut p = project(sample_indicators());
        p.budget.sources = vec![
            source(
                "财政资金",
                "70.00",
                vec![
                    source("一般公共预算", "50.00", vec![]),
                    source("政府性基金预算", "20.00", vec![]),
                ],
            ),
            source("单位资金", "5.00", vec![]),
            source("上年结转", "3", vec![]),
        ];
        let l = layout(&sheet(vec![p]));
        let t = &l.projects[0].table;
        assert_eq!(texts(&t.rows[1])[4], "70.00");
        assert_eq!(texts(&t.rows[1])[6], "8.00");
        assert_eq!(
            t.rows[2].cells[0].lines,
            [
                "根据合同支付",
                "资金来源：财政资金 70.00（一般公共预算 50.00，政府性基金预算 20.00），单位资金 5.00，上年结转 3"
            ]
        );
        let (f, o) = split_sources(&[source("一般公共预算", "1.5", vec![])]);
        assert_eq!((f, o), (Some(d("1.5")), None));
    }

    #[test]
    fn optional_columns_agency_and_period() {
        let mut inds = sample_indicators();
        inds[0].weight = Some(d("30"));
        inds[1].last_year = Some(Box::new(target("95%")));
        inds[2].core = true;
        let mut p = project(inds);
        p.agency = Some("某某中心".into());
        p.period = Some(crate::model::Period {
            text: Some("2020-2022".into()),
            goals: vec!["三年目标".into()],
            indicators: vec![],
        });
        let l = layout(&sheet(vec![p]));
        let t = &l.projects[0].table;
        assert!(t.is_consistent(), "{t:#?}");
        let rows: Vec<Vec<String>> = t.rows.iter().map(texts).collect();
        // The body's own name is not printed as its 主管部门.
        assert_eq!(rows[1], ["实施单位", "某某中心"]);
        assert_eq!(rows[7], ["实施期", "2020-2022"]);
        assert_eq!(rows[8], ["实施期绩效目标", "1、三年目标"]);
        assert_eq!(
            rows[9],
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "绩效指标描述",
                "指标值",
                "上年实际值",
                "指标值确定依据",
                "权重"
            ]
        );
        assert_eq!(rows[10][7], "30");
        assert_eq!(rows[11][5], "95%");
        assert_eq!(rows[12][2], "★满意度");
    }

    #[test]
    fn stated_facts_print_and_nothing_else() {
        let mut inds = sample_indicators();
        inds[0].basis = Some("计划标准".into());
        inds[0].explanation = Some("到位资金/预算资金".into());
        inds[1].core = true;
        inds[1].core_level = Some(3);
        if let Some(t) = inds[2].target.as_mut() {
            t.direction = Some(crate::model::Direction::Positive);
        }
        inds[2].fields.push(crate::model::Field {
            name: "数据来源".into(),
            value: "问卷".into(),
        });
        let mut p = project(inds.clone());
        p.code = None;
        p.agency = Some("某某中心".into());
        p.agency_code = Some("027001".into());
        p.supervisor = Some(crate::model::Party {
            code: Some("027".into()),
            name: "某某局".into(),
        });
        p.term = Some("2025年1月1日-2025年12月31日".into());
        p.total_budget = Some(Budget {
            total: d("300"),
            sources: vec![source("财政资金", "200", vec![])],
            partial: true,
        });
        p.period = Some(crate::model::Period {
            text: None,
            goals: vec![],
            indicators: vec![inds[0].clone()],
        });
        p.review = Some("同意".into());
        let mut sh = sheet(vec![p]);
        // A published 项目支出绩效目标表 prints the columns it fills.
        sh.department.form = Some(FormKind::Publication);
        let l = layout(&sh);
        assert_eq!(l.head.title, "项目支出绩效目标表（2020年度）");
        assert_eq!(l.head.part_two_heading, None);
        let t = &l.projects[0].table;
        assert!(t.is_consistent(), "{t:#?}");
        let rows: Vec<Vec<String>> = t.rows.iter().map(texts).collect();
        assert_eq!(rows[0], ["项目名称", "“创意之家”租赁费"]);
        assert_eq!(
            rows[1],
            ["主管部门", "[027]某某局", "实施单位", "[027001]某某中心"]
        );
        assert_eq!(rows[2], ["项目起止时间", "2025年1月1日-2025年12月31日"]);
        assert_eq!(
            rows[3],
            [
                "预算规模及资金用途",
                "项目总预算",
                "300",
                "其中：财政资金",
                "200",
                "其他资金",
                ""
            ]
        );
        assert_eq!(
            rows[5],
            ["根据合同支付\n项目总预算资金来源：其中财政资金 200"]
        );
        let header = [
            "一级指标",
            "二级指标",
            "三级指标",
            "绩效指标描述",
            "指标方向",
            "指标值",
            "指标值确定依据",
            "指标解释",
            "数据来源",
        ];
        // No 绩效指标描述 left empty: only the given indicators fill it.
        let at = rows.iter().position(|r| r == &["实施期绩效指标"]).unwrap();
        assert_eq!(rows[at + 1], header);
        assert_eq!(rows[at + 3], ["年度绩效指标"]);
        assert_eq!(rows[at + 4], header);
        assert_eq!(rows[at + 6][2], "★★★长期使用性");
        assert_eq!(rows.last().unwrap(), &["审核意见", "同意"]);
    }

    #[test]
    fn every_plan_length_gives_a_consistent_grid() {
        for n in 1..=12u32 {
            let mut p = project(sample_indicators());
            p.plan = (1..=n)
                .map(|m| Checkpoint {
                    month: m,
                    percent: d("10"),
                })
                .collect();
            let l = layout(&sheet(vec![p]));
            assert!(l.projects[0].table.is_consistent(), "{n} months");
        }
        let l = layout(&sheet(vec![project(vec![])]));
        assert!(l.projects[0].table.is_consistent());
    }

    #[test]
    fn forbidden_characters_are_replaced() {
        assert_eq!(clean("a\u{1}b\tc\u{FFFF}"), "a\u{FFFD}b\tc\u{FFFD}");
        assert!(matches!(clean("好"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn part_one_sections_are_numbered() {
        let mut s = sheet(vec![]);
        s.overall.summary = Some("总体".into());
        s.overall.measures = vec!["措施一".into(), "措施二".into()];
        let l = layout(&s);
        let one = l.head.part_one.unwrap();
        assert_eq!(one.sections[0].heading, "（一）总体绩效目标：");
        assert_eq!(one.sections[1].heading, "（二）工作保障措施：");
        assert_eq!(one.sections[1].paragraphs, ["1、措施一", "2、措施二"]);
        assert!(layout(&sheet(vec![])).head.part_one.is_none());
    }
}
