//! The language's words as an editor offers them: a read-only view of the
//! vocabulary module (`lang`), which stays private to the library. The
//! language server completes keywords, categories, units, fund sources and
//! grades from here, and the VS Code grammar's keywords are tested against
//! [`KEYWORDS`].

pub use crate::lang::category::{Framework, Level1, Level1Def, Level2Def, LEVEL1, LEVEL2};
pub use crate::lang::keywords::{schema, takes_block, Kw, Place, Schema, TABLE as KEYWORDS};
pub use crate::lang::sources::{FISCAL_SOURCES, OTHER_SOURCES};
pub use crate::lang::units::Dimension;

use crate::lang::choices::{offered, DIRECTIONS, FORM_KINDS, NATURES};

/// The keyword a word spells (English or any Chinese spelling).
pub fn keyword(word: &str) -> Option<Kw> {
    Kw::lookup(word)
}

/// Every grade word a qualitative target may use, each once, lowest first
/// on each scale.
pub fn grades() -> Vec<&'static str> {
    crate::lang::grades::words().collect()
}

/// The short written form of a category name (`数量指标` → `数量`).
pub fn short(name: &str) -> &str {
    crate::lang::category::short(name)
}

/// The words a statement with a closed list of values offers: `direction`,
/// `nature` and `form`; none for other keywords.
pub fn choices(kw: Kw) -> Vec<&'static str> {
    match kw {
        Kw::Direction => offered(DIRECTIONS),
        Kw::Nature => offered(NATURES),
        Kw::Form => offered(FORM_KINDS),
        Kw::Unit => vec!["万元", "元"],
        Kw::Framework => vec!["2015", "2021"],
        _ => Vec::new(),
    }
}
