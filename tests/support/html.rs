//! Just enough HTML reading for the page tests: attributes of tags, link
//! targets, and a canonical form of markup so an expected snippet matches the
//! page however the minifier wrote it (quoted or bare attribute values, their
//! order, omitted optional end tags, entity spelling, whitespace).
//! Used by the page tests of `tests/integration` (pages, content model).

#![allow(dead_code)]

use std::collections::BTreeMap;

/// A CSS selector for `scraper`, failing with the selector when it does not parse.
pub fn sel(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"))
}

/// End tags HTML lets a page omit; minifiers drop them.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "option", "html", "head", "body",
];

/// Parses the attributes of a start tag, from just after its name; returns
/// them with the rest of the input after the closing `>`.
fn attributes(mut s: &str) -> (BTreeMap<String, String>, &str) {
    let mut attrs = BTreeMap::new();
    s = s.trim_start();
    while !s.starts_with('>') && !s.is_empty() {
        if let Some(rest) = s.strip_prefix('/') {
            s = rest.trim_start();
            continue;
        }
        let end = s
            .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
            .unwrap_or(s.len());
        let key = s[..end].to_ascii_lowercase();
        s = &s[end..];
        let value = if let Some(v) = s.strip_prefix('=') {
            let (value, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = v[1..].find(q).map(|i| i + 1).unwrap_or(v.len() - 1);
                    (&v[1..close], &v[(close + 1).min(v.len())..])
                }
                _ => {
                    let e = v
                        .find(|c: char| c == '>' || c.is_whitespace())
                        .unwrap_or(v.len());
                    (&v[..e], &v[e..])
                }
            };
            s = after;
            unescape(value)
        } else {
            String::new()
        };
        attrs.insert(key, value);
        s = s.trim_start();
    }
    (attrs, s.strip_prefix('>').unwrap_or(s))
}

/// Decodes the character references a minifier may write.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let named = [
            ("&lt;", '<'),
            ("&LT;", '<'),
            ("&lt", '<'),
            ("&LT", '<'),
            ("&gt;", '>'),
            ("&GT;", '>'),
            ("&gt", '>'),
            ("&GT", '>'),
            ("&amp;", '&'),
            ("&AMP;", '&'),
            ("&amp", '&'),
            ("&AMP", '&'),
            ("&quot;", '"'),
            ("&QUOT;", '"'),
            ("&#39;", '\''),
            ("&#x27;", '\''),
            ("&#x2f;", '/'),
        ];
        if let Some((entity, ch)) = named.iter().find(|(e, _)| rest.starts_with(e)) {
            out.push(*ch);
            rest = &rest[entity.len()..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The attributes of every `<name …>` start tag.
pub fn tags(html: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        if rest.starts_with([' ', '>', '/']) {
            let (attrs, after) = attributes(rest);
            out.push(attrs);
            rest = after;
        }
    }
    out
}

/// The `content` of `<meta name=…>` (or `property=…`).
pub fn meta(html: &str, name: &str) -> Option<String> {
    tags(html, "meta")
        .into_iter()
        .find(|a| a.get("name").or(a.get("property")).map(String::as_str) == Some(name))
        .and_then(|a| a.get("content").cloned())
}

/// Every link target of a page: `href` of `a` and `link`, `src` of `img` and
/// `script`, `action` of forms.
pub fn targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (tag, attr) in [
        ("a", "href"),
        ("link", "href"),
        ("img", "src"),
        ("script", "src"),
        ("form", "action"),
    ] {
        out.extend(
            tags(html, tag)
                .into_iter()
                .filter_map(|a| a.get(attr).cloned()),
        );
    }
    out
}

pub fn is_external(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:") || target.starts_with("tel:")
}

/// Resolves an internal link from a page file to a site-relative file path
/// (folders get `index.html`); `None` when it climbs out of the site.
pub fn resolve(page: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if target.is_empty() {
        return Some(page.to_string());
    }
    let segs: Vec<&str> = target.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            "" if i + 1 == segs.len() => {}
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if target.ends_with('/') || target == "." || target.ends_with("/.") || target == ".." {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// Markup in one canonical form: start tags with double-quoted attributes in
/// name order, optional end tags dropped, character references decoded,
/// whitespace runs collapsed and whitespace between tags dropped.
pub fn norm(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut String| {
        let decoded = unescape(text);
        let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            if decoded.starts_with(char::is_whitespace) {
                out.push(' ');
            }
            out.push_str(&collapsed);
            if decoded.ends_with(char::is_whitespace) {
                out.push(' ');
            }
        }
        text.clear();
    };
    while let Some(c) = rest.chars().next() {
        let starts_tag = c == '<'
            && rest[1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!');
        if !starts_tag {
            text.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        flush(&mut text, &mut out);
        if let Some(end) = rest.strip_prefix("</") {
            let close = end.find('>').unwrap_or(end.len());
            let name = end[..close].trim().to_ascii_lowercase();
            if !OPTIONAL_END.contains(&name.as_str()) {
                out.push_str(&format!("</{name}>"));
            }
            rest = &end[(close + 1).min(end.len())..];
        } else if let Some(decl) = rest.strip_prefix("<!") {
            let close = decl.find('>').unwrap_or(decl.len());
            out.push_str(&format!("<!{}>", decl[..close].to_ascii_lowercase()));
            rest = &decl[(close + 1).min(decl.len())..];
        } else {
            let after = &rest[1..];
            let name_end = after
                .find(|c: char| c == '>' || c == '/' || c.is_whitespace())
                .unwrap_or(after.len());
            let name = after[..name_end].to_ascii_lowercase();
            let (attrs, next) = attributes(&after[name_end..]);
            out.push('<');
            out.push_str(&name);
            for (k, v) in attrs {
                out.push_str(&format!(" {k}=\"{v}\""));
            }
            out.push('>');
            rest = next;
        }
    }
    flush(&mut text, &mut out);
    // Spaces next to tags are the minifier's business.
    out.replace(" <", "<").replace("> ", ">")
}

/// Asserts that `html` contains `snippet`, both in canonical form.
#[track_caller]
pub fn assert_has(html: &str, snippet: &str) {
    let (page, want) = (norm(html), norm(snippet));
    assert!(page.contains(&want), "expected\n  {want}\nin\n{page}");
}
