//! What every phase file of the catalogue uses: the short constructors of
//! texts and diagnostics, the span test that guards fixes, and the `explain`
//! entry with the `entries!` macro that lists a phase's entries.

use crate::diag::{Code, Diagnostic, Text};
use crate::source::Span;

pub(super) fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh, en)
}

pub(super) fn diag(code: Code, span: Span, message: Text) -> Diagnostic {
    Diagnostic::new(code, span, message)
}

/// True when `span` holds exactly `len` bytes: a constructor proposes a fix
/// only when the span it was given covers exactly the text the fix replaces
/// (a phase may fall back to a wider span, such as a whole token, when it
/// cannot place the problem exactly).
pub(super) fn spans_exactly(span: Span, len: usize) -> bool {
    span.end >= span.start && span.end - span.start == len
}

/// One entry of `jixiao explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub code: Code,
    /// Short title (Chinese, English).
    pub title: (&'static str, &'static str),
    /// Explanation (Chinese, English).
    pub explain: (&'static str, &'static str),
}

/// A phase's entries: `CODE, title zh, title en, explanation zh, explanation en;`.
macro_rules! entries {
    ($($code:ident, $tzh:literal, $ten:literal, $ezh:literal, $een:literal;)*) => {
        /// This phase's entries of `jixiao explain`.
        pub(super) const ENTRIES: &[$crate::diag::catalogue::common::Entry] = &[$(
            $crate::diag::catalogue::common::Entry {
                code: $crate::diag::Code::$code,
                title: ($tzh, $ten),
                explain: ($ezh, $een),
            },
        )*];
    };
}

// The phase files import the macro by path, as any other item.
pub(super) use entries;
