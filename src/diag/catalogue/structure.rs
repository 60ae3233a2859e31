//! Structure and arguments (E1xx): keywords, their places, their arguments and blocks, required statements.

use super::common::{diag, entries, spans_exactly, t};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

entries! {
    E101, "未知的关键字", "unknown keyword",
    "每条语句以关键字开头（英文或中文写法均可），见 README 的语言说明。",
    "Every statement starts with a keyword, in English or Chinese; see the language tour in the README.";
    E102, "语句位置不对", "statement not allowed here",
    "每种语句只能出现在特定位置：project 与 department 在顶层，goal 在 project 内，desc 在 indicator 内，等等。",
    "Each statement has its place: project and department at the top level, goal inside a project, desc inside an indicator, and so on.";
    E103, "缺少参数", "missing argument",
    "这条语句需要更多参数，例如 project 需要编码和名称两个字符串。",
    "The statement needs more arguments; project, for example, takes a code and a name, both strings.";
    E104, "多余的参数", "unexpected argument",
    "这条语句的参数比预期多。文字中含空格时请放进引号里。",
    "The statement has more arguments than it takes. Put text containing spaces in quotes.";
    E105, "参数类型不对", "wrong kind of argument",
    "编码、名称和文字须加引号；金额、年度和权重是数字。",
    "Codes, names and texts go in quotes; amounts, years and weights are numbers.";
    E106, "语句重复", "statement given twice",
    "这条语句在同一块内只能出现一次。",
    "This statement may appear only once in its block.";
    E107, "缺少必需的语句", "required statement missing",
    "表必须有 department 块（含 year 和 unit），每个项目必须有 budget。",
    "A sheet needs a department block (with year and unit), and every project needs a budget.";
    E108, "块的用法不对", "block not expected",
    "这条语句不带 { } 块。",
    "This statement takes no { } block.";
}

/// `span` holds `word`; a suggested keyword replaces it when `word` looks
/// like a misspelling of it, not like a keyword glued to its value
/// (`unit万元`, `unit:万元`, `预算78.00`), which replacing would lose.
pub fn unknown_keyword(span: Span, word: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = diag(
        Code::E101,
        span,
        t(
            format!("未知的关键字 `{word}`"),
            format!("unknown keyword `{word}`"),
        ),
    )
    .label(t("不是此处可用的关键字", "not a keyword that fits here"));
    match suggestion {
        Some(s) => {
            let d = d.help(t(
                format!("是不是想写 `{s}`？"),
                format!("did you mean `{s}`?"),
            ));
            let exact = spans_exactly(span, word.len());
            let glued = word.strip_prefix(s).and_then(|rest| rest.chars().next());
            let value_follows = glued.is_some_and(|c| {
                c.is_alphanumeric() && !misspelling_of(word, s) && c.is_ascii() != s.is_ascii()
                    || c.is_ascii_digit()
            });
            if exact && value_follows {
                // `unit万元`: the keyword glued to its value; a space
                // between them keeps the value.
                let at = span.start + s.len();
                d.fix(
                    Span::new(at, at),
                    " ",
                    t(
                        format!("在 `{s}` 后加空格"),
                        format!("put a space after `{s}`"),
                    ),
                )
            } else if exact && misspelling_of(word, s) {
                d.fix(span, s, t(format!("改为 `{s}`"), format!("write `{s}`")))
            } else {
                d
            }
        }
        None => d,
    }
}

/// A keyword is all ASCII (`define-unit`) or all Chinese (`评(扣)分标准`
/// aside): a word of the same kind, made of letters and the keyword's own
/// characters, can be a misspelling of it; anything else holds more than a
/// keyword.
fn misspelling_of(word: &str, keyword: &str) -> bool {
    word.is_ascii() == keyword.is_ascii()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || keyword.contains(c))
}

pub fn misplaced(
    span: Span,
    kw: &str,
    place_zh: &str,
    place_en: &str,
    belongs: Option<(&str, &str)>,
) -> Diagnostic {
    let d = diag(
        Code::E102,
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
        Code::E103,
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

/// `span` runs from the first extra argument to the last. Unless they hold
/// words (text that lost its quotes), the fix deletes them.
pub fn extra_arg(span: Span, kw: &str, words: bool) -> Diagnostic {
    let d = diag(
        Code::E104,
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
        let remove = t("删去多余的参数", "remove the extra arguments");
        d.help(remove.clone()).fix(span, "", remove)
    }
}

/// `year 2020 unit 万元`: a second statement on the line of the first.
/// `span` covers the extra arguments, `next` is the keyword that starts
/// them; the fix puts `;` before it.
pub fn statements_on_one_line(span: Span, kw: &str, next: &str) -> Diagnostic {
    let at = Span::new(span.start, span.start);
    diag(
        Code::E104,
        span,
        t(
            format!("`{kw}` 的参数过多：`{next}` 是另一条语句"),
            format!("too many arguments for `{kw}`: `{next}` starts another statement"),
        ),
    )
    .label(t("另一条语句", "another statement"))
    .help(t(
        format!("两条语句之间用 `;` 或换行分隔：`{kw} …; {next} …`"),
        format!("separate two statements with `;` or a new line: `{kw} …; {next} …`"),
    ))
    .fix(
        at,
        "; ",
        t(
            format!("在 `{next}` 前加 `;`"),
            format!("put `;` before `{next}`"),
        ),
    )
}

pub fn quote_inside_string(span: Span) -> Diagnostic {
    diag(
        Code::E104,
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

/// `span` holds `raw`, a word; the fix puts it in quotes.
pub fn expected_string(span: Span, what_zh: &str, what_en: &str, raw: &str) -> Diagnostic {
    let d = diag(
        Code::E105,
        span,
        t(
            format!("{what_zh}应为带引号的字符串"),
            format!("{what_en} must be a quoted string"),
        ),
    )
    .label(t("缺少引号", "not quoted"))
    .help(t(format!("写作 \"{raw}\""), format!("write \"{raw}\"")));
    if spans_exactly(span, raw.len()) {
        let quoted = quote(raw);
        d.fix(
            span,
            quoted.clone(),
            t(format!("写作 {quoted}"), format!("write {quoted}")),
        )
    } else {
        d
    }
}

/// `text` as a string literal: in ASCII double quotes, with `"` and `\`
/// escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

pub fn expected_number(span: Span, what_zh: &str, what_en: &str) -> Diagnostic {
    diag(
        Code::E105,
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
        Code::E106,
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
        Code::E107,
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
        Code::E108,
        span,
        t(format!("`{kw}` 不带块"), format!("`{kw}` takes no block")),
    )
    .label(t("多余的块", "unexpected block"))
}
