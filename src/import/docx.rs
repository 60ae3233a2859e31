//! Word (.docx) to the grid: `word/document.xml` read with quick-xml.
//! Body paragraphs become paragraphs; `w:tbl` tables become tables, with
//! `w:gridSpan` (columns), `w:vMerge` (a `restart` cell continued by the
//! cells below it), the legacy `w:hMerge` (a `restart` cell continued by the
//! cells to its right) and `w:gridBefore` resolved; the paragraphs of a cell are
//! its lines, `w:br` a line break and `w:tab` a tab. A table inside a cell
//! is read into the cell's lines. Text boxes' alternative content is read
//! once (`mc:Fallback` is skipped).

use super::error::ImportError;
use super::grid::{self, tidy, Block, Grid, Origin, Para, RawCell};
use quick_xml::events::{BytesStart, Event};

/// Read `word/document.xml` (already unzipped).
pub fn read(xml: &str) -> Result<Grid, ImportError> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = false;
    let mut b = Builder::default();
    let mut skip_depth = 0usize;
    loop {
        let event = r
            .read_event()
            .map_err(|e| ImportError::Damaged(format!("word/document.xml: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = local(&e);
                if skip_depth > 0 || name == "Fallback" {
                    skip_depth += 1;
                    continue;
                }
                b.start(&name, &e, false);
            }
            Event::Empty(e) if skip_depth == 0 => b.start(&local(&e), &e, true),
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = e.local_name().as_ref().to_string();
                b.end(&name);
            }
            Event::Text(t) if skip_depth == 0 && b.in_text => b.push(&t.xml10_content()),
            Event::CData(t) if skip_depth == 0 && b.in_text => b.push(&t.xml10_content()),
            Event::GeneralRef(g) if skip_depth == 0 && b.in_text => {
                let name: &str = g.as_ref();
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match name {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    b.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }
    Ok(b.finish())
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// The `w:val` of an element, if any.
fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        (key == "w:val" || key == "val" || key.ends_with(":val")).then(|| a.value.to_string())
    })
}

#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<RawCell>>,
    row: Option<Vec<RawCell>>,
    /// The cell open now and its lines so far.
    cell: Option<(RawCell, Vec<String>)>,
    /// `w:gridBefore` of the row open now.
    before: usize,
    /// The cell open now continues the one to its left (`w:hMerge`).
    h_continues: bool,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    paras: usize,
    tables: usize,
    open: Vec<OpenTable>,
    /// The paragraph being read, and how deep paragraphs nest (a text box
    /// holds paragraphs inside a paragraph).
    para: String,
    p_depth: usize,
    /// Inside `w:t`, whose text is the document's text.
    in_text: bool,
    /// Inside a run (`w:r`): where `w:tab` and `w:br` are characters, not
    /// tab stops.
    r_depth: usize,
}

impl Builder {
    fn push(&mut self, s: &str) {
        self.para.push_str(s);
    }

    fn start(&mut self, name: &str, e: &BytesStart<'_>, empty: bool) {
        match name {
            "tbl" if !empty => self.open.push(OpenTable::default()),
            "tr" if !empty => {
                self.close_row();
                if let Some(t) = self.open.last_mut() {
                    t.row = Some(Vec::new());
                    t.before = 0;
                }
            }
            "gridBefore" => {
                if let Some(t) = self.open.last_mut() {
                    t.before = val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            "tc" if !empty => {
                self.close_cell();
                if let Some(t) = self.open.last_mut() {
                    let before = std::mem::take(&mut t.before);
                    let cell = RawCell {
                        row_span: 1,
                        col_span: 1,
                        skip_before: before,
                        ..RawCell::default()
                    };
                    t.row.get_or_insert_with(Vec::new);
                    t.cell = Some((cell, Vec::new()));
                    t.h_continues = false;
                }
            }
            "gridSpan" => {
                if let Some((cell, _)) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.col_span = val(e).and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
                }
            }
            "hMerge" => {
                if let Some(t) = self.open.last_mut() {
                    t.h_continues = t.cell.is_some() && val(e).is_none_or(|v| v != "restart");
                }
            }
            "vMerge" => {
                if let Some((cell, _)) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.continues = val(e).is_none_or(|v| v != "restart");
                }
            }
            "p" if !empty => {
                if self.p_depth > 0 {
                    self.para.push('\n');
                }
                self.p_depth += 1;
            }
            "p" if self.p_depth == 0 => self.end_paragraph_at_depth_zero(),
            "p" => self.para.push('\n'),
            "r" if !empty => self.r_depth += 1,
            "t" if !empty => self.in_text = true,
            "tab" if self.r_depth > 0 => self.para.push('\t'),
            "br" | "cr" if self.r_depth > 0 => self.para.push('\n'),
            "noBreakHyphen" if self.r_depth > 0 => self.para.push('-'),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "r" => self.r_depth = self.r_depth.saturating_sub(1),
            "p" => {
                self.p_depth = self.p_depth.saturating_sub(1);
                if self.p_depth == 0 {
                    self.end_paragraph_at_depth_zero();
                }
            }
            "tc" => self.close_cell(),
            "tr" => self.close_row(),
            "tbl" => self.close_table(),
            _ => {}
        }
    }

    /// A paragraph ends: a line of the open cell, or a body paragraph.
    fn end_paragraph_at_depth_zero(&mut self) {
        let text = std::mem::take(&mut self.para);
        match self.open.last_mut() {
            Some(t) => {
                if let Some((_, lines)) = t.cell.as_mut() {
                    lines.push(text);
                }
            }
            None => {
                let text = tidy(&text);
                if !text.is_empty() {
                    self.paras += 1;
                    self.blocks.push(Block::Para(Para {
                        text,
                        origin: Origin::Paragraph { n: self.paras },
                    }));
                }
            }
        }
    }

    fn close_cell(&mut self) {
        if let Some(t) = self.open.last_mut() {
            if let Some((mut cell, lines)) = t.cell.take() {
                cell.text = tidy(&lines.join("\n"));
                let row = t.row.get_or_insert_with(Vec::new);
                // A continued cell widens the one on its left.
                match row.last_mut() {
                    Some(left) if std::mem::take(&mut t.h_continues) => {
                        left.col_span += cell.col_span + cell.skip_before;
                        if !cell.text.is_empty() {
                            left.text = tidy(&format!("{}\n{}", left.text, cell.text));
                        }
                    }
                    _ => row.push(cell),
                }
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(t) = self.open.last_mut() {
            if let Some(row) = t.row.take() {
                t.rows.push(row);
            }
        }
    }

    fn close_table(&mut self) {
        self.close_row();
        let Some(t) = self.open.pop() else {
            return;
        };
        if let Some(outer) = self.open.last_mut() {
            // A table inside a cell: its rows become lines of the cell.
            let lines = grid::nested_lines(&t.rows);
            if let Some((_, cell_lines)) = outer.cell.as_mut() {
                cell_lines.extend(lines);
            }
            return;
        }
        if let Some(table) = grid::table_of_rows(self.tables + 1, t.rows) {
            self.tables += 1;
            self.blocks.push(Block::Table(table));
        }
    }

    fn finish(mut self) -> Grid {
        while !self.open.is_empty() {
            self.close_table();
        }
        Grid {
            blocks: self.blocks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn doc(body: &str) -> String {
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>")
    }

    #[test]
    fn paragraphs_tables_and_merges() {
        let xml = doc(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"right\"/></w:tabs></w:pPr><w:r><w:t>甲</w:t><w:tab/><w:t xml:space=\"preserve\">单位：万元 &amp;</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t></w:r></w:p></w:tc>\
             <w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>\
             <w:p><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice><w:r><w:t>框</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>",
        );
        let g = read(&xml).unwrap();
        let Block::Para(p) = &g.blocks[0] else {
            panic!()
        };
        assert_eq!(p.text, "甲 单位：万元 &");
        let Block::Table(t) = &g.blocks[1] else {
            panic!()
        };
        assert_eq!(t.width, 3);
        assert_eq!(t.cells[0].row_span, 2);
        assert_eq!(t.cells[1].text, "a\nb\n\nc");
        assert_eq!(t.at(1, 0).map(|c| c.text.as_str()), Some("产出指标"));
        assert_eq!(t.at(1, 1).map(|c| c.text.as_str()), Some("x"));
        let Block::Para(p) = &g.blocks[2] else {
            panic!()
        };
        assert_eq!(p.text, "框");
    }

    #[test]
    fn grid_before_skips_columns() {
        let xml = doc(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        );
        let g = read(&xml).unwrap();
        let Block::Table(t) = &g.blocks[0] else {
            panic!()
        };
        assert_eq!(t.cells[2].col, 1);
    }

    #[test]
    fn legacy_horizontal_merges_widen_the_cell_on_the_left() {
        // Word 97-2003 documents saved as .docx merge across with w:hMerge.
        let xml = doc(
            "<w:tbl><w:tr><w:tc><w:tcPr><w:hMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc>\
             <w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>校舍维修</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        );
        let g = read(&xml).unwrap();
        let Block::Table(t) = &g.blocks[0] else {
            panic!()
        };
        assert_eq!(t.width, 3);
        assert_eq!(t.cells[0].col_span, 2);
        assert_eq!(t.at(0, 1).map(|c| c.text.as_str()), Some("项目名称"));
        assert_eq!(t.at(0, 2).map(|c| c.text.as_str()), Some("校舍维修"));
        assert_eq!(t.at(1, 1).map(|c| c.text.as_str()), Some("b"));
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(read("<w:document><w:body><w:p>").is_ok());
        assert!(read("<<<").is_err() || read("<<<").is_ok());
    }
}
