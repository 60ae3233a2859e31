//! The bundled example: it checks with exactly the sample's real problems as
//! warnings, and its JSON is pinned as a snapshot.

use crate::common::*;
use jixiao::source::SourceFile;

fn compile_example() -> jixiao::Compiled {
    jixiao::compile(&SourceFile::new("beidaihe-2020.jx", example()))
}

#[test]
fn example_has_no_errors_and_only_its_real_warnings() {
    let c = compile_example();
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    // W606: 支持全区公务用车数量 is a 数量指标 with a % target.
    // W509: 参培住院医师满意度 copied from a hospital template.
    assert_eq!(codes, ["W606", "W509"]);
    assert!(!c.has_errors());
}

#[test]
fn example_json_snapshot() {
    let c = compile_example();
    let json = jixiao::emit::json::to_string(c.ok().expect("example compiles"));
    insta::assert_snapshot!("beidaihe-2020.json", json);
}

#[test]
fn example_facts() {
    let c = compile_example();
    let s = c.ok().unwrap();
    assert_eq!(s.department.code.as_deref(), Some("430002"));
    assert_eq!(s.projects.len(), 9);
    assert_eq!(s.overall.objectives.len(), 6);
    assert_eq!(s.overall.measures.len(), 5);
    assert_eq!(s.totals.indicators, 27);
    // 78 + 6 + 30 + 104.5 + 1.8 + 22.5 + 125 + 12.94 + 175, exactly.
    assert_eq!(s.totals.budget.to_string(), "555.74");
    let codes: Vec<&str> = s
        .projects
        .iter()
        .filter_map(|p| p.code.as_deref())
        .collect();
    assert_eq!(
        codes,
        [
            "430-0502-JBN-GG1U",
            "430-0403-JBN-S6R7",
            "430-0502-JBN-HE3Q",
            "430-0502-JBN-Y5UG",
            "430-0502-JBN-RODQ",
            "430-0502-JBN-NK6Y",
            "430-0502-JBN-1T3G",
            "430-0502-JBN-8KFC",
            "430-0502-JBN-Z8GY",
        ]
    );
    for p in &s.projects {
        let l1: Vec<&str> = p.indicators.iter().map(|i| i.level1).collect();
        assert_eq!(l1, ["产出指标", "效益指标", "满意度指标"], "{:?}", p.code);
        assert_eq!(p.indicators[1].level1_written, "效果");
        assert_eq!(p.plan.last().unwrap().percent.to_string(), "100.00");
    }
}

#[test]
fn json_is_byte_identical_across_runs() {
    let dir = scratch("example-determinism");
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    let src = root().join("examples/beidaihe-2020.jx");
    for out in [&a, &b] {
        let o = jixiao(&[
            "build",
            src.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn illustration_of_the_whole_language_checks_clean() {
    let text = std::fs::read_to_string(root().join("examples/county-school-2021.jx")).unwrap();
    let c = jixiao::compile(&SourceFile::new("county-school-2021.jx", text));
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let s = c.ok().unwrap();
    assert_eq!(s.department.unit, "元");
    assert_eq!(s.department.framework, "2021");
    let p = &s.projects[0];
    assert_eq!(p.agency.as_deref(), Some("某县第一中学"));
    assert_eq!(p.budget.sources[0].sources.len(), 2);
    assert_eq!(p.period.as_ref().unwrap().goals.len(), 1);
    let weights: rust_decimal::Decimal = p.indicators.iter().filter_map(|i| i.weight).sum();
    assert_eq!(weights.to_string(), "90");
    assert_eq!(p.indicators[0].level1, "成本指标");
    assert_eq!(
        p.indicators[0].target.as_ref().unwrap().kind(),
        jixiao::model::TargetKind::Money
    );
    // `6月底前` in a 2021 sheet: a typed date, completed with the sheet's year.
    assert_eq!(
        p.indicators[3].target.as_ref().unwrap().value,
        jixiao::model::TargetValue::Date {
            date: jixiao::model::Date::Day {
                year: 2021,
                month: 6,
                day: 30
            }
        }
    );
    assert!(p.indicators[1].core);
    let last = p.indicators[1].last_year.as_ref().unwrap();
    assert!(matches!(
        &last.value,
        jixiao::model::TargetValue::Quantity { value, .. } if value.to_string() == "1480"
    ));
    assert_eq!(s.units[0].name, "校次");
    assert_eq!(
        s.overall.summary.as_deref(),
        Some("统筹全县义务教育均衡发展，保障学校正常运转。\n推进校舍安全改造，提高教师队伍素质。")
    );
}
