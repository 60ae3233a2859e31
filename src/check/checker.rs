//! The state of one check: the source, the sheet context it reads, and the
//! diagnostics it collects; with the keyword and block rules every statement
//! goes through.

use super::context::SheetContext;
use crate::diag::{catalogue as cat, Diagnostic};
use crate::lang::keywords::{home_of, spelt, Kw, Place};
use crate::lang::suggest::closest;
use crate::source::Span;
use crate::syntax::Stmt;

/// Full-width punctuation that is syntax in ASCII form.
pub const FULL_WIDTH: &[(char, char)] = &[
    ('，', ','),
    ('；', ';'),
    ('｛', '{'),
    ('｝', '}'),
    ('：', ':'),
    ('．', '.'),
];

pub struct Checker<'a> {
    pub src: &'a str,
    /// What the sheet says once for all its projects; never changed while a
    /// project is checked.
    pub ctx: &'a SheetContext,
    pub diags: Vec<Diagnostic>,
}

/// Statements seen once per block, to report repeats.
#[derive(Default)]
pub struct Seen(Vec<(Kw, Span)>);

impl Seen {
    pub fn first(&self, kw: Kw) -> Option<Span> {
        self.0.iter().find(|(k, _)| *k == kw).map(|(_, s)| *s)
    }
}

impl<'a> Checker<'a> {
    pub fn new(src: &'a str, ctx: &'a SheetContext) -> Checker<'a> {
        Checker {
            src,
            ctx,
            diags: Vec::new(),
        }
    }

    pub fn slice(&self, span: Span) -> &'a str {
        self.src.get(span.range()).unwrap_or("")
    }

    /// Resolve a statement's keyword among those allowed in this place.
    pub fn keyword(&mut self, stmt: &Stmt<'_>, place: Place) -> Option<Kw> {
        self.keyword_among(stmt, place.allowed(), place.describe())
    }

    /// Resolve a statement's keyword among `allowed`; `place` names where it stands.
    pub fn keyword_among(
        &mut self,
        stmt: &Stmt<'_>,
        allowed: &[Kw],
        place: (&str, &str),
    ) -> Option<Kw> {
        let head = &stmt.head;
        if head.is_word() {
            if let Some(kw) = Kw::lookup(head.raw).map(|k| k.resolve_in(allowed)) {
                if allowed.contains(&kw) {
                    return Some(kw);
                }
                let (hz, he) = home_of(kw);
                // Places named as the sheet spells its keywords.
                let chinese = !head.raw.is_ascii();
                self.diags.push(cat::misplaced(
                    head.span,
                    head.raw,
                    &spelt(place.0, chinese),
                    place.1,
                    Some((&spelt(hz, chinese), he)),
                ));
                return None;
            }
            // `year：2020` — a keyword glued to full-width punctuation.
            for (fw, ascii) in FULL_WIDTH {
                if let Some(pos) = head.raw.find(*fw) {
                    if Kw::lookup(&head.raw[..pos]).is_some() || pos == 0 {
                        let span = head.span.part(pos..pos + fw.len_utf8());
                        let ascii = if *ascii == ':' { ' ' } else { *ascii };
                        self.diags.push(cat::full_width(span, *fw, ascii));
                        return None;
                    }
                }
            }
        }
        let spellings = Kw::spellings(allowed);
        // `预算10.00`: a keyword glued to its value; else the closest.
        let glued = spellings
            .iter()
            .copied()
            .filter(|k| {
                head.raw.strip_prefix(k).is_some_and(|rest| {
                    rest.chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit() || c.is_ascii() != k.is_ascii())
                })
            })
            .max_by_key(|k| k.len());
        let suggestion = glued.or_else(|| closest(head.raw, spellings.iter().copied()));
        self.diags
            .push(cat::unknown_keyword(head.span, head.raw, suggestion));
        None
    }

    /// True the first time; reports a duplicate otherwise.
    pub fn once(&mut self, seen: &mut Seen, kw: Kw, stmt: &Stmt<'_>) -> bool {
        if let Some(first) = seen.first(kw) {
            self.diags
                .push(cat::duplicate_stmt(stmt.head.span, first, stmt.head.raw));
            return false;
        }
        seen.0.push((kw, stmt.head.span));
        true
    }

    /// Report a block on a statement that takes none.
    pub fn no_block(&mut self, stmt: &Stmt<'_>) {
        if let Some(b) = &stmt.block {
            self.diags
                .push(cat::unexpected_block(b.open, stmt.head.raw));
        }
    }
}
