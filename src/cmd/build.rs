//! `gongkai build`: the whole pipeline into the output folder, with a progress
//! bar on long builds and one summary line at the end.

use crate::cli::BuildArgs;
use crate::error::Error;
use crate::pipeline::{self, BuildOptions};
use crate::report::{self, Bar, Reporter};

pub fn run(args: BuildArgs, out: Reporter) -> Result<(), Error> {
    let root = args.root.root;
    let output = args.output_dir.unwrap_or_else(|| root.join("public"));
    let mut options = BuildOptions::new(&root);
    options.limits = args.limits.limits();
    // A stand-in from `init` (a fake filing number) must not be published.
    options.placeholders_are_errors = true;
    options.base_url = args.base_url;
    options.render.portable = args.portable;
    options.render.minify = !args.no_minify;
    // The records' text waits beside the output: that disk takes the site anyway.
    options.spill_dir = Some(
        output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
            .to_path_buf(),
    );
    let started = std::time::Instant::now();
    let bar = Bar::new(out);
    let result = pipeline::build_with_progress(
        &options,
        &output,
        |lock| {
            eprintln!(
                "{} {}",
                out.lang.pick(
                    "另一个生成进程正在写入此输出文件夹，等待其完成……",
                    "another build is writing this output folder; waiting for it…"
                ),
                lock.display()
            );
        },
        &bar,
    );
    bar.finish();
    let report = result?;
    out.diagnostics(&report.warnings);
    out.timings(&report.timings);
    if !out.quiet {
        let secs = started.elapsed().as_secs_f64();
        if let Some(line) = out.drafts_line(report.drafts) {
            eprintln!("{line}");
        }
        let into = output.display().to_string();
        eprintln!("{}", report::build_summary(&report, &into, secs, out.lang));
        eprintln!("{}", report::upload_line(&into, out.lang));
    }
    Ok(())
}
