//! Turning the index into shard files, one part of it at a time: the shards
//! whose number modulo the number of parts (16, more for a large index:
//! `build::parts_for`) is the part's, from its lists taken out of their
//! tables and merged with what a large index spilled ([`Parted`]).
//!
//! Every key — a character, a bigram, a word, or the three-character key of a
//! phrase trie — lives in index shard `i/<hash(key) % shards>`. A shard is a
//! directory of its keys (sorted, each with the byte length of its entry) and
//! then the entries:
//!
//! ```text
//! shard     := varint(keys) (string(key) varint(length))* entry*
//! list      := varint(df) (varint(doc gap) varint(weight))^df  facets
//! entry     := list                                   -- character, bigram, word
//!            | varint(nodes) node*                    -- trie of a 3-character key (nodes > 0)
//!            | 0 varint(parts) (string(first) byte(apart))*   -- a large trie, split
//! node      := string(rest) varint(leaf df) (varint(doc gap) varint(weight))^leaf-df facets
//! facets    := 0 varint(pairs) (varint(id gap) varint(count))*      -- counts
//!            | 1 varint(n) record^n                                   -- one per document
//!            | 2                                                      -- none (facets.rs)
//! record    := varint(session) byte(kind | key<<2) varint(category+1 or 0)
//!              varint(unit+1) varint(topics) varint(topic)*
//! ```
//!
//! A trie node is a distinct prefix (3 to 6 characters) of the leaves under the
//! key, `rest` being what follows the key; its facets describe the union of the
//! leaves it prefixes, and its own list is the leaf equal to it, if any. Only
//! leaves and prefixes of two or more leaves are written: any other prefix has
//! exactly one leaf under it, whose facets are the prefix's.
//!
//! A trie of more than 4,096 leaves is split ([`split`]): its entry lists its
//! parts, each a whole trie under `key + "#" + first` or, for one large child,
//! the entries under `key + first`; the union of its leaves is the list under
//! `key + "#"`. Those entries are in shards of the key's part
//! ([`split::placed`]).

use rayon::prelude::*;

use super::build::{
    Gram, Index, MAX_GRAM, TRIE_KEY, gram_len, parts_for, prefix, shared_chars, unpack, utf8_after,
};
use super::encode::{Postings, hash, string, varint};
use super::facets::{Dictionaries, DocFacets, FacetData, Records, ValueIds};
use super::spill::Parted;
use super::split::{self, Entry, Part};
use crate::error::Error;

/// One key of a shard, before its entry is encoded.
#[derive(Clone)]
enum Key<'a> {
    /// A character, bigram or word.
    List(&'a Postings),
    /// An entry of a phrase trie: the whole trie of a key, or a part of a
    /// large one ([`split`]).
    Trie(Entry<'a>),
}

/// Encodes the index into shard files and hands each to `put(number, bytes)`,
/// which returns the bytes it wrote. The count is the one the index was
/// planned for ([`Index::new`]), or fewer when it has too few keys to fill
/// them ([`shard_count`]); when that is a multiple of its parts (16 or more,
/// [`parts_for`]), it is then set from a sample of the first part's shards,
/// so that the mean shard is [`SHARD_TARGET`](super::SHARD_TARGET) bytes
/// whatever the text ([`sized_count`]). Returns the bytes written and the number of shards.
pub fn write_index_shards(
    index: Index,
    table: &[DocFacets],
    dicts: &Dictionaries,
    none_up_to: usize,
    put: &(dyn Fn(u32, Vec<u8>) -> Result<u64, Error> + Sync),
) -> Result<(u64, u32), Error> {
    let ids = ValueIds::new(dicts, table);
    let records = Records::new(table);
    let Index {
        lists,
        leaves,
        words,
        planned,
        runs,
        ..
    } = index;
    let mut parted = Parted::new(lists, leaves, runs, planned);
    // The tries are counted only when the other keys do not fill the plan.
    let others = parted.list_keys() + words.len();
    let mut shards = if others >= planned as usize {
        planned.max(1)
    } else {
        shard_count(planned, others + parted.trie_keys()?)
    };
    // Part by part, each with the shards its keys go to, when a key's shard
    // is in its part; all at once otherwise (few keys, few shards).
    let parts = parted.parts();
    let by_part = by_parts(planned, shards);
    let groups: Vec<Vec<usize>> = if by_part {
        (0..parts).map(|part| vec![part]).collect()
    } else {
        vec![(0..parts).collect()]
    };
    // A shard's group, and a key's from its hash.
    let group_of = |shard: u32| {
        if by_part { shard as usize % parts } else { 0 }
    };
    let trial = shards;
    let group_of_key = |hash: u32| group_of(hash % trial);
    // In whole parts, a key's part is its hash modulo the parts whatever the
    // count, so the count may follow the size of the index ([`sized_count`]).
    let sized = by_part && shards.is_multiple_of(parts as u32);
    let word_keys = words.par_iter();
    let word_keys = word_keys.map(|(w, p)| (hash(w), w.to_string(), Key::List(p)));
    let word_keys: Vec<(u32, String, Key<'_>)> = word_keys.collect();
    let mut words_by_group: Vec<Vec<(u32, String, Key<'_>)>> =
        groups.iter().map(|_| Vec::new()).collect();
    for word in word_keys {
        words_by_group[group_of_key(word.0)].push(word);
    }
    let facets = Facets {
        none_up_to,
        records: &records,
        ids: &ids,
    };
    let mut bytes = 0;
    // The group's lists, out of their tables (and runs), the leaves sorted:
    // read one after the other from here on. (On text that varies as real
    // prose does there are millions, and reading them through a table was a
    // cache miss each.) Each next group's are taken while this one's shards
    // are written: merging a part's runs is one thread's work.
    let mut taken = Some(parted.take(&groups[0]));
    for (this, mine) in words_by_group.into_iter().enumerate() {
        // Taken before the loop for the first group, at the end of the last
        // turn for every next one.
        let (lists, leaves) = taken.take().unwrap_or_else(|| Ok(Default::default()))?;
        let named = lists.par_iter().map(|(g, p)| {
            let name: String = unpack(*g).iter().collect();
            (hash(&name), name, Key::List(p))
        });
        let tries = tries(&leaves);
        // A trie's own entry, whole or split: one each, so the keys are
        // collected straight into place (a collect of unknown length cost
        // 1–1.5 s of 29 at 100,000 `varied` records); then the other entries
        // of the few split tries, laid out a second time.
        let split = |leaves: &[(Gram, Postings)]| sized && split::is_split(TRIE_KEY, leaves);
        let split_entries = |key: Gram, leaves| {
            let name: String = unpack(key).iter().collect();
            let root = hash(&name);
            let mut entries = Vec::new();
            split::entries(name, TRIE_KEY, leaves, &mut entries);
            entries
                .into_iter()
                .map(move |(name, entry): (String, Entry<'_>)| {
                    (split::placed(hash(&name), root, parts as u32), name, entry)
                })
        };
        let own = tries.par_iter().map(|&(key, leaves)| {
            if split(leaves) {
                let (h, name, entry) = split_entries(key, leaves)
                    .next_back()
                    .expect("the key's entry");
                return (h, name, Key::Trie(entry));
            }
            let name: String = unpack(key).iter().collect();
            (hash(&name), name, Key::Trie(split::whole(TRIE_KEY, leaves)))
        });
        let mut keys: Vec<(u32, String, Key<'_>)> =
            mine.into_par_iter().chain(named).chain(own).collect();
        let split_tries = tries.par_iter().filter(|(_, leaves)| split(leaves));
        let other_entries = split_tries.flat_map_iter(|&(key, leaves)| {
            let mut entries: Vec<_> = split_entries(key, leaves).collect();
            entries.pop();
            entries
                .into_iter()
                .map(|(h, name, entry)| (h, name, Key::Trie(entry)))
        });
        keys.par_extend(other_entries);
        if this == 0 && sized {
            // The first part tells how large the whole index is: the count
            // is set from a sample of its shards before any is written.
            shards = sized_count(&keys, shards, parts, &facets)?;
        }
        keys.par_iter_mut().for_each(|k| k.0 %= shards);
        keys.par_sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let numbers: Vec<u32> = (0..shards).filter(|s| group_of(*s) == this).collect();
        let (written, next) = rayon::join(
            || write_shards(&keys, &numbers, &facets, put),
            || groups.get(this + 1).map(|group| parted.take(group)),
        );
        bytes += written?;
        taken = next;
        drop(keys);
        free_elsewhere((lists, leaves));
    }
    free_elsewhere(words);
    Ok((bytes, shards))
}

/// Shards a sample encodes and compresses, at most, to size the index.
const SAMPLE: usize = 64;

/// The shard count that makes the mean shard [`SHARD_TARGET`](super::SHARD_TARGET) bytes, found
/// from `keys` — the first part's, with their hashes — written as `shards`
/// shards: up to [`SAMPLE`] of that part's shards, evenly spaced, are encoded
/// and compressed, and the whole index is as many times their mean as it has
/// shards. The count stays a multiple of `parts` (so every key stays in its
/// part) and no more than one per key, as in [`shard_count`].
///
/// Why: the count planned before the index exists follows the amount of text
/// ([`super::Plan::new`]), at about one byte of index per character as the
/// generated shapes have. Text that varies as real prose does has seven or
/// more, and its shards were 60 KB instead of 8: a query downloaded 84–117 KB
/// of them at 10,000 records (docs/dev/performance.md). The sample is a
/// few dozen shards whatever the site, encoded once more.
fn sized_count(
    keys: &[(u32, String, Key<'_>)],
    shards: u32,
    parts: usize,
    facets: &Facets<'_>,
) -> Result<u32, Error> {
    // The part's shards are every `parts`-th; the sample every `step`-th of them.
    let step = (shards as usize).div_ceil(parts).div_ceil(SAMPLE).max(1) * parts;
    let sample: Vec<u32> = (0..shards).step_by(step).collect();
    let mut sampled: Vec<(u32, String, Key<'_>)> = keys
        .iter()
        .filter(|(h, _, _)| ((h % shards) as usize).is_multiple_of(step))
        .map(|(h, name, key)| (h % shards, name.clone(), key.clone()))
        .collect();
    sampled.par_sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let measure = |_, file: Vec<u8>| Ok(super::encode::compress(&file).len() as u64);
    let bytes = write_shards(&sampled, &sample, facets, &measure)?;
    let index = bytes as f64 / sample.len() as f64 * f64::from(shards);
    let wanted = (index / super::SHARD_TARGET as f64).ceil() as u32;
    let keys = keys.len().saturating_mul(parts);
    let parts = parts as u32;
    let count = shard_count(wanted.max(parts).div_ceil(parts) * parts, keys);
    Ok((count / parts * parts).max(parts))
}

/// Drops `value` on a thread of its own: the index's millions of lists, on a
/// site whose text varies as real prose does, took a quarter of a second to
/// free on the one thread left at the end of the build. If no thread can be
/// made, it is dropped here.
fn free_elsewhere<T: Send + 'static>(value: T) {
    let free = std::thread::Builder::new().name("gongkai-free".into());
    let _ = free.spawn(move || drop(value));
}

/// Writes the shards `numbers` of `keys` (sorted by shard, then name), an
/// empty file for a shard without keys; returns the bytes written.
fn write_shards(
    keys: &[(u32, String, Key<'_>)],
    numbers: &[u32],
    facets: &Facets<'_>,
    put: &(dyn Fn(u32, Vec<u8>) -> Result<u64, Error> + Sync),
) -> Result<u64, Error> {
    numbers
        .par_iter()
        .map(|&number| {
            let first = keys.partition_point(|k| k.0 < number);
            let keys = &keys[first..first + keys[first..].partition_point(|k| k.0 == number)];
            let mut scratch = Scratch::default();
            // The entries one after the other, and each one's length.
            let mut body = Vec::new();
            let mut lengths = Vec::with_capacity(keys.len());
            for (_, _, key) in keys {
                let before = body.len();
                match key {
                    Key::List(p) => write_list(p, facets, &mut scratch, &mut body),
                    Key::Trie(Entry::Whole {
                        key_len,
                        min_len,
                        leaves,
                    }) => write_trie(*key_len, *min_len, leaves, facets, &mut scratch, &mut body),
                    Key::Trie(Entry::Split(parts)) => write_parts(parts, &mut body),
                    Key::Trie(Entry::Union(leaves)) => {
                        write_list(&split::union(leaves), facets, &mut scratch, &mut body)
                    }
                }
                lengths.push(body.len() - before);
            }
            let mut file = Vec::with_capacity(body.len() + 16 * keys.len());
            varint(&mut file, keys.len() as u64);
            for ((_, name, _), length) in keys.iter().zip(&lengths) {
                string(&mut file, name);
                varint(&mut file, *length as u64);
            }
            file.extend_from_slice(&body);
            put(number, file)
        })
        .sum::<Result<u64, Error>>()
}

/// The leaves (sorted) cut into tries, one per key of [`TRIE_KEY`]
/// characters, found in parallel: each chunk of the list is moved to start at
/// a key of its own.
fn tries(leaves: &[(Gram, Postings)]) -> Vec<(Gram, &[(Gram, Postings)])> {
    let key = |i: usize| prefix(leaves[i].0, TRIE_KEY);
    let chunk = leaves.len().div_ceil(64).max(1 << 12);
    let mut starts: Vec<usize> = (0..leaves.len())
        .step_by(chunk)
        .map(|mut i| {
            while i > 0 && i < leaves.len() && key(i - 1) == key(i) {
                i += 1;
            }
            i
        })
        .collect();
    starts.push(leaves.len());
    starts.dedup();
    starts
        .par_windows(2)
        .flat_map_iter(|w| {
            leaves[w[0]..w[1]]
                .chunk_by(|a, b| prefix(a.0, TRIE_KEY) == prefix(b.0, TRIE_KEY))
                .map(|trie| (prefix(trie[0].0, TRIE_KEY), trie))
        })
        .collect()
}

/// Keys a shard holds at least, on average: the index has at most one shard
/// per this many keys, however much text the site has.
///
/// Why: the planned count follows the amount of text (about 8 KB of index
/// per shard), but text written from a small vocabulary — many long replies
/// in the same phrases — has far fewer keys than that. Keys fall into shards
/// at random, so with `k` keys per shard on average a share of e^-k of the
/// shards is empty: 10,000 generated `long-text` records planned 10,532
/// shards for some 4,900 keys, and 6,637 of the files were empty, a fifth of
/// the site's files. With no more shards than keys, 4,929 shards of which
/// 1,782 empty, and a query's shard holds about as many bytes of other keys
/// as before (the mean shard that is not empty 6.5 → 8.1 KB). Two keys a
/// shard left fewer files still (2,465, 338 empty), but doubled those bytes:
/// at 100,000 `typical` records the mean shard went 17 → 29 KB and one
/// query's 144 → 251 KB, against 19 KB and 153 KB with one key. Text with a
/// real vocabulary has more keys than planned shards and keeps its count.
pub const MIN_KEYS_PER_SHARD: usize = 1;

/// The number of index shards: `planned`, but no more than one per
/// [`MIN_KEYS_PER_SHARD`] keys, and at least one; a multiple of the parts
/// ([`parts_for`]) when `planned` is one and the keys fill that many
/// ([`in_whole_parts`]).
pub fn shard_count(planned: u32, keys: usize) -> u32 {
    let by_keys = u32::try_from(keys.div_ceil(MIN_KEYS_PER_SHARD)).unwrap_or(u32::MAX);
    let count = planned.min(by_keys).max(1);
    let parts = parts_for(planned) as u32;
    if planned.is_multiple_of(parts) && count >= parts {
        count / parts * parts
    } else {
        count
    }
}

/// A planned shard count rounded up to a multiple of its number of parts
/// ([`parts_for`], unless it is smaller). Why: the index keeps its lists in
/// parts by `shard % parts` ([`crate::search::build::part`]) and writes the
/// shards part by part, so that only one part is ever out of its tables and
/// runs at once. That holds only while a key's shard, modulo the parts, is
/// its part: when the written count is the planned one, or when both are
/// multiples of the parts. (Rounded up, the count keeps its number of
/// parts: a part's most planned shards are a multiple of it.) A
/// site written from a small vocabulary has fewer keys than planned shards
/// ([`MIN_KEYS_PER_SHARD`]); before, its shards were written all at once, its
/// whole index in memory (`long-text`, 100,000 records: the build's peak).
pub fn in_whole_parts(planned: u32) -> u32 {
    let parts = parts_for(planned) as u32;
    if planned > parts {
        planned.div_ceil(parts) * parts
    } else {
        planned
    }
}

/// Whether the shards can be written part by part ([`in_whole_parts`]).
fn by_parts(planned: u32, shards: u32) -> bool {
    let whole = |n: u32| n.is_multiple_of(parts_for(planned) as u32);
    shards == planned || (whole(planned) && whole(shards))
}

/// What writing facet data needs.
struct Facets<'a> {
    none_up_to: usize,
    records: &'a Records,
    ids: &'a ValueIds,
}

impl Facets<'_> {
    /// The facet data of `docs` (sorted, distinct) ([`FacetData::write_best`]).
    fn write(&self, docs: &[u32], counts: &mut Vec<u32>, out: &mut Vec<u8>) {
        FacetData::write_best(docs, self.none_up_to, self.records, self.ids, counts, out);
    }
}

/// Buffers reused from one entry of a shard to the next (a site whose text
/// varies as real prose does has a million tries of two or three leaves).
#[derive(Default)]
struct Scratch {
    nodes: Vec<Node>,
    /// The nodes not yet closed, shortest first: `(length, index into nodes)`.
    open: Vec<(usize, usize)>,
    /// Every leaf's documents in one list, `starts[i]..starts[i + 1]` the i-th's.
    decoded: Vec<u32>,
    starts: Vec<usize>,
    docs: Vec<u32>,
    counts: Vec<u32>,
}

/// A prefix of the leaves of a trie: the leaves under it are
/// `leaves[start..end]` (they are contiguous in string order).
#[derive(Clone, Copy)]
struct Node {
    gram: Gram,
    start: usize,
    end: usize,
}

/// Fills `nodes` with the nodes of the trie of `leaves` (sorted, sharing their
/// first `min_len - 1` characters) that [`write_trie`] writes, in string
/// order: the leaves and the prefixes of `min_len` characters or more of two
/// or more of them. `open` is scratch.
///
/// One pass, since the leaves come sorted and a prefix sorts before what it
/// prefixes: a leaf opens the prefixes it does not share with the leaf
/// before, and closes those of the leaf before that it does not share. (The
/// first version listed every prefix of every leaf, sorted them and found
/// each one's leaves by binary search: 6% more CPU on 10,000 `varied`
/// records.) A prefix the next leaf does not share has one leaf under it, so
/// it is a node only if it is that leaf: it is never opened. (Opening every
/// prefix and dropping those at the end cost 2–3% of the CPU of 10,000
/// `varied` records, whose leaves mostly differ after three or four
/// characters.)
fn trie_nodes(
    leaves: &[(Gram, Postings)],
    min_len: usize,
    nodes: &mut Vec<Node>,
    open: &mut Vec<(usize, usize)>,
) {
    nodes.clear();
    open.clear();
    // Characters shared with the leaf before and the leaf after.
    let shared = |a: Option<&(Gram, Postings)>, b: Gram| a.map_or(0, |(a, _)| shared_chars(*a, b));
    for (i, (g, _)) in leaves.iter().enumerate() {
        let before = shared(i.checked_sub(1).map(|j| &leaves[j]), *g);
        let after = shared(leaves.get(i + 1), *g);
        // The open nodes, `(length, index)`, shortest first: those longer
        // than what this leaf shares with the one before end here.
        while let Some(&(len, closed)) = open.last()
            && len > before
        {
            nodes[closed].end = i;
            open.pop();
        }
        // Prefixes the next leaf shares too, then the leaf itself (a leaf
        // the next one extends is among the first).
        let len = gram_len(*g);
        let shared_on = (before + 1).max(min_len)..=after;
        let own = (len > after && len >= min_len).then_some(len);
        for n in shared_on.chain(own) {
            open.push((n, nodes.len()));
            nodes.push(Node {
                gram: prefix(*g, n),
                start: i,
                end: leaves.len(),
            });
        }
    }
}

/// The nodes of one trie, in string order: its leaves (which share their
/// first `key_len` characters) and every prefix of `min_len` characters or
/// more of two or more of them, each named by what follows the first
/// `key_len` characters.
fn write_trie(
    key_len: usize,
    min_len: usize,
    leaves: &[(Gram, Postings)],
    facets: &Facets<'_>,
    scratch: &mut Scratch,
    out: &mut Vec<u8>,
) {
    let Scratch {
        nodes,
        open,
        decoded,
        starts,
        docs,
        counts,
    } = scratch;
    trie_nodes(leaves, min_len, nodes, open);
    decoded.clear();
    starts.clear();
    for (_, p) in leaves {
        starts.push(decoded.len());
        p.docs_into(decoded);
    }
    starts.push(decoded.len());
    varint(out, nodes.len() as u64);
    for node in nodes.iter() {
        // What follows the key.
        let mut rest = [0u8; 4 * MAX_GRAM];
        let used = utf8_after(node.gram, key_len, &mut rest);
        varint(out, used as u64);
        out.extend_from_slice(&rest[..used]);
        match &leaves[node.start] {
            (g, p) if *g == node.gram => p.write(out),
            _ => varint(out, 0),
        }
        docs.clear();
        docs.extend_from_slice(&decoded[starts[node.start]..starts[node.end]]);
        if node.end - node.start > 1 {
            docs.sort_unstable();
            docs.dedup();
        }
        facets.write(docs, counts, out);
    }
}

/// A list: its postings, then the facets of its documents.
fn write_list(p: &Postings, facets: &Facets<'_>, scratch: &mut Scratch, out: &mut Vec<u8>) {
    p.write(out);
    scratch.docs.clear();
    p.docs_into(&mut scratch.docs);
    facets.write(&scratch.docs, &mut scratch.counts, out);
}

/// A split entry ([`split`]): `0` (a whole trie has a node at least), then
/// the parts.
fn write_parts(parts: &[Part], out: &mut Vec<u8>) {
    varint(out, 0);
    varint(out, parts.len() as u64);
    for part in parts {
        let mut first = [0u8; 4];
        string(out, part.first.encode_utf8(&mut first));
        out.push(u8::from(part.apart));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::build::pack;

    #[test]
    fn the_shard_count_is_the_plan_unless_the_keys_are_too_few_to_fill_it() {
        // Keys enough: the count the text planned.
        assert_eq!(shard_count(1_328, 5_085), 1_328);
        assert_eq!(shard_count(10, 10), 10);
        // Too few keys: one shard per key, in whole parts if planned so.
        assert_eq!(shard_count(8_192, 4_921), 4_912);
        // (Over 8,192 planned shards, 32 parts: in whole parts of 32.)
        assert_eq!(shard_count(10_560, 4_929), 4_928);
        assert_eq!(shard_count(10_560, 4_927), 4_896);
        assert_eq!(shard_count(10_544, 4_929), 4_929);
        assert_eq!(shard_count(10_532, 4_929), 4_929);
        assert_eq!(shard_count(10, 9), 9);
        assert_eq!(shard_count(10, 2), 2);
        assert_eq!(shard_count(32, 20), 16);
        assert_eq!(shard_count(32, 15), 15);
        // Always a file, even for an index without keys.
        assert_eq!(shard_count(1, 0), 1);
        assert_eq!(shard_count(0, 100), 1);
        assert_eq!(shard_count(16, 0), 1);
    }

    /// A planned count is rounded up to whole parts, and the shards are then
    /// written part by part whatever the keys: every key's shard is in its
    /// part, as `build::part` puts it.
    /// The nodes as the first version found them: every prefix of every
    /// leaf, sorted, each one's leaves found by binary search.
    fn nodes_by_search(leaves: &[(Gram, Postings)]) -> Vec<(Gram, usize, usize)> {
        let mut nodes: Vec<Gram> = leaves
            .iter()
            .flat_map(|(g, _)| (TRIE_KEY..=gram_len(*g)).map(|n| prefix(*g, n)))
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        nodes
            .into_iter()
            .map(|node| {
                let len = gram_len(node);
                let first = leaves.partition_point(|(g, _)| *g < node);
                let end = first + leaves[first..].partition_point(|(g, _)| prefix(*g, len) == node);
                (node, first, end)
            })
            .filter(|&(node, start, end)| end - start > 1 || leaves[start].0 == node)
            .collect()
    }

    #[test]
    fn trie_nodes_are_the_leaves_and_the_prefixes_they_share() {
        let g = |s: &str| pack(&s.chars().collect::<Vec<_>>());
        let leaves = |texts: &[&str]| -> Vec<(Gram, Postings)> {
            let mut leaves: Vec<(Gram, Postings)> =
                texts.iter().map(|t| (g(t), Postings::default())).collect();
            leaves.sort_unstable_by_key(|(g, _)| *g);
            leaves
        };
        let found = |leaves: &[(Gram, Postings)]| -> Vec<(Gram, usize, usize)> {
            let (mut nodes, mut open) = (Vec::new(), Vec::new());
            trie_nodes(leaves, TRIE_KEY, &mut nodes, &mut open);
            nodes.iter().map(|n| (n.gram, n.start, n.end)).collect()
        };
        let texts = [
            "养老服",
            "养老服务",
            "养老服务中心",
            "养老服务驿站",
            "养老服员工",
            "养老服员会",
        ];
        let sorted = leaves(&texts);
        let rest: Vec<String> = found(&sorted)
            .iter()
            .map(|(node, _, _)| unpack(*node)[TRIE_KEY..].iter().collect())
            .collect();
        // 养老服务中 and 养老服务驿 have one leaf under them each and are left
        // out; 养老服员 has two and is written, with no list of its own.
        assert_eq!(rest, ["", "务", "务中心", "务驿站", "员", "员会", "员工"]);
        assert_eq!(found(&sorted)[0], (g("养老服"), 0, 6));
        assert_eq!(found(&sorted)[4], (g("养老服员"), 4, 6));

        // Random tries over a few characters, so that leaves share prefixes of
        // every length: the same nodes and ranges as the search finds.
        let alphabet: Vec<char> = "务中心驿站".chars().collect();
        let mut next = crate::test_rng::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..500 {
            let mut texts = std::collections::BTreeSet::new();
            for _ in 0..1 + next(12) {
                let extra = next(4);
                let text: String = "养老服"
                    .chars()
                    .chain((0..extra).map(|_| alphabet[next(alphabet.len())]))
                    .collect();
                texts.insert(text);
            }
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let sorted = leaves(&texts);
            assert_eq!(found(&sorted), nodes_by_search(&sorted), "{texts:?}");
        }
    }

    #[test]
    fn shards_in_whole_parts_are_written_part_by_part() {
        assert_eq!(in_whole_parts(1), 1);
        assert_eq!(in_whole_parts(16), 16);
        assert_eq!(in_whole_parts(17), 32);
        assert_eq!(in_whole_parts(8_190), 8_192);
        // More than 8,192 planned: 32 parts, more than 16,384: 64 …
        assert_eq!(in_whole_parts(10_532), 10_560);
        assert_eq!(in_whole_parts(94_000), 94_208);
        for planned in [9, 8_190, 10_532, 40_000, 94_000, 500_000] {
            let whole = in_whole_parts(planned);
            assert_eq!(parts_for(whole), parts_for(planned), "{planned}");
        }
        for (planned, keys) in [
            (10_544, 4_929),
            (10_544, 20_000),
            (32, 17),
            (7, 3_000),
            (94_208, 50_000),
            (94_208, 1_000_000),
        ] {
            let planned = in_whole_parts(planned);
            let shards = shard_count(planned, keys);
            assert!(by_parts(planned, shards), "{planned} {keys}");
            let parts = parts_for(planned);
            for hash in (0..5_000u32).map(|h| h.wrapping_mul(2_654_435_761)) {
                let part = (hash % planned) as usize % parts;
                assert_eq!((hash % shards) as usize % parts, part, "{planned} {shards}");
            }
        }
        // Fewer keys than parts, or than a planned count below it: one
        // group, all at once.
        assert!(!by_parts(10_544, shard_count(10_544, 9)));
        assert!(!by_parts(7, shard_count(7, 5)));
    }
}
