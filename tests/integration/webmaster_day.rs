//! Issue 14, the webmaster's day as one walk: init → replace the stand-ins →
//! import a GBK CSV with full-width cells → import it again → import an .xlsx
//! with a title row above the headings (a number already imported, a new one,
//! a cell to fix) → check → publish the drafts → build. No duplicate file, no
//! stand-in published, every diagnostic at the register's real row under its
//! own column name, and every message the webmaster reads is Chinese.

use crate::support::Run;

/// A message line with an English sentence: three ASCII words in a row
/// (commands, field names and paths are single tokens and do not count).
fn english_sentence(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii() || c == ',' || c == '.')
        .any(|run| {
            run.split_whitespace()
                .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() > 1)
                .count()
                >= 3
        })
}

fn chinese_only(run: &Run) {
    for line in run.stderr.lines() {
        // Code snippets under a diagnostic quote the file.
        if line.trim_start().starts_with('|') || line.contains(" | ") {
            continue;
        }
        assert!(
            !english_sentence(line),
            "English in: {line}\n{}",
            run.stderr
        );
    }
}

#[test]
fn the_day_from_init_to_upload() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let gk = |args: &[&str]| {
        let mut cmd = crate::support::gongkai();
        cmd.args(args).arg("--root").arg(&site);
        Run::from(&mut cmd)
    };
    Run::from(crate::support::gongkai().arg("init").arg(&site)).assert_exit(0);
    let first = gk(&["check"]);
    first.assert_exit(0);
    assert!(!first.with_code("W007").is_empty(), "stand-ins are listed");
    chinese_only(&first);
    gk(&["build"]).assert_exit(1);
    crate::support::fill_in(&site);
    for example in ["0001", "0002"] {
        std::fs::remove_file(site.join(format!("content/proposals/2019/{example}.yaml"))).unwrap();
    }

    let csv = "提案号,案由,领衔人,主办单位,办理结果,办复日期,见面,满意度\n\
               第４号,关于增设社区停车位的建议,张三,区交通运输局,Ｂ类,２０１９年９月２２日,是,满意\n\
               １２,关于加强养老服务的建议,李四,区民政局,Ａ,2019.9.25,是,基本满意\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let register = dir.path().join("登记表.csv");
    std::fs::write(&register, &gbk).unwrap();
    let reg = register.to_str().unwrap();
    let imported = gk(&["import", reg, "--session", "2019-zx-9-3"]);
    imported.assert_exit(0);
    chinese_only(&imported);
    assert_eq!(imported.stdout.lines().count(), 2, "{}", imported.stderr);
    // Again, as the messages advise after a correction: nothing new.
    let again = gk(&["import", reg, "--session", "2019-zx-9-3"]);
    again.assert_exit(0);
    chinese_only(&again);
    assert_eq!(again.stdout, "");
    assert_eq!(again.with_code("W006").len(), 2, "{}", again.stderr);

    // The other office's register: an .xlsx whose first row is the table's
    // merged title, a blank row, then the headings (its own words: 案由,
    // 办理类别, 交办日期). 第４号 is imported already; 第13号 is new; the
    // third row's 办理类别 is no category.
    let xlsx = dir.path().join("一览表.xlsx");
    {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet
            .merge_range(0, 0, 0, 5, "2019年区政协提案办理情况一览表", &Format::new())
            .unwrap();
        let rows: [[&str; 6]; 4] = [
            ["序号", "提案号", "案由", "主办单位", "办理类别", "交办日期"],
            [
                "1",
                "第４号",
                "关于增设社区停车位的建议",
                "区交通运输局",
                "Ｂ类",
                "2019.3.20",
            ],
            [
                "2",
                "第１３号",
                "关于建设口袋公园的建议",
                "区园林局",
                "甲",
                "２０１９年３月２０日",
            ],
            [
                "3",
                "第14号",
                "关于修缮人行道的建议",
                "区城管局",
                "待定",
                "",
            ],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32 + 2, c as u16, *cell).unwrap();
            }
        }
        book.save(&xlsx).unwrap();
    }
    let shown = xlsx.display().to_string();
    let other = gk(&["import", xlsx.to_str().unwrap(), "--session", "2019-zx-9-3"]);
    other.assert_exit(1);
    chinese_only(&other);
    assert!(
        other.stderr.contains(&format!(
            "{shown}:3: 列标题在第 3 行；上面 1 行是表格的标题，不导入：“2019年区政协提案办理情况一览表”"
        )),
        "{}",
        other.stderr
    );
    assert_eq!(
        other.with_code("W006"),
        [format!(
            "{shown}:4:2: warning[W006]: 编号 \"第4号\" 已有记录 content/proposals/2019/0004.yaml，这一行未导入，不会重复建档 — 如要用登记表的内容更新这件记录，请加 --force"
        )],
        "{}",
        other.stderr
    );
    let bad = other.with_code("E073");
    assert_eq!(bad.len(), 1, "{}", other.stderr);
    assert!(
        bad[0].starts_with(&format!(
            "{shown}:6:5: error[E073]: “办理类别”的值 \"待定\" 无法识别"
        )),
        "{}",
        other.stderr
    );
    assert!(!other.stderr.contains("“办理结果”"), "{}", other.stderr);
    let new = site.join("content/proposals/2019/0013.yaml");
    assert_eq!(other.stdout.trim(), new.display().to_string());
    let text = std::fs::read_to_string(&new).unwrap();
    for line in [
        "\nnumber: 第13号\n",
        "\nstatus: solved\n",
        "\nassigned_on: 2019-03-20\n",
        "第 5 行导入",
    ] {
        assert!(text.contains(line), "{line:?} missing from\n{text}");
    }

    let check = gk(&["check"]);
    check.assert_exit(0);
    chinese_only(&check);
    assert!(check.stderr.contains("3 件草稿待审核"), "{}", check.stderr);

    let published = gk(&[
        "publish",
        "--session",
        "2019-zx-9-3",
        "--disclosure",
        "public",
    ]);
    published.assert_exit(0);
    chinese_only(&published);
    assert!(
        published.stderr.contains("发布 3 件"),
        "{}",
        published.stderr
    );
    let text = std::fs::read_to_string(site.join("content/proposals/2019/0004.yaml")).unwrap();
    assert!(
        !text.contains("draft: true") && text.contains("\ndisclosure: public\n"),
        "{text}"
    );
    assert!(
        text.contains("\nnumber: 第4号\n") && text.contains("\nreplied_on: 2019-09-22\n"),
        "{text}"
    );

    let built = gk(&["build"]);
    built.assert_exit(0);
    chinese_only(&built);
    assert!(built.headlines().is_empty(), "{}", built.stderr);
    let last = built.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("上传：") && last.contains("不要上传 content"),
        "{last}"
    );
    assert!(!built.stderr.contains("草稿待审核"), "none left");
    let mut names: Vec<String> = std::fs::read_dir(site.join("content/proposals/2019"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["0004.yaml", "0012.yaml", "0013.yaml"],
        "one file a number"
    );
    let mut public = String::new();
    for (path, bytes) in crate::support::files(&site.join("public")) {
        if path.ends_with(".html") || path.ends_with(".json") || path.ends_with(".csv") {
            public.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    for stand_in in gongkai::content::placeholder::MARKERS {
        assert!(!public.contains(stand_in), "{stand_in} published");
    }
    assert!(public.contains("第4号") && !public.contains("第４号"));
}
