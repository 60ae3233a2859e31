//! `jixiao import` of self-evaluation and monitoring forms: every example
//! form through our own HTML, Word and Excel outputs and back, and the
//! published tables of real/01–03 (as fixtures with their layouts) read
//! back as the hand transcriptions in examples/evaluation/. What the tables
//! cannot carry is listed per example in the snapshots and explained in
//! docs/evaluation.md §8 ("Import").

use crate::common::root;
use crate::import::differences;
use jixiao::diag::Lang;
use jixiao::import;
use jixiao::model::Evaluation;
use jixiao::source::SourceFile;
use jixiao::{compile, compile_document, FsLoader};
use std::path::{Path, PathBuf};

/// Every example form as (file name, path, text), sorted.
fn examples() -> Vec<(String, PathBuf, String)> {
    let dir = root().join("examples/evaluation");
    let mut out: Vec<(String, PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jx"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            (name, p, text)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 5);
    out
}

/// The form as `jixiao build` sees it (reading the sheet it names).
fn original(path: &Path, text: &str) -> Evaluation {
    let file = SourceFile::new(path.display().to_string(), text);
    compile_document(&file, &FsLoader::beside(path))
        .evaluation
        .expect("an evaluation model")
}

fn json(ev: &Evaluation) -> serde_json::Value {
    serde_json::from_str(&jixiao::emit::json::evaluation_to_string(ev)).unwrap()
}

/// Import bytes and compile the `.jx` standalone: the model and the codes
/// of its diagnostics. `year` is written in when the input does not state
/// it (the import says so in a note, and the header has none).
fn imported(
    file: &str,
    bytes: &[u8],
    year: Option<i32>,
) -> (import::Imported, Evaluation, Vec<String>) {
    let mut imported = import::import(file, bytes, Lang::En).unwrap();
    if let Some(y) = year {
        for kw in ["evaluation", "monitoring"] {
            let (bare, dated) = (format!("\n{kw} {{"), format!("\n{kw} {y} {{"));
            imported.text = imported.text.replacen(&bare, &dated, 1);
        }
    }
    let compiled = compile(&SourceFile::new(file, &imported.text));
    let codes = compiled
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    let ev = compiled
        .evaluation
        .unwrap_or_else(|| panic!("{file}: no evaluation\n{}", imported.text));
    (imported, ev, codes)
}

/// A page that imports with no note and no error (warnings are the form's).
fn imported_cleanly(page: &str) -> (import::Imported, Evaluation) {
    let (imp, ev, codes) = imported("form.html", page.as_bytes(), None);
    assert!(
        imp.notes.is_empty(),
        "{:?}\n{}",
        imp.report(Lang::En),
        imp.text
    );
    assert!(
        codes.iter().all(|c| c.starts_with('W')),
        "{codes:?}\n{}",
        imp.text
    );
    (imp, ev)
}

fn ours(ev: &Evaluation, via: &str) -> (&'static str, Vec<u8>) {
    match via {
        "docx" => ("form.docx", jixiao::emit::docx::evaluation_to_bytes(ev)),
        "xlsx" => (
            "form.xlsx",
            jixiao::emit::xlsx::evaluation_to_bytes(ev).unwrap(),
        ),
        _ => (
            "form.html",
            jixiao::emit::html::evaluation_to_string(ev).into_bytes(),
        ),
    }
}

/// Each example through `via` and back: the JSON paths that differ, per
/// example, and the notes of the import.
fn round_trip(via: &str) -> String {
    let mut out = String::new();
    for (name, path, text) in examples() {
        let ev = original(&path, &text);
        let (file, bytes) = ours(&ev, via);
        let (imp, back, _) = imported(file, &bytes, Some(ev.year));
        let mut diff = Vec::new();
        differences(&json(&ev), &json(&back), "", &mut diff);
        out.push_str(&format!("== {name}\n"));
        for d in diff {
            out.push_str(&format!("{d}\n"));
        }
        for n in imp.report(Lang::En) {
            out.push_str(&format!("note: {n}\n"));
        }
    }
    out
}

#[test]
fn every_example_form_through_html() {
    insta::assert_snapshot!(round_trip("html"));
}

#[test]
fn every_example_form_through_word() {
    // Word draws the same grid as HTML: the same facts come back.
    assert_eq!(round_trip("docx"), round_trip("html"));
}

#[test]
fn every_example_form_through_excel() {
    insta::assert_snapshot!(round_trip("xlsx"));
}

/// A published table (a fixture with its layout) against the example
/// transcribed by hand from the same copy: the differing JSON paths, the
/// diagnostics of each, and the import's notes.
fn published(fixture: &str, example: &str) -> String {
    let bytes = std::fs::read(root().join("tests/fixtures/import").join(fixture)).unwrap();
    let (imp, back, codes) = imported(fixture, &bytes, None);
    let path = root().join("examples/evaluation").join(example);
    let text = std::fs::read_to_string(&path).unwrap();
    let hand = compile(&SourceFile::new(example, &text));
    let hand_codes: Vec<String> = hand
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    let mut diff = Vec::new();
    differences(
        &json(hand.evaluation.as_ref().unwrap()),
        &json(&back),
        "",
        &mut diff,
    );
    let mut out = format!("codes (transcription): {hand_codes:?}\ncodes (imported): {codes:?}\n");
    for d in diff {
        out.push_str(&format!("{d}\n"));
    }
    for n in imp.report(Lang::En) {
        out.push_str(&format!("note: {n}\n"));
    }
    out.push_str("---\n");
    out.push_str(&imp.text);
    out
}

#[test]
fn published_qingshen_table() {
    insta::assert_snapshot!(published(
        "real-01-qingshen-fagaiju-ziping-2023.html",
        "qingshen-fagaiju-2023.自评.jx"
    ));
}

#[test]
fn published_daying_tables() {
    insta::assert_snapshot!(published(
        "real-02-daying-sifaju-anke-ziping-2023.html",
        "daying-sifaju-2023.自评.jx"
    ));
}

#[test]
fn published_chizhou_table() {
    insta::assert_snapshot!(published(
        "real-03-chizhou-tangxi-weituo-ziping-2022.html",
        "chizhou-tangxi-2022.自评.jx"
    ));
}

/// Our forms and the published layouts cut, spliced and stuffed with the
/// forms' own labels: the import never panics and always writes text that
/// parses.
#[test]
fn mangled_forms_never_panic() {
    use crate::common::{mutate, Rng};
    use crate::import::assert_parses;
    let mut rng = Rng(0x5EED_F0F0);
    let mut pages = Vec::new();
    let mut zips = Vec::new();
    for (_, path, text) in examples() {
        let ev = original(&path, &text);
        pages.push(jixiao::emit::html::evaluation_to_string(&ev));
        zips.push(("x.docx", jixiao::emit::docx::evaluation_to_bytes(&ev)));
        zips.push((
            "x.xlsx",
            jixiao::emit::xlsx::evaluation_to_bytes(&ev).unwrap(),
        ));
    }
    for f in std::fs::read_dir(root().join("tests/fixtures/import")).unwrap() {
        let p = f.unwrap().path();
        let page = p.extension().is_some_and(|e| e == "html");
        if page && p.file_name().unwrap().to_string_lossy().contains("ziping") {
            pages.push(std::fs::read_to_string(p).unwrap());
        }
    }
    let inserts = [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td rowspan=99999 colspan=99999>",
        "<td rowspan=3>",
        "</td>",
        "<br>",
        "\"",
        "\\",
        "{",
        "}",
        "//",
        "<td>合计</td>",
        "<td>总分</td><td>x</td><td>y</td>",
        "<td>评价结论</td>",
        "<td>年初预算数</td><td>全年预算数</td><td>1-13月执行数</td>",
        "<td>其中：财政资金</td><td>abc</td>",
        "<td>实际完成值</td><td>得分</td>",
        "<td>预期目标</td><td>实际完成情况</td>",
        "<td>项目名称</td><td>1-</td>",
        "<td>30（扣</td>",
        "<p>1、绩效自评表</p>",
        "<p>截至</p>",
    ];
    for page in &pages {
        for _ in 0..40 {
            let page = mutate(page, &mut rng, 8, 300, &inserts);
            let i = import::import("x.html", page.as_bytes(), Lang::En).unwrap();
            assert_parses(&i, "x.html");
        }
    }
    for (name, whole) in &zips {
        for _ in 0..15 {
            let mut changed = whole.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(changed.len());
                changed[at] = rng.next() as u8;
            }
            if let Ok(i) = import::import(name, &changed, Lang::En) {
                assert_parses(&i, name);
            }
            let cut = rng.below(whole.len());
            if let Ok(i) = import::import(name, &whole[..cut], Lang::En) {
                assert_parses(&i, name);
            }
        }
    }
}

/// The same layouts as Word stores them (`w:gridSpan`, `w:vMerge`; made
/// from the pages by `tests/fixtures/import/html_to_docx.py`): the same
/// `.jx` as from the pages.
#[test]
fn published_layouts_in_word_read_as_their_pages() {
    for name in [
        "real-01-qingshen-fagaiju-ziping-2023",
        "real-03-chizhou-tangxi-weituo-ziping-2022",
    ] {
        let dir = root().join("tests/fixtures/import");
        let read = |ext: &str| {
            let bytes = std::fs::read(dir.join(format!("{name}.{ext}"))).unwrap();
            let i = import::import(&format!("form.{ext}"), &bytes, Lang::Zh).unwrap();
            let body: Vec<&str> = i.text.lines().skip(1).collect();
            (body.join("\n"), i.notes.len())
        };
        assert_eq!(read("docx"), read("html"), "{name}");
    }
}

/// A monitoring table in another layout than ours (财预〔2019〕136号 style,
/// constructed): the heads carry the months and the formulas (`全年预算数(A)`,
/// `1-6月执行率(B/A)`), one row of figures without a label, the indicator
/// columns 1-6月执行情况 · 全年预计完成情况 · 偏差原因分析 · 完成目标可能性 · 备注.
#[test]
fn a_monitoring_table_of_another_layout() {
    let page = "<p>项目支出绩效目标执行监控表（2023年度）</p><p>单位：万元</p><table>\
        <tr><td>项目名称</td><td colspan=2>乡村道路养护</td><td>主管部门</td><td colspan=2>某县交通运输局</td>\
            <td>实施单位</td><td colspan=2>某县公路管理站</td></tr>\
        <tr><td rowspan=2>预算执行情况</td><td>年初预算数</td><td>全年预算数(A)</td><td>1-6月执行数(B)</td>\
            <td>1-6月执行率(B/A)</td><td colspan=4>全年预计执行数</td></tr>\
        <tr><td>120.00</td><td>150.00</td><td>60.00</td><td>40.00%</td><td colspan=4>150.00</td></tr>\
        <tr><td rowspan=4>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td>\
            <td>1-6月执行情况</td><td>全年预计完成情况</td><td>偏差原因分析</td><td>完成目标可能性</td></tr>\
        <tr><td>产出指标</td><td>数量指标</td><td>养护里程</td><td>≥120公里</td><td>70公里</td><td>120公里</td>\
            <td></td><td>确定能</td></tr>\
        <tr><td>效益指标</td><td>社会效益指标</td><td>道路优良率</td><td>≥85%</td><td>80%</td><td>86%</td>\
            <td>经费原因：雨季施工推迟</td><td>有可能</td></tr>\
        <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>群众满意度</td><td>≥90%</td><td>92%</td><td>92%</td>\
            <td></td><td>确定能</td></tr></table>";
    let (imp, ev) = imported_cleanly(page);
    insta::assert_snapshot!(imp.text);
    assert_eq!((ev.year, ev.as_of), (2023, Some(6)));
}

/// The command line: a form built to HTML imports cleanly (exit 0), and the
/// `.jx` it writes checks and builds on its own.
#[test]
fn import_check_build_on_the_command_line() {
    use crate::common::{jixiao, scratch, stderr};
    let dir = scratch("import-evaluation");
    let form = root().join("examples/evaluation/beidaihe-2020.自评.jx");
    let html = dir.join("form.html");
    let jx = dir.join("form.自评.jx");
    let o = jixiao(&[
        "build",
        form.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = jixiao(&["import", html.to_str().unwrap(), "-o", jx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3"), "{}", stderr(&o));
    let o = jixiao(&["check", "--deny-warnings", jx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = dir.join("form.json");
    let o = jixiao(&[
        "build",
        jx.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(json).unwrap();
    assert!(
        text.contains("\"format\": \"jixiao-evaluation/1\""),
        "{text}"
    );
}

/// The monitoring table of 财预〔2019〕136号 as its 附件 prints it
/// (constructed): a header of two rows, 偏差原因分析 over 经费保障 · 制度保障 ·
/// 人员保障 · 硬件条件保障 · 其他 and 完成目标可能性 over 确定能 · 有可能 · 完全不可能,
/// each ticked with `√`.
#[test]
fn a_monitoring_table_with_check_marks() {
    let page = "<p>2023年项目支出绩效目标执行监控表</p><table>\
        <tr><td>项目名称</td><td colspan=14>乡村道路养护</td></tr>\
        <tr><td rowspan=2>预算执行情况（万元）</td><td>年初预算数</td><td>全年预算数</td><td>1-7月执行数</td>\
            <td>1-7月执行率</td><td colspan=10>全年预计执行数</td></tr>\
        <tr><td>120.00</td><td>150.00</td><td>60.00</td><td>40.00%</td><td colspan=10>150.00</td></tr>\
        <tr><td rowspan=4>绩效指标</td><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td><td rowspan=2>三级指标</td>\
            <td rowspan=2>年度指标值</td><td rowspan=2>1-7月执行情况</td><td rowspan=2>全年预计完成情况</td>\
            <td colspan=5>偏差原因分析</td><td colspan=3>完成目标可能性</td><td rowspan=2>备注</td></tr>\
        <tr><td>经费保障</td><td>制度保障</td><td>人员保障</td><td>硬件条件保障</td><td>其他</td>\
            <td>确定能</td><td>有可能</td><td>完全不可能</td></tr>\
        <tr><td>产出指标</td><td>数量指标</td><td>养护里程</td><td>≥120公里</td><td>70公里</td><td>120公里</td>\
            <td></td><td></td><td></td><td></td><td></td><td>√</td><td></td><td></td><td></td></tr>\
        <tr><td>效益指标</td><td>社会效益指标</td><td>道路优良率</td><td>≥85%</td><td>80%</td><td>84%</td>\
            <td>√</td><td></td><td>√</td><td></td><td></td><td></td><td>√</td><td></td><td>雨季施工推迟</td></tr>\
        </table>";
    let (imp, ev) = imported_cleanly(page);
    assert_eq!((ev.year, ev.as_of), (2023, Some(7)));
    let body = imp.text.split("project").nth(1).unwrap();
    insta::assert_snapshot!(body);
}
