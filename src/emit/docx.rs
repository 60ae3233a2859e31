//! DOCX output: a minimal, valid Office Open XML document, written by hand
//! from the shared table layout. A4 pages, 黑体 headings and 仿宋 body text
//! as East Asian fonts, tables with a column grid and merged cells
//! (`w:gridSpan`, `w:vMerge` with a continuation cell in every covered row).
//! The zip entries are written in a fixed order with a fixed date
//! (1980-01-01), so the same sheet always gives the same bytes.

use super::layout::{self, Align, Head, Role, Table};
use super::sink::{Escaped, Sink};
use crate::model::Sheet;
use std::fmt::Write as _;
use std::io::{Seek, SeekFrom, Write};

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Left and right margins (2.5 cm); top and bottom (2.54 cm).
const MARGIN_X: u32 = 1418;
const MARGIN_Y: u32 = 1440;
/// The text width, which the tables fill.
const TEXT_W: u32 = PAGE_W - 2 * MARGIN_X;

const BODY_FONT: &str = "仿宋";
const HEADING_FONT: &str = "黑体";
const LATIN_FONT: &str = "Times New Roman";

/// The whole document as the bytes of a .docx file.
pub fn to_bytes(sheet: &Sheet) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    // Writing to memory cannot fail.
    let _ = write(sheet, &mut bytes);
    bytes.into_inner()
}

/// The same bytes as `to_bytes`, written into `w` as they are produced;
/// `word/document.xml` is rendered one project table at a time. The zip
/// writer seeks back to complete each entry's header, hence `Seek`; `w`
/// should buffer (a `BufWriter` flushes before it seeks).
pub fn write<W: Write + Seek>(sheet: &Sheet, w: W) -> std::io::Result<()> {
    write_holding(sheet, w, HOLD)
}

/// How much of `word/document.xml` the compressor is always offered, but at
/// the end. Its output depends on where its input runs short within a call;
/// a call stops when its 32 KiB output buffer is full, which takes at most
/// 1.5 MiB of the bench inputs' text (more than 4 MiB only where the text
/// compresses over 128 to 1). Never short of input, it gives the bytes of
/// the whole document at once, as earlier versions wrote it.
const HOLD: usize = 4 << 20;

/// `write`, with the document passed on whenever more than `hold` bytes
/// are pending (`usize::MAX`: rendered whole first).
fn write_holding<W: Write + Seek>(sheet: &Sheet, w: W, hold: usize) -> std::io::Result<()> {
    let l = layout::head(sheet);
    let title = format!("{} {}", l.department, l.title);
    let mut zip = zip::ZipWriter::new(Latch::new(w)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let parts: [(&str, Option<String>); 8] = [
        ("[Content_Types].xml", Some(CONTENT_TYPES.to_string())),
        ("_rels/.rels", Some(ROOT_RELS.to_string())),
        ("docProps/app.xml", Some(APP.to_string())),
        ("docProps/core.xml", Some(core(&title))),
        ("word/document.xml", None),
        ("word/styles.xml", Some(styles())),
        ("word/settings.xml", Some(SETTINGS.to_string())),
        (
            "word/_rels/document.xml.rels",
            Some(DOCUMENT_RELS.to_string()),
        ),
    ];
    let written = (|| {
        for (name, text) in parts {
            zip.start_file(name, options).map_err(io_error)?;
            match text {
                Some(text) => zip.write_all(text.as_bytes())?,
                None => {
                    let mut o = Sink::holding(&mut zip, hold);
                    document(&mut o, &l, sheet);
                    o.finish()?;
                }
            }
        }
        std::io::Result::Ok(())
    })();
    // Finished even after a failure (the latch then discards it): a
    // `ZipWriter` dropped unfinished finishes itself and prints its own
    // failure on stderr.
    let finished = zip.finish().map_err(io_error);
    written?;
    finished?.into_inner()?.flush()
}

/// A zip error as the I/O error it wraps, when it is one (the message then
/// reads as for the other formats).
fn io_error(e: zip::result::ZipError) -> std::io::Error {
    match e {
        zip::result::ZipError::Io(e) => e,
        e => e.into(),
    }
}

/// The writer under the zip archive: the first error is returned, and from
/// then on writes and seeks only pretend to succeed, tracking the position,
/// so that the archive can always be finished.
struct Latch<W> {
    inner: W,
    failed: bool,
    pos: u64,
    len: u64,
}

impl<W: Write + Seek> Latch<W> {
    fn new(mut inner: W) -> std::io::Result<Self> {
        let pos = inner.stream_position()?;
        Ok(Latch {
            inner,
            failed: false,
            pos,
            len: pos,
        })
    }

    /// The writer, unless a write failed (in case an error was dropped on
    /// the way up).
    fn into_inner(self) -> std::io::Result<W> {
        if self.failed {
            return Err(std::io::Error::other("a write to the file failed"));
        }
        Ok(self.inner)
    }

    fn moved(&mut self, to: u64) {
        self.pos = to;
        self.len = self.len.max(to);
    }

    /// Keep the first error, other than an interruption (which is retried).
    fn fail(&mut self, e: std::io::Error) -> std::io::Error {
        if e.kind() != std::io::ErrorKind::Interrupted {
            self.failed = true;
        }
        e
    }
}

impl<W: Write + Seek> Write for Latch<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            self.moved(self.pos + buf.len() as u64);
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Ok(n) => {
                self.moved(self.pos + n as u64);
                Ok(n)
            }
            Err(e) => Err(self.fail(e)),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.inner.flush().map_err(|e| self.fail(e))
    }
}

impl<W: Write + Seek> Seek for Latch<W> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        if self.failed {
            let target = match to {
                SeekFrom::Start(n) => Some(n),
                SeekFrom::Current(d) => self.pos.checked_add_signed(d),
                SeekFrom::End(d) => self.len.checked_add_signed(d),
            }
            .ok_or(std::io::ErrorKind::InvalidInput)?;
            self.moved(target);
            return Ok(target);
        }
        match self.inner.seek(to) {
            Ok(n) => {
                self.moved(n);
                Ok(n)
            }
            Err(e) => Err(self.fail(e)),
        }
    }
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    "</Types>\n"
);

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>\n"
);

const DOCUMENT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>",
    "</Relationships>\n"
);

const APP: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" ",
    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">",
    "<Application>jixiao</Application><DocSecurity>0</DocSecurity></Properties>\n"
);

const SETTINGS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:zoom w:percent=\"100\"/>",
    "<w:defaultTabStop w:val=\"420\"/>",
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>",
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
    "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>",
    "</w:settings>\n"
);

/// Core properties: a title and a creator, no dates (they would change the
/// bytes from one build to the next).
fn core(title: &str) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>jixiao</dc:creator><dc:language>zh-CN</dc:language>\
         </cp:coreProperties>\n",
        esc(title)
    )
}

/// Run fonts: Latin text in Times New Roman, Chinese in `east_asia`.
fn fonts(east_asia: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{LATIN_FONT}\" w:hAnsi=\"{LATIN_FONT}\" w:eastAsia=\"{east_asia}\" w:cs=\"{LATIN_FONT}\" w:hint=\"eastAsia\"/>"
    )
}

/// A paragraph style; sizes in half-points.
fn para_style(
    id: &str,
    name: &str,
    font: &str,
    size: u32,
    ppr: &str,
    extra_rpr: &str,
    heading: Option<u32>,
) -> String {
    let outline = heading
        .map(|l| format!("<w:outlineLvl w:val=\"{l}\"/>"))
        .unwrap_or_default();
    let q = if heading.is_some() {
        "<w:qFormat/>"
    } else {
        ""
    };
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>{q}\
         <w:pPr>{ppr}{outline}</w:pPr><w:rPr>{}{extra_rpr}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
        fonts(font)
    )
}

fn styles() -> String {
    let mut s = String::new();
    s.push_str(XML_DECL);
    s.push_str(
        "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    let _ = write!(
        s,
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val=\"2\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>\
         <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"360\" w:lineRule=\"auto\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(BODY_FONT)
    );
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:widowControl w:val=\"0\"/></w:pPr><w:rPr>{}<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>",
        fonts(BODY_FONT)
    );
    s.push_str(&para_style(
        "Title",
        "Title",
        HEADING_FONT,
        44,
        "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"center\"/>",
        "",
        Some(0),
    ));
    s.push_str(&para_style(
        "Subtitle",
        "Subtitle",
        BODY_FONT,
        32,
        "<w:keepNext/><w:spacing w:after=\"480\"/><w:jc w:val=\"center\"/>",
        "",
        None,
    ));
    s.push_str(&para_style(
        "Heading1",
        "heading 1",
        HEADING_FONT,
        32,
        "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"240\"/>",
        "",
        Some(0),
    ));
    s.push_str(&para_style(
        "Heading2",
        "heading 2",
        HEADING_FONT,
        28,
        "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>",
        "",
        Some(1),
    ));
    s.push_str(&para_style(
        "Heading3",
        "heading 3",
        HEADING_FONT,
        28,
        "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"240\"/><w:jc w:val=\"center\"/>",
        "",
        Some(1),
    ));
    s.push_str(&para_style(
        "BodyText",
        "Body Text",
        BODY_FONT,
        28,
        "<w:spacing w:after=\"60\" w:line=\"440\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"560\"/>",
        "",
        None,
    ));
    s.push_str(&para_style(
        "TableMeta",
        "Table Meta",
        BODY_FONT,
        24,
        "<w:keepNext/><w:tabs><w:tab w:val=\"right\" w:pos=\"9070\"/></w:tabs><w:spacing w:after=\"60\"/>",
        "",
        None,
    ));
    s.push_str(&para_style(
        "TableText",
        "Table Text",
        BODY_FONT,
        21,
        "<w:spacing w:line=\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
        "",
        None,
    ));
    s.push_str(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
         <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style>",
    );
    s.push_str("<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr>");
    s.push_str(&borders("tblBorders", true));
    s.push_str("</w:tblPr></w:style>");
    s.push_str("</w:styles>\n");
    s
}

/// Single black borders on every edge (and the inner edges of a table).
fn borders(tag: &str, inner: bool) -> String {
    let mut s = format!("<w:{tag}>");
    let edges: &[&str] = if inner {
        &["top", "left", "bottom", "right", "insideH", "insideV"]
    } else {
        &["top", "left", "bottom", "right"]
    };
    for e in edges {
        let _ = write!(
            s,
            "<w:{e} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    let _ = write!(s, "</w:{tag}>");
    s
}

/// A run of text in a paragraph style, with an explicit font for the East
/// Asian text (some readers ignore style fonts on runs without one).
fn para(o: &mut Sink, style: &str, ppr: &str, text: &str, font: &str) {
    let _ = write!(o, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{ppr}</w:pPr>");
    run(o, text, font, "");
    o.push_str("</w:p>");
}

fn run(o: &mut Sink, text: &str, font: &str, rpr: &str) {
    if text.is_empty() {
        return;
    }
    let _ = write!(
        o,
        "<w:r><w:rPr>{}{rpr}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        fonts(font),
        e(text)
    );
}

/// `word/document.xml`, one project table at a time.
fn document(o: &mut Sink, l: &Head, sheet: &Sheet) {
    o.push_str(XML_DECL);
    o.push_str(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>",
    );
    para(o, "Title", "", &l.title, HEADING_FONT);
    para(o, "Subtitle", "", &l.department, BODY_FONT);
    if let Some(one) = &l.part_one {
        para(o, "Heading1", "", &one.heading, HEADING_FONT);
        for s in &one.sections {
            para(o, "Heading2", "", &s.heading, HEADING_FONT);
            for p in &s.paragraphs {
                para(o, "BodyText", "", p, BODY_FONT);
            }
            if let Some(t) = &s.table {
                table(o, t);
                para(o, "Normal", "", "", BODY_FONT);
            }
        }
    }
    for f in &l.facts {
        para(o, "BodyText", "", f, BODY_FONT);
    }
    if let Some(h) = &l.part_two_heading {
        para(o, "Heading1", "<w:pageBreakBefore/>", h, HEADING_FONT);
    }
    for (i, p) in layout::project_tables(sheet).enumerate() {
        // Each table starts on a page of its own (the first follows the
        // part heading, or the title when there is no part heading).
        let ppr = if i == 0 { "" } else { "<w:pageBreakBefore/>" };
        para(o, "Heading3", ppr, &p.heading, HEADING_FONT);
        o.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableMeta\"/></w:pPr>");
        run(o, &p.body_line, BODY_FONT, "");
        o.push_str("<w:r><w:tab/></w:r>");
        run(o, &p.unit_line, BODY_FONT, "");
        o.push_str("</w:p>");
        table(o, &p.table);
        // Word needs a paragraph between two tables and at the end of a cell
        // or a body; this one also keeps the next page break clean.
        o.push_str("<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:p>");
    }
    let _ = write!(
        o,
        "<w:sectPr><w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
         <w:pgMar w:top=\"{MARGIN_Y}\" w:right=\"{MARGIN_X}\" w:bottom=\"{MARGIN_Y}\" w:left=\"{MARGIN_X}\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>\
         <w:cols w:space=\"425\"/></w:sectPr>"
    );
    o.push_str("</w:body></w:document>\n");
}

/// Grid column widths in twips, adding up to the text width exactly.
fn twips(t: &Table) -> Vec<u32> {
    let mut out: Vec<u32> = t.columns.iter().map(|w| w * TEXT_W / 1000).collect();
    let used: u32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += TEXT_W - used;
    }
    out
}

fn table(o: &mut Sink, t: &Table) {
    let widths = twips(t);
    let _ = write!(
        o,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{TEXT_W}\" w:type=\"dxa\"/>\
         <w:jc w:val=\"center\"/>{}<w:tblLayout w:type=\"fixed\"/>\
         <w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>\
         <w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"0\"/></w:tblPr><w:tblGrid>",
        borders("tblBorders", true)
    );
    for w in &widths {
        let _ = write!(o, "<w:gridCol w:w=\"{w}\"/>");
    }
    o.push_str("</w:tblGrid>");
    let cell_borders = borders("tcBorders", false);
    for row in t.grid() {
        o.push_str("<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"454\"/></w:trPr>");
        for p in row {
            let c = p.cell;
            let w: u32 = widths[c.col..c.col + c.col_span].iter().sum();
            let _ = write!(o, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
            if c.col_span > 1 {
                let _ = write!(o, "<w:gridSpan w:val=\"{}\"/>", c.col_span);
            }
            if c.row_span > 1 {
                o.push_str(if p.first {
                    "<w:vMerge w:val=\"restart\"/>"
                } else {
                    "<w:vMerge/>"
                });
            }
            o.push_str(&cell_borders);
            o.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
            let jc = match c.align {
                Align::Center => "center",
                Align::Left => "left",
            };
            // Labels and headers in 黑体, as the page prints them.
            let font = match c.role {
                Role::Header | Role::Label => HEADING_FONT,
                Role::Value => BODY_FONT,
            };
            // A covered cell holds one empty paragraph; every cell needs one.
            let lines: &[String] = if p.first { &c.lines } else { &[] };
            if lines.is_empty() {
                let _ = write!(
                    o,
                    "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"{jc}\"/></w:pPr></w:p>"
                );
            }
            for line in lines {
                let _ = write!(
                    o,
                    "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"{jc}\"/></w:pPr>"
                );
                run(o, line, font, "");
                o.push_str("</w:p>");
            }
            o.push_str("</w:tc>");
        }
        o.push_str("</w:tr>");
    }
    o.push_str("</w:tbl>");
}

/// A text escaped for XML as it is formatted.
fn e(s: &str) -> Escaped<'_> {
    Escaped {
        text: s,
        apos: "&apos;",
    }
}

/// Escape a text for XML content and attributes, after replacing the
/// characters XML 1.0 forbids with U+FFFD.
pub fn esc(s: &str) -> String {
    e(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example with its projects repeated, each with a text that
    /// compresses little, so that a few MB of document need many calls of
    /// the compressor.
    fn large_sheet(projects: usize) -> Sheet {
        let src = include_str!("../../examples/beidaihe-2020.jx");
        let c = crate::compile(&crate::source::SourceFile::new("x.jx", src));
        let mut sheet = c.ok().cloned().unwrap();
        let base = sheet.projects.clone();
        let mut seed: u64 = 0x5EED;
        sheet.projects = (0..projects)
            .map(|i| {
                let mut p = base[i % base.len()].clone();
                let text: String = (0..1500)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                        char::from_u32(0x4E00 + (seed >> 33) as u32 % 2000).unwrap_or('好')
                    })
                    .collect();
                p.code = p.code.map(|c| format!("{c}-{i}"));
                p.purpose = Some(text);
                p
            })
            .collect();
        sheet
    }

    #[test]
    fn a_held_document_gives_the_bytes_of_the_whole_document() {
        let sheet = large_sheet(130);
        let whole = {
            let mut c = std::io::Cursor::new(Vec::new());
            write_holding(&sheet, &mut c, usize::MAX).unwrap();
            c.into_inner()
        };
        // One call of the compressor takes more than 256 KiB of these
        // projects' text at times (up to 1.5 MiB of the bench inputs'), so
        // holding 256 KiB would change the bytes.
        let hold = 512 * 1024;
        let mut doc = Vec::new();
        let mut o = Sink::new(&mut doc);
        document(&mut o, &layout::head(&sheet), &sheet);
        o.finish().unwrap();
        assert!(doc.len() > 8 * hold, "{}", doc.len());
        let mut held = std::io::Cursor::new(Vec::new());
        write_holding(&sheet, &mut held, hold).unwrap();
        assert!(held.into_inner() == whole);
        assert!(to_bytes(&sheet) == whole);
    }

    #[test]
    fn escapes_and_cleans() {
        assert_eq!(
            esc("a<b>&\"'\u{0}\u{FFFE}"),
            "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}\u{FFFD}"
        );
    }
}
