//! `--watch`: run a command again whenever one of its input files is saved.
//!
//! The folders holding the inputs are watched, not the files: editors save
//! by writing a new file and renaming it over the old one, and a watch on
//! the old file would end with it. Only events naming an input count, so our
//! own outputs and temporary files (written beside the inputs, then renamed)
//! never start a run, and reading the inputs (an open, a close without
//! writing) is not a change: a run cannot cause the next one.

use super::messages;
use super::output::{errln, usage_error, Out};
use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often `--poll` looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(250);
/// Events closer together than this are one save (an editor's write,
/// rename and attribute change).
const SETTLE: Duration = Duration::from_millis(80);
/// A burst of events never delays a run longer than this.
const MAX_SETTLE: Duration = Duration::from_millis(400);

/// Run `run` now, then again after every save of a file of `files`, until
/// the process is interrupted. Returns only when watching cannot start or
/// goes away (exit code 2) .
pub(super) fn watch(files: &[PathBuf], poll: bool, out: &Out, mut run: impl FnMut() -> i32) -> i32 {
    if files.iter().any(|f| f == Path::new("-")) {
        return usage_error(messages::watch_needs_files(out.lang));
    }
    // Each input as the watcher names it: its folder resolved, its name.
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    let mut targets: BTreeSet<PathBuf> = BTreeSet::new();
    for file in files {
        let folder = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let (Ok(folder), Some(name)) = (std::fs::canonicalize(folder), file.file_name()) else {
            let e = std::io::Error::from(std::io::ErrorKind::NotFound);
            return usage_error(messages::cannot_watch(out.lang, file.display(), e));
        };
        targets.insert(folder.join(name));
        folders.insert(folder);
    }
    let (tx, rx) = mpsc::channel();
    let watcher: notify::Result<Box<dyn Watcher>> = if poll {
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        notify::PollWatcher::new(tx, config).map(|w| Box::new(w) as Box<dyn Watcher>)
    } else {
        notify::recommended_watcher(tx).map(|w| Box::new(w) as Box<dyn Watcher>)
    };
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => return usage_error(messages::cannot_watch(out.lang, ".", e)),
    };
    for folder in &folders {
        if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
            return usage_error(messages::cannot_watch(out.lang, folder.display(), e));
        }
    }
    run();
    if !out.quiet {
        errln!("{}", messages::watching(out.lang, files.len()));
    }
    loop {
        // Wait for a change to an input, then for the save to settle.
        let Some(first) = next_change(&rx, &targets, None) else {
            return usage_error(messages::cannot_watch(out.lang, ".", "stopped"));
        };
        let start = Instant::now();
        while start.elapsed() < MAX_SETTLE && next_change(&rx, &targets, Some(SETTLE)).is_some() {}
        if !out.quiet {
            errln!("{}", messages::changed(out.lang, shown(&first, files)));
        }
        run();
        if !out.quiet {
            errln!("{}", messages::watching(out.lang, files.len()));
        }
    }
}

/// The next change to one of `targets` (waiting at most `wait`): the path
/// changed. `None` when the wait is over, or the watcher is gone.
fn next_change(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    targets: &BTreeSet<PathBuf>,
    wait: Option<Duration>,
) -> Option<PathBuf> {
    let deadline = wait.map(|w| Instant::now() + w);
    loop {
        let event = match deadline {
            None => rx.recv().ok()?,
            Some(d) => rx
                .recv_timeout(d.saturating_duration_since(Instant::now()))
                .ok()?,
        };
        // An error of the watcher (an overflow of its queue): a change may
        // have been missed, so run again.
        let Ok(event) = event else {
            return targets.first().cloned();
        };
        if !is_change(&event.kind) {
            continue;
        }
        if let Some(p) = event.paths.iter().find(|p| targets.contains(*p)) {
            return Some(p.clone());
        }
    }
}

/// A write, a rename, a creation, a removal or a new modification time
/// (`touch`, and how `--poll` sees a write); not an open, a read, or the
/// time of the last read.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// The input as the user gave it, for the changed path.
fn shown(changed: &Path, files: &[PathBuf]) -> String {
    files
        .iter()
        .find(|f| f.file_name() == changed.file_name())
        .unwrap_or(&changed.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RenameMode};

    #[test]
    fn reading_is_not_a_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::WriteTime
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }
}
