//! Why a register (the spreadsheet `gongkai import` reads) cannot be read, or
//! breaks a safety limit, in words a webmaster knows. The reading libraries'
//! own messages (calamine's, zip's, the operating system's) are English and
//! name their internals; the importer (`import/table.rs`) sorts each failure into one
//! of these, so no text of a library reaches a message.

use super::Lang;

/// Why a register cannot be read (E070).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unreadable {
    /// The file name ends in an extension that is no register.
    UnknownType { ext: String },
    /// A spreadsheet format `import` does not read (`.xls`, `.ods`, `.et`…).
    OtherFormat { ext: String },
    /// No such file.
    NotFound,
    /// The file may not be read.
    NoPermission,
    /// Reading failed otherwise (a folder, a device error).
    Io,
    /// An OLE compound file: a workbook protected by a password, or an old
    /// .xls renamed.
    Protected,
    /// A workbook without a worksheet.
    NoSheet,
    /// Not a workbook, or a damaged one.
    Damaged,
}

impl Unreadable {
    pub(super) fn explain(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Unreadable::UnknownType { ext } if zh => {
                format!("不认识“.{ext}”这种文件，登记表要是 .xlsx 或 .csv 文件")
            }
            Unreadable::UnknownType { ext } => {
                format!("\".{ext}\" is no register format; a register is an .xlsx or .csv file")
            }
            Unreadable::OtherFormat { ext } if zh => {
                format!(".{ext} 格式的表格不能直接导入（只读 .xlsx 和 .csv）")
            }
            Unreadable::OtherFormat { ext } => {
                format!(".{ext} spreadsheets are not read (only .xlsx and .csv)")
            }
            Unreadable::NotFound => lang.pick("找不到这个文件", "no such file").into(),
            Unreadable::NoPermission => lang
                .pick("没有读取这个文件的权限", "no permission to read the file")
                .into(),
            Unreadable::Io => lang
                .pick(
                    "读取文件时出错（它可能是文件夹，或磁盘有问题）",
                    "reading the file failed (it may be a folder, or the disk failed)",
                )
                .into(),
            Unreadable::Protected => lang
                .pick(
                    "文件设有打开密码，或者是改了扩展名的旧版 .xls 文件",
                    "the file is protected by a password, or an old .xls file renamed",
                )
                .into(),
            Unreadable::NoSheet => lang
                .pick("工作簿里没有工作表", "the workbook holds no worksheet")
                .into(),
            Unreadable::Damaged => lang
                .pick(
                    "文件已损坏，或者不是真正的 .xlsx 文件（只是改了扩展名）",
                    "the file is damaged, or not really an .xlsx file (only renamed)",
                )
                .into(),
        }
    }
}

/// Which safety limit a register breaks (E076). A register is a table of a
/// few thousand rows; these limits are far above that and far below what
/// would make `import` slow or exhaust memory.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegisterLimit {
    /// The file is larger than `--max-file-size`.
    FileSize { size: u64, limit: u64 },
    /// A part of the .xlsx (a zip archive) expands past `--max-file-size`.
    PartSize { size: u64, limit: u64 },
    /// The .xlsx holds more parts than any workbook needs.
    Parts { max: u64 },
    /// The shared-strings table declares more texts than the limit.
    SharedStrings { count: u64, max: u64 },
    /// A cell beyond the last column allowed.
    Columns { max: usize },
    /// More cells than the limit.
    Cells { max: usize },
    /// More text in all cells than the limit.
    Text { limit: u64 },
}

impl RegisterLimit {
    pub(super) fn explain(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match *self {
            RegisterLimit::FileSize { size, limit } if zh => {
                format!("文件有 {size} 字节，超过上限 {limit} 字节")
            }
            RegisterLimit::FileSize { size, limit } => {
                format!("the file has {size} bytes, over the limit of {limit}")
            }
            RegisterLimit::PartSize { size, limit } if zh => format!(
                "文件里压缩的一部分解压后有 {size} 字节，超过上限 {limit} 字节（这样的文件可能是恶意构造的“压缩炸弹”）"
            ),
            RegisterLimit::PartSize { size, limit } => format!(
                "a compressed part of the file expands to {size} bytes, over the limit of {limit} (such a file may be a malicious \"zip bomb\")"
            ),
            RegisterLimit::Parts { max } if zh => {
                format!("文件由超过 {max} 个部分组成（工作表、图片等）")
            }
            RegisterLimit::Parts { max } => {
                format!("the file has more than {max} parts (sheets, pictures…)")
            }
            RegisterLimit::SharedStrings { count, max } if zh => {
                format!("文件声明有 {count} 段不同的文字，超过上限 {max}")
            }
            RegisterLimit::SharedStrings { count, max } => {
                format!("the file declares {count} distinct texts, over the limit of {max}")
            }
            RegisterLimit::Columns { max } if zh => format!("表格超过 {max} 列"),
            RegisterLimit::Columns { max } => format!("the sheet has more than {max} columns"),
            RegisterLimit::Cells { max } if zh => format!("表格超过 {max} 个单元格"),
            RegisterLimit::Cells { max } => format!("the sheet has more than {max} cells"),
            RegisterLimit::Text { limit } if zh => {
                format!("单元格里的文字合计超过 {limit} 字节")
            }
            RegisterLimit::Text { limit } => {
                format!("the cells hold more than {limit} bytes of text")
            }
        }
    }
}
