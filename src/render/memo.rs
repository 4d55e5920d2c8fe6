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
//! Contexts are compared with `==`, bucketed by a hash of the variables the
//! template reads (Tera lists a template's top-level variables, parents and
//! includes too). The hash takes in each value's kind and whether a string is
//! marked safe, which `==` ignores but a template prints differently (`1` and
//! `1.0`); map entries are hashed in any order, as `==` compares them (Tera's maps
//! are hash maps, and templates see their keys sorted).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
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

    /// Starts a build with these templates (`(name, source)`), globals (with
    /// the names templates read them by) and options (their `Debug` text); clears
    /// the memo if any differs from the last build's.
    pub fn begin<'t>(
        &self,
        templates: impl Iterator<Item = (&'t str, &'t [u8])>,
        globals: &tera::Context,
        global_names: &[String],
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
            globals_hash: context_hash(globals, global_names),
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
    /// last build rendered an equal context, else `render()`'s. `names` are the
    /// variables the template reads (for the hash; equality covers the whole
    /// context whatever they are).
    pub fn get_or_render(
        &self,
        template: &str,
        names: &[String],
        context: &tera::Context,
        render: impl FnOnce() -> Result<Vec<u8>, Error>,
    ) -> Result<Vec<u8>, Error> {
        let key = (template.to_string(), context_hash(context, names));
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

/// A hash of the named variables of a context (absent ones count as absent).
fn context_hash(context: &tera::Context, names: &[String]) -> u64 {
    let mut h = DefaultHasher::new();
    for name in names {
        h.write(name.as_bytes());
        match context.get(name) {
            Some(v) => {
                h.write_u8(1);
                hash_value(v, &mut h);
            }
            None => h.write_u8(0),
        }
    }
    h.finish()
}

/// Hashes a Tera value: its kind, its contents, whether a string is safe; the
/// entries of a map in any order.
fn hash_value(v: &tera::Value, h: &mut DefaultHasher) {
    v.kind().hash(h);
    if let Some(s) = v.as_str() {
        h.write(s.as_bytes());
        h.write_u8(u8::from(v.is_safe()));
    } else if let Some(items) = v.as_array() {
        h.write_usize(items.len());
        for item in items {
            hash_value(item, h);
        }
    } else if let Some(map) = v.as_map() {
        h.write_usize(map.len());
        let mut sum: u64 = 0;
        for (k, item) in map {
            let mut e = DefaultHasher::new();
            match k.as_str() {
                Some(s) => e.write(s.as_bytes()),
                None => e.write(k.to_string().as_bytes()),
            }
            hash_value(item, &mut e);
            sum = sum.wrapping_add(e.finish());
        }
        h.write_u64(sum);
    } else if let Some(b) = v.as_bool() {
        h.write_u8(u8::from(b));
    } else if v.is_f64() {
        h.write_u64(v.as_f64().unwrap_or_default().to_bits());
    } else if let Some(n) = v.as_i128() {
        h.write_i128(n);
    } else if let Some(n) = v.as_u128() {
        h.write_u128(n);
    } else if let Some(b) = v.as_bytes() {
        h.write(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(title: &str) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("title", title);
        c
    }

    fn names() -> Vec<String> {
        vec!["title".into(), "n".into()]
    }

    fn render_count(memo: &Memo, c: &tera::Context, counter: &mut usize) -> Vec<u8> {
        memo.get_or_render("page.html", &names(), c, || {
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
        memo.begin(std::iter::empty(), &globals, &names(), "x".into());
        render_count(&memo, &ctx("a"), &mut renders);
        render_count(&memo, &ctx("b"), &mut renders);
        assert_eq!(memo.end(), MemoStats { hits: 0, misses: 2 });

        memo.begin(std::iter::empty(), &globals, &names(), "x".into());
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
        memo.begin(
            [("a.html", &b"1"[..])].into_iter(),
            &globals,
            &names(),
            "x".into(),
        );
        render_count(&memo, &ctx("a"), &mut renders);
        memo.end();
        memo.begin(
            [("a.html", &b"2"[..])].into_iter(),
            &globals,
            &names(),
            "x".into(),
        );
        render_count(&memo, &ctx("a"), &mut renders);
        memo.end();
        globals.insert("title", "new title");
        memo.begin(
            [("a.html", &b"2"[..])].into_iter(),
            &globals,
            &names(),
            "x".into(),
        );
        render_count(&memo, &ctx("a"), &mut renders);
        memo.end();
        memo.begin(
            [("a.html", &b"2"[..])].into_iter(),
            &globals,
            &names(),
            "y".into(),
        );
        render_count(&memo, &ctx("a"), &mut renders);
        memo.end();
        assert_eq!(renders, 4);
    }

    #[test]
    fn maps_match_whatever_their_order() {
        #[derive(serde::Serialize)]
        struct Inner {
            a: &'static str,
            b: u32,
            c: Vec<&'static str>,
        }
        let memo = Memo::new();
        let mut renders = 0;
        let names = vec!["title".to_string()];
        for _ in 0..3 {
            memo.begin(
                std::iter::empty(),
                &tera::Context::new(),
                &names,
                "x".into(),
            );
            // A fresh map each time: Tera's maps are hash maps with random order.
            let mut c = tera::Context::new();
            c.insert(
                "title",
                &Inner {
                    a: "x",
                    b: 2,
                    c: vec!["y"],
                },
            );
            memo.get_or_render("p.html", &names, &c, || {
                renders += 1;
                Ok(Vec::new())
            })
            .unwrap();
            memo.end();
        }
        assert_eq!(renders, 1);
    }

    #[test]
    fn contexts_equal_under_eq_but_printed_differently_are_kept_apart() {
        let memo = Memo::new();
        let mut renders = 0;
        memo.begin(
            std::iter::empty(),
            &tera::Context::new(),
            &names(),
            "x".into(),
        );
        let mut one = tera::Context::new();
        one.insert("n", &1u32);
        let mut one_f = tera::Context::new();
        one_f.insert("n", &1.0f64);
        for c in [&one, &one_f] {
            memo.get_or_render("p.html", &names(), c, || {
                renders += 1;
                Ok(Vec::new())
            })
            .unwrap();
        }
        assert_eq!(renders, 2);
    }
}
