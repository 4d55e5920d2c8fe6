//! The progress bar of `gongkai build`: shown only when stderr is a terminal,
//! not `--quiet`, and the build has already taken half a second — a small site
//! builds before a bar could be read, and a log file must not fill with bars.

use std::io::IsTerminal as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Reporter;
use crate::pipeline::Progress;

/// How long a build runs before its bar appears.
const DELAY: Duration = Duration::from_millis(500);

pub struct Bar {
    bar: ProgressBar,
    enabled: bool,
    started: Mutex<Option<Instant>>,
}

impl Bar {
    pub fn new(out: Reporter) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let template = match out.lang {
            crate::diagnostic::Lang::Zh => "{bar:40} {pos}/{len} 个页面 {elapsed}",
            crate::diagnostic::Lang::En => "{bar:40} {pos}/{len} pages {elapsed}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Bar {
            bar,
            enabled: !out.quiet && std::io::stderr().is_terminal(),
            started: Mutex::new(None),
        }
    }

    /// Removes the bar before the summary line is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn start(&self, pages: usize) {
        self.bar.set_length(pages as u64);
        *self.started.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
    }

    fn file(&self, path: &str) {
        if !path.ends_with(".html") {
            return;
        }
        self.bar.inc(1);
        if self.enabled && self.bar.is_hidden() {
            let started = *self.started.lock().unwrap_or_else(|e| e.into_inner());
            if started.is_some_and(|s| s.elapsed() >= DELAY) {
                self.bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }
}
