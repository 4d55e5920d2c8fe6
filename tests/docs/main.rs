//! The documentation and the architecture hold together with the code: the
//! chapters list what the program does, the guides run as written, and `src/`
//! follows the allowed imports of docs/dev/architecture.md.

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod chapters;
mod guide;
