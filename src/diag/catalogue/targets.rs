//! Targets and units (E6xx): target values, units, dates, ranges.

use super::common::{diag, entries, spans_exactly, t};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

entries! {
    E601, "指标值书写混乱", "garbled target",
    "指标值像是两种写法拼在了一起，例如 ≥9090%及以上 是 ≥90% 与 90%及以上 的合并。请只写一种。",
    "The target looks like two spellings merged, as ≥9090%及以上 from ≥90% and 90%及以上. Write one.";
    E602, "指标值是模板占位符", "placeholder target",
    "指标值仍是模板占位（如 ≥**%、XX%），请填写实际目标值。",
    "The target is still a template placeholder (such as ≥**% or XX%); write the actual target.";
    E603, "未知的计量单位", "unknown unit",
    "单位不在内置单位表中。可以改正拼写，或在表中声明：define-unit 校次 count。",
    "The unit is not in the built-in table. Fix the spelling, or declare it in the sheet: define-unit 校次 count.";
    E604, "满意度超过 100%", "satisfaction above 100%",
    "满意度是比例，不能超过 100%。",
    "Satisfaction is a share and cannot exceed 100%.";
    W605, "比率超过 100%", "rate above 100%",
    "以“率”结尾的指标一般不超过 100%。增长率等可以超过的，可忽略此警告。",
    "Indicators named …率 (a rate) rarely exceed 100%. Ignore this for growth rates and the like.";
    W606, "指标值类型与类别不符", "target type does not fit the category",
    "数量指标的目标应是数量（个、次、项…），成本指标的目标应是金额。百分比常是误填。",
    "A quantity indicator's target is a count (个, 次, 项 …), a cost indicator's a sum of money; a percentage is usually a mistake.";
    E607, "缺少指标值", "missing target",
    "每个指标都要有指标值，写在名称之后：indicator 产出.时效 \"到位率\" ≥90%。比较符号后面要有数值。",
    "Every indicator has a target after its name: indicator 产出.时效 \"到位率\" ≥90%. A comparison needs a value after it.";
    E608, "指标值中的数字无效", "invalid number in target",
    "数字过长或写法不对。",
    "The number is too long or malformed.";
    E609, "无效的日期", "invalid date",
    "日期不存在，例如 2020-02-30 或 13 月。",
    "The date does not exist, such as 2020-02-30 or month 13.";
    E610, "区间上下限颠倒", "range bounds reversed",
    "区间写作 下限-上限，例如 90%-95%。",
    "A range reads LOW-HIGH, as 90%-95%.";
    W611, "日期早于本表年度", "date before the sheet's year",
    "指标值中的日期早于表的年度，常见于照抄上年的表而忘记改日期。",
    "A date in a target lies before the sheet's year; this usually comes from copying last year's sheet without updating its dates.";
    W612, "比率或满意度缺少单位", "rate or satisfaction without a unit",
    "以“率”结尾的指标和满意度指标的目标是百分比：写作 ≥90%，而不是 ≥90。",
    "A rate (…率) or a satisfaction indicator takes a percentage: write ≥90%, not ≥90.";
    W613, "指标值的单位与指标名称不符", "target unit differs from the indicator's name",
    "指标名称说的是一种计数单位（如 培训人数 是人），指标值却用了另一种（如 次）。",
    "The indicator's name counts one thing (培训人数 counts 人) and its target another (次).";
    W614, "指标值含有数字却读作文字", "a target with a number read as text",
    "指标值里有数字、比较符号或 *，却不能读作数值，只能当作文字：核对、打分都用不上它。写成 ≥50人 这样的符号、数值与单位。",
    "The target holds a number, a comparison or a *, yet does not read as a value, so it is kept as text that no check or score can use. Write a sign, a number and a unit, as ≥50人.";
    W615, "指标名称即目标，没有指标值", "the indicator's name is its target",
    "有的表不填指标值，把目标写进名称（生态修复功能提高）。这可以接受，但无法核对或打分；最好把目标写成指标值。",
    "Some tables give no target and put it in the name (生态修复功能提高). That is accepted, but nothing can check or score it; better write the target as one.";
    W616, "指标值待定", "target still to be set",
    "待定 表示指标值尚未确定。申报阶段可以这样写，但公开或批复的表应给出指标值，否则无法监控和自评。",
    "待定 says the target is not set yet. A draft may say so, but a published or approved sheet needs the value: without it nothing can be monitored or scored.";
    W617, "指标方向与计算符号矛盾", "direction contradicts the sign",
    "≥ 和 ＞ 表示越大越好（正向），≤ 和 ＜ 表示越小越好（反向）。写明的方向与符号相反时，自评按哪一个打分就不清楚了。",
    "≥ and ＞ mean more is better (正向), ≤ and ＜ less is better (反向). When the stated direction says the opposite of the sign, a self-evaluation cannot tell which rule scores it.";
    W618, "定量指标没有数值", "a quantitative indicator without a number",
    "写明为 定量 的指标应有数值和计量单位（一体化系统只对 定性 指标免填计量单位）；文字目标应标为 定性。",
    "An indicator stated 定量 needs a number and a unit (the 一体化 system waives the unit for 定性 only); a target in words is 定性.";
}

/// `span` is the whole target as written (`written` its text, quotes
/// removed); the fix writes the `intended` target in its place.
pub fn garbled_target(span: Span, written: &str, intended: &str) -> Diagnostic {
    diag(
        Code::E601,
        span,
        t(
            format!("指标值 `{written}` 书写混乱"),
            format!("garbled target `{written}`"),
        ),
    )
    .label(t("两种写法拼在了一起", "two spellings merged"))
    .help(t(
        format!("应为 {intended}"),
        format!("probably meant {intended}"),
    ))
    .fix(
        span,
        intended,
        t(format!("改为 {intended}"), format!("write {intended}")),
    )
}

pub fn placeholder_target(span: Span, written: &str) -> Diagnostic {
    diag(
        Code::E602,
        span,
        t(
            format!("指标值 `{written}` 是模板占位符"),
            format!("target `{written}` is a template placeholder"),
        ),
    )
    .label(t("未填写的占位", "unfilled placeholder"))
    .help(t(
        "填写实际的目标值，例如 ≥90%",
        "write the actual target, such as ≥90%",
    ))
}

/// `(≥**个) >=4个`: a template hint left beside the real value; the fix
/// keeps the value.
pub fn template_hint(span: Span, written: &str, value: &str) -> Diagnostic {
    diag(
        Code::E602,
        span,
        t(
            format!("指标值 `{written}` 中留有模板的填写提示"),
            format!("target `{written}` still holds the template's hint"),
        ),
    )
    .label(t("模板提示", "template hint"))
    .help(t(
        format!("只写实际值：{value}"),
        format!("write the value only: {value}"),
    ))
    .fix(
        span,
        value,
        t(format!("改为 {value}"), format!("write {value}")),
    )
}

pub fn name_is_statement(span: Span, name: &str) -> Diagnostic {
    diag(
        Code::W615,
        span,
        t(
            format!("指标 {name} 没有指标值，名称本身就是目标"),
            format!("indicator {name} has no target: its name is the statement"),
        ),
    )
    .label(t("名称即目标", "the name states the target"))
    .help(t(
        "可以把目标写成指标值，如 indicator 效益.生态效益 \"生态修复功能\" 明显提高",
        "the target can be written as one, as indicator 效益.生态效益 \"生态修复功能\" 明显提高",
    ))
}

/// `inside`: the part of the text that reads as a value (`≥95%` in
/// `完成率≥95%`), offered as the target when there is one.
pub fn number_read_as_text(span: Span, written: &str, inside: Option<&str>) -> Diagnostic {
    let d = diag(
        Code::W614,
        span,
        t(
            format!("指标值 `{written}` 含有数字，但只能读作文字"),
            format!("target `{written}` holds a number but reads only as text"),
        ),
    )
    .label(t("读作文字", "read as text"));
    match inside {
        Some(v) => {
            let d = d.help(t(
                format!("其中 `{v}` 可读作数值：指标值只写 {v}，其余文字可写入指标解释；确为文字描述的可忽略此警告"),
                format!(
                    "`{v}` in it reads as a value: write the target as {v} and the words in explain; ignore this if it is meant as text"
                ),
            ));
            if spans_exactly(span, written.len()) {
                d.fix(
                    span,
                    v,
                    t(
                        format!("指标值只写 `{v}`"),
                        format!("keep `{v}` as the target"),
                    ),
                )
            } else {
                d
            }
        }
        None => d.help(t(
            "写成符号、数值与单位，如 ≥50人；确为文字描述的可忽略此警告",
            "write a sign, a number and a unit, as ≥50人; ignore this if it is meant as text",
        )),
    }
}

/// `dimension` is the likely dimension for a declaration (`money/count` for
/// 元/人年), used in the help. When `span` holds `unit` as it is written
/// here (the target's parser reads full-width letters and spaces, so a unit
/// may be written longer), a suggested unit replaces it.
pub fn unknown_unit(
    span: Span,
    unit: &str,
    suggestion: Option<&str>,
    dimension: (&str, &str),
) -> Diagnostic {
    let (dimension_zh, dimension) = dimension;
    let d = diag(
        Code::E603,
        span,
        t(
            format!("未知的计量单位 `{unit}`"),
            format!("unknown unit `{unit}`"),
        ),
    )
    .label(t("不在单位表中", "not in the unit table"));
    match suggestion {
        Some(s) => {
            let d = d.help(t(
                format!("是不是 `{s}`？如确为新单位，可声明：define-unit {unit} {dimension_zh}"),
                format!(
                    "did you mean `{s}`? For a new unit, declare it: define-unit {unit} {dimension}"
                ),
            ));
            if spans_exactly(span, unit.len()) {
                d.fix(span, s, t(format!("改为 `{s}`"), format!("write `{s}`")))
            } else {
                d
            }
        }
        None => d.help(t(
            format!("如确为新单位，可在表中声明：define-unit {unit} {dimension_zh}"),
            format!("declare a new unit in the sheet: define-unit {unit} {dimension}"),
        )),
    }
}

/// `upper`: the value is the upper bound of a range (`95%-105%`).
pub fn satisfaction_over_100(span: Span, value: &str, upper: bool) -> Diagnostic {
    let (zh, en) = bound_words(upper);
    diag(
        Code::E604,
        span,
        t(
            format!("满意度目标{zh} {value}% 超过 100%"),
            format!("satisfaction target{en} {value}% exceeds 100%"),
        ),
    )
    .label(t("不可能超过 100%", "cannot exceed 100%"))
    .help(t(
        "满意度通常写作 ≥80% 或 ≥90%",
        "satisfaction targets usually read ≥80% or ≥90%",
    ))
}

/// How a message names the upper bound of a range.
fn bound_words(upper: bool) -> (&'static str, &'static str) {
    if upper {
        ("的上限", "'s upper bound")
    } else {
        ("", "")
    }
}

pub fn rate_over_100(span: Span, value: &str, upper: bool) -> Diagnostic {
    let (zh, en) = bound_words(upper);
    diag(
        Code::W605,
        span,
        t(
            format!("比率目标{zh} {value}% 超过 100%"),
            format!("rate target{en} {value}% exceeds 100%"),
        ),
    )
    .label(t("超过 100%", "above 100%"))
}

pub fn quantity_with_percent(span: Span) -> Diagnostic {
    diag(
        Code::W606,
        span,
        t("数量指标的目标值是百分比", "a quantity indicator (数量指标) has a percentage target"),
    )
    .label(t("百分比", "a percentage"))
    .help(t(
        "数量指标应写数量，如 =201辆；比例更适合质量指标或时效指标",
        "a quantity indicator takes a count, as =201辆; a share fits a quality or timeliness indicator",
    ))
}

pub fn quantity_with_money(span: Span) -> Diagnostic {
    diag(
        Code::W606,
        span,
        t("数量指标的目标值是金额", "a quantity indicator (数量指标) has a money target"),
    )
    .label(t("金额", "money"))
    .help(t(
        "数量指标应写数量，如 =201辆；金额是成本指标（2021 体系为 成本.经济成本）",
        "a quantity indicator takes a count, as =201辆; money belongs to a cost indicator (成本.经济成本 in 2021)",
    ))
}

pub fn rate_without_unit(span: Span, written: &str) -> Diagnostic {
    diag(
        Code::W612,
        span,
        t(
            format!("指标值 `{written}` 没有单位，比率和满意度应为百分比"),
            format!("target `{written}` has no unit; a rate or satisfaction is a percentage"),
        ),
    )
    .label(t("缺少 %", "no %"))
    .help(t("写作百分比，如 ≥90%", "write a percentage, as ≥90%"))
}

pub fn unit_differs_from_name(span: Span, named: &str, unit: &str) -> Diagnostic {
    diag(
        Code::W613,
        span,
        t(
            format!("指标名称计的是{named}，指标值的单位却是{unit}"),
            format!("the name counts {named}, the target is in {unit}"),
        ),
    )
    .label(t(format!("单位 {unit}"), format!("unit {unit}")))
    .help(t(
        "核对单位，或改正指标名称",
        "check the unit, or correct the name",
    ))
}

pub fn cost_without_money(span: Span) -> Diagnostic {
    diag(
        Code::W606,
        span,
        t(
            "成本指标的目标值不是金额",
            "a cost indicator's target is not a sum of money",
        ),
    )
    .label(t("不是金额", "not money"))
    .help(t(
        "成本指标应写金额，如 ≤65万元",
        "a cost indicator takes money, as ≤65万元",
    ))
}

pub fn missing_target(span: Span) -> Diagnostic {
    diag(
        Code::E607,
        span,
        t("指标缺少指标值", "indicator has no target"),
    )
    .label(t(
        "名称之后应有指标值",
        "a target is expected after the name",
    ))
    .help(t(
        "例如：indicator 产出.时效 \"到位率\" ≥90%",
        "for example: indicator 产出.时效 \"到位率\" ≥90%",
    ))
}

pub fn missing_value(span: Span) -> Diagnostic {
    diag(
        Code::E607,
        span,
        t("比较符号后缺少数值", "comparison without a value"),
    )
    .label(t("这里缺少数值", "a value is expected here"))
    .help(t("例如 ≥90%", "for example ≥90%"))
}

pub fn bad_target_number(span: Span) -> Diagnostic {
    diag(
        Code::E608,
        span,
        t("指标值中的数字无效", "invalid number in target"),
    )
    .label(t("无效的数字", "invalid number"))
}

pub fn bad_date(span: Span) -> Diagnostic {
    diag(Code::E609, span, t("日期不存在", "no such date")).label(t("无效的日期", "invalid date"))
}

pub fn date_before_year(span: Span, iso: &str, year: i32) -> Diagnostic {
    diag(
        Code::W611,
        span,
        t(
            format!("日期 {iso} 早于本表年度 {year}"),
            format!("date {iso} is before the sheet's year {year}"),
        ),
    )
    .label(t("往年的日期", "a date of an earlier year"))
    .help(t(
        "可能是从上年的表复制而来；请改为本年度的日期",
        "probably copied from last year's sheet; use a date of this year",
    ))
}

pub fn range_reversed(span: Span) -> Diagnostic {
    diag(
        Code::E610,
        span,
        t("区间的下限大于上限", "range bounds are reversed"),
    )
    .label(t("下限大于上限", "low bound above high bound"))
    .help(t(
        "写作 下限-上限，例如 90%-95%",
        "write LOW-HIGH, as 90%-95%",
    ))
}

pub fn target_pending(span: Span) -> Diagnostic {
    diag(
        Code::W616,
        span,
        t("指标值待定", "the target is still to be set (待定)"),
    )
    .label(t("尚未给出指标值", "no value yet"))
    .help(t(
        "确定后写出指标值，如 ≥90%",
        "write the value once it is set, as ≥90%",
    ))
}

/// `span` is the stated direction, `sign` the target's comparison.
pub fn direction_contradicts_sign(
    span: Span,
    stated: &str,
    sign: &str,
    target: Span,
) -> Diagnostic {
    diag(
        Code::W617,
        span,
        t(
            format!("写明的方向 {stated} 与指标值的符号 {sign} 矛盾"),
            format!("the stated direction {stated} contradicts the sign {sign}"),
        ),
    )
    .label(t("写明的方向", "stated direction"))
    .secondary(target, t("符号在此", "the sign"))
    .help(t(
        "改正符号或方向之一：≥ ＞ 为正向，≤ ＜ 为反向",
        "correct the sign or the direction: ≥ ＞ are 正向, ≤ ＜ 反向",
    ))
}

pub fn quantitative_without_number(span: Span, target: Span) -> Diagnostic {
    diag(
        Code::W618,
        span,
        t(
            "指标写明为定量，指标值却没有数值",
            "the indicator is stated 定量 but its target has no number",
        ),
    )
    .label(t("写明为定量", "stated 定量"))
    .secondary(target, t("指标值", "the target"))
    .help(t(
        "写出数值和单位，如 ≥90%；或改为 nature 定性",
        "write a number and a unit, as ≥90%; or state nature 定性",
    ))
}
