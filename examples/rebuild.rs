//! Times `serve`'s rebuild after a one-record edit, without HTTP or a watcher:
//!
//! ```text
//! cargo run --release --example rebuild -- SITE [EDITS]
//! ```
//!
//! Prepares SITE as `serve` does (the cache of decoded files and of record
//! checks, no minification),
//! then EDITS times (default 5) changes the title of the first record file,
//! prepares the site again (told, as the watcher would, that only that file
//! changed) and renders that record's page, printing the stage
//! times. For profiling (`perf record`); the benchmark measures the same through
//! `gongkai serve`, edit to changed page (`scripts/bench`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use std::collections::BTreeSet;

use gongkai::load::Changed;
use gongkai::pipeline::{self, BuildOptions, Timings};
use gongkai::serve::preview::Preview;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: rebuild SITE [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(5);
    let mut options = BuildOptions::new(&root);
    options.render.minify = false;
    options.base_url = Some("http://127.0.0.1:1111/".into());
    let reuse = pipeline::Reuse::default();
    let file = first_record(&root.join("content/proposals"));
    let original = std::fs::read_to_string(&file).unwrap();
    let page = {
        let rel = file.strip_prefix(root.join("content/proposals")).unwrap();
        format!("proposals/{}/index.html", rel.with_extension("").display())
    };
    // What the watcher reports after the edit: the one file.
    let changed = Changed::Paths(BTreeSet::from([file.strip_prefix(&root).unwrap().into()]));
    let build = |label: &str, changed: &Changed| {
        let started = Instant::now();
        let mut timings = Timings::default();
        let model = pipeline::model_reusing(&options, &mut timings, &reuse, changed).unwrap();
        let t = Instant::now();
        let preview = Preview::new(model, options.render.clone()).unwrap();
        timings.stages.push(("index", t.elapsed()));
        let t = Instant::now();
        let bytes = preview.get(&page).expect("the record's page").unwrap();
        timings.stages.push(("page", t.elapsed()));
        let stages: Vec<String> = timings
            .stages
            .iter()
            .map(|(s, d)| format!("{s} {:.0}", d.as_secs_f64() * 1000.0))
            .collect();
        eprintln!(
            "{label}: {:.0} ms ({}), page {} bytes, {:?}, {} records checked",
            started.elapsed().as_secs_f64() * 1000.0,
            stages.join(", "),
            bytes.len(),
            reuse.files.stats(),
            reuse.checks.checked()
        );
    };
    build("first build", &Changed::Unknown);
    for i in 1..=edits {
        std::fs::write(
            &file,
            original.replacen("title: \"", &format!("title: \"改{i}"), 1),
        )
        .unwrap();
        build(&format!("edit {i}"), &changed);
    }
    std::fs::write(&file, original).unwrap();
}

fn first_record(dir: &Path) -> PathBuf {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let first = entries.remove(0);
    if first.is_dir() {
        first_record(&first)
    } else {
        first
    }
}
