//! The hand-written parser against the pest grammar on any text: the same
//! tree, the same diagnostics, the same refusal; and the top-level items read
//! one at a time are the items of the whole parse when no repair applies.
#![no_main]
use jixiao::syntax::{parse_or_refuse, Item, TopLevel};
use libfuzzer_sys::fuzz_target;

// pest is built without its std feature, and the no-std code pest_derive
// generates names `alloc`.
extern crate alloc;

/// The pest reference parser, shared with the tests.
#[path = "../../tests/suite/reference.rs"]
mod reference;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fast = parse_or_refuse(text);
    let oracle = reference::parse_in_pieces(text, usize::MAX);
    assert_eq!(fast.2, oracle.2, "refusal differs");
    assert_eq!(fast.1, oracle.1, "diagnostics differ");
    assert_eq!(fast.0, oracle.0, "trees differ");
    if fast.2 {
        return;
    }
    let mut top = TopLevel::new(text);
    let (mut items, mut diags) = (Vec::new(), Vec::new());
    while let Some(item) = top.next_item(&mut diags) {
        items.push(item.expect("the whole parse was not refused"));
    }
    let repaired = diags.iter().any(|d| d.code == "E003")
        || items.iter().any(|i| matches!(i, Item::StrayClose(_)));
    if !repaired {
        assert_eq!(items, fast.0.items, "streamed items differ");
        assert_eq!(diags, fast.1, "streamed diagnostics differ");
    }
});
