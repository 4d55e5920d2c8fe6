//! The README lists every diagnostic code gongkai can print, and no other: its
//! table sits between `<!-- SECTION: diagnostics -->` and the next section
//! marker, and webmasters look codes up there.

use std::collections::BTreeSet;

use gongkai::diagnostic::{Lang, Problem};

/// The codes (`E012`, `W001`) written in the README's diagnostics section.
fn readme_codes() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let text = std::fs::read_to_string(path).expect("README.md");
    let start = text
        .find("<!-- SECTION: diagnostics -->")
        .expect("the README has a diagnostics section marker");
    let section = &text[start + "<!-- SECTION: diagnostics -->".len()..];
    let section = &section[..section.find("<!-- SECTION").unwrap_or(section.len())];
    let bytes = section.as_bytes();
    (0..bytes.len().saturating_sub(3))
        .filter(|&i| {
            matches!(bytes[i], b'E' | b'W')
                && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric())
        })
        .map(|i| section[i..i + 4].to_string())
        .collect()
}

#[test]
fn readme_lists_every_diagnostic_code() {
    let listed = readme_codes();
    let catalogue = Problem::catalogue();
    let missing: Vec<String> = catalogue
        .iter()
        .filter(|p| !listed.contains(p.code()))
        .map(|p| format!("{}  {}", p.code(), p.message(Lang::En)))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's diagnostics section lacks {} code(s):\n{}",
        missing.len(),
        missing.join("\n")
    );
    let known: BTreeSet<&str> = catalogue.iter().map(|p| p.code()).collect();
    let stale: Vec<&String> = listed
        .iter()
        .filter(|c| !known.contains(c.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "README.md lists codes gongkai never prints: {stale:?}"
    );
}
