//! Reading a register into rows of text cells: CSV in UTF-8 (with or without a
//! byte-order mark), UTF-16 with a mark, or GBK/GB18030 — as Excel on Chinese
//! Windows saves "CSV" — and .xlsx/.xls/.ods workbooks through calamine (the
//! first sheet). Dates in workbook cells become `YYYY-MM-DD` text.

use std::path::Path;

use calamine::{Data, Reader};

/// A sheet as text: rows of cells, each row with its 1-based row number in the
/// spreadsheet (what the webmaster sees in Excel's margin).
#[derive(Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads a register; the error text says why it could not be read.
pub fn read(path: &Path) -> Result<Table, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
            read_csv(&bytes)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        _ => Err(format!(
            "unknown file type \".{ext}\" (.csv, .xlsx, .xls or .ods)"
        )),
    }
}

/// Decodes CSV bytes (see the module doc) and splits them into rows.
pub fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    let text = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    // Lines are counted here from each record's byte offset: the reader's own
    // line count lags a line after CRLF line ends (it puts the first data row
    // of a Windows-saved register on line 1, the header's). A record's offset
    // may point at the end of the line before it, so line ends there are
    // stepped over and counted.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1usize);
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.min(bytes.len()).max(counted_to);
        line += bytes[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        table
            .rows
            .push((line, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    Ok(table)
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

fn read_workbook(path: &Path) -> Result<Table, String> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| "the workbook has no sheet".to_string())?
        .map_err(|e| e.to_string())?;
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let cells = row.iter().map(cell_text).collect();
        table.rows.push((first_row as usize + i + 1, cells));
    }
    Ok(table)
}

/// A workbook cell as the text a person sees; dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
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
        let t = read_csv("标题,办理结果\n\"多行\n标题\",A\n第三行,B\n".as_bytes()).unwrap();
        assert_eq!(
            t.rows[0],
            (1, vec!["标题".to_string(), "办理结果".to_string()])
        );
        assert_eq!(t.rows[1].0, 2);
        assert_eq!(t.rows[1].1[0], "多行\n标题");
        assert_eq!(t.rows[2].0, 4);
        let tabs = read_csv("标题\t办理结果\n停车\tA\n".as_bytes()).unwrap();
        assert_eq!(tabs.rows[1].1, ["停车", "A"]);
        // Windows line ends, a byte-order mark, a quoted line break and a blank line.
        let crlf =
            read_csv("\u{feff}标题,办理结果\r\n\"多行\r\n标题\",A\r\n\r\n第四行,B\r\n".as_bytes())
                .unwrap();
        let lines: Vec<usize> = crlf.rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 5], "{crlf:?}");
    }
}
