//! The diff as text for people: grouped by project, the project code and name on every
//! change line, ANSI colours on request, totals at the end.

use super::*;
use crate::diag::Lang;

/// How a piece of a line is painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Added,
    Removed,
    Changed,
    Bold,
    /// Deleted text of an inline diff.
    Del,
    /// Inserted text of an inline diff.
    Ins,
    Tightened,
    Loosened,
}

impl Style {
    fn ansi(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Added | Style::Ins | Style::Tightened => "\x1b[32m",
            Style::Removed | Style::Del | Style::Loosened => "\x1b[31m",
            Style::Changed => "\x1b[33m",
            Style::Bold => "\x1b[1m",
        }
    }
}

/// A line under construction: styled pieces of text.
#[derive(Default)]
pub(super) struct Line(pub(super) Vec<(Style, String)>);

impl Line {
    fn push(&mut self, style: Style, text: impl Into<String>) -> &mut Line {
        self.0.push((style, text.into()));
        self
    }
    fn plain(&mut self, text: impl Into<String>) -> &mut Line {
        self.push(Style::Plain, text)
    }
    /// An inline character diff: `[-old-]{+new+}`, the markers kept when painted.
    fn inline(&mut self, edit: &TextEdit) -> &mut Line {
        for seg in edit.segments() {
            match seg {
                Segment::Equal(t) => self.plain(t),
                Segment::Delete(t) => self.push(Style::Del, t),
                Segment::Insert(t) => self.push(Style::Ins, t),
            };
        }
        self
    }
    fn write(&self, out: &mut String, color: bool) {
        for (style, text) in &self.0 {
            let text = match style {
                Style::Del => format!("[-{}-]", visible(text)),
                Style::Ins => format!("{{+{}+}}", visible(text)),
                _ => visible(text),
            };
            if color && *style != Style::Plain {
                out.push_str(style.ansi());
                out.push_str(&text);
                out.push_str("\x1b[0m");
            } else {
                out.push_str(&text);
            }
        }
        out.push('\n');
    }
}

/// Control characters as visible symbols (a newline as ⏎), so that a sheet cannot drive
/// the terminal and every change stays on one line.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\t' => '⇥',
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
            '\u{7f}' => '\u{2421}',
            c if ('\u{80}'..='\u{9f}').contains(&c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Picks the text for the language.
fn t<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn signed(d: &Amount) -> String {
    if d.0.is_sign_negative() && !d.0.is_zero() {
        d.0.to_string()
    } else {
        format!("+{}", d.0)
    }
}

/// `78.00 → 80.00 万元（+2.00，+2.56%）`
fn amount_change(c: &AmountChange, unit: &str, lang: Lang) -> String {
    let rel = match &c.relative {
        Some(r) => format!("{}{}%", t(lang, "，", ", "), signed(r)),
        None => String::new(),
    };
    let (open, close) = match lang {
        Lang::Zh => ("（", "）"),
        Lang::En => (" (", ")"),
    };
    format!(
        "{} → {} {}{}{}{}{}",
        c.old,
        c.new,
        unit,
        open,
        signed(&c.delta),
        rel,
        close
    )
}

fn cat(level1: &str, level2: &str) -> String {
    format!("{level1}/{level2}")
}

fn ind(r: &IndicatorRef) -> String {
    format!("{} 「{}」", cat(&r.level1, &r.level2), r.name)
}

fn field_label(field: &str, lang: Lang) -> &'static str {
    match (field, lang) {
        ("code", Lang::Zh) => "部门编码",
        ("code", Lang::En) => "code",
        ("name", Lang::Zh) => "部门名称",
        ("name", Lang::En) => "name",
        ("year", Lang::Zh) => "年度",
        ("year", Lang::En) => "year",
        ("unit", Lang::Zh) => "金额单位",
        ("unit", Lang::En) => "money unit",
        ("framework", Lang::Zh) => "指标体系",
        ("framework", Lang::En) => "framework",
        ("basis", Lang::Zh) => "指标值确定依据",
        ("basis", Lang::En) => "basis",
        ("weight", Lang::Zh) => "权重",
        ("weight", Lang::En) => "weight",
        ("last", Lang::Zh) => "上年实际值",
        ("last", Lang::En) => "last year's value",
        ("explain", Lang::Zh) => "指标解释",
        ("explain", Lang::En) => "explanation",
        ("scoring", Lang::Zh) => "评分标准",
        ("scoring", Lang::En) => "scoring",
        ("core", Lang::Zh) => "核心指标",
        ("core", Lang::En) => "core indicator",
        (_, _) => "?",
    }
}

pub(super) fn class_label(c: TargetClass, lang: Lang) -> &'static str {
    match c {
        TargetClass::Tightened => t(lang, "目标收紧", "target tightened"),
        TargetClass::Loosened => t(lang, "目标放宽", "target loosened"),
        TargetClass::Changed => t(lang, "目标变更", "target changed"),
        TargetClass::KindChanged => t(lang, "目标类型变更", "target kind changed"),
    }
}

fn kind_name(t: &Target) -> String {
    serde_json::to_value(t.kind())
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn opt_text(s: &Option<String>, lang: Lang) -> String {
    match s {
        Some(s) if s == "true" => t(lang, "是", "yes").to_string(),
        Some(s) if s == "false" => t(lang, "否", "no").to_string(),
        Some(s) => s.clone(),
        None => t(lang, "（无）", "(none)").to_string(),
    }
}

/// Whether a change adds, removes or changes something.
pub(super) fn sign(c: &Change) -> char {
    use Change::*;
    match c {
        UnitAdded { .. }
        | ObjectiveAdded(_)
        | MeasureAdded(_)
        | ProjectAdded { .. }
        | SourceAdded { .. }
        | PlanAdded { .. }
        | GoalAdded(_)
        | PeriodGoalAdded(_)
        | IndicatorAdded { .. } => '+',
        UnitRemoved { .. }
        | ObjectiveRemoved(_)
        | MeasureRemoved(_)
        | ProjectRemoved { .. }
        | SourceRemoved { .. }
        | PlanRemoved { .. }
        | GoalRemoved(_)
        | PeriodGoalRemoved(_)
        | IndicatorRemoved { .. } => '-',
        _ => '~',
    }
}

/// Appends the description of one change to `l`.
pub(super) fn describe(c: &Change, unit: &str, lang: Lang, l: &mut Line) {
    use Change::*;
    let colon = t(lang, "：", ": ");
    let months = |m: u32| match lang {
        Lang::Zh => format!("{m}月"),
        Lang::En => format!("month {m}"),
    };
    match c {
        DepartmentChanged { field, old, new } => {
            l.plain(format!("{}{colon}{old} → {new}", field_label(field, lang)));
        }
        UnitAdded { name, dimension } => {
            l.plain(format!(
                "{}{colon}{name} ({dimension})",
                t(lang, "新增自定义单位", "unit defined")
            ));
        }
        UnitRemoved { name, dimension } => {
            l.plain(format!(
                "{}{colon}{name} ({dimension})",
                t(lang, "删除自定义单位", "unit definition removed")
            ));
        }
        UnitChanged { name, old, new } => {
            l.plain(format!(
                "{} {name}{colon}{old} → {new}",
                t(lang, "自定义单位量纲变更", "unit dimension changed")
            ));
        }
        SummaryEdited(e) => {
            l.plain(format!(
                "{}{colon}",
                t(lang, "总体目标修改", "summary edited")
            ))
            .inline(e);
        }
        ObjectiveAdded(o) | ObjectiveRemoved(o) => {
            let what = if matches!(c, ObjectiveAdded(_)) {
                t(lang, "新增分项目标", "objective added")
            } else {
                t(lang, "删除分项目标", "objective removed")
            };
            l.plain(format!(
                "{what} {}「{}」{colon}{}",
                o.index, o.title, o.text
            ));
        }
        ObjectiveEdited {
            old_index,
            new_index,
            title,
            text,
        } => {
            l.plain(format!(
                "{} {}{colon}「",
                t(lang, "分项目标修改", "objective edited"),
                index_pair(*old_index, *new_index)
            ))
            .inline(title)
            .plain("」");
            if text.old != text.new {
                l.plain(colon).inline(text);
            }
        }
        MeasureAdded(i) => list_item(l, t(lang, "新增保障措施", "measure added"), i, colon),
        MeasureRemoved(i) => list_item(l, t(lang, "删除保障措施", "measure removed"), i, colon),
        MeasureEdited(e) => list_edit(l, t(lang, "保障措施修改", "measure edited"), e, colon),
        ProjectAdded {
            budget,
            goals,
            indicators,
        }
        | ProjectRemoved {
            budget,
            goals,
            indicators,
        } => {
            let what = if matches!(c, ProjectAdded { .. }) {
                t(lang, "新增项目", "project added")
            } else {
                t(lang, "删除项目", "project removed")
            };
            l.plain(match lang {
                Lang::Zh => format!(
                    "{what}{colon}预算数 {budget} {unit}，绩效目标 {goals} 条，指标 {indicators} 个"
                ),
                Lang::En => format!(
                    "{what}{colon}budget {budget} {unit}, {goals} goals, {indicators} indicators"
                ),
            });
        }
        ProjectRenamed(e) => {
            l.plain(format!(
                "{}{colon}{} → {}",
                t(lang, "项目更名", "project renamed"),
                e.old.as_deref().unwrap_or(""),
                e.new.as_deref().unwrap_or("")
            ));
        }
        CodeChanged { old, new } => {
            l.plain(format!(
                "{}{colon}{old} → {new}{}",
                t(lang, "项目编码变更", "project code changed"),
                t(lang, "（按项目名称匹配）", " (matched by name)")
            ));
        }
        AgencyChanged(e) => {
            l.plain(format!(
                "{}{colon}",
                t(lang, "实施单位变更", "agency changed")
            ))
            .inline(e);
        }
        BudgetChanged(a) => {
            l.plain(format!(
                "{}{colon}{}",
                t(lang, "预算数", "budget"),
                amount_change(a, unit, lang)
            ));
        }
        SourceAdded { source, amount } => {
            l.plain(format!(
                "{} {source}{colon}{amount} {unit}",
                t(lang, "新增资金来源", "fund source added")
            ));
        }
        SourceRemoved { source, amount } => {
            l.plain(format!(
                "{} {source}{colon}{amount} {unit}",
                t(lang, "删除资金来源", "fund source removed")
            ));
        }
        SourceChanged { source, amount } => {
            l.plain(format!(
                "{} {source}{colon}{}",
                t(lang, "资金来源", "fund source"),
                amount_change(amount, unit, lang)
            ));
        }
        PurposeEdited(e) => {
            l.plain(format!(
                "{}{colon}",
                t(lang, "资金用途修改", "purpose edited")
            ))
            .inline(e);
        }
        PlanAdded { month, percent } => {
            l.plain(format!(
                "{}{colon}{} {percent}%",
                t(lang, "支出计划新增节点", "plan checkpoint added"),
                months(*month)
            ));
        }
        PlanRemoved { month, percent } => {
            l.plain(format!(
                "{}{colon}{} {percent}%",
                t(lang, "支出计划删除节点", "plan checkpoint removed"),
                months(*month)
            ));
        }
        PlanChanged { month, old, new } => {
            l.plain(format!(
                "{} {}{colon}{old}% → {new}%",
                t(lang, "支出计划", "plan"),
                months(*month)
            ));
        }
        GoalAdded(i) => list_item(l, t(lang, "新增绩效目标", "goal added"), i, colon),
        GoalRemoved(i) => list_item(l, t(lang, "删除绩效目标", "goal removed"), i, colon),
        GoalEdited(e) => list_edit(l, t(lang, "绩效目标修改", "goal edited"), e, colon),
        PeriodEdited(e) => {
            l.plain(format!("{}{colon}", t(lang, "实施期修改", "period edited")))
                .inline(e);
        }
        PeriodGoalAdded(i) => {
            list_item(l, t(lang, "新增实施期目标", "period goal added"), i, colon)
        }
        PeriodGoalRemoved(i) => list_item(
            l,
            t(lang, "删除实施期目标", "period goal removed"),
            i,
            colon,
        ),
        PeriodGoalEdited(e) => {
            list_edit(l, t(lang, "实施期目标修改", "period goal edited"), e, colon)
        }
        IndicatorAdded { indicator, target } | IndicatorRemoved { indicator, target } => {
            let label = if matches!(c, IndicatorAdded { .. }) {
                t(lang, "新增指标", "indicator added")
            } else {
                t(lang, "删除指标", "indicator removed")
            };
            l.plain(format!("{label}{colon}{} {}", ind(indicator), target.text));
        }
        IndicatorMoved { indicator, from } => {
            l.plain(format!(
                "{}{colon}「{}」 {} → {}",
                t(lang, "指标移动", "indicator moved"),
                indicator.name,
                cat(&from.level1, &from.level2),
                cat(&indicator.level1, &indicator.level2)
            ));
        }
        IndicatorRenamed { indicator, name } => {
            l.plain(format!(
                "{}{colon}{} 「{}」 → 「{}」",
                t(lang, "指标更名", "indicator renamed"),
                cat(&indicator.level1, &indicator.level2),
                name.old.as_deref().unwrap_or(""),
                name.new.as_deref().unwrap_or("")
            ));
        }
        DescriptionEdited {
            indicator,
            description,
        } => {
            l.plain(format!(
                "{} {}{colon}",
                t(lang, "指标描述修改", "description edited"),
                ind(indicator)
            ))
            .inline(description);
        }
        TargetChanged {
            indicator,
            class,
            old,
            new,
        } => {
            let style = match class {
                TargetClass::Tightened => Style::Tightened,
                TargetClass::Loosened => Style::Loosened,
                _ => Style::Changed,
            };
            l.push(style, class_label(*class, lang));
            l.plain(format!(
                " {}{colon}{} → {}",
                ind(indicator),
                old.text,
                new.text
            ));
            if *class == TargetClass::KindChanged {
                l.plain(format!(" ({} → {})", kind_name(old), kind_name(new)));
            }
        }
        IndicatorFieldChanged {
            indicator,
            field,
            old,
            new,
        } => {
            l.plain(format!(
                "{} {}{colon}{} → {}",
                field_label(field, lang),
                ind(indicator),
                opt_text(old, lang),
                opt_text(new, lang)
            ));
        }
    }
}

fn index_pair(old: usize, new: usize) -> String {
    if old == new {
        old.to_string()
    } else {
        format!("{old}→{new}")
    }
}

fn list_item(l: &mut Line, what: &str, i: &Item, colon: &str) {
    l.plain(format!("{what} {}{colon}{}", i.index, i.text));
}

fn list_edit(l: &mut Line, what: &str, e: &ItemEdit, colon: &str) {
    l.plain(format!(
        "{what} {}{colon}",
        index_pair(e.old_index, e.new_index)
    ))
    .inline(&e.edit);
}

fn change_line(out: &mut String, who: &str, c: &Change, unit: &str, lang: Lang, color: bool) {
    let s = sign(c);
    let style = match s {
        '+' => Style::Added,
        '-' => Style::Removed,
        _ => Style::Changed,
    };
    let mut l = Line::default();
    l.plain("  ").push(style, s.to_string()).plain(" ");
    l.plain("[").push(Style::Bold, who).plain("] ");
    let mut body = Line::default();
    describe(c, unit, lang, &mut body);
    // Whole-line colour for additions and removals; changed lines colour their edits.
    for (st, text) in body.0 {
        let st = if st == Style::Plain && s != '~' {
            style
        } else {
            st
        };
        l.push(st, text);
    }
    l.write(out, color);
}

/// Renders the diff as text. `color` adds ANSI colours (green added, red removed, yellow
/// changed); texts are Chinese with `Lang::Zh`, English with `Lang::En`.
pub fn render_text(d: &SheetDiff, color: bool, lang: Lang) -> String {
    let mut out = String::new();
    let unit = d.new.unit.as_str();
    let mut head = Line::default();
    head.push(
        Style::Bold,
        match lang {
            Lang::Zh => format!(
                "绩效目标对比 {} {}：{}年 → {}年",
                d.new.code, d.new.name, d.old.year, d.new.year
            ),
            Lang::En => format!(
                "jixiao diff {} {}: {} → {}",
                d.new.code, d.new.name, d.old.year, d.new.year
            ),
        },
    );
    head.write(&mut out, color);
    if d.is_empty() {
        out.push_str(t(
            lang,
            "无变化：两份绩效目标表含义相同。\n",
            "No changes: the two sheets mean the same.\n",
        ));
        return out;
    }

    if !d.body.is_empty() {
        out.push('\n');
        let who = t(lang, "部门", "department");
        section(&mut out, who, color);
        for c in &d.body {
            change_line(&mut out, who, c, unit, lang, color);
        }
    }
    if !d.overall.is_empty() {
        out.push('\n');
        let who = t(lang, "第一部分", "part 1");
        section(&mut out, who, color);
        for c in &d.overall {
            change_line(&mut out, who, c, unit, lang, color);
        }
    }
    for p in &d.projects {
        out.push('\n');
        let status = match (p.status, lang) {
            (ProjectStatus::Added, Lang::Zh) => "新增",
            (ProjectStatus::Added, Lang::En) => "added",
            (ProjectStatus::Removed, Lang::Zh) => "删除",
            (ProjectStatus::Removed, Lang::En) => "removed",
            (ProjectStatus::Changed, Lang::Zh) => "变更",
            (ProjectStatus::Changed, Lang::En) => "changed",
        };
        let title = match lang {
            Lang::Zh => format!("项目 {} {}（{status}）", p.code, p.name),
            Lang::En => format!("project {} {} ({status})", p.code, p.name),
        };
        section(&mut out, &title, color);
        let who = format!("{} {}", p.code, p.name);
        for c in &p.changes {
            change_line(&mut out, &who, c, unit, lang, color);
        }
    }

    let tt = &d.totals;
    let c = &tt.counts;
    out.push('\n');
    let mut l = Line::default();
    l.push(
        Style::Bold,
        match lang {
            Lang::Zh => format!(
                "合计：项目新增 {} 个，删除 {} 个，变更 {} 个，未变 {} 个；预算总额 {}；指标新增 {} 个，删除 {} 个；目标收紧 {} 个，放宽 {} 个，变更 {} 个，类型变更 {} 个；共 {} 处变化。",
                tt.projects_added,
                tt.projects_removed,
                tt.projects_changed,
                tt.projects_unchanged,
                amount_change(&tt.budget, unit, lang),
                c.indicators_added,
                c.indicators_removed,
                c.targets_tightened,
                c.targets_loosened,
                c.targets_changed,
                c.targets_kind_changed,
                c.changes
            ),
            Lang::En => format!(
                "Totals: projects {} added, {} removed, {} changed, {} unchanged; budget {}; indicators {} added, {} removed; targets {} tightened, {} loosened, {} changed, {} kind-changed; {} changes.",
                tt.projects_added,
                tt.projects_removed,
                tt.projects_changed,
                tt.projects_unchanged,
                amount_change(&tt.budget, unit, lang),
                c.indicators_added,
                c.indicators_removed,
                c.targets_tightened,
                c.targets_loosened,
                c.targets_changed,
                c.targets_kind_changed,
                c.changes
            ),
        },
    );
    l.write(&mut out, color);
    out
}

fn section(out: &mut String, title: &str, color: bool) {
    let mut l = Line::default();
    l.push(Style::Bold, title);
    l.write(out, color);
}
