//! The I/O floor of a build: writes the same files (same paths, same sizes) as a
//! finished build, doing no other work, so the benchmark can say how far a build
//! is from the cost of just creating its output.
//!
//! ```text
//! find public -type f -printf '%s\t%P\n' > manifest.tsv
//! cargo run --release --example iofloor -- manifest.tsv OUT
//! ```
//!
//! Folders are created once, up front; the files are then written in parallel
//! (rayon, one task per file, as gongkai's renderer hands out pages), each from
//! one shared buffer of filler bytes.

use std::path::Path;

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [manifest, out] = args.as_slice() else {
        eprintln!("usage: iofloor MANIFEST OUT   (MANIFEST: lines of `size<TAB>relative path`)");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(manifest).unwrap_or_else(|e| fail(manifest, e));
    let files: Vec<(usize, &str)> = text
        .lines()
        .filter_map(|line| {
            let (size, path) = line.split_once('\t')?;
            Some((size.parse().ok()?, path))
        })
        .collect();
    let out = Path::new(out);
    let mut dirs: Vec<&Path> = files
        .iter()
        .filter_map(|(_, p)| Path::new(p).parent())
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        let dir = out.join(dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&dir.display().to_string(), e));
    }
    let largest = files.iter().map(|(s, _)| *s).max().unwrap_or(0);
    let filler = vec![b'x'; largest];
    files.par_iter().for_each(|(size, path)| {
        let target = out.join(path);
        std::fs::write(&target, &filler[..*size])
            .unwrap_or_else(|e| fail(&target.display().to_string(), e));
    });
    eprintln!("wrote {} files into {}", files.len(), out.display());
}

fn fail(what: &str, e: std::io::Error) -> ! {
    eprintln!("{what}: {e}");
    std::process::exit(1)
}
