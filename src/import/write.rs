//! The draft as `.jx` text: every fact in its statement, texts quoted and
//! escaped, words left bare where the language reads them as words, and
//! each note a `//` comment where it was found. The caller runs the result
//! through the formatter for the canonical layout.

use super::draft::{
    Budget, Department, Draft, Indicator, Note, Overall, Party, Project, Source, Target,
};
use super::grid::Origin;
use crate::diag::Lang;
use crate::lang::category::{self, Level1};
use crate::lang::choices::FormKind;
use crate::lang::units::{Dimension, UnitTable};
use crate::target::{parse_target, ParsedTarget, TargetProblem, TargetValue};
use std::fmt::Write;

/// Print the draft. `from` names the input in the first comment.
pub fn write(d: &Draft, lang: Lang, from: &str) -> String {
    let mut w = Writer::new(lang);
    w.declare_units(d.indicators());
    w.head(from, &d.head_notes);
    w.department(&d.department, d);
    w.overall(&d.overall, &d.overall_notes);
    for p in &d.projects {
        w.project(p);
    }
    w.out
}

pub(super) struct Writer {
    pub(super) out: String,
    lang: Lang,
    units: UnitTable,
    /// Units declared with `define-unit`: (name, dimension).
    declared: Vec<(String, String)>,
    /// Write a number with a unit the table does not know as printed
    /// (`≥100百分比`, the checker then names the unit) rather than quote it
    /// as free text.
    pub(super) bare_unknown_units: bool,
}

impl Writer {
    pub(super) fn new(lang: Lang) -> Writer {
        Writer {
            out: String::new(),
            lang,
            units: UnitTable::builtin(),
            declared: Vec::new(),
            bare_unknown_units: false,
        }
    }

    /// The first comment naming the input, the notes before the document,
    /// and the units declared for its targets.
    pub(super) fn head(&mut self, from: &str, notes: &[Note]) {
        let _ = match self.lang {
            Lang::Zh => writeln!(self.out, "// 由 jixiao import 从 {} 导入", one_line(from)),
            Lang::En => writeln!(
                self.out,
                "// Imported by jixiao import from {}",
                one_line(from)
            ),
        };
        for n in notes {
            self.note(n, 0);
        }
        self.out.push('\n');
        for (unit, dim) in self.declared.clone() {
            let _ = match self.lang {
                Lang::Zh => writeln!(
                    self.out,
                    "// {unit}：不在内置单位表中，按“{dim}”声明，请核对"
                ),
                Lang::En => writeln!(
                    self.out,
                    "// {unit}: not in the built-in unit table, declared as {dim}: please check"
                ),
            };
            let _ = writeln!(self.out, "define-unit {unit} {dim}\n");
        }
    }

    pub(super) fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    pub(super) fn note(&mut self, n: &Note, depth: usize) {
        let place = n.origin.as_ref().map(|o| place(o, self.lang));
        let why = n.why.text(self.lang);
        let text = match (place, n.text.is_empty()) {
            (Some(p), false) => format!("// {p}：{}——{why}", quote_note(&n.text)),
            (Some(p), true) => format!("// {p}：{why}"),
            (None, false) => format!("// {}——{why}", quote_note(&n.text)),
            (None, true) => format!("// {why}"),
        };
        self.line(depth, &text);
    }

    /// Units of targets the built-in table does not know, that read as a
    /// count (`校次`): declared, so that the sheet checks.
    pub(super) fn declare_units<'a>(&mut self, indicators: impl Iterator<Item = &'a Indicator>) {
        for ind in indicators {
            let Some(t) = &ind.target else { continue };
            if let Err(TargetProblem::UnknownUnit { unit, .. }) =
                parse_target(&t.value, &self.units)
            {
                if let Some(dim) = countable(&unit, &self.units) {
                    self.units.declare(&unit, dim.clone());
                    self.declared.push((unit, dim.name()));
                }
            }
        }
    }

    fn department(&mut self, dept: &Department, d: &Draft) {
        let mut head = String::from("department ");
        if let Some(c) = &dept.code {
            head.push_str(&string(c));
            head.push(' ');
        }
        head.push_str(&string(dept.name.as_deref().unwrap_or("")));
        head.push_str(" {");
        self.line(0, &head);
        if let Some(y) = dept.year {
            self.line(1, &format!("year {y}"));
        }
        self.line(1, &format!("unit {}", dept.unit.unwrap_or("万元")));
        match &dept.framework {
            Some(f) => self.line(1, &format!("framework {}", word_or_string(f))),
            None if uses_2021(d) => self.line(1, "framework 2021"),
            None => {}
        }
        if let Some(f) = dept
            .form
            .filter(|f| *f != FormKind::Disclosure || dept.title.is_some())
        {
            self.line(1, &format!("form {}", form_word(f)));
        }
        if let Some(t) = &dept.title {
            self.line(1, &format!("title {}", string(t)));
        }
        if let Some(s) = &dept.supervisor {
            self.line(1, &format!("supervisor {}", party(s)));
        }
        if let Some(b) = &dept.budget {
            self.budget(1, "budget", b);
        }
        if let Some(f) = &dept.filer {
            self.line(1, &format!("filer {}", string(f)));
        }
        if let Some(date) = &dept.date {
            self.line(1, &format!("date {}", string(date)));
        }
        if let Some(r) = &dept.review {
            self.line(1, &format!("review {}", string(r)));
        }
        for (k, v) in &dept.fields {
            self.line(1, &format!("field {} {}", string(k), string(v)));
        }
        self.line(0, "}");
        self.out.push('\n');
    }

    fn overall(&mut self, o: &Overall, notes: &[Note]) {
        let empty = o.summary.is_empty()
            && o.objectives.is_empty()
            && o.measures.is_empty()
            && o.indicators.is_empty();
        if empty && notes.is_empty() {
            return;
        }
        if empty {
            for n in notes {
                self.note(n, 0);
            }
            self.out.push('\n');
            return;
        }
        self.line(0, "overall {");
        if !o.summary.is_empty() {
            self.text_stmt(1, "summary", &o.summary.join("\n"));
        }
        for (t, x) in &o.objectives {
            self.line(1, &format!("objective {} {}", string(t), string(x)));
        }
        for m in &o.measures {
            self.text_stmt(1, "measure", m);
        }
        for i in &o.indicators {
            self.indicator(1, i);
        }
        for n in notes {
            self.note(n, 1);
        }
        self.line(0, "}");
        self.out.push('\n');
    }

    fn project(&mut self, p: &Project) {
        self.line(0, &project_head(p.code.as_deref(), p.name.as_deref()));
        if let Some(s) = &p.supervisor {
            self.line(1, &format!("supervisor {}", party(s)));
        }
        if let Some(a) = &p.agency {
            self.line(1, &format!("agency {}", party(a)));
        }
        let texts = [
            ("type", &p.project_type),
            ("attribute", &p.attribute),
            ("term", &p.term),
        ];
        for (kw, v) in texts {
            if let Some(v) = v {
                self.line(1, &format!("{kw} {}", string(v)));
            }
        }
        match (&p.leader, &p.phone) {
            (Some(l), Some(ph)) => self.line(1, &format!("leader {} {}", string(l), string(ph))),
            (Some(l), None) => self.line(1, &format!("leader {}", string(l))),
            (None, Some(ph)) => self.line(1, &format!("field \"联系电话\" {}", string(ph))),
            (None, None) => {}
        }
        if let Some(f) = &p.function {
            self.line(1, &format!("function {}", string(f)));
        }
        for doc in &p.documents {
            self.line(1, &format!("document {}", string(doc)));
        }
        for (k, v) in &p.fields {
            self.line(1, &format!("field {} {}", string(k), string(v)));
        }
        if let Some(b) = &p.total_budget {
            self.budget(1, "total-budget", b);
        }
        if let Some(b) = &p.budget {
            self.budget(1, "budget", b);
        }
        if let Some(x) = &p.purpose {
            self.text_stmt(1, "purpose", x);
        }
        if !p.plan.is_empty() {
            let points: Vec<String> = p.plan.iter().map(|(m, v)| format!("{m}月 {v}%")).collect();
            self.line(1, &format!("plan {}", points.join(", ")));
        }
        for g in &p.goals {
            self.text_stmt(1, "goal", g);
        }
        if let Some(period) = &p.period {
            let head = match &period.text {
                Some(t) => format!("period {} {{", string(t)),
                None => "period {".to_string(),
            };
            self.line(1, &head);
            for g in &period.goals {
                self.text_stmt(2, "goal", g);
            }
            for i in &period.indicators {
                self.indicator(2, i);
            }
            self.line(1, "}");
        }
        for i in &p.indicators {
            self.indicator(1, i);
        }
        for (item, points) in &p.scores {
            self.line(1, &format!("score {} {points}", word_or_string(item)));
        }
        if let Some(r) = &p.review {
            self.text_stmt(1, "review", r);
        }
        for n in &p.notes {
            self.note(n, 1);
        }
        self.line(0, "}");
        self.out.push('\n');
    }

    fn budget(&mut self, depth: usize, kw: &str, b: &Budget) {
        let total = b.total.as_deref().unwrap_or("0");
        let partial = if b.partial { " 其中" } else { "" };
        if b.sources.is_empty() {
            self.line(depth, &format!("{kw} {total}{partial}"));
            return;
        }
        self.line(depth, &format!("{kw} {total}{partial} {{"));
        self.sources(depth + 1, &b.sources);
        self.line(depth, "}");
    }

    fn sources(&mut self, depth: usize, sources: &[Source]) {
        for s in sources {
            let mut head = format!("{} {}", word_or_string(&s.name), s.amount);
            if let Some(c) = s.class {
                head.push(' ');
                head.push_str(c);
            }
            if s.partial {
                head.push_str(" 其中");
            }
            if s.sources.is_empty() {
                self.line(depth, &head);
            } else {
                self.line(depth, &format!("{head} {{"));
                self.sources(depth + 1, &s.sources);
                self.line(depth, "}");
            }
        }
    }

    fn indicator(&mut self, depth: usize, i: &Indicator) {
        self.indicator_with(depth, i, Vec::new());
    }

    /// An indicator with `more` statements after the sheet's (an
    /// evaluation's `actual`, `points` …).
    pub(super) fn indicator_with(&mut self, depth: usize, i: &Indicator, more: Vec<String>) {
        let category = if i.level2.is_empty() {
            i.level1.clone()
        } else {
            format!("{}.{}", i.level1, i.level2)
        };
        // A category is one word: what cannot stand in one is replaced (the
        // checker then reports the category as unknown).
        let category: String = category
            .chars()
            .map(|c| {
                if breaks_word(c) || c == '/' {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect();
        let category = if category.is_empty() {
            "\u{FFFD}".to_string()
        } else {
            category
        };
        // A row listing its category alone (`indicator 效益.生态效益`).
        if i.name.is_empty() && i.target.is_none() && more.is_empty() {
            self.line(depth, &format!("indicator {category}"));
            return;
        }
        let mut head = format!("indicator {} {}", category, string(&i.name));
        if let Some(t) = &i.target {
            head.push(' ');
            head.push_str(&self.target(t));
        }
        let mut body: Vec<String> = Vec::new();
        if let Some(x) = &i.description {
            body.push(format!("desc {}", string(x)));
        }
        if let Some(x) = &i.basis {
            body.push(format!("basis {}", string(x)));
        }
        if let Some(x) = &i.weight {
            body.push(format!("weight {x}"));
        }
        if let Some(x) = &i.last {
            body.push(format!("last {}", self.target(x)));
        }
        if let Some(x) = &i.explanation {
            body.push(format!("explain {}", string(x)));
        }
        if let Some(x) = &i.scoring {
            body.push(format!("scoring {}", string(x)));
        }
        match (i.core, i.graded) {
            (Some(1), false) => body.push("core".to_string()),
            (Some(n), _) => body.push(format!("core {}", "★".repeat(n))),
            (None, _) => {}
        }
        if let Some(x) = &i.direction {
            body.push(format!("direction {}", word_or_string(x)));
        }
        if let Some(x) = &i.nature {
            body.push(format!("nature {}", word_or_string(x)));
        }
        if let Some(x) = &i.id {
            body.push(format!("id {}", word_or_string(x)));
        }
        body.extend(more);
        for (k, v) in &i.fields {
            body.push(format!("field {} {}", string(k), string(v)));
        }
        if body.is_empty() {
            self.line(depth, &head);
            return;
        }
        self.line(depth, &format!("{head} {{"));
        for b in body {
            self.line(depth + 1, &b);
        }
        self.line(depth, "}");
    }

    /// A target as the language reads what the form printed: bare words
    /// where they read as the same target (`≥90%`, `≥ 95 %`, `定性 好`),
    /// quoted where the words would not (`"3个乡镇全覆盖"`, a text with
    /// quotes or braces).
    fn target(&self, t: &Target) -> String {
        let value = self.target_value(&t.value);
        match &t.sign {
            Some(s) => format!("{} {value}", word_or_string(s)),
            None => value,
        }
    }

    fn target_value(&self, v: &str) -> String {
        let v = v.trim();
        // Already a quoted string as our own tables print one (`定性 "持续改善"`).
        if is_quoted(v) {
            return v.to_string();
        }
        let words_ok = v.split_whitespace().all(is_word);
        // Quoted: a number followed by words that are no unit (free text),
        // and free text of several words (one string reads better).
        let quote = match parse_target(v, &self.units) {
            Err(TargetProblem::UnknownUnit { .. }) => !self.bare_unknown_units,
            Ok(ParsedTarget {
                value: TargetValue::Text { .. },
                ..
            }) => v.contains(char::is_whitespace),
            _ => false,
        };
        if words_ok && !v.is_empty() && !quote {
            v.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            string(v)
        }
    }

    /// A statement of one text: a `"""` block for a text of several lines
    /// when the block keeps it exactly, else a quoted string.
    pub(super) fn text_stmt(&mut self, depth: usize, kw: &str, text: &str) {
        if text.contains('\n') && block_safe(text) {
            self.line(depth, &format!("{kw} \"\"\""));
            for l in text.lines() {
                if l.is_empty() {
                    self.out.push('\n');
                } else {
                    self.line(depth + 1, l);
                }
            }
            self.line(depth + 1, "\"\"\"");
            return;
        }
        self.line(depth, &format!("{kw} {}", string(text)));
    }
}

/// Whether a text survives a `"""` block unchanged: no `"""`, no line
/// ending in blanks, first and last lines not blank, one line at least
/// without leading blanks, nothing the language forbids.
fn block_safe(text: &str) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    !text.contains("\"\"\"")
        && !text.contains('\r')
        && lines.iter().all(|l| l.trim_end() == *l)
        && lines.first().is_some_and(|l| !l.trim().is_empty())
        && lines.last().is_some_and(|l| !l.trim().is_empty())
        && lines
            .iter()
            .any(|l| !l.is_empty() && !l.starts_with([' ', '\t']))
        && !text
            .chars()
            .any(|c| c != '\n' && crate::source::is_forbidden_char(c))
}

/// Whether the builtin categories' level 1 of a draft use the 2021
/// framework: 成本 as a level-1 category.
fn uses_2021(d: &Draft) -> bool {
    uses_2021_in(d.indicators())
}

/// Whether indicators use 成本 as a level-1 category (the 2021 framework).
/// A level 2 only the 2021 framework has (经济成本 …) tells it too, under
/// whatever level 1 a form misplaces it.
pub(super) fn uses_2021_in<'a>(mut indicators: impl Iterator<Item = &'a Indicator>) -> bool {
    indicators.any(|i| {
        category::level1(&i.level1).is_some_and(|l| l.id == Level1::Cost)
            || category::LEVEL2.iter().any(|d| {
                d.in_2021
                    && !d.in_2015
                    && (d.canonical == i.level2
                        || category::short(d.canonical) == i.level2
                        || d.aliases.contains(&i.level2.as_str()))
            })
    })
}

/// The word `form` takes for a kind.
fn form_word(f: FormKind) -> &'static str {
    match f {
        FormKind::Disclosure => "部门预算绩效信息",
        FormKind::Application => "申报表",
        FormKind::Approval => "审批表",
        FormKind::Reply => "批复表",
        FormKind::Publication => "公示",
        FormKind::WholeBody => "部门整体",
    }
}

/// A unit the table does not know that reads as a count: short, ending in
/// a count unit the table knows (`校次` ends in 次).
fn countable(unit: &str, units: &UnitTable) -> Option<Dimension> {
    let n = unit.chars().count();
    if !(2..=3).contains(&n) || !unit.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let last = unit.chars().last()?.to_string();
    match units.lookup(&last) {
        Some(Dimension::Count) => Some(Dimension::Count),
        _ => None,
    }
}

/// `project "CODE" "NAME" {`, or `project "NAME" {` without a code.
pub(super) fn project_head(code: Option<&str>, name: Option<&str>) -> String {
    let mut head = String::from("project ");
    if let Some(c) = code {
        head.push_str(&string(c));
        head.push(' ');
    }
    head.push_str(&string(name.unwrap_or("")));
    head.push_str(" {");
    head
}

pub(super) fn party(p: &Party) -> String {
    match &p.code {
        Some(c) => format!("{} {}", string(c), string(&p.name)),
        None => string(&p.name),
    }
}

/// A string in ASCII double quotes, escaped; characters the language
/// forbids are replaced by U+FFFD.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if crate::source::is_forbidden_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` is one word of the language: no blanks, no `{ } " , ;`, no
/// `//`, nothing forbidden, and none of the full-width marks the parser
/// takes for misplaced punctuation (`：，；｛｝`, Chinese quotes).
fn is_word(s: &str) -> bool {
    !s.is_empty() && !s.contains("//") && !s.chars().any(breaks_word)
}

fn breaks_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '{' | '}'
                | '"'
                | ','
                | ';'
                | '\\'
                // `name:value` reads as a keyword and its value (E007).
                | ':'
                | '：'
                | '，'
                | '；'
                | '｛'
                | '｝'
                | '“'
                | '”'
                | '‘'
                | '’'
        )
        || crate::source::is_forbidden_char(c)
}

pub(super) fn word_or_string(s: &str) -> String {
    if is_word(s) {
        s.to_string()
    } else {
        string(s)
    }
}

/// A complete `"…"` string token with no other quote inside but escaped
/// ones.
fn is_quoted(v: &str) -> bool {
    let Some(inner) = v.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else {
        return false;
    };
    let mut escaped = false;
    for c in inner.chars() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') | (false, '\n') => return false,
            _ => {}
        }
    }
    !escaped
}

/// A note's text on one comment line.
fn quote_note(text: &str) -> String {
    format!("“{}”", one_line(text))
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' || c == '\r' {
                '⏎'
            } else if crate::source::is_forbidden_char(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Where a note was found, as the report and the comments say it.
pub fn place(o: &Origin, lang: Lang) -> String {
    match (o, lang) {
        (Origin::Table { table, row, col }, Lang::Zh) => format!("表{table} 第{row}行 第{col}列"),
        (Origin::Table { table, row, col }, Lang::En) => {
            format!("table {table}, row {row}, column {col}")
        }
        (Origin::Sheet { sheet, cell }, _) => format!("{sheet}!{cell}"),
        (Origin::Paragraph { n }, Lang::Zh) => format!("第{n}段"),
        (Origin::Paragraph { n }, Lang::En) => format!("paragraph {n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_words() {
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(string("x\u{1}"), "\"x\u{FFFD}\"");
        assert!(is_word("≥90%"));
        assert!(!is_word("a b"));
        assert!(!is_word("a//b"));
        assert!(is_quoted("\"持续改善\""));
        assert!(!is_quoted("\"a\" \"b\""));
        assert!(block_safe("第一行\n  缩进\n\n末行"));
        assert!(!block_safe("  全缩进\n  二"));
        assert!(!block_safe("尾空格 \nx"));
    }

    #[test]
    fn targets_bare_or_quoted() {
        let w = Writer {
            out: String::new(),
            lang: Lang::Zh,
            units: UnitTable::builtin(),
            declared: Vec::new(),
            bare_unknown_units: false,
        };
        let t = |sign: Option<&str>, v: &str| {
            w.target(&Target {
                sign: sign.map(Into::into),
                value: v.into(),
            })
        };
        assert_eq!(t(None, "≥90%"), "≥90%");
        assert_eq!(t(Some("≥"), "95 %"), "≥ 95 %");
        assert_eq!(t(Some("定性"), "明显改善"), "定性 明显改善");
        assert_eq!(t(Some("定性"), "\"持续改善\""), "定性 \"持续改善\"");
        assert_eq!(t(None, "3个乡镇全覆盖"), "\"3个乡镇全覆盖\"");
        assert_eq!(t(None, "经济 效益"), "\"经济 效益\"");
        assert_eq!(t(None, "a,b"), "\"a,b\"");
    }
}
