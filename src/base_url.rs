//! The address a site is published at (`base_url`), parsed once where it
//! enters — `site.yaml`, `--base-url`, the preview's own address — and
//! carried as a [`BaseUrl`] to everything that writes an absolute address:
//! canonical links, the feed, the sitemaps, robots.txt, the open data's URLs
//! and the link check.
//!
//! One rule decides what is an address ([`is_http_url`], [`BaseUrl::parse`]):
//! validate reports a value that breaks it (E033), the command
//! line refuses it, and the model parses the value that passed.
//!
//! The address is kept in its ASCII form, as sitemaps, feeds and canonical
//! links must carry it: a Chinese domain name (政务 and 公益 names, `例子.中国`)
//! in Punycode (`xn--fsqu00a.xn--fiqs8s`), a Chinese path percent-encoded
//! (`/%E5%BB%BA%E8%AE%AE/`), the host in lower case, full-width letters and
//! dots typed with a Chinese input method (`ｗｗｗ。例子。中国`) as their ASCII.
//! Punycode is RFC 3492's encoder, written out here (40 lines): the crates that
//! offer it bring the whole of IDNA's Unicode tables. What IDNA maps beyond
//! that (compatibility forms, other scripts' case) no Chinese address needs.
//! An address with a user name or password (`https://user:pw@…`) is refused:
//! it would be written into every page.

use std::fmt;

/// An absolute http(s) address without query or fragment, ending in exactly
/// one `/` (`https://www.example.gov.cn/jytabl/`): a site path is appended to
/// it as it is ([`BaseUrl::join`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    /// What links carry: the ASCII form.
    ascii: String,
    /// What a reader reads and types: the domain name and path as written.
    readable: String,
}

impl BaseUrl {
    /// The address `s` names, or `None` when it is not an absolute http(s)
    /// address without `?` or `#`. A missing final `/` is added and several
    /// are made one (`https://x.gov.cn/jytabl` means `…/jytabl/`).
    pub fn parse(s: &str) -> Option<BaseUrl> {
        if !is_http_url(s) || s.contains(['?', '#']) {
            return None;
        }
        let (scheme, rest) = s.split_once("://")?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return None;
        }
        let host = fold_host(authority);
        let ascii_path = percent_encoding::utf8_percent_encode(path, percent_encoding::CONTROLS);
        let one_slash = |url: String| format!("{}/", url.trim_end_matches('/'));
        Some(BaseUrl {
            ascii: one_slash(format!("{scheme}://{}{ascii_path}", ascii_host(&host)?)),
            readable: one_slash(format!("{scheme}://{host}{path}")),
        })
    }

    /// The address, with its one final `/`.
    pub fn as_str(&self) -> &str {
        &self.ascii
    }

    /// The absolute address of a site path (`proposals/2019/0003/`,
    /// `atom.xml`; a leading `/` is the site's root, not the host's).
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.ascii, path.trim_start_matches('/'))
    }

    /// [`BaseUrl::join`] as a reader reads it, for the address printed on a
    /// page: `https://例子.政务/建议提案/proposals/2019/0003/`.
    pub fn readable_join(&self, path: &str) -> String {
        format!("{}{}", self.readable, path.trim_start_matches('/'))
    }

    /// The address as a reader reads it ([`BaseUrl::readable_join`]).
    pub fn readable(&self) -> &str {
        &self.readable
    }

    /// The host, with its port if any: `www.example.gov.cn`.
    pub fn host(&self) -> &str {
        let rest = after_scheme(&self.ascii);
        &rest[..rest.find('/').unwrap_or(rest.len())]
    }

    /// The path on the host, from and to a `/`: `/jytabl/`, or `/` at the root.
    pub fn path(&self) -> &str {
        path_of(&self.ascii)
    }

    /// [`BaseUrl::path`] as written: `/建议提案/`.
    pub fn readable_path(&self) -> &str {
        path_of(&self.readable)
    }
}

fn after_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

fn path_of(url: &str) -> &str {
    let rest = after_scheme(url);
    rest.find('/').map_or("/", |i| &rest[i..])
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ascii)
    }
}

/// `host[:port]` as written, full-width letters, digits, `-`, `:` and dots (a
/// Chinese input method's) made ASCII, in lower case. Other full-width signs
/// stay as they are: a `＠` or `？` must not become a user name or a query.
fn fold_host(authority: &str) -> String {
    authority
        .chars()
        .map(|c| match c {
            '。' | '．' | '｡' => '.',
            '\u{FF01}'..='\u{FF5E}' => match char::from_u32(c as u32 - 0xFEE0) {
                Some(a) if a.is_ascii_alphanumeric() || a == '-' || a == ':' => a,
                _ => c,
            },
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A [`fold_host`]ed `host[:port]` in ASCII: a label with other characters
/// in Punycode. `None` when a label cannot be encoded.
fn ascii_host(host: &str) -> Option<String> {
    if host.is_ascii() {
        return Some(host.to_string());
    }
    let (host, port) = match host.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => (host, Some(port)),
        _ => (host, None),
    };
    let labels: Option<Vec<String>> = host
        .split('.')
        .map(|label| match label.is_ascii() {
            true => Some(label.to_string()),
            false => punycode(label).map(|p| format!("xn--{p}")),
        })
        .collect();
    let host = labels?.join(".");
    Some(match port {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

/// RFC 3492's encoding of a label (without the `xn--`); `None` on overflow.
fn punycode(label: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    let chars: Vec<u32> = label.chars().map(u32::from).collect();
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    if basic > 0 {
        out.push('-');
    }
    let digit = |d: u32| {
        char::from(if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        })
    };
    let adapt = |delta: u32, points: u32, first: bool| {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + 38)
    };
    let (mut n, mut delta, mut bias, mut handled) = (128u32, 0u32, 72u32, basic);
    while (handled as usize) < chars.len() {
        let m = chars.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &chars {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = k.saturating_sub(bias).clamp(T_MIN, T_MAX);
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
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
            // Written as typed, kept as sitemaps and feeds must carry it.
            (
                "https://例子.中国/建议提案",
                "https://xn--fsqu00a.xn--fiqs8s/%E5%BB%BA%E8%AE%AE%E6%8F%90%E6%A1%88/",
                "xn--fsqu00a.xn--fiqs8s",
                "/%E5%BB%BA%E8%AE%AE%E6%8F%90%E6%A1%88/",
                "https://xn--fsqu00a.xn--fiqs8s/%E5%BB%BA%E8%AE%AE%E6%8F%90%E6%A1%88/proposals/2019/0003/",
            ),
            (
                "https://ｗｗｗ。例子。测试:8443/",
                "https://www.xn--fsqu00a.xn--0zwm56d:8443/",
                "www.xn--fsqu00a.xn--0zwm56d:8443",
                "/",
                "https://www.xn--fsqu00a.xn--0zwm56d:8443/proposals/2019/0003/",
            ),
            (
                "https://WWW.X.GOV.CN/JYTABL/",
                "https://www.x.gov.cn/JYTABL/",
                "www.x.gov.cn",
                "/JYTABL/",
                "https://www.x.gov.cn/JYTABL/proposals/2019/0003/",
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
        let url = BaseUrl::parse("https://例子。中国/建议提案").unwrap();
        assert_eq!(
            url.readable_join("proposals/2019/0003/"),
            "https://例子.中国/建议提案/proposals/2019/0003/"
        );
        assert_eq!(url.readable(), "https://例子.中国/建议提案/");
        assert_eq!(url.readable_path(), "/建议提案/");
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
            "https://user:password@x.gov.cn/",
            "https://admin@x.gov.cn/",
        ] {
            assert_eq!(BaseUrl::parse(bad), None, "{bad:?}");
        }
        // Full-width signs other than `.`, `-` and `:` are not made ASCII, so
        // none of them turns into a user name, a query or a fragment.
        for odd in [
            "https://admin＠x.gov.cn/",
            "https://x.gov.cn？a=1/",
            "https://x.gov.cn＃top/",
        ] {
            let url = BaseUrl::parse(odd).unwrap_or_else(|| panic!("{odd}"));
            assert!(url.host().contains("xn--"), "{odd}: {url}");
            assert!(!url.as_str().contains(['@', '?', '#']), "{odd}: {url}");
        }
    }

    /// RFC 3492's sample strings (7.1: Chinese, simplified and traditional;
    /// Japanese with ASCII), and labels whose encodings registries publish.
    #[test]
    fn punycode_encodes_as_rfc_3492() {
        for (label, encoded) in [
            ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
            ("他們爲什麽不說中文", "ihqwctvzc91f659drss3x8bo0yb"),
            ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
            ("中国", "fiqs8s"),
            ("例子", "fsqu00a"),
            ("测试", "0zwm56d"),
            ("政务", "zfr164b"),
        ] {
            assert_eq!(punycode(label).as_deref(), Some(encoded), "{label}");
        }
    }
}
