//! Issue 16: thousands of diagnostics. The terminal shows ten of a code and
//! counts the rest; `--verbose` and `check --format json` list them all.

use crate::support::{Fixture, RECORD};

/// 25 records with the same warning (W005), and one with an unknown session
/// (E022) when `error` is set.
fn many_warnings(error: bool) -> Fixture {
    let f = Fixture::new();
    for i in 1..=25 {
        f.record(
            &format!("2019/{i:04}"),
            &format!("{RECORD}disclosure_reason: 涉及正在办理的事项\n"),
        );
    }
    if error {
        f.record("2019/0026", &RECORD.replace("session: s1", "session: s9"));
    }
    f
}

fn w005_at(i: usize) -> String {
    format!(
        "content/proposals/2019/{i:04}.yaml:8:20: warning[W005]: 填写了 disclosure_reason，但公开方式不是 summary_only — 不公开全文的理由只在摘要公开时显示，这里不会显示；请核对 disclosure"
    )
}

/// Issue 16: at most ten of a code on the terminal, the first ten by file,
/// then one line with the count of the rest; the summary counts them all.
#[test]
fn the_terminal_shows_ten_of_a_code_and_counts_the_rest() {
    let f = many_warnings(false);
    for run in [f.check(), f.build()] {
        run.assert_exit(0);
        let expected: Vec<String> = (1..=10).map(w005_at).collect();
        assert_eq!(run.with_code("W005"), expected, "{}", run.stderr);
        assert_eq!(
            run.stderr
                .lines()
                .filter(|l| l.starts_with("W005 "))
                .collect::<Vec<_>>(),
            vec!["W005 还有 15 处，--verbose 列出全部"],
            "{}",
            run.stderr
        );
        // The snippet is still drawn for the ten shown.
        assert_eq!(run.stderr.matches("8 | disclosure_reason: ").count(), 10);
    }
    let check = f.check();
    assert!(
        check
            .stderr
            .ends_with("25 件记录，1 个会议，0 个错误，25 个警告\n"),
        "{}",
        check.stderr
    );
    // The same input lists the same ten in the same order.
    assert_eq!(f.check().stderr, check.stderr);
    let en = f.run(&["--lang", "en", "check"]);
    assert!(
        en.stderr
            .contains("\nW005: 15 more; --verbose lists them all\n"),
        "{}",
        en.stderr
    );
}

#[test]
fn verbose_lists_every_diagnostic() {
    let f = many_warnings(false);
    for command in ["check", "build"] {
        let run = f.run(&["--verbose", command]);
        run.assert_exit(0);
        let expected: Vec<String> = (1..=25).map(w005_at).collect();
        assert_eq!(run.with_code("W005"), expected, "{}", run.stderr);
        assert!(!run.stderr.contains("还有"), "{}", run.stderr);
    }
    // --quiet drops warnings and their count line alike.
    let quiet = f.run(&["--quiet", "build"]);
    assert_eq!(quiet.stderr, "");
}

/// `check --format json`: every diagnostic, one JSON object a line on stdout,
/// in the terminal's order; the exit code as without it.
#[test]
fn check_as_json_lists_every_diagnostic_one_a_line() {
    let f = many_warnings(true);
    let run = f.run(&["check", "--format", "json"]);
    run.assert_exit(1);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 26, "{}", run.stdout);
    for (i, v) in lines.iter().take(25).enumerate() {
        assert_eq!(v["code"], "W005");
        assert_eq!(v["severity"], "warning");
        assert_eq!(
            v["file"],
            format!("content/proposals/2019/{:04}.yaml", i + 1)
        );
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(8), Some(20))
        );
        assert_eq!(
            v["message"],
            "填写了 disclosure_reason，但公开方式不是 summary_only"
        );
        assert_eq!(
            v["hint"],
            "不公开全文的理由只在摘要公开时显示，这里不会显示；请核对 disclosure"
        );
    }
    let error = &lines[25];
    assert_eq!(error["code"], "E022");
    assert_eq!(error["severity"], "error");
    assert_eq!(error["file"], "content/proposals/2019/0026.yaml");
    assert_eq!(error["line"], 2);
    // Nothing but the summary goes to stderr; the same output every time.
    assert!(!run.stderr.contains("[W005]"), "{}", run.stderr);
    assert_eq!(f.run(&["check", "--format", "json"]).stdout, run.stdout);
    // Without the error: exit 0, the 25 warnings.
    let f = many_warnings(false);
    let run = f.run(&["check", "--format", "json"]);
    run.assert_exit(0);
    assert_eq!(run.stdout.lines().count(), 25);
}
