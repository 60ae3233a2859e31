//! The report as one self-contained HTML page: inline CSS, charts as inline
//! SVG, nothing fetched. Every label is in Chinese and English.
//!
//! Each diagnostic has a row of its own in the section of its file (an
//! anchor `#f3-d7`), with its line and column, message and the line as
//! written; the tables by code link to those rows, and each file's heading
//! links to the file itself (a URL relative to the report's folder).

use super::{code_title, BodyView, Place, Report};
use crate::diag::{Lang, Severity};
use crate::emit::chart::{self, Bar, Chart, Geometry};
use crate::emit::html::esc;
use rust_decimal::Decimal;
use std::fmt::Write;

const CSS: &str = r#"
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin-top: 1.5em; }
.sub, .en { color: #59636e; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #d0d7de; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
thead th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: #cf222e; font-weight: bold; }
.warning { color: #9a6700; font-weight: bold; }
.clean { color: #1a7f37; font-weight: bold; }
.loosened { color: #cf222e; }
code.line { white-space: pre-wrap; background: #f6f8fa; padding: 0 0.3em; }
ul.places { margin: 0; padding-left: 1.2em; }
tr:target { background: #fff8c5; }
nav ul { columns: 2; }
"#;

/// The page (ends with a newline).
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = write_page(&mut o, r);
    o
}

fn write_page(o: &mut String, r: &Report) -> std::fmt::Result {
    let bodies = r.bodies();
    writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"jixiao {}\">\n<title>绩效目标表审核报告 Review of performance-target sheets</title>\n<style>{CSS}</style>\n</head>\n<body>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        o,
        "<header>\n<h1>绩效目标表审核报告 <span class=\"en\">Review of performance-target sheets</span></h1>\n<p class=\"sub\">{} 张表，{} 个单位 · {} sheets, {} bodies</p>\n</header>",
        r.files.len(),
        bodies.iter().filter(|b| b.body.is_some()).count(),
        r.files.len(),
        bodies.iter().filter(|b| b.body.is_some()).count(),
    )?;
    overview(o, r)?;
    frequent(o, r)?;
    if r.with_previous {
        loosened(o, r)?;
    }
    writeln!(o, "<h2>各单位 <span class=\"en\">Bodies</span></h2>")?;
    writeln!(o, "<nav><ul>")?;
    for (i, b) in bodies.iter().enumerate() {
        writeln!(o, "<li><a href=\"#b{i}\">{}</a></li>", esc(&body_name(b)))?;
    }
    writeln!(o, "</ul></nav>")?;
    for (i, b) in bodies.iter().enumerate() {
        body(o, r, i, b)?;
    }
    writeln!(
        o,
        "<h2>各文件的问题 <span class=\"en\">Findings by file</span></h2>"
    )?;
    for (i, _) in r.files.iter().enumerate() {
        file_section(o, r, i)?;
    }
    writeln!(o, "</body>\n</html>")
}

fn body_name(b: &BodyView) -> String {
    match b.body {
        Some(body) => match &body.code {
            Some(c) => format!("{c} {}", body.name),
            None => body.name.clone(),
        },
        None => "无法识别单位的表 Sheets of no known body".to_string(),
    }
}

fn overview(o: &mut String, r: &Report) -> std::fmt::Result {
    let n = r.files.len();
    let (clean, spotless) = (r.clean(), r.spotless());
    writeln!(o, "<h2>总览 <span class=\"en\">Overview</span></h2>")?;
    writeln!(o, "<table class=\"overview\"><tbody>")?;
    let rows = [
        ("表 Sheets", n.to_string()),
        (
            "无错误的表 Sheets without errors",
            format!("{clean}（{}%）", Report::percent(clean, n)),
        ),
        (
            "无任何问题的表 Sheets without any finding",
            format!("{spotless}（{}%）", Report::percent(spotless, n)),
        ),
        ("错误 Errors", r.errors().to_string()),
        ("警告 Warnings", r.warnings().to_string()),
    ];
    for (k, v) in rows {
        writeln!(o, "<tr><th>{k}</th><td class=\"num\">{}</td></tr>", esc(&v))?;
    }
    writeln!(o, "</tbody></table>")?;
    let bars = [
        bar("无错误 clean", clean, n, "#1a7f37"),
        bar("有错误 with errors", n - clean, n, "#cf222e"),
    ];
    let c = Chart {
        id: "chart-clean",
        title: "无错误的表所占比例 Share of sheets without errors",
        geometry: geometry(160),
        axis: None,
    };
    chart::write(o, &c, &bars)
}

fn bar(label: &str, part: usize, whole: usize, colour: &'static str) -> Bar {
    Bar {
        label: label.to_string(),
        value: Decimal::from(part),
        text: format!("{part}（{}%）", Report::percent(part, whole)),
        tooltip: None,
        colour,
    }
}

fn geometry(label_w: u32) -> Geometry {
    Geometry {
        label_w,
        label_gap: 10,
        bar_w: 420,
        text_w: 140,
        row_h: 24,
        bar_pad: 4,
        top: 2,
        bottom: 4,
        min_bar: 1,
    }
}

/// At most this many codes in the chart of the most frequent.
const TOP_CODES: usize = 15;

fn frequent(o: &mut String, r: &Report) -> std::fmt::Result {
    let counts = r.code_counts();
    writeln!(
        o,
        "<h2>最常见的问题 <span class=\"en\">Most frequent defects</span></h2>"
    )?;
    if counts.is_empty() {
        return writeln!(o, "<p class=\"clean\">没有问题 No findings</p>");
    }
    let bars: Vec<Bar> = counts
        .iter()
        .take(TOP_CODES)
        .map(|c| Bar {
            label: format!(
                "{} {}",
                c.code,
                chart::short(code_title(&c.code, Lang::Zh), 12)
            ),
            value: Decimal::from(c.count),
            text: format!("{}（{} 张表 sheets）", c.count, c.files),
            tooltip: Some(code_title(&c.code, Lang::En).to_string()),
            colour: colour(c.severity),
        })
        .collect();
    let c = Chart {
        id: "chart-codes",
        title: "最常见的问题 Most frequent defects",
        geometry: Geometry {
            text_w: 200,
            ..geometry(260)
        },
        axis: None,
    };
    chart::write(o, &c, &bars)?;
    writeln!(
        o,
        "<table><thead><tr><th>代码 Code</th><th>问题 Defect</th><th class=\"num\">次数 Count</th><th class=\"num\">表数 Sheets</th></tr></thead><tbody>"
    )?;
    for c in &counts {
        writeln!(
            o,
            "<tr><td class=\"{}\">{}</td><td>{}<br><span class=\"en\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            class(c.severity),
            esc(&c.code),
            esc(code_title(&c.code, Lang::Zh)),
            esc(code_title(&c.code, Lang::En)),
            c.count,
            c.files
        )?;
    }
    writeln!(o, "</tbody></table>")
}

fn colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "#cf222e",
        Severity::Warning => "#bf8700",
    }
}

fn class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn loosened(o: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(
        o,
        "<h2>比上年放宽了目标的单位 <span class=\"en\">Bodies whose targets were loosened since last year</span></h2>"
    )?;
    let without: Vec<&str> = r
        .files
        .iter()
        .filter(|f| f.body.is_some() && !f.has_previous)
        .map(|f| f.name.as_str())
        .collect();
    if r.loosened().next().is_none() {
        writeln!(
            o,
            "<p class=\"clean\">没有放宽的目标 No target was loosened</p>"
        )?;
    } else {
        writeln!(
            o,
            "<table><thead><tr><th>单位 Body</th><th>项目 Project</th><th>指标 Indicator</th><th>上年 Last year</th><th>今年 This year</th></tr></thead><tbody>"
        )?;
        for (i, f) in r.loosened() {
            let who = f.body.as_ref().map_or(String::new(), |b| b.name.clone());
            for l in &f.loosened {
                writeln!(
                    o,
                    "<tr><td><a href=\"#f{i}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"loosened\">{}</td></tr>",
                    esc(&who),
                    esc(&l.project),
                    esc(&l.indicator),
                    esc(&l.old),
                    esc(&l.new)
                )?;
            }
        }
        writeln!(o, "</tbody></table>")?;
    }
    if !without.is_empty() {
        writeln!(
            o,
            "<p class=\"sub\">没有找到上年的表 No sheet of last year for: {}</p>",
            esc(&without.join("、"))
        )?;
    }
    Ok(())
}

fn body(o: &mut String, r: &Report, i: usize, b: &BodyView) -> std::fmt::Result {
    let year = b
        .body
        .map(|x| format!(" · {} 年度", x.year))
        .unwrap_or_default();
    writeln!(
        o,
        "<h3 id=\"b{i}\">{}{}</h3>",
        esc(&body_name(b)),
        esc(&year)
    )?;
    let status = if b.errors == 0 {
        "<span class=\"clean\">无错误 clean</span>".to_string()
    } else {
        format!("<span class=\"error\">{} 个错误 errors</span>", b.errors)
    };
    writeln!(
        o,
        "<p>{status} · {} 个警告 warnings · 文件 files: {}</p>",
        b.warnings,
        b.files
            .iter()
            .map(|&f| format!("<a href=\"#f{f}\">{}</a>", esc(&r.files[f].name)))
            .collect::<Vec<_>>()
            .join("、")
    )?;
    // Projects.
    let projects: Vec<(&str, &super::ProjectRow)> = b
        .files
        .iter()
        .flat_map(|&f| {
            let unit = r.files[f].body.as_ref().map_or("", |x| x.unit.as_str());
            r.files[f].projects.iter().map(move |p| (unit, p))
        })
        .collect();
    if !projects.is_empty() {
        writeln!(
            o,
            "<table><thead><tr><th>项目编码 Code</th><th>项目 Project</th><th class=\"num\">预算 Budget</th><th class=\"num\">财政资金 Fiscal</th><th class=\"num\">其他资金 Other</th><th class=\"num\">指标 Indicators</th></tr></thead><tbody>"
        )?;
        for (unit, p) in &projects {
            writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{} {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(p.code.as_deref().unwrap_or("")),
                esc(&p.name),
                p.total,
                esc(unit),
                p.fiscal,
                p.other,
                p.indicators
            )?;
        }
        writeln!(o, "</tbody></table>")?;
    }
    // Budget by fund-source class.
    for (unit, [total, fiscal, other, unsourced]) in &b.budget {
        writeln!(
            o,
            "<p>预算合计 Total budget: <b>{total}</b> {u} = 财政资金 fiscal {fiscal} + 其他资金 other {other}{}</p>",
            if unsourced.is_zero() {
                String::new()
            } else {
                format!(" + 未列来源 not itemised {unsourced}")
            },
            u = esc(unit)
        )?;
    }
    // Indicators per category.
    if !b.indicators.is_empty() {
        let cells: Vec<String> = b
            .indicators
            .iter()
            .map(|(k, n)| format!("{} {n}", esc(k)))
            .collect();
        writeln!(o, "<p>指标 Indicators: {}</p>", cells.join(" · "))?;
    }
    // Findings by code.
    if !b.by_code.is_empty() {
        writeln!(
            o,
            "<table><thead><tr><th>代码 Code</th><th class=\"num\">次数 Count</th><th>位置 Places</th></tr></thead><tbody>"
        )?;
        let mut codes: Vec<(&String, &(Severity, Vec<Place>))> = b.by_code.iter().collect();
        codes.sort_by(|a, b| b.1 .1.len().cmp(&a.1 .1.len()).then_with(|| a.0.cmp(b.0)));
        for (code, (severity, places)) in codes {
            let links: Vec<String> = places
                .iter()
                .map(|&(f, d)| {
                    let file = &r.files[f];
                    format!(
                        "<a href=\"#f{f}-d{d}\">{}:{}</a>",
                        esc(&file.name),
                        file.findings[d].line
                    )
                })
                .collect();
            writeln!(
                o,
                "<tr><td class=\"{}\" title=\"{}\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                class(*severity),
                esc(code_title(code, Lang::Zh)),
                esc(code),
                places.len(),
                links.join(" ")
            )?;
        }
        writeln!(o, "</tbody></table>")?;
    }
    Ok(())
}

fn file_section(o: &mut String, r: &Report, i: usize) -> std::fmt::Result {
    let f = &r.files[i];
    let status = if f.unreadable {
        "<span class=\"error\">无法读取 unreadable</span>".to_string()
    } else if f.errors == 0 && f.warnings == 0 {
        "<span class=\"clean\">无问题 clean</span>".to_string()
    } else {
        format!(
            "<span class=\"error\">{}</span> 个错误 errors，<span class=\"warning\">{}</span> 个警告 warnings",
            f.errors, f.warnings
        )
    };
    writeln!(
        o,
        "<h3 id=\"f{i}\"><a href=\"{}\">{}</a></h3>\n<p>{status}</p>",
        esc(&f.href),
        esc(&f.name)
    )?;
    if f.findings.is_empty() {
        return Ok(());
    }
    writeln!(
        o,
        "<table><thead><tr><th>行:列 Line:col</th><th>代码 Code</th><th>问题 Message</th></tr></thead><tbody>"
    )?;
    for (j, d) in f.findings.iter().enumerate() {
        writeln!(
            o,
            "<tr id=\"f{i}-d{j}\"><td class=\"num\">{}:{}:{}</td><td class=\"{}\">{}</td><td>{}<br><span class=\"en\">{}</span><br><code class=\"line\">{}</code></td></tr>",
            esc(&f.name),
            d.line,
            d.column,
            class(d.severity),
            esc(&d.code),
            esc(&d.message.zh),
            esc(&d.message.en),
            esc(&d.excerpt)
        )?;
    }
    writeln!(o, "</tbody></table>")
}
