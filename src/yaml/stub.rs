//! Literal block scalars (`reply: |`) read without the parser walking their
//! text.
//!
//! Why: granit-parser scans a block scalar a character at a time and checks
//! every character of it again for printability. A record's request, summary
//! and reply are such scalars, nearly all of its bytes, and that scan was 13%
//! of the instructions of a 1,000-record `long-text` build — the largest
//! single cost of loading (docs/dev/performance.md).
//!
//! How: a copy of the file is made in which each literal scalar's content
//! lines keep their indentation and have the rest replaced by one `x`
//! ([`stub`]). The fast reader parses the copy, and takes each scalar's text
//! from the original lines instead ([`Regions::take`]). Every line stays where
//! it was, at the same column, so lines and columns of everything else are
//! the parser's own; byte offsets and character lengths are mapped back
//! ([`Regions::at`]).
//!
//! Why it is the same tree: a body is cut here by the rules of a literal
//! scalar (indentation found from the first line with text, ended by the
//! first less-indented line with text, empty lines kept between, `|` keeping
//! one final line break and `|-` none), and the same cut applied to the copy
//! gives the text the parser must return for the stubbed scalar, a line of
//! `x` for each line of text. If the parser returns anything else for it, or
//! no literal scalar starts on that header line, the copy is thrown away and
//! the file parsed whole ([`super::fast::parse`]). So where the body starts
//! and ends and how its lines join is always the parser's decision, checked.
//! What the `x` hides cannot change that decision: content lines holding a
//! tab, a carriage return, a control or other non-printable character, a
//! byte-order mark or a Unicode line or paragraph separator (anything the
//! parser treats specially or rejects) leave the whole file to the parser.

use super::At;
use serde_saphyr::granit_parser::Span;

/// A file with its literal scalars' bodies stubbed out.
pub(super) struct Stubs {
    /// The copy the parser reads.
    pub text: String,
    pub regions: Regions,
}

/// Where the copy was stubbed, and the texts it hides.
pub(super) struct Regions(Vec<Region>);

/// One stubbed body.
struct Region {
    /// Where its first line starts in the copy: the scalar's span starts
    /// between here and [`Region::start`].
    body: usize,
    /// Where the copy differs, in the copy's bytes: from the first `x` to
    /// just after the last.
    start: usize,
    end: usize,
    /// What the original has more than the copy between them.
    more_bytes: usize,
    more_chars: usize,
    /// The text the parser must give for the copy.
    stub: String,
    /// The original's text; `None` once taken.
    value: Option<String>,
}

/// The file with every literal scalar it is sure of stubbed, or `None` when
/// there is none or the file has anything the module doc leaves to the
/// parser.
pub(super) fn stub(text: &str) -> Option<Stubs> {
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        return None;
    }
    let lines = Lines::new(text);
    let mut copy = String::new();
    // How far the original has been copied into `copy`.
    let mut copied = 0;
    let mut regions = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((key_col, strip)) = header(lines.get(i)) else {
            i += 1;
            continue;
        };
        let Some(body) = Body::cut(&lines, i + 1, key_col)? else {
            i += 1;
            continue;
        };
        let mut stub = String::new();
        let mut value = String::with_capacity(body.text_bytes(&lines));
        let mut original_start = 0;
        let mut region = Region {
            body: copy.len() + (lines.start(i + 1) - copied),
            start: 0,
            end: 0,
            more_bytes: 0,
            more_chars: 0,
            stub: String::new(),
            value: None,
        };
        for (j, line) in (body.first..=body.last).map(|j| (j, lines.get(j))) {
            let k = indent(line);
            if k == line.len() {
                stub.push('\n');
                value.push('\n');
                continue;
            }
            let rest = &line[k..];
            let rest_at = lines.start(j) + k;
            copy.push_str(&text[copied..rest_at]);
            if region.start == 0 {
                region.start = copy.len();
                original_start = rest_at;
            }
            copy.push('x');
            region.end = copy.len();
            copied = rest_at + rest.len();
            stub.push_str(&line[body.indent..k]);
            stub.push('x');
            stub.push('\n');
            value.push_str(&line[body.indent..]);
            value.push('\n');
        }
        if strip {
            stub.pop();
            value.pop();
        }
        // Between the first `x` and the last, the copy is the original
        // with each line's text one `x`: count the difference once.
        let original = &text[original_start..copied];
        let stubbed = &copy[region.start..region.end];
        region.more_bytes = original.len() - stubbed.len();
        region.more_chars = original.chars().count() - stubbed.chars().count();
        region.stub = stub;
        region.value = Some(value);
        regions.push(region);
        i = body.last + 1;
    }
    if regions.is_empty() {
        return None;
    }
    copy.push_str(&text[copied..]);
    Some(Stubs {
        text: copy,
        regions: Regions(regions),
    })
}

impl Regions {
    /// The original text of the literal scalar the parser read as `text`
    /// starting at byte `at` of the copy; `None` if it is not a stubbed one.
    pub fn take(&mut self, at: usize, text: &str) -> Option<String> {
        let region = self.0.iter_mut().find(|r| r.body <= at && at <= r.start)?;
        if region.stub != text {
            return None;
        }
        region.value.take()
    }

    /// Whether every stubbed body was taken, each by its own scalar.
    pub fn all_taken(&self) -> bool {
        self.0.iter().all(|r| r.value.is_none())
    }

    /// A span of the copy as the original's (see [`super::fast`]'s `at`);
    /// `None` if it starts or ends inside a stubbed body.
    pub fn at(&self, span: &Span) -> Option<At> {
        let mut at = super::fast::at(span);
        let Some((start, len)) = at.bytes else {
            return Some(at);
        };
        let end = start + len;
        let (mut start_more, mut end_more) = (0, 0);
        for r in &self.0 {
            let inside = |p: usize| r.start < p && p < r.end;
            if inside(start) || inside(end) {
                return None;
            }
            if r.end <= start {
                start_more += r.more_bytes;
            }
            if r.end <= end {
                end_more += r.more_bytes;
                if start <= r.start {
                    at.chars += r.more_chars as u32;
                }
            }
        }
        at.bytes = Some((start + start_more, len + end_more - start_more));
        Some(at)
    }
}

/// `key: |` or `key: |-` ending a line, the key after any `- ` of sequence
/// items: the key's column and whether the final line break is stripped.
fn header(line: &str) -> Option<(usize, bool)> {
    let strip = if line.ends_with(": |") {
        false
    } else if line.ends_with(": |-") {
        true
    } else {
        return None;
    };
    let mut col = indent(line);
    while line[col..].starts_with("- ") {
        col += 1 + indent(&line[col + 1..]);
    }
    Some((col, strip))
}

/// The leading spaces of a line.
fn indent(line: &str) -> usize {
    line.bytes().take_while(|b| *b == b' ').count()
}

/// Whether a line's text, after its indentation, holds anything the module
/// doc leaves to the parser. Controls are looked for 64 bytes at a time,
/// the lead bytes of the rest with `memchr`: a byte at a time, this was
/// most of the cost of stubbing.
fn unusual(rest: &str) -> bool {
    let b = rest.as_bytes();
    has_control(b)
        || memchr::memchr3_iter(0xC2, 0xE2, 0xEF, b).any(|i| match b[i] {
            // C1 controls, NEL among them: C2 80–C2 9F.
            0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
            // U+2028, U+2029.
            0xE2 => matches!(b.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])),
            // U+FEFF, U+FFFE, U+FFFF.
            _ => matches!(
                b.get(i + 1..i + 3),
                Some([0xBB, 0xBF] | [0xBF, 0xBE | 0xBF])
            ),
        })
}

/// Whether `b` has a byte below 0x20 or 0x7F (DEL): 64 bytes at a time, with
/// no branch per byte, a loop the compiler turns into vector instructions.
fn has_control(b: &[u8]) -> bool {
    b.chunks(64).any(|block| {
        block
            .iter()
            .fold(false, |any, &c| any | (c < 0x20 || c == 0x7F))
    })
}

/// Whether `s` has a character [`super::is_forbidden`] names, by its bytes:
/// the loader asks it of every text, most of a site's bytes. Control bytes
/// with [`has_control`], 64 at a time, a flagged block then read byte by byte
/// (tabs and line breaks flag most blocks that have one); C1 controls other
/// than NEL by their lead byte 0xC2 (`C2 80`–`C2 9F`); the noncharacters as
/// `EF BF BE` and `EF BF BF`.
pub fn has_forbidden(s: &str) -> bool {
    let b = s.as_bytes();
    let c0 = |c: u8| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r')) || c == 0x7F;
    b.chunks(64)
        .any(|block| has_control(block) && block.iter().any(|&c| c0(c)))
        || memchr::memchr_iter(0xC2, b)
            .any(|i| matches!(b.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9F)))
        || memchr::memmem::find_iter(b, b"\xEF\xBF")
            .any(|i| matches!(b.get(i + 2), Some(0xBE | 0xBF)))
}

/// The body of a literal scalar: its lines from `first` to the last line
/// with text, `indent` the content's indentation.
struct Body {
    first: usize,
    last: usize,
    indent: usize,
}

impl Body {
    /// The body whose header is the line before `first`, under a key at
    /// column `key_col`. `Some(None)`: not a body to stub (empty, or not
    /// indented under its key); `None`: leave the whole file to the parser.
    fn cut(lines: &Lines<'_>, first: usize, key_col: usize) -> Option<Option<Body>> {
        let mut indent_at = None;
        let mut last = None;
        let mut widest_empty = 0;
        for j in first..lines.len() {
            let line = lines.get(j);
            let k = indent(line);
            if k == line.len() {
                widest_empty = widest_empty.max(k);
                continue;
            }
            let n = *indent_at.get_or_insert(k);
            if k < n || n <= key_col {
                break;
            }
            if unusual(&line[k..]) || !lines.ends_in_break(j) {
                return None;
            }
            last = Some(j);
        }
        let (Some(indent), Some(last)) = (indent_at, last) else {
            return Some(None);
        };
        // An empty line wider than the indentation is text (spaces), and
        // before the first line with text, an error: the parser's to judge.
        if widest_empty > indent {
            return None;
        }
        Some(Some(Body {
            first,
            last,
            indent,
        }))
    }

    /// The bytes of its text, to size the string once.
    fn text_bytes(&self, lines: &Lines<'_>) -> usize {
        lines
            .start(self.last + 1)
            .saturating_sub(lines.start(self.first))
    }
}

/// A text's lines, without their `\n`.
struct Lines<'a> {
    text: &'a str,
    /// Where each line starts, and a last entry past the end.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        if *starts.last().unwrap_or(&0) < text.len() {
            starts.push(text.len() + 1);
        }
        Lines { text, starts }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn start(&self, i: usize) -> usize {
        self.starts[i.min(self.len())].min(self.text.len())
    }

    fn get(&self, i: usize) -> &'a str {
        let end = self.starts[i + 1] - 1;
        &self.text[self.starts[i]..end.min(self.text.len())]
    }

    /// Whether line `i` ends in `\n` (the file's last may not).
    fn ends_in_break(&self, i: usize) -> bool {
        self.starts[i + 1] <= self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::is_forbidden;

    /// The byte search finds exactly the characters `is_forbidden` names,
    /// wherever they stand in a block of 64 bytes.
    #[test]
    fn control_characters_are_found_by_their_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for pad in [0, 5, 63, 64, 130] {
                let s = format!("{}{c}答复", "停".repeat(pad / 3) + &"a".repeat(pad % 3));
                assert_eq!(
                    has_forbidden(&s),
                    is_forbidden(c),
                    "{:X} after {pad}",
                    c as u32
                );
            }
        }
        assert!(!has_forbidden("答复\n第二行\t\r\n“引号”·°±ｰ\u{85}\u{FFFD}"));
    }

    fn region(s: &Stubs, i: usize) -> (&str, &str) {
        let r = &s.regions.0[i];
        (r.stub.as_str(), r.value.as_deref().unwrap())
    }

    #[test]
    fn bodies_are_cut_by_the_rules_of_a_literal_scalar() {
        let text = "title: 停车\nreply: |\n  第一行\n\n    缩进的\n  末行  \n\nnext: |-\n - 一\n - 二\nend: x\n";
        let s = stub(text).unwrap();
        assert_eq!(
            s.text,
            "title: 停车\nreply: |\n  x\n\n    x\n  x\n\nnext: |-\n x\n x\nend: x\n"
        );
        assert_eq!(
            region(&s, 0),
            ("x\n\n  x\nx\n", "第一行\n\n  缩进的\n末行  \n")
        );
        assert_eq!(region(&s, 1), ("x\nx", "- 一\n- 二"));
    }

    #[test]
    fn items_keys_and_empty_bodies() {
        let text =
            "outcomes:\n  - heading: 一\n    text: |\n      内容\nempty: |\nafter: |\nx: 1\n";
        let s = stub(text).unwrap();
        assert_eq!(s.regions.0.len(), 1);
        assert_eq!(s.regions.0[0].body, text.find("      内容").unwrap());
        assert_eq!(region(&s, 0), ("x\n", "内容\n"));
        // A body not indented under its key is no body.
        assert!(stub("- a: |\n  b\n").is_none());
    }

    #[test]
    fn unusual_bytes_are_found_wherever_they_stand() {
        for c in (0u32..0x80).chain([
            0x85, 0x9F, 0xA0, 0x2028, 0x2029, 0x201C, 0xFEFF, 0xFFFE, 0xFFFF, 0xFF0C,
        ]) {
            let c = char::from_u32(c).unwrap();
            let expected = c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                );
            for pad in 0..10 {
                let s = format!("{}{c}答复", "文".repeat(pad));
                assert_eq!(unusual(&s), expected, "{:X} after {pad}", c as u32);
            }
        }
    }

    #[test]
    fn what_the_parser_must_judge_is_left_to_it() {
        for text in [
            "a: |\n  tab\there\n",
            "a: |\r\n  x\r\n",
            "a: |\n  \u{85}nel\n",
            "a: |\n  \u{2028}\n",
            "a: |\n  bom\u{feff}\n",
            "a: |\n  \u{7}\n",
            "a: |\n      \n  wide empty line first\n",
            "a: |\n  no final break",
        ] {
            assert!(stub(text).is_none(), "{text:?}");
        }
        // Nothing to stub.
        assert!(stub("a: b\nc: |+\n  kept\n").is_none());
    }
}
