//! The everyday commands as a webmaster meets them: `init` builds at once,
//! `new` picks the next free name and prints it, every build ends with one
//! summary line, `--quiet` and `--verbose` do what they say, and no progress
//! bar is drawn when stderr is not a terminal.

use crate::support::{init_site, lossy};

#[test]
fn init_makes_a_site_that_builds_at_once_with_one_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    for file in [
        "content/site.yaml",
        "content/sessions/2019-zx-9-3.yaml",
        "content/proposals/2019/0001.yaml",
        "content/proposals/2019/0002.yaml",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    let site = std::fs::read_to_string(dir.path().join("content/site.yaml")).unwrap();
    for field in [
        "title:",
        "base_url:",
        "owner:",
        "operator:",
        "icp:",
        "police:",
        "site_code:",
    ] {
        let line = site
            .lines()
            .position(|l| l.trim_start().starts_with(field))
            .unwrap();
        assert!(
            site.lines()
                .nth(line - 1)
                .unwrap()
                .trim_start()
                .starts_with('#'),
            "{field} is explained by the comment above it"
        );
    }
    let out = crate::support::gongkai_in(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", lossy(&out.stderr));
    let text = lossy(&out.stderr);
    assert_eq!(
        text.lines().count(),
        2,
        "the summary and what to upload, no progress bar: {text:?}"
    );
    assert!(
        text.lines().nth(1).unwrap().starts_with("上传：把 ")
            && text.contains("不要上传 content 文件夹"),
        "{text}"
    );
    let line = text.lines().next().unwrap();
    assert!(line.starts_with("已生成 "), "{line}");
    assert!(line.contains("个页面（2 件记录"), "{line}");
    assert!(line.contains("用时 ") && line.ends_with(" 秒"), "{line}");
    assert!(
        dir.path()
            .join("public/proposals/2019/0001/index.html")
            .is_file()
    );
    assert!(
        !text.contains('\r') && !text.contains('\u{1b}'),
        "no bar in a pipe"
    );

    let en = crate::support::gongkai_in(dir.path(), &["build", "--lang", "en"]);
    let line = lossy(&en.stderr);
    assert!(
        line.starts_with("built ") && line.contains("pages (2 records,"),
        "{line}"
    );

    let quiet = crate::support::gongkai_in(dir.path(), &["build", "--quiet"]);
    assert!(quiet.status.success());
    assert_eq!(lossy(&quiet.stderr), "", "--quiet prints only errors");

    let verbose = crate::support::gongkai_in(dir.path(), &["build", "--verbose"]);
    let text = lossy(&verbose.stderr);
    for stage in ["load", "validate", "model", "render", "write"] {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(stage) && l.ends_with(" ms")),
            "{stage} timing in {text}"
        );
    }
}

#[test]
fn new_writes_the_next_free_file_with_every_field_and_prints_its_path() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let first =
        crate::support::gongkai_in(dir.path(), &["new", "record", "--session", "2019-zx-9-3"]);
    assert!(first.status.success(), "{}", lossy(&first.stderr));
    let path = String::from_utf8_lossy(&first.stdout).trim().to_string();
    assert!(path.ends_with("content/proposals/2019/0003.yaml"), "{path}");
    let second =
        crate::support::gongkai_in(dir.path(), &["new", "record", "--session", "2019-zx-9-3"]);
    let path2 = String::from_utf8_lossy(&second.stdout).trim().to_string();
    assert!(
        path2.ends_with("content/proposals/2019/0004.yaml"),
        "{path2}"
    );

    let text = std::fs::read_to_string(&path).unwrap();
    for field in crate::support::record_fields() {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{field}:"))
                    || l.starts_with(&format!("# {field}:"))),
            "{field} present in the new record"
        );
    }
    assert!(text.contains("session: 2019-zx-9-3") && text.contains("draft: true"));

    let session =
        crate::support::gongkai_in(dir.path(), &["new", "session", "--id", "2020-zx-9-4"]);
    assert!(session.status.success(), "{}", lossy(&session.stderr));
    let spath = String::from_utf8_lossy(&session.stdout).trim().to_string();
    assert!(
        spath.ends_with("content/sessions/2020-zx-9-4.yaml"),
        "{spath}"
    );
    // Everything new is a valid draft: the site still checks clean.
    let check = crate::support::gongkai_in(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", lossy(&check.stderr));

    let unknown = crate::support::gongkai_in(dir.path(), &["new", "record", "--session", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        lossy(&unknown.stderr).contains("2019-zx-9-3"),
        "lists the sessions there are"
    );
}
