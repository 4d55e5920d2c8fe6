//! Writes a generated corpus as a gongkai site: `cargo run --release --example corpus -- N DIR [SEED]`.
//! The benchmark (`scripts/bench`) uses it; the generator itself is shared with the tests.

#[path = "../tests/support/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: corpus N DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let records = corpus::generate(n, seed);
    if let Err(e) = corpus::write_site(std::path::Path::new(dir), &records) {
        eprintln!("{dir}: {e}");
        std::process::exit(1);
    }
    eprintln!("wrote {n} records into {dir}");
}
