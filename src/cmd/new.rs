//! `gongkai new record|session`: a new file with the next free name, every field
//! present (optional ones commented out) and explained.

use std::path::Path;

use super::init::{RECORD, SESSION, write_new};
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

/// A session file: `body` and `name` as given, else read from an id such as
/// `2019-zx-9-3` (政协, 九届三次会议) or `2020-rd-17-4` (人大); what the id does
/// not say is left a stand-in (某某) that `build` refuses until replaced.
/// Nothing is made up: no overview sentence, no figure.
pub fn session_text(id: &str, year: i32, name: Option<&str>, body: Option<&str>) -> String {
    let parts: Vec<&str> = id.split('-').collect();
    let at = parts
        .iter()
        .position(|p| matches!(*p, "zx" | "rd" | "zhengxie" | "renda"));
    let derived_body = at.map(|i| match parts[i] {
        "zx" | "zhengxie" => "某某区政协",
        _ => "某某区人大",
    });
    let numbers = at.and_then(|i| {
        let term: u32 = parts.get(i + 1)?.parse().ok()?;
        let meeting: u32 = parts.get(i + 2)?.parse().ok()?;
        Some(format!(
            "{}届{}次会议",
            chinese_number(term)?,
            chinese_number(meeting)?
        ))
    });
    let quote = crate::import::yaml_out::scalar;
    let body = body
        .map(quote)
        .unwrap_or_else(|| derived_body.unwrap_or("某某区人大或政协").into());
    let name = name
        .map(quote)
        .unwrap_or_else(|| numbers.unwrap_or_else(|| "某某会议".into()));
    SESSION
        .replace("{year}", &year.to_string())
        .replace("{body}", &body)
        .replace("{name}", &name)
}

/// 1–99 in Chinese numerals: 9 → 九, 14 → 十四, 21 → 二十一.
fn chinese_number(n: u32) -> Option<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    Some(match n {
        1..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            DIGITS[(n % 10) as usize]
        ),
        _ => return None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_come_from_the_id_or_stay_stand_ins() {
        let text = session_text("2019-zx-9-3", 2019, None, None);
        assert!(text.contains("\nname: 九届三次会议\n"), "{text}");
        assert!(text.contains("\nbody: 某某区政协\n"), "{text}");
        assert!(text.contains("\nyear: 2019\n"));
        assert!(!text.contains("共承办"), "no made-up sentence");
        let text = session_text("2020-rd-17-4", 2020, None, Some("区人大"));
        assert!(text.contains("\nname: 十七届四次会议\n"), "{text}");
        assert!(text.contains("\nbody: 区人大\n"), "{text}");
        let text = session_text("session-1", 2021, Some("二届一次会议"), None);
        assert!(text.contains("\nname: 二届一次会议\n"));
        assert_eq!(chinese_number(21).as_deref(), Some("二十一"));
        assert_eq!(chinese_number(10).as_deref(), Some("十"));
    }
}
