//! fmt: an input with syntax errors is refused with an error; otherwise the
//! output has no syntax errors, formats to itself and means the same (same
//! JSON when it compiles, same diagnostic codes when it does not).
#![no_main]
use jixiao::fmt::{format, Options};
use jixiao::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fn meaning(text: &str) -> String {
    let c = jixiao::compile(&SourceFile::new("x.jx", text));
    match c.ok() {
        Some(sheet) => jixiao::emit::json::to_string(sheet),
        None => {
            let mut codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
            codes.sort_unstable();
            format!("{} {} {codes:?}", c.errors, c.warnings)
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for opts in [Options::default()] {
        match format(text, &opts) {
            Err(diags) => assert!(diags.iter().any(|d| d.is_error())),
            Ok(out) => {
                let again = format(&out, &opts).expect("formatted output has syntax errors");
                assert_eq!(again, out, "fmt is not idempotent");
                // SourceFile::new takes one byte-order mark off, as reading a
                // file does: the texts are compared as the CLI reads them.
                assert_eq!(meaning(text), meaning(&out), "fmt changed the meaning");
            }
        }
    }
});
