//! The command line: exit codes, output formats, encodings, atomic output.

use crate::common::*;

fn example_path() -> String {
    root()
        .join("examples/beidaihe-2020.jx")
        .display()
        .to_string()
}

#[test]
fn check_exit_codes() {
    let ex = example_path();
    assert_eq!(jixiao(&["check", &ex]).status.code(), Some(0));
    assert_eq!(
        jixiao(&["check", "--deny-warnings", &ex]).status.code(),
        Some(1)
    );
    let missing = jixiao(&["check", "no/such/file.jx"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no/such/file.jx"));
    assert_eq!(jixiao(&["check"]).status.code(), Some(2));
    assert_eq!(jixiao(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(jixiao(&["--help"]).status.code(), Some(0));
}

#[test]
fn errors_in_one_file_do_not_hide_the_others() {
    let dir = scratch("cli-multi");
    let bad = dir.join("bad.jx");
    std::fs::write(&bad, "department \"1\" \"x\" { year 2020; unit 美元 }\n").unwrap();
    let o = jixiao(&[
        "check",
        "--message-format",
        "short",
        bad.to_str().unwrap(),
        &example_path(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.jx:1:38: error[E203]"), "{err}");
    assert!(
        err.contains("beidaihe-2020.jx:55:32: warning[W606]"),
        "{err}"
    );
}

#[test]
fn short_and_json_message_formats() {
    let ex = example_path();
    let short = stderr(&jixiao(&["check", "--message-format", "short", &ex]));
    let lines: Vec<&str> = short.lines().collect();
    assert_eq!(lines.len(), 2, "{short}");
    assert!(lines[0]
        .ends_with("warning[W606]: a quantity indicator (数量指标) has a percentage target"));
    let json = stderr(&jixiao(&[
        "check",
        "--message-format",
        "json",
        "--lang",
        "zh",
        &ex,
    ]));
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "W606");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["message"], "数量指标的目标值是百分比");
    assert_eq!(first["span"]["line"], 55);
    assert_eq!(first["span"]["column"], 32);
}

#[test]
fn language_follows_flag_then_locale() {
    let ex = example_path();
    let zh = stderr(&jixiao(&["check", "--lang", "zh", &ex]));
    assert!(zh.contains("数量指标的目标值是百分比"), "{zh}");
    assert!(zh.contains("共 0 个错误，2 个警告"));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", &ex])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(stderr(&o).contains("数量指标的目标值是百分比"));
}

#[test]
fn colour_only_when_asked() {
    let ex = example_path();
    assert!(!stderr(&jixiao(&["check", &ex])).contains('\u{1b}'));
    assert!(stderr(&jixiao(&["check", "--color", "always", &ex])).contains('\u{1b}'));
    assert!(!stderr(&jixiao(&["check", "--color", "never", &ex])).contains('\u{1b}'));
}

#[test]
fn build_to_stdout_and_file() {
    let ex = example_path();
    let o = jixiao(&["build", &ex, "--format", "json", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], "jixiao-sheet/2");
    assert_eq!(v["totals"]["budget"], "555.74");

    let dir = scratch("cli-build");
    let out = dir.join("sheet.json");
    let o = jixiao(&["build", &ex, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        jixiao(&["build", &ex, "-o", "-"]).stdout
    );
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn failed_build_writes_nothing_and_keeps_the_old_file() {
    let dir = scratch("cli-failed-build");
    let bad = dir.join("bad.jx");
    std::fs::write(&bad, example().replace("财政资金 30.00", "财政资金 29.00")).unwrap();
    let out = dir.join("new.json");
    let o = jixiao(&["build", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    let old = dir.join("old.json");
    std::fs::write(&old, "previous").unwrap();
    let o = jixiao(&["build", bad.to_str().unwrap(), "-o", old.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "previous");
}

#[test]
fn build_refuses_to_overwrite_its_input() {
    let dir = scratch("cli-self");
    let f = dir.join("a.jx");
    std::fs::write(&f, example()).unwrap();
    let o = jixiao(&["build", f.to_str().unwrap(), "-o", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), example());
    // Spelt differently, and in a batch into a folder where an output
    // (`b.json`) would be an input saved with that name.
    let dotted = dir.join(".").join("a.jx");
    let o = jixiao(&["build", f.to_str().unwrap(), "-o", dotted.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let b = dir.join("b.json");
    std::fs::write(&b, example()).unwrap();
    let folder = dir.join("sub").join("..");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let o = jixiao(&[
        "build",
        f.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is an input file"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&b).unwrap(), example());
    assert_eq!(std::fs::read_to_string(&f).unwrap(), example());
}

#[test]
fn explain_in_both_languages() {
    let en = jixiao(&["explain", "E301", "--lang", "en"]);
    assert_eq!(en.status.code(), Some(0));
    assert!(stdout(&en).starts_with("E301: fund sources do not add up to the total"));
    let zh = jixiao(&["explain", "e301", "--lang", "zh"]);
    assert!(stdout(&zh).starts_with("E301: 资金来源合计与预算数不符"));
    assert_eq!(jixiao(&["explain", "E999"]).status.code(), Some(2));
}

/// The JSON of a file compiled through the CLI.
fn json_of(path: &std::path::Path, extra: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let mut args = vec!["build", path.to_str().unwrap(), "-o", "-"];
    args.extend_from_slice(extra);
    let o = jixiao(&args);
    (o.status.code(), o.stdout.clone(), stderr(&o))
}

#[test]
fn crlf_bom_and_gb18030_inputs() {
    let dir = scratch("cli-encodings");
    let reference = jixiao(&["build", &example_path(), "-o", "-"]).stdout;

    let crlf = dir.join("crlf.jx");
    std::fs::write(&crlf, example().replace('\n', "\r\n")).unwrap();
    let (code, json, err) = json_of(&crlf, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json, reference);
    // Positions are the same lines and columns as in the LF file.
    let short = stderr(&jixiao(&[
        "check",
        "--message-format",
        "short",
        crlf.to_str().unwrap(),
    ]));
    assert!(short.contains("crlf.jx:55:32: warning[W606]"), "{short}");

    let bom = dir.join("bom.jx");
    std::fs::write(&bom, format!("\u{FEFF}{}", example())).unwrap();
    let (code, json, _) = json_of(&bom, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(json, reference);

    let gb = dir.join("gb.jx");
    let text = example();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    std::fs::write(&gb, &bytes).unwrap();
    let (code, json, err) = json_of(&gb, &[]);
    assert_eq!(code, Some(1));
    assert!(json.is_empty());
    assert!(
        err.contains("E009") && err.contains("GB18030") && err.contains("--encoding gb18030"),
        "{err}"
    );
    let (code, json, err) = json_of(&gb, &["--encoding", "gb18030"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json, reference);
}

#[test]
fn batches_keep_the_order_of_the_files_and_skip_failed_ones() {
    let dir = scratch("cli-batch");
    let mut args = vec!["build".to_string()];
    for i in 0..12 {
        let f = dir.join(format!("s{i:02}.jx"));
        let text = if i == 5 {
            example().replace("财政资金 30.00", "财政资金 29.00")
        } else {
            example()
        };
        std::fs::write(&f, text).unwrap();
        args.push(f.display().to_string());
    }
    let out_dir = dir.join("out");
    args.extend([
        "-o".into(),
        out_dir.display().to_string(),
        "--message-format".into(),
        "short".into(),
    ]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = jixiao(&refs);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let files: Vec<&str> = err
        .lines()
        .filter_map(|l| l.split(':').next())
        .filter_map(|p| p.rsplit('/').next())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "diagnostics follow the order of the files");
    assert!(err.contains("s05.jx") && err.contains("E301"));
    for i in 0..12 {
        for ext in ["json", "html", "docx", "xlsx"] {
            let p = out_dir.join(format!("s{i:02}.{ext}"));
            assert_eq!(p.exists(), i != 5, "{}", p.display());
        }
    }
}

#[test]
fn a_path_ending_in_a_slash_is_a_folder() {
    let dir = scratch("cli-slash");
    let out = format!("{}/new-folder/", dir.display());
    let o = jixiao(&["build", &example_path(), "-o", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for ext in ["json", "html", "docx", "xlsx"] {
        assert!(dir.join(format!("new-folder/beidaihe-2020.{ext}")).exists());
    }
}

// The hand-written argument parser (no clap): what it accepts, and how it
// refuses.

#[test]
fn unknown_option_exits_2_and_names_it() {
    let o = jixiao(&["check", "--frobnicate", &example_path()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("'--frobnicate'"), "{err}");
    assert!(err.contains("jixiao check --help"), "{err}");
    // A close option is suggested; one of another command is pointed to.
    let err = stderr(&jixiao(&[
        "build",
        &example_path(),
        "-o",
        "-",
        "--formt=json",
    ]));
    assert!(err.contains("did you mean '--format'?"), "{err}");
    let err = stderr(&jixiao(&["check", "--format", "json", &example_path()]));
    assert!(err.contains("option of build, diff"), "{err}");
    // In Chinese when asked, even after the error.
    let o = jixiao(&["check", "--frobnicate", "--lang", "zh", &example_path()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("错误：check 没有选项 --frobnicate"));
    // An unknown command, with the one meant.
    let o = jixiao(&["chek", &example_path()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'chek'") && stderr(&o).contains("'check'"));
}

#[test]
fn missing_or_invalid_value_exits_2() {
    let ex = example_path();
    for args in [
        vec!["build", &ex, "-o", "-", "--format"],
        vec!["build", &ex, "--format", "-o", "-"],
        vec!["build", &ex, "-o", "-", "--format="],
    ] {
        let o = jixiao(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("'--format' needs a value"), "{args:?}: {err}");
        assert!(err.contains("json, html, docx, xlsx"), "{err}");
    }
    let o = jixiao(&["build", &ex, "-o"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'-o' needs a value"));
    let o = jixiao(&["build", &ex, "-o", "-", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value 'pdf' for '--format'"));
    let o = jixiao(&["check", "--deny-warnings=yes", &ex]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'--deny-warnings' takes no value"));
}

#[test]
fn option_values_glued_or_apart_are_the_same() {
    let ex = example_path();
    let apart = jixiao(&["build", &ex, "--format", "json", "-o", "-"]);
    assert_eq!(apart.status.code(), Some(0));
    assert!(!apart.stdout.is_empty());
    for args in [
        vec!["build", &ex, "--format=json", "-o", "-"],
        vec!["build", "--format=json", "--output=-", &ex],
        vec!["build", &ex, "-o-", "--format", "json"],
        vec![
            "--message-format=short",
            "build",
            &ex,
            "--format=json",
            "-o=-",
        ],
    ] {
        let o = jixiao(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(o.stdout, apart.stdout, "{args:?}");
    }
    let (a, b) = (ex.as_str(), root().join("examples/beidaihe-2021.jx"));
    let b = b.to_str().unwrap();
    let apart = jixiao(&["diff", "--format", "json", a, b]).stdout;
    assert_eq!(jixiao(&["diff", a, b, "--format=json"]).stdout, apart);
}

#[test]
fn help_lists_the_commands_and_exits_0() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let o = jixiao(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        for command in ["check", "build", "fmt", "diff", "explain"] {
            assert!(out.contains(&format!("\n  {command} ")), "{args:?}: {out}");
        }
        assert!(out.contains("--message-format"), "{out}");
        assert!(o.stderr.is_empty());
    }
    let zh = stdout(&jixiao(&["--help", "--lang", "zh"]));
    assert!(
        zh.contains("用法：jixiao") && zh.contains("  check "),
        "{zh}"
    );
    // Each command's own help, however asked.
    for args in [
        &["build", "--help"][..],
        &["help", "build"],
        &["build", "a.jx", "-h"],
    ] {
        let o = jixiao(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        assert!(out.contains("Usage: jixiao build") && out.contains("-o, --output"));
    }
    // After `--` it is a file name.
    let o = jixiao(&["check", "--", "--help"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read --help"));
}

#[test]
fn version() {
    let expected = format!("jixiao {}\n", env!("CARGO_PKG_VERSION"));
    for flag in ["--version", "-V"] {
        let o = jixiao(&[flag]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), expected);
    }
}

#[test]
fn double_dash_ends_the_options() {
    let dir = scratch("cli-dashes");
    std::fs::write(dir.join("-odd.jx"), example()).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "--lang", "en", "--", "-odd.jx"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("-odd.jx:55:32"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("cli-not-utf8");
    let input = dir.join(std::ffi::OsStr::from_bytes(b"in\xff.jx"));
    std::fs::write(&input, example()).unwrap();
    let output = dir.join(std::ffi::OsStr::from_bytes(b"out\xfe.json"));
    let mut glued = std::ffi::OsString::from("--output=");
    glued.push(&output);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("build")
        .arg(&input)
        .arg(&glued)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&output).unwrap()).unwrap();
    assert_eq!(v["format"], "jixiao-sheet/2");
}

/// `jixiao ARGS` with `input` on standard input.
fn jixiao_with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn quiet_prints_diagnostics_but_no_summary() {
    let ex = example_path();
    let loud = stderr(&jixiao(&["check", &ex]));
    assert!(loud.contains("0 errors, 2 warnings"), "{loud}");
    for args in [vec!["check", "-q", &ex], vec!["--quiet", "check", &ex]] {
        let o = jixiao(&args);
        assert_eq!(o.status.code(), Some(0));
        let quiet = stderr(&o);
        assert!(quiet.contains("W606"), "{quiet}");
        assert!(!quiet.contains("warnings"), "{quiet}");
    }
    // The exit code is unchanged.
    assert_eq!(
        jixiao(&["check", "-q", "--deny-warnings", &ex])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn jobs_option_gives_the_same_output() {
    let dir = scratch("cli-jobs");
    let mut files = Vec::new();
    for i in 0..5 {
        let f = dir.join(format!("s{i}.jx"));
        std::fs::write(&f, example()).unwrap();
        files.push(f.display().to_string());
    }
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--message-format", "short"];
        args.extend_from_slice(extra);
        args.extend(files.iter().map(String::as_str));
        stderr(&jixiao(&args))
    };
    let one = run(&["-j", "1"]);
    assert_eq!(one.lines().count(), 10, "{one}");
    assert_eq!(run(&["--jobs=4"]), one);
    assert_eq!(run(&["-j3"]), one);
    let o = jixiao(&["check", "-j", "0", &files[0]]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value '0' for '-j'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_reads_standard_input() {
    let o = jixiao_with_stdin(
        &["check", "--message-format", "short", "-"],
        example().as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("<stdin>:55:32: warning[W606]"),
        "{}",
        stderr(&o)
    );
    // The name given for messages, as an editor passes the buffer's file.
    let bad = example().replace("财政资金 30.00", "财政资金 29.00");
    let o = jixiao_with_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "单位/北戴河.jx",
            "--message-format=short",
        ],
        bad.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.starts_with("单位/北戴河.jx:") && l.contains("error[")),
        "{err}"
    );
    // Beside files, in order.
    let ex = example_path();
    let o = jixiao_with_stdin(
        &["check", "--message-format=short", &ex, "-"],
        example().as_bytes(),
    );
    let lines: Vec<String> = stderr(&o).lines().map(String::from).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].starts_with(&ex) && lines[3].starts_with("<stdin>:"));
    // Standard input cannot be watched.
    let o = jixiao_with_stdin(&["check", "--watch", "-"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--watch"), "{}", stderr(&o));
}

#[test]
fn completions_and_man_page() {
    for (shell, needle) in [
        ("bash", "complete -F _jixiao"),
        ("zsh", "#compdef jixiao"),
        ("fish", "complete -c jixiao"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[jixiao]"),
    ] {
        let o = jixiao(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        assert!(script.contains(needle), "{shell}: {script}");
        // Every command and the new options are offered.
        for word in ["check", "report", "stdin-filename", "watch", "jobs"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let o = jixiao(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bash, zsh, fish, powershell"),
        "{}",
        stderr(&o)
    );
    let page = stdout(&jixiao(&["man"]));
    assert!(
        page.starts_with(".ie") && page.contains(".TH jixiao 1"),
        "{page}"
    );
    assert!(page.contains("jixiao\\-report"), "{page}");
    let page = stdout(&jixiao(&["man", "check"]));
    assert!(page.contains(".TH jixiao-check 1"), "{page}");
    assert!(page.contains("\\-\\-stdin\\-filename"), "{page}");
    assert_eq!(jixiao(&["man", "chek"]).status.code(), Some(2));
}

/// A running `jixiao … --watch`: its standard error as read so far.
struct Watching {
    child: std::process::Child,
    err: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Watching {
    fn start(args: &[&str]) -> Watching {
        use std::io::Read;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(args)
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let err = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = err.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Watching { child, err }
    }

    /// Wait (generously: this is not a speed test) until standard error
    /// satisfies `done`; its text.
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let text = self.err.lock().unwrap().clone();
            if done(&text) {
                return text;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "waited for {what}; stderr so far:\n{text}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Save as editors do: a new file beside the old, renamed over it.
fn save_by_rename(path: &std::path::Path, text: &str) {
    let tmp = path.with_file_name(".save.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn watch_rebuilds_on_save_and_not_on_its_own_output() {
    let bad = example().replace("财政资金 30.00", "财政资金 29.00");
    for mode in ["--watch", "--poll"] {
        let dir = scratch(&format!("cli-watch{mode}"));
        let sheet = dir.join("a.jx");
        std::fs::write(&sheet, example()).unwrap();
        let (s, d) = (sheet.to_str().unwrap(), dir.to_str().unwrap());
        // The outputs go into the folder watched.
        let w = Watching::start(&["build", mode, "--message-format=short", s, "-o", d]);
        w.wait_for("the first build", |t| t.contains("[watching]"));
        assert!(dir.join("a.html").exists());
        std::fs::remove_file(dir.join("a.html")).unwrap();
        // A save by rename with an error: checked again, nothing written.
        save_by_rename(&sheet, &bad);
        let text = w.wait_for("the rebuild", |t| t.matches("[watching]").count() >= 2);
        assert!(text.contains("[changed]"), "{mode}: {text}");
        assert!(text.contains("error["), "{mode}: {text}");
        assert!(!dir.join("a.html").exists());
        // Fixed: built again; its outputs caused no run of their own.
        save_by_rename(&sheet, &example());
        let text = w.wait_for("the second rebuild", |t| {
            t.matches("[watching]").count() >= 3
        });
        assert!(dir.join("a.html").exists(), "{mode}: {text}");
        assert_eq!(text.matches("[changed]").count(), 2, "{mode}: {text}");
        // Another file of the folder is not an input.
        std::fs::write(dir.join("notes.txt"), "x").unwrap();
        save_by_rename(&sheet, &bad);
        let text = w.wait_for("the third rebuild", |t| {
            t.matches("[watching]").count() >= 4
        });
        assert_eq!(text.matches("[changed]").count(), 3, "{mode}: {text}");
    }
}
