//! The errors a command can end with. Content mistakes are not here one by one:
//! they are [`Diagnostic`](crate::diagnostic::Diagnostic)s, collected and
//! reported together, and end the command as [`Error::Content`].

mod template;

use std::path::{Path, PathBuf};

pub use template::TemplateFailure;

use crate::diagnostic::{Diagnostics, IoFailure, Lang};

/// Why a command failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The content has errors: the diagnostics, not yet printed.
    Content(Diagnostics),
    /// A file-system operation failed on `path`.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Reading or writing the temporary file that holds the records' text
    /// during a build (`content::spill`) failed; `path` is the name it had.
    Spill {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Reading or writing a temporary file of the search index's lists
    /// during a build (`search::spill`) failed; `path` is the name it had.
    IndexSpill {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The output folder would overwrite the site.
    OutputRefused {
        path: PathBuf,
        reason: OutputRefusal,
    },
    /// A theme template failed to parse or render.
    Template(TemplateFailure),
    /// `init` would overwrite an existing site.
    SiteExists { path: PathBuf },
    /// `new` was asked for a session that does not exist.
    NoSuchSession { id: String, known: Vec<String> },
    /// The command found problems and has already printed them (`check`, `import`).
    Reported { errors: usize },
    /// `new session --id` was given a name that cannot be a file name and URL.
    BadId { id: String },
    /// `init` or `new` would overwrite an existing file.
    FileExists { path: PathBuf },
}

/// Why an output folder was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputRefusal {
    IsSiteRoot,
    ContainsSite,
    InsideSources { folder: &'static str },
    NotAFolder,
    NoName,
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The process exit code: 1 for content and runtime errors, 2 for usage errors.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::OutputRefused { .. }
            | Error::SiteExists { .. }
            | Error::NoSuchSession { .. }
            | Error::BadId { .. }
            | Error::FileExists { .. } => 2,
            _ => 1,
        }
    }

    /// The file-system failure this error is, if it is one.
    pub fn io_failure(&self) -> Option<IoFailure> {
        self.io_source().map(IoFailure::of)
    }

    /// The system's error of the variants that carry one.
    fn io_source(&self) -> Option<&std::io::Error> {
        match self {
            Error::Io { source, .. }
            | Error::Spill { source, .. }
            | Error::IndexSpill { source, .. } => Some(source),
            _ => None,
        }
    }

    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Error::Content(diags) => {
                let errors = diags.error_count();
                if zh {
                    format!("内容有 {errors} 处错误，未生成网站；输出文件夹保持原样")
                } else {
                    format!(
                        "{errors} content error(s); nothing was built and the output folder is unchanged"
                    )
                }
            }
            Error::Io { path, source } => {
                let failure = IoFailure::of(source);
                let what = failure.what(lang);
                let sep = if zh { "：" } else { ": " };
                match failure.hint(lang) {
                    Some(hint) => format!("{}{sep}{what} — {hint}", path.display()),
                    None => format!("{}{sep}{what}", path.display()),
                }
            }
            Error::Spill { path, source } | Error::IndexSpill { path, source } => {
                let holding = match (self, zh) {
                    (Error::Spill { .. }, true) => "暂存记录正文的临时文件",
                    (_, true) => "暂存搜索索引的临时文件",
                    (Error::Spill { .. }, false) => "the temporary file holding the records' text,",
                    (_, false) => "the temporary file holding the search index's lists,",
                };
                let failure = IoFailure::of(source);
                let what = failure.what(lang);
                // The file sits beside the output folder: where to look, when
                // the failure itself says nothing more particular.
                let hint = failure.hint(lang).unwrap_or(lang.pick(
                    "请检查输出文件夹所在磁盘的空间和权限",
                    "check the space and permissions where the output folder is",
                ));
                if zh {
                    format!("{holding} {} 读写失败：{what} — {hint}", path.display())
                } else {
                    format!("{holding} {}: {what} — {hint}", path.display())
                }
            }
            Error::Reported { errors } => {
                if zh {
                    format!("共 {errors} 处错误，见上")
                } else {
                    format!("{errors} error(s), listed above")
                }
            }
            Error::OutputRefused { path, reason } => {
                let p = path.display();
                match (reason, zh) {
                    (OutputRefusal::IsSiteRoot, true) => {
                        format!("输出文件夹 {p} 就是站点文件夹本身 — 请另选，如 public")
                    }
                    (OutputRefusal::IsSiteRoot, false) => format!(
                        "the output folder {p} is the site folder itself — choose another, such as public"
                    ),
                    (OutputRefusal::ContainsSite, true) => {
                        format!("输出文件夹 {p} 包含站点文件夹 — 生成时会替换整个文件夹，请另选")
                    }
                    (OutputRefusal::ContainsSite, false) => format!(
                        "the output folder {p} contains the site folder — a build replaces it whole; choose another"
                    ),
                    (OutputRefusal::InsideSources { folder }, true) => {
                        format!("输出文件夹 {p} 在站点的 {folder}/ 之内 — 请另选，如 public")
                    }
                    (OutputRefusal::InsideSources { folder }, false) => format!(
                        "the output folder {p} is inside the site's {folder}/ — choose another, such as public"
                    ),
                    (OutputRefusal::NotAFolder, true) => {
                        format!(
                            "{p} 已存在且不是文件夹（是文件或符号链接） — 请另选输出位置；符号链接请直接写出它指向的文件夹"
                        )
                    }
                    (OutputRefusal::NotAFolder, false) => format!(
                        "{p} exists and is not a folder (a file or a symlink) — choose another output; for a symlink, name the folder it points to"
                    ),
                    (OutputRefusal::NoName, true) => {
                        format!("输出文件夹 {p} 无效 — 请给出文件夹名，如 public")
                    }
                    (OutputRefusal::NoName, false) => {
                        format!("the output folder {p} is invalid — name a folder such as public")
                    }
                }
            }
            Error::Template(failure) => failure.message(lang),
            Error::SiteExists { path } => {
                if zh {
                    format!(
                        "{} 中已有 content 文件夹 — 请换一个空文件夹",
                        path.display()
                    )
                } else {
                    format!(
                        "{} already holds a content folder — choose an empty folder",
                        path.display()
                    )
                }
            }
            Error::BadId { id } => {
                if zh {
                    format!("编号 \"{id}\" 不合规 — 只能使用小写英文字母、数字和 -，如 2020-zx-9-4")
                } else {
                    format!(
                        "the id \"{id}\" is not allowed — use lower-case letters, digits and - only, e.g. 2020-zx-9-4"
                    )
                }
            }
            Error::FileExists { path } => {
                if zh {
                    format!("{} 已存在 — 请换一个名称，或先删除它", path.display())
                } else {
                    format!(
                        "{} already exists — choose another name or delete it first",
                        path.display()
                    )
                }
            }
            Error::NoSuchSession { id, known } => {
                if zh {
                    format!("找不到会议 \"{id}\" — 已有的会议：{}", known.join(", "))
                } else {
                    format!(
                        "no session \"{id}\" — existing sessions: {}",
                        known.join(", ")
                    )
                }
            }
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.io_source().map(|e| e as _)
    }
}
