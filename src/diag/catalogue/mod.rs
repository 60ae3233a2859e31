//! The catalogue: every diagnostic jixiao emits, its code, its texts in
//! Chinese and English, the fixes it proposes, and the longer explanation
//! `jixiao explain` prints. All user-facing diagnostic text lives here.
//!
//! One file per phase, following the hundreds of the codes: `syntax` (E0xx),
//! `structure` (E1xx), `values` (E2xx), `budget` (E3xx), `plan` (E4xx),
//! `indicators` (E5xx), `targets` (E6xx), `evaluation` (E7xx). Each file holds its codes' titles
//! and explanations (`entries!`) beside the constructors that build their
//! diagnostics; its constructors are re-exported here, so that the phases
//! call `cat::full_width(…)` without knowing the file. [`ENTRIES`] lists the
//! entries of all files, in code order.
//!
//! The phase files import the helpers they share from `common`, never this
//! module, which only gathers them.

use crate::diag::Code;

mod common;

mod budget;
mod evaluation;
mod indicators;
mod plan;
mod structure;
mod syntax;
mod targets;
mod values;

pub use common::Entry;

pub use budget::*;
pub use evaluation::*;
pub use indicators::*;
pub use plan::*;
pub use structure::*;
pub use syntax::*;
pub use targets::*;
pub use values::*;

/// The phases' entries, in code order.
const PHASES: &[&[Entry]] = &[
    syntax::ENTRIES,
    structure::ENTRIES,
    values::ENTRIES,
    budget::ENTRIES,
    plan::ENTRIES,
    indicators::ENTRIES,
    targets::ENTRIES,
    evaluation::ENTRIES,
];

const fn count(parts: &[&[Entry]]) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < parts.len() {
        n += parts[i].len();
        i += 1;
    }
    n
}

const fn concat<const N: usize>(parts: &[&[Entry]]) -> [Entry; N] {
    let mut out = [Entry {
        code: Code::E001,
        title: ("", ""),
        explain: ("", ""),
    }; N];
    let (mut k, mut i) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[k] = parts[i][j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

const ALL_ENTRIES: [Entry; count(PHASES)] = concat(PHASES);

/// Every entry of `jixiao explain`, in code order: one per [`Code`].
pub const ENTRIES: &[Entry] = &ALL_ENTRIES;

/// The entry of a code written as text (`E301`, `e301`), for `jixiao explain`.
pub fn entry(code: &str) -> Option<&'static Entry> {
    Code::lookup(code).and_then(entry_of)
}

/// The entry of a code (every code has one).
pub fn entry_of(code: Code) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.code == code)
}

#[cfg(test)]
mod tests;
