//! `gongkai serve` against hostile clients: where it listens, request paths
//! that try to leave the build (absolute, NUL, overlong UTF-8, symlinks planted
//! in the site), the site's own 404 page, and a bounded load test with many,
//! slow and half-closed connections.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::serve::{Response, Server};
use crate::support::{gongkai, init_site, lossy, write};

/// Written into every file outside the site; no response may contain it.
const MARKER: &str = "OUTSIDE-SECRET-5f1c9e2b";

/// The default theme's 404 page says this (labels `notfound.title`, `notfound.body`).
const NOT_FOUND_TITLE: &str = "页面未找到";
const NOT_FOUND_BODY: &str = "您访问的页面不存在，可能已被移动或删除。";

/// Sends `raw` bytes and reads until the server closes; `None` when the server
/// closed without answering (as hyper does for requests it cannot parse).
fn raw_request(addr: &str, raw: &[u8]) -> Option<Response> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(raw).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    (!bytes.is_empty()).then(|| Response::parse(&bytes))
}

fn assert_site_404(r: &Response, what: &str) {
    assert_eq!(r.status, 404, "{what}");
    let html = r.text();
    assert!(
        html.contains(NOT_FOUND_TITLE) && html.contains(NOT_FOUND_BODY),
        "{what}: the theme's 404 page, not a bare text: {html}"
    );
    assert!(
        html.contains("汉南区建议提案办理结果公开"),
        "{what}: the 404 page is the site's (its header): {html}"
    );
}

#[test]
fn binds_loopback_by_default_and_only_there() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let server = Server::start(dir.path(), &[]);
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "prints the loopback URL: {}",
        server.url
    );
    let port = server.addr.rsplit_once(':').unwrap().1;
    assert_eq!(server.get("/").status, 200);

    // 127.0.0.2 is this computer too, but not the address bound; so is any
    // address of a network interface.
    let mut others = vec![format!("127.0.0.2:{port}")];
    if let Some(ip) = interface_address() {
        others.push(format!("{ip}:{port}"));
    }
    for addr in &others {
        let connect = TcpStream::connect_timeout(&addr.parse().unwrap(), Duration::from_secs(2));
        assert!(connect.is_err(), "{addr} reached a loopback-only server");
    }
    drop(server);

    // The same probe reaches a server told to listen everywhere, so the
    // refusals above are the bind address's doing.
    let open = Server::start(dir.path(), &["--bind", "0.0.0.0"]);
    let port = open.addr.rsplit_once(':').unwrap().1;
    for addr in others
        .iter()
        .map(|a| format!("{}:{port}", a.rsplit_once(':').unwrap().0))
    {
        let r = raw_request(
            &addr,
            format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .expect("an answer");
        assert_eq!(r.status, 200, "{addr}");
    }
}

/// This computer's address on its first network interface with a route, if any.
fn interface_address() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    // Connecting a UDP socket sends nothing; it only picks the source address.
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn absolute_nul_and_overlong_paths_answer_404_or_400_and_never_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    init_site(&site);
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, MARKER).unwrap();
    let server = Server::start(&site, &[]);
    let secret_abs = secret.display().to_string();
    let secret_enc = secret_abs.replace('/', "%2f");

    let paths = [
        "//etc/passwd".to_string(),
        "///etc/passwd".to_string(),
        "/%2fetc%2fpasswd".to_string(),
        "/%2Fetc/passwd".to_string(),
        "/etc/passwd".to_string(),
        format!("/{secret_abs}"),
        format!("/{secret_enc}"),
        "/%00".to_string(),
        "/index.html%00".to_string(),
        "/index.html%00.css".to_string(),
        "/%00/../etc/passwd".to_string(),
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd".to_string(),
        "/%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd".to_string(),
        "/..%c0%af..%c0%afetc/passwd".to_string(),
        "/%e0%80%ae%e0%80%ae/etc/passwd".to_string(),
        "/%f0%80%80%ae%f0%80%80%ae/etc/passwd".to_string(),
        "/%25%32%65%25%32%65/%25%32%65%25%32%65/etc/passwd".to_string(),
        "/%252e%252e/etc/passwd".to_string(),
        "/C:/Windows/win.ini".to_string(),
        "/proposals/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
    ];
    for path in &paths {
        let r = server.get(path);
        assert!(
            !r.text().contains(MARKER) && !r.text().contains("root:"),
            "{path}"
        );
        assert_site_404(&r, path);
    }

    // Request targets in other forms than a path: absolute-form URLs (with
    // this server's and with a file: scheme), raw NUL, raw backslashes, raw
    // overlong bytes. hyper refuses some before they reach us (400, or a
    // closed connection); whatever answers must not be a file outside the build.
    let addr = &server.addr;
    let targets: Vec<Vec<u8>> = vec![
        b"file:///etc/passwd".to_vec(),
        format!("file://{secret_abs}").into_bytes(),
        format!("http://{addr}/etc/passwd").into_bytes(),
        format!("http://{addr}//etc/passwd").into_bytes(),
        format!("http://{addr}/%2fetc%2fpasswd").into_bytes(),
        format!("http://{addr}{secret_abs}").into_bytes(),
        b"/etc/passwd".to_vec(),
        b"/\0".to_vec(),
        b"/index.html\0.css".to_vec(),
        b"/\\etc\\passwd".to_vec(),
        b"/..\\..\\etc\\passwd".to_vec(),
        b"/\xc0\xae\xc0\xae/etc/passwd".to_vec(),
        b"*".to_vec(),
        b"etc/passwd".to_vec(),
    ];
    for target in &targets {
        let mut raw = b"GET ".to_vec();
        raw.extend_from_slice(target);
        raw.extend_from_slice(
            format!(" HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        let shown = String::from_utf8_lossy(target);
        if let Some(r) = raw_request(addr, &raw) {
            assert!(
                r.status == 400 || r.status == 404,
                "{shown}: status {}",
                r.status
            );
            assert!(
                !r.text().contains(MARKER) && !r.text().contains("root:"),
                "{shown}"
            );
        }
    }
    assert_eq!(server.get("/").status, 200, "still serving");
}

#[test]
fn unknown_paths_answer_the_sites_own_404_page() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let server = Server::start(dir.path(), &[]);
    let own = server.get("/404.html");
    assert_eq!(own.status, 200);
    for path in [
        "/no/such/page/",
        "/no-such-file.css",
        "/proposals/2019/9999/",
        "/static/css/nothing.css",
        "/../x",
        "/%zz",
        "/__gongkai/nothing",
    ] {
        let r = server.get(path);
        assert_site_404(&r, path);
        assert_eq!(
            r.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(r.text(), own.text(), "{path}: exactly the built 404.html");
    }
}

/// One way a webmaster (or an attacker with write access to one folder) could
/// link a file from outside into the site.
struct Link {
    /// In the site.
    at: &'static str,
    /// Under the outside folder.
    to: &'static str,
    /// The error `build` refuses the site with: E029 for the link itself,
    /// E024 for an attachment; `None` where the link is not read at all (a
    /// theme file no layer below names).
    refused: Option<&'static str>,
}

const LINKS: &[Link] = &[
    // A theme file overriding the default one.
    Link {
        at: "static/css/site.css",
        to: "secret.txt",
        refused: Some("E029"),
    },
    Link {
        at: "static/js/theme.js",
        to: "secret.txt",
        refused: Some("E029"),
    },
    // A new static file, and a folder of them.
    Link {
        at: "static/leak.txt",
        to: "secret.txt",
        refused: None,
    },
    Link {
        at: "static/img",
        to: "files",
        refused: Some("E029"),
    },
    // Templates: one overriding the 404 page.
    Link {
        at: "templates/404.html",
        to: "template.html",
        refused: Some("E029"),
    },
    Link {
        at: "templates/base.html",
        to: "template.html",
        refused: Some("E029"),
    },
    // A component's folder; and the old flat place of components, no longer read.
    Link {
        at: "components/site_footer",
        to: "files",
        refused: Some("E029"),
    },
    Link {
        at: "templates/components",
        to: "files",
        refused: None,
    },
    Link {
        at: "labels/zh-CN.yaml",
        to: "labels.yaml",
        refused: Some("E029"),
    },
    // Content: a record file, a folder of records, the site file.
    Link {
        at: "content/proposals/2019/0009.yaml",
        to: "record.yaml",
        refused: Some("E029"),
    },
    Link {
        at: "content/proposals/2018",
        to: "records",
        refused: Some("E029"),
    },
    Link {
        at: "content/sessions/2019-zx-9-4.yaml",
        to: "secret.txt",
        refused: Some("E029"),
    },
    Link {
        at: "content/site.yaml",
        to: "secret.txt",
        refused: Some("E029"),
    },
    // An attachment beside a record.
    Link {
        at: "content/proposals/2019/leak.pdf",
        to: "secret.txt",
        refused: Some("E024"),
    },
];

/// Plants files carrying [`MARKER`] in `outside`: plain text, a template, labels,
/// a valid record, a folder of files named as the theme's.
fn plant_outside(outside: &Path, record: &str) {
    write(
        &outside.join("secret.txt"),
        format!("{MARKER}\ntitle: {MARKER}\n"),
    );
    write(
        &outside.join("template.html"),
        format!("<!DOCTYPE html><html><body><p>{MARKER}</p></body></html>"),
    );
    write(
        &outside.join("labels.yaml"),
        format!("notfound.title: {MARKER}\nnotfound.body: {MARKER}\n"),
    );
    let marked = record.replace(
        "title: 关于增设社区停车位的建议",
        &format!("title: {MARKER}"),
    );
    assert_ne!(marked, record, "the record has the expected title line");
    write(&outside.join("record.yaml"), &marked);
    write(&outside.join("records/0001.yaml"), &marked);
    for name in [
        "government-mark.svg",
        "police-badge.svg",
        "site_footer.html",
        "site_footer.css",
        "secret.txt",
    ] {
        write(&outside.join("files").join(name), MARKER);
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_never_serve_the_outside_files() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    let template = dir.path().join("template-site");
    init_site(&template);
    let record =
        std::fs::read_to_string(template.join("content/proposals/2019/0001.yaml")).unwrap();
    plant_outside(&outside, &record);
    let mut leaks = Vec::new();

    for (i, link) in LINKS.iter().enumerate() {
        let site = dir.path().join(format!("site-{i}"));
        init_site(&site);
        let at = site.join(link.at);
        if at.is_file() {
            std::fs::remove_file(&at).unwrap();
        }
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(outside.join(link.to), &at).unwrap();
        if link.at.ends_with("leak.pdf") {
            attach(&site.join("content/proposals/2019/0001.yaml"), "leak.pdf");
        }

        let server = Server::start(&site, &[]);
        let mut urls = plausible_urls(link.at);
        urls.extend(
            server
                .manifest()
                .iter()
                .filter_map(|l| l.split(' ').next())
                .map(|p| format!("/{p}")),
        );
        assert!(urls.len() > 20, "{}", link.at);
        for url in &urls {
            if server.get(url).text().contains(MARKER) {
                leaks.push(format!(
                    "{} → {}: serve answered {url} with it",
                    link.at, link.to
                ));
            }
        }
        if link.refused == Some("E029") {
            let page = server.get("/proposals/2019/0001/");
            assert_eq!(page.status, 500, "{}: the error page", link.at);
            assert!(page.text().contains("error[E029]"), "{}", link.at);
        }
        let log = server.log.lock().unwrap().join("\n");
        if log.contains(MARKER) {
            leaks.push(format!("{}: serve's log quotes it", link.at));
        }
        drop(log);
        drop(server);

        // A build sees the same site: it refuses the link or leaves it out.
        let out = dir.path().join(format!("public-{i}"));
        let build = gongkai()
            .args(["build", "--root"])
            .arg(&site)
            .arg("--output-dir")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = lossy(&build.stderr);
        match link.refused {
            Some(code) => {
                let name = link.at.rsplit('/').next().unwrap();
                assert!(
                    !build.status.success()
                        && stderr.contains(&format!("error[{code}]"))
                        && stderr.contains(name),
                    "{}: build refuses it with {code}: {stderr}",
                    link.at
                );
            }
            None => assert!(build.status.success(), "{}: {stderr}", link.at),
        }
        if link.at == "content/proposals/2019/0009.yaml" {
            let expected = format!(
                "{0}: error[E029]: \"{0}\" 是指向站点文件夹之外的链接，不会被读取 — 请把文件复制到站点文件夹内，不要链接外部文件",
                link.at
            );
            assert!(stderr.contains(&expected), "{stderr}");
        }
        if stderr.contains(MARKER) {
            leaks.push(format!("{}: build printed it", link.at));
        }
        for file in files_under(&out) {
            let bytes = std::fs::read(&file).unwrap();
            if String::from_utf8_lossy(&bytes).contains(MARKER) {
                leaks.push(format!(
                    "{} → {}: build wrote it to {}",
                    link.at,
                    link.to,
                    file.strip_prefix(&out).unwrap().display()
                ));
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

/// Adds an attachment to a record of `gongkai init`'s site.
fn attach(record: &Path, file: &str) {
    let text = std::fs::read_to_string(record).unwrap();
    assert!(!text.contains("\nattachments:"), "{text}");
    let with = format!(
        "{}\nattachments:\n  - title: 答复函\n    file: {file}\n",
        text.trim_end()
    );
    std::fs::write(record, with).unwrap();
}

/// The URLs a linked file could be reached at, whatever the theme does with it.
fn plausible_urls(at: &str) -> Vec<String> {
    let rel = at
        .strip_prefix("static/")
        .or_else(|| at.strip_prefix("content/"))
        .unwrap_or(at);
    let mut urls = vec![
        "/".to_string(),
        "/404.html".to_string(),
        "/no/such/page/".to_string(),
        format!("/{at}"),
        format!("/{rel}"),
        format!("/static/{rel}"),
        "/static/leak.txt".to_string(),
        "/leak.txt".to_string(),
        "/secret.txt".to_string(),
        "/static/img/secret.txt".to_string(),
        "/static/img/government-mark.svg".to_string(),
        "/proposals/".to_string(),
        "/proposals/2019/0001/".to_string(),
        "/proposals/2019/0009/".to_string(),
        "/proposals/2018/0001/".to_string(),
        "/proposals/2019/0001/leak.pdf".to_string(),
        "/sessions/".to_string(),
        "/search/".to_string(),
        "/sitemap.xml".to_string(),
        "/feed.xml".to_string(),
        "/data/records.json".to_string(),
        "/data/records.csv".to_string(),
    ];
    urls.sort();
    urls.dedup();
    urls
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The server's thread count and open file descriptors, from /proc.
#[cfg(target_os = "linux")]
fn resources(pid: u32) -> (usize, usize) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let threads = status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count();
    (threads, fds)
}

/// A normal request, timed.
fn timed_get(server: &Server, path: &str) -> (u16, Duration) {
    let start = Instant::now();
    let r = server.get(path);
    (r.status, start.elapsed())
}

/// 200 connections at once — idle ones, half-closed ones, slow ones sending a
/// byte every 100 ms, and ones fetching pages — while a normal request keeps
/// succeeding within a second; afterwards the server still answers and its
/// threads and open files return to where they were.
#[cfg(target_os = "linux")]
#[test]
fn keeps_answering_during_and_after_200_hostile_connections() {
    // A normal request is timed under the load.
    let _turn = crate::one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let mut server = Server::start(dir.path(), &[]);
    let pid = server.pid();
    // Warm up: render the pages the load asks for.
    assert_eq!(server.get("/").status, 200);
    assert_eq!(server.get("/proposals/2019/0001/").status, 200);
    std::thread::sleep(Duration::from_millis(300));
    let (threads0, fds0) = resources(pid);

    let addr = server.addr.clone();
    let slow_request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    // Every kind of client, 200 in all, opened before any is let go.
    let mut held: Vec<TcpStream> = Vec::new();
    for i in 0..150 {
        let mut s = TcpStream::connect(&addr).expect("connect");
        match i % 3 {
            // Opens and never sends.
            0 => {}
            // Sends half a request line, then shuts its write side.
            1 => {
                s.write_all(b"GET /proposals/20").unwrap();
                s.shutdown(Shutdown::Write).unwrap();
            }
            // Sends the headers but never the blank line that ends them.
            _ => s
                .write_all(format!("GET / HTTP/1.1\r\nHost: {addr}\r\n").as_bytes())
                .unwrap(),
        }
        held.push(s);
    }
    // 40 slow clients, one byte every 100 ms (about 4.5 s per request), and 10
    // that fetch pages in a loop until the slow ones are done.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut workers = Vec::new();
    for _ in 0..40 {
        let addr = addr.clone();
        let request = slow_request.clone();
        workers.push(std::thread::spawn(move || -> Result<u16, String> {
            let mut s = TcpStream::connect(&addr).map_err(|e| e.to_string())?;
            s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
            for b in request.as_bytes() {
                s.write_all(std::slice::from_ref(b))
                    .map_err(|e| format!("write: {e}"))?;
                std::thread::sleep(Duration::from_millis(100));
            }
            let mut bytes = Vec::new();
            s.read_to_end(&mut bytes)
                .map_err(|e| format!("read: {e}"))?;
            if bytes.is_empty() {
                return Err("closed without an answer".into());
            }
            Ok(Response::parse(&bytes).status)
        }));
    }
    for _ in 0..10 {
        let addr = addr.clone();
        let done = done.clone();
        workers.push(std::thread::spawn(move || -> Result<u16, String> {
            let mut last = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let r = raw_request(
                    &addr,
                    format!("GET /proposals/2019/0001/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
                        .as_bytes(),
                )
                .ok_or("closed without an answer")?;
                last = r.status;
                if last != 200 {
                    return Err(format!("status {last}"));
                }
            }
            Ok(last)
        }));
    }

    // While all 200 are open: a normal request, several times, each within 1 s.
    std::thread::sleep(Duration::from_millis(300));
    let (_, fds_busy) = resources(pid);
    assert!(
        fds_busy >= fds0 + 100,
        "the connections are open at the server: {fds0} → {fds_busy}"
    );
    let mut slowest = Duration::ZERO;
    for _ in 0..8 {
        let (status, took) = timed_get(&server, "/");
        assert_eq!(status, 200);
        slowest = slowest.max(took);
        std::thread::sleep(Duration::from_millis(400));
    }
    assert!(
        slowest < Duration::from_secs(1),
        "a normal request took {slowest:?} under load"
    );

    let slow_workers: Vec<_> = workers.drain(..40).collect();
    for w in slow_workers {
        assert_eq!(w.join().unwrap(), Ok(200), "a slow client is answered");
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for w in workers {
        assert_eq!(w.join().unwrap(), Ok(200));
    }
    drop(held);

    // Afterwards: answers at once, alive, back to its threads and files.
    let (status, took) = timed_get(&server, "/");
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert!(server.alive(), "the server survived");
    let deadline = Instant::now() + Duration::from_secs(5);
    let (threads, fds) = loop {
        let (threads, fds) = resources(pid);
        // Idle blocking threads (which made the pages) end after a second.
        if (fds <= fds0 + 5 && threads <= threads0 + 2) || Instant::now() > deadline {
            break (threads, fds);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(fds <= fds0 + 5, "open files {fds0} → {fds}");
    assert!(threads <= threads0 + 2, "threads {threads0} → {threads}");
}

/// A client that connects and sends nothing (or stops halfway through its
/// headers) is let go after the header timeout, so such clients cannot pile up
/// until the server runs out of file descriptors.
#[test]
fn idle_and_stalled_connections_are_closed_after_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let server = Server::start(dir.path(), &[]);
    let start = Instant::now();
    let mut idle = TcpStream::connect(&server.addr).unwrap();
    let mut stalled = TcpStream::connect(&server.addr).unwrap();
    stalled
        .write_all(format!("GET / HTTP/1.1\r\nHost: {}\r\n", server.addr).as_bytes())
        .unwrap();
    for s in [&mut idle, &mut stalled] {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut bytes = Vec::new();
        // Ends when the server closes (or resets) the connection.
        let _ = s.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            bytes.is_empty() || text.starts_with("HTTP/1.1 408"),
            "{text}"
        );
    }
    let took = start.elapsed();
    assert!(
        took >= Duration::from_secs(5) && took < Duration::from_secs(15),
        "closed after {took:?}"
    );
    assert_eq!(server.get("/").status, 200);
}

/// Links that stay inside the site folder keep working: a records folder and a
/// stylesheet kept elsewhere in the site.
#[cfg(unix)]
#[test]
fn symlinks_inside_the_site_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    init_site(&site);
    let record = std::fs::read_to_string(site.join("content/proposals/2019/0001.yaml")).unwrap();
    write(
        &site.join("archive/2018/0001.yaml"),
        record.replace("title: 关于增设社区停车位的建议", "title: 存档里的建议"),
    );
    write(&site.join("shared/site.css"), "body { color: #123456 }");
    std::os::unix::fs::symlink(
        site.join("archive/2018"),
        site.join("content/proposals/2018"),
    )
    .unwrap();
    std::fs::create_dir_all(site.join("static/css")).unwrap();
    std::os::unix::fs::symlink(
        site.join("shared/site.css"),
        site.join("static/css/site.css"),
    )
    .unwrap();
    let server = Server::start(&site, &[]);
    let page = server.get("/proposals/2018/0001/");
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("存档里的建议"));
    let css = server
        .manifest()
        .iter()
        .find_map(|l| {
            l.strip_prefix("static/css/site.")
                .map(|_| l.split(' ').next().unwrap().to_string())
        })
        .expect("a stylesheet");
    assert!(server.get(&format!("/{css}")).text().contains("#123456"));
}
