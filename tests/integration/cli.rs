//! The command line: `--help` of every command (snapshots, and a check that it
//! names every subcommand and flag clap knows), exit codes, `schema`, and the
//! `init` → `build` and `new` → `check` round trips.

use std::collections::BTreeSet;

use crate::support::{Fixture, RECORD, Run, gongkai};
use gongkai::diagnostic::Lang;

/// Every command, as the words after `gongkai`.
const COMMANDS: [&[&str]; 11] = [
    &[],
    &["build"],
    &["check"],
    &["serve"],
    &["import"],
    &["init"],
    &["publish"],
    &["new"],
    &["new", "record"],
    &["new", "session"],
    &["schema"],
];

/// `gongkai [--lang en] PATH --help`. The Chinese help is asked for with
/// `LANG=zh_CN.UTF-8`, the English one with `--lang en` (the flag wins over
/// `LANG`, as for every other message; `LANG=en_US` alone: see
/// `help_follows_an_english_lang`).
fn help(lang: Lang, path: &[&str]) -> String {
    let mut cmd = gongkai();
    match lang {
        Lang::En => cmd.env("LANG", "zh_CN.UTF-8").args(["--lang", "en"]),
        Lang::Zh => cmd.env("LANG", "zh_CN.UTF-8"),
    };
    let run = Run::from(cmd.args(path).arg("--help"));
    run.assert_exit(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

/// Help speaks the language of the messages: English under an English `LANG`
/// unless `--lang zh` says otherwise; Chinese with no `LANG` at all.
#[test]
fn help_follows_an_english_lang() {
    let run = |lang: Option<&str>, args: &[&str]| {
        let mut cmd = gongkai();
        if let Some(lang) = lang {
            cmd.env("LANG", lang);
        }
        let run = Run::from(cmd.args(args));
        run.assert_exit(0);
        run.stdout
    };
    let english = run(Some("en_US.UTF-8"), &["--help"]);
    assert!(english.contains("\nUsage: gongkai"), "{english}");
    assert!(!english.contains("用法"), "{english}");
    assert!(run(Some("en_US.UTF-8"), &["--lang", "zh", "build", "--help"]).contains("用法："));
    assert!(run(None, &["build", "--help"]).contains("用法："));
}

#[test]
fn help_snapshots() {
    for lang in [Lang::Zh, Lang::En] {
        for path in COMMANDS {
            let tag = match lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            };
            let name = if path.is_empty() {
                format!("help-{tag}")
            } else {
                format!("help-{tag}-{}", path.join("-"))
            };
            insta::assert_snapshot!(name, help(lang, path));
        }
    }
}

/// `gongkai help --help` (or `-h`) is the help of `help` itself, in the
/// language of the messages, exit 0 — not "no command --help"; after a
/// command name, `--help` changes nothing: `help build --help` is `build`'s help.
#[test]
fn help_of_the_help_command() {
    for (lang, tag) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let text = help(lang, &["help"]);
        insta::assert_snapshot!(format!("help-{tag}-help"), text);
        let mut short = gongkai();
        if lang == Lang::En {
            short.args(["--lang", "en"]);
        }
        let run = Run::from(short.args(["help", "-h"]));
        run.assert_exit(0);
        assert_eq!(run.stdout, text, "help -h is help --help");
        assert_eq!(help(lang, &["help", "build"]), help(lang, &["build"]));
    }
}

/// The Chinese help has none of clap's English words, no English value
/// names, and says in Chinese what each command and option does.
#[test]
fn chinese_help_has_no_english_fragments() {
    for path in COMMANDS {
        let text = help(Lang::Zh, path);
        for word in [
            "Usage",
            "Options",
            "Commands",
            "Arguments",
            "Print",
            "[default",
            "Possible values",
            "[env",
            "[OPTIONS]",
            "COMMAND",
            "Global",
            "Exit codes",
            "The ",
        ] {
            assert!(
                !text.contains(word),
                "gongkai {path:?} --help: {word}\n{text}"
            );
        }
        for name in [
            "<DIR>", "<FILE>", "<ID>", "<URL>", "<LANG>", "<MIB>", "<PORT>",
        ] {
            assert!(
                !text.contains(name),
                "gongkai {path:?} --help: {name}\n{text}"
            );
        }
        assert!(text.contains("用法："), "{text}");
        assert!(text.contains("选项"), "{text}");
        assert!(text.contains("显示帮助"), "{text}");
    }
    // -h gives the same help, without the long about.
    let run = Run::from(gongkai().args(["build", "-h"]));
    run.assert_exit(0);
    assert!(
        run.stdout.contains("用法：gongkai build [选项]"),
        "{}",
        run.stdout
    );
}

/// Every command's `--help` names each of its subcommands and each of its
/// options (long and short) and positional arguments, as clap defines them,
/// in both languages.
#[test]
fn help_names_every_subcommand_and_flag() {
    fn visit(lang: Lang, cmd: &clap::Command, path: &mut Vec<String>, seen: &mut BTreeSet<String>) {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = help(lang, &args);
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            assert!(
                text.contains(&format!("  {name} ")),
                "`{} --help` does not name {name}:\n{text}",
                args.join(" ")
            );
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                assert!(
                    text.contains(&format!("--{long}")),
                    "`{} --help` does not name --{long}:\n{text}",
                    args.join(" ")
                );
                seen.insert(format!("--{long}"));
            }
            if let Some(short) = arg.get_short() {
                assert!(
                    text.contains(&format!("-{short},")),
                    "`{} --help` does not name -{short}:\n{text}",
                    args.join(" ")
                );
            }
            if arg.is_positional() {
                let name = arg.get_value_names().unwrap()[0].to_string();
                assert!(
                    text.contains(&format!("<{name}>")) || text.contains(&format!("[{name}]")),
                    "{text}"
                );
            }
            if arg.get_long().is_some() || arg.is_positional() {
                assert!(
                    arg.get_help().is_some(),
                    "{} has no help text",
                    arg.get_id()
                );
            }
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            assert!(sub.get_about().is_some(), "{} has no about", sub.get_name());
            path.push(sub.get_name().to_string());
            visit(lang, sub, path, seen);
            path.pop();
        }
    }
    for lang in [Lang::Zh, Lang::En] {
        let mut cmd = gongkai::cli::command(lang);
        cmd.build();
        let mut seen = BTreeSet::new();
        visit(lang, &cmd, &mut Vec::new(), &mut seen);
        // The flags issue 2 names are among them.
        for flag in [
            "--root",
            "--output-dir",
            "--base-url",
            "--lang",
            "--session",
        ] {
            assert!(seen.contains(flag), "{flag} missing from {seen:?}");
        }
    }
}

/// clap's usage errors are Chinese unless `--lang en`: what is wrong, the
/// usage line, where to read more; exit code 2.
#[test]
fn usage_errors_are_in_chinese() {
    let cases: [(&[&str], &str, &str); 7] = [
        (
            &["build", "--no-such-flag"],
            "错误: 没有 \"--no-such-flag\" 这个选项\n",
            "用法：gongkai build [选项]",
        ),
        (
            &["build", "--root"],
            "错误: --root <文件夹> 后面要写一个值\n",
            // (clap gives no usage line with a wrong value.)
            "",
        ),
        (
            &["--lang", "fr", "check"],
            "错误: \"fr\" 不是 --lang <语言> 可以取的值；可以取：zh、en\n",
            "",
        ),
        (
            &["new", "session", "--year", "99"],
            "错误: \"99\" 不是 --year <年度> 可以取的值 — 要写 1949 到 2999 之间的年份\n",
            "",
        ),
        (
            &["new", "record"],
            "错误: 缺少必须写的参数：--session <编号>\n",
            "用法：gongkai new record",
        ),
        (
            &["bogus"],
            "错误: 没有 \"bogus\" 这条命令\n",
            "用法：gongkai",
        ),
        (
            &["build", "--base-url", "www.example.gov.cn"],
            "错误: \"www.example.gov.cn\" 不是 --base-url <网址> 可以取的值 — 要写完整的 http(s) 网址，不带 ? 和 #，也不带用户名和密码，如 https://www.example.gov.cn/\n",
            "",
        ),
    ];
    for (args, first, usage) in cases {
        let run = Run::from(gongkai().env("LANG", "zh_CN.UTF-8").args(args));
        run.assert_exit(2);
        assert!(run.stderr.starts_with(first), "{args:?}:\n{}", run.stderr);
        assert!(run.stderr.contains(usage), "{args:?}:\n{}", run.stderr);
        assert!(
            run.stderr
                .ends_with("要看详细说明，请在命令后面加 --help。\n"),
            "{args:?}:\n{}",
            run.stderr
        );
        for word in ["error", "Usage", "For more", "tip:", "[OPTIONS]"] {
            assert!(!run.stderr.contains(word), "{args:?}:\n{}", run.stderr);
        }
    }
    // A close miss is suggested.
    let run = Run::from(gongkai().args(["build", "--portabel"]));
    assert!(
        run.stderr.contains("提示：是不是要写 --portable？"),
        "{}",
        run.stderr
    );
    // Without a command: the help, on stderr, exit 2.
    let run = Run::from(gongkai().arg("new"));
    run.assert_exit(2);
    assert!(
        run.stderr.contains("用法：gongkai new [选项] <命令>"),
        "{}",
        run.stderr
    );
    // --lang en: clap's own English.
    let run = Run::from(gongkai().args(["--lang", "en", "build", "--no-such-flag"]));
    run.assert_exit(2);
    assert!(
        run.stderr
            .starts_with("error: unexpected argument '--no-such-flag' found"),
        "{}",
        run.stderr
    );
}

#[test]
fn exit_codes() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    // 0: success.
    f.check().assert_exit(0);
    f.build().assert_exit(0);
    Run::from(gongkai().arg("--version")).assert_exit(0);
    // 1: content errors.
    f.record("2019/0002", "kind: motion\n");
    f.check().assert_exit(1);
    f.build().assert_exit(1);
    std::fs::remove_file(f.path("content/proposals/2019/0002.yaml")).unwrap();
    // 2: usage errors, from clap …
    for args in [
        &["bogus"][..],
        &["build", "--no-such-flag"],
        &["--lang", "fr", "check"],
        &["new", "record"],
        &["init"],
        &[],
        &["new", "session", "--year", "99"],
    ] {
        let run = Run::from(gongkai().args(args));
        run.assert_exit(2);
        // (Without a subcommand clap prints the help instead of an error line.)
        assert!(
            args.is_empty() || run.stderr.starts_with("错误: "),
            "{args:?}: {}",
            run.stderr
        );
    }
    // … and from us: a refused output folder, an existing site, an unknown session.
    f.build_into(&f.path("content")).assert_exit(2);
    let run = Run::from(gongkai().arg("init").arg(f.root()));
    run.assert_exit(2);
    assert_eq!(
        run.stderr,
        format!(
            "错误: {} 中已有 content 文件夹 — 请换一个空文件夹\n",
            f.root().display()
        )
    );
    let run = f.run(&["new", "record", "--session", "s9"]);
    run.assert_exit(2);
    assert_eq!(run.stderr, "错误: 找不到会议 \"s9\" — 已有的会议：s1\n");
    let run = f.run(&["new", "session", "--id", "2020 ZX"]);
    run.assert_exit(2);
    assert_eq!(
        run.stderr,
        "错误: 编号 \"2020 ZX\" 不合规 — 只能使用小写英文字母、数字和 -，如 2020-zx-9-4\n"
    );
    let run = f.run(&["new", "session", "--id", "s1"]);
    run.assert_exit(2);
    assert_eq!(
        run.stderr,
        format!(
            "错误: {} 已存在 — 请换一个名称，或先删除它\n",
            f.path("content/sessions/s1.yaml").display()
        )
    );
}

/// Every `$ref` in a schema value, recursively.
fn refs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", serde_json::Value::String(r)) => out.push(r.clone()),
                    _ => refs(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn schema_describes_every_field() {
    let run = Run::from(gongkai().arg("schema"));
    run.assert_exit(0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let defs = schema["$defs"].as_object().expect("$defs");
    // The field lists of docs/content.md: the public contract.
    let expected: [(&str, &[&str]); 3] = [
        (
            "site",
            &[
                "title",
                "base_url",
                "language",
                "theme",
                "description",
                "owner",
                "operator",
                "filing",
                "contact",
                "nav",
                "copyright",
                "categories",
                "public_contacts",
                "slugs",
                "government_mark_url",
                "error_report_url",
                "feed_entries",
                "reply_within_days",
            ],
        ),
        (
            "session",
            &[
                "body",
                "year",
                "name",
                "overview",
                "methods",
                "shortcomings",
                "next_steps",
                "declared",
            ],
        ),
        (
            "record",
            &[
                "kind",
                "session",
                "title",
                "number",
                "index_no",
                "proposers",
                "key",
                "lead_official",
                "host_unit",
                "co_units",
                "topics",
                "status",
                "status_reason",
                "replied",
                "replied_on",
                "assigned_on",
                "met_proposer",
                "satisfaction",
                "disclosure",
                "disclosure_reason",
                "request",
                "summary",
                "reply",
                "outcomes",
                "published_on",
                "draft",
                "attachments",
            ],
        ),
    ];
    for (kind, fields) in expected {
        let def = &defs[kind];
        let props: BTreeSet<&str> = def["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{kind} has properties"))
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            props,
            fields.iter().copied().collect::<BTreeSet<_>>(),
            "{kind}"
        );
        assert_eq!(
            def["additionalProperties"],
            serde_json::Value::Bool(false),
            "{kind}: unknown fields are errors"
        );
    }
    // Required exactly as the table of docs/content.md says (status_reason is conditional;
    // a fact left out, the category included, is not stated).
    assert_eq!(
        defs["record"]["required"],
        serde_json::json!(["kind", "session", "title", "disclosure"])
    );
    assert_eq!(
        defs["Category"]["required"],
        serde_json::json!(["id", "label"])
    );
    assert_eq!(defs["Outcome"]["required"], serde_json::json!(["text"]));
    assert_eq!(
        defs["session"]["required"],
        serde_json::json!(["body", "year", "name"])
    );
    assert_eq!(
        defs["site"]["required"],
        serde_json::json!(["title", "owner", "operator", "filing"])
    );
    // Nested parts are described too, and every reference resolves.
    for (name, field) in [
        ("Filing", "icp"),
        ("Declared", "reply_rate"),
        ("Outcome", "state"),
        ("Category", "not_feasible"),
        ("Attachment", "file"),
    ] {
        assert!(
            defs[name]["properties"].get(field).is_some(),
            "{name}.{field}"
        );
    }
    // The default categories are the schema's default for `categories`, so
    // editors show the ids a record's `status` may take on a site that lists none.
    let categories = serde_json::to_string(&defs["site"]["properties"]["categories"]).unwrap();
    for keyword in ["solved", "in_progress", "not_feasible", "reference"] {
        assert!(categories.contains(keyword), "{categories}");
    }
    let states = serde_json::to_string(&defs["OutcomeState"]).unwrap();
    for keyword in ["done", "ongoing", "planned"] {
        assert!(states.contains(keyword), "{states}");
    }
    let mut all = Vec::new();
    refs(&schema, &mut all);
    assert!(all.len() > 5, "{all:?}");
    for r in all {
        let name = r
            .strip_prefix("#/$defs/")
            .unwrap_or_else(|| panic!("unexpected $ref {r}"));
        assert!(defs.contains_key(name), "$ref {r} resolves to nothing");
    }
}

#[test]
fn init_then_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let run = Run::from(gongkai().arg("init").arg(&site));
    run.assert_exit(0);
    // The stand-ins init writes (a fake filing number…) are not published.
    // (--verbose: there are more than ten E066, and the filing number's comes
    // after the records'.)
    let run = Run::from(gongkai().args(["build", "--verbose", "--root"]).arg(&site));
    run.assert_exit(1);
    assert!(
        run.with_code("E066")
            .iter()
            .any(|l| l.contains("filing.icp 还是新建站点时写的示例值 \"京ICP备00000000号-1\"")),
        "{}",
        run.stderr
    );
    assert!(!site.join("public").exists());
    crate::support::fill_in(&site);
    let run = Run::from(gongkai().arg("build").arg("--root").arg(&site));
    run.assert_exit(0);
    assert!(run.headlines().is_empty(), "warnings: {}", run.stderr);
    for page in [
        "index.html",
        "proposals/index.html",
        "proposals/2019/0001/index.html",
        "proposals/2019/0002/index.html",
    ] {
        assert!(site.join("public").join(page).is_file(), "{page}");
    }
    // What a build leaves beside public/ is ignored too.
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    let names: Vec<String> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "content" && n != ".gitignore")
        .collect();
    assert!(names.contains(&".public.lock".to_string()), "{names:?}");
    for name in names {
        assert!(
            ignored.lines().any(|l| l == format!("/{name}")),
            "{name} not in {ignored:?}"
        );
    }
    for leftover in [".public.staging", ".public.old"] {
        assert!(
            ignored.lines().any(|l| l == format!("/{leftover}")),
            "{ignored:?}"
        );
    }
}

#[test]
fn new_record_then_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    Run::from(gongkai().arg("init").arg(&site)).assert_exit(0);
    crate::support::fill_in(&site);
    let root = site.to_str().unwrap();

    let run = Run::from(gongkai().args([
        "new",
        "session",
        "--id",
        "2020-zx-9-4",
        "--year",
        "2020",
        "--body",
        "区政协",
        "--root",
        root,
    ]));
    run.assert_exit(0);
    let session = site.join("content/sessions/2020-zx-9-4.yaml");
    assert_eq!(run.stdout, format!("{}\n", session.display()));
    let text = std::fs::read_to_string(&session).unwrap();
    assert!(text.contains("\nyear: 2020\n"), "{text}");
    assert!(
        text.contains("\nname: 九届四次会议\n"),
        "from the id: {text}"
    );
    assert!(text.contains("\nbody: 区政协\n"), "{text}");
    assert!(!text.contains("共承办"), "no made-up sentence: {text}");
    assert!(!run.stderr.contains("draft"), "{}", run.stderr);

    let run =
        Run::from(gongkai().args(["new", "record", "--session", "2020-zx-9-4", "--root", root]));
    run.assert_exit(0);
    let path = site.join("content/proposals/2020/0001.yaml");
    assert_eq!(run.stdout, format!("{}\n", path.display()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\nsession: 2020-zx-9-4\n"), "{text}");
    assert!(text.contains("\ndraft: true\n"), "{text}");
    // Every field is in the scaffold, set or commented out.
    for field in crate::support::record_fields() {
        assert!(
            text.lines().any(|l| l
                .trim_start_matches(['#', ' '])
                .starts_with(&format!("{field}:"))),
            "{field} missing from the scaffold"
        );
    }
    // As a draft it is checked but not published, and said to wait.
    let run = Run::from(gongkai().args(["check", "--root", root]));
    run.assert_exit(0);
    assert!(
        run.stderr.ends_with(
            "1 件草稿待审核（不会发布）：审核后用 gongkai publish 文件… 或 gongkai publish --session 会议编号 发布\n2 件记录，2 个会议，0 个错误，0 个警告\n"
        ),
        "{}",
        run.stderr
    );
    // Filled in and without the draft line, it passes and is published.
    crate::support::fill_in_record(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("\ndraft: true\n", "\n")).unwrap();
    let run = Run::from(gongkai().args(["check", "--root", root]));
    run.assert_exit(0);
    assert!(
        run.stderr
            .ends_with("3 件记录，2 个会议，0 个错误，0 个警告\n"),
        "{}",
        run.stderr
    );

    // The next one gets the next number.
    let run =
        Run::from(gongkai().args(["new", "record", "--session", "2020-zx-9-4", "--root", root]));
    run.assert_exit(0);
    assert!(
        run.stdout.ends_with("content/proposals/2020/0002.yaml\n"),
        "{}",
        run.stdout
    );
}
