//! Located YAML tree → typed content values, reporting every wrong field.
//!
//! Each `decode_*` function (`files.rs`) reads one file kind field by field,
//! through the [`Decoder`]'s readers (this file). The fields it asks for are
//! the file kind's complete field list: anything else in the mapping is an
//! unknown field, with a did-you-mean hint drawn from that same list. A test checks
//! these lists against the JSON Schema generated from [`crate::content`], so the
//! schema editors see and the loader cannot disagree.
//!
//! A file with wrong fields still decodes, as long as it is a mapping: each wrong
//! field gets a stand-in value and is listed in [`Located::broken`], so the
//! cross-file checks of the validate stage can still run on the fields that are
//! right (a misspelt title must not hide an unknown session in the same file).
//! Such a value never reaches the model: its errors stop the build first.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::{self, PartialDate};
use crate::diagnostic::{Diagnostic, Diagnostics, Lines, Pos, Problem, Source, ValueType};
use crate::yaml::{Key, Node, Value, has_forbidden, is_forbidden};

mod files;
pub use files::{decode_record, decode_session, decode_site};

/// A decoded value and where each of its fields was written (`"status"`,
/// `"outcomes[1].date"`), for diagnostics raised by later checks.
#[derive(Clone, Debug)]
pub struct Located<T> {
    pub value: T,
    pub source: Source,
    /// Set when the source text was let go after decoding
    /// ([`Located::forget_text`]): the file to read again for a snippet.
    origin: Option<std::path::PathBuf>,
    positions: BTreeMap<String, Pos>,
    /// The fields that were wrong and hold stand-in values (paths as in
    /// `positions`); empty when every field decoded.
    broken: BTreeSet<String>,
}

impl<T> Located<T> {
    /// Where a field's value was written (`""`: the file's top-level mapping);
    /// the file's first line if it was not.
    pub fn pos(&self, field: &str) -> Pos {
        self.positions
            .get(field)
            .copied()
            .unwrap_or(Pos::new(1, 1, 0))
    }

    /// A diagnostic pointing at a field of this file.
    pub fn diagnostic(&self, problem: Problem, field: &str) -> Diagnostic {
        let Some(origin) = &self.origin else {
            return Diagnostic::at(problem, &self.source, self.pos(field));
        };
        // Text and positions were let go: the file is read and parsed again
        // if the diagnostic is shown, once for all the diagnostics about it.
        // (Should it have changed since, the diagnostic shows it as it is now.)
        Diagnostic::deferred(problem, &self.source.name, origin, field, find_fields)
    }

    /// Calls `f` with the file's text and a function giving where a field's
    /// value was written in it, for checks that point inside a value (the
    /// place of a number in a reply) or at several fields of one file. When
    /// the text was let go ([`Located::forget_text`]) the file is read and
    /// parsed again, once for the call. (Should it have changed since, the
    /// positions are those of the file as it is now.)
    pub fn with_source<R>(&self, f: impl FnOnce(&Source, &dyn Fn(&str) -> Pos) -> R) -> R {
        let Some(origin) = &self.origin else {
            return f(&self.source, &|field| self.pos(field));
        };
        let text = std::fs::read_to_string(origin).unwrap_or_default();
        let source = Source::new(
            self.source.name.clone(),
            text.strip_prefix('\u{feff}').unwrap_or(&text),
        );
        let root = crate::yaml::parse(&source.text).ok();
        let pos = |field: &str| {
            root.as_ref()
                .and_then(|root| crate::yaml::find(root, field))
                .unwrap_or(Pos::new(1, 1, 0))
        };
        f(&source, &pos)
    }

    /// Lets go of the file's text and field positions, which the diagnostics
    /// of later checks otherwise use; such a diagnostic then reads the file
    /// again when it is shown. Record files do this after decoding: they are
    /// many, later checks rarely find anything in them, and their text and
    /// positions were more than half the memory a 100,000-record build held
    /// after loading.
    pub fn forget_text(&mut self, path: &std::path::Path) {
        self.source.text = std::sync::Arc::from("");
        self.positions = BTreeMap::new();
        self.origin = Some(path.to_path_buf());
    }

    /// Whether every field decoded, so the value is the file's true content.
    pub fn is_complete(&self) -> bool {
        self.broken.is_empty()
    }

    /// Whether `field` (or a part of it, or a field it is part of) was wrong and
    /// holds a stand-in: `is_broken("filing")` is true when `filing.icp` was.
    pub fn is_broken(&self, field: &str) -> bool {
        let within = |inner: &str, outer: &str| {
            inner == outer
                || inner
                    .strip_prefix(outer)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        };
        self.broken
            .iter()
            .any(|b| within(b, field) || within(field, b))
    }
}

/// The place of each of `fields` in a file's text, parsed once
/// ([`crate::diagnostic::FindFields`]); none if the text no longer parses.
fn find_fields(text: &str, fields: &[&str]) -> Vec<Option<Pos>> {
    match crate::yaml::parse(text) {
        Ok(root) => fields.iter().map(|f| crate::yaml::find(&root, f)).collect(),
        Err(_) => vec![None; fields.len()],
    }
}

/// The most field errors listed for one file. A file with thousands (a pasted
/// spreadsheet, a hostile file) would otherwise print megabytes, and drawing
/// each one's source line costs time in proportion to the file.
pub const MAX_ERRORS_PER_FILE: usize = 30;

/// Reads fields from one file, collecting diagnostics.
pub struct Decoder<'a> {
    source: &'a Source,
    diags: &'a mut Diagnostics,
    positions: BTreeMap<String, Pos>,
    broken: BTreeSet<String>,
    /// Problems found so far; the first ones by position become diagnostics.
    found: Vec<(Problem, Pos)>,
}

/// The entries of one mapping, and the field names asked for so far.
struct Fields<'n> {
    path: String,
    pos: Pos,
    entries: &'n [(Key, Node)],
    asked: Vec<&'static str>,
    /// Fields a later version renamed, already reported with their new form.
    retired: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    fn field_path(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }
}

impl<'a> Decoder<'a> {
    pub fn new(source: &'a Source, diags: &'a mut Diagnostics) -> Decoder<'a> {
        Decoder {
            source,
            diags,
            positions: BTreeMap::new(),
            broken: BTreeSet::new(),
            found: Vec::new(),
        }
    }

    fn report(&mut self, problem: Problem, pos: Pos) {
        if let Some(field) = problem.broken_field() {
            self.broken.insert(field.to_string());
        }
        self.found.push((problem, pos));
    }

    /// The decoded value, `None` only when the file was not a mapping at all.
    /// Reports the first [`MAX_ERRORS_PER_FILE`] problems in file order, and how
    /// many more there are.
    fn finish<T>(mut self, value: Option<T>) -> Option<Located<T>> {
        let mut found = std::mem::take(&mut self.found);
        found.sort_by_key(|(_, pos)| *pos);
        let more = found.len().saturating_sub(MAX_ERRORS_PER_FILE);
        if more > 0 {
            // Placed where the first unlisted one is, so it prints after the listed.
            let pos = found[MAX_ERRORS_PER_FILE].1;
            found.truncate(MAX_ERRORS_PER_FILE);
            found.push((Problem::TooManyErrors { more }, pos));
        }
        // The file's lines are found once for all its diagnostics.
        let lines = (!found.is_empty()).then(|| Lines::new(&self.source.text));
        for (problem, pos) in found {
            let line = lines.as_ref().and_then(|l| l.line(pos.line));
            let name = self.source.name.clone();
            self.diags
                .push(Diagnostic::at_line(problem, name, pos, line));
        }
        Some(Located {
            value: value?,
            source: self.source.clone(),
            origin: None,
            positions: self.positions,
            broken: self.broken,
        })
    }

    /// Opens a mapping; reports a list or scalar where the mapping belongs.
    fn mapping<'n>(&mut self, node: &'n Node, path: &str) -> Option<Fields<'n>> {
        // Remembered so that a check about something missing (the file's root
        // is `""`) can point where the "missing field" error would.
        self.positions.entry(path.to_string()).or_insert(node.pos);
        match &node.value {
            Value::Map(entries) => Some(Fields {
                path: path.to_string(),
                pos: node.pos,
                entries,
                asked: Vec::new(),
                retired: Vec::new(),
            }),
            other => {
                self.report(
                    Problem::NotMapping {
                        field: path.to_string(),
                        found: other.value_type(),
                    },
                    node.pos,
                );
                None
            }
        }
    }

    /// Looks a field up, remembering its position and that it was asked for.
    fn get<'n>(&mut self, fields: &mut Fields<'n>, name: &'static str) -> Option<&'n Node> {
        fields.asked.push(name);
        let node = fields
            .entries
            .iter()
            .find(|(k, _)| k.text == name)
            .map(|(_, v)| v)?;
        self.positions.insert(fields.field_path(name), node.pos);
        Some(node)
    }

    /// Reports a field that a later version renamed or replaced, with its new
    /// form (`replacement` writes it from the old value), so an older site is
    /// migrated by reading the messages. It is not an unknown field.
    fn retired(
        &mut self,
        fields: &mut Fields<'_>,
        name: &'static str,
        replacement: impl FnOnce(&Node) -> String,
    ) {
        let Some((key, node)) = fields.entries.iter().find(|(k, _)| k.text == name) else {
            return;
        };
        fields.retired.push(name);
        let problem = Problem::RetiredField {
            field: fields.field_path(name),
            replacement: replacement(node),
        };
        self.report(problem, key.pos);
    }

    /// Reports every key that no `get` asked for.
    fn close(&mut self, fields: Fields<'_>) {
        for (key, _) in fields.entries {
            let name = key.text.as_str();
            if !fields.asked.contains(&name) && !fields.retired.contains(&name) {
                let problem = Problem::UnknownField {
                    field: fields.field_path(&key.text),
                    allowed: fields.asked.clone(),
                };
                self.report(problem, key.pos);
            }
        }
    }

    fn missing(&mut self, fields: &Fields<'_>, name: &str) {
        self.report(
            Problem::MissingField {
                field: fields.field_path(name),
            },
            fields.pos,
        );
    }

    fn wrong_type(&mut self, path: String, expected: ValueType, node: &Node) {
        // A number is quoted as the file writes it: read as a float,
        // 18446744073709551615 would print as 18446744073709552000, a value
        // the file does not hold.
        let written = || {
            let line = self.source.line(node.pos.line)?;
            let text: String = line
                .chars()
                .skip(node.pos.col.saturating_sub(1) as usize)
                .take(node.pos.len as usize)
                .collect();
            (!text.is_empty()).then_some(text)
        };
        let value = match node.value {
            Value::Int(_) | Value::Float(_) => written(),
            _ => None,
        };
        let problem = Problem::WrongType {
            field: path,
            expected,
            found: node.value.value_type(),
            value: value.unwrap_or_else(|| node.value.scalar_text()),
        };
        self.report(problem, node.pos);
    }

    // --- scalar readers ----------------------------------------------------------

    /// Text from a scalar; numbers are taken as written (`number: 12`).
    fn as_text(&mut self, path: String, node: &Node) -> Option<String> {
        match &node.value {
            Value::Str(s) => {
                let mut text = if has_bidi_control(s) {
                    self.report(
                        Problem::BidiControl {
                            field: path.clone(),
                        },
                        node.pos,
                    );
                    s.replace(is_bidi_control, "").trim().to_string()
                } else {
                    s.trim().to_string()
                };
                if has_forbidden(&text) {
                    self.report(
                        Problem::ControlInText {
                            field: path.clone(),
                        },
                        node.pos,
                    );
                    text = text.replace(is_forbidden, "").trim().to_string();
                }
                if !is_body_text(&path) && text.len() > MAX_LINE_CHARS {
                    let chars = text.chars().count();
                    if chars > MAX_LINE_CHARS {
                        self.report(
                            Problem::TextTooLong {
                                field: path,
                                chars,
                                max: MAX_LINE_CHARS,
                            },
                            node.pos,
                        );
                        return None;
                    }
                }
                Some(text)
            }
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            _ => {
                self.wrong_type(path, ValueType::Text, node);
                None
            }
        }
    }

    fn optional_text(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<String> {
        let node = self.get(fields, name)?;
        if node.value == Value::Null {
            return None;
        }
        self.as_text(fields.field_path(name), node)
            .filter(|s| !s.is_empty())
    }

    fn required_text(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<String> {
        let Some(node) = self.get(fields, name) else {
            self.missing(fields, name);
            return None;
        };
        let path = fields.field_path(name);
        match &node.value {
            Value::Null => {
                self.report(Problem::EmptyValue { field: path }, node.pos);
                None
            }
            _ => {
                let text = self.as_text(path.clone(), node)?;
                if text.is_empty() {
                    self.report(Problem::EmptyValue { field: path }, node.pos);
                    return None;
                }
                Some(text)
            }
        }
    }

    fn flag(&mut self, fields: &mut Fields<'_>, name: &'static str) -> bool {
        match self.get(fields, name) {
            None => false,
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => *b,
            Some(Node {
                value: Value::Str(s),
                ..
            }) if content::printed_bool(s).is_some() => {
                content::printed_bool(s).unwrap_or_default()
            }
            Some(node) => {
                self.wrong_type(fields.field_path(name), ValueType::Bool, node);
                false
            }
        }
    }

    /// `true` or `false`; `None` when the field is absent or empty (not stated).
    fn optional_flag(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<bool> {
        match self.get(fields, name) {
            None
            | Some(Node {
                value: Value::Null, ..
            }) => None,
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => Some(*b),
            Some(Node {
                value: Value::Str(s),
                ..
            }) if content::printed_bool(s).is_some() => content::printed_bool(s),
            Some(node) => {
                self.wrong_type(fields.field_path(name), ValueType::Bool, node);
                None
            }
        }
    }

    fn keyword<K>(
        &mut self,
        fields: &mut Fields<'_>,
        name: &'static str,
        parse: fn(&str) -> Option<K>,
        keywords: fn() -> Vec<&'static str>,
    ) -> Option<K> {
        let node = self.get(fields, name)?;
        let path = fields.field_path(name);
        let value = match &node.value {
            Value::Null => return None,
            Value::Str(s) => match parse(s.trim()) {
                Some(found) => return Some(found),
                None => s.clone(),
            },
            _ => node.value.scalar_text(),
        };
        let problem = Problem::UnknownValue {
            field: path,
            value,
            allowed: keywords(),
        };
        self.report(problem, node.pos);
        None
    }

    fn required_keyword<K>(
        &mut self,
        fields: &mut Fields<'_>,
        name: &'static str,
        parse: fn(&str) -> Option<K>,
        keywords: fn() -> Vec<&'static str>,
    ) -> Option<K> {
        if !fields.entries.iter().any(|(k, _)| k.text == name) {
            fields.asked.push(name);
            self.missing(fields, name);
            return None;
        }
        self.keyword(fields, name, parse, keywords)
    }

    fn date(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<content::Date> {
        let node = self.get(fields, name)?;
        if node.value == Value::Null {
            return None;
        }
        let text = node.value.scalar_text();
        let parsed = match &node.value {
            Value::Str(s) => content::record::parse_date_loose(s),
            _ => None,
        };
        if parsed.is_none() {
            let problem = Problem::BadDate {
                field: fields.field_path(name),
                value: text,
                partial: false,
            };
            self.report(problem, node.pos);
        }
        parsed
    }

    fn partial_date(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<PartialDate> {
        let node = self.get(fields, name)?;
        let parsed = match &node.value {
            Value::Null => return None,
            Value::Str(s) => PartialDate::parse(content::fold::fold_width(s).trim())
                .or_else(|| content::record::parse_date_loose(s).map(PartialDate::Day)),
            Value::Int(i) => PartialDate::parse(&i.to_string()),
            _ => None,
        };
        if parsed.is_none() {
            let problem = Problem::BadDate {
                field: fields.field_path(name),
                value: node.value.scalar_text(),
                partial: true,
            };
            self.report(problem, node.pos);
        }
        parsed
    }

    fn text_list(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Vec<String> {
        let Some(node) = self.get(fields, name) else {
            return Vec::new();
        };
        let path = fields.field_path(name);
        match &node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.as_text(format!("{path}[{i}]"), item))
                .filter(|s| !s.is_empty())
                .collect(),
            _ => {
                self.wrong_type(path, ValueType::List, node);
                Vec::new()
            }
        }
    }

    fn list<'n, T>(
        &mut self,
        fields: &mut Fields<'n>,
        name: &'static str,
        mut item: impl FnMut(&mut Self, &'n Node, String) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = self.get(fields, name) else {
            return Vec::new();
        };
        let path = fields.field_path(name);
        match &node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| item(self, n, format!("{path}[{i}]")))
                .collect(),
            _ => {
                self.wrong_type(path, ValueType::List, node);
                Vec::new()
            }
        }
    }

    fn count(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<u32> {
        let node = self.get(fields, name)?;
        match &node.value {
            Value::Null => None,
            Value::Int(i) => match u32::try_from(*i) {
                Ok(n) => Some(n),
                Err(_) => {
                    let problem = Problem::OutOfRange {
                        field: fields.field_path(name),
                        value: i.to_string(),
                        range: "0–100000000",
                    };
                    self.report(problem, node.pos);
                    None
                }
            },
            _ => {
                self.wrong_type(fields.field_path(name), ValueType::Integer, node);
                None
            }
        }
    }

    /// A number of days, 1 to 3650 (`reply_within_days`).
    fn days(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<u32> {
        let pos = fields
            .entries
            .iter()
            .find(|(k, _)| k.text == name)
            .map(|(_, n)| n.pos);
        let n = self.count(fields, name)?;
        if (1..=3650).contains(&n) {
            return Some(n);
        }
        let problem = Problem::OutOfRange {
            field: fields.field_path(name),
            value: n.to_string(),
            range: "1–3650",
        };
        if let Some(pos) = pos {
            self.report(problem, pos);
        }
        None
    }

    fn rate(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<f64> {
        let node = self.get(fields, name)?;
        let value = match &node.value {
            Value::Null => return None,
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            _ => {
                self.wrong_type(fields.field_path(name), ValueType::Number, node);
                return None;
            }
        };
        if !(0.0..=100.0).contains(&value) {
            let problem = Problem::OutOfRange {
                field: fields.field_path(name),
                value: node.value.scalar_text(),
                range: "0–100",
            };
            self.report(problem, node.pos);
            return None;
        }
        Some(value)
    }

    fn year(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<i32> {
        let Some(node) = self.get(fields, name) else {
            self.missing(fields, name);
            return None;
        };
        let path = fields.field_path(name);
        let year = match &node.value {
            Value::Int(i) => *i,
            Value::Str(s) if s.trim().parse::<i64>().is_ok() => {
                s.trim().parse().unwrap_or_default()
            }
            _ => {
                self.wrong_type(path, ValueType::Integer, node);
                return None;
            }
        };
        if !(1949..=2999).contains(&year) {
            self.report(
                Problem::OutOfRange {
                    field: path,
                    value: year.to_string(),
                    range: "1949–2999",
                },
                node.pos,
            );
            return None;
        }
        Some(year as i32)
    }

    fn text_map(
        &mut self,
        fields: &mut Fields<'_>,
        name: &'static str,
    ) -> Vec<(String, String, Pos)> {
        let Some(node) = self.get(fields, name) else {
            return Vec::new();
        };
        let path = fields.field_path(name);
        let Some(inner) = self.mapping(node, &path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in inner.entries {
            let item_path = format!("{path}.{}", key.text);
            self.positions.insert(item_path.clone(), value.pos);
            if let Some(text) = self.as_text(item_path, value) {
                out.push((key.text.clone(), text, value.pos));
            }
        }
        out
    }
}

/// The longest one-line text (a title, a name, a unit, a heading), in
/// characters. The longest real titles are under 100 characters; a title is
/// printed on every list that shows its record, so a runaway one (a pasted
/// document) would multiply through the site.
pub const MAX_LINE_CHARS: usize = 500;

/// Fields that hold Markdown prose, limited only by the file size.
pub fn is_body_text(path: &str) -> bool {
    let name = path.rsplit('.').next().unwrap_or(path);
    let name = name.split('[').next().unwrap_or(name);
    matches!(
        name,
        "request"
            | "summary"
            | "reply"
            | "disclosure_reason"
            | "text"
            | "status_reason"
            | "overview"
            | "methods"
            | "shortcomings"
            | "next_steps"
            | "description"
            | "copyright"
            | "address"
    )
}

/// The explicit embedding, override and isolate controls of the Unicode
/// bidirectional algorithm. Chinese and Latin text never needs them; in a
/// title they can reorder what a reader sees (`U+202E` flips the rest).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` has an [`is_bidi_control`] character, found by its lead byte
/// 0xE2 with `memchr` (U+202A–U+202E are `E2 80 AA`–`AE`, U+2066–U+2069
/// `E2 81 A6`–`A9`): `chars().any` decoded every character of every text,
/// 2.4% of the instructions of a `long-text` build.
fn has_bidi_control(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xE2, b).any(|i| {
        matches!(
            b.get(i + 1..i + 3),
            Some([0x80, 0xAA..=0xAE] | [0x81, 0xA6..=0xA9])
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{RecordFile, SessionFile, SiteConfig, schema_properties};

    /// The byte search finds exactly the characters `is_bidi_control` names,
    /// among their neighbours that share the lead byte 0xE2.
    #[test]
    fn bidi_controls_are_found_by_their_bytes() {
        for c in ('\u{2000}'..='\u{20FF}').chain(['“', '…', '—', '办', 'a']) {
            let s = format!("答复{c}全文");
            assert_eq!(has_bidi_control(&s), is_bidi_control(c), "{:X}", c as u32);
        }
        assert!(!has_bidi_control("“答复”全文…\u{E2}"));
        assert!(has_bidi_control("答复\u{2067}"));
    }

    /// Record files let go of their positions; a later diagnostic finds them
    /// again in the parsed file. Both ways must give the same place.
    #[test]
    fn positions_found_again_equal_the_decoders() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut compared = 0;
        for file in [
            "outputs/content/proposals/2019/0001.yaml",
            "search/content/proposals/2019/0002.yaml",
            "theme/content/proposals/2019/0001.yaml",
        ] {
            let source = Source::new(
                file,
                std::fs::read_to_string(format!("{dir}/{file}")).unwrap(),
            );
            let root = crate::yaml::parse(&source.text).unwrap();
            let mut diags = Diagnostics::new();
            let located = decode_record(&source, &root, &mut diags).unwrap();
            assert!(located.positions.len() > 10, "{file}");
            for (field, pos) in &located.positions {
                assert_eq!(
                    crate::yaml::find(&root, field),
                    Some(*pos),
                    "{file}: {field}"
                );
                compared += 1;
            }
            assert!(
                located.positions.keys().any(|k| k.contains('[')),
                "{file}: a list item"
            );
            assert_eq!(crate::yaml::find(&root, "no_such_field"), None);
        }
        assert!(compared > 40);
    }

    /// The fields a decoder accepts, read from its "unknown field" report.
    fn accepted(decode: fn(&Source, &Node, &mut Diagnostics) -> bool) -> Vec<String> {
        let source = Source::new("x.yaml", "zzz_unknown: 1\n");
        let node = crate::yaml::parse(&source.text).unwrap();
        let mut diags = Diagnostics::new();
        decode(&source, &node, &mut diags);
        let found = diags.iter().find_map(|d| match &d.problem {
            Problem::UnknownField { allowed, .. } => {
                Some(allowed.iter().map(|s| s.to_string()).collect())
            }
            _ => None,
        });
        found.expect("an unknown-field report")
    }

    fn sorted(mut v: Vec<String>) -> Vec<String> {
        v.sort();
        v
    }

    #[test]
    fn decoders_accept_exactly_the_schema_fields() {
        let site = accepted(|s, n, d| decode_site(s, n, d).is_some());
        assert_eq!(sorted(site), sorted(schema_properties::<SiteConfig>()));
        let session = accepted(|s, n, d| decode_session(s, n, d).is_some());
        assert_eq!(sorted(session), sorted(schema_properties::<SessionFile>()));
        let record = accepted(|s, n, d| decode_record(s, n, d).is_some());
        assert_eq!(sorted(record), sorted(schema_properties::<RecordFile>()));
    }
}
