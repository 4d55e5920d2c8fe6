//! Times the search index alone (the index figures in docs/dev/results.md):
//!
//!   cargo run --release --example search_time -- SITE_DIR OUT_DIR [RUNS]
//!
//! loads the site, then builds and writes its index into OUT_DIR (put it on
//! tmpfs) RUNS times (default 3), and prints the files, bytes and the median
//! wall time, and the median CPU time (user + system) of the index alone. It
//! uses the binary's allocator (mimalloc, freed memory returned at once), so
//! the figures are the build's. The full build (`gongkai build`) does the same
//! work last, after the pages.

use std::time::Instant;

use gongkai::output::DirSink;
use gongkai::pipeline::{self, BuildOptions, Timings};

/// As in src/main.rs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// User plus system CPU time of this process so far, in seconds.
fn cpu() -> f64 {
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn main() {
    // SAFETY: sets a plain integer option; valid at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
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
    let mut cpus = Vec::new();
    let mut stats = None;
    for _ in 0..runs.max(1) {
        let _ = std::fs::remove_dir_all(out);
        let output = DirSink::new(out);
        let start = Instant::now();
        let start_cpu = cpu();
        match gongkai::search::write_index(&model.site, false, &output) {
            Ok(s) => stats = Some(s),
            Err(e) => {
                eprintln!("{out}: {e}");
                std::process::exit(1);
            }
        }
        times.push(start.elapsed().as_secs_f64());
        cpus.push(cpu() - start_cpu);
    }
    times.sort_by(f64::total_cmp);
    cpus.sort_by(f64::total_cmp);
    let stats = stats.unwrap_or_default();
    println!(
        "{} records: {} index files, {} bytes, {:.0} ms (median of {}), CPU {:.0} ms",
        model.site.records.len(),
        stats.files,
        stats.bytes,
        times[times.len() / 2] * 1000.0,
        times.len(),
        cpus[cpus.len() / 2] * 1000.0
    );
}
