//! The `gongkai` binary: parse the command line, dispatch, report errors once.

use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: a build allocates and frees millions of
/// small strings (decoded fields, template contexts, index postings) on every
/// core. Measured on 10,000 and 100,000 generated records: 20-30% less time,
/// for ~5% more peak memory at 100,000 (docs/dev/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3): how long freed memory
/// stays reserved before it goes back to the system (default 10 ms).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Immediately: with the default delay, a record holding a million-character
    // summary peaked 90 MiB higher (tests/limits/input.rs allows 64 MiB), as the
    // copies of its text were freed and made again within milliseconds.
    // SAFETY: sets a plain integer option; valid at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    // No transparent huge pages (Debian's default is `always`): each purge
    // above gave back 2 MiB pages that the kernel then zeroed whole when they
    // were touched again. Measured at 10,000 records: system time 1.6 → 1.1 s
    // (`long-text`), peak memory 15–25 MiB lower (docs/dev/performance.md).
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
