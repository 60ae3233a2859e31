//! Forms of published tables the language holds as they are printed.

use jixiao::diag::Code;
use jixiao::source::SourceFile;

const STATEMENT: &str = "department \"1\" \"某局\" {\n  year 2023\n  unit 万元\n}\n\
project \"P\" \"河道生态修复\" {\n  budget 10 { 财政资金 10 }\n  \
indicator 产出.数量 \"修复河道长度\" ≥2公里\n  \
indicator 效益.生态效益 \"生态修复功能提高\"\n  \
indicator 满意度.服务对象满意度 \"服务对象满意度\" ≥80%\n}\n";

#[test]
fn an_indicator_whose_name_is_its_statement_has_no_target() {
    let c = jixiao::compile(&SourceFile::new("t.jx", STATEMENT));
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::W615]);
    let s = c.ok().unwrap();
    let ind = &s.projects[0].indicators[1];
    assert_eq!(ind.name, "生态修复功能提高");
    assert_eq!(ind.target, None);
    // JSON says so; the tables print an empty 指标值 and nothing invented.
    let json = jixiao::emit::json::to_string(s);
    assert!(json.contains("\"target\": null"), "{json}");
    let html = jixiao::emit::html::to_string(s);
    assert!(html.contains("生态修复功能提高") && !html.contains("None"));
    assert!(!jixiao::emit::docx::to_bytes(s).is_empty());
    // Giving the target next year is a change of kind, not silence.
    let next = STATEMENT.replace("\"生态修复功能提高\"", "\"生态修复功能提高\" 明显提高");
    let n = jixiao::compile(&SourceFile::new("n.jx", next));
    let d = jixiao::diff::diff(s, n.ok().unwrap());
    assert_eq!(d.totals.counts.targets_kind_changed, 1);
}
