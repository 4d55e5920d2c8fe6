//! `gongkai build`: the whole pipeline into the output folder.

use super::{Output, print_diagnostics};
use crate::cli::BuildArgs;
use crate::error::Error;
use crate::pipeline::{self, BuildOptions};

pub fn run(args: BuildArgs, out: Output) -> Result<(), Error> {
    let root = args.root.root;
    let output = args.output_dir.unwrap_or_else(|| root.join("public"));
    let mut options = BuildOptions::new(&root);
    options.base_url = args.base_url;
    options.render.portable = args.portable;
    let started = std::time::Instant::now();
    let report = pipeline::build(&options, &output, |lock| {
        eprintln!(
            "{} {}",
            out.lang.pick(
                "另一个生成进程正在写入此输出文件夹，等待其完成……",
                "another build is writing this output folder; waiting for it…"
            ),
            lock.display()
        );
    })?;
    print_diagnostics(&report.warnings, out);
    if out.verbose {
        super::print_timings(&report.timings);
    }
    if !out.quiet {
        let secs = started.elapsed().as_secs_f64();
        match out.lang {
            crate::diagnostic::Lang::Zh => eprintln!(
                "已生成 {} 个页面（{} 件记录，{} 个文件）到 {}，用时 {secs:.2} 秒",
                report.stats.pages,
                report.records,
                report.stats.files,
                output.display()
            ),
            crate::diagnostic::Lang::En => eprintln!(
                "built {} pages ({} records, {} files) into {} in {secs:.2} s",
                report.stats.pages,
                report.records,
                report.stats.files,
                output.display()
            ),
        }
    }
    Ok(())
}
