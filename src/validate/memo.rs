//! Per-record check results kept between `serve`'s rebuilds, so a one-record
//! edit in a 10,000-record site checks one record, not ten thousand.
//!
//! Three checks read one record and nothing else but settings: its own fields
//! against the site's sessions and categories ([`super::check_records`], less
//! attachments), the personal-data scan ([`super::personal_data`]) and the
//! stand-in scan ([`super::check_placeholders`]). Two checks across records
//! start from a value of each record: its number's key (duplicate numbers) and
//! the facts the session figures count. All of these for a record are a
//! function of
//!
//! - the record as decoded: the load cache hands out the same
//!   [`Arc<LoadedRecord>`] for a file whose text did not change, and a new one
//!   for a file decoded again; a result is kept with the `Arc` it was computed
//!   from and reused only for that same `Arc` (compared by address, which cannot
//!   be reused while the memo holds it);
//! - the [`Context`]: `site.yaml`'s decoded value and which of its fields are
//!   broken, the session files found, and whether stand-ins are errors. When any
//!   of it differs from the last validation, every result is dropped.
//!
//! So a memoized validation reports exactly what a fresh one does, in the same
//! order (`tests/integration/incremental.rs` compares them after record edits,
//! additions, removals, renames, session and `site.yaml` edits). The comparisons across
//! records (duplicate numbers, figure totals, slug clashes) and what reads the
//! disk (attachments) run in full every time, over the kept values.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use rayon::prelude::*;

use crate::content::SiteConfig;
use crate::diagnostic::Diagnostics;
use crate::load::{Content, LoadedRecord};
use crate::model::figures::Facts;

/// The per-record checks whose results are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Check {
    /// A record's fields against the site's sessions and categories.
    Fields = 0,
    /// Mobile numbers, ID numbers and e-mail addresses in published texts.
    PersonalData = 1,
    /// Stand-in values left from `init` or `new`.
    Placeholders = 2,
}

/// What the per-record checks read besides the record (see the module doc).
#[derive(Clone, Debug, PartialEq)]
struct Context {
    site: Option<SiteConfig>,
    /// `site.yaml`'s fields that the checks skip or wait on when they are
    /// broken: `categories`, `public_contacts`, `contact`.
    broken: [bool; 3],
    session_files: Vec<String>,
    strict: bool,
}

impl Context {
    fn of(content: &Content, strict: bool) -> Context {
        let site = content.site.as_ref();
        let broken = ["categories", "public_contacts", "contact"]
            .map(|field| site.is_some_and(|s| s.is_broken(field)));
        Context {
            site: site.map(|s| s.value.clone()),
            broken,
            session_files: content.session_files.clone(),
            strict,
        }
    }
}

/// Kept results of the per-record checks (see the module doc).
#[derive(Default)]
pub struct Memo {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    context: Option<Context>,
    /// By the address of the record's `Arc` (held in the entry).
    entries: HashMap<usize, Entry>,
    generation: u64,
    /// Records checked again in the last validation (for `--verbose` and tests).
    checked: usize,
}

struct Entry {
    record: Arc<LoadedRecord>,
    found: [Option<Diagnostics>; 3],
    /// `None`: not computed; `Some(None)`: the record has no number to compare.
    number_key: Option<Option<String>>,
    /// `None`: not computed; `Some(None)`: the record is not counted.
    facts: Option<Option<Facts>>,
    seen: u64,
}

impl Memo {
    pub fn new() -> Memo {
        Memo::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a validation of `content`: drops every result if the context
    /// changed.
    pub(super) fn begin(&self, content: &Content, strict: bool) {
        let context = Context::of(content, strict);
        let mut inner = self.lock();
        if inner.context.as_ref() != Some(&context) {
            inner.entries.clear();
            inner.context = Some(context);
        }
        inner.generation += 1;
        inner.checked = 0;
    }

    /// Ends a validation: drops the results of records no longer loaded.
    pub(super) fn end(&self) {
        let mut inner = self.lock();
        let generation = inner.generation;
        inner.entries.retain(|_, e| e.seen == generation);
    }

    /// The diagnostics of `check` for each record, in order (see [`Memo::each`]).
    pub(super) fn per_record(
        &self,
        check: Check,
        records: &[Arc<LoadedRecord>],
        compute: impl Fn(&LoadedRecord) -> Diagnostics + Sync,
    ) -> Vec<Diagnostics> {
        let slot = check as usize;
        self.each(records, |e| &mut e.found[slot], compute)
    }

    /// Each record's number key for the duplicate-number check (see [`Memo::each`]).
    pub(super) fn number_keys(
        &self,
        records: &[Arc<LoadedRecord>],
        compute: impl Fn(&LoadedRecord) -> Option<String> + Sync,
    ) -> Vec<Option<String>> {
        self.each(records, |e| &mut e.number_key, compute)
    }

    /// Each record's facts for the session-figures check (see [`Memo::each`]).
    pub(super) fn facts(
        &self,
        records: &[Arc<LoadedRecord>],
        compute: impl Fn(&LoadedRecord) -> Option<Facts> + Sync,
    ) -> Vec<Option<Facts>> {
        self.each(records, |e| &mut e.facts, compute)
    }

    /// One value per record, in order: the kept one (in the entry's `slot`)
    /// where the record is the one it was computed from, else `compute`d now
    /// (in parallel) and kept.
    fn each<T: Clone + Send>(
        &self,
        records: &[Arc<LoadedRecord>],
        slot: impl Fn(&mut Entry) -> &mut Option<T>,
        compute: impl Fn(&LoadedRecord) -> T + Sync,
    ) -> Vec<T> {
        let mut inner = self.lock();
        let generation = inner.generation;
        let kept: Vec<Option<T>> = records
            .iter()
            .map(|r| {
                let e = inner.entries.get_mut(&address(r))?;
                debug_assert!(Arc::ptr_eq(&e.record, r));
                slot(e).clone()
            })
            .collect();
        let found: Vec<(T, bool)> = records
            .par_iter()
            .zip(kept)
            .map(|(r, kept)| match kept {
                Some(value) => (value, false),
                None => (compute(r), true),
            })
            .collect();
        let mut checked = 0;
        for (r, (value, fresh)) in records.iter().zip(&found) {
            let e = inner.entries.entry(address(r)).or_insert_with(|| Entry {
                record: r.clone(),
                found: Default::default(),
                number_key: None,
                facts: None,
                seen: generation,
            });
            e.seen = generation;
            if *fresh {
                *slot(e) = Some(value.clone());
                checked += 1;
            }
        }
        inner.checked = inner.checked.max(checked);
        found.into_iter().map(|(value, _)| value).collect()
    }

    /// How many records the last validation checked again (the most of any
    /// one check): 1 after a one-record edit.
    pub fn checked(&self) -> usize {
        self.lock().checked
    }
}

/// The key of a record: its `Arc`'s address. The entry holds that `Arc`, so no
/// other record can get the address while the entry exists.
fn address(r: &Arc<LoadedRecord>) -> usize {
    Arc::as_ptr(r) as usize
}
