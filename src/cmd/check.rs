//! `gongkai check`: everything `build` validates, then the rendered pages
//! themselves — every internal link and asset reference resolves, every page
//! has a title ([`crate::linkcheck`]). Renders into memory; writes nothing.

use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Error;
use crate::linkcheck;
use crate::output::MemorySink;
use crate::pipeline::{self, BuildOptions, Timings};
use crate::report::{Reporter, check_summary};

pub fn run(args: CheckArgs, out: Reporter) -> Result<(), Error> {
    let json = args.format == CheckFormat::Json;
    let mut options = BuildOptions::new(&args.root.root);
    options.limits = args.limits.limits();
    // Links are the same minified or not; skipping minification halves the time.
    options.render.minify = false;
    options.spill_dir = Some(std::env::temp_dir());
    let mut timings = Timings::default();
    // Content errors end the command as `build`'s do (listed, then counted);
    // as JSON, they are listed on stdout like all the others.
    let model = match pipeline::model(&options, &mut timings) {
        Err(Error::Content(diags)) if json => {
            out.json(&diags);
            return Err(Error::Reported {
                errors: diags.error_count(),
            });
        }
        other => other?,
    };
    let memory = MemorySink::new();
    pipeline::render(&model, &options, &memory, &mut timings)?;
    let files = memory.into_files();
    let mut diags = model.warnings.clone();
    diags.extend(linkcheck::check(&files, model.site.base_url.as_ref()));
    let counts = (model.site.records.len(), model.site.sessions.len());
    let drafts = out.drafts_line(model.drafts);
    if json {
        out.json(&diags);
    } else {
        out.diagnostics(&diags);
    }
    if diags.has_errors() {
        if let Some(line) = drafts.as_ref().filter(|_| !json) {
            eprintln!("{line}");
        }
        eprintln!("{}", check_summary(counts, &diags, out.lang));
        return Err(Error::Reported {
            errors: diags.error_count(),
        });
    }
    out.timings(&timings);
    if !out.quiet {
        if let Some(line) = drafts {
            eprintln!("{line}");
        }
        eprintln!("{}", check_summary(counts, &diags, out.lang));
    }
    Ok(())
}
