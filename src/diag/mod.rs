//! Diagnostics: one type for every phase, rendered with ariadne for people and
//! as JSON for machines. Every user-facing text comes from `catalogue`.

pub mod catalogue;
mod render;

pub use render::{render_human, render_json, render_short, ColorChoice, HumanRenderer, Lang};

use crate::source::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A text in both languages the tool speaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, `E…` for errors and `W…` for warnings.
    pub code: &'static str,
    pub severity: Severity,
    pub message: Text,
    /// The primary span, underlined.
    pub span: Span,
    /// Text under the primary underline, if any.
    pub label: Option<Text>,
    /// Other places involved (the first definition of a duplicate, …).
    pub secondary: Vec<Label>,
    pub help: Option<Text>,
}

impl Diagnostic {
    pub fn new(code: &'static str, span: Span, message: Text) -> Diagnostic {
        let severity = if code.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        Diagnostic {
            code,
            severity,
            message,
            span,
            label: None,
            secondary: Vec::new(),
            help: None,
        }
    }
    pub fn label(mut self, text: Text) -> Diagnostic {
        self.label = Some(text);
        self
    }
    pub fn secondary(mut self, span: Span, text: Text) -> Diagnostic {
        self.secondary.push(Label { span, text });
        self
    }
    pub fn help(mut self, text: Text) -> Diagnostic {
        self.help = Some(text);
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort diagnostics by position so output follows the file; stable for equal spans.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| (d.span.start, d.span.end));
}
