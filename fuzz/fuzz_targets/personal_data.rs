//! The personal-data scanner: whatever the text, nothing panics; findings lie
//! within the text on character boundaries, sorted and never overlapping; the
//! masked form never holds the whole number or address; and the same text
//! scanned against an allowlist of its own findings reports nothing.
#![no_main]

use gongkai::personal_data::{Allowlist, Kind, scan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let findings = scan(text, &Allowlist::default());
    let mut end = 0;
    for f in &findings {
        let r = f.range.clone();
        assert!(
            r.start >= end,
            "unsorted or overlapping in {text:?}: {findings:?}"
        );
        assert!(r.start < r.end && r.end <= text.len(), "{r:?} in {text:?}");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{r:?} not on character boundaries in {text:?}"
        );
        assert!(!f.masked.contains(&f.normalised), "{f:?} from {text:?}");
        let expected_len = match f.kind {
            Kind::Mobile => 11,
            Kind::IdNumber => 18,
            Kind::Email => f.normalised.len(),
        };
        assert_eq!(f.normalised.len(), expected_len, "{f:?} from {text:?}");
        if f.kind != Kind::Email {
            // The masked form hides the middle: no run of the number's digits
            // longer than what is kept (4) survives in it.
            assert!(
                f.masked
                    .split('*')
                    .all(|part| part.len() <= 4 && f.normalised.contains(part)),
                "{f:?} from {text:?}"
            );
        }
        end = r.end;
    }
    let allow = Allowlist::new(findings.iter().map(|f| &text[f.range.clone()]));
    let left = scan(text, &allow);
    assert!(
        left.is_empty(),
        "allowed findings reported again in {text:?}: {left:?}"
    );
});
