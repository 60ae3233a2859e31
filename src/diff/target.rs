//! Comparing two targets (指标值): equal in meaning, or tightened, loosened, changed
//! (direction unclear) or changed in kind.
//!
//! Rules:
//! - Different kinds (percent → count), or the same kind with units of different
//!   dimensions: kind-changed.
//! - Quantities compare only when the units are the same or convertible (万元 and 元 by
//!   their factor); otherwise (天 vs 工作日, 个月 vs 天, 个 vs 项) the change is "changed".
//! - Lower bounds (`≥`, `>`): a higher value is tighter; `≥` → `>` at the same value is
//!   tighter. Upper bounds (`≤`, `<`): a lower value is tighter; `≤` → `<` is tighter.
//!   Any change of or to `=`, and a bound turned around (`≥` → `≤`), is "changed".
//! - Grades are ordered on their scale (差<较差<一般<较好<好<很好, 差<中<良<优, 不合格<合格,
//!   不达标<达标, 不及格<及格, 不满意<基本满意<较满意<满意<非常满意); a grade without an
//!   operator means "at least". Grades of different scales: changed.
//! - Ranges: the new range inside the old one is tighter, around it looser, else changed.
//! - Dates with `≤`/`<` (deadlines): earlier is tighter, after shifting the old date by the
//!   difference of the sheet years; with `≥`/`>` later is tighter; otherwise changed.
//! - Yes/no, periods and free text: changed.

use crate::lang::grades;
use crate::lang::units::money_factor;
use crate::model::{Op, Target, TargetKind, TargetValue};
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

/// How a target changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetClass {
    Tightened,
    Loosened,
    Changed,
    KindChanged,
}

impl TargetClass {
    pub fn as_str(&self) -> &'static str {
        match self {
            TargetClass::Tightened => "tightened",
            TargetClass::Loosened => "loosened",
            TargetClass::Changed => "changed",
            TargetClass::KindChanged => "kind-changed",
        }
    }
}

/// How to bring values of the old unit to the new unit: `Some(f)` multiplies old values by
/// `f`; `None` when the units are not comparable.
fn unit_factor(old: Option<&str>, new: Option<&str>) -> Option<Decimal> {
    match (old, new) {
        (None, None) => Some(Decimal::ONE),
        (Some(a), Some(b)) if a == b => Some(Decimal::ONE),
        (Some(a), Some(b)) => {
            let (fa, fb) = (money_factor(a)?, money_factor(b)?);
            fa.checked_div(fb)
        }
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bound {
    Lower { strict: bool },
    Upper { strict: bool },
    Exact,
}

fn bound(op: Option<Op>) -> Bound {
    match op {
        Some(Op::Ge) => Bound::Lower { strict: false },
        Some(Op::Gt) => Bound::Lower { strict: true },
        Some(Op::Le) => Bound::Upper { strict: false },
        Some(Op::Lt) => Bound::Upper { strict: true },
        Some(Op::Eq) | None => Bound::Exact,
    }
}

/// Direction of a change of a bound: `ord` compares the new value with the old one.
fn directed(old: Bound, new: Bound, ord: Ordering) -> Option<TargetClass> {
    use TargetClass::*;
    match (old, new) {
        (Bound::Lower { strict: s0 }, Bound::Lower { strict: s1 }) => match ord {
            Ordering::Greater => Some(Tightened),
            Ordering::Less => Some(Loosened),
            Ordering::Equal => match s1.cmp(&s0) {
                Ordering::Equal => None,
                Ordering::Greater => Some(Tightened),
                Ordering::Less => Some(Loosened),
            },
        },
        (Bound::Upper { strict: s0 }, Bound::Upper { strict: s1 }) => match ord {
            Ordering::Less => Some(Tightened),
            Ordering::Greater => Some(Loosened),
            Ordering::Equal => match s1.cmp(&s0) {
                Ordering::Equal => None,
                Ordering::Greater => Some(Tightened),
                Ordering::Less => Some(Loosened),
            },
        },
        (Bound::Exact, Bound::Exact) if ord == Ordering::Equal => None,
        _ => Some(Changed),
    }
}

/// Classifies the change from `old` to `new`; `None` when they mean the same.
/// `years` is how many years the new sheet is after the old one (for deadlines).
pub fn classify(old: &Target, new: &Target, years: i32) -> Option<TargetClass> {
    use TargetClass::*;
    let (old_kind, new_kind) = (old.kind(), new.kind());
    if old_kind.is_quantity() || new_kind.is_quantity() || old_kind == TargetKind::Range {
        let ((old_unit, old_dim), (new_unit, new_dim)) = (old.unit_parts(), new.unit_parts());
        if old_kind != new_kind || old_dim != new_dim {
            return Some(KindChanged);
        }
        let Some(f) = unit_factor(old_unit, new_unit) else {
            // Same kind, units not comparable (天 vs 工作日).
            return Some(Changed);
        };
        return match (&old.value, &new.value) {
            (TargetValue::Quantity { value: a, .. }, TargetValue::Quantity { value: b, .. }) => {
                let Some(a) = a.checked_mul(f) else {
                    return Some(Changed);
                };
                directed(bound(old.op), bound(new.op), b.cmp(&a))
            }
            (
                TargetValue::Range {
                    min: a0, max: a1, ..
                },
                TargetValue::Range {
                    min: b0, max: b1, ..
                },
            ) => classify_range((*a0, *a1), (*b0, *b1), f, old.op == new.op),
            _ => (old != new).then_some(Changed),
        };
    }
    if old_kind != new_kind {
        return Some(KindChanged);
    }
    match (&old.value, &new.value) {
        (TargetValue::Grade { grade: a }, TargetValue::Grade { grade: b }) => {
            // A bare grade is a floor: "好" means "at least 好".
            let lower = |op: Option<Op>| op.or(Some(Op::Ge));
            let (o0, o1) = (bound(lower(old.op)), bound(lower(new.op)));
            match grades::order(a, b) {
                Some(ord) => directed(o0, o1, ord),
                None if a == b && o0 == o1 => None,
                None => Some(Changed),
            }
        }
        (TargetValue::Date { date: a }, TargetValue::Date { date: b }) => {
            let (o0, o1) = (bound(old.op), bound(new.op));
            if a == b && o0 == o1 && years == 0 {
                return None;
            }
            // The old date moved forward by the years between the sheets.
            match a.shifted(years).and_then(|a| b.compare(&a)) {
                Some(ord) => directed(o0, o1, ord),
                None if a == b && o0 == o1 => None,
                None => Some(Changed),
            }
        }
        _ => (old.op != new.op || old.value != new.value).then_some(Changed),
    }
}

/// Ranges (old `a`, new `b`) after bringing the old bounds to the new unit.
fn classify_range(
    (a0, a1): (Decimal, Decimal),
    (b0, b1): (Decimal, Decimal),
    f: Decimal,
    same_op: bool,
) -> Option<TargetClass> {
    use TargetClass::*;
    let (Some(a0), Some(a1)) = (a0.checked_mul(f), a1.checked_mul(f)) else {
        return Some(Changed);
    };
    if !same_op {
        return Some(Changed);
    }
    if a0 == b0 && a1 == b1 {
        None
    } else if b0 >= a0 && b1 <= a1 {
        Some(Tightened)
    } else if b0 <= a0 && b1 >= a1 {
        Some(Loosened)
    } else {
        Some(Changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::units::UnitTable;
    use TargetClass::*;

    /// A target the way the checker builds it: read by the target reader.
    fn t(text: &str) -> Target {
        let p = crate::target::parse_target(text, &UnitTable::builtin()).unwrap();
        Target::new(p.op, p.value, text.to_string())
    }

    fn q(op: &str, value: &str, unit: &str) -> Target {
        t(&format!("{op}{value}{unit}"))
    }

    fn grade(op: Option<&str>, g: &str) -> Target {
        t(&format!("{}{g}", op.unwrap_or("")))
    }

    fn range(min: &str, max: &str, unit: &str) -> Target {
        t(&format!("{min}{unit}-{max}{unit}"))
    }

    fn c(a: &Target, b: &Target) -> Option<TargetClass> {
        classify(a, b, 1)
    }

    #[test]
    fn lower_bounds() {
        assert_eq!(c(&q(">=", "90", "%"), &q(">=", "95", "%")), Some(Tightened));
        assert_eq!(c(&q(">=", "90", "%"), &q(">=", "85", "%")), Some(Loosened));
        assert_eq!(c(&q(">=", "90", "%"), &q(">=", "90.0", "%")), None);
        assert_eq!(c(&q(">=", "90", "%"), &q(">", "90", "%")), Some(Tightened));
        assert_eq!(c(&q(">", "90", "%"), &q(">=", "90", "%")), Some(Loosened));
        assert_eq!(c(&q(">", "90", "%"), &q(">=", "95", "%")), Some(Tightened));
    }

    #[test]
    fn upper_bounds() {
        assert_eq!(
            c(&q("<=", "30", "天"), &q("<=", "20", "天")),
            Some(Tightened)
        );
        assert_eq!(
            c(&q("<=", "20", "天"), &q("<=", "30", "天")),
            Some(Loosened)
        );
        assert_eq!(
            c(&q("<=", "65", "万元"), &q("<=", "60", "万元")),
            Some(Tightened)
        );
        assert_eq!(
            c(&q("<=", "30", "天"), &q("<", "30", "天")),
            Some(Tightened)
        );
        assert_eq!(c(&q("<", "30", "天"), &q("<=", "30", "天")), Some(Loosened));
    }

    #[test]
    fn equal_and_mixed_ops_are_changed() {
        assert_eq!(c(&q("=", "11", "个"), &q("=", "12", "个")), Some(Changed));
        assert_eq!(c(&q("=", "11", "个"), &q("=", "11", "个")), None);
        assert_eq!(c(&q(">=", "90", "%"), &q("=", "100", "%")), Some(Changed));
        assert_eq!(c(&q(">=", "90", "%"), &q("<=", "90", "%")), Some(Changed));
    }

    #[test]
    fn money_units_convert() {
        assert_eq!(c(&q("<=", "65", "万元"), &q("<=", "650000", "元")), None);
        assert_eq!(
            c(&q("<=", "65", "万元"), &q("<=", "600000", "元")),
            Some(Tightened)
        );
        assert_eq!(
            c(&q("<=", "600000", "元"), &q("<=", "65", "万元")),
            Some(Loosened)
        );
    }

    #[test]
    fn unconvertible_units_are_changed() {
        assert_eq!(
            c(&q("<=", "30", "天"), &q("<=", "20", "工作日")),
            Some(Changed)
        );
        assert_eq!(
            c(&q("<=", "1", "个月"), &q("<=", "20", "天")),
            Some(Changed)
        );
        assert_eq!(c(&q("=", "3", "个"), &q("=", "4", "项")), Some(Changed));
    }

    #[test]
    fn kind_changes() {
        assert_eq!(
            c(&q(">=", "90", "%"), &q(">=", "201", "个")),
            Some(KindChanged)
        );
        assert_eq!(
            c(&q(">=", "90", "%"), &grade(None, "好")),
            Some(KindChanged)
        );
        assert_eq!(
            c(&q("=", "5", "万元"), &q("=", "5", "平方米")),
            Some(KindChanged)
        );
        assert_eq!(
            c(&q(">=", "90", "%"), &range("90", "95", "%")),
            Some(KindChanged)
        );
    }

    #[test]
    fn grades() {
        assert_eq!(c(&grade(None, "较好"), &grade(None, "好")), Some(Tightened));
        assert_eq!(c(&grade(None, "好"), &grade(None, "一般")), Some(Loosened));
        assert_eq!(c(&grade(None, "良"), &grade(None, "优")), Some(Tightened));
        assert_eq!(c(&grade(Some(">="), "良"), &grade(None, "良")), None);
        assert_eq!(c(&grade(None, "差"), &grade(None, "中")), Some(Tightened));
        assert_eq!(
            c(&grade(None, "合格"), &grade(None, "不合格")),
            Some(Loosened)
        );
        assert_eq!(c(&grade(None, "好"), &grade(None, "优")), Some(Changed));
        assert_eq!(c(&grade(None, "达标"), &grade(None, "达标")), None);
    }

    #[test]
    fn ranges_by_bounds() {
        assert_eq!(
            c(&range("90", "95", "%"), &range("92", "95", "%")),
            Some(Tightened)
        );
        assert_eq!(
            c(&range("90", "95", "%"), &range("85", "95", "%")),
            Some(Loosened)
        );
        assert_eq!(
            c(&range("90", "95", "%"), &range("92", "97", "%")),
            Some(Changed)
        );
        assert_eq!(c(&range("90", "95", "%"), &range("90.0", "95", "%")), None);
    }

    #[test]
    fn deadlines_shift_with_the_year() {
        let d = |op: &str, v: &str| t(&format!("{op}{v}"));
        assert_eq!(c(&d("<=", "2020-12-31"), &d("<=", "2021-12-31")), None);
        assert_eq!(
            c(&d("<=", "2020-12-31"), &d("<=", "2021-11-30")),
            Some(Tightened)
        );
        assert_eq!(
            c(&d("<=", "2020-10-31"), &d("<=", "2021-12-31")),
            Some(Loosened)
        );
        assert_eq!(
            c(&d("=", "2020-10-31"), &d("=", "2021-12-31")),
            Some(Changed)
        );
        assert_eq!(classify(&d("<=", "2020-12"), &d("<=", "2020-12"), 0), None);
    }
}
