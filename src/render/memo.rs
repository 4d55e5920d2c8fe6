//! A memo of rendered pages for `serve`: a page whose template context is the
//! same as in the last build is not rendered again.
//!
//! Rendering a template is a pure function of the templates, the global context
//! (site identity, labels, asset names), the render options and the page's own
//! context. The memo keeps, for each page rendered by the last build, its
//! context and its bytes; a later build with the same templates, globals and
//! options that asks for a page with an equal context gets the stored bytes.
//! So after any sequence of edits the output equals a fresh build's, byte for
//! byte, while an edit to one record re-renders only the pages whose context it
//! changed (its own page, its neighbours, the lists it appears on…) without
//! anyone having to list which pages those are. Any change to a template, a
//! global or an option clears the memo: the next build renders everything.
//!
//! Contexts are compared with `==` (exact), bucketed by a hash of their `Debug`
//! text, which also tells apart what `==` treats as equal but a template prints
//! differently (`1` and `1.0`, the order of a map's keys).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::Error;

/// Rendered pages by template and context (see the module doc).
#[derive(Default)]
pub struct Memo {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// What every page depends on; `None` before the first build.
    setup: Option<Setup>,
    entries: HashMap<(String, u64), Vec<Entry>>,
    generation: u64,
    hits: usize,
    misses: usize,
}

#[derive(PartialEq)]
struct Setup {
    templates: u64,
    globals: tera::Context,
    globals_hash: u64,
    options: String,
}

struct Entry {
    context: tera::Context,
    bytes: Arc<[u8]>,
    used: u64,
}

/// How a memoised render went, for `--verbose` and the tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoStats {
    /// Pages whose bytes were reused.
    pub hits: usize,
    /// Pages rendered.
    pub misses: usize,
}

impl Memo {
    pub fn new() -> Memo {
        Memo::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a build with these templates (`(name, source)`), globals and
    /// options (their `Debug` text); clears the memo if any differs from the
    /// last build's.
    pub fn begin<'t>(
        &self,
        templates: impl Iterator<Item = (&'t str, &'t [u8])>,
        globals: &tera::Context,
        options: String,
    ) {
        let mut h = DefaultHasher::new();
        for (name, source) in templates {
            h.write(name.as_bytes());
            h.write_u8(0);
            h.write(source);
            h.write_u8(0);
        }
        let setup = Setup {
            templates: h.finish(),
            globals: globals.clone(),
            globals_hash: debug_hash(globals),
            options,
        };
        let mut inner = self.lock();
        if inner.setup.as_ref() != Some(&setup) {
            inner.entries.clear();
            inner.setup = Some(setup);
        }
        inner.generation += 1;
        inner.hits = 0;
        inner.misses = 0;
    }

    /// The bytes of `template` rendered with `context`: stored ones when the
    /// last build rendered an equal context, else `render()`'s.
    pub fn get_or_render(
        &self,
        template: &str,
        context: &tera::Context,
        render: impl FnOnce() -> Result<Vec<u8>, Error>,
    ) -> Result<Vec<u8>, Error> {
        let key = (template.to_string(), debug_hash(context));
        let found = {
            let mut inner = self.lock();
            let generation = inner.generation;
            let hit = inner.entries.get_mut(&key).and_then(|bucket| {
                bucket.iter_mut().find(|e| e.context == *context).map(|e| {
                    e.used = generation;
                    e.bytes.clone()
                })
            });
            if hit.is_some() {
                inner.hits += 1;
            } else {
                inner.misses += 1;
            }
            hit
        };
        if let Some(bytes) = found {
            return Ok(bytes.to_vec());
        }
        let bytes = render()?;
        let mut inner = self.lock();
        let used = inner.generation;
        let bucket = inner.entries.entry(key).or_default();
        if !bucket.iter().any(|e| e.context == *context) {
            bucket.push(Entry {
                context: context.clone(),
                bytes: bytes.as_slice().into(),
                used,
            });
        }
        Ok(bytes)
    }

    /// Ends a successful build: forgets pages it did not ask for.
    pub fn end(&self) -> MemoStats {
        let mut inner = self.lock();
        let generation = inner.generation;
        inner.entries.retain(|_, bucket| {
            bucket.retain(|e| e.used == generation);
            !bucket.is_empty()
        });
        MemoStats {
            hits: inner.hits,
            misses: inner.misses,
        }
    }

    /// How the last build went.
    pub fn stats(&self) -> MemoStats {
        let inner = self.lock();
        MemoStats {
            hits: inner.hits,
            misses: inner.misses,
        }
    }

    /// How many pages the memo holds.
    pub fn len(&self) -> usize {
        self.lock().entries.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A hash of a value's `Debug` text, written straight into the hasher.
fn debug_hash(value: &impl std::fmt::Debug) -> u64 {
    struct HashWriter(DefaultHasher);
    impl std::fmt::Write for HashWriter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut w = HashWriter(DefaultHasher::new());
    let _ = std::fmt::write(&mut w, format_args!("{value:?}"));
    w.0.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(title: &str) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("title", title);
        c
    }

    fn render_count(memo: &Memo, c: &tera::Context, counter: &mut usize) -> Vec<u8> {
        memo.get_or_render("page.html", c, || {
            *counter += 1;
            Ok(format!("<h1>{:?}</h1>", c.get("title")).into_bytes())
        })
        .unwrap()
    }

    #[test]
    fn reuses_equal_contexts_and_forgets_unused_ones() {
        let memo = Memo::new();
        let globals = tera::Context::new();
        let mut renders = 0;
        memo.begin(std::iter::empty(), &globals, "x".into());
        render_count(&memo, &ctx("a"), &mut renders);
        render_count(&memo, &ctx("b"), &mut renders);
        assert_eq!(memo.end(), MemoStats { hits: 0, misses: 2 });

        memo.begin(std::iter::empty(), &globals, "x".into());
        let again = render_count(&memo, &ctx("a"), &mut renders);
        render_count(&memo, &ctx("c"), &mut renders);
        assert_eq!(renders, 3, "a was reused, c rendered");
        assert_eq!(again, render_count(&memo, &ctx("a"), &mut renders));
        memo.end();
        assert_eq!(memo.len(), 2, "b was dropped");
    }

    #[test]
    fn a_template_or_global_change_clears_everything() {
        let memo = Memo::new();
        let mut globals = tera::Context::new();
        let mut renders = 0;
        memo.begin([("a.html", &b"1"[..])].into_iter(), &globals, "x".into());
        render_count(&memo, &ctx("a"), &mut renders);
        memo.end();
        memo.begin([("a.html", &b"2"[..])].into_iter(), &globals, "x".into());
        render_count(&memo, &ctx("a"), &mut renders);
        memo.end();
        globals.insert("site", "new title");
        memo.begin([("a.html", &b"2"[..])].into_iter(), &globals, "x".into());
        render_count(&memo, &ctx("a"), &mut renders);
        memo.end();
        memo.begin([("a.html", &b"2"[..])].into_iter(), &globals, "y".into());
        render_count(&memo, &ctx("a"), &mut renders);
        memo.end();
        assert_eq!(renders, 4);
    }

    #[test]
    fn contexts_equal_under_eq_but_printed_differently_are_kept_apart() {
        let memo = Memo::new();
        let mut renders = 0;
        memo.begin(std::iter::empty(), &tera::Context::new(), "x".into());
        let mut one = tera::Context::new();
        one.insert("n", &1u32);
        let mut one_f = tera::Context::new();
        one_f.insert("n", &1.0f64);
        for c in [&one, &one_f] {
            memo.get_or_render("p.html", c, || {
                renders += 1;
                Ok(Vec::new())
            })
            .unwrap();
        }
        assert_eq!(renders, 2);
    }
}
