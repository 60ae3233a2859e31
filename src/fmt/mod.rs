//! The formatter: prints a syntax tree back in the one canonical layout.
//!
//! Layout rules:
//! - two spaces per block level, one statement per line, `{` on the line of
//!   its statement, `}` on its own line;
//! - arguments separated by one space, a comma glued to the word before it;
//! - a budget (or fund source) block holding one source with no block of its
//!   own stays on one line: `budget 78.00 { 财政资金 78.00 }`;
//! - one blank line between top-level statements and after the comments that
//!   open the file; inside a block, one blank line before the first indicator
//!   that follows other statements, none elsewhere; the author's blank lines
//!   do not count;
//! - words, numbers and strings exactly as written; a `"""` text block is
//!   re-indented under its statement when that leaves its value unchanged;
//! - every comment kept: own-line comments before the statement they precede
//!   (or before the `}` of their block), end-of-line comments after theirs.
//!
//! The file's line ending (LF or CRLF) and byte-order mark are kept.

use crate::diag::Diagnostic;
use crate::lang::keywords::Kw;
use crate::syntax::{self, text, Block, Comment, Item, Stmt, SyntaxTree, Token, TokenKind};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Keywords {
    /// As written.
    #[default]
    Keep,
    English,
    Chinese,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub keywords: Keywords,
}

/// Format a whole file. Files with syntax errors are not formatted: their
/// diagnostics are returned instead (the caller leaves the file untouched).
pub fn format(src: &str, opts: &Options) -> Result<String, Vec<Diagnostic>> {
    let (bom, body) = match src.strip_prefix('\u{FEFF}') {
        Some(rest) => (true, rest),
        None => (false, src),
    };
    let (tree, diags) = syntax::parse(body);
    if diags.iter().any(|d| d.is_error()) {
        return Err(diags);
    }
    let mut p = Printer {
        parents: Vec::new(),
        out: String::with_capacity(body.len() + body.len() / 8),
        opts: *opts,
        comments: 0,
    };
    p.file(&tree);
    debug_assert_eq!(
        p.comments,
        tree.comments().len(),
        "the formatter must print every comment"
    );
    let mut out = p.out;
    if body.contains("\r\n")
        && body
            .find('\n')
            .is_some_and(|i| i > 0 && body.as_bytes()[i - 1] == b'\r')
    {
        // Text blocks printed verbatim may hold CRLF already.
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    // A U+FEFF of the text printed first would read back as a BOM and
    // vanish: a BOM before it keeps it text (`;\u{FEFF}` is a statement).
    if bom || out.starts_with('\u{FEFF}') {
        out.insert(0, '\u{FEFF}');
    }
    Ok(out)
}

struct Printer {
    out: String,
    opts: Options,
    /// Comments printed, checked against the tree in debug builds.
    comments: usize,
    /// The keyword of each block the printer is inside, innermost last: a
    /// keyword may mean another inside some blocks (`分值` in an indicator).
    parents: Vec<Option<Kw>>,
}

/// A statement with the own-line comments before it.
struct Unit<'t, 'a> {
    leading: Vec<&'t Comment<'a>>,
    stmt: &'t Stmt<'a>,
    /// The end-of-line comment after the statement (after its `}` for a block).
    trailing: Option<&'t Comment<'a>>,
}

/// Split a block's items into units plus the comments left at its end.
fn units<'t, 'a>(
    items: &'t [Item<'a>],
) -> (
    Vec<&'t Comment<'a>>,
    Vec<Unit<'t, 'a>>,
    Vec<&'t Comment<'a>>,
) {
    let mut opening = Vec::new();
    let mut units: Vec<Unit<'t, 'a>> = Vec::new();
    let mut pending: Vec<&'t Comment<'a>> = Vec::new();
    for item in items {
        match item {
            Item::Stmt(s) => units.push(Unit {
                leading: std::mem::take(&mut pending),
                stmt: s,
                trailing: None,
            }),
            Item::Comment(c) if c.trailing => match units.last_mut() {
                Some(u) if u.trailing.is_none() && pending.is_empty() => u.trailing = Some(c),
                // A trailing comment right after `{` (no statement yet).
                None if pending.is_empty() && opening.is_empty() => opening.push(c),
                _ => pending.push(c),
            },
            Item::Comment(c) => pending.push(c),
            _ => {}
        }
    }
    (opening, units, pending)
}

impl Printer {
    fn file(&mut self, tree: &SyntaxTree<'_>) {
        // The comments before the first statement describe the file: they
        // are followed by one blank line. The author's blank lines never
        // count, so the layout cannot depend on them.
        let header_end = tree
            .items
            .iter()
            .position(|i| matches!(i, Item::Stmt(_)))
            .unwrap_or(tree.items.len());
        let (header_items, rest) = tree.items.split_at(header_end);
        for item in header_items {
            if let Item::Comment(c) = item {
                self.comment_line(c, 0);
            }
        }
        let (_, units, dangling) = units(rest);
        let mut first = header_items.is_empty();
        for u in &units {
            if !first {
                self.out.push('\n');
            }
            first = false;
            self.unit(u, 0, false);
        }
        if !dangling.is_empty() {
            if !first {
                self.out.push('\n');
            }
            for c in dangling {
                self.comment_line(c, 0);
            }
        }
    }

    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str("  ");
        }
    }

    fn comment_line(&mut self, c: &Comment<'_>, level: usize) {
        self.indent(level);
        self.out.push_str(c.raw.trim_end());
        self.out.push('\n');
        self.comments += 1;
    }

    fn trailing(&mut self, c: Option<&Comment<'_>>) {
        if let Some(c) = c {
            self.out.push(' ');
            self.out.push_str(c.raw.trim_end());
            self.comments += 1;
        }
    }

    fn unit(&mut self, u: &Unit<'_, '_>, level: usize, in_budget: bool) {
        for c in &u.leading {
            self.comment_line(c, level);
        }
        self.indent(level);
        self.stmt_line(u.stmt, level, in_budget);
        self.trailing(u.trailing);
        self.out.push('\n');
    }

    /// The statement's head and arguments, then its block; no final newline.
    fn stmt_line(&mut self, s: &Stmt<'_>, level: usize, in_budget: bool) {
        self.head(&s.head, in_budget);
        // Items of a spending plan are always separated by ", ".
        let is_plan = !in_budget && Kw::lookup(s.head.raw) == Some(Kw::Plan);
        for (i, tok) in s.args.iter().enumerate() {
            let space = if is_plan {
                tok.kind != TokenKind::Comma
            } else {
                syntax::space_before(&s.args, i)
            };
            if space {
                self.out.push(' ');
            }
            self.token(tok, level);
        }
        let Some(block) = &s.block else { return };
        let kw = if in_budget {
            None
        } else {
            Kw::lookup(s.head.raw)
        };
        let holds_sources = in_budget || matches!(kw, Some(Kw::Budget | Kw::TotalBudget));
        self.parents.push(kw);
        self.block(block, level, holds_sources);
        self.parents.pop();
    }

    fn head(&mut self, tok: &Token<'_>, in_budget: bool) {
        // Fund source names inside a budget are not keywords.
        let parent = self.parents.last().copied().flatten();
        let kw = (!in_budget && tok.is_word())
            .then(|| Kw::lookup(tok.raw))
            .flatten()
            .map(|k| k.in_block_of(parent));
        match (kw, self.opts.keywords) {
            (Some(k), Keywords::English) => self.out.push_str(k.english()),
            (Some(k), Keywords::Chinese) => self.out.push_str(k.chinese()),
            _ => self.out.push_str(tok.raw),
        }
    }

    fn token(&mut self, tok: &Token<'_>, level: usize) {
        match tok.kind {
            TokenKind::Text { closed: true } => self.text_block(tok, level),
            _ => self.out.push_str(tok.raw),
        }
    }

    /// Re-indent a text block one level under its statement, when its body
    /// starts on the line after `"""` and ends with `"""` on a line of its own
    /// (then the value, which drops common indentation, does not change).
    fn text_block(&mut self, tok: &Token<'_>, level: usize) {
        let inner = &tok.raw[3..tok.raw.len() - 3];
        let first_break = inner.find('\n');
        let opens_clean = first_break.is_some_and(|i| inner[..i].trim().is_empty());
        let closes_clean = inner
            .rfind('\n')
            .is_some_and(|i| inner[i + 1..].trim().is_empty());
        if !(opens_clean && closes_clean) {
            self.out.push_str(tok.raw);
            return;
        }
        let value = text::dedent(inner);
        self.out.push_str("\"\"\"\n");
        for line in value.split('\n') {
            if !line.is_empty() {
                self.indent(level + 1);
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
        self.indent(level + 1);
        self.out.push_str("\"\"\"");
    }

    fn block(&mut self, block: &Block<'_>, level: usize, holds_sources: bool) {
        let (opening, units, dangling) = units(&block.items);
        let simple_single = units.len() == 1
            && opening.is_empty()
            && dangling.is_empty()
            && units[0].leading.is_empty()
            && units[0].trailing.is_none()
            && units[0].stmt.block.is_none();
        if holds_sources && simple_single {
            self.out.push_str(" { ");
            self.stmt_line(units[0].stmt, level, true);
            self.out.push_str(" }");
            return;
        }
        if units.is_empty() && opening.is_empty() && dangling.is_empty() {
            self.out.push_str(" {}");
            return;
        }
        self.out.push_str(" {");
        for c in &opening {
            self.trailing(Some(c));
        }
        self.out.push('\n');
        let mut prev_indicator = true;
        for (i, u) in units.iter().enumerate() {
            let is_indicator = !holds_sources && Kw::lookup(u.stmt.head.raw) == Some(Kw::Indicator);
            if i > 0 && is_indicator && !prev_indicator {
                self.out.push('\n');
            }
            prev_indicator = is_indicator;
            self.unit(u, level + 1, holds_sources);
        }
        for c in dangling {
            self.comment_line(c, level + 1);
        }
        self.indent(level);
        self.out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        format(s, &Options::default()).unwrap()
    }

    #[test]
    fn canonical_spacing_and_blocks() {
        let src = "project   \"A\"  \"甲\"{budget 1.00{财政资金 1.00}\n   plan 3月 25% ,6月 50%;goal \"x\"\n\n\n indicator 产出.时效 \"率\"  ≥ 90%{desc \"d\"}}";
        assert_eq!(
            fmt(src),
            "project \"A\" \"甲\" {\n  budget 1.00 { 财政资金 1.00 }\n  plan 3月 25%, 6月 50%\n  goal \"x\"\n\n  indicator 产出.时效 \"率\" ≥ 90% {\n    desc \"d\"\n  }\n}\n"
        );
    }

    #[test]
    fn comments_stay_with_their_statements() {
        let src = "// head\n// a\n\nproject \"A\" \"甲\" { // open\n  // before goal\n\n  goal \"x\" // after goal\n  // end of block\n} // after block\n// tail\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "// head\n// a\n\nproject \"A\" \"甲\" { // open\n  // before goal\n  goal \"x\" // after goal\n  // end of block\n} // after block\n\n// tail\n"
        );
        assert_eq!(fmt(&out), out);
        // Blank lines among the opening comments do not split them.
        assert_eq!(
            fmt("// a\n\n// b\n\n\ngoal \"x\"\n"),
            "// a\n// b\n\ngoal \"x\"\n"
        );
    }

    #[test]
    fn text_blocks_reindent_without_changing_their_value() {
        let src = "overall {\nsummary \"\"\"\n        第一段\n          缩进\n\n        第二段\n   \"\"\"\n}\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "overall {\n  summary \"\"\"\n    第一段\n      缩进\n\n    第二段\n    \"\"\"\n}\n"
        );
        let value = |s: &str| {
            let (tree, _) = syntax::parse(s);
            let stmt = tree
                .stmts()
                .next()
                .unwrap()
                .children()
                .next()
                .unwrap()
                .clone();
            text::value(&stmt.args[0]).unwrap()
        };
        assert_eq!(value(src), value(&out));
    }

    #[test]
    fn keywords_normalised_on_request() {
        let src = "项目 \"A\" \"甲\" {\n  预算 1.00 { 财政资金 1.00 }\n  goal \"x\"\n}\n";
        let en = format(
            src,
            &Options {
                keywords: Keywords::English,
            },
        )
        .unwrap();
        assert_eq!(
            en,
            "project \"A\" \"甲\" {\n  budget 1.00 { 财政资金 1.00 }\n  goal \"x\"\n}\n"
        );
        let zh = format(
            &en,
            &Options {
                keywords: Keywords::Chinese,
            },
        )
        .unwrap();
        assert_eq!(
            zh,
            "项目 \"A\" \"甲\" {\n  预算 1.00 { 财政资金 1.00 }\n  绩效目标 \"x\"\n}\n"
        );
    }

    #[test]
    fn a_feff_after_the_start_stays_text() {
        // Found by the fmt_roundtrip fuzz target: `;` then U+FEFF.
        let once = fmt(";\u{FEFF}");
        assert_eq!(once, "\u{FEFF}\u{FEFF}\n");
        assert_eq!(fmt(&once), once);
        // Two marks: the first is the BOM, the second is kept.
        assert_eq!(fmt("\u{FEFF}\u{FEFF}x"), "\u{FEFF}\u{FEFF}x\n");
    }

    #[test]
    fn line_endings_and_bom_are_kept() {
        let out = fmt("\u{FEFF}goal  \"x\"\r\ngoal \"y\"\r\n");
        assert_eq!(out, "\u{FEFF}goal \"x\"\r\n\r\ngoal \"y\"\r\n");
    }

    #[test]
    fn digit_group_commas_stay_glued() {
        let src = "indicator 产出.数量 \"路灯\" ≥12,500盏\n";
        assert_eq!(fmt(src), src);
        assert_eq!(fmt("plan 3月 25,6月 50\n"), "plan 3月 25, 6月 50\n");
    }

    #[test]
    fn crlf_text_blocks_are_not_given_a_second_cr() {
        let src = "\r\nn{\"\"\"\n\"\"\"}";
        let once = fmt(src);
        assert_eq!(fmt(&once), once);
        assert!(!once.contains("\r\r"));
    }

    #[test]
    fn syntax_errors_refuse_formatting() {
        assert!(format("goal \"x\n", &Options::default()).is_err());
    }
}
