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
//! - `whole text`: the same keystroke sent as the whole text (full sync).
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

    let mut version = 1i64;
    let mut run = |text: &mut String, spot_of: &dyn Fn(usize) -> usize, whole: bool| {
        let mut ms = Vec::with_capacity(keys);
        for k in 0..keys {
            let at = spot_of(k);
            version += 1;
            let insert = k % 2 == 0;
            let (range, new) = if insert {
                (
                    json!({"start": position(text, at), "end": position(text, at)}),
                    "字",
                )
            } else {
                (
                    json!({"start": position(text, at), "end": position(text, at + "字".len())}),
                    "",
                )
            };
            if insert {
                text.insert(at, '字');
            } else {
                text.replace_range(at..at + "字".len(), "");
            }
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
    // Each spot takes two keystrokes (type, delete) before the next.
    let project = run(&mut text, &|k| spots[(k / 2) % spots.len()], false);
    let in_header = run(&mut text, &|_| header_spot, false);
    let whole = run(&mut text, &|k| spots[(k / 2) % spots.len()], true);

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
        (
            "in a project (incremental sync, project re-checked)",
            &project,
        ),
        ("in the header (incremental sync, whole file)", &in_header),
        ("in a project, whole text sent (full sync)", &whole),
    ] {
        println!(
            "| {name} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms |",
            s.median, s.p90, s.p99, s.max
        );
    }
}
