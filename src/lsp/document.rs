//! One open document: its text as the client holds it, its line index and
//! what the library made of it. An edit inside one project's block re-checks
//! that project alone against the sheet's context ([`jixiao::check_project`]);
//! anything else analyses the whole file again.

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
    /// The inside of its block: after `{`, before `}` (closed blocks only).
    inner: Option<(usize, usize)>,
    /// A `project` statement.
    project: bool,
    /// Its index in the sheet's projects, when it was checked into one.
    model: Option<usize>,
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
    /// One project re-checked alone.
    Project,
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
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        let (skip, analysed) = analyse(&text);
        Document {
            index: LineIndex::new(&text),
            text,
            version,
            skip,
            analysed,
            stale: false,
        }
    }

    /// The text the library reads: without a byte-order mark.
    pub fn body(&self) -> &str {
        self.text.get(self.skip..).unwrap_or("")
    }

    /// Analyse the whole text again.
    pub fn reanalyse(&mut self) {
        let (skip, analysed) = analyse(&self.text);
        self.skip = skip;
        self.analysed = analysed;
        self.stale = false;
    }

    /// Apply the client's changes in order, then analyse: one project alone
    /// when the only change stays inside its block, else the whole file.
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
                    self.text = change.text;
                    edit = None;
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
            if self.recheck_project(a, b, inserted) {
                self.stale = true;
                return Path::Project;
            }
        }
        self.reanalyse();
        Path::Full
    }

    /// Re-check the project whose block held the old bytes `a..b` (offsets
    /// in the text, byte-order mark included), now `inserted` bytes long.
    /// False when the edit needs a whole analysis.
    fn recheck_project(&mut self, a: usize, b: usize, inserted: usize) -> bool {
        let skip = self.skip;
        let an = &mut self.analysed;
        if !an.incremental || a < skip || self.text.starts_with("\u{FEFF}\u{FEFF}") {
            return false;
        }
        let (a, b) = (a - skip, b - skip);
        let Some(i) = an.tops.iter().position(|t| {
            t.project && t.inner.is_some_and(|(open, close)| open <= a && b <= close)
        }) else {
            return false;
        };
        let Some(k) = an.tops[i].model else {
            return false;
        };
        let delta = inserted as isize - (b - a) as isize;
        let old = an.tops[i].span;
        let new_end = (old.end as isize + delta) as usize;
        let body = self.text.get(skip..).unwrap_or("");
        let Some(sub) = body.get(old.start..new_end) else {
            return false;
        };
        let (tree, syntax_diags) = syntax::parse(sub);
        if syntax_diags
            .iter()
            .any(|d| WHOLE_FILE_CODES.contains(&d.code))
        {
            return false;
        }
        let [Item::Stmt(stmt)] = tree.items.as_slice() else {
            return false;
        };
        let Some(block) = &stmt.block else {
            return false;
        };
        let Some(close) = block.close else {
            return false;
        };
        if stmt.span != Span::new(0, sub.len()) || keyword(stmt.head.raw) != Some(Kw::Project) {
            return false;
        }
        let check = jixiao::check_project(&an.context, sub, stmt);
        let (Some(project), Some(sheet)) = (check.project, an.sheet.as_mut()) else {
            return false;
        };
        let Some(before) = sheet.projects.get(k) else {
            return false;
        };
        // The sheet's totals and the comparison with the body's budget read
        // the project's total; its code and name stand in the unchanged head.
        if before.budget.total != project.budget.total
            || before.code != project.code
            || before.name != project.name
        {
            return false;
        }
        let mut fresh: Vec<Diagnostic> = syntax_diags;
        fresh.extend(check.diagnostics);
        if an.diagnostics.len() + fresh.len() >= jixiao::diag::MAX_KEPT {
            return false;
        }
        for d in &mut fresh {
            shift_diag(d, 0, old.start as isize);
        }
        // Kept from the old diagnostics inside the project: those the sheet
        // makes (a duplicate code, stated at the unchanged head).
        let head_end = block.open.start + old.start;
        let mut diags: Vec<Diagnostic> = Vec::with_capacity(an.diagnostics.len() + fresh.len());
        for mut d in std::mem::take(&mut an.diagnostics) {
            let inside = d.span.start >= old.start && d.span.end <= old.end;
            if inside && !(d.code == Code::E302 && d.span.end <= head_end) {
                continue;
            }
            shift_diag(&mut d, old.end, delta);
            diags.push(d);
        }
        diags.extend(fresh);
        jixiao::diag::sort(&mut diags);
        an.diagnostics = diags;
        // The model: the project replaced, every later span moved.
        let mut spans = check.spans;
        shift_project(&mut spans, 0, old.start as isize);
        sheet.projects[k] = project;
        let counted =
            |list: &[jixiao::model::Indicator]| list.iter().filter(|i| !i.is_listed_only()).count();
        sheet.totals.indicators = counted(&sheet.overall.indicators)
            + sheet
                .projects
                .iter()
                .map(|p| counted(&p.indicators))
                .sum::<usize>();
        let map = &mut an.source_map;
        if let Some(slot) = map.projects.get_mut(k) {
            *slot = spans;
        }
        for (j, p) in map.projects.iter_mut().enumerate() {
            if j != k {
                shift_project(p, old.end, delta);
            }
        }
        if let Some(d) = &mut map.department {
            for s in [&mut d.head, &mut d.name] {
                shift(s, old.end, delta);
            }
            for s in [&mut d.code, &mut d.budget].into_iter().flatten() {
                shift(s, old.end, delta);
            }
        }
        if let Some(o) = &mut map.overall {
            shift(&mut o.head, old.end, delta);
            o.indicators
                .iter_mut()
                .for_each(|s| shift_indicator(s, old.end, delta));
        }
        for (j, t) in an.tops.iter_mut().enumerate() {
            if j == i {
                t.span.end = new_end;
                t.inner = Some((block.open.end + old.start, close.start + old.start));
            } else {
                shift(&mut t.span, old.end, delta);
                if let Some((o, c)) = &mut t.inner {
                    if *o >= old.end {
                        *o = (*o as isize + delta) as usize;
                        *c = (*c as isize + delta) as usize;
                    }
                }
            }
        }
        true
    }
}

/// Analyse a whole text; returns how many bytes of byte-order mark precede
/// what the library read.
fn analyse(text: &str) -> (usize, Analysed) {
    let file = SourceFile::new("", text);
    let skip = text.len() - file.text.len();
    let a = jixiao::analyze(&file);
    let mut tops: Vec<Top> = a
        .tree
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Stmt(s) => Some(Top {
                span: s.span,
                inner: s
                    .block
                    .as_ref()
                    .and_then(|b| b.close.map(|c| (b.open.end, c.start))),
                project: keyword(s.head.raw) == Some(Kw::Project),
                model: None,
            }),
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
