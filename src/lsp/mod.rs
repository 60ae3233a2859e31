//! `jixiao lsp`: the language server, over standard input and output.
//!
//! A thin protocol layer over the library: `document` keeps each open text
//! and what the library made of it (re-checking one project alone when an
//! edit stays inside it), `position` converts byte offsets to the client's
//! positions (UTF-16 or UTF-8), `features` answers completion, hover, the
//! outline and definitions on byte offsets. This file only reads messages,
//! calls those, and writes the answers. Synchronous: one thread handles one
//! message at a time; the transport's threads read and write.

mod document;
mod features;
mod position;

use document::Document;
use features::{Candidate, CandidateKind, Symbol, SymbolKind};
use jixiao::diag::{Diagnostic, Lang, Severity};
use jixiao::source::Span;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{self as lt, Uri};
use position::Encoding;
use std::collections::HashMap;
use std::time::Duration;

/// Quiet time after which a document re-checked project by project is
/// analysed whole once more (and its diagnostics published if they differ).
const IDLE: Duration = Duration::from_millis(400);

/// Run the server on standard input and output; the process's exit code:
/// 0 after `shutdown` then `exit`, 1 when the input ends or `exit` comes
/// without `shutdown`.
pub fn run() -> i32 {
    let (connection, io) = Connection::stdio();
    let code = serve(&connection);
    drop(connection);
    // The reader thread ends at `exit` or at the end of the input.
    let _ = io.join();
    code
}

/// The server's settings, from the `initialize` request.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub encoding: Encoding,
    pub lang: Lang,
}

/// The language of messages: `jixiao.lang` (or `lang`) in the
/// initialization options, else the client's locale, else the environment.
fn lang_of(params: &lt::InitializeParams) -> Lang {
    let opts = params.initialization_options.as_ref();
    let option = opts
        .and_then(|o| {
            o.get("jixiao")
                .and_then(|j| j.get("lang"))
                .or(o.get("lang"))
        })
        .and_then(|v| v.as_str());
    let parse = |s: &str| {
        if s.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    };
    match (option, params.locale.as_deref()) {
        (Some(o), _) if !o.is_empty() && o != "auto" => parse(o),
        (_, Some(l)) if !l.is_empty() => parse(l),
        _ => Lang::from_env(),
    }
}

fn capabilities(settings: &Settings) -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        position_encoding: Some(match settings.encoding {
            Encoding::Utf8 => lt::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lt::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec![".".to_string(), "．".to_string()]),
            ..Default::default()
        }),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(lt::OneOf::Left(true)),
        document_formatting_provider: Some(lt::OneOf::Left(true)),
        definition_provider: Some(lt::OneOf::Left(true)),
        code_action_provider: Some(lt::CodeActionProviderCapability::Options(
            lt::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lt::CodeActionKind::QUICKFIX,
                    lt::CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// Serve one client on `connection` until `exit`; returns the exit code.
pub fn serve(connection: &Connection) -> i32 {
    let (id, params) = match connection.initialize_start() {
        Ok(p) => p,
        Err(_) => return 1,
    };
    let init: lt::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let utf8 = init
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lt::PositionEncodingKind::UTF8));
    let settings = Settings {
        encoding: if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        },
        lang: lang_of(&init),
    };
    let result = serde_json::json!({
        "capabilities": capabilities(&settings),
        "serverInfo": { "name": "jixiao", "version": env!("CARGO_PKG_VERSION") },
    });
    if connection.initialize_finish(id, result).is_err() {
        return 1;
    }
    let mut server = Server {
        conn: connection,
        settings,
        docs: HashMap::new(),
        shutdown: false,
    };
    loop {
        let stale = server.docs.values().any(|d| d.stale);
        let msg = if stale {
            match connection.receiver.recv_timeout(IDLE) {
                Ok(m) => m,
                Err(crossbeam_timeout) => {
                    if crossbeam_timeout.is_timeout() {
                        server.refresh_stale();
                        continue;
                    }
                    return 1;
                }
            }
        } else {
            match connection.receiver.recv() {
                Ok(m) => m,
                Err(_) => return 1,
            }
        };
        match msg {
            Message::Notification(n) if n.method == lt::notification::Exit::METHOD => {
                return if server.shutdown { 0 } else { 1 };
            }
            Message::Request(req) => {
                let id = req.id.clone();
                let handled =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.request(req)));
                let resp = handled.unwrap_or_else(|_| {
                    Response::new_err(id, ErrorCode::InternalError as i32, "internal error".into())
                });
                server.send(resp.into());
            }
            Message::Notification(n) => {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    server.notification(n)
                }));
            }
            Message::Response(_) => {}
        }
    }
}

struct Server<'c> {
    conn: &'c Connection,
    settings: Settings,
    docs: HashMap<Uri, Document>,
    shutdown: bool,
}

fn params<P: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<P, Response> {
    serde_json::from_value(v).map_err(|e| {
        Response::new_err(
            RequestId::from(0),
            ErrorCode::InvalidParams as i32,
            e.to_string(),
        )
    })
}

/// The file a `file:` URI names (percent-escapes decoded); None for any
/// other scheme.
fn file_path(uri: &Uri) -> Option<std::path::PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///C:/x` on Windows, `file:///x` elsewhere; a host is not read.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let mut bytes = Vec::with_capacity(rest.len());
    let mut it = rest.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex = [it.next()?, it.next()?];
            let text = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(text, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    let text = match text.as_bytes() {
        [b'/', _, b':', ..] if cfg!(windows) => text[1..].to_string(),
        _ => text,
    };
    Some(std::path::PathBuf::from(text))
}

impl Server<'_> {
    fn send(&self, msg: Message) {
        let _ = self.conn.sender.send(msg);
    }

    fn notification(&mut self, n: Notification) {
        use lt::notification as N;
        match n.method.as_str() {
            N::DidOpenTextDocument::METHOD => {
                let Ok(p) = params::<lt::DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let uri = p.text_document.uri;
                let doc = Document::at(
                    p.text_document.text,
                    p.text_document.version,
                    file_path(&uri),
                );
                self.docs.insert(uri.clone(), doc);
                self.publish(&uri);
            }
            N::DidChangeTextDocument::METHOD => {
                let Ok(p) = params::<lt::DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let uri = p.text_document.uri;
                let enc = self.settings.encoding;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    doc.apply(p.content_changes, p.text_document.version, enc);
                    self.publish(&uri);
                }
            }
            N::DidCloseTextDocument::METHOD => {
                let Ok(p) = params::<lt::DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                self.docs.remove(&p.text_document.uri);
                // Clear what the editor shows for the closed file.
                self.send_diagnostics(p.text_document.uri, Vec::new(), None);
            }
            N::DidChangeConfiguration::METHOD => {
                let Ok(p) = params::<lt::DidChangeConfigurationParams>(n.params) else {
                    return;
                };
                let lang = p
                    .settings
                    .get("jixiao")
                    .and_then(|j| j.get("lang"))
                    .and_then(|v| v.as_str())
                    .filter(|s| !s.is_empty() && *s != "auto");
                if let Some(l) = lang {
                    self.settings.lang = if l.starts_with("zh") {
                        Lang::Zh
                    } else {
                        Lang::En
                    };
                    let uris: Vec<Uri> = self.docs.keys().cloned().collect();
                    for uri in uris {
                        self.publish(&uri);
                    }
                }
            }
            _ => {}
        }
    }

    /// Analyse whole the documents re-checked project by project, and
    /// publish those whose diagnostics changed.
    fn refresh_stale(&mut self) {
        let stale: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| d.stale)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in stale {
            let Some(doc) = self.docs.get_mut(&uri) else {
                continue;
            };
            let before = std::mem::take(&mut doc.analysed.diagnostics);
            doc.reanalyse();
            if doc.analysed.diagnostics != before {
                self.publish(&uri);
            }
        }
    }

    fn publish(&self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let diags = doc
            .analysed
            .diagnostics
            .iter()
            .map(|d| to_lsp_diagnostic(d, doc, uri, &self.settings))
            .collect();
        self.send_diagnostics(uri.clone(), diags, Some(doc.version));
    }

    fn send_diagnostics(&self, uri: Uri, diagnostics: Vec<lt::Diagnostic>, version: Option<i32>) {
        let p = lt::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(
            Notification::new(lt::notification::PublishDiagnostics::METHOD.to_string(), p).into(),
        );
    }

    fn request(&mut self, req: Request) -> Response {
        use lt::request as R;
        let id = req.id.clone();
        if self.shutdown {
            return Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "shutdown already requested".into(),
            );
        }
        let result = match req.method.as_str() {
            R::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            R::Formatting::METHOD => {
                params::<lt::DocumentFormattingParams>(req.params).map(|p| self.format(&p))
            }
            R::CodeActionRequest::METHOD => {
                params::<lt::CodeActionParams>(req.params).map(|p| self.code_actions(&p))
            }
            R::Completion::METHOD => {
                params::<lt::CompletionParams>(req.params).map(|p| self.completion(&p))
            }
            R::HoverRequest::METHOD => {
                params::<lt::HoverParams>(req.params).map(|p| self.hover(&p))
            }
            R::DocumentSymbolRequest::METHOD => {
                params::<lt::DocumentSymbolParams>(req.params).map(|p| self.symbols(&p))
            }
            R::GotoDefinition::METHOD => {
                params::<lt::GotoDefinitionParams>(req.params).map(|p| self.definition(&p))
            }
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unknown request {}", req.method),
                )
            }
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err(mut e) => {
                e.id = id;
                e
            }
        }
    }

    /// The document and the byte offset (in the library's text) of a
    /// position.
    fn at(&self, uri: &Uri, pos: lt::Position) -> Option<(&Document, usize)> {
        let doc = self.docs.get(uri)?;
        let off = doc
            .index
            .offset(&doc.text, pos, self.settings.encoding)
            .saturating_sub(doc.skip);
        Some((doc, off))
    }

    fn format(&self, p: &lt::DocumentFormattingParams) -> serde_json::Value {
        let Some(doc) = self.docs.get(&p.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let Ok(formatted) = jixiao::fmt::format(&doc.text, &jixiao::fmt::Options::default()) else {
            return serde_json::Value::Null;
        };
        let edits: Vec<lt::TextEdit> = minimal_edit(&doc.text, &formatted)
            .map(|(span, new)| lt::TextEdit {
                range: range_of_text(doc, span, self.settings.encoding),
                new_text: new.to_string(),
            })
            .into_iter()
            .collect();
        serde_json::to_value(edits).unwrap_or_default()
    }

    fn code_actions(&self, p: &lt::CodeActionParams) -> serde_json::Value {
        let uri = &p.text_document.uri;
        let Some(doc) = self.docs.get(uri) else {
            return serde_json::Value::Null;
        };
        let enc = self.settings.encoding;
        let lang = self.settings.lang;
        let start = doc.index.offset(&doc.text, p.range.start, enc);
        let end = doc.index.offset(&doc.text, p.range.end, enc).max(start);
        let want = |kind: &lt::CodeActionKind| {
            p.context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
        };
        let mut actions = Vec::new();
        let fixable = doc
            .analysed
            .diagnostics
            .iter()
            .filter(|d| !d.fixes.is_empty());
        if want(&lt::CodeActionKind::QUICKFIX) {
            for d in fixable.clone() {
                let s = d.span.start + doc.skip;
                let e = d.span.end + doc.skip;
                let hit = s <= end && start <= e;
                if !hit {
                    continue;
                }
                let edits = d
                    .fixes
                    .iter()
                    .map(|f| lt::TextEdit {
                        range: range_of(doc, f.span, enc),
                        new_text: f.replacement.clone(),
                    })
                    .collect();
                let title = d
                    .fixes
                    .iter()
                    .map(|f| f.message.get(lang))
                    .collect::<Vec<_>>()
                    .join("; ");
                actions.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: format!("{} ({})", title, d.code.as_str()),
                    kind: Some(lt::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp_diagnostic(d, doc, uri, &self.settings)]),
                    edit: Some(workspace_edit(uri, edits)),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
        }
        // Every fix of the file that overlaps none before it, at once.
        if p.context.only.is_some() && want(&lt::CodeActionKind::SOURCE_FIX_ALL) {
            let mut taken: Vec<&jixiao::diag::Fix> = Vec::new();
            for d in fixable {
                let clear = d.fixes.iter().all(|f| {
                    taken
                        .iter()
                        .all(|t| f.span.end <= t.span.start || t.span.end <= f.span.start)
                });
                if clear {
                    taken.extend(&d.fixes);
                }
            }
            if !taken.is_empty() {
                let edits = taken
                    .iter()
                    .map(|f| lt::TextEdit {
                        range: range_of(doc, f.span, enc),
                        new_text: f.replacement.clone(),
                    })
                    .collect();
                let title = match lang {
                    Lang::Zh => "应用全部修正",
                    Lang::En => "Apply every fix",
                };
                actions.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: title.to_string(),
                    kind: Some(lt::CodeActionKind::SOURCE_FIX_ALL),
                    edit: Some(workspace_edit(uri, edits)),
                    ..Default::default()
                }));
            }
        }
        serde_json::to_value(actions).unwrap_or_default()
    }

    fn completion(&self, p: &lt::CompletionParams) -> serde_json::Value {
        let pos = &p.text_document_position;
        let Some((doc, off)) = self.at(&pos.text_document.uri, pos.position) else {
            return serde_json::Value::Null;
        };
        let body = doc.body();
        let (tree, _) = jixiao::syntax::parse(body);
        let found = features::complete(&tree, body, off, &doc.analysed.context, self.settings.lang);
        let items: Vec<lt::CompletionItem> = found
            .into_iter()
            .enumerate()
            .map(|(i, c)| completion_item(doc, c, i, self.settings.encoding))
            .collect();
        serde_json::to_value(lt::CompletionResponse::Array(items)).unwrap_or_default()
    }

    fn hover(&self, p: &lt::HoverParams) -> serde_json::Value {
        let pos = &p.text_document_position_params;
        let Some((doc, off)) = self.at(&pos.text_document.uri, pos.position) else {
            return serde_json::Value::Null;
        };
        let an = &doc.analysed;
        let Some(h) = features::hover(
            doc.body(),
            off,
            &an.diagnostics,
            an.sheet.as_ref(),
            &an.source_map,
            &an.context,
            self.settings.lang,
        ) else {
            return serde_json::Value::Null;
        };
        serde_json::to_value(lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(range_of(doc, h.span, self.settings.encoding)),
        })
        .unwrap_or_default()
    }

    fn symbols(&self, p: &lt::DocumentSymbolParams) -> serde_json::Value {
        let Some(doc) = self.docs.get(&p.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let (tree, _) = jixiao::syntax::parse(doc.body());
        let list: Vec<lt::DocumentSymbol> = features::symbols(&tree, self.settings.lang)
            .into_iter()
            .map(|s| document_symbol(doc, s, self.settings.encoding))
            .collect();
        serde_json::to_value(lt::DocumentSymbolResponse::Nested(list)).unwrap_or_default()
    }

    fn definition(&self, p: &lt::GotoDefinitionParams) -> serde_json::Value {
        let pos = &p.text_document_position_params;
        let uri = &pos.text_document.uri;
        let Some((doc, off)) = self.at(uri, pos.position) else {
            return serde_json::Value::Null;
        };
        let (tree, _) = jixiao::syntax::parse(doc.body());
        match features::unit_definition(&tree, off) {
            Some(span) => serde_json::to_value(lt::GotoDefinitionResponse::Scalar(lt::Location {
                uri: uri.clone(),
                range: range_of(doc, span, self.settings.encoding),
            }))
            .unwrap_or_default(),
            None => serde_json::Value::Null,
        }
    }
}

fn workspace_edit(uri: &Uri, edits: Vec<lt::TextEdit>) -> lt::WorkspaceEdit {
    lt::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// The range of a span of the library's text (after the byte-order mark).
fn range_of(doc: &Document, span: Span, enc: Encoding) -> lt::Range {
    range_of_text(
        doc,
        Span::new(span.start + doc.skip, span.end + doc.skip),
        enc,
    )
}

/// The range of a span of the whole text.
fn range_of_text(doc: &Document, span: Span, enc: Encoding) -> lt::Range {
    lt::Range::new(
        doc.index.position(&doc.text, span.start, enc),
        doc.index.position(&doc.text, span.end.max(span.start), enc),
    )
}

fn to_lsp_diagnostic(d: &Diagnostic, doc: &Document, uri: &Uri, s: &Settings) -> lt::Diagnostic {
    let mut message = d.message.get(s.lang).to_string();
    if let Some(label) = &d.label {
        message.push_str(&format!("\n{}", label.get(s.lang)));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\n{}", help.get(s.lang)));
    }
    let related: Vec<lt::DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|l| lt::DiagnosticRelatedInformation {
            location: lt::Location {
                uri: uri.clone(),
                range: range_of(doc, l.span, s.encoding),
            },
            message: l.text.get(s.lang).to_string(),
        })
        .collect();
    lt::Diagnostic {
        range: range_of(doc, d.span, s.encoding),
        severity: Some(match d.severity {
            Severity::Error => lt::DiagnosticSeverity::ERROR,
            Severity::Warning => lt::DiagnosticSeverity::WARNING,
        }),
        code: Some(lt::NumberOrString::String(d.code.as_str().to_string())),
        source: Some("jixiao".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The one edit turning `old` into `new`: what lies between their common
/// beginning and their common end (on character boundaries); none when
/// they are equal.
fn minimal_edit<'n>(old: &str, new: &'n str) -> Option<(Span, &'n str)> {
    if old == new {
        return None;
    }
    let mut pre = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(pre) || !new.is_char_boundary(pre) {
        pre -= 1;
    }
    let max_suf = (old.len() - pre).min(new.len() - pre);
    let mut suf = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suf) || !new.is_char_boundary(new.len() - suf) {
        suf -= 1;
    }
    Some((Span::new(pre, old.len() - suf), &new[pre..new.len() - suf]))
}

fn completion_item(doc: &Document, c: Candidate, i: usize, enc: Encoding) -> lt::CompletionItem {
    let kind = match c.kind {
        CandidateKind::Keyword => lt::CompletionItemKind::KEYWORD,
        CandidateKind::Category => lt::CompletionItemKind::ENUM_MEMBER,
        CandidateKind::Unit => lt::CompletionItemKind::UNIT,
        CandidateKind::Source => lt::CompletionItemKind::VALUE,
        CandidateKind::Grade | CandidateKind::Choice => lt::CompletionItemKind::CONSTANT,
    };
    lt::CompletionItem {
        label: c.label.clone(),
        kind: Some(kind),
        detail: (!c.detail.is_empty()).then_some(c.detail),
        // Keep the order the vocabulary gives (most common first).
        sort_text: Some(format!("{i:05}")),
        text_edit: Some(lt::CompletionTextEdit::Edit(lt::TextEdit {
            range: range_of(doc, c.replace, enc),
            new_text: c.label,
        })),
        ..Default::default()
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn document_symbol(doc: &Document, s: Symbol, enc: Encoding) -> lt::DocumentSymbol {
    let kind = match s.kind {
        SymbolKind::Department => lt::SymbolKind::NAMESPACE,
        SymbolKind::Overall => lt::SymbolKind::MODULE,
        SymbolKind::Project => lt::SymbolKind::CLASS,
        SymbolKind::Period => lt::SymbolKind::EVENT,
        SymbolKind::Indicator => lt::SymbolKind::FIELD,
        SymbolKind::Unit => lt::SymbolKind::CONSTANT,
    };
    let children: Vec<lt::DocumentSymbol> = s
        .children
        .into_iter()
        .map(|c| document_symbol(doc, c, enc))
        .collect();
    lt::DocumentSymbol {
        name: s.name,
        detail: (!s.detail.is_empty()).then_some(s.detail),
        kind,
        tags: None,
        deprecated: None,
        range: range_of(doc, s.span, enc),
        selection_range: range_of(doc, s.selection, enc),
        children: (!children.is_empty()).then_some(children),
    }
}

#[cfg(test)]
mod tests;
