//! A cache of decoded files for `serve`, so a rebuild after one edit parses one
//! file instead of ten thousand.
//!
//! Entries are keyed by path and hold the file's whole text: a file is decoded
//! again unless its text is byte-for-byte the one decoded before. Comparing text
//! (rather than modification times, which are coarse, or a hash, which can
//! collide) means a cached load returns exactly what a fresh load would. Files
//! not seen in a load are dropped from the cache at its end.
//!
//! Reading and comparing 10,000 files still took a third of a second, so a load
//! can also be told which paths changed since the last one ([`Changed`], from
//! the file watcher): a cached file outside those paths is taken as it is,
//! without being read. That is only as good as the watcher's events, so the
//! loader falls back to reading everything when it cannot trust them: the
//! watcher lost events (an overflowing queue gives an event without paths), or
//! `content/` holds symbolic links (an edit through a link may be reported
//! under the link's target, not under the path the loader knows).
//!
//! Cached records are shared ([`Arc`](std::sync::Arc)) with the content of each load, not
//! copied: copying 10,000 decoded records (their text, their field positions)
//! was the other large part of a rebuild.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Parsed;
use crate::diagnostic::Diagnostics;

/// Which files may have changed since the last load with a cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// Not known: every file is read and compared.
    Unknown,
    /// Only files at or under these paths (relative to the site folder, as the
    /// watcher reported them) may have changed.
    Paths(BTreeSet<PathBuf>),
}

impl Changed {
    /// Whether the file at `rel` (relative to the site folder) may have changed.
    pub fn includes(&self, rel: &Path) -> bool {
        match self {
            Changed::Unknown => true,
            // A changed folder (renamed, replaced) covers every file under it.
            // Compared as bytes: asked for each of 10,000 files, comparing
            // `Path`s component by component showed in the profile.
            Changed::Paths(paths) => {
                let rel = rel.as_os_str().as_encoded_bytes();
                paths.iter().any(|p| {
                    let p = p.as_os_str().as_encoded_bytes();
                    rel.strip_prefix(p).is_some_and(|rest| {
                        rest.first()
                            .is_none_or(|&b| std::path::is_separator(b.into()))
                    })
                })
            }
        }
    }

    /// Both sets of changes together (bursts that queued during a rebuild).
    pub fn merge(self, other: Changed) -> Changed {
        match (self, other) {
            (Changed::Paths(mut a), Changed::Paths(b)) => {
                a.extend(b);
                Changed::Paths(a)
            }
            _ => Changed::Unknown,
        }
    }
}

/// Decoded files by path (see the module doc).
#[derive(Default)]
pub struct Cache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<PathBuf, Entry>,
    /// The files the last walk of `content/` found, and what it reported.
    walk: Option<Walk>,
    generation: u64,
    hits: usize,
    unread: usize,
    misses: usize,
}

/// What walking `content/` found (see [`super::walk`]).
#[derive(Clone)]
pub(super) struct Walk {
    pub files: Vec<(PathBuf, super::Entry)>,
    pub has_links: bool,
    pub diags: Diagnostics,
}

struct Entry {
    text: String,
    parsed: Parsed,
    diags: Diagnostics,
    seen: u64,
}

/// How a cached load went, for `--verbose`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Files whose decoded value was reused.
    pub hits: usize,
    /// …of which were not even read (known unchanged, see [`Changed`]).
    pub unread: usize,
    /// Files decoded again.
    pub misses: usize,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a load: later lookups mark their entries as still present.
    pub(super) fn begin(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.hits = 0;
        inner.unread = 0;
        inner.misses = 0;
    }

    /// The last walk's result, if it still holds: when each changed path under
    /// `content/` is a file the cache knows and still a file, or is gone and
    /// was never known (an editor's temporary file), no file or folder was
    /// added, removed or renamed. Walking 10,000 files costs tens of
    /// milliseconds of a one-record rebuild.
    pub(super) fn walk_if_unchanged(&self, root: &Path, changed: &Changed) -> Option<Walk> {
        let Changed::Paths(paths) = changed else {
            return None;
        };
        let inner = self.lock();
        // Through a link, a change may be reported under another path.
        let walk = inner.walk.as_ref().filter(|w| !w.has_links)?;
        let same_files = paths.iter().filter(|p| p.starts_with("content")).all(|p| {
            let full = root.join(p);
            match inner.entries.contains_key(&full) {
                true => full.symlink_metadata().is_ok_and(|m| m.is_file()),
                false => full.symlink_metadata().is_err(),
            }
        });
        same_files.then(|| walk.clone())
    }

    /// Keeps a walk's result for [`Cache::walk_if_unchanged`].
    pub(super) fn put_walk(&self, walk: Walk) {
        self.lock().walk = Some(walk);
    }

    /// The decoded value of each path given, as it was last read, without
    /// reading it (the caller knows it did not change); `None` for a path not
    /// given or not cached. One lock for all, not one per file.
    pub(super) fn get_unread(&self, paths: &[Option<&Path>]) -> Vec<Option<(Parsed, Diagnostics)>> {
        let mut inner = self.lock();
        let generation = inner.generation;
        let found: Vec<_> = paths
            .iter()
            .map(|path| {
                let e = inner.entries.get_mut((*path)?)?;
                e.seen = generation;
                Some((e.parsed.clone(), e.diags.clone()))
            })
            .collect();
        let reused = found.iter().flatten().count();
        inner.hits += reused;
        inner.unread += reused;
        found
    }

    /// The decoded value of `path` if its text is unchanged.
    pub(super) fn get(&self, path: &Path, text: &str) -> Option<(Parsed, Diagnostics)> {
        let mut inner = self.lock();
        let generation = inner.generation;
        let found = match inner.entries.get_mut(path) {
            Some(e) if e.text == text => {
                e.seen = generation;
                Some((e.parsed.clone(), e.diags.clone()))
            }
            _ => None,
        };
        if found.is_some() {
            inner.hits += 1;
        } else {
            inner.misses += 1;
        }
        found
    }

    pub(super) fn put(&self, path: &Path, text: String, parsed: &Parsed, diags: &Diagnostics) {
        let mut inner = self.lock();
        let seen = inner.generation;
        inner.entries.insert(
            path.to_path_buf(),
            Entry {
                text,
                parsed: parsed.clone(),
                diags: diags.clone(),
                seen,
            },
        );
    }

    /// Ends a load: drops the entries of files that are gone.
    pub(super) fn end(&self) -> CacheStats {
        let mut inner = self.lock();
        let generation = inner.generation;
        inner.entries.retain(|_, e| e.seen == generation);
        CacheStats {
            hits: inner.hits,
            unread: inner.unread,
            misses: inner.misses,
        }
    }

    /// How the last load went.
    pub fn stats(&self) -> CacheStats {
        let inner = self.lock();
        CacheStats {
            hits: inner.hits,
            unread: inner.unread,
            misses: inner.misses,
        }
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::Changed;
    use std::path::Path;

    #[test]
    fn a_changed_path_covers_itself_and_what_is_under_it() {
        let changed = Changed::Paths(
            ["content/proposals/2019/0001.yaml", "content/proposals/2020"]
                .into_iter()
                .map(Into::into)
                .collect(),
        );
        let includes = |p: &str| changed.includes(Path::new(p));
        assert!(includes("content/proposals/2019/0001.yaml"));
        assert!(includes("content/proposals/2020/0007.yaml"));
        assert!(!includes("content/proposals/2019/0002.yaml"));
        // A prefix of a name is not a folder above it.
        assert!(!includes("content/proposals/2019/0001.yaml.bak"));
        assert!(!includes("content/proposals/20201/0001.yaml"));
        assert!(Changed::Unknown.includes(Path::new("content/site.yaml")));
        let none = Changed::Paths(Default::default());
        assert!(!none.includes(Path::new("content/site.yaml")));
        assert_eq!(none.clone().merge(Changed::Unknown), Changed::Unknown);
        assert_eq!(none.merge(changed.clone()), changed);
    }
}
