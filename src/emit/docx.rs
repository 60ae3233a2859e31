//! DOCX output: a minimal, valid Office Open XML document, written by hand
//! from the shared table layout. A4 pages, 黑体 headings and 仿宋 body text
//! as East Asian fonts, tables with a column grid and merged cells
//! (`w:gridSpan`, `w:vMerge` with a continuation cell in every covered row).
//! Fonts, sizes and borders live in named styles: Word's own Title and
//! heading styles (listed in its navigation pane), paragraph styles for body
//! text and table cells, and one table style. `document.xml` names a style
//! for every paragraph and table and states only what differs from it.
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
/// 512 KiB of the bench inputs' text at level 1 (more than 4 MiB only where
/// the text compresses over 128 to 1). Never short of input, it gives the
/// bytes of the whole document at once.
const HOLD: usize = 4 << 20;

/// Deflate's fastest level. `document.xml` is mostly the same few tags over
/// and over, which every level finds: on the bench sheets level 1 takes 40 %
/// of the instructions of the default level 6, for a file of 9.7 MB instead
/// of 4.9 MB from the 13 MB sheet (15.7 MB before the styles). The level and
/// the input alone decide the bytes.
const DEFLATE_LEVEL: i64 = 1;

/// How many projects (or thirds of indicators) make `document.xml` a zip64
/// entry: 4 GiB at 11 KB a project would be 390,000; texts can be longer.
const ZIP64_PROJECTS: usize = 50_000;

/// `write`, with the document passed on whenever more than `hold` bytes
/// are pending (`usize::MAX`: rendered whole first).
fn write_holding<W: Write + Seek>(sheet: &Sheet, w: W, hold: usize) -> std::io::Result<()> {
    let l = layout::head(sheet);
    let title = format!("{} {}", l.department, l.title);
    // document.xml takes about 11 KB a project (more with long texts): past
    // a bound far below 4 GiB / 11 KB it is written as a zip64 entry, which
    // a larger document needs. Decided by the sheet alone, so the same
    // sheet still gives the same bytes.
    let big = sheet.projects.len() + sheet.totals.indicators / 3 > ZIP64_PROJECTS;
    write_package(w, &title, big, hold, |o| document(o, &l, sheet))
}

/// A self-evaluation or monitoring form as the bytes of a .docx file: its
/// title, then each project's table on a page of its own.
pub fn evaluation_to_bytes(ev: &crate::model::Evaluation) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    // Writing to memory cannot fail.
    let _ = write_evaluation(ev, &mut bytes);
    bytes.into_inner()
}

/// The same bytes as `evaluation_to_bytes`, written into `w`.
pub fn write_evaluation<W: Write + Seek>(
    ev: &crate::model::Evaluation,
    w: W,
) -> std::io::Result<()> {
    let doc = super::eval_layout::eval_layout(ev);
    let title = format!("{} {}", doc.department, doc.title);
    let big = ev.projects.len() > ZIP64_PROJECTS;
    write_package(w, &title, big, HOLD, |o| evaluation_document(o, &doc))
}

/// The package around `word/document.xml`, which `body` writes.
fn write_package<W: Write + Seek>(
    w: W,
    title: &str,
    big: bool,
    hold: usize,
    body: impl FnOnce(&mut Sink<'_>),
) -> std::io::Result<()> {
    let mut zip = zip::ZipWriter::new(Latch::new(w)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let parts: [(&str, Option<String>); 8] = [
        ("[Content_Types].xml", Some(CONTENT_TYPES.to_string())),
        ("_rels/.rels", Some(ROOT_RELS.to_string())),
        ("docProps/app.xml", Some(APP.to_string())),
        ("docProps/core.xml", Some(core(title))),
        ("word/document.xml", None),
        ("word/styles.xml", Some(styles())),
        ("word/settings.xml", Some(SETTINGS.to_string())),
        (
            "word/_rels/document.xml.rels",
            Some(DOCUMENT_RELS.to_string()),
        ),
    ];
    let mut body = Some(body);
    let written = (|| {
        for (name, text) in parts {
            let options = options.large_file(big && text.is_none());
            zip.start_file(name, options).map_err(io_error)?;
            match text {
                Some(text) => zip.write_all(text.as_bytes())?,
                None => {
                    let mut o = Sink::holding(&mut zip, hold);
                    if let Some(body) = body.take() {
                        body(&mut o);
                    }
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

/// Fonts: Latin text in Times New Roman, Chinese in `east_asia`. The hint
/// makes the punctuation both scripts share (“ ” ‘ ’ …) East Asian too.
fn fonts(east_asia: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{LATIN_FONT}\" w:hAnsi=\"{LATIN_FONT}\" w:eastAsia=\"{east_asia}\" w:cs=\"{LATIN_FONT}\" w:hint=\"eastAsia\"/>"
    )
}

/// Run properties of a style: its East Asian font when it sets one, and
/// its size in half-points when it sets one.
fn style_rpr(font: Option<&str>, size: Option<u32>) -> String {
    let mut r = font.map(fonts).unwrap_or_default();
    if let Some(size) = size {
        let _ = write!(r, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
    }
    r
}

/// A paragraph style: its own paragraph and run properties, the rest
/// inherited from `based_on`. `quick` lists it in Word's style gallery.
fn para_style(
    s: &mut String,
    id: &str,
    name: &str,
    based_on: &str,
    ppr: &str,
    rpr: &str,
    quick: bool,
) {
    let q = if quick { "<w:qFormat/>" } else { "" };
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"{based_on}\"/>\
         <w:next w:val=\"Normal\"/>{q}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    );
}

/// The styles every paragraph and table of the document names. Fonts and
/// sizes live here only: `document.xml` states no run properties, so a
/// reader changing a style changes every paragraph in it.
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
         <w:pPr><w:widowControl w:val=\"0\"/></w:pPr><w:rPr>{}</w:rPr></w:style>",
        style_rpr(Some(BODY_FONT), Some(24))
    );
    let heading = Some(HEADING_FONT);
    let body = Some(BODY_FONT);
    para_style(
        &mut s,
        "Title",
        "Title",
        "Normal",
        "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"center\"/>",
        &style_rpr(heading, Some(44)),
        true,
    );
    para_style(
        &mut s,
        "Subtitle",
        "Subtitle",
        "Normal",
        "<w:keepNext/><w:spacing w:after=\"480\"/><w:jc w:val=\"center\"/>",
        &style_rpr(body, Some(32)),
        false,
    );
    // The outline levels put the parts (level 0) and the sections and
    // project tables (level 1) in Word's navigation pane.
    para_style(
        &mut s,
        "Heading1",
        "heading 1",
        "Normal",
        "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"240\"/><w:outlineLvl w:val=\"0\"/>",
        &style_rpr(heading, Some(32)),
        true,
    );
    para_style(
        &mut s,
        "Heading2",
        "heading 2",
        "Normal",
        "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>",
        &style_rpr(heading, Some(28)),
        true,
    );
    para_style(
        &mut s,
        "BodyText",
        "Body Text",
        "Normal",
        "<w:spacing w:after=\"60\" w:line=\"440\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"560\"/>",
        &style_rpr(body, Some(28)),
        false,
    );
    para_style(
        &mut s,
        "TableMeta",
        "Table Meta",
        "Normal",
        "<w:keepNext/><w:tabs><w:tab w:val=\"right\" w:pos=\"9070\"/></w:tabs><w:spacing w:after=\"60\"/>",
        &style_rpr(body, Some(24)),
        false,
    );
    para_style(
        &mut s,
        "TableText",
        "Table Text",
        "Normal",
        "<w:spacing w:line=\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
        &style_rpr(body, Some(21)),
        false,
    );
    // Labels and column headers: 黑体 and centred, as the page prints them.
    para_style(
        &mut s,
        "TableHeader",
        "Table Header",
        "TableText",
        "<w:jc w:val=\"center\"/>",
        &style_rpr(heading, None),
        false,
    );
    s.push_str(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
         <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style>",
    );
    // The one style of every table: single black borders on every edge,
    // inner ones included, and narrow cell margins.
    let _ = write!(
        s,
        "<w:style w:type=\"table\" w:styleId=\"{TABLE_STYLE}\"><w:name w:val=\"Jixiao Table\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>",
    );
    for e in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            s,
            "<w:{e} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    s.push_str(
        "</w:tblBorders><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr></w:style>",
    );
    s.push_str("</w:styles>\n");
    s
}

/// A paragraph of one run in a style; `ppr` holds what differs from it.
fn para(o: &mut Sink, style: &str, ppr: &str, text: &str) {
    o.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
    o.push_str(style);
    o.push_str("\"/>");
    o.push_str(ppr);
    o.push_str("</w:pPr>");
    run(o, text);
    o.push_str("</w:p>");
}

/// A run with no properties of its own: its paragraph's style says all.
fn run(o: &mut Sink, text: &str) {
    if text.is_empty() {
        return;
    }
    let b = text.as_bytes();
    // Most cell texts need neither escapes nor kept spaces: one scan finds
    // the first byte that may, and the rest is looked at only then.
    match b.iter().position(|&c| BYTE_CLASS[c as usize] != 0) {
        None => {
            o.push_str("<w:r><w:t>");
            o.push_str(text);
        }
        Some(at) => {
            // Without `xml:space`, readers may drop leading, trailing and
            // repeated spaces; text without any keeps the shorter form.
            let spaced = b
                .get(at..)
                .is_some_and(|r| r.iter().any(|&c| BYTE_CLASS[c as usize] & SPACE != 0));
            o.push_str(if spaced {
                "<w:r><w:t xml:space=\"preserve\">"
            } else {
                "<w:r><w:t>"
            });
            escape_into(o, text, at);
        }
    }
    o.push_str("</w:t></w:r>");
}

/// A byte XML may collapse (a space, tab or line break).
const SPACE: u8 = 1;
/// A byte to look at closer: markup, or the first byte of a character XML
/// may forbid (controls, DEL and C1 controls start with C2, noncharacters
/// with EF or F0–F4).
const CLOSER: u8 = 2;

/// `SPACE` and `CLOSER` for every byte value.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b' ' | b'\t' | b'\n' | b'\r' => SPACE,
            0..=0x1F | 0x7F | b'&' | b'<' | b'>' | b'"' | b'\'' => CLOSER,
            0xC2 | 0xEF | 0xF0..=0xF4 => CLOSER,
            _ => 0,
        };
        i += 1;
    }
    t
};

/// `word/document.xml`, one project table at a time.
fn document(o: &mut Sink, l: &Head, sheet: &Sheet) {
    o.push_str(XML_DECL);
    o.push_str(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>",
    );
    para(o, "Title", "", &l.title);
    para(o, "Subtitle", "", &l.department);
    if let Some(one) = &l.part_one {
        para(o, "Heading1", "", &one.heading);
        for s in &one.sections {
            para(o, "Heading2", "", &s.heading);
            for p in &s.paragraphs {
                para(o, "BodyText", "", p);
            }
            if let Some(t) = &s.table {
                table(o, t);
                para(o, "Normal", "", "");
            }
        }
    }
    for f in &l.facts {
        para(o, "BodyText", "", f);
    }
    if let Some(h) = &l.part_two_heading {
        para(o, "Heading1", "<w:pageBreakBefore/>", h);
    }
    for (i, p) in layout::project_tables(sheet).enumerate() {
        // Each table starts on a page of its own (the first follows the
        // part heading, or the title when there is no part). A project's
        // heading is a level-2 heading, printed centred with its own spacing.
        let ppr = if i == 0 {
            PROJECT_HEADING
        } else {
            PROJECT_HEADING_NEW_PAGE
        };
        para(o, "Heading2", ppr, &p.heading);
        o.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableMeta\"/></w:pPr>");
        run(o, &p.body_line);
        o.push_str("<w:r><w:tab/></w:r>");
        run(o, &p.unit_line);
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

/// `word/document.xml` of a self-evaluation or monitoring form.
fn evaluation_document(o: &mut Sink, doc: &super::eval_layout::EvalDoc) {
    o.push_str(XML_DECL);
    o.push_str(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>",
    );
    para(o, "Title", "", &doc.title);
    para(o, "Subtitle", "", &doc.department);
    for f in &doc.fields {
        para(o, "Subtitle", "", f);
    }
    for (i, t) in doc.tables.iter().enumerate() {
        let ppr = if i == 0 {
            PROJECT_HEADING
        } else {
            PROJECT_HEADING_NEW_PAGE
        };
        para(o, "Heading2", ppr, &t.heading);
        o.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableMeta\"/></w:pPr>");
        run(o, &t.body_line);
        o.push_str("<w:r><w:tab/></w:r>");
        run(o, &t.unit_line);
        o.push_str("</w:p>");
        table(o, &t.table);
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

/// How a project's heading differs from Heading2.
const PROJECT_HEADING: &str =
    "<w:spacing w:before=\"120\" w:after=\"240\"/><w:jc w:val=\"center\"/>";
const PROJECT_HEADING_NEW_PAGE: &str =
    "<w:pageBreakBefore/><w:spacing w:before=\"120\" w:after=\"240\"/><w:jc w:val=\"center\"/>";

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
    // Borders and cell margins come from the table style.
    let _ = write!(
        o,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"{TABLE_STYLE}\"/><w:tblW w:w=\"{TEXT_W}\" w:type=\"dxa\"/>\
         <w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/>\
         <w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"0\"/></w:tblPr><w:tblGrid>"
    );
    for w in &widths {
        let _ = write!(o, "<w:gridCol w:w=\"{w}\"/>");
    }
    o.push_str("</w:tblGrid>");
    let mut num = [0u8; 10];
    for row in t.grid() {
        o.push_str("<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"454\"/></w:trPr>");
        for p in row {
            let c = p.cell;
            let w: u32 = widths
                .get(c.col..c.col + c.col_span)
                .map_or(0, |ws| ws.iter().sum());
            o.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
            o.push_str(decimal(&mut num, w));
            o.push_str("\" w:type=\"dxa\"/>");
            if c.col_span > 1 {
                o.push_str("<w:gridSpan w:val=\"");
                o.push_str(decimal(&mut num, c.col_span as u32));
                o.push_str("\"/>");
            }
            if c.row_span > 1 {
                o.push_str(if p.first {
                    "<w:vMerge w:val=\"restart\"/>"
                } else {
                    "<w:vMerge/>"
                });
            }
            o.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
            // The style by role; the alignment only where it differs from
            // the style's.
            let (style, own) = match c.role {
                Role::Header | Role::Label => (
                    "<w:p><w:pPr><w:pStyle w:val=\"TableHeader\"/>",
                    Align::Center,
                ),
                Role::Value => ("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>", Align::Left),
            };
            let jc = match (c.align, own) {
                (Align::Center, Align::Left) => "<w:jc w:val=\"center\"/>",
                (Align::Left, Align::Center) => "<w:jc w:val=\"left\"/>",
                _ => "",
            };
            // A covered cell holds one empty paragraph; every cell needs one.
            let lines: &[String] = if p.first { &c.lines } else { &[] };
            if lines.is_empty() {
                o.push_str(style);
                o.push_str(jc);
                o.push_str("</w:pPr></w:p>");
            }
            for line in lines {
                o.push_str(style);
                o.push_str(jc);
                o.push_str("</w:pPr>");
                run(o, line);
                o.push_str("</w:p>");
            }
            o.push_str("</w:tc>");
        }
        o.push_str("</w:tr>");
    }
    o.push_str("</w:tbl>");
}

/// The style every table names.
const TABLE_STYLE: &str = "JixiaoTable";

/// `n` in decimal, written into `buf` (cells are many: no formatter).
fn decimal(buf: &mut [u8; 10], mut n: u32) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

/// Write `s` escaped for XML, as `esc` does, without a formatter; the
/// bytes before `from` need nothing. Stretches that need nothing are
/// copied whole.
fn escape_into(o: &mut Sink, s: &str, from: usize) {
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = from;
    while let Some(&c) = b.get(i) {
        if BYTE_CLASS[c as usize] & CLOSER == 0 {
            i += 1;
            continue;
        }
        let (by, len) = match c {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            _ => match s.get(i..).and_then(|r| r.chars().next()) {
                Some(ch) if crate::source::is_forbidden_char(ch) => ("\u{FFFD}", ch.len_utf8()),
                _ => {
                    i += 1;
                    continue;
                }
            },
        };
        o.push_str(s.get(start..i).unwrap_or_default());
        o.push_str(by);
        i += len;
        start = i;
    }
    o.push_str(s.get(start..).unwrap_or_default());
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
        let sheet = large_sheet(300);
        let whole = {
            let mut c = std::io::Cursor::new(Vec::new());
            write_holding(&sheet, &mut c, usize::MAX).unwrap();
            c.into_inner()
        };
        let held = |hold: usize| {
            let mut c = std::io::Cursor::new(Vec::new());
            write_holding(&sheet, &mut c, hold).unwrap();
            c.into_inner()
        };
        // One call of the compressor takes more than 64 KiB of these
        // projects' text at times (and more than 256 KiB of the bench
        // inputs'), so holding 64 KiB changes the bytes; 512 KiB does not.
        let hold = 512 * 1024;
        let mut doc = Vec::new();
        let mut o = Sink::new(&mut doc);
        document(&mut o, &layout::head(&sheet), &sheet);
        o.finish().unwrap();
        assert!(doc.len() > 8 * hold, "{}", doc.len());
        assert!(held(64 * 1024) != whole);
        assert!(held(hold) == whole);
        assert!(to_bytes(&sheet) == whole);
    }

    /// What `run` writes for `text`.
    fn run_of(text: &str) -> String {
        let mut v = Vec::new();
        let mut o = Sink::new(&mut v);
        run(&mut o, text);
        o.finish().unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn runs_escape_as_esc_does_and_keep_spaces_only_where_there_are_some() {
        for text in [
            "好",
            "≥90%",
            "（一）总体：，。",
            "a<b>&\"'",
            "租赁\u{1}费\u{FFFF}",
            "\u{85}\u{A0}\u{FDD0}\u{FDEF}\u{FFFD}\u{FEFF}\u{1FFFE}\u{1F600}\u{7F}",
            "\u{FFFE}",
            "末尾\u{FDD0}",
        ] {
            assert_eq!(run_of(text), format!("<w:r><w:t>{}</w:t></w:r>", esc(text)));
        }
        for text in [" 前", "后 ", "a  b", "第一部分 部门", "制\t表", "<a> & b"] {
            assert_eq!(
                run_of(text),
                format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text))
            );
        }
        assert_eq!(run_of(""), "");
    }

    #[test]
    fn escapes_and_cleans() {
        assert_eq!(
            esc("a<b>&\"'\u{0}\u{FFFE}"),
            "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}\u{FFFD}"
        );
    }
}
