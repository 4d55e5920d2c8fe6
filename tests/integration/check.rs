//! `gongkai check`: the summary line, broken links planted in a template
//! override, pages without a title, and that it writes nothing.

use std::path::Path;
use std::process::Output;

use crate::support::{init_site, lossy, write};

fn check(root: &Path, extra: &[&str]) -> Output {
    crate::support::gongkai()
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_clean_site_passes_with_a_summary_in_chinese_or_english() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let zh = check(dir.path(), &[]);
    assert!(zh.status.success(), "{}", lossy(&zh.stderr));
    assert_eq!(
        lossy(&zh.stderr).trim_end(),
        "2 件记录，1 个会议，0 个错误，0 个警告"
    );
    let en = check(dir.path(), &["--lang", "en"]);
    assert_eq!(
        lossy(&en.stderr).trim_end(),
        "2 records, 1 session, 0 errors, 0 warnings"
    );
    assert!(!dir.path().join("public").exists(), "check writes nothing");
    let quiet = check(dir.path(), &["--quiet"]);
    assert!(quiet.status.success());
    assert_eq!(lossy(&quiet.stderr), "");
}

#[test]
fn finds_a_broken_link_planted_in_a_template_override() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    write(
        &dir.path().join("templates/index.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ site.title }}</h1>\n\
         <p><a href=\"{{ page.root }}proposals/\">ok</a>\n\
         <a href=\"{{ page.root }}reports/2019/\">broken</a>\n\
         <img src=\"{{ page.root }}static/img/missing.png\" alt=\"\">\n\
         <a href=\"#nowhere\">no such id</a>\n\
         <a href=\"{{ page.root }}../outside/\">above the site</a>\n\
         <a href=\"https://www.gov.cn/\">external</a></p>{% endblock content %}",
    );
    let out = check(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", lossy(&out.stderr));
    let text = lossy(&out.stderr);
    // page:line:col, the code, the page and the target, and the page's line.
    assert!(
        text.lines().any(|l| l.starts_with("index.html:")
            && l.contains(
                ": error[E060]: 页面 index.html 中的链接 \"./reports/2019/\" 指向不存在的文件"
            )),
        "{text}"
    );
    assert!(
        text.contains("| <a href=\"./reports/2019/\">broken</a>"),
        "{text}"
    );
    assert!(text.contains("\"./static/img/missing.png\""), "{text}");
    assert!(
        text.contains("error[E061]") && text.contains("#nowhere"),
        "{text}"
    );
    assert!(
        text.contains(": error[E062]: ") && text.contains("\"./../outside/\""),
        "{text}"
    );
    assert!(
        !text.contains("gov.cn"),
        "external links are not checked: {text}"
    );
    assert!(!text.contains("\"./proposals/\""), "{text}");
    assert!(
        text.contains("2 件记录，1 个会议，4 个错误，0 个警告"),
        "{text}"
    );
    assert!(!dir.path().join("public").exists(), "check writes nothing");
}

#[test]
fn finds_a_page_without_a_title() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    write(
        &dir.path().join("templates/record.html"),
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"></head>\
         <body><h1>{{ record.title }}</h1></body></html>",
    );
    let out = check(dir.path(), &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let text = lossy(&out.stderr);
    assert!(
        text.contains("proposals/2019/0001/index.html: error[E063]: the page proposals/2019/0001/index.html has no <title>"),
        "{text}"
    );
}

#[test]
fn content_errors_are_listed_as_build_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let record = dir.path().join("content/proposals/2019/0001.yaml");
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(
        &record,
        text.replace("disclosure: public", "disclosure: done"),
    )
    .unwrap();
    let out = check(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = lossy(&out.stderr);
    assert!(text.contains("content/proposals/2019/0001.yaml:"), "{text}");
    assert!(text.contains("error[E012]"), "{text}");
    assert!(
        text.ends_with("内容有 1 处错误，未生成网站；输出文件夹保持原样\n"),
        "{text}"
    );
}
