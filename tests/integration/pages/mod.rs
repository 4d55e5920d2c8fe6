//! Every page type of the default theme, built by the real binary from the
//! theme's fixture site (`tests/fixtures/theme`): what each page says, its
//! government metadata and filing footer, escaping of hostile content,
//! summary_only and withheld records, no empty columns, and links that resolve
//! with relative paths, under a sub-path and with `--portable`. The demo site in
//! `content/` is checked against its report in `pages/demo.rs`. Here: every page
//! type, the metadata every page carries, links and determinism; `records.rs`:
//! record pages and what each disclosure level shows; `lists.rs`: session, home
//! and unit pages and empty columns; `theme.rs`: labels and overrides.

mod demo;
mod lists;
mod records;
mod theme;
use crate::support::html;

use std::collections::BTreeMap;

use crate::support::{Fixture, files};
use html::{is_external, meta, norm, resolve, tags, targets};

/// The theme's fixture site, copied into a temporary folder so a test may add to it.
fn fixture() -> Fixture {
    let f = Fixture::empty();
    let src = crate::support::repo("tests/fixtures/theme");
    for (rel, bytes) in files(&src) {
        f.write(&rel, bytes);
    }
    f
}

/// `n` plain records in a session `zx-2020`, so lists need several pages.
fn add_fillers(f: &Fixture, n: usize) {
    f.session("zx-2020", "body: 区政协\nyear: 2020\nname: 九届四次会议\n");
    for i in 1..=n {
        f.record(
            &format!("2020/{i:04}"),
            &format!(
                "kind: proposal\nsession: zx-2020\ntitle: 关于第{i}件提案的建议\nstatus: solved\n\
                 disclosure: public\nhost_unit: 区交通运输局\ntopics: [停车设施]\nreplied_on: 2020-06-01\n"
            ),
        );
    }
}

/// A built site: its files and where they are.
struct Built {
    /// Keeps the output folder until the test ends.
    _dir: tempfile::TempDir,
    files: BTreeMap<String, Vec<u8>>,
}

impl Built {
    fn html(&self, rel: &str) -> String {
        let bytes = self
            .files
            .get(rel)
            .unwrap_or_else(|| panic!("{rel} was not generated; files: {:?}", self.files.keys()));
        String::from_utf8(bytes.clone()).unwrap()
    }

    fn has(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    fn pages(&self) -> impl Iterator<Item = (&String, String)> {
        self.files
            .iter()
            .filter(|(k, _)| k.ends_with(".html"))
            .map(|(k, v)| (k, String::from_utf8(v.clone()).unwrap()))
    }
}

fn build(f: &Fixture, args: &[&str]) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut cmd = crate::support::gongkai();
    cmd.arg("build")
        .arg("--quiet")
        .arg("--root")
        .arg(f.root())
        .arg("--output-dir")
        .arg(&out)
        .args(args);
    crate::support::Run::from(&mut cmd).assert_exit(0);
    Built {
        files: files(&out),
        _dir: dir,
    }
}

/// Asserts every internal link of every page points to a generated file,
/// except the search page, which belongs to the search feature.
fn assert_links_resolve(site: &Built) {
    let mut broken = Vec::new();
    for (page, html) in site.pages() {
        if page == "404.html" {
            continue; // absolute links from base_url's path; checked on its own
        }
        for t in targets(&html) {
            if is_external(&t) || t.starts_with('#') {
                continue;
            }
            assert!(
                !t.starts_with('/'),
                "{page}: internal links are relative: {t}"
            );
            match resolve(page, &t) {
                Some(p) if site.has(&p) => {}
                Some(p) if p.starts_with("search/") && !site.has("search/index.html") => {}
                other => broken.push(format!("{page} → {t} ({other:?})")),
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_page_type_is_generated() {
    let f = fixture();
    add_fillers(&f, 51);
    let site = build(&f, &[]);
    for page in [
        "index.html",
        "proposals/index.html",
        "proposals/page/2/index.html",
        "proposals/2019/0001/index.html",
        "sessions/index.html",
        "sessions/zx-2019/index.html",
        "sessions/rd-2018/index.html",
        "topics/index.html",
        "topics/parking/index.html",
        "topics/parking/page/2/index.html",
        "topics/xue-qian-jiao-yu/index.html",
        "units/index.html",
        "units/qu-jiao-tong-yun-shu-ju/index.html",
        "units/qu-jiao-tong-yun-shu-ju/page/2/index.html",
        "status/index.html",
        "status/in_progress/index.html",
        "status/not_feasible/index.html",
        "years/index.html",
        "years/2018/index.html",
        "sitemap/index.html",
        "404.html",
    ] {
        assert!(site.has(page), "{page} is generated");
    }
    // 58 records: two pages of 50, no third.
    assert!(!site.has("proposals/page/3/index.html"));
    assert!(
        !site.has("proposals/page/1/index.html"),
        "page 1 is proposals/ itself"
    );
    let list = site.html("proposals/index.html");
    assert_eq!(list.matches("gk-record-list__item").count(), 50);
    assert!(list.contains("共58件"), "the list says how many records");
    let page2 = site.html("proposals/page/2/index.html");
    assert_eq!(page2.matches("gk-record-list__item").count(), 8);
    let pager = tags(&page2, "a")
        .into_iter()
        .filter(|a| a.get("aria-current").map(String::as_str) == Some("page"))
        .filter_map(|a| a.get("href").cloned())
        .collect::<Vec<_>>();
    assert!(
        pager.contains(&"../../../proposals/page/2/".to_string()),
        "{pager:?}"
    );
    assert!(page2.contains("第2页，共2页"));
    assert!(norm(&page2).contains(&norm(
        "<title>建议提案（第2页） - 测试区建议提案办理结果公开</title>"
    )));
    assert_links_resolve(&site);
}

#[test]
fn every_page_carries_the_government_metadata_and_filing_footer() {
    let site = build(&fixture(), &[]);
    let mut pages = 0;
    for (page, html) in site.pages() {
        pages += 1;
        assert!(
            norm(&html).starts_with("<!doctype html><html lang=\"zh-CN\">"),
            "{page}"
        );
        assert_eq!(
            meta(&html, "SiteName").as_deref(),
            Some("测试区建议提案办理结果公开"),
            "{page}"
        );
        assert_eq!(
            meta(&html, "SiteDomain").as_deref(),
            Some("www.gongkai.test"),
            "{page}"
        );
        assert_eq!(
            meta(&html, "SiteIDCode").as_deref(),
            Some("4201130014"),
            "{page}"
        );
        assert!(
            meta(&html, "ColumnName").is_some_and(|c| !c.is_empty()),
            "{page}"
        );
        assert!(
            meta(&html, "description").is_some_and(|c| !c.is_empty()),
            "{page}"
        );
        assert!(meta(&html, "og:title").is_some(), "{page}");
        assert!(meta(&html, "og:description").is_some(), "{page}");
        let csp = tags(&html, "meta")
            .into_iter()
            .find(|a| a.get("http-equiv").map(String::as_str) == Some("Content-Security-Policy"))
            .and_then(|a| a.get("content").cloned())
            .unwrap_or_default();
        assert!(csp.starts_with("default-src 'self'"), "{page}: {csp}");
        assert!(!html.contains(" style="), "{page}: no style attributes");
        assert!(!html.contains("<script>"), "{page}: no inline script");
        assert!(!html.contains("<style"), "{page}: no inline style sheet");
        assert_eq!(html.matches("<h1").count(), 1, "{page}: one h1");
        for landmark in ["<header", "<main", "<footer", "<nav"] {
            assert!(html.contains(landmark), "{page}: {landmark}");
        }
        assert!(
            norm(&html).contains(&norm("<a class=gk-skip-link href=#main>跳到正文</a>")),
            "{page}"
        );
        // The footer: filing links, codes, owner, operator, site map, copyright.
        let links = targets(&html);
        assert!(
            links.contains(&"https://beian.miit.gov.cn/".to_string()),
            "{page}"
        );
        assert!(
            links.contains(
                &"https://beian.mps.gov.cn/#/query/webSearch?code=42011302000122".to_string()
            ),
            "{page}"
        );
        assert!(
            links.contains(&"https://zfwzzc.www.gov.cn/".to_string()),
            "{page}"
        );
        assert!(
            links.contains(&"https://bszs.conac.cn/sitename?method=show&id=0000".to_string()),
            "{page}"
        );
        for text in [
            "鄂ICP备2022016438号-1",
            "鄂公网安备 42011302000122号",
            "网站标识码：4201130014",
            "主办单位：测试区人民政府办公室",
            "承办单位：测试区政务服务数据管理局",
            "版权所有：测试区人民政府办公室",
            "mailto:jytabl@example.gov.cn",
            "网站地图",
        ] {
            assert!(norm(&html).contains(&norm(text)), "{page}: {text}");
        }
        let images: Vec<String> = tags(&html, "img")
            .into_iter()
            .filter_map(|a| a.get("src").cloned())
            .collect();
        assert!(
            images
                .iter()
                .any(|s| s.ends_with("static/img/police-badge.svg")),
            "{page}: the police badge is a local image: {images:?}"
        );
        assert!(
            images.iter().all(|s| !is_external(s)),
            "{page}: no remote image"
        );
        // The search box, on every page, pointing at the search page.
        let form = tags(&html, "form").into_iter().next().unwrap();
        assert_eq!(
            form.get("role").map(String::as_str),
            Some("search"),
            "{page}"
        );
        assert!(form["action"].ends_with("search/"), "{page}: {form:?}");
        assert!(
            tags(&html, "input")
                .iter()
                .any(|a| a.get("name").map(String::as_str) == Some("q")),
            "{page}"
        );
    }
    assert!(pages > 20, "{pages} pages checked");
    assert!(site.has("static/img/police-badge.svg"));
    assert!(site.has("static/img/government-mark.svg"));

    let record = site.html("proposals/2019/0001/index.html");
    assert_eq!(meta(&record, "ColumnName").as_deref(), Some("建议提案"));
    assert_eq!(
        meta(&record, "ArticleTitle").as_deref(),
        Some("关于加快推进停车场和新能源汽车配套设施建设的建议")
    );
    assert_eq!(meta(&record, "PubDate").as_deref(), Some("2019-10-08"));
    assert_eq!(
        meta(&record, "ContentSource").as_deref(),
        Some("区交通运输局")
    );
    assert_eq!(meta(&record, "og:type").as_deref(), Some("article"));
    assert_eq!(
        meta(&record, "og:url").as_deref(),
        Some("https://www.gongkai.test/jytabl/proposals/2019/0001/")
    );
    assert!(
        meta(&record, "description")
            .unwrap()
            .starts_with("全区共完成停车泊位11155个")
    );
    let canonical: Vec<String> = tags(&record, "link")
        .into_iter()
        .filter(|a| a.get("rel").map(String::as_str) == Some("canonical"))
        .filter_map(|a| a.get("href").cloned())
        .collect();
    assert_eq!(
        canonical,
        ["https://www.gongkai.test/jytabl/proposals/2019/0001/"]
    );
    let list = site.html("proposals/index.html");
    assert_eq!(
        meta(&list, "ArticleTitle"),
        None,
        "column pages are not articles"
    );
}

#[test]
fn links_are_relative_and_the_404_page_uses_the_base_path() {
    let site = build(&fixture(), &[]);
    let record = site.html("proposals/2019/0001/index.html");
    let css: Vec<String> = tags(&record, "link")
        .into_iter()
        .filter(|a| a.get("rel").map(String::as_str) == Some("stylesheet"))
        .filter_map(|a| a.get("href").cloned())
        .collect();
    assert_eq!(css.len(), 1);
    assert!(
        css[0].starts_with("../../../static/css/site."),
        "fingerprinted, relative: {css:?}"
    );
    assert_links_resolve(&site);

    // The 404 page is served at any depth: its links start with base_url's path.
    let not_found = site.html("404.html");
    assert!(not_found.contains("页面未找到"));
    for t in targets(&not_found) {
        if !is_external(&t) && !t.starts_with('#') {
            assert!(t.starts_with("/jytabl/"), "404 link {t}");
            let rel = t.trim_start_matches("/jytabl/");
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(
                site.has(&file) || file.starts_with("search/"),
                "404 link {t} resolves to {file}"
            );
        }
    }
    assert!(
        meta(&not_found, "og:url").is_none(),
        "the 404 page has no canonical address"
    );

    // Another base path: the 404 page follows it, other pages do not change.
    let moved = build(&fixture(), &["--base-url", "https://gov.example.cn/a/b"]);
    assert!(targets(&moved.html("404.html")).contains(&"/a/b/sitemap/".to_string()));
    assert_eq!(
        meta(&moved.html("proposals/index.html"), "og:url").as_deref(),
        Some("https://gov.example.cn/a/b/proposals/")
    );
    let body = |h: String| h[h.find("<body").unwrap()..].to_string();
    assert_eq!(
        body(moved.html("topics/index.html")),
        body(site.html("topics/index.html")),
        "page bodies do not depend on the base path"
    );
}

#[test]
fn portable_builds_link_to_index_html_files() {
    let f = fixture();
    add_fillers(&f, 51);
    let site = build(&f, &["--portable"]);
    for (page, html) in site.pages() {
        if page == "404.html" {
            continue;
        }
        for t in targets(&html) {
            if is_external(&t) || t.starts_with('#') {
                continue;
            }
            let path = t.split('#').next().unwrap();
            assert!(
                !path.ends_with('/') && !path.is_empty(),
                "{page}: {t} must name a file for file://"
            );
            let resolved = resolve(page, &t).unwrap();
            assert!(
                site.has(&resolved) || resolved.starts_with("search/"),
                "{page}: {t} → {resolved}"
            );
        }
    }
    let html = site.html("proposals/page/2/index.html");
    let links = targets(&html);
    assert!(
        links.contains(&"../../../proposals/index.html".to_string()),
        "{links:?}"
    );
    assert!(
        links.contains(&"../../../search/index.html".to_string()),
        "{links:?}"
    );
    // Canonical addresses stay pretty.
    assert_eq!(
        meta(&html, "og:url").as_deref(),
        Some("https://www.gongkai.test/jytabl/proposals/page/2/")
    );
}

#[test]
fn output_is_the_same_every_time() {
    let f = fixture();
    add_fillers(&f, 5);
    let a = build(&f, &[]);
    let b = build(&f, &[]);
    assert_eq!(a.files, b.files);
}

/// The canonical form of markup the page tests compare (`support::html::norm`)
/// ignores what a minifier may choose.
#[test]
fn canonical_markup_ignores_minifier_choices() {
    assert_eq!(
        norm("<dl class=a><dt class=\"k\">键<dd>值</dl>"),
        norm("<dl class=\"a\">\n<dt class='k'>键</dt>\n<dd>值</dd>\n</dl>")
    );
    assert_eq!(
        norm("<p title=\"&lt;b&gt;\">a &amp;  b</p>"),
        "<p title=\"<b>\">a & b"
    );
    assert_eq!(
        norm("<span>A</span> <span>B</span>"),
        "<span>A</span><span>B</span>"
    );
}
