//! Character-level diff of edited texts.
//!
//! Chinese has no spaces between words, so a word diff sees a whole sentence as one word.
//! This module aligns two texts character by character (longest common subsequence after
//! trimming the common prefix and suffix) and then folds tiny equal islands into the edits
//! around them, so that `按时` → `及时` does not read as a scatter of one-character edits.

use serde::Serialize;
use similar::algorithms::Capture;
use similar::DiffOp;

/// One piece of an inline diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Segment {
    Equal(String),
    Delete(String),
    Insert(String),
}

/// Above this many cells (old chars × new chars, after trimming) the middle part is shown
/// as one deletion and one insertion instead of aligning it.
const MAX_CELLS: usize = 4_000_000;

/// The character diff of `old` and `new`: equal, deleted and inserted runs in reading
/// order; within one edited stretch the deletion comes before the insertion.
pub fn char_diff(old: &str, new: &str) -> Vec<Segment> {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let am = &a[prefix..a.len() - suffix];
    let bm = &b[prefix..b.len() - suffix];

    // Operations over single characters: 0 equal, 1 delete, 2 insert.
    let mut ops: Vec<(u8, char)> = Vec::with_capacity(a.len() + b.len());
    ops.extend(a[..prefix].iter().map(|&c| (0, c)));
    if am.is_empty() || bm.is_empty() || am.len().saturating_mul(bm.len()) > MAX_CELLS {
        ops.extend(am.iter().map(|&c| (1, c)));
        ops.extend(bm.iter().map(|&c| (2, c)));
    } else {
        lcs_ops(am, bm, &mut ops);
    }
    ops.extend(a[a.len() - suffix..].iter().map(|&c| (0, c)));
    cleanup(group(&ops))
}

/// Appends the LCS alignment of `a` and `b` as single-character operations.
fn lcs_ops(a: &[char], b: &[char], ops: &mut Vec<(u8, char)>) {
    for op in lcs(a, b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                ops.extend(a[old_index..old_index + len].iter().map(|&c| (0, c)))
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => ops.extend(a[old_index..old_index + old_len].iter().map(|&c| (1, c))),
            DiffOp::Insert {
                new_index, new_len, ..
            } => ops.extend(b[new_index..new_index + new_len].iter().map(|&c| (2, c))),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                ops.extend(a[old_index..old_index + old_len].iter().map(|&c| (1, c)));
                ops.extend(b[new_index..new_index + new_len].iter().map(|&c| (2, c)));
            }
        }
    }
}

/// A longest-common-subsequence alignment of two sequences (similar's LCS,
/// whose ties go to deletions first): the one alignment the text diff and
/// the list diff share. Callers bound the product of the lengths.
pub(crate) fn lcs<T: PartialEq>(old: &[T], new: &[T]) -> Vec<DiffOp> {
    let mut capture = Capture::new();
    // Capture never fails.
    let _ = similar::algorithms::lcs::diff_deadline_raw(
        &mut capture,
        old,
        0..old.len(),
        new,
        0..new.len(),
        None,
    );
    capture.into_ops()
}

/// A stretch of the diff: equal text, or an edit (deleted and inserted text).
enum Run {
    Equal(String),
    Edit(String, String),
}

fn group(ops: &[(u8, char)]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for &(op, c) in ops {
        match (op, runs.last_mut()) {
            (0, Some(Run::Equal(s))) => s.push(c),
            (0, _) => runs.push(Run::Equal(c.to_string())),
            (1, Some(Run::Edit(d, _))) => d.push(c),
            (_, Some(Run::Edit(_, i))) if op == 2 => i.push(c),
            (1, _) => runs.push(Run::Edit(c.to_string(), String::new())),
            _ => runs.push(Run::Edit(String::new(), c.to_string())),
        }
    }
    runs
}

/// Folds an equal run of one character lying between two edits into them (`按时`→`及时`
/// stays `[-按-]{+及+}时`, but `一二三`→`四二五` becomes one edit), then emits segments.
fn cleanup(runs: Vec<Run>) -> Vec<Segment> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut iter = runs.into_iter().peekable();
    while let Some(run) = iter.next() {
        match run {
            Run::Equal(s)
                if s.chars().count() == 1
                    && matches!(out.last(), Some(Run::Edit(..)))
                    && matches!(iter.peek(), Some(Run::Edit(..))) =>
            {
                if let Some(Run::Edit(d, i)) = out.last_mut() {
                    d.push_str(&s);
                    i.push_str(&s);
                }
            }
            Run::Edit(d, i) => {
                if let Some(Run::Edit(pd, pi)) = out.last_mut() {
                    pd.push_str(&d);
                    pi.push_str(&i);
                } else {
                    out.push(Run::Edit(d, i));
                }
            }
            other => out.push(other),
        }
    }
    let mut segs = Vec::new();
    for run in out {
        match run {
            Run::Equal(s) => segs.push(Segment::Equal(s)),
            Run::Edit(d, i) => {
                if !d.is_empty() {
                    segs.push(Segment::Delete(d));
                }
                if !i.is_empty() {
                    segs.push(Segment::Insert(i));
                }
            }
        }
    }
    segs
}

/// The inline diff written wdiff-style: `能够[-按时-]{+及时+}支付`.
pub fn inline(segs: &[Segment]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Segment::Equal(t) => s.push_str(t),
            Segment::Delete(t) => {
                s.push_str("[-");
                s.push_str(t);
                s.push_str("-]");
            }
            Segment::Insert(t) => {
                s.push_str("{+");
                s.push_str(t);
                s.push_str("+}");
            }
        }
    }
    s
}

/// Similarity of two texts in [0, 1]: twice the common characters over the total length
/// (after the same alignment as [`char_diff`]), as a per-mille integer to stay exact.
pub fn similarity_permille(old: &str, new: &str) -> u32 {
    let total = old.chars().count() + new.chars().count();
    if total == 0 {
        return 1000;
    }
    let common: usize = char_diff(old, new)
        .iter()
        .map(|s| match s {
            Segment::Equal(t) => t.chars().count(),
            _ => 0,
        })
        .sum();
    (common * 2 * 1000 / total) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> String {
        inline(&char_diff(a, b))
    }

    #[test]
    fn chinese_is_segmented_by_character() {
        assert_eq!(
            d(
                "资金到位及时，能够按时支付劳务派遣支出。",
                "资金到位及时，能够及时支付劳务派遣费用。"
            ),
            "资金到位及时，能够[-按-]{+及+}时支付劳务派遣[-支出-]{+费用+}。"
        );
    }

    #[test]
    fn identical_and_empty() {
        assert_eq!(d("相同", "相同"), "相同");
        assert_eq!(d("", "新增"), "{+新增+}");
        assert_eq!(d("删除", ""), "[-删除-]");
        assert_eq!(char_diff("", ""), vec![]);
    }

    #[test]
    fn one_char_islands_are_folded() {
        assert_eq!(d("一二三", "四二五"), "[-一二三-]{+四二五+}");
    }

    #[test]
    fn similarity() {
        assert_eq!(similarity_permille("abcd", "abcd"), 1000);
        assert_eq!(similarity_permille("abcd", "wxyz"), 0);
        assert_eq!(similarity_permille("ab", "abcd"), 666);
    }
}
