//! `sitemap.xml`: every HTML page of the site for search engines, following the
//! sitemaps.org protocol.
//!
//! The URLs come from the page list (the renderer's, handed over by the output
//! stage), so a new page kind is listed without a change here. Pages written as plain files
//! rather than folders (a 404 page) are not listed, nor are drafts.
//!
//! One file holds at most 50,000 URLs and 50 MiB. Up to that, `sitemap.xml` is
//! the URL set; above it, `sitemap.xml` becomes a sitemap index pointing to
//! `sitemap-1.xml`, `sitemap-2.xml`, … each within both limits.
//!
//! `<lastmod>` is a record page's `published_on` (its reply date unless set
//! apart), a content date, so builds stay byte-identical; pages without a date
//! of their own (lists, term pages, undated records) have no `<lastmod>`. In an
//! index, each file's `<lastmod>` is the newest of its URLs', when any has one.

use std::collections::BTreeMap;

use super::records;
use super::xml::push_escaped;
use crate::base_url::BaseUrl;
use crate::model::Date;
use crate::model::Site;

/// Where the sitemap (or the sitemap index) is written, site-relative.
pub const PATH: &str = "sitemap.xml";

/// The protocol's limits per file.
pub const MAX_URLS: usize = 50_000;
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const URLSET_OPEN: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// One URL of the sitemap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// Absolute.
    pub loc: String,
    pub lastmod: Option<Date>,
}

/// The site's pages (`pages`: their site-relative paths, in page-list order)
/// as sitemap URLs.
pub fn urls(site: &Site, base: &BaseUrl, pages: &[String]) -> Vec<Url> {
    let dates: BTreeMap<&str, Option<Date>> = records(site)
        .map(|r| (r.path.as_str(), r.published_on))
        .collect();
    let drafts: Vec<&str> = site
        .records
        .iter()
        .filter(|r| r.draft)
        .map(|r| r.path.as_str())
        .collect();
    pages
        .iter()
        .filter(|path| path.is_empty() || path.ends_with('/'))
        .filter(|path| !drafts.contains(&path.as_str()))
        .map(|path| Url {
            loc: base.join(path),
            lastmod: dates.get(path.as_str()).copied().flatten(),
        })
        .collect()
}

/// The sitemap files for the site: `(site-relative path, bytes)`.
pub fn files(site: &Site, base: &BaseUrl, pages: &[String]) -> Vec<(String, Vec<u8>)> {
    split(base, &urls(site, base, pages))
}

/// `sitemap.xml` alone when the URLs fit one file; otherwise the index at
/// `sitemap.xml` and numbered files `sitemap-N.xml` (N from 1).
pub fn split(base_url: &BaseUrl, urls: &[Url]) -> Vec<(String, Vec<u8>)> {
    let mut chunks: Vec<(String, Option<Date>)> = Vec::new();
    let mut current = String::from(HEAD) + URLSET_OPEN;
    let mut count = 0;
    let mut newest: Option<Date> = None;
    let mut entry = String::new();
    for url in urls {
        entry.clear();
        push_url(&mut entry, url);
        let full =
            count == MAX_URLS || current.len() + entry.len() + URLSET_CLOSE.len() > MAX_BYTES;
        if full && count > 0 {
            current.push_str(URLSET_CLOSE);
            chunks.push((std::mem::take(&mut current), newest.take()));
            current = String::from(HEAD) + URLSET_OPEN;
            count = 0;
        }
        current.push_str(&entry);
        count += 1;
        newest = newest.max(url.lastmod);
    }
    current.push_str(URLSET_CLOSE);
    chunks.push((current, newest));

    if chunks.len() == 1 {
        let (text, _) = chunks.pop().unwrap_or_default();
        return vec![(PATH.to_string(), text.into_bytes())];
    }
    let mut index = String::from(HEAD);
    index.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut out = Vec::with_capacity(chunks.len() + 1);
    for (i, (text, newest)) in chunks.into_iter().enumerate() {
        let path = format!("sitemap-{}.xml", i + 1);
        index.push_str("<sitemap><loc>");
        push_escaped(&mut index, &base_url.join(&path));
        index.push_str("</loc>");
        if let Some(d) = newest {
            index.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        index.push_str("</sitemap>\n");
        out.push((path, text.into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, (PATH.to_string(), index.into_bytes()));
    out
}

fn push_url(out: &mut String, url: &Url) {
    out.push_str("<url><loc>");
    push_escaped(out, &url.loc);
    out.push_str("</loc>");
    if let Some(d) = url.lastmod {
        out.push_str(&format!("<lastmod>{d}</lastmod>"));
    }
    out.push_str("</url>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(n: usize) -> Vec<Url> {
        (0..n)
            .map(|i| Url {
                loc: format!("https://x.gov.cn/proposals/{i:06}/"),
                lastmod: (i % 2 == 0).then(|| jiff::civil::date(2019, 1, 1 + (i % 28) as i8)),
            })
            .collect()
    }

    #[test]
    fn small_sites_get_one_urlset() {
        let files = split(
            &BaseUrl::parse("https://x.gov.cn/").unwrap(),
            &generated(MAX_URLS),
        );
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        let text = std::str::from_utf8(&files[0].1).unwrap();
        assert!(text.contains("<urlset"));
        assert_eq!(text.matches("<url>").count(), MAX_URLS);
    }

    #[test]
    fn a_byte_budget_also_splits() {
        // 30,000 URLs of 2 KB: under the URL limit, over the byte limit.
        let long = "a".repeat(2_000);
        let urls: Vec<Url> = (0..30_000)
            .map(|i| Url {
                loc: format!("https://x.gov.cn/{long}/{i}/"),
                lastmod: None,
            })
            .collect();
        let files = split(&BaseUrl::parse("https://x.gov.cn/").unwrap(), &urls);
        assert_eq!(files.len(), 3, "an index and two files");
        let mut listed = 0;
        for (_, bytes) in &files[1..] {
            assert!(bytes.len() <= MAX_BYTES);
            listed += std::str::from_utf8(bytes).unwrap().matches("<url>").count();
        }
        assert_eq!(listed, urls.len());
    }
}
