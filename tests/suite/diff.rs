//! `jixiao::diff`: the example pair (snapshots in all formats) and changes planted in
//! copies of the 2020 sample, each reported once and classified rightly.

use crate::common;

use jixiao::diag::Lang;
use jixiao::diff::{
    diff, render_html, render_json, render_text, Change, MatchedBy, ProjectStatus, SheetDiff,
    TargetClass,
};
use jixiao::model::Sheet;
use jixiao::source::SourceFile;
use rust_decimal::Decimal;

fn sheet(name: &str, text: &str) -> Sheet {
    let c = jixiao::compile(&SourceFile::new(name, text));
    assert!(
        !c.has_errors(),
        "{name} has errors: {:?}",
        c.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    c.ok().unwrap().clone()
}

fn example(year: u32) -> (String, Sheet) {
    let path = common::root().join(format!("examples/beidaihe-{year}.jx"));
    let text = std::fs::read_to_string(path).unwrap();
    let s = sheet(&format!("beidaihe-{year}.jx"), &text);
    (text, s)
}

/// The 2020 sample with `from` replaced by `to` (which must occur exactly once).
fn planted(from: &str, to: &str) -> Sheet {
    let text = common::example();
    assert_eq!(
        text.matches(from).count(),
        1,
        "plant site not unique: {from}"
    );
    sheet("planted.jx", &text.replacen(from, to, 1))
}

/// The diff of the 2020 sample against a planted copy.
fn diff_planted(from: &str, to: &str) -> SheetDiff {
    let (_, old) = example(2020);
    diff(&old, &planted(from, to))
}

/// All changes, with the project code they belong to ("" for body and part 1).
fn changes(d: &SheetDiff) -> Vec<(String, Change)> {
    d.all_changes()
        .map(|(p, c)| {
            (
                p.and_then(|p| p.code.clone()).unwrap_or_default(),
                c.clone(),
            )
        })
        .collect()
}

/// The only change of the diff.
fn only_change(d: &SheetDiff) -> (String, Change) {
    let all = changes(d);
    assert_eq!(all.len(), 1, "expected exactly one change: {all:#?}");
    all.into_iter().next().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

// ---------------------------------------------------------------------------------------
// The example pair

fn example_diff() -> (Sheet, Sheet, SheetDiff) {
    let (_, old) = example(2020);
    let (_, new) = example(2021);
    let d = diff(&old, &new);
    (old, new, d)
}

#[test]
fn example_2021_checks_without_errors_and_is_marked_as_an_illustration() {
    let (text, s) = example(2021);
    assert_eq!(s.department.year, 2021);
    assert!(text.contains("ILLUSTRATION ONLY"));
    assert!(text.contains("NOT a published document"));
    assert!(!text.contains("参培住院医师满意度"));
}

#[test]
fn example_text_snapshot_zh() {
    let (_, _, d) = example_diff();
    insta::assert_snapshot!("example_text_zh", render_text(&d, false, Lang::Zh));
}

#[test]
fn example_text_snapshot_en() {
    let (_, _, d) = example_diff();
    insta::assert_snapshot!("example_text_en", render_text(&d, false, Lang::En));
}

#[test]
fn example_json_snapshot() {
    let (_, _, d) = example_diff();
    insta::assert_snapshot!("example_json", render_json(&d));
}

#[test]
fn example_html_snapshot() {
    let (old, new, d) = example_diff();
    insta::assert_snapshot!("example_html", render_html(&d, &old, &new));
}

#[test]
fn example_facts() {
    let (_, _, d) = example_diff();
    assert!(!d.is_empty());
    let t = &d.totals;
    assert_eq!(
        (
            t.projects_added,
            t.projects_removed,
            t.projects_changed,
            t.projects_unchanged
        ),
        (1, 1, 8, 0)
    );
    assert_eq!(t.budget.old.0, dec("555.74"));
    assert_eq!(t.budget.new.0, dec("599.20"));
    assert_eq!(t.budget.delta.to_string(), "43.46");
    assert_eq!(t.budget.relative.unwrap().to_string(), "7.82");
    assert_eq!(
        (
            t.counts.targets_tightened,
            t.counts.targets_loosened,
            t.counts.targets_changed,
            t.counts.targets_kind_changed
        ),
        (3, 1, 0, 1)
    );

    let status = |code: &str| {
        d.projects
            .iter()
            .find(|p| p.code.as_deref() == Some(code))
            .map(|p| p.status)
    };
    assert_eq!(status("430-0502-JBN-JN21"), Some(ProjectStatus::Added));
    assert_eq!(status("430-0502-JBN-RODQ"), Some(ProjectStatus::Removed));
    let renamed = d
        .projects
        .iter()
        .find(|p| p.code.as_deref() == Some("430-0502-JBN-NK6Y"))
        .unwrap();
    assert_eq!(renamed.name, "综合办公楼维修费");
    assert_eq!(renamed.old_name.as_deref(), Some("维修费"));
    assert!(renamed
        .changes
        .iter()
        .any(|c| matches!(c, Change::ProjectRenamed(e) if e.old.as_deref() == Some("维修费"))));

    // The copied 参培住院医师满意度 is reported as a rename within its category.
    let all = changes(&d);
    assert!(all.iter().any(|(code, c)| code == "430-0403-JBN-S6R7"
        && matches!(c, Change::IndicatorRenamed { indicator, name }
            if indicator.name == "各部门满意度" && name.old.as_deref() == Some("参培住院医师满意度"))));

    // Sources still add up: 后勤保障经费 gained 其他资金.
    assert!(all.iter().any(|(code, c)| code == "430-0502-JBN-HE3Q"
        && matches!(c, Change::SourceAdded { source, amount } if source == "其他资金" && amount.0 == dec("2.00"))));
}

#[test]
fn example_reports_every_change_once() {
    let (_, _, d) = example_diff();
    for p in &d.projects {
        let mut seen = std::collections::BTreeSet::new();
        for c in &p.changes {
            let key = serde_json::to_string(c).unwrap();
            assert!(
                seen.insert(key.clone()),
                "reported twice in {:?}: {key}",
                p.code
            );
        }
    }
    // A project appears once.
    let mut codes: Vec<&str> = d
        .projects
        .iter()
        .filter_map(|p| p.code.as_deref())
        .collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), d.projects.len());
}

#[test]
fn json_is_deterministic_and_amounts_are_strings() {
    let (_, _, d1) = example_diff();
    let (_, _, d2) = example_diff();
    let (j1, j2) = (render_json(&d1), render_json(&d2));
    assert_eq!(j1, j2);
    let v: serde_json::Value = serde_json::from_str(&j1).unwrap();
    assert_eq!(v["format"], "jixiao-diff/1");
    assert_eq!(v["same"], false);
    assert_eq!(v["totals"]["budget"]["old"], "555.74");
    assert_eq!(v["totals"]["budget"]["new"], "599.20");
    assert_eq!(v["totals"]["budget"]["delta"], "43.46");
    assert_eq!(v["totals"]["budget"]["relative"], "7.82");
    // No number anywhere is a JSON float.
    fn no_floats(v: &serde_json::Value) {
        match v {
            serde_json::Value::Number(n) => assert!(n.is_u64() || n.is_i64(), "float {n}"),
            serde_json::Value::Array(a) => a.iter().for_each(no_floats),
            serde_json::Value::Object(o) => o.values().for_each(no_floats),
            _ => {}
        }
    }
    no_floats(&v);
}

#[test]
fn text_colour_only_when_asked() {
    let (_, _, d) = example_diff();
    let plain = render_text(&d, false, Lang::Zh);
    let colored = render_text(&d, true, Lang::Zh);
    assert!(!plain.contains('\x1b'));
    assert!(colored.contains("\x1b[32m+"));
    assert!(colored.contains("\x1b[31m-"));
    assert!(colored.contains("\x1b[33m~"));
    // Every change line names its project.
    for line in plain.lines().filter(|l| l.starts_with("  ")) {
        assert!(line.contains('[') && line.contains(']'), "{line}");
    }
    assert!(plain.contains("[430-0502-JBN-Y5UG 后勤管理经费] 绩效目标修改 1：资金到位及时，能够[-按时-]{+及时足额+}支付劳务派遣支出。"));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let (_, old) = example(2020);
    let text = common::example().replacen(
        "\"视频会议室网络租金\" {",
        "\"<script>alert('x')</script> & 视频\" {",
        1,
    );
    let new = sheet("escaped.jx", &text);
    let d = diff(&old, &new);
    let html = render_html(&d, &old, &new);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 视频"));
    assert!(html.contains("各项目预算均无变化"));
    let (old, new, d) = example_diff();
    let html = render_html(&d, &old, &new);
    assert_eq!(html.matches("<svg").count(), 1);
    assert_eq!(
        html.matches("<rect").count(),
        8,
        "one bar per project whose budget changed"
    );
    // Nothing is fetched: no URL at all (inline SVG needs no namespace).
    assert_eq!(html.matches("http").count(), 0);
    assert!(!html.contains("src=") && !html.contains("<link"));
}

// ---------------------------------------------------------------------------------------
// Planted changes

#[test]
fn budget_changed_reports_exact_amounts() {
    let d = diff_planted(
        "budget 30.00 { 财政资金 30.00 }",
        "budget 33.50 { 财政资金 33.50 }",
    );
    let all = changes(&d);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all.iter().all(|(code, _)| code == "430-0502-JBN-HE3Q"));
    let Change::BudgetChanged(b) = &all[0].1 else {
        panic!("{all:#?}")
    };
    assert_eq!(
        (b.old.to_string(), b.new.to_string(), b.delta.to_string()),
        ("30.00".into(), "33.50".into(), "3.50".into())
    );
    assert_eq!(b.relative.unwrap().to_string(), "11.67");
    let Change::SourceChanged { source, amount } = &all[1].1 else {
        panic!("{all:#?}")
    };
    assert_eq!(source, "财政资金");
    assert_eq!(amount, b);
    assert_eq!(d.totals.projects_changed, 1);
    assert_eq!(d.totals.budget.delta.to_string(), "3.50");
    assert_eq!(d.totals.budget.new.to_string(), "559.24");
    // 3.50 / 555.74 = 0.6297…%
    assert_eq!(d.totals.budget.relative.unwrap().to_string(), "0.63");
}

#[test]
fn budget_decrease_is_negative() {
    let d = diff_planted(
        "budget 175.00 { 财政资金 175.00 }",
        "budget 160.25 { 财政资金 160.25 }",
    );
    let Change::BudgetChanged(b) = &changes(&d)[0].1 else {
        panic!()
    };
    assert_eq!(b.delta.to_string(), "-14.75");
    assert_eq!(b.relative.unwrap().to_string(), "-8.43");
    let text = render_text(&d, false, Lang::Zh);
    assert!(
        text.contains("预算数：175.00 → 160.25 万元（-14.75，-8.43%）"),
        "{text}"
    );
}

#[test]
fn target_tightened() {
    let d = diff_planted("\"物业服务水平\" ≥90%", "\"物业服务水平\" ≥95%");
    let (code, c) = only_change(&d);
    assert_eq!(code, "430-0502-JBN-1T3G");
    let Change::TargetChanged {
        indicator,
        class,
        old,
        new,
    } = c
    else {
        panic!()
    };
    assert_eq!(indicator.name, "物业服务水平");
    assert_eq!(class, TargetClass::Tightened);
    let text = |t: &Option<jixiao::model::Target>| t.as_ref().map(|t| t.text.clone());
    assert_eq!(
        (text(&old), text(&new)),
        (Some("≥90%".into()), Some("≥95%".into()))
    );
    assert_eq!(d.totals.counts.targets_tightened, 1);
}

#[test]
fn target_loosened() {
    let d = diff_planted("\"租赁方满意度\" ≥80%", "\"租赁方满意度\" ≥75%");
    let (code, c) = only_change(&d);
    assert_eq!(code, "430-0502-JBN-GG1U");
    assert!(matches!(
        c,
        Change::TargetChanged {
            class: TargetClass::Loosened,
            ..
        }
    ));
}

#[test]
fn same_meaning_written_differently_is_no_change() {
    // ≥90% and 90%及以上 / 不低于90% mean the same.
    let d = diff_planted("\"物业服务水平\" ≥90%", "\"物业服务水平\" 不低于90%");
    assert!(d.is_empty(), "{:#?}", changes(&d));
}

#[test]
fn upper_bound_in_days_lower_is_tighter() {
    let site = "\"完成率\" ≥90% {\n    desc \"当年支付物业公司";
    let with = |t: &str| planted(site, &site.replace("≥90%", t));
    let (d30, d20) = (with("≤30天"), with("≤20天"));
    let tighter = diff(&d30, &d20);
    let (_, c) = only_change(&tighter);
    assert!(
        matches!(
            c,
            Change::TargetChanged {
                class: TargetClass::Tightened,
                ..
            }
        ),
        "{c:#?}"
    );
    let looser = diff(&d20, &d30);
    let (_, c) = only_change(&looser);
    assert!(matches!(
        c,
        Change::TargetChanged {
            class: TargetClass::Loosened,
            ..
        }
    ));
    // 天 and 工作日 do not convert: direction unclear.
    let other = diff(&d30, &with("≤20工作日"));
    let (_, c) = only_change(&other);
    assert!(matches!(
        c,
        Change::TargetChanged {
            class: TargetClass::Changed,
            ..
        }
    ));
}

#[test]
fn percent_to_count_is_kind_changed() {
    let d = diff_planted(
        "\"支持全区公务用车数量\" ≥90%",
        "\"支持全区公务用车数量\" ≥201辆",
    );
    let (code, c) = only_change(&d);
    assert_eq!(code, "430-0403-JBN-S6R7");
    assert!(matches!(
        c,
        Change::TargetChanged {
            class: TargetClass::KindChanged,
            ..
        }
    ));
    assert_eq!(d.totals.counts.targets_kind_changed, 1);
}

fn project_block(text: &str, start: &str) -> (usize, usize) {
    let a = text.find(start).unwrap();
    let b = a + text[a..].find("\n}\n").unwrap() + 3;
    (a, b)
}

#[test]
fn project_dropped() {
    let text = common::example();
    let (a, b) = project_block(&text, "// 5、视频会议室网络租金");
    let new = sheet("dropped.jx", &format!("{}{}", &text[..a], &text[b..]));
    let (_, old) = example(2020);
    let d = diff(&old, &new);
    let (code, c) = only_change(&d);
    assert_eq!(code, "430-0502-JBN-RODQ");
    assert!(
        matches!(c, Change::ProjectRemoved { budget, goals: 2, indicators: 3 } if budget.0 == dec("1.80"))
    );
    assert_eq!(d.projects[0].status, ProjectStatus::Removed);
    assert_eq!(d.totals.projects_removed, 1);
    assert_eq!(d.totals.projects_unchanged, 8);
    assert_eq!(d.totals.budget.delta.to_string(), "-1.80");
    assert_eq!(d.totals.budget.new.to_string(), "553.94");
}

#[test]
fn project_added() {
    let text = common::example();
    let (a, b) = project_block(&text, "// 5、视频会议室网络租金");
    let old = sheet("dropped.jx", &format!("{}{}", &text[..a], &text[b..]));
    let (_, new) = example(2020);
    let d = diff(&old, &new);
    let (code, c) = only_change(&d);
    assert_eq!(code, "430-0502-JBN-RODQ");
    assert!(matches!(c, Change::ProjectAdded { .. }));
    // Placed where it stands in the new sheet.
    assert_eq!(d.projects[0].new_position, Some(4));
}

#[test]
fn project_renamed_with_the_same_code() {
    let d = diff_planted(
        "project \"430-0502-JBN-NK6Y\" \"维修费\"",
        "project \"430-0502-JBN-NK6Y\" \"综合办公楼维修费\"",
    );
    let (code, c) = only_change(&d);
    assert_eq!(code, "430-0502-JBN-NK6Y");
    let Change::ProjectRenamed(e) = c else {
        panic!()
    };
    assert_eq!(e.old.as_deref(), Some("维修费"));
    assert_eq!(e.new.as_deref(), Some("综合办公楼维修费"));
    assert_eq!(e.inline, "{+综合办公楼+}维修费");
    assert_eq!(d.projects[0].matched_by, Some(MatchedBy::Code));
    assert_eq!(d.totals.projects_changed, 1);
    assert_eq!((d.totals.projects_added, d.totals.projects_removed), (0, 0));
}

#[test]
fn code_changed_with_the_same_name() {
    let d = diff_planted(
        "project \"430-0502-JBN-NK6Y\" \"维修费\"",
        "project \"430-0502-JBN-NK7Z\" \"维修费\"",
    );
    let (code, c) = only_change(&d);
    assert_eq!(code, "430-0502-JBN-NK7Z");
    assert_eq!(
        c,
        Change::CodeChanged {
            old: Some("430-0502-JBN-NK6Y".into()),
            new: Some("430-0502-JBN-NK7Z".into())
        }
    );
    assert_eq!(d.projects[0].matched_by, Some(MatchedBy::Name));
    assert_eq!(d.projects[0].old_code.as_deref(), Some("430-0502-JBN-NK6Y"));
    let text = render_text(&d, false, Lang::En);
    assert!(
        text.contains(
            "project code changed: 430-0502-JBN-NK6Y → 430-0502-JBN-NK7Z (matched by name)"
        ),
        "{text}"
    );
}

#[test]
fn indicator_moved_between_categories() {
    let site = "indicator 效果.可持续影响 \"长期使用性\" ≥90% {\n    desc \"能够将办公楼财产";
    let d = diff_planted(site, &site.replace("效果.可持续影响", "效果.社会效益"));
    let (code, c) = only_change(&d);
    assert_eq!(code, "430-0502-JBN-8KFC");
    let Change::IndicatorMoved { indicator, from } = c else {
        panic!()
    };
    assert_eq!(indicator.name, "长期使用性");
    assert_eq!(indicator.level2, "社会效益指标");
    assert_eq!(from.level2, "可持续影响指标");
}

#[test]
fn indicator_renamed_in_place() {
    let d = diff_planted("\"参培住院医师满意度\"", "\"各部门满意度\"");
    let (_, c) = only_change(&d);
    assert!(matches!(c, Change::IndicatorRenamed { .. }), "{c:#?}");
}

#[test]
fn indicator_description_edited() {
    let d = diff_planted(
        "desc \"接受就餐职工对职工食堂提供服务的满意程度。\"",
        "desc \"接受就餐职工对职工食堂提供餐饮服务的满意程度。\"",
    );
    let (_, c) = only_change(&d);
    let Change::DescriptionEdited { description, .. } = c else {
        panic!()
    };
    assert_eq!(
        description.inline,
        "接受就餐职工对职工食堂提供{+餐饮+}服务的满意程度。"
    );
}

#[test]
fn plan_checkpoint_changes() {
    let d = diff_planted(
        "plan 3月 20.00%, 6月 40.00%, 10月 70.00%, 12月 100.00%",
        "plan 6月 45.00%, 9月 70.00%, 12月 100.00%",
    );
    let kinds: Vec<String> = changes(&d)
        .iter()
        .map(|(_, c)| {
            serde_json::to_value(c).unwrap()["change"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        kinds,
        ["plan-removed", "plan-changed", "plan-added", "plan-removed"]
    );
}

#[test]
fn goals_added_removed_edited() {
    let d = diff_planted(
        "  goal \"建设节约型、廉洁型机关。\"\n  goal \"车辆管理规范透明。\"",
        "  goal \"建设节约型、廉洁型机关。\"\n  goal \"车辆管理规范、公开、透明。\"\n  goal \"GPS定位设备在线率保持稳定。\"",
    );
    let all = changes(&d);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(
        matches!(&all[0].1, Change::GoalEdited(e) if e.edit.inline == "车辆管理规范{+、公开、+}透明。")
    );
    assert!(matches!(&all[1].1, Change::GoalAdded(i) if i.index == 3));
}

#[test]
fn money_unit_change_converts_amounts() {
    // The whole sheet in 元: every amount × 10000, nothing else changes in meaning.
    let text = common::example().replace("unit 万元", "unit 元");
    let scaled: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("budget ") {
                l.split(' ')
                    .map(|w| match w.parse::<Decimal>() {
                        Ok(x) => (x * Decimal::from(10_000)).to_string(),
                        Err(_) => w.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let new = sheet("yuan.jx", &scaled);
    let (_, old) = example(2020);
    let d = diff(&old, &new);
    let (code, c) = only_change(&d);
    assert_eq!(code, "");
    assert!(matches!(c, Change::DepartmentChanged { field: "unit", .. }));
    assert_eq!(d.totals.budget.old.0, dec("5557400"));
    assert!(d.totals.budget.delta.0.is_zero());
}

#[test]
fn part_one_and_body_changes() {
    let (_, old) = example(2020);
    let text = common::example()
        .replace("year 2020", "year 2021")
        .replace("framework 2015", "framework 2021")
        .replace(
            "  measure \"全面摸清本区和个单位公务用车数量及使用情况，科学系统的做好公务用车改革工作。\"\n",
            "",
        );
    let new = sheet("body.jx", &text);
    let d = diff(&old, &new);
    let fields: Vec<&str> = d
        .body
        .iter()
        .map(|c| match c {
            Change::DepartmentChanged { field, .. } => *field,
            _ => "?",
        })
        .collect();
    assert_eq!(fields, ["year", "framework"]);
    assert!(
        matches!(&d.overall[..], [Change::MeasureRemoved(i)] if i.index == 3),
        "{:#?}",
        d.overall
    );
}

// ---------------------------------------------------------------------------------------
// No change

#[test]
fn identical_sheets_are_empty() {
    let (_, a) = example(2020);
    let (_, b) = example(2020);
    let d = diff(&a, &b);
    assert!(d.is_empty());
    assert!(d.same);
    assert_eq!(d.totals.counts.changes, 0);
    assert_eq!(d.totals.projects_unchanged, 9);
    assert!(render_text(&d, false, Lang::En).contains("No changes: the two sheets mean the same."));
    let v: serde_json::Value = serde_json::from_str(&render_json(&d)).unwrap();
    assert_eq!(v["same"], true);
    assert_eq!(v["projects"], serde_json::json!([]));
    let (_, c) = example(2021);
    assert!(diff(&c, &c).is_empty());
}

#[test]
fn against_an_empty_sheet_everything_is_added() {
    let (_, a) = example(2020);
    let d = diff(&jixiao::diff::empty_like(&a), &a);
    assert!(d.body.is_empty());
    assert_eq!(d.totals.projects_added, 9);
    assert_eq!(d.totals.budget.new.to_string(), "555.74");
    assert_eq!(d.totals.budget.relative, None);
    let d = diff(&a, &jixiao::diff::empty_like(&a));
    assert_eq!(d.totals.projects_removed, 9);
    assert!(d.overall.iter().all(|c| matches!(
        c,
        Change::SummaryEdited(_) | Change::ObjectiveRemoved(_) | Change::MeasureRemoved(_)
    )));
}

#[test]
fn layout_and_comments_do_not_count() {
    let text = common::example();
    let mut out = String::from("// an extra comment at the top\n\n\n");
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        // Re-indent with four spaces per level and a tab-free trailing comment.
        let relaid = format!("{}{}", " ".repeat(indent * 2), line.trim_start());
        if line.trim_start().starts_with("indicator ") {
            out.push_str(&format!(
                "{}// a comment before an indicator\n",
                " ".repeat(indent * 2)
            ));
        }
        if line.trim_start().starts_with("goal ") {
            out.push_str(&format!("{relaid}   // trailing comment\n"));
        } else {
            out.push_str(&relaid);
            out.push('\n');
        }
        if line.is_empty() {
            out.push_str("\n\n");
        }
    }
    // Alias spellings of keywords and categories mean the same too.
    let out = out
        .replace(
            "project \"430-0502-JBN-1T3G\"",
            "项目 \"430-0502-JBN-1T3G\"",
        )
        .replace(
            "indicator 产出.时效 \"完成率\"",
            "indicator 产出指标.时效指标 \"完成率\"",
        );
    assert_ne!(out, text);
    let (_, a) = example(2020);
    let b = sheet("relaid.jx", &out);
    let d = diff(&a, &b);
    assert!(d.is_empty(), "{:#?}", changes(&d));
    assert!(render_text(&d, false, Lang::Zh).contains("无变化"));
}

#[test]
fn stated_facts_of_the_form_are_compared_by_name() {
    let path = common::root().join("examples/qingshan-jiaoyu-2020.jx");
    let text = std::fs::read_to_string(path).unwrap();
    let old = sheet("old.jx", &text);
    let new_text = text
        .replace("attribute \"基础建设、修缮类\"", "attribute \"延续项目\"")
        .replace(
            "  form 公示\n",
            "  form 公示\n  filer \"武汉市青山区教育局\"\n",
        );
    let new = sheet("new.jx", &new_text);
    let d = diff(&old, &new);
    let fields: Vec<(String, Option<String>, Option<String>)> = changes(&d)
        .into_iter()
        .filter_map(|(_, c)| match c {
            Change::FieldChanged { name, edit } => Some((name, edit.old, edit.new)),
            _ => None,
        })
        .collect();
    assert_eq!(
        fields,
        [
            (
                "填报单位".to_string(),
                None,
                Some("武汉市青山区教育局".to_string())
            ),
            (
                "项目属性".to_string(),
                Some("基础建设、修缮类".to_string()),
                Some("延续项目".to_string())
            ),
        ]
    );
}
