//! The address a site is published at (`base_url`), parsed once where it
//! enters — `site.yaml`, `--base-url`, the preview's own address — and
//! carried as a [`BaseUrl`] to everything that writes an absolute address:
//! canonical links, the feed, the sitemaps, robots.txt, the open data's URLs
//! and the link check.
//!
//! One rule decides what is an address ([`is_http_url`], [`BaseUrl::parse`]):
//! validate reports a value that breaks it (E033), the command
//! line refuses it, and the model parses the value that passed.

use std::fmt;

/// An absolute http(s) address without query or fragment, ending in exactly
/// one `/` (`https://www.example.gov.cn/jytabl/`): a site path is appended to
/// it as it is ([`BaseUrl::join`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The address `s` names, or `None` when it is not an absolute http(s)
    /// address without `?` or `#`. A missing final `/` is added and several
    /// are made one (`https://x.gov.cn/jytabl` means `…/jytabl/`).
    pub fn parse(s: &str) -> Option<BaseUrl> {
        if !is_http_url(s) || s.contains(['?', '#']) {
            return None;
        }
        Some(BaseUrl(format!("{}/", s.trim_end_matches('/'))))
    }

    /// The address, with its one final `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The absolute address of a site path (`proposals/2019/0003/`,
    /// `atom.xml`; a leading `/` is the site's root, not the host's).
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.0, path.trim_start_matches('/'))
    }

    /// The host, with its port if any: `www.example.gov.cn`.
    pub fn host(&self) -> &str {
        let rest = self.after_scheme();
        &rest[..rest.find('/').unwrap_or(rest.len())]
    }

    /// The path on the host, from and to a `/`: `/jytabl/`, or `/` at the root.
    pub fn path(&self) -> &str {
        let rest = self.after_scheme();
        rest.find('/').map_or("/", |i| &rest[i..])
    }

    fn after_scheme(&self) -> &str {
        self.0.split_once("://").map_or(&self.0, |(_, rest)| rest)
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An `http://` or `https://` address with a host, and no whitespace,
/// control character, quote or angle bracket anywhere.
pub fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty()
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_join() {
        // (written, parsed, host, path, joined with "proposals/2019/0003/")
        let table = [
            (
                "https://www.example.gov.cn/jytabl/",
                "https://www.example.gov.cn/jytabl/",
                "www.example.gov.cn",
                "/jytabl/",
                "https://www.example.gov.cn/jytabl/proposals/2019/0003/",
            ),
            (
                "https://www.example.gov.cn/jytabl",
                "https://www.example.gov.cn/jytabl/",
                "www.example.gov.cn",
                "/jytabl/",
                "https://www.example.gov.cn/jytabl/proposals/2019/0003/",
            ),
            (
                "https://x.gov.cn",
                "https://x.gov.cn/",
                "x.gov.cn",
                "/",
                "https://x.gov.cn/proposals/2019/0003/",
            ),
            (
                "http://127.0.0.1:1111//",
                "http://127.0.0.1:1111/",
                "127.0.0.1:1111",
                "/",
                "http://127.0.0.1:1111/proposals/2019/0003/",
            ),
            (
                "https://x.gov.cn/a/b//",
                "https://x.gov.cn/a/b/",
                "x.gov.cn",
                "/a/b/",
                "https://x.gov.cn/a/b/proposals/2019/0003/",
            ),
        ];
        for (written, parsed, host, path, joined) in table {
            let url = BaseUrl::parse(written).unwrap_or_else(|| panic!("{written}"));
            assert_eq!(url.as_str(), parsed, "{written}");
            assert_eq!(url.host(), host, "{written}");
            assert_eq!(url.path(), path, "{written}");
            assert_eq!(url.join("proposals/2019/0003/"), joined, "{written}");
            assert_eq!(url.join("/atom.xml"), format!("{parsed}atom.xml"));
            assert_eq!(url.join(""), parsed);
        }
    }

    #[test]
    fn only_absolute_http_addresses_parse() {
        for bad in [
            "",
            "   ",
            "www.example.gov.cn",
            "/jytabl/",
            "ftp://x.gov.cn/",
            "https://",
            "https:///x",
            "https://x.gov.cn/?a=1",
            "https://x.gov.cn/#top",
            "https://x.gov.cn/a b/",
            " https://x.gov.cn/",
            "https://x.gov.cn/\"><script>",
        ] {
            assert_eq!(BaseUrl::parse(bad), None, "{bad:?}");
        }
    }
}
