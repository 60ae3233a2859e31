//! The JSON of any sheet that compiles is valid JSON, the same twice.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(file) = jixiao_fuzz::source(data) else {
        return;
    };
    if let Some(sheet) = jixiao_fuzz::compile_checked(&file) {
        let json = jixiao::emit::json::to_string(&sheet);
        let v: serde_json::Value = serde_json::from_str(&json).expect("invalid JSON");
        assert_eq!(v["format"], "jixiao-sheet/2");
        assert_eq!(json, jixiao::emit::json::to_string(&sheet));
    }
});
