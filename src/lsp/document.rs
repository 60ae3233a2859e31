//! One open document: its text as the client holds it, its line index and
//! what the library made of it. An edit re-reads only the top-level items it
//! touched and checks them against the sheet's context
//! ([`jixiao::check_items`]), then the checks across projects again
//! ([`jixiao::sheet_checks`]), when that is sure to give what a whole
//! analysis gives; a client that sends the whole text gets the same, the
//! edit found by comparing the texts. Anything else (a header statement
//! touched, a brace lost) analyses the whole file again.

use super::position::{Encoding, LineIndex};
use jixiao::diag::{Code, Diagnostic};
use jixiao::model::{IndicatorSpans, ProjectSpans, Sheet, SourceMap, SourceSpans};
use jixiao::source::{SourceFile, Span};
use jixiao::syntax::{self, Item};
use jixiao::vocabulary::{keyword, Kw};
use jixiao::SheetContext;
use lsp_types::TextDocumentContentChangeEvent;

/// A top-level statement, as the incremental path needs it.
#[derive(Clone, Debug)]
struct Top {
    span: Span,
    /// Its keyword is one of those a project is not (a department, a unit
    /// definition, an overall part, or a misplaced one): the sheet's context
    /// or its sheet-wide facts may read it.
    header: bool,
    /// Its index in the sheet's projects, when it was checked into one.
    model: Option<usize>,
}

impl Top {
    fn of(stmt: &jixiao::syntax::Stmt<'_>) -> Top {
        Top {
            span: stmt.span,
            header: keyword(stmt.head.raw).is_some_and(|k| k != Kw::Project),
            model: None,
        }
    }
}

/// What the library made of the text. Spans are byte ranges of the text
/// without its byte-order mark (`Document::body`).
#[derive(Debug)]
pub struct Analysed {
    pub diagnostics: Vec<Diagnostic>,
    pub sheet: Option<Sheet>,
    pub source_map: SourceMap,
    pub context: SheetContext,
    tops: Vec<Top>,
    /// Whether a project may be re-checked alone: no lost or stray brace
    /// (their repair looks at the whole file), nothing refused or dropped.
    incremental: bool,
}

/// How a change was analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
    /// The whole file again.
    Full,
    /// Only the top-level items the edit touched re-read and checked
    /// against the sheet's context, then the checks across projects.
    Items,
}

/// Codes after which only a whole analysis is right.
const WHOLE_FILE_CODES: &[Code] = &[Code::E002, Code::E003, Code::E004, Code::E009, Code::E010];

pub struct Document {
    pub text: String,
    pub version: i32,
    pub index: LineIndex,
    /// Bytes before the text the library reads (a byte-order mark).
    pub skip: usize,
    pub analysed: Analysed,
    /// Changed by the incremental path since the last whole analysis.
    pub stale: bool,
    /// The file the document is, when its URI names one: a self-evaluation
    /// reads the sheet it names beside it.
    pub path: Option<std::path::PathBuf>,
}

impl Document {
    /// A document that is no file (tests).
    #[cfg(test)]
    pub fn new(text: String, version: i32) -> Document {
        Document::at(text, version, None)
    }

    /// A document that is the file at `path`.
    pub fn at(text: String, version: i32, path: Option<std::path::PathBuf>) -> Document {
        let (skip, analysed) = analyse(&text, path.as_deref());
        Document {
            index: LineIndex::new(&text),
            text,
            version,
            skip,
            analysed,
            stale: false,
            path,
        }
    }

    /// The text the library reads: without a byte-order mark.
    pub fn body(&self) -> &str {
        self.text.get(self.skip..).unwrap_or("")
    }

    /// Analyse the whole text again.
    pub fn reanalyse(&mut self) {
        let (skip, analysed) = analyse(&self.text, self.path.as_deref());
        self.skip = skip;
        self.analysed = analysed;
        self.stale = false;
    }

    /// Apply the client's changes in order, then analyse: a single change
    /// (a range, or the whole text compared with the old) re-reads only the
    /// top-level items it touched when that gives what a whole analysis
    /// gives (`recheck_items`); else the whole file.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        enc: Encoding,
    ) -> Path {
        self.version = version;
        let single = changes.len() == 1;
        let mut edit = None;
        for change in changes {
            match change.range {
                None => {
                    // The whole text: what changed lies between the common
                    // prefix and the common suffix.
                    let (a, b, inserted) = changed_range(&self.text, &change.text);
                    self.text = change.text;
                    edit = Some((a, b, inserted));
                }
                Some(r) => {
                    let a = self.index.offset(&self.text, r.start, enc);
                    let b = self.index.offset(&self.text, r.end, enc).max(a);
                    self.text.replace_range(a..b, &change.text);
                    edit = Some((a, b, change.text.len()));
                }
            }
            self.index = LineIndex::new(&self.text);
        }
        if let (true, Some((a, b, inserted))) = (single, edit) {
            if self.recheck_items(a, b, inserted) {
                self.stale = true;
                return Path::Items;
            }
        }
        self.reanalyse();
        Path::Full
    }

    /// Re-read the top-level items the edit of the old bytes `a..b`
    /// (offsets in the text, byte-order mark included), now `inserted`
    /// bytes long, touched, and check them alone against the sheet's
    /// context; then the checks across projects again. False when the edit
    /// needs a whole analysis.
    ///
    /// The items re-read are whole lines: from the start of the line after
    /// the last statement that ends before the edit, to the start of the
    /// line of the first statement that begins after it. At both points a
    /// whole parse stands at the top level at a line's start, so parsing
    /// that region alone gives the items a whole parse gives, unless a
    /// block or a text block is left open in it or a `}` is stray (then the
    /// parser's repairs look at the whole file; those are refused). The
    /// context is unchanged when no header statement is among the old
    /// items or the new (`check_items` refuses those).
    fn recheck_items(&mut self, a: usize, b: usize, inserted: usize) -> bool {
        let skip = self.skip;
        let an = &mut self.analysed;
        // The byte-order mark the library skips must be the same.
        let bom = if self.text.starts_with('\u{FEFF}') {
            3
        } else {
            0
        };
        if !an.incremental || a < skip || bom != skip || self.text.starts_with("\u{FEFF}\u{FEFF}") {
            return false;
        }
        let Some(sheet) = an.sheet.as_mut() else {
            return false;
        };
        let body = self.text.get(skip..).unwrap_or("");
        // A whole parse refuses a text this large; a part of it would not.
        if body.len() > syntax::MAX_INPUT_BYTES {
            return false;
        }
        let bytes = body.as_bytes();
        let (a, b) = (a - skip, b - skip);
        let delta = inserted as isize - (b - a) as isize;
        let old_len = (body.len() as isize - delta) as usize;
        // Bytes at or after old offset `b` now stand `delta` further.
        let new_at = |old: usize| (old as isize + delta) as usize;
        let tops = &an.tops;
        // The first statement of the region: the first that does not end
        // before the edit's line, once its predecessor ends a clean line.
        let mut i = tops.partition_point(|t| t.span.end < a);
        let lo = loop {
            if i == 0 {
                break 0;
            }
            match line_after(bytes, tops[i - 1].span.end) {
                Some(lo) if lo <= a => break lo,
                _ => i -= 1,
            }
        };
        // One past the last: the first that begins after the edit, at the
        // start of its line.
        let mut j = tops.partition_point(|t| t.span.start <= b).max(i);
        let hi = loop {
            if j == tops.len() {
                break old_len;
            }
            let start = tops[j].span.start;
            match line_before(bytes, new_at(start)) {
                Some(line) if line >= new_at(b) => break (line as isize - delta) as usize,
                _ => j += 1,
            }
        };
        if tops[i..j].iter().any(|t| t.header) {
            return false;
        }
        let Some(sub) = body.get(lo..new_at(hi)) else {
            return false;
        };
        let (tree, syntax_diags, refused) = syntax::parse_or_refuse(sub);
        if refused
            || syntax_diags
                .iter()
                .any(|d| WHOLE_FILE_CODES.contains(&d.code))
        {
            return false;
        }
        let Some(check) = jixiao::check_items(&an.context, sub, &tree.items) else {
            return false;
        };
        if an.diagnostics.len() + syntax_diags.len() + check.diagnostics.len()
            >= jixiao::diag::MAX_KEPT / 2
        {
            return false;
        }
        // The new items' facts, moved to where they stand in the text.
        let k0 = tops[..i].iter().filter(|t| t.model.is_some()).count();
        let k1 = k0 + tops[i..j].iter().filter(|t| t.model.is_some()).count();
        let mut projects = Vec::new();
        let mut spans = Vec::new();
        for c in check.projects {
            if let Some(p) = c.project {
                let mut s = c.spans;
                shift_project(&mut s, 0, lo as isize);
                projects.push(p);
                spans.push(s);
            }
        }
        let mut fresh_tops = Vec::new();
        let mut next = k0;
        for item in &tree.items {
            let Item::Stmt(stmt) = item else {
                continue;
            };
            let mut top = Top::of(stmt);
            shift(&mut top.span, 0, lo as isize);
            if spans.get(next - k0).is_some_and(|s| s.stmt == top.span) {
                top.model = Some(next);
                next += 1;
            }
            fresh_tops.push(top);
        }
        if next - k0 != projects.len() {
            return false;
        }
        let added = projects.len() as isize - (k1 - k0) as isize;
        // The model: the region's projects replaced, every later span moved.
        sheet.projects.splice(k0..k1, projects);
        let map = &mut an.source_map;
        let count = spans.len();
        map.projects.splice(k0..k1, spans);
        for p in &mut map.projects[k0 + count..] {
            shift_project(p, hi, delta);
        }
        if let Some(d) = &mut map.department {
            for s in [&mut d.head, &mut d.name] {
                shift(s, hi, delta);
            }
            for s in [&mut d.code, &mut d.budget].into_iter().flatten() {
                shift(s, hi, delta);
            }
        }
        if let Some(o) = &mut map.overall {
            shift(&mut o.head, hi, delta);
            o.indicators
                .iter_mut()
                .for_each(|s| shift_indicator(s, hi, delta));
        }
        let tail: Vec<Top> = an
            .tops
            .drain(i..)
            .skip(j - i)
            .map(|mut t| {
                shift(&mut t.span, hi, delta);
                t.model = t.model.map(|k| (k as isize + added) as usize);
                t
            })
            .collect();
        an.tops.extend(fresh_tops);
        an.tops.extend(tail);
        // The diagnostics: those of the old region and the sheet-wide ones
        // dropped, the others moved, the region's and the sheet's added.
        let sheet_wide = jixiao::sheet_checks(sheet, map);
        let mut diags: Vec<Diagnostic> =
            Vec::with_capacity(an.diagnostics.len() + syntax_diags.len() + check.diagnostics.len());
        for mut d in std::mem::take(&mut an.diagnostics) {
            let (start, end) = (d.span.start, d.span.end);
            let inside = lo <= start && end <= hi && (start < hi || hi == old_len);
            if inside || jixiao::SHEET_CODES.contains(&d.code) {
                continue;
            }
            shift_diag(&mut d, hi, delta);
            diags.push(d);
        }
        for mut d in syntax_diags.into_iter().chain(check.diagnostics) {
            shift_diag(&mut d, 0, lo as isize);
            diags.push(d);
        }
        diags.extend(sheet_wide);
        jixiao::diag::sort(&mut diags);
        an.diagnostics = diags;
        true
    }
}

/// The bytes `a..b` of `old` that `new` replaces with its bytes
/// `a..a + inserted`, on character boundaries: all but the longest common
/// prefix and suffix.
fn changed_range(old: &str, new: &str) -> (usize, usize, usize) {
    let (o, n) = (old.as_bytes(), new.as_bytes());
    let mut a = o.iter().zip(n).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(a) && new.is_char_boundary(a)) {
        a -= 1;
    }
    let room = o.len().min(n.len()) - a;
    let mut tail = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !(old.is_char_boundary(o.len() - tail) && new.is_char_boundary(n.len() - tail)) {
        tail -= 1;
    }
    (a, o.len() - tail, n.len() - tail - a)
}

/// The start of the line after the one `end` stands on, when only spaces
/// follow `end` on it.
fn line_after(bytes: &[u8], end: usize) -> Option<usize> {
    let mut k = end;
    while let Some(&c) = bytes.get(k) {
        match c {
            b' ' | b'\t' => k += 1,
            b'\n' => return Some(k + 1),
            b'\r' if bytes.get(k + 1) == Some(&b'\n') => return Some(k + 2),
            _ => return None,
        }
    }
    None
}

/// The start of the line `start` stands on, when only spaces precede
/// `start` on it.
fn line_before(bytes: &[u8], start: usize) -> Option<usize> {
    let mut k = start;
    while k > 0 {
        match bytes.get(k - 1)? {
            b' ' | b'\t' => k -= 1,
            b'\n' => return Some(k),
            _ => return None,
        }
    }
    Some(0)
}

/// Analyse a whole text; returns how many bytes of byte-order mark precede
/// what the library read. A self-evaluation or monitoring form that is a
/// file is checked against the sheet it names, as `jixiao check` does.
fn analyse(text: &str, path: Option<&std::path::Path>) -> (usize, Analysed) {
    let file = SourceFile::new("", text);
    let skip = text.len() - file.text.len();
    let mut a = jixiao::analyze(&file);
    if let Some(path) =
        path.filter(|_| jixiao::document_kind(&file.text) != jixiao::DocumentKind::Sheet)
    {
        let loader = jixiao::FsLoader::beside(path);
        a.diagnostics = jixiao::compile_document(&file, &loader).diagnostics;
    }
    let mut tops: Vec<Top> = a
        .tree
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Stmt(s) => Some(Top::of(s)),
            _ => None,
        })
        .collect();
    for (k, p) in a.source_map.projects.iter().enumerate() {
        if let Some(t) = tops.iter_mut().find(|t| t.span == p.stmt) {
            t.model = Some(k);
        }
    }
    let incremental = !a
        .diagnostics
        .iter()
        .any(|d| WHOLE_FILE_CODES.contains(&d.code))
        && a.diagnostics.len() < jixiao::diag::MAX_KEPT / 2;
    (
        skip,
        Analysed {
            diagnostics: a.diagnostics,
            sheet: a.sheet,
            source_map: a.source_map,
            context: a.context,
            tops,
            incremental,
        },
    )
}

/// Move a span that starts at or after `from` by `delta` bytes.
fn shift(span: &mut Span, from: usize, delta: isize) {
    if span.start >= from {
        span.start = (span.start as isize + delta).max(0) as usize;
        span.end = (span.end as isize + delta).max(0) as usize;
    }
}

fn shift_diag(d: &mut Diagnostic, from: usize, delta: isize) {
    shift(&mut d.span, from, delta);
    for l in &mut d.secondary {
        shift(&mut l.span, from, delta);
    }
    for f in &mut d.fixes {
        shift(&mut f.span, from, delta);
    }
}

fn shift_indicator(s: &mut IndicatorSpans, from: usize, delta: isize) {
    for span in [&mut s.stmt, &mut s.category, &mut s.name, &mut s.target] {
        shift(span, from, delta);
    }
    if let Some(w) = &mut s.weight {
        shift(w, from, delta);
    }
}

fn shift_sources(list: &mut [SourceSpans], from: usize, delta: isize) {
    for s in list {
        shift(&mut s.name, from, delta);
        shift(&mut s.amount, from, delta);
        shift_sources(&mut s.sources, from, delta);
    }
}

fn shift_project(p: &mut ProjectSpans, from: usize, delta: isize) {
    for span in [&mut p.stmt, &mut p.head, &mut p.name, &mut p.budget.total] {
        shift(span, from, delta);
    }
    if let Some(c) = &mut p.code {
        shift(c, from, delta);
    }
    shift_sources(&mut p.budget.sources, from, delta);
    for i in &mut p.indicators {
        shift_indicator(i, from, delta);
    }
}

#[cfg(test)]
mod tests {
    use super::changed_range;

    #[test]
    fn the_changed_range_of_two_texts() {
        // Applying the range to the old text gives the new.
        for (old, new) in [
            ("", ""),
            ("abc", "abc"),
            ("", "项目"),
            ("项目", ""),
            ("ab", "aXb"),
            ("aXb", "ab"),
            ("aaa", "aaaa"),
            ("费用", "贵用"),
            ("a𠀀b", "a𠀁b"),
            ("项目一", "项目二三"),
            ("x\r\ny", "x\ny"),
        ] {
            let (a, b, inserted) = changed_range(old, new);
            assert!(a <= b && b <= old.len(), "{old:?} → {new:?}");
            let mut text = old.to_string();
            text.replace_range(a..b, &new[a..a + inserted]);
            assert_eq!(text, new, "{old:?} → {new:?}");
        }
        assert_eq!(changed_range("项目一", "项目二"), (6, 9, 3));
        assert_eq!(changed_range("abc", "abc"), (3, 3, 0));
    }
}
