//! `gongkai import` on registers the tests make: a GBK CSV (as Excel on Chinese
//! Windows saves it) and an .xlsx workbook with date cells. Round trip: import,
//! build (drafts publish nothing), review (flags changed), build again.

use crate::support::{init_site_in_temp, lossy};

const SESSION: &str = "2019-zx-9-3";

const CSV: &str = "提案号,案由,领衔人,主办单位,协办单位,办理结果（A/B/C）,办复日期,类别,重点,见面,满意度,暂不能解决原因,备注\n\
第12号,关于增设社区停车位的建议,张某某、李某某,区交通局,区城管局、区住建局,A,2019/9/22,停车设施,是,是,满意,,\n\
第13号,关于加强养老服务的建议,王某某,区民政局,,乙,2019年9月25日,养老服务,否,√,基本满意,,第二页\n\
第14号,关于建设地铁的建议,赵某某,区发改局,,C,2019-09-30,公共交通,,否,不满意,受资金条件限制，已列入远期规划,\n\
第15号,关于“智慧城市”建设的建议,陈某某,区数据局,,X,2019-10-01,智慧城市,,,,,\n\
第16号,关于修缮公园的建议,周某某,区园林局,,B,九月底,城市管理,,,,,\n\
,,,,,,,,,,,,\n";

/// `gongkai import REGISTER --session SESSION` in the site folder `site`.
fn import(site: &std::path::Path, register: &std::path::Path) -> std::process::Output {
    crate::support::gongkai_in(
        site,
        &["import", register.to_str().unwrap(), "--session", SESSION],
    )
}

#[test]
fn imports_a_gbk_csv_as_drafts_and_round_trips_through_review_and_build() {
    let (dir, site) = init_site_in_temp();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(CSV);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the fixture really is GBK"
    );
    let register = dir.path().join("登记表.csv");
    std::fs::write(&register, &gbk).unwrap();

    let out = import(&site, &register);
    let err = lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "two rows could not be mapped: {err}"
    );
    let written: Vec<String> = lossy(&out.stdout).lines().map(str::to_string).collect();
    assert_eq!(written.len(), 3, "{written:?}\n{err}");
    assert!(
        written[0].ends_with("content/proposals/2019/0012.yaml"),
        "{written:?}"
    );
    // Unmappable rows: row number, column, what is wrong.
    let file = register.display().to_string();
    assert!(
        err.contains(&format!(
            "{file}:5:6: error[E073]: “办理结果（A/B/C）”的值 \"X\" 无法识别"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{file}:6:7: error[E073]")), "{err}");
    assert!(
        err.contains(&format!("{file}:1:13: warning[W070]")),
        "备注 is not imported: {err}"
    );
    assert!(err.contains("读取 5 行：导入 3 件草稿记录"), "{err}");

    let first = std::fs::read_to_string(site.join("content/proposals/2019/0012.yaml")).unwrap();
    for line in [
        "kind: proposal",
        "session: 2019-zx-9-3",
        "title: 关于增设社区停车位的建议",
        "number: 第12号",
        "  - 张某某\n  - 李某某",
        "key: true",
        "host_unit: 区交通局",
        "co_units:\n  - 区城管局\n  - 区住建局",
        "topics:\n  - 停车设施",
        "status: solved",
        "replied_on: 2019-09-22",
        "met_proposer: true",
        "satisfaction: satisfied",
        "draft: true",
        "disclosure: withheld",
    ] {
        assert!(first.contains(line), "{line:?} missing from\n{first}");
    }
    let third = std::fs::read_to_string(site.join("content/proposals/2019/0014.yaml")).unwrap();
    assert!(
        third.contains("status: not_feasible\nstatus_reason: 受资金条件限制，已列入远期规划"),
        "{third}"
    );
    // Stated no is written as no; an empty cell (重点) is not written at all.
    assert!(third.contains("met_proposer: false"), "{third}");
    assert!(!third.contains("key:"), "{third}");
    let second = std::fs::read_to_string(site.join("content/proposals/2019/0013.yaml")).unwrap();
    assert!(second.contains("key: false"), "{second}");

    // Drafts: the site builds, and publishes none of them.
    let built = crate::support::gongkai_in(&site, &["build"]);
    assert!(built.status.success(), "{}", lossy(&built.stderr));
    assert!(!site.join("public/proposals/2019/0012").exists());

    // Nothing is overwritten without --force.
    std::fs::write(
        site.join("content/proposals/2019/0012.yaml"),
        first.replace("区交通局", "区交通运输局"),
    )
    .unwrap();
    let again = import(&site, &register);
    let err = lossy(&again.stderr);
    assert!(
        err.contains("warning[W006]: 编号 \"第12号\" 已有记录 content/proposals/2019/0012.yaml"),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(site.join("content/proposals/2019/0012.yaml"))
            .unwrap()
            .contains("区交通运输局")
    );
    let forced = crate::support::gongkai_in(
        &site,
        &[
            "import",
            register.to_str().unwrap(),
            "--session",
            SESSION,
            "--force",
        ],
    );
    assert_eq!(lossy(&forced.stdout).lines().count(), 3);
    assert!(
        std::fs::read_to_string(site.join("content/proposals/2019/0012.yaml"))
            .unwrap()
            .contains("host_unit: 区交通局")
    );

    // Review: publish two of them, one in summary only.
    for (name, disclosure) in [("0012", "public"), ("0013", "summary_only")] {
        let p = site.join(format!("content/proposals/2019/{name}.yaml"));
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(
            &p,
            t.replace("draft: true\n", "")
                .replace("disclosure: withheld", &format!("disclosure: {disclosure}")),
        )
        .unwrap();
    }
    let checked = crate::support::gongkai_in(&site, &["check"]);
    assert!(checked.status.success(), "{}", lossy(&checked.stderr));
    let built = crate::support::gongkai_in(&site, &["build"]);
    assert!(built.status.success(), "{}", lossy(&built.stderr));
    let page = std::fs::read_to_string(site.join("public/proposals/2019/0012/index.html")).unwrap();
    assert!(page.contains("关于增设社区停车位的建议"));
    assert!(site.join("public/proposals/2019/0013/index.html").exists());
    assert!(
        !site.join("public/proposals/2019/0014").exists(),
        "still a draft"
    );
}

#[test]
fn imports_an_xlsx_workbook_with_date_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    let (dir, site) = init_site_in_temp();
    let register = dir.path().join("register.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let headers = [
        "编号",
        "标题",
        "提案人",
        "主办单位",
        "办理结果",
        "答复日期",
        "重点",
        "见面",
        "满意度",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    /// Number, title, proposer, unit, result, reply date, key.
    type Row<'a> = (f64, &'a str, &'a str, &'a str, &'a str, (u16, u8, u8), bool);
    let rows: [Row; 2] = [
        (
            3.0,
            "关于改善学校周边交通的建议",
            "刘某某",
            "区教育局",
            "甲",
            (2019, 8, 15),
            true,
        ),
        (
            4.0,
            "关于增加社区医生的建议",
            "杨某某",
            "区卫健委",
            "留作参考",
            (2019, 10, 8),
            false,
        ),
    ];
    for (r, (no, title, who, unit, result, (y, m, d), key)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, *no).unwrap();
        sheet.write_string(r, 1, *title).unwrap();
        sheet.write_string(r, 2, *who).unwrap();
        sheet.write_string(r, 3, *unit).unwrap();
        sheet.write_string(r, 4, *result).unwrap();
        let when = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        sheet
            .write_datetime_with_format(r, 5, &when, &date)
            .unwrap();
        sheet.write_boolean(r, 6, *key).unwrap();
        sheet.write_string(r, 7, "是").unwrap();
        sheet.write_string(r, 8, "满意").unwrap();
    }
    book.save(&register).unwrap();

    let out = crate::support::gongkai_in(
        &site,
        &[
            "import",
            register.to_str().unwrap(),
            "--session",
            SESSION,
            "--lang",
            "en",
        ],
    );
    assert!(out.status.success(), "{}", lossy(&out.stderr));
    let written: Vec<String> = lossy(&out.stdout).lines().map(str::to_string).collect();
    assert_eq!(written.len(), 2, "{written:?}");
    let r3 = std::fs::read_to_string(site.join("content/proposals/2019/0003.yaml")).unwrap();
    for line in [
        "title: 关于改善学校周边交通的建议",
        "number: \"3\"",
        "status: solved",
        "replied_on: 2019-08-15",
        "key: true",
        "draft: true\ndisclosure: withheld",
    ] {
        assert!(r3.contains(line), "{line:?} missing from\n{r3}");
    }
    let r4 = std::fs::read_to_string(site.join("content/proposals/2019/0004.yaml")).unwrap();
    assert!(
        r4.contains("status: reference") && r4.contains("replied_on: 2019-10-08"),
        "{r4}"
    );
    // The drafts validate: the site still checks clean.
    let checked = crate::support::gongkai_in(&site, &["check"]);
    assert!(checked.status.success(), "{}", lossy(&checked.stderr));
}

#[test]
fn a_register_without_the_needed_columns_writes_nothing() {
    let (dir, site) = init_site_in_temp();
    let register = dir.path().join("r.csv");
    std::fs::write(&register, "编号,备注\n1,x\n").unwrap();
    let out = import(&site, &register);
    assert_eq!(out.status.code(), Some(1));
    let err = lossy(&out.stderr);
    assert!(
        err.contains(":1:1: error[E071]: 列标题行中没有“标题”列 — 请在这一行加上这一列，列标题写 标题、案由、题目"),
        "{err}"
    );
    assert_eq!(lossy(&out.stdout), "");
    let unknown = crate::support::gongkai_in(
        &site,
        &["import", register.to_str().unwrap(), "--session", "nope"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(lossy(&unknown.stderr).contains("找不到会议 \"nope\""));
}

#[test]
fn rows_that_cannot_be_mapped_are_listed_with_their_row_and_reason() {
    let (dir, site) = init_site_in_temp();
    let register = dir.path().join("r.csv");
    std::fs::write(
        &register,
        "编号,标题,主办单位,办理结果\n\
         21,关于增设公交站的建议,区交通局,A\n\
         22,,区民政局,A\n\
         21,关于重复编号的建议,区交通局,B\n\
         23,关于建设地铁的建议,区发改局,C\n",
    )
    .unwrap();
    let out = import(&site, &register);
    assert_eq!(out.status.code(), Some(1));
    let err = lossy(&out.stderr);
    let file = register.display().to_string();
    for expected in [
        format!("{file}:3:2: error[E072]: 这一行的“标题”是空的"),
        format!("{file}:4:1: error[E074]: 这一行与第 2 行都要写入 0021.yaml"),
        format!("{file}:5:4: error[E075]: “办理结果”为“C类（因条件限制暂不能解决）”，但没有写原因"),
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(&expected)),
            "{expected}\n{err}"
        );
    }
    assert_eq!(
        lossy(&out.stdout).lines().count(),
        1,
        "only row 2 is written"
    );

    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"not a zip file").unwrap();
    let out = crate::support::gongkai_in(
        &site,
        &["import", broken.to_str().unwrap(), "--session", SESSION],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = lossy(&out.stderr);
    assert!(err.contains("error[E070]: 无法读取登记表"), "{err}");
    assert_eq!(lossy(&out.stdout), "");
}

/// What a register leaves empty stays unstated: no category, no meeting, no
/// feedback, no key flag — never a "no" or 待反馈 the register did not say. A
/// 序号 column is recognised and not imported, and a row is reported at the
/// line the spreadsheet shows it on, Windows line ends and all.
#[test]
fn empty_cells_are_not_stated_and_rows_keep_their_spreadsheet_line() {
    let (dir, site) = init_site_in_temp();
    let register = dir.path().join("r.csv");
    std::fs::write(
        &register,
        "\u{feff}序号,标题,办理结果,重点,是否见面,满意度,是否办复,答复全文\r\n\
         1,关于增设公交站的建议,,,,,,\r\n\
         2,关于建设地铁的建议,X,,,,,\r\n\
         3,关于修缮公园的建议,乙,否,否,待反馈,是,来信收悉。\r\n",
    )
    .unwrap();
    let out = import(&site, &register);
    let err = lossy(&out.stderr);
    let file = register.display().to_string();
    // The bad row is the register's third line (the header is line 1).
    assert!(
        err.contains(&format!(
            "{file}:3:3: error[E073]: “办理结果”的值 \"X\" 无法识别"
        )),
        "{err}"
    );
    assert!(!err.contains("W070"), "序号 is a known column: {err}");
    let written: Vec<String> = lossy(&out.stdout).lines().map(str::to_string).collect();
    assert_eq!(written.len(), 2, "{written:?}\n{err}");
    let bare = std::fs::read_to_string(&written[0]).unwrap();
    assert!(bare.contains("第 2 行导入"), "{bare}");
    for unstated in [
        "status:",
        "reply:",
        "key:",
        "met_proposer:",
        "satisfaction:",
        "replied",
        "序号",
    ] {
        assert!(!bare.contains(unstated), "{unstated} in\n{bare}");
    }
    let stated = std::fs::read_to_string(&written[1]).unwrap();
    for line in [
        "status: in_progress",
        "key: false",
        "met_proposer: false",
        "satisfaction: pending",
        "replied: true",
        "reply: 来信收悉。",
    ] {
        assert!(stated.contains(line), "{line:?} missing from\n{stated}");
    }
    // A draft without a category checks clean.
    let checked = crate::support::gongkai_in(&site, &["check"]);
    assert!(checked.status.success(), "{}", lossy(&checked.stderr));
}

/// A site's own categories are matched by their labels, ids and wording.
#[test]
fn results_are_read_as_the_sites_own_categories() {
    let (dir, site) = init_site_in_temp();
    let site_yaml = site.join("content/site.yaml");
    let yaml = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(
        &site_yaml,
        format!(
            "{yaml}categories:\n  - {{id: jia, label: 甲类, meaning: 已解决}}\n  - {{id: yi, label: 乙类, meaning: 正在解决}}\n"
        ),
    )
    .unwrap();
    let register = dir.path().join("r.csv");
    std::fs::write(
        &register,
        "标题,办理结果\n关于一的建议,甲\n关于二的建议,乙类（正在解决）\n关于三的建议,jia\n关于四的建议,B\n",
    )
    .unwrap();
    let out = import(&site, &register);
    let err = lossy(&out.stderr);
    // B names a default category this site does not have.
    assert!(
        err.contains(
            "“办理结果”的值 \"B\" 无法识别 — 应为：甲类（已解决）、乙类（正在解决）（或分类的 id）"
        ),
        "{err}"
    );
    let written: Vec<String> = lossy(&out.stdout).lines().map(str::to_string).collect();
    let statuses: Vec<String> = written
        .iter()
        .map(|p| {
            let t = std::fs::read_to_string(p).unwrap();
            t.lines()
                .find_map(|l| l.strip_prefix("status: "))
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(statuses, ["jia", "yi", "jia"]);
}
/// A cell holds at most its field's one-line limit (as a record file's field
/// does, E042); prose columns hold more. The row is reported and skipped.
#[test]
fn a_cell_longer_than_its_field_is_an_error() {
    let (dir, site) = init_site_in_temp();
    let register = dir.path().join("r.csv");
    let long_title = "长".repeat(501);
    let prose = "办理情况。".repeat(400);
    std::fs::write(
        &register,
        format!(
            "编号,标题,主办单位,办理结果,办理情况\n\
             21,{long_title},区交通局,A,{prose}\n\
             22,关于建设地铁的建议,区发改局,A,{prose}\n\
             23,关于修缮公园的建议,{},A,\n",
            "局".repeat(600)
        ),
    )
    .unwrap();
    let out = import(&site, &register);
    assert_eq!(out.status.code(), Some(1));
    let err = lossy(&out.stderr);
    let file = register.display().to_string();
    for expected in [
        format!(
            "{file}:2:2: error[E077]: “标题”这一格有 501 个字，超过一行文字的上限 500 字 — 请在登记表中精简；长篇内容请放在“提案内容”“办理情况”这类正文列中"
        ),
        format!(
            "{file}:4:3: error[E077]: “主办单位”这一格有 600 个字，超过一行文字的上限 500 字 — "
        ),
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(&expected)),
            "{expected}\n{err}"
        );
    }
    let written: Vec<&str> = lossy(&out.stdout).leak().lines().collect();
    assert_eq!(written.len(), 1, "only row 3 is written: {err}");
    assert!(written[0].ends_with("0022.yaml"), "{written:?}");
}

/// Formats calamine would read into a dense grid are refused, in Chinese, as
/// are files that are missing or no register at all.
#[test]
fn unreadable_registers_are_explained_in_chinese() {
    let (dir, site) = init_site_in_temp();
    let hint = "请用 Excel 或 WPS 打开它，另存为 .xlsx 或 .csv（UTF-8 或 GBK 编码）后再导入";
    for (name, bytes, reason) in [
        (
            "r.xls",
            Some(&b"\xD0\xCF\x11\xE0"[..]),
            ".xls 格式的表格不能直接导入（只读 .xlsx 和 .csv）",
        ),
        (
            "r.ods",
            Some(&b"PK"[..]),
            ".ods 格式的表格不能直接导入（只读 .xlsx 和 .csv）",
        ),
        (
            "r.pdf",
            Some(&b"%PDF"[..]),
            "不认识“.pdf”这种文件，登记表要是 .xlsx 或 .csv 文件",
        ),
        ("missing.csv", None, "找不到这个文件"),
        (
            "renamed.xlsx",
            Some(&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an old .xls"[..]),
            "文件设有打开密码，或者是改了扩展名的旧版 .xls 文件",
        ),
    ] {
        let register = dir.path().join(name);
        if let Some(bytes) = bytes {
            std::fs::write(&register, bytes).unwrap();
        }
        let out = import(&site, &register);
        assert_eq!(out.status.code(), Some(1));
        let err = lossy(&out.stderr);
        let expected = format!(
            "{}: error[E070]: 无法读取登记表：{reason} — {hint}",
            register.display()
        );
        assert!(err.lines().any(|l| l == expected), "{expected}\n{err}");
    }
}

/// A column of contact data is never read, with a warning naming it; a mobile
/// number, ID number or e-mail address in an imported cell is an error at the
/// cell, masked (the row is not written), unless `public_contacts` lists it.
/// No output of the import repeats a number.
#[test]
fn personal_data_is_not_imported() {
    let (dir, site) = init_site_in_temp();
    let site_yaml = site.join("content/site.yaml");
    let yaml = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(
        &site_yaml,
        format!("{yaml}public_contacts: [\"027-84851234\", \"13700001111\"]\n"),
    )
    .unwrap();
    let register = dir.path().join("r.csv");
    std::fs::write(
        &register,
        "标题,领衔人手机,答复全文,电子邮箱\n\
         关于一的建议,13812345678,来信收悉。咨询请拨 13700001111。,li.si@example.com\n\
         关于二的建议,13912345678,请与王某联系：13987654321，wang.wu@example.com,\n",
    )
    .unwrap();
    let out = import(&site, &register);
    let err = lossy(&out.stderr);
    let file = register.display().to_string();
    assert!(!out.status.success(), "{err}");
    for expected in [
        format!("{file}:1:2: warning[W072]: “领衔人手机”列是个人联系方式，未导入"),
        format!("{file}:1:4: warning[W072]: “电子邮箱”列是个人联系方式，未导入"),
        format!("{file}:3:3: error[E049]: 登记表“答复全文”列（reply）中有手机号码 139****4321 — "),
        format!(
            "{file}:3:3: error[E049]: 登记表“答复全文”列（reply）中有电子邮箱地址 w***@example.com — "
        ),
    ] {
        assert!(err.contains(&expected), "{expected}\nnot in\n{err}");
    }
    assert!(!err.contains("W070"), "{err}");
    let all = format!("{}{err}", lossy(&out.stdout));
    for raw in [
        "13812345678",
        "13912345678",
        "13987654321",
        "li.si",
        "wang.wu",
    ] {
        assert!(!all.contains(raw), "{raw} printed:\n{all}");
    }
    // The first row is written, without the contact columns; the listed
    // number stays; the second row is not written.
    let written: Vec<String> = lossy(&out.stdout).lines().map(str::to_string).collect();
    assert_eq!(written.len(), 1, "{written:?}\n{err}");
    let record = std::fs::read_to_string(&written[0]).unwrap();
    assert!(record.contains("13700001111"), "{record}");
    for raw in ["13812345678", "li.si"] {
        assert!(!record.contains(raw), "{raw} in\n{record}");
    }
}

/// Registers as they come (issue 14, item 7): a merged title row, a blank
/// row and a 填报单位 row above the headings. The heading row is found and
/// named; messages name columns by the register's own headings (办理类别, not
/// the canonical 办理结果) at the register's real row and column; the
/// 交办日期 column is read as `assigned_on` in any form 答复日期 accepts.
const TITLED: &str = "2023年区政协提案办理情况一览表,,,,,,\n\
,,,,,,\n\
填报单位：区政府办公室,,,,填报日期：2023年12月,,\n\
序号,提案号,案由,主办单位,办理类别,交办日期,答复时间\n\
1,第４号,关于增设社区停车位的建议,区交通运输局,Ｂ类,２０１９年７月３日,2019.9.22\n\
2,第5号,关于加强养老服务的建议,区民政局,丁丁,2019.7.10,2019年9月30日\n\
3,第6号,,区民政局,A,2019年6月30日,\n\
4,第7号,关于修缮公园的建议,区园林局,A,七月初,\n";

fn titled_import(
    register: &std::path::Path,
) -> (std::path::PathBuf, tempfile::TempDir, String, String) {
    let (dir, site) = init_site_in_temp();
    let out = import(&site, register);
    assert_eq!(out.status.code(), Some(1), "{}", lossy(&out.stderr));
    (site, dir, lossy(&out.stdout), lossy(&out.stderr))
}

fn assert_titled(file: &str, site: &std::path::Path, stdout: &str, err: &str) {
    assert!(
        err.contains(&format!(
            "{file}:4: 列标题在第 4 行；上面 2 行是表格的标题，不导入：“2023年区政协提案办理情况一览表”、“填报单位：区政府办公室”"
        )),
        "{err}"
    );
    for expected in [
        format!("{file}:6:5: error[E073]: “办理类别”的值 \"丁丁\" 无法识别"),
        format!("{file}:7:3: error[E072]: 这一行的“案由”是空的"),
        format!("{file}:8:6: error[E073]: “交办日期”的值 \"七月初\" 无法识别"),
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(&expected)),
            "{expected}\n{err}"
        );
    }
    assert!(
        !err.contains("办理结果”"),
        "the register's own heading: {err}"
    );
    assert!(!err.contains("E071"), "{err}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}\n{err}");
    let record = std::fs::read_to_string(site.join("content/proposals/2019/0004.yaml")).unwrap();
    for line in [
        "\nnumber: 第4号\n",
        "\nstatus: in_progress\n",
        "\nassigned_on: 2019-07-03\n",
        "\nreplied_on: 2019-09-22\n",
        "第 5 行导入",
    ] {
        assert!(record.contains(line), "{line:?} missing from\n{record}");
    }
}

#[test]
fn the_heading_row_is_found_below_title_rows_in_utf8_and_gbk_csv() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("一览表.csv");
    std::fs::write(&utf8, TITLED).unwrap();
    let gbk = dir.path().join("一览表-gbk.csv");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(TITLED);
    assert!(!unmappable);
    std::fs::write(&gbk, &bytes).unwrap();
    for register in [utf8, gbk] {
        let (site, _keep, stdout, err) = titled_import(&register);
        assert_titled(&register.display().to_string(), &site, &stdout, &err);
    }
}

#[test]
fn the_heading_row_is_found_below_a_merged_title_row_in_xlsx() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("一览表.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let rows: Vec<Vec<&str>> = TITLED.lines().map(|l| l.split(',').collect()).collect();
    // Row 1 merged across the table, as offices make it; row 2 left blank.
    sheet
        .merge_range(0, 0, 0, 6, rows[0][0], &Format::new())
        .unwrap();
    for (r, cells) in rows.iter().enumerate().skip(2) {
        for (c, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(&register).unwrap();
    let (site, _keep, stdout, err) = titled_import(&register);
    assert_titled(&register.display().to_string(), &site, &stdout, &err);
}

#[test]
fn no_heading_row_in_the_first_rows_says_what_was_looked_for() {
    let (dir, site) = init_site_in_temp();
    let register = dir.path().join("r.csv");
    std::fs::write(&register, "一览表\n编码,名称,单位\n1,关于……,区交通局\n").unwrap();
    let out = import(&site, &register);
    assert_eq!(out.status.code(), Some(1));
    let err = lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}: error[E071]: 登记表前 10 行中找不到列标题行 — 导入按列标题认列，要找的是含有“标题”列的一行，列标题写 标题、案由、题目、提案标题",
            register.display()
        )),
        "{err}"
    );
    assert!(!err.contains("读取 0 行"), "no rows were read: {err}");
    assert_eq!(lossy(&out.stdout), "");
}

/// Outside a site `import` says what `build` says (E027), not that the
/// session is missing from an empty list.
#[test]
fn import_outside_a_site_is_e027_as_in_build() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("r.csv");
    std::fs::write(&register, "标题\n关于增设公交站的建议\n").unwrap();
    let nowhere = dir.path().join("empty");
    std::fs::create_dir(&nowhere).unwrap();
    let import = crate::support::gongkai_in(
        &nowhere,
        &["import", register.to_str().unwrap(), "--session", SESSION],
    );
    let build = crate::support::gongkai_in(&nowhere, &["build"]);
    let import_err = lossy(&import.stderr);
    let build_err = lossy(&build.stderr);
    assert_eq!(import.status.code(), build.status.code(), "{import_err}");
    let e027 = |s: &str| {
        s.lines()
            .find(|l| l.contains("error[E027]"))
            .map(str::to_string)
    };
    assert!(e027(&import_err).is_some(), "{import_err}");
    assert_eq!(e027(&import_err), e027(&build_err));
    assert!(!import_err.contains("找不到会议"), "{import_err}");
    assert!(!nowhere.join("content").exists(), "nothing written");
}
