//! A fixed xorshift for unit tests that want many varied inputs and the same
//! ones on every run (the integration tests have `tests/support/corpus/`'s
//! `Rng`).

/// `next(n)`: the next number below `n` of the xorshift started at `seed`.
pub fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}
