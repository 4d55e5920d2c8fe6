//! Content hashing: one stable hash for every place that names bytes by their
//! content (the theme's fingerprinted asset names, `serve`'s ETags). Kept
//! apart from both, so neither reaches into the other for it.

/// FNV-1a, 64 bit: a stable content hash (std's hasher may change between Rust releases).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
