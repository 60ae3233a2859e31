//! JSON output (`jixiao-sheet/1`): the model serialised with a fixed key
//! order (struct order), amounts as exact decimal strings, and a final newline.

use crate::model::Sheet;

pub fn to_string(sheet: &Sheet) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(sheet).unwrap_or_default();
    s.push('\n');
    s
}
