//! What the recognizer reads from a grid, statement by statement, before
//! it is written as `.jx`: texts as found (amounts as decimal strings, a
//! target as its sign and value), and the notes of what could not be
//! placed, each kept where it was found.

use super::grid::Origin;
use crate::diag::Lang;
use crate::lang::choices::FormKind;

/// Something the recognizer found and could not place, or a fact it had
/// to assume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Where in the input, when it is one place.
    pub origin: Option<Origin>,
    /// The text as found (empty for a missing fact).
    pub text: String,
    pub why: Why,
}

/// Why a note was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// A paragraph the form does not explain.
    UnknownParagraph,
    /// A row of a table whose labels the form does not know.
    UnknownRow,
    /// A cell beside known ones that belongs to none of them.
    UnknownCell,
    /// An indicator row without its level-1 category.
    NoCategory,
    /// An indicator row without the indicator's name.
    NoIndicatorName,
    /// An amount that is not a number.
    NotAnAmount,
    /// A month of the spending plan that is not one.
    NotAMonth,
    /// Text before the form's title (a web page's header, …).
    BeforeForm,
    /// The year of the sheet is nowhere.
    NoYear,
    /// No money unit anywhere: 万元 assumed.
    UnitAssumed,
    /// The body's name is nowhere.
    NoDepartment,
    /// A project without 预算数.
    NoBudget,
    /// A project whose name is nowhere (a copy that starts mid-table).
    NoProjectName,
    /// A table whose last row stops short: the copy is cut there.
    CutOff,
    /// A table between projects that belongs to none.
    OutsideProject,
    /// The columns of the budget do not tell each source's heading.
    SourceClasses,
    /// A table of a column workbook whose header row names no known kind
    /// of record.
    UnknownTable,
}

impl Why {
    pub fn text(&self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Why::UnknownParagraph => ("未识别的段落", "paragraph not recognised"),
            Why::UnknownRow => ("未识别的行", "row not recognised"),
            Why::UnknownCell => ("不属于任何栏目的单元格", "cell belonging to no field"),
            Why::NoCategory => ("指标缺少一级指标", "indicator without its level-1 category"),
            Why::NoIndicatorName => ("指标缺少名称（三级指标）", "indicator without a name"),
            Why::NotAnAmount => ("金额不是数字", "amount is not a number"),
            Why::NotAMonth => (
                "支出计划的月份无法识别",
                "month of the spending plan not recognised",
            ),
            Why::BeforeForm => ("表头之前的文字", "text before the form's title"),
            Why::NoYear => ("未找到年度，请补上 year", "no year found: add `year`"),
            Why::UnitAssumed => (
                "未写金额单位，按万元导入，请核对",
                "no money unit stated: 万元 assumed, please check",
            ),
            Why::NoDepartment => (
                "未找到单位名称，请补上",
                "no name of the body found: please fill it in",
            ),
            Why::NoBudget => ("项目缺少预算数", "project without its budget"),
            Why::CutOff => (
                "表格在此行中断（原文不全），项目已标为 truncated",
                "the table is cut off in this row: the project is marked `truncated`",
            ),
            Why::NoProjectName => (
                "未找到项目名称（表头缺失），请补上",
                "no name of the project found (its head is missing): please fill it in",
            ),
            Why::OutsideProject => ("不属于任何项目的表格", "table belonging to no project"),
            Why::UnknownTable => (
                "未识别的表格（找不到指标、项目或部门整体的表头行）",
                "table not recognised (no header row of indicators, projects or the body)",
            ),
            Why::SourceClasses => (
                "资金来源与财政资金、其他资金两栏对不上",
                "fund sources do not match the 财政资金 and 其他资金 columns",
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A body with its code, as `[015001]名称` prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Party {
    pub code: Option<String>,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub amount: String,
    pub sources: Vec<Source>,
    pub partial: bool,
    /// `财政资金` or `其他资金`, when the class must be stated.
    pub class: Option<&'static str>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Budget {
    pub total: Option<String>,
    pub sources: Vec<Source>,
    pub partial: bool,
}

/// A target as the form prints it: the value, and the sign when a column
/// prints it apart (`≥`, `定性`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    pub sign: Option<String>,
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Indicator {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: Option<Target>,
    pub description: Option<String>,
    pub basis: Option<String>,
    pub weight: Option<String>,
    pub last: Option<Target>,
    pub explanation: Option<String>,
    pub scoring: Option<String>,
    /// A core mark: its number of ★ (1 for a plain `core`).
    pub core: Option<usize>,
    /// The ★ are the sheet's grade (`core ★`), not a mark of a plain
    /// `core`.
    pub graded: bool,
    pub direction: Option<String>,
    pub nature: Option<String>,
    pub fields: Vec<(String, String)>,
    /// The indicator's identity (指标编码, `id`).
    pub id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Period {
    pub text: Option<String>,
    pub goals: Vec<String>,
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    pub code: Option<String>,
    pub name: Option<String>,
    pub supervisor: Option<Party>,
    pub agency: Option<Party>,
    pub project_type: Option<String>,
    pub attribute: Option<String>,
    pub term: Option<String>,
    pub leader: Option<String>,
    pub phone: Option<String>,
    pub function: Option<String>,
    pub documents: Vec<String>,
    pub fields: Vec<(String, String)>,
    pub total_budget: Option<Budget>,
    pub budget: Option<Budget>,
    pub purpose: Option<String>,
    pub plan: Vec<(u32, String)>,
    pub goals: Vec<String>,
    pub period: Option<Period>,
    pub indicators: Vec<Indicator>,
    /// `score ITEM POINTS`, in the order found.
    pub scores: Vec<(String, String)>,
    pub review: Option<String>,
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overall {
    pub summary: Vec<String>,
    pub objectives: Vec<(String, String)>,
    pub measures: Vec<String>,
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Department {
    pub code: Option<String>,
    pub name: Option<String>,
    pub year: Option<i32>,
    pub unit: Option<&'static str>,
    /// The indicator framework, when the input names it (else guessed from
    /// the categories).
    pub framework: Option<String>,
    pub form: Option<FormKind>,
    pub title: Option<String>,
    pub supervisor: Option<Party>,
    pub budget: Option<Budget>,
    pub filer: Option<String>,
    pub date: Option<String>,
    pub review: Option<String>,
    pub fields: Vec<(String, String)>,
}

/// The whole sheet as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub department: Department,
    pub overall: Overall,
    pub projects: Vec<Project>,
    /// Notes before the department (text before the form, missing facts).
    pub head_notes: Vec<Note>,
    /// Notes of the overall part.
    pub overall_notes: Vec<Note>,
}

impl Draft {
    /// Every indicator: the body's, then each project's long-term and
    /// annual ones.
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.overall
            .indicators
            .iter()
            .chain(self.projects.iter().flat_map(|p| {
                p.indicators
                    .iter()
                    .chain(p.period.iter().flat_map(|x| &x.indicators))
            }))
    }

    /// Every note, in the order the sheet prints them.
    pub fn notes(&self) -> Vec<&Note> {
        self.head_notes
            .iter()
            .chain(&self.overall_notes)
            .chain(self.projects.iter().flat_map(|p| &p.notes))
            .collect()
    }
}
