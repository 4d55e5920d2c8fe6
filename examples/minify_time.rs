//! Times the whitespace minifier over every page of an unminified build:
//! `gongkai build --no-minify -o DIR`, then `minify_time DIR`.
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: minify_time DIR");
    let pages: Vec<Vec<u8>> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| std::fs::read(e.path()).expect("read"))
        .collect();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut best = f64::MAX;
    let mut out = 0;
    for _ in 0..5 {
        let start = Instant::now();
        out = pages
            .iter()
            .map(|p| gongkai::render::minify(p).len())
            .sum::<usize>();
        best = best.min(start.elapsed().as_secs_f64());
    }
    let hash = pages.iter().fold(0u64, |h, p| {
        gongkai::render::minify(p)
            .iter()
            .fold(h, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)))
    });
    println!(
        "{} pages, {:.1} MB → {:.1} MB in {:.0} ms (best of 5), {:.0} MB/s, hash {hash:x}",
        pages.len(),
        bytes as f64 / 1e6,
        out as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best
    );
}
