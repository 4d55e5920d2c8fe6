//! `gongkai check`: everything `build` validates, then the rendered pages
//! themselves — every internal link and asset reference resolves, every page
//! has a title ([`crate::linkcheck`]). Renders into memory; writes nothing.

use super::{Output, print_diagnostics, print_json};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::{Diagnostics, Lang};
use crate::error::Error;
use crate::linkcheck;
use crate::pipeline::{self, BuildOptions, Timings};
use crate::write::MemoryOutput;

pub fn run(args: CheckArgs, out: Output) -> Result<(), Error> {
    let json = args.format == CheckFormat::Json;
    let mut options = BuildOptions::new(&args.root.root);
    options.limits = args.limits.limits();
    // Links are the same minified or not; skipping minification halves the time.
    options.render.minify = false;
    let mut timings = Timings::default();
    // Content errors end the command as `build`'s do (listed, then counted);
    // as JSON, they are listed on stdout like all the others.
    let model = match pipeline::model(&options, &mut timings) {
        Err(Error::Content(diags)) if json => {
            print_json(&diags, out.lang);
            return Err(Error::Reported {
                errors: diags.error_count(),
            });
        }
        other => other?,
    };
    let memory = MemoryOutput::new();
    pipeline::render(&model, &options, &memory, &mut timings)?;
    let files = memory.into_files();
    let mut diags = model.warnings.clone();
    diags.extend(linkcheck::check(&files, &model.site.config.base_url));
    let counts = (model.site.records.len(), model.site.sessions.len());
    let drafts = super::drafts_line(model.drafts, out.lang);
    if json {
        print_json(&diags, out.lang);
    } else {
        print_diagnostics(&diags, out);
    }
    if diags.has_errors() {
        if let Some(line) = drafts.as_ref().filter(|_| !json) {
            eprintln!("{line}");
        }
        eprintln!("{}", summary(counts, &diags, out.lang));
        return Err(Error::Reported {
            errors: diags.error_count(),
        });
    }
    if out.verbose {
        super::print_timings(&timings);
    }
    if !out.quiet {
        if let Some(line) = drafts {
            eprintln!("{line}");
        }
        eprintln!("{}", summary(counts, &diags, out.lang));
    }
    Ok(())
}

/// `7 records, 1 session, 0 errors, 0 warnings`.
pub fn summary(counts: (usize, usize), diags: &Diagnostics, lang: Lang) -> String {
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
