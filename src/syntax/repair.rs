//! Repairs after parsing: a block that lost its `}` (or its `{`) is found by
//! indentation and reported where the brace is missing, and the statements
//! are re-nested as the author meant them, so one lost brace does not
//! cascade into errors all over the file.

use super::tree::{Comment, Item};
use crate::diag::{catalogue as cat, Code, Diagnostic};
use crate::source::Span;
use std::collections::HashSet;

/// Both repairs, run only when the parse left the signs of a lost brace.
pub(super) fn repair(src: &str, items: &mut Vec<Item<'_>>, diags: &mut Vec<Diagnostic>) {
    // A block left open at the end of the file usually lost its `}` much
    // earlier: find where by indentation, and report it there.
    if diags.iter().any(|d| d.code == Code::E003) {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut repair = Repair {
            src,
            line_starts,
            diags,
        };
        if let Some(spare) = repair.items(items) {
            repair.diags.push(cat::stray_close(spare));
        }
    }
    // A `}` left over at the top level often means a block closed early
    // (a `{` missing further up): the statements between, indented as if
    // inside, go back into the block.
    if items.iter().any(|i| matches!(i, Item::StrayClose(_))) {
        reopen_early_closed(src, items, diags);
    }
}

/// For each top-level stray `}`: when the statement before the run of
/// statements leading to it has a block, and every statement of the run is
/// indented deeper than that statement while the stray `}` is not, the block
/// really ends at the stray `}`. The `}` that ended it early stays inside as
/// the stray one, where it is reported (with the hint of a missing `{`).
fn reopen_early_closed(src: &str, items: &mut Vec<Item<'_>>, diags: &mut Vec<Diagnostic>) {
    let indent = |offset: usize| indentation(src, offset);
    // One pass that rebuilds the list: a repair moves the tail of what is
    // kept so far into its owner's block, and the reports a repair takes
    // back are removed all at once, so a file of many repairs stays linear.
    let mut out: Vec<Item<'_>> = Vec::with_capacity(items.len());
    let mut taken_back: HashSet<Span> = HashSet::new();
    for item in items.drain(..) {
        let Item::StrayClose(stray) = item else {
            out.push(item);
            continue;
        };
        // Back from the stray `}` to the first statement indented no deeper
        // than it: the owner of the block that may have closed early. Only a
        // `}` on a line of its own after statements qualifies.
        let after_stmts = matches!(
            out.last(),
            Some(Item::Stmt(_) | Item::Comment(_) | Item::Blank(_))
        );
        let stray_col = indent(stray.start);
        if !after_stmts || stray_col == usize::MAX {
            out.push(item);
            continue;
        }
        let mut owner_at = None;
        for (j, it) in out.iter().enumerate().rev() {
            match it {
                Item::Stmt(s) if indent(s.head.span.start) <= stray_col => {
                    owner_at = Some(j);
                    break;
                }
                Item::Stmt(_) | Item::Comment(_) | Item::Blank(_) => {}
                _ => break,
            }
        }
        let fits = owner_at.is_some_and(|j| match &out[j] {
            Item::Stmt(owner) => {
                owner.block.as_ref().is_some_and(|b| b.close.is_some())
                    && out[j + 1..].iter().any(|i| matches!(i, Item::Stmt(_)))
            }
            _ => false,
        });
        let (Some(j), true) = (owner_at, fits) else {
            out.push(item);
            continue;
        };
        let moved: Vec<Item<'_>> = out.drain(j + 1..).collect();
        let Some(Item::Stmt(owner)) = out.last_mut() else {
            out.extend(moved);
            out.push(item);
            continue;
        };
        let Some(block) = owner.block.as_mut() else {
            out.extend(moved);
            out.push(item);
            continue;
        };
        let early = block.close.replace(stray);
        block.span = Span::new(block.span.start, stray.end);
        if let Some(early) = early {
            block.items.push(Item::StrayClose(early));
            taken_back.insert(stray);
            diags.push(cat::early_close(early));
        }
        // Blank lines at the top level depend on where the parser cut the
        // file; inside the block they would make that visible: drop them.
        block
            .items
            .extend(moved.into_iter().filter(|i| !matches!(i, Item::Blank(_))));
    }
    *items = out;
    if !taken_back.is_empty() {
        diags.retain(|d| !(d.code == Code::E004 && taken_back.contains(&d.span)));
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
                    self.diags
                        .retain(|d| !(d.code == Code::E003 && d.span == open));
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
                self.diags
                    .retain(|d| !(d.code == Code::E003 && d.span == open));
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
