//! The `gongkai` binary: parse the command line, dispatch, report errors once.

use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: a build allocates and frees millions of
/// small strings (decoded fields, template contexts, index postings) on every
/// core. Measured on 10,000 and 100,000 generated records: 20-30% less time,
/// for ~5% more peak memory at 100,000 (docs/dev/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3): how long freed memory
/// stays reserved before it goes back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// 10 ms. The bundled mimalloc's own default is longer: at 10,000 `long-text`
/// records it peaked 30 MiB higher (152–155 against 121 MiB) for no gain in
/// speed. 0 (memory back at once) was needed while a million-character record
/// had to stay within the hostile-input test's 64 MiB; since record text
/// waits in a spill file and huge pages are off (below), that test passes
/// with 10 ms, and returning memory at once cost 0.3–0.5 s of system time at
/// 10,000 `long-text` records, the pages zeroed again by the kernel on the
/// next allocation (docs/dev/performance.md).
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Seeds for ahash's hash maps (Tera makes one for every map value of every
/// page's context) from a counter per thread. ahash's own source is one
/// counter shared by all threads, and the cores contended for its cache line:
/// 1% of the samples of a 10,000-record `typical` build. Seeds need to differ between maps,
/// not to be secret: the keys are the theme's and the records' field names.
struct SeedPerThread;

impl ahash::random_state::RandomSource for SeedPerThread {
    fn gen_hasher_seed(&self) -> usize {
        thread_local! {
            static NEXT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        }
        NEXT.with(|next| {
            // Threads start apart: the address of their own counter.
            let seed = next.get().wrapping_add(next as *const _ as usize);
            next.set(seed);
            seed
        })
    }
}

fn main() -> ExitCode {
    // Before any map is made; it fails only if one was.
    let _ = ahash::random_state::set_random_source(SeedPerThread);
    // SAFETY: sets a plain integer option; valid at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
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
