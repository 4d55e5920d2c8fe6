//! Times the search index alone (the index figures in docs/dev/results.md):
//!
//!   cargo run --release --example search_time -- SITE_DIR OUT_DIR [RUNS]
//!
//! loads the site, then builds and writes its index into OUT_DIR (put it on
//! tmpfs) RUNS times (default 3), and prints the files, bytes and the median
//! wall time. The full build (`gongkai build`) does the same work, in parallel
//! with rendering the pages.

use std::time::Instant;

use gongkai::output::DirSink;
use gongkai::pipeline::{self, BuildOptions, Timings};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(root), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: search_time SITE_DIR OUT_DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let model = match pipeline::model(&BuildOptions::new(root), &mut Timings::default()) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{root}: {e}");
            std::process::exit(1);
        }
    };
    let mut times = Vec::new();
    let mut stats = None;
    for _ in 0..runs.max(1) {
        let _ = std::fs::remove_dir_all(out);
        let output = DirSink::new(out);
        let start = Instant::now();
        match gongkai::search::write_index(&model.site, false, &output) {
            Ok(s) => stats = Some(s),
            Err(e) => {
                eprintln!("{out}: {e}");
                std::process::exit(1);
            }
        }
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let stats = stats.unwrap_or_default();
    println!(
        "{} records: {} index files, {} bytes, {:.0} ms (median of {})",
        model.site.records.len(),
        stats.files,
        stats.bytes,
        times[times.len() / 2] * 1000.0,
        times.len()
    );
}
