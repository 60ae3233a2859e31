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
use crate::model::{Target, TargetKind};
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

fn is_quantity(k: &TargetKind) -> bool {
    matches!(
        k,
        TargetKind::Percent
            | TargetKind::Count
            | TargetKind::Money
            | TargetKind::Duration
            | TargetKind::Measure
            | TargetKind::Number
    )
}

fn num(s: &Option<String>) -> Option<Decimal> {
    s.as_deref()?.parse().ok()
}

/// How to bring values of the old unit to the new unit: `Some(f)` multiplies old values by
/// `f`; `None` when the units are not comparable.
fn unit_factor(old: &Option<String>, new: &Option<String>) -> Option<Decimal> {
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

fn bound(op: Option<&str>) -> Bound {
    match op {
        Some(">=") => Bound::Lower { strict: false },
        Some(">") => Bound::Lower { strict: true },
        Some("<=") => Bound::Upper { strict: false },
        Some("<") => Bound::Upper { strict: true },
        _ => Bound::Exact,
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

/// Compares two ISO dates of the same shape (`2020-12-31`, `2020-12`, `2020`) after moving
/// the old one forward by `years`.
fn date_order(old: &str, new: &str, years: i32) -> Option<Ordering> {
    let parts = |s: &str| -> Option<Vec<i32>> {
        let v: Option<Vec<i32>> = s.split('-').map(|p| p.parse().ok()).collect();
        v.filter(|v| !v.is_empty() && v.len() <= 3)
    };
    let mut a = parts(old)?;
    let b = parts(new)?;
    if a.len() != b.len() {
        return None;
    }
    a[0] = a[0].checked_add(years)?;
    Some(b.cmp(&a))
}

/// Classifies the change from `old` to `new`; `None` when they mean the same.
/// `years` is how many years the new sheet is after the old one (for deadlines).
pub fn classify(old: &Target, new: &Target, years: i32) -> Option<TargetClass> {
    use TargetClass::*;
    if is_quantity(&old.kind) || is_quantity(&new.kind) || old.kind == TargetKind::Range {
        if old.kind != new.kind || old.dimension != new.dimension {
            return Some(KindChanged);
        }
        let Some(f) = unit_factor(&old.unit, &new.unit) else {
            // Same kind, units not comparable (天 vs 工作日).
            return Some(Changed);
        };
        if old.kind == TargetKind::Range {
            return classify_range(old, new, f);
        }
        let (Some(a), Some(b)) = (num(&old.value), num(&new.value)) else {
            return (old != new).then_some(Changed);
        };
        let Some(a) = a.checked_mul(f) else {
            return Some(Changed);
        };
        return directed(bound(old.op), bound(new.op), b.cmp(&a));
    }
    if old.kind != new.kind {
        return Some(KindChanged);
    }
    match old.kind {
        TargetKind::Grade => {
            let (a, b) = (old.value.as_deref()?, new.value.as_deref()?);
            // A bare grade is a floor: "好" means "at least 好".
            let lower = |op: Option<&'static str>| if op.is_none() { Some(">=") } else { op };
            let (o0, o1) = (bound(lower(old.op)), bound(lower(new.op)));
            match grades::order(a, b) {
                Some(ord) => directed(o0, o1, ord),
                None if a == b && o0 == o1 => None,
                None => Some(Changed),
            }
        }
        TargetKind::Date => {
            let (a, b) = (old.value.as_deref()?, new.value.as_deref()?);
            let (o0, o1) = (bound(old.op), bound(new.op));
            if a == b && o0 == o1 && years == 0 {
                return None;
            }
            match date_order(a, b, years) {
                Some(ord) => directed(o0, o1, ord),
                None if a == b && o0 == o1 => None,
                None => Some(Changed),
            }
        }
        _ => {
            let same = old.op == new.op
                && old.value == new.value
                && old.min == new.min
                && old.max == new.max
                && old.unit == new.unit;
            (!same).then_some(Changed)
        }
    }
}

fn classify_range(old: &Target, new: &Target, f: Decimal) -> Option<TargetClass> {
    use TargetClass::*;
    let (Some(a0), Some(a1), Some(b0), Some(b1)) =
        (num(&old.min), num(&old.max), num(&new.min), num(&new.max))
    else {
        return (old != new).then_some(Changed);
    };
    let (Some(a0), Some(a1)) = (a0.checked_mul(f), a1.checked_mul(f)) else {
        return Some(Changed);
    };
    if old.op != new.op {
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
    use TargetClass::*;

    /// A target the way the checker builds it, for the shapes the tests need.
    fn q(op: &'static str, value: &str, unit: &str) -> Target {
        let (kind, dim) = match unit {
            "%" => (TargetKind::Percent, "percent"),
            "个" | "项" | "次" => (TargetKind::Count, "count"),
            "万元" | "元" => (TargetKind::Money, "money"),
            "天" | "工作日" | "个月" => (TargetKind::Duration, "time"),
            "平方米" => (TargetKind::Measure, "area"),
            _ => (TargetKind::Number, ""),
        };
        Target {
            kind,
            op: Some(op),
            value: Some(value.into()),
            unit: (!unit.is_empty()).then(|| unit.to_string()),
            dimension: (!dim.is_empty()).then(|| dim.to_string()),
            min: None,
            max: None,
            text: format!("{op}{value}{unit}"),
        }
    }

    fn grade(op: Option<&'static str>, g: &str) -> Target {
        Target {
            kind: TargetKind::Grade,
            op,
            value: Some(g.into()),
            unit: None,
            dimension: None,
            min: None,
            max: None,
            text: g.into(),
        }
    }

    fn range(min: &str, max: &str, unit: &str) -> Target {
        Target {
            kind: TargetKind::Range,
            op: None,
            value: None,
            unit: Some(unit.into()),
            dimension: Some("percent".into()),
            min: Some(min.into()),
            max: Some(max.into()),
            text: format!("{min}-{max}{unit}"),
        }
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
        let d = |op: &'static str, v: &str| Target {
            kind: TargetKind::Date,
            op: Some(op),
            value: Some(v.into()),
            unit: None,
            dimension: None,
            min: None,
            max: None,
            text: v.into(),
        };
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
