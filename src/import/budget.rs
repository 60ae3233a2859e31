//! A project's budgets as its table prints them: this year's (预算数, 年度
//! 资金总额) and the project's total (资金总额, 项目总预算), each a total and
//! its sources. A source goes with the total on its row, else with the
//! total printed in its column (real tables print the two budgets side by
//! side), else with the last total. Our own tables print the sources in
//! two class columns (其中：财政资金, 其他资金) and, when those do not tell
//! everything, a detailed line under the use of funds: the line then gives
//! the sources and the columns their classes.

use super::draft::{Budget, Source, Why};
use super::labels::BudgetKind;
use super::values::{cmp, is_decimal, sum};
use crate::lang::sources::is_fiscal;

/// Where a total was printed.
#[derive(Clone, Copy, Debug)]
struct Slot {
    kind: BudgetKind,
    row: usize,
    col: usize,
}

#[derive(Clone, Debug, Default)]
struct Reading {
    total: Option<String>,
    /// The sources printed in the table's cells.
    columns: Vec<Source>,
    /// The detailed source line, when printed.
    detail: Option<(bool, Vec<Source>)>,
    seen: bool,
}

/// The budgets of one project while its table is read.
#[derive(Clone, Debug, Default)]
pub struct Budgets {
    slots: Vec<Slot>,
    annual: Reading,
    total: Reading,
}

impl Budgets {
    fn reading(&mut self, kind: BudgetKind) -> &mut Reading {
        match kind {
            BudgetKind::Annual => &mut self.annual,
            BudgetKind::Total => &mut self.total,
        }
    }

    /// A total printed at (`row`, `col`); `None` when its cell is blank.
    pub fn total(&mut self, kind: BudgetKind, row: usize, col: usize, amount: Option<String>) {
        self.slots.push(Slot { kind, row, col });
        let r = self.reading(kind);
        r.seen = true;
        if amount.is_some() {
            r.total = amount;
        }
    }

    /// A source printed at (`row`, `col`); a blank amount is no source.
    pub fn source(
        &mut self,
        name: &str,
        annual: bool,
        row: usize,
        col: usize,
        amount: Option<String>,
    ) {
        let kind = if annual {
            BudgetKind::Annual
        } else {
            self.slots
                .iter()
                .filter(|s| s.row == row && s.col <= col)
                .max_by_key(|s| s.col)
                .or_else(|| self.slots.iter().rev().find(|s| s.col == col))
                .or_else(|| self.slots.last())
                .map_or(BudgetKind::Annual, |s| s.kind)
        };
        let r = self.reading(kind);
        r.seen = true;
        if let Some(amount) = amount {
            r.columns.push(Source {
                name: name.to_string(),
                amount,
                ..Source::default()
            });
        }
    }

    /// A detailed source line (`资金来源：…`, `项目总预算资金来源：…`).
    pub fn detail(&mut self, kind: BudgetKind, partial: bool, sources: Vec<Source>) {
        let r = self.reading(kind);
        r.seen = true;
        r.detail = Some((partial, sources));
    }

    /// This year's budget and the total, and what did not add up. A
    /// project printing only a 资金总额 has it as this year's budget.
    pub fn finish(self) -> (Option<Budget>, Option<Budget>, Vec<Why>) {
        let mut why = Vec::new();
        let annual = build(self.annual, &mut why);
        let total = build(self.total, &mut why);
        match (annual, total) {
            (None, Some(t)) => (Some(t), None, why),
            (a, t) => (a, t, why),
        }
    }
}

fn build(r: Reading, why: &mut Vec<Why>) -> Option<Budget> {
    if !r.seen {
        return None;
    }
    let (partial_line, mut sources) = match r.detail {
        Some((partial, mut sources)) => {
            if !classes(&mut sources, &r.columns) {
                why.push(Why::SourceClasses);
            }
            (partial, sources)
        }
        None => (false, r.columns),
    };
    let amounts: Vec<&str> = sources.iter().map(|s| s.amount.as_str()).collect();
    let listed = sum(&amounts);
    let total = match (r.total, &listed) {
        (Some(t), _) => t,
        (None, Some(l)) if !sources.is_empty() => l.clone(),
        _ => return None,
    };
    // Sources adding up to less than the total are a partial list (其中).
    let partial = partial_line
        || listed
            .as_deref()
            .and_then(|l| cmp(l, &total))
            .is_some_and(|o| o.is_lt() && !sources.is_empty());
    sources.retain(|s| is_decimal(&s.amount));
    Some(Budget {
        total: Some(total),
        sources,
        partial,
    })
}

/// Give the detailed sources the classes the two columns say: the default
/// class of each name (财政资金 for a fiscal name), flipped for the fewest
/// sources that make the columns' sums. False when no choice does.
fn classes(sources: &mut [Source], columns: &[Source]) -> bool {
    let want_fiscal = sum_of(columns.iter().filter(|c| is_fiscal(&c.name)));
    let want_other = sum_of(columns.iter().filter(|c| !is_fiscal(&c.name)));
    let n = sources.len();
    if n > 12 {
        return false;
    }
    let mut best: Option<u32> = None;
    // A class the line states, else the name's.
    let default = |s: &Source| s.class.map_or(is_fiscal(&s.name), |c| c == "财政资金");
    for mask in 0u32..(1 << n) {
        let fiscal_of = |i: usize, s: &Source| default(s) != (mask & (1 << i) != 0);
        let f = sum_of(
            sources
                .iter()
                .enumerate()
                .filter(|(i, s)| fiscal_of(*i, s))
                .map(|x| x.1),
        );
        let o = sum_of(
            sources
                .iter()
                .enumerate()
                .filter(|(i, s)| !fiscal_of(*i, s))
                .map(|x| x.1),
        );
        if same(&f, &want_fiscal)
            && same(&o, &want_other)
            && best.is_none_or(|b| mask.count_ones() < b.count_ones())
        {
            best = Some(mask);
        }
    }
    let Some(mask) = best else {
        return false;
    };
    for (i, s) in sources.iter_mut().enumerate() {
        if mask & (1 << i) != 0 {
            s.class = Some(if default(s) {
                "其他资金"
            } else {
                "财政资金"
            });
        }
        // A class the name gives is not stated again.
        if s.class
            == Some(if is_fiscal(&s.name) {
                "财政资金"
            } else {
                "其他资金"
            })
        {
            s.class = None;
        }
    }
    true
}

fn sum_of<'a>(sources: impl Iterator<Item = &'a Source>) -> Option<String> {
    let amounts: Vec<&str> = sources.map(|s| s.amount.as_str()).collect();
    if amounts.is_empty() {
        None
    } else {
        sum(&amounts)
    }
}

fn same(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => cmp(x, y).is_some_and(|o| o.is_eq()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str, amount: &str) -> Source {
        Source {
            name: name.into(),
            amount: amount.into(),
            ..Source::default()
        }
    }

    #[test]
    fn sources_follow_their_totals() {
        let mut b = Budgets::default();
        // real/06: 资金总额 | 10000 | 当年资金总额 | 10000, then the sources.
        b.total(BudgetKind::Total, 0, 1, Some("10000".into()));
        b.total(BudgetKind::Annual, 0, 3, Some("10000".into()));
        b.source("财政拨款", false, 1, 1, Some("10000".into()));
        b.source("财政拨款", true, 1, 3, Some("10000".into()));
        b.source("其他资金", false, 2, 1, None);
        let (annual, total, why) = b.finish();
        assert!(why.is_empty());
        assert_eq!(annual.unwrap().sources, [s("财政拨款", "10000")]);
        let total = total.unwrap();
        assert_eq!(total.sources, [s("财政拨款", "10000")]);
        assert!(!total.partial);
    }

    #[test]
    fn partial_and_only_a_total() {
        let mut b = Budgets::default();
        b.total(BudgetKind::Total, 0, 1, Some("100".into()));
        b.source("财政资金", false, 0, 3, Some("60".into()));
        let (annual, total, _) = b.finish();
        assert!(total.is_none());
        assert!(annual.unwrap().partial);
    }

    #[test]
    fn detail_with_classes_from_the_columns() {
        let mut b = Budgets::default();
        b.total(BudgetKind::Annual, 0, 1, Some("25".into()));
        b.source("财政资金", false, 0, 3, Some("25".into()));
        b.detail(
            BudgetKind::Annual,
            false,
            vec![s("一般公共预算", "5"), s("上年结转", "20")],
        );
        let (annual, _, why) = b.finish();
        assert!(why.is_empty());
        let a = annual.unwrap();
        assert_eq!(a.sources[1].class, Some("财政资金"));
        assert_eq!(a.sources[0].class, None);
    }
}
