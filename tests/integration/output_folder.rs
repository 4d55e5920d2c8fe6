//! The write stage: a failed build leaves the output folder as it was, builds are
//! byte-identical, output folders that would overwrite the site are refused, and
//! concurrent builds into one folder wait for each other instead of mixing.

use std::io::BufRead;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::support::corpus;
use crate::support::{Fixture, RECORD, Run, files, gongkai, leftovers, manifest};

/// A site of `n` generated records under a fresh temporary folder.
fn corpus_site(n: usize, seed: u64) -> Fixture {
    let f = Fixture::empty();
    corpus::write_site(f.root(), &corpus::generate(n, seed)).unwrap();
    f
}

#[test]
fn a_failed_build_leaves_the_output_byte_for_byte() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    f.record("2019/0002", &RECORD.replace("停车场", "养老驿站"));
    f.build().assert_exit(0);
    let out = f.path("public");
    let before = files(&out);
    assert!(before.contains_key("index.html"));
    assert!(before.contains_key("proposals/2019/0002/index.html"));

    // A content error: nothing is touched.
    f.record(
        "2019/0002",
        &RECORD.replace("status: solved", "status: resolved"),
    );
    f.build().assert_exit(1);
    assert_eq!(files(&out), before, "a content error changed public/");
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));

    // A failure after rendering started (a broken template): still untouched,
    // and the half-written staging folder is gone.
    f.record("2019/0002", RECORD);
    f.write("templates/record.html", "{% if %}");
    let run = f.build();
    run.assert_exit(1);
    // Told in Chinese, where it is, with the line: not in Tera's English.
    assert!(
        run.stderr.contains(
            "错误: 模板 record.html 第 1 行第 7 列：这里不应出现 `%}` — 请检查标签是否成对"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 | {% if %}\n"), "{}", run.stderr);
    assert!(!run.stderr.contains("expected"), "{}", run.stderr);
    assert_eq!(files(&out), before, "a template error changed public/");
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));

    // One that shows only while a page is rendered: the same.
    f.write("templates/record.html", "<p>{{ recrod.title }}</p>");
    let run = f.build();
    run.assert_exit(1);
    assert!(
        run.stderr.contains(
            "错误: 模板 record.html 第 1 行第 7 列：没有名为 recrod 的变量（可用的变量："
        ) && run.stderr.contains(" — 请检查名称的拼写"),
        "{}",
        run.stderr
    );
    assert_eq!(files(&out), before, "a template error changed public/");
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    // Enough records for several list pages and parallel rendering.
    let f = corpus_site(160, 7);
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    f.build_into(&a).assert_exit(0);
    f.build_into(&b).assert_exit(0);
    let (ma, mb) = (manifest(&a), manifest(&b));
    assert!(ma.len() > 100, "only {} files", ma.len());
    assert!(
        ma.contains_key("proposals/page/3/index.html"),
        "{:?}",
        ma.keys()
    );
    assert_eq!(ma, mb);

    // The same content under another path, rebuilt over an existing output.
    let g = corpus_site(160, 7);
    g.build_into(&a).assert_exit(0);
    assert_eq!(
        manifest(&a),
        mb,
        "the site's location leaked into the output"
    );
}

#[test]
fn output_folders_that_would_overwrite_the_site_are_refused() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    let content_before = files(&f.path("content"));
    let root = f.root().to_path_buf();
    let cases = [
        (root.clone(), "就是站点文件夹本身 — 请另选，如 public"),
        (root.join("."), "就是站点文件夹本身 — 请另选，如 public"),
        (
            root.join("content"),
            "在站点的 content/ 之内 — 请另选，如 public",
        ),
        (
            root.join("content/proposals"),
            "在站点的 content/ 之内 — 请另选，如 public",
        ),
        (
            root.join("public/../content"),
            "在站点的 content/ 之内 — 请另选，如 public",
        ),
        (
            root.parent().unwrap().to_path_buf(),
            "包含站点文件夹 — 生成时会替换整个文件夹，请另选",
        ),
        (
            root.join(".."),
            "包含站点文件夹 — 生成时会替换整个文件夹，请另选",
        ),
        (
            "/".into(),
            "包含站点文件夹 — 生成时会替换整个文件夹，请另选",
        ),
    ];
    for (out, why) in cases {
        let run = f.build_into(&out);
        run.assert_exit(2);
        assert_eq!(
            run.stderr,
            format!("错误: 输出文件夹 {} {why}\n", out.display()),
            "for {}",
            out.display()
        );
    }
    // A relative --output-dir is taken from the current folder, as usual.
    let run = crate::support::Run::from(gongkai().current_dir(f.root()).args([
        "build",
        "--output-dir",
        "content",
    ]));
    run.assert_exit(2);
    assert_eq!(
        run.stderr,
        "错误: 输出文件夹 content 在站点的 content/ 之内 — 请另选，如 public\n"
    );
    // In English.
    let run = crate::support::Run::from(gongkai().current_dir(f.root()).args([
        "--lang",
        "en",
        "build",
        "--output-dir",
        ".",
    ]));
    run.assert_exit(2);
    assert_eq!(
        run.stderr,
        "error: the output folder . is the site folder itself — choose another, such as public\n"
    );
    // Nothing was written anywhere: no lock files, no staging folders.
    assert_eq!(files(&f.path("content")), content_before);
    let names: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["content".to_string()]);
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    f.write("public", "not a folder");
    let run = f.build();
    run.assert_exit(2);
    assert!(
        run.stderr
            .contains("已存在且不是文件夹（是文件或符号链接） — 请另选输出位置"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(f.path("public")).unwrap(), b"not a folder");
    assert!(leftovers(&f.path("public")).is_empty());
}

#[test]
fn a_second_build_waits_for_the_lock() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    // Hold the lock a build takes, as a running build would.
    let lock_path = f.path(".public.lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();

    let mut child = gongkai()
        .args(["build", "--root"])
        .arg(f.root())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let line = line.unwrap();
            tx.send(line.clone()).ok();
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the waiting build says so");
    assert_eq!(
        first,
        format!(
            "另一个生成进程正在写入此输出文件夹，等待其完成…… {}",
            lock_path.display()
        )
    );
    // While it waits, nothing is written.
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the build did not wait"
    );
    assert!(!f.path("public").exists());

    drop(lock);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let rest: Vec<String> = rx.try_iter().collect();
    assert!(status.success(), "{rest:?}");
    assert!(f.path("public/proposals/2019/0001/index.html").is_file());
}

#[test]
fn concurrent_builds_into_one_folder_never_mix() {
    let a = corpus_site(120, 1);
    let b = corpus_site(120, 2);
    let dir = tempfile::tempdir().unwrap();
    // What each build gives on its own.
    a.build_into(&dir.path().join("ref-a")).assert_exit(0);
    b.build_into(&dir.path().join("ref-b")).assert_exit(0);
    let (ma, mb) = (
        manifest(&dir.path().join("ref-a")),
        manifest(&dir.path().join("ref-b")),
    );
    assert_ne!(ma, mb);

    let out = dir.path().join("public");
    for round in 0..3 {
        let spawn = |site: &Fixture| {
            gongkai()
                .args(["build", "--root"])
                .arg(site.root())
                .arg("--output-dir")
                .arg(&out)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (ca, cb) = (spawn(&a), spawn(&b));
        let (ra, rb) = (
            ca.wait_with_output().unwrap(),
            cb.wait_with_output().unwrap(),
        );
        assert!(
            ra.status.success(),
            "{}",
            String::from_utf8_lossy(&ra.stderr)
        );
        assert!(
            rb.status.success(),
            "{}",
            String::from_utf8_lossy(&rb.stderr)
        );
        let got = manifest(&out);
        assert!(
            got == ma || got == mb,
            "round {round}: the output is neither build ({} files)",
            got.len()
        );
        assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    }
}

#[test]
fn base_url_gets_its_final_slash_and_the_flag_replaces_it() {
    let f = Fixture::new();
    f.site(&crate::support::SITE.replace("/jytabl/", "/jytabl"));
    f.record("2019/0001", RECORD);
    f.build().assert_exit(0);
    let page = std::fs::read_to_string(f.path("public/proposals/2019/0001/index.html")).unwrap();
    assert!(
        page.contains("https://www.gongkai.test/jytabl/proposals/2019/0001/"),
        "{page}"
    );
    let run = f.run(&["build", "--base-url", "https://zwgk.gongkai.test/jy"]);
    run.assert_exit(0);
    let page = std::fs::read_to_string(f.path("public/proposals/2019/0001/index.html")).unwrap();
    assert!(
        page.contains("https://zwgk.gongkai.test/jy/proposals/2019/0001/"),
        "{page}"
    );
    assert!(!page.contains("www.gongkai.test"), "{page}");
    // A bad --base-url is a usage error, not a mistake in site.yaml.
    for bad in [
        "www.gongkai.test",
        "https://x.gov.cn/?a=1",
        "javascript:alert(1)",
    ] {
        let run = f.run(&["build", "--base-url", bad]);
        run.assert_exit(2);
        assert!(
            run.stderr.starts_with(&format!(
                "错误: \"{bad}\" 不是 --base-url <网址> 可以取的值 — 要写完整的 http(s) 网址"
            )),
            "{}",
            run.stderr
        );
    }
    f.site(&crate::support::SITE.replace("/jytabl/", "/jytabl/#top"));
    f.check().assert_only(
        "content/site.yaml:2:11: error[E033]: base_url \"https://www.gongkai.test/jytabl/#top\" 不是完整的网址 — 请写成 https://www.example.gov.cn/ 的形式（以 http:// 或 https:// 开头，不带 ? 或 #，也不带用户名和密码）",
    );
}

/// A Chinese domain name and path, typed with full-width dots as a Chinese
/// input method gives them, reach every absolute address in their ASCII form
/// (Punycode, percent-encoded), and the address printed for readers in
/// Chinese; an address with a password is refused.
#[test]
fn a_chinese_base_url_is_written_in_its_ascii_form() {
    let f = Fixture::new();
    f.site(&crate::support::SITE.replace(
        "https://www.gongkai.test/jytabl/",
        "https://例子。政务/建议提案",
    ));
    f.record("2019/0001", RECORD);
    let files = f.built();
    let base = "https://xn--fsqu00a.xn--zfr164b/%E5%BB%BA%E8%AE%AE%E6%8F%90%E6%A1%88/";
    let record = format!("{base}proposals/2019/0001/");
    for (path, expected) in [
        (
            "proposals/2019/0001/index.html",
            format!("<link rel=\"canonical\" href=\"{record}\">"),
        ),
        ("sitemap.xml", format!("<loc>{record}</loc>")),
        ("atom.xml", format!("href=\"{record}\"")),
        ("robots.txt", format!("Sitemap: {base}sitemap.xml")),
        ("data/proposals.json", format!("\"url\":\"{record}\"")),
    ] {
        let text = crate::support::file_text(&files, path);
        assert!(text.contains(&expected), "{path}: {expected} in {text}");
        assert!(path.ends_with(".html") || !text.contains("例子"), "{path}");
    }
    // The address printed on the record page is the one a reader can type.
    let page = crate::support::file_text(&files, "proposals/2019/0001/index.html");
    assert!(
        page.contains("本页网址：https://例子.政务/建议提案/proposals/2019/0001/"),
        "{page}"
    );
    assert_eq!(page.matches("例子").count(), 1, "{page}");
    f.site(&crate::support::SITE.replace("https://", "https://webmaster:secret@"));
    f.check().assert_only(
        "content/site.yaml:2:11: error[E033]: base_url \"https://webmaster:secret@www.gongkai.test/jytabl/\" 不是完整的网址 — 请写成 https://www.example.gov.cn/ 的形式（以 http:// 或 https:// 开头，不带 ? 或 #，也不带用户名和密码）",
    );
}

/// Without `base_url` the site is built with relative links and one W009;
/// what needs an absolute address (canonical links, og:url, SiteDomain, the
/// Atom feed, the XML sitemap and robots.txt's Sitemap line) is left out, and
/// no output names any host. The scaffold's `example.gov.cn` is a stand-in:
/// E066 in `build`, W007 in `check`.
#[test]
fn without_base_url_no_host_is_made_up() {
    let f = Fixture::new();
    f.site(&crate::support::SITE.replace("base_url: https://www.gongkai.test/jytabl/\n", ""));
    f.record("2019/0001", RECORD);
    let run = f.build();
    run.assert_exit(0);
    let w009 = run.with_code("W009");
    assert_eq!(w009.len(), 1, "{}", run.stderr);
    assert!(
        w009[0].starts_with("content/site.yaml: warning[W009]: 没有填写 base_url"),
        "{}",
        run.stderr
    );
    assert_eq!(run.headlines().len(), 1, "{}", run.stderr);
    let out = crate::support::files(&f.path("public"));
    for gone in ["atom.xml", "sitemap.xml"] {
        assert!(!out.contains_key(gone), "{gone} written");
    }
    assert!(
        out.contains_key("sitemap/index.html"),
        "the HTML site map stays"
    );
    assert_eq!(out["robots.txt"], b"User-agent: *\nDisallow:\n");
    for (path, bytes) in &out {
        let text = String::from_utf8_lossy(bytes);
        for absolute in [
            "rel=\"canonical\"",
            "og:url",
            "SiteDomain",
            "atom.xml",
            "gongkai.test",
            "example.gov.cn",
        ] {
            assert!(!text.contains(absolute), "{absolute} in {path}");
        }
    }
    let page = String::from_utf8_lossy(&out["proposals/2019/0001/index.html"]).into_owned();
    assert!(
        page.contains("href=\"../../../\""),
        "relative links: {page}"
    );
    // `check` finds every link of that site, 404.html's from `/` included.
    let checked = f.check();
    checked.assert_exit(0);
    assert_eq!(
        checked.headlines().len(),
        1,
        "only W009: {}",
        checked.stderr
    );
    let data: serde_json::Value = serde_json::from_slice(&out["data/proposals.json"]).unwrap();
    assert_eq!(data["site"].get("url"), None, "{}", data["site"]);
    assert_eq!(data["records"][0]["url"], "proposals/2019/0001/");
    // --base-url gives what site.yaml does not: no warning, feed and sitemap back.
    let run = f.run(&["build", "--base-url", "https://zwgk.gongkai.test/jy/"]);
    run.assert_exit(0);
    assert!(run.headlines().is_empty(), "{}", run.stderr);
    assert!(f.path("public/atom.xml").exists() && f.path("public/sitemap.xml").exists());

    for stand_in in [
        "https://www.example.gov.cn/jytabl/",
        "http://example.gov.cn",
    ] {
        f.site(&crate::support::SITE.replace("https://www.gongkai.test/jytabl/", stand_in));
        let run = f.build();
        run.assert_exit(1);
        assert_eq!(run.with_code("E066").len(), 1, "{}", run.stderr);
        assert!(
            run.with_code("E066")[0].starts_with("content/site.yaml:2:11: error[E066]: base_url"),
            "{}",
            run.stderr
        );
        let run = f.check();
        run.assert_exit(0);
        assert_eq!(run.with_code("W007").len(), 1, "{}", run.stderr);
    }
}

/// Where the atomic exchange is missing, the swap is two renames; a build killed
/// between them leaves the previous build in `.public.old` and no `public/`.
/// The next build puts it back first, so even if that build then fails, the
/// site is the previous build again.
#[test]
fn a_half_done_fallback_swap_is_undone() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    f.build().assert_exit(0);
    let before = files(&f.path("public"));
    std::fs::rename(f.path("public"), f.path(".public.old")).unwrap();
    std::fs::create_dir_all(f.path(".public.staging/proposals")).unwrap();
    // This build fails after taking the lock (a broken template).
    f.write("templates/record.html", "{% if %}");
    f.build().assert_exit(1);
    assert_eq!(files(&f.path("public")), before);
    assert!(leftovers(&f.path("public")).is_empty());
}

/// A build lets go of each record's text once the search index, made last,
/// has taken it in (output::SiteFiles::write_once); `check` and `serve` keep
/// the text (SiteFiles::write). Both must make the same files, byte for byte —
/// on more records than one index batch (1,024) holds, so that text is let go
/// while later batches are still being read, and with summary-only and
/// withheld records among them.
#[test]
fn a_build_that_lets_go_of_the_text_writes_what_a_render_in_memory_writes() {
    use gongkai::output::MemorySink;
    use gongkai::pipeline::{self, BuildOptions, Timings};

    let f = corpus_site(1_300, 17);
    let mut options = BuildOptions::new(f.root());
    options.base_url = Some("https://www.gongkai.test/".into());
    let out = f.path("public");
    let report = pipeline::build(&options, &out, |_| {}).unwrap();
    assert!(report.records > 1_024, "{} records", report.records);
    let built = files(&out);

    let mut timings = Timings::default();
    let model = pipeline::model(&options, &mut timings).unwrap();
    let memory = MemorySink::new();
    pipeline::render(&model, &options, &memory, &mut timings).unwrap();
    let rendered = memory.into_files();

    let paths = |m: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<String> {
        m.keys().cloned().collect()
    };
    assert_eq!(paths(&built), paths(&rendered));
    assert!(built.keys().any(|p| p.starts_with("search/i/")));
    for (path, bytes) in &built {
        assert!(bytes == &rendered[path], "{path} differs");
    }
}

/// A failure the system reports (here: the output folder's parent is a file)
/// is told in the webmaster's language, with its error number and what to do,
/// never in the system's English, and once.
#[test]
fn a_system_error_is_told_in_chinese_with_what_to_do() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    f.write("blocker", "a file, not a folder");
    let run = f.build_into(&f.path("blocker/public"));
    run.assert_exit(1);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("错误: "))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(line.contains("blocker"), "{line}");
    assert!(line.contains("（系统错误 "), "{line}");
    assert!(
        line.contains("— 请删除或改名那个文件，或另选位置"),
        "{line}"
    );
    let root = f.root().display().to_string();
    let words = line.replace(&root, "").replace("/blocker", "");
    assert!(
        !words.chars().any(|c| c.is_ascii_alphabetic()),
        "English in: {line}"
    );
    assert!(!run.stderr.contains("原因"), "{}", run.stderr);

    let english = Run::from(
        gongkai()
            .env("LANG", "en_US.UTF-8")
            .args(["build", "--root"])
            .arg(f.root())
            .arg("--output-dir")
            .arg(f.path("blocker/public")),
    );
    english.assert_exit(1);
    assert!(
        english.stderr.contains("(os error ") && english.stderr.contains("delete or rename"),
        "{}",
        english.stderr
    );
    assert!(!english.stderr.contains("caused by"), "{}", english.stderr);
}
