//! Source files: decoding from bytes, byte spans, and line/column lookup.

use std::ops::Range;

/// Characters a sheet may not contain: XML 1.0 forbids them in the Word
/// output and they have no place in a table: C0 controls other than tab,
/// line feed and carriage return, DEL and the C1 controls (U+0085 among
/// them), and the Unicode noncharacters (U+FDD0–U+FDEF and the last two code
/// points of every plane). The one definition: the parser reports them, the
/// emitters replace any that reach them with U+FFFD as a safety net.
pub fn is_forbidden_char(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Where the first forbidden character of `text` starts. Scans bytes and
/// decodes only at the few lead bytes a forbidden character can start with
/// (most text has none of them but ASCII and the Han range E4–E9).
pub fn first_forbidden(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    b.iter().enumerate().find_map(|(i, &c)| {
        let candidate = matches!(c, 0..=0x1F | 0x7F | 0xC2 | 0xEF | 0xF0..=0xF4)
            && !matches!(c, b'\t' | b'\n' | b'\r');
        if !candidate {
            return None;
        }
        let ch = text.get(i..)?.chars().next()?;
        is_forbidden_char(ch).then_some(i)
    })
}

/// A byte range in a source file. Every node and diagnostic carries one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    /// A sub-span given as a byte range relative to this span's start.
    pub fn part(self, rel: Range<usize>) -> Span {
        let start = (self.start + rel.start).min(self.end);
        let end = (self.start + rel.end).clamp(start, self.end);
        Span::new(start, end)
    }
}

/// How the bytes of a file are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    Gb18030,
}

/// Why a file could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8, but it reads cleanly as GB18030 (GBK is a subset).
    LooksLikeGb18030 { offset: usize },
    /// Not UTF-8 and not GB18030 either.
    NotUtf8 { offset: usize },
    /// Declared GB18030 but holds bytes that are not.
    NotGb18030,
    /// UTF-16 byte-order mark.
    Utf16,
}

/// One file's text, BOM removed, with a line index for O(log n) positions.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// The file began with a UTF-8 byte-order mark (kept by the formatter).
    pub had_bom: bool,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let mut text: String = text.into();
        let had_bom = text.starts_with('\u{FEFF}');
        if had_bom {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        let mut line_starts = vec![0];
        if !text.contains('\r') {
            // The usual case, by the library's fast byte search.
            line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        } else {
            let bytes = text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                // A lone CR counts as a line break too, as in the grammar.
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    line_starts.push(i + 1);
                }
            }
        }
        SourceFile {
            name: name.into(),
            text,
            had_bom,
            line_starts,
        }
    }

    /// Decode raw bytes in the given encoding.
    pub fn decode(
        name: impl Into<String>,
        bytes: &[u8],
        encoding: Encoding,
    ) -> Result<SourceFile, DecodeError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(DecodeError::Utf16);
        }
        match encoding {
            Encoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(text) => Ok(SourceFile::new(name, text)),
                Err(e) => {
                    let offset = e.valid_up_to();
                    let (_, _, had_errors) = encoding_rs::GB18030.decode(bytes);
                    if had_errors {
                        Err(DecodeError::NotUtf8 { offset })
                    } else {
                        Err(DecodeError::LooksLikeGb18030 { offset })
                    }
                }
            },
            Encoding::Gb18030 => {
                let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
                if had_errors {
                    Err(DecodeError::NotGb18030)
                } else {
                    Ok(SourceFile::new(name, text.into_owned()))
                }
            }
        }
    }

    /// Like `decode`, taking the bytes: valid UTF-8 becomes the text without
    /// a copy. On failure the bytes come back with the error.
    pub fn decode_owned(
        name: impl Into<String>,
        bytes: Vec<u8>,
        encoding: Encoding,
    ) -> Result<SourceFile, (DecodeError, Vec<u8>)> {
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if encoding != Encoding::Utf8 || utf16 {
            return SourceFile::decode(name, &bytes, encoding).map_err(|e| (e, bytes));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(e) => {
                let bytes = e.into_bytes();
                match SourceFile::decode(name, &bytes, encoding) {
                    Err(err) => Err((err, bytes)),
                    // Not reachable: the bytes were not UTF-8.
                    Ok(f) => Ok(f),
                }
            }
        }
    }

    /// Zero-based line index of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// One-based line and column (column counted in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count();
        (line + 1, col + 1)
    }

    /// The byte range of a zero-based line, without its line break.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let mut end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// How many lines the file has (a final line break starts an empty one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// A byte offset moved back to the nearest char boundary inside the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    pub fn slice(&self, span: Span) -> &str {
        let s = self.clamp(span.start);
        let e = self.clamp(span.end).max(s);
        &self.text[s..e]
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn forbidden_characters_found_by_bytes_as_by_characters() {
        use super::{first_forbidden, is_forbidden_char};
        for s in [
            "",
            "plain",
            "年度\u{0085}",
            "\u{FDD0}x",
            "a\u{7F}",
            "ok\tok\r\n",
            "\u{1FFFE}",
            "\u{FFFF}",
            "\u{FFFD}\u{FEFF}",
            "é\u{9F}",
            "\u{A0}\u{FDEF}",
            "\u{10FFFF}",
            "\"甲乙\"",
            "x\u{0}y",
            "“引号”，\u{1b}[31m",
            "\u{FFFE}",
            "\u{FFFD}\u{FFEF}\u{EFBF}",
            "，。：\u{7}",
        ] {
            let by_chars = s
                .char_indices()
                .find(|(_, c)| is_forbidden_char(*c))
                .map(|(i, _)| i);
            assert_eq!(first_forbidden(s), by_chars, "{s:?}");
        }
        assert!(is_forbidden_char('\u{0085}') && is_forbidden_char('\u{FDD0}'));
        assert!(!is_forbidden_char('\u{A0}') && !is_forbidden_char('\u{FEFF}'));
    }

    use super::*;

    #[test]
    fn bom_is_removed_and_remembered() {
        let f = SourceFile::new("a", "\u{FEFF}year 2020\n");
        assert!(f.had_bom);
        assert_eq!(f.text, "year 2020\n");
    }

    #[test]
    fn line_col_counts_han_characters_once() {
        let f = SourceFile::new("a", "项目 \"甲\"\n预算 78.00\n");
        let off = f.text.find("78").unwrap();
        assert_eq!(f.line_col(off), (2, 4));
    }

    #[test]
    fn crlf_lines() {
        let f = SourceFile::new("a", "a\r\nbc\r\nd");
        assert_eq!(f.line_col(f.text.find('c').unwrap()), (2, 2));
        assert_eq!(f.line_span(1), Span::new(3, 5));
    }

    #[test]
    fn gb18030_is_recognised() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("项目 \"维修费\"\n");
        assert!(matches!(
            SourceFile::decode("a", &bytes, Encoding::Utf8),
            Err(DecodeError::LooksLikeGb18030 { .. })
        ));
        let f = SourceFile::decode("a", &bytes, Encoding::Gb18030).unwrap();
        assert_eq!(f.text, "项目 \"维修费\"\n");
    }
}
