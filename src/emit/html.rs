//! HTML output: one self-contained page (inline CSS and SVG, nothing
//! fetched) that reproduces the published document, rendered from the
//! shared table layout. Every text is escaped; the bytes depend only on the
//! sheet.

use super::chart::{self, Bar, Chart, Geometry};
use super::layout::{self, Align, Cell, Head, PlanPoint, ProjectTable, Role, Table};
use super::sink::{Escaped, Sink};
use crate::model::Sheet;
use rust_decimal::Decimal;
use std::fmt::Write;

/// The whole page.
pub fn to_string(sheet: &Sheet) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(sheet, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The same bytes as `to_string`, written as they are produced: one project
/// table at a time is computed, written and dropped.
pub fn write(sheet: &Sheet, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let l = layout::head(sheet);
    let mut sink = Sink::new(w);
    let o = &mut sink;
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(o, "<title>{} {}</title>", e(&l.department), e(&l.title));
    o.push_str("<style>\n");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body>\n<main>\n");
    let _ = writeln!(
        o,
        "<header>\n<h1>{}</h1>\n<p class=\"dept\">{}</p>",
        e(&l.title),
        e(&l.department)
    );
    for f in &l.facts {
        let _ = writeln!(o, "<p class=\"fact\">{}</p>", e(f));
    }
    o.push_str("</header>\n");
    contents(o, &l, sheet);
    if let Some(one) = &l.part_one {
        let _ = writeln!(
            o,
            "<section id=\"part-one\" class=\"part\">\n<h2>{}</h2>",
            e(&one.heading)
        );
        for s in &one.sections {
            let _ = writeln!(o, "<h3>{}</h3>", e(&s.heading));
            for p in &s.paragraphs {
                let _ = writeln!(o, "<p class=\"para\">{}</p>", e(p));
            }
            if let Some(t) = &s.table {
                table(o, t);
            }
        }
        o.push_str("</section>\n");
    }
    o.push_str("<section id=\"part-two\" class=\"part\">\n");
    if let Some(h) = &l.part_two_heading {
        let _ = writeln!(o, "<h2>{}</h2>", e(h));
    }
    if !sheet.projects.is_empty() {
        budget_chart(o, &l, sheet);
    }
    for p in layout::project_tables(sheet) {
        project(o, &p);
    }
    o.push_str("</section>\n</main>\n</body>\n</html>\n");
    sink.finish()
}

/// A self-evaluation or monitoring form as one page: its title, then each
/// project's table (docs/evaluation.md).
pub fn evaluation_to_string(ev: &crate::model::Evaluation) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_evaluation(ev, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The same bytes as `evaluation_to_string`, written as produced.
pub fn write_evaluation(
    ev: &crate::model::Evaluation,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let doc = super::eval_layout::eval_layout(ev);
    let mut sink = Sink::new(w);
    let o = &mut sink;
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(o, "<title>{} {}</title>", e(&doc.department), e(&doc.title));
    o.push_str("<style>\n");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body>\n<main>\n");
    let _ = writeln!(
        o,
        "<header>\n<h1>{}</h1>\n<p class=\"dept\">{}</p>",
        e(&doc.title),
        e(&doc.department)
    );
    for f in &doc.fields {
        let _ = writeln!(o, "<p class=\"dept\">{}</p>", e(f));
    }
    o.push_str("</header>\n");
    for (i, t) in doc.tables.iter().enumerate() {
        let _ = writeln!(
            o,
            "<section class=\"project\" id=\"p{}\">\n<h3>{}</h3>",
            i + 1,
            e(&t.heading)
        );
        let _ = writeln!(
            o,
            "<p class=\"meta\"><span>{}</span><span>{}</span></p>",
            e(&t.body_line),
            e(&t.unit_line)
        );
        table(o, &t.table);
        o.push_str("</section>\n");
    }
    o.push_str("</main>\n</body>\n</html>\n");
    sink.finish()
}

const CSS: &str = r#"body {
  margin: 0;
  background: #e9ecef;
  color: #111;
  font-family: "FangSong", "仿宋", "STFangsong", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
  font-size: 16px;
  line-height: 1.7;
}
main {
  max-width: 980px;
  margin: 24px auto;
  padding: 40px 56px 56px;
  background: #fff;
  box-shadow: 0 1px 6px rgba(0, 0, 0, .18);
}
h1, h2, h3, .meta, th {
  font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  font-weight: normal;
}
h1 { text-align: center; font-size: 30px; margin: 8px 0 0; letter-spacing: .05em; }
.dept { text-align: center; margin: 4px 0 28px; }
h2 { font-size: 21px; margin: 36px 0 14px; }
h3 { font-size: 17px; margin: 20px 0 8px; }
.para { text-indent: 2em; margin: 0 0 8px; text-align: justify; }
nav { border: 1px solid #ccd; background: #f7f8fa; padding: 4px 24px 12px; }
nav h2 { font-size: 18px; margin: 12px 0 4px; }
nav ol { margin: 4px 0; padding-left: 1.5em; }
nav ol ol, nav ol.projects { list-style: none; padding-left: 1em; columns: 2; }
nav a { color: #1a4c8b; text-decoration: none; }
nav a:hover { text-decoration: underline; }
.project { margin-top: 48px; }
.project h3 { text-align: center; font-size: 19px; margin-bottom: 12px; }
.meta { display: flex; justify-content: space-between; gap: 16px; font-size: 14px; margin: 0 0 4px; }
table.sheet {
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
  font-size: 14px;
  line-height: 1.5;
}
table.sheet th, table.sheet td {
  border: 1px solid #000;
  padding: 5px 6px;
  vertical-align: middle;
  overflow-wrap: anywhere;
}
table.sheet th { background: #f3f4f6; text-align: center; }
table.sheet th.col { background: #e6e9ee; }
table.sheet td.c { text-align: center; }
table.sheet td.l { text-align: left; }
figure.chart { margin: 14px 0 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { font-size: 13px; color: #444; }
svg text { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
tr, figure { break-inside: avoid; page-break-inside: avoid; }
h2, h3, .meta { break-after: avoid; page-break-after: avoid; }
@media (max-width: 720px) {
  main { margin: 0; padding: 16px; }
  table.sheet { font-size: 12px; }
  nav ol ol, nav ol.projects { columns: 1; }
}
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { background: #fff; font-size: 12pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  nav { break-after: page; page-break-after: always; background: none; }
  nav a { color: inherit; }
  #part-two, .project { break-before: page; page-break-before: always; }
  .project { margin-top: 0; }
  table.sheet { font-size: 10.5pt; }
  table.sheet th, table.sheet th.col { background: none; }
}
"#;

/// The table of contents; the project entries come from the sheet, without
/// computing the tables.
fn contents(o: &mut Sink, l: &Head, sheet: &Sheet) {
    o.push_str("<nav aria-label=\"目录\">\n<h2>目录</h2>\n");
    let projects = |o: &mut Sink, class: &str| {
        let _ = writeln!(o, "<ol{class}>");
        for (i, p) in sheet.projects.iter().enumerate() {
            let _ = writeln!(
                o,
                "<li><a href=\"#{}\">{}</a></li>",
                e(&layout::project_anchor(i + 1)),
                e(&layout::project_heading(i + 1, p))
            );
        }
        o.push_str("</ol>\n");
    };
    // Without a first part the projects are the whole list.
    let Some(h) = &l.part_two_heading else {
        projects(o, " class=\"projects\"");
        o.push_str("</nav>\n");
        return;
    };
    o.push_str("<ol>\n");
    if let Some(one) = &l.part_one {
        let _ = writeln!(o, "<li><a href=\"#part-one\">{}</a></li>", e(&one.heading));
    }
    let _ = write!(o, "<li><a href=\"#part-two\">{}</a>", e(h));
    if !sheet.projects.is_empty() {
        o.push('\n');
        projects(o, "");
    }
    o.push_str("</li>\n</ol>\n</nav>\n");
}

fn project(o: &mut Sink, p: &ProjectTable) {
    let _ = writeln!(
        o,
        "<section class=\"project\" id=\"{}\">\n<h3>{}</h3>",
        e(&p.anchor),
        e(&p.heading)
    );
    let _ = writeln!(
        o,
        "<p class=\"meta\"><span>{}</span><span>{}</span></p>",
        e(&p.body_line),
        e(&p.unit_line)
    );
    table(o, &p.table);
    if !p.plan.is_empty() {
        plan_chart(o, p);
    }
    o.push_str("</section>\n");
}

fn table(o: &mut Sink, t: &Table) {
    o.push_str("<table class=\"sheet\">\n<colgroup>");
    for w in &t.columns {
        let _ = write!(o, "<col style=\"width:{}.{}%\">", w / 10, w % 10);
    }
    o.push_str("</colgroup>\n<tbody>\n");
    for row in &t.rows {
        o.push_str("<tr>");
        for c in &row.cells {
            cell(o, c);
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}

fn cell(o: &mut Sink, c: &Cell) {
    let (tag, class) = match (c.role, c.align) {
        (Role::Label, _) => ("th", ""),
        (Role::Header, _) => ("th", " class=\"col\" scope=\"col\""),
        (Role::Value, Align::Center) => ("td", " class=\"c\""),
        (Role::Value, Align::Left) => ("td", " class=\"l\""),
    };
    let _ = write!(o, "<{tag}{class}");
    if c.col_span > 1 {
        let _ = write!(o, " colspan=\"{}\"", c.col_span);
    }
    if c.row_span > 1 {
        let _ = write!(o, " rowspan=\"{}\"", c.row_span);
    }
    o.push('>');
    for (i, line) in c.lines.iter().enumerate() {
        if i > 0 {
            o.push_str("<br>");
        }
        let _ = write!(o, "{}", e(line));
    }
    let _ = write!(o, "</{tag}>");
}

/// A decimal as a float, for drawing only.
fn f(d: &Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

/// The cumulative spending plan of one project as a small line chart.
fn plan_chart(o: &mut Sink, p: &ProjectTable) {
    let (w, h) = (480.0, 170.0);
    let (x0, x1, y0, y1) = (44.0, 460.0, 138.0, 22.0);
    let top = p
        .plan
        .iter()
        .map(|c| f(&c.percent))
        .fold(100.0_f64, f64::max);
    let x = |m: f64| x0 + (x1 - x0) * m / 12.0;
    let y = |v: f64| y0 - (y0 - y1) * v.clamp(0.0, top) / top;
    let id = format!("{}-plan", p.anchor);
    let title = format!("{}资金支出计划（累计%）", p.name);
    let _ = writeln!(o, "<figure class=\"chart\">");
    let _ = writeln!(
        o,
        "<svg role=\"img\" aria-labelledby=\"{}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">",
        e(&id)
    );
    let _ = writeln!(
        o,
        "<title id=\"{}\">{}：{}</title>",
        e(&id),
        e(&title),
        e(&describe_plan(&p.plan))
    );
    // Grid: 0, 50 and 100 % (and the top when a value exceeds 100).
    let mut levels = vec![0.0, 50.0, 100.0];
    if top > 100.0 {
        levels.push(top);
    }
    for v in levels {
        let _ = writeln!(
            o,
            "<line x1=\"{x0:.1}\" y1=\"{yy:.1}\" x2=\"{x1:.1}\" y2=\"{yy:.1}\" stroke=\"#ccc\" stroke-width=\"1\"/><text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">{v}%</text>",
            yy = y(v),
            tx = x0 - 4.0,
            ty = y(v) + 3.5,
        );
    }
    // Month axis.
    let _ = writeln!(
        o,
        "<line x1=\"{x0:.1}\" y1=\"{y0:.1}\" x2=\"{x1:.1}\" y2=\"{y0:.1}\" stroke=\"#333\" stroke-width=\"1\"/>"
    );
    for m in 1..=12u32 {
        let xm = x(f64::from(m));
        let _ = writeln!(
            o,
            "<line x1=\"{xm:.1}\" y1=\"{y0:.1}\" x2=\"{xm:.1}\" y2=\"{t:.1}\" stroke=\"#333\" stroke-width=\"1\"/><text x=\"{xm:.1}\" y=\"{ty:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">{m}月</text>",
            t = y0 + 3.0,
            ty = y0 + 15.0,
        );
    }
    // Drawn only for a project that gives a plan (see `project`).
    let _ = write!(o, "<polyline points=\"{:.1},{:.1}", x(0.0), y(0.0));
    for c in &p.plan {
        let _ = write!(o, " {:.1},{:.1}", x(f64::from(c.month)), y(f(&c.percent)));
    }
    o.push_str("\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n");
    for c in &p.plan {
        let (cx, cy) = (x(f64::from(c.month)), y(f(&c.percent)));
        let _ = writeln!(
            o,
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"3.5\" fill=\"#1f5fa8\"/><text x=\"{cx:.1}\" y=\"{ty:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#1f5fa8\">{}</text>",
            e(&c.percent.to_string()),
            ty = cy - 7.0,
        );
    }
    o.push_str("</svg>\n");
    let _ = writeln!(o, "<figcaption>{}</figcaption>\n</figure>", e(&title));
}

fn describe_plan(plan: &[PlanPoint]) -> String {
    if plan.is_empty() {
        return "未填写".to_string();
    }
    plan.iter()
        .map(|c| format!("{}月底{}%", c.month, c.percent))
        .collect::<Vec<_>>()
        .join("，")
}

/// One horizontal bar per project: the budget split across projects. Only
/// the names and totals are needed, taken from the sheet.
fn budget_chart(o: &mut Sink, l: &Head, sheet: &Sheet) {
    let projects = &sheet.projects;
    let sum: Decimal = projects.iter().map(|p| p.budget.total).sum();
    let caption = format!("各项目预算规模（单位：{}，合计 {}）", l.unit, sum);
    let mut title = format!("{caption}：");
    for (i, p) in projects.iter().enumerate() {
        if i > 0 {
            title.push('，');
        }
        let _ = write!(title, "{} {}", p.name, p.budget.total);
    }
    let bars: Vec<Bar> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let total = p.budget.total;
            let share = if sum.is_zero() {
                String::new()
            } else {
                format!("（{}%）", (total * Decimal::ONE_HUNDRED / sum).round_dp(1))
            };
            Bar {
                label: chart::short(&format!("{}、{}", i + 1, p.name), 16),
                value: total.max(Decimal::ZERO),
                text: format!("{total}{share}"),
                tooltip: None,
                colour: "#3b78c2",
            }
        })
        .collect();
    let chart = Chart {
        id: "budget-split",
        title: &title,
        geometry: Geometry {
            label_w: 230,
            label_gap: 8,
            bar_w: 420,
            text_w: 140,
            row_h: 22,
            bar_pad: 3,
            top: 12,
            bottom: 12,
            min_bar: 0,
        },
        axis: None,
    };
    let _ = writeln!(o, "<figure class=\"chart\">");
    let _ = chart::write(o, &chart, &bars);
    let _ = writeln!(o, "<figcaption>{}</figcaption>\n</figure>", e(&caption));
}

/// A text escaped for HTML as it is formatted.
fn e(s: &str) -> Escaped<'_> {
    Escaped {
        text: s,
        apos: "&#39;",
    }
}

/// Escape a text for HTML content and attribute values, after replacing the
/// characters HTML forbids.
pub fn esc(s: &str) -> String {
    e(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything() {
        assert_eq!(
            esc("<a href='x'>&\"</a>\u{1}"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;\u{FFFD}"
        );
    }
}
