//! Turning what was read into tree items, with their diagnostics. Shared by
//! the parser and the pest reference parser, so that both give the same tree
//! and the same diagnostics in the same order by construction.

use super::tree::{Comment, Item, Token, TokenKind};
use crate::diag::{catalogue as cat, Diagnostic};
use crate::source::Span;

/// The items of one file or block as they are read: where blank lines fall
/// and whether an item trails another on its line.
pub struct ItemList<'a> {
    pub items: Vec<Item<'a>>,
    at_line_start: bool,
    /// An item was read already (no blank lines are recorded before the
    /// first).
    seen_item: bool,
    newlines: usize,
    /// Where the first line break since the last item ended.
    blank_start: Option<usize>,
}

impl<'a> ItemList<'a> {
    /// `after_open` is true inside a block, where the `{` counts as content
    /// on its line.
    pub fn new(after_open: bool) -> Self {
        Self::with_buffer(after_open, Vec::new())
    }

    /// Reading into `buffer` (empty; only its room is used), to be given
    /// back by `finish_exact`.
    pub fn with_buffer(after_open: bool, buffer: Vec<Item<'a>>) -> Self {
        ItemList {
            items: buffer,
            at_line_start: !after_open,
            seen_item: false,
            newlines: 0,
            blank_start: None,
        }
    }

    /// A line break ending at `end`.
    pub fn newline(&mut self, end: usize) {
        self.newlines += 1;
        self.at_line_start = true;
        if self.newlines == 1 {
            self.blank_start = Some(end);
        }
    }

    /// Called before an item starting at `start` is pushed: records the
    /// blank lines before it, and returns whether it trails another item (or
    /// the block's `{`) on its line.
    pub fn begin(&mut self, start: usize) -> bool {
        if self.newlines >= 2 && self.seen_item {
            let from = self.blank_start.unwrap_or(start);
            self.items.push(Item::Blank(Span::new(from, start)));
        }
        let trailing = !self.at_line_start;
        self.seen_item = true;
        self.newlines = 0;
        self.at_line_start = false;
        trailing
    }

    pub fn comment(&mut self, span: Span, raw: &'a str) {
        let trailing = self.begin(span.start);
        self.items.push(Item::Comment(Comment {
            span,
            raw,
            trailing,
        }));
    }

    /// A `}` (or `｝`) with no block to close.
    pub fn stray_close(&mut self, span: Span, diags: &mut Vec<Diagnostic>) {
        self.begin(span.start);
        if span.end - span.start > 1 {
            diags.push(cat::full_width(span, '｝', '}'));
        }
        diags.push(cat::stray_close(span));
        self.items.push(Item::StrayClose(span));
    }

    /// The items in a list of their exact size (a large sheet holds
    /// hundreds of thousands of lists), and the buffer, emptied for reuse.
    pub fn finish(mut self) -> (Vec<Item<'a>>, Vec<Item<'a>>) {
        let items: Vec<Item<'a>> = self.items.drain(..).collect();
        (items, self.items)
    }
}

/// A statement separator; the full-width `；` is reported.
pub fn separator(span: Span, diags: &mut Vec<Diagnostic>) {
    if span.end - span.start > 1 {
        diags.push(cat::full_width(span, '；', ';'));
    }
}

/// A token, with what is wrong inside it reported.
pub fn token<'a>(
    kind: TokenKind,
    span: Span,
    raw: &'a str,
    diags: &mut Vec<Diagnostic>,
) -> Token<'a> {
    // Forbidden characters (`source::is_forbidden_char`) would corrupt the
    // Word output; report each where it stands (one per token is enough).
    if let Some(i) = crate::source::first_forbidden(raw) {
        let c = raw[i..].chars().next().unwrap_or('\0');
        diags.push(cat::control_char(span.part(i..i + c.len_utf8()), c));
    }
    match kind {
        TokenKind::Str { closed: false } => diags.push(cat::unterminated_string(span)),
        TokenKind::Text { closed: false } => diags.push(cat::unterminated_text(Span::new(
            span.start,
            span.start + 3,
        ))),
        _ => {}
    }
    Token { kind, span, raw }
}

/// `year：2020`, `year:2020`: a keyword glued to its value by a colon.
/// Report it and read it as `year 2020`. An ASCII colon counts only after a
/// word of letters or Han characters and before a value (`10:30` is no
/// keyword).
pub fn split_glued_colon(tokens: &mut Vec<Token<'_>>, diags: &mut Vec<Diagnostic>) {
    let Some(first) = tokens.first().copied() else {
        return;
    };
    if !first.is_word() {
        return;
    }
    let full = first.raw.find('：').filter(|p| *p > 0).map(|p| (p, '：'));
    let ascii = || {
        let p = first.raw.find(':')?;
        let (head, rest) = (&first.raw[..p], &first.raw[p + 1..]);
        let wordlike = !head.is_empty()
            && head
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || !c.is_ascii());
        (wordlike && !rest.is_empty() && !rest.starts_with(':')).then_some((p, ':'))
    };
    let Some((pos, ch)) = full.or_else(ascii) else {
        return;
    };
    let colon = first.span.part(pos..pos + ch.len_utf8());
    diags.push(cat::colon_after_keyword(colon, ch));
    tokens[0] = Token {
        kind: TokenKind::Word,
        span: first.span.part(0..pos),
        raw: &first.raw[..pos],
    };
    let rest_at = pos + ch.len_utf8();
    if rest_at < first.raw.len() {
        tokens.insert(
            1,
            Token {
                kind: TokenKind::Word,
                span: first.span.part(rest_at..first.raw.len()),
                raw: &first.raw[rest_at..],
            },
        );
    }
}

/// What is wrong with a block's braces: a full-width `｛`, then a missing or
/// full-width `}`. Reported before what is inside the block.
pub fn brace_diagnostics(
    open: Span,
    close: Option<Span>,
    owner: Option<Span>,
) -> impl Iterator<Item = Diagnostic> {
    let open_diag = (open.end - open.start > 1).then(|| cat::full_width(open, '｛', '{'));
    let close_diag = match close {
        None => Some(cat::unclosed_block(open, owner)),
        Some(c) if c.end - c.start > 1 => Some(cat::full_width(c, '｝', '}')),
        Some(_) => None,
    };
    open_diag.into_iter().chain(close_diag)
}
