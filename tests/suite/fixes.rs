//! Machine-readable fixes: applying the fixes a diagnostic proposes to the
//! source text gives the corrected text, which then compiles without that
//! diagnostic. One test per kind of fix, through the public API
//! (`jixiao::compile` and the diagnostics it returns), and the fixes in
//! `--message-format json`.

use jixiao::diag::{render_json, Code, Diagnostic, Fix, Lang};
use jixiao::source::SourceFile;
use std::path::Path;

/// A clean sheet; `{DEPT}` and `{BODY}` are replaced by the lines a test is
/// about.
const SHEET: &str = "department \"430002\" \"测试局\" {
{DEPT}
}

project \"P-001\" \"办公楼维修\" {
{BODY}
  indicator 效益.社会效益 \"办公环境改善\" 明显改善
  indicator 满意度.服务对象满意度 \"服务对象满意度\" ≥80%
}
";

const DEPT: &str = "  year 2020\n  unit 万元";
const BODY: &str = "  budget 10.00 { 财政资金 10.00 }
  purpose \"用于办公楼维修。\"
  plan 6月 50%, 12月 100%
  goal \"完成办公楼维修。\"
  indicator 产出.时效 \"维修完成率\" ≥90%";

fn sheet(dept: &str, body: &str) -> String {
    SHEET.replace("{DEPT}", dept).replace("{BODY}", body)
}

/// The sheet with `from` replaced by `to` once (in the department block or
/// the project's body).
fn with(from: &str, to: &str) -> String {
    let (dept, body) = (DEPT.to_string(), BODY.to_string());
    let (dept, body) = if dept.contains(from) {
        (dept.replacen(from, to, 1), body)
    } else {
        assert!(body.contains(from), "{from:?} is not in the sheet");
        (dept, body.replacen(from, to, 1))
    };
    sheet(&dept, &body)
}

/// `fixes` applied to `text`, from the last to the first; they must not
/// overlap and must lie on character boundaries.
fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut fixes = fixes.to_vec();
    fixes.sort_by_key(|f| (f.span.start, f.span.end));
    for pair in fixes.windows(2) {
        assert!(
            pair[0].span.end <= pair[1].span.start,
            "overlapping fixes {pair:?}"
        );
    }
    let mut out = text.to_string();
    for f in fixes.iter().rev() {
        assert!(
            out.is_char_boundary(f.span.start) && out.is_char_boundary(f.span.end),
            "{f:?} splits a character"
        );
        out.replace_range(f.span.range(), &f.replacement);
    }
    out
}

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    jixiao::compile(&SourceFile::new("t.jx", text)).diagnostics
}

/// Compiles `broken`, expects exactly the diagnostics `codes` of which those
/// with a fix each carry one, applies every fix and expects `fixed`, which
/// must compile without any diagnostic.
fn assert_fixes(broken: &str, codes: &[Code], fixed: &str) {
    let diags = diagnostics(broken);
    let got: Vec<Code> = diags.iter().map(|d| d.code).collect();
    assert_eq!(got, codes, "{broken}");
    let fixes: Vec<&Fix> = diags.iter().flat_map(|d| &d.fixes).collect();
    assert!(!fixes.is_empty(), "no fix proposed:\n{broken}");
    for f in &fixes {
        assert!(!f.message.zh.is_empty() && !f.message.en.is_empty());
    }
    let result = apply(broken, &fixes);
    assert_eq!(result, fixed);
    let left: Vec<Code> = diagnostics(&result).iter().map(|d| d.code).collect();
    assert!(left.is_empty(), "{left:?} after the fixes:\n{result}");
}

/// As `assert_fixes`, the correct sheet being the clean one with `from`
/// written `to` instead.
fn assert_fixed_back(from: &str, to: &str, codes: &[Code]) {
    assert_fixes(&with(from, to), codes, &with(from, from));
}

#[test]
fn the_clean_sheet_is_clean() {
    assert!(diagnostics(&sheet(DEPT, BODY)).is_empty());
}

// ---- garbled targets --------------------------------------------------------

#[test]
fn garbled_target_is_replaced_by_the_intended_one() {
    for garbled in [
        "≥9090%及以上",
        "≥90%%",
        "≥≥90%",
        "不低于90%以上",
        "≥90%90%及以上",
        "≥ 9090 % 及以上",
        "\"≥9090%及以上\"",
    ] {
        assert_fixed_back("≥90%", garbled, &[Code::E601]);
    }
}

#[test]
fn garbled_targets_of_other_kinds_become_targets_that_parse() {
    for (garbled, intended) in [
        ("≤5天以内", "≤5天"),
        ("≥5万元万元", "≥5万元"),
        ("≥良好以上", "≥良好"),
    ] {
        let broken = with("≥90%", garbled);
        let diags = diagnostics(&broken);
        assert_eq!(diags.len(), 1, "{garbled}: {diags:?}");
        assert_eq!(diags[0].code, Code::E601);
        assert_eq!(diags[0].fixes.len(), 1);
        assert_eq!(diags[0].fixes[0].replacement, intended);
        let fixed = apply(&broken, &[&diags[0].fixes[0]]);
        assert_eq!(fixed, with("≥90%", intended));
        assert!(
            !diagnostics(&fixed).iter().any(|d| d.is_error()),
            "{intended}"
        );
    }
}

// ---- full-width punctuation -------------------------------------------------

#[test]
fn full_width_colon_after_a_keyword_becomes_a_space() {
    assert_fixed_back("year 2020", "year：2020", &[Code::E007]);
}

#[test]
fn full_width_comma_in_a_plan_becomes_ascii() {
    assert_fixed_back("50%, 12月", "50%， 12月", &[Code::E007]);
    // Glued to both neighbours: the comma alone is replaced.
    assert_fixes(
        &with("50%, 12月", "50%，12月"),
        &[Code::E007],
        &with("50%, 12月", "50%,12月"),
    );
}

#[test]
fn full_width_semicolon_and_braces_become_ascii() {
    assert_fixes(
        &with("  year 2020\n  unit 万元", "  year 2020；unit 万元"),
        &[Code::E007],
        &with("  year 2020\n  unit 万元", "  year 2020;unit 万元"),
    );
    assert_fixed_back("{ 财政资金", "｛ 财政资金", &[Code::E007]);
    assert_fixed_back("10.00 }", "10.00 ｝", &[Code::E007]);
}

#[test]
fn full_width_dot_in_a_category_or_a_number_becomes_ascii() {
    assert_fixed_back("产出.时效", "产出。时效", &[Code::E007]);
    assert_fixed_back("产出.时效", "产出．时效", &[Code::E007]);
    assert_fixed_back("财政资金 10.00", "财政资金 10．00", &[Code::E007]);
}

#[test]
fn full_width_dot_in_a_category_with_escapes_has_no_fix() {
    // The category is a string holding an escape: the phase points at the
    // whole token, and no fix is proposed for it.
    let broken = with("产出.时效", "\"产出。时效\\t\"");
    let diags = diagnostics(&broken);
    assert!(diags.iter().any(|d| d.code == Code::E007), "{diags:?}");
    assert!(diags.iter().all(|d| d.fixes.is_empty()), "{diags:?}");
}

// ---- misspelt words with a suggestion --------------------------------------

#[test]
fn misspelt_keyword_is_replaced_by_the_suggestion() {
    // The department lacks its year until the keyword is fixed.
    assert_fixed_back("year 2020", "yaer 2020", &[Code::E107, Code::E101]);
}

#[test]
fn keyword_glued_by_a_colon_gets_its_space_back() {
    assert_fixed_back("unit 万元", "unit:万元", &[Code::E007]);
    assert_fixes(
        &with("year 2020", "年度:2020"),
        &[Code::E007],
        &with("year 2020", "年度 2020"),
    );
}

#[test]
fn keyword_glued_to_its_value_gets_a_space() {
    // `unit万元` is suggested `unit`, but writing `unit` would lose 万元: the
    // fix puts a space after the keyword instead.
    assert_fixed_back("unit 万元", "unit万元", &[Code::E107, Code::E101]);
    let broken = with("budget 10.00", "预算10.00");
    let codes: Vec<Code> = diagnostics(&broken).iter().map(|d| d.code).collect();
    assert_fixes(&broken, &codes, &with("budget 10.00", "预算 10.00"));
}

#[test]
fn misspelt_categories_are_replaced_by_the_suggestion() {
    assert_fixed_back("产出.时效", "产出.时校", &[Code::E502]);
    let broken = with("产出.时效", "产初.时效");
    let diags = diagnostics(&broken);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, Code::E501);
    let fixed = apply(&broken, &[&diags[0].fixes[0]]);
    let suggestion = &diags[0].fixes[0].replacement;
    assert_eq!(fixed, with("产出.时效", &format!("{suggestion}.时效")));
    assert!(diagnostics(&fixed).is_empty(), "{fixed}");
}

#[test]
fn two_statements_on_one_line_are_separated() {
    assert_fixes(
        &with(DEPT, "  year 2020 unit 万元"),
        &[Code::E104],
        &with(DEPT, "  year 2020 ; unit 万元"),
    );
}

#[test]
fn template_hint_beside_the_value_is_dropped() {
    assert_fixed_back("≥90%", "(≥**%) ≥90%", &[Code::E602]);
    assert_fixed_back("≥90%", "≥90%（≥**%）", &[Code::E602]);
}

#[test]
fn level_2_under_the_wrong_level_1_is_moved_under_its_own() {
    assert_fixed_back("产出.时效", "效益.时效", &[Code::E503]);
}

#[test]
fn text_in_chinese_quotes_becomes_a_string() {
    assert_fixed_back("\"用于办公楼维修。\"", "“用于办公楼维修。”", &[Code::E006]);
    // Spaces inside are kept; a backslash is escaped.
    assert_fixes(
        &with("\"完成办公楼维修。\"", "“完成 办公楼\\维修。”"),
        &[Code::E006],
        &with("\"完成办公楼维修。\"", "\"完成 办公楼\\\\维修。\""),
    );
}

#[test]
fn misspelt_unit_is_replaced_by_the_suggestion() {
    assert_fixes(
        &with("≥90%", "≥10人吹"),
        &[Code::E603],
        &with("≥90%", "≥10人次"),
    );
}

#[test]
fn misspelt_fund_source_is_replaced_by_the_usual_name() {
    assert_fixed_back("{ 财政资金", "{ 财政资全", &[Code::W304]);
}

// ---- numbers ------------------------------------------------------------------

#[test]
fn thousands_separators_are_removed() {
    assert_fixes(
        &with(
            "budget 10.00 { 财政资金 10.00 }",
            "budget 1,000.00 { 财政资金 1,000.00 }",
        ),
        &[Code::E201, Code::E201],
        &with(
            "budget 10.00 { 财政资金 10.00 }",
            "budget 1000.00 { 财政资金 1000.00 }",
        ),
    );
}

// ---- arguments ------------------------------------------------------------------

#[test]
fn unquoted_text_is_quoted() {
    assert_fixed_back("\"完成办公楼维修。\"", "完成办公楼维修。", &[Code::E105]);
}

#[test]
fn extra_arguments_are_removed() {
    assert_fixes(
        &with(
            "goal \"完成办公楼维修。\"",
            "goal \"完成办公楼维修。\" \"按期验收\"",
        ),
        &[Code::E104],
        &with("goal \"完成办公楼维修。\"", "goal \"完成办公楼维修。\" "),
    );
}

#[test]
fn control_characters_are_deleted() {
    assert_fixed_back("完成办公楼维修。", "完成\u{1b}办公楼维修。", &[Code::E012]);
    assert_fixed_back("用于办公楼维修。", "用于办公楼\u{0}维修。", &[Code::E012]);
}

// ---- every fixture --------------------------------------------------------------

/// In every diagnostics fixture, the fixes do not overlap, and applying all
/// of them leaves none of the diagnostics that proposed them.
#[test]
fn fixes_in_the_fixtures_apply_and_remove_their_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics");
    let mut with_fixes = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "jx") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let file = SourceFile::new("t.jx", text);
        let diags = jixiao::compile(&file).diagnostics;
        let fixes: Vec<&Fix> = diags.iter().flat_map(|d| &d.fixes).collect();
        if fixes.is_empty() {
            continue;
        }
        with_fixes += 1;
        let fixed = apply(&file.text, &fixes);
        let after = diagnostics(&fixed);
        let still: Vec<&Diagnostic> = after.iter().filter(|d| !d.fixes.is_empty()).collect();
        assert!(
            still.is_empty(),
            "{}: still to fix after the fixes: {still:?}\n{fixed}",
            path.display()
        );
        let fixed_codes: Vec<Code> = diags
            .iter()
            .filter(|d| !d.fixes.is_empty())
            .map(|d| d.code)
            .collect();
        for code in fixed_codes {
            assert!(
                after.iter().filter(|d| d.code == code).count()
                    < diags.iter().filter(|d| d.code == code).count(),
                "{}: {code} not fixed:\n{fixed}",
                path.display()
            );
        }
    }
    assert!(with_fixes >= 10, "only {with_fixes} fixtures with fixes");
}

// ---- JSON ---------------------------------------------------------------------

#[test]
fn json_lists_fixes_with_spans_in_bytes_and_characters() {
    let text = with("year 2020", "year：2020");
    let file = SourceFile::new("t.jx", text.as_str());
    let diags = jixiao::compile(&file).diagnostics;
    assert_eq!(diags.len(), 1);
    let json = render_json(&diags[0], &file, Lang::En);
    let start = text.find('：').unwrap();
    let line = text[..start].matches('\n').count() + 1;
    assert_eq!(
        json["fixes"],
        serde_json::json!([{
            "span": {
                "start": start, "end": start + '：'.len_utf8(),
                "line": line, "column": 7, "end_line": line, "end_column": 8,
            },
            "replacement": " ",
            "message": "replace `：` with a space",
        }])
    );
    // The key sits among the others in the order they are printed.
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "code",
            "file",
            "fixes",
            "help",
            "label",
            "message",
            "secondary",
            "severity",
            "span"
        ]
    );
    let printed = json.to_string();
    assert!(
        printed.contains("\"file\":\"t.jx\",\"fixes\":[{\"message\":"),
        "{printed}"
    );
    let zh = render_json(&diags[0], &file, Lang::Zh);
    assert_eq!(zh["fixes"][0]["message"], "把 `：` 改为空格");
}

#[test]
fn json_without_fixes_has_no_fixes_key() {
    let text = with("≥90%", "≥**%");
    let file = SourceFile::new("t.jx", text.as_str());
    let diags = jixiao::compile(&file).diagnostics;
    assert_eq!(diags.len(), 1);
    assert!(diags[0].fixes.is_empty());
    let json = render_json(&diags[0], &file, Lang::En);
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "code",
            "file",
            "help",
            "label",
            "message",
            "secondary",
            "severity",
            "span"
        ]
    );
    assert!(!json.to_string().contains("fixes"));
}

#[test]
fn json_spans_of_fixes_follow_a_byte_order_mark_and_crlf() {
    // Spans are offsets in the text without its byte-order mark, as every
    // other span; lines and columns are the same as in the LF file.
    let lf = with("year 2020", "year：2020");
    let crlf = format!("\u{FEFF}{}", lf.replace('\n', "\r\n"));
    let a = SourceFile::new("a.jx", lf.as_str());
    let b = SourceFile::new("b.jx", crlf.as_str());
    let (da, db) = (
        jixiao::compile(&a).diagnostics,
        jixiao::compile(&b).diagnostics,
    );
    let (ja, jb) = (
        render_json(&da[0], &a, Lang::En),
        render_json(&db[0], &b, Lang::En),
    );
    for key in ["line", "column", "end_line", "end_column"] {
        assert_eq!(
            ja["fixes"][0]["span"][key], jb["fixes"][0]["span"][key],
            "{key}"
        );
    }
    let fixed = apply(&b.text, &[&db[0].fixes[0]]);
    assert_eq!(fixed, with("year 2020", "year 2020").replace('\n', "\r\n"));
}
