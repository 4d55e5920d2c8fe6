//! Writes a generated corpus as a gongkai site, or the same records as a Hugo site:
//!
//! ```text
//! cargo run --release --example corpus -- N DIR [SEED]          gongkai: DIR/content/…
//! cargo run --release --example corpus -- --hugo N DIR [SEED]   Hugo: DIR/config.yaml, content/, layouts/
//! ```
//!
//! The benchmark (`scripts/bench`) uses it; the generator itself is shared with
//! the tests (`tests/support/corpus.rs`), so both sites hold the same records.

#[path = "../tests/support/corpus.rs"]
mod corpus;

use std::path::Path;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let hugo = args.first().is_some_and(|a| a == "--hugo");
    if hugo {
        args.remove(0);
    }
    let (Some(n), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: corpus [--hugo] N DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let records = corpus::generate(n, seed);
    let dir = Path::new(dir);
    let written = if hugo {
        corpus::write_hugo_site(dir, &records).and_then(|()| {
            let layouts = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/hugo/layouts");
            copy_dir(&layouts, &dir.join("layouts"))
        })
    } else {
        corpus::write_site(dir, &records)
    };
    if let Err(e) = written {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    let tool = if hugo { "Hugo" } else { "gongkai" };
    eprintln!("wrote {n} records as a {tool} site into {}", dir.display());
}

/// Copies a folder tree (the Hugo layouts) file by file.
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
