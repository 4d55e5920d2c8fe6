//! gongkai (公开): a static site generator for publishing how a government
//! handled the proposals of CPPCC members and the suggestions of congress
//! deputies (建议提案办理结果公开).
//!
//! Data flows one way, one module per stage:
//!
//! | stage | module | does |
//! |---|---|---|
//! | load | [`load`] | walk `content/`, parse YAML with positions, decode typed values |
//! | validate | [`validate`] | cross-file checks, filing formats, figures |
//! | model | [`model`] | the published view of records, sessions, taxonomies |
//! | render | [`render`] | Markdown, Tera templates, the embedded theme; [`search`] writes the search index |
//! | | [`output`] | open data, Atom feed, sitemap, robots.txt (called by render) |
//! | write | [`write`] | a staging folder swapped into place atomically |
//!
//! [`pipeline`] runs them in order; [`cmd`] holds one file per subcommand.

pub mod cli;
pub mod cmd;
pub mod content;
pub mod diagnostic;
pub mod error;
pub mod fs;
pub mod import;
pub mod linkcheck;
pub mod load;
pub mod model;
pub mod output;
pub mod personal_data;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod validate;
pub mod write;

pub use error::Error;
