//! Budgets: the total, nested fund sources, exact sums and precision.

use super::args::Args;
use super::checker::Checker;
use crate::diag::catalogue as cat;
use crate::lang::keywords::Kw;
use crate::lang::keywords::{home_of, spelt, IN_BUDGET};
use crate::lang::sources::{is_fiscal, known_sources, SOURCE_ENDINGS, SOURCE_LEVELS};
use crate::lang::suggest::closest;
use crate::model::{Budget, BudgetSpans, Source, SourceClass, SourceSpans};
use crate::source::Span;
use crate::syntax::{text, Stmt};
use rust_decimal::Decimal;

impl Checker<'_> {
    /// `budget 78.00 { 财政资金 78.00 { 一般公共预算 78.00 } }`: the budget
    /// and where its amounts stand; `None` when the statement is unusable.
    pub fn budget(&mut self, stmt: &Stmt<'_>) -> Option<(Budget, BudgetSpans)> {
        let mut args = Args::of(stmt);
        let total = self.amount_arg(&mut args);
        let (partial, _) = self.amount_marks(stmt, args.consumed().max(1), false);
        let sources = self.sources(stmt);
        let (total, total_span) = total?;
        self.check_sum(total, total_span, &sources, partial);
        let (sources, spans) = sources.into_iter().map(|s| (s.source, s.spans)).unzip();
        Some((
            Budget {
                total,
                sources,
                partial,
            },
            BudgetSpans {
                total: total_span,
                sources: spans,
            },
        ))
    }

    /// The words after an amount: `其中` (the sources below list only part
    /// of it) and, for a source, its class (`财政资金`, `其他资金`).
    /// `from` is where the amount ended.
    fn amount_marks(
        &mut self,
        stmt: &Stmt<'_>,
        from: usize,
        source: bool,
    ) -> (bool, Option<SourceClass>) {
        let mut partial = false;
        let mut class = None;
        let mut read = from;
        for tok in stmt.args.iter().skip(from) {
            if !tok.is_word() {
                break;
            }
            if PARTIAL_MARKS.contains(&tok.raw) && !partial {
                partial = true;
            } else if let Some(c) = class_word(tok.raw).filter(|_| source && class.is_none()) {
                class = Some(c);
            } else {
                break;
            }
            read += 1;
        }
        let args = Args::of(stmt);
        self.no_more_args(&args, read);
        (partial, class)
    }

    fn amount_arg(&mut self, args: &mut Args<'_, '_>) -> Option<(Decimal, Span)> {
        let (d, span) = self.number_arg(args, Kw::Budget, 0)?;
        if d.is_sign_negative() && !d.is_zero() {
            self.diags.push(cat::negative_amount(span));
        }
        let unit = self.ctx.money_unit;
        let max = if unit == "元" { 2 } else { 6 };
        if d.scale() > max {
            self.diags.push(cat::too_precise(span, unit, max));
        }
        Some((d, span))
    }

    fn sources(&mut self, stmt: &Stmt<'_>) -> Vec<CheckedSource> {
        let mut out: Vec<CheckedSource> = Vec::new();
        for child in stmt.children() {
            let name = match text::value(&child.head) {
                Ok(n) => n,
                Err(_) => child.head.raw.to_string(),
            };
            if child.head.is_word() {
                if let Some(kw) = Kw::lookup(&name) {
                    // A keyword inside budget: most likely a missing `}`.
                    let (zh, en) = IN_BUDGET;
                    let (hz, he) = home_of(kw);
                    let chinese = !child.head.raw.is_ascii();
                    self.diags.push(cat::misplaced(
                        child.head.span,
                        child.head.raw,
                        &spelt(zh, chinese),
                        en,
                        Some((&spelt(hz, chinese), he)),
                    ));
                    continue;
                }
            }
            // Names ending like a source name (省级补助, 本级安排) are other
            // sources, not typos of the known ones.
            let plausible = SOURCE_LEVELS.iter().any(|l| name.starts_with(l))
                && SOURCE_ENDINGS.iter().any(|e| name.ends_with(e));
            if !known_sources().any(|k| k == name) && !plausible {
                if let Some(known) = closest(&name, known_sources()) {
                    if known.chars().count() == name.chars().count() {
                        self.diags
                            .push(cat::source_misspelt(child.head.span, &name, known));
                    }
                }
            }
            if let Some(first) = out.iter().find(|s| s.source.name == name) {
                self.diags.push(cat::duplicate_source(
                    child.head.span,
                    first.spans.name,
                    &name,
                ));
            }
            let mut args = Args::of(child);
            let amount = self.amount_arg(&mut args);
            let (partial, stated) = self.amount_marks(child, args.consumed().max(1), true);
            let nested = self.sources(child);
            let Some((amount, span)) = amount else {
                continue;
            };
            self.check_sum(amount, span, &nested, partial);
            let class = stated.unwrap_or(if is_fiscal(&name) {
                SourceClass::Fiscal
            } else {
                SourceClass::Other
            });
            let (sources, spans) = nested.into_iter().map(|s| (s.source, s.spans)).unzip();
            out.push(CheckedSource {
                spans: SourceSpans {
                    name: child.head.span,
                    amount: span,
                    sources: spans,
                },
                source: Source {
                    name,
                    amount,
                    sources,
                    partial,
                    class,
                },
            });
        }
        out
    }

    /// The sources add up to the total; listed as 其中 (`partial`), they
    /// add up to no more than it.
    fn check_sum(
        &mut self,
        total: Decimal,
        total_span: Span,
        children: &[CheckedSource],
        partial: bool,
    ) {
        if children.is_empty() {
            return;
        }
        let sum: Decimal = children.iter().map(|c| c.source.amount).sum();
        if sum != total && !(partial && sum < total) {
            let diff = (total - sum).abs();
            let parts: Vec<(Span, String)> = children
                .iter()
                .map(|c| (c.spans.amount, c.source.amount.to_string()))
                .collect();
            let build = if sum < total {
                cat::sources_short
            } else {
                cat::sources_mismatch
            };
            self.diags.push(build(
                total_span,
                &total.to_string(),
                &sum.to_string(),
                &diff.to_string(),
                &parts,
            ));
        }
    }
}

/// The words that say a breakdown lists only some sources.
const PARTIAL_MARKS: &[&str] = &["其中", "其中：", "其中:", "partial"];

/// A stated class: the heading of the official table the amount goes under.
fn class_word(word: &str) -> Option<SourceClass> {
    match word {
        "财政资金" | "财政拨款" | "fiscal" => Some(SourceClass::Fiscal),
        "其他资金" | "其它资金" | "other" => Some(SourceClass::Other),
        _ => None,
    }
}

struct CheckedSource {
    spans: SourceSpans,
    source: Source,
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

    fn codes(unit: &str, budget: &str) -> Vec<&'static str> {
        let src = format!(
            "department \"1\" \"局\" {{ year 2020; unit {unit} }}\nproject \"P\" \"项目\" {{\n  {budget}\n  indicator 产出.时效 \"到位率\" ≥90%\n  indicator 效益.社会效益 \"效果\" 良好\n  indicator 满意度.服务对象满意度 \"满意度\" ≥80%\n}}\n"
        );
        crate::compile(&SourceFile::new("t.jx", src))
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect()
    }

    #[test]
    fn sums_are_exact_decimals() {
        // 0.1 + 0.2 is exactly 0.3 here (it is not in binary floating point).
        assert!(codes("万元", "budget 0.3 { 财政资金 0.1; 其他资金 0.2 }").is_empty());
        // Scale does not matter for equality: 104.5 = 104.50.
        assert!(codes("万元", "budget 104.50 { 财政资金 104.5 }").is_empty());
        assert_eq!(codes("万元", "budget 30.00 { 财政资金 29.99 }"), ["E301"]);
        // Nested levels are checked each against its parent.
        assert_eq!(
            codes(
                "万元",
                "budget 10 { 财政资金 10 { 一般公共预算 6; 上级资金 3 } }"
            ),
            ["E301"]
        );
        // Many small sources: no rounding drift.
        let mut names = String::new();
        for i in 0..1000 {
            names.push_str(&format!("\"来源{i}\" 0.000001; "));
        }
        assert!(codes("万元", &format!("budget 0.001 {{ {names}}}")).is_empty());
    }

    #[test]
    fn a_partial_breakdown_adds_up_to_no_more_than_its_total() {
        // 其中: the table lists only some of the sources.
        assert!(codes("万元", "budget 100 其中 { 财政资金 60 }").is_empty());
        assert!(codes("万元", "budget 100 partial { 财政资金 60; 单位资金 40 }").is_empty());
        assert_eq!(codes("万元", "budget 100 其中 { 财政资金 160 }"), ["E301"]);
        // Without 其中 a short breakdown is still an error, whose help
        // names 其中.
        let src = "department \"局\" { year 2020; unit 万元 }\nproject \"项目\" { budget 100 { 财政资金 60 } }\n";
        let c = crate::compile(&SourceFile::new("t.jx", src.to_string()));
        let e301 = c
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "E301")
            .unwrap();
        assert!(e301.help.as_ref().unwrap().zh.contains("其中"));
        // Nested sources too; and a stated class files the amount.
        assert!(codes("万元", "budget 100 { 财政资金 100 其中 { 中央补助 30 }; }").is_empty());
        let src = "department \"局\" { year 2020; unit 万元 }\nproject \"项目\" { budget 30 { 上年结转 20 财政资金; 单位资金 10 } }\n";
        let c = crate::compile(&SourceFile::new("t.jx", src.to_string()));
        let sources = &c.sheet.unwrap().projects[0].budget.sources;
        assert_eq!(sources[0].class, crate::model::SourceClass::Fiscal);
        assert_eq!(sources[1].class, crate::model::SourceClass::Other);
    }

    #[test]
    fn real_source_names_are_not_misspellings() {
        // 其它 and 自筹 are how many bodies write them: not 其他资金, 自有资金.
        assert!(codes("万元", "budget 3 { 财政资金 1; 其它资金 1; 自筹资金 1 }").is_empty());
        assert_eq!(
            codes("万元", "budget 2 { 财政资机 1; 其他资金 1 }"),
            ["W304"]
        );
    }

    #[test]
    fn precision_depends_on_the_unit() {
        assert!(codes("万元", "budget 1.234567").is_empty());
        assert_eq!(codes("万元", "budget 1.2345678"), ["E206"]);
        assert!(codes("元", "budget 12.34").is_empty());
        assert_eq!(codes("元", "budget 12.345"), ["E206"]);
        assert_eq!(codes("元", "budget -1.00"), ["E205"]);
    }
}
