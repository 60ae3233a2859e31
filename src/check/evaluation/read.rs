//! Reading an evaluation's statements into the model, scoring each item by
//! the rules and checking it on its own (its stated figures against the
//! rules, reasons for shortfalls, sums).

use super::super::args::Args;
use super::super::checker::{Checker, Seen};
use super::super::context::SheetContext;
use super::scoring;
use crate::diag::catalogue as cat;
use crate::lang::category::Framework;
use crate::lang::choices::{choose, Likelihood, ReverseRule, CAUSES, LIKELIHOODS, REVERSE_RULES};
use crate::lang::keywords::{at_most_once, Kw, Place};
use crate::lang::units::money_factor;
use crate::model::{
    Actual, Amounts, Completion, EvalIndicator, EvalProject, EvaluationKind, Execution,
    ExecutionSource, Field, GoalResult, Indicator, Nature, Party, Rule, Score, StatedTotal, Target,
    TargetValue,
};
use crate::source::Span;
use crate::syntax::{text, Item, Stmt, TokenKind};
use crate::target::{parse_target, Date};
use rust_decimal::Decimal;

/// The header block: what kind of form, which year, which sheet.
pub struct Header {
    pub head: Span,
    pub kind: EvaluationKind,
    pub year: Option<i32>,
    pub year_span: Option<Span>,
    pub as_of: Option<u32>,
    pub sheet: Option<(String, Span)>,
    pub department: Option<Party>,
    pub money_unit: Option<&'static str>,
    pub framework: Option<Framework>,
    pub reverse_rule: ReverseRule,
    pub title: Option<String>,
    pub filer: Option<String>,
    pub date: Option<String>,
    pub fields: Vec<Field>,
}

/// Where an evaluated project's facts stand, for the checks against the
/// sheet.
pub struct ProjectSpans {
    pub name: Span,
    pub indicators: Vec<IndicatorSpans>,
    /// Names of indicators the form writes but that could not be read
    /// (reported): not reported missing from the sheet, and sums over the
    /// table are not checked without them.
    pub unread: Vec<String>,
    /// The execution's 年初预算数.
    pub initial: Option<Span>,
}

/// Where an evaluated indicator's facts stand.
pub struct IndicatorSpans {
    pub name: Span,
    pub target: Span,
}

/// A text that is the form's own instruction left in place: forms end each
/// instruction with its length limit, `(100字以内)`.
fn is_template_text(text: &str) -> bool {
    if text.contains("字以内)") || text.contains("字以内）") {
        return true;
    }
    // `（限200字）`, `(不超过200字)`, `（请填写）`: an instruction in
    // brackets.
    text.split(['(', '（']).skip(1).any(|after| {
        let Some(inner) = after
            .split([')', '）'])
            .next()
            .filter(|_| after.contains([')', '）']))
        else {
            return false;
        };
        let inner = inner.trim();
        let limit = |prefix: &str| {
            inner
                .strip_prefix(prefix)
                .and_then(|r| r.strip_suffix('字'))
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        };
        limit("限")
            || limit("不超过")
            || limit("不超")
            || inner.starts_with("请填写")
            || inner.starts_with("请简要")
    })
}

/// `10`, `10分`, `100.00%`: a number as forms print it, with its span.
fn figure(cx: &mut Checker<'_>, stmt: &Stmt<'_>, kw: Kw, suffixes: &[char]) -> Option<Decimal> {
    // `100.00 %`, `18 分`: the sign or unit apart from the number.
    let apart = stmt.args.len() == 2
        && stmt.args[1].raw.chars().all(|c| suffixes.contains(&c))
        && !stmt.args[1].raw.is_empty();
    cx.no_more_args(&Args::of(stmt), if apart { 2 } else { 1 });
    let Some(tok) = stmt.args.first() else {
        cx.missing_arg(stmt, kw, 0);
        return None;
    };
    if !tok.is_word() {
        let mut args = Args::of(stmt);
        return cx.number_arg(&mut args, kw, 0).map(|n| n.0);
    }
    let raw = tok.raw.trim_end_matches(suffixes);
    let span = tok.span.part(0..raw.len());
    let n = cx.number(raw, span).map(|n| n.0)?;
    if n.is_sign_negative() && !n.is_zero() {
        let (zh, en) = match kw {
            Kw::Weight => ("分值", "weight"),
            Kw::Deduction => ("扣减分数", "deduction"),
            Kw::Rate => ("执行率", "rate"),
            Kw::Points => ("得分", "points"),
            _ => {
                cx.diags.push(cat::negative_amount(span));
                return None;
            }
        };
        cx.diags.push(cat::negative_figure(span, zh, en));
        return None;
    }
    Some(n)
}

/// The span of a statement's first argument (its head when it has none).
fn arg_span(stmt: &Stmt<'_>) -> Span {
    match (stmt.args.first(), stmt.args.last()) {
        (Some(a), Some(b)) => a.span.join(b.span),
        _ => stmt.head.span,
    }
}

impl Checker<'_> {
    /// `evaluation 2020 { sheet "…"; … }` or `monitoring 2020 { … }`.
    pub fn eval_header(&mut self, stmt: &Stmt<'_>, kw: Kw) -> Header {
        let mut h = Header {
            head: stmt.head.span,
            kind: EvaluationKind::of(kw),
            year: None,
            year_span: None,
            as_of: None,
            sheet: None,
            department: None,
            money_unit: None,
            framework: None,
            reverse_rule: ReverseRule::default(),
            title: None,
            filer: None,
            date: None,
            fields: Vec::new(),
        };
        if stmt.args.is_empty() {
            self.missing_arg(stmt, kw, 0);
        } else {
            h.year = self.year(stmt);
            h.year_span = stmt.args.first().map(|t| t.span);
        }
        let mut seen = Seen::default();
        let mut scratch = SheetContext::default();
        for child in stmt.children() {
            let Some(ckw) = self.keyword(child, Place::EvalHeader) else {
                continue;
            };
            if at_most_once(ckw) && !self.once(&mut seen, ckw, child) {
                continue;
            }
            self.no_block(child);
            match ckw {
                Kw::Sheet => {
                    let mut args = Args::of(child);
                    h.sheet = self.string_arg(&mut args, ckw, 0);
                    self.no_more_args(&args, 1);
                }
                Kw::Department => h.department = self.party(child, ckw),
                Kw::Unit => {
                    let before = self.diags.len();
                    self.money_unit_stmt(child, &mut scratch);
                    if self.diags.len() == before {
                        h.money_unit = Some(scratch.money_unit);
                    }
                }
                Kw::Framework => {
                    let before = self.diags.len();
                    self.framework_stmt(child, &mut scratch);
                    if self.diags.len() == before {
                        h.framework = Some(scratch.framework);
                    }
                }
                Kw::ReverseRule => {
                    if let Some((r, _)) = self.choice_stmt(child, ckw, REVERSE_RULES) {
                        h.reverse_rule = r;
                    }
                }
                Kw::AsOf => h.as_of = self.as_of_month(child),
                Kw::Title => h.title = self.text_stmt(child, ckw),
                Kw::Filer => h.filer = self.text_stmt(child, ckw),
                Kw::Date => h.date = self.code_stmt(child, ckw),
                Kw::Field => h.fields.extend(self.field(child)),
                _ => {}
            }
        }
        h
    }

    /// `as-of 7月`, `as-of 7`: the month, 1 to 12.
    fn as_of_month(&mut self, stmt: &Stmt<'_>) -> Option<u32> {
        self.no_more_args(&Args::of(stmt), 1);
        let Some(tok) = stmt.args.first() else {
            self.missing_arg(stmt, Kw::AsOf, 0);
            return None;
        };
        match month_of(tok.raw) {
            Some(m) if tok.is_word() && (1..=12).contains(&m) => Some(m),
            _ => {
                self.diags.push(cat::month_out_of_range(tok.span, tok.raw));
                None
            }
        }
    }

    /// One project's table, scored and checked on its own; with `whole`,
    /// the body's own table (`overall`, 部门整体), which names nothing: its
    /// name is the body's, filled in by the caller.
    pub fn eval_project(
        &mut self,
        stmt: &Stmt<'_>,
        header: &Header,
        whole: bool,
        sheet_set: &[Indicator],
    ) -> Option<(EvalProject, ProjectSpans)> {
        let (code, name) = if whole {
            self.no_more_args(&Args::of(stmt), 0);
            (Ok(None), Some((String::new(), stmt.head.span)))
        } else {
            self.code_and_name(stmt, Kw::Project)
        };
        let name_span = name.as_ref().map(|n| n.1).unwrap_or(stmt.head.span);
        let mut p = EvalProject::default();
        let mut seen = Seen::default();
        let mut scores: Vec<(Score, Span)> = Vec::new();
        let mut spans = Vec::new();
        let mut total: Option<(StatedTotal, Span, Span)> = None;
        let mut exec_head = None;
        let mut exec_stmt: Option<&Stmt<'_>> = None;
        let mut unread: Vec<String> = Vec::new();
        let mut initial_at = None;
        let mut texts: Vec<Span> = Vec::new();
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, Place::EvalProject) else {
                continue;
            };
            if at_most_once(kw) && !self.once(&mut seen, kw, child) {
                continue;
            }
            if !matches!(kw, Kw::Execution | Kw::Goal | Kw::Indicator | Kw::Total) {
                self.no_block(child);
            }
            let text_of = |cx: &mut Checker<'_>, texts: &mut Vec<Span>| {
                let t = cx.text_stmt(child, kw);
                if t.as_deref().is_some_and(is_template_text) {
                    texts.push(arg_span(child));
                }
                t
            };
            match kw {
                Kw::Supervisor => p.supervisor = self.party(child, kw),
                Kw::Agency => p.agency = self.party(child, kw),
                Kw::Truncated => p.truncated = self.text_stmt(child, kw),
                Kw::Overview => p.overview = text_of(self, &mut texts),
                Kw::Conclusion => p.conclusion = text_of(self, &mut texts),
                Kw::Problem => p.problems = text_of(self, &mut texts),
                Kw::Improvement => p.improvement = text_of(self, &mut texts),
                Kw::Field => p.fields.extend(self.field(child)),
                Kw::Score => scores.extend(self.score(child, &scores)),
                Kw::Goal => {
                    if let Some(g) = self.eval_goal(child, &mut texts) {
                        p.goals.push(g);
                    }
                }
                // Read after the loop: `score 预算执行率 20` may follow it.
                Kw::Execution => exec_stmt = Some(child),
                Kw::Indicator => match self.eval_indicator(child, header, sheet_set, &mut texts) {
                    Ok((i, s)) => {
                        if let Some(k) = p.indicators.iter().position(|o| {
                            o.level1 == i.level1 && o.level2 == i.level2 && o.name == i.name
                        }) {
                            let first: &IndicatorSpans = &spans[k];
                            self.diags
                                .push(cat::duplicate_indicator(s.name, first.name, &i.name));
                            continue;
                        }
                        p.indicators.push(i);
                        spans.push(s);
                    }
                    Err(name) => unread.push(name.unwrap_or_default()),
                },
                Kw::Total => total = self.stated_total(child),
                _ => {}
            }
        }
        if let Some(child) = exec_stmt {
            // The form's 预算执行率 points weigh the execution unless it
            // states its own weight, which must then be the same.
            let part = scores
                .iter()
                .find(|(s, _)| s.item == Score::EXECUTION && s.min == s.max);
            let (e, at) = self.execution(child, header, part.map(|(s, _)| s.max));
            initial_at = at;
            if let Some((s, at)) = part {
                if !scoring::agrees(s.max, e.weight) {
                    self.diags.push(cat::total_mismatch(
                        *at,
                        &format!("（{}）分值", s.item),
                        &format!("weight of {}", s.item),
                        &s.max.to_string(),
                        &e.weight.to_string(),
                    ));
                }
            }
            p.execution = Some(e);
            exec_head = Some(child.head.span);
        }
        for at in texts {
            self.diags.push(cat::template_text(at));
        }
        let score_spans = scores.clone();
        p.scores = scores.into_iter().map(|s| s.0).collect();
        let truncated = p.truncated.is_some();
        let evaluating = header.kind == EvaluationKind::Evaluation;
        if evaluating && !truncated {
            for (i, s) in p.indicators.iter().zip(&spans) {
                // A row that does not apply (不适用) or is still to be set
                // (待定) has nothing to score.
                let marker = i
                    .target
                    .as_ref()
                    .is_some_and(|t| matches!(t.value, TargetValue::Marker { .. }))
                    || i.actual.as_ref().is_some_and(Actual::not_applicable);
                if is_listed_only(i) || marker {
                    continue;
                }
                let (zh, en) = match (i.actual.is_none(), i.points.is_none()) {
                    (true, true) => ("实际完成值和得分", "actual value and points"),
                    (true, false) => ("实际完成值", "actual value"),
                    (false, true) => ("得分", "points"),
                    // Neither the form nor the sheet weighs it: its points
                    // cannot be checked.
                    (false, false) if i.weight.is_none() => ("分值", "weight"),
                    (false, false) => continue,
                };
                self.diags.push(cat::not_evaluated(s.name, zh, en));
            }
        }
        // The 合计 row against its items, and the points of each part
        // (产出指标 50分) against its indicators' weights; not when a row
        // could not be read (reported), which would make every sum wrong.
        if !truncated && unread.is_empty() {
            if let Some((t, weight_at, points_at)) = &total {
                self.total_sums(&p, t, *weight_at, *points_at);
            }
            for (score, at) in &score_spans {
                self.part_sum(&p, score, *at);
            }
        }
        p.total = total.map(|t| t.0);
        if evaluating {
            p.computed_total = computed_total(&p).map(scoring::fixed2);
        }
        if let (Some(e), Some(head)) = (&p.execution, exec_head) {
            if evaluating && !truncated && (e.amounts.spent.is_none() || e.points.is_none()) {
                let (zh, en) = match (e.amounts.spent.is_none(), e.points.is_none()) {
                    (true, true) => ("执行数和得分", "spending and points"),
                    (true, false) => ("执行数", "spending"),
                    _ => ("得分", "points"),
                };
                self.diags.push(cat::not_evaluated(head, zh, en));
            }
        }
        p.code = code.ok()?.map(|c| c.0);
        p.name = name?.0;
        Some((
            p,
            ProjectSpans {
                name: name_span,
                indicators: spans,
                unread,
                initial: initial_at,
            },
        ))
    }

    /// `goal "预期目标" { actual "实际完成情况" }`.
    fn eval_goal(&mut self, stmt: &Stmt<'_>, texts: &mut Vec<Span>) -> Option<GoalResult> {
        let mut args = Args::of(stmt);
        let goal = self.string_arg(&mut args, Kw::Goal, 0);
        self.no_more_args(&args, 1);
        if let Some((g, at)) = &goal {
            if is_template_text(g) {
                texts.push(*at);
            }
        }
        let mut actual = None;
        let mut seen = Seen::default();
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, Place::EvalGoal) else {
                continue;
            };
            if !self.once(&mut seen, kw, child) {
                continue;
            }
            self.no_block(child);
            actual = self.text_stmt(child, kw);
            if actual.as_deref().is_some_and(is_template_text) {
                texts.push(arg_span(child));
            }
        }
        Some(GoalResult {
            goal: goal?.0,
            actual,
        })
    }

    /// The amounts of a row: `initial`, `adjusted`, `spent`, `expected`,
    /// `rate` (each with where it stands).
    fn amount(&mut self, stmt: &Stmt<'_>, kw: Kw, a: &mut Amounts, at: &mut RowSpans) {
        let value = figure(self, stmt, kw, &['%', '％']);
        let span = arg_span(stmt);
        match kw {
            Kw::Initial => (a.initial, at.initial) = (value, Some(span)),
            Kw::Adjusted => (a.adjusted, at.adjusted) = (value, Some(span)),
            Kw::Spent => (a.spent, at.spent) = (value, Some(span)),
            Kw::Expected => (a.expected, at.expected) = (value, Some(span)),
            Kw::Rate => (a.rate, at.rate) = (value, Some(span)),
            _ => {}
        }
        if value.is_some_and(|v| v < Decimal::ZERO) && kw != Kw::Rate {
            self.diags.push(cat::negative_amount(span));
        }
    }

    /// The rate a row's amounts give (exact, in %), with its stated rate
    /// checked against it.
    fn row_rate(&mut self, a: &Amounts, at: &RowSpans) -> Option<Decimal> {
        let budget = a.adjusted.or(a.initial)?;
        let exact = scoring::rate(a.spent?, budget)?;
        if let (Some(stated), Some(span)) = (a.rate, at.rate) {
            if !scoring::agrees(stated, exact) {
                let shown = format!("{}%", scoring::fixed2(exact));
                self.diags
                    .push(cat::rate_mismatch(span, &format!("{stated}%"), &shown));
            }
        }
        Some(exact)
    }

    /// `execution { initial …; adjusted …; spent …; rate …; points …;
    /// source "财政资金" { … } }`.
    fn execution(
        &mut self,
        stmt: &Stmt<'_>,
        header: &Header,
        weight: Option<Decimal>,
    ) -> (Execution, Option<Span>) {
        self.no_more_args(&Args::of(stmt), 0);
        let mut e = Execution {
            weight: weight.unwrap_or(Decimal::TEN),
            ..Execution::default()
        };
        let mut at = RowSpans::default();
        let mut points_at = None;
        let mut seen = Seen::default();
        let mut source_rows: Vec<(Amounts, RowSpans)> = Vec::new();
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, Place::Execution) else {
                continue;
            };
            if at_most_once(kw) && !self.once(&mut seen, kw, child) {
                continue;
            }
            if kw != Kw::Source {
                self.no_block(child);
            }
            match kw {
                Kw::Initial | Kw::Adjusted | Kw::Spent | Kw::Expected | Kw::Rate => {
                    self.amount(child, kw, &mut e.amounts, &mut at)
                }
                Kw::Weight => {
                    if let Some(w) = figure(self, child, kw, &['分']) {
                        e.weight = w;
                    }
                }
                Kw::Points => {
                    e.points = figure(self, child, kw, &['分']);
                    points_at = Some(arg_span(child));
                }
                Kw::Reason => {
                    e.reason = self.text_stmt(child, kw);
                    if e.reason.as_deref().is_some_and(is_template_text) {
                        self.diags.push(cat::template_text(arg_span(child)));
                    }
                }
                Kw::Source => {
                    let mut args = Args::of(child);
                    let name = self.string_arg(&mut args, kw, 0);
                    self.no_more_args(&args, 1);
                    let mut row = Amounts::default();
                    let mut row_at = RowSpans::default();
                    let mut seen_row = Seen::default();
                    for c in child.children() {
                        let Some(k) = self.keyword(c, Place::ExecutionSource) else {
                            continue;
                        };
                        if !self.once(&mut seen_row, k, c) {
                            continue;
                        }
                        self.no_block(c);
                        self.amount(c, k, &mut row, &mut row_at);
                    }
                    self.row_rate(&row, &row_at);
                    if let Some((n, _)) = name {
                        e.sources.push(ExecutionSource {
                            name: n,
                            amounts: row.clone(),
                        });
                        source_rows.push((row, row_at));
                    }
                }
                _ => {}
            }
        }
        let exact = self.row_rate(&e.amounts, &at);
        e.computed_rate = exact.map(scoring::fixed2);
        // The sources against the total row, column by column.
        type Column = fn(&Amounts) -> Option<Decimal>;
        let columns: [(Column, Option<Span>, &str, &str); 3] = [
            (|a| a.initial, at.initial, "年初预算数", "initial budget"),
            (|a| a.adjusted, at.adjusted, "全年预算数", "adjusted budget"),
            (|a| a.spent, at.spent, "执行数", "spending"),
        ];
        // A body's table (部门整体) splits the total twice, by where the
        // money comes from and by what it pays (基本支出 / 项目支出): each
        // split is summed on its own.
        let by_spending: Vec<bool> = e
            .sources
            .iter()
            .map(|s| is_spending_split(&s.name))
            .collect();
        let split_names: Vec<&str> = e
            .sources
            .iter()
            .filter(|s| !is_spending_split(&s.name))
            .map(|s| s.name.as_str())
            .collect();
        for ((get, span, zh, en), spending) in columns.iter().flat_map(|c| [(c, false), (c, true)])
        {
            let (Some(total), Some(span)) = (get(&e.amounts), *span) else {
                continue;
            };
            let rows: Vec<&Amounts> = source_rows
                .iter()
                .zip(&by_spending)
                .filter(|(_, s)| **s == spending)
                .map(|((r, _), _)| r)
                .collect();
            let stated: Vec<Decimal> = rows.iter().filter_map(|r| get(r)).collect();
            if stated.is_empty() {
                continue;
            }
            let sum: Decimal = stated.iter().sum();
            // Rows may list only part of the total (其中：财政资金); they
            // claim all of it when every row states the column and one of
            // them is the catch-all 其他资金, or they split by what it pays.
            let whole = stated.len() == rows.len()
                && rows.len() >= 2
                && (spending || split_names.iter().any(|n| is_catch_all(n)));
            if sum > total || (whole && sum != total) {
                self.diags.push(cat::execution_sources_mismatch(
                    span,
                    zh,
                    en,
                    &total.to_string(),
                    &sum.to_string(),
                ));
            }
        }
        let rate = exact.or(e.amounts.rate);
        match header.kind {
            EvaluationKind::Evaluation => {
                // By the amounts; a form may also work from the rate it
                // prints (得分 = 分值 × 执行率), and may cap at the weight.
                let budget = e.amounts.adjusted.or(e.amounts.initial);
                let by_amounts = e
                    .amounts
                    .spent
                    .zip(budget)
                    .and_then(|(s, b)| scoring::execution(s, b, e.weight));
                let by_rate = e
                    .amounts
                    .rate
                    .map(|r| scoring::execution_of_rate(r, e.weight));
                if let (Some(rule), Some(rate)) = (by_amounts.or(by_rate), rate) {
                    e.computed_points = Some(scoring::fixed2(rule));
                    if let (Some(stated), Some(span)) = (e.points, points_at) {
                        let agrees = [Some(rule), by_rate].into_iter().flatten().any(|x| {
                            scoring::agrees(stated, x) || scoring::agrees(stated, x.min(e.weight))
                        });
                        if !agrees {
                            self.diags.push(cat::points_differ(
                                span,
                                &stated.to_string(),
                                &scoring::round2(rule.min(e.weight)).to_string(),
                                &format!(
                                    "预算执行得分 = 分值 {} × 执行率 {}%",
                                    e.weight,
                                    scoring::fixed2(rate)
                                ),
                                &format!(
                                    "execution scores weight {} × rate {}%",
                                    e.weight,
                                    scoring::fixed2(rate)
                                ),
                            ));
                        }
                    }
                }
            }
            EvaluationKind::Monitoring => {
                if let (Some(month), Some(rate)) = (header.as_of, rate) {
                    let due = Decimal::from(month) * Decimal::ONE_HUNDRED / Decimal::from(12);
                    if rate < due && e.reason.is_none() {
                        // Enough decimals to show the two apart (58.325 against 58.333…).
                        let dp = (2..8)
                            .find(|&dp| scoring::round_to(rate, dp) != scoring::round_to(due, dp))
                            .unwrap_or(8);
                        let shown = |x: Decimal| {
                            let mut r = scoring::round_to(x, dp);
                            r.rescale(dp);
                            r
                        };
                        let (due, rate) = (shown(due), shown(rate));
                        self.diags.push(cat::behind_schedule(
                            at.rate.or(at.spent).unwrap_or(stmt.head.span),
                            &format!("截至{month}月执行率 {rate}% 低于序时进度 {due}%"),
                            &format!("spent {rate}% by the end of month {month}, against {due}% of the year"),
                        ));
                    }
                }
            }
        }
        (e, at.initial)
    }

    /// `total { weight 100; points 95 }`: the stated total, with where its
    /// weight and points stand.
    fn stated_total(&mut self, stmt: &Stmt<'_>) -> Option<(StatedTotal, Span, Span)> {
        self.no_more_args(&Args::of(stmt), 0);
        let mut t = StatedTotal::default();
        let (mut w_at, mut p_at) = (stmt.head.span, stmt.head.span);
        let mut seen = Seen::default();
        for child in stmt.children() {
            let Some(kw) = self.keyword(child, Place::EvalTotal) else {
                continue;
            };
            if !self.once(&mut seen, kw, child) {
                continue;
            }
            self.no_block(child);
            let v = figure(self, child, kw, &['分']);
            match kw {
                Kw::Weight => (t.weight, w_at) = (v, arg_span(child)),
                _ => (t.points, p_at) = (v, arg_span(child)),
            }
        }
        Some((t, w_at, p_at))
    }

    /// A part's points as the form prints them (`score 产出 50`,
    /// `score 年度绩效指标 90`) against the weights of its indicators, when
    /// every one states it. (The execution's points are its weight.)
    fn part_sum(&mut self, p: &EvalProject, score: &Score, at: Span) {
        if score.min != score.max || score.item == Score::EXECUTION {
            return;
        }
        let rows: Vec<&EvalIndicator> = p
            .indicators
            .iter()
            .filter(|i| !is_listed_only(i))
            .filter(|i| score.item == Score::ANNUAL || i.level1 == score.item)
            .collect();
        let Some(weights) = rows
            .iter()
            .map(|i| i.weight)
            .collect::<Option<Vec<Decimal>>>()
        else {
            return;
        };
        if rows.is_empty() {
            return;
        }
        let sum: Decimal = weights.iter().sum();
        if !scoring::agrees(score.max, sum) {
            self.diags.push(cat::total_mismatch(
                at,
                &format!("（{}）分值", score.item),
                &format!("weight of {}", score.item),
                &score.max.to_string(),
                &sum.to_string(),
            ));
        }
    }

    /// The 合计 row against the sum of its items (only when every item
    /// states the figure).
    fn total_sums(&mut self, p: &EvalProject, t: &StatedTotal, w_at: Span, p_at: Span) {
        if let Some(stated) = t.weight {
            let weights: Option<Vec<Decimal>> = p
                .execution
                .iter()
                .map(|e| Some(e.weight))
                .chain(
                    p.indicators
                        .iter()
                        .filter(|i| !is_listed_only(i))
                        .map(|i| i.weight),
                )
                .collect();
            if let Some(ws) = weights {
                let sum: Decimal = ws.iter().sum();
                if !scoring::agrees(stated, sum) {
                    self.diags.push(cat::total_mismatch(
                        w_at,
                        "分值",
                        "weight",
                        &stated.to_string(),
                        &sum.to_string(),
                    ));
                }
            }
        }
        if let Some(stated) = t.points {
            let points: Option<Vec<Decimal>> = p
                .execution
                .iter()
                .map(|e| e.points)
                .chain(
                    p.indicators
                        .iter()
                        .filter(|i| !is_listed_only(i))
                        .map(|i| i.points.map(|x| scoring::after_deduction(x, i.deduction))),
                )
                .collect();
            if let Some(ps) = points {
                let sum: Decimal = ps.iter().sum();
                if !scoring::agrees(stated, sum) {
                    self.diags.push(cat::total_mismatch(
                        p_at,
                        "得分",
                        "points",
                        &stated.to_string(),
                        &sum.to_string(),
                    ));
                }
            }
        }
    }

    /// An indicator of the evaluation: the target sheet's statements read as
    /// a sheet reads them, the evaluation's own beside them.
    fn eval_indicator(
        &mut self,
        stmt: &Stmt<'_>,
        header: &Header,
        sheet_set: &[Indicator],
        texts: &mut Vec<Span>,
    ) -> Result<(EvalIndicator, IndicatorSpans), Option<String>> {
        // The evaluation's own statements, and `weight`, which a form
        // writes as 分值 with its unit (`weight 20分`).
        let own = |s: &Stmt<'_>| {
            Kw::lookup(s.head.raw)
                .map(|k| k.in_block_of(Some(Kw::Indicator)))
                .is_some_and(|k| k == Kw::Weight || Place::EvalIndicator.allowed().contains(&k))
        };
        let mut quoted = stmt.clone();
        if let Some(block) = &mut quoted.block {
            block
                .items
                .retain(|i| !matches!(i, Item::Stmt(s) if own(s)));
        }
        let (base, name_span, target_span) = match self.indicator(&quoted) {
            Ok(c) => (c.indicator, c.spans.name, c.spans.target),
            Err(_) => self.target_from_sheet(stmt, sheet_set).ok_or_else(|| {
                stmt.args
                    .get(1)
                    .filter(|t| t.is_string())
                    .and_then(|t| text::value(t).ok())
            })?,
        };
        let mut ind = EvalIndicator {
            level1: base.level1,
            level2: base.level2,
            level1_written: base.level1_written,
            level2_written: base.level2_written,
            name: base.name,
            id: base.id,
            target: base.target,
            actual: None,
            expected: None,
            weight: base.weight,
            points: None,
            deduction: None,
            rule: None,
            computed_points: None,
            band: None,
            met: None,
            note: None,
            reason: None,
            causes: Vec::new(),
            likelihood: None,
            fields: base.fields,
        };
        let mut actual_at = None;
        let mut points_at = None;
        let mut rule = header.reverse_rule;
        let mut seen = Seen::default();
        for child in stmt.children().filter(|s| own(s)) {
            let kw = if Kw::lookup(child.head.raw).map(|k| k.in_block_of(Some(Kw::Indicator)))
                == Some(Kw::Weight)
            {
                Kw::Weight
            } else {
                let Some(kw) = self.keyword(child, Place::EvalIndicator) else {
                    continue;
                };
                kw
            };
            if at_most_once(kw) && !self.once(&mut seen, kw, child) {
                continue;
            }
            self.no_block(child);
            match kw {
                Kw::Actual => {
                    ind.actual = self.actual(child, ind.target.as_ref());
                    actual_at = Some(arg_span(child));
                }
                Kw::Expected => {
                    let mut args = Args::of(child);
                    ind.expected = match child.args.first() {
                        Some(t) if t.is_word() => Some(self.slice(arg_span(child)).to_string()),
                        _ => self.string_arg(&mut args, kw, 0).map(|s| s.0),
                    };
                }
                Kw::Points => {
                    ind.points = figure(self, child, kw, &['分']);
                    points_at = Some(arg_span(child));
                }
                Kw::Deduction => ind.deduction = figure(self, child, kw, &['分']),
                Kw::Weight => ind.weight = figure(self, child, kw, &['分']),
                Kw::Note => {
                    ind.note = self.text_stmt(child, kw);
                    if ind.note.as_deref().is_some_and(is_template_text) {
                        texts.push(arg_span(child));
                    }
                }
                Kw::Reason => {
                    ind.reason = self.text_stmt(child, kw);
                    if ind.reason.as_deref().is_some_and(is_template_text) {
                        texts.push(arg_span(child));
                    }
                }
                Kw::Cause => {
                    for tok in child.args.iter().filter(|t| t.kind != TokenKind::Comma) {
                        let word = text::value(tok).unwrap_or_else(|_| tok.raw.to_string());
                        // `人员原因、经费原因`: a list as forms (and our
                        // Excel) write it, in one word.
                        for part in word.split(['、', '，', '；', '/']).map(str::trim) {
                            match choose(CAUSES, part) {
                                Some(c) => {
                                    if !ind.causes.contains(&c) {
                                        ind.causes.push(c);
                                    }
                                }
                                None => self.diags.push(cat::not_a_choice(
                                    tok.span,
                                    child.head.raw,
                                    part,
                                    &["人员", "制度", "经费", "硬件", "其他"],
                                    None,
                                )),
                            }
                        }
                    }
                    if child.args.is_empty() {
                        self.missing_arg(child, kw, 0);
                    }
                }
                Kw::Likelihood => {
                    ind.likelihood = self.choice_stmt(child, kw, LIKELIHOODS).map(|l| l.0)
                }
                Kw::ReverseRule => {
                    if let Some((r, _)) = self.choice_stmt(child, kw, REVERSE_RULES) {
                        rule = r;
                    }
                }
                _ => {}
            }
        }
        // 分值 left out: the weight the sheet set (权重设定值).
        if ind.weight.is_none() {
            ind.weight = sheet_set
                .iter()
                .find(|s| ind.evaluates(s))
                .and_then(|s| s.weight);
        }
        let spans = IndicatorSpans {
            name: name_span,
            target: target_span,
        };
        self.score_indicator(&mut ind, rule, header, actual_at, points_at, spans.name);
        Ok((ind, spans))
    }

    /// `indicator 产出.时效 "到位率" { … }` without its target, which the
    /// sheet sets: the sheet's indicator, and the missing-target report
    /// taken back. None unless exactly one indicator of the sheet's table
    /// has that name.
    fn target_from_sheet(
        &mut self,
        stmt: &Stmt<'_>,
        sheet_set: &[Indicator],
    ) -> Option<(Indicator, Span, Span)> {
        let [_, name] = &stmt.args[..] else {
            return None;
        };
        let written = text::value(name).ok().filter(|_| name.is_string())?;
        if sheet_set.is_empty() {
            return None;
        }
        let missing = self.diags.iter().rposition(|d| {
            d.code == crate::diag::Code::E607
                && stmt.span.start <= d.span.start
                && d.span.end <= stmt.span.end
        })?;
        let mut found = sheet_set.iter().filter(|s| s.name == written);
        match (found.next(), found.next()) {
            (Some(sheet), None) => {
                self.diags.remove(missing);
                Some((
                    sheet.clone(),
                    name.span,
                    Span::new(name.span.end, name.span.end),
                ))
            }
            // No such indicator in the sheet: that is what is wrong, not the
            // target left out.
            (None, _) => {
                self.diags[missing] = cat::indicator_not_in_sheet(name.span, &written, false);
                None
            }
            _ => None,
        }
    }

    /// `actual 100%`, `actual 达成`, `actual "完成"`: what the indicator
    /// reached. A number without a unit is in the target's unit.
    fn actual(&mut self, stmt: &Stmt<'_>, target: Option<&Target>) -> Option<Actual> {
        let first = stmt.args.first();
        let Some(first) = first else {
            self.missing_arg(stmt, Kw::Actual, 0);
            return None;
        };
        let text = if stmt.args.len() == 1 && first.is_string() {
            match text::value(first) {
                Ok(v) => v,
                Err(text::BadEscape(r)) => {
                    let span = first.span.part(r);
                    let raw = self.slice(span).to_string();
                    self.diags.push(cat::bad_escape(span, &raw));
                    return None;
                }
            }
        } else {
            self.slice(arg_span(stmt)).to_string()
        };
        if let Some(c) = crate::model::Completion::of(&text) {
            return Some(Actual::Completion {
                completion: c,
                text,
            });
        }
        let quantity = match parse_target(&text, &self.ctx.units) {
            // `≥96%`, `100%以上`: the number the form gives.
            Ok(t) => match t.value {
                TargetValue::Quantity { value, unit, .. } => Some((value, unit)),
                _ => None,
            },
            _ => None,
        };
        Some(match quantity {
            Some((value, unit)) => {
                let unit = unit.or_else(|| target.and_then(|t| t.unit_parts().0.map(String::from)));
                Actual::Quantity {
                    value,
                    unit,
                    text,
                    in_target_unit: None,
                }
            }
            None => Actual::Text { text },
        })
    }

    /// Score an indicator by its rule and check what it states.
    fn score_indicator(
        &mut self,
        ind: &mut EvalIndicator,
        rule: ReverseRule,
        header: &Header,
        actual_at: Option<Span>,
        points_at: Option<Span>,
        name_at: Span,
    ) {
        let evaluating = header.kind == EvaluationKind::Evaluation;
        let Some(target) = ind.target.clone() else {
            return;
        };
        let qualitative = target.nature() == Some(Nature::Qualitative);
        let at = actual_at.unwrap_or(name_at);
        let mut converted = None;
        // A yes/no target (是, 无) is answered yes or no: the same answer
        // is 达成, the other 未达成.
        let answered = match (&target.value, &ind.actual) {
            (TargetValue::YesNo { yes }, Some(a)) => yes_no(a.text()).map(|said| {
                if said == *yes {
                    Completion::Achieved
                } else {
                    Completion::NotAchieved
                }
            }),
            _ => None,
        };
        match (&ind.actual, qualitative) {
            (None, _) => {}
            // 不适用 / 待定: nothing to reach.
            (Some(_), _) if matches!(target.value, TargetValue::Marker { .. }) => {}
            (Some(_), true)
                if answered.is_some() || matches!(ind.actual, Some(Actual::Completion { .. })) =>
            {
                let completion = match (&ind.actual, answered) {
                    (_, Some(c)) => c,
                    (Some(Actual::Completion { completion, .. }), None) => *completion,
                    _ => return,
                };
                let completion = &completion;
                ind.rule = Some(Rule::Qualitative);
                ind.met = Some(*completion == Completion::Achieved);
                if let Some(w) = ind.weight {
                    let band = scoring::band(*completion, w);
                    if let (Some(p), Some(span), true) = (ind.points, points_at, evaluating) {
                        if !scoring::in_band(p, &band) {
                            self.diags.push(cat::points_out_of_band(
                                span,
                                &p.to_string(),
                                completion.word(),
                                &band.low.to_string(),
                                &band.high.to_string(),
                                band.closed,
                            ));
                        }
                    }
                    ind.band = Some(band);
                }
            }
            (Some(a), true) => {
                self.diags.push(cat::completion_not_graded(at, a.text()));
            }
            (
                Some(Actual::Quantity {
                    value, unit, text, ..
                }),
                false,
            ) => {
                // A range (`90%-95%`): no rule scores it, but an actual
                // outside it falls short.
                if let TargetValue::Range {
                    min, max, unit: ru, ..
                } = &target.value
                {
                    if unit.is_none() || unit == ru {
                        ind.met = Some(min <= value && value <= max);
                    }
                }
                // Only a quantity has a rule.
                if let TargetValue::Quantity { value: t, .. } = target.value {
                    let target_unit = target.unit_parts().0;
                    let mut a = *value;
                    if let (Some(u), Some(tu)) = (unit.as_deref(), target_unit) {
                        if u != tu {
                            // Money in another money unit is converted (元 to
                            // 万元, 万元/人 to 元/人).
                            match money_in(u, tu) {
                                Some((f, g)) => {
                                    a = a * f / g;
                                    converted = Some(a);
                                }
                                _ => {
                                    self.diags.push(cat::actual_unit_differs(at, text, tu));
                                    return;
                                }
                            }
                        }
                    }
                    let (r, met) = match target.direction() {
                        Some(crate::model::Direction::Negative) => (
                            match rule {
                                ReverseRule::Fasp => Rule::ReverseFasp,
                                ReverseRule::Ratio => Rule::ReverseRatio,
                            },
                            a <= t,
                        ),
                        Some(crate::model::Direction::Equal) if t.is_zero() => {
                            (Rule::EqualZero, a <= Decimal::ZERO)
                        }
                        Some(_) => (Rule::Positive, a >= t),
                        None => return,
                    };
                    ind.rule = Some(r);
                    ind.met = Some(met);
                    if let Some(w) = ind.weight {
                        let computed = match r {
                            Rule::Positive => scoring::positive(a, t, w),
                            Rule::EqualZero => scoring::equal_zero(a, w),
                            Rule::ReverseFasp => scoring::reverse_fasp(a, t, w),
                            Rule::ReverseRatio => scoring::reverse_ratio(a, t, w),
                            Rule::Qualitative => return,
                        };
                        let rounded = scoring::fixed2(computed);
                        ind.computed_points = Some(rounded);
                        if let (Some(p), Some(span), true) = (ind.points, points_at, evaluating) {
                            if !scoring::agrees(p, computed) {
                                let (zh, en) = rule_words(r, met);
                                self.diags.push(cat::points_differ(
                                    span,
                                    &p.to_string(),
                                    &rounded.to_string(),
                                    &format!("{zh}：实际 {a}，指标值 {}，分值 {w}", target.text),
                                    &format!(
                                        "{en}: actual {a}, target {}, weight {w}",
                                        target.text
                                    ),
                                ));
                            }
                        }
                    }
                }
            }
            (Some(a), false) => {
                if matches!(target.value, TargetValue::Quantity { .. }) && !a.not_applicable() {
                    self.diags
                        .push(cat::actual_not_number(at, a.text(), &target.text));
                }
                // A deadline met or missed: no rule scores it, but a date
                // past it is a shortfall that needs its reason.
                if let TargetValue::Date { date: due } = &target.value {
                    let done = match parse_target(a.text(), &self.ctx.units) {
                        Ok(t) => match t.value {
                            TargetValue::Date { date } => Some(date),
                            _ => None,
                        },
                        Err(_) => None,
                    };
                    let not_before = target.direction() == Some(crate::model::Direction::Positive);
                    ind.met = done.and_then(|d| in_time(&d, due, not_before));
                }
            }
        }
        if let Some(Actual::Quantity { in_target_unit, .. }) = &mut ind.actual {
            *in_target_unit = converted;
        }
        if evaluating {
            // A qualitative indicator may score below its weight and still
            // be 达成: without a grade, its points say nothing of a shortfall.
            let short = match ind.met {
                Some(m) => !m,
                None if qualitative => false,
                None => matches!((ind.points, ind.weight), (Some(p), Some(w)) if p < w),
            };
            if short && ind.reason.is_none() {
                self.diags
                    .push(cat::shortfall_without_reason(name_at, at, &ind.name));
            }
        } else if matches!(
            ind.likelihood,
            Some(Likelihood::Possible | Likelihood::Impossible)
        ) && ind.reason.is_none()
        {
            let word = match ind.likelihood {
                Some(Likelihood::Impossible) => ("完全不可能", "impossible"),
                _ => ("有可能", "only possible"),
            };
            self.diags.push(cat::behind_schedule(
                name_at,
                &format!("指标 {} 全年完成可能性为“{}”", ind.name, word.0),
                &format!("completing {} this year is {}", ind.name, word.1),
            ));
        }
    }
}

/// The rule in words, for E701's help.
fn rule_words(r: Rule, met: bool) -> (&'static str, &'static str) {
    match (r, met) {
        (_, true) => ("达到指标值得满分", "the target is met, so full points"),
        (Rule::Positive, false) => (
            "正向指标按 实际值 ÷ 指标值 × 分值",
            "positive: weight × actual ÷ target",
        ),
        (Rule::EqualZero, false) => (
            "指标值为 0 而实际不为 0，得 0 分",
            "the target is 0 and the actual is not: 0 points",
        ),
        (Rule::ReverseFasp, false) => (
            "反向指标按 (1 − (实际值 − 指标值) ÷ 指标值) × 分值，达到 2 倍指标值得 0 分",
            "reverse: weight × (1 − (actual − target) ÷ target), 0 from twice the target",
        ),
        (Rule::ReverseRatio, false) => (
            "反向指标按 指标值 ÷ 实际值 × 分值",
            "reverse: weight × target ÷ actual",
        ),
        (Rule::Qualitative, false) => (
            "定性指标按完成等级的分数段",
            "qualitative: the band of its grade",
        ),
    }
}

/// The money factors of `unit` and `target` when both are money, or money
/// per the same thing (`万元/人` and `元/人`).
fn money_in(unit: &str, target: &str) -> Option<(Decimal, Decimal)> {
    let (u, per_u) = unit.split_once('/').unwrap_or((unit, ""));
    let (t, per_t) = target.split_once('/').unwrap_or((target, ""));
    if per_u != per_t {
        return None;
    }
    Some((money_factor(u)?, money_factor(t)?))
}

/// Whether `done` keeps a deadline `due`: by it (`2021年6月底前`, `≤`, `＝`),
/// or not before it (`≥`). A date without a year compares with nothing.
fn in_time(done: &Date, due: &Date, not_before: bool) -> Option<bool> {
    // (year, month, day) and how many of them the date gives.
    let parts = |d: &Date| match *d {
        Date::Year { year } => Some(([year, 0, 0], 1)),
        Date::Month { year, month } => Some(([year, month, 0], 2)),
        Date::Day { year, month, day } => Some(([year, month, day], 3)),
        Date::Unanchored { .. } => None,
    };
    let ((a, pa), (b, pb)) = (parts(done)?, parts(due)?);
    // Compared as precisely as the less precise of the two: 2023年6月 keeps
    // 2023年6月底前.
    let n = pa.min(pb);
    let (a, b) = (&a[..n], &b[..n]);
    Some(if not_before { a >= b } else { a <= b })
}

/// 是/有 (yes) or 否/无 (no), as a yes/no target is answered.
fn yes_no(text: &str) -> Option<bool> {
    match text.trim() {
        "是" | "有" | "yes" => Some(true),
        "否" | "无" | "no" => Some(false),
        _ => None,
    }
}

/// The month of `7月`, `7月底`, `1-7月` (the months covered), `2020-07-31`,
/// `2020-07` or `2020年7月31日` (the date the figures run to).
fn month_of(raw: &str) -> Option<u32> {
    let raw = raw.trim_end_matches('日');
    // A date: the year, then the month.
    if let Some((year, rest)) = raw.split_once(['-', '年', '/', '.']) {
        if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
            let month = rest.split(['-', '月', '/', '.']).next()?;
            return month.parse().ok();
        }
    }
    // A span of months: the last one.
    let raw = raw
        .trim_end_matches("月份")
        .trim_end_matches("月底")
        .trim_end_matches("月末")
        .trim_end_matches('月');
    let last = raw.rsplit(['-', '—', '－', '~', '～', '至']).next()?;
    let last = last.trim_end_matches('月');
    last.parse().ok().or_else(|| {
        // 七月, 十二月.
        const NUMERALS: [&str; 12] = [
            "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
        ];
        NUMERALS
            .iter()
            .position(|d| *d == last)
            .map(|i| i as u32 + 1)
    })
}

/// A row of the split by what the money pays (按支出性质分: 基本支出,
/// 项目支出), as a body's table prints it beside the split by source.
fn is_spending_split(name: &str) -> bool {
    let last = name.rsplit(['：', ':']).next().unwrap_or(name).trim();
    matches!(last, "基本支出" | "项目支出")
}

/// The row that takes whatever the others do not: 其他资金.
fn is_catch_all(name: &str) -> bool {
    let last = name.rsplit(['：', ':']).next().unwrap_or(name).trim();
    matches!(last, "其他资金" | "其它资金" | "其他" | "其它")
}

/// The project's score by the rules, when every part can be scored: the
/// execution's points by its rule, each quantitative indicator's by its
/// rule, each qualitative one's as stated (when inside its band), one
/// whose target no rule scores (a date) as stated, less deductions.
fn computed_total(p: &EvalProject) -> Option<Decimal> {
    let mut sum = match &p.execution {
        Some(e) => e.computed_points?,
        None => Decimal::ZERO,
    };
    for i in p.indicators.iter().filter(|i| !is_listed_only(i)) {
        // A target no rule scores (a date, a range, a marker): its points
        // are held as stated.
        let ruleless = i.target.as_ref().is_some_and(|t| {
            !matches!(t.value, TargetValue::Quantity { .. })
                && t.nature() != Some(Nature::Qualitative)
        });
        let marker = i
            .target
            .as_ref()
            .is_some_and(|t| matches!(t.value, TargetValue::Marker { .. }))
            || i.actual.as_ref().is_some_and(Actual::not_applicable);
        let points = match (i.rule, &i.band) {
            (Some(Rule::Qualitative), Some(b)) => i.points.filter(|x| scoring::in_band(*x, b))?,
            // 不适用: nothing unless the form scores it.
            (None, _) if marker => i.points.unwrap_or_default(),
            (None, _) if ruleless => i.points?,
            _ => i.computed_points?,
        };
        sum += scoring::after_deduction(points, i.deduction);
    }
    Some(sum)
}

/// A row that only lists a category (`indicator 效益.经济效益`): no
/// indicator to evaluate.
fn is_listed_only(i: &EvalIndicator) -> bool {
    i.name.is_empty() && i.target.is_none()
}

/// Where a row's figures stand.
#[derive(Default)]
struct RowSpans {
    initial: Option<Span>,
    adjusted: Option<Span>,
    spent: Option<Span>,
    expected: Option<Span>,
    rate: Option<Span>,
}

#[cfg(test)]
mod tests {
    use super::month_of;

    #[test]
    fn instructions_left_in() {
        for text in [
            "预算执行率未达到90%的需说明原因(100字以内)",
            "（限200字）",
            "项目完成情况(不超过300字)",
            "（请填写实际完成情况）",
        ] {
            assert!(super::is_template_text(text), "{text}");
        }
        for text in [
            "完成（含追加项目）",
            "限额以下(3台)",
            "按期完成(第4季度)",
            "（不超过预算）",
        ] {
            assert!(!super::is_template_text(text), "{text}");
        }
    }

    #[test]
    fn money_per_the_same_thing_converts() {
        use super::money_in;
        use rust_decimal::Decimal;
        assert_eq!(
            money_in("万元/人", "元/人"),
            Some((Decimal::from(10000), Decimal::ONE))
        );
        assert_eq!(
            money_in("元", "万元"),
            Some((Decimal::ONE, Decimal::from(10000)))
        );
        assert_eq!(money_in("万元/人", "元/台"), None);
        assert_eq!(money_in("人", "元"), None);
    }

    #[test]
    fn deadlines_kept_or_missed() {
        use super::in_time;
        use crate::target::Date;
        let day = |year, month, day| Date::Day { year, month, day };
        let due = day(2023, 6, 30);
        assert_eq!(in_time(&day(2023, 6, 10), &due, false), Some(true));
        assert_eq!(in_time(&day(2023, 9, 15), &due, false), Some(false));
        assert_eq!(
            in_time(
                &Date::Month {
                    year: 2023,
                    month: 6
                },
                &due,
                false
            ),
            Some(true)
        );
        assert_eq!(
            in_time(&Date::Year { year: 2024 }, &due, false),
            Some(false)
        );
        assert_eq!(in_time(&day(2023, 7, 1), &due, true), Some(true));
        let loose = Date::Unanchored {
            text: "6月底".into(),
        };
        assert_eq!(in_time(&loose, &due, false), None);
    }

    #[test]
    fn months_as_forms_write_them() {
        for (raw, month) in [
            ("7月", 7),
            ("7月底", 7),
            ("7", 7),
            ("1-7月", 7),
            ("1—7月", 7),
            ("1至7月", 7),
            ("2020-07-31", 7),
            ("2020-7", 7),
            ("2020年7月31日", 7),
            ("2020年12月", 12),
        ] {
            assert_eq!(month_of(raw), Some(month), "{raw}");
        }
        assert_eq!(month_of("七月"), Some(7));
        assert_eq!(month_of("十二月"), Some(12));
        assert_eq!(month_of("7月份"), Some(7));
        assert_eq!(month_of("十三月"), None);
        assert_eq!(month_of("2020"), Some(2020));
    }
}
