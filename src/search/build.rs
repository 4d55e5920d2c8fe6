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

use rustc_hash::FxHashMap;

use super::document::{Document, quantise};
use super::encode::Postings;
use super::tokenize;

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

/// The number of characters in a gram.
pub fn gram_len(g: Gram) -> usize {
    (0..MAX_GRAM)
        .take_while(|i| (g >> (SLOT * (MAX_GRAM - 1 - i) as u32)) & 0x1f_ffff != 0)
        .count()
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

/// A document's weighted term frequencies (see [`super::document`]).
#[derive(Debug, Default)]
pub struct Terms {
    /// Characters, bigrams and leaves (grams of 3 to [`MAX_GRAM`] characters),
    /// each once.
    pub grams: Vec<(Gram, f32)>,
    pub words: Vec<(Box<str>, f32)>,
}

/// Tokenises a document: every field's runs, each occurrence weighted by its
/// field's contribution.
///
/// The tables that sum the weights are kept per thread and cleared between
/// documents: a long reply has tens of thousands of grams, and a table made
/// afresh for each document was a new allocation every time, with its pages
/// zeroed by the system (a sixth of the search time on long replies).
pub fn terms(doc: &Document, contributions: [f32; 4]) -> Terms {
    thread_local! {
        static TABLES: std::cell::RefCell<Tables> = std::cell::RefCell::default();
    }
    TABLES.with(|tables| {
        let mut tables = tables.borrow_mut();
        let tables = &mut *tables;
        for (field, text) in doc.fields.iter().enumerate() {
            let c = contributions[field];
            let mut buffer = std::mem::take(&mut tables.buffer);
            tokenize::for_each_run(text, &mut buffer, |cjk, ch| {
                if cjk {
                    tables.cjk_run(ch, c);
                } else {
                    *tables
                        .words
                        .entry(ch.iter().collect::<String>().into())
                        .or_default() += c;
                }
            });
            tables.buffer = buffer;
        }
        tables.take()
    })
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
    buffer: Vec<char>,
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
    /// Adds every position of one run of CJK characters.
    fn cjk_run(&mut self, ch: &[char], c: f32) {
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
                        *w += c;
                        *b
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        let b = self.short.bigram(ch[i], ch[i + 1]);
                        e.insert((c, b));
                        b
                    }
                }
            } else if rest == 2 {
                self.short.bigram(ch[i], ch[i + 1])
            } else {
                let u = self.short.char(ch[i]);
                self.short.char_list[u as usize].1 += c;
                break;
            };
            let short = &mut self.short;
            let (_, w, u) = &mut short.bigram_list[bigram as usize];
            *w += c;
            short.char_list[*u as usize].1 += c;
            leaf = (leaf << SLOT) & GRAM_BITS;
            if let Some(next) = ch.get(i + MAX_GRAM) {
                leaf |= Gram::from(*next as u32);
            }
        }
    }

    /// The document's terms; the tables are left empty for the next.
    fn take(&mut self) -> Terms {
        let top = SLOT * (MAX_GRAM as u32 - 1);
        let short = &mut self.short;
        let mut grams =
            Vec::with_capacity(self.leaves.len() + short.bigram_list.len() + short.char_list.len());
        grams.extend(
            short
                .char_list
                .drain(..)
                .map(|(c, w)| (Gram::from(c) << top, w)),
        );
        grams.extend(
            short
                .bigram_list
                .drain(..)
                .map(|(b, w, _)| (Gram::from(b) << (top - SLOT), w)),
        );
        grams.extend(self.leaves.drain().map(|(g, (w, _))| (g, w)));
        short.chars.clear();
        short.bigrams.clear();
        let terms = Terms {
            grams,
            words: self.words.drain().collect(),
        };
        // A hostile million-character document must not keep its tables
        // alive for the rest of the build.
        if self.leaves.capacity() > KEEP_CAPACITY {
            self.leaves = FxHashMap::default();
        }
        if short.bigrams.capacity() > KEEP_CAPACITY {
            *short = Short::default();
        }
        terms
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

/// Every posting list of the site: grams of 1 and 2 characters are the lists
/// of single characters and bigrams, longer ones are the leaves of the phrase
/// tries ([`gram_len`] tells them apart).
#[derive(Debug, Default)]
pub struct Index {
    pub grams: FxHashMap<Gram, Postings>,
    pub words: FxHashMap<Box<str>, Postings>,
}

impl Index {
    /// Appends a document's terms; documents must come in doc order.
    pub fn add(&mut self, doc: u32, terms: Terms) {
        for (g, w) in terms.grams {
            self.grams.entry(g).or_default().push(doc, quantise(w));
        }
        for (word, w) in terms.words {
            self.words.entry(word).or_default().push(doc, quantise(w));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(unpack(g("𠀀𠀁")).iter().collect::<String>(), "𠀀𠀁");
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
        let t = terms(&doc, [1.0; 4]);
        let mut leaves: Vec<String> = t
            .grams
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
        assert_eq!(t.grams.len(), 8 + 7 + 6);
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

    #[test]
    fn terms_sum_the_same_weights_as_one_table() {
        let body = "养老服务驿站建设，养老服务。养老服务驿站！驿站 停车停车停车场停车场建设\n\
                    𠀀𠀁𠀀𠀁𠀀，一，一二，一二三，一二三四五六七八九十，ABC养老abc 养"
            .repeat(3);
        let doc = Document {
            fields: [
                "养老服务驿站".into(),
                "养老\n停车".into(),
                "一二三 Abc".into(),
                body,
            ],
        };
        // Contributions whose sums round differently in another order.
        let contributions = [10.0, 5.0, 3.0, 0.1];
        let mut t = terms(&doc, contributions);
        t.grams.sort_by_key(|(g, _)| *g);
        let want = reference(&doc, contributions);
        assert_eq!(t.grams.len(), want.len());
        for ((g, w), (h, v)) in t.grams.iter().zip(&want) {
            assert_eq!(
                (unpack(*g), w.to_bits()),
                (unpack(*h), v.to_bits()),
                "{}",
                unpack(*g).iter().collect::<String>()
            );
        }
        // And again, with the tables as the last document left them.
        let mut again = terms(&doc, contributions);
        again.grams.sort_by_key(|(g, _)| *g);
        assert_eq!(again.grams, t.grams);
    }
}
