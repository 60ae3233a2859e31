//! The formatter: canonical, idempotent, lossless. Properties are checked
//! over every example and fixture and over generated variants of the example.

use crate::common::*;
use jixiao::fmt::{format, Options};
use jixiao::source::SourceFile;

fn fmt(s: &str) -> String {
    format(s, &Options::default()).unwrap_or_else(|d| panic!("syntax errors: {d:?}"))
}

/// The JSON of a sheet, or its diagnostic codes when it has errors: what a
/// sheet means, which formatting must not change.
fn meaning(s: &str) -> String {
    let c = jixiao::compile(&SourceFile::new("x.jx", s));
    match c.ok() {
        Some(sheet) => jixiao::emit::json::to_string(sheet),
        None => {
            let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
            format!("{codes:?}")
        }
    }
}

/// Every comment's text, in order.
fn comments(s: &str) -> Vec<String> {
    let (tree, _) = jixiao::syntax::parse(s);
    tree.comments()
        .iter()
        .map(|c| c.raw.trim_end().to_string())
        .collect()
}

#[test]
fn examples_are_in_canonical_form() {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jx"))
    {
        let src = std::fs::read_to_string(p).unwrap();
        assert_eq!(fmt(&src), src, "{} is not canonical", p.display());
    }
}

#[test]
fn idempotent_meaning_preserving_and_lossless_on_every_input() {
    let mut formatted = 0;
    for (name, src) in sheets() {
        let Ok(once) = format(&src, &Options::default()) else {
            continue; // syntax-error fixtures are left untouched
        };
        formatted += 1;
        assert_eq!(fmt(&once), once, "{name}: not idempotent");
        assert_eq!(meaning(&once), meaning(&src), "{name}: meaning changed");
        assert_eq!(comments(&once), comments(&src), "{name}: comments changed");
    }
    assert!(formatted > 50, "only {formatted} inputs formatted");
}

/// Where the code of a line ends: before its `//` comment, outside strings.
fn code_end(line: &str) -> usize {
    let mut in_str = false;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        if c == '"' && prev != '\\' {
            in_str = !in_str;
        }
        if !in_str && line[i..].starts_with("//") {
            return i;
        }
        prev = c;
    }
    line.len()
}

fn spaces(rng: &mut Rng) -> String {
    [" ", "  ", "\t", "   ", " \t "][rng.below(5)].to_string()
}

/// Re-space a line's code outside strings: runs of blanks become random
/// blanks, and blanks next to `{`, `}` and `,` may vanish.
fn respace(code: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut in_str = false;
    let mut prev = ' ';
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' && prev != '\\' {
            in_str = !in_str;
        }
        if !in_str && c == ' ' {
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let before = out.chars().last().unwrap_or(' ');
            let after = chars.get(j).copied().unwrap_or(' ');
            let squeezable = matches!(before, '{' | '}' | ',') || matches!(after, '{' | '}' | ',');
            if !(squeezable && rng.below(2) == 0) {
                out.push_str(&spaces(rng));
            }
            prev = ' ';
            i = j;
            continue;
        }
        if !in_str && c == ',' && rng.below(3) == 0 {
            out.push_str(&spaces(rng));
        }
        out.push(c);
        prev = c;
        i += 1;
    }
    out
}

/// A copy of `src` with layout changed: indentation, spacing, blank lines,
/// and one-line source blocks opened onto several lines.
fn mangle_layout(src: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    for line in src.lines() {
        let trimmed = line.trim_start();
        let end = code_end(trimmed);
        let (code, comment) = trimmed.split_at(end);
        let mut code = respace(code.trim_end(), rng);
        if code.contains("{ 财政资金") && rng.below(2) == 0 {
            code = code
                .replace("{ 财政资金", "{\n财政资金")
                .replace(" }", "\n}");
        }
        for _ in 0..rng.below(3) {
            if rng.below(3) == 0 {
                out.push_str(&spaces(rng));
            }
            out.push('\n');
        }
        out.push_str(&" ".repeat(rng.below(7)));
        out.push_str(&code);
        if !comment.is_empty() {
            out.push_str(&spaces(rng));
            out.push_str(comment);
        }
        if rng.below(4) == 0 {
            out.push_str(&spaces(rng));
        }
        out.push('\n');
    }
    for _ in 0..rng.below(3) {
        out.push('\n');
    }
    out
}

/// A copy with comments added in odd places: after statements, after `{`,
/// after `}`, on their own lines at any indentation, before `}`.
fn add_comments(src: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    for (n, line) in src.lines().enumerate() {
        if rng.below(4) == 0 {
            out.push_str(&" ".repeat(rng.below(9)));
            out.push_str(&format!("// 插入的注释 {n}：own line\n"));
        }
        out.push_str(line);
        if code_end(line) == line.len() && !line.trim().is_empty() && rng.below(3) == 0 {
            out.push_str(&format!("{}// 行尾注释 {n} “引号” {{ }}", spaces(rng)));
        }
        out.push('\n');
    }
    out
}

#[test]
fn mangled_layouts_format_back_to_the_example() {
    let example = example();
    let mut rng = Rng(0x5EED_0FF0_12A7);
    for round in 0..60 {
        let mangled = mangle_layout(&example, &mut rng);
        let once = fmt(&mangled);
        if once != example {
            let diff = similar::TextDiff::from_lines(&example, &once);
            panic!(
                "round {round}: mangled copy did not format to the example:\n{}",
                diff.unified_diff().context_radius(1)
            );
        }
        assert_eq!(meaning(&mangled), meaning(&example), "round {round}");
    }
}

#[test]
fn added_comments_are_kept_in_place_and_nothing_else_changes() {
    let example = example();
    let mut rng = Rng(0xC0FF_EE15_600D);
    for round in 0..40 {
        let commented = add_comments(&example, &mut rng);
        let mangled = mangle_layout(&commented, &mut rng);
        let once = fmt(&mangled);
        assert_eq!(fmt(&once), once, "round {round}: not idempotent");
        assert_eq!(
            comments(&once),
            comments(&commented),
            "round {round}: comments lost or reordered"
        );
        assert_eq!(
            meaning(&once),
            meaning(&example),
            "round {round}: meaning changed"
        );
        // Layout-only mangling of the commented copy formats like the
        // commented copy itself.
        assert_eq!(once, fmt(&commented), "round {round}");
    }
}

#[test]
fn crlf_copy_formats_to_crlf_example() {
    let crlf = mangle_layout(&example(), &mut Rng(7)).replace('\n', "\r\n");
    assert_eq!(fmt(&crlf), example().replace('\n', "\r\n"));
}

#[test]
fn cli_fmt_in_place_check_and_stdin() {
    let dir = scratch("fmt-cli");
    let messy = dir.join("messy.jx");
    let mangled = mangle_layout(&example(), &mut Rng(11));
    std::fs::write(&messy, &mangled).unwrap();

    let check = jixiao(&["fmt", "--check", messy.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("messy.jx is not formatted"));
    assert!(stdout(&check).contains("@@"), "a diff is shown");
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        mangled,
        "--check changes nothing"
    );

    let run = jixiao(&["fmt", messy.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), example());
    assert_eq!(
        jixiao(&["fmt", "--check", messy.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );

    let ex = root().join("examples/beidaihe-2020.jx");
    assert_eq!(
        jixiao(&["fmt", "--check", ex.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["fmt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(mangled.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), example());
}

#[test]
fn cli_fmt_leaves_files_with_syntax_errors_untouched() {
    let dir = scratch("fmt-syntax");
    let bad = dir.join("bad.jx");
    let text = example().replace("\"后勤保障经费\" {", "\"后勤保障经费 {");
    std::fs::write(&bad, &text).unwrap();
    let o = jixiao(&["fmt", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E001"));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), text);
}

#[test]
fn cli_fmt_keywords_round_trip() {
    let dir = scratch("fmt-keywords");
    let f = dir.join("a.jx");
    std::fs::write(&f, example()).unwrap();
    assert_eq!(
        jixiao(&["fmt", "--keywords", "zh", f.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let zh = std::fs::read_to_string(&f).unwrap();
    assert!(zh.contains("\n项目 \"430-0502-JBN-GG1U\""));
    assert!(zh.contains("  预算 78.00 { 财政资金 78.00 }"));
    assert_eq!(meaning(&zh), meaning(&example()));
    assert_eq!(
        jixiao(&["fmt", "--keywords", "en", f.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), example());
}

// Issue 17, item 4: a read-only file was rewritten by rename.
#[cfg(unix)]
#[test]
fn cli_fmt_refuses_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = crate::common::scratch("fmt-read-only");
    let path = dir.join("ro.jx");
    let text = crate::common::example().replace("  year", "    year");
    std::fs::write(&path, &text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = crate::common::jixiao(&["fmt", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("read-only"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    // Writable again, it is formatted and keeps its mode.
    let o = crate::common::jixiao(&["fmt", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_ne!(std::fs::read_to_string(&path).unwrap(), text);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644);
}
