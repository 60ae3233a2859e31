//! Semantic diff of two checked sheets: what changed from one year to the next.
//!
//! The diff works on the model, never on the text, so layout and comments do not count.
//! Projects are matched by code, then by name (a changed code); indicators by
//! (level 1, level 2, name), then by name across categories (moved), then by position
//! within the same level 2 (renamed). Amounts are exact decimals throughout.
//!
//! [`diff`] builds a [`SheetDiff`]; [`render_text`], [`render_json`] and [`render_html`]
//! print it. The JSON contract (`jixiao-diff/1`) is documented in `docs/diff.md`.
//!
//! Files, each depending only on the ones listed before it: `text` (character diff),
//! `target` (target classes), `changes` (the data), `compare` (building it), `messages`
//! (every text shown to people, in Chinese and English), `describe` (one change as a
//! styled line), then the renderers `textual` and `html`; `attainment` (a sheet against
//! its self-evaluation: which targets were met) stands apart. This file only declares and
//! re-exports them, and holds the JSON rendering.

mod attainment;
mod changes;
mod compare;
mod describe;
mod html;
mod messages;
mod target;
mod text;
mod textual;

pub use attainment::{
    attainment, render_attainment_html, render_attainment_json, render_attainment_text, Attainment,
    Counts, IndicatorAttainment, ProjectAttainment, Status, ATTAINMENT_FORMAT,
};
pub use changes::{
    Amount, AmountChange, Category, Change, ChangeCounts, DiffTotals, IndicatorRef, Item, ItemEdit,
    MatchedBy, ObjectiveItem, ProjectBudget, ProjectDiff, ProjectStatus, SheetDiff, SheetRef,
    TextEdit, FORMAT,
};
pub use compare::{diff, empty_like};
pub use html::render_html;
pub use target::{classify, TargetClass};
pub use text::{char_diff, inline, similarity_permille, Segment};
pub use textual::render_text;

/// The diff as JSON (`jixiao-diff/1`), pretty-printed, with a final newline.
/// Deterministic: the same two sheets always give the same bytes.
pub fn render_json(d: &SheetDiff) -> String {
    let mut s = serde_json::to_string_pretty(d).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}
