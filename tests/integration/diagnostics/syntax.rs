//! YAML that does not parse: the caret where the mistake is, the cause in
//! Chinese, and no English from the parser.

use super::R1;
use crate::support::{Fixture, RECORD};

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
