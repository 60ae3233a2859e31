//! Parse and check any bytes: no panic, spans inside the text, every
//! diagnostic renders.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(file) = jixiao_fuzz::source(data) {
        let _ = jixiao_fuzz::compile_checked(&file);
    }
});
