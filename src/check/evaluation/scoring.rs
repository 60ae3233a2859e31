//! The scoring rules of a self-evaluation, as pure functions. Each cites its
//! source; docs/evaluation.md lists them with the same references.
//!
//! *A* is the actual value, *T* the target, *W* the weight (分值). The
//! rules return the exact value, multiplying before dividing so that a
//! tie (5.945) stays a tie; the 一体化 system rounds it to 2 decimals with
//! SQL `round(x, 2)`, half away from zero (FASP.md §3.1, table
//! `PERF_T_WARNSET`): that is [`round2`], applied by the caller. A stated
//! figure is compared with the exact value ([`agrees`]).

use crate::model::{Band, Completion};
use rust_decimal::{Decimal, RoundingStrategy};

/// `round(x, 2)`, half away from zero.
pub fn round2(x: Decimal) -> Decimal {
    round_to(x, 2)
}

/// `round(x, dp)`, half away from zero.
pub fn round_to(x: Decimal, dp: u32) -> Decimal {
    x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A rate or points as forms print them: rounded to 2 decimals, always
/// written with 2 (`100.00`, `9.50`).
pub fn fixed2(x: Decimal) -> Decimal {
    let mut r = round2(x);
    r.rescale(2);
    r
}

/// "A negative A is treated as 0" (FASP.md §3.1, row Other).
fn floor0(a: Decimal) -> Decimal {
    a.max(Decimal::ZERO)
}

/// 正向 (≥ ＞), and ＝ with T > 0: A ≥ T → W, otherwise A × W ÷ T
/// (FASP.md §3.1, rows 正向 and 等于; 财预〔2020〕10号 "未完成的按比例计分").
/// A target of 0 is met by any A ≥ 0.
pub fn positive(a: Decimal, t: Decimal, w: Decimal) -> Decimal {
    let a = floor0(a);
    if a >= t || t <= Decimal::ZERO {
        return w;
    }
    a * w / t
}

/// ＝ 0 (`selfindexequalzero`): A ≤ 0 → W, else 0 (FASP.md §3.1, row 等于).
pub fn equal_zero(a: Decimal, w: Decimal) -> Decimal {
    if a <= Decimal::ZERO {
        w
    } else {
        Decimal::ZERO
    }
}

/// 反向 (≤ ＜) by the 一体化 rule: A ≤ T → W; T < A < 2T →
/// (1 − (A−T)/T) × W = (2T − A) × W ÷ T; A ≥ 2T → 0 (FASP.md §3.1, row 反向). With
/// T ≤ 0 only A ≤ T scores.
pub fn reverse_fasp(a: Decimal, t: Decimal, w: Decimal) -> Decimal {
    let a = floor0(a);
    if a <= t {
        return w;
    }
    if t <= Decimal::ZERO || a >= t + t {
        return Decimal::ZERO;
    }
    (t + t - a) * w / t
}

/// 反向 by the ratio of a 自评表 填报说明: A ≤ T → W, else T × W ÷ A
/// (FASP.md §3.1, "a different 反向 formula", biz.doczj.com/doc/174893555).
pub fn reverse_ratio(a: Decimal, t: Decimal, w: Decimal) -> Decimal {
    let a = floor0(a);
    if a <= t {
        return w;
    }
    if t <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    t * w / a
}

/// 定性: the band the hand-entered points must fall in
/// (`selfqualscorecheck`, FASP.md §3.1 row 定性): 达成 [0.8W, W],
/// 部分达成 [0.6W, 0.8W), 未达成 [0, 0.6W).
pub fn band(c: Completion, w: Decimal) -> Band {
    let (low, high, closed) = match c {
        Completion::Achieved => (Decimal::new(8, 1), Decimal::ONE, true),
        Completion::Partly => (Decimal::new(6, 1), Decimal::new(8, 1), false),
        Completion::NotAchieved => (Decimal::ZERO, Decimal::new(6, 1), false),
    };
    Band {
        low: (low * w).normalize(),
        high: (high * w).normalize(),
        closed,
    }
}

/// Whether stated points fall in a band.
pub fn in_band(points: Decimal, b: &Band) -> bool {
    points >= b.low && (points < b.high || (b.closed && points == b.high))
}

/// 预算执行率 as a percentage, exact: spent ÷ budget × 100 (FASP.md §3.1:
/// the denominator is 调整后预算数 = 全年预算数). None for a zero budget.
pub fn rate(spent: Decimal, budget: Decimal) -> Option<Decimal> {
    if budget <= Decimal::ZERO {
        return None;
    }
    spent.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(budget)
}

/// 预算执行率得分: W × rate, exact and not capped (`SelfIndexBO.getData`,
/// FASP.md §3.1; with W = 10 this is rate% ÷ 10): W × spent ÷ budget, or
/// W × the stated rate when the amounts are not given. None for a zero
/// budget.
pub fn execution(spent: Decimal, budget: Decimal, w: Decimal) -> Option<Decimal> {
    if budget <= Decimal::ZERO {
        return None;
    }
    spent.checked_mul(w)?.checked_div(budget)
}

/// W × a rate in percent, exact.
pub fn execution_of_rate(rate_percent: Decimal, w: Decimal) -> Decimal {
    rate_percent * w / Decimal::ONE_HUNDRED
}

/// Points after 扣减分数, never below 0 (FASP.md §3.1, row Other; the import
/// template's 指标得分 "不包含扣减分数").
pub fn after_deduction(points: Decimal, deduction: Option<Decimal>) -> Decimal {
    (points - deduction.unwrap_or(Decimal::ZERO)).max(Decimal::ZERO)
}

/// Whether a figure as stated agrees with the exact one: equal, or equal to
/// it rounded (half away from zero) or cut to the decimals the figure is
/// written with, at most 2 (forms print points and rates to 2 decimals or
/// fewer: 8.88, 8.9, 9; the 一体化 system rounds to 2).
pub fn agrees(stated: Decimal, exact: Decimal) -> bool {
    if stated == exact {
        return true;
    }
    let dp = stated.scale().min(2);
    stated == exact.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        || stated == exact.round_dp_with_strategy(dp, RoundingStrategy::ToZero)
        || stated == round2(exact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn positive_full_if_met_else_in_proportion() {
        assert_eq!(positive(d("95"), d("90"), d("20")), d("20"));
        assert_eq!(positive(d("90"), d("90"), d("20")), d("20"));
        assert_eq!(positive(d("45"), d("90"), d("20")), d("10"));
        assert_eq!(round2(positive(d("2"), d("3"), d("10"))), d("6.67"));
        // A tie stays a tie: 59.45 ÷ 60 × 6 = 5.945 rounds up.
        assert_eq!(positive(d("59.45"), d("60"), d("6")), d("5.945"));
        assert_eq!(round2(positive(d("59.45"), d("60"), d("6"))), d("5.95"));
        assert_eq!(round2(positive(d("10.45"), d("30"), d("3"))), d("1.05"));
        assert_eq!(positive(d("-5"), d("90"), d("20")), d("0"));
        assert_eq!(positive(d("0"), d("0"), d("8")), d("8"));
    }

    #[test]
    fn equal_zero_scores_all_or_nothing() {
        assert_eq!(equal_zero(d("0"), d("10")), d("10"));
        assert_eq!(equal_zero(d("1"), d("10")), d("0"));
    }

    #[test]
    fn reverse_by_the_fasp_formula() {
        assert_eq!(reverse_fasp(d("30"), d("30"), d("90")), d("90"));
        assert_eq!(reverse_fasp(d("45"), d("30"), d("90")), d("45"));
        assert_eq!(reverse_fasp(d("60"), d("30"), d("90")), d("0"));
        assert_eq!(round2(reverse_fasp(d("100"), d("90"), d("10"))), d("8.89"));
        assert_eq!(reverse_fasp(d("1"), d("0"), d("10")), d("0"));
    }

    #[test]
    fn reverse_by_the_ratio() {
        assert_eq!(reverse_ratio(d("45"), d("30"), d("90")), d("60"));
        assert_eq!(reverse_ratio(d("60"), d("30"), d("90")), d("45"));
        assert_eq!(reverse_ratio(d("20"), d("30"), d("90")), d("90"));
    }

    #[test]
    fn qualitative_bands() {
        let b = band(Completion::Achieved, d("10"));
        assert!(in_band(d("10"), &b) && in_band(d("8"), &b) && !in_band(d("7.9"), &b));
        let b = band(Completion::Partly, d("10"));
        assert!(in_band(d("6"), &b) && in_band(d("7.99"), &b) && !in_band(d("8"), &b));
        let b = band(Completion::NotAchieved, d("10"));
        assert!(in_band(d("0"), &b) && !in_band(d("6"), &b));
        assert_eq!(band(Completion::Partly, d("30")).low, d("18"));
    }

    #[test]
    fn execution_rate_and_points() {
        assert_eq!(rate(d("89.974"), d("90")).map(round2), Some(d("99.97")));
        assert_eq!(rate(d("1"), d("0")), None);
        assert_eq!(
            execution(d("89.974"), d("90"), d("10")).map(round2),
            Some(d("10.00"))
        );
        assert_eq!(execution(d("85"), d("100"), d("10")), Some(d("8.5")));
        assert_eq!(execution(d("105"), d("100"), d("10")), Some(d("10.5")));
        assert_eq!(execution(d("1"), d("0"), d("10")), None);
        // 59.45 of 60 with 6 points: 5.945, a tie that rounds up.
        assert_eq!(
            execution(d("59.45"), d("60"), d("6")).map(round2),
            Some(d("5.95"))
        );
        assert_eq!(execution_of_rate(d("35.55"), d("10")), d("3.555"));
    }

    #[test]
    fn deductions_never_go_below_zero() {
        assert_eq!(after_deduction(d("8"), Some(d("2"))), d("6"));
        assert_eq!(after_deduction(d("1"), Some(d("2"))), d("0"));
        assert_eq!(after_deduction(d("8"), None), d("8"));
    }

    #[test]
    fn stated_figures_agree_at_their_own_precision() {
        assert!(agrees(d("8.88"), d("8.876")));
        assert!(agrees(d("8.87"), d("8.876")));
        assert!(agrees(d("8.9"), d("8.876")));
        assert!(agrees(d("9"), d("8.876")));
        assert!(agrees(d("100.00"), d("100")));
        assert!(!agrees(d("9"), d("10")));
        assert!(agrees(d("8.8"), d("8.876")));
        assert!(!agrees(d("8.7"), d("8.876")));
        assert!(agrees(d("99.97"), d("99.9711")));
        assert!(!agrees(d("100.00"), d("99.97")));
        // Against the exact value, not a rounded one (docs/evaluation.md).
        assert!(agrees(d("9.16"), d("9.1666")));
        assert!(agrees(d("8.49"), d("8.4996")));
        assert!(!agrees(d("8.9"), d("8.8496")));
        assert!(!agrees(d("9"), d("8.4996")));
    }
}
