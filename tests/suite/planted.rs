//! Copies of the example with one planted defect each must fail `check` with
//! exit 1 and a coded diagnostic that names the changed line.

use crate::common::*;

/// Replace the `nth` occurrence (0-based) of `from` and return the new text
/// with the 1-based line number of the change.
fn plant(src: &str, from: &str, to: &str, nth: usize) -> (String, usize) {
    let (pos, _) = src
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{from}` not found"));
    let line = src[..pos].matches('\n').count() + 1;
    let mut out = String::with_capacity(src.len());
    out.push_str(&src[..pos]);
    out.push_str(to);
    out.push_str(&src[pos + from.len()..]);
    (out, line)
}

fn assert_fails_on_line(name: &str, text: &str, line: usize, code: &str) {
    let dir = scratch(&format!("planted-{name}"));
    let path = dir.join(format!("{name}.jx"));
    std::fs::write(&path, text).unwrap();
    let out = jixiao(&["check", "--message-format", "short", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(!err.contains("panicked"), "{name}: {err}");
    let want = format!(":{line}:");
    assert!(
        err.lines()
            .any(|l| l.contains(&want) && l.contains(&format!("[{code}]"))),
        "{name}: expected {code} on line {line}, got:\n{err}"
    );
}

#[test]
fn sources_not_adding_up() {
    let (t, l) = plant(&example(), "财政资金 30.00", "财政资金 29.00", 0);
    assert_fails_on_line("sum", &t, l, "E301");
}

#[test]
fn garbled_target() {
    let (t, l) = plant(
        &example(),
        "\"后勤保障经费到位率\" ≥90%",
        "\"后勤保障经费到位率\" ≥9090%及以上",
        0,
    );
    assert_fails_on_line("garbled", &t, l, "E601");
}

#[test]
fn misspelt_category() {
    let (t, l) = plant(
        &example(),
        "产出.时效 \"完成率\"",
        "产出.实效 \"完成率\"",
        0,
    );
    assert_fails_on_line("category", &t, l, "E502");
}

#[test]
fn duplicated_code() {
    let (t, l) = plant(
        &example(),
        "\"430-0502-JBN-HE3Q\"",
        "\"430-0502-JBN-GG1U\"",
        0,
    );
    assert_fails_on_line("dupcode", &t, l, "E302");
}

#[test]
fn satisfaction_above_100() {
    let (t, l) = plant(
        &example(),
        "\"保险公司满意度\" ≥80%",
        "\"保险公司满意度\" ≥180%",
        0,
    );
    assert_fails_on_line("satisfaction", &t, l, "E604");
}

#[test]
fn falling_spending_plan() {
    let (t, l) = plant(
        &example(),
        "6月 50.00%, 10月 75.00%",
        "6月 50.00%, 10月 45.00%",
        0,
    );
    assert_fails_on_line("plan", &t, l, "E403");
}

#[test]
fn unterminated_string() {
    let (t, l) = plant(&example(), "\"后勤保障经费\" {", "\"后勤保障经费 {", 0);
    assert_fails_on_line("string", &t, l, "E001");
}

#[test]
fn chinese_quotes_as_delimiters() {
    let (t, l) = plant(
        &example(),
        "goal \"车辆管理规范透明。\"",
        "goal “车辆管理规范透明。”",
        0,
    );
    assert_fails_on_line("quotes", &t, l, "E006");
}

#[test]
fn several_defects_are_all_reported_in_one_run() {
    let (t, l1) = plant(&example(), "财政资金 30.00", "财政资金 29.00", 0);
    let (t, l2) = plant(&t, "产出.时效 \"完成率\"", "产出.实效 \"完成率\"", 0);
    let (t, l3) = plant(&t, "\"保险公司满意度\" ≥80%", "\"保险公司满意度\" ≥180%", 0);
    let dir = scratch("planted-several");
    let path = dir.join("several.jx");
    std::fs::write(&path, &t).unwrap();
    let out = jixiao(&["check", "--message-format", "short", path.to_str().unwrap()]);
    let err = stderr(&out);
    for (line, code) in [(l1, "E301"), (l2, "E502"), (l3, "E604")] {
        assert!(
            err.contains(&format!(":{line}:")) && err.contains(code),
            "missing {code} on {line}:\n{err}"
        );
    }
}
