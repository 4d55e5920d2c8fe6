//! `gongkai import FILE --session ID`: a register → draft records (see [`crate::import`]).

use crate::cli::ImportArgs;
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::import::{self, ImportOptions};
use crate::report::Reporter;

pub fn run(args: ImportArgs, out: Reporter) -> Result<(), Error> {
    let report = import::run(&ImportOptions {
        file: args.file,
        session: args.session,
        root: args.root.root,
        force: args.force,
        limits: args.limits.limits(),
    })?;
    // The paths go to stdout, one a line, for scripts; everything else to stderr.
    for path in &report.written {
        println!("{}", path.display());
    }
    out.diagnostics(&report.diags);
    let errors = report.diags.error_count();
    if !out.quiet || errors > 0 {
        let (written, existing) = (report.written.len(), report.existing);
        let failed = report.rows.saturating_sub(written + existing);
        eprintln!(
            "{}",
            match out.lang {
                Lang::Zh => format!(
                    "读取 {} 行：导入 {written} 件草稿记录，{existing} 行的文件已存在未覆盖，{failed} 行未导入。\
                     草稿不会发布：逐件审核后删除 draft: true，并把 disclosure 改为 public 或 summary_only。",
                    report.rows
                ),
                Lang::En => format!(
                    "read {} rows: {written} draft records written, {existing} skipped (file exists), {failed} not imported. \
                     Drafts are not published: review each, delete draft: true and set disclosure to public or summary_only.",
                    report.rows
                ),
            }
        );
    }
    if errors > 0 {
        return Err(Error::Reported { errors });
    }
    Ok(())
}
