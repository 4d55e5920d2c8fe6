//! Watching the site's sources with notify, debounced: one signal per burst of
//! changes (an editor's save is often several events: write a temporary file,
//! rename it over the old one, change its attributes).
//!
//! Watched, recursively: `content/` (site.yaml included), and the theme sources
//! `templates/`, `components/`, `static/`, `labels/` and `themes/`. The site folder itself is
//! watched without recursion so that one of those folders created later (a first
//! template override) is picked up. `public/` is never watched: a `gongkai build`
//! next to the preview does not trigger rebuilds.
//!
//! Each burst carries the paths it touched ([`Changed`]), so the rebuild reads
//! only those files; when the watcher cannot say (it lost events), the burst
//! says [`Changed::Unknown`] and everything is read again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::error::Error;
use crate::load::Changed;

/// The folders under the site root whose changes trigger a rebuild.
pub const WATCHED: [&str; 6] = [
    "content",
    "templates",
    "components",
    "static",
    "labels",
    "themes",
];

/// A burst ends after this long without events…
const QUIET: Duration = Duration::from_millis(25);
/// …or this long, when the last event was a file closed after writing: the
/// end of an editor's save (`open`, `write`, `close`). An atomic save renames
/// its temporary file over the old one right after closing it, within a
/// millisecond; a save that still trickles on after this starts a second burst,
/// and so a second rebuild, which shows the final text. Cuts 20 of the 25 ms
/// between a save and the rebuild.
const QUIET_AFTER_WRITE: Duration = Duration::from_millis(5);
/// …or after this long in any case, so a stream of writes still rebuilds.
const LONGEST: Duration = Duration::from_millis(250);

/// Starts watching `root`; the receiver gets what changed, once per burst of
/// changes.
pub fn start(root: &Path) -> Result<Receiver<Changed>, Error> {
    let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(raw_tx).map_err(|e| watch_error(&root, e))?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&root, e))?;
    for name in WATCHED {
        let dir = root.join(name);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| watch_error(&dir, e))?;
        }
    }
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("gongkai-watch".into())
        .spawn(move || {
            // The watcher lives as long as this thread.
            let mut watcher = watcher;
            while let Ok(first) = raw_rx.recv() {
                let mut changed = Changed::Paths(BTreeSet::new());
                let mut quiet = quiet_after(&first);
                consider(&root, first, &mut watcher, &mut changed);
                let started = Instant::now();
                loop {
                    let left = LONGEST.saturating_sub(started.elapsed());
                    match raw_rx.recv_timeout(quiet.min(left)) {
                        Ok(event) => {
                            quiet = quiet_after(&event);
                            consider(&root, event, &mut watcher, &mut changed);
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                    if left.is_zero() {
                        break;
                    }
                }
                let relevant = !matches!(&changed, Changed::Paths(p) if p.is_empty());
                if relevant && tx.send(changed).is_err() {
                    return;
                }
            }
        })
        .map_err(|e| Error::io(Path::new("watch"), e))?;
    Ok(rx)
}

/// How long to wait for more events after `event` before the burst ends.
fn quiet_after(event: &notify::Result<Event>) -> Duration {
    match event {
        Ok(e) if e.kind == EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
            QUIET_AFTER_WRITE
        }
        _ => QUIET,
    }
}

/// Adds what an event changed to `changed` (nothing, if it should not trigger a
/// rebuild); starts watching a source folder that was just created at the top
/// of the site.
fn consider(
    root: &Path,
    event: notify::Result<Event>,
    watcher: &mut impl Watcher,
    changed: &mut Changed,
) {
    let event = match event {
        // Reading files (our own rebuild reads them) is not a change.
        Ok(event)
            if matches!(event.kind, EventKind::Access(kind)
                if kind != AccessKind::Close(AccessMode::Write)) =>
        {
            return;
        }
        // An event without paths is the watcher saying it lost track (an
        // overflowing queue asks for a rescan): read everything again.
        Ok(event) if !event.paths.is_empty() => event,
        Ok(_) | Err(_) => {
            *changed = Changed::Unknown;
            return;
        }
    };
    for path in &event.paths {
        let Some((dir, top)) = source_folder(root, path) else {
            continue;
        };
        if top && dir.is_dir() {
            // A top-level source folder appeared (or was replaced): watch it.
            let _ = watcher.watch(&dir, RecursiveMode::Recursive);
        }
        if let (Changed::Paths(paths), Ok(rel)) = (&mut *changed, path.strip_prefix(root)) {
            paths.insert(rel.to_path_buf());
        }
    }
}

/// The watched source folder holding `path`, and whether `path` is that folder itself.
fn source_folder(root: &Path, path: &Path) -> Option<(PathBuf, bool)> {
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.iter().next()?.to_str()?;
    WATCHED
        .contains(&first)
        .then(|| (root.join(first), rel.iter().count() == 1))
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_source_folders_count() {
        let root = Path::new("/site");
        assert_eq!(
            source_folder(root, Path::new("/site/content/proposals/2019/0001.yaml")),
            Some((PathBuf::from("/site/content"), false))
        );
        assert_eq!(
            source_folder(root, Path::new("/site/templates")),
            Some((PathBuf::from("/site/templates"), true))
        );
        assert_eq!(
            source_folder(root, Path::new("/site/public/index.html")),
            None
        );
        assert_eq!(source_folder(root, Path::new("/site/README.md")), None);
        assert_eq!(source_folder(root, Path::new("/elsewhere/content/x")), None);
    }
}
