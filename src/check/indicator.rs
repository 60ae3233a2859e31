//! Indicators: category resolution, typed targets, the indicator block, and
//! the checks over a project's set of indicators.

use super::args::Args;
use super::checker::{Checker, Seen};
use crate::diag::catalogue::{self as cat, FrameworkHint};
use crate::lang::category::{self, Framework, Level1, Level2Lookup};
use crate::lang::choices::{Direction, Nature, DIRECTIONS, NATURES};
use crate::lang::grades;
use crate::lang::keywords::{at_most_once, Kw, Place};
use crate::lang::subjects;
use crate::lang::units::{counted_by_name, Dimension};
use crate::model::{Indicator, IndicatorSpans, Score, Target};
use crate::source::Span;
use crate::syntax::{text, Stmt, Token, TokenKind};
use crate::target::{
    looks_quantitative, parse_quoted_target, parse_target, value_inside, without_bracketed_hint,
    Marker, ParsedTarget, TargetProblem, TargetValue,
};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// An indicator with the spans the set-level checks point at.
pub struct Checked {
    pub indicator: Indicator,
    pub level1: Level1,
    pub head: Span,
    pub spans: IndicatorSpans,
}

/// The texts of a project an indicator name is compared with (W509).
pub struct ProjectText<'a> {
    pub name: &'a str,
    pub purpose: &'a str,
    pub goals: &'a [String],
    /// The points the form gives parts of the score, with their spans.
    pub scores: &'a [(Score, Span)],
}

impl Checker<'_> {
    /// Check one indicator. On failure (reported), returns its level 1 when
    /// the category itself resolved, so set-level checks stay quiet about it.
    pub fn indicator(&mut self, stmt: &Stmt<'_>) -> Result<Checked, Option<Level1>> {
        let category = self.category(stmt);
        // `indicator 效益.生态效益`: a category the form lists with no
        // indicator under it (an empty row of the table).
        if stmt.args.len() == 1 && stmt.block.is_none() {
            let (l1, l1_written, l2, l2_written, category_span) = category.ok_or(None)?;
            return Ok(Checked {
                level1: l1,
                head: stmt.head.span,
                spans: IndicatorSpans {
                    stmt: stmt.span,
                    category: category_span,
                    name: category_span,
                    target: category_span,
                    weight: None,
                },
                indicator: Indicator {
                    level1: category::level1_def(l1).canonical,
                    level2: l2,
                    level1_written: l1_written,
                    level2_written: l2_written,
                    ..Default::default()
                },
            });
        }
        let mut args = Args::of(stmt);
        let name = self.string_arg(&mut args, Kw::Indicator, 1);
        let target_from = args.consumed().max(2);
        // `效益.生态效益 "生态修复功能提高"`: the name states the target.
        let mut statement = false;
        let target = match stmt.args.get(target_from..) {
            Some(tokens) if !tokens.is_empty() => self.target(tokens),
            _ => {
                match &name {
                    Some((n, span)) if grades::is_statement(n) => {
                        statement = true;
                        self.diags.push(cat::name_is_statement(*span, n));
                    }
                    Some(_) => {
                        let end = stmt.args.last().map_or(stmt.head.span.end, |t| t.span.end);
                        self.diags.push(cat::missing_target(Span::new(end, end)));
                    }
                    None => {}
                }
                None
            }
        };

        let mut seen = Seen::default();
        let mut description = None;
        let mut basis = None;
        let mut weight: Option<(Decimal, Span)> = None;
        let mut last_year = None;
        let mut explanation = None;
        let mut scoring = None;
        let mut core = false;
        let mut core_level = None;
        let mut fields = Vec::new();
        let mut id = None;
        let mut direction = None;
        let mut nature = None;
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, Place::Indicator) else {
                continue;
            };
            if at_most_once(kw) && !self.once(&mut seen, kw, child) {
                continue;
            }
            self.no_block(child);
            match kw {
                Kw::Desc => description = self.text_stmt(child, kw),
                Kw::Basis => basis = self.text_stmt(child, kw),
                Kw::Explain => explanation = self.text_stmt(child, kw),
                Kw::Scoring => scoring = self.text_stmt(child, kw),
                Kw::Weight => {
                    let mut args = Args::of(child);
                    weight = self.number_arg(&mut args, Kw::Weight, 0);
                    self.no_more_args(&args, 1);
                }
                Kw::Last => {
                    if child.args.is_empty() {
                        self.missing_arg(child, Kw::Last, 0);
                    } else {
                        last_year = self.target(&child.args).map(|t| t.0);
                    }
                }
                Kw::Core => {
                    core = true;
                    core_level = self.core_level(child);
                }
                Kw::Field => fields.extend(self.field(child)),
                Kw::Id => id = self.code_stmt(child, kw),
                Kw::Direction => direction = self.choice_stmt(child, kw, DIRECTIONS),
                Kw::Nature => nature = self.choice_stmt(child, kw, NATURES),
                _ => {}
            }
        }

        let (l1, l1_written, l2, l2_written, category_span) = category.ok_or(None)?;
        let (name, name_span) = name.ok_or(Some(l1))?;
        if name.trim().is_empty() {
            self.diags.push(cat::empty_indicator_name(name_span));
            return Err(Some(l1));
        }
        let (target, target_span) = match target {
            Some((mut t, span)) => {
                self.target_fits(&name, l1, l2, &t, span);
                self.stated_nature(&mut t, span, direction, nature);
                (Some(t), span)
            }
            None if statement => (None, name_span),
            None => return Err(Some(l1)),
        };
        Ok(Checked {
            level1: l1,
            head: stmt.head.span,
            spans: IndicatorSpans {
                stmt: stmt.span,
                category: category_span,
                name: name_span,
                target: target_span,
                weight: weight.map(|w| w.1),
            },
            indicator: Indicator {
                level1: category::level1_def(l1).canonical,
                level2: l2,
                level1_written: l1_written,
                level2_written: l2_written,
                name,
                description,
                target,
                basis,
                weight: weight.map(|w| w.0),
                last_year: last_year.map(Box::new),
                explanation,
                scoring,
                core,
                core_level,
                id,
                fields,
            },
        })
    }

    /// `core`, `core ★★★` or `core 3`: the level of a core mark, when the
    /// sheet grades them (1 to 5).
    fn core_level(&mut self, stmt: &Stmt<'_>) -> Option<u8> {
        self.no_more_args(&Args::of(stmt), 1);
        let tok = stmt.args.first()?;
        let stars = tok.raw.chars().count();
        let level = if tok.raw.chars().all(|c| matches!(c, '★' | '☆' | '*')) {
            u8::try_from(stars).ok()
        } else {
            tok.raw.parse::<u8>().ok()
        };
        match level.filter(|l| (1..=5).contains(l)) {
            Some(l) => Some(l),
            None => {
                let choices = ["★", "★★", "★★★", "1", "2", "3"];
                self.diags.push(cat::not_a_choice(
                    tok.span,
                    stmt.head.raw,
                    tok.raw,
                    &choices,
                    None,
                ));
                None
            }
        }
    }

    /// The direction and 定量/定性 the sheet states, checked against the
    /// target and kept on it.
    fn stated_nature(
        &mut self,
        t: &mut Target,
        span: Span,
        direction: Option<(Direction, Span)>,
        nature: Option<(Nature, Span)>,
    ) {
        if let Some((d, at)) = direction {
            let implied = t.direction();
            let opposite = matches!(
                (d, implied),
                (Direction::Positive, Some(Direction::Negative))
                    | (Direction::Negative, Some(Direction::Positive))
            );
            if opposite {
                let sign = t.sign().map_or("", |s| s.symbol());
                self.diags
                    .push(cat::direction_contradicts_sign(at, d.word(), sign, span));
            }
            t.direction = Some(d);
        }
        if let Some((n, at)) = nature {
            let numeric = matches!(
                t.value,
                TargetValue::Quantity { .. } | TargetValue::Range { .. }
            );
            let marker = matches!(t.value, TargetValue::Marker { .. });
            if n == Nature::Quantitative && !numeric && !t.qualitative && !marker {
                self.diags.push(cat::quantitative_without_number(at, span));
            }
            t.nature = Some(n);
        }
    }

    /// `产出.时效` → (level 1, as written, canonical level 2, as written, span).
    pub(super) fn category(
        &mut self,
        stmt: &Stmt<'_>,
    ) -> Option<(Level1, String, &'static str, String, Span)> {
        let Some(tok) = stmt.args.first() else {
            self.missing_arg(stmt, Kw::Indicator, 0);
            return None;
        };
        let raw = match tok.kind {
            TokenKind::Word => tok.raw.to_string(),
            _ => text::value(tok).unwrap_or_default(),
        };
        // Offsets in the value are offsets in the source only for a word or a
        // plain quoted string; otherwise (escapes, text blocks) point at the
        // whole token.
        let exact = tok.is_word()
            || (matches!(tok.kind, TokenKind::Str { closed: true })
                && tok.raw.get(1..tok.raw.len() - 1) == Some(raw.as_str()));
        let base = if tok.is_word() { 0 } else { 1 };
        let part = |r: std::ops::Range<usize>| {
            if exact {
                tok.span.part(base + r.start..base + r.end)
            } else {
                tok.span
            }
        };
        let dot = raw
            .char_indices()
            .find(|(_, c)| matches!(c, '.' | '．' | '。' | '·'));
        let Some((pos, ch)) = dot else {
            // `投入 "资金到位率"`: a form with no level 2 under 投入/过程.
            if let Some(d) = category::level1(&raw).filter(|d| d.open) {
                return Some((d.id, raw.clone(), "", String::new(), tok.span));
            }
            self.diags.push(cat::malformed_category(tok.span, &raw));
            return None;
        };
        if ch != '.' {
            self.diags
                .push(cat::full_width(part(pos..pos + ch.len_utf8()), ch, '.'));
        }
        let l1_raw = &raw[..pos];
        let l2_raw = &raw[pos + ch.len_utf8()..];
        let l1_span = part(0..pos);
        let l2_span = part(pos + ch.len_utf8()..raw.len());
        if l1_raw.is_empty() || l2_raw.is_empty() {
            self.diags.push(cat::malformed_category(tok.span, &raw));
            return None;
        }
        let fw = self.ctx.framework;
        let Some(l1) = category::level1(l1_raw) else {
            self.diags.push(cat::unknown_level1(
                l1_span,
                l1_raw,
                category::suggest_level1(l1_raw),
            ));
            return None;
        };
        if !l1.in_framework(fw) {
            self.diags.push(cat::not_in_framework(
                l1_span,
                l1.canonical,
                fw.name(),
                FrameworkHint::CostUnderOutput,
            ));
            return None;
        }
        if l1.open {
            return Some((l1.id, l1_raw.to_string(), "", l2_raw.to_string(), tok.span));
        }
        match category::level2(l1.id, l2_raw, fw) {
            Level2Lookup::Found(d) => {
                if !d.in_framework(fw) {
                    let hint = match fw {
                        Framework::F2021 => FrameworkHint::CostAtLevel1,
                        Framework::F2015 => FrameworkHint::Use2021,
                    };
                    self.diags.push(cat::not_in_framework(
                        tok.span,
                        &format!("{}.{}", l1.canonical, d.canonical),
                        fw.name(),
                        hint,
                    ));
                    return None;
                }
                Some((
                    l1.id,
                    l1_raw.to_string(),
                    d.canonical,
                    l2_raw.to_string(),
                    tok.span,
                ))
            }
            Level2Lookup::WrongParent(d) => {
                let parent = category::level1_def(d.parent).canonical;
                let fix = format!("{}.{}", category::short(parent), l2_raw);
                self.diags.push(cat::wrong_parent(
                    l2_span,
                    tok.span,
                    l2_raw,
                    l1.canonical,
                    parent,
                    &fix,
                ));
                None
            }
            Level2Lookup::Unknown { suggestion } => {
                self.diags.push(cat::unknown_level2(
                    l2_span,
                    l2_raw,
                    l1.canonical,
                    suggestion,
                ));
                None
            }
        }
    }

    /// Parse target tokens into the model, reporting problems on exact spans.
    /// `定性 好`: the sign 定性 written before the value, as forms print
    /// their 计算符号 column.
    pub(super) fn target(&mut self, tokens: &[Token<'_>]) -> Option<(Target, Span)> {
        let first = tokens.first()?;
        if tokens.len() > 1 && first.is_word() && QUALITATIVE_SIGNS.contains(&first.raw) {
            let last = tokens.last().unwrap_or(first);
            let (mut t, _) = self.target_value(&tokens[1..])?;
            t.qualitative = true;
            t.text = as_formatted(tokens);
            return Some((t, first.span.join(last.span)));
        }
        self.target_value(tokens)
    }

    fn target_value(&mut self, tokens: &[Token<'_>]) -> Option<(Target, Span)> {
        let first = tokens.first()?;
        let last = tokens.last().unwrap_or(first);
        let span = first.span.join(last.span);
        if tokens.iter().any(|t| {
            matches!(
                t.kind,
                TokenKind::Str { closed: false } | TokenKind::Text { closed: false }
            )
        }) {
            return None;
        }
        // A single quoted target: its value; otherwise the words as written.
        let (text, base, quoted) = if tokens.len() == 1 && first.is_string() {
            let v = match text::value(first) {
                Ok(v) => v,
                Err(text::BadEscape(r)) => {
                    let s = first.span.part(r);
                    let raw = self.slice(s).to_string();
                    self.diags.push(cat::bad_escape(s, &raw));
                    return None;
                }
            };
            // Value offsets map to the source only without escapes.
            let base = if first.raw.get(1..first.raw.len() - 1) == Some(v.as_str()) {
                1
            } else {
                usize::MAX
            };
            (v, base, true)
        } else {
            // The words joined as the formatter prints them, so that layout
            // never changes the value; offsets map to the source only when
            // that is how they were written.
            let formatted = as_formatted(tokens);
            let base = if formatted == self.slice(span) {
                0
            } else {
                usize::MAX
            };
            (formatted, base, false)
        };
        let at = |r: std::ops::Range<usize>| {
            if base == usize::MAX {
                span
            } else {
                span.part(r.start + base..r.end + base)
            }
        };
        // `(≥**个) >=4个`: the template's hint beside the real value.
        let hint_free = without_bracketed_hint(&text, &self.ctx.units);
        if let Some(value) = &hint_free {
            self.diags.push(cat::template_hint(span, &text, value));
        }
        let text = hint_free.unwrap_or(text);
        // Quoting says "this is text": a number followed by words that are
        // no unit is then free text, not an unknown unit.
        let parsed = if quoted {
            parse_quoted_target(&text, &self.ctx.units)
        } else {
            parse_target(&text, &self.ctx.units)
        };
        // `6月底前` in a 2021 sheet is 2021-06-30: read it with the year.
        let parsed = match (&parsed, self.ctx.year) {
            (
                Ok(ParsedTarget {
                    value: TargetValue::Date { date },
                    ..
                }),
                Some(year),
            ) if date.year().is_none() => {
                parse_target(&format!("{year}年{text}"), &self.ctx.units).or(parsed)
            }
            _ => parsed,
        };
        if let (
            Ok(ParsedTarget {
                value: TargetValue::Date { date },
                ..
            }),
            Some(year),
        ) = (&parsed, self.ctx.year)
        {
            if date.year().is_some_and(|y| i64::from(y) < i64::from(year)) {
                self.diags
                    .push(cat::date_before_year(span, &date.to_string(), year));
            }
        }
        // Targets are compared and converted (万元 to 元) by the diff: keep
        // their numbers as far inside a decimal as amounts are.
        let limit = Decimal::from(10u64.pow(super::args::MAX_INTEGER_DIGITS as u32));
        let huge = match &parsed {
            Ok(ParsedTarget {
                value: TargetValue::Quantity { value, .. },
                ..
            }) => value.abs() >= limit,
            Ok(ParsedTarget {
                value: TargetValue::Range { min, max, .. },
                ..
            }) => min.abs() >= limit || max.abs() >= limit,
            _ => false,
        };
        if huge {
            self.diags
                .push(cat::number_too_large(span, super::args::MAX_INTEGER_DIGITS));
            return None;
        }
        match parsed {
            Ok(parsed) => {
                // `约50人`, `完成率≥95%`: a value that reads only as text.
                if let TargetValue::Text { text } = &parsed.value {
                    if looks_quantitative(text, &self.ctx.units) {
                        let inside = value_inside(text, &self.ctx.units);
                        self.diags
                            .push(cat::number_read_as_text(span, text, inside.as_deref()));
                    }
                }
                if parsed.value
                    == (TargetValue::Marker {
                        marker: Marker::Pending,
                    })
                {
                    self.diags.push(cat::target_pending(span));
                }
                // The written form with spacing normalised as the formatter
                // prints it, so that layout never changes the model.
                let written = if quoted {
                    text.clone()
                } else {
                    as_formatted(tokens)
                };
                Some((to_model(&parsed, &written), span))
            }
            Err(problem) => {
                let d = match problem {
                    TargetProblem::Empty => cat::missing_target(span),
                    TargetProblem::Garbled { at: r, intended } => {
                        let _ = r;
                        cat::garbled_target(span, &text, &intended)
                    }
                    TargetProblem::Placeholder { at: r } => {
                        let _ = r;
                        cat::placeholder_target(span, &text)
                    }
                    TargetProblem::UnknownUnit {
                        at: r,
                        unit,
                        suggestion,
                    } => {
                        let (meant, dimension) = self.ctx.units.guess_unknown(&unit);
                        let suggestion = meant.or(suggestion);
                        cat::unknown_unit(
                            at(r),
                            &unit,
                            suggestion.as_deref(),
                            (&dimension.chinese_name(), &dimension.name()),
                        )
                    }
                    TargetProblem::BadNumber { at: r } => cat::bad_target_number(at(r)),
                    TargetProblem::BadDate { at: r } => cat::bad_date(at(r)),
                    TargetProblem::RangeReversed { at: r } => cat::range_reversed(at(r)),
                    TargetProblem::MissingValue { at: r } => cat::missing_value(at(r)),
                };
                self.diags.push(d);
                None
            }
        }
    }

    /// Checks of a target against its indicator's category and name.
    fn target_fits(&mut self, name: &str, l1: Level1, l2: &str, t: &Target, span: Span) {
        // 不适用 / 待定 hold no value to fit.
        if matches!(t.value, TargetValue::Marker { .. }) {
            return;
        }
        let (pct, dim) = match &t.value {
            TargetValue::Quantity {
                value, dimension, ..
            } => (
                (*dimension == Some(Dimension::Percent)).then_some(*value),
                dimension.clone(),
            ),
            TargetValue::Range { max, dimension, .. } => (
                (*dimension == Some(Dimension::Percent)).then_some(*max),
                dimension.clone(),
            ),
            _ => (None, None),
        };
        let is_satisfaction = l1 == Level1::Satisfaction || name.contains("满意");
        let upper = matches!(t.value, TargetValue::Range { .. });
        if let Some(v) = pct {
            if v > Decimal::ONE_HUNDRED {
                if is_satisfaction {
                    self.diags
                        .push(cat::satisfaction_over_100(span, &v.to_string(), upper));
                } else if name.ends_with('率')
                    && !["增长", "增幅", "提高", "提升", "增加"]
                        .iter()
                        .any(|w| name.contains(w))
                {
                    self.diags
                        .push(cat::rate_over_100(span, &v.to_string(), upper));
                }
            }
            // Official templates put rates (建档率, 覆盖率) under 数量指标;
            // a percentage on anything else there is a mistake.
            if l2 == "数量指标" && !name.ends_with('率') {
                self.diags.push(cat::quantity_with_percent(span));
            }
        }
        // Economic costs are sums of money; social and ecological costs are
        // often qualitative (无明显影响), so they are not checked.
        let is_cost = l2 == "经济成本指标" || l2 == "成本指标";
        let is_money = match &dim {
            Some(Dimension::Money) => true,
            Some(Dimension::Per(a, _)) => **a == Dimension::Money,
            _ => false,
        };
        if is_cost && !is_money {
            self.diags.push(cat::cost_without_money(span));
        }
        if l2 == "数量指标" && is_money {
            self.diags.push(cat::quantity_with_money(span));
        }
        // `满意度 ≥90`: a share written without its `%`.
        let bare_number = matches!(
            &t.value,
            TargetValue::Quantity {
                dimension: None,
                ..
            } | TargetValue::Range {
                dimension: None,
                ..
            }
        );
        if bare_number && (is_satisfaction || name.trim_end().ends_with('率')) {
            self.diags.push(cat::rate_without_unit(span, &t.text));
        }
        // `培训人数 ≥5次`: the name counts one thing, the target another.
        if let (Some(named), Some((unit, Dimension::Count))) = (counted_by_name(name), t.unit()) {
            if !unit.contains(named) {
                self.diags
                    .push(cat::unit_differs_from_name(span, named, unit));
            }
        }
    }

    /// Checks over the indicators of one project (or of the overall part).
    /// `failed` holds the level 1 of each indicator that failed its own
    /// checks (None when even its category did not resolve).
    pub fn indicator_set(
        &mut self,
        set: &[Checked],
        failed: &[Option<Level1>],
        project: Option<(Span, &str, &ProjectText<'_>)>,
    ) {
        // Rows that only list a category hold no indicator: they count for
        // nothing below.
        let set: Vec<&Checked> = set
            .iter()
            .filter(|c| !c.indicator.is_listed_only())
            .collect();
        // The first indicator of each name, in a map: a project of many
        // indicators is checked in linear time.
        let mut first: HashMap<&str, Span> = HashMap::new();
        for c in &set {
            match first.get(c.indicator.name.as_str()) {
                Some(at) => self.diags.push(cat::duplicate_indicator(
                    c.spans.name,
                    *at,
                    &c.indicator.name,
                )),
                None => {
                    first.insert(&c.indicator.name, c.spans.name);
                }
            }
        }
        let Some((span, code, text)) = project else {
            return;
        };
        let mut required = vec![Level1::Output, Level1::Benefit, Level1::Satisfaction];
        if self.ctx.framework == Framework::F2021 {
            required.insert(0, Level1::Cost);
        }
        let missing: Vec<&str> = required
            .iter()
            .filter(|l| !set.iter().any(|c| c.level1 == **l) && !failed.contains(&Some(**l)))
            .map(|l| category::level1_def(*l).canonical)
            .collect();
        // An indicator whose category did not resolve could be any of them.
        if !missing.is_empty() && !failed.contains(&None) {
            self.diags.push(cat::missing_category(span, code, &missing));
        }
        let weighted = set.iter().filter(|c| c.spans.weight.is_some()).count();
        // A failed indicator's weight is unknown: the sum would be noise.
        if weighted > 0 && failed.is_empty() {
            if let Some(unweighted) = set.iter().find(|c| c.spans.weight.is_none()) {
                self.diags
                    .push(cat::weights_partial(unweighted.head, set.len() - weighted));
            } else {
                let sum: Decimal = set.iter().filter_map(|c| c.indicator.weight).sum();
                let execution = text.scores.iter().find(|s| s.0.item == Score::EXECUTION);
                match execution {
                    Some((e, _)) if e.min == e.max => {
                        if sum + e.max != Decimal::ONE_HUNDRED {
                            self.diags.push(cat::weights_sum_with_execution(
                                span,
                                &sum.to_string(),
                                &e.max.to_string(),
                            ));
                        }
                    }
                    Some(_) => {}
                    None => {
                        if sum != Decimal::from(100) && sum != Decimal::from(90) {
                            self.diags.push(cat::weights_sum(span, &sum.to_string()));
                        }
                    }
                }
                for (s, at) in text.scores.iter().filter(|s| s.0.item != Score::EXECUTION) {
                    // 年度绩效指标 counts every indicator, a level 1 its own.
                    let under: Decimal = set
                        .iter()
                        .filter(|c| s.item == Score::ANNUAL || c.indicator.level1 == s.item)
                        .filter_map(|c| c.indicator.weight)
                        .sum();
                    if under < s.min || under > s.max {
                        self.diags.push(cat::level_weights_outside(
                            *at,
                            &s.item,
                            &under.to_string(),
                            &s.points(),
                        ));
                    }
                }
            }
        }
        let mut corpus: Option<Corpus> = None;
        for c in set.iter().filter(|c| c.level1 == Level1::Satisfaction) {
            let corpus = corpus.get_or_insert_with(|| Corpus::of(&set, text));
            if let Some(subject) = unrelated_subject(c, corpus) {
                self.diags
                    .push(cat::unrelated_subject(c.spans.name, &subject));
            }
        }
    }
}

/// The characters and pairs of consecutive characters of a project's
/// texts (name, purpose, goals, indicator names and descriptions), counted
/// once, so that each satisfaction indicator is compared with the rest in
/// time linear in its own name.
#[derive(Default)]
struct Corpus {
    chars: HashMap<char, usize>,
    pairs: HashMap<(char, char), usize>,
}

impl Corpus {
    fn of(set: &[&Checked], text: &ProjectText<'_>) -> Corpus {
        let mut c = Corpus::default();
        c.add(text.name, 1);
        c.add(text.purpose, 1);
        for g in text.goals {
            c.add(g, 1);
        }
        for other in set {
            c.add(&other.indicator.name, 1);
            if let Some(d) = &other.indicator.description {
                c.add(d, 1);
            }
        }
        c
    }

    /// Count (`by` 1) or uncount (`by` usize::MAX, i.e. −1) a text.
    fn add(&mut self, text: &str, by: usize) {
        let mut prev = None;
        for ch in text.chars() {
            let n = self.chars.entry(ch).or_default();
            *n = n.wrapping_add(by);
            if let Some(p) = prev {
                let n = self.pairs.entry((p, ch)).or_default();
                *n = n.wrapping_add(by);
            }
            prev = Some(ch);
        }
    }

    fn has_char(&self, c: char) -> bool {
        self.chars.get(&c).is_some_and(|n| *n > 0)
    }

    fn has_pair(&self, a: char, b: char) -> bool {
        self.pairs.get(&(a, b)).is_some_and(|n| *n > 0)
    }
}

/// The subject of a satisfaction indicator (`参培住院医师` in
/// `参培住院医师满意度`) when no two consecutive characters of it occur
/// anywhere else in the project: a sign of a copied template. `corpus`
/// counts every text of the project; the indicator's own name is left out
/// for the comparison.
fn unrelated_subject(c: &Checked, corpus: &mut Corpus) -> Option<String> {
    let name = c.indicator.name.as_str();
    let subject = ["满意程度", "满意度", "满意率"]
        .iter()
        .find_map(|suffix| name.find(suffix).map(|pos| &name[..pos]))?
        .trim_end_matches('的')
        .trim();
    if subject.chars().count() < 2 || subjects::is_natural_beneficiary(subject) {
        return None;
    }
    corpus.add(name, usize::MAX);
    let found = (|| {
        // 查档群众 in an archive project: people named by what they come
        // for, one character of which the project names.
        if let Some(activity) = subjects::activity_of_people(subject) {
            if activity
                .chars()
                .any(|ch| !ch.is_ascii() && corpus.has_char(ch))
            {
                return true;
            }
        }
        let chars: Vec<char> = subject.chars().collect();
        chars.windows(2).any(|w| corpus.has_pair(w[0], w[1]))
    })();
    corpus.add(name, 1);
    (!found).then(|| subject.to_string())
}

/// Target words as the formatter prints them (one space where the source
/// had any), so that layout never changes the model.
fn as_formatted(tokens: &[Token<'_>]) -> String {
    let mut w = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && crate::syntax::space_before(tokens, i) {
            w.push(' ');
        }
        w.push_str(t.raw);
    }
    w
}

/// The spellings of the sign 定性 before a target's value.
const QUALITATIVE_SIGNS: &[&str] = &["定性", "定性指标"];

/// The model form of a parsed target.
fn to_model(t: &ParsedTarget, written: &str) -> Target {
    Target::new(t.op, t.value.clone(), written.trim().to_string())
}
