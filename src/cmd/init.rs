//! `gongkai init DIR`: a small working site that builds at once.

use super::scaffold::{self, RECORD, SITE, write_new};
use crate::cli::InitArgs;
use crate::error::Error;
use crate::fs;
use crate::report::Reporter;

/// The example session's id and year.
const SESSION_ID: &str = "2019-zx-9-3";
const YEAR: &str = "2019";

pub fn run(args: InitArgs, out: Reporter) -> Result<(), Error> {
    let dir = &args.dir;
    if dir.join("content").exists() {
        return Err(Error::SiteExists { path: dir.clone() });
    }
    write_new(&dir.join("content/site.yaml"), SITE)?;
    write_new(
        &dir.join(format!("content/sessions/{SESSION_ID}.yaml")),
        &scaffold::session_text(SESSION_ID, YEAR.parse().unwrap_or(2019), None, None),
    )?;
    // The example records are published at once, so the new site has pages to show.
    let record = RECORD
        .replace("{session}", SESSION_ID)
        .replace("\ndraft: true\n", "\ndraft: false\n");
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
        let d = dir.display();
        match out.lang {
            crate::diagnostic::Lang::Zh => eprintln!(
                "已在 {d} 创建站点（1 个会议，2 件记录）。下一步：\n  \
                 cd {d}\n  \
                 gongkai serve                                 预览（浏览器打开 http://127.0.0.1:1111/）\n  \
                 gongkai new record --session {SESSION_ID}   新建一件记录\n  \
                 gongkai check                                 检查全部内容和链接\n  \
                 gongkai build                                 生成网站到 public/"
            ),
            crate::diagnostic::Lang::En => eprintln!(
                "created a site in {d} (1 session, 2 records). Next:\n  \
                 cd {d}\n  \
                 gongkai serve                                 preview at http://127.0.0.1:1111/\n  \
                 gongkai new record --session {SESSION_ID}   add a record\n  \
                 gongkai check                                 check the content and links\n  \
                 gongkai build                                 build the site into public/"
            ),
        }
    }
    Ok(())
}
