//! Issue 14, what a webmaster types: one official number is one record
//! (full-width digits folded), dates as Chinese offices write them, and
//! values written as the site prints them (`status: B类`, `satisfaction: 满意`,
//! `met_proposer: 是`), or refused with a did-you-mean naming the category.

use crate::support::{Fixture, RECORD};

fn record(extra: &str) -> String {
    format!("{RECORD}{extra}")
}

#[test]
fn two_records_with_one_number_are_an_error_naming_both_files() {
    let f = Fixture::new();
    f.record("2019/0004", &record("number: 第4号\n"));
    f.record("2019/0016", &record("number: 第４号\n"));
    // Another kind keeps its own sequence; another session too.
    f.record(
        "2019/0020",
        &record("number: 第4号\n").replace("kind: proposal", "kind: recommendation"),
    );
    f.check().assert_only(
        "content/proposals/2019/0016.yaml:8:9: error[E064]: 同一会议中已有编号为 \"第4号\" 的记录：content/proposals/2019/0004.yaml — 一个编号只能有一件记录；请删去重复的文件，或改正其中一件的编号（第４号、4、0004 算同一个编号）",
    );
    assert_eq!(f.build().code, 1, "build refuses it too");
    assert!(!f.path("public").exists());
}

#[test]
fn numbers_are_published_folded() {
    let f = Fixture::new();
    f.record("2019/0004", &record("number: 第４号\n"));
    f.build().assert_exit(0);
    let page = std::fs::read_to_string(f.path("public/proposals/2019/0004/index.html")).unwrap();
    assert!(page.contains("第4号"), "the number as published");
    assert!(!page.contains("第４号"));
}

#[test]
fn dates_as_offices_write_them() {
    let f = Fixture::new();
    for (i, date) in [
        "２０２３年７月３日",
        "2023.7.10",
        "2023/7/5",
        "2023年6月30日",
    ]
    .iter()
    .enumerate()
    {
        let yaml = RECORD.replace("replied_on: 2019-09-22", &format!("replied_on: {date}"));
        f.record(&format!("2019/000{}", i + 1), &yaml);
    }
    f.build().assert_exit(0);
    let json = std::fs::read_to_string(f.path("public/data/proposals.json")).unwrap();
    for iso in ["2023-07-03", "2023-07-10", "2023-07-05", "2023-06-30"] {
        assert!(json.contains(iso), "{iso} in {json}");
    }
    // Not a real day: still refused.
    f.record(
        "2019/0009",
        &RECORD.replace("replied_on: 2019-09-22", "replied_on: 2023年2月30日"),
    );
    let run = f.check();
    run.assert_exit(1);
    assert_eq!(run.with_code("E014").len(), 1, "{}", run.stderr);
}

#[test]
fn values_as_the_site_prints_them_are_accepted() {
    let f = Fixture::new();
    let printed = RECORD.replace("status: solved", "status: B类")
        + "satisfaction: 满意\nmet_proposer: 是\nreplied: 是\n";
    f.record("2019/0001", &printed);
    f.record(
        "2019/0002",
        &(RECORD.replace("status: solved", "status: 正在解决或列入计划解决")
            + "met_proposer: 否\n"),
    );
    f.record(
        "2019/0003",
        &RECORD
            .replace("status: solved", "status: Ｂ类")
            .replace("kind: proposal", "kind: 建议案"),
    );
    let run = f.build();
    run.assert_exit(0);
    let json = std::fs::read_to_string(f.path("public/data/proposals.json")).unwrap();
    assert_eq!(
        json.matches("B类（正在解决或列入计划解决）").count(),
        3,
        "{json}"
    );
    assert!(
        json.contains("\"satisfied\"") || json.contains("满意"),
        "{json}"
    );
}

#[test]
fn an_ambiguous_category_is_refused_with_its_id_and_wording() {
    let f = Fixture::new();
    f.record(
        "2019/0001",
        &RECORD.replace("status: solved", "status: 计划解决"),
    );
    f.check().assert_only(
        "content/proposals/2019/0001.yaml:4:9: error[E065]: 看不出办理结果 \"计划解决\" 是哪一类 — 是不是想写 in_progress（B类 正在解决或列入计划解决）？可写分类的 id，或网站上印的名称（如 B类）",
    );
    f.record(
        "2019/0001",
        &RECORD.replace("status: solved", "status: 很满意"),
    );
    f.check().assert_only(
        "content/proposals/2019/0001.yaml:4:9: error[E044]: site.yaml 的 categories 中没有 id 为 \"很满意\" 的办理结果分类 — 可用值：solved, in_progress, not_feasible, reference；或在 categories 中添加这个分类",
    );
    f.record(
        "2019/0001",
        &(RECORD.to_string() + "satisfaction: 很满意\n"),
    );
    let run = f.check();
    run.assert_exit(1);
    let e012 = run.with_code("E012");
    assert_eq!(e012.len(), 1, "{}", run.stderr);
    assert!(
        e012[0].contains("满意, 基本满意, 不满意, 待反馈"),
        "{}",
        e012[0]
    );
}

/// `gongkai init` into `dir`.
fn init(dir: &std::path::Path) {
    crate::support::Run::from(crate::support::gongkai().arg("init").arg(dir)).assert_exit(0);
}

#[test]
fn a_reimport_never_makes_a_second_file_for_one_number() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    init(&site);
    let register = dir.path().join("登记表.csv");
    std::fs::write(
        &register,
        "提案号,案由,主办单位\n第４号,关于增设停车位的建议,区交通局\n１２,关于养老服务的建议,区民政局\n",
    )
    .unwrap();
    let import = |extra: &[&str]| {
        let mut cmd = crate::support::gongkai();
        cmd.arg("import")
            .arg(&register)
            .args(["--session", "2019-zx-9-3", "--root"])
            .arg(&site)
            .args(extra);
        crate::support::Run::from(&mut cmd)
    };
    let first = import(&[]);
    first.assert_exit(0);
    let written: Vec<&str> = first.stdout.lines().collect();
    assert_eq!(written.len(), 2, "{}", first.stderr);
    assert!(written[0].ends_with("content/proposals/2019/0004.yaml"));
    assert!(written[1].ends_with("content/proposals/2019/0012.yaml"));
    let text = std::fs::read_to_string(site.join("content/proposals/2019/0004.yaml")).unwrap();
    assert!(text.contains("\nnumber: 第4号\n"), "folded: {text}");

    // The record is moved under another name; the register comes again.
    std::fs::rename(
        site.join("content/proposals/2019/0004.yaml"),
        site.join("content/proposals/2019/0100.yaml"),
    )
    .unwrap();
    let again = import(&[]);
    again.assert_exit(0);
    assert_eq!(again.stdout, "", "nothing written");
    let file = register.display();
    again.assert_headline(&format!(
        "{file}:2:1: warning[W006]: 编号 \"第4号\" 已有记录 content/proposals/2019/0100.yaml，这一行未导入，不会重复建档 — 如要用登记表的内容更新这件记录，请加 --force"
    ));
    assert!(!site.join("content/proposals/2019/0004.yaml").exists());

    // --force updates that record, under its own name.
    std::fs::write(
        &register,
        "提案号,案由,主办单位\n第4号,关于增设停车位的建议（修改）,区交通局\n",
    )
    .unwrap();
    let forced = import(&["--force"]);
    forced.assert_exit(0);
    assert!(
        forced
            .stdout
            .trim()
            .ends_with("content/proposals/2019/0100.yaml"),
        "{}",
        forced.stdout
    );
    let text = std::fs::read_to_string(site.join("content/proposals/2019/0100.yaml")).unwrap();
    assert!(text.contains("（修改）"));
    let names: Vec<_> = std::fs::read_dir(site.join("content/proposals/2019"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!names.contains(&"0004.yaml".to_string()), "{names:?}");

    // A file already holds the name a row would get, under another number:
    // the row is skipped (W071), the file untouched.
    let taken = site.join("content/proposals/2019/0007.yaml");
    let other = std::fs::read_to_string(site.join("content/proposals/2019/0012.yaml"))
        .unwrap()
        .replace("number: 第12号", "number: 第70号");
    std::fs::write(&taken, &other).unwrap();
    std::fs::write(
        &register,
        "提案号,案由,主办单位\n7,关于公园的建议,区园林局\n",
    )
    .unwrap();
    let exists = import(&[]);
    exists.assert_exit(0);
    let w071 = exists.with_code("W071");
    assert_eq!(w071.len(), 1, "{}", exists.stderr);
    assert!(
        w071[0].contains("content/proposals/2019/0007.yaml"),
        "{}",
        exists.stderr
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), other);
    std::fs::remove_file(&taken).unwrap();

    // An imported record whose draft line was deleted by hand but which is
    // still withheld would vanish silently: W008 says so.
    let path = site.join("content/proposals/2019/0012.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("draft: true\n"), "{text}");
    std::fs::write(&path, text.replacen("draft: true\n", "", 1)).unwrap();
    let mut cmd = crate::support::gongkai();
    cmd.args(["check", "--root"]).arg(&site);
    let check = crate::support::Run::from(&mut cmd);
    let w008 = check.with_code("W008");
    assert_eq!(w008.len(), 1, "{}", check.stderr);
    assert!(
        w008[0].starts_with("content/proposals/2019/0012.yaml:"),
        "{}",
        check.stderr
    );
}
