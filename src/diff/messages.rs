//! Every text the diff shows to people, in Chinese and English: the headings, labels
//! and sentences of the text rendering (which prints one language, chosen by [`Lang`])
//! and of the HTML page (Chinese, with both languages side by side in its headings and
//! totals, see [`Text::both`]). The renderers compose these with the sheets' own texts
//! and numbers; nothing else in `diff` is worded for people.

use super::changes::{DiffTotals, ProjectStatus};
use super::target::TargetClass;
use crate::diag::Lang;

/// One text in Chinese and English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

const fn text(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

impl Text {
    /// The text in `lang`.
    pub(super) fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// Both languages, as the HTML page shows them: `合计 Totals`, without the space
    /// after full-width punctuation (`预算总额（旧）Budget, old`).
    pub(super) fn both(self) -> String {
        side_by_side(self.zh, self.en)
    }

    /// Both languages as a heading, the English capitalised: `部门 Department`.
    pub(super) fn heading(self) -> String {
        let mut rest = self.en.chars();
        let en: String = match rest.next() {
            Some(first) => first.to_uppercase().chain(rest).collect(),
            None => String::new(),
        };
        side_by_side(self.zh, &en)
    }
}

fn side_by_side(zh: &str, en: &str) -> String {
    let tight = zh.ends_with(['。', '）', '：', '，', '；']);
    let space = if tight { "" } else { " " };
    format!("{zh}{space}{en}")
}

// ---------------------------------------------------------------------------------------
// Punctuation and small words

/// After a label: `预算数：…`, `budget: …`.
pub(super) const COLON: Text = text("：", ": ");
/// Between the parts of a sentence.
pub(super) const COMMA: Text = text("，", ", ");
/// Around an aside: `（+2.00，+2.56%）`, ` (+2.00, +2.56%)`.
pub(super) const OPEN: Text = text("（", " (");
pub(super) const CLOSE: Text = text("）", ")");
pub(super) const YES: Text = text("是", "yes");
pub(super) const NO: Text = text("否", "no");
/// A value that is not there.
pub(super) const ABSENT: Text = text("（无）", "(none)");
/// An amount that is not there (a project on one side only).
pub(super) const MISSING: &str = "—";

/// A month of the spending plan: `3月`, `month 3`.
pub(super) fn month(lang: Lang, m: u32) -> String {
    match lang {
        Lang::Zh => format!("{m}月"),
        Lang::En => format!("month {m}"),
    }
}

// ---------------------------------------------------------------------------------------
// Headings and totals

/// The heading of the text and the title of the page.
/// A body or project by its code and name, or its name alone when the sheet
/// gives no code.
fn who(code: &str, name: &str) -> String {
    if code.is_empty() {
        name.to_string()
    } else {
        format!("{code} {name}")
    }
}

pub(super) fn title(lang: Lang, code: &str, name: &str, old_year: i32, new_year: i32) -> String {
    let who = who(code, name);
    match lang {
        Lang::Zh => format!("绩效目标对比 {who}：{old_year}年 → {new_year}年"),
        Lang::En => format!("jixiao diff {who}: {old_year} → {new_year}"),
    }
}

pub(super) const NO_CHANGES: Text = text(
    "无变化：两份绩效目标表含义相同。",
    "No changes: the two sheets mean the same.",
);
/// The body's changes: the section, and the bracket of each change line.
pub(super) const DEPARTMENT: Text = text("部门", "department");
/// Part 1's changes.
pub(super) const PART_ONE: Text = text("第一部分", "part 1");

/// A project's status, after its name.
pub(super) fn status(s: ProjectStatus) -> Text {
    match s {
        ProjectStatus::Added => text("新增", "added"),
        ProjectStatus::Removed => text("删除", "removed"),
        ProjectStatus::Changed => text("变更", "changed"),
    }
}

/// The heading of a project's changes: `项目 CODE NAME（变更）`.
pub(super) fn project_heading(lang: Lang, code: &str, name: &str, status: &str) -> String {
    let who = who(code, name);
    match lang {
        Lang::Zh => format!("项目 {who}（{status}）"),
        Lang::En => format!("project {who} ({status})"),
    }
}

/// The last line of the text; `budget` is the total's change, written out.
pub(super) fn totals(lang: Lang, tt: &DiffTotals, budget: &str) -> String {
    let c = &tt.counts;
    match lang {
        Lang::Zh => format!(
            "合计：项目新增 {} 个，删除 {} 个，变更 {} 个，未变 {} 个；预算总额 {budget}；指标新增 {} 个，删除 {} 个；目标收紧 {} 个，放宽 {} 个，变更 {} 个，类型变更 {} 个；共 {} 处变化。",
            tt.projects_added,
            tt.projects_removed,
            tt.projects_changed,
            tt.projects_unchanged,
            c.indicators_added,
            c.indicators_removed,
            c.targets_tightened,
            c.targets_loosened,
            c.targets_changed,
            c.targets_kind_changed,
            c.changes
        ),
        Lang::En => format!(
            "Totals: projects {} added, {} removed, {} changed, {} unchanged; budget {budget}; indicators {} added, {} removed; targets {} tightened, {} loosened, {} changed, {} kind-changed; {} changes.",
            tt.projects_added,
            tt.projects_removed,
            tt.projects_changed,
            tt.projects_unchanged,
            c.indicators_added,
            c.indicators_removed,
            c.targets_tightened,
            c.targets_loosened,
            c.targets_changed,
            c.targets_kind_changed,
            c.changes
        ),
    }
}

// ---------------------------------------------------------------------------------------
// One change

/// A field of the department block (code, name, year, unit, framework) or of an
/// indicator (basis, weight, last, explain, scoring, core), as `Change` names it.
pub(super) fn field(name: &str) -> Text {
    match name {
        "code" => text("部门编码", "code"),
        "name" => text("部门名称", "name"),
        "year" => text("年度", "year"),
        "unit" => text("金额单位", "money unit"),
        "framework" => text("指标体系", "framework"),
        "basis" => text("指标值确定依据", "basis"),
        "weight" => text("权重", "weight"),
        "last" => text("上年实际值", "last year's value"),
        "explain" => text("指标解释", "explanation"),
        "scoring" => text("评分标准", "scoring"),
        "core" => text("核心指标", "core indicator"),
        _ => text("?", "?"),
    }
}

/// How a target changed.
pub(super) fn class(c: TargetClass) -> Text {
    match c {
        TargetClass::Tightened => text("目标收紧", "target tightened"),
        TargetClass::Loosened => text("目标放宽", "target loosened"),
        TargetClass::Changed => text("目标变更", "target changed"),
        TargetClass::KindChanged => text("目标类型变更", "target kind changed"),
    }
}

pub(super) const UNIT_ADDED: Text = text("新增自定义单位", "unit defined");
pub(super) const UNIT_REMOVED: Text = text("删除自定义单位", "unit definition removed");
pub(super) const UNIT_CHANGED: Text = text("自定义单位量纲变更", "unit dimension changed");
pub(super) const SUMMARY_EDITED: Text = text("总体目标修改", "summary edited");
pub(super) const OBJECTIVE_ADDED: Text = text("新增分项目标", "objective added");
pub(super) const OBJECTIVE_REMOVED: Text = text("删除分项目标", "objective removed");
pub(super) const OBJECTIVE_EDITED: Text = text("分项目标修改", "objective edited");
pub(super) const MEASURE_ADDED: Text = text("新增保障措施", "measure added");
pub(super) const MEASURE_REMOVED: Text = text("删除保障措施", "measure removed");
pub(super) const MEASURE_EDITED: Text = text("保障措施修改", "measure edited");
pub(super) const PROJECT_ADDED: Text = text("新增项目", "project added");
pub(super) const PROJECT_REMOVED: Text = text("删除项目", "project removed");
pub(super) const PROJECT_RENAMED: Text = text("项目更名", "project renamed");
pub(super) const CODE_CHANGED: Text = text("项目编码变更", "project code changed");
/// After a changed code: why the project is still the same one.
pub(super) const MATCHED_BY_NAME: Text = text("（按项目名称匹配）", " (matched by name)");
pub(super) const AGENCY_CHANGED: Text = text("实施单位变更", "agency changed");
pub(super) const FIELD_CHANGED: Text = text("栏目变更", "field changed");
pub(super) const BUDGET: Text = text("预算数", "budget");
pub(super) const SOURCE_ADDED: Text = text("新增资金来源", "fund source added");
pub(super) const SOURCE_REMOVED: Text = text("删除资金来源", "fund source removed");
pub(super) const SOURCE: Text = text("资金来源", "fund source");
pub(super) const PURPOSE_EDITED: Text = text("资金用途修改", "purpose edited");
pub(super) const PLAN_ADDED: Text = text("支出计划新增节点", "plan checkpoint added");
pub(super) const PLAN_REMOVED: Text = text("支出计划删除节点", "plan checkpoint removed");
pub(super) const PLAN: Text = text("支出计划", "plan");
pub(super) const GOAL_ADDED: Text = text("新增绩效目标", "goal added");
pub(super) const GOAL_REMOVED: Text = text("删除绩效目标", "goal removed");
pub(super) const GOAL_EDITED: Text = text("绩效目标修改", "goal edited");
pub(super) const PERIOD_EDITED: Text = text("实施期修改", "period edited");
pub(super) const PERIOD_GOAL_ADDED: Text = text("新增实施期目标", "period goal added");
pub(super) const PERIOD_GOAL_REMOVED: Text = text("删除实施期目标", "period goal removed");
pub(super) const PERIOD_GOAL_EDITED: Text = text("实施期目标修改", "period goal edited");
pub(super) const INDICATOR_ADDED: Text = text("新增指标", "indicator added");
pub(super) const INDICATOR_REMOVED: Text = text("删除指标", "indicator removed");
pub(super) const INDICATOR_MOVED: Text = text("指标移动", "indicator moved");
pub(super) const INDICATOR_RENAMED: Text = text("指标更名", "indicator renamed");
pub(super) const DESCRIPTION_EDITED: Text = text("指标描述修改", "description edited");

/// What an added or removed project holds, after the colon.
pub(super) fn project_size(
    lang: Lang,
    budget: &str,
    unit: &str,
    goals: usize,
    indicators: usize,
) -> String {
    match lang {
        Lang::Zh => format!("预算数 {budget} {unit}，绩效目标 {goals} 条，指标 {indicators} 个"),
        Lang::En => format!("budget {budget} {unit}, {goals} goals, {indicators} indicators"),
    }
}

// ---------------------------------------------------------------------------------------
// The HTML page

/// The page's subtitle, in English under the Chinese title.
pub(super) fn subtitle(old: (&str, &str, i32), new: (&str, &str, i32)) -> String {
    format!(
        "Performance target diff · {} ({}) → {} ({})",
        who(old.0, old.1),
        old.2,
        who(new.0, new.1),
        new.2
    )
}

/// The page's generator and footer, naming the JSON contract.
pub(super) fn generator(format: &str) -> String {
    format!("jixiao diff ({format})")
}

pub(super) fn footer(format: &str) -> String {
    format!("jixiao diff · {format}")
}

pub(super) const TOTALS: Text = text("合计", "Totals");
pub(super) const TOTAL_OLD: Text = text("预算总额（旧）", "Budget, old");
pub(super) const TOTAL_NEW: Text = text("预算总额（新）", "Budget, new");
pub(super) const TOTAL_CHANGE: Text = text("增减", "Change");
pub(super) const PROJECTS_ADDED: Text = text("新增项目", "Projects added");
pub(super) const PROJECTS_REMOVED: Text = text("删除项目", "Projects removed");
pub(super) const PROJECTS_CHANGED: Text = text("变更项目", "Projects changed");
pub(super) const PROJECTS_UNCHANGED: Text = text("未变项目", "Projects unchanged");
pub(super) const TARGETS_TIGHTENED: Text = text("目标收紧", "Targets tightened");
pub(super) const TARGETS_LOOSENED: Text = text("目标放宽", "Targets loosened");
pub(super) const TARGETS_CHANGED: Text = text("目标变更", "Targets changed");
pub(super) const TARGETS_KIND_CHANGED: Text = text("目标类型变更", "Targets changed in kind");
pub(super) const CHANGES: Text = text("变化总数", "Changes");

pub(super) const BUDGET_CHART: Text = text("各项目预算变化", "Budget change per project");
pub(super) const NO_BUDGET_CHANGED: Text = text("各项目预算均无变化。", "No budget changed.");

/// The chart's title: `各项目预算变化（万元）Budget change per project`.
pub(super) fn chart_title(unit: &str) -> String {
    format!("{}（{unit}）{}", BUDGET_CHART.zh, BUDGET_CHART.en)
}

/// Under the chart's zero line.
pub(super) fn chart_axis(unit: &str) -> String {
    format!("0（{unit}）")
}

/// A bar's tooltip: `CODE NAME：78.00 → 80.00 万元`.
pub(super) fn chart_tooltip(code: &str, name: &str, old: &str, new: &str, unit: &str) -> String {
    format!("{}{}{old} → {new} {unit}", who(code, name), COLON.zh)
}

/// The side-by-side table's first column, and the sheets' columns.
pub(super) const FIELD: Text = text("栏目", "field");

pub(super) fn old_column(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("{year}年（旧）"),
        Lang::En => format!("{year} (old)"),
    }
}

pub(super) fn new_column(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("{year}年（新）"),
        Lang::En => format!("{year} (new)"),
    }
}

pub(super) const PROJECT_CODE: Text = text("项目编码", "project code");
pub(super) const PROJECT_NAME: Text = text("项目名称", "project name");
pub(super) const AGENCY: Text = text("实施单位", "agency");
pub(super) const PURPOSE: Text = text("资金用途", "purpose");
pub(super) const SPENDING_PLAN: Text = text("资金支出计划", "spending plan");
pub(super) const GOAL: Text = text("绩效目标", "goal");
pub(super) const PERIOD: Text = text("实施期", "period");
pub(super) const PERIOD_GOAL: Text = text("实施期目标", "period goal");
pub(super) const INDICATOR: Text = text("指标", "indicator");
pub(super) const INDICATOR_GONE: Text = text("指标（删除）", "indicator (removed)");

/// A fund source under the budget: `其中：财政资金/一般公共预算`.
pub(super) fn source_row(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("其中：{path}"),
        Lang::En => format!("of which: {path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_side_by_side() {
        assert_eq!(TOTALS.both(), "合计 Totals");
        assert_eq!(TOTAL_OLD.both(), "预算总额（旧）Budget, old");
        assert_eq!(
            NO_BUDGET_CHANGED.both(),
            "各项目预算均无变化。No budget changed."
        );
        assert_eq!(DEPARTMENT.heading(), "部门 Department");
        assert_eq!(PART_ONE.heading(), "第一部分 Part 1");
        assert_eq!(status(ProjectStatus::Added).both(), "新增 added");
    }
}
