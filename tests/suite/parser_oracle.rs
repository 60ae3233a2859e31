//! The hand-written parser reads exactly what the pest grammar describes:
//! for every example, fixture and crasher, and for thousands of mutated
//! sheets aimed at the syntax (quotes, braces, separators, comments, line
//! breaks, full-width look-alikes), it gives the same tree (spans, tokens,
//! comments, blank lines), the same diagnostics in the same order, and the
//! same refusal as the pest reference parser on the whole file.

use crate::common::*;
use crate::reference;
use jixiao::syntax::{parse_or_refuse, Item, TopLevel};

fn assert_same(text: &str, what: &str) {
    let fast = parse_or_refuse(text);
    let oracle = reference::parse_in_pieces(text, usize::MAX);
    assert_streamed_same(text, &fast, what);
    assert_eq!(fast.2, oracle.2, "refused differs: {what}\n{text:?}");
    assert_eq!(fast.1, oracle.1, "diagnostics differ: {what}\n{text:?}");
    if fast.0 != oracle.0 {
        // Point at the first item that differs: whole trees are unreadable.
        let at = fast
            .0
            .items
            .iter()
            .zip(&oracle.0.items)
            .position(|(a, b)| a != b);
        panic!(
            "trees differ at item {at:?} of {}/{}: {what}\nparser: {:?}\npest:   {:?}\n{text:?}",
            fast.0.items.len(),
            oracle.0.items.len(),
            at.map(|k| &fast.0.items[k]),
            at.map(|k| &oracle.0.items[k]),
        );
    }
}

/// Top-level items read one at a time (as the checker reads a sheet) are
/// the items of the whole parse, unless a lost brace made the parser repair
/// the tree (the checker then reads the file whole).
fn assert_streamed_same(
    text: &str,
    whole: &(
        jixiao::syntax::SyntaxTree<'_>,
        Vec<jixiao::diag::Diagnostic>,
        bool,
    ),
    what: &str,
) {
    let mut top = TopLevel::new(text);
    let (mut items, mut diags) = (Vec::new(), Vec::new());
    while let Some(item) = top.next_item(&mut diags) {
        match item {
            Ok(item) => items.push(item),
            Err(_) => {
                assert!(whole.2, "only the whole parse refused: {what}");
                return;
            }
        }
    }
    assert!(!whole.2, "only the streamed parse refused: {what}");
    let repaired = diags.iter().any(|d| d.code == "E003")
        || items.iter().any(|i| matches!(i, Item::StrayClose(_)));
    if !repaired {
        assert_eq!(items, whole.0.items, "streamed items differ: {what}");
        assert_eq!(diags, whole.1, "streamed diagnostics differ: {what}");
    }
}

/// Every `.jx` the repository holds.
fn corpus() -> Vec<(String, String)> {
    let out = sheets_in(&[
        "examples",
        "tests/fixtures/diagnostics",
        "tests/fixtures/crashers",
    ]);
    assert!(out.len() > 80, "the corpus was not found");
    out
}

#[test]
fn same_tree_on_every_file_of_the_repository() {
    for (name, text) in corpus() {
        assert_same(&text, &name);
        assert_same(&text.replace('\n', "\r\n"), &format!("{name} (CRLF)"));
        assert_same(&format!("\u{FEFF}{text}"), &format!("{name} (BOM)"));
    }
}

/// Pieces that change how a line is read.
const SYNTAX: &[&str] = &[
    "{",
    "}",
    "｛",
    "｝",
    "\"",
    "\"\"\"",
    "\\",
    "\\\"",
    "\\q",
    "\\\n",
    "//",
    "/",
    " // x",
    "{ // x",
    " ｛ ",
    ";",
    "；",
    ",",
    "，",
    "：",
    "\n",
    "\r",
    "\r\n",
    "\n\n\n",
    " ",
    "\t",
    "\u{3000}",
    "\u{0B}",
    "\u{0C}",
    "\0",
    "\u{FEFF}",
    "“",
    "”",
    "𠀀",
    "é",
    "a",
    "项",
    "goal \"x {",
    "x \"a { // b\"",
];

#[test]
fn same_tree_on_mutated_sheets() {
    let corpus = corpus();
    let mut rng = Rng(0x0DDB_1A5E_5BAD_5EED);
    for i in 0..3000 {
        let (name, base) = rng.pick(&corpus);
        let text = mutate(base, &mut rng, 6, 30, SYNTAX);
        assert_same(&text, &format!("mutant {i} of {name}"));
    }
}

#[test]
fn same_tree_on_random_syntax_soup() {
    // Short texts made only of syntax pieces reach the corners (a string
    // ending in a backslash at the end of the file, `""""`, a comment after
    // a full-width brace) that mutations of real sheets rarely do.
    let mut rng = Rng(0xC0FF_EE00_1234_5678);
    for i in 0..5000 {
        let n = 1 + rng.below(12);
        let text: String = (0..n).map(|_| *rng.pick(SYNTAX)).collect();
        assert_same(&text, &format!("soup {i}"));
    }
}

#[test]
fn nesting_past_the_limit_is_refused_the_same_way() {
    for text in [
        "a {".repeat(40),
        "a \"x {\n".repeat(40),
        "{\n".repeat(33),
        "{\n".repeat(32),
        "x \"a { // b\"\n".repeat(40),
    ] {
        assert_same(&text, "deep");
    }
}

/// The reference parser cuts a file into top-level pieces (so that pest's
/// token queue stays small): any cut gives the same tree.
#[test]
fn parsing_in_pieces_gives_the_same_tree() {
    let example = example();
    let texts = [
        example.clone(),
        example.replace('\n', "\r\n"),
        format!("{example}\n}}\nproject \"x\" \"y\" {{ goal \"a {{\n  goal \"\"\"\n}}\n\"\"\"\n"),
        example.replacen("  }\n", "", 3),
    ];
    for text in &texts {
        let whole = reference::parse_in_pieces(text, usize::MAX);
        let pieces = reference::parse_in_pieces(text, 1);
        // Blank lines at a cut may differ; everything else may not.
        let strip = |items: &[Item<'_>]| -> Vec<String> {
            items
                .iter()
                .filter(|i| !matches!(i, Item::Blank(_)))
                .map(|i| format!("{i:?}"))
                .collect()
        };
        assert_eq!(strip(&whole.0.items), strip(&pieces.0.items));
        assert_eq!(whole.1, pieces.1);
    }
}
