//! Syntax (E0xx): strings, text blocks, braces, punctuation, escapes, encodings, limits, control characters.

use super::common::{diag, entries, spans_exactly, t};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

entries! {
    E001, "字符串未结束", "unterminated string",
    "以 \" 开始的字符串必须在同一行内以 \" 结束。长文本请用 \"\"\" … \"\"\" 文本块。",
    "A string that opens with \" must close with \" on the same line. Use a \"\"\" … \"\"\" text block for long text.";
    E002, "文本块未结束", "unterminated text block",
    "以 \"\"\" 开始的文本块必须以另一个 \"\"\" 结束。",
    "A text block that opens with \"\"\" must close with another \"\"\".";
    E003, "花括号未闭合", "unclosed block",
    "每个 { 都要有对应的 }。检查块的最后一行是否漏写了 }。",
    "Every { needs a matching }. Check whether the block's last line lacks its }.";
    E004, "多余的 }", "unexpected `}`",
    "这个 } 没有对应的 {。删除它，或在前面的语句末尾补上 {。",
    "This } closes no block. Remove it, or add the { its statement is missing.";
    E005, "块前没有语句", "block without a statement",
    "{ 必须与它所属的语句写在同一行，例如 `project \"编码\" \"名称\" {`。",
    "A { must stand on the same line as its statement, as in `project \"code\" \"name\" {`.";
    E006, "中文引号用作字符串定界符", "Chinese quotes used as string delimiters",
    "字符串用英文双引号 \"…\" 括起来；中文引号 “ ” 可以写在字符串里面，作为普通文字。",
    "Strings are delimited by ASCII double quotes \"…\"; Chinese quotes “ ” may appear inside a string as ordinary text.";
    E007, "此处应为半角标点", "full-width punctuation where ASCII is expected",
    "语法符号须用半角：逗号 , 分号 ; 花括号 { } 小数点 . 。全角符号（，；｛｝：。）只能出现在字符串里。",
    "Syntax uses ASCII punctuation: comma , semicolon ; braces { } dot . — full-width forms (，；｛｝：。) belong inside strings only.";
    E008, "无效的转义", "invalid escape",
    "字符串中可用的转义只有 \\\" \\\\ \\n \\t。要写反斜杠本身，请写 \\\\。",
    "The only escapes in a string are \\\" \\\\ \\n \\t. Write \\\\ for a backslash.";
    E009, "文件不是 UTF-8 编码", "file is not UTF-8",
    "jixiao 读取 UTF-8 文件（可带 BOM）。GB18030/GBK 文件可以用 --encoding gb18030 读取，或先转换：iconv -f GB18030 -t UTF-8。",
    "jixiao reads UTF-8 (with or without BOM). Read GB18030/GBK files with --encoding gb18030, or convert them: iconv -f GB18030 -t UTF-8.";
    E010, "超出限制", "limit exceeded",
    "为防止异常输入耗尽资源，jixiao 限制文件大小与块的嵌套深度。正常的绩效目标表远在限制以内。",
    "To keep malformed input from exhausting resources, jixiao limits file size and block nesting depth. Real sheets are far below the limits.";
    E011, "内部解析错误", "internal parse failure",
    "解析器遇到了不应出现的状态。请报告此问题并附上文件。",
    "The parser reached a state that should not happen. Please report it with the file.";
    E012, "文字中有控制字符", "control character in text",
    "NUL、ESC 等控制字符不能出现在表中（Word 文档和 XML 都不允许），通常是从别处复制时带入的。删除它即可。",
    "Control characters such as NUL or ESC cannot appear in a sheet (Word documents and XML forbid them); they usually come from copy and paste. Delete it.";
}

pub fn unterminated_string(span: Span) -> Diagnostic {
    diag(Code::E001, span, t("字符串未结束", "unterminated string"))
        .label(t("这里缺少结尾的 \"", "the closing \" is missing"))
        .help(t(
            "在行末补上 \"；跨行的长文本请用 \"\"\" … \"\"\"",
            "add the closing \" on this line; use \"\"\" … \"\"\" for text over several lines",
        ))
}

pub fn unterminated_text(open: Span) -> Diagnostic {
    diag(
        Code::E002,
        open,
        t("文本块未结束", "unterminated text block"),
    )
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
    let mut d = diag(
        Code::E003,
        open,
        t("{ 没有对应的 }", "this { is never closed"),
    )
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
    diag(
        Code::E003,
        open,
        t("{ 没有对应的 }", "this { is never closed"),
    )
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
    diag(Code::E004, span, t("多余的 }", "unexpected `}`"))
        .label(t("没有可以关闭的块", "no block to close here"))
        .help(t(
            "删除这个 }，或检查前面是否少写了 {",
            "remove it, or look for a missing { before it",
        ))
}

/// A `}` that closes its block before statements indented as inside it.
pub fn early_close(span: Span) -> Diagnostic {
    diag(Code::E004, span, t("多余的 }", "unexpected `}`"))
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
        Code::E005,
        span,
        t("块前面没有语句", "block without a statement"),
    )
    .label(t("这个 { 不属于任何语句", "this { belongs to no statement"))
    .help(t(
        "把 { 移到它所属语句的同一行末尾",
        "move the { to the end of its statement's line",
    ))
}

/// `span` is the opening Chinese quote, `inner` the text up to the closing
/// one. No fix: where the quoted text ends (which closing quotes, if any,
/// the phase dropped from `inner`) is not known here.
/// `span` is the opening quote; `whole` the quoted text up to its closing
/// quote, which the fix rewrites as a string.
pub fn chinese_quotes(span: Span, whole: Span, inner: &str) -> Diagnostic {
    let quoted = format!("\"{}\"", inner.replace('\\', "\\\\").replace('"', "\\\""));
    diag(
        Code::E006,
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
    .fix(
        whole,
        quoted.clone(),
        t(format!("改为 {quoted}"), format!("write {quoted}")),
    )
}

/// `span` is the full-width character; when it is (a phase that cannot
/// place the character points at its whole token instead), the fix puts the
/// ASCII character in its place.
pub fn full_width(span: Span, found: char, ascii: char) -> Diagnostic {
    let d = diag(
        Code::E007,
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
    ));
    if spans_exactly(span, found.len_utf8()) {
        d.fix(
            span,
            ascii,
            t(
                format!("改为 `{ascii}`"),
                format!("replace it with `{ascii}`"),
            ),
        )
    } else {
        d
    }
}

/// `span` is the full-width colon; the fix puts a space in its place.
/// `year：2020`, `year:2020`: `colon` glues a keyword to its value.
pub fn colon_after_keyword(span: Span, colon: char) -> Diagnostic {
    let (zh_what, en_what) = if colon == '：' {
        ("全角冒号", "a full-width")
    } else {
        ("冒号", "a")
    };
    let d = diag(
        Code::E007,
        span,
        t(
            format!("关键字与值之间应为空格，而不是{zh_what} `{colon}`"),
            format!("a keyword and its value are separated by a space, not {en_what} `{colon}`"),
        ),
    )
    .label(t(
        zh_what,
        format!("{en_what} colon").trim_start_matches("a "),
    ))
    .help(t(
        format!("删去 `{colon}`，改为空格，例如 year 2020"),
        format!("replace `{colon}` with a space, as in year 2020"),
    ));
    if spans_exactly(span, colon.len_utf8()) {
        d.fix(
            span,
            " ",
            t(
                format!("把 `{colon}` 改为空格"),
                format!("replace `{colon}` with a space"),
            ),
        )
    } else {
        d
    }
}

pub fn bad_escape(span: Span, escape: &str) -> Diagnostic {
    diag(
        Code::E008,
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
    diag(Code::E009, Span::new(0, 0), t(zh, en)).help(help)
}

pub fn not_gb18030() -> Diagnostic {
    diag(
        Code::E009,
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
        Code::E009,
        Span::new(0, 0),
        t("文件是 UTF-16 编码", "the file is UTF-16"),
    )
    .help(t("请另存为 UTF-8", "save it as UTF-8"))
}

pub fn input_too_large(len: usize, max: usize) -> Diagnostic {
    diag(
        Code::E010,
        Span::new(0, 0),
        t(
            format!("文件过大（{len} 字节，上限 {max}）"),
            format!("file too large ({len} bytes, limit {max})"),
        ),
    )
}

/// `dropped` diagnostics past the limit of a phase were not kept; `span` is
/// the start of the file.
pub fn too_many_diagnostics(span: Span, dropped: usize, kept: usize) -> Diagnostic {
    diag(
        Code::E010,
        span,
        t(
            format!("问题过多：只保留前 {kept} 条，另有 {dropped} 条未列出"),
            format!("too many problems: the first {kept} are kept, {dropped} more are not listed"),
        ),
    )
    .help(t(
        "先改正前面的问题再检查；这样的文件多半不是绩效目标表",
        "fix the first ones and check again; such a file is most likely not a sheet",
    ))
}

pub fn nesting_too_deep(span: Span, max: usize) -> Diagnostic {
    diag(
        Code::E010,
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
        Code::E010,
        span,
        t(
            format!("数字过长（上限 {max} 个字符）"),
            format!("number too long (limit {max} characters)"),
        ),
    )
    .label(t("过长的数字", "this number"))
}

/// `span` is the control character; the fix deletes it.
pub fn control_char(span: Span, c: char) -> Diagnostic {
    let code = format!("U+{:04X}", c as u32);
    let d = diag(
        Code::E012,
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
    ));
    if spans_exactly(span, c.len_utf8()) {
        d.fix(
            span,
            "",
            t(
                format!("删除控制字符 {code}"),
                format!("delete control character {code}"),
            ),
        )
    } else {
        d
    }
}

pub fn number_too_large(span: Span, digits: usize) -> Diagnostic {
    diag(
        Code::E010,
        span,
        t(
            format!("数字过大（整数部分最多 {digits} 位）"),
            format!("number too large (at most {digits} integer digits)"),
        ),
    )
    .label(t("过大的数字", "this number"))
}

pub fn internal_parse_failure(span: Span) -> Diagnostic {
    diag(
        Code::E011,
        span,
        t("内部解析错误", "internal parse failure"),
    )
}
