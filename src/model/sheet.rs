//! The checked sheet: plain data, no spans, comparable between two years.
//! Amounts and percentages are exact decimals; serialised as strings.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

pub use crate::lang::units::Dimension;
pub use crate::target::{Date, Op, TargetValue};

pub const FORMAT: &str = "jixiao-sheet/1";

fn dec<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let mut text = DecimalText::default();
    match std::fmt::Write::write_fmt(&mut text, format_args!("{d}")) {
        Ok(()) => s.serialize_str(text.as_str()),
        // Longer than any decimal prints: not reached, but never wrong.
        Err(_) => s.serialize_str(&d.to_string()),
    }
}
fn opt_dec<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => dec(d, s),
        None => s.serialize_none(),
    }
}

/// A decimal printed on the stack: the JSON of a large sheet prints
/// hundreds of thousands of them.
struct DecimalText {
    bytes: [u8; 64],
    len: usize,
}

impl Default for DecimalText {
    fn default() -> Self {
        DecimalText {
            bytes: [0; 64],
            len: 0,
        }
    }
}

impl DecimalText {
    fn as_str(&self) -> &str {
        // Only whole `&str` pieces are ever copied in.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl std::fmt::Write for DecimalText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sheet {
    pub format: &'static str,
    pub department: Department,
    pub overall: Overall,
    pub projects: Vec<Project>,
    pub units: Vec<UnitDef>,
    pub totals: Totals,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Department {
    pub code: String,
    pub name: String,
    pub year: i32,
    /// 万元 or 元
    pub unit: String,
    /// "2015" or "2021"
    pub framework: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Overall {
    pub summary: Option<String>,
    pub objectives: Vec<Objective>,
    pub measures: Vec<String>,
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Objective {
    pub title: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    pub code: String,
    pub name: String,
    pub agency: Option<String>,
    pub budget: Budget,
    pub purpose: Option<String>,
    pub plan: Vec<Checkpoint>,
    pub goals: Vec<String>,
    pub period: Option<Period>,
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Budget {
    #[serde(serialize_with = "dec")]
    pub total: Decimal,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub name: String,
    #[serde(serialize_with = "dec")]
    pub amount: Decimal,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    pub month: u32,
    #[serde(serialize_with = "dec")]
    pub percent: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub text: String,
    pub goals: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// Canonical level-1 name, e.g. 产出指标 (from the closed vocabulary).
    pub level1: &'static str,
    /// Canonical level-2 name, e.g. 时效指标.
    pub level2: &'static str,
    /// The spellings the author used.
    pub level1_written: String,
    pub level2_written: String,
    pub name: String,
    pub description: Option<String>,
    pub target: Target,
    pub basis: Option<String>,
    #[serde(serialize_with = "opt_dec")]
    pub weight: Option<Decimal>,
    pub last_year: Option<Box<Target>>,
    pub explanation: Option<String>,
    pub scoring: Option<String>,
    pub core: bool,
}

/// What kind of value a target is; the `kind` of the JSON contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    Percent,
    Count,
    Money,
    Duration,
    Measure,
    Number,
    Date,
    Period,
    Range,
    Grade,
    Boolean,
    Text,
}

impl TargetKind {
    /// A single number with a unit of this kind's dimension.
    pub fn is_quantity(self) -> bool {
        matches!(
            self,
            TargetKind::Percent
                | TargetKind::Count
                | TargetKind::Money
                | TargetKind::Duration
                | TargetKind::Measure
                | TargetKind::Number
        )
    }

    /// The kind of a number in a unit of `dimension`. A compound unit
    /// measures what its numerator measures: 元/人 is money.
    fn of_dimension(dimension: Option<&Dimension>) -> TargetKind {
        let base = match dimension {
            None => return TargetKind::Number,
            Some(Dimension::Per(num, _)) => &**num,
            Some(d) => d,
        };
        match base {
            Dimension::Percent => TargetKind::Percent,
            Dimension::Count => TargetKind::Count,
            Dimension::Money => TargetKind::Money,
            Dimension::Time => TargetKind::Duration,
            _ => TargetKind::Measure,
        }
    }
}

/// A target value (指标值): the comparison, the typed value, and the text as
/// written (spacing normalised as the formatter prints it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// `None` for a plain range, period, grade, yes/no or text; `=` for a
    /// plain quantity or date.
    pub op: Option<Op>,
    pub value: TargetValue,
    pub text: String,
}

impl Target {
    pub fn kind(&self) -> TargetKind {
        match &self.value {
            TargetValue::Quantity { dimension, .. } => TargetKind::of_dimension(dimension.as_ref()),
            TargetValue::Range { .. } => TargetKind::Range,
            TargetValue::Date { .. } => TargetKind::Date,
            TargetValue::Period { .. } => TargetKind::Period,
            TargetValue::Grade { .. } => TargetKind::Grade,
            TargetValue::YesNo { .. } => TargetKind::Boolean,
            TargetValue::Text { .. } => TargetKind::Text,
        }
    }

    /// The unit and its dimension, for quantities and ranges.
    pub fn unit(&self) -> Option<(&str, &Dimension)> {
        match &self.value {
            TargetValue::Quantity {
                unit: Some(u),
                dimension: Some(d),
                ..
            }
            | TargetValue::Range {
                unit: Some(u),
                dimension: Some(d),
                ..
            } => Some((u, d)),
            _ => None,
        }
    }
}

/// The JSON contract `jixiao-sheet/1` gives a target as flat strings:
/// `kind`, `op` (`>=` …), `value` (the number, ISO date, grade word, 是/否 or
/// text), `unit`, `dimension`, `min`/`max` (range or period bounds), `text`.
impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Dec<'a>(&'a Decimal);
        impl Serialize for Dec<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                dec(self.0, s)
            }
        }
        struct Shown<'a, T: std::fmt::Display>(&'a T);
        impl<T: std::fmt::Display> Serialize for Shown<'_, T> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self.0)
            }
        }
        let none = Option::<&str>::None;
        let mut st = s.serialize_struct("Target", 8)?;
        st.serialize_field("kind", &self.kind())?;
        st.serialize_field("op", &self.op.map(|o| o.as_str()))?;
        let (unit, dimension) = match &self.value {
            TargetValue::Quantity {
                unit, dimension, ..
            }
            | TargetValue::Range {
                unit, dimension, ..
            } => (unit.as_deref(), dimension.as_ref()),
            _ => (None, None),
        };
        match &self.value {
            TargetValue::Quantity { value, .. } => st.serialize_field("value", &Dec(value))?,
            TargetValue::Date { date } => st.serialize_field("value", &Shown(date))?,
            TargetValue::Grade { grade } => st.serialize_field("value", grade)?,
            TargetValue::YesNo { yes } => {
                st.serialize_field("value", if *yes { "是" } else { "否" })?
            }
            TargetValue::Text { text } => st.serialize_field("value", text)?,
            TargetValue::Range { .. } | TargetValue::Period { .. } => {
                st.serialize_field("value", &none)?
            }
        }
        st.serialize_field("unit", &unit)?;
        st.serialize_field("dimension", &dimension.map(|d| d.name()))?;
        match &self.value {
            TargetValue::Range { min, max, .. } => {
                st.serialize_field("min", &Dec(min))?;
                st.serialize_field("max", &Dec(max))?;
            }
            TargetValue::Period { from, to } => {
                st.serialize_field("min", &Shown(from))?;
                st.serialize_field("max", &Shown(to))?;
            }
            _ => {
                st.serialize_field("min", &none)?;
                st.serialize_field("max", &none)?;
            }
        }
        st.serialize_field("text", &self.text)?;
        st.end()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnitDef {
    pub name: String,
    pub dimension: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Sum of the project budgets, in the sheet's unit.
    #[serde(serialize_with = "dec")]
    pub budget: Decimal,
    pub projects: usize,
    /// Indicators of all projects plus the body-level ones.
    pub indicators: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_print_on_the_stack_as_to_string_prints_them() {
        let samples = [
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-78_00, 2),
            Decimal::ZERO,
            Decimal::new(555_740_000, 6),
        ];
        for d in samples {
            let json = serde_json::to_string(&Checkpoint {
                month: 3,
                percent: d,
            })
            .unwrap();
            assert_eq!(json, format!("{{\"month\":3,\"percent\":\"{d}\"}}"));
            let mut text = DecimalText::default();
            std::fmt::Write::write_fmt(&mut text, format_args!("{d}")).unwrap();
            assert_eq!(text.as_str(), d.to_string());
        }
    }
}
