//! `gongkai new record|session`: a new file with the next free name, every field
//! present (optional ones commented out) and explained.

use std::path::Path;

use super::scaffold::{RECORD, session_text, write_new};
use crate::error::Error;
use crate::load::valid_name;
use crate::report::Reporter;

pub fn record(root: &Path, session: &str, out: Reporter) -> Result<(), Error> {
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
    report(
        &path,
        out.lang.pick(
            "已创建草稿记录（draft: true，不会发布）。请把其中的 某某、示例 和 …… 换成原件的内容，\
             审核后用 gongkai publish 加这个文件发布",
            "created a draft record (draft: true, not published); replace its 某某, 示例 and …… with \
             the source's text, then publish it with gongkai publish and this file",
        ),
        out,
    );
    Ok(())
}

/// What `new session` was told besides the id and year.
pub struct SessionNames<'a> {
    pub name: Option<&'a str>,
    pub body: Option<&'a str>,
}

pub fn session(
    root: &Path,
    id: Option<&str>,
    year: Option<u16>,
    names: SessionNames<'_>,
    out: Reporter,
) -> Result<(), Error> {
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
    let text = session_text(&id, year, names.name, names.body);
    let stand_ins = crate::content::placeholder::find(&text).is_some();
    write_new(&path, &text)?;
    report(
        &path,
        match (stand_ins, out.lang) {
            (true, crate::diagnostic::Lang::Zh) => {
                "已创建会议文件。请把 body 和 name 中的“某某”换成真实名称（或用 --body、--name 给出），\
                 再照报告填写 overview 等部分；换好之前 gongkai build 会报错"
            }
            (false, crate::diagnostic::Lang::Zh) => {
                "已创建会议文件。请核对 body 和 name，再照报告填写 overview 等部分"
            }
            (true, crate::diagnostic::Lang::En) => {
                "created the session file; replace 某某 in body and name with the real names (or give \
                 --body and --name), then fill in overview and the other parts from the report; \
                 gongkai build refuses it until then"
            }
            (false, crate::diagnostic::Lang::En) => {
                "created the session file; check body and name, then fill in overview and the other \
                 parts from the report"
            }
        },
        out,
    );
    Ok(())
}

fn report(path: &Path, advice: &str, out: Reporter) {
    // The path goes to stdout, so scripts can use it: `$EDITOR $(gongkai new record --session x)`.
    // Without --root it is relative to the current folder, without a leading `./`.
    println!("{}", path.strip_prefix(".").unwrap_or(path).display());
    if !out.quiet {
        eprintln!("{advice}");
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
