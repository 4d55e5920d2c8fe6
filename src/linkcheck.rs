//! `gongkai check`'s look at the rendered site: every internal link and asset
//! reference in every page resolves to a file of the build (and, with a
//! `#fragment`, to an element with that id), and every page has a `<title>`.
//!
//! Pages are tokenized with html5gum (a WHATWG tokenizer, so attribute quoting,
//! character references and `<script>` text are read as a browser reads them).
//! A reference is internal when it has no scheme and no host, or when it starts
//! with the site's `base_url`; relative references are resolved against the
//! page's own path, as a browser resolves them.
//!
//! One exception: the search page belongs to the search feature, which builds
//! `search/index.html`. While a build has no search page, the theme's search box
//! still points at it, and that one target is not reported (the theme's own tests,
//! `tests/integration/pages/`, make the same allowance); once the page is built, links to
//! it are checked like any other.

use std::collections::{BTreeMap, BTreeSet};

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::base_url::BaseUrl;
use crate::diagnostic::{Diagnostic, Diagnostics, Pos, Problem};

/// Attributes holding one URL.
const URL_ATTRIBUTES: [&str; 6] = ["href", "src", "action", "poster", "data", "cite"];

/// What one page refers to and offers.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageLinks {
    /// Every URL in a link attribute, in order.
    pub references: Vec<String>,
    /// Every `id` (and `<a name>`), for `#fragment` links.
    pub ids: BTreeSet<String>,
    /// Whether the page has a `<title>` with text in it.
    pub has_title: bool,
}

/// Reads the references, ids and title of one HTML page.
pub fn scan(html: &[u8]) -> PageLinks {
    let mut page = PageLinks::default();
    let mut in_title = false;
    // Switch to raw text inside <script>, <style>, <title>… as a browser does, so
    // `"<a href=…>"` in a script is not taken for a link.
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                for (attr, value) in &tag.attributes {
                    let attr = String::from_utf8_lossy(attr);
                    let value = String::from_utf8_lossy(value).into_owned();
                    if URL_ATTRIBUTES.contains(&attr.as_ref()) {
                        page.references.push(value);
                    } else if attr == "srcset" {
                        page.references.extend(srcset_urls(&value));
                    } else if attr == "id" || (attr == "name" && name == "a") {
                        page.ids.insert(value);
                    }
                }
                in_title = name == "title" && !tag.self_closing;
            }
            Token::String(text)
                if in_title && !String::from_utf8_lossy(&text).trim().is_empty() =>
            {
                page.has_title = true;
            }
            Token::EndTag(_) => in_title = false,
            _ => {}
        }
    }
    page
}

/// The URLs of a `srcset`: comma-separated `url [descriptor]` candidates.
fn srcset_urls(value: &str) -> Vec<String> {
    value
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Where an internal reference points: a site-relative file path and fragment.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Another host, a `mailto:` or `tel:` link, a `data:` URL: not ours to check.
    External,
    /// A file of the site (`proposals/2019/0003/index.html`), with its fragment.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// A reference that leaves the site (`../` above its root, or an absolute
    /// path outside `base_url`'s path).
    Outside,
}

/// Resolves `url` found in the page at `page` (a site-relative file path) for a
/// site published at `base_url` (without one, at the root of its host).
pub fn resolve(page: &str, url: &str, base_url: Option<&BaseUrl>) -> Target {
    let url = url.trim();
    let base_path = base_url.map_or("/", BaseUrl::path);
    // A link may write the site's address as links carry it or as it was
    // written in site.yaml (a Chinese domain name or path, BaseUrl).
    let readable_path = base_url.map_or("/", BaseUrl::readable_path);
    let rest = if let Some(after) = base_url.and_then(|b| {
        strip_prefix_ignore_case(url, b.as_str())
            .or_else(|| strip_prefix_ignore_case(url, b.readable()))
    }) {
        // An absolute link to the site itself (a canonical link).
        format!("{base_path}{after}")
    } else if has_scheme(url) || url.starts_with("//") {
        return Target::External;
    } else {
        url.to_string()
    };
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r.to_string(), Some(percent_decode(f))),
        None => (rest, None),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    let (start, relative): (Vec<&str>, &str) = if let Some(abs) = rest.strip_prefix('/') {
        let root = format!("/{abs}");
        match [base_path, readable_path]
            .into_iter()
            .find(|p| root.starts_with(p))
        {
            Some(p) => (Vec::new(), &rest[p.len()..]),
            None => return Target::Outside,
        }
    } else if rest.is_empty() {
        // `#main` or `?q`: the page itself.
        return Target::Internal {
            path: page.to_string(),
            fragment,
        };
    } else {
        let mut dir: Vec<&str> = page.split('/').collect();
        dir.pop();
        (dir, rest)
    };
    let mut parts = start;
    let decoded = percent_decode(relative);
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            "" if i != last => {}
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if path.is_empty() || decoded.ends_with('/') || decoded.ends_with("/.") || decoded == "." {
        if !path.is_empty() && !path.ends_with('/') {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Target::Internal { path, fragment }
}

/// `url` without `prefix` (which ends in `/`), compared without regard to case.
fn strip_prefix_ignore_case<'u>(url: &'u str, prefix: &str) -> Option<&'u str> {
    (url.len() >= prefix.len()
        && url.is_char_boundary(prefix.len())
        && url[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &url[prefix.len()..])
}

/// `http:`, `mailto:`, `data:`…: letters, digits, `+-.`, then a colon, before any `/?#`.
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Decodes `%XX` escapes (invalid ones are kept as they are).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Checks every HTML page of a rendered site; returns one diagnostic per broken
/// reference (each target once per page) and per page without a title.
pub fn check(files: &BTreeMap<String, Vec<u8>>, base_url: Option<&BaseUrl>) -> Diagnostics {
    let pages: BTreeMap<&str, PageLinks> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.as_str(), scan(bytes)))
        .collect();
    let mut diags = Diagnostics::new();
    for (page, links) in &pages {
        let text = String::from_utf8_lossy(&files[*page]);
        if !links.has_title {
            diags.push(Diagnostic::in_file(
                Problem::MissingTitle {
                    page: page.to_string(),
                },
                *page,
            ));
        }
        let mut reported = BTreeSet::new();
        for url in &links.references {
            let broken = match resolve(page, url, base_url) {
                Target::External => None,
                Target::Outside => Some(Problem::LinkOutsideSite {
                    page: page.to_string(),
                    target: url.clone(),
                }),
                Target::Internal { path, .. } if awaits_search_page(&path, files) => None,
                Target::Internal { path, fragment } => {
                    let found = if files.contains_key(&path) {
                        Some(path)
                    } else {
                        // `proposals/2019` without the slash: servers redirect to the folder.
                        let index = format!("{path}/index.html");
                        files.contains_key(&index).then_some(index)
                    };
                    match (found, fragment) {
                        (None, _) => Some(Problem::BrokenLink {
                            page: page.to_string(),
                            target: url.clone(),
                        }),
                        (Some(target), Some(f)) if !f.is_empty() => {
                            let has = pages
                                .get(target.as_str())
                                .is_none_or(|p| p.ids.contains(&f));
                            (!has).then(|| Problem::BrokenFragment {
                                page: page.to_string(),
                                target: url.clone(),
                            })
                        }
                        _ => None,
                    }
                }
            };
            if let Some(problem) = broken
                && reported.insert(url.clone())
            {
                diags.push(located(problem, page, &text, url));
            }
        }
    }
    diags
}

/// Whether `path` is the search page, and the build has none (see the module doc).
fn awaits_search_page(path: &str, files: &BTreeMap<String, Vec<u8>>) -> bool {
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    dir.trim_end_matches('/') == "search" && !files.contains_key("search/index.html")
}

/// A diagnostic at the first place `url` is written in the page, with the
/// page's line as its snippet when the line is short enough to read.
fn located(problem: Problem, page: &str, text: &str, url: &str) -> Diagnostic {
    let written = [url.to_string(), url.replace('&', "&amp;")]
        .into_iter()
        .find_map(|w| {
            text.find(&format!("\"{w}\""))
                .map(|i| i + 1)
                .or_else(|| text.find(&w))
        });
    let Some(offset) = written else {
        return Diagnostic::in_file(problem, page);
    };
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    let line_text = text[line_start..].lines().next().unwrap_or("");
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    // The page's line only, not a copy of the page for each broken link.
    let snippet = (line_text.chars().count() <= 200).then_some(line_text);
    let pos = Pos::new(line as u32, col as u32, url.chars().count() as u32);
    Diagnostic::at_line(problem, page, pos, snippet)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://www.example.gov.cn/jytabl/";

    fn base() -> Option<&'static BaseUrl> {
        static URL: std::sync::LazyLock<BaseUrl> =
            std::sync::LazyLock::new(|| BaseUrl::parse(BASE).unwrap());
        Some(&URL)
    }

    fn internal(path: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            path: path.into(),
            fragment: fragment.map(Into::into),
        }
    }

    /// A site at a Chinese address: links may write it as links carry it
    /// (Punycode, percent-encoded) or as site.yaml does.
    #[test]
    fn a_chinese_base_url_is_the_site_either_way() {
        let base = BaseUrl::parse("https://例子.中国/建议提案/").unwrap();
        let page = "proposals/2019/0003/index.html";
        let target = internal("proposals/2019/0004/index.html", None);
        for url in [
            "/建议提案/proposals/2019/0004/",
            "/%E5%BB%BA%E8%AE%AE%E6%8F%90%E6%A1%88/proposals/2019/0004/",
            "https://例子.中国/建议提案/proposals/2019/0004/",
            "https://xn--fsqu00a.xn--fiqs8s/%E5%BB%BA%E8%AE%AE%E6%8F%90%E6%A1%88/proposals/2019/0004/",
        ] {
            assert_eq!(resolve(page, url, Some(&base)), target, "{url}");
        }
        assert_eq!(resolve(page, "/其他/", Some(&base)), Target::Outside);
    }

    #[test]
    fn resolves_like_a_browser() {
        let page = "proposals/2019/0003/index.html";
        assert_eq!(
            resolve(page, "../../../", base()),
            internal("index.html", None)
        );
        assert_eq!(
            resolve(page, "../0004/", base()),
            internal("proposals/2019/0004/index.html", None)
        );
        assert_eq!(
            resolve(page, "reply.pdf", base()),
            internal("proposals/2019/0003/reply.pdf", None)
        );
        assert_eq!(resolve(page, "#main", base()), internal(page, Some("main")));
        assert_eq!(
            resolve(page, "../../../static/css/site.1.css?v=2#x", base()),
            internal("static/css/site.1.css", Some("x"))
        );
        assert_eq!(resolve(page, "../../../../x/", base()), Target::Outside);
        assert_eq!(
            resolve("404.html", "/jytabl/proposals/", base()),
            internal("proposals/index.html", None)
        );
        assert_eq!(resolve("404.html", "/other/", base()), Target::Outside);
        assert_eq!(
            resolve(
                "index.html",
                "https://www.example.gov.cn/jytabl/sessions/",
                base()
            ),
            internal("sessions/index.html", None)
        );
        assert_eq!(
            resolve("index.html", "https://beian.miit.gov.cn/", base()),
            Target::External
        );
        assert_eq!(
            resolve("index.html", "mailto:a@b.cn", base()),
            Target::External
        );
        assert_eq!(
            resolve("index.html", "//cdn.example.com/x.js", base()),
            Target::External
        );
        // Without base_url the site is at its host's root; another host is
        // still another host.
        assert_eq!(
            resolve("index.html", "//cdn.example.com/x.js", None),
            Target::External
        );
        assert_eq!(
            resolve("404.html", "/proposals/", None),
            internal("proposals/index.html", None)
        );
        assert_eq!(
            resolve("index.html", "topics/%E5%81%9C/", base()),
            internal("topics/停/index.html", None)
        );
        assert_eq!(
            resolve("proposals/index.html", "./", base()),
            internal("proposals/index.html", None)
        );
        assert_eq!(
            resolve("proposals/index.html", "page/2/index.html", base()),
            internal("proposals/page/2/index.html", None)
        );
    }

    #[test]
    fn scans_quoted_unquoted_and_escaped_attributes() {
        let html = r#"<!DOCTYPE html><html><head><title> 标题 </title>
<link rel=stylesheet href=static/a.css><script src="static/a.js"></script>
<script>if (a < b) { x = "<a href='nope'>"; }</script></head>
<body><a href="x/?a=1&amp;b=2">x</a><img src='i.png' srcset="i.png 1x, j.png 2x">
<main id="main"></main><a name="top"></a></body></html>"#;
        let page = scan(html.as_bytes());
        assert!(page.has_title);
        assert_eq!(
            page.references,
            [
                "static/a.css",
                "static/a.js",
                "x/?a=1&b=2",
                "i.png",
                "i.png",
                "j.png"
            ]
        );
        assert_eq!(
            page.ids.iter().map(String::as_str).collect::<Vec<_>>(),
            ["main", "top"]
        );
        assert!(!scan(b"<html><head><title> </title></head></html>").has_title);
        assert!(!scan(b"<html><head></head><body>no title</body></html>").has_title);
    }

    #[test]
    fn reports_broken_targets_fragments_and_missing_titles() {
        let mut files = BTreeMap::new();
        files.insert(
            "index.html".to_string(),
            br##"<title>t</title><a href="proposals/">ok</a><a href="proposals">ok too</a>
<a href="#main">skip</a><main id="main"></main><a href="missing/">bad</a><a href="missing/">bad again</a>
<a href="proposals/#nope">bad fragment</a><a href="../up/">outside</a>"##
                .to_vec(),
        );
        files.insert(
            "proposals/index.html".to_string(),
            b"<p>no title</p>".to_vec(),
        );
        let diags = check(&files, base()).sorted();
        let codes: Vec<(&str, String)> = diags
            .iter()
            .map(|d| (d.code(), d.file.clone().unwrap_or_default()))
            .collect();
        assert_eq!(diags.len(), 4, "{codes:?}");
        let text: Vec<String> = diags
            .iter()
            .map(|d| d.headline(crate::diagnostic::Lang::En))
            .collect();
        assert!(text.iter().any(|t| t.contains("missing/")), "{text:?}");
        assert!(
            text.iter().any(|t| t.contains("proposals/#nope")),
            "{text:?}"
        );
        assert!(text.iter().any(|t| t.contains("../up/")), "{text:?}");
        assert!(
            text.iter()
                .any(|t| t.starts_with("proposals/index.html: error[")),
            "{text:?}"
        );
    }

    #[test]
    fn the_search_box_target_waits_for_the_search_page() {
        let page = br##"<title>t</title><form action="search/"></form><a href="search/#q">q</a>"##;
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), page.to_vec());
        assert!(check(&files, base()).is_empty());
        // Once the search page is built, links to it are checked like any other.
        files.insert(
            "search/index.html".to_string(),
            b"<title>s</title><input id=\"x\">".to_vec(),
        );
        let diags = check(&files, base()).sorted();
        assert_eq!(diags.len(), 1);
        assert!(diags.iter().all(|d| d.code() == "E061"), "{diags:?}");
    }
}
