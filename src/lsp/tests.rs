//! The server in-process, over `Connection::memory()`: whole sessions with
//! the answers asserted, positions included, under Chinese text.

use super::document::{Document, Path};
use super::position::Encoding;
use super::serve;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::thread::JoinHandle;
use std::time::Duration;

/// A sheet with one defect: the garbled target `≥90%%` (E601), after an
/// astral character and Han text on its line.
const SHEET: &str = "department \"430002\" \"测试局\" {
  year 2020
  unit 万元
}

project \"P-001\" \"办公楼维修\" {
  budget 10.00 { 财政资金 10.00 }
  purpose \"用于办公楼维修。\"
  plan 6月 50%, 12月 100%
  goal \"完成办公楼维修。\"

  indicator 产出.时效 \"𠀀维修完成率\" ≥90%%
  indicator 效益.社会效益 \"办公环境改善\" 明显改善
  indicator 满意度.服务对象满意度 \"服务对象满意度\" ≥80%
}
";

const URI: &str = "file:///tmp/%E6%B5%8B%E8%AF%95.jx";

struct Client {
    conn: Connection,
    server: Option<JoinHandle<i32>>,
    next: i32,
    /// Notifications received while waiting for a response.
    pending: VecDeque<Notification>,
}

impl Client {
    fn start(init: Value) -> (Client, Value) {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || serve(&server));
        let mut c = Client {
            conn: client,
            server: Some(handle),
            next: 1,
            pending: VecDeque::new(),
        };
        let result = c.request("initialize", init);
        c.notify("initialized", json!({}));
        (c, result)
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = RequestId::from(self.next);
        self.next += 1;
        self.conn
            .sender
            .send(Request::new(id.clone(), method.to_string(), params).into())
            .unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => match r.response_result {
                    Ok(v) => return v,
                    Err(e) => panic!("{method}: {e:?}"),
                },
                Message::Notification(n) => self.pending.push_back(n),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.to_string(), params).into())
            .unwrap();
    }

    /// The next published diagnostics.
    fn diagnostics(&mut self) -> Value {
        loop {
            let n = match self.pending.pop_front() {
                Some(n) => n,
                None => match self.recv() {
                    Message::Notification(n) => n,
                    other => panic!("unexpected {other:?}"),
                },
            };
            if n.method == "textDocument/publishDiagnostics" {
                return n.params;
            }
        }
    }

    fn open(&mut self, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "jixiao", "version": 1, "text": text}}),
        );
        self.diagnostics()
    }

    fn change(&mut self, version: i32, changes: Value) -> Value {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": changes}),
        );
        self.diagnostics()
    }

    fn at(&mut self, method: &str, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
        )
    }

    /// `shutdown` (when asked), then `exit`: the server's exit code.
    fn finish(mut self, shutdown: bool) -> i32 {
        if shutdown {
            assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        }
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// Text edits applied to `text` as a client does, counting columns in
/// `enc` code units (written apart from the server's own conversion).
fn apply_edits(text: &str, edits: &Value, utf8: bool) -> String {
    let offset = |pos: &Value| -> usize {
        let (line, col) = (
            pos["line"].as_u64().unwrap() as usize,
            pos["character"].as_u64().unwrap() as usize,
        );
        let mut start = 0;
        for _ in 0..line {
            start += text[start..].find('\n').unwrap() + 1;
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= col || c == '\n' {
                return start + i;
            }
            units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    };
    let mut list: Vec<(usize, usize, String)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    list.sort();
    let mut out = text.to_string();
    for (s, e, t) in list.into_iter().rev() {
        out.replace_range(s..e, &t);
    }
    out
}

#[test]
fn a_session_in_utf16_opens_edits_fixes_completes_hovers_and_formats() {
    let (mut c, init) = Client::start(json!({"capabilities": {}, "locale": "zh-CN"}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);

    // Opened: E601 on line 12, after 𠀀 (two UTF-16 units) and Han text.
    let d = c.open(SHEET);
    let list = d["diagnostics"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{d}");
    assert_eq!(list[0]["code"], "E601");
    assert_eq!(list[0]["severity"], 1);
    assert_eq!(list[0]["range"], range(11, 28, 11, 33));
    assert!(
        list[0]["message"].as_str().unwrap().starts_with("指标值"),
        "{}",
        list[0]["message"]
    );
    assert_eq!(d["version"], 1);

    // An edit inside the project: 80% becomes 85% (line 14).
    let line12 = "  indicator 满意度.服务对象满意度 \"服务对象满意度\" ≥8";
    let col = line12.encode_utf16().count() as u32;
    let d = c.change(
        2,
        json!([{"range": range(13, col, 13, col + 1), "text": "5"}]),
    );
    assert_eq!(d["version"], 2);
    assert_eq!(d["diagnostics"][0]["range"], range(11, 28, 11, 33));

    // Hover on the underlined target: the code's explanation.
    let h = c.at("textDocument/hover", 11, 30);
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.starts_with("**E601**"), "{md}");
    assert_eq!(h["range"], range(11, 28, 11, 33));

    // The quick fix at the diagnostic, applied as the client does.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range(11, 30, 11, 30),
               "context": {"diagnostics": []}}),
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "E601");
    let edits = &fix["edit"]["changes"][URI];
    assert_eq!(edits[0]["range"], range(11, 28, 11, 33));
    assert_eq!(edits[0]["newText"], "≥90%");
    let text = SHEET.replace("≥80%", "≥85%");
    let fixed = apply_edits(&text, edits, false);
    assert!(fixed.contains("\"𠀀维修完成率\" ≥90%\n"));
    let d = c.change(3, json!([{"range": edits[0]["range"], "text": "≥90%"}]));
    assert_eq!(d["diagnostics"], json!([]), "the fix leaves a clean sheet");
    assert!(jixiao::compile(&jixiao::source::SourceFile::new("t", fixed.as_str())).errors == 0);

    // Completion after `indicator 产出.` on a new line: the level 2 of 产出
    // in the 2015 framework.
    let d = c.change(
        4,
        json!([{"range": range(13, 0, 13, 0), "text": "  indicator 产出.\n"}]),
    );
    assert!(!d["diagnostics"].as_array().unwrap().is_empty());
    let items = c.at("textDocument/completion", 13, 15);
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"产出.时效"), "{labels:?}");
    assert!(labels.contains(&"产出.数量"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.starts_with("成本")), "{labels:?}");
    let first = &items[0]["textEdit"];
    assert_eq!(first["range"], range(13, 12, 13, 15));
    // Keywords at the start of a line inside the project.
    let items = c.at("textDocument/completion", 13, 2);
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"indicator") && labels.contains(&"预算"),
        "{labels:?}"
    );
    assert!(!labels.contains(&"year"), "year is no project statement");
    // Nothing inside a string.
    let items = c.at("textDocument/completion", 7, 14);
    assert_eq!(items, json!([]));
    c.change(5, json!([{"range": range(13, 0, 14, 0), "text": ""}]));

    // Hover on the indicator: its resolved category and target.
    let h = c.at("textDocument/hover", 11, 5);
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("产出指标 › 时效指标"), "{md}");
    assert!(md.contains("计算符号：≥"), "{md}");
    assert!(md.contains("单位：%"), "{md}");
    assert!(md.contains("指标方向：正向"), "{md}");
    // On the project's head: its budget and sources.
    let h = c.at("textDocument/hover", 5, 3);
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("10.00 万元") && md.contains("财政资金"), "{md}");

    // The outline.
    let s = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(s[0]["name"], "测试局");
    assert_eq!(s[1]["name"], "办公楼维修");
    assert_eq!(s[1]["children"][0]["name"], "𠀀维修完成率");
    assert_eq!(s[1]["children"][0]["selectionRange"], range(11, 18, 11, 27));

    // Formatting gives the formatter's layout.
    let messy = "department \"430002\"   \"测试局\" {\n year 2020\n      unit 万元 }\n";
    let current = SHEET.replace("≥90%%", "≥90%").replace("≥80%", "≥85%");
    let messy_full = current.replacen(
        "department \"430002\" \"测试局\" {\n  year 2020\n  unit 万元\n}\n",
        messy,
        1,
    );
    c.change(6, json!([{"text": messy_full}]));
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let formatted = apply_edits(&messy_full, &edits, false);
    let expected = jixiao::fmt::format(&messy_full, &jixiao::fmt::Options::default()).unwrap();
    assert_eq!(formatted, expected);
    assert_eq!(formatted, current);
    assert_eq!(c.finish(true), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let (mut c, init) = Client::start(json!({
        "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
        "initializationOptions": {"jixiao": {"lang": "en"}},
        "locale": "zh-CN",
    }));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let d = c.open(SHEET);
    // `  indicator ` 12, 产出.时效 13, space, quote, 𠀀 4, five Han 15, quote,
    // space: ≥ starts at byte 48 of the line and ≥90%% ends at 55.
    assert_eq!(d["diagnostics"][0]["range"], range(11, 48, 11, 55));
    assert!(
        d["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("garbled target"),
        "the option's language wins over the locale"
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range(11, 50, 11, 50),
               "context": {"diagnostics": []}}),
    );
    let edits = &actions[0]["edit"]["changes"][URI];
    let fixed = apply_edits(SHEET, edits, true);
    assert_eq!(fixed, SHEET.replace("≥90%%", "≥90%"));
    // Hover on the code in a comment: its explanation.
    c.change(
        2,
        json!([{"range": range(0, 0, 0, 0), "text": "// see E601\n"}]),
    );
    let h = c.at("textDocument/hover", 0, 8);
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.starts_with("**E601**"), "{md}");
    assert_eq!(h["range"], range(0, 7, 0, 11));
    // The setting changed: the diagnostics again, in Chinese.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"jixiao": {"lang": "zh"}}}),
    );
    let d = c.diagnostics();
    let message = d["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.starts_with("指标值"), "{message}");
    assert_eq!(c.finish(true), 0);
}

#[test]
fn crlf_and_byte_order_mark() {
    let (mut c, _) = Client::start(json!({"capabilities": {}}));
    let text = format!("\u{FEFF}{}", SHEET.replace('\n', "\r\n"));
    let d = c.open(&text);
    // The mark is one UTF-16 unit on line 0; line 10 is unchanged.
    assert_eq!(d["diagnostics"][0]["range"], range(11, 28, 11, 33));
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits, json!([]), "already formatted");
    // An edit on line 0, after the mark.
    let d = c.change(
        2,
        json!([{"range": range(0, 1, 0, 1), "text": "// E601\r\n"}]),
    );
    assert_eq!(d["diagnostics"][0]["range"], range(12, 28, 12, 33));
    let h = c.at("textDocument/hover", 0, 5);
    assert!(h["contents"]["value"].as_str().unwrap().contains("E601"));
    assert_eq!(c.finish(true), 0);
}

#[test]
fn any_input_is_survived() {
    let (mut c, _) = Client::start(json!({"capabilities": {}}));
    c.open("");
    // Positions far past the end, reversed ranges, lone braces, control
    // characters: the server answers and stays up.
    for (i, t) in [
        "}}}{",
        "\"\"\"",
        "项目 \"x\" {\u{0}",
        "𠀀\r\r\n",
        "indicator 产出.",
    ]
    .iter()
    .enumerate()
    {
        c.change(
            i as i32 + 2,
            json!([{"range": range(99, 99, 3, 0), "text": t}]),
        );
    }
    for (l, ch) in [(0, 0), (1, 3), (500, 500), (u32::MAX, u32::MAX)] {
        c.at("textDocument/hover", l, ch);
        c.at("textDocument/completion", l, ch);
        c.at("textDocument/definition", l, ch);
    }
    c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    // An unknown document and bad parameters are answered, not fatal.
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.jx"}, "position": {"line": 0, "character": 0}}),
    );
    c.notify("textDocument/didChange", json!({"nonsense": true}));
    // Exit without shutdown: 1.
    assert_eq!(c.finish(false), 1);
}

#[test]
fn definition_of_a_declared_unit() {
    let (mut c, _) = Client::start(json!({"capabilities": {}}));
    let text = SHEET
        .replace("}\n\nproject", "}\n\ndefine-unit 校次 count\n\nproject")
        .replace("≥90%%", "=3校次");
    let d = c.open(&text);
    assert_eq!(d["diagnostics"], json!([]), "{d}");
    // Line 13: `  indicator 产出.时效 "𠀀维修完成率" =3校次`; 校 at 30.
    let loc = c.at("textDocument/definition", 13, 31);
    assert_eq!(loc["range"], range(5, 12, 5, 14));
    assert_eq!(loc["uri"], URI);
    assert_eq!(c.at("textDocument/definition", 12, 3), Value::Null);
    assert_eq!(c.finish(true), 0);
}

fn sample() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/beidaihe-2020.jx"
    ))
    .unwrap()
}

/// Replace the bytes `a..b` of `base` by `t`, sent as a range or (`full`)
/// as the whole new text, and assert that the document equals a whole
/// analysis of the new text: diagnostics (fixes and related spans
/// included), model and source map. Returns the path taken.
fn assert_edit(base: &str, a: usize, b: usize, t: &str, full: bool) -> Path {
    let mut doc = Document::new(base.to_string(), 1);
    let index = &doc.index;
    let change = if full {
        let mut text = base.to_string();
        text.replace_range(a..b, t);
        lsp_types::TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text,
        }
    } else {
        lsp_types::TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(
                index.position(base, a, Encoding::Utf16),
                index.position(base, b, Encoding::Utf16),
            )),
            range_length: None,
            text: t.to_string(),
        }
    };
    let path = doc.apply(vec![change], 2, Encoding::Utf16);
    assert_same_as_whole(&doc, &format!("{t:?} at {a}..{b}, full sync {full}"));
    path
}

/// The document equals a fresh whole analysis of its text.
fn assert_same_as_whole(doc: &Document, what: &str) {
    let whole = Document::new(doc.text.clone(), doc.version);
    let key = |d: &jixiao::diag::Diagnostic| {
        (
            d.span,
            d.code,
            d.message.en.clone(),
            d.message.zh.clone(),
            d.fixes.clone(),
            d.secondary.clone(),
        )
    };
    let mut got: Vec<_> = doc.analysed.diagnostics.iter().map(key).collect();
    let mut want: Vec<_> = whole.analysed.diagnostics.iter().map(key).collect();
    got.sort_by_key(|k| (k.0, k.1.as_str()));
    want.sort_by_key(|k| (k.0, k.1.as_str()));
    assert_eq!(got, want, "{what}");
    assert_eq!(doc.analysed.sheet, whole.analysed.sheet, "{what}");
    assert_eq!(doc.analysed.source_map, whole.analysed.source_map, "{what}");
}

/// Every one-character insertion and deletion at every seventh byte of
/// `from..to` (and insertions at `to`) gives what analysing the whole file
/// gives; returns how many took the incremental path.
fn one_character_edits(base: &str, from: usize, to: usize, full: bool) -> (usize, usize) {
    let inserts = [
        "x", "%", "\"", "}", "{", "\n", "，", "项目 ", "0", "//", "\n\n", ";",
    ];
    let offsets: Vec<usize> = (from..to)
        .filter(|i| base.is_char_boundary(*i))
        .step_by(7)
        .chain([to])
        .collect();
    let mut items = 0;
    for (n, &at) in offsets.iter().enumerate() {
        let ins = inserts[n % inserts.len()];
        let mut edits = vec![(at, at, ins)];
        if at < base.len() {
            edits.push((at, next_boundary(base, at), ""));
        }
        for (a, b, t) in edits {
            if assert_edit(base, a, b, t, full) == Path::Items {
                items += 1;
            }
        }
    }
    (items, offsets.len())
}

/// Every one-character insertion and deletion across a project, its head
/// included, and the blank line before the next, re-checked alone, gives
/// what analysing the whole file gives.
#[test]
fn the_project_alone_gives_what_the_whole_file_gives() {
    let base = sample();
    let starts: Vec<usize> = base.match_indices("project ").map(|(i, _)| i).collect();
    let (items, offsets) = one_character_edits(&base, starts[1], starts[2], false);
    assert!(items > offsets, "the incremental path is taken: {items}");
}

/// The same between and after the projects: the last project and the end
/// of the file, where a new project is typed.
#[test]
fn edits_at_the_end_of_the_file_give_what_the_whole_file_gives() {
    let base = sample();
    let last = base.rfind("\nproject ").unwrap();
    let (items, offsets) = one_character_edits(&base, last, base.len(), false);
    assert!(items > offsets, "the incremental path is taken: {items}");
    // Without a final line break, and after blank lines and a comment.
    for tail in ["", "\n\n// 备注\n\n"] {
        let text = format!("{}{tail}", base.trim_end());
        let (items, offsets) = one_character_edits(&text, text.len() - 40, text.len(), false);
        assert!(
            items > offsets,
            "{tail:?}: the incremental path is taken: {items}"
        );
    }
}

/// A client that sends the whole text: the edit is found again by
/// comparing the texts, and takes the same paths.
#[test]
fn full_sync_gives_what_the_whole_file_gives() {
    let base = sample();
    let starts: Vec<usize> = base.match_indices("project ").map(|(i, _)| i).collect();
    let (items, offsets) = one_character_edits(&base, starts[3], starts[4], true);
    assert!(items > offsets, "the incremental path is taken: {items}");
    // The same text again, a change of the whole text, an empty text.
    assert_eq!(assert_edit(&base, 0, 0, "", true), Path::Items);
    assert_edit(&base, 0, base.len(), "department", true);
    assert_edit(&base, 0, base.len(), "", true);
    // A byte-order mark added or removed.
    assert_eq!(assert_edit(&base, 0, 0, "\u{FEFF}", true), Path::Full);
    let bom = format!("\u{FEFF}{base}");
    assert_eq!(assert_edit(&bom, 0, 3, "", true), Path::Full);
    // Characters sharing leading bytes: 费 and 贵 (U+8D39, U+8D35).
    let at = base.find("租赁费").unwrap() + 6;
    assert_edit(&base, at, at + 3, "贵", true);
    assert_edit(&base, at, at + 3, "𠀀", true);
}

/// Typing a new project at the end of the file, one character at a time
/// at the cursor, braces and quotes closed as an editor closes them: every
/// keystroke equals a whole analysis, and most are incremental; so are a
/// project's head made a duplicate of another's and its budget raised past
/// the body's.
#[test]
fn typing_a_new_project_and_editing_heads() {
    let base = sample();
    let typed = "\nproject \"430-0502-JBN-NEW1\" \"新项目\" {\n  budget 12.5 { 财政资金 12.5 }\n  purpose \"新的用途\"\n  indicator 产出.数量 \"新增设备\" ≥3台\n";
    let mut doc = Document::new(base.clone(), 1);
    let (mut items, mut keys) = (0, 0);
    let mut cursor = doc.text.len();
    for c in typed.chars() {
        // The editor types over a closing quote or brace it put there,
        // and closes each it opens.
        if matches!(c, '"' | '}') && doc.text[cursor..].starts_with(c) {
            cursor += 1;
            continue;
        }
        let text = match c {
            '{' => "{}".to_string(),
            '"' => "\"\"".to_string(),
            c => c.to_string(),
        };
        let at = doc.index.position(&doc.text, cursor, Encoding::Utf16);
        let change = lsp_types::TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(at, at)),
            range_length: None,
            text,
        };
        keys += 1;
        if doc.apply(vec![change], keys + 1, Encoding::Utf16) == Path::Items {
            items += 1;
        }
        cursor += c.len_utf8();
        assert_same_as_whole(&doc, &format!("typed up to {:?}", &doc.text[..cursor]));
    }
    assert!(
        items * 10 > keys * 9,
        "the incremental path is taken: {items} of {keys}"
    );
    // Without the editor's help: a block left open sends it whole, and
    // equal.
    let end = base.len();
    assert_eq!(
        assert_edit(&base, end, end, "project \"N\" \"n\" {", false),
        Path::Full
    );
    let project = doc
        .analysed
        .sheet
        .as_ref()
        .unwrap()
        .projects
        .last()
        .unwrap();
    assert_eq!(project.name, "新项目");

    // The code of the second project made the first's: E302, then undone.
    let codes: Vec<usize> = base.match_indices("\"430-").map(|(i, _)| i + 1).collect();
    let first = &base[codes[0]..codes[0] + 17];
    let mut doc = Document::new(base.clone(), 1);
    let at = doc.index.position(&base, codes[1], Encoding::Utf16);
    let to = doc.index.position(&base, codes[1] + 17, Encoding::Utf16);
    let change = lsp_types::TextDocumentContentChangeEvent {
        range: Some(lsp_types::Range::new(at, to)),
        range_length: None,
        text: first.to_string(),
    };
    assert_eq!(doc.apply(vec![change], 2, Encoding::Utf16), Path::Items);
    assert_same_as_whole(&doc, "a duplicate code");
    assert!(doc.analysed.diagnostics.iter().any(|d| d.code == "E302"));
    let text = base.clone();
    let change = lsp_types::TextDocumentContentChangeEvent {
        range: None,
        range_length: None,
        text,
    };
    assert_eq!(doc.apply(vec![change], 3, Encoding::Utf16), Path::Items);
    assert_same_as_whole(&doc, "the duplicate undone");
    assert!(!doc.analysed.diagnostics.iter().any(|d| d.code == "E302"));

    // A project's budget raised past the body's: W305 at the department.
    let at = base.find("  budget ").unwrap() + 9;
    let end = at + base[at..].find(' ').unwrap();
    assert_eq!(assert_edit(&base, at, end, "99999", false), Path::Items);
    // A project's name changed, a project removed, a project duplicated.
    let name = base.find("\"公务用车制度改革费\"").unwrap() + 1;
    assert_eq!(
        assert_edit(&base, name, name + 3, "公车", false),
        Path::Items
    );
    let (p, q) = (base.find("\nproject ").unwrap() + 1, codes[1] - 9);
    assert_eq!(assert_edit(&base, p, q, "", false), Path::Items);
    assert_eq!(assert_edit(&base, q, q, &base[p..q], true), Path::Items);
    // A header statement typed between projects: the whole file.
    assert_eq!(
        assert_edit(&base, q, q, "define-unit 校次 count\n", false),
        Path::Full
    );
}

fn next_boundary(s: &str, i: usize) -> usize {
    let mut j = (i + 1).min(s.len());
    while !s.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// Random edits, one after the other, on a sheet with a byte-order mark,
/// CRLF line ends and astral characters; positions sometimes past a line's
/// end or inside a surrogate pair. After each, the document equals a fresh
/// analysis of its text, whichever path it took.
#[test]
fn random_edits_keep_the_document_equal_to_a_fresh_analysis() {
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/beidaihe-2020.jx"
    ))
    .unwrap();
    let text = format!(
        "\u{FEFF}{}",
        sample.replace("资金", "资𠀀金").replace('\n', "\r\n")
    );
    let mut doc = Document::new(text, 1);
    let inserts = [
        "",
        "x",
        "𠀀",
        "\r\n",
        "，",
        "项目",
        "  indicator 产出.时效 \"新\" ≥1%\r\n",
        "\r\n// 备注\r\n\r\n",
        "project \"430-0502-JBN-GG1U\" \"重\" ",
    ];
    // A lost brace or text block sends every later edit down the whole path:
    // rarely, and late.
    let risky = ["}", "{", "\"\"\"", "\"", "//"];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n.max(1)
    };
    let mut paths = [0usize; 2];
    for version in 2..400 {
        let lines = doc.index.line_of(doc.text.len()) as u64 + 1;
        let line = next(lines + 1) as u32;
        let col = next(60) as u32;
        let len = next(4) as u32;
        let ins = if version > 250 && next(5) == 0 {
            risky[next(risky.len() as u64) as usize]
        } else {
            inserts[next(inserts.len() as u64) as usize]
        };
        let from = lsp_types::Position::new(line, col);
        let mut to = lsp_types::Position::new(line, col + len);
        // Nor is a brace or a quote deleted before then.
        let a = doc.index.offset(&doc.text, from, Encoding::Utf16);
        let b = doc.index.offset(&doc.text, to, Encoding::Utf16).max(a);
        if version <= 250 && doc.text[a..b].contains(['{', '}', '"']) {
            to = from;
        }
        // A third of the edits sent as the whole new text.
        let change = if next(3) == 0 {
            let a = doc.index.offset(&doc.text, from, Encoding::Utf16);
            let b = doc.index.offset(&doc.text, to, Encoding::Utf16).max(a);
            let mut text = doc.text.clone();
            text.replace_range(a..b, ins);
            lsp_types::TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text,
            }
        } else {
            lsp_types::TextDocumentContentChangeEvent {
                range: Some(lsp_types::Range::new(from, to)),
                range_length: None,
                text: ins.to_string(),
            }
        };
        let path = doc.apply(vec![change], version, Encoding::Utf16);
        paths[usize::from(path == Path::Items)] += 1;
        let fresh = Document::new(doc.text.clone(), version);
        let key = |d: &jixiao::diag::Diagnostic| (d.span, d.code, d.message.en.clone());
        let mut got: Vec<_> = doc.analysed.diagnostics.iter().map(key).collect();
        let mut want: Vec<_> = fresh.analysed.diagnostics.iter().map(key).collect();
        got.sort_by_key(|k| (k.0, k.1.as_str()));
        want.sort_by_key(|k| (k.0, k.1.as_str()));
        assert_eq!(got, want, "edit {version}: {ins:?} at {line}:{col}");
        assert_eq!(doc.analysed.sheet, fresh.analysed.sheet, "edit {version}");
        assert_eq!(
            doc.analysed.source_map, fresh.analysed.source_map,
            "edit {version}"
        );
    }
    assert!(paths[1] > 50, "the project path is taken: {paths:?}");
}

/// A self-evaluation or monitoring form is one top-level block: every edit
/// in it or after it gives what analysing the whole form gives (its own
/// checks, standalone), never a sheet's checks of a part of it.
#[test]
fn edits_of_forms_give_what_the_whole_form_gives() {
    for name in ["beidaihe-2020.自评.jx", "beidaihe-2020.监控.jx"] {
        let path = format!("{}/examples/evaluation/{name}", env!("CARGO_MANIFEST_DIR"));
        let base = std::fs::read_to_string(path).unwrap();
        one_character_edits(&base, 0, base.len(), false);
        one_character_edits(&base, base.len() / 2, base.len(), true);
    }
}

/// A form that is a file is checked against the sheet it names, as
/// `jixiao check` does; without a file only its own checks run.
#[test]
fn a_form_on_disk_is_checked_against_its_sheet() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/evaluation/beidaihe-2020.自评.jx");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("≥90% {", "≥95% {", 1);
    let codes = |d: &Document| -> Vec<String> {
        d.analysed
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect()
    };
    let on_disk = Document::at(text.clone(), 1, Some(path));
    assert_eq!(codes(&on_disk), ["E705"]);
    assert!(codes(&Document::new(text, 1)).is_empty());
}

#[test]
fn file_uris_name_paths() {
    let uri = |s: &str| s.parse::<lsp_types::Uri>().unwrap();
    assert_eq!(
        super::file_path(&uri(URI)),
        Some(std::path::PathBuf::from("/tmp/测试.jx"))
    );
    assert_eq!(
        super::file_path(&uri("file:///a%20b/c.jx")),
        Some(std::path::PathBuf::from("/a b/c.jx"))
    );
    assert_eq!(super::file_path(&uri("untitled:Untitled-1")), None);
}
