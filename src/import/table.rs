//! Reading a register into rows of text cells: CSV in UTF-8 (with or without a
//! byte-order mark), UTF-16 with a mark, or GBK/GB18030 — as Excel on Chinese
//! Windows saves "CSV" — read here, and .xlsx workbooks (the first sheet,
//! [`super::workbook`]); [`super::register`] picks the reader by the file's
//! name. Dates in workbook cells become `YYYY-MM-DD` text.
//!
//! A register is untrusted input: it arrives by e-mail from another office.
//! `import` holds the limits `build` holds: the file is at most
//! `--max-file-size` (5 MiB unless raised) and is never read past it; a table
//! holds at most [`MAX_COLUMNS`] columns and [`MAX_CELLS`] cells (counting the
//! empty ones a row holds before its last filled cell), and all its cells
//! together at most twice the file size of text (a workbook's shared texts can
//! be repeated in any number of cells). Past a limit the read stops with
//! [`Problem::ImportLimit`]. So the work and the memory of an import are a
//! small multiple of `--max-file-size`, whatever the file holds. A cell's own
//! limit depends on its field ([`too_long`]), checked once the columns are known.

use std::collections::BTreeMap;

use super::columns::Field;
use crate::diagnostic::{Problem, RegisterLimit};

/// The most columns a register may have: registers have a few dozen.
pub const MAX_COLUMNS: usize = 1_000;

/// The most cells a register may have, empty ones within a row included
/// (24 bytes each before their text): a register of 5,000 rows and 50
/// columns has half as many.
pub const MAX_CELLS: usize = 500_000;

/// A sheet as text: rows of cells, each row with its 1-based row number in the
/// spreadsheet (what the webmaster sees in Excel's margin). Rows with no text
/// in any cell are left out.
#[derive(Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Decodes CSV bytes (see the module doc) and splits them into rows, field
/// by field, within the limits for a file of `max_bytes`: a record is never
/// held whole (a line of millions of commas is millions of empty fields, each
/// dropped as it is read).
pub fn read_csv(bytes: &[u8], max_bytes: u64) -> Result<Table, Problem> {
    use csv_core::ReadFieldResult;
    let text = decode(bytes);
    let mut reader = csv_core::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .build();
    let mut table = Builder::new(max_bytes);
    let mut input = text.as_bytes();
    let mut out = vec![0; 64 * 1024];
    let mut field = Vec::new();
    // Lines as the webmaster's editor counts them, for each record's first line.
    let (mut line, mut record_line, mut col) = (1, 1, 0);
    let mut at_start = true;
    loop {
        if at_start {
            let blank = input
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            line += input[..blank].iter().filter(|&&b| b == b'\n').count();
            input = &input[blank..];
            record_line = line;
            at_start = false;
        }
        let (result, read, written) = reader.read_field(input, &mut out);
        line += input[..read].iter().filter(|&&b| b == b'\n').count();
        input = &input[read..];
        field.extend_from_slice(&out[..written]);
        match result {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => continue,
            ReadFieldResult::Field { record_end } => {
                if !field.is_empty() {
                    // UTF-8 split at ASCII delimiters and quotes stays UTF-8.
                    let cell = String::from_utf8_lossy(&field);
                    table.cell(record_line, col, cell.trim())?;
                    field.clear();
                }
                col += 1;
                if record_end {
                    col = 0;
                    at_start = true;
                }
            }
            ReadFieldResult::End => break,
        }
    }
    Ok(table.finish())
}

/// UTF-8 or UTF-16 by byte-order mark; otherwise UTF-8 if it is valid UTF-8,
/// else GB18030 (a superset of GBK and GB2312).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Tab-separated when the first line has tabs and no commas (Excel's "Unicode text").
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    }
}

/// Builds a [`Table`] cell by cell, in any order, within the limits.
pub(super) struct Builder {
    rows: BTreeMap<usize, Vec<String>>,
    cells: usize,
    text: u64,
    max_text: u64,
}

impl Builder {
    pub(super) fn new(max_bytes: u64) -> Builder {
        Builder {
            rows: BTreeMap::new(),
            cells: 0,
            text: 0,
            max_text: max_bytes.saturating_mul(2),
        }
    }

    /// Puts `text` at `row` (1-based) and `col` (0-based); empty text takes no room.
    pub(super) fn cell(&mut self, row: usize, col: usize, text: &str) -> Result<(), Problem> {
        if text.is_empty() {
            return Ok(());
        }
        let limit = |limit| Err(Problem::ImportLimit { limit });
        if col >= MAX_COLUMNS {
            return limit(RegisterLimit::Columns { max: MAX_COLUMNS });
        }
        self.text += text.len() as u64;
        if self.text > self.max_text {
            return limit(RegisterLimit::Text {
                limit: self.max_text,
            });
        }
        let cells = self.rows.entry(row).or_default();
        if cells.len() <= col {
            self.cells += col + 1 - cells.len();
            if self.cells > MAX_CELLS {
                return limit(RegisterLimit::Cells { max: MAX_CELLS });
            }
            cells.resize(col + 1, String::new());
        }
        cells[col] = text.to_string();
        Ok(())
    }

    pub(super) fn finish(self) -> Table {
        Table {
            rows: self.rows.into_iter().collect(),
        }
    }
}

/// Whether a cell is too long for its field, and how: its length in
/// characters and the field's limit. Prose fields (`request`, `summary`…)
/// hold what the file can; a list field's items and every other field are
/// one-line texts, as in a record file (E042).
pub fn too_long(field: Field, cell: &str) -> Option<(usize, usize)> {
    use crate::load::decode::{MAX_LINE_CHARS, is_body_text};
    if is_body_text(field.name()) || cell.len() <= MAX_LINE_CHARS {
        return None;
    }
    let items = match field {
        Field::Proposers | Field::CoUnits | Field::Topics => super::columns::list(cell),
        _ => vec![cell.to_string()],
    };
    let chars = items.iter().map(|i| i.chars().count()).max()?;
    (chars > MAX_LINE_CHARS).then_some((chars, MAX_LINE_CHARS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_gbk_and_boms() {
        let gbk = encoding_rs::GBK
            .encode("标题,办理结果\n停车,A\n")
            .0
            .into_owned();
        assert!(
            std::str::from_utf8(&gbk).is_err(),
            "the fixture must not be UTF-8"
        );
        assert_eq!(decode(&gbk), "标题,办理结果\n停车,A\n");
        assert_eq!(decode("\u{feff}标题".as_bytes()), "标题");
        assert_eq!(decode("标题".as_bytes()), "标题");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "标题".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16), "标题");
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let t = read_csv(
            "标题,办理结果\n\"多行\n标题\",A\n第三行,B\n".as_bytes(),
            1 << 20,
        )
        .unwrap();
        assert_eq!(
            t.rows[0],
            (1, vec!["标题".to_string(), "办理结果".to_string()])
        );
        assert_eq!(t.rows[1].0, 2);
        assert_eq!(t.rows[1].1[0], "多行\n标题");
        assert_eq!(t.rows[2].0, 4);
        let tabs = read_csv("标题\t办理结果\n停车\tA\n".as_bytes(), 1 << 20).unwrap();
        assert_eq!(tabs.rows[1].1, ["停车", "A"]);
    }

    #[test]
    fn tables_stay_within_their_limits() {
        let wide = format!("{}x\n", ",".repeat(MAX_COLUMNS));
        assert_eq!(
            read_csv(wide.as_bytes(), 1 << 20),
            Err(Problem::ImportLimit {
                limit: RegisterLimit::Columns { max: MAX_COLUMNS }
            })
        );
        // Empty rows and cells take no room; a row's cells up to its last do.
        let sparse = format!("{}a\n{}", "\n".repeat(100_000), ",".repeat(50_000));
        assert_eq!(read_csv(sparse.as_bytes(), 1 << 20).unwrap().rows.len(), 1);
        let mut b = Builder::new(1 << 20);
        for row in 0..MAX_CELLS / 500 {
            b.cell(row, 499, "x").unwrap();
        }
        assert!(matches!(
            b.cell(usize::MAX, 0, "x"),
            Err(Problem::ImportLimit {
                limit: RegisterLimit::Cells { .. }
            })
        ));
        let mut b = Builder::new(10);
        b.cell(1, 0, "0123456789").unwrap();
        assert!(b.cell(2, 0, "0123456789").is_ok());
        assert!(b.cell(3, 0, "x").is_err(), "twice the file size of text");
    }

    #[test]
    fn one_line_fields_hold_one_line_of_text() {
        let long = "长".repeat(501);
        assert_eq!(too_long(Field::Title, &long), Some((501, 500)));
        assert_eq!(too_long(Field::Summary, &long), None);
        assert_eq!(too_long(Field::Title, &"长".repeat(500)), None);
        let names = vec!["张".repeat(300); 3].join("、");
        assert_eq!(too_long(Field::Proposers, &names), None);
        assert_eq!(
            too_long(Field::Proposers, &format!("张三、{long}")),
            Some((501, 500))
        );
    }
}
