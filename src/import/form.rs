//! The recognizer: reads the 绩效目标表 from a grid by its labels.
//!
//! It walks the document's blocks in order. Lines (paragraphs, and table
//! rows holding one cell across the table) are titles, headings, the body
//! line with its money unit, facts of the body, or the texts of 第一部分.
//! Rows of tables are read as labels followed by their values (a label
//! with no value beside it takes the cell below it), with three kinds of
//! rows read apart: the budget (totals and sources, see `budget`), the
//! spending plan (months over percentages) and the indicator block (see
//! `indicators`). A project starts at its heading (`1、…绩效目标表`) or at
//! a 项目名称 / 项目编码 label once the project before it has one. Whatever
//! fits nowhere becomes a note where it was found.

use super::budget::Budgets;
use super::draft::{Department, Draft, Indicator, Note, Party, Project, Why};
use super::grid::{Block, Cell, Grid, Origin, Placed, Table};
use super::indicators;
use super::labels::{label, normalise, source_is_annual, source_label, BudgetKind, Group, Label};
use super::values::{self, amount, convert, numbered, party};
use std::collections::HashSet;

/// Read a grid.
pub fn recognise(grid: &Grid) -> Draft {
    let mut r = Recognizer::default();
    for block in &grid.blocks {
        match block {
            Block::Para(p) => {
                r.end_table();
                r.line(&p.text, p.origin.clone());
            }
            Block::Table(t) => {
                r.table(t);
                r.end_table();
            }
        }
    }
    r.finish()
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Stage {
    /// Before the form's title: a web page's header, …
    #[default]
    BeforeTitle,
    /// After the title, before the first part or project.
    Head,
    PartOne(Section),
    /// The projects.
    Body,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Summary,
    Objectives,
    Measures,
    Indicators,
    Other,
}

#[derive(Default)]
struct Recognizer {
    d: Draft,
    stage: Stage,
    /// The project being read (an index of `d.projects`).
    project: Option<usize>,
    /// The project's name is its heading's (`1、…绩效目标表`): the 项目名称
    /// of the table that follows is the same project's.
    name_from_heading: bool,
    budgets: Budgets,
    /// The indicator block open in the current table.
    block: Option<indicators::Block>,
    /// Indicators go to the project's period (after `实施期绩效指标`).
    long_term: bool,
    /// Cells of the current table already read as the value of a label
    /// above them, and rows read with the row above (plan percentages).
    used: HashSet<usize>,
    used_rows: HashSet<usize>,
    /// Units seen: the sheet's, and amounts in another unit converted.
    unit: Option<&'static str>,
    /// Points of the annual section (`年度绩效指标（90分）`) seen before the
    /// indicators of its project.
    pending_scores: Vec<(String, String)>,
    /// The body named in the title before the year, the body's name when
    /// no line gives it.
    title_body: Option<String>,
}

impl Recognizer {
    // -----------------------------------------------------------------
    // Projects and notes

    fn project(&mut self) -> &mut Project {
        if self.project.is_none() {
            self.new_project();
        }
        let i = self.project.unwrap_or(0);
        &mut self.d.projects[i]
    }

    fn new_project(&mut self) {
        self.close_project();
        self.d.projects.push(Project::default());
        self.project = Some(self.d.projects.len() - 1);
        self.name_from_heading = false;
        self.long_term = false;
        self.stage = Stage::Body;
    }

    /// Settle the budgets of the project being read.
    fn close_project(&mut self) {
        let budgets = std::mem::take(&mut self.budgets);
        let Some(i) = self.project else {
            return;
        };
        let (annual, total, why) = budgets.finish();
        let p = &mut self.d.projects[i];
        p.budget = p.budget.take().or(annual);
        p.total_budget = p.total_budget.take().or(total);
        for w in why {
            p.notes.push(Note {
                origin: None,
                text: String::new(),
                why: w,
            });
        }
    }

    fn note(&mut self, origin: Option<Origin>, text: &str, why: Why) {
        let note = Note {
            origin,
            text: text.to_string(),
            why,
        };
        match (self.project, self.stage) {
            (Some(i), _) => self.d.projects[i].notes.push(note),
            (None, Stage::PartOne(_)) => self.d.overall_notes.push(note),
            (None, _) => self.d.head_notes.push(note),
        }
    }

    fn dept(&mut self) -> &mut Department {
        &mut self.d.department
    }

    // -----------------------------------------------------------------
    // Lines

    fn line(&mut self, text: &str, origin: Origin) {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if flat.is_empty() {
            return;
        }
        if let Some(t) = values::title(text) {
            self.title(text, t);
            return;
        }
        if flat.starts_with("第一部分") {
            // A table of contents lists the projects' headings before it.
            self.close_project();
            self.project = None;
            self.stage = Stage::PartOne(Section::Other);
            return;
        }
        if flat.starts_with("第二部分") {
            self.stage = Stage::Body;
            return;
        }
        if flat == "目录" || is_chart_caption(&flat) {
            // Our page's table of contents and the captions of its charts
            // (which restate the tables), as a word processor keeps them.
            return;
        }
        if let Some(name) = project_heading(&flat) {
            // Our own heading: the table that follows is this project's.
            self.new_project();
            self.project().name = Some(name);
            self.name_from_heading = true;
            return;
        }
        if self.body_line(text) {
            return;
        }
        if self.fact(text) {
            return;
        }
        match self.stage {
            Stage::BeforeTitle => self.note(Some(origin), text, Why::BeforeForm),
            Stage::Head => self.head_line(text, origin),
            Stage::PartOne(section) => self.part_one(section, text, origin),
            Stage::Body => self.body_heading(&flat, text, origin),
        }
    }

    fn title(&mut self, text: &str, t: values::Title) {
        if self.stage == Stage::BeforeTitle {
            self.stage = Stage::Head;
        }
        // Pages printing one form per project repeat the title: what
        // follows is the next project's.
        if self.stage == Stage::Body && self.project.is_some() {
            self.close_project();
            self.project = None;
        }
        let dept = &mut self.d.department;
        if dept.year.is_none() {
            dept.year = t.year;
        }
        if let Some(form) = t.form {
            if dept.form.is_none() {
                dept.form = Some(form);
                if !t.exact {
                    dept.title = Some(text.trim().to_string());
                    // `武汉市青山区教育局2020年项目支出绩效目标表`: the body
                    // before the year.
                    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                    let body = t
                        .year
                        .and_then(|y| flat.split_once(&format!("{y}年")))
                        .map(|(b, _)| b.to_string())
                        .filter(|b| b.chars().count() >= 2);
                    self.title_body = body;
                }
            }
        }
    }

    /// `430002秦皇岛市北戴河区机关事务管理局 单位：万元` (our tables' line) or
    /// `单位：万元` alone.
    fn body_line(&mut self, text: &str) -> bool {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut found = None;
        for unit in ["万元", "元"] {
            for lead in ["金额单位：", "金额单位:", "单位：", "单位:"] {
                let tail = format!("{lead}{unit}");
                if let Some(head) = flat.strip_suffix(&tail) {
                    found = Some((head.to_string(), if unit == "元" { "元" } else { "万元" }));
                    break;
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Some((head, unit)) = found else {
            return false;
        };
        if self.unit.is_none() {
            self.unit = Some(unit);
        }
        if !head.is_empty() {
            // The body's code glued before its name.
            let known = self.d.department.name.clone();
            match known {
                Some(name) => {
                    if let Some(code) = head.strip_suffix(name.as_str()) {
                        if !code.is_empty() && self.d.department.code.is_none() {
                            self.d.department.code = Some(code.to_string());
                        }
                    }
                }
                None => {
                    let p = party(&head);
                    let split = head
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .filter(|i| *i > 0);
                    let (code, name) = match split {
                        Some(i) if p.code.is_none() => {
                            (Some(head[..i].to_string()), head[i..].to_string())
                        }
                        _ => (p.code, p.name),
                    };
                    self.d.department.code = code;
                    self.d.department.name = Some(name);
                }
            }
        }
        true
    }

    /// `主管部门：…`, `部门预算总额：…`, `填报单位：…`, `填报日期：…`,
    /// `审核意见：…`: the body's facts.
    fn fact(&mut self, text: &str) -> bool {
        let Some((key, value)) = text.split_once(['：', ':']) else {
            return false;
        };
        let key: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        let value = value.trim().to_string();
        match key.as_str() {
            "主管部门" => self.dept().supervisor = Some(party(&value)),
            "部门预算总额" => {
                let budget = self.department_budget(&value);
                self.dept().budget = budget;
            }
            "填报单位" => self.dept().filer = Some(value),
            "单位名称" | "部门名称" | "预算单位" if self.d.department.name.is_none() => {
                self.dept().name = Some(value)
            }
            "单位编码" | "部门编码" | "单位代码" if self.d.department.code.is_none() => {
                self.dept().code = Some(value)
            }
            "填报日期" => self.dept().date = Some(value),
            "审核意见" if self.project.is_none() => self.dept().review = Some(value),
            _ => return false,
        }
        true
    }

    /// `100万元（财政资金 60，其他资金 40）` as our head prints it.
    fn department_budget(&mut self, text: &str) -> Option<super::draft::Budget> {
        let (head, detail) = match text.split_once('（') {
            Some((h, d)) => (h, Some(d.trim_end_matches('）'))),
            None => (text, None),
        };
        let a = amount(head).ok().flatten()?;
        if self.unit.is_none() {
            self.unit = a.unit;
        }
        let mut budget = super::draft::Budget {
            total: Some(a.number),
            ..Default::default()
        };
        if let Some(d) = detail {
            if let Some((partial, sources)) = values::source_detail(&format!("资金来源：{d}"))
            {
                budget.partial = partial;
                budget.sources = sources;
            }
        }
        Some(budget)
    }

    fn head_line(&mut self, text: &str, origin: Origin) {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if self.d.department.name.is_none()
            && !flat.contains(['：', ':'])
            && flat.chars().count() <= 40
        {
            self.d.department.name = Some(text.trim().to_string());
            return;
        }
        if let Some((k, v)) = field(text) {
            self.d.department.fields.push((k, v));
            return;
        }
        self.note(Some(origin), text, Why::UnknownParagraph);
    }

    fn part_one(&mut self, section: Section, text: &str, origin: Origin) {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(s) = section_heading(&flat) {
            self.stage = Stage::PartOne(s);
            return;
        }
        let o = &mut self.d.overall;
        match section {
            Section::Summary => o.summary.push(text.to_string()),
            Section::Objectives => match values::numbered_paragraph(text) {
                Some((_, rest)) if rest.contains('：') => {
                    let (title, body) = rest.split_once('：').unwrap_or((rest, ""));
                    o.objectives.push((title.to_string(), body.to_string()));
                }
                _ => self.part_one_other(text, origin),
            },
            Section::Measures => match values::numbered_paragraph(text) {
                Some((_, rest)) => o.measures.push(rest.to_string()),
                None => self.part_one_other(text, origin),
            },
            Section::Indicators | Section::Other => self.part_one_other(text, origin),
        }
    }

    /// A line of the first part that is none of its items: a field of the
    /// body (`联系人：…`, printed after 第一部分 in Word), else a note.
    fn part_one_other(&mut self, text: &str, origin: Origin) {
        match field(text) {
            Some((k, v)) => self.d.department.fields.push((k, v)),
            None => self.note(Some(origin), text, Why::UnknownParagraph),
        }
    }

    /// A heading between the rows of a project: 实施期绩效指标, 年度绩效指标
    /// (with its points).
    fn body_heading(&mut self, flat: &str, text: &str, origin: Origin) {
        let (head, points) = values::level_points(flat);
        match head.as_str() {
            "实施期绩效指标" | "长期绩效指标" | "中长期绩效指标" => {
                self.long_term = true
            }
            "年度绩效指标" => {
                self.long_term = false;
                if let Some(p) = points {
                    if self.project.is_some() {
                        self.project().scores.push(("年度绩效指标".into(), p));
                    } else {
                        self.pending_scores.push(("年度绩效指标".into(), p));
                    }
                }
            }
            "绩效项目指标表" | "绩效指标" | "绩效指标表" => {}
            _ => self.note(Some(origin), text, Why::UnknownParagraph),
        }
    }

    // -----------------------------------------------------------------
    // Tables

    fn end_table(&mut self) {
        self.block = None;
        self.used.clear();
        self.used_rows.clear();
    }

    fn table(&mut self, t: &Table) {
        for r in 0..t.rows() {
            if self.used_rows.contains(&r) {
                continue;
            }
            let placed = t.row(r);
            // A row of one cell across the table reads as a line.
            if let [only] = placed.as_slice() {
                if only.first && only.cell.col_span == t.width && t.width > 1 {
                    if !only.cell.text.trim().is_empty() {
                        self.block = None;
                        self.line(&only.cell.text, t.origin(only.cell));
                    }
                    continue;
                }
            }
            self.row(t, r, &placed);
        }
    }

    fn row(&mut self, t: &Table, r: usize, placed: &[Placed<'_>]) {
        let starting: Vec<&Placed<'_>> = placed
            .iter()
            .filter(|p| p.first && !self.used.contains(&p.index))
            .collect();
        if starting.iter().all(|p| p.cell.text.trim().is_empty()) {
            return;
        }
        if let Some(block) = indicators::header(t, r) {
            self.block = Some(block);
            return;
        }
        if let Some(mut block) = self.block.take() {
            if let Some(read) = block.row(t, r) {
                self.block = Some(block);
                self.indicator_row(read);
                return;
            }
        }
        self.pairs(t, r, placed, &starting);
    }

    fn indicator_row(&mut self, read: indicators::Row) {
        let in_overall = matches!(self.stage, Stage::PartOne(_)) && self.project.is_none();
        if in_overall {
            self.d.overall.indicators.extend(read.annual);
            self.d.overall.indicators.extend(read.long);
        } else {
            let long_term = self.long_term;
            let pending = std::mem::take(&mut self.pending_scores);
            let p = self.project();
            p.scores.extend(pending);
            let (annual, long): (Vec<Indicator>, Vec<Indicator>) = if long_term {
                (
                    Vec::new(),
                    read.annual.into_iter().chain(read.long).collect(),
                )
            } else {
                (read.annual, read.long)
            };
            p.indicators.extend(annual);
            if !long.is_empty() {
                p.period
                    .get_or_insert_with(Default::default)
                    .indicators
                    .extend(long);
            }
            for s in read.scores {
                if !p.scores.contains(&s) {
                    p.scores.push(s);
                }
            }
        }
        for n in read.notes {
            let text = n.text.clone();
            self.note(n.origin, &text, n.why);
        }
    }

    /// A row of labels and values.
    fn pairs(&mut self, t: &Table, r: usize, placed: &[Placed<'_>], starting: &[&Placed<'_>]) {
        // `项目资金(万元)`: the unit of the amounts beside it.
        for p in starting {
            if let Some(u) = normalise(&p.cell.text).unit {
                self.unit.get_or_insert(u);
            }
        }
        let group = placed
            .iter()
            .find_map(|p| match label(&normalise(&p.cell.text).text) {
                Some(Label::Group(g)) => Some(g),
                _ => None,
            });
        let cells: Vec<&Cell> = starting
            .iter()
            .map(|p| p.cell)
            .filter(|c| !matches!(label(&normalise(&c.text).text), Some(Label::Group(_))))
            .collect();
        let is_label = |c: &Cell| label(&normalise(&c.text).text).is_some();
        // A row of no label of the form before any project is no part of
        // it: a web page's table of metadata, a letterhead.
        let names_project = cells.iter().any(|c| {
            matches!(
                label(&normalise(&c.text).text),
                Some(Label::ProjectName | Label::ProjectCode)
            )
        });
        let before = self.stage == Stage::BeforeTitle && !names_project;
        if before || self.project.is_none() && !cells.iter().any(|c| is_label(c)) {
            let why = if self.stage == Stage::BeforeTitle {
                Why::BeforeForm
            } else {
                Why::UnknownRow
            };
            self.row_note(t, &cells, why);
            return;
        }
        // Our purpose row: one value under the budget's label.
        if group == Some(Group::Budget) && cells.len() == 1 && !is_label(cells[0]) {
            self.purpose_cell(cells[0]);
            return;
        }
        let mut i = 0;
        while i < cells.len() {
            let c = cells[i];
            let n = normalise(&c.text);
            let mut j = i + 1;
            while j < cells.len() && !is_label(cells[j]) {
                j += 1;
            }
            let values: Vec<&Cell> = cells[i + 1..j].to_vec();
            match label(&n.text) {
                Some(l) => {
                    let values = if values.is_empty() {
                        self.below(t, r, c).into_iter().collect()
                    } else {
                        values
                    };
                    self.apply(t, r, l, c, &values);
                }
                None if c.text.trim().is_empty() => {
                    for v in &values {
                        if !v.text.trim().is_empty() {
                            self.note(Some(t.origin(v)), &v.text, Why::UnknownCell);
                        }
                    }
                }
                None if i == 0 && !values.is_empty() && is_field_name(&n.text) => {
                    self.unknown_label(t, r, c, &values, group);
                }
                None => {
                    let mut all = vec![c];
                    all.extend(values.iter().copied());
                    let why = if i == 0 {
                        Why::UnknownRow
                    } else {
                        Why::UnknownCell
                    };
                    self.row_note(t, &all, why);
                }
            }
            i = j;
        }
    }

    /// One note for cells read together: where the first stands, and their
    /// texts joined by ` | `.
    fn row_note(&mut self, t: &Table, cells: &[&Cell], why: Why) {
        let texts: Vec<&Cell> = cells
            .iter()
            .copied()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        let Some(first) = texts.first() else {
            return;
        };
        let text = texts
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        self.note(Some(t.origin(first)), &text, why);
    }

    /// The value of a label printed above it: the cell starting below in
    /// the same column, when it is no label.
    fn below<'t>(&mut self, t: &'t Table, r: usize, c: &Cell) -> Option<&'t Cell> {
        let below = t
            .row(r + 1)
            .into_iter()
            .find(|p| p.first && p.cell.col == c.col)?;
        if label(&normalise(&below.cell.text).text).is_some() || self.used.contains(&below.index) {
            return None;
        }
        self.used.insert(below.index);
        Some(below.cell)
    }

    /// A label the form does not know, followed by values: a source in the
    /// budget's rows when it holds an amount, else a field of the project.
    fn unknown_label(
        &mut self,
        t: &Table,
        r: usize,
        c: &Cell,
        values: &[&Cell],
        group: Option<Group>,
    ) {
        let name: String = c.text.chars().filter(|ch| !ch.is_whitespace()).collect();
        let value = join(values);
        if group == Some(Group::Budget) && amount(&value).is_ok() {
            let name = name.trim_end_matches([':', '：']).to_string();
            self.source(t, r, c, &name, values);
            return;
        }
        let name = name.trim_end_matches([':', '：']).to_string();
        if value.is_empty() {
            return;
        }
        self.project().fields.push((name, value));
    }

    fn apply(&mut self, t: &Table, r: usize, l: Label, c: &Cell, values: &[&Cell]) {
        use Label::*;
        if !matches!(l, ProjectName | ProjectCode | Filer | FilingDate | Group(_)) {
            self.touch();
        }
        let text = join(values);
        let line = values::one_line(&text);
        let set = |slot: &mut Option<String>, v: &str| {
            if !v.is_empty() {
                *slot = Some(v.to_string());
            }
        };
        match l {
            Label::ProjectName => {
                let heading = self.name_from_heading;
                self.boundary(|p| p.name.is_some() && !heading);
                self.name_from_heading = false;
                set(&mut self.project().name, &line);
            }
            Label::ProjectCode => {
                self.boundary(|p| p.code.is_some());
                set(&mut self.project().code, &line);
            }
            Label::Supervisor if !line.is_empty() => self.project().supervisor = Some(party(&line)),
            Label::SupervisorCode if !line.is_empty() => {
                self.project()
                    .supervisor
                    .get_or_insert_with(Party::default)
                    .code = Some(line)
            }
            Label::SupervisorName if !line.is_empty() => {
                self.project()
                    .supervisor
                    .get_or_insert_with(Party::default)
                    .name = line
            }
            Label::Agency if !line.is_empty() => self.project().agency = Some(party(&line)),
            Label::AgencyCode if !line.is_empty() => {
                self.project()
                    .agency
                    .get_or_insert_with(Party::default)
                    .code = Some(line)
            }
            Label::ProjectType => set(&mut self.project().project_type, &line),
            Label::Attribute => set(&mut self.project().attribute, &line),
            Label::Term => set(&mut self.project().term, &line),
            Label::Leader if !line.is_empty() => {
                let (name, phone) = values::leader(&line);
                let p = self.project();
                p.leader = Some(name);
                if phone.is_some() {
                    p.phone = phone;
                }
            }
            Label::Phone => set(&mut self.project().phone, &line),
            Label::Function => set(&mut self.project().function, &line),
            Label::Documents if !line.is_empty() => {
                let docs = text
                    .split(['；', '\n'])
                    .map(str::trim)
                    .filter(|d| !d.is_empty());
                let docs: Vec<String> = docs.map(str::to_string).collect();
                self.project().documents.extend(docs);
            }
            Label::Total(kind) => {
                if let Ok(a) = self.amount_of(t, values) {
                    self.budgets.total(kind, r, c.col, a);
                }
            }
            Label::Source => {
                let name = normalise(&c.text).text;
                self.source(t, r, c, &name, values);
            }
            Label::Purpose if !text.is_empty() => self.purpose_cell(values[0]),
            Label::Plan => self.plan(t, r, values),
            Label::Goals => {
                let goals = numbered(&text);
                self.project().goals.extend(goals);
            }
            Label::PeriodGoals => {
                let goals = numbered(&text);
                if !goals.is_empty() {
                    let p = self.project();
                    p.period
                        .get_or_insert_with(Default::default)
                        .goals
                        .extend(goals);
                }
            }
            Label::PeriodText if !line.is_empty() => {
                self.project()
                    .period
                    .get_or_insert_with(Default::default)
                    .text = Some(line)
            }
            Label::Review => set(&mut self.project().review, &text),
            Label::Execution => {
                if let Some(p) = values::points(&line) {
                    self.project().scores.push(("预算执行率".into(), p));
                }
            }
            Label::Filer => set(&mut self.dept().filer, &line),
            Label::FilingDate => set(&mut self.dept().date, &line),
            _ => {}
        }
    }

    /// A row of the project's table was read: there is a project.
    fn touch(&mut self) {
        if self.project.is_none() {
            self.new_project();
        }
    }

    /// Start a new project at a name or code label when the current one
    /// already has what the label gives (`taken`).
    fn boundary(&mut self, taken: impl Fn(&Project) -> bool) {
        let open = match self.project {
            Some(i) => taken(&self.d.projects[i]),
            None => true,
        };
        if open {
            let scores = std::mem::take(&mut self.pending_scores);
            self.new_project();
            self.project().scores.extend(scores);
        }
    }

    /// The amount of a total or source cell, in the sheet's unit: `Ok(None)`
    /// when blank; an amount that is no number is a note.
    fn amount_of(&mut self, t: &Table, values: &[&Cell]) -> Result<Option<String>, ()> {
        let text = join(values);
        match amount(&text) {
            Ok(Some(a)) => {
                if self.unit.is_none() {
                    self.unit = a.unit;
                }
                Ok(Some(match (a.unit, self.unit) {
                    (Some(from), Some(to)) if from != to => convert(&a.number, from, to),
                    _ => a.number,
                }))
            }
            Ok(None) => Ok(None),
            Err(()) => {
                if let Some(c) = values.first() {
                    self.note(Some(t.origin(c)), &text, Why::NotAnAmount);
                }
                Err(())
            }
        }
    }

    fn source(&mut self, t: &Table, r: usize, c: &Cell, label_text: &str, values: &[&Cell]) {
        let name = source_label(label_text).unwrap_or_else(|| label_text.to_string());
        let annual = source_is_annual(label_text);
        self.touch();
        if let Ok(a) = self.amount_of(t, values) {
            self.budgets.source(&name, annual, r, c.col, a);
        }
    }

    /// The use of funds, with the detailed source lines our tables print
    /// under it.
    fn purpose_cell(&mut self, c: &Cell) {
        self.touch();
        let mut purpose: Vec<&str> = Vec::new();
        for line in c.text.lines() {
            if let Some(rest) = line.strip_prefix("项目总预算") {
                if let Some((partial, s)) = values::source_detail(rest) {
                    self.budgets.detail(BudgetKind::Total, partial, s);
                    continue;
                }
            }
            if let Some((partial, s)) = values::source_detail(line) {
                self.budgets.detail(BudgetKind::Annual, partial, s);
                continue;
            }
            purpose.push(line);
        }
        let text = purpose.join("\n").trim().to_string();
        if !text.is_empty() {
            self.project().purpose = Some(text);
        }
    }

    /// `资金支出计划（%）| 3月底 | 6月底 …` over the percentages below.
    fn plan(&mut self, t: &Table, r: usize, months: &[&Cell]) {
        self.touch();
        let below = t.row(r + 1);
        let mut read_below = false;
        for m in months {
            let Some(month) = values::month(&m.text) else {
                if !m.text.trim().is_empty() {
                    self.note(Some(t.origin(m)), &m.text, Why::NotAMonth);
                }
                continue;
            };
            let cell = below.iter().find(|p| p.first && p.cell.col == m.col);
            let Some(cell) = cell else { continue };
            read_below = true;
            self.used.insert(cell.index);
            let text = cell.cell.text.trim();
            if text.is_empty() {
                continue;
            }
            match values::percent(text) {
                Some(pct) => self.project().plan.push((month, pct)),
                None => self.note(Some(t.origin(cell.cell)), text, Why::NotAnAmount),
            }
        }
        if read_below {
            self.used_rows.insert(r + 1);
        }
    }

    // -----------------------------------------------------------------
    // The end

    fn finish(mut self) -> Draft {
        self.close_project();
        let mut d = self.d;
        // A project that is a heading alone, named again by a project read
        // in full, is an entry of a table of contents.
        let full: Vec<Option<String>> = d
            .projects
            .iter()
            .filter(|p| !heading_only(p))
            .map(|p| p.name.clone())
            .collect();
        d.projects
            .retain(|p| !(heading_only(p) && full.contains(&p.name)));
        for p in &mut d.projects {
            if p.budget.is_none() {
                p.notes.push(Note {
                    origin: None,
                    text: p.name.clone().unwrap_or_default(),
                    why: Why::NoBudget,
                });
            }
        }
        // Scores as the language lists them: the categories', then the
        // budget execution rate's, then the annual section's.
        for p in &mut d.projects {
            p.scores.sort_by_key(|(item, _)| match item.as_str() {
                "预算执行率" => 1,
                "年度绩效指标" => 2,
                _ => 0,
            });
        }
        let unit = self.unit;
        let dept = &mut d.department;
        dept.unit = unit;
        if dept.name.is_none() {
            dept.name = self.title_body.take();
        }
        if dept.name.is_none() {
            // Published project tables name the body only as the
            // projects' 主管部门 (or 实施单位).
            let from_projects = d
                .projects
                .iter()
                .find_map(|p| p.supervisor.as_ref().or(p.agency.as_ref()))
                .map(|p| p.name.clone());
            dept.name = from_projects;
        }
        // Our tables print the body's 主管部门 in each project that names
        // none of its own.
        if let Some(s) = &dept.supervisor {
            for p in &mut d.projects {
                if p.supervisor.as_ref() == Some(s) {
                    p.supervisor = None;
                }
            }
        }
        let mut missing = Vec::new();
        if dept.name.is_none() {
            missing.push(Why::NoDepartment);
        }
        if dept.year.is_none() {
            missing.push(Why::NoYear);
        }
        if dept.unit.is_none() {
            dept.unit = Some("万元");
            missing.push(Why::UnitAssumed);
        }
        for why in missing {
            d.head_notes.push(Note {
                origin: None,
                text: String::new(),
                why,
            });
        }
        d
    }
}

/// Whether a project holds nothing but its name.
fn heading_only(p: &Project) -> bool {
    let named = Project {
        name: p.name.clone(),
        ..Project::default()
    };
    *p == named
}

/// The captions of our page's charts: `…资金支出计划（累计%）` and
/// `各项目预算规模（单位：万元，合计 555.74）`, ending the chart's texts.
fn is_chart_caption(flat: &str) -> bool {
    if flat.ends_with("资金支出计划（累计%）") {
        return true;
    }
    flat.rsplit_once("各项目预算规模（单位：")
        .is_some_and(|(_, tail)| tail.ends_with('）') && tail.contains("合计"))
}

/// `1、“创意之家”租赁费绩效目标表`: the project's name.
fn project_heading(flat: &str) -> Option<String> {
    let digits = flat.find(|c: char| !c.is_ascii_digit())?;
    let rest = flat[digits..].strip_prefix('、')?;
    let name = rest.strip_suffix("绩效目标表")?;
    (digits > 0 && !name.is_empty()).then(|| name.to_string())
}

/// `（一）总体绩效目标：` and its kind.
fn section_heading(flat: &str) -> Option<Section> {
    let rest = if let Some(r) = flat.strip_prefix('（') {
        r.split_once('）')?.1
    } else {
        flat.split_once('、')?.1
    };
    let rest = rest.trim_end_matches(['：', ':']);
    Some(match rest {
        "总体绩效目标" => Section::Summary,
        "分项绩效目标" => Section::Objectives,
        "工作保障措施" | "保障措施" => Section::Measures,
        "部门整体绩效指标" | "整体绩效指标" => Section::Indicators,
        _ => return None,
    })
}

/// `联系人：张三`: a named field, when the name is short and plain.
fn field(text: &str) -> Option<(String, String)> {
    let (k, v) = text.split_once(['：', ':'])?;
    let k = k.trim();
    let v = v.trim();
    (is_field_name(k) && !v.is_empty()).then(|| (k.to_string(), v.to_string()))
}

/// A name a form gives a field: short, no sentence punctuation, no digits
/// leading.
fn is_field_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=20).contains(&n)
        && !name.contains(['，', '。', '；', ',', ';', '|', '“', '"'])
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// The texts of value cells, joined (one value in most forms; `2025-01-01 |
/// 到 | 2025-12-31` joins to one term).
fn join(values: &[&Cell]) -> String {
    values
        .iter()
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("")
}
