//! Self-evaluations and monitoring forms (docs/evaluation.md): the bundled
//! examples check as their comments say, every stated score agrees with the
//! rules recomputed here from the JSON alone, no input panics, and the
//! command line checks and builds them.

use crate::common::*;
use jixiao::source::SourceFile;
use jixiao::{compile_document, document_kind, DocumentKind, FsLoader};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::str::FromStr;

fn eval_dir() -> PathBuf {
    root().join("examples/evaluation")
}

/// Every evaluation example as (path, text), sorted.
fn examples() -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(eval_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jx"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 4, "{} evaluation examples", out.len());
    out
}

fn compile_at(path: &Path, text: &str) -> jixiao::Compiled {
    let file = SourceFile::new(path.display().to_string(), text);
    compile_document(&file, &FsLoader::beside(path))
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().and_then(|s| Decimal::from_str(s).ok())
}

fn round2(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A stated figure agrees with the exact one at its own precision (at most
/// 2 decimals), rounded or cut: docs/evaluation.md, "Tolerance".
fn agrees(stated: Decimal, exact: Decimal) -> bool {
    let dp = stated.scale().min(2);
    stated == exact
        || stated == round2(exact)
        || stated == exact.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        || stated == exact.round_dp_with_strategy(dp, RoundingStrategy::ToZero)
}

/// The points of one quantitative indicator by the rules of docs/evaluation.md,
/// from its JSON alone.
fn rule_points(ind: &Value, reverse_rule: &str) -> Option<Decimal> {
    let t = dec(&ind["target"]["value"])?;
    let a = dec(&ind["actual"]["value"])?.max(Decimal::ZERO);
    let w = dec(&ind["weight"])?;
    let rule = ind["rule"].as_str().unwrap_or(reverse_rule);
    Some(match ind["target"]["direction"].as_str()? {
        "negative" if a <= t => w,
        "negative" if rule == "reverse_ratio" => round2(t / a * w),
        "negative" if a >= t + t => Decimal::ZERO,
        "negative" => round2((Decimal::ONE - (a - t) / t) * w),
        "equal" if t.is_zero() => {
            if a <= Decimal::ZERO {
                w
            } else {
                Decimal::ZERO
            }
        }
        _ if a >= t => w,
        _ => round2(a / t * w),
    })
}

/// Every stated figure of a clean constructed example, recomputed from its
/// JSON alone by the rules of docs/evaluation.md; returns how many
/// indicators were scored.
fn recompute_every_score(name: &str) -> usize {
    let path = eval_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let c = compile_at(&path, &text);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let e = c.evaluation.expect("an evaluation");
    assert!(e.sheet_checked);
    let json: Value = serde_json::from_str(&jixiao::emit::json::evaluation_to_string(&e)).unwrap();
    assert_eq!(json["format"], "jixiao-evaluation/1");
    let mut checked = 0;
    let tables = std::iter::once(&json["overall"])
        .filter(|o| !o.is_null())
        .chain(json["projects"].as_array().unwrap());
    for p in tables {
        let x = &p["execution"];
        let budget = dec(&x["adjusted"]).or(dec(&x["initial"])).unwrap();
        let rate = dec(&x["spent"]).unwrap() * Decimal::ONE_HUNDRED / budget;
        assert!(agrees(dec(&x["rate"]).unwrap(), rate));
        let exec = round2(dec(&x["weight"]).unwrap() * rate / Decimal::ONE_HUNDRED);
        assert!(agrees(dec(&x["points"]).unwrap(), exec), "{p}");
        let mut sum = dec(&x["points"]).unwrap();
        for ind in p["indicators"].as_array().unwrap() {
            let stated = dec(&ind["points"]).unwrap();
            match ind["rule"].as_str() {
                // A target without a rule (a date): its points are held as stated.
                None => assert!(ind["computed_points"].is_null()),
                // 定性: the points lie in the band of the grade.
                Some("qualitative") => {
                    let w = dec(&ind["weight"]).unwrap();
                    let (low, high) = match ind["actual"]["completion"].as_str().unwrap() {
                        "achieved" => (w * Decimal::new(8, 1), w),
                        "partly" => (w * Decimal::new(6, 1), w * Decimal::new(8, 1)),
                        _ => (Decimal::ZERO, w * Decimal::new(6, 1)),
                    };
                    assert!(low <= stated && stated <= high, "{ind}");
                    checked += 1;
                }
                Some(_) => {
                    let rule = rule_points(ind, "fasp").unwrap();
                    assert!(agrees(stated, rule), "{ind}");
                    assert_eq!(dec(&ind["computed_points"]), Some(rule));
                    checked += 1;
                }
            }
            let deduction = dec(&ind["deduction"]).unwrap_or_default();
            sum += (stated - deduction).max(Decimal::ZERO);
        }
        assert!(agrees(dec(&p["total"]["points"]).unwrap(), sum), "{p}");
    }
    checked
}

#[test]
fn the_constructed_examples_are_clean_and_every_score_follows_the_rules() {
    assert_eq!(recompute_every_score("beidaihe-2020.自评.jx"), 9);
    // The body's own table (部门整体) beside its project's.
    assert_eq!(recompute_every_score("county-school-2021.自评.jx"), 7);
}

#[test]
fn the_example_json_is_stable() {
    let path = eval_dir().join("beidaihe-2020.自评.jx");
    let text = std::fs::read_to_string(&path).unwrap();
    let e = compile_at(&path, &text).evaluation.unwrap();
    insta::assert_snapshot!(
        "beidaihe-2020-evaluation.json",
        jixiao::emit::json::evaluation_to_string(&e)
    );
}

#[test]
fn document_kinds_are_told_by_the_first_statement() {
    assert_eq!(
        document_kind("department \"1\" \"x\" {}"),
        DocumentKind::Sheet
    );
    assert_eq!(
        document_kind("\u{feff}// c\n\n  自评 2020 {"),
        DocumentKind::Evaluation
    );
    assert_eq!(
        document_kind("\u{feff}evaluation 2020"),
        DocumentKind::Evaluation
    );
    assert_eq!(document_kind("监控 2020 {}"), DocumentKind::Monitoring);
    assert_eq!(document_kind("monitoring{"), DocumentKind::Monitoring);
    assert_eq!(document_kind(""), DocumentKind::Sheet);
    assert_eq!(document_kind("//"), DocumentKind::Sheet);
    // Units declared before the header (as import writes them).
    assert_eq!(
        document_kind("define-unit 校次 count\n// c\n自定义单位 台套 count; evaluation 2021 {}"),
        DocumentKind::Evaluation
    );
    assert_eq!(
        document_kind("define-unit 校次 count\ndepartment \"1\" \"x\" {}"),
        DocumentKind::Sheet
    );
}

#[test]
fn a_standalone_evaluation_is_checked_without_false_alarms() {
    // No sheet: nothing is compared with one, the rules still apply.
    let text = "evaluation 2023 {\n  department \"1\" \"某局\"\n  unit 万元\n  framework 2021\n}\n\
        project \"办公设备购置\" {\n  indicator 产出.数量 \"台数\" ≥10台 { weight 90; actual 9台; points 81; reason \"供货延迟\" }\n}\n";
    let c = compile_document(&SourceFile::new("x.jx", text), &jixiao::NoSheets);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let e = c.evaluation.unwrap();
    assert!(!e.sheet_checked);
    assert_eq!(e.framework, "2021");
    let ind = &e.projects[0].indicators[0];
    assert_eq!(ind.computed_points, Some(Decimal::from(81)));
    assert_eq!(ind.met, Some(false));
    // The same points without the reason: a shortfall without a reason.
    let bare = text.replace("; reason \"供货延迟\"", "");
    let c = compile_document(&SourceFile::new("x.jx", bare), &jixiao::NoSheets);
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E702"]);
}

#[test]
fn the_reverse_rule_is_chosen_per_document_or_indicator() {
    let doc = |rule: &str, own: &str, points: &str| {
        format!(
            "evaluation 2023 {{ reverse-rule {rule} }}\nproject \"P\" {{\n  \
             indicator 产出.成本 \"成本\" ≤30万元 {{ weight 90; actual 45万元; points {points}; reason \"超支\"{own} }}\n}}\n"
        )
    };
    let codes = |text: String| -> Vec<String> {
        compile_document(&SourceFile::new("x.jx", text), &jixiao::NoSheets)
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect()
    };
    // 一体化: (1 − 15/30) × 90 = 45; ratio: 30/45 × 90 = 60.
    assert!(codes(doc("一体化", "", "45")).is_empty());
    assert!(codes(doc("比值", "", "60")).is_empty());
    assert!(codes(doc("一体化", "; reverse-rule 比值", "60")).is_empty());
    assert_eq!(codes(doc("比值", "", "45")), ["E701"]);
}

const INSERTS: &[&str] = &[
    "{",
    "}",
    "\"",
    "\n",
    "%",
    "≥",
    "≤",
    "-",
    "0",
    "99999999999999999999999999999",
    "actual ",
    "points ",
    "weight 0",
    "达成",
    "source \"x\" { spent 1 }",
    "execution {",
    "sheet \"../beidaihe-2021.jx\"",
    "sheet \"/\"",
    "as-of 13月",
    "reverse-rule x",
    "monitoring 2020 {",
    "rate 0%",
    "adjusted 0",
    "deduction 99",
    "total { points",
];

#[test]
fn mutated_evaluations_never_panic() {
    let sheet = sheet_of("beidaihe-2020.jx", &example());
    let mut rng = Rng(0x5DEE_CE66_D1CE_4E5B);
    for (path, text) in examples() {
        for _ in 0..60 {
            let mutated = mutate(&text, &mut rng, 4, 30, INSERTS);
            let c = compile_at(&path, &mutated);
            if let Some(e) = &c.evaluation {
                // Every output of whatever model came out, errors or not.
                let _ = jixiao::emit::json::evaluation_to_string(e);
                let _ = jixiao::emit::html::evaluation_to_string(e);
                let _ = jixiao::emit::docx::evaluation_to_bytes(e);
                let _ = jixiao::emit::xlsx::evaluation_to_bytes(e);
                for t in jixiao::emit::eval_layout::eval_layout(e).tables {
                    assert!(t.table.is_consistent(), "{mutated}");
                }
                let _ = jixiao::diff::attainment(&sheet, e);
            }
            // As a monitoring form too.
            let other = mutated.replacen("evaluation", "monitoring", 1);
            let _ = compile_at(&path, &other);
        }
    }
}

#[test]
fn the_command_line_checks_and_builds_evaluations() {
    let ex = eval_dir().join("beidaihe-2020.自评.jx");
    let ex = ex.to_str().unwrap();
    assert_eq!(jixiao(&["check", ex]).status.code(), Some(0));
    let o = jixiao(&["build", ex, "--format", "json", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.starts_with("{\n  \"format\": \"jixiao-evaluation/1\""),
        "{out}"
    );
    // The official table as HTML to stdout; every format into a folder.
    let o = jixiao(&["build", ex, "--format", "html", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("<table class=\"sheet\">"));
    let dir = scratch("eval-build");
    let o = jixiao(&["build", ex, "-o", &format!("{}/", dir.display())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "beidaihe-2020.自评.docx",
            "beidaihe-2020.自评.html",
            "beidaihe-2020.自评.json",
            "beidaihe-2020.自评.xlsx"
        ]
    );
    // A missing sheet is a coded diagnostic on its line.
    let bad = dir.join("bad.jx");
    std::fs::write(&bad, "evaluation 2020 {\n  sheet \"none.jx\"\n}\n").unwrap();
    let o = jixiao(&["check", "--message-format", "short", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad.jx:2:9: error[E709]"),
        "{}",
        stderr(&o)
    );
}

/// The published self-evaluations draw exactly their published defects, each
/// said in a `sic` comment: (file, [(line, code)]).
#[test]
fn the_published_tables_draw_their_defects() {
    let want: &[(&str, &[(usize, &str)])] = &[
        ("beidaihe-2020.监控.jx", &[]),
        ("beidaihe-2020.自评.jx", &[]),
        (
            "chizhou-tangxi-2022.自评.jx",
            &[
                (22, "E710"),
                (23, "E710"),
                (24, "E710"),
                (49, "E603"),
                (70, "W606"),
            ],
        ),
        ("county-school-2021.自评.jx", &[]),
        ("daying-sifaju-2023.自评.jx", &[(23, "E503"), (57, "W713")]),
        (
            "qingshen-fagaiju-2023.自评.jx",
            &[
                (22, "W713"),
                (26, "W712"),
                (35, "W713"),
                (58, "W712"),
                (62, "W712"),
                (69, "W713"),
                (70, "W713"),
                (71, "W713"),
            ],
        ),
    ];
    let all = examples();
    assert_eq!(all.len(), want.len());
    for ((path, text), (name, codes)) in all.iter().zip(want) {
        assert!(path.ends_with(name), "{}", path.display());
        let file = SourceFile::new(path.display().to_string(), text.as_str());
        let c = compile_document(&file, &FsLoader::beside(path));
        let got: Vec<(usize, String)> = c
            .diagnostics
            .iter()
            .map(|d| (file.line_col(d.span.start).0, d.code.to_string()))
            .collect();
        let want: Vec<(usize, String)> = codes.iter().map(|(l, c)| (*l, c.to_string())).collect();
        assert_eq!(got, want, "{name}");
        // Each defect's line is commented with `sic`, or lies in a block
        // that such a comment introduces.
        let e = c
            .evaluation
            .expect("an evaluation model despite the defects");
        assert!(!e.projects.is_empty());
    }
}

/// What the transcriptions hold: every figure and text of the published
/// tables that survived in the stored copies.
#[test]
fn the_transcriptions_hold_the_published_facts() {
    let read = |name: &str| {
        let path = eval_dir().join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        compile_at(&path, &text).evaluation.unwrap()
    };
    let qs = read("qingshen-fagaiju-2023.自评.jx");
    let p = &qs.projects[0];
    assert_eq!(p.code.as_deref(), Some("51000021R000000019951"));
    let x = p.execution.as_ref().unwrap();
    assert_eq!(
        x.amounts.initial,
        Some(Decimal::from_str("238.93").unwrap())
    );
    assert_eq!(x.computed_rate, Some(Decimal::from_str("100.00").unwrap()));
    assert_eq!(x.sources.len(), 4);
    assert_eq!(p.indicators.len(), 2);
    assert_eq!(p.total.as_ref().unwrap().weight, Some(Decimal::from(100)));
    let ct = read("chizhou-tangxi-2022.自评.jx");
    let p = &ct.projects[0];
    assert_eq!(
        p.agency.as_ref().map(|a| a.text()),
        Some("[219001]池州市贵池区棠溪镇人民政府".into())
    );
    // 百分比 is refused as a unit: that row is reported, the others held.
    assert_eq!(p.indicators.len(), 9);
    assert_eq!(p.scores.len(), 3);
    let dy = read("daying-sifaju-2023.自评.jx");
    assert_eq!(dy.projects.len(), 2);
    assert_eq!(
        dy.projects[1].overview.as_deref(),
        Some("2023年购买13台安可电脑,并于12月前完成资金支付。")
    );
}

/// The forms are formatted like sheets, and their keywords translate both
/// ways without changing the model.
#[test]
fn evaluation_examples_are_canonical_and_translate() {
    use jixiao::fmt::{format, Options};
    for (path, text) in examples() {
        let opts = Options::default();
        assert_eq!(format(&text, &opts).unwrap(), text, "{}", path.display());
        let zh = format(
            &text,
            &Options {
                keywords: jixiao::fmt::Keywords::Chinese,
            },
        )
        .unwrap();
        assert!(
            zh.contains("\n自评 ") || zh.contains("\n监控 "),
            "{}",
            path.display()
        );
        let model = |t: &str| {
            let c = compile_at(&path, t);
            serde_json::to_string(&c.evaluation).unwrap()
        };
        assert_eq!(model(&zh), model(&text), "{}", path.display());
        // Forms head an item's weight 分值 and the total row 总分: the same
        // model, and back in English the same text.
        let form_words = zh.replace("权重 ", "分值 ").replace("合计 {", "总分 {");
        assert_eq!(model(&form_words), model(&text), "{}", path.display());
        let english = Options {
            keywords: jixiao::fmt::Keywords::English,
        };
        assert_eq!(
            format(&form_words, &english).unwrap(),
            text,
            "{}",
            path.display()
        );
    }
}

/// The monitoring example: figures up to July, the year's expectations, the
/// likelihood and causes of each indicator; the lag of 维修费 behind 序时进度
/// (7 ÷ 12) is explained, so nothing is reported.
#[test]
fn the_monitoring_example_holds_its_columns() {
    use jixiao::model::{Cause, EvaluationKind, Likelihood};
    let path = eval_dir().join("beidaihe-2020.监控.jx");
    let text = std::fs::read_to_string(&path).unwrap();
    let c = compile_at(&path, &text);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let m = c.evaluation.unwrap();
    assert_eq!((m.kind, m.as_of), (EvaluationKind::Monitoring, Some(7)));
    let repair = &m.projects[1];
    let x = repair.execution.as_ref().unwrap();
    assert_eq!(x.computed_rate, Some(Decimal::from_str("30.22").unwrap()));
    assert_eq!(
        x.amounts.expected,
        Some(Decimal::from_str("21.00").unwrap())
    );
    assert_eq!(x.computed_points, None, "monitoring forms are not scored");
    let first = &repair.indicators[0];
    assert_eq!(first.likelihood, Some(Likelihood::Possible));
    assert_eq!(first.causes, [Cause::Other]);
    assert_eq!(first.expected.as_deref(), Some("93%"));
    // Without its reason the lag is reported, on the spending.
    let bare = text.replace(
        "    reason \"办公楼屋面防水维修需在雨季后施工，原定7月的支出推迟到10月。\"\n",
        "",
    );
    let c = compile_at(&path, &bare);
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["W708"]);
}

fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

/// The official tables: every table's grid is whole, and every fact of
/// every example is printed in HTML and in Word; the same form gives the
/// same bytes.
#[test]
fn the_official_tables_print_every_fact() {
    use jixiao::emit::{docx, eval_layout, html};
    use jixiao::model::Actual;
    for (path, text) in examples() {
        let e = compile_at(&path, &text).evaluation.unwrap();
        let doc = eval_layout::eval_layout(&e);
        assert_eq!(
            doc.tables.len(),
            e.projects.len() + usize::from(e.overall.is_some())
        );
        for t in &doc.tables {
            assert!(t.table.is_consistent(), "{}: {}", path.display(), t.heading);
        }
        let page = html::evaluation_to_string(&e);
        let word = docx_text(&docx::evaluation_to_bytes(&e));
        assert_eq!(page, html::evaluation_to_string(&e));
        assert_eq!(docx::evaluation_to_bytes(&e), docx::evaluation_to_bytes(&e));
        let mut facts: Vec<String> = vec![doc.title.clone()];
        for p in e.overall.iter().chain(&e.projects) {
            facts.push(p.name.clone());
            facts.extend(p.conclusion.clone());
            facts.extend(p.problems.clone());
            facts.extend(p.improvement.clone());
            facts.extend(p.overview.clone());
            for g in &p.goals {
                facts.push(g.goal.clone());
                facts.extend(g.actual.clone());
            }
            if let Some(x) = &p.execution {
                facts.extend(x.amounts.spent.map(|d| d.to_string()));
                facts.extend(x.reason.clone());
                facts.extend(x.sources.iter().map(|s| s.name.clone()));
            }
            for i in &p.indicators {
                facts.push(i.name.clone());
                facts.extend(i.target.as_ref().map(|t| t.text.clone()));
                facts.extend(i.actual.as_ref().map(|a| a.text().to_string()));
                facts.extend(i.reason.clone());
                facts.extend(i.note.clone());
                facts.extend(i.points.map(|d| d.to_string()));
                if let Some(Actual::Completion { text, .. }) = &i.actual {
                    facts.push(text.clone());
                }
            }
        }
        let esc = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        for fact in facts.iter().filter(|f| !f.is_empty()) {
            for line in fact.lines() {
                assert!(
                    page.contains(&esc(line)),
                    "{}: HTML lacks {line}",
                    path.display()
                );
                assert!(word.contains(line), "{}: Word lacks {line}", path.display());
            }
        }
    }
}

/// Excel: the indicator rows in the column order of the 一体化 import
/// template (`selfprogram`, `traceprogram`: FASP.md §2.8), then the budget
/// rows; the same form gives the same bytes.
#[test]
fn excel_follows_the_import_templates() {
    use calamine::{Data, Reader, Xlsx};
    use jixiao::emit::xlsx;
    for (path, text) in examples() {
        let e = compile_at(&path, &text).evaluation.unwrap();
        let bytes = xlsx::evaluation_to_bytes(&e).unwrap();
        assert_eq!(bytes, xlsx::evaluation_to_bytes(&e).unwrap());
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        for (sheet, headers) in xlsx::evaluation_headers(e.kind) {
            let range = book.worksheet_range(sheet).unwrap();
            let first: Vec<String> = range
                .rows()
                .next()
                .unwrap()
                .iter()
                .map(|c| c.to_string())
                .collect();
            assert_eq!(first, headers, "{}: {sheet}", path.display());
        }
        let (sheet, headers) = &xlsx::evaluation_headers(e.kind)[0];
        let range = book.worksheet_range(sheet).unwrap();
        let rows: Vec<&[Data]> = range.rows().skip(1).collect();
        let indicators: usize = e
            .projects
            .iter()
            .map(|p| p.indicators.iter().filter(|i| !i.name.is_empty()).count())
            .sum();
        assert_eq!(rows.len(), indicators, "{}", path.display());
        // Columns 3 to 5 are the template's first: 一级指标, 二级指标, 三级指标名称.
        assert_eq!(&headers[2..5], ["一级指标", "二级指标", "三级指标名称"]);
    }
    // The template's twelve columns, in order.
    let (_, self_headers) = &xlsx::evaluation_headers(jixiao::model::EvaluationKind::Evaluation)[0];
    assert_eq!(
        self_headers[2..],
        [
            "一级指标",
            "二级指标",
            "三级指标名称",
            "计算符号",
            "指标值",
            "*实际完成值（定量填数字，定性填达成、部分达成、未达成）",
            "计量单位",
            "*分值",
            "*指标得分",
            "扣减分数",
            "完成情况简要描述",
            "偏差原因及改进措施",
        ]
    );
}

#[test]
fn the_example_tables_are_stable() {
    let path = eval_dir().join("beidaihe-2020.自评.jx");
    let text = std::fs::read_to_string(&path).unwrap();
    let e = compile_at(&path, &text).evaluation.unwrap();
    let page = jixiao::emit::html::evaluation_to_string(&e);
    // The page without its style sheet, which the sheet's page shares.
    let body = &page[page.find("<body>").unwrap()..];
    insta::assert_snapshot!("beidaihe-2020-evaluation.html", body);
}

/// `jixiao diff SHEET FORM`: every target of the evaluated projects with
/// what it reached and by how much; exit 1 when one fell short.
#[test]
fn a_sheet_against_its_evaluation() {
    use jixiao::diff::{attainment, Status};
    let sheet_path = root().join("examples/beidaihe-2020.jx");
    let sheet = sheet_of(
        "beidaihe-2020.jx",
        &std::fs::read_to_string(&sheet_path).unwrap(),
    );
    let path = eval_dir().join("beidaihe-2020.自评.jx");
    let e = compile_at(&path, &std::fs::read_to_string(&path).unwrap())
        .evaluation
        .unwrap();
    let a = attainment(&sheet, &e);
    assert_eq!(a.projects.len(), 3, "only the evaluated projects");
    assert_eq!((a.counts.met, a.counts.short), (8, 1));
    let short = &a.projects[1].indicators[1];
    assert_eq!(short.name, "长期使用性");
    assert_eq!(short.status, Status::Short);
    assert_eq!(short.margin, Some(Decimal::from(-5)));
    assert_eq!(
        short.percent_of_target,
        Some(Decimal::from_str("94.44").unwrap())
    );
    let text = jixiao::diff::render_attainment_text(&a, true);
    assert!(
        text.contains("✗ 长期使用性 ≥90% → 85%，差 5个百分点"),
        "{text}"
    );
    let page = jixiao::diff::render_attainment_html(&a);
    let row = "<td>✗ 未达成</td><td>长期使用性</td><td>≥90%</td><td>85%</td><td>-5个百分点</td><td>94.44%</td>";
    assert!(page.contains(row), "{page}");
    // Texts are escaped.
    let mut marked = a.clone();
    marked.projects[0].indicators[0].name = "<b>&\"".to_string();
    let page = jixiao::diff::render_attainment_html(&marked);
    assert!(page.contains("<td>&lt;b&gt;&amp;&quot;</td>") && !page.contains("<b>"));
    // The command line, in JSON.
    let o = jixiao(&[
        "diff",
        sheet_path.to_str().unwrap(),
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["format"], "jixiao-attainment/1");
    assert_eq!(json["counts"]["short"], 1);
    // Two sheets still diff as before.
    let o = jixiao(&[
        "diff",
        sheet_path.to_str().unwrap(),
        sheet_path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The form first is a usage error, not an empty sheet.
    let o = jixiao(&["diff", path.to_str().unwrap(), sheet_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("give the sheet first"),
        "{}",
        stderr(&o)
    );
    // Another year's sheet is said, then compared.
    let other = root().join("examples/beidaihe-2021.jx");
    let o = jixiao(&["diff", other.to_str().unwrap(), path.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("the form is of 2020, the sheet of 2021"),
        "{}",
        stderr(&o)
    );
}

/// What forms legitimately write draws nothing: points and weights with 分,
/// an actual in another money unit, an actual written with its comparison,
/// figures rounded or cut at their own decimals, a capped execution score.
#[test]
fn legitimate_practice_draws_no_alarm() {
    let text = "evaluation 2023 { unit 万元 }\nproject \"P\" {\n  \
        execution { adjusted 90; spent 89.974; rate 99.97%; points 10.00 }\n  \
        indicator 产出.数量 \"台数\" ≥10台 { weight 20分; actual 9 台; points 18分; reason \"供货延迟\" }\n  \
        indicator 产出.成本 \"成本\" ≤30万元 { weight 20; actual 300000元; points 20 }\n  \
        indicator 产出.质量 \"合格率\" ≥95% { weight 20; actual ≥96%; points 20 }\n  \
        indicator 产出.时效 \"及时率\" ≥90% { weight 15; actual 80%; points 13.3; reason \"两批次延期\" }\n  \
        indicator 效益.社会效益 \"群众知晓度\" 明显提高 { weight 15; actual 达成年度指标; points 13.5 }\n  \
        total { weight 100; points 94.8 }\n}\n";
    let c = compile_document(&SourceFile::new("x.jx", text), &jixiao::NoSheets);
    let msgs: Vec<String> = c
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message.en))
        .collect();
    assert!(msgs.is_empty(), "{msgs:?}");
    let e = c.evaluation.unwrap();
    let p = &e.projects[0];
    assert_eq!(p.indicators[0].weight, Some(Decimal::from(20)));
    assert_eq!(p.indicators[1].met, Some(true));
    // 13.3 is 13.33 (80 ÷ 90 × 15) cut to one decimal.
    assert_eq!(
        p.indicators[3].computed_points,
        Some(Decimal::from_str("13.33").unwrap())
    );
    // Over-spending scores in proportion, and a form that caps at the weight is right too.
    let over = |points: &str| {
        let t = format!(
            "evaluation 2023 {{}}\nproject \"P\" {{\n  execution {{ adjusted 100; spent 105; points {points} }}\n}}\n"
        );
        compile_document(&SourceFile::new("x.jx", t), &jixiao::NoSheets)
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect::<Vec<_>>()
    };
    assert!(over("10.5").is_empty());
    assert!(over("10").is_empty());
    assert_eq!(over("9"), ["E701"]);
}

/// `analyze` and `compile` check a form on its own (no sheet read, nothing
/// reported about it), alike; `compile_document` adds the comparison.
#[test]
fn analyze_and_compile_check_a_form_standalone() {
    let path = eval_dir().join("beidaihe-2020.自评.jx");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "\"长期使用性\" ≥90% {\n    weight 30\n    actual 85%",
        "\"长期使用性\" ≥95% {\n    weight 30\n    actual 85%",
    );
    let file = SourceFile::new("x.jx", text.as_str());
    let codes = |d: &[jixiao::diag::Diagnostic]| -> Vec<String> {
        d.iter().map(|d| d.code.to_string()).collect()
    };
    let a = jixiao::analyze(&file);
    let c = jixiao::compile(&file);
    assert!(a.sheet.is_none() && c.sheet.is_none());
    assert_eq!(codes(&a.diagnostics), codes(&c.diagnostics));
    // Scored against the quoted ≥95%: 85 ÷ 95 × 30 = 26.84, not 28.33.
    assert_eq!(codes(&c.diagnostics), ["E701"]);
    // With the sheet: the quoted target differs from it too.
    let full = compile_document(&file, &FsLoader::new(eval_dir()));
    assert_eq!(codes(&full.diagnostics), ["E705", "E701"]);
}

/// A monitoring form's projects on the ordinary monitoring import template
/// (`traceordprogram`, FASP.md §2.8): whether spending keeps pace with the
/// months, and what was stated about the indicators.
#[test]
fn monitoring_projects_on_the_ordinary_template() {
    use calamine::{Reader, Xlsx};
    let path = eval_dir().join("beidaihe-2020.监控.jx");
    let e = compile_at(&path, &std::fs::read_to_string(&path).unwrap())
        .evaluation
        .unwrap();
    let bytes = jixiao::emit::xlsx::evaluation_to_bytes(&e).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book
        .worksheet_range(jixiao::emit::xlsx::TRACE_PROJECT_SHEET)
        .unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    assert_eq!(col("序号"), 0);
    assert_eq!(col("绩效目标调整情况"), 18);
    // 60.67 % of the year spent by July keeps pace (58.33 %); 30.22 % does not.
    assert_eq!(rows[1][col("是否达到序时支出进度")], "是");
    assert_eq!(rows[2][col("是否达到序时支出进度")], "否");
    assert_eq!(rows[2][col("是否达到阶段性绩效目标")], "否");
    assert_eq!(rows[2][col("原因类型")], "其他原因");
    assert!(rows[2][col("情况分析")].contains("雨季"));
    // Columns no statement holds come from fields of the project, else of
    // the form.
    assert_eq!(rows[1][col("处室名称")], "办公室");
    assert_eq!(rows[2][col("处室名称")], "办公室");
    assert_eq!(rows[1][col("项目类别")], "");
    assert_eq!(rows[2][col("项目类别")], "运转类项目");
    assert_eq!(rows[2][col("绩效目标调整情况")], "未调整");
}

/// A form that leaves out 分值 is scored with the weights the sheet set, and
/// its 实施单位 is the sheet's.
#[test]
fn weights_left_out_are_the_sheets() {
    let path = eval_dir().join("county-school-2021.自评.jx");
    let text = std::fs::read_to_string(&path).unwrap();
    let stripped: String = text
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("weight ") && !l.trim_start().starts_with("agency ")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(stripped.len() < text.len());
    let full = compile_at(&path, &text).evaluation.unwrap();
    let c = compile_at(&path, &stripped);
    // The sheet's overall sets no weight: there the form must state it.
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["W712"], "{:?}", c.diagnostics);
    let bare = c.evaluation.unwrap();
    let project = |e: &jixiao::model::Evaluation| e.projects[0].clone();
    let (a, b) = (project(&full), project(&bare));
    assert_eq!(a.indicators.len(), b.indicators.len());
    for (x, y) in a.indicators.iter().zip(&b.indicators) {
        assert_eq!(x.weight, y.weight, "{}", x.name);
        assert_eq!(x.computed_points, y.computed_points, "{}", x.name);
    }
    assert_eq!(bare.overall.unwrap().indicators[0].weight, None);
    // So is the 实施单位 the sheet names.
    assert_eq!(
        b.agency.as_ref().map(|a| a.name.as_str()),
        Some("某县第一中学")
    );
}

/// Practice found by writing forms from the docs alone: each a legitimate
/// form that once drew an alarm.
#[test]
fn forms_written_from_the_docs_draw_no_alarm() {
    let codes = |text: &str| -> Vec<String> {
        let path = root().join("tests/fixtures/evaluation/form.jx");
        compile_at(&path, text)
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect()
    };
    let form = |execution: &str, indicators: &str, total: &str| {
        format!(
            "evaluation 2023 {{\n  sheet \"sheets/mini.jx\"\n}}\nproject \"P1\" \"办公设备购置\" {{\n  \
             execution {{ {execution} }}\n{indicators}  total {{ {total} }}\n}}\n"
        )
    };
    let rows = "  indicator 产出.数量 \"购置台数\" ≥10台 { weight 20; actual 10台; points 20 }\n  \
        indicator 产出.成本 \"采购成本\" ≤30万元 { weight 20; actual 27万元; points 20 }\n  \
        indicator 效益.社会效益 \"办公效率\" 明显提高 { weight 30; actual 达成; points 28 }\n";
    let satisfied = "  indicator 满意度.服务对象满意度 \"职工满意度\" ≥90% { weight 20; actual 95%; points 20 }\n";
    // The sheet's targets left out: taken from the sheet.
    let bare = rows.replace(" ≥10台", "").replace(" ≤30万元", "");
    let t = form(
        "adjusted 30; spent 27; rate 90%; points 9",
        &format!("{bare}{satisfied}"),
        "weight 100; points 97",
    );
    assert_eq!(codes(&t), Vec::<String>::new());
    // 其中：财政资金 alone lists part of the total.
    let t = form(
        "adjusted 30; spent 27; rate 90%; points 9; source \"财政资金\" { adjusted 25; spent 22 }",
        &format!("{rows}{satisfied}"),
        "weight 100; points 97",
    );
    assert_eq!(codes(&t), Vec::<String>::new());
    // With the catch-all 其他资金 row the split claims the whole total.
    let t = form(
        "adjusted 30; spent 27; rate 90%; points 9; source \"财政资金\" { adjusted 25 }; source \"其他资金\" { adjusted 4 }",
        &format!("{rows}{satisfied}"),
        "weight 100; points 97",
    );
    assert_eq!(codes(&t), ["E710"]);
    // 得分 = 分值 × the printed 执行率 (35.55% of 10 is 3.555, written 3.56),
    // though the amounts give 35.548…% (3.55).
    let t = form(
        "adjusted 30.1; spent 10.7; rate 35.55%; points 3.56; reason \"采购延期\"",
        &format!("{rows}{satisfied}"),
        "weight 100; points 91.56",
    );
    assert_eq!(codes(&t), Vec::<String>::new());
    // A tie rounds up: 59.45% against ≥60% with 6 points is 5.945, written
    // 5.95 (and 59.45 of 60 budget with 6 points, the same).
    let t = "evaluation 2023 {}\nproject \"P\" {\n  \
        execution { adjusted 60; spent 59.45; weight 6; points 5.95; reason \"结余\" }\n  \
        indicator 满意度.服务对象满意度 \"满意度\" ≥60% { weight 6; actual 59.45%; points 5.95; reason \"样本偏少\" }\n}\n";
    assert_eq!(codes(t), Vec::<String>::new());
    // A yes/no target answered yes or no, and a row that does not apply.
    let t = "evaluation 2023 {}\nproject \"P\" {\n  \
        indicator 产出.质量 \"安全事故\" 无 { weight 10; actual 无; points 10 }\n  \
        indicator 产出.质量 \"通过验收\" 是 { weight 10; actual 否; points 5; reason \"延期验收\" }\n  \
        indicator 效益.生态效益 \"生态\" 不适用 { actual 不适用 }\n}\n";
    assert_eq!(codes(t), Vec::<String>::new());
    let e = compile_document(&SourceFile::new("f.jx", t), &jixiao::NoSheets)
        .evaluation
        .unwrap();
    let met: Vec<Option<bool>> = e.projects[0].indicators.iter().map(|i| i.met).collect();
    assert_eq!(met, [Some(true), Some(false), None]);
    // 是 answered 否 is 未达成: 8 of 10 lies outside its band [0, 6).
    let t = t.replace("points 5;", "points 8;");
    assert_eq!(codes(&t), ["E701"]);
    // Money per the same thing converts (0.082万元/人 is 820元/人); a
    // quantitative row that did not apply this year says so.
    let t = "evaluation 2023 { framework 2021 }\nproject \"P\" {\n  \
        indicator 成本.经济成本 \"生均\" ≤800元/人 { weight 10; actual 0.082万元/人; points 9.75; reason \"取暖费上涨\" }\n  \
        indicator 产出.数量 \"培训人次\" ≥100人次 { weight 10; actual 不适用 }\n}\n";
    assert_eq!(codes(t), Vec::<String>::new());
    // Against the sheet: an indicator the sheet never set, written without
    // a target, is E704 (not a missing target).
    let t = form(
        "adjusted 30; spent 27; rate 90%; points 9",
        &format!("{rows}  indicator 满意度.服务对象满意度 \"群众满意度\" {{ weight 20; actual 95%; points 20 }}\n"),
        "weight 100; points 97",
    );
    assert_eq!(codes(&t), ["E703", "E704"]);
    // A deadline: kept in June, missed in September (a shortfall needing its
    // reason though the form gave full points).
    let t = "evaluation 2023 {}\nproject \"P\" {\n  \
        indicator 产出.时效 \"开工\" 2023年6月底前 { weight 30; actual 2023年6月; points 30 }\n  \
        indicator 产出.时效 \"完工\" 2023年6月底前 { weight 30; actual \"2023-09-15\"; points 30 }\n}\n";
    assert_eq!(codes(t), ["E702"]);
    // A range: 92% inside 90%-95%, 80% outside.
    let t = "evaluation 2023 {}\nproject \"P\" {\n  \
        indicator 产出.质量 \"合格率\" 90%-95% { weight 30; actual 92%; points 30 }\n  \
        indicator 产出.质量 \"优良率\" 90%-95% { weight 30; actual 80%; points 30 }\n}\n";
    let found = compile_document(&SourceFile::new("f.jx", t), &jixiao::NoSheets);
    let met: Vec<Option<bool>> = found.evaluation.unwrap().projects[0]
        .indicators
        .iter()
        .map(|i| i.met)
        .collect();
    assert_eq!(met, [Some(true), Some(false)]);
    assert_eq!(codes(t), ["E702"]);
}

/// A table prints a quoted target without the source's quotes, in a sheet
/// and in an evaluation that quotes it.
#[test]
fn quoted_targets_print_without_source_quotes() {
    let sheet = "department \"1\" \"某局\" {\n  year 2023\n  unit 万元\n}\n\
        project \"P\" {\n  budget 1 { 财政资金 1 }\n  \
        indicator 效益.社会效益 \"机制\" 定性 \"建立\\\"长效\\\"机制\"\n  \
        indicator 满意度.服务对象满意度 \"满意度\" ≥90%\n}\n";
    let c = jixiao::compile(&SourceFile::new("s.jx", sheet));
    let s = c.sheet.expect("a sheet");
    let page = jixiao::emit::html::to_string(&s);
    assert!(page.contains("定性 建立&quot;长效&quot;机制"), "{page}");
    assert!(!page.contains("定性 &quot;建立"), "{page}");
    let form = "evaluation 2023 {}\nproject \"P\" {\n  \
        indicator 效益.社会效益 \"机制\" 定性 \"建立\\\"长效\\\"机制\" { weight 10; actual 达成; points 10 }\n}\n";
    let e = compile_document(&SourceFile::new("f.jx", form), &jixiao::NoSheets)
        .evaluation
        .unwrap();
    let page = jixiao::emit::html::evaluation_to_string(&e);
    assert!(page.contains("定性 建立&quot;长效&quot;机制"), "{page}");
}

/// The form the reference opens with (docs/evaluation.md §1) checks clean
/// beside the examples, and every score in it follows the rules.
#[test]
fn the_documented_form_checks_clean() {
    let doc = std::fs::read_to_string(root().join("docs/evaluation.md")).unwrap();
    let start = doc
        .find("```\n// 2020年度项目支出绩效自评表")
        .expect("the §1 form")
        + 4;
    let end = start + doc[start..].find("```").unwrap();
    let text = &doc[start..end];
    let path = eval_dir().join("documented.自评.jx");
    let c = compile_at(&path, text);
    let codes: Vec<String> = c.diagnostics.iter().map(|d| d.code.to_string()).collect();
    assert!(codes.is_empty(), "{codes:?}");
    let e = c.evaluation.unwrap();
    assert!(e.sheet_checked);
    assert_eq!(
        e.projects[0].computed_total,
        Some(Decimal::from_str("97.73").unwrap())
    );
}
