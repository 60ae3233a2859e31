//! `jixiao explain`: the longer explanation of a diagnostic code.

use super::messages;
use super::output::{outln, usage_error, EXIT_OK};
use jixiao::diag::{catalogue, Lang};

pub(super) fn explain(code: &str, lang: Lang) -> i32 {
    match catalogue::entry(code) {
        Some(e) => {
            let (title, text) = match lang {
                Lang::Zh => (e.title.0, e.explain.0),
                Lang::En => (e.title.1, e.explain.1),
            };
            outln!("{}", messages::explanation(e.code.as_str(), title, text));
            EXIT_OK
        }
        None => usage_error(messages::no_such_code(lang, code)),
    }
}
