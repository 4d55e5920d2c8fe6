//! `gongkai serve`: the live preview (see [`crate::serve`]).

use crate::cli::ServeArgs;
use crate::error::Error;
use crate::report::Reporter;
use crate::serve::{self, ServeOptions};

pub fn run(args: ServeArgs, out: Reporter) -> Result<(), Error> {
    serve::run(
        ServeOptions {
            root: args.root.root,
            bind: args.bind,
            port: args.port,
            drafts: args.drafts,
            limits: args.limits.limits(),
        },
        out,
    )
}
