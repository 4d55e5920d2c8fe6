//! The command line (clap derive). `--help` output is covered by a snapshot test.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    if crate::validate::valid_base_url(s) {
        Ok(s.to_string())
    } else {
        Err(
            "not an absolute http(s) address (without ? or #), such as https://www.example.gov.cn/"
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
