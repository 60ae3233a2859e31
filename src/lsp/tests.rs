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

/// Every one-character insertion and deletion inside a project's block,
/// re-checked alone, gives what analysing the whole file gives.
#[test]
fn the_project_alone_gives_what_the_whole_file_gives() {
    let base = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/beidaihe-2020.jx"
    ))
    .unwrap();
    let starts: Vec<usize> = base.match_indices("project ").map(|(i, _)| i).collect();
    let (from, to) = (starts[1], starts[2]);
    let mut projects = 0;
    let inserts = ["x", "%", "\"", "}", "{", "\n", "，", "项目 ", "0"];
    let offsets: Vec<usize> = (from..to)
        .filter(|i| base.is_char_boundary(*i))
        .step_by(7)
        .collect();
    for (n, &at) in offsets.iter().enumerate() {
        let ins = inserts[n % inserts.len()];
        for (a, b, t) in [(at, at, ins), (at, next_boundary(&base, at), "")] {
            let mut doc = Document::new(base.clone(), 1);
            let index = &doc.index;
            let change = lsp_types::TextDocumentContentChangeEvent {
                range: Some(lsp_types::Range::new(
                    index.position(&base, a, Encoding::Utf16),
                    index.position(&base, b, Encoding::Utf16),
                )),
                range_length: None,
                text: t.to_string(),
            };
            let path = doc.apply(vec![change], 2, Encoding::Utf16);
            let whole = Document::new(doc.text.clone(), 2);
            if path == Path::Project {
                projects += 1;
            }
            let key = |d: &jixiao::diag::Diagnostic| {
                (
                    d.span,
                    d.code,
                    d.message.en.clone(),
                    d.fixes.clone(),
                    d.secondary.clone(),
                )
            };
            let mut got: Vec<_> = doc.analysed.diagnostics.iter().map(key).collect();
            let mut want: Vec<_> = whole.analysed.diagnostics.iter().map(key).collect();
            got.sort_by_key(|k| (k.0, k.1.as_str()));
            want.sort_by_key(|k| (k.0, k.1.as_str()));
            assert_eq!(got, want, "{t:?} at {a}..{b}");
            assert_eq!(
                doc.analysed.sheet, whole.analysed.sheet,
                "{t:?} at {a}..{b}"
            );
            assert_eq!(
                doc.analysed.source_map, whole.analysed.source_map,
                "{t:?} at {a}"
            );
        }
    }
    assert!(
        projects > offsets.len() / 2,
        "the project path is taken: {projects}"
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
        let change = lsp_types::TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(
                lsp_types::Position::new(line, col),
                lsp_types::Position::new(line, col + len),
            )),
            range_length: None,
            text: ins.to_string(),
        };
        let path = doc.apply(vec![change], version, Encoding::Utf16);
        paths[usize::from(path == Path::Project)] += 1;
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
