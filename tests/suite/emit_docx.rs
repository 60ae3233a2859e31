//! The Word document: unzip the bytes and check the package, document.xml
//! (tables, merged cells against the layout model, page size, headings,
//! escaping), the named styles the fonts and borders come from and what
//! each paragraph resolves to through them, well-formedness and
//! reproducibility.

use crate::common::{self, sheet_of};

use jixiao::emit::layout;
use jixiao::model::Sheet;
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::Read;

fn example_sheet() -> Sheet {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/beidaihe-2020.jx");
    sheet_of("beidaihe-2020.jx", &std::fs::read_to_string(path).unwrap())
}

/// The entries of a zip archive, in archive order.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    unzip(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

/// Parse an XML text completely; panic on any well-formedness error.
/// Returns the concatenated `w:t` texts, one string per `w:t`.
fn parse(xml: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let mut texts = Vec::new();
    let mut in_t = false;
    let mut depth = 0i32;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                in_t = e.name().as_ref() == "w:t";
                if in_t {
                    texts.push(String::new());
                }
            }
            Ok(Event::End(_)) => {
                depth -= 1;
                in_t = false;
            }
            Ok(Event::Text(t)) if in_t => {
                let s = t.xml10_content();
                texts.last_mut().unwrap().push_str(&s);
            }
            Ok(Event::GeneralRef(g)) if in_t => {
                let name: &str = g.as_ref();
                let c = match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                texts.last_mut().unwrap().push_str(c);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", r.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
    texts
}

/// The bodies of the top-level `w:tbl` elements (tables do not nest here).
fn tables(doc: &str) -> Vec<&str> {
    doc.split("<w:tbl>")
        .skip(1)
        .map(|t| &t[..t.find("</w:tbl>").unwrap()])
        .collect()
}

const HOSTILE: &str = r#"department "001" "<b>单位</b> & 子单位" {
  year 2021
  unit 元
  framework 2015
}
overall {
  summary "总体 <script>alert(1)</script> & \"引号\" 'single'"
}
project "P-1" "<script>alert(1)</script>" {
  budget 10.00 { 财政资金 10.00 }
  purpose "用途 & \"quoted\" ]]> <w:p>"
  plan 12月 100%
  goal "目标一"
  goal "目标二"
  indicator 产出.数量 "数量 & <u>" =3个 { desc "描述 \"x\" & y" }
  indicator 产出.数量 "数量二" =4个
  indicator 效益.社会效益 "效益" 好
  indicator 满意度.服务对象满意度 "满意度" ≥90%
}
"#;

#[test]
fn package_has_every_part_in_a_fixed_order_with_a_fixed_date() {
    let bytes = jixiao::emit::docx::to_bytes(&example_sheet());
    let names: Vec<String> = unzip(&bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/document.xml",
            "word/styles.xml",
            "word/settings.xml",
            "word/_rels/document.xml.rels",
        ]
    );
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{:?}",
            f.name()
        );
        assert_eq!((t.hour(), t.minute(), t.second()), (0, 0, 0));
    }
    for (name, xml) in unzip(&bytes) {
        parse(&xml);
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""),
            "{name}"
        );
    }
    let core = part(&bytes, "docProps/core.xml");
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
    let types = part(&bytes, "[Content_Types].xml");
    for p in [
        "/word/document.xml",
        "/word/styles.xml",
        "/word/settings.xml",
    ] {
        assert!(types.contains(&format!("PartName=\"{p}\"")));
    }
}

#[test]
fn two_builds_give_the_same_bytes() {
    let s = example_sheet();
    let a = jixiao::emit::docx::to_bytes(&s);
    let b = jixiao::emit::docx::to_bytes(&example_sheet());
    assert_eq!(a, b);
    let h = sheet_of("hostile.jx", HOSTILE);
    assert_eq!(
        jixiao::emit::docx::to_bytes(&h),
        jixiao::emit::docx::to_bytes(&h)
    );
}

#[test]
fn nine_tables_with_the_sample_headings_and_values() {
    let sheet = example_sheet();
    let doc = part(&jixiao::emit::docx::to_bytes(&sheet), "word/document.xml");
    let texts = parse(&doc);
    let ts = tables(&doc);
    assert_eq!(ts.len(), 9);
    let headings = [
        "1、“创意之家”租赁费绩效目标表",
        "2、公务用车制度改革费绩效目标表",
        "3、后勤保障经费绩效目标表",
        "4、后勤管理经费绩效目标表",
        "5、视频会议室网络租金绩效目标表",
        "6、维修费绩效目标表",
        "7、物业管理费绩效目标表",
        "8、政府大楼保险绩效目标表",
        "9、综合办公楼水电费绩效目标表",
    ];
    let mut at = 0;
    for h in headings {
        let i = texts[at..]
            .iter()
            .position(|t| t == h)
            .unwrap_or_else(|| panic!("heading {h} missing or out of order"));
        at += i + 1;
    }
    for t in [
        "2020年部门预算绩效信息",
        "第一部分 部门整体绩效目标",
        "（一）总体绩效目标：",
        "1.规章制度：组织制定实施本局各项规章制度的制定落实，各项先进集体、先进个人的考评表彰工作。",
        "（三）工作保障措施：",
        "第二部分 预算项目绩效目标",
        "430002秦皇岛市北戴河区机关事务管理局",
        "单位：万元",
    ] {
        assert!(texts.iter().any(|x| x == t), "missing {t}");
    }
    // The first table, cell by cell as the sample prints it.
    let first = parse(&format!("<w:tbl>{}</w:tbl>", ts[0]));
    assert_eq!(
        first,
        [
            "项目编码",
            "430-0502-JBN-GG1U",
            "项目名称",
            "“创意之家”租赁费",
            "预算规模及资金用途",
            "预算数",
            "78.00",
            "其中：财政资金",
            "78.00",
            "其他资金",
            "根据合同支付2020年“创意之家”租赁费。",
            "资金支出计划（%）",
            "3月底",
            "6月底",
            "10月底",
            "12月底",
            "25.00",
            "50.00",
            "100.00",
            "100.00",
            "绩效目标",
            "1、资金到位及时，能够支付“创意之家”租赁费。",
            "2、资金使用全部用于“创意之家”租赁费。",
            "一级指标",
            "二级指标",
            "三级指标",
            "绩效指标描述",
            "指标值",
            "指标值确定依据",
            "产出指标",
            "时效指标",
            "“创意之家”租赁费到位率",
            "实际到位“创意之家”租赁费占应到位“创意之家”租赁费的比例。",
            "≥90%",
            "效果指标",
            "可持续影响指标",
            "长期使用性",
            "能够长期地开展暑期服务工作，保障暑期工作的顺利进行。",
            "≥90%",
            "满意度指标",
            "服务对象满意度指标",
            "租赁方满意度",
            "租赁方对我单位能够足额缴纳租赁费满意程度。",
            "≥80%",
        ]
    );
}

/// Counts of merged cells in document.xml against the layout model.
fn merges_match_layout(sheet: &Sheet) {
    let l = layout::layout(sheet);
    let mut model_tables: Vec<&layout::Table> = Vec::new();
    if let Some(one) = &l.head.part_one {
        model_tables.extend(one.sections.iter().filter_map(|s| s.table.as_ref()));
    }
    model_tables.extend(l.projects.iter().map(|p| &p.table));
    let doc = part(&jixiao::emit::docx::to_bytes(sheet), "word/document.xml");
    let ts = tables(&doc);
    assert_eq!(ts.len(), model_tables.len());
    for (xml, t) in ts.iter().zip(model_tables) {
        assert!(t.is_consistent());
        let cells: Vec<&layout::Cell> = t.rows.iter().flat_map(|r| &r.cells).collect();
        let restarts = cells.iter().filter(|c| c.row_span > 1).count();
        let continuations: usize = cells.iter().map(|c| c.row_span - 1).sum();
        let grid = t.grid();
        let spans: usize = grid
            .iter()
            .flatten()
            .filter(|p| p.cell.col_span > 1)
            .count();
        assert_eq!(
            xml.matches("<w:vMerge w:val=\"restart\"/>").count(),
            restarts
        );
        assert_eq!(xml.matches("<w:vMerge/>").count(), continuations);
        assert_eq!(xml.matches("<w:gridSpan ").count(), spans);
        assert_eq!(xml.matches("<w:tr>").count(), t.rows.len());
        assert_eq!(xml.matches("<w:gridCol ").count(), t.columns.len());
        // Each row fills the grid: the sum of its gridSpans is the column count.
        for row in xml.split("<w:tr>").skip(1) {
            let width: usize = row
                .split("<w:tc>")
                .skip(1)
                .map(|tc| {
                    tc.split("<w:gridSpan w:val=\"")
                        .nth(1)
                        .map_or(1, |s| s[..s.find('"').unwrap()].parse().unwrap())
                })
                .sum();
            assert_eq!(width, t.columns.len());
        }
        // Every cell has its borders, from the table style.
        assert!(xml.contains("<w:tblStyle w:val=\"JixiaoTable\"/>"));
        assert!(!xml.contains("<w:tcBorders>"));
    }
}

#[test]
fn merged_cells_follow_the_layout() {
    let sheet = example_sheet();
    merges_match_layout(&sheet);
    let doc = part(&jixiao::emit::docx::to_bytes(&sheet), "word/document.xml");
    // The sample: two vertical merges of two rows per table.
    assert_eq!(doc.matches("<w:vMerge w:val=\"restart\"/>").count(), 18);
    assert_eq!(doc.matches("<w:vMerge/>").count(), 18);
    // And with level cells spanning several indicators.
    let h = sheet_of("hostile.jx", HOSTILE);
    merges_match_layout(&h);
    let doc = part(&jixiao::emit::docx::to_bytes(&h), "word/document.xml");
    // 预算规模, 资金支出计划, 产出指标 (2 rows), 数量指标 (2 rows).
    assert_eq!(doc.matches("<w:vMerge w:val=\"restart\"/>").count(), 4);
}

#[test]
fn page_and_grid() {
    let bytes = jixiao::emit::docx::to_bytes(&example_sheet());
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(
        doc.contains("<w:pgMar w:top=\"1440\" w:right=\"1418\" w:bottom=\"1440\" w:left=\"1418\" ")
    );
    // Every table has a grid whose widths fill the text width.
    for t in tables(&doc) {
        assert!(t.contains("<w:tblGrid>"));
        let sum: u32 = t
            .split("<w:gridCol w:w=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].parse::<u32>().unwrap())
            .sum();
        assert_eq!(sum, 11906 - 2 * 1418);
        assert!(t.contains("<w:tblLayout w:type=\"fixed\"/>"));
    }
}

#[test]
fn texts_are_escaped() {
    let h = sheet_of("hostile.jx", HOSTILE);
    let bytes = jixiao::emit::docx::to_bytes(&h);
    let doc = part(&bytes, "word/document.xml");
    assert!(!doc.contains("<script>") && !doc.contains("<u>") && !doc.contains("<b>"));
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let texts = parse(&doc);
    for t in [
        "1、<script>alert(1)</script>绩效目标表",
        "用途 & \"quoted\" ]]> <w:p>",
        "总体 <script>alert(1)</script> & \"引号\" 'single'",
        "数量 & <u>",
        "描述 \"x\" & y",
        "001<b>单位</b> & 子单位",
        "单位：元",
    ] {
        assert!(texts.iter().any(|x| x == t), "missing {t}: {texts:?}");
    }
    parse(&part(&bytes, "docProps/core.xml"));
}

#[test]
fn forbidden_characters_become_replacement_characters() {
    let mut s = example_sheet();
    s.projects[0].name = "租赁\u{1}费\u{FFFF}".into();
    s.projects[0].goals[0] = "目标\u{B}一\u{0}".into();
    s.overall.summary = Some("总体\u{1F}目标\u{FFFE}".into());
    s.department.name = "单位\u{8}".into();
    let bytes = jixiao::emit::docx::to_bytes(&s);
    for (name, xml) in unzip(&bytes) {
        let texts = parse(&xml);
        assert!(
            !xml.chars()
                .any(|c| (c < ' ' && !"\t\n\r".contains(c)) || c == '\u{FFFE}' || c == '\u{FFFF}'),
            "{name} holds a forbidden character"
        );
        if name == "word/document.xml" {
            for t in [
                "1、租赁\u{FFFD}费\u{FFFD}绩效目标表",
                "1、目标\u{FFFD}一\u{FFFD}",
                "总体\u{FFFD}目标\u{FFFD}",
            ] {
                assert!(texts.iter().any(|x| x == t), "missing {t}");
            }
        }
    }
    // The HTML page gets the same safety net.
    let html = jixiao::emit::html::to_string(&s);
    assert!(html.contains("租赁\u{FFFD}费\u{FFFD}"));
    assert!(!html.contains('\u{1}') && !html.contains('\u{FFFF}'));
}

/// Every example, by file name.
fn examples() -> Vec<(String, String)> {
    let out = common::sheets_in(&["examples"]);
    assert!(out.len() >= 3);
    out
}

/// In memory, failing every write and seek once `room` bytes are written.
struct Cramped {
    inner: std::io::Cursor<Vec<u8>>,
    room: u64,
}

impl std::io::Write for Cramped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let left = self.room.saturating_sub(self.inner.position());
        if left == 0 {
            return Err(std::io::Error::other("no room"));
        }
        let n = buf.len().min(left as usize);
        self.inner.write(&buf[..n])
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::io::Seek for Cramped {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        if self.inner.position() >= self.room {
            return Err(std::io::Error::other("no room"));
        }
        self.inner.seek(to)
    }
}

#[test]
fn the_document_written_into_a_file_is_to_bytes_for_every_example() {
    use std::io::Write;
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/test-scratch/emit-docx-file"
    );
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in examples() {
        let sheet = sheet_of(&name, &text);
        let bytes = jixiao::emit::docx::to_bytes(&sheet);
        let path = std::path::Path::new(dir).join(format!("{name}.docx"));
        let mut f = std::fs::File::create(&path).unwrap();
        jixiao::emit::docx::write(&sheet, std::io::BufWriter::new(&mut f)).unwrap();
        f.flush().unwrap();
        drop(f);
        assert!(std::fs::read(&path).unwrap() == bytes, "{name}");
        assert_eq!(unzip(&bytes).len(), 8, "{name}");
        // A file filling up part way: an error, never a panic.
        for room in [0, 100, bytes.len() as u64 / 2, bytes.len() as u64 - 1] {
            let w = Cramped {
                inner: std::io::Cursor::new(Vec::new()),
                room,
            };
            assert!(
                jixiao::emit::docx::write(&sheet, w).is_err(),
                "{name} {room}"
            );
        }
    }
}

/// An XML element with its attributes, children and text, for the checks
/// that need the structure of a part.
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    kids: Vec<El>,
    text: String,
}

impl El {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).map(String::as_str)
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.kids.iter().find(|k| k.name == name)
    }

    /// Every element named `name` under this one, in document order.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for k in &self.kids {
            if k.name == name {
                out.push(k);
            }
            k.all(name, out);
        }
    }

    fn every(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }

    /// The properties an element such as `w:pPr` or `w:rPr` sets, one entry
    /// per attribute of each leaf element (`w:spacing@w:before` → `120`),
    /// or the leaf's name alone (`w:keepNext` → ``).
    fn props(&self) -> BTreeMap<String, String> {
        fn walk(e: &El, path: &str, out: &mut BTreeMap<String, String>) {
            let path = if path.is_empty() {
                e.name.clone()
            } else {
                format!("{path}/{}", e.name)
            };
            if e.kids.is_empty() {
                if e.attrs.is_empty() {
                    out.insert(path.clone(), String::new());
                }
                for (k, v) in &e.attrs {
                    out.insert(format!("{path}@{k}"), v.clone());
                }
            }
            for k in &e.kids {
                walk(k, &path, out);
            }
        }
        let mut out = BTreeMap::new();
        for k in &self.kids {
            walk(k, "", &mut out);
        }
        out
    }

    /// The text of every `w:t` under this element.
    fn texts(&self) -> String {
        self.every("w:t").iter().map(|t| t.text.as_str()).collect()
    }
}

/// The element tree of an XML part (panics when it is not well-formed).
fn tree(xml: &str) -> El {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let open = |e: &quick_xml::events::BytesStart| El {
        name: e.name().into_inner().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    a.key.into_inner().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        kids: Vec::new(),
        text: String::new(),
    };
    let mut stack = vec![El {
        name: String::new(),
        attrs: BTreeMap::new(),
        kids: Vec::new(),
        text: String::new(),
    }];
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().kids.push(open(&e)),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().kids.push(done);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => {
                let name: &str = g.as_ref();
                let c = match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                stack.last_mut().unwrap().text.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1);
    stack.pop().unwrap().kids.pop().unwrap()
}

/// `word/styles.xml` by style id, with the document defaults.
struct Styles {
    root: El,
}

impl Styles {
    fn of(bytes: &[u8]) -> Styles {
        Styles {
            root: tree(&part(bytes, "word/styles.xml")),
        }
    }

    fn style(&self, id: &str) -> &El {
        self.root
            .kids
            .iter()
            .find(|s| s.name == "w:style" && s.attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("no style {id}"))
    }

    fn ids(&self, kind: &str) -> Vec<&str> {
        self.root
            .kids
            .iter()
            .filter(|s| s.name == "w:style" && s.attr("w:type") == Some(kind))
            .filter_map(|s| s.attr("w:styleId"))
            .collect()
    }

    /// A paragraph style and the styles it is based on, base first.
    fn chain(&self, id: &str) -> Vec<&El> {
        let mut out = vec![self.style(id)];
        while let Some(base) = out[0].child("w:basedOn") {
            out.insert(0, self.style(base.attr("w:val").unwrap()));
        }
        out
    }

    /// What a paragraph shows: its paragraph and run properties, from the
    /// document defaults through its style's chain to its own.
    fn effective(&self, p: &El) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
        let defaults = self.root.child("w:docDefaults").unwrap();
        let of = |e: Option<&El>, name: &str| {
            e.and_then(|e| e.child(name))
                .map(El::props)
                .unwrap_or_default()
        };
        let mut ppr = of(defaults.child("w:pPrDefault"), "w:pPr");
        let mut rpr = of(defaults.child("w:rPrDefault"), "w:rPr");
        let own = p.child("w:pPr").map(El::props).unwrap_or_default();
        let id = own.get("w:pStyle@w:val").map_or("Normal", String::as_str);
        for s in self.chain(id) {
            ppr.extend(of(Some(s), "w:pPr"));
            rpr.extend(of(Some(s), "w:rPr"));
        }
        ppr.extend(own);
        // Runs state nothing of their own (checked elsewhere).
        (ppr, rpr)
    }
}

/// The paragraphs of document.xml as (style, text), tables included.
fn paragraphs(doc: &El) -> Vec<(String, String)> {
    doc.every("w:p")
        .into_iter()
        .map(|p| {
            let style = p
                .child("w:pPr")
                .and_then(|ppr| ppr.child("w:pStyle"))
                .and_then(|s| s.attr("w:val"))
                .unwrap_or("")
                .to_string();
            (style, p.texts())
        })
        .collect()
}

#[test]
fn styles_define_word_headings_and_one_table_style() {
    let bytes = jixiao::emit::docx::to_bytes(&example_sheet());
    let styles = Styles::of(&bytes);
    // The built-in ids and names, so that Word knows them as its own, and
    // outline levels, so that its navigation pane lists them.
    for (id, name, level) in [
        ("Heading1", "heading 1", Some("0")),
        ("Heading2", "heading 2", Some("1")),
        ("Title", "Title", None),
    ] {
        let s = styles.style(id);
        assert_eq!(s.attr("w:type"), Some("paragraph"));
        assert_eq!(s.child("w:name").unwrap().attr("w:val"), Some(name));
        let ppr = s.child("w:pPr").unwrap().props();
        assert_eq!(
            ppr.get("w:outlineLvl@w:val").map(String::as_str),
            level,
            "{id}"
        );
        let rpr = s.child("w:rPr").unwrap().props();
        assert_eq!(rpr["w:rFonts@w:eastAsia"], "黑体", "{id}");
        assert_eq!(rpr["w:rFonts@w:ascii"], "Times New Roman", "{id}");
    }
    // Exactly one table style besides Word's default one, with the borders
    // and cell margins every table shows.
    assert_eq!(styles.ids("table"), ["TableNormal", "JixiaoTable"]);
    assert_eq!(styles.style("TableNormal").attr("w:default"), Some("1"));
    let table = styles.style("JixiaoTable");
    assert_eq!(
        table.child("w:basedOn").unwrap().attr("w:val"),
        Some("TableNormal")
    );
    let tbl = table.child("w:tblPr").unwrap().props();
    for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let at = |a: &str| tbl[&format!("w:tblBorders/w:{edge}@w:{a}")].as_str();
        assert_eq!(
            (at("val"), at("sz"), at("color")),
            ("single", "4", "000000"),
            "{edge}"
        );
    }
    assert_eq!(tbl["w:tblCellMar/w:left@w:w"], "57");
    assert_eq!(tbl["w:tblCellMar/w:right@w:w"], "57");
    // The body font is the documents' default.
    let defaults = styles.root.child("w:docDefaults").unwrap().props();
    assert_eq!(defaults["w:rPrDefault/w:rPr/w:rFonts@w:eastAsia"], "仿宋");
}

#[test]
fn every_table_names_the_table_style_and_no_cell_repeats_borders() {
    for sheet in [example_sheet(), sheet_of("hostile.jx", HOSTILE)] {
        let doc = part(&jixiao::emit::docx::to_bytes(&sheet), "word/document.xml");
        let root = tree(&doc);
        let tbls = root.every("w:tbl");
        assert!(!tbls.is_empty());
        for t in tbls {
            let style = t.child("w:tblPr").and_then(|p| p.child("w:tblStyle"));
            assert_eq!(style.and_then(|s| s.attr("w:val")), Some("JixiaoTable"));
        }
        for repeated in ["w:tcBorders", "w:tblBorders", "w:tblCellMar"] {
            assert!(root.every(repeated).is_empty(), "{repeated}");
        }
    }
}

#[test]
fn runs_state_no_fonts_their_styles_do() {
    for sheet in [example_sheet(), sheet_of("hostile.jx", HOSTILE)] {
        let bytes = jixiao::emit::docx::to_bytes(&sheet);
        let doc = part(&bytes, "word/document.xml");
        // No run repeats a font, a size or anything else of its style.
        for repeated in ["<w:rPr>", "<w:rFonts", "<w:sz ", "<w:b/>"] {
            assert_eq!(doc.matches(repeated).count(), 0, "{repeated}");
        }
        // And every style a paragraph names is defined.
        let styles = Styles::of(&bytes);
        let defined = styles.ids("paragraph");
        for (style, text) in paragraphs(&tree(&doc)) {
            assert!(
                style.is_empty() || defined.contains(&style.as_str()),
                "{style} of {text}"
            );
        }
    }
}

#[test]
fn headings_are_word_headings() {
    let doc = part(
        &jixiao::emit::docx::to_bytes(&example_sheet()),
        "word/document.xml",
    );
    let ps = paragraphs(&tree(&doc));
    let with = |style: &str| -> Vec<&str> {
        ps.iter()
            .filter(|(s, _)| s == style)
            .map(|(_, t)| t.as_str())
            .collect()
    };
    assert_eq!(with("Title"), ["2020年部门预算绩效信息"]);
    assert_eq!(
        with("Heading1"),
        ["第一部分 部门整体绩效目标", "第二部分 预算项目绩效目标"]
    );
    let level2 = with("Heading2");
    assert_eq!(level2.len(), 3 + 9);
    assert_eq!(level2[0], "（一）总体绩效目标：");
    assert_eq!(level2[3], "1、“创意之家”租赁费绩效目标表");
    assert_eq!(level2[11], "9、综合办公楼水电费绩效目标表");
    // Labels and headers of the tables are header cells, data plain text.
    let header = with("TableHeader");
    for label in ["项目编码", "预算数", "一级指标", "3月底", "绩效目标"] {
        assert!(header.contains(&label), "{label}");
    }
    let text = with("TableText");
    for value in ["430-0502-JBN-GG1U", "78.00", "≥90%", "长期使用性"] {
        assert!(text.contains(&value), "{value}");
    }
}

/// Fonts, sizes and alignment as the document printed them when every run
/// carried its own font: each kind of paragraph resolved through the
/// styles.
#[test]
fn paragraphs_resolve_to_the_fonts_sizes_and_alignment_printed_before() {
    let bytes = jixiao::emit::docx::to_bytes(&example_sheet());
    let styles = Styles::of(&bytes);
    let root = tree(&part(&bytes, "word/document.xml"));
    let ps = root.every("w:p");
    let find = |text: &str| {
        let p = ps
            .iter()
            .find(|p| p.texts() == text)
            .unwrap_or_else(|| panic!("no paragraph {text}"));
        styles.effective(p)
    };
    // text, East Asian font, size in half-points, alignment
    for (text, font, size, jc) in [
        ("2020年部门预算绩效信息", "黑体", "44", "center"),
        ("秦皇岛市北戴河区机关事务管理局", "仿宋", "32", "center"),
        ("第一部分 部门整体绩效目标", "黑体", "32", "both"),
        ("（一）总体绩效目标：", "黑体", "28", "both"),
        ("1、“创意之家”租赁费绩效目标表", "黑体", "28", "center"),
        (
            "1.规章制度：组织制定实施本局各项规章制度的制定落实，各项先进集体、先进个人的考评表彰工作。",
            "仿宋",
            "28",
            "both",
        ),
        ("430002秦皇岛市北戴河区机关事务管理局单位：万元", "仿宋", "24", "both"),
        ("项目编码", "黑体", "21", "center"),
        ("430-0502-JBN-GG1U", "仿宋", "21", "center"),
        ("“创意之家”租赁费", "仿宋", "21", "left"),
        ("≥90%", "仿宋", "21", "center"),
        ("根据合同支付2020年“创意之家”租赁费。", "仿宋", "21", "left"),
    ] {
        let (ppr, rpr) = find(text);
        assert_eq!(rpr["w:rFonts@w:eastAsia"], font, "{text}");
        assert_eq!(rpr["w:rFonts@w:ascii"], "Times New Roman", "{text}");
        assert_eq!(rpr["w:rFonts@w:hAnsi"], "Times New Roman", "{text}");
        assert_eq!(rpr["w:rFonts@w:hint"], "eastAsia", "{text}");
        assert_eq!(rpr["w:sz@w:val"], size, "{text}");
        assert_eq!(rpr["w:szCs@w:val"], size, "{text}");
        assert!(!rpr.contains_key("w:b"), "{text}");
        assert_eq!(ppr["w:jc@w:val"], jc, "{text}");
    }
    // A project's heading: the spacing of the old table heading, on a page
    // of its own from the second one.
    let (ppr, _) = find("1、“创意之家”租赁费绩效目标表");
    assert_eq!(
        (
            ppr["w:spacing@w:before"].as_str(),
            ppr["w:spacing@w:after"].as_str()
        ),
        ("120", "240")
    );
    assert!(ppr.contains_key("w:keepNext") && !ppr.contains_key("w:pageBreakBefore"));
    assert_eq!(ppr["w:outlineLvl@w:val"], "1");
    let (ppr, _) = find("2、公务用车制度改革费绩效目标表");
    assert!(ppr.contains_key("w:pageBreakBefore"));
}
