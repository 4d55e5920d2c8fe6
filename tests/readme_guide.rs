//! The README's webmaster guide, run as written: every command in its `sh`
//! blocks (init → new → edit → serve → check → build), with the edit the guide
//! describes done in between. If the guide and the program drift apart, this
//! fails.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The README's workflow section.
fn guide() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- SECTION: workflow -->")
        .expect("workflow section");
    let rest = &readme[start + 1..];
    let end = rest.find("<!-- SECTION:").unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The command lines of the guide's ```sh blocks, comments dropped.
fn commands(guide: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in guide.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block && line.trim() == "```sh";
            continue;
        }
        if in_block {
            let command = line.split("  #").next().unwrap_or("").trim();
            if !command.is_empty() && !command.starts_with('#') {
                out.push(command.to_string());
            }
        }
    }
    out
}

/// The text between `before` and the next backtick in the guide.
fn quoted_after<'g>(guide: &'g str, before: &str) -> &'g str {
    let i = guide
        .find(before)
        .unwrap_or_else(|| panic!("the guide says {before:?}"))
        + before.len();
    guide[i..].split('`').next().unwrap()
}

fn gongkai(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(cwd)
        .env_remove("LANG")
        .output()
        .unwrap()
}

#[test]
fn the_webmaster_guide_works_as_written() {
    let guide = guide();
    let commands = commands(&guide);
    assert!(commands.len() >= 6, "{commands:?}");
    let printed_path = quoted_after(&guide, "It prints `");
    let summary = quoted_after(&guide, "with a summary such as `");

    let dir = tempfile::tempdir().unwrap();
    let mut cwd: PathBuf = dir.path().to_path_buf();
    let mut edited = false;
    let mut ran = Vec::new();
    for command in &commands {
        let words: Vec<&str> = command.split_whitespace().collect();
        match words.as_slice() {
            ["cd", to] => cwd = cwd.join(to),
            ["gongkai", "serve", rest @ ..] => {
                // Port 0 (a free one) through the environment, so the command stays as written.
                let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
                    .arg("serve")
                    .args(rest)
                    .current_dir(&cwd)
                    .env("GONGKAI_PORT", "0")
                    .env_remove("LANG")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
                let url = lines
                    .by_ref()
                    .map_while(Result::ok)
                    .find_map(|l| {
                        l.find("http://")
                            .map(|i| l[i..].split_whitespace().next().unwrap().to_string())
                    })
                    .expect("serve prints its address");
                let addr = url.trim_start_matches("http://").trim_end_matches('/');
                let page = http_get(addr, "/proposals/2019/0003/");
                let _ = child.kill();
                let _ = child.wait();
                assert!(page.starts_with("HTTP/1.1 200"), "{page}");
                assert!(
                    page.contains("关于增设社区停车位的建议"),
                    "the edit is previewed"
                );
            }
            ["gongkai", args @ ..] => {
                let out = gongkai(args, &cwd);
                let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                assert!(out.status.success(), "`{command}` failed:\n{stderr}");
                if args.first() == Some(&"new") {
                    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
                    assert_eq!(path, printed_path, "the guide says what `new` prints");
                    // The edit the guide describes: a title, and the draft line deleted.
                    let file = cwd.join(&path);
                    let text = std::fs::read_to_string(&file).unwrap();
                    assert!(
                        text.contains("\ndraft: true\n"),
                        "the guide tells to delete draft: true"
                    );
                    let text = text
                        .replace("title: 关于……的建议", "title: 关于增设社区停车位的建议")
                        .replace("\ndraft: true\n", "\n");
                    std::fs::write(&file, text).unwrap();
                    edited = true;
                }
                if args.first() == Some(&"check") {
                    assert_eq!(
                        stderr.trim_end(),
                        summary,
                        "the guide quotes check's summary"
                    );
                }
            }
            _ => panic!("the guide has a command the test does not know: {command}"),
        }
        ran.push(words[..2.min(words.len())].join(" "));
    }
    assert!(edited);
    assert_eq!(
        ran,
        [
            "gongkai init",
            "cd my-site",
            "gongkai new",
            "gongkai serve",
            "gongkai check",
            "gongkai build"
        ],
        "init → new → (edit) → serve → check → build"
    );
    let page = std::fs::read_to_string(cwd.join("public/proposals/2019/0003/index.html")).unwrap();
    assert!(page.contains("关于增设社区停车位的建议"));
}

fn http_get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}
