//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example() -> String {
    std::fs::read_to_string(root().join("examples/beidaihe-2020.jx")).unwrap()
}

/// Run the jixiao binary with a clean locale and no colour.
/// The sheet `text` compiles to; a test fails with its diagnostics (and
/// the text) when it does not compile.
pub fn sheet_of(name: &str, text: &str) -> jixiao::model::Sheet {
    let compiled = jixiao::compile(&jixiao::source::SourceFile::new(name, text));
    let msgs: Vec<String> = compiled
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?}", d.code, d.message))
        .collect();
    compiled
        .ok()
        .unwrap_or_else(|| panic!("{name} does not compile: {msgs:?}\n{text}"))
        .clone()
}

pub fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// A fresh scratch directory under the target dir.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// xorshift64*: deterministic variants without a crate.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every example and diagnostic fixture as (file name, text), sorted.
pub fn sheets() -> Vec<(String, String)> {
    sheets_in(&["examples", "tests/fixtures/diagnostics"])
}

/// Every `.jx` of the given folders as (file name, text), sorted by folder
/// then name. A file that is not UTF-8 is read with replacement characters:
/// what the parser sees is decoded text.
pub fn sheets_in(dirs: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "jx"))
            .collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).unwrap();
            out.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    out
}

/// The nearest character boundary at or after `i`, inside `s`.
pub fn char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// One to `max_edits` edits of at most `max_span` bytes each: a deletion, a
/// duplication, or one of `inserts` put in (half of the edits).
pub fn mutate(
    src: &str,
    rng: &mut Rng,
    max_edits: usize,
    max_span: usize,
    inserts: &[&str],
) -> String {
    let mut s = src.to_string();
    for _ in 0..1 + rng.below(max_edits) {
        let a = char_boundary(&s, rng.below(s.len() + 1));
        let b = char_boundary(&s, a + rng.below(max_span));
        match rng.below(4) {
            0 => s.replace_range(a..b, ""),
            1 => {
                let piece = s[a..b].to_string();
                s.insert_str(a, &piece);
            }
            _ => s.insert_str(a, inserts[rng.below(inserts.len())]),
        }
    }
    s
}
