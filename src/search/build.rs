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
        let Tables {
            grams,
            words,
            buffer,
        } = &mut *tables;
        grams.clear();
        words.clear();
        for (field, text) in doc.fields.iter().enumerate() {
            let c = contributions[field];
            tokenize::for_each_run(text, buffer, |cjk, ch| {
                if !cjk {
                    *words
                        .entry(ch.iter().collect::<String>().into())
                        .or_default() += c;
                    return;
                }
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
            });
        }
        let terms = Terms {
            grams: grams.drain().collect(),
            words: words.drain().collect(),
        };
        // A hostile million-character document must not keep its table
        // alive for the rest of the build.
        if grams.capacity() > KEEP_CAPACITY {
            *grams = FxHashMap::default();
        }
        terms
    })
}

/// The per-thread tables of [`terms`].
#[derive(Default)]
struct Tables {
    grams: FxHashMap<Gram, f32>,
    words: FxHashMap<Box<str>, f32>,
    buffer: Vec<char>,
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
}
