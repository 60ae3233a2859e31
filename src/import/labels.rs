//! The labels of the 绩效目标表 as forms print them, and what each means.
//! A label is compared after `normalise`: whitespace removed (`绩\n效\n指\n
//! 标` is 绩效指标), a trailing colon dropped, and hints in brackets taken
//! off (`项目资金(万元)`, `年度目标(450字内)`, `资金支出计划（%）`); a money
//! unit in the brackets is kept apart.

/// A label with its bracketed money unit, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normal {
    pub text: String,
    pub unit: Option<&'static str>,
}

/// Whitespace out, full-width colon and brackets as written, the trailing
/// colon and the bracketed hints off.
pub fn normalise(text: &str) -> Normal {
    let mut s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut unit = None;
    loop {
        let trimmed = s.trim_end_matches([':', '：']).to_string();
        let Some(open) = trimmed.rfind(['(', '（']) else {
            s = trimmed;
            break;
        };
        if !(trimmed.ends_with(')') || trimmed.ends_with('）')) || open == 0 {
            s = trimmed;
            break;
        }
        let inner = &trimmed[open..];
        let inner = inner
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）']);
        if inner.contains("万元") {
            unit = Some("万元");
        } else if inner == "元" {
            unit = Some("元");
        }
        // `成本指标（0-20分）` keeps its points: they are facts, not hints.
        if inner.ends_with('分') && inner.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            s = trimmed;
            break;
        }
        // `二级指标(长期)` keeps the period it names.
        if matches!(inner, "长期" | "年度" | "中期" | "实施期" | "盖章") {
            s = trimmed;
            break;
        }
        s = trimmed[..open].to_string();
    }
    Normal { text: s, unit }
}

/// What a label of a project's table (or of the form's head) says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    ProjectName,
    ProjectCode,
    /// 主管部门 (及编码): `[015001]名称` or a name.
    Supervisor,
    SupervisorCode,
    SupervisorName,
    Agency,
    AgencyCode,
    ProjectType,
    Attribute,
    Term,
    Leader,
    Phone,
    Function,
    Documents,
    /// A budget's total: this year's (预算数) or the project's (资金总额).
    Total(BudgetKind),
    /// A fund source under a budget (其中：财政拨款, 其他资金 …); the source
    /// name as the label gives it.
    Source,
    Purpose,
    Plan,
    Goals,
    PeriodGoals,
    PeriodText,
    Review,
    Execution,
    /// 填报单位, 单位(盖章).
    Filer,
    FilingDate,
    /// 部门（单位）名称 and its code, in a 部门整体 form.
    DeptName,
    DeptCode,
    /// 年度总体目标 of a 部门整体 form: the body's summary.
    OverallGoals,
    /// A label spanning rows over others (预算规模及资金用途, 项目资金,
    /// 总体目标, 绩效指标 …): it says what the rows are about.
    Group(Group),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetKind {
    Annual,
    Total,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Budget,
    Goals,
    Indicators,
    /// 年度主要任务 of a 部门整体 form.
    Tasks,
    Other,
}

/// The label a normalised text is, if it is one.
pub fn label(text: &str) -> Option<Label> {
    use Label::*;
    let l = match text {
        "项目名称" => ProjectName,
        "项目编码" | "项目代码" | "项目编号" => ProjectCode,
        "主管部门" | "主管部门及编码" | "主管部门及代码" | "主管单位" | "主管部门及编号" => {
            Supervisor
        }
        "主管部门编码" | "主管部门代码" => SupervisorCode,
        "主管部门名称" => SupervisorName,
        "实施单位" | "项目实施单位" | "执行单位" | "项目单位" | "实施单位及编码" => {
            Agency
        }
        "实施单位编码" | "实施单位代码" => AgencyCode,
        "项目类型" | "项目分类" | "项目类别" => ProjectType,
        "项目属性" => Attribute,
        "项目起止时间" | "项目期" | "起止时间" | "项目周期" | "项目实施期" | "实施周期" => {
            Term
        }
        "项目负责人" | "项目责任人" | "负责人" => Leader,
        "联系电话" | "电话" | "联系方式" => Phone,
        "功能科目" | "支出功能科目" => Function,
        "文件文号" | "立项文号" | "批复文号" => Documents,
        "预算数" | "年度资金总额" | "当年资金总额" | "年度预算数" | "本年预算数" | "年度预算"
        | "当年预算" | "年度资金" | "本年资金" | "当年预算数" | "年度金额" => {
            Total(BudgetKind::Annual)
        }
        "项目总预算" | "资金总额" | "项目资金总额" | "总预算" | "项目总额" | "预算总额" => {
            Total(BudgetKind::Total)
        }
        "资金用途" | "项目资金用途" | "资金使用用途" => Purpose,
        "资金支出计划" | "支出计划" | "资金支出进度计划" | "预算支出计划" => {
            Plan
        }
        "绩效目标" | "年度目标" | "年度绩效目标" | "项目年度绩效目标" | "当年绩效目标" => {
            Goals
        }
        "实施期绩效目标" | "中期目标" | "长期目标" | "实施期目标" | "中长期目标" | "总体目标" => {
            PeriodGoals
        }
        "实施期" => PeriodText,
        "审核意见" | "审批意见" | "批复意见" => Review,
        "预算执行率" => Execution,
        "填报单位" | "单位(盖章)" | "单位（盖章）" | "单位盖章" | "申报单位" => {
            Filer
        }
        "填报日期" | "填报时间" => FilingDate,
        "预算规模及资金用途" | "项目资金" | "项目资金申请" | "资金情况" | "预算规模" => {
            Group(self::Group::Budget)
        }
        "项目绩效目标" => Group(self::Group::Goals),
        "绩效指标"
        | "年度绩效指标"
        | "实施期绩效指标"
        | "绩效项目指标表"
        | "绩效指标表"
        | "项目年度绩效目标衡量指标"
        | "长期绩效指标" => Group(self::Group::Indicators),
        "项目立项情况" => Group(self::Group::Other),
        "年度主要任务" | "主要任务" | "年度重点任务" | "部门年度主要任务" => {
            Group(self::Group::Tasks)
        }
        "部门（单位）名称"
        | "部门(单位)名称"
        | "部门名称"
        | "单位名称"
        | "预算部门"
        | "预算单位"
        | "部门（单位）" => DeptName,
        "部门（单位）编码" | "部门(单位)编码" | "部门编码" | "单位编码" | "预算单位编码" => {
            DeptCode
        }
        "年度总体目标"
        | "部门整体绩效目标"
        | "整体绩效目标"
        | "年度整体绩效目标"
        | "总体绩效目标"
        | "部门年度总体目标" => OverallGoals,
        _ => return source_label(text).map(|_| Source),
    };
    Some(l)
}

/// Fund sources by how their labels end or what they name: `其中：财政拨款`,
/// `其他资金`, `一般公共预算拨款`, `纳入财政专户管理的收入`, `上年结余收入`.
pub fn source_label(text: &str) -> Option<String> {
    let bare = text
        .trim_start_matches("其中")
        .trim_start_matches([':', '：'])
        .trim_end_matches([':', '：']);
    let bare = match bare
        .strip_prefix("当年")
        .or_else(|| bare.strip_prefix("年度"))
    {
        Some(rest) if !rest.is_empty() => rest,
        _ => bare,
    };
    if bare.is_empty() {
        return None;
    }
    let known = crate::lang::sources::FISCAL_SOURCES
        .iter()
        .chain(crate::lang::sources::OTHER_SOURCES)
        .any(|s| *s == bare);
    let shaped = [
        "资金", "拨款", "收入", "预算", "结转", "结余", "债券", "补助",
    ]
    .iter()
    .any(|e| bare.ends_with(e))
        && bare.chars().count() <= 16;
    (known || (text.starts_with("其中") || shaped) && !bare.contains("总额"))
        .then(|| bare.to_string())
}

/// Whether a source label names this year's money (`其中:当年财政拨款`).
pub fn source_is_annual(text: &str) -> bool {
    let bare = text
        .trim_start_matches("其中")
        .trim_start_matches([':', '：']);
    bare.starts_with("当年") || bare.starts_with("年度")
}

/// A column of the indicator table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    Level1,
    Level2,
    Name,
    Description,
    Target,
    /// 指标性质 / 计算符号: the sign printed apart.
    Sign,
    /// 度量单位: the unit printed apart.
    Unit,
    Basis,
    Weight,
    LastYear,
    Direction,
    Nature,
    Explanation,
    Scoring,
    /// Any other header: a field of the indicator by that name.
    Field(String),
}

/// A header of the indicator table, and whether it is of the long-term
/// (长期, 实施期) columns.
pub fn column(header: &str) -> Option<(Column, bool)> {
    // `*分值`: the 一体化 templates mark required columns with a star.
    let header = header.strip_prefix('*').unwrap_or(header);
    let (base, long) = match header
        .strip_suffix("(长期)")
        .or_else(|| header.strip_suffix("（长期）"))
        .or_else(|| header.strip_suffix("(实施期)"))
        .or_else(|| header.strip_suffix("（实施期）"))
    {
        Some(b) => (b, true),
        None => (
            header
                .strip_suffix("(年度)")
                .or_else(|| header.strip_suffix("（年度）"))
                .unwrap_or(header),
            false,
        ),
    };
    use Column::*;
    let c = match base {
        "一级指标" | "一级绩效指标" => Level1,
        "二级指标" | "二级绩效指标" => Level2,
        "三级指标" | "三级指标名称" | "指标名称" | "绩效指标名称" => Name,
        "绩效指标描述" | "指标内容" | "指标描述" | "指标说明" => Description,
        "指标值" | "目标值" | "绩效指标值" | "指标目标值" | "年度指标值" => {
            Target
        }
        "指标性质" | "计算符号" | "符号" => Sign,
        "度量单位" | "计量单位" | "单位" => Unit,
        "指标值确定依据" | "确定依据" | "指标值设定依据" => Basis,
        "权重" | "分值" | "权重(分值)" | "指标权重" => Weight,
        "上年实际值" | "上年指标值" | "上年完成值" | "历史值" => LastYear,
        "指标方向" => Direction,
        "指标类型" | "定量/定性" | "指标性质(定量/定性)" => Nature,
        "指标解释" => Explanation,
        "评(扣)分标准" | "评（扣）分标准" | "评分标准" | "评分细则" | "扣分标准" => {
            Scoring
        }
        "" => return None,
        other => Field(other.to_string()),
    };
    Some((c, long))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_as_forms_print_them() {
        let n = normalise("项目资金\n(万元)");
        assert_eq!((n.text.as_str(), n.unit), ("项目资金", Some("万元")));
        assert_eq!(normalise("绩\n效\n指\n标").text, "绩效指标");
        assert_eq!(normalise("年度目标(450字内)").text, "年度目标");
        assert_eq!(normalise("资金支出计划（%）").text, "资金支出计划");
        assert_eq!(normalise("年度资金总额:").text, "年度资金总额");
        assert_eq!(normalise("成本指标（0-20分）").text, "成本指标（0-20分）");
        assert_eq!(normalise("二级指标(长期)").text, "二级指标(长期)");
        assert_eq!(normalise("项目起止时间(如20190101)").text, "项目起止时间");
        assert_eq!(label("主管部门及编码"), Some(Label::Supervisor));
        assert_eq!(
            label("当年资金总额"),
            Some(Label::Total(BudgetKind::Annual))
        );
        assert_eq!(label("其中:当年财政拨款"), Some(Label::Source));
        assert_eq!(
            source_label("其中:当年财政拨款").as_deref(),
            Some("财政拨款")
        );
        assert_eq!(source_label("当年其他资金").as_deref(), Some("其他资金"));
        assert_eq!(source_label("其中：财政资金").as_deref(), Some("财政资金"));
        assert_eq!(
            source_label("纳入财政专户管理的收入").as_deref(),
            Some("纳入财政专户管理的收入")
        );
        assert_eq!(source_label("项目名称"), None);
        assert!(source_is_annual("其中:当年财政拨款"));
        assert_eq!(column("指标值(长期)"), Some((Column::Target, true)));
        assert_eq!(column("评（扣）分标准"), Some((Column::Scoring, false)));
        assert_eq!(
            column("数据来源"),
            Some((Column::Field("数据来源".into()), false))
        );
    }
}
