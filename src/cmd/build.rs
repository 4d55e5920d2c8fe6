//! `gongkai build`: the whole pipeline into the output folder, with a progress
//! bar on long builds and one summary line at the end.

use super::{Output, print_diagnostics, progress::Bar};
use crate::cli::BuildArgs;
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::pipeline::{self, BuildOptions, BuildReport};

pub fn run(args: BuildArgs, out: Output) -> Result<(), Error> {
    let root = args.root.root;
    let output = args.output_dir.unwrap_or_else(|| root.join("public"));
    let mut options = BuildOptions::new(&root);
    options.limits = args.limits.limits();
    // A stand-in from `init` (a fake filing number) must not be published.
    options.placeholders_are_errors = true;
    options.base_url = args.base_url;
    options.render.portable = args.portable;
    options.render.minify = !args.no_minify;
    let started = std::time::Instant::now();
    let bar = Bar::new(out);
    let result = pipeline::build_watched(
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
    print_diagnostics(&report.warnings, out);
    if out.verbose {
        super::print_timings(&report.timings);
    }
    if !out.quiet {
        let secs = started.elapsed().as_secs_f64();
        if let Some(line) = super::drafts_line(report.drafts, out.lang) {
            eprintln!("{line}");
        }
        eprintln!(
            "{}",
            summary(&report, &output.display().to_string(), secs, out.lang)
        );
        eprintln!("{}", upload_line(&output.display().to_string(), out.lang));
    }
    Ok(())
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
pub fn summary(report: &BuildReport, into: &str, secs: f64, lang: Lang) -> String {
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
