//! The XLSX of any sheet that compiles is written without an error, unzips,
//! and each XML part in it is well-formed XML 1.0; the same bytes twice.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(file) = jixiao_fuzz::source(data) else {
        return;
    };
    if let Some(sheet) = jixiao_fuzz::compile_checked(&file) {
        let bytes = jixiao::emit::xlsx::to_bytes(&sheet).expect("the workbook is written");
        jixiao_fuzz::assert_valid_xlsx(&bytes);
        assert!(bytes == jixiao::emit::xlsx::to_bytes(&sheet).expect("written twice"));
    }
});
