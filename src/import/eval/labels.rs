//! The labels only self-evaluation (绩效自评表) and monitoring (运行监控表)
//! forms print: the heads of the budget execution, the evaluation's columns
//! of the indicator table, and the labels of the rows after it. Texts are
//! compared after `labels::normalise`, as the sheet's labels are.

use crate::import::values::month;

/// A column of the budget execution rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecCol {
    Initial,
    Adjusted,
    Spent,
    Expected,
    Weight,
    Rate,
    Points,
    Reason,
}

/// `1-7月`, `1至7月`, `截至7月底`, `截止7月`: the month a monitoring head
/// runs to, and the rest of the head.
pub fn months_head(text: &str) -> Option<(u32, &str)> {
    for lead in ["1-", "1－", "1—", "1~", "1至", "截至", "截止"] {
        if let Some(rest) = text.strip_prefix(lead) {
            for end in ["月底", "月末", "月"] {
                if let Some(at) = rest.find(end) {
                    let (m, tail) = (&rest[..at + end.len()], &rest[at + end.len()..]);
                    if let Some(m) = month(m) {
                        return Some((m, tail));
                    }
                }
            }
        }
    }
    None
}

/// A head of the budget execution, and the month it runs to (monitoring).
pub fn exec_col(text: &str) -> Option<(ExecCol, Option<u32>)> {
    use ExecCol::*;
    let (m, base) = match months_head(text) {
        Some((m, rest)) => (Some(m), rest),
        None => (None, text),
    };
    let c = match base {
        "年初预算数" | "年初预算" | "年初预算金额" => Initial,
        "全年预算数" | "调整后预算数" | "调整预算数" | "全年预算" | "调整后预算" => {
            Adjusted
        }
        "全年执行数" | "预算执行数" | "执行数" | "实际执行数" | "支出数" | "执行金额" => {
            Spent
        }
        "全年预计执行数" | "全年预计执行" | "预计全年执行数" => Expected,
        "分值" | "权重" => Weight,
        "执行率" | "预算执行率" | "执行率（%）" | "执行率(%)" => Rate,
        "得分" => Points,
        "原因" | "偏差原因" | "原因分析" => Reason,
        _ => return None,
    };
    Some((c, m))
}

/// An evaluation column of the indicator table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndCol {
    Actual,
    Points,
    Deduction,
    Note,
    Reason,
    Expected,
    Likelihood,
    Causes,
}

/// The column a header names (after the sheet's columns took theirs).
pub fn ind_col(text: &str) -> Option<IndCol> {
    use IndCol::*;
    let text = text.strip_prefix('*').unwrap_or(text);
    let base = months_head(text).map_or(text, |(_, rest)| rest);
    let c = match base {
        "实际完成值"
        | "完成值"
        | "当前完成值"
        | "实际值"
        | "实际完成情况"
        | "完成情况"
        | "全年实际值"
        | "实际完成指标值"
        | "执行情况"
        | "年度实际完成值" => Actual,
        "得分" | "指标得分" | "自评得分" => Points,
        "扣减分数" | "扣分" => Deduction,
        "完成情况简要描述" | "简要描述" => Note,
        "偏差原因分析及改进措施"
        | "偏差原因及改进措施"
        | "偏差原因分析"
        | "偏差原因"
        | "未完成原因分析"
        | "偏差原因说明"
        | "原因分析"
        | "未完成原因分析及改进措施"
        | "原因分析及改进措施" => Reason,
        "全年预计完成" | "全年预计完成值" | "全年预计完成情况" | "预计全年完成值" => {
            Expected
        }
        "完成可能性" | "完成可能性分析" | "全年完成可能性" | "完成目标可能性" => {
            Likelihood
        }
        "偏差原因类型" | "原因类型" => Causes,
        _ => return None,
    };
    Some(c)
}

/// A check-mark column under 偏差原因分析 or 完成目标可能性 (the monitoring
/// table of 财预〔2019〕136号): the cause or likelihood word it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkCol {
    Cause(&'static str),
    Likelihood(&'static str),
}

pub fn mark_col(text: &str) -> Option<MarkCol> {
    use MarkCol::*;
    Some(match text {
        "经费保障" | "经费" | "经费原因" => Cause("经费"),
        "制度保障" | "制度" | "制度原因" => Cause("制度"),
        "人员保障" | "人员" | "人员原因" => Cause("人员"),
        "硬件条件保障" | "硬件保障" | "硬件" | "硬件原因" => Cause("硬件"),
        "其他" | "其他原因" => Cause("其他"),
        "确定能" => Likelihood("确定能"),
        "有可能" => Likelihood("有可能"),
        "完全不可能" => Likelihood("完全不可能"),
        _ => return None,
    })
}

/// A cell ticked: `√`, `✓`, `是` ….
pub fn is_mark(text: &str) -> bool {
    matches!(
        text.trim(),
        "√" | "✓" | "✔" | "☑" | "●" | "○" | "是" | "v" | "V" | "Y" | "y"
    )
}

/// A label of a row of the form outside the tables' blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowLabel {
    Total,
    Conclusion,
    Problem,
    Improvement,
    Overview,
    GoalHead,
    ActualHead,
}

pub fn row_label(text: &str) -> Option<RowLabel> {
    use RowLabel::*;
    // `2.项目实施内容及过程概述`: the number is the form's, not the label's.
    let bare =
        text.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | '．'));
    let l = match bare {
        "合计" | "总分" | "总计" | "合计得分" | "自评总分" => Total,
        "评价结论" | "自评结论" | "总体评价结论" => Conclusion,
        "存在问题" | "存在的问题" | "主要问题" | "问题" => Problem,
        "改进措施" | "整改措施" | "下一步改进措施" | "改进意见" => Improvement,
        "项目实施内容及过程概述" | "实施内容及过程概述" | "实施概述" | "项目实施概述" => {
            Overview
        }
        "预期目标" | "项目年度目标" | "年度目标" => GoalHead,
        "实际完成情况" | "年度目标完成情况" | "目标完成情况" => ActualHead,
        _ => return None,
    };
    Some(l)
}

/// Labels over rows that only say what the rows are about (`项目基本情况`,
/// `1.项目年度目标完成情况`, `年度总体目标`, `预算执行情况(10分)`).
pub fn is_group(text: &str) -> bool {
    let bare =
        text.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | '．'));
    let (bare, _) = crate::import::values::level_points(bare);
    matches!(
        bare.as_str(),
        "项目基本情况"
            | "项目年度目标完成情况"
            | "年度总体目标"
            | "总体目标"
            | "预算执行情况"
            | "项目资金"
            | "年度预算数"
            | "绩效指标"
            | "年度绩效指标"
            | "项目资金情况"
            | "年度预算执行情况"
            | "部门预算执行情况"
            | "年度部门整体支出预算执行情况"
    )
}

/// Whether a label names the form: `项目支出绩效自评表`, `运行监控表` … and
/// which kind it is.
pub fn form_kind(text: &str) -> Option<super::draft::Kind> {
    use super::draft::Kind;
    if text.contains("自评表") || text.contains("绩效自评") {
        Some(Kind::Evaluation)
    } else if text.contains("监控表") || text.contains("运行监控") {
        Some(Kind::Monitoring)
    } else {
        None
    }
}

/// A title line of the form (not a heading of a project).
pub fn is_title(text: &str) -> bool {
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // `…自评表（2020年度）`, `…监控表(截至6月底)`: the name before the bracket.
    let head = match flat.rfind(['（', '(']) {
        Some(at) if flat.ends_with(['）', ')']) => &flat[..at],
        _ => flat.as_str(),
    };
    flat.chars().count() <= 60
        && (head.ends_with("自评表") || head.ends_with("监控表"))
        && !numbered(head)
}

/// `1、后勤管理经费绩效自评表`: a heading of one project, not the title.
fn numbered(text: &str) -> bool {
    text.find(|c: char| !c.is_ascii_digit())
        .is_some_and(|i| i > 0 && text[i..].starts_with(['、', '.', '．']))
}

/// A label only these forms print.
pub fn unique(n: &str) -> bool {
    let base = months_head(n).map_or(n, |(_, rest)| rest);
    matches!(
        base,
        "实际完成值"
            | "完成值"
            | "当前完成值"
            | "指标得分"
            | "全年执行数"
            | "预算执行数"
            | "全年预计执行数"
            | "评价结论"
            | "自评结论"
            | "完成可能性"
            | "完成可能性分析"
            | "偏差原因分析及改进措施"
            | "未完成原因分析"
            | "全年预计完成"
    ) || months_head(n).is_some_and(|(_, r)| r == "执行数" || r == "执行率")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads() {
        assert_eq!(months_head("1-7月执行数"), Some((7, "执行数")));
        assert_eq!(exec_col("1-7月执行率"), Some((ExecCol::Rate, Some(7))));
        assert_eq!(exec_col("全年执行数"), Some((ExecCol::Spent, None)));
        assert_eq!(ind_col("当前完成值"), Some(IndCol::Actual));
        assert_eq!(ind_col("未完成原因分析"), Some(IndCol::Reason));
        assert_eq!(ind_col("1-7月执行情况"), Some(IndCol::Actual));
        assert_eq!(ind_col("*当前完成值"), Some(IndCol::Actual));
        assert_eq!(ind_col("完成目标可能性"), Some(IndCol::Likelihood));
        assert_eq!(
            row_label("2.项目实施内容及过程概述"),
            Some(RowLabel::Overview)
        );
        assert!(is_group("预算执行情况(10分)"));
        assert!(is_group("1.项目年度目标完成情况"));
        assert!(is_title("2023年项目支出绩效目标执行监控表"));
        assert!(is_title("项目支出绩效自评表（2020年度）"));
        assert!(!is_title("1、维修费绩效自评表"));
    }
}
