//! `robots.txt`: lets every crawler in and points it to the sitemap by absolute
//! URL (RFC 9309; the `Sitemap` line is the sitemaps.org extension).
//!
//! Crawlers read `robots.txt` only at the root of a host. A site published under
//! a sub-path (`https://x.gov.cn/jytabl/`) still gets the file, for the host's
//! webmaster to merge its `Sitemap` line into the root one.

use crate::model::Site;

/// Where the file is written, site-relative.
pub const PATH: &str = "robots.txt";

/// The file's text.
/// Without `base_url` there is no sitemap.xml, and no `Sitemap` line.
pub fn robots_txt(site: &Site) -> Vec<u8> {
    let Some(base) = &site.base_url else {
        return b"User-agent: *\nDisallow:\n".to_vec();
    };
    let sitemap = base.join(super::sitemap::PATH);
    format!("User-agent: *\nDisallow:\n\nSitemap: {sitemap}\n").into_bytes()
}
