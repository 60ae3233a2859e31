//! HTML to the grid: a small tolerant tokenizer for what target tables
//! need (`<table>`, `<tr>`, `<td>`/`<th>` with `rowspan`/`colspan`, `<br>`,
//! block elements as paragraph breaks, character references), not a full
//! HTML parser: published pages are old and often broken, and our own page
//! is simple. Scripts, styles, navigation, SVG charts and figures are
//! skipped. The text is decoded from the page's `<meta charset>` (GB18030
//! for GBK and GB2312), else UTF-8, else GB18030.

use super::grid::{self, tidy, Block, Grid, Origin, Para, RawCell};

/// Decode the page and read its blocks.
pub fn read(bytes: &[u8]) -> Grid {
    read_text(&decode(bytes))
}

/// The page as text: a byte-order mark, then the declared charset, then
/// UTF-8 when the bytes are valid UTF-8, else GB18030.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let declared =
        declared_charset(bytes).and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    let enc = match declared {
        // GBK and GB2312 pages hold GB18030 characters as often as not.
        Some(e) if e == encoding_rs::GBK => encoding_rs::GB18030,
        // A page saying UTF-16 in its meta is ASCII-compatible here.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::GB18030,
    };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset a `<meta>` in the first 4 KB declares: `<meta
/// charset="gbk">` or `content="text/html; charset=gb2312"`.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let text: String = head
        .iter()
        .map(|b| b.to_ascii_lowercase() as char)
        .collect();
    let mut from = 0;
    while let Some(i) = text[from..].find("<meta") {
        let start = from + i;
        let end = text[start..].find('>').map_or(text.len(), |e| start + e);
        let tag = &text[start..end];
        if let Some(k) = tag.find("charset") {
            let rest = tag[k + "charset".len()..].trim_start();
            if let Some(rest) = rest.strip_prefix('=') {
                let rest = rest.trim_start().trim_start_matches(['"', '\'']);
                let label: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                    .collect();
                if !label.is_empty() {
                    return Some(label);
                }
            }
        }
        from = end;
    }
    None
}

/// Elements whose content is skipped: code, styles, and what our own page
/// draws around the tables (the table of contents, the charts).
const SKIPPED: &[&str] = &[
    "title", "script", "style", "nav", "svg", "figure", "noscript", "template", "select",
    "textarea", "iframe", "object",
];

/// Elements that end a paragraph (or a line inside a cell).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "blockquote",
    "pre",
    "address",
    "hr",
    "body",
    "form",
    "fieldset",
    "center",
    "caption",
];

/// Read decoded HTML.
pub fn read_text(html: &str) -> Grid {
    let mut b = Builder::default();
    let mut lexer = Lexer { s: html, i: 0 };
    while let Some(token) = lexer.next() {
        match token {
            Token::Text(t) => b.text(&t),
            Token::Start { name, .. } if SKIPPED.contains(&name.as_str()) => {
                lexer.skip_element(&name)
            }
            Token::Start { name, attrs } => b.start(&name, &attrs),
            Token::End(name) => b.end(&name),
        }
    }
    b.finish()
}

#[derive(Debug, PartialEq, Eq)]
enum Token {
    Text(String),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End(String),
}

struct Lexer<'a> {
    s: &'a str,
    i: usize,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn next(&mut self) -> Option<Token> {
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                // Source line breaks are spaces; the builder adds `\n` for
                // `<br>` and block edges only.
                let text = decode_entities(&rest[..end]).replace(['\n', '\r', '\t'], " ");
                self.i += end;
                return Some(Token::Text(text));
            }
            if let Some(body) = rest.strip_prefix("<!--") {
                let end = body.find("-->").map_or(rest.len(), |e| 4 + e + 3);
                self.i += end;
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                self.i += end;
                continue;
            }
            let bytes = rest.as_bytes();
            let closing = bytes.get(1) == Some(&b'/');
            let name_at = if closing { 2 } else { 1 };
            if !bytes.get(name_at).is_some_and(|b| b.is_ascii_alphabetic()) {
                // A lone `<` is text.
                self.i += 1;
                return Some(Token::Text("<".to_string()));
            }
            let end = tag_end(rest);
            // Up to the `>`, or to the end of a tag never closed.
            let inner_end = if rest.as_bytes().get(end.wrapping_sub(1)) == Some(&b'>') {
                end - 1
            } else {
                end
            };
            let inner = &self.s[self.i + name_at..self.i + inner_end.max(name_at)];
            self.i += end;
            let name_len = inner
                .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .unwrap_or(inner.len());
            let name = inner[..name_len].to_ascii_lowercase();
            if closing {
                return Some(Token::End(name));
            }
            let attrs = attributes(&inner[name_len..]);
            return Some(Token::Start { name, attrs });
        }
    }

    /// Skip past the end tag of a skipped element (nesting counted for
    /// elements that may nest, such as `svg` inside `figure`).
    /// An element never closed is not skipped (its content is read as
    /// any other), so that a page missing one end tag keeps its tables.
    fn skip_element(&mut self, name: &str) {
        let close = format!("</{name}");
        if find_ascii_ci(self.rest(), &close).is_none() {
            return;
        }
        let raw = matches!(name, "script" | "style" | "textarea" | "title");
        let mut depth = 1usize;
        while depth > 0 {
            let rest = self.rest();
            if rest.is_empty() {
                return;
            }
            if raw {
                match find_ascii_ci(rest, &close) {
                    Some(at) => {
                        self.i += at;
                        let end = tag_end(self.rest());
                        self.i += end;
                    }
                    None => self.i = self.s.len(),
                }
                return;
            }
            match self.next() {
                None => return,
                Some(Token::Start { name: n, .. }) if n == name => depth += 1,
                Some(Token::End(n)) if n == name => depth -= 1,
                _ => {}
            }
        }
    }
}

/// Where a tag starting at `s[0] == '<'` ends (just after its `>`), with
/// quoted attribute values skipped.
fn tag_end(s: &str) -> usize {
    let mut quote: Option<u8> = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
    }
    s.len()
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// `rowspan="2" colspan=3 class='x'` → pairs, names in lower case.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if start == i {
            break;
        }
        let name = s[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let from = i + 1;
                let to = s[from..].find(q as char).map_or(s.len(), |e| from + e);
                value = decode_entities(&s[from..to]);
                i = (to + 1).min(b.len());
            } else {
                let from = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = decode_entities(&s[from..i]);
            }
        }
        out.push((name, value));
    }
    out
}

/// Character references: the named ones pages use, and `&#NNN;` `&#xHH;`.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            code.map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
        } else {
            named_entity(name)
        };
        match decoded {
            Some(c) if !name.is_empty() => {
                out.push(c);
                let after = &rest[end..];
                rest = after.strip_prefix(';').unwrap_or(after);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "ge" => '≥',
        "le" => '≤',
        "ne" => '≠',
        "plusmn" => '±',
        "permil" => '‰',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "bull" => '•',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

/// A table being read: its rows so far and the row and cell open now.
#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<RawCell>>,
    row: Option<Vec<RawCell>>,
    cell: Option<RawCell>,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// The paragraph outside tables being read.
    para: String,
    paras: usize,
    tables: usize,
    /// Open tables, innermost last (a table inside a cell is read into the
    /// cell's text).
    open: Vec<OpenTable>,
}

impl Builder {
    fn text(&mut self, t: &str) {
        match self.open.last_mut() {
            Some(table) => {
                if let Some(cell) = table.cell.as_mut() {
                    cell.text.push_str(t);
                }
                // Text between cells is no cell's: dropped as HTML drops it
                // (only whitespace in practice).
            }
            None => self.para.push_str(t),
        }
    }

    fn line_break(&mut self) {
        self.text("\n");
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)]) {
        match name {
            "table" => {
                if self.open.is_empty() {
                    self.flush_para();
                }
                self.open.push(OpenTable::default());
            }
            "tr" if !self.open.is_empty() => {
                self.close_row();
                if let Some(t) = self.open.last_mut() {
                    t.row = Some(Vec::new());
                }
            }
            "td" | "th" if !self.open.is_empty() => {
                self.close_cell();
                let span = |key: &str| {
                    attrs
                        .iter()
                        .find(|(k, _)| k == key)
                        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                        .filter(|n| *n > 0)
                        .unwrap_or(1)
                };
                let cell = RawCell {
                    row_span: span("rowspan"),
                    col_span: span("colspan"),
                    ..RawCell::default()
                };
                if let Some(t) = self.open.last_mut() {
                    if t.row.is_none() {
                        t.row = Some(Vec::new());
                    }
                    t.cell = Some(cell);
                }
            }
            "br" => self.line_break(),
            _ if BLOCKS.contains(&name) => self.block_break(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "table" if !self.open.is_empty() => self.close_table(),
            "tr" if !self.open.is_empty() => self.close_row(),
            "td" | "th" if !self.open.is_empty() => self.close_cell(),
            "br" => self.line_break(),
            _ if BLOCKS.contains(&name) => self.block_break(),
            _ => {}
        }
    }

    /// A block element's edge: a new paragraph, or a new line in a cell.
    fn block_break(&mut self) {
        if self.open.is_empty() {
            self.flush_para();
        } else {
            self.line_break();
        }
    }

    fn flush_para(&mut self) {
        let text = tidy(&std::mem::take(&mut self.para));
        if !text.is_empty() {
            self.paras += 1;
            self.blocks.push(Block::Para(Para {
                text,
                origin: Origin::Paragraph { n: self.paras },
            }));
        }
    }

    fn close_cell(&mut self) {
        if let Some(t) = self.open.last_mut() {
            if let Some(mut cell) = t.cell.take() {
                cell.text = tidy(&cell.text);
                t.row.get_or_insert_with(Vec::new).push(cell);
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
            if let Some(cell) = outer.cell.as_mut() {
                cell.text.push('\n');
                cell.text.push_str(&lines.join("\n"));
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
        self.flush_para();
        Grid {
            blocks: self.blocks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::Block;

    fn tables(g: &Grid) -> Vec<&crate::import::grid::Table> {
        g.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn paras(g: &Grid) -> Vec<&str> {
        g.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn tables_with_spans_and_breaks() {
        let g = read_text(
            "<html><head><title>T</title><style>td{}</style><script>x<y</script></head>\
             <body><h1>标题</h1><p>a &amp; b&nbsp;&#25105;&#x4E00;</p>\
             <table><tr><th rowspan=2>绩<br>效</th><td colspan='2'>x</td></tr>\
             <tr><td>1</td><td>2<p>3</p></td></tr></table><p>after</p></body></html>",
        );
        assert_eq!(paras(&g), ["标题", "a & b 我一", "after"]);
        let t = tables(&g)[0];
        assert_eq!(t.width, 3);
        assert_eq!(t.cells[0].text, "绩\n效");
        assert_eq!(t.cells[0].row_span, 2);
        assert_eq!(t.cells[1].col_span, 2);
        assert_eq!(t.at(1, 0).map(|c| c.text.as_str()), Some("绩\n效"));
        assert_eq!(t.cells[3].text, "2\n3");
    }

    #[test]
    fn broken_markup_is_tolerated() {
        let g = read_text("<table><td>a<td>b<tr><td>c</table><nav><a>1、x绩效目标表</a></nav>z<");
        let t = tables(&g)[0];
        assert_eq!(t.rows(), 2);
        assert_eq!(t.cells[2].text, "c");
        assert_eq!(paras(&g), ["z<"]);
    }

    #[test]
    fn nested_tables_become_lines() {
        let g = read_text(
            "<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table></td></tr></table>",
        );
        assert_eq!(tables(&g)[0].cells[0].text, "a\nb c");
    }

    #[test]
    fn charsets() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("<meta charset=gb2312><p>项目名称</p>");
        assert!(decode(&gbk).contains("项目名称"));
        let (gbk, _, _) = encoding_rs::GB18030.encode(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\"><p>单位</p>",
        );
        assert!(decode(&gbk).contains("单位"));
        let (plain, _, _) = encoding_rs::GB18030.encode("<p>绩效</p>");
        assert!(decode(&plain).contains("绩效"));
        assert!(decode("<p>绩效</p>".as_bytes()).contains("绩效"));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&lt;&gt;&quot;&#39;&bogus;&"),
            "<>\"'&bogus;&"
        );
        assert_eq!(decode_entities("&#99999999;"), "\u{FFFD}");
    }
}
