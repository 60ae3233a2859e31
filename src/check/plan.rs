//! Spending plans: `plan 3月 25%, 6月 50%, 10月 75%, 12月 100%` — cumulative
//! percentages at month-end checkpoints.

use super::checker::Checker;
use crate::diag::catalogue as cat;
use crate::lang::keywords::Kw;
use crate::model::Checkpoint;
use crate::source::Span;
use crate::syntax::{Stmt, TokenKind};
use rust_decimal::Decimal;
use std::str::FromStr;

/// One piece of the plan: a word (or part of a word split at a full-width
/// comma) with its span.
struct Piece<'a> {
    text: &'a str,
    span: Span,
}

impl Checker<'_> {
    pub fn plan(&mut self, stmt: &Stmt<'_>) -> Vec<Checkpoint> {
        // Group the arguments into entries separated by commas.
        let mut entries: Vec<Vec<Piece<'_>>> = vec![Vec::new()];
        let mut bad = false;
        for tok in &stmt.args {
            match tok.kind {
                TokenKind::Comma => entries.push(Vec::new()),
                TokenKind::Word => {
                    // A full-width comma: report it, then read it as a comma.
                    let mut start = 0;
                    for (i, c) in tok.raw.char_indices() {
                        if c == '，' || c == '、' || c == '；' {
                            self.diags.push(cat::full_width(
                                tok.span.part(i..i + c.len_utf8()),
                                c,
                                ',',
                            ));
                            if i > start {
                                entries.last_mut().into_iter().for_each(|e| {
                                    e.push(Piece {
                                        text: &tok.raw[start..i],
                                        span: tok.span.part(start..i),
                                    })
                                });
                            }
                            entries.push(Vec::new());
                            start = i + c.len_utf8();
                        }
                    }
                    if start < tok.raw.len() {
                        if let Some(e) = entries.last_mut() {
                            e.push(Piece {
                                text: &tok.raw[start..],
                                span: tok.span.part(start..tok.raw.len()),
                            });
                        }
                    }
                }
                _ => {
                    self.diags.push(cat::plan_malformed(tok.span));
                    bad = true;
                }
            }
        }
        if bad {
            return Vec::new();
        }
        let before = self.diags.len();
        let mut out: Vec<(Checkpoint, Span, Span)> = Vec::new();
        for entry in entries {
            let (month_piece, pct_piece) = match entry.as_slice() {
                [] => continue,
                // `3月25%` written without a space.
                [one] => match one.text.find('月') {
                    Some(pos)
                        if !one.text[pos..]
                            .trim_start_matches(['月', '底', '末'])
                            .is_empty() =>
                    {
                        let split = pos
                            + one.text[pos..]
                                .char_indices()
                                .find(|(_, c)| !matches!(c, '月' | '底' | '末'))
                                .map_or(one.text.len() - pos, |(i, _)| i);
                        (
                            Piece {
                                text: &one.text[..split],
                                span: one.span.part(0..split),
                            },
                            Piece {
                                text: &one.text[split..],
                                span: one.span.part(split..one.text.len()),
                            },
                        )
                    }
                    _ => {
                        self.diags.push(cat::plan_malformed(one.span));
                        continue;
                    }
                },
                [m, p] => (
                    Piece {
                        text: m.text,
                        span: m.span,
                    },
                    Piece {
                        text: p.text,
                        span: p.span,
                    },
                ),
                [first, .., last] => {
                    self.diags
                        .push(cat::plan_malformed(first.span.join(last.span)));
                    continue;
                }
            };
            let Some(month) = self.month(&month_piece) else {
                continue;
            };
            let Some(percent) = self.percent(&pct_piece) else {
                continue;
            };
            out.push((
                Checkpoint { month, percent },
                month_piece.span,
                pct_piece.span,
            ));
        }
        if out.is_empty() && stmt.args.is_empty() {
            self.missing_arg(stmt, Kw::Plan, 0);
        }
        // A rejected checkpoint (reported) would make "ends below 100%" noise.
        let rejected = self.diags[before..].iter().any(|d| d.is_error());
        // Order, monotony, final level.
        for w in out.windows(2) {
            let (a, a_month, a_pct) = &w[0];
            let (b, b_month, b_pct) = &w[1];
            if b.month <= a.month {
                self.diags
                    .push(cat::months_out_of_order(*b_month, *a_month));
            } else if b.percent < a.percent {
                self.diags.push(cat::plan_decreasing(
                    *b_pct,
                    *a_pct,
                    &b.percent.to_string(),
                    &a.percent.to_string(),
                ));
            }
        }
        if let Some((last, _, span)) = out.last().filter(|_| !rejected) {
            if last.percent < Decimal::ONE_HUNDRED && last.percent >= Decimal::ZERO {
                self.diags
                    .push(cat::plan_below_100(*span, &last.percent.to_string()));
            }
        }
        out.into_iter().map(|(c, _, _)| c).collect()
    }

    fn month(&mut self, p: &Piece<'_>) -> Option<u32> {
        let digits = p.text.trim_end_matches(['底', '末']).trim_end_matches('月');
        let ok =
            !digits.is_empty() && digits.len() <= 4 && digits.chars().all(|c| c.is_ascii_digit());
        if !ok || !p.text.contains('月') {
            self.diags.push(cat::plan_malformed(p.span));
            return None;
        }
        match digits.parse::<u32>() {
            Ok(m) if (1..=12).contains(&m) => Some(m),
            _ => {
                self.diags.push(cat::month_out_of_range(p.span, p.text));
                None
            }
        }
    }

    fn percent(&mut self, p: &Piece<'_>) -> Option<Decimal> {
        let raw = p.text.trim_end_matches(['%', '％']);
        if raw.len() > super::args::MAX_NUMBER_CHARS {
            self.diags
                .push(cat::number_too_long(p.span, super::args::MAX_NUMBER_CHARS));
            return None;
        }
        let ok = !raw.is_empty()
            && raw
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            && !raw.starts_with('.')
            && !raw.ends_with('.');
        let value = if ok {
            Decimal::from_str(raw).ok()
        } else {
            None
        };
        let Some(v) = value else {
            self.diags.push(cat::plan_malformed(p.span));
            return None;
        };
        if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
            self.diags
                .push(cat::plan_out_of_range(p.span, &v.to_string()));
            return None;
        }
        Some(v)
    }
}
