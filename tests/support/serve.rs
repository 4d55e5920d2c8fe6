//! `gongkai serve` as a process: start it on a free port, speak plain HTTP/1.1
//! to it over a socket (so request paths reach the server exactly as written,
//! `..` and all), wait for rebuilds.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `gongkai serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
    pub url: String,
    /// Everything it printed to stderr so far.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `gongkai serve --root ROOT --port 0 ARGS…` and waits until it listens.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        let mut cmd = super::gongkai();
        cmd.args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(args);
        Server::spawn(cmd)
    }

    /// Starts `cmd` (a `gongkai serve` command line) and waits until it
    /// prints the address it listens on.
    pub fn spawn(mut cmd: Command) -> Server {
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gongkai serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(i) = line.find("http://") {
                    let url: String = line[i..].split_whitespace().next().unwrap_or("").into();
                    let _ = tx.send(url);
                }
                sink.lock().unwrap().push(line);
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!("serve did not start: {:?}", log.lock().unwrap());
            }
        };
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        Server {
            child,
            addr,
            url,
            log,
        }
    }

    /// The server's process id (to count its threads and open files).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the server process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// `GET path` with a loopback Host header.
    pub fn get(&self, path: &str) -> Response {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    /// Sends raw request text, returns the parsed response.
    pub fn request(&self, raw: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Response::parse(&bytes)
    }

    /// The number of the build being served.
    pub fn generation(&self) -> u64 {
        let body = self.get("/__gongkai/manifest").text();
        body.lines().next().unwrap_or("0").parse().unwrap_or(0)
    }

    /// Waits until a build newer than `after` is served; returns its number.
    pub fn wait_for_build_after(&self, after: u64) -> u64 {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let r = self.get(&format!("/__gongkai/changes?after={after}"));
            let g: u64 = r
                .text()
                .split_whitespace()
                .nth(1)
                .and_then(|g| g.parse().ok())
                .unwrap_or(0);
            if g > after {
                return g;
            }
            assert!(
                Instant::now() < deadline,
                "no rebuild after {after}: {:?}",
                self.log.lock().unwrap()
            );
        }
    }

    /// Waits until the server has printed a line containing `needle` (its
    /// stderr is read on a thread of its own, so a line printed while a
    /// request was answered may reach the log after the response); returns
    /// the log so far.
    pub fn wait_for_log(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let log = self.log.lock().unwrap().join("\n");
            if log.contains(needle) {
                return log;
            }
            assert!(Instant::now() < deadline, "never printed {needle:?}: {log}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Runs `edit`, then waits for the rebuild it causes.
    pub fn after_edit(&self, edit: impl FnOnce()) -> u64 {
        let before = self.generation();
        edit();
        self.wait_for_build_after(before)
    }

    /// The served build as `(path, size, fnv1a)` lines.
    pub fn manifest(&self) -> Vec<String> {
        self.get("/__gongkai/manifest")
            .text()
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response, parsed just enough for tests.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn parse(bytes: &[u8]) -> Response {
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let raw = bytes[split + 4..].to_vec();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked { dechunk(&raw) } else { raw };
        Response {
            status,
            headers,
            body,
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = raw.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&raw[..end])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
}

/// A built folder as manifest lines (`path size fnv1a`), as the server's
/// manifest lists them, sorted.
pub fn dir_manifest(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = super::files(dir)
        .into_iter()
        .map(|(rel, bytes)| format!("{rel} {} {:016x}", bytes.len(), super::hash(&bytes)))
        .collect();
    out.sort();
    out
}
