//! Where the facts of a checked sheet stand in its source: a tree of spans
//! parallel to the model (the `i`-th project of the map is the `i`-th
//! project of the sheet, and so on down to fund sources and indicators).
//! The model stays free of positions so that two years compare by value;
//! an editor or a report goes from a fact to its characters through this map.

use crate::source::Span;

/// The spans of a sheet's facts, parallel to [`super::Sheet`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// The department statement, when the sheet has one.
    pub department: Option<DepartmentSpans>,
    /// Parallel to `Sheet::overall` (its indicators).
    pub overall: Option<OverallSpans>,
    /// Parallel to `Sheet::projects`.
    pub projects: Vec<ProjectSpans>,
}

/// Where the department's facts stand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DepartmentSpans {
    /// The `department` keyword.
    pub head: Span,
    /// The code argument, when written.
    pub code: Option<Span>,
    /// The name argument.
    pub name: Span,
    /// The amount of the body's total budget, when given.
    pub budget: Option<Span>,
}

/// Where the overall part's facts stand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OverallSpans {
    /// The `overall` keyword.
    pub head: Span,
    /// Parallel to `Overall::indicators`.
    pub indicators: Vec<IndicatorSpans>,
}

/// Where a project's facts stand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectSpans {
    /// The whole `project … { … }` statement.
    pub stmt: Span,
    /// The `project` keyword.
    pub head: Span,
    /// The code argument, when written.
    pub code: Option<Span>,
    /// The name argument.
    pub name: Span,
    /// The budget's amounts.
    pub budget: BudgetSpans,
    /// Parallel to `Project::indicators`.
    pub indicators: Vec<IndicatorSpans>,
}

/// Where a budget's amounts stand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BudgetSpans {
    /// The total amount.
    pub total: Span,
    /// Parallel to `Budget::sources`.
    pub sources: Vec<SourceSpans>,
}

/// Where a fund source stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceSpans {
    /// The source's name.
    pub name: Span,
    /// Its amount.
    pub amount: Span,
    /// Parallel to `Source::sources`.
    pub sources: Vec<SourceSpans>,
}

/// Where an indicator's facts stand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndicatorSpans {
    /// The whole `indicator …` statement, block included.
    pub stmt: Span,
    /// `产出.时效`.
    pub category: Span,
    /// The name argument.
    pub name: Span,
    /// The target's tokens.
    pub target: Span,
    /// The `weight` value, when given.
    pub weight: Option<Span>,
}
