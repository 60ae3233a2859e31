//! JSON output (`jixiao-sheet/2`): the model serialised with a fixed key
//! order (struct order), amounts as exact decimal strings, and a final newline.

use crate::model::Sheet;
use std::io::Write;

pub fn to_string(sheet: &Sheet) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(sheet).unwrap_or_default();
    s.push('\n');
    s
}

/// The same bytes as `to_string`, written as they are produced.
pub fn write(sheet: &Sheet, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    // serde_json writes a few bytes at a time: a buffer of a known type
    // takes them without a dynamic call each (8 % of a build otherwise).
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, w);
    serde_json::to_writer_pretty(&mut buffered, sheet).map_err(std::io::Error::other)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// A self-evaluation or monitoring form as `jixiao-evaluation/1` JSON
/// (docs/evaluation.md): the same conventions as the sheet's.
pub fn evaluation_to_string(evaluation: &crate::model::Evaluation) -> String {
    let mut s = serde_json::to_string_pretty(evaluation).unwrap_or_default();
    s.push('\n');
    s
}

/// The same bytes as `evaluation_to_string`, written as produced.
pub fn write_evaluation(
    evaluation: &crate::model::Evaluation,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut buffered, evaluation).map_err(std::io::Error::other)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

#[cfg(test)]
mod tests {
    #[test]
    fn streamed_and_in_memory_json_are_the_same_bytes() {
        let src = include_str!("../../examples/beidaihe-2020.jx");
        let c = crate::compile(&crate::source::SourceFile::new("x.jx", src));
        let sheet = c.ok().unwrap();
        let mut streamed = Vec::new();
        super::write(sheet, &mut streamed).unwrap();
        assert_eq!(streamed, super::to_string(sheet).into_bytes());
    }
}
