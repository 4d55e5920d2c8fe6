//! The byte-level pieces of the index format: LEB128 varints, length-prefixed
//! strings, posting lists, the hash that places a key in a shard, and a reader
//! for all of them. `search.js` has the same few functions (`Rd`, `hash`).
//!
//! Varints because almost every number in the index is a small gap or count:
//! one byte for values below 128. Every file is then zlib-compressed
//! ([`compress`]; the client inflates with the browser's `DecompressionStream`,
//! or with `js/inflate.js` where the browser has none):
//! that halves both the posting lists and the Chinese display text, whatever
//! the server does.

use std::io::Read;

/// Appends `v` as an unsigned LEB128 varint.
pub fn varint(out: &mut Vec<u8>, v: u64) {
    let mut bytes = [0u8; 10];
    let n = varint_into(&mut bytes, v);
    out.extend_from_slice(&bytes[..n]);
}

/// The number of bytes [`varint`] writes for `v`.
pub fn varint_len(v: u64) -> usize {
    (64 - v.leading_zeros()).max(1).div_ceil(7) as usize
}

/// Writes `v` as a varint at the start of `out` (10 bytes hold any `u64`);
/// returns its length.
fn varint_into(out: &mut [u8], mut v: u64) -> usize {
    let mut n = 0;
    while v >= 0x80 {
        out[n] = (v as u8) | 0x80;
        v >>= 7;
        n += 1;
    }
    out[n] = v as u8;
    n + 1
}

/// Writes one posting record (`varint(gap) varint(q)`) into `out`; returns its length.
fn encode_record(gap: u32, q: u32, out: &mut [u8; MAX_POSTING]) -> usize {
    let n = varint_into(out, u64::from(gap));
    n + varint_into(&mut out[n..], u64::from(q))
}

/// Appends a UTF-8 string prefixed with its byte length.
pub fn string(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// FNV-1a over the UTF-8 bytes, 32 bits: which shard a key lives in
/// (`hash(key) % shards`). 32 bits because the client computes it with `Math.imul`.
pub fn hash(key: &str) -> u32 {
    fnv1a(key.as_bytes())
}

/// FNV-1a, 32 bits, of `bytes` ([`hash`]).
pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The compression level of libdeflate: 1, its fastest.
///
/// Why libdeflate and not flate2: the build's flate2 runs on zlib-rs (the
/// `zip` crate of the spreadsheet import turns that backend on for the whole
/// build), whose level 1 codes with fixed Huffman tables only. Against it,
/// libdeflate's level 1 made the index files of 10,000 `varied` records 20%
/// smaller (68 against 85 MB) and `typical`'s 31% (9 against 13 MB) for 14%
/// more compressing time; zlib-rs's level 2 gives the same size at twice the
/// time (docs/dev/performance.md, "Twelfth session").
const LEVEL: i32 = 1;

thread_local! {
    /// One compressor per thread: its tables are large, and sites have
    /// thousands of small files.
    static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> = std::cell::RefCell::new(
        libdeflater::Compressor::new(
            libdeflater::CompressionLvl::new(LEVEL).unwrap_or_default(),
        ),
    );
}

/// Compresses a finished file (zlib, deterministic).
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        let mut out = vec![0; c.zlib_compress_bound(bytes.len())];
        // The bound is enough by construction; an empty file is the safe
        // answer if it were not.
        let written = c.zlib_compress(bytes, &mut out).unwrap_or(0);
        out.truncate(written);
        out
    })
}

/// Inflates a file written by [`compress`]; `None` if it is not zlib data.
pub fn decompress(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::read::ZlibDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// A posting list being built: records in increasing doc order, each the gap
/// from the previous doc (minus one) and the quantised weighted term frequency.
///
/// A short list is kept inline, in the struct (32 bytes in all): on a site
/// whose text varies as real prose does, most of the index's millions of
/// phrases occur in one document, and a list allocated apart for each was
/// both most of the index's memory and a cache miss each time it was read
/// (docs/dev/performance.md, "Real text").
///
/// A longer stream is kept in blocks of at most [`BLOCK`] bytes: a list grows a
/// block at a time, so it never holds more than one block of spare room and is
/// never copied to grow. One `Vec` that doubles holds up to twice its length,
/// and both copies while it moves: at 100,000 records that was 290 MB of
/// capacity for 160 MB of postings, the largest part of the build's peak.
#[derive(Clone, Debug, Default)]
pub struct Postings {
    records: Records,
    /// Number of records (document frequency).
    pub df: u32,
    /// The last doc pushed, plus one (0 when empty).
    next: u32,
}

/// The encoded records of a [`Postings`].
#[derive(Clone, Debug)]
enum Records {
    /// Up to [`INLINE`] bytes, `len` of them used.
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Blocks(Box<Blocks>),
}

impl Default for Records {
    fn default() -> Records {
        Records::Inline {
            len: 0,
            bytes: [0; INLINE],
        }
    }
}

#[derive(Clone, Debug)]
struct Blocks {
    /// Full blocks, in order.
    full: Vec<Vec<u8>>,
    /// The block being filled.
    tail: Vec<u8>,
}

/// The bytes a list keeps inline: two to seven records.
const INLINE: usize = 22;
/// The largest block of a posting list.
const BLOCK: usize = 4096;
/// The most bytes one posting takes (two varints of a `u32`).
const MAX_POSTING: usize = 10;

impl Postings {
    /// Adds `doc` (greater than every doc pushed before) with weight `q` ≥ 1.
    pub fn push(&mut self, doc: u32, q: u32) {
        debug_assert!(doc >= self.next, "postings must be pushed in doc order");
        let mut record = [0u8; MAX_POSTING];
        let n = encode_record(doc - self.next, q, &mut record);
        let record = &record[..n];
        if let Records::Blocks(blocks) = &mut self.records {
            let tail = &mut blocks.tail;
            if tail.capacity() - tail.len() < MAX_POSTING {
                if tail.capacity() >= BLOCK {
                    let block = std::mem::replace(tail, Vec::with_capacity(BLOCK));
                    blocks.full.push(block);
                } else {
                    let want = (tail.capacity() * 2).clamp(16, BLOCK);
                    tail.reserve_exact(want - tail.len());
                }
            }
            blocks.tail.extend_from_slice(record);
        } else {
            self.append_inline(record, 4 * INLINE);
        }
        self.next = doc + 1;
        self.df += 1;
    }

    /// Appends `bytes` to a list kept inline, moving it into a block of
    /// `capacity` bytes (or just what it then holds, if more) when they no
    /// longer fit. The list must not be in blocks already.
    fn append_inline(&mut self, bytes: &[u8], capacity: usize) {
        let Records::Inline { len, bytes: inline } = &mut self.records else {
            debug_assert!(false, "append_inline on a list in blocks");
            return;
        };
        let at = usize::from(*len);
        if at + bytes.len() <= INLINE {
            inline[at..at + bytes.len()].copy_from_slice(bytes);
            *len += bytes.len() as u8;
        } else {
            let mut tail = Vec::with_capacity(capacity.max(at + bytes.len()));
            tail.extend_from_slice(&inline[..at]);
            tail.extend_from_slice(bytes);
            self.records = Records::Blocks(Box::new(Blocks {
                full: Vec::new(),
                tail,
            }));
        }
    }

    /// The encoded records, block by block (a record never spans two).
    fn pieces(&self) -> impl Iterator<Item = &[u8]> {
        let (full, last): (&[Vec<u8>], &[u8]) = match &self.records {
            Records::Inline { len, bytes } => (&[], &bytes[..usize::from(*len)]),
            Records::Blocks(blocks) => (&blocks.full, &blocks.tail),
        };
        full.iter().map(Vec::as_slice).chain([last])
    }

    /// The encoded records, in one piece.
    pub fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match &self.records {
            Records::Inline { len, bytes } => {
                std::borrow::Cow::Borrowed(&bytes[..usize::from(*len)])
            }
            Records::Blocks(blocks) if blocks.full.is_empty() => {
                std::borrow::Cow::Borrowed(&blocks.tail)
            }
            Records::Blocks(_) => {
                std::borrow::Cow::Owned(self.pieces().collect::<Vec<_>>().concat())
            }
        }
    }

    /// Decodes into `(doc, q)` pairs.
    pub fn decode(&self) -> Vec<(u32, u32)> {
        let mut out = Vec::with_capacity(self.df as usize);
        self.pairs_into(&mut out);
        out
    }

    /// The documents, without weights.
    pub fn docs(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.df as usize);
        self.docs_into(&mut out);
        out
    }

    /// Appends the documents, without weights, to `out`.
    pub fn docs_into(&self, out: &mut Vec<u32>) {
        self.for_each(|doc, _| out.push(doc));
    }

    /// Appends the `(doc, q)` pairs to `out`.
    pub fn pairs_into(&self, out: &mut Vec<(u32, u32)>) {
        self.for_each(|doc, q| out.push((doc, q)));
    }

    /// Calls `f(doc, q)` for each record, in doc order.
    fn for_each(&self, mut f: impl FnMut(u32, u32)) {
        let mut next = 0u32;
        let mut left = self.df;
        for piece in self.pieces() {
            let mut r = Reader::new(piece);
            while left > 0 && !r.done() {
                let doc = next + r.u32();
                f(doc, r.u32());
                next = doc + 1;
                left -= 1;
            }
        }
    }

    /// Appends the list as it is kept, for a run on disk
    /// (`search::spill`): `df`, the last doc plus one, the byte length of the
    /// records, the records. [`Postings::kept`] makes it again.
    pub fn write_kept(&self, out: &mut Vec<u8>) {
        varint(out, u64::from(self.df));
        varint(out, u64::from(self.next));
        varint(out, self.pieces().map(<[u8]>::len).sum::<usize>() as u64);
        for piece in self.pieces() {
            out.extend_from_slice(piece);
        }
    }

    /// A list written by [`Postings::write_kept`]: its `df` and `next`, read
    /// by the caller, and its `records`.
    pub fn kept(df: u32, next: u32, records: &[u8]) -> Postings {
        let mut list = Postings::default();
        list.extend_encoded(records, df, next);
        list
    }

    /// Appends `later`, a list of later documents begun afresh (its first
    /// gap counted from doc 0, as every list is after a spill): its first
    /// record re-encoded with the gap from this list's last doc, the rest
    /// copied as they are.
    pub fn append(&mut self, later: &Postings) {
        if later.df == 0 {
            return;
        }
        let bytes = later.bytes();
        let mut r = Reader::new(&bytes);
        let doc = r.u32();
        let q = r.u32();
        self.push(doc, q);
        self.extend_encoded(&bytes[r.pos..], later.df - 1, later.next);
    }

    /// Appends `count` encoded records whose last doc is `next - 1`, the
    /// first gap counted from this list's last doc.
    fn extend_encoded(&mut self, records: &[u8], count: u32, next: u32) {
        if count == 0 {
            return;
        }
        if let Records::Blocks(blocks) = &mut self.records {
            // One piece: a record never spans two, and no more is pushed.
            blocks.tail.reserve_exact(records.len());
            blocks.tail.extend_from_slice(records);
        } else {
            self.append_inline(records, 0);
        }
        self.df += count;
        self.next = next;
    }

    /// The encoded list: `df`, then the records.
    pub fn write(&self, out: &mut Vec<u8>) {
        varint(out, u64::from(self.df));
        for piece in self.pieces() {
            out.extend_from_slice(piece);
        }
    }
}

/// Reads `df` posting records.
pub fn read_postings(r: &mut Reader<'_>, df: usize) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(df);
    let mut next = 0u32;
    for _ in 0..df {
        let doc = next + r.u32();
        out.push((doc, r.u32()));
        next = doc + 1;
    }
    out
}

/// A cursor over index bytes. Reading past the end yields zeros rather than
/// panicking: the reader is used on files from disk.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    pub fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn u64(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        while let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            if shift < 64 {
                v |= u64::from(b & 0x7f) << shift;
            }
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        v
    }

    pub fn u32(&mut self) -> u32 {
        self.u64() as u32
    }

    pub fn usize(&mut self) -> usize {
        self.u64() as usize
    }

    pub fn bytes(&mut self, len: usize) -> &'a [u8] {
        let start = self.pos.min(self.bytes.len());
        let end = (start + len).min(self.bytes.len());
        self.pos = start + len;
        &self.bytes[start..end]
    }

    pub fn string(&mut self) -> String {
        let len = self.usize();
        String::from_utf8_lossy(self.bytes(len)).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let values = [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ];
        let mut out = Vec::new();
        for v in values {
            let before = out.len();
            varint(&mut out, v);
            assert_eq!(out.len() - before, varint_len(v), "{v}");
        }
        string(&mut out, "停车");
        let mut r = Reader::new(&out);
        for v in values {
            assert_eq!(r.u64(), v);
        }
        assert_eq!(r.string(), "停车");
        assert!(r.done());
        assert_eq!(r.u64(), 0, "reading past the end yields zero");
    }

    #[test]
    fn postings_round_trip() {
        let mut p = Postings::default();
        for (d, q) in [(0, 4), (1, 1), (7, 300), (1000, 2)] {
            p.push(d, q);
        }
        assert_eq!(p.decode(), [(0, 4), (1, 1), (7, 300), (1000, 2)]);
        // The first gaps are 0, 0, 5: one byte each.
        assert_eq!(&p.bytes()[..4], &[0, 4, 0, 1]);
    }

    #[test]
    fn long_postings_span_blocks_and_read_back_whole() {
        let mut p = Postings::default();
        let docs: Vec<(u32, u32)> = (0..5000).map(|i| (i * 300, 1 + i % 200)).collect();
        for (d, q) in &docs {
            p.push(*d, *q);
        }
        let Records::Blocks(blocks) = &p.records else {
            panic!("a long list is kept in blocks");
        };
        assert!(!blocks.full.is_empty(), "a long list is kept in blocks");
        assert!(blocks.full.iter().all(|b| b.capacity() == BLOCK));
        assert_eq!(p.decode(), docs);
        assert_eq!(p.docs(), docs.iter().map(|(d, _)| *d).collect::<Vec<_>>());
        let mut written = Vec::new();
        p.write(&mut written);
        let mut r = Reader::new(&written);
        let df = r.u32() as usize;
        assert_eq!(read_postings(&mut r, df), docs);
        assert!(r.done());
    }

    /// Every length of list, across the move from inline to blocks and from
    /// one block to the next, reads back and writes what a plain stream of
    /// varints would hold; a list of one record takes no memory but its own.
    #[test]
    fn lists_of_every_length_read_back_as_written() {
        assert_eq!(std::mem::size_of::<Postings>(), 32);
        let mut p = Postings::default();
        let (mut docs, mut stream, mut next) = (Vec::new(), Vec::new(), 0);
        let mut x = 0x2545_f491_u32;
        for i in 0..3_000u32 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            // Gaps and weights of one to five bytes.
            let doc = next + (x >> (7 * (i % 5))) % (1 << (7 * (i % 5) + 1)).min(1 << 20);
            let q = 1 + (x % [1, 200, 20_000, 3_000_000][i as usize % 4]);
            p.push(doc, q);
            varint(&mut stream, u64::from(doc - next));
            varint(&mut stream, u64::from(q));
            docs.push((doc, q));
            next = doc + 1;
            assert_eq!(&*p.bytes(), &stream[..], "after {} records", i + 1);
            if i < 40 || i % 97 == 0 {
                assert_eq!(p.decode(), docs);
                assert_eq!(p.docs(), docs.iter().map(|(d, _)| *d).collect::<Vec<_>>());
                let mut written = Vec::new();
                p.write(&mut written);
                let mut expected = Vec::new();
                varint(&mut expected, docs.len() as u64);
                expected.extend_from_slice(&stream);
                assert_eq!(written, expected);
            }
        }
    }

    /// A list cut into pieces at any doc, each begun afresh as after a
    /// spill, kept, read back and appended in order, is the list pushed whole.
    #[test]
    fn lists_cut_kept_and_appended_are_the_list_pushed_whole() {
        let docs: Vec<(u32, u32)> = (0..700).map(|i| (i * 10 + i % 7, 1 + i % 300)).collect();
        let mut whole = Postings::default();
        for (d, q) in &docs {
            whole.push(*d, *q);
        }
        for cuts in [
            vec![],
            vec![0],
            vec![1],
            vec![1, 2, 3],
            vec![5, 300],
            vec![699],
        ] {
            let mut pieces = vec![Postings::default()];
            for (i, (d, q)) in docs.iter().enumerate() {
                if cuts.contains(&i) {
                    pieces.push(Postings::default());
                }
                pieces.last_mut().unwrap().push(*d, *q);
            }
            let mut kept = Vec::new();
            for piece in &pieces {
                piece.write_kept(&mut kept);
            }
            let mut r = Reader::new(&kept);
            let mut joined = Postings::default();
            while !r.done() {
                let (df, next, len) = (r.u32(), r.u32(), r.usize());
                joined.append(&Postings::kept(df, next, r.bytes(len)));
            }
            assert_eq!(joined.df, whole.df, "{cuts:?}");
            assert_eq!(joined.next, whole.next, "{cuts:?}");
            assert_eq!(joined.bytes(), whole.bytes(), "{cuts:?}");
            // Another document can still be pushed after it.
            joined.push(10_000, 2);
            assert_eq!(joined.decode().last(), Some(&(10_000, 2)));
        }
    }

    #[test]
    fn compression_round_trips() {
        let text = "养老服务驿站".repeat(100);
        let z = compress(text.as_bytes());
        assert!(z.len() < text.len() / 10);
        assert_eq!(decompress(&z).unwrap(), text.as_bytes());
        assert_eq!(decompress(b"not zlib"), None);
    }

    #[test]
    fn hash_is_fnv1a_32() {
        // Reference values of FNV-1a 32.
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
        assert_eq!(hash("foobar"), 0xbf9c_f968);
    }
}
