//! The lines of a YAML file and what each is to its structure: a field or
//! list item, a line of a `|` or `>` text, a later line of a quoted value, a
//! blank. [`super::syntax`] reads the lines around a parser error with it, and
//! its [`super::syntax::TreeCheck`] the lines of a plain text that runs over
//! several.
//!
//! A light scanner, not a parser: it knows where block texts and multi-line
//! quotes begin and end, which is what tells a mistake in the structure from
//! text that merely looks like one.

/// What a line is to YAML's structure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Role {
    /// Nothing but spaces, or a comment.
    Blank,
    /// A line read for its structure: a field, a list item, a continued text.
    Structure,
    /// A line of a `|` or `>` text.
    Block,
    /// A later line of a quoted value opened on line `opened` (0-based).
    Quoted { opened: usize },
}

/// A `|` or `>` text: its header line, the column its field starts in, and
/// the indentation of its first line.
#[derive(Clone, Copy, Debug)]
pub(super) struct BlockText {
    pub(super) header: usize,
    pub(super) parent: usize,
    pub(super) content: Option<usize>,
}

/// A file's lines with their roles.
pub(super) struct Lines<'a> {
    pub(super) lines: Vec<&'a str>,
    pub(super) roles: Vec<Role>,
    /// The `|` text a line came right after, when it ended that text.
    pub(super) ended: Vec<Option<BlockText>>,
}

/// A structure line taken apart.
#[derive(Debug, Default)]
pub(super) struct Entry<'a> {
    /// Leading ASCII spaces.
    pub(super) indent: usize,
    /// The column (0-based, in characters) of the last `- ` on the line, if any.
    pub(super) dash: Option<usize>,
    /// What follows the spaces and dashes.
    pub(super) rest: &'a str,
    /// Its column.
    pub(super) rest_col: usize,
    /// `key: value`: the key, the column of its colon, and the value.
    pub(super) key: Option<(&'a str, usize, &'a str)>,
}

impl<'a> Entry<'a> {
    pub(super) fn parse(line: &'a str) -> Entry<'a> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line[indent..];
        let mut col = indent;
        let mut dash = None;
        while rest == "-" || rest.starts_with("- ") {
            dash = Some(col);
            let after = rest[1..].trim_start_matches(' ');
            col += rest.len() - after.len();
            rest = after;
        }
        let key = key_of(rest).map(|(key, colon)| {
            let value = rest[colon + 1..].trim_start_matches([' ', '\t']);
            (key, col + rest[..colon].chars().count(), value)
        });
        Entry {
            indent,
            dash,
            rest,
            rest_col: col,
            key,
        }
    }

    /// The column where this line's content (its key, or its text) starts.
    pub(super) fn content_col(&self) -> usize {
        self.rest_col
    }
}

/// `key: …` or `key:` at the end: the key and the byte index of the colon.
/// Quoted keys, flow collections and comments have none.
pub(super) fn key_of(rest: &str) -> Option<(&str, usize)> {
    if rest.starts_with(['"', '\'', '[', '{', '#', '|', '>', '&', '*', '!']) {
        return None;
    }
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && i > 0 && bytes[i - 1] == b' ' {
            return None;
        }
        if b == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) {
            return Some((rest[..i].trim_end(), i));
        }
    }
    None
}

/// A `|` or `>` header: `key: |`, `- |`, with indicators and a comment.
pub(super) fn is_block_header(e: &Entry) -> bool {
    let value = match e.key {
        Some((_, _, value)) => value,
        None if e.dash.is_some() => e.rest,
        None => return false,
    };
    let value = match value.find(" #") {
        Some(i) => &value[..i],
        None => value,
    }
    .trim_end();
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '+' || c == '-' || c.is_ascii_digit())
}

/// The quote a value opens and leaves open on its line, if any.
pub(super) fn opens_quote(e: &Entry) -> Option<char> {
    let value = match e.key {
        Some((_, _, value)) => value,
        None => e.rest,
    };
    let q = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    (!closes_quote(&value[1..], q)).then_some(q)
}

/// Whether `text` holds the quote `q` that ends a quoted value.
pub(super) fn closes_quote(text: &str, q: char) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if q == '"' && c == '\\' {
            chars.next();
        } else if c == q {
            if q == '\'' && chars.peek() == Some(&'\'') {
                chars.next();
            } else {
                return true;
            }
        }
    }
    false
}

impl<'a> Lines<'a> {
    pub(super) fn scan(text: &'a str) -> Lines<'a> {
        // Line ends found with `memchr`'s vector search: `split('\n')` went
        // a word at a time through every record's text (docs/dev/performance.md).
        let mut start = 0;
        let lines: Vec<&str> = memchr::memchr_iter(b'\n', text.as_bytes())
            .chain([text.len()])
            .map(|end| {
                let line = &text[start..end];
                start = end + 1;
                line.strip_suffix('\r').unwrap_or(line)
            })
            .collect();
        let mut roles = Vec::with_capacity(lines.len());
        let mut ended = vec![None; lines.len()];
        let mut block: Option<BlockText> = None;
        let mut quote: Option<(char, usize)> = None;
        for (i, line) in lines.iter().enumerate() {
            if let Some((q, opened)) = quote {
                roles.push(Role::Quoted { opened });
                if closes_quote(line, q) {
                    quote = None;
                }
                continue;
            }
            if let Some(mut b) = block {
                if line.trim_matches(' ').is_empty() {
                    roles.push(Role::Block);
                    continue;
                }
                let indent = line.len() - line.trim_start_matches(' ').len();
                let inside = match b.content {
                    None => indent > b.parent,
                    Some(content) => indent >= content,
                };
                if inside {
                    b.content.get_or_insert(indent);
                    block = Some(b);
                    roles.push(Role::Block);
                    continue;
                }
                ended[i] = Some(b);
                block = None;
            }
            let trimmed = line.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                roles.push(Role::Blank);
                continue;
            }
            roles.push(Role::Structure);
            let e = Entry::parse(line);
            if is_block_header(&e) {
                let parent = match e.key {
                    Some(_) => e.content_col(),
                    None => e.dash.unwrap_or(e.indent),
                };
                block = Some(BlockText {
                    header: i,
                    parent,
                    content: None,
                });
            } else if let Some(q) = opens_quote(&e) {
                quote = Some((q, i));
            }
        }
        Lines {
            lines,
            roles,
            ended,
        }
    }

    pub(super) fn line(&self, i: usize) -> &'a str {
        self.lines.get(i).copied().unwrap_or("")
    }

    pub(super) fn is_structure(&self, i: usize) -> bool {
        self.roles.get(i) == Some(&Role::Structure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_know_block_texts_and_quotes() {
        let lines =
            Lines::scan("a: |\n  x\n\n  - y\nb: \"open\n  still\n  shut\"\nc: >-\n    z\n  w\n");
        use Role::*;
        assert_eq!(
            lines.roles,
            [
                Structure,
                Block,
                Block,
                Block,
                Structure,
                Quoted { opened: 4 },
                Quoted { opened: 4 },
                Structure,
                Block,
                Structure,
                Blank
            ]
        );
        let ended = lines.ended[9].unwrap();
        assert_eq!((ended.header, ended.parent, ended.content), (7, 0, Some(4)));
    }

    #[test]
    fn entries_find_keys_after_dashes() {
        let e = Entry::parse("  - - date: 2019 # c");
        assert_eq!(e.indent, 2);
        assert_eq!(e.dash, Some(4));
        assert_eq!(e.key, Some(("date", 10, "2019 # c")));
        assert_eq!(Entry::parse("url: https://x").key.unwrap().0, "url");
        assert_eq!(Entry::parse("title:关于").key, None);
        assert_eq!(Entry::parse("a #: b").key, None);
    }
}
