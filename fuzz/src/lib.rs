//! Helpers shared by the fuzz targets: turning fuzzer bytes into a sheet and
//! checking that what the emitters produce is well formed.

use jixiao::diag::{self, ColorChoice, Lang};
use jixiao::model::Sheet;
use jixiao::source::{Encoding, SourceFile};
use std::io::Read;

/// The fuzzer's bytes as a source file: UTF-8 as the CLI reads it; bytes that
/// are not UTF-8 go through the GB18030 decoder (as with `--encoding gb18030`)
/// and are skipped when that fails too.
pub fn source(data: &[u8]) -> Option<SourceFile> {
    SourceFile::decode("fuzz.jx", data, Encoding::Utf8)
        .or_else(|_| SourceFile::decode("fuzz.jx", data, Encoding::Gb18030))
        .ok()
}

/// Compile, render every diagnostic in every format and language, and check
/// the diagnostics' spans; return the sheet when it compiled without errors.
pub fn compile_checked(file: &SourceFile) -> Option<Sheet> {
    let compiled = jixiao::compile(file);
    // Each phase keeps at most MAX_KEPT diagnostics and one E010 counting
    // the rest (a parser and a checker: two phases).
    assert!(compiled.diagnostics.len() <= 2 * (diag::MAX_KEPT + 1));
    assert_eq!(
        compiled.errors + compiled.warnings,
        compiled.diagnostics.len()
    );
    let human = diag::HumanRenderer::new(file, &compiled.diagnostics, Lang::En, ColorChoice::Never);
    for d in &compiled.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= file.text.len(),
            "{d:?}"
        );
        assert!(file.text.is_char_boundary(d.span.start), "{d:?}");
        assert!(file.text.is_char_boundary(d.span.end), "{d:?}");
        let _ = human.render(d);
        let _ = diag::render_short(d, file, Lang::Zh);
        let _ = diag::render_json(d, file, Lang::En);
    }
    compiled.ok().cloned()
}

/// Characters XML 1.0 does not allow.
pub fn xml_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Parse an XML text completely; panic on the first well-formedness error.
pub fn assert_well_formed_xml(name: &str, xml: &str) {
    assert!(
        !xml.chars().any(xml_forbidden),
        "{name}: forbidden character"
    );
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let mut depth = 0i64;
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Text(t)) => {
                let _ = t.xml10_content();
            }
            Ok(quick_xml::events::Event::GeneralRef(g)) => {
                let entity: &str = g.as_ref();
                assert!(
                    matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
                        || entity.starts_with('#'),
                    "{name}: unknown entity &{entity};"
                );
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name}: not well-formed at {}: {e}", r.buffer_position()),
        }
        assert!(depth >= 0, "{name}: unbalanced");
    }
    assert_eq!(depth, 0, "{name}: unclosed elements");
}

/// Unzip a DOCX and check every XML part.
pub fn assert_valid_docx(bytes: &[u8]) {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("not a zip");
    let mut saw_document = false;
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("zip entry");
        let name = f.name().expect("entry name").to_string();
        let mut s = String::new();
        f.read_to_string(&mut s).expect("entry is not UTF-8");
        if name.ends_with(".xml") || name.ends_with(".rels") {
            assert_well_formed_xml(&name, &s);
        }
        saw_document |= name == "word/document.xml";
    }
    assert!(saw_document, "no word/document.xml");
}

/// Unzip an XLSX and check every XML part; the four worksheets are there.
pub fn assert_valid_xlsx(bytes: &[u8]) {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("not a zip");
    let mut sheets = 0;
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("zip entry");
        let name = f.name().expect("entry name").to_string();
        let mut s = String::new();
        f.read_to_string(&mut s).expect("entry is not UTF-8");
        if name.ends_with(".xml") || name.ends_with(".rels") {
            assert_well_formed_xml(&name, &s);
        }
        sheets += usize::from(name.starts_with("xl/worksheets/sheet"));
    }
    assert!(sheets >= 4, "{sheets} worksheets");
}

/// A zip of (name, bytes) parts, stored.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        z.start_file(*name, opts).expect("a part starts");
        z.write_all(bytes).expect("a part is written");
    }
    z.finish().expect("the package is written");
    out.into_inner()
}

/// A .docx whose `word/document.xml` is `xml`.
pub fn docx_of(xml: &[u8]) -> Vec<u8> {
    package(&[("word/document.xml", xml)])
}

/// A .xlsx whose one worksheet is `xml`, with a style sheet of a few number
/// formats (so that the formats' reader is fuzzed too).
pub fn xlsx_of(xml: &[u8]) -> Vec<u8> {
    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="绩效指标" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    const STYLES: &str = r##"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>"##;
    package(&[
        ("[Content_Types].xml", TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/styles.xml", STYLES.as_bytes()),
        ("xl/worksheets/sheet1.xml", xml),
    ])
}
