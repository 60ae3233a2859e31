//! `jixiao diff` on the command line: exit codes, formats, and use as a git
//! diff driver (`.gitattributes` + `diff.jixiao.command`) and as
//! GIT_EXTERNAL_DIFF.

use crate::common::*;
use std::process::Command;

fn ex(name: &str) -> String {
    root().join("examples").join(name).display().to_string()
}

#[test]
fn exit_codes() {
    let (a, b) = (ex("beidaihe-2020.jx"), ex("beidaihe-2021.jx"));
    assert_eq!(jixiao(&["diff", &a, &b]).status.code(), Some(1));
    assert_eq!(jixiao(&["diff", &a, &a]).status.code(), Some(0));
    // Layout and comments do not count.
    let dir = scratch("diff-cli-exit");
    let relaid = dir.join("relaid.jx");
    let text = example()
        .replace("  ", "    ")
        .replace("\n  goal", "\n  // 新注释\n  goal")
        .replace("project ", "项目 ");
    std::fs::write(&relaid, text).unwrap();
    let o = jixiao(&["diff", &a, relaid.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A sheet with errors: its diagnostics, exit 2.
    let bad = dir.join("bad.jx");
    std::fs::write(&bad, example().replace("财政资金 30.00", "财政资金 29.00")).unwrap();
    let o = jixiao(&["diff", &a, bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("E301"));
    assert_eq!(jixiao(&["diff", &a, "no/such.jx"]).status.code(), Some(2));
    assert_eq!(jixiao(&["diff", &a, &b, "x", "y"]).status.code(), Some(2));
    // One file typed by hand is a usage error (issue 17, item 11); git
    // passes one path for an unmerged file, with GIT_DIFF_PATH_TOTAL set.
    let o = jixiao(&["diff", &a]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("diff"), "{}", stderr(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["diff", &a])
        .env("GIT_DIFF_PATH_TOTAL", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("unmerged"));
    // An output that cannot be written: exit 2 with a message.
    let o = jixiao(&["diff", &a, &b, "-o", "/nonexistent-dir/x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/nonexistent-dir/x.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn formats() {
    let (a, b) = (ex("beidaihe-2020.jx"), ex("beidaihe-2021.jx"));
    let text = stdout(&jixiao(&["diff", &a, &b, "--lang", "en"]));
    assert!(text.contains("430-0502-JBN-RODQ"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when piped");
    let coloured = stdout(&jixiao(&["diff", "--color", "always", &a, &b]));
    assert!(coloured.contains('\u{1b}'));
    let json: serde_json::Value =
        serde_json::from_slice(&jixiao(&["diff", "--format", "json", &a, &b]).stdout).unwrap();
    assert_eq!(json["format"], "jixiao-diff/1");
    assert_eq!(json["totals"]["budget"]["old"], "555.74");
    let dir = scratch("diff-cli-html");
    let page = dir.join("diff.html");
    let o = jixiao(&[
        "diff",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
        &a,
        &b,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
}

fn git(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

/// A repository with the 2020 sheet committed and the 2021 one in the work tree.
fn repo(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    assert!(git(&dir, &["init", "-q"]).status.success());
    std::fs::write(dir.join("sheet.jx"), example()).unwrap();
    std::fs::write(dir.join("notes.txt"), "a\n").unwrap();
    git(&dir, &["add", "."]);
    assert!(git(&dir, &["commit", "-qm", "2020"]).status.success());
    std::fs::copy(ex("beidaihe-2021.jx"), dir.join("sheet.jx")).unwrap();
    std::fs::write(dir.join("notes.txt"), "b\n").unwrap();
    dir
}

#[test]
fn git_diff_driver() {
    let dir = repo("diff-git-driver");
    std::fs::write(dir.join(".gitattributes"), "*.jx diff=jixiao\n").unwrap();
    let cmd = format!("{} diff --lang en", env!("CARGO_BIN_EXE_jixiao"));
    git(&dir, &["config", "diff.jixiao.command", &cmd]);
    let o = git(&dir, &["diff"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("diff --jixiao a/sheet.jx b/sheet.jx"), "{out}");
    assert!(out.contains("430-0502-JBN-RODQ"), "{out}");
    // Other files keep git's own diff.
    assert!(out.contains("-a\n+b"), "{out}");
    // git log -p with --ext-diff shows the semantic diff of commits.
    git(&dir, &["add", "sheet.jx", "notes.txt"]);
    git(&dir, &["commit", "-qm", "2021"]);
    let log = stdout(&git(&dir, &["log", "-p", "--ext-diff", "-1"]));
    assert!(log.contains("diff --jixiao a/sheet.jx b/sheet.jx"), "{log}");
    // A deleted sheet: every project shows as removed, and git carries on.
    git(&dir, &["rm", "-q", "sheet.jx"]);
    let o = git(&dir, &["diff", "--cached"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("430-0502-JBN-GG1U"));
}

#[test]
fn git_external_diff() {
    let dir = repo("diff-git-external");
    let o = Command::new("git")
        .args(["diff", "--", "sheet.jx"])
        .current_dir(&dir)
        .env(
            "GIT_EXTERNAL_DIFF",
            format!("{} diff --lang en", env!("CARGO_BIN_EXE_jixiao")),
        )
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("diff --jixiao a/sheet.jx b/sheet.jx"), "{out}");
    assert!(out.contains("430-0502-JBN-RODQ"));
}

#[test]
fn git_mode_shows_diagnostics_and_exits_zero() {
    let dir = repo("diff-git-errors");
    std::fs::write(
        dir.join("sheet.jx"),
        example().replace("财政资金 30.00", "财政资金 29.00"),
    )
    .unwrap();
    std::fs::write(dir.join(".gitattributes"), "*.jx diff=jixiao\n").unwrap();
    let cmd = format!("{} diff --lang en", env!("CARGO_BIN_EXE_jixiao"));
    git(&dir, &["config", "diff.jixiao.command", &cmd]);
    let o = git(&dir, &["diff"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("E301") && out.contains("b/sheet.jx"), "{out}");
}
