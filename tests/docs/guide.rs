//! The webmaster's guide (`docs/guide.md`) and the README's five-minute guide,
//! run as written, in the order written: every command of their `sh` blocks,
//! every edit shown as a ```` ```yaml <file> ```` block (its fields replace the
//! file's), the register table the guide imports (its first row the table's
//! title above the headings, as offices make them), and the files a paragraph
//! says to delete (删掉 with the files named). Nothing else is done for the
//! guide: the stand-ins `init` writes are replaced only by the guide's own
//! edits, so a guide that leaves one behind fails at `build` (E066). Each
//! `gongkai serve` is asked for the page just written; what `import`, `check`
//! and `build` print is what the text quotes. If a guide and the program
//! drift apart, this fails.

use std::path::{Path, PathBuf};

use crate::support::read_repo as read;
use crate::support::serve::Server;

/// The README's five-minute guide: its section, up to the next `## ` heading.
fn readme_quick_guide() -> String {
    let readme = read("README.md");
    let start = readme
        .find("## 五分钟上手")
        .expect("the README's five-minute guide");
    let rest = &readme[start + 3..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest[..end].to_string()
}

/// What a guide asks for, in order.
#[derive(Debug)]
enum Step {
    /// A command line of a ```` ```sh ```` block, comments dropped.
    Command(String),
    /// A ```` ```yaml <file> ```` block: the fields to write into that file.
    Edit { file: String, fields: String },
    /// A paragraph saying to delete (删掉) the `.yaml` files it names.
    Delete(Vec<String>),
}

/// The files a prose paragraph says to delete: its code spans naming `.yaml`
/// files, when it says 删掉.
fn deletions(paragraph: &str) -> Option<Step> {
    if !paragraph.contains("删掉") {
        return None;
    }
    let files: Vec<String> = paragraph
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| span.ends_with(".yaml") && !span.contains(' '))
        .map(str::to_string)
        .collect();
    (!files.is_empty()).then_some(Step::Delete(files))
}

fn steps(guide: &str) -> Vec<Step> {
    let mut out = Vec::new();
    let mut block: Option<(String, String)> = None; // (info string, body)
    let mut paragraph = String::new();
    for line in guide.lines().chain([""]) {
        if block.is_none() && !line.trim_start().starts_with("```") {
            if line.trim().is_empty() {
                out.extend(deletions(&paragraph));
                paragraph.clear();
            } else {
                paragraph.push_str(line);
            }
            continue;
        }
        let fence = line.trim_start().starts_with("```");
        match (&mut block, fence) {
            (None, true) => {
                block = Some((line.trim().trim_start_matches('`').into(), String::new()))
            }
            (Some((info, body)), true) => {
                let mut words = info.split_whitespace();
                match (words.next(), words.next()) {
                    (Some("sh"), None) => out.extend(
                        body.lines()
                            .map(|l| l.split("  #").next().unwrap_or("").trim())
                            .filter(|c| !c.is_empty() && !c.starts_with('#'))
                            .map(|c| Step::Command(c.to_string())),
                    ),
                    (Some("yaml"), Some(file)) => out.push(Step::Edit {
                        file: file.to_string(),
                        fields: body.clone(),
                    }),
                    _ => {}
                }
                block = None;
            }
            (Some((_, body)), false) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, false) => {}
        }
    }
    out
}

/// The first `code span` after `word` in the guide.
fn quoted_after<'g>(guide: &'g str, word: &str) -> &'g str {
    let i = guide
        .find(word)
        .unwrap_or_else(|| panic!("the guide says {word:?}"));
    let rest = &guide[i..];
    let open = rest.find('`').unwrap() + 1;
    rest[open..].split('`').next().unwrap()
}

/// The top-level fields of a YAML text, each with the lines below it.
fn fields(yaml: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in yaml.lines() {
        let top = !line.starts_with([' ', '#']) && !line.is_empty();
        match (top, line.split_once(':')) {
            (true, Some((key, _))) => out.push((key.to_string(), format!("{line}\n"))),
            _ => {
                let last = out.last_mut().expect("a field before indented lines");
                last.1.push_str(line);
                last.1.push('\n');
            }
        }
    }
    out
}

/// `file` with each field of `edit` in place of the same field (its line and
/// the indented lines below it), or added at the end when it has none.
fn apply(file: &str, edit: &str) -> String {
    let mut lines: Vec<String> = file.lines().map(str::to_string).collect();
    for (key, text) in fields(edit) {
        let new: Vec<String> = text.lines().map(str::to_string).collect();
        match lines.iter().position(|l| {
            l.strip_prefix(key.as_str())
                .is_some_and(|r| r.starts_with(':'))
        }) {
            Some(at) => {
                let children = lines[at + 1..]
                    .iter()
                    .take_while(|l| l.starts_with(' '))
                    .count();
                lines.splice(at..at + 1 + children, new);
            }
            None => lines.extend(new),
        }
    }
    lines.join("\n") + "\n"
}

/// The guide's register table (after `<!-- register -->`), written as the
/// .xlsx workbook the import command names: the table's first row is the
/// register's title, merged across it; the headings and rows follow. Returns
/// the rows' titles.
fn write_register(guide: &str, path: &Path) -> Vec<String> {
    use rust_xlsxwriter::Workbook;
    let start = guide.find("<!-- register -->").expect("the register table");
    let rows: Vec<Vec<&str>> = guide[start..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .filter(|l| !l.starts_with("|---"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert!(rows.len() >= 3, "{rows:?}");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let width = rows[1].len() as u16;
    assert!(rows[0][1..].iter().all(|c| c.is_empty()), "a title row");
    sheet
        .merge_range(0, 0, 0, width - 1, rows[0][0], &Default::default())
        .unwrap();
    for (r, row) in rows.iter().enumerate().skip(1) {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(path).unwrap();
    let title = rows[1]
        .iter()
        .position(|h| ["标题", "案由"].contains(h))
        .expect("a 标题 or 案由 column");
    rows[2..].iter().map(|r| r[title].to_string()).collect()
}

/// `gongkai ARGS` run in `cwd`, as the guide types it.
fn gongkai_in(args: &[&str], cwd: &Path) -> std::process::Output {
    crate::support::gongkai()
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// What running a guide did.
struct Run {
    dir: tempfile::TempDir,
    site: PathBuf,
    ran: Vec<String>,
    /// Record pages the guide wrote, with the title each must show.
    pages: Vec<(String, String)>,
}

/// `content/proposals/2019/0003.yaml` → `/proposals/2019/0003/`.
fn page_of(record: &str) -> String {
    let id = record
        .trim_start_matches("./")
        .trim_start_matches("content/proposals/")
        .trim_end_matches(".yaml");
    format!("/proposals/{id}/")
}

fn run(guide: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut cwd: PathBuf = dir.path().to_path_buf();
    let mut ran = Vec::new();
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut new_record: Option<String> = None;
    // The home page, under the title the site.yaml edit gives.
    let mut home = ("/".to_string(), String::new());
    for step in steps(guide) {
        let command = match step {
            Step::Edit { file, fields } => {
                let path = cwd.join(&file);
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("the guide edits {file}: {e}"));
                let text = apply(&text, &fields);
                let title = fields.lines().find_map(|l| l.strip_prefix("title: "));
                if file == "content/site.yaml" {
                    home.1 = title.expect("the site.yaml edit gives a title").to_string();
                }
                if new_record.as_deref() == Some(file.as_str()) {
                    let title = title.expect("the edit gives a title");
                    pages.push((page_of(&file), title.to_string()));
                }
                std::fs::write(&path, text).unwrap();
                ran.push(format!("edit {file}"));
                continue;
            }
            Step::Delete(files) => {
                for file in &files {
                    std::fs::remove_file(cwd.join(file))
                        .unwrap_or_else(|e| panic!("the guide deletes {file}: {e}"));
                }
                ran.push("delete".to_string());
                continue;
            }
            Step::Command(command) => command,
        };
        let words: Vec<&str> = command.split_whitespace().collect();
        match words.as_slice() {
            ["cd", to] => cwd = cwd.join(to),
            ["gongkai", "serve", rest @ ..] => {
                let (path, title) = pages.last().unwrap_or(&home).clone();
                // On a free port, through the environment, so the command
                // stays as written.
                let mut serve = crate::support::gongkai();
                serve
                    .arg("serve")
                    .args(rest)
                    .current_dir(&cwd)
                    .env("GONGKAI_PORT", "0");
                let page = Server::spawn(serve).get(&path);
                assert_eq!(page.status, 200, "{command} {path}:\n{}", page.text());
                assert!(page.text().contains(&title), "{command} shows {title}");
            }
            ["gongkai", args @ ..] => {
                if let ["import", register, ..] = args {
                    let titles = write_register(guide, &cwd.join(register));
                    let out = gongkai_in(args, &cwd);
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "{command}: {stderr}");
                    // The heading row found below the title, as the guide says.
                    let note = quoted_after(guide, "屏幕上说明");
                    assert!(stderr.contains(note), "{note}\n{stderr}");
                    let imported: Vec<String> = String::from_utf8_lossy(&out.stdout)
                        .lines()
                        .map(|l| l.trim_start_matches("./").to_string())
                        .collect();
                    assert_eq!(imported.len(), titles.len(), "one record a row");
                    pages.extend(imported.iter().map(|f| page_of(f)).zip(titles));
                } else {
                    let out = gongkai_in(args, &cwd);
                    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                    assert!(out.status.success(), "`{command}` failed:\n{stderr}");
                    if args.first() == Some(&"new") {
                        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
                        assert_eq!(
                            path,
                            quoted_after(guide, "新文件的路径"),
                            "the guide says what `new` prints"
                        );
                        new_record = Some(path);
                    }
                    if args.first() == Some(&"build") {
                        // "最后一行说明要上传什么": all of public/, never content/.
                        let last = stderr.lines().last().unwrap_or("");
                        assert!(
                            last.starts_with("上传：") && last.contains("不要上传 content"),
                            "{stderr}"
                        );
                    }
                    if args.first() == Some(&"publish") {
                        assert!(
                            stderr.contains("发布"),
                            "publish says what it did: {stderr}"
                        );
                    }
                    if args.first() == Some(&"check") {
                        if guide.contains("倒数第二行是") {
                            let drafts = quoted_after(guide, "倒数第二行是");
                            let lines: Vec<&str> = stderr.lines().collect();
                            assert_eq!(lines[lines.len() - 2], drafts, "{stderr}");
                        }
                        assert_eq!(
                            stderr.lines().last().unwrap_or(""),
                            quoted_after(guide, "汇总"),
                            "the guide quotes check's summary"
                        );
                    }
                }
            }
            _ => panic!("the guide has a command the test does not know: {command}"),
        }
        ran.push(words[..2.min(words.len())].join(" "));
    }
    Run {
        dir,
        site: cwd,
        ran,
        pages,
    }
}

#[test]
fn the_webmaster_guide_works_as_written() {
    let guide = read("docs/guide.md");
    let run = run(&guide);
    assert_eq!(
        run.ran,
        [
            "gongkai init",
            "cd my-site",
            "edit content/site.yaml",
            "edit content/sessions/2019-zx-9-3.yaml",
            "delete",
            "gongkai import",
            "gongkai check",
            "edit content/proposals/2019/0001.yaml",
            "gongkai publish",
            "gongkai new",
            "edit content/proposals/2019/0003.yaml",
            "gongkai publish",
            "gongkai build",
            "gongkai serve",
        ],
        "init → stand-ins → import → check → review and publish → build → preview"
    );
    // Every record the guide wrote is published, under its title.
    assert_eq!(run.pages.len(), 3, "{:?}", run.pages);
    for (page, title) in &run.pages {
        let file = run.site.join(format!("public{page}index.html"));
        let html = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(html.contains(title.as_str()), "{page} shows {title}");
    }
    let home = std::fs::read_to_string(run.site.join("public/index.html")).unwrap();
    assert!(
        home.contains("某区建议提案办理结果公开"),
        "the edited title"
    );
    // The review's edit is published; the register's full-width number is one file.
    let first =
        std::fs::read_to_string(run.site.join("public/proposals/2019/0001/index.html")).unwrap();
    assert!(
        first.contains("已在三个老旧小区增设停车位 200 个。"),
        "the summary added in review"
    );
    let second =
        std::fs::read_to_string(run.site.join("content/proposals/2019/0002.yaml")).unwrap();
    assert!(
        second.contains("\nnumber: 第2号\n") && second.contains("\nassigned_on: 2019-03-20\n"),
        "{second}"
    );
    drop(run.dir);
}

#[test]
fn the_readme_quick_guide_works_as_written() {
    let guide = readme_quick_guide();
    let run = run(&guide);
    assert_eq!(
        run.ran,
        [
            "gongkai init",
            "cd my-site",
            "edit content/site.yaml",
            "edit content/sessions/2019-zx-9-3.yaml",
            "delete",
            "gongkai check",
            "gongkai build",
            "gongkai serve",
        ],
        "init → edit → check → build → serve"
    );
    let home = std::fs::read_to_string(run.site.join("public/index.html")).unwrap();
    assert!(
        home.contains("某区建议提案办理结果公开"),
        "the edited title"
    );
    drop(run.dir);
}

#[test]
fn an_edit_replaces_a_field_and_what_hangs_below_it() {
    let file = "# 标题\ntitle: 旧\ntopics:\n  - 示例\n# 下一个\nkey: false\n";
    let edit = "topics: [停车]\nfiling:\n  icp: x\n";
    assert_eq!(
        apply(file, edit),
        "# 标题\ntitle: 旧\ntopics: [停车]\n# 下一个\nkey: false\nfiling:\n  icp: x\n"
    );
}
