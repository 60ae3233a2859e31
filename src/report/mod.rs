//! A review of many sheets at once, for whoever receives every body's sheet
//! (a finance bureau): per body its projects, its budget by fund-source
//! class, its indicators per category, its errors and warnings by code with
//! the place of each; across bodies the most frequent defects, the share of
//! sheets that check clean and, given last year's sheets, the bodies whose
//! targets were loosened.
//!
//! Each file is reduced to a [`FileEntry`] as soon as it is checked (the
//! command line does this on every core, one file at a time); a [`Report`]
//! gathers the entries, sorted, and [`html`] and [`xlsx`] write it. Nothing
//! depends on the time or the machine: the same files give the same bytes.
//! Amounts are exact decimals.

pub mod html;
pub mod xlsx;

use crate::diag::{catalogue, Diagnostic, Lang, Severity, Text};
use crate::diff::{self, Change, TargetClass};
use crate::model::{Indicator, Sheet, SourceClass};
use crate::source::SourceFile;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One file as the report needs it.
#[derive(Clone, Debug)]
pub struct FileEntry {
    /// The path as given on the command line.
    pub name: String,
    /// A link to the file from the report's folder (a relative URL).
    pub href: String,
    /// Whose sheet it is; `None` when the sheet could not be read far
    /// enough to tell.
    pub body: Option<Body>,
    pub projects: Vec<ProjectRow>,
    /// Indicators by level-1 category (canonical name), projects' annual
    /// and long-term indicators and the body's own.
    pub indicators: BTreeMap<String, usize>,
    /// Every diagnostic, in source order.
    pub findings: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    /// The file could not be read or decoded (the reason is in `findings`
    /// when it is a diagnostic).
    pub unreadable: bool,
    /// Targets looser than last year's sheet of the same body.
    pub loosened: Vec<Loosened>,
    /// Whether last year's sheet of this body was found.
    pub has_previous: bool,
}

/// A body: department code and name, year, money unit.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Body {
    pub code: Option<String>,
    pub name: String,
    pub year: i32,
    pub unit: String,
}

impl Body {
    /// What sheets of one body share from year to year: its code, else its
    /// name.
    pub fn key(&self) -> String {
        match &self.code {
            Some(c) => format!("code:{c}"),
            None => format!("name:{}", self.name),
        }
    }

    /// The body of a self-evaluation or monitoring form (its header's, else
    /// its sheet's).
    pub fn of_form(e: &crate::model::Evaluation) -> Option<Body> {
        let d = e.department.as_ref()?;
        Some(Body {
            code: d.code.clone(),
            name: d.name.clone(),
            year: e.year,
            unit: e.unit.clone(),
        })
    }

    pub fn of(sheet: &Sheet) -> Body {
        let d = &sheet.department;
        Body {
            code: d.code.clone(),
            name: d.name.clone(),
            year: d.year,
            unit: d.unit.clone(),
        }
    }
}

/// A project's budget, split by the classes of its fund sources.
#[derive(Clone, Debug)]
pub struct ProjectRow {
    pub code: Option<String>,
    pub name: String,
    pub total: Decimal,
    /// 财政资金.
    pub fiscal: Decimal,
    /// 其他资金.
    pub other: Decimal,
    pub indicators: usize,
}

impl ProjectRow {
    /// What no source accounts for (a budget listing only some sources).
    pub fn unsourced(&self) -> Decimal {
        (self.total - self.fiscal - self.other).max(Decimal::ZERO)
    }
}

/// One diagnostic, where it is and what it says.
#[derive(Clone, Debug)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    /// One-based line and column (characters).
    pub line: usize,
    pub column: usize,
    pub message: Text,
    /// The line it is on, as written (shortened when long).
    pub excerpt: String,
}

/// A target looser than last year's.
#[derive(Clone, Debug)]
pub struct Loosened {
    pub project: String,
    pub indicator: String,
    pub old: String,
    pub new: String,
}

/// At most this many characters of a line are quoted.
const EXCERPT_CHARS: usize = 160;

/// A checked file as the report needs it. `sheet` is the model (even with
/// errors, as far as it was built), `previous` last year's sheet of the
/// same body, if any.
pub fn file_entry(
    name: &str,
    href: &str,
    file: &SourceFile,
    sheet: Option<&Sheet>,
    diagnostics: &[Diagnostic],
    previous: Option<&Sheet>,
) -> FileEntry {
    let findings = diagnostics
        .iter()
        .map(|d| finding(d, file))
        .collect::<Vec<_>>();
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut entry = FileEntry {
        name: name.to_string(),
        href: href.to_string(),
        body: sheet.map(Body::of),
        projects: Vec::new(),
        indicators: BTreeMap::new(),
        findings,
        errors,
        warnings: diagnostics.len() - errors,
        unreadable: false,
        loosened: Vec::new(),
        has_previous: previous.is_some(),
    };
    let Some(sheet) = sheet else {
        return entry;
    };
    let mut count = |i: &Indicator| *entry.indicators.entry(i.level1.to_string()).or_insert(0) += 1;
    sheet.overall.indicators.iter().for_each(&mut count);
    for p in &sheet.projects {
        let period = p.period.iter().flat_map(|t| t.indicators.iter());
        p.indicators.iter().chain(period).for_each(&mut count);
    }
    entry.projects = sheet.projects.iter().map(project_row).collect();
    if let Some(old) = previous {
        entry.loosened = loosened(old, sheet);
    }
    entry
}

/// A file that could not be read: its name and why.
pub fn unreadable_entry(name: &str, href: &str, findings: Vec<Finding>) -> FileEntry {
    FileEntry {
        name: name.to_string(),
        href: href.to_string(),
        body: None,
        projects: Vec::new(),
        indicators: BTreeMap::new(),
        errors: findings.len().max(1),
        warnings: 0,
        findings,
        unreadable: true,
        loosened: Vec::new(),
        has_previous: false,
    }
}

/// A diagnostic of `file` as a finding.
pub fn finding(d: &Diagnostic, file: &SourceFile) -> Finding {
    let (line, column) = file.line_col(d.span.start);
    let text = file.slice(file.line_span(file.line_of(file.clamp(d.span.start))));
    let mut excerpt: String = crate::diag::visible(text.trim_end())
        .chars()
        .take(EXCERPT_CHARS)
        .collect();
    if text.trim_end().chars().count() > EXCERPT_CHARS {
        excerpt.push('…');
    }
    Finding {
        code: d.code.as_str().to_string(),
        severity: d.severity,
        line,
        column,
        message: Text::new(
            crate::diag::message_text(&d.message.zh),
            crate::diag::message_text(&d.message.en),
        ),
        excerpt,
    }
}

fn project_row(p: &crate::model::Project) -> ProjectRow {
    let by = |class: SourceClass| -> Decimal {
        p.budget
            .sources
            .iter()
            .filter(|s| s.class == class)
            .map(|s| s.amount)
            .fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a))
    };
    let period = p.period.iter().map(|t| t.indicators.len()).sum::<usize>();
    ProjectRow {
        code: p.code.clone(),
        name: p.name.clone(),
        total: p.budget.total,
        fiscal: by(SourceClass::Fiscal),
        other: by(SourceClass::Other),
        indicators: p.indicators.len() + period,
    }
}

/// The targets of `new` looser than in `old` (by the diff's reading).
fn loosened(old: &Sheet, new: &Sheet) -> Vec<Loosened> {
    let d = diff::diff(old, new);
    let mut out = Vec::new();
    for p in &d.projects {
        for c in &p.changes {
            if let Change::TargetChanged {
                indicator,
                class: TargetClass::Loosened,
                old,
                new,
            } = c
            {
                out.push(Loosened {
                    project: p.name.clone(),
                    indicator: indicator.name.clone(),
                    old: old.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
                    new: new.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
                });
            }
        }
    }
    out
}

/// The report: every file, sorted by name.
#[derive(Clone, Debug)]
pub struct Report {
    pub files: Vec<FileEntry>,
    /// Whether last year's sheets were given (`--previous`).
    pub with_previous: bool,
}

/// The files of one body, and what they add up to.
pub struct BodyView<'r> {
    pub body: Option<&'r Body>,
    /// Indexes into `Report::files`.
    pub files: Vec<usize>,
    /// Budget by money unit: total, fiscal, other, unsourced.
    pub budget: BTreeMap<String, [Decimal; 4]>,
    pub indicators: BTreeMap<String, usize>,
    /// code → its severity and places.
    pub by_code: BTreeMap<String, (Severity, Vec<Place>)>,
    pub errors: usize,
    pub warnings: usize,
}

/// Where a finding is: (file index, finding index in the file).
pub type Place = (usize, usize);

/// How often a code was drawn across all files.
pub struct CodeCount {
    pub code: String,
    pub severity: Severity,
    /// Diagnostics with this code.
    pub count: usize,
    /// Files with at least one.
    pub files: usize,
}

impl Report {
    pub fn new(mut files: Vec<FileEntry>, with_previous: bool) -> Report {
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Report {
            files,
            with_previous,
        }
    }

    /// Files without errors (warnings allowed: `jixiao check` exits 0).
    pub fn clean(&self) -> usize {
        self.files.iter().filter(|f| f.errors == 0).count()
    }

    /// Files without any diagnostic.
    pub fn spotless(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.errors == 0 && f.warnings == 0)
            .count()
    }

    pub fn errors(&self) -> usize {
        self.files.iter().map(|f| f.errors).sum()
    }

    pub fn warnings(&self) -> usize {
        self.files.iter().map(|f| f.warnings).sum()
    }

    /// `part` of `whole` in percent, one decimal, half away from zero.
    pub fn percent(part: usize, whole: usize) -> Decimal {
        if whole == 0 {
            return Decimal::ZERO;
        }
        let mut p = (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole))
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        p.rescale(1);
        p
    }

    /// The bodies, by code then name; files whose body is unknown last, one
    /// group for them all.
    pub fn bodies(&self) -> Vec<BodyView<'_>> {
        let mut groups: BTreeMap<(u8, Option<String>, String), Vec<usize>> = BTreeMap::new();
        for (i, f) in self.files.iter().enumerate() {
            let key = match &f.body {
                Some(b) => (0, b.code.clone(), b.name.clone()),
                None => (1, None, String::new()),
            };
            groups.entry(key).or_default().push(i);
        }
        groups
            .into_values()
            .map(|files| self.body_view(files))
            .collect()
    }

    fn body_view(&self, files: Vec<usize>) -> BodyView<'_> {
        let mut view = BodyView {
            body: self.files[files[0]].body.as_ref(),
            files: Vec::new(),
            budget: BTreeMap::new(),
            indicators: BTreeMap::new(),
            by_code: BTreeMap::new(),
            errors: 0,
            warnings: 0,
        };
        for &i in &files {
            let f = &self.files[i];
            view.errors += f.errors;
            view.warnings += f.warnings;
            if let Some(b) = &f.body {
                let sums = view
                    .budget
                    .entry(b.unit.clone())
                    .or_insert([Decimal::ZERO; 4]);
                for p in &f.projects {
                    let parts = [p.total, p.fiscal, p.other, p.unsourced()];
                    for (s, v) in sums.iter_mut().zip(parts) {
                        *s = s.checked_add(v).unwrap_or(*s);
                    }
                }
            }
            for (k, n) in &f.indicators {
                *view.indicators.entry(k.clone()).or_insert(0) += n;
            }
            for (j, d) in f.findings.iter().enumerate() {
                view.by_code
                    .entry(d.code.clone())
                    .or_insert((d.severity, Vec::new()))
                    .1
                    .push((i, j));
            }
        }
        view.files = files;
        view
    }

    /// Every code drawn, the most frequent first (then by code).
    pub fn code_counts(&self) -> Vec<CodeCount> {
        let mut counts: BTreeMap<&str, CodeCount> = BTreeMap::new();
        for f in &self.files {
            let mut seen: Vec<&str> = Vec::new();
            for d in &f.findings {
                let c = counts.entry(&d.code).or_insert(CodeCount {
                    code: d.code.clone(),
                    severity: d.severity,
                    count: 0,
                    files: 0,
                });
                c.count += 1;
                if !seen.contains(&d.code.as_str()) {
                    seen.push(&d.code);
                    c.files += 1;
                }
            }
        }
        let mut v: Vec<CodeCount> = counts.into_values().collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        v
    }

    /// The files with loosened targets.
    pub fn loosened(&self) -> impl Iterator<Item = (usize, &FileEntry)> {
        self.files
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.loosened.is_empty())
    }
}

/// The title of a code in `lang` (`E301`: 资金来源合计与金额不符), or
/// nothing for a code the catalogue does not know.
pub fn code_title(code: &str, lang: Lang) -> &'static str {
    match catalogue::entry(code) {
        Some(e) => match lang {
            Lang::Zh => e.title.0,
            Lang::En => e.title.1,
        },
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_exact_and_rounded_half_away() {
        assert_eq!(Report::percent(1, 3).to_string(), "33.3");
        assert_eq!(Report::percent(2, 3).to_string(), "66.7");
        assert_eq!(Report::percent(1, 8).to_string(), "12.5");
        assert_eq!(Report::percent(0, 0).to_string(), "0");
        assert_eq!(Report::percent(3, 3).to_string(), "100.0");
    }
}
