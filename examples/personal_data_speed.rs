//! Times the personal-data scanner (the figure in `src/personal_data.rs`):
//!
//!   cargo run --release --example personal_data_speed -- TEXT_FILE [MB] [RUNS]
//!
//! repeats the file's text to MB megabytes (default 200), scans it line by line
//! (a published text is a field or a paragraph, not one huge string) RUNS times
//! (default 5), and prints the median throughput and how many findings there were.
//! Throughput is over the thread's CPU time (the build machine is shared, so
//! wall time says more about the neighbours than about the scanner); the
//! median wall time is printed beside it.

use std::time::Instant;

use gongkai::personal_data::{Allowlist, scan};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: personal_data_speed TEXT_FILE [MB] [RUNS]");
        std::process::exit(2);
    };
    let mb: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let runs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let seed = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut text = String::with_capacity(mb << 20);
    while text.len() < mb << 20 {
        text.push_str(&seed);
        text.push('\n');
    }
    let lines: Vec<&str> = text.lines().collect();
    let allow = Allowlist::new(["12345", "027-84851234", "zwfw@wh.gov.cn"]);
    let mut cpu = Vec::new();
    let mut wall = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let (c, t) = (thread_cpu(), Instant::now());
        found = lines.iter().map(|l| scan(l, &allow).len()).sum::<usize>();
        wall.push(t.elapsed().as_secs_f64());
        cpu.push(thread_cpu() - c);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (cpu, wall) = (median(&mut cpu), median(&mut wall));
    println!(
        "{} MiB in {} texts: median {cpu:.3} s CPU ({wall:.3} s wall), {:.0} MB/s, {found} findings",
        text.len() >> 20,
        lines.len(),
        text.len() as f64 / 1e6 / cpu,
    );
}

/// This thread's CPU time in seconds.
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}
