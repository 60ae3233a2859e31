//! Parsing: source text to a `SyntaxTree`. The surface syntax is specified by
//! the pest grammar `grammar/jixiao.pest`; files are read by a hand-written
//! parser (`parser`) that the tests hold to the pest reference parser
//! (`tests/suite/reference.rs`), tree for tree and diagnostic for diagnostic.
//! Neither ever fails: every malformed piece becomes a diagnostic and parsing
//! goes on.

mod items;
mod limits;
mod parser;
mod repair;
pub mod text;
mod tree;

pub use limits::{MAX_DEPTH, MAX_INPUT_BYTES};
pub use parser::TopLevel;
pub use tree::*;

use crate::diag::{catalogue as cat, Diagnostic};
use crate::source::Span;

/// Parse a whole file. The tree is always returned; it is empty when the input
/// was refused outright (too large, too deeply nested).
pub fn parse(src: &str) -> (SyntaxTree<'_>, Vec<Diagnostic>) {
    let (tree, diags, _) = parse_or_refuse(src);
    (tree, diags)
}

/// Like `parse`, and says whether the input was refused outright (then the
/// empty tree must not be checked: it would only add noise).
pub fn parse_or_refuse(src: &str) -> (SyntaxTree<'_>, Vec<Diagnostic>, bool) {
    let mut diags = Vec::new();
    if src.len() > MAX_INPUT_BYTES {
        diags.push(cat::input_too_large(src.len(), MAX_INPUT_BYTES));
        return (SyntaxTree { items: Vec::new() }, diags, true);
    }
    let mut dropped = 0;
    match parser::parse(src, &mut diags, &mut dropped) {
        Ok(mut items) => {
            repair::repair(src, &mut items, &mut diags);
            crate::diag::keep_at_most(&mut diags, &mut dropped);
            if dropped > 0 {
                // At the start: printed first, and its rendering needs no
                // copy of the file up to its end.
                let start = Span::new(0, 0);
                diags.push(cat::too_many_diagnostics(
                    start,
                    dropped,
                    crate::diag::MAX_KEPT,
                ));
            }
            (SyntaxTree { items }, diags, false)
        }
        Err(open) => {
            // What was read before the refusal would only be noise.
            diags.clear();
            diags.push(cat::nesting_too_deep(open, MAX_DEPTH));
            (SyntaxTree { items: Vec::new() }, diags, true)
        }
    }
}

/// What the pest reference parser (a test oracle, `tests/suite/reference.rs`,
/// also built by the fuzz target `parser_oracle`) builds its tree with: the
/// parser's own item list, token and brace diagnostics, lexical scan and
/// repair, so that both give the same tree and the same diagnostics by
/// construction. Not part of the API.
#[doc(hidden)]
pub mod oracle_support {
    use crate::diag::Diagnostic;

    pub use crate::syntax::items::{
        brace_diagnostics, separator, split_glued_colon, token, ItemList,
    };

    /// Where the content of a string whose text starts at `i` ends, exactly
    /// as the parser reads it.
    pub fn string_end(src: &str, i: usize) -> usize {
        crate::syntax::parser::Reader::new(src).string_end(i)
    }

    /// The repairs the parser applies to a whole file's items (a lost `}`).
    pub fn repair(
        src: &str,
        items: &mut Vec<crate::syntax::Item<'_>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        crate::syntax::repair::repair(src, items, diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(src: &str) -> Vec<&'static str> {
        parse(src).1.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn statements_blocks_and_comments() {
        let src =
            "// head\nproject \"A\" \"甲\" { // open\n  budget 1.00\n\n  goal \"x\" // end\n}\n";
        let (tree, diags) = parse(src);
        assert!(diags.is_empty());
        assert_eq!(tree.items.len(), 2);
        let Item::Stmt(p) = &tree.items[1] else {
            panic!("expected a statement")
        };
        assert_eq!(p.head.raw, "project");
        assert_eq!(p.args.len(), 2);
        let block = p.block.as_ref().unwrap();
        let kinds: Vec<&str> = block
            .items
            .iter()
            .map(|i| match i {
                Item::Stmt(_) => "stmt",
                Item::Comment(c) if c.trailing => "trailing",
                Item::Comment(_) => "comment",
                Item::Blank(_) => "blank",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["trailing", "stmt", "blank", "stmt", "trailing"]);
        assert_eq!(tree.comments().len(), 3);
    }

    #[test]
    fn c1_controls_and_noncharacters_are_reported_as_the_emitters_refuse_them() {
        // U+0085 (NEL) and U+FDD0 passed the parser while the HTML turned
        // them into U+FFFD: one definition now, reported where they stand.
        for (src, bad) in [
            ("goal \"年度\u{0085}目标\"\n", '\u{0085}'),
            ("goal \"\u{FDD0}\"\n", '\u{FDD0}'),
            ("goal x\u{7F}\n", '\u{7F}'),
        ] {
            let at = src.find(bad).unwrap();
            let (_, diags) = parse(src);
            assert_eq!(diags.len(), 1, "{src:?}");
            assert_eq!(diags[0].span.start, at, "{src:?}");
        }
    }

    #[test]
    fn every_syntax_error_is_reported_in_one_run() {
        let src = "goal \"open\nx }\n}\n{ y }\nproject \"a\" {\n";
        assert_eq!(codes(src), ["E001", "E004", "E004", "E005", "E003"]);
    }

    #[test]
    fn crlf_and_semicolons() {
        let (tree, diags) = parse("a 1; b 2\r\nc \"x\"\r\n");
        assert!(diags.is_empty());
        assert_eq!(tree.stmts().count(), 3);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let src = "a {".repeat(100_000);
        assert_eq!(codes(&src), ["E010"]);
    }

    #[test]
    fn unterminated_text_block() {
        assert_eq!(codes("summary \"\"\"\nabc\n"), ["E002"]);
    }
}
