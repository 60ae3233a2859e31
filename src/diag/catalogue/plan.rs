//! Spending plan (E4xx): months and cumulative percentages.

use super::common::{diag, entries, t};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

entries! {
    E401, "月份超出范围", "month out of range",
    "支出计划的月份为 1 到 12，写作 3月 或 3月底。",
    "Spending plan months run from 1 to 12, written 3月 or 3月底.";
    E402, "月份顺序不对", "months out of order",
    "支出计划的节点按月份递增排列，每个月份只写一次。",
    "Spending plan checkpoints go in increasing month order, each month once.";
    E403, "支出计划递减", "spending plan decreases",
    "资金支出计划是累计百分比，后一个节点不能低于前一个。",
    "The spending plan is cumulative: a checkpoint cannot be lower than the one before it.";
    E404, "支出比例超出 0–100%", "plan percentage out of 0–100",
    "累计支出比例在 0% 到 100% 之间。",
    "A cumulative spending percentage lies between 0% and 100%.";
    W405, "支出计划年底未达 100%", "spending plan ends below 100%",
    "最后一个节点低于 100%，意味着部分资金年内不支出。如确有结转，可以忽略。",
    "The last checkpoint is below 100%: part of the money would not be spent this year. Ignore it if a carry-over is intended.";
    E406, "支出计划写法不对", "malformed spending plan",
    "支出计划写作：plan 3月 25%, 6月 50%, 10月 75%, 12月 100%（月份 百分比，逗号分隔）。",
    "A spending plan reads: plan 3月 25%, 6月 50%, 10月 75%, 12月 100% (month percent, separated by commas).";
}

pub fn month_out_of_range(span: Span, month: &str) -> Diagnostic {
    diag(
        Code::E401,
        span,
        t(
            format!("月份 {month} 超出 1–12"),
            format!("month {month} is outside 1–12"),
        ),
    )
    .label(t("无效的月份", "invalid month"))
}

pub fn months_out_of_order(span: Span, prev: Span) -> Diagnostic {
    diag(
        Code::E402,
        span,
        t(
            "支出计划的月份未按递增顺序",
            "spending plan months are not in increasing order",
        ),
    )
    .label(t("此月份不晚于前一个", "not later than the month before"))
    .secondary(prev, t("前一个节点", "previous checkpoint"))
    .help(t(
        "按月份从早到晚排列，每个月份只写一次",
        "list months from early to late, each once",
    ))
}

pub fn plan_decreasing(span: Span, prev: Span, pct: &str, prev_pct: &str) -> Diagnostic {
    diag(
        Code::E403,
        span,
        t(
            format!("支出计划从 {prev_pct}% 降到 {pct}%：累计比例不能下降"),
            format!(
                "spending plan falls from {prev_pct}% to {pct}%: a cumulative plan cannot fall"
            ),
        ),
    )
    .label(t("低于前一个节点", "lower than the checkpoint before"))
    .secondary(
        prev,
        t(
            format!("前一个节点 {prev_pct}%"),
            format!("previous checkpoint {prev_pct}%"),
        ),
    )
    .help(t(
        "资金支出计划是累计百分比（到该月底累计支出占全年预算的比例）",
        "the plan is cumulative: the share of the budget spent by the end of each month",
    ))
}

pub fn plan_out_of_range(span: Span, pct: &str) -> Diagnostic {
    diag(
        Code::E404,
        span,
        t(
            format!("支出比例 {pct}% 超出 0–100%"),
            format!("plan percentage {pct}% is outside 0–100%"),
        ),
    )
    .label(t("超出范围", "out of range"))
}

pub fn plan_below_100(span: Span, pct: &str) -> Diagnostic {
    diag(
        Code::W405,
        span,
        t(
            format!("支出计划最后一个节点为 {pct}%，未达 100%"),
            format!("the spending plan ends at {pct}%, below 100%"),
        ),
    )
    .label(t("最后一个节点", "last checkpoint"))
    .help(t(
        "年底累计支出通常应为 100%",
        "by year end the cumulative plan is usually 100%",
    ))
}

pub fn plan_malformed(span: Span) -> Diagnostic {
    diag(
        Code::E406,
        span,
        t("支出计划写法不对", "malformed spending plan"),
    )
    .label(t(
        "应为 月份 百分比，如 3月 25%",
        "expected month and percentage, as 3月 25%",
    ))
    .help(t(
        "写作：plan 3月 25%, 6月 50%, 10月 75%, 12月 100%",
        "write: plan 3月 25%, 6月 50%, 10月 75%, 12月 100%",
    ))
}
