//! `jixiao lsp` over real standard input and output, as an editor drives
//! it: initialize, open every example and a sheet with a planted defect,
//! shutdown, exit. And the VS Code grammar's keywords against the
//! vocabulary's.

use crate::common::root;
use jixiao::source::SourceFile;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn frame(msg: &Value) -> Vec<u8> {
    let body = msg.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body.as_bytes());
    out
}

/// The messages of a stdout stream of `Content-Length` frames.
fn frames(mut bytes: &[u8]) -> Vec<Value> {
    let mut out = Vec::new();
    while let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = std::str::from_utf8(&bytes[..end]).unwrap();
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let body = &bytes[end + 4..end + 4 + len];
        out.push(serde_json::from_slice(body).unwrap());
        bytes = &bytes[end + 4 + len..];
    }
    out
}

/// Run `jixiao lsp` on `messages`; its exit code and what it wrote.
fn session(messages: &[Value]) -> (Option<i32>, Vec<Value>) {
    session_with(&["lsp"], messages)
}

fn session_with(args: &[&str], messages: &[Value]) -> (Option<i32>, Vec<Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input: Vec<u8> = messages.iter().flat_map(frame).collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    writer.join().unwrap();
    let status = child.wait().unwrap();
    (status.code(), frames(&out))
}

fn uri(name: &str) -> String {
    format!("file:///sheets/{name}")
}

fn open(name: &str, text: &str) -> Value {
    json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri(name), "languageId": "jixiao", "version": 1, "text": text}}})
}

/// Line and UTF-16 column of a byte offset, counted here on the text.
fn utf16_position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col: usize = before[line_start..].encode_utf16().count();
    json!({"line": line, "character": col})
}

#[test]
fn an_editor_session_over_stdio() {
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}, "processId": null, "rootUri": null}});
    let initialized = json!({"jsonrpc": "2.0", "method": "initialized", "params": {}});
    let shutdown = json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"});
    let exit = json!({"jsonrpc": "2.0", "method": "exit"});
    let mut messages = vec![init, initialized];
    let mut expected = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jx"))
        .collect();
    names.sort();
    for path in &names {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        messages.push(open(&name, &text));
        expected.push((name, text));
    }
    // A planted defect after Han text and an astral character.
    let planted = expected[0].1.replacen(
        "\"“创意之家”租赁费到位率\" ≥90%",
        "\"“创意之家”𠀀租赁费到位率\" ≥90%%",
        1,
    );
    assert_ne!(planted, expected[0].1);
    messages.push(open("planted.jx", &planted));
    expected.push(("planted.jx".to_string(), planted));
    messages.push(shutdown);
    messages.push(exit);
    let (code, out) = session(&messages);
    assert_eq!(code, Some(0), "exit after shutdown");
    assert_eq!(out[0]["id"], 1);
    assert_eq!(
        out[0]["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    let published: Vec<&Value> = out
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert_eq!(published.len(), expected.len());
    for (p, (name, text)) in published.iter().zip(&expected) {
        assert_eq!(p["params"]["uri"], uri(name));
        let want: Vec<Value> = jixiao::analyze(&SourceFile::new(name.as_str(), text.as_str()))
            .diagnostics
            .iter()
            .map(|d| {
                json!({
                    "code": d.code.as_str(),
                    "start": utf16_position(text, d.span.start),
                    "end": utf16_position(text, d.span.end),
                })
            })
            .collect();
        let got: Vec<Value> = p["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                json!({"code": d["code"], "start": d["range"]["start"], "end": d["range"]["end"]})
            })
            .collect();
        assert_eq!(got, want, "{name}");
    }
    let planted = published.last().unwrap()["params"]["diagnostics"]
        .as_array()
        .unwrap();
    let codes: Vec<&str> = planted
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E601"), "{codes:?}");
    assert!(out.iter().any(|m| m["id"] == 2 && m["result"].is_null()));
}

#[test]
fn exit_without_shutdown_or_end_of_input_exits_1() {
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}}});
    let exit = json!({"jsonrpc": "2.0", "method": "exit"});
    let (code, _) = session(&[init.clone(), exit]);
    assert_eq!(code, Some(1));
    let (code, out) = session(std::slice::from_ref(&init));
    assert_eq!(code, Some(1));
    assert_eq!(out[0]["id"], 1);
    // `--stdio`, as some clients add it.
    let shutdown = json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"});
    let exit = json!({"jsonrpc": "2.0", "method": "exit"});
    let initialized = json!({"jsonrpc": "2.0", "method": "initialized", "params": {}});
    let (code, _) = session_with(&["lsp", "--stdio"], &[init, initialized, shutdown, exit]);
    assert_eq!(code, Some(0));
}

/// The grammar's keyword pattern lists every spelling of every keyword of
/// the vocabulary, and nothing else.
#[test]
fn the_vscode_grammar_has_the_vocabulary_keywords() {
    let path = root().join("editors/vscode/syntaxes/jixiao.tmLanguage.json");
    let grammar: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pattern = grammar["repository"]["keyword"]["match"]
        .as_str()
        .expect("a keyword rule");
    // The alternation is the group after `\s*(`; words escape their
    // parentheses (`评\(扣\)分标准`), so the group ends at the first bare `)`.
    let start = pattern.find("\\s*(").expect("a group of keywords") + 4;
    let mut words = vec![String::new()];
    let mut chars = pattern[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => words.last_mut().unwrap().extend(chars.next()),
            '|' => words.push(String::new()),
            ')' => break,
            c => words.last_mut().unwrap().push(c),
        }
    }
    let mut in_grammar = words;
    let mut in_vocab: Vec<String> = jixiao::vocabulary::KEYWORDS
        .iter()
        .flat_map(|(_, en, zh)| std::iter::once(*en).chain(zh.iter().copied()))
        .map(str::to_string)
        .collect();
    in_grammar.sort();
    in_vocab.sort();
    assert_eq!(in_grammar, in_vocab);
}
