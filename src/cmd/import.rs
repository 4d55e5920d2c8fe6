//! `gongkai import FILE --session ID`: a register → draft records (see [`crate::import`]).

use crate::cli::ImportArgs;
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::import::{self, Heading, ImportOptions};
use crate::report::Reporter;

pub fn run(args: ImportArgs, out: Reporter) -> Result<(), Error> {
    let display = args.file.display().to_string();
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
    if let Some(heading) = &report.heading
        && heading.row > 1
        && !out.quiet
    {
        eprintln!("{}\n", heading_note(&display, heading, out.lang));
    }
    out.diagnostics(&report.diags);
    let errors = report.diags.error_count();
    // Without a heading row no row was read: the diagnostics say why.
    if report.heading.is_some() && (!out.quiet || errors > 0) {
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

/// Which row the columns were read from, when title rows sit above it: the
/// webmaster sees what was taken for the headings and what was passed over.
fn heading_note(file: &str, heading: &Heading, lang: Lang) -> String {
    let above = heading
        .above
        .iter()
        .map(|t| format!("“{t}”"))
        .collect::<Vec<_>>();
    match lang {
        Lang::Zh if above.is_empty() => format!(
            "{file}:{row}: 列标题在第 {row} 行（上面是空行）",
            row = heading.row
        ),
        Lang::En if above.is_empty() => format!(
            "{file}:{row}: the headings are on row {row} (blank rows above)",
            row = heading.row
        ),
        Lang::Zh => format!(
            "{file}:{row}: 列标题在第 {row} 行；上面 {n} 行是表格的标题，不导入：{}",
            above.join("、"),
            row = heading.row,
            n = above.len(),
        ),
        Lang::En => format!(
            "{file}:{row}: the headings are on row {row}; the {n} row(s) above are the table's title, not imported: {}",
            above.join(", "),
            row = heading.row,
            n = above.len(),
        ),
    }
}
