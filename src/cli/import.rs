//! `jixiao import FILE [-o OUT.jx]`: an existing sheet, self-evaluation or
//! monitoring form in Word, Excel or HTML to `.jx`, on standard output or written atomically; what could not
//! be placed is reported on standard error, one line each.

use super::args::MessageFormat;
use super::build::InputSet;
use super::messages;
use super::output::{errln, usage_error, Out, EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use jixiao::emit;
use jixiao::import::{self, ImportError};
use std::io::Write;
use std::path::Path;

pub(super) fn import(file: &Path, output: Option<&Path>, out: &Out) -> i32 {
    let to = output.filter(|o| *o != Path::new("-"));
    if let Some(o) = to {
        if InputSet::new([file]).holds(o) {
            return usage_error(messages::output_is_input(out.lang, o.display()));
        }
    }
    let name = file.display().to_string();
    let max = jixiao::syntax::MAX_INPUT_BYTES;
    if let Ok(m) = std::fs::metadata(file) {
        if m.len() > max as u64 {
            return refused(out, &name, &ImportError::TooLarge { len: m.len(), max });
        }
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return usage_error(messages::cannot_read(out.lang, &name, &e)),
    };
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    let imported = match import::import(&file_name, &bytes, out.lang) {
        Ok(i) => i,
        Err(e) => return refused(out, &name, &e),
    };
    let written = match to {
        Some(o) => emit::write_atomic(o, imported.text.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(imported.text.as_bytes())
                .and_then(|_| stdout.flush())
        }
    };
    if let Err(e) = written {
        let shown = to.map_or_else(|| "-".to_string(), |o| o.display().to_string());
        return usage_error(messages::cannot_write(out.lang, shown, &e));
    }
    report(out, &name, &imported);
    if imported.notes.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERRORS
    }
}

/// A file that cannot be imported at all.
fn refused(out: &Out, name: &str, e: &ImportError) -> i32 {
    match out.format {
        MessageFormat::Json => errln!(
            "{}",
            serde_json::json!({
                "file": name,
                "code": e.code(),
                "severity": "error",
                "message": e.message(out.lang),
            })
        ),
        _ => errln!(
            "{}",
            messages::import_error(out.lang, name, e.code(), &e.message(out.lang))
        ),
    }
    EXIT_USAGE
}

/// Each item not placed, then the count.
fn report(out: &Out, name: &str, imported: &import::Imported) {
    for n in &imported.notes {
        match out.format {
            MessageFormat::Json => errln!(
                "{}",
                serde_json::json!({
                    "file": name,
                    "place": n.origin.as_ref().map(|o| import::place(o, out.lang)),
                    "text": n.text,
                    "reason": n.why.text(out.lang),
                })
            ),
            MessageFormat::Short => {
                errln!("{name}: {}", import::note_line(n, out.lang))
            }
            MessageFormat::Human => {
                errln!(
                    "{}",
                    messages::not_placed(out.lang, &import::note_line(n, out.lang))
                )
            }
        }
    }
    if out.format == MessageFormat::Human && !out.quiet {
        errln!(
            "{}",
            messages::imported(
                out.lang,
                imported.projects,
                imported.indicators,
                imported.notes.len()
            )
        );
    }
}
