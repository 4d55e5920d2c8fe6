//! The text a reader sees of rendered Markdown, for the brute-force search
//! oracles of tests/integration/search_corpus.rs and examples/search_oracle.rs. Taken from
//! the page's HTML (not from `markdown::to_text`), so the oracle checks the
//! index against what the page shows; block boundaries become newlines, so a
//! phrase never matches across two paragraphs.

// Included by every test that uses tests/support, most of which search nothing.
#![allow(dead_code)]

use gongkai::text::markdown;

/// Rendered Markdown without its tags and with entities decoded.
pub fn plain(md: &str) -> String {
    let html = markdown::to_html(md, 3);
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push('\n');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
