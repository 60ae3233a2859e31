//! Parsing of indicator target values (指标值) as authors write them.
//!
//! A target is one of: a quantity with an optional comparison (`≥90%`, `不低于10次`,
//! `90%以上`, `≤65万元`), a range (`90%-95%`), a date (`2020年12月底前`), a period
//! (`2023.07-2024.01`), a grade (`良好`), yes/no (`是`) or free qualitative text
//! (`稳步提高`). Mistakes seen in published tables are reported as [`TargetProblem`]s with a
//! byte range inside the given text, e.g. the merge `≥9090%及以上` of `≥90%` and
//! `90%及以上`, or the template hole `≥**%`.
//!
//! The parser works on a normalised copy of the text (full-width digits and signs to ASCII,
//! `≧` to `≥`, dashes to `-`, whitespace dropped) where every character remembers its byte
//! range in the original text, so that problems underline the exact place.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::lang::grades;
use crate::lang::units::{Dimension, UnitTable};

/// The most significant digits a number literal may have (a `Decimal` holds 28).
const MAX_SIG_DIGITS: usize = 28;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// ≥ (不低于, 以上).
    Ge,
    /// ≤ (不高于, 以内).
    Le,
    /// = (a plain value).
    Eq,
    /// >.
    Gt,
    /// <.
    Lt,
}

impl Op {
    /// ASCII spelling: `>=`, `<=`, `=`, `>`, `<`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Le => "<=",
            Op::Eq => "=",
            Op::Gt => ">",
            Op::Lt => "<",
        }
    }

    /// The spelling used in official tables: `≥`, `≤`, `=`, `>`, `<`.
    pub fn symbol(&self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Le => "≤",
            Op::Eq => "=",
            Op::Gt => ">",
            Op::Lt => "<",
        }
    }
}

/// The value part of a target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetValue {
    /// A number with an optional unit. The unit is as written, normalised (`％` → `%`,
    /// full-width letters to ASCII); `dimension` is `None` exactly when `unit` is `None`.
    Quantity {
        /// The number as written (`90.0` keeps its scale).
        value: Decimal,
        /// The unit, normalised.
        unit: Option<String>,
        /// The unit's dimension.
        dimension: Option<Dimension>,
    },
    /// An inclusive range `min`–`max` (`min <= max`), one unit for both ends.
    Range {
        /// The lower end.
        min: Decimal,
        /// The upper end.
        max: Decimal,
        /// The unit of both ends.
        unit: Option<String>,
        /// The unit's dimension.
        dimension: Option<Dimension>,
    },
    /// `2020-12-31`, `2020-12` (month only), `2020` (year only); a date without a year is
    /// kept as written (`12月底`, `6月30日`).
    Date {
        /// The date.
        date: Date,
    },
    /// `2023-07` to `2024-01`, or `2021` to `2023`.
    Period {
        /// The first date.
        from: Date,
        /// The last date.
        to: Date,
    },
    /// A qualitative grade (`好`, `良好`, `合格`, `达标`, …).
    Grade {
        /// The grade word.
        grade: String,
    },
    /// `是`/`有` (yes) or `否`/`无` (no).
    YesNo {
        /// True for yes.
        yes: bool,
    },
    /// Free qualitative text, trimmed, as written.
    Text {
        /// The text.
        text: String,
    },
    /// No value, on purpose: `不适用` or `待定` in the target's place.
    Marker {
        /// Which one.
        marker: Marker,
    },
}

/// A word standing where a target value would be, saying why there is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Marker {
    /// 不适用 (不涉及): the indicator does not apply this year.
    NotApplicable,
    /// 待定 (待确定, 待核定): the value is still to be set.
    Pending,
}

impl Marker {
    /// The word official tables print.
    pub fn word(self) -> &'static str {
        match self {
            Marker::NotApplicable => "不适用",
            Marker::Pending => "待定",
        }
    }
}

/// Words that stand for a [`Marker`] when they are the whole target.
const MARKER_WORDS: &[(&str, Marker)] = &[
    ("不适用", Marker::NotApplicable),
    ("不涉及", Marker::NotApplicable),
    ("待定", Marker::Pending),
    ("待确定", Marker::Pending),
    ("待核定", Marker::Pending),
];

/// A date of a target, as precise as it was written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Date {
    /// `2020`.
    Year { year: u32 },
    /// `2020-12`.
    Month { year: u32, month: u32 },
    /// `2020-12-31`.
    Day { year: u32, month: u32, day: u32 },
    /// A date without a year, kept as written (`12月底`, `6月30日`): the sheet
    /// gives no year to complete it with.
    Unanchored { text: String },
}

impl Date {
    /// Reads the ISO forms `YYYY`, `YYYY-MM`, `YYYY-MM-DD`; any other text is
    /// an unanchored date kept as written.
    pub fn from_iso(iso: &str) -> Date {
        let parts: Option<Vec<u32>> = iso
            .split('-')
            .map(|p| {
                (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect();
        let year_ok = iso.len() >= 4 && iso.as_bytes()[..4].iter().all(u8::is_ascii_digit);
        match parts.as_deref() {
            Some(&[year]) if year_ok && iso.len() == 4 => Date::Year { year },
            Some(&[year, month]) if year_ok && iso.len() == 7 => Date::Month { year, month },
            Some(&[year, month, day]) if year_ok && iso.len() == 10 => {
                Date::Day { year, month, day }
            }
            _ => Date::Unanchored {
                text: iso.to_string(),
            },
        }
    }

    /// The year, when the date has one.
    pub fn year(&self) -> Option<u32> {
        match self {
            Date::Year { year } | Date::Month { year, .. } | Date::Day { year, .. } => Some(*year),
            Date::Unanchored { .. } => None,
        }
    }

    /// The same date `years` later (a deadline compared across two sheets).
    pub fn shifted(&self, years: i32) -> Option<Date> {
        let shift = |y: u32| u32::try_from(i64::from(y) + i64::from(years)).ok();
        Some(match self {
            Date::Year { year } => Date::Year {
                year: shift(*year)?,
            },
            Date::Month { year, month } => Date::Month {
                year: shift(*year)?,
                month: *month,
            },
            Date::Day { year, month, day } => Date::Day {
                year: shift(*year)?,
                month: *month,
                day: *day,
            },
            Date::Unanchored { .. } => return None,
        })
    }

    /// Orders two dates written to the same precision; `None` otherwise.
    pub fn compare(&self, other: &Date) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Date::Year { .. }, Date::Year { .. })
            | (Date::Month { .. }, Date::Month { .. })
            | (Date::Day { .. }, Date::Day { .. }) => Some(self.cmp(other)),
            _ => None,
        }
    }
}

impl std::fmt::Display for Date {
    /// ISO `2020`, `2020-12`, `2020-12-31`, or the text of an unanchored date.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Date::Year { year } => write!(f, "{year:04}"),
            Date::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Date::Day { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            Date::Unanchored { text } => f.write_str(text),
        }
    }
}

/// A parsed target: the comparison (if any) and the value.
///
/// `op` is `Some(Op::Eq)` for a plain quantity or date, `None` for a plain range, period,
/// grade, yes/no or text; otherwise the written comparison (prefix `≥`/`不低于` or suffix
/// `以上`/`以内`/`前`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedTarget {
    pub op: Option<Op>,
    pub value: TargetValue,
}

impl ParsedTarget {
    /// The target written canonically: `≥90%`, `65万元`, `90-95%`, `≤2020-12-31`,
    /// `2023-07~2024-01`, `≥良好`, `是`, or the text. `=` is omitted.
    #[cfg(test)]
    pub fn to_canonical(&self) -> String {
        let op = match self.op {
            Some(Op::Eq) | None => "",
            Some(o) => o.symbol(),
        };
        match &self.value {
            TargetValue::Quantity { value, unit, .. } => {
                format!("{}{}{}", op, value, unit.as_deref().unwrap_or(""))
            }
            TargetValue::Range { min, max, unit, .. } => {
                let u = unit.as_deref().unwrap_or("");
                format!("{}{}{}-{}{}", op, min, u, max, u)
            }
            TargetValue::Date { date } => format!("{}{}", op, date),
            TargetValue::Period { from, to } => format!("{}~{}", from, to),
            TargetValue::Grade { grade } => format!("{}{}", op, grade),
            TargetValue::YesNo { yes } => (if *yes { "是" } else { "否" }).to_string(),
            TargetValue::Text { text } => text.clone(),
            TargetValue::Marker { marker } => marker.word().to_string(),
        }
    }
}

/// What is wrong with a target. Every `at` is a byte range inside the text given to
/// [`parse_target`] (never outside it, never splitting a character).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetProblem {
    /// Nothing but whitespace.
    Empty,
    /// A target mangled by copy and paste (`≥9090%及以上`, `≥90%%`, `≥≥90%`, `≥90%以上`,
    /// `90%90%`); `intended` is the likely intended target written canonically (`≥90%`).
    Garbled { at: Range<usize>, intended: String },
    /// A template hole left in (`≥**%`, `≥XX%`, `≥__%`, `≥？%`, `≥ %`, `***`, `待填`).
    Placeholder { at: Range<usize> },
    /// A unit not in the table, with the closest known unit if any.
    UnknownUnit {
        at: Range<usize>,
        unit: String,
        suggestion: Option<String>,
    },
    /// A malformed number (`9..0%`, `1,00元`) or one with more than 28 significant digits
    /// or decimals; also a range whose two ends carry different units.
    BadNumber { at: Range<usize> },
    /// A date that does not exist (`2020-13-01`, `2020-02-30`).
    BadDate { at: Range<usize> },
    /// A range or period whose start is after its end (`95%-90%`).
    RangeReversed { at: Range<usize> },
    /// A comparison with nothing to compare to (`≥`, `不低于`, `≥上年`).
    MissingValue { at: Range<usize> },
}

/// Parses the text of a target value. Total: never panics, linear in the length of `text`.
pub fn parse_target(text: &str, units: &UnitTable) -> Result<ParsedTarget, TargetProblem> {
    let result = parse_plain(text, units);
    // `100%完成`, `95%到位`: a quantity followed by a word saying it is
    // reached. The word adds nothing to the target; read it without.
    if let Err(TargetProblem::UnknownUnit { at, unit, .. }) = &result {
        for word in COMPLETION_WORDS {
            let Some(known) = unit.strip_suffix(word) else {
                continue;
            };
            let written = text.get(at.clone()).unwrap_or("");
            if (known.is_empty() || units.lookup(known).is_some()) && written.ends_with(word) {
                let cut = at.end - word.len();
                let rest = format!("{}{}", &text[..cut], &text[at.end..]);
                if let Ok(t) = parse_plain(&rest, units) {
                    return Ok(t);
                }
            }
        }
    }
    result
}

/// `(≥**个) >=4个`, `≥4个（≥**个）`: a template's hint in brackets left
/// beside the real value. Returns the text without the hint when the rest
/// reads as a typed value (not free text).
pub fn without_bracketed_hint(text: &str, units: &UnitTable) -> Option<String> {
    let open = text.find(['(', '（'])?;
    let close_rel = text[open..].find([')', '）'])?;
    let close = open + close_rel + text[open + close_rel..].chars().next()?.len_utf8();
    let inside = &text[open..close];
    if !inside.contains(['*', '＊', '×']) && !inside.contains("XX") && !inside.contains("xx") {
        return None;
    }
    let rest = format!("{}{}", &text[..open], &text[close..]);
    let rest = rest.trim().to_string();
    match parse_target(&rest, units) {
        Ok(ParsedTarget {
            value: TargetValue::Text { .. },
            ..
        })
        | Err(_) => None,
        Ok(_) => Some(rest),
    }
}

/// Whether a text read as free qualitative text holds what looks like a
/// quantity: a comparison sign, a template's `*`, or a number followed by a
/// known unit (`约50人`, `完成率≥95%`). A year (`2023年度`) is not one.
pub fn looks_quantitative(text: &str, units: &UnitTable) -> bool {
    // Signs and holes in any spelling the target reader knows (＞, ≧, ＊ …).
    if text
        .chars()
        .map(normalize_char)
        .any(|c| is_op_symbol_start(c) || c == '*')
    {
        return true;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].1.is_ascii_digit() || chars[i].1 == '.') {
            i += 1;
        }
        let digits = &text[chars[start].0..chars.get(i).map_or(text.len(), |c| c.0)];
        let rest = chars.get(i).map_or("", |c| &text[c.0..]);
        let year = digits.len() == 4 && rest.starts_with('年');
        // The longest known unit right after the number.
        let unit = rest
            .char_indices()
            .map(|(k, c)| &rest[..k + c.len_utf8()])
            .take(6)
            .any(|u| units.lookup(u).is_some());
        if unit && !year {
            return true;
        }
    }
    false
}

/// `完成率≥95%`, `约50人`, `反向 ≤ 5 %`: the typed value inside a text that
/// reads only as text, as the rest of it from a sign or a digit on reads
/// (`≥95%`, `50人`, `≤ 5 %`). None when no such rest reads as a number,
/// date or range. At most [`INSIDE_TRIES`] starting places are tried, so a
/// long text costs a few linear parses, never a quadratic scan.
pub fn value_inside(text: &str, units: &UnitTable) -> Option<String> {
    let mut prev: Option<char> = None;
    let mut tries = 0;
    for (i, c) in text.char_indices() {
        let starts = (is_op_symbol_start(normalize_char(c)) || c.is_ascii_digit())
            && !prev.is_some_and(|p| p.is_ascii_digit() || p == '.');
        prev = Some(c);
        if !starts {
            continue;
        }
        tries += 1;
        if tries > INSIDE_TRIES {
            return None;
        }
        let rest = text[i..].trim();
        match parse_target(rest, units) {
            Ok(ParsedTarget {
                value:
                    TargetValue::Quantity { .. }
                    | TargetValue::Range { .. }
                    | TargetValue::Date { .. }
                    | TargetValue::Period { .. },
                ..
            }) => return Some(rest.to_string()),
            _ => continue,
        }
    }
    None
}

/// How many places [`value_inside`] tries.
const INSIDE_TRIES: usize = 4;

/// Words after a quantity that only say the target is reached.
const COMPLETION_WORDS: &[&str] = &["完成", "到位", "达标", "覆盖", "实现"];

fn parse_plain(text: &str, units: &UnitTable) -> Result<ParsedTarget, TargetProblem> {
    let cs = normalize(text);
    if cs.is_empty() {
        return Err(TargetProblem::Empty);
    }
    let p = Parser {
        text,
        cs: without_inclusive_note(&cs),
        units,
    };
    p.parse_from(0, true)
}

/// Like [`parse_target`], for a target the author quoted (`"3个乡镇全覆盖"`): quoting says
/// "this is text", so a number followed by words that are not a known unit is free text
/// instead of an unknown unit. Placeholders, garbled targets, bad numbers and dates are
/// still reported.
pub fn parse_quoted_target(text: &str, units: &UnitTable) -> Result<ParsedTarget, TargetProblem> {
    match parse_target(text, units) {
        Err(TargetProblem::UnknownUnit { .. }) => Ok(ParsedTarget {
            op: None,
            value: TargetValue::Text {
                text: trim_all(text).to_string(),
            },
        }),
        other => other,
    }
}

// ---------------------------------------------------------------------------------------
// Normalisation

/// One character of the normalised text with its byte range in the original text.
#[derive(Clone, Copy, Debug)]
struct NChar {
    c: char,
    start: usize,
    end: usize,
}

fn is_dropped_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

fn normalize_char(c: char) -> char {
    match c {
        // Full-width ASCII forms: digits, ％ ＞ ＜ ＝ ～ ． ， ／ － ［ ］ （ ） ＊ ？ ＿ letters.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '≧' | '⩾' => '≥',
        '≦' | '⩽' => '≤',
        '〜' | '∼' => '~',
        '—' | '–' | '―' | '−' | '‐' | '‑' | '﹣' => '-',
        '【' | '〔' => '[',
        '】' | '〕' => ']',
        '﹪' => '%',
        // Small form variants, seen in published tables (`﹦100%`).
        '﹦' => '=',
        '﹤' => '<',
        '﹥' => '>',
        _ => c,
    }
}

fn normalize(text: &str) -> Vec<NChar> {
    let mut out = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        if is_dropped_space(c) {
            continue;
        }
        out.push(NChar {
            c: normalize_char(c),
            start,
            end: start + c.len_utf8(),
        });
    }
    out
}

/// `≥90%（含）`: a trailing "inclusive" note after a number adds nothing; it is ignored.
fn without_inclusive_note(cs: &[NChar]) -> &[NChar] {
    for (note, l) in [("(含)", 3), ("(含本数)", 5)] {
        if let Some(head) = cs.len().checked_sub(l).and_then(|h| cs.get(..h)) {
            let tail = cs.get(head.len()..).unwrap_or(&[]);
            let matches = tail.iter().map(|n| n.c).eq(note.chars());
            let after_value = head
                .last()
                .is_some_and(|n| !matches!(n.c, '(' | ')') && !n.c.is_whitespace());
            if matches && after_value && head.iter().any(|n| n.c.is_ascii_digit()) {
                return head;
            }
        }
    }
    cs
}

/// The text without the leading and trailing characters that normalisation drops.
fn trim_all(text: &str) -> &str {
    text.trim_matches(is_dropped_space)
}

// ---------------------------------------------------------------------------------------
// Vocabularies

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Strength {
    /// `≥`, `>=`, `＞`: must be followed by a value.
    Symbol,
    /// `不低于`, `大于`: a comparison word; followed by words it is qualitative text.
    Word,
    /// `达到`, `控制在`, `截至`: gives the comparison only when no `以上`/`以内` follows.
    Soft,
}

const PREFIX_OPS: &[(&str, Op, Strength)] = &[
    (">=", Op::Ge, Strength::Symbol),
    ("=>", Op::Ge, Strength::Symbol),
    ("<=", Op::Le, Strength::Symbol),
    ("=<", Op::Le, Strength::Symbol),
    ("==", Op::Eq, Strength::Symbol),
    ("≥", Op::Ge, Strength::Symbol),
    ("≤", Op::Le, Strength::Symbol),
    (">", Op::Gt, Strength::Symbol),
    ("<", Op::Lt, Strength::Symbol),
    ("=", Op::Eq, Strength::Symbol),
    ("大于或等于", Op::Ge, Strength::Word),
    ("大于等于", Op::Ge, Strength::Word),
    ("高于或等于", Op::Ge, Strength::Word),
    ("不低于", Op::Ge, Strength::Word),
    ("不少于", Op::Ge, Strength::Word),
    ("不小于", Op::Ge, Strength::Word),
    ("至少", Op::Ge, Strength::Word),
    ("小于或等于", Op::Le, Strength::Word),
    ("小于等于", Op::Le, Strength::Word),
    ("低于或等于", Op::Le, Strength::Word),
    ("不高于", Op::Le, Strength::Word),
    ("不多于", Op::Le, Strength::Word),
    ("不大于", Op::Le, Strength::Word),
    ("不超过", Op::Le, Strength::Word),
    ("不超出", Op::Le, Strength::Word),
    ("至多", Op::Le, Strength::Word),
    ("最多", Op::Le, Strength::Word),
    ("大于", Op::Gt, Strength::Word),
    ("高于", Op::Gt, Strength::Word),
    ("多于", Op::Gt, Strength::Word),
    ("超过", Op::Gt, Strength::Word),
    ("小于", Op::Lt, Strength::Word),
    ("低于", Op::Lt, Strength::Word),
    ("少于", Op::Lt, Strength::Word),
    ("等于", Op::Eq, Strength::Word),
    ("达到", Op::Ge, Strength::Soft),
    ("控制在", Op::Le, Strength::Soft),
    ("截至", Op::Le, Strength::Soft),
    ("截止", Op::Le, Strength::Soft),
];

/// Words after a quantity or grade; they count only at the very end of the target.
const SUFFIX_OPS: &[(&str, Op)] = &[
    ("及以上", Op::Ge),
    ("或以上", Op::Ge),
    ("以上", Op::Ge),
    ("及以下", Op::Le),
    ("或以下", Op::Le),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("内", Op::Le),
];

/// Words after a date.
const DATE_SUFFIXES: &[(&str, Op)] = &[
    ("之前", Op::Le),
    ("以前", Op::Le),
    ("前", Op::Le),
    ("为止", Op::Le),
    ("止", Op::Le),
    ("之后", Op::Ge),
    ("以后", Op::Ge),
    ("后", Op::Ge),
];

/// Verbs that may follow a deadline without changing it (`2020年12月底前完成`).
const DATE_TAILS: &[&str] = &[
    "全部完成",
    "完成",
    "完工",
    "竣工",
    "办结",
    "结束",
    "到位",
    "支付",
    "拨付",
    "验收",
    "上线",
    "交付",
    "实施",
    "启动",
    "开工",
    "支付完毕",
    "拨付到位",
    "完成支付",
];

const YES_WORDS: &[&str] = &["是", "有", "yes", "Yes", "YES"];
const NO_WORDS: &[&str] = &["否", "无", "no", "No", "NO"];

/// Words that stand for a value still to be filled in.
const PLACEHOLDER_WORDS: &[&str] = &["待填", "待填写", "待补充"];

fn is_hole_char(c: char) -> bool {
    matches!(
        c,
        '*' | '_' | '?' | 'x' | 'X' | '□' | '■' | '…' | '×' | '＊'
    )
}

fn is_hole_letter(c: char) -> bool {
    matches!(c, 'x' | 'X' | '×')
}

fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '~' | '至' | '到')
}

fn is_op_symbol_start(c: char) -> bool {
    matches!(c, '≥' | '≤' | '>' | '<' | '=')
}

// ---------------------------------------------------------------------------------------
// Parser

struct Parser<'a> {
    text: &'a str,
    cs: &'a [NChar],
    units: &'a UnitTable,
}

/// A number literal as read.
struct Num {
    value: Decimal,
    /// Integer digits without sign and thousands separators.
    int_digits: String,
    /// True when the literal is a plain run of digits (no sign, fraction or separators).
    plain: bool,
    /// The literal as written (normalised).
    written: String,
}

/// A prefix comparison as read.
#[derive(Clone, Copy)]
struct PrefixOp {
    op: Op,
    strength: Strength,
}

/// All prefix comparisons before a value.
#[derive(Clone, Default)]
struct Prefix {
    ops: Vec<PrefixOp>,
}

impl Prefix {
    fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
    /// The comparisons that are not soft words.
    fn hard(&self) -> impl Iterator<Item = &PrefixOp> {
        self.ops.iter().filter(|p| p.strength != Strength::Soft)
    }
    fn has_symbol(&self) -> bool {
        self.ops.iter().any(|p| p.strength == Strength::Symbol)
    }
    fn doubled(&self) -> bool {
        self.ops.len() > 1
    }
    /// The merged hard comparison: the first that is not `=`, else `=`.
    fn hard_op(&self) -> Option<Op> {
        let mut first = None;
        for p in self.hard() {
            if p.op != Op::Eq {
                return Some(p.op);
            }
            first = first.or(Some(p.op));
        }
        first
    }
    fn soft_op(&self) -> Option<Op> {
        self.ops
            .iter()
            .find(|p| p.strength == Strength::Soft)
            .map(|p| p.op)
    }
    /// The comparison of the target: hard prefix, else suffix, else soft prefix, else `dflt`.
    fn resolve(&self, suffix: Option<Op>, dflt: Option<Op>) -> Option<Op> {
        self.hard_op().or(suffix).or(self.soft_op()).or(dflt)
    }
    /// True when a hard comparison and a suffix comparison word say the same thing twice.
    fn clashes_with(&self, suffix: Option<Op>) -> bool {
        suffix.is_some() && self.hard().next().is_some()
    }
}

fn canon(op: Option<Op>, value: &str, unit: &str) -> String {
    let o = op.map(|o| o.symbol()).unwrap_or("");
    format!("{}{}{}", o, value, unit)
}

impl<'a> Parser<'a> {
    fn len(&self) -> usize {
        self.cs.len()
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.cs.get(i).map(|n| n.c)
    }

    fn is_digit(&self, i: usize) -> bool {
        self.ch(i).is_some_and(|c| c.is_ascii_digit())
    }

    /// Byte range in the original text of the characters `a..b`.
    fn span(&self, a: usize, b: usize) -> Range<usize> {
        let first = self.cs.get(a);
        let last = if b > a { self.cs.get(b - 1) } else { None };
        match (first, last) {
            (Some(x), Some(y)) => x.start..y.end,
            (Some(x), None) => x.start..x.start,
            _ => {
                let e = self.cs.last().map_or(0, |n| n.end);
                e..e
            }
        }
    }

    fn whole(&self) -> Range<usize> {
        self.span(0, self.len())
    }

    /// The normalised characters `a..b`.
    fn string(&self, a: usize, b: usize) -> String {
        self.cs
            .get(a..b.min(self.len()))
            .map_or_else(String::new, |s| s.iter().map(|n| n.c).collect())
    }

    /// The original text, trimmed.
    fn original(&self) -> String {
        trim_all(self.text).to_string()
    }

    fn starts_with(&self, i: usize, word: &str) -> bool {
        (i..).zip(word.chars()).all(|(k, w)| self.ch(k) == Some(w))
    }

    /// True when the characters `a..b` spell exactly `word`.
    fn equals(&self, a: usize, b: usize, word: &str) -> bool {
        b >= a && word.chars().count() == b - a && self.starts_with(a, word)
    }

    fn any_digit(&self, a: usize, b: usize) -> bool {
        (a..b.min(self.len())).any(|k| self.is_digit(k))
    }

    fn text_value(&self) -> ParsedTarget {
        ParsedTarget {
            op: None,
            value: TargetValue::Text {
                text: self.original(),
            },
        }
    }

    /// The longest prefix comparison at `i`: (length in chars, op, strength).
    fn prefix_op_at(&self, i: usize) -> Option<(usize, Op, Strength)> {
        let mut best: Option<(usize, Op, Strength)> = None;
        for (w, op, st) in PREFIX_OPS {
            // The cheap test first: most words fail at their first character.
            if !self.starts_with(i, w) {
                continue;
            }
            let l = w.chars().count();
            if best.is_none_or(|b| l > b.0) {
                best = Some((l, *op, *st));
            }
        }
        best
    }

    /// A suffix comparison word spanning exactly `i..end`.
    fn suffix_at(&self, i: usize, end: usize) -> Option<Op> {
        SUFFIX_OPS
            .iter()
            .find(|(w, _)| self.equals(i, end, w))
            .map(|(_, op)| *op)
    }

    /// Parses a whole target starting at `start` (to the end). `allow_dup` permits looking
    /// at a second copy of the target after the first (only one level deep).
    fn parse_from(&self, start: usize, allow_dup: bool) -> Result<ParsedTarget, TargetProblem> {
        let n = self.len();
        let mut prefix = Prefix::default();
        let mut i = start;
        while let Some((l, op, strength)) = self.prefix_op_at(i) {
            prefix.ops.push(PrefixOp { op, strength });
            i += l;
        }
        if i >= n {
            if prefix.is_empty() {
                return Err(TargetProblem::Empty);
            }
            return Err(TargetProblem::MissingValue {
                at: self.span(start, n),
            });
        }

        if prefix.is_empty() {
            if let Some((_, marker)) = MARKER_WORDS.iter().find(|(w, _)| self.equals(i, n, w)) {
                return Ok(ParsedTarget {
                    op: None,
                    value: TargetValue::Marker { marker: *marker },
                });
            }
        }
        if let Some(p) = self.placeholder(start, i, &prefix) {
            return Err(p);
        }

        let c = self.ch(i).unwrap_or(' ');
        let signed_digit = matches!(c, '-' | '+') && self.is_digit(i + 1);
        if c.is_ascii_digit() || signed_digit {
            if c.is_ascii_digit() {
                if let Some(r) = self.date_or_period(start, i, &prefix) {
                    return r;
                }
            }
            return self.quantity_or_range(i, &prefix, allow_dup);
        }
        if c == '[' || c == '(' {
            if let Some(r) = self.bracket_range(i, &prefix) {
                return r;
            }
        }
        if let Some(r) = self.grade_or_yes_no(start, i, &prefix) {
            return r;
        }
        if prefix.has_symbol() {
            return Err(TargetProblem::MissingValue {
                at: self.span(start, n),
            });
        }
        Ok(self.text_value())
    }

    /// Template holes: `≥**%`, `≥XX%`, `***`, `≥ %`, `%`, `待填`.
    fn placeholder(&self, start: usize, i: usize, prefix: &Prefix) -> Option<TargetProblem> {
        let n = self.len();
        if PLACEHOLDER_WORDS.iter().any(|w| self.equals(i, n, w)) {
            return Some(TargetProblem::Placeholder {
                at: self.span(i, n),
            });
        }
        // A run of hole characters, then nothing or a unit (and maybe `以上`).
        let mut j = i;
        while self.ch(j).is_some_and(is_hole_char) {
            j += 1;
        }
        if j > i {
            let letters_only = (i..j).all(|k| self.ch(k).is_some_and(is_hole_letter));
            let next_is_letter = self.ch(j).is_some_and(|c| c.is_ascii_alphabetic());
            let rest_ok = j == n || (!self.any_digit(j, n) && self.unit_with_suffix(j, n));
            let long_enough = !letters_only || j - i >= 2 || (j < n && rest_ok);
            if rest_ok && long_enough && !next_is_letter {
                return Some(TargetProblem::Placeholder {
                    at: self.span(i, j),
                });
            }
        }
        // An operator and a unit without a number (`≥%`, `≥ 万元`), or a lone `%`.
        if !self.any_digit(i, n) && self.unit_with_suffix(i, n) {
            let (end, _) = self.strip_suffix(i, n);
            let unit = self.string(i, end);
            let percent = self.units.lookup(&unit) == Some(Dimension::Percent);
            if !prefix.is_empty() || percent {
                return Some(TargetProblem::Placeholder {
                    at: self.span(start, n),
                });
            }
        }
        None
    }

    /// Removes a trailing suffix comparison word from `a..b`.
    fn strip_suffix(&self, a: usize, b: usize) -> (usize, Option<Op>) {
        for (w, op) in SUFFIX_OPS {
            let l = w.chars().count();
            if b >= a + l && self.equals(b - l, b, w) {
                return (b - l, Some(*op));
            }
        }
        (b, None)
    }

    /// True when `a..b` is a known unit, optionally followed by a suffix word.
    fn unit_with_suffix(&self, a: usize, b: usize) -> bool {
        let (end, _) = self.strip_suffix(a, b);
        end > a && self.units.lookup(&self.string(a, end)).is_some()
    }

    // -----------------------------------------------------------------------------------
    // Numbers

    /// Reads a number literal at `i` (a sign, digits with optional `,` thousands separators,
    /// an optional fraction). Returns the number and the index after it.
    fn number(&self, i: usize, grouping: bool) -> Result<(Num, usize), TargetProblem> {
        let mut k = i;
        let mut negative = false;
        let mut plain = true;
        if matches!(self.ch(k), Some('-') | Some('+')) && self.is_digit(k + 1) {
            negative = self.ch(k) == Some('-');
            plain = false;
            k += 1;
        }
        let mut int_digits = String::new();
        loop {
            while let Some(c) = self.ch(k).filter(|c| c.is_ascii_digit()) {
                int_digits.push(c);
                k += 1;
            }
            let group = grouping
                && self.ch(k) == Some(',')
                && !int_digits.is_empty()
                && self.is_digit(k + 1)
                && self.is_digit(k + 2)
                && self.is_digit(k + 3)
                && !self.is_digit(k + 4);
            if !group {
                break;
            }
            plain = false;
            k += 1;
        }
        if int_digits.is_empty() {
            return Err(TargetProblem::BadNumber {
                at: self.span(i, k.max(i + 1)),
            });
        }
        // `1,00元`: a comma that is not a thousands separator, inside a number.
        if grouping && self.ch(k) == Some(',') && self.is_digit(k + 1) {
            let mut e = k + 1;
            while self.is_digit(e) {
                e += 1;
            }
            return Err(TargetProblem::BadNumber {
                at: self.span(i, e),
            });
        }
        let mut frac = String::new();
        if self.ch(k) == Some('.') {
            plain = false;
            if self.is_digit(k + 1) {
                k += 1;
                while let Some(c) = self.ch(k).filter(|c| c.is_ascii_digit()) {
                    frac.push(c);
                    k += 1;
                }
                if self.ch(k) == Some('.') {
                    return Err(self.bad_number_run(i, k));
                }
            } else {
                return Err(self.bad_number_run(i, k));
            }
        }
        let all: String = int_digits.chars().chain(frac.chars()).collect();
        let sig = all.trim_start_matches('0');
        if sig.chars().count() > MAX_SIG_DIGITS || frac.len() > MAX_SIG_DIGITS {
            return Err(TargetProblem::BadNumber {
                at: self.span(i, k),
            });
        }
        let mut mantissa: i128 = 0;
        for c in sig.chars() {
            let d = c.to_digit(10).unwrap_or(0) as i128;
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(d))
                .ok_or_else(|| TargetProblem::BadNumber {
                    at: self.span(i, k),
                })?;
        }
        if negative {
            mantissa = -mantissa;
        }
        let value =
            Decimal::try_from_i128_with_scale(mantissa, frac.len() as u32).map_err(|_| {
                TargetProblem::BadNumber {
                    at: self.span(i, k),
                }
            })?;
        Ok((
            Num {
                value,
                int_digits,
                plain,
                written: self.string(i, k),
            },
            k,
        ))
    }

    /// A malformed number: the run of digits and dots from `i` (which contains `k`).
    fn bad_number_run(&self, i: usize, k: usize) -> TargetProblem {
        let mut e = k;
        while self
            .ch(e)
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            e += 1;
        }
        TargetProblem::BadNumber {
            at: self.span(i, e.max(k + 1).min(self.len()).max(i + 1)),
        }
    }

    /// Scans a unit from `j` up to `limit`: stops at a digit (except `m2`), an operator, a
    /// range separator before a number, `,`/`;` (and `]`/`)` in brackets), or a suffix
    /// comparison word that ends exactly at `limit`. Returns the end of the unit, the suffix
    /// comparison and the index after the suffix.
    fn unit(&self, j: usize, limit: usize, bracket: bool) -> (usize, Option<Op>, usize) {
        let mut k = j;
        while k < limit {
            let c = match self.ch(k) {
                Some(c) => c,
                None => break,
            };
            if c.is_ascii_digit() {
                let after_letter = k > j
                    && self.ch(k - 1).is_some_and(|p| p.is_ascii_alphabetic())
                    && (c == '2' || c == '3')
                    && !self.is_digit(k + 1);
                if !after_letter {
                    break;
                }
                k += 1;
                continue;
            }
            if is_op_symbol_start(c) || c == ',' || c == ';' {
                break;
            }
            if bracket && (c == ']' || c == ')') {
                break;
            }
            if is_range_sep(c)
                && (self.is_digit(k + 1)
                    || (matches!(self.ch(k + 1), Some('-') | Some('+')) && self.is_digit(k + 2)))
            {
                break;
            }
            if let Some(op) = self.suffix_at(k, limit) {
                return (k, Some(op), limit);
            }
            k += 1;
        }
        (k, None, k)
    }

    /// Resolves the unit written at `a..b` (possibly empty).
    fn resolve_unit(
        &self,
        a: usize,
        b: usize,
        op: Option<Op>,
        num: &Num,
    ) -> Result<(Option<String>, Option<Dimension>), TargetProblem> {
        if b <= a {
            return Ok((None, None));
        }
        let unit = self.string(a, b);
        // `9**%`, `20XX年`: a hole right after the digits.
        let mut h = a;
        while self.ch(h).is_some_and(is_hole_char) && h < b {
            h += 1;
        }
        if h > a {
            let letters_only = (a..h).all(|k| self.ch(k).is_some_and(is_hole_letter));
            if !letters_only || h - a >= 2 {
                return Err(TargetProblem::Placeholder {
                    at: self.span(a, h),
                });
            }
        }
        if let Some(d) = self.units.lookup(&unit) {
            return Ok((Some(unit), Some(d)));
        }
        // `%%`, `万元万元`: the unit typed twice.
        let chars: Vec<char> = unit.chars().collect();
        if chars.len().is_multiple_of(2) && !chars.is_empty() {
            let (x, y) = chars.split_at(chars.len() / 2);
            if x == y {
                let half: String = x.iter().collect();
                if self.units.lookup(&half).is_some() {
                    return Err(TargetProblem::Garbled {
                        at: self.whole(),
                        intended: canon(op, &num.written, &half),
                    });
                }
            }
        }
        Err(TargetProblem::UnknownUnit {
            at: self.span(a, b),
            suggestion: self.units.suggest(&unit),
            unit,
        })
    }

    // -----------------------------------------------------------------------------------
    // Quantities and ranges

    fn quantity_or_range(
        &self,
        i: usize,
        prefix: &Prefix,
        allow_dup: bool,
    ) -> Result<ParsedTarget, TargetProblem> {
        let n = self.len();
        let (num, j) = self.number(i, true)?;
        let (unit_end, suffix, after) = self.unit(j, n, false);

        if after < n {
            let c = self.ch(after).unwrap_or(' ');
            if is_range_sep(c) {
                return self.range(i, num, j, unit_end, after + 1, prefix);
            }
            // A second copy of the target: `90%90%`, `≥90%90%及以上`, `≥90%,≥90%`.
            if allow_dup {
                let next = if c == ',' || c == ';' {
                    after + 1
                } else {
                    after
                };
                let (unit, _) = self.resolve_unit(j, unit_end, prefix.hard_op(), &num)?;
                let op = prefix.resolve(suffix, None);
                let second = self.parse_from(next, false);
                // Only a second quantity in the same unit is a merge of two targets.
                let op = match &second {
                    Ok(ParsedTarget {
                        op: second_op,
                        value:
                            TargetValue::Quantity {
                                unit: second_unit, ..
                            },
                    }) if *second_unit == unit => op.or(second_op.filter(|o| *o != Op::Eq)),
                    Err(e) if c.is_ascii_digit() || is_op_symbol_start(c) => return Err(e.clone()),
                    _ => {
                        return Err(TargetProblem::BadNumber {
                            at: self.span(after, n),
                        })
                    }
                };
                return Err(TargetProblem::Garbled {
                    at: self.whole(),
                    intended: canon(op, &num.written, unit.as_deref().unwrap_or("")),
                });
            }
            return Err(TargetProblem::BadNumber {
                at: self.span(after, n),
            });
        }

        let op = prefix.resolve(suffix, None);
        // `≥9090%及以上`: the digits typed twice, from a merge of `≥90%` and `90%及以上`.
        let is_percent = self.equals(j, unit_end, "%");
        let d = &num.int_digits;
        if num.plain
            && is_percent
            && d.len() >= 2
            && d.len() % 2 == 0
            // `≥99%` and `99%以上` are real targets: doubled digits count as a
            // merge only at four digits or more, a percentage no one means
            // (`≥9090%`, `9090%及以上`), next to a comparison.
            && d.len() >= 4
            && (suffix.is_some() || prefix.hard().next().is_some())
        {
            if let (Some(x), Some(y)) = (d.get(..d.len() / 2), d.get(d.len() / 2..)) {
                if x == y {
                    return Err(TargetProblem::Garbled {
                        at: self.whole(),
                        intended: canon(op, x, "%"),
                    });
                }
            }
        }
        let (unit, dimension) = self.resolve_unit(j, unit_end, op, &num)?;
        // `≥≥90%`, `≥90%以上`: the comparison written twice.
        if prefix.doubled() || prefix.clashes_with(suffix) {
            return Err(TargetProblem::Garbled {
                at: self.whole(),
                intended: canon(op, &num.written, unit.as_deref().unwrap_or("")),
            });
        }
        Ok(ParsedTarget {
            op: op.or(Some(Op::Eq)),
            value: TargetValue::Quantity {
                value: num.value,
                unit,
                dimension,
            },
        })
    }

    fn range(
        &self,
        i: usize,
        num1: Num,
        u1a: usize,
        u1b: usize,
        k: usize,
        prefix: &Prefix,
    ) -> Result<ParsedTarget, TargetProblem> {
        let n = self.len();
        let (num2, u2a) = self.number(k, true)?;
        let (u2b, suffix, after) = self.unit(u2a, n, false);
        if after < n {
            return Err(TargetProblem::BadNumber {
                at: self.span(after, n),
            });
        }
        let op = prefix.resolve(suffix, None);
        let (ua, ub, other) = if u2b > u2a {
            (u2a, u2b, Some((u1a, u1b)))
        } else {
            (u1a, u1b, None)
        };
        let (unit, dimension) = self.resolve_unit(ua, ub, op, &num2)?;
        if let Some((oa, ob)) = other {
            if ob > oa {
                self.resolve_unit(oa, ob, op, &num1)?;
            }
            if ob > oa && self.string(oa, ob) != self.string(ua, ub) {
                return Err(TargetProblem::BadNumber {
                    at: self.span(oa, ob),
                });
            }
        }
        if prefix.doubled() || prefix.clashes_with(suffix) {
            let u = unit.as_deref().unwrap_or("");
            return Err(TargetProblem::Garbled {
                at: self.whole(),
                intended: canon(op, &format!("{}{}-{}", num1.written, u, num2.written), u),
            });
        }
        if num1.value > num2.value {
            return Err(TargetProblem::RangeReversed {
                at: self.span(i, n),
            });
        }
        Ok(ParsedTarget {
            op,
            value: TargetValue::Range {
                min: num1.value,
                max: num2.value,
                unit,
                dimension,
            },
        })
    }

    /// `[90%,95%]`, `(80,90]`.
    fn bracket_range(
        &self,
        i: usize,
        prefix: &Prefix,
    ) -> Option<Result<ParsedTarget, TargetProblem>> {
        let n = self.len();
        let close = n.checked_sub(1)?;
        if !matches!(self.ch(close), Some(']') | Some(')')) || close <= i + 1 {
            return None;
        }
        let first = i + 1;
        if !(self.is_digit(first)
            || (matches!(self.ch(first), Some('-') | Some('+')) && self.is_digit(first + 1)))
        {
            return None;
        }
        let whole = self.span(i, n);
        let bad = || Err(TargetProblem::BadNumber { at: whole.clone() });
        let (num1, u1a) = match self.number(first, false) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let (u1b, _, after1) = self.unit(u1a, close, true);
        if !matches!(self.ch(after1), Some(',') | Some(';')) || after1 != u1b {
            return Some(bad());
        }
        let (num2, u2a) = match self.number(after1 + 1, false) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let (u2b, _, after2) = self.unit(u2a, close, true);
        if after2 != close || u2b != close {
            return Some(bad());
        }
        let (ua, ub) = if u2b > u2a { (u2a, u2b) } else { (u1a, u1b) };
        if u1b > u1a {
            if let Err(e) = self.resolve_unit(u1a, u1b, None, &num1) {
                return Some(Err(e));
            }
        }
        if u1b > u1a && u2b > u2a && self.string(u1a, u1b) != self.string(u2a, u2b) {
            return Some(Err(TargetProblem::BadNumber {
                at: self.span(u1a, u1b),
            }));
        }
        let op = prefix.resolve(None, None);
        let (unit, dimension) = match self.resolve_unit(ua, ub, op, &num2) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        if num1.value > num2.value {
            return Some(Err(TargetProblem::RangeReversed { at: whole }));
        }
        Some(Ok(ParsedTarget {
            op,
            value: TargetValue::Range {
                min: num1.value,
                max: num2.value,
                unit,
                dimension,
            },
        }))
    }

    // -----------------------------------------------------------------------------------
    // Grades and yes/no

    fn grade_or_yes_no(
        &self,
        start: usize,
        i: usize,
        prefix: &Prefix,
    ) -> Option<Result<ParsedTarget, TargetProblem>> {
        let n = self.len();
        if YES_WORDS.iter().any(|w| self.equals(i, n, w)) {
            return Some(self.yes_no(prefix, true));
        }
        if NO_WORDS.iter().any(|w| self.equals(i, n, w)) {
            return Some(self.yes_no(prefix, false));
        }
        let (end, suffix) = self.strip_suffix(i, n);
        let grade = grades::words().find(|g| self.equals(i, end, g))?;
        let op = prefix.resolve(suffix, None);
        if prefix.doubled() || prefix.clashes_with(suffix) {
            return Some(Err(TargetProblem::Garbled {
                at: self.span(start, n),
                intended: canon(op, grade, ""),
            }));
        }
        Some(Ok(ParsedTarget {
            op,
            value: TargetValue::Grade {
                grade: grade.to_string(),
            },
        }))
    }

    fn yes_no(&self, prefix: &Prefix, yes: bool) -> Result<ParsedTarget, TargetProblem> {
        let op = prefix.resolve(None, None);
        if prefix.doubled() {
            return Err(TargetProblem::Garbled {
                at: self.whole(),
                intended: canon(op, if yes { "是" } else { "否" }, ""),
            });
        }
        Ok(ParsedTarget {
            op,
            value: TargetValue::YesNo { yes },
        })
    }

    // -----------------------------------------------------------------------------------
    // Dates and periods

    fn digits(&self, i: usize) -> (String, usize) {
        let mut k = i;
        let mut s = String::new();
        while let Some(c) = self.ch(k).filter(|c| c.is_ascii_digit()) {
            s.push(c);
            k += 1;
        }
        (s, k)
    }

    /// Reads one date at `i`. `None` when the text there does not have the shape of a date.
    fn date_atom(&self, i: usize) -> Option<DateAtom> {
        let (y, j) = self.digits(i);
        let yn: u32 = if y.len() <= 8 {
            y.parse().ok()?
        } else {
            return None;
        };
        if y.len() == 4 {
            if !(1900..=2100).contains(&yn) {
                return None;
            }
            let c = self.ch(j);
            match c {
                Some(sep @ ('-' | '/' | '.')) => {
                    let (m, k) = self.digits(j + 1);
                    let month_len_ok = if sep == '.' {
                        m.len() == 2
                    } else {
                        (1..=2).contains(&m.len())
                    };
                    if !month_len_ok {
                        // `2021-2023`: a bare year before a period separator.
                        return Some(DateAtom::bare_year(yn, i, j));
                    }
                    let mn: u32 = m.parse().ok()?;
                    if self.ch(k) == Some(sep) && self.is_digit(k + 1) {
                        let (d, l) = self.digits(k + 1);
                        if !(1..=2).contains(&d.len()) {
                            return Some(DateAtom::invalid(i, l));
                        }
                        let dn: u32 = d.parse().ok()?;
                        return Some(DateAtom::ymd(yn, mn, dn, i, l));
                    }
                    if m.len() != 2 && !(1..=12).contains(&mn) {
                        return None;
                    }
                    Some(DateAtom::ym(yn, mn, false, i, k))
                }
                Some('年') => {
                    let k = j + 1;
                    if self.is_digit(k) {
                        let (m, l) = self.digits(k);
                        if self.ch(l) != Some('月') || m.len() > 2 {
                            return None;
                        }
                        let mn: u32 = m.parse().ok()?;
                        let after = l + 1;
                        if self.is_digit(after) {
                            let (d, q) = self.digits(after);
                            if matches!(self.ch(q), Some('日') | Some('号')) && d.len() <= 2 {
                                let dn: u32 = d.parse().ok()?;
                                return Some(DateAtom::ymd(yn, mn, dn, i, q + 1));
                            }
                            return Some(DateAtom::ym(yn, mn, false, i, after));
                        }
                        if matches!(self.ch(after), Some('底') | Some('末')) {
                            return Some(DateAtom::ym(yn, mn, true, i, after + 1));
                        }
                        return Some(DateAtom::ym(yn, mn, false, i, after));
                    }
                    for (w, m, d) in YEAR_PARTS {
                        if self.starts_with(k, w) {
                            let mut e = k + w.chars().count();
                            if matches!(self.ch(e), Some('末') | Some('底')) {
                                e += 1;
                            }
                            return Some(DateAtom::ymd(yn, *m, *d, i, e));
                        }
                    }
                    Some(DateAtom::year(yn, i, k))
                }
                _ => Some(DateAtom::bare_year(yn, i, j)),
            }
        } else if (1..=2).contains(&y.len()) && self.ch(j) == Some('月') {
            // A date without a year: kept as written.
            let after = j + 1;
            let mut e = after;
            let mut day = None;
            let mut bare = true;
            if self.is_digit(after) {
                let (d, q) = self.digits(after);
                if matches!(self.ch(q), Some('日') | Some('号')) && d.len() <= 2 {
                    day = d.parse::<u32>().ok();
                    e = q + 1;
                    bare = false;
                } else {
                    return None;
                }
            } else if matches!(self.ch(after), Some('底') | Some('末') | Some('初')) {
                e = after + 1;
                bare = false;
            }
            let valid = (1..=12).contains(&yn)
                && day.is_none_or(|d| d >= 1 && d <= days_in_month(None, yn));
            Some(DateAtom {
                iso: self.string(i, e),
                start: i,
                end: e,
                valid,
                kind: if bare {
                    AtomKind::BareMonth
                } else {
                    AtomKind::YearLess
                },
            })
        } else {
            None
        }
    }

    /// A date suffix (`前`, `之前`, `以后`) at `i`: (op, length).
    fn date_suffix(&self, i: usize) -> Option<(Op, usize)> {
        DATE_SUFFIXES
            .iter()
            .find(|(w, _)| self.starts_with(i, w))
            .map(|(w, op)| (*op, w.chars().count()))
    }

    fn date_tail_ok(&self, i: usize) -> bool {
        let n = self.len();
        i >= n || DATE_TAILS.iter().any(|w| self.equals(i, n, w))
    }

    /// `2020年1-6月`, `2020年3月至6月`: months of one year, as a period.
    fn months_of_a_year(
        &self,
        i: usize,
        prefix: &Prefix,
    ) -> Option<Result<ParsedTarget, TargetProblem>> {
        let (y, j) = self.digits(i);
        if y.len() != 4 || self.ch(j) != Some('年') {
            return None;
        }
        let yn: u32 = y.parse().ok()?;
        let (m1, k) = self.digits(j + 1);
        let k = if self.ch(k) == Some('月') { k + 1 } else { k };
        if !(1..=2).contains(&m1.len()) || !self.ch(k).is_some_and(is_range_sep) {
            return None;
        }
        let (m2, l) = self.digits(k + 1);
        if !(1..=2).contains(&m2.len()) || self.ch(l) != Some('月') || !(1900..=2100).contains(&yn)
        {
            return None;
        }
        let end = l + 1;
        if !self.date_tail_ok(end) {
            return Some(Ok(self.text_value()));
        }
        let (a, b): (u32, u32) = (m1.parse().ok()?, m2.parse().ok()?);
        if !(1..=12).contains(&a) || !(1..=12).contains(&b) {
            return Some(Err(TargetProblem::BadDate {
                at: self.span(i, end),
            }));
        }
        if a > b {
            return Some(Err(TargetProblem::RangeReversed {
                at: self.span(i, end),
            }));
        }
        Some(Ok(ParsedTarget {
            op: prefix.resolve(None, None),
            value: TargetValue::Period {
                from: Date::Month { year: yn, month: a },
                to: Date::Month { year: yn, month: b },
            },
        }))
    }

    /// Dates and periods; `None` when the text is not a date (then it is a quantity).
    fn date_or_period(
        &self,
        start: usize,
        i: usize,
        prefix: &Prefix,
    ) -> Option<Result<ParsedTarget, TargetProblem>> {
        let n = self.len();
        if let Some(r) = self.months_of_a_year(i, prefix) {
            return Some(r);
        }
        let a = self.date_atom(i)?;
        let k = a.end;
        // A period: two dates with years joined by `-`, `~`, `至`, `到`.
        if a.kind.has_year() && self.ch(k).is_some_and(is_range_sep) {
            if let Some(b) = self.date_atom(k + 1).filter(|b| b.kind.has_year()) {
                {
                    if !a.valid {
                        return Some(Err(TargetProblem::BadDate {
                            at: self.span(a.start, a.end),
                        }));
                    }
                    if !b.valid {
                        return Some(Err(TargetProblem::BadDate {
                            at: self.span(b.start, b.end),
                        }));
                    }
                    if b.end < n && !self.date_tail_ok(b.end) {
                        // `2021-2023年度`, `2000-3000元`: not a plain period.
                        if a.kind == AtomKind::BareYear && b.kind == AtomKind::BareYear {
                            return None;
                        }
                        return Some(Ok(self.text_value()));
                    }
                    let common = a.iso.len().min(b.iso.len());
                    if a.iso.get(..common) > b.iso.get(..common) {
                        return Some(Err(TargetProblem::RangeReversed {
                            at: self.span(i, b.end),
                        }));
                    }
                    let op = prefix.resolve(None, None);
                    if prefix.doubled() {
                        return Some(Err(TargetProblem::Garbled {
                            at: self.whole(),
                            intended: canon(op, &format!("{}~{}", a.iso, b.iso), ""),
                        }));
                    }
                    return Some(Ok(ParsedTarget {
                        op,
                        value: TargetValue::Period {
                            from: Date::from_iso(&a.iso),
                            to: Date::from_iso(&b.iso),
                        },
                    }));
                }
            }
        }
        // A single date.
        let mut e = k;
        let mut suffix = None;
        if let Some((op, l)) = self.date_suffix(e) {
            suffix = Some(op);
            e += l;
        }
        match a.kind {
            // `2020`, `2020元`: a number.
            AtomKind::BareYear => return None,
            // `12月` alone is a duration; `12月前` is a date.
            AtomKind::BareMonth if suffix.is_none() => return None,
            AtomKind::NumericYm if e < n && !self.date_tail_ok(e) => return None,
            _ => {}
        }
        if !a.valid {
            return Some(Err(TargetProblem::BadDate {
                at: self.span(a.start, a.end),
            }));
        }
        if !self.date_tail_ok(e) {
            return Some(Ok(self.text_value()));
        }
        let op = prefix.resolve(suffix, Some(Op::Eq));
        if prefix.doubled() {
            return Some(Err(TargetProblem::Garbled {
                at: self.span(start, n),
                intended: canon(op, &a.iso, ""),
            }));
        }
        Some(Ok(ParsedTarget {
            op,
            value: TargetValue::Date {
                date: Date::from_iso(&a.iso),
            },
        }))
    }
}

/// Parts of a year after `2020年`: (word, month, day of the period's end).
const YEAR_PARTS: &[(&str, u32, u32)] = &[
    ("上半年", 6, 30),
    ("下半年", 12, 31),
    ("年底", 12, 31),
    ("年末", 12, 31),
    ("底", 12, 31),
    ("末", 12, 31),
    ("第一季度", 3, 31),
    ("第二季度", 6, 30),
    ("第三季度", 9, 30),
    ("第四季度", 12, 31),
    ("一季度", 3, 31),
    ("二季度", 6, 30),
    ("三季度", 9, 30),
    ("四季度", 12, 31),
    ("第1季度", 3, 31),
    ("第2季度", 6, 30),
    ("第3季度", 9, 30),
    ("第4季度", 12, 31),
    ("1季度", 3, 31),
    ("2季度", 6, 30),
    ("3季度", 9, 30),
    ("4季度", 12, 31),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AtomKind {
    /// `2021` with nothing after: only a date inside a period.
    BareYear,
    /// `2021年`.
    Year,
    /// `2020-12`, `2020.12`.
    NumericYm,
    /// `2020年12月`, `2020-12-31`, `2020年12月底`.
    Full,
    /// `12月底`, `6月30日`.
    YearLess,
    /// `12月`: a date only before `前`.
    BareMonth,
}

impl AtomKind {
    fn has_year(&self) -> bool {
        !matches!(self, AtomKind::YearLess | AtomKind::BareMonth)
    }
}

struct DateAtom {
    iso: String,
    start: usize,
    end: usize,
    valid: bool,
    kind: AtomKind,
}

impl DateAtom {
    fn bare_year(y: u32, start: usize, end: usize) -> DateAtom {
        DateAtom {
            iso: format!("{:04}", y),
            start,
            end,
            valid: true,
            kind: AtomKind::BareYear,
        }
    }
    fn year(y: u32, start: usize, end: usize) -> DateAtom {
        DateAtom {
            kind: AtomKind::Year,
            ..DateAtom::bare_year(y, start, end)
        }
    }
    fn invalid(start: usize, end: usize) -> DateAtom {
        DateAtom {
            iso: String::new(),
            start,
            end,
            valid: false,
            kind: AtomKind::Full,
        }
    }
    /// Year and month; `month_end` resolves `底`/`末` to the last day.
    fn ym(y: u32, m: u32, month_end: bool, start: usize, end: usize) -> DateAtom {
        let valid = (1..=12).contains(&m);
        let iso = if month_end && valid {
            format!("{:04}-{:02}-{:02}", y, m, days_in_month(Some(y), m))
        } else {
            format!("{:04}-{:02}", y, m)
        };
        DateAtom {
            iso,
            start,
            end,
            valid,
            kind: if month_end {
                AtomKind::Full
            } else {
                AtomKind::NumericYm
            },
        }
    }
    fn ymd(y: u32, m: u32, d: u32, start: usize, end: usize) -> DateAtom {
        let valid = (1..=12).contains(&m) && d >= 1 && d <= days_in_month(Some(y), m);
        DateAtom {
            iso: format!("{:04}-{:02}-{:02}", y, m, d),
            start,
            end,
            valid,
            kind: AtomKind::Full,
        }
    }
}

/// Days in a month; without a year February has 29.
fn days_in_month(year: Option<u32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> UnitTable {
        UnitTable::builtin()
    }

    fn p(s: &str) -> Result<ParsedTarget, TargetProblem> {
        parse_target(s, &t())
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn qty(op: Op, v: &str, unit: Option<&str>) -> ParsedTarget {
        let u = t();
        ParsedTarget {
            op: Some(op),
            value: TargetValue::Quantity {
                value: d(v),
                unit: unit.map(|x| x.to_string()),
                dimension: unit.and_then(|x| u.lookup(x)),
            },
        }
    }

    fn ok(s: &str) -> ParsedTarget {
        match p(s) {
            Ok(x) => x,
            Err(e) => panic!("{:?} failed: {:?}", s, e),
        }
    }

    fn err(s: &str) -> TargetProblem {
        match p(s) {
            Ok(x) => panic!("{:?} parsed as {:?}", s, x),
            Err(e) => e,
        }
    }

    fn date(op: Option<Op>, iso: &str) -> ParsedTarget {
        ParsedTarget {
            op,
            value: TargetValue::Date {
                date: Date::from_iso(iso),
            },
        }
    }

    fn text(s: &str) -> ParsedTarget {
        ParsedTarget {
            op: None,
            value: TargetValue::Text {
                text: s.to_string(),
            },
        }
    }

    fn garbled(s: &str) -> String {
        match err(s) {
            TargetProblem::Garbled { at, intended } => {
                assert!(s.get(at).is_some());
                intended
            }
            e => panic!("{:?}: expected Garbled, got {:?}", s, e),
        }
    }

    /// The text underlined by a problem.
    fn under(s: &str) -> String {
        let at = match err(s) {
            TargetProblem::Garbled { at, .. }
            | TargetProblem::Placeholder { at }
            | TargetProblem::UnknownUnit { at, .. }
            | TargetProblem::BadNumber { at }
            | TargetProblem::BadDate { at }
            | TargetProblem::RangeReversed { at }
            | TargetProblem::MissingValue { at } => at,
            TargetProblem::Empty => return String::new(),
        };
        s.get(at).expect("span inside text").to_string()
    }

    #[test]
    fn op_strings() {
        assert_eq!(Op::Ge.as_str(), ">=");
        assert_eq!(Op::Le.as_str(), "<=");
        assert_eq!(Op::Eq.as_str(), "=");
        assert_eq!(Op::Gt.as_str(), ">");
        assert_eq!(Op::Lt.as_str(), "<");
        assert_eq!(Op::Ge.symbol(), "≥");
    }

    #[test]
    fn comparisons_with_symbols() {
        assert_eq!(ok("≥90%"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("≥ 90%"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok(">= 90 %"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("  ≥90%\t"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("≤65万元"), qty(Op::Le, "65", Some("万元")));
        assert_eq!(ok("=11个"), qty(Op::Eq, "11", Some("个")));
        assert_eq!(ok("＞92%"), qty(Op::Gt, "92", Some("%")));
        assert_eq!(ok("＜5天"), qty(Op::Lt, "5", Some("天")));
        assert_eq!(ok("≧90%"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("≦90%"), qty(Op::Le, "90", Some("%")));
        assert_eq!(ok("<=3天"), qty(Op::Le, "3", Some("天")));
        assert_eq!(ok(">100"), qty(Op::Gt, "100", None));
        assert_eq!(ok("≥90"), qty(Op::Ge, "90", None));
        assert_eq!(ok("≥90.5%"), qty(Op::Ge, "90.5", Some("%")));
        assert_eq!(ok("＝１１个"), qty(Op::Eq, "11", Some("个")));
    }

    #[test]
    fn comparisons_with_words() {
        assert_eq!(ok("不低于90%"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("不少于10次"), qty(Op::Ge, "10", Some("次")));
        assert_eq!(ok("不高于5天"), qty(Op::Le, "5", Some("天")));
        assert_eq!(ok("不超过65万元"), qty(Op::Le, "65", Some("万元")));
        assert_eq!(ok("大于90%"), qty(Op::Gt, "90", Some("%")));
        assert_eq!(ok("小于5%"), qty(Op::Lt, "5", Some("%")));
        assert_eq!(ok("高于80分"), qty(Op::Gt, "80", Some("分")));
        assert_eq!(ok("低于3%"), qty(Op::Lt, "3", Some("%")));
        assert_eq!(ok("达到95%"), qty(Op::Ge, "95", Some("%")));
        assert_eq!(ok("大于等于90%"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("不低于 90 %"), qty(Op::Ge, "90", Some("%")));
    }

    #[test]
    fn suffix_words() {
        assert_eq!(ok("90%以上"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("90%及以上"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("10天以内"), qty(Op::Le, "10", Some("天")));
        assert_eq!(ok("5次以下"), qty(Op::Le, "5", Some("次")));
        assert_eq!(ok("5次及以下"), qty(Op::Le, "5", Some("次")));
        assert_eq!(ok("30天内"), qty(Op::Le, "30", Some("天")));
        assert_eq!(ok("5个工作日内"), qty(Op::Le, "5", Some("个工作日")));
        assert_eq!(ok("90以上"), qty(Op::Ge, "90", None));
        // natural Chinese: 达到 … 以上, 控制在 … 以内
        assert_eq!(ok("≥90%（含）"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("≥90%(含)"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("(含)"), text("(含)"));
        assert_eq!(ok("达到90%以上"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("控制在5%以内"), qty(Op::Le, "5", Some("%")));
        assert_eq!(ok("控制在5%"), qty(Op::Le, "5", Some("%")));
    }

    #[test]
    fn plain_quantities() {
        assert_eq!(ok("100%"), qty(Op::Eq, "100", Some("%")));
        assert_eq!(ok("11个"), qty(Op::Eq, "11", Some("个")));
        assert_eq!(ok("65万元"), qty(Op::Eq, "65", Some("万元")));
        assert_eq!(ok("30天"), qty(Op::Eq, "30", Some("天")));
        assert_eq!(ok("3个月"), qty(Op::Eq, "3", Some("个月")));
        assert_eq!(ok("5个工作日"), qty(Op::Eq, "5", Some("个工作日")));
        assert_eq!(ok("1200平方米"), qty(Op::Eq, "1200", Some("平方米")));
        assert_eq!(ok("5公里"), qty(Op::Eq, "5", Some("公里")));
        assert_eq!(ok("12月"), qty(Op::Eq, "12", Some("月")));
        assert_eq!(ok("78.00万元"), qty(Op::Eq, "78.00", Some("万元")));
        assert_eq!(ok("‰5").value, text("‰5").value);
        assert_eq!(ok("5‰"), qty(Op::Eq, "5", Some("‰")));
        assert_eq!(ok("2个百分点"), qty(Op::Eq, "2", Some("个百分点")));
        assert_eq!(ok("100m²"), qty(Op::Eq, "100", Some("m²")));
        assert_eq!(ok("100m2"), qty(Op::Eq, "100", Some("m2")));
        assert_eq!(ok("-5%"), qty(Op::Eq, "-5", Some("%")));
        assert_eq!(ok("≤-5%"), qty(Op::Le, "-5", Some("%")));
        // the scale as written is kept
        if let TargetValue::Quantity { value, .. } = ok("78.00万元").value {
            assert_eq!(value.to_string(), "78.00");
        }
    }

    #[test]
    fn full_width_forms() {
        assert_eq!(ok("９０％"), qty(Op::Eq, "90", Some("%")));
        assert_eq!(ok("≥９０％"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("＞＝９０％"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("　≥　90%　"), qty(Op::Ge, "90", Some("%")));
        assert_eq!(ok("1，000元"), qty(Op::Eq, "1000", Some("元")));
        assert_eq!(ok("5ｋｍ"), qty(Op::Eq, "5", Some("km")));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(ok("1,000元"), qty(Op::Eq, "1000", Some("元")));
        assert_eq!(ok("≤1,234,567.89元"), qty(Op::Le, "1234567.89", Some("元")));
        assert_eq!(under("1,00元"), "1,00");
    }

    #[test]
    fn compound_units() {
        let x = ok("300元/亩");
        assert_eq!(
            x.value,
            TargetValue::Quantity {
                value: d("300"),
                unit: Some("元/亩".into()),
                dimension: Some(Dimension::Per(
                    Box::new(Dimension::Money),
                    Box::new(Dimension::Area)
                )),
            }
        );
        assert_eq!(ok("≥2次/年").op, Some(Op::Ge));
    }

    #[test]
    fn dates() {
        assert_eq!(ok("2020-12-31"), date(Some(Op::Eq), "2020-12-31"));
        assert_eq!(ok("2020/12/31"), date(Some(Op::Eq), "2020-12-31"));
        assert_eq!(ok("2020.12.31"), date(Some(Op::Eq), "2020-12-31"));
        assert_eq!(ok("2020年12月31日"), date(Some(Op::Eq), "2020-12-31"));
        assert_eq!(ok("2020年12月31日前"), date(Some(Op::Le), "2020-12-31"));
        assert_eq!(ok("2020年12月底前"), date(Some(Op::Le), "2020-12-31"));
        assert_eq!(ok("2020年2月底前"), date(Some(Op::Le), "2020-02-29"));
        assert_eq!(ok("2021年2月末"), date(Some(Op::Eq), "2021-02-28"));
        assert_eq!(ok("2020年12月前"), date(Some(Op::Le), "2020-12"));
        assert_eq!(ok("2020年12月"), date(Some(Op::Eq), "2020-12"));
        assert_eq!(ok("2020年底前"), date(Some(Op::Le), "2020-12-31"));
        assert_eq!(ok("2020年上半年"), date(Some(Op::Eq), "2020-06-30"));
        assert_eq!(ok("2020年第三季度"), date(Some(Op::Eq), "2020-09-30"));
        assert_eq!(ok("2021年"), date(Some(Op::Eq), "2021"));
        assert_eq!(ok("2020.12"), date(Some(Op::Eq), "2020-12"));
        assert_eq!(ok("12月底前"), date(Some(Op::Le), "12月底"));
        assert_eq!(ok("12月前"), date(Some(Op::Le), "12月"));
        assert_eq!(ok("6月30日"), date(Some(Op::Eq), "6月30日"));
        assert_eq!(ok("2020年12月底前完成"), date(Some(Op::Le), "2020-12-31"));
        assert_eq!(ok("≤2020-12-31"), date(Some(Op::Le), "2020-12-31"));
        assert_eq!(
            ok("２０２０年１２月３１日"),
            date(Some(Op::Eq), "2020-12-31")
        );
        assert_eq!(ok("截至2020年底"), date(Some(Op::Le), "2020-12-31"));
        // a date followed by a sentence is text
        assert_eq!(
            ok("2020年12月底前完成全部采购工作"),
            text("2020年12月底前完成全部采购工作")
        );
        // numbers that look a little like years stay numbers
        assert_eq!(ok("2020元"), qty(Op::Eq, "2020", Some("元")));
        assert_eq!(ok("2020"), qty(Op::Eq, "2020", None));
        assert_eq!(ok("2020.10万元"), qty(Op::Eq, "2020.10", Some("万元")));
        assert_eq!(ok("3年"), qty(Op::Eq, "3", Some("年")));
    }

    #[test]
    fn bad_dates() {
        assert_eq!(under("2020-13-01"), "2020-13-01");
        assert_eq!(under("2020-02-30"), "2020-02-30");
        assert_eq!(under("2021年2月29日"), "2021年2月29日");
        assert!(matches!(err("2020-13"), TargetProblem::BadDate { .. }));
        assert!(matches!(err("13月底前"), TargetProblem::BadDate { .. }));
        assert!(matches!(err("2020年13月前"), TargetProblem::BadDate { .. }));
        assert_eq!(ok("2020-02-29"), date(Some(Op::Eq), "2020-02-29"));
        assert_eq!(under("1900-02-29"), "1900-02-29");
        assert_eq!(ok("2000-02-29"), date(Some(Op::Eq), "2000-02-29"));
    }

    #[test]
    fn template_hints_in_brackets_leave_the_value() {
        let u = UnitTable::builtin();
        assert_eq!(
            without_bracketed_hint("(≥**个) >=4个", &u).as_deref(),
            Some(">=4个")
        );
        assert_eq!(
            without_bracketed_hint("≥4个（≥**个）", &u).as_deref(),
            Some("≥4个")
        );
        assert_eq!(without_bracketed_hint("≥4个（含2个新建）", &u), None);
        assert_eq!(without_bracketed_hint("（≥**个）", &u), None);
    }

    #[test]
    fn numbers_in_free_text_are_noticed() {
        let u = UnitTable::builtin();
        for t in ["约50人", "完成率≥95%", "不少于**次"] {
            assert!(looks_quantitative(t, &u), "{t}");
        }
        for t in [
            "稳步提高",
            "完成2023年度任务",
            "符合GB 3095-2012二级标准",
            "达到国家标准",
        ] {
            assert!(!looks_quantitative(t, &u), "{t}");
        }
    }

    #[test]
    fn small_form_signs_are_signs() {
        // `﹦` (U+FE66) read as text would hide the value from every check.
        assert_eq!(ok("﹦100%"), ok("=100%"));
        assert_eq!(ok("﹥90%"), ok(">90%"));
        assert_eq!(ok("﹤5天"), ok("<5天"));
    }

    #[test]
    fn dates_read_back_as_written() {
        for iso in [
            "2020",
            "2020-12",
            "2020-12-31",
            "12月底",
            "6月30日",
            "2020-1",
            "20201",
        ] {
            assert_eq!(Date::from_iso(iso).to_string(), iso);
        }
        assert_eq!(
            Date::from_iso("2020-12"),
            Date::Month {
                year: 2020,
                month: 12
            }
        );
        assert_eq!(Date::from_iso("2020-1").year(), None);
        let d = Date::from_iso("2020-06-30");
        assert_eq!(d.shifted(1), Some(Date::from_iso("2021-06-30")));
        assert_eq!(
            d.compare(&Date::from_iso("2021-01-01")),
            Some(std::cmp::Ordering::Less)
        );
        assert_eq!(d.compare(&Date::from_iso("2021-01")), None);
    }

    #[test]
    fn periods() {
        let per = |a: &str, b: &str| ParsedTarget {
            op: None,
            value: TargetValue::Period {
                from: Date::from_iso(a),
                to: Date::from_iso(b),
            },
        };
        assert_eq!(ok("2023.07-2024.01"), per("2023-07", "2024-01"));
        assert_eq!(ok("2023年7月-2024年1月"), per("2023-07", "2024-01"));
        assert_eq!(ok("2021-2023年"), per("2021", "2023"));
        assert_eq!(ok("2021年-2023年"), per("2021", "2023"));
        assert_eq!(ok("2021—2023年"), per("2021", "2023"));
        assert_eq!(ok("2021-2023"), per("2021", "2023"));
        assert_eq!(
            ok("2020-01-01至2020-12-31"),
            per("2020-01-01", "2020-12-31")
        );
        assert_eq!(ok("2020年1-6月"), per("2020-01", "2020-06"));
        assert_eq!(ok("2020年3月至6月"), per("2020-03", "2020-06"));
        assert_eq!(under("2020年6-3月"), "2020年6-3月");
        assert_eq!(under("2020年1-13月"), "2020年1-13月");
        assert_eq!(under("2024.01-2023.07"), "2024.01-2023.07");
        assert_eq!(under("2020-02-30至2020-12-31"), "2020-02-30");
        // not periods
        assert!(matches!(ok("1000-2000人").value, TargetValue::Range { .. }));
        assert!(matches!(ok("2000-3000元").value, TargetValue::Range { .. }));
    }

    #[test]
    fn ranges() {
        let range = |a: &str, b: &str, u: Option<&str>| ParsedTarget {
            op: None,
            value: TargetValue::Range {
                min: d(a),
                max: d(b),
                unit: u.map(|x| x.to_string()),
                dimension: u.and_then(|x| t().lookup(x)),
            },
        };
        assert_eq!(ok("90%-95%"), range("90", "95", Some("%")));
        assert_eq!(ok("90%~95%"), range("90", "95", Some("%")));
        assert_eq!(ok("90%～95%"), range("90", "95", Some("%")));
        assert_eq!(ok("80～90分"), range("80", "90", Some("分")));
        assert_eq!(ok("90-95%"), range("90", "95", Some("%")));
        assert_eq!(ok("90%至95%"), range("90", "95", Some("%")));
        assert_eq!(ok("[90%,95%]"), range("90", "95", Some("%")));
        assert_eq!(ok("[90%，95%]"), range("90", "95", Some("%")));
        assert_eq!(ok("[100,200]"), range("100", "200", None));
        assert_eq!(ok("90 % - 95 %"), range("90", "95", Some("%")));
        assert_eq!(under("95%-90%"), "95%-90%");
        assert_eq!(under("[95%,90%]"), "[95%,90%]");
        assert_eq!(under("90%-95分"), "%");
        assert_eq!(under("90%-95%-100%"), "-100%");
        assert!(matches!(err("90%-95嗯"), TargetProblem::UnknownUnit { .. }));
    }

    #[test]
    fn grades_and_yes_no() {
        let g = |op: Option<Op>, s: &str| ParsedTarget {
            op,
            value: TargetValue::Grade { grade: s.into() },
        };
        for w in crate::lang::grades::words() {
            assert_eq!(ok(w), g(None, w));
        }
        assert_eq!(ok(" 良好 "), g(None, "良好"));
        assert_eq!(ok("≥良好"), g(Some(Op::Ge), "良好"));
        assert_eq!(ok("不低于良好"), g(Some(Op::Ge), "良好"));
        assert_eq!(ok("良好及以上"), g(Some(Op::Ge), "良好"));
        assert_eq!(ok("达到优秀"), g(Some(Op::Ge), "优秀"));
        let yn = |yes| ParsedTarget {
            op: None,
            value: TargetValue::YesNo { yes },
        };
        assert_eq!(ok("是"), yn(true));
        assert_eq!(ok("有"), yn(true));
        assert_eq!(ok("否"), yn(false));
        assert_eq!(ok("无"), yn(false));
        assert_eq!(ok("=是").op, Some(Op::Eq));
    }

    #[test]
    fn free_text() {
        for s in [
            "应保尽保",
            "稳步提高",
            "明显改善",
            "有效提升",
            "较上年提高2个百分点",
            "逐步完善",
        ] {
            assert_eq!(ok(s), text(s));
        }
        assert_eq!(ok("  应保尽保 "), text("应保尽保"));
        assert_eq!(ok("不低于上年"), text("不低于上年"));
        assert_eq!(ok("达到国家标准"), text("达到国家标准"));
        assert_eq!(ok("高于全国平均水平"), text("高于全国平均水平"));
        assert_eq!(ok("😀"), text("😀"));
        assert_eq!(ok("X光机正常运行"), text("X光机正常运行"));
        assert_eq!(ok("万元"), text("万元"));
    }

    #[test]
    fn completion_words_after_a_quantity() {
        let t = ok("100%完成");
        assert_eq!(t.op, Some(Op::Eq));
        assert!(
            matches!(t.value, TargetValue::Quantity { ref unit, .. } if unit.as_deref() == Some("%"))
        );
        ok("≥95%到位");
        ok("12个 完成");
        assert!(matches!(err("100%完全"), TargetProblem::UnknownUnit { .. }));
    }

    #[test]
    fn repeated_digits_alone_are_real_targets() {
        for t in [
            "≥99%",
            "≥ 99%",
            "≥88%",
            "=11个",
            "≤55天",
            "≥1010个",
            "99%以上",
            "88%及以上",
        ] {
            ok(t);
        }
    }

    #[test]
    fn garbled_targets() {
        assert_eq!(garbled("≥9090%及以上"), "≥90%");
        assert_eq!(garbled("≥8080%及以上"), "≥80%");
        assert_eq!(garbled("≥100100%及以上"), "≥100%");
        assert_eq!(garbled("9090%及以上"), "≥90%");
        assert_eq!(garbled("≥9090%"), "≥90%");
        assert_eq!(garbled("≥90%%"), "≥90%");
        assert_eq!(garbled("≥≥90%"), "≥90%");
        assert_eq!(garbled("≥=90%"), "≥90%");
        assert_eq!(garbled("不低于≥90%"), "≥90%");
        assert_eq!(garbled("≥90%以上"), "≥90%");
        assert_eq!(garbled("≥90%及以上"), "≥90%");
        assert_eq!(garbled("不低于90%以上"), "≥90%");
        assert_eq!(garbled("≤5天以内"), "≤5天");
        assert_eq!(garbled("90%90%"), "90%");
        assert_eq!(garbled("≥90%90%及以上"), "≥90%");
        assert_eq!(garbled("≥90% 90%及以上"), "≥90%");
        assert_eq!(garbled("≥90%，≥90%"), "≥90%");
        // a second value in another unit is not a copy
        assert_eq!(under("90%5天"), "5天");
        assert_eq!(under("≥90%≥"), "≥");
        assert_eq!(garbled("≥5万元万元"), "≥5万元");
        assert_eq!(garbled("≥良好以上"), "≥良好");
        assert_eq!(garbled("≥ 9090 % 及以上"), "≥90%");
        assert_eq!(under("  ≥9090%及以上 "), "≥9090%及以上");
        // not garbled: plain large percentages and doubled digits without a comparison
        assert_eq!(ok("9090%"), qty(Op::Eq, "9090", Some("%")));
        assert_eq!(ok("≥1010元"), qty(Op::Ge, "1010", Some("元")));
    }

    #[test]
    fn a_value_inside_a_text() {
        let units = UnitTable::builtin();
        let inside = |t: &str| value_inside(t, &units);
        assert_eq!(inside("完成率≥95%").as_deref(), Some("≥95%"));
        assert_eq!(inside("约50人").as_deref(), Some("50人"));
        assert_eq!(inside("反向 ≤ 5 %").as_deref(), Some("≤ 5 %"));
        assert_eq!(inside("2023年度完成"), None);
        assert_eq!(inside("稳步提高"), None);
    }

    #[test]
    fn markers_stand_for_a_value_on_purpose() {
        let units = UnitTable::builtin();
        let marker = |t: &str| match parse_target(t, &units) {
            Ok(ParsedTarget {
                op: None,
                value: TargetValue::Marker { marker },
            }) => Some(marker),
            _ => None,
        };
        assert_eq!(marker("不适用"), Some(Marker::NotApplicable));
        assert_eq!(marker(" 不涉及 "), Some(Marker::NotApplicable));
        assert_eq!(marker("待定"), Some(Marker::Pending));
        assert_eq!(marker("待核定"), Some(Marker::Pending));
        // With a sign or inside a value it is a hole, not a marker.
        assert!(parse_target("≥待定", &units).is_err());
        assert_eq!(marker("不适用于农村"), None);
    }

    #[test]
    fn placeholders() {
        assert_eq!(under("≥**%"), "**");
        assert_eq!(under("≥XX%"), "XX");
        assert_eq!(under("≥xx%"), "xx");
        assert_eq!(under("≥__%"), "__");
        assert_eq!(under("≥？%"), "？");
        assert_eq!(under("≥ %"), "≥ %");
        assert_eq!(under("≥%"), "≥%");
        assert_eq!(under("***"), "***");
        assert_eq!(under("XX万元"), "XX");
        assert_eq!(under("≥X%"), "X");
        assert_eq!(under("待填"), "待填");
        assert_eq!(under("%"), "%");
        assert_eq!(under("≥万元"), "≥万元");
        assert_eq!(under("≥9*%"), "*");
        assert_eq!(under("20XX年12月底前"), "XX");
        assert!(matches!(err("≥**%以上"), TargetProblem::Placeholder { .. }));
    }

    #[test]
    fn unknown_units() {
        match err("≥10人吹") {
            TargetProblem::UnknownUnit {
                at,
                unit,
                suggestion,
            } => {
                assert_eq!(unit, "人吹");
                assert_eq!(suggestion.as_deref(), Some("人次"));
                assert_eq!("≥10人吹".get(at), Some("人吹"));
            }
            e => panic!("{:?}", e),
        }
        match err("100%完全") {
            TargetProblem::UnknownUnit {
                unit, suggestion, ..
            } => {
                assert_eq!(unit, "%完全");
                assert_eq!(suggestion.as_deref(), Some("%"));
            }
            e => panic!("{:?}", e),
        }
        // a declared unit is known
        let mut u = t();
        assert!(parse_target("5床位日", &u).is_err());
        u.declare("床位日", Dimension::Count);
        assert!(parse_target("5床位日", &u).is_ok());
        // quoted targets are text when the "unit" is words
        assert_eq!(
            parse_quoted_target("3个乡镇全覆盖了", &t()),
            Ok(text("3个乡镇全覆盖了"))
        );
        assert!(parse_quoted_target("≥**%", &t()).is_err());
    }

    #[test]
    fn bad_numbers() {
        assert_eq!(under("9..0%"), "9..0");
        assert_eq!(under("≥9..0%"), "9..0");
        assert_eq!(under("90.%"), "90.");
        assert_eq!(under("1.2.3%"), "1.2.3");
        assert_eq!(
            under("9999999999999999999999999999999999999999%"),
            "9999999999999999999999999999999999999999"
        );
        // 28 significant digits are fine, 29 are not
        assert!(p("9999999999999999999999999999%").is_ok());
        assert!(matches!(
            err("99999999999999999999999999999%"),
            TargetProblem::BadNumber { .. }
        ));
        assert!(p("0.000000000000000000000000001").is_ok());
        assert!(matches!(
            err("0.00000000000000000000000000001"),
            TargetProblem::BadNumber { .. }
        ));
        // leading zeros are not significant
        let zeros = format!("{}1%", "0".repeat(100));
        assert_eq!(ok(&zeros), qty(Op::Eq, "1", Some("%")));
    }

    #[test]
    fn missing_values() {
        assert_eq!(under("≥"), "≥");
        assert_eq!(under(" ≥ "), "≥");
        assert_eq!(under("不低于"), "不低于");
        assert_eq!(under(">="), ">=");
        assert_eq!(under("≥上年"), "≥上年");
        assert_eq!(under("≥😀"), "≥😀");
    }

    #[test]
    fn empty() {
        assert_eq!(err(""), TargetProblem::Empty);
        assert_eq!(err("   "), TargetProblem::Empty);
        assert_eq!(err("\u{3000}\u{200B}"), TargetProblem::Empty);
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(ok("不低于 90 ％").to_canonical(), "≥90%");
        assert_eq!(ok("90%及以上").to_canonical(), "≥90%");
        assert_eq!(ok("11个").to_canonical(), "11个");
        assert_eq!(ok("90%~95%").to_canonical(), "90%-95%");
        assert_eq!(ok("2020年12月底前").to_canonical(), "≤2020-12-31");
        assert_eq!(ok("2023.07-2024.01").to_canonical(), "2023-07~2024-01");
        assert_eq!(ok("良好以上").to_canonical(), "≥良好");
        assert_eq!(ok("应保尽保").to_canonical(), "应保尽保");
    }

    #[test]
    fn spans_are_inside_the_text() {
        let cases = [
            "≥",
            "%",
            "≥≥",
            "≥%%",
            "9..",
            "..9",
            "9.",
            ",",
            "1,",
            "1,0",
            "-",
            "-5",
            "--5",
            "+5%",
            "5-",
            "5-%",
            "[",
            "[]",
            "[1",
            "[1,",
            "[1,2",
            "[,]",
            "(1,2)",
            "\0",
            "≥\0",
            "90%\0",
            "\0≥90%",
            "2020-",
            "2020年",
            "2020年1",
            "2020年1月1",
            "2020-1-",
            "2020..12",
            "月",
            "1月",
            "99月底前",
            "2020年99999999999999月",
            "99999999999999999999月底前",
            "年底前",
            "≥9090",
            "9090%以上",
            "≥90%90",
            "≥90%≥",
            "≥90%,",
            "≥90%;90%",
            "x",
            "X",
            "xX%",
            "20200000000000000000000000000000-12-31",
            "≥𝟗𝟎%",
            "٩٠%",
            "≥90%\u{301}",
            "ⅩⅡ个",
            "≥〇",
            "2020年12月31日前前",
            "12月31日24时",
            "≥90%-",
            "90%-",
            "90%~%",
            "~",
            "至",
            "90至",
            "1/",
            "1元/",
            "1/亩",
            "1元/亩/年",
            "1元//亩",
        ];
        for s in cases {
            match p(s) {
                Ok(_) | Err(TargetProblem::Empty) => {}
                Err(_) => {
                    let _ = under(s);
                }
            }
        }
    }

    /// Every combination of two (and of three, for a smaller set) fragments parses without
    /// panicking, and every problem underlines a part of the text.
    #[test]
    fn fragment_combinations_never_panic() {
        let frags = [
            "≥",
            "≤",
            ">=",
            "=",
            "＞",
            "不低于",
            "达到",
            "控制在",
            "90",
            "9090",
            "9",
            "0",
            "-",
            "+",
            ".",
            ",",
            "，",
            "%",
            "％",
            "%%",
            "万元",
            "元/亩",
            "/",
            "个月",
            "天",
            "以上",
            "及以上",
            "以内",
            "内",
            "前",
            "底",
            "年",
            "月",
            "日",
            "2020",
            "12",
            "31",
            "至",
            "~",
            "[",
            "]",
            "*",
            "X",
            "？",
            "良好",
            "是",
            "应保尽保",
            " ",
            "\0",
            "😀",
            "１",
            "〇",
            "\u{301}",
        ];
        let u = t();
        let check = |s: &str| {
            if let Err(e) = parse_target(s, &u) {
                let at = match e {
                    TargetProblem::Garbled { at, .. }
                    | TargetProblem::Placeholder { at }
                    | TargetProblem::UnknownUnit { at, .. }
                    | TargetProblem::BadNumber { at }
                    | TargetProblem::BadDate { at }
                    | TargetProblem::RangeReversed { at }
                    | TargetProblem::MissingValue { at } => at,
                    TargetProblem::Empty => 0..0,
                };
                assert!(
                    at.start <= at.end && s.get(at.clone()).is_some(),
                    "{:?} {:?}",
                    s,
                    at
                );
            }
        };
        for a in frags {
            for b in frags {
                check(&format!("{a}{b}"));
                for c in frags.iter().take(16) {
                    check(&format!("{a}{b}{c}"));
                }
            }
        }
    }

    #[test]
    fn no_panic_on_long_or_odd_input() {
        let long = "9".repeat(100_000);
        assert!(matches!(err(&long), TargetProblem::BadNumber { .. }));
        let ops = "≥".repeat(10_000) + "90%";
        assert!(matches!(err(&ops), TargetProblem::Garbled { .. }));
        let txt = "应".repeat(100_000);
        assert!(matches!(ok(&txt).value, TargetValue::Text { .. }));
        let unit = format!("5{}", "嗯".repeat(100_000));
        assert!(matches!(err(&unit), TargetProblem::UnknownUnit { .. }));
        let dots = format!("9{}", ".".repeat(10_000));
        assert!(matches!(err(&dots), TargetProblem::BadNumber { .. }));
        let seps = format!("1{}", ",000".repeat(10_000));
        assert!(matches!(err(&seps), TargetProblem::BadNumber { .. }));
        let date = format!("2020年{}月", "1".repeat(10_000));
        let _ = p(&date);
        let holes = "*".repeat(10_000);
        assert!(matches!(err(&holes), TargetProblem::Placeholder { .. }));
    }
}
