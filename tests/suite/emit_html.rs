//! The HTML page: the example as a reviewed snapshot, escaping, the table
//! structure, self-containment and determinism.

use crate::common::{self, sheet_of};

fn example_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/beidaihe-2020.jx");
    std::fs::read_to_string(path).unwrap()
}

fn example_html() -> String {
    jixiao::emit::html::to_string(&sheet_of("beidaihe-2020.jx", &example_text()))
}

/// The `<table>…</table>` blocks of a page.
fn tables(html: &str) -> Vec<&str> {
    html.split("<table class=\"sheet\">")
        .skip(1)
        .map(|t| &t[..t.find("</table>").unwrap()])
        .collect()
}

/// A fragment with its tags' attributes dropped: `<td class="c">` → `<td>`.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut skipping = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                skipping = false;
                out.push(c);
            }
            '>' => {
                in_tag = false;
                skipping = false;
                out.push(c);
            }
            ' ' if in_tag => skipping = true,
            _ if skipping => {}
            _ => out.push(c),
        }
    }
    out
}

const HOSTILE: &str = r#"department "001" "<b>单位</b> & 子单位" {
  year 2021
  unit 元
  framework 2015
}
overall {
  summary "总体 <script>alert(1)</script> & \"引号\" 'single'"
  objective "制度<i>" "内容 & 更多"
  measure "措施 </p><p>"
}
project "P-1" "<script>alert(1)</script>" {
  budget 10.00 { 财政资金 10.00 }
  purpose "用途 & \"quoted\" <img src=x onerror=alert(1)>"
  plan 12月 100%
  goal "目标 <script>alert(2)</script>"
  indicator 产出.数量 "数量 & <u>" =3个 { desc "描述 \"x\" & y" }
  indicator 效益.社会效益 "效益" 好
  indicator 满意度.服务对象满意度 "满意度" ≥90%
}
"#;

#[test]
fn example_html_snapshot() {
    insta::assert_snapshot!("beidaihe-2020.html", example_html());
}

#[test]
fn page_is_a_self_contained_html5_document() {
    let html = example_html();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<title>秦皇岛市北戴河区机关事务管理局 2020年部门预算绩效信息</title>"));
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("break-inside: avoid"));
    for bad in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "url(",
        "@import",
        "<link",
        "<script",
    ] {
        assert!(!html.contains(bad), "page holds {bad}");
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    // Part 1 with its three sections, in the sample's numbering.
    for s in [
        "<h2>第一部分 部门整体绩效目标</h2>",
        "<h3>（一）总体绩效目标：</h3>",
        "<h3>（二）分项绩效目标：</h3>",
        "<p class=\"para\">1.规章制度：组织制定实施本局各项规章制度",
        "<p class=\"para\">3.资产管理：加强国有资产管理",
        "<h3>（三）工作保障措施：</h3>",
        "<p class=\"para\">5、对食堂饭菜的品质进一步改善",
        "<h2>第二部分 预算项目绩效目标</h2>",
    ] {
        assert!(html.contains(s), "missing {s}");
    }
    // The contents list links to every table.
    for n in 1..=9 {
        let link = format!("<a href=\"#project-{n}\">");
        assert_eq!(html.matches(&link).count(), 1, "{link}");
        assert!(html.contains(&format!("<section class=\"project\" id=\"project-{n}\">")));
    }
    // Charts: one spending plan per project and the budget split; each an
    // image with a title.
    assert_eq!(html.matches("<svg role=\"img\"").count(), 10);
    assert_eq!(html.matches("<title id=").count(), 10);
}

#[test]
fn nine_tables_laid_out_as_in_the_sample() {
    let html = example_html();
    let ts = tables(&html);
    assert_eq!(ts.len(), 9);
    for t in &ts {
        // 项目编码, budget ×2, plan ×2, goals, indicator header, 3 indicators.
        assert_eq!(t.matches("<tr>").count(), 10, "{t}");
        // 预算规模及资金用途 and 资金支出计划（%） span two rows each.
        assert_eq!(t.matches("rowspan=\"2\"").count(), 2, "{t}");
        assert_eq!(t.matches("rowspan=").count(), 2);
        assert!(t.contains("<th rowspan=\"2\">预算规模及资金用途</th>"));
        assert!(t.contains("<th rowspan=\"2\">资金支出计划（%）</th>"));
        for label in [
            "项目编码",
            "项目名称",
            "预算数",
            "其中：财政资金",
            "其他资金",
            "绩效目标",
            ">一级指标<",
            ">指标值确定依据<",
            ">3月底<",
            ">6月底<",
            ">10月底<",
            ">12月底<",
            "<th>产出指标</th>",
            "<th>效果指标</th>",
            "<th>满意度指标</th>",
            "<th>服务对象满意度指标</th>",
        ] {
            assert!(t.contains(label), "missing {label}");
        }
    }
    let first = ts[0];
    assert!(first.contains(">430-0502-JBN-GG1U<"));
    assert!(first.contains(">“创意之家”租赁费<"));
    assert!(first.contains(">78.00<"));
    assert!(first.contains(">25.00<") && first.contains(">50.00<") && first.contains(">100.00<"));
    assert!(first.contains(
        "1、资金到位及时，能够支付“创意之家”租赁费。<br>2、资金使用全部用于“创意之家”租赁费。"
    ));
    assert!(first.contains(">≥90%<") && first.contains(">≥80%<"));
    // 政府大楼保险: no March value, so a blank cell first.
    let values: Vec<String> = ts[7].lines().map(plain).collect();
    assert!(
        values.contains(
            &"<tr><td></td><td>100.00</td><td>100.00</td><td>100.00</td></tr>".to_string()
        ),
        "{values:#?}"
    );
    // Headings, with the body line and the unit above each table.
    assert!(html.contains("<h3>1、“创意之家”租赁费绩效目标表</h3>"));
    assert!(html.contains("<h3>9、综合办公楼水电费绩效目标表</h3>"));
    assert_eq!(
        html.matches("<p class=\"meta\"><span>430002秦皇岛市北戴河区机关事务管理局</span><span>单位：万元</span></p>")
            .count(),
        9
    );
}

#[test]
fn level_cells_span_their_indicators() {
    let text = r#"department "1" "单位" {
  year 2020
  unit 万元
  framework 2015
}
project "A" "项目" {
  budget 1.00 { 财政资金 1.00 }
  indicator 产出.数量 "甲" =1个
  indicator 产出.数量 "乙" =2个
  indicator 产出.时效 "丙" ≥90%
  indicator 效益.社会效益 "丁" 好
  indicator 满意度.服务对象满意度 "戊" ≥90%
}
"#;
    let html = jixiao::emit::html::to_string(&sheet_of("spans.jx", text));
    let t = tables(&html)[0];
    assert!(t.contains("<th rowspan=\"3\">产出指标</th><th rowspan=\"2\">数量指标</th>"));
    assert!(t.contains("<th>时效指标</th>"));
    assert!(t.contains("<th>效益指标</th>"));
}

#[test]
fn every_text_is_escaped() {
    let html = jixiao::emit::html::to_string(&sheet_of("hostile.jx", HOSTILE));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>") && !html.contains("<i>") && !html.contains("<u>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("用途 &amp; &quot;quoted&quot; &lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&#39;single&#39;"));
    assert!(
        html.contains("<title>&lt;b&gt;单位&lt;/b&gt; &amp; 子单位 2021年部门预算绩效信息</title>")
    );
    assert!(html.contains("措施 &lt;/p&gt;&lt;p&gt;"));
    assert!(html.contains("描述 &quot;x&quot; &amp; y"));
    // Bare ampersands only as entities.
    for (i, _) in html.match_indices('&') {
        let rest = &html[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "bare & at {}",
            &rest[..rest.len().min(20)]
        );
    }
}

#[test]
fn same_sheet_same_bytes() {
    let a = example_html();
    let b = example_html();
    assert_eq!(a, b);
    let s = sheet_of("hostile.jx", HOSTILE);
    assert_eq!(
        jixiao::emit::html::to_string(&s),
        jixiao::emit::html::to_string(&s.clone())
    );
}

/// Every example, by file name.
fn examples() -> Vec<(String, String)> {
    let out = common::sheets_in(&["examples"]);
    assert!(out.len() >= 3);
    out
}

/// Takes at most `step` bytes a call, and fails once `room` is used up.
struct Trickle {
    got: Vec<u8>,
    step: usize,
    room: usize,
}

impl std::io::Write for Trickle {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.got.len() >= self.room {
            return Err(std::io::Error::other("no room"));
        }
        let n = buf.len().min(self.step).min(self.room - self.got.len());
        self.got.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_streamed_page_is_the_page_for_every_example() {
    for (name, text) in examples() {
        let sheet = sheet_of(&name, &text);
        let page = jixiao::emit::html::to_string(&sheet);
        let mut w = Trickle {
            got: Vec::new(),
            step: 7,
            room: usize::MAX,
        };
        jixiao::emit::html::write(&sheet, &mut w).unwrap();
        assert!(w.got == page.as_bytes(), "{name}");
        // A writer failing part way: an error, and what came before it.
        for room in [0, 1000, page.len() / 2, page.len() - 1] {
            let mut w = Trickle {
                got: Vec::new(),
                step: 4096,
                room,
            };
            assert!(jixiao::emit::html::write(&sheet, &mut w).is_err(), "{name}");
            assert!(page.as_bytes().starts_with(&w.got), "{name}");
        }
    }
}
