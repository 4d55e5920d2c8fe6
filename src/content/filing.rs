//! The formats of the values `site.yaml` gives for the filing footer and the
//! site's address: the ICP number, the public-security filing number (and the
//! 14 digits its query link needs), the 网站标识码, the base URL and the
//! navigation links. The validate stage reports a value that breaks them; the
//! renderer reads the filing number's digits through
//! [`Filing::police_code`](super::Filing::police_code), so both read the value
//! by one rule.

/// The 31 provincial abbreviations used in filing numbers.
const PROVINCES: &str = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新";

fn strip_province(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    PROVINCES.contains(first).then(|| &s[first.len_utf8()..])
}

fn digits(s: &str, min: usize, max: usize) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (min..=max).contains(&n).then(|| s.split_at(n))
}

/// `<省>ICP备<digits>号[-<n>]`, e.g. 鄂ICP备2022016438号-1.
pub fn valid_icp(s: &str) -> bool {
    let check = || -> Option<()> {
        let rest = strip_province(s)?.strip_prefix("ICP备")?;
        let (_, rest) = digits(rest, 5, 12)?;
        let rest = rest.strip_prefix('号')?;
        if rest.is_empty() {
            return Some(());
        }
        let (_, tail) = digits(rest.strip_prefix('-')?, 1, 4)?;
        tail.is_empty().then_some(())
    };
    check().is_some()
}

/// `<省>公网安备 <14 digits>号` (the space is optional), e.g. 鄂公网安备 42011302000122号.
pub fn valid_police(s: &str) -> bool {
    police_code(s).is_some()
}

/// The 14 digits of a public-security filing number, for the query link.
pub fn police_code(s: &str) -> Option<&str> {
    let rest = strip_province(s)?.strip_prefix("公网安备")?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let (code, tail) = digits(rest, 14, 14)?;
    (tail == "号").then_some(code)
}

/// Ten digits, or `bm` and eight digits.
pub fn valid_site_code(s: &str) -> bool {
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    (s.len() == 10 && all_digits(s))
        || (s.len() == 10 && s.starts_with("bm") && all_digits(&s[2..]))
}

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

/// An absolute http(s) address without query or fragment: page paths are
/// appended to it (the model adds a missing final `/`).
pub fn valid_base_url(s: &str) -> bool {
    is_http_url(s) && !s.contains(['?', '#'])
}

/// A navigation link: an http(s) address, or a site path relative to the site
/// root (`proposals/`). A path may not start with `/` (that would break hosting
/// under a sub-path) nor contain `:` (no `javascript:` or other schemes).
pub fn safe_link(s: &str) -> bool {
    if is_http_url(s) {
        return true;
    }
    !s.is_empty()
        && !s.contains(':')
        && !s.starts_with('/')
        && !s.starts_with('\\')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

impl super::Filing {
    /// The 14 digits of the public-security filing number, for its query
    /// link; `None` when the number is not in the required form.
    pub fn police_code(&self) -> Option<&str> {
        police_code(&self.police)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filing_formats() {
        assert!(valid_icp("鄂ICP备2022016438号-1"));
        assert!(valid_icp("京ICP备05070218号"));
        for bad in [
            "ICP备2022016438号",
            "鄂ICP备号",
            "鄂ICP备2022016438",
            "鄂ICP备2022016438号-",
            "鄂ICP证030173号",
            "X ICP备12345号",
        ] {
            assert!(!valid_icp(bad), "{bad}");
        }
        assert!(valid_police("鄂公网安备 42011302000122号"));
        assert!(valid_police("鄂公网安备42011302000122号"));
        assert_eq!(
            police_code("鄂公网安备 42011302000122号"),
            Some("42011302000122")
        );
        for bad in [
            "鄂公网安备 4201130200012号",
            "公网安备 42011302000122号",
            "鄂公网安备 42011302000122",
        ] {
            assert!(!valid_police(bad), "{bad}");
        }
        assert!(valid_site_code("4201130014"));
        assert!(valid_site_code("bm12345678"));
        for bad in ["420113001", "bm1234567", "BM12345678", "42011300145"] {
            assert!(!valid_site_code(bad), "{bad}");
        }
    }

    #[test]
    fn links() {
        assert!(safe_link("proposals/"));
        assert!(safe_link("https://www.gov.cn/"));
        for bad in [
            "/about/",
            "javascript:alert(1)",
            "//evil.example/",
            "data:text/html,x",
            " JavaScript:x",
            "vbscript:x",
        ] {
            assert!(!safe_link(bad), "{bad}");
        }
    }
}
