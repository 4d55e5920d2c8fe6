//! Markdown → safe HTML.
//!
//! Content is written by webmasters but may be pasted from anywhere, so the HTML
//! we make from it must never carry a script: raw HTML in the Markdown is printed
//! as text, not passed through; link targets survive only as `http:`, `https:`,
//! `mailto:` or relative URLs; images become plain links, because an `<img>`
//! pointing to another host would load a third-party resource. Headings are
//! demoted so content never competes with the page's own `h1`/`h2`.
//!
//! The result is inserted into templates as already-safe HTML, so Tera never
//! evaluates `{{ … }}` written in content: it is just text here.

mod plain;

use std::fmt::Write as _;

use plain::Piece;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// Renders Markdown. Headings start at `first_heading` (3 → `# x` becomes `<h3>`).
///
/// Paragraphs and numbered lists with no other Markdown in them are written
/// without the parser, as the parser would write them (`plain.rs`).
pub fn to_html(markdown: &str, first_heading: u8) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    plain::for_each_piece(markdown, |piece| match piece {
        // The lines, with the line ends between them.
        Piece::Plain(paragraph) => {
            html.push_str("<p>");
            html.push_str(paragraph);
            html.push_str("</p>\n");
        }
        // An item a line, as the parser writes a tight list.
        Piece::List { start, lines } => {
            if start == 1 {
                html.push_str("<ol>\n");
            } else {
                let _ = writeln!(html, "<ol start=\"{start}\">");
            }
            for text in plain::items(lines) {
                html.push_str("<li>");
                html.push_str(text);
                html.push_str("</li>\n");
            }
            html.push_str("</ol>\n");
        }
        Piece::Markdown(text) => push_html_parsed(&mut html, text, first_heading),
    });
    html
}

/// [`to_html`] by the parser alone, whatever the text (public for the fuzz
/// target, which checks that both ways agree).
pub fn to_html_parsed(markdown: &str, first_heading: u8) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    push_html_parsed(&mut html, markdown, first_heading);
    html
}

fn push_html_parsed(html: &mut String, markdown: &str, first_heading: u8) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut skip_link_end = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: demote(level, first_heading),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(demote(level, first_heading))))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) => {
            let safe = safe_url(&dest_url);
            link_start(link_type, dest_url, title, safe, &mut skip_link_end)
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            ..
        }) => {
            // An image becomes a link to it, and only to a file of this site.
            let safe = safe_url(&dest_url) && !is_remote(&dest_url);
            link_start(link_type, dest_url, title, safe, &mut skip_link_end)
        }
        // A link, or an image made a link: both end as a link, unless refused.
        Event::End(TagEnd::Link | TagEnd::Image) => {
            let skip = skip_link_end.pop().unwrap_or(false);
            (!skip).then_some(Event::End(TagEnd::Link))
        }
        other => Some(other),
    });
    pulldown_cmark::html::push_html(html, events);
}

/// The start of a link to `dest_url`, or nothing when it is not `safe`; either
/// way `skip_end` learns whether its end is to be left out too.
fn link_start<'a>(
    link_type: LinkType,
    dest_url: CowStr<'a>,
    title: CowStr<'a>,
    safe: bool,
    skip_end: &mut Vec<bool>,
) -> Option<Event<'a>> {
    skip_end.push(!safe);
    safe.then_some(Event::Start(Tag::Link {
        link_type,
        dest_url,
        title,
        id: CowStr::Borrowed(""),
    }))
}

fn demote(level: HeadingLevel, first: u8) -> HeadingLevel {
    let n = (level as u8).saturating_add(first.saturating_sub(1)).min(6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

/// `http:`, `https:`, `mailto:` or relative. Browsers ignore ASCII whitespace and
/// control characters inside a scheme (`java\tscript:`), so those are removed
/// before looking at it.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let end = cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len());
    match cleaned[..end].find(':') {
        None => !cleaned.starts_with("\\\\"),
        Some(i) => matches!(
            cleaned[..i].to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto"
        ),
    }
}

fn is_remote(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

/// Markdown → plain text: the words a reader sees, for search and descriptions.
pub fn to_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    push_text(&mut text, markdown);
    text
}

/// [`to_text`], appended to `out` (the search index joins a record's texts
/// into one string: made in place, not copied there). Plain paragraphs and
/// lists (`plain.rs`) are their lines, a list's without the numbers, a space
/// after each, as the parser's events below make them.
pub fn push_text(out: &mut String, markdown: &str) {
    let start = out.len();
    plain::for_each_piece(markdown, |piece| match piece {
        Piece::Plain(paragraph) => {
            let mut from = 0;
            for end in memchr::memchr_iter(b'\n', paragraph.as_bytes()) {
                out.push_str(&paragraph[from..end]);
                out.push(' ');
                from = end + 1;
            }
            out.push_str(&paragraph[from..]);
            out.push(' ');
        }
        Piece::List { lines, .. } => {
            for text in plain::items(lines) {
                out.push_str(text);
                out.push(' ');
            }
        }
        Piece::Markdown(text) => push_words_parsed(out, text),
    });
    trim_from(out, start);
}

/// [`push_text`] by the parser alone, whatever the text (public for the fuzz
/// target).
pub fn push_text_parsed(out: &mut String, markdown: &str) {
    let start = out.len();
    push_words_parsed(out, markdown);
    trim_from(out, start);
}

/// The words of `markdown`, a space after each block and line, untrimmed: the
/// words of two texts that parse as separate blocks are the words of both.
fn push_words_parsed(out: &mut String, markdown: &str) {
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
    }
}

/// Trims what follows `start` in `out`, as `str::trim` would.
fn trim_from(out: &mut String, start: usize) {
    out.truncate(start + out[start..].trim_end().len());
    let lead = out.len() - start - out[start..].trim_start().len();
    out.drain(start..start + lead);
}

/// The start of `markdown` up to a blank line at or after byte `at_least`,
/// when its text begins the text of the whole: for a description that shows
/// only the first characters (a record page's), parsing a long reply whole
/// was 1% of a `long-text` build. `None` when there is no such line, or when
/// the rest has what could be a link reference definition (`[x]: …`), which
/// would change how a link before the cut reads.
///
/// Why the text is the same: blocks end at a blank line, and so does every
/// inline span, so what precedes the cut parses the same either way; a
/// block still open there (a list, a fence, an HTML block) is closed at the
/// end of the start, after the same text. Only whitespace can differ (a list
/// is loose or tight by items after the cut), which a description's excerpt
/// collapses (`render::views::excerpt`).
pub fn head(markdown: &str, at_least: usize) -> Option<&str> {
    let after = markdown.as_bytes().get(at_least..)?;
    // A `\n` is a character of its own: the cut is a character boundary.
    let cut = at_least + memchr::memmem::find(after, b"\n\n")?;
    let rest = &markdown.as_bytes()[cut..];
    memchr::memmem::find(rest, b"]:")
        .is_none()
        .then(|| &markdown[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_printed_not_passed_through() {
        let html = to_html("<script>alert(1)</script>\n\n<b onclick=x>hi</b>", 3);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn only_safe_link_targets_survive() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](https://x.cn/) [c](java\tscript:x) [d](mailto:a@b.cn) [e](../x/) <vbscript:x> [f](data:text/html,x)",
            3,
        );
        let hrefs: Vec<&str> = html
            .split("href=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert_eq!(hrefs, ["https://x.cn/", "mailto:a@b.cn", "../x/"], "{html}");
        assert!(html.contains(r#"<a href="https://x.cn/">b</a>"#), "{html}");
        assert!(html.contains(r#"<a href="mailto:a@b.cn">d</a>"#), "{html}");
        assert!(html.contains(r#"<a href="../x/">e</a>"#), "{html}");
        assert!(
            html.contains(">a<") || html.contains("a "),
            "link text is kept: {html}"
        );
    }

    #[test]
    fn images_never_load_from_other_hosts() {
        let html = to_html("![logo](https://evil.example/x.png)", 3);
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("evil.example"), "{html}");
        // One of the site's own files becomes a link to it, its text the alt text.
        let html = to_html("![现场照片](../files/photo.jpg)", 3);
        assert_eq!(html, "<p><a href=\"../files/photo.jpg\">现场照片</a></p>\n");
    }

    #[test]
    fn headings_are_demoted() {
        assert!(to_html("# 标题", 3).starts_with("<h3>"));
        assert!(to_html("###### 标题", 3).starts_with("<h6>"));
    }

    #[test]
    fn template_syntax_is_just_text() {
        assert!(
            to_html("{{ config.title }} {% raw %}", 3).contains("{{ config.title }} {% raw %}")
        );
    }

    /// Appended text is the text alone, trimmed, after what was there.
    #[test]
    fn pushed_text_is_the_text_after_what_was_there() {
        for source in [
            "",
            "   ",
            "正文",
            "\u{3000}全角空格开头\u{3000}",
            "&nbsp;实体&nbsp;",
            "- 一\n- 二\n\n1. 三\n",
            "# 标题\n\n正文**加粗**  \n下一行\n",
            "| 表 | 格 |\n|---|---|\n| 甲 | 乙 |\n",
            "    缩进的代码\n",
        ] {
            let mut out = String::from("前文\n");
            push_text(&mut out, source);
            assert_eq!(out, format!("前文\n{}", to_text(source)), "{source:?}");
            let text = to_text(source);
            assert_eq!(text, text.trim(), "{source:?}");
        }
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_text("# 标题\n\n正文**加粗**，[链接](https://x.cn)"),
            "标题 正文加粗，链接"
        );
    }
}
