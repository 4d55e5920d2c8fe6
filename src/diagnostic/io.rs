//! What a failed file-system operation says, in the reader's language.
//!
//! Why: the text of a `std::io::Error` is the system's English ("Permission
//! denied (os error 13)"), and libraries add their own ("at path …"). A
//! webmaster reading Chinese gets the kind of failure in Chinese and what to
//! do about it; the system's error number stays, for whoever they ask for
//! help. Failures are told apart by [`std::io::ErrorKind`], and by the error
//! number where the kind is not specific enough (too many open files).
//!
//! An [`IoFailure`] is a plain value, so a [`Problem`](super::Problem) can
//! carry one and still be compared and cloned.

use std::io::{Error, ErrorKind};

use super::Lang;

/// A failed file-system operation, as the reader is told of it: what kind of
/// failure, and the system's error number if it gave one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IoFailure {
    failure: Failure,
    code: Option<i32>,
}

impl IoFailure {
    pub fn of(e: &Error) -> IoFailure {
        IoFailure {
            failure: Failure::of(e),
            code: os_code(e),
        }
    }

    /// A folder that leads back into itself through symbolic links (no
    /// system error: the walk finds it).
    pub const LOOP: IoFailure = IoFailure {
        failure: Failure::Loop,
        code: None,
    };

    /// What went wrong, without the system's English: "没有读写权限（系统错误 13）".
    pub fn what(self, lang: Lang) -> String {
        let what = self.failure.what(lang);
        match (self.code, lang) {
            (Some(code), Lang::Zh) => format!("{what}（系统错误 {code}）"),
            (Some(code), Lang::En) => format!("{what} (os error {code})"),
            (None, _) => what.to_string(),
        }
    }

    /// What to do about it, if there is something particular to say.
    pub fn hint(self, lang: Lang) -> Option<&'static str> {
        self.failure.hint(lang)
    }
}

/// The kinds of failure a webmaster can act on differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Failure {
    Loop,
    NotFound,
    NoPermission,
    DiskFull,
    ReadOnly,
    TooManyOpen,
    Exists,
    IsFolder,
    NotFolder,
    FolderNotEmpty,
    Busy,
    TooLarge,
    BadName,
    Damaged,
    CutShort,
    OutOfMemory,
    Unsupported,
    Other,
}

impl Failure {
    fn of(e: &Error) -> Failure {
        if let Some(failure) = os_code(e).and_then(too_many_open) {
            return failure;
        }
        match e.kind() {
            ErrorKind::NotFound => Failure::NotFound,
            ErrorKind::PermissionDenied => Failure::NoPermission,
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Failure::DiskFull,
            ErrorKind::ReadOnlyFilesystem => Failure::ReadOnly,
            ErrorKind::AlreadyExists => Failure::Exists,
            ErrorKind::IsADirectory => Failure::IsFolder,
            ErrorKind::NotADirectory => Failure::NotFolder,
            ErrorKind::DirectoryNotEmpty => Failure::FolderNotEmpty,
            ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => Failure::Busy,
            ErrorKind::FileTooLarge => Failure::TooLarge,
            ErrorKind::InvalidFilename => Failure::BadName,
            ErrorKind::InvalidData => Failure::Damaged,
            ErrorKind::UnexpectedEof | ErrorKind::WriteZero => Failure::CutShort,
            ErrorKind::OutOfMemory => Failure::OutOfMemory,
            ErrorKind::Unsupported | ErrorKind::CrossesDevices => Failure::Unsupported,
            _ => Failure::Other,
        }
    }

    /// What went wrong, in a few words.
    fn what(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Failure::Loop => (
                "符号链接绕回了它所在的文件夹",
                "a symbolic link leads back into its own folder",
            ),
            Failure::NotFound => ("找不到这个文件或文件夹", "not found"),
            Failure::NoPermission => ("没有读写权限", "permission denied"),
            Failure::DiskFull => ("磁盘空间不足", "no space left on the disk"),
            Failure::ReadOnly => ("磁盘是只读的", "the disk is read-only"),
            Failure::TooManyOpen => ("同时打开的文件太多", "too many open files"),
            Failure::Exists => (
                "已有同名的文件或文件夹",
                "a file or folder of that name exists",
            ),
            Failure::IsFolder => ("这是文件夹，不是文件", "it is a folder, not a file"),
            Failure::NotFolder => (
                "路径中有一段是文件，不是文件夹",
                "part of the path is a file, not a folder",
            ),
            Failure::FolderNotEmpty => ("文件夹不是空的", "the folder is not empty"),
            Failure::Busy => (
                "文件正被其他程序占用",
                "the file is in use by another program",
            ),
            Failure::TooLarge => ("文件太大", "the file is too large"),
            Failure::BadName => ("文件名无效或太长", "the file name is invalid or too long"),
            Failure::Damaged => (
                "内容已损坏或不是有效的文字",
                "the data is damaged or not valid text",
            ),
            Failure::CutShort => (
                "文件意外地短了一截（可能被其他程序改动）",
                "the file ended early (changed by another program?)",
            ),
            Failure::OutOfMemory => ("内存不足", "out of memory"),
            Failure::Unsupported => (
                "这个系统或磁盘不支持这项操作",
                "not supported on this system or disk",
            ),
            Failure::Other => ("读写失败", "the operation failed"),
        };
        lang.pick(zh, en)
    }

    /// What to do about it, where there is something to say.
    fn hint(self, lang: Lang) -> Option<&'static str> {
        let (zh, en) = match self {
            Failure::Loop => ("请删除或改正那个符号链接", "remove or correct that link"),
            Failure::NotFound => ("请检查路径是否写对", "check the path"),
            Failure::NoPermission => (
                "请检查这个位置的权限，或换一个有写入权限的输出文件夹",
                "check the permissions there, or choose an output folder you may write to",
            ),
            Failure::DiskFull => ("请腾出磁盘空间后重试", "free some space and try again"),
            Failure::ReadOnly => (
                "请换一个可以写入的位置",
                "choose a location that can be written",
            ),
            Failure::TooManyOpen => (
                "请调高系统允许同时打开的文件数（如 ulimit -n 4096）后重试",
                "raise the limit of open files (e.g. ulimit -n 4096) and try again",
            ),
            Failure::Exists | Failure::NotFolder => (
                "请删除或改名那个文件，或另选位置",
                "delete or rename that file, or choose another location",
            ),
            Failure::Busy => (
                "请关闭占用它的程序后重试",
                "close the program using it and try again",
            ),
            Failure::OutOfMemory => ("请关闭其他程序后重试", "close other programs and try again"),
            _ => return None,
        };
        Some(lang.pick(zh, en))
    }
}

/// The system's error number, also from an error a library wrapped: tempfile
/// puts the system's error inside one of its own, which has no number of its
/// own and does not give the inner one as its source, but keeps the system's
/// words, which end "(os error N)".
fn os_code(e: &Error) -> Option<i32> {
    if let Some(code) = e.raw_os_error() {
        return Some(code);
    }
    let text = e.to_string();
    let (_, after) = text.rsplit_once("(os error ")?;
    after.split_once(')')?.0.parse().ok()
}

/// EMFILE and ENFILE, which `ErrorKind` does not name on stable Rust.
fn too_many_open(code: i32) -> Option<Failure> {
    use rustix::io::Errno;
    [Errno::MFILE, Errno::NFILE]
        .iter()
        .any(|e| e.raw_os_error() == code)
        .then_some(Failure::TooManyOpen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(code: i32) -> Error {
        Error::from_raw_os_error(code)
    }

    /// Every kind a webmaster meets reads in Chinese, with its number, and
    /// with no English from the system.
    #[test]
    fn system_errors_read_in_chinese_with_their_number() {
        use rustix::io::Errno;
        let cases = [
            (Errno::NOENT, "找不到", Some("路径")),
            (Errno::ACCESS, "权限", Some("权限")),
            (Errno::NOSPC, "磁盘空间不足", Some("腾出")),
            (Errno::ROFS, "只读", Some("可以写入")),
            (Errno::MFILE, "同时打开的文件太多", Some("ulimit -n")),
            (Errno::NFILE, "同时打开的文件太多", Some("ulimit -n")),
            (Errno::EXIST, "同名", Some("改名")),
            (Errno::NOTDIR, "不是文件夹", Some("改名")),
            (Errno::ISDIR, "是文件夹", None),
            (Errno::IO, "读写失败", None),
        ];
        for (errno, what_zh, hint_zh) in cases {
            let e = IoFailure::of(&os(errno.raw_os_error()));
            let said = e.what(Lang::Zh);
            assert!(said.contains(what_zh), "{errno:?}: {said}");
            assert!(
                said.ends_with(&format!("（系统错误 {}）", errno.raw_os_error())),
                "{said}"
            );
            assert!(!said.chars().any(|c| c.is_ascii_alphabetic()), "{said}");
            assert_eq!(
                e.hint(Lang::Zh).map(|h| h.contains(hint_zh.unwrap_or("?"))),
                hint_zh.map(|_| true),
                "{errno:?}"
            );
            assert!(e.what(Lang::En).is_ascii(), "{errno:?}");
        }
    }

    /// tempfile wraps the system's error in its own, with the path in
    /// English: the number is still found, and the English left out.
    #[test]
    fn an_error_a_library_wrapped_keeps_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder");
        let e = tempfile::Builder::new().tempfile_in(&missing).unwrap_err();
        assert!(e.to_string().contains("at path"), "{e}");
        let code = rustix::io::Errno::NOENT.raw_os_error();
        assert_eq!(
            IoFailure::of(&e).what(Lang::Zh),
            format!("找不到这个文件或文件夹（系统错误 {code}）")
        );
        // Our own errors have no number.
        let ours = Error::new(ErrorKind::InvalidData, "damaged text");
        assert_eq!(
            IoFailure::of(&ours).what(Lang::Zh),
            "内容已损坏或不是有效的文字"
        );
    }
}
