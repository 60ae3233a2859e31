//! The integration tests, compiled into this one binary (the library is
//! linked once, not once per test file): one module per area, `common` for
//! the helpers they share and `reference` for the pest reference parser, the
//! oracle `parser_oracle` holds the library's parser to.

// pest is built without its std feature, and the no-std code pest_derive
// generates for `reference` names `alloc`.
extern crate alloc;

mod common;
mod reference;

mod check_streaming;
mod cli;
mod codes_optional;
mod diagnostics;
mod diff;
mod diff_cli;
mod emit_docx;
mod emit_html;
mod emit_xlsx;
mod evaluation;
mod example;
mod fixes;
mod fmt;
mod import;
mod import_evaluation;
mod layers;
mod lsp;
mod no_panic;
mod parser_oracle;
mod planted;
mod real_forms;
mod report;
mod robustness;
mod robustness_regressions;
mod rust_version;
