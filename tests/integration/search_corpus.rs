//! Search correctness on a generated corpus of a few thousand records: for
//! queries of 1, 2, 3, 4 and 6 Chinese characters, the records the index finds
//! (read from the written shard files with the client's algorithm) are exactly
//! those whose published plain text contains the query — recall and precision
//! both 100% against a brute-force substring scan.
//!
//! The oracle is built from the generator's records, not from gongkai's search
//! code: published fields only (withheld records skipped, `summary_only`
//! records without their reply), Markdown rendered to HTML and stripped of its
//! tags, full-width folded.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::corpus::{self, Record, Rng};
use crate::support::plain::plain;
use gongkai::output::MemorySink;
use gongkai::pipeline::{self, BuildOptions, Timings};
use gongkai::search;
use gongkai::search::encode::{Reader, decompress};
use gongkai::search::query::{Files, Filters, Searcher};
use gongkai::search::tokenize::{fold_str, is_cjk};
use gongkai::sink::Sink;

const RECORDS: usize = 3_000;

struct Memory(BTreeMap<String, Vec<u8>>);

impl Files for Memory {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.0.get(path).cloned()
    }
}

/// The published plain text of a record, fields separated by newlines.
fn published_text(r: &Record) -> Option<String> {
    if r.disclosure == "withheld" {
        return None;
    }
    let mut parts: Vec<String> = vec![r.title.clone(), r.number.clone(), r.host_unit.clone()];
    parts.extend(r.proposers.iter().cloned());
    parts.extend(r.co_units.iter().cloned());
    parts.extend(r.topics.iter().cloned());
    if corpus::summary_published(r.disclosure) {
        parts.push(plain(&r.summary));
    }
    if r.disclosure == "public" {
        parts.push(plain(&r.request));
        parts.extend(r.reply.as_deref().map(plain));
        parts.extend(r.outcomes.iter().map(|o| plain(&o.text)));
        parts.extend(r.status_reason.clone());
    }
    Some(fold_str(&parts.join("\n")))
}

/// Random queries of `len` CJK characters taken from the records' texts, plus
/// fixed ones with known answers (and one with none).
fn queries(texts: &[(String, String)], rng: &mut Rng) -> Vec<String> {
    let mut out: BTreeSet<String> = [
        "停",
        "驿",
        "停车",
        "养老",
        "驿站",
        "食堂",
        "充电桩",
        "养老服",
        "养老服务",
        "停车泊位",
        "老旧小区",
        "养老服务驿站",
        "老旧小区改造",
        "社区卫生服务",
        "星际旅行",
        "委员建议停车",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for len in [1, 2, 3, 4, 6] {
        let mut found = 0;
        while found < 25 {
            let (_, text) = &texts[rng.below(texts.len())];
            let chars: Vec<char> = text.chars().collect();
            if chars.len() < len {
                continue;
            }
            let start = rng.below(chars.len() - len + 1);
            let q: String = chars[start..start + len].iter().collect();
            if q.chars().all(is_cjk) && out.insert(q) {
                found += 1;
            }
        }
    }
    out.into_iter().collect()
}

#[test]
fn results_equal_a_brute_force_substring_scan() {
    let records = corpus::generate(RECORDS, 7);
    let searched = check(&records);
    // Text that repeats its phrases keeps every trie whole.
    assert_eq!(searched.split, 0, "{searched:?}");
}

/// The same on text that varies as real prose does, where the tries of
/// common phrases are large and split (src/search/split.rs): phrases found
/// through split entries, their parts and the parts' parts, exactly.
#[test]
fn results_equal_a_brute_force_substring_scan_where_large_tries_are_split() {
    let searched = check(&with_large_tries());
    assert!(searched.split > 3, "{searched:?}");
    // The key alone (养老服, from its union), the part apart (养老服务), and
    // phrases of 5 and 6 characters in the parts' parts.
    let through = |len: usize| searched.through_parts.get(&len).copied().unwrap_or(0);
    assert!(through(3) >= 1 && through(4) >= 1, "{searched:?}");
    assert!(through(5) >= 5 && through(6) >= 5, "{searched:?}");
}

/// The same records, their index written as a large site's is: in 128 parts
/// (planned for 40,000 shards, `search::build::parts_for`), its lists spilled
/// after every batch into 128 files of runs. Every query still finds exactly
/// what the scan does, through split tries too, whose entries lie in their
/// key's part.
#[test]
fn results_equal_a_brute_force_substring_scan_in_the_parts_of_a_large_index() {
    let spill = tempfile::tempdir().unwrap();
    let to = search::SpillTo {
        dir: spill.path().to_path_buf(),
        budget: 0,
    };
    let searched = check_with(&with_large_tries(), Some((40_000, to)));
    assert_eq!(searched.shards % 128, 0, "{searched:?}");
    assert!(searched.split > 3, "{searched:?}");
    let through = |len: usize| searched.through_parts.get(&len).copied().unwrap_or(0);
    assert!(through(5) >= 5 && through(6) >= 5, "{searched:?}");
}

/// `varied` records with phrases common enough that their tries are split.
fn with_large_tries() -> Vec<Record> {
    let knobs = corpus::Knobs::shape("varied").unwrap();
    let mut records = corpus::generate_with(RECORDS, 7, &knobs);
    // At this size no trie of `varied` text is over the limit (4,096
    // leaves): every summary gets six 养老服务 and two 养老服, each followed
    // by random characters, as a site ten times larger has them.
    let pool: Vec<char> = "山水田林湖草金木火土日月星辰江河春夏秋冬东西南北左右前后花鸟鱼虫"
        .chars()
        .collect();
    let mut rng = Rng::new(5);
    for r in &mut records {
        for phrase in [
            "养老服务",
            "养老服务",
            "养老服务",
            "养老服务",
            "养老服务",
            "养老服务",
            "养老服",
            "养老服",
        ] {
            r.summary.push('，');
            r.summary.push_str(phrase);
            for _ in 0..2 + rng.below(2) {
                r.summary.push(pool[rng.below(pool.len())]);
            }
        }
    }
    records
}

/// What [`check`] saw.
#[derive(Debug)]
struct Searched {
    /// The index's shards.
    shards: u32,
    /// Entries that are parts of a split trie.
    split: usize,
    /// Queries, by length, answered through a split entry.
    through_parts: BTreeMap<usize, usize>,
}

/// Builds `records`, checks every query against the brute-force scan.
fn check(records: &[Record]) -> Searched {
    check_with(records, None)
}

/// [`check`], the index planned for at least so many shards and spilled as
/// told, if `planned` says so.
fn check_with(records: &[Record], planned: Option<(u32, search::SpillTo)>) -> Searched {
    let dir = tempfile::tempdir().unwrap();
    corpus::write_site(dir.path(), records).unwrap();
    let model = pipeline::model(&BuildOptions::new(dir.path()), &mut Timings::default()).unwrap();
    let site = &model.site;

    let out = MemorySink::new();
    let written = match planned {
        Some((shards, to)) => {
            search::write_index_planned(site, false, shards, Some(to), &out as &dyn Sink)
        }
        None => search::write_index(site, false, &out as &dyn Sink),
    };
    let plan = written.unwrap().plan;
    let meta = search::Embed::new(site, false, &|_, v| v.to_string()).json(Some(&plan));
    let files = out.into_files();
    // The entries that are parts of a split trie: `key#c`, or longer keys.
    let mut parts = Vec::new();
    for (path, bytes) in &files {
        if !path.starts_with("search/i/") {
            continue;
        }
        let shard = decompress(bytes).unwrap();
        let mut r = Reader::new(&shard);
        for _ in 0..r.usize() {
            let name = r.string();
            r.usize();
            if name.contains('#') || name.chars().filter(|c| is_cjk(*c)).count() > 3 {
                parts.push(name);
            }
        }
    }
    let split_keys: BTreeSet<String> = parts.iter().map(|n| n.chars().take(3).collect()).collect();
    assert!(plan.shards > 20, "a corpus this size is sharded: {plan:?}");
    assert_eq!(plan.display_group, 1);
    let searcher = Searcher::new(&meta, Memory(files)).unwrap();

    // doc number → record id, from the display files.
    let ids: Vec<String> = (0..site.records.len() as u32)
        .map(|d| {
            let path = searcher.display(d).unwrap().path;
            path.trim_start_matches("proposals/")
                .trim_end_matches('/')
                .to_string()
        })
        .collect();
    let texts: Vec<(String, String)> = records
        .iter()
        .filter_map(|r| Some((r.id.clone(), published_text(r)?)))
        .collect();
    assert_eq!(
        texts.len(),
        ids.len(),
        "every published record is indexed, no other"
    );

    let mut rng = Rng::new(99);
    let mut queries = queries(&texts, &mut rng);
    // And phrases of 3 to 6 characters that start with a common trie key.
    for (i, (_, text)) in texts.iter().enumerate().take(60) {
        if let Some(at) = text.find("养老服") {
            let q: String = text[at..].chars().take(3 + i % 4).collect();
            if q.chars().all(is_cjk) && !queries.contains(&q) {
                queries.push(q);
            }
        }
    }
    let mut checked = BTreeMap::new();
    let mut through_parts = BTreeMap::new();
    for q in &queries {
        let expected: BTreeSet<&str> = texts
            .iter()
            .filter(|(_, text)| text.contains(q.as_str()))
            .map(|(id, _)| id.as_str())
            .collect();
        let results = searcher.search(q, &Filters::default());
        let found: BTreeSet<&str> = results
            .docs
            .iter()
            .map(|d| ids[*d as usize].as_str())
            .collect();
        assert_eq!(found.len(), results.docs.len(), "{q}: each record once");
        let missed: Vec<_> = expected.difference(&found).take(5).collect();
        let extra: Vec<_> = found.difference(&expected).take(5).collect();
        assert!(
            missed.is_empty() && extra.is_empty(),
            "{q}: expected {}, found {}; missed {missed:?}, extra {extra:?}",
            expected.len(),
            found.len()
        );
        // The stored facet counts agree with the matches.
        let statuses: u32 = results.counts.get("status").map_or(0, |m| m.values().sum());
        assert_eq!(statuses as usize, found.len(), "{q}: status counts add up");
        *checked.entry(q.chars().count()).or_insert(0) += 1;
        // A phrase of the key alone is answered by the split entry's union;
        // a longer one reads the part that holds it.
        let shards = results.files.iter().filter(|f| f.starts_with("search/i/"));
        if shards.count() > 1 || split_keys.contains(q) {
            *through_parts.entry(q.chars().count()).or_insert(0) += 1;
        }
    }
    for len in [1, 2, 3, 4, 6] {
        assert!(checked[&len] >= 25, "{len}-character queries: {checked:?}");
    }
    Searched {
        shards: plan.shards,
        split: parts.len(),
        through_parts,
    }
}
