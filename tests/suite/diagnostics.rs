//! Fixture tests for diagnostics, in the style of rustc's UI tests.
//!
//! Every `tests/fixtures/diagnostics/*.jx` is a small sheet written to draw
//! one diagnostic (sometimes two). The diagnostics it must draw are written
//! in the fixture itself, as comments:
//!
//! - `//~ E301` at the end of a line: a diagnostic whose primary span starts
//!   on this line; several codes may follow, separated by spaces;
//! - `//~^ E001` on a line of its own: the same for the line above (one `^`
//!   per line up), for lines that cannot hold a comment (an unterminated
//!   string would swallow it);
//! - a file-level diagnostic (byte 0, empty span) is expected on line 1.
//!
//! The multiset of (line, code) drawn by `jixiao::compile` must equal the
//! expected one exactly, so a fixture also proves that no unrelated
//! diagnostic fires. Each fixture's rendering (English, no colour) is kept as
//! an insta snapshot named after it, plus a Chinese one (`<name>-zh`) for the
//! fixtures in `ZH_SNAPSHOTS`.
//!
//! Fixtures under `todo/` show behaviour the compiler does not have yet; the
//! harness skips them.
//!
//! The self-evaluation and monitoring fixtures (E7xx) live in
//! `tests/fixtures/evaluation/`, compiled with `jixiao::compile_document` and
//! the sheets they name read from that folder (`sheets/` is not a fixture).

use jixiao::diag::{catalogue, render_human, Code, ColorChoice, Lang};
use jixiao::source::SourceFile;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Fixtures whose Chinese rendering is snapshotted too.
const ZH_SNAPSHOTS: &[&str] = &[
    "E006-chinese-quotes",
    "E006-name-with-spaces",
    "E007-full-width-dot-in-category",
    "E301-sources-mismatch",
    "E301-nested-sources",
    "E502-suggestion",
    "W509-unrelated-subject",
    "E701-points-differ",
    "W708-behind-schedule",
];

/// Codes no text file can draw through `compile`, with the reason.
const NOT_FROM_TEXT: &[(Code, &str)] = &[
    (
        Code::E009,
        "encoding errors arise when bytes are decoded (SourceFile::decode); compile takes text",
    ),
    (
        Code::E011,
        "internal parse failure: the grammar is total, so no input reaches it",
    ),
];

fn fixture_dirs() -> [PathBuf; 2] {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("tests/fixtures/diagnostics"),
        root.join("tests/fixtures/evaluation"),
    ]
}

/// Every fixture, sorted by file name; sub-directories (`todo/`, `sheets/`)
/// are skipped.
fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fixture_dirs()
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("fixture folder exists"))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "jx"))
        .map(|path| {
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 file name")
                .to_string();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (file, text)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures found");
    out
}

fn is_code(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 4 && (b[0] == b'E' || b[0] == b'W') && b[1..].iter().all(u8::is_ascii_digit)
}

/// The (line, code) pairs a fixture expects, counted.
fn expected(file: &str, text: &str) -> BTreeMap<(usize, String), usize> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some(pos) = line.find("//~") else {
            continue;
        };
        let rest = &line[pos + 3..];
        let up = rest.len() - rest.trim_start_matches('^').len();
        assert!(up <= i, "{file}:{}: `//~^` points above the file", i + 1);
        let codes: Vec<&str> = rest[up..].split_whitespace().collect();
        assert!(
            !codes.is_empty() && codes.iter().all(|c| is_code(c)),
            "{file}:{}: malformed expectation `{}`",
            i + 1,
            &line[pos..]
        );
        for code in codes {
            *out.entry((i + 1 - up, code.to_string())).or_insert(0) += 1;
        }
    }
    out
}

/// A fixture compiled as the command line compiles it: a sheet, or an
/// evaluation reading the sheets beside it.
fn compile(file: &SourceFile) -> jixiao::Compiled {
    let loader = jixiao::FsLoader::new(fixture_dirs()[1].clone());
    jixiao::compile_document(file, &loader)
}

/// The (line, code) pairs the compiler draws, counted.
fn actual(file: &SourceFile) -> BTreeMap<(usize, String), usize> {
    let mut out = BTreeMap::new();
    for d in compile(file).diagnostics {
        let (line, _) = file.line_col(d.span.start);
        *out.entry((line, d.code.to_string())).or_insert(0) += 1;
    }
    out
}

/// `- ` lines expected but not drawn, `+ ` lines drawn but not expected.
fn diff(want: &BTreeMap<(usize, String), usize>, got: &BTreeMap<(usize, String), usize>) -> String {
    let mut keys: Vec<&(usize, String)> = want.keys().chain(got.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = String::new();
    for key in keys {
        let w = want.get(key).copied().unwrap_or(0);
        let g = got.get(key).copied().unwrap_or(0);
        let (sign, n) = if w > g { ('-', w - g) } else { ('+', g - w) };
        for _ in 0..n {
            let _ = writeln!(out, "    {sign} line {}: {}", key.0, key.1);
        }
    }
    out
}

/// Every diagnostic of a fixture rendered for people, concatenated.
fn render(file: &SourceFile, lang: Lang) -> String {
    compile(file)
        .diagnostics
        .iter()
        .map(|d| render_human(d, file, lang, ColorChoice::Never))
        .collect()
}

fn stem(file: &str) -> &str {
    file.strip_suffix(".jx").unwrap_or(file)
}

#[test]
fn fixtures_draw_exactly_the_expected_diagnostics() {
    let mut failures = String::new();
    for (name, text) in fixtures() {
        let want = expected(&name, &text);
        assert!(
            !want.is_empty(),
            "{name}: a fixture must expect at least one diagnostic"
        );
        let source = SourceFile::new(name.as_str(), text.as_str());
        let got = actual(&source);
        if want != got {
            let _ = writeln!(
                failures,
                "{name}: (- expected, not drawn; + drawn, not expected)\n{}",
                diff(&want, &got)
            );
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}

#[test]
fn fixture_renderings_match_snapshots() {
    let mut failed = Vec::new();
    for (name, text) in fixtures() {
        let source = SourceFile::new(name.as_str(), text.as_str());
        let stem = stem(&name).to_string();
        let mut check = |snapshot: String, lang: Lang| {
            let rendered = render(&source, lang);
            let result = std::panic::catch_unwind(|| {
                let mut settings = insta::Settings::clone_current();
                settings.set_description(format!("tests/fixtures/diagnostics/{name}"));
                settings.set_omit_expression(true);
                settings.bind(|| insta::assert_snapshot!(snapshot.as_str(), rendered));
            });
            if result.is_err() {
                failed.push(snapshot);
            }
        };
        check(stem.clone(), Lang::En);
        if ZH_SNAPSHOTS.contains(&stem.as_str()) {
            check(format!("{stem}-zh"), Lang::Zh);
        }
    }
    assert!(failed.is_empty(), "snapshots differ: {}", failed.join(", "));
}

#[test]
fn chinese_snapshots_name_existing_fixtures() {
    let names: Vec<String> = fixtures()
        .iter()
        .map(|(n, _)| stem(n).to_string())
        .collect();
    for zh in ZH_SNAPSHOTS {
        assert!(
            names.iter().any(|n| n == zh),
            "ZH_SNAPSHOTS names no fixture {zh}"
        );
    }
}

#[test]
fn every_code_has_a_fixture() {
    let names: Vec<String> = fixtures().into_iter().map(|(n, _)| n).collect();
    let missing: Vec<Code> = catalogue::ENTRIES
        .iter()
        .map(|e| e.code)
        .filter(|code| !NOT_FROM_TEXT.iter().any(|(c, _)| c == code))
        .filter(|code| !names.iter().any(|n| n.starts_with(code.as_str())))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
    for (code, reason) in NOT_FROM_TEXT {
        assert!(
            catalogue::entry_of(*code).is_some(),
            "{code} is no longer in the catalogue ({reason})"
        );
        assert!(
            !names.iter().any(|n| n.starts_with(code.as_str())),
            "{code} has a fixture now: remove it from NOT_FROM_TEXT"
        );
    }
}

#[test]
fn expectation_comments_are_parsed() {
    let text = "a //~ E001\n//~^ W405\nb //~ E301 E301\n\nc\n//~^^ E003\n";
    let want = expected("inline", text);
    let pairs: Vec<(usize, &str, usize)> = want
        .iter()
        .map(|((line, code), n)| (*line, code.as_str(), *n))
        .collect();
    assert_eq!(
        pairs,
        [
            (1, "E001", 1),
            (1, "W405", 1),
            (3, "E301", 2),
            (4, "E003", 1)
        ]
    );
}

/// The renderer shows ariadne a copy of the file holding only the lines the
/// diagnostics point at: it must draw exactly what a copy holding every line
/// draws, for one diagnostic or all of a file at once, with LF, CRLF and
/// the far-apart labels of a duplicate (first definition at the top).
#[test]
fn sparse_source_renders_as_the_whole_file() {
    use jixiao::diag::HumanRenderer;
    for (name, text) in fixtures() {
        for text in [text.clone(), text.replace('\n', "\r\n")] {
            let file = SourceFile::new(name.as_str(), text.as_str());
            let diags = compile(&file).diagnostics;
            let Some(first) = diags.first() else { continue };
            // A diagnostic spanning the file keeps every line in the copy.
            let mut everything = first.clone();
            everything.span = jixiao::source::Span::new(0, file.text.len());
            everything.secondary.clear();
            let mut with_all = diags.clone();
            with_all.push(everything);
            for lang in [Lang::En, Lang::Zh] {
                let sparse = HumanRenderer::new(&file, &diags, lang, ColorChoice::Never);
                let whole = HumanRenderer::new(&file, &with_all, lang, ColorChoice::Never);
                for d in &diags {
                    assert_eq!(sparse.render(d), whole.render(d), "{name}: {}", d.code);
                    assert_eq!(
                        render_human(d, &file, lang, ColorChoice::Never),
                        whole.render(d),
                        "{name}: {} alone",
                        d.code
                    );
                }
            }
        }
    }
}

/// The ASCII words of a Chinese rendering that are not the sheet's own
/// text: everything but the source lines ariadne quotes, less diagnostic
/// codes, code points (`U+001B`), and words the sheet itself holds
/// (keywords as it spells them, units, codes) or its file name; a
/// suggestion for a misspelt word (`purpose` for `purpse`) is close to one.
fn english_words(
    rendered: &str,
    source: &str,
    name: &str,
    english_keywords: Option<&BTreeSet<String>>,
) -> Vec<String> {
    let quoted_source = |line: &str| {
        let t = line.trim_start();
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        (digits > 0 && t[digits..].trim_start().starts_with('│')) || t.starts_with("╭─[")
    };
    let token_char = |c: char| c.is_ascii_alphanumeric() || "_-+./\\".contains(c);
    let source_words: Vec<&str> = source
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut words = Vec::new();
    for line in rendered.lines().filter(|l| !quoted_source(l)) {
        for token in line.split(|c: char| !token_char(c)) {
            let word = token.trim_matches(|c: char| ".-/+\\".contains(c));
            if !word.chars().any(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            let code = word.len() == 4
                && word.starts_with(['E', 'W', 'I'])
                && word[1..].chars().all(|c| c.is_ascii_digit());
            let code_point = word
                .strip_prefix("U+")
                .is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
            let suggestion = source_words
                .iter()
                .any(|w| distance(w, word) <= 2 && w.len() > 3);
            let keyword = english_keywords.is_some_and(|k| k.contains(word));
            if !(code
                || code_point
                || keyword
                || suggestion
                || source.contains(word)
                || name.contains(word))
            {
                words.push(word.to_string());
            }
        }
    }
    words
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// With `--lang zh` a diagnostic carries no English word of its own: not
/// ariadne's headings (`Error`, `Warning`, `Help`), and a keyword only as
/// the sheet spells it. Each fixture is tried as written (its keywords are
/// English: English keywords may be named), and with its keywords in
/// Chinese where it can be formatted (no English keyword may be named but
/// those the sheet still holds).
#[test]
fn chinese_rendering_has_no_english_words() {
    let chinese = jixiao::fmt::Options {
        keywords: jixiao::fmt::Keywords::Chinese,
    };
    let words = |text: &str| -> BTreeSet<String> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .map(str::to_string)
            .collect()
    };
    // The English keywords: the words formatting in Chinese takes away.
    let mut keywords = BTreeSet::new();
    let mut fixtures_both = Vec::new();
    for (name, text) in fixtures() {
        let zh = jixiao::fmt::format(&text, &chinese).ok();
        if let Some(zh) = &zh {
            keywords.extend(words(&text).difference(&words(zh)).cloned());
        }
        fixtures_both.push((name, text, zh));
    }
    assert!(keywords.contains("define-unit") && keywords.contains("indicator"));
    let in_chinese = fixtures_both.iter().filter(|f| f.2.is_some()).count();
    assert!(
        in_chinese >= 60,
        "only {in_chinese} fixtures in Chinese keywords"
    );
    let mut found = Vec::new();
    for (name, text, zh) in fixtures_both {
        let mut variants = vec![(text, Some(&keywords))];
        variants.extend(zh.map(|zh| (zh, None)));
        for (source, english_keywords) in variants {
            let file = SourceFile::new(name.clone(), source.clone());
            for d in jixiao::compile(&file).diagnostics {
                let shown = render_human(&d, &file, Lang::Zh, ColorChoice::Never);
                for word in english_words(&shown, &source, &name, english_keywords) {
                    found.push(format!("{name} {}: `{word}` in\n{shown}", d.code));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} English words:\n{}",
        found.len(),
        found.join("\n")
    );
}
