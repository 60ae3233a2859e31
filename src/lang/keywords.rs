//! Keywords: each has an English spelling and one or more Chinese ones.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kw {
    Department,
    Year,
    Unit,
    Framework,
    DefineUnit,
    Overall,
    Summary,
    Objective,
    Measure,
    Project,
    Agency,
    Budget,
    Purpose,
    Plan,
    Goal,
    Period,
    Indicator,
    Desc,
    Basis,
    Weight,
    Last,
    Explain,
    Scoring,
    Core,
}

/// (keyword, English, Chinese spellings). The first Chinese spelling is the
/// one `fmt --keywords zh` writes.
pub const TABLE: &[(Kw, &str, &[&str])] = &[
    (Kw::Department, "department", &["部门"]),
    (Kw::Year, "year", &["年度"]),
    (Kw::Unit, "unit", &["金额单位"]),
    (Kw::Framework, "framework", &["指标体系"]),
    (Kw::DefineUnit, "define-unit", &["自定义单位"]),
    (Kw::Overall, "overall", &["整体目标", "部门整体"]),
    (Kw::Summary, "summary", &["总体目标", "总体绩效目标"]),
    (Kw::Objective, "objective", &["分项目标", "分项绩效目标"]),
    (Kw::Measure, "measure", &["保障措施", "工作保障措施"]),
    (Kw::Project, "project", &["项目"]),
    (Kw::Agency, "agency", &["实施单位"]),
    (Kw::Budget, "budget", &["预算", "预算数"]),
    (Kw::Purpose, "purpose", &["资金用途", "用途"]),
    (Kw::Plan, "plan", &["支出计划", "资金支出计划"]),
    (Kw::Goal, "goal", &["绩效目标", "目标"]),
    (Kw::Period, "period", &["实施期"]),
    (Kw::Indicator, "indicator", &["指标"]),
    (Kw::Desc, "desc", &["指标描述", "描述"]),
    (Kw::Basis, "basis", &["指标值确定依据", "依据"]),
    (Kw::Weight, "weight", &["权重"]),
    (Kw::Last, "last", &["上年实际值", "上年值"]),
    (Kw::Explain, "explain", &["指标解释"]),
    (Kw::Scoring, "scoring", &["评分标准", "评(扣)分标准"]),
    (Kw::Core, "core", &["核心指标", "核心"]),
];

impl Kw {
    pub fn lookup(word: &str) -> Option<Kw> {
        TABLE
            .iter()
            .find(|(_, en, zh)| *en == word || zh.contains(&word))
            .map(|(k, _, _)| *k)
    }

    pub fn english(self) -> &'static str {
        TABLE
            .iter()
            .find(|(k, _, _)| *k == self)
            .map(|(_, en, _)| *en)
            .unwrap_or("")
    }

    pub fn chinese(self) -> &'static str {
        TABLE
            .iter()
            .find(|(k, _, _)| *k == self)
            .and_then(|(_, _, zh)| zh.first().copied())
            .unwrap_or("")
    }

    /// Every spelling of the given keywords, for "did you mean".
    pub fn spellings(kws: &[Kw]) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (k, en, zh) in TABLE {
            if kws.contains(k) {
                out.push(*en);
                out.extend(zh.iter().copied());
            }
        }
        out
    }
}
