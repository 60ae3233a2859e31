//! The catalogue against the codes: one entry per code, with both titles and
//! both explanations; every code built by some constructor; each phase file
//! holding its own hundreds; fixes only where a constructor can place them.

use super::*;
use crate::diag::{Diagnostic, Severity, Text};
use crate::source::Span;
use std::collections::BTreeSet;

fn s(start: usize, end: usize) -> Span {
    Span::new(start, end)
}

/// One diagnostic from every constructor, with every variant of its
/// arguments that changes its code, texts or fixes.
fn every_constructor() -> Vec<Diagnostic> {
    let at = s(10, 13);
    let first = s(0, 3);
    vec![
        // syntax
        unterminated_string(at),
        unterminated_text(at),
        unclosed_block(at, None),
        unclosed_block(at, Some(first)),
        unclosed_before(at, first),
        stray_close(at),
        early_close(at),
        orphan_block(at),
        chinese_quotes(s(10, 13), s(10, 25), "创意之家"),
        full_width(s(10, 13), '，', ','),
        full_width(s(10, 20), '。', '.'),
        too_many_diagnostics(at, 12345, 10000),
        colon_after_keyword(s(10, 13), '：'),
        colon_after_keyword(s(10, 11), ':'),
        bad_escape(at, "\\q"),
        not_utf8(true, 3),
        not_utf8(false, 3),
        not_gb18030(),
        utf16(),
        input_too_large(300, 256),
        nesting_too_deep(at, 32),
        number_too_long(at, 40),
        number_too_large(at, 15),
        internal_parse_failure(at),
        control_char(s(10, 11), '\u{7}'),
        control_char(s(10, 13), '\u{FFFE}'),
        // structure
        unknown_keyword(s(10, 14), "yaer", Some("year")),
        unknown_keyword(s(10, 14), "frob", None),
        misplaced(
            at,
            "goal",
            "顶层",
            "at the top level",
            Some(("项目内", "inside a project")),
        ),
        misplaced(at, "goal", "顶层", "at the top level", None),
        missing_arg(at, "project", "名称", "a name", "project \"编码\" \"名称\""),
        extra_arg(at, "year", false),
        extra_arg(at, "goal", true),
        statements_on_one_line(at, "year", "unit"),
        quote_inside_string(at),
        expected_string(s(10, 13), "编码", "the code", "430"),
        expected_number(at, "金额", "the amount"),
        duplicate_stmt(at, first, "year"),
        missing_stmt(at, "budget", "项目", "the project", "budget 78.00"),
        unexpected_block(at, "year"),
        // values
        invalid_number(at, "7x"),
        thousands_separator(s(10, 16), "45000"),
        invalid_year(at, "20"),
        unknown_money_unit(at, "美元"),
        unknown_framework(at, "2019"),
        negative_amount(at),
        too_precise(at, "万元", 6),
        unknown_dimension(at, "speed"),
        unit_redefined(at, "个", None),
        unit_redefined(at, "校次", Some(first)),
        not_a_choice(
            s(10, 16),
            "direction",
            "正像",
            &["正向", "反向"],
            Some("正向"),
        ),
        not_a_choice(at, "core", "☆☆x", &["★"], None),
        // budget
        sources_short(at, "100", "60", "40", &[(first, "60".to_string())]),
        projects_exceed_body(at, "100", "120"),
        year_exceeds_project_total(at, first, "120", "100"),
        sources_mismatch(
            at,
            "78.00",
            "77.00",
            "1.00",
            &[(first, "77.00".to_string())],
        ),
        duplicate_code(at, first, "430"),
        duplicate_project_name(at, first, "办公楼维修"),
        duplicate_source(at, first, "财政资金"),
        source_misspelt(s(10, 22), "财政资全", "财政资金"),
        // plan
        month_out_of_range(at, "13"),
        months_out_of_order(at, first),
        plan_decreasing(at, first, "20", "30"),
        plan_out_of_range(at, "120"),
        plan_below_100(at, "90"),
        plan_malformed(at),
        // categories and indicators
        unknown_level1(s(10, 16), "产初", Some("产出")),
        unknown_level1(s(10, 16), "甲乙", None),
        unknown_level2(s(10, 16), "时校", "产出指标", Some("时效")),
        unknown_level2(s(10, 16), "甲乙", "产出指标", None),
        wrong_parent(at, at, "满意度", "效益指标", "满意度指标", "满意度.满意度"),
        not_in_framework(at, "成本指标", "2015", FrameworkHint::Use2021),
        duplicate_indicator(at, first, "到位率"),
        missing_category(at, "430", &["满意度指标"]),
        weights_sum(at, "80"),
        weights_partial(at, 1),
        weights_partial(at, 2),
        malformed_category(at, "产出"),
        unrelated_subject(at, "住院医师"),
        empty_indicator_name(at),
        weights_sum_with_execution(at, "80", "10"),
        level_weights_outside(at, "成本指标", "30", "0-20分"),
        // targets
        garbled_target(s(10, 30), "≥9090%及以上", "≥90%"),
        placeholder_target(at, "≥**%"),
        template_hint(s(10, 30), "(≥**个) >=4个", ">=4个"),
        number_read_as_text(at, "稳步提高5", None),
        number_read_as_text(s(10, 18), "约50人", Some("50人")),
        name_is_statement(at, "生态修复功能提高"),
        target_pending(at),
        direction_contradicts_sign(at, "反向", "≥", first),
        quantitative_without_number(at, first),
        unknown_unit(s(10, 16), "人吹", Some("人次"), ("数量", "count")),
        unknown_unit(s(10, 16), "校次", None, ("数量", "count")),
        satisfaction_over_100(at, "120", false),
        satisfaction_over_100(at, "105", true),
        rate_over_100(at, "120", false),
        rate_over_100(at, "105", true),
        quantity_with_percent(at),
        cost_without_money(at),
        quantity_with_money(at),
        rate_without_unit(at, "≥90"),
        unit_differs_from_name(at, "人", "次"),
        missing_target(at),
        missing_value(at),
        bad_target_number(at),
        bad_date(at),
        date_before_year(at, "2019-12-31", 2020),
        range_reversed(at),
        // evaluation
        points_differ(
            at,
            "9",
            "10",
            "达到指标值得满分",
            "the target is met: full points",
        ),
        points_out_of_band(at, "5", "达成", "8", "10", true),
        shortfall_without_reason(at, first, "到位率"),
        sheet_indicator_missing(at, "到位率", "≥90%"),
        indicator_not_in_sheet(at, "到位率", false),
        target_differs(at, "≥95%", "≥90%"),
        rate_mismatch(at, "100.00%", "99.97%"),
        total_mismatch(at, "得分", "points", "100", "95"),
        behind_schedule(
            at,
            "执行率 20% 低于序时进度 58.33%",
            "spent 20% against 58.33% of the year",
        ),
        sheet_unreadable(at, "a.jx", "文件不存在", "no such file"),
        execution_sources_mismatch(at, "年初预算数", "initial budget", "0", "90"),
        actual_not_number(at, "完成", "≤30万元"),
        actual_unit_differs(at, "3个", "%"),
        not_evaluated(at, "实际完成值", "actual value"),
        template_text(at),
        project_not_in_sheet(at, "租赁费", None),
        project_not_in_sheet(at, "租赁费", Some("430-0502")),
        completion_not_graded(at, "完成"),
        year_differs(at, 2021, 2020),
        negative_figure(at, "扣减分数", "deduction"),
        initial_differs(at, "100.00", "104.50", "万元"),
    ]
}

fn texts(d: &Diagnostic) -> Vec<&Text> {
    std::iter::once(&d.message)
        .chain(&d.label)
        .chain(&d.help)
        .chain(d.secondary.iter().map(|l| &l.text))
        .chain(d.fixes.iter().map(|f| &f.message))
        .collect()
}

#[test]
fn every_code_has_one_entry_with_titles_and_explanations_in_both_languages() {
    for &code in Code::ALL {
        let found: Vec<&Entry> = ENTRIES.iter().filter(|e| e.code == code).collect();
        assert_eq!(found.len(), 1, "{code}: {} entries", found.len());
        let e = found[0];
        for (what, text) in [
            ("Chinese title", e.title.0),
            ("English title", e.title.1),
            ("Chinese explanation", e.explain.0),
            ("English explanation", e.explain.1),
        ] {
            assert!(!text.trim().is_empty(), "{code} lacks its {what}");
        }
        assert_eq!(entry_of(code), Some(e));
        assert_eq!(entry(code.as_str()), Some(e));
        assert_eq!(entry(&code.as_str().to_ascii_lowercase()), Some(e));
    }
    assert!(entry("E999").is_none() && entry("").is_none());
}

#[test]
fn every_entry_is_of_a_code_and_the_entries_follow_the_codes() {
    for e in ENTRIES {
        assert!(Code::ALL.contains(&e.code), "{}", e.code);
        assert_eq!(Code::lookup(e.code.as_str()), Some(e.code));
    }
    let codes: Vec<Code> = ENTRIES.iter().map(|e| e.code).collect();
    assert_eq!(codes, Code::ALL, "ENTRIES lists every code once, in order");
}

#[test]
fn each_phase_file_holds_its_hundreds() {
    for (hundred, phase) in PHASES.iter().enumerate() {
        assert!(!phase.is_empty());
        for e in *phase {
            assert_eq!(
                usize::from(e.code.number() / 100),
                hundred,
                "{} is in the file of the {hundred}xx codes",
                e.code
            );
        }
    }
}

#[test]
fn every_constructor_builds_a_coded_diagnostic_in_both_languages() {
    let all = every_constructor();
    for d in &all {
        assert!(entry_of(d.code).is_some(), "{}: no entry", d.code);
        assert_eq!(d.severity, d.code.severity(), "{}", d.code);
        assert_eq!(
            d.severity == Severity::Warning,
            d.code.as_str().starts_with('W')
        );
        for text in texts(d) {
            assert!(
                !text.zh.trim().is_empty() && !text.en.trim().is_empty(),
                "{}: {text:?}",
                d.code
            );
        }
    }
    // Both ways: no code without a constructor (a dead entry), and (by the
    // tests above) no constructor's code without an entry.
    let built: BTreeSet<Code> = all.iter().map(|d| d.code).collect();
    let missing: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| !built.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes no constructor builds: {missing:?}"
    );
}

/// The fixes each constructor proposes, as (code, span, replacement).
#[test]
fn fixes_where_the_constructor_knows_the_replacement() {
    let fixes: Vec<(Code, Span, String)> = every_constructor()
        .iter()
        .flat_map(|d| {
            d.fixes
                .iter()
                .map(|f| (d.code, f.span, f.replacement.clone()))
        })
        .collect();
    let want: Vec<(Code, Span, String)> = [
        (Code::E006, s(10, 25), "\"创意之家\""),
        (Code::E007, s(10, 13), ","),
        (Code::E007, s(10, 13), " "),
        (Code::E007, s(10, 11), " "),
        (Code::E012, s(10, 11), ""),
        (Code::E012, s(10, 13), ""),
        (Code::E101, s(10, 14), "year"),
        (Code::E104, s(10, 13), ""),
        (Code::E104, s(10, 10), "; "),
        (Code::E105, s(10, 13), "\"430\""),
        (Code::E201, s(10, 16), "45000"),
        (Code::E209, s(10, 16), "正向"),
        (Code::W304, s(10, 22), "财政资金"),
        (Code::E501, s(10, 16), "产出"),
        (Code::E502, s(10, 16), "时效"),
        (Code::E503, s(10, 13), "满意度.满意度"),
        (Code::E601, s(10, 30), "≥90%"),
        (Code::E602, s(10, 30), ">=4个"),
        (Code::W614, s(10, 18), "50人"),
        (Code::E603, s(10, 16), "人次"),
        (Code::E705, s(10, 13), "≥90%"),
    ]
    .into_iter()
    .map(|(c, sp, r)| (c, sp, r.to_string()))
    .collect();
    assert_eq!(fixes, want);
}

#[test]
fn no_fix_on_a_span_that_is_not_the_replaced_text() {
    // A phase that cannot place the character points at the whole token.
    assert!(full_width(s(0, 12), '。', '.').fixes.is_empty());
    assert!(colon_after_keyword(s(0, 1), '：').fixes.is_empty());
    assert!(control_char(s(0, 5), '\0').fixes.is_empty());
    assert!(unknown_keyword(s(0, 2), "yaer", Some("year"))
        .fixes
        .is_empty());
    // A keyword glued to its value: replacing the word would lose the
    // value; a space after the keyword keeps it.
    for (glued, keyword) in [("unit:万元", "unit"), ("\"unt\"", "unit")] {
        let d = unknown_keyword(s(0, glued.len()), glued, Some(keyword));
        assert!(d.fixes.is_empty(), "{glued}");
    }
    for (glued, keyword) in [
        ("unit万元", "unit"),
        ("预算78.00", "预算"),
        ("year2020", "year"),
    ] {
        let d = unknown_keyword(s(0, glued.len()), glued, Some(keyword));
        let at = keyword.len();
        assert_eq!(d.fixes.len(), 1, "{glued}");
        assert_eq!(
            (d.fixes[0].span, d.fixes[0].replacement.as_str()),
            (s(at, at), " ")
        );
    }
    for (typo, keyword) in [
        ("projects", "project"),
        ("defin-unit", "define-unit"),
        ("金额单立", "金额单位"),
        ("评(扣)分标唯", "评(扣)分标准"),
    ] {
        let d = unknown_keyword(s(0, typo.len()), typo, Some(keyword));
        assert_eq!(d.fixes.len(), 1, "{typo}");
    }
    assert!(expected_string(s(0, 2), "编码", "the code", "430")
        .fixes
        .is_empty());
    assert!(unknown_level1(s(0, 12), "产初", Some("产出"))
        .fixes
        .is_empty());
    assert!(unknown_level2(s(0, 12), "时校", "产出指标", Some("时效"))
        .fixes
        .is_empty());
    // `人 吹`: the unit as the target's parser reads it is not what is written.
    assert!(
        unknown_unit(s(0, 7), "人吹", Some("人次"), ("数量", "count"))
            .fixes
            .is_empty()
    );
}

#[test]
fn a_quoted_replacement_escapes_quotes_and_backslashes() {
    let d = expected_string(s(0, 4), "名称", "the name", r#"a"b\"#);
    assert_eq!(d.fixes[0].replacement, r#""a\"b\\""#);
}
