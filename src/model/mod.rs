//! The checked sheet as typed data (`sheet`), and where each of its facts
//! stands in the source (`source_map`).

mod sheet;
mod source_map;

pub use sheet::*;
pub use source_map::*;
