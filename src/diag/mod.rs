//! Diagnostics: one type for every phase, rendered with ariadne for people and
//! as JSON for machines. Every user-facing text comes from `catalogue`.
//!
//! This module only gathers its files: `text` (the languages and a text in
//! both), `code` (the codes and their severity), `diagnostic` (the
//! diagnostic itself, which uses both), `render` (which uses all three) and
//! `catalogue` (which builds the diagnostics through this module's paths).
//! None of them imports this module, nor a file that imports it.

pub mod catalogue;
mod code;
mod diagnostic;
mod render;
mod text;

pub use code::{Code, Severity, UnknownCode};
pub use diagnostic::{keep_at_most, sort, Diagnostic, Fix, Label, MAX_KEPT};
pub use render::{
    message_text, render_human, render_json, render_short, visible, ColorChoice, HumanRenderer,
};
pub use text::{Lang, Text};
