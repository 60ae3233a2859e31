//! The indicator block of a table: a header row naming the columns (一级指标
//! … 指标值, 指标性质 + 指标值 + 度量单位, 权重 or 分值, …, long-term and
//! annual columns side by side), then one row per indicator, the level
//! cells merged down or repeated or left blank under the first.

use super::draft::{Indicator, Note, Target, Why};
use super::grid::Table;
use super::labels::{column, label, normalise, Column, Group, Label};
use super::values::{core_mark, level_points, one_line, points};
use crate::lang::category;

/// A header cell's meaning with the grid columns it covers (first, span).
type Spanned = (usize, usize, (Column, bool));

/// The columns of an open indicator block, by grid column.
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// For each grid column, its meaning and whether it is long-term.
    columns: Vec<Option<(Column, bool)>>,
    /// The last level names read, for rows that leave them blank.
    last1: String,
    last2: [String; 2],
    /// The form prints no 三级指标: the 二级指标 column names the
    /// indicator (or, when it holds a level-2 name, the 指标内容 does).
    level2_names: bool,
    /// Rows read since the header.
    rows: usize,
    /// Keep a row that only lists a level 2 as an indicator without a
    /// name (a form's row left unevaluated), rather than drop it.
    pub keep_listed: bool,
}

/// What a row of the block gave.
#[derive(Debug, Default)]
pub struct Row {
    pub annual: Vec<Indicator>,
    pub long: Vec<Indicator>,
    /// Points of a level-1 category (`成本指标（0-20分）`).
    pub scores: Vec<(String, String)>,
    pub notes: Vec<Note>,
}

/// The header row at `r`, when it is one: it names a level and a name or a
/// target column.
pub fn header(t: &Table, r: usize) -> Option<Block> {
    let mut columns: Vec<Option<(Column, bool)>> = vec![None; t.width];
    let mut has_level = false;
    let mut has_body = false;
    for p in t.row(r).iter().filter(|p| p.first) {
        let n = normalise(&p.cell.text).text;
        // `绩效指标(90分)`: the group label with the points of its part.
        if matches!(label(&level_points(&n).0), Some(Label::Group(_))) {
            continue;
        }
        let Some((c, long)) = column(&n) else {
            continue;
        };
        has_level |= matches!(c, Column::Level1 | Column::Level2);
        has_body |= matches!(c, Column::Name | Column::Target);
        for slot in columns.iter_mut().skip(p.cell.col).take(p.cell.col_span) {
            *slot = Some((c.clone(), long));
        }
    }
    // Application forms (财政支出绩效目标申报表) print no 三级指标: under
    // 投入 and 过程 the 二级指标 column names the indicator itself.
    let named = columns.iter().any(|c| matches!(c, Some((Column::Name, _))));
    let level2_names = !named;
    if !named {
        for (c, _) in columns.iter_mut().flatten() {
            if *c == Column::Level2 {
                *c = Column::Name;
            }
        }
    }
    (has_level && has_body).then(|| Block {
        columns,
        level2_names,
        ..Block::default()
    })
}

impl Block {
    /// The second row of a header of two (`三级指标` over `指标名称 |
    /// 指标值`): right under the first, every cell starting in it a column
    /// name. Its names replace those above them.
    pub fn refine(&mut self, t: &Table, r: usize) -> bool {
        if self.rows > 0 {
            return false;
        }
        let starting: Vec<_> = t
            .row(r)
            .into_iter()
            .filter(|p| p.first && !p.cell.text.trim().is_empty())
            .collect();
        let names: Option<Vec<Spanned>> = starting
            .iter()
            .map(|p| match column(&normalise(&p.cell.text).text) {
                Some((Column::Field(_), _)) | None => None,
                Some(c) => Some((p.cell.col, p.cell.col_span, c)),
            })
            .collect();
        let Some(names) = names.filter(|n| !n.is_empty()) else {
            return false;
        };
        for (col, span, c) in names {
            for slot in self.columns.iter_mut().skip(col).take(span) {
                *slot = Some(c.clone());
            }
        }
        let named = self
            .columns
            .iter()
            .any(|c| matches!(c, Some((Column::Name, _))));
        self.level2_names &= !named;
        true
    }

    /// Read row `r`; `None` when the row is not the block's (a label of
    /// the form starts it: 预算执行率, 审核意见, a new project …).
    pub fn row(&mut self, t: &Table, r: usize) -> Option<Row> {
        let placed = t.row(r);
        self.rows += 1;
        // A row the block does not hold starts at its left edge with a
        // label of the form; an indicator row's left cells are its levels,
        // often merged down from above.
        let left = placed.first()?;
        if left.first {
            let n = normalise(&left.cell.text).text;
            match label(&n) {
                Some(Label::Group(Group::Indicators)) => {}
                // Text where the block has no column (under the group
                // label, `备注`): a row after the block.
                None if !n.is_empty()
                    && left.cell.col < self.columns.len()
                    && self.columns[left.cell.col].is_none() =>
                {
                    return None
                }
                None => {}
                Some(_) => return None,
            }
        }
        // Each cell once per row, in the first column it covers.
        let mut used: Vec<usize> = Vec::new();
        let mut cells: [Vec<(Column, String)>; 2] = [Vec::new(), Vec::new()];
        let mut shared: Vec<(Column, String)> = Vec::new();
        let mut out = Row::default();
        let mut level1_cell = None;
        for (col, meaning) in self.columns.iter().enumerate() {
            let Some(cell) = t.at(r, col) else { continue };
            let index = placed.iter().find(|p| std::ptr::eq(p.cell, cell));
            let Some(index) = index.map(|p| p.index) else {
                continue;
            };
            let Some((c, long)) = meaning else {
                let stray = placed
                    .iter()
                    .any(|p| p.index == index && p.first && !cell.text.is_empty());
                let group = matches!(label(&normalise(&cell.text).text), Some(Label::Group(_)));
                if stray && !group && !used.contains(&index) {
                    out.notes.push(Note {
                        origin: Some(t.origin(cell)),
                        text: cell.text.clone(),
                        why: Why::UnknownCell,
                    });
                }
                used.push(index);
                continue;
            };
            if used.contains(&index) && !matches!(c, Column::Level1) {
                // A category merged across both level columns (满意度指标
                // over 一级 and 二级) is its own level 2.
                if *c == Column::Level2 && level1_cell == Some(index) {
                    cells[usize::from(*long)].push((c.clone(), cell.text.clone()));
                }
                continue;
            }
            if *c == Column::Level1 {
                level1_cell = Some(index);
            }
            used.push(index);
            let entry = (c.clone(), cell.text.clone());
            if matches!(c, Column::Level1) {
                shared.push(entry);
            } else {
                cells[usize::from(*long)].push(entry);
            }
        }
        let level1_text = shared
            .first()
            .map(|(_, t)| normalise(t).text)
            .unwrap_or_default();
        let (level1, score) = level_points(&level1_text);
        // A sentence where the level 1 stands (`备注：……。`) is a row after
        // the block, not an indicator.
        if !level1.is_empty() && not_a_level(&level1) {
            return None;
        }
        if let Some(p) = score {
            let item = short(&level1);
            if !out.scores.iter().any(|s| s.0 == item) {
                out.scores.push((item, p));
            }
        }
        let level1 = if level1.is_empty() {
            self.last1.clone()
        } else {
            if level1 != self.last1 {
                self.last2 = [String::new(), String::new()];
            }
            level1
        };
        self.last1 = level1.clone();
        for (g, group) in cells.iter().enumerate() {
            if let Some(ind) = self.indicator(t, r, &level1, g, group, &mut out.notes) {
                if g == 1 {
                    out.long.push(ind);
                } else {
                    out.annual.push(ind);
                }
            }
        }
        Some(out)
    }

    /// One indicator from the cells of one column group.
    fn indicator(
        &mut self,
        t: &Table,
        r: usize,
        level1: &str,
        g: usize,
        cells: &[(Column, String)],
        notes: &mut Vec<Note>,
    ) -> Option<Indicator> {
        let get = |c: &Column| {
            cells
                .iter()
                .find(|(k, _)| k == c)
                .map(|(_, v)| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let level2 = get(&Column::Level2)
            .map(|l| normalise(&l).text)
            .unwrap_or_else(|| self.last2[g].clone());
        self.last2[g] = level2.clone();
        let mut name = get(&Column::Name).map(|n| one_line(&n));
        let mut description = get(&Column::Description);
        let mut level2 = level2;
        // A form without 三级指标 whose 二级指标 column holds a level 2
        // (产出指标 | 数量指标 | 指标内容 …): the content names the indicator.
        if self.level2_names {
            if let Some(n) = name.as_deref().filter(|n| is_level2(level1, n)) {
                level2 = normalise(n).text;
                self.last2[g] = level2.clone();
                if let Some(d) = description.take() {
                    name = Some(one_line(&d));
                }
            }
        }
        let value = get(&Column::Target).map(|v| one_line(&v));
        let sign = get(&Column::Sign).map(|s| normalise(&s).text);
        let unit = get(&Column::Unit).map(|u| normalise(&u).text);
        let rest: Vec<&(Column, String)> = cells
            .iter()
            .filter(|(k, v)| !matches!(k, Column::Level2) && !v.trim().is_empty())
            .collect();
        // A row that only lists its level 2 (`经济效益指标` with the rest
        // blank) is the category without an indicator, kept as such where
        // the reader asks for it (an evaluation's `indicator 效益.经济效益`).
        let listed = get(&Column::Level2).is_some() && value.is_none() && rest.is_empty();
        if self.keep_listed && name.is_none() && listed && !level1.is_empty() && !self.level2_names
        {
            return Some(Indicator {
                level1: short(level1),
                level2: sole_level2(level1, &level2).unwrap_or_else(|| short(&level2)),
                ..Indicator::default()
            });
        }
        let Some(name) = name else {
            if value.is_some()
                || rest
                    .iter()
                    .any(|(k, _)| !matches!(k, Column::Sign | Column::Unit))
            {
                notes.push(Note {
                    origin: t.at(r, 0).map(|c| t.origin(c)),
                    text: rest
                        .iter()
                        .map(|(_, v)| v.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                    why: Why::NoIndicatorName,
                });
            }
            return None;
        };
        if level1.is_empty() {
            notes.push(Note {
                origin: t.at(r, 0).map(|c| t.origin(c)),
                text: name,
                why: Why::NoCategory,
            });
            return None;
        }
        let (stars, name) = core_mark(&name);
        let level2 = sole_level2(level1, &level2).unwrap_or_else(|| short(&level2));
        let mut ind = Indicator {
            level1: short(level1),
            level2,
            name: name.to_string(),
            target: target(sign, value, unit),
            core: (stars > 0).then_some(stars),
            ..Indicator::default()
        };
        ind.description = description;
        for (k, v) in cells {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match k {
                Column::Description => {}
                Column::Basis => ind.basis = Some(v.to_string()),
                Column::Weight => match points(v) {
                    Some(p) => ind.weight = Some(p),
                    None => ind.fields.push(("权重".to_string(), v.to_string())),
                },
                Column::LastYear => {
                    ind.last = Some(Target {
                        sign: None,
                        value: one_line(v),
                    })
                }
                Column::Direction => ind.direction = Some(normalise(v).text),
                Column::Nature => ind.nature = Some(normalise(v).text),
                Column::Explanation => ind.explanation = Some(v.to_string()),
                Column::Scoring => ind.scoring = Some(v.to_string()),
                Column::Field(f) => ind.fields.push((f.clone(), v.to_string())),
                Column::Level1
                | Column::Level2
                | Column::Name
                | Column::Target
                | Column::Sign
                | Column::Unit => {}
            }
        }
        Some(ind)
    }
}

/// The sign, value and unit columns as one target: `≥ 95 %`, `定性 好`;
/// a target cell alone as printed (`定性 明显改善` from our own tables).
pub fn target(sign: Option<String>, value: Option<String>, unit: Option<String>) -> Option<Target> {
    let value = value.unwrap_or_default();
    let unit = unit.filter(|u| !value.ends_with(u.as_str()));
    match sign {
        Some(s) if !value.is_empty() => {
            let value = match unit {
                Some(u) => format!("{value} {u}"),
                None => value,
            };
            Some(Target {
                sign: Some(s),
                value,
            })
        }
        _ if value.is_empty() => None,
        _ => {
            if let Some(rest) = value.strip_prefix("定性 ") {
                return Some(Target {
                    sign: Some("定性".to_string()),
                    value: rest.to_string(),
                });
            }
            Some(Target {
                sign: None,
                value: format!("{value}{}", unit.unwrap_or_default()),
            })
        }
    }
}

/// Whether `word` is a level-2 name under the category `level1`.
fn is_level2(level1: &str, word: &str) -> bool {
    let Some(parent) = category::level1(&short(level1)).or_else(|| category::level1(level1)) else {
        return false;
    };
    [normalise(word).text, short(word)].iter().any(|w| {
        category::LEVEL2
            .iter()
            .filter(|d| d.parent == parent.id)
            .any(|d| {
                d.canonical == w || d.aliases.contains(&w.as_str()) || short(d.canonical) == *w
            })
    })
}

/// Whether a level-1 cell holds a sentence rather than a category: no
/// known category, and sentence punctuation or the length of one.
fn not_a_level(text: &str) -> bool {
    let known = category::level1(text).is_some() || category::level1(&short(text)).is_some();
    !known && (text.contains(['：', ':', '，', '。', '；', ',']) || text.chars().count() > 12)
}

/// `满意度指标 | 满意度指标`: a form printing the level-1 name again as the
/// level 2 of a level 1 that has only one (服务对象满意度).
fn sole_level2(level1: &str, level2: &str) -> Option<String> {
    if short(level1) != short(level2) {
        return None;
    }
    let parent = category::level1(&short(level1)).or_else(|| category::level1(level1))?;
    let mut under = category::LEVEL2.iter().filter(|d| d.parent == parent.id);
    let only = under.next()?;
    under.next().is_none().then(|| short(only.canonical))
}

/// A level name as the language writes it: without its `指标` (`产出指标`
/// is `产出`), as the sample and the examples write categories.
pub fn short(level: &str) -> String {
    let l: String = level
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '"' | '{' | '}' | ',' | ';'))
        .collect();
    match l.strip_suffix("指标") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_from_columns() {
        let t = |s: Option<&str>, v: Option<&str>, u: Option<&str>| {
            target(s.map(Into::into), v.map(Into::into), u.map(Into::into))
        };
        assert_eq!(
            t(Some("≥"), Some("95"), Some("%")),
            Some(Target {
                sign: Some("≥".into()),
                value: "95 %".into()
            })
        );
        assert_eq!(t(None, Some("95"), Some("%")).unwrap().value, "95%");
        assert_eq!(t(None, Some("95%"), Some("%")).unwrap().value, "95%");
        assert_eq!(t(Some("≥"), None, Some("%")), None);
        assert_eq!(
            t(None, Some("定性 明显改善"), None)
                .unwrap()
                .sign
                .as_deref(),
            Some("定性")
        );
        assert_eq!(short("产出指标"), "产出");
        assert_eq!(short("指标"), "指标");
        assert_eq!(short("满意度"), "满意度");
        assert_eq!(
            sole_level2("满意度指标", "满意度指标").as_deref(),
            Some("服务对象满意度")
        );
        assert_eq!(sole_level2("产出指标", "产出指标"), None);
    }
}
