//! Paragraphs and numbered lists with no other Markdown in them, found so
//! that they need no parser.
//!
//! Most of what webmasters publish is prose: paragraphs of Chinese text with
//! a numbered list here and there. Parsing it took 9% of the CPU of a build
//! of 10,000 long letters (`long-text`), twice over: once for the page, once
//! for the search index. A paragraph that has nothing the parser could read
//! as Markdown is written by the parser as its lines, unchanged, and a list
//! of such lines, one item a line, as those lines in `<li>`s; so a text is
//! cut at its blank lines into blocks, the plain ones are written directly,
//! and the rest, each run of them together, goes to the parser
//! ([`for_each_piece`]).
//!
//! Why the result is the parser's own, byte for byte:
//!
//! - A plain block ([`block_at`]) parses as one paragraph of its lines:
//!   it has no byte that begins or ends an inline construct or is escaped
//!   (no `*`, `_`, `[`, `<`, `>`, `&`, `"`, `|`, `~`, backquote, backslash,
//!   tab or other control character; only letters, digits, the space, and
//!   `! # $ % ' ( ) + , - . / : ; = ? @ ^` of ASCII), no line that starts
//!   like a block (`-`, `+`, `=`, `#`, `1.` or `1)` then a space,
//!   indentation: `#`, `+` and `=` begin a block only there), and no
//!   whitespace at either end of a line to be trimmed or read as a hard
//!   break.
//! - It stands between blank lines and starts unindented, so it continues
//!   no block before it: a list item or indented code would need indentation,
//!   a block quote, table or paragraph ends at a blank line. The blocks that
//!   outlive blank lines without indentation — fenced code and the HTML
//!   blocks of `<pre>`, `<!--` and the like — are ruled out for the whole
//!   text (no backquote, `~` or `<`), and so are link reference definitions
//!   (`]:`), which reach links elsewhere in the text. (A carriage return
//!   ends a line too, and may make a blank line the cut does not see; but it
//!   is not plain, so the blocks on both sides of it go to the parser
//!   together.)
//! - A plain list ([`list_at`]) is a tight ordered list of one-line items,
//!   each a plain line after its number, written here only between plain
//!   paragraphs or the text's ends: a list beside it could be its
//!   continuation (the same delimiter after a blank line continues a list
//!   and makes it loose), and so could an indented block after it.
//! - So the parser's events for the whole text are the events of its pieces
//!   in turn, and both the HTML writer and the plain-text walk
//!   (`push_words_parsed`) write each piece as they would alone.
//!
//! The tests below compare both ways on texts made to sit at these edges,
//! and so does the fuzz target `markdown` on whatever it finds.

/// A stretch of a text: a plain paragraph, a plain list, or Markdown for the
/// parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    /// A paragraph's lines, without the line end after the last.
    Plain(&'a str),
    /// A tight ordered list, an item a line (see [`list_at`]): the first
    /// item's number, and the lines, without the line end after the last.
    List { start: u64, lines: &'a str },
    /// One block or more, blank lines between them, for the parser, with
    /// the line end after the last (the end of indented code keeps it).
    Markdown(&'a str),
}

/// What a block is, as far as this module can tell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    /// A plain list ([`list_at`]) starting at this number.
    List(u64),
    Markdown,
}

/// Calls `f` with each piece of `text` in order. A text that could hold a
/// block reaching across blank lines is one piece of Markdown.
pub(super) fn for_each_piece<'a>(text: &'a str, mut f: impl FnMut(Piece<'a>)) {
    let bytes = text.as_bytes();
    if memchr::memchr3(b'`', b'~', b'<', bytes).is_some()
        || memchr::memchr_iter(b']', bytes).any(|i| bytes.get(i + 1) == Some(&b':'))
    {
        f(Piece::Markdown(text));
        return;
    }
    // Each block: where it starts, where it ends (after its last line end),
    // and what it is.
    let mut blocks: Vec<(usize, usize, Kind)> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'\n' {
            at += 1;
            continue;
        }
        let (end, plain) = block_at(text, at);
        let kind = match plain {
            true => Kind::Plain,
            false => list_at(lines(&text[at..end])).map_or(Kind::Markdown, Kind::List),
        };
        blocks.push((at, end, kind));
        at = end;
    }
    // A list is written here only between plain paragraphs (or the text's
    // ends): a list before or after it could be its continuation.
    let plain_at = |i: Option<usize>| {
        i.and_then(|i| blocks.get(i))
            .is_none_or(|b| b.2 == Kind::Plain)
    };
    // The Markdown blocks not yet passed on: from the first's start to the
    // last's end.
    let mut pending: Option<(usize, usize)> = None;
    for (i, &(start, end, kind)) in blocks.iter().enumerate() {
        let piece = match kind {
            Kind::Plain => Some(Piece::Plain(lines(&text[start..end]))),
            Kind::List(first) if plain_at(i.checked_sub(1)) && plain_at(Some(i + 1)) => {
                Some(Piece::List {
                    start: first,
                    lines: lines(&text[start..end]),
                })
            }
            _ => None,
        };
        match piece {
            Some(piece) => {
                if let Some((from, to)) = pending.take() {
                    f(Piece::Markdown(&text[from..to]));
                }
                f(piece);
            }
            None => pending = Some((pending.map_or(start, |(from, _)| from), end)),
        }
    }
    if let Some((from, to)) = pending {
        f(Piece::Markdown(&text[from..to]));
    }
}

/// A block without the line end after its last line.
fn lines(block: &str) -> &str {
    block.strip_suffix('\n').unwrap_or(block)
}

/// The first number of a tight ordered list whose every line is an item of
/// plain text: one to nine digits, the same `.` or `)` on every line, one
/// space, then text that would be a plain one-line paragraph
/// ([`is_plain_block`]: so no nested list, heading or code, and no
/// whitespace at either end).
/// `None` for anything else, such as a line that continues the item before.
fn list_at(block: &str) -> Option<u64> {
    let mut delimiter = None;
    let mut first = None;
    for line in block.split('\n') {
        let (number, content) = item(line)?;
        let d = line.as_bytes()[number.len()];
        if *delimiter.get_or_insert(d) != d || !is_plain_block(content) {
            return None;
        }
        first.get_or_insert(number);
    }
    first?.parse().ok()
}

/// The texts of a plain list's items, in order: its lines without their
/// numbers.
pub(super) fn items(lines: &str) -> impl Iterator<Item = &str> {
    lines
        .split('\n')
        .filter_map(|line| item(line).map(|(_, text)| text))
}

/// An item line's number and text: `12. text` → (`12`, `text`).
fn item(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    let digits = b.iter().take_while(|b| b.is_ascii_digit()).count();
    let marked = (1..=9).contains(&digits)
        && matches!(b.get(digits), Some(b'.' | b')'))
        && b.get(digits + 1) == Some(&b' ');
    marked.then(|| (&line[..digits], &line[digits + 2..]))
}

/// The block of lines that starts at `start` (a line's first byte, not its
/// end): where it ends, after the last line's line end if it has one, and
/// whether it is a plain paragraph (see the module's comment).
///
/// One pass: eight bytes at a time while none is ASCII (most of Chinese
/// text), byte by byte where one is; once the block is known not to be
/// plain, straight to its end.
fn block_at(text: &str, start: usize) -> (usize, bool) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut i = start;
    let mut plain = starts_plain(&text[start..]);
    while plain {
        while let Some(word) = bytes.get(i..i + 8) {
            if u64::from_ne_bytes(word.try_into().unwrap_or([0; 8])) & HIGH != HIGH {
                break;
            }
            i += 8;
        }
        let Some(&b) = bytes.get(i) else {
            return (i, ends_plain(&text[..i]));
        };
        if b == b'\n' {
            plain = ends_plain(&text[..i]);
            if matches!(bytes.get(i + 1), None | Some(b'\n')) {
                return (i + 1, plain);
            }
            plain = plain && starts_plain(&text[i + 1..]);
        } else if b < 0x80 && !PLAIN_ASCII[b as usize] {
            plain = false;
        }
        i += 1;
    }
    let end = memchr::memmem::find(&bytes[i..], b"\n\n").map_or(bytes.len(), |n| i + n + 1);
    (end, false)
}

/// Whether a line (what follows its start) starts as a plain paragraph's
/// line may: not with whitespace, `-`, `+`, `=`, `#` (lists, setext
/// underlines, thematic breaks, headings), or what looks like an ordered
/// list item (`1.` or `1)`, after any number of digits, then a space or the
/// line's end).
fn starts_plain(line: &str) -> bool {
    let b = line.as_bytes();
    let digits = b.iter().take_while(|b| b.is_ascii_digit()).count();
    let list_item = digits > 0
        && matches!(b.get(digits), Some(b'.' | b')'))
        && matches!(b.get(digits + 1), None | Some(b' ' | b'\n'));
    line.chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && !matches!(c, '-' | '+' | '=' | '#'))
        && !list_item
}

/// Whether a line (what precedes its end) ends as a plain paragraph's line
/// may: not with whitespace, which the parser would trim or read as a hard
/// break.
fn ends_plain(line: &str) -> bool {
    line.chars().next_back().is_some_and(|c| !c.is_whitespace())
}

/// Whether a block (lines with no blank line among them, no line end after
/// the last) is a plain paragraph.
fn is_plain_block(block: &str) -> bool {
    block_at(block, 0) == (block.len(), true)
}

/// ASCII bytes that are text anywhere in a line but at its start (see
/// [`starts_plain`]): letters, digits, the space, the line end, and
/// `! # $ % ' ( ) + , - . / : ; = ? @ ^`.
const PLAIN_ASCII: [bool; 128] = {
    let mut ok = [false; 128];
    let mut b = 0;
    while b < 128 {
        ok[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let text = b" \n!#$%'()+,-./:;=?@^";
    let mut i = 0;
    while i < text.len() {
        ok[text[i] as usize] = true;
        i += 1;
    }
    ok
};

#[cfg(test)]
mod tests {
    use super::super::{push_text, push_text_parsed, to_html, to_html_parsed};
    use super::*;

    /// Both ways agree on `text`; returns how many plain paragraphs and lists
    /// it has.
    fn agree(text: &str) -> [usize; 2] {
        for first_heading in [2, 3] {
            assert_eq!(
                to_html(text, first_heading),
                to_html_parsed(text, first_heading),
                "{text:?}"
            );
        }
        let (mut fast, mut parsed) = (String::from("前"), String::from("前"));
        push_text(&mut fast, text);
        push_text_parsed(&mut parsed, text);
        assert_eq!(fast, parsed, "{text:?}");
        let mut found = [0, 0];
        for_each_piece(text, |p| match p {
            Piece::Plain(_) => found[0] += 1,
            Piece::List { .. } => found[1] += 1,
            Piece::Markdown(_) => {}
        });
        found
    }

    /// A small random source, the same run to run.
    fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// Texts of pieces at the edges of a plain line: list and heading
    /// markers, digits before `.` and `)`, whitespace at either end of a
    /// line, blank and whitespace-only lines, characters the parser escapes
    /// or reads.
    #[test]
    fn lines_at_the_edges_are_written_as_the_parser_writes_them() {
        const PIECES: &[&str] = &[
            "中",
            "文。",
            "a",
            "Z",
            "1",
            "10",
            "2023",
            ".",
            ")",
            "(",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\n \n",
            "-",
            "--",
            "=",
            "+",
            "#",
            "%",
            "'",
            "\"",
            "*",
            "_",
            "&",
            "<",
            ">",
            "\t",
            "\r",
            "\u{3000}",
            "\u{a0}",
            "\u{feff}",
            "\u{2028}",
            "\u{0}",
            "\u{7f}",
            ",",
            ":",
            "/",
            "?",
            "@",
            "$",
            "^",
            "~",
            "|",
            "`",
            "[",
            "]",
            "\\",
            "!",
            "1. ",
            "1) ",
            "2.5",
            "- ",
            "（一）",
            "一、",
            "http://x.cn",
            "；",
            "\u{85}",
        ];
        let mut pick = xorshift(0x9e37_79b9_7f4a_7c15);
        let mut plain = 0;
        for _ in 0..200_000 {
            let text: String = (0..pick(12)).map(|_| PIECES[pick(PIECES.len())]).collect();
            plain += agree(&text)[0];
        }
        // Enough of them plain for the comparison to mean something.
        assert!(plain > 15_000, "{plain} plain pieces");
    }

    /// Texts of blocks, plain and not, between blank lines: every block that
    /// could reach past a blank line, or be continued by the next block.
    #[test]
    fn blocks_around_plain_paragraphs_are_written_as_the_parser_writes_them() {
        const BLOCKS: &[&str] = &[
            "1. 一\n2. 二",
            "1. 一",
            "3) 三",
            "2. 二\n3. 三",
            "1) 一\n2) 二",
            "1. 一\n2) 二",
            "1. 一\n2.  二",
            "1.  一",
            "1. 一 ",
            "1. \u{3000}一",
            "1. 一\n   续",
            "1. 一\n续",
            "01. 一",
            "0. 零",
            "1234567890. 一",
            "123456789. 一",
            "1. - 甲",
            "1. 1. 甲",
            "1. 2) 甲",
            "1. *甲*",
            "1.\n",
            "1. ",
            "- 甲\n- 乙",
            "- 甲\n\n  续",
            "* 星",
            "> 引用\n续行",
            "    代码",
            "# 标题",
            "标题\n===",
            "标题\n---",
            "***",
            "| 表 | 格 |\n|---|---|\n| 甲 | 乙 |",
            "**粗**体",
            "[链接](https://x.cn)",
            "[链接]",
            "&amp;",
            "行尾  \n下一行",
            "行尾\\\n下一行",
            "\u{3000}全角空格",
            " 一个空格",
            "  ",
            "\t制表",
            "1.",
            "-",
            "甲\n  乙",
        ];
        // Plain paragraphs and lists, four picks in ten.
        const PLAIN: &[&str] = &[
            "一是加强",
            "二是落实\n三是推进",
            "2023年完成95%",
            "a",
            "1. 一\n2. 二",
            "3) 三",
        ];
        // Blocks that make the whole text the parser's; one pick in ten.
        const WHOLE: &[&str] = &[
            "[链接]: https://x.cn",
            "```\n代码",
            "```",
            "~~~",
            "~~删~~",
            "<pre>\n预",
            "<!-- 注",
            "-->",
            "<b>粗</b>",
            "一\r\n二",
        ];
        const GAPS: &[&str] = &["\n\n", "\n\n\n", "\n", "\n \n", "\n\n  "];
        let mut pick = xorshift(0x2545_f491_4f6c_dd1d);
        let mut found = [0, 0];
        for _ in 0..100_000 {
            let mut text = String::new();
            for i in 0..1 + pick(5) {
                if i > 0 {
                    text.push_str(GAPS[pick(GAPS.len())]);
                }
                text.push_str(match pick(10) {
                    0 => WHOLE[pick(WHOLE.len())],
                    1..5 => PLAIN[pick(PLAIN.len())],
                    _ => BLOCKS[pick(BLOCKS.len())],
                });
            }
            if pick(3) == 0 {
                text.push('\n');
            }
            let [plain, lists] = agree(&text);
            found[0] += plain;
            found[1] += lists;
        }
        assert!(
            found[0] > 25_000 && found[1] > 5_000,
            "{found:?} paragraphs, lists"
        );
    }

    #[test]
    fn a_text_is_cut_at_blank_lines_around_its_plain_paragraphs() {
        let mut pieces = Vec::new();
        for_each_piece("\n甲\n乙\n\n1. 一\n\n2. 二\n\n丙\n", |p| {
            pieces.push(p)
        });
        assert_eq!(
            pieces,
            [
                Piece::Plain("甲\n乙"),
                Piece::Markdown("1. 一\n\n2. 二\n"),
                Piece::Plain("丙"),
            ]
        );
        // A fence could reach across the blank line: all for the parser.
        pieces.clear();
        for_each_piece("```\n\n甲\n\n```", |p| pieces.push(p));
        assert_eq!(pieces, [Piece::Markdown("```\n\n甲\n\n```")]);
    }

    #[test]
    fn what_could_be_markdown_is_not_plain() {
        for block in [
            "一\n- 二",
            "1. 一",
            "一\n2) 二",
            "# 一",
            "一\n===",
            "一\n---",
            "    代码",
            "一  \n二",
            "一\\\n二",
            "*一*",
            "[一](x)",
            "<b>",
            "&amp;",
            "一|二\n-|-",
            "~~一~~",
            "\u{3000}一",
            "一\u{3000}",
            "一\t二",
            "一\r\n二",
        ] {
            assert!(!is_plain_block(block), "{block:?}");
        }
        for block in [
            "一",
            "一\n二",
            "2023年5月，完成率95.5%（见附件1）。",
            "2.5亿元\n10)个",
            "联系电话：0571-12345678；网址 http://x.cn/a?b=1#2",
            "江城大道P+R停车楼已开工！",
        ] {
            assert!(is_plain_block(block), "{block:?}");
        }
    }
}
