//! Budget (E3xx): totals and fund sources, project codes.

use super::common::{diag, entries, t};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

entries! {
    E301, "资金来源合计与预算数不符", "fund sources do not add up to the total",
    "预算数必须等于各资金来源之和，下级来源之和必须等于上级来源，按十进制精确计算。",
    "The total must equal the sum of its fund sources, and nested sources their parent, in exact decimal arithmetic.";
    E302, "项目编码重复", "duplicate project code",
    "同一张表内项目编码必须唯一。",
    "Project codes must be unique within a sheet.";
    E303, "资金来源重复", "duplicate fund source",
    "同一层级内同名的资金来源只能出现一次。",
    "A fund source name may appear once per level.";
    W304, "资金来源名称可能拼错", "fund source name looks misspelt",
    "名称与一个常用资金来源名称只差一两个字。如果确实是另一种来源，可以忽略此警告。",
    "The name is one or two characters away from a usual fund source. If it really is another source, ignore this warning.";
    W305, "项目预算合计超过部门预算总额", "projects exceed the body's total budget",
    "部门预算总额包括基本支出和全部项目支出，各项目预算之和不应超过它。",
    "The body's total budget covers its basic spending and every project: the projects cannot add up to more.";
    W306, "当年预算超过项目总预算", "this year's budget exceeds the project's total",
    "项目总预算（资金总额）是整个项目期的金额，当年预算是其中一部分，不应更大。",
    "The project's total budget (资金总额) covers its whole term; this year's budget is part of it and cannot be larger.";
}

pub fn sources_mismatch(
    total_span: Span,
    total: &str,
    sum: &str,
    diff: &str,
    children: &[(Span, String)],
) -> Diagnostic {
    let mut d = diag(
        Code::E301,
        total_span,
        t(
            format!("资金来源合计 {sum} 与金额 {total} 不符"),
            format!("fund sources add up to {sum}, not {total}"),
        ),
    )
    .label(t(format!("金额 {total}"), format!("total {total}")));
    for (span, amount) in children {
        d = d.secondary(
            *span,
            t(format!("来源 {amount}"), format!("source {amount}")),
        );
    }
    d.help(t(
        format!("相差 {diff}：请修正金额或来源"),
        format!("they differ by {diff}: correct the total or a source"),
    ))
}

/// The sources add up to less: the table may list only some of them.
pub fn sources_short(
    total_span: Span,
    total: &str,
    sum: &str,
    diff: &str,
    children: &[(Span, String)],
) -> Diagnostic {
    sources_mismatch(total_span, total, sum, diff, children).help(t(
        format!("相差 {diff}：请修正金额或来源；若表中只列出部分来源（其中），在金额后写 其中"),
        format!(
            "they differ by {diff}: correct the total or a source; if the table lists only some sources (其中), write 其中 after the amount"
        ),
    ))
}

pub fn projects_exceed_body(span: Span, total: &str, sum: &str) -> Diagnostic {
    diag(
        Code::W305,
        span,
        t(
            format!("各项目预算合计 {sum}，超过部门预算总额 {total}"),
            format!("the projects add up to {sum}, more than the body's total budget {total}"),
        ),
    )
    .label(t("部门预算总额", "the body's total budget"))
    .help(t(
        "核对部门预算总额和各项目的预算数",
        "check the total and the projects' budgets",
    ))
}

pub fn year_exceeds_project_total(
    span: Span,
    total_span: Span,
    year: &str,
    total: &str,
) -> Diagnostic {
    diag(
        Code::W306,
        span,
        t(
            format!("当年预算 {year} 超过项目总预算 {total}"),
            format!("this year's budget {year} exceeds the project's total {total}"),
        ),
    )
    .label(t("当年预算", "this year's budget"))
    .secondary(total_span, t("项目总预算", "the project's total"))
    .help(t(
        "当年预算是项目总预算的一部分：核对两个金额",
        "this year's budget is part of the total: check both amounts",
    ))
}

pub fn duplicate_code(span: Span, first: Span, code: &str) -> Diagnostic {
    diag(
        Code::E302,
        span,
        t(
            format!("项目编码 {code} 重复"),
            format!("duplicate project code {code}"),
        ),
    )
    .label(t("重复的编码", "used again here"))
    .secondary(first, t("首次使用", "first used here"))
    .help(t(
        "每个项目的编码必须不同",
        "every project needs its own code",
    ))
}

/// Two projects without codes of the same name: nothing tells them apart.
pub fn duplicate_project_name(span: Span, first: Span, name: &str) -> Diagnostic {
    diag(
        Code::E302,
        span,
        t(
            format!("项目 {name} 重复（两个项目都没有编码，名称相同）"),
            format!("duplicate project {name} (no codes, the same name)"),
        ),
    )
    .label(t("重复的项目", "repeated here"))
    .secondary(first, t("首次出现", "first given here"))
    .help(t(
        "给项目加上编码，或改正重复的名称",
        "give the projects codes, or correct the repeated name",
    ))
}

pub fn duplicate_source(span: Span, first: Span, name: &str) -> Diagnostic {
    diag(
        Code::E303,
        span,
        t(
            format!("资金来源 {name} 重复"),
            format!("fund source {name} given twice"),
        ),
    )
    .label(t("重复", "given again"))
    .secondary(first, t("首次出现", "first given here"))
    .help(t("合并为一条", "merge them into one"))
}

/// `span` is the source's name as written (a word or a string), `known` the
/// usual name the fix writes in its place.
pub fn source_misspelt(span: Span, name: &str, known: &str) -> Diagnostic {
    diag(
        Code::W304,
        span,
        t(
            format!("资金来源 {name} 可能拼错了"),
            format!("fund source {name} may be misspelt"),
        ),
    )
    .label(t("不常见的名称", "unusual name"))
    .help(t(
        format!("是不是 `{known}`？"),
        format!("did you mean `{known}`?"),
    ))
    .fix(
        span,
        known,
        t(format!("改为 `{known}`"), format!("write `{known}`")),
    )
}
