//! The terminal: everything gongkai prints while it works — diagnostics, the
//! timings of `--verbose`, the progress bar, the one summary line a command
//! ends with, and a failed command's error. `build`, `check`, `serve` and
//! `import` are each handed a [`Reporter`] (made by the face from the global
//! flags) and print through it; no stage prints.
//!
//! Diagnostics and messages go to stderr; stdout carries only what a script
//! reads (`check --format json`, the paths `import` wrote).

mod progress;

pub use progress::Bar;

use crate::diagnostic::{Diagnostics, Lang, SHOWN_PER_CODE, Severity, json_line, more_line};
use crate::error::Error;
use crate::pipeline::{BuildReport, Timings};

/// How much to print: the message language and the global flags.
#[derive(Clone, Copy, Debug)]
pub struct Reporter {
    pub lang: Lang,
    pub quiet: bool,
    pub verbose: bool,
}

impl Reporter {
    /// Prints diagnostics to stderr, errors and warnings alike (warnings only
    /// when not quiet), by file, line and column: every one with `--verbose`,
    /// otherwise at most [`SHOWN_PER_CODE`] of each code, then one line per code
    /// with the count of the rest. The one place the terminal's diagnostics are
    /// printed (`build`, `check`, `serve`, `import`, and failed commands).
    pub fn diagnostics(&self, diags: &Diagnostics) {
        use std::io::Write as _;
        let mut diags = diags.clone();
        if self.quiet {
            diags.retain(|d| d.severity() == Severity::Error);
        }
        let per_code = if self.verbose {
            usize::MAX
        } else {
            SHOWN_PER_CODE
        };
        let shown = diags.shown(per_code);
        // One write per line block, not one per piece of each line.
        let mut err = std::io::BufWriter::new(std::io::stderr().lock());
        for d in &shown.items {
            let _ = writeln!(err, "{}\n", d.render(self.lang));
        }
        for (code, more) in &shown.more {
            let _ = writeln!(err, "{}", more_line(code, *more, self.lang));
        }
        let _ = err.flush();
    }

    /// Prints every diagnostic as one line of JSON on stdout (`check --format
    /// json`; the format is in docs/cli.md), sorted as the terminal lists them.
    pub fn json(&self, diags: &Diagnostics) {
        use std::io::Write as _;
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        for d in diags.clone().sorted() {
            let _ = writeln!(stdout, "{}", json_line(&d, self.lang));
        }
        let _ = stdout.flush();
    }

    /// `3 件草稿待审核…`: printed by `check` and `build` when drafts wait, since
    /// they are in no output and easy to forget.
    pub fn drafts_line(&self, drafts: usize) -> Option<String> {
        (drafts > 0).then(|| match self.lang {
            Lang::Zh => format!(
                "{drafts} 件草稿待审核（不会发布）：审核后用 gongkai publish 文件… 或 gongkai publish --session 会议编号 发布"
            ),
            Lang::En => format!(
                "{drafts} draft records wait for review (not published): publish them with gongkai publish FILE… or gongkai publish --session ID"
            ),
        })
    }

    /// Prints each stage's time, with `--verbose` (nothing otherwise).
    pub fn timings(&self, timings: &Timings) {
        if !self.verbose {
            return;
        }
        for (stage, time) in &timings.stages {
            eprintln!("  {stage:<9} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
    }

    /// Prints a failed command's error once, with its cause chain. Content
    /// errors are listed as [`Reporter::diagnostics`] does (`--quiet` still shows them).
    pub fn error(&self, err: &Error) {
        let lang = self.lang;
        if let Error::Content(diags) = err {
            self.diagnostics(diags);
        }
        let prefix = match lang {
            Lang::Zh => "错误",
            Lang::En => "error",
        };
        eprintln!("{prefix}: {}", err.message(lang));
        // A system error is told in the message already, in the reader's
        // language (`error::io`); its own text is the system's English.
        let mut source = std::error::Error::source(err);
        while let Some(s) = source.filter(|s| !s.is::<std::io::Error>()) {
            if !err.message(lang).ends_with(&s.to_string()) {
                eprintln!("  {}: {s}", lang.pick("原因", "caused by"));
            }
            source = s.source();
        }
    }
}

/// What to copy to the web server: the whole output folder, and never
/// `content/`, which holds drafts and withheld records.
pub fn upload_line(into: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "上传：把 {into} 文件夹中的全部文件（含子文件夹）上传到网站服务器；不要上传 content 文件夹，其中有未发布的草稿和不公开的记录"
        ),
        Lang::En => format!(
            "upload: copy everything in {into} (with its subfolders) to the web server; never upload the content folder, which holds unpublished drafts and withheld records"
        ),
    }
}

/// The one line every build ends with: pages, records, time.
pub fn build_summary(report: &BuildReport, into: &str, secs: f64, lang: Lang) -> String {
    let (pages, records, files) = (report.stats.pages, report.records, report.stats.files);
    match lang {
        Lang::Zh => format!(
            "已生成 {pages} 个页面（{records} 件记录，{files} 个文件）到 {into}，用时 {secs:.2} 秒"
        ),
        Lang::En => format!(
            "built {pages} pages ({records} records, {files} files) into {into} in {secs:.2} s"
        ),
    }
}

/// `7 records, 1 session, 0 errors, 0 warnings`.
pub fn check_summary(counts: (usize, usize), diags: &Diagnostics, lang: Lang) -> String {
    let ((r, s), errors, warnings) = (counts, diags.error_count(), diags.warning_count());
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match lang {
        Lang::Zh => format!("{r} 件记录，{s} 个会议，{errors} 个错误，{warnings} 个警告"),
        Lang::En => format!(
            "{}, {}, {}, {}",
            plural(r, "record", "records"),
            plural(s, "session", "sessions"),
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
        ),
    }
}
