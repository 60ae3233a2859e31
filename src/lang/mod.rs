//! The language's vocabulary: one definition of every word list the sheet
//! language knows (keywords and where each may stand, indicator categories,
//! units and their dimensions, fund sources, grades) and the "did you mean"
//! distance. Everything above the syntax tree reads words from here: the
//! formatter, the target reader, the checker, the emitters and the diff.

pub(crate) mod category;
pub(crate) mod choices;
pub(crate) mod grades;
pub(crate) mod keywords;
pub(crate) mod sources;
pub(crate) mod subjects;
pub(crate) mod suggest;
pub(crate) mod units;
