//! The helpers of every test binary (`tests/integration`, `tests/docs`,
//! `tests/limits`; each includes this folder as `mod support`):
//!
//! - here: fixture sites — a valid `site.yaml`, one session and records given as
//!   YAML strings, written into a temporary folder, or a site made by
//!   `gongkai init` with its stand-ins filled in — and the real `gongkai`
//!   binary run against them with a controlled environment (no `LANG`, fixed
//!   terminal width), its exit code and output captured; the files of a built
//!   folder; paths in the repository (`repo`, from `CARGO_MANIFEST_DIR`);
//! - [`serve`]: `gongkai serve` as a process, spoken to over HTTP;
//! - [`html`]: just enough HTML reading for the page tests;
//! - [`corpus`]: the deterministic record generator the benchmark shares
//!   (`examples/corpus.rs` includes it by path);
//! - [`plain`]: the text a reader sees of rendered Markdown, for the search
//!   oracles (`examples/search_oracle.rs` includes it by path).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub mod corpus;
pub mod html;
pub mod plain;
pub mod serve;

/// A valid `site.yaml`. The filing block is on lines 5–8 (icp on 6, police on 7,
/// site_code on 8).
pub const SITE: &str = "title: 测试区建议提案办理结果公开
base_url: https://www.gongkai.test/jytabl/
owner: 测试区人民政府办公室
operator: 测试区政务服务数据管理局
filing:
  icp: 鄂ICP备2022016438号-1
  police: 鄂公网安备 42011302000122号
  site_code: \"4201130014\"
";

/// A valid session file, id `s1`, with no declared figures.
pub const SESSION: &str = "body: 区政协
year: 2019
name: 九届三次会议
";

/// A valid public record in session `s1`, one field a line:
/// 1 kind, 2 session, 3 title, 4 status, 5 disclosure, 6 host_unit, 7 replied_on.
pub const RECORD: &str = "kind: proposal
session: s1
title: 关于加快停车场建设的建议
status: solved
disclosure: public
host_unit: 区交通运输局
replied_on: 2019-09-22
";

/// A path in the repository (fixtures under `tests/fixtures/`, the theme, the
/// docs), wherever the tests run from.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A file of the repository as text.
pub fn read_repo(rel: &str) -> String {
    std::fs::read_to_string(repo(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Writes a file, creating its folders.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Output bytes (stdout, stderr) as text, invalid UTF-8 replaced.
pub fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The `gongkai` binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_gongkai")
}

/// A command for the binary with a predictable environment: Chinese messages
/// (no `LANG`), help wrapped at 100 columns.
pub fn gongkai() -> Command {
    let mut cmd = Command::new(bin());
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    cmd.env("COLUMNS", "100");
    cmd
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from(cmd: &mut Command) -> Run {
        let out = cmd.output().expect("run gongkai");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// The first line of every diagnostic, in printed order.
    pub fn headlines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.contains("error[") || l.contains("warning["))
            .collect()
    }

    /// The diagnostic headlines carrying `code`.
    pub fn with_code(&self, code: &str) -> Vec<&str> {
        let tag = format!("[{code}]: ");
        self.headlines()
            .into_iter()
            .filter(|l| l.contains(&tag))
            .collect()
    }

    /// Asserts the exit code, showing the output on failure.
    #[track_caller]
    pub fn assert_exit(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts that exactly this headline (file:line:col: level[code]: message) was printed.
    #[track_caller]
    pub fn assert_headline(&self, expected: &str) -> &Run {
        assert!(
            self.headlines().contains(&expected),
            "expected the diagnostic\n  {expected}\nbut stderr was:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that the run failed with content errors and printed exactly `expected`
    /// as its only diagnostic with that code.
    #[track_caller]
    pub fn assert_only(&self, expected: &str) -> &Run {
        self.assert_exit(1);
        let code = expected
            .split_once("error[")
            .or_else(|| expected.split_once("warning["))
            .map(|(_, rest)| &rest[..4])
            .expect("a headline with a code");
        assert_eq!(
            self.with_code(code),
            vec![expected],
            "stderr was:\n{}",
            self.stderr
        );
        self
    }
}

/// A site in a temporary folder.
pub struct Fixture {
    dir: TempDir,
}

impl Fixture {
    /// A valid site: `site.yaml` and session `s1`, no records yet.
    pub fn new() -> Fixture {
        let f = Fixture::empty();
        f.write("content/site.yaml", SITE);
        f.write("content/sessions/s1.yaml", SESSION);
        f
    }

    /// A valid site with one record, `2019/0001`, holding `yaml`.
    pub fn with_record(yaml: &str) -> Fixture {
        let f = Fixture::new();
        f.record("2019/0001", yaml);
        f
    }

    /// An empty folder.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::Builder::new()
                .prefix("gongkai-test-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    /// The site folder (holding `content/`).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file under the site folder, creating its folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Fixture {
        write(&self.path(rel), bytes);
        self
    }

    /// Writes `content/proposals/<id>.yaml`.
    pub fn record(&self, id: &str, yaml: &str) -> &Fixture {
        self.write(&format!("content/proposals/{id}.yaml"), yaml)
    }

    /// Writes `content/sessions/<id>.yaml`.
    pub fn session(&self, id: &str, yaml: &str) -> &Fixture {
        self.write(&format!("content/sessions/{id}.yaml"), yaml)
    }

    /// Replaces `content/site.yaml`.
    pub fn site(&self, yaml: &str) -> &Fixture {
        self.write("content/site.yaml", yaml)
    }

    /// Runs `gongkai <args> --root <this site>`.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(gongkai().args(args).arg("--root").arg(self.root()))
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// `gongkai build` into `ROOT/public`.
    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// `gongkai build` into `ROOT/public`, which must succeed; the files it wrote.
    pub fn built(&self) -> BTreeMap<String, Vec<u8>> {
        self.build().assert_exit(0);
        files(&self.path("public"))
    }

    /// `gongkai build --output-dir <out>`.
    pub fn build_into(&self, out: &Path) -> Run {
        Run::from(
            gongkai()
                .arg("build")
                .arg("--root")
                .arg(self.root())
                .arg("--output-dir")
                .arg(out),
        )
    }
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

/// Every file under `dir` (not following symlinks), by `/`-separated relative
/// path, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    collect(dir, dir, &mut out);
    out
}

fn collect(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let ty = e.file_type().unwrap();
        if ty.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

/// What a build may leave beside its output folder `out` when it is killed:
/// `.<name>.staging` and `.<name>.old`, those that exist.
pub fn leftovers(out: &Path) -> Vec<PathBuf> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    [".staging", ".old"]
        .iter()
        .map(|s| out.with_file_name(format!(".{name}{s}")))
        .filter(|p| p.symlink_metadata().is_ok())
        .collect()
}

/// A manifest of a folder: every file's relative path and a hash of its bytes.
pub fn manifest(dir: &Path) -> BTreeMap<String, u64> {
    files(dir)
        .into_iter()
        .map(|(path, bytes)| (path, hash(&bytes)))
        .collect()
}

/// FNV-1a, 64 bit, as the server's manifest uses.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The text of one file of [`files`], failing with the paths there are when
/// it was not written.
pub fn file_text<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not written: {:?}", files.keys()));
    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every field a record file may have, from the type the loader decodes
/// (not a copy kept by hand).
pub fn record_fields() -> Vec<String> {
    let fields = gongkai::content::schema_properties::<gongkai::content::RecordFile>();
    assert!(fields.len() > 20, "{fields:?}");
    fields
}

/// Runs the binary (see [`gongkai`]) with `args` on the site at `root`.
pub fn gongkai_in(root: &Path, args: &[&str]) -> std::process::Output {
    gongkai()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// The JSON the search page of a built site (`out`) embeds for the client
/// (`gongkai::search::query::Searcher::new` reads it).
pub fn search_meta(out: &Path) -> String {
    let html = std::fs::read_to_string(out.join("search/index.html")).unwrap();
    let start = html
        .find("search-meta")
        .expect("the page embeds the index metadata");
    let start = start + html[start..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</script>").unwrap();
    html[start..end].to_string()
}

/// Makes a small working site with `gongkai init`, its stand-ins replaced
/// as a webmaster replaces them (see [`fill_in`]).
pub fn init_site(dir: &Path) {
    init_site_as_is(dir);
    fill_in(dir);
}

/// A temporary folder with an [`init_site`] in its `site/` folder; the rest
/// of the folder is free for registers and output folders.
pub fn init_site_in_temp() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    init_site(&site);
    (dir, site)
}

/// What a webmaster writes over the stand-ins `init` leaves (issue 14): the
/// site's real names and filing numbers, the session's body, the example
/// records' texts. Afterwards `build` accepts the site.
pub fn fill_in(dir: &Path) {
    let edit = |rel: &str, pairs: &[(&str, &str)]| {
        let path = dir.join(rel);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (from, to) in pairs {
            text = text.replace(from, to);
        }
        std::fs::write(&path, text).unwrap();
    };
    edit(
        "content/site.yaml",
        &[
            ("京ICP备00000000号-1", "鄂ICP备2022016438号-1"),
            ("京公网安备 11000000000000号", "鄂公网安备 42011302000122号"),
            ("\"1100000000\"", "\"4201130014\""),
            ("010-00000000", "027-84851234"),
            ("example@example.gov.cn", "zwgk@hannan.gov.cn"),
            ("某某区某某路 1 号", "汉南区纱帽街 1 号"),
            ("某某区", "汉南区"),
            (
                "# base_url: https://www.example.gov.cn/jytabl/",
                "base_url: https://www.gongkai.test/jytabl/",
            ),
        ],
    );
    edit(
        "content/sessions/2019-zx-9-3.yaml",
        &[("某某区政协", "汉南区政协")],
    );
    for rel in [
        "content/proposals/2019/0001.yaml",
        "content/proposals/2019/0002.yaml",
    ] {
        fill_in_record(&dir.join(rel));
    }
}

/// A record from `init` or `new record`, its stand-ins replaced.
pub fn fill_in_record(path: &Path) {
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in [
        ("title: 关于……的建议案", "title: 关于发展公共交通的建议案"),
        ("title: 关于……的建议", "title: 关于增设社区停车位的建议"),
        ("某某局", "区交通运输局"),
        ("示例主题", "停车设施"),
        ("示例小标题", "已建成的停车位"),
        ("  建议……", "  建议在老旧小区增设停车位。"),
        ("    text: ……", "    text: 新增停车位 200 个。"),
        ("  ……", "  已在三个小区增设停车位。"),
    ] {
        text = text.replace(from, to);
    }
    std::fs::write(path, text).unwrap();
}

/// `gongkai init`, nothing replaced.
pub fn init_site_as_is(dir: &Path) {
    let out = gongkai().arg("init").arg(dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
