//! Self-evaluation and monitoring (E7xx): scores against the rules of
//! 财预〔2020〕10号 as FASP implements them, the evaluation against its target
//! sheet, budget execution, and monitoring against the elapsed months.

use super::common::{diag, entries, t};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

entries! {
    E701, "得分与计分规则不符", "stated points differ from the scoring rule",
    "自评得分按《项目支出绩效自评》规则（财预〔2020〕10号，一体化系统的实现）计算：正向指标达到指标值得满分，否则按实际值与指标值之比；反向指标按所选公式；定性指标的得分须落在完成情况对应的分数段内；预算执行率得分为分值 × 执行率。所填得分按其小数位四舍五入或截位后须与规则一致。规则见 docs/evaluation.md。",
    "Self-evaluation points follow the rules of 财预〔2020〕10号 as the 一体化 system implements them: a positive indicator that meets its target gets its full weight, otherwise weight × actual / target; a reverse indicator follows the selected formula; a qualitative indicator's points must fall in the band of its completion grade; budget execution scores weight × rate. A stated score must equal the rule's, rounded or cut to the decimals it is written with. See docs/evaluation.md.";
    E702, "未满分的指标没有说明偏差原因", "a shortfall without a reason",
    "指标未完成（得分低于分值，或定性指标未完全达成）时，偏差原因及改进措施必填（一体化自评导入模板第12列）。在指标块内写 reason \"……\"。",
    "When an indicator falls short (points below its weight, or a qualitative indicator not fully achieved) its 偏差原因及改进措施 is required (column 12 of the 一体化 import template). Write reason \"…\" inside the indicator.";
    E703, "目标表中的指标在自评中缺失", "an indicator of the target sheet is missing",
    "自评须逐项评价目标表中该项目的每一个绩效指标。缺少的指标无法计分，总分也不完整。",
    "A self-evaluation must score every indicator the target sheet sets for the project; a missing one cannot be scored and the total is incomplete.";
    E704, "目标表中没有这个指标", "the target sheet has no such indicator",
    "自评中的指标须是目标表里该项目的指标（有指标编码时按编码，否则按一级、二级类别和名称对应）。可能是名称写法不同，或评价了目标表之外的指标。",
    "An evaluated indicator must be one the target sheet sets for the project (matched by its id when the sheet gives one, else by category and name). The name may be spelt differently, or the indicator was never a target.";
    E705, "引用的指标值与目标表不符", "the target is quoted differently from the sheet",
    "自评表中的指标值应照录目标表的指标值；不同说明评价的标准被改动了。",
    "An evaluation quotes each target as the sheet sets it; a different value means the standard was changed after the fact.";
    E706, "执行率与金额不符", "the execution rate does not match its amounts",
    "预算执行率 = 执行数 ÷ 全年预算数（调整后预算数；没有时为年初预算数）。所填执行率按其小数位四舍五入或截位后须与金额算出的一致。",
    "The execution rate is spending ÷ the year's budget (the adjusted budget, else the initial one). A stated rate must equal the computed one, rounded or cut to the decimals it is written with.";
    E707, "合计与各项之和不符", "the total differs from the sum",
    "合计行的分值应等于预算执行和各指标分值之和，得分应等于各项得分（扣减后）之和。",
    "The total's weight must be the sum of the execution weight and the indicator weights, and its points the sum of every item's points after deductions.";
    W708, "进度落后但未说明原因", "behind schedule without a reason",
    "运行监控（财预〔2019〕136号）要求：截至监控月的预算执行率低于序时进度（已过月数 ÷ 12），或指标预计不能完成时，应分析偏差原因。写 reason \"……\"（可加 cause 经费 等原因类型）。",
    "Monitoring (财预〔2019〕136号) asks for the cause of a deviation: when spending up to the month lags the elapsed share of the year (months ÷ 12), or an indicator may not be completed. Write reason \"…\" (and cause 经费 or the like).";
    E709, "无法读取目标表", "the target sheet cannot be read",
    "sheet 指向的目标表必须存在、是一张目标表且没有错误（先用 jixiao check 检查它）。路径相对于自评文件所在目录。不引用目标表时删去 sheet，自评表可以单独成立，只是不与目标表核对。",
    "The sheet named by `sheet` must exist, be a target sheet and have no errors (check it with jixiao check first). The path is relative to the evaluation's folder. Without `sheet`, an evaluation stands alone and is not compared with a sheet.";
    E710, "资金来源之和与总额不符", "fund sources do not add up to the total row",
    "预算执行情况中，各资金来源行（其中：财政资金、其他资金……）的金额之和不能超过总额行；列出了兜底的“其他资金”行且每行都有金额时，来源已列全，必须等于总额。部门整体表按支出性质（基本支出、项目支出）的分列单独合计，也须等于总额。",
    "In the execution table the fund-source rows (其中：财政资金, 其他资金 …) cannot add up to more than the total row. When the catch-all 其他资金 row is listed and every row states its amount, the sources are complete and must equal it. A body's table that also splits by what the money pays (基本支出, 项目支出) sums that split on its own, which must equal the total too.";
    E711, "定量指标的实际完成值不是数值", "a quantitative indicator's actual value is no number",
    "定量指标（≥ ≤ = 数值）的实际完成值须填数字（一体化自评导入模板：定量填数字，定性填达成、部分达成、未达成），单位与指标值一致，否则无法计分。",
    "A quantitative indicator's actual value must be a number (the 一体化 import template: numbers for quantitative indicators, 达成/部分达成/未达成 for qualitative ones), in the target's unit; otherwise it cannot be scored.";
    W712, "未评价：缺少完成值或得分", "not evaluated: a value or the points are missing",
    "自评表的每个指标都要填实际完成值和得分，预算执行要填执行数和得分；空着的栏目说明这一项没有评价。",
    "Every indicator of a self-evaluation needs its actual value and points, and budget execution its spending and points; an empty cell means the item was not evaluated.";
    W713, "保留了模板的填写说明", "the template's instructions were left in",
    "这一栏还是表样的填写说明（如“……(100字以内)”），没有填写实际内容。",
    "This cell still holds the form's instructions (such as “…(100字以内)”) instead of its content.";
    E714, "目标表中没有这个项目", "the target sheet has no such project",
    "自评的项目须是目标表中的项目（有编码时按编码，否则按名称对应）。",
    "An evaluated project must be one of the target sheet (matched by its code, else by its name).";
    W715, "定性完成情况不是规定的等级", "a qualitative completion is not a grade",
    "定性指标的实际完成情况应填 达成、部分达成 或 未达成（可带“年度指标”“预期指标”等后缀）；否则无法核对得分所在分数段。",
    "A qualitative indicator's completion should be 达成, 部分达成 or 未达成 (suffixes such as 年度指标 allowed); otherwise its points cannot be checked against a band.";
    E716, "自评年度与目标表年度不同", "the evaluation's year differs from the sheet's",
    "自评评价的是目标表那一年的执行情况，两者年度必须相同。",
    "An evaluation assesses the year its target sheet sets targets for: both years must be the same.";
    E717, "分值、得分或扣分为负数", "a weight, points or deduction is negative",
    "分值、得分和扣减分数都不小于 0：扣分写正数（deduction 2 表示扣 2 分），负的扣分会把得分加高。",
    "Weights, points and deductions are never below 0: a deduction is written positive (deduction 2 takes 2 points off); a negative one would add points.";
    W718, "年初预算数与目标表的预算不同", "the initial budget differs from the sheet's",
    "自评表的年初预算数是年初批复的预算，应与目标表（部门预算绩效信息、批复表或公示表）中该项目的预算数相同（部门整体表：与部门预算总额相同）。不同时多半是抄错了数字或对错了项目；若年初批复确与目标表不同（目标表是申报阶段的），请核实。申报表、审批表不作比较。",
    "The initial budget of a self-evaluation is the budget approved at the start of the year: it should be the project's budget in the target sheet (a disclosure, reply or published table; for the body's own table, the body's total budget). A difference is most often a figure copied wrong or the wrong project; if the approved budget really differs (the sheet was the request), check it. Application and approval forms are not compared.";
}

pub fn points_differ(
    span: Span,
    stated: &str,
    rule: &str,
    why_zh: &str,
    why_en: &str,
) -> Diagnostic {
    diag(
        Code::E701,
        span,
        t(
            format!("得分 {stated} 与计分规则不符：应为 {rule}"),
            format!("points {stated} differ from the rule: {rule}"),
        ),
    )
    .label(t(format!("所填 {stated}"), format!("stated {stated}")))
    .help(t(why_zh.to_string(), why_en.to_string()))
}

pub fn points_out_of_band(
    span: Span,
    stated: &str,
    grade: &str,
    low: &str,
    high: &str,
    closed: bool,
) -> Diagnostic {
    let close = if closed { "]" } else { ")" };
    diag(
        Code::E701,
        span,
        t(
            format!("得分 {stated} 不在“{grade}”的分数段 [{low}, {high}{close} 内"),
            format!("points {stated} are outside the band [{low}, {high}{close} of “{grade}”"),
        ),
    )
    .label(t(format!("所填 {stated}"), format!("stated {stated}")))
    .help(t(
        "定性指标：达成 [80%, 100%]、部分达成 [60%, 80%)、未达成 [0, 60%) 的分值",
        "qualitative: 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%) of the weight",
    ))
}

pub fn shortfall_without_reason(span: Span, actual: Span, what: &str) -> Diagnostic {
    let d = diag(
        Code::E702,
        span,
        t(
            format!("{what} 未完成目标，没有说明偏差原因及改进措施"),
            format!("{what} falls short and gives no reason"),
        ),
    )
    .label(t("缺少 reason", "no reason"));
    let d = if actual != span {
        d.secondary(actual, t("未达到指标值", "short of its target"))
    } else {
        d
    };
    d.help(t(
        "在指标块内写 reason \"……\"",
        "write reason \"…\" inside the indicator's block",
    ))
}

pub fn sheet_indicator_missing(span: Span, name: &str, target: &str) -> Diagnostic {
    diag(
        Code::E703,
        span,
        t(
            format!("目标表中的指标 {name}（{target}）没有评价"),
            format!("the sheet's indicator {name} ({target}) is not evaluated"),
        ),
    )
    .label(t("这个项目缺少它", "missing from this project"))
    .help(t(
        format!("在项目内加上 indicator … \"{name}\" {target} {{ actual …; points … }}"),
        format!("add indicator … \"{name}\" {target} {{ actual …; points … }} to the project"),
    ))
}

/// `whole`: the body's own table (部门整体), compared with the sheet's
/// `overall`.
pub fn indicator_not_in_sheet(span: Span, name: &str, whole: bool) -> Diagnostic {
    let (zh, en) = if whole {
        ("部门整体", "the body as a whole")
    } else {
        ("该项目", "this project")
    };
    diag(
        Code::E704,
        span,
        t(
            format!("目标表中{zh}没有指标 {name}"),
            format!("the sheet sets no indicator {name} for {en}"),
        ),
    )
    .label(t("目标表中没有", "not in the sheet"))
    .help(t(
        "按目标表的一级、二级类别和名称（或 id）书写",
        "write it with the sheet's category and name (or its id)",
    ))
}

pub fn target_differs(span: Span, quoted: &str, sheet: &str) -> Diagnostic {
    diag(
        Code::E705,
        span,
        t(
            format!("指标值 {quoted} 与目标表的 {sheet} 不同"),
            format!("target {quoted} differs from the sheet's {sheet}"),
        ),
    )
    .label(t(
        format!("目标表为 {sheet}"),
        format!("the sheet says {sheet}"),
    ))
    .fix(
        span,
        sheet.to_string(),
        t(format!("改为 {sheet}"), format!("write {sheet}")),
    )
}

pub fn rate_mismatch(span: Span, stated: &str, computed: &str) -> Diagnostic {
    diag(
        Code::E706,
        span,
        t(
            format!("执行率 {stated} 与金额不符：按金额为 {computed}"),
            format!("rate {stated} does not match the amounts: they give {computed}"),
        ),
    )
    .label(t(
        format!("应为 {computed}"),
        format!("should be {computed}"),
    ))
}

pub fn total_mismatch(
    span: Span,
    what_zh: &str,
    what_en: &str,
    stated: &str,
    sum: &str,
) -> Diagnostic {
    diag(
        Code::E707,
        span,
        t(
            format!("合计{what_zh} {stated} 与各项之和 {sum} 不符"),
            format!("the total {what_en} {stated} is not the sum {sum}"),
        ),
    )
    .label(t(
        format!("各项之和为 {sum}"),
        format!("the items add up to {sum}"),
    ))
}

pub fn behind_schedule(span: Span, what_zh: &str, what_en: &str) -> Diagnostic {
    diag(
        Code::W708,
        span,
        t(
            format!("{what_zh}，但没有说明偏差原因"),
            format!("{what_en}, and no reason is given"),
        ),
    )
    .label(t("落后于进度", "behind schedule"))
    .help(t(
        "在块内写 reason \"……\"",
        "write reason \"…\" inside its block",
    ))
}

pub fn sheet_unreadable(span: Span, path: &str, why_zh: &str, why_en: &str) -> Diagnostic {
    diag(
        Code::E709,
        span,
        t(
            format!("无法读取目标表 {path}：{why_zh}"),
            format!("cannot read the target sheet {path}: {why_en}"),
        ),
    )
    .label(t("目标表", "the target sheet"))
    .help(t(
        "路径相对于本文件所在目录；不核对目标表时删去 sheet",
        "the path is relative to this file's folder; drop `sheet` to stand alone",
    ))
}

pub fn execution_sources_mismatch(
    span: Span,
    column_zh: &str,
    column_en: &str,
    total: &str,
    sum: &str,
) -> Diagnostic {
    diag(
        Code::E710,
        span,
        t(
            format!("{column_zh}：各资金来源之和 {sum} 与总额 {total} 不符"),
            format!("{column_en}: the fund sources add up to {sum}, not {total}"),
        ),
    )
    .label(t(format!("总额 {total}"), format!("total {total}")))
}

pub fn actual_not_number(span: Span, actual: &str, target: &str) -> Diagnostic {
    diag(
        Code::E711,
        span,
        t(
            format!("定量指标（{target}）的实际完成值 {actual} 不是数值"),
            format!(
                "the actual value {actual} of a quantitative indicator ({target}) is no number"
            ),
        ),
    )
    .label(t("应填数值", "a number is needed"))
}

pub fn actual_unit_differs(span: Span, actual: &str, unit: &str) -> Diagnostic {
    diag(
        Code::E711,
        span,
        t(
            format!("实际完成值 {actual} 的单位与指标值的单位 {unit} 不同"),
            format!("the actual value {actual} is not in the target's unit {unit}"),
        ),
    )
    .label(t(format!("应以 {unit} 计"), format!("should be in {unit}")))
}

pub fn not_evaluated(span: Span, what_zh: &str, what_en: &str) -> Diagnostic {
    diag(
        Code::W712,
        span,
        t(
            format!("未评价：缺少{what_zh}"),
            format!("not evaluated: no {what_en}"),
        ),
    )
    .label(t("未填", "left empty"))
}

pub fn template_text(span: Span) -> Diagnostic {
    diag(
        Code::W713,
        span,
        t(
            "这里是表样的填写说明，不是内容",
            "this is the form's instruction, not content",
        ),
    )
    .label(t("模板文字", "template text"))
}

/// `same_name_code`: the code under which the sheet has a project of this
/// name, when the codes differ.
pub fn project_not_in_sheet(span: Span, name: &str, same_name_code: Option<&str>) -> Diagnostic {
    let d = diag(
        Code::E714,
        span,
        t(
            format!("目标表中没有项目 {name}"),
            format!("the target sheet has no project {name}"),
        ),
    )
    .label(t("目标表中没有", "not in the sheet"));
    match same_name_code {
        Some(code) => d.help(t(
            format!("目标表中同名项目的编码是 {code}：核对项目编码"),
            format!("the sheet's project of this name has the code {code}: check the code"),
        )),
        None => d,
    }
}

pub fn completion_not_graded(span: Span, text: &str) -> Diagnostic {
    diag(
        Code::W715,
        span,
        t(
            format!("完成情况 {text} 不是 达成、部分达成 或 未达成"),
            format!("completion {text} is not 达成, 部分达成 or 未达成"),
        ),
    )
    .label(t("无法确定分数段", "no band to check"))
}

pub fn year_differs(span: Span, year: i32, sheet_year: i32) -> Diagnostic {
    diag(
        Code::E716,
        span,
        t(
            format!("自评年度 {year} 与目标表年度 {sheet_year} 不同"),
            format!("the evaluation is of {year}, the sheet of {sheet_year}"),
        ),
    )
    .label(t(
        format!("目标表为 {sheet_year} 年"),
        format!("the sheet is of {sheet_year}"),
    ))
}

pub fn negative_figure(span: Span, what_zh: &str, what_en: &str) -> Diagnostic {
    diag(
        Code::E717,
        span,
        t(
            format!("{what_zh}不能为负数"),
            format!("the {what_en} cannot be negative"),
        ),
    )
    .label(t("负数", "negative"))
    .help(t(
        "扣分写正数：deduction 2 表示扣 2 分",
        "write a deduction as a positive number: deduction 2 takes 2 points off",
    ))
}

pub fn initial_differs(span: Span, stated: &str, sheet: &str, unit: &str) -> Diagnostic {
    diag(
        Code::W718,
        span,
        t(
            format!("年初预算数 {stated} 与目标表的预算 {sheet}{unit} 不同"),
            format!("the initial budget {stated} differs from the sheet's budget {sheet} {unit}"),
        ),
    )
    .label(t(
        format!("目标表为 {sheet}{unit}"),
        format!("the sheet says {sheet} {unit}"),
    ))
}
