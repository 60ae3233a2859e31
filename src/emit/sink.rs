//! The buffered writer and the escaping shared by the emitters (HTML, Word)
//! and the bar chart.

use super::layout;
use std::io::Write;

/// Text rendered in pieces and passed on to a writer in chunks, so that a
/// large document is never held whole. The first write error is kept (and
/// later output dropped) for `finish` to return, which lets the renderers
/// use `write!` without checking every call.
pub(crate) struct Sink<'a> {
    buf: Vec<u8>,
    out: &'a mut dyn Write,
    /// Bytes always left pending after a write, but at the end (see `holding`).
    hold: usize,
    error: Option<std::io::Error>,
}

/// Bytes gathered before they are passed on.
const CHUNK: usize = 64 * 1024;

impl<'a> Sink<'a> {
    pub(crate) fn new(out: &'a mut dyn Write) -> Self {
        Self::holding(out, 0)
    }

    /// A sink that hands `out` at least `hold` bytes in every write but the
    /// last ones. Deflate's output depends on where its input runs short, so
    /// a compressor that is never short of input within one call gives the
    /// bytes it gives for the whole text at once.
    pub(crate) fn holding(out: &'a mut dyn Write, hold: usize) -> Self {
        // Room for a full buffer and one piece more, so that it never grows
        // to twice its size (but for the test's `usize::MAX`).
        let room = Self::limit_for(hold).min(64 << 20) + CHUNK;
        Sink {
            buf: Vec::with_capacity(room),
            out,
            hold,
            error: None,
        }
    }

    /// When the buffer is passed on: once the held bytes are there twice,
    /// so that the buffer is moved down once per `hold` bytes written.
    fn limit_for(hold: usize) -> usize {
        CHUNK.max(hold.saturating_mul(2))
    }

    pub(crate) fn push_str(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
        if self.buf.len() >= Self::limit_for(self.hold) {
            self.drain();
        }
    }

    pub(crate) fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// Write all but the held bytes.
    fn drain(&mut self) {
        let mut done = 0;
        while self.error.is_none() && self.buf.len() - done > self.hold {
            match self.out.write(&self.buf[done..]) {
                Ok(0) => self.error = Some(std::io::ErrorKind::WriteZero.into()),
                Ok(n) => done += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => self.error = Some(e),
            }
        }
        if self.error.is_some() {
            done = self.buf.len();
        }
        self.buf.drain(..done);
    }

    /// Pass on what is left; the first error met, if any.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.hold = 0;
        self.drain();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// A text escaped for XML or HTML as it is formatted, the characters those
/// forbid replaced with U+FFFD; `apos` is how the apostrophe is written.
pub(crate) struct Escaped<'a> {
    pub text: &'a str,
    pub apos: &'static str,
}

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.text;
        let mut start = 0;
        for (i, c) in s.char_indices() {
            let by = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => self.apos,
                c if layout::is_forbidden_char(c) => "\u{FFFD}",
                _ => continue,
            };
            f.write_str(&s[start..i])?;
            f.write_str(by)?;
            start = i + c.len_utf8();
        }
        f.write_str(&s[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts `room` bytes, then fails.
    struct Full {
        room: usize,
        got: Vec<u8>,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::Error::other("full"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_sink_passes_everything_on_in_order() {
        let mut v = Vec::new();
        let mut s = Sink::new(&mut v);
        let mut want = String::new();
        for i in 0..20_000 {
            let piece = format!("{i}、好");
            s.push_str(&piece);
            s.push('\n');
            want.push_str(&piece);
            want.push('\n');
        }
        s.finish().unwrap();
        assert_eq!(v, want.into_bytes());
    }

    #[test]
    fn a_holding_sink_is_short_only_at_the_end() {
        /// Takes 1000 bytes a call, as a compressor whose output is full;
        /// records what each call was offered.
        struct Slow {
            got: Vec<u8>,
            offered: Vec<usize>,
        }
        impl Write for Slow {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                let n = buf.len().min(1000);
                self.offered.push(buf.len());
                self.got.extend_from_slice(&buf[..n]);
                Ok(n)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut slow = Slow {
            got: Vec::new(),
            offered: Vec::new(),
        };
        let mut s = Sink::holding(&mut slow, 100_000);
        let mut want = String::new();
        for i in 0..50_000 {
            let piece = format!("{i}一二三");
            s.push_str(&piece);
            want.push_str(&piece);
        }
        s.finish().unwrap();
        assert_eq!(slow.got, want.as_bytes());
        let mut left = want.len();
        for n in slow.offered {
            // Everything left, or more than the held bytes.
            assert!(n == left || n > 100_000, "{n} of {left}");
            left -= n.min(1000);
        }
    }

    #[test]
    fn a_sink_reports_the_first_error() {
        let mut full = Full {
            room: 100,
            got: Vec::new(),
        };
        let mut s = Sink::new(&mut full);
        for _ in 0..100_000 {
            s.push_str("abc");
        }
        assert!(s.finish().is_err());
        assert_eq!(full.got.len(), 100);
    }
}
