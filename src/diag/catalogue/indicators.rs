//! Categories and indicators (E5xx): level-1 and level-2 categories, duplicates, weights, copied templates.

use super::common::{diag, entries, spans_exactly, t};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

entries! {
    E501, "未知的一级指标", "unknown level-1 category",
    "一级指标为 产出指标、效益指标（效果指标）、满意度指标，2021 体系另有 成本指标。写作 一级.二级，如 产出.时效。",
    "Level-1 categories are 产出指标, 效益指标 (效果指标), 满意度指标, and in 2021 also 成本指标. Write LEVEL1.LEVEL2, as 产出.时效.";
    E502, "未知的二级指标", "unknown level-2 category",
    "二级指标须属于所在一级指标，例如 产出指标 下为 数量、质量、时效（2015 另有 成本）。",
    "A level-2 category must belong to its level 1: under 产出指标, 数量, 质量, 时效 (and 成本 in 2015).";
    E503, "二级指标不属于该一级指标", "level-2 category under the wrong level 1",
    "这个二级指标存在，但属于另一个一级指标。",
    "The level-2 category exists, but belongs to another level 1.";
    E504, "指标类别不属于本表的指标体系", "category not in the sheet's framework",
    "2015 体系没有一级 成本指标；2021 体系中 成本 是一级指标，不再是 产出 下的二级指标。请改类别或改 framework。",
    "The 2015 framework has no level-1 成本指标; in 2021, cost is level 1, no longer under output. Change the category or the framework.";
    E505, "指标重复", "duplicate indicator",
    "同一项目内指标名称不能重复。",
    "Indicator names must be unique within a project.";
    W506, "项目缺少某类一级指标", "project lacks a level-1 category",
    "每个项目通常应有产出、效益和满意度指标（2021 体系还有成本指标）。",
    "A project is expected to have output, benefit and satisfaction indicators (and cost indicators in 2021).";
    W507, "权重合计不对", "weights do not add up",
    "给出权重时，一个项目的指标权重合计应为 100（或 90，另 10 分为预算执行率），并且每个指标都应有权重。",
    "When weights are given, a project's indicator weights add up to 100 (or 90, with 10 for budget execution), and every indicator has one.";
    E508, "指标类别写法不对", "malformed category",
    "类别写作 一级.二级，中间用半角句点，例如 产出.时效 或 满意度.服务对象满意度。",
    "A category reads LEVEL1.LEVEL2 with an ASCII dot, as 产出.时效 or 满意度.服务对象满意度.";
    W509, "满意度指标的对象与本项目无关", "satisfaction indicator about someone unrelated to the project",
    "指标名称中的服务对象在项目的其他内容里都没有出现，可能是从别的模板复制而来（如车辆项目里的“参培住院医师满意度”）。",
    "The service object named by the indicator appears nowhere else in the project; it may have been copied from another template (such as 参培住院医师满意度 in a vehicle project).";
    E510, "指标名称为空", "empty indicator name",
    "三级指标要有名称，写在类别之后：indicator 产出.数量 \"培训人数\" ≥50人。",
    "A level-3 indicator needs a name after its category: indicator 产出.数量 \"培训人数\" ≥50人.";
    W511, "一级指标的权重合计不在其分值内", "a level-1 category's weights fall outside its points",
    "表中给一级指标定了分值（score 成本 0-20），其下各指标的权重之和应在这个分值或范围之内。",
    "The sheet gives a level-1 category its points (score 成本 0-20): the weights of its indicators add up to that number or within that range.";
}

/// A suggested category word in place of `word`, written at `span` (when
/// the phase could place it: a string with escapes or a text block is
/// pointed at as a whole).
fn suggest(d: Diagnostic, span: Span, word: &str, suggestion: &str) -> Diagnostic {
    if spans_exactly(span, word.len()) {
        d.fix(
            span,
            suggestion,
            t(
                format!("改为 `{suggestion}`"),
                format!("write `{suggestion}`"),
            ),
        )
    } else {
        d
    }
}

/// `span` holds `word`; a suggested level 1 replaces it.
pub fn unknown_level1(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = diag(
        Code::E501,
        span,
        t(
            format!("未知的一级指标 `{word}`"),
            format!("unknown level-1 category `{word}`"),
        ),
    )
    .label(t("不是一级指标", "not a level-1 category"));
    match suggestion {
        Some(s) => suggest(
            d.help(t(format!("是不是 `{s}`？"), format!("did you mean `{s}`?"))),
            span,
            word,
            s,
        ),
        None => d.help(t(
            "一级指标：产出、效益（效果）、满意度，2021 体系另有 成本",
            "level-1 categories: 产出, 效益 (效果), 满意度, and 成本 in 2021",
        )),
    }
}

/// `span` holds `word`; a suggested level 2 replaces it.
pub fn unknown_level2(
    span: Span,
    word: &str,
    level1: &str,
    suggestion: Option<&str>,
) -> Diagnostic {
    let d = diag(
        Code::E502,
        span,
        t(
            format!("{level1}下没有二级指标 `{word}`"),
            format!("{level1} has no level-2 category `{word}`"),
        ),
    )
    .label(t("未知的二级指标", "unknown level-2 category"));
    match suggestion {
        Some(s) => suggest(
            d.help(t(format!("是不是 `{s}`？"), format!("did you mean `{s}`?"))),
            span,
            word,
            s,
        ),
        None => d,
    }
}

/// `span` is the level 2, `fix` the whole category as it should read. No
/// fix: it replaces the whole category, whose span is not known here.
/// `span` is the level-2 word; `category` the whole category (`效益.满意度`),
/// which the fix rewrites.
pub fn wrong_parent(
    span: Span,
    category: Span,
    word: &str,
    level1: &str,
    parent: &str,
    fix: &str,
) -> Diagnostic {
    diag(
        Code::E503,
        span,
        t(
            format!("二级指标 `{word}` 不属于 {level1}，而属于 {parent}"),
            format!("level-2 category `{word}` belongs to {parent}, not {level1}"),
        ),
    )
    .label(t(format!("属于 {parent}"), format!("belongs to {parent}")))
    .help(t(format!("写作 {fix}"), format!("write {fix}")))
    .fix(
        category,
        fix,
        t(format!("改为 {fix}"), format!("write {fix}")),
    )
}

/// Why a category is not in the sheet's framework, and what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameworkHint {
    /// Level-1 成本 in a 2015 sheet: cost is level 2 under output there.
    CostUnderOutput,
    /// Level-2 成本 under 产出 in a 2021 sheet: cost is level 1 there.
    CostAtLevel1,
    /// A 2021-only category in a 2015 sheet.
    Use2021,
}

pub fn not_in_framework(
    span: Span,
    category: &str,
    framework: &str,
    hint: FrameworkHint,
) -> Diagnostic {
    let (help_zh, help_en) = match hint {
        FrameworkHint::CostUnderOutput => (
            "2015 体系中成本是 产出 下的二级指标（产出.成本），或者改用 framework 2021",
            "in 2015, cost is level 2 under output (产出.成本); or use framework 2021",
        ),
        FrameworkHint::CostAtLevel1 => (
            "2021 体系中成本是一级指标：写作 成本.经济成本 等",
            "in 2021, cost is level 1: write 成本.经济成本 and so on",
        ),
        FrameworkHint::Use2021 => ("改用 framework 2021", "use framework 2021"),
    };
    diag(
        Code::E504,
        span,
        t(
            format!("{category} 不属于 {framework} 指标体系"),
            format!("{category} is not part of the {framework} framework"),
        ),
    )
    .label(t(
        format!("本表使用 {framework} 体系"),
        format!("this sheet uses the {framework} framework"),
    ))
    .help(t(help_zh, help_en))
}

pub fn duplicate_indicator(span: Span, first: Span, name: &str) -> Diagnostic {
    diag(
        Code::E505,
        span,
        t(
            format!("指标 {name} 在本项目中重复"),
            format!("indicator {name} appears twice in this project"),
        ),
    )
    .label(t("重复的指标", "repeated here"))
    .secondary(first, t("首次出现", "first given here"))
}

pub fn empty_indicator_name(span: Span) -> Diagnostic {
    diag(
        Code::E510,
        span,
        t("指标名称为空", "the indicator's name is empty"),
    )
    .label(t("空的名称", "empty name"))
    .help(t(
        "写上三级指标的名称，如 \"培训人数\"",
        "write the level-3 indicator's name, as \"培训人数\"",
    ))
}

pub fn missing_category(span: Span, code: &str, missing: &[&str]) -> Diagnostic {
    let list = missing.join("、");
    let list_en = missing.join(", ");
    diag(
        Code::W506,
        span,
        t(
            format!("项目 {code} 没有{list}"),
            format!("project {code} has no {list_en}"),
        ),
    )
    .label(t("缺少这类指标的项目", "project lacking these indicators"))
    .help(t(
        format!("为项目添加{list}"),
        format!("add {list_en} to the project"),
    ))
}

pub fn weights_sum(span: Span, sum: &str) -> Diagnostic {
    diag(
        Code::W507,
        span,
        t(
            format!("指标权重合计为 {sum}，应为 100 或 90"),
            format!("indicator weights add up to {sum}, not 100 or 90"),
        ),
    )
    .label(t("此项目", "this project"))
    .help(t(
        "调整各指标的权重，使合计为 100（或 90，另 10 分留给预算执行率）",
        "adjust the weights to add up to 100 (or 90, leaving 10 for budget execution)",
    ))
}

/// The weights and the stated budget-execution points miss 100.
pub fn weights_sum_with_execution(span: Span, sum: &str, execution: &str) -> Diagnostic {
    diag(
        Code::W507,
        span,
        t(
            format!("指标权重合计 {sum} 加预算执行率 {execution} 分，不等于 100"),
            format!(
                "indicator weights {sum} plus {execution} for budget execution do not make 100"
            ),
        ),
    )
    .label(t("此项目", "this project"))
    .help(t(
        "调整各指标的权重或预算执行率的分值，使合计为 100",
        "adjust the weights or the execution points to make 100",
    ))
}

pub fn level_weights_outside(span: Span, level1: &str, sum: &str, points: &str) -> Diagnostic {
    diag(
        Code::W511,
        span,
        t(
            format!("{level1} 各指标权重合计 {sum}，不在其分值 {points} 内"),
            format!("the weights under {level1} add up to {sum}, outside its {points}"),
        ),
    )
    .label(t("分值", "the points"))
    .help(t(
        "调整该类指标的权重，或改正分值",
        "adjust the weights of its indicators, or correct the points",
    ))
}

pub fn weights_partial(span: Span, missing: usize) -> Diagnostic {
    diag(
        Code::W507,
        span,
        t(
            format!("有 {missing} 个指标没有权重"),
            if missing == 1 {
                "1 indicator has no weight".to_string()
            } else {
                format!("{missing} indicators have no weight")
            },
        ),
    )
    .label(t("此指标缺少权重", "this indicator has no weight"))
    .help(t(
        "要么都写权重，要么都不写",
        "give every indicator a weight, or none",
    ))
}

pub fn malformed_category(span: Span, raw: &str) -> Diagnostic {
    diag(
        Code::E508,
        span,
        t(
            format!("指标类别 `{raw}` 写法不对"),
            format!("malformed category `{raw}`"),
        ),
    )
    .label(t("应为 一级.二级", "LEVEL1.LEVEL2 expected"))
    .help(t(
        "例如：indicator 产出.时效 \"到位率\" ≥90%",
        "for example: indicator 产出.时效 \"到位率\" ≥90%",
    ))
}

pub fn unrelated_subject(span: Span, subject: &str) -> Diagnostic {
    diag(
        Code::W509,
        span,
        t(
            format!("满意度指标的对象“{subject}”在本项目其他内容中没有出现"),
            format!("the satisfaction indicator's subject “{subject}” appears nowhere else in this project"),
        ),
    )
    .label(t("可能是从其他模板复制的", "possibly copied from another template"))
    .help(t("确认指标的服务对象是本项目的服务对象", "check that it names this project's service object"))
}
