//! Byte offsets to LSP positions and back. A position is a zero-based line
//! and a column counted in the negotiated encoding's code units: UTF-16 (the
//! protocol's default: a Han character is one unit, an astral character such
//! as 𠀀 two) or UTF-8 (bytes). Lines end at LF, CRLF or a lone CR, as the
//! protocol and the grammar say. Every conversion clamps: a position past the
//! end of its line or of the file lands on that end, never in the middle of a
//! character, so no client input can make an offset out of range.

use lsp_types::Position;

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf16,
    Utf8,
}

impl Encoding {
    /// Code units of one character.
    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf8 => c.len_utf8() as u32,
        }
    }
}

/// The line starts of one text, for conversions in O(log n + line length).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        if !text.contains('\r') {
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        } else {
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    starts.push(i + 1);
                }
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The zero-based line of a byte offset (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte range of a line without its line break.
    fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        (start, end)
    }

    /// The position of a byte offset; an offset inside a character counts
    /// from that character's start.
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = floor_boundary(text, offset);
        let line = self.line_of(offset);
        let (start, end) = self.line_range(text, line);
        let upto = offset.clamp(start, end);
        let col: u32 = text
            .get(start..upto)
            .unwrap_or("")
            .chars()
            .map(|c| enc.units(c))
            .sum();
        Position::new(line as u32, col)
    }

    /// The byte offset of a position. A line past the last gives the end of
    /// the text; a column past the end of its line gives the line's end; a
    /// column inside a character (half a surrogate pair, a byte inside a Han
    /// character) gives that character's start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let (start, end) = self.line_range(text, line);
        let mut units = 0u32;
        for (i, c) in text.get(start..end).unwrap_or("").char_indices() {
            let next = units + enc.units(c);
            if next > pos.character {
                return start + i;
            }
            units = next;
        }
        end
    }
}

/// The offset moved back to a character boundary inside the text.
pub fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while o > 0 && !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn han_full_width_and_astral_columns() {
        // 指 标 are one UTF-16 unit and three bytes each; 𠀀 is two units and
        // four bytes; the full-width comma one unit, three bytes.
        let text = "指标 \"𠀀，x\" ≥95%\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x, Encoding::Utf16), pos(0, 7));
        assert_eq!(idx.position(text, x, Encoding::Utf8), pos(0, 15));
        assert_eq!(idx.offset(text, pos(0, 7), Encoding::Utf16), x);
        assert_eq!(idx.offset(text, pos(0, 15), Encoding::Utf8), x);
        let ge = text.find('≥').unwrap();
        assert_eq!(idx.position(text, ge, Encoding::Utf16), pos(0, 10));
        // Half a surrogate pair, or a byte inside a character, snaps back.
        let astral = text.find('𠀀').unwrap();
        assert_eq!(idx.offset(text, pos(0, 5), Encoding::Utf16), astral);
        assert_eq!(idx.offset(text, pos(0, 9), Encoding::Utf8), astral);
        assert_eq!(idx.position(text, astral + 2, Encoding::Utf16), pos(0, 4));
    }

    #[test]
    fn crlf_lone_cr_and_clamping() {
        let text = "年度\r\n项目\r预算\n";
        let idx = LineIndex::new(text);
        let ys = text.find("预算").unwrap();
        assert_eq!(idx.position(text, ys, Encoding::Utf16), pos(2, 0));
        // Past the end of a line: its end, before the CRLF.
        assert_eq!(idx.offset(text, pos(0, 99), Encoding::Utf16), "年度".len());
        // Past the last line: the end of the text.
        assert_eq!(idx.offset(text, pos(40, 3), Encoding::Utf16), text.len());
        assert_eq!(
            idx.position(text, text.len() + 10, Encoding::Utf16),
            pos(3, 0)
        );
        // The CR of a CRLF is not a column.
        assert_eq!(idx.position(text, 7, Encoding::Utf16), pos(0, 2));
    }

    #[test]
    fn round_trip_on_every_boundary() {
        let text = "\u{FEFF}a𠀀\r\n「项目」，\n\n😀b";
        let idx = LineIndex::new(text);
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            for (i, _) in text.char_indices() {
                let p = idx.position(text, i, enc);
                let back = idx.offset(text, p, enc);
                // Line breaks map to the end of their line.
                let on_break = matches!(text.as_bytes()[i], b'\r' | b'\n');
                if !on_break {
                    assert_eq!(back, i, "{enc:?} {i}");
                }
            }
        }
    }
}
