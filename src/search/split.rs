//! Large phrase tries cut into entries of bounded size, so that a query
//! downloads the phrases it can match and not every phrase that shares its
//! first three characters.
//!
//! Why: a trie's entry holds every distinct phrase of up to six characters
//! that starts with its key, and a query downloads the whole entry. On text
//! that repeats its phrases that is small; on text that varies as real prose
//! does it grows with the site: at 100,000 generated `varied` records a
//! search for 养老服务 downloaded 413 KB of index, the whole trie of 养老服
//! (docs/dev/performance.md, "Thirteenth session").
//!
//! A trie of more than [`SPLIT_LEAVES`] leaves is written as a *split* entry
//! under its key: only its *parts*, in string order. Its leaves longer than
//! the key fall into children by their next character; a child of more than
//! half [`SPLIT_LEAVES`] leaves is a part of its own, laid out under the key
//! `key + c` by the same rule (and so split again if it is large); runs of
//! smaller children make the other parts, each a whole trie of at most half
//! [`SPLIT_LEAVES`] leaves under `key + "#" + c`, `c` its first character.
//! What a query equal to the key matches (the union of every leaf, with its
//! facets) is an entry of its own, `key + "#"`. A query of the key plus
//! `rest` reads the split entry, finds the part of `rest`'s first character
//! (the last part that starts at or before it), and reads that part's entry:
//! one more request for each level, each entry bounded. `#` is never a key's
//! character (a trie key is CJK, a word is letters and digits), so the names
//! cannot meet another key's.
//!
//! Why these sizes: every entry a query reads costs a request and a shard's
//! worth of other keys (8 KB, [`super::SHARD_TARGET`]), and a leaf 10–15
//! bytes of compressed entry on text like `varied`. A trie of a thousand
//! leaves is cheaper whole; at 10,000 `varied` records a limit of 1,024, with
//! the union inside the split entry, made 养老服务驿站 download 74 KB instead
//! of 59.
//!
//! Every entry of a trie goes to a shard of the trie key's part
//! ([`placed`]): the shards are written part by part, and only the part's
//! leaves are in memory then. So tries are split only in an index written
//! part by part with a multiple of its parts' number of shards (every index
//! of 16 shards or more); a smaller index keeps every trie whole.

use super::build::{Gram, MAX_GRAM, MAX_PARTS, gram_len, prefix, unpack};
use super::encode::Postings;

/// The most leaves a trie's entry holds whole; a larger trie is split, into
/// parts of at most half as many. On text that repeats its phrases no trie
/// has this many leaves (none at 10,000 `typical` records).
pub const SPLIT_LEAVES: usize = 4096;

/// One part of a split entry: where it starts, and whether it is one child
/// laid out under its own key (`apart`) or a run of children under
/// `key + "#" + first`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub first: char,
    pub apart: bool,
}

/// An entry of a trie, before it is encoded.
#[derive(Clone, Debug)]
pub enum Entry<'a> {
    /// The nodes of `leaves` no shorter than `min_len` characters, named by
    /// what follows their first `key_len` characters.
    Whole {
        key_len: usize,
        min_len: usize,
        leaves: &'a [(Gram, Postings)],
    },
    /// The parts of a split trie.
    Split(Vec<Part>),
    /// What a split trie's key matches: the union of its leaves, written as
    /// a list.
    Union(&'a [(Gram, Postings)]),
}

/// The entries of the trie of `leaves` (sorted, sharing their first
/// `key_len` characters, which are `name`), with their names: the key's own
/// entry last. The caller decides whether tries may be split at all
/// ([`placed`]).
pub fn entries<'a>(
    name: String,
    key_len: usize,
    leaves: &'a [(Gram, Postings)],
    out: &mut Vec<(String, Entry<'a>)>,
) {
    if !is_split(key_len, leaves) {
        out.push((name, whole(key_len, leaves)));
        return;
    }
    // The leaf equal to the key, if any, sorts first and is in no child: the
    // union holds it.
    let longer = leaves.partition_point(|(g, _)| gram_len(*g) <= key_len);
    let mut parts = Vec::new();
    // The run of small children being gathered: its first leaf and size.
    let mut run: Option<(usize, usize)> = None;
    let mut start = longer;
    let same_child = |a: &(Gram, Postings), b: &(Gram, Postings)| {
        prefix(a.0, key_len + 1) == prefix(b.0, key_len + 1)
    };
    for child in leaves[longer..].chunk_by(same_child) {
        let apart = child.len() > SPLIT_LEAVES / 2;
        if apart || run.is_some_and(|(_, size)| size + child.len() > SPLIT_LEAVES / 2) {
            let before = &leaves[..start];
            close_run(&name, key_len, before, run.take(), &mut parts, out);
        }
        if apart {
            let first = next_char(child[0].0, key_len);
            parts.push(Part { first, apart: true });
            entries(format!("{name}{first}"), key_len + 1, child, out);
        } else {
            let (_, size) = run.get_or_insert((start, 0));
            *size += child.len();
        }
        start += child.len();
    }
    close_run(&name, key_len, leaves, run, &mut parts, out);
    out.push((format!("{name}#"), Entry::Union(leaves)));
    out.push((name, Entry::Split(parts)));
}

/// Whether the trie of `leaves` under a key of `key_len` characters is split
/// (when splitting is allowed).
pub fn is_split(key_len: usize, leaves: &[(Gram, Postings)]) -> bool {
    leaves.len() > SPLIT_LEAVES && key_len + 1 < MAX_GRAM
}

/// The entry of a trie written whole.
pub fn whole(key_len: usize, leaves: &[(Gram, Postings)]) -> Entry<'_> {
    Entry::Whole {
        key_len,
        min_len: key_len,
        leaves,
    }
}

/// Writes the run of small children from `run`'s first leaf to the end of
/// `leaves` as a part: a whole trie under `name + "#" + c`.
fn close_run<'a>(
    name: &str,
    key_len: usize,
    leaves: &'a [(Gram, Postings)],
    run: Option<(usize, usize)>,
    parts: &mut Vec<Part>,
    out: &mut Vec<(String, Entry<'a>)>,
) {
    let Some((start, _)) = run else { return };
    let first = next_char(leaves[start].0, key_len);
    parts.push(Part {
        first,
        apart: false,
    });
    out.push((
        format!("{name}#{first}"),
        Entry::Whole {
            key_len,
            min_len: key_len + 1,
            leaves: &leaves[start..],
        },
    ));
}

/// The character after the first `key_len` of a gram longer than that.
fn next_char(g: Gram, key_len: usize) -> char {
    unpack(g)[key_len]
}

/// The hash that places the entry named `name` of the trie whose key hashes
/// to `root` in an index of `parts` parts (a power of two, 16 to
/// [`MAX_PARTS`]): the entry's own hash, with the low bits of the key's, so
/// that modulo a shard count that is a multiple of `parts` it lands in a
/// shard of the key's part, and no more bits, so that a trie's entries
/// spread over the part's shards. For the key's own entry (and every other
/// key) it is the key's hash. The search client does the same (`search.js`,
/// with the plan's `parts`).
pub fn placed(name: u32, root: u32, parts: u32) -> u32 {
    let low = parts.saturating_sub(1);
    (name & !low) | (root & low)
}

/// The union of the leaves' lists: each document once, with the sum of its
/// weights (what the client adds up when it merges the leaves of a node).
pub fn union(leaves: &[(Gram, Postings)]) -> Postings {
    let mut all = Vec::new();
    for (_, p) in leaves {
        p.pairs_into(&mut all);
    }
    all.sort_unstable_by_key(|&(doc, _)| doc);
    let mut out = Postings::default();
    for same in all.chunk_by(|a, b| a.0 == b.0) {
        let weight = same.iter().fold(0u32, |sum, &(_, w)| sum.saturating_add(w));
        out.push(same[0].0, weight);
    }
    out
}

const _: () = assert!(MAX_PARTS.is_power_of_two());

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::build::pack;

    fn leaves(texts: &[String]) -> Vec<(Gram, Postings)> {
        let mut out: Vec<(Gram, Postings)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut p = Postings::default();
                p.push(i as u32, 1);
                (pack(&t.chars().collect::<Vec<_>>()), p)
            })
            .collect();
        out.sort_unstable_by_key(|(g, _)| *g);
        out.dedup_by_key(|(g, _)| *g);
        out
    }

    /// Every leaf is in exactly one whole entry, every whole entry holds at
    /// most [`SPLIT_LEAVES`] leaves unless it cannot be split, and the parts
    /// of each split entry are in string order and name entries that exist.
    #[test]
    fn a_large_trie_is_cut_into_bounded_entries_that_cover_every_leaf() {
        let alphabet: Vec<char> = "中心驿站员工会议室内外上下左右前后东西南北春夏秋冬天地人和山水田林湖草金木火土日月星辰江河花鸟鱼虫松竹梅兰红黄蓝绿青紫黑白风云雷电一二三四五六七八九十百千万甲乙丙丁".chars().collect();
        let mut next = crate::test_rng::xorshift(0x9e37_79b9_7f4a_7c15);
        // 养老服 and 养老服务 are far over the limit; most leaves go through 务.
        let mut texts: Vec<String> = vec!["养老服".into()];
        for _ in 0..24_000 {
            let mut t = String::from("养老服");
            if next(4) > 0 {
                t.push('务');
            }
            for _ in 0..(6 - t.chars().count()) {
                t.push(alphabet[next(alphabet.len())]);
            }
            texts.push(t);
        }
        let all = leaves(&texts);
        assert!(all.len() > 2 * SPLIT_LEAVES, "{}", all.len());
        let mut out = Vec::new();
        entries("养老服".into(), 3, &all, &mut out);
        let names: Vec<&str> = out.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names.last(), Some(&"养老服"));
        let mut covered = Vec::new();
        for (name, entry) in &out {
            match entry {
                Entry::Whole {
                    key_len, leaves, ..
                } => {
                    let key: String = name.chars().filter(|c| *c != '#').take(*key_len).collect();
                    let limit = if name.contains('#') {
                        SPLIT_LEAVES / 2
                    } else {
                        SPLIT_LEAVES
                    };
                    assert!(leaves.len() <= limit || key_len + 1 >= MAX_GRAM, "{name}");
                    for (g, _) in leaves.iter() {
                        assert!(unpack(*g).iter().collect::<String>().starts_with(&key));
                        covered.push(*g);
                    }
                }
                Entry::Union(leaves) => {
                    assert!(leaves.len() > SPLIT_LEAVES, "{name}");
                    let key = name.trim_end_matches('#');
                    assert!(names.contains(&key), "{name}");
                }
                Entry::Split(parts) => {
                    assert!(names.contains(&format!("{name}#").as_str()), "{name}");
                    assert!(parts.windows(2).all(|w| w[0].first < w[1].first), "{name}");
                    for part in parts {
                        let part_name = if part.apart {
                            format!("{name}{}", part.first)
                        } else {
                            format!("{name}#{}", part.first)
                        };
                        assert!(names.contains(&part_name.as_str()), "{part_name}");
                    }
                }
            }
        }
        // 养老服 itself is only in the union: every other leaf once.
        covered.sort_unstable();
        let mut want: Vec<Gram> = all.iter().map(|(g, _)| *g).skip(1).collect();
        want.sort_unstable();
        assert_eq!(covered, want);
        // 养老服务 is apart, and split again.
        assert!(names.contains(&"养老服务"));
        assert!(names.iter().any(|n| n.starts_with("养老服务#")));

        // Small: one whole entry.
        let mut out = Vec::new();
        entries("养老服".into(), 3, &all[..SPLIT_LEAVES], &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn placed_entries_stay_in_the_part_of_their_key() {
        for (name, root) in [
            (0xdead_beef_u32, 0x1234_5678_u32),
            (7, 0xffff_ffff),
            (u32::MAX, 0),
        ] {
            for (shards, parts) in [
                (16u32, 16u32),
                (32, 16),
                (4_928, 16),
                (66_400, 16),
                (10_560, 32),
                (131_072, 256),
                (94_208, 256),
            ] {
                let part = |hash: u32| hash % shards % parts;
                assert_eq!(part(placed(name, root, parts)), part(root));
                assert_eq!(placed(root, root, parts), root);
            }
        }
        // And spread over every shard of the part: 64 shards in 16 parts are
        // four a part, and a trie's entries use them all (placed by eight
        // bits, as a first version did, they all went to the key's shard).
        let root = 0x1234_5678_u32;
        let shards: std::collections::BTreeSet<u32> = (0..100u32)
            .map(|i| placed(i.wrapping_mul(2_654_435_761), root, 16) % 64)
            .collect();
        assert_eq!(shards.len(), 4, "{shards:?}");
    }

    #[test]
    fn the_union_sums_each_documents_weights() {
        let list = |pairs: &[(u32, u32)]| {
            let mut p = Postings::default();
            for &(d, w) in pairs {
                p.push(d, w);
            }
            p
        };
        let leaves = vec![
            (1, list(&[(0, 2), (5, 1)])),
            (2, list(&[(5, 3), (9, 1)])),
            (3, list(&[(0, 1)])),
        ];
        assert_eq!(union(&leaves).decode(), [(0, 3), (5, 4), (9, 1)]);
    }
}
