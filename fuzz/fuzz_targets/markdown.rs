//! Markdown rendering: whatever the text, the HTML holds only the tags
//! Markdown itself makes (raw HTML is printed as text) and every link target
//! passes `safe_url` (http, https, mailto or relative); and what is written
//! with the plain paragraphs and lists taken out of the parser's hands is what
//! the parser alone writes.
#![no_main]

use gongkai::text::markdown;
use libfuzzer_sys::fuzz_target;

/// The elements pulldown-cmark writes for the extensions gongkai turns on.
const ALLOWED: &[&str] = &[
    "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
];

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn check(html: &str, text: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ALLOWED.contains(&name.to_ascii_lowercase().as_str()),
            "tag <{name}> in {html:?} from {text:?}"
        );
        // The tag ends at the first `>` outside a quoted value.
        let mut quoted = false;
        let tag_end = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("a tag ends in {html:?} from {text:?}"));
        let tag = &rest[..tag_end];
        for attr in [" href=\"", " src=\""] {
            if let Some(start) = tag.find(attr) {
                let value = &tag[start + attr.len()..];
                let end = value
                    .find('"')
                    .unwrap_or_else(|| panic!("a quoted value ends in {html:?} from {text:?}"));
                let value = &value[..end];
                assert!(
                    markdown::safe_url(&unescape(value)),
                    "unsafe {attr}{value} in {html:?} from {text:?}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for first_heading in [2, 3] {
        let html = markdown::to_html(text, first_heading);
        check(&html, text);
        assert_eq!(html, markdown::to_html_parsed(text, first_heading), "{text:?}");
    }
    let mut parsed = String::new();
    markdown::push_text_parsed(&mut parsed, text);
    assert_eq!(markdown::to_text(text), parsed, "{text:?}");
});
