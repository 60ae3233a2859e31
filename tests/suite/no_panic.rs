//! Mutated copies of the example never panic the compiler: each run ends in
//! a model or in diagnostics. A small deterministic generator keeps the test
//! reproducible without a crate.

use crate::common::*;
use jixiao::source::SourceFile;

const INSERTS: &[&str] = &[
    "{",
    "}",
    "\"",
    "\"\"\"",
    "“",
    "”",
    "，",
    "；",
    "｛",
    "：",
    "//",
    "\n",
    "\r\n",
    "\0",
    "\u{1b}",
    "%",
    "≥",
    "≤≥",
    "9090",
    "及以上",
    ".",
    "-",
    "月",
    "项目",
    "indicator 产出.时效 \"x\" ",
    "满意度.服务对象满意度",
    "budget -1 { 财政资金 99999999999999999999999999999999999999 }",
    "plan 13月 200%, 1月 5%",
    "\u{FEFF}",
    "9999999999999999999999999999999999999999",
    "𠀀",
    "\t",
    "\u{3000}",
    "\\",
    "\\q",
];

#[test]
fn mutated_examples_never_panic() {
    let src = example();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..1500 {
        let text = mutate(&src, &mut rng, 4, 40, INSERTS);
        // Parsing in top-level pieces (as large files are) changes nothing.
        let strip = |items: &[jixiao::syntax::Item<'_>]| -> Vec<String> {
            items
                .iter()
                .filter(|i| !matches!(i, jixiao::syntax::Item::Blank(_)))
                .map(|i| format!("{i:?}"))
                .collect()
        };
        let whole = crate::reference::parse_in_pieces(&text, usize::MAX);
        let pieces = crate::reference::parse_in_pieces(&text, 1);
        assert_eq!(strip(&whole.0.items), strip(&pieces.0.items), "{i}: {text}");
        assert_eq!(whole.1, pieces.1, "{i}");
        // The parser compilation uses reads it as the grammar does.
        let parsed = jixiao::syntax::parse_or_refuse(&text);
        assert_eq!(parsed.0, whole.0, "{i}: {text}");
        assert_eq!(parsed.1, whole.1, "{i}");
        let file = SourceFile::new(format!("m{i}.jx"), text);
        let compiled = jixiao::compile(&file);
        for d in &compiled.diagnostics {
            // Rendering must not panic either, in both languages.
            let _ = jixiao::diag::render_human(
                d,
                &file,
                jixiao::diag::Lang::Zh,
                jixiao::diag::ColorChoice::Never,
            );
            assert!(
                d.span.start <= d.span.end && d.span.end <= file.text.len(),
                "{i}: {d:?}"
            );
        }
        if let Some(sheet) = compiled.ok() {
            let _ = jixiao::emit::json::to_string(sheet);
        }
    }
}

#[test]
fn hostile_inputs() {
    let cases = [
        String::new(),
        "{".repeat(100_000),
        "}".repeat(100_000),
        "\"".repeat(10_001),
        "a ".repeat(50_000),
        format!("indicator 产出.时效 \"x\" ≥{}%", "9".repeat(5000)),
        "\0\0\0".to_string(),
        "department \"1\" \"x\" { year 99999999999999999999; unit 万元 }".to_string(),
        format!("department \"1\" \"x\" {{ year 2020; unit 万元 }}\nproject \"a\" \"b\" {{ budget {} }}", "9".repeat(100)),
    ];
    for (i, text) in cases.iter().enumerate() {
        let file = SourceFile::new(format!("h{i}.jx"), text.clone());
        let compiled = jixiao::compile(&file);
        // The library keeps every diagnostic (100,000 for 100,000 stray
        // braces); like `check`, render the first 200 (each rendering reads
        // the file).
        for d in compiled.diagnostics.iter().take(200) {
            let _ = jixiao::diag::render_human(
                d,
                &file,
                jixiao::diag::Lang::En,
                jixiao::diag::ColorChoice::Never,
            );
        }
    }
}
