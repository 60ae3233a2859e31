//! What the parser refuses to read.

/// Blocks nested deeper than this are refused (the parser is recursive and a
/// sheet needs four levels at most).
pub const MAX_DEPTH: usize = 32;
/// Larger inputs are refused with a diagnostic.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;
