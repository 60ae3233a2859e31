//! The parser: source text to tree items in one pass over the bytes, with no
//! backtracking beyond a few bytes of look-ahead. It reads exactly what
//! `grammar/jixiao.pest` describes; the pest reference parser
//! (`tests/suite/reference.rs`) is its test oracle, held to the same tree and the same
//! diagnostics over every fixture and thousands of mutated sheets.
//!
//! Like the grammar it is total: every input gives a tree, and malformed
//! pieces (an unterminated string, a missing `}`) become diagnostics.

use super::items::{self, ItemList};
use super::limits::MAX_DEPTH;
use super::tree::{Block, Item, Stmt, Token, TokenKind};
use crate::diag::{catalogue as cat, Diagnostic};
use crate::source::Span;

/// Full-width characters the syntax knows, as UTF-8.
const IDEOGRAPHIC_SPACE: &[u8] = "\u{3000}".as_bytes();
const FULL_OPEN: &[u8] = "｛".as_bytes();
const FULL_CLOSE: &[u8] = "｝".as_bytes();
const FULL_SEMICOLON: &[u8] = "；".as_bytes();

/// Parse a whole file. `Err` holds the `{` that opens a block deeper than
/// `MAX_DEPTH` (the input is then refused).
/// `dropped` counts the diagnostics past [`crate::diag::MAX_KEPT`], which
/// are not kept.
pub(super) fn parse<'a>(
    src: &'a str,
    diags: &mut Vec<Diagnostic>,
    dropped: &mut usize,
) -> Result<Vec<Item<'a>>, Span> {
    let mut top = TopLevel::new(src);
    let mut items = Vec::new();
    let mut strays = 0;
    while let Some(item) = top.next_item(diags) {
        let item = item?;
        crate::diag::keep_at_most(diags, dropped);
        // Stray `}` past the limit of kept diagnostics are only counted:
        // they mean nothing but their report, which is not kept either.
        if matches!(item, Item::StrayClose(_)) {
            strays += 1;
            if strays > crate::diag::MAX_KEPT {
                continue;
            }
        }
        items.push(item);
    }
    items.shrink_to_fit();
    Ok(items)
}

/// What one step of reading an item list met.
enum Step {
    /// An item (and the blank lines before it) was pushed.
    Item,
    /// The `}` closing the block.
    Close(Span),
    /// The end of the file.
    End,
}

/// The top-level items of a file one at a time, so that a large sheet can
/// be checked without holding its whole tree (`check::check_source`).
pub struct TopLevel<'a> {
    r: Reader<'a>,
    pos: usize,
    list: ItemList<'a>,
    /// Items read but not yet handed out, in reverse order.
    ready: Vec<Item<'a>>,
    scratch: Scratch<'a>,
}

impl<'a> TopLevel<'a> {
    pub fn new(src: &'a str) -> Self {
        TopLevel {
            r: Reader::new(src),
            // A BOM was removed by the caller (`SourceFile`, `fmt`): a
            // U+FEFF here is text, so that it is never taken away twice.
            pos: 0,
            list: ItemList::new(false),
            ready: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// The next top-level item, exactly as `parse` would have it before
    /// repairs; its diagnostics are added to `diags`. `Err` holds the `{`
    /// that opens a block deeper than `MAX_DEPTH`.
    pub fn next_item(&mut self, diags: &mut Vec<Diagnostic>) -> Option<Result<Item<'a>, Span>> {
        if let Some(item) = self.ready.pop() {
            return Some(Ok(item));
        }
        let mut p = Parser {
            r: self.r,
            pos: self.pos,
            depth: 0,
            diags,
            scratch: &mut self.scratch,
        };
        let step = p.step(&mut self.list, false);
        self.pos = p.pos;
        match step {
            Err(open) => Some(Err(open)),
            Ok(Step::End) => None,
            // No `}` closes the top level: it is a stray item there.
            Ok(Step::Item | Step::Close(_)) => {
                self.ready.extend(self.list.items.drain(..).rev());
                self.ready.pop().map(Ok)
            }
        }
    }
}

struct Parser<'a, 'd> {
    r: Reader<'a>,
    pos: usize,
    depth: usize,
    diags: &'d mut Vec<Diagnostic>,
    scratch: &'d mut Scratch<'a>,
}

/// Buffers reused from statement to statement, so that each list of the
/// tree is allocated once at its exact size (growing each list by doubling
/// was a third of all allocations of a build).
#[derive(Default)]
struct Scratch<'a> {
    tokens: Vec<Token<'a>>,
    /// One item buffer per nesting depth: lists at one depth are read one
    /// after another.
    items: Vec<Vec<Item<'a>>>,
}

/// The lexical questions the parser (and the reference parser's scan) ask
/// about the bytes of a file.
#[derive(Clone, Copy)]
pub(super) struct Reader<'a> {
    src: &'a str,
    b: &'a [u8],
}

/// Length of the UTF-8 sequence a lead byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

impl<'a> Reader<'a> {
    pub fn new(src: &'a str) -> Self {
        Reader {
            src,
            b: src.as_bytes(),
        }
    }

    fn at(&self, i: usize, s: &[u8]) -> bool {
        self.b.get(i..i + s.len()) == Some(s)
    }

    /// Length of the horizontal space character at `i`, or 0.
    fn space_len(&self, i: usize) -> usize {
        match self.b.get(i) {
            Some(b' ' | b'\t' | 0x0B | 0x0C) => 1,
            Some(0xE3) if self.at(i, IDEOGRAPHIC_SPACE) => 3,
            _ => 0,
        }
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        loop {
            match self.space_len(i) {
                0 => return i,
                n => i += n,
            }
        }
    }

    /// Length of the block opener (`{` or `｛`) at `i`, or 0.
    fn open_len(&self, i: usize) -> usize {
        match self.b.get(i) {
            Some(b'{') => 1,
            Some(0xEF) if self.at(i, FULL_OPEN) => 3,
            _ => 0,
        }
    }

    fn is_line_break(&self, i: usize) -> bool {
        matches!(self.b.get(i), Some(b'\n' | b'\r'))
    }

    /// Where the line holding `i` ends (before its line break).
    fn line_end(&self, i: usize) -> usize {
        self.b[i..]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .map_or(self.b.len(), |n| i + n)
    }

    /// Whether a token can start at `i`: anything but space, a line break,
    /// a brace, a separator or a comment.
    fn at_atom(&self, i: usize) -> bool {
        match self.b.get(i) {
            None => false,
            Some(b' ' | b'\t' | 0x0B | 0x0C | b'\n' | b'\r' | b'{' | b'}' | b';') => false,
            Some(b'/') => self.b.get(i + 1) != Some(&b'/'),
            Some(0xE3) => !self.at(i, IDEOGRAPHIC_SPACE),
            Some(0xEF) => {
                !(self.at(i, FULL_OPEN) || self.at(i, FULL_CLOSE) || self.at(i, FULL_SEMICOLON))
            }
            Some(_) => true,
        }
    }

    /// Where the content of a string whose text starts at `i` ends: at its
    /// closing quote, at the end of its line, or, when it is unterminated,
    /// before a `{` that ends the line (so that the block after it still
    /// parses).
    pub fn string_end(&self, mut i: usize) -> usize {
        while let Some(&c) = self.b.get(i) {
            match c {
                b'"' | b'\n' | b'\r' => return i,
                b'\\' => match self.b.get(i + 1) {
                    Some(&n) if n != b'\n' && n != b'\r' => i += 1 + utf8_len(n),
                    _ => i += 1,
                },
                b' ' | b'\t' | 0x0B | 0x0C | b'{' | 0xE3 | 0xEF if self.block_at_line_end(i) => {
                    return i
                }
                _ => i += utf8_len(c),
            }
        }
        i
    }

    /// A `{` at `i`, after spaces, with only spaces and a comment after it
    /// on its line.
    fn block_at_line_end(&self, i: usize) -> bool {
        let j = self.skip_spaces(i);
        let n = self.open_len(j);
        if n == 0 {
            return false;
        }
        let mut k = self.skip_spaces(j + n);
        if self.at(k, b"//") {
            k = self.line_end(k);
        }
        k == self.b.len() || self.is_line_break(k)
    }

    /// Where a word starting at `i` ends: at space, a line break, a brace, a
    /// quote, a separator, a comma or a comment.
    fn word_end(&self, mut i: usize) -> usize {
        while let Some(&c) = self.b.get(i) {
            match c {
                b' ' | b'\t' | 0x0B | 0x0C | b'\n' | b'\r' | b'{' | b'}' | b'"' | b';' | b',' => {
                    return i
                }
                b'/' if self.b.get(i + 1) == Some(&b'/') => return i,
                0xE3 if self.at(i, IDEOGRAPHIC_SPACE) => return i,
                0xEF if self.at(i, FULL_OPEN)
                    || self.at(i, FULL_CLOSE)
                    || self.at(i, FULL_SEMICOLON) =>
                {
                    return i
                }
                _ => i += utf8_len(c),
            }
        }
        i
    }
}

impl<'a> Parser<'a, '_> {
    /// The items of a block up to its `}` (returned; `None` when the file
    /// ends first).
    fn block_items(&mut self) -> Result<(Vec<Item<'a>>, Option<Span>), Span> {
        let buffer = self
            .scratch
            .items
            .get_mut(self.depth)
            .map(std::mem::take)
            .unwrap_or_default();
        let mut list = ItemList::with_buffer(true, buffer);
        let close = loop {
            match self.step(&mut list, true)? {
                Step::Item => {}
                Step::Close(span) => break Some(span),
                Step::End => break None,
            }
        };
        let (items, buffer) = list.finish();
        if self.scratch.items.len() <= self.depth {
            self.scratch.items.resize_with(self.depth + 1, Vec::new);
        }
        self.scratch.items[self.depth] = buffer;
        Ok((items, close))
    }

    /// Read up to the next item (pushed on `list`), the `}` of the block, or
    /// the end of the file.
    fn step(&mut self, list: &mut ItemList<'a>, in_block: bool) -> Result<Step, Span> {
        loop {
            let start = self.pos;
            let Some(&c) = self.r.b.get(start) else {
                return Ok(Step::End);
            };
            let spaces = self.r.space_len(start);
            if spaces > 0 {
                self.pos += spaces;
                continue;
            }
            match c {
                b'\n' => {
                    self.pos += 1;
                    list.newline(self.pos);
                }
                b'\r' => {
                    self.pos += if self.r.b.get(start + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    list.newline(self.pos);
                }
                b'/' if self.r.b.get(start + 1) == Some(&b'/') => {
                    self.pos = self.r.line_end(start);
                    list.comment(Span::new(start, self.pos), &self.r.src[start..self.pos]);
                    return Ok(Step::Item);
                }
                b';' => self.pos += 1,
                0xEF if self.r.at(start, FULL_SEMICOLON) => {
                    self.pos += FULL_SEMICOLON.len();
                    items::separator(Span::new(start, self.pos), self.diags);
                }
                b'}' | 0xEF if c == b'}' || self.r.at(start, FULL_CLOSE) => {
                    self.pos += if c == b'}' { 1 } else { FULL_CLOSE.len() };
                    let span = Span::new(start, self.pos);
                    if in_block {
                        return Ok(Step::Close(span));
                    }
                    list.stray_close(span, self.diags);
                    return Ok(Step::Item);
                }
                _ if self.r.open_len(start) > 0 => {
                    list.begin(start);
                    let block = self.block(None)?;
                    self.diags.push(cat::orphan_block(block.open));
                    list.items.push(Item::Orphan(Box::new(block)));
                    return Ok(Step::Item);
                }
                _ => {
                    list.begin(start);
                    let stmt = self.stmt()?;
                    list.items.push(Item::Stmt(Box::new(stmt)));
                    return Ok(Step::Item);
                }
            }
        }
    }

    /// A statement: tokens on one line, then an optional block.
    fn stmt(&mut self) -> Result<Stmt<'a>, Span> {
        let start = self.pos;
        let mut tokens = std::mem::take(&mut self.scratch.tokens);
        tokens.clear();
        tokens.push(self.token());
        let mut has_block = false;
        loop {
            let after = self.r.skip_spaces(self.pos);
            if self.r.at_atom(after) {
                self.pos = after;
                tokens.push(self.token());
            } else {
                if self.r.open_len(after) > 0 {
                    self.pos = after;
                    has_block = true;
                }
                break;
            }
        }
        items::split_glued_colon(&mut tokens, self.diags);
        let head = tokens[0];
        let args = tokens[1..].to_vec();
        // Back before the block: its statements use it.
        self.scratch.tokens = tokens;
        let block = if has_block {
            Some(Box::new(self.block(Some(head.span))?))
        } else {
            None
        };
        Ok(Stmt {
            span: Span::new(start, self.pos),
            head,
            args,
            block,
        })
    }

    /// A block, from its `{` to its `}` (or the end of the file).
    fn block(&mut self, owner: Option<Span>) -> Result<Block<'a>, Span> {
        let start = self.pos;
        let open = Span::new(start, start + self.r.open_len(start));
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(open);
        }
        self.pos = open.end;
        // The braces are reported before what is inside the block.
        let at = self.diags.len();
        let (items, close) = self.block_items()?;
        self.depth -= 1;
        let braces: Vec<Diagnostic> = items::brace_diagnostics(open, close, owner).collect();
        self.diags.splice(at..at, braces);
        Ok(Block {
            span: Span::new(start, self.pos),
            open,
            items,
            close,
        })
    }

    /// One token at `pos` (the caller checked that one starts there).
    fn token(&mut self) -> Token<'a> {
        let start = self.pos;
        let kind = if self.r.at(start, b"\"\"\"") {
            match self.r.src[start + 3..].find("\"\"\"") {
                Some(n) => {
                    self.pos = start + 3 + n + 3;
                    TokenKind::Text { closed: true }
                }
                None => {
                    self.pos = self.r.b.len();
                    TokenKind::Text { closed: false }
                }
            }
        } else if self.r.b[start] == b'"' {
            self.pos = self.r.string_end(start + 1);
            let closed = self.r.b.get(self.pos) == Some(&b'"');
            if closed {
                self.pos += 1;
            }
            TokenKind::Str { closed }
        } else if self.r.b[start] == b',' {
            self.pos += 1;
            TokenKind::Comma
        } else {
            // A word is never empty (the callers checked that a token starts
            // here); the guard keeps the parser moving whatever happens.
            self.pos = self
                .r
                .word_end(start)
                .max(start + utf8_len(self.r.b[start]));
            TokenKind::Word
        };
        let span = Span::new(start, self.pos);
        items::token(kind, span, &self.r.src[start..self.pos], self.diags)
    }
}
