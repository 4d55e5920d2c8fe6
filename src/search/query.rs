//! The query algorithm over the written files — the same steps, in the same
//! order, as `search.js`, so the tests can check the index files with the
//! algorithm the browser runs (the browser tests then check that the JS agrees).
//!
//! 1. Fold and split the query into runs ([`super::tokenize`]). A run of one or
//!    two CJK characters, or a word, is looked up as a list; a CJK run of 3–6
//!    characters as a node of the trie under its first three characters; a
//!    longer run as overlapping 6-character windows (every 4 characters, and the
//!    last six). Only the first [`MAX_QUERY_CHARS`] characters of the runs count.
//! 2. Fetch the shard of each key and intersect the units' documents. A split
//!    trie ([`split`]) leads to the entry of the part that holds the phrase,
//!    or, for the key alone, to the union of its leaves.
//! 3. Score: `Σ idf · w / (K1 + w)` over the units, `w` the stored weight.
//! 4. Facet counts: the unit's stored counts when there is one unit and no
//!    filter; otherwise from facet records (a rare unit's inline records, else
//!    the doc table), with each facet counted under the other facets' filters.
//! 5. Rank by score, ties by doc order (newest first).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::build::{MAX_GRAM, TRIE_KEY};
use super::document::SCALE;
use super::encode::{Reader, decompress, hash, read_postings};
use super::facets::{DocFacets, FacetData, KINDS};
use super::split;
use super::tokenize;
use super::{DisplayRecord, Plan};

/// BM25's term-frequency saturation.
pub const K1: f64 = 1.2;

/// Results shown at a time.
pub const PAGE: usize = 10;

/// Where the reader gets files from: paths like `search/i/3.bin`.
pub trait Files {
    fn read(&self, path: &str) -> Option<Vec<u8>>;
}

/// Files under an output folder.
pub struct DirFiles(pub PathBuf);

impl Files for DirFiles {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(self.0.join(path)).ok()
    }
}

/// One thing a query must match.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// A character, bigram or word.
    List(String),
    /// A phrase of 3–6 characters: the trie key and the rest.
    Trie(String, String),
}

/// The characters of a query that are looked up. A paragraph pasted into the
/// box would otherwise be a lookup every four characters, each a shard to
/// download (a 2,000-character paste: some 500), which an old phone on a slow
/// line does not finish; the first 64 still find the record it came from, and
/// the client says the rest was not searched. Counted over the characters of
/// runs (spaces and punctuation are not looked up); a CJK run is cut where the
/// budget ends, a word is kept whole or left out (a query of one long word is
/// kept whole).
pub const MAX_QUERY_CHARS: usize = 64;

/// The units of a query (step 1), distinct and sorted.
pub fn units(query: &str) -> Vec<Unit> {
    units_within_limit(query).0
}

/// [`units`], and whether some of the query lay beyond [`MAX_QUERY_CHARS`].
pub fn units_within_limit(query: &str) -> (Vec<Unit>, bool) {
    let mut out = BTreeSet::new();
    let mut left = MAX_QUERY_CHARS;
    let mut cut = false;
    for run in tokenize::runs(query) {
        if left == 0 {
            cut = true;
            break;
        }
        let mut c = &run.chars[..];
        if c.len() > left {
            if run.cjk {
                cut = true;
                c = &c[..left];
            } else if left < MAX_QUERY_CHARS {
                cut = true;
                break;
            }
            // Else the query's first run is one long word: kept whole.
        }
        left = left.saturating_sub(c.len());
        let s = |a: usize, b: usize| c[a..b].iter().collect::<String>();
        if !run.cjk || c.len() < TRIE_KEY {
            out.insert(Unit::List(s(0, c.len())));
        } else if c.len() <= MAX_GRAM {
            out.insert(Unit::Trie(s(0, TRIE_KEY), s(TRIE_KEY, c.len())));
        } else {
            let mut starts: Vec<usize> = (0..=c.len() - MAX_GRAM).step_by(4).collect();
            starts.push(c.len() - MAX_GRAM);
            for a in starts {
                out.insert(Unit::Trie(
                    s(a, a + TRIE_KEY),
                    s(a + TRIE_KEY, a + MAX_GRAM),
                ));
            }
        }
    }
    (out.into_iter().collect(), cut)
}

/// Chosen facet values as the URL writes them (`year=2019&status=solved`);
/// an empty list means no filter on that facet. Values of one facet are
/// alternatives (or); facets combine with and.
#[derive(Clone, Debug, Default)]
pub struct Filters(pub BTreeMap<&'static str, Vec<String>>);

impl Filters {
    /// Parses `name=value` pairs (`key=1` for key proposals only).
    pub fn parse(pairs: &[(&str, &str)]) -> Filters {
        let mut f = Filters::default();
        for (name, value) in pairs {
            if let Some(facet) = FACETS.iter().find(|n| *n == name) {
                f.0.entry(facet).or_default().push(value.to_string());
            }
        }
        f
    }

    fn get(&self, i: usize) -> &[String] {
        self.0.get(FACETS[i]).map_or(&[], Vec::as_slice)
    }

    fn active(&self) -> bool {
        self.0.values().any(|v| !v.is_empty())
    }
}

/// What a search returns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Matching documents, best first.
    pub docs: Vec<u32>,
    /// facet (`year`, `session`, `kind`, `status`, `key`, `topic`, `unit`) →
    /// value → count, zero counts left out.
    pub counts: BTreeMap<&'static str, BTreeMap<String, u32>>,
    /// Files read, in order: what a browser would download.
    pub files: Vec<String>,
    /// Characters beyond [`MAX_QUERY_CHARS`] were not searched.
    pub cut: bool,
}

/// A unit resolved against its shard.
#[derive(Default)]
struct Resolved {
    /// `(doc, weight)`, docs increasing.
    postings: Vec<(u32, u32)>,
    facets: Option<FacetData>,
}

/// The reader: the page's JSON and access to the files.
pub struct Searcher<F: Files> {
    files: F,
    plan: Plan,
    n: u32,
    sessions: Vec<(String, i32)>,
    kinds: Vec<String>,
    statuses: Vec<String>,
    topics: Vec<String>,
    units: Vec<String>,
}

impl<F: Files> Searcher<F> {
    /// `meta` is the JSON of [`super::Embed::json`].
    pub fn new(meta: &str, files: F) -> Option<Searcher<F>> {
        let m: serde_json::Value = serde_json::from_str(meta).ok()?;
        let strings = |v: &serde_json::Value, i: usize| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .map(|x| {
                    let x = if x.is_array() { &x[i] } else { x };
                    x.as_str().unwrap_or_default().to_string()
                })
                .collect()
        };
        let plan = &m["plan"];
        Some(Searcher {
            files,
            plan: Plan {
                shards: plan["shards"].as_u64()? as u32,
                parts: plan["parts"].as_u64()? as u32,
                display_group: plan["display_group"].as_u64()? as u32,
                doc_chunk: plan["doc_chunk"].as_u64()? as u32,
                portable: plan["portable"].as_bool()?,
            },
            n: m["n"].as_u64()? as u32,
            sessions: m["sessions"]
                .as_array()?
                .iter()
                .map(|s| {
                    (
                        s[0].as_str().unwrap_or_default().into(),
                        s[1].as_i64().unwrap_or(0) as i32,
                    )
                })
                .collect(),
            kinds: strings(&m["kinds"], 0),
            statuses: strings(&m["statuses"], 0),
            topics: strings(&m["topics"], 0),
            units: strings(&m["units"], 0),
        })
    }

    fn load(&self, section: &str, number: u32, log: &mut Vec<String>) -> Vec<u8> {
        let path = self.plan.file(section, number);
        let bytes = self
            .files
            .read(&path)
            .and_then(|b| decompress(&b))
            .unwrap_or_default();
        if !log.contains(&path) {
            log.push(path);
        }
        bytes
    }

    /// Finds an entry in its shard: a key's, or one of the entries of the
    /// trie of the key `root` ([`split`]).
    fn entry(&self, key: &str, root: &str, log: &mut Vec<String>) -> Option<Vec<u8>> {
        let placed = split::placed(hash(key), hash(root), self.plan.parts);
        let shard = self.load("i", placed % self.plan.shards, log);
        let mut r = Reader::new(&shard);
        let count = r.usize();
        let mut offset = 0;
        let mut found = None;
        for _ in 0..count {
            let k = r.string();
            let len = r.usize();
            if k == key {
                found = Some((offset, len));
            }
            offset += len;
        }
        let (offset, len) = found?;
        let start = r.pos + offset;
        shard.get(start..start + len).map(<[u8]>::to_vec)
    }

    fn resolve(&self, unit: &Unit, log: &mut Vec<String>) -> Resolved {
        match unit {
            Unit::List(key) => self.resolve_list(key, key, log),
            Unit::Trie(key, rest) => self.resolve_trie(key, key, rest, log),
        }
    }

    /// A list: a key's, or the union of a split trie's.
    fn resolve_list(&self, key: &str, root: &str, log: &mut Vec<String>) -> Resolved {
        let Some(entry) = self.entry(key, root, log) else {
            return Resolved::default();
        };
        let mut r = Reader::new(&entry);
        let df = r.usize();
        let postings = read_postings(&mut r, df);
        let facets = Some(FacetData::read(&mut r));
        Resolved { postings, facets }
    }

    /// The phrase `key + rest` in the trie of `root`: in the entry of `key`,
    /// or, where that is split, in the part that holds `rest` ([`split`]).
    fn resolve_trie(&self, root: &str, key: &str, rest: &str, log: &mut Vec<String>) -> Resolved {
        let Some(entry) = self.entry(key, root, log) else {
            return Resolved::default();
        };
        let mut r = Reader::new(&entry);
        let nodes = r.usize();
        if nodes > 0 {
            return walk(&mut r, nodes, rest);
        }
        let Some(next) = rest.chars().next() else {
            // The key alone: the union of its leaves.
            return self.resolve_list(&format!("{key}#"), root, log);
        };
        // The last part that starts at or before `next`.
        let mut part = None;
        for _ in 0..r.usize() {
            let first = r.string().chars().next().unwrap_or_default();
            let apart = r.bytes(1) == [1];
            if first <= next {
                part = Some((first, apart));
            }
        }
        match part {
            Some((first, true)) if first == next => {
                let mut inner = key.to_string();
                inner.push(next);
                self.resolve_trie(root, &inner, &rest[next.len_utf8()..], log)
            }
            Some((first, false)) => {
                let Some(entry) = self.entry(&format!("{key}#{first}"), root, log) else {
                    return Resolved::default();
                };
                let mut r = Reader::new(&entry);
                let nodes = r.usize();
                walk(&mut r, nodes, rest)
            }
            _ => Resolved::default(),
        }
    }

    /// Runs a query (steps 2–5).
    pub fn search(&self, query: &str, filters: &Filters) -> Results {
        let mut files = Vec::new();
        let (units, cut) = units_within_limit(query);
        let resolved: Vec<Resolved> = units.iter().map(|u| self.resolve(u, &mut files)).collect();
        let active = filters.active();
        if units.is_empty() && !active {
            return Results::default();
        }

        // Intersection and scores, unit by unit in sorted order (as the client).
        let mut scores: BTreeMap<u32, f64> = BTreeMap::new();
        if units.is_empty() {
            scores.extend((0..self.n).map(|d| (d, 0.0)));
        }
        for (i, u) in resolved.iter().enumerate() {
            let idf = idf(self.n, u.postings.len() as u32);
            let mut next = BTreeMap::new();
            for (d, w) in &u.postings {
                if i > 0 && !scores.contains_key(d) {
                    continue;
                }
                let w = f64::from(*w) / f64::from(SCALE);
                let before = if i > 0 { scores[d] } else { 0.0 };
                next.insert(*d, before + idf * w / (K1 + w));
            }
            scores = next;
        }

        let mut counts: BTreeMap<&'static str, BTreeMap<String, u32>> = BTreeMap::new();
        let mut docs: Vec<u32> = scores.keys().copied().collect();
        let stored = match (&resolved[..], active) {
            ([only], false) => match &only.facets {
                Some(FacetData::Counts(c)) => Some(c),
                _ => None,
            },
            _ => None,
        };
        if let Some(pairs) = stored {
            for (id, n) in pairs {
                for (facet, value) in self.id_values(*id) {
                    *counts.entry(facet).or_default().entry(value).or_default() += n;
                }
            }
        } else {
            let records = self.records(&docs, &resolved, &mut files);
            docs.retain(|d| {
                let f = &records[d];
                for (i, facet) in FACETS.iter().enumerate() {
                    if self.passes(f, filters, Some(i)) {
                        for v in self.values(f, i).into_iter().collect::<BTreeSet<_>>() {
                            *counts.entry(facet).or_default().entry(v).or_default() += 1;
                        }
                    }
                }
                self.passes(f, filters, None)
            });
        }
        docs.sort_by(|a, b| scores[b].total_cmp(&scores[a]).then(a.cmp(b)));
        Results {
            docs,
            counts,
            files,
            cut,
        }
    }

    /// Facet records for the matching documents: from a unit's inline records;
    /// else, for at most a page of matches, from their display data (which the
    /// client loads to show them anyway); else from the doc table (or the single
    /// display file that replaces it).
    fn records(
        &self,
        docs: &[u32],
        resolved: &[Resolved],
        log: &mut Vec<String>,
    ) -> BTreeMap<u32, DocFacets> {
        for u in resolved {
            if let Some(FacetData::Inline(list)) = &u.facets {
                return u
                    .postings
                    .iter()
                    .map(|(d, _)| *d)
                    .zip(list.iter().cloned())
                    .collect();
            }
        }
        let mut out = BTreeMap::new();
        if self.plan.doc_chunk == 0 {
            let bytes = self.load("r", 0, log);
            let mut r = Reader::new(&bytes);
            for d in 0..self.n {
                out.insert(d, DisplayRecord::read(&mut r).facets);
            }
            return out;
        }
        if docs.len() <= PAGE {
            for d in docs {
                if let Some(record) = self.display_logged(*d, log) {
                    out.insert(*d, record.facets);
                }
            }
            return out;
        }
        let per = self.plan.doc_chunk;
        let chunks: BTreeSet<u32> = docs.iter().map(|d| d / per).collect();
        for c in chunks {
            let bytes = self.load("d", c, log);
            let mut r = Reader::new(&bytes);
            for d in c * per..((c + 1) * per).min(self.n) {
                out.insert(d, DocFacets::decode(&mut r));
            }
        }
        out
    }

    /// The display data of a document, as a result list shows it.
    pub fn display(&self, doc: u32) -> Option<DisplayRecord> {
        self.display_logged(doc, &mut Vec::new())
    }

    fn display_logged(&self, doc: u32, log: &mut Vec<String>) -> Option<DisplayRecord> {
        if doc >= self.n {
            return None;
        }
        let group = self.plan.display_group;
        let bytes = self.load("r", doc / group, log);
        let mut r = Reader::new(&bytes);
        let mut found = None;
        for _ in doc / group * group..=doc {
            found = Some(DisplayRecord::read(&mut r));
        }
        found
    }

    /// The facet values a stored value id stands for (a session also gives its year).
    fn id_values(&self, id: u32) -> Vec<(&'static str, String)> {
        let s = self.sessions.len() as u32;
        let c = self.statuses.len() as u32;
        let t = s + KINDS + c + 1;
        let u = t + self.topics.len() as u32;
        let at = |v: &[String], i: u32| v.get(i as usize).cloned().unwrap_or_default();
        match id {
            i if i < s => {
                let (sid, year) = &self.sessions[i as usize];
                vec![("year", year.to_string()), ("session", sid.clone())]
            }
            i if i < s + KINDS => vec![("kind", at(&self.kinds, i - s))],
            i if i < s + KINDS + c => vec![("status", at(&self.statuses, i - s - KINDS))],
            i if i < t => vec![("key", "1".to_string())],
            i if i < u => vec![("topic", at(&self.topics, i - t))],
            i => vec![("unit", at(&self.units, i - u))],
        }
    }

    /// A document's values for facet `i` of [`FACETS`], as the URL writes them.
    fn values(&self, f: &DocFacets, i: usize) -> Vec<String> {
        let session = self.sessions.get(f.session as usize);
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        match i {
            0 => session.map(|s| s.1.to_string()).into_iter().collect(),
            1 => session.map(|s| s.0.clone()).into_iter().collect(),
            2 => vec![at(&self.kinds, f.kind.into())],
            3 => (f.status as usize)
                .checked_sub(1)
                .map(|i| at(&self.statuses, i))
                .into_iter()
                .collect(),
            4 => f.key.then(|| "1".to_string()).into_iter().collect(),
            5 => f
                .topics
                .iter()
                .map(|t| at(&self.topics, *t as usize))
                .collect(),
            _ => (f.unit as usize)
                .checked_sub(1)
                .map(|u| at(&self.units, u))
                .into_iter()
                .collect(),
        }
    }

    /// Whether a document passes every facet's filter except `except`'s.
    fn passes(&self, f: &DocFacets, filters: &Filters, except: Option<usize>) -> bool {
        (0..FACETS.len()).all(|i| {
            let chosen = filters.get(i);
            Some(i) == except
                || chosen.is_empty()
                || self.values(f, i).iter().any(|v| chosen.contains(v))
        })
    }
}

/// The facets, in the order the page shows them and the URL names them.
pub const FACETS: [&str; 7] = ["year", "session", "kind", "status", "key", "topic", "unit"];

/// The nodes of a whole trie that `rest` prefixes, merged: the union of
/// their leaves. Facets: the node equal to `rest`, else the one leaf under it.
fn walk(r: &mut Reader<'_>, nodes: usize, rest: &str) -> Resolved {
    let mut merged: BTreeMap<u32, u32> = BTreeMap::new();
    let mut exact = None;
    let mut under = Vec::new();
    for _ in 0..nodes {
        let node = r.string();
        let leaf_df = r.usize();
        let leaf = read_postings(r, leaf_df);
        let node_facets = FacetData::read(r);
        if !node.starts_with(rest) {
            continue;
        }
        for (d, w) in leaf {
            *merged.entry(d).or_default() += w;
        }
        if node == rest {
            exact = Some(node_facets);
        } else {
            under.push(node_facets);
        }
    }
    if merged.is_empty() {
        return Resolved::default();
    }
    let facets = exact.or_else(|| (under.len() == 1).then(|| under.remove(0)));
    Resolved {
        postings: merged.into_iter().collect(),
        facets,
    }
}

/// BM25's idf.
pub fn idf(n: u32, df: u32) -> f64 {
    (1.0 + (f64::from(n) - f64::from(df) + 0.5) / (f64::from(df) + 0.5)).ln()
}
