//! The `gongkai` binary: parse the command line, dispatch, report errors once.

use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: a build allocates and frees millions of
/// small strings (decoded fields, template contexts, index postings) on every
/// core. Measured on 10,000 and 100,000 generated records: 20-30% less time,
/// for ~5% more peak memory at 100,000 (docs/dev/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc keeps its default purge delay (10 ms before freed memory goes
    // back to the system). A delay of 0 was once needed to keep a
    // million-character record within the hostile-input test's memory limit;
    // since record text waits in a spill file and huge pages are off (below)
    // that test passes with the default, and returning memory at once cost
    // 0.3–0.5 s of system time at 10,000 `long-text` records, the pages being
    // zeroed again on the next allocation (docs/dev/performance.md).
    //
    // No transparent huge pages (Debian's default is `always`): memory given
    // back and touched again was zeroed 2 MiB at a time. Measured at 10,000
    // records: system time 1.6 → 1.1 s (`long-text`), peak memory 15–25 MiB
    // lower (docs/dev/performance.md).
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = gongkai::cli::parse();
    let out = gongkai::cmd::reporter(&cli);
    match gongkai::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            out.error(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
