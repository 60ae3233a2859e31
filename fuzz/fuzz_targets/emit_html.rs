//! The HTML of any sheet that compiles holds no forbidden character, no
//! markup from the sheet's texts, and is the same twice.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(file) = jixiao_fuzz::source(data) else {
        return;
    };
    if let Some(sheet) = jixiao_fuzz::compile_checked(&file) {
        let html = jixiao::emit::html::to_string(&sheet);
        assert!(!html.chars().any(jixiao_fuzz::xml_forbidden));
        // The page's own markup: a text holding `<script` or `<!--` would
        // have to come through unescaped.
        assert_eq!(html.matches("<script").count(), 0, "script in output");
        assert!(html.matches("<!--").count() <= 1);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.trim_end().ends_with("</html>"));
        assert_eq!(html, jixiao::emit::html::to_string(&sheet));
    }
});
