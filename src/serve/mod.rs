//! `gongkai serve`: a local preview that rebuilds on every change and reloads
//! the open browser tabs.
//!
//! - [`rebuild`]: loads the content again (decoding only the files whose text
//!   changed), validates it (checking again only the records that changed,
//!   [`crate::validate::Memo`]) and builds the model; never writes `public/`.
//! - [`preview`]: the site of the last build, each page rendered when a browser
//!   asks for it, so an edit to one record in a 10,000-record site costs a model
//!   build and one page, and every file served still equals a full build's with
//!   the same options, byte for byte.
//! - [`watch`]: notify on `content/`, `templates/`, `static/`, `labels/` and
//!   `themes/`, debounced, feeding the rebuild thread.
//! - [`http`]: the server. It answers only from the current build's files in
//!   memory — there is no file-system path to traverse — and injects the
//!   live-reload script into HTML responses; the build itself never contains it.
//! - [`error_page`]: when the content has errors, every page shows the list.
//!
//! The server is axum on a single-threaded tokio runtime. A hand-written HTTP/1.1
//! server on std would do for one user, but parsing requests robustly (header
//! limits, keep-alive, pipelining, slow clients) is what hyper already does well,
//! and axum is the project standards' named choice; the long-polling reload
//! endpoint is a few lines of async code there. Files are made on up to four
//! blocking threads, so a slow one (the search index, made on first request)
//! never holds up the reload poll or another page.

pub mod error_page;
pub mod http;
pub mod preview;
pub mod rebuild;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::Error;
use crate::pipeline::BuildOptions;
use crate::report::Reporter;

/// What `gongkai serve` was asked for.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub limits: crate::load::Limits,
}

/// Binds, builds, then serves and watches until the process is stopped.
pub fn run(options: ServeOptions, out: Reporter) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        // Files are made on blocking threads (see `http::site`): a few suffice
        // for one person's browser, and a flood of requests cannot start
        // hundreds; idle ones end soon.
        .max_blocking_threads(4)
        .thread_keep_alive(std::time::Duration::from_secs(1))
        .build()
        .map_err(|e| Error::io(&options.root, e))?;
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| Error::io(std::path::Path::new(&addr.to_string()), e))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::io(std::path::Path::new(&addr.to_string()), e))?;
    let url = site_url(local);

    let mut build = BuildOptions::new(&options.root);
    build.base_url = Some(url.clone());
    build.render.minify = false;
    build.model.include_drafts = options.drafts;
    build.limits = options.limits;

    // Watching starts before the first build, so an edit saved while it runs
    // is not missed.
    let changes = watch::start(&options.root)?;
    let state = Arc::new(http::State::new(out.lang, local.ip().is_loopback()));
    let rebuilder = rebuild::Rebuilder::new(build, out);
    state.publish(rebuilder.build(&crate::load::Changed::Unknown));

    if !out.quiet {
        eprintln!(
            "{} {url} {}",
            out.lang.pick("正在预览", "serving"),
            out.lang
                .pick("（按 Ctrl+C 停止）", "(press Ctrl+C to stop)")
        );
    }
    let publisher = state.clone();
    std::thread::Builder::new()
        .name("gongkai-rebuild".into())
        .spawn(move || {
            while let Ok(mut changed) = changes.recv() {
                // Bursts that queued during the last rebuild: one rebuild for all.
                while let Ok(more) = changes.try_recv() {
                    changed = changed.merge(more);
                }
                publisher.publish(rebuilder.build(&changed));
            }
        })
        .map_err(|e| Error::io(&options.root, e))?;
    runtime
        .block_on(http::serve(listener, state))
        .map_err(|e| Error::io(std::path::Path::new(&url), e))
}

/// The address the preview is reached at, which is also its `base_url`. An
/// unspecified bind address (0.0.0.0) is reached at localhost from this computer.
fn site_url(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() => "localhost".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}/", addr.port())
}
