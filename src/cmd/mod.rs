//! One file per subcommand. Each takes its parsed arguments and the terminal
//! [`Reporter`], and returns a `Result`; printing the error is left to
//! [`Reporter::error`], called once by `main`.

mod build;
mod check;
mod import;
mod init;
mod new;
mod publish;
mod scaffold;
mod schema;
mod serve;

use crate::cli::{Cli, Command, NewCommand};
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::report::Reporter;

/// The reporter the global flags ask for (`--lang`, `--quiet`, `--verbose`).
pub fn reporter(cli: &Cli) -> Reporter {
    Reporter {
        lang: Lang::detect(cli.lang.map(Into::into)),
        quiet: cli.quiet,
        verbose: cli.verbose,
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let out = reporter(&cli);
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
