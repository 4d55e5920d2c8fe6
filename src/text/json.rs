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
        escape_pieces(fragment, 2, |piece| writer.write_all(piece.as_bytes()))
    }
}

/// Finds the characters to escape with SIMD (`memchr`) rather than byte by
/// byte: the open data holds the text of every record twice, and the byte
/// loop was 2.4% of a 10,000-record `long-text` build. Two searches — the
/// markup characters, and the lead byte 0xE2 of the line separators, each
/// hit checked for the two bytes that make it one (the same lead byte also
/// begins “ ” — … in Chinese text, which are passed over) — each remembering
/// where it found its next match, so each byte is searched once per search
/// however the matches interleave. (A search for each separator as a whole
/// sequence, `memmem`, cost twice this one's instructions.)
///
/// [`text`] adds a third search, for what JSON itself escapes (`"`, `\\`
/// and the line break), which serde_json has split fragments at otherwise.
struct Escapes<'a> {
    bytes: &'a [u8],
    /// For each search, where its next match is (`None`: no more), valid
    /// while at or after the position asked about.
    next: [Option<usize>; 3],
    /// How many searches run: 2, or 3 with JSON's own escapes.
    searches: usize,
}

impl<'a> Escapes<'a> {
    fn with(bytes: &'a [u8], searches: usize) -> Escapes<'a> {
        let mut escapes = Escapes {
            bytes,
            next: [None; 3],
            searches,
        };
        for i in 0..searches {
            escapes.search(i, 0);
        }
        escapes
    }

    /// Runs search `i` from `from`.
    fn search(&mut self, i: usize, from: usize) {
        let bytes = self.bytes;
        self.next[i] = match i {
            0 => memchr::memchr3(b'<', b'>', b'&', &bytes[from..]).map(|at| from + at),
            2 => memchr::memchr3(b'"', b'\\', b'\n', &bytes[from..]).map(|at| from + at),
            _ => {
                let mut from = from;
                loop {
                    let Some(at) = memchr::memchr(0xE2, &bytes[from..]).map(|at| from + at) else {
                        break None;
                    };
                    if let [0x80, 0xA8 | 0xA9, ..] = bytes[at + 1..] {
                        break Some(at);
                    }
                    from = at + 1;
                }
            }
        };
    }

    /// The first character at or after `from` to escape: where, its escape,
    /// its length in bytes.
    fn next(&mut self, from: usize) -> Option<(usize, &'static str, usize)> {
        for i in 0..self.searches {
            if self.next[i].is_some_and(|at| at < from) {
                self.search(i, from);
            }
        }
        let (i, at) = (0..self.searches)
            .filter_map(|i| self.next[i].map(|at| (i, at)))
            .min_by_key(|(_, at)| *at)?;
        Some(match (i, self.bytes[at], self.bytes.get(at + 2)) {
            (0, b'<', _) => (at, "\\u003c", 1),
            (0, b'>', _) => (at, "\\u003e", 1),
            (0, _, _) => (at, "\\u0026", 1),
            (2, b'"', _) => (at, "\\\"", 1),
            (2, b'\\', _) => (at, "\\\\", 1),
            (2, _, _) => (at, "\\n", 1),
            (_, _, Some(0xA8)) => (at, "\\u2028", 3),
            _ => (at, "\\u2029", 3),
        })
    }
}

/// Serialises a text as [`push`] would (for `#[serde(serialize_with)]` on
/// the long texts of the open data), but without serde_json's scan of it a
/// byte at a time: the open data carries every record's Markdown, and that
/// scan was 3% of a `long-text` build's instructions. The text is escaped
/// here with [`Escapes`] and handed to serde_json as JSON already made
/// (`RawValue`, which checks it with its own word-at-a-time scan). A text
/// with a control character other than the line break (a tab pasted in:
/// rare) takes serde_json's way, which escapes those.
pub fn text<S: serde::Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match escaped(text).and_then(|json| serde_json::value::RawValue::from_string(json).ok()) {
        Some(raw) => raw.serialize(serializer),
        None => serializer.serialize_str(text),
    }
}

/// [`text`] for an optional text.
pub fn optional_text<S: serde::Serializer>(
    value: &Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(t) => text(t, serializer),
        None => serializer.serialize_none(),
    }
}

/// Hands `text` to `piece` in order, each stretch with nothing to escape as
/// it is and each escape in its place, with the first `searches` of
/// [`Escapes`]. Escapes replace whole characters (ASCII, or a separator's
/// three bytes), so the text is cut at character boundaries.
fn escape_pieces(
    text: &str,
    searches: usize,
    mut piece: impl FnMut(&str) -> io::Result<()>,
) -> io::Result<()> {
    let mut escapes = Escapes::with(text.as_bytes(), searches);
    let mut start = 0;
    while let Some((at, escape, len)) = escapes.next(start) {
        piece(&text[start..at])?;
        piece(escape)?;
        start = at + len;
    }
    piece(&text[start..])
}

/// `text` as a JSON string with [`push`]'s escapes; `None` if it has a
/// control character other than the line break.
fn escaped(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    // In blocks, without stopping at each byte, so the compiler can use
    // vector instructions.
    let control = |block: &[u8]| {
        block
            .iter()
            .fold(false, |c, &b| c | (b < 0x20 && b != b'\n'))
    };
    if bytes.chunks(64).any(control) {
        return None;
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 16 + 2);
    out.push('"');
    escape_pieces(text, 3, |piece| {
        out.push_str(piece);
        Ok(())
    })
    .ok()?;
    out.push('"');
    Some(out)
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

    /// The SIMD search against the byte-by-byte definition, on texts mixing
    /// every escaped character with the Chinese punctuation that shares the
    /// separators' lead byte.
    #[test]
    fn the_escapes_are_found_wherever_they_are() {
        let pieces = [
            "<", ">", "&", "\u{2028}", "\u{2029}", "“", "—", "…", "\u{2027}", "答复", "a", "\n",
        ];
        let mut seed = 0x2545_f491_u32;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                text.push_str(pieces[seed as usize % pieces.len()]);
            }
            let mut expected = String::from("\"");
            for c in text.chars() {
                match c {
                    '<' => expected.push_str("\\u003c"),
                    '>' => expected.push_str("\\u003e"),
                    '&' => expected.push_str("\\u0026"),
                    '\u{2028}' => expected.push_str("\\u2028"),
                    '\u{2029}' => expected.push_str("\\u2029"),
                    '\n' => expected.push_str("\\n"),
                    c => expected.push(c),
                }
            }
            expected.push('"');
            assert_eq!(
                String::from_utf8(to_vec(&text)).unwrap(),
                expected,
                "{text:?}"
            );
        }
    }

    /// Many separators of one kind and none of the other: each search still
    /// passes over the text once (a search per match would take minutes).
    #[test]
    fn a_text_of_separators_is_escaped_in_linear_time() {
        let text = "\u{2028}".repeat(1 << 20);
        let started = std::time::Instant::now();
        let json = to_vec(&text);
        assert_eq!(json.len(), 2 + 6 * (1 << 20));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    /// A text serialised by [`text`] is byte for byte what serde_json writes
    /// with [`push`]'s escapes, control characters and all.
    #[test]
    fn a_text_escaped_here_is_the_same_json() {
        #[derive(Serialize)]
        struct Fast<'a> {
            #[serde(serialize_with = "text")]
            t: &'a str,
            #[serde(serialize_with = "optional_text")]
            o: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Plain<'a> {
            t: &'a str,
            o: Option<&'a str>,
        }
        let common = [
            "<", ">", "&", "\u{2028}", "\u{2029}", "“", "—", "…", "\u{2027}", "答复", "a", "\n",
            "\"", "\\", "\u{7f}", "1. ", "**", "\u{feff}",
        ];
        // Control characters other than the line break: now and then.
        let rare = ["\t", "\r", "\u{1}"];
        let mut seed = 0x1234_5678_u32;
        let mut fast_path = 0;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..(seed % 60) {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                text.push_str(match seed % 64 {
                    0 => rare[(seed >> 8) as usize % rare.len()],
                    _ => common[(seed >> 8) as usize % common.len()],
                });
            }
            fast_path += usize::from(escaped(&text).is_some());
            for o in [None, Some(text.as_str())] {
                let fast = to_vec(&Fast { t: &text, o });
                assert_eq!(fast, to_vec(&Plain { t: &text, o }), "{text:?}");
            }
        }
        assert!(
            fast_path > 1_000,
            "only {fast_path} texts took the fast way"
        );
    }

    #[test]
    fn everything_else_is_compact_json() {
        let value = serde_json::json!({"a": [1, 2.5, null, true], "b": {"c": "d"}});
        assert_eq!(to_vec(&value), serde_json::to_vec(&value).unwrap());
    }
}
