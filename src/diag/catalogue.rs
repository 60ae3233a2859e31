//! The catalogue: every diagnostic jixiao emits, its code, its texts in
//! Chinese and English, and the longer explanation `jixiao explain` prints.
//! All user-facing diagnostic text lives in this file.

use super::{Diagnostic, Text};
use crate::source::Span;

fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh, en)
}

/// One entry of `jixiao explain`.
pub struct Entry {
    pub code: &'static str,
    pub title: (&'static str, &'static str),
    pub explain: (&'static str, &'static str),
}

macro_rules! entries {
    ($($code:literal, $tzh:literal, $ten:literal, $ezh:literal, $een:literal;)*) => {
        pub const ENTRIES: &[Entry] = &[$(Entry { code: $code, title: ($tzh, $ten), explain: ($ezh, $een) },)*];
    };
}

entries! {
    "E001", "字符串未结束", "unterminated string",
    "以 \" 开始的字符串必须在同一行内以 \" 结束。长文本请用 \"\"\" … \"\"\" 文本块。",
    "A string that opens with \" must close with \" on the same line. Use a \"\"\" … \"\"\" text block for long text.";
    "E002", "文本块未结束", "unterminated text block",
    "以 \"\"\" 开始的文本块必须以另一个 \"\"\" 结束。",
    "A text block that opens with \"\"\" must close with another \"\"\".";
    "E003", "花括号未闭合", "unclosed block",
    "每个 { 都要有对应的 }。检查块的最后一行是否漏写了 }。",
    "Every { needs a matching }. Check whether the block's last line lacks its }.";
    "E004", "多余的 }", "unexpected `}`",
    "这个 } 没有对应的 {。删除它，或在前面的语句末尾补上 {。",
    "This } closes no block. Remove it, or add the { its statement is missing.";
    "E005", "块前没有语句", "block without a statement",
    "{ 必须与它所属的语句写在同一行，例如 `project \"编码\" \"名称\" {`。",
    "A { must stand on the same line as its statement, as in `project \"code\" \"name\" {`.";
    "E006", "中文引号用作字符串定界符", "Chinese quotes used as string delimiters",
    "字符串用英文双引号 \"…\" 括起来；中文引号 “ ” 可以写在字符串里面，作为普通文字。",
    "Strings are delimited by ASCII double quotes \"…\"; Chinese quotes “ ” may appear inside a string as ordinary text.";
    "E007", "此处应为半角标点", "full-width punctuation where ASCII is expected",
    "语法符号须用半角：逗号 , 分号 ; 花括号 { } 小数点 . 。全角符号（，；｛｝：。）只能出现在字符串里。",
    "Syntax uses ASCII punctuation: comma , semicolon ; braces { } dot . — full-width forms (，；｛｝：。) belong inside strings only.";
    "E008", "无效的转义", "invalid escape",
    "字符串中可用的转义只有 \\\" \\\\ \\n \\t。要写反斜杠本身，请写 \\\\。",
    "The only escapes in a string are \\\" \\\\ \\n \\t. Write \\\\ for a backslash.";
    "E009", "文件不是 UTF-8 编码", "file is not UTF-8",
    "jixiao 读取 UTF-8 文件（可带 BOM）。GB18030/GBK 文件可以用 --encoding gb18030 读取，或先转换：iconv -f GB18030 -t UTF-8。",
    "jixiao reads UTF-8 (with or without BOM). Read GB18030/GBK files with --encoding gb18030, or convert them: iconv -f GB18030 -t UTF-8.";
    "E010", "超出限制", "limit exceeded",
    "为防止异常输入耗尽资源，jixiao 限制文件大小与块的嵌套深度。正常的绩效目标表远在限制以内。",
    "To keep malformed input from exhausting resources, jixiao limits file size and block nesting depth. Real sheets are far below the limits.";
    "E011", "内部解析错误", "internal parse failure",
    "解析器遇到了不应出现的状态。请报告此问题并附上文件。",
    "The parser reached a state that should not happen. Please report it with the file.";
    "E012", "文字中有控制字符", "control character in text",
    "NUL、ESC 等控制字符不能出现在表中（Word 文档和 XML 都不允许），通常是从别处复制时带入的。删除它即可。",
    "Control characters such as NUL or ESC cannot appear in a sheet (Word documents and XML forbid them); they usually come from copy and paste. Delete it.";
    "E101", "未知的关键字", "unknown keyword",
    "每条语句以关键字开头（英文或中文写法均可），见 README 的语言说明。",
    "Every statement starts with a keyword, in English or Chinese; see the language tour in the README.";
    "E102", "语句位置不对", "statement not allowed here",
    "每种语句只能出现在特定位置：project 与 department 在顶层，goal 在 project 内，desc 在 indicator 内，等等。",
    "Each statement has its place: project and department at the top level, goal inside a project, desc inside an indicator, and so on.";
    "E103", "缺少参数", "missing argument",
    "这条语句需要更多参数，例如 project 需要编码和名称两个字符串。",
    "The statement needs more arguments; project, for example, takes a code and a name, both strings.";
    "E104", "多余的参数", "unexpected argument",
    "这条语句的参数比预期多。文字中含空格时请放进引号里。",
    "The statement has more arguments than it takes. Put text containing spaces in quotes.";
    "E105", "参数类型不对", "wrong kind of argument",
    "编码、名称和文字须加引号；金额、年度和权重是数字。",
    "Codes, names and texts go in quotes; amounts, years and weights are numbers.";
    "E106", "语句重复", "statement given twice",
    "这条语句在同一块内只能出现一次。",
    "This statement may appear only once in its block.";
    "E107", "缺少必需的语句", "required statement missing",
    "表必须有 department 块（含 year 和 unit），每个项目必须有 budget。",
    "A sheet needs a department block (with year and unit), and every project needs a budget.";
    "E108", "块的用法不对", "block not expected",
    "这条语句不带 { } 块。",
    "This statement takes no { } block.";
    "E201", "无效的数字", "invalid number",
    "数字用半角阿拉伯数字和小数点书写，例如 78.00，不带千位分隔符和单位。",
    "Numbers are written with ASCII digits and a dot, as 78.00, without thousands separators or units.";
    "E202", "无效的年度", "invalid year",
    "年度是四位数，例如 2020。",
    "The year is four digits, such as 2020.";
    "E203", "未知的金额单位", "unknown money unit",
    "金额单位只能是 万元 或 元，表中所有金额都以此为单位。",
    "The money unit is 万元 or 元; every amount of the sheet is in this unit.";
    "E204", "未知的指标体系", "unknown framework",
    "指标体系为 2015（财预〔2015〕88号：产出、效益、满意度）或 2021（财预〔2021〕101号：另有一级指标 成本指标）。",
    "The framework is 2015 (财预〔2015〕88号: output, benefit, satisfaction) or 2021 (财预〔2021〕101号, which adds level-1 成本指标).";
    "E205", "金额为负", "negative amount",
    "预算金额不能为负数。",
    "Budget amounts cannot be negative.";
    "E206", "金额小数位过多", "amount too precise",
    "以万元为单位时金额最多 6 位小数（即精确到分），以元为单位时最多 2 位。",
    "In 万元 an amount has at most 6 decimals (one fen); in 元, at most 2.";
    "E207", "未知的量纲", "unknown dimension",
    "define-unit 的量纲可为 percent count money time length area mass volume energy score（或 百分比 数量 金额 时间 长度 面积 重量 体积 能量 分值），复合单位写作 分子/分母，如 money/count（元/人年）。",
    "The dimension of define-unit is one of percent count money time length area mass volume energy score (or 百分比 数量 金额 时间 长度 面积 重量 体积 能量 分值); a compound unit takes NUM/DEN, as money/count for 元/人年.";
    "E208", "单位已有定义", "unit already defined",
    "define-unit 只能声明新的单位：内置单位（%、万元、个……）不能重新定义，同一单位也不能声明两次。",
    "define-unit declares new units only: built-in units (%, 万元, 个 …) cannot be redefined, and a unit cannot be declared twice.";
    "E301", "资金来源合计与预算数不符", "fund sources do not add up to the total",
    "预算数必须等于各资金来源之和，下级来源之和必须等于上级来源，按十进制精确计算。",
    "The total must equal the sum of its fund sources, and nested sources their parent, in exact decimal arithmetic.";
    "E302", "项目编码重复", "duplicate project code",
    "同一张表内项目编码必须唯一。",
    "Project codes must be unique within a sheet.";
    "E303", "资金来源重复", "duplicate fund source",
    "同一层级内同名的资金来源只能出现一次。",
    "A fund source name may appear once per level.";
    "W304", "资金来源名称可能拼错", "fund source name looks misspelt",
    "名称与一个常用资金来源名称只差一两个字。如果确实是另一种来源，可以忽略此警告。",
    "The name is one or two characters away from a usual fund source. If it really is another source, ignore this warning.";
    "E401", "月份超出范围", "month out of range",
    "支出计划的月份为 1 到 12，写作 3月 或 3月底。",
    "Spending plan months run from 1 to 12, written 3月 or 3月底.";
    "E402", "月份顺序不对", "months out of order",
    "支出计划的节点按月份递增排列，每个月份只写一次。",
    "Spending plan checkpoints go in increasing month order, each month once.";
    "E403", "支出计划递减", "spending plan decreases",
    "资金支出计划是累计百分比，后一个节点不能低于前一个。",
    "The spending plan is cumulative: a checkpoint cannot be lower than the one before it.";
    "E404", "支出比例超出 0–100%", "plan percentage out of 0–100",
    "累计支出比例在 0% 到 100% 之间。",
    "A cumulative spending percentage lies between 0% and 100%.";
    "W405", "支出计划年底未达 100%", "spending plan ends below 100%",
    "最后一个节点低于 100%，意味着部分资金年内不支出。如确有结转，可以忽略。",
    "The last checkpoint is below 100%: part of the money would not be spent this year. Ignore it if a carry-over is intended.";
    "E406", "支出计划写法不对", "malformed spending plan",
    "支出计划写作：plan 3月 25%, 6月 50%, 10月 75%, 12月 100%（月份 百分比，逗号分隔）。",
    "A spending plan reads: plan 3月 25%, 6月 50%, 10月 75%, 12月 100% (month percent, separated by commas).";
    "E501", "未知的一级指标", "unknown level-1 category",
    "一级指标为 产出指标、效益指标（效果指标）、满意度指标，2021 体系另有 成本指标。写作 一级.二级，如 产出.时效。",
    "Level-1 categories are 产出指标, 效益指标 (效果指标), 满意度指标, and in 2021 also 成本指标. Write LEVEL1.LEVEL2, as 产出.时效.";
    "E502", "未知的二级指标", "unknown level-2 category",
    "二级指标须属于所在一级指标，例如 产出指标 下为 数量、质量、时效（2015 另有 成本）。",
    "A level-2 category must belong to its level 1: under 产出指标, 数量, 质量, 时效 (and 成本 in 2015).";
    "E503", "二级指标不属于该一级指标", "level-2 category under the wrong level 1",
    "这个二级指标存在，但属于另一个一级指标。",
    "The level-2 category exists, but belongs to another level 1.";
    "E504", "指标类别不属于本表的指标体系", "category not in the sheet's framework",
    "2015 体系没有一级 成本指标；2021 体系中 成本 是一级指标，不再是 产出 下的二级指标。请改类别或改 framework。",
    "The 2015 framework has no level-1 成本指标; in 2021, cost is level 1, no longer under output. Change the category or the framework.";
    "E505", "指标重复", "duplicate indicator",
    "同一项目内指标名称不能重复。",
    "Indicator names must be unique within a project.";
    "W506", "项目缺少某类一级指标", "project lacks a level-1 category",
    "每个项目通常应有产出、效益和满意度指标（2021 体系还有成本指标）。",
    "A project is expected to have output, benefit and satisfaction indicators (and cost indicators in 2021).";
    "W507", "权重合计不对", "weights do not add up",
    "给出权重时，一个项目的指标权重合计应为 100（或 90，另 10 分为预算执行率），并且每个指标都应有权重。",
    "When weights are given, a project's indicator weights add up to 100 (or 90, with 10 for budget execution), and every indicator has one.";
    "E508", "指标类别写法不对", "malformed category",
    "类别写作 一级.二级，中间用半角句点，例如 产出.时效 或 满意度.服务对象满意度。",
    "A category reads LEVEL1.LEVEL2 with an ASCII dot, as 产出.时效 or 满意度.服务对象满意度.";
    "W509", "满意度指标的对象与本项目无关", "satisfaction indicator about someone unrelated to the project",
    "指标名称中的服务对象在项目的其他内容里都没有出现，可能是从别的模板复制而来（如车辆项目里的“参培住院医师满意度”）。",
    "The service object named by the indicator appears nowhere else in the project; it may have been copied from another template (such as 参培住院医师满意度 in a vehicle project).";
    "E601", "指标值书写混乱", "garbled target",
    "指标值像是两种写法拼在了一起，例如 ≥9090%及以上 是 ≥90% 与 90%及以上 的合并。请只写一种。",
    "The target looks like two spellings merged, as ≥9090%及以上 from ≥90% and 90%及以上. Write one.";
    "E602", "指标值是模板占位符", "placeholder target",
    "指标值仍是模板占位（如 ≥**%、XX%），请填写实际目标值。",
    "The target is still a template placeholder (such as ≥**% or XX%); write the actual target.";
    "E603", "未知的计量单位", "unknown unit",
    "单位不在内置单位表中。可以改正拼写，或在表中声明：define-unit 校次 count。",
    "The unit is not in the built-in table. Fix the spelling, or declare it in the sheet: define-unit 校次 count.";
    "E604", "满意度超过 100%", "satisfaction above 100%",
    "满意度是比例，不能超过 100%。",
    "Satisfaction is a share and cannot exceed 100%.";
    "W605", "比率超过 100%", "rate above 100%",
    "以“率”结尾的指标一般不超过 100%。增长率等可以超过的，可忽略此警告。",
    "Indicators named …率 (a rate) rarely exceed 100%. Ignore this for growth rates and the like.";
    "W606", "指标值类型与类别不符", "target type does not fit the category",
    "数量指标的目标应是数量（个、次、项…），成本指标的目标应是金额。百分比常是误填。",
    "A quantity indicator's target is a count (个, 次, 项 …), a cost indicator's a sum of money; a percentage is usually a mistake.";
    "E607", "缺少指标值", "missing target",
    "每个指标都要有指标值，写在名称之后：indicator 产出.时效 \"到位率\" ≥90%。比较符号后面要有数值。",
    "Every indicator has a target after its name: indicator 产出.时效 \"到位率\" ≥90%. A comparison needs a value after it.";
    "E608", "指标值中的数字无效", "invalid number in target",
    "数字过长或写法不对。",
    "The number is too long or malformed.";
    "E609", "无效的日期", "invalid date",
    "日期不存在，例如 2020-02-30 或 13 月。",
    "The date does not exist, such as 2020-02-30 or month 13.";
    "W611", "日期早于本表年度", "date before the sheet's year",
    "指标值中的日期早于表的年度，常见于照抄上年的表而忘记改日期。",
    "A date in a target lies before the sheet's year; this usually comes from copying last year's sheet without updating its dates.";
    "E610", "区间上下限颠倒", "range bounds reversed",
    "区间写作 下限-上限，例如 90%-95%。",
    "A range reads LOW-HIGH, as 90%-95%.";
}

pub fn entry(code: &str) -> Option<&'static Entry> {
    let code = code.trim().to_ascii_uppercase();
    ENTRIES.iter().find(|e| e.code == code)
}

fn diag(code: &'static str, span: Span, message: Text) -> Diagnostic {
    Diagnostic::new(code, span, message)
}

// ---- syntax -------------------------------------------------------------

pub fn unterminated_string(span: Span) -> Diagnostic {
    diag("E001", span, t("字符串未结束", "unterminated string"))
        .label(t("这里缺少结尾的 \"", "the closing \" is missing"))
        .help(t(
            "在行末补上 \"；跨行的长文本请用 \"\"\" … \"\"\"",
            "add the closing \" on this line; use \"\"\" … \"\"\" for text over several lines",
        ))
}

pub fn unterminated_text(open: Span) -> Diagnostic {
    diag("E002", open, t("文本块未结束", "unterminated text block"))
        .label(t(
            "文本块从这里开始，直到文件末尾也没有结束",
            "opened here and never closed",
        ))
        .help(t(
            "在文本末尾另起一行写 \"\"\"",
            "close it with \"\"\" after the text",
        ))
}

pub fn unclosed_block(open: Span, owner: Option<Span>) -> Diagnostic {
    let mut d = diag("E003", open, t("{ 没有对应的 }", "this { is never closed"))
        .label(t("块从这里开始", "block opened here"))
        .help(t("在块的最后补上 }", "add } at the end of the block"));
    if let Some(o) = owner {
        d = d.secondary(o, t("所属的语句", "the statement it belongs to"));
    }
    d
}

/// A block whose `}` is missing before `next`, a statement indented like
/// the block's own statement.
pub fn unclosed_before(open: Span, next: Span) -> Diagnostic {
    diag("E003", open, t("{ 没有对应的 }", "this { is never closed"))
        .label(t("块从这里开始", "block opened here"))
        .secondary(
            next,
            t(
                "按缩进，这一行已在块外：} 应在它之前",
                "by its indentation this line is outside the block: the } belongs before it",
            ),
        )
        .help(t("在这一行之前补上 }", "add } before that line"))
}

pub fn stray_close(span: Span) -> Diagnostic {
    diag("E004", span, t("多余的 }", "unexpected `}`"))
        .label(t("没有可以关闭的块", "no block to close here"))
        .help(t(
            "删除这个 }，或检查前面是否少写了 {",
            "remove it, or look for a missing { before it",
        ))
}

/// A `}` that closes its block before statements indented as inside it.
pub fn early_close(span: Span) -> Diagnostic {
    diag("E004", span, t("多余的 }", "unexpected `}`"))
        .label(t(
            "它使块提前结束，后面缩进的语句仍属于这个块",
            "it ends the block before the indented statements that follow",
        ))
        .help(t(
            "删除这个 }；或者它对应的 { 漏写了，应补在上面某条语句（如 budget）的末尾",
            "remove it; or its { is missing at the end of a statement above (such as budget)",
        ))
}

pub fn orphan_block(span: Span) -> Diagnostic {
    diag(
        "E005",
        span,
        t("块前面没有语句", "block without a statement"),
    )
    .label(t("这个 { 不属于任何语句", "this { belongs to no statement"))
    .help(t(
        "把 { 移到它所属语句的同一行末尾",
        "move the { to the end of its statement's line",
    ))
}

pub fn chinese_quotes(span: Span, inner: &str) -> Diagnostic {
    diag(
        "E006",
        span,
        t(
            "中文引号不能用作字符串的定界符",
            "Chinese quotes cannot delimit a string",
        ),
    )
    .label(t("这里应为英文双引号 \"", "an ASCII \" is expected here"))
    .help(t(
        format!("改写为 \"{inner}\"；中文引号可以留在字符串里面"),
        format!("write \"{inner}\"; Chinese quotes may stay inside the string"),
    ))
}

pub fn full_width(span: Span, found: char, ascii: char) -> Diagnostic {
    diag(
        "E007",
        span,
        t(
            format!("这里应为半角的 `{ascii}`，而不是全角的 `{found}`"),
            format!("expected ASCII `{ascii}`, found full-width `{found}`"),
        ),
    )
    .label(t(
        format!("全角 `{found}`"),
        format!("full-width `{found}`"),
    ))
    .help(t(
        format!("改为 `{ascii}`"),
        format!("replace it with `{ascii}`"),
    ))
}

pub fn colon_after_keyword(span: Span) -> Diagnostic {
    diag(
        "E007",
        span,
        t(
            "关键字与值之间应为空格，而不是全角冒号 `：`",
            "a keyword and its value are separated by a space, not a full-width `：`",
        ),
    )
    .label(t("全角冒号", "full-width colon"))
    .help(t(
        "删去 `：`，改为空格，例如 year 2020",
        "replace `：` with a space, as in year 2020",
    ))
}

pub fn bad_escape(span: Span, escape: &str) -> Diagnostic {
    diag(
        "E008",
        span,
        t(
            format!("无效的转义 {escape}"),
            format!("invalid escape `{escape}`"),
        ),
    )
    .label(t("无法识别的转义", "unknown escape"))
    .help(t(
        "可用的转义：\\\" \\\\ \\n \\t；反斜杠本身写作 \\\\",
        "valid escapes: \\\" \\\\ \\n \\t; write \\\\ for a backslash",
    ))
}

pub fn not_utf8(gb18030: bool, line: usize) -> Diagnostic {
    let (zh, en) = if gb18030 {
        (
            format!("文件不是 UTF-8 编码（第 {line} 行起），看起来是 GB18030/GBK"),
            format!("the file is not UTF-8 (from line {line}); it looks like GB18030/GBK"),
        )
    } else {
        (
            format!("文件不是 UTF-8 编码（第 {line} 行起）"),
            format!("the file is not UTF-8 (from line {line})"),
        )
    };
    let help = if gb18030 {
        t(
            "用 --encoding gb18030 读取，或转换为 UTF-8：iconv -f GB18030 -t UTF-8 旧文件 > 新文件",
            "read it with --encoding gb18030, or convert it: iconv -f GB18030 -t UTF-8 old > new",
        )
    } else {
        t("请以 UTF-8 编码保存文件", "save the file as UTF-8")
    };
    diag("E009", Span::new(0, 0), t(zh, en)).help(help)
}

pub fn not_gb18030() -> Diagnostic {
    diag(
        "E009",
        Span::new(0, 0),
        t(
            "文件不是有效的 GB18030 编码",
            "the file is not valid GB18030",
        ),
    )
    .help(t(
        "去掉 --encoding gb18030 按 UTF-8 读取",
        "drop --encoding gb18030 to read it as UTF-8",
    ))
}

pub fn utf16() -> Diagnostic {
    diag(
        "E009",
        Span::new(0, 0),
        t("文件是 UTF-16 编码", "the file is UTF-16"),
    )
    .help(t("请另存为 UTF-8", "save it as UTF-8"))
}

pub fn input_too_large(len: usize, max: usize) -> Diagnostic {
    diag(
        "E010",
        Span::new(0, 0),
        t(
            format!("文件过大（{len} 字节，上限 {max}）"),
            format!("file too large ({len} bytes, limit {max})"),
        ),
    )
}

pub fn nesting_too_deep(span: Span, max: usize) -> Diagnostic {
    diag(
        "E010",
        span,
        t(
            format!("块嵌套过深（上限 {max} 层）"),
            format!("blocks nested too deeply (limit {max})"),
        ),
    )
    .label(t("超过上限的块", "this block is past the limit"))
}

pub fn number_too_long(span: Span, max: usize) -> Diagnostic {
    diag(
        "E010",
        span,
        t(
            format!("数字过长（上限 {max} 个字符）"),
            format!("number too long (limit {max} characters)"),
        ),
    )
    .label(t("过长的数字", "this number"))
}

pub fn control_char(span: Span, c: char) -> Diagnostic {
    let code = format!("U+{:04X}", c as u32);
    diag(
        "E012",
        span,
        t(
            format!("文字中有控制字符 {code}"),
            format!("control character {code} in the text"),
        ),
    )
    .label(t("不可见的控制字符", "invisible control character"))
    .help(t(
        "删除它；Word 文档和 XML 不允许这类字符",
        "delete it; Word documents and XML forbid such characters",
    ))
}

pub fn number_too_large(span: Span, digits: usize) -> Diagnostic {
    diag(
        "E010",
        span,
        t(
            format!("数字过大（整数部分最多 {digits} 位）"),
            format!("number too large (at most {digits} integer digits)"),
        ),
    )
    .label(t("过大的数字", "this number"))
}

pub fn internal_parse_failure(span: Span) -> Diagnostic {
    diag("E011", span, t("内部解析错误", "internal parse failure"))
}

// ---- structure ----------------------------------------------------------

pub fn unknown_keyword(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = diag(
        "E101",
        span,
        t(
            format!("未知的关键字 `{word}`"),
            format!("unknown keyword `{word}`"),
        ),
    )
    .label(t("不是此处可用的关键字", "not a keyword that fits here"));
    match suggestion {
        Some(s) => d.help(t(
            format!("是不是想写 `{s}`？"),
            format!("did you mean `{s}`?"),
        )),
        None => d,
    }
}

pub fn misplaced(
    span: Span,
    kw: &str,
    place_zh: &str,
    place_en: &str,
    belongs: Option<(&str, &str)>,
) -> Diagnostic {
    let d = diag(
        "E102",
        span,
        t(
            format!("`{kw}` 不能写在 {place_zh}"),
            format!("`{kw}` is not allowed {place_en}"),
        ),
    )
    .label(t("位置不对", "misplaced"));
    match belongs {
        Some((zh, en)) => d.help(t(format!("它应写在 {zh}"), format!("it belongs {en}"))),
        None => d,
    }
}

pub fn missing_arg(
    span: Span,
    kw: &str,
    what_zh: &str,
    what_en: &str,
    example: &str,
) -> Diagnostic {
    diag(
        "E103",
        span,
        t(
            format!("`{kw}` 缺少{what_zh}"),
            format!("`{kw}` needs {what_en}"),
        ),
    )
    .label(t(
        format!("这里缺少{what_zh}"),
        format!("{what_en} expected after this"),
    ))
    .help(t(
        format!("例如：{example}"),
        format!("for example: {example}"),
    ))
}

pub fn extra_arg(span: Span, kw: &str, words: bool) -> Diagnostic {
    let d = diag(
        "E104",
        span,
        t(
            format!("`{kw}` 的参数过多"),
            format!("too many arguments for `{kw}`"),
        ),
    )
    .label(t("多余的参数", "unexpected argument"));
    if words {
        d.help(t(
            "含空格的文字请放进引号里",
            "put text containing spaces in quotes",
        ))
    } else {
        d.help(t("删去多余的参数", "remove the extra arguments"))
    }
}

pub fn quote_inside_string(span: Span) -> Diagnostic {
    diag(
        "E104",
        span,
        t(
            "字符串中间的英文双引号把字符串截断了",
            "an ASCII double quote inside the string ends it early",
        ),
    )
    .label(t(
        "这里是几段文字，不是一段",
        "several pieces, not one string",
    ))
    .help(t(
        "字符串里的引号请用中文引号 “ ”，或写作 \\\"",
        "inside a string use Chinese quotes “ ” or write \\\"",
    ))
}

pub fn expected_string(span: Span, what_zh: &str, what_en: &str, raw: &str) -> Diagnostic {
    diag(
        "E105",
        span,
        t(
            format!("{what_zh}应为带引号的字符串"),
            format!("{what_en} must be a quoted string"),
        ),
    )
    .label(t("缺少引号", "not quoted"))
    .help(t(format!("写作 \"{raw}\""), format!("write \"{raw}\"")))
}

pub fn expected_number(span: Span, what_zh: &str, what_en: &str) -> Diagnostic {
    diag(
        "E105",
        span,
        t(
            format!("{what_zh}应为数字"),
            format!("{what_en} must be a number"),
        ),
    )
    .label(t("不是数字", "not a number"))
}

pub fn duplicate_stmt(span: Span, first: Span, kw: &str) -> Diagnostic {
    diag(
        "E106",
        span,
        t(format!("`{kw}` 重复"), format!("`{kw}` given twice")),
    )
    .label(t("第二次", "given again here"))
    .secondary(first, t("第一次在这里", "first given here"))
    .help(t("删除其中一条", "remove one of them"))
}

pub fn missing_stmt(
    span: Span,
    kw: &str,
    place_zh: &str,
    place_en: &str,
    example: &str,
) -> Diagnostic {
    diag(
        "E107",
        span,
        t(
            format!("{place_zh}缺少 `{kw}`"),
            format!("{place_en} lacks `{kw}`"),
        ),
    )
    .label(t(
        format!("此处需要 `{kw}`"),
        format!("`{kw}` required here"),
    ))
    .help(t(format!("添加：{example}"), format!("add: {example}")))
}

pub fn unexpected_block(span: Span, kw: &str) -> Diagnostic {
    diag(
        "E108",
        span,
        t(format!("`{kw}` 不带块"), format!("`{kw}` takes no block")),
    )
    .label(t("多余的块", "unexpected block"))
}

// ---- values -------------------------------------------------------------

pub fn invalid_number(span: Span, raw: &str) -> Diagnostic {
    diag(
        "E201",
        span,
        t(
            format!("无效的数字 `{raw}`"),
            format!("invalid number `{raw}`"),
        ),
    )
    .label(t("不是数字", "not a number"))
    .help(t(
        "用半角数字书写，例如 78.00，不带单位",
        "write ASCII digits, as 78.00, without a unit",
    ))
}

pub fn thousands_separator(span: Span, plain: &str) -> Diagnostic {
    diag(
        "E201",
        span,
        t(
            "数字不使用千位分隔符",
            "numbers take no thousands separators",
        ),
    )
    .label(t("千位分隔符", "thousands separators"))
    .help(t(format!("写作 {plain}"), format!("write {plain}")))
}

pub fn invalid_year(span: Span, raw: &str) -> Diagnostic {
    diag(
        "E202",
        span,
        t(
            format!("无效的年度 `{raw}`"),
            format!("invalid year `{raw}`"),
        ),
    )
    .label(t("应为四位数年度", "a four-digit year is expected"))
    .help(t("例如：year 2020", "for example: year 2020"))
}

pub fn unknown_money_unit(span: Span, raw: &str) -> Diagnostic {
    diag(
        "E203",
        span,
        t(
            format!("未知的金额单位 `{raw}`"),
            format!("unknown money unit `{raw}`"),
        ),
    )
    .label(t("应为 万元 或 元", "万元 or 元 expected"))
    .help(t("写作 unit 万元 或 unit 元", "write unit 万元 or unit 元"))
}

pub fn unknown_framework(span: Span, raw: &str) -> Diagnostic {
    diag(
        "E204",
        span,
        t(
            format!("未知的指标体系 `{raw}`"),
            format!("unknown framework `{raw}`"),
        ),
    )
    .label(t("应为 2015 或 2021", "2015 or 2021 expected"))
}

pub fn negative_amount(span: Span) -> Diagnostic {
    diag(
        "E205",
        span,
        t("金额不能为负", "an amount cannot be negative"),
    )
    .label(t("负数", "negative"))
}

pub fn too_precise(span: Span, unit: &str, max: u32) -> Diagnostic {
    diag(
        "E206",
        span,
        t(
            format!("以{unit}为单位的金额最多 {max} 位小数"),
            format!("amounts in {unit} have at most {max} decimals"),
        ),
    )
    .label(t("小数位过多", "too many decimals"))
    .help(t(
        "万元金额精确到分是 6 位小数（0.000001 万元 = 0.01 元）；元金额精确到分是 2 位",
        "an amount in 万元 is exact to the fen at 6 decimals (0.000001 万元 = 0.01 元); in 元, at 2",
    ))
}

pub fn unknown_dimension(span: Span, raw: &str) -> Diagnostic {
    diag(
        "E207",
        span,
        t(
            format!("未知的量纲 `{raw}`"),
            format!("unknown dimension `{raw}`"),
        ),
    )
    .label(t("无法识别", "not recognised"))
    .help(t(
        "可用：percent count money time length area mass volume energy score，或 分子/分母 如 money/count",
        "one of: percent count money time length area mass volume energy score, or NUM/DEN as money/count",
    ))
}

pub fn unit_redefined(span: Span, name: &str, first: Option<Span>) -> Diagnostic {
    let d = diag(
        "E208",
        span,
        t(
            format!("单位 `{name}` 已有定义"),
            format!("unit `{name}` is already defined"),
        ),
    );
    match first {
        Some(f) => d
            .label(t("再次声明", "declared again"))
            .secondary(f, t("首次声明", "first declared here"))
            .help(t("删除重复的声明", "remove the repeated declaration")),
        None => d.label(t("内置单位", "a built-in unit")).help(t(
            "内置单位不能重新定义；直接使用即可",
            "built-in units cannot be redefined; use it as it is",
        )),
    }
}

// ---- budget -------------------------------------------------------------

pub fn sources_mismatch(
    total_span: Span,
    total: &str,
    sum: &str,
    diff: &str,
    children: &[(Span, String)],
) -> Diagnostic {
    let mut d = diag(
        "E301",
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

pub fn duplicate_code(span: Span, first: Span, code: &str) -> Diagnostic {
    diag(
        "E302",
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

pub fn duplicate_source(span: Span, first: Span, name: &str) -> Diagnostic {
    diag(
        "E303",
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

pub fn source_misspelt(span: Span, name: &str, known: &str) -> Diagnostic {
    diag(
        "W304",
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
}

// ---- plan -----------------------------------------------------------------

pub fn month_out_of_range(span: Span, month: &str) -> Diagnostic {
    diag(
        "E401",
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
        "E402",
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
        "E403",
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
        "E404",
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
        "W405",
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
        "E406",
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

// ---- categories and indicators -------------------------------------------

pub fn unknown_level1(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = diag(
        "E501",
        span,
        t(
            format!("未知的一级指标 `{word}`"),
            format!("unknown level-1 category `{word}`"),
        ),
    )
    .label(t("不是一级指标", "not a level-1 category"));
    match suggestion {
        Some(s) => d.help(t(format!("是不是 `{s}`？"), format!("did you mean `{s}`?"))),
        None => d.help(t(
            "一级指标：产出、效益（效果）、满意度，2021 体系另有 成本",
            "level-1 categories: 产出, 效益 (效果), 满意度, and 成本 in 2021",
        )),
    }
}

pub fn unknown_level2(
    span: Span,
    word: &str,
    level1: &str,
    suggestion: Option<&str>,
) -> Diagnostic {
    let d = diag(
        "E502",
        span,
        t(
            format!("{level1}下没有二级指标 `{word}`"),
            format!("{level1} has no level-2 category `{word}`"),
        ),
    )
    .label(t("未知的二级指标", "unknown level-2 category"));
    match suggestion {
        Some(s) => d.help(t(format!("是不是 `{s}`？"), format!("did you mean `{s}`?"))),
        None => d,
    }
}

pub fn wrong_parent(span: Span, word: &str, level1: &str, parent: &str, fix: &str) -> Diagnostic {
    diag(
        "E503",
        span,
        t(
            format!("二级指标 `{word}` 不属于 {level1}，而属于 {parent}"),
            format!("level-2 category `{word}` belongs to {parent}, not {level1}"),
        ),
    )
    .label(t(format!("属于 {parent}"), format!("belongs to {parent}")))
    .help(t(format!("写作 {fix}"), format!("write {fix}")))
}

pub fn not_in_framework(
    span: Span,
    category: &str,
    framework: &str,
    help_zh: &str,
    help_en: &str,
) -> Diagnostic {
    diag(
        "E504",
        span,
        t(
            format!("{category} 不属于 {framework} 指标体系"),
            format!("{category} is not part of the {framework} framework"),
        ),
    )
    .label(t(
        format!("本表使用 {framework} 体系"),
        format!("this sheet uses the {framework} framework"),
    ))
    .help(t(help_zh, help_en))
}

pub fn duplicate_indicator(span: Span, first: Span, name: &str) -> Diagnostic {
    diag(
        "E505",
        span,
        t(
            format!("指标 {name} 在本项目中重复"),
            format!("indicator {name} appears twice in this project"),
        ),
    )
    .label(t("重复的指标", "repeated here"))
    .secondary(first, t("首次出现", "first given here"))
}

pub fn missing_category(span: Span, code: &str, missing: &[&str]) -> Diagnostic {
    let list = missing.join("、");
    let list_en = missing.join(", ");
    diag(
        "W506",
        span,
        t(
            format!("项目 {code} 没有{list}"),
            format!("project {code} has no {list_en}"),
        ),
    )
    .label(t("缺少这类指标的项目", "project lacking these indicators"))
    .help(t(
        format!("为项目添加{list}"),
        format!("add {list_en} to the project"),
    ))
}

pub fn weights_sum(span: Span, sum: &str) -> Diagnostic {
    diag(
        "W507",
        span,
        t(
            format!("指标权重合计为 {sum}，应为 100 或 90"),
            format!("indicator weights add up to {sum}, not 100 or 90"),
        ),
    )
    .label(t("此项目", "this project"))
    .help(t(
        "调整各指标的权重，使合计为 100（或 90，另 10 分留给预算执行率）",
        "adjust the weights to add up to 100 (or 90, leaving 10 for budget execution)",
    ))
}

pub fn weights_partial(span: Span, missing: usize) -> Diagnostic {
    diag(
        "W507",
        span,
        t(
            format!("有 {missing} 个指标没有权重"),
            if missing == 1 {
                "1 indicator has no weight".to_string()
            } else {
                format!("{missing} indicators have no weight")
            },
        ),
    )
    .label(t("此指标缺少权重", "this indicator has no weight"))
    .help(t(
        "要么都写权重，要么都不写",
        "give every indicator a weight, or none",
    ))
}

pub fn malformed_category(span: Span, raw: &str) -> Diagnostic {
    diag(
        "E508",
        span,
        t(
            format!("指标类别 `{raw}` 写法不对"),
            format!("malformed category `{raw}`"),
        ),
    )
    .label(t("应为 一级.二级", "LEVEL1.LEVEL2 expected"))
    .help(t(
        "例如：indicator 产出.时效 \"到位率\" ≥90%",
        "for example: indicator 产出.时效 \"到位率\" ≥90%",
    ))
}

pub fn unrelated_subject(span: Span, subject: &str) -> Diagnostic {
    diag(
        "W509",
        span,
        t(
            format!("满意度指标的对象“{subject}”在本项目其他内容中没有出现"),
            format!("the satisfaction indicator's subject “{subject}” appears nowhere else in this project"),
        ),
    )
    .label(t("可能是从其他模板复制的", "possibly copied from another template"))
    .help(t("确认指标的服务对象是本项目的服务对象", "check that it names this project's service object"))
}

// ---- targets ----------------------------------------------------------------

pub fn garbled_target(span: Span, written: &str, intended: &str) -> Diagnostic {
    diag(
        "E601",
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
}

pub fn placeholder_target(span: Span, written: &str) -> Diagnostic {
    diag(
        "E602",
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

/// `dimension` is the likely dimension for a declaration (`money/count` for
/// 元/人年), used in the help.
pub fn unknown_unit(
    span: Span,
    unit: &str,
    suggestion: Option<&str>,
    dimension: &str,
) -> Diagnostic {
    let d = diag(
        "E603",
        span,
        t(
            format!("未知的计量单位 `{unit}`"),
            format!("unknown unit `{unit}`"),
        ),
    )
    .label(t("不在单位表中", "not in the unit table"));
    match suggestion {
        Some(s) => d.help(t(
            format!("是不是 `{s}`？如确为新单位，可声明：define-unit {unit} {dimension}"),
            format!(
                "did you mean `{s}`? For a new unit, declare it: define-unit {unit} {dimension}"
            ),
        )),
        None => d.help(t(
            format!("如确为新单位，可在表中声明：define-unit {unit} {dimension}"),
            format!("declare a new unit in the sheet: define-unit {unit} {dimension}"),
        )),
    }
}

pub fn satisfaction_over_100(span: Span, value: &str) -> Diagnostic {
    diag(
        "E604",
        span,
        t(
            format!("满意度目标 {value}% 超过 100%"),
            format!("satisfaction target {value}% exceeds 100%"),
        ),
    )
    .label(t("不可能超过 100%", "cannot exceed 100%"))
    .help(t(
        "满意度通常写作 ≥80% 或 ≥90%",
        "satisfaction targets usually read ≥80% or ≥90%",
    ))
}

pub fn rate_over_100(span: Span, value: &str) -> Diagnostic {
    diag(
        "W605",
        span,
        t(
            format!("比率目标 {value}% 超过 100%"),
            format!("rate target {value}% exceeds 100%"),
        ),
    )
    .label(t("超过 100%", "above 100%"))
}

pub fn quantity_with_percent(span: Span) -> Diagnostic {
    diag(
        "W606",
        span,
        t("数量指标的目标值是百分比", "a quantity indicator (数量指标) has a percentage target"),
    )
    .label(t("百分比", "a percentage"))
    .help(t(
        "数量指标应写数量，如 =201辆；比例更适合质量指标或时效指标",
        "a quantity indicator takes a count, as =201辆; a share fits a quality or timeliness indicator",
    ))
}

pub fn cost_without_money(span: Span) -> Diagnostic {
    diag(
        "W606",
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
    diag("E607", span, t("指标缺少指标值", "indicator has no target"))
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
        "E607",
        span,
        t("比较符号后缺少数值", "comparison without a value"),
    )
    .label(t("这里缺少数值", "a value is expected here"))
    .help(t("例如 ≥90%", "for example ≥90%"))
}

pub fn bad_target_number(span: Span) -> Diagnostic {
    diag(
        "E608",
        span,
        t("指标值中的数字无效", "invalid number in target"),
    )
    .label(t("无效的数字", "invalid number"))
}

pub fn bad_date(span: Span) -> Diagnostic {
    diag("E609", span, t("日期不存在", "no such date")).label(t("无效的日期", "invalid date"))
}

pub fn date_before_year(span: Span, iso: &str, year: i32) -> Diagnostic {
    diag(
        "W611",
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
        "E610",
        span,
        t("区间的下限大于上限", "range bounds are reversed"),
    )
    .label(t("下限大于上限", "low bound above high bound"))
    .help(t(
        "写作 下限-上限，例如 90%-95%",
        "write LOW-HIGH, as 90%-95%",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for e in ENTRIES {
            assert!(seen.insert(e.code), "duplicate {}", e.code);
            assert!(e.code.len() == 4 && (e.code.starts_with('E') || e.code.starts_with('W')));
            assert!(!e.explain.0.is_empty() && !e.explain.1.is_empty());
        }
        assert!(entry("e301").is_some());
    }
}
