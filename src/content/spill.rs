//! Long text kept out of the process between loading and output: the spill
//! file, and [`Stored`], the one type a record's prose has whether it is in
//! memory or in that file.
//!
//! Why: a build decodes every record first and makes the files last, so with
//! all text in memory its peak grew with the site — at 100,000 records some
//! 300 MB of decoded text (2.5 GB for the `long-text` corpus) waited in the
//! process from loading to output. Now `build` and `check` move each record's
//! prose, as soon as it is decoded, into temporary files (one per worker
//! thread), unlinked at once (nothing is left behind, even if the process is
//! killed), as one contiguous blob per record; the record keeps only where
//! its blob is and a few facts of its text ([`Spillable::Outline`]). A stage that needs the text — the checks
//! that scan it, the record page, the open data, the search index, the feed —
//! reads the blob back once, uses it and drops it. Reads are positioned
//! (`pread`), so threads read without a lock, and it is the kernel's page
//! cache, not the process, that holds the bytes: they leave memory under
//! pressure, and the resident set stays the records' metadata. A site whose
//! content files are small (`pipeline::KEEP_TEXT_BELOW`) keeps its text in
//! memory instead: it fits, and the round trip through the file would cost
//! it 3–5%.
//!
//! `serve` keeps its records in memory (its cache shares them between
//! rebuilds, and a preview is small), so [`Stored`] has two forms; consumers
//! call [`Stored::read`] and never see which. Where a blob lies in the file
//! depends on which thread decoded first, but nothing reads the file in order:
//! each record reads its own blob, so the output does not depend on it.
//!
//! The encoding is private to the type stored ([`Spillable`]); this module only
//! appends and reads bytes, and gives the length-prefixed string helpers.
//!
//! It lives in `content` beside the record type that holds a [`Stored`]: `load`
//! spills, `validate` and `model` read, and the producers (pages, search, open
//! data) read only through the model's `PublishedRecord::text`, so no stage
//! after the model imports it and the import rules stay as they are
//! (docs/dev/architecture.md).

use std::borrow::Cow;
use std::fs::File;
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::Error;

/// Unlinked temporary files that record text is appended to and read back
/// from: one per worker thread, so the threads that load records append
/// without waiting for each other (one file shared was one lock in the
/// kernel, and the second thread spun on it: 1% of a `long-text` build).
/// Shared (`Arc`) by every record whose text is in them; closed, and their
/// space given back, when the last one goes.
pub struct Spill {
    parts: Vec<Part>,
}

/// One of the files.
struct Part {
    file: File,
    /// The name the file had before it was unlinked, for error messages.
    path: PathBuf,
    /// The end of the file: where the next blob goes.
    end: AtomicU64,
}

/// Closing the files gives their pages back, which takes a while for large
/// ones (50 ms for the 250 MB of 10,000 `long-text` records, on the one thread
/// left at the end of a build): they are closed on a thread of their own,
/// beside what the build still has to do. The files were unlinked when made,
/// so nothing is left behind whenever the closing happens, even if the
/// process ends first; if no thread can be made, they are closed here.
impl Drop for Spill {
    fn drop(&mut self) {
        let parts = std::mem::take(&mut self.parts);
        let close = std::thread::Builder::new().name("gongkai-spill".into());
        let _ = close.spawn(move || drop(parts));
    }
}

impl std::fmt::Debug for Spill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spill").field("path", &self.path()).finish()
    }
}

impl Spill {
    /// Creates the files in `dir` and unlinks them at once.
    pub fn new_in(dir: &Path) -> Result<Arc<Spill>, Error> {
        let parts = (0..rayon::current_num_threads().max(1))
            .map(|_| {
                let (file, path) =
                    crate::fs::unlinked_file(dir, ".gongkai-text-").map_err(|e| Error::Spill {
                        path: dir.join(".gongkai-text-*"),
                        source: e,
                    })?;
                Ok(Part {
                    file,
                    path,
                    end: AtomicU64::new(0),
                })
            })
            .collect::<Result<Vec<Part>, Error>>()?;
        Ok(Arc::new(Spill { parts }))
    }

    /// The name the first file had, for messages.
    pub fn path(&self) -> &Path {
        &self.parts[0].path
    }

    fn error(&self, part: usize, source: std::io::Error) -> Error {
        Error::Spill {
            path: self.parts[part].path.clone(),
            source,
        }
    }

    /// Appends one blob to the calling thread's file; returns where it is.
    /// Threads that share a file (any outside the pool) each take their
    /// place by moving its end, then write there.
    fn put(&self, bytes: &[u8]) -> Result<Place, Error> {
        let part = rayon::current_thread_index().unwrap_or(0) % self.parts.len();
        let len = u32::try_from(bytes.len()).map_err(|_| {
            self.error(
                part,
                std::io::Error::new(std::io::ErrorKind::FileTooLarge, "text over 4 GiB"),
            )
        })?;
        let Part { file, end, .. } = &self.parts[part];
        let at = end.fetch_add(u64::from(len), Ordering::Relaxed);
        file.write_all_at(bytes, at)
            .map_err(|e| self.error(part, e))?;
        Ok(Place {
            part: part as u32,
            at,
            len,
        })
    }

    /// Reads one blob back and hands it to `f`, in a buffer each thread
    /// keeps (a fresh one per read was memory the allocator gave back to the
    /// system and faulted in again, read after read).
    fn with<R>(&self, place: Place, f: impl FnOnce(&[u8]) -> R) -> Result<R, Error> {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let part = place.part as usize;
        BUFFER.with(|buffer| {
            let mut buffer = buffer.borrow_mut();
            // Zeroed only where it grows: the read overwrites what it uses.
            let len = place.len as usize;
            if buffer.len() < len {
                buffer.resize(len, 0);
            }
            let blob = &mut buffer[..len];
            let read = self.parts[part].file.read_exact_at(blob, place.at);
            let out = read.map(|()| f(blob)).map_err(|e| self.error(part, e));
            // A huge record's buffer is not kept for the small ones after it.
            if buffer.capacity() > MAX_KEPT_BUFFER {
                *buffer = Vec::new();
            }
            out
        })
    }
}

/// The largest read buffer a thread keeps between reads.
const MAX_KEPT_BUFFER: usize = 1 << 20;

/// Where one blob lies: which file, where in it, how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    part: u32,
    at: u64,
    len: u32,
}

/// A value that can wait in a spill file: how it is written as bytes and read
/// back, and what of it stays in memory.
pub trait Spillable: Sized {
    /// The few facts of the value later stages need without reading it (its
    /// length, which optional parts it has): kept in memory in both forms.
    type Outline: Copy + std::fmt::Debug + Default;
    fn outline(&self) -> Self::Outline;
    fn encode(&self, out: &mut Vec<u8>);
    /// `None` when the bytes are not an encoding (a damaged file).
    fn decode(bytes: &[u8]) -> Option<Self>;
}

/// A value in memory or in a spill file; [`Stored::read`] gives it either way.
pub struct Stored<T: Spillable> {
    outline: T::Outline,
    form: Form<T>,
}

enum Form<T> {
    Memory(Arc<T>),
    Spilled {
        spill: Arc<Spill>,
        place: Place,
    },
    /// Let go of ([`Stored::forget`]): reads as the empty value.
    Forgotten,
}

impl<T: Spillable> Stored<T> {
    /// A value kept in memory.
    pub fn new(value: T) -> Stored<T> {
        Stored {
            outline: value.outline(),
            form: Form::Memory(Arc::new(value)),
        }
    }

    /// What stays in memory of the value.
    pub fn outline(&self) -> T::Outline {
        self.outline
    }

    /// Moves the value into `spill` (nothing if it is there already). On an
    /// error it stays in memory.
    pub fn spill(&mut self, spill: &Arc<Spill>) -> Result<(), Error> {
        let Form::Memory(value) = &self.form else {
            return Ok(());
        };
        let mut bytes = Vec::new();
        value.encode(&mut bytes);
        let place = spill.put(&bytes)?;
        self.form = Form::Spilled {
            spill: Arc::clone(spill),
            place,
        };
        Ok(())
    }

    /// Lets go of the value, or of its handle on the spill file: the last
    /// handle gone closes the file ([`Spill`]'s `Drop`). What is read
    /// afterwards is the empty value; the outline stays.
    pub fn forget(&mut self) {
        self.form = Form::Forgotten;
    }

    /// The value: borrowed when in memory, read back and decoded when spilled.
    pub fn read(&self) -> Result<Cow<'_, T>, Error>
    where
        T: Clone + Default,
    {
        match &self.form {
            Form::Memory(value) => Ok(Cow::Borrowed(value)),
            Form::Forgotten => Ok(Cow::Owned(T::default())),
            Form::Spilled { spill, place } => spill
                .with(*place, T::decode)?
                .map(Cow::Owned)
                .ok_or_else(|| {
                    spill.error(
                        place.part as usize,
                        std::io::Error::new(std::io::ErrorKind::InvalidData, "damaged text"),
                    )
                }),
        }
    }

    /// Whether the value is in a spill file.
    pub fn is_spilled(&self) -> bool {
        matches!(self.form, Form::Spilled { .. })
    }
}

impl<T: Spillable> Clone for Stored<T> {
    fn clone(&self) -> Stored<T> {
        Stored {
            outline: self.outline,
            form: match &self.form {
                Form::Memory(value) => Form::Memory(Arc::clone(value)),
                Form::Spilled { spill, place } => Form::Spilled {
                    spill: Arc::clone(spill),
                    place: *place,
                },
                Form::Forgotten => Form::Forgotten,
            },
        }
    }
}

impl<T: Spillable + Default> Default for Stored<T> {
    fn default() -> Stored<T> {
        Stored::new(T::default())
    }
}

impl<T: Spillable + std::fmt::Debug> std::fmt::Debug for Stored<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.form {
            Form::Memory(value) => value.fmt(f),
            Form::Spilled { place, .. } => {
                write!(f, "Spilled({}:{}+{})", place.part, place.at, place.len)
            }
            Form::Forgotten => f.write_str("Forgotten"),
        }
    }
}

/// Two in memory compare by value; a spilled one equals only itself (a copy
/// of the same handle).
impl<T: Spillable + PartialEq> PartialEq for Stored<T> {
    fn eq(&self, other: &Stored<T>) -> bool {
        match (&self.form, &other.form) {
            (Form::Memory(a), Form::Memory(b)) => a == b,
            (Form::Spilled { spill: s, place: p }, Form::Spilled { spill: t, place: q }) => {
                Arc::ptr_eq(s, t) && p == q
            }
            (Form::Forgotten, Form::Forgotten) => true,
            _ => false,
        }
    }
}

/// Serialised as the value (read back when spilled).
impl<T: Spillable + Clone + Default + serde::Serialize> serde::Serialize for Stored<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let value = self.read().map_err(serde::ser::Error::custom)?;
        value.as_ref().serialize(s)
    }
}

/// The schema of the value: the type only changes where it is kept.
impl<T: Spillable + schemars::JsonSchema> schemars::JsonSchema for Stored<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// Appends an optional string: its length plus one as four bytes
/// (little-endian), then its bytes; a zero length is `None`.
pub fn put_str(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => out.extend_from_slice(&0u32.to_le_bytes()),
        Some(t) => {
            // A record file is at most a few MiB (`load::Limits`): it fits.
            let len = u32::try_from(t.len() + 1).unwrap_or(u32::MAX);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&t.as_bytes()[..(len - 1) as usize]);
        }
    }
}

/// Appends a count (of the items that follow).
pub fn put_count(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

/// Reads back what [`put_str`] and [`put_count`] wrote, in order.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    pub fn count(&mut self) -> Option<usize> {
        let (head, rest) = self.bytes.split_first_chunk::<4>()?;
        self.bytes = rest;
        Some(u32::from_le_bytes(*head) as usize)
    }

    /// An optional string; the outer `None` when the bytes run out or are not UTF-8.
    pub fn str(&mut self) -> Option<Option<String>> {
        let len = self.count()?;
        if len == 0 {
            return Some(None);
        }
        let len = len - 1;
        if self.bytes.len() < len {
            return None;
        }
        let (text, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Some(Some(simdutf8::basic::from_utf8(text).ok()?.to_string()))
    }

    /// Whether everything was read.
    pub fn is_done(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, Default, PartialEq)]
    struct Texts(Vec<Option<String>>);

    impl Spillable for Texts {
        type Outline = usize;
        fn outline(&self) -> usize {
            self.0.len()
        }
        fn encode(&self, out: &mut Vec<u8>) {
            put_count(out, self.0.len());
            for t in &self.0 {
                put_str(out, t.as_deref());
            }
        }
        fn decode(bytes: &[u8]) -> Option<Texts> {
            let mut r = Reader::new(bytes);
            let n = r.count()?;
            let texts = (0..n).map(|_| r.str()).collect::<Option<Vec<_>>>()?;
            r.is_done().then_some(Texts(texts))
        }
    }

    fn spill() -> Arc<Spill> {
        Spill::new_in(&std::env::temp_dir()).expect("a temporary file")
    }

    #[test]
    fn the_file_is_unlinked_at_once() {
        let s = spill();
        assert!(!s.path().exists(), "{}", s.path().display());
    }

    #[test]
    fn values_come_back_as_they_went_in() {
        let s = spill();
        let values = [
            Texts(vec![]),
            Texts(vec![None, Some(String::new()), None]),
            Texts(vec![
                Some("答复：已完成 ✓".into()),
                None,
                Some("\0\u{feff}x".into()),
            ]),
            // A field larger than any record file may be.
            Texts(vec![Some("长".repeat(3 << 20)), Some("a".into())]),
        ];
        let mut stored: Vec<Stored<Texts>> = values.iter().cloned().map(Stored::new).collect();
        for (st, v) in stored.iter_mut().zip(&values) {
            assert_eq!(st.read().unwrap().as_ref(), v);
            st.spill(&s).unwrap();
            assert!(st.is_spilled());
            assert_eq!(st.outline(), v.0.len());
        }
        for (st, v) in stored.iter().zip(&values) {
            assert_eq!(st.read().unwrap().as_ref(), v);
        }
    }

    /// A forgotten value lets go of its spill file: once no value holds it,
    /// the file is closed. It reads as the empty value, its outline kept.
    #[test]
    fn forgotten_values_let_go_of_the_file() {
        use std::os::fd::AsRawFd as _;
        let s = spill();
        // Each file's descriptor, and what it names (`… (deleted)`).
        let link = |fd: i32| std::fs::read_link(format!("/proc/self/fd/{fd}")).ok();
        let files: Vec<_> = (s.parts.iter())
            .map(|p| (p.file.as_raw_fd(), link(p.file.as_raw_fd())))
            .collect();
        let mut stored: Vec<Stored<Texts>> = (0..3)
            .map(|i| {
                let mut st = Stored::new(Texts(vec![Some(format!("第{i}条"))]));
                st.spill(&s).unwrap();
                st
            })
            .collect();
        let weak = Arc::downgrade(&s);
        drop(s);
        for st in &mut stored {
            assert!(weak.upgrade().is_some());
            st.forget();
            assert!(!st.is_spilled());
            assert_eq!(st.read().unwrap().as_ref(), &Texts::default());
            assert_eq!(st.outline(), 1);
        }
        assert!(weak.upgrade().is_none(), "the files are still held");
        // Closed by a thread of their own, soon.
        let closed = || files.iter().all(|(fd, name)| link(*fd) != *name);
        let closed = (0..500).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            closed()
        });
        assert!(closed, "{files:?} still open");
        let mut memory = Stored::new(Texts(vec![Some("在内存".into())]));
        memory.forget();
        assert_eq!(memory.read().unwrap().as_ref(), &Texts::default());
    }

    #[test]
    fn threads_write_and_read_at_once() {
        let s = spill();
        let value = |i: usize| Texts(vec![Some(format!("{i}:").repeat(i % 97 + 1)), None]);
        let stored: Vec<Stored<Texts>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|t| {
                    let s = &s;
                    scope.spawn(move || {
                        (t * 500..(t + 1) * 500)
                            .map(|i| {
                                let mut st = Stored::new(value(i));
                                st.spill(s).unwrap();
                                st
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        std::thread::scope(|scope| {
            for t in 0..8 {
                let stored = &stored;
                scope.spawn(move || {
                    for (i, st) in stored.iter().enumerate().skip(t).step_by(8) {
                        assert_eq!(st.read().unwrap().as_ref(), &value(i));
                    }
                });
            }
        });
    }

    #[test]
    fn a_damaged_blob_is_an_error_naming_the_file() {
        let s = spill();
        let place = s.put(&[9, 0, 0, 0, b'x']).unwrap();
        let st: Stored<Texts> = Stored {
            outline: 0,
            form: Form::Spilled {
                spill: Arc::clone(&s),
                place,
            },
        };
        let err = st.read().unwrap_err();
        let message = err.message(crate::diagnostic::Lang::Zh);
        assert!(
            message.contains(&s.path().display().to_string()),
            "{message}"
        );
    }
}
