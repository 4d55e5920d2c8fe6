//! `gongkai new record|session`: a new file with the next free name, every field
//! present (optional ones commented out) and explained.

use std::path::Path;

use super::Output;
use super::init::{RECORD, SESSION, write_new};
use crate::error::Error;
use crate::load::valid_name;

pub fn record(root: &Path, session: &str, out: Output) -> Result<(), Error> {
    let sessions = root.join("content/sessions");
    let known = list_stems(&sessions);
    if !known.iter().any(|s| s == session) {
        return Err(Error::NoSuchSession {
            id: session.to_string(),
            known,
        });
    }
    let text = crate::fs::read_to_string(&sessions.join(format!("{session}.yaml")))?;
    let year = session_year(&text).unwrap_or_else(|| "records".into());
    let dir = root.join("content/proposals").join(&year);
    let next = list_stems(&dir)
        .iter()
        .filter_map(|s| s.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let path = dir.join(format!("{next:04}.yaml"));
    write_new(&path, &RECORD.replace("{session}", session))?;
    report(&path, out);
    Ok(())
}

pub fn session(root: &Path, id: Option<&str>, year: Option<u16>, out: Output) -> Result<(), Error> {
    let dir = root.join("content/sessions");
    let known = list_stems(&dir);
    let id = match id {
        Some(id) if valid_name(id) => id.to_string(),
        Some(id) => return Err(Error::BadId { id: id.to_string() }),
        None => (1..)
            .map(|n| format!("session-{n}"))
            .find(|c| !known.contains(c))
            .unwrap_or_default(),
    };
    let path = dir.join(format!("{id}.yaml"));
    // The only clock read in gongkai: a default for a file the webmaster then edits.
    let year = year.map(i32::from).unwrap_or_else(|| {
        jiff::tz::Offset::UTC
            .to_datetime(jiff::Timestamp::now())
            .year()
            .into()
    });
    write_new(&path, &SESSION.replace("{year}", &year.to_string()))?;
    report(&path, out);
    Ok(())
}

fn report(path: &Path, out: Output) {
    // The path goes to stdout, so scripts can use it: `$EDITOR $(gongkai new record --session x)`.
    println!("{}", path.display());
    if !out.quiet {
        eprintln!(
            "{}",
            out.lang.pick(
                "已创建，请编辑后删除 draft: true 一行再发布",
                "created; edit it, then delete the draft: true line to publish"
            )
        );
    }
}

/// File names without `.yaml` in a folder, sorted.
fn list_stems(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".yaml")
                .map(str::to_string)
        })
        .collect();
    out.sort();
    out
}

/// The `year:` of a session file, read loosely (the file is validated by `check`).
fn session_year(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("year:"))
        .map(|y| y.trim().trim_matches('"').to_string())
        .filter(|y| valid_name(y))
}
