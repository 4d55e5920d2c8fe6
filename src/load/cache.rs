//! A cache of decoded files for `serve`, so a rebuild after one edit parses one
//! file instead of ten thousand.
//!
//! Entries are keyed by path and hold the file's whole text: a file is decoded
//! again unless its text is byte-for-byte the one decoded before. Comparing text
//! (rather than modification times, which are coarse, or a hash, which can
//! collide) means a cached load returns exactly what a fresh load would. Files
//! not seen in a load are dropped from the cache at its end.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Parsed;
use crate::diagnostic::Diagnostics;

/// Decoded files by path (see the module doc).
#[derive(Default)]
pub struct Cache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<PathBuf, Entry>,
    generation: u64,
    hits: usize,
    misses: usize,
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
        inner.misses = 0;
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
            misses: inner.misses,
        }
    }

    /// How the last load went.
    pub fn stats(&self) -> CacheStats {
        let inner = self.lock();
        CacheStats {
            hits: inner.hits,
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
