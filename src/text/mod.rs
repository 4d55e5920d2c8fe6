//! Text helpers every stage may use: Markdown to safe HTML and to plain text
//! ([`markdown`]), and JSON that is safe inside a page or a script
//! ([`json`]). They read no site and know no stage, so the pages, the search
//! index and the open data each call them without calling one another.

pub mod json;
pub mod markdown;
