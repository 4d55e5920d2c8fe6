//! The integration tests: one binary, one module per subject, each running the
//! real `gongkai` binary or the library on fixture sites. Helpers are in
//! `tests/support/` (one module for every test binary).

#[path = "../support/mod.rs"]
mod support;

mod accountability;
mod bench_corpus;
mod check;
mod cli;
mod components;
mod content_model;
mod data_files;
mod diagnostics;
mod figures;
mod fuzz_regressions;
mod import;
mod incremental;
mod injection;
mod leaks;
mod output_folder;
mod pages;
mod personal_data;
mod references;
mod search_corpus;
mod search_index;
mod serve;
mod spill;
mod webmaster_day;
mod webmaster_inputs;
mod workflow_cli;
