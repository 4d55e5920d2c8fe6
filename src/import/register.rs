//! Opening a register: its format from its file name, its bytes read within
//! `--max-file-size`, then the reader of that format — CSV
//! ([`super::table::read_csv`]) or an .xlsx workbook ([`super::workbook`]).
//! Both give a [`Table`].

use std::io::Read as _;
use std::path::Path;

use super::table::Table;
use crate::diagnostic::{Problem, RegisterLimit, Unreadable};

/// Reads a register within `max_bytes` (`--max-file-size`); the problem says
/// why it could not be read.
pub fn read(path: &Path, max_bytes: u64) -> Result<Table, Problem> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let unreadable = |reason| Problem::ImportUnreadable { reason };
    match ext.as_str() {
        "csv" | "txt" | "tsv" => super::table::read_csv(&read_bounded(path, max_bytes)?, max_bytes),
        "xlsx" | "xlsm" => super::workbook::read(read_bounded(path, max_bytes)?, max_bytes),
        // calamine reads these whole into a dense grid, which no limit on the
        // file bounds (a few bytes of .ods can repeat a cell a million times).
        "xls" | "xlsb" | "ods" | "et" | "ett" | "numbers" | "wps" => {
            Err(unreadable(Unreadable::OtherFormat { ext }))
        }
        _ => Err(unreadable(Unreadable::UnknownType { ext })),
    }
}

/// The file's bytes, if it has at most `max_bytes`: its size is looked at
/// first, and no more than one byte past the limit is read (it may grow
/// meanwhile).
fn read_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Problem> {
    let too_large = |size| Problem::ImportLimit {
        limit: RegisterLimit::FileSize {
            size,
            limit: max_bytes,
        },
    };
    // Opening a named pipe blocks until someone writes to it: look before opening.
    let meta = std::fs::metadata(path).map_err(io_problem)?;
    if !meta.is_file() {
        return Err(Problem::ImportUnreadable {
            reason: Unreadable::Io,
        });
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io_problem)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn io_problem(err: std::io::Error) -> Problem {
    let reason = match err.kind() {
        std::io::ErrorKind::NotFound => Unreadable::NotFound,
        std::io::ErrorKind::PermissionDenied => Unreadable::NoPermission,
        _ => Unreadable::Io,
    };
    Problem::ImportUnreadable { reason }
}
