//! The `gongkai` binary: parse the command line, dispatch, report errors once.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = gongkai::cli::Cli::parse();
    let lang = gongkai::diagnostic::Lang::detect(cli.lang.map(Into::into));
    match gongkai::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            gongkai::cmd::report_error(&err, lang);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
