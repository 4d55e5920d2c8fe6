//! Fields and their values (unknown, missing, of the wrong type or outside
//! their list), file names and encodings, and the warnings about text.

use super::R1;
use crate::support::{Fixture, RECORD, Run, gongkai};

#[test]
fn unknown_field_with_did_you_mean() {
    let f = Fixture::with_record(&RECORD.replace("title:", "titel:"));
    let run = f.check();
    run.assert_only(&format!(
        "{R1}:3:1: error[E010]: 未知字段 \"titel\" — 是不是想写 \"title\"？"
    ));
    // The misspelt field also leaves the required one missing.
    run.assert_only(&format!(
        "{R1}:1:1: error[E011]: 缺少必填字段 \"title\" — 请添加一行 title: …"
    ));
}

#[test]
fn unknown_field_without_a_close_match_lists_the_fields() {
    let f = Fixture::with_record(&format!("{RECORD}zzz: 1\n"));
    f.check().assert_only(&format!(
        "{R1}:8:1: error[E010]: 未知字段 \"zzz\" — 可用字段：kind, session, title, number, index_no, proposers, key, lead_official, host_unit, co_units, topics, status, status_reason, assigned_on, replied, replied_on, met_proposer, satisfaction, disclosure, disclosure_reason, request, summary, reply, outcomes, published_on, draft, attachments"
    ));
}

#[test]
fn unknown_nested_field() {
    let f = Fixture::with_record(&format!(
        "{RECORD}outcomes:\n  - dat: \"2019-07\"\n    text: 已建成\n"
    ));
    f.check().assert_only(&format!(
        "{R1}:9:5: error[E010]: 未知字段 \"outcomes[0].dat\" — 是不是想写 \"date\"？"
    ));
}

/// A missing field inside a list item: the hint names the line to add and where.
#[test]
fn missing_nested_field_says_where_to_add_it() {
    let f = Fixture::with_record(&format!("{RECORD}outcomes:\n  - heading: 加氢站\n"));
    f.check().assert_only(&format!(
        "{R1}:9:5: error[E011]: 缺少必填字段 \"outcomes[0].text\" — 请在 outcomes[0] 中添加一行 text: …"
    ));
}

#[test]
fn unknown_field_in_english() {
    let f = Fixture::with_record(&RECORD.replace("title:", "titel:"));
    let run = f.run(&["--lang", "en", "check"]);
    run.assert_only(&format!(
        "{R1}:3:1: error[E010]: unknown field \"titel\" — did you mean \"title\"?"
    ));
    assert!(
        run.stderr
            .contains("error: 2 content error(s); nothing was built"),
        "{}",
        run.stderr
    );
}

#[test]
fn wrong_types() {
    let f = Fixture::with_record(
        &RECORD
            .replace("title: 关于加快停车场建设的建议", "title: [关于, 停车]")
            .replace(
                "host_unit: 区交通运输局",
                "host_unit: 区交通运输局\ntopics: 停车设施",
            ),
    );
    let run = f.check();
    run.assert_exit(1);
    run.assert_headline(&format!(
        "{R1}:3:8: error[E013]: 字段 \"title\" 应为文本，实际是列表（每项以 - 开头） — 请按 docs/content.md 中的示例修改"
    ));
    run.assert_headline(&format!(
        "{R1}:7:9: error[E013]: 字段 \"topics\" 应为列表（每项以 - 开头），实际是文本 \"停车设施\" — 请按 docs/content.md 中的示例修改"
    ));
}

#[test]
fn wrong_type_for_a_count() {
    let f = Fixture::new();
    f.session(
        "s1",
        &format!("{}declared:\n  key: 1.5\n", crate::support::SESSION),
    );
    f.check().assert_only(
        "content/sessions/s1.yaml:5:8: error[E013]: 字段 \"declared.key\" 应为整数，实际是数字 \"1.5\" — 请按 docs/content.md 中的示例修改",
    );
    // Numbers too large for an integer are quoted as written, not as the
    // float YAML reads them (18446744073709552000, 1000000000000000000000000000000).
    for written in ["18446744073709551615", "1e30", "-1.0E+3"] {
        let f = Fixture::new();
        f.session(
            "s1",
            &format!("{}declared:\n  key: {written}\n", crate::support::SESSION),
        );
        f.check().assert_only(&format!(
            "content/sessions/s1.yaml:5:8: error[E013]: 字段 \"declared.key\" 应为整数，实际是数字 \"{written}\" — 请按 docs/content.md 中的示例修改",
        ));
    }
}

/// The example of issue 2, to the letter: path, line 12, column 9, code, message.
#[test]
fn bad_enum_value_as_in_the_issue() {
    let f = Fixture::new();
    f.record(
        "2019/0003",
        "kind: proposal
session: s1
title: 关于加快停车场建设的建议
number: 第3号
proposers:
  - 张某某
key: true
host_unit: 区交通运输局
co_units:
  - 区城市管理执法局
topics: [停车设施]
status: resolved
disclosure: public
",
    );
    let run = f.check();
    // A category is one of the site's (site.yaml's `categories`, here the
    // default four): the error names them and guesses the closest.
    let issue = "content/proposals/2019/0003.yaml:12:9: error[E044]: site.yaml 的 categories 中没有 id 为 \"resolved\" 的办理结果分类 — 是不是想写 \"solved\"？可用值：solved, in_progress, not_feasible, reference";
    run.assert_only(issue);
    // The source line is drawn under it with a caret under the value.
    assert!(
        run.stderr
            .contains("12 | status: resolved\n   |         ^^^^^^^^\n"),
        "{}",
        run.stderr
    );

    let en = "content/proposals/2019/0003.yaml:12:9: error[E044]: no category with id \"resolved\" in site.yaml's categories — did you mean \"solved\"? Allowed: solved, in_progress, not_feasible, reference";
    f.run(&["--lang", "en", "check"]).assert_only(en);
    Run::from(
        gongkai()
            .env("LANG", "en_US.UTF-8")
            .args(["check", "--root"])
            .arg(f.root()),
    )
    .assert_only(en);
    // --lang wins over LANG.
    Run::from(
        gongkai()
            .env("LANG", "en_US.UTF-8")
            .args(["--lang", "zh", "check", "--root"])
            .arg(f.root()),
    )
    .assert_only(issue);
}

#[test]
fn bad_enum_values_in_other_fields() {
    let f = Fixture::with_record(&RECORD.replace("kind: proposal", "kind: motion").replace(
        "disclosure: public",
        "disclosure: secret\nsatisfaction: happy",
    ));
    let run = f.check();
    run.assert_exit(1);
    run.assert_headline(&format!(
        "{R1}:1:7: error[E012]: 未知的类型 \"motion\" — 可用值：proposal, recommendation, suggestion, 提案, 委员提案, 建议案, 人大代表建议, 代表建议"
    ));
    run.assert_headline(&format!(
        "{R1}:5:13: error[E012]: 未知的公开方式 \"secret\" — 可用值：public, summary_only, withheld"
    ));
    run.assert_headline(&format!(
        "{R1}:6:15: error[E012]: 未知的满意度 \"happy\" — 可用值：satisfied, basically_satisfied, dissatisfied, pending, 满意, 基本满意, 不满意, 待反馈"
    ));
}

/// A keyword written as a number is an unknown value too, quoted as written.
#[test]
fn a_number_where_a_keyword_belongs() {
    let f = Fixture::with_record(&RECORD.replace("disclosure: public", "disclosure: 2"));
    let run = f.check();
    run.assert_exit(1);
    run.assert_headline(&format!(
        "{R1}:5:13: error[E012]: 未知的公开方式 \"2\" — 可用值：public, summary_only, withheld"
    ));
}

#[test]
fn bad_dates() {
    let f = Fixture::with_record(
        &RECORD
            .replace("2019-09-22", "2019-02-30")
            .replace("host_unit:", "published_on: 2019/9/31\nhost_unit:"),
    );
    let run = f.check();
    run.assert_exit(1);
    run.assert_headline(&format!(
        "{R1}:8:13: error[E014]: 字段 \"replied_on\" 的日期 \"2019-02-30\" 无效 — 请写成 YYYY-MM-DD，如 2019-09-22，且须是 1900–2999 年间真实存在的日期"
    ));
    run.assert_headline(&format!(
        "{R1}:6:15: error[E014]: 字段 \"published_on\" 的日期 \"2019/9/31\" 无效 — 请写成 YYYY-MM-DD，如 2019-09-22，且须是 1900–2999 年间真实存在的日期"
    ));
    assert_eq!(run.with_code("E014").len(), 2, "{}", run.stderr);
}

#[test]
fn bad_partial_date_in_an_outcome() {
    let f = Fixture::with_record(&format!(
        "{RECORD}outcomes:\n  - date: \"2019-13\"\n    text: 已建成\n"
    ));
    f.check().assert_only(&format!(
        "{R1}:9:11: error[E014]: 字段 \"outcomes[0].date\" 的日期 \"2019-13\" 无效 — 请写成 YYYY、YYYY-MM 或 YYYY-MM-DD，如 2019、2019-07 或 2019-09-22，且须是 1900–2999 年间真实存在的日期"
    ));
}

#[test]
fn bad_date_in_english() {
    let f = Fixture::with_record(&RECORD.replace("2019-09-22", "2019-02-30"));
    f.run(&["--lang", "en", "check"]).assert_only(&format!(
        "{R1}:7:13: error[E014]: \"2019-02-30\" is not a valid date for \"replied_on\" — write YYYY-MM-DD, e.g. 2019-09-22, a real calendar date from 1900 to 2999"
    ));
}

#[test]
fn missing_required_fields() {
    let f = Fixture::with_record(&RECORD.replace("disclosure: public\n", ""));
    f.check().assert_only(&format!(
        "{R1}:1:1: error[E011]: 缺少必填字段 \"disclosure\" — 请添加一行 disclosure: …"
    ));
    // A category is not required: a record that states none has none.
    Fixture::with_record(&RECORD.replace("status: solved\n", ""))
        .check()
        .assert_exit(0);
    let f = Fixture::new();
    f.session("s1", "body: 区政协\nname: 九届三次会议\n");
    f.check().assert_only(
        "content/sessions/s1.yaml:1:1: error[E011]: 缺少必填字段 \"year\" — 请添加一行 year: …",
    );
    let f = Fixture::new();
    f.site(&crate::support::SITE.replace("  police: 鄂公网安备 42011302000122号\n", ""));
    f.check().assert_only(
        "content/site.yaml:6:3: error[E011]: 缺少必填字段 \"filing.police\" — 请在 filing 中添加一行 police: …",
    );
}

#[test]
fn empty_required_text() {
    let f =
        Fixture::with_record(&RECORD.replace("title: 关于加快停车场建设的建议", "title: \"  \""));
    f.check().assert_only(&format!(
        "{R1}:3:8: error[E015]: 字段 \"title\" 不能为空 — 请填写内容，或删除这一行"
    ));
}

#[test]
fn file_and_folder_names_outside_the_alphabet() {
    let f = Fixture::new();
    f.record("2019/Bad_Name", RECORD);
    f.record("2019/停车/0001", RECORD);
    f.record("A/0001", RECORD);
    f.record("2019/0001 copy", RECORD);
    f.session("S1", crate::support::SESSION);
    let run = f.check();
    run.assert_exit(1);
    let hint = "— 只能使用小写英文字母、数字和 -，例如 2019/0003.yaml";
    for (file, name) in [
        ("content/proposals/2019/Bad_Name.yaml", "Bad_Name"),
        ("content/proposals/2019/停车", "停车"),
        ("content/proposals/A", "A"),
        ("content/proposals/2019/0001 copy.yaml", "0001 copy"),
        ("content/sessions/S1.yaml", "S1"),
    ] {
        run.assert_headline(&format!(
            "{file}: error[E020]: 文件或文件夹名 \"{name}\" 不合规 {hint}"
        ));
    }
    assert_eq!(run.with_code("E020").len(), 5, "{}", run.stderr);
}

#[test]
fn the_reserved_folder_page() {
    let f = Fixture::new();
    f.record("page/0001", RECORD);
    f.record("page", RECORD);
    // Deeper down, `page` is an ordinary name: /proposals/2019/page/ clashes with nothing.
    f.record("2019/page", RECORD);
    let run = f.check();
    run.assert_exit(1);
    let msg = "error[E021]: 名称 \"page\" 是保留名（分页地址 /proposals/page/N/ 要用） — 请给这个文件或文件夹换一个名称";
    run.assert_headline(&format!("content/proposals/page: {msg}"));
    run.assert_headline(&format!("content/proposals/page.yaml: {msg}"));
    assert_eq!(run.with_code("E021").len(), 2, "{}", run.stderr);
}

#[test]
fn empty_files() {
    let f = Fixture::with_record("");
    f.check().assert_only(&format!(
        "{R1}:1:1: error[E002]: 文件是空的 — 请按 docs/content.md 中的示例填写内容，或删除此文件"
    ));
    let f = Fixture::with_record("# 只有注释\n\n");
    f.check().assert_only(&format!(
        "{R1}:1:1: error[E002]: 文件是空的 — 请按 docs/content.md 中的示例填写内容，或删除此文件"
    ));
}

#[test]
fn a_list_where_a_mapping_belongs() {
    let f = Fixture::with_record("- kind: proposal\n- session: s1\n");
    f.check().assert_only(&format!(
        "{R1}:1:1: error[E003]: 这里应是键值对（字段: 值），实际是列表（每项以 - 开头） — 请写成“字段: 值”的形式，不要以 - 开头"
    ));
    let f = Fixture::new();
    f.site(&crate::support::SITE.replace(
        "filing:\n  icp: 鄂ICP备2022016438号-1\n  police: 鄂公网安备 42011302000122号\n  site_code: \"4201130014\"\n",
        "filing:\n  - 鄂ICP备2022016438号-1\n",
    ));
    f.check().assert_only(
        "content/site.yaml:6:3: error[E003]: “filing” 这里应是键值对（字段: 值），实际是列表（每项以 - 开头） — 请写成“字段: 值”的形式，不要以 - 开头",
    );
    let f = Fixture::with_record(&format!("{RECORD}attachments:\n  - reply.pdf\n"));
    f.check().assert_only(&format!(
        "{R1}:9:5: error[E003]: “attachments[0]” 这里应是键值对（字段: 值），实际是文本 — 请写成“字段: 值”的形式，不要以 - 开头"
    ));
}

#[test]
fn duplicate_keys() {
    let f = Fixture::with_record(&format!("{RECORD}status: in_progress\n"));
    f.check().assert_only(&format!(
        "{R1}:8:1: error[E004]: 字段 \"status\" 重复出现 — 每个字段只能写一次，请删除多余的一处"
    ));
    let f = Fixture::new();
    f.site(&format!(
        "{}  icp: 鄂ICP备2022016438号-2\n",
        crate::support::SITE
    ));
    f.check().assert_only(
        "content/site.yaml:9:3: error[E004]: 字段 \"icp\" 重复出现 — 每个字段只能写一次，请删除多余的一处",
    );
}

#[test]
fn booleans_are_true_or_false_only() {
    let f = Fixture::with_record(&format!("{RECORD}key: yes\nmet_proposer: no\n"));
    let run = f.check();
    run.assert_exit(1);
    run.assert_headline(&format!(
        "{R1}:8:6: error[E013]: 字段 \"key\" 应为 true 或 false，实际是文本 \"yes\" — 请写 true 或 false，也可写 是 或 否（yes、no 不算）"
    ));
    run.assert_headline(&format!(
        "{R1}:9:15: error[E013]: 字段 \"met_proposer\" 应为 true 或 false，实际是文本 \"no\" — 请写 true 或 false，也可写 是 或 否（yes、no 不算）"
    ));
    // `draft: yes` must not silently hide (or publish) a record either.
    let f = Fixture::with_record(&format!("{RECORD}draft: on\n"));
    f.check().assert_only(&format!(
        "{R1}:8:8: error[E013]: 字段 \"draft\" 应为 true 或 false，实际是文本 \"on\" — 请写 true 或 false，也可写 是 或 否（yes、no 不算）"
    ));
}

#[test]
fn many_errors_in_many_files_in_one_run_sorted() {
    let f = Fixture::new();
    f.site(&crate::support::SITE.replace("4201130014", "123"));
    f.session(
        "s1",
        &format!("{}declared:\n  proposals: 1\n", crate::support::SESSION),
    );
    f.record(
        "2019/0002",
        &RECORD.replace("status: solved", "status: done"),
    );
    f.record(
        "2019/0001",
        &RECORD.replace("kind: proposal", "kind: motion"),
    );
    f.record("2019/0010", &RECORD.replace("2019-09-22", "2019-9-31"));
    f.record("2020/0001", &RECORD.replace("session: s1", "session: s9"));
    f.record("2019/0003", "");
    let run = f.check();
    run.assert_exit(1);
    let heads = run.headlines();
    let expected = [
        ("content/proposals/2019/0001.yaml:1:7:", "E012"),
        ("content/proposals/2019/0002.yaml:4:9:", "E044"),
        ("content/proposals/2019/0003.yaml:1:1:", "E002"),
        ("content/proposals/2019/0010.yaml:7:13:", "E014"),
        ("content/proposals/2020/0001.yaml:2:10:", "E022"),
        ("content/site.yaml:8:14:", "E032"),
    ];
    assert_eq!(heads.len(), expected.len(), "{}", run.stderr);
    for (line, (prefix, code)) in heads.iter().zip(expected) {
        assert!(
            line.starts_with(&format!("{prefix} error[{code}]")),
            "{line} should start with {prefix} error[{code}]\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .ends_with("错误: 内容有 6 处错误，未生成网站；输出文件夹保持原样\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn bom_and_crlf_load_with_right_positions() {
    let crlf = RECORD.replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    let f = Fixture::new();
    f.write("content/proposals/2019/0001.yaml", &bytes);
    let mut site = b"\xEF\xBB\xBF".to_vec();
    site.extend_from_slice(crate::support::SITE.replace('\n', "\r\n").as_bytes());
    f.write("content/site.yaml", &site);
    let run = f.build();
    run.assert_exit(0);
    let page = std::fs::read_to_string(f.path("public/proposals/2019/0001/index.html")).unwrap();
    assert!(page.contains("关于加快停车场建设的建议"), "{page}");
    assert!(!page.contains('\u{feff}'));
    assert!(!page.contains("建议\r"), "a CR reached the output");

    // Errors in such a file point at the right line and column.
    let bad = crlf.replace("status: solved", "status: resolved");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(bad.as_bytes());
    f.write("content/proposals/2019/0001.yaml", &bytes);
    let run = f.check();
    run.assert_only(&format!(
        "{R1}:4:9: error[E044]: site.yaml 的 categories 中没有 id 为 \"resolved\" 的办理结果分类 — 是不是想写 \"solved\"？可用值：solved, in_progress, not_feasible, reference"
    ));
    assert!(
        run.stderr.contains("4 | status: resolved\n"),
        "no CR in the snippet: {:?}",
        run.stderr
    );
}

#[test]
fn a_gbk_file_is_refused() {
    // 关于加快停车场建设的建议 in GBK.
    let gbk: &[u8] = b"\xb9\xd8\xd3\xda\xbc\xd3\xbf\xec\xcd\xa3\xb3\xb5\xb3\xa1\xbd\xa8\xc9\xe8\xb5\xc4\xbd\xa8\xd2\xe9";
    let mut bytes = b"kind: proposal\nsession: s1\ntitle: ".to_vec();
    bytes.extend_from_slice(gbk);
    bytes.extend_from_slice(b"\nstatus: solved\ndisclosure: public\n");
    let f = Fixture::new();
    f.write("content/proposals/2019/0001.yaml", &bytes);
    f.check().assert_only(&format!(
        "{R1}: error[E008]: 文件不是 UTF-8 编码 — 请另存为 UTF-8（记事本“另存为”中选择 UTF-8）"
    ));
}

#[test]
fn warnings_do_not_fail_the_build() {
    let f = Fixture::with_record(&RECORD.replace("host_unit: 区交通运输局\n", ""));
    let run = f.build();
    run.assert_exit(0);
    run.assert_headline(&format!(
        "{R1}:1:1: warning[W001]: 没有填写主办单位 host_unit — 建议填写，市民可按单位查找"
    ));
    // --quiet drops warnings.
    let run = f.run(&["--quiet", "build"]);
    run.assert_exit(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

/// A wrong field does not hide the file's other mistakes: the cross-file checks
/// run on the fields that are right.
#[test]
fn one_wrong_field_hides_no_other_mistake() {
    let f = Fixture::with_record(
        "kind: proposal
session: s2
titel: 关于加快停车场建设的建议
status: not_feasible
disclosure: public
host_unit: 区交通运输局
replied_on: 2019-02-30
attachments:
  - title: 答复函
    file: ../x.pdf
",
    );
    let run = f.check();
    run.assert_exit(1);
    let codes: Vec<&str> = run
        .headlines()
        .iter()
        .map(|l| &l[l.find("error[").unwrap() + 6..][..4])
        .collect();
    assert_eq!(
        codes,
        ["E011", "E022", "E010", "E023", "E014", "E024"],
        "{}",
        run.stderr
    );
    // A wrong status_reason is not reported missing; a wrong site field does not
    // hide a malformed filing number.
    let f = Fixture::with_record(&RECORD.replace(
        "status: solved",
        "status: not_feasible\nstatus_reason: [a, b]",
    ));
    let run = f.check();
    run.assert_exit(1);
    assert_eq!(run.with_code("E013").len(), 1, "{}", run.stderr);
    assert!(run.with_code("E023").is_empty(), "{}", run.stderr);
    let f = Fixture::new();
    f.site(
        &crate::support::SITE
            .replace("title: 测试区建议提案办理结果公开", "title: [a]")
            .replace("4201130014", "123"),
    );
    let run = f.check();
    assert_eq!(run.with_code("E013").len(), 1, "{}", run.stderr);
    assert_eq!(run.with_code("E032").len(), 1, "{}", run.stderr);
}

/// A record saved under a name gongkai would skip is an error, not a silently
/// missing record.
#[test]
fn misnamed_yaml_files() {
    let f = Fixture::new();
    for name in ["0001.yml", "0002.YAML", "0003.yaml.txt", "0004.Yaml"] {
        f.write(&format!("content/proposals/2019/{name}"), RECORD);
    }
    f.write("content/sessions/s2.yml", crate::support::SESSION);
    f.write("content/proposals/2019/reply.pdf", b"%PDF");
    let run = f.check();
    run.assert_exit(1);
    let hint = "不在约定位置或扩展名不对 — 记录放在 content/proposals/ 下，会议放在 content/sessions/ 下，扩展名用 .yaml";
    for file in [
        "content/proposals/2019/0001.yml",
        "content/proposals/2019/0002.YAML",
        "content/proposals/2019/0003.yaml.txt",
        "content/proposals/2019/0004.Yaml",
        "content/sessions/s2.yml",
    ] {
        run.assert_headline(&format!("{file}: error[E028]: 文件 \"{file}\" {hint}"));
    }
    assert_eq!(run.headlines().len(), 5, "{}", run.stderr);
}

/// Several required fields missing from one file are each reported, though they
/// share one position.
#[test]
fn every_missing_field_is_listed() {
    let f = Fixture::with_record("kind: proposal\n");
    let run = f.check();
    run.assert_exit(1);
    let missing: Vec<&str> = run.with_code("E011");
    let expected: Vec<String> = ["session", "title", "disclosure"]
        .iter()
        .map(|field| {
            format!("{R1}:1:1: error[E011]: 缺少必填字段 \"{field}\" — 请添加一行 {field}: …")
        })
        .collect();
    assert_eq!(missing, expected, "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("错误: 内容有 3 处错误，未生成网站；输出文件夹保持原样\n"),
        "{}",
        run.stderr
    );
}

/// Columns count characters, not bytes, and the caret sits under the value
/// even after double-width Chinese text on the same line.
#[test]
fn columns_count_characters() {
    let f = Fixture::with_record(
        "{kind: proposal, session: s1, title: 关于停车, status: resolved, disclosure: public, host_unit: 区交通局}\n",
    );
    let run = f.check();
    run.assert_only(&format!(
        "{R1}:1:52: error[E044]: site.yaml 的 categories 中没有 id 为 \"resolved\" 的办理结果分类 — 是不是想写 \"solved\"？可用值：solved, in_progress, not_feasible, reference"
    ));
    // 51 characters before the value, four of them double-width: 55 columns.
    let caret = format!("  | {}^^^^^^^^\n", " ".repeat(55));
    assert!(run.stderr.contains(&caret), "{}", run.stderr);
}

#[test]
fn yaml_files_in_the_wrong_place() {
    let f = Fixture::new();
    f.write("content/0001.yaml", RECORD);
    f.write("content/sessions/2019/s2.yaml", crate::support::SESSION);
    let run = f.check();
    run.assert_exit(1);
    let hint = "不在约定位置或扩展名不对 — 记录放在 content/proposals/ 下，会议放在 content/sessions/ 下，扩展名用 .yaml";
    run.assert_headline(&format!(
        "content/0001.yaml: error[E028]: 文件 \"content/0001.yaml\" {hint}"
    ));
    run.assert_headline(&format!(
        "content/sessions/2019: error[E028]: 文件 \"content/sessions/2019\" {hint}"
    ));
}

#[test]
fn warnings_for_reasons_without_a_category_and_stray_files() {
    // A reason with any category is shown and needs no warning…
    let run = Fixture::with_record(&format!("{RECORD}status_reason: 其余将于明年完成\n")).check();
    run.assert_exit(0);
    assert!(run.headlines().is_empty(), "{}", run.stderr);
    // …one without a category explains none.
    let f = Fixture::with_record(&format!(
        "{}status_reason: 无\n",
        RECORD.replace("status: solved\n", "")
    ));
    f.write("content/notes.txt", "x");
    let run = f.check();
    run.assert_exit(0);
    run.assert_headline(&format!(
        "{R1}:7:16: warning[W002]: 填写了 status_reason，但没有填写办理结果分类 status — 说明会照样显示，但不对应任何分类；请补上 status，或核对这段说明"
    ));
    run.assert_headline(
        "content/notes.txt: warning[W003]: content 中的 \"content/notes.txt\" 不会被使用 — 如无用处可删除",
    );
}

/// Control characters pasted from Word into a text: YAML refuses them, and
/// the parser's own complaint ("a value cannot start with …", at the start of
/// the value) pointed nowhere useful. E059 stands on the first one, names it,
/// counts the rest, and the terminal shows each as its picture: no raw control
/// character, which could beep or start an escape sequence, reaches it.
#[test]
fn control_characters_pasted_into_a_text() {
    let f = Fixture::with_record(&format!(
        "{RECORD}summary: |\n  全区共完成停车泊位11155个。\n  两座停车楼\u{b}已开工，\u{c}充电桩\u{7}7084个\u{1b}[2J。\n"
    ));
    let run = f.check();
    run.assert_only(&format!(
        "{R1}:10:8: error[E059]: 这里有一个看不见的控制字符 U+000B（垂直制表符：从 Word 复制来的手动换行），YAML 文件中不能有；本文件另有 3 处，也要删掉 — 多数编辑器不显示它（下面的原文里标成 ␋）：把光标移到这一列，按 Delete 键删掉；原来是换行的，删掉后按回车；从 Word、PDF 或网页复制的文字常带这种字符"
    ));
    // The caret under the ␋: two spaces of indentation, five wide characters.
    let snippet = format!(
        "10 |   两座停车楼␋已开工，␌充电桩␇7084个␛[2J。\n   | {}^\n",
        " ".repeat(12)
    );
    assert!(run.stderr.contains(&snippet), "{}", run.stderr);
    let raw = |c: char| c.is_control() && c != '\n';
    assert!(!run.stderr.contains(raw), "{:?}", run.stderr);
    // A C1 control, as text converted with the wrong encoding leaves, in a
    // file name as well as in the text: neither reaches the terminal raw.
    let f = Fixture::with_record(RECORD);
    f.record("2019/0002", "kind: proposal\ntitle: 关于\u{9b}停车\n");
    std::fs::write(
        f.root().join("content/proposals/2019/\u{1b}[31m.yaml"),
        "title: x",
    )
    .unwrap();
    let run = f.check();
    run.assert_headline(
        "content/proposals/2019/0002.yaml:2:10: error[E059]: 这里有一个看不见的控制字符 U+009B（C1 控制字符，多见于编码转换出错的文字），YAML 文件中不能有 — 多数编辑器不显示它（下面的原文里标成 �）：把光标移到这一列，按 Delete 键删掉；从 Word、PDF 或网页复制的文字常带这种字符",
    );
    assert!(run.stderr.contains("␛[31m.yaml"), "{}", run.stderr);
    assert!(!run.stderr.contains(raw), "{:?}", run.stderr);
}

/// The same characters written as escapes in quotes (as `gongkai import`
/// writes a cell that held one) are valid YAML: removed with a warning, so no
/// page or data file carries one.
#[test]
fn control_characters_written_as_escapes_are_removed_with_a_warning() {
    let f = Fixture::with_record(&RECORD.replace(
        "title: 关于加快停车场建设的建议",
        "title: \"关于\\v加快\\u000b停车场\\0建设\\x85的\\e建议\\uFFFE\"",
    ));
    let run = f.build();
    run.assert_exit(0);
    run.assert_headline(&format!(
        "{R1}:3:8: warning[W010]: title 含有看不见的控制字符（如 \\v、\\u000b 这样的转义写出的 U+000B），已删除 — 网页会把它显示成方框，订阅和站点地图会因它整个读不出来；请从原文中去掉（多是从 Word 复制来的换行符，要换行请写成真正的换行）"
    ));
    let public = f.root().join("public");
    let page = std::fs::read_to_string(public.join("proposals/2019/0001/index.html")).unwrap();
    // U+0085 is YAML's own line break, not a control it refuses: kept.
    assert!(page.contains("关于加快停车场建设\u{85}的建议"), "{page}");
    // The JSON would write one as an escape (`\u000b`): read its value.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(public.join("data/proposals.json")).unwrap())
            .unwrap();
    assert_eq!(
        json["records"][0]["title"], "关于加快停车场建设\u{85}的建议",
        "{json}"
    );
    for file in ["proposals/2019/0001/index.html", "data/proposals.csv"] {
        let text = std::fs::read_to_string(public.join(file)).unwrap();
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| (c.is_control() && !"\n\t\r\u{85}".contains(c)) || c == '\u{FFFE}')
            .collect();
        assert!(bad.is_empty(), "{file}: {bad:?}");
    }
}

#[test]
fn text_direction_controls_are_removed_with_a_warning() {
    let f = Fixture::with_record(&RECORD.replace(
        "title: 关于加快停车场建设的建议",
        "title: \"关于\u{202e}议建的设建场车停快加\u{2066}x\u{2069}\"",
    ));
    let run = f.build();
    run.assert_exit(0);
    run.assert_headline(&format!(
        "{R1}:3:8: warning[W004]: title 含有改变文字方向的不可见控制字符（如 U+202E），已删除 — 这类字符会让网页上的文字顺序与文件中不同，请从原文中去掉"
    ));
    let page =
        std::fs::read_to_string(f.root().join("public/proposals/2019/0001/index.html")).unwrap();
    assert!(page.contains("关于议建的设建场车停快加x"), "{page}");
    for c in ['\u{202e}', '\u{2066}', '\u{2069}'] {
        assert!(!page.contains(c), "{c:?} in {page}");
    }
}
