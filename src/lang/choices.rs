//! Closed lists of words a statement chooses from (指标方向, 定量/定性, the
//! form kind), each with the spellings sheets use.

use serde::Serialize;

/// 定量 or 定性.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Nature {
    Quantitative,
    Qualitative,
}

impl Nature {
    /// The word forms print: 定量, 定性.
    pub fn word(self) -> &'static str {
        match self {
            Nature::Quantitative => "定量",
            Nature::Qualitative => "定性",
        }
    }
}

/// 指标方向: whether more is better (正向), less is better (反向), or the
/// value is to be met exactly (等于).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Positive,
    Negative,
    Equal,
}

impl Direction {
    /// The word forms print: 正向, 反向, 等于.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Positive => "正向",
            Direction::Negative => "反向",
            Direction::Equal => "等于",
        }
    }
}

/// Which official form the sheet is: it names the printed title and which
/// rows the tables show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// 部门预算绩效信息: a body's budget disclosure (the default).
    Disclosure,
    /// 项目支出绩效目标申报表.
    Application,
    /// 项目支出绩效目标审批表.
    Approval,
    /// 项目支出绩效目标批复表.
    Reply,
    /// 项目支出绩效目标表 as published (公示/公开).
    Publication,
    /// 部门整体绩效目标表.
    WholeBody,
}

impl FormKind {
    /// The printed title, after the year.
    pub fn title(self) -> &'static str {
        match self {
            FormKind::Disclosure => "部门预算绩效信息",
            FormKind::Application => "项目支出绩效目标申报表",
            FormKind::Approval => "项目支出绩效目标审批表",
            FormKind::Reply => "项目支出绩效目标批复表",
            FormKind::Publication => "项目支出绩效目标表",
            FormKind::WholeBody => "部门整体绩效目标表",
        }
    }
}

/// A closed list: each accepted spelling and what it means. The first
/// spelling of each meaning is the one messages offer.
pub type Choices<T> = &'static [(&'static str, T)];

pub const DIRECTIONS: Choices<Direction> = &[
    ("正向", Direction::Positive),
    ("正向指标", Direction::Positive),
    ("positive", Direction::Positive),
    ("反向", Direction::Negative),
    ("反向指标", Direction::Negative),
    ("negative", Direction::Negative),
    ("等于", Direction::Equal),
    ("equal", Direction::Equal),
];

pub const NATURES: Choices<Nature> = &[
    ("定量", Nature::Quantitative),
    ("定量指标", Nature::Quantitative),
    ("quantitative", Nature::Quantitative),
    ("定性", Nature::Qualitative),
    ("定性指标", Nature::Qualitative),
    ("qualitative", Nature::Qualitative),
];

pub const FORM_KINDS: Choices<FormKind> = &[
    ("部门预算绩效信息", FormKind::Disclosure),
    ("disclosure", FormKind::Disclosure),
    ("申报表", FormKind::Application),
    ("项目支出绩效目标申报表", FormKind::Application),
    ("application", FormKind::Application),
    ("审批表", FormKind::Approval),
    ("项目支出绩效目标审批表", FormKind::Approval),
    ("approval", FormKind::Approval),
    ("批复表", FormKind::Reply),
    ("项目支出绩效目标批复表", FormKind::Reply),
    ("reply", FormKind::Reply),
    ("公示", FormKind::Publication),
    ("公开", FormKind::Publication),
    ("项目支出绩效目标表", FormKind::Publication),
    ("publication", FormKind::Publication),
    ("部门整体", FormKind::WholeBody),
    ("部门整体绩效目标表", FormKind::WholeBody),
    ("whole-body", FormKind::WholeBody),
];

/// How a reverse indicator (≤, ＜) that misses its target is scored: the
/// 一体化 system's rule or the ratio a 填报说明 gives (docs/evaluation.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReverseRule {
    /// FASP `PERF_T_WARNSET`: (1 − (A − T) / T) × W between T and 2T, 0 from 2T.
    #[default]
    Fasp,
    /// T / A × W.
    Ratio,
}

pub const REVERSE_RULES: Choices<ReverseRule> = &[
    ("一体化", ReverseRule::Fasp),
    ("fasp", ReverseRule::Fasp),
    ("比值", ReverseRule::Ratio),
    ("ratio", ReverseRule::Ratio),
];

/// 定性 completion (code list of the self-evaluation import: 1/2/3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    /// 达成 (达成年度指标).
    Achieved,
    /// 部分达成 (部分达成年度指标并具有一定效果).
    Partly,
    /// 未达成 (未达成年度指标且效果较差).
    NotAchieved,
}

impl Completion {
    /// The short word: 达成, 部分达成, 未达成.
    pub fn word(self) -> &'static str {
        match self {
            Completion::Achieved => "达成",
            Completion::Partly => "部分达成",
            Completion::NotAchieved => "未达成",
        }
    }

    /// The grade a completion text names: the short word or a longer form
    /// that starts with it (达成年度指标, 达成预期指标, 部分达成目标并具有一定效果,
    /// 未完成预期指标且效果较差), or its English name.
    pub fn of(text: &str) -> Option<Completion> {
        let t = text.trim();
        match t {
            "achieved" => return Some(Completion::Achieved),
            "partly" => return Some(Completion::Partly),
            "not-achieved" => return Some(Completion::NotAchieved),
            _ => {}
        }
        if t.starts_with("部分达成") {
            Some(Completion::Partly)
        } else if t.starts_with("未达成") || t.starts_with("未完成预期指标") {
            Some(Completion::NotAchieved)
        } else if t.starts_with("达成") {
            Some(Completion::Achieved)
        } else {
            None
        }
    }
}

/// 监控 完成可能性 (`completeanalysis`: 1/2/3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    /// 确定能.
    Certain,
    /// 有可能.
    Possible,
    /// 完全不可能.
    Impossible,
}

impl Likelihood {
    /// The word forms print: 确定能, 有可能, 完全不可能.
    pub fn word(self) -> &'static str {
        match self {
            Likelihood::Certain => "确定能",
            Likelihood::Possible => "有可能",
            Likelihood::Impossible => "完全不可能",
        }
    }
}

pub const LIKELIHOODS: Choices<Likelihood> = &[
    ("确定能", Likelihood::Certain),
    ("certain", Likelihood::Certain),
    ("有可能", Likelihood::Possible),
    ("possible", Likelihood::Possible),
    ("完全不可能", Likelihood::Impossible),
    ("impossible", Likelihood::Impossible),
];

/// 监控 偏差原因 (`dviationanalysis`, multi-select; 硬件 from the internal
/// control system of FASP.md §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// 人员原因 (code 1).
    Staff,
    /// 制度原因 (code 2).
    Rules,
    /// 经费原因 (code 3).
    Funds,
    /// 硬件保障.
    Hardware,
    /// 其他原因 (code 10).
    Other,
}

impl Cause {
    /// The word forms print: 人员原因 ….
    pub fn word(self) -> &'static str {
        match self {
            Cause::Staff => "人员原因",
            Cause::Rules => "制度原因",
            Cause::Funds => "经费原因",
            Cause::Hardware => "硬件原因",
            Cause::Other => "其他原因",
        }
    }
}

pub const CAUSES: Choices<Cause> = &[
    ("人员", Cause::Staff),
    ("人员原因", Cause::Staff),
    ("staff", Cause::Staff),
    ("制度", Cause::Rules),
    ("制度原因", Cause::Rules),
    ("rules", Cause::Rules),
    ("经费", Cause::Funds),
    ("经费原因", Cause::Funds),
    ("funds", Cause::Funds),
    ("硬件", Cause::Hardware),
    ("硬件原因", Cause::Hardware),
    ("hardware", Cause::Hardware),
    ("其他", Cause::Other),
    ("其他原因", Cause::Other),
    ("other", Cause::Other),
];

/// What `word` means in `choices`.
pub fn choose<T: Copy>(choices: Choices<T>, word: &str) -> Option<T> {
    choices.iter().find(|(w, _)| *w == word).map(|(_, t)| *t)
}

/// The spellings to offer: the first of each meaning, Chinese first.
pub fn offered<T: Copy + PartialEq>(choices: Choices<T>) -> Vec<&'static str> {
    let mut out: Vec<(&'static str, T)> = Vec::new();
    for (w, t) in choices {
        if !out.iter().any(|(_, o)| o == t) {
            out.push((w, *t));
        }
    }
    out.into_iter().map(|(w, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_meaning_is_offered_once() {
        assert_eq!(offered(DIRECTIONS), ["正向", "反向", "等于"]);
        assert_eq!(offered(NATURES), ["定量", "定性"]);
        assert_eq!(offered(FORM_KINDS).len(), 6);
        assert_eq!(choose(FORM_KINDS, "审批表"), Some(FormKind::Approval));
        assert_eq!(choose(DIRECTIONS, "反向指标"), Some(Direction::Negative));
        assert_eq!(choose(DIRECTIONS, "向"), None);
    }
}
