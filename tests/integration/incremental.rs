//! What `serve` shows never differs from a full build: after each edit of a
//! random sequence, the preview (content loaded with the cache of decoded files,
//! pages rendered on demand) holds the same files as a fresh build with the same
//! options, byte for byte — and the cache did its work. Run twice: once reading
//! and comparing every file, once reading only what the real file watcher
//! reported (as `serve` does).

use crate::support::corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use gongkai::load::Changed;
use gongkai::output::MemorySink;
use gongkai::pipeline::{self, BuildOptions, Reuse, Timings};
use gongkai::serve::preview::Preview;

fn options(root: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.render.minify = false;
    o.base_url = Some("http://127.0.0.1:1111/".into());
    o
}

/// A build's files and its warnings (each as printed); or every problem, when
/// it failed.
type Built = Result<(BTreeMap<String, Vec<u8>>, Vec<String>), Vec<String>>;

/// Every diagnostic as printed, in the order found.
fn printed(diags: &gongkai::diagnostic::Diagnostics) -> Vec<String> {
    diags
        .iter()
        .map(|d| d.render(gongkai::diagnostic::Lang::En))
        .collect()
}

fn failed(e: gongkai::error::Error) -> Vec<String> {
    match e {
        gongkai::error::Error::Content(d) => printed(&d),
        e => vec![e.to_string()],
    }
}

fn fresh(root: &Path) -> Built {
    let o = options(root);
    let mut t = Timings::default();
    let model = pipeline::model(&o, &mut t).map_err(failed)?;
    let out = MemorySink::new();
    pipeline::render(&model, &o, &out, &mut t).map_err(failed)?;
    Ok((out.into_files(), printed(&model.warnings)))
}

/// As `serve` builds: files decoded and records checked again only where they
/// changed (`pipeline::Reuse`), pages rendered on demand.
fn cached(root: &Path, reuse: &Reuse, changed: &Changed) -> Built {
    let o = options(root);
    let model =
        pipeline::model_reusing(&o, &mut Timings::default(), reuse, changed).map_err(failed)?;
    let warnings = printed(&model.warnings);
    let preview = Preview::new(model, o.render).map_err(failed)?;
    let files = preview.files().map_err(|e| vec![e.to_string()])?;
    let files = files.into_iter().map(|(p, b)| (p, b.to_vec())).collect();
    Ok((files, warnings))
}

/// The same files, byte for byte, and the same warnings (or the same problems).
fn assert_same_build(a: &Built, b: &Built, step: &str) {
    match (a, b) {
        (Ok((fa, wa)), Ok((fb, wb))) => {
            assert_eq!(wa, wb, "warnings differ after {step}");
            assert_same(fa, fb, step);
        }
        (Err(ea), Err(eb)) => assert_eq!(ea, eb, "problems differ after {step}"),
        (a, b) => panic!(
            "after {step}, one build failed: {:?} / {:?}",
            a.as_ref().err(),
            b.as_ref().err()
        ),
    }
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, step: &str) {
    let ka: Vec<&String> = a.keys().collect();
    let kb: Vec<&String> = b.keys().collect();
    assert_eq!(ka, kb, "file lists differ after {step}");
    for (path, bytes) in a {
        assert!(bytes == &b[path], "{path} differs after {step}");
    }
}

/// What may have changed since the last build.
trait Changes {
    fn since_last(&mut self) -> Changed;
}

/// Not known: every file is read and compared.
struct Unknown;

impl Changes for Unknown {
    fn since_last(&mut self) -> Changed {
        Changed::Unknown
    }
}

/// What the watcher reported, waited for as `serve` does.
///
/// Each wait ends by writing a marker file into `static/` and lasts until the
/// watcher has reported it: its events come after those of every edit made
/// before it, so every edit is in. (A fixed wait of 400 ms, above the
/// watcher's 250 ms burst limit, was once too short on a loaded machine.)
struct Watched {
    reports: Receiver<Changed>,
    marker: PathBuf,
    writes: u32,
}

/// The marker, relative to the site folder: a static file of the site, so
/// both builds compared copy it alike.
const MARKER: &str = "static/watched.txt";

impl Watched {
    /// Starts the watcher on `root` (its `static/` made first, so that the
    /// marker's folder is watched from the start).
    fn start(root: &Path) -> Watched {
        std::fs::create_dir_all(root.join("static")).unwrap();
        Watched {
            reports: gongkai::serve::watch::start(root).unwrap(),
            marker: root.join(MARKER),
            writes: 0,
        }
    }
}

impl Changes for Watched {
    fn since_last(&mut self) -> Changed {
        self.writes += 1;
        std::fs::write(&self.marker, self.writes.to_string()).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut changed = Changed::Paths(Default::default());
        while !changed.includes(Path::new(MARKER)) {
            let left = deadline.saturating_duration_since(Instant::now());
            let more = self
                .reports
                .recv_timeout(left)
                .expect("the watcher reports the marker within a minute");
            changed = changed.merge(more);
        }
        while let Ok(more) = self.reports.try_recv() {
            changed = changed.merge(more);
        }
        changed
    }
}

#[test]
fn cached_builds_equal_fresh_builds_through_a_sequence_of_edits() {
    let dir = tempfile::tempdir().unwrap();
    let records = corpus::generate(200, 7);
    corpus::write_site(dir.path(), &records).unwrap();
    edit_and_compare(dir.path(), &records, &mut Unknown);
}

#[test]
fn builds_that_read_only_what_the_watcher_reported_equal_fresh_builds() {
    let dir = tempfile::tempdir().unwrap();
    let records = corpus::generate(200, 7);
    corpus::write_site(dir.path(), &records).unwrap();
    let mut watched = Watched::start(dir.path());
    // Nothing but the marker is reported while no one touches a file.
    assert_eq!(
        watched.since_last(),
        Changed::Paths([PathBuf::from(MARKER)].into())
    );
    let stats = edit_and_compare(dir.path(), &records, &mut watched);
    assert!(
        stats.unread > 200,
        "unchanged files were not read: {stats:?}"
    );
}

/// Edits the site at `root` in 13 ways, twice; after each, the cached build
/// (told what changed by `changes`) equals a fresh one: the same files and the
/// same warnings, or the same problems. Returns how the last cached load went
/// (after one title edit).
fn edit_and_compare(
    root: &Path,
    records: &[corpus::Record],
    changes: &mut dyn Changes,
) -> gongkai::load::CacheStats {
    let caches = Reuse::default();
    let mut rng = corpus::Rng::new(99);
    changes.since_last();

    let first = cached(root, &caches, &Changed::Unknown);
    assert!(first.is_ok(), "{:?}", first.as_ref().err());
    assert_same_build(&first, &fresh(root), "the first build");
    assert!(caches.files.len() > 200);
    assert!(caches.checks.checked() >= 200);

    let record_path = |i: usize| root.join(format!("content/proposals/{}.yaml", records[i].id));
    let mut removed = Vec::new();
    for step in 0..26 {
        let i = rng.below(records.len());
        let what = match step % 13 {
            0 => {
                // A title: the record's page, its neighbours, its lists change.
                let p = record_path(i);
                if let Ok(text) = std::fs::read_to_string(&p) {
                    std::fs::write(&p, text.replacen("title: \"关于", "title: \"关于尽快", 1))
                        .unwrap();
                }
                "a title"
            }
            1 => {
                // A new record, newest of all.
                let mut r = records[i].clone();
                r.id = format!("2023/new-{step}");
                r.replied = corpus::Replied::On("2023-12-30".into());
                r.session = "2023-zx".into();
                // Its own number: one number, one record (E064).
                r.number = format!("第{}号", 90_000 + step);
                let path = root.join(format!("content/proposals/{}.yaml", r.id));
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, corpus::record_yaml(&r)).unwrap();
                "a new record"
            }
            2 => {
                let p = record_path(i);
                if std::fs::remove_file(&p).is_ok() {
                    removed.push(i);
                }
                "a removed record"
            }
            3 => {
                let p = root.join("content/site.yaml");
                let text = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, text.replacen("江城区", "江城区新", 1)).unwrap();
                "site.yaml"
            }
            4 => {
                let p = record_path(i);
                if let Ok(text) = std::fs::read_to_string(&p) {
                    std::fs::write(&p, text.replacen("status: ", "status: x", 1)).unwrap();
                    let changed = changes.since_last();
                    let served = cached(root, &caches, &changed);
                    assert!(served.is_err(), "an error is an error");
                    assert_same_build(&served, &fresh(root), "an error");
                    std::fs::write(
                        &p,
                        text.replacen("disclosure: public", "disclosure: summary_only", 1),
                    )
                    .unwrap();
                }
                "an error, then a disclosure change"
            }
            5 => {
                std::fs::create_dir_all(root.join("templates")).unwrap();
                std::fs::write(
                    root.join("templates/record.html"),
                    "{% extends \"base.html\" %}{% block content %}<h1>{{ record.title }}</h1>\
                     <p>{{ record.status.text }}</p>{% endblock content %}",
                )
                .unwrap();
                "a template override"
            }
            6 => {
                let _ = std::fs::remove_file(root.join("templates/record.html"));
                "the override removed"
            }
            7 => {
                // A record renamed: gone under its old address, new under the other.
                let p = record_path(i);
                let to = p.with_file_name(format!("renamed-{step}.yaml"));
                if std::fs::rename(&p, &to).is_ok() {
                    removed.push(i);
                }
                "a renamed record"
            }
            9 => {
                // Terms: a new topic and another host unit (the taxonomies,
                // the units' figures, the slug check).
                let p = record_path(i);
                if let Ok(text) = std::fs::read_to_string(&p) {
                    let text = text
                        .replacen("topics: [", &format!("topics: [\"新主题{step}\", "), 1)
                        .replacen("host_unit: \"", "host_unit: \"新", 1);
                    std::fs::write(&p, text).unwrap();
                }
                "a record's topics and host unit"
            }
            10 => {
                // A session file: its name, and figures it declares.
                let dir = root.join("content/sessions");
                let mut files: Vec<_> = std::fs::read_dir(&dir)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                files.sort();
                let p = &files[step % files.len()];
                let text = std::fs::read_to_string(p).unwrap();
                std::fs::write(p, text.replacen("name: ", "name: 改", 1)).unwrap();
                "a session file"
            }
            11 => {
                // Two records with one number (E064, across records), then fixed.
                let (p, q) = (record_path(i), record_path((i + 1) % records.len()));
                if let (Ok(text), Ok(other)) =
                    (std::fs::read_to_string(&p), std::fs::read_to_string(&q))
                {
                    let number = |t: &str| {
                        t.lines()
                            .find(|l| l.starts_with("number:"))
                            .map(String::from)
                    };
                    let session = |t: &str| {
                        t.lines()
                            .find(|l| l.starts_with("session:"))
                            .map(String::from)
                    };
                    if let (Some(mine), Some(theirs), true) = (
                        number(&text),
                        number(&other),
                        session(&text) == session(&other),
                    ) {
                        std::fs::write(&p, text.replacen(&mine, &theirs, 1)).unwrap();
                        let changed = changes.since_last();
                        let served = cached(root, &caches, &changed);
                        assert_same_build(&served, &fresh(root), "a duplicate number");
                        std::fs::write(&p, &text).unwrap();
                    }
                }
                "a duplicate number, then fixed"
            }
            12 => {
                // A mobile number in a title (E049), then removed.
                let p = record_path(i);
                if let Ok(text) = std::fs::read_to_string(&p) {
                    std::fs::write(&p, text.replacen("title: \"", "title: \"13812345678", 1))
                        .unwrap();
                    let changed = changes.since_last();
                    let served = cached(root, &caches, &changed);
                    assert_same_build(&served, &fresh(root), "a mobile number");
                    // Listed as public in site.yaml: the record did not change,
                    // but its kept check result no longer holds.
                    let site = root.join("content/site.yaml");
                    let before = std::fs::read_to_string(&site).unwrap();
                    std::fs::write(
                        &site,
                        format!("{before}public_contacts: [\"13812345678\"]\n"),
                    )
                    .unwrap();
                    let changed = changes.since_last();
                    let served = cached(root, &caches, &changed);
                    assert!(served.is_ok(), "{:?}", served.as_ref().err());
                    assert_same_build(&served, &fresh(root), "the number listed as public");
                    std::fs::write(&site, before).unwrap();
                    std::fs::write(&p, &text).unwrap();
                }
                "a mobile number, then listed as public, then removed"
            }
            _ => {
                // A no-op save: same text, new modification time.
                let p = root.join("content/site.yaml");
                let text = std::fs::read(&p).unwrap();
                std::fs::write(&p, text).unwrap();
                "a save without changes"
            }
        };
        let served = cached(root, &caches, &changes.since_last());
        assert_same_build(&served, &fresh(root), what);
    }

    // One more title edit: the cache does its job (one file decoded again).
    let p = (0..records.len())
        .map(record_path)
        .find(|p| p.exists())
        .unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replacen("title: \"", "title: \"再", 1)).unwrap();
    let served = cached(root, &caches, &changes.since_last());
    let stats = caches.files.stats();
    assert!(stats.misses <= 1, "{stats:?}");
    assert!(stats.hits > 200, "{stats:?}");
    // …and the record checks theirs: only the edited record checked again.
    assert_eq!(caches.checks.checked(), 1);
    assert_same_build(&served, &fresh(root), "the last title edit");
    stats
}
