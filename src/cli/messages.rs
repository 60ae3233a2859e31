//! Every text the command line shows its user, in Chinese and in English,
//! in the language of `--lang` or the locale: usage errors, help, I/O
//! errors, summaries. (Diagnostics and their explanations are the library's
//! catalogue; this is the rest.)

use super::args::{ErrorKind, Missing, Sub, UsageError};
use jixiao::diag::Lang;
use std::fmt::Display;

/// One text in both languages; the arguments are captured by name.
macro_rules! tr {
    ($lang:expr, $zh:literal, $en:literal) => {
        match $lang {
            Lang::Zh => format!($zh),
            Lang::En => format!($en),
        }
    };
}

/// An error line: `错误：…` or `error: …`.
fn error(lang: Lang, zh: impl Display, en: impl Display) -> String {
    match lang {
        Lang::Zh => format!("错误：{zh}"),
        Lang::En => format!("error: {en}"),
    }
}

/// The name standard input goes by in diagnostics.
pub(super) const STDIN_NAME: &str = "<stdin>";

pub(super) fn version() -> String {
    format!("jixiao {}", env!("CARGO_PKG_VERSION"))
}

// ---------------------------------------------------------------------------
// Files

/// A FIFO, a device or a folder given as a sheet: reading it could block
/// for ever or never end.
pub(super) fn not_a_regular_file(lang: Lang, name: impl Display) -> String {
    error(
        lang,
        format!("{name} 不是普通文件（管道、设备或文件夹）；从标准输入读取请写 -"),
        format!("{name} is not a regular file (a pipe, a device or a folder); write - to read standard input"),
    )
}

pub(super) fn read_only(lang: Lang, name: impl Display) -> String {
    error(
        lang,
        format!("{name} 是只读文件，未格式化（去掉只读属性后再试）"),
        format!("{name} is read-only and was not formatted (make it writable first)"),
    )
}

pub(super) fn changed_while_formatting(lang: Lang, name: impl Display) -> String {
    error(
        lang,
        format!("{name} 在格式化期间被修改，未覆盖（请再运行一次）"),
        format!("{name} changed while it was formatted and was not overwritten (run again)"),
    )
}

pub(super) fn cannot_read(lang: Lang, name: impl Display, e: &std::io::Error) -> String {
    error(
        lang,
        format!("无法读取 {name}：{e}"),
        format!("cannot read {name}: {e}"),
    )
}

pub(super) fn cannot_write(lang: Lang, name: impl Display, e: &std::io::Error) -> String {
    error(
        lang,
        format!("无法写入 {name}：{e}"),
        format!("cannot write {name}: {e}"),
    )
}

pub(super) fn cannot_create_folder(lang: Lang, name: impl Display, e: &std::io::Error) -> String {
    error(
        lang,
        format!("无法创建目录 {name}：{e}"),
        format!("cannot create folder {name}: {e}"),
    )
}

pub(super) fn output_is_input(lang: Lang, path: impl Display) -> String {
    error(
        lang,
        format!("输出路径 {path} 就是输入文件"),
        format!("the output path {path} is an input file"),
    )
}

pub(super) fn same_output_twice(lang: Lang, path: impl Display) -> String {
    error(
        lang,
        format!("两个输入会写到同一个输出 {path}"),
        format!("two inputs would write the same output {path}"),
    )
}

pub(super) fn several_files_need_folder(lang: Lang) -> String {
    error(
        lang,
        "多个文件只能输出到目录（-o 目录）",
        "several files need an output folder (-o DIR)",
    )
}

/// docx and xlsx are zip archives: binary, never for a terminal or a pipe
/// meant for text.
pub(super) fn binary_not_to_stdout(lang: Lang, ext: &str) -> String {
    error(
        lang,
        format!("{ext} 不能写到标准输出，请用 -o 文件名.{ext}"),
        format!("{ext} cannot go to standard output; use -o NAME.{ext}"),
    )
}

// ---------------------------------------------------------------------------
// Commands

/// The count after a run: `共 0 个错误，2 个警告` / `0 errors, 2 warnings`.
pub(super) fn summary(lang: Lang, errors: usize, warnings: usize) -> String {
    let (es, ws) = (plural(errors), plural(warnings));
    tr!(
        lang,
        "共 {errors} 个错误，{warnings} 个警告",
        "{errors} error{es}, {warnings} warning{ws}"
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Diagnostics left out past the limit, for one file.
pub(super) fn hidden(lang: Lang, name: impl Display, hidden: usize) -> String {
    tr!(
        lang,
        "{name}：另有 {hidden} 条诊断未显示",
        "{name}: {hidden} more diagnostics not shown"
    )
}

pub(super) fn no_such_code(lang: Lang, code: &str) -> String {
    error(
        lang,
        format!("没有诊断代码 {code}"),
        format!("no diagnostic code {code}"),
    )
}

/// `jixiao explain CODE`: the catalogue's title and text.
pub(super) fn explanation(code: &str, title: &str, text: &str) -> String {
    format!("{code}: {title}\n\n{text}")
}

pub(super) fn not_formatted(lang: Lang, path: impl Display) -> String {
    tr!(lang, "{path} 未按规范格式排版", "{path} is not formatted")
}

/// The new side's name in `fmt --check`'s diff.
pub(super) fn formatted_name(lang: Lang, name: &str) -> String {
    tr!(lang, "{name}（规范格式）", "{name} (formatted)")
}

pub(super) fn diff_arity(lang: Lang) -> String {
    error(
        lang,
        "diff 需要两个文件 OLD NEW（或 git 传入的 7 个参数）",
        "diff takes two files OLD NEW (or the 7 arguments git passes)",
    )
}

/// `diff FORM …`: a form compares with nothing but its sheet, given first.
pub(super) fn diff_form_first(lang: Lang, path: &str) -> String {
    error(
        lang,
        format!("{path} 是自评表或监控表：目标表在前，jixiao diff 目标表 自评表"),
        format!("{path} is an evaluation or monitoring form: give the sheet first, jixiao diff SHEET FORM"),
    )
}

/// `diff SHEET FORM` of two years.
pub(super) fn diff_years_differ(lang: Lang, form: i32, sheet: i32) -> String {
    tr!(
        lang,
        "警告：自评表是 {form} 年的，目标表是 {sheet} 年的",
        "warning: the form is of {form}, the sheet of {sheet}"
    )
}

/// git's unmerged path (one argument). Fixed for git, in every language
/// (docs/diff.md).
pub(super) fn unmerged(path: &str) -> String {
    format!("{path}: unmerged")
}

/// A file git passed that is not a sheet, when git's own diff cannot run.
pub(super) fn not_a_sheet(lang: Lang, path: &str) -> String {
    tr!(lang, "{path}：不是 jixiao 表", "{path}: not a jixiao sheet")
}

// ---------------------------------------------------------------------------
// Usage errors

/// A usage error, a tip when there is one, and where to read more.
pub(super) fn usage(lang: Lang, e: &UsageError) -> String {
    let sub = e.sub.filter(|s| *s != Sub::Help).map(Sub::name);
    let command = sub.unwrap_or("jixiao");
    let mut tips: Vec<String> = Vec::new();
    let line = match &e.kind {
        ErrorKind::NoCommand => {
            let names: Vec<&str> = Sub::ALL
                .into_iter()
                .filter(|s| *s != Sub::Help)
                .map(Sub::name)
                .collect();
            let (zh, en) = (names.join("、"), names.join(", "));
            error(
                lang,
                format!("缺少命令（{zh}）"),
                format!("no command given ({en})"),
            )
        }
        ErrorKind::UnknownCommand { name, suggestion } => {
            if let Some(s) = suggestion {
                tips.push(tr!(lang, "是否想用 {s}？", "did you mean '{s}'?"));
            }
            error(
                lang,
                format!("没有命令“{name}”"),
                format!("unknown command '{name}'"),
            )
        }
        ErrorKind::UnknownOption {
            option,
            suggestion,
            owners,
        } => {
            if let Some(s) = suggestion {
                tips.push(tr!(lang, "是否想用 {s}？", "did you mean '{s}'?"));
            }
            if !owners.is_empty() {
                let names: Vec<&str> = owners.iter().map(|s| s.name()).collect();
                let (zh, en) = (names.join("、"), names.join(", "));
                tips.push(match (lang, sub) {
                    (Lang::Zh, None) => format!("{option} 是 {zh} 的选项，应写在命令之后"),
                    (Lang::Zh, Some(_)) => format!("{option} 是 {zh} 的选项"),
                    (Lang::En, None) => {
                        format!("'{option}' is an option of {en}; write it after the command")
                    }
                    (Lang::En, Some(_)) => format!("'{option}' is an option of {en}"),
                });
            }
            match sub {
                Some(c) => error(
                    lang,
                    format!("{c} 没有选项 {option}"),
                    format!("unknown option '{option}' for '{c}'"),
                ),
                None => error(
                    lang,
                    format!("没有选项 {option}"),
                    format!("unknown option '{option}'"),
                ),
            }
        }
        ErrorKind::MissingValue { option, possible } => {
            let line = error(
                lang,
                format!("{option} 缺少值"),
                format!("'{option}' needs a value"),
            );
            line + &one_of(lang, possible)
        }
        ErrorKind::InvalidValue {
            option,
            value,
            possible,
        } => {
            let line = error(
                lang,
                format!("{option} 的值“{value}”无效"),
                format!("invalid value '{value}' for '{option}'"),
            );
            line + &one_of(lang, possible)
        }
        ErrorKind::UnexpectedValue { option, value } => error(
            lang,
            format!("{option} 不带值（却给了“{value}”）"),
            format!("'{option}' takes no value (given '{value}')"),
        ),
        ErrorKind::Repeated { option } => error(
            lang,
            format!("{option} 重复给出"),
            format!("'{option}' is given more than once"),
        ),
        ErrorKind::MissingArgument { what } => match what {
            Missing::Files => error(
                lang,
                format!("{command} 至少需要一个文件（FILE...）"),
                format!("'{command}' needs at least one file (FILE...)"),
            ),
            Missing::OldNew => error(
                lang,
                "diff 需要两个文件 OLD NEW",
                "'diff' needs two files OLD NEW",
            ),
            Missing::Code => error(
                lang,
                "explain 需要一个诊断代码，如 E301",
                "'explain' needs a diagnostic code, e.g. E301",
            ),
            Missing::File => error(
                lang,
                "import 需要一个文件（.docx、.xlsx 或 .html）",
                "'import' needs a file (.docx, .xlsx or .html)",
            ),
            Missing::Inputs => error(
                lang,
                "report 至少需要一个表或一个目录（DIR|FILE...）",
                "'report' needs at least one sheet or folder (DIR|FILE...)",
            ),
            Missing::Shell => error(
                lang,
                "completions 需要外壳名称（bash、zsh、fish、powershell、elvish）",
                "'completions' needs a shell (bash, zsh, fish, powershell, elvish)",
            ),
        },
        ErrorKind::MissingOption { option } => error(
            lang,
            format!("{command} 需要 -o/{option}（输出文件；- 表示标准输出；或目录）"),
            format!("'{command}' needs -o/{option} (a file, '-' for standard output, or a folder)"),
        ),
        ErrorKind::UnexpectedArgument { arg } => match sub {
            Some(c) => error(
                lang,
                format!("{c} 多了参数“{arg}”"),
                format!("unexpected argument '{arg}' for '{c}'"),
            ),
            None => error(
                lang,
                format!("多余的参数“{arg}”（命令应在最前面）"),
                format!("unexpected argument '{arg}' (the command comes first)"),
            ),
        },
        ErrorKind::NotUtf8 { arg } => error(
            lang,
            format!("参数“{arg}”不是有效的 UTF-8 文本"),
            format!("the argument '{arg}' is not valid UTF-8 text"),
        ),
    };
    let mut text = line;
    for tip in tips {
        text += &tr!(lang, "\n  提示：{tip}", "\n  tip: {tip}");
    }
    let help = match sub {
        Some(c) => format!("jixiao {c} --help"),
        None => "jixiao --help".to_string(),
    };
    text + &tr!(
        lang,
        "\n详见 {help}",
        "\nFor more information, try '{help}'."
    )
}

/// ` (one of: json, html, docx)`, when there is a list.
fn one_of(lang: Lang, possible: &[&str]) -> String {
    if possible.is_empty() {
        return String::new();
    }
    let (zh, en) = (possible.join("、"), possible.join(", "));
    tr!(lang, "（可选：{zh}）", " (one of: {en})")
}

// ---------------------------------------------------------------------------
// Help

/// The help of the tool, or of one command (ends with a newline).
pub(super) fn help(lang: Lang, sub: Option<Sub>) -> String {
    let text = match (sub, lang) {
        (None | Some(Sub::Help), Lang::Zh) => HELP_ZH,
        (None | Some(Sub::Help), Lang::En) => HELP_EN,
        (Some(Sub::Check), Lang::Zh) => CHECK_ZH,
        (Some(Sub::Check), Lang::En) => CHECK_EN,
        (Some(Sub::Build), Lang::Zh) => BUILD_ZH,
        (Some(Sub::Build), Lang::En) => BUILD_EN,
        (Some(Sub::Fmt), Lang::Zh) => FMT_ZH,
        (Some(Sub::Fmt), Lang::En) => FMT_EN,
        (Some(Sub::Diff), Lang::Zh) => DIFF_ZH,
        (Some(Sub::Diff), Lang::En) => DIFF_EN,
        (Some(Sub::Import), Lang::Zh) => IMPORT_ZH,
        (Some(Sub::Import), Lang::En) => IMPORT_EN,
        (Some(Sub::Explain), Lang::Zh) => EXPLAIN_ZH,
        (Some(Sub::Explain), Lang::En) => EXPLAIN_EN,
        (Some(Sub::Report), Lang::Zh) => REPORT_ZH,
        (Some(Sub::Report), Lang::En) => REPORT_EN,
        (Some(Sub::Completions), Lang::Zh) => COMPLETIONS_ZH,
        (Some(Sub::Completions), Lang::En) => COMPLETIONS_EN,
        (Some(Sub::Man), Lang::Zh) => MAN_ZH,
        (Some(Sub::Man), Lang::En) => MAN_EN,
        (Some(Sub::Lsp), Lang::Zh) => LSP_ZH,
        (Some(Sub::Lsp), Lang::En) => LSP_EN,
    };
    let text = text.replace("{version}", env!("CARGO_PKG_VERSION"));
    match (sub, lang) {
        (None | Some(Sub::Help), _) => text,
        (Some(_), Lang::Zh) => text + GLOBAL_ZH,
        (Some(_), Lang::En) => text + GLOBAL_EN,
    }
}

const HELP_ZH: &str = "\
jixiao {version}：预算绩效目标表编译器

用法：jixiao [通用选项] 命令 [参数与选项]

命令：
  check    检查表，在标准错误上报告诊断
  build    编译为 JSON、网页（HTML）、Word 文档（docx）或 Excel 导入表（xlsx）
  fmt      按规范格式排版，就地改写
  diff     按含义比较两年的表
  import   把已有的 Word、Excel 或网页表格导入为 .jx
  explain  解释诊断代码
  report   多张表的审核报告（网页或 Excel）
  completions  生成外壳补全脚本（bash、zsh、fish、powershell、elvish）
  man      生成手册页（man page）
  lsp      语言服务器（标准输入输出，供编辑器使用）
  help     显示帮助（jixiao help 命令）

通用选项（写在命令前后均可）：
  -q, --quiet                        只输出诊断与错误，不输出汇总和进度
  --lang zh|en                       提示语言（默认取自 LC_ALL、LANG 等）
  --color auto|always|never          着色（auto：仅终端，遵从 NO_COLOR）[默认：auto]
  --message-format human|short|json  诊断的格式 [默认：human]
  --encoding utf-8|gb18030           输入文件的编码 [默认：utf-8]
  -h, --help                         显示帮助
  -V, --version                      显示版本

各命令的选项：jixiao 命令 --help
退出码：0 无错误（或只有警告），1 有错误，2 用法或读写问题
";

const HELP_EN: &str = "\
jixiao {version}: compiler for budget performance-target sheets

Usage: jixiao [GLOBAL OPTIONS] COMMAND [ARGUMENTS AND OPTIONS]

Commands:
  check    Check sheets; diagnostics on standard error
  build    Compile to JSON, HTML, Word (docx) or Excel (xlsx)
  fmt      Format sheets in the canonical layout, in place
  diff     Compare two years' sheets by meaning
  import   Import an existing sheet from Word, Excel or HTML into .jx
  explain  Explain a diagnostic code
  report   A review of many sheets, as a web page or an Excel workbook
  completions  Shell completions (bash, zsh, fish, powershell, elvish)
  man      The manual page (roff)
  lsp      Language server on standard input and output (for editors)
  help     Show help (jixiao help COMMAND)

Global options (before or after the command):
  -q, --quiet                        diagnostics and errors only, no summary or progress lines
  --lang zh|en                       language of messages (default: from LC_ALL, LANG…)
  --color auto|always|never          colour (auto: a terminal only; honours NO_COLOR) [default: auto]
  --message-format human|short|json  how diagnostics are printed [default: human]
  --encoding utf-8|gb18030           encoding of input files [default: utf-8]
  -h, --help                         show help
  -V, --version                      show the version

The options of a command: jixiao COMMAND --help
Exit codes: 0 clean (or warnings only), 1 errors, 2 usage or I/O problems
";

const GLOBAL_ZH: &str = "
通用选项：-q/--quiet、--lang、--color、--message-format、--encoding（见 jixiao --help）
";

const GLOBAL_EN: &str = "
Global options: -q/--quiet, --lang, --color, --message-format, --encoding (see jixiao --help)
";

const CHECK_ZH: &str = "\
检查表，在标准错误上报告诊断

用法：jixiao check [选项] FILE...
      jixiao check [选项] -      读标准输入

选项：
  --deny-warnings        警告也算错误（退出码 1）
  -j, --jobs N           同时检查的文件数 [默认：CPU 核数，或环境变量 JIXIAO_JOBS]
  --stdin-filename NAME  标准输入在诊断中显示的文件名 [默认：<stdin>]
  --watch                检查后继续监视，文件保存后重新检查（Ctrl-C 结束）
  --poll                 以轮询方式监视（网络共享目录用；隐含 --watch）

退出码：0 无错误，1 有错误，2 用法或读写问题
";

const CHECK_EN: &str = "\
Check sheets; diagnostics on standard error

Usage: jixiao check [OPTIONS] FILE...
       jixiao check [OPTIONS] -      read standard input

Options:
  --deny-warnings        treat warnings as errors (exit 1)
  -j, --jobs N           files checked at once [default: the cores, or JIXIAO_JOBS]
  --stdin-filename NAME  the name standard input goes by in diagnostics [default: <stdin>]
  --watch                keep watching; check again when a file is saved (Ctrl-C stops)
  --poll                 watch by looking at the files four times a second (network shares; implies --watch)

Exit codes: 0 clean, 1 errors, 2 usage or I/O problems
";

const BUILD_ZH: &str = "\
编译为 JSON、网页（HTML）、Word 文档（docx）或一体化系统导入表（xlsx）

用法：jixiao build FILE --format json|html|docx|xlsx -o PATH
      jixiao build FILE... -o DIR

选项：
  -o, --output PATH              输出文件；- 表示标准输出（json、html）；或目录
  --format json|html|docx|xlsx   输出格式；不写时按 PATH 的扩展名（否则 JSON），
                                 输出到目录时写全部四种
  --deny-warnings                警告也算错误，不输出
  -j, --jobs N                   同时编译的文件数 [默认：CPU 核数，或 JIXIAO_JOBS]
  --watch                        编译后继续监视，文件保存后重新编译（Ctrl-C 结束）
  --poll                         以轮询方式监视（网络共享目录用；隐含 --watch）

有错误的文件不输出任何内容；输出先写临时文件再改名。
";

const BUILD_EN: &str = "\
Compile to JSON, HTML, Word (docx) or an Excel workbook for the 一体化 system's import (xlsx)

Usage: jixiao build FILE --format json|html|docx|xlsx -o PATH
       jixiao build FILE... -o DIR

Options:
  -o, --output PATH              output file; '-' for standard output (json, html); or a folder
  --format json|html|docx|xlsx   output format; without it, from PATH's extension (else JSON),
                                 or all four into a folder
  --deny-warnings                treat warnings as errors: write nothing
  -j, --jobs N                   files compiled at once [default: the cores, or JIXIAO_JOBS]
  --watch                        keep watching; build again when a file is saved (Ctrl-C stops)
  --poll                         watch by looking at the files four times a second (network shares; implies --watch)

A file with errors writes nothing; outputs are written atomically.
";

const FMT_ZH: &str = "\
按规范格式排版，就地改写（注释保留）

用法：jixiao fmt [选项] FILE...
      jixiao fmt -        读标准输入，写标准输出

选项：
  --check           不改写；有未按规范排版的文件时显示差异并以 1 退出
  --keywords en|zh  关键字统一写成英文或中文（默认保持原样）
";

const FMT_EN: &str = "\
Format sheets in the canonical layout, in place (comments kept)

Usage: jixiao fmt [OPTIONS] FILE...
       jixiao fmt -        read standard input, write standard output

Options:
  --check           change nothing; exit 1 and show a diff if a file is not formatted
  --keywords en|zh  write every keyword in English or Chinese (default: as written)
";

const DIFF_ZH: &str = "\
按含义比较两年的表

用法：jixiao diff [选项] OLD NEW
      （作为 git 的 diff 驱动：git 传入的 7 个或 9 个参数）

选项：
  --format text|json|html  输出格式 [默认：text]
  -o, --output FILE        写入文件而不是标准输出

退出码：0 相同，1 不同，2 出错（作为 git 驱动时除无法读取文件外都是 0）
";

const DIFF_EN: &str = "\
Compare two years' sheets by meaning

Usage: jixiao diff [OPTIONS] OLD NEW
       (as a git diff driver: the 7 or 9 arguments git passes)

Options:
  --format text|json|html  output format [default: text]
  -o, --output FILE        write to FILE instead of standard output

Exit codes: 0 same, 1 different, 2 trouble (as a git driver: 0 unless a file cannot be read)
";

const IMPORT_ZH: &str = "\
把已有的绩效目标表（Word .docx、Excel .xlsx、网页 .html）导入为 .jx；
项目支出绩效自评表和运行监控表导入为 evaluation / monitoring 文件

用法：jixiao import [选项] FILE

选项：
  -o, --output FILE  写入 FILE（先写临时文件再改名），不写则输出到标准输出

表中未能放置的内容以 // 注释留在 .jx 中相应位置，并逐条报告在标准错误上
（表、行、列或单元格地址，原文，原因）。旧版 .doc/.xls 请先用 LibreOffice 转换为
.docx/.xlsx（遇到时错误信息会给出命令）。

退出码：0 全部导入，1 导入但有未能放置的内容，2 用法、读写问题或无法读取的文件
";

const IMPORT_EN: &str = "\
Import an existing sheet (Word .docx, Excel .xlsx, HTML .html) into .jx; a
self-evaluation (自评表) or monitoring form (监控表) becomes an evaluation or
monitoring document

Usage: jixiao import [OPTIONS] FILE

Options:
  -o, --output FILE  write to FILE (atomically) instead of standard output

What cannot be placed stays in the .jx as a // comment where it was found, and
is reported on standard error, one line each (table, row and column or cell
address, the text, the reason). Convert old .doc/.xls to .docx/.xlsx with
LibreOffice first (the error message gives the command).

Exit codes: 0 imported, 1 imported with items not placed, 2 usage, I/O or unreadable file
";

const EXPLAIN_ZH: &str = "\
解释诊断代码：含义与改法

用法：jixiao explain CODE      （如 jixiao explain E301）
";

const EXPLAIN_EN: &str = "\
Explain a diagnostic code: what it means and how to fix it

Usage: jixiao explain CODE      (e.g. jixiao explain E301)
";

const REPORT_ZH: &str = "\
多张表的审核报告：各单位的项目、按资金来源的预算合计、各类指标数、按代码的错误与警告
（链接到文件与行）；全部表中最常见的问题、无错误表的比例、比上年放宽了目标的单位

用法：jixiao report [选项] DIR|FILE... -o report.html|report.xlsx

选项：
  -o, --output FILE   报告文件；扩展名 .xlsx 写 Excel 工作簿，否则写网页（HTML）
  --previous DIR      上年的表所在目录（或文件），按项目编码对比，找出放宽的目标
  -j, --jobs N        同时检查的文件数 [默认：CPU 核数，或 JIXIAO_JOBS]

目录中的 .jx 文件逐层查找，按路径排序。报告不含时间戳，相同输入得到相同文件。
退出码：0 已写出报告（表中的错误写在报告里），2 用法或读写问题
";

const REPORT_EN: &str = "\
A review of many sheets: per body its projects, the budget by fund source, the indicators
per category, errors and warnings by code (linked to file and line); across them the most
frequent defects, the share of sheets that check clean, the bodies whose targets were
loosened since last year

Usage: jixiao report [OPTIONS] DIR|FILE... -o report.html|report.xlsx

Options:
  -o, --output FILE   the report; .xlsx writes an Excel workbook, anything else a web page (HTML)
  --previous DIR      last year's sheets (a folder or files), matched by project code, for loosened targets
  -j, --jobs N        files checked at once [default: the cores, or JIXIAO_JOBS]

Folders are searched for .jx files at every depth, sorted by path. The report holds no
timestamp: the same inputs give the same file.
Exit codes: 0 report written (errors in the sheets are in the report), 2 usage or I/O problems
";

const COMPLETIONS_ZH: &str = "\
生成外壳的命令补全脚本，写到标准输出

用法：jixiao completions bash|zsh|fish|powershell|elvish

例：jixiao completions bash > ~/.local/share/bash-completion/completions/jixiao
";

const COMPLETIONS_EN: &str = "\
Shell completions, written to standard output

Usage: jixiao completions bash|zsh|fish|powershell|elvish

E.g.: jixiao completions bash > ~/.local/share/bash-completion/completions/jixiao
";

const MAN_ZH: &str = "\
生成手册页（roff 格式），写到标准输出

用法：jixiao man [命令]

例：jixiao man > jixiao.1；jixiao man check > jixiao-check.1
";

const MAN_EN: &str = "\
The manual page (roff), written to standard output

Usage: jixiao man [COMMAND]

E.g.: jixiao man > jixiao.1; jixiao man check > jixiao-check.1
";

const LSP_ZH: &str = "\
语言服务器（Language Server Protocol），经标准输入输出与编辑器通信

用法：jixiao lsp [--stdio]

选项：
  --stdio  经标准输入输出通信（默认即如此；有的编辑器会加上）
";

const LSP_EN: &str = "\
Language server (Language Server Protocol) on standard input and output, for editors

Usage: jixiao lsp [--stdio]

Options:
  --stdio  speak on standard input and output (what it does anyway; some clients add it)
";

// ---------------------------------------------------------------------------
// Watch

/// Standard input cannot be watched.
pub(super) fn watch_needs_files(lang: Lang) -> String {
    error(
        lang,
        "--watch 只能监视文件，不能读标准输入（-）",
        "--watch watches files; it cannot read standard input (-)",
    )
}

pub(super) fn cannot_watch(lang: Lang, name: impl Display, e: impl Display) -> String {
    error(
        lang,
        format!("无法监视 {name}：{e}"),
        format!("cannot watch {name}: {e}"),
    )
}

/// After each run in `--watch`.
pub(super) fn watching(lang: Lang, files: usize) -> String {
    let s = plural(files);
    tr!(
        lang,
        "[监视中] {files} 个文件，保存后重新运行（Ctrl-C 结束）",
        "[watching] {files} file{s}; runs again on save (Ctrl-C stops)"
    )
}

/// Before a run caused by a save.
pub(super) fn changed(lang: Lang, name: impl Display) -> String {
    tr!(lang, "[已修改] {name}", "[changed] {name}")
}

// ---------------------------------------------------------------------------
// Report

pub(super) fn no_sheets_found(lang: Lang, name: impl Display) -> String {
    error(
        lang,
        format!("{name} 中没有 .jx 文件"),
        format!("no .jx file in {name}"),
    )
}

/// After `report`: what was written.
pub(super) fn report_written(
    lang: Lang,
    path: impl Display,
    sheets: usize,
    clean: usize,
) -> String {
    let s = plural(sheets);
    tr!(
        lang,
        "已写出 {path}：{sheets} 张表，其中 {clean} 张无错误",
        "wrote {path}: {sheets} sheet{s}, {clean} without errors"
    )
}

// ---------------------------------------------------------------------------
// Import

/// A file `import` cannot read at all: `错误[I001]：…` / `error[I001]: …`.
pub(super) fn import_error(lang: Lang, name: impl Display, code: &str, message: &str) -> String {
    tr!(
        lang,
        "错误[{code}]：{name}：{message}",
        "error[{code}]: {name}: {message}"
    )
}

/// One item the import could not place: `未能放置：…` / `not placed: …`.
pub(super) fn not_placed(lang: Lang, line: &str) -> String {
    tr!(lang, "未能放置：{line}", "not placed: {line}")
}

/// The count after an import.
pub(super) fn imported(lang: Lang, projects: usize, indicators: usize, unplaced: usize) -> String {
    let (ps, is, us) = (plural(projects), plural(indicators), plural(unplaced));
    match unplaced {
        0 => tr!(
            lang,
            "已导入 {projects} 个项目、{indicators} 个指标",
            "imported {projects} project{ps}, {indicators} indicator{is}"
        ),
        _ => tr!(
            lang,
            "已导入 {projects} 个项目、{indicators} 个指标；{unplaced} 项未能放置，已作为注释留在 .jx 中（见上）",
            "imported {projects} project{ps}, {indicators} indicator{is}; {unplaced} item{us} not placed, kept as comments in the .jx (listed above)"
        ),
    }
}
