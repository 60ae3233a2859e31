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
//!
//! This file holds the walk and the state; `lines` reads lines, `rows`
//! reads table rows.

mod lines;
mod narrative;
mod rows;
mod tasks;

use super::budget::Budgets;
use super::draft::{Department, Draft, Note, Project, Why};
use super::grid::{Block, Grid, Origin, Placed, Table};
use super::indicators;
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
    /// `项目负责人：…` printed above the project's table.
    pending_leader: Option<(String, Origin)>,
    /// The 年度主要任务 block open in the current table.
    tasks: Option<Tasks>,
    /// The project last described in words (`1.“…”项目。`).
    narrative: Option<usize>,
    /// Projects described in words, with the budget as the words state it
    /// (`年度预算安排`, when they do): a table of the same name continues
    /// them and its budget, more detailed, comes first.
    described: Vec<(usize, Option<String>)>,
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
        let mut p = Project::default();
        if let Some((l, _)) = self.pending_leader.take() {
            let (name, phone) = super::values::leader(&l);
            p.leader = Some(name);
            p.phone = phone;
        }
        self.d.projects.push(p);
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
        let described = self.described.iter().find(|d| d.0 == i).cloned();
        let p = &mut self.d.projects[i];
        match (described, annual) {
            (Some((_, words)), Some(table)) => {
                // The words' budget, when the table's differs, stays a field.
                let old = p.budget.replace(table);
                if let (Some(old), Some(words)) = (old, words) {
                    if !p.budget.as_ref().is_some_and(|b| same_budget(b, &old)) {
                        p.fields.push(("年度预算安排".to_string(), words));
                    }
                }
            }
            (_, annual) => p.budget = p.budget.take().or(annual),
        }
        let mut seen = Vec::new();
        p.goals.retain(|g| {
            let new = !seen.contains(g);
            seen.push(g.clone());
            new
        });
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
    // Tables

    fn end_table(&mut self) {
        self.block = None;
        self.tasks = None;
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
            self.tasks = None;
            return;
        }
        if self.task_row(t, r) || self.task_header(t, r) {
            return;
        }
        if let Some(block) = self.block.as_mut() {
            if block.refine(t, r) {
                return;
            }
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

    // -----------------------------------------------------------------
    // The end

    fn finish(mut self) -> Draft {
        self.close_project();
        if let Some((text, origin)) = self.pending_leader.take() {
            self.note(Some(origin), &text, Why::UnknownParagraph);
        }
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

/// What a column of the 年度主要任务 block holds (see `tasks`).
#[derive(Clone, Debug, PartialEq, Eq)]
enum TaskCol {
    Name,
    Content,
    Total,
    Source(String),
}

/// The columns of an open 年度主要任务 block: first grid column, span,
/// meaning.
#[derive(Clone, Debug, Default)]
struct Tasks {
    columns: Vec<(usize, usize, TaskCol)>,
}

/// Whether two budgets state the same amounts (`634` and `634.00`).
fn same_budget(a: &super::draft::Budget, b: &super::draft::Budget) -> bool {
    use std::str::FromStr;
    let num = |s: &Option<String>| {
        s.as_deref()
            .and_then(|x| rust_decimal::Decimal::from_str(x).ok())
    };
    let sources = |x: &super::draft::Budget| -> Vec<(String, Option<rust_decimal::Decimal>)> {
        x.sources
            .iter()
            .map(|s| (s.name.clone(), num(&Some(s.amount.clone()))))
            .collect()
    };
    num(&a.total) == num(&b.total) && num(&a.total).is_some() && sources(a) == sources(b)
}

/// Whether a project holds nothing but its name.
fn heading_only(p: &Project) -> bool {
    let named = Project {
        name: p.name.clone(),
        ..Project::default()
    };
    *p == named
}
