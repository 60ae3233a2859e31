//! `jixiao report`: a folder of sheets with planted defects; the report
//! counts each defect and links it to its file and line.

use crate::common::*;
use std::path::PathBuf;

/// A planted defect: the file, the text replaced, and what `check` must
/// then say (code, line).
struct Plant {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    lines: &'static [usize],
}

const PLANTS: &[Plant] = &[
    Plant {
        file: "a.jx",
        from: "budget 30.00 { 财政资金 30.00 }",
        to: "budget 30.00 { 财政资金 29.00 }",
        code: "E301",
        lines: &[69],
    },
    Plant {
        file: "b.jx",
        from: "租赁费到位率\" ≥90%",
        to: "租赁费到位率\" ≥90吨吨",
        code: "E601",
        lines: &[34],
    },
    Plant {
        file: "c.jx",
        from: "  unit 万元",
        to: "  unit 美元",
        code: "E203",
        lines: &[6],
    },
    Plant {
        file: "sub/d.jx",
        from: "效果.可持续影响",
        to: "效果.可持续营销",
        code: "E502",
        lines: &[37, 79, 100, 120, 160, 180, 200],
    },
];

/// The folder of sheets: the planted ones, a clean sheet, a file that is
/// not a sheet. Returns (folder, report folder).
fn planted(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let sheets = dir.join("sheets");
    std::fs::create_dir_all(sheets.join("sub")).unwrap();
    for p in PLANTS {
        let text = example();
        assert!(text.contains(p.from), "{}", p.from);
        std::fs::write(sheets.join(p.file), text.replace(p.from, p.to)).unwrap();
    }
    let clean = std::fs::read_to_string(root().join("examples/beidaihe-2021.jx")).unwrap();
    std::fs::write(sheets.join("clean.jx"), clean).unwrap();
    std::fs::write(sheets.join("notes.txt"), "not a sheet").unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    (sheets, out)
}

/// Every `id="…"` of a page.
fn ids(html: &str) -> Vec<&str> {
    html.split("id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

/// The row of the findings of `file` at `line` with `code`, if any.
fn finding_row<'h>(html: &'h str, file: &str, line: usize, code: &str) -> Option<&'h str> {
    html.split("<tr id=\"f").skip(1).find(|row| {
        row.contains(&format!(">{file}:{line}:")) && row.contains(&format!(">{code}</td>"))
    })
}

#[test]
fn report_counts_and_links_every_planted_defect() {
    let (sheets, out) = planted("report-planted");
    let report = out.join("report.html");
    let s = sheets.to_str().unwrap();
    let o = jixiao(&["report", s, "-o", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("5 sheets, 1 without errors"),
        "{}",
        stderr(&o)
    );
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(!html.contains("notes.txt"));
    // Self-contained: no script, no stylesheet or image from elsewhere.
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("http"));
    assert!(html.contains("<svg"));
    assert!(html.contains("无错误的表 Sheets without errors</th><td class=\"num\">1（20.0%）"));
    // Each planted defect: a row with its file, line and code.
    for p in PLANTS {
        let name = sheets.join(p.file).display().to_string();
        for line in p.lines {
            assert!(
                finding_row(&html, &name, *line, p.code).is_some(),
                "{} {name}:{line}",
                p.code
            );
        }
    }
    // Counted: as many as check finds, in the table of frequent defects.
    let count = |code: &str| -> (usize, usize) {
        let row = html
            .split("<tr>")
            .find(|r| {
                r.starts_with(&format!("<td class=\"error\">{code}</td>"))
                    || r.starts_with(&format!("<td class=\"warning\">{code}</td>"))
            })
            .unwrap_or_else(|| panic!("{code} not in the table"));
        let nums: Vec<usize> = row
            .split("<td class=\"num\">")
            .skip(1)
            .filter_map(|c| c.split('<').next()?.parse().ok())
            .collect();
        (nums[0], nums[1])
    };
    assert_eq!(count("E502"), (7, 1));
    assert_eq!(count("E301"), (1, 1));
    assert_eq!(count("E601"), (1, 1));
    assert_eq!(count("E203"), (1, 1));
    assert_eq!(
        count("W606"),
        (4, 4),
        "the sample's own warnings, once a copy"
    );
    // And as `check` sees them, file by file.
    for p in PLANTS {
        let path = sheets.join(p.file);
        let o = jixiao(&["check", "--message-format", "json", path.to_str().unwrap()]);
        for line in stderr(&o).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let (code, line) = (
                v["code"].as_str().unwrap(),
                v["span"]["line"].as_u64().unwrap(),
            );
            let name = path.display().to_string();
            assert!(
                finding_row(&html, &name, line as usize, code).is_some(),
                "{code} {name}:{line}"
            );
        }
    }
    // Every link inside the page has its target.
    let ids = ids(&html);
    for target in html
        .split("href=\"#")
        .skip(1)
        .filter_map(|s| s.split('"').next())
    {
        assert!(ids.contains(&target), "#{target}");
    }
    // Each file's heading links to the file, from the report's folder.
    for p in PLANTS {
        let file = sheets.join(p.file);
        let heading = html
            .split("<h3 id=\"f")
            .find(|h| h.contains(&format!(">{}</a></h3>", file.display())))
            .unwrap();
        let href = heading
            .split("href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(href.starts_with("../sheets/"), "{href}");
        assert_eq!(
            std::fs::canonicalize(out.join(href)).unwrap(),
            std::fs::canonicalize(&file).unwrap()
        );
    }
    // The body's table by code links each place to its row.
    let e301 = html
        .split("<tr><td class=\"error\" title=")
        .skip(1)
        .find(|r| r.contains(">E301</td>"))
        .unwrap();
    assert!(
        e301.contains(&format!("{}:69</a>", sheets.join("a.jx").display())),
        "{e301}"
    );
}

#[test]
fn report_is_the_same_bytes_every_time_as_html_and_xlsx() {
    let (sheets, out) = planted("report-determinism");
    let s = sheets.to_str().unwrap();
    for ext in ["html", "xlsx"] {
        let one = out.join(format!("one.{ext}"));
        let two = out.join(format!("two.{ext}"));
        let o = jixiao(&["report", s, "-j", "1", "-o", one.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = jixiao(&["report", "-q", s, "-j", "3", "-o", two.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0));
        assert!(o.stderr.is_empty(), "quiet: {}", stderr(&o));
        let (a, b) = (std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
        assert!(a == b, "{ext} differs between runs");
    }
    // The workbook holds every finding, one a row.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(out.join("one.xlsx")).unwrap();
    let findings = book.worksheet_range("问题 Findings").unwrap();
    let rows: Vec<Vec<String>> = findings
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let planted: usize = PLANTS.iter().map(|p| p.lines.len()).sum();
    // The planted defects and the sample's two warnings in each of the four copies.
    assert_eq!(rows.len() - 1, planted + 8, "{rows:?}");
    assert!(rows
        .iter()
        .any(|r| r[0].ends_with("a.jx") && r[1] == "69" && r[4] == "E301"));
    let overview = book.worksheet_range("总览 Overview").unwrap();
    assert_eq!(
        overview.get_value((1, 1)).map(|v| v.to_string()),
        Some("5".into())
    );
}

#[test]
fn report_names_bodies_whose_targets_were_loosened() {
    let dir = scratch("report-previous");
    let (old, new) = (dir.join("2020"), dir.join("2021"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    std::fs::copy(root().join("examples/beidaihe-2020.jx"), old.join("bdh.jx")).unwrap();
    std::fs::copy(root().join("examples/beidaihe-2021.jx"), new.join("bdh.jx")).unwrap();
    let report = dir.join("r.html");
    let o = jixiao(&[
        "report",
        new.to_str().unwrap(),
        "--previous",
        old.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&report).unwrap();
    let section = html
        .split("比上年放宽了目标的单位")
        .nth(1)
        .unwrap()
        .split("<h2>")
        .next()
        .unwrap();
    assert!(
        section.contains("秦皇岛市北戴河区机关事务管理局"),
        "{section}"
    );
    assert!(
        section.contains("综合办公楼维修费") && section.contains("完成率"),
        "{section}"
    );
    assert!(
        section.contains("≥90%") && section.contains("≥85%"),
        "{section}"
    );
    // Without --previous there is no such section.
    let o = jixiao(&[
        "report",
        new.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!std::fs::read_to_string(&report)
        .unwrap()
        .contains("比上年放宽"));
}

#[test]
fn report_usage_problems_exit_2() {
    let dir = scratch("report-usage");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = dir.join("r.html");
    let o = jixiao(&[
        "report",
        empty.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no .jx file in"), "{}", stderr(&o));
    assert!(!out.exists());
    let sheet = dir.join("a.jx");
    std::fs::write(&sheet, example()).unwrap();
    let o = jixiao(&[
        "report",
        sheet.to_str().unwrap(),
        "-o",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&sheet).unwrap(), example());
    assert_eq!(
        jixiao(&["report", sheet.to_str().unwrap()]).status.code(),
        Some(2)
    );
    // A file that cannot be read is in the report, and the exit code says so.
    let missing = dir.join("missing.jx");
    let o = jixiao(&[
        "report",
        sheet.to_str().unwrap(),
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("missing.jx") && html.contains("无法读取 unreadable"));
}

/// A self-evaluation in the folder is checked against the sheet it names and
/// filed under its body, not among files of no known body.
#[test]
fn report_files_forms_under_their_body() {
    let dir = std::env::temp_dir().join(format!("jixiao-report-forms-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("evaluation")).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("examples/beidaihe-2020.jx"),
        dir.join("beidaihe-2020.jx"),
    )
    .unwrap();
    // A target quoted wrongly: only the comparison with the sheet finds it.
    let form = std::fs::read_to_string(root.join("examples/evaluation/beidaihe-2020.自评.jx"))
        .unwrap()
        .replacen("≥90% {", "≥95% {", 1);
    std::fs::write(dir.join("evaluation/f.自评.jx"), form).unwrap();
    let out = dir.join("report.xlsx");
    let o = jixiao(&["report", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let findings = book.worksheet_range("问题 Findings").unwrap();
    let rows: Vec<Vec<String>> = findings
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r[0].ends_with("f.自评.jx") && r[4] == "E705"),
        "{rows:?}"
    );
    let html = dir.join("report.html");
    jixiao(&[
        "report",
        dir.to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&html).unwrap();
    // The body's section lists both files.
    let section = page
        .lines()
        .find(|l| l.contains("beidaihe-2020.jx</a>、"))
        .expect("the body's files");
    assert!(section.contains("f.自评.jx</a>"), "{section}");
    assert!(!page.contains("no known body"), "{page}");
    let _ = std::fs::remove_dir_all(&dir);
}
