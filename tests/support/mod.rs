//! Test support shared with the benchmark: the deterministic corpus generator
//! and the plain text the search oracles scan.

pub mod corpus;
pub mod plain;
