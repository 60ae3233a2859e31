//! Values (E2xx): numbers, years, the money unit, the framework, amounts, `define-unit`.

use super::common::{diag, entries, t};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

entries! {
    E201, "无效的数字", "invalid number",
    "数字用半角阿拉伯数字和小数点书写，例如 78.00，不带千位分隔符和单位。",
    "Numbers are written with ASCII digits and a dot, as 78.00, without thousands separators or units.";
    E202, "无效的年度", "invalid year",
    "年度是四位数，例如 2020。",
    "The year is four digits, such as 2020.";
    E203, "未知的金额单位", "unknown money unit",
    "金额单位只能是 万元 或 元，表中所有金额都以此为单位。",
    "The money unit is 万元 or 元; every amount of the sheet is in this unit.";
    E204, "未知的指标体系", "unknown framework",
    "指标体系为 2015（财预〔2015〕88号：产出、效益、满意度）或 2021（财预〔2021〕101号：另有一级指标 成本指标）。",
    "The framework is 2015 (财预〔2015〕88号: output, benefit, satisfaction) or 2021 (财预〔2021〕101号, which adds level-1 成本指标).";
    E205, "金额为负", "negative amount",
    "预算金额不能为负数。",
    "Budget amounts cannot be negative.";
    E206, "金额小数位过多", "amount too precise",
    "以万元为单位时金额最多 6 位小数（即精确到分），以元为单位时最多 2 位。",
    "In 万元 an amount has at most 6 decimals (one fen); in 元, at most 2.";
    E207, "未知的量纲", "unknown dimension",
    "define-unit 的量纲可为 percent count money time length area mass volume energy score（或 百分比 数量 金额 时间 长度 面积 重量 体积 能量 分值），复合单位写作 分子/分母，如 money/count（元/人年）。",
    "The dimension of define-unit is one of percent count money time length area mass volume energy score (or 百分比 数量 金额 时间 长度 面积 重量 体积 能量 分值); a compound unit takes NUM/DEN, as money/count for 元/人年.";
    E208, "单位已有定义", "unit already defined",
    "define-unit 只能声明新的单位：内置单位（%、万元、个……）不能重新定义，同一单位也不能声明两次。",
    "define-unit declares new units only: built-in units (%, 万元, 个 …) cannot be redefined, and a unit cannot be declared twice.";
    E209, "不是可选的值", "not one of the choices",
    "有些语句只能从固定的几个词中选一个：direction 为 正向、反向 或 等于，nature 为 定量 或 定性，form 为 部门预算绩效信息、申报表、审批表、批复表、公示 或 部门整体。",
    "Some statements take one of a few words: direction takes 正向, 反向 or 等于; nature 定量 or 定性; form 部门预算绩效信息, 申报表, 审批表, 批复表, 公示 or 部门整体.";
}

pub fn invalid_number(span: Span, raw: &str) -> Diagnostic {
    diag(
        Code::E201,
        span,
        t(
            format!("无效的数字 `{raw}`"),
            format!("invalid number `{raw}`"),
        ),
    )
    .label(t("不是数字", "not a number"))
    .help(t(
        "用半角数字书写，例如 78.00，不带单位",
        "write ASCII digits, as 78.00, without a unit",
    ))
}

/// `span` holds the number with its separators, `plain` the number without
/// them, which the fix writes in its place.
pub fn thousands_separator(span: Span, plain: &str) -> Diagnostic {
    diag(
        Code::E201,
        span,
        t(
            "数字不使用千位分隔符",
            "numbers take no thousands separators",
        ),
    )
    .label(t("千位分隔符", "thousands separators"))
    .help(t(format!("写作 {plain}"), format!("write {plain}")))
    .fix(
        span,
        plain,
        t(format!("写作 {plain}"), format!("write {plain}")),
    )
}

pub fn invalid_year(span: Span, raw: &str) -> Diagnostic {
    diag(
        Code::E202,
        span,
        t(
            format!("无效的年度 `{raw}`"),
            format!("invalid year `{raw}`"),
        ),
    )
    .label(t("应为四位数年度", "a four-digit year is expected"))
    .help(t("例如：year 2020", "for example: year 2020"))
}

pub fn unknown_money_unit(span: Span, raw: &str) -> Diagnostic {
    diag(
        Code::E203,
        span,
        t(
            format!("未知的金额单位 `{raw}`"),
            format!("unknown money unit `{raw}`"),
        ),
    )
    .label(t("应为 万元 或 元", "万元 or 元 expected"))
    .help(t("写作 unit 万元 或 unit 元", "write unit 万元 or unit 元"))
}

pub fn unknown_framework(span: Span, raw: &str) -> Diagnostic {
    diag(
        Code::E204,
        span,
        t(
            format!("未知的指标体系 `{raw}`"),
            format!("unknown framework `{raw}`"),
        ),
    )
    .label(t("应为 2015 或 2021", "2015 or 2021 expected"))
}

pub fn negative_amount(span: Span) -> Diagnostic {
    diag(
        Code::E205,
        span,
        t("金额不能为负", "an amount cannot be negative"),
    )
    .label(t("负数", "negative"))
}

pub fn too_precise(span: Span, unit: &str, max: u32) -> Diagnostic {
    diag(
        Code::E206,
        span,
        t(
            format!("以{unit}为单位的金额最多 {max} 位小数"),
            format!("amounts in {unit} have at most {max} decimals"),
        ),
    )
    .label(t("小数位过多", "too many decimals"))
    .help(t(
        "万元金额精确到分是 6 位小数（0.000001 万元 = 0.01 元）；元金额精确到分是 2 位",
        "an amount in 万元 is exact to the fen at 6 decimals (0.000001 万元 = 0.01 元); in 元, at 2",
    ))
}

pub fn unknown_dimension(span: Span, raw: &str) -> Diagnostic {
    diag(
        Code::E207,
        span,
        t(
            format!("未知的量纲 `{raw}`"),
            format!("unknown dimension `{raw}`"),
        ),
    )
    .label(t("无法识别", "not recognised"))
    .help(t(
        "可用：百分比、数量、金额、时间、长度、面积、重量、体积、能量、分值，或 分子/分母，如 金额/数量",
        "one of: percent count money time length area mass volume energy score, or NUM/DEN as money/count",
    ))
}

pub fn unit_redefined(span: Span, name: &str, first: Option<Span>) -> Diagnostic {
    let d = diag(
        Code::E208,
        span,
        t(
            format!("单位 `{name}` 已有定义"),
            format!("unit `{name}` is already defined"),
        ),
    );
    match first {
        Some(f) => d
            .label(t("再次声明", "declared again"))
            .secondary(f, t("首次声明", "first declared here"))
            .help(t("删除重复的声明", "remove the repeated declaration")),
        None => d.label(t("内置单位", "a built-in unit")).help(t(
            "内置单位不能重新定义；直接使用即可",
            "built-in units cannot be redefined; use it as it is",
        )),
    }
}

/// `span` holds the word `raw`; `choices` are the words the statement
/// takes; `closest` replaces it when one is close.
pub fn not_a_choice(
    span: Span,
    keyword: &str,
    raw: &str,
    choices: &[&str],
    closest: Option<&str>,
) -> Diagnostic {
    let list = choices.join("、");
    let d = diag(
        Code::E209,
        span,
        t(
            format!("`{raw}` 不是 {keyword} 可选的值"),
            format!("`{raw}` is not a choice of {keyword}"),
        ),
    )
    .label(t(format!("可选：{list}"), format!("one of: {list}")));
    match closest {
        Some(c) => d.fix(span, c, t(format!("改为 `{c}`"), format!("write `{c}`"))),
        None => d,
    }
}
