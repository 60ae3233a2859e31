//! The checked sheet: plain data, no spans, comparable between two years.
//! Amounts and percentages are exact decimals; serialised as strings.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

pub use crate::lang::choices::{Direction, FormKind, Nature};
pub use crate::lang::units::Dimension;
pub use crate::target::{Date, Marker, Op, TargetValue};

/// The name and version of the JSON contract.
pub const FORMAT: &str = "jixiao-sheet/2";

pub(super) fn dec<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let mut text = DecimalText::default();
    match std::fmt::Write::write_fmt(&mut text, format_args!("{d}")) {
        Ok(()) => s.serialize_str(text.as_str()),
        // Longer than any decimal prints: not reached, but never wrong.
        Err(_) => s.serialize_str(&d.to_string()),
    }
}
pub(super) fn opt_dec<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => dec(d, s),
        None => s.serialize_none(),
    }
}

/// A decimal printed on the stack: the JSON of a large sheet prints
/// hundreds of thousands of them.
struct DecimalText {
    bytes: [u8; 64],
    len: usize,
}

impl Default for DecimalText {
    fn default() -> Self {
        DecimalText {
            bytes: [0; 64],
            len: 0,
        }
    }
}

impl DecimalText {
    fn as_str(&self) -> &str {
        // Only whole `&str` pieces are ever copied in.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl std::fmt::Write for DecimalText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// One body's sheet for one year, checked: what `jixiao-sheet/2` JSON prints,
/// field for field. Amounts and percentages are exact decimals in the
/// sheet's money unit; texts are as written (escapes resolved).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sheet {
    /// The JSON contract's name and version, [`FORMAT`].
    pub format: &'static str,
    /// The body (部门) and the sheet's settings.
    pub department: Department,
    /// 第一部分: the body's overall goals.
    pub overall: Overall,
    /// 第二部分: one 绩效目标表 per budget project, in the sheet's order.
    pub projects: Vec<Project>,
    /// Units the sheet declares beyond the built-in table (`define-unit`).
    pub units: Vec<UnitDef>,
    /// Sums over the sheet.
    pub totals: Totals,
}

/// The body and the settings of its sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Department {
    /// 单位编码, a string (leading zeros matter), when the sheet gives one.
    pub code: Option<String>,
    /// 单位名称.
    pub name: String,
    /// 年度.
    pub year: i32,
    /// Money unit of every amount: 万元 or 元.
    pub unit: String,
    /// Indicator framework: "2015" (财预〔2015〕88号) or "2021" (cost indicators at level 1).
    pub framework: String,
    /// Which official form the sheet is (`form 审批表`); absent: 部门预算绩效信息.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<FormKind>,
    /// The title as the sheet prints it, when it states one (`title "……"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 主管部门 and its code, when the sheet names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<Party>,
    /// The body's total budget (部门预算总额), when the sheet gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// 填报单位.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filer: Option<String>,
    /// 填报日期, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// 审核意见.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
    /// Fields a local form adds (`field "联系人" "……"`), in order; absent
    /// from JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

impl Indicator {
    /// A row that only lists its category, with no indicator under it
    /// (`indicator 效益.生态效益`): no name and no target.
    pub fn is_listed_only(&self) -> bool {
        self.name.is_empty() && self.target.is_none()
    }
}

impl Department {
    /// The facts of the form the sheet states beyond name, year, unit and
    /// framework, each as a named text (what `diff` compares by name).
    pub fn stated_facts(&self) -> Vec<Field> {
        let mut out = Vec::new();
        let mut put = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                out.push(Field {
                    name: name.to_string(),
                    value,
                });
            }
        };
        put("表样", self.form.map(|f| f.title().to_string()));
        put("表名", self.title.clone());
        put("主管部门", self.supervisor.as_ref().map(Party::text));
        put("部门预算总额", self.budget.as_ref().map(Budget::text));
        put("填报单位", self.filer.clone());
        put("填报日期", self.date.clone());
        put("审核意见", self.review.clone());
        out
    }
}

impl Project {
    /// The facts of the form the sheet states beyond code, name, agency,
    /// budget, purpose, plan, goals and indicators, each as a named text.
    pub fn stated_facts(&self) -> Vec<Field> {
        let mut out = Vec::new();
        let mut put = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                out.push(Field {
                    name: name.to_string(),
                    value,
                });
            }
        };
        put("实施单位编码", self.agency_code.clone());
        put("主管部门", self.supervisor.as_ref().map(Party::text));
        put("项目类型", self.project_type.clone());
        put("项目属性", self.attribute.clone());
        put("项目起止时间", self.term.clone());
        put(
            "项目负责人",
            self.leader.as_ref().map(|l| match &l.phone {
                Some(p) => format!("{} {}", l.name, p),
                None => l.name.clone(),
            }),
        );
        put("功能科目", self.function.clone());
        put(
            "文件文号",
            (!self.documents.is_empty()).then(|| self.documents.join("；")),
        );
        put("项目总预算", self.total_budget.as_ref().map(Budget::text));
        for sc in &self.scores {
            put(&format!("分值 {}", sc.item), Some(sc.points()));
        }
        put("审核意见", self.review.clone());
        out
    }
}

impl Budget {
    /// `100 (财政资金 60, 其他资金 40)`, `100 (其中 财政资金 60)`.
    pub fn text(&self) -> String {
        fn list(sources: &[Source]) -> String {
            sources
                .iter()
                .map(|s| {
                    if s.sources.is_empty() {
                        format!("{} {}", s.name, s.amount)
                    } else {
                        let lead = if s.partial { "其中 " } else { "" };
                        format!("{} {} ({lead}{})", s.name, s.amount, list(&s.sources))
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        if self.sources.is_empty() {
            return self.total.to_string();
        }
        let lead = if self.partial { "其中 " } else { "" };
        format!("{} ({lead}{})", self.total, list(&self.sources))
    }
}

/// A body named with its code where the sheet gives one (主管部门, 实施单位).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party {
    pub code: Option<String>,
    pub name: String,
}

impl Party {
    /// `[015001]武汉市青山区教育局`, as forms print it.
    pub fn text(&self) -> String {
        match &self.code {
            Some(c) => format!("[{c}]{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// 项目负责人 and, when given, a phone number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Leader {
    pub name: String,
    pub phone: Option<String>,
}

/// A named field a local form adds to a department, a project or an
/// indicator, kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
}

/// 第一部分 部门整体绩效目标.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Overall {
    /// 总体绩效目标.
    pub summary: Option<String>,
    /// 分项绩效目标, in order.
    pub objectives: Vec<Objective>,
    /// 工作保障措施, in order.
    pub measures: Vec<String>,
    /// Indicators of the whole body (部门整体绩效指标).
    pub indicators: Vec<Indicator>,
}

/// One 分项绩效目标: a title and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Objective {
    /// 标题 (规章制度).
    pub title: String,
    /// 内容.
    pub text: String,
}

/// One budget project's target table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Project {
    /// 项目编码, unique within the sheet, when the sheet gives one (many
    /// bodies publish none: a project is then known by its name).
    pub code: Option<String>,
    /// 项目名称.
    pub name: String,
    /// The agency (实施单位) carrying it out, when the sheet names one.
    pub agency: Option<String>,
    /// The agency's code, when the sheet gives one (`agency "027001" "……"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_code: Option<String>,
    /// 主管部门 and its code, when the project names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<Party>,
    /// 项目类型 / 项目分类.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_type: Option<String>,
    /// 项目属性 (新增 / 延续, or a region's own classes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    /// 项目起止时间 / 项目期, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// 项目负责人.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader: Option<Leader>,
    /// 功能科目.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// Approval or funding documents (文号), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    /// 项目总预算 (资金总额) over all years, apart from this year's budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_budget: Option<Budget>,
    /// 预算数 and its fund sources.
    pub budget: Budget,
    /// 资金用途.
    pub purpose: Option<String>,
    /// 资金支出计划: cumulative percentages at month ends, in order.
    pub plan: Vec<Checkpoint>,
    /// 年度绩效目标, in order.
    pub goals: Vec<String>,
    /// 实施期 and its goals, for a multi-year project.
    pub period: Option<Period>,
    /// The three-level indicator table, in the sheet's order.
    pub indicators: Vec<Indicator>,
    /// Points the form gives a level-1 category or the budget execution
    /// rate (`score 成本 0-20`, `score 预算执行率 10`), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    /// 审核意见 of the approving body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
    /// Fields a local form adds (联系电话 …), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// A budget: the total equals the sum of the sources when sources are
/// given, unless the sheet lists only some of them (`其中`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Budget {
    /// 预算数.
    #[serde(serialize_with = "dec")]
    pub total: Decimal,
    /// 资金来源 at the first level (each may be split further).
    pub sources: Vec<Source>,
    /// The sources are a partial breakdown (其中): they may add up to less.
    pub partial: bool,
}

/// A fund source (财政资金, 一般公共预算 …) and its own breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The name as written.
    pub name: String,
    /// Its amount.
    #[serde(serialize_with = "dec")]
    pub amount: Decimal,
    /// Sources nested under this one; their amounts add up to `amount`
    /// unless `partial`.
    pub sources: Vec<Source>,
    /// The nested sources list only part of the amount (其中).
    pub partial: bool,
    /// Where the official table files the amount: `fiscal` (财政资金) or
    /// `other` (其他资金); stated by the sheet or known from the name.
    pub class: SourceClass,
}

/// The two headings of the official table's budget row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceClass {
    /// 财政资金 (财政拨款).
    Fiscal,
    /// 其他资金.
    Other,
}

/// Points for one part of a project's score: a level-1 category
/// (canonical name) or 预算执行率, fixed (`min` = `max`) or a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    pub item: String,
    #[serde(serialize_with = "dec")]
    pub min: Decimal,
    #[serde(serialize_with = "dec")]
    pub max: Decimal,
}

impl Score {
    /// The name of the budget-execution item.
    pub const EXECUTION: &'static str = "预算执行率";
    /// The name of the section of all annual indicators (年度绩效指标 90分).
    pub const ANNUAL: &'static str = "年度绩效指标";

    /// `10分`, `0-20分`.
    pub fn points(&self) -> String {
        if self.min == self.max {
            format!("{}分", self.max)
        } else {
            format!("{}-{}分", self.min, self.max)
        }
    }
}

/// A point of the spending plan: by the end of `month`, `percent` of the budget spent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    /// 1 to 12.
    pub month: u32,
    /// Cumulative percentage.
    #[serde(serialize_with = "dec")]
    pub percent: Decimal,
}

/// 实施期: the period of a multi-year project and its goals over the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The period as written (`2021-2023年`), when the sheet gives it
    /// (some forms print 中期目标 with no years).
    pub text: Option<String>,
    /// 实施期绩效目标, in order.
    pub goals: Vec<String>,
    /// Indicators of the whole period (长期 / 总体), beside the annual ones.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

/// A row of the indicator table (三级指标).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// Canonical level-1 name, e.g. 产出指标 (from the closed vocabulary).
    pub level1: &'static str,
    /// Canonical level-2 name, e.g. 时效指标.
    pub level2: &'static str,
    /// The level-1 spelling the author used (效果, output …).
    pub level1_written: String,
    /// The level-2 spelling the author used.
    pub level2_written: String,
    /// 三级指标名称.
    pub name: String,
    /// 绩效指标描述.
    pub description: Option<String>,
    /// 指标值; `None` for a qualitative indicator whose name is its whole
    /// statement (`生态修复功能提高`), as some tables print it.
    pub target: Option<Target>,
    /// 指标值确定依据.
    pub basis: Option<String>,
    /// 权重.
    #[serde(serialize_with = "opt_dec")]
    pub weight: Option<Decimal>,
    /// 上年实际值.
    pub last_year: Option<Box<Target>>,
    /// 指标解释.
    pub explanation: Option<String>,
    /// 评(扣)分标准.
    pub scoring: Option<String>,
    /// A core indicator (核心指标, ★).
    pub core: bool,
    /// The level of a core mark (★★★ is 3), when the sheet grades them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub core_level: Option<u8>,
    /// The indicator's code in an indicator library (`gx010401`), when the
    /// sheet gives one; otherwise the indicator is known by its name within
    /// its project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Fields a local form adds to the indicator, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// What kind of value a target is; the `kind` of the JSON contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A number in `%`, `‰` or 百分点.
    Percent,
    /// A count (个, 人次, 套 …).
    Count,
    /// Money (元, 万元, 元/亩 …).
    Money,
    /// A duration (天, 个月, 工作日 …).
    Duration,
    /// Another physical measure (平方米, 吨, 公里 …).
    Measure,
    /// A number without a unit.
    Number,
    /// A date or deadline.
    Date,
    /// A period from one date to another.
    Period,
    /// A range of numbers.
    Range,
    /// A qualitative grade (好, 良好, 合格 …).
    Grade,
    /// 是 or 否.
    Boolean,
    /// Free qualitative text.
    Text,
    /// `不适用`: the indicator does not apply.
    NotApplicable,
    /// `待定`: the value is still to be set.
    Pending,
}

impl TargetKind {
    /// A single number with a unit of this kind's dimension.
    pub fn is_quantity(self) -> bool {
        matches!(
            self,
            TargetKind::Percent
                | TargetKind::Count
                | TargetKind::Money
                | TargetKind::Duration
                | TargetKind::Measure
                | TargetKind::Number
        )
    }

    /// The kind of a number in a unit of `dimension`. A compound unit
    /// measures what its numerator measures: 元/人 is money.
    fn of_dimension(dimension: Option<&Dimension>) -> TargetKind {
        let base = match dimension {
            None => return TargetKind::Number,
            Some(Dimension::Per(num, _)) => &**num,
            Some(d) => d,
        };
        match base {
            Dimension::Percent => TargetKind::Percent,
            Dimension::Count => TargetKind::Count,
            Dimension::Money => TargetKind::Money,
            Dimension::Time => TargetKind::Duration,
            _ => TargetKind::Measure,
        }
    }
}

/// A target value (指标值): the comparison, the typed value, and the text as
/// written (spacing normalised as the formatter prints it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// `None` for a plain range, period, grade, yes/no or text; `=` for a
    /// plain quantity or date.
    pub op: Option<Op>,
    /// The typed value.
    pub value: TargetValue,
    /// The target as written.
    pub text: String,
    /// The sheet gives the sign 定性 (`定性 好`).
    pub qualitative: bool,
    /// 定量/定性 as the sheet states it (`nature 定量`), if it does.
    pub nature: Option<Nature>,
    /// 指标方向 as the sheet states it (`direction 反向`), if it does.
    pub direction: Option<Direction>,
}

/// 计算符号, the code list `PMKPIZBXS` of the 一体化 system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Ge,
    Gt,
    Eq,
    Lt,
    Le,
    Qualitative,
}

impl Sign {
    /// The system's code, 1 to 6.
    pub fn code(self) -> u8 {
        match self {
            Sign::Ge => 1,
            Sign::Gt => 2,
            Sign::Eq => 3,
            Sign::Lt => 4,
            Sign::Le => 5,
            Sign::Qualitative => 6,
        }
    }

    /// The system's spelling (full-width, as its code list prints them).
    pub fn symbol(self) -> &'static str {
        match self {
            Sign::Ge => "≥",
            Sign::Gt => "＞",
            Sign::Eq => "＝",
            Sign::Lt => "＜",
            Sign::Le => "≤",
            Sign::Qualitative => "定性",
        }
    }
}

impl Target {
    /// The target as a table prints it: as written, but a quoted part
    /// without the quotes of the source (`定性 "建立长效机制"` prints
    /// 定性 建立长效机制).
    pub fn shown(&self) -> String {
        if !self.text.contains('"') {
            return self.text.clone();
        }
        let mut out = String::with_capacity(self.text.len());
        let mut quoted = false;
        let mut chars = self.text.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => quoted = !quoted,
                '\\' if quoted => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                },
                c => out.push(c),
            }
        }
        out
    }

    /// A target as read, with nothing stated about it beyond its text.
    pub fn new(op: Option<Op>, value: TargetValue, text: String) -> Target {
        Target {
            op,
            value,
            text,
            qualitative: false,
            nature: None,
            direction: None,
        }
    }

    /// The kind of value, as the JSON contract names it.
    pub fn kind(&self) -> TargetKind {
        match &self.value {
            TargetValue::Quantity { dimension, .. } => TargetKind::of_dimension(dimension.as_ref()),
            TargetValue::Range { .. } => TargetKind::Range,
            TargetValue::Date { .. } => TargetKind::Date,
            TargetValue::Period { .. } => TargetKind::Period,
            TargetValue::Grade { .. } => TargetKind::Grade,
            TargetValue::YesNo { .. } => TargetKind::Boolean,
            TargetValue::Text { .. } => TargetKind::Text,
            TargetValue::Marker {
                marker: Marker::NotApplicable,
            } => TargetKind::NotApplicable,
            TargetValue::Marker {
                marker: Marker::Pending,
            } => TargetKind::Pending,
        }
    }

    /// 指标性质 as the 一体化 system files it (计算符号, codes 1–6): the
    /// comparison of a number or date, or 定性 for a grade, yes/no or text
    /// and whenever the sheet says 定性. A range, a period and a marker have
    /// none (no single sign files them).
    pub fn sign(&self) -> Option<Sign> {
        if self.qualitative {
            return Some(Sign::Qualitative);
        }
        match &self.value {
            TargetValue::Quantity { .. } | TargetValue::Date { .. } => Some(match self.op {
                Some(Op::Ge) => Sign::Ge,
                Some(Op::Gt) => Sign::Gt,
                Some(Op::Lt) => Sign::Lt,
                Some(Op::Le) => Sign::Le,
                Some(Op::Eq) | None => Sign::Eq,
            }),
            TargetValue::Grade { .. } | TargetValue::YesNo { .. } | TargetValue::Text { .. } => {
                Some(Sign::Qualitative)
            }
            TargetValue::Range { .. } | TargetValue::Period { .. } | TargetValue::Marker { .. } => {
                None
            }
        }
    }

    /// 定量 or 定性: what the sheet states, else what the value is.
    pub fn nature(&self) -> Option<Nature> {
        if let Some(n) = self.nature {
            return Some(n);
        }
        match (&self.value, self.sign()) {
            (TargetValue::Marker { .. }, _) => None,
            (_, Some(Sign::Qualitative)) => Some(Nature::Qualitative),
            _ => Some(Nature::Quantitative),
        }
    }

    /// 指标方向: what the sheet states, else what the sign implies (≥ ＞
    /// 正向, ≤ ＜ 反向, ＝ 等于); none for 定性, a range or a marker.
    pub fn direction(&self) -> Option<Direction> {
        if self.direction.is_some() {
            return self.direction;
        }
        match self.sign()? {
            Sign::Ge | Sign::Gt => Some(Direction::Positive),
            Sign::Le | Sign::Lt => Some(Direction::Negative),
            Sign::Eq => Some(Direction::Equal),
            Sign::Qualitative => None,
        }
    }

    /// The unit and its dimension, for quantities and ranges (each may be
    /// absent: `≥90` has neither).
    pub fn unit_parts(&self) -> (Option<&str>, Option<&Dimension>) {
        match &self.value {
            TargetValue::Quantity {
                unit, dimension, ..
            }
            | TargetValue::Range {
                unit, dimension, ..
            } => (unit.as_deref(), dimension.as_ref()),
            _ => (None, None),
        }
    }

    /// The unit and its dimension, when the target has a unit.
    pub fn unit(&self) -> Option<(&str, &Dimension)> {
        match self.unit_parts() {
            (Some(u), Some(d)) => Some((u, d)),
            _ => None,
        }
    }
}

/// The JSON contract gives a target as flat strings: `kind`, `op` (`>=` …),
/// `value` (the number, ISO date, grade word, 是/否, text or marker word),
/// `unit`, `dimension`, `min`/`max` (range or period bounds), `text`; and
/// since `jixiao-sheet/2` `sign` (计算符号 as the 一体化 system spells it),
/// `sign_code` (its code, 1–6), `nature` and `direction`.
impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Dec<'a>(&'a Decimal);
        impl Serialize for Dec<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                dec(self.0, s)
            }
        }
        struct Shown<'a, T: std::fmt::Display>(&'a T);
        impl<T: std::fmt::Display> Serialize for Shown<'_, T> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self.0)
            }
        }
        let none = Option::<&str>::None;
        let mut st = s.serialize_struct("Target", 12)?;
        st.serialize_field("kind", &self.kind())?;
        st.serialize_field("op", &self.op.map(|o| o.as_str()))?;
        let (unit, dimension) = self.unit_parts();
        match &self.value {
            TargetValue::Quantity { value, .. } => st.serialize_field("value", &Dec(value))?,
            TargetValue::Date { date } => st.serialize_field("value", &Shown(date))?,
            TargetValue::Grade { grade } => st.serialize_field("value", grade)?,
            TargetValue::YesNo { yes } => {
                st.serialize_field("value", if *yes { "是" } else { "否" })?
            }
            TargetValue::Text { text } => st.serialize_field("value", text)?,
            TargetValue::Marker { marker } => st.serialize_field("value", marker.word())?,
            TargetValue::Range { .. } | TargetValue::Period { .. } => {
                st.serialize_field("value", &none)?
            }
        }
        st.serialize_field("unit", &unit)?;
        st.serialize_field("dimension", &dimension.map(|d| d.name()))?;
        match &self.value {
            TargetValue::Range { min, max, .. } => {
                st.serialize_field("min", &Dec(min))?;
                st.serialize_field("max", &Dec(max))?;
            }
            TargetValue::Period { from, to } => {
                st.serialize_field("min", &Shown(from))?;
                st.serialize_field("max", &Shown(to))?;
            }
            _ => {
                st.serialize_field("min", &none)?;
                st.serialize_field("max", &none)?;
            }
        }
        st.serialize_field("text", &self.text)?;
        let sign = self.sign();
        st.serialize_field("sign", &sign.map(Sign::symbol))?;
        st.serialize_field("sign_code", &sign.map(Sign::code))?;
        st.serialize_field("nature", &self.nature())?;
        st.serialize_field("direction", &self.direction())?;
        st.end()
    }
}

/// A unit the sheet declares (`define-unit 校次 count`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnitDef {
    /// The unit as written (校次).
    pub name: String,
    /// Its dimension: count, money, time, money/count …
    pub dimension: String,
}

/// Sums over the sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Sum of the project budgets, in the sheet's unit.
    #[serde(serialize_with = "dec")]
    pub budget: Decimal,
    /// How many projects.
    pub projects: usize,
    /// Indicators of all projects plus the body-level ones.
    pub indicators: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_print_on_the_stack_as_to_string_prints_them() {
        let samples = [
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-78_00, 2),
            Decimal::ZERO,
            Decimal::new(555_740_000, 6),
        ];
        for d in samples {
            let json = serde_json::to_string(&Checkpoint {
                month: 3,
                percent: d,
            })
            .unwrap();
            assert_eq!(json, format!("{{\"month\":3,\"percent\":\"{d}\"}}"));
            let mut text = DecimalText::default();
            std::fmt::Write::write_fmt(&mut text, format_args!("{d}")).unwrap();
            assert_eq!(text.as_str(), d.to_string());
        }
    }
}
