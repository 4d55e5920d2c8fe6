//! `gongkai publish FILE…|--session ID [--disclosure public|summary_only]`:
//! reviewed drafts become published records, in bulk.
//!
//! An import writes every row as a draft (`draft: true`, `disclosure:
//! withheld`); publishing fifteen of them by hand meant editing fifteen files,
//! and deleting `draft: true` while leaving `withheld` made a record vanish
//! without a word. This command deletes the top-level `draft: true` line,
//! sets `disclosure` when asked, and changes nothing else in the file, byte
//! for byte (comments, order, line endings). A record that would still be
//! `withheld` is left a draft and named: publishing it would publish nothing.

use std::path::{Path, PathBuf};

use crate::cli::{DisclosureArg, PublishArgs};
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::report::Reporter;
use crate::yaml::{self, Value};

/// What publishing one file did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Published; `disclosure` is the value it now has.
    Published { disclosure: String },
    /// Not a draft: left as it is.
    NotDraft,
    /// A draft that would still be `withheld`: left a draft.
    StillWithheld,
    /// Not a record file that could be read.
    Unreadable,
}

pub fn run(args: PublishArgs, out: Reporter) -> Result<(), Error> {
    let root = &args.root.root;
    let files: Vec<PathBuf> = match &args.session {
        Some(session) => session_drafts(root, session),
        None => args.files.clone(),
    };
    let disclosure = args.disclosure.map(|d| match d {
        DisclosureArg::Public => "public",
        DisclosureArg::SummaryOnly => "summary_only",
    });
    let zh = out.lang == Lang::Zh;
    let (mut published, mut refused) = (0, 0);
    for path in &files {
        let shown = path.strip_prefix(".").unwrap_or(path).display().to_string();
        let result = publish_file(path, disclosure)?;
        let line = match (&result, zh) {
            (Outcome::Published { disclosure }, true) => {
                published += 1;
                format!("{shown}：已发布（删除 draft: true，disclosure: {disclosure}）")
            }
            (Outcome::Published { disclosure }, false) => {
                published += 1;
                format!("{shown}: published (draft: true deleted, disclosure: {disclosure})")
            }
            (Outcome::NotDraft, true) => format!("{shown}：不是草稿，未改动"),
            (Outcome::NotDraft, false) => format!("{shown}: not a draft, unchanged"),
            (Outcome::StillWithheld, true) => {
                refused += 1;
                format!(
                    "{shown}：公开方式是 withheld（不公开），发布了也不会显示，仍保留为草稿 — \
                     请加 --disclosure public 或 --disclosure summary_only 选择公开方式"
                )
            }
            (Outcome::StillWithheld, false) => {
                refused += 1;
                format!(
                    "{shown}: its disclosure is withheld, so publishing would show nothing; left a draft — \
                     choose with --disclosure public or --disclosure summary_only"
                )
            }
            (Outcome::Unreadable, true) => {
                refused += 1;
                format!("{shown}：不是可读的记录文件，未改动 — 请核对文件名")
            }
            (Outcome::Unreadable, false) => {
                refused += 1;
                format!("{shown}: not a readable record file, unchanged — check the name")
            }
        };
        eprintln!("{line}");
    }
    if !out.quiet || refused > 0 {
        eprintln!(
            "{}",
            match out.lang {
                Lang::Zh => format!(
                    "共 {} 个文件：发布 {published} 件，{refused} 件未发布。运行 gongkai check 检查，再 gongkai build 生成网站。",
                    files.len()
                ),
                Lang::En => format!(
                    "{} files: {published} published, {refused} not. Run gongkai check, then gongkai build.",
                    files.len()
                ),
            }
        );
    }
    if refused > 0 {
        return Err(Error::Reported { errors: refused });
    }
    Ok(())
}

/// The draft records of a session, by path, sorted.
fn session_drafts(root: &Path, session: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(root.join("content/proposals")).sort_by_file_name();
    for entry in walker.into_iter().flatten() {
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let field = |name: &str| top_level(&text, name);
        if field("session").as_deref() == Some(session) && draft_line(&text).is_some() {
            found.push(path.to_path_buf());
        }
    }
    found
}

/// A top-level scalar field of a YAML text, read loosely.
fn top_level(text: &str, name: &str) -> Option<String> {
    let node = yaml::parse(text).ok()?;
    let Value::Map(entries) = &node.value else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.text == name)
        .map(|(_, v)| v.value.scalar_text())
}

/// The byte range of the top-level `draft: true` line, its line break included.
fn draft_line(text: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        if let Some(rest) = line.strip_prefix("draft:") {
            let value = rest.split(" #").next().unwrap_or(rest).trim();
            if matches!(value, "true" | "是") {
                return Some(start..end);
            }
        }
        start = end;
    }
    None
}

/// The byte range of the top-level `disclosure:` value.
fn disclosure_value(text: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("disclosure:") {
            let body = rest.split(" #").next().unwrap_or(rest);
            let lead = body.len() - body.trim_start().len();
            let value = body.trim();
            let from = start + "disclosure:".len() + lead;
            return Some(from..from + value.len());
        }
        start += line.len();
    }
    None
}

/// Publishes one record file (see the module doc).
pub fn publish_file(path: &Path, disclosure: Option<&str>) -> Result<Outcome, Error> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(Outcome::Unreadable);
    };
    if top_level(&text, "kind").is_none() {
        return Ok(Outcome::Unreadable);
    }
    let Some(draft) = draft_line(&text) else {
        return Ok(Outcome::NotDraft);
    };
    let current = disclosure_value(&text);
    let now = match (disclosure, &current) {
        (Some(d), _) => d.to_string(),
        (None, Some(r)) => text[r.clone()].to_string(),
        (None, None) => String::new(),
    };
    if now == "withheld" || now.is_empty() {
        return Ok(Outcome::StillWithheld);
    }
    let mut edited = text.clone();
    // The later range first, so the earlier one stays where it is.
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = vec![(draft, "")];
    if let (Some(d), Some(r)) = (disclosure, current) {
        edits.push((r, d));
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    for (range, with) in edits {
        edited.replace_range(range, with);
    }
    crate::fs::write(path, edited.as_bytes())?;
    Ok(Outcome::Published { disclosure: now })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_draft_line_and_the_disclosure_value_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001.yaml");
        let text = "# 导入\r\nkind: proposal\r\ntitle: 关于停车的建议\r\nsummary: |\r\n  draft: true 在正文中\r\ndraft: true   # 审核后删除\r\ndisclosure: withheld # 选择\r\n";
        std::fs::write(&path, text).unwrap();
        assert_eq!(publish_file(&path, None).unwrap(), Outcome::StillWithheld);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "untouched");
        assert_eq!(
            publish_file(&path, Some("summary_only")).unwrap(),
            Outcome::Published {
                disclosure: "summary_only".into()
            }
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# 导入\r\nkind: proposal\r\ntitle: 关于停车的建议\r\nsummary: |\r\n  draft: true 在正文中\r\ndisclosure: summary_only # 选择\r\n"
        );
        assert_eq!(publish_file(&path, None).unwrap(), Outcome::NotDraft);
    }
}
