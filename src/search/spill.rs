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
//! key, into the file of the thread writing it (unlinked as soon as made, like
//! the text's spill file; [`Runs`] says why not a file per part), and its
//! table is emptied; the characters and bigrams keep their keys
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
use std::sync::atomic::{AtomicU64, Ordering};

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

/// The runs written so far: a file for each thread that writes them, made
/// at the first spill, and where each part's runs are in them.
///
/// Why not a file per part: that held up to [`MAX_PARTS`] files open while a
/// very large index spilled, more than some systems allow a process (macOS
/// lets a program open 256 by default), and made as many files on a disk
/// that creates them slowly. Why not one file for all: two threads writing
/// one file take turns (the system locks a file while it is written to); on
/// 10,000 `long-varied` records that was 3% more time. A thread writes its
/// runs a window at a time at the end of its file ([`RunFile::end`]); a run
/// remembers its file and where its pieces went.
///
/// [`MAX_PARTS`]: super::build::MAX_PARTS
#[derive(Debug)]
pub struct Runs {
    to: SpillTo,
    files: Vec<RunFile>,
    /// Each part's runs, in the order they were written.
    parts: Vec<Vec<Run>>,
}

/// The most files of runs: one per thread of the build, up to this.
const MAX_FILES: usize = 64;

/// A file of runs.
#[derive(Debug)]
struct RunFile {
    file: File,
    /// The name it had before it was unlinked, for messages.
    path: PathBuf,
    /// Where the next window goes: the bytes written so far. (Atomic, since
    /// the file is shared: a thread outside the build's pool writes into
    /// the first file, as does its first thread.)
    end: AtomicU64,
}

impl RunFile {
    fn error(&self, source: std::io::Error) -> Error {
        Error::IndexSpill {
            path: self.path.clone(),
            source,
        }
    }
}

/// One run of a part: its file, and its bytes as pieces of it, in order.
#[derive(Debug, Default)]
struct Run {
    /// Its file in [`Runs::files`].
    file: usize,
    /// (where the piece starts in the run, where it is in the file, its length).
    pieces: Vec<(u64, u64, u64)>,
    /// The run's length: its pieces' lengths together.
    len: u64,
    /// How many keys it holds.
    keys: usize,
}

impl Run {
    /// Reads the run's bytes from `at` on into `into`, all of it there.
    fn read_at(&self, file: &RunFile, mut at: u64, mut into: &mut [u8]) -> Result<(), Error> {
        // The piece holding `at`: the last to start at or before it.
        let mut piece = self.pieces.partition_point(|(start, ..)| *start <= at);
        while !into.is_empty() {
            let Some(&(start, offset, len)) = piece.checked_sub(1).and_then(|i| self.pieces.get(i))
            else {
                let beyond = std::io::Error::from(std::io::ErrorKind::UnexpectedEof);
                return Err(file.error(beyond));
            };
            let take = ((start + len - at) as usize).min(into.len());
            let (now, rest) = into.split_at_mut(take);
            file.file
                .read_exact_at(now, offset + (at - start))
                .map_err(|e| file.error(e))?;
            (at, into, piece) = (at + take as u64, rest, piece + 1);
        }
        Ok(())
    }
}

impl Runs {
    pub fn new(to: SpillTo) -> Runs {
        Runs {
            to,
            files: Vec::new(),
            parts: Vec::new(),
        }
    }

    pub fn budget(&self) -> u64 {
        self.to.budget
    }

    /// Whether the files were made: a run was written, or failed to be (and
    /// the build with it).
    pub fn any(&self) -> bool {
        !self.files.is_empty()
    }

    /// Makes the files for the runs of `parts` parts, one per thread of the
    /// build's pool (up to [`MAX_FILES`]), unless made already.
    pub fn open(&mut self, parts: usize) -> Result<(), Error> {
        if self.any() {
            return Ok(());
        }
        let dir = &self.to.dir;
        crate::fs::create_dir_all(dir)?;
        self.files = (0..rayon::current_num_threads().clamp(1, MAX_FILES))
            .map(|_| {
                let (file, path) =
                    crate::fs::unlinked_file(dir, ".gongkai-index-").map_err(|e| {
                        Error::IndexSpill {
                            path: dir.join(".gongkai-index-*"),
                            source: e,
                        }
                    })?;
                let end = AtomicU64::new(0);
                Ok(RunFile { file, path, end })
            })
            .collect::<Result<_, Error>>()?;
        self.parts = (0..parts).map(|_| Vec::new()).collect();
        Ok(())
    }

    /// One writer a part, to write a run for each ([`RunWriter::write`]);
    /// none before [`Runs::open`], which makes the files and the parts.
    pub fn writers(&mut self) -> impl Iterator<Item = RunWriter<'_>> {
        let files = &self.files[..];
        self.parts
            .iter_mut()
            .map(move |runs| RunWriter { files, runs })
    }

    /// Readers of the runs of `part`, in the order they were written, and
    /// how many keys they hold together.
    fn readers(&self, part: usize) -> (Vec<RunReader<'_>>, usize) {
        let Some(runs) = self.parts.get(part) else {
            return (Vec::new(), 0);
        };
        let readers = runs.iter().map(|run| RunReader {
            file: &self.files[run.file],
            run,
            at: 0,
            window: Vec::new(),
            used: 0,
        });
        let keys = runs.iter().map(|run| run.keys).sum();
        (readers.collect(), keys)
    }
}

/// The files and one part's runs, lent to write the part's next run.
pub struct RunWriter<'a> {
    files: &'a [RunFile],
    runs: &'a mut Vec<Run>,
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
        let index = rayon::current_thread_index().unwrap_or(0) % self.files.len();
        let file = &self.files[index];
        let mut run = Run {
            file: index,
            keys: lists.len(),
            ..Run::default()
        };
        BUFFER.with(|buffer| {
            let mut bytes = buffer.borrow_mut();
            let mut flush = |bytes: &mut Vec<u8>| -> Result<(), Error> {
                if bytes.is_empty() {
                    return Ok(());
                }
                let len = bytes.len() as u64;
                let offset = file.end.fetch_add(len + GAP, Ordering::Relaxed);
                file.file
                    .write_all_at(bytes, offset)
                    .map_err(|e| file.error(e))?;
                run.pieces.push((run.len, offset, len));
                run.len += len;
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
        self.runs.push(run);
        Ok(())
    }
}

/// Reads one run in order, a window at a time.
struct RunReader<'a> {
    file: &'a RunFile,
    run: &'a Run,
    /// Where the window ends in the run.
    at: u64,
    window: Vec<u8>,
    /// Bytes of the window already read.
    used: usize,
}

/// The bytes written to and read from a run at a time (a few in the unit
/// tests, so that their runs are in many pieces, between other parts').
const WINDOW: usize = if cfg!(test) { 40 } else { 256 << 10 };
/// Bytes left unwritten after each piece of a run: none, but a few in the
/// unit tests, so that a reader that ran on past a piece would read them.
const GAP: u64 = if cfg!(test) { 3 } else { 0 };
/// The most bytes a key and the head of its list take: 16, and three varints.
const HEAD: usize = 16 + 3 * 10;

impl RunReader<'_> {
    /// Makes at least `want` bytes of the run available in the window, or
    /// all that is left of it.
    fn fill(&mut self, want: usize) -> Result<&[u8], Error> {
        let end = self.run.len;
        if self.window.len() - self.used < want && self.at < end {
            self.window.drain(..self.used);
            self.used = 0;
            let more = (end - self.at).min(want.max(WINDOW) as u64) as usize;
            let from = self.window.len();
            self.window.resize(from + more, 0);
            self.run
                .read_at(self.file, self.at, &mut self.window[from..])?;
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
        if let Some(runs) = index.runs.as_ref().filter(|runs| runs.any()) {
            // A file per thread, not per part; most runs in several pieces,
            // so that reading a run crosses from piece to piece.
            assert_eq!(
                runs.files.len(),
                rayon::current_num_threads().min(MAX_FILES)
            );
            assert_eq!(runs.parts.len(), MIN_PARTS);
            let pieces: Vec<usize> = runs
                .parts
                .iter()
                .flatten()
                .map(|r| r.pieces.len())
                .collect();
            assert!(
                pieces.iter().filter(|n| **n > 2).count() * 2 > pieces.len(),
                "{pieces:?}"
            );
        }
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
        // Written from outside the pool: into the first file.
        let file = &runs.files[0];
        file.file.set_len(10).unwrap();
        let (mut readers, _) = runs.readers(1);
        let message = readers[0]
            .next()
            .unwrap_err()
            .message(crate::diagnostic::Lang::Zh);
        let path = file.path.display().to_string();
        assert!(message.contains(&path), "{message}");
        assert!(
            message.contains("搜索索引") && message.contains("磁盘的空间"),
            "{message}"
        );
    }
}
