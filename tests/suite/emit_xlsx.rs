//! The Excel workbook for the 一体化 system's import: unzip the bytes, read
//! the workbook, shared strings, styles and worksheets with quick-xml, and
//! check the sheets, the documented header rows, one row per indicator
//! with its 计算符号 / 指标值 / 计量单位, numbers stored as numbers with the
//! decimals as written, the frozen header, reproducibility, and the
//! command line.

use crate::common::{example, jixiao, root, scratch, sheet_of, stderr};

use jixiao::model::Sheet;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::io::Read;

fn example_sheet() -> Sheet {
    sheet_of("beidaihe-2020.jx", &example())
}

fn xlsx(sheet: &Sheet) -> Vec<u8> {
    jixiao::emit::xlsx::to_bytes(sheet).unwrap()
}

// ---------------------------------------------------------------------------
// A small reader of what the workbook holds.

/// One cell: its text (the shared string, or the number as stored), whether
/// it is stored as a number, and its number format.
#[derive(Clone, Debug, PartialEq)]
struct XCell {
    text: String,
    number: bool,
    format: String,
    bold: bool,
}

#[derive(Debug)]
struct XSheet {
    name: String,
    rows: Vec<Vec<Option<XCell>>>,
    /// `ySplit` of a frozen pane.
    frozen_rows: Option<u32>,
    /// Column widths, by column.
    widths: Vec<f64>,
    auto_filter: Option<String>,
}

impl XSheet {
    /// The texts of a row, empty cells as "".
    fn texts(&self, row: usize) -> Vec<String> {
        self.rows[row]
            .iter()
            .map(|c| c.as_ref().map(|c| c.text.clone()).unwrap_or_default())
            .collect()
    }

    fn column(&self, header: &str) -> usize {
        self.texts(0)
            .iter()
            .position(|h| h == header)
            .unwrap_or_else(|| panic!("{}: no column {header}", self.name))
    }

    fn cell(&self, row: usize, header: &str) -> Option<&XCell> {
        self.rows[row]
            .get(self.column(header))
            .and_then(Option::as_ref)
    }

    fn text(&self, row: usize, header: &str) -> String {
        self.cell(row, header)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("not a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).unwrap().map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .unwrap()
            .into_owned()
    })
}

/// Every element of an XML text, in order, with its attributes, and the
/// text inside it (entities resolved); panics on any well-formedness error.
fn elements(xml: &str) -> Vec<(String, BytesStart<'static>, String)> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let mut out: Vec<(String, BytesStart<'static>, String)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.name().as_ref().to_string();
                open.push(out.len());
                out.push((name, e.into_owned(), String::new()));
            }
            Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                out.push((name, e.into_owned(), String::new()));
            }
            Ok(Event::End(_)) => {
                open.pop();
            }
            Ok(Event::Text(t)) => {
                if let Some(&i) = open.last() {
                    out[i].2.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(g)) => {
                let name: &str = g.as_ref();
                let c = match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                if let Some(&i) = open.last() {
                    out[i].2.push_str(c);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", r.buffer_position()),
        }
    }
    assert!(open.is_empty(), "unbalanced elements");
    out
}

/// `AB` → 27 (0-based column of a cell reference `AB12`).
fn column_of(reference: &str) -> usize {
    reference
        .chars()
        .take_while(char::is_ascii_uppercase)
        .fold(0, |n, c| n * 26 + (c as usize - 'A' as usize + 1))
        - 1
}

fn read_book(bytes: &[u8]) -> Vec<XSheet> {
    let parts = unzip(bytes);
    let part = |name: &str| {
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .as_str()
    };
    // Every XML part is well-formed.
    for (name, text) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            elements(text);
        }
    }
    let targets: BTreeMap<String, String> = elements(part("xl/_rels/workbook.xml.rels"))
        .into_iter()
        .filter(|(n, ..)| n == "Relationship")
        .map(|(_, e, _)| (attr(&e, "Id").unwrap(), attr(&e, "Target").unwrap()))
        .collect();
    // Shared strings: the texts of each `si`, run by run.
    let mut strings: Vec<String> = Vec::new();
    for (name, _, text) in elements(part("xl/sharedStrings.xml")) {
        match name.as_str() {
            "si" => strings.push(String::new()),
            "t" => strings.last_mut().unwrap().push_str(&text),
            _ => {}
        }
    }
    // Styles: number formats by id, fonts, and the cell formats.
    let mut formats: BTreeMap<String, String> = [("0", "General"), ("49", "@")]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let mut fonts: Vec<bool> = Vec::new();
    let mut xfs: Vec<(String, usize)> = Vec::new();
    let mut section = String::new();
    for (name, e, _) in elements(part("xl/styles.xml")) {
        match name.as_str() {
            "numFmt" => {
                formats.insert(
                    attr(&e, "numFmtId").unwrap(),
                    attr(&e, "formatCode").unwrap(),
                );
            }
            "fonts" | "cellXfs" | "cellStyleXfs" | "dxfs" => section = name.clone(),
            "font" if section == "fonts" => fonts.push(false),
            "b" if section == "fonts" => *fonts.last_mut().unwrap() = true,
            "xf" if section == "cellXfs" => xfs.push((
                attr(&e, "numFmtId").unwrap_or_else(|| "0".into()),
                attr(&e, "fontId").map(|f| f.parse().unwrap()).unwrap_or(0),
            )),
            _ => {}
        }
    }
    let mut sheets = Vec::new();
    for (name, e, _) in elements(part("xl/workbook.xml")) {
        if name != "sheet" {
            continue;
        }
        let sheet_name = attr(&e, "name").unwrap();
        let target = &targets[&attr(&e, "r:id").unwrap()];
        let xml = part(&format!("xl/{target}"));
        let mut ws = XSheet {
            name: sheet_name,
            rows: Vec::new(),
            frozen_rows: None,
            widths: Vec::new(),
            auto_filter: None,
        };
        // The cell being read: column, type, style.
        let mut cell: Option<(usize, Option<String>, usize)> = None;
        for (name, e, text) in elements(xml) {
            match name.as_str() {
                "pane" if attr(&e, "state").as_deref() == Some("frozen") => {
                    ws.frozen_rows = attr(&e, "ySplit").map(|y| y.parse().unwrap());
                }
                "col" => {
                    let min: usize = attr(&e, "min").unwrap().parse().unwrap();
                    let max: usize = attr(&e, "max").unwrap().parse().unwrap();
                    let w: f64 = attr(&e, "width").unwrap().parse().unwrap();
                    ws.widths.resize(max, 0.0);
                    for c in min..=max {
                        ws.widths[c - 1] = w;
                    }
                }
                "autoFilter" => ws.auto_filter = attr(&e, "ref"),
                "row" => {
                    let r: usize = attr(&e, "r").unwrap().parse().unwrap();
                    ws.rows.resize(r, Vec::new());
                }
                "c" => {
                    cell = Some((
                        column_of(&attr(&e, "r").unwrap()),
                        attr(&e, "t"),
                        attr(&e, "s").map(|s| s.parse().unwrap()).unwrap_or(0),
                    ));
                }
                "v" => {
                    let (col, t, s) = cell.take().expect("a value outside a cell");
                    let number = matches!(t.as_deref(), None | Some("n"));
                    let text = match t.as_deref() {
                        Some("s") => strings[text.parse::<usize>().unwrap()].clone(),
                        None | Some("n") => text,
                        Some(other) => panic!("unexpected cell type {other}"),
                    };
                    let (fmt, font) = &xfs[s];
                    let row = ws.rows.last_mut().unwrap();
                    row.resize(row.len().max(col + 1), None);
                    row[col] = Some(XCell {
                        text,
                        number,
                        format: formats[fmt].clone(),
                        bold: fonts[*font],
                    });
                }
                _ => {}
            }
        }
        sheets.push(ws);
    }
    sheets
}

fn sheet<'a>(book: &'a [XSheet], name: &str) -> &'a XSheet {
    book.iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no worksheet {name}"))
}

// ---------------------------------------------------------------------------
// The documented columns (README, "Excel for the 一体化 system").

const INDICATOR_COLUMNS: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标名称",
    "计算符号",
    "指标值",
    "计量单位",
    "权重",
    "指标内容",
    "指标解释",
    "评（扣）分标准",
    "指标值设定依据",
    "备注",
    "上年实际值",
    "指标方向",
    "核心指标",
    "指标编码",
    "指标值（原文）",
    "一级指标（原文）",
    "二级指标（原文）",
    "定量/定性",
];

fn indicator_header() -> Vec<&'static str> {
    let mut h = vec!["项目编码", "项目名称", "实施单位", "年度/实施期"];
    h.extend(INDICATOR_COLUMNS);
    h
}

fn project_header() -> Vec<String> {
    let mut h: Vec<String> = [
        "项目编码",
        "项目名称",
        "实施单位",
        "实施单位编码",
        "主管部门",
        "预算数",
        "财政资金",
        "其他资金",
        "金额单位",
        "资金来源明细",
        "项目总预算",
        "项目总预算资金来源明细",
        "资金用途",
        "年度绩效目标",
        "实施期",
        "实施期绩效目标",
    ]
    .map(String::from)
    .to_vec();
    h.extend((1..=12).map(|m| format!("{m}月（%）")));
    h.extend(
        [
            "项目类型",
            "项目属性",
            "项目起止时间",
            "项目负责人",
            "联系电话",
            "功能科目",
            "文件文号",
            "分值",
            "审核意见",
            "其他栏目",
        ]
        .map(String::from),
    );
    h
}

// ---------------------------------------------------------------------------

#[test]
fn four_sheets_with_the_documented_headers_bold_and_frozen() {
    let book = read_book(&xlsx(&example_sheet()));
    let names: Vec<&str> = book.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["绩效指标", "项目", "部门整体", "部门整体指标"]);
    let mut body_indicators = vec!["单位编码", "单位名称"];
    body_indicators.extend(INDICATOR_COLUMNS);
    let expected: Vec<Vec<String>> = vec![
        indicator_header().iter().map(|s| s.to_string()).collect(),
        project_header(),
        ["类别", "序号", "标题", "内容"].map(String::from).to_vec(),
        body_indicators.iter().map(|s| s.to_string()).collect(),
    ];
    for (ws, header) in book.iter().zip(&expected) {
        assert_eq!(&ws.texts(0), header, "{}", ws.name);
        assert!(
            ws.rows[0].iter().all(|c| c.as_ref().unwrap().bold),
            "{}",
            ws.name
        );
        assert_eq!(ws.frozen_rows, Some(1), "{}", ws.name);
        assert!(
            ws.auto_filter
                .as_deref()
                .is_some_and(|r| r.starts_with("A1:")),
            "{}",
            ws.name
        );
        assert_eq!(ws.widths.len(), header.len(), "{}", ws.name);
    }
    // The library's list is the documented one.
    let listed: Vec<Vec<String>> = jixiao::emit::xlsx::headers()
        .into_iter()
        .map(|(_, h)| h.into_iter().map(String::from).collect())
        .collect();
    assert_eq!(listed, expected);
}

#[test]
fn one_row_per_indicator_with_sign_value_and_unit() {
    let s = example_sheet();
    let book = read_book(&xlsx(&s));
    let ws = sheet(&book, "绩效指标");
    let expected: Vec<(&str, &str, String)> = s
        .projects
        .iter()
        .flat_map(|p| {
            p.indicators.iter().map(move |i| {
                (
                    p.code.as_deref().unwrap_or(""),
                    p.name.as_str(),
                    i.name.clone(),
                )
            })
        })
        .collect();
    assert_eq!(expected.len(), 27);
    assert_eq!(ws.rows.len(), 1 + expected.len());
    for (r, (code, project, name)) in expected.iter().enumerate() {
        let r = r + 1;
        assert_eq!(ws.text(r, "项目编码"), *code);
        assert_eq!(ws.text(r, "项目名称"), *project);
        assert_eq!(ws.text(r, "三级指标名称"), *name);
        assert_eq!(ws.text(r, "年度/实施期"), "年度");
    }
    // The first project's first indicator: ≥90% 到位率.
    assert_eq!(ws.text(1, "三级指标名称"), "“创意之家”租赁费到位率");
    assert_eq!(ws.text(1, "一级指标"), "产出指标");
    assert_eq!(ws.text(1, "二级指标"), "时效指标");
    assert_eq!(ws.text(1, "计算符号"), "≥");
    let value = ws.cell(1, "指标值").unwrap();
    assert!(value.number, "{value:?}");
    assert_eq!((value.text.as_str(), value.format.as_str()), ("90", "0"));
    assert_eq!(ws.text(1, "计量单位"), "%");
    assert_eq!(ws.text(1, "指标方向"), "正向");
    assert_eq!(ws.text(1, "指标值（原文）"), "≥90%");
    assert_eq!(
        ws.text(1, "指标内容"),
        "实际到位“创意之家”租赁费占应到位“创意之家”租赁费的比例。"
    );
    // Every sign is one of the system's six, full-width.
    for r in 1..ws.rows.len() {
        let sign = ws.text(r, "计算符号");
        assert!(
            ["≥", "＞", "＝", "＜", "≤", "定性"].contains(&sign.as_str()),
            "{sign}"
        );
    }
}

#[test]
fn budgets_and_plans_are_numbers_with_their_decimals() {
    let book = read_book(&xlsx(&example_sheet()));
    let ws = sheet(&book, "项目");
    assert_eq!(ws.rows.len(), 10);
    assert_eq!(ws.text(1, "项目名称"), "“创意之家”租赁费");
    for header in ["预算数", "财政资金", "3月（%）", "12月（%）"] {
        let c = ws.cell(1, header).unwrap();
        assert!(c.number, "{header}: {c:?}");
        assert_eq!(c.format, "0.00", "{header}");
    }
    assert_eq!(ws.text(1, "预算数"), "78");
    assert_eq!(ws.text(1, "3月（%）"), "25");
    assert_eq!(ws.text(1, "金额单位"), "万元");
    assert_eq!(ws.text(1, "资金来源明细"), "财政资金 78.00");
    assert_eq!(ws.cell(1, "其他资金"), None);
    assert_eq!(ws.cell(1, "1月（%）"), None);
    // 后勤管理经费: 104.50 stored as 104.5, shown with two decimals.
    let c = ws.cell(4, "预算数").unwrap();
    assert_eq!((c.text.as_str(), c.format.as_str()), ("104.5", "0.00"));
    assert_eq!(
        ws.text(1, "年度绩效目标"),
        "1、资金到位及时，能够支付“创意之家”租赁费。\n2、资金使用全部用于“创意之家”租赁费。"
    );
    // Codes stay text.
    let code = ws.cell(1, "项目编码").unwrap();
    assert!(!code.number);
    assert_eq!(code.format, "@");
}

#[test]
fn part_one_goes_to_the_body_sheet() {
    let book = read_book(&xlsx(&example_sheet()));
    let ws = sheet(&book, "部门整体");
    let rows: Vec<Vec<String>> = (1..ws.rows.len()).map(|r| ws.texts(r)).collect();
    assert_eq!(rows[0], ["基本信息", "", "单位编码", "430002"]);
    assert_eq!(
        rows[1],
        ["基本信息", "", "单位名称", "秦皇岛市北戴河区机关事务管理局"]
    );
    assert_eq!(rows[2], ["基本信息", "", "年度", "2020"]);
    assert!(ws.cell(3, "内容").unwrap().number);
    let kinds: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert!(kinds.contains(&"总体绩效目标"));
    let objective = rows.iter().find(|r| r[0] == "分项绩效目标").unwrap();
    assert_eq!(objective[1..3], ["1", "规章制度"]);
    assert!(kinds.contains(&"工作保障措施"));
    // No body-level indicators in the sample: the header alone.
    assert_eq!(sheet(&book, "部门整体指标").rows.len(), 1);
}

const KINDS: &str = r#"department "900001" "测试单位" {
  year 2021
  unit 万元
}

overall {
  summary "总体目标 <&> \"引号\""
  indicator 产出.数量 "督导检查次数" ≥12次
}

project "P-1" "测试项目 & <b>" {
  agency "027001" "测试实施单位"
  budget 100.50 {
    财政资金 60.25 { 一般公共预算 60.25 }
    其他资金 40.25
  }
  purpose "培训学员"
  plan 6月 50%, 12月 100.0%
  goal "完成学员培训。"
  period "2021-2023年" {
    goal "三年培训学员3600人次。"
    indicator 产出.数量 "三年培训人数" ≥3600人次
  }

  indicator 产出.数量 "培训人数" ≥1,200人 { weight 12.5; last 1100人 }
  indicator 产出.质量 "合格率" 90%-95% { weight 12.5 }
  indicator 产出.时效 "完成时间" 2021年12月底前 { weight 15 }
  indicator 产出.成本 "人均成本" ≤0.35万元 { weight 15; core }
  indicator 效益.社会效益 "服务质量" 良好 { weight 15; basis "行业标准" }
  indicator 效益.可持续影响 "长效机制" "建立健全长效机制" { weight 10; field "数据来源" "台账" }
  indicator 满意度.服务对象满意度 "学员满意度" ≥90.0% { weight 10; id "gx0101" }
  indicator 产出.数量 "培训场次" 待定 { weight 10 }
}
"#;

#[test]
fn every_kind_of_target_in_its_cells() {
    let s = sheet_of("kinds.jx", KINDS);
    let book = read_book(&xlsx(&s));
    let ws = sheet(&book, "绩效指标");
    let row = |name: &str| {
        (1..ws.rows.len())
            .find(|&r| ws.text(r, "三级指标名称") == name)
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    let cells = |name: &str| {
        let r = row(name);
        let v = ws.cell(r, "指标值");
        (
            ws.text(r, "计算符号"),
            v.map(|c| c.text.clone()).unwrap_or_default(),
            v.is_some_and(|c| c.number),
            v.map(|c| c.format.clone()).unwrap_or_default(),
            ws.text(r, "计量单位"),
        )
    };
    let t = |a: &str, b: &str, n: bool, f: &str, u: &str| {
        (
            a.to_string(),
            b.to_string(),
            n,
            f.to_string(),
            u.to_string(),
        )
    };
    assert_eq!(cells("培训人数"), t("≥", "1200", true, "0", "人"));
    assert_eq!(cells("合格率"), t("", "90-95", false, "General", "%"));
    assert_eq!(
        cells("完成时间"),
        t("≤", "2021-12-31", false, "General", "")
    );
    assert_eq!(cells("人均成本"), t("≤", "0.35", true, "0.00", "万元"));
    assert_eq!(cells("服务质量"), t("定性", "良好", false, "General", ""));
    assert_eq!(
        cells("长效机制"),
        t("定性", "建立健全长效机制", false, "General", "")
    );
    assert_eq!(cells("学员满意度"), t("≥", "90", true, "0.0", "%"));
    assert_eq!(cells("培训场次"), t("", "待定", false, "General", ""));
    assert_eq!(cells("三年培训人数"), t("≥", "3600", true, "0", "人次"));
    // The long-term indicator comes before the annual ones, marked 实施期.
    assert_eq!(row("三年培训人数"), 1);
    assert_eq!(ws.text(row("三年培训人数"), "年度/实施期"), "实施期");
    assert_eq!(ws.text(row("培训人数"), "年度/实施期"), "年度");
    let w = ws.cell(row("培训人数"), "权重").unwrap();
    assert_eq!(
        (w.text.as_str(), w.number, w.format.as_str()),
        ("12.5", true, "0.0")
    );
    assert_eq!(ws.text(row("培训人数"), "上年实际值"), "1100人");
    // A plain `core` is 是; graded ones print their ★.
    assert_eq!(ws.text(row("人均成本"), "核心指标"), "是");
    assert_eq!(ws.text(row("人均成本"), "指标方向"), "反向");
    assert_eq!(ws.text(row("服务质量"), "指标值设定依据"), "行业标准");
    assert_eq!(ws.text(row("长效机制"), "备注"), "数据来源：台账");
    assert_eq!(ws.text(row("学员满意度"), "指标编码"), "gx0101");
    assert_eq!(ws.text(row("培训人数"), "实施单位"), "测试实施单位");
    assert_eq!(ws.text(row("培训人数"), "项目名称"), "测试项目 & <b>");

    let ws = sheet(&book, "项目");
    assert_eq!(ws.text(1, "实施单位编码"), "027001");
    assert_eq!(
        ws.text(1, "资金来源明细"),
        "财政资金 60.25（一般公共预算 60.25），其他资金 40.25"
    );
    assert_eq!(ws.text(1, "财政资金"), "60.25");
    assert_eq!(ws.text(1, "其他资金"), "40.25");
    assert_eq!(ws.text(1, "实施期"), "2021-2023年");
    assert_eq!(ws.text(1, "实施期绩效目标"), "三年培训学员3600人次。");
    let dec = ws.cell(1, "12月（%）").unwrap();
    assert_eq!((dec.text.as_str(), dec.format.as_str()), ("100", "0.0"));
    assert_eq!(ws.cell(1, "6月（%）").unwrap().format, "0");

    let ws = sheet(&book, "部门整体指标");
    assert_eq!(ws.rows.len(), 2);
    assert_eq!(ws.text(1, "单位编码"), "900001");
    assert_eq!(ws.text(1, "三级指标名称"), "督导检查次数");
    assert_eq!(ws.text(1, "指标值"), "12");
    assert_eq!(ws.text(1, "计量单位"), "次");
    let ws = sheet(&book, "部门整体");
    let summary = (1..ws.rows.len())
        .find(|&r| ws.text(r, "类别") == "总体绩效目标")
        .unwrap();
    assert_eq!(ws.text(summary, "内容"), "总体目标 <&> \"引号\"");
}

#[test]
fn what_excel_cannot_hold_exactly_is_text_and_long_texts_are_cut() {
    let mut s = example_sheet();
    // 18 significant digits: a double would change it.
    s.projects[0].budget.total = "123456789012.345678".parse().unwrap();
    s.projects[0].indicators[0].description = Some("长".repeat(40_000));
    let book = read_book(&xlsx(&s));
    let c = sheet(&book, "项目").cell(1, "预算数").cloned().unwrap();
    assert!(!c.number);
    assert_eq!(c.text, "123456789012.345678");
    let d = sheet(&book, "绩效指标").text(1, "指标内容");
    assert_eq!(d.encode_utf16().count(), 32_767);
    assert!(d.ends_with("长…"));
}

#[test]
fn two_builds_give_the_same_bytes_streamed_or_not() {
    let s = example_sheet();
    let a = xlsx(&s);
    let b = xlsx(&s);
    assert!(a == b);
    let mut streamed = Vec::new();
    jixiao::emit::xlsx::write(&s, &mut streamed).unwrap();
    assert!(streamed == a);
    let parts = unzip(&a);
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("1980-01-01T00:00:00Z"), "{core}");
    assert!(core.contains("<dc:creator>jixiao</dc:creator>"), "{core}");
}

#[test]
fn every_example_builds_with_a_row_per_indicator() {
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "jx") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let s = sheet_of(&name, &std::fs::read_to_string(&path).unwrap());
        let book = read_book(&xlsx(&s));
        let indicators: usize = s
            .projects
            .iter()
            .map(|p| p.indicators.len() + p.period.as_ref().map_or(0, |t| t.indicators.len()))
            .sum();
        assert_eq!(
            sheet(&book, "绩效指标").rows.len(),
            1 + indicators,
            "{name}"
        );
        assert_eq!(
            sheet(&book, "项目").rows.len(),
            1 + s.projects.len(),
            "{name}"
        );
        assert_eq!(
            sheet(&book, "部门整体指标").rows.len(),
            1 + s.overall.indicators.len(),
            "{name}"
        );
        n += 1;
    }
    assert!(n >= 6, "{n} examples");
}

// ---------------------------------------------------------------------------
// The command line.

#[test]
fn build_writes_xlsx_by_format_by_extension_and_into_a_folder() {
    let dir = scratch("xlsx-cli");
    let ex = root().join("examples/beidaihe-2020.jx");
    let ex = ex.to_str().unwrap();
    let by_format = dir.join("x.out");
    let o = jixiao(&[
        "build",
        ex,
        "--format",
        "xlsx",
        "-o",
        by_format.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let by_extension = dir.join("x.xlsx");
    let o = jixiao(&["build", ex, "-o", by_extension.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&by_extension).unwrap();
    assert!(bytes == std::fs::read(&by_format).unwrap());
    assert!(bytes == xlsx(&example_sheet()));
    // Every format into a folder, xlsx beside the others.
    let out = dir.join("all");
    std::fs::create_dir_all(&out).unwrap();
    let o = jixiao(&["build", ex, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "beidaihe-2020.docx",
            "beidaihe-2020.html",
            "beidaihe-2020.json",
            "beidaihe-2020.xlsx"
        ]
    );
    assert!(std::fs::read(out.join("beidaihe-2020.xlsx")).unwrap() == bytes);
    // Only xlsx into a folder.
    let only = dir.join("only");
    let o = jixiao(&[
        "build",
        ex,
        "--format",
        "xlsx",
        "-o",
        &format!("{}/", only.display()),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&only).unwrap().count(), 1);
    assert!(only.join("beidaihe-2020.xlsx").exists());
}

#[test]
fn xlsx_is_refused_on_standard_output() {
    let ex = root().join("examples/beidaihe-2020.jx");
    let o = jixiao(&["build", ex.to_str().unwrap(), "--format", "xlsx", "-o", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("xlsx cannot go to standard output; use -o NAME.xlsx"),
        "{}",
        stderr(&o)
    );
}
