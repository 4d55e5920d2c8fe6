//! Stage 1, load: walk `content/`, read each YAML file, and decode it into typed
//! values with source positions.
//!
//! Every problem is collected, never returned early, so one run lists every broken
//! file. Files are read and decoded in parallel; the results are sorted by path so
//! the order of everything downstream is deterministic.

mod cache;
pub mod decode;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::spill::Spill;
use crate::content::{RecordFile, SessionFile, SiteConfig};
use crate::diagnostic::{Diagnostic, Diagnostics, IoFailure, Pos, Problem, Source};
use crate::error::Error;
use crate::fs::display_path;
use crate::yaml;
pub use cache::{Cache, CacheStats, Changed};
pub use decode::Located;

/// Limits on input files. A content file is a few kilobytes of text; anything far
/// larger is a mistake (a pasted PDF, a generated file) or an attack.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 5 * 1024 * 1024,
        }
    }
}

/// Everything read from `content/`.
///
/// When loading reported errors, a file with wrong fields is still here, with
/// stand-ins for those fields (see [`Located::is_complete`]), so that validation
/// can check the rest of it; only content without errors may be modelled.
#[derive(Debug)]
pub struct Content {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    pub site: Option<Located<SiteConfig>>,
    /// Sessions by id, sorted.
    pub sessions: Vec<LoadedSession>,
    /// Records by id, sorted. Shared with `serve`'s cache, which keeps them
    /// between loads.
    pub records: Vec<Arc<LoadedRecord>>,
    /// The id of every session file found, including those that could not be
    /// read or parsed: a record naming one of them names an existing session.
    pub session_files: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct LoadedSession {
    /// The file name without `.yaml`.
    pub id: String,
    pub file: Located<SessionFile>,
}

#[derive(Clone, Debug)]
pub struct LoadedRecord {
    /// The path under `content/proposals/` without `.yaml`, `/`-separated: `2019/0003`.
    pub id: String,
    /// The folder holding the YAML file, where attachments are looked up.
    pub dir: PathBuf,
    pub file: Located<RecordFile>,
    /// Written by `gongkai import` (its file begins with
    /// [`crate::content::record::IMPORTED_MARK`]).
    pub imported: bool,
}

/// What kind of file a path under `content/` is.
#[derive(Clone)]
enum Entry {
    Site,
    Session(String),
    Record(String),
}

/// Reads `ROOT/content/`. Returns what could be read and every problem found.
pub fn load(root: &Path, limits: Limits) -> (Content, Diagnostics) {
    load_with(root, limits, None, None)
}

/// [`load`], moving each record's prose into `spill` as soon as it is decoded
/// (`build`, `check`: see [`crate::content::spill`]), so that the records hold
/// only their metadata until the stages that need the text read it back.
///
/// Unless the content files total at most `keep_below` bytes: then the text
/// stays in memory. Writing it out and reading it back once per stage cost a
/// 10,000-record `typical` build 3–5% of its time, which a small site need not
/// pay. The choice is made from the files' sizes before any is decoded, so a
/// large site never holds text it spills later: a version that kept the first
/// texts and spilled them once the site proved large peaked 25–35 MiB higher
/// at 100,000 `long-text` records (measured while mimalloc's purge delay was
/// its 1,000 ms default, which may account for part of it).
/// Fails only when the spill file cannot be written.
pub fn load_spilling(
    root: &Path,
    limits: Limits,
    spill: &Arc<Spill>,
    keep_below: u64,
) -> Result<(Content, Diagnostics), Error> {
    let to = SpillTo {
        spill,
        keep_below,
        failed: std::sync::Mutex::new(None),
    };
    let out = load_with(root, limits, None, Some(&to));
    match to.failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
        None => Ok(out),
        Some(e) => Err(e),
    }
}

/// Where decoded records put their prose, and the first error doing so.
struct SpillTo<'a> {
    spill: &'a Arc<Spill>,
    /// Content files totalling at most this many bytes keep their text in memory.
    keep_below: u64,
    failed: std::sync::Mutex<Option<Error>>,
}

/// The total size of the files, as the file system gives it (a file it
/// cannot give is counted as empty: reading it reports the problem).
fn total_size(entries: &[(PathBuf, Entry)]) -> u64 {
    entries
        .par_iter()
        .map(|(path, _)| std::fs::metadata(path).map_or(0, |m| m.len()))
        .sum()
}

/// [`load`], reusing the decoded value of every file whose text is unchanged
/// since the last load with this cache (`serve`); files outside `changed` are
/// not even read (see [`cache`]'s doc). The result is the same as [`load`]'s.
pub fn load_cached(
    root: &Path,
    limits: Limits,
    cache: &Cache,
    changed: &Changed,
) -> (Content, Diagnostics) {
    cache.begin();
    let out = load_with(root, limits, Some((cache, changed)), None);
    cache.end();
    out
}

fn load_with(
    root: &Path,
    limits: Limits,
    cache: Option<(&Cache, &Changed)>,
    spill: Option<&SpillTo<'_>>,
) -> (Content, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut content = Content {
        root: root.to_path_buf(),
        site: None,
        sessions: Vec::new(),
        records: Vec::new(),
        session_files: Vec::new(),
    };
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diags.push(Diagnostic::general(Problem::NoContentDir {
            root: root.display().to_string(),
        }));
        return (content, diags);
    }

    let known = cache.and_then(|(cache, changed)| cache.walk_if_unchanged(root, changed));
    let (entries, has_links) = match known {
        Some(known) => {
            diags.extend(known.diags);
            (known.files, known.has_links)
        }
        None => {
            let mut found = Diagnostics::new();
            let (files, has_links) = walk(root, &content_dir, &mut found);
            if let Some((cache, _)) = cache {
                cache.put_walk(cache::Walk {
                    files: files.clone(),
                    has_links,
                    diags: found.clone(),
                });
            }
            diags.extend(found);
            (files, has_links)
        }
    };
    // Through a link, the watcher may report a change under another path.
    let cache = cache.map(|(cache, changed)| match has_links {
        true => (cache, &Changed::Unknown),
        false => (cache, changed),
    });
    content.session_files = entries
        .iter()
        .filter_map(|(_, e)| match e {
            Entry::Session(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    content.session_files.sort();
    if !entries.iter().any(|(_, e)| matches!(e, Entry::Site)) {
        diags.push(Diagnostic::in_file(
            Problem::MissingSiteFile,
            "content/site.yaml",
        ));
    }

    let spill = spill.filter(|to| total_size(&entries) > to.keep_below);
    // Files known to be unchanged are taken from the cache without reading.
    let unread = match cache {
        Some((cache, changed)) => {
            let unchanged: Vec<Option<&Path>> = entries
                .iter()
                .map(|(path, _)| {
                    let rel = path.strip_prefix(root).unwrap_or(path);
                    (!changed.includes(rel)).then_some(path.as_path())
                })
                .collect();
            cache.get_unread(&unchanged)
        }
        None => entries.iter().map(|_| None).collect(),
    };
    let parsed: Vec<(Parsed, Diagnostics)> = entries
        .into_par_iter()
        .zip(unread)
        .map(|((path, entry), unread)| {
            unread.unwrap_or_else(|| {
                let mut diags = Diagnostics::new();
                let cache = cache.map(|(cache, _)| cache);
                let parsed = read_and_decode(root, &path, entry, limits, cache, spill, &mut diags);
                (parsed, diags)
            })
        })
        .collect();

    for (parsed, d) in parsed {
        diags.extend(d);
        match parsed {
            Parsed::Site(site) => content.site = Some(*site),
            Parsed::Session(s) => content.sessions.push(*s),
            Parsed::Record(r) => content.records.push(r),
            Parsed::Nothing => {}
        }
    }
    content.sessions.sort_by(|a, b| a.id.cmp(&b.id));
    content.records.sort_by(|a, b| a.id.cmp(&b.id));
    (content, diags)
}

/// Lists the YAML files under `content/`, reporting misplaced and misnamed
/// ones; and whether `content/` holds a symbolic link.
fn walk(root: &Path, content_dir: &Path, diags: &mut Diagnostics) -> (Vec<(PathBuf, Entry)>, bool) {
    let mut found = Vec::new();
    let mut has_links = content_dir.is_symlink();
    // follow_links: a webmaster may link a folder in; walkdir detects loops and
    // reports them as errors instead of recursing forever.
    // …but only from inside the site (or the folder `content/` itself links to):
    // a link out would publish any file on the computer, or quote it in an error.
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let real_content = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.to_path_buf());
    let inside = [real_root.as_path(), real_content.as_path()];
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name();
    let mut it = walker.into_iter();
    while let Some(next) = it.next() {
        let entry = match next {
            Ok(e) => e,
            Err(err) => {
                let file = err
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::in_file(
                    Problem::WalkFailed {
                        failure: err.io_error().map_or(IoFailure::LOOP, IoFailure::of),
                    },
                    file,
                ));
                continue;
            }
        };
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(content_dir) else {
            continue;
        };
        let parts: Vec<String> = rel
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        if parts.is_empty() {
            continue;
        }
        // Hidden files and folders (.git, .DS_Store, editor swap files) are not content.
        if parts.iter().any(|p| p.starts_with('.') || p.ends_with('~')) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let name = display_path(root, path);
        let is_dir = entry.file_type().is_dir();
        has_links |= entry.path_is_symlink();
        if entry.path_is_symlink() && !crate::fs::resolves_inside(path, &inside) {
            diags.push(Diagnostic::in_file(
                Problem::LinkOutside { name: name.clone() },
                name,
            ));
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        let is_yaml = !is_dir && parts.last().is_some_and(|p| p.ends_with(".yaml"));
        // Meant as YAML but named so that it would be skipped: `.yml`, `.YAML`,
        // or `.yaml.txt` from an editor that hides extensions.
        let is_yml = !is_dir
            && !is_yaml
            && parts.last().is_some_and(|p| {
                let p = p.to_lowercase();
                let p = p.strip_suffix(".txt").unwrap_or(&p);
                p.ends_with(".yaml") || p.ends_with(".yml")
            });

        match parts[0].as_str() {
            "site.yaml" if parts.len() == 1 => found.push((path.to_path_buf(), Entry::Site)),
            "sessions" => {
                if parts.len() == 1 {
                    continue;
                }
                if is_dir || parts.len() > 2 || is_yml {
                    diags.push(Diagnostic::in_file(
                        Problem::MisplacedFile { name },
                        display_path(root, path),
                    ));
                    if is_dir {
                        it.skip_current_dir();
                    }
                } else if is_yaml {
                    let id = parts[1].trim_end_matches(".yaml").to_string();
                    if check_name(&id, &name, diags) {
                        found.push((path.to_path_buf(), Entry::Session(id)));
                    }
                } else {
                    diags.push(Diagnostic::in_file(
                        Problem::IgnoredFile { name: name.clone() },
                        name,
                    ));
                }
            }
            "proposals" => {
                if parts.len() == 1 {
                    continue;
                }
                let components = &parts[1..];
                if is_dir {
                    let folder = components.last().map(String::as_str).unwrap_or_default();
                    let ok = if components.len() == 1 && folder == "page" {
                        diags.push(Diagnostic::in_file(
                            Problem::ReservedName {
                                name: folder.into(),
                            },
                            name,
                        ));
                        false
                    } else {
                        check_name(folder, &name, diags)
                    };
                    if !ok {
                        it.skip_current_dir();
                    }
                } else if is_yml {
                    diags.push(Diagnostic::in_file(
                        Problem::MisplacedFile { name: name.clone() },
                        name,
                    ));
                } else if is_yaml {
                    let stem = components
                        .last()
                        .map(|s| s.trim_end_matches(".yaml"))
                        .unwrap_or_default();
                    let reserved = components.len() == 1 && stem == "page";
                    if reserved {
                        diags.push(Diagnostic::in_file(
                            Problem::ReservedName { name: stem.into() },
                            name,
                        ));
                    } else if check_name(stem, &name, diags) {
                        let mut id_parts: Vec<&str> = components[..components.len() - 1]
                            .iter()
                            .map(String::as_str)
                            .collect();
                        id_parts.push(stem);
                        found.push((path.to_path_buf(), Entry::Record(id_parts.join("/"))));
                    }
                }
                // Other files under proposals/ are attachments, checked by `validate`.
            }
            _ => {
                if is_dir {
                    it.skip_current_dir();
                }
                let problem = if is_yaml || is_yml {
                    Problem::MisplacedFile { name: name.clone() }
                } else {
                    Problem::IgnoredFile { name: name.clone() }
                };
                diags.push(Diagnostic::in_file(problem, name));
            }
        }
    }
    (found, has_links)
}

/// Ids become URLs and output paths: lower-case ASCII letters, digits and `-` only.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_name(name: &str, file: &str, diags: &mut Diagnostics) -> bool {
    let ok = valid_name(name);
    if !ok {
        diags.push(Diagnostic::in_file(
            Problem::BadName {
                name: name.to_string(),
            },
            file,
        ));
    }
    ok
}

#[derive(Clone)]
enum Parsed {
    /// Boxed, as sessions are: a few files against thousands of records.
    Site(Box<Located<SiteConfig>>),
    Session(Box<LoadedSession>),
    Record(Arc<LoadedRecord>),
    Nothing,
}

fn read_and_decode(
    root: &Path,
    path: &Path,
    entry: Entry,
    limits: Limits,
    cache: Option<&Cache>,
    spill: Option<&SpillTo<'_>>,
    diags: &mut Diagnostics,
) -> Parsed {
    let name = display_path(root, path);
    let Some(text) = read_text(path, &name, limits, diags) else {
        return Parsed::Nothing;
    };
    let Some(cache) = cache else {
        let mut parsed = decode_text(root, path, &name, text, entry, diags);
        if let (Some(to), Parsed::Record(record)) = (spill, &mut parsed)
            && let Some(record) = Arc::get_mut(record)
            && let Err(e) = record.file.value.prose.spill(to.spill)
            && let Ok(mut failed) = to.failed.lock()
        {
            failed.get_or_insert(e);
        }
        return parsed;
    };
    if let Some((parsed, found)) = cache.get(path, &text) {
        diags.extend(found);
        return parsed;
    }
    let mut found = Diagnostics::new();
    let parsed = decode_text(root, path, &name, text.clone(), entry, &mut found);
    cache.put(path, text, &parsed, &found);
    diags.extend(found);
    parsed
}

/// Parses and decodes one file's text.
fn decode_text(
    root: &Path,
    path: &Path,
    name: &str,
    text: String,
    entry: Entry,
    diags: &mut Diagnostics,
) -> Parsed {
    let name = name.to_string();
    let source = Source::new(name, text);
    let node = match yaml::parse(&source.text) {
        Ok(node) => node,
        Err((problem, pos)) => {
            diags.push(Diagnostic::at(problem, &source, pos));
            return Parsed::Nothing;
        }
    };
    if node.value == yaml::Value::Null {
        diags.push(Diagnostic::at(
            Problem::EmptyFile,
            &source,
            Pos::new(1, 1, 0),
        ));
        return Parsed::Nothing;
    }
    match entry {
        Entry::Site => {
            decode::decode_site(&source, &node, diags).map(|s| Parsed::Site(Box::new(s)))
        }
        Entry::Session(id) => decode::decode_session(&source, &node, diags)
            .map(|file| Parsed::Session(Box::new(LoadedSession { id, file }))),
        Entry::Record(id) => decode::decode_record(&source, &node, diags).map(|mut file| {
            let imported = source
                .text
                .starts_with(crate::content::record::IMPORTED_MARK);
            file.forget_text(path);
            let dir = path.parent().unwrap_or(root).to_path_buf();
            Parsed::Record(Arc::new(LoadedRecord {
                id,
                dir,
                file,
                imported,
            }))
        }),
    }
    .unwrap_or(Parsed::Nothing)
}

/// Reads `file`, `size` bytes when it was looked at, to its end but at most
/// `limit` bytes: in one call for the bytes and one for the end where the size
/// is still right. (`read_to_end` without a size hint reads 8 KiB, then 16, …:
/// four calls for a typical record file.)
fn read_all(mut file: &std::fs::File, size: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = vec![0; size.saturating_add(1).min(limit) as usize];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let full = filled == bytes.len();
    bytes.truncate(filled);
    if full && (filled as u64) < limit {
        // It grew since: the rest, up to the limit.
        file.take(limit - filled as u64).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Reads a file as UTF-8 text, without a byte-order mark, within the size cap.
fn read_text(path: &Path, name: &str, limits: Limits, diags: &mut Diagnostics) -> Option<String> {
    use std::os::unix::fs::OpenOptionsExt as _;
    // Opening a named pipe blocks until someone writes to it, unless it is
    // opened without blocking (which changes nothing for a file); what was
    // opened is then looked at before it is read. (A `stat` by name first
    // was one more system call for each of the site's files.)
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .and_then(|f| f.metadata().map(|m| (f, m)));
    let (file, meta) = match file {
        Ok(x) => x,
        Err(err) => {
            diags.push(Diagnostic::in_file(
                Problem::Unreadable {
                    failure: IoFailure::of(&err),
                },
                name,
            ));
            return None;
        }
    };
    if !meta.is_file() {
        diags.push(Diagnostic::in_file(Problem::NotRegularFile, name));
        return None;
    }
    if meta.len() > limits.max_file_bytes {
        diags.push(Diagnostic::in_file(
            Problem::FileTooLarge {
                size: meta.len(),
                limit: limits.max_file_bytes,
            },
            name,
        ));
        return None;
    }
    // Read at most one byte past the cap, in case the file grew after stat.
    let bytes = read_all(&file, meta.len(), limits.max_file_bytes + 1);
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(err) => {
            diags.push(Diagnostic::in_file(
                Problem::Unreadable {
                    failure: IoFailure::of(&err),
                },
                name,
            ));
            return None;
        }
    };
    if bytes.len() as u64 > limits.max_file_bytes {
        diags.push(Diagnostic::in_file(
            Problem::FileTooLarge {
                size: bytes.len() as u64,
                limit: limits.max_file_bytes,
            },
            name,
        ));
        return None;
    }
    // simdutf8 checks CJK text some ten times faster than `String::from_utf8`
    // (2.5% of a `long-text` build's time), and copying the checked text
    // costs less than the check it saves.
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(text).to_owned()),
        Err(_) => {
            diags.push(Diagnostic::in_file(Problem::NotUtf8, name));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_all;

    /// A file is read whole whatever size it was said to have, and never
    /// past the limit.
    #[test]
    fn a_file_is_read_to_its_end_but_not_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.yaml");
        let text: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &text).unwrap();
        let read = |size: u64, limit: u64| {
            let file = std::fs::File::open(&path).unwrap();
            read_all(&file, size, limit).unwrap()
        };
        // The size as looked at; smaller (the file grew since); larger.
        for size in [100_000, 0, 10, 99_999, 200_000] {
            assert_eq!(read(size, 1 << 20), text, "size {size}");
        }
        // One byte past a cap of 50,000 bytes, whatever the size said.
        for size in [100_000, 10, 49_999, 50_000] {
            assert_eq!(read(size, 50_001), text[..50_001], "size {size}");
        }
        assert_eq!(read(100_000, 100_001), text);
    }
}
