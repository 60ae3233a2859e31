//! The checked sheet as typed data (`sheet`), a checked self-evaluation or
//! monitoring form (`evaluation`), and where each of its facts
//! stands in the source (`source_map`).

mod evaluation;
mod sheet;
mod source_map;

pub use evaluation::*;
pub use sheet::*;
pub use source_map::*;
