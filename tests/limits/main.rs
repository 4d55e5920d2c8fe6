//! Tests that measure time and memory or kill builds: the cost of hostile input,
//! SIGKILL in mid-write, and `serve` under hostile clients. A binary of their
//! own, so the rest of the suite does not run beside them and skew their clocks
//! (cargo runs test binaries one after another).

#[path = "../support/mod.rs"]
mod support;

/// The tests that measure — a child's time and memory, the phase of a build a
/// kill is timed against, a server's answer under load — take turns, so they
/// do not slow each other down; the tests that measure nothing go on beside.
pub fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

mod input;
mod kill;
mod serve_hardening;
