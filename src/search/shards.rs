//! Turning the in-memory index into shard files.
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
//!            | varint(nodes) node*                    -- trie of a 3-character key
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

use rayon::prelude::*;

use super::build::{Gram, Index, TRIE_KEY, gram_len, prefix, unpack};
use super::encode::{Postings, hash, string, varint};
use super::facets::{Dictionaries, DocFacets, FacetData, ValueIds};
use crate::error::Error;

/// One key of a shard, before its entry is encoded.
enum Key<'a> {
    /// A character, bigram or word.
    List(&'a Postings),
    /// A trie key and its leaves, in string order.
    Trie(Gram, &'a [(Gram, &'a Postings)]),
}

/// Encodes the index into `shards` files and hands each to `put(number, bytes)`,
/// which returns the bytes it wrote. Returns their sum.
pub fn write_index_shards(
    index: &Index,
    table: &[DocFacets],
    dicts: &Dictionaries,
    shards: u32,
    none_up_to: usize,
    put: &(dyn Fn(u32, Vec<u8>) -> Result<u64, Error> + Sync),
) -> Result<u64, Error> {
    let ids = ValueIds::new(dicts, table);
    let mut leaves: Vec<(Gram, &Postings)> = index.leaves.iter().map(|(g, p)| (*g, p)).collect();
    leaves.par_sort_unstable_by_key(|(g, _)| *g);
    let mut by_shard: Vec<Vec<(String, Key<'_>)>> = (0..shards).map(|_| Vec::new()).collect();
    let mut place = |name: String, key| {
        let shard = (hash(&name) % shards) as usize;
        by_shard[shard].push((name, key));
    };
    for (g, p) in &index.lists {
        place(unpack(*g).iter().collect(), Key::List(p));
    }
    for (w, p) in &index.words {
        place(w.to_string(), Key::List(p));
    }
    let mut start = 0;
    while start < leaves.len() {
        let key = prefix(leaves[start].0, TRIE_KEY);
        let end = start + leaves[start..].partition_point(|(g, _)| prefix(*g, TRIE_KEY) == key);
        place(
            unpack(key).iter().collect(),
            Key::Trie(key, &leaves[start..end]),
        );
        start = end;
    }

    by_shard
        .into_par_iter()
        .enumerate()
        .map(|(number, mut keys)| {
            keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut counts = Vec::new();
            let entries: Vec<Vec<u8>> = keys
                .iter()
                .map(|(_, key)| {
                    let mut out = Vec::new();
                    match key {
                        Key::List(p) => {
                            p.write(&mut out);
                            let docs = p.docs();
                            FacetData::write_best(
                                &docs,
                                none_up_to,
                                table,
                                &ids,
                                &mut counts,
                                &mut out,
                            );
                        }
                        Key::Trie(key, leaves) => {
                            let facets = Facets {
                                none_up_to,
                                table,
                                ids: &ids,
                            };
                            write_trie(*key, leaves, &facets, &mut counts, &mut out)
                        }
                    }
                    out
                })
                .collect();
            let mut file = Vec::new();
            varint(&mut file, keys.len() as u64);
            for ((name, _), entry) in keys.iter().zip(&entries) {
                string(&mut file, name);
                varint(&mut file, entry.len() as u64);
            }
            for entry in entries {
                file.extend_from_slice(&entry);
            }
            put(number as u32, file)
        })
        .sum()
}

/// What writing facet data needs.
struct Facets<'a> {
    none_up_to: usize,
    table: &'a [DocFacets],
    ids: &'a ValueIds,
}

/// The nodes of one trie, in string order: its leaves (which share the
/// first three characters) and every prefix of two or more of them.
fn write_trie(
    key: Gram,
    leaves: &[(Gram, &Postings)],
    facets: &Facets<'_>,
    counts: &mut Vec<u32>,
    out: &mut Vec<u8>,
) {
    let mut nodes: Vec<(Gram, usize)> = Vec::new();
    for (g, _) in leaves {
        for n in TRIE_KEY..=gram_len(*g) {
            nodes.push((prefix(*g, n), n));
        }
    }
    nodes.sort_unstable();
    nodes.dedup();
    // Leaves under a node are contiguous in string order.
    let range = |node: Gram, len: usize| {
        let first = leaves.partition_point(|(g, _)| *g < node);
        first..first + leaves[first..].partition_point(|(g, _)| prefix(*g, len) == node)
    };
    nodes.retain(|(node, len)| {
        let under = range(*node, *len);
        under.len() > 1 || leaves[under.start].0 == *node
    });
    let decoded: Vec<Vec<u32>> = leaves.iter().map(|(_, p)| p.docs()).collect();
    let key_len = gram_len(key);
    let mut docs = Vec::new();
    varint(out, nodes.len() as u64);
    for (node, len) in nodes {
        let rest: String = unpack(node)[key_len..].iter().collect();
        string(out, &rest);
        let under = range(node, len);
        match leaves.get(under.start) {
            Some((g, p)) if *g == node => p.write(out),
            _ => varint(out, 0),
        }
        docs.clear();
        for l in &decoded[under.clone()] {
            docs.extend_from_slice(l);
        }
        if under.len() > 1 {
            docs.sort_unstable();
            docs.dedup();
        }
        let f = facets;
        FacetData::write_best(&docs, f.none_up_to, f.table, f.ids, counts, out);
    }
}
