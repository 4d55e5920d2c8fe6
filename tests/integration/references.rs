//! The checks across files and of site.yaml and session files: sessions named
//! by records, reasons for not_feasible, attachments, filing numbers, links,
//! theme, language and slugs, and declared session figures. Like
//! `diagnostics/`, each test asserts the exact first line of the diagnostic.

use crate::support::{Fixture, RECORD};

const R1: &str = "content/proposals/2019/0001.yaml";

#[test]
fn unknown_session() {
    let f = Fixture::with_record(&RECORD.replace("session: s1", "session: s2"));
    f.check().assert_only(&format!(
        "{R1}:2:10: error[E022]: 找不到会议 \"s2\"（content/sessions/s2.yaml 不存在） — 已有的会议：s1"
    ));
    // A near miss gets a did-you-mean.
    let f = Fixture::new();
    f.session("2019-zx-9-3", crate::support::SESSION);
    f.record(
        "2019/0001",
        &RECORD.replace("session: s1", "session: 2019-zx-9-4"),
    );
    f.check().assert_only(&format!(
        "{R1}:2:10: error[E022]: 找不到会议 \"2019-zx-9-4\"（content/sessions/2019-zx-9-4.yaml 不存在） — 是不是想写 \"2019-zx-9-3\"？"
    ));
}

#[test]
fn not_feasible_without_status_reason() {
    let f = Fixture::with_record(&RECORD.replace("status: solved", "status: not_feasible"));
    f.check().assert_only(&format!(
        "{R1}:4:9: error[E023]: 办理结果为“C类（因条件限制暂不能解决）”，但没有填写 status_reason — 请添加一行 status_reason: …，写明原因（答复中怎么说就怎么写）"
    ));
    // With a reason it passes.
    let f = Fixture::with_record(&RECORD.replace(
        "status: solved",
        "status: not_feasible\nstatus_reason: 用地指标不足",
    ));
    f.check().assert_exit(0);
}

#[test]
fn malformed_icp_numbers() {
    for bad in [
        "ICP备2022016438号",
        "鄂ICP备2022016438",
        "鄂ICP备2022016438号-",
        "鄂ICP 备2022016438号-1",
        "鄂ICP证030173号",
    ] {
        let f = Fixture::new();
        f.site(&crate::support::SITE.replace("鄂ICP备2022016438号-1", bad));
        f.check().assert_only(&format!(
            "content/site.yaml:6:8: error[E030]: ICP 备案号 \"{bad}\" 格式不正确 — 应为“省份简称ICP备数字号”，可带 -序号，如 鄂ICP备2022016438号-1"
        ));
    }
}

#[test]
fn malformed_police_numbers() {
    for bad in [
        "鄂公网安备 4201130200012号",
        "公网安备 42011302000122号",
        "鄂公网安备 42011302000122",
        "鄂公安备 42011302000122号",
    ] {
        let f = Fixture::new();
        f.site(&crate::support::SITE.replace("鄂公网安备 42011302000122号", bad));
        f.check().assert_only(&format!(
            "content/site.yaml:7:11: error[E031]: 公安机关备案号 \"{bad}\" 格式不正确 — 应为“省份简称公网安备 14位数字号”，如 鄂公网安备 42011302000122号"
        ));
    }
}

#[test]
fn malformed_site_codes() {
    for bad in ["420113001", "42011300145", "BM12345678", "bm1234567"] {
        let f = Fixture::new();
        f.site(&crate::support::SITE.replace("4201130014", bad));
        f.check().assert_only(&format!(
            "content/site.yaml:8:14: error[E032]: 网站标识码 \"{bad}\" 格式不正确 — 应为 10 位数字，或 bm 加 8 位数字"
        ));
    }
    // Both accepted forms pass.
    for good in ["4201130014", "bm12345678"] {
        // With a record: `check` also follows the home page's link to the list.
        let f = Fixture::new();
        f.record("2019/0001", RECORD);
        f.site(&crate::support::SITE.replace("4201130014", good));
        f.check().assert_exit(0);
    }
}

fn with_attachment(file: &str) -> Fixture {
    Fixture::with_record(&format!(
        "{RECORD}attachments:\n  - title: 答复函\n    file: {file}\n"
    ))
}

const OUTSIDE: &str =
    "指向站点文件夹之外 — 请把附件放在记录文件旁边，不要使用 ..、绝对路径或指向外部的链接";

#[test]
fn attachment_with_dot_dot() {
    let f = with_attachment("../x.pdf");
    // The file exists, inside the site even: `..` is refused as written.
    f.write("content/proposals/x.pdf", b"%PDF-1.4\n");
    f.check().assert_only(&format!(
        "{R1}:10:11: error[E024]: 附件 \"../x.pdf\" {OUTSIDE}"
    ));
}

#[test]
fn attachment_with_an_absolute_path() {
    let outside = tempfile::NamedTempFile::new().unwrap();
    let path = outside.path().display().to_string();
    let f = with_attachment(&path);
    f.check().assert_only(&format!(
        "{R1}:10:11: error[E024]: 附件 \"{path}\" {OUTSIDE}"
    ));
}

#[test]
fn attachment_symlink_pointing_out() {
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), b"secret").unwrap();
    let f = with_attachment("reply.pdf");
    std::os::unix::fs::symlink(outside.path(), f.path("content/proposals/2019/reply.pdf")).unwrap();
    f.check().assert_only(&format!(
        "{R1}:10:11: error[E024]: 附件 \"reply.pdf\" {OUTSIDE}"
    ));
    // A symlink that stays inside the site is fine.
    let f = with_attachment("reply.pdf");
    f.write("files/reply.pdf", b"%PDF-1.4\n");
    std::os::unix::fs::symlink(
        f.path("files/reply.pdf"),
        f.path("content/proposals/2019/reply.pdf"),
    )
    .unwrap();
    f.check().assert_exit(0);
}

#[test]
fn missing_attachment() {
    let f = with_attachment("reply.pdf");
    f.check().assert_only(&format!(
        "{R1}:10:11: error[E025]: 找不到附件文件 \"reply.pdf\" — 请把文件放在记录文件旁边，或修正文件名"
    ));
    f.write("content/proposals/2019/reply.pdf", b"%PDF-1.4\n");
    f.check().assert_exit(0);
}

/// A session declaring `declared` (YAML lines under `declared:`), starting on line 5.
fn session_declaring(declared: &str) -> String {
    format!("{}declared:\n{declared}", crate::support::SESSION)
}

#[test]
fn declared_count_exceeded_by_the_records() {
    let f = Fixture::new();
    f.session("s1", &session_declaring("  proposals: 1\n  key: 0\n"));
    f.record("2019/0001", RECORD);
    f.record("2019/0002", &format!("{RECORD}key: true\n"));
    let run = f.check();
    run.assert_exit(1);
    run.assert_headline(
        "content/sessions/s1.yaml:5:14: error[E040]: 会议声明的提案件数为 1，但记录中有 2 件 — 请核对 declared 中的数字或多出的记录",
    );
    run.assert_headline(
        "content/sessions/s1.yaml:6:8: error[E040]: 会议声明的重点督办件数为 0，但记录中有 1 件 — 请核对 declared 中的数字或多出的记录",
    );
}

#[test]
fn more_not_feasible_records_than_declared() {
    let f = Fixture::new();
    // A partial session (2 of 10 published): only the caps are checked.
    f.session(
        "s1",
        &session_declaring("  proposals: 10\n  not_feasible: 1\n"),
    );
    let nf = RECORD.replace(
        "status: solved",
        "status: not_feasible\nstatus_reason: 用地指标不足",
    );
    f.record("2019/0001", &nf);
    f.record("2019/0002", &nf);
    f.check().assert_only(
        "content/sessions/s1.yaml:6:17: error[E040]: 会议声明的暂不能解决件数为 1，但记录中有 2 件 — 请核对 declared 中的数字或多出的记录",
    );
}

#[test]
fn covering_session_whose_rate_differs() {
    let f = Fixture::new();
    f.session(
        "s1",
        &session_declaring("  proposals: 2\n  reply_rate: 100\n  meeting_rate: 50\n"),
    );
    // Both replied (100% agrees); one met of two is 50% — but both met here.
    let met = format!("{RECORD}met_proposer: true\n");
    f.record("2019/0001", &met);
    f.record("2019/0002", &met);
    f.check().assert_only(
        "content/sessions/s1.yaml:7:17: error[E041]: 记录已覆盖会议的全部件数，但按记录算出的见面率为 100%，与声明的 50% 不符 — 请核对记录或 declared 中的数字",
    );
    f.record("2019/0002", RECORD);
    f.check().assert_exit(0);
}

/// A session file with a mistake still exists: its records are not told that
/// their session does not.
#[test]
fn a_broken_session_file_is_still_a_session() {
    let f = Fixture::with_record(RECORD);
    f.session("s1", "body: 区政协\nyear: 二〇一九\nname: 九届三次会议\n");
    f.check().assert_only(
        "content/sessions/s1.yaml:2:7: error[E013]: 字段 \"year\" 应为整数，实际是文本 \"二〇一九\" — 请按 docs/content.md 中的示例修改",
    );
    f.session("s1", "body: [区政协\n");
    let run = f.check();
    run.assert_exit(1);
    assert_eq!(run.with_code("E001").len(), 1, "{}", run.stderr);
    assert!(run.with_code("E022").is_empty(), "{}", run.stderr);
}

/// A record with a mistake is left out of the session's figures rather than
/// counted with stand-in values; what the complete records exceed is still an error.
#[test]
fn incomplete_records_do_not_skew_the_figures() {
    let f = Fixture::new();
    f.session(
        "s1",
        &format!(
            "{}declared:\n  proposals: 2\n  reply_rate: 100\n",
            crate::support::SESSION
        ),
    );
    f.record("2019/0001", RECORD);
    // Replied, but its date is wrong: counting it as unreplied would claim 50%.
    f.record("2019/0002", &RECORD.replace("2019-09-22", "2019-09-31"));
    let run = f.check();
    run.assert_exit(1);
    assert_eq!(run.headlines().len(), 1, "{}", run.stderr);
    assert_eq!(run.with_code("E014").len(), 1, "{}", run.stderr);

    f.session(
        "s1",
        &format!("{}declared:\n  proposals: 1\n", crate::support::SESSION),
    );
    f.record("2019/0003", RECORD);
    let run = f.check();
    assert_eq!(run.with_code("E040").len(), 1, "{}", run.stderr);
}

#[test]
fn numbers_out_of_range() {
    let f = Fixture::new();
    f.session(
        "s1",
        &format!(
            "{}declared:\n  proposals: -1\n  reply_rate: 101\n",
            crate::support::SESSION
        ),
    );
    let run = f.check();
    run.assert_exit(1);
    run.assert_headline(
        "content/sessions/s1.yaml:5:14: error[E016]: 字段 \"declared.proposals\" 的值 -1 超出范围 — 应在 0–100000000 之间",
    );
    run.assert_headline(
        "content/sessions/s1.yaml:6:15: error[E016]: 字段 \"declared.reply_rate\" 的值 101 超出范围 — 应在 0–100 之间",
    );
}

#[test]
fn missing_site_file_and_content_folder() {
    let f = Fixture::new();
    std::fs::remove_file(f.path("content/site.yaml")).unwrap();
    f.check().assert_only(
        "content/site.yaml: error[E026]: 缺少站点文件 content/site.yaml — 运行 gongkai init 可生成带说明的示例",
    );
    let empty = Fixture::empty();
    let run = empty.check();
    run.assert_only(&format!(
        "error[E027]: 在 {} 下找不到 content 文件夹 — 请用 --root 指定站点文件夹，或运行 gongkai init 新建站点",
        empty.root().display()
    ));
}

#[test]
fn site_yaml_links_theme_language_and_slugs() {
    let f = Fixture::new();
    f.record(
        "2019/0001",
        &RECORD.replace("host_unit:", "topics: [停车设施, 停车场]\nhost_unit:"),
    );
    f.site(&format!(
        "{}language: fr\ntheme: fancy\nnav:\n  - title: 首页\n    url: \"javascript:alert(1)\"\nslugs:\n  停车设施: parking\n  停车场: parking\n  养老: Yang Lao\n",
        crate::support::SITE
    ));
    let run = f.check();
    run.assert_exit(1);
    for expected in [
        "content/site.yaml:9:11: error[E038]: 不支持的语言 \"fr\" — 可用值：en, zh-CN",
        "content/site.yaml:10:8: error[E037]: 找不到主题 \"fancy\" — 请使用 default，或在站点的 themes/fancy/ 下放置主题",
        "content/site.yaml:13:10: error[E036]: 链接 \"javascript:alert(1)\" 无效或不安全 — 请使用站内路径（如 proposals/）或 http(s):// 地址",
        "content/site.yaml:17:7: error[E035]: “养老”的网址名 \"Yang Lao\" 不合规 — 只能使用小写英文字母、数字和 -",
        "content/proposals/2019/0001.yaml:6:9: error[E034]: “停车设施”和“停车场”的网址名都是 \"parking\" — 请在 site.yaml 的 slugs 中为其中一个指定不同的网址名",
    ] {
        run.assert_headline(expected);
    }
    assert_eq!(run.headlines().len(), 5, "{}", run.stderr);
    // A language the site brings its own labels for is fine.
    f.site(&format!("{}language: fr\n", crate::support::SITE));
    f.record("2019/0001", RECORD);
    let en = std::fs::read(crate::support::repo("themes/default/labels/en.yaml")).unwrap();
    f.write("labels/fr.yaml", en);
    f.check().assert_exit(0);
}
