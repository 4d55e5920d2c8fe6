//! The index's posting lists written to disk while the documents are added,
//! when they outgrow a budget, and merged back part by part at the end.
//!
//! Why: on text that varies as real prose does, the index holds a list for
//! every distinct phrase of three to six characters — some 23 million at
//! 100,000 records, 2.2 GB in their tables — and the lists of the site's
//! 300,000 characters and bigrams, 180 MB more (docs/dev/performance.md,
//! "Real text"). Kept in memory until the shards are written, they were the
//! build's peak, ten times the rest of it.
//!
//! So a build that has a folder for temporary files ([`SpillTo`]) gives the
//! index a budget. When the lists added since the last spill pass it, every
//! character, bigram and leaf list is written out as a *run*: one per part of
//! the index (`build::part`, the shard its key goes to modulo the number of
//! parts: 16, or more for a large index, `build::parts_for`), sorted by
//! key, into that part's file (unlinked as soon as made, like the text's spill
//! file), and its table is emptied; the characters and bigrams keep their keys
//! in memory, with empty lists, so the number of keys is known without reading
//! anything back. When the shards are written, each part's runs are read a
//! window at a time and merged with what is still in memory: a key's lists
//! joined in run order, each later list's first gap recomputed
//! ([`Postings::append`]). A run holds its characters and bigrams first, then
//! its leaves ([`order`]), so the merge gives the part's two kinds of lists
//! one after the other, each sorted, in one vector. The merged lists
//! are the lists an index kept in memory would hold, so the files are the same
//! byte for byte (`tests/integration/spill.rs` builds with a budget of zero).
//!
//! Words stay in memory: a few thousand keys, 3.5 MB of lists at 100,000
//! records.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::os::unix::fs::FileExt as _;
use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::build::{Gram, TRIE_KEY, is_leaf, part, prefix};
use super::encode::{Postings, Reader};
use crate::error::Error;

/// Where and when the index spills.
#[derive(Clone, Debug)]
pub struct SpillTo {
    /// The folder for the temporary files (`build` uses the one beside the
    /// output folder, as for the records' text).
    pub dir: PathBuf,
    /// Bytes of lists the index may hold before it spills ([`Index::held`]
    /// estimates them); 0 spills after every batch of documents.
    ///
    /// [`Index::held`]: super::build::Index::held
    pub budget: u64,
}

/// The budget of a build: 96 MiB of lists in memory. The 10,000 records of
/// the generated `varied` shape spill twice; a site written from a small
/// vocabulary (every other generated shape, at 100,000 records too) never.
pub const BUDGET: u64 = 96 << 20;

/// The order of a run and of a merged part: characters and bigrams, then
/// leaves, each by key.
pub fn order(key: Gram) -> (bool, Gram) {
    (is_leaf(key), key)
}

/// The runs written so far, one file per part, made at the first spill.
#[derive(Debug)]
pub struct Runs {
    to: SpillTo,
    files: Vec<RunFile>,
}

/// One part's file and its runs, one after the other.
#[derive(Debug)]
struct RunFile {
    file: File,
    /// The name it had before it was unlinked, for messages.
    path: PathBuf,
    /// Where each run ends (the first starts at 0, each next where the
    /// last ended) and how many keys it holds.
    runs: Vec<(u64, usize)>,
}

impl RunFile {
    fn end(&self) -> u64 {
        self.runs.last().map_or(0, |(end, _)| *end)
    }

    fn error(&self, source: std::io::Error) -> Error {
        Error::IndexSpill {
            path: self.path.clone(),
            source,
        }
    }
}

impl Runs {
    pub fn new(to: SpillTo) -> Runs {
        Runs {
            to,
            files: Vec::new(),
        }
    }

    pub fn budget(&self) -> u64 {
        self.to.budget
    }

    /// Whether the files were made: a run was written, or failed to be
    /// (and the build with it).
    pub fn any(&self) -> bool {
        !self.files.is_empty()
    }

    /// Makes the files of `parts` parts, unless made already.
    pub fn open(&mut self, parts: usize) -> Result<(), Error> {
        if self.any() {
            return Ok(());
        }
        let dir = &self.to.dir;
        crate::fs::create_dir_all(dir)?;
        self.files = (0..parts)
            .map(|_| {
                let (file, path) =
                    crate::fs::unlinked_file(dir, ".gongkai-index-").map_err(|e| {
                        Error::IndexSpill {
                            path: dir.join(".gongkai-index-*"),
                            source: e,
                        }
                    })?;
                Ok(RunFile {
                    file,
                    path,
                    runs: Vec::new(),
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(())
    }

    /// The files, one per part, to write a run into each ([`RunWriter::write`]).
    pub fn writers(&mut self) -> impl Iterator<Item = RunWriter<'_>> {
        self.files.iter_mut().map(|file| RunWriter { file })
    }

    /// Readers of the runs of `part`, in the order they were written, and
    /// how many keys they hold together.
    fn readers(&self, part: usize) -> (Vec<RunReader<'_>>, usize) {
        let Some(file) = self.files.get(part) else {
            return (Vec::new(), 0);
        };
        let starts = std::iter::once(0).chain(file.runs.iter().map(|(end, _)| *end));
        let readers = starts.zip(&file.runs).map(|(at, (end, _))| RunReader {
            file,
            at,
            end: *end,
            window: Vec::new(),
            used: 0,
        });
        let keys = file.runs.iter().map(|(_, keys)| keys).sum();
        (readers.collect(), keys)
    }
}

/// One part's file, lent to write a run.
pub struct RunWriter<'a> {
    file: &'a mut RunFile,
}

impl RunWriter<'_> {
    /// Writes `lists` (in run [`order`], none empty) as the part's next run:
    /// each key as 16 bytes, then its list ([`Postings::write_kept`]).
    ///
    /// Written a [`WINDOW`] at a time from a buffer each thread keeps: at
    /// 100,000 `varied` records a part's run is some 3 MB, and a buffer grown
    /// to it afresh for every run was 2.6% of the build in copies and page
    /// faults.
    pub fn write(self, lists: &[(Gram, Postings)]) -> Result<(), Error> {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let file = self.file;
        let mut at = file.end();
        BUFFER.with(|buffer| {
            let mut bytes = buffer.borrow_mut();
            let mut flush = |bytes: &mut Vec<u8>| -> Result<(), Error> {
                file.file
                    .write_all_at(bytes, at)
                    .map_err(|e| file.error(e))?;
                at += bytes.len() as u64;
                bytes.clear();
                Ok(())
            };
            bytes.clear();
            for (key, list) in lists {
                bytes.extend_from_slice(&key.to_le_bytes());
                list.write_kept(&mut bytes);
                if bytes.len() >= WINDOW {
                    flush(&mut bytes)?;
                }
            }
            flush(&mut bytes)
        })?;
        file.runs.push((at, lists.len()));
        Ok(())
    }
}

/// Reads one run in order, a window of the file at a time.
struct RunReader<'a> {
    file: &'a RunFile,
    /// Where the window ends in the file, and where the run ends.
    at: u64,
    end: u64,
    window: Vec<u8>,
    /// Bytes of the window already read.
    used: usize,
}

/// The bytes read from a run at a time.
const WINDOW: usize = 256 << 10;
/// The most bytes a key and the head of its list take: 16, and three varints.
const HEAD: usize = 16 + 3 * 10;

impl RunReader<'_> {
    /// Makes at least `want` bytes of the run available in the window, or
    /// all that is left of it.
    fn fill(&mut self, want: usize) -> Result<&[u8], Error> {
        if self.window.len() - self.used < want && self.at < self.end {
            self.window.drain(..self.used);
            self.used = 0;
            let more = (self.end - self.at).min(want.max(WINDOW) as u64) as usize;
            let from = self.window.len();
            self.window.resize(from + more, 0);
            let file = self.file;
            file.file
                .read_exact_at(&mut self.window[from..], self.at)
                .map_err(|e| file.error(e))?;
            self.at += more as u64;
        }
        Ok(&self.window[self.used..])
    }

    /// The next entry's head; `None` at the end of the run.
    fn head(&mut self) -> Result<Option<Head>, Error> {
        let bytes = self.fill(HEAD)?;
        if bytes.len() < 16 {
            return Ok(None);
        }
        let mut key = [0u8; 16];
        key.copy_from_slice(&bytes[..16]);
        let mut r = Reader::new(&bytes[16..]);
        let (df, next, len) = (r.u32(), r.u32(), r.usize());
        Ok(Some(Head {
            key: Gram::from_le_bytes(key),
            df,
            next,
            size: 16 + r.pos,
            len,
        }))
    }

    /// The next key and its list; `None` at the end of the run.
    fn next(&mut self) -> Result<Option<(Gram, Postings)>, Error> {
        let Some(head) = self.head()? else {
            return Ok(None);
        };
        let (start, end) = (head.size, head.size + head.len);
        let entry = self.fill(end)?;
        let list = Postings::kept(head.df, head.next, &entry[start..end.min(entry.len())]);
        self.used += end;
        Ok(Some((head.key, list)))
    }

    /// The next key, its list passed over unread; `None` at the end of the run.
    fn next_key(&mut self) -> Result<Option<Gram>, Error> {
        let Some(head) = self.head()? else {
            return Ok(None);
        };
        let whole = head.size + head.len;
        let in_window = self.window.len() - self.used;
        if whole <= in_window {
            self.used += whole;
        } else {
            self.at += (whole - in_window) as u64;
            self.used = self.window.len();
        }
        Ok(Some(head.key))
    }
}

/// The start of an entry of a run: its key, its list's `df` and `next`, the
/// bytes this head takes and the bytes of the records after it.
struct Head {
    key: Gram,
    df: u32,
    next: u32,
    size: usize,
    len: usize,
}

/// Merges the runs of `part` and `memory` (in run [`order`], the lists added
/// last) into one list per key, in run order; a key's lists are joined in
/// the order they were written.
fn merge(runs: &Runs, part: usize, memory: Vec<(Gram, Postings)>) -> Result<Lists, Error> {
    let (mut readers, keys) = runs.readers(part);
    if readers.is_empty() {
        return Ok(memory);
    }
    // At most one entry per key of each run and of memory: reserved once,
    // since a list that doubles holds its old and new buffers at once, and
    // this one is a part's leaves (1.4 million at 100,000 `varied` records).
    let mut out: Lists = Vec::with_capacity(keys + memory.len());
    let sources = readers.len() + 1;
    let mut memory = memory.into_iter();
    let mut next = |source: usize| -> Result<Option<(Gram, Postings)>, Error> {
        match readers.get_mut(source) {
            Some(reader) => reader.next(),
            None => Ok(memory.next()),
        }
    };
    // Each source's next list, and a heap of (order, source) to take the
    // first key first and, for equal keys, the earlier source first.
    let mut heads: Vec<Option<Postings>> = Vec::with_capacity(sources);
    let mut heap = BinaryHeap::with_capacity(sources);
    for source in 0..sources {
        let head = next(source)?;
        if let Some((key, _)) = &head {
            heap.push(Reverse((order(*key), source)));
        }
        heads.push(head.map(|(_, list)| list));
    }
    while let Some(Reverse(((_, key), source))) = heap.pop() {
        let list = heads[source].take().unwrap_or_default();
        match out.last_mut() {
            Some((last, joined)) if *last == key => joined.append(&list),
            _ => out.push((key, list)),
        }
        if let Some((key, list)) = next(source)? {
            heap.push(Reverse((order(key), source)));
            heads[source] = Some(list);
        }
    }
    Ok(out)
}

/// The index as the shard writer takes it, part by part: each part's runs
/// merged with what is still in memory.
pub struct Parted {
    /// The characters and bigrams, by part (some with empty lists, if spilled).
    lists: Vec<Lists>,
    leaves: Vec<FxHashMap<Gram, Postings>>,
    runs: Option<Runs>,
}

impl Parted {
    /// Puts each character and bigram into its part (`build::part`). After a
    /// spill, the leaves' tables, emptied at each spill but kept at the size
    /// they had, are made as small as what they still hold.
    pub fn new(
        lists: FxHashMap<Gram, Postings>,
        mut leaves: Vec<FxHashMap<Gram, Postings>>,
        runs: Option<Runs>,
        planned: u32,
    ) -> Parted {
        let runs = runs.filter(Runs::any);
        if runs.is_some() {
            leaves.par_iter_mut().for_each(FxHashMap::shrink_to_fit);
        }
        let lists: Lists = lists.into_iter().collect();
        let parts: Vec<usize> = lists.par_iter().map(|(k, _)| part(*k, planned)).collect();
        let mut by_part: Vec<Lists> = leaves.iter().map(|_| Vec::new()).collect();
        for (entry, part) in lists.into_iter().zip(parts) {
            by_part[part].push(entry);
        }
        Parted {
            lists: by_part,
            leaves,
            runs,
        }
    }

    /// The number of parts ([`super::build::parts_for`]).
    pub fn parts(&self) -> usize {
        self.leaves.len()
    }

    /// The number of characters and bigrams.
    pub fn list_keys(&self) -> usize {
        self.lists.iter().map(Vec::len).sum()
    }

    /// The number of distinct trie keys (the first [`TRIE_KEY`] characters of
    /// the leaves), in memory and in the runs.
    pub fn trie_keys(&self) -> Result<usize, Error> {
        let counts: Vec<usize> = (0..self.leaves.len())
            .into_par_iter()
            .map(|p| {
                let mut keys: FxHashSet<Gram> = self.leaves[p]
                    .keys()
                    .map(|g| prefix(*g, TRIE_KEY))
                    .collect();
                if let Some(runs) = &self.runs {
                    for mut reader in runs.readers(p).0 {
                        while let Some(key) = reader.next_key()? {
                            if is_leaf(key) {
                                keys.insert(prefix(key, TRIE_KEY));
                            }
                        }
                    }
                }
                Ok(keys.len())
            })
            .collect::<Result<_, Error>>()?;
        Ok(counts.iter().sum())
    }

    /// Takes the lists of `parts` out: the characters and bigrams, and the
    /// leaves sorted by key, each key's runs and memory joined.
    pub fn take(&mut self, parts: &[usize]) -> Result<(Lists, Lists), Error> {
        let (mut lists, mut leaves) = (Vec::new(), Vec::new());
        for &p in parts {
            let mut memory: Lists = std::mem::take(&mut self.lists[p]);
            memory.retain(|(_, list)| list.df > 0);
            memory.extend(std::mem::take(&mut self.leaves[p]));
            memory.par_sort_unstable_by_key(|(key, _)| order(*key));
            let mut merged = match &self.runs {
                Some(runs) => merge(runs, p, memory)?,
                None => memory,
            };
            let characters = merged.partition_point(|(key, _)| !order(*key).0);
            lists.extend(merged.drain(..characters));
            if leaves.is_empty() {
                leaves = merged;
            } else {
                leaves.append(&mut merged);
            }
        }
        if parts.len() > 1 {
            leaves.par_sort_unstable_by_key(|(key, _)| *key);
        }
        Ok((lists, leaves))
    }
}

/// Keys and their lists.
pub type Lists = Vec<(Gram, Postings)>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::build::{Index, MIN_PARTS, terms, unpack};
    use crate::search::document::Document;

    /// Texts from a small alphabet, so that most keys come back in many
    /// documents (and runs), a few in one.
    fn documents() -> Vec<Document> {
        let alphabet: Vec<char> = "养老服务驿站停车场建设交通公交线路学校医院社区"
            .chars()
            .collect();
        let mut x = 0x9e37_79b9_u32;
        (0..40)
            .map(|i| {
                let mut field = |len: usize| -> String {
                    (0..len)
                        .map(|_| {
                            x ^= x << 13;
                            x ^= x >> 17;
                            x ^= x << 5;
                            if x.is_multiple_of(9) {
                                '，'
                            } else {
                                alphabet[x as usize % alphabet.len()]
                            }
                        })
                        .collect()
                };
                Document {
                    fields: [field(8), field(4), field(12), field(50 + i * 7)],
                }
            })
            .collect()
    }

    /// The number of trie keys and each part's lists, taken after adding the
    /// documents three at a time.
    fn parts(to: Option<SpillTo>, spills: bool) -> (usize, Vec<(Lists, Lists)>) {
        let docs = documents();
        let mut index = Index::new(64).spilling(to);
        for (i, batch) in docs.chunks(3).enumerate() {
            let batch: Vec<_> = batch
                .iter()
                .map(|d| terms(d, [10.0, 5.0, 3.0, 1.0]))
                .collect();
            index.add(3 * i as u32, &batch).unwrap();
        }
        assert_eq!(index.runs.as_ref().is_some_and(Runs::any), spills);
        let Index {
            lists,
            leaves,
            runs,
            planned,
            ..
        } = index;
        let mut parted = Parted::new(lists, leaves, runs, planned);
        let tries = parted.trie_keys().unwrap();
        (
            tries,
            (0..parted.parts())
                .map(|p| parted.take(&[p]).unwrap())
                .collect(),
        )
    }

    fn decoded(lists: &Lists) -> Vec<(String, Vec<(u32, u32)>)> {
        let lists = lists
            .iter()
            .map(|(key, list)| (unpack(*key).iter().collect(), list.decode()));
        lists.collect()
    }

    /// Spilled after every batch and merged back, the lists are the lists
    /// kept in memory: the same keys, in the same order, the same bytes.
    #[test]
    fn lists_spilled_and_merged_are_the_lists_kept_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let to = |budget| {
            Some(SpillTo {
                dir: dir.path().to_path_buf(),
                budget,
            })
        };
        let (tries, memory) = parts(None, false);
        // A budget the documents never reach: nothing written.
        assert_eq!(parts(to(u64::MAX), false).1.len(), MIN_PARTS);
        let (spilled_tries, spilled) = parts(to(0), true);
        // The trie keys counted from the runs' keys alone are the same.
        assert_eq!(spilled_tries, tries);
        assert!(tries > 100, "{tries} trie keys");
        let mut leaves_in_runs = 0;
        for ((lists, leaves), (spilled_lists, spilled_leaves)) in memory.iter().zip(&spilled) {
            assert!(lists.iter().all(|(key, _)| !is_leaf(*key)));
            assert!(leaves.iter().all(|(key, _)| is_leaf(*key)));
            assert!(leaves.is_sorted_by_key(|(key, _)| *key));
            let mut lists = lists.clone();
            lists.sort_unstable_by_key(|(key, _)| *key);
            assert_eq!(decoded(spilled_lists), decoded(&lists));
            assert_eq!(decoded(spilled_leaves), decoded(leaves));
            for ((_, a), (_, b)) in spilled_leaves.iter().zip(leaves) {
                assert_eq!(a.bytes(), b.bytes());
            }
            leaves_in_runs += spilled_leaves.len();
        }
        assert!(leaves_in_runs > 1_000, "{leaves_in_runs} leaves");
        // The files were unlinked as soon as made.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    /// A run that cannot be read back is an error naming its file, in the
    /// webmaster's language, with what to do.
    #[test]
    fn a_run_cut_short_is_an_error_naming_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut runs = Runs::new(SpillTo {
            dir: dir.path().to_path_buf(),
            budget: 0,
        });
        runs.open(2).unwrap();
        let mut list = Postings::default();
        list.push(3, 1);
        let key = crate::search::build::pack(&['养', '老', '服']);
        for writer in runs.writers() {
            writer.write(&[(key, list.clone())]).unwrap();
        }
        let (mut readers, keys) = runs.readers(1);
        assert_eq!(keys, 1);
        assert_eq!(
            readers[0].next().unwrap().map(|(k, l)| (k, l.decode())),
            Some((key, vec![(3, 1)]))
        );
        assert!(readers[0].next().unwrap().is_none());
        runs.files[1].file.set_len(10).unwrap();
        let (mut readers, _) = runs.readers(1);
        let message = readers[0]
            .next()
            .unwrap_err()
            .message(crate::diagnostic::Lang::Zh);
        let path = runs.files[1].path.display().to_string();
        assert!(message.contains(&path), "{message}");
        assert!(
            message.contains("搜索索引") && message.contains("磁盘的空间"),
            "{message}"
        );
    }
}
