//! Checking a sheet item by item as it is read (what `compile` does for a
//! sheet whose department and unit definitions come first) gives exactly
//! what checking its whole tree gives: the same model and the same
//! diagnostics, on every file of the repository and on mutated sheets. The
//! sheets that must be read whole (a lost brace, a department after a
//! project) are recognised.

use crate::common::*;
use jixiao::check::{streaming, whole};
use jixiao::diag::Diagnostic;

fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    jixiao::diag::sort(&mut d);
    d
}

/// Returns whether the file could be checked as it was read.
fn assert_same(text: &str, what: &str) -> bool {
    let reference = whole(text);
    let Some(streamed) = streaming(text) else {
        return false;
    };
    assert_eq!(streamed.refused, reference.refused, "{what}");
    assert_eq!(streamed.sheet, reference.sheet, "sheets differ: {what}");
    assert_eq!(
        sorted(streamed.diagnostics),
        sorted(reference.diagnostics),
        "diagnostics differ: {what}\n{text}"
    );
    true
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
    let mut streamed = 0;
    for (name, text) in files() {
        if assert_same(&text, &name) {
            streamed += 1;
        }
    }
    // Most files are read item by item, the examples among them.
    assert!(streamed > 60, "only {streamed} files were streamed");
    for example in [
        "beidaihe-2020.jx",
        "beidaihe-2021.jx",
        "county-school-2021.jx",
    ] {
        let text = std::fs::read_to_string(root().join("examples").join(example)).unwrap();
        assert!(assert_same(&text, example), "{example} was not streamed");
    }
}

#[test]
fn sheets_that_must_be_read_whole_are_recognised() {
    let ex = example();
    let dept_end = ex.find("\n}\n").unwrap() + 3;
    let (dept, rest) = ex.split_at(dept_end);
    // A department after the projects, a unit defined after a project, a
    // lost `}`, a stray `}`: each needs the whole tree, and gets it.
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
        assert!(streaming(text).is_none(), "{what}: must be read whole");
        // And compile (which falls back) still gives the whole-tree result.
        let file = jixiao::source::SourceFile::new("x.jx", text.as_str());
        let compiled = jixiao::compile(&file);
        assert_eq!(compiled.sheet, whole(&file.text).sheet, "{what}");
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
    let mut streamed = 0;
    for i in 0..1500 {
        let s = mutate(&base, &mut rng, 3, 60, PIECES);
        if assert_same(&s, &format!("mutant {i}")) {
            streamed += 1;
        }
    }
    assert!(streamed > 500, "only {streamed} mutants were streamed");
}
