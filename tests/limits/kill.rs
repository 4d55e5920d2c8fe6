//! A build killed with SIGKILL while it writes leaves the output folder either
//! the complete old build or the complete new one, never a mixture, and the next
//! build succeeds and removes what the killed one left behind.
//!
//! Two generated sites of 2,000 records each take turns building into one output
//! folder. Each turn waits until the build has created its staging folder (it is
//! rendering and writing), then kills it after a delay drawn from a seeded
//! generator over the measured length of that phase, so kills land early, late
//! and after the swap. After every kill the output's file-hash manifest must
//! equal one of the two complete builds.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::corpus::{self, Rng};
use crate::support::{gongkai, leftovers, manifest};

const RECORDS: usize = 2000;
const KILLS: usize = 4;
const SEED: u64 = 20_190_922;

/// A temporary folder on tmpfs when there is one: these sites have thousands of
/// files, and disks here create files slowly.
fn scratch() -> tempfile::TempDir {
    let mut b = tempfile::Builder::new();
    b.prefix("gongkai-kill-");
    match Path::new("/dev/shm").is_dir() {
        true => b.tempdir_in("/dev/shm"),
        false => b.tempdir(),
    }
    .unwrap()
}

fn build_command(root: &Path, out: &Path) -> std::process::Command {
    let mut cmd = gongkai();
    cmd.arg("--quiet")
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output-dir")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// `.<name>.staging` beside `out`.
fn staging_of(out: &Path) -> PathBuf {
    let name = out.file_name().unwrap().to_string_lossy();
    out.with_file_name(format!(".{name}.staging"))
}

/// Starts a build and waits until it has created a fresh staging folder (not a
/// killed build's leftover). Returns the child and whether the staging folder
/// was seen before the build ended.
fn start_writing(root: &Path, out: &Path) -> (std::process::Child, bool) {
    let staging = staging_of(out);
    let stale = staging.symlink_metadata().ok().map(|m| m.ino());
    let mut child = build_command(root, out).spawn().unwrap();
    loop {
        if let Ok(m) = staging.symlink_metadata()
            && Some(m.ino()) != stale
        {
            return (child, true);
        }
        if child.try_wait().unwrap().is_some() {
            return (child, false);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn sigkill_mid_write_leaves_the_old_or_the_new_build() {
    // The kills are timed against a measured phase of the build.
    let _turn = crate::one_at_a_time();
    let dir = scratch();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    corpus::write_site(&a, &corpus::generate(RECORDS, 1)).unwrap();
    corpus::write_site(&b, &corpus::generate(RECORDS, 2)).unwrap();
    let out = dir.path().join("public");

    // The two complete builds, and how long the writing phase lasts.
    assert!(build_command(&a, &out).status().unwrap().success());
    let ma = manifest(&out);
    let reference = dir.path().join("reference-b");
    let (mut child, seen) = start_writing(&b, &reference);
    let started = Instant::now();
    assert!(child.wait().unwrap().success());
    assert!(seen, "never saw the staging folder");
    let window = started.elapsed();
    let mb = manifest(&reference);
    assert!(ma.len() > RECORDS / 2, "{} files", ma.len());
    assert_ne!(ma, mb);

    let mut rng = Rng::new(SEED);
    let mut outcomes = Vec::new();
    for turn in 0..KILLS {
        let (root, old, new) = match manifest(&out) == ma {
            true => (&b, &ma, &mb),
            false => (&a, &mb, &ma),
        };
        // Up to 5/4 of the writing phase, so some kills come after the swap.
        let delay = window.mul_f64(rng.below(1250) as f64 / 1000.0);
        let (mut child, writing) = start_writing(root, &out);
        std::thread::sleep(delay);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let killed = status.signal() == Some(libc::SIGKILL);
        let now = manifest(&out);
        let state = if now == *old {
            "old"
        } else if now == *new {
            "new"
        } else {
            let mixed = now
                .iter()
                .filter(|(k, v)| old.get(*k) != Some(v) && new.get(*k) != Some(v))
                .count();
            panic!(
                "turn {turn}: killed after {delay:?}, the output is neither build \
                 ({} files, {mixed} from neither)",
                now.len()
            );
        };
        outcomes.push(format!(
            "turn {turn}: {delay:?} into writing={writing}, killed={killed} → {state}"
        ));
    }
    eprintln!("{}", outcomes.join("\n"));
    assert!(
        outcomes
            .iter()
            .filter(|o| o.contains("killed=true"))
            .count()
            >= KILLS / 2,
        "too few builds were killed mid-way:\n{}",
        outcomes.join("\n")
    );

    // Whatever a killed build left beside the output, the next build removes,
    // and it succeeds.
    let (root, expected) = match manifest(&out) == ma {
        true => (&b, &mb),
        false => (&a, &ma),
    };
    let (mut child, _) = start_writing(root, &out);
    assert!(child.wait().unwrap().success());
    assert_eq!(manifest(&out), *expected);
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

/// Leftovers of a killed build — a half-written staging folder, an old build
/// moved aside by the non-atomic fallback — are removed by the next build and
/// never published.
#[test]
fn the_next_build_removes_leftovers() {
    let dir = scratch();
    let site = dir.path().join("site");
    corpus::write_site(&site, &corpus::generate(20, 3)).unwrap();
    let out = dir.path().join("public");
    for leftover in [".public.staging", ".public.old"] {
        let junk = dir.path().join(leftover).join("proposals/junk");
        std::fs::create_dir_all(&junk).unwrap();
        std::fs::write(junk.join("index.html"), "half-written").unwrap();
    }
    assert!(build_command(&site, &out).status().unwrap().success());
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    let m = manifest(&out);
    assert!(m.contains_key("index.html"));
    assert!(!m.keys().any(|k| k.contains("junk")), "{:?}", m.keys());
}
