//! Taxonomies: topics, units, status (the reply categories) and years, each a
//! list of terms with the published records filed under them. A record that
//! states no category is under no status term.
//!
//! Built from published records only: a term named only by withheld records must
//! not appear, nor count (the disclosure table of docs/content.md, 公开方式). A unit's page lists the
//! records it hosts and those it co-handles, marked which.
//!
//! One name per idea in the interface: the units taxonomy holds every unit that
//! handles a record, hosting or co-handling — 承办单位 (按承办单位, /units/);
//! what counts the host alone (a record's 主办单位 row, the session chart, the
//! search filter) says 主办单位. The theme's labels file states the rule.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::category::Categories;
use super::published::PublishedRecord;
use super::slug::slugify;

/// The four taxonomies, in the order the site shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxonomyKind {
    Topics,
    Units,
    Status,
    Years,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 4] = [
        TaxonomyKind::Topics,
        TaxonomyKind::Units,
        TaxonomyKind::Status,
        TaxonomyKind::Years,
    ];

    /// The URL folder: `topics`, `units`, `status`, `years`.
    pub fn folder(self) -> &'static str {
        match self {
            TaxonomyKind::Topics => "topics",
            TaxonomyKind::Units => "units",
            TaxonomyKind::Status => "status",
            TaxonomyKind::Years => "years",
        }
    }
}

/// The folder of a term's first page (`topics/xue-qian-jiao-yu/`): part of
/// the site's address space, which the pages, the units table and the
/// sitemap all name.
pub fn term_path(kind: TaxonomyKind, slug: &str) -> String {
    format!("{}/{slug}/", kind.folder())
}

/// One term and its records (indices into `Site::records`, in site order: newest first).
#[derive(Clone, Debug, Serialize)]
pub struct Term {
    /// As written in the records (停车设施), or the category id, or the year.
    pub name: String,
    pub slug: String,
    pub entries: Vec<Entry>,
}

/// A record filed under a term; `co` marks a unit's co-handled records.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Entry {
    pub record: usize,
    pub co: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Taxonomy {
    pub kind: TaxonomyKind,
    /// Sorted: topics and units by slug (pinyin order), status in category order,
    /// years newest first.
    pub terms: Vec<Term>,
    /// Indices into `terms` in the order of their names, so that a record page
    /// finds each of its terms by a binary search: scanning the terms made a
    /// site of many terms quadratic (206 records of 500 topics each: 20.7 s, now 5.8 s).
    #[serde(skip)]
    by_name: Vec<usize>,
}

impl Taxonomy {
    fn new(kind: TaxonomyKind, terms: Vec<Term>) -> Taxonomy {
        let mut by_name: Vec<usize> = (0..terms.len()).collect();
        by_name.sort_by(|&a, &b| terms[a].name.cmp(&terms[b].name));
        Taxonomy {
            kind,
            terms,
            by_name,
        }
    }

    /// The term of this name, if a published record names it.
    pub fn find(&self, name: &str) -> Option<&Term> {
        let at = self
            .by_name
            .binary_search_by(|&t| self.terms[t].name.as_str().cmp(name))
            .ok()?;
        Some(&self.terms[self.by_name[at]])
    }
}

/// The terms a record is filed under in one taxonomy, with the co-handling flag.
/// (Borrowed: tens of thousands of records share a few dozen names.)
pub fn terms_of<'r>(
    kind: TaxonomyKind,
    r: &'r PublishedRecord,
    categories: &'r Categories,
) -> Vec<(Cow<'r, str>, bool)> {
    match kind {
        TaxonomyKind::Topics => r.topics.iter().map(|t| (t.into(), false)).collect(),
        TaxonomyKind::Units => {
            let mut v: Vec<(Cow<str>, bool)> =
                r.host_unit.iter().map(|u| (u.into(), false)).collect();
            v.extend(
                r.co_units
                    .iter()
                    .filter(|u| Some(*u) != r.host_unit.as_ref())
                    .map(|u| (u.into(), true)),
            );
            v
        }
        TaxonomyKind::Status => r
            .status
            .map(|i| (categories.get(i).id.as_str().into(), false))
            .into_iter()
            .collect(),
        TaxonomyKind::Years => vec![(r.year.to_string().into(), false)],
    }
}

/// The slug of a term: the override from `site.yaml`, else the default for
/// its taxonomy. A category's is its id (`/status/<id>/`).
pub fn slug_for(kind: TaxonomyKind, name: &str, overrides: &BTreeMap<String, String>) -> String {
    match kind {
        TaxonomyKind::Status | TaxonomyKind::Years => name.to_string(),
        TaxonomyKind::Topics | TaxonomyKind::Units => overrides
            .get(name)
            .cloned()
            .unwrap_or_else(|| slugify(name)),
    }
}

/// Builds one taxonomy over the published records (already in site order).
pub fn build(
    kind: TaxonomyKind,
    records: &[PublishedRecord],
    categories: &Categories,
    overrides: &BTreeMap<String, String>,
) -> Taxonomy {
    let mut by_name: BTreeMap<Cow<str>, Vec<Entry>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        for (name, co) in terms_of(kind, r, categories) {
            let entries = by_name.entry(name).or_default();
            // Records come in order, so a record already filed here (a unit
            // named twice) is the last entry.
            if entries.last().is_none_or(|e| e.record != i) {
                entries.push(Entry { record: i, co });
            }
        }
    }
    let mut terms: Vec<Term> = by_name
        .into_iter()
        .map(|(name, entries)| Term {
            slug: slug_for(kind, &name, overrides),
            name: name.into_owned(),
            entries,
        })
        .collect();
    match kind {
        TaxonomyKind::Status => terms.sort_by_key(|t| categories.find(&t.name)),
        TaxonomyKind::Years => terms.sort_by(|a, b| b.name.cmp(&a.name)),
        _ => terms.sort_by(|a, b| (&a.slug, &a.name).cmp(&(&b.slug, &b.name))),
    }
    Taxonomy::new(kind, terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(name: &str, slug: &str) -> Term {
        Term {
            name: name.to_string(),
            slug: slug.to_string(),
            entries: Vec::new(),
        }
    }

    #[test]
    fn terms_are_found_by_name_whatever_their_order() {
        // In slug order, which is not name order: 停车设施 sorts after 城市管理
        // by pinyin, before it by code point.
        let t = Taxonomy::new(
            TaxonomyKind::Topics,
            vec![
                term("城市管理", "cheng-shi-guan-li"),
                term("教育", "jiao-yu"),
                term("停车设施", "ting-che-she-shi"),
                term("2019", "2019"),
            ],
        );
        for want in &t.terms {
            assert_eq!(t.find(&want.name).map(|t| &t.slug), Some(&want.slug));
        }
        assert!(t.find("停车").is_none());
        assert!(t.find("").is_none());
        assert!(
            Taxonomy::new(TaxonomyKind::Units, Vec::new())
                .find("x")
                .is_none()
        );
    }
}
