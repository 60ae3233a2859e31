//! The diagnostic: one type for every phase, with its labels and fixes.

use super::code::{Code, Severity};
use super::text::Text;
use crate::source::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Text,
}

/// A machine-applicable edit proposed by a diagnostic: replace the text at
/// `span` with `replacement` (an empty span inserts, an empty replacement
/// deletes). The span is a byte range of [`SourceFile::text`], the text the
/// diagnostic's spans refer to (without a byte-order mark); applying the fix
/// there gives the text the diagnostic's help describes. A diagnostic
/// proposes a fix only when its help names the exact replacement of exactly
/// that text (a suggestion is a fix; “add a `}` somewhere” is not). Fixes of
/// different diagnostics may overlap (a control character inside a word that
/// lacks its quotes): apply a non-overlapping set, then check again.
///
/// [`SourceFile::text`]: crate::source::SourceFile::text
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    /// What the fix does, to offer it by name (“replace it with `,`”).
    pub message: Text,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, `E…` for errors and `W…` for warnings.
    pub code: Code,
    /// Always `code.severity()`.
    pub severity: Severity,
    pub message: Text,
    /// The primary span, underlined.
    pub span: Span,
    /// Text under the primary underline, if any.
    pub label: Option<Text>,
    /// Other places involved (the first definition of a duplicate, …).
    pub secondary: Vec<Label>,
    pub help: Option<Text>,
    /// Edits that correct the problem, in source order; usually none or one.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: Text) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message,
            span,
            label: None,
            secondary: Vec::new(),
            help: None,
            fixes: Vec::new(),
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
    /// Propose replacing the text at `span` with `replacement`.
    pub fn fix(mut self, span: Span, replacement: impl Into<String>, message: Text) -> Diagnostic {
        self.fixes.push(Fix {
            span,
            replacement: replacement.into(),
            message,
        });
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

/// How many diagnostics a phase keeps for one file. Past it, they are only
/// counted (and one diagnostic says how many were left out): a file of
/// millions of stray braces would otherwise take gigabytes. An editor and a
/// terminal show far fewer anyway.
pub const MAX_KEPT: usize = 10_000;

/// Keep at most [`MAX_KEPT`] diagnostics, adding the others to `dropped`;
/// an unclosed block (E003) is always kept, since the repair of a lost brace
/// looks for it.
pub fn keep_at_most(diags: &mut Vec<Diagnostic>, dropped: &mut usize) {
    if diags.len() <= MAX_KEPT {
        return;
    }
    let before = diags.len();
    let kept: Vec<Diagnostic> = diags
        .drain(MAX_KEPT..)
        .filter(|d| d.code == Code::E003)
        .collect();
    diags.extend(kept);
    *dropped += before - diags.len();
}
