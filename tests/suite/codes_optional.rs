//! Sheets without codes: many bodies publish a department and projects by
//! name only. They compile, keep no invented code, are told apart by name,
//! and every message and output names them without a gap.

use jixiao::diag::Code;
use jixiao::source::SourceFile;

fn sheet(projects: &str) -> String {
    format!("department \"某镇人民政府\" {{\n  year 2023\n  unit 万元\n}}\n\n{projects}")
}

fn project(name: &str, budget: &str, satisfaction: bool) -> String {
    let last = if satisfaction {
        "  indicator 满意度.服务对象满意度 \"群众满意度\" ≥90%\n"
    } else {
        ""
    };
    format!(
        "project \"{name}\" {{\n  budget {budget} {{ 财政资金 {budget} }}\n  \
         indicator 产出.数量 \"服务人次\" ≥100人次\n  \
         indicator 效益.社会效益 \"村务管理水平\" 稳步提高\n{last}}}\n"
    )
}

#[test]
fn a_sheet_without_codes_compiles_and_keeps_none() {
    let text = sheet(&(project("村级事务管理", "5", true) + &project("环境卫生整治", "8", true)));
    let c = jixiao::compile(&SourceFile::new("t.jx", text));
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let s = c.ok().unwrap();
    assert_eq!(s.department.code, None);
    assert_eq!(s.department.name, "某镇人民政府");
    assert!(s.projects.iter().all(|p| p.code.is_none()));
    let json = jixiao::emit::json::to_string(s);
    assert!(json.contains("\"code\": null"), "{json}");
    // The tables print the names and no stand-in for the missing codes.
    let html = jixiao::emit::html::to_string(s);
    assert!(html.contains("村级事务管理") && html.contains("某镇人民政府"));
    assert!(!html.contains("None") && !html.contains("null"));
    assert!(!jixiao::emit::docx::to_bytes(s).is_empty());
}

#[test]
fn projects_without_codes_are_told_apart_by_name() {
    let text = sheet(&(project("村级事务管理", "5", true) + &project("村级事务管理", "8", true)));
    let c = jixiao::compile(&SourceFile::new("t.jx", text.as_str()));
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E302]);
    let d = &c.diagnostics[0];
    // On the second project's name, pointing back at the first.
    let second = text.rfind("\"村级事务管理\"").unwrap();
    assert_eq!(d.span.start, second);
    assert_eq!(
        d.secondary[0].span.start,
        text.find("\"村级事务管理\"").unwrap()
    );
    assert!(d.message.zh.contains("村级事务管理"));
}

#[test]
fn messages_name_a_project_by_its_name() {
    let text = sheet(&project("环境卫生整治", "8", false));
    let c = jixiao::compile(&SourceFile::new("t.jx", text));
    let missing: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::W506)
        .collect();
    assert_eq!(missing.len(), 1, "{:?}", c.diagnostics);
    assert!(
        missing[0].message.zh.contains("环境卫生整治"),
        "{}",
        missing[0].message.zh
    );
    assert!(missing[0].message.en.contains("环境卫生整治"));
}

#[test]
fn diff_matches_projects_without_codes_by_name() {
    let old = sheet(&project("环境卫生整治", "8", true));
    let new = sheet(&project("环境卫生整治", "10", true));
    let compile = |t: &str| {
        jixiao::compile(&SourceFile::new("t.jx", t))
            .ok()
            .cloned()
            .unwrap()
    };
    let d = jixiao::diff::diff(&compile(&old), &compile(&new));
    assert_eq!(d.projects.len(), 1);
    assert_eq!(d.projects[0].status, jixiao::diff::ProjectStatus::Changed);
    assert_eq!(d.projects[0].code, None);
    let text = jixiao::diff::render_text(&d, false, jixiao::diag::Lang::En);
    assert!(text.contains("环境卫生整治"), "{text}");
    assert!(!text.contains("None"), "{text}");
    assert!(text.contains("project 环境卫生整治 ("), "{text}");
    assert!(
        !text.contains("  某镇") && !text.contains("project  "),
        "{text}"
    );
}
