//! The preview server: answers from the current build in memory, injects the
//! live-reload script into HTML, long-polls for rebuilds.
//!
//! Safety: a request path is percent-decoded once and looked up as a key of the
//! build's file map — nothing is ever read from disk, so no path can reach a
//! file outside the build. Paths with `..`, `.`, backslashes, NUL or encoded
//! slashes are refused outright. When bound to a loopback address the server
//! also refuses requests whose `Host` is not a loopback name, so a web page
//! elsewhere cannot read the preview through DNS rebinding. Each connection
//! must send its headers within [`HEADER_READ_TIMEOUT`] and at most
//! [`MAX_CONNECTIONS`] are served at once, so idle, slow or half-closed clients
//! cannot starve the browser (`tests/limits/serve_hardening.rs`).

use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::error_page;
use super::preview::Preview;
use super::rebuild::Built;
use crate::diagnostic::Lang;

/// Where the server's own files live; no site path can start with `__`.
pub const PREFIX: &str = "/__gongkai/";

const LIVE_RELOAD_JS: &str = include_str!("live-reload.js");
const SERVE_CSS: &str = include_str!("serve.css");

/// How long a reload poll waits for a rebuild before answering anyway.
const POLL: Duration = Duration::from_secs(25);

/// How long after a new build is published the last one is freed.
const FREE_AFTER: Duration = Duration::from_secs(1);

/// What the server shows: the current build, numbered.
pub struct Snapshot {
    /// Counts builds from 1; the reload script compares it.
    pub generation: u64,
    pub built: Built,
}

/// Shared between the request handlers and the rebuild thread.
pub struct State {
    current: RwLock<Arc<Snapshot>>,
    generation: tokio::sync::watch::Sender<u64>,
    /// Differs between server runs, so a tab reloads after a restart.
    instance: String,
    lang: Lang,
    loopback_only: bool,
}

impl State {
    pub fn new(lang: Lang, loopback_only: bool) -> State {
        let instance = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| format!("{:x}", d.as_nanos() ^ u128::from(std::process::id())))
            .unwrap_or_default();
        State {
            current: RwLock::new(Arc::new(Snapshot {
                generation: 0,
                // Replaced by the first build before the server starts.
                built: Built::Failed {
                    diags: crate::diagnostic::Diagnostics::new(),
                    message: String::new(),
                },
            })),
            generation: tokio::sync::watch::channel(0).0,
            instance,
            lang,
            loopback_only,
        }
    }

    /// Makes a build current and wakes every waiting tab.
    pub fn publish(&self, built: Built) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let generation = current.generation + 1;
        let old = std::mem::replace(&mut *current, Arc::new(Snapshot { generation, built }));
        drop(current);
        self.generation.send_replace(generation);
        // Freeing the last build (a model of 10,000 records, the pages rendered
        // so far) takes tens of milliseconds: not while holding the lock, and
        // not while the tabs told to reload want the cores (of two, on the
        // machine measured, it cost the reload 20–40 ms) — a moment later.
        // (When no thread can be started, the build is freed now instead.)
        let _ = std::thread::Builder::new()
            .name("gongkai-free".into())
            .spawn(move || {
                std::thread::sleep(FREE_AFTER);
                drop(old);
            });
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// How long a client may take to send a request's headers, counted from when
/// the connection opens or its previous response was sent. Without a limit, a
/// client that connects and sends nothing, or stalls halfway through its
/// headers ("slowloris"), holds its connection and a file descriptor forever;
/// enough of them and the browser's own requests go unanswered. A browser sends
/// its headers at once; 10 s leaves room for a very slow one, and an idle
/// keep-alive connection closed this way is simply reopened by the browser.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// At most this many connections at once; further ones wait in the kernel's
/// accept queue until one closes. So a flood of connections cannot use up the
/// process's file descriptors (often 1,024), which the page renders and the
/// file watcher need too. One person previewing needs a handful.
const MAX_CONNECTIONS: usize = 512;

/// Serves until the process is stopped: one task per connection, each with
/// [`HEADER_READ_TIMEOUT`], at most [`MAX_CONNECTIONS`] of them.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<State>) -> std::io::Result<()> {
    let app = router(state);
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return Ok(()); // the semaphore is never closed
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // A client that gave up before we accepted, or no file descriptor
            // left: wait a moment rather than spin, then go on serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // A client that resets or times out ends only its own connection.
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// The server's routes: its own files under [`PREFIX`], the site for the rest.
fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/__gongkai/live-reload.js", get(live_reload_js))
        .route("/__gongkai/serve.css", get(serve_css))
        .route("/__gongkai/changes", get(changes))
        .route("/__gongkai/manifest", get(manifest))
        .fallback(site)
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Refuses foreign `Host` headers on a loopback server, and every method but GET and HEAD.
async fn guard(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    request: Request,
    next: axum::middleware::Next,
) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    if state.loopback_only {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !loopback_host(host) {
            return (StatusCode::FORBIDDEN, "forbidden host\n").into_response();
        }
    }
    next.run(request).await
}

/// `localhost`, `127.x.y.z`, `[::1]`, `x.localhost`, with or without a port.
fn loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn live_reload_js() -> Response {
    asset(LIVE_RELOAD_JS, "text/javascript; charset=utf-8")
}

async fn serve_css() -> Response {
    asset(SERVE_CSS, "text/css; charset=utf-8")
}

fn asset(text: &'static str, mime: &'static str) -> Response {
    let mut r = Response::new(Body::from(text));
    set_headers(&mut r, mime);
    r
}

/// `GET /__gongkai/changes?after=N`: answers `instance generation` as soon as the
/// generation exceeds N (or after [`POLL`]), for the reload script.
async fn changes(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    request: Request,
) -> Response {
    let after: u64 = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("after="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut rx = state.generation.subscribe();
    let wait = async {
        loop {
            if *rx.borrow_and_update() > after {
                break;
            }
            if rx.changed().await.is_err() {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(POLL, wait).await;
    let body = format!("{} {}", state.instance, *state.generation.borrow());
    let mut r = Response::new(Body::from(body));
    set_headers(&mut r, "text/plain; charset=utf-8");
    r
}

/// `GET /__gongkai/manifest`: `generation`, then one `path size hash` line per
/// file of the current build (for the tests and for curious webmasters).
async fn manifest(axum::extract::State(state): axum::extract::State<Arc<State>>) -> Response {
    tokio::task::spawn_blocking(move || manifest_text(&state))
        .await
        .unwrap_or_else(|_| Response::new(Body::from("error\n")))
}

fn manifest_text(state: &State) -> Response {
    let snapshot = state.snapshot();
    let mut text = format!("{}\n", snapshot.generation);
    if let Built::Site(preview) = &snapshot.built {
        // Renders every page not yet rendered: slow on a large site.
        match preview.files() {
            Ok(files) => {
                for (p, bytes) in files {
                    text.push_str(&format!(
                        "{p} {} {:016x}\n",
                        bytes.len(),
                        crate::hash::fnv1a(&bytes)
                    ));
                }
            }
            Err(e) => text.push_str(&format!("error: {}\n", e.message(state.lang))),
        }
    }
    let mut r = Response::new(Body::from(text));
    set_headers(&mut r, "text/plain; charset=utf-8");
    r
}

/// Every other path: a file of the current build, or the error page.
///
/// Made on a blocking thread: rendering a page takes milliseconds, but the
/// search index and data files, made on the first request for one of them,
/// take seconds on a large site; on the server's one thread that would hold up
/// every other request, the reload script's poll included.
async fn site(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    request: Request,
) -> Response {
    let raw = request.uri().path().to_string();
    tokio::task::spawn_blocking(move || site_file(&state, &raw))
        .await
        .unwrap_or_else(|_| {
            let mut r = Response::new(Body::from("500 Internal Server Error\n"));
            *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            set_headers(&mut r, "text/plain; charset=utf-8");
            r
        })
}

fn site_file(state: &State, raw: &str) -> Response {
    let snapshot = state.snapshot();
    let script = format!(
        "<script src=\"{PREFIX}live-reload.js?i={}&amp;g={}\"></script>",
        state.instance, snapshot.generation
    );
    let files = match &snapshot.built {
        Built::Site(preview) => preview,
        Built::Failed { diags, message } => {
            let page = error_page::render(diags, message, state.lang);
            return html(StatusCode::INTERNAL_SERVER_ERROR, &page, &script);
        }
    };
    let Some(key) = file_key(raw) else {
        return not_found(files, &script, state.lang);
    };
    match files.get(&key) {
        Some(Ok(bytes)) => {
            let mime = mime_type(&key);
            if mime.starts_with("text/html") {
                return html(StatusCode::OK, &bytes, &script);
            }
            let mut r = Response::new(Body::from(bytes));
            set_headers(&mut r, mime);
            if fingerprinted(&key) {
                r.headers_mut().insert(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("max-age=31536000, immutable"),
                );
            }
            return r;
        }
        Some(Err(e)) => return failed(&e, &script, state.lang),
        None => {}
    }
    // `/proposals` → `/proposals/`, as static servers do.
    if !raw.ends_with('/') && files.contains(&format!("{key}/index.html")) {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
        if let Ok(v) = HeaderValue::from_str(&format!("{raw}/")) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    not_found(files, &script, state.lang)
}

/// The error page for a page that failed to render (a template error).
fn failed(e: &crate::error::Error, script: &str, lang: Lang) -> Response {
    let page = error_page::render(
        &crate::diagnostic::Diagnostics::new(),
        &e.message(lang),
        lang,
    );
    html(StatusCode::INTERNAL_SERVER_ERROR, &page, script)
}

/// The site's 404 page (or a plain one) with status 404.
fn not_found(files: &Preview, script: &str, lang: Lang) -> Response {
    match files.get("404.html") {
        Some(Ok(page)) => html(StatusCode::NOT_FOUND, &page, script),
        Some(Err(e)) => failed(&e, script, lang),
        None => {
            let mut r = Response::new(Body::from("404 Not Found\n"));
            *r.status_mut() = StatusCode::NOT_FOUND;
            set_headers(&mut r, "text/plain; charset=utf-8");
            r
        }
    }
}

/// An HTML response with the live-reload script (see [`inject`]).
fn html(status: StatusCode, page: &[u8], script: &str) -> Response {
    let body = inject(page, script);
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    set_headers(&mut r, "text/html; charset=utf-8");
    r
}

/// Inserts `script` before the page's first `<script` tag (any case), so the
/// live-reload script runs before the page's own scripts and can detach what
/// they attach to `window` and `document` when it updates the page in place;
/// on a page without scripts, before the last `</body>`; else at the end.
pub fn inject(page: &[u8], script: &str) -> Vec<u8> {
    let first_script = page.windows(8).position(|w| {
        w[..7].eq_ignore_ascii_case(b"<script")
            && matches!(w[7], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
    });
    let at = first_script
        .or_else(|| {
            page.windows(7)
                .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        })
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + script.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn set_headers(r: &mut Response, mime: &'static str) {
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    // A preview must never show a stale page.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// Whether `path` is a theme stylesheet or script named after its content
/// (`static/css/site.3f2a9c1e.css`, see [`crate::render::theme`]): other
/// content gets another name, so the browser may keep it. A reload after an
/// edit then takes the stylesheet and scripts from its cache instead of
/// fetching and parsing them again; everything else is `no-store`.
pub fn fingerprinted(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("static/") else {
        return false;
    };
    let Some((stem, ext)) = rest.rsplit_once('.') else {
        return false;
    };
    let hash = stem.rsplit_once('.').map_or("", |(_, h)| h);
    matches!(ext, "css" | "js")
        && hash.len() == 8
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The build's key for a request path: `/` → `index.html`,
/// `/proposals/2019/0003/` → `proposals/2019/0003/index.html`, `/static/a.css` →
/// `static/a.css`. `None` for paths no build file can have: `..` or `.`
/// segments, backslashes, NUL, encoded slashes, bad UTF-8, or our own prefix.
pub fn file_key(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_decode(rest)?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.starts_with("__") {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if *s == ".." || *s == "." || (s.is_empty() && i != last) {
            return None;
        }
    }
    Some(if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    })
}

/// Strict percent-decoding: a malformed escape or invalid UTF-8 is `None`.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a build file, by extension.
pub fn mime_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_build_keys() {
        assert_eq!(file_key("/").as_deref(), Some("index.html"));
        assert_eq!(
            file_key("/proposals/2019/0003/").as_deref(),
            Some("proposals/2019/0003/index.html")
        );
        assert_eq!(
            file_key("/static/css/site.1.css").as_deref(),
            Some("static/css/site.1.css")
        );
        assert_eq!(
            file_key("/topics/%E5%81%9C/").as_deref(),
            Some("topics/停/index.html")
        );
        for bad in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/a/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/..%2fetc%2fpasswd",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "/./index.html",
            "//etc/passwd",
            "/a//b",
            "/%00",
            "/%zz",
            "/%ff%fe",
            "/__gongkai/x",
            "relative",
        ] {
            assert_eq!(file_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn script_goes_before_the_first_script_else_the_last_body_end() {
        assert_eq!(
            inject(
                b"<head><scripts-not></scripts-not><SCRIPT src=a></SCRIPT><script></script></head><body></body>",
                "<s>"
            ),
            b"<head><scripts-not></scripts-not><s><SCRIPT src=a></SCRIPT><script></script></head><body></body>"
        );
        assert_eq!(
            inject(b"<p></p></BODY></html>", "<s>"),
            b"<p></p><s></BODY></html>"
        );
        assert_eq!(inject(b"<p>no body</p>", "<s>"), b"<p>no body</p><s>");
    }

    #[test]
    fn only_fingerprinted_theme_files_may_be_kept() {
        assert!(fingerprinted("static/css/site.aea2cf5a.css"));
        assert!(fingerprinted("static/js/theme.3d3d013e.js"));
        for no in [
            "static/img/police-badge.svg",
            "static/css/site.css",
            "static/css/site.AEA2CF5A.css",
            "static/css/site.aea2cf5.css",
            "static/img/logo.aea2cf5a.png",
            "proposals/2019/0001/reply.aea2cf5a.js",
            "index.html",
        ] {
            assert!(!fingerprinted(no), "{no}");
        }
    }

    #[test]
    fn only_loopback_hosts_pass() {
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "localhost",
            "[::1]:80",
            "a.localhost",
        ] {
            assert!(loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example.com",
            "evil.example.com:1111",
            "10.0.0.1:1111",
            "",
        ] {
            assert!(!loopback_host(bad), "{bad}");
        }
    }
}
