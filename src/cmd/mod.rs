//! One file per subcommand. Each takes its parsed arguments and returns a
//! `Result`; printing the error is left to [`report_error`], called once by `main`.

mod build;
mod check;
mod init;
mod new;
mod schema;

use crate::cli::{Cli, Command, NewCommand};
use crate::diagnostic::{Diagnostics, Lang};
use crate::error::Error;

/// How much to print, from the global flags.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    pub lang: Lang,
    pub quiet: bool,
    pub verbose: bool,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let out = Output {
        lang: Lang::detect(cli.lang.map(Into::into)),
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Build(args) => build::run(args, out),
        Command::Check(args) => check::run(args, out),
        Command::Init(args) => init::run(args, out),
        Command::New(NewCommand::Record { session, root }) => {
            new::record(&root.root, &session, out)
        }
        Command::New(NewCommand::Session { id, year, root }) => {
            new::session(&root.root, id.as_deref(), year, out)
        }
        Command::Schema => schema::run(),
    }
}

/// Prints diagnostics to stderr, errors and warnings alike (warnings only when not quiet).
pub fn print_diagnostics(diags: &Diagnostics, out: Output) {
    for d in diags.clone().sorted() {
        if out.quiet && d.severity() == crate::diagnostic::Severity::Warning {
            continue;
        }
        eprintln!("{}\n", d.render(out.lang));
    }
}

/// Prints each stage's time (`--verbose`).
pub fn print_timings(timings: &crate::pipeline::Timings) {
    for (stage, time) in &timings.stages {
        eprintln!("  {stage:<9} {:>8.1} ms", time.as_secs_f64() * 1000.0);
    }
}

/// Prints a failed command's error once, with its cause chain.
pub fn report_error(err: &Error, lang: Lang) {
    if let Error::Content(diags) = err {
        print_diagnostics(
            diags,
            Output {
                lang,
                quiet: false,
                verbose: false,
            },
        );
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
