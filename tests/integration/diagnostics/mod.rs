//! One test per content problem the core pipeline must refuse (issue 2): each
//! builds a small broken site, runs the real binary, and asserts the exact first
//! line of the diagnostic — file, line, column, code and message. This folder has
//! the problems of reading files and of single fields (`syntax.rs`: YAML that does
//! not parse; `fields.rs`: fields, values, files and the warnings about them) and
//! how many diagnostics the terminal shows (`summary.rs`); `references.rs` has the
//! checks across files, of site.yaml and of session figures.

mod fields;
mod summary;
mod syntax;

use crate::support::{Fixture, RECORD};

const R1: &str = "content/proposals/2019/0001.yaml";

#[test]
fn a_valid_record_passes() {
    let f = Fixture::with_record(RECORD);
    let run = f.check();
    run.assert_exit(0);
    assert!(run.headlines().is_empty(), "{}", run.stderr);
}

/// Every code gongkai can print is asserted by some test under `tests/` (as
/// `[Exxx]` in an expected headline, or `"Exxx"` given to a helper), so a new
/// problem comes with its test.
#[test]
fn every_code_has_a_test() {
    fn read_rs(dir: &std::path::Path, tests: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                read_rs(&path, tests);
            } else if path.extension().is_some_and(|e| e == "rs") {
                tests.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let mut tests = String::new();
    read_rs(&crate::support::repo("tests"), &mut tests);
    assert!(tests.contains("fn every_code_has_a_test"), "read tests/");
    let untested: Vec<&str> = gongkai::diagnostic::Problem::catalogue()
        .iter()
        .map(|p| p.code())
        .filter(|code| {
            !tests.contains(&format!("[{code}]")) && !tests.contains(&format!("\"{code}\""))
        })
        .collect();
    assert!(untested.is_empty(), "no test asserts {untested:?}");
}
