//! `compile` (which checks a sheet whose department and unit definitions
//! come first item by item as it is read, holding no tree) gives exactly
//! what `analyze` (which keeps the whole tree, as an editor does) gives: the
//! same model, the same source map and the same diagnostics, on every file
//! of the repository and on mutated sheets, including those that must be
//! read whole (a lost brace, a department after a project). Which files are
//! streamed is tested beside the checker (`check::tests`).

use crate::common::*;
use jixiao::source::SourceFile;

/// Whether `text` gave an outcome; asserts both entry points agree.
fn assert_same(text: &str, what: &str) -> bool {
    let file = SourceFile::new("x.jx", text);
    let analysis = jixiao::analyze(&file);
    let compiled = jixiao::compile(&file);
    assert_eq!(compiled.sheet, analysis.sheet, "sheets differ: {what}");
    assert_eq!(
        compiled.source_map, analysis.source_map,
        "source maps differ: {what}"
    );
    assert_eq!(
        compiled.diagnostics, analysis.diagnostics,
        "diagnostics differ: {what}\n{text}"
    );
    compiled.sheet.is_some()
}

fn files() -> Vec<(String, String)> {
    sheets_in(&[
        "examples",
        "tests/fixtures/diagnostics",
        "tests/fixtures/crashers",
    ])
}

#[test]
fn same_outcome_on_every_file_of_the_repository() {
    let mut modelled = 0;
    for (name, text) in files() {
        if assert_same(&text, &name) {
            modelled += 1;
        }
    }
    assert!(modelled > 60, "only {modelled} files gave a model");
}

#[test]
fn sheets_that_must_be_read_whole_give_the_same_outcome() {
    let ex = example();
    let dept_end = ex.find("\n}\n").unwrap() + 3;
    let (dept, rest) = ex.split_at(dept_end);
    let late_department = format!("{rest}\n{dept}");
    let late_unit = format!("{ex}\ndefine-unit 校次 count\n");
    let lost_close = ex.replacen("  }\n", "", 1);
    let stray_close = ex.replacen("\n}\n", "\n}\n}\n", 2);
    for (what, text) in [
        ("late department", &late_department),
        ("late unit", &late_unit),
        ("lost }", &lost_close),
        ("stray }", &stray_close),
    ] {
        assert_same(text, what);
    }
}

#[test]
fn same_outcome_on_mutated_sheets() {
    const PIECES: &[&str] = &[
        "}",
        "{",
        "\"",
        "project \"P\" \"x\" { budget 1 }\n",
        "department \"1\" \"x\" { year 2020; unit 元 }\n",
        "define-unit 校次 count\n",
        "overall { summary \"x\" }\n",
        "indicator 产出.数量 \"x\" =3校次\n",
        "\n",
        "// c\n",
        "≥",
        "%",
    ];
    let base = example();
    let mut rng = Rng(0x005E_ED0F_5EED);
    let mut modelled = 0;
    for i in 0..1500 {
        let s = mutate(&base, &mut rng, 3, 60, PIECES);
        if assert_same(&s, &format!("mutant {i}")) {
            modelled += 1;
        }
    }
    assert!(modelled > 500, "only {modelled} mutants gave a model");
}
