//! The evaluation draft as `.jx` text, in the statements of
//! docs/evaluation.md §1: the header, then each project's execution, goals,
//! indicators (written as the sheet's writer writes them, with the
//! evaluation's statements in their block), total and texts. Notes are
//! `//` comments where they were found. The caller formats the result.

use super::draft::{Amounts, Cut, EvalDraft, EvalIndicator, Execution, Kind, Project};
use crate::diag::Lang;
use crate::import::write::{party, project_head, string, uses_2021_in, word_or_string, Writer};

/// Print the draft. `from` names the input in the first comment.
pub fn write(d: &EvalDraft, lang: Lang, from: &str) -> String {
    let mut w = Writer::new(lang);
    // A form quotes its sheet's targets: a unit the table does not know
    // is the published defect, reported as such (E603), not hidden in text.
    w.bare_unknown_units = true;
    w.declare_units(d.indicators());
    w.head(from, &d.head_notes);
    let kw = match d.kind {
        Kind::Evaluation => "evaluation",
        Kind::Monitoring => "monitoring",
    };
    let year = d.year.map(|y| format!(" {y}")).unwrap_or_default();
    w.line(0, &format!("{kw}{year} {{"));
    if let Some(m) = d.as_of {
        w.line(1, &format!("as-of {m}月"));
    }
    if let Some(t) = &d.title {
        w.line(1, &format!("title {}", string(t)));
    }
    if let Some(p) = &d.department {
        w.line(1, &format!("department {}", party(p)));
    }
    w.line(1, &format!("unit {}", d.unit.unwrap_or("万元")));
    if uses_2021_in(d.indicators()) {
        w.line(1, "framework 2021");
    }
    for (k, v) in &d.fields {
        w.line(1, &format!("field {} {}", string(k), string(v)));
    }
    w.line(0, "}");
    w.out.push('\n');
    for p in &d.projects {
        project(&mut w, lang, p);
    }
    w.out
}

/// The `truncated` text of an incomplete copy, in the comments' language.
fn cut_text(cut: Cut, lang: Lang) -> String {
    match (cut, lang) {
        (Cut::Head, Lang::Zh) => "导入时发现原文不全：表头（项目名称等）未存。".to_string(),
        (Cut::Head, Lang::En) => {
            "incomplete copy found on import: the table's head (the project's name …) is missing."
                .to_string()
        }
        (Cut::Row(n), Lang::Zh) => format!("导入时发现原文不全：表格在第{n}行中断。"),
        (Cut::Row(n), Lang::En) => {
            format!("incomplete copy found on import: the table is cut off in row {n}.")
        }
    }
}

fn project(w: &mut Writer, lang: Lang, p: &Project) {
    if p.whole {
        w.line(0, "overall {");
    } else {
        w.line(0, &project_head(p.code.as_deref(), p.name.as_deref()));
    }
    if let Some(s) = &p.supervisor {
        w.line(1, &format!("supervisor {}", party(s)));
    }
    if let Some(a) = &p.agency {
        w.line(1, &format!("agency {}", party(a)));
    }
    if let Some(c) = p.truncated {
        w.line(1, &format!("truncated {}", string(&cut_text(c, lang))));
    }
    for (goal, actual) in &p.goals {
        match actual {
            Some(a) => {
                w.line(1, &format!("goal {} {{", string(goal)));
                w.text_stmt(2, "actual", a);
                w.line(1, "}");
            }
            None => w.text_stmt(1, "goal", goal),
        }
    }
    if let Some(o) = &p.overview {
        w.text_stmt(1, "overview", o);
    }
    for (item, points) in &p.scores {
        w.line(1, &format!("score {} {points}", word_or_string(item)));
    }
    if let Some(x) = &p.execution {
        execution(w, x);
    }
    for i in &p.indicators {
        indicator(w, i);
    }
    if let Some((weight, points)) = &p.total {
        w.line(1, "total {");
        if let Some(x) = weight {
            w.line(2, &format!("weight {x}"));
        }
        if let Some(x) = points {
            w.line(2, &format!("points {x}"));
        }
        w.line(1, "}");
    }
    for (kw, text) in [
        ("conclusion", &p.conclusion),
        ("problem", &p.problem),
        ("improvement", &p.improvement),
    ] {
        if let Some(t) = text {
            w.text_stmt(1, kw, t);
        }
    }
    for (k, v) in &p.fields {
        w.line(1, &format!("field {} {}", string(k), string(v)));
    }
    for n in &p.notes {
        w.note(n, 1);
    }
    w.line(0, "}");
    w.out.push('\n');
}

fn amounts(w: &mut Writer, depth: usize, a: &Amounts) {
    for (kw, v) in [
        ("initial", &a.initial),
        ("adjusted", &a.adjusted),
        ("spent", &a.spent),
        ("expected", &a.expected),
        ("rate", &a.rate),
    ] {
        if let Some(v) = v {
            w.line(depth, &format!("{kw} {v}"));
        }
    }
}

fn execution(w: &mut Writer, x: &Execution) {
    w.line(1, "execution {");
    amounts(w, 2, &x.total);
    if let Some(v) = &x.weight {
        w.line(2, &format!("weight {v}"));
    }
    if let Some(v) = &x.points {
        w.line(2, &format!("points {v}"));
    }
    if let Some(r) = &x.reason {
        w.text_stmt(2, "reason", r);
    }
    for (name, a) in &x.sources {
        w.line(2, &format!("source {} {{", string(name)));
        amounts(w, 3, a);
        w.line(2, "}");
    }
    w.line(1, "}");
}

fn indicator(w: &mut Writer, i: &EvalIndicator) {
    let mut more = Vec::new();
    if let Some(a) = &i.actual {
        more.push(format!("actual {}", word_or_string(a)));
    }
    if let Some(x) = &i.expected {
        more.push(format!("expected {}", string(x)));
    }
    if let Some(x) = &i.likelihood {
        more.push(format!("likelihood {}", word_or_string(x)));
    }
    if !i.causes.is_empty() {
        let words: Vec<String> = i.causes.iter().map(|c| word_or_string(c)).collect();
        more.push(format!("cause {}", words.join(", ")));
    }
    if let Some(x) = &i.points {
        more.push(format!("points {}", word_or_string(x)));
    }
    if let Some(x) = &i.deduction {
        more.push(format!("deduction {}", word_or_string(x)));
    }
    if let Some(x) = &i.note {
        more.push(format!("note {}", string(x)));
    }
    if let Some(x) = &i.reason {
        more.push(format!("reason {}", string(x)));
    }
    w.indicator_with(1, &i.base, more);
}
