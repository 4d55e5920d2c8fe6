//! One test per content problem the core pipeline must refuse (issue 2): each
//! builds a small broken site, runs the real binary, and asserts the exact first
//! line of the diagnostic — file, line, column, code and message. This file has
//! the problems of reading files and of single fields; `references.rs` has the
//! checks across files, of site.yaml and of session figures.

use crate::support::{Fixture, RECORD, Run, gongkai};

const R1: &str = "content/proposals/2019/0001.yaml";

#[test]
fn a_valid_record_passes() {
    let f = Fixture::with_record(RECORD);
    let run = f.check();
    run.assert_exit(0);
    assert!(run.headlines().is_empty(), "{}", run.stderr);
}

/// A field indented under one that has its value already: the caret stands
/// on the line whose indentation is wrong, not on the colon where the parser
/// noticed (issue 14).
#[test]
fn yaml_syntax_errors() {
    let f = Fixture::new();
    f.record("2019/0001", "kind: proposal\n  title: 关于\n");
    f.record(
        "2019/0002",
        "kind: proposal\nsession: s1\ntitle: \"关于停车\nstatus: solved\n",
    );
    let run = f.check();
    run.assert_only(
        "content/proposals/2019/0001.yaml:2:3: error[E057]: 这一行缩进 2 个空格，与上一行的“kind”（缩进 0 个）没有对齐 — 同一层的字段要左边对齐；只有冒号后面空着、在下面几行写内容的字段，下一行才要多缩进",
    );
    assert!(
        run.stderr.contains("2 |   title: 关于\n  |   ^\n"),
        "{}",
        run.stderr
    );
    run.assert_only(
        "content/proposals/2019/0002.yaml:3:8: error[E055]: 从这里开始的引号 \" 没有结束 — 请在这个值的末尾补上 \"；如果不需要引号，把开头的 \" 也删掉",
    );
}

/// `host_unit：区教育局`, typed with a Chinese input method: the caret under
/// the full-width colon, wherever the line is and however the parser took it.
#[test]
fn a_full_width_colon_after_a_field() {
    let message = "error[E050]: “host_unit”后面是中文全角冒号“：” — 字段名后要用英文半角冒号，再加一个空格：host_unit: 区教育局";
    // Inside the file: the parser stops at the start of the line.
    let f = Fixture::with_record(&RECORD.replace("host_unit: 区交通运输局", "host_unit：区教育局"));
    let run = f.check();
    run.assert_only(&format!("{R1}:6:10: {message}"));
    assert!(
        run.stderr
            .contains("6 | host_unit：区教育局\n  |          ^^\n"),
        "{}",
        run.stderr
    );
    // On the first line: the parser stops at the colon of the second.
    let f = Fixture::with_record(&format!("host_unit：区教育局\n{RECORD}"));
    f.check().assert_only(&format!("{R1}:1:10: {message}"));
    // Alone in the file, or at its end: valid YAML (one long text), still wrong.
    let f = Fixture::with_record("host_unit：区教育局\n");
    f.check().assert_only(&format!("{R1}:1:10: {message}"));
    // With a space before it, and in a list item's field.
    let f =
        Fixture::with_record(&RECORD.replace("host_unit: 区交通运输局", "host_unit ：区教育局"));
    f.check().assert_only(&format!("{R1}:6:11: {message}"));
    let f = Fixture::with_record(&format!(
        "{RECORD}outcomes:\n  - date: \"2019-07\"\n    text：已建成\n"
    ));
    f.check().assert_only(&format!(
        "{R1}:10:9: error[E050]: “text”后面是中文全角冒号“：” — 字段名后要用英文半角冒号，再加一个空格：text: 已建成"
    ));
    let f = Fixture::with_record(&RECORD.replace("host_unit: 区交通运输局", "host_unit：区教育局"));
    f.run(&["--lang", "en", "check"]).assert_only(&format!(
        "{R1}:6:10: error[E050]: the colon after \"host_unit\" is a full-width colon (：) — use an ASCII colon and a space: host_unit: 区教育局"
    ));
}

/// A full-width space (U+3000) in the indentation or after a colon.
#[test]
fn a_full_width_space() {
    let message = "error[E051]: 这里有一个全角空格（中文输入法打出的空格） — 缩进和冒号后的空格只能用英文半角空格，请删掉它，改打半角空格";
    // Valid YAML with a key "　session", but not what was meant.
    let f = Fixture::with_record(&RECORD.replace("session: s1", "\u{3000}session: s1"));
    f.check().assert_only(&format!("{R1}:2:1: {message}"));
    let f = Fixture::with_record(&format!(
        "{RECORD}outcomes:\n  - date: \"2019-07\"\n  \u{3000}text: 已建成\n"
    ));
    f.check().assert_only(&format!("{R1}:10:3: {message}"));
    let f = Fixture::with_record(&RECORD.replace("title: ", "title:\u{3000}"));
    f.check().assert_only(&format!("{R1}:3:7: {message}"));
    let f = Fixture::with_record(&format!("{RECORD}topics:\n  -\u{3000}停车设施\n"));
    f.check().assert_only(&format!("{R1}:9:4: {message}"));
}

/// A tab in the indentation: the caret on the tab, also when the parser
/// noticed it at the end of the line above.
#[test]
fn a_tab_for_indentation() {
    let message = "error[E052]: 这里有一个 Tab 字符（制表符） — YAML 只能用空格缩进，请把 Tab 换成空格（每层通常 2 个）";
    let f = Fixture::with_record("kind: proposal\n\tsession: s1\n");
    f.check().assert_only(&format!("{R1}:2:1: {message}"));
    let f = Fixture::with_record(&format!("{RECORD}topics:\n\t- 停车设施\n"));
    f.check().assert_only(&format!("{R1}:9:1: {message}"));
    let f = Fixture::with_record(&format!("{RECORD}summary: |\n  第一段\n\t第二段\n"));
    f.check().assert_only(&format!("{R1}:10:1: {message}"));
}

/// `title:关于…`: the caret on the colon that wants a space after it.
#[test]
fn no_space_after_a_colon() {
    let message = "error[E053]: “title:”的冒号后面缺少空格 — 请在冒号后加一个空格：title: 关于加快停车场建设的建议";
    let f = Fixture::with_record(&RECORD.replace("title: ", "title:"));
    f.check().assert_only(&format!("{R1}:3:6: {message}"));
    let f = Fixture::with_record("title:关于加快停车场建设的建议\n");
    f.check().assert_only(&format!("{R1}:1:6: {message}"));
    // An address in a text is not a field. (It is an office's published
    // address: listed in public_contacts, or E049 would refuse it.)
    let f = Fixture::with_record(&format!(
        "{RECORD}summary: 详见\n  mailto:ban@example.gov.cn\n"
    ));
    f.site(&format!(
        "{}public_contacts: [ban@example.gov.cn]\n",
        crate::support::SITE
    ));
    f.check().assert_exit(0);
}

/// A line of a `|` text indented less than the text's first line ends the
/// text; the caret on that line.
#[test]
fn bad_indentation_under_a_block_text() {
    let f = Fixture::with_record(&format!("{RECORD}summary: |\n  第一段\n 第二段\n"));
    f.check().assert_only(&format!(
        "{R1}:10:2: error[E054]: 这一行缩进 1 个空格，少于“summary: |”下面多行文字第一行的 2 个 — 这段文字的每一行都要至少缩进 2 个空格（空行不限）；不属于这段文字的行，要与“summary: |”左边对齐"
    ));
    let f = Fixture::with_record(&format!("{RECORD}summary: |\n    第一段\n\n第二段\n"));
    f.check().assert_only(&format!(
        "{R1}:11:1: error[E054]: 这一行缩进 0 个空格，少于“summary: |”下面多行文字第一行的 4 个 — 这段文字的每一行都要至少缩进 4 个空格（空行不限）；不属于这段文字的行，要与“summary: |”左边对齐"
    ));
    // A list inside the text is the text's own.
    let f = Fixture::with_record(&format!("{RECORD}summary: |\n  措施：\n  - 新建停车场\n"));
    f.check().assert_exit(0);
}

/// A quote left open; or closed with a Chinese quote, which is text to YAML.
#[test]
fn an_unclosed_quote() {
    let f = Fixture::with_record(
        &RECORD.replace("title: 关于加快停车场建设的建议", "title: '关于停车"),
    );
    f.check().assert_only(&format!(
        "{R1}:3:8: error[E055]: 从这里开始的引号 ' 没有结束 — 请在这个值的末尾补上 '；如果不需要引号，把开头的 ' 也删掉"
    ));
    let chinese = format!(
        "{R1}:3:13: error[E055]: 引号 \" 开始的文字，结尾却是中文引号 ” — 结尾的引号要和开头一样用英文 \"；或者把两个引号都删掉"
    );
    let f = Fixture::with_record(
        &RECORD.replace("title: 关于加快停车场建设的建议", "title: \"关于停车”"),
    );
    f.check().assert_only(&chinese);
    // A later quote closes it lines below, by accident: still the first line.
    let f = Fixture::with_record(&format!(
        "{}summary: \"见附件\"\n",
        RECORD.replace("title: 关于加快停车场建设的建议", "title: \"关于停车”")
    ));
    f.check().assert_only(&chinese);
}

/// A `-` out of line with its list, or where no list can start; and one
/// indented so far that YAML joins it to the item above (`张三 - 李四`).
#[test]
fn a_list_item_at_the_wrong_indent() {
    let f = Fixture::with_record(&format!("{RECORD}proposers:\n  - 张三\n - 李四\n"));
    f.check().assert_only(&format!(
        "{R1}:10:2: error[E056]: 列表项“-”缩进 1 个空格，上面的列表项缩进 2 个 — 同一列表各项的 - 要上下对齐"
    ));
    let f = Fixture::with_record(&format!("{RECORD}proposers:\n  - 张三\n    - 李四\n"));
    f.check().assert_only(&format!(
        "{R1}:10:5: error[E056]: 列表项“-”缩进 4 个空格，上面的列表项缩进 2 个 — 同一列表各项的 - 要上下对齐"
    ));
    let nowhere = "error[E056]: 这里的列表项“-”不属于任何列表：上面的字段已经写了值 — 列表要写在冒号后面空着的字段下面，每项一行，比字段多缩进 2 个空格";
    let f = Fixture::with_record(&format!("{RECORD}proposers: 张三\n- 李四\n"));
    f.check().assert_only(&format!("{R1}:9:1: {nowhere}"));
    let f = Fixture::with_record(&format!("{RECORD}proposers: 张三\n  - 李四\n"));
    f.check().assert_only(&format!("{R1}:9:3: {nowhere}"));
}

/// `: ` inside a value starts a second field to YAML.
#[test]
fn a_colon_and_space_inside_a_value() {
    let f = Fixture::with_record(&RECORD.replace(
        "title: 关于加快停车场建设的建议",
        "title: 关于停车问题: 一点建议",
    ));
    f.check().assert_only(&format!(
        "{R1}:3:14: error[E058]: “title”的值里有“冒号加空格”，会被当成另一个字段 — 请给整个值加上引号，如 title: \"……\"；或把值里的冒号改成中文冒号“：”"
    ));
}

/// Fields out of line: the caret on the line, with the line it should align with.
#[test]
fn a_field_out_of_line() {
    let f = Fixture::with_record(&format!(
        "{RECORD}outcomes:\n  - date: \"2019-07\"\n     text: 已建成\n"
    ));
    f.check().assert_only(&format!(
        "{R1}:10:6: error[E057]: 这一行缩进 5 个空格，与上一行的“date”（缩进 4 个）没有对齐 — 同一层的字段要左边对齐；只有冒号后面空着、在下面几行写内容的字段，下一行才要多缩进"
    ));
    let f = Fixture::with_record(&format!(
        "{RECORD}outcomes:\n  - date: \"2019-07\"\n   text: 已建成\n"
    ));
    f.check().assert_only(&format!(
        "{R1}:10:4: error[E057]: 这一行缩进 3 个空格，与上一行的“date”（缩进 4 个）没有对齐 — 同一层的字段要左边对齐；只有冒号后面空着、在下面几行写内容的字段，下一行才要多缩进"
    ));
}

/// What has no code of its own is E001, its cause said in Chinese.
#[test]
fn other_syntax_errors_are_explained_in_chinese() {
    let f = Fixture::with_record(&RECORD.replace("host_unit: 区交通运输局", "topics: [交通, 停车"));
    f.check().assert_only(&format!(
        "{R1}:6:9: error[E001]: YAML 语法错误：从这里开始的“[”没有配对的“]” — 请在末尾补上“]”；列表也可以不用括号，改成每项一行、以 - 开头"
    ));
    let f = Fixture::with_record(&format!("{RECORD}topics:\n  - 交通\n  -停车\n"));
    f.check().assert_only(&format!(
        "{R1}:10:3: error[E001]: YAML 语法错误：列表项的“-”后面缺少空格 — 请在 - 后面加一个空格，如“- 区财政局”"
    ));
    let f = Fixture::with_record(&RECORD.replace("session: s1", "关于停车"));
    f.check().assert_only(&format!(
        "{R1}:2:1: error[E001]: YAML 语法错误：这一行既不是“字段: 值”，也不是以 - 开头的列表项 — 字段名后要有英文冒号和一个空格；如果这一行是上一行文字的延续，请把整段文字写成 | 多行文字，或写在同一行"
    ));
    let f =
        Fixture::with_record(&RECORD.replace("title: 关于加快停车场建设的建议", "title: @关于"));
    f.run(&["--lang", "en", "check"]).assert_only(&format!(
        "{R1}:3:8: error[E001]: YAML syntax error: a value cannot start with \"@\" — put the whole value in quotes"
    ));
}

/// Broken YAML, at least one file for each kind of error the parser reports
/// (granit-parser's `ErrorKind`, serde-saphyr's `Error`) that a content file can
/// reach, and the mistakes people make.
const BROKEN_YAML: &[&str] = &[
    // Indentation.
    "kind: proposal\n  title: 关于\n",
    "a:\n  b: 1\n c: 2\n",
    "a:\n    b: 1\n  c: 2\n",
    "outcomes:\n  - date: 2019\n   text: x\n",
    "  a: 1\nb: 2\n",
    "- a\n  b: c\n d: e\n",
    "- a\nb: 1\n",
    "a:\n  - b\n  c: d\n",
    // Chinese input.
    "kind: proposal\nhost_unit：区教育局\nstatus: solved\n",
    "host_unit：区教育局\nstatus: solved\n",
    "host_unit：\n  区\n",
    "kind: proposal\n\u{3000}session: s1\n",
    "a: x\n  \u{3000}b: 1\n",
    "title:\u{3000}关于\n",
    "title: \"关于停车”\nstatus: solved\n",
    "title: \"关于停车”\nstatus: solved\nsummary: \"这是\"\n",
    // Tabs, colons, dashes, block texts, quotes.
    "kind: proposal\n\tsession: s1\n",
    "outcomes:\n\t- a\n",
    "summary: |\n\t第一段\n",
    "kind: proposal\ntitle:关于\nstatus: solved\n",
    "title: 关于A: B\n",
    "proposers:\n  - 张三\n - 李四\n",
    "proposers:\n  - 张三\n    - 李四\n",
    "a: b\n  - c\n",
    "a: 1\n- b\n",
    "- a\n-b\n",
    "summary: |\n  第一段\n 第二段\n",
    "summary: >\n    第一段\n\n第二段\nb: 1\n",
    "title: '关于停车\nstatus: solved\n",
    "a: 'it''s\n",
    "a: b\n# c\n  d\n",
    "key: value\nanother\n",
    "a: 1\nb: 2\na: 3\n",
    // Brackets.
    "title: [关于, 停车\n",
    "title: [关于, 停车}\n",
    "title: {a: 1\n",
    "a: ]\n",
    "a: [b: c: d]\n",
    "a: {b:[c]}\n",
    "a: [b, {c: d]\n",
    "a: ,\n",
    "[a, b]: 1\n",
    // Quotes, escapes, comments, special characters.
    "title: \"a\"b\n",
    "title: 'a'b\n",
    "title: \"a\\qb\"\n",
    "a: \"\\uD800\"\n",
    "a: \"x\n---\ny\"\n",
    "a: \"x\"#c\n",
    "a: 1 # x\n b\n",
    "title: @foo\n",
    "title: `foo\n",
    "a: [-[x]]\n",
    "a: \u{feff}b\n",
    // Anchors, tags, directives, documents, merge keys, numbers.
    "title: *foo\n",
    "title: &\n",
    "a: !<foo\n",
    "a: !!binary xyz\n",
    "a: !!int x\n",
    "%YAML 1.2\n%YAML 1.2\n---\na: 1\n",
    "%TAG ! tag:x\n%TAG ! tag:y\n---\na: 1\n",
    "%FOO\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "<<: 1\n",
    "a: .nan\n",
    "a: .inf\n",
    "summary: | 文字\n  x\n",
    "summary: |0\n  x\n",
    // Control characters pasted with the text.
    "summary: |\n  全区共\u{b}完成\n",
    "title: 关于\u{1b}[31m停车\n",
    "a: 1\n# 注释\u{7}\n",
    "title: \"关于\u{85}\u{9b}停车\"\n",
];

/// Every syntax error is told in Chinese: no message for the broken files
/// above holds an English word (four letters or more) that is not in the file
/// itself (a field name the message quotes back); nor does any message the
/// syntax codes and causes can have.
#[test]
fn syntax_errors_hold_no_english_from_the_parser() {
    use gongkai::diagnostic::{Diagnostic, Lang, Problem, Source, SyntaxCause};
    fn english(text: &str, allowed: &str) -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            // What E059 names on purpose: the word processor and the key.
            .filter(|w| {
                w.len() >= 4
                    && !["YAML", "FEFF", "Word", "Delete"].contains(w)
                    && !allowed.contains(w)
            })
            .map(str::to_string)
            .collect()
    }
    let syntax_codes = [
        "E001", "E004", "E005", "E017", "E050", "E051", "E052", "E053", "E054", "E055", "E056",
        "E057", "E058", "E059",
    ];
    let mut seen = std::collections::BTreeSet::new();
    for yaml in BROKEN_YAML {
        let (problem, pos) = gongkai::yaml::parse(yaml)
            .err()
            .unwrap_or_else(|| panic!("{yaml:?} parsed"));
        assert!(
            syntax_codes.contains(&problem.code()),
            "{yaml:?}: {problem:?}"
        );
        assert!(pos.line >= 1 && pos.col >= 1, "{yaml:?}: {pos:?}");
        let source = Source {
            name: "a.yaml".into(),
            text: (*yaml).into(),
        };
        // The headline's `file:line:col: error[E001]:` frame is the same in every language.
        let headline = Diagnostic::at(problem.clone(), &source, pos).headline(Lang::Zh);
        let message = problem.message(Lang::Zh);
        assert!(headline.ends_with(&message), "{headline}");
        assert_eq!(english(&message, yaml), Vec::<String>::new(), "{headline}");
        assert!(message.contains(" — "), "{headline}");
        seen.insert(match problem {
            Problem::Syntax { cause } => format!("{cause:?}"),
            other => other.code().to_string(),
        });
    }
    // The corpus reaches every code and cause (Structure is what is left).
    for code in syntax_codes {
        assert!(
            seen.contains(code) || code == "E001" || code == "E005",
            "no file gives {code}"
        );
    }
    for cause in SyntaxCause::all() {
        // Only the parser's strict indentation mode, which gongkai does not
        // use, reports an under-indented quoted line.
        if cause == SyntaxCause::QuotedIndent {
            continue;
        }
        let message = Problem::Syntax { cause }.message(Lang::Zh);
        assert_eq!(english(&message, ""), Vec::<String>::new(), "{message}");
        let name = format!("{cause:?}");
        let name = name.split([' ', '{']).next().unwrap();
        assert!(
            seen.iter().any(|s| s.starts_with(name)),
            "no file gives {cause:?}"
        );
    }
    for problem in Problem::catalogue() {
        if syntax_codes.contains(&problem.code()) {
            let message = problem.message(Lang::Zh);
            assert_eq!(english(&message, ""), Vec::<String>::new(), "{message}");
        }
    }
}

#[test]
fn two_documents_in_one_file() {
    let f = Fixture::with_record(&format!("{RECORD}---\n{RECORD}"));
    f.check().assert_only(&format!(
        "{R1}:9:1: error[E017]: 文件中有多个 YAML 文档（用 --- 分隔） — 一个文件只写一份内容，请删除 --- 或把后面的部分另存为新文件"
    ));
}

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

/// Every code gongkai can print is asserted by some test under `tests/` (as
/// `[Exxx]` in an expected headline, or `"Exxx"` given to a helper), so a new
/// problem comes with its test.
#[test]
fn every_code_has_a_test() {
    fn read_rs(dir: &std::path::Path, tests: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                read_rs(&path, tests);
            } else if path.extension().is_some_and(|e| e == "rs") {
                tests.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let mut tests = String::new();
    read_rs(&crate::support::repo("tests"), &mut tests);
    assert!(tests.contains("fn every_code_has_a_test"), "read tests/");
    let untested: Vec<&str> = gongkai::diagnostic::Problem::catalogue()
        .iter()
        .map(|p| p.code())
        .filter(|code| {
            !tests.contains(&format!("[{code}]")) && !tests.contains(&format!("\"{code}\""))
        })
        .collect();
    assert!(untested.is_empty(), "no test asserts {untested:?}");
}

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
