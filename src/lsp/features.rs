//! The editor's questions answered on byte offsets, free of the protocol:
//! what to complete at a place, what a hover shows, the outline, where a
//! declared unit is defined. The server (`super`) turns offsets into
//! positions and these answers into protocol types.

use jixiao::diag::{catalogue, Diagnostic, Lang};
use jixiao::model::{Budget, Indicator, Project, Sheet, Source, SourceMap};
use jixiao::source::Span;
use jixiao::syntax::{Item, Stmt, SyntaxTree, Token, TokenKind};
use jixiao::vocabulary::{self as vocab, keyword, Framework, Kw, Place};
use jixiao::SheetContext;

/// What kind of word a completion offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateKind {
    Keyword,
    Category,
    Unit,
    Source,
    Grade,
    Choice,
}

/// One completion: `label` replaces the bytes `replace`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub detail: String,
    pub kind: CandidateKind,
    pub replace: Span,
}

/// Where the cursor stands in the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Site {
    /// Inside a string, a text block or a comment: free text.
    FreeText,
    /// Where a statement's keyword goes; `word` is what is written there.
    Head { place: Where, word: Span },
    /// An argument of a statement (`index` from 0).
    Arg { kw: Kw, index: usize, word: Span },
    /// Nowhere a word is offered.
    Nothing,
}

/// A block's kind, for what stands at the start of its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    Place(Place),
    /// A budget block: fund sources.
    Budget,
}

/// Whether a place is one of a self-evaluation or monitoring form.
fn in_form(place: Where) -> bool {
    matches!(
        place,
        Where::Place(
            Place::EvalTop
                | Place::EvalHeader
                | Place::EvalProject
                | Place::Execution
                | Place::ExecutionSource
                | Place::EvalGoal
                | Place::EvalIndicator
                | Place::EvalTotal
        )
    )
}

fn block_where(head: &str, outer: Where) -> Where {
    if in_form(outer) {
        return match keyword(head) {
            Some(Kw::Evaluation | Kw::Monitoring) => Where::Place(Place::EvalHeader),
            Some(Kw::Project | Kw::Overall) => Where::Place(Place::EvalProject),
            Some(Kw::Execution) => Where::Place(Place::Execution),
            Some(Kw::Source) => Where::Place(Place::ExecutionSource),
            Some(Kw::Goal) => Where::Place(Place::EvalGoal),
            Some(Kw::Indicator) => Where::Place(Place::EvalIndicator),
            Some(Kw::Total) => Where::Place(Place::EvalTotal),
            _ => outer,
        };
    }
    match keyword(head) {
        Some(Kw::Department) => Where::Place(Place::Department),
        Some(Kw::Overall) => Where::Place(Place::Overall),
        Some(Kw::Project) => Where::Place(Place::Project),
        Some(Kw::Period) => Where::Place(Place::Period),
        Some(Kw::Indicator) => Where::Place(Place::Indicator),
        Some(Kw::Budget | Kw::TotalBudget) => Where::Budget,
        // A fund source's own block holds fund sources.
        _ if outer == Where::Budget => Where::Budget,
        _ => outer,
    }
}

/// Whether `off` lies inside a token's text for completion: from its start
/// to its end, both included.
fn touches(span: Span, off: usize) -> bool {
    span.start <= off && off <= span.end
}

fn in_string(tok: &Token<'_>, off: usize) -> bool {
    let closed = match tok.kind {
        TokenKind::Str { closed } | TokenKind::Text { closed } => closed,
        _ => return false,
    };
    off > tok.span.start && (off < tok.span.end || !closed)
}

/// The site of `off` in `tree` (parsed from `src`).
pub fn site(tree: &SyntaxTree<'_>, src: &str, off: usize) -> Site {
    let line_start = src
        .get(..off)
        .and_then(|s| s.rfind(['\n', '\r']).map(|i| i + 1))
        .unwrap_or(0);
    let blank_before = src
        .get(line_start..off)
        .is_some_and(|s| s.trim().is_empty());
    // A form's statements are those of its own places.
    let root = match jixiao::document_kind(src) {
        jixiao::DocumentKind::Sheet => Where::Place(Place::Top),
        _ => Where::Place(Place::EvalTop),
    };
    let found = site_in(&tree.items, src, root, off);
    match found {
        Some(s) => s,
        None if blank_before => Site::Head {
            place: innermost(&tree.items, root, off),
            word: Span::new(off, off),
        },
        None => Site::Nothing,
    }
}

/// The kind of the innermost block holding `off`.
fn innermost(items: &[Item<'_>], place: Where, off: usize) -> Where {
    for item in items {
        if let Item::Stmt(s) = item {
            if let Some(b) = &s.block {
                let end = b.close.map_or(b.span.end, |c| c.start);
                if b.open.end <= off && off <= end {
                    return innermost(&b.items, block_where(s.head.raw, place), off);
                }
            }
        }
    }
    place
}

fn site_in(items: &[Item<'_>], src: &str, place: Where, off: usize) -> Option<Site> {
    for item in items {
        match item {
            Item::Comment(c) if c.span.start < off && off <= c.span.end => {
                return Some(Site::FreeText)
            }
            Item::Stmt(s) => {
                if let Some(found) = site_of_stmt(s, src, place, off) {
                    return Some(found);
                }
            }
            Item::Orphan(b) if b.open.end <= off && off <= b.span.end => {
                return site_in(&b.items, src, place, off);
            }
            _ => {}
        }
    }
    None
}

fn site_of_stmt(s: &Stmt<'_>, src: &str, place: Where, off: usize) -> Option<Site> {
    if let Some(b) = &s.block {
        let end = b.close.map_or(b.span.end, |c| c.start);
        if b.open.end <= off && off <= end {
            return site_in(&b.items, src, block_where(s.head.raw, place), off);
        }
        if off >= b.open.start {
            return None;
        }
    }
    // A statement without a block reaches over the blanks after it on its
    // line: `indicator |` is where its first argument goes.
    let mut end = s.span.end;
    if s.block.is_none() {
        let rest = src.get(end..).unwrap_or("");
        end += rest.len() - rest.trim_start_matches([' ', '\t', '\u{3000}']).len();
    }
    if !touches(Span::new(s.span.start, end), off) {
        return None;
    }
    if touches(s.head.span, off) {
        return Some(match s.head.kind {
            TokenKind::Word => Site::Head {
                place,
                word: s.head.span,
            },
            _ if in_string(&s.head, off) => Site::FreeText,
            _ => Site::Nothing,
        });
    }
    let Some(kw) = keyword(s.head.raw) else {
        return Some(Site::Nothing);
    };
    // Commas are no arguments.
    let args: Vec<&Token<'_>> = s
        .args
        .iter()
        .filter(|t| t.kind != TokenKind::Comma)
        .collect();
    for (i, t) in args.iter().enumerate() {
        if in_string(t, off) {
            return Some(Site::FreeText);
        }
        if touches(t.span, off) && t.is_word() {
            return Some(Site::Arg {
                kw,
                index: i,
                word: t.span,
            });
        }
    }
    let index = args.iter().filter(|t| t.span.end < off).count();
    Some(Site::Arg {
        kw,
        index,
        word: Span::new(off, off),
    })
}

/// The completions at `off`.
pub fn complete(
    tree: &SyntaxTree<'_>,
    src: &str,
    off: usize,
    ctx: &SheetContext,
    lang: Lang,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut push = |label: &str, detail: String, kind, replace| {
        if !out.iter().any(|c: &Candidate| c.label == label) {
            out.push(Candidate {
                label: label.to_string(),
                detail,
                kind,
                replace,
            });
        }
    };
    let fw = ctx.framework();
    match site(tree, src, off) {
        Site::FreeText | Site::Nothing => {}
        Site::Head {
            place: Where::Place(p),
            word,
        } => {
            // An indicator of a form quotes the sheet's statements beside
            // its own.
            let quoted = if p == Place::EvalIndicator {
                Place::Indicator.allowed()
            } else {
                &[]
            };
            for kw in p.allowed().iter().chain(quoted) {
                let (en, zh) = (kw.english(), kw.chinese());
                let example = vocab::schema(*kw).example;
                let detail = |other: &str| match lang {
                    Lang::Zh => format!("{other}：{example}"),
                    Lang::En => format!("{other}: {example}"),
                };
                push(en, detail(zh), CandidateKind::Keyword, word);
                push(zh, detail(en), CandidateKind::Keyword, word);
            }
        }
        Site::Head {
            place: Where::Budget,
            word,
        } => {
            let (fiscal, other) = match lang {
                Lang::Zh => ("资金来源（财政资金）", "资金来源（其他资金）"),
                Lang::En => ("fund source (fiscal)", "fund source (other)"),
            };
            for s in vocab::FISCAL_SOURCES {
                push(s, fiscal.to_string(), CandidateKind::Source, word);
            }
            for s in vocab::OTHER_SOURCES {
                push(s, other.to_string(), CandidateKind::Source, word);
            }
        }
        Site::Arg {
            kw: Kw::Indicator,
            index: 0,
            word,
        } => {
            let written = src.get(word.start..off).unwrap_or("");
            categories(fw, written, word, &mut push);
        }
        Site::Arg {
            kw: Kw::Score,
            index: 0,
            word,
        } => {
            for l1 in vocab::LEVEL1.iter().filter(|d| d.in_framework(fw)) {
                push(
                    vocab::short(l1.canonical),
                    l1.canonical.to_string(),
                    CandidateKind::Category,
                    word,
                );
            }
        }
        Site::Arg {
            kw: kw @ (Kw::Indicator | Kw::Last),
            index,
            word,
        } if index >= 2 || kw == Kw::Last => {
            let written = src.get(word.start..off).unwrap_or("");
            target_words(ctx, written, word, off, lang, &mut push);
        }
        Site::Arg {
            kw, index: 0, word, ..
        } => {
            for c in vocab::choices(kw) {
                push(c, String::new(), CandidateKind::Choice, word);
            }
        }
        Site::Arg { .. } => {}
    }
    out
}

type Push<'p> = dyn FnMut(&str, String, CandidateKind, Span) + 'p;

/// Level-1 and level-2 categories of the framework: after `产出.`, the
/// level 2 under 产出.
fn categories(fw: Framework, written: &str, word: Span, push: &mut Push<'_>) {
    let parent = written
        .split_once(['.', '。', '．'])
        .and_then(|(l1, _)| vocab::LEVEL1.iter().find(|d| spelt(l1, d)));
    for l1 in vocab::LEVEL1.iter().filter(|d| d.in_framework(fw)) {
        if parent.is_some_and(|p| p.id != l1.id) {
            continue;
        }
        let short1 = vocab::short(l1.canonical);
        if parent.is_none() {
            push(
                short1,
                l1.canonical.to_string(),
                CandidateKind::Category,
                word,
            );
        }
        for l2 in vocab::LEVEL2
            .iter()
            .filter(|d| d.parent == l1.id && d.in_framework(fw))
        {
            push(
                &format!("{short1}.{}", vocab::short(l2.canonical)),
                format!("{} › {}", l1.canonical, l2.canonical),
                CandidateKind::Category,
                word,
            );
        }
    }
}

fn spelt(word: &str, d: &vocab::Level1Def) -> bool {
    let lower = word.to_lowercase();
    d.canonical == word || vocab::short(d.canonical) == word || d.aliases.contains(&lower.as_str())
}

/// In a target: units after a number, grades otherwise.
fn target_words(
    ctx: &SheetContext,
    written: &str,
    word: Span,
    off: usize,
    lang: Lang,
    push: &mut Push<'_>,
) {
    // The number's end: units replace what follows it.
    let number_end = written
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'))
        .map(|(i, c)| i + c.len_utf8());
    let digits = written.chars().any(|c| c.is_ascii_digit());
    if digits {
        let start = number_end.map_or(off, |e| word.start + e).min(off);
        let unit_word = Span::new(start, off);
        for (name, dim) in ctx.units() {
            let detail = match lang {
                Lang::Zh => format!("单位（{}）", dim.name()),
                Lang::En => format!("unit ({})", dim.name()),
            };
            push(name, detail, CandidateKind::Unit, unit_word);
        }
    } else {
        let detail = match lang {
            Lang::Zh => "定性等级",
            Lang::En => "grade",
        };
        for g in vocab::grades() {
            push(g, detail.to_string(), CandidateKind::Grade, word);
        }
    }
}

// ---------------------------------------------------------------------------
// Hover

/// A hover's text (Markdown) and the bytes it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverText {
    pub markdown: String,
    pub span: Span,
}

/// The word of ASCII letters and digits around `off`.
fn ascii_word(src: &str, off: usize) -> Span {
    let bytes = src.as_bytes();
    let off = off.min(bytes.len());
    let is_w = |b: u8| b.is_ascii_alphanumeric();
    let mut s = off;
    while s > 0 && is_w(bytes[s - 1]) {
        s -= 1;
    }
    let mut e = off;
    while e < bytes.len() && is_w(bytes[e]) {
        e += 1;
    }
    Span::new(s, e)
}

fn explanation(code: jixiao::diag::Code, lang: Lang) -> Option<String> {
    let e = catalogue::entry_of(code)?;
    let (title, text) = match lang {
        Lang::Zh => (e.title.0, e.explain.0),
        Lang::En => (e.title.1, e.explain.1),
    };
    Some(format!("**{}** {title}\n\n{text}", e.code.as_str()))
}

/// What a hover at `off` shows: the explanation of a code written there or
/// of the diagnostics there; an indicator's resolved facts; a project's
/// budget and sources.
pub fn hover(
    src: &str,
    off: usize,
    diagnostics: &[Diagnostic],
    sheet: Option<&Sheet>,
    map: &SourceMap,
    ctx: &SheetContext,
    lang: Lang,
) -> Option<HoverText> {
    let mut parts = Vec::new();
    let mut span = None;
    let w = ascii_word(src, off);
    if let Some(code) = src
        .get(w.range())
        .filter(|t| t.len() == 4)
        .and_then(jixiao::diag::Code::lookup)
    {
        parts.extend(explanation(code, lang));
        span = Some(w);
    }
    if parts.is_empty() {
        let mut seen = Vec::new();
        for d in diagnostics.iter().filter(|d| touches(d.span, off)) {
            if !seen.contains(&d.code) {
                seen.push(d.code);
                parts.extend(explanation(d.code, lang));
                span.get_or_insert(d.span);
            }
        }
    }
    if let Some(sheet) = sheet {
        let overall = map
            .overall
            .iter()
            .flat_map(|o| o.indicators.iter().zip(&sheet.overall.indicators));
        let in_projects = map
            .projects
            .iter()
            .zip(&sheet.projects)
            .flat_map(|(ps, p)| ps.indicators.iter().zip(&p.indicators));
        if let Some((s, ind)) = overall
            .chain(in_projects)
            .find(|(s, _)| touches(s.stmt, off))
        {
            parts.push(indicator_text(ind, lang));
            span.get_or_insert(s.stmt);
        } else if let Some((ps, p)) = map.projects.iter().zip(&sheet.projects).find(|(ps, _)| {
            let head_end = ps.name.end.max(ps.code.map_or(0, |c| c.end));
            touches(Span::new(ps.stmt.start, head_end), off) || touches(ps.budget.total, off)
        }) {
            parts.push(project_text(p, ctx.money_unit(), lang));
            span.get_or_insert(Span::new(ps.head.start, ps.name.end));
        }
    }
    let span = span?;
    Some(HoverText {
        markdown: parts.join("\n\n---\n\n"),
        span,
    })
}

fn indicator_text(ind: &Indicator, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = format!(
        "**{}** {}\n\n",
        if zh { "指标" } else { "Indicator" },
        ind.name
    );
    let l2 = if ind.level2.is_empty() {
        String::new()
    } else {
        format!(" › {}", ind.level2)
    };
    out += &format!(
        "- {}{}{}{}\n",
        if zh { "类别：" } else { "category: " },
        ind.level1,
        l2,
        if zh {
            format!("（写作 {}.{}）", ind.level1_written, ind.level2_written)
        } else {
            format!(" (written {}.{})", ind.level1_written, ind.level2_written)
        }
    );
    match &ind.target {
        Some(t) => {
            let sign = t.sign().map_or("—", |s| s.symbol());
            let (unit, dim) = t.unit_parts();
            let value = match &t.value {
                jixiao::model::TargetValue::Quantity { value, .. } => value.to_string(),
                _ => t.text.clone(),
            };
            let dir = t.direction().map_or("—", |d| d.word());
            let nature = t.nature().map_or("—", |n| n.word());
            let unit = match (unit, dim) {
                (Some(u), Some(d)) => format!("{u}（{}）", d.name()),
                (Some(u), None) => u.to_string(),
                _ => "—".to_string(),
            };
            if zh {
                out += &format!(
                    "- 指标值：{}\n- 计算符号：{sign}；数值：{value}；单位：{unit}\n- 指标方向：{dir}；性质：{nature}\n",
                    t.text
                );
            } else {
                out += &format!(
                    "- target: {}\n- sign: {sign}; value: {value}; unit: {unit}\n- direction: {dir}; nature: {nature}\n",
                    t.text
                );
            }
        }
        None => {
            out += if zh {
                "- 指标值：无（名称即定性陈述）\n"
            } else {
                "- target: none (the name is the qualitative statement)\n"
            }
        }
    }
    let weight = ind.weight.map_or("—".to_string(), |w| w.to_string());
    out += &format!("- {}{weight}", if zh { "权重：" } else { "weight: " });
    out
}

fn sources_text(list: &[Source], depth: usize, unit: &str, out: &mut String) {
    for s in list {
        out.push_str(&format!(
            "{}- {}：{} {unit}\n",
            "  ".repeat(depth + 1),
            s.name,
            s.amount
        ));
        sources_text(&s.sources, depth + 1, unit, out);
    }
}

fn budget_text(b: &Budget, unit: &str) -> String {
    let mut out = format!("{} {unit}\n", b.total);
    sources_text(&b.sources, 0, unit, &mut out);
    out
}

fn project_text(p: &Project, unit: &str, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = format!(
        "**{}** {}{}\n\n",
        if zh { "项目" } else { "Project" },
        p.name,
        p.code
            .as_ref()
            .map(|c| format!("（{c}）"))
            .unwrap_or_default()
    );
    out += &format!(
        "- {}{}",
        if zh { "预算：" } else { "budget: " },
        budget_text(&p.budget, unit)
    );
    if let Some(t) = &p.total_budget {
        out += &format!(
            "- {}{}",
            if zh {
                "项目总预算："
            } else {
                "total budget: "
            },
            budget_text(t, unit)
        );
    }
    out += &format!(
        "- {}{}",
        if zh { "指标：" } else { "indicators: " },
        p.indicators.len()
    );
    out
}

// ---------------------------------------------------------------------------
// Outline and definitions

/// What a symbol of the outline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Department,
    Overall,
    Project,
    Period,
    Indicator,
    Unit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: String,
    pub kind: SymbolKind,
    /// The whole statement.
    pub span: Span,
    /// What to select: its name, else its keyword.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// The text of a string token, else the token as written.
fn token_text(t: &Token<'_>) -> String {
    jixiao::syntax::text::value(t).unwrap_or_else(|_| t.raw.to_string())
}

fn symbol_of(s: &Stmt<'_>, lang: Lang) -> Option<Symbol> {
    let kw = keyword(s.head.raw)?;
    let strings: Vec<&Token<'_>> = s.args.iter().filter(|t| t.is_string()).collect();
    let last_string = strings.last().copied();
    let (kind, name, detail, sel) = match kw {
        // `department CODE NAME`, `project CODE NAME`: the name, the code
        // as detail.
        Kw::Department | Kw::Project => (
            if kw == Kw::Department {
                SymbolKind::Department
            } else {
                SymbolKind::Project
            },
            last_string.map_or(s.head.raw.to_string(), token_text),
            strings
                .first()
                .filter(|_| strings.len() > 1)
                .map(|t| token_text(t))
                .unwrap_or_default(),
            last_string.map_or(s.head.span, |t| t.span),
        ),
        Kw::Overall => (
            SymbolKind::Overall,
            match lang {
                Lang::Zh => "整体目标".to_string(),
                Lang::En => "overall".to_string(),
            },
            String::new(),
            s.head.span,
        ),
        Kw::Period => (
            SymbolKind::Period,
            last_string.map_or(s.head.raw.to_string(), token_text),
            String::new(),
            s.head.span,
        ),
        Kw::Indicator => {
            let name = s.args.get(1);
            (
                SymbolKind::Indicator,
                name.map_or(s.head.raw.to_string(), token_text),
                s.args
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != 1)
                    .map(|(_, t)| t.raw)
                    .collect::<Vec<_>>()
                    .join(" "),
                name.map_or(s.head.span, |t| t.span),
            )
        }
        Kw::DefineUnit => {
            let name = s.args.first();
            (
                SymbolKind::Unit,
                name.map_or(s.head.raw.to_string(), token_text),
                s.args.get(1).map(|t| t.raw.to_string()).unwrap_or_default(),
                name.map_or(s.head.span, |t| t.span),
            )
        }
        _ => return None,
    };
    let children = s.children().filter_map(|c| symbol_of(c, lang)).collect();
    Some(Symbol {
        name: if name.trim().is_empty() {
            s.head.raw.to_string()
        } else {
            name
        },
        detail,
        kind,
        span: s.span,
        selection: sel,
        children,
    })
}

/// The outline: department, overall part, unit definitions, projects with
/// their periods and indicators.
pub fn symbols(tree: &SyntaxTree<'_>, lang: Lang) -> Vec<Symbol> {
    tree.stmts().filter_map(|s| symbol_of(s, lang)).collect()
}

/// Where the unit under `off` is declared (`define-unit 校次 count`): the
/// span of the declared name.
pub fn unit_definition(tree: &SyntaxTree<'_>, off: usize) -> Option<Span> {
    let declared: Vec<(String, Span)> = tree
        .stmts()
        .filter(|s| keyword(s.head.raw) == Some(Kw::DefineUnit))
        .filter_map(|s| s.args.first().map(|t| (token_text(t), t.span)))
        .filter(|(n, _)| !n.is_empty())
        .collect();
    if declared.is_empty() {
        return None;
    }
    let token = token_at(&tree.items, off)?;
    if !token.is_word() {
        return None;
    }
    for (name, at) in &declared {
        let mut from = 0;
        while let Some(i) = token.raw.get(from..).and_then(|r| r.find(name.as_str())) {
            let start = token.span.start + from + i;
            if touches(Span::new(start, start + name.len()), off) {
                return Some(*at);
            }
            from += i + name.len().max(1);
        }
    }
    None
}

fn token_at<'t, 'a>(items: &'t [Item<'a>], off: usize) -> Option<&'t Token<'a>> {
    for item in items {
        if let Item::Stmt(s) = item {
            if let Some(t) = std::iter::once(&s.head)
                .chain(&s.args)
                .find(|t| touches(t.span, off))
            {
                return Some(t);
            }
            if let Some(b) = &s.block {
                if let Some(t) = token_at(&b.items, off) {
                    return Some(t);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = "// 注释 project
department \"430002\" \"测试局\" {
  year 2020
  unit 万元
}

define-unit 校次 count

project \"P-001\" \"办公楼维修\" {
  budget 10.00 {
    财政资金 10.00
  }
  explain \"\"\"
    年度
  \"\"\"
  indicator 产出.数量 \"培训\" =3校次
  indicator 满意度.服务对象满意度 \"满意度\" 满
}
";

    fn at(marker: &str, after: usize) -> usize {
        SHEET.find(marker).unwrap() + after
    }

    fn labels(off: usize) -> Vec<(String, CandidateKind, Span)> {
        let (tree, _) = jixiao::syntax::parse(SHEET);
        // The sheet's own context: its declared units.
        let file = jixiao::source::SourceFile::new("t.jx", SHEET);
        let ctx = jixiao::analyze(&file).context;
        complete(&tree, SHEET, off, &ctx, Lang::Zh)
            .into_iter()
            .map(|c| (c.label, c.kind, c.replace))
            .collect()
    }

    #[test]
    fn nothing_is_offered_in_comments_strings_and_text_blocks() {
        assert!(labels(at("注释", 3)).is_empty());
        assert!(labels(at("办公楼维修", 3)).is_empty());
        assert!(labels(at("    年度", 6)).is_empty());
    }

    #[test]
    fn top_level_and_department_keywords() {
        let top = labels(at("\ndefine-unit", 1));
        let words: Vec<&str> = top.iter().map(|c| c.0.as_str()).collect();
        assert!(words.contains(&"project") && words.contains(&"项目"));
        assert!(!words.contains(&"indicator"));
        let dept = labels(at("  year", 2));
        assert!(dept
            .iter()
            .any(|c| c.0 == "year" && c.2 == Span::new(at("  year", 2), at("  year", 6))));
        assert!(!dept.iter().any(|c| c.0 == "indicator"));
    }

    #[test]
    fn fund_sources_in_a_budget_block() {
        let found = labels(at("    财政资金", 4));
        assert!(found.iter().all(|c| c.1 == CandidateKind::Source));
        assert!(found.iter().any(|c| c.0 == "财政资金"));
        assert!(found.iter().any(|c| c.0 == "单位资金"));
    }

    #[test]
    fn units_after_a_number_and_grades_otherwise() {
        let unit_at = at("=3校次", 2);
        let found = labels(unit_at + "校".len());
        let declared = found
            .iter()
            .find(|c| c.0 == "校次")
            .expect("the declared unit");
        // The unit written so far is replaced, the number kept.
        assert_eq!(declared.2, Span::new(unit_at, unit_at + "校".len()));
        assert!(found.iter().any(|c| c.0 == "%"));
        let grade_at = at("\" 满\n", 2);
        let found = labels(grade_at + "满".len());
        assert!(found
            .iter()
            .any(|c| c.0 == "满意" && c.1 == CandidateKind::Grade));
    }

    #[test]
    fn after_a_keyword_and_a_blank() {
        let text = "project \"P\" \"x\" {\n  indicator \n}\n";
        let (tree, _) = jixiao::syntax::parse(text);
        let off = text.find("indicator ").unwrap() + "indicator ".len();
        let found = complete(&tree, text, off, &SheetContext::default(), Lang::En);
        assert!(found
            .iter()
            .any(|c| c.label == "产出.时效" && c.replace == Span::new(off, off)));
    }

    #[test]
    fn a_forms_own_statements() {
        let text = "evaluation 2023 {\n  \n}\nproject \"P\" {\n  execution {\n    \n  }\n  \
            indicator 产出.数量 \"台数\" ≥10台 {\n    \n  }\n  \n}\n\n";
        let (tree, _) = jixiao::syntax::parse(text);
        let words = |nth: usize| -> Vec<String> {
            let off = text
                .match_indices("\n    \n")
                .map(|(i, _)| i + 5)
                .chain(text.match_indices("{\n  \n").map(|(i, _)| i + 4));
            let off = off.collect::<Vec<_>>()[nth];
            complete(&tree, text, off, &SheetContext::default(), Lang::En)
                .into_iter()
                .map(|c| c.label)
                .collect()
        };
        // Inside execution, inside the indicator, inside the header.
        let execution = words(0);
        assert!(execution.contains(&"spent".to_string()), "{execution:?}");
        assert!(!execution.contains(&"indicator".to_string()));
        let indicator = words(1);
        for w in ["actual", "points", "weight", "desc"] {
            assert!(indicator.contains(&w.to_string()), "{w}: {indicator:?}");
        }
        let header = words(2);
        assert!(header.contains(&"sheet".to_string()), "{header:?}");
        // At the top level: a form's blocks.
        let end = text.len();
        let top: Vec<String> = complete(&tree, text, end, &SheetContext::default(), Lang::En)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert!(
            top.contains(&"overall".to_string()) && !top.contains(&"department".to_string()),
            "{top:?}"
        );
    }

    #[test]
    fn categories_of_the_framework() {
        let off = at("产出.数量", "产出.".len());
        let found = labels(off);
        assert!(found.iter().any(|c| c.0 == "产出.质量"));
        assert!(found.iter().all(|c| c.0.starts_with("产出.")), "{found:?}");
        // The 2015 framework has no 成本 level 1.
        let off = at("产出.数量", 0);
        let found = labels(off);
        assert!(found.iter().any(|c| c.0 == "满意度"));
        assert!(!found.iter().any(|c| c.0.starts_with("成本")));
    }

    #[test]
    fn outline_and_unit_definition() {
        let (tree, _) = jixiao::syntax::parse(SHEET);
        let s = symbols(&tree, Lang::En);
        let kinds: Vec<SymbolKind> = s.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SymbolKind::Department,
                SymbolKind::Unit,
                SymbolKind::Project
            ]
        );
        assert_eq!(s[2].children.len(), 2);
        assert_eq!(s[2].children[0].name, "培训");
        let def = unit_definition(&tree, at("=3校次", 5)).unwrap();
        assert_eq!(&SHEET[def.range()], "校次");
        assert_eq!(unit_definition(&tree, at("培训", 0)), None);
    }
}
