//! The command line (clap derive), and its help and usage errors in the
//! webmaster's language.
//!
//! The derive below holds the English texts. [`command`] returns the same
//! command with, for Chinese, every about, help text, heading, value name and
//! usage line replaced from the tables at the end of this file, and clap's own
//! words too ("Usage", "Options", "Print help"): a Chinese webmaster reads no
//! English fragment. [`parse`] reads the command line in the help language
//! (Chinese unless `--lang en`; `LANG` is not consulted, so a server whose
//! locale is en_US still answers in Chinese) and prints clap's usage errors
//! (an unknown option, a missing or invalid value) in it. `--help` of every
//! command, in both languages, is covered by snapshot tests (tests/integration/cli.rs).
//!
//! The doc comments of the derive are that help text, printed as written, so
//! rustdoc's reading of `[Exxx]` as a link and `<year>` as a tag is switched off.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Lang;

/// gongkai (公开): publish how proposals and suggestions were handled.
///
/// Keep one YAML file per proposal in content/; `gongkai build` turns them into a
/// complete, accessible website in public/ that any static server can host.
#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about,
    long_about,
    max_term_width = 100,
    after_help = "Exit codes: 0 success; 1 content errors (each printed as file:line:col: error[Exxx]: …) or a failed build; 2 usage errors (a wrong option, a refused output folder).\nMessages are in Chinese; --lang en or LANG=en* selects English."
)]
pub struct Cli {
    /// Language of messages: zh (default) or en. Without it, LANG=en* selects English.
    #[arg(long, global = true, help_heading = GLOBAL, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,

    /// Print only errors.
    #[arg(short, long, global = true, help_heading = GLOBAL, conflicts_with = "verbose")]
    pub quiet: bool,

    /// List every problem (without it, at most 10 of each code and a count of the rest), and
    /// print how long each stage took (load, validate, model, render, write).
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// The help section of the options every subcommand takes.
const GLOBAL: &str = "Global options";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for crate::diagnostic::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => crate::diagnostic::Lang::Zh,
            LangArg::En => crate::diagnostic::Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from content/ into the output folder (public/ by default).
    Build(BuildArgs),
    /// Check the content for every error `build` would report, plus broken links, writing nothing.
    Check(CheckArgs),
    /// Preview the site at http://127.0.0.1:1111/, rebuilding and reloading on every change.
    Serve(ServeArgs),
    /// Import a spreadsheet register (CSV or .xlsx) as draft records of one session.
    Import(ImportArgs),
    /// Publish reviewed drafts: delete their draft: true line and, if asked, set their disclosure.
    Publish(PublishArgs),
    /// Create a new site in DIR: site.yaml with every field explained, one session and two records.
    Init(InitArgs),
    /// Scaffold a new record or session file with every field present and commented.
    #[command(subcommand)]
    New(NewCommand),
    /// Print the JSON Schema of the content files (site, session, record), for editors.
    Schema,
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// The site folder, holding content/ [default: the current folder]
    #[arg(
        long,
        value_name = "DIR",
        default_value = ".",
        hide_default_value = true
    )]
    pub root: PathBuf,
}

/// Limits on what is read, for build, check, serve and import.
#[derive(Debug, Args)]
pub struct LimitsArg {
    /// The largest file read (a content file, a register to import), in MiB; a larger one is an
    /// error (a pasted document, a generated file), so a mistake or a hostile file cannot make
    /// the work slow or huge.
    #[arg(
        long,
        value_name = "MIB",
        default_value_t = 5,
        value_parser = clap::value_parser!(u64).range(1..=1024)
    )]
    pub max_file_size: u64,
}

impl LimitsArg {
    pub fn limits(&self) -> crate::load::Limits {
        crate::load::Limits {
            max_file_bytes: self.max_file_size * 1024 * 1024,
        }
    }
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,

    #[command(flatten)]
    pub limits: LimitsArg,

    /// Where to write the site [default: ROOT/public]. Replaced whole, and only when the build succeeds.
    #[arg(short, long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// The address the site is published at; replaces base_url from site.yaml.
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub base_url: Option<String>,

    /// Write links ending in index.html, so the site also works opened from disk (file://).
    #[arg(long)]
    pub portable: bool,

    /// Leave the HTML unminified (as `serve` does), for reading it while editing a template.
    #[arg(long)]
    pub no_minify: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,

    #[command(flatten)]
    pub limits: LimitsArg,

    /// The port to listen on.
    #[arg(
        short,
        long,
        env = "GONGKAI_PORT",
        hide_env_values = true,
        default_value_t = 1111
    )]
    pub port: u16,

    /// The address to listen on. Only this computer can connect to 127.0.0.1; use 0.0.0.0 to
    /// let other computers on the network see the preview.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,

    /// Show draft records (never counted in figures).
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The register: a .csv file (UTF-8 or GBK) or an .xlsx workbook (its first sheet).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The session the records belong to (a file name in content/sessions/, without .yaml).
    #[arg(long, value_name = "ID")]
    pub session: String,

    #[command(flatten)]
    pub root: RootArg,

    #[command(flatten)]
    pub limits: LimitsArg,

    /// Replace record files that already exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The reviewed draft record files, e.g. content/proposals/2019/0012.yaml.
    #[arg(
        id = "file",
        value_name = "FILE",
        required_unless_present = "session",
        conflicts_with = "session"
    )]
    pub files: Vec<PathBuf>,

    /// Publish every draft record of this session (a file name in content/sessions/, without .yaml).
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,

    /// Set the disclosure of each record published: public (the full reply) or summary_only
    /// (metadata and summary). Without it a record keeps its own; a withheld draft is left a draft.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub disclosure: Option<DisclosureArg>,

    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DisclosureArg {
    /// 主动公开: the whole record
    Public,
    /// 摘要公开: metadata, category and summary
    #[value(name = "summary_only")]
    SummaryOnly,
}

/// `--base-url`: checked as `base_url` in site.yaml is, but as a usage error.
fn base_url(s: &str) -> Result<String, String> {
    if crate::base_url::BaseUrl::parse(s).is_some() {
        Ok(s.to_string())
    } else {
        Err(
            "not an absolute http(s) address (without ? or #, user name or password), such as https://www.example.gov.cn/"
                .into(),
        )
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,

    #[command(flatten)]
    pub limits: LimitsArg,

    /// How to list the problems: text for people (on stderr, at most 10 of each code without
    /// --verbose), or json for editors and CI: every problem, one JSON object a line, on stdout.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
    pub format: CheckFormat,
}

/// `check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// file:line:col: error[Exxx]: … with the source line, for people
    Text,
    /// one JSON object per problem a line: code, severity, file, line, column, length, message, hint
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing; must not already hold content/).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A new draft record in content/proposals/<year>/, named with the next free number; prints its path.
    Record {
        /// The session the record belongs to (a file name in content/sessions/, without .yaml).
        #[arg(long, value_name = "ID")]
        session: String,
        #[command(flatten)]
        root: RootArg,
    },
    /// A new session file in content/sessions/; prints its path.
    Session {
        /// The session's id, e.g. 2020-zx-9-4 [default: the next free session-N]
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The year its proposals are handled in [default: the current year]
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(u16).range(1949..=2999))]
        year: Option<u16>,
        /// The session's name, e.g. 九届三次会议 [default: read from an id such as 2019-zx-9-3]
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Whose session it is, e.g. 区政协 [default: a stand-in to replace]
        #[arg(long, value_name = "BODY")]
        body: Option<String>,
        #[command(flatten)]
        root: RootArg,
    },
}

/// The language of `--help` and of clap's usage errors: the language of every
/// other message ([`Lang::detect`]): `--lang` as written on the command line,
/// else English under an English `LANG`, else Chinese — so an English reader
/// does not get Chinese help beside English messages, and a webmaster whose
/// system says `zh_CN` (or nothing) gets Chinese.
pub fn help_lang<I, T>(args: I) -> Lang
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString>,
{
    Lang::detect(lang_flag(args))
}

/// `--lang` as written on the command line (`--lang en`, `--lang=en`; the last
/// one wins; nothing after `--`), read before clap parses it.
fn lang_flag<I, T>(args: I) -> Option<Lang>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString>,
{
    let args: Vec<String> = args
        .into_iter()
        .map(|a| {
            let a: std::ffi::OsString = a.into();
            a.to_string_lossy().into_owned()
        })
        .collect();
    let mut lang = None;
    for (i, arg) in args.iter().enumerate() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("en") => lang = Some(Lang::En),
            Some("zh") => lang = Some(Lang::Zh),
            _ => {}
        }
    }
    lang
}

/// Parses the process's command line. `--help` and `--version` print and exit
/// 0; a usage error prints (in the help language) and exits 2.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    parse_from(args).unwrap_or_else(|(err, lang)| exit(&err, lang))
}

/// [`parse`] without exiting: the error and the language to print it in.
pub fn parse_from(args: Vec<std::ffi::OsString>) -> Result<Cli, (clap::Error, Lang)> {
    let lang = help_lang(args.iter().skip(1).cloned());
    let args = help_flag_after_help(args);
    let matches = command(lang)
        .try_get_matches_from(args)
        .map_err(|e| (e, lang))?;
    Cli::from_arg_matches(&matches).map_err(|e| (e, lang))
}

/// clap's `help` command reads every word after it as a command name, so
/// `gongkai help --help` was "no command --help". A `--help` (or `-h`) after
/// `help` asks for help all the same: `help --help` is `help help` (the help of
/// `help` itself), `help build --help` is `help build`.
fn help_flag_after_help(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    // The command: the first word that is neither an option nor `--lang`'s value.
    let mut i = 1;
    while let Some(arg) = args.get(i) {
        match arg.to_str() {
            Some("--") => return args,
            Some("--lang") => i += 2,
            Some(a) if a.starts_with('-') => i += 1,
            _ => break,
        }
    }
    if args.get(i).is_none_or(|a| a != "help") {
        return args;
    }
    let is_flag = |a: &std::ffi::OsString| a == "--help" || a == "-h";
    if !args[i + 1..].iter().any(is_flag) {
        return args;
    }
    let names: Vec<_> = args
        .split_off(i + 1)
        .into_iter()
        .filter(|a| !is_flag(a))
        .collect();
    if names.is_empty() {
        args.push("help".into());
    }
    args.extend(names);
    args
}

/// Prints a clap error (help and version are "errors" too) and exits.
fn exit(err: &clap::Error, lang: Lang) -> ! {
    if lang == Lang::En {
        err.exit();
    }
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => err.exit(),
        // The help itself, already Chinese, on stderr.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", err.render());
            std::process::exit(2);
        }
        _ => {
            eprint!("{}", zh_error(err));
            std::process::exit(2);
        }
    }
}

/// A clap usage error in Chinese: what is wrong, a suggestion when clap has
/// one, the usage line and where to read more.
pub fn zh_error(err: &clap::Error) -> String {
    let get = |kind| err.get(kind).map(values).unwrap_or_default();
    let first = |kind| get(kind).into_iter().next().unwrap_or_default();
    let arg = first(ContextKind::InvalidArg);
    let value = first(ContextKind::InvalidValue);
    let mut text = match err.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 后面要写一个值"),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            let mut t = format!("\"{value}\" 不是 {arg} 可以取的值");
            if !valid.is_empty() {
                t.push_str(&format!("；可以取：{}", valid.join("、")));
            }
            t
        }
        ErrorKind::ValueValidation => {
            let name = arg.split(' ').next().unwrap_or_default();
            let hint = VALUE_HINTS_ZH
                .iter()
                .find(|(long, _)| *long == name)
                .map(|(_, h)| format!(" — {h}"))
                .unwrap_or_default();
            format!("\"{value}\" 不是 {arg} 可以取的值{hint}")
        }
        ErrorKind::UnknownArgument => format!("没有 \"{arg}\" 这个选项"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "没有 \"{}\" 这条命令",
                first(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::NoEquals => format!("{arg} 的值要用等号连着写：{arg}=值"),
        ErrorKind::TooManyValues => format!("多出来的值 \"{value}\"：{arg} 只要一个值"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 后面的值的个数不对")
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() {
                format!("{arg} 不能和别的选项一起用")
            } else {
                format!("{arg} 不能和 {} 一起用", prior.join("、"))
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!(
                "缺少必须写的参数：{}",
                get(ContextKind::InvalidArg).join("、")
            )
        }
        ErrorKind::MissingSubcommand => {
            format!("{} 后面要写一条命令", first(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidUtf8 => "命令行里有不是 UTF-8 编码的文字".to_string(),
        _ => "命令行写得不对".to_string(),
    };
    let suggested: Vec<String> = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(get)
    .collect();
    if !suggested.is_empty() {
        text.push_str(&format!(
            "\n\n  提示：是不是要写 {}？",
            suggested.join(" 或 ")
        ));
    }
    let mut out = format!("错误: {text}\n");
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage
            .strip_prefix("Usage: ")
            .or_else(|| usage.strip_prefix("用法："))
            .unwrap_or(&usage);
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n要看详细说明，请在命令后面加 --help。\n");
    out
}

fn values(v: &ContextValue) -> Vec<String> {
    match v {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::Strings(v) => v.clone(),
        ContextValue::StyledStr(s) => vec![s.to_string()],
        ContextValue::StyledStrs(v) => v.iter().map(ToString::to_string).collect(),
        ContextValue::Number(n) => vec![n.to_string()],
        ContextValue::Bool(b) => vec![b.to_string()],
        _ => Vec::new(),
    }
}

/// The command line in `lang`: clap's derive for English, and for Chinese
/// the same command with every text from the tables below.
pub fn command(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    let mut cmd = localize(cmd, "")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading(OPTIONS_ZH),
        )
        .after_help(AFTER_HELP_ZH)
        .long_about(LONG_ABOUT_ZH);
    // Headings of the global options are set on the root, before clap copies
    // them into each subcommand.
    cmd.build();
    usage_and_help_subcommand(&mut cmd);
    cmd
}

const OPTIONS_ZH: &str = "选项";
const ARGUMENTS_ZH: &str = "参数";
const TEMPLATE_ZH: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// Chinese texts for one command (`path` is its place, `"build"`, `"new record"`)
/// and its arguments, recursively; before clap builds the command.
fn localize(cmd: clap::Command, path: &str) -> clap::Command {
    let about = about_zh(path);
    let mut cmd = cmd
        .about(about)
        .long_about(None::<&str>)
        .help_template(TEMPLATE_ZH)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading(OPTIONS_ZH),
        );
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help")
        .collect();
    for id in ids {
        let help = arg_zh(path, &id);
        cmd = cmd.mut_arg(&id, |a| {
            let heading = match a.get_help_heading() {
                Some(GLOBAL) => GLOBAL_ZH,
                _ if a.is_positional() => ARGUMENTS_ZH,
                _ => OPTIONS_ZH,
            };
            let names: Vec<&'static str> = if a.get_action().takes_values() {
                a.get_value_names()
                    .unwrap_or_default()
                    .iter()
                    .map(|n| value_name_zh(n.as_str()))
                    .collect()
            } else {
                Vec::new()
            };
            let a = a
                .help(help)
                .long_help(None::<&str>)
                .help_heading(heading)
                .hide_env(true);
            if names.is_empty() {
                a
            } else {
                // The defaults and the values allowed are in the Chinese help
                // text, not in clap's English brackets.
                a.value_names(names)
                    .hide_default_value(true)
                    .hide_possible_values(true)
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize(s, &sub_path));
    }
    cmd
}

/// After clap has built the command: the usage line of each command with
/// `[选项]` for clap's `[OPTIONS]`, and clap's own `help` subcommand in Chinese.
fn usage_and_help_subcommand(cmd: &mut clap::Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage.replace("[OPTIONS]", "[选项]");
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        if sub.get_name() == "help" {
            zh_help_subcommand(sub);
        } else {
            usage_and_help_subcommand(sub);
        }
    }
}

/// clap's own `help` subcommand (`gongkai help build`) in Chinese. Depending
/// on how clap built it, it takes the command names as an argument or holds
/// copies of the commands, with a `help` of its own.
fn zh_help_subcommand(sub: &mut clap::Command) {
    let bin = sub.get_bin_name().unwrap_or("gongkai help").to_string();
    let has_arg = sub.get_arguments().any(|a| a.get_id() == "subcommand");
    let mut help = std::mem::take(sub)
        .about("显示这条命令或某条子命令的帮助")
        .help_template(TEMPLATE_ZH)
        .subcommand_help_heading("命令")
        .override_usage(format!("{bin} [命令]..."));
    if has_arg {
        help = help.mut_arg("subcommand", |a| {
            a.help("要看帮助的命令")
                .help_heading(ARGUMENTS_ZH)
                .value_name("命令")
        });
    }
    *sub = help;
    for inner in sub.get_subcommands_mut() {
        if inner.get_name() == "help" {
            zh_help_subcommand(inner);
        }
    }
}

const GLOBAL_ZH: &str = "全局选项（每条命令都能用）";

const LONG_ABOUT_ZH: &str = "gongkai（公开）：把建议提案的办理结果生成为政府网站。\n\n\
每件建议提案在 content/ 里写一个 YAML 文件；gongkai build 把它们生成为\n\
public/ 里完整、无障碍的网站，任何静态网站服务器都能发布。";

const AFTER_HELP_ZH: &str = "退出码：0 成功；1 内容有错误（每条显示为 文件:行:列: error[Exxx]: …）或生成失败；\n\
2 用法错误（选项写错，或输出文件夹会覆盖站点）。\n\
提示和帮助默认用中文，加 --lang en 用英文。";

/// The about line of each command, by its path.
const ABOUTS_ZH: &[(&str, &str)] = &[
    ("", "gongkai（公开）：把建议提案的办理结果生成为政府网站"),
    (
        "build",
        "把 content/ 生成为网站，写到输出文件夹（默认 public/）",
    ),
    (
        "check",
        "检查 build 会报告的全部错误，再检查链接，不写任何文件",
    ),
    (
        "serve",
        "本机预览 http://127.0.0.1:1111/，文件一改就重新生成并刷新页面",
    ),
    ("import", "把登记表（CSV 或 .xlsx）导入为一次会议的草稿记录"),
    (
        "publish",
        "发布审核过的草稿：删去 draft: true 一行，需要时设定公开方式",
    ),
    (
        "init",
        "在文件夹里新建站点：带说明的 site.yaml、一个会议和两件记录",
    ),
    ("new", "新建一个记录或会议文件，每个字段都在并带注释"),
    ("new record", "用下一个空闲编号新建草稿记录，显示它的路径"),
    (
        "new session",
        "在 content/sessions/ 里新建会议文件，显示它的路径",
    ),
    (
        "schema",
        "输出内容文件（站点、会议、记录）的 JSON Schema，供编辑器使用",
    ),
];

/// The help of each argument: by `"path id"` where one id means different
/// things in different commands, else by id.
const ARGS_ZH: &[(&str, &str)] = &[
    ("lang", "提示和帮助的语言：zh（中文，默认）或 en（英文）"),
    ("quiet", "只显示错误"),
    (
        "verbose",
        "列出全部问题（不加时同一代码最多显示 10 个，其余只计数），\n并显示每一步（读取、检查、建模、生成、写入）的用时",
    ),
    ("root", "站点文件夹，里面有 content/（默认：当前文件夹）"),
    (
        "max_file_size",
        "能读的最大文件（内容文件、要导入的登记表），单位 MiB，默认 5。\n更大的文件报错：粘贴进来的整篇文档、程序生成的大文件\n不会让处理变慢、变大",
    ),
    (
        "output_dir",
        "网站写到哪里（默认：站点文件夹里的 public/）。\n整个替换，而且只在生成成功时替换",
    ),
    (
        "base_url",
        "网站发布的网址，临时替换 site.yaml 里的 base_url",
    ),
    (
        "portable",
        "链接以 index.html 结尾，\n网站直接从硬盘打开（file://）也能用",
    ),
    (
        "no_minify",
        "不压缩 HTML（和 serve 一样），方便修改模板时阅读",
    ),
    (
        "format",
        "问题怎样列出：text（默认）给人看，显示在标准错误输出，\n不加 --verbose 时同一代码最多 10 个；json 给编辑器和\n持续集成：全部问题，每行一个 JSON 对象，输出到标准输出",
    ),
    (
        "port",
        "监听的端口，默认 1111\n（也可以用环境变量 GONGKAI_PORT 设定）",
    ),
    (
        "bind",
        "监听的地址，默认 127.0.0.1，只有本机能访问；\n写 0.0.0.0 让办公室网络里的其他电脑也能看预览",
    ),
    ("drafts", "同时显示草稿记录（草稿从不计入数字）"),
    (
        "import file",
        "登记表：.csv 文件（UTF-8 或 GBK 编码）\n或 .xlsx 工作簿（读第一个工作表）",
    ),
    (
        "import session",
        "这些记录属于哪次会议\n（content/sessions/ 里的文件名，不带 .yaml）",
    ),
    ("force", "覆盖已经存在的记录文件"),
    (
        "publish file",
        "审核过的草稿记录文件，如 content/proposals/2019/0012.yaml",
    ),
    (
        "publish session",
        "发布这次会议的全部草稿记录\n（content/sessions/ 里的文件名，不带 .yaml）",
    ),
    (
        "disclosure",
        "给发布的每件记录设定公开方式：public（主动公开，全文）\n或 summary_only（摘要公开：基本信息和答复摘要）。\n不加时保留记录自己的设定；withheld（不公开）的草稿仍是草稿",
    ),
    (
        "dir",
        "新建站点的文件夹\n（没有就新建；里面不能已经有 content/）",
    ),
    (
        "new record session",
        "记录属于哪次会议\n（content/sessions/ 里的文件名，不带 .yaml）",
    ),
    (
        "id",
        "会议编号，如 2020-zx-9-4（默认：下一个空闲的 session-N）",
    ),
    ("year", "办理这些建议提案的年度（默认：今年）"),
    (
        "name",
        "会议名称，如 九届三次会议\n（默认：从 2019-zx-9-3 这样的编号读出）",
    ),
    (
        "body",
        "哪个机关的会议，如 区政协（默认：一个待替换的示例值）",
    ),
];

/// The value names shown in the help (`--root <文件夹>`).
const VALUE_NAMES_ZH: &[(&str, &str)] = &[
    ("DIR", "文件夹"),
    ("FILE", "文件"),
    ("ID", "编号"),
    ("URL", "网址"),
    ("MIB", "MiB"),
    ("LANG", "语言"),
    ("PORT", "端口"),
    ("ADDR", "地址"),
    ("LEVEL", "公开方式"),
    ("FORMAT", "格式"),
    ("YEAR", "年度"),
    ("NAME", "名称"),
    ("BODY", "机关"),
];

/// What a value must look like, for a value clap's parser refused (its own
/// reason is in English).
const VALUE_HINTS_ZH: &[(&str, &str)] = &[
    (
        "--base-url",
        "要写完整的 http(s) 网址，不带 ? 和 #，也不带用户名和密码，如 https://www.example.gov.cn/",
    ),
    ("--max-file-size", "要写 1 到 1024 之间的整数"),
    ("--year", "要写 1949 到 2999 之间的年份"),
    ("--port", "要写 0 到 65535 之间的整数"),
    ("--bind", "要写一个 IP 地址，如 127.0.0.1 或 0.0.0.0"),
];

fn about_zh(path: &str) -> &'static str {
    ABOUTS_ZH
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no Chinese about for the command \"{path}\""))
}

fn arg_zh(path: &str, id: &str) -> &'static str {
    let key = format!("{path} {id}");
    ARGS_ZH
        .iter()
        .find(|(k, _)| *k == key)
        .or_else(|| ARGS_ZH.iter().find(|(k, _)| *k == id))
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no Chinese help for the argument {id} of \"{path}\""))
}

fn value_name_zh(name: &str) -> &'static str {
    VALUE_NAMES_ZH
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no Chinese value name for {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_language_is_the_lang_flag_as_written() {
        assert_eq!(lang_flag(["build"]), None);
        assert_eq!(lang_flag(["--lang", "en", "build"]), Some(Lang::En));
        assert_eq!(lang_flag(["build", "--lang=en"]), Some(Lang::En));
        assert_eq!(lang_flag(["--lang", "en", "--lang", "zh"]), Some(Lang::Zh));
        // After `--` it is a value, not the option.
        assert_eq!(lang_flag(["publish", "--", "--lang", "en"]), None);
    }

    /// Every command and argument has its Chinese text (a missing one panics
    /// here, not in a webmaster's terminal), and both commands are valid.
    #[test]
    fn every_text_has_its_chinese() {
        command(Lang::Zh).debug_assert();
        command(Lang::En).debug_assert();
    }
}
