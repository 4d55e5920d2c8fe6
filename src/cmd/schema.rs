//! `gongkai schema`: the JSON Schema of the input files, generated from the Rust types.

use crate::error::Error;

pub fn run() -> Result<(), Error> {
    let schema = crate::content::input_schema();
    let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    println!("{text}");
    Ok(())
}
