//! The diff as text for people: grouped by project, the project code and name on every
//! change line, ANSI colours on request, totals at the end.

use super::changes::{Change, SheetDiff};
use super::describe::{amount_change, describe, sign, Line, Style};
use super::messages as m;
use crate::diag::Lang;

/// The ANSI escape that paints a style.
fn ansi(style: Style) -> &'static str {
    match style {
        Style::Plain => "",
        Style::Added | Style::Ins | Style::Tightened => "\x1b[32m",
        Style::Removed | Style::Del | Style::Loosened => "\x1b[31m",
        Style::Changed => "\x1b[33m",
        Style::Bold => "\x1b[1m",
    }
}

/// Writes a line and a line break; an inline diff as `[-old-]{+new+}`, the markers kept
/// when painted.
fn write_line(l: &Line, out: &mut String, color: bool) {
    for (style, text) in &l.0 {
        let text = match style {
            Style::Del => format!("[-{}-]", visible(text)),
            Style::Ins => format!("{{+{}+}}", visible(text)),
            _ => visible(text),
        };
        if color && *style != Style::Plain {
            out.push_str(ansi(*style));
            out.push_str(&text);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(&text);
        }
    }
    out.push('\n');
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
    write_line(&l, out, color);
}

/// Renders the diff as text. `color` adds ANSI colours (green added, red removed, yellow
/// changed); texts are Chinese with `Lang::Zh`, English with `Lang::En`.
pub fn render_text(d: &SheetDiff, color: bool, lang: Lang) -> String {
    let mut out = String::new();
    let unit = d.new.unit.as_str();
    let title = m::title(
        lang,
        d.new.code.as_deref().unwrap_or(""),
        &d.new.name,
        d.old.year,
        d.new.year,
    );
    section(&mut out, &title, color);
    if d.is_empty() {
        out.push_str(m::NO_CHANGES.get(lang));
        out.push('\n');
        return out;
    }

    if !d.body.is_empty() {
        out.push('\n');
        let who = m::DEPARTMENT.get(lang);
        section(&mut out, who, color);
        for c in &d.body {
            change_line(&mut out, who, c, unit, lang, color);
        }
    }
    if !d.overall.is_empty() {
        out.push('\n');
        let who = m::PART_ONE.get(lang);
        section(&mut out, who, color);
        for c in &d.overall {
            change_line(&mut out, who, c, unit, lang, color);
        }
    }
    for p in &d.projects {
        out.push('\n');
        let status = m::status(p.status).get(lang);
        section(
            &mut out,
            &m::project_heading(lang, p.code.as_deref().unwrap_or(""), &p.name, status),
            color,
        );
        let who = match &p.code {
            Some(code) => format!("{code} {}", p.name),
            None => p.name.clone(),
        };
        for c in &p.changes {
            change_line(&mut out, &who, c, unit, lang, color);
        }
    }

    out.push('\n');
    let budget = amount_change(&d.totals.budget, unit, lang);
    section(&mut out, &m::totals(lang, &d.totals, &budget), color);
    out
}

/// A line in bold: a heading, or the totals.
fn section(out: &mut String, title: &str, color: bool) {
    let mut l = Line::default();
    l.push(Style::Bold, title);
    write_line(&l, out, color);
}
