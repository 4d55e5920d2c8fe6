//! `gongkai init DIR`: a small working site that builds at once.

use std::path::Path;

use super::Output;
use crate::cli::InitArgs;
use crate::error::Error;
use crate::fs;

pub const SITE: &str = include_str!("scaffold/site.yaml");
pub const SESSION: &str = include_str!("scaffold/session.yaml");
pub const RECORD: &str = include_str!("scaffold/record.yaml");

/// The example session's id and year.
const SESSION_ID: &str = "2019-zx-9-3";
const YEAR: &str = "2019";

pub fn run(args: InitArgs, out: Output) -> Result<(), Error> {
    let dir = &args.dir;
    if dir.join("content").exists() {
        return Err(Error::SiteExists { path: dir.clone() });
    }
    write_new(&dir.join("content/site.yaml"), SITE)?;
    write_new(
        &dir.join(format!("content/sessions/{SESSION_ID}.yaml")),
        &SESSION.replace("{year}", YEAR),
    )?;
    let record = RECORD
        .replace("{session}", SESSION_ID)
        .replace("draft: true", "draft: false");
    write_new(
        &dir.join(format!("content/proposals/{YEAR}/0001.yaml")),
        &record,
    )?;
    let recommendation = record
        .replace("kind: proposal", "kind: recommendation")
        .replace("title: 关于……的建议", "title: 关于……的建议案");
    write_new(
        &dir.join(format!("content/proposals/{YEAR}/0002.yaml")),
        &recommendation,
    )?;
    // The output, and what `build` keeps beside it: its lock file, and the
    // staging folders a killed build may leave (removed by the next build).
    fs::write(
        &dir.join(".gitignore"),
        b"/public\n/.public.lock\n/.public.staging\n/.public.old\n",
    )?;
    if !out.quiet {
        eprintln!(
            "{} {}\n{}",
            out.lang.pick("已创建站点：", "created a site in"),
            dir.display(),
            out.lang.pick(
                "下一步：编辑 content/ 中的文件，然后运行 gongkai build --root 该文件夹",
                "next: edit the files in content/, then run gongkai build --root with that folder"
            )
        );
    }
    Ok(())
}

/// Writes a file that must not exist yet, creating its folder.
pub fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::FileExists {
                path: path.to_path_buf(),
            },
            _ => Error::io(path, e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(path, e))
}
