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
    Field,
    Direction,
    Nature,
    Id,
    Supervisor,
    ProjectType,
    Attribute,
    Term,
    Leader,
    Document,
    Function,
    TotalBudget,
    Review,
    Form,
    Title,
    Filer,
    Date,
    Score,
    // The self-evaluation and monitoring documents (docs/evaluation.md).
    Evaluation,
    Monitoring,
    Sheet,
    ReverseRule,
    AsOf,
    Execution,
    Initial,
    Adjusted,
    Spent,
    Expected,
    Rate,
    Points,
    Source,
    Actual,
    Deduction,
    Note,
    Reason,
    Cause,
    Likelihood,
    Overview,
    Conclusion,
    Problem,
    Improvement,
    Total,
    Truncated,
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
    (
        Kw::Goal,
        "goal",
        &["绩效目标", "目标", "年度总体目标", "预期目标"],
    ),
    (Kw::Period, "period", &["实施期"]),
    (Kw::Indicator, "indicator", &["指标"]),
    (Kw::Desc, "desc", &["指标描述", "描述"]),
    (Kw::Basis, "basis", &["指标值确定依据", "依据"]),
    (Kw::Weight, "weight", &["权重"]),
    (Kw::Last, "last", &["上年实际值", "上年值"]),
    (Kw::Explain, "explain", &["指标解释"]),
    (Kw::Scoring, "scoring", &["评分标准", "评(扣)分标准"]),
    (Kw::Core, "core", &["核心指标", "核心"]),
    (Kw::Field, "field", &["栏目"]),
    (Kw::Direction, "direction", &["指标方向"]),
    (Kw::Nature, "nature", &["指标类型"]),
    (Kw::Id, "id", &["指标编码", "指标代码"]),
    (Kw::Supervisor, "supervisor", &["主管部门"]),
    (Kw::ProjectType, "type", &["项目类型", "项目分类"]),
    (Kw::Attribute, "attribute", &["项目属性"]),
    (Kw::Term, "term", &["起止时间", "项目起止时间"]),
    (Kw::Leader, "leader", &["项目负责人"]),
    (Kw::Document, "document", &["文件文号", "资金文件"]),
    (Kw::Function, "function", &["功能科目"]),
    (Kw::TotalBudget, "total-budget", &["项目总预算", "资金总额"]),
    (Kw::Review, "review", &["审核意见"]),
    (Kw::Form, "form", &["表样"]),
    (Kw::Title, "title", &["表名"]),
    (Kw::Filer, "filer", &["填报单位"]),
    (Kw::Date, "date", &["填报日期"]),
    (Kw::Score, "score", &["分值"]),
    (Kw::Evaluation, "evaluation", &["自评", "绩效自评"]),
    (Kw::Monitoring, "monitoring", &["监控", "运行监控"]),
    (Kw::Sheet, "sheet", &["目标表", "绩效目标表"]),
    (Kw::ReverseRule, "reverse-rule", &["反向计分"]),
    (Kw::AsOf, "as-of", &["截至", "截止"]),
    (Kw::Execution, "execution", &["预算执行", "预算执行情况"]),
    (Kw::Initial, "initial", &["年初预算数", "年初预算"]),
    (Kw::Adjusted, "adjusted", &["全年预算数", "调整后预算数"]),
    (Kw::Spent, "spent", &["执行数", "全年执行数", "预算执行数"]),
    (
        Kw::Expected,
        "expected",
        &["全年预计", "全年预计执行数", "全年预计完成"],
    ),
    (Kw::Rate, "rate", &["执行率", "预算执行率"]),
    (Kw::Points, "points", &["得分", "自评得分"]),
    (Kw::Source, "source", &["资金来源"]),
    (
        Kw::Actual,
        "actual",
        &["实际完成值", "完成值", "实际完成情况", "当前完成值"],
    ),
    (Kw::Deduction, "deduction", &["扣减分数", "扣分"]),
    (Kw::Note, "note", &["简要描述", "完成情况简要描述"]),
    (
        Kw::Reason,
        "reason",
        &[
            "偏差原因及改进措施",
            "偏差原因",
            "未完成原因分析",
            "原因",
            "偏差原因分析及改进措施",
            "偏差原因分析",
            "偏差原因说明",
        ],
    ),
    (Kw::Cause, "cause", &["偏差原因类型", "原因类型"]),
    (Kw::Likelihood, "likelihood", &["完成可能性"]),
    (
        Kw::Overview,
        "overview",
        &["实施概述", "项目实施内容及过程概述"],
    ),
    (Kw::Conclusion, "conclusion", &["评价结论"]),
    (Kw::Problem, "problem", &["存在问题"]),
    (Kw::Improvement, "improvement", &["改进措施"]),
    (Kw::Total, "total", &["合计", "总分"]),
    (Kw::Truncated, "truncated", &["原文不全"]),
];

impl Kw {
    /// The keyword a statement means where `allowed` may stand: `分值`
    /// (`score`) is a part's points in a project, but an item's weight where
    /// only a weight is allowed (inside an indicator, `execution` or `total`):
    /// forms head an item's weight 分值.
    pub fn resolve_in(self, allowed: &[Kw]) -> Kw {
        if self == Kw::Score && !allowed.contains(&Kw::Score) && allowed.contains(&Kw::Weight) {
            Kw::Weight
        } else {
            self
        }
    }

    /// The keyword of a statement heading a block of `parent`'s, as
    /// [`Kw::resolve_in`] reads it there.
    pub fn in_block_of(self, parent: Option<Kw>) -> Kw {
        match parent {
            Some(Kw::Indicator) => self.resolve_in(Place::Indicator.allowed()),
            Some(Kw::Execution) => self.resolve_in(Place::Execution.allowed()),
            Some(Kw::Total) => self.resolve_in(Place::EvalTotal.allowed()),
            _ => self,
        }
    }

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

/// A place a statement may stand: the top level or inside a block. With
/// [`Place::allowed`] and [`home_of`] this is the statement schema: which
/// keyword may stand where. The checker, the formatter and the docs follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Top,
    Department,
    Overall,
    Project,
    Period,
    Indicator,
    /// The top level of a self-evaluation or monitoring file.
    EvalTop,
    /// Inside `evaluation` / `monitoring` (the header).
    EvalHeader,
    /// Inside a project of an evaluation.
    EvalProject,
    /// Inside `execution` (预算执行情况).
    Execution,
    /// Inside a fund-source row of `execution`.
    ExecutionSource,
    /// Inside a goal of an evaluation (预期目标 with 实际完成情况).
    EvalGoal,
    /// The evaluation's own statements inside an indicator (beside those of
    /// [`Place::Indicator`], which quote the target sheet's).
    EvalIndicator,
    /// Inside `total` (合计).
    EvalTotal,
}

impl Place {
    /// Every place.
    pub const ALL: &[Place] = &[
        Place::Top,
        Place::Department,
        Place::Overall,
        Place::Project,
        Place::Period,
        Place::Indicator,
        Place::EvalTop,
        Place::EvalHeader,
        Place::EvalProject,
        Place::Execution,
        Place::ExecutionSource,
        Place::EvalGoal,
        Place::EvalIndicator,
        Place::EvalTotal,
    ];

    /// The keywords that may stand here.
    pub fn allowed(self) -> &'static [Kw] {
        match self {
            Place::Top => &[Kw::Department, Kw::DefineUnit, Kw::Overall, Kw::Project],
            Place::Department => &[
                Kw::Year,
                Kw::Unit,
                Kw::Framework,
                Kw::Form,
                Kw::Title,
                Kw::Supervisor,
                Kw::Budget,
                Kw::Filer,
                Kw::Date,
                Kw::Review,
                Kw::Field,
            ],
            Place::Overall => &[Kw::Summary, Kw::Objective, Kw::Measure, Kw::Indicator],
            Place::Project => &[
                Kw::Supervisor,
                Kw::Agency,
                Kw::ProjectType,
                Kw::Attribute,
                Kw::Term,
                Kw::Leader,
                Kw::Function,
                Kw::Document,
                Kw::TotalBudget,
                Kw::Budget,
                Kw::Purpose,
                Kw::Plan,
                Kw::Goal,
                Kw::Period,
                Kw::Indicator,
                Kw::Score,
                Kw::Review,
                Kw::Field,
            ],
            Place::Period => &[Kw::Goal, Kw::Indicator],
            Place::Indicator => &[
                Kw::Desc,
                Kw::Basis,
                Kw::Weight,
                Kw::Last,
                Kw::Explain,
                Kw::Scoring,
                Kw::Core,
                Kw::Id,
                Kw::Direction,
                Kw::Nature,
                Kw::Field,
            ],
            Place::EvalTop => &[
                Kw::Evaluation,
                Kw::Monitoring,
                Kw::DefineUnit,
                Kw::Overall,
                Kw::Project,
            ],
            Place::EvalHeader => &[
                Kw::Sheet,
                Kw::Department,
                Kw::Unit,
                Kw::Framework,
                Kw::ReverseRule,
                Kw::AsOf,
                Kw::Title,
                Kw::Filer,
                Kw::Date,
                Kw::Field,
            ],
            Place::EvalProject => &[
                Kw::Supervisor,
                Kw::Agency,
                Kw::Execution,
                Kw::Goal,
                Kw::Overview,
                Kw::Score,
                Kw::Indicator,
                Kw::Total,
                Kw::Conclusion,
                Kw::Problem,
                Kw::Improvement,
                Kw::Truncated,
                Kw::Field,
            ],
            Place::Execution => &[
                Kw::Initial,
                Kw::Adjusted,
                Kw::Spent,
                Kw::Expected,
                Kw::Rate,
                Kw::Weight,
                Kw::Points,
                Kw::Source,
                Kw::Reason,
            ],
            Place::ExecutionSource => {
                &[Kw::Initial, Kw::Adjusted, Kw::Spent, Kw::Expected, Kw::Rate]
            }
            Place::EvalGoal => &[Kw::Actual],
            Place::EvalIndicator => &[
                Kw::Actual,
                Kw::Expected,
                Kw::Points,
                Kw::Deduction,
                Kw::Note,
                Kw::Reason,
                Kw::Cause,
                Kw::Likelihood,
                Kw::ReverseRule,
            ],
            Place::EvalTotal => &[Kw::Weight, Kw::Points],
        }
    }

    /// The place in words, for "not allowed here" messages.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Place::Top => ("顶层", "at the top level"),
            Place::Department => ("department 块内", "inside department"),
            Place::Overall => ("overall 块内", "inside overall"),
            Place::Project => ("project 块内", "inside a project"),
            Place::Period => ("period 块内", "inside a period"),
            Place::Indicator => ("indicator 块内", "inside an indicator"),
            Place::EvalTop => ("自评表或监控表的顶层", "at the top level of an evaluation"),
            Place::EvalHeader => ("evaluation 块内", "inside evaluation"),
            Place::EvalProject => (
                "自评表的 project 或 overall 块内",
                "inside a project or overall of an evaluation",
            ),
            Place::Execution => ("execution 块内", "inside execution"),
            Place::ExecutionSource => ("source 块内", "inside a source"),
            Place::EvalGoal => ("自评表的 goal 块内", "inside a goal of an evaluation"),
            Place::EvalIndicator => (
                "自评表的 indicator 块内",
                "inside an indicator of an evaluation",
            ),
            Place::EvalTotal => ("total 块内", "inside total"),
        }
    }
}

/// Inside a budget block, where fund sources stand, not statements.
pub const IN_BUDGET: (&str, &str) = ("budget 块内", "inside budget");

/// Where a keyword belongs, for "misplaced" help texts.
pub fn home_of(kw: Kw) -> (&'static str, &'static str) {
    match kw {
        Kw::Department | Kw::Overall | Kw::Project | Kw::DefineUnit => {
            ("顶层（不在任何块内）", "at the top level")
        }
        Kw::Year | Kw::Unit | Kw::Framework | Kw::Form | Kw::Title | Kw::Filer | Kw::Date => {
            ("department 块内", "inside department")
        }
        Kw::Summary | Kw::Objective | Kw::Measure => ("overall 块内", "inside overall"),
        Kw::Agency
        | Kw::Purpose
        | Kw::Plan
        | Kw::Period
        | Kw::ProjectType
        | Kw::Attribute
        | Kw::Term
        | Kw::Leader
        | Kw::Function
        | Kw::Document
        | Kw::Score
        | Kw::TotalBudget => ("project 块内", "inside a project"),
        Kw::Budget | Kw::Supervisor | Kw::Review => (
            "project 或 department 块内",
            "inside a project or department",
        ),
        Kw::Goal => ("project 或 period 块内", "inside a project or a period"),
        Kw::Indicator => (
            "project、period 或 overall 块内",
            "inside a project, a period or overall",
        ),
        Kw::Desc
        | Kw::Basis
        | Kw::Weight
        | Kw::Last
        | Kw::Explain
        | Kw::Scoring
        | Kw::Core
        | Kw::Id
        | Kw::Direction
        | Kw::Nature => ("indicator 块内", "inside an indicator"),
        Kw::Field => (
            "department、project 或 indicator 块内",
            "inside department, a project or an indicator",
        ),
        Kw::Evaluation | Kw::Monitoring => (
            "自评表或监控表文件的顶层",
            "at the top level of an evaluation or monitoring file",
        ),
        Kw::Sheet | Kw::ReverseRule | Kw::AsOf => ("evaluation 块内", "inside evaluation"),
        Kw::Execution
        | Kw::Overview
        | Kw::Conclusion
        | Kw::Problem
        | Kw::Improvement
        | Kw::Total
        | Kw::Truncated => ("自评表的 project 块内", "inside a project of an evaluation"),
        Kw::Initial | Kw::Adjusted | Kw::Spent | Kw::Rate | Kw::Source => {
            ("execution 块内", "inside execution")
        }
        Kw::Expected | Kw::Points => (
            "execution、自评表的 indicator 或 total 块内",
            "inside execution, an indicator of an evaluation or total",
        ),
        Kw::Actual => (
            "自评表的 indicator 或 goal 块内",
            "inside an indicator or a goal of an evaluation",
        ),
        Kw::Deduction | Kw::Note | Kw::Reason | Kw::Cause | Kw::Likelihood => (
            "自评表的 indicator 块内",
            "inside an indicator of an evaluation",
        ),
    }
}

/// `text` with each keyword written in English (a whole ASCII word) in its
/// Chinese spelling when `chinese`: a place (`project 块内`), a keyword or
/// an example named in a message, in the spelling the sheet uses.
pub fn spelt(text: &str, chinese: bool) -> String {
    if !chinese {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        out.push_str(&rest[..start]);
        let word_len = rest[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(rest.len() - start, |n| n);
        let word = &rest[start..start + word_len];
        match Kw::lookup(word).filter(|k| k.english() == word) {
            Some(kw) => out.push_str(kw.chinese()),
            None => out.push_str(word),
        }
        rest = &rest[start + word_len..];
    }
    out.push_str(rest);
    out
}

/// What an argument of a statement is, in words, for the messages that say
/// it is missing or of the wrong kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Arg {
    /// An argument the schema does not name.
    pub const ANY: Arg = arg("参数", "an argument");
}

const fn arg(zh: &'static str, en: &'static str) -> Arg {
    Arg { zh, en }
}

/// A keyword's arguments, in order, and how the statement is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schema {
    pub args: &'static [Arg],
    /// The statement as a help text shows it.
    pub example: &'static str,
    /// The statement with the block it needs, for "missing statement" help.
    pub complete: &'static str,
}

const fn schema_of(args: &'static [Arg], example: &'static str) -> Schema {
    Schema {
        args,
        example,
        complete: example,
    }
}

const TEXT: &[Arg] = &[arg("文字", "a text")];

/// A constant list of arguments (a `const` so that it lives for the program).
macro_rules! args {
    ($($a:expr),* $(,)?) => {{
        const ARGS: &[Arg] = &[$($a),*];
        ARGS
    }};
}

/// The arguments and example of every keyword: with [`Place`] and
/// [`home_of`], the whole statement schema.
pub fn schema(kw: Kw) -> Schema {
    match kw {
        Kw::Department => Schema {
            complete: "department \"430002\" \"单位名称\" { year 2020; unit 万元 }",
            ..schema_of(
                args![arg("单位编码", "a code"), arg("单位名称", "a name")],
                "department \"430002\" \"单位名称\"",
            )
        },
        Kw::Year => schema_of(args![arg("年度", "a year")], "year 2020"),
        Kw::Unit => schema_of(args![arg("金额单位", "a money unit")], "unit 万元"),
        Kw::Framework => schema_of(args![arg("指标体系", "a framework")], "framework 2015"),
        Kw::DefineUnit => schema_of(
            args![arg("单位名称", "a unit name"), arg("量纲", "a dimension")],
            "define-unit 校次 count",
        ),
        Kw::Overall => schema_of(&[], "overall { summary \"……\" }"),
        Kw::Summary => schema_of(args![arg("总体目标文字", "a text")], "summary \"……\""),
        Kw::Objective => schema_of(
            args![arg("标题", "a title"), arg("内容", "a text")],
            "objective \"规章制度\" \"组织制定……\"",
        ),
        Kw::Measure => schema_of(args![arg("措施内容", "a text")], "measure \"……\""),
        Kw::Project => schema_of(
            args![
                arg("项目编码", "a project code"),
                arg("项目名称", "a project name")
            ],
            "project \"430-0502-JBN-GG1U\" \"项目名称\" { … }",
        ),
        Kw::Agency => schema_of(
            args![
                arg("实施单位编码", "a code"),
                arg("实施单位名称", "an agency name")
            ],
            "agency \"……\"",
        ),
        Kw::Budget => Schema {
            complete: "budget 78.00 { 财政资金 78.00 }",
            ..schema_of(args![arg("金额", "an amount")], "budget 78.00")
        },
        Kw::Purpose => schema_of(args![arg("资金用途", "a text")], "purpose \"……\""),
        Kw::Plan => schema_of(
            args![arg("支出节点", "checkpoints")],
            "plan 3月 25%, 6月 50%, 10月 75%, 12月 100%",
        ),
        Kw::Goal => schema_of(args![arg("目标内容", "a text")], "goal \"……\""),
        Kw::Period => schema_of(
            args![arg("实施期", "a period")],
            "period \"2021-2023年\" { goal \"……\" }",
        ),
        Kw::Indicator => schema_of(
            args![
                arg("指标类别", "a category"),
                arg("指标名称", "a name"),
                arg("指标值", "a target"),
            ],
            "indicator 产出.时效 \"资金到位率\" ≥90%",
        ),
        Kw::Desc => schema_of(TEXT, "desc \"……\""),
        Kw::Basis => schema_of(TEXT, "basis \"计划标准\""),
        Kw::Weight => schema_of(args![arg("权重", "a weight")], "weight 20"),
        Kw::Last => schema_of(args![arg("上年实际值", "last year's value")], "last 95%"),
        Kw::Explain => schema_of(TEXT, "explain \"……\""),
        Kw::Scoring => schema_of(TEXT, "scoring \"……\""),
        Kw::Core => schema_of(&[], "core"),
        Kw::Field => schema_of(
            args![arg("栏目名称", "a field name"), arg("内容", "a value")],
            "field \"联系电话\" \"0311-1234567\"",
        ),
        Kw::Direction => schema_of(args![arg("正向或反向", "正向 or 反向")], "direction 反向"),
        Kw::Nature => schema_of(args![arg("定量或定性", "定量 or 定性")], "nature 定性"),
        Kw::Id => schema_of(
            args![arg("指标编码", "an indicator code")],
            "id \"gx010401\"",
        ),
        Kw::Supervisor => schema_of(
            args![arg("主管部门编码", "a code"), arg("主管部门名称", "a name")],
            "supervisor \"015001\" \"武汉市青山区教育局\"",
        ),
        Kw::ProjectType => schema_of(TEXT, "type \"其他运转类\""),
        Kw::Attribute => schema_of(TEXT, "attribute \"延续项目\""),
        Kw::Term => schema_of(
            args![arg("起止时间", "a period")],
            "term \"2025年1月1日-2025年12月31日\"",
        ),
        Kw::Leader => schema_of(
            args![arg("负责人", "a name"), arg("联系电话", "a phone number")],
            "leader \"张三\" \"0564-1234567\"",
        ),
        Kw::Function => schema_of(TEXT, "function \"2070199 其他文化和旅游支出\""),
        Kw::Document => schema_of(TEXT, "document \"六财预〔2025〕12号\""),
        Kw::TotalBudget => Schema {
            complete: "total-budget 300.00 { 财政资金 300.00 }",
            ..schema_of(args![arg("金额", "an amount")], "total-budget 300.00")
        },
        Kw::Review => schema_of(TEXT, "review \"同意\""),
        Kw::Form => schema_of(args![arg("表样", "a form kind")], "form 申报表"),
        Kw::Title => schema_of(TEXT, "title \"项目支出绩效目标表\""),
        Kw::Filer => schema_of(TEXT, "filer \"六安市叶集区文化旅游体育局\""),
        Kw::Date => schema_of(args![arg("日期", "a date")], "date 2025-01-20"),
        Kw::Score => schema_of(
            args![
                arg("一级指标或预算执行率", "a level-1 category or 预算执行率"),
                arg("分值", "points")
            ],
            "score 成本 0-20",
        ),
        Kw::Evaluation => Schema {
            complete: "evaluation 2020 { sheet \"beidaihe-2020.jx\" }",
            ..schema_of(args![arg("年度", "a year")], "evaluation 2020")
        },
        Kw::Monitoring => Schema {
            complete: "monitoring 2020 { sheet \"beidaihe-2020.jx\"; as-of 7月 }",
            ..schema_of(args![arg("年度", "a year")], "monitoring 2020")
        },
        Kw::Sheet => schema_of(
            args![arg("目标表文件路径", "the target sheet's path")],
            "sheet \"beidaihe-2020.jx\"",
        ),
        Kw::ReverseRule => schema_of(
            args![arg("反向指标计分规则", "a reverse scoring rule")],
            "reverse-rule 一体化",
        ),
        Kw::AsOf => schema_of(args![arg("月份", "a month")], "as-of 7月"),
        Kw::Execution => schema_of(&[], "execution { adjusted 78.00; spent 78.00 }"),
        Kw::Initial => schema_of(args![arg("金额", "an amount")], "initial 78.00"),
        Kw::Adjusted => schema_of(args![arg("金额", "an amount")], "adjusted 78.00"),
        Kw::Spent => schema_of(args![arg("金额", "an amount")], "spent 78.00"),
        Kw::Expected => schema_of(args![arg("预计值", "an expected value")], "expected 78.00"),
        Kw::Rate => schema_of(args![arg("执行率", "a percentage")], "rate 100.00%"),
        Kw::Points => schema_of(args![arg("得分", "points")], "points 10"),
        Kw::Source => schema_of(
            args![arg("资金来源", "a fund source")],
            "source \"财政资金\" { adjusted 78.00; spent 78.00 }",
        ),
        Kw::Actual => schema_of(args![arg("实际完成值", "an actual value")], "actual 100%"),
        Kw::Deduction => schema_of(args![arg("扣减分数", "points")], "deduction 1"),
        Kw::Note => schema_of(TEXT, "note \"……\""),
        Kw::Reason => schema_of(TEXT, "reason \"……\""),
        Kw::Cause => schema_of(args![arg("偏差原因类型", "a cause")], "cause 经费"),
        Kw::Likelihood => schema_of(
            args![arg("完成可能性", "a likelihood")],
            "likelihood 确定能",
        ),
        Kw::Overview => schema_of(TEXT, "overview \"……\""),
        Kw::Conclusion => schema_of(TEXT, "conclusion \"……\""),
        Kw::Problem => schema_of(TEXT, "problem \"……\""),
        Kw::Improvement => schema_of(TEXT, "improvement \"……\""),
        Kw::Total => schema_of(&[], "total { weight 100; points 95 }"),
        Kw::Truncated => schema_of(TEXT, "truncated \"……\""),
    }
}

/// Whether a statement with this keyword may appear at most once in its
/// block (a repeat is reported).
pub fn at_most_once(kw: Kw) -> bool {
    !matches!(
        kw,
        Kw::DefineUnit
            | Kw::Project
            | Kw::Objective
            | Kw::Measure
            | Kw::Goal
            | Kw::Indicator
            | Kw::Field
            | Kw::Document
            | Kw::Score
            | Kw::Source
            | Kw::Cause
    )
}

/// Whether a statement with this keyword takes a `{ … }` block.
pub fn takes_block(kw: Kw) -> bool {
    matches!(
        kw,
        Kw::Department
            | Kw::Overall
            | Kw::Project
            | Kw::Budget
            | Kw::TotalBudget
            | Kw::Period
            | Kw::Indicator
            | Kw::Evaluation
            | Kw::Monitoring
            | Kw::Execution
            | Kw::Source
            | Kw::Total
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_has_a_home_and_a_place() {
        let places = Place::ALL;
        for (kw, en, zh) in TABLE {
            assert!(!zh.is_empty(), "{en}");
            assert_eq!(Kw::lookup(en), Some(*kw));
            let homes: Vec<Place> = places
                .iter()
                .copied()
                .filter(|p| p.allowed().contains(kw))
                .collect();
            assert!(!homes.is_empty(), "{en} stands nowhere");
            assert!(!home_of(*kw).0.is_empty());
            assert_eq!(spelt(kw.english(), true), kw.chinese());
        }
        // A block keyword's children are the allowed ones of its place.
        assert!(takes_block(Kw::Indicator) && !takes_block(Kw::Goal));
        assert!(at_most_once(Kw::Budget) && !at_most_once(Kw::Goal));
    }
}
