//! Full-text search: an index built at build time from the published records
//! (never scraped from HTML), split into small files that the browser fetches
//! only as a query needs them. `themes/default/static/js/search.js` is the
//! client; [`query`] is the same algorithm in Rust, for the tests.
//!
//! Files under `search/` in the output (docs/search.md has the details):
//!
//! | file | holds | a query fetches |
//! |---|---|---|
//! | `i/<n>.bin` | posting lists and phrase tries by `hash(key) % shards` | one per term |
//! | `r/<n>.bin` | display data of [`Plan::display_group`] records: URL, title, facets, date, excerpt text | one per result shown |
//! | `d/<n>.bin` | the facet record of [`Plan::doc_chunk`] records | only for filters and several-term queries |
//!
//! The page itself carries the rest (shard counts, facet names, labels) as
//! JSON, so a small site needs only one index file and one display file. With
//! `--portable` every file is a script (`.js`) instead, so search also works
//! from `file://`, where browsers refuse `fetch`.
//!
//! Modules: [`tokenize`] (text → runs), [`document`](mod@document) (fields and weights),
//! [`facets`], [`build`] (posting lists in memory), [`shards`] (the files),
//! [`encode`] (varints and the reader), [`query`] (the reader's algorithm).

pub mod build;
pub mod document;
pub mod encode;
pub mod facets;
pub mod query;
pub mod shards;
pub mod spill;
pub mod split;
pub mod tokenize;

use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::model::Kind;
use crate::model::{PublishedRecord, Site};
use crate::sink::Sink;
use build::Index;
pub use spill::SpillTo;

use document::{Document, body_length, contributions, document, excerpt_source};
use encode::{string, varint};
use facets::{Dictionaries, DocFacets};

/// Bytes an index shard aims at. Shards hold whole keys, so a query downloads
/// its own lists plus, on average, about this much of its neighbours'.
pub const SHARD_TARGET: u64 = 8 * 1024;
/// Compressed index bytes per character of indexed text, as the generated
/// shapes have (real prose has more): only the planned number of shards
/// depends on it, and the index writer sets the count it writes from the
/// index itself when the count is in whole parts ([`shards::write_index_shards`]).
const INDEX_BYTES_PER_CHAR: f64 = 1.0;
/// Sites whose display data fits in this many bytes get a single display file,
/// which then also serves as the doc table.
const SINGLE_DISPLAY_FILE: u64 = 48 * 1024;
/// Records per doc-table file on larger sites (about 5 bytes each).
const DOC_CHUNK: u32 = 2048;
/// Records tokenised per parallel batch: bounds memory on large sites. Two
/// batches' terms are alive at once (one tokenised while the other is added),
/// so a smaller batch is a lower peak, and its lists are reused by the
/// allocator before they go back to the system. 128 against 1,024: 10,000
/// `long-text` records peak at 77–80 instead of 121 MiB with half the page
/// faults, 100,000 at 446 instead of 479 MiB and 46.3 instead of 49.5 s; 32
/// was slower (docs/dev/performance.md).
const BATCH: usize = 128;
/// Characters of text per batch at most (a longer record is a batch of its
/// own): records of a few megabytes each, 128 to a batch (or a small site's
/// all in one), held gigabytes of terms at once — 20 records of 1.2 million
/// characters that never repeat a phrase peaked at 2.7 GB. No generated
/// shape's batch reaches it (`long-text`: 128 records of at most 30,000
/// characters).
const BATCH_CHARS: usize = 4 << 20;

/// The batches the records are tokenised in: up to [`BATCH`] records and
/// [`BATCH_CHARS`] characters of text (`lengths`, the records' text
/// lengths), a record longer than that in a batch of its own.
fn batches(lengths: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut chars) = (0, 0);
    for (i, length) in lengths.iter().enumerate() {
        if i > start && (i - start >= BATCH || chars + length > BATCH_CHARS) {
            out.push(start..i);
            (start, chars) = (i, 0);
        }
        chars += length;
    }
    if start < lengths.len() {
        out.push(start..lengths.len());
    }
    out
}

/// Display records whose group is not complete yet, and how many groups
/// were written before them.
#[derive(Default)]
struct Carry {
    records: Vec<Vec<u8>>,
    groups: usize,
}

/// How the index is laid out. [`Plan::new`] decides it from the site alone;
/// the index writer then sets the shard count from the size of the index and
/// what its keys fill ([`shards::write_index_shards`]) and returns the plan it
/// wrote, which is the one the search page carries (so that page is made
/// after the index).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Number of index shards.
    pub shards: u32,
    /// The parts the index was written in ([`build::parts_for`]): a split
    /// trie's entries lie in its key's part ([`split::placed`]).
    pub parts: u32,
    /// Records per display file: 1, or all of them on a small site.
    pub display_group: u32,
    /// Records per doc-table file; 0 when the single display file serves.
    pub doc_chunk: u32,
    /// Files are scripts for `file://` (the `--portable` build).
    pub portable: bool,
}

impl Plan {
    pub fn new(site: &Site, portable: bool) -> Plan {
        let lengths: Vec<usize> = site.records.par_iter().map(body_length).collect();
        Plan::with_lengths(site, &lengths, portable)
    }

    /// [`Plan::new`] given each record's [`body_length`]: counting the
    /// characters of every record is a pass over all of the site's text.
    fn with_lengths(site: &Site, lengths: &[usize], portable: bool) -> Plan {
        let n = site.records.len() as u64;
        let mut text = 0u64;
        let mut display = 0u64;
        for (r, body) in site.records.iter().zip(lengths) {
            let meta: usize = r.title.len()
                + r.topics.iter().map(String::len).sum::<usize>()
                + r.host_unit.as_ref().map_or(0, String::len)
                + r.co_units.iter().map(String::len).sum::<usize>()
                + r.proposers.iter().map(String::len).sum::<usize>();
            let body = *body as u64;
            text += meta as u64 + body;
            display +=
                r.title.len() as u64 + body.min(3 * document::EXCERPT_SOURCE_CHARS as u64) + 48;
        }
        let shards = ((text as f64 * INDEX_BYTES_PER_CHAR) / SHARD_TARGET as f64).ceil();
        let single = display <= SINGLE_DISPLAY_FILE;
        Plan {
            shards: 0,
            parts: 0,
            display_group: if single { n.max(1) as u32 } else { 1 },
            doc_chunk: if single { 0 } else { DOC_CHUNK },
            portable,
        }
        .planned_for(shards as u32)
    }

    /// The plan with `shards` planned, in whole parts, and their number of
    /// parts ([`build::parts_for`]): the two set together, so that the
    /// index's parts and the plan the client reads cannot differ.
    fn planned_for(self, shards: u32) -> Plan {
        let shards = shards::in_whole_parts(shards.max(1));
        Plan {
            shards,
            parts: build::parts_for(shards) as u32,
            ..self
        }
    }

    /// The output path of file `number` of a section (`i`, `r`, `d`).
    pub fn file(&self, section: &str, number: u32) -> String {
        let ext = if self.portable { "js" } else { "bin" };
        format!("search/{section}/{number}.{ext}")
    }
}

/// What writing the index produced.
#[derive(Clone, Copy, Debug, Default)]
pub struct SearchStats {
    pub files: usize,
    pub bytes: u64,
    /// The plan the files follow: the search page must carry this one.
    pub plan: Plan,
}

/// What the search page embeds as JSON: the plan, the facet values with
/// their labels, and the record count. All but the plan is taken from the site
/// before its index is made ([`Embed::new`]): a build's index lets go of the
/// records' names as it goes ([`write_index_forgetting`]), and the plan's
/// shard count is known only after it ([`Embed::json`]).
pub struct Embed {
    n: usize,
    plan: Plan,
    sessions: Vec<(String, i32, String)>,
    kinds: Vec<(&'static str, String)>,
    /// `(id, wording, style variant)` of each category.
    statuses: Vec<(String, String, String)>,
    topics: Vec<String>,
    units: Vec<String>,
}

impl Embed {
    /// `label("kind", keyword)` gives the words shown for a kind; a category
    /// is shown in its one wording. The plan is [`Plan::new`]'s until
    /// [`Embed::json`] is given the index's.
    pub fn new(site: &Site, portable: bool, label: &dyn Fn(&str, &str) -> String) -> Embed {
        let dicts = Dictionaries::new(site);
        Embed {
            n: site.records.len(),
            plan: Plan::new(site, portable),
            sessions: dicts.sessions,
            kinds: Kind::ALL
                .iter()
                .map(|k| (k.as_str(), label("kind", k.as_str())))
                .collect(),
            statuses: site
                .categories
                .list
                .iter()
                .map(|c| (c.id.clone(), c.wording.clone(), c.variant.clone()))
                .collect(),
            topics: dicts.topics,
            units: dicts.units,
        }
    }

    /// The JSON, with `plan` (the index's, [`SearchStats::plan`]) in place of
    /// the site's own estimate where it is given.
    pub fn json(&self, plan: Option<&Plan>) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            v: u32,
            n: usize,
            plan: Plan,
            sessions: &'a [(String, i32, String)],
            kinds: &'a [(&'static str, String)],
            statuses: &'a [(String, String, String)],
            topics: &'a [String],
            units: &'a [String],
        }
        let json = Json {
            v: 1,
            n: self.n,
            plan: plan.copied().unwrap_or(self.plan),
            sessions: &self.sessions,
            kinds: &self.kinds,
            statuses: &self.statuses,
            topics: &self.topics,
            units: &self.units,
        };
        // `<` escaped (with `>`, `&` and U+2028/9) so that no value can close
        // the <script> element holding it.
        String::from_utf8(crate::text::json::to_vec(&json)).unwrap_or_default()
    }
}

/// Builds the index of `site` and writes its files into `out` (`portable`: as
/// scripts, for `--portable` builds).
pub fn write_index(site: &Site, portable: bool, out: &dyn Sink) -> Result<SearchStats, Error> {
    let prepared = Prepared::new(site, portable);
    prepared.write(&mut Keep(&site.records), None, out)
}

/// [`write_index`] planned for at least `planned` shards, spilling into
/// `spill` if given: an index of a small site written in as many parts as a
/// large one's ([`build::parts_for`]), for the tests that check such an index
/// answers every query as one in 16 parts does.
pub fn write_index_planned(
    site: &Site,
    portable: bool,
    planned: u32,
    spill: Option<SpillTo>,
    out: &dyn Sink,
) -> Result<SearchStats, Error> {
    let mut prepared = Prepared::new(site, portable);
    prepared.plan = prepared.plan.planned_for(planned.max(prepared.plan.shards));
    prepared.write(&mut Keep(&site.records), spill, out)
}

/// [`write_index`] for a build that needs the records' text no more: each
/// batch of records lets go of its text and names ([`PublishedRecord::forget`]) as
/// soon as it is tokenised, so the index grows while the text shrinks. The
/// index of 100,000 records is some 200 MB in memory; built beside all of the
/// text, it was the build's peak. Called last, after every other producer.
///
/// With `spill`, the index's lists are written to temporary files there when
/// they outgrow its budget ([`spill`]); the files are the same either way.
pub fn write_index_forgetting(
    site: &mut Site,
    portable: bool,
    spill: Option<SpillTo>,
    out: &dyn Sink,
) -> Result<SearchStats, Error> {
    let prepared = Prepared::new(site, portable);
    prepared.write(&mut Forget(&mut site.records), spill, out)
}

/// The records the index is made of, batch by batch.
trait Records: Sync {
    fn batch(&self, range: Range<usize>) -> &[PublishedRecord];
    /// The batch is tokenised and its display files written.
    fn done(&mut self, range: Range<usize>);
}

struct Keep<'a>(&'a [PublishedRecord]);

impl Records for Keep<'_> {
    fn batch(&self, range: Range<usize>) -> &[PublishedRecord] {
        &self.0[range]
    }
    fn done(&mut self, _: Range<usize>) {}
}

struct Forget<'a>(&'a mut [PublishedRecord]);

impl Records for Forget<'_> {
    fn batch(&self, range: Range<usize>) -> &[PublishedRecord] {
        &self.0[range]
    }
    fn done(&mut self, range: Range<usize>) {
        self.0[range]
            .par_iter_mut()
            .for_each(PublishedRecord::forget);
    }
}

/// What the index needs of the whole site before its first record: the plan,
/// the facet dictionaries and table, each record's reply length and their
/// average.
struct Prepared {
    plan: Plan,
    dicts: Dictionaries,
    table: Vec<DocFacets>,
    lengths: Vec<usize>,
    average: f32,
}

impl Prepared {
    fn new(site: &Site, portable: bool) -> Prepared {
        let dicts = Dictionaries::new(site);
        let table = site.records.par_iter().map(|r| dicts.doc(r)).collect();
        let n = site.records.len();
        let lengths: Vec<usize> = site.records.par_iter().map(body_length).collect();
        let average = lengths.iter().sum::<usize>() as f32 / n.max(1) as f32;
        Prepared {
            plan: Plan::with_lengths(site, &lengths, portable),
            dicts,
            table,
            lengths,
            average,
        }
    }

    fn write(
        &self,
        records: &mut dyn Records,
        spill: Option<SpillTo>,
        out: &dyn Sink,
    ) -> Result<SearchStats, Error> {
        let Prepared {
            plan,
            dicts,
            table,
            lengths,
            average,
        } = self;
        let average = *average;
        let put = |path: String, bytes: Vec<u8>| -> Result<u64, Error> {
            let bytes = encode::compress(&bytes);
            let bytes = if plan.portable {
                script(&path, &bytes)
            } else {
                bytes
            };
            out.put(&path, &bytes)?;
            Ok(bytes.len() as u64)
        };

        // Tokenise a batch in parallel and write its display files, while the
        // previous batch's terms are appended to the index (in doc order, so
        // each of its tables on one thread). A display file is written when
        // its group is complete: a batch may end inside one (a small site's
        // single group, when its records are long).
        let group = plan.display_group as usize;
        let analyse = |range: Range<usize>,
                       records: &[PublishedRecord],
                       carry: &mut Carry|
         -> Result<(Vec<build::Terms>, SearchStats), Error> {
            let analysed: Vec<(build::Terms, Vec<u8>)> = records
                .par_iter()
                .zip(&table[range.clone()])
                .zip(&lengths[range.clone()])
                .map(|((r, facets), length)| {
                    // The record's text, read back once (a build's is spilled).
                    let doc = document(r, &r.text()?);
                    let terms = build::terms(&doc, contributions(*length, average));
                    let mut display = Vec::new();
                    DisplayRecord::new(r, facets, &doc).write(&mut display);
                    Ok((terms, display))
                })
                .collect::<Result<_, Error>>()?;
            let (terms, display): (Vec<build::Terms>, Vec<Vec<u8>>) = analysed.into_iter().unzip();
            carry.records.extend(display);
            let complete = if range.end == table.len() {
                carry.records.len()
            } else {
                carry.records.len() / group * group
            };
            let written: Vec<u64> = carry.records[..complete]
                .par_chunks(group)
                .enumerate()
                .map(|(i, docs)| put(plan.file("r", (carry.groups + i) as u32), docs.concat()))
                .collect::<Result<_, _>>()?;
            carry.records.drain(..complete);
            carry.groups += written.len();
            let stats = SearchStats {
                files: written.len(),
                bytes: written.iter().sum(),
                ..SearchStats::default()
            };
            Ok((terms, stats))
        };
        let mut index = Index::new(plan.shards).spilling(spill);
        let mut stats = SearchStats::default();
        let mut carry = Carry::default();
        let mut pending: Option<(usize, Vec<build::Terms>)> = None;
        for range in batches(lengths).into_iter().map(Some).chain([None]) {
            let add = |index: &mut Index, batch: Option<(usize, Vec<build::Terms>)>| match batch {
                Some((start, terms)) => index.add(start as u32, &terms),
                None => Ok(()),
            };
            let previous = pending.take();
            let (next, added) = rayon::join(
                || {
                    range
                        .clone()
                        .map(|r| analyse(r.clone(), records.batch(r), &mut carry))
                        .transpose()
                },
                || add(&mut index, previous),
            );
            added?;
            if let (Some(range), Some((terms, written))) = (range, next?) {
                records.done(range.clone());
                stats.files += written.files;
                stats.bytes += written.bytes;
                pending = Some((range.start, terms));
            }
        }

        if plan.doc_chunk > 0 {
            let chunks: Vec<u64> = table
                .par_chunks(plan.doc_chunk as usize)
                .enumerate()
                .map(|(i, docs)| {
                    let mut bytes = Vec::new();
                    for d in docs {
                        d.encode(&mut bytes);
                    }
                    put(plan.file("d", i as u32), bytes)
                })
                .collect::<Result<_, _>>()?;
            stats.files += chunks.len();
            stats.bytes += chunks.iter().sum::<u64>();
        }

        // Facet data is left out where the client has the records anyway: for lists
        // of one page of results (from their display files), and on a site whose
        // single display file is the doc table.
        let none_up_to = if plan.doc_chunk == 0 {
            usize::MAX
        } else {
            query::PAGE
        };
        let write = |i, bytes| put(plan.file("i", i), bytes);
        let (bytes, shards) = shards::write_index_shards(index, table, dicts, none_up_to, &write)?;
        stats.bytes += bytes;
        stats.files += shards as usize;
        stats.plan = Plan { shards, ..*plan };
        Ok(stats)
    }
}

/// What a result list shows of a record: its display file entry,
/// `string(path) string(title) string(number) record varint(yyyymmdd) string(excerpt)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayRecord {
    /// Site-relative: `proposals/2019/0003/`.
    pub path: String,
    pub title: String,
    pub number: String,
    pub facets: DocFacets,
    /// `published_on` as `yyyymmdd`, 0 when unknown.
    pub date: u32,
    /// The start of the reply text, for excerpts (for `summary_only`, of its summary).
    pub excerpt: String,
}

impl DisplayRecord {
    fn new(r: &PublishedRecord, facets: &DocFacets, doc: &Document) -> DisplayRecord {
        DisplayRecord {
            path: r.path.clone(),
            title: r.title.clone(),
            number: r.number.clone().unwrap_or_default(),
            facets: facets.clone(),
            date: r.published_on.map_or(0, |d| {
                (i32::from(d.year()) * 10_000 + i32::from(d.month()) * 100 + i32::from(d.day()))
                    as u32
            }),
            excerpt: excerpt_source(doc).to_string(),
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        string(out, &self.path);
        string(out, &self.title);
        string(out, &self.number);
        self.facets.encode(out);
        varint(out, u64::from(self.date));
        string(out, &self.excerpt);
    }

    pub fn read(r: &mut encode::Reader<'_>) -> DisplayRecord {
        DisplayRecord {
            path: r.string(),
            title: r.string(),
            number: r.string(),
            facets: DocFacets::decode(r),
            date: r.u32(),
            excerpt: r.string(),
        }
    }
}

/// A file as a script for `file://`: `gongkaiShard("search/i/3.js","<base64>")`.
fn script(path: &str, bytes: &[u8]) -> Vec<u8> {
    format!("gongkaiShard(\"{path}\",\"{}\")\n", base64(bytes)).into_bytes()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_at_most_so_many_records_or_characters() {
        // Short records: 128 a batch.
        let short = vec![3_000; 300];
        assert_eq!(batches(&short), [0..128, 128..256, 256..300]);
        // Long ones: as many as fit in the characters, and a record longer
        // than that alone.
        let long = [1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 5 << 20, 10];
        assert_eq!(batches(&long), [0..4, 4..5, 5..6, 6..7]);
        assert!(batches(&[]).is_empty());
        // Every record in exactly one batch, in order.
        let mixed: Vec<usize> = (0..1_000).map(|i| (i * 7_919) % 300_000).collect();
        let found = batches(&mixed);
        assert_eq!(found.first().unwrap().start, 0);
        assert_eq!(found.last().unwrap().end, mixed.len());
        for pair in found.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for range in &found {
            let chars: usize = mixed[range.clone()].iter().sum();
            assert!(
                range.len() <= BATCH && chars <= BATCH_CHARS,
                "{range:?} {chars}"
            );
        }
    }

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
