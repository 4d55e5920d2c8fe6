//! An .xlsx register, read within the limits of [`super::table`].
//!
//! An .xlsx file is a zip archive of XML parts; a few hundred kilobytes of it
//! can expand to gigabytes (a 1.5 MB file whose one cell expanded to 1.5 GB
//! made `import` run 64 s and peak at 7.4 GiB before it refused the file).
//! calamine, which reads it, bounds none of that: `worksheet_range` builds a
//! dense grid from the cells' extremes (two cells at A1 and XFD1048576 ask
//! for 17 billion), and opening a workbook reserves room for as many shared
//! texts as the file declares. Reading the sheet XML ourselves would mean
//! redoing calamine's shared texts, number formats and dates; so we keep
//! calamine and decide what it is given:
//!
//! - the archive, checked first with the `zip` crate: at most [`MAX_PARTS`]
//!   parts, each declaring at most `--max-file-size` expanded. The zip crate
//!   stops inflating a part at its declared size (an error past it), so a part
//!   that lies about its size is cut off there too: nothing expands past the
//!   limit. (A compression ratio is not checked: the expanded size is what
//!   costs, and real sheets of repeated cells compress a hundredfold.)
//! - the shared-texts table's declared count, at most [`MAX_SHARED_STRINGS`]
//!   (calamine reserves memory for that many before reading one);
//! - the first sheet read cell by cell through calamine's streaming
//!   `worksheet_cells_reader`, into [`super::table::Builder`], which stops at
//!   the limits on columns, cells and text. The sheet's `<dimension>` tag is
//!   not used, so a billion-row dimension costs nothing.
//!
//! calamine's cell references are read with unchecked arithmetic, which
//! overflows (a panic in a debug build) on references no spreadsheet writes;
//! a panic inside calamine is therefore caught and reported as a damaged file.
//!
//! Measured on the debug binary the tests run (`tests/limits/input/registers.rs`, a loaded
//! 2-core machine; a trivial import: 16–18 MiB peak): the issue's 1.5 MB
//! workbook whose cell expands to 1.5 GB (64 s and 7.4 GiB before) is refused
//! in 4 ms of CPU, unread; the same part declaring 5 MiB is cut off there in
//! 52 ms and 33 MiB; a cell a million columns out, 200,000 cells in a row, a
//! billion-row dimension and 3,000 parts cost 5–7 ms; 5 MiB of nested XML
//! 240 ms and 36 MiB; a 4 MiB shared text repeated in 1,000 cells 61 ms and
//! 45 MiB — all well within 1 s and 64 MiB beyond a trivial import.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use quick_xml::events::Event;

use super::table::{Builder, Table};
use crate::diagnostic::{Problem, RegisterLimit, Unreadable};

/// The most parts (files in the zip archive) a workbook may have: a register
/// has about a dozen, a workbook of 200 sheets some 400.
pub const MAX_PARTS: u64 = 2_000;

/// The most distinct texts a workbook may declare: one per cell at most.
pub const MAX_SHARED_STRINGS: u64 = super::table::MAX_CELLS as u64;

/// Reads the first sheet of an .xlsx file's `bytes` (at most `max_bytes`).
pub fn read(bytes: Vec<u8>, max_bytes: u64) -> Result<Table, Problem> {
    check_archive(&bytes, max_bytes)?;
    // calamine's arithmetic on cell references panics on overflow in debug
    // builds: a file that makes it panic is a damaged file (see the module doc).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(move || read_sheet(bytes, max_bytes));
    std::panic::set_hook(previous);
    read.unwrap_or(Err(damaged()))
}

fn damaged() -> Problem {
    Problem::ImportUnreadable {
        reason: Unreadable::Damaged,
    }
}

fn read_sheet(bytes: Vec<u8>, max_bytes: u64) -> Result<Table, Problem> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|err| match err {
        calamine::XlsxError::Password => Problem::ImportUnreadable {
            reason: Unreadable::Protected,
        },
        _ => damaged(),
    })?;
    let first = book.sheet_names().into_iter().next();
    let first = first.ok_or(Problem::ImportUnreadable {
        reason: Unreadable::NoSheet,
    })?;
    let mut cells = book.worksheet_cells_reader(&first).map_err(|_| damaged())?;
    let mut table = Builder::new(max_bytes);
    while let Some(cell) = cells.next_cell().map_err(|_| damaged())? {
        let (row, col) = cell.get_position();
        table.cell(row as usize + 1, col as usize, &cell_text(cell.get_value()))?;
    }
    Ok(table.finish())
}

/// Checks the archive before calamine opens it (see the module doc).
fn check_archive(bytes: &[u8], max_bytes: u64) -> Result<(), Problem> {
    let limit = |limit| Err(Problem::ImportLimit { limit });
    // The count first, from the end record: opening the archive indexes every part.
    if end_record_entries(bytes).is_some_and(|n| n > MAX_PARTS) {
        return limit(RegisterLimit::Parts { max: MAX_PARTS });
    }
    // An OLE compound file: an encrypted workbook, or an old .xls renamed.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(Problem::ImportUnreadable {
            reason: Unreadable::Protected,
        });
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    if zip.len() as u64 > MAX_PARTS {
        return limit(RegisterLimit::Parts { max: MAX_PARTS });
    }
    let mut shared = Vec::new();
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|_| damaged())?;
        if part.size() > max_bytes {
            return limit(RegisterLimit::PartSize {
                size: part.size(),
                limit: max_bytes,
            });
        }
        if part
            .name_raw()
            .to_ascii_lowercase()
            .ends_with(b"sharedstrings.xml")
        {
            shared.push(i);
        }
    }
    for i in shared {
        let part = zip.by_index(i).map_err(|_| damaged())?;
        if let Some(count) = declared_shared_strings(part)?
            && count > MAX_SHARED_STRINGS
        {
            return limit(RegisterLimit::SharedStrings {
                count,
                max: MAX_SHARED_STRINGS,
            });
        }
    }
    Ok(())
}

/// The number of parts the zip archive's end record declares, if it has one.
fn end_record_entries(bytes: &[u8]) -> Option<u64> {
    // The end record is 22 bytes plus a comment of at most 65,535.
    let from = bytes.len().saturating_sub(22 + 65_535);
    let at = bytes[from..].windows(4).rposition(|w| w == b"PK\x05\x06")? + from;
    let count = bytes.get(at + 10..at + 12)?;
    let count = u16::from_le_bytes([count[0], count[1]]);
    // 0xFFFF: the real count is in a zip64 record, which no register needs.
    Some(if count == u16::MAX {
        u64::MAX
    } else {
        u64::from(count)
    })
}

/// The `uniqueCount` of the shared-texts table (`<sst uniqueCount="…">`), which
/// calamine reserves room for; read as calamine reads it, up to that tag.
fn declared_shared_strings(part: impl std::io::Read) -> Result<Option<u64>, Problem> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let Some(count) = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "uniqueCount")
                else {
                    return Ok(None);
                };
                // Any number calamine could read, however long, is compared.
                let digits = count.value.trim_start_matches('0');
                let count = if digits.len() > 19 {
                    u64::MAX
                } else {
                    digits.parse().unwrap_or(0)
                };
                return Ok(Some(count));
            }
            Ok(Event::Eof) | Err(_) => return Ok(None),
            _ => {}
        }
    }
}

/// A workbook cell as the text a person sees; dates as `YYYY-MM-DD`.
fn cell_text(cell: &DataRef) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        DataRef::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_counts() {
        let sst = r#"<?xml version="1.0"?><!-- <sst uniqueCount="9"> --><x:sst xmlns:x="s" count="3" uniqueCount="0002"><si><t>a</t></si></x:sst>"#;
        assert_eq!(declared_shared_strings(sst.as_bytes()), Ok(Some(2)));
        let huge = r#"<sst uniqueCount="99999999999999999999999"/>"#;
        assert_eq!(declared_shared_strings(huge.as_bytes()), Ok(Some(u64::MAX)));
        assert_eq!(declared_shared_strings(&b"<sst>"[..]), Ok(None));
        let mut end = b"junk PK\x05\x06".to_vec();
        end.extend_from_slice(&[0, 0, 0, 0, 7, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(end_record_entries(&end), Some(9));
        assert_eq!(end_record_entries(b"no zip"), None);
    }
}
