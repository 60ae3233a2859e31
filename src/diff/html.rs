//! The diff as one self-contained HTML5 page: totals, a bar chart of the budget change
//! per project (inline SVG), the body and part-1 changes, then each added, removed or
//! changed project with its changes and the old and new sheet side by side.

use super::changes::{Change, ProjectDiff, ProjectStatus, SheetDiff, FORMAT};
use super::compare::{
    align, flatten_sources, match_indicators, unit_factor, Step, EDIT_SIMILARITY,
};
use super::describe::{describe, sign, Line, Style};
use super::messages::{self as m, Text};
use super::text::{char_diff, similarity_permille, Segment};
use crate::diag::Lang;
use crate::emit::chart::{self, Bar, Chart, Geometry};
use crate::model::{Indicator, Period, Project, Sheet};
use rust_decimal::Decimal;
use std::fmt::Write as _;

// The page escapes texts exactly as the sheet's own HTML does.
use crate::emit::html::esc;

/// The page's texts are Chinese, with English beside them in the headings and totals.
const LANG: Lang = Lang::Zh;

const CSS: &str = r#"
:root { --add: #e6ffec; --add-strong: #abf2bc; --del: #ffebe9; --del-strong: #ffc0c0; --chg: #fff8c5; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid var(--line); padding-bottom: 0.2em; margin-top: 2em; }
.sub { color: #59636e; margin-top: 0; }
.badge { display: inline-block; font-size: 0.75em; padding: 0 0.5em; border-radius: 1em; margin-left: 0.5em; vertical-align: middle; }
.badge.added { background: var(--add-strong); }
.badge.removed { background: var(--del-strong); }
.badge.changed { background: #f5e08c; }
ul.changes { list-style: none; padding-left: 0; }
ul.changes li { padding: 0.15em 0.5em; margin: 0.1em 0; border-left: 4px solid var(--line); }
ul.changes li.add { background: var(--add); border-left-color: #1a7f37; }
ul.changes li.del { background: var(--del); border-left-color: #cf222e; }
ul.changes li.chg { background: var(--chg); border-left-color: #9a6700; }
ins { background: var(--add-strong); text-decoration: none; }
del { background: var(--del-strong); text-decoration: line-through; }
.tightened { color: #1a7f37; font-weight: bold; }
.loosened { color: #cf222e; font-weight: bold; }
.kind { color: #9a6700; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: 0.3em 0.5em; vertical-align: top; text-align: left; word-break: break-word; }
th.field { width: 9em; background: #f6f8fa; }
thead th { background: #f6f8fa; }
tr.add td.new { background: var(--add); }
tr.del td.old { background: var(--del); }
tr.chg td.old, tr.chg td.new { background: var(--chg); }
td.empty { background: #f6f8fa; }
.desc { color: #59636e; font-size: 0.9em; }
table.totals { width: auto; }
table.totals td.num { text-align: right; font-variant-numeric: tabular-nums; }
svg text { font-size: 13px; }
@media print { body { margin: 0; max-width: none; } section.project { break-inside: avoid-page; } }
"#;

/// Renders a line of described change as HTML.
fn line_html(l: &Line) -> String {
    let mut s = String::new();
    for (style, text) in &l.0 {
        let t = esc(text);
        match style {
            Style::Del => write!(s, "<del>{t}</del>"),
            Style::Ins => write!(s, "<ins>{t}</ins>"),
            Style::Tightened => write!(s, "<span class=\"tightened\">{t}</span>"),
            Style::Loosened => write!(s, "<span class=\"loosened\">{t}</span>"),
            Style::Changed => write!(s, "<span class=\"kind\">{t}</span>"),
            Style::Bold => write!(s, "<b>{t}</b>"),
            _ => write!(s, "{t}"),
        }
        .ok();
    }
    s
}

fn changes_list(out: &mut String, changes: &[Change], unit: &str) {
    out.push_str("<ul class=\"changes\">\n");
    for c in changes {
        let class = match sign(c) {
            '+' => "add",
            '-' => "del",
            _ => "chg",
        };
        let mut l = Line::default();
        describe(c, unit, LANG, &mut l);
        let _ = writeln!(out, "<li class=\"{class}\">{}</li>", line_html(&l));
    }
    out.push_str("</ul>\n");
}

/// One row of the side-by-side table: the field and the HTML of each cell (None where the
/// thing does not exist on that side).
struct Row {
    field: String,
    class: &'static str,
    old: Option<String>,
    new: Option<String>,
}

fn row_class<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> &'static str {
    match (a, b) {
        (None, Some(_)) => "add",
        (Some(_), None) => "del",
        (x, y) if x != y => "chg",
        _ => "same",
    }
}

impl Row {
    /// A row of plain values.
    fn plain(field: &str, old: Option<String>, new: Option<String>) -> Row {
        Row {
            field: field.to_string(),
            class: row_class(&old, &new),
            old: old.as_deref().map(esc),
            new: new.as_deref().map(esc),
        }
    }
    /// A text row: when both sides exist and differ, the old cell marks deletions and the
    /// new cell insertions.
    fn text(field: &str, old: Option<&str>, new: Option<&str>) -> Row {
        let mut r = Row::plain(field, old.map(str::to_string), new.map(str::to_string));
        if let (Some(a), Some(b)) = (old, new) {
            if a != b {
                let (o, n) = split_html(a, b);
                r.old = Some(o);
                r.new = Some(n);
            }
        }
        r
    }
}

/// The character diff of two texts as two cells: the old text with `<del>`, the new one
/// with `<ins>`.
fn split_html(a: &str, b: &str) -> (String, String) {
    let (mut o, mut n) = (String::new(), String::new());
    for seg in char_diff(a, b) {
        match seg {
            Segment::Equal(t) => {
                o.push_str(&esc(&t));
                n.push_str(&esc(&t));
            }
            Segment::Delete(t) => {
                let _ = write!(o, "<del>{}</del>", esc(&t));
            }
            Segment::Insert(t) => {
                let _ = write!(n, "<ins>{}</ins>", esc(&t));
            }
        }
    }
    (o, n)
}

fn rows_table(out: &mut String, rows: &[Row], old_year: i32, new_year: i32) {
    let _ = writeln!(
        out,
        "<table class=\"side\">\n<thead><tr><th class=\"field\">{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        m::FIELD.get(LANG),
        m::old_column(LANG, old_year),
        m::new_column(LANG, new_year)
    );
    for r in rows {
        let cell = |side: &str, v: &Option<String>| match v {
            Some(h) => format!("<td class=\"{side}\">{h}</td>"),
            None => format!("<td class=\"{side} empty\"></td>"),
        };
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><th class=\"field\">{}</th>{}{}</tr>",
            r.class,
            esc(&r.field),
            cell("old", &r.old),
            cell("new", &r.new)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn plan_text(p: &Project) -> Option<String> {
    if p.plan.is_empty() {
        return None;
    }
    Some(
        p.plan
            .iter()
            .map(|c| format!("{} {}%", m::month(LANG, c.month), c.percent))
            .collect::<Vec<_>>()
            .join(m::COMMA.get(LANG)),
    )
}

fn indicator_text(i: &Indicator) -> String {
    let target = i.target.as_ref().map_or("", |t| t.text.as_str());
    format!("{}/{}「{}」 {}", i.level1, i.level2, i.name, target)
}

/// The rows comparing two versions of a project (either may be missing).
fn project_rows(
    a: Option<&Project>,
    b: Option<&Project>,
    conv: &dyn Fn(Decimal) -> Decimal,
    unit: &str,
) -> Vec<Row> {
    let mut rows = Vec::new();
    rows.push(Row::plain(
        m::PROJECT_CODE.get(LANG),
        a.map(|p| p.code.clone().unwrap_or_default()),
        b.map(|p| p.code.clone().unwrap_or_default()),
    ));
    rows.push(Row::text(
        m::PROJECT_NAME.get(LANG),
        a.map(|p| p.name.as_str()),
        b.map(|p| p.name.as_str()),
    ));
    if a.is_some_and(|p| p.agency.is_some()) || b.is_some_and(|p| p.agency.is_some()) {
        rows.push(Row::text(
            m::AGENCY.get(LANG),
            a.and_then(|p| p.agency.as_deref()),
            b.and_then(|p| p.agency.as_deref()),
        ));
    }
    let money = |d: Decimal| format!("{d} {unit}");
    rows.push(Row::plain(
        m::BUDGET.get(LANG),
        a.map(|p| money(conv(p.budget.total))),
        b.map(|p| money(p.budget.total)),
    ));
    let (mut sa, mut sb) = (Vec::new(), Vec::new());
    if let Some(p) = a {
        flatten_sources(&p.budget.sources, "", &mut sa);
    }
    if let Some(p) = b {
        flatten_sources(&p.budget.sources, "", &mut sb);
    }
    let mut paths: Vec<&String> = sa.iter().map(|(p, _)| p).collect();
    for (p, _) in &sb {
        if !paths.contains(&p) {
            paths.push(p);
        }
    }
    for path in paths {
        let get = |v: &Vec<(String, Decimal)>, f: &dyn Fn(Decimal) -> Decimal| {
            v.iter().find(|(p, _)| p == path).map(|(_, d)| money(f(*d)))
        };
        rows.push(Row::plain(
            &m::source_row(LANG, path),
            get(&sa, conv),
            get(&sb, &|d| d),
        ));
    }
    rows.push(Row::text(
        m::PURPOSE.get(LANG),
        a.and_then(|p| p.purpose.as_deref()),
        b.and_then(|p| p.purpose.as_deref()),
    ));
    let (pa, pb) = (a.and_then(plan_text), b.and_then(plan_text));
    rows.push(Row::text(
        m::SPENDING_PLAN.get(LANG),
        pa.as_deref(),
        pb.as_deref(),
    ));

    let empty: Vec<String> = Vec::new();
    let ga = a.map(|p| &p.goals).unwrap_or(&empty);
    let gb = b.map(|p| &p.goals).unwrap_or(&empty);
    list_rows(&mut rows, m::GOAL, ga, gb);
    let (qa, qb): (Option<&Period>, Option<&Period>) = (
        a.and_then(|p| p.period.as_ref()),
        b.and_then(|p| p.period.as_ref()),
    );
    if qa.is_some() || qb.is_some() {
        rows.push(Row::text(
            m::PERIOD.get(LANG),
            qa.and_then(|x| x.text.as_deref()),
            qb.and_then(|x| x.text.as_deref()),
        ));
        let pa = qa.map(|x| &x.goals).unwrap_or(&empty);
        let pb = qb.map(|x| &x.goals).unwrap_or(&empty);
        list_rows(&mut rows, m::PERIOD_GOAL, pa, pb);
    }

    let none: Vec<Indicator> = Vec::new();
    let ia = a.map(|p| &p.indicators).unwrap_or(&none);
    let ib = b.map(|p| &p.indicators).unwrap_or(&none);
    indicator_rows(&mut rows, ia, ib);
    rows
}

fn list_rows(rows: &mut Vec<Row>, label: Text, a: &[String], b: &[String]) {
    let label = label.get(LANG);
    let steps = align(a, b, |x, y| {
        let s = similarity_permille(x, y);
        (s >= EDIT_SIMILARITY).then_some(s)
    });
    for step in steps {
        match step {
            Step::Same(i, j) | Step::Paired(i, j) => rows.push(Row::text(
                &format!("{label} {}", j + 1),
                Some(&a[i]),
                Some(&b[j]),
            )),
            Step::Removed(i) => rows.push(Row::plain(
                &format!("{label} {}", i + 1),
                Some(a[i].clone()),
                None,
            )),
            Step::Added(j) => rows.push(Row::plain(
                &format!("{label} {}", j + 1),
                None,
                Some(b[j].clone()),
            )),
        }
    }
}

/// An indicator cell: category, name and target, and the description below; `other` is
/// the indicator on the other side, whose differences are marked.
fn indicator_cell(i: &Indicator, other: Option<&Indicator>, old_side: bool) -> String {
    let pick = |(o, n): (String, String)| if old_side { o } else { n };
    let marked = |a: &str, b: Option<&str>| match b {
        Some(b) if a != b => {
            if old_side {
                pick(split_html(a, b))
            } else {
                pick(split_html(b, a))
            }
        }
        _ => esc(a),
    };
    let head = indicator_text(i);
    let mut s = marked(&head, other.map(indicator_text).as_deref());
    if let Some(d) = &i.description {
        let od = other.and_then(|o| o.description.as_deref());
        let _ = write!(
            s,
            "<br><span class=\"desc\">{}</span>",
            marked(d, od.or(Some(d)))
        );
    }
    s
}

fn indicator_rows(rows: &mut Vec<Row>, a: &[Indicator], b: &[Indicator]) {
    let m = match_indicators(a, b);
    let mut used = vec![false; a.len()];
    for (j, y) in b.iter().enumerate() {
        let field = format!("{} {}", m::INDICATOR.get(LANG), j + 1);
        match m[j] {
            None => rows.push(Row {
                field,
                class: "add",
                old: None,
                new: Some(indicator_cell(y, None, false)),
            }),
            Some((i, _)) => {
                used[i] = true;
                let x = &a[i];
                rows.push(Row {
                    field,
                    // Any difference (also in fields not shown) marks the row changed.
                    class: if x == y { "same" } else { "chg" },
                    old: Some(indicator_cell(x, Some(y), true)),
                    new: Some(indicator_cell(y, Some(x), false)),
                });
            }
        }
    }
    for (i, x) in a.iter().enumerate() {
        if !used[i] {
            rows.push(Row {
                field: m::INDICATOR_GONE.get(LANG).to_string(),
                class: "del",
                old: Some(indicator_cell(x, None, true)),
                new: None,
            });
        }
    }
}

/// `+` before an amount that is not negative.
fn plus(d: Decimal) -> &'static str {
    if d.is_sign_negative() {
        ""
    } else {
        "+"
    }
}

/// One bar of the chart: the project's budget change, the old and new budget on hover.
fn budget_bar(p: &ProjectDiff, unit: &str) -> Bar {
    let delta = p.budget.delta.0;
    let side = |a: Option<_>| a.map_or_else(|| m::MISSING.to_string(), |a| format!("{a}"));
    let rel = p
        .budget
        .relative
        .map(|r| format!("{}{}{r}%", m::COMMA.get(LANG), plus(r.0)))
        .unwrap_or_default();
    Bar {
        label: chart::short(&p.name, 20),
        value: delta,
        text: format!("{}{delta}{rel}", plus(delta)),
        tooltip: Some(m::chart_tooltip(
            p.code.as_deref().unwrap_or(""),
            &p.name,
            &side(p.budget.old),
            &side(p.budget.new),
            unit,
        )),
        colour: if delta.is_sign_negative() {
            "#cf222e"
        } else {
            "#1a7f37"
        },
    }
}

/// The inline SVG bar chart of the budget change of each project (green up, red down).
fn budget_chart(d: &SheetDiff) -> String {
    let unit = d.new.unit.as_str();
    let bars: Vec<Bar> = d
        .projects
        .iter()
        .filter(|p| !p.budget.delta.0.is_zero())
        .map(|p| budget_bar(p, unit))
        .collect();
    if bars.is_empty() {
        return format!("<p>{}</p>\n", esc(&m::NO_BUDGET_CHANGED.both()));
    }
    let title = m::chart_title(unit);
    let axis = m::chart_axis(unit);
    let chart = Chart {
        id: "chart-title",
        title: &title,
        geometry: Geometry {
            label_w: 310,
            label_gap: 10,
            bar_w: 400,
            text_w: 220,
            row_h: 26,
            bar_pad: 4,
            top: 2,
            bottom: 28,
            min_bar: 1,
        },
        axis: Some(&axis),
    };
    let mut s = String::new();
    let _ = chart::write(&mut s, &chart, &bars);
    s
}

/// Renders the diff as a self-contained HTML5 page; `old` and `new` are the two sheets the
/// diff was made from (for the side-by-side tables).
pub fn render_html(d: &SheetDiff, old: &Sheet, new: &Sheet) -> String {
    let unit = d.new.unit.as_str();
    let factor = unit_factor(old, new);
    let conv = move |x: Decimal| x.checked_mul(factor).unwrap_or(x);
    let mut out = String::new();
    let title = m::title(
        LANG,
        d.new.code.as_deref().unwrap_or(""),
        &d.new.name,
        d.old.year,
        d.new.year,
    );
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n</header>",
        esc(&m::generator(FORMAT)),
        esc(&title),
        esc(&title),
        esc(&m::subtitle(
            (d.old.code.as_deref().unwrap_or(""), &d.old.name, d.old.year),
            (d.new.code.as_deref().unwrap_or(""), &d.new.name, d.new.year)
        )),
    );

    // Totals
    let tt = &d.totals;
    let c = &tt.counts;
    let _ = writeln!(
        out,
        "<section class=\"totals\">\n<h2>{}</h2>",
        esc(&m::TOTALS.both())
    );
    if d.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&m::NO_CHANGES.both()));
    }
    let rel = tt
        .budget
        .relative
        .map(|r| format!("{}{r}%", plus(r.0)))
        .unwrap_or_else(|| m::MISSING.to_string());
    let rows: [(Text, String); 12] = [
        (m::TOTAL_OLD, format!("{} {unit}", tt.budget.old)),
        (m::TOTAL_NEW, format!("{} {unit}", tt.budget.new)),
        (
            m::TOTAL_CHANGE,
            format!(
                "{}{} {unit}{}{rel}{}",
                plus(tt.budget.delta.0),
                tt.budget.delta,
                m::OPEN.get(LANG),
                m::CLOSE.get(LANG)
            ),
        ),
        (m::PROJECTS_ADDED, tt.projects_added.to_string()),
        (m::PROJECTS_REMOVED, tt.projects_removed.to_string()),
        (m::PROJECTS_CHANGED, tt.projects_changed.to_string()),
        (m::PROJECTS_UNCHANGED, tt.projects_unchanged.to_string()),
        (m::TARGETS_TIGHTENED, c.targets_tightened.to_string()),
        (m::TARGETS_LOOSENED, c.targets_loosened.to_string()),
        (m::TARGETS_CHANGED, c.targets_changed.to_string()),
        (m::TARGETS_KIND_CHANGED, c.targets_kind_changed.to_string()),
        (m::CHANGES, c.changes.to_string()),
    ];
    out.push_str("<table class=\"totals\"><tbody>\n");
    for (k, v) in rows {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td class=\"num\">{}</td></tr>",
            esc(&k.both()),
            esc(&v)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");

    let _ = writeln!(
        out,
        "<section class=\"chart\">\n<h2>{}</h2>",
        esc(&m::BUDGET_CHART.both())
    );
    out.push_str(&budget_chart(d));
    out.push_str("</section>\n");

    if !d.body.is_empty() {
        section(&mut out, "body", m::DEPARTMENT, &d.body, unit);
    }
    if !d.overall.is_empty() {
        section(&mut out, "overall", m::PART_ONE, &d.overall, unit);
    }

    for (k, p) in d.projects.iter().enumerate() {
        let status = match p.status {
            ProjectStatus::Added => "added",
            ProjectStatus::Removed => "removed",
            ProjectStatus::Changed => "changed",
        };
        let _ = writeln!(
            out,
            "<section class=\"project {status}\" id=\"project-{}\">\n<h2>{} {}<span class=\"badge {status}\">{}</span></h2>",
            k + 1,
            esc(p.code.as_deref().unwrap_or("")),
            esc(&p.name),
            esc(&m::status(p.status).both())
        );
        changes_list(&mut out, &p.changes, unit);
        let a = p.old_position.and_then(|i| old.projects.get(i));
        let b = p.new_position.and_then(|j| new.projects.get(j));
        let rows = project_rows(a, b, &conv, unit);
        rows_table(&mut out, &rows, d.old.year, d.new.year);
        out.push_str("</section>\n");
    }

    let _ = writeln!(
        out,
        "<footer><p class=\"sub\">{}</p></footer>\n</body>\n</html>",
        esc(&m::footer(FORMAT))
    );
    out
}

/// The changes of the body or of part 1, under a heading.
fn section(out: &mut String, class: &str, heading: Text, changes: &[Change], unit: &str) {
    let _ = writeln!(
        out,
        "<section class=\"{class}\">\n<h2>{}</h2>",
        esc(&heading.heading())
    );
    changes_list(out, changes, unit);
    out.push_str("</section>\n");
}
