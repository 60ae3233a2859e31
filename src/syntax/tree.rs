//! The syntax tree: statements with their arguments and blocks, plus the
//! comments and blank lines between them, all with byte spans. It is what the
//! checker resolves and what the formatter prints back.

use crate::source::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxTree<'a> {
    pub items: Vec<Item<'a>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item<'a> {
    Stmt(Box<Stmt<'a>>),
    Comment(Comment<'a>),
    /// One or more empty lines between two items.
    Blank(Span),
    /// A `{ … }` with no statement before it on its line (already reported).
    /// Boxed: it is rare, and unboxed it would make every item twice as big.
    Orphan(Box<Block<'a>>),
    /// A `}` with no block to close (already reported).
    StrayClose(Span),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment<'a> {
    pub span: Span,
    /// The whole comment, `//` included.
    pub raw: &'a str,
    /// It follows a statement (or a `{`) on the same line.
    pub trailing: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stmt<'a> {
    pub span: Span,
    pub head: Token<'a>,
    pub args: Vec<Token<'a>>,
    pub block: Option<Box<Block<'a>>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block<'a> {
    pub span: Span,
    pub open: Span,
    pub items: Vec<Item<'a>>,
    /// None when the file ended before the `}` (already reported).
    pub close: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// `"…"`; `closed` is false when the line ended first.
    Str {
        closed: bool,
    },
    /// `"""…"""`; `closed` is false when the file ended first.
    Text {
        closed: bool,
    },
    Comma,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind,
    pub span: Span,
    /// The token exactly as written, quotes included.
    pub raw: &'a str,
}

impl<'a> Token<'a> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is_string(&self) -> bool {
        matches!(self.kind, TokenKind::Str { .. } | TokenKind::Text { .. })
    }
}

/// Whether a space goes before `args[i]` when a statement is printed: not
/// before a comma, and not after a comma that joins digit groups as written
/// (`12,500盏`, `1,200万元`), which is part of a number, not a list.
pub fn space_before(args: &[Token<'_>], i: usize) -> bool {
    let Some(tok) = args.get(i) else { return false };
    if tok.kind == TokenKind::Comma {
        return false;
    }
    if i >= 2 {
        let (prev, comma) = (&args[i - 2], &args[i - 1]);
        let digit_group = comma.kind == TokenKind::Comma
            && prev.is_word()
            && tok.is_word()
            && prev.span.end == comma.span.start
            && comma.span.end == tok.span.start
            && prev.raw.ends_with(|c: char| c.is_ascii_digit())
            && tok.raw.starts_with(|c: char| c.is_ascii_digit());
        if digit_group {
            return false;
        }
    }
    true
}

impl<'a> Stmt<'a> {
    /// The statements of the block, comments and blank lines skipped.
    pub fn children(&self) -> impl Iterator<Item = &Stmt<'a>> {
        self.block.iter().flat_map(|b| b.stmts())
    }
}

impl<'a> Block<'a> {
    pub fn stmts(&self) -> impl Iterator<Item = &Stmt<'a>> {
        self.items.iter().filter_map(|i| match i {
            Item::Stmt(s) => Some(&**s),
            _ => None,
        })
    }
}

impl<'a> SyntaxTree<'a> {
    pub fn stmts(&self) -> impl Iterator<Item = &Stmt<'a>> {
        self.items.iter().filter_map(|i| match i {
            Item::Stmt(s) => Some(&**s),
            _ => None,
        })
    }

    /// Every comment in the tree, in source order.
    pub fn comments(&self) -> Vec<&Comment<'a>> {
        fn walk<'t, 'a>(items: &'t [Item<'a>], out: &mut Vec<&'t Comment<'a>>) {
            for item in items {
                match item {
                    Item::Comment(c) => out.push(c),
                    Item::Stmt(s) => {
                        if let Some(b) = &s.block {
                            walk(&b.items, out);
                        }
                    }
                    Item::Orphan(b) => walk(&b.items, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &mut out);
        out
    }
}
