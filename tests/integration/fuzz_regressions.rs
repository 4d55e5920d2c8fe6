//! Every input a fuzz target once failed on (`fuzz/regressions/TARGET/`),
//! checked the way its target checks, so a fix stays fixed without libFuzzer.
//! The first, `markdown/autolink-query-src.md`, was a fault of the target's own
//! checker (it read ` src="` inside the autolink `<https://ok.example?src=>`);
//! here the HTML is read by a real parser.

use std::path::PathBuf;

use gongkai::search::{query, tokenize};
use gongkai::text::markdown;
use scraper::{ElementRef, Html};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = crate::support::repo("fuzz/regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

const MARKDOWN_ELEMENTS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    // What html5ever adds around a fragment.
    "html",
    "body",
    "head",
];

#[test]
fn markdown_regressions_render_safely() {
    let all = inputs("markdown");
    assert!(!all.is_empty());
    for (path, bytes) in all {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        for first_heading in [2, 3] {
            let html = markdown::to_html(text, first_heading);
            let doc = Html::parse_fragment(&html);
            for node in doc.tree.nodes() {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                let name = el.value().name();
                assert!(
                    MARKDOWN_ELEMENTS.contains(&name),
                    "{}: <{name}>",
                    path.display()
                );
                for (attr, value) in el.value().attrs() {
                    assert!(!attr.starts_with("on"), "{}: {attr}", path.display());
                    if attr == "href" || attr == "src" {
                        assert!(
                            markdown::safe_url(value),
                            "{}: {attr}={value:?}",
                            path.display()
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn tokenize_regressions_keep_offsets() {
    for (path, bytes) in inputs("tokenize") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        assert_eq!(
            tokenize::fold_str(text).encode_utf16().count(),
            text.encode_utf16().count(),
            "{}",
            path.display()
        );
        assert!(tokenize::tokens(text).iter().all(|t| !t.is_empty()));
        let _ = query::units(text);
    }
}
