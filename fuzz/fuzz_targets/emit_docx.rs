//! The DOCX of any sheet that compiles unzips, and each XML part in it is
//! well-formed XML 1.0; the same bytes twice.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(file) = jixiao_fuzz::source(data) else {
        return;
    };
    if let Some(sheet) = jixiao_fuzz::compile_checked(&file) {
        let bytes = jixiao::emit::docx::to_bytes(&sheet);
        jixiao_fuzz::assert_valid_docx(&bytes);
        assert_eq!(bytes, jixiao::emit::docx::to_bytes(&sheet));
    }
});
