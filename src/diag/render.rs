//! Rendering diagnostics: human (ariadne), short (one line each) and JSON.

use super::code::Severity;
use super::diagnostic::Diagnostic;
use super::text::Lang;
use crate::source::{SourceFile, Span};
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use std::borrow::Cow;

/// Control characters shown as their Unicode "control pictures" (␀, ␛ …),
/// one character for one, so that spans stay in place and a pasted escape
/// sequence cannot drive the user's terminal.
pub fn visible(text: &str) -> Cow<'_, str> {
    // Controls, and the bidirectional controls that would reorder what a
    // terminal shows (U+202E makes `exe.txt` read `txt.exe`).
    let hidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    };
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                _ if c < ' ' && hidden(c) => {
                    char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')
                }
                '\u{7f}' => '\u{2421}',
                _ if hidden(c) => '\u{FFFD}',
                _ => c,
            })
            .collect(),
    )
}

/// A line's text as the renderer shows it: `visible`, and the separators
/// ariadne would break lines at that are not line breaks here (U+2028,
/// U+2029) shown as U+FFFD, character for character.
fn visible_in_line(line: &str) -> String {
    visible(line).replace(['\u{2028}', '\u{2029}'], "\u{FFFD}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Always,
    Never,
}

/// A message for display: control characters made visible and line breaks
/// shown as ⏎, so that a diagnostic keeps to its line in every format.
/// A message quoting a huge token is cut in the middle.
pub fn message_text(text: &str) -> String {
    let one_line = visible(text)
        .replace("\r\n", "⏎")
        .replace(['\n', '\r'], "⏎");
    let n = one_line.chars().count();
    if n <= MAX_MESSAGE_CHARS {
        return one_line;
    }
    let head: String = one_line.chars().take(MAX_MESSAGE_CHARS - 60).collect();
    let tail: String = one_line.chars().skip(n - 40).collect();
    format!("{head}…{tail}")
}

const MAX_MESSAGE_CHARS: usize = 300;

/// Renders the diagnostics of one file. ariadne is given a sparse copy of
/// the file up to the last line a diagnostic points at, built once: every
/// line keeps its place (so line numbers and the gutter are right) but only
/// the lines the diagnostics point at keep their text. A 13 MB sheet is
/// then never copied or indexed character by character to print its 200
/// diagnostics.
pub struct HumanRenderer<'f> {
    file: &'f SourceFile,
    source: Source<String>,
    /// The lines kept, ascending: (line, characters of the kept lines
    /// before it, its own characters).
    kept: Vec<(usize, usize, usize)>,
    lang: Lang,
    color: ColorChoice,
}

impl<'f> HumanRenderer<'f> {
    /// A renderer for `diags` (and only them) of `file`.
    pub fn new(
        file: &'f SourceFile,
        diags: &[Diagnostic],
        lang: Lang,
        color: ColorChoice,
    ) -> HumanRenderer<'f> {
        // The line ranges the labels cover, merged: each line is taken once
        // however many labels cover it.
        let mut ranges: Vec<(usize, usize)> = diags
            .iter()
            .flat_map(|d| std::iter::once(d.span).chain(d.secondary.iter().map(|l| l.span)))
            .map(|s| {
                let first = file.line_of(file.clamp(s.start));
                (first, file.line_of(file.clamp(s.end.max(s.start))))
            })
            .collect();
        ranges.sort_unstable();
        let mut lines: Vec<usize> = Vec::new();
        for (first, last) in ranges {
            let from = lines.last().map_or(first, |&l| first.max(l + 1));
            lines.extend(from..=last);
        }
        let last = lines.last().copied().unwrap_or(0);
        let mut text = String::with_capacity(last + 64 * lines.len());
        let mut kept = Vec::with_capacity(lines.len());
        let (mut at, mut chars) = (0, 0);
        for &line in &lines {
            text.extend(std::iter::repeat_n('\n', line - at));
            at = line;
            let shown = visible_in_line(file.slice(file.line_span(line)));
            let n = shown.chars().count();
            kept.push((line, chars, n));
            chars += n;
            text.push_str(&shown);
        }
        // Nothing after the last kept line: ariadne indexes every line of
        // its copy, and a file of millions of short lines would cost
        // gigabytes for lines no label points at.
        let _ = at;
        HumanRenderer {
            file,
            source: Source::from(text),
            kept,
            lang,
            color,
        }
    }

    /// Character offset in the sparse copy of a byte offset of the file.
    fn char_offset(&self, offset: usize) -> usize {
        let file = self.file;
        let offset = file.clamp(offset);
        let line = file.line_of(offset);
        // One line break for each line before, the kept text before, and the
        // column on a kept line (at most its end: the line break).
        let (before, col) = match self.kept.binary_search_by_key(&line, |k| k.0) {
            Ok(i) => {
                let start = file.line_span(line).start;
                let col = file.text[start..offset].chars().count();
                (self.kept[i].1, col.min(self.kept[i].2))
            }
            Err(0) => (0, 0),
            Err(i) => (self.kept[i - 1].1 + self.kept[i - 1].2, 0),
        };
        line + before + col
    }

    /// Render one diagnostic as ariadne draws it, in character-index mode:
    /// byte spans are converted first, since byte mode misplaces carets on
    /// Han text.
    pub fn render(&self, diag: &Diagnostic) -> String {
        let (file, lang) = (self.file, self.lang);
        // ariadne prints whole lines: on a very long line (a minified or
        // damaged file) show a bounded excerpt instead.
        let spans = std::iter::once(diag.span).chain(diag.secondary.iter().map(|l| l.span));
        if spans.into_iter().any(|s| {
            let line = file.line_span(file.line_of(file.clamp(s.start)));
            line.end - line.start > MAX_LINE_BYTES
        }) {
            return self.render_excerpt(diag);
        }
        let name_shown = visible(&file.name);
        let name = name_shown.as_ref();
        let range = |s: Span| {
            let start = self.char_offset(s.start);
            let end = self.char_offset(s.end.max(s.start)).max(start);
            (name, start..end)
        };
        let main_color = match diag.severity {
            Severity::Error => Color::Red,
            Severity::Warning => Color::Yellow,
        };
        // The heading word in the language asked for (ariadne's own kinds
        // are English).
        let kind = ReportKind::Custom(severity_word(diag.severity, lang), main_color);
        let config = Config::default()
            .with_index_type(IndexType::Char)
            .with_color(self.color == ColorChoice::Always);
        let mut primary = Label::new(range(diag.span)).with_color(main_color);
        if let Some(text) = &diag.label {
            primary = primary.with_message(message_text(text.get(lang)));
        }
        let mut builder = Report::build(kind, range(diag.span))
            .with_config(config)
            .with_code(diag.code.as_str())
            .with_message(message_text(diag.message.get(lang)))
            .with_label(primary.with_order(0));
        for (i, l) in diag.secondary.iter().enumerate() {
            builder.add_label(
                Label::new(range(l.span))
                    .with_message(message_text(l.text.get(lang)))
                    .with_color(Color::Blue)
                    .with_order(i as i32 + 1),
            );
        }
        // ariadne writes `Help:` in English: the help is given as a marker,
        // and the word before it is put in the language asked for.
        if diag.help.is_some() {
            builder.set_help(HELP_MARKER);
        }
        let mut out = Vec::new();
        if builder
            .finish()
            .write((name, &self.source), &mut out)
            .is_err()
        {
            return render_short(diag, file, lang) + "\n";
        }
        let mut text = String::from_utf8_lossy(&out).into_owned();
        if self.color == ColorChoice::Never {
            // ariadne colours a custom kind even without colour.
            text = without_escapes(&text);
        }
        match &diag.help {
            Some(help) => with_help(&text, &message_text(help.get(lang)), lang),
            None => text,
        }
    }
}

/// Stands for the help text in what ariadne writes (a private-use
/// character, which no message holds: `visible` keeps it, but messages come
/// from the catalogue).
const HELP_MARKER: &str = "\u{F8FF}";

/// `text` with the marker replaced by `help`, and ariadne's `Help` before
/// it by the word in `lang`.
fn with_help(text: &str, help: &str, lang: Lang) -> String {
    let Some(at) = text.find(HELP_MARKER) else {
        return text.to_string();
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let before = match before.rfind("Help") {
        Some(i) => format!("{}{}{}", &before[..i], help_word(lang), &before[i + 4..]),
        None => before.to_string(),
    };
    format!(
        "{}{before}{help}{}",
        &text[..line_start],
        &text[at + HELP_MARKER.len()..]
    )
}

/// `text` without its ANSI escape sequences (`ESC [ … letter`). The text
/// of a file cannot hold one: `visible` shows ESC as ␛.
fn without_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The heading of a diagnostic: `错误`/`Error`, `警告`/`Warning`.
fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Error, Lang::En) => "Error",
        (Severity::Warning, Lang::En) => "Warning",
    }
}

fn help_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "提示",
        Lang::En => "Help",
    }
}

/// Lines longer than this are shown as an excerpt around the span.
const MAX_LINE_BYTES: usize = 2000;

impl HumanRenderer<'_> {
    fn render_excerpt(&self, diag: &Diagnostic) -> String {
        let (file, lang) = (self.file, self.lang);
        let kind = severity_word(diag.severity, lang);
        let mut out = format!(
            "[{}] {kind}: {}\n",
            diag.code,
            message_text(diag.message.get(lang))
        );
        let (line, col) = file.line_col(diag.span.start);
        out.push_str(&format!("   --> {}:{line}:{col}\n", visible(&file.name)));
        let excerpt = |s: Span| {
            let start = file.clamp(s.start);
            let end = file.clamp(s.end.max(s.start).min(start + 240));
            let line = file.line_span(file.line_of(start));
            let before: String = {
                let text = &file.text[line.start..start];
                let n = text.chars().count();
                text.chars().skip(n.saturating_sub(40)).collect()
            };
            let after: String = file.text[end..line.end.max(end)].chars().take(40).collect();
            let marked = &file.text[start..end];
            message_text(&format!("…{before}⟦{marked}⟧{after}…"))
        };
        out.push_str(&format!("    | {}\n", excerpt(diag.span)));
        if let Some(l) = &diag.label {
            out.push_str(&format!("    = {}\n", message_text(l.get(lang))));
        }
        for l in &diag.secondary {
            let (line, col) = file.line_col(l.span.start);
            out.push_str(&format!(
                "    = {}:{line}:{col}: {}\n",
                visible(&file.name),
                message_text(l.text.get(lang))
            ));
        }
        if let Some(h) = &diag.help {
            out.push_str(&format!(
                "    {}: {}\n",
                help_word(lang),
                message_text(h.get(lang))
            ));
        }
        out
    }
}

/// Render one diagnostic (builds the line index each call: for a few
/// diagnostics; use `HumanRenderer` for many).
pub fn render_human(
    diag: &Diagnostic,
    file: &SourceFile,
    lang: Lang,
    color: ColorChoice,
) -> String {
    HumanRenderer::new(file, std::slice::from_ref(diag), lang, color).render(diag)
}

/// `file:line:col: error[CODE]: message`
pub fn render_short(diag: &Diagnostic, file: &SourceFile, lang: Lang) -> String {
    let (line, col) = file.line_col(diag.span.start);
    let sev = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!(
        "{}:{}:{}: {}[{}]: {}",
        visible(&file.name),
        line,
        col,
        sev,
        diag.code,
        message_text(diag.message.get(lang))
    )
}

/// One JSON object per diagnostic, with positions as byte offsets and as
/// one-based line/column (columns in characters). A diagnostic with fixes
/// has a `fixes` list, each fix with its `span` (same form), `replacement`
/// (the exact text, not shortened or made visible) and `message`; without
/// fixes the key is absent.
pub fn render_json(diag: &Diagnostic, file: &SourceFile, lang: Lang) -> serde_json::Value {
    let pos = |s: Span| {
        let (line, column) = file.line_col(s.start);
        let (end_line, end_column) = file.line_col(s.end);
        serde_json::json!({
            "start": s.start, "end": s.end,
            "line": line, "column": column,
            "end_line": end_line, "end_column": end_column,
        })
    };
    let mut value = serde_json::json!({
        "file": file.name,
        "code": diag.code,
        "severity": diag.severity,
        "message": message_text(diag.message.get(lang)),
        "span": pos(diag.span),
        "label": diag.label.as_ref().map(|t| message_text(t.get(lang))),
        "secondary": diag.secondary.iter().map(|l| serde_json::json!({
            "span": pos(l.span),
            "message": message_text(l.text.get(lang)),
        })).collect::<Vec<_>>(),
        "help": diag.help.as_ref().map(|t| message_text(t.get(lang))),
    });
    if !diag.fixes.is_empty() {
        let fixes = diag
            .fixes
            .iter()
            .map(|f| {
                serde_json::json!({
                    "span": pos(f.span),
                    "replacement": f.replacement,
                    "message": message_text(f.message.get(lang)),
                })
            })
            .collect();
        if let Some(object) = value.as_object_mut() {
            object.insert("fixes".to_string(), serde_json::Value::Array(fixes));
        }
    }
    value
}
