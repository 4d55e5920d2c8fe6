//! Tests that measure time and memory or kill builds: the cost of hostile input,
//! SIGKILL in mid-write, and `serve` under hostile clients. A binary of their
//! own, so the rest of the suite does not run beside them and skew their clocks
//! (cargo runs test binaries one after another).

#[path = "../support/mod.rs"]
mod support;

mod hostile;
mod kill;
mod serve_hardening;
