//! The values of string tokens: escapes in `"…"`, indentation in `"""…"""`.

use super::tree::{Token, TokenKind};
use std::ops::Range;

/// A bad escape, as a byte range inside the token's raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadEscape(pub Range<usize>);

/// The value of a string or text-block token. Words are returned as written.
pub fn value(tok: &Token<'_>) -> Result<String, BadEscape> {
    match tok.kind {
        TokenKind::Str { closed } => {
            let end = if closed {
                tok.raw.len() - 1
            } else {
                tok.raw.len()
            };
            unescape(&tok.raw[1..end.max(1)], 1)
        }
        TokenKind::Text { closed } => {
            let end = if closed {
                tok.raw.len() - 3
            } else {
                tok.raw.len()
            };
            Ok(dedent(&tok.raw[3..end.max(3)]))
        }
        _ => Ok(tok.raw.to_string()),
    }
}

fn unescape(s: &str, base: usize) -> Result<String, BadEscape> {
    if !s.contains('\\') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, '"')) => out.push('"'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((j, other)) => return Err(BadEscape(base + i..base + j + other.len_utf8())),
            None => return Err(BadEscape(base + i..base + i + 1)),
        }
    }
    Ok(out)
}

/// Text-block value: drop the line break after the opening `"""` and the last
/// line if it holds only indentation, remove the indentation common to all
/// non-blank lines, and use `\n` line breaks whatever the file uses.
pub fn dedent(body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = body.split('\n').collect();
    if lines.len() > 1 && lines[0].trim().is_empty() {
        lines.remove(0);
    }
    if lines.len() > 1 && lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Blank lines may be shorter than the indentation.
        let cut = indent.min(line.len() - line.trim_start_matches([' ', '\t']).len());
        out.push_str(line[cut..].trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn tok(kind: TokenKind, raw: &str) -> Token<'_> {
        Token {
            kind,
            span: Span::new(0, raw.len()),
            raw,
        }
    }

    #[test]
    fn escapes() {
        let t = tok(TokenKind::Str { closed: true }, r#""a\"b\\c\n“甲”""#);
        assert_eq!(value(&t).unwrap(), "a\"b\\c\n“甲”");
        let bad = tok(TokenKind::Str { closed: true }, r#""a\q""#);
        assert_eq!(value(&bad), Err(BadEscape(2..4)));
    }

    #[test]
    fn text_block_dedent() {
        let t = tok(
            TokenKind::Text { closed: true },
            "\"\"\"\n    第一行\n      缩进\n\n    末行\n    \"\"\"",
        );
        assert_eq!(value(&t).unwrap(), "第一行\n  缩进\n\n末行");
        let crlf = tok(
            TokenKind::Text { closed: true },
            "\"\"\"\r\n  a\r\n  b\r\n  \"\"\"",
        );
        assert_eq!(value(&crlf).unwrap(), "a\nb");
    }
}
