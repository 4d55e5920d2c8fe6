//! `gongkai serve` as a process: pages over HTTP, live changes, the error page,
//! path safety, and the served build equal to a full build after many edits.

use crate::support::serve::{Server, dir_manifest};
use crate::support::{gongkai, init_site_as_is as init_site, lossy, write};

const RECORD: &str = "content/proposals/2019/0001.yaml";

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serves_pages_and_shows_a_change_on_the_next_request() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let server = Server::start(dir.path(), &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = home.text();
    assert!(html.contains("某某区建议提案办理结果公开"), "{html}");
    assert!(
        html.contains("<script src=\"/__gongkai/live-reload.js?i="),
        "the reload script is injected: {html}"
    );

    let page = server.get("/proposals/2019/0001/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("关于……的建议"));
    // A folder without its slash redirects, as static servers do.
    let redirect = server.get("/proposals/2019/0001");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/proposals/2019/0001/"));

    let css = server.get("/__gongkai/live-reload.js");
    assert_eq!(css.status, 200);
    assert!(css.text().contains("/__gongkai/changes"));

    // Pages are never kept by the browser; the theme's stylesheet, named after
    // its content, is (a reload after an edit does not fetch it again).
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let sheet = html
        .split('"')
        .find(|s| s.contains("static/css/site.") && s.ends_with(".css"))
        .expect("the stylesheet's link");
    let sheet = server.get(&format!("/{}", sheet.trim_start_matches("./")));
    assert_eq!(sheet.status, 200);
    assert_eq!(
        sheet.header("cache-control"),
        Some("max-age=31536000, immutable")
    );

    server.after_edit(|| {
        edit(
            &dir.path().join(RECORD),
            "title: 关于……的建议",
            "title: 关于增设社区停车位的建议",
        )
    });
    let page = server.get("/proposals/2019/0001/");
    assert!(
        page.text().contains("关于增设社区停车位的建议"),
        "{}",
        page.text()
    );
    assert!(
        !dir.path().join("public").exists(),
        "serve never writes public/"
    );

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
}

#[test]
fn a_content_error_shows_as_a_page_and_the_site_comes_back_after_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let server = Server::start(dir.path(), &[]);
    assert_eq!(server.get("/").status, 200);

    let record = dir.path().join(RECORD);
    server.after_edit(|| edit(&record, "disclosure: public", "disclosure: resolved"));
    let text = std::fs::read_to_string(&record).unwrap();
    let line = text
        .lines()
        .position(|l| l == "disclosure: resolved")
        .unwrap()
        + 1;
    for path in ["/", "/proposals/2019/0001/"] {
        let page = server.get(path);
        assert_eq!(page.status, 500);
        let html = page.text();
        assert!(html.contains("<html lang=\"zh-CN\">"), "{html}");
        assert!(html.contains("网站生成失败"), "{html}");
        assert!(
            html.contains(&format!(
                "{RECORD}:{line}:13: error[E012]: 未知的公开方式 &quot;resolved&quot;"
            )),
            "file:line:col and the Chinese message: {html}"
        );
        assert!(
            html.contains("/__gongkai/live-reload.js"),
            "the error page reloads too"
        );
    }
    // Printed to the terminal too (the log is read apart from the pages).
    server.wait_for_log(&format!("{RECORD}:{line}:13: error[E012]"));

    server.after_edit(|| edit(&record, "disclosure: resolved", "disclosure: public"));
    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.text());
    assert!(
        server
            .get("/proposals/2019/0001/")
            .text()
            .contains("关于……的建议")
    );
}

#[test]
fn refuses_paths_outside_the_build_foreign_hosts_and_other_methods() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    // A file next to the site that a traversal would reach.
    std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
    let server = Server::start(dir.path(), &[]);
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fsecret.txt",
        "/proposals/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/content/site.yaml",
        "/secret.txt",
        "//etc/passwd",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.text().contains("SECRET") && !r.text().contains("root:"),
            "{path}"
        );
    }
    let absolute = server.request(&format!(
        "GET http://{}/../secret.txt HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr, server.addr
    ));
    assert!(!absolute.text().contains("SECRET"));

    let foreign =
        server.request("GET / HTTP/1.1\r\nHost: evil.example.com\r\nConnection: close\r\n\r\n");
    assert_eq!(foreign.status, 403, "DNS rebinding guard");
    let post = server.request(&format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert_eq!(post.status, 405);
    assert!(
        server.addr.starts_with("127.0.0.1:"),
        "binds loopback by default"
    );
}

/// After a sequence of edits (records changed, added, removed, a template
/// override added and removed, site.yaml changed, an error and its fix), the
/// served build equals a full `gongkai build` with the same options.
#[test]
fn the_build_after_a_sequence_of_edits_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    init_site(&site);
    // The full build at the end refuses stand-ins: replaced first.
    crate::support::fill_in(&site);
    let server = Server::start(&site, &[]);
    let record = site.join(RECORD);

    server.after_edit(|| {
        edit(
            &record,
            "title: 关于增设社区停车位的建议",
            "title: 第一次修改",
        )
    });
    server.after_edit(|| {
        let text = std::fs::read_to_string(&record).unwrap();
        for (i, title) in ["第二件", "第三件", "第四件"].iter().enumerate() {
            write(
                &site.join(format!("content/proposals/2019/{:04}.yaml", i + 2)),
                text.replace("title: 第一次修改", &format!("title: {title}")),
            );
        }
    });
    server.after_edit(|| {
        std::fs::remove_file(site.join("content/proposals/2019/0003.yaml")).unwrap()
    });
    server.after_edit(|| edit(&record, "status: in_progress", "status: nonsense"));
    server.after_edit(|| edit(&record, "status: nonsense", "status: solved"));
    server.after_edit(|| {
        write(
            &site.join("templates/list.html"),
            "{% extends \"base.html\" %}{% block content %}<h1>列表：{{ page.title }}</h1>\
             {% for r in records %}<p><a href=\"{{ page.root }}{{ r.href }}\">{{ r.title }}</a></p>{% endfor %}\
             {% endblock content %}",
        )
    });
    server.after_edit(|| {
        edit(
            &site.join("content/site.yaml"),
            "title: 汉南区",
            "title: 汉南新区",
        )
    });
    server.after_edit(|| {
        edit(
            &site.join("content/proposals/2019/0004.yaml"),
            "第四件",
            "第四件（改）",
        )
    });
    server.after_edit(|| std::fs::remove_file(site.join("templates/list.html")).unwrap());

    let served = server.manifest();
    assert!(
        served
            .iter()
            .any(|l| l.starts_with("proposals/2019/0004/index.html "))
    );
    assert!(!served.iter().any(|l| l.starts_with("proposals/2019/0003/")));

    let out = dir.path().join("full");
    let build = gongkai()
        .args(["build", "--no-minify", "--base-url", &server.url, "--root"])
        .arg(&site)
        .arg("--output-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", lossy(&build.stderr));
    assert_eq!(served, dir_manifest(&out));
    assert!(
        std::fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("汉南新区"),
        "the full build saw the last edits too"
    );
}

#[test]
fn drafts_show_only_with_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let status = gongkai()
        .args(["new", "record", "--session", "2019-zx-9-3", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success());
    let plain = Server::start(dir.path(), &[]);
    assert_eq!(plain.get("/proposals/2019/0003/").status, 404);
    drop(plain);
    let drafts = Server::start(dir.path(), &["--drafts"]);
    assert_eq!(drafts.get("/proposals/2019/0003/").status, 200);
}
