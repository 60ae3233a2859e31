//! Emitters: the checked model to output formats.
//!
//! The emitters share the buffered writer and the escaping (`sink`) and the
//! bar chart (`chart`, also drawn by the diff's page); each takes them from
//! their own files, never from this one, so that no file here depends on a
//! file that depends on it.

pub(crate) mod chart;
pub mod docx;
/// The tables of a self-evaluation or monitoring form, as `layout` for a
/// sheet; public for the tests, not part of the API.
#[doc(hidden)]
pub mod eval_layout;
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
    let existing = std::fs::metadata(&path).ok();
    // A device or a FIFO (`-o /dev/null`, a pipe) is written to, never
    // replaced by a regular file.
    if existing
        .as_ref()
        .is_some_and(|m| !m.is_file() && !m.is_dir())
    {
        let mut f = std::fs::OpenOptions::new().write(true).open(&path)?;
        return fill(&mut f).and_then(|_| f.flush());
    }
    let old_permissions = existing.as_ref().map(|m| m.permissions());
    #[cfg(unix)]
    let existing_owner = existing;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    // A random name created with O_EXCL: a link planted in the folder is
    // never followed. The name says whose it is, should a killed run leave
    // it behind.
    remove_leftovers(&dir, &name);
    let prefix = format!(".{name}.{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(10);
    // A new file is readable as any file the user creates (0666 less the
    // umask), not private as temporary files are made.
    #[cfg(unix)]
    if old_permissions.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let _pending = Pending::register(&dir, &prefix);
    let mut tmp = builder.tempfile_in(&dir)?;
    fill(tmp.as_file_mut())?;
    if let Some(p) = &old_permissions {
        tmp.as_file().set_permissions(p.clone())?;
    }
    #[cfg(unix)]
    if let Some(m) = &existing_owner {
        keep_owner(tmp.as_file(), m)?;
    }
    tmp.as_file().sync_all()?;
    // Unpersisted, the temporary file is removed when dropped.
    tmp.persist(&path).map(|_| ()).map_err(|e| e.error)
}

/// The replaced file's owner and group on the new one; when they cannot be
/// kept (another user runs jixiao), the file is not replaced.
#[cfg(unix)]
fn keep_owner(tmp: &File, old: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let now = tmp.metadata()?;
    if (now.uid(), now.gid()) == (old.uid(), old.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid())).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("the file's owner and group cannot be kept ({e}); it was not replaced"),
        )
    })
}

/// How the temporary files of an output end: `.NAME.PID-RANDOM.jixiao.tmp`.
pub const TEMP_SUFFIX: &str = ".jixiao.tmp";

/// The temporary files being written, for a signal handler to remove
/// (`remove_pending_files`): a process interrupted by SIGINT, SIGTERM or
/// SIGHUP runs no destructors.
static PENDING: std::sync::Mutex<Vec<(std::path::PathBuf, String)>> =
    std::sync::Mutex::new(Vec::new());

/// The temporary files a write may create, listed in [`PENDING`] while it
/// runs: the folder and the name's beginning, which holds this process's id.
/// Listed before the file is created, so that a signal arriving between the
/// creation and the listing still finds it.
struct Pending((std::path::PathBuf, String));

impl Pending {
    fn register(dir: &Path, prefix: &str) -> Pending {
        let entry = (dir.to_path_buf(), prefix.to_string());
        if let Ok(mut list) = PENDING.lock() {
            list.push(entry.clone());
        }
        Pending(entry)
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut list) = PENDING.lock() {
            if let Some(at) = list.iter().position(|p| *p == self.0) {
                list.remove(at);
            }
        }
    }
}

/// Remove the temporary files of the outputs being written. For a signal
/// handler, right before the process exits: the list stays locked, so that
/// no write starts after it.
pub fn remove_pending_files() {
    if let Ok(list) = PENDING.lock() {
        for (dir, prefix) in list.iter() {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name();
                let ours = name
                    .to_str()
                    .is_some_and(|n| n.starts_with(prefix.as_str()) && n.ends_with(TEMP_SUFFIX));
                // Only a regular file of ours: never follow or remove a link.
                if ours && e.file_type().is_ok_and(|t| t.is_file()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        std::mem::forget(list);
    }
}

/// The temporary files of `name` in `dir` left by a run that was killed
/// (SIGKILL: nothing could remove them): those of a process that no longer
/// runs are removed. Where `/proc` is missing, nothing is removed.
fn remove_leftovers(dir: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(f) = file.to_str() else { continue };
        let Some(rest) = f
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let Some((pid, _)) = rest.split_once('-') else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !proc.join(pid).exists() {
            // Only a regular file of ours: never follow or remove a link.
            if e.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
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

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = std::env::temp_dir().join(format!("jixiao-fifo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this machine
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn temporary_names_are_random_and_say_whose_they_are() {
        let dir = std::env::temp_dir().join(format!("jixiao-tmpname-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("out.json");
        let mut seen = Vec::new();
        for _ in 0..2 {
            write_atomic_with(&out, |_| {
                let names: Vec<String> = std::fs::read_dir(&dir)
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(TEMP_SUFFIX))
                    .collect();
                seen.extend(names);
                Ok(())
            })
            .unwrap();
        }
        assert_eq!(seen.len(), 2);
        let mine = format!(".out.json.{}-", std::process::id());
        assert!(seen.iter().all(|n| n.starts_with(&mine)), "{seen:?}");
        assert_ne!(seen[0], seen[1]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_killed_run_leaves_nothing_for_long() {
        let dir = std::env::temp_dir().join(format!("jixiao-leftover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // A PID no process has (beyond the kernel's maximum), and ours.
        let dead = dir.join(format!(
            ".out.html.{}-abcdefghij{TEMP_SUFFIX}",
            u32::MAX - 1
        ));
        let alive = dir.join(format!(
            ".out.html.{}-abcdefghij{TEMP_SUFFIX}",
            std::process::id()
        ));
        let other = dir.join(".notes.txt");
        for p in [&dead, &alive, &other] {
            std::fs::write(p, "x").unwrap();
        }
        write_atomic(&dir.join("out.html"), b"new").unwrap();
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists());
        }
        assert!(alive.exists() && other.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
