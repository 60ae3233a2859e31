//! Emitters: the checked model to output formats.
//!
//! The emitters share the buffered writer and the escaping (`sink`) and the
//! bar chart (`chart`, also drawn by the diff's page); each takes them from
//! their own files, never from this one, so that no file here depends on a
//! file that depends on it.

pub(crate) mod chart;
pub mod docx;
pub mod html;
pub mod json;
/// The official table layout HTML and Word share; public for the tests that
/// hold the Word tables to it, not part of the API.
#[doc(hidden)]
pub mod layout;
mod sink;
pub mod xlsx;

use std::fs::File;
use std::io::Write;
use std::path::Path;

/// Write a file atomically: a temporary file in the same folder, flushed to
/// disk, then renamed over the target. A failure leaves the old file intact.
/// A symbolic link is followed (the file it points to is replaced, the link
/// stays), and an existing file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like `write_atomic`, with the content produced by `fill` straight into the
/// temporary file (a large output is never held in memory whole). `fill`
/// should write in large pieces: the JSON and HTML writers buffer their own.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomic_file(path, |f| fill(f))
}

/// Like `write_atomic_with`, handing `fill` the temporary file itself, which
/// can seek (a zip archive goes back to complete each entry's header).
/// `fill` should buffer its writes.
pub fn write_atomic_file(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let old_permissions = std::fs::metadata(&path).ok().map(|m| m.permissions());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let tmp = dir.join(format!(".{name}.jixiao-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        fill(&mut f)?;
        if let Some(p) = &old_permissions {
            f.set_permissions(p.clone())?;
        }
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_fill_leaves_no_file_and_keeps_the_old_one() {
        let dir = std::env::temp_dir().join(format!("jixiao-atomic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let new = dir.join("new.docx");
        let r = write_atomic_file(&new, |f| {
            f.write_all(&[0; 100_000])?;
            Err(std::io::Error::other("half way"))
        });
        assert!(r.is_err());
        assert!(!new.exists());
        let old = dir.join("old.html");
        std::fs::write(&old, "previous").unwrap();
        let r = write_atomic_with(&old, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(std::io::Error::other("half way"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "previous");
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
