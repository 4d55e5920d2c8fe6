//! `gongkai check`: everything `build` validates, rendering into memory, writing nothing.

use super::{Output, print_diagnostics};
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::pipeline::{self, BuildOptions, Timings};
use crate::write::MemoryOutput;

pub fn run(args: CheckArgs, out: Output) -> Result<(), Error> {
    let options = BuildOptions::new(&args.root.root);
    let mut timings = Timings::default();
    let model = pipeline::model(&options, &mut timings)?;
    pipeline::render(&model, &options, &MemoryOutput::new(), &mut timings)?;
    print_diagnostics(&model.warnings, out);
    if out.verbose {
        super::print_timings(&timings);
    }
    if !out.quiet {
        let records = model.site.records.len();
        let sessions = model.site.sessions.len();
        let warnings = model.warnings.warning_count();
        eprintln!(
            "{}",
            match out.lang {
                crate::diagnostic::Lang::Zh =>
                    format!("{records} 件记录，{sessions} 个会议，0 个错误，{warnings} 个警告"),
                crate::diagnostic::Lang::En =>
                    format!("{records} records, {sessions} sessions, 0 errors, {warnings} warnings"),
            }
        );
    }
    Ok(())
}
