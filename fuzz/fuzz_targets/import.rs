//! Any Word, Excel or HTML input imports without panicking, and what it
//! writes always parses (the importer's text is `.jx` a user goes on with).
//! The first byte picks the format; for Word and Excel the rest is the XML
//! of the document part (`word/document.xml`, the first worksheet), put in a
//! minimal package, so that the fuzzer works on the tables and not on zip.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let (name, bytes) = match kind % 3 {
        0 => ("fuzz.html", rest.to_vec()),
        1 => ("fuzz.docx", jixiao_fuzz::docx_of(rest)),
        _ => ("fuzz.xlsx", jixiao_fuzz::xlsx_of(rest)),
    };
    for lang in [jixiao::diag::Lang::Zh, jixiao::diag::Lang::En] {
        let Ok(imported) = jixiao::import::import(name, &bytes, lang) else {
            return;
        };
        let (_, diags) = jixiao::syntax::parse(&imported.text);
        assert!(
            !diags.iter().any(|d| d.is_error()),
            "{diags:?}\n{}",
            imported.text
        );
        let _ = imported.report(lang);
    }
});
