//! One file per subcommand. Each takes its parsed arguments and returns a
//! `Result`; printing the error is left to [`report_error`], called once by `main`.

mod build;
mod check;
mod import;
mod init;
mod new;
mod progress;
mod publish;
mod schema;
mod serve;

pub use build::summary as build_summary;
pub use check::summary as check_summary;

use crate::cli::{Cli, Command, NewCommand};
use crate::diagnostic::{Diagnostics, Lang, SHOWN_PER_CODE, Severity, json_line, more_line};
use crate::error::Error;

/// How much to print, from the global flags.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    pub lang: Lang,
    pub quiet: bool,
    pub verbose: bool,
}

impl Output {
    /// From the global flags of a command line.
    pub fn new(cli: &Cli) -> Output {
        Output {
            lang: Lang::detect(cli.lang.map(Into::into)),
            quiet: cli.quiet,
            verbose: cli.verbose,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let out = Output::new(&cli);
    match cli.command {
        Command::Build(args) => build::run(args, out),
        Command::Check(args) => check::run(args, out),
        Command::Serve(args) => serve::run(args, out),
        Command::Import(args) => import::run(args, out),
        Command::Init(args) => init::run(args, out),
        Command::Publish(args) => publish::run(args, out),
        Command::New(NewCommand::Record { session, root }) => {
            new::record(&root.root, &session, out)
        }
        Command::New(NewCommand::Session {
            id,
            year,
            name,
            body,
            root,
        }) => new::session(
            &root.root,
            id.as_deref(),
            year,
            new::SessionNames {
                name: name.as_deref(),
                body: body.as_deref(),
            },
            out,
        ),
        Command::Schema => schema::run(),
    }
}

/// Prints diagnostics to stderr, errors and warnings alike (warnings only
/// when not quiet), by file, line and column: every one with `--verbose`,
/// otherwise at most [`SHOWN_PER_CODE`] of each code, then one line per code
/// with the count of the rest. The one place the terminal's diagnostics are
/// printed (`build`, `check`, `serve`, `import`, and failed commands).
pub fn print_diagnostics(diags: &Diagnostics, out: Output) {
    use std::io::Write as _;
    let mut diags = diags.clone();
    if out.quiet {
        diags.retain(|d| d.severity() == Severity::Error);
    }
    let per_code = if out.verbose {
        usize::MAX
    } else {
        SHOWN_PER_CODE
    };
    let shown = diags.shown(per_code);
    // One write per line block, not one per piece of each line.
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for d in &shown.items {
        let _ = writeln!(err, "{}\n", d.render(out.lang));
    }
    for (code, more) in &shown.more {
        let _ = writeln!(err, "{}", more_line(code, *more, out.lang));
    }
    let _ = err.flush();
}

/// Prints every diagnostic as one line of JSON on stdout (`check --format
/// json`; the format is in docs/cli.md), sorted as the terminal lists them.
pub fn print_json(diags: &Diagnostics, lang: Lang) {
    use std::io::Write as _;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for d in diags.clone().sorted() {
        let _ = writeln!(stdout, "{}", json_line(&d, lang));
    }
    let _ = stdout.flush();
}

/// `3 件草稿待审核…`: printed by `check` and `build` when drafts wait, since
/// they are in no output and easy to forget.
pub fn drafts_line(drafts: usize, lang: Lang) -> Option<String> {
    (drafts > 0).then(|| match lang {
        Lang::Zh => format!(
            "{drafts} 件草稿待审核（不会发布）：审核后用 gongkai publish 文件… 或 gongkai publish --session 会议编号 发布"
        ),
        Lang::En => format!(
            "{drafts} draft records wait for review (not published): publish them with gongkai publish FILE… or gongkai publish --session ID"
        ),
    })
}

/// Prints each stage's time (`--verbose`).
pub fn print_timings(timings: &crate::pipeline::Timings) {
    for (stage, time) in &timings.stages {
        eprintln!("  {stage:<9} {:>8.1} ms", time.as_secs_f64() * 1000.0);
    }
}

/// Prints a failed command's error once, with its cause chain. Content
/// errors are listed as [`print_diagnostics`] does (`--quiet` still shows them).
pub fn report_error(err: &Error, out: Output) {
    let lang = out.lang;
    if let Error::Content(diags) = err {
        print_diagnostics(diags, out);
    }
    let prefix = match lang {
        Lang::Zh => "错误",
        Lang::En => "error",
    };
    eprintln!("{prefix}: {}", err.message(lang));
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        if !err.message(lang).ends_with(&s.to_string()) {
            eprintln!("  {}: {s}", lang.pick("原因", "caused by"));
        }
        source = s.source();
    }
}
