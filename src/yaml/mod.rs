//! YAML text → a tree of located values, through serde-saphyr.
//!
//! serde-saphyr (not the archived serde_yaml) parses, with three settings that
//! matter to a webmaster: `strict_booleans` (only `true`/`false` are booleans, so
//! `yes`, `no`, `on` stay text and are reported instead of silently changing
//! meaning), duplicate keys as errors, and budgets that stop alias bombs and deep
//! nesting within milliseconds. Every node keeps its line and column, so
//! the loader's decoder can point at the exact value that is wrong and can report
//! every wrong field of a file, not only the first as a derived `Deserialize`
//! would.
//!
//! Most content files are read by [`fast`] instead: the same parser's
//! events straight into the tree, without serde's layer, for files it can be
//! sure of; every other file, and every file with an error, goes through
//! serde-saphyr as described here.
//!
//! The parser's own error messages are English and name what the parser was
//! doing, not what the webmaster typed wrong; [`syntax`] turns each into
//! a Chinese message with the caret on the cause.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

mod fast;
mod lines;
mod stub;
pub mod syntax;
pub use stub::has_forbidden;
pub use syntax::is_forbidden;

use crate::diagnostic::{Pos, Problem, ValueType};
use syntax::TreeCheck;

/// One YAML value with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

/// A YAML value. Mapping keys keep their own positions, for "unknown field" errors.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key: its text and position.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub text: String,
    pub pos: Pos,
}

impl Value {
    /// The type name used in messages.
    pub fn value_type(&self) -> ValueType {
        match self {
            Value::Null => ValueType::Null,
            Value::Bool(_) => ValueType::Bool,
            Value::Int(_) => ValueType::Integer,
            Value::Float(_) => ValueType::Number,
            Value::Str(_) => ValueType::Text,
            Value::Seq(_) => ValueType::List,
            Value::Map(_) => ValueType::Mapping,
        }
    }

    /// A scalar as text, in full; empty for null and collections.
    pub fn full_text(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            other => other.scalar_text(),
        }
    }

    /// A short rendering of a scalar for messages; empty for collections.
    pub fn scalar_text(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Str(s) => s.chars().take(40).collect(),
            Value::Null | Value::Seq(_) | Value::Map(_) => String::new(),
        }
    }
}

/// The safety budget: generous for hand-written files, tiny next to what an
/// alias bomb needs. A content file is a few KB with no aliases at all.
///
/// `max_depth` also guards the stack: the tree is built recursively while the
/// parser streams, about 36 KB of stack per level in a debug build, and files are
/// parsed on rayon's worker threads (2 MiB stacks), which overflowed at ~55
/// levels. The deepest real content is three levels (`outcomes` → item → field).
/// `max_nodes` bounds the work on a wide file: a record has a few hundred nodes,
/// a site.yaml with a thousand slug overrides a few thousand.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: 16,
            max_nodes: 20_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_total_scalar_bytes: 16 * 1024 * 1024,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 2_000,
            max_replay_stack_depth: 16,
        },
    }
}

/// The position of the value at a field path, as the decoder names fields
/// (`""` for the top-level mapping, `title`, `outcomes[1].date`); `None` when
/// the file has no such value. The first of repeated keys counts, as in
/// decoding.
pub fn find(root: &Node, path: &str) -> Option<Pos> {
    let mut node = root;
    if path.is_empty() {
        return Some(node.pos);
    }
    for segment in path.split('.') {
        let (key, indices) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
        if !key.is_empty() {
            let Value::Map(entries) = &node.value else {
                return None;
            };
            node = &entries.iter().find(|(k, _)| k.text == key)?.1;
        }
        for index in indices.split('[').skip(1) {
            let i: usize = index.strip_suffix(']')?.parse().ok()?;
            let Value::Seq(items) = &node.value else {
                return None;
            };
            node = items.get(i)?;
        }
    }
    Some(node.pos)
}

/// Parses one file's text. An empty document comes back as `Value::Null`.
///
/// A file the parser refuses, and one it reads as something other than what
/// was meant (a full-width colon, a list item out of line), is an error
/// explained by [`syntax`].
pub fn parse(text: &str) -> Result<Node, (Problem, Pos)> {
    let mut check = TreeCheck::new(text);
    if let Some(node) = fast::parse(text, &mut check) {
        return match check.found {
            Some(found) => Err(found),
            None => Ok(node),
        };
    }
    parse_through_serde(text)
}

/// [`parse`] through serde-saphyr: every file the fast path ([`fast`])
/// leaves, and the reference it is tested against.
fn parse_through_serde(text: &str) -> Result<Node, (Problem, Pos)> {
    let parsed: Result<Spanned<Tree>, serde_saphyr::Error> =
        serde_saphyr::from_str_with_options(text, options());
    match parsed {
        Ok(tree) => {
            let mut check = TreeCheck::new(text);
            // A file that is one text may be one field with a full-width colon.
            if matches!(tree.value, Tree::Str(_)) {
                check.text(At::from(&tree.referenced), true);
            }
            let node = tree.into_node(&mut check);
            match check.found {
                Some(found) => Err(found),
                None => Ok(node),
            }
        }
        Err(err) => Err(syntax::explain(text, &err)),
    }
}

/// The deserialisation target: any YAML value, each node wrapped in `Spanned`.
enum Tree {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Tree>>),
    Map(Vec<(Spanned<String>, Spanned<Tree>)>),
}

trait IntoNode {
    fn into_node(self, check: &mut TreeCheck) -> Node;
}

impl IntoNode for Spanned<Tree> {
    fn into_node(self, check: &mut TreeCheck) -> Node {
        let pos = At::from(&self.referenced).pos();
        let value = match self.value {
            Tree::Null => Value::Null,
            Tree::Bool(b) => Value::Bool(b),
            Tree::Int(i) => Value::Int(i),
            Tree::Float(f) => Value::Float(f),
            Tree::Str(s) => {
                check.text(At::from(&self.referenced), false);
                Value::Str(s)
            }
            Tree::Seq(items) => Value::Seq(
                items
                    .into_iter()
                    .map(|item| item.into_node(check))
                    .collect(),
            ),
            Tree::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let at = At::from(&k.referenced);
                        check.key(&k.value, at);
                        (
                            Key {
                                pos: at.pos(),
                                text: k.value,
                            },
                            v.into_node(check),
                        )
                    })
                    .collect(),
            ),
        };
        Node { value, pos }
    }
}

/// Where a node is, as the parser gives it: line and column (1-based, in
/// characters), its length in characters, and its bytes in the text when known.
#[derive(Clone, Copy, Debug)]
pub struct At {
    pub line: u32,
    pub col: u32,
    pub chars: u32,
    /// Byte offset and length.
    pub bytes: Option<(usize, usize)>,
}

impl At {
    fn pos(self) -> Pos {
        Pos::new(self.line, self.col, self.chars)
    }
}

impl From<&serde_saphyr::Location> for At {
    fn from(loc: &serde_saphyr::Location) -> At {
        let span = loc.span();
        At {
            line: loc.line() as u32,
            col: loc.column() as u32,
            chars: span.len() as u32,
            bytes: span
                .byte_offset()
                .zip(span.byte_len())
                .map(|(at, len)| (at as usize, len as usize)),
        }
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
        Ok(i64::try_from(v)
            .map(Tree::Int)
            .unwrap_or(Tree::Float(v as f64)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Tree, E> {
        Ok(i64::try_from(v)
            .map(Tree::Int)
            .unwrap_or(Tree::Float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Tree, E> {
        Ok(i64::try_from(v)
            .map(Tree::Int)
            .unwrap_or(Tree::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Tree, E> {
        Ok(Tree::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Tree, E> {
        Ok(Tree::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value = map.next_value()?;
            entries.push((
                Spanned {
                    value: key.value.0,
                    referenced: key.referenced,
                    defined: key.defined,
                },
                value,
            ));
        }
        Ok(Tree::Map(entries))
    }
}

/// A mapping key as text, whatever scalar it was written as (`2019: x` is fine).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a plain mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> &'static str {
        parse(text).unwrap_err().0.code()
    }

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let node = parse("\u{feff}title: 停车\r\nstatus: resolved\r\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!("not a map")
        };
        assert_eq!(entries[1].0.text, "status");
        assert_eq!(entries[1].1.pos, Pos::new(2, 9, 8));
        assert_eq!(entries[0].1.value, Value::Str("停车".into()));
    }

    #[test]
    fn yes_and_no_stay_text() {
        let node = parse("key: yes\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, Value::Str("yes".into()));
    }

    #[test]
    fn leading_zeros_stay_text() {
        let node = parse("number: 0003\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, Value::Str("0003".into()));
    }

    #[test]
    fn refuses_duplicates_bombs_and_nesting() {
        let dup = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(dup.0, Problem::DuplicateKey { key: "a".into() });
        assert_eq!(dup.1.line, 3);
        assert_eq!(code(&"[".repeat(10_000)), "E005");
        assert_eq!(code("a: [1\n"), "E001");
    }
}
