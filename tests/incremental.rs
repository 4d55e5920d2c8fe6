//! What `serve` shows never differs from a full build: after each edit of a
//! random sequence, the preview (content loaded with the cache of decoded files,
//! pages rendered on demand) holds the same files as a fresh build with the same
//! options, byte for byte — and the cache did its work.

#[path = "support/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::path::Path;

use gongkai::load::Cache;
use gongkai::pipeline::{self, BuildOptions, Timings};
use gongkai::serve::preview::Preview;
use gongkai::write::MemoryOutput;

fn options(root: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.render.minify = false;
    o.base_url = Some("http://127.0.0.1:1111/".into());
    o
}

fn fresh(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let o = options(root);
    let mut t = Timings::default();
    let model = pipeline::model(&o, &mut t).map_err(|e| e.to_string())?;
    let out = MemoryOutput::new();
    pipeline::render(&model, &o, &out, &mut t).map_err(|e| e.to_string())?;
    Ok(out.into_files())
}

fn cached(root: &Path, cache: &Cache) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let o = options(root);
    let model = pipeline::model_with(&o, &mut Timings::default(), Some(cache))
        .map_err(|e| e.to_string())?;
    let preview = Preview::new(model, o.render).map_err(|e| e.to_string())?;
    let files = preview.files().map_err(|e| e.to_string())?;
    Ok(files.into_iter().map(|(p, b)| (p, b.to_vec())).collect())
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, step: &str) {
    let ka: Vec<&String> = a.keys().collect();
    let kb: Vec<&String> = b.keys().collect();
    assert_eq!(ka, kb, "file lists differ after {step}");
    for (path, bytes) in a {
        assert!(bytes == &b[path], "{path} differs after {step}");
    }
}

#[test]
fn cached_builds_equal_fresh_builds_through_a_sequence_of_edits() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let records = corpus::generate(200, 7);
    corpus::write_site(root, &records).unwrap();
    let caches = Cache::default();
    let mut rng = corpus::Rng::new(99);

    let first = cached(root, &caches).unwrap();
    assert_same(&first, &fresh(root).unwrap(), "the first build");
    assert!(caches.len() > 200);

    let record_path = |i: usize| root.join(format!("content/proposals/{}.yaml", records[i].id));
    let mut removed = Vec::new();
    for step in 0..18 {
        let i = rng.below(records.len());
        let what = match step % 9 {
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
                r.replied_on = "2023-12-30".into();
                r.session = "2023-zx".into();
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
                std::fs::write(&p, text.replacen("某某区", "某某区新", 1)).unwrap();
                "site.yaml"
            }
            4 => {
                let p = record_path(i);
                if let Ok(text) = std::fs::read_to_string(&p) {
                    std::fs::write(&p, text.replacen("status: ", "status: x", 1)).unwrap();
                    assert!(cached(root, &caches).is_err(), "an error is an error");
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
            _ => {
                // A no-op save: same text, new modification time.
                let p = root.join("content/site.yaml");
                let text = std::fs::read(&p).unwrap();
                std::fs::write(&p, text).unwrap();
                "a save without changes"
            }
        };
        let served = cached(root, &caches).unwrap();
        assert_same(&served, &fresh(root).unwrap(), what);
    }

    // One more title edit: the cache does its job (one file decoded again).
    let p = (0..records.len())
        .map(record_path)
        .find(|p| p.exists())
        .unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replacen("title: \"", "title: \"再", 1)).unwrap();
    let served = cached(root, &caches).unwrap();
    let stats = caches.stats();
    assert!(stats.misses <= 1, "{stats:?}");
    assert!(stats.hits > 200, "{stats:?}");
    assert_same(&served, &fresh(root).unwrap(), "the last title edit");
}
