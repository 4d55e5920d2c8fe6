//! Writes a generated corpus as a gongkai site, or the same records as a Hugo site:
//!
//! ```text
//! cargo run --release --example corpus -- [--hugo] [--shape NAME] [--KNOB VALUE…] N DIR [SEED]
//! cargo run --release --example corpus -- --list     the shapes and their knobs, as Markdown
//! cargo run --release --example corpus -- --names    the shapes' names, one a line
//! ```
//!
//! `--hugo` writes DIR/config.yaml, content/ and layouts/ (from bench/hugo/layouts);
//! without it, DIR/content/… for gongkai. `--shape` picks one of the named shapes
//! (default `typical`); each knob can then be overridden (`--shape terse
//! --withheld 40`). The same N, shape, knobs and seed always give the same records.
//!
//! The benchmark (`scripts/bench`) uses it; the generator itself is shared with
//! the tests (`tests/support/corpus/`), so both sites hold the same records.

#[path = "../tests/support/corpus/mod.rs"]
mod corpus;

use std::path::Path;

use corpus::{Knobs, SHAPES};

fn main() {
    let mut hugo = false;
    let mut shape = "typical".to_string();
    let mut overrides: Vec<(String, String)> = Vec::new();
    let mut positional: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--hugo" => hugo = true,
            "--list" => {
                print!("{}", list());
                return;
            }
            "--names" => {
                for s in SHAPES {
                    println!("{}", s.name);
                }
                return;
            }
            "-h" | "--help" => {
                eprint!("{}", usage());
                return;
            }
            flag if flag.starts_with("--") => {
                let Some(value) = args.next() else {
                    fail(&format!("{flag} needs a value\n{}", usage()));
                };
                if flag == "--shape" {
                    shape = value;
                } else {
                    overrides.push((flag[2..].to_string(), value));
                }
            }
            _ => positional.push(arg),
        }
    }
    let Some(mut knobs) = Knobs::shape(&shape) else {
        let names: Vec<&str> = SHAPES.iter().map(|s| s.name).collect();
        fail(&format!("no shape {shape:?}; shapes: {}", names.join(", ")));
    };
    for (name, value) in &overrides {
        if let Err(e) = knobs.set(name, value) {
            fail(&format!("--{name}: {e}\n{}", usage()));
        }
    }
    let (Some(n), Some(dir)) = (
        positional.first().and_then(|n| n.parse::<usize>().ok()),
        positional.get(1),
    ) else {
        fail(&usage());
    };
    let seed = positional.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let records = corpus::generate_with(n, seed, &knobs);
    let dir = Path::new(dir);
    let written = if hugo {
        corpus::write_hugo_site_with(dir, &records, &knobs).and_then(|()| {
            let layouts = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/hugo/layouts");
            copy_dir(&layouts, &dir.join("layouts"))
        })
    } else {
        corpus::write_site_with(dir, &records, &knobs)
    };
    if let Err(e) = written {
        fail(&format!("{}: {e}", dir.display()));
    }
    let tool = if hugo { "Hugo" } else { "gongkai" };
    eprintln!(
        "wrote {n} records ({shape}) as a {tool} site into {}",
        dir.display()
    );
}

fn usage() -> String {
    let mut u = String::from(
        "usage: corpus [--hugo] [--shape NAME] [--KNOB VALUE…] N DIR [SEED]\n       corpus --list | --names\nknobs:\n",
    );
    for (name, help, value) in Knobs::typical().describe() {
        u.push_str(&format!("  --{name:<18} {help} (typical: {value})\n"));
    }
    u
}

/// The shapes as Markdown: one line each, then a table of their knobs.
fn list() -> String {
    let mut out = String::new();
    for s in SHAPES {
        out.push_str(&format!("- `{}`: {}\n", s.name, s.about));
    }
    let described: Vec<_> = SHAPES.iter().map(|s| (s.knobs)().describe()).collect();
    out.push_str("\n| knob |");
    for s in SHAPES {
        out.push_str(&format!(" {} |", s.name));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(SHAPES.len()));
    out.push('\n');
    for (row, (name, _, _)) in described[0].iter().enumerate() {
        out.push_str(&format!("| {name} |"));
        for d in &described {
            out.push_str(&format!(" {} |", d[row].2));
        }
        out.push('\n');
    }
    out
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2)
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
