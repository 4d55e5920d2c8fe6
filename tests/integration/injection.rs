//! The hostile content corpus (`tests/fixtures/hostile/`): every text field of
//! the site, its session and its records carries injection attempts — script
//! tags, event handlers, `javascript:`/`vbscript:`/`data:` targets in Markdown
//! links, images, autolinks and reference definitions, entity-encoded variants,
//! frames, forms, style blocks, `<base>` and refresh tags, Tera syntax,
//! right-to-left overrides and spreadsheet formulas (the fixture's files say
//! which). The site is built and every output file is read with a real parser
//! for its format (html5ever through `scraper`, roxmltree, serde_json, csv):
//! nothing from the content may become a script, a handler, a dangerous URL, a
//! frame or a form anywhere.
//!
//! Each check also asserts that what it looks at exists (links from the
//! content's safe Markdown, neutralised CSV cells), so an empty or missing
//! output fails instead of passing.

use crate::support::{files, gongkai};
use gongkai::search::encode::decompress;
use gongkai::search::query::{DirFiles, Filters, Searcher};
use scraper::{ElementRef, Html};

const BASE: &str = "https://www.gongkai.test/hostile/";

/// Elements no page may hold, whoever wrote them.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "style",
    "textarea", "math",
];

/// Attributes whose value a browser loads or navigates to.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "cite",
    "background",
    "srcset",
    "ping",
];

/// Builds the hostile fixture into a temporary folder and returns the files.
fn build() -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let root = crate::support::repo("tests/fixtures/hostile");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let output = gongkai()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output-dir")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // The right-to-left overrides are reported (and removed, checked below).
    assert!(stderr.contains("warning[W004]"), "{stderr}");
    let all = files(&out);
    (dir, all)
}

/// A URL value as a browser reads its scheme: ASCII whitespace and controls
/// inside it are ignored.
fn scheme_view(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn check_url(file: &str, attr: &str, url: &str) {
    let seen = scheme_view(url);
    for bad in ["javascript:", "vbscript:", "data:", "file:"] {
        assert!(!seen.starts_with(bad), "{file}: {attr}={url:?}");
    }
    assert!(!seen.contains("evil.example"), "{file}: {attr}={url:?}");
}

/// Checks one element; returns the link targets found, for the caller's count.
fn check_element(file: &str, el: ElementRef<'_>, links: &mut Vec<String>) {
    let name = el.value().name();
    assert!(
        !FORBIDDEN_ELEMENTS.contains(&name),
        "{file}: <{name}> {}",
        el.html()
    );
    for (attr, value) in el.value().attrs() {
        assert!(
            !attr.to_ascii_lowercase().starts_with("on"),
            "{file}: handler {attr}={value:?} on <{name}>"
        );
        if URL_ATTRIBUTES.contains(&attr.to_ascii_lowercase().as_str()) {
            check_url(file, attr, value);
            if name == "a" {
                links.push(value.to_string());
            }
        }
    }
    match name {
        // A JSON data block (the search page's index metadata): JSON with no
        // `<`, so nothing in it can close the element.
        "script" if el.value().attr("type") == Some("application/json") => {
            let json: String = el.text().collect();
            assert!(!json.contains('<'), "{file}: '<' in a data block");
            serde_json::from_str::<serde_json::Value>(&json)
                .unwrap_or_else(|e| panic!("{file}: data block: {e}"));
        }
        // Otherwise only the theme's own script files, by relative URL, with no body.
        "script" => {
            let src = el.value().attr("src").unwrap_or_default();
            assert!(
                src.contains("static/js/") && !src.contains(':'),
                "{file}: script {}",
                el.html()
            );
            assert!(
                el.text().all(|t| t.trim().is_empty()),
                "{file}: inline script {}",
                el.html()
            );
        }
        "form" => {
            let action = el.value().attr("action").unwrap_or_default();
            assert!(
                action.ends_with("search/") || action.ends_with("search/index.html"),
                "{file}: form {}",
                el.html()
            );
        }
        "meta" => {
            if let Some(equiv) = el.value().attr("http-equiv") {
                assert!(
                    equiv.eq_ignore_ascii_case("content-security-policy"),
                    "{file}: {}",
                    el.html()
                );
            }
        }
        _ => {}
    }
}

fn check_html(file: &str, html: &Html) -> Vec<String> {
    let mut links = Vec::new();
    for node in html.tree.nodes() {
        if let Some(el) = ElementRef::wrap(node) {
            check_element(file, el, &mut links);
        }
    }
    links
}

fn text_of(html: &Html) -> String {
    html.root_element().text().collect()
}

#[test]
fn nothing_from_hostile_content_becomes_active_in_any_output() {
    let (_dir, all) = build();
    let mut pages = 0;
    let mut content_links = Vec::new();
    for (path, bytes) in &all {
        // Removed by the loader (W004), so found in no file at all.
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains('\u{202e}'),
            "{path}: a right-to-left override"
        );
        let ext = path.rsplit('.').next().unwrap_or_default();
        match ext {
            "html" => {
                pages += 1;
                let html = Html::parse_document(&text);
                assert!(
                    html.errors.iter().all(|e| !e.contains("Unexpected token")),
                    "{path}: {:?}",
                    html.errors
                );
                content_links.extend(check_html(path, &html));
            }
            "xml" => check_xml(path, &text),
            "json" => check_json(path, &text),
            "csv" => check_csv(path, bytes),
            "txt" => assert_eq!(path, "robots.txt"),
            // The attachment, copied as it is.
            "pdf" => assert!(bytes.starts_with(b"%PDF"), "{path}"),
            // Search index files: zlib-compressed binary, read by the client
            // as data (checked through the Rust reader below).
            _ if path.starts_with("search/") => {
                assert!(decompress(bytes).is_some(), "{path}: not zlib data");
            }
            _ => assert!(
                path.starts_with("static/"),
                "{path}: an output file this test does not read; teach it the format"
            ),
        }
    }
    assert!(pages >= 15, "only {pages} pages");
    // The content's safe Markdown links survive, so the checks above saw them.
    for kept in ["https://example.org/fine", "mailto:a@example.org", "../x/"] {
        assert!(
            content_links.iter().any(|l| l == kept),
            "{kept} missing from {content_links:?}"
        );
    }
}

#[test]
fn hostile_text_is_printed_as_text() {
    let (_dir, all) = build();
    let page = String::from_utf8_lossy(&all["proposals/2019/0001/index.html"]).into_owned();
    let html = Html::parse_document(&page);
    let text = text_of(&html);
    // Tera syntax in content is printed, never evaluated.
    for literal in [
        "{{ config }}",
        "{% if true %}tera{% endif %}",
        "{# comment #}",
        "<script>alert('gk1')</script>",
        "<img src=x onerror=alert('gk2')>",
        "&lt;script&gt;alert('gk15')",
        "=HYPERLINK(",
    ] {
        assert!(text.contains(literal), "{literal:?} not shown as text");
    }
    // The override was removed, the text around it kept.
    assert!(text.contains("gpj.exe"));
    // Dangerous links keep only their words.
    for words in ["l1", "l4", "l6", "i1", "r1"] {
        assert!(text.contains(words), "{words}");
    }
    // Status labels from site.yaml are text too.
    let status = String::from_utf8_lossy(&all["status/index.html"]).into_owned();
    assert!(text_of(&Html::parse_document(&status)).contains("A <script>alert('gk40')</script>"));
}

/// The search index holds the hostile text as data: the records are found by
/// it, and what the client shows of them is the published title and a
/// site-relative record path.
#[test]
fn the_search_index_holds_hostile_text_as_data() {
    let (dir, all) = build();
    let page = Html::parse_document(&String::from_utf8_lossy(&all["search/index.html"]));
    let meta: String = page
        .select(&scraper::Selector::parse("#search-meta").unwrap())
        .next()
        .expect("the search page embeds the index metadata")
        .text()
        .collect();
    let searcher = Searcher::new(&meta, DirFiles(dir.path().join("public"))).unwrap();
    let results = searcher.search("alert gk1", &Filters::parse(&[]));
    assert_eq!(results.docs.len(), 3, "every record holds alert('gk1')");
    for doc in results.docs {
        let shown = searcher.display(doc).unwrap();
        assert!(
            shown.path.starts_with("proposals/2019/000") && !shown.path.contains(':'),
            "{}",
            shown.path
        );
        assert!(
            shown.title.contains("<script>alert('gk1"),
            "{}",
            shown.title
        );
    }
}

fn check_xml(path: &str, text: &str) {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut urls = 0;
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        for attr in node.attributes() {
            if attr.name() == "href" {
                urls += 1;
                assert!(
                    attr.value().starts_with(BASE),
                    "{path}: href {:?}",
                    attr.value()
                );
            }
        }
        match name {
            "loc" | "id" => {
                urls += 1;
                let url = node.text().unwrap_or_default();
                assert!(url.starts_with(BASE), "{path}: <{name}> {url:?}");
            }
            // HTML carried in the feed is checked as HTML.
            "content" | "summary" if node.attribute("type") == Some("html") => {
                let fragment = Html::parse_fragment(node.text().unwrap_or_default());
                check_html(&format!("{path} <{name}>"), &fragment);
            }
            _ => {}
        }
    }
    assert!(urls > 0, "{path}: no URL found");
}

fn check_json(path: &str, text: &str) {
    // `<` is written as \u003c in every JSON file, so no reader that sniffs or
    // embeds one can meet a tag.
    assert!(!text.contains('<'), "{path}: a raw '<'");
    let value: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
    fn walk(path: &str, key: &str, v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) if key == "url" || key.ends_with("_url") => {
                check_url(path, key, s)
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(path, key, i)),
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| walk(path, k, v)),
            _ => {}
        }
    }
    walk(path, "", &value);
}

fn check_csv(path: &str, bytes: &[u8]) {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let mut neutralised = 0;
    for row in reader.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{path}: formula cell {cell:?}"
            );
            neutralised += usize::from(cell.starts_with("'=") || cell.starts_with("'+"));
        }
    }
    assert!(neutralised > 0, "{path}: no formula cell was neutralised");
}
