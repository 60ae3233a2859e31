//! The shape of the source, held by a test: the library's modules form
//! layers that no import runs against, the formatter, emitters and diff
//! never reach into the checker, and no two files import each other,
//! directly or through others.
//!
//! A file imports another when it names the other's module in a path:
//! `use crate::lang::units`, `use super::args::Args`, `use super::*`,
//! `checker::Checker`, `pub use tree::*`. Test modules at the end of a file
//! (`#[cfg(test)] mod tests`) are left out: they may reach anywhere.

use crate::common::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The library's top-level modules, lowest first. A module may import only
/// modules of its own layer or below.
const LAYERS: &[&[&str]] = &[
    &["source"],
    &["diag"],
    &["syntax"],
    &["lang", "vocabulary"],
    &["fmt"],
    &["target"],
    &["model"],
    &["check"],
    &["emit"],
    &["diff", "import"],
    &["report"],
];

type ModPath = Vec<String>;

struct SourceFiles {
    /// Path relative to `src/` → text without its test module.
    files: BTreeMap<String, String>,
    /// Module path → file.
    modules: BTreeMap<ModPath, String>,
}

/// The module a file holds. The binary (`main.rs`, the command line and the
/// language server) is its own crate: its `crate::` is not the library's.
fn module_path(rel: &str) -> ModPath {
    let binary = rel == "main.rs" || rel.starts_with("cli/") || rel.starts_with("lsp/");
    let mut parts: Vec<String> = binary
        .then(|| "<bin>".to_string())
        .into_iter()
        .chain(rel.trim_end_matches(".rs").split('/').map(str::to_string))
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The root module of the crate a file belongs to.
fn crate_root(rel: &str) -> ModPath {
    module_path(rel)
        .into_iter()
        .take_while(|p| p == "<bin>")
        .collect()
}

fn read_sources() -> SourceFiles {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(&p, base, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(&p).unwrap();
                let code = match text.find("#[cfg(test)]\nmod tests") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                };
                // Line comments only: a path in a comment is no import.
                let code: String = code
                    .lines()
                    .map(|l| match l.find("//") {
                        Some(i) if !l[..i].contains('"') => &l[..i],
                        _ => l,
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                out.insert(rel, code);
            }
        }
    }
    let src = root().join("src");
    let mut files = BTreeMap::new();
    walk(&src, &src, &mut files);
    let modules = files
        .keys()
        .map(|rel| (module_path(rel), rel.clone()))
        .collect();
    SourceFiles { files, modules }
}

/// The paths written in `code`: runs of identifiers joined by `::`.
fn paths(code: &str) -> Vec<Vec<&str>> {
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_ident(bytes[i]) || (i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let mut parts = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && is_ident(bytes[j]) {
                j += 1;
            }
            parts.push(&code[start..j]);
            if code[j..].starts_with("::") && bytes.get(j + 2).is_some_and(|b| is_ident(*b)) {
                j += 2;
            } else {
                break;
            }
        }
        // `super::{…}` and `super::*` name the module itself.
        if parts.len() > 1 || code[j..].starts_with("::{") || code[j..].starts_with("::*") {
            out.push(parts);
        }
        i = j.max(i + 1);
    }
    out
}

/// The files each file imports.
fn imports(src: &SourceFiles) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges = BTreeMap::new();
    for (rel, code) in &src.files {
        let here = module_path(rel);
        let mut out = BTreeSet::new();
        for path in paths(code) {
            let (mut base, rest): (ModPath, &[&str]) = match path[0] {
                "crate" => (crate_root(rel), &path[1..]),
                "self" => (here.clone(), &path[1..]),
                "super" => {
                    let mut base = here.clone();
                    base.pop();
                    let mut rest = &path[1..];
                    while rest.first() == Some(&"super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    (base, rest)
                }
                first => {
                    // A child module named by its bare name.
                    let mut child = here.clone();
                    child.push(first.to_string());
                    if !src.modules.contains_key(&child) {
                        continue;
                    }
                    (here.clone(), &path[..])
                }
            };
            for part in rest {
                base.push(part.to_string());
                if !src.modules.contains_key(&base) {
                    base.pop();
                    break;
                }
            }
            if let Some(file) = src.modules.get(&base) {
                if file != rel {
                    out.insert(file.clone());
                }
            }
        }
        edges.insert(rel.clone(), out);
    }
    edges
}

fn layer_of(rel: &str) -> Option<usize> {
    let top = module_path(rel).first().cloned()?;
    // `<bin>` and the crate roots are in no layer: they sit on top.
    LAYERS.iter().position(|l| l.contains(&top.as_str()))
}

#[test]
fn paths_are_read_as_written() {
    let found = paths("use super::{a, b};\nuse crate::lang::units::Dimension;\nx.y::z; ab::*");
    assert_eq!(
        found,
        vec![
            vec!["super"],
            vec!["crate", "lang", "units", "Dimension"],
            vec!["ab"],
        ]
    );
}

#[test]
fn no_import_runs_against_the_layers() {
    let src = read_sources();
    let edges = imports(&src);
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        let Some(lf) = layer_of(from) else {
            continue; // lib.rs, main.rs and the command line sit on top
        };
        for to in tos {
            match layer_of(to) {
                Some(lt) if lt > lf => wrong.push(format!("{from} imports {to}")),
                None => wrong.push(format!("{from} imports {to} (above the library)")),
                _ => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
    // The edge list is real: the checker imports the vocabulary.
    assert!(edges["check/budget.rs"].contains("lang/sources.rs"));
}

#[test]
fn formatter_emitters_and_diff_never_import_the_checker() {
    let src = read_sources();
    for (from, tos) in imports(&src) {
        if ["fmt/", "emit/", "diff/"]
            .iter()
            .any(|p| from.starts_with(p))
        {
            let into_check: Vec<_> = tos.iter().filter(|t| t.starts_with("check/")).collect();
            assert!(into_check.is_empty(), "{from} imports {into_check:?}");
        }
    }
}

#[test]
fn no_circle_between_files() {
    let src = read_sources();
    let edges = imports(&src);
    // Depth-first search; a file met again while on the stack closes a circle.
    fn visit<'a>(
        file: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
        circles: &mut Vec<String>,
    ) {
        state.insert(file, 1);
        stack.push(file);
        for next in edges.get(file).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let at = stack.iter().position(|f| *f == next).unwrap_or(0);
                    circles.push(format!("{} -> {next}", stack[at..].join(" -> ")));
                }
                Some(_) => {}
                None => visit(next, edges, state, stack, circles),
            }
        }
        stack.pop();
        state.insert(file, 2);
    }
    let mut state = BTreeMap::new();
    let mut circles = Vec::new();
    for file in edges.keys() {
        if !state.contains_key(file.as_str()) {
            visit(file, &edges, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    assert!(circles.is_empty(), "circles:\n{}", circles.join("\n"));
}

#[test]
fn the_language_server_and_the_command_line_stay_apart() {
    let src = read_sources();
    let edges = imports(&src);
    for (from, tos) in &edges {
        if from.starts_with("lsp/") {
            let into_cli: Vec<_> = tos.iter().filter(|t| t.starts_with("cli/")).collect();
            assert!(into_cli.is_empty(), "{from} imports {into_cli:?}");
        }
        if from.starts_with("cli/") && from != "cli/mod.rs" {
            let into_lsp: Vec<_> = tos.iter().filter(|t| t.starts_with("lsp/")).collect();
            assert!(into_lsp.is_empty(), "{from} imports {into_lsp:?}");
        }
    }
    // The one meeting point: the command line hands `jixiao lsp` over.
    assert!(edges["cli/mod.rs"].contains("lsp/mod.rs"));
    // The server's files are read as the binary's: it reaches the library
    // through `jixiao::`, and its own files through `super::`.
    assert!(edges["lsp/mod.rs"].contains("lsp/document.rs"));
}
