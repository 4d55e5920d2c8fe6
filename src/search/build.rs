//! The index in memory: posting lists for single characters, bigrams and
//! words, and for *leaves* — the grams of 3 to 6 characters that make phrase
//! matching exact without storing positions.
//!
//! For every position in a CJK run with at least three characters left, the
//! index records the gram that starts there and runs to six characters (or to
//! the end of the run). A query of 3–6 characters is then exactly the set of
//! documents with a leaf that *starts with* the query: the union of the leaves
//! under one node of a trie keyed by the query's first three characters. So
//! 养老服务驿站 is found only where those six characters stand together, never
//! where 养老 and 驿站 are far apart, and a query downloads the leaves of one
//! trigram instead of position lists of every bigram it contains.
//!
//! Measured on the generated corpus at 10,000 records: position lists for the
//! bigrams of 养老服务 are 108 KB; the leaves under 养老服 are under 10 KB.
//! Queries longer than six characters are matched as overlapping 6-character
//! windows that must all occur (docs/search.md, 限制).
//!
//! Documents are added in doc order (the site's order, newest first), so each
//! list is appended to as a varint stream and never sorted or held twice.
//!
//! Characters and bigrams, leaves, and words are kept in separate tables, and
//! each document's terms come with its leaves apart ([`Terms`]), so a batch
//! of documents is added by two threads, each in doc order: adding was the one
//! step of the index that ran on a single thread, the last batch's alone at
//! the end. (Splitting further, into 64 parts by a hash of each key, cost 3–5%
//! more instructions — each document's terms sorted by part — for no gain on
//! two cores: docs/dev/performance.md.)

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::document::{Document, quantise};
use super::encode::Postings;
use super::spill::{self, RunWriter, SpillTo};
use super::tokenize;
use crate::error::Error;

/// The longest gram stored; queries up to this length are exact phrases.
pub const MAX_GRAM: usize = 6;
/// The key length of the phrase trie.
pub const TRIE_KEY: usize = 3;

/// Up to six characters packed left-aligned, 21 bits each, so that comparing
/// two grams as integers compares them as strings (a prefix sorts first).
pub type Gram = u128;

const SLOT: u32 = 21;

pub fn pack(chars: &[char]) -> Gram {
    debug_assert!(chars.len() <= MAX_GRAM);
    chars.iter().enumerate().fold(0, |g, (i, c)| {
        g | (u128::from(*c as u32) << (SLOT * (MAX_GRAM - 1 - i) as u32))
    })
}

pub fn unpack(g: Gram) -> Vec<char> {
    (0..MAX_GRAM)
        .map(|i| ((g >> (SLOT * (MAX_GRAM - 1 - i) as u32)) & 0x1f_ffff) as u32)
        .take_while(|c| *c != 0)
        .filter_map(char::from_u32)
        .collect()
}

/// Writes the characters of `g` after its first `skip` as UTF-8 at the start
/// of `out`; returns how many bytes. (What `unpack` gives, without a `Vec`.)
pub fn utf8_after(g: Gram, skip: usize, out: &mut [u8; 4 * MAX_GRAM]) -> usize {
    let mut used = 0;
    for i in skip..MAX_GRAM {
        let code = (g >> (SLOT * (MAX_GRAM - 1 - i) as u32)) as u32 & 0x1f_ffff;
        match char::from_u32(code) {
            Some(c) if code != 0 => used += c.encode_utf8(&mut out[used..]).len(),
            _ => break,
        }
    }
    used
}

/// The number of characters in a gram.
pub fn gram_len(g: Gram) -> usize {
    // Characters are left-aligned and never 0: the empty slots are the
    // trailing ones (128 trailing zeros, six empty slots, for the empty gram).
    MAX_GRAM - (g.trailing_zeros() / SLOT) as usize
}

/// Whether a gram is a leaf: it has a [`TRIE_KEY`]-th character.
pub fn is_leaf(g: Gram) -> bool {
    (g >> (SLOT * (MAX_GRAM - TRIE_KEY) as u32)) & 0x1f_ffff != 0
}

/// The number of leading characters two grams have in common.
pub fn shared_chars(a: Gram, b: Gram) -> usize {
    let differ = a ^ b;
    let unused = u128::BITS - SLOT * MAX_GRAM as u32;
    // The first character that differs is in the slot of the highest bit set.
    let same = differ.leading_zeros().saturating_sub(unused) / SLOT;
    (same as usize).min(gram_len(a)).min(gram_len(b))
}

/// The first `n` characters of a gram.
pub fn prefix(g: Gram, n: usize) -> Gram {
    let keep = SLOT * n as u32;
    let total = SLOT * MAX_GRAM as u32;
    if n >= MAX_GRAM {
        g
    } else {
        g & !((1u128 << (total - keep)) - 1)
    }
}

/// A document's terms with their quantised weights ([`quantise`]).
#[derive(Debug, Default)]
pub struct Terms {
    /// Characters and bigrams, then the leaves (grams of 3 to [`MAX_GRAM`]
    /// characters) from `leaves` on, each once, as `([high, low] 64 bits of
    /// the gram, weight)`: a third smaller than a `u128` and its padding.
    grams: Vec<([u64; 2], u32)>,
    leaves: usize,
    words: Vec<(Box<str>, u32)>,
}

impl Terms {
    /// The characters and bigrams.
    pub fn lists(&self) -> impl Iterator<Item = (Gram, u32)> + '_ {
        self.grams[..self.leaves].iter().map(unsplit)
    }

    /// The leaves.
    pub fn leaves(&self) -> impl Iterator<Item = (Gram, u32)> + '_ {
        self.grams[self.leaves..].iter().map(unsplit)
    }

    pub fn words(&self) -> &[(Box<str>, u32)] {
        &self.words
    }
}

fn unsplit(([high, low], q): &([u64; 2], u32)) -> (Gram, u32) {
    ((Gram::from(*high) << 64) | Gram::from(*low), *q)
}

/// Tokenises a document: every field's runs, each occurrence weighted by its
/// field's contribution.
///
/// The tables that sum the weights are kept per thread and cleared between
/// documents: a long reply has tens of thousands of grams, and a table made
/// afresh for each document was a new allocation every time, with its pages
/// zeroed by the system (a sixth of the search time on long replies).
pub fn terms(doc: &Document, contributions: [f32; 4]) -> Terms {
    with_tables(|tables| {
        tables.fill(doc, contributions);
        tables.take()
    })
}

/// Runs `f` on this thread's tables.
fn with_tables<T>(f: impl FnOnce(&mut Tables) -> T) -> T {
    thread_local! {
        static TABLES: std::cell::RefCell<Tables> = std::cell::RefCell::default();
    }
    TABLES.with(|tables| f(&mut tables.borrow_mut()))
}

/// The per-thread tables of [`terms`].
///
/// Each position of a CJK run adds its weight to three grams: its character,
/// its bigram and its leaf. A leaf's entry remembers its bigram's, and a
/// bigram's its character's, so a leaf seen before (most are: a reply repeats
/// its phrases) costs one table lookup instead of three, and only leaves are
/// looked up by their 126-bit key. Every gram still receives its weights one by
/// one, in text order, as it did in one table: the sums are the same floats.
#[derive(Default)]
struct Tables {
    /// Leaf → (weight, index of its bigram in [`Short::bigram_list`]).
    leaves: FxHashMap<Gram, (f32, u32)>,
    short: Short,
    words: FxHashMap<Box<str>, f32>,
    /// The distinct CJK runs of the field being filled.
    runs: Runs,
    /// Scratch: the characters of a run, the text of a word.
    buffer: Vec<char>,
    word: String,
}

/// The distinct CJK runs of one field, each with how often it occurs, in the
/// order they first occur.
///
/// Why: a reply repeats itself — a unit's name, a topic, a set phrase between
/// two commas. In the generated `long-text` corpus 85% of a document's runs
/// occurred earlier in it. A run seen before costs one hash of its characters
/// here instead of a table update for each of its grams; its grams receive
/// its weight as many times over when the field ends ([`Tables::cjk_run`]).
/// Every occurrence in one field adds the same weight, so the sums are the
/// same floats as in text order.
#[derive(Default)]
struct Runs {
    /// Hash of a run's characters → its index in `list`.
    by_hash: FxHashMap<u64, u32>,
    /// (start in `chars`, length, occurrences).
    list: Vec<(u32, u32, u32)>,
    chars: Vec<char>,
}

impl Runs {
    /// Counts one occurrence of `run`; `false` if another run has the same
    /// hash, which the caller then adds at once.
    fn count(&mut self, run: &[char]) -> bool {
        match self.by_hash.entry(Runs::hash(run)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let (start, len, count) = &mut self.list[*e.get() as usize];
                let seen = &self.chars[*start as usize..(*start + *len) as usize];
                if seen != run {
                    return false;
                }
                *count += 1;
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(self.list.len() as u32);
                let start = self.chars.len() as u32;
                self.chars.extend_from_slice(run);
                self.list.push((start, run.len() as u32, 1));
            }
        }
        true
    }

    fn hash(run: &[char]) -> u64 {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = rustc_hash::FxBuildHasher.build_hasher();
        // Two characters a step: half the steps of one at a time.
        let mut pairs = run.chunks_exact(2);
        for pair in &mut pairs {
            hasher.write_u64(u64::from(pair[0] as u32) << 32 | u64::from(pair[1] as u32));
        }
        if let [last] = pairs.remainder() {
            hasher.write_u32(*last as u32);
        }
        hasher.write_usize(run.len());
        hasher.finish()
    }

    fn clear(&mut self) {
        self.by_hash.clear();
        self.list.clear();
        self.chars.clear();
        if self.chars.capacity() > KEEP_CAPACITY {
            *self = Runs::default();
        }
    }
}

/// The characters and bigrams of [`Tables`].
#[derive(Default)]
struct Short {
    /// Bigram (two 21-bit characters) → index in `bigram_list`.
    bigrams: FxHashMap<u64, u32>,
    /// (bigram, weight, index of its first character in `char_list`).
    bigram_list: Vec<(u64, f32, u32)>,
    /// Character → index in `char_list`.
    chars: FxHashMap<u32, u32>,
    /// (character, weight).
    char_list: Vec<(u32, f32)>,
}

/// The bits of a gram of six characters.
const GRAM_BITS: Gram = (1 << (SLOT * MAX_GRAM as u32)) - 1;

impl Tables {
    /// Adds a document's occurrences.
    fn fill(&mut self, doc: &Document, contributions: [f32; 4]) {
        for (field, text) in doc.fields.iter().enumerate() {
            let c = contributions[field];
            let mut buffer = std::mem::take(&mut self.buffer);
            tokenize::for_each_run(text, &mut buffer, |cjk, ch| {
                if cjk {
                    if !self.runs.count(ch) {
                        self.cjk_run(ch, c, 1);
                    }
                    return;
                }
                self.word.clear();
                self.word.extend(ch);
                match self.words.get_mut(self.word.as_str()) {
                    Some(w) => *w += c,
                    None => {
                        self.words.insert(self.word.as_str().into(), c);
                    }
                }
            });
            self.buffer = buffer;
            let mut runs = std::mem::take(&mut self.runs);
            for &(start, len, count) in &runs.list {
                self.cjk_run(&runs.chars[start as usize..][..len as usize], c, count);
            }
            runs.clear();
            self.runs = runs;
        }
    }

    /// Adds every position of one run of CJK characters, `times` times
    /// over: each gram receives `c` that many times, one addition after
    /// another, as it would have from each occurrence.
    fn cjk_run(&mut self, ch: &[char], c: f32, times: u32) {
        let add = |w: &mut f32| {
            for _ in 0..times {
                *w += c;
            }
        };
        let n = ch.len();
        // The leaf at `i`, `ch[i..min(i + 6, n)]`, packed: shifted one
        // character on at each step.
        let mut leaf = pack(&ch[..n.min(MAX_GRAM)]);
        for i in 0..n {
            let rest = n - i;
            let bigram = if rest >= TRIE_KEY {
                match self.leaves.entry(leaf) {
                    std::collections::hash_map::Entry::Occupied(e) => {
                        let (w, b) = e.into_mut();
                        add(w);
                        *b
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        let b = self.short.bigram(ch[i], ch[i + 1]);
                        let mut w = 0.0;
                        add(&mut w);
                        e.insert((w, b));
                        b
                    }
                }
            } else if rest == 2 {
                self.short.bigram(ch[i], ch[i + 1])
            } else {
                let u = self.short.char(ch[i]);
                add(&mut self.short.char_list[u as usize].1);
                break;
            };
            let short = &mut self.short;
            let (_, w, u) = &mut short.bigram_list[bigram as usize];
            add(w);
            add(&mut short.char_list[*u as usize].1);
            leaf = (leaf << SLOT) & GRAM_BITS;
            if let Some(next) = ch.get(i + MAX_GRAM) {
                leaf |= Gram::from(*next as u32);
            }
        }
    }

    /// Hands each of the document's grams with its weight to `f`: characters,
    /// bigrams, then leaves. The tables are left empty for the next document.
    fn drain(&mut self, mut f: impl FnMut(Gram, f32)) {
        let top = SLOT * (MAX_GRAM as u32 - 1);
        let short = &mut self.short;
        for (c, w) in short.char_list.drain(..) {
            f(Gram::from(c) << top, w);
        }
        for (b, w, _) in short.bigram_list.drain(..) {
            f(Gram::from(b) << (top - SLOT), w);
        }
        for (g, (w, _)) in self.leaves.drain() {
            f(g, w);
        }
        short.chars.clear();
        short.bigrams.clear();
        // A hostile million-character document must not keep its tables
        // alive for the rest of the build.
        if self.leaves.capacity() > KEEP_CAPACITY {
            self.leaves = FxHashMap::default();
        }
        if short.bigrams.capacity() > KEEP_CAPACITY {
            *short = Short::default();
        }
    }

    /// The document's terms; the tables are left empty for the next.
    fn take(&mut self) -> Terms {
        let leaves = self.short.char_list.len() + self.short.bigram_list.len();
        let mut grams = Vec::with_capacity(leaves + self.leaves.len());
        self.drain(|g, w| grams.push(([(g >> 64) as u64, g as u64], quantise(w))));
        Terms {
            grams,
            leaves,
            words: self
                .words
                .drain()
                .map(|(word, w)| (word, quantise(w)))
                .collect(),
        }
    }
}

impl Short {
    /// The entry of a bigram, made (with weight 0) if new.
    fn bigram(&mut self, a: char, b: char) -> u32 {
        let key = (u64::from(a as u32) << SLOT) | u64::from(b as u32);
        if let Some(i) = self.bigrams.get(&key) {
            return *i;
        }
        let first = self.char(a);
        let i = self.bigram_list.len() as u32;
        self.bigram_list.push((key, 0.0, first));
        self.bigrams.insert(key, i);
        i
    }

    /// The entry of a character, made (with weight 0) if new.
    fn char(&mut self, c: char) -> u32 {
        let list = &mut self.char_list;
        *self.chars.entry(c as u32).or_insert_with(|| {
            list.push((c as u32, 0.0));
            list.len() as u32 - 1
        })
    }
}

/// The largest gram table kept between documents (entries): a long reply
/// letter has some 30,000 grams.
const KEEP_CAPACITY: usize = 1 << 17;

/// The fewest parts the leaves are kept in ([`Index::leaves`]): every index
/// of up to [`PLANNED_PER_PART`] × 16 planned shards (text of some 67
/// million characters).
pub const MIN_PARTS: usize = 16;
/// The most parts; each is a file of runs while the index spills.
pub const MAX_PARTS: usize = 256;
/// Planned shards per part at most, below [`MAX_PARTS`].
///
/// Why: the shard writer holds two parts' lists at a time (one written, the
/// next merged), and a part's share grows with the text. With 16 parts,
/// 30,000 records of long letters that vary as real prose does (`long-varied`,
/// 230 million characters) peaked at 764 MB while the shards were written,
/// some 300 MiB while the documents were added; in the 64 parts it now has,
/// at 394 MB (docs/dev/performance.md, "Long letters of real prose").
const PLANNED_PER_PART: u32 = 512;

/// How many parts an index of `planned` shards is kept in: the fewest, a power
/// of two from [`MIN_PARTS`] to [`MAX_PARTS`], with at most
/// [`PLANNED_PER_PART`] planned shards each.
pub fn parts_for(planned: u32) -> usize {
    let mut parts = MIN_PARTS;
    while parts < MAX_PARTS && planned > parts as u32 * PLANNED_PER_PART {
        parts *= 2;
    }
    parts
}

/// Every posting list of the site.
#[derive(Debug)]
pub struct Index {
    /// Characters and bigrams.
    pub lists: FxHashMap<Gram, Postings>,
    /// The leaves of the phrase tries, in [`parts_for`]`(planned)` parts by
    /// the index shard their trie goes to if the index has the planned number
    /// of shards ([`part`]).
    ///
    /// Why: text that varies as real prose does makes millions of leaves, and
    /// the shard writer needs them sorted. Part by part, only one part is ever
    /// copied into a sorted list, the rest still in their tables; one table
    /// copied whole held the leaves twice, the build's peak
    /// (docs/dev/performance.md, "Real text").
    pub leaves: Vec<FxHashMap<Gram, Postings>>,
    pub words: FxHashMap<Box<str>, Postings>,
    /// The number of shards the parts were made for.
    pub planned: u32,
    /// The shard hashes of trie keys met last ([`TrieHashes`]).
    hashes: TrieHashes,
    /// The runs written when the lists outgrew their budget ([`spill`]);
    /// `None` keeps every list in memory.
    pub runs: Option<spill::Runs>,
    /// Posting records added since the last spill.
    records: u64,
    /// Scratch of [`Index::add`]: a batch's leaves (leaf, doc, weight), by part.
    by_part: Vec<Vec<(Gram, u32, u32)>>,
}

/// The leaves in a part's table past which it grows at once to the room the
/// spill budget gives it (the leaves a part can hold before the index spills)
/// rather than by doubling.
///
/// Why: hashbrown doubles a table when it is full, moving every entry into a
/// new table each time: about two moves per leaf until the first spill (the
/// tables keep their size after it), each a cache miss, and fresh pages for
/// each new table. That was 3.4% of the index's CPU at 10,000 `varied`
/// records; growing once from here, 2.5% less CPU for the index alone
/// (docs/dev/performance.md). Text that repeats itself (`typical`) never has
/// this many leaves in a part, so its tables stay small.
const GROW_AT_ONCE: usize = 1 << 14;

/// What a leaf costs in its table, on average: its key, its [`Postings`],
/// the table's control byte and its room to grow (3.07 million leaves in
/// 180 MB of tables, 10,000 `varied` records).
const LEAF_BYTES: u64 = 64;
/// What a posting record costs: a gap and a weight, a byte or two each.
const RECORD_BYTES: u64 = 3;

/// A small cache of [`trie_hash`]: the hash is three characters' UTF-8 put
/// through FNV, made for every leaf of every document, and a site's text
/// comes back to the same trie keys again and again. Without it, the parts
/// cost 2% of a `long-text` build.
#[derive(Debug)]
struct TrieHashes(Box<[(u64, u32)]>);

impl TrieHashes {
    const SLOTS: usize = 1 << 12;

    fn new() -> TrieHashes {
        TrieHashes(vec![(u64::MAX, 0); TrieHashes::SLOTS].into_boxed_slice())
    }

    /// [`trie_hash`] of the trie key of `leaf`.
    fn get(&mut self, leaf: Gram) -> u32 {
        // The key's three characters, 63 bits.
        let key = (leaf >> (SLOT * (MAX_GRAM - TRIE_KEY) as u32)) as u64;
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize;
        let (seen, hash) = &mut self.0[slot];
        if *seen != key {
            *seen = key;
            *hash = trie_hash(leaf);
        }
        *hash
    }
}

impl Default for Index {
    fn default() -> Index {
        Index::new(1)
    }
}

/// The part of [`Index::leaves`] that holds `leaf` when `planned` shards are
/// planned: its trie's shard, modulo the number of parts ([`parts_for`]).
pub fn part(leaf: Gram, planned: u32) -> usize {
    (trie_hash(leaf) % planned.max(1)) as usize % parts_for(planned)
}

/// The shard hash (`encode::hash`) of the text of the trie key of `leaf`
/// (its first [`TRIE_KEY`] characters), made without the string.
pub fn trie_hash(key: Gram) -> u32 {
    let mut bytes = [0u8; 4 * MAX_GRAM];
    let used = utf8_after(prefix(key, TRIE_KEY), 0, &mut bytes);
    super::encode::fnv1a(&bytes[..used])
}

impl Index {
    /// An empty index whose leaves are parted for `planned` shards.
    pub fn new(planned: u32) -> Index {
        let parts = parts_for(planned);
        Index {
            lists: FxHashMap::default(),
            leaves: (0..parts).map(|_| FxHashMap::default()).collect(),
            words: FxHashMap::default(),
            planned: planned.max(1),
            hashes: TrieHashes::new(),
            by_part: (0..parts).map(|_| Vec::new()).collect(),
            runs: None,
            records: 0,
        }
    }

    /// The index, spilling its lists into `to` when they outgrow its budget.
    pub fn spilling(mut self, to: Option<SpillTo>) -> Index {
        self.runs = to.map(spill::Runs::new);
        self
    }

    /// The bytes the lists added since the last spill hold, estimated.
    pub fn held(&self) -> u64 {
        let leaves: usize = self.leaves.iter().map(FxHashMap::len).sum();
        leaves as u64 * LEAF_BYTES + self.records * RECORD_BYTES
    }

    /// Every leaf and its list, part after part.
    pub fn all_leaves(&self) -> impl Iterator<Item = (&Gram, &Postings)> {
        self.leaves.iter().flatten()
    }

    /// Appends the terms of consecutive documents, the first of which is
    /// `first`; documents must come in doc order. The leaves are added on one
    /// thread, the rest on another, each in doc order. Then, if the lists
    /// have outgrown the budget, they are spilled ([`Index::spill`]); fails
    /// only when the spill files cannot be written.
    pub fn add(&mut self, first: u32, terms: &[Terms]) -> Result<(), Error> {
        // The leaves a part can hold before the index spills ([`GROW_AT_ONCE`]).
        let part_room = (self.runs.as_ref())
            .map(|runs| (runs.budget() / LEAF_BYTES) as usize / self.leaves.len());
        let Index {
            lists,
            leaves,
            words,
            planned,
            hashes,
            by_part,
            ..
        } = self;
        let (planned, parts) = (*planned, leaves.len());
        rayon::join(
            || {
                // By part first, then part by part: only one part's table
                // is being written at a time, so more of it stays in the
                // processor's caches.
                for (doc, t) in (first..).zip(terms) {
                    for (g, q) in t.leaves() {
                        let part = (hashes.get(g) % planned) as usize % parts;
                        by_part[part].push((g, doc, q));
                    }
                }
                for (table, batch) in leaves.iter_mut().zip(by_part.iter_mut()) {
                    if let Some(room) = part_room
                        && table.len() >= GROW_AT_ONCE
                        && table.len() + batch.len() > table.capacity()
                        && room > table.capacity()
                    {
                        table.reserve(room - table.len());
                    }
                    for (g, doc, q) in batch.drain(..) {
                        table.entry(g).or_default().push(doc, q);
                    }
                }
            },
            || {
                for (doc, t) in (first..).zip(terms) {
                    for (g, q) in t.lists() {
                        lists.entry(g).or_default().push(doc, q);
                    }
                    for (word, q) in t.words() {
                        match words.get_mut(word) {
                            Some(list) => list.push(doc, *q),
                            None => {
                                let mut list = Postings::default();
                                list.push(doc, *q);
                                words.insert(word.clone(), list);
                            }
                        }
                    }
                }
            },
        );
        self.records += terms.iter().map(|t| t.grams.len() as u64).sum::<u64>();
        match &self.runs {
            Some(runs) if self.held() > runs.budget() => self.spill(),
            _ => Ok(()),
        }
    }

    /// Writes every character, bigram and leaf list as a run of its part
    /// and empties them ([`spill`]). The characters and bigrams keep their
    /// keys, with empty lists.
    fn spill(&mut self) -> Result<(), Error> {
        let Index {
            lists,
            leaves,
            planned,
            runs,
            records,
            ..
        } = self;
        let Some(runs) = runs else {
            return Ok(());
        };
        runs.open(leaves.len())?;
        let mut by_part: Vec<Vec<(Gram, Postings)>> = leaves.iter().map(|_| Vec::new()).collect();
        for (key, list) in lists.iter_mut().filter(|(_, list)| list.df > 0) {
            by_part[part(*key, *planned)].push((*key, std::mem::take(list)));
        }
        let writers: Vec<RunWriter<'_>> = runs.writers().collect();
        by_part
            .into_par_iter()
            .zip(leaves.par_iter_mut())
            .zip(writers)
            .try_for_each(|((mut run, table), writer)| {
                run.extend(table.drain());
                run.sort_unstable_by_key(|(key, _)| spill::order(*key));
                writer.write(&run)
            })?;
        *records = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A leaf's part is its trie's shard modulo the number of parts, the
    /// shard being the hash of the trie key's text; the cache gives the same
    /// hashes.
    #[test]
    fn a_leaf_is_kept_in_the_part_of_its_tries_shard() {
        let mut cache = TrieHashes::new();
        let mut x = 0x1234_5678_9abc_def1_u64;
        for i in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Common ideographs, an extension-B character now and then, and
            // few enough keys that the cache is hit and evicted.
            let spread = if i % 2 == 0 { 40 } else { 20_000 };
            let chars: Vec<char> = (0..3 + (x % 4) as usize)
                .map(|j| {
                    let c = 0x4E00 + ((x >> (j * 11)) % spread) as u32;
                    char::from_u32(if (x >> 60) == 0 { 0x20000 + c } else { c }).unwrap()
                })
                .collect();
            let leaf = pack(&chars);
            let name: String = chars[..TRIE_KEY].iter().collect();
            let hash = super::super::encode::hash(&name);
            assert_eq!(trie_hash(leaf), hash, "{name}");
            let mut bytes = [0; 4 * MAX_GRAM];
            let rest: String = chars[TRIE_KEY..].iter().collect();
            let used = utf8_after(leaf, TRIE_KEY, &mut bytes);
            assert_eq!(&bytes[..used], rest.as_bytes());
            assert_eq!(cache.get(leaf), hash, "{name}");
            for (planned, parts) in [(1, 16), (7, 16), (1_328, 16), (13_056, 32), (94_208, 256)] {
                assert_eq!(parts_for(planned), parts);
                assert_eq!(part(leaf, planned), (hash % planned) as usize % parts);
            }
        }
    }

    /// Text that never repeats a phrase fills the parts' tables past
    /// [`GROW_AT_ONCE`]: a table that then needs to grow is given the room
    /// the spill budget allows in one step, not the next doubling (so one
    /// past twice that many leaves has it); an index that never spills has
    /// no such bound and doubles as before.
    #[test]
    fn a_full_parts_table_grows_at_once_to_the_room_the_budget_gives() {
        let mut x = 0x2545_f491_u32;
        let docs: Vec<Document> = (0..700)
            .map(|_| {
                let text: String = (0..1_000)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        char::from_u32(0x4E00 + x % 8_000).unwrap()
                    })
                    .collect();
                Document {
                    fields: [String::new(), String::new(), String::new(), text],
                }
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let budget = 64 << 20;
        let room = (budget / LEAF_BYTES) as usize / MIN_PARTS;
        assert!(room > 2 * GROW_AT_ONCE);
        let build = |to: Option<SpillTo>| {
            let mut index = Index::new(64).spilling(to);
            for (i, batch) in docs.chunks(50).enumerate() {
                let batch: Vec<Terms> = batch.iter().map(|d| terms(d, [1.0; 4])).collect();
                index.add(50 * i as u32, &batch).unwrap();
            }
            index
        };
        let spilling = build(Some(SpillTo {
            dir: dir.path().to_path_buf(),
            budget,
        }));
        assert!(!spilling.runs.as_ref().unwrap().any(), "it must not spill");
        let full = spilling
            .leaves
            .iter()
            .filter(|t| t.len() > 2 * GROW_AT_ONCE);
        assert!(full.clone().count() >= MIN_PARTS / 2);
        for table in full {
            assert!(table.capacity() >= room, "{} of {room}", table.capacity());
        }
        for table in build(None).leaves.iter() {
            assert!(table.capacity() < room, "{} of {room}", table.capacity());
        }
    }

    #[test]
    fn grams_pack_in_string_order() {
        let g = |s: &str| pack(&s.chars().collect::<Vec<_>>());
        assert_eq!(
            unpack(g("养老服务驿站")).iter().collect::<String>(),
            "养老服务驿站"
        );
        assert!(g("养老") < g("养老服"));
        assert!(g("养老服") < g("养老院"));
        assert!(g("a") < g("停"));
        assert_eq!(prefix(g("养老服务驿站"), 3), g("养老服"));
        assert_eq!(prefix(g("养老服"), 6), g("养老服"));
        assert_eq!(gram_len(g("养老服")), 3);
        assert_eq!(gram_len(g("养老服务驿站")), 6);
        assert_eq!(gram_len(0), 0);
        assert_eq!(gram_len(g("a")), 1);
        // U+20000 ends in 17 zero bits, U+100000 in 20: still one character each.
        assert_eq!(gram_len(g("\u{20000}")), 1);
        assert_eq!(gram_len(g("养老\u{100000}")), 3);
        assert_eq!(gram_len(g("养老服务驿\u{100000}")), 6);
        assert!(is_leaf(g("养老服")) && is_leaf(g("养老服务驿站")));
        assert!(!is_leaf(g("养老")) && !is_leaf(g("养")));
        assert_eq!(unpack(g("𠀀𠀁")).iter().collect::<String>(), "𠀀𠀁");
    }

    #[test]
    fn shared_chars_counts_the_common_start() {
        let g = |s: &str| pack(&s.chars().collect::<Vec<_>>());
        assert_eq!(shared_chars(g("养老服务驿站"), g("养老服务中心")), 4);
        assert_eq!(shared_chars(g("养老服务"), g("养老服务驿站")), 4);
        assert_eq!(shared_chars(g("养老服务驿站"), g("养老服务驿站")), 6);
        assert_eq!(shared_chars(g("养老院"), g("养老服")), 2);
        assert_eq!(shared_chars(g("停车场"), g("养老服")), 0);
        // Characters past the basic plane use all 21 bits of their slot.
        assert_eq!(shared_chars(g("𠀀𠀁𠀂"), g("𠀀𠀁𠀃")), 2);
        assert_eq!(shared_chars(g("a\u{10FFFF}"), g("a\u{10FFFE}")), 1);
    }

    #[test]
    fn leaves_run_to_six_characters_or_the_end_of_the_run() {
        let doc = Document {
            fields: [
                "养老服务驿站建设".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
        };
        let grams = weights(&doc, [1.0; 4]);
        let mut leaves: Vec<String> = grams
            .iter()
            .filter(|(g, _)| gram_len(*g) >= TRIE_KEY)
            .map(|(g, _)| unpack(*g).iter().collect())
            .collect();
        leaves.sort();
        assert_eq!(
            leaves,
            [
                "养老服务驿站",
                "务驿站建设",
                "服务驿站建设",
                "站建设",
                "老服务驿站建",
                "驿站建设"
            ]
        );
        assert_eq!(grams.len(), 8 + 7 + 6);
    }

    /// The straightforward way: one table, three lookups per position.
    fn reference(doc: &Document, contributions: [f32; 4]) -> Vec<(Gram, f32)> {
        let mut grams: FxHashMap<Gram, f32> = FxHashMap::default();
        for (field, text) in doc.fields.iter().enumerate() {
            let c = contributions[field];
            for run in tokenize::runs(text).into_iter().filter(|r| r.cjk) {
                let ch = &run.chars;
                for i in 0..ch.len() {
                    *grams.entry(pack(&ch[i..=i])).or_default() += c;
                    if i + 1 < ch.len() {
                        *grams.entry(pack(&ch[i..i + 2])).or_default() += c;
                    }
                    if ch.len() - i >= TRIE_KEY {
                        let end = (i + MAX_GRAM).min(ch.len());
                        *grams.entry(pack(&ch[i..end])).or_default() += c;
                    }
                }
            }
        }
        let mut grams: Vec<(Gram, f32)> = grams.into_iter().collect();
        grams.sort_by_key(|(g, _)| *g);
        grams
    }

    /// A document's grams and their weights, unquantised, in gram order.
    fn weights(doc: &Document, contributions: [f32; 4]) -> Vec<(Gram, f32)> {
        with_tables(|tables| {
            tables.fill(doc, contributions);
            let mut grams = Vec::new();
            tables.drain(|g, w| grams.push((g, w)));
            tables.words.clear();
            grams.sort_by_key(|(g, _)| *g);
            grams
        })
    }

    fn documents() -> Vec<Document> {
        let body = "养老服务驿站建设，养老服务。养老服务驿站！驿站 停车停车停车场停车场建设\n\
                    𠀀𠀁𠀀𠀁𠀀，一，一二，一二三，一二三四五六七八九十，ABC养老abc 养"
            .repeat(3);
        vec![
            Document {
                fields: [
                    "养老服务驿站".into(),
                    "养老\n停车".into(),
                    "一二三 Abc".into(),
                    body,
                ],
            },
            Document {
                fields: [
                    "停车场建设".into(),
                    String::new(),
                    "ABC 2019".into(),
                    "停车难。养老服务驿站建设 abc，2019年".into(),
                ],
            },
            Document::default(),
            Document {
                fields: [
                    "养老".into(),
                    "交通".into(),
                    String::new(),
                    "养老服务驿站".repeat(50),
                ],
            },
        ]
    }

    #[test]
    fn terms_sum_the_same_weights_as_one_table() {
        // Contributions whose sums round differently in another order.
        let contributions = [10.0, 5.0, 3.0, 0.1];
        for doc in documents() {
            let got = weights(&doc, contributions);
            let want = reference(&doc, contributions);
            assert_eq!(got.len(), want.len());
            for ((g, w), (h, v)) in got.iter().zip(&want) {
                assert_eq!(
                    (unpack(*g), w.to_bits()),
                    (unpack(*h), v.to_bits()),
                    "{}",
                    unpack(*g).iter().collect::<String>()
                );
            }
            // And again, with the tables as the last document left them.
            assert_eq!(weights(&doc, contributions), got);
            // The terms are the same, quantised, the leaves apart.
            let terms = terms(&doc, contributions);
            assert!(terms.lists().all(|(g, _)| gram_len(g) < TRIE_KEY));
            assert!(terms.leaves().all(|(g, _)| gram_len(g) >= TRIE_KEY));
            let mut grams: Vec<(Gram, u32)> = terms.lists().chain(terms.leaves()).collect();
            grams.sort_unstable();
            let want: Vec<(Gram, u32)> = want.iter().map(|(g, w)| (*g, quantise(*w))).collect();
            assert_eq!(grams, want);
        }
    }

    /// Two runs with one hash are told apart: the second is not counted as
    /// the first (the caller adds it at once).
    #[test]
    fn runs_with_the_same_hash_are_not_taken_for_each_other() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let mut runs = Runs::default();
        assert!(runs.count(&chars("养老服务")));
        assert!(runs.count(&chars("养老服务")));
        assert!(runs.count(&chars("驿站")));
        assert_eq!(runs.list, [(0, 4, 2), (4, 2, 1)]);
        // A collision, made by hand: 停车场's hash names 养老服务's entry.
        runs.by_hash.insert(Runs::hash(&chars("停车场")), 0);
        assert!(!runs.count(&chars("停车场")));
        assert_eq!(runs.list, [(0, 4, 2), (4, 2, 1)]);
    }

    #[test]
    fn the_index_holds_the_lists_one_table_would() {
        // One table for all keys, documents added one at a time.
        let docs = documents();
        let contributions = [10.0, 5.0, 3.0, 0.7];
        let mut grams: FxHashMap<Gram, Vec<(u32, u32)>> = FxHashMap::default();
        let mut words: FxHashMap<Box<str>, Vec<(u32, u32)>> = FxHashMap::default();
        for (d, doc) in docs.iter().enumerate() {
            let t = terms(doc, contributions);
            for (g, q) in t.lists().chain(t.leaves()) {
                grams.entry(g).or_default().push((d as u32, q));
            }
            for (w, q) in t.words() {
                words.entry(w.clone()).or_default().push((d as u32, *q));
            }
        }
        // The index, filled in two batches (the second starting at doc 3).
        let terms: Vec<Terms> = docs.iter().map(|d| terms(d, contributions)).collect();
        let mut index = Index::default();
        index.add(0, &terms[..3]).unwrap();
        index.add(3, &terms[3..]).unwrap();
        let leaves = index.all_leaves().count();
        assert_eq!(index.lists.len() + leaves, grams.len());
        for (g, list) in index.lists.iter().chain(index.all_leaves()) {
            let s: String = unpack(*g).iter().collect();
            assert_eq!(list.decode(), grams[g], "{s}");
        }
        assert!(index.lists.keys().all(|g| gram_len(*g) < TRIE_KEY));
        assert!(index.all_leaves().all(|(g, _)| gram_len(*g) >= TRIE_KEY));
        assert_eq!(index.words.len(), words.len());
        for (w, list) in &index.words {
            assert_eq!(list.decode(), words[w], "{w}");
        }
    }
}
