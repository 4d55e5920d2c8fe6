//! XML text escaping for the feed and the sitemap.
//!
//! Five characters need escaping in XML text and attribute values; and XML 1.0
//! forbids most control characters outright (a parser must reject the whole
//! document), so those are dropped: content may carry them through YAML escapes
//! (`"\u0001"`). Hand-written because it is this small; the tests feed it
//! hostile text and parse the result with a real XML parser.

use std::fmt::Write;

/// Appends `text` to `out`, escaped for XML text and attribute values.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` escaped for XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Whether XML 1.0 allows the character (`Char` production; Rust `char`s are
/// never surrogates).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Appends `<name>escaped text</name>`.
pub fn element(out: &mut String, name: &str, text: &str) {
    let _ = write!(out, "<{name}>");
    push_escaped(out, text);
    let _ = write!(out, "</{name}>");
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a&b <script>alert('x')</script> \"q\" ]]> &amp; \u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF} 中文\t\n𠀀 <!-- --> <?pi?> <![CDATA[x]]>";

    #[test]
    fn hostile_text_round_trips_through_a_real_parser() {
        let doc = format!(
            "<r a=\"{}\" b='{}'>{}</r>",
            escape(HOSTILE),
            escape(HOSTILE),
            escape(HOSTILE)
        );
        let parsed = roxmltree::Document::parse(&doc).expect("well-formed XML");
        let expected: String = HOSTILE
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '\u{1}' | '\u{8}' | '\u{B}' | '\u{C}' | '\u{1F}' | '\u{FFFE}' | '\u{FFFF}'
                )
            })
            .collect();
        let root = parsed.root_element();
        assert_eq!(root.text(), Some(expected.as_str()));
        // Attribute values are normalised by the parser (tab and newline become spaces).
        let normalised = expected.replace(['\t', '\n'], " ");
        assert_eq!(root.attribute("a"), Some(normalised.as_str()));
        assert_eq!(root.attribute("b"), Some(normalised.as_str()));
    }

    #[test]
    fn markup_never_survives() {
        let e = escape(HOSTILE);
        for bad in ["<", ">", "\"", "'", "\u{1}", "\u{FFFF}"] {
            assert!(!e.contains(bad), "{bad:?} in {e}");
        }
        assert!(
            e.contains("&amp;amp;"),
            "an existing entity is escaped again"
        );
    }

    #[test]
    fn elements_wrap_escaped_text() {
        let mut out = String::new();
        element(&mut out, "title", "A & B");
        assert_eq!(out, "<title>A &amp; B</title>");
    }
}
