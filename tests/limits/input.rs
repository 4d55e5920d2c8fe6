//! Hostile input ends in an error, cheaply: alias bombs and deep nesting are
//! refused within 1 s and 64 MiB beyond checking a trivial site, measured on the child process with `wait4`
//! (CPU time and peak RSS of exactly that child, and wall time), and the
//! file-system traps under `content/` (symlink loops, dangling links, pipes) are
//! errors rather than hangs. These run the debug binary, the slowest build there is.
//!
//! Wall time on a shared, busy machine includes waiting for a CPU, so the wall
//! time allowed is 1 s on top of what a trivial site takes in the same moment,
//! and a run over it is measured again (up to five times, keeping the fastest);
//! the CPU time the child used must be under 1 s outright.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Fixture, RECORD, Run, gongkai};

const TIME_LIMIT: Duration = Duration::from_secs(1);
const MEMORY_LIMIT_KIB: i64 = 64 * 1024;

/// What one child process cost.
struct Cost {
    wall: Duration,
    /// User plus system CPU time.
    cpu: Duration,
    /// Peak resident set size in KiB.
    rss_kib: i64,
}

fn duration(tv: libc::timeval) -> Duration {
    Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64)
}

/// Runs a command to completion, returning its output and its cost (from `wait4`
/// on exactly this child).
fn measure(cmd: &mut Command) -> (Run, Cost) {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gongkai");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).unwrap();
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unreaped child; both pointers are valid for writes.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    let status = std::process::ExitStatus::from_raw(status);
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    // The child is reaped; forget it so its Drop does not wait on it again.
    std::mem::forget(child);
    let cost = Cost {
        wall: elapsed,
        cpu: duration(usage.ru_utime) + duration(usage.ru_stime),
        rss_kib: usage.ru_maxrss,
    };
    (run, cost)
}

/// The wall time of checking a trivial valid site right now.
fn baseline_wall() -> Duration {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    let (run, cost) = measure(gongkai().arg("check").arg("--root").arg(f.root()));
    run.assert_exit(0);
    cost.wall
}

/// The peak memory of checking a trivial valid site (measured once): the
/// limits are "beyond the normal build".
fn baseline_rss_kib() -> i64 {
    static RSS: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *RSS.get_or_init(|| {
        let f = Fixture::new();
        f.record("2019/0001", RECORD);
        let (run, cost) = measure(gongkai().arg("check").arg("--root").arg(f.root()));
        run.assert_exit(0);
        cost.rss_kib
    })
}

/// Checks a site, measuring it against a trivial one, up to five times while
/// the wall time is over the limit; returns the fastest run.
fn measure_check(f: &Fixture) -> (Run, Cost, Duration) {
    let _turn = crate::one_at_a_time();
    let mut best: Option<(Run, Cost, Duration)> = None;
    for _ in 0..5 {
        let baseline = baseline_wall();
        let (run, cost) = measure(gongkai().arg("check").arg("--root").arg(f.root()));
        let fast = cost.wall < TIME_LIMIT + baseline;
        if best
            .as_ref()
            .is_none_or(|(_, c, b)| cost.wall.saturating_sub(baseline) < c.wall.saturating_sub(*b))
        {
            best = Some((run, cost, baseline));
        }
        if fast {
            break;
        }
    }
    best.unwrap()
}

/// Checks a site with one hostile record and asserts it ends in `code` within
/// the limits.
#[track_caller]
fn refused_cheaply(yaml: &str, code: &str) {
    let f = Fixture::new();
    f.record("2019/0001", yaml);
    let (run, cost, baseline) = measure_check(&f);
    run.assert_exit(1);
    let lines = run.with_code(code);
    assert_eq!(lines.len(), 1, "expected one {code}:\n{}", run.stderr);
    assert!(
        lines[0].starts_with("content/proposals/2019/0001.yaml:"),
        "{}",
        lines[0]
    );
    checked_within_the_limits(&cost, baseline);
}

/// A check cost within the limits: CPU, wall time beyond `baseline` (a
/// trivial site's), and memory beyond a trivial site's.
#[track_caller]
fn checked_within_the_limits(cost: &Cost, baseline: Duration) {
    assert!(
        cost.cpu < TIME_LIMIT,
        "used {:?} of CPU, over {TIME_LIMIT:?}",
        cost.cpu
    );
    assert!(
        cost.wall < TIME_LIMIT + baseline,
        "took {:?} ({:?} of CPU), over {TIME_LIMIT:?} plus the {baseline:?} a trivial site takes",
        cost.wall,
        cost.cpu
    );
    assert!(
        cost.rss_kib < baseline_rss_kib() + MEMORY_LIMIT_KIB,
        "peak RSS {} KiB, over {MEMORY_LIMIT_KIB} KiB beyond the {} KiB of checking a trivial site",
        cost.rss_kib,
        baseline_rss_kib()
    );
}

/// "Billion laughs": ten levels of nine aliases each, 9^10 strings if expanded.
#[test]
fn alias_expansion_bomb() {
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names: Vec<char> = ('a'..='j').collect();
    for pair in names.windows(2) {
        let (prev, cur) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        yaml.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
    }
    refused_cheaply(&yaml, "E005");
}

/// The same bomb written with mappings, expanded through the `<<` merge key.
#[test]
fn alias_bomb_through_nested_mappings() {
    let mut yaml = String::from("a: &a {x: lol, y: lol, z: lol}\n");
    let names: Vec<char> = ('a'..='l').collect();
    for pair in names.windows(2) {
        let (prev, cur) = (pair[0], pair[1]);
        yaml.push_str(&format!(
            "{cur}: &{cur} {{p: *{prev}, q: *{prev}, r: *{prev}, s: *{prev}, t: *{prev}}}\n"
        ));
    }
    refused_cheaply(&yaml, "E005");
}

#[test]
fn deep_flow_nesting() {
    let depth = 100_000;
    let yaml = format!("title: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    refused_cheaply(&yaml, "E005");
}

#[test]
fn deep_flow_mapping_nesting() {
    let depth = 20_000;
    let yaml = format!("title: {}1{}\n", "{a: ".repeat(depth), "}".repeat(depth));
    refused_cheaply(&yaml, "E005");
}

#[test]
fn deep_block_nesting() {
    // 1,000 levels of indentation: a 1 MB file, each level one mapping.
    let yaml: String = (0..1000)
        .map(|i| format!("{}k:\n", "  ".repeat(i)))
        .collect();
    refused_cheaply(&yaml, "E005");
}

#[test]
fn deep_block_sequences() {
    let yaml: String = (0..1000)
        .map(|i| format!("{}-\n", "  ".repeat(i)))
        .collect();
    refused_cheaply(&format!("outcomes:\n{yaml}"), "E005");
}

/// Nesting a little deeper than any real content is still refused cleanly, not
/// with a crash: the stack is not the limit, the budget is.
#[test]
fn moderate_nesting_is_an_error_not_a_crash() {
    for depth in [17, 40, 60, 100] {
        let yaml: String = (0..depth)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        let f = Fixture::new();
        f.record("2019/0001", &yaml);
        let run = f.check();
        run.assert_exit(1);
        assert_eq!(
            run.with_code("E005").len(),
            1,
            "depth {depth}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn oversized_file() {
    // Over the 5 MiB cap: refused before parsing.
    let yaml = format!("{RECORD}summary: \"{}\"\n", "长".repeat(2 * 1024 * 1024));
    refused_cheaply(&yaml, "E006");
}

#[test]
fn the_file_size_cap_is_configurable() {
    // 2 MiB of text: under the default cap, over a cap of 1 MiB.
    let yaml = format!("{RECORD}summary: \"{}\"\n", "长".repeat(700 * 1024));
    let f = Fixture::new();
    f.record("2019/0001", &yaml);
    f.run(&["check"]).assert_exit(0);
    let run = f.run(&["check", "--max-file-size", "1"]);
    run.assert_exit(1);
    assert_eq!(run.with_code("E006").len(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("--max-file-size"), "{}", run.stderr);
    // And raised: 6 MiB pass with a cap of 8.
    let big = format!("{RECORD}summary: \"{}\"\n", "长".repeat(2 * 1024 * 1024));
    f.record("2019/0001", &big);
    f.run(&["check"]).assert_exit(1);
    f.run(&["check", "--max-file-size", "8"]).assert_exit(0);
    f.run(&["check", "--max-file-size", "0"]).assert_exit(2);
}

#[test]
fn a_title_of_a_million_characters_is_an_error() {
    let yaml = RECORD.replace(
        "title: 关于加快停车场建设的建议",
        &format!("title: {}", "停车".repeat(500_000)),
    );
    refused_cheaply(&yaml, "E042");
}

/// What building a site costs beyond building a trivial one, right now.
fn build_cost_beyond_baseline(f: &Fixture) -> (Run, Cost, Cost) {
    let _turn = crate::one_at_a_time();
    let trivial = Fixture::new();
    trivial.record("2019/0001", RECORD);
    let mut best: Option<(Run, Cost, Cost)> = None;
    for _ in 0..5 {
        let (_, base) = measure(gongkai().arg("build").arg("--root").arg(trivial.root()));
        let (run, cost) = measure(gongkai().arg("build").arg("--root").arg(f.root()));
        let fast = cost.wall < TIME_LIMIT + base.wall;
        if best.as_ref().is_none_or(|(_, c, b)| {
            cost.wall.saturating_sub(base.wall) < c.wall.saturating_sub(b.wall)
        }) {
            best = Some((run, cost, base));
        }
        if fast {
            break;
        }
    }
    best.unwrap()
}

/// A correct build within 1 s and 64 MiB beyond a trivial site's build.
#[track_caller]
fn builds_within_the_limits(yaml: &str) -> Fixture {
    let f = Fixture::new();
    f.record("2019/0001", yaml);
    let (run, cost, base) = build_cost_beyond_baseline(&f);
    run.assert_exit(0);
    assert!(
        cost.wall < TIME_LIMIT + base.wall,
        "took {:?} ({:?} of CPU), over {TIME_LIMIT:?} plus the {:?} a trivial site takes",
        cost.wall,
        cost.cpu,
        base.wall
    );
    assert!(
        cost.rss_kib < base.rss_kib + MEMORY_LIMIT_KIB,
        "peak RSS {} KiB, over {MEMORY_LIMIT_KIB} KiB beyond the {} KiB of a trivial site",
        cost.rss_kib,
        base.rss_kib
    );
    f
}

/// A million characters in a thousand paragraphs: the whole text is published.
#[test]
fn a_million_character_summary_builds_within_the_limits() {
    let paragraph = "区政府高度重视停车设施建设，".repeat(72);
    let summary: Vec<String> = (0..1000).map(|i| format!("  {i}{paragraph}\n")).collect();
    let yaml = format!("{RECORD}summary: |\n{}", summary.join("\n"));
    let f = builds_within_the_limits(&yaml);
    let page = std::fs::read_to_string(f.path("public/proposals/2019/0001/index.html")).unwrap();
    assert!(
        page.contains(&format!("999{paragraph}")),
        "the last paragraph"
    );
    assert!(page.matches("<p>").count() >= 1000);
}

/// One line of a million characters, in a summary.
#[test]
fn a_million_character_line_builds_within_the_limits() {
    let line = "停车".repeat(500_000);
    let f = builds_within_the_limits(&format!("{RECORD}summary: {line}\n"));
    let page = std::fs::read_to_string(f.path("public/proposals/2019/0001/index.html")).unwrap();
    assert!(page.contains(&line));
}

#[test]
fn symlink_loop_under_content_is_an_error() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    std::os::unix::fs::symlink("..", f.path("content/proposals/2019/loop")).unwrap();
    let (run, cost, baseline) = measure_check(&f);
    run.assert_exit(1);
    let lines = run.with_code("E009");
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with("content/proposals/2019/loop: error[E009]: 无法遍历文件夹："),
        "{}",
        lines[0]
    );
    assert!(cost.wall < TIME_LIMIT + baseline, "took {:?}", cost.wall);
}

#[test]
fn a_symlink_cycle_between_two_folders_is_an_error() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    std::fs::create_dir_all(f.path("content/proposals/a")).unwrap();
    std::fs::create_dir_all(f.path("content/proposals/b")).unwrap();
    std::os::unix::fs::symlink("../b", f.path("content/proposals/a/to-b")).unwrap();
    std::os::unix::fs::symlink("../a", f.path("content/proposals/b/to-a")).unwrap();
    let (run, cost, baseline) = measure_check(&f);
    run.assert_exit(1);
    assert!(!run.with_code("E009").is_empty(), "{}", run.stderr);
    assert!(cost.wall < TIME_LIMIT + baseline, "took {:?}", cost.wall);
}

#[test]
fn a_dangling_symlink_is_an_error() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    std::os::unix::fs::symlink("nowhere.yaml", f.path("content/proposals/2019/0002.yaml")).unwrap();
    let run = f.check();
    run.assert_exit(1);
    let lines = run.with_code("E009");
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with("content/proposals/2019/0002.yaml: error[E009]:"),
        "{}",
        lines[0]
    );
}

/// A named pipe called `.yaml` would block the build forever if it were opened.
#[test]
fn a_named_pipe_is_an_error_not_a_hang() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    let pipe = f.path("content/proposals/2019/0002.yaml");
    let c = std::ffi::CString::new(pipe.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let (run, cost, baseline) = measure_check(&f);
    run.assert_only(
        "content/proposals/2019/0002.yaml: error[E018]: 这不是普通文件（而是管道、设备或套接字），无法读取 — 请删除它，或换成普通的 .yaml 文件",
    );
    assert!(cost.wall < TIME_LIMIT + baseline, "took {:?}", cost.wall);
}

/// A wide file (100,000 keys in 1.3 MB, under the size cap) stops at the node
/// budget instead of being parsed and checked key by key.
#[test]
fn wide_flat_mapping() {
    let yaml: String = (0..100_000).map(|i| format!("k{i}: 1\n")).collect();
    refused_cheaply(&yaml, "E005");
}

/// Checks `yaml` as a record, expecting E049s: ten shown, the first at
/// `first` (`line:col`) and the tenth at `tenth`, then `rest` more counted; within the time and memory limits. Issue 16's diagnostics at scale:
/// each number's place and source line cost the file once, not once per
/// number.
#[track_caller]
fn numbers_reported_cheaply(yaml: &str, rest: &str, first: &str, tenth: &str) {
    let f = Fixture::new();
    f.record("2019/0001", yaml);
    let (run, cost, baseline) = measure_check(&f);
    run.assert_exit(1);
    let shown = run.with_code("E049");
    assert_eq!(shown.len(), 10, "{}", run.stderr);
    let at = |pos: &str| format!("content/proposals/2019/0001.yaml:{pos}: error[E049]: ");
    assert!(shown[0].starts_with(&at(first)), "{}", shown[0]);
    assert!(shown[9].starts_with(&at(tenth)), "{}", shown[9]);
    let rest = format!("\nE049 还有 {rest} 处，--verbose 列出全部\n");
    assert!(run.stderr.contains(&rest), "{}", run.stderr);
    checked_within_the_limits(&cost, baseline);
}

/// A contact list pasted into a reply: 20,000 mobile numbers, one a line
/// (2 MB). Each was located by reading the text from its start: 10 s.
#[test]
fn twenty_thousand_mobile_numbers_in_one_reply() {
    let lines: String = (0..20_000)
        .map(|i| format!("  第{i:05}号联系电话138{i:08}。\n"))
        .collect();
    // The summary's first line is line 8 of the file; the number follows 13
    // characters.
    let yaml = format!("{RECORD}summary: |\n{lines}");
    numbers_reported_cheaply(&yaml, "19,990", "9:14", "18:14");
}

/// 20,000 e-mail addresses on one line of 600 KB: each diagnostic copied
/// and masked the whole line (132 of them on a 3 MB line took 5 s and
/// 850 MB).
#[test]
fn twenty_thousand_addresses_on_one_line() {
    let line: String = (0..20_000)
        .map(|i| format!("联系人{i:05}：u{i:05}@example.com；"))
        .collect();
    let yaml = format!("{RECORD}summary: {line}\n");
    // Each entry is 28 characters; an address starts 9 into its entry, after
    // the 9 characters of `summary: `.
    numbers_reported_cheaply(&yaml, "19,990", "8:19", &format!("8:{}", 19 + 9 * 28));
}

/// 5,000 outcomes of 800 bytes, each ending in a mobile number (4 MB): each
/// value was located by reading the file from its start, 5,000 times.
#[test]
fn a_mobile_number_in_each_of_five_thousand_outcomes() {
    let filler = "区政府高度重视，组织相关部门认真研究办理。".repeat(12);
    let outcomes: String = (0..5_000)
        .map(|i| format!("  - text: {filler}联系电话138{i:08}\n"))
        .collect();
    let yaml = format!("{RECORD}outcomes:\n{outcomes}");
    // The outcomes start on line 9; each number follows `  - text: `, the
    // filler (252 characters) and 联系电话.
    numbers_reported_cheaply(&yaml, "4,990", "9:267", "18:267");
}

/// Thousands of wrong fields are listed up to a cap, then counted: the output
/// stays readable and the cost stays small.
#[test]
fn thousands_of_unknown_fields() {
    let yaml: String = (0..5_000).map(|i| format!("k{i}: 1\n")).collect();
    let f = Fixture::new();
    f.record("2019/0001", &yaml);
    let (run, cost, baseline) = measure_check(&f);
    run.assert_exit(1);
    // Four required fields missing (at 1:1), then the first 26 unknown ones,
    // of which the terminal shows ten (issue 16) and counts the rest.
    assert_eq!(run.with_code("E011").len(), 4, "{}", run.stderr);
    assert_eq!(run.with_code("E010").len(), 10, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("\nE010 还有 16 处，--verbose 列出全部\n"),
        "{}",
        run.stderr
    );
    run.assert_headline(
        "content/proposals/2019/0001.yaml:27:1: error[E019]: 此文件还有 4974 处错误未列出 — 请先改正上面列出的错误，再检查一次",
    );
    assert!(
        run.stderr
            .ends_with("错误: 内容有 5004 处错误，未生成网站；输出文件夹保持原样\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.len() < 20_000,
        "{} bytes of output",
        run.stderr.len()
    );
    assert!(cost.cpu < TIME_LIMIT, "used {:?} of CPU", cost.cpu);
    assert!(cost.wall < TIME_LIMIT + baseline, "took {:?}", cost.wall);
}

/// A file that opens but cannot be read is an error naming it. `/proc/self/mem`
/// (which fails every read, even for root) lies outside the site, so a link to it
/// is now refused unread (E029); an unreadable file inside the site needs
/// permissions, which bind only a user other than root.
#[test]
fn a_file_that_cannot_be_read_is_an_error() {
    if !Path::new("/proc/self/mem").exists() {
        panic!("/proc/self/mem is missing: this test needs Linux procfs");
    }
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    std::os::unix::fs::symlink("/proc/self/mem", f.path("content/proposals/2019/0002.yaml"))
        .unwrap();
    f.check().assert_only(
        "content/proposals/2019/0002.yaml: error[E029]: \"content/proposals/2019/0002.yaml\" 是指向站点文件夹之外的链接，不会被读取 — 请把文件复制到站点文件夹内，不要链接外部文件",
    );
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let root = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        == Some("0");
    if root {
        eprintln!("E007 by permissions not checked: running as root");
        return;
    }
    use std::os::unix::fs::PermissionsExt as _;
    let g = Fixture::new();
    g.record("2019/0001", RECORD);
    g.record("2019/0002", RECORD);
    let path = g.path("content/proposals/2019/0002.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    g.check().assert_only(
        "content/proposals/2019/0002.yaml: error[E007]: 无法读取文件：Permission denied (os error 13) — 请检查文件权限",
    );
}

// --- Registers: `import` holds the limits `build` holds ---------------------------
//
// A register arrives by e-mail from another office. Each hostile one below is
// imported into a trivial site and must end within 1 s (CPU, and wall time
// beyond a trivial import) and 64 MiB beyond a trivial import's peak memory.
// The workbooks are written here part by part, with a small zip writer of our
// own so a part can declare any size.

/// One part of a zip archive: its name, its bytes as stored, and what the
/// archive says of it.
struct Part {
    name: String,
    data: Vec<u8>,
    /// 0 stored, 8 deflated.
    method: u16,
    crc: u32,
    /// The expanded size the archive declares (true or not).
    size: u64,
}

impl Part {
    /// A part stored as it is, its size and checksum true.
    fn stored(name: &str, data: impl Into<Vec<u8>>) -> Part {
        let data = data.into();
        let mut crc = flate2::Crc::new();
        crc.update(&data);
        Part {
            name: name.into(),
            size: data.len() as u64,
            crc: crc.sum(),
            method: 0,
            data,
        }
    }
}

/// A zip archive of `parts` (no zip64: every size under 4 GiB).
fn zip(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for p in parts {
        let offset = out.len() as u32;
        let fields = |with: &mut Vec<u8>| {
            with.extend_from_slice(&20u16.to_le_bytes()); // version needed
            with.extend_from_slice(&0u16.to_le_bytes()); // flags
            with.extend_from_slice(&p.method.to_le_bytes());
            with.extend_from_slice(&0u16.to_le_bytes()); // time
            with.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            with.extend_from_slice(&p.crc.to_le_bytes());
            with.extend_from_slice(&(p.data.len() as u32).to_le_bytes());
            with.extend_from_slice(&(p.size as u32).to_le_bytes());
            with.extend_from_slice(&(p.name.len() as u16).to_le_bytes());
            with.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        out.extend_from_slice(b"PK\x03\x04");
        fields(&mut out);
        out.extend_from_slice(p.name.as_bytes());
        out.extend_from_slice(&p.data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        fields(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(p.name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    let n = (parts.len() as u16).to_le_bytes();
    out.extend_from_slice(&n);
    out.extend_from_slice(&n);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#;

/// A cell of inline text.
fn inline(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The register's heading row and one record, as sheet XML rows.
fn register_rows() -> String {
    format!(
        r#"<row r="1">{}{}</row><row r="2">{}{}</row>"#,
        inline("A1", "标题"),
        inline("B1", "办理结果"),
        inline("A2", "关于加快停车场建设的建议"),
        inline("B2", "A")
    )
}

/// A worksheet: `before` the sheet data (a `<dimension>`), `rows` in it.
fn sheet(before: &str, rows: &str) -> String {
    format!("{SHEET_HEAD}{before}<sheetData>{rows}</sheetData></worksheet>")
}

/// The parts of a workbook of one sheet (`sheet1`), with `sheet` as its XML,
/// and `more` parts.
fn workbook(sheet: Part, more: Vec<Part>) -> Vec<u8> {
    let mut parts = vec![
        Part::stored(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        Part::stored(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        Part::stored(
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="登记表" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        Part::stored(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        sheet,
    ];
    parts.extend(more);
    zip(&parts)
}

/// A sheet part whose one cell holds `cell_bytes` bytes of text, deflated:
/// the XML around it, then a mebibyte of `A` compressed once and repeated
/// (each piece ends in a full flush, so each is a complete deflate stream on
/// its own), then the end. The size declared is the true one.
fn bomb_sheet(cell_bytes: u64) -> Part {
    use flate2::{Compress, Compression, FlushCompress};
    let mut deflate = Compress::new(Compression::best(), false);
    let mut piece = |input: &[u8], flush| {
        let mut out = Vec::with_capacity(input.len() / 2 + 1024);
        let before = deflate.total_in();
        deflate.compress_vec(input, &mut out, flush).unwrap();
        assert_eq!(deflate.total_in() - before, input.len() as u64);
        out
    };
    let head = format!(
        "{SHEET_HEAD}<sheetData>{}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>",
        &register_rows()[..register_rows().find("<row r=\"2\">").unwrap()]
    );
    let tail = "</t></is></c></row></sheetData></worksheet>";
    let mebibyte = vec![b'A'; 1 << 20];
    let mut data = piece(head.as_bytes(), FlushCompress::Full);
    let repeated = piece(&mebibyte, FlushCompress::Full);
    let times = cell_bytes >> 20;
    for _ in 0..times {
        data.extend_from_slice(&repeated);
    }
    data.extend(piece(tail.as_bytes(), FlushCompress::Finish));
    Part {
        name: "xl/worksheets/sheet1.xml".into(),
        size: head.len() as u64 + (times << 20) + tail.len() as u64,
        data,
        method: 8,
        crc: 0,
    }
}

fn import_command(f: &Fixture, register: &Path, args: &[&str]) -> Command {
    let mut cmd = gongkai();
    cmd.arg("import")
        .arg(register)
        .args(["--session", "s1"])
        .args(args)
        .arg("--root")
        .arg(f.root());
    cmd
}

/// What a trivial import costs right now: a register of one record.
fn trivial_import() -> Cost {
    let f = Fixture::new();
    let register = f.path("登记表.csv");
    std::fs::write(&register, "标题,办理结果\n关于加快停车场建设的建议,A\n").unwrap();
    let (run, cost) = measure(&mut import_command(&f, &register, &[]));
    run.assert_exit(0);
    cost
}

/// Imports `register` (written into a fresh site under `name`) measured
/// against a trivial import, up to five times while over the wall time;
/// returns the fastest run and the trivial import's cost beside it.
fn measure_import(name: &str, register: &[u8], args: &[&str]) -> (Run, Cost, Cost) {
    let _turn = crate::one_at_a_time();
    let f = Fixture::new();
    let path = f.path(name);
    std::fs::write(&path, register).unwrap();
    let mut best: Option<(Run, Cost, Cost)> = None;
    for _ in 0..5 {
        let base = trivial_import();
        let (run, cost) = measure(&mut import_command(&f, &path, args));
        let fast = cost.wall < TIME_LIMIT + base.wall;
        if best.as_ref().is_none_or(|(_, c, b)| {
            cost.wall.saturating_sub(base.wall) < c.wall.saturating_sub(b.wall)
        }) {
            best = Some((run, cost, base));
        }
        if fast {
            break;
        }
    }
    best.unwrap()
}

/// Asserts a run's cost is within the limits beyond a trivial import's.
#[track_caller]
fn within_import_limits(cost: &Cost, base: &Cost) {
    eprintln!(
        "{}: {:?} wall, {:?} CPU, {} KiB peak; a trivial import: {:?} wall, {} KiB",
        std::panic::Location::caller(),
        cost.wall,
        cost.cpu,
        cost.rss_kib,
        base.wall,
        base.rss_kib
    );
    assert!(
        cost.cpu < TIME_LIMIT,
        "used {:?} of CPU, over {TIME_LIMIT:?}",
        cost.cpu
    );
    assert!(
        cost.wall < TIME_LIMIT + base.wall,
        "took {:?} ({:?} of CPU), over {TIME_LIMIT:?} plus the {:?} a trivial import takes",
        cost.wall,
        cost.cpu,
        base.wall
    );
    assert!(
        cost.rss_kib < base.rss_kib + MEMORY_LIMIT_KIB,
        "peak RSS {} KiB, over {MEMORY_LIMIT_KIB} KiB beyond the {} KiB of a trivial import",
        cost.rss_kib,
        base.rss_kib
    );
}

/// Imports a hostile register and asserts it ends in exactly one diagnostic,
/// the one given (after the file name), within the limits; nothing is written.
#[track_caller]
fn import_refused_cheaply(name: &str, register: &[u8], expected: &str) {
    let (run, cost, base) = measure_import(name, register, &[]);
    run.assert_exit(1);
    let headlines = run.headlines();
    assert_eq!(headlines.len(), 1, "{}", run.stderr);
    assert!(
        headlines[0].ends_with(&format!("{name}: {expected}")),
        "expected\n  …{name}: {expected}\nbut stderr was:\n{}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "nothing is written");
    within_import_limits(&cost, &base);
}

const HINT_SIZED: &str = "请确认文件来源可靠，只保留登记表这一张工作表，另存为 .xlsx 或 .csv 后再导入；确需导入更大的文件，可用 --max-file-size 调高上限（单位 MiB）";
const HINT: &str =
    "请确认文件来源可靠，只保留登记表这一张工作表和其中的数据，另存为 .xlsx 或 .csv 后再导入";

/// The issue's register: 1.5 MB whose one cell expands to 1.5 GB (it made
/// `import` run 64 s and peak at 7.4 GiB). The part's declared size is
/// refused before anything is inflated.
#[test]
fn an_xlsx_zip_bomb_is_refused() {
    let sheet = bomb_sheet(1536 << 20);
    let size = sheet.size;
    let book = workbook(sheet, vec![]);
    assert!(book.len() < 2 << 20, "{} bytes", book.len());
    import_refused_cheaply(
        "登记表.xlsx",
        &book,
        &format!(
            "error[E076]: 登记表超出安全限制：文件里压缩的一部分解压后有 {size} 字节，超过上限 5242880 字节（这样的文件可能是恶意构造的“压缩炸弹”） — {HINT_SIZED}"
        ),
    );
}

/// The same part declaring 5 MiB, just within the limit: inflating stops at
/// the declared size, whatever the part holds.
#[test]
fn an_xlsx_part_that_lies_about_its_size_is_cut_off() {
    let mut sheet = bomb_sheet(1536 << 20);
    sheet.size = 5 << 20;
    import_refused_cheaply(
        "登记表.xlsx",
        &workbook(sheet, vec![]),
        "error[E070]: 无法读取登记表：文件已损坏，或者不是真正的 .xlsx 文件（只是改了扩展名） — 请用 Excel 或 WPS 打开它，另存为 .xlsx 或 .csv（UTF-8 或 GBK 编码）后再导入",
    );
}

/// A cell a million columns to the right; and one at the far corner of
/// Excel's grid, which calamine's dense range would have made 17 billion cells.
#[test]
fn an_xlsx_of_a_million_columns_is_refused() {
    let expected = format!("error[E076]: 登记表超出安全限制：表格超过 1000 列 — {HINT}");
    let far = format!(
        "{}<row r=\"3\">{}</row>",
        register_rows(),
        inline("BDWGN3", "x")
    );
    import_refused_cheaply(
        "登记表.xlsx",
        &workbook(
            Part::stored("xl/worksheets/sheet1.xml", sheet("", &far)),
            vec![],
        ),
        &expected,
    );
    let corner = format!(
        "{}<row r=\"1048576\">{}</row>",
        register_rows(),
        inline("XFD1048576", "x")
    );
    let dimension = r#"<dimension ref="A1:XFD1048576"/>"#;
    import_refused_cheaply(
        "登记表.xlsx",
        &workbook(
            Part::stored("xl/worksheets/sheet1.xml", sheet(dimension, &corner)),
            vec![],
        ),
        &expected,
    );
    // Cells without references, one after another: 200,000 in one row.
    let wide = format!("<row>{}</row>", "<c><v>1</v></c>".repeat(200_000));
    import_refused_cheaply(
        "登记表.xlsx",
        &workbook(
            Part::stored("xl/worksheets/sheet1.xml", sheet("", &wide)),
            vec![],
        ),
        &expected,
    );
}

/// A `<dimension>` of a billion rows costs nothing: the tag is not used, and
/// the register's rows are imported.
#[test]
fn an_xlsx_dimension_of_a_billion_rows_is_ignored() {
    let dimension = r#"<dimension ref="A1:XFD1000000000"/>"#;
    let book = workbook(
        Part::stored(
            "xl/worksheets/sheet1.xml",
            sheet(dimension, &register_rows()),
        ),
        vec![],
    );
    let (run, cost, base) = measure_import("登记表.xlsx", &book, &[]);
    run.assert_exit(0);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stderr);
    within_import_limits(&cost, &base);
    // Reversed, it overflows calamine's arithmetic: a damaged file, not a crash.
    let reversed = r#"<dimension ref="B1000000000:A1"/>"#;
    let (run, cost, base) = measure_import(
        "登记表.xlsx",
        &workbook(
            Part::stored(
                "xl/worksheets/sheet1.xml",
                sheet(reversed, &register_rows()),
            ),
            vec![],
        ),
        &[],
    );
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    within_import_limits(&cost, &base);
}

/// Five mebibytes of nested XML, in the sheet and in the shared texts.
#[test]
fn deeply_nested_xlsx_xml_ends_cheaply() {
    let depth = (5 << 20) / 8;
    let nested = format!("{}{}", "<x>".repeat(depth), "</x>".repeat(depth));
    let rows = format!("<row r=\"1\">{nested}</row>");
    let (run, cost, base) = measure_import(
        "登记表.xlsx",
        &workbook(
            Part::stored("xl/worksheets/sheet1.xml", sheet("", &rows)),
            vec![],
        ),
        &[],
    );
    run.assert_exit(1);
    assert_eq!(run.headlines().len(), 1, "{}", run.stderr);
    assert!(
        run.with_code("E070").len() + run.with_code("E071").len() == 1,
        "{}",
        run.stderr
    );
    within_import_limits(&cost, &base);
    let sst = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1"><si>{nested}</si></sst>"#
    );
    let (run, cost, base) = measure_import(
        "登记表.xlsx",
        &workbook(
            Part::stored("xl/worksheets/sheet1.xml", sheet("", &register_rows())),
            vec![Part::stored("xl/sharedStrings.xml", sst)],
        ),
        &[],
    );
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    within_import_limits(&cost, &base);
}

/// A shared-texts table declaring two billion texts (calamine would reserve
/// room for them all); and one text of 4 MiB repeated in a thousand cells.
#[test]
fn a_huge_shared_strings_table_is_refused() {
    let sst = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="2000000000"><si><t>x</t></si></sst>"#;
    import_refused_cheaply(
        "登记表.xlsx",
        &workbook(
            Part::stored("xl/worksheets/sheet1.xml", sheet("", &register_rows())),
            vec![Part::stored("xl/sharedStrings.xml", sst)],
        ),
        &format!(
            "error[E076]: 登记表超出安全限制：文件声明有 2000000000 段不同的文字，超过上限 500000 — {HINT}"
        ),
    );
    let sst = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1"><si><t>{}</t></si></sst>"#,
        "长".repeat((4 << 20) / 3)
    );
    let cells: String = (1..=1000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    import_refused_cheaply(
        "登记表.xlsx",
        &workbook(
            Part::stored("xl/worksheets/sheet1.xml", sheet("", &cells)),
            vec![Part::stored("xl/sharedStrings.xml", sst)],
        ),
        &format!(
            "error[E076]: 登记表超出安全限制：单元格里的文字合计超过 10485760 字节 — {HINT_SIZED}"
        ),
    );
}

/// Thousands of sheets.
#[test]
fn an_xlsx_of_many_parts_is_refused() {
    let more = (2..=3000)
        .map(|i| Part::stored(&format!("xl/worksheets/sheet{i}.xml"), sheet("", "")))
        .collect();
    import_refused_cheaply(
        "登记表.xlsx",
        &workbook(
            Part::stored("xl/worksheets/sheet1.xml", sheet("", &register_rows())),
            more,
        ),
        &format!(
            "error[E076]: 登记表超出安全限制：文件由超过 2000 个部分组成（工作表、图片等） — {HINT}"
        ),
    );
}

/// The issue's 300 MB CSV (it peaked at 1.7 GB) is refused unread; a CSV
/// within the size limit still may not make a table of millions of cells.
#[test]
fn a_large_csv_is_refused() {
    let _turn = crate::one_at_a_time();
    let f = Fixture::new();
    let path = f.path("登记表.csv");
    // A sparse file: 300 MB that take no disk.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let base = trivial_import();
    let (run, cost) = measure(&mut import_command(&f, &path, &[]));
    run.assert_exit(1);
    assert_eq!(run.headlines().len(), 1, "{}", run.stderr);
    assert!(
        run.headlines()[0].ends_with(&format!(
            "登记表.csv: error[E076]: 登记表超出安全限制：文件有 314572800 字节，超过上限 5242880 字节 — {HINT_SIZED}"
        )),
        "{}",
        run.stderr
    );
    within_import_limits(&cost, &base);
    drop(_turn);
    let commas = format!("标题,办理结果\n关于,A{}x\n", ",".repeat(5_000_000));
    import_refused_cheaply(
        "登记表.csv",
        commas.as_bytes(),
        &format!("error[E076]: 登记表超出安全限制：表格超过 1000 列 — {HINT}"),
    );
    let cells = format!("标题,办理结果\n{}", "1,2,3,4,5,6,7,8,9,0\n".repeat(200_000));
    import_refused_cheaply(
        "登记表.csv",
        cells.as_bytes(),
        &format!("error[E076]: 登记表超出安全限制：表格超过 500000 个单元格 — {HINT}"),
    );
}

/// `--max-file-size` is the register's limit too.
#[test]
fn the_register_size_limit_is_configurable() {
    let f = Fixture::new();
    let path = f.path("登记表.csv");
    let note = "长".repeat(700 * 1024);
    std::fs::write(
        &path,
        format!("标题,办理结果,办理情况\n关于加快停车场建设的建议,A,{note}\n"),
    )
    .unwrap();
    let run = Run::from(&mut import_command(&f, &path, &["--max-file-size", "1"]));
    run.assert_exit(1);
    assert_eq!(run.with_code("E076").len(), 1, "{}", run.stderr);
    let run = Run::from(&mut import_command(&f, &path, &[]));
    run.assert_exit(0);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stderr);
}
