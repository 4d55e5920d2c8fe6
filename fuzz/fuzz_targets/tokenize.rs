//! The search tokeniser: whatever the text, folding keeps every UTF-16 unit
//! in place (the client marks matches by offset), tokens are non-empty and
//! hold no separator, CJK tokens are one or two characters, and a query
//! splits into units without panicking.
#![no_main]

use gongkai::search::{query, tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let folded = tokenize::fold_str(text);
    assert_eq!(
        folded.encode_utf16().count(),
        text.encode_utf16().count(),
        "folding moved offsets in {text:?}"
    );
    for token in tokenize::tokens(text) {
        assert!(!token.is_empty(), "an empty token from {text:?}");
        assert!(
            token
                .chars()
                .all(|c| tokenize::class(c) != tokenize::Class::Separator),
            "separator in {token:?} from {text:?}"
        );
        if token.chars().any(tokenize::is_cjk) {
            assert!(token.chars().count() <= 2, "{token:?} from {text:?}");
        }
    }
    let _ = query::units(text);
});
