//! Import: an existing sheet in Word (.docx), Excel (.xlsx) or HTML to
//! `.jx` text; a self-evaluation or monitoring form (`eval`, and the
//! evaluation workbook in `columns`) to an `evaluation` / `monitoring`
//! document.
//!
//! Three steps, one file each: the readers (`docx`, `xlsx`, `html`) turn
//! the input into the common `grid` (tables with merged cells resolved, and
//! the paragraphs between them); the recognizer (`form`, with its label
//! vocabulary in `labels` and its readers of amounts, targets and texts in
//! `values`) reads the 绩效目标表 from the grid by its labels into a `draft`;
//! the writer (`write`) prints the draft as `.jx` in the canonical layout.
//! Whatever the recognizer cannot place is kept: a `//` comment in the sheet
//! where it was found, and a `Note` in the report.
//!
//! This module sits above the model: it may read the vocabulary, the
//! target reader, the syntax and the formatter; nothing imports it.

mod budget;
mod columns;
mod docx;
mod draft;
mod error;
mod eval;
mod form;
pub mod grid;
mod html;
mod indicators;
mod labels;
mod numfmt;
mod parts;
mod values;
mod write;
mod xlsx;

use crate::diag::Lang;
pub use draft::{Note, Why};
pub use error::ImportError;
use grid::Grid;
pub use write::place;

/// The kinds of file `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
    Html,
}

/// A sheet imported: its `.jx` text in the canonical layout, and what
/// could not be placed (each also a comment in the text).
#[derive(Clone, Debug)]
pub struct Imported {
    pub text: String,
    pub notes: Vec<Note>,
    /// How many projects and indicators were read.
    pub projects: usize,
    pub indicators: usize,
}

impl Imported {
    /// The report line of each note: where, the text, and why.
    pub fn report(&self, lang: Lang) -> Vec<String> {
        self.notes.iter().map(|n| note_line(n, lang)).collect()
    }
}

/// One line of the report: `表2 第5行 第1列：“…”——未识别的行`.
pub fn note_line(n: &Note, lang: Lang) -> String {
    let place = n.origin.as_ref().map(|o| write::place(o, lang));
    let why = n.why.text(lang);
    let text = n.text.replace(['\n', '\r'], "⏎");
    match (lang, place, text.is_empty()) {
        (Lang::Zh, Some(p), false) => format!("{p}：“{text}”——{why}"),
        (Lang::Zh, Some(p), true) => format!("{p}：{why}"),
        (Lang::Zh, None, false) => format!("“{text}”——{why}"),
        (Lang::En, Some(p), false) => format!("{p}: \"{text}\" — {why}"),
        (Lang::En, Some(p), true) => format!("{p}: {why}"),
        (Lang::En, None, false) => format!("\"{text}\" — {why}"),
        (_, None, true) => why.to_string(),
    }
}

/// Import a file's bytes: `name` (its file name, may be empty) helps tell
/// the format and names the input in the sheet's first comment; `lang` is
/// the language of the comments.
pub fn import(name: &str, bytes: &[u8], lang: Lang) -> Result<Imported, ImportError> {
    let format = detect(name, bytes)?;
    let grid = read_grid(bytes, format)?;
    Ok(import_grid(&grid, name, lang))
}

/// Import a grid already read.
pub fn import_grid(grid: &Grid, name: &str, lang: Lang) -> Imported {
    if let Some(draft) = columns::recognise_form(grid) {
        return import_form(draft, name, lang);
    }
    if eval::is_form(grid) {
        return import_form(eval::recognise(grid), name, lang);
    }
    let draft = columns::recognise(grid).unwrap_or_else(|| form::recognise(grid));
    let raw = write::write(&draft, lang, name);
    // The writer's text always parses; were it not to, it is kept as is.
    let text = crate::fmt::format(&raw, &crate::fmt::Options::default()).unwrap_or(raw);
    let indicators = draft
        .projects
        .iter()
        .map(|p| p.indicators.len() + p.period.as_ref().map_or(0, |x| x.indicators.len()))
        .sum::<usize>()
        + draft.overall.indicators.len();
    Imported {
        text,
        notes: draft.notes().into_iter().cloned().collect(),
        projects: draft.projects.len(),
        indicators,
    }
}

/// Import a self-evaluation or monitoring form.
fn import_form(draft: eval::draft::EvalDraft, name: &str, lang: Lang) -> Imported {
    let raw = eval::write::write(&draft, lang, name);
    let text = crate::fmt::format(&raw, &crate::fmt::Options::default()).unwrap_or(raw);
    Imported {
        text,
        notes: draft.notes().into_iter().cloned().collect(),
        projects: draft.projects.len(),
        indicators: draft.indicators().count(),
    }
}

/// What kind of file `bytes` is, by its content first and its name's
/// extension second (`name` may be empty).
pub fn detect(name: &str, bytes: &[u8]) -> Result<Format, ImportError> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        return Err(if matches!(ext.as_str(), "xls" | "et" | "xlt") {
            ImportError::OldExcel
        } else {
            ImportError::OldWord
        });
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(ImportError::OldWord);
    }
    if bytes.starts_with(b"PK") {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| ImportError::Damaged(e.to_string()))?;
        let has = |n: &str| zip.index_for_name(n).is_some();
        if has("word/document.xml") {
            return Ok(Format::Docx);
        }
        if has("xl/workbook.xml") {
            return Ok(Format::Xlsx);
        }
        return Err(match ext.as_str() {
            "docx" | "xlsx" => ImportError::Damaged(format!("no document in this .{ext}")),
            _ => ImportError::UnknownFormat,
        });
    }
    if matches!(ext.as_str(), "docx" | "xlsx") {
        return Err(ImportError::Damaged(format!(
            "this .{ext} is not a zip archive"
        )));
    }
    if matches!(ext.as_str(), "doc" | "wps" | "rtf") {
        return Err(ImportError::OldWord);
    }
    if matches!(ext.as_str(), "xls" | "et") {
        return Err(ImportError::OldExcel);
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") || looks_like_html(bytes) {
        return Ok(Format::Html);
    }
    Err(ImportError::UnknownFormat)
}

/// Markup near the start: `<html`, `<!doctype`, `<table`, `<meta`, `<p`.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: String = bytes[..bytes.len().min(4096)]
        .iter()
        .map(|b| b.to_ascii_lowercase() as char)
        .collect();
    [
        "<html",
        "<!doctype html",
        "<table",
        "<meta",
        "<body",
        "<p>",
        "<div",
    ]
    .iter()
    .any(|t| head.contains(t))
}

use parts::MAX_PART;

/// Read a file of a known format into the grid.
pub fn read_grid(bytes: &[u8], format: Format) -> Result<Grid, ImportError> {
    if bytes.len() > MAX_PART {
        return Err(ImportError::TooLarge {
            len: bytes.len() as u64,
            max: MAX_PART,
        });
    }
    match format {
        Format::Html => Ok(html::read(bytes)),
        Format::Xlsx => xlsx::read(bytes),
        Format::Docx => {
            let xml = parts::zip_part(bytes, "word/document.xml")?;
            docx::read(&xml)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Lang;

    #[test]
    fn formats_by_content_then_name() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(detect("a.doc", &ole), Err(ImportError::OldWord));
        assert_eq!(detect("a.xls", &ole), Err(ImportError::OldExcel));
        assert_eq!(detect("a.doc", b"whatever"), Err(ImportError::OldWord));
        assert_eq!(detect("x", b"<!DOCTYPE html><p>"), Ok(Format::Html));
        assert_eq!(detect("x.htm", b"plain"), Ok(Format::Html));
        assert_eq!(detect("x.txt", b"plain"), Err(ImportError::UnknownFormat));
        assert!(matches!(
            detect("x.docx", b"PK\x03\x04garbage"),
            Err(ImportError::Damaged(_))
        ));
        assert!(matches!(
            detect("x.docx", b"plain"),
            Err(ImportError::Damaged(_))
        ));
        for e in [ImportError::OldWord, ImportError::OldExcel] {
            assert!(e
                .message(Lang::En)
                .contains("soffice --headless --convert-to"));
            assert!(e.message(Lang::Zh).contains("LibreOffice"));
        }
    }
}
