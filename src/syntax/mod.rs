//! Parsing: source text to a `SyntaxTree`. The pest grammar never fails, so
//! every malformed piece becomes a diagnostic here and parsing goes on.

pub mod text;
mod tree;

pub use tree::*;

use crate::diag::{catalogue as cat, Diagnostic};
use crate::source::Span;
use pest::iterators::Pair;
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/jixiao.pest"]
struct Grammar;

/// Blocks nested deeper than this are refused before parsing (the parser is
/// recursive and a sheet needs four levels at most).
pub const MAX_DEPTH: usize = 32;
/// Larger inputs are refused with a diagnostic.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// Parse a whole file. The tree is always returned; it is empty when the input
/// was refused outright (too large, too deeply nested).
pub fn parse(src: &str) -> (SyntaxTree<'_>, Vec<Diagnostic>) {
    let (tree, diags, _) = parse_or_refuse(src);
    (tree, diags)
}

/// Like `parse`, and says whether the input was refused outright (then the
/// empty tree must not be checked: it would only add noise).
pub fn parse_or_refuse(src: &str) -> (SyntaxTree<'_>, Vec<Diagnostic>, bool) {
    parse_in_pieces(src, CHUNK_BYTES)
}

/// Parse cutting the file into top-level pieces of about `chunk` bytes
/// (public for the property test that any cut gives the same tree).
#[doc(hidden)]
pub fn parse_in_pieces(src: &str, chunk: usize) -> (SyntaxTree<'_>, Vec<Diagnostic>, bool) {
    let mut diags = Vec::new();
    if src.len() > MAX_INPUT_BYTES {
        diags.push(cat::input_too_large(src.len(), MAX_INPUT_BYTES));
        return (SyntaxTree { items: Vec::new() }, diags, true);
    }
    let starts = match scan(src, chunk) {
        Ok(s) => s,
        Err(span) => {
            diags.push(cat::nesting_too_deep(span, MAX_DEPTH));
            return (SyntaxTree { items: Vec::new() }, diags, true);
        }
    };
    let mut items = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(src.len());
        let piece = &src[start..end];
        let pairs = match Grammar::parse(Rule::file, piece) {
            Ok(p) => p,
            Err(_) => {
                // Unreachable by construction of the grammar; keep a diagnostic anyway.
                diags.push(cat::internal_parse_failure(Span::new(
                    start,
                    (start + 1).min(end),
                )));
                return (SyntaxTree { items: Vec::new() }, diags, true);
            }
        };
        let mut builder = Builder {
            diags: &mut diags,
            base: start,
        };
        if let Some(file) = pairs.into_iter().next() {
            items.extend(builder.body(file.into_inner(), false));
        }
    }
    // A block left open at the end of the file usually lost its `}` much
    // earlier: find where by indentation, and report it there.
    if diags.iter().any(|d| d.code == "E003") {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut repair = Repair {
            src,
            line_starts,
            diags: &mut diags,
        };
        if let Some(spare) = repair.items(&mut items) {
            repair.diags.push(cat::stray_close(spare));
        }
    }
    // A `}` left over at the top level often means a block closed early
    // (a `{` missing further up): the statements between, indented as if
    // inside, go back into the block.
    if items.iter().any(|i| matches!(i, Item::StrayClose(_))) {
        reopen_early_closed(src, &mut items, &mut diags);
    }
    (SyntaxTree { items }, diags, false)
}

/// For each top-level stray `}`: when the statement before the run of
/// statements leading to it has a block, and every statement of the run is
/// indented deeper than that statement while the stray `}` is not, the block
/// really ends at the stray `}`. The `}` that ended it early stays inside as
/// the stray one, where it is reported (with the hint of a missing `{`).
fn reopen_early_closed(src: &str, items: &mut Vec<Item<'_>>, diags: &mut Vec<Diagnostic>) {
    let indent = |offset: usize| indentation(src, offset);
    let mut k = 0;
    while k < items.len() {
        let Item::StrayClose(stray) = items[k] else {
            k += 1;
            continue;
        };
        // Back from the stray `}` to the first statement indented no deeper
        // than it: the owner of the block that may have closed early. Only a
        // `}` on a line of its own after statements qualifies.
        let after_stmts = k > 0
            && matches!(
                items[k - 1],
                Item::Stmt(_) | Item::Comment(_) | Item::Blank(_)
            );
        let stray_col = indent(stray.start);
        if !after_stmts || stray_col == usize::MAX {
            k += 1;
            continue;
        }
        let mut j = k;
        let mut owner_at = None;
        while j > 0 {
            j -= 1;
            match &items[j] {
                Item::Stmt(s) if indent(s.head.span.start) <= stray_col => {
                    owner_at = Some(j);
                    break;
                }
                Item::Stmt(_) | Item::Comment(_) | Item::Blank(_) => {}
                _ => break,
            }
        }
        let fits = match owner_at.map(|j| &items[j]) {
            Some(Item::Stmt(owner)) => {
                owner.block.as_ref().is_some_and(|b| b.close.is_some())
                    && items[j + 1..k].iter().any(|i| matches!(i, Item::Stmt(_)))
            }
            _ => false,
        };
        if !fits {
            k += 1;
            continue;
        }
        let moved: Vec<Item<'_>> = items.drain(j + 1..=k).collect();
        let Item::Stmt(owner) = &mut items[j] else {
            break;
        };
        let Some(block) = owner.block.as_mut() else {
            break;
        };
        let early = block.close.replace(stray);
        block.span = Span::new(block.span.start, stray.end);
        if let Some(early) = early {
            block.items.push(Item::StrayClose(early));
            diags.retain(|d| !(d.code == "E004" && d.span == stray));
            diags.push(cat::early_close(early));
        }
        let n = moved.len();
        // Blank lines at the top level depend on where the parser cut the
        // file; inside the block they would make that visible: drop them.
        block.items.extend(
            moved
                .into_iter()
                .take(n - 1)
                .filter(|i| !matches!(i, Item::Blank(_))),
        );
        k = j + 1;
    }
}

/// The indentation of the line holding `offset` when only spaces and tabs
/// stand before it on its line, else `usize::MAX`. Work is bounded by the
/// indentation, not by the length of the line.
fn indentation(src: &str, offset: usize) -> usize {
    let before = &src.as_bytes()[..offset.min(src.len())];
    let mut n = 0;
    for &b in before.iter().rev() {
        match b {
            b' ' | b'\t' => n += 1,
            b'\n' | b'\r' => return n,
            _ => return usize::MAX,
        }
    }
    n
}

fn item_start(item: &Item<'_>) -> usize {
    match item {
        Item::Stmt(s) => s.span.start,
        Item::Comment(c) => c.span.start,
        Item::Blank(sp) | Item::StrayClose(sp) => sp.start,
        Item::Orphan(b) => b.span.start,
    }
}

/// Re-nesting after a missing `}`: a statement indented no deeper than the
/// statement owning the block it sits in belongs after that block. The `}`
/// the block took belongs to the enclosing block.
struct Repair<'s, 'd> {
    src: &'s str,
    /// Byte offset of each line start: line numbers by binary search.
    line_starts: Vec<usize>,
    diags: &'d mut Vec<Diagnostic>,
}

impl Repair<'_, '_> {
    /// Column (in characters) where the line holding `offset` starts its text.
    fn indent_of(&self, offset: usize) -> usize {
        indentation(self.src, offset)
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Repair a list of items; returns a `}` that turned out to belong to the
    /// enclosing block.
    fn items(&mut self, items: &mut Vec<Item<'_>>) -> Option<Span> {
        let mut spare_up = None;
        let mut i = 0;
        while i < items.len() {
            let Item::Stmt(stmt) = &mut items[i] else {
                i += 1;
                continue;
            };
            let owner_col = self.indent_of(stmt.head.span.start);
            let head_start = stmt.head.span.start;
            let Some(block) = stmt.block.as_mut() else {
                i += 1;
                continue;
            };
            // Inner blocks first: a `}` they gave back closes this block,
            // and whatever follows that `}` in the file follows the block.
            if let Some(spare) = self.items(&mut block.items) {
                if block.close.is_none() {
                    let open = block.open;
                    self.diags.retain(|d| !(d.code == "E003" && d.span == open));
                    block.close = Some(spare);
                    if let Some(k) = block
                        .items
                        .iter()
                        .position(|it| item_start(it) > spare.start)
                    {
                        let after = block.items.split_off(k);
                        items.splice(i + 1..i + 1, after);
                    }
                    i += 1;
                    continue;
                }
                self.diags.push(cat::stray_close(spare));
            }
            let open_line = self.line_of(block.open.start);
            let split = block.items.iter().position(|item| match item {
                Item::Stmt(s) => {
                    let col = self.indent_of(s.head.span.start);
                    owner_col != usize::MAX
                        && col <= owner_col
                        && self.line_of(s.head.span.start) > open_line
                        && s.head.span.start > head_start
                }
                _ => false,
            });
            let Some(j) = split else {
                i += 1;
                continue;
            };
            // Keep comments just before the moved statement with it.
            let mut j = j;
            while j > 0
                && matches!(
                    block.items[j - 1],
                    Item::Comment(Comment {
                        trailing: false,
                        ..
                    }) | Item::Blank(_)
                )
            {
                j -= 1;
            }
            let moved: Vec<Item<'_>> = block.items.split_off(j);
            let first_moved = moved.iter().find_map(|m| match m {
                Item::Stmt(s) => Some(s.head.span),
                _ => None,
            });
            let spare = block.close.take();
            let open = block.open;
            if let Some(at) = first_moved {
                self.diags.retain(|d| !(d.code == "E003" && d.span == open));
                self.diags.push(cat::unclosed_before(open, at));
            }
            items.splice(i + 1..i + 1, moved);
            if let Some(sp) = spare {
                // The `}` this block took closes the enclosing one.
                spare_up = match spare_up {
                    None => Some(sp),
                    Some(prev) => {
                        self.diags.push(cat::stray_close(prev));
                        Some(sp)
                    }
                };
            }
            i += 1;
        }
        spare_up
    }
}

/// Find the first `{` that opens a block deeper than `MAX_DEPTH`, skipping
/// strings and comments the way the grammar reads them.
/// Parse in pieces of about this size, cut between top-level statements:
/// pest's token queue then stays small however large the file.
const CHUNK_BYTES: usize = 256 * 1024;

/// Scan the file the way the grammar reads it (strings, text blocks,
/// comments, braces): returns where top-level pieces of about `CHUNK_BYTES`
/// start, or the first `{` that opens a block deeper than `MAX_DEPTH`.
fn scan(src: &str, chunk: usize) -> Result<Vec<usize>, Span> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    let mut starts = vec![0];
    while i < b.len() {
        match b[i] {
            b'\n' if depth == 0 && i + 1 - starts[starts.len() - 1] >= chunk => {
                starts.push(i + 1);
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < b.len() && !b[i..].starts_with(b"\"\"\"") {
                    i += 1;
                }
                i += 3;
                continue;
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && !matches!(b[i], b'"' | b'\n' | b'\r') {
                    if b[i] == b'\\' && !matches!(b.get(i + 1), Some(b'\n' | b'\r') | None) {
                        i += 1;
                    }
                    i += 1;
                }
                // An unterminated string stops before a `{` ending its line
                // (as in the grammar): that `{` opens a block.
                if b.get(i) != Some(&b'"') {
                    let line = src.get(start..i.min(b.len())).unwrap_or("");
                    let code = line.split("//").next().unwrap_or("").trim_end();
                    if code.ends_with('{') || code.ends_with('｛') {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Err(Span::new(start, i.min(b.len())));
                        }
                    }
                    continue;
                }
            }
            b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Span::new(i, i + 1));
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            // ｛ and ｝ (EF BD 9B / EF BD 9D) open and close blocks too.
            0xEF if b[i..].starts_with(&[0xEF, 0xBD, 0x9B]) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Span::new(i, i + 3));
                }
                i += 3;
                continue;
            }
            0xEF if b[i..].starts_with(&[0xEF, 0xBD, 0x9D]) => {
                depth = depth.saturating_sub(1);
                i += 3;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(starts)
}

/// Characters XML 1.0 does not allow (tab, line feed and carriage return are
/// allowed; U+FFFE and U+FFFF are not characters).
pub fn is_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

struct Builder<'d> {
    diags: &'d mut Vec<Diagnostic>,
    /// Offset of the parsed piece in the file.
    base: usize,
}

impl<'d> Builder<'d> {
    fn span_of(&self, p: &Pair<'_, Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.base + s.start(), self.base + s.end())
    }

    /// The items of a file or of a block. `after_open` is true inside a block,
    /// where the `{` counts as content on its line.
    fn body<'a>(
        &mut self,
        pairs: pest::iterators::Pairs<'a, Rule>,
        after_open: bool,
    ) -> Vec<Item<'a>> {
        let mut items = Vec::new();
        let mut at_line_start = !after_open;
        let mut newlines = 0usize;
        let mut blank_start: Option<usize> = None;
        for pair in pairs {
            let rule = pair.as_rule();
            match rule {
                Rule::newline => {
                    newlines += 1;
                    at_line_start = true;
                    if newlines == 1 {
                        blank_start = Some(self.base + pair.as_span().end());
                    }
                    continue;
                }
                Rule::sep => {
                    if pair.as_str() != ";" {
                        self.diags
                            .push(cat::full_width(self.span_of(&pair), '；', ';'));
                    }
                    continue;
                }
                Rule::bom | Rule::EOI | Rule::close => continue,
                _ => {}
            }
            let span = self.span_of(&pair);
            if newlines >= 2 && !items.is_empty() {
                let start = blank_start.unwrap_or(span.start);
                items.push(Item::Blank(Span::new(start, span.start)));
            }
            let trailing = !at_line_start;
            newlines = 0;
            at_line_start = false;
            match rule {
                Rule::comment => items.push(Item::Comment(Comment {
                    span,
                    raw: pair.as_str(),
                    trailing,
                })),
                Rule::stray_close => {
                    if span.end - span.start > 1 {
                        self.diags.push(cat::full_width(span, '｝', '}'));
                    }
                    self.diags.push(cat::stray_close(span));
                    items.push(Item::StrayClose(span));
                }
                Rule::orphan_block => {
                    if let Some(inner) = pair.into_inner().next() {
                        let block = self.block(inner, None);
                        self.diags.push(cat::orphan_block(block.open));
                        items.push(Item::Orphan(block));
                    }
                }
                Rule::stmt => {
                    if let Some(stmt) = self.stmt(pair) {
                        items.push(Item::Stmt(Box::new(stmt)));
                    }
                }
                _ => {}
            }
        }
        // Exact sizes: a large sheet holds hundreds of thousands of these.
        items.shrink_to_fit();
        items
    }

    fn stmt<'a>(&mut self, pair: Pair<'a, Rule>) -> Option<Stmt<'a>> {
        let span = self.span_of(&pair);
        let mut tokens = Vec::new();
        let mut block_pair = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::block => block_pair = Some(p),
                _ => tokens.push(self.token(p)),
            }
        }
        // `year：2020`: a keyword glued to its value by a full-width colon.
        // Report it and read it as `year 2020`.
        if let Some(first) = tokens.first().copied() {
            if let Some(pos) = first.raw.find('：').filter(|p| *p > 0 && first.is_word()) {
                let colon = first.span.part(pos..pos + '：'.len_utf8());
                self.diags.push(cat::colon_after_keyword(colon));
                let head = Token {
                    kind: TokenKind::Word,
                    span: first.span.part(0..pos),
                    raw: &first.raw[..pos],
                };
                let rest_at = pos + '：'.len_utf8();
                tokens[0] = head;
                if rest_at < first.raw.len() {
                    let rest = Token {
                        kind: TokenKind::Word,
                        span: first.span.part(rest_at..first.raw.len()),
                        raw: &first.raw[rest_at..],
                    };
                    tokens.insert(1, rest);
                }
            }
        }
        let mut tokens = tokens.into_iter();
        let head = tokens.next()?;
        let block = block_pair.map(|b| self.block(b, Some(head.span)));
        Some(Stmt {
            span,
            head,
            args: {
                let mut args: Vec<Token<'a>> = tokens.collect();
                args.shrink_to_fit();
                args
            },
            block: block.map(Box::new),
        })
    }

    fn block<'a>(&mut self, pair: Pair<'a, Rule>, owner: Option<Span>) -> Block<'a> {
        let span = self.span_of(&pair);
        let open_len = pair.as_str().chars().next().map_or(1, char::len_utf8);
        let open = Span::new(span.start, span.start + open_len);
        if open_len > 1 {
            self.diags.push(cat::full_width(open, '｛', '{'));
        }
        let close = pair
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() == Rule::close)
            .map(|p| self.span_of(&p))
            .last();
        match close {
            None => self.diags.push(cat::unclosed_block(open, owner)),
            Some(c) if c.end - c.start > 1 => self.diags.push(cat::full_width(c, '｝', '}')),
            Some(_) => {}
        }
        let items = self.body(pair.into_inner(), true);
        Block {
            span,
            open,
            items,
            close,
        }
    }

    fn token<'a>(&mut self, p: Pair<'a, Rule>) -> Token<'a> {
        let span = self.span_of(&p);
        let raw = p.as_str();
        // Characters XML 1.0 forbids would corrupt the Word output; report
        // each where it stands (one per token is enough).
        if let Some((i, c)) = raw.char_indices().find(|(_, c)| is_forbidden(*c)) {
            self.diags
                .push(cat::control_char(span.part(i..i + c.len_utf8()), c));
        }
        let kind = match p.as_rule() {
            Rule::string => {
                let closed = p.into_inner().next().is_some();
                if !closed {
                    self.diags.push(cat::unterminated_string(span));
                }
                TokenKind::Str { closed }
            }
            Rule::text_block => {
                let closed = p.into_inner().next().is_some();
                if !closed {
                    self.diags.push(cat::unterminated_text(Span::new(
                        span.start,
                        span.start + 3,
                    )));
                }
                TokenKind::Text { closed }
            }
            Rule::comma => TokenKind::Comma,
            _ => TokenKind::Word,
        };
        Token { kind, span, raw }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(src: &str) -> Vec<&'static str> {
        parse(src).1.iter().map(|d| d.code).collect()
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
    fn parsing_in_pieces_gives_the_same_tree() {
        let example = include_str!("../../examples/beidaihe-2020.jx");
        let texts = [
            example.to_string(),
            example.replace('\n', "\r\n"),
            format!(
                "{example}\n}}\nproject \"x\" \"y\" {{ goal \"a {{\n  goal \"\"\"\n}}\n\"\"\"\n"
            ),
            example.replacen("  }\n", "", 3),
        ];
        for text in &texts {
            let whole = parse_in_pieces(text, usize::MAX);
            let pieces = parse_in_pieces(text, 1);
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

    #[test]
    fn unterminated_text_block() {
        assert_eq!(codes("summary \"\"\"\nabc\n"), ["E002"]);
    }
}
