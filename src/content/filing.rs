//! The formats of the values `site.yaml` gives for the filing footer and its
//! links: the ICP number, the public-security filing number (and the 14 digits
//! its query link needs), the 网站标识码 and the navigation links. (The site's
//! address is a [`BaseUrl`](crate::base_url::BaseUrl), in the kernel.) The
//! validate stage reports a value that breaks them. The public-security number
//! is parsed into a [`PoliceNumber`] (the model keeps it; the footer links its
//! digits), so validate and the renderer read it by one rule.

use crate::base_url::is_http_url;

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

/// A public-security filing number (公安机关备案号) in its required form,
/// `<省>公网安备 <14 digits>号` (the space is optional), e.g. 鄂公网安备
/// 42011302000122号: parsed once — validate reports a number that is not,
/// the model keeps the one that is, and the footer links its 14 digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoliceNumber {
    /// As written.
    number: String,
    /// Where its 14 digits are in `number`.
    code: std::ops::Range<usize>,
}

impl PoliceNumber {
    pub fn parse(s: &str) -> Option<PoliceNumber> {
        let rest = strip_province(s)?.strip_prefix("公网安备")?;
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let (code, tail) = digits(rest, 14, 14)?;
        let start = s.len() - rest.len();
        (tail == "号").then(|| PoliceNumber {
            number: s.to_string(),
            code: start..start + code.len(),
        })
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// Its 14 digits, for the query link.
    pub fn code(&self) -> &str {
        &self.number[self.code.clone()]
    }
}

/// Ten digits, or `bm` and eight digits.
pub fn valid_site_code(s: &str) -> bool {
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    (s.len() == 10 && all_digits(s))
        || (s.len() == 10 && s.starts_with("bm") && all_digits(&s[2..]))
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
        for number in ["鄂公网安备 42011302000122号", "鄂公网安备42011302000122号"] {
            let police = PoliceNumber::parse(number).unwrap();
            assert_eq!(police.code(), "42011302000122");
            assert_eq!(police.as_str(), number);
        }
        for bad in [
            "鄂公网安备 4201130200012号",
            "鄂公网安备 420113020001222号",
            "公网安备 42011302000122号",
            "鄂公网安备 42011302000122",
            "鄂公网安备 42011302000122号 ",
        ] {
            assert_eq!(PoliceNumber::parse(bad), None, "{bad}");
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
