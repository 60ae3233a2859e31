//! The parts of a zip archive (a .docx, a .xlsx) read as text, bounded.

use super::error::ImportError;
use std::io::Read;

/// The largest document part read from a zip (the same limit as a sheet).
pub const MAX_PART: usize = crate::syntax::MAX_INPUT_BYTES;

/// One part of a zip archive as text, at most `MAX_PART` bytes.
pub fn zip_part(bytes: &[u8], name: &str) -> Result<String, ImportError> {
    let damaged = |e: &dyn std::fmt::Display| ImportError::Damaged(format!("{name}: {e}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let part = zip.by_name(name).map_err(|e| damaged(&e))?;
    let mut raw = Vec::new();
    part.take(MAX_PART as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(|e| damaged(&e))?;
    if raw.len() > MAX_PART {
        return Err(ImportError::TooLarge {
            len: raw.len() as u64,
            max: MAX_PART,
        });
    }
    // Office writes UTF-8; a byte-order mark says otherwise.
    Ok(match encoding_rs::Encoding::for_bom(&raw) {
        Some((enc, bom)) => enc.decode_without_bom_handling(&raw[bom..]).0.into_owned(),
        None => String::from_utf8_lossy(&raw).into_owned(),
    })
}
