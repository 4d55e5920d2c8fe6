//! The machine-readable outputs: open data (`data/proposals.json`,
//! `data/proposals.csv`, `data/sessions.json`, `data/units.json`,
//! `data/units.csv`, `data/schema.json`), the Atom feed
//! (`atom.xml`), the XML sitemap (`sitemap.xml`, split when large) and
//! `robots.txt`.
//!
//! Citizens, journalists and other government systems reuse these files, and
//! search engines find every page through them. Every writer reads only the
//! model ([`Site`]), so each sees exactly the published view of a record: no
//! withheld record, no draft, nothing of a `summary_only` record's reply. Drafts
//! reach the model in `serve --drafts`; these writers skip them all the same.
//!
//! Nothing here reads the clock: dates come from the content (see [`feed`] and
//! [`sitemap`]), so identical input gives byte-identical files.

pub mod feed;
pub mod records;
pub mod robots;
pub mod schema;
pub mod sitemap;
pub mod units;
pub mod xml;

use std::collections::BTreeMap;

use crate::base_url::BaseUrl;
use crate::error::Error;
use crate::model::{PublishedRecord, Site};
use crate::sink::Sink;

/// The theme's UI labels, by key (`kind.proposal` → `提案`).
pub type Labels = BTreeMap<String, String>;

/// Writes every machine-readable output into `out`; returns how many files.
/// `labels` are the theme's UI labels (for the kind and outcome-state wording);
/// `pages` the site-relative paths of the HTML pages, in page-list order, for
/// the sitemap (the output stage asks the renderer for them).
///
/// The two large files (JSON and CSV, each about the size of all published
/// text: 300 MB at 100,000 records) are streamed into `out` row by row: made
/// whole in memory, the two together set the build's peak memory.
pub fn write_all(
    site: &Site,
    labels: &Labels,
    pages: &[String],
    out: &dyn Sink,
) -> Result<usize, Error> {
    let words = Words { site, labels };
    out.put_streamed_pair(
        ["data/proposals.json", "data/proposals.csv"],
        &mut |json, csv| records::write_proposals(&words, json, csv),
    )?;
    // The units' files are streamed too: they grow with the units and the
    // sessions each has records in, not with the records (103,000 units named
    // by 206 records made a units.json of 115 MB).
    out.put_streamed("data/units.json", &mut |w| units::write_units_json(site, w))?;
    out.put_streamed("data/units.csv", &mut |w| units::write_units_csv(site, w))?;
    // Each of the others is written as soon as it is made: held together, the
    // sitemaps and the feed of 100,000 records were some 35 MB more at the
    // build's peak.
    let mut files = 4;
    let mut put = |path: &str, bytes: Vec<u8>| -> Result<(), Error> {
        files += 1;
        out.put(path, &bytes)
    };
    put("data/sessions.json", records::sessions_json(site))?;
    put("data/schema.json", schema::schema_json(site))?;
    put(robots::PATH, robots::robots_txt(site))?;
    // The feed and the XML sitemap are lists of absolute addresses: without
    // `base_url` they are left out (W009), never given a made-up host.
    if let Some(base) = &site.base_url {
        put(feed::PATH, feed::atom(&words)?)?;
        for (path, bytes) in sitemap::files(site, base, pages) {
            put(&path, bytes)?;
        }
    }
    Ok(files)
}

/// The records these outputs publish: the model's, in its order (newest first),
/// without drafts.
pub fn records(site: &Site) -> impl Iterator<Item = &PublishedRecord> {
    site.records.iter().filter(|r| !r.draft)
}

/// The absolute URL of a site-relative path (`proposals/2019/0003/`), from
/// `base_url` ([`BaseUrl::join`]). Without a `base_url` the path stays
/// relative to the site's root: no host is made up.
pub fn absolute(base_url: Option<&BaseUrl>, path: &str) -> String {
    match base_url {
        Some(base) => base.join(path),
        None => path.trim_start_matches('/').to_string(),
    }
}

/// Human wording for keyword values, as the pages print it.
pub struct Words<'a> {
    pub site: &'a Site,
    pub labels: &'a Labels,
}

impl<'a> Words<'a> {
    /// A theme label; the key itself if the theme lacks it.
    pub fn label(&self, key: &str) -> String {
        self.labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The category at index `i`, in its one wording.
    pub fn status(&self, i: usize) -> &'a str {
        &self.site.categories.get(i).wording
    }

    pub fn url(&self, path: &str) -> String {
        absolute(self.site.base_url.as_ref(), path)
    }
}

#[cfg(test)]
mod tests {
    use super::{BaseUrl, absolute};

    #[test]
    fn absolute_urls_join_with_one_slash() {
        let base = |s: &str| BaseUrl::parse(s).unwrap();
        assert_eq!(
            absolute(
                Some(&base("https://x.gov.cn/jytabl/")),
                "proposals/2019/0003/"
            ),
            "https://x.gov.cn/jytabl/proposals/2019/0003/"
        );
        assert_eq!(
            absolute(Some(&base("https://x.gov.cn/jytabl")), "atom.xml"),
            "https://x.gov.cn/jytabl/atom.xml"
        );
        assert_eq!(
            absolute(None, "proposals/2019/0003/"),
            "proposals/2019/0003/",
            "no base_url: relative to the site root, no host made up"
        );
        assert_eq!(
            absolute(Some(&base("https://x.gov.cn")), ""),
            "https://x.gov.cn/"
        );
    }
}
