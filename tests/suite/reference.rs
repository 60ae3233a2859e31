//! The reference parser: `grammar/jixiao.pest` run by pest. It is the
//! executable specification of the surface syntax and the oracle the tests
//! hold the library's hand-written parser (`src/syntax/parser.rs`) to;
//! compilation does not use it (pest and its token queue took 60 % of the
//! time of a build), and the library does not depend on pest. The fuzz
//! target `parser_oracle` includes this file too.

use jixiao::diag::{catalogue as cat, Diagnostic};
use jixiao::source::Span;
use jixiao::syntax::oracle_support::{self as items, ItemList};
use jixiao::syntax::{Block, Item, Stmt, SyntaxTree, Token, TokenKind, MAX_DEPTH, MAX_INPUT_BYTES};
use pest::iterators::{Pair, Pairs};
use pest::Parser;

#[derive(pest_derive::Parser)]
// The path is relative to the crate's `src/`.
#[grammar = "../grammar/jixiao.pest"]
struct Grammar;

/// Parse with the grammar, cutting the file into top-level pieces of about
/// `chunk` bytes (pest's token queue then stays small; the tests check that
/// any cut gives the same tree). Returns the tree, the diagnostics, and
/// whether the input was refused outright.
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
    items::repair(src, &mut items, &mut diags);
    (SyntaxTree { items }, diags, false)
}

/// Scan the file the way the grammar reads it (strings, text blocks,
/// comments, braces): returns where top-level pieces of about `chunk` bytes
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
                // Exactly where the grammar ends it: an unterminated string
                // stops before a `{` that ends its line, which then opens a
                // block (the scan goes on from there).
                i = items::string_end(src, i + 1);
                if b.get(i) == Some(&b'"') {
                    i += 1;
                }
                continue;
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

struct Builder<'d> {
    diags: &'d mut Vec<Diagnostic>,
    /// Offset of the parsed piece in the file.
    base: usize,
}

impl Builder<'_> {
    fn span_of(&self, p: &Pair<'_, Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.base + s.start(), self.base + s.end())
    }

    /// The items of a file or of a block.
    fn body<'a>(&mut self, pairs: Pairs<'a, Rule>, after_open: bool) -> Vec<Item<'a>> {
        let mut list = ItemList::new(after_open);
        for pair in pairs {
            let span = self.span_of(&pair);
            match pair.as_rule() {
                Rule::newline => list.newline(span.end),
                Rule::sep => items::separator(span, self.diags),
                Rule::comment => list.comment(span, pair.as_str()),
                Rule::stray_close => list.stray_close(span, self.diags),
                Rule::orphan_block => {
                    if let Some(inner) = pair.into_inner().next() {
                        list.begin(span.start);
                        let block = self.block(inner, None);
                        self.diags.push(cat::orphan_block(block.open));
                        list.items.push(Item::Orphan(Box::new(block)));
                    }
                }
                Rule::stmt => {
                    list.begin(span.start);
                    if let Some(stmt) = self.stmt(pair) {
                        list.items.push(Item::Stmt(Box::new(stmt)));
                    }
                }
                _ => {}
            }
        }
        list.finish().0
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
        items::split_glued_colon(&mut tokens, self.diags);
        let mut tokens = tokens.into_iter();
        let head = tokens.next()?;
        let block = block_pair.map(|b| self.block(b, Some(head.span)));
        let mut args: Vec<Token<'a>> = tokens.collect();
        args.shrink_to_fit();
        Some(Stmt {
            span,
            head,
            args,
            block: block.map(Box::new),
        })
    }

    fn block<'a>(&mut self, pair: Pair<'a, Rule>, owner: Option<Span>) -> Block<'a> {
        let span = self.span_of(&pair);
        let open_len = pair.as_str().chars().next().map_or(1, char::len_utf8);
        let open = Span::new(span.start, span.start + open_len);
        let close = pair
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() == Rule::close)
            .map(|p| self.span_of(&p))
            .last();
        self.diags
            .extend(items::brace_diagnostics(open, close, owner));
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
        let kind = match p.as_rule() {
            Rule::string => TokenKind::Str {
                closed: p.clone().into_inner().next().is_some(),
            },
            Rule::text_block => TokenKind::Text {
                closed: p.clone().into_inner().next().is_some(),
            },
            Rule::comma => TokenKind::Comma,
            _ => TokenKind::Word,
        };
        items::token(kind, span, p.as_str(), self.diags)
    }
}
