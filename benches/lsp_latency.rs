//! Issue 14: a keystroke in a sheet of about 1 MB to the diagnostics the
//! server publishes for it, measured on the release binary over real
//! standard input and output (`jixiao lsp`), as an editor sees it.
//!
//! The sheet is the bundled sample grown to 1 MB (`gen::grow_to`, about 1,000
//! projects). The client opens it, waits for its diagnostics, then types:
//! each keystroke is one `didChange` with a range (incremental sync), sent
//! when the diagnostics of the previous one have arrived; the time is from
//! writing the change to reading the `publishDiagnostics` of its version.
//!
//! - `in a project`: a character typed into an indicator's name, then
//!   deleted, at projects spread over the file (the project is re-checked
//!   alone);
//! - `in the header`: the same in the department block, which every project
//!   depends on (the whole file is analysed again);
//! - `whole text`: the same keystroke sent as the whole text (full sync);
//! - `in a project's name`: the same in the head of projects spread over
//!   the file (the duplicate-name and -code checks are redone);
//! - `at the end`: new projects typed after the last, character by
//!   character, braces and quotes closed and typed over as an editor does.
//!
//! `cargo bench --bench lsp_latency` prints a Markdown table (the figures of
//! BENCHMARKS.md). `JIXIAO_LSP_KEYS` sets the keystrokes per case (400).

#[path = "gen/mod.rs"]
mod gen;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const URI: &str = "file:///bench/sheet.jx";

fn send(stdin: &mut ChildStdin, msg: &Value) {
    let body = msg.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// Read `Content-Length` frames and hand each message on.
fn reader(out: impl Read, tx: mpsc::Sender<Value>) {
    let mut r = BufReader::new(out);
    loop {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
            return;
        }
    }
}

/// Wait for the diagnostics of `version`; how many there were.
fn wait_diagnostics(rx: &mpsc::Receiver<Value>, version: i64) -> usize {
    loop {
        let m = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("diagnostics");
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version {
            return m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        }
    }
}

/// Line and UTF-16 column of a byte offset.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": before[start..].encode_utf16().count()})
}

struct Stats {
    median: f64,
    p90: f64,
    p99: f64,
    max: f64,
}

fn stats(mut ms: Vec<f64>) -> Stats {
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
    Stats {
        median: at(0.5),
        p90: at(0.9),
        p99: at(0.99),
        max: *ms.last().unwrap(),
    }
}

fn main() {
    // `cargo test --benches` runs benches once in test mode: keep it short.
    let quick = std::env::args().any(|a| a == "--test");
    let keys: usize = std::env::var("JIXIAO_LSP_KEYS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 10 } else { 400 });
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/beidaihe-2020.jx"
    ))
    .unwrap();
    let mut text = gen::grow_to(&sample, 1 << 20);
    gen::assert_checks("grown", &text);

    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let read = std::thread::spawn(move || reader(stdout, tx));

    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    let t = Instant::now();
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": URI, "languageId": "jixiao", "version": 1, "text": text}}}),
    );
    let open_diags = wait_diagnostics(&rx, 1);
    let open_ms = t.elapsed().as_secs_f64() * 1e3;

    // Where the keystrokes go: inside an indicator's name in projects spread
    // over the file, and inside the department's name.
    let names: Vec<usize> = text
        .match_indices("  indicator ")
        .filter_map(|(i, _)| {
            let line_end = i + text[i..].find('\n')?;
            let q = text[i..line_end].find('"')?;
            Some(i + q + 1)
        })
        .collect();
    let spots: Vec<usize> = (0..8).map(|k| names[k * names.len() / 8 + 3]).collect();
    let header = text.find("department").unwrap();
    let header_spot = header + text[header..].find('"').unwrap() + 1;

    // The heads of projects spread over the file: inside their names.
    let heads: Vec<usize> = text
        .match_indices("\nproject \"")
        .filter_map(|(i, _)| {
            let line_end = i + 1 + text[i + 1..].find('\n')?;
            let code_end = i + 10 + text[i + 10..line_end].find('"')?;
            let name = code_end + 1 + text[code_end + 1..line_end].find('"')?;
            Some(name + 1)
        })
        .collect();
    let head_spots: Vec<usize> = (0..8).map(|k| heads[k * heads.len() / 8 + 1]).collect();

    let mut version = 1i64;
    // One keystroke: the bytes `a..b` of the text replaced; `None` when the
    // keystroke changes nothing (the cursor moves over a closing quote).
    type Edit<'e> = dyn FnMut(usize, &str) -> Option<(usize, usize, String)> + 'e;
    let mut run = |text: &mut String, edit: &mut Edit<'_>, whole: bool| {
        let mut ms = Vec::with_capacity(keys);
        let mut k = 0;
        while ms.len() < keys {
            let Some((a, b, new)) = edit(k, text) else {
                k += 1;
                continue;
            };
            k += 1;
            version += 1;
            let range = json!({"start": position(text, a), "end": position(text, b)});
            text.replace_range(a..b, &new);
            let change = if whole {
                json!({"text": text})
            } else {
                json!({"range": range, "text": new})
            };
            let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}});
            let t = Instant::now();
            send(&mut stdin, &msg);
            wait_diagnostics(&rx, version);
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
        stats(ms)
    };
    // Each spot takes two keystrokes (type `字`, delete it) before the next.
    let type_and_delete = |spots: Vec<usize>| {
        move |k: usize, _: &str| {
            let at = spots[(k / 2) % spots.len()];
            Some(match k % 2 {
                0 => (at, at, "字".to_string()),
                _ => (at, at + "字".len(), String::new()),
            })
        }
    };
    let project = run(&mut text, &mut type_and_delete(spots.clone()), false);
    let in_header = run(&mut text, &mut type_and_delete(vec![header_spot]), false);
    let whole = run(&mut text, &mut type_and_delete(spots.clone()), true);
    let head = run(&mut text, &mut type_and_delete(head_spots), false);
    // New projects typed at the end of the file, one character at a time,
    // braces and quotes closed and typed over as an editor does.
    let mut cursor = text.len();
    let mut typed: Vec<char> = Vec::new();
    let mut n = 0;
    let mut new_project = |_: usize, text: &str| {
        if typed.is_empty() {
            n += 1;
            typed = format!(
                "\nproject \"NEW-{n}\" \"新项目{n}\" {{\n  budget 12.5 {{ 财政资金 12.5 }}\n  purpose \"新的用途\"\n  indicator 产出.数量 \"新增设备\" ≥3台\n  indicator 满意度.服务对象满意度 \"使用人员满意度\" ≥90%\n"
            )
            .chars()
            .rev()
            .collect();
            cursor = text.len();
        }
        let c = typed.pop()?;
        if matches!(c, '"' | '}') && text[cursor..].starts_with(c) {
            cursor += 1;
            return None;
        }
        let new = match c {
            '{' => "{}".to_string(),
            '"' => "\"\"".to_string(),
            c => c.to_string(),
        };
        let at = cursor;
        cursor += c.len_utf8();
        Some((at, at, new))
    };
    let at_end = run(&mut text, &mut new_project, false);

    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = child.wait().unwrap();
    let _ = read.join();
    assert!(status.success(), "jixiao lsp exits 0 after shutdown");

    println!(
        "sheet: {} bytes, {} lines, {} projects, {} diagnostics; open → diagnostics {open_ms:.1} ms; {keys} keystrokes per case\n",
        text.len(),
        text.lines().count(),
        text.lines().filter(|l| l.starts_with("project ")).count(),
        open_diags
    );
    println!("| keystroke | median | p90 | p99 | max |");
    println!("|---|---:|---:|---:|---:|");
    for (name, s) in [
        ("in a project (incremental sync)", &project),
        ("in the header (incremental sync, whole file)", &in_header),
        ("in a project, whole text sent (full sync)", &whole),
        ("in a project's name (incremental sync)", &head),
        ("a new project typed at the end (incremental sync)", &at_end),
    ] {
        println!(
            "| {name} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms |",
            s.median, s.p90, s.p99, s.max
        );
    }
}
