//! diff: two sheets (the input split at its first 0xFF byte, else the input
//! against the bundled example) give a diff that renders in every format; a
//! sheet against itself gives an empty diff.
#![no_main]
use libfuzzer_sys::fuzz_target;

const EXAMPLE: &str = include_str!("../../examples/beidaihe-2020.jx");

fuzz_target!(|data: &[u8]| {
    let (a, b): (&[u8], &[u8]) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (EXAMPLE.as_bytes(), data),
    };
    let (Some(fa), Some(fb)) = (jixiao_fuzz::source(a), jixiao_fuzz::source(b)) else {
        return;
    };
    let (Some(old), Some(new)) = (
        jixiao_fuzz::compile_checked(&fa),
        jixiao_fuzz::compile_checked(&fb),
    ) else {
        return;
    };
    for (x, y) in [(&old, &new), (&new, &old)] {
        let d = jixiao::diff::diff(x, y);
        let _ = jixiao::diff::render_text(&d, false, jixiao::diag::Lang::Zh);
        let _ = jixiao::diff::render_text(&d, true, jixiao::diag::Lang::En);
        let json = jixiao::diff::render_json(&d);
        serde_json::from_str::<serde_json::Value>(&json).expect("invalid diff JSON");
        let _ = jixiao::diff::render_html(&d, x, y);
    }
    assert!(jixiao::diff::diff(&new, &new).is_empty());
});
