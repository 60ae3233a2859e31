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

const FIELDS: &str = "department \"1\" \"某局\" {\n  year 2023\n  unit 万元\n  field \"填报日期\" \"2023年1月10日\"\n}\n\
project \"P\" \"河道生态修复\" {\n  field \"项目负责人\" \"张三\"\n  field \"项目属性\" \"延续项目\"\n  budget 10 { 财政资金 10 }\n  \
indicator 产出.数量 \"修复河道长度\" ≥2公里 { field \"数据来源\" \"验收报告\" }\n  \
indicator 效益.生态效益 \"水质\" 明显改善\n  \
indicator 满意度.服务对象满意度 \"服务对象满意度\" ≥80%\n}\n";

#[test]
fn fields_a_local_form_adds_are_kept_and_shown() {
    let c = jixiao::compile(&SourceFile::new("t.jx", FIELDS));
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let s = c.ok().unwrap();
    let names = |f: &[jixiao::model::Field]| -> Vec<String> {
        f.iter()
            .map(|f| format!("{}={}", f.name, f.value))
            .collect()
    };
    assert_eq!(names(&s.department.fields), ["填报日期=2023年1月10日"]);
    assert_eq!(
        names(&s.projects[0].fields),
        ["项目负责人=张三", "项目属性=延续项目"]
    );
    assert_eq!(
        names(&s.projects[0].indicators[0].fields),
        ["数据来源=验收报告"]
    );
    let json = jixiao::emit::json::to_string(s);
    assert!(
        json.contains("\"项目负责人\"") && json.contains("\"数据来源\""),
        "{json}"
    );
    // The project's fields are rows of its table, in both documents.
    let html = jixiao::emit::html::to_string(s);
    assert!(html.contains("项目负责人") && html.contains("张三"));
    let docx = jixiao::emit::docx::to_bytes(s);
    assert!(!docx.is_empty());
    // The formatter keeps them; Chinese keywords read the same.
    let formatted = jixiao::fmt::format(FIELDS, &jixiao::fmt::Options::default()).unwrap();
    assert!(
        formatted.contains("field \"项目负责人\" \"张三\""),
        "{formatted}"
    );
    let zh = FIELDS.replace("field ", "栏目 ");
    let c = jixiao::compile(&SourceFile::new("zh.jx", zh));
    assert_eq!(c.ok().map(|z| z.projects[0].fields.len()), Some(2));
}

#[test]
fn a_field_in_the_wrong_place_is_reported() {
    let text = FIELDS.replace(
        "  budget 10",
        "  budget 10 { field \"x\" \"y\" }\n  budget 10",
    );
    let c = jixiao::compile(&SourceFile::new("t.jx", text));
    assert!(c.diagnostics.iter().any(|d| d.is_error()));
}

#[test]
fn diff_shows_a_field_edited_given_or_dropped() {
    let compile = |t: &str| {
        jixiao::compile(&SourceFile::new("t.jx", t))
            .ok()
            .cloned()
            .unwrap()
    };
    let next = FIELDS
        .replace("\"张三\"", "\"李四\"")
        .replace("  field \"项目属性\" \"延续项目\"\n", "")
        .replace(
            "  field \"填报日期\"",
            "  field \"填报单位\" \"某局办公室\"\n  field \"填报日期\"",
        );
    let d = jixiao::diff::diff(&compile(FIELDS), &compile(&next));
    let fields: Vec<String> = d
        .all_changes()
        .filter_map(|(_, c)| match c {
            jixiao::diff::Change::FieldChanged { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(fields, ["填报单位", "项目负责人", "项目属性"]);
    let text = jixiao::diff::render_text(&d, false, jixiao::diag::Lang::Zh);
    assert!(
        text.contains("项目负责人") && text.contains("李四"),
        "{text}"
    );
}

#[test]
fn a_project_without_a_plan_gets_no_empty_plan_grid_or_chart() {
    let c = jixiao::compile(&SourceFile::new("t.jx", STATEMENT));
    let s = c.ok().unwrap();
    assert!(s.projects[0].plan.is_empty());
    let html = jixiao::emit::html::to_string(s);
    assert!(!html.contains("资金支出计划"), "an empty plan grid");
    assert!(!html.contains("未填写支出计划"));
    // A project with a plan keeps both.
    let planned = STATEMENT.replace("  budget 10", "  plan 6月 50%, 12月 100%\n  budget 10");
    let c = jixiao::compile(&SourceFile::new("p.jx", planned));
    let html = jixiao::emit::html::to_string(c.ok().unwrap());
    assert!(html.contains("资金支出计划（%）") && html.contains("资金支出计划（累计%）"));
}

/// The text of a DOCX's `word/document.xml` without its tags.
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

/// Every example transcribed from a published table: it compiles, and every
/// fact of its form that it states is printed in HTML and Word, each in its
/// own place. (The examples' own warnings are real defects of the sources,
/// said in their comments.)
#[test]
fn every_example_prints_every_stated_fact() {
    let dir = crate::common::root().join("examples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jx"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "{names:?}");
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let c = jixiao::compile(&SourceFile::new(path.display().to_string(), text));
        assert!(!c.has_errors(), "{}: {:?}", path.display(), c.diagnostics);
        let s = c.ok().unwrap();
        let html = jixiao::emit::html::to_string(s);
        let word = docx_text(&jixiao::emit::docx::to_bytes(s));
        let mut facts: Vec<String> = Vec::new();
        for f in s
            .department
            .stated_facts()
            .iter()
            .chain(&s.department.fields)
        {
            if f.name != "表样" {
                facts.push(f.value.clone());
            }
        }
        for p in &s.projects {
            facts.push(p.name.clone());
            for f in p.fields.iter() {
                facts.push(f.value.clone());
            }
            for v in [
                &p.project_type,
                &p.attribute,
                &p.term,
                &p.function,
                &p.review,
            ] {
                facts.extend(v.clone());
            }
            if let Some(sup) = &p.supervisor {
                facts.push(sup.text());
            }
            facts.extend(p.documents.iter().cloned());
            for ind in &p.indicators {
                facts.push(ind.name.clone());
                facts.extend(ind.target.as_ref().map(|t| t.text.clone()));
            }
        }
        let esc = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        for fact in facts {
            assert!(
                html.contains(&esc(&fact)),
                "{}: HTML lacks {fact}",
                path.display()
            );
            assert!(
                word.contains(&fact),
                "{}: Word lacks {fact}",
                path.display()
            );
        }
    }
}

/// What a sheet does not state is not printed: no 主管部门 from the body's
/// name, no empty 项目编码, no 第二部分 without a first part.
#[test]
fn outputs_state_nothing_the_sheet_does_not() {
    let text = "department \"某局\" {\n  year 2023\n  unit 万元\n  form 公示\n}\n\
project \"河道生态修复\" {\n  agency \"某中心\"\n  budget 10 其中 { 财政资金 6 }\n  \
indicator 产出.数量 \"修复河道长度\" ≥2公里\n  \
indicator 效益.生态效益 \"水质\" 定性 明显改善\n  \
indicator 满意度.服务对象满意度 \"服务对象满意度\" ≥80%\n}\n";
    let c = jixiao::compile(&SourceFile::new("t.jx", text));
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let s = c.ok().unwrap();
    let html = jixiao::emit::html::to_string(s);
    for absent in [
        "主管部门",
        "项目编码",
        "第二部分",
        "指标值确定依据",
        "绩效指标描述",
    ] {
        assert!(!html.contains(absent), "HTML prints {absent}");
    }
    // The partial breakdown is printed as published: 6 under 财政资金,
    // nothing invented under 其他资金.
    assert!(html.contains("资金来源：其中财政资金 6"), "{html}");
    assert!(!html.contains(">4<"));
    let json = jixiao::emit::json::to_string(s);
    assert!(json.contains("\"partial\": true"));
    assert!(json.contains("\"sign\": \"定性\"") && json.contains("\"sign_code\": 6"));
    assert!(html.contains("项目支出绩效目标表（2023年度）"));
}

/// The indicator block of a 2021 财政支出绩效目标申报表 template (real table 08:
/// its header cells are blank, so only the indicators are transcribed, into a
/// sheet with a made-up header): 投入指标 and 过程指标 with no level 2, 分值 as
/// weights, 指标内容, 指标值 and 评分细则 each in its own field.
const INPUT_PROCESS: &str = r#"department "某局" {
  year 2021
  unit 万元
  form 申报表
  title "财政支出绩效目标申报表"
}
project "某项目" {
  budget 10 { 一般公共预算拨款 10 }
  indicator 投入 "资金到位率" 资金到位率达100% {
    weight 5
    explain "资金到位率=(实际到位资金/计划投入资金)×100%。"
    scoring "到位率100%得5分,每少10个百分点以内扣1分,扣完为止。"
  }
  indicator 投入 "预算支出进度" 预算支出进度达到90%以上 {
    weight 15
    explain "预算支出进度是否达到90%以上。"
    scoring "预算支出进度达到90%以上(含90%)得15分,每少1个百分点扣1分,扣完为止。"
  }
  indicator 过程 "项目资金专项核算" "专项资金必须按《行政单位财务规则》和《事业单位财务规则》专款专用,专项核算" {
    weight 5
    explain "专项资金是否按《行政单位财务规则》和《事业单位财务规则》专款专用,专项核算。"
    scoring "专项资金按《行政单位财务规则》和《事业单位财务规则》专款专用得2分,专项核算得3分,否则0分。"
  }
  indicator 过程.资金管理 "资金使用合规性" 合规 { weight 10 }
  indicator 产出.数量 "完成数量" ≥10个 { weight 25 }
  indicator 效益.社会效益 "社会效益" 明显 { weight 30 }
  indicator 满意度.服务对象满意度 "满意度" ≥90% { weight 10 }
}
"#;

#[test]
fn input_and_process_indicators_of_an_application_form() {
    let c = jixiao::compile(&SourceFile::new("t.jx", INPUT_PROCESS));
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    // `资金到位率达100%` reads only as text: the form's own wording, a warning.
    assert!(codes.iter().all(|c| *c == Code::W614), "{codes:?}");
    let s = c.ok().unwrap();
    let inds = &s.projects[0].indicators;
    assert_eq!(inds[0].level1, "投入指标");
    assert_eq!((inds[0].level2, inds[0].level2_written.as_str()), ("", ""));
    assert_eq!(inds[3].level1, "过程指标");
    assert_eq!(inds[3].level2_written, "资金管理");
    assert_eq!(inds[1].weight.map(|w| w.to_string()).as_deref(), Some("15"));
    let html = jixiao::emit::html::to_string(s);
    assert!(html.contains("财政支出绩效目标申报表"));
    for printed in [
        "投入指标",
        "过程指标",
        "资金管理",
        "评（扣）分标准",
        "指标解释",
        "到位率100%得5分",
    ] {
        assert!(html.contains(printed), "{printed}");
    }
    assert!(!html.contains("资金管理指标"));
}

const SCORED: &str = "department \"某局\" {\n  year 2023\n  unit 万元\n}\n\
project \"河道生态修复\" {\n  budget 10 { 财政资金 10 }\n  score 年度绩效指标 90\n  score 预算执行率 10\n  \
score 产出 40-60\n  \
indicator 产出.数量 \"修复河道长度\" ≥2公里 { weight 50 }\n  \
indicator 效益.生态效益 \"水质\" 明显改善 { weight 30 }\n  \
indicator 满意度.服务对象满意度 \"服务对象满意度\" ≥80% { weight 10 }\n}\n";

#[test]
fn section_points_and_budget_execution_are_held_and_checked() {
    let c = jixiao::compile(&SourceFile::new("t.jx", SCORED));
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let s = c.ok().unwrap();
    let items: Vec<String> = s.projects[0]
        .scores
        .iter()
        .map(|x| format!("{} {}", x.item, x.points()))
        .collect();
    assert_eq!(
        items,
        ["年度绩效指标 90分", "预算执行率 10分", "产出指标 40-60分"]
    );
    let html = jixiao::emit::html::to_string(s);
    assert!(html.contains("年度绩效指标（90分）"), "{html}");
    assert!(html.contains("产出指标（40-60分）"));
    assert!(html.contains("<th>预算执行率</th><td class=\"l\""));
    // 80 of the section's 90: the section and the total are both off.
    let short = SCORED.replace("weight 50", "weight 40");
    let c = jixiao::compile(&SourceFile::new("t.jx", short));
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::W507, Code::W511]);
}

const LISTED: &str = "department \"某局\" {\n  year 2023\n  unit 万元\n  form 公示\n}\n\
project \"河道生态修复\" {\n  budget 10 { 财政资金 10 }\n  \
indicator 产出.数量 \"修复河道长度\" ≥2公里\n  \
indicator 效益.经济效益\n  \
indicator 效益.生态效益 \"水质\" 明显改善\n  \
indicator 满意度.服务对象满意度\n}\n";

/// A category the form lists with no indicator under it is a row of its
/// own; it counts as no indicator (a project listing 满意度 only so still
/// lacks one).
#[test]
fn categories_listed_without_an_indicator() {
    let c = jixiao::compile(&SourceFile::new("t.jx", LISTED));
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::W506], "{:?}", c.diagnostics);
    assert!(c.diagnostics[0].message.en.contains("满意度指标"));
    let s = c.ok().unwrap();
    let p = &s.projects[0];
    assert_eq!(p.indicators.len(), 4);
    assert!(p.indicators[1].is_listed_only());
    assert_eq!(p.indicators[1].level2, "经济效益指标");
    assert_eq!(s.totals.indicators, 2);
    let html = jixiao::emit::html::to_string(s);
    assert!(html.contains("经济效益指标") && html.contains("服务对象满意度指标"));
    let json = jixiao::emit::json::to_string(s);
    assert!(json.contains("\"name\": \"\""));
    // The formatter keeps the row.
    let f = jixiao::fmt::format(LISTED, &jixiao::fmt::Options::default()).unwrap();
    assert!(f.contains("  indicator 效益.经济效益\n"), "{f}");
}
