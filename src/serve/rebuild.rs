//! One build for `serve`: the model, with the cache of decoded files, ready to
//! render on demand ([`Preview`]); reported to the terminal.

use std::time::Instant;

use super::preview::Preview;
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::load;
use crate::pipeline::{self, BuildOptions, Timings};
use crate::report::Reporter;

/// The result of one build: the site, or why there is none.
pub enum Built {
    Site(Box<Preview>),
    Failed {
        /// Content problems (every one found), if that is why.
        diags: Diagnostics,
        /// The error message (a template error, an unreadable folder…).
        message: String,
    },
}

/// Builds the site again and again with the same options, keeping the cache
/// of decoded files.
pub struct Rebuilder {
    options: BuildOptions,
    reuse: pipeline::Reuse,
    out: Reporter,
    builds: std::cell::Cell<u64>,
}

impl Rebuilder {
    pub fn new(options: BuildOptions, out: Reporter) -> Rebuilder {
        Rebuilder {
            options,
            reuse: pipeline::Reuse::default(),
            out,
            builds: std::cell::Cell::new(0),
        }
    }

    /// Builds the model and the preview of the current sources, reading only
    /// the files that may have `changed` since the last build.
    pub fn preview(&self, changed: &load::Changed) -> Result<(Preview, Timings), Error> {
        let mut timings = Timings::default();
        let model = pipeline::model_reusing(&self.options, &mut timings, &self.reuse, changed)?;
        let started = Instant::now();
        let preview = Preview::new(model, self.options.render.clone())?;
        timings.stages.push(("index", started.elapsed()));
        Ok((preview, timings))
    }

    /// Builds, prints one line (or the problems) and returns the result.
    pub fn build(&self, changed: &load::Changed) -> Built {
        let started = Instant::now();
        let first = self.builds.get() == 0;
        self.builds.set(self.builds.get() + 1);
        let lang = self.out.lang;
        match self.preview(changed) {
            Ok((preview, timings)) => {
                self.out.diagnostics(&preview.model().warnings);
                if self.out.verbose {
                    self.out.timings(&timings);
                    let s = self.reuse.files.stats();
                    let checked = self.reuse.checks.checked();
                    eprintln!(
                        "  {}",
                        lang.pick(
                            &format!(
                                "重新读取 {} 个文件（沿用 {} 个，其中 {} 个未读），重新检查 {} 件记录",
                                s.misses, s.hits, s.unread, checked
                            ),
                            &format!(
                                "decoded {} files ({} reused, {} of them unread), checked {} records again",
                                s.misses, s.hits, s.unread, checked
                            )
                        )
                    );
                }
                if !self.out.quiet {
                    let ms = started.elapsed().as_millis();
                    let pages = preview.page_count();
                    let records = preview.model().site.records.len();
                    // Pages are rendered when a browser asks for them.
                    eprintln!(
                        "{}",
                        match (lang, first) {
                            (crate::diagnostic::Lang::Zh, true) => format!(
                                "预览就绪：{pages} 个页面（{records} 件记录），用时 {ms} 毫秒"
                            ),
                            (crate::diagnostic::Lang::Zh, false) => format!(
                                "预览已更新：{pages} 个页面（{records} 件记录），用时 {ms} 毫秒"
                            ),
                            (crate::diagnostic::Lang::En, true) => format!(
                                "preview ready: {pages} pages ({records} records) in {ms} ms"
                            ),
                            (crate::diagnostic::Lang::En, false) => format!(
                                "preview updated: {pages} pages ({records} records) in {ms} ms"
                            ),
                        }
                    );
                }
                Built::Site(Box::new(preview))
            }
            Err(err) => {
                self.out.error(&err);
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
