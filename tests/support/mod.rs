//! Test support shared with the benchmark: the deterministic corpus generator.

pub mod corpus;
