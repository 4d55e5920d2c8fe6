//! Facets: year, session, kind, status (the reply category), key, topic and
//! host unit.
//!
//! Every facet value has a number in one id space, so a count is a pair of
//! small numbers: sessions first, then the three kinds, the site's categories,
//! "key", the topics and the host units ([`Dictionaries::value_ids`]). Years
//! are not in it: the client adds up the sessions of each year. A record that
//! states no category has no status value: it is counted under no category.
//!
//! Each posting list and phrase node carries the facet counts of its documents,
//! or — when that is shorter — the facet record of each document
//! ([`FacetData`]). A one-term query with no filter (the usual cold query)
//! therefore needs no per-document facet data at all; filters and several-term
//! queries use the inline records or the doc table (`d/` files).
//!
//! Lists of at most one page of results carry nothing: the client reads their
//! records from the display files it fetches to show them anyway. Nor does
//! anything on a site small enough for one display file, which then serves as
//! the doc table.

use std::collections::BTreeMap;

use super::encode::{Reader, varint, varint_len};
use crate::model::Kind;
use crate::model::{PublishedRecord, Site, TaxonomyKind};

/// The values each facet can take on this site, in the order the page lists them.
pub struct Dictionaries {
    /// `(id, year, label)` of the sessions with published records, in site
    /// order (newest year first).
    pub sessions: Vec<(String, i32, String)>,
    /// Topics in taxonomy order (pinyin).
    pub topics: Vec<String>,
    /// Host units in taxonomy order (pinyin); co-handling units are not a facet,
    /// so the filter is labelled 主办单位, not 承办单位.
    pub units: Vec<String>,
    /// How many categories the site has.
    pub categories: u32,
    session_index: BTreeMap<String, u32>,
    topic_index: BTreeMap<String, u32>,
    unit_index: BTreeMap<String, u32>,
}

/// The facet values of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocFacets {
    pub session: u32,
    pub kind: u8,
    /// The category's index plus one; 0 when the record states none.
    pub status: u32,
    pub key: bool,
    /// Index into [`Dictionaries::units`] plus one; 0 when the record names none.
    pub unit: u32,
    pub topics: Vec<u32>,
}

/// How many kinds there are (their place in the value id space).
pub const KINDS: u32 = 3;

impl Dictionaries {
    pub fn new(site: &Site) -> Dictionaries {
        // Only sessions with published records: a facet value that matches
        // nothing would name a session the site has no page for.
        let used: std::collections::BTreeSet<&str> =
            site.records.iter().map(|r| r.session.as_str()).collect();
        let sessions: Vec<(String, i32, String)> = site
            .sessions
            .iter()
            .filter(|s| used.contains(s.id.as_str()))
            .map(|s| (s.id.clone(), s.year, format!("{}{}", s.body, s.name)))
            .collect();
        let terms = |kind: TaxonomyKind| -> Vec<String> {
            site.taxonomy(kind)
                .terms
                .iter()
                .map(|t| t.name.clone())
                .collect()
        };
        let topics = terms(TaxonomyKind::Topics);
        let hosts: std::collections::BTreeSet<&str> = site
            .records
            .iter()
            .filter_map(|r| r.host_unit.as_deref())
            .collect();
        let units: Vec<String> = terms(TaxonomyKind::Units)
            .into_iter()
            .filter(|u| hosts.contains(u.as_str()))
            .collect();
        let index = |v: &[String]| -> BTreeMap<String, u32> {
            v.iter()
                .enumerate()
                .map(|(i, s)| (s.clone(), i as u32))
                .collect()
        };
        Dictionaries {
            session_index: sessions
                .iter()
                .enumerate()
                .map(|(i, s)| (s.0.clone(), i as u32))
                .collect(),
            topic_index: index(&topics),
            unit_index: index(&units),
            sessions,
            topics,
            units,
            categories: site.categories.len() as u32,
        }
    }

    /// The facet values of a record.
    pub fn doc(&self, r: &PublishedRecord) -> DocFacets {
        DocFacets {
            session: self.session_index.get(&r.session).copied().unwrap_or(0),
            kind: Kind::ALL.iter().position(|k| *k == r.kind).unwrap_or(0) as u8,
            status: r.status.map_or(0, |i| i as u32 + 1),
            key: r.key,
            unit: r
                .host_unit
                .as_ref()
                .and_then(|u| self.unit_index.get(u))
                .map_or(0, |i| i + 1),
            topics: r
                .topics
                .iter()
                .filter_map(|t| self.topic_index.get(t).copied())
                .collect(),
        }
    }

    /// How many value ids there are.
    pub fn value_count(&self) -> usize {
        self.sessions.len()
            + (KINDS + self.categories + 1) as usize
            + self.topics.len()
            + self.units.len()
    }

    /// The value ids of a document (each once).
    pub fn value_ids(&self, d: &DocFacets, out: &mut Vec<u32>) {
        let s = self.sessions.len() as u32;
        let c = self.categories;
        out.push(d.session);
        out.push(s + u32::from(d.kind));
        if d.status > 0 {
            out.push(s + KINDS + d.status - 1);
        }
        if d.key {
            out.push(s + KINDS + c);
        }
        let topics = s + KINDS + c + 1;
        for (seen, t) in d.topics.iter().enumerate() {
            if !d.topics[..seen].contains(t) {
                out.push(topics + t);
            }
        }
        if d.unit > 0 {
            out.push(topics + self.topics.len() as u32 + d.unit - 1);
        }
    }
}

impl DocFacets {
    /// `session, kind | key << 2, status (category + 1, 0: none), unit + 1,
    /// topic count, topics…`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        varint(out, u64::from(self.session));
        out.push(self.kind | (u8::from(self.key) << 2));
        varint(out, u64::from(self.status));
        varint(out, u64::from(self.unit));
        varint(out, self.topics.len() as u64);
        for t in &self.topics {
            varint(out, u64::from(*t));
        }
    }

    pub fn decode(r: &mut Reader<'_>) -> DocFacets {
        let session = r.u32();
        let flags = r.bytes(1).first().copied().unwrap_or(0);
        let status = r.u32();
        let unit = r.u32();
        let n = r.usize();
        DocFacets {
            session,
            kind: flags & 3,
            status,
            key: flags & 4 != 0,
            unit,
            topics: (0..n).map(|_| r.u32()).collect(),
        }
    }

    pub fn encoded_len(&self) -> usize {
        let mut v = Vec::new();
        self.encode(&mut v);
        v.len()
    }
}

/// The facet data of a set of documents, as stored after a posting list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FacetData {
    /// `(value id, count)`, ids increasing. Tag 0, then the pair count, then
    /// id gaps and counts.
    Counts(Vec<(u32, u32)>),
    /// Each document's record, in doc order. Tag 1, then the record count.
    Inline(Vec<DocFacets>),
    /// Nothing stored (tag 2): read the records from the display files or the
    /// doc table.
    None,
}

/// Every document's facet record ([`DocFacets::encode`]), encoded once: a
/// list's facet data in the form of one record per document is these
/// records one after the other, copied instead of encoded again for every
/// list and trie node a document is in (4% of a 100,000-record `varied` build).
pub struct Records {
    bytes: Vec<u8>,
    /// `bytes[start[d]..start[d + 1]]` is document `d`'s.
    start: Vec<u32>,
}

impl Records {
    pub fn new(table: &[DocFacets]) -> Records {
        let mut bytes = Vec::with_capacity(table.len() * 8);
        let mut start = Vec::with_capacity(table.len() + 1);
        for d in table {
            start.push(bytes.len() as u32);
            d.encode(&mut bytes);
        }
        start.push(bytes.len() as u32);
        Records { bytes, start }
    }

    fn of(&self, doc: u32) -> &[u8] {
        let d = doc as usize;
        &self.bytes[self.start[d] as usize..self.start[d + 1] as usize]
    }
}

/// Every document's value ids, computed once: counting facets is the inner
/// loop of the index build.
pub struct ValueIds {
    ids: Vec<u32>,
    /// `ids[start[d]..start[d + 1]]` are document `d`'s.
    start: Vec<u32>,
    /// How many documents have each value, one entry per value: the counts
    /// of a list of every document, from which a longer list's counts are
    /// made by taking away the documents it lacks ([`ValueIds::count`]).
    totals: Vec<u32>,
}

impl ValueIds {
    pub fn new(dicts: &Dictionaries, table: &[DocFacets]) -> ValueIds {
        let mut ids = Vec::with_capacity(table.len() * 6);
        let mut start = Vec::with_capacity(table.len() + 1);
        for d in table {
            start.push(ids.len() as u32);
            dicts.value_ids(d, &mut ids);
        }
        start.push(ids.len() as u32);
        ValueIds::with_ids(ids, start, dicts.value_count())
    }

    /// Every document's value ids (`ids[start[d]..start[d + 1]]`), each
    /// below `values`.
    fn with_ids(ids: Vec<u32>, start: Vec<u32>, values: usize) -> ValueIds {
        let mut totals = vec![0; values];
        for v in &ids {
            totals[*v as usize] += 1;
        }
        ValueIds { ids, start, totals }
    }

    /// The number of documents.
    fn docs(&self) -> usize {
        self.start.len() - 1
    }

    /// Adds to `counts` (one per value) how many of `docs` (sorted,
    /// distinct) have each value.
    fn count(&self, docs: &[u32], counts: &mut [u32]) {
        if docs.len() > self.docs() / 2 {
            // Most lists of a common character hold most documents: count the
            // few they lack and take them away from the totals (at 10,000
            // `typical` records, 4.1 million documents counted instead of 9.3).
            for (c, total) in counts.iter_mut().zip(&self.totals) {
                *c += total;
            }
            let mut next = 0;
            for d in docs.iter().copied().chain([self.docs() as u32]) {
                for lacking in next..d {
                    for v in self.of(lacking) {
                        counts[*v as usize] -= 1;
                    }
                }
                next = d + 1;
            }
        } else {
            for d in docs {
                for v in self.of(*d) {
                    counts[*v as usize] += 1;
                }
            }
        }
    }

    fn of(&self, doc: u32) -> &[u32] {
        let d = doc as usize;
        &self.ids[self.start[d] as usize..self.start[d + 1] as usize]
    }
}

impl FacetData {
    /// Writes whichever form is shorter for `docs` (sorted, distinct), or
    /// [`FacetData::None`] for at most `none_up_to` documents. `counts` is
    /// scratch space, all zeros on entry and on return. The counts are
    /// written first; the documents' records replace them if they are
    /// shorter, which their lengths tell without encoding them.
    pub fn write_best(
        docs: &[u32],
        none_up_to: usize,
        records: &Records,
        ids: &ValueIds,
        counts: &mut Vec<u32>,
        out: &mut Vec<u8>,
    ) {
        if docs.len() <= none_up_to {
            out.push(2);
            return;
        }
        counts.resize(ids.totals.len(), 0);
        ids.count(docs, counts);
        let at = out.len();
        out.push(0);
        let nonzero = counts.iter().filter(|c| **c > 0).count();
        varint(out, nonzero as u64);
        let mut prev = 0;
        for (id, c) in counts.iter_mut().enumerate() {
            if *c > 0 {
                varint(out, (id - prev) as u64);
                varint(out, u64::from(*c));
                prev = id;
                *c = 0;
            }
        }
        let as_counts = out.len() - at;
        let mut as_inline = 1 + varint_len(docs.len() as u64);
        for d in docs {
            as_inline += records.of(*d).len();
            if as_inline >= as_counts {
                return;
            }
        }
        out.truncate(at);
        out.push(1);
        varint(out, docs.len() as u64);
        for d in docs {
            out.extend_from_slice(records.of(*d));
        }
    }

    /// Reads facet data (it is self-delimiting).
    pub fn read(r: &mut Reader<'_>) -> FacetData {
        let tag = r.u64();
        if tag == 2 {
            return FacetData::None;
        }
        if tag == 0 {
            let n = r.usize();
            let mut prev = 0;
            FacetData::Counts(
                (0..n)
                    .map(|_| {
                        prev += r.u32();
                        (prev, r.u32())
                    })
                    .collect(),
            )
        } else {
            let n = r.usize();
            FacetData::Inline((0..n).map(|_| DocFacets::decode(r)).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let d = DocFacets {
            session: 300,
            kind: 2,
            status: 3,
            key: true,
            unit: 5,
            topics: vec![1, 200],
        };
        let mut v = Vec::new();
        d.encode(&mut v);
        assert_eq!(DocFacets::decode(&mut Reader::new(&v)), d);
        assert_eq!(d.encoded_len(), v.len());
    }

    /// Lists of most documents are counted from the totals by taking away
    /// the documents they lack: the counts are those of counting each
    /// document, for lists of every length, the first and last documents
    /// among them or not.
    #[test]
    fn long_lists_count_what_they_lack() {
        let mut seed = 0x2545_f491_u32;
        let mut next = |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed % n
        };
        let (docs_n, values) = (500, 60);
        let mut ids = Vec::new();
        let mut start = Vec::new();
        for _ in 0..docs_n {
            start.push(ids.len() as u32);
            let mut mine: Vec<u32> = (0..1 + next(7)).map(|_| next(values)).collect();
            mine.sort_unstable();
            mine.dedup();
            ids.extend(mine);
        }
        start.push(ids.len() as u32);
        let ids = ValueIds::with_ids(ids, start, values as usize);
        let mut long = 0;
        for keep in [1, 2, 5, 10, 50, 100, 200, 249, 250, 251, 300, 450, 499, 500] {
            for _ in 0..20 {
                let mut docs: Vec<u32> = (0..docs_n).collect();
                while docs.len() > keep as usize {
                    docs.remove(next(docs.len() as u32) as usize);
                }
                let mut counted = vec![0; values as usize];
                ids.count(&docs, &mut counted);
                let mut expected = vec![0; values as usize];
                for v in docs.iter().flat_map(|d| ids.of(*d)) {
                    expected[*v as usize] += 1;
                }
                assert_eq!(counted, expected, "{keep} documents");
                long += usize::from(docs.len() > ids.docs() / 2);
            }
        }
        assert!(long >= 100);
    }

    /// The shorter form is written, as both forms encoded in full and
    /// compared would choose: the counts, or every document's record.
    #[test]
    fn the_shorter_form_is_written() {
        let table: Vec<DocFacets> = (0..300u32)
            .map(|i| DocFacets {
                session: i % 5,
                kind: (i % 3) as u8,
                status: i % 4,
                key: i % 7 == 0,
                unit: (i * 7) % 200,
                topics: (0..i % 4).map(|t| (i + t * 13) % 150).collect(),
            })
            .collect();
        let values = 400;
        let mut ids = Vec::new();
        let mut start = Vec::new();
        for d in &table {
            start.push(ids.len() as u32);
            let mut mine = vec![d.session, 5 + d.status, 10 + d.unit];
            mine.extend(d.topics.iter().map(|t| 210 + t));
            mine.sort_unstable();
            mine.dedup();
            ids.extend(mine);
        }
        start.push(ids.len() as u32);
        let ids = ValueIds::with_ids(ids, start, values);
        let records = Records::new(&table);
        let mut forms = [0, 0];
        for (n, step) in [(1, 1), (3, 7), (12, 5), (40, 3), (150, 2), (300, 1)] {
            let docs: Vec<u32> = (0..n).map(|i| i * step).collect();
            let mut counts = vec![0; values];
            ids.count(&docs, &mut counts);
            let mut as_counts = vec![0u8];
            let pairs: Vec<(usize, u32)> = counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(i, c)| (i, *c))
                .collect();
            varint(&mut as_counts, pairs.len() as u64);
            let mut prev = 0;
            for (id, c) in pairs {
                varint(&mut as_counts, (id - prev) as u64);
                varint(&mut as_counts, u64::from(c));
                prev = id;
            }
            let mut as_inline = vec![1u8];
            varint(&mut as_inline, docs.len() as u64);
            for d in &docs {
                table[*d as usize].encode(&mut as_inline);
            }
            let expected = if as_inline.len() < as_counts.len() {
                as_inline
            } else {
                as_counts
            };
            let mut out = vec![9];
            let mut scratch = Vec::new();
            FacetData::write_best(&docs, 0, &records, &ids, &mut scratch, &mut out);
            assert_eq!(out[1..], expected[..], "{n} documents");
            assert!(scratch.iter().all(|c| *c == 0));
            forms[usize::from(expected[0])] += 1;
        }
        assert!(forms[0] > 0 && forms[1] > 0, "{forms:?}");
    }
}
