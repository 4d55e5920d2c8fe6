//! JSON that is safe wherever it ends up.
//!
//! Open data and search shards carry text written by webmasters, and a title
//! may hold `<script>` as words. JSON served as `application/json` never runs,
//! but files get sniffed, pasted into pages, or loaded as scripts (the search
//! shards under `file://`), so gongkai writes `<`, `>` and `&` as `\u003c`,
//! `\u003e` and `\u0026`, and the line separators U+2028/U+2029 (line ends in
//! JavaScript, not in JSON) as escapes too. Any JSON parser reads the same text.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

/// Compact JSON (the trait's defaults) with the escapes above.
struct HtmlSafe;

impl Formatter for HtmlSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Bytes, not chars: every escaped character starts with a byte that
        // begins no other (`<`, `>`, `&`, and 0xE2 0x80 0xA8/0xA9).
        let bytes = fragment.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let (escape, len) = match bytes[i] {
                b'<' => ("\\u003c", 1),
                b'>' => ("\\u003e", 1),
                b'&' => ("\\u0026", 1),
                0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA8]) => ("\\u2028", 3),
                0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA9]) => ("\\u2029", 3),
                _ => {
                    i += 1;
                    continue;
                }
            };
            writer.write_all(&bytes[start..i])?;
            writer.write_all(escape.as_bytes())?;
            i += len;
            start = i;
        }
        writer.write_all(&bytes[start..])
    }
}

/// Appends `value` as HTML-safe compact JSON.
pub fn push<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let mut ser = Serializer::with_formatter(&mut *out, HtmlSafe);
    // Serialising plain structs and strings into memory cannot fail.
    value
        .serialize(&mut ser)
        .expect("JSON serialisation into memory");
}

/// `value` as HTML-safe compact JSON.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    push(&mut out, value);
    out
}

/// The property names a schema declares, in order; the decoder's field lists are
/// tested against these so the schema and the loader cannot drift apart.
pub fn schema_properties<T: schemars::JsonSchema>() -> Vec<String> {
    let schema = schemars::schema_for!(T);
    schema
        .as_object()
        .and_then(|o| o.get("properties"))
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_line_separators_are_escaped_and_read_back() {
        let text = "<script>a&b</script>\u{2028}\"引号\"\n";
        let json = String::from_utf8(to_vec(&serde_json::json!({ "t": text }))).unwrap();
        assert_eq!(
            json,
            r#"{"t":"\u003cscript\u003ea\u0026b\u003c/script\u003e\u2028\"引号\"\n"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], text);
    }

    #[test]
    fn everything_else_is_compact_json() {
        let value = serde_json::json!({"a": [1, 2.5, null, true], "b": {"c": "d"}});
        assert_eq!(to_vec(&value), serde_json::to_vec(&value).unwrap());
    }
}
