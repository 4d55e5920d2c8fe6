//! gongkai (公开): a static site generator for publishing how a government
//! handled the proposals of CPPCC members and the suggestions of congress
//! deputies (建议提案办理结果公开).
//!
//! Data flows one way, and so do the imports between these modules:
//!
//! | layer | modules | does |
//! |---|---|---|
//! | kernel | [`fs`], [`error`], [`diagnostic`], [`sink`], [`yaml`], [`text`], [`hash`], [`base_url`], [`personal_data`] | shared helpers every stage may use |
//! | input | [`content`], [`load`] | the input files as types; reading `content/` into them |
//! | model | [`model`] | the published view of records, sessions, taxonomies, figures |
//! | validate | [`validate`] | cross-file checks |
//! | producers | [`render`], [`search`], [`data`] | pages; the search index; open data, feed, sitemaps |
//! | output | [`output`] | the composition root: every file of the site into a staging folder or memory |
//! | run | [`pipeline`] | the stages in order, timed |
//! | face | [`cmd`], [`cli`], [`report`], [`serve`], [`import`], [`linkcheck`] | the command line and the terminal |
//!
//! A module uses only what the "Allowed imports" table of
//! docs/dev/architecture.md allows; `tests/docs/architecture.rs` enforces it.
//!
//! These docs are for the engineers who work on gongkai, private items
//! included: `cargo doc --document-private-items` (scripts/test builds them
//! with warnings as errors), so a doc comment may link to a private item.
#![allow(rustdoc::private_intra_doc_links)]

pub mod base_url;
pub mod cli;
pub mod cmd;
pub mod content;
pub mod data;
pub mod diagnostic;
pub mod error;
pub mod fs;
pub mod hash;
pub mod import;
pub mod linkcheck;
pub mod load;
pub mod model;
pub mod output;
pub mod personal_data;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod sink;
pub mod text;
pub mod validate;
pub mod yaml;

#[cfg(test)]
mod test_rng;

pub use error::Error;
