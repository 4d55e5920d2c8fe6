//! One build for `serve`: into memory, with caches, reported to the terminal.

use std::collections::HashMap;
use std::time::Instant;

use axum::body::Bytes;

use crate::cmd::{Output, print_diagnostics, report_error};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::pipeline::{self, BuildOptions, Caches};

/// The result of one build: the site's files, or why there are none.
pub enum Built {
    Site {
        /// Site-relative path → contents.
        files: HashMap<String, Bytes>,
    },
    Failed {
        /// Content problems (every one found), if that is why.
        diags: Diagnostics,
        /// The error message (a template error, an unreadable folder…).
        message: String,
    },
}

/// Builds the site again and again with the same options, keeping caches.
pub struct Rebuilder {
    options: BuildOptions,
    caches: Caches,
    out: Output,
    builds: std::cell::Cell<u64>,
}

impl Rebuilder {
    pub fn new(options: BuildOptions, out: Output) -> Rebuilder {
        Rebuilder {
            options,
            caches: Caches::default(),
            out,
            builds: std::cell::Cell::new(0),
        }
    }

    /// Builds, prints one line (or the problems) and returns the result.
    pub fn build(&self) -> Built {
        let started = Instant::now();
        let first = self.builds.get() == 0;
        self.builds.set(self.builds.get() + 1);
        let lang = self.out.lang;
        match pipeline::build_in_memory(&self.options, &self.caches) {
            Ok((files, report)) => {
                print_diagnostics(&report.warnings, self.out);
                if self.out.verbose {
                    crate::cmd::print_timings(&report.timings);
                    let s = self.caches.stats();
                    eprintln!(
                        "  {}",
                        match lang {
                            crate::diagnostic::Lang::Zh => format!(
                                "重新读取 {} 个文件（沿用 {} 个），重新渲染 {} 个页面（沿用 {} 个）",
                                s.files.misses, s.files.hits, s.pages.misses, s.pages.hits
                            ),
                            crate::diagnostic::Lang::En => format!(
                                "decoded {} files ({} reused), rendered {} pages ({} reused)",
                                s.files.misses, s.files.hits, s.pages.misses, s.pages.hits
                            ),
                        }
                    );
                }
                if !self.out.quiet {
                    let ms = started.elapsed().as_millis();
                    let (pages, records) = (report.stats.pages, report.records);
                    eprintln!(
                        "{}",
                        match (lang, first) {
                            (crate::diagnostic::Lang::Zh, true) =>
                                format!("已生成 {pages} 个页面（{records} 件记录），用时 {ms} 毫秒"),
                            (crate::diagnostic::Lang::Zh, false) => format!(
                                "已重新生成 {pages} 个页面（{records} 件记录），用时 {ms} 毫秒"
                            ),
                            (crate::diagnostic::Lang::En, true) =>
                                format!("built {pages} pages ({records} records) in {ms} ms"),
                            (crate::diagnostic::Lang::En, false) =>
                                format!("rebuilt {pages} pages ({records} records) in {ms} ms"),
                        }
                    );
                }
                Built::Site {
                    files: files
                        .into_iter()
                        .map(|(path, bytes)| (path, Bytes::from(bytes)))
                        .collect(),
                }
            }
            Err(err) => {
                report_error(&err, lang);
                let diags = match &err {
                    Error::Content(d) => d.clone(),
                    _ => Diagnostics::new(),
                };
                Built::Failed {
                    diags,
                    message: err.message(lang),
                }
            }
        }
    }
}
