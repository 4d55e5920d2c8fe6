//! The tree of an ordinary content file, built from the parser's events
//! without serde.
//!
//! Why: serde-saphyr reads YAML through serde's data model — every node a
//! `Spanned` value asked for through a visitor, events buffered and peeked —
//! and that layer cost about twice the parser itself: 7% of a 10,000-record
//! build against the parser's 5%. A record file is a plain mapping of texts,
//! lists and a few `true`/`false`, so this reader takes the parser's events
//! (granit-parser, which serde-saphyr drives) straight into the [`Node`] tree.
//!
//! It handles only what it can be sure of, and gives up (`None`) on the rest,
//! which [`super::parse_through_serde`] then reads exactly as before: any
//! parser error, anchors, aliases, tags, a `<<` merge key, several documents,
//! a file that is not a mapping, a duplicate key, a key that is not a text,
//! the budget's limits (depth, nodes, text size), and any plain scalar that
//! might be something other than a text (a number, `yes`, `.inf`, …: the
//! test for "surely a text" is [`surely_text`]). The scalars it does type follow
//! serde-saphyr's rules with our options (`strict_booleans`): `true`, `True`,
//! `TRUE` and the `false`s are booleans, `~`, `null`, `Null`, `NULL` and
//! nothing are null. Positions are the parser's, turned into lines and
//! columns the way serde-saphyr turns them.
//!
//! Tests (`fast_tests.rs`) check that both readers give the same tree,
//! positions and problems included, on every file of the generated corpora,
//! the demo site and hand-written edge cases, and that the generated records
//! do take this path.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle, Span, StrInput};

use super::stub::Regions;
use super::syntax::TreeCheck;
use super::{At, Key, Node, Value};

/// The budget of `super::options`, enforced here by giving up: serde-saphyr
/// then reports the breach.
const MAX_DEPTH: usize = 16;
const MAX_NODES: usize = 20_000;
const MAX_SCALAR_BYTES: usize = 16 * 1024 * 1024;

/// The tree of `text`, or `None` when serde-saphyr should read it (see the
/// module doc). Problems of a file that parsed are recorded in `check`, in
/// the order serde's reader finds them.
///
/// The file's literal scalars are read from a copy with their bodies
/// stubbed out where [`super::stub`] is sure of them; if the parser does not
/// confirm every stub, the file is read again whole.
pub(super) fn parse(text: &str, check: &mut TreeCheck<'_>) -> Option<Node> {
    if let Some(mut stubs) = super::stub::stub(text) {
        if let Some(node) = parse_from(&stubs.text, Some(&mut stubs.regions), check)
            && stubs.regions.all_taken()
        {
            return Some(node);
        }
        check.found = None;
    }
    parse_from(text, None, check)
}

/// The tree of `text`, or of the file `text` is a stubbed copy of.
fn parse_from(text: &str, stubs: Option<&mut Regions>, check: &mut TreeCheck<'_>) -> Option<Node> {
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut reader = Reader {
        parser: Parser::new_from_str_with_options(text, options),
        nodes: 0,
        scalar_bytes: 0,
        stubs,
        check,
    };
    let (Event::StreamStart, _) = reader.next()? else {
        return None;
    };
    let (Event::DocumentStart(..), _) = reader.next()? else {
        return None;
    };
    let (first, span) = reader.next()?;
    if !matches!(first, Event::MappingStart(..)) {
        return None;
    }
    let root = reader.node(first, span, 1)?;
    let (Event::DocumentEnd, _) = reader.next()? else {
        return None;
    };
    let (Event::StreamEnd, _) = reader.next()? else {
        return None;
    };
    match reader.parser.next_event() {
        None => Some(root),
        Some(_) => None,
    }
}

struct Reader<'t, 'c, 'k> {
    parser: Parser<'t, StrInput<'t>>,
    nodes: usize,
    scalar_bytes: usize,
    /// The stubbed bodies when `parser` reads a stubbed copy.
    stubs: Option<&'c mut Regions>,
    check: &'c mut TreeCheck<'k>,
}

impl<'t> Reader<'t, '_, '_> {
    /// The next event; `None` at the end or on an error.
    fn next(&mut self) -> Option<(Event<'t>, Span)> {
        self.parser.next_event()?.ok()
    }

    fn node(&mut self, event: Event<'t>, span: Span, depth: usize) -> Option<Node> {
        self.nodes += 1;
        if depth > MAX_DEPTH || self.nodes > MAX_NODES {
            return None;
        }
        let here = self.at(&span)?;
        let value = match event {
            Event::Scalar(text, style, 0, None) => {
                let text = match (&mut self.stubs, style) {
                    (Some(stubs), ScalarStyle::Literal) => {
                        let at = span.start.byte_offset().unwrap_or(usize::MAX);
                        match stubs.take(at, &text) {
                            Some(original) => Cow::Owned(original),
                            None => text,
                        }
                    }
                    _ => text,
                };
                self.scalar_bytes += text.len();
                if self.scalar_bytes > MAX_SCALAR_BYTES {
                    return None;
                }
                let value = scalar(text, style)?;
                match (&value, style) {
                    (Value::Str(_), ScalarStyle::Plain) => self.check.text(here, false),
                    (Value::Str(_), _) => self.check.quoted_or_block_text(here),
                    _ => {}
                }
                value
            }
            Event::SequenceStart(_, 0, None) => {
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(event, span, depth + 1)?);
                }
                Value::Seq(items)
            }
            Event::MappingStart(_, 0, None) => {
                let mut entries: Vec<(Key, Node)> = Vec::new();
                // The keys seen, once there are too many to compare one by one
                // (a hostile file may hold thousands).
                let mut seen: Option<std::collections::HashSet<String>> = None;
                loop {
                    let (event, span) = self.next()?;
                    let text = match event {
                        Event::MappingEnd => break,
                        Event::Scalar(text, style, 0, None) => {
                            self.scalar_bytes += text.len();
                            key_text(text, style)?
                        }
                        _ => return None,
                    };
                    let duplicate = match &mut seen {
                        Some(seen) => !seen.insert(text.clone()),
                        None => entries.iter().any(|(k, _)| k.text == text),
                    };
                    if duplicate {
                        return None;
                    }
                    if seen.is_none() && entries.len() >= 32 {
                        seen = Some(
                            entries
                                .iter()
                                .map(|(k, _)| k.text.clone())
                                .chain([text.clone()])
                                .collect(),
                        );
                    }
                    let key_at = self.at(&span)?;
                    self.nodes += 1;
                    self.check.key(&text, key_at);
                    let (event, span) = self.next()?;
                    let value = self.node(event, span, depth + 1)?;
                    entries.push((
                        Key {
                            text,
                            pos: key_at.pos(),
                        },
                        value,
                    ));
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        Some(Node {
            value,
            pos: here.pos(),
        })
    }

    /// A span as the original file's.
    fn at(&self, span: &Span) -> Option<At> {
        match &self.stubs {
            Some(stubs) => stubs.at(span),
            None => Some(at(span)),
        }
    }
}

/// A span as serde-saphyr's `Location` gives it (1-based column, length in
/// characters, bytes when the input gives them).
pub(super) fn at(span: &Span) -> At {
    let bytes = span
        .start
        .byte_offset()
        .zip(span.end.byte_offset())
        .map(|(start, end)| (start, end.saturating_sub(start)));
    At {
        line: span.start.line() as u32,
        col: span.start.col() as u32 + 1,
        chars: span.len() as u32,
        bytes,
    }
}

/// A value scalar, typed as serde-saphyr types it; `None` when unsure.
fn scalar(text: Cow<'_, str>, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::Str(text.into_owned()));
    }
    Some(match &*text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        t if surely_text(t) => Value::Str(text.into_owned()),
        _ => return None,
    })
}

/// A mapping key: a text, quoted or plain; `None` for anything serde's
/// reader would type (a number, `true`, a null: what [`scalar`] does not
/// read as a text) or treat specially (`<<`).
fn key_text(text: Cow<'_, str>, style: ScalarStyle) -> Option<String> {
    match scalar(text, style)? {
        Value::Str(key) if !(style == ScalarStyle::Plain && key == "<<") => Some(key),
        _ => None,
    }
}

/// Whether a plain scalar can only be a text: none of the spellings of a
/// number (decimal, `0x`/`0o`/`0b`, floats, `.inf`, `.nan`, Rust's `inf`
/// and `nan` words) or of the YAML 1.1 booleans could match it. Conservative:
/// `false` only sends the file the slow way.
pub(super) fn surely_text(t: &str) -> bool {
    let Some(&first) = t.as_bytes().first() else {
        return false;
    };
    match first {
        // Chinese, and any other text not starting in ASCII.
        0x80.. => true,
        b'a'..=b'z' | b'A'..=b'Z' => {
            let word = t.to_ascii_lowercase();
            let word = word.trim_end_matches(['.', ' ']);
            !matches!(
                word,
                "y" | "yes"
                    | "n"
                    | "no"
                    | "on"
                    | "off"
                    | "true"
                    | "false"
                    | "null"
                    | "inf"
                    | "infinity"
                    | "nan"
            )
        }
        // A date or an id such as `2019-09-22` or `2017-zx`: a `-` after
        // the first character and not after an exponent's `e` is in no
        // number.
        b'0'..=b'9' => t
            .as_bytes()
            .windows(2)
            .any(|w| w[1] == b'-' && !matches!(w[0], b'e' | b'E')),
        // Signs, dots and the rest could start a number or a special value.
        b'+' | b'-' | b'.' | b'~' => false,
        _ => true,
    }
}

#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
